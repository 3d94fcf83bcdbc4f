"""The territory blocks of other pages (issue 17): the overview's map of mean global scores
(departments or regions, with n, grey where too few; it follows the filters) and « Ma
structure »'s "your territory on public indicators" (rank, value, median, a link to the
« Territoires » page; a one-line note when nothing is loaded)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.figures.territory_frames import MIN_STRUCTURES_SHOWN
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import Level
from dashboard.pages import benchmark, overview
from dashboard.pages.sections import csv_file, table_view
from dashboard.urlstate import BenchmarkState, OverviewState
from tests.unit.figures.test_territories import VALUES_2020, VALUES_2022, table_of

BOURG = "W-BOURG-EN-BRESSE"  # a city of Ain (01)
GRAND_EST = "W-GRAND-EST"  # a regional council (44)


def tiles_of(payload: overview.OverviewPayload) -> dict[str, dict]:
    figure = payload.charts[overview.MAP_BLOCK.name].figure
    return {tile["code"]: tile for tile in figure["tiles"]}


def test_the_overview_map_by_department_and_by_region(demo: Dataset) -> None:
    by_department = tiles_of(overview.overview_payload(demo, OverviewState(2022)))
    assert len(by_department) == 101
    by_region = tiles_of(
        overview.overview_payload(demo, OverviewState(2022, map_level="region", lang="en"))
    )
    assert len(by_region) == 18
    assert (
        "out of 100" in by_region["11"]["name"] and "structures audited" in by_region["11"]["name"]
    )
    view = overview.OverviewView(demo, OverviewState(2022, map_level="region"))
    frame = overview.MAP_BLOCK.frame(view).set_index("entity_code")
    for code, tile in by_region.items():
        if frame.loc[code, "n_structures"] >= MIN_STRUCTURES_SHOWN:
            assert tile["colour"] != "#D9D9D9"
        else:
            assert tile["colour"] == "#D9D9D9"


def test_few_structures_give_a_grey_tile_that_says_why(demo: Dataset) -> None:
    tiles = tiles_of(overview.overview_payload(demo, OverviewState(2022)))
    view = overview.OverviewView(demo, OverviewState(2022))
    frame = overview.MAP_BLOCK.frame(view).set_index("entity_code")
    few = frame[(frame["n_structures"] > 0) & (frame["n_structures"] < MIN_STRUCTURES_SHOWN)]
    none = frame[frame["n_structures"] == 0]
    assert len(few) and len(none)
    code = few.index[0]
    assert tiles[code]["colour"] == "#D9D9D9"
    assert "pas de moyenne (moins de 3)" in tiles[code]["name"]
    assert tiles[none.index[0]]["colour"] == "#D9D9D9"
    assert "0 structure auditée" in tiles[none.index[0]]["name"]


def test_the_overview_map_follows_the_filters_and_outlines_the_region(demo: Dataset) -> None:
    state = OverviewState(2022, region="84", map_level="region")
    tiles = tiles_of(overview.overview_payload(demo, state))
    assert [code for code, tile in tiles.items() if tile["selected"]] == ["84"]
    assert all(tile["colour"] == "#D9D9D9" for code, tile in tiles.items() if code != "84")
    view = overview.OverviewView(demo, state)
    rows = table_view(overview.MAP_BLOCK, view).rows
    assert len(rows) == 18 and rows[0][0] == "Guadeloupe (01)"
    download = csv_file(overview.MAP_BLOCK, view)
    assert download.content.splitlines()[0].lstrip("\ufeff") == (
        "Territoire;Structures;Tests;Score global moyen"
    )


def test_no_structure_anywhere_says_why(demo: Dataset) -> None:
    payload = overview.overview_payload(demo, OverviewState(2019, channels=("social",)))
    assert payload.charts[overview.MAP_BLOCK.name].empty_message is not None


def tables() -> tuple:
    return (table_of({2020: VALUES_2020, 2022: VALUES_2022}, unit="% de réseaux")
            .with_store_info("barometre", None),)  # fmt: skip


def test_your_territory_on_public_indicators(demo: Dataset) -> None:
    payload = benchmark.benchmark_payload(demo, BenchmarkState(BOURG, 2022), False, tables())
    assert payload is not None
    block = payload.charts[benchmark.TERRITORY_BLOCK.name]
    assert block.empty_message is None
    (item,) = block.figure["items"]
    assert item["title"] == "Taux"
    text = " ".join(item["lines"]).replace("\u00a0", " ").replace("\u202f", " ")
    assert "Ain (01), 2022 : rang 8 / 8" in text
    assert "Valeur : 10 % de réseaux ; médiane : 45 % de réseaux" in text
    assert item["href"] == "/territoires?indicator=barometre.tx&period=2022&entity=01"
    view = benchmark.BenchmarkView(demo, BenchmarkState(BOURG, 2022, lang="en"), False, tables())
    rows = table_view(benchmark.TERRITORY_BLOCK, view).rows
    assert rows == [["Taux", "2022", "Ain (01)", "8", "8", "10", "45", "80", "% de réseaux"]]
    content = csv_file(benchmark.TERRITORY_BLOCK, view).content.lstrip("\ufeff")
    assert content.splitlines()[1] == "Taux,2022,Ain (01),8,8,10,45,80,% de réseaux"


def test_a_regional_council_is_compared_on_its_region(demo: Dataset) -> None:
    regions = table_of({2021: {"44": 3.0, "11": 5.0, "84": 4.0}}, level=Level.REGION)
    loaded = (regions.with_store_info("regions", None),)
    payload = benchmark.benchmark_payload(demo, BenchmarkState(GRAND_EST, 2022, lang="en"),
                                          False, loaded)  # fmt: skip
    assert payload is not None
    (item,) = payload.charts[benchmark.TERRITORY_BLOCK.name].figure["items"]
    assert "rank 3 / 3" in item["lines"][0]
    assert (
        item["href"]
        == "/territoires?indicator=regions.tx&period=2021&level=region&entity=44&lang=en"
    )


def test_one_line_when_nothing_is_loaded_or_nothing_applies(demo: Dataset) -> None:
    payload = benchmark.benchmark_payload(demo, BenchmarkState(BOURG, 2022, lang="en"), False)
    assert payload is not None
    message = payload.charts[benchmark.TERRITORY_BLOCK.name].empty_message
    assert message == (
        "No public indicator is loaded (command: python -m dashboard indicators import FILE.csv)."
    )
    elsewhere = (table_of({2022: {"75": 1.0}}).with_store_info("paris", None),)
    payload = benchmark.benchmark_payload(demo, BenchmarkState(BOURG, 2022), False, elsewhere)
    assert payload is not None
    message = payload.charts[benchmark.TERRITORY_BLOCK.name].empty_message
    assert message == "Aucun indicateur public chargé n'a de valeur pour Ain (01)."
    view = benchmark.BenchmarkView(demo, BenchmarkState(BOURG, 2022), False)
    assert table_view(benchmark.TERRITORY_BLOCK, view).rows == []
    assert isinstance(benchmark.TERRITORY_BLOCK.frame(view), pd.DataFrame)


def test_regional_councils_alone_are_sent_to_the_map_of_regions(demo: Dataset) -> None:
    """Regional councils have no department: the map of departments says to switch to the
    map of regions, which shows them."""
    state = OverviewState(2022, categories=("region",))
    by_department = overview.overview_payload(demo, state).charts[overview.MAP_BLOCK.name]
    assert "Carte par région" in (by_department.empty_message or "")
    by_region = overview.overview_payload(demo, replace(state, map_level="region"))
    assert by_region.charts[overview.MAP_BLOCK.name].empty_message is None
