"""Channel, global and criterion scores and group means (DATA_CONTRACT.md §5).

A structure with no test on a channel has no score on it: it is absent from the result,
never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from dashboard.schema import CHANNELS, TestCol, criterion_columns

EDITION = TestCol.EDITION
STRUCTURE_ID = TestCol.STRUCTURE_ID
CHANNEL = TestCol.CHANNEL
SCORE = "score"
N_TESTS = "n_tests"
N_CHANNELS = "n_channels"
CRITERION = "criterion"

CHANNEL_SCORE_COLUMNS = (EDITION, STRUCTURE_ID, CHANNEL, SCORE, N_TESTS)
GLOBAL_SCORE_COLUMNS = (EDITION, STRUCTURE_ID, SCORE, N_CHANNELS, N_TESTS)
CRITERION_SCORE_COLUMNS = (EDITION, STRUCTURE_ID, CRITERION, SCORE, N_TESTS)


def channel_scores(tests: pd.DataFrame) -> pd.DataFrame:
    """S(s,e,c): mean test score per edition, structure and channel, with its test count (§5)."""
    grouped = tests.groupby([EDITION, STRUCTURE_ID, CHANNEL], sort=True, observed=True)
    out = grouped[TestCol.SCORE].agg(["mean", "count"]).reset_index()
    out.columns = list(CHANNEL_SCORE_COLUMNS)
    out[N_TESTS] = out[N_TESTS].astype("int64")
    return out


def equal_weights() -> dict[str, float]:
    """The default channel weights of the global score: every channel counts the same (§5)."""
    return dict.fromkeys(CHANNELS, 1.0)


def global_scores(
    channel_scores: pd.DataFrame, weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """G(s,e): weighted mean of S(s,e,c) over the channels s has tests on in e (§5).

    Channels missing from `weights`, or weighted 0, do not count; a structure left with no
    counted channel has no global score.
    """
    w = equal_weights() if weights is None else {c: float(weights.get(c, 0.0)) for c in CHANNELS}
    frame = channel_scores.assign(_w=channel_scores[CHANNEL].map(w).astype("float64").fillna(0.0))
    frame = frame[frame["_w"] > 0]
    frame = frame.assign(_ws=frame[SCORE] * frame["_w"])
    grouped = frame.groupby([EDITION, STRUCTURE_ID], sort=True, observed=True)
    out = grouped.agg(
        _ws=("_ws", "sum"),
        _w=("_w", "sum"),
        n_channels=(CHANNEL, "count"),
        n_tests=(N_TESTS, "sum"),
    ).reset_index()
    out[SCORE] = out["_ws"] / out["_w"]
    out[N_CHANNELS] = out[N_CHANNELS].astype("int64")
    out[N_TESTS] = out[N_TESTS].astype("int64")
    return out[list(GLOBAL_SCORE_COLUMNS)]


def criterion_scores(tests: pd.DataFrame, channel: str | None = None) -> pd.DataFrame:
    """Criterion score per edition, structure and criterion: mean of crit_<name> where present (§5).

    With `channel`, only that channel's tests count; otherwise every channel's.
    """
    crits = criterion_columns(tests.columns)
    if channel is not None:
        tests = tests[tests[CHANNEL] == channel]
    if not crits or tests.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in CRITERION_SCORE_COLUMNS})
    # Group the wide table once, then stack: melting first would make one row per test and
    # criterion (12 M rows at 100x the demo) before grouping.
    grouped = tests.groupby([EDITION, STRUCTURE_ID], sort=True, observed=True)[crits]
    means: pd.Series = grouped.mean().stack(future_stack=True)  # type: ignore[assignment]
    counts: pd.Series = grouped.count().stack(future_stack=True)  # type: ignore[assignment]
    out = pd.concat([means.rename(SCORE), counts.rename(N_TESTS)], axis=1).reset_index()
    out.columns = [EDITION, STRUCTURE_ID, CRITERION, SCORE, N_TESTS]
    out = out[out[N_TESTS] > 0].sort_values([EDITION, STRUCTURE_ID, CRITERION])
    out[N_TESTS] = out[N_TESTS].astype("int64")
    out[CRITERION] = out[CRITERION].astype("str")
    return out.reset_index(drop=True)


def group_mean(values: pd.Series) -> float:
    """Group mean: arithmetic mean over structures, each counted once; NaN when empty (§5)."""
    clean = values.dropna()
    return float(clean.mean()) if len(clean) else math.nan
