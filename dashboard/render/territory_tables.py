"""The columns of the territory blocks' tables and CSVs (« Territoires », the overview's map,
« Ma structure »'s territory block): see dashboard.render.tables for how a column is shown."""

from __future__ import annotations

from typing import Final

from dashboard.figures.territory_frames import TerritoryCol
from dashboard.render.tables import ColumnSpec

TERRITORY_MAP_TABLE: Final = (
    ColumnSpec(TerritoryCol.TERRITORY, "ui.col.territory", "text"),
    ColumnSpec(TerritoryCol.VALUE, "ui.col.value", "number"),
    ColumnSpec(TerritoryCol.UNIT, "ui.col.unit", "text"),
    ColumnSpec(TerritoryCol.RANK, "ui.col.rank", "count"),
    ColumnSpec(TerritoryCol.N, "ui.col.territories_n", "count"),
)
TERRITORY_TRAJECTORY_TABLE: Final = (
    ColumnSpec(TerritoryCol.PERIOD, "ui.col.period", "edition"),
    ColumnSpec(TerritoryCol.VALUE, "ui.col.territory_value", "number"),
    ColumnSpec(TerritoryCol.Q1, "ui.col.q1", "number"),
    ColumnSpec(TerritoryCol.MEDIAN, "ui.col.median", "number"),
    ColumnSpec(TerritoryCol.Q3, "ui.col.q3", "number"),
    ColumnSpec(TerritoryCol.BEST, "ui.col.best", "number"),
    ColumnSpec(TerritoryCol.N, "ui.col.peers_n", "count"),
    ColumnSpec(TerritoryCol.UNIT, "ui.col.unit", "text"),
)
TERRITORY_DISTRIBUTION_TABLE: Final = (
    ColumnSpec(TerritoryCol.TERRITORY, "ui.col.territory", "text"),
    ColumnSpec(TerritoryCol.RANK, "ui.col.rank", "count"),
    ColumnSpec(TerritoryCol.VALUE, "ui.col.value", "number"),
    ColumnSpec(TerritoryCol.UNIT, "ui.col.unit", "text"),
)
TERRITORY_STANDINGS_TABLE: Final = (
    ColumnSpec(TerritoryCol.INDICATOR, "ui.col.indicator", "text"),
    ColumnSpec(TerritoryCol.PERIOD, "ui.col.period", "edition"),
    ColumnSpec(TerritoryCol.TERRITORY, "ui.col.territory", "text"),
    ColumnSpec(TerritoryCol.RANK, "ui.col.rank", "count"),
    ColumnSpec(TerritoryCol.N, "ui.col.territories_n", "count"),
    ColumnSpec(TerritoryCol.VALUE, "ui.col.value", "number"),
    ColumnSpec(TerritoryCol.MEDIAN, "ui.col.territories_median", "number"),
    ColumnSpec(TerritoryCol.BEST, "ui.col.best", "number"),
    ColumnSpec(TerritoryCol.UNIT, "ui.col.unit", "text"),
)
OVERVIEW_MAP_TABLE: Final = (
    ColumnSpec(TerritoryCol.TERRITORY, "ui.col.territory", "text"),
    ColumnSpec(TerritoryCol.N_STRUCTURES, "ui.col.structures", "count"),
    ColumnSpec(TerritoryCol.N_TESTS, "ui.col.tests", "count"),
    ColumnSpec(TerritoryCol.MEAN_SCORE, "ui.col.mean_global_score", "score"),
)
