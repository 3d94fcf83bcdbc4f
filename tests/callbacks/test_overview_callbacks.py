"""Overview callbacks called as plain functions (no server, no browser)."""

from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from dash import no_update

from callbacks.overview import overview_csv, overview_table, sync_url
from callbacks.routing import render_page
from dashboard.figures.aggregates import Selection, aggregates_for
from dashboard.figures.overview import category_channel_means, category_trend
from dashboard.intake.model import Dataset
from dashboard.pages.overview import overview_payload
from dashboard.render.tables import round_as_shown
from dashboard.urlstate import OverviewState
from dashboard.urlstate import overview_state_of as state_from_inputs
from layouts import ids
from tests.plotly_data import decode


def test_filter_change_writes_the_url(demo: Dataset) -> None:
    out = sync_url(demo, ids.CHANNELS, "?edition=2022", 2021, ["region"], ["phone"], "44", "en")
    assert out[0] == "?edition=2021&category=region&channel=phone&region=44&lang=en"
    assert all(v is no_update for v in out[1:])


def test_url_lists_follow_the_schema_order_not_the_click_order(demo: Dataset) -> None:
    out = sync_url(demo, ids.CATEGORIES, "", 2022, ["region", "city_50k_plus"], [], None, "fr")
    assert out[0] == "?edition=2022&category=city_50k_plus,region"


def test_unchanged_filters_leave_the_url_alone(demo: Dataset) -> None:
    out = sync_url(demo, ids.EDITION, "?edition=2022", 2022, [], [], None, "fr")
    assert out[0] is no_update


def test_url_change_sets_the_filters(demo: Dataset) -> None:
    search = "?edition=2020&category=department,nope&channel=mail"
    out = sync_url(demo, ids.OVERVIEW_URL, search, 2022, [], [], None, "fr")
    assert out[0] is no_update
    assert out[1:] == (2020, ["department"], ["mail"], None)


@pytest.fixture(scope="module")
def payload_fr(demo: Dataset) -> dict[str, Any]:
    return overview_payload(demo, OverviewState(2022))


def test_heatmap_draws_the_group_means(demo: Dataset, payload_fr: dict[str, Any]) -> None:
    frame = category_channel_means(aggregates_for(demo), Selection(2022))
    z = decode(payload_fr.charts["overview-heatmap"].figure["data"][0]["z"])
    drawn = sorted(z[~np.isnan(z)])  # NaN: channel not tested in that category
    assert drawn == pytest.approx(sorted(frame["mean_score"]))


def test_csv_download_is_the_drawn_numbers_rounded_as_shown(
    demo: Dataset, payload_fr: dict[str, Any]
) -> None:
    csv = overview_csv(demo, OverviewState(2022), ids.TREND.name)
    assert csv.filename == "trend-2022.csv"
    table = pd.read_csv(io.StringIO(csv.content.lstrip("\ufeff")), sep=";", decimal=",")
    trend = category_trend(aggregates_for(demo), Selection(2022))
    # What is drawn, rounded as the table shows it (one decimal).
    assert table.iloc[:, 2].tolist() == [round_as_shown(v) for v in trend["mean_score"]]
    drawn = [
        y
        for trace in payload_fr.charts["overview-trend"].figure["data"]
        for y in decode(trace["y"])
    ]
    assert sorted(table.iloc[:, 2]) == sorted(round_as_shown(y) for y in drawn)
    first = csv.content.splitlines()[1].split(";")
    assert re.fullmatch(r"\d+,\d", first[2]), first  # "81,3": one decimal, a decimal comma


def test_cards_are_french_formatted(payload_fr: dict[str, Any]) -> None:
    cards = {c.name: c for c in payload_fr.cards}
    assert len(cards) == 10
    assert cards["structures_audited"].value == "311"
    assert cards["phone_first_attempt_pct"].value.replace("\u202f", " ") == "77 %"
    assert cards["phone_mean_rings"].value == "5,5"
    assert cards["phone_mean_rings"].verdict == "bad"  # 2.2 -> 5.5 rings is worse
    assert cards["social_private_reply_pct"].verdict == "good"


