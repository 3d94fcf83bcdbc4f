"""Validating raw tables into a typed `Dataset`, or every problem found (contract §2-4).

All checks are column operations (Arrow compute and NumPy masks); a `Problem` object is built
only for a failing row. An import is all or nothing: any error and `dataset` is None. Warnings
(unknown column, structure without test) do not stop it.

The package by concern: `validate` (the entry points: read, check, build the Dataset),
`check_structures` and `check_tests` (each table's checks), `tables` (the checks either table
gets), `cells` and `codes` (the cell parsers), `collector` (problems gathered a column at a
time) and `problems` (the problem model and the report). This module holds only the public
names; `ProblemCollector`, `parse_numbers`, `fold_text` and `closest_code` serve the project's
other validators.
"""

from __future__ import annotations

from dashboard.intake.loading import MAX_FILE_BYTES, ProgressFn
from dashboard.intake.validation.cells import parse_numbers
from dashboard.intake.validation.codes import closest_code, fold_text
from dashboard.intake.validation.collector import MAX_PROBLEMS_PER_KIND, ProblemCollector
from dashboard.intake.validation.problems import (
    ERROR,
    FIRST_ROWS_SHOWN,
    WARNING,
    Checked,
    Problem,
    ProblemGroup,
    ValidationResult,
    group_problems,
    problems_frame,
    rows_text,
)
from dashboard.intake.validation.validate import validate_path, validate_tables

__all__ = [
    "ERROR",
    "FIRST_ROWS_SHOWN",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS_PER_KIND",
    "WARNING",
    "Checked",
    "Problem",
    "ProblemCollector",
    "ProblemGroup",
    "ProgressFn",
    "ValidationResult",
    "closest_code",
    "fold_text",
    "group_problems",
    "parse_numbers",
    "problems_frame",
    "rows_text",
    "validate_path",
    "validate_tables",
]
