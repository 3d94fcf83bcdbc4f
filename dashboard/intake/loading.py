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
import itertools
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from dashboard.intake.csv_escape import unescape_text_columns
from dashboard.intake.schema import (
    CRITERION_PREFIX,
    DATE_COLUMNS,
    EDITION_MAX,
    EDITION_MIN,
    TABLE_COLUMNS,
    TABLE_REQUIRED,
    TABLES,
)

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
# Start of a file looked at to find the header row, its separator and the column names.
MAX_HEADER_BYTES: Final = 1024 * 1024
# Lines of that start, and non-blank rows among them, searched for the header row.
MAX_HEADER_LINES: Final = 200
MAX_HEADER_SCAN: Final = 30
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


# A sheet's data ends before this column: the contract's tables have a few tens (a cell far
# beyond them is a stray mark, and would cost a column per row).
MAX_SHEET_COLUMNS: Final = 256

ERROR_NOTICE: Final = "error"
WARNING_NOTICE: Final = "warning"


@dataclass(frozen=True)
class Notice:
    """Something seen while reading that validation reports as a problem (contract §4).

    A formula with no saved value, a header row found below a title, a date serial, a file
    decoded line by line. `severity` is "error" or "warning"; `code` names the catalog message
    `validation.<code>`; `column` is a normalised column name (None for the whole table);
    `rows` are user-visible row numbers (empty: no row), with the cell as the user sees it in
    `values` and per-row params in `row_params` (one tuple per key, aligned with `rows`). An
    error notice on a cell stands for that cell: validation reports nothing else about it.
    """

    severity: str
    code: str
    column: str | None = None
    rows: tuple[int, ...] = ()
    values: tuple[str, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)
    row_params: Mapping[str, tuple[object, ...]] = field(default_factory=dict)


@dataclass
class RawTable:
    """One table as read: text cells, normalised column names, user-visible row numbers.

    `frame` has one str column per distinct normalised header (trimmed, lowercased);
    `row_numbers[i]` is the number the user's own program shows for row i (CSV line with the
    header on line 1, Excel sheet row, 1-based Parquet position); `original_columns` maps each
    normalised name to the header as written. A header repeated after normalisation keeps its
    first column in `frame`; the repeats are listed in `duplicate_columns` as
    (normalised name, header as written). `positions` gives each column's 0-based place in a
    CSV file or sheet (for its spreadsheet letter; empty for Parquet); `header_row` is the row
    the column names were read from; `shown` holds, per column and row number, a cell as the
    sheet shows it when that differs from its text (a date cell: "17/06/2021 14:30");
    `notices` are what the reader saw that validation must report.
    """

    name: str
    file: str
    frame: pd.DataFrame
    row_numbers: np.ndarray
    original_columns: dict[str, str]
    duplicate_columns: tuple[tuple[str, str], ...] = field(default=())
    positions: dict[str, int] = field(default_factory=dict)
    header_row: int = 1
    shown: dict[str, dict[int, str]] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class TableSpec:
    """What the readers need to know of a table: its name, the column sets that make a row
    its header row (a row holding every column of any one set), the columns it knows (to
    tell a header row lower down from a title) and its date columns (Excel date serials).

    The contract's two tables have one each (`table_spec`); other tables of the project (the
    public indicator tables of contract §7) describe theirs the same way.
    """

    name: str
    header_sets: tuple[frozenset[str], ...]
    known: frozenset[str]
    dates: frozenset[str] = frozenset()


def table_spec(table: str) -> TableSpec:
    """The reading spec of a contract table (`structures` or `tests`, contract §2-3)."""
    return TableSpec(
        table, (TABLE_REQUIRED[table],), frozenset(TABLE_COLUMNS[table]), DATE_COLUMNS[table]
    )


def _spec(table: str | TableSpec) -> TableSpec:
    return table if isinstance(table, TableSpec) else table_spec(table)


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
        # One table file: read with its sibling, named as the user knows it (an upload's
        # own name, not the folder it was saved in).
        return _read_folder(target.parent, display_name or target.parent.name or shown, notify)
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


