"""Honest comparisons: how sure each figure is, like-for-like trends, where to act first.

Implements DATA_CONTRACT.md v1.1 §5b on the per-version aggregates (dashboard.figures.aggregates):

- the within-structure spread σ(e,c) of test scores, pooled over structures (and the same
  for each criterion), with its fallback and its undefined case;
- standard errors and 90 % intervals of channel, global and criterion scores;
- the change test of a structure between two editions, and of the headline indicators
  (two-proportion standard error for shares; see *Headline indicators* below);
- rank intervals by Monte Carlo (seeded, memoized);
- the like-for-like change and the chain-linked like-for-like series of a group;
- the importance–performance analysis ("where to act first").

Every score is in points (0–100); standard errors and spreads are in points too. A value that
is undefined is `None` in a dataclass and NaN in a frame, never 0.

Per dataset version, the tables these figures read (σ per edition and channel or criterion,
the standard error of every score row, the importance correlations) are built on first use
and kept with that version's `Aggregates` object (a weak-keyed, thread-safe cache: they go
when the aggregates go). Rank intervals are memoized in a bounded LRU keyed by dataset
version, structure, edition, peer group and measure.

Headline indicators (§5 table), change between two editions
-----------------------------------------------------------
A share indicator (`*_pct`) is p = x / n over tests. The change p₂ − p₁ (in points) has the
two-proportion standard error SE = 100 × √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂) (p as fractions, n
the tests the share is taken over: for `social_private_within_3d_pct`, the private replies).
`phone_mean_rings` is a mean over answered phone tests: SE = √(s₁²/n₁ + s₂²/n₂), s the
standard deviation of rings over those tests (n − 1 in the denominator), n their number.
`physical_mean_score` is a group mean over structures of S(s,e,physical): SE = √(s₁²/m₁ +
s₂²/m₂), s the standard deviation of S over the m structures (it holds both the differences
between structures and each one's measurement noise). A change is called a rise or a fall
only when |change| > 1.645 × SE, as for a structure (§5b); an SE needs n ≥ 1 (shares) or
n ≥ 2 (means) in both editions. Tests are treated as independent draws: tests of one
structure resemble each other, so these SEs are a lower bound when a few structures hold
many of the tests. `structures_audited` is a count, not an estimate: it has no SE.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, Protocol, TypeVar, cast, get_args

import numpy as np
import pandas as pd

from dashboard.figures import scoring
from dashboard.figures.aggregates import Aggregates, Selection, _StructureIndex
from dashboard.figures.indicators import IndicatorChange
from dashboard.figures.peers import summarise_group
from dashboard.figures.scoring import CHANNEL, CRITERION, EDITION, N_TESTS, SCORE, SSD
from dashboard.intake.schema import CHANNELS, SCORE_MAX, SCORE_MIN, Channel, StructureCol

Z90: Final = 1.645  # two-sided 90 %: the normal's 95th percentile
MIN_DF: Final = 10  # degrees of freedom Σ(n − 1) a pooled spread needs (§5b)
RANK_REPLICATES: Final = 2000  # B, the Monte Carlo replicates of a rank interval (§5b)
MIN_IMPORTANCE_STRUCTURES: Final = 10  # structures an importance correlation needs (§5b)
FRAGILE_BELOW: Final = 5  # fewer peers than this: a fragile group (§5)
FEW_TESTS_BELOW: Final = 3  # fewer tests than this: the summary says so (issue 16, item 7)

SID = StructureCol.STRUCTURE_ID
CATEGORY = StructureCol.CATEGORY

SpreadSource = Literal["own", "pooled", "none"]
"""Where a σ comes from: `own`, the channel's (criterion's) own pooled spread; `pooled`, the
spread pooled over every channel (criterion) of the edition, borrowed because the own one has
fewer than 10 degrees of freedom (the UI says so); `none`, undefined: even that has fewer than
10 (no interval; the UI says why)."""
SOURCES: Final[tuple[SpreadSource, ...]] = get_args(SpreadSource)
EstimateKind = Literal["global", "channel", "criterion"]
Verdict = Literal["rise", "fall", "stable", "unknown"]
"""A change's verdict: `rise`/`fall` when |change| > 1.645 SE; `stable` (within measurement
noise) otherwise; `unknown` when the change or its SE is undefined (no verdict can be given)."""
Quadrant = Literal["act_first", "keep_it_up", "secondary"]
IpaView = Literal["criterion", "channel"]

_T = TypeVar("_T")


# --- Per-version cache -----------------------------------------------------------------------


def _per_version(agg: Aggregates, key: Hashable, build: Callable[[], _T]) -> _T:
    """`build()`'s result, computed once per dataset version (Aggregates.once, the one
    per-version mechanism)."""
    return agg.once(f"uncertainty:{key!r}", build)


class _LRU:
    """A bounded, thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


RANK_CACHE_SIZE: Final = 4096
_RANK_CACHE = _LRU(RANK_CACHE_SIZE)
# A structure view's own frames (its estimates, its where-to-act tables), keyed by version.
VIEW_CACHE_SIZE: Final = 1024
_VIEW_CACHE = _LRU(VIEW_CACHE_SIZE)
# Every peer's rank interval: a row per peer (thousands at 100x), so fewer entries.
PEER_RANKS_CACHE_SIZE: Final = 64
_PEER_RANKS_CACHE = _LRU(PEER_RANKS_CACHE_SIZE)


def clear_caches(*aggregates: Aggregates) -> None:
    """Forget the memoized rank intervals and views, and the per-version tables of the given
    aggregates (benchmarks measure the cold path)."""
    for agg in aggregates:
        agg.forget("uncertainty:")
    _RANK_CACHE.clear()
    _VIEW_CACHE.clear()
    _PEER_RANKS_CACHE.clear()


# --- Within-structure spread σ (§5b) ---------------------------------------------------------

SPREAD_COLUMNS: Final = (
    "edition", "key", "n_structures", "df", "sigma_own", "edition_df", "sigma_edition",
    "sigma", "source",
)  # fmt: skip


@dataclass(frozen=True)
class Spread:
    """σ(e,c) of one edition and channel (or criterion), §5b.

    `sigma` (points) is the spread in force: the own one (`source` "own"), the edition's
    pooled over all channels or criteria ("pooled"), or None ("none"). `df` = Σ_s (n − 1) over
    the structures with ≥ 2 tests on this key in e; `edition_df` the same over every key of the
    edition.
    """

    edition: int
    key: str
    sigma: float | None
    source: SpreadSource
    df: int
    edition_df: int

    @property
    def borrowed(self) -> bool:
        """Whether σ is the edition's all-channel (all-criteria) spread (the UI says so)."""
        return self.source == "pooled"


def pooled_sd(n: Sequence[float] | np.ndarray, ssd: Sequence[float] | np.ndarray) -> float | None:
    """Pooled standard deviation √(Σ ssd / Σ (n − 1)) over groups of sizes `n` (groups of one
    add nothing); None when Σ (n − 1) = 0. `ssd`: each group's Σ (x − group mean)²."""
    sizes = np.asarray(n, dtype="float64")
    sums = np.asarray(ssd, dtype="float64")
    df = float(np.clip(sizes - 1, 0, None).sum())
    if df <= 0:
        return None
    return math.sqrt(float(sums[sizes > 1].sum()) / df)


