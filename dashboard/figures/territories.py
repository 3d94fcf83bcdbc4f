"""A territory against the others on a public indicator (contract §7, definitions of §5).

For an indicator, a period and an entity (a department, a region, or another territory):
rank r / N, percentile, quartile, peer median, Q1, Q3, best, gaps, change since the entity's
first period, its trajectory against the peer band (Q1-median-Q3 per period) and the
distribution of the peer group.

Peer group (§7): the entities of the same level with a value for that indicator and period,
the entity included; optionally only those of the same region (departments, through
data/departments.csv). Rank, percentile and quartile follow §5 on the indicator's
`direction`: for lower_is_better the same rules apply to the negated values, so rank 1 is
the lowest value, "best" is the minimum and the top quartile holds the lowest values. Q1,
median and Q3 are always the quantiles of the values themselves (linear interpolation,
pandas' default). Gaps are own value minus the median or the best (§5), whatever the
direction: for lower_is_better a negative gap is good.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Final, Literal, get_args

import numpy as np
import pandas as pd

from dashboard.figures.peers import (
    QuartileName,
    Standing,
    peer_stats_of,
    rank_in_group,
    summarise_group,
)
from dashboard.intake.geography import region_of_department
from dashboard.intake.public_indicators import (
    Direction,
    IndicatorCol,
    IndicatorInfo,
    IndicatorTable,
    Level,
)

PeerScope = Literal["all", "region"]
PEER_SCOPES: Final[tuple[PeerScope, ...]] = get_args(PeerScope)


class UnknownIndicator(KeyError):
    """The table has no indicator of that id."""


@dataclass(frozen=True)
class Entity:
    """A territory of a table: its code (text: "01", "2A", "971"), label and level."""

    code: str
    label: str
    level: Level


@dataclass(frozen=True)
class PeerGroup:
    """Who an entity is compared with: every entity of its level (`scope` "all"), or those
    of its region (`scope` "region", departments only, `region_code` set)."""

    level: Level
    scope: PeerScope
    region_code: str | None = None

    def holds(self, code: str) -> bool:
        """Whether the entity `code` of the group's level belongs to the group."""
        return self.scope == "all" or region_of_department().get(code) == self.region_code


@dataclass(frozen=True)
class BandPoint:
    """One period of a trajectory: the entity's value (None when it has none that period)
    and its peer group's N, Q1, median, Q3 and best (NaN when the group is empty)."""

    period: int
    value: float | None
    n: int
    q1: float
    median: float
    q3: float
    best: float


@dataclass(frozen=True)
class PeerValue:
    """One entity of the peer group in the distribution, with its rank (§5 on the
    indicator's direction); `is_self` marks the entity looked at."""

    entity: Entity
    value: float
    rank: int
    is_self: bool


@dataclass(frozen=True)
class Change:
    """Change since a past period (§5): own value now minus own value then."""

    since: int
    past_value: float
    change: float


@dataclass(frozen=True)
class EntityStanding(Standing):
    """Where an entity stands on an indicator in a period (contract §7 with §5).

    `rank` is 1 + the number of peers strictly better (ties share a rank); `percentile` is
    100 × (peers strictly worse) / (N − 1), NaN when N = 1; `quartile` is bottom / second /
    third / top by the peer Q1, median and Q3 (top holds the best values in either
    direction). `fragile`: N < 5 (every view says so, §5). `best_entities`: every peer with
    the best value. `change`: since the entity's first period with a value, None when the
    period is that first one. `trajectory`: every period of the indicator, ascending;
    `distribution`: the peer group by rank, then code.
    """

    indicator: IndicatorInfo
    period: int
    entity: Entity
    peer_group: PeerGroup
    value: float
    n: int
    rank: int
    percentile: float
    quartile: QuartileName
    q1: float
    median: float
    q3: float
    best: float
    best_entities: tuple[Entity, ...]
    change: Change | None
    trajectory: tuple[BandPoint, ...]
    distribution: tuple[PeerValue, ...]

    @property
    def unit(self) -> str:
        """The indicator's unit, as given (never rescaled)."""
        return self.indicator.unit

    @property
    def direction(self) -> Direction:
        """Which way is better on this indicator."""
        return self.indicator.direction


