"""How sure each figure is, in words (dashboard.pages.honest, contract §5b), and the frames
that carry a structure's intervals (dashboard.figures.benchmark.with_intervals)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.figures import benchmark as bench
from dashboard.figures.uncertainty import ChangeTest, Estimate, RankInterval, change_test
from dashboard.pages import honest


def spaces(text: str) -> str:
    """French typography's no-break spaces read as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_an_interval_is_written_as_scores_are_and_never_invented() -> None:
    assert honest.interval_text(83.41, 99.5, "fr") == "83,4–99,5"
    assert honest.interval_text(83.41, 99.5, "en") == "83.4–99.5"
    assert honest.interval_text(math.nan, 99.5, "fr") == "–"
    assert honest.interval_text(None, None, "en") == "–"
    estimate = Estimate(2022, "global", "global", 91.5, 11, 4.9, 83.4, 99.5, "pooled")
    assert spaces(honest.estimate_text(estimate, "fr")) == "intervalle à 90 % : 83,4–99,5"
    undefined = Estimate(2022, "global", "global", 91.5, 1, None, None, None, "none")
    assert honest.estimate_text(undefined, "en").startswith("no interval: too few structures")


def test_fewer_than_three_tests_are_named() -> None:
    assert honest.few_tests_text(3, "fr") == ""
    assert honest.few_tests_text(1, "fr") == "sur 1 test seulement"
    assert honest.few_tests_text(2, "en") == "from only 2 tests"
    assert spaces(honest.basis_text(2, 60.0, 80.0, "fr")) == (
        "sur 2 tests seulement ; intervalle à 90 % : 60,0–80,0"
    )
    assert honest.basis_text(5, math.nan, math.nan, "en") == "5 tests; no measurable interval"


def test_the_rank_comes_with_its_interval_as_the_issue_writes_it() -> None:
    interval = RankInterval(rank=12, n=57, low=8, high=19, replicates=2000, seed=1)
    assert spaces(honest.rank_text(interval, "fr")) == (
        "rang 12 / 57 (entre 8 et 19 avec 90 % de confiance)"
    )
    assert honest.rank_text(interval, "en") == (
        "rank 12 / 57 (between 8 and 19 with 90% confidence)"
    )
    assert honest.rank_value(interval, "fr") == "12 / 57"
    exact = RankInterval(rank=1, n=57, low=1, high=1, replicates=2000, seed=1)
    assert spaces(honest.rank_range_text(exact, "fr")) == "rang 1 avec 90 % de confiance"


def test_a_fragile_group_shows_the_interval_instead_of_a_bare_rank() -> None:
    interval = RankInterval(rank=2, n=4, low=1, high=3, replicates=2000, seed=1)
    assert interval.fragile
    assert honest.rank_value(interval, "fr") == "1 à 3 / 4"
    assert honest.rank_value(interval, "en") == "1 to 3 / 4"
    text = spaces(honest.rank_text(interval, "fr"))
    assert text == "rang entre 1 et 3 sur 4 avec 90 % de confiance"
    assert "2" not in text  # no bare rank


@pytest.mark.parametrize(
    ("test", "higher_is_better", "verdict", "tone", "direction"),
    [
        # |+8.9| < 1.645 × 7.68 = 12.6: within the noise, grey, still an arrow up.
        (change_test(91.5, 4.9, 82.6, 5.9, 11, 7), True, "stable (dans la marge de mesure)",
         "noise", "up"),
        (change_test(60.0, 2.0, 50.0, 2.0, 9, 9), True, "hausse (au-delà de la marge de mesure)",
         "good", "up"),
        # Fewer rings is better: a rise beyond the noise is bad news.
        (change_test(5.5, 0.1, 2.2, 0.1, 700, 800), False,
         "hausse (au-delà de la marge de mesure)", "bad", "up"),
        (change_test(40.0, None, 60.0, 3.0, 2, 4), True,
         "marge de mesure inconnue : ni hausse ni baisse établie", "noise", "down"),
    ],
)  # fmt: skip
def test_a_change_is_called_a_change_only_beyond_the_noise(
    test: ChangeTest, higher_is_better: bool, verdict: str, tone: str, direction: str
) -> None:
    words = honest.change_words(
        test, "fr", higher_is_better=higher_is_better, editions=(2022, 2021)
    )
    assert spaces(words.verdict) == verdict
    assert (words.tone, words.direction) == (tone, direction)
    if test.se is not None:
        assert spaces(words.margin).startswith("marge à 90 % : ± ")
    assert spaces(words.counts) == f"{test.n_now} tests en 2022, {test.n_past} en 2021"


