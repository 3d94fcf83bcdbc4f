"""Honest comparisons (DATA_CONTRACT.md §5b) against numbers worked out by hand, properties of
the rank interval, and an independent recomputation from the exported CSV files."""

from __future__ import annotations

import math
import random
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.figures import uncertainty as u
from dashboard.figures.aggregates import Aggregates, Selection
from dashboard.figures.benchmark import peer_definition
from dashboard.figures.indicators import indicators_with_change
from dashboard.figures.overview import category_trend
from dashboard.intake.demo import demo_dataset
from dashboard.intake.export import write_dataset
from dashboard.intake.model import Dataset
from tests.unit.figures.rows import CITY
from tests.unit.figures.rows import contact as _test


def _structures(ids, category=CITY):
    return pd.DataFrame(
        {
            "structure_id": ids,
            "name": [f"Ville {i}" for i in ids],
            "category": category,
            "region_code": "44",
            "department_code": "67",
            "population": 60000,
        }
    )


# --- A small dataset worked by hand ----------------------------------------------------------
#
# 2022. Phone: five structures with three tests x−4, x, x+4 (x = 50, 60, 70, 80, 90): each
# Σ(score − S)² = 32, so Σ ssd = 160 over Σ(n − 1) = 10 degrees of freedom: σ(phone) = 4, the
# channel's own. Email: S1 60 and 70 (ssd 50), S2 80 and 86 (ssd 18): 2 degrees of freedom,
# under 10, so email borrows the edition's spread over all channels: (160 + 68) / 12 = 19,
# σ = √19. Mail: S1's single test (no degree of freedom): √19 as well.
# crit_courtesy = the phone score on every phone test: σ = 4 (10 df, own); crit_accessibility
# on S1's two emails only (60, 70; 1 df): the criteria's pooled spread (160 + 50) / 11.
# 2021. S1 phone 40 and 50, S2 phone 60 and 62, S1 email 70: 2 df in the whole edition, no σ.


@pytest.fixture(scope="module")
def hand() -> Aggregates:
    rows = []
    for sid, x in zip(["S1", "S2", "S3", "S4", "S5"], [50, 60, 70, 80, 90], strict=True):
        for n, score in enumerate((x - 4, x, x + 4), start=1):
            rows.append(_test(2022, sid, "phone", n, score, crit_courtesy=score))
    rows += [
        _test(2022, "S1", "email", 1, 60, crit_accessibility=60),
        _test(2022, "S1", "email", 2, 70, crit_accessibility=70),
        _test(2022, "S2", "email", 1, 80),
        _test(2022, "S2", "email", 2, 86),
        _test(2022, "S1", "mail", 1, 98),
        _test(2021, "S1", "phone", 1, 40),
        _test(2021, "S1", "phone", 2, 50),
        _test(2021, "S2", "phone", 1, 60),
        _test(2021, "S2", "phone", 2, 62),
        _test(2021, "S1", "email", 1, 70),
    ]
    structures = _structures(["S1", "S2", "S3", "S4", "S5"])
    return Aggregates(Dataset.build(structures, pd.DataFrame(rows), source="hand"))


def test_sum_of_squared_deviations_per_channel_and_criterion(hand: Aggregates) -> None:
    ch = hand.channel.set_index(["edition", "structure_id", "channel"])["ssd"]
    assert ch[(2022, "S1", "phone")] == pytest.approx(32.0)
    assert ch[(2022, "S1", "email")] == pytest.approx(50.0)
    assert ch[(2022, "S2", "email")] == pytest.approx(18.0)
    assert ch[(2022, "S1", "mail")] == 0.0  # one test: no deviation, not NaN
    crit = hand.criterion.set_index(["edition", "structure_id", "criterion"])["ssd"]
    assert crit[(2022, "S3", "crit_courtesy")] == pytest.approx(32.0)
    assert crit[(2022, "S1", "crit_accessibility")] == pytest.approx(50.0)


def test_spread_own_fallback_and_undefined(hand: Aggregates) -> None:
    table = u.channel_spreads(hand)
    phone = u.spread_of(table, 2022, "phone")
    assert phone is not None
    assert (phone.sigma, phone.source, phone.df, phone.edition_df) == (
        pytest.approx(4.0),
        "own",
        10,
        12,
    )
    email = u.spread_of(table, 2022, "email")
    assert email is not None and email.borrowed
    assert (email.sigma, email.df) == (pytest.approx(math.sqrt(19)), 2)
    mail = u.spread_of(table, 2022, "mail")
    assert mail is not None and mail.source == "pooled" and mail.df == 0
    assert mail.sigma == pytest.approx(math.sqrt(19))
    for channel in ("phone", "email"):  # 2021: 2 degrees of freedom in the whole edition
        spread = u.spread_of(table, 2021, channel)
        assert spread is not None
        assert (spread.sigma, spread.source, spread.edition_df) == (None, "none", 2)
    assert u.spread_of(table, 2022, "social") is None  # not audited