# --- CSV: encodings ------------------------------------------------------------------------

# Byte order marks, longest first (a UTF-32 LE BOM begins with the UTF-16 LE one).
_WIDE_BOMS: Final[tuple[tuple[bytes, str, str], ...]] = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# UTF-8 sequences of the characters French text holds beyond ASCII (U+00A0-U+017F: accents,
# °, «», œ; typographic quotes and dashes; €; ™). In a file that is not UTF-8 as a whole, a
# line holding one is a UTF-8 line; Windows-1252 text almost never forms one by chance.
_FRENCH_UTF8: Final = re.compile(
    rb"\xc2[\xa0-\xbf]|[\xc3-\xc5][\x80-\xbf]|\xe2\x80[\x90-\xbf]|\xe2\x82\xac|\xe2\x84\xa2"
)
# Bytes that Windows-1252 leaves undefined: a file holding one is not Windows-1252.
_CP1252_UNDEFINED: Final = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# Share of NUL bytes on one parity that marks UTF-16 text written without a BOM.
_BOMLESS_UTF16_NULS: Final = 0.4


@dataclass
class _Decoded:
    """A CSV file as Arrow is to read it: the bytes (or the file) and their encoding."""

    source: Path | bytes
    encoding: str  # "utf8" or FALLBACK_ENCODING
    notices: list[Notice] = field(default_factory=list)

    def data(self) -> bytes:
        return self.source if isinstance(self.source, bytes) else self.source.read_bytes()

    def head_text(self) -> str:
        head = _head_bytes(self.source)
        if head.startswith(UTF8_BOM):
            head = head[len(UTF8_BOM) :]
        codec = "utf-8" if self.encoding == "utf8" else self.encoding
        # The head may end inside a character: only its first lines are used.
        return head.decode(codec, errors="replace")


def _decode(source: Path | bytes, shown: str, table: str) -> _Decoded:
    """How to read a CSV file's text (contract §1); raises LoadError naming the line and cause.

    UTF-32 or UTF-16 with a BOM (Excel's "Texte Unicode"), or UTF-16 without one (told by its
    NUL bytes); otherwise UTF-8 (BOM or not) when the whole file is UTF-8, else Windows-1252;
    a file mixing UTF-8 and Windows-1252 lines is decoded line by line, with a warning.
    """
    head = _head_bytes(source)
    for bom, codec, name in _WIDE_BOMS:
        if head.startswith(bom):
            return _decode_wide(_data(source), codec, name, shown, table)
    if b"\x00" in head and not head.startswith(UTF8_BOM):
        bomless = _bomless_utf16(head)
        if bomless is None:
            line = head.count(b"\n", 0, head.index(b"\x00")) + 1
            raise LoadError("csv_encoding", shown, table, line=line, cause="binary")
        return _decode_wide(_data(source), bomless, "UTF-16", shown, table)
    if _decodes(source, "utf-8"):
        return _Decoded(source, "utf8")
    return _decode_8bit(source, shown, table)


