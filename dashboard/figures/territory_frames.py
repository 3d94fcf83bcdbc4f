"""The frames the « Territoires » page, the overview's map and « Ma structure »'s territory
block draw: one tidy frame per block, the one source of its drawing, its table and its CSV.

- public indicators (contract §7 with §5, through dashboard.figures.territories): every
  territory's value on the map, the peer group's band over the periods with the territory's
  own values, the peer group by rank, and one territory's standing on every loaded indicator;
- the barometer by territory (§5, *Filters*): the group mean of the global score G(s,e) of the
  structures audited in each department or region, with their number and their tests.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from dashboard.figures import scoring
from dashboard.figures.aggregates import Aggregates, Selection
from dashboard.figures.peers import rank_in_group
from dashboard.figures.territories import (
    GroupStanding,
    IndicatorRef,
    indicator_refs,
    latest_standings,
)
from dashboard.intake.geography import departments, regions
from dashboard.intake.public_indicators import Direction, IndicatorCol, IndicatorTable, Level
from dashboard.intake.schema import Category, StructureCol

# Below this many structures audited in a territory, the overview's map shows their number
# but not their mean: one or two structures' mean is their own score, which a visitor of the
# overview must not read off a map (README: what anonymous mode promises).
MIN_STRUCTURES_SHOWN: Final = 3


class TerritoryCol:
    """Columns of the territory frames."""

    CODE: Final = "entity_code"
    TERRITORY: Final = "territory"  # « Ain (01) »
    VALUE: Final = "value"
    UNIT: Final = "unit"
    RANK: Final = "rank"
    N: Final = "n"
    PERIOD: Final = "period"
    Q1: Final = "q1"
    MEDIAN: Final = "median"
    Q3: Final = "q3"
    BEST: Final = "best"
    IS_SELF: Final = "is_self"
    INDICATOR_KEY: Final = "indicator_key"
    INDICATOR: Final = "indicator"
    DIRECTION: Final = "direction"
    LEVEL: Final = "entity_level"
    N_STRUCTURES: Final = "n_structures"
    N_TESTS: Final = scoring.N_TESTS
    MEAN_SCORE: Final = "mean_score"


def territory_name(label: str, code: str) -> str:
    """A territory with its code: « Ain (01) »; the label alone when it is the code."""
    return label if not label or label == code else f"{label} ({code})"


def reference_names(level: Level) -> dict[str, str]:
    """The reference territories of a level by code (data/departments.csv, data/regions.csv;
    none for "other")."""
    if level == Level.DEPARTMENT:
        frame = departments()
        return dict(zip(frame[StructureCol.DEPARTMENT_CODE], frame[StructureCol.NAME], strict=True))
    if level == Level.REGION:
        frame = regions()
        return dict(zip(frame[StructureCol.REGION_CODE], frame[StructureCol.NAME], strict=True))
    return {}


def map_frame(table: IndicatorTable, indicator_id: str, period: int, level: Level) -> pd.DataFrame:
    """Every territory of `level` (the reference ones, then any other of the table) with its
    value in `period` (NaN: none), its rank among all those of the level with a value (§5 on
    the indicator's direction), N, and the unit as given; by code. Raises KeyError for an
    indicator the table does not have."""
    info = table.indicator(indicator_id)
    if info is None:
        raise KeyError(indicator_id)
    rows = table.rows
    rows = rows[
        (rows[IndicatorCol.INDICATOR_ID] == indicator_id)
        & (rows[IndicatorCol.ENTITY_LEVEL] == level.value)
    ]
    labels = {**reference_names(level)}
    labels.update(zip(rows[IndicatorCol.ENTITY_CODE], rows[IndicatorCol.ENTITY_LABEL], strict=True))
    now = rows[rows[IndicatorCol.PERIOD] == period]
    values = pd.Series(
        now[IndicatorCol.VALUE].to_numpy(dtype="float64"),
        index=now[IndicatorCol.ENTITY_CODE].to_numpy(dtype=object),
    )
    sign = -1.0 if info.direction == Direction.LOWER_IS_BETTER else 1.0
    ranks = rank_in_group(sign * values)
    codes = sorted(labels)
    return pd.DataFrame(
        {
            TerritoryCol.CODE: codes,
            TerritoryCol.TERRITORY: [territory_name(labels[c], c) for c in codes],
            TerritoryCol.VALUE: [float(values.get(c, math.nan)) for c in codes],
            TerritoryCol.RANK: pd.array([ranks.get(c) for c in codes], dtype="Int64"),
            TerritoryCol.N: len(values),
            TerritoryCol.UNIT: info.unit,
        }
    )


def trajectory_frame(group: GroupStanding) -> pd.DataFrame:
    """One row per period of the indicator: the territory's own value (NaN: none, or no
    territory chosen), the peer group's Q1, median, Q3, best and N (§5)."""
    points = group.trajectory
    return pd.DataFrame(
        {
            TerritoryCol.PERIOD: [p.period for p in points],
            TerritoryCol.VALUE: [math.nan if p.value is None else p.value for p in points],
            TerritoryCol.Q1: [p.q1 for p in points],
            TerritoryCol.MEDIAN: [p.median for p in points],
            TerritoryCol.Q3: [p.q3 for p in points],
            TerritoryCol.BEST: [p.best for p in points],
            TerritoryCol.N: [p.n for p in points],
            TerritoryCol.UNIT: group.indicator.unit,
        }
    )