def test_criterion_spread(hand: Aggregates) -> None:
    table = u.criterion_spreads(hand)
    courtesy = u.spread_of(table, 2022, "crit_courtesy")
    assert courtesy is not None
    assert (courtesy.sigma, courtesy.source) == (pytest.approx(4.0), "own")
    access = u.spread_of(table, 2022, "crit_accessibility")
    assert access is not None
    assert (access.sigma, access.source, access.df, access.edition_df) == (
        pytest.approx(math.sqrt(210 / 11)),
        "pooled",
        1,
        11,
    )


def test_pooled_sd_by_hand() -> None:
    # Groups (2, 4) and (10, 10, 16): ssd 2 and 24, df 1 + 2.
    assert u.pooled_sd([2, 3], [2.0, 24.0]) == pytest.approx(math.sqrt(26 / 3))
    assert u.pooled_sd([1, 1], [0.0, 0.0]) is None


def test_structure_estimates_by_hand(hand: Aggregates) -> None:
    est = u.structure_estimates(hand, "S1", 2022).set_index(["kind", "name"])
    assert list(est.columns) == [c for c in u.ESTIMATE_COLUMNS if c not in ("kind", "name")]
    phone = est.loc[("channel", "phone")]
    # SE = 4 / √3 = 2.3094; 50 ± 1.645 × 2.3094.
    assert phone["se"] == pytest.approx(2.309401, abs=1e-6)
    assert (phone["low"], phone["high"]) == (
        pytest.approx(46.201035, abs=1e-6),
        pytest.approx(53.798965, abs=1e-6),
    )
    assert (phone["n_tests"], phone["source"]) == (3, "own")
    email = est.loc[("channel", "email")]
    # √19 / √2 = 3.082207; 65 ± 5.070231; borrowed.
    assert (email["se"], email["source"]) == (pytest.approx(3.082207, abs=1e-6), "pooled")
    assert email["low"] == pytest.approx(59.929769, abs=1e-6)
    mail = est.loc[("channel", "mail")]
    # 98 ± 1.645 × √19 = 98 ± 7.170389: the top clipped to 100.
    assert (mail["low"], mail["high"]) == (pytest.approx(90.829611, abs=1e-6), 100.0)
    g = est.loc[("global", "global")]
    # G = (50 + 65 + 98) / 3 = 71; SE = √(16/3 + 19/2 + 19) / 3 = 1.938881.
    assert (g["value"], g["n_tests"], g["n_channels"]) == (pytest.approx(71.0), 6, 3)
    assert g["se"] == pytest.approx(1.938881, abs=1e-6)
    assert (g["low"], g["high"]) == (
        pytest.approx(67.810541, abs=1e-6),
        pytest.approx(74.189459, abs=1e-6),
    )
    assert g["source"] == "pooled"  # two of its channels borrow the edition's spread
    courtesy = est.loc[("criterion", "crit_courtesy")]
    assert courtesy["se"] == pytest.approx(4 / math.sqrt(3))
    access = est.loc[("criterion", "crit_accessibility")]
    # √(210/11) / √2 = 3.089572; 65 ± 5.082346.
    assert (access["se"], access["source"]) == (pytest.approx(3.089572, abs=1e-6), "pooled")
    assert access["high"] == pytest.approx(70.082346, abs=1e-6)


def test_undefined_spread_gives_no_interval(hand: Aggregates) -> None:
    est = u.structure_estimates(hand, "S1", 2021).set_index(["kind", "name"])
    assert set(est["source"]) == {"none"}
    assert est[["se", "low", "high"]].isna().all().all()
    g = u.structure_estimate(hand, "S1", 2021)
    assert g is not None and (g.value, g.se, g.low, g.high) == (57.5, None, None, None)
    change = u.structure_change(hand, "S1", 2022, 2021)
    assert change is not None
    assert (change.change, change.verdict, change.n_now, change.n_past) == (
        pytest.approx(13.5),
        "unknown",
        6,
        3,
    )


def test_every_edition_in_order(hand: Aggregates) -> None:
    est = u.structure_estimates(hand, "S1")
    assert est["edition"].tolist() == [2021] * 3 + [2022] * 6
    assert est["name"].tolist()[3:] == [
        "global", "phone", "email", "mail", "crit_accessibility", "crit_courtesy",
    ]  # fmt: skip


def test_standard_errors_and_intervals_pure() -> None:
    assert u.standard_error(6.0, 4) == 3.0
    assert u.standard_error(None, 4) is None
    # √(3² + 4²) / 2 = 2.5
    assert u.global_standard_error([3.0, 4.0]) == pytest.approx(2.5)
    assert u.global_standard_error([3.0, None]) is None
    assert u.global_standard_error([]) is None
    assert u.interval(50.0, 2.0) == (pytest.approx(46.71), pytest.approx(53.29))
    assert u.interval(1.0, 2.0) == (0.0, pytest.approx(4.29))  # clipped at 0
    assert u.interval(99.0, 2.0) == (pytest.approx(95.71), 100.0)  # clipped at 100
    assert u.interval(50.0, None) is None
    low, high = u.intervals(np.array([1.0, 50.0, 60.0]), np.array([2.0, np.nan, 0.0]))
    assert low[0] == 0.0 and math.isnan(low[1]) and high[2] == 60.0


