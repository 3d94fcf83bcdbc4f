"""Figure functions against numbers worked out by hand (DATA_CONTRACT.md §5)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.figures import scoring
from dashboard.figures.aggregates import Selection, aggregates_for
from dashboard.figures.indicators import headline_indicators, indicators_with_change
from dashboard.figures.peers import (
    peer_stats,
    percentile_in_group,
    rank_in_group,
    rank_in_groups,
    summarise_group,
)
from dashboard.intake.model import Dataset
from tests.unit.figures.rows import CITY
from tests.unit.figures.rows import contact as _test


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    structures = pd.DataFrame(
        {
            "structure_id": ["A", "B", "C", "D", "E"],
            "name": ["Ville A", "Ville B", "Ville C", "Ville D", "Région E"],
            "category": [CITY, CITY, CITY, CITY, "region"],
            "region_code": ["44", "44", "84", "84", "44"],
            "department_code": ["67", "67", "01", "01", None],
            "population": [60000, 70000, 80000, 90000, 5000000],
        }
    )
    rows = [
        # 2022. A: phone 60 and 80 -> S=70, email 50 -> S=50, G = 60.
        _test(
            2022, "A", "phone", 1, 60, answered=True, rings=3, first_attempt=True, crit_courtesy=80
        ),
        _test(
            2022, "A", "phone", 2, 80, answered=True, rings=5, first_attempt=False, crit_courtesy=60
        ),
        _test(2022, "A", "email", 1, 50, answered=True, response_days=5, crit_courtesy=None),
        # B: phone 90 -> G = 90 (a phone test not answered).
        _test(2022, "B", "phone", 1, 90, answered=False, first_attempt=False),
        # C: phone 70, email 70 -> G = 70.
        _test(2022, "C", "phone", 1, 70, answered=True, rings=4, first_attempt=True),
        _test(2022, "C", "email", 1, 70, answered=True, response_days=12),
        # D: email only, not answered -> G = 40, no phone score.
        _test(2022, "D", "email", 1, 40, answered=False),
        # E (region): website 80.
        _test(2022, "E", "website", 1, 80, online_procedures=True, digital_support=False),
        # 2021: A phone 50 -> G = 50.
        _test(2021, "A", "phone", 1, 50, answered=True, rings=2, first_attempt=True),
    ]
    return Dataset.build(structures, pd.DataFrame(rows), source="fixture")


def test_channel_scores_are_means_of_tests(dataset: Dataset) -> None:
    s = scoring.channel_scores(dataset.tests).set_index(["edition", "structure_id", "channel"])
    assert s.loc[(2022, "A", "phone"), "score"] == 70
    assert s.loc[(2022, "A", "phone"), "n_tests"] == 2
    assert s.loc[(2022, "A", "email"), "score"] == 50


def test_no_test_on_a_channel_means_no_score_not_zero(dataset: Dataset) -> None:
    s = scoring.channel_scores(dataset.tests).set_index(["edition", "structure_id", "channel"])
    assert (2022, "D", "phone") not in s.index
    g = scoring.global_scores(scoring.channel_scores(dataset.tests))
    d = g[(g.edition == 2022) & (g.structure_id == "D")]
    assert d["score"].tolist() == [40]  # the absent phone channel did not count as 0


def test_global_score_equal_weights_then_custom(dataset: Dataset) -> None:
    cs = scoring.channel_scores(dataset.tests)
    g = scoring.global_scores(cs).set_index(["edition", "structure_id"])
    assert g.loc[(2022, "A"), "score"] == 60  # (70 + 50) / 2
    assert g.loc[(2022, "A"), "n_channels"] == 2
    assert g.loc[(2022, "A"), "n_tests"] == 3
    weighted = scoring.global_scores(cs, {"phone": 3, "email": 1}).set_index(
        ["edition", "structure_id"]
    )
    assert weighted.loc[(2022, "A"), "score"] == pytest.approx((3 * 70 + 50) / 4)
    # E has only a website score, weighted 0 here: no global score at all.
    assert (2022, "E") not in weighted.index


def test_criterion_score_means_present_values(dataset: Dataset) -> None:
    c = scoring.criterion_scores(dataset.tests).set_index(["edition", "structure_id", "criterion"])
    assert c.loc[(2022, "A", "crit_courtesy"), "score"] == 70  # (80 + 60) / 2, the empty skipped
    assert c.loc[(2022, "A", "crit_courtesy"), "n_tests"] == 2
    phone_only = scoring.criterion_scores(dataset.tests, channel="email")
    assert phone_only[phone_only.structure_id == "A"].empty


def test_group_mean_counts_each_structure_once(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    g = agg.global_scores(Selection(2022, (CITY,)))
    assert scoring.group_mean(g["score"]) == pytest.approx((60 + 90 + 70 + 40) / 4)
    assert math.isnan(scoring.group_mean(pd.Series([], dtype="float64")))


def test_peer_stats_worked_by_hand(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    g = agg.global_scores(Selection(2022, (CITY,))).set_index("structure_id")["score"]
    stats = peer_stats(g, "A")
    assert stats is not None
    # Peers sorted: 40 (D), 60 (A), 70 (C), 90 (B).
    assert (stats.n, stats.rank) == (4, 3)
    assert stats.percentile == pytest.approx(100 / 3)
    assert (stats.q1, stats.median, stats.q3, stats.best) == (55, 65, 75, 90)
    assert (stats.gap_to_median, stats.gap_to_best) == (-5, -30)
    assert stats.quartile == "second"
    assert stats.fragile  # N = 4 < 5
    assert peer_stats(g, "B").rank == 1  # type: ignore[union-attr]
    assert peer_stats(g, "B").percentile == 100  # type: ignore[union-attr]
    assert peer_stats(g, "D").quartile == "bottom"  # type: ignore[union-attr]
    assert peer_stats(g, "nobody") is None


def test_ties_share_a_rank_and_single_peer_has_no_percentile() -> None:
    values = pd.Series([80.0, 80.0, 70.0], index=["x", "y", "z"])
    assert rank_in_group(values).tolist() == [1, 1, 3]
    assert percentile_in_group(values).tolist() == [50.0, 50.0, 0.0]
    alone = pd.Series([55.0], index=["x"])
    assert math.isnan(percentile_in_group(alone).iloc[0])
    assert math.isnan(peer_stats(alone, "x").percentile)  # type: ignore[union-attr]


def test_ranks_within_groups_are_each_groups_rank() -> None:
    values = pd.Series([80.0, 80.0, 70.0, 60.0, 90.0, math.nan])
    groups = pd.Series(["a", "a", "a", "b", "b", "b"])
    ranks = rank_in_groups(values, groups)
    for group in ("a", "b"):
        part = values[groups == group]
        assert ranks[part.dropna().index].tolist() == rank_in_group(part).tolist()
    assert 5 not in ranks.index  # no value, no rank


def test_summary_quantiles_are_linear_interpolation() -> None:
    summary = summarise_group(pd.Series([40.0, 60.0, 70.0, 90.0]))
    assert (summary.q1, summary.median, summary.q3) == (55, 65, 75)


def test_headline_indicators_worked_by_hand(dataset: Dataset) -> None:
    ind = headline_indicators(dataset, 2022)
    assert ind["structures_audited"].value == 5
    assert ind["structures_audited"].n == 8  # tests behind it
    # Phone tests: A (first yes), A (no), B (no), C (yes) -> 2 / 4.
    assert ind["phone_first_attempt_pct"].value == 50
    assert ind["phone_first_attempt_pct"].n == 4
    # Rings over answered phone tests: 3, 5, 4.
    assert ind["phone_mean_rings"].value == 4
    assert ind["phone_mean_rings"].n == 3
    # Email: A answered in 5 d (yes), C in 12 d (no), D not answered (no) -> 1 / 3.
    assert ind["email_within_10d_pct"].value == pytest.approx(100 / 3)
    assert ind["website_online_procedures_pct"].value == 100
    assert ind["website_digital_support_pct"].value == 0
    # Nothing measured: undefined, not 0.
    assert ind["physical_mean_score"].value is None
    assert ind["social_private_reply_pct"].value is None
    assert ind["mail_within_15d_pct"].value is None


def test_indicators_restricted_by_category_and_region(dataset: Dataset) -> None:
    regions = headline_indicators(dataset, 2022, categories=["region"])
    assert regions["structures_audited"].value == 1
    assert regions["phone_first_attempt_pct"].value is None
    alsace = headline_indicators(dataset, 2022, categories=[CITY], region="44")
    assert alsace["structures_audited"].value == 2  # A and B
    assert alsace["phone_mean_rings"].value == 4  # A's 3 and 5; B did not answer


def test_change_since_previous_edition(dataset: Dataset) -> None:
    changes = indicators_with_change(dataset, 2022)
    rings = changes["phone_mean_rings"]
    assert rings.past_edition == 2021
    assert rings.change == 2  # 4 - 2
    assert rings.improved is False  # more rings is bad
    first = changes["phone_first_attempt_pct"]
    assert first.change == -50  # 50 % - 100 %
    assert first.improved is False
    assert changes["structures_audited"].change == 4
    assert changes["structures_audited"].improved is None  # more structures: neither good nor bad
    assert indicators_with_change(dataset, 2021)["phone_mean_rings"].change is None


def test_channel_filter_restricts_global_score(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    g = agg.global_scores(Selection(2022, (CITY,), ("email",))).set_index("structure_id")
    assert g["score"].to_dict() == {"A": 50, "C": 70, "D": 40}  # B has no email: no score


@pytest.mark.parametrize("size", [1, 2, 3, 5, 6])
def test_global_score_over_channel_sets_equals_the_contract_function(size: int) -> None:
    """The per-version table a channel filter reads (kept per channel set) is G(s,e) of §5
    on the demo: same rows, same order, same columns, same scores."""
    import itertools

    from dashboard.figures.aggregates import ATTRIBUTES
    from dashboard.intake.demo import demo_dataset
    from dashboard.intake.schema import CHANNELS, StructureCol

    agg = aggregates_for(demo_dataset())
    attrs = agg.structures[[StructureCol.STRUCTURE_ID, *ATTRIBUTES]].reset_index(drop=True)
    for chosen in itertools.combinations(CHANNELS, size):
        weights = {c: (1.0 if c in chosen else 0.0) for c in CHANNELS}
        expected = scoring.global_scores(
            agg.channel[list(scoring.CHANNEL_SCORE_COLUMNS)], weights
        ).merge(attrs, on=StructureCol.STRUCTURE_ID, how="left")
        got = agg.global_scores(Selection(2022, channels=chosen), all_editions=True)
        pd.testing.assert_frame_equal(
            got.reset_index(drop=True), expected, check_exact=False, rtol=1e-12
        )
        assert agg.global_over(chosen) is agg.global_over(chosen)  # computed once