@dataclass(frozen=True)
class IndicatorRef:
    """An indicator of one of the loaded tables; `key` names it in an address
    ("table-id.indicator-id": both ids are made of a-z, 0-9, `-`, `_`, so the dot parts them)."""

    table: IndicatorTable
    indicator: IndicatorInfo

    @property
    def key(self) -> str:
        """`<table_id>.<indicator_id>`."""
        return f"{self.table.table_id}{KEY_SEPARATOR}{self.indicator.indicator_id}"


KEY_SEPARATOR: Final = "."


def indicator_refs(tables: Iterable[IndicatorTable]) -> tuple[IndicatorRef, ...]:
    """Every indicator of every table, tables in import order, indicators in file order."""
    return tuple(IndicatorRef(table, info) for table in tables for info in table.indicators())


def resolve_indicator(tables: Iterable[IndicatorTable], key: str) -> IndicatorRef | None:
    """The indicator an address names: `<table_id>.<indicator_id>`, or a bare indicator id
    (the first table holding it); None when no loaded table has it."""
    refs = indicator_refs(tables)
    table_id, _, indicator_id = key.rpartition(KEY_SEPARATOR)
    for ref in refs:
        if ref.indicator.indicator_id == indicator_id and table_id in ("", ref.table.table_id):
            return ref
    return None


def region_of(code: str) -> str | None:
    """The region of a department code (data/departments.csv), None for another code."""
    return region_of_department().get(code)


def peer_scopes(level: Level) -> tuple[PeerScope, ...]:
    """The peer groups offered for entities of `level`: "region" for departments only."""
    return PEER_SCOPES if level == Level.DEPARTMENT else ("all",)


def indicator_rows(table: IndicatorTable, indicator_id: str) -> pd.DataFrame:
    """The rows of one indicator; raises UnknownIndicator."""
    if table.indicator(indicator_id) is None:
        raise UnknownIndicator(indicator_id)
    rows = table.rows
    return rows[rows[IndicatorCol.INDICATOR_ID] == indicator_id]


def indicator_values(
    table: IndicatorTable,
    indicator_id: str,
    period: int,
    level: Level = Level.DEPARTMENT,
) -> dict[str, float]:
    """Each entity's value of `level` for the indicator in `period`, by code (for the map);
    raises UnknownIndicator."""
    rows = _period_rows(indicator_rows(table, indicator_id), period, level)
    return dict(zip(rows[IndicatorCol.ENTITY_CODE], rows[IndicatorCol.VALUE], strict=True))


def entities(table: IndicatorTable, indicator_id: str, level: Level) -> tuple[Entity, ...]:
    """The entities of `level` with a value for the indicator in some period, by code."""
    rows = indicator_rows(table, indicator_id)
    rows = rows[rows[IndicatorCol.ENTITY_LEVEL] == level.value]
    pairs = rows[[IndicatorCol.ENTITY_CODE, IndicatorCol.ENTITY_LABEL]].drop_duplicates(
        IndicatorCol.ENTITY_CODE
    )
    ordered = pairs.sort_values(IndicatorCol.ENTITY_CODE)
    return tuple(
        Entity(str(code), str(label), level)
        for code, label in zip(
            ordered[IndicatorCol.ENTITY_CODE], ordered[IndicatorCol.ENTITY_LABEL], strict=True
        )
    )


def _period_rows(rows: pd.DataFrame, period: int, level: Level) -> pd.DataFrame:
    return rows[
        (rows[IndicatorCol.PERIOD] == period) & (rows[IndicatorCol.ENTITY_LEVEL] == level.value)
    ]


def _in_group(rows: pd.DataFrame, group: PeerGroup) -> pd.DataFrame:
    if group.scope == "all":
        return rows
    regions = rows[IndicatorCol.ENTITY_CODE].map(region_of_department())
    return rows[(regions == group.region_code).to_numpy()]


def peer_group_of(entity_code: str, level: Level, scope: PeerScope) -> PeerGroup:
    """The peer group of an entity (§7); raises ValueError for a scope the level does not
    offer ("region" for a region or another territory) or a code of no region."""
    if scope not in peer_scopes(level):
        raise ValueError(f"peer scope {scope!r} is not offered for level {level.value!r}")
    if scope == "all":
        return PeerGroup(level, "all")
    region = region_of(entity_code)
    if region is None:
        raise ValueError(f"{entity_code!r} is no department code")
    return PeerGroup(level, "region", region)