def distribution_frame(group: GroupStanding) -> pd.DataFrame:
    """The peer group by rank (best first, then code): rank, territory, value, unit, and
    whether it is the territory chosen (§5)."""
    peers = group.distribution
    return pd.DataFrame(
        {
            TerritoryCol.RANK: pd.array([p.rank for p in peers], dtype="int64"),
            TerritoryCol.CODE: [p.entity.code for p in peers],
            TerritoryCol.TERRITORY: [territory_name(p.entity.label, p.entity.code) for p in peers],
            TerritoryCol.VALUE: pd.array([p.value for p in peers], dtype="float64"),
            TerritoryCol.UNIT: group.indicator.unit,
            TerritoryCol.IS_SELF: pd.array([p.is_self for p in peers], dtype="bool"),
        }
    )


def mean_score_map(
    agg: Aggregates, sel: Selection, level: Level, min_structures: int = MIN_STRUCTURES_SHOWN
) -> pd.DataFrame:
    """Every department (or region) with the structures of the selection audited there in
    its edition: their number, their tests, and the group mean of their global score G(s,e)
    (§5; over the selected channels when some are, §5 *Filters*), NaN when fewer than
    `min_structures` (their number is still given); by code. At department level, the
    structures with no department (regional councils) are not counted."""
    column = StructureCol.DEPARTMENT_CODE if level == Level.DEPARTMENT else StructureCol.REGION_CODE
    scores = agg.global_scores(sel)
    codes_of = scores[column].astype("object").where(scores[column].notna(), "")
    grouped = scores.assign(_code=codes_of.to_numpy()).groupby("_code", sort=True)
    n = grouped[scoring.SCORE].count()
    tests = grouped[scoring.N_TESTS].sum()
    means = grouped[scoring.SCORE].mean()
    names = reference_names(level)
    codes = sorted(names)
    counts = [int(n.get(c, 0)) for c in codes]
    return pd.DataFrame(
        {
            TerritoryCol.CODE: codes,
            TerritoryCol.TERRITORY: [territory_name(names[c], c) for c in codes],
            TerritoryCol.N_STRUCTURES: pd.array(counts, dtype="int64"),
            TerritoryCol.N_TESTS: pd.array([int(tests.get(c, 0)) for c in codes], dtype="int64"),
            TerritoryCol.MEAN_SCORE: [
                float(means[c]) if count >= min_structures else math.nan
                for c, count in zip(codes, counts, strict=True)
            ],
        }
    )


def structure_territory(agg: Aggregates, structure_id: str) -> tuple[Level, str] | None:
    """The territory a structure is compared on public indicators with: its department, or
    its region for a regional council (or a structure with no department); None when the
    structure is unknown."""
    if structure_id not in agg.structure_ids:
        return None
    row = agg.structures.loc[structure_id]
    department = row[StructureCol.DEPARTMENT_CODE]
    if row[StructureCol.CATEGORY] != Category.REGION and isinstance(department, str) and department:
        return Level.DEPARTMENT, department
    region = row[StructureCol.REGION_CODE]
    return (Level.REGION, str(region)) if isinstance(region, str) and region else None


STANDINGS_COLUMNS: Final = (
    TerritoryCol.INDICATOR_KEY,
    TerritoryCol.INDICATOR,
    TerritoryCol.PERIOD,
    TerritoryCol.CODE,
    TerritoryCol.TERRITORY,
    TerritoryCol.LEVEL,
    TerritoryCol.VALUE,
    TerritoryCol.UNIT,
    TerritoryCol.RANK,
    TerritoryCol.N,
    TerritoryCol.MEDIAN,
    TerritoryCol.BEST,
    TerritoryCol.DIRECTION,
)


def territory_standings(tables: Iterable[IndicatorTable], level: Level, code: str) -> pd.DataFrame:
    """The territory's standing on every indicator of every loaded table where it has a value,
    each in its latest period with one (contract §7 with §5: among all the territories of its
    level): the indicator (key and label), the period, the value and unit as given, rank, N,
    the median and the best (by the indicator's direction); tables in import order."""
    loaded = tuple(tables)
    refs: dict[tuple[str, str], IndicatorRef] = {
        (ref.table.table_id, ref.indicator.indicator_id): ref for ref in indicator_refs(loaded)
    }
    rows = []
    for table in loaded:
        for standing in latest_standings([table], code, level=level):
            ref = refs[(table.table_id, standing.indicator.indicator_id)]
            rows.append(
                {
                    TerritoryCol.INDICATOR_KEY: ref.key,
                    TerritoryCol.INDICATOR: standing.indicator.label,
                    TerritoryCol.PERIOD: standing.period,
                    TerritoryCol.CODE: code,
                    TerritoryCol.TERRITORY: territory_name(standing.entity.label, code),
                    TerritoryCol.LEVEL: level.value,
                    TerritoryCol.VALUE: standing.value,
                    TerritoryCol.UNIT: standing.unit,
                    TerritoryCol.RANK: standing.rank,
                    TerritoryCol.N: standing.n,
                    TerritoryCol.MEDIAN: standing.median,
                    TerritoryCol.BEST: standing.best,
                    TerritoryCol.DIRECTION: standing.direction.value,
                }
            )
    frame = pd.DataFrame(rows, columns=list(STANDINGS_COLUMNS))
    return frame.astype({TerritoryCol.RANK: "int64", TerritoryCol.N: "int64"}) if rows else frame


def present(values: Iterable[float]) -> bool:
    """Whether any of `values` is a number (not NaN)."""
    return bool(np.isfinite(np.asarray(list(values), dtype="float64")).any())