def _data(source: Path | bytes) -> bytes:
    return source if isinstance(source, bytes) else source.read_bytes()


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `head` looks like UTF-16 text without a BOM, else None."""
    sample = head[: 4096 - 4096 % 2]
    pairs = max(len(sample) // 2, 1)
    odd = sample[1::2].count(0) / pairs
    even = sample[0::2].count(0) / pairs
    if odd >= _BOMLESS_UTF16_NULS and even < 0.05:
        return "utf-16-le"
    if even >= _BOMLESS_UTF16_NULS and odd < 0.05:
        return "utf-16-be"
    return None


def _decode_wide(data: bytes, codec: str, name: str, shown: str, table: str) -> _Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise LoadError(
            "csv_encoding", shown, table, line=line, cause="wide_invalid", encoding=name
        ) from exc
    return _Decoded(text.removeprefix("\ufeff").encode("utf-8"), "utf8")


def _decode_8bit(source: Path | bytes, shown: str, table: str) -> _Decoded:
    """A file that is not UTF-8 as a whole: Windows-1252, or UTF-8 and Windows-1252 lines."""
    data = _data(source)
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
        source = data
    if not _FRENCH_UTF8.search(data):
        bad = _CP1252_UNDEFINED.search(data)
        if bad is not None:
            _undefined_byte(data, bad.start(), shown, table)
        # Arrow transcodes it (on all cores), from the file itself when there is one.
        return _Decoded(source, FALLBACK_ENCODING)
    pieces: list[str] = []
    first_utf8 = first_cp1252 = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            pieces.append(line.decode("ascii"))
            continue
        if _FRENCH_UTF8.search(line):
            try:
                pieces.append(line.decode("utf-8"))
            except UnicodeDecodeError as exc:
                raise LoadError(
                    "csv_mixed_line",
                    shown,
                    table,
                    line=number,
                    byte=f"0x{line[exc.start]:02X}",
                    position=len(line[: exc.start].decode("utf-8", errors="replace")) + 1,
                ) from exc
            first_utf8 = first_utf8 or number
            continue
        bad = _CP1252_UNDEFINED.search(line)
        if bad is not None:
            _undefined_byte(line, bad.start(), shown, table, line_number=number)
        pieces.append(line.decode(FALLBACK_ENCODING))
        first_cp1252 = first_cp1252 or number
    notices: list[Notice] = []
    if first_utf8 and first_cp1252:
        notices.append(
            Notice(
                WARNING_NOTICE,
                "csv_mixed_encoding",
                params={"utf8_line": first_utf8, "cp1252_line": first_cp1252},
            )
        )
    return _Decoded("\n".join(pieces).encode("utf-8"), "utf8", notices)


def _undefined_byte(
    data: bytes, offset: int, shown: str, table: str, *, line_number: int = 0
) -> None:
    line = line_number or data.count(b"\n", 0, offset) + 1
    raise LoadError(
        "csv_encoding",
        shown,
        table,
        line=line,
        cause="undefined_byte",
        byte=f"0x{data[offset]:02X}",
    )


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


# --- CSV: header row and cells -------------------------------------------------------------


def _read_csv(table_or_spec: str | TableSpec, shown: str, source: Path | bytes) -> RawTable:
    spec = _spec(table_or_spec)
    table = spec.name
    decoded = _decode(source, shown, table)
    candidates: list[tuple[int, list[str], str]] = []
    for number, line in enumerate(decoded.head_text().split("\n")[:MAX_HEADER_LINES], start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        separator = _detect_separator(line)
        cells = next(csv.reader([line], delimiter=separator), [])
        if not any(cell.strip() for cell in cells):
            continue
        candidates.append((number, cells, separator))
        if len(candidates) >= MAX_HEADER_SCAN or _has_required(spec, cells):
            break
    if not candidates:
        raise LoadError("csv_no_header", shown, table)
    index, notices = _header_row(spec, [(number, cells) for number, cells, _ in candidates])
    header_line, headers, separator = candidates[index]
    data: Path | bytes = decoded.source
    if header_line > 1:
        # Arrow reads from the header line on; line numbers are shifted back below.
        whole = decoded.data()
        start = 0
        for _ in range(header_line - 1):
            start = whole.index(b"\n", start) + 1
        data = whole[start:]
    shift = header_line - 1
    arrow, skipped = _parse_csv(
        data, headers, separator, decoded.encoding, shown, table, line_shift=shift
    )
    # Record i counted from the header (record 1) is row i of the file, as a spreadsheet shows it.
    kept = np.arange(2, arrow.num_rows + len(skipped) + 2, dtype=np.int64)
    if skipped:
        kept = np.setdiff1d(kept, np.asarray(skipped, dtype=np.int64))
    raw = _raw_table(table, shown, headers, arrow, kept + shift, spreadsheet=True)
    raw.notices.extend(decoded.notices)
    raw.notices.extend(notices)
    raw.header_row = header_line
    # The app's CSV exports escape formula-like text ("'=x"): read back as it was (§1).
    unescape_text_columns(raw.frame, table)
    return raw


def _detect_separator(header: str) -> str:
    # The header names hold no separator, so the one that occurs most is the one in use.
    counts = {sep: header.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] > 0 else ","


def _names(cells: Iterable[str]) -> set[str]:
    return {normalise_header(cell) for cell in cells}


def _has_required(spec: TableSpec, cells: Iterable[str]) -> bool:
    names = _names(cells)
    return any(required <= names for required in spec.header_sets)


def _header_row(spec: TableSpec, rows: list[tuple[int, list[str]]]) -> tuple[int, list[Notice]]:
    """Which of the first non-blank `rows` (row number, cells) is the header row (§1).

    The first one holding every required column name (a title and blank rows above it are
    skipped, with a warning saying which row was used); when none does, the first row, and
    an error saying where the column names seem to be if another row holds more of them.
    """
    for index, (number, cells) in enumerate(rows):
        if _has_required(spec, cells):
            if number == 1:
                return index, []
            title = " ".join(c.strip() for c in rows[0][1] if c.strip()) if index else ""
            notice = Notice(
                WARNING_NOTICE,
                "header_row_found",
                rows=(number,),
                values=(_short(title, 80),),
                params={"skipped": number - 1},
            )
            return index, [notice]
    known = spec.known

    def score(cells: list[str]) -> int:
        names = _names(cells)
        return len(names & known) + sum(1 for name in names if name.startswith(CRITERION_PREFIX))

    best = max(range(len(rows)), key=lambda i: (score(rows[i][1]), -i))
    if best and score(rows[best][1]) >= 2 and score(rows[best][1]) > score(rows[0][1]):
        first = " ".join(c.strip() for c in rows[0][1] if c.strip())
        notice = Notice(
            ERROR_NOTICE,
            "header_row_elsewhere",
            rows=(rows[0][0],),
            values=(_short(first, 80),),
            params={"found": rows[best][0]},
        )
        return 0, [notice]
    return 0, []


def _parse_csv(
    source: Path | bytes,
    headers: list[str],
    separator: str,
    encoding: str,
    shown: str,
    table: str,
    line_shift: int = 0,
) -> tuple[pa.Table, list[int]]:
    """The data rows as an Arrow table of text, and the record numbers of skipped lines.

    A blank line reads as a row of empty cells (dropped later, its number kept). The fast path
    reads on all cores; a file with ragged rows (or whitespace-only lines) is re-read on one
    thread so that each can be located. `source` starts with the header line.
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
        raise LoadError("csv_unreadable", shown, table, cause=_csv_cause(exc)) from exc
    if ragged:
        number, expected, found = ragged[0]
        raise LoadError(
            "csv_ragged_row",
            shown,
            table,
            line=number + line_shift,
            expected=expected,
            found=found,
            count=len(ragged),
        )
    return arrow, skipped