def test_a_count_is_neither_good_nor_bad_news() -> None:
    assert honest.change_tone(ChangeTest(12.0, None, "unknown", 300, 288), None) == "neutral"
    assert honest.change_tone(ChangeTest(None, None, "unknown", 0, 0), True) == "none"


def test_the_note_says_which_intervals_borrow_a_spread_and_which_have_none() -> None:
    frame = pd.DataFrame(
        {
            "channel": ["phone", "mail", "website", "social"],
            "own": [70.0, 80.0, 90.0, math.nan],
            "source": ["own", "pooled", "none", "pooled"],
        }
    )
    note = spaces(honest.spread_note(frame, "channel", str.upper, "fr") or "")
    # A channel not audited says nothing.
    assert note.startswith("MAIL : trop peu de structures y ont plusieurs tests ; son intervalle")
    assert "WEBSITE : pas d'intervalle" in note and "SOCIAL" not in note
    assert honest.spread_note(frame.assign(source="own"), "channel", str.upper, "fr") is None


def test_the_quartiles_an_interval_reaches() -> None:
    # Q1 60, median 70, Q3 80: a score at 78 ± 5 may be in the third or the top quartile.
    assert honest.quartile_span(73.0, 83.0, 60.0, 70.0, 80.0) == ("third", "top")
    assert honest.quartile_span(81.0, 90.0, 60.0, 70.0, 80.0) == ("top", "top")
    assert honest.quartile_span(None, 90.0, 60.0, 70.0, 80.0) is None


def _estimates() -> pd.DataFrame:
    rows = [
        (2021, "global", "global", 50.0, 4, 10.0, 33.55, 66.45, "own"),
        (2022, "global", "global", 60.0, 6, 8.0, 46.84, 73.16, "pooled"),
        (2022, "channel", "phone", 70.0, 4, 5.0, 61.775, 78.225, "own"),
        (2022, "channel", "mail", 40.0, 2, math.nan, math.nan, math.nan, "none"),
        (2022, "criterion", "crit_courtesy", 55.0, 3, 6.0, 45.13, 64.87, "own"),
    ]
    return pd.DataFrame(
        rows,
        columns=["edition", "kind", "name", "value", "n_tests", "se", "low", "high", "source"],
    )


def test_a_frame_gets_the_intervals_of_its_rows_by_name() -> None:
    channels = pd.DataFrame({"channel": ["phone", "mail", "email"], "own": [70.0, 40.0, math.nan],
                             "n_tests": [4, 2, 0]})  # fmt: skip
    out = bench.with_intervals(channels, _estimates(), "channel", "channel")
    assert out["low"].tolist()[0] == pytest.approx(61.775)
    assert math.isnan(out["low"].tolist()[1]) and out["source"].tolist()[1] == "none"
    assert math.isnan(out["high"].tolist()[2])  # not audited on email: no interval
    criteria = pd.DataFrame({"criterion": ["crit_courtesy"], "own": [55.0], "median": [60.0]})
    out = bench.with_intervals(criteria, _estimates(), "criterion", "criterion")
    assert list(out.columns[:3]) == ["criterion", "own", "n_tests"]  # the tests beside the score
    assert out["n_tests"].tolist() == [3]


def test_a_trajectory_gets_each_edition_s_tests_and_interval() -> None:
    frame = pd.DataFrame({"edition": [2020, 2021, 2022], "own": [math.nan, 50.0, 60.0],
                          "audited": [False, True, True]})  # fmt: skip
    out = bench.trajectory_with_intervals(frame, _estimates())
    assert out["n_tests"].tolist() == [0, 4, 6]
    assert out["low"].tolist()[1:] == pytest.approx([33.55, 46.84])
    assert math.isnan(out["low"].tolist()[0])
    phone = bench.trajectory_with_intervals(frame, _estimates(), "phone")
    assert phone["n_tests"].tolist() == [0, 0, 4]


def test_the_definitions_page_defines_every_honest_figure() -> None:
    """docs/data-format.md, shown on « Définitions »: §5b's figures, and the headline
    indicators' two-proportion standard error, in both languages."""
    from dashboard.pages.definitions import definitions_markdown

    fr, en = spaces(definitions_markdown("fr")), definitions_markdown("en")
    for heading in ("Marge de mesure", "Intervalle de rang", "À périmètre constant",
                    "Où agir en premier"):  # fmt: skip
        assert f"{heading}" in fr, heading
    for heading in ("Measurement noise", "Rank interval", "Like for like", "Where to act first"):
        assert heading in en, heading
    assert "de deux proportions" in fr
    assert "SE = 100 × √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂)" in fr
    assert "two-proportion standard error" in en
    assert "stable (dans la marge de mesure)" in fr and "stable (within measurement noise)" in en
