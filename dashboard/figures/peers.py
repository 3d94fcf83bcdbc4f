"""Peer groups and where a structure stands in them: rank, percentile, quartiles (§5)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

QuartileName = Literal["bottom", "second", "third", "top"]  # contract v1.1, §5
FRAGILE_BELOW = 5  # below this many peers, comparisons are fragile (no percentile/quartile)


def rank_in_group(values: pd.Series) -> pd.Series:
    """Rank = 1 + number of peers with a strictly higher value; ties share a rank (§5)."""
    clean = values.dropna()
    return clean.rank(method="min", ascending=False).astype("int64")


def rank_in_groups(values: pd.Series, groups: pd.Series) -> pd.Series:
    """rank_in_group() within each group at once (e.g. every category's ranks)."""
    ranks = values.groupby(groups, observed=True).rank(method="min", ascending=False)
    return ranks.dropna().astype("int64")


def percentile_in_group(values: pd.Series) -> pd.Series:
    """Percentile = 100 × (peers strictly lower) / (N − 1); NaN when N = 1 (§5)."""
    clean = values.dropna()
    n = len(clean)
    if n <= 1:
        return pd.Series(math.nan, index=clean.index, dtype="float64")
    lower = clean.rank(method="min", ascending=True) - 1
    return (100.0 * lower / (n - 1)).astype("float64")


class Standing:
    """Where a value stands in its peer group (§5): its gaps to the group's median and best,
    and whether the group is fragile. A subclass (a frozen dataclass) holds the numbers."""

    value: float
    n: int
    median: float
    best: float

    @property
    def gap_to_median(self) -> float:
        """Own value − peer median (§5)."""
        return self.value - self.median

    @property
    def gap_to_best(self) -> float:
        """Own value − best in the peer group (§5)."""
        return self.value - self.best

    @property
    def fragile(self) -> bool:
        """Whether the group is too small for percentile and quartile to mean much (N < 5)."""
        return self.n < FRAGILE_BELOW


@dataclass(frozen=True)
class PeerStats(Standing):
    """One structure's value against its peer group (§5), with the group's summary."""

    structure_id: str
    value: float
    n: int
    rank: int
    percentile: float  # NaN when n == 1
    q1: float
    median: float
    q3: float
    best: float

    @property
    def quartile(self) -> QuartileName:
        """Which quarter of the group the value falls in, by the peer Q1, median and Q3.

        Bottom: below Q1; second: Q1 to below the median; third: the median to below Q3;
        top: Q3 or above (contract v1.1, §5).
        """
        if self.value < self.q1:
            return "bottom"
        if self.value < self.median:
            return "second"
        if self.value < self.q3:
            return "third"
        return "top"


@dataclass(frozen=True)
class GroupSummary:
    """Summary of a peer group on a measure: N, Q1, median, Q3, best, mean (§5)."""

    n: int
    q1: float
    median: float
    q3: float
    best: float
    mean: float


def _floats(values: pd.Series | np.ndarray) -> np.ndarray:
    if isinstance(values, pd.Series):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    return np.asarray(values, dtype="float64")


def summarise_group(values: pd.Series | np.ndarray) -> GroupSummary:
    """N, linear-interpolation Q1/median/Q3 (pandas' default), best and group mean (§5).

    On plain arrays: a page summarises dozens of groups, and pandas' per-call overhead was
    most of the work (numpy's "linear" quantile is the same interpolation)."""
    arr = _floats(values)
    clean = arr[~np.isnan(arr)]
    if not len(clean):
        return GroupSummary(0, math.nan, math.nan, math.nan, math.nan, math.nan)
    q1, median, q3 = np.quantile(clean, [0.25, 0.5, 0.75])
    return GroupSummary(
        n=len(clean),
        q1=float(q1),
        median=float(median),
        q3=float(q3),
        best=float(clean.max()),
        mean=float(clean.mean()),
    )


def peer_stats(values: pd.Series, structure_id: str) -> PeerStats | None:
    """Where `structure_id` stands among `values` (indexed by structure_id; the peer group,
    the structure included); None when it has no value (§5)."""
    return peer_stats_of(values.index.to_numpy(), _floats(values), structure_id)


def peer_stats_of(ids: np.ndarray, values: np.ndarray, structure_id: str) -> PeerStats | None:
    """peer_stats() on aligned arrays of structure ids and values (NaN: no value)."""
    keep = ~np.isnan(values)
    clean = values[keep]
    hits = np.flatnonzero(ids[keep] == structure_id)
    if not len(hits):
        return None
    own = float(clean[hits[0]])
    summary = summarise_group(clean)
    n = summary.n
    lower = int((clean < own).sum())
    return PeerStats(
        structure_id=structure_id,
        value=own,
        n=n,
        rank=1 + int((clean > own).sum()),
        percentile=(100.0 * lower / (n - 1)) if n > 1 else math.nan,
        q1=summary.q1,
        median=summary.median,
        q3=summary.q3,
        best=summary.best,
    )