def test_change_test_by_hand() -> None:
    # SE = √(1.938881² + 2.5²) = 3.163741: threshold 1.645 × SE = 5.204355.
    rise = u.change_test(71.0, 1.938881, 65.0, 2.5, 6, 4)
    assert rise.se == pytest.approx(3.163741, abs=1e-6)
    assert rise.threshold == pytest.approx(5.204355, abs=1e-6)
    assert (rise.change, rise.verdict, rise.n_now, rise.n_past) == (6.0, "rise", 6, 4)
    assert u.change_test(71.0, 1.938881, 66.0, 2.5).verdict == "stable"
    assert u.change_test(59.0, 1.938881, 65.0, 2.5).verdict == "fall"
    assert u.change_test(65.0, 0.0, 65.0, 0.0).verdict == "stable"
    assert u.change_test(71.0, None, 65.0, 2.5).verdict == "unknown"


def test_two_proportion_change_by_hand() -> None:
    # 50 % of 100 tests, then 60 % of 150: SE = 100 √(.25/100 + .24/150) = 6.403124 points,
    # threshold 10.533; a change of 10 points is within noise.
    stable = u.share_change_test(60.0, 150, 50.0, 100)
    assert stable.se == pytest.approx(6.403124, abs=1e-6)
    assert (stable.change, stable.verdict) == (pytest.approx(10.0), "stable")
    # Then 60 % of 300: SE = 100 √(.0025 + .0008) = 5.744563, threshold 9.45: a rise.
    rise = u.share_change_test(60.0, 300, 50.0, 100)
    assert rise.se == pytest.approx(5.744563, abs=1e-6)
    assert rise.verdict == "rise"
    assert u.share_change_test(60.0, 0, 50.0, 100).verdict == "unknown"
    assert u.share_change_test(None, 10, 50.0, 100).change is None


def test_mean_change_by_hand() -> None:
    # Rings 5.5 (s = 2, 100 calls) then 2.2 (s = 1, 400 calls): SE = √(4/100 + 1/400).
    fall = u.mean_change_test(2.2, 1.0, 400, 5.5, 2.0, 100)
    assert fall.se == pytest.approx(math.sqrt(0.0425))
    assert (fall.change, fall.verdict) == (pytest.approx(-3.3), "fall")
    assert u.mean_change_test(2.2, 1.0, 1, 5.5, 2.0, 100).verdict == "unknown"


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return demo_dataset()


@pytest.fixture(scope="module")
def demo_agg(demo: Dataset) -> Aggregates:
    return Aggregates(demo)


def test_indicator_change_tests_match_a_recomputation(demo: Dataset, demo_agg: Aggregates) -> None:
    sel = Selection(2022, ("region", "department"))
    changes = indicators_with_change(demo, 2022, sel.categories)
    tests = u.indicator_change_tests(demo_agg, sel, changes)
    assert tests["structures_audited"] is None
    t = demo.tests.merge(demo.structures[["structure_id", "category"]], on="structure_id")
    t = t[t["category"].isin(sel.categories)]

    def phone(edition):
        return t[(t["edition"] == edition) & (t["channel"] == "phone")]

    p1 = phone(2021)["first_attempt"].astype(bool).mean()
    p2 = phone(2022)["first_attempt"].astype(bool).mean()
    n1, n2 = len(phone(2021)), len(phone(2022))
    first = tests["phone_first_attempt_pct"]
    assert first is not None
    assert first.se == pytest.approx(100 * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2))
    assert (first.n_now, first.n_past) == (n2, n1)
    rings = [
        phone(e).loc[phone(e)["answered"].astype(bool), "rings"].astype(float) for e in (2021, 2022)
    ]
    expected = math.sqrt(sum(r.var(ddof=1) / len(r) for r in rings))
    assert tests["phone_mean_rings"] is not None
    assert tests["phone_mean_rings"].se == pytest.approx(expected)
    physical = [
        t[(t["edition"] == e) & (t["channel"] == "physical")]
        .groupby("structure_id")["score"]
        .mean()
        for e in (2021, 2022)
    ]
    expected = math.sqrt(sum(p.var(ddof=1) / len(p) for p in physical))
    mean_test = tests["physical_mean_score"]
    assert mean_test is not None and mean_test.se == pytest.approx(expected)
    assert mean_test.n_now == len(physical[1])


# --- Rank intervals --------------------------------------------------------------------------


def test_rank_interval_at_zero_se_is_the_rank() -> None:
    values = [70.0, 80.0, 80.0, 60.0]
    found = u.rank_interval(values, [0.0] * 4, 0, seed=1)
    assert (found.rank, found.low, found.high, found.n) == (3, 3, 3, 4)
    tie = u.rank_interval(values, [np.nan] * 4, 2, seed=1)  # NaN SE: the value is kept
    assert (tie.rank, tie.low, tie.high) == (1, 1, 1)


