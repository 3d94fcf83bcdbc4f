"""Property tests of the peer statistics (DATA_CONTRACT.md §5)."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from dashboard.figures import scoring
from dashboard.figures.peers import peer_stats, percentile_in_group, rank_in_group

scores = st.lists(
    st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 1)),
    min_size=1,
    max_size=40,
)


def _group(values: list[float]) -> pd.Series:
    return pd.Series(values, index=[f"s{i}" for i in range(len(values))], dtype="float64")


@given(scores)
def test_rank_between_1_and_n_and_ties_share(values: list[float]) -> None:
    group = _group(values)
    ranks = rank_in_group(group)
    assert ranks.between(1, len(values)).all()
    for value in set(values):
        assert ranks[group == value].nunique() == 1
    assert ranks[group == group.max()].eq(1).all()


@given(scores)
def test_percentile_in_0_100_and_undefined_alone(values: list[float]) -> None:
    pct = percentile_in_group(_group(values))
    if len(values) == 1:
        assert math.isnan(pct.iloc[0])
    else:
        assert pct.between(0, 100).all()


@given(scores, st.data())
def test_quartiles_ordered_and_gaps_consistent(values: list[float], data: st.DataObject) -> None:
    group = _group(values)
    sid = data.draw(st.sampled_from(list(group.index)))
    stats = peer_stats(group, sid)
    assert stats is not None
    assert stats.q1 <= stats.median <= stats.q3 <= stats.best
    assert stats.gap_to_best <= 0
    assert 1 <= stats.rank <= stats.n == len(values)
    assert stats.rank == rank_in_group(group)[sid]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c"]),
            st.sampled_from(["phone", "email", "website"]),
            st.floats(min_value=0, max_value=100, allow_nan=False),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_channel_without_tests_has_no_score(rows: list[tuple[str, str, float]]) -> None:
    tests = pd.DataFrame(rows, columns=["structure_id", "channel", "score"]).assign(edition=2022)
    cs = scoring.channel_scores(tests)
    tested = {(s, c) for s, c, _ in rows}
    assert set(zip(cs.structure_id, cs.channel, strict=True)) == tested
    g = scoring.global_scores(cs).set_index("structure_id")["score"]
    for sid in g.index:
        own = cs[cs.structure_id == sid]["score"]
        assert g[sid] == own.mean() or math.isclose(g[sid], own.mean())
