"""Writing a dataset back in the contract's format (§1): CSV folder, .xlsx workbook, Parquet.

What is written re-imports unchanged (same content version): the round trip is tested. Text
cells a spreadsheet would take for a formula are escaped in CSV files (dashboard.intake.csv_escape),
and the loader undoes it; workbooks store them as text cells instead.
"""

from __future__ import annotations

import csv
import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.i18n import normalise_lang
from dashboard.intake.csv_escape import escape_series
from dashboard.intake.model import Dataset
from dashboard.intake.schema import BOOLEAN_MEASURES, TABLES, Table, TestCol

ExportFormat = Literal["csv", "xlsx", "parquet"]
EXPORT_FORMATS: Final[tuple[ExportFormat, ...]] = ("csv", "xlsx", "parquet")
# A BOM lets Excel recognise UTF-8 when a consultant double-clicks the file; the loader
# accepts files with or without it (§1).
CSV_ENCODING: Final = "utf-8-sig"
XLSX_NAME: Final = "barometre.xlsx"
CSV_ZIP_NAME: Final = "barometre-csv.zip"
PARQUET_ZIP_NAME: Final = "barometre-parquet.zip"
# Rows of an Excel sheet, its header included.
XLSX_MAX_ROWS: Final = 1_048_576


@dataclass(frozen=True)
class CsvDialect:
    """How a CSV file separates its fields and writes a decimal number."""

    sep: str
    decimal: str


# The contract's CSV (§1): `,` and `.`, what `python -m dashboard export` writes.
CONTRACT_CSV: Final = CsvDialect(",", ".")
# What French Excel opens with a double click (and the loader reads back): `;` and `,`.
FRENCH_EXCEL_CSV: Final = CsvDialect(";", ",")


def csv_dialect(lang: str) -> CsvDialect:
    """The CSV a user of `lang` opens in Excel: French Excel's for French, else the contract's."""
    return FRENCH_EXCEL_CSV if normalise_lang(lang) == "fr" else CONTRACT_CSV


# openpyxl reads a text cell starting with "=" as a formula: such text is written as a string.
_FORMULA_START: Final = "="
_TEXT: Final = pa.large_string()


class ExportTooLarge(ValueError):
    """A table has more rows than an Excel sheet can hold."""

    def __init__(self, table: str, rows: int, limit: int) -> None:
        self.table = table
        self.rows = rows
        self.limit = limit
        super().__init__(f"{table}: {rows} rows, an Excel sheet holds {limit - 1}")


def _number_text(value: float) -> str:
    # Shortest text that reads back as the same float, never an exponent: 72.5 stays "72.5",
    # 80.0 becomes "80", 72.33333333333333 keeps every digit (re-import: same version).
    if value != value:  # NaN: an empty cell
        return ""
    text = repr(value)
    if "e" in text or "n" in text:  # 1e-07, inf
        return np.format_float_positional(value, trim="-")
    return text.removesuffix(".0")


def _number_texts(series: pd.Series, decimal: str = ".") -> np.ndarray:
    """`_number_text` of every value with `decimal` as decimal mark, each distinct value spelt
    once: a column holds few."""
    # Keyed on the bits, so that -0.0 and 0.0 stay apart as `_number_text` spells them.
    codes, distinct = pd.factorize(series.to_numpy(dtype=np.float64).view(np.int64))
    values = np.asarray(distinct).view(np.float64).tolist()
    texts = np.array([_number_text(v).replace(".", decimal) for v in values], dtype=object)
    return texts[codes]