def test_rank_interval_widened_to_hold_the_rank() -> None:
    # 30 structures within 0.001 point of each other, SE 2: the leader by a hair ranks first
    # in few replicates, so the [5th, 95th] percentiles leave rank 1 out. Shown as such, the
    # interval would contradict the rank beside it: it is widened, and says so.
    values = np.linspace(50.0, 50.001, 30)
    leader = u.rank_interval(values, np.full(30, 2.0), 29, seed=7)
    assert (leader.rank, leader.low, leader.extended) == (1, 1, True)
    assert leader.high >= 25
    middle = u.rank_interval(values, np.full(30, 2.0), 15, seed=7)
    assert not middle.extended and middle.low <= middle.rank <= middle.high


def test_rank_interval_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        u.rank_interval([1.0, np.nan], [1.0, 1.0], 0, seed=1)
    with pytest.raises(ValueError):
        u.rank_interval([1.0, 2.0], [1.0, -1.0], 0, seed=1)
    with pytest.raises(ValueError):
        u.rank_interval([1.0, 2.0], [1.0, 1.0], 2, seed=1)


peer_groups = st.integers(min_value=1, max_value=25).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 1000).map(lambda v: v / 10), min_size=n, max_size=n),
        st.lists(st.one_of(st.floats(0.0, 15.0), st.just(float("nan"))), min_size=n, max_size=n),
        st.integers(0, n - 1),
        st.integers(0, 2**63 - 1),
    )
)


@settings(max_examples=60, deadline=None)
@given(peer_groups)
def test_rank_interval_holds_the_rank_within_bounds(group) -> None:
    values, ses, own, seed = group
    found = u.rank_interval(values, ses, own, seed=seed)
    expected_rank = 1 + sum(v > values[own] for v in values)
    assert found.rank == expected_rank
    assert 1 <= found.low <= found.rank <= found.high <= len(values)


@settings(max_examples=60, deadline=None)
@given(peer_groups, st.floats(0.0, 1.0))
def test_rank_interval_shrinks_to_the_rank_as_the_errors_go_to_zero(group, fraction) -> None:
    # As every SE goes to 0 (a common scale t → 0, same draws), no peer can cross the
    # structure any more except those tied with it: once t × (largest SE) × 2 × 8 is below
    # the smallest non-zero gap (|ε| < 8 SE in every draw), the interval is within the tie
    # block [rank, rank + ties], exactly [rank, rank] without ties, and at t = 0 it is the
    # rank. (Weak monotonicity in t is not a theorem: see the next test.)
    values, ses, own, seed = group
    v = np.asarray(values)
    s = np.nan_to_num(np.asarray(ses))
    ties = int((v == v[own]).sum()) - 1
    gaps = np.abs(v - v[own])[v != v[own]]
    at_zero = u.rank_interval(v, s * 0.0, own, seed=seed)
    assert (at_zero.low, at_zero.high) == (at_zero.rank, at_zero.rank)
    if s.max() < 1e-300:  # zero, or a subnormal SE whose scale limit overflows a float
        return
    limit = (gaps.min() if len(gaps) else 1.0) / (16 * s.max())
    small = u.rank_interval(v, s * limit * fraction, own, seed=seed)
    assert at_zero.rank == small.rank
    assert small.rank <= small.low <= small.high <= small.rank + ties
    if ties == 0:
        assert (small.low, small.high) == (small.rank, small.rank)


def test_rank_interval_width_is_not_monotone_in_the_errors() -> None:
    # Why the property above is a limit: here halving every SE widens the interval. The
    # structure (0, no SE) ties with four peers with SE 1 and has one peer 0.25 above it:
    # with smaller errors that peer stays above more often, and the ties still split.
    values = [0.0, 0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0, 0.0, 0.0]
    ses = np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0])
    widths = [
        (lambda r: r.high - r.low)(u.rank_interval(values, ses * t, 0, seed=1, replicates=200))
        for t in (1.0, 0.5, 0.0)
    ]
    assert widths == [2, 3, 0]


@settings(max_examples=30, deadline=None)
@given(peer_groups)
def test_same_seed_same_interval(group) -> None:
    values, ses, own, seed = group
    first = u.rank_interval(values, ses, own, seed=seed)
    again = u.rank_interval(np.array(values), np.array(ses), own, seed=seed)
    assert first == again
    every = u.rank_intervals(values, ses, seed=seed)
    assert every.equals(u.rank_intervals(values, ses, seed=seed))
    assert every.loc[own, "rank"] == first.rank
    assert ((every["low"] <= every["rank"]) & (every["rank"] <= every["high"])).all()


def test_rank_seed_is_stable_and_distinct() -> None:
    a = u.rank_seed("v1", "S1", 2022, "category", None)
    assert a == u.rank_seed("v1", "S1", 2022, "category", None)
    assert a != u.rank_seed("v1", "S1", 2021, "category", None)
    assert a != u.rank_seed("v2", "S1", 2022, "category", None)
    # Pinned: the seed must not depend on the process (no hash randomisation).
    assert u.rank_seed("v1") == int.from_bytes(
        __import__("hashlib").sha256(b"'v1'").digest()[:8], "big"
    )


