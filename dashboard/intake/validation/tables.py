"""Checks either table gets (contract §2, §3, §4): its columns (missing, repeated, unknown,
unnamed but filled) and the rows repeating another row's keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.intake.loading import RawTable, normalise_header
from dashboard.intake.schema import CRITERION_PREFIX
from dashboard.intake.validation.cells import BoolArray, is_empty, trimmed_text
from dashboard.intake.validation.collector import ProblemCollector, letter_of
from dashboard.intake.validation.problems import WARNING


def check_columns(
    raw: RawTable, known: Sequence[str], required: frozenset[str], problems: ProblemCollector
) -> None:
    """Missing, repeated and unknown columns (criteria are checked with the tests)."""
    for position, column in enumerate(raw.frame.columns):
        problems.column_order[(raw.name, str(column))] = position + 1
    for column in known:
        if column in required and column not in raw.frame:
            problems.add(raw, "missing_column", column=column)
    for column, header in raw.duplicate_columns:
        problems.add(
            raw,
            "duplicate_column",
            column=column,
            header=header.strip(),
            first=raw.original_columns[column].strip(),
        )
    if len(raw.frame) == 0 and all(c in raw.frame for c in required):
        problems.add(raw, "table_empty")
    for column in raw.frame.columns:
        name = str(column)
        header = raw.original_columns.get(name, name)
        if name in known or name.startswith(CRITERION_PREFIX):
            continue
        if not normalise_header(header):
            # A blank header: spreadsheets leave such columns behind; only say so if filled.
            text = trimmed_text(raw, name)
            if text is not None and not is_empty(text).all():
                problems.add(
                    raw,
                    "unnamed_column",
                    severity=WARNING,
                    column="",
                    letter=letter_of(raw, name),
                    position=int(name.removeprefix("#")),
                )
            continue
        problems.add(
            raw,
            "unknown_column",
            severity=WARNING,
            column=header.strip(),
            letter=letter_of(raw, name),
        )


def repeats(
    keys: Sequence[pa.ChunkedArray | npt.NDArray[np.int64]],
    eligible: BoolArray,
    row_numbers: npt.NDArray[np.int64],
) -> tuple[BoolArray, npt.NDArray[np.int64]]:
    """Rows repeating an earlier eligible row's keys, and the row number of that first row."""
    n = len(eligible)
    repeated = np.zeros(n, dtype=np.bool_)
    first_rows = np.zeros(n, dtype=np.int64)
    # One int64 code per row combining the codes of each key (fits: editions and channels are
    # few, so the product of the distinct counts stays far below 2**63).
    combined = np.zeros(n, dtype=np.int64)
    for key in keys:
        if isinstance(key, pa.ChunkedArray):
            distinct = pc.unique(key)
            codes = pc.index_in(key, value_set=distinct).to_numpy(zero_copy_only=False)
            size = len(distinct)
        else:
            codes, uniques = pd.factorize(key)
            size = len(uniques)
        combined = combined * max(size, 1) + np.asarray(codes, dtype=np.int64)
    positions = np.flatnonzero(eligible)
    candidates = pd.Series(combined[positions])
    in_group = candidates.duplicated(keep=False).to_numpy()
    if not in_group.any():
        return repeated, first_rows
    positions = positions[in_group]
    first = pd.Series(positions).groupby(combined[positions], sort=False).transform("min")
    first_positions = first.to_numpy()
    later = positions != first_positions
    repeated[positions[later]] = True
    first_rows[positions[later]] = row_numbers[first_positions[later]]
    return repeated, first_rows
