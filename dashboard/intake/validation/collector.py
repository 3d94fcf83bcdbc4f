"""Collecting problems while the checks run (contract §4): a whole column mask at a time, at
most `MAX_PROBLEMS_PER_KIND` rows listed for one kind, the reader's notices taken in, and the
order the report shows them in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from dashboard.intake.loading import ERROR_NOTICE, Notice, RawTable, column_letter
from dashboard.intake.schema import Table
from dashboard.intake.validation.cells import BoolArray
from dashboard.intake.validation.problems import ERROR, MORE_PROBLEMS, WARNING, Problem, Severity

# Rows listed for one kind of problem (same table, column and code); the rest are counted in
# one "more_problems" line, so a file wrong on every row still gives a readable report.
MAX_PROBLEMS_PER_KIND: Final = 10_000
# Problems of the container first, then of each table.
_TABLE_ORDER: Final[dict[str, int]] = {"": 0, Table.STRUCTURES: 1, Table.TESTS: 2}


class ProblemCollector:
    """Problems found so far; cell problems are added a whole column mask at a time.

    A cell that a reader notice already reports as an error (a formula with no saved value)
    gets no other problem in its column.
    """

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.column_order: dict[tuple[str, str], int] = {}
        self.taken: dict[tuple[str, str], set[int]] = {}
        self._taken_masks: dict[tuple[str, str], BoolArray] = {}

    def add(
        self,
        raw: RawTable,
        code: str,
        *,
        severity: Severity = ERROR,
        column: str | None = None,
        letter: str | None = None,
        **params: object,
    ) -> None:
        """A table- or column-level problem (no row)."""
        shown_letter = letter_of(raw, column) if letter is None else letter
        self._no_row(raw, severity, column, code, params, shown_letter)

    def _no_row(
        self,
        raw: RawTable,
        severity: Severity,
        column: str | None,
        code: str,
        params: dict[str, object],
        letter: str,
    ) -> None:
        """A problem of the table `raw` as a whole (`column` None) or of one of its columns
        (spreadsheet `letter`, "" when it has none), on no row and no cell value."""
        self.items.append(
            Problem(severity, raw.file, raw.name, None, column, None, code, params, letter)
        )

    def notices(self, raw: RawTable) -> None:
        """The reader's notices about `raw` as problems."""
        for notice in raw.notices:
            if not notice.rows:
                severity: Severity = ERROR if notice.severity == ERROR_NOTICE else WARNING
                letter = letter_of(raw, notice.column)
                self._no_row(raw, severity, notice.column, notice.code, dict(notice.params), letter)
                continue
            self._listed(raw, notice)
            if notice.severity == ERROR_NOTICE and notice.column is not None:
                self.taken.setdefault((raw.name, notice.column), set()).update(notice.rows)

    def _listed(self, raw: RawTable, notice: Notice) -> None:
        severity: Severity = ERROR if notice.severity == ERROR_NOTICE else WARNING
        letter = letter_of(raw, notice.column)
        count = len(notice.rows)
        shown = min(count, MAX_PROBLEMS_PER_KIND)
        values = notice.values or ("",) * count
        for i in range(shown):
            per_row = {key: items[i] for key, items in notice.row_params.items()}
            self.items.append(
                Problem(
                    severity,
                    raw.file,
                    raw.name,
                    notice.rows[i],
                    notice.column,
                    values[i],
                    notice.code,
                    {**notice.params, **per_row},
                    letter,
                )
            )
        if count > shown:
            self._more(
                raw,
                severity,
                notice.column,
                notice.code,
                count - shown,
                shown,
                letter,
                notice.rows[0],
            )

    def _more(
        self,
        raw: RawTable,
        severity: Severity,
        column: str | None,
        code: str,
        count: int,
        shown: int,
        letter: str,
        first_row: int = 0,
    ) -> None:
        counted = {"count": count, "shown": shown, "first_row": first_row, "of_code": code}
        self._no_row(raw, severity, column, MORE_PROBLEMS, counted, letter)

    def _untaken(self, raw: RawTable, column: str, mask: BoolArray) -> BoolArray:
        key = (raw.name, column)
        if key not in self.taken:
            return mask
        if key not in self._taken_masks:
            rows = np.fromiter(self.taken[key], dtype=np.int64)
            self._taken_masks[key] = np.isin(raw.row_numbers, rows)
        return mask & ~self._taken_masks[key]

    def rows(
        self,
        raw: RawTable,
        mask: BoolArray,
        column: str,
        code: str,
        *,
        severity: Severity = ERROR,
        params: Mapping[str, object] | None = None,
        row_params: Mapping[str, npt.NDArray[np.generic] | pa.ChunkedArray] | None = None,
    ) -> None:
        """One problem per row where `mask` holds; `row_params` give per-row params."""
        mask = self._untaken(raw, column, mask)
        positions = np.flatnonzero(mask)
        if positions.size == 0:
            return
        shown = positions[:MAX_PROBLEMS_PER_KIND]
        row_numbers = raw.row_numbers[shown].tolist()
        values = (
            raw.frame[column].take(shown).tolist() if column in raw.frame else [None] * len(shown)
        )
        as_shown = raw.shown.get(column)
        if as_shown:
            values = [
                as_shown.get(row, value) for row, value in zip(row_numbers, values, strict=True)
            ]
        fixed = dict(params or {})
        per_row = {
            key: (
                array.take(pa.array(shown)).to_pylist()
                if isinstance(array, pa.ChunkedArray)
                else array[shown].tolist()
            )
            for key, array in (row_params or {}).items()
        }
        letter = letter_of(raw, column)
        for i, (row, value) in enumerate(zip(row_numbers, values, strict=True)):
            row_specific = {key: items[i] for key, items in per_row.items()}
            self.items.append(
                Problem(
                    severity,
                    raw.file,
                    raw.name,
                    int(row),
                    column,
                    None if value is None else str(value),
                    code,
                    {**fixed, **row_specific},
                    letter,
                )
            )
        if positions.size > shown.size:
            self._more(
                raw,
                severity,
                column,
                code,
                int(positions.size - shown.size),
                int(shown.size),
                letter,
                int(row_numbers[0]),
            )

    def _column(self, problem: Problem) -> int:
        return self.column_order.get((problem.table, problem.column or ""), 0)

    def sorted(self) -> tuple[Problem, ...]:
        """Problems by table, then container/column problems, then by row and column."""

        def key(p: Problem) -> tuple[int, int, int, int]:
            if p.code == MORE_PROBLEMS:
                # After the rows it summarises.
                return (_TABLE_ORDER.get(p.table, 3), 2, 0, self._column(p))
            return (
                _TABLE_ORDER.get(p.table, 3),
                0 if p.row is None else 1,
                p.row or 0,
                self._column(p),
            )

        return tuple(sorted(self.items, key=key))


def letter_of(raw: RawTable, column: str | None) -> str:
    """The spreadsheet letter of a column of `raw` ("" when it has none)."""
    if column is None or column not in raw.positions:
        return ""
    return column_letter(raw.positions[column])