def test_every_peer_rank_interval_agrees_with_one_at_a_time(demo_agg: Aggregates) -> None:
    values = np.array([80.0, 75.0, 75.0, 60.0, 90.0])
    ses = np.array([0.0, 0.0, 0.0, 0.0, 0.0])
    every = u.rank_intervals(values, ses, seed=3)
    assert every["rank"].tolist() == [2, 3, 3, 5, 1]
    assert every["low"].tolist() == every["rank"].tolist() == every["high"].tolist()


def test_structure_rank_interval_is_memoized_and_seeded(demo_agg: Aggregates) -> None:
    sid = str(demo_agg.global_in(2022)["structure_id"].iloc[10])
    peers = peer_definition(demo_agg, sid, "category")
    first = u.structure_rank_interval(demo_agg, sid, 2022, peers)
    assert first is not None
    assert u.structure_rank_interval(demo_agg, sid, 2022, peers) is first
    u.clear_caches()
    again = u.structure_rank_interval(demo_agg, sid, 2022, peers)
    assert again == first and again is not first
    assert first.seed == u.rank_seed(demo_agg.version, sid, 2022, peers, None)
    on_phone = u.structure_rank_interval(demo_agg, sid, 2022, peers, "phone")
    assert on_phone is not None and on_phone.seed != first.seed
    every = u.peer_rank_intervals(demo_agg, sid, 2022, peers)
    assert len(every) == first.n and int(every["is_self"].sum()) == 1
    mine = every[every["is_self"]].iloc[0]
    assert (mine["rank"], mine["low"], mine["high"]) == (first.rank, first.low, first.high)
    assert (every["low"] <= every["rank"]).all() and (every["rank"] <= every["high"]).all()
    assert every["rank"].is_monotonic_increasing
    # Another structure of the group sees the same intervals for everyone but itself.
    other_id = str(every.loc[~every["is_self"], "structure_id"].iloc[0])
    other = u.peer_rank_intervals(
        demo_agg, other_id, 2022, peer_definition(demo_agg, other_id, "category")
    )
    rest = ~every["is_self"] & ~other["is_self"]
    assert every[rest].equals(other[rest])


