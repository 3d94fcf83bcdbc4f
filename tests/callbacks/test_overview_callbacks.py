"""Overview callbacks called as plain functions (no server, no browser)."""

from __future__ import annotations

from typing import Any

import pytest
from dash import no_update

from callbacks.overview import overview_view, sync_url
from callbacks.routing import render_page
from dashboard.intake.model import Dataset
from dashboard.pages.overview import overview_payload
from dashboard.urlstate import OverviewState
from dashboard.urlstate import overview_state_of as state_from_inputs
from layouts import ids

MAP = "department"  # the overview map's level (the address's `map`, departments by default)
PLAIN = "plain"  # the trend's series (the address's `series`, plain by default)


def test_filter_change_writes_the_url(demo: Dataset) -> None:
    out = sync_url(
        demo, ids.CHANNELS, "?edition=2022", 2021, ["region"], ["phone"], "44", PLAIN, MAP, "en"
    )
    assert out[0] == "?edition=2021&category=region&channel=phone&region=44&lang=en"
    assert all(v is no_update for v in out[1:])


def test_url_lists_follow_the_schema_order_not_the_click_order(demo: Dataset) -> None:
    out = sync_url(
        demo, ids.CATEGORIES, "", 2022, ["region", "city_50k_plus"], [], None, PLAIN, MAP, "fr"
    )
    assert out[0] == "?edition=2022&category=city_50k_plus,region"


def test_unchanged_filters_leave_the_url_alone(demo: Dataset) -> None:
    out = sync_url(demo, ids.EDITION, "?edition=2022", 2022, [], [], None, PLAIN, MAP, "fr")
    assert out[0] is no_update


def test_url_change_sets_the_filters(demo: Dataset) -> None:
    search = "?edition=2020&category=department,nope&channel=mail"
    out = sync_url(demo, ids.OVERVIEW_URL, search, 2022, [], [], None, PLAIN, MAP, "fr")
    assert out[0] is no_update
    assert out[1:] == (2020, ["department"], ["mail"], None, "plain", "department")


def test_state_from_inputs_is_none_safe() -> None:
    assert state_from_inputs("2021", None, None, "", "xx") == OverviewState(2021)


@pytest.mark.parametrize(
    ("path", "search", "expected"),
    [
        ("/", "", "Vue d'ensemble du baromètre"),
        ("/", "?lang=en", "Barometer overview"),
        ("/data", "", "Dictionnaire des données"),
        ("/data", "?lang=en", "Data dictionary"),
        ("/benchmark", "", "Ma structure"),
        ("/nowhere", "?lang=en", "Page not found"),
    ],
)
def test_pages_render_in_their_language(
    services: Any, path: str, search: str, expected: str
) -> None:
    page, lang, doc = render_page(services, path, search)
    assert expected in str(page)
    assert lang == doc["lang"] == ("en" if "lang=en" in search else "fr")
    assert "Données de démonstration" in str(page) or "Demo data" in str(page)


def test_invalid_url_values_give_a_notice(services: Any) -> None:
    page, _, _ = render_page(services, "/", "?edition=1999&channel=fax")
    text = str(page)
    assert "edition" in text and "1999" in text and "fax" in text


def test_url_the_page_just_wrote_leaves_the_filters_alone(demo: Dataset) -> None:
    """Writing the URL comes back as a URL change: the filters already show it, so nothing
    is set again (setting them would redraw the whole page for nothing)."""
    search = "?edition=2021&category=region&channel=phone&lang=en"
    out = sync_url(
        demo, ids.OVERVIEW_URL, search, 2021, ["region"], ["phone"], None, PLAIN, MAP, "en"
    )
    assert all(v is no_update for v in out)


def _component(tree: Any, component_id: str) -> Any:
    return next(c for c in tree._traverse() if getattr(c, "id", None) == component_id)


def test_the_first_render_comes_drawn(services: Any, demo: Dataset) -> None:
    """The routing answer carries the view's figures, cards and trophy list: the page does
    not wait for another round trip before it draws (the page's callback then only follows
    the filters)."""
    page, _, _ = render_page(services, "/", "?edition=2021&category=region&lang=en")
    expected = overview_payload(demo, OverviewState(2021, ("region",), lang="en"))
    for chart in (ids.HEATMAP, ids.DISTRIBUTION, ids.TREND):
        assert _component(page, chart.graph).figure == expected.charts[chart.name].figure
    assert _component(page, ids.SUBTITLE).children == expected.subtitle
    assert "Région" in str(_component(page, ids.WINNERS.table).children)
    assert _component(page, ids.CARDS).children is not None


def test_an_edition_not_in_the_data_is_named_with_the_one_shown(services: Any) -> None:
    page, _, _ = render_page(services, "/", "?edition=2012&lang=en")
    text = str(page)
    assert "The 2012 edition is not in the data (editions 2013 to 2022)" in text
    assert "here is the 2022 edition" in text


@pytest.mark.parametrize("value", ["²⁰²²", "2" * 5000, "2022.0", "-2022", "٢٠٢٢"])
def test_odd_editions_in_the_address_fall_back_with_a_notice(services: Any, value: str) -> None:
    from urllib.parse import quote

    page, _, _ = render_page(services, "/", f"?edition={quote(value)}")
    assert "Vue d'ensemble" in str(page)
    assert len(str(page)) < 400_000  # the refused value is cut, not echoed whole


def test_the_blocks_view_is_the_filters_checked(demo: Dataset) -> None:
    """The tables and CSVs of the blocks are built from the filters' values as the browser
    sends them, checked as the address's are: a forged value is dropped, an edition the
    dataset lacks gives nothing."""
    view = overview_view(demo, 2022, ["region", "<b>"], ["phone"], None, PLAIN, MAP, "en")
    assert view is not None
    assert view.state == state_from_inputs(
        2022, ["region"], ["phone"], None, "en", demo.editions, series=PLAIN, map_level=MAP
    )
    assert view.lang == "en" and view.edition == 2022
    assert overview_view(demo, 1999, [], [], None, PLAIN, MAP, "fr") is None