def _indicator_info(table: IndicatorTable, indicator_id: str) -> IndicatorInfo:
    """The table's indicator of that id; raises UnknownIndicator."""
    info = table.indicator(indicator_id)
    if info is None:
        raise UnknownIndicator(indicator_id)
    return info


def _sign(info: IndicatorInfo) -> float:
    """-1 for an indicator where lower is better, else 1: sign × value is higher when better
    (§5 on the indicator's direction)."""
    return -1.0 if info.direction == Direction.LOWER_IS_BETTER else 1.0


def _best(values: np.ndarray, sign: float) -> float:
    """The best of `values` by the direction `sign` gives (see _sign), as a value of the
    indicator; NaN when there is none."""
    return float(sign * np.max(sign * values)) if len(values) else math.nan


@dataclass(frozen=True)
class _PeerValues:
    """A peer group's values of an indicator in a period (§7): `rows`, the indicator's rows of
    the group's level in every period (the labels, the trajectory); `codes` and `values`, the
    group's entities and their values in the period, in the same order (values as given)."""

    info: IndicatorInfo
    group: PeerGroup
    rows: pd.DataFrame
    codes: np.ndarray
    values: np.ndarray

    @property
    def sign(self) -> float:
        """See _sign."""
        return _sign(self.info)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Each entity's label by code, as the table gives it."""
        rows = self.rows
        return dict(
            zip(rows[IndicatorCol.ENTITY_CODE], rows[IndicatorCol.ENTITY_LABEL], strict=False)
        )

    def entity(self, code: str) -> Entity:
        """The entity of that code at the group's level, labelled as the table labels it
        (its code when the table gives no label)."""
        return Entity(code, str(self.labels.get(code, code)), self.group.level)

    def distribution(self, entity_code: str | None) -> tuple[PeerValue, ...]:
        """The group by rank (§5 on the direction: ties share a rank), then code; `is_self`
        marks `entity_code` (None: none)."""
        codes, values = self.codes, self.values
        ranks = rank_in_group(pd.Series(self.sign * values)).to_numpy()
        order = np.lexsort((codes.astype(str), ranks))
        return tuple(
            PeerValue(
                self.entity(str(codes[i])),
                float(values[i]),
                int(ranks[i]),
                codes[i] == entity_code,
            )
            for i in order
        )


def _peer_values(
    table: IndicatorTable, info: IndicatorInfo, period: int, group: PeerGroup
) -> _PeerValues:
    """The values of `group` on the indicator `info` of `table` in `period`."""
    rows = indicator_rows(table, info.indicator_id)
    rows = rows[rows[IndicatorCol.ENTITY_LEVEL] == group.level.value]
    peers = _in_group(rows[rows[IndicatorCol.PERIOD] == period], group)
    return _PeerValues(
        info,
        group,
        rows,
        peers[IndicatorCol.ENTITY_CODE].to_numpy(dtype=object),
        peers[IndicatorCol.VALUE].to_numpy(dtype="float64"),
    )


def entity_standing(
    table: IndicatorTable,
    indicator_id: str,
    period: int,
    entity_code: str,
    *,
    level: Level = Level.DEPARTMENT,
    scope: PeerScope = "all",
) -> EntityStanding | None:
    """Where `entity_code` stands on the indicator in `period` among its peers (§7, §5);
    None when it has no value then. Raises UnknownIndicator, or ValueError (peer_group_of)."""
    info = _indicator_info(table, indicator_id)
    group = peer_group_of(entity_code, level, scope)
    peers = _peer_values(table, info, period, group)
    rows, values, sign = peers.rows, peers.values, peers.sign
    # Rank, percentile and quartile on the values oriented so that higher is better (§5).
    stats = peer_stats_of(peers.codes, sign * values, entity_code)
    if stats is None:
        return None
    summary = summarise_group(values)
    best = sign * stats.best
    distribution = peers.distribution(entity_code)
    return EntityStanding(
        indicator=info,
        period=period,
        entity=peers.entity(entity_code),
        peer_group=group,
        value=sign * stats.value,
        n=stats.n,
        rank=stats.rank,
        percentile=stats.percentile,
        quartile=stats.quartile,
        q1=summary.q1,
        median=summary.median,
        q3=summary.q3,
        best=best,
        best_entities=tuple(p.entity for p in distribution if p.value == best),
        change=_change(rows, entity_code, period, sign * stats.value),
        trajectory=_trajectory(rows, info, group, entity_code, sign),
        distribution=distribution,
    )