def _text_table(frame: pd.DataFrame, decimal: str = ".") -> pd.DataFrame:
    """The table with every cell as the text the contract spells (true/false, ISO dates),
    decimals with `decimal`, text cells escaped against formula injection."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        series = frame[col]
        if col in BOOLEAN_MEASURES:
            out[col] = series.map({True: "true", False: "false"}).astype("object").fillna("")
        elif col == TestCol.TEST_DATE:
            out[col] = series.dt.strftime("%Y-%m-%d").astype("object").fillna("")
        elif pd.api.types.is_float_dtype(series.dtype):
            out[col] = _number_texts(series, decimal)
        elif pd.api.types.is_string_dtype(series.dtype):
            # Text, never a number: escaped so that no spreadsheet evaluates it (OWASP).
            out[col] = escape_series(series).astype("object").where(series.notna(), "")
        else:
            out[col] = series.astype("object").where(series.notna(), "").astype(str)
    return out


@functools.cache
def _csv_quoted_characters(sep: str) -> tuple[str, ...]:
    """The characters for which Python's csv writer quotes a field separated by `sep` (they
    vary by version)."""

    def quoted(char: str) -> bool:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=sep, lineterminator="\n").writerow([f"a{char}b", "x"])
        return buffer.getvalue() != f"a{char}b{sep}x\n"

    return tuple(c for c in map(chr, range(0x100)) if quoted(c)) + tuple(
        c for c in ("\u2028", "\u2029") if quoted(c)
    )


def _csv_field(text: pa.Array | pa.ChunkedArray, sep: str) -> pa.Array | pa.ChunkedArray:
    """Text cells as the csv writer spells them: quoted, inner quotes doubled, where needed."""
    needs = None
    for char in _csv_quoted_characters(sep):
        found = pc.match_substring(text, char)
        needs = found if needs is None else pc.or_(needs, found)
    if needs is None or not pc.any(needs).as_py():
        return text
    quote, nothing = pa.scalar('"', _TEXT), pa.scalar("", _TEXT)
    quoted = pc.binary_join_element_wise(
        quote, pc.replace_substring(text, '"', '""'), quote, nothing
    )
    return pc.if_else(needs, quoted, text)


def _csv_text_bytes(text: pd.DataFrame, sep: str) -> bytes:
    """What `text.to_csv(sep=sep, index=False, lineterminator="\\n")` writes, its BOM
    included.

    Joined column by column in Arrow: pandas writes row by row in Python, which was most of
    the time spent writing a large table (the 100x benchmark dataset, benchmarks/README.md).
    """
    header = io.StringIO()
    csv.writer(header, delimiter=sep, lineterminator="\n").writerow(list(text.columns))
    head = header.getvalue().encode(CSV_ENCODING)
    if text.empty:
        return head
    fields = [_csv_field(pa.array(text[col], type=_TEXT), sep) for col in text.columns]
    lines = pc.binary_join_element_wise(*fields, pa.scalar(sep, _TEXT))
    lines = pc.binary_join_element_wise(lines, pa.scalar("", _TEXT), pa.scalar("\n", _TEXT))
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    whole = pa.LargeListArray.from_arrays(pa.array([0, len(lines)], pa.int64()), lines)
    body: bytes = pc.binary_join(whole, pa.scalar("", _TEXT))[0].as_buffer().to_pybytes()
    return head + body


def csv_bytes(frame: pd.DataFrame, dialect: CsvDialect = CONTRACT_CSV) -> bytes:
    """One table as CSV bytes, UTF-8 with BOM: the contract's (`,` and `.` decimals) unless
    another `dialect` is asked for (French Excel's `;` and `,`). Both re-import unchanged."""
    text = _text_table(frame, dialect.decimal)
    # The csv writer quotes a lone empty field: with two columns or more, no row is one.
    if len(text.columns) >= 2 and all(isinstance(col, str) for col in text.columns):
        return _csv_text_bytes(text, dialect.sep)
    return text.to_csv(sep=dialect.sep, index=False, lineterminator="\n").encode(CSV_ENCODING)


def _cell_columns(frame: pd.DataFrame) -> list[list[object]]:
    """Each column as native cell values (None where empty; dates as dates)."""
    columns: list[list[object]] = []
    for col in frame.columns:
        series = frame[col]
        if col == TestCol.TEST_DATE:
            columns.append([None if pd.isna(v) else v.date() for v in series])
        else:
            columns.append(series.astype("object").where(series.notna(), None).tolist())
    return columns


def _needs_explicit_type(value: object) -> bool:
    """Whether openpyxl would not write `value` back as it is (see `_explicit_cell`)."""
    if isinstance(value, str):
        return value.startswith(_FORMULA_START)
    if isinstance(value, float):
        return float(f"{value:.16g}") != value
    return False


def _explicit_cell(sheet: object, value: object) -> object:
    """A cell holding `value` exactly: text never read as a formula, a float with all its digits.

    openpyxl makes a formula of any text starting with "=", and writes floats with 16
    significant digits, which loses the last digit of some (0.1 + 0.2); the cell's type is
    set by hand so that the workbook re-imports unchanged.
    """
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, repr(value))
        cell.data_type = "n"
    return cell


