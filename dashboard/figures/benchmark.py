"""One structure against its peers and its own past editions (§5: peer group, rank,
percentile, quartiles, gaps, change), for the "My structure" page.

Every function reads the per-version aggregates; none regroups raw tests per call except
the channel measures, computed once per version and kept on the aggregates.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
import pandas as pd

from dashboard.figures import scoring
from dashboard.figures.aggregates import Aggregates, edition_rows
from dashboard.figures.peers import PeerStats, peer_stats, peer_stats_of, summarise_group
from dashboard.figures.scoring import EDITION, SCORE
from dashboard.intake.schema import CHANNELS, Channel, StructureCol, TestCol
from dashboard.urlstate import PEER_MODES, PeerMode

# Population bands for the "same category and population band" peer group (inhabitants).
POPULATION_BANDS: Final[tuple[int, ...]] = (0, 20_000, 50_000, 100_000, 250_000, 1_000_000)

SID = StructureCol.STRUCTURE_ID
CATEGORY = StructureCol.CATEGORY
REGION = StructureCol.REGION_CODE
POPULATION = StructureCol.POPULATION


class BenchCol:
    """Columns of the frames « Ma structure » draws (one structure against its peers)."""

    CHANNEL: Final = "channel"
    OWN: Final = "own"
    N_TESTS: Final = "n_tests"
    N: Final = "n"
    Q1: Final = "q1"
    MEDIAN: Final = "median"
    Q3: Final = "q3"
    BEST: Final = "best"
    RANK: Final = "rank"
    QUARTILE: Final = "quartile"
    CRITERION: Final = "criterion"
    GAP: Final = "gap"
    MARK: Final = "mark"
    MEASURE: Final = "measure"
    PEER_VALUE: Final = "peer_value"
    PEER_BASIS: Final = "peer_basis"
    PEER_TESTS: Final = "peer_tests"
    STANDING: Final = "standing"
    EDITION: Final = "edition"
    AUDITED: Final = "audited"
    ORDINAL: Final = "ordinal"
    SCORE: Final = "score"
    IS_SELF: Final = "is_self"
    LABEL: Final = "label"
    # Contract §5b: a score's standard error, 90 % interval and where its spread comes from.
    SE: Final = "se"
    LOW: Final = "low"
    HIGH: Final = "high"
    SOURCE: Final = "source"
    # Rank intervals (§5b): the 90 % interval of a rank.
    RANK_LOW: Final = "rank_low"
    RANK_HIGH: Final = "rank_high"
    # Where to act first (§5b, importance-performance analysis).
    PRIORITY: Final = "priority"
    ITEM: Final = "item"
    N_PEERS: Final = "n_peers"
    TO_MEDIAN: Final = "to_median"
    TO_Q3: Final = "to_q3"
    IMPORTANCE: Final = "importance"
    IMPORTANCE_N: Final = "importance_n"
    QUADRANT: Final = "quadrant"


def population_band(population: object) -> int | None:
    """Index of the band holding `population`; None when unknown."""
    if population is None or population is pd.NA:
        return None
    try:
        value = float(population)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if math.isnan(value):
        return None
    return int(np.searchsorted(POPULATION_BANDS, value, side="right") - 1)


@dataclass(frozen=True)
class PeerDefinition:
    """Which structures are peers: same category, optionally same region or population band.

    `requested` is what the user asked; `mode` is what is in force (a population band falls
    back to the category when the structure's population is unknown).
    """

    requested: PeerMode
    mode: PeerMode
    category: str
    region: str | None = None
    band: int | None = None

    @property
    def fell_back(self) -> bool:
        """Whether the requested narrowing could not apply."""
        return self.mode != self.requested

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        """Rows of `frame` (with category/region/population columns) inside the group."""
        mask = frame[CATEGORY] == self.category
        if self.mode == "category_region":
            mask &= frame[REGION] == self.region
        elif self.mode == "category_population":
            bands = frame[POPULATION].astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
            idx = np.searchsorted(POPULATION_BANDS, bands, side="right") - 1
            mask &= pd.Series((idx == self.band) & ~np.isnan(bands), index=frame.index)
        return mask


def peer_definition(agg: Aggregates, structure_id: str, mode: PeerMode) -> PeerDefinition:
    """The peer definition of a structure for the requested mode (§5, optional narrowing)."""
    row = agg.structures.loc[structure_id]
    category, region = str(row[CATEGORY]), str(row[REGION])
    if mode == "category_region":
        return PeerDefinition(mode, mode, category, region=region)
    if mode == "category_population":
        band = population_band(row[POPULATION])
        if band is None:
            return PeerDefinition(mode, "category", category)
        return PeerDefinition(mode, mode, category, band=band)
    return PeerDefinition(mode, "category", category)


PeerUnavailable = Literal["no_population", "alone", "same_as_category"]


@dataclass(frozen=True)
class PeerOption:
    """One peer-group choice for a structure in an edition: its size N on the global score,
    and why it is not offered (None: it is). A narrowing that leaves the structure alone, or
    that keeps exactly the category's group, would only repeat or mislead."""

    mode: PeerMode
    n: int
    unavailable: PeerUnavailable | None


def peer_options(agg: Aggregates, structure_id: str, edition: int) -> list[PeerOption]:
    """Every peer mode of PEER_MODES for a structure in an edition, with N and whether it is
    offered (§5, optional narrowing: shown disabled with the reason otherwise)."""
    frame = agg.global_in(edition)
    whole = int(peer_definition(agg, structure_id, "category").mask(frame).sum())
    options = [PeerOption("category", whole, None)]
    for mode in PEER_MODES[1:]:
        definition = peer_definition(agg, structure_id, mode)
        n = int(definition.mask(frame).sum())
        reason: PeerUnavailable | None = None
        if definition.fell_back:
            reason = "no_population"
        elif n <= 1:
            reason = "alone"
        elif n == whole:
            reason = "same_as_category"
        options.append(PeerOption(mode, n, reason))
    return options


def band_bounds(band: int) -> tuple[int, int | None]:
    """The inhabitants range of a population band (upper bound None: no limit)."""
    upper = POPULATION_BANDS[band + 1] if band + 1 < len(POPULATION_BANDS) else None
    return POPULATION_BANDS[band], upper


def _values(in_edition: pd.DataFrame, definition: PeerDefinition) -> pd.Series:
    """The peer group's scores among one edition's rows, indexed by structure."""
    picked = in_edition[definition.mask(in_edition)]
    return picked.set_index(SID)[SCORE]


def structure_editions(agg: Aggregates, structure_id: str) -> list[int]:
    """The editions a structure took part in (has a global score), ascending."""
    return list(agg.editions_by_structure.get(structure_id, []))


# --- Headline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The global score of a structure in an edition against its peers (§5)."""

    structure_id: str
    edition: int
    definition: PeerDefinition
    stats: PeerStats | None
    n_tests: int
    n_channels: int
    previous_edition: int | None
    previous_score: float | None

    @property
    def change(self) -> float | None:
        """Own G now − own G in its previous edition (§5)."""
        if self.stats is None or self.previous_score is None:
            return None
        return self.stats.value - self.previous_score


def headline(agg: Aggregates, structure_id: str, edition: int, mode: PeerMode) -> Headline:
    """Global score, rank, percentile, quartile, median, best, gaps and change (§5)."""
    definition = peer_definition(agg, structure_id, mode)
    values = _values(agg.global_in(edition), definition)
    stats = peer_stats(values, structure_id)
    own_rows = agg.global_of(structure_id)
    own = own_rows[own_rows[EDITION] == edition]
    n_tests = int(own[scoring.N_TESTS].sum()) if len(own) else 0
    n_channels = int(own[scoring.N_CHANNELS].sum()) if len(own) else 0
    past = [e for e in structure_editions(agg, structure_id) if e < edition]
    previous = max(past) if past else None
    previous_score = None
    if previous is not None:
        prev = own_rows[own_rows[EDITION] == previous][SCORE]
        previous_score = float(prev.iloc[0]) if len(prev) else None
    return Headline(
        structure_id, edition, definition, stats, n_tests, n_channels, previous, previous_score
    )


# --- Per channel -----------------------------------------------------------------------------

CHANNEL_COLUMNS: Final = (
    "channel", "own", "n_tests", "n", "q1", "median", "q3", "best", "rank", "quartile",
)  # fmt: skip


def channel_comparison(
    agg: Aggregates, structure_id: str, edition: int, mode: PeerMode
) -> pd.DataFrame:
    """One row per channel: own S(s,e,c) (NaN when not audited, never 0) against the peer
    group's Q1, median, Q3 and best on that channel (§5)."""
    definition = peer_definition(agg, structure_id, mode)
    frame = agg.channel_in(edition)
    in_edition = frame[definition.mask(frame)]
    ids, scores = in_edition[SID].to_numpy(), in_edition[SCORE].to_numpy(dtype="float64")
    channels = in_edition[TestCol.CHANNEL].to_numpy()
    tests = in_edition[scoring.N_TESTS].to_numpy()
    rows = []
    for channel in CHANNELS:
        on = channels == channel
        summary = summarise_group(scores[on])
        stats = peer_stats_of(ids[on], scores[on], structure_id)
        own_tests = tests[on][ids[on] == structure_id]
        rows.append(
            {
                BenchCol.CHANNEL: channel,
                BenchCol.OWN: stats.value if stats else math.nan,
                BenchCol.N_TESTS: int(own_tests[0]) if len(own_tests) else 0,
                BenchCol.N: summary.n,
                BenchCol.Q1: summary.q1,
                BenchCol.MEDIAN: summary.median,
                BenchCol.Q3: summary.q3,
                BenchCol.BEST: summary.best,
                BenchCol.RANK: stats.rank if stats else None,
                BenchCol.QUARTILE: stats.quartile if stats and not stats.fragile else None,
            }
        )
    return pd.DataFrame(rows, columns=list(CHANNEL_COLUMNS))


# --- Per criterion ---------------------------------------------------------------------------


def criterion_comparison(
    agg: Aggregates, structure_id: str, edition: int, mode: PeerMode
) -> pd.DataFrame:
    """Own criterion scores against the peer median, sorted by gap (weakest first), with
    strengths (top quartile) and weaknesses (bottom quartile) marked (§5)."""
    definition = peer_definition(agg, structure_id, mode)
    frame = agg.criterion_in(edition)
    in_edition = frame[definition.mask(frame)]
    ids, scores = in_edition[SID].to_numpy(), in_edition[SCORE].to_numpy(dtype="float64")
    criteria = in_edition[scoring.CRITERION].to_numpy(dtype=object)
    rows = []
    for criterion in sorted(set(criteria)):
        on = criteria == criterion
        stats = peer_stats_of(ids[on], scores[on], structure_id)
        if stats is None:
            continue
        quartile = None if stats.fragile else stats.quartile
        rows.append(
            {
                BenchCol.CRITERION: str(criterion),
                BenchCol.OWN: stats.value,
                BenchCol.MEDIAN: stats.median,
                BenchCol.GAP: stats.gap_to_median,
                BenchCol.N: stats.n,
                BenchCol.QUARTILE: quartile,
                BenchCol.MARK: "strength"
                if quartile == "top"
                else ("weakness" if quartile == "bottom" else None),
            }
        )
    out = pd.DataFrame(rows, columns=["criterion", "own", "median", "gap", "n", "quartile", "mark"])
    return out.sort_values(["gap", "criterion"]).reset_index(drop=True)


# --- Channel measures ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureSpec:
    """A per-structure channel measure: its channel, unit and which direction is better."""

    name: str
    channel: str
    unit: Literal["rings", "pct"]
    higher_is_better: bool


MEASURE_SPECS: Final[tuple[MeasureSpec, ...]] = (
    MeasureSpec("phone_mean_rings", Channel.PHONE, "rings", False),
    MeasureSpec("phone_first_attempt_pct", Channel.PHONE, "pct", True),
    MeasureSpec("email_within_10d_pct", Channel.EMAIL, "pct", True),
    MeasureSpec("mail_within_15d_pct", Channel.MAIL, "pct", True),
    MeasureSpec("social_within_3d_pct", Channel.SOCIAL, "pct", True),
    MeasureSpec("website_online_procedures_pct", Channel.WEBSITE, "pct", True),
    MeasureSpec("website_digital_support_pct", Channel.WEBSITE, "pct", True),
)
MEASURE_BY_NAME: Final = {spec.name: spec for spec in MEASURE_SPECS}


def structure_measures(tests: pd.DataFrame) -> pd.DataFrame:
    """Per edition and structure, each channel measure of MEASURE_SPECS with its test count.

    Over one structure's tests: mean rings over answered phone calls; first-attempt share
    over phone tests; share of all email / mail / social tests answered within 10 / 15 / 3
    days (for social, any answer, private or public: the headline indicator instead counts
    private replies only); share of website tests with online procedures / digital support.
    """
    ch = tests[TestCol.CHANNEL]
    answered = tests[TestCol.ANSWERED].fillna(False).astype(bool)
    days = tests[TestCol.RESPONSE_DAYS]

    def flag(column: str) -> pd.Series:
        return tests[column].fillna(False).astype(bool)

    def within(limit: float) -> pd.Series:
        return answered & (days < limit).fillna(False)

    phone_answered = (ch == Channel.PHONE) & answered & tests[TestCol.RINGS].notna()
    numerators = {
        "phone_mean_rings": (
            tests[TestCol.RINGS].astype("float64").where(phone_answered),
            phone_answered,
        ),
        "phone_first_attempt_pct": (flag(TestCol.FIRST_ATTEMPT) * 100.0, ch == Channel.PHONE),
        "email_within_10d_pct": (within(10) * 100.0, ch == Channel.EMAIL),
        "mail_within_15d_pct": (within(15) * 100.0, ch == Channel.MAIL),
        "social_within_3d_pct": (within(3) * 100.0, ch == Channel.SOCIAL),
        "website_online_procedures_pct": (
            flag(TestCol.ONLINE_PROCEDURES) * 100.0,
            ch == Channel.WEBSITE,
        ),
        "website_digital_support_pct": (
            flag(TestCol.DIGITAL_SUPPORT) * 100.0,
            ch == Channel.WEBSITE,
        ),
    }  # fmt: skip
    parts = []
    keys = tests[[EDITION, SID]]
    for name, (values, counted) in numerators.items():
        frame = keys[counted].assign(value=values[counted].astype("float64"))
        grouped = frame.groupby([EDITION, SID], sort=True, observed=True)["value"]
        part = grouped.agg(["mean", "count"]).reset_index()
        part.columns = [EDITION, SID, "value", "n_tests"]
        parts.append(part.assign(measure=name))
    # In edition order (stable: by measure, then structure, within an edition), so that an
    # edition's rows are one block (aggregates.edition_rows).
    measures = pd.concat(parts, ignore_index=True)
    return measures.sort_values(EDITION, kind="stable").reset_index(drop=True)


MEASURE_COLUMNS: Final = (
    "measure", "channel", "own", "n_tests", "peer_value", "peer_basis", "peer_tests", "n",
    "standing",
)  # fmt: skip


def measure_comparison(
    agg: Aggregates, measures: pd.DataFrame, structure_id: str, edition: int, mode: PeerMode
) -> pd.DataFrame:
    """Own channel measures against the peers' (the peer group's structures with that
    measure in e, the structure included) (contract v1.1, §5 *Channel measures*).

    `peer_value`: for a share (`peer_basis` "pooled"), the pooled share over all the peers'
    tests of that channel, `peer_tests` of them; for rings (`peer_basis` "median"), the median
    over the peers of their own means. `n`: the number of peers. `standing` is the percentile
    read in the measure's good direction (fewer rings is better): 100 × other peers doing
    strictly worse / (N − 1); NaN when N = 1.
    """
    definition = peer_definition(agg, structure_id, mode)
    attrs = agg.structures[[CATEGORY, REGION, POPULATION]]
    frame = edition_rows(measures, edition).join(attrs, on=SID)
    frame = frame[definition.mask(frame)]
    ids, names = frame[SID].to_numpy(), frame[BenchCol.MEASURE].to_numpy()
    all_values = frame["value"].to_numpy(dtype="float64", na_value=np.nan)
    all_tests = frame[BenchCol.N_TESTS].to_numpy()
    rows = []
    for spec in MEASURE_SPECS:
        on = names == spec.name
        values = all_values[on]
        summary = summarise_group(values)
        own = np.flatnonzero(ids[on] == structure_id)
        own_value = float(values[own[0]]) if len(own) else math.nan
        standing = math.nan
        if len(own) and summary.n > 1:
            worse = values < own_value if spec.higher_is_better else values > own_value
            standing = 100.0 * int(worse.sum()) / (summary.n - 1)
        tests = all_tests[on].astype("float64")
        peer_tests = int(tests[~np.isnan(values)].sum())
        if spec.unit == "pct":
            # Shares are means of 0/100 per test: the pooled share weighs each by its tests.
            known = ~np.isnan(values)
            peer_value = (
                float((values[known] * tests[known]).sum() / tests[known].sum())
                if tests[known].sum() > 0
                else math.nan
            )
            basis = "pooled"
        else:
            peer_value, basis = summary.median, "median"
        rows.append(
            {
                BenchCol.MEASURE: spec.name,
                BenchCol.CHANNEL: spec.channel,
                BenchCol.OWN: own_value,
                BenchCol.N_TESTS: int(all_tests[on][own[0]]) if len(own) else 0,
                BenchCol.PEER_VALUE: peer_value,
                BenchCol.PEER_BASIS: basis,
                BenchCol.PEER_TESTS: peer_tests,
                BenchCol.N: summary.n,
                BenchCol.STANDING: standing,
            }
        )
    return pd.DataFrame(rows, columns=list(MEASURE_COLUMNS))


# --- Trajectory ------------------------------------------------------------------------------


def trajectory(
    agg: Aggregates, structure_id: str, mode: PeerMode, channel: str | None = None
) -> pd.DataFrame:
    """Own G (or own S on `channel`) in every edition of the data from its first to its last
    audited one, against the peer group's Q1, median and Q3 of the same edition (§5). An
    edition it was not audited in (or not on `channel`) is a row with `own` NaN and
    `audited` false, so that a line is never drawn across it."""
    definition = peer_definition(agg, structure_id, mode)
    if channel is None:
        own = agg.global_of(structure_id).set_index(EDITION)[SCORE]
    else:
        own_rows = agg.channel_of(structure_id)
        own = own_rows[own_rows[TestCol.CHANNEL] == channel].set_index(EDITION)[SCORE]
    audited = sorted(int(e) for e in own.index)
    shown = [e for e in agg.editions if audited and audited[0] <= e <= audited[-1]]
    rows = []
    for edition in shown:
        if channel is None:
            frame = agg.global_in(edition)
        else:
            frame = agg.channel_in(edition)
            frame = frame[frame[TestCol.CHANNEL] == channel]
        summary = summarise_group(frame.loc[definition.mask(frame), SCORE])
        rows.append(
            {
                BenchCol.EDITION: edition,
                BenchCol.OWN: float(own.loc[edition]) if edition in own.index else math.nan,
                BenchCol.AUDITED: edition in own.index,
                BenchCol.Q1: summary.q1,
                BenchCol.MEDIAN: summary.median,
                BenchCol.Q3: summary.q3,
                BenchCol.N: summary.n,
            }
        )
    return pd.DataFrame(rows, columns=["edition", "own", "audited", "q1", "median", "q3", "n"])


@dataclass(frozen=True)
class MethodChange:
    """An edition where what is measured changed: a channel or criteria first assessed."""

    edition: int
    kind: Literal["channel", "criteria"]
    names: tuple[str, ...]


def method_changes(agg: Aggregates) -> list[MethodChange]:
    """Editions (after the first) where a channel or criterion first appears in the data
    (grouped once per dataset version)."""
    return list(agg.once("method_changes", lambda: _method_changes(agg)))


def channel_measures(agg: Aggregates) -> pd.DataFrame:
    """structure_measures() of the version's tests, computed once per dataset version."""
    return agg.once("channel_measures", lambda: structure_measures(agg.dataset.tests))


def _method_changes(agg: Aggregates) -> tuple[MethodChange, ...]:
    changes: list[MethodChange] = []
    if not agg.editions:
        return ()
    first = agg.editions[0]
    first_channel = agg.channel.groupby(TestCol.CHANNEL)[EDITION].min()
    first_criterion = agg.criterion.groupby(scoring.CRITERION)[EDITION].min()
    for edition in agg.editions[1:]:
        channels = tuple(c for c in CHANNELS if first_channel.get(c) == edition)
        criteria = tuple(sorted(str(c) for c, e in first_criterion.items() if e == edition))
        if channels and edition > first:
            changes.append(MethodChange(edition, "channel", channels))
        if criteria and edition > first:
            changes.append(MethodChange(edition, "criteria", criteria))
    return tuple(changes)


# --- Distribution ----------------------------------------------------------------------------


def peer_distribution(
    agg: Aggregates, structure_id: str, edition: int, mode: PeerMode, *, with_ids: bool = False
) -> pd.DataFrame:
    """Every peer's G in e, best first, with an anonymous ordinal (1 = best) and a flag for
    the structure itself. No peer id is in the result unless `with_ids` (named mode)."""
    definition = peer_definition(agg, structure_id, mode)
    values = _values(agg.global_in(edition), definition).sort_values(ascending=False, kind="stable")
    out = pd.DataFrame(
        {
            BenchCol.ORDINAL: np.arange(1, len(values) + 1),
            BenchCol.SCORE: values.to_numpy(dtype="float64"),
            BenchCol.IS_SELF: (values.index == structure_id),
        }
    )
    if with_ids:
        out[SID] = values.index.to_numpy()
    return out


# --- Intervals (§5b) ---------------------------------------------------------------------------

INTERVAL_COLUMNS: Final = ("se", "low", "high", "source")


_Estimate = tuple[int, float, float, float, object]  # n_tests, se, low, high, source


def _estimate_rows(estimates: pd.DataFrame, mask: np.ndarray, key: str) -> dict[object, _Estimate]:
    """{row[key]: (n_tests, se, low, high, source)} of the estimates rows under `mask` (a
    structure's few rows: plain lookups, no index built)."""
    picked = {c: estimates[c].to_numpy()[mask] for c in (key, "n_tests", "se", "low", "high")}
    sources = estimates["source"].to_numpy()[mask]
    return {
        picked[key][i]: (
            int(picked["n_tests"][i]),
            float(picked["se"][i]),
            float(picked["low"][i]),
            float(picked["high"][i]),
            sources[i],
        )
        for i in range(len(sources))
    }


_NO_ESTIMATE: Final[_Estimate] = (0, math.nan, math.nan, math.nan, None)


def with_intervals(
    frame: pd.DataFrame, estimates: pd.DataFrame, kind: str, key: str
) -> pd.DataFrame:
    """`frame` (one row per channel or criterion, named in column `key`) with the 90 %
    interval of the structure's own score on each (contract §5b): `se`, `low`, `high` in points
    (NaN where undefined or not audited), `source` (where the spread comes from), and
    `n_tests` (the tests behind the own score) when `frame` has none. `estimates`:
    dashboard.figures.uncertainty.structure_estimates() of the structure in the edition;
    `kind` "channel" or "criterion"."""
    rows = _estimate_rows(estimates, estimates["kind"].to_numpy() == kind, "name")
    found = [rows.get(str(name), _NO_ESTIMATE) for name in frame[key].tolist()]
    out = frame.copy()
    out[BenchCol.SE] = np.array([f[1] for f in found], dtype="float64")
    out[BenchCol.LOW] = np.array([f[2] for f in found], dtype="float64")
    out[BenchCol.HIGH] = np.array([f[3] for f in found], dtype="float64")
    out[BenchCol.SOURCE] = np.array([f[4] for f in found], dtype=object)
    if BenchCol.N_TESTS not in out.columns:
        tests = np.array([f[0] for f in found], dtype="int64")
        out.insert(list(out.columns).index(BenchCol.OWN) + 1, BenchCol.N_TESTS, tests)
    return out


def trajectory_with_intervals(
    frame: pd.DataFrame, estimates: pd.DataFrame, channel: str | None = None
) -> pd.DataFrame:
    """The trajectory() frame with, for each edition, the tests behind the own value
    (`n_tests`, 0 when not audited) and its 90 % interval `low`–`high` (§5b). `estimates`:
    structure_estimates() of the structure over every edition."""
    kind, name = ("global", "global") if channel is None else ("channel", channel)
    mask = (estimates["kind"].to_numpy() == kind) & (estimates["name"].to_numpy() == name)
    rows = _estimate_rows(estimates, mask, "edition")
    found = [rows.get(int(e), _NO_ESTIMATE) for e in frame[BenchCol.EDITION].tolist()]
    out = frame.copy()
    out.insert(
        list(out.columns).index(BenchCol.OWN) + 1,
        BenchCol.N_TESTS,
        np.array([f[0] for f in found], dtype="int64"),
    )
    out[BenchCol.LOW] = np.array([f[2] for f in found], dtype="float64")
    out[BenchCol.HIGH] = np.array([f[3] for f in found], dtype="float64")
    return out


# --- Search ----------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower-case text without accents, for accent-insensitive search."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_index(
    agg: Aggregates,
    department_names: dict[str, str],
    category_names: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per structure (indexed by its id): id, name, and the folded text searched:
    name, department code and name, category code and its labels (`category_names`: code ->
    labels, any language)."""
    s = agg.structures
    dep = s[StructureCol.DEPARTMENT_CODE].fillna("")
    category = s[CATEGORY].fillna("")
    labels = category.map(lambda code: (category_names or {}).get(code, ""))
    text = (
        s[StructureCol.NAME].fillna("")
        + " "
        + dep
        + " "
        + dep.map(lambda code: department_names.get(code, ""))
        + " "
        + category
        + " "
        + labels
    )
    index = pd.DataFrame(
        {SID: s[SID].to_numpy(), "name": s[StructureCol.NAME].to_numpy(),
         "text": [fold(t) for t in text]}
    )  # fmt: skip
    # Indexed by id too, so a structure's searched text is a lookup, not a scan.
    return index.set_index(SID, drop=False)


def search_structures(index: pd.DataFrame, query: str, limit: int = 30) -> list[str]:
    """Ids of the structures whose text holds every word of `query` (accents optional)."""
    words = fold(query).split()
    if not words:
        return []
    mask = pd.Series(True, index=index.index)
    for word in words:
        mask &= index["text"].str.contains(word, regex=False)
    return index.loc[mask, SID].head(limit).tolist()
