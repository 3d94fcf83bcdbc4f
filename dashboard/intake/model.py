"""The validated, in-memory dataset: two typed tables and a version id (contract §1-3)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from dashboard.intake.schema import (
    BOOLEAN_MEASURES,
    STRUCTURE_COLUMNS,
    TEST_COLUMNS,
    StructureCol,
    TestCol,
    criterion_columns,
)

# Canonical dtypes of a validated dataset. Text is pandas' string dtype; optional integers
# and booleans are nullable so that "not given" stays distinct from 0 / False.
STRUCTURE_DTYPES: dict[str, str] = {
    StructureCol.STRUCTURE_ID: "str",
    StructureCol.NAME: "str",
    StructureCol.CATEGORY: "str",
    StructureCol.REGION_CODE: "str",
    StructureCol.DEPARTMENT_CODE: "str",
    StructureCol.POPULATION: "Int64",
}
TEST_DTYPES: dict[str, str] = {
    TestCol.EDITION: "int64",
    TestCol.STRUCTURE_ID: "str",
    TestCol.CHANNEL: "str",
    TestCol.TEST_ID: "str",
    TestCol.TEST_DATE: "datetime64[s]",
    TestCol.SCORE: "float64",
    TestCol.RESPONSE_DAYS: "float64",
    TestCol.RINGS: "Int64",
    **{col: "boolean" for col in BOOLEAN_MEASURES},
}


def conform(structures: pd.DataFrame, tests: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables with the contract's columns in order and canonical dtypes."""
    s = structures.reindex(columns=list(STRUCTURE_COLUMNS)).astype(STRUCTURE_DTYPES)
    crits = sorted(criterion_columns(tests.columns))
    t = tests.reindex(columns=[*TEST_COLUMNS, *crits])
    t = t.astype({**TEST_DTYPES, **{c: "float64" for c in crits}})
    return s.reset_index(drop=True), t.reset_index(drop=True)


def content_version(structures: pd.DataFrame, tests: pd.DataFrame) -> str:
    """A content hash of both tables: equal data, equal id (caches key on it)."""
    digest = hashlib.sha256()
    for frame in (structures, tests):
        digest.update("\x1f".join(map(str, frame.columns)).encode())
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Dataset:
    """A validated dataset (contract §2-3) with where it came from and its content version."""

    structures: pd.DataFrame
    tests: pd.DataFrame
    source: str
    version: str = field(default="")

    @classmethod
    def build(cls, structures: pd.DataFrame, tests: pd.DataFrame, source: str) -> Dataset:
        """A dataset with conformed tables and its content version computed."""
        s, t = conform(structures, tests)
        return cls(structures=s, tests=t, source=source, version=content_version(s, t))

    @property
    def criteria(self) -> list[str]:
        """The criterion columns present (crit_<name>)."""
        return criterion_columns(self.tests.columns)

    @property
    def editions(self) -> list[int]:
        """The editions present, ascending."""
        return sorted(int(e) for e in self.tests[TestCol.EDITION].unique())
