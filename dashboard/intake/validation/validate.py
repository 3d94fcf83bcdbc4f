"""Validating a container or raw tables (contract §1-4): read, check the structures, then the
tests, then both together, and type the tables into a `Dataset` when no error was found.
Progress is reported by stage; a failure of a reader or of a check becomes a problem.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Final

import pyarrow as pa

from dashboard.intake.loading import LoadError, ProgressFn, RawDataset, read_dataset
from dashboard.intake.model import Dataset
from dashboard.intake.validation.check_structures import check_structures
from dashboard.intake.validation.check_tests import check_tests, warn_structures_without_test
from dashboard.intake.validation.collector import ProblemCollector
from dashboard.intake.validation.problems import ERROR, Problem, ValidationResult

# The package's logger, as before the package was split: log filters keep working.
logger = logging.getLogger(__package__)

# (message key suffix, fraction done) of each progress stage.
STAGE_CHECK_STRUCTURES: Final = ("validation.stage.check_structures", 0.5)
STAGE_CHECK_TESTS: Final = ("validation.stage.check_tests", 0.55)
STAGE_BUILD: Final = ("validation.stage.build", 0.9)
STAGE_DONE: Final = ("validation.stage.done", 1.0)


def validate_path(
    path: str | Path,
    progress: ProgressFn | None = None,
    *,
    display_name: str | None = None,
) -> ValidationResult:
    """Read and validate any container (contract §1, §4); never raises on bad input."""
    shown = display_name or Path(path).name or str(path)
    try:
        raw = read_dataset(path, display_name=display_name, progress=progress)
    except LoadError as exc:
        problem = Problem(ERROR, exc.file, exc.table, None, None, None, exc.code, exc.params)
        return _failed(problem, progress)
    except Exception as exc:  # a reader library failing in an unforeseen way
        logger.exception("reading %s failed", shown)
        cause: dict[str, object] = {"cause": _read_cause(exc)}
        return _failed(Problem(ERROR, shown, "", None, None, None, "unreadable", cause), progress)
    try:
        return _validate(raw, progress, release_raw=True)
    except Exception as exc:  # a bug of ours must not pass for a crash of the app
        logger.exception("validating %s failed", shown)
        detail: dict[str, object] = {"detail": type(exc).__name__}
        problem = Problem(ERROR, shown, "", None, None, None, "internal_error", detail)
        return _failed(problem, progress)


def _read_cause(exc: BaseException) -> str:
    """A reader's failure as a `validation.cause.*` key: words for the user, never the name
    of an exception (that goes to the log)."""
    if isinstance(exc, MemoryError):
        return "memory"
    if isinstance(exc, OSError):
        return "os_error"
    return "reader"


def _failed(problem: Problem, progress: ProgressFn | None) -> ValidationResult:
    _report(progress, STAGE_DONE)
    return ValidationResult(None, (problem,))


def validate_tables(raw: RawDataset, progress: ProgressFn | None = None) -> ValidationResult:
    """Check both raw tables against the contract (§2, §3) and type them into a Dataset."""
    return _validate(raw, progress, release_raw=False)


def _validate(
    raw: RawDataset, progress: ProgressFn | None, *, release_raw: bool
) -> ValidationResult:
    problems = ProblemCollector()
    problems.notices(raw.structures)
    problems.notices(raw.tests)
    _report(progress, STAGE_CHECK_STRUCTURES)
    structures = check_structures(raw.structures, problems)
    _report(progress, STAGE_CHECK_TESTS)
    tests = check_tests(raw.tests, structures, problems)
    if structures.ids is not None and tests.structure_ids is not None:
        warn_structures_without_test(raw.structures, structures, tests.structure_ids, problems)
    ordered = problems.sorted()
    if any(p.severity == ERROR for p in ordered):
        _report(progress, STAGE_DONE)
        return ValidationResult(None, ordered)
    _report(progress, STAGE_BUILD)
    if release_raw:
        # The text cells are no longer needed: let them go before the typed copy is made.
        for table in (raw.structures, raw.tests):
            table.frame = table.frame.iloc[:0, :0]
        pa.default_memory_pool().release_unused()
    dataset = Dataset.build(structures.typed(), tests.typed(), raw.source)
    _report(progress, STAGE_DONE)
    return ValidationResult(dataset, ordered)


def _report(progress: ProgressFn | None, stage: tuple[str, float]) -> None:
    if progress is not None:
        progress(*stage)
