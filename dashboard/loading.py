"""Reading a dataset container into raw text tables, every cell as the user typed it (contract §1).

A container is a folder (or a .zip of one) holding `structures.csv` and `tests.csv`, one .xlsx
workbook with sheets `structures` and `tests`, or a folder holding `structures.parquet` and
`tests.parquet`. Every cell comes out as text ("" when empty) so that validation sees exactly
what was typed; native Excel and Parquet cells are written as text that parses back ("72.5",
"3", "true", "2022-03-01"). A container that cannot be read raises `LoadError`, whose code is a
catalog key suffix (`validation.<code>`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from dashboard.csv_escape import unescape_text_columns
from dashboard.schema import TABLES

MAX_FILE_BYTES: Final = 200 * 1024 * 1024
# Excel parts and Parquet columns are compressed: their unpacked size is bounded separately
# (a 200 MB limit on the unpacked XML would refuse legitimate workbooks), against zip bombs.
MAX_UNPACKED_BYTES: Final = 1024 * 1024 * 1024
BYTES_PER_MB: Final = 1024 * 1024

CSV_SUFFIX: Final = ".csv"
PARQUET_SUFFIX: Final = ".parquet"
ZIP_SUFFIX: Final = ".zip"
XLSX_SUFFIXES: Final[tuple[str, ...]] = (".xlsx", ".xlsm")
TABLE_SUFFIXES: Final[tuple[str, ...]] = (CSV_SUFFIX, PARQUET_SUFFIX)

# Text columns are Arrow large strings, what pandas' str dtype holds: no copy when converting.
TEXT_TYPE: Final = pa.large_string()
UTF8_BOM: Final = b"\xef\xbb\xbf"
FALLBACK_ENCODING: Final = "cp1252"
SEPARATORS: Final[tuple[str, ...]] = (";", ",", "\t")
# Longest header line looked at to find the separator and the column names.
MAX_HEADER_BYTES: Final = 1024 * 1024
# Chunk size when checking that a whole file decodes.
DECODE_CHUNK_BYTES: Final = 16 * 1024 * 1024
# Placeholder names of columns whose header cell is blank ("#3" for the third column).
BLANK_HEADER_PREFIX: Final = "#"
# Zip members that are archive noise, not the user's data (macOS resource forks).
_ZIP_NOISE: Final[tuple[str, ...]] = ("__MACOSX",)


ProgressFn = Callable[[str, float], None]
# Fraction of the whole import done when each table starts being read.
READ_STAGES: Final[dict[str, tuple[str, float]]] = {
    TABLES[0]: ("validation.stage.read_structures", 0.0),
    TABLES[1]: ("validation.stage.read_tests", 0.05),
}


class LoadError(Exception):
    """A container that cannot be read: `code` names the catalog message `validation.<code>`."""

    def __init__(self, code: str, file: str, table: str = "", **params: object) -> None:
        self.code = code
        self.file = file
        self.table = table
        self.params: dict[str, object] = dict(params)
        super().__init__(f"{code}: {file} {table} {self.params}".rstrip())


@dataclass
class RawTable:
    """One table as read: text cells, normalised column names, user-visible row numbers.

    `frame` has one str column per distinct normalised header (trimmed, lowercased);
    `row_numbers[i]` is the number the user's own program shows for row i (CSV line with the
    header on line 1, Excel sheet row, 1-based Parquet position); `original_columns` maps each
    normalised name to the header as written. A header repeated after normalisation keeps its
    first column in `frame`; the repeats are listed in `duplicate_columns` as
    (normalised name, header as written).
    """

    name: str
    file: str
    frame: pd.DataFrame
    row_numbers: np.ndarray
    original_columns: dict[str, str]
    duplicate_columns: tuple[tuple[str, str], ...] = field(default=())


@dataclass
class RawDataset:
    """Both raw tables of a container and a short name of where they came from."""

    structures: RawTable
    tests: RawTable
    source: str


def normalise_header(header: str) -> str:
    """A header as matched against the contract: trimmed (BOM and spaces) and lowercased."""
    return header.replace("\ufeff", "").strip().lower()


def read_dataset(
    path: str | Path,
    *,
    display_name: str | None = None,
    progress: ProgressFn | None = None,
) -> RawDataset:
    """Both tables of the container at `path` as text (contract §1); raises LoadError.

    `display_name` is the name the user knows the container by (an upload saved under a
    temporary name); it defaults to the path's own name. `progress(stage, fraction)` is told
    when each table starts being read (stage: a catalog key).
    """
    target = Path(path)
    shown = display_name or target.name or str(target)
    notify = _Progress(progress)
    if not str(path).strip():
        raise LoadError("file_not_found", shown)
    try:
        exists = target.exists()
    except OSError:
        exists = False
    if not exists:
        raise LoadError("file_not_found", shown)
    if target.is_dir():
        return _read_folder(target, shown, notify)
    _check_size(target.stat().st_size, shown)
    suffix = target.suffix.lower()
    if suffix == ZIP_SUFFIX:
        return _read_zip(target, shown, notify)
    if suffix in XLSX_SUFFIXES:
        return _read_xlsx(target, shown, notify)
    if target.name.lower() in _table_file_names():
        # A path to one of the two files stands for the folder holding both.
        return _read_folder(target.parent, target.parent.name or shown, notify)
    raise LoadError("unsupported_container", shown, suffix=suffix or "-")


@dataclass
class _Progress:
    callback: ProgressFn | None

    def reading(self, table: str) -> None:
        if self.callback is not None:
            self.callback(*READ_STAGES[table])


def _table_file_names() -> set[str]:
    return {f"{table}{suffix}" for table in TABLES for suffix in TABLE_SUFFIXES}


def _check_size(size: int, shown: str, *, unpacked: bool = False) -> None:
    # Limits are read at call time so that tests can lower them.
    limit = MAX_UNPACKED_BYTES if unpacked else MAX_FILE_BYTES
    if size > limit:
        raise LoadError(
            "unpacked_too_large" if unpacked else "file_too_large",
            shown,
            size_mb=math.ceil(size / BYTES_PER_MB),
            max_mb=limit // BYTES_PER_MB,
        )


# --- Folders -------------------------------------------------------------------------------


def _read_folder(folder: Path, shown: str, notify: _Progress) -> RawDataset:
    by_name: dict[str, list[Path]] = {}
    try:
        entries = list(folder.iterdir())
    except PermissionError as exc:
        raise LoadError("permission_denied", shown) from exc
    for entry in entries:
        if entry.is_file():
            by_name.setdefault(entry.name.lower(), []).append(entry)
    tables: dict[str, RawTable] = {}
    for table in TABLES:
        found = [p for suffix in TABLE_SUFFIXES for p in by_name.get(f"{table}{suffix}", [])]
        if not found:
            raise LoadError(
                "missing_table", shown, table, expected=f"{table}.csv / {table}.parquet"
            )
        if len(found) > 1:
            raise LoadError(
                "ambiguous_table", shown, table, candidates=", ".join(sorted(p.name for p in found))
            )
        file_path = found[0]
        _check_size(file_path.stat().st_size, file_path.name)
        notify.reading(table)
        try:
            if file_path.suffix.lower() == CSV_SUFFIX:
                tables[table] = _read_csv(table, file_path.name, file_path)
            else:
                tables[table] = _read_parquet(table, file_path.name, file_path)
        except PermissionError as exc:  # a user error (file rights), not a bug to log
            raise LoadError("permission_denied", file_path.name, table) from exc
    return RawDataset(tables[TABLES[0]], tables[TABLES[1]], shown)


# --- Zip archives --------------------------------------------------------------------------


def _read_zip(path: Path, shown: str, notify: _Progress) -> RawDataset:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise LoadError("not_a_zip", shown) from exc
    with archive:
        members = [
            info
            for info in archive.infolist()
            if not info.is_dir() and not _is_zip_noise(info.filename)
        ]
        # The two tables must sit side by side, at the root or in one sub-folder.
        folders: dict[str, dict[str, zipfile.ZipInfo]] = {}
        for info in members:
            member = PurePosixPath(info.filename)
            if member.name.lower() in _table_file_names():
                folders.setdefault(str(member.parent), {})[member.name.lower()] = info
        complete = {
            folder: files
            for folder, files in folders.items()
            if all(any(f"{t}{s}" in files for s in TABLE_SUFFIXES) for t in TABLES)
        }
        if not complete:
            present = {name for files in folders.values() for name in files}
            has = {t: any(f"{t}{s}" in present for s in TABLE_SUFFIXES) for t in TABLES}
            if all(has.values()):
                raise LoadError("zip_tables_apart", shown)
            missing = next(t for t in TABLES if not has[t])
            raise LoadError(
                "missing_table", shown, missing, expected=f"{missing}.csv / {missing}.parquet"
            )
        if len(complete) > 1:
            raise LoadError(
                "ambiguous_folder", shown, candidates=", ".join(sorted(f"{f}/" for f in complete))
            )
        files = next(iter(complete.values()))
        tables: dict[str, RawTable] = {}
        for table in TABLES:
            found = [files[f"{table}{s}"] for s in TABLE_SUFFIXES if f"{table}{s}" in files]
            if len(found) > 1:
                raise LoadError(
                    "ambiguous_table",
                    shown,
                    table,
                    candidates=", ".join(sorted(PurePosixPath(i.filename).name for i in found)),
                )
            info = found[0]
            member_shown = f"{shown}/{info.filename}"
            _check_size(info.file_size, member_shown)
            notify.reading(table)
            data = _read_member(archive, info, member_shown)
            if info.filename.lower().endswith(CSV_SUFFIX):
                tables[table] = _read_csv(table, member_shown, data)
            else:
                tables[table] = _read_parquet(table, member_shown, pa.BufferReader(data))
    return RawDataset(tables[TABLES[0]], tables[TABLES[1]], shown)


def _is_zip_noise(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return any(part in _ZIP_NOISE or part.startswith(".") for part in parts)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str) -> bytes:
    try:
        with archive.open(info) as stream:
            # The declared size may lie: read one byte past the limit to know.
            data = stream.read(MAX_FILE_BYTES + 1)
    except Exception as exc:
        # BadZipFile or zlib.error (corrupt, or a bad CRC when the header lies), RuntimeError
        # (encrypted member), NotImplementedError (unsupported compression).
        raise LoadError("zip_member_unreadable", shown) from exc
    _check_size(len(data), shown)
    return data


# --- CSV -----------------------------------------------------------------------------------


def _read_csv(table: str, shown: str, source: Path | bytes) -> RawTable:
    head = _head_bytes(source)
    has_bom = head.startswith(UTF8_BOM)
    if has_bom:
        head = head[len(UTF8_BOM) :]
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    if not line.strip():
        raise LoadError("csv_no_header", shown, table)
    # Strict UTF-8 first; anything else must be Windows-1252 (what French Excel writes).
    if _decodes(source, "utf-8"):
        encoding = "utf8"
    elif not has_bom and _decodes(source, FALLBACK_ENCODING):
        encoding = FALLBACK_ENCODING
    else:
        raise LoadError("csv_encoding", shown, table)
    header_text = line.decode(encoding)
    separator = _detect_separator(header_text)
    headers = next(csv.reader([header_text], delimiter=separator))
    arrow, skipped = _parse_csv(source, headers, separator, encoding, shown, table)
    # Record i of the file (the header is record 1) is row i, as a spreadsheet shows it.
    kept = np.arange(2, arrow.num_rows + len(skipped) + 2, dtype=np.int64)
    if skipped:
        kept = np.setdiff1d(kept, np.asarray(skipped, dtype=np.int64))
    raw = _raw_table(table, shown, headers, arrow, kept)
    # The app's CSV exports escape formula-like text ("'=x"): read back as it was (§1).
    unescape_text_columns(raw.frame, table)
    return raw


def _head_bytes(source: Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source[:MAX_HEADER_BYTES]
    with source.open("rb") as stream:
        return stream.read(MAX_HEADER_BYTES)


def _decodes(source: Path | bytes, encoding: str) -> bool:
    """Whether the whole of `source` decodes in `encoding`, read in chunks (bounded memory)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        if isinstance(source, bytes):
            view = memoryview(source)
            for start in range(0, len(view), DECODE_CHUNK_BYTES):
                decoder.decode(view[start : start + DECODE_CHUNK_BYTES])
        else:
            with source.open("rb") as stream:
                while chunk := stream.read(DECODE_CHUNK_BYTES):
                    decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _detect_separator(header: str) -> str:
    # The header names hold no separator, so the one that occurs most is the one in use.
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _parse_csv(
    source: Path | bytes,
    headers: list[str],
    separator: str,
    encoding: str,
    shown: str,
    table: str,
) -> tuple[pa.Table, list[int]]:
    """The data rows as an Arrow table of text, and the record numbers of skipped lines.

    A blank line reads as a row of empty cells (dropped later, its number kept). The fast path
    reads on all cores; a file with ragged rows (or whitespace-only lines) is re-read on one
    thread so that each can be located.
    """
    names = [f"c{i}" for i in range(len(headers))]
    convert = pcsv.ConvertOptions(
        column_types=dict.fromkeys(names, TEXT_TYPE),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )

    def read(use_threads: bool, handler: Callable[[Any], str] | None) -> pa.Table:
        read_options = pcsv.ReadOptions(
            column_names=names, skip_rows=1, encoding=encoding, use_threads=use_threads
        )
        parse_options = pcsv.ParseOptions(
            delimiter=separator,
            newlines_in_values=True,
            ignore_empty_lines=False,
            invalid_row_handler=handler,
        )
        stream = pa.BufferReader(source) if isinstance(source, bytes) else str(source)
        return pcsv.read_csv(
            stream, read_options=read_options, parse_options=parse_options, convert_options=convert
        )

    try:
        return read(True, None), []
    except (pa.ArrowInvalid, UnicodeDecodeError):
        pass
    skipped: list[int] = []
    ragged: list[tuple[int, int, int]] = []

    def handler(row: Any) -> str:
        # row.number is the record number counting the header as 1.
        if str(row.text).strip() == "" and row.actual_columns <= 1:
            skipped.append(int(row.number))
        else:
            ragged.append((int(row.number), int(row.expected_columns), int(row.actual_columns)))
        return "skip"

    try:
        arrow = read(False, handler)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise LoadError("csv_unreadable", shown, table, detail=_short(str(exc))) from exc
    if ragged:
        number, expected, found = ragged[0]
        raise LoadError(
            "csv_ragged_row",
            shown,
            table,
            line=number,
            expected=expected,
            found=found,
            count=len(ragged),
        )
    return arrow, skipped


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Excel ---------------------------------------------------------------------------------


