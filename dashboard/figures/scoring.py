"""Channel, global and criterion scores and group means (DATA_CONTRACT.md §5).

A structure with no test on a channel has no score on it: it is absent from the result,
never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.intake.schema import CHANNELS, TestCol, criterion_columns

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
    return ChannelGrouping(channel_scores).global_scores(weights)


class ChannelGrouping:
    """The (edition, structure) pairs of a table of S(s,e,c), found once: G(s,e) for any
    channel weights is then a few sums per pair (global_scores() is this, used once). The
    aggregates keep one per dataset version, so a channel filter costs sums, not a groupby."""

    def __init__(self, channel_scores: pd.DataFrame) -> None:
        grouped = channel_scores.groupby([EDITION, STRUCTURE_ID], sort=True, observed=True)
        self._pair = grouped.ngroup().to_numpy()
        self._pairs = grouped.size().index.to_frame(index=False)
        self._channel = pd.Categorical(channel_scores[CHANNEL], categories=CHANNELS).codes
        self._score = channel_scores[SCORE].to_numpy(dtype="float64")
        self._tests = channel_scores[N_TESTS].to_numpy(dtype="float64")

    def global_scores(self, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
        """G(s,e) under `weights` (equal weights by default), in (edition, structure) order."""
        w = equal_weights() if weights is None else weights
        # One weight per channel code; the last one is for codes outside CHANNELS (-1).
        by_code = np.array([float(w.get(c, 0.0)) for c in CHANNELS] + [0.0])
        weight = by_code[self._channel]
        counted = weight > 0
        weight = np.where(counted, weight, 0.0)  # a channel weighted 0 (or less) does not count
        n = len(self._pairs)
        weight_sum = np.bincount(self._pair, weights=weight, minlength=n)
        keep = weight_sum > 0
        score_sum = np.bincount(
            self._pair, weights=np.where(counted, weight * self._score, 0.0), minlength=n
        )
        channels = np.bincount(self._pair, weights=counted.astype("float64"), minlength=n)
        tests = np.bincount(self._pair, weights=np.where(counted, self._tests, 0.0), minlength=n)
        out = self._pairs[keep].reset_index(drop=True)
        out[SCORE] = score_sum[keep] / weight_sum[keep]
        out[N_CHANNELS] = channels[keep].astype("int64")
        out[N_TESTS] = tests[keep].astype("int64")
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
