"""The overview page (dashboard.pages.overview): its payload, tables and CSVs for a state, checked
against numbers computed independently."""

from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from callbacks.overview import overview_csv, overview_table
from dashboard.figures.aggregates import Selection, aggregates_for
from dashboard.figures.overview import category_channel_means, category_trend
from dashboard.intake.model import Dataset
from dashboard.pages.overview import OverviewPayload, overview_payload
from dashboard.render.tables import round_as_shown
from dashboard.urlstate import OverviewState
from layouts import ids
from tests.plotly_data import decode


@pytest.fixture(scope="module")
def payload_fr(demo: Dataset) -> OverviewPayload:
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