def _read_xlsx(path: Path, shown: str, notify: _Progress) -> RawDataset:
    # Imported here: openpyxl is only needed for workbooks and is slow to import.
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                _check_size(info.file_size, shown, unpacked=True)
    except zipfile.BadZipFile as exc:
        raise LoadError("not_xlsx", shown) from exc
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise LoadError("not_xlsx", shown) from exc
    try:
        sheets: dict[str, str] = {}
        for sheet_name in workbook.sheetnames:
            sheets.setdefault(normalise_header(sheet_name), sheet_name)
        tables: dict[str, RawTable] = {}
        for table in TABLES:
            if table not in sheets:
                raise LoadError(
                    "missing_sheet", shown, table, sheets=", ".join(workbook.sheetnames)
                )
            notify.reading(table)
            try:
                rows = workbook[sheets[table]].iter_rows(min_row=1, values_only=True)
                tables[table] = _sheet_table(table, shown, rows)
            except LoadError:
                raise
            except Exception as exc:
                raise LoadError("not_xlsx", shown, table) from exc
    finally:
        workbook.close()
    return RawDataset(tables[TABLES[0]], tables[TABLES[1]], shown)


def _sheet_table(table: str, shown: str, rows: Iterable[tuple[object, ...]]) -> RawTable:
    headers: list[str] | None = None
    columns: list[list[str]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows, start=1):
        if headers is None:
            if any(cell is not None and str(cell).strip() for cell in row):
                headers = [cell_text(cell) for cell in row]
                columns = [[] for _ in headers]
            continue
        texts = [cell_text(cell) for cell in row]
        if not any(texts):
            continue
        if len(texts) > len(headers):
            # Cells beyond the header row: give them blank headers.
            for _ in range(len(texts) - len(headers)):
                headers.append("")
                columns.append([""] * len(numbers))
        texts.extend([""] * (len(headers) - len(texts)))
        for column, text in zip(columns, texts, strict=True):
            column.append(text)
        numbers.append(number)
    if headers is None:
        raise LoadError("sheet_empty", shown, table)
    arrow = pa.table({f"c{i}": pa.array(values, TEXT_TYPE) for i, values in enumerate(columns)})
    return _raw_table(table, shown, headers, arrow, np.asarray(numbers, dtype=np.int64))