def _csv_cause(exc: Exception) -> str:
    """The cause of a CSV parser failure, as a `validation.cause.*` key (never its text)."""
    text = str(exc).lower()
    if isinstance(exc, UnicodeDecodeError):
        return "undefined_byte"
    if "quote" in text or "straddl" in text or "out of sync" in text:
        return "unclosed_quote"
    return "csv_structure"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- Excel ---------------------------------------------------------------------------------

# A formula element in a worksheet part (<f>, <f t="shared" .../>, or with a namespace prefix).
_FORMULA_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
# A number format that pads integers with zeros ("00" shows 6 as "06").
_ZERO_PADDED: Final = re.compile(r"^0+$")


def _open_workbook(path: Path, shown: str) -> tuple[Any, Any]:
    """The workbook's saved values and, when it holds any formula, its formulas (openpyxl,
    read-only); LoadError "not_xlsx" when it is no readable workbook, or a size error."""
    # Imported here: openpyxl is only needed for workbooks and is slow to import.
    import openpyxl

    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                _check_size(info.file_size, shown, unpacked=True)
            has_formulas = _has_formulas(archive)
    except zipfile.BadZipFile as exc:
        raise LoadError("not_xlsx", shown) from exc
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        # The formulas themselves, read only to tell a formula that was never computed (no
        # saved value: openpyxl reads it as an empty cell) from an empty cell.
        formulas = (
            openpyxl.load_workbook(path, read_only=True, data_only=False) if has_formulas else None
        )
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise LoadError("not_xlsx", shown) from exc
    return workbook, formulas


