"""Peer groups and where a structure stands in them: rank, percentile, quartiles (§5)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

QuartileName = Literal["top", "upper_middle", "lower_middle", "bottom"]
FRAGILE_BELOW = 5  # below this many peers, comparisons are fragile (no percentile/quartile)


def rank_in_group(values: pd.Series) -> pd.Series:
    """Rank = 1 + number of peers with a strictly higher value; ties share a rank (§5)."""
    clean = values.dropna()
    return clean.rank(method="min", ascending=False).astype("int64")


def percentile_in_group(values: pd.Series) -> pd.Series:
    """Percentile = 100 × (peers strictly lower) / (N − 1); NaN when N = 1 (§5)."""
    clean = values.dropna()
    n = len(clean)
    if n <= 1:
        return pd.Series(math.nan, index=clean.index, dtype="float64")
    lower = clean.rank(method="min", ascending=True) - 1
    return (100.0 * lower / (n - 1)).astype("float64")


@dataclass(frozen=True)
class PeerStats:
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
    def gap_to_median(self) -> float:
        """Own value − peer median (§5)."""
        return self.value - self.median

    @property
    def gap_to_best(self) -> float:
        """Own value − best in class (§5)."""
        return self.value - self.best

    @property
    def fragile(self) -> bool:
        """Whether the group is too small for percentile and quartile to mean much."""
        return self.n < FRAGILE_BELOW

    @property
    def quartile(self) -> QuartileName:
        """Which quarter of the group the value falls in, by the peer Q1, median and Q3.

        Bottom: below Q1; lower middle: Q1 to below the median; upper middle: median to
        below Q3; top: Q3 or above.
        """
        if self.value < self.q1:
            return "bottom"
        if self.value < self.median:
            return "lower_middle"
        if self.value < self.q3:
            return "upper_middle"
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


def summarise_group(values: pd.Series) -> GroupSummary:
    """N, linear-interpolation Q1/median/Q3 (pandas' default), best and group mean (§5)."""
    clean = values.dropna().astype("float64")
    if clean.empty:
        return GroupSummary(0, math.nan, math.nan, math.nan, math.nan, math.nan)
    q = clean.quantile([0.25, 0.5, 0.75])
    return GroupSummary(
        n=len(clean),
        q1=float(q.iloc[0]),
        median=float(q.iloc[1]),
        q3=float(q.iloc[2]),
        best=float(clean.max()),
        mean=float(clean.mean()),
    )


def peer_stats(values: pd.Series, structure_id: str) -> PeerStats | None:
    """Where `structure_id` stands among `values` (indexed by structure_id; the peer group,
    the structure included); None when it has no value (§5)."""
    clean = values.dropna().astype("float64")
    if structure_id not in clean.index:
        return None
    own = float(clean.loc[structure_id])
    summary = summarise_group(clean)
    higher = int((clean > own).sum())
    lower = int((clean < own).sum())
    n = summary.n
    return PeerStats(
        structure_id=structure_id,
        value=own,
        n=n,
        rank=1 + higher,
        percentile=(100.0 * lower / (n - 1)) if n > 1 else math.nan,
        q1=summary.q1,
        median=summary.median,
        q3=summary.q3,
        best=summary.best,
    )
