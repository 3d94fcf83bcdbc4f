"""Spreadsheet formula injection in the CSV files the app and the CLI write (OWASP, "CSV
injection"), and its reversal when a CSV is imported.

Excel and LibreOffice read a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
return as a formula: a structure named `=HYPERLINK(...)` would become a live link, or worse,
in the spreadsheet of whoever opens an export. Every text cell of every CSV written passes
through `escape`: when it starts with one of those characters, it gets a leading single
quote, which spreadsheets show as text and never evaluate. Numbers are not text and are
never escaped (a negative score stays `-2.5`).

The escape is reversible, so that `export` -> `import` -> `export` gives the same bytes: the
loader calls `unescape_text_columns` on the text columns of a CSV table. A text that already
starts with quotes followed by one of those characters (`'=x`) gets one more quote as well,
so `unescape(escape(s)) == s` for every text `s`. XLSX and Parquet store text as text: they
are neither escaped nor unescaped.
"""

from __future__ import annotations

import re
from typing import Final

import pandas as pd

from dashboard.intake.model import STRUCTURE_DTYPES, TEST_DTYPES
from dashboard.intake.schema import Table

# The characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")
QUOTE: Final = "'"
_CLASS: Final = "[=+\\-@\\t\\r]"
# Texts that `escape` prefixes: quotes (maybe none), then a formula start.
_ESCAPED_BY_WRITER: Final = re.compile(f"'*{_CLASS}")
# Texts that `unescape` strips one quote from: at least one quote, then a formula start.
_UNESCAPED_BY_READER: Final = re.compile(f"'+{_CLASS}")

# The contract's text columns, per table (what the validated dataset holds as text).
TEXT_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    Table.STRUCTURES: tuple(c for c, dtype in STRUCTURE_DTYPES.items() if dtype == "str"),
    Table.TESTS: tuple(c for c, dtype in TEST_DTYPES.items() if dtype == "str"),
}


def escape(text: str) -> str:
    """`text` as a CSV cell no spreadsheet evaluates: `=1+2` -> `'=1+2`; others unchanged."""
    return QUOTE + text if _ESCAPED_BY_WRITER.match(text) else text


def unescape(text: str) -> str:
    """The text `escape` was given: `'=1+2` -> `=1+2`; a text `escape` leaves alone is kept."""
    return text[1:] if _UNESCAPED_BY_READER.match(text) else text


def escape_series(texts: pd.Series) -> pd.Series:
    """`escape` of every cell of a text column (missing cells stay missing)."""
    needs = texts.str.match(_ESCAPED_BY_WRITER.pattern).fillna(False).astype(bool)
    if not needs.any():
        return texts
    return texts.where(~needs, QUOTE + texts)


def unescape_series(texts: pd.Series) -> pd.Series:
    """`unescape` of every cell of a text column (missing cells stay missing)."""
    needs = texts.str.match(_UNESCAPED_BY_READER.pattern).fillna(False).astype(bool)
    if not needs.any():
        return texts
    return texts.where(~needs, texts.str.slice(1))


def unescape_text_columns(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """`frame` (a CSV table as read, columns named as in the contract) with `unescape`
    applied to the contract's text columns of `table`; other columns are left as read."""
    for column in TEXT_COLUMNS.get(table, ()):
        if column in frame.columns:
            frame[column] = unescape_series(frame[column])
    return frame