def _xlsx_bytes(dataset: Dataset) -> bytes:
    # Imported here: openpyxl is only needed for workbooks and is slow to import.
    from openpyxl import Workbook

    tables = ((Table.STRUCTURES, dataset.structures), (Table.TESTS, dataset.tests))
    for name, frame in tables:
        if len(frame) + 1 > XLSX_MAX_ROWS:
            raise ExportTooLarge(name, len(frame), XLSX_MAX_ROWS)
    # Write-only mode streams the rows: several times faster than pandas' to_excel.
    workbook = Workbook(write_only=True)
    for name, frame in tables:
        sheet = workbook.create_sheet(name)
        sheet.append([str(c) for c in frame.columns])
        columns = _cell_columns(frame)
        # The few cells needing an explicit type: row -> their columns.
        explicit: dict[int, list[int]] = {}
        for j, values in enumerate(columns):
            for i, value in enumerate(values):
                if _needs_explicit_type(value):
                    explicit.setdefault(i, []).append(j)
        for i, row in enumerate(zip(*columns, strict=True)):
            if i in explicit:
                cells: list[object] = list(row)
                for j in explicit[i]:
                    cells[j] = _explicit_cell(sheet, row[j])
                sheet.append(cells)
            else:
                sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _remove_other_tables(out_dir: Path, keep_suffix: str) -> None:
    """Remove table files an earlier export left that the loader would also pick up.

    A folder holding both tests.csv and tests.parquet (or Tests.csv) is ambiguous and refused
    on import: the folder is to hold the dataset about to be written, and only it.
    """
    tables = {f"{t}{suffix}" for t in TABLES for suffix in (".csv", ".parquet")}
    kept = {f"{t}{keep_suffix}" for t in TABLES}
    for entry in out_dir.iterdir():
        if entry.name.lower() in tables and entry.name not in kept and entry.is_file():
            entry.unlink()


def write_dataset(dataset: Dataset, out_dir: Path, fmt: ExportFormat = "csv") -> list[Path]:
    """Write `dataset` into `out_dir` in the contract format `fmt`; the paths written (§1)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {EXPORT_FORMATS}")
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = ((Table.STRUCTURES, dataset.structures), (Table.TESTS, dataset.tests))
    written: list[Path] = []
    if fmt in ("csv", "parquet"):
        _remove_other_tables(out_dir, keep_suffix=f".{fmt}")
    if fmt == "csv":
        for name, frame in tables:
            path = out_dir / f"{name}.csv"
            path.write_bytes(csv_bytes(frame))
            written.append(path)
    elif fmt == "parquet":
        for name, frame in tables:
            path = out_dir / f"{name}.parquet"
            frame.to_parquet(path, index=False)
            written.append(path)
    else:
        path = out_dir / XLSX_NAME
        path.write_bytes(_xlsx_bytes(dataset))
        written.append(path)
    return written


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def export_bytes(
    dataset: Dataset, fmt: ExportFormat, dialect: CsvDialect = CONTRACT_CSV
) -> tuple[str, bytes]:
    """A downloadable file of `dataset`: one .xlsx, or a .zip of the two CSV (in `dialect`)
    or Parquet files. Every one re-imports as the same dataset."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {EXPORT_FORMATS}")
    if fmt == "xlsx":
        return XLSX_NAME, _xlsx_bytes(dataset)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in ((Table.STRUCTURES, dataset.structures), (Table.TESTS, dataset.tests)):
            # A fixed date: the same dataset gives the same bytes.
            info = zipfile.ZipInfo(f"{name}.{fmt}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = csv_bytes(frame, dialect) if fmt == "csv" else _parquet_bytes(frame)
            archive.writestr(info, data)
    return (CSV_ZIP_NAME if fmt == "csv" else PARQUET_ZIP_NAME), buffer.getvalue()
