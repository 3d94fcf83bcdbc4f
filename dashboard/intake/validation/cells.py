"""Cell parsers (contract §1, §3): text columns as Arrow arrays, numbers, booleans and dates
as French spreadsheets write them, each read a whole column at a time (Arrow compute and NumPy
masks), with the mask of the cells that are not what the column needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.intake.loading import RawTable

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]


# Booleans (contract §1, v1.1: vrai/faux, as French Excel writes TRUE/FALSE), any case.
TRUE_WORDS: Final[tuple[str, ...]] = ("true", "1", "yes", "oui", "vrai")
FALSE_WORDS: Final[tuple[str, ...]] = ("false", "0", "no", "non", "faux")
ACCEPTED_BOOLEANS: Final = "true/false, 1/0, yes/no, oui/non, vrai/faux"


# Numbers as French spreadsheets write them: decimal point or comma, thousands grouped by a
# space, a no-break space or a narrow no-break space ("1 234,5"), optional exponent.
_GROUP_SEPARATORS: Final[tuple[str, ...]] = (" ", "\u00a0", "\u202f")
_GROUP = "[" + "".join(_GROUP_SEPARATORS) + "]"
NUMBER_PATTERN: Final = (
    r"^[+-]?(?:(?:\d{1,3}(?:" + _GROUP + r"\d{3})+|\d+)(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$"
)
# Dates: YYYY-MM-DD or DD/MM/YYYY (also with `-` or `.`), with an optional time that is
# dropped (a date cell with a time keeps its date). A column whose slash dates can only be
# month-first (5/13/2021) is read month-first as a whole.
_TIME: Final = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?: ?[AaPp][Mm])?)?"
ISO_DATE_PATTERN: Final = r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + "$"
FRENCH_DATE_PATTERN: Final = (
    r"^(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4})" + _TIME.replace("[ T]", " ") + "$"
)
MONTHS_PER_YEAR: Final = 12


def _arrow(series: pd.Series) -> pa.ChunkedArray:
    """The Arrow array behind a str column (no copy)."""
    converted = pa.array(series)
    array = converted if isinstance(converted, pa.ChunkedArray) else pa.chunked_array([converted])
    if array.type != pa.string() and array.type != pa.large_string():
        array = array.cast(pa.large_string())
    return array


def trimmed_text(raw: RawTable, column: str) -> pa.ChunkedArray | None:
    """A column of `raw` as Arrow text without surrounding white space; None when the
    table has no such column."""
    if column not in raw.frame:
        return None
    text = _arrow(raw.frame[column])
    trimmed = pc.utf8_trim_whitespace(text)
    # Keep the original buffers when nothing was trimmed (the usual case): less memory.
    if pc.sum(pc.binary_length(trimmed)).as_py() == pc.sum(pc.binary_length(text)).as_py():
        return text
    return trimmed


def numpy_bool(array: pa.ChunkedArray | pa.Array) -> BoolArray:
    """An Arrow boolean array as a NumPy mask, null read as False."""
    result = np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=np.bool_)
    return result


def is_empty(text: pa.ChunkedArray) -> BoolArray:
    """The mask of empty cells (after trimming: a blank cell is empty)."""
    return numpy_bool(pc.equal(pc.utf8_length(text), 0))


def text_series(text: pa.ChunkedArray) -> pd.Series:
    """An Arrow text column as a pandas str column."""
    return pd.Series(text.to_pandas(), dtype="str")


def parse_numbers(text: pa.ChunkedArray) -> tuple[FloatArray, BoolArray]:
    """Values (NaN where empty or invalid) and the mask of non-empty cells that are no number."""
    empty = pc.equal(pc.utf8_length(text), 0)
    decimal_point = pc.replace_substring(text, ",", ".")
    try:
        # Fast path: every cell is a plain number (what exports and tools write).
        values = pc.cast(pc.if_else(empty, None, decimal_point), pa.float64())
        floats = np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.float64)
        # The cast accepts "nan" and "inf", which are no measurement.
        bad = ~numpy_bool(empty) & ~np.isfinite(floats)
        return np.where(bad, np.nan, floats), bad
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    valid = pc.match_substring_regex(text, NUMBER_PATTERN)
    cleaned = decimal_point
    for separator in _GROUP_SEPARATORS:
        cleaned = pc.replace_substring(cleaned, separator, "")
    values = pc.cast(pc.if_else(valid, cleaned, None), pa.float64())
    floats = np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.float64)
    bad = ~numpy_bool(valid) & ~numpy_bool(empty)
    bad |= numpy_bool(valid) & ~np.isfinite(floats)
    return np.where(bad, np.nan, floats), bad


def parse_booleans(text: pa.ChunkedArray) -> tuple[BoolArray, BoolArray, BoolArray]:
    """(values, given, invalid): the truth of each accepted cell, non-empty cells, bad cells."""
    lowered = pc.utf8_lower(text)
    true = numpy_bool(pc.is_in(lowered, value_set=pa.array(TRUE_WORDS)))
    false = numpy_bool(pc.is_in(lowered, value_set=pa.array(FALSE_WORDS)))
    given = ~is_empty(text)
    return true, given, given & ~true & ~false


@dataclass
class Dates:
    """A date column read (contract §3): dates at second resolution (NaT where empty or
    invalid), the invalid cells, and its order. `month_first`: the column's slash dates could
    only be month-first (5/13/2021), so all were read so; `mixed`: cells that can only be
    month-first in a column that also holds cells that can only be day-first (refused), the
    first of those at position `day_first_example`."""

    dates: npt.NDArray[np.datetime64]
    bad: BoolArray
    month_first: BoolArray
    mixed: BoolArray
    day_first_example: int = -1


def parse_dates(text: pa.ChunkedArray) -> Dates:
    """A date column (YYYY-MM-DD or DD/MM/YYYY, a time dropped), in one order (issue 12)."""
    n = len(text)
    none = np.zeros(n, dtype=np.bool_)
    empty = pc.equal(pc.utf8_length(text), 0)
    try:
        # Fast path: every cell is empty or a strict YYYY-MM-DD date (what tools write).
        days = pc.cast(pc.if_else(empty, None, text), pa.date32())
        dates = days.to_numpy(zero_copy_only=False).astype("datetime64[s]")
        return Dates(dates, none, none, none)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    iso = pc.extract_regex(text, ISO_DATE_PATTERN)
    slash = pc.extract_regex(text, FRENCH_DATE_PATTERN)

    def numbers(parts: pa.ChunkedArray, name: str) -> npt.NDArray[np.int64]:
        values = pc.fill_null(pc.cast(pc.struct_field(parts, name), pa.int64()), 0)
        return np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.int64)

    is_slash = numpy_bool(pc.is_valid(slash))
    first, second = numbers(slash, "a"), numbers(slash, "b")
    day_only = is_slash & (first > MONTHS_PER_YEAR) & (second <= MONTHS_PER_YEAR)
    month_only = is_slash & (second > MONTHS_PER_YEAR) & (first <= MONTHS_PER_YEAR)
    month_first = month_only.any() and not day_only.any()
    mixed = month_only if day_only.any() else none
    year = np.where(is_slash, numbers(slash, "y"), numbers(iso, "y"))
    if month_first:
        month = np.where(is_slash, first, numbers(iso, "m"))
        day = np.where(is_slash, second, numbers(iso, "d"))
    else:
        month = np.where(is_slash, second, numbers(iso, "m"))
        day = np.where(is_slash, first, numbers(iso, "d"))
    ok = (month >= 1) & (month <= MONTHS_PER_YEAR) & (day >= 1) & (year >= 1) & ~mixed
    months = np.where(ok, (year - 1970) * 12 + (month - 1), 0).astype("datetime64[M]")
    first_days = months.astype("datetime64[D]")
    days_in_month = ((months + 1).astype("datetime64[D]") - first_days).astype(np.int64)
    ok &= day <= days_in_month
    dates = np.where(ok, first_days + (day - 1), np.datetime64("NaT")).astype("datetime64[s]")
    bad = ~numpy_bool(empty) & ~ok & ~mixed
    example = int(np.flatnonzero(day_only)[0]) if mixed.any() else -1
    return Dates(dates, bad, is_slash & month_first, mixed, example)


def nullable_ints(values: FloatArray) -> pd.arrays.IntegerArray:
    """Whole numbers held as floats as a pandas Int64 array, NaN read as missing."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64), missing)