def spread_table(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """σ per edition and `key` value (channel or criterion) from rows of (edition, key,
    n_tests, ssd): one row per pair present, by edition then key, columns SPREAD_COLUMNS (§5b).

    `df` = Σ (n − 1) over the rows with n ≥ 2 (their count: `n_structures`), `sigma_own` =
    √(Σ ssd / df) (NaN when df = 0); `edition_df` and `sigma_edition` the same over every key
    of the edition. `sigma` is `sigma_own` when df ≥ 10, else `sigma_edition` when
    edition_df ≥ 10 (`source` "pooled"), else NaN (`source` "none").
    """
    return _spreads(frame, key)[0]


def _spreads(frame: pd.DataFrame, key: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """spread_table() and, for each row of `frame`, the σ in force and its source code (an
    index into SOURCES). Sums by (edition, key) cell with bincount, no groupby."""
    if frame.empty:
        empty = pd.DataFrame({c: pd.Series(dtype="float64") for c in SPREAD_COLUMNS})
        return empty, np.empty(0), np.empty(0, dtype="int64")
    editions, edition_at = np.unique(frame[EDITION].to_numpy(dtype="int64"), return_inverse=True)
    codes, keys = pd.factorize(frame[key], sort=True)
    width = len(keys)
    cell = edition_at * width + codes
    cells = len(editions) * width
    n = frame[N_TESTS].to_numpy(dtype="float64")
    repeated = n >= 2
    ssd = np.where(repeated, frame[SSD].to_numpy(dtype="float64"), 0.0)
    present = np.bincount(cell, minlength=cells).reshape(-1, width) > 0
    structures = np.bincount(cell, weights=repeated, minlength=cells).reshape(-1, width)
    df = np.bincount(cell, weights=np.clip(n - 1, 0, None), minlength=cells).reshape(-1, width)
    sums = np.bincount(cell, weights=ssd, minlength=cells).reshape(-1, width)
    edition_df = np.broadcast_to(df.sum(axis=1, keepdims=True), df.shape)
    edition_sums = np.broadcast_to(sums.sum(axis=1, keepdims=True), df.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        own = np.where(df > 0, np.sqrt(sums / df), np.nan)
        whole = np.where(edition_df > 0, np.sqrt(edition_sums / edition_df), np.nan)
    use_own = df >= MIN_DF
    use_pooled = ~use_own & (edition_df >= MIN_DF)
    sigma = np.where(use_own, own, np.where(use_pooled, whole, np.nan))
    source = np.where(use_own, 0, np.where(use_pooled, 1, 2))
    rows, columns = np.nonzero(present)  # row-major: by edition, then key
    table = pd.DataFrame(
        {
            "edition": editions[rows],
            "key": np.asarray(keys, dtype=object)[columns],
            "n_structures": structures[rows, columns].astype("int64"),
            "df": df[rows, columns].astype("int64"),
            "sigma_own": own[rows, columns],
            "edition_df": edition_df[rows, columns].astype("int64"),
            "sigma_edition": whole[rows, columns],
            "sigma": sigma[rows, columns],
            "source": np.asarray(SOURCES, dtype=object)[source[rows, columns]],
        }
    )
    return table, sigma.ravel()[cell], source.ravel()[cell]


def channel_spreads(agg: Aggregates) -> pd.DataFrame:
    """σ(e,c) for every edition and channel of the version (spread_table, key `channel`)."""
    return _channel_build(agg)[0]


def criterion_spreads(agg: Aggregates) -> pd.DataFrame:
    """Each criterion's pooled spread per edition (spread_table, key `criterion`; the fallback
    pools over every criterion of the edition)."""
    return _criterion_build(agg)[0]


def spread_of(table: pd.DataFrame, edition: int, key: str) -> Spread | None:
    """One row of a spread table as a Spread; None when the pair has no row (not audited)."""
    rows = table[(table["edition"] == edition) & (table["key"] == key)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    sigma = float(row["sigma"])
    return Spread(
        edition=int(row["edition"]),
        key=str(row["key"]),
        sigma=None if math.isnan(sigma) else sigma,
        source=cast(SpreadSource, str(row["source"])),
        df=int(row["df"]),
        edition_df=int(row["edition_df"]),
    )


# --- Standard errors and intervals (§5b) -----------------------------------------------------


def standard_error(sigma: float | None, n: int) -> float | None:
    """SE of a mean of `n` tests: σ / √n (points); None when σ is undefined or n < 1."""
    if sigma is None or n < 1 or math.isnan(sigma):
        return None
    return sigma / math.sqrt(n)


def global_standard_error(channel_ses: Sequence[float | None]) -> float | None:
    """SE(G) = √(Σ_c SE_c²) / k over the k channels of s in e (equal weights, §5b); None when
    there is no channel or any channel's SE is undefined."""
    if not channel_ses or any(se is None or math.isnan(se) for se in channel_ses):
        return None
    ses = np.asarray(channel_ses, dtype="float64")
    return math.sqrt(float((ses**2).sum())) / len(ses)


def interval(value: float | None, se: float | None) -> tuple[float, float] | None:
    """The 90 % interval value ± 1.645 SE clipped to 0–100 (§5b); None when either is
    undefined."""
    if value is None or se is None or math.isnan(value) or math.isnan(se):
        return None
    return (max(SCORE_MIN, value - Z90 * se), min(SCORE_MAX, value + Z90 * se))


def intervals(
    values: np.ndarray | pd.Series, ses: np.ndarray | pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """interval() on aligned arrays: (low, high), NaN where the value or SE is NaN."""
    v = np.asarray(values, dtype="float64")
    s = np.asarray(ses, dtype="float64")
    return np.clip(v - Z90 * s, SCORE_MIN, SCORE_MAX), np.clip(v + Z90 * s, SCORE_MIN, SCORE_MAX)


@dataclass(frozen=True)
class _RowErrors:
    """Per row of an aggregates table (aligned with its RangeIndex): σ in force, its source
    code (index into SOURCES) and the SE."""

    sigma: np.ndarray
    source: np.ndarray
    se: np.ndarray


def _check_positional(frame: pd.DataFrame) -> None:
    if not frame.index.equals(pd.RangeIndex(len(frame))):
        raise ValueError("an aggregates table must have a RangeIndex")


def _build(frame: pd.DataFrame, key: str) -> tuple[pd.DataFrame, _RowErrors]:
    _check_positional(frame)
    table, sigma, source = _spreads(frame, key)
    n = frame[N_TESTS].to_numpy(dtype="float64")
    return table, _RowErrors(sigma, source, sigma / np.sqrt(n))


def _channel_build(agg: Aggregates) -> tuple[pd.DataFrame, _RowErrors]:
    return _per_version(agg, "spread:channel", lambda: _build(agg.channel, CHANNEL))


def _criterion_build(agg: Aggregates) -> tuple[pd.DataFrame, _RowErrors]:
    return _per_version(agg, "spread:criterion", lambda: _build(agg.criterion, CRITERION))


def _channel_errors(agg: Aggregates) -> _RowErrors:
    return _channel_build(agg)[1]


def _criterion_errors(agg: Aggregates) -> _RowErrors:
    return _criterion_build(agg)[1]


def _channel_key(channels: Sequence[str]) -> tuple[str, ...]:
    """A channel subset in CHANNELS order; () for all channels."""
    key = tuple(c for c in CHANNELS if c in channels)
    return () if len(key) == len(CHANNELS) else key


def _global_table(agg: Aggregates, key: tuple[str, ...]) -> pd.DataFrame:
    return agg.global_over(key) if key else agg.global_equal


def _global_errors(agg: Aggregates, channels: Sequence[str] = ()) -> _RowErrors:
    """SE(G) of every row of the G table over `channels` (all: `global_equal`), aligned with
    it: √(Σ_c SE_c²) / k over the counted channels (§5b); NaN when a channel's SE is."""
    key = _channel_key(channels)

    def build() -> _RowErrors:
        table = _global_table(agg, key)
        _check_positional(table)
        rows = agg.channel
        errors = _channel_errors(agg)
        counted = rows[CHANNEL].isin(key).to_numpy() if key else np.ones(len(rows), dtype=bool)
        # Both tables come from groupbys on (edition, structure), sorted: the channel rows of
        # the i-th row of `global_equal` (G over every channel) are the next n_channels rows.
        whole = agg.global_equal
        per_pair = whole[scoring.N_CHANNELS].to_numpy(dtype="int64")
        pairs = len(whole)
        if int(per_pair.sum()) != len(rows):  # pragma: no cover - see above
            raise ValueError("channel and global tables are not aligned")
        first_rows = np.cumsum(per_pair) - per_pair
        if not np.array_equal(
            rows[EDITION].to_numpy()[first_rows], whole[EDITION].to_numpy()
        ):  # pragma: no cover - see above
            raise ValueError("channel and global tables are not aligned")
        pair = np.repeat(np.arange(pairs), per_pair)
        k = np.bincount(pair, weights=counted.astype("float64"), minlength=pairs)
        var = np.bincount(pair, weights=np.where(counted, errors.se**2, 0.0), minlength=pairs)
        worst = np.zeros(pairs, dtype="int64")
        np.maximum.at(worst, pair[counted], errors.source[counted])
        keep = k > 0
        if int(keep.sum()) != len(table):  # pragma: no cover - see above
            raise ValueError("channel and global tables are not aligned")
        se = np.sqrt(var[keep]) / k[keep]
        sigma = np.full(len(se), np.nan)  # G has no single σ
        return _RowErrors(sigma, worst[keep], se)

    return _per_version(agg, ("errors:global", key), build)


def prepare_version(agg: Aggregates) -> None:
    """Build the version's tables every view reads (σ per channel and criterion, the SE of
    every channel, criterion and global score row, the criterion rows' structure index), so
    that a worker can pay for them when it starts rather than on its first view: about 20 ms
    of CPU at 10x, 0.2 s at 100x (measured on the reference machine). Idempotent;
    thread-safe."""
    _channel_build(agg)
    _criterion_build(agg)
    _global_errors(agg)
    _criterion_index(agg)


def _criterion_index(agg: Aggregates) -> _StructureIndex:
    return _per_version(agg, "index:criterion", lambda: _StructureIndex(agg.criterion[SID]))


def _with_errors(rows: pd.DataFrame, errors: _RowErrors) -> pd.DataFrame:
    at = rows.index.to_numpy(dtype="int64")
    se = errors.se[at]
    low, high = intervals(rows[SCORE].to_numpy(dtype="float64"), se)
    return rows.assign(
        se=se, low=low, high=high, source=np.asarray(SOURCES, dtype=object)[errors.source[at]]
    )


def global_estimates(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """G(s,e) rows of the selection (Aggregates.global_scores: over the selected channels
    when some are, equal weights) with `se`, `low`, `high` (points; NaN when undefined) and
    `source` (SpreadSource, the worst of the counted channels') added (§5b)."""
    rows = agg.global_scores(sel)
    return _with_errors(rows, _global_errors(agg, sel.channels))


def channel_estimates(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """S(s,e,c) rows of the selection (Aggregates.channel_scores) with `se`, `low`, `high`
    and `source` added (§5b)."""
    return _with_errors(agg.channel_scores(sel), _channel_errors(agg))


ESTIMATE_COLUMNS: Final = (
    "edition", "kind", "name", "value", "n_tests", "n_channels", "sigma", "source", "se",
    "low", "high",
)  # fmt: skip


def structure_estimates(
    agg: Aggregates, structure_id: str, edition: int | None = None
) -> pd.DataFrame:
    """A structure's scores with their standard error and 90 % interval (§5b), in one edition
    or (None) every edition it has scores in, for the tables, CSVs, error bars and the
    trajectory band.

    One row per (edition, kind, name), columns ESTIMATE_COLUMNS: kind "global" (name
    "global", over every channel, equal weights; `n_channels` = k), "channel" (name = the
    channel) and "criterion" (name = crit_<name>, all channels); `value` and `sigma`, `se`,
    `low`, `high` in points; `n_tests` the tests behind the value; `source` (SpreadSource):
    for G, the worst of its channels' ("pooled" when any channel borrows the edition's
    spread, "none" when any has none). Undefined SE: NaN, and so are `low`/`high`. Rows in
    edition order, then global, channels (CHANNELS order), criteria (name order). Memoized
    per (version, structure) in a bounded LRU; the caller gets its own copy.
    """
    key = ("estimates", agg.version, structure_id)
    found = cast(pd.DataFrame | None, _VIEW_CACHE.get(key))
    if found is None:
        found = _structure_estimates(agg, structure_id)
        _VIEW_CACHE.put(key, found)
    if edition is None:
        return found.copy()
    picked: pd.DataFrame = found[found["edition"].to_numpy() == edition]
    return picked.reset_index(drop=True)


def _structure_estimates(agg: Aggregates, structure_id: str) -> pd.DataFrame:
    """structure_estimates() over every edition, computed (not memoized)."""
    parts = [
        ("global", agg.global_of(structure_id), _global_errors(agg)),
        ("channel", agg.channel_of(structure_id), _channel_errors(agg)),
        (
            "criterion",
            agg.criterion.iloc[_criterion_index(agg).positions(structure_id)],
            _criterion_errors(agg),
        ),
    ]
    columns: dict[str, list[np.ndarray]] = {c: [] for c in ESTIMATE_COLUMNS[:-2]}
    order_keys: list[np.ndarray] = []
    for kind, rows, errors in parts:
        editions = rows[EDITION].to_numpy(dtype="int64")
        at = rows.index.to_numpy(dtype="int64")
        size = len(at)
        if kind == "global":
            names = np.full(size, "global", dtype=object)
            n_channels = rows[scoring.N_CHANNELS].to_numpy(dtype="float64")
            within = np.zeros(size)
        else:
            column = CHANNEL if kind == "channel" else CRITERION
            names = rows[column].to_numpy(dtype=object)
            n_channels = np.full(size, np.nan)
            within = (
                np.array([_CHANNEL_ORDER.get(str(n), len(CHANNELS)) for n in names], dtype=float)
                if kind == "channel"
                else np.zeros(size)
            )
        columns["edition"].append(editions)
        columns["kind"].append(np.full(size, kind, dtype=object))
        columns["name"].append(names)
        columns["value"].append(rows[SCORE].to_numpy(dtype="float64"))
        columns["n_tests"].append(rows[N_TESTS].to_numpy(dtype="int64"))
        columns["n_channels"].append(n_channels)
        columns["sigma"].append(errors.sigma[at])
        columns["source"].append(np.asarray(SOURCES, dtype=object)[errors.source[at]])
        columns["se"].append(errors.se[at])
        order_keys.append(_KIND_ORDER[kind] * 100 + within)
    data = {c: np.concatenate(v) for c, v in columns.items()}
    order = np.lexsort((data["name"].astype(str), np.concatenate(order_keys), data["edition"]))
    data = {c: v[order] for c, v in data.items()}
    data["low"], data["high"] = intervals(data["value"], data["se"])
    return pd.DataFrame(data)


_KIND_ORDER: Final = {"global": 0, "channel": 1, "criterion": 2}
_CHANNEL_ORDER: Final = {c: i for i, c in enumerate(CHANNELS)}


@dataclass(frozen=True)
class Estimate:
    """One score with its uncertainty (§5b): value, SE and 90 % interval in points (None when
    undefined), the tests behind it and where its σ comes from."""

    edition: int
    kind: EstimateKind
    name: str
    value: float
    n_tests: int
    se: float | None
    low: float | None
    high: float | None
    source: SpreadSource

    @property
    def few_tests(self) -> bool:
        """Fewer than 3 tests behind the value (the summary says so)."""
        return self.n_tests < FEW_TESTS_BELOW


def structure_estimate(
    agg: Aggregates,
    structure_id: str,
    edition: int,
    kind: EstimateKind = "global",
    name: str | None = None,
) -> Estimate | None:
    """One row of structure_estimates() (G when `kind` is "global"; `name` a channel or a
    criterion otherwise); None when the structure has no such score in `edition`."""
    return _pick(structure_estimates(agg, structure_id, edition), edition, kind, name)


def _pick(
    estimates: pd.DataFrame, edition: int, kind: EstimateKind, name: str | None
) -> Estimate | None:
    wanted = "global" if kind == "global" else name
    hits = np.flatnonzero(
        (estimates["edition"].to_numpy() == edition)
        & (estimates["kind"].to_numpy() == kind)
        & (estimates["name"].to_numpy() == wanted)
    )
    if not len(hits):
        return None
    row = estimates.iloc[int(hits[0])]

    def opt(value: object) -> float | None:
        number = float(cast(float, value))
        return None if math.isnan(number) else number

    return Estimate(
        edition=edition,
        kind=kind,
        name=str(row["name"]),
        value=float(row["value"]),
        n_tests=int(row["n_tests"]),
        se=opt(row["se"]),
        low=opt(row["low"]),
        high=opt(row["high"]),
        source=cast(SpreadSource, str(row["source"])),
    )


# --- Change tests (§5b) ----------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeTest:
    """A change between two editions and whether it is one (§5b).

    `change` = value now − value then (points, or rings for phone_mean_rings); `se` its
    standard error; `verdict` "rise"/"fall" only when |change| > 1.645 SE, "stable" otherwise,
    "unknown" when either is undefined. `n_now`/`n_past`: the tests (or structures, for a group
    mean) behind each edition's value. Whether a rise is good news is the indicator's business
    (fewer rings is better).
    """

    change: float | None
    se: float | None
    verdict: Verdict
    n_now: int
    n_past: int

    @property
    def threshold(self) -> float | None:
        """1.645 SE: the smallest |change| called a rise or a fall."""
        return None if self.se is None else Z90 * self.se


def _verdict(change: float | None, se: float | None) -> Verdict:
    if change is None or se is None or math.isnan(change) or math.isnan(se):
        return "unknown"
    if abs(change) > Z90 * se:
        return "rise" if change > 0 else "fall"
    return "stable"


def change_test(
    now: float | None,
    se_now: float | None,
    past: float | None,
    se_past: float | None,
    n_now: int = 0,
    n_past: int = 0,
) -> ChangeTest:
    """The change now − past with SE = √(SE_now² + SE_past²) and its verdict (§5b)."""
    change = None if now is None or past is None else now - past
    se = None if se_now is None or se_past is None else math.sqrt(se_now**2 + se_past**2)
    return ChangeTest(change, se, _verdict(change, se), n_now, n_past)


def structure_change(
    agg: Aggregates,
    structure_id: str,
    edition: int,
    past_edition: int,
    kind: EstimateKind = "global",
    name: str | None = None,
) -> ChangeTest | None:
    """A structure's change on G (or a channel, or a criterion) since `past_edition` (§5b);
    None when it has no such score in either edition."""
    estimates = structure_estimates(agg, structure_id)
    now = _pick(estimates, edition, kind, name)
    then = _pick(estimates, past_edition, kind, name)
    if now is None or then is None:
        return None
    return change_test(now.value, now.se, then.value, then.se, now.n_tests, then.n_tests)


def share_change_test(
    pct_now: float | None, n_now: int, pct_past: float | None, n_past: int
) -> ChangeTest:
    """Change of a share (in %, over n tests) with the two-proportion SE, in points:
    100 × √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂), p as fractions (see the module docstring)."""
    change = None if pct_now is None or pct_past is None else pct_now - pct_past
    se = None
    if pct_now is not None and pct_past is not None and n_now > 0 and n_past > 0:
        p1, p2 = pct_past / 100.0, pct_now / 100.0
        se = 100.0 * math.sqrt(p1 * (1 - p1) / n_past + p2 * (1 - p2) / n_now)
    return ChangeTest(change, se, _verdict(change, se), n_now, n_past)


def mean_change_test(
    mean_now: float | None,
    sd_now: float | None,
    n_now: int,
    mean_past: float | None,
    sd_past: float | None,
    n_past: int,
) -> ChangeTest:
    """Change of a mean with SE = √(s₁²/n₁ + s₂²/n₂) (s: standard deviations, n ≥ 2 each)."""
    change = None if mean_now is None or mean_past is None else mean_now - mean_past
    se = None
    if sd_now is not None and sd_past is not None and n_now >= 2 and n_past >= 2:
        se = math.sqrt(sd_now**2 / n_now + sd_past**2 / n_past)
    return ChangeTest(change, se, _verdict(change, se), n_now, n_past)


def _sd_from_sums(n: float, total: float, squares: float) -> float | None:
    """Sample SD (n − 1) from a count, a sum and a sum of squares; None when n < 2."""
    if n < 2:
        return None
    return math.sqrt(max(0.0, (squares - total * total / n) / (n - 1)))


def _indicator_spreads(agg: Aggregates, sel: Selection) -> dict[str, tuple[float | None, int]]:
    """SD and n of the two mean-type indicators in the selection (see the module docstring)."""
    physical = agg.channel_scores(
        Selection(sel.edition, sel.categories, (Channel.PHYSICAL,), sel.region)
    )[SCORE].dropna()
    sums = agg.indicator_sums_for(sel)
    n = float(sums.get("phone_rings_n", 0.0))
    rings_sd = _sd_from_sums(
        n, float(sums.get("phone_rings_sum", 0.0)), float(sums.get("phone_rings_sq", 0.0))
    )
    physical_sd = float(physical.std(ddof=1)) if len(physical) >= 2 else None
    return {
        "physical_mean_score": (physical_sd, len(physical)),
        "phone_mean_rings": (rings_sd, int(n)),
    }


def indicator_change_tests(
    agg: Aggregates, sel: Selection, changes: Mapping[str, IndicatorChange]
) -> dict[str, ChangeTest | None]:
    """The change test of each headline indicator (§5b, see the module docstring), for the
    `changes` of dashboard.figures.indicators.indicators_with_change() computed with the same
    selection (`sel.edition` the current edition). None for `structures_audited` (a count)
    and for an indicator with no past edition."""
    out: dict[str, ChangeTest | None] = {}
    now_spreads = _indicator_spreads(agg, sel)
    past_spreads: dict[int, dict[str, tuple[float | None, int]]] = {}
    for name, item in changes.items():
        if name == "structures_audited" or item.past is None or item.past_edition is None:
            out[name] = None
            continue
        current, past = item.current, item.past
        if name in now_spreads:
            if item.past_edition not in past_spreads:
                past_spreads[item.past_edition] = _indicator_spreads(
                    agg, sel.at_edition(item.past_edition)
                )
            sd_now, n_now = now_spreads[name]
            sd_past, n_past = past_spreads[item.past_edition][name]
            out[name] = mean_change_test(current.value, sd_now, n_now, past.value, sd_past, n_past)
        else:
            out[name] = share_change_test(current.value, current.n, past.value, past.n)
    return out


# --- Rank intervals (§5b) --------------------------------------------------------------------

_MAX_CELLS: Final = 4_000_000  # draws per block of replicates (memory: 32 MB of float64)


@dataclass(frozen=True)
class RankInterval:
    """A structure's rank among N peers with its 90 % interval (§5b): `low`..`high` (1 =
    best), from `replicates` draws with `seed`.

    `extended` is True when the point rank lay outside the [5th, 95th] percentiles of the
    replicate ranks (many peers within noise of each other: a leader by a hair has rank 1 but
    ranks 1 in few replicates) and the interval was widened to hold it (a proposed amendment to
    §5b: an interval that leaves out the rank shown beside it would read as a contradiction).
    """

    rank: int
    n: int
    low: int
    high: int
    replicates: int
    seed: int
    extended: bool = False

    @property
    def fragile(self) -> bool:
        """A peer group of fewer than 5: the interval is shown rather than a bare rank (§5)."""
        return self.n < FRAGILE_BELOW


def rank_seed(*parts: object) -> int:
    """A 64-bit seed derived from `parts` (version, structure, edition, peer group, measure):
    the same parts give the same seed in every process (no Python hash randomisation)."""
    text = "\x1f".join(repr(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _clean_inputs(
    values: np.ndarray | Sequence[float], ses: np.ndarray | Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    v = np.asarray(values, dtype="float64")
    s = np.asarray(ses, dtype="float64")
    if v.ndim != 1 or v.shape != s.shape:
        raise ValueError("values and ses must be 1-D arrays of the same length")
    if np.isnan(v).any():
        raise ValueError("every peer needs a value")
    s = np.where(np.isnan(s), 0.0, s)  # no SE: the value is kept (ε = 0)
    if (s < 0).any():
        raise ValueError("standard errors must be ≥ 0")
    return v, s


def _bounds(ranks: np.ndarray, rank: int) -> tuple[int, int, bool]:
    low_q, high_q = np.percentile(ranks, [5.0, 95.0])  # linear interpolation (numpy default)
    low, high = math.floor(low_q), math.ceil(high_q)  # rounded outward
    extended = not low <= rank <= high
    return min(low, rank), max(high, rank), extended


def rank_interval(
    values: np.ndarray | Sequence[float],
    ses: np.ndarray | Sequence[float],
    own: int,
    *,
    seed: int,
    replicates: int = RANK_REPLICATES,
) -> RankInterval:
    """The 90 % rank interval of peer `own` (a position in `values`) among all `values` (§5b).

    `values` (shape (N,), points) are the peer group's values, the structure's included; `ses`
    (shape (N,)) their SEs, NaN or 0 where undefined (ε = 0). Each of `replicates` replicates
    adds ε ~ Normal(0, SE²) to every value and ranks `own` by the rank rule (1 + number of
    peers strictly higher); the interval is [5th, 95th percentile] of those ranks (numpy's
    linear interpolation) rounded outward, widened to hold the point rank if needed
    (RankInterval.extended). The draws are one (B × N) matrix, in blocks of rows when B × N is
    over 4 million (the same numbers either way: rows are drawn in order). Raises ValueError
    on a NaN value, a negative SE, mismatched shapes or `own` out of range.
    """
    v, s = _clean_inputs(values, ses)
    n = len(v)
    if not 0 <= own < n:
        raise ValueError("own is not a position in values")
    rank = 1 + int((v > v[own]).sum())
    rng = np.random.default_rng(seed)
    ranks = np.empty(replicates, dtype="int64")
    block = max(1, _MAX_CELLS // n)
    for start in range(0, replicates, block):
        size = min(block, replicates - start)
        draws = rng.standard_normal((size, n))
        draws *= s
        draws += v
        ranks[start : start + size] = 1 + (draws > draws[:, own : own + 1]).sum(axis=1)
    low, high, extended = _bounds(ranks, rank)
    return RankInterval(rank, n, low, high, replicates, seed, extended)


def rank_intervals(
    values: np.ndarray | Sequence[float],
    ses: np.ndarray | Sequence[float],
    *,
    seed: int,
    replicates: int = RANK_REPLICATES,
) -> pd.DataFrame:
    """Every peer's 90 % rank interval at once (the distribution chart), from one set of
    replicates: columns `rank`, `low`, `high`, `extended`, one row per value in input order.

    Same rules as rank_interval(); each replicate ranks all N values (a sort per replicate:
    O(B · N log N), about 0.1 s for N = 500). Ties share the lowest rank, as in the rank rule.
    """
    v, s = _clean_inputs(values, ses)
    n = len(v)
    point = _min_ranks(v[None, :])[0]
    rng = np.random.default_rng(seed)
    ranks = np.empty((replicates, n), dtype="int32")
    block = max(1, _MAX_CELLS // max(n, 1))
    for start in range(0, replicates, block):
        size = min(block, replicates - start)
        ranks[start : start + size] = _min_ranks(v + rng.standard_normal((size, n)) * s)
    low_q, high_q = np.percentile(ranks, [5.0, 95.0], axis=0)
    low, high = np.floor(low_q).astype("int64"), np.ceil(high_q).astype("int64")
    extended = (point < low) | (point > high)
    return pd.DataFrame(
        {
            "rank": point,
            "low": np.minimum(low, point),
            "high": np.maximum(high, point),
            "extended": extended,
        }
    )


def _min_ranks(draws: np.ndarray) -> np.ndarray:
    """Per row, each value's rank: 1 + number of values strictly higher in that row."""
    rows, n = draws.shape
    # Not a stable sort: equal values are adjacent whatever their order, and a tie's rank is
    # its first position (below), so the order within a tie changes nothing; introsort is
    # twice as fast as a merge sort on a group of thousands.
    order = np.argsort(-draws, axis=1)
    ordered = np.take_along_axis(draws, order, axis=1)
    position = np.broadcast_to(np.arange(1, n + 1), (rows, n))
    new = np.ones((rows, n), dtype=bool)
    new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.maximum.accumulate(np.where(new, position, 0), axis=1)  # a tie's first rank
    out = np.empty((rows, n), dtype="int64")
    np.put_along_axis(out, order, first, axis=1)
    return out


class PeerGroup(Protocol):
    """A peer group definition (dashboard.figures.benchmark.PeerDefinition is one): the rows of a
    table inside the group, hashable, with a repr that is the same in every process (the
    seed is derived from it)."""

    def mask(self, frame: pd.DataFrame) -> pd.Series: ...

    def __hash__(self) -> int: ...


def _peer_values(
    agg: Aggregates, edition: int, peers: PeerGroup, channel: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ids, values and SEs of the peer group on G (channel None) or S(·,e,channel)."""
    if channel is None:
        frame = agg.global_in(edition)
        errors = _global_errors(agg)
    else:
        frame = agg.channel_in(edition)
        frame = frame[frame[CHANNEL] == channel]
        errors = _channel_errors(agg)
    frame = frame[peers.mask(frame)]
    at = frame.index.to_numpy()
    return frame[SID].to_numpy(), frame[SCORE].to_numpy(dtype="float64"), errors.se[at]


def structure_rank_interval(
    agg: Aggregates,
    structure_id: str,
    edition: int,
    peers: PeerGroup,
    channel: str | None = None,
) -> RankInterval | None:
    """The structure's 90 % rank interval among `peers` in `edition`, on G (all channels,
    equal weights) or on its score on `channel` (§5b); None when it has no such score.

    Seeded from (version, structure, edition, peer group, measure) and memoized in a bounded
    LRU (RANK_CACHE_SIZE entries) under the same key.
    """
    key = ("rank", agg.version, structure_id, edition, peers, channel)
    found = _RANK_CACHE.get(key)
    if found is not None:
        return cast(RankInterval, found)
    ids, values, ses = _peer_values(agg, edition, peers, channel)
    own = np.flatnonzero(ids == structure_id)
    if not len(own):
        return None
    seed = rank_seed(agg.version, structure_id, edition, peers, channel)
    result = rank_interval(values, ses, int(own[0]), seed=seed)
    _RANK_CACHE.put(key, result)
    return result


def peer_rank_intervals(
    agg: Aggregates,
    structure_id: str,
    edition: int,
    peers: PeerGroup,
    channel: str | None = None,
) -> pd.DataFrame:
    """Every peer's 90 % rank interval (rank_intervals()) in the group the structure sees,
    for the distribution chart: columns `structure_id`, `score`, `se` (points; NaN where
    undefined), `rank`, `low`, `high`, `extended`, `is_self`; best first (ties by id).

    The group's intervals are computed once per (version, edition, peer group, measure),
    seeded from those, and memoized (PEER_RANKS_CACHE_SIZE entries): every structure of the
    group shares them. The structure's own row is its structure_rank_interval(), so that the
    chart and the headline give the same interval. Costs B × N ranks (a sort per replicate):
    about 0.1 s and 8 MB for N = 500. The ids are for the server: a page in anonymous mode
    drops them. Empty when the structure has no such score.
    """
    own = structure_rank_interval(agg, structure_id, edition, peers, channel)
    if own is None:
        return pd.DataFrame(
            columns=[SID, "score", "se", "rank", "low", "high", "extended", "is_self"]
        )
    key = ("ranks", agg.version, edition, peers, channel)
    found = cast(pd.DataFrame | None, _PEER_RANKS_CACHE.get(key))
    if found is None:
        ids, values, ses = _peer_values(agg, edition, peers, channel)
        ranks = rank_intervals(values, ses, seed=rank_seed(agg.version, edition, peers, channel))
        found = pd.concat([pd.DataFrame({SID: ids, "score": values, "se": ses}), ranks], axis=1)
        found = found.sort_values(["rank", SID], kind="stable").reset_index(drop=True)
        _PEER_RANKS_CACHE.put(key, found)
    out = found.assign(is_self=found[SID].to_numpy() == structure_id)
    mine = out["is_self"].to_numpy()
    out.loc[mine, ["low", "high", "extended"]] = [own.low, own.high, own.extended]
    return out


# --- Like-for-like (§5b) ---------------------------------------------------------------------

LFL_COLUMNS: Final = (
    "group", "edition", "mean", "n_structures", "previous_edition", "panel", "step",
    "plain_step", "level",
)  # fmt: skip


def like_for_like_change(before: pd.Series, after: pd.Series) -> tuple[float | None, int]:
    """Like-for-like change from `before` to `after` (values indexed by structure id): the mean
    over the panel (structures with a value in both) of after − before, and the panel size;
    None when the panel is empty (§5b)."""
    joined = pd.concat([before.rename("b"), after.rename("a")], axis=1, join="inner").dropna()
    if joined.empty:
        return None, 0
    return float((joined["a"] - joined["b"]).mean()), len(joined)


def like_for_like_series(values: pd.DataFrame, group: str = "group") -> pd.DataFrame:
    """The plain and chain-linked like-for-like series of each group (§5b).

    `values`: one row per (group, edition, structure) with columns `group` (name given),
    `edition`, `structure_id`, `score`. Returns one row per group and edition with a value,
    columns LFL_COLUMNS (the group column named "group"): `mean` the group mean and
    `n_structures` its size; `previous_edition` the group's previous edition with a value;
    `panel` the structures with a value in both, `step` the like-for-like change over them,
    `plain_step` the change of the group means; `level` L: the group mean in its first
    edition, then L(previous) + step. An empty panel leaves `step` NaN, and the chain is broken
    from there on (`level` NaN): a chain-linked series cannot bridge editions with no
    structure in common. Rows by group, then edition.
    """
    frame = values[[group, EDITION, SID, SCORE]].dropna(subset=[SCORE])
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64") for c in LFL_COLUMNS})
    # Vectorised on integer codes (a few pandas merges cost ten times as much): each value's
    # (group, edition) cell, cells ordered by group then edition, are the result's rows.
    group_codes, groups = pd.factorize(frame[group], sort=True)
    edition_codes, editions = pd.factorize(frame[EDITION], sort=True)
    structure_codes, _ = pd.factorize(frame[SID])
    n_editions, n_structures = len(editions), int(structure_codes.max()) + 1
    cell = group_codes * n_editions + edition_codes
    cells = np.unique(cell)
    row_of_cell = np.full(len(groups) * n_editions, -1)
    row_of_cell[cells] = np.arange(len(cells))
    row = row_of_cell[cell]
    scores = frame[SCORE].to_numpy(dtype="float64")
    mean, count = _means_by_code(row, scores, len(cells))
    cell_group, cell_edition = np.divmod(cells, n_editions)
    first = np.r_[True, cell_group[1:] != cell_group[:-1]]
    previous_row = np.where(first, -1, np.arange(len(cells)) - 1)
    # The panel: each value whose structure has a value in the group's previous edition.
    key = row * n_structures + structure_codes
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    wanted = previous_row[row] * n_structures + structure_codes
    found = np.minimum(np.searchsorted(sorted_key, wanted), len(sorted_key) - 1)
    in_panel = (previous_row[row] >= 0) & (sorted_key[found] == wanted)
    diffs = scores[in_panel] - scores[order[found[in_panel]]]
    step, panel = _means_by_code(row[in_panel], diffs, len(cells))
    previous_mean = np.where(first, np.nan, np.r_[np.nan, mean[:-1]])
    # L: the running sum of the increments within each group, NaN from a broken link on.
    increments = np.where(first, mean, step)
    level = pd.Series(increments).groupby(cell_group).cumsum(skipna=False).to_numpy()
    previous_edition = pd.array(editions.to_numpy()[cell_edition[previous_row]], dtype="Int64")
    previous_edition[first] = pd.NA
    return pd.DataFrame(
        {
            "group": groups.to_numpy()[cell_group],
            EDITION: editions.to_numpy()[cell_edition],
            "mean": mean,
            "n_structures": count,
            "previous_edition": previous_edition,
            "panel": panel,
            "step": step,
            "plain_step": mean - previous_mean,
            "level": level,
        }
    )


def _means_by_code(
    codes: np.ndarray, values: np.ndarray, n_codes: int
) -> tuple[np.ndarray, np.ndarray]:
    """The mean (NaN where none) and the count of `values` per code 0 .. n_codes − 1, with
    pandas' groupby (compensated sums: the same bits as every other group mean)."""
    grouped = pd.Series(values).groupby(codes, sort=True).agg(["mean", "count"])
    at = grouped.index.to_numpy(dtype="int64")
    mean = np.full(n_codes, np.nan)
    count = np.zeros(n_codes, dtype="int64")
    mean[at] = grouped["mean"].to_numpy(dtype="float64")
    count[at] = grouped["count"].to_numpy(dtype="int64")
    return mean, count


def like_for_like(agg: Aggregates, sel: Selection, by: str | None = CATEGORY) -> pd.DataFrame:
    """like_for_like_series() of G (over the selection's channels, equal weights) per `by`
    (a structure attribute: category, region_code; None: all the selected structures as one
    group, named "all"), with the selection's categories, channels and region as filters,
    over every edition (`sel.edition` is not used), as the overview's trend (§5, §5b)."""
    scores = agg.global_scores(sel, all_editions=True)
    grouping = scores[by].astype("str") if by is not None else pd.Series("all", scores.index)
    frame = pd.DataFrame(
        {
            "group": grouping.to_numpy(),
            EDITION: scores[EDITION].to_numpy(),
            SID: scores[SID].to_numpy(),
            SCORE: scores[SCORE].to_numpy(dtype="float64"),
        }
    )
    return like_for_like_series(frame)


LFL_CHANGE_COLUMNS: Final = (
    "group", "edition", "past_edition", "mean", "n_structures", "past_mean",
    "past_n_structures", "plain_change", "like_for_like_change", "panel",
)  # fmt: skip


def like_for_like_changes(
    agg: Aggregates, sel: Selection, past_edition: int, by: str | None = CATEGORY
) -> pd.DataFrame:
    """Per group, the plain change of the group mean of G from `past_edition` to
    `sel.edition` (§5) beside the like-for-like change over the panel of both, for the change
    cards; columns LFL_CHANGE_COLUMNS (NaN where a side is missing, panel 0 when empty)."""
    rows = []
    now = agg.global_scores(sel)
    then = agg.global_scores(sel.at_edition(past_edition))
    keys = (
        sorted(set(now[by].astype("str")) | set(then[by].astype("str")))
        if by is not None
        else ["all"]
    )
    for key in keys:
        a = now[now[by].astype("str") == key] if by is not None else now
        b = then[then[by].astype("str") == key] if by is not None else then
        change, panel = like_for_like_change(
            b.set_index(SID)[SCORE].astype("float64"), a.set_index(SID)[SCORE].astype("float64")
        )
        mean_a = float(a[SCORE].mean()) if len(a) else math.nan
        mean_b = float(b[SCORE].mean()) if len(b) else math.nan
        rows.append(
            {
                "group": key,
                "edition": sel.edition,
                "past_edition": past_edition,
                "mean": mean_a,
                "n_structures": len(a),
                "past_mean": mean_b,
                "past_n_structures": len(b),
                "plain_change": mean_a - mean_b,
                "like_for_like_change": math.nan if change is None else change,
                "panel": panel,
            }
        )
    return pd.DataFrame(rows, columns=list(LFL_CHANGE_COLUMNS))


# --- Where to act first: importance–performance (§5b) ----------------------------------------

IMPORTANCE_COLUMNS: Final = ("item", "importance", "n_structures")


def pearson_by_group(groups: np.ndarray, x: np.ndarray, y: np.ndarray) -> pd.DataFrame:
    """Pearson correlation of x and y within each group (rows with both values), with the
    number of rows: columns `item`, `importance`, `n_structures`; NaN when a group has fewer
    than 10 rows (§5b) or no spread on either side. Two passes (means, then centred sums)."""
    keep = ~(np.isnan(x) | np.isnan(y))
    codes, items = pd.factorize(pd.Series(groups[keep]), sort=True)
    xs, ys = x[keep], y[keep]
    m = len(items)
    n = np.bincount(codes, minlength=m).astype("float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        dx = xs - (np.bincount(codes, weights=xs, minlength=m) / n)[codes]
        dy = ys - (np.bincount(codes, weights=ys, minlength=m) / n)[codes]
        sxy = np.bincount(codes, weights=dx * dy, minlength=m)
        sxx = np.bincount(codes, weights=dx * dx, minlength=m)
        syy = np.bincount(codes, weights=dy * dy, minlength=m)
        r = sxy / np.sqrt(sxx * syy)
    r = np.where((n >= MIN_IMPORTANCE_STRUCTURES) & (sxx > 0) & (syy > 0), r, np.nan)
    return pd.DataFrame(
        {"item": np.asarray(items, dtype=object), "importance": r, "n_structures": n.astype(int)}
    )


def importance(agg: Aggregates, edition: int, view: IpaView = "criterion") -> pd.DataFrame:
    """Importance of each criterion (or channel) in `edition`: the Pearson correlation, over
    every structure of the edition with both values, between its score on the item and G (all
    channels, equal weights); undefined (NaN) under 10 structures (§5b). Columns
    IMPORTANCE_COLUMNS; cached per version and edition."""

    def build() -> pd.DataFrame:
        table = agg.criterion_in(edition) if view == "criterion" else agg.channel_in(edition)
        column = CRITERION if view == "criterion" else CHANNEL
        g = agg.global_in(edition).set_index(SID)[SCORE]
        y = table[SID].map(g).to_numpy(dtype="float64", na_value=np.nan)
        x = table[SCORE].to_numpy(dtype="float64")
        return pearson_by_group(table[column].astype("str").to_numpy(), x, y)

    return _per_version(agg, ("importance", edition, view), build)


def classify(importance: np.ndarray, gap: np.ndarray) -> list[Quadrant | None]:
    """The quadrant of each item (§5b): "act_first" when its importance is at or above the
    median importance of the items given (those with one) and its gap is negative;
    "keep_it_up" when important and gap ≥ 0; "secondary" otherwise. None (unclassified) where
    the importance is undefined (NaN): calling such an item secondary would claim a fact."""
    imp = np.asarray(importance, dtype="float64")
    gaps = np.asarray(gap, dtype="float64")
    known = ~np.isnan(imp)
    if not known.any():
        return [None] * len(imp)
    cut = float(np.median(imp[known]))
    out: list[Quadrant | None] = []
    for value, g, has in zip(imp, gaps, known, strict=True):
        if not has:
            out.append(None)
        elif value >= cut:
            out.append("act_first" if g < 0 else "keep_it_up")
        else:
            out.append("secondary")
    return out


IPA_COLUMNS: Final = (
    "priority", "view", "item", "own", "n_tests", "se", "low", "high", "source", "n_peers",
    "median", "q3", "gap", "to_median", "to_q3", "importance", "importance_n", "quadrant",
)  # fmt: skip


def where_to_act(
    agg: Aggregates,
    structure_id: str,
    edition: int,
    peers: PeerGroup,
    view: IpaView = "criterion",
) -> pd.DataFrame:
    """Importance–performance analysis of a structure in `edition` (§5b, "where to act
    first"), over its criteria (or, with `view` "channel", its channels).

    One row per item the structure has a score on, columns IPA_COLUMNS: `own` its score with
    `n_tests`, `se`, 90 % interval `low`–`high` and σ `source`; `n_peers`, `median`, `q3` of
    the peer group on the item (the structure included); `gap` = own − median; `to_median` =
    max(0, median − own) and `to_q3` = max(0, Q3 − own) (points to reach them); `importance`
    (correlation with G over the edition, NaN when undefined) over `importance_n` structures;
    `quadrant` (classify(); missing when the importance is undefined). `priority` 1, 2, ... is
    the order to work in: "act first" items, then the other items below the median, then
    the rest; by gap (most negative first) within each. Rows in priority order.
    """
    key = ("act", agg.version, structure_id, edition, peers, view)
    found = cast(pd.DataFrame | None, _VIEW_CACHE.get(key))
    if found is None:
        found = _where_to_act(agg, structure_id, edition, peers, view)
        _VIEW_CACHE.put(key, found)
    return found.copy()


@dataclass(frozen=True)
class _Block:
    """One edition's rows of the criterion (or channel) table, with its columns as arrays."""

    frame: pd.DataFrame
    ids: np.ndarray
    items: np.ndarray
    scores: np.ndarray
    tests: np.ndarray
    positions: np.ndarray


def _block(agg: Aggregates, edition: int, view: IpaView) -> _Block:
    def build() -> _Block:
        frame = agg.criterion_in(edition) if view == "criterion" else agg.channel_in(edition)
        column = CRITERION if view == "criterion" else CHANNEL
        return _Block(
            frame=frame,
            ids=frame[SID].to_numpy(dtype=object),
            items=frame[column].to_numpy(dtype=object),
            scores=frame[SCORE].to_numpy(dtype="float64"),
            tests=frame[N_TESTS].to_numpy(dtype="int64"),
            positions=frame.index.to_numpy(dtype="int64"),
        )

    return _per_version(agg, ("block", edition, view), build)


def _where_to_act(
    agg: Aggregates, structure_id: str, edition: int, peers: PeerGroup, view: IpaView
) -> pd.DataFrame:
    block = _block(agg, edition, view)
    errors = _criterion_errors(agg) if view == "criterion" else _channel_errors(agg)
    inside = peers.mask(block.frame).to_numpy(dtype=bool)
    ids, items, scores = block.ids[inside], block.items[inside], block.scores[inside]
    mine = np.flatnonzero(ids == structure_id)
    weights = importance(agg, edition, view)
    importance_of = dict(zip(weights["item"], weights["importance"], strict=True))
    structures_of = dict(zip(weights["item"], weights["n_structures"], strict=True))
    names = [str(items[at]) for at in mine]
    summaries = [summarise_group(scores[items == name]) for name in names]
    own = scores[mine]
    positions = block.positions[inside][mine]
    se = errors.se[positions]
    low, high = intervals(own, se)
    median = np.array([g.median for g in summaries], dtype="float64")
    q3 = np.array([g.q3 for g in summaries], dtype="float64")
    gap = own - median
    weight = np.array([importance_of.get(n, np.nan) for n in names], dtype="float64")
    quadrant = classify(weight, gap)
    group = np.where([q == "act_first" for q in quadrant], 0, np.where(gap < 0, 1, 2))
    tie = (
        np.array([_CHANNEL_ORDER.get(n, len(CHANNELS)) for n in names], dtype="float64")
        if view == "channel"
        else np.zeros(len(names))
    )
    order = np.lexsort((np.array(names, dtype=str), tie, gap, group)) if names else mine
    data = {
        "priority": np.arange(1, len(names) + 1, dtype="int64"),
        "view": np.full(len(names), view, dtype=object),
        "item": np.array(names, dtype=object),
        "own": own,
        "n_tests": block.tests[inside][mine],
        "se": se,
        "low": low,
        "high": high,
        "source": np.asarray(SOURCES, dtype=object)[errors.source[positions]],
        "n_peers": np.array([g.n for g in summaries], dtype="int64"),
        "median": median,
        "q3": q3,
        "gap": gap,
        "to_median": np.maximum(0.0, median - own),
        "to_q3": np.maximum(0.0, q3 - own),
        "importance": weight,
        "importance_n": np.array([structures_of.get(n, 0) for n in names], dtype="int64"),
        "quadrant": np.array(quadrant, dtype=object),
    }
    return pd.DataFrame(
        {c: (v if c == "priority" else v[order]) for c, v in data.items()},
        columns=list(IPA_COLUMNS),
    )


__all__ = [
    "ESTIMATE_COLUMNS",
    "IMPORTANCE_COLUMNS",
    "IPA_COLUMNS",
    "LFL_CHANGE_COLUMNS",
    "LFL_COLUMNS",
    "MIN_DF",
    "MIN_IMPORTANCE_STRUCTURES",
    "RANK_REPLICATES",
    "SPREAD_COLUMNS",
    "Z90",
    "ChangeTest",
    "Estimate",
    "PeerGroup",
    "RankInterval",
    "Spread",
    "change_test",
    "channel_estimates",
    "channel_spreads",
    "classify",
    "clear_caches",
    "criterion_spreads",
    "global_estimates",
    "global_standard_error",
    "importance",
    "indicator_change_tests",
    "interval",
    "intervals",
    "like_for_like",
    "like_for_like_change",
    "like_for_like_changes",
    "like_for_like_series",
    "mean_change_test",
    "pearson_by_group",
    "peer_rank_intervals",
    "pooled_sd",
    "prepare_version",
    "rank_interval",
    "rank_intervals",
    "rank_seed",
    "share_change_test",
    "spread_of",
    "spread_table",
    "standard_error",
    "structure_change",
    "structure_estimate",
    "structure_estimates",
    "structure_rank_interval",
    "where_to_act",
]