def test_per_version_tables_are_built_once_across_threads(demo: Dataset) -> None:
    agg = Aggregates(demo)
    found: list[object] = []
    threads = [
        threading.Thread(target=lambda: found.append(u.channel_spreads(agg))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 and all(f is found[0] for f in found)
    assert u.importance(agg, 2022) is u.importance(agg, 2022)
    fresh = Aggregates(demo)
    u.prepare_version(fresh)
    built = u.criterion_spreads(fresh)
    u.prepare_version(fresh)  # idempotent: nothing rebuilt
    assert u.criterion_spreads(fresh) is built


# --- Like-for-like ---------------------------------------------------------------------------


def test_like_for_like_series_by_hand() -> None:
    # 2020: A 60, B 70, C 80 (mean 70). 2021: A 66, B 72, D 50 (mean 62.667); panel A, B:
    # +6, +2, step +4, L = 74. 2022: B 70, D 56, E 90 (mean 72); panel B, D: −2, +6, step +2,
    # L = 76. 2023: F 40 alone: no structure in common, no step: the chain breaks (NaN), and
    # 2024 (F 50, panel F, step +10) cannot mend it.
    values = {
        2020: {"A": 60, "B": 70, "C": 80},
        2021: {"A": 66, "B": 72, "D": 50},
        2022: {"B": 70, "D": 56, "E": 90},
        2023: {"F": 40},
        2024: {"F": 50},
    }
    frame = pd.DataFrame(
        [
            {"group": "g", "edition": e, "structure_id": s, "score": float(v)}
            for e, row in values.items()
            for s, v in row.items()
        ]
    )
    out = u.like_for_like_series(frame).set_index("edition")
    assert list(out.columns) == [c for c in u.LFL_COLUMNS if c != "edition"]
    assert out["mean"].tolist() == pytest.approx([70, 188 / 3, 72, 40, 50])
    assert out["n_structures"].tolist() == [3, 3, 3, 1, 1]
    assert out["panel"].tolist() == [0, 2, 2, 0, 1]
    assert out["step"].tolist()[1:3] == pytest.approx([4.0, 2.0])
    assert out["plain_step"].tolist()[1:3] == pytest.approx([188 / 3 - 70, 72 - 188 / 3])
    assert out["level"].tolist()[:3] == pytest.approx([70.0, 74.0, 76.0])
    assert math.isnan(out.loc[2023, "step"]) and out.loc[2024, "step"] == 10.0
    assert out["level"].iloc[3:].isna().all()
    assert out["previous_edition"].tolist()[1:] == [2020, 2021, 2022, 2023]


def _like_for_like_by_definition(frame: pd.DataFrame) -> dict[tuple[str, int], tuple]:
    """§5b written out with dicts, one group and edition at a time."""
    values: dict[str, dict[int, dict[str, float]]] = {}
    for row in frame.dropna(subset=["score"]).itertuples():
        values.setdefault(row.group, {}).setdefault(row.edition, {})[row.structure_id] = row.score
    out = {}
    for name, by_edition in values.items():
        level, previous = math.nan, None
        for edition in sorted(by_edition):
            now = by_edition[edition]
            mean = sum(now.values()) / len(now)
            if previous is None:
                panel, step, level = 0, math.nan, mean
            else:
                before = by_edition[previous]
                common = [s for s in now if s in before]
                panel = len(common)
                step = sum(now[s] - before[s] for s in common) / panel if panel else math.nan
                level = level + step
            out[(name, edition)] = (mean, len(now), previous, panel, step, level)
            previous = edition
    return out


@pytest.mark.parametrize("seed", range(40))
def test_like_for_like_series_follows_the_definition(seed: int) -> None:
    """Random groups, editions with gaps, structures coming and going, missing scores."""
    rng = random.Random(seed)
    rows = [
        {"group": g, "edition": e, "structure_id": s,
         "score": math.nan if rng.random() < 0.1 else rng.uniform(0, 100)}
        for g in rng.sample("abcd", rng.randint(1, 3))
        for e in rng.sample(range(2015, 2025), rng.randint(1, 6))
        for s in rng.sample("ABCDEFGH", rng.randint(1, 5))
    ]  # fmt: skip
    frame = pd.DataFrame(rows)
    out = u.like_for_like_series(frame)
    expected = _like_for_like_by_definition(frame)
    assert len(out) == len(expected)
    assert list(zip(out["group"], out["edition"], strict=True)) == sorted(expected)
    for row in out.itertuples():
        mean, n, previous, panel, step, level = expected[(row.group, row.edition)]
        assert row.mean == pytest.approx(mean) and row.n_structures == n
        assert (None if pd.isna(row.previous_edition) else row.previous_edition) == previous
        assert row.panel == panel
        assert row.step == pytest.approx(step, nan_ok=True)
        assert row.level == pytest.approx(level, nan_ok=True)


def test_like_for_like_change_by_hand() -> None:
    before = pd.Series({"A": 60.0, "B": 70.0, "C": 80.0})
    after = pd.Series({"A": 66.0, "B": 72.0, "D": 50.0})
    assert u.like_for_like_change(before, after) == (pytest.approx(4.0), 2)
    assert u.like_for_like_change(before, pd.Series({"Z": 1.0})) == (None, 0)


def test_like_for_like_on_the_aggregates(demo_agg: Aggregates) -> None:
    sel = Selection(2022, (), ("phone", "email"), "44")
    series = u.like_for_like(demo_agg, sel)
    plain = category_trend(demo_agg, sel).set_index(["category", "edition"])
    joined = series.set_index(["group", "edition"])
    # The plain series is the overview's trend, group for group and edition for edition.
    assert joined["mean"].to_numpy() == pytest.approx(
        plain.loc[joined.index, "mean_score"].to_numpy()
    )
    assert (joined["n_structures"] == plain.loc[joined.index, "structures"]).all()
    changes = u.like_for_like_changes(demo_agg, Selection(2022), 2021).set_index("group")
    chained = u.like_for_like(demo_agg, Selection(2022)).set_index(["group", "edition"])
    for group, row in changes.iterrows():
        step = chained.loc[(group, 2022)]
        assert row["like_for_like_change"] == pytest.approx(step["step"])
        assert row["panel"] == step["panel"]
        assert row["plain_change"] == pytest.approx(step["plain_step"])
    everyone = u.like_for_like(demo_agg, Selection(2022), by=None)
    assert set(everyone["group"]) == {"all"}


# --- Where to act first ----------------------------------------------------------------------


def test_quadrants_by_hand() -> None:
    # Median importance of the four known: (0.8 + 0.5) / 2 = 0.65.
    quadrants = u.classify(
        np.array([0.9, 0.8, 0.5, 0.3, np.nan, 0.65]), np.array([-5.0, 3.0, -2.0, 1.0, -4.0, 0.0])
    )
    assert quadrants == ["act_first", "keep_it_up", "secondary", "secondary", None, "keep_it_up"]
    assert u.classify(np.array([np.nan]), np.array([1.0])) == [None]


@pytest.fixture(scope="module")
def ipa() -> Aggregates:
    # Twelve cities, one phone test each: score 40 + 5i (so G = 40 + 5i), crit_courtesy the
    # same (importance 1), crit_accessibility 70 for even i and 30 for odd i (importance
    # −0.144841, worked below), crit_personalisation on five cities only (importance
    # undefined: fewer than 10).
    ids = [f"C{i:02d}" for i in range(12)]
    rows = []
    for i, sid in enumerate(ids):
        crits = {
            "crit_courtesy": 40.0 + 5 * i,
            "crit_accessibility": 70.0 if i % 2 == 0 else 30.0,
            "crit_personalisation": 50.0 + i if i < 5 else None,
        }
        rows.append(_test(2022, sid, "phone", 1, 40.0 + 5 * i, **crits))
    return Aggregates(Dataset.build(_structures(ids), pd.DataFrame(rows), source="ipa"))


def test_importance_by_hand(ipa: Aggregates) -> None:
    # corr(i, a): cov = (20/12)(Σ_even (i − 5.5) − Σ_odd (i − 5.5)) = (20/12)(−3 − 3) = −10;
    # sd(i) = √(143/12), sd(a) = 20: r = −10 / (20 √(143/12)) = −0.144841.
    table = u.importance(ipa, 2022).set_index("item")
    assert table.loc["crit_courtesy", "importance"] == pytest.approx(1.0)
    assert table.loc["crit_accessibility", "importance"] == pytest.approx(-0.144841, abs=1e-6)
    assert table.loc["crit_accessibility", "n_structures"] == 12
    assert math.isnan(table.loc["crit_personalisation", "importance"])
    assert table.loc["crit_personalisation", "n_structures"] == 5


def test_where_to_act_by_hand(ipa: Aggregates) -> None:
    # City C02 (i = 2): courtesy 50 against a median of 67.5 (Q3 81.25: position 8.25 between
    # 80 and 85): gap −17.5, important (1 ≥ median importance (1 − 0.1448) / 2): act first,
    # 17.5 points to the median, 31.25 to Q3. Accessibility 70 against a median of 50 and a
    # Q3 of 70: gap +20, not important: secondary, 0 and 0. Personalisation 52 against
    # 52 (median of 50..54) and Q3 53: gap 0, importance undefined: unclassified; 1 point to
    # Q3.
    peers = peer_definition(ipa, "C02", "category")
    out = u.where_to_act(ipa, "C02", 2022, peers).set_index("item")
    assert out.loc["crit_courtesy", "priority"] == 1
    courtesy = out.loc["crit_courtesy"]
    assert (courtesy["own"], courtesy["median"], courtesy["q3"]) == (50.0, 67.5, 81.25)
    assert (courtesy["gap"], courtesy["to_median"], courtesy["to_q3"]) == (-17.5, 17.5, 31.25)
    assert (courtesy["quadrant"], courtesy["n_peers"], courtesy["n_tests"]) == ("act_first", 12, 1)
    access = out.loc["crit_accessibility"]
    assert (access["gap"], access["to_median"], access["to_q3"]) == (20.0, 0.0, 0.0)
    assert access["quadrant"] == "secondary"
    person = out.loc["crit_personalisation"]
    assert (person["gap"], person["to_median"], person["to_q3"], person["n_peers"]) == (
        0.0,
        0.0,
        1.0,
        5,
    )
    assert pd.isna(person["quadrant"])  # missing in the frame
    # One test per city: no degree of freedom anywhere, so no interval behind these.
    assert out["se"].isna().all() and set(out["source"]) == {"none"}
    channels = u.where_to_act(ipa, "C02", 2022, peers, "channel")
    assert channels["item"].tolist() == ["phone"]
    assert channels.loc[0, "gap"] == pytest.approx(50.0 - 67.5)
    assert list(channels.columns) == list(u.IPA_COLUMNS)


def test_where_to_act_orders_levers(demo_agg: Aggregates) -> None:
    g = demo_agg.global_in(2022)
    for sid in g["structure_id"].iloc[::40]:
        peers = peer_definition(demo_agg, str(sid), "category")
        out = u.where_to_act(demo_agg, str(sid), 2022, peers)
        assert out["priority"].tolist() == list(range(1, len(out) + 1))
        first = out["quadrant"] == "act_first"
        # Act-first items come first, then the other items below the median, then the rest.
        rank = np.where(first, 0, np.where(out["gap"] < 0, 1, 2))
        assert (np.diff(rank) >= 0).all()
        assert ((out["to_median"] > 0) == (out["gap"] < 0)).all()


# --- Independent recomputation from the exported CSV files -----------------------------------


def _independent_estimates(folder: Path, edition: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """From the CSV files only, with plain pandas/numpy: each structure's channel scores with
    their 90 % intervals, and G with its interval, in `edition` (§5, §5b)."""
    tests = pd.read_csv(folder / "tests.csv", encoding="utf-8-sig", dtype={"structure_id": str})
    tests = tests[tests["edition"] == edition]
    rows = []
    for (sid, channel), scores in tests.groupby(["structure_id", "channel"])["score"]:
        values = scores.to_numpy(dtype=float)
        rows.append(
            {
                "structure_id": sid,
                "channel": channel,
                "n": len(values),
                "value": values.mean(),
                "ssd": ((values - values.mean()) ** 2).sum(),
            }
        )
    s = pd.DataFrame(rows)
    s["df"] = s["n"] - 1
    total = s["ssd"].sum() / s["df"].sum()
    assert s["df"].sum() >= 10
    sigma2 = {}
    for channel, part in s.groupby("channel"):
        df = part["df"].sum()
        sigma2[channel] = part["ssd"].sum() / df if df >= 10 else total
    s["se"] = np.sqrt(s["channel"].map(sigma2) / s["n"])
    s["low"] = np.clip(s["value"] - 1.645 * s["se"], 0, 100)
    s["high"] = np.clip(s["value"] + 1.645 * s["se"], 0, 100)
    g = s.groupby("structure_id").agg(
        value=("value", "mean"), k=("value", "size"), var=("se", lambda x: (x**2).sum())
    )
    g["se"] = np.sqrt(g["var"]) / g["k"]
    g["low"] = np.clip(g["value"] - 1.645 * g["se"], 0, 100)
    g["high"] = np.clip(g["value"] + 1.645 * g["se"], 0, 100)
    return s.set_index(["structure_id", "channel"]), g


def test_independent_recomputation_from_the_csv(
    tmp_path: Path, demo: Dataset, demo_agg: Aggregates
) -> None:
    write_dataset(demo, tmp_path, "csv")
    channels, g = _independent_estimates(tmp_path, 2022)
    structures = pd.read_csv(
        tmp_path / "structures.csv", encoding="utf-8-sig", dtype={"structure_id": str}
    ).set_index("structure_id")
    picked = sorted(g.index)[:: max(1, len(g) // 20)][:20]
    assert len(picked) == 20
    rng = np.random.default_rng(20_220)  # the test's own draws, not the app's
    for sid in picked:
        shown = u.structure_estimates(demo_agg, sid, 2022).set_index(["kind", "name"])
        mine = g.loc[sid]
        ours = shown.loc[("global", "global")]
        for column in ("value", "low", "high"):
            assert abs(ours[column] - mine[column]) < 0.1, (sid, column)
        for (_, channel), row in channels.loc[[sid]].iterrows():
            theirs = shown.loc[("channel", channel)]
            for column in ("value", "low", "high"):
                assert abs(theirs[column] - row[column]) < 0.1, (sid, channel, column)
        # Rank interval on G among the category, by this test's own Monte Carlo (B = 20,000).
        category = structures.loc[sid, "category"]
        group = g[structures.loc[g.index, "category"].to_numpy() == category]
        values, ses = group["value"].to_numpy(), group["se"].to_numpy()
        own = int(np.flatnonzero(group.index == sid)[0])
        draws = values + rng.standard_normal((20_000, len(values))) * ses
        ranks = 1 + (draws > draws[:, [own]]).sum(axis=1)
        low, high = np.percentile(ranks, [5, 95])
        interval = u.structure_rank_interval(
            demo_agg, sid, 2022, peer_definition(demo_agg, sid, "category")
        )
        assert interval is not None and interval.n == len(values)
        assert interval.rank == 1 + int((values > values[own]).sum())
        assert abs(interval.low - math.floor(low)) <= 1, sid
        assert abs(interval.high - math.ceil(high)) <= 1, sid


# --- Frames for the pages --------------------------------------------------------------------


def test_estimates_of_a_selection(hand: Aggregates) -> None:
    every = u.global_estimates(hand, Selection(2022)).set_index("structure_id")
    assert every.loc["S1", "se"] == pytest.approx(1.938881, abs=1e-6)
    assert every.loc["S1", "source"] == "pooled"
    # S3 has phone only: SE(G) = SE(phone) = 4 / √3, its own spread.
    assert every.loc["S3", "se"] == pytest.approx(4 / math.sqrt(3))
    assert every.loc["S3", "source"] == "own"
    # Over phone and email only: S1's G = (50 + 65) / 2, SE = √(16/3 + 19/2) / 2.
    two = u.global_estimates(hand, Selection(2022, (), ("phone", "email"))).set_index(
        "structure_id"
    )
    assert two.loc["S1", "score"] == pytest.approx(57.5)
    assert two.loc["S1", "se"] == pytest.approx(math.sqrt(16 / 3 + 19 / 2) / 2)
    mail = u.global_estimates(hand, Selection(2022, (), ("mail",)))
    assert mail["structure_id"].tolist() == ["S1"]
    assert mail["se"].tolist() == pytest.approx([math.sqrt(19)])
    assert mail["high"].tolist() == [100.0]
    channels = u.channel_estimates(hand, Selection(2022, (), ("email",))).set_index("structure_id")
    assert channels.loc["S2", "se"] == pytest.approx(math.sqrt(19 / 2))
    assert (channels.loc["S2", "low"], channels.loc["S2", "source"]) == (
        pytest.approx(83 - 1.645 * math.sqrt(19 / 2)),
        "pooled",
    )
    old = u.global_estimates(hand, Selection(2021))
    assert old["se"].isna().all() and set(old["source"]) == {"none"}


def test_unknown_structure_and_cached_copies(hand: Aggregates) -> None:
    assert u.structure_estimates(hand, "NOPE").empty
    assert list(u.structure_estimates(hand, "NOPE").columns) == list(u.ESTIMATE_COLUMNS)
    assert u.structure_estimate(hand, "NOPE", 2022) is None
    assert u.structure_change(hand, "S3", 2022, 2021) is None  # not audited in 2021
    first = u.structure_estimates(hand, "S1")
    first.loc[:, "value"] = -1.0  # a caller changing its frame changes nothing cached
    assert (u.structure_estimates(hand, "S1")["value"] > 0).all()
    peers = peer_definition(hand, "S1", "category")
    acts = u.where_to_act(hand, "S1", 2022, peers)
    acts.loc[:, "gap"] = 0.0
    assert not (u.where_to_act(hand, "S1", 2022, peers)["gap"] == 0.0).all()