def _read_xlsx(path: Path, shown: str, notify: _Progress) -> RawDataset:
    workbook, formulas = _open_workbook(path, shown)
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
                sheet = workbook[sheets[table]]
                # The dimension a file declares is not trusted: one stray cell at XFD1048576
                # would pad every row to 16,384 cells. Rows come as they are stored.
                _forget_dimensions(sheet)
                cells = sheet.iter_rows()
                formula_rows = None
                if formulas is not None:
                    formula_sheet = formulas[sheets[table]]
                    _forget_dimensions(formula_sheet)
                    formula_rows = formula_sheet.iter_rows(values_only=True)
                reader = _SheetReader(table, shown, workbook.epoch)
                try:
                    tables[table] = reader.read(cells, formula_rows)
                finally:  # a read stopped early leaves no sheet part open
                    cells.close()
                    if formula_rows is not None:
                        formula_rows.close()
            except LoadError:
                raise
            except Exception as exc:
                raise LoadError("not_xlsx", shown, table) from exc
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()
    return RawDataset(tables[TABLES[0]], tables[TABLES[1]], shown)


def _forget_dimensions(sheet: Any) -> None:
    """Read a read-only worksheet as stored, not as its declared dimension says."""
    reset = getattr(sheet, "reset_dimensions", None)
    if callable(reset):
        reset()


def _has_formulas(archive: zipfile.ZipFile) -> bool:
    """Whether any worksheet part of the workbook holds a formula (read in chunks)."""
    for info in archive.infolist():
        name = info.filename.lower()
        if not name.endswith(".xml") or "sharedstrings" in name:
            continue
        with archive.open(info) as stream:
            tail = b""
            while chunk := stream.read(DECODE_CHUNK_BYTES):
                if _FORMULA_TAG.search(tail + chunk[:64]) or _FORMULA_TAG.search(chunk):
                    return True
                tail = chunk[-64:]
    return False


