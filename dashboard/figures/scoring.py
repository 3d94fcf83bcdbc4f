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
# Sum of squared deviations of the test values around the row's mean: Σ_t (x_t − mean)², 0 for
# a single test. The within-structure spread σ (§5b) is pooled from it (dashboard.uncertainty).
SSD = "ssd"

CHANNEL_SCORE_COLUMNS = (EDITION, STRUCTURE_ID, CHANNEL, SCORE, N_TESTS)
GLOBAL_SCORE_COLUMNS = (EDITION, STRUCTURE_ID, SCORE, N_CHANNELS, N_TESTS)
CRITERION_SCORE_COLUMNS = (EDITION, STRUCTURE_ID, CRITERION, SCORE, N_TESTS)


def channel_scores(tests: pd.DataFrame, *, with_spread: bool = False) -> pd.DataFrame:
    """S(s,e,c): mean test score per edition, structure and channel, with its test count (§5).

    With `with_spread`, a last column `ssd` (points²): Σ_t (score − S(s,e,c))² over the row's
    tests, 0 for a single test, from which σ(e,c) is pooled (§5b).
    """
    grouped = tests.groupby([EDITION, STRUCTURE_ID, CHANNEL], sort=True, observed=True)
    scores = grouped[TestCol.SCORE]
    out = scores.agg(["mean", "count", "var"]) if with_spread else scores.agg(["mean", "count"])
    out = out.reset_index()
    if with_spread:
        out = _with_ssd(out.rename(columns={"var": SSD}), variance=SSD, count="count")
    out.columns = [*CHANNEL_SCORE_COLUMNS, *([SSD] if with_spread else [])]
    out[N_TESTS] = out[N_TESTS].astype("int64")
    return out


def _with_ssd(frame: pd.DataFrame, *, variance: str, count: str) -> pd.DataFrame:
    """`variance` (the sample variance, NaN for one value) turned into the sum of squared
    deviations (n − 1) × variance, 0 for one value."""
    n = frame[count].to_numpy(dtype="float64")
    var = frame[variance].to_numpy(dtype="float64")
    frame[variance] = np.where(n > 1, np.nan_to_num(var) * (n - 1), 0.0)
    return frame


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


def criterion_scores(
    tests: pd.DataFrame, channel: str | None = None, *, with_spread: bool = False
) -> pd.DataFrame:
    """Criterion score per edition, structure and criterion: mean of crit_<name> where present (§5).

    With `channel`, only that channel's tests count; otherwise every channel's. With
    `with_spread`, a last column `ssd` (points²): Σ (crit value − criterion score)² over the
    row's values, 0 for a single value (§5b, the criterion's pooled spread).
    """
    crits = criterion_columns(tests.columns)
    if channel is not None:
        tests = tests[tests[CHANNEL] == channel]
    columns = [*CRITERION_SCORE_COLUMNS, *([SSD] if with_spread else [])]
    if not crits or tests.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    # Group the wide table once, then stack: melting first would make one row per test and
    # criterion (12 M rows at 100x the demo) before grouping.
    grouped = tests.groupby([EDITION, STRUCTURE_ID], sort=True, observed=True)[crits]
    means: pd.Series = grouped.mean().stack(future_stack=True)  # type: ignore[assignment]
    counts: pd.Series = grouped.count().stack(future_stack=True)  # type: ignore[assignment]
    parts = [means.rename(SCORE), counts.rename(N_TESTS)]
    if with_spread:
        variances: pd.Series = grouped.var().stack(future_stack=True)  # type: ignore[assignment]
        parts.append(variances.rename(SSD))
    out = pd.concat(parts, axis=1).reset_index()
    out.columns = columns
    if with_spread:
        out = _with_ssd(out, variance=SSD, count=N_TESTS)
    out = out[out[N_TESTS] > 0].sort_values([EDITION, STRUCTURE_ID, CRITERION])
    out[N_TESTS] = out[N_TESTS].astype("int64")
    out[CRITERION] = out[CRITERION].astype("str")
    return out.reset_index(drop=True)


def group_mean(values: pd.Series) -> float:
    """Group mean: arithmetic mean over structures, each counted once; NaN when empty (§5)."""
    clean = values.dropna()
    return float(clean.mean()) if len(clean) else math.nan
