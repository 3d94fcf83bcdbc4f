"""Fixture builders for the loading and validation tests: a small valid dataset as text rows,
written on demand into tmp_path as any container (CSV folder, zip, xlsx, Parquet).

Each error test copies the valid rows, changes one cell and writes the files, so the CSV line of
`tests[i]` is i + 2 (header on line 1) and its Excel row is i + 2 too.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from dashboard.intake.schema import (
    BOOLEAN_MEASURES,
    STRUCTURE_COLUMNS,
    TEST_COLUMNS,
    StructureCol,
    TestCol,
)

Row = dict[str, str]

CRITERIA = ("crit_accessibility", "crit_courtesy")

# The columns of the problems report in French (`validate --report`, `problems_frame`), spelled
# out here rather than read from the catalog, so that a change of wording fails a test.
PROBLEM_REPORT_COLUMNS_FR = [
    "Gravité",
    "Fichier",
    "Tableau",
    "Ligne",
    "Colonne",
    "Lettre de colonne",
    "Valeur trouvée",
    "Problème",
    "Nombre de lignes",
    "Premières lignes",
]

STRUCTURES: list[Row] = [
    {
        StructureCol.STRUCTURE_ID: "VILLE-STRASBOURG",
        StructureCol.NAME: "Ville de Strasbourg",
        StructureCol.CATEGORY: "city_50k_plus",
        StructureCol.REGION_CODE: "44",
        StructureCol.DEPARTMENT_CODE: "67",
        StructureCol.POPULATION: "290576",
    },
    {
        StructureCol.STRUCTURE_ID: "VILLE-BOURG",
        StructureCol.NAME: "Ville de Bourg-en-Bresse",
        StructureCol.CATEGORY: "city_20k_50k",
        StructureCol.REGION_CODE: "84",
        StructureCol.DEPARTMENT_CODE: "01",
        StructureCol.POPULATION: "41365",
    },
    {
        StructureCol.STRUCTURE_ID: "REGION-GE",
        StructureCol.NAME: "Région Grand Est",
        StructureCol.CATEGORY: "region",
        StructureCol.REGION_CODE: "44",
        StructureCol.DEPARTMENT_CODE: "",
        StructureCol.POPULATION: "",
    },
]


def _test(
    structure: str,
    channel: str,
    test_id: str,
    date: str,
    score: str,
    crits: tuple[str, str] = ("", ""),
    **measures: str,
) -> Row:
    row = dict.fromkeys(TEST_COLUMNS, "")
    row.update(
        {
            TestCol.EDITION: "2022",
            TestCol.STRUCTURE_ID: structure,
            TestCol.CHANNEL: channel,
            TestCol.TEST_ID: test_id,
            TestCol.TEST_DATE: date,
            TestCol.SCORE: score,
        }
    )
    row.update(measures)
    row.update(dict(zip(CRITERIA, crits, strict=True)))
    return row


# One test per channel for Strasbourg (measures as the contract requires), plus an unanswered
# phone call and an answered email elsewhere. Index i is on CSV line / Excel row i + 2.
TESTS: list[Row] = [
    _test("VILLE-STRASBOURG", "physical", "T1", "2022-03-01", "86.5", ("90", "80.5")),
    _test(
        "VILLE-STRASBOURG",
        "phone",
        "T2",
        "2022-03-02",
        "72",
        ("70", ""),
        answered="true",
        rings="3",
        first_attempt="true",
    ),
    _test(
        "VILLE-STRASBOURG",
        "email",
        "T3",
        "2022-03-03",
        "64.25",
        answered="true",
        response_days="4.5",
    ),
    _test("VILLE-STRASBOURG", "mail", "T4", "2022-03-04", "0", answered="false"),
    _test(
        "VILLE-STRASBOURG",
        "website",
        "T5",
        "2022-03-05",
        "55",
        online_procedures="true",
        digital_support="false",
    ),
    _test(
        "VILLE-STRASBOURG",
        "social",
        "T6",
        "2022-03-06",
        "91",
        answered="true",
        response_days="1",
        private_reply="true",
    ),
    _test(
        "VILLE-BOURG",
        "phone",
        "T1",
        "2022-04-01",
        "20",
        answered="false",
        first_attempt="false",
    ),
    _test(
        "REGION-GE",
        "email",
        "T1",
        "",
        "100",
        ("100", "95"),
        answered="true",
        response_days="12",
    ),
]

NUMBER_COLUMNS = frozenset(
    {
        StructureCol.POPULATION,
        TestCol.EDITION,
        TestCol.SCORE,
        TestCol.RESPONSE_DAYS,
        TestCol.RINGS,
        *CRITERIA,
    }
)
INTEGER_COLUMNS = frozenset({StructureCol.POPULATION, TestCol.EDITION, TestCol.RINGS})


@dataclass
class Tables:
    """Text rows of both tables; mutate a cell, then write any container."""

    structures: list[Row] = field(default_factory=lambda: copy.deepcopy(STRUCTURES))
    tests: list[Row] = field(default_factory=lambda: copy.deepcopy(TESTS))
    # Columns left out of the files written (to test a missing column).
    dropped: set[str] = field(default_factory=set)

    def headers(self, rows: Sequence[Row], base: Sequence[str]) -> list[str]:
        extra = [c for row in rows for c in row if c not in base]
        return [c for c in (*base, *dict.fromkeys(extra)) if c not in self.dropped]

    def csv_text(
        self,
        table: str,
        *,
        sep: str = ",",
        header_map: Callable[[str], str] | None = None,
        cell_map: Callable[[str, str], str] | None = None,
    ) -> str:
        rows = self.structures if table == "structures" else self.tests
        base = STRUCTURE_COLUMNS if table == "structures" else TEST_COLUMNS
        columns = self.headers(rows, base)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
        writer.writerow([header_map(c) if header_map else c for c in columns])
        for row in rows:
            cells = [row.get(c, "") for c in columns]
            if cell_map is not None:
                cells = [cell_map(c, v) for c, v in zip(columns, cells, strict=True)]
            writer.writerow(cells)
        return out.getvalue()

    def write_csv(
        self,
        folder: Path,
        *,
        sep: str = ",",
        encoding: str = "utf-8",
        bom: bool = False,
        header_map: Callable[[str], str] | None = None,
        cell_map: Callable[[str, str], str] | None = None,
    ) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for table in ("structures", "tests"):
            text = self.csv_text(table, sep=sep, header_map=header_map, cell_map=cell_map)
            data = text.encode(encoding)
            (folder / f"{table}.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return folder

    def write_zip(self, path: Path, *, subfolder: str = "") -> Path:
        prefix = f"{subfolder}/" if subfolder else ""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in ("structures", "tests"):
                archive.writestr(f"{prefix}{table}.csv", self.csv_text(table))
            if subfolder:
                archive.writestr(f"__MACOSX/{prefix}._tests.csv", b"\x00\x05\x16\x07")
        return path

    def write_xlsx(self, path: Path, *, typed: bool = True) -> Path:
        """A workbook with native cells: numbers, booleans and dates as Excel stores them."""
        import openpyxl

        workbook = openpyxl.Workbook()
        first = workbook.active
        assert first is not None
        workbook.remove(first)
        for table, rows, base in (
            ("structures", self.structures, STRUCTURE_COLUMNS),
            ("tests", self.tests, TEST_COLUMNS),
        ):
            sheet = workbook.create_sheet(table)
            columns = self.headers(rows, base)
            sheet.append(columns)
            for row in rows:
                sheet.append(
                    [
                        typed_cell(c, row.get(c, "")) if typed else (row.get(c, "") or None)
                        for c in columns
                    ]
                )
        workbook.save(path)
        return path

    def frames(self) -> dict[str, pd.DataFrame]:
        """Both tables with native dtypes, as a tool would write them to Parquet."""
        frames: dict[str, pd.DataFrame] = {}
        for table, rows, base in (
            ("structures", self.structures, STRUCTURE_COLUMNS),
            ("tests", self.tests, TEST_COLUMNS),
        ):
            columns = self.headers(rows, base)
            data: dict[str, object] = {}
            for c in columns:
                cells = [typed_cell(c, row.get(c, "")) for row in rows]
                if c in INTEGER_COLUMNS:
                    data[c] = pd.array(cells, dtype="Int64")
                elif c in NUMBER_COLUMNS:
                    data[c] = pd.array([float("nan") if v is None else v for v in cells], "float64")
                elif c in BOOLEAN_MEASURES:
                    data[c] = pd.array(cells, dtype="boolean")
                elif c == TestCol.TEST_DATE:
                    data[c] = pd.to_datetime(pd.Series(cells, dtype="object")).astype(
                        "datetime64[ms]"
                    )
                else:
                    data[c] = pd.array([v or "" for v in cells], dtype="str")
            frames[table] = pd.DataFrame(data)
        return frames

    def write_parquet(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for table, frame in self.frames().items():
            frame.to_parquet(folder / f"{table}.parquet", index=False)
        return folder


def typed_cell(column: str, text: str) -> object:
    """The native value a spreadsheet would hold for a text cell of `column`."""
    if text == "":
        return None
    if column in INTEGER_COLUMNS:
        return int(text)
    if column in NUMBER_COLUMNS:
        return float(text)
    if column in BOOLEAN_MEASURES:
        return text == "true"
    if column == TestCol.TEST_DATE:
        return dt.datetime.fromisoformat(text)
    return text


@pytest.fixture
def tables() -> Tables:
    """A fresh copy of the small valid dataset, to mutate and write."""
    return Tables()