def _change(rows: pd.DataFrame, entity_code: str, period: int, value: float) -> Change | None:
    own = rows[
        (rows[IndicatorCol.ENTITY_CODE] == entity_code) & (rows[IndicatorCol.PERIOD] < period)
    ]
    if own.empty:
        return None
    first = own.sort_values(IndicatorCol.PERIOD).iloc[0]
    past = float(first[IndicatorCol.VALUE])
    return Change(int(first[IndicatorCol.PERIOD]), past, value - past)


def _trajectory(
    rows: pd.DataFrame, info: IndicatorInfo, group: PeerGroup, entity_code: str, sign: float
) -> tuple[BandPoint, ...]:
    points: list[BandPoint] = []
    grouped = _in_group(rows, group)
    for period in info.periods:
        peers = grouped[grouped[IndicatorCol.PERIOD] == period]
        values = peers[IndicatorCol.VALUE].to_numpy(dtype="float64")
        summary = summarise_group(values)
        own = peers.loc[peers[IndicatorCol.ENTITY_CODE] == entity_code, IndicatorCol.VALUE]
        best = _best(values, sign)
        points.append(
            BandPoint(
                period=period,
                value=float(own.iloc[0]) if len(own) else None,
                n=summary.n,
                q1=summary.q1,
                median=summary.median,
                q3=summary.q3,
                best=best,
            )
        )
    return tuple(points)


def latest_standings(
    tables: Iterable[IndicatorTable],
    entity_code: str,
    *,
    level: Level = Level.DEPARTMENT,
    scope: PeerScope = "all",
) -> tuple[EntityStanding, ...]:
    """The entity's standing on every indicator of every table, each in the latest period
    where the entity has a value (the « Ma structure » block: "your territory on public
    indicators"); indicators where it has none are left out."""
    standings: list[EntityStanding] = []
    for table in tables:
        rows = table.rows
        own = rows[
            (rows[IndicatorCol.ENTITY_CODE] == entity_code)
            & (rows[IndicatorCol.ENTITY_LEVEL] == level.value)
        ]
        latest = own.groupby(IndicatorCol.INDICATOR_ID, sort=False)[IndicatorCol.PERIOD].max()
        for indicator_id, period in latest.items():
            standing = entity_standing(
                table, str(indicator_id), int(period), entity_code, level=level, scope=scope
            )
            if standing is not None:
                standings.append(standing)
    return tuple(standings)


@dataclass(frozen=True)
class GroupStanding:
    """A peer group on an indicator in a period, with or without one of its entities chosen
    (contract §7 with §5): N, Q1, median, Q3 and best of the values (best by the indicator's
    direction), every entity holding the best value, the distribution by rank (then code;
    `is_self` marks `entity_code`), and the trajectory of the group's band (Q1-median-Q3 per
    period) with `entity_code`'s own values where it has one. What the « Territoires » page
    draws whether or not a territory is chosen, and whether or not it has a value then; an
    entity's own rank, percentile, quartile and change come from `entity_standing`."""

    indicator: IndicatorInfo
    period: int
    peer_group: PeerGroup
    n: int
    q1: float
    median: float
    q3: float
    best: float
    best_entities: tuple[Entity, ...]
    trajectory: tuple[BandPoint, ...]
    distribution: tuple[PeerValue, ...]


def group_standing(
    table: IndicatorTable,
    indicator_id: str,
    period: int,
    group: PeerGroup,
    entity_code: str | None = None,
) -> GroupStanding:
    """The peer group `group` on the indicator in `period` (see GroupStanding); an empty
    group has N = 0 and NaN statistics. Raises UnknownIndicator."""
    info = _indicator_info(table, indicator_id)
    peers = _peer_values(table, info, period, group)
    rows, values, sign = peers.rows, peers.values, peers.sign
    summary = summarise_group(values)
    distribution = peers.distribution(entity_code)
    best = _best(values, sign)
    return GroupStanding(
        indicator=info,
        period=period,
        peer_group=group,
        n=summary.n,
        q1=summary.q1,
        median=summary.median,
        q3=summary.q3,
        best=best,
        best_entities=tuple(p.entity for p in distribution if p.value == best),
        trajectory=_trajectory(rows, info, group, entity_code or "", sign),
        distribution=distribution,
    )