def test_english_payload(demo: Dataset) -> None:
    payload = overview_payload(demo, OverviewState(2022, lang="en"))
    cards = {c.name: c for c in payload.cards}
    assert cards["phone_first_attempt_pct"].value == "77%"
    assert payload.subtitle.startswith("2022 edition: 311 structures")
    assert payload.charts["overview-heatmap"].figure["layout"]["separators"] == ".,"


def test_winners_are_the_seed_trophies(payload_fr: dict[str, Any]) -> None:
    rows = payload_fr.tables[ids.WINNERS.name].rows
    names = {row[1] for row in rows}
    assert {"Ville de Strasbourg", "Région Grand Est", "Département de la Mayenne"} <= names


def test_distribution_is_anonymous(demo: Dataset, payload_fr: dict[str, Any]) -> None:
    table = overview_table(demo, OverviewState(2022), ids.DISTRIBUTION.name)
    assert len(table.rows) == 311  # every structure audited in 2022, by category and score
    text = str(payload_fr.charts["overview-distribution"].figure) + str(table)
    for name in demo.structures["name"].head(200):
        assert name not in text
    for sid in demo.structures["structure_id"].head(200):
        assert f"'{sid}'" not in text


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
    out = sync_url(demo, ids.OVERVIEW_URL, search, 2021, ["region"], ["phone"], None, "en")
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


def test_a_channel_filter_applies_to_the_headline_counts_and_indicators(demo: Dataset) -> None:
    """Contract v1.1, §5 Filters: counts and indicators follow the channel filter; the cards
    of unselected channels are not shown as if they applied; axis titles name the channels."""
    everything = overview_payload(demo, OverviewState(2022))
    visit = overview_payload(demo, OverviewState(2022, channels=("physical", "phone")))
    tests = demo.tests[
        (demo.tests["edition"] == 2022) & demo.tests["channel"].isin(["physical", "phone"])
    ]
    structures = tests["structure_id"].nunique()
    visits = demo.tests[(demo.tests["edition"] == 2022) & (demo.tests["channel"] == "physical")]
    assert visits["structure_id"].nunique() < structures < 400
    subtitle = visit.subtitle.replace("\u202f", " ").replace("\u00a0", " ")
    n_tests = f"{len(tests):,}".replace(",", " ")
    assert f"{structures} structures auditées, {n_tests} tests" in subtitle
    shown = [card.name for card in visit.cards]
    assert shown == [
        "structures_audited", "physical_mean_score", "phone_first_attempt_pct", "phone_mean_rings",
    ]  # fmt: skip
    assert "6 indicateurs" in visit.cards_note and "téléphone" in visit.cards_note
    audited = next(c for c in visit.cards if c.name == "structures_audited")
    assert audited.value == str(structures)
    assert audited.basis.replace("\u202f", " ") == f"sur {n_tests} tests"
    axis = visit.charts["overview-distribution"].figure["layout"]["xaxis"]["title"]["text"]
    assert axis == "Score global sur accueil physique, téléphone (sur 100)"
    trend_axis = visit.charts["overview-trend"].figure["layout"]["yaxis"]["title"]["text"]
    assert trend_axis == "Score global moyen sur accueil physique, téléphone"
    assert everything.cards_note == "" and len(everything.cards) == 10


def test_empty_views_say_why(demo: Dataset) -> None:
    social_2019 = overview_payload(demo, OverviewState(2019, channels=("social",)))
    message = social_2019.charts["overview-heatmap"].empty_message.replace("\u00a0", " ")
    assert message.startswith("Le canal « Réseaux sociaux » n'a pas été audité en 2019")
    assert (
        social_2019.charts["overview-distribution"].empty_message
        == social_2019.charts["overview-heatmap"].empty_message
    )
    assert (
        social_2019.charts["overview-trend"].empty_message is None
    )  # social has editions to draw: 2021, 2022
    france_services_2015 = overview_payload(
        demo, OverviewState(2015, categories=("france_services",), lang="en")
    )
    assert france_services_2015.charts["overview-heatmap"].empty_message == (
        "No structure of the “France Services centres” category was audited in 2015."
    )
    full = overview_payload(demo, OverviewState(2022))
    assert all(chart.empty_message is None for chart in full.charts.values())


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
