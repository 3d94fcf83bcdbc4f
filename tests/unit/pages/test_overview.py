"""The overview page (dashboard.pages.overview): its payload, tables and CSVs for a state, checked
against numbers computed independently."""

from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest

from dashboard.figures.aggregates import Selection, aggregates_for
from dashboard.figures.overview import category_channel_means, category_trend
from dashboard.intake.model import Dataset
from dashboard.pages.overview import (
    SECTION_BY_NAME,
    OverviewPayload,
    OverviewView,
    overview_payload,
)
from dashboard.pages.sections import CsvFile, csv_file, table_view
from dashboard.render.tables import TablePayload, round_as_shown
from dashboard.urlstate import OverviewState
from layouts import ids
from tests.plotly_data import decode


def overview_table(dataset: Dataset, state: OverviewState, chart_name: str) -> TablePayload:
    """A block's "see as table" view, as the page's table callback builds it."""
    return table_view(SECTION_BY_NAME[chart_name], OverviewView(dataset, state))


def overview_csv(dataset: Dataset, state: OverviewState, chart_name: str) -> CsvFile:
    """A block's CSV file, as the page's download callback builds it."""
    return csv_file(SECTION_BY_NAME[chart_name], OverviewView(dataset, state))


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
    assert len(cards) == 11  # the ten headline indicators and the mean global score
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
        "structures_audited", "global_mean_score", "physical_mean_score",
        "phone_first_attempt_pct", "phone_mean_rings",
    ]  # fmt: skip
    assert "6 indicateurs" in visit.cards_note and "téléphone" in visit.cards_note
    audited = next(c for c in visit.cards if c.name == "structures_audited")
    assert audited.value == str(structures)
    assert audited.basis.replace("\u202f", " ").startswith(f"sur {n_tests} tests (")
    axis = visit.charts["overview-distribution"].figure["layout"]["xaxis"]["title"]["text"]
    assert axis == "Score global sur accueil physique, téléphone (sur 100)"
    trend_axis = visit.charts["overview-trend"].figure["layout"]["yaxis"]["title"]["text"]
    # (a long title goes on two lines, text_metrics.y_title)
    assert trend_axis.replace("<br>", " ") == "Score global moyen sur accueil physique, téléphone"
    assert everything.cards_note == "" and len(everything.cards) == 11


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


# --- Honest comparisons (issue 16, contract §5b) ------------------------------------------


def spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_share_within_the_two_proportion_noise_is_grey_and_called_stable() -> None:
    """50 % of 100 tests, then 60 % of 100: SE = 100 × √(0.5 × 0.5 / 100 + 0.6 × 0.4 / 100)
    = 7.0 points; +10 is under 1.645 × 7.0 = 11.5: stable. 45 % then 60 % is beyond it."""
    from dashboard.figures.uncertainty import share_change_test
    from dashboard.pages.overview import CardFacts, indicator_card

    def card(before: float) -> Any:
        test = share_change_test(60.0, 100, before, 100)
        facts = CardFacts("email_within_10d_pct", "Courriels", 60.0, 100, "tests", "pct", True,
                          2021, before, 100, test)  # fmt: skip
        return indicator_card(facts, "fr")

    within = card(50.0)
    assert (within.verdict, within.direction) == ("noise", "up")
    assert spaces(within.change) == "+10 pts depuis 2021 : stable (dans la marge de mesure)"
    assert spaces(within.basis) == "sur 100 tests (100 en 2021) ; marge à 90 % : ± 11,5 pts"
    assert within.verdict_text == ""  # neither good nor bad news
    beyond = card(45.0)
    assert (beyond.verdict, beyond.direction) == ("good", "up")
    assert spaces(beyond.change) == "+15 pts depuis 2021 : hausse (au-delà de la marge de mesure)"


def test_the_demo_cards_call_only_real_changes_rises_or_falls(payload_fr: OverviewPayload) -> None:
    cards = {c.name: c for c in payload_fr.cards}
    # 77 % against 96 %: far beyond the noise.
    assert cards["phone_first_attempt_pct"].verdict == "bad"
    # 55 % of 538 email tests against 58 % of 603: within it.
    assert cards["email_within_10d_pct"].verdict == "noise"
    assert "stable (dans la marge de mesure)" in spaces(cards["email_within_10d_pct"].change)
    assert cards["structures_audited"].verdict == "neutral"  # a count, no test


def test_the_mean_global_score_card_gives_the_like_for_like_change(demo: Dataset) -> None:
    """Regions: +12 points from 2021 to 2022 (the demo's calibration, §6), and the same
    structures alone, like for like, beside it (computed here with plain pandas)."""
    payload = overview_payload(demo, OverviewState(2022, categories=("region",)))
    card = {c.name: c for c in payload.cards}["global_mean_score"]
    agg = aggregates_for(demo)
    now = agg.global_scores(Selection(2022, ("region",))).set_index("structure_id")["score"]
    then = agg.global_scores(Selection(2021, ("region",))).set_index("structure_id")["score"]
    both = now.index.intersection(then.index)
    plain = now.mean() - then.mean()
    same = (now[both] - then[both]).mean()
    assert card.value == f"{now.mean():.1f} / 100".replace(".", ",")
    assert spaces(card.change).startswith(f"+{plain:.1f} depuis 2021 : hausse".replace(".", ","))
    expected = f"à périmètre constant : +{same:.1f} ({len(both)} structures présentes".replace(
        ".", ","
    )
    assert spaces(card.like_for_like).startswith(expected)


def test_the_trend_switches_to_the_like_for_like_series(demo: Dataset) -> None:
    state = OverviewState(2022, series="like_for_like")
    payload = overview_payload(demo, state)
    trend = category_trend(aggregates_for(demo), Selection(2022))
    figure = payload.charts[ids.TREND.name].figure
    first = figure["data"][0]
    city = trend[trend["category"] == "city_50k_plus"]
    assert decode(first["y"]).tolist() == pytest.approx(city["level"].tolist())
    # Each step's panel is in the hover.
    assert [c[0] for c in first["customdata"]] == city["panel"].tolist()
    assert "périmètre constant" in figure["layout"]["yaxis"]["title"]["text"]
    assert spaces(payload.charts[ids.TREND.name].note or "").startswith("À périmètre constant")
    # The table and CSV carry both series whatever the switch.
    table = overview_table(demo, state, ids.TREND.name)
    assert [spaces(h) for h in table.headers][-2:] == [
        "Série à périmètre constant", "Panel (aussi à l'édition précédente)"]  # fmt: skip


def test_the_trend_marks_the_method_breaks(payload_fr: OverviewPayload) -> None:
    figure = payload_fr.charts[ids.TREND.name].figure
    breaks = [s["x0"] for s in figure["layout"]["shapes"][1:]]
    notes = [spaces(a["text"]) for a in figure["layout"]["annotations"]]
    assert 2021 in breaks  # social networks first audited in 2021
    assert "ajout : réseaux sociaux" in notes


def test_the_series_lives_in_the_address(demo: Dataset) -> None:
    from dashboard.urlstate import overview_query, parse_overview

    parsed = parse_overview("?series=like_for_like&edition=2021", demo.editions)
    assert parsed.state.series == "like_for_like" and parsed.rejected == ()
    assert overview_query(parsed.state) == "?edition=2021&series=like_for_like"
    assert parse_overview("?series=nope", demo.editions).rejected == (("series", "nope"),)
