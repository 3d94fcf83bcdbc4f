"""France's current regions and departments, the reference tables of contract §2.

The tables live in data/regions.csv and data/departments.csv, built by
scripts/build_geography.py from @etalab/decoupage-administratif (see data/README.md). They are
read once, every column as text, so that codes such as "01" and "2A" stay as written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from dashboard.intake.schema import StructureCol

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REGIONS_CSV = DATA_DIR / "regions.csv"
DEPARTMENTS_CSV = DATA_DIR / "departments.csv"

# The reference tables use the contract's own column names (region_code, department_code, name).
_REGION_COLUMNS = [StructureCol.REGION_CODE, StructureCol.NAME]
_DEPARTMENT_COLUMNS = [StructureCol.DEPARTMENT_CODE, StructureCol.NAME, StructureCol.REGION_CODE]


def _read_text_csv(path: Path, columns: list[str]) -> pd.DataFrame:
    # keep_default_na=False: no code or name may turn into NaN behind our back.
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != columns:
        raise ValueError(f"{path}: columns {list(frame.columns)}, expected {columns}")
    return frame


@cache
def _regions() -> pd.DataFrame:
    return _read_text_csv(REGIONS_CSV, _REGION_COLUMNS)


@cache
def _departments() -> pd.DataFrame:
    return _read_text_csv(DEPARTMENTS_CSV, _DEPARTMENT_COLUMNS)


@cache
def _region_names() -> dict[str, str]:
    frame = _regions()
    return dict(zip(frame[StructureCol.REGION_CODE], frame[StructureCol.NAME], strict=True))


@cache
def _department_names() -> dict[str, str]:
    frame = _departments()
    return dict(zip(frame[StructureCol.DEPARTMENT_CODE], frame[StructureCol.NAME], strict=True))


@cache
def _region_of_department() -> dict[str, str]:
    frame = _departments()
    return dict(
        zip(frame[StructureCol.DEPARTMENT_CODE], frame[StructureCol.REGION_CODE], strict=True)
    )


def regions() -> pd.DataFrame:
    """The 18 current regions (region_code, name), sorted by code (contract §2)."""
    return _regions().copy()


def departments() -> pd.DataFrame:
    """The 101 departments (department_code, name, region_code), sorted by code (contract §2)."""
    return _departments().copy()


def region_of_department() -> dict[str, str]:
    """Map each department code to the code of the region it belongs to (contract §2)."""
    return dict(_region_of_department())


def region_name(code: str) -> str | None:
    """French name of the region with this INSEE code, None if unknown (contract §2)."""
    return _region_names().get(code)


def department_name(code: str) -> str | None:
    """French name of the department with this INSEE code, None if unknown (contract §2)."""
    return _department_names().get(code)
