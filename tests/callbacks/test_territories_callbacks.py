"""« Territoires » callbacks called as plain functions (no server, no browser): the page's
first render (filled, or saying how to load a table), controls <-> address, the blocks'
tables and CSVs, the overview map's level in the address, and answers that follow an
indicator import (the memo's key holds the indicator tables' version)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from dash import no_update

from callbacks.overview import sync_url as overview_sync
from callbacks.routing import render_page
from callbacks.territories import (
    SYNC_OUTPUTS,
    build_territories_page,
    cached_territories,
    sync_url,
    territory_view,
)
from dashboard.intake.indicator_store import IndicatorStore
from dashboard.intake.model import Dataset
from dashboard.pages.sections import csv_file, table_view
from dashboard.pages.territories import SECTION_BY_NAME
from dashboard.urlstate import TerritoryState
from layouts import ids

KEY = "taux.transparence"
DELAY = "taux.delai"
LONG_CSV = """entity_code;entity_label;indicator_id;indicator_label;period;value;unit;direction
01;Ain;transparence;Part des lieux qui publient;2021;30;%;
01;Ain;transparence;Part des lieux qui publient;2022;45,5;%;
2A;Corse-du-Sud;transparence;Part des lieux qui publient;2022;60;%;
2B;Haute-Corse;transparence;Part des lieux qui publient;2022;20;%;
75;Paris;transparence;Part des lieux qui publient;2022;50;%;
01;Ain;delai;Délai de réponse;2022;4;jours;lower_is_better
75;Paris;delai;Délai de réponse;2022;2;jours;lower_is_better
"""


def _component(tree: Any, component_id: str) -> Any:
    return next(c for c in tree._traverse() if getattr(c, "id", None) == component_id)


def load(services: Any, tmp_path: Path) -> tuple:
    source = tmp_path / "taux.csv"
    source.write_text(LONG_CSV, encoding="utf-8")
    result = IndicatorStore(services.settings.data_dir).import_path(source)
    assert result.ok, result.validation.problems
    return services.indicator_tables()


def test_with_nothing_loaded_the_page_says_how_to_load_a_table(services: Any) -> None:
    page, _, doc = render_page(services, "/territoires", "?indicator=x&lang=en")
    text = str(page)
    assert "No public indicator table is loaded" in text
    assert "python -m dashboard indicators import FILE.csv" in text
    assert doc["title"].startswith("Territories")
    assert ids.TERRITORY_HEADLINE not in text  # no empty frames


def test_the_navbar_links_the_page(services: Any) -> None:
    page, _, _ = render_page(services, "/", "?lang=en")
    link = next(c for c in page._traverse() if getattr(c, "href", None) == "/territoires?lang=en")
    assert link.children == "Territories"


def test_the_first_render_comes_drawn(services: Any, tmp_path: Path) -> None:
    tables = load(services, tmp_path)
    page, _, _ = render_page(services, "/territoires", "?entity=01&period=1999")
    payload = cached_territories(services)(TerritoryState(KEY, 2022, entity="01"))
    assert payload is not None
    cards = _component(page, ids.TERRITORY_HEADLINE).children
    assert "3 / 4" in str(cards)  # 60, 50, 45.5, 20: Ain is third of four
    map_block = _component(page, ids.TERRITORY_MAP.graph).children
    assert "Ain (01)" in str(map_block)
    assert _component(page, ids.TERRITORY_TRAJECTORY.graph).figure == (
        payload.charts[ids.TERRITORY_TRAJECTORY.name].figure
    )
    notice = str(_component(page, ids.URL_NOTICE))
    assert "period" in notice and "1999" in notice  # refused: the latest period is shown
    assert _component(page, ids.TERRITORY_ENTITY).value == "01"
    assert len(tables) == 1


def test_a_control_writes_the_address(services: Any, tmp_path: Path) -> None:
    tables = load(services, tmp_path)
    out = sync_url(tables, ids.TERRITORY_ENTITY, "", KEY, 2022, "department", "2A", "all", "en")
    assert out[0] == f"?indicator={KEY}&period=2022&entity=2A&lang=en"
    assert all(v is no_update for v in out[1:])
    # Another indicator: its periods, territories and peer groups come with it, and the
    # territory is kept when the new indicator has it.
    out = sync_url(tables, ids.TERRITORY_INDICATOR, "", DELAY, 2021, "department", "01", "all",
                   "fr")  # fmt: skip
    values = dict(zip(SYNC_OUTPUTS, out, strict=True))
    assert values[(ids.TERRITORY_URL, "search")] == f"?indicator={DELAY}&period=2022&entity=01"
    assert values[(ids.TERRITORY_PERIOD, "value")] == 2022
    assert [o["value"] for o in values[(ids.TERRITORY_PERIOD, "options")]] == [2022]
    assert [o["value"] for o in values[(ids.TERRITORY_ENTITY, "options")]] == ["01", "75"]
    assert values[(ids.TERRITORY_LEVEL_FIELD, "hidden")] is True


def test_a_forged_value_is_set_back(services: Any, tmp_path: Path) -> None:
    tables = load(services, tmp_path)
    out = sync_url(tables, ids.TERRITORY_PEERS, "", KEY, 2022, "department", "99", {"x": 1},
                   "fr")  # fmt: skip
    values = dict(zip(SYNC_OUTPUTS, out, strict=True))
    assert values[(ids.TERRITORY_URL, "search")] == f"?indicator={KEY}&period=2022"
    assert values[(ids.TERRITORY_ENTITY, "value")] is None
    assert values[(ids.TERRITORY_PEERS, "value")] == "all"


def test_the_address_sets_the_controls_and_the_page_own_writes_do_not(
    services: Any, tmp_path: Path
) -> None:
    tables = load(services, tmp_path)
    search = f"?indicator={KEY}&period=2021&entity=01&peers=region"
    out = sync_url(tables, ids.TERRITORY_URL, search, KEY, 2022, "department", None, "all", "fr")
    values = dict(zip(SYNC_OUTPUTS, out, strict=True))
    assert values[(ids.TERRITORY_PERIOD, "value")] == 2021
    assert values[(ids.TERRITORY_ENTITY, "value")] == "01"
    assert values[(ids.TERRITORY_PEERS, "value")] == "region"
    same = sync_url(tables, ids.TERRITORY_URL, search, KEY, 2021, "department", "01", "region",
                    "fr")  # fmt: skip
    assert all(v is no_update for v in same)


def test_tables_and_csv_of_the_blocks(services: Any, tmp_path: Path) -> None:
    tables = load(services, tmp_path)
    state = TerritoryState(KEY, 2022, entity="01", lang="en")
    view = territory_view(tables, state)
    assert view is not None
    table = table_view(SECTION_BY_NAME[ids.TERRITORY_DISTRIBUTION.name], view)
    assert table.rows[2] == ["Ain (01)", "3", "45.5", "%"]
    download = csv_file(SECTION_BY_NAME[ids.TERRITORY_TRAJECTORY.name], view)
    assert download.filename == "trajectory-2022.csv"
    assert download.content.splitlines()[1].startswith("2021,30,")
    assert territory_view((), TerritoryState()) is None


def test_answers_follow_an_indicator_import(services: Any, demo: Dataset, tmp_path: Path) -> None:
    """The page's memo is keyed by the indicator tables' version too: an import shows at
    once, never a stale answer (the same holds for « Ma structure »'s block)."""
    before = build_territories_page(services, "", "fr")[0]
    assert "python -m dashboard indicators import" in str(before)
    version = services.data_version()
    load(services, tmp_path)
    assert services.data_version() != version
    after = build_territories_page(services, "", "fr")[0]
    assert "Part des lieux qui publient" in str(after)


@pytest.mark.parametrize("level", ["region", "department"])
def test_the_overview_map_level_is_in_the_address(demo: Dataset, level: str) -> None:
    out = overview_sync(demo, ids.OVERVIEW_MAP_LEVEL, "?edition=2022", 2022, [], [], None,
                        "plain", level, "fr")  # fmt: skip
    assert out[0] == ("?edition=2022&map=region" if level == "region" else no_update)
    back = overview_sync(demo, ids.OVERVIEW_URL, "?edition=2022&map=region", 2022, [], [], None,
                         "plain", "department", "fr")  # fmt: skip
    assert back[-1] == "region"