def cell_text(value: object) -> str:
    """A native spreadsheet cell as text that parses back ("72.5", "3", "true", "2022-03-01")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# --- Parquet -------------------------------------------------------------------------------


def _read_parquet(table: str, shown: str, source: Path | IO[bytes] | pa.BufferReader) -> RawTable:
    try:
        handle = pq.ParquetFile(source if not isinstance(source, Path) else str(source))
        metadata = handle.metadata
        unpacked = sum(
            metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups)
        )
        _check_size(unpacked, shown, unpacked=True)
        arrow = handle.read()
    except LoadError:
        raise
    except Exception as exc:  # pyarrow raises several kinds on a damaged file
        raise LoadError("not_parquet", shown, table) from exc
    headers = [str(name) for name in arrow.column_names]
    try:
        texts = pa.table({f"c{i}": _arrow_text(arrow.column(i)) for i in range(len(headers))})
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise LoadError("not_parquet", shown, table) from exc
    rows = np.arange(1, texts.num_rows + 1, dtype=np.int64)
    return _raw_table(table, shown, headers, texts, rows)


def _arrow_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A typed Parquet column as text that parses back, "" where null (or NaN)."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pa.types.is_boolean(kind):
        text = pc.if_else(column, "true", "false")
    elif pa.types.is_floating(kind):
        text = pc.if_else(pc.is_nan(column), None, pc.cast(column, pa.string()))
    elif pa.types.is_timestamp(kind):
        midnight = pc.equal(column, pc.floor_temporal(column, unit="day"))
        as_date = pc.cast(pc.cast(column, pa.date32()), pa.string())
        text = pc.if_else(midnight, as_date, pc.strftime(column, format="%Y-%m-%d %H:%M:%S"))
    else:
        text = pc.cast(column, pa.string())
    return pc.fill_null(text, "").cast(TEXT_TYPE)


# --- Common --------------------------------------------------------------------------------


def _raw_table(
    table: str, shown: str, headers: list[str], arrow: pa.Table, row_numbers: np.ndarray
) -> RawTable:
    """A RawTable from text columns c0, c1... named by `headers`, without all-blank rows."""
    keep_columns: list[int] = []
    names: list[str] = []
    original: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    for i, header in enumerate(headers):
        name = normalise_header(header) or f"{BLANK_HEADER_PREFIX}{i + 1}"
        if name in original:
            duplicates.append((name, header))
            continue
        original[name] = header
        names.append(name)
        keep_columns.append(i)
    if arrow.num_rows and arrow.num_columns:
        mask = np.zeros(arrow.num_rows, dtype=np.bool_)
        for i in range(arrow.num_columns):
            trimmed = pc.utf8_trim_whitespace(arrow.column(i))
            mask |= pc.greater(pc.utf8_length(trimmed), 0).to_numpy(zero_copy_only=False)
        if not mask.all():
            arrow = arrow.filter(pa.array(mask))
            row_numbers = row_numbers[mask]
    frame = pd.DataFrame(
        {name: arrow.column(i).to_pandas() for name, i in zip(names, keep_columns, strict=True)},
        index=pd.RangeIndex(arrow.num_rows),
    )
    if not names:
        frame = pd.DataFrame(index=pd.RangeIndex(arrow.num_rows))
    del arrow
    # The parser's buffers are freed but kept by the allocator; give them back.
    pa.default_memory_pool().release_unused()
    return RawTable(
        name=table,
        file=shown,
        frame=frame,
        row_numbers=np.asarray(row_numbers, dtype=np.int64),
        original_columns=original,
        duplicate_columns=tuple(duplicates),
    )


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "READ_STAGES",
    "LoadError",
    "ProgressFn",
    "RawDataset",
    "RawTable",
    "cell_text",
    "normalise_header",
    "read_dataset",
]