class _SheetReader:
    """One sheet's cells as text, read as Excel shows them (contract §1, issue 12).

    Numbers padded by their format (`00`: 6 is "06"); dates as ISO text (with the time when
    there is one) and echoed in messages as the sheet shows them; in a date column, numbers
    in the range of the contract's years are Excel date serials (with a warning); a formula
    with no saved value is an error naming its cell, never an empty cell.
    """

    def __init__(self, table: str | TableSpec, shown: str, epoch: dt.datetime) -> None:
        self.spec = _spec(table)
        self.table = self.spec.name
        self.shown = shown
        self.epoch = epoch
        self.date_positions: frozenset[int] = frozenset()
        self.display: dict[int, dict[int, str]] = {}  # column position -> row -> as shown
        self.formulas: dict[int, list[int]] = {}  # column position -> rows
        # Column position -> (row, the number shown, the date read).
        self.serials: dict[int, list[tuple[int, str, str]]] = {}
        from openpyxl.utils.datetime import to_excel

        low = to_excel(dt.datetime(EDITION_MIN, 1, 1), epoch)
        high = to_excel(dt.datetime(EDITION_MAX + 1, 1, 1), epoch)
        self.serial_range = (float(low), float(high))

    def read(
        self, rows: Iterator[tuple[Any, ...]], formula_rows: Iterator[tuple[Any, ...]] | None
    ) -> RawTable:
        # Both iterators read the same sheet part, row for row; zip_longest so that a formula
        # pass ending early could never cut data rows.
        formula_iter = formula_rows if formula_rows is not None else iter(())
        numbered = (
            (number, cells, formula_row)
            for number, (cells, formula_row) in enumerate(
                itertools.zip_longest(rows, formula_iter), start=1
            )
            if cells is not None
        )
        # The first rows, kept until the header row is known.
        pending: list[tuple[int, tuple[Any, ...], tuple[Any, ...] | None]] = []
        candidates: list[tuple[int, list[str]]] = []
        for number, cells, formula_row in numbered:
            pending.append((number, cells, formula_row))
            texts = [cell_text(getattr(cell, "value", None)) for cell in cells]
            if any(text.strip() for text in texts):
                candidates.append((number, texts))
                if len(candidates) >= MAX_HEADER_SCAN or _has_required(self.spec, texts):
                    break
        if not candidates:
            raise LoadError("sheet_empty", self.shown, self.table)
        index, notices = _header_row(self.spec, candidates)
        header_row, headers = candidates[index]
        dates = self.spec.dates
        self.date_positions = frozenset(
            i for i, header in enumerate(headers) if normalise_header(header) in dates
        )
        columns: list[list[str]] = [[] for _ in headers]
        numbers: list[int] = []
        after = ((n, c, f) for n, c, f in pending if n > header_row)
        for number, cells, formula_row in itertools.chain(after, numbered):
            texts = self._row(number, cells, formula_row)
            if not any(texts):
                continue
            while len(texts) > len(headers) and not texts[-1]:
                texts.pop()  # empty cells past the last column
            if len(texts) > MAX_SHEET_COLUMNS:
                raise LoadError(
                    "sheet_too_wide", self.shown, self.table, row=number, limit=MAX_SHEET_COLUMNS
                )
            if len(texts) > len(headers):
                # Cells beyond the header row: give them blank headers.
                for _ in range(len(texts) - len(headers)):
                    headers.append("")
                    columns.append([""] * len(numbers))
            texts.extend([""] * (len(headers) - len(texts)))
            for column, text in zip(columns, texts, strict=True):
                column.append(text)
            numbers.append(number)
        arrow = pa.table({f"c{i}": pa.array(values, TEXT_TYPE) for i, values in enumerate(columns)})
        raw = _raw_table(
            self.table,
            self.shown,
            headers,
            arrow,
            np.asarray(numbers, dtype=np.int64),
            spreadsheet=True,
        )
        raw.header_row = header_row
        raw.notices.extend(notices)
        self._notices(raw)
        return raw

    def _row(
        self, number: int, cells: tuple[Any, ...], formula_row: tuple[Any, ...] | None
    ) -> list[str]:
        texts: list[str] = []
        for position, cell in enumerate(cells):
            value = getattr(cell, "value", None)
            if value is None:
                if (
                    formula_row is not None
                    and position < len(formula_row)
                    and formula_row[position] is not None
                ):
                    self.formulas.setdefault(position, []).append(number)
                texts.append("")
            elif isinstance(value, str):
                texts.append(value)
            else:
                texts.append(self._native(number, position, cell, value))
        return texts

    def _native(self, number: int, position: int, cell: Any, value: object) -> str:
        """A number, boolean or date cell as text that parses back."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            if position in self.date_positions and self._is_serial(value):
                from openpyxl.utils.datetime import from_excel

                moment = from_excel(value, self.epoch)
                shown = cell_text(value)
                read = excel_date_text(moment, "General")
                self.serials.setdefault(position, []).append((number, shown, read))
                self.display.setdefault(position, {})[number] = shown
                return cell_text(moment)
            fmt = str(getattr(cell, "number_format", "General") or "General")
            if _ZERO_PADDED.match(fmt) and float(value).is_integer() and value >= 0:
                return str(int(value)).zfill(len(fmt))
            return cell_text(value)
        if isinstance(value, dt.datetime | dt.date):
            fmt = str(getattr(cell, "number_format", "General") or "General")
            self.display.setdefault(position, {})[number] = excel_date_text(value, fmt)
            return cell_text(value)
        return cell_text(value)

    def _is_serial(self, value: float) -> bool:
        low, high = self.serial_range
        return low <= value < high

    def _notices(self, raw: RawTable) -> None:
        names = {position: name for name, position in raw.positions.items()}
        for position, rows in self.formulas.items():
            name = names.get(position)
            if name is None:
                continue
            letter = column_letter(position)
            raw.notices.append(
                Notice(
                    ERROR_NOTICE,
                    "formula_not_computed",
                    column=name,
                    rows=tuple(rows),
                    values=("",) * len(rows),
                    row_params={"cell": tuple(f"{letter}{row}" for row in rows)},
                )
            )
        for position, serials in self.serials.items():
            name = names.get(position)
            if name is None:
                continue
            raw.notices.append(
                Notice(
                    WARNING_NOTICE,
                    "date_serial",
                    column=name,
                    rows=tuple(row for row, _, _ in serials),
                    values=tuple(shown for _, shown, _ in serials),
                    row_params={"date": tuple(read for _, _, read in serials)},
                )
            )
        for position, shown in self.display.items():
            name = names.get(position)
            if name is not None:
                raw.shown[name] = shown


def _read_sheet(
    workbook: Any, formulas: Any, sheet_name: str, spec: TableSpec, shown: str
) -> RawTable:
    try:
        cells = workbook[sheet_name].iter_rows()
        formula_rows = (
            formulas[sheet_name].iter_rows(values_only=True) if formulas is not None else None
        )
        return _SheetReader(spec, shown, workbook.epoch).read(cells, formula_rows)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError("not_xlsx", shown, spec.name) from exc


def read_table_csv(path: Path, spec: TableSpec, *, display_name: str | None = None) -> RawTable:
    """One table from one CSV file, read as the contract's tables are (contract §1: encoding,
    separator, header row below a title); raises LoadError (file size, encoding, shape)."""
    shown = display_name or path.name
    _check_size(path.stat().st_size, shown)
    try:
        return _read_csv(spec, shown, path)
    except PermissionError as exc:
        raise LoadError("permission_denied", shown, spec.name) from exc


def read_table_xlsx(path: Path, spec: TableSpec, *, display_name: str | None = None) -> RawTable:
    """One table from a workbook, its cells read as Excel shows them (contract §1): the first
    sheet whose header row holds one of `spec.header_sets`, else the first sheet that is not
    empty. Raises LoadError ("not_xlsx", "sheet_empty", sizes)."""
    shown = display_name or path.name
    _check_size(path.stat().st_size, shown)
    workbook, formulas = _open_workbook(path, shown)
    try:
        first: RawTable | None = None
        for sheet_name in workbook.sheetnames:
            try:
                raw = _read_sheet(workbook, formulas, sheet_name, spec, shown)
            except LoadError as exc:
                if exc.code == "sheet_empty":
                    continue
                raise
            if _has_required(spec, raw.original_columns):
                return raw
            first = first or raw
        if first is None:
            raise LoadError("sheet_empty", shown, spec.name)
        return first
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()


def column_letter(position: int) -> str:
    """The spreadsheet letter of the 0-based column `position` (0 -> "A", 20 -> "U", 26 ->
    "AA")."""
    letters = ""
    number = position + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# Excel's locale-dependent built-in formats (14: short date, 22: short date and time), as
# openpyxl names them, shown as French Excel shows them.
_SYSTEM_DATE_FORMATS: Final[dict[str, str]] = {
    "mm-dd-yy": "dd/mm/yyyy",
    "m/d/yy h:mm": "dd/mm/yyyy hh:mm",
}
_DATE_TOKEN: Final = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\.0+|.',
    re.IGNORECASE,
)
_FRENCH_MONTHS: Final[tuple[str, ...]] = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_FRENCH_DAYS: Final[tuple[str, ...]] = (
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
)  # fmt: skip


def excel_date_text(value: dt.date, number_format: str) -> str:
    """A date cell as a French Excel shows it with `number_format` ("17/06/2021 14:30").

    The usual codes of a date format are rendered (years, months, days, hours, minutes,
    seconds, AM/PM, quoted text); a format this does not understand gives `dd/mm/yyyy` and
    the time when there is one.
    """
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    fmt = number_format.split(";")[0]
    fmt = _SYSTEM_DATE_FORMATS.get(fmt.lower(), fmt)
    tokens = _DATE_TOKEN.findall(fmt)
    if not any(t[0].lower() in "ydm" for t in tokens if t and t[0] not in '"\\['):
        fmt = "dd/mm/yyyy" if moment.time() == dt.time(0) else "dd/mm/yyyy hh:mm"
        tokens = _DATE_TOKEN.findall(fmt)
    twelve = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out: list[str] = []
    for i, token in enumerate(tokens):
        low = token.lower()
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif token.startswith("["):
            continue  # colour or locale
        elif low in ("yyyy", "yy"):
            out.append(f"{moment.year:04d}" if low == "yyyy" else f"{moment.year % 100:02d}")
        elif low in ("m", "mm") and _is_minute(tokens, i):
            out.append(f"{moment.minute:02d}" if low == "mm" else str(moment.minute))
        elif low in ("m", "mm"):
            out.append(f"{moment.month:02d}" if low == "mm" else str(moment.month))
        elif low == "mmm":
            out.append(_FRENCH_MONTHS[moment.month - 1][:4].rstrip(".") + ".")
        elif low in ("mmmm", "mmmmm"):
            month = _FRENCH_MONTHS[moment.month - 1]
            out.append(month if low == "mmmm" else month[0])
        elif low in ("d", "dd"):
            out.append(f"{moment.day:02d}" if low == "dd" else str(moment.day))
        elif low in ("ddd", "dddd"):
            day = _FRENCH_DAYS[moment.weekday()]
            out.append(day if low == "dddd" else day[:3] + ".")
        elif low in ("h", "hh"):
            hour = (moment.hour % 12 or 12) if twelve else moment.hour
            out.append(f"{hour:02d}" if low == "hh" else str(hour))
        elif low in ("s", "ss"):
            out.append(f"{moment.second:02d}" if low == "ss" else str(moment.second))
        elif low in ("am/pm", "a/p"):
            morning = moment.hour < 12
            out.append(("AM" if morning else "PM") if low == "am/pm" else ("A" if morning else "P"))
        elif low.startswith(".0"):
            out.append("," + f"{moment.microsecond:06d}"[: len(low) - 1])
        else:
            out.append(token)
    return "".join(out)


def _is_minute(tokens: list[str], index: int) -> bool:
    """Whether an `m`/`mm` token means minutes: right after hours or right before seconds."""
    codes = [
        (i, t.lower())
        for i, t in enumerate(tokens)
        if t and t[0].isalpha() and t.lower() not in ("am/pm", "a/p")
    ]
    position = next(k for k, (i, _) in enumerate(codes) if i == index)
    before = codes[position - 1][1] if position > 0 else ""
    after = codes[position + 1][1] if position + 1 < len(codes) else ""
    return before in ("h", "hh") or after in ("s", "ss")


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
    table: str,
    shown: str,
    headers: list[str],
    arrow: pa.Table,
    row_numbers: np.ndarray,
    *,
    spreadsheet: bool = False,
) -> RawTable:
    """A RawTable from text columns c0, c1... named by `headers`, without all-blank rows.

    `spreadsheet`: the columns have letters (a CSV file or a sheet), kept in `positions`."""
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
        positions=(dict(zip(names, keep_columns, strict=True)) if spreadsheet else {}),
    )


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "READ_STAGES",
    "LoadError",
    "Notice",
    "ProgressFn",
    "RawDataset",
    "RawTable",
    "TableSpec",
    "cell_text",
    "column_letter",
    "excel_date_text",
    "normalise_header",
    "read_dataset",
    "read_table_csv",
    "read_table_xlsx",
    "table_spec",
]
