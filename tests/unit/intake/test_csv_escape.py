"""CSV formula injection (issue 11, fault 3): every text cell of every CSV the app and the CLI
write is escaped (OWASP: a leading quote before `=`, `+`, `-`, `@`, tab, CR), numbers never
are, and `export` -> `import` -> `export` stays byte-identical. XLSX keeps such text as text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.cli import main
from dashboard.intake.csv_escape import (
    FORMULA_STARTS,
    TEXT_COLUMNS,
    escape,
    escape_series,
    unescape,
    unescape_series,
)
from dashboard.intake.export import XLSX_NAME, export_bytes, write_dataset
from dashboard.intake.model import Dataset
from dashboard.intake.schema import StructureCol, Table, TestCol
from dashboard.intake.validation import validate_path
from dashboard.render import tables
from tests.unit.conftest import Tables

HOSTILE_NAMES = (
    '=HYPERLINK("https://example.org/x","Cliquez ici")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
)


def test_escape_prefixes_formula_starts_only() -> None:
    for start in FORMULA_STARTS:
        assert escape(f"{start}1+1") == f"'{start}1+1"
        assert unescape(f"'{start}1+1") == f"{start}1+1"
    for plain in ("Ville de Bourg", "", "'s-Hertogenbosch", "1=1", "a-b", "É=mc²"):
        assert escape(plain) == plain
        assert unescape(plain) == plain
    # A text that already looks escaped gets one more quote, so the reader gives it back.
    assert escape("'=x") == "''=x"
    assert unescape("''=x") == "'=x"


@given(st.text())
def test_unescape_undoes_escape_and_escaped_text_is_never_a_formula(text: str) -> None:
    escaped = escape(text)
    assert unescape(escaped) == text
    assert not escaped.startswith(FORMULA_STARTS)


def test_series_versions_agree_with_the_scalar_ones() -> None:
    texts = pd.Series(["=1", "x", None, "''-2", "@a", "'s"], dtype="str")
    escaped = escape_series(texts)
    assert escaped.tolist()[:2] == ["'=1", "x"]
    assert pd.isna(escaped[2])
    expected = [escape(t) for t in texts.dropna()]
    assert escaped.dropna().tolist() == expected
    assert unescape_series(escaped).dropna().tolist() == texts.dropna().tolist()


def test_text_columns_are_the_datasets_text_columns(demo: Dataset) -> None:
    for table, frame in ((Table.STRUCTURES, demo.structures), (Table.TESTS, demo.tests)):
        text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c].dtype)]
        assert list(TEXT_COLUMNS[table]) == text


def _hostile(folder: Path) -> Dataset:
    """The small valid dataset with formula-like text in every free-text column."""
    rows = Tables()
    renamed = {"VILLE-STRASBOURG": "-STRAS+1", "VILLE-BOURG": "@BOURG"}
    for row, name in zip(rows.structures, HOSTILE_NAMES, strict=False):
        row[StructureCol.NAME] = name
    rows.structures[0][StructureCol.STRUCTURE_ID] = "-STRAS+1"
    rows.structures[1][StructureCol.STRUCTURE_ID] = "@BOURG"
    for i, row in enumerate(rows.tests):
        row[TestCol.STRUCTURE_ID] = renamed.get(
            row[TestCol.STRUCTURE_ID], row[TestCol.STRUCTURE_ID]
        )
        row[TestCol.TEST_ID] = f"=T{i}"
    result = validate_path(rows.write_csv(folder))
    assert result.dataset is not None, [p.describe("en") for p in result.errors]
    # A text that starts with a quote of its own (a CSV read it as an escape: built here).
    tests = result.dataset.tests.copy()
    tests.loc[0, TestCol.TEST_ID] = "'=T0"
    return Dataset.build(result.dataset.structures, tests, "hostile")


def _cells(data: bytes, sep: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))


def test_dataset_csv_escapes_text_cells_and_round_trips_byte_identical(tmp_path: Path) -> None:
    original = _hostile(tmp_path / "src")
    written = write_dataset(original, tmp_path / "out", "csv")
    for path in written:
        rows = _cells(path.read_bytes())
        header, body = rows[0], rows[1:]
        table = path.stem
        for row in body:
            for column, cell in zip(header, row, strict=True):
                assert not cell.startswith(FORMULA_STARTS), (table, column, cell)
    structures = _cells(written[0].read_bytes())
    assert structures[1][:2] == ["'-STRAS+1", "'" + HOSTILE_NAMES[0]]
    assert structures[2][:2] == ["'@BOURG", "'" + HOSTILE_NAMES[1]]

    back = validate_path(tmp_path / "out").dataset
    assert back is not None
    assert back.version == original.version  # the import undid the escape
    assert back.structures[StructureCol.NAME].tolist()[:3] == list(HOSTILE_NAMES[:3])
    assert back.tests[TestCol.TEST_ID].tolist()[:2] == ["'=T0", "=T1"]  # its own quote kept
    again = write_dataset(back, tmp_path / "again", "csv")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_cli_export_import_export_is_byte_identical(tmp_path: Path) -> None:
    _hostile(tmp_path / "src")
    data = tmp_path / "data"
    out = io.StringIO()
    assert main(["import", str(tmp_path / "src"), "--data-dir", str(data)], out=out) == 0
    assert main(["export", "--out", str(tmp_path / "one"), "--data-dir", str(data)], out=out) == 0
    first = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    assert b"'=HYPERLINK" in first["structures.csv"]
    assert main(["import", str(tmp_path / "one"), "--data-dir", str(data)], out=out) == 0
    assert main(["export", "--out", str(tmp_path / "two"), "--data-dir", str(data)], out=out) == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()} == first


def test_download_zip_is_escaped(tmp_path: Path) -> None:
    original = _hostile(tmp_path / "src")
    _, data = export_bytes(original, "csv")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            for row in _cells(archive.read(member))[1:]:
                assert not any(cell.startswith(FORMULA_STARTS) for cell in row), row


def test_xlsx_keeps_formula_like_text_as_text_cells(tmp_path: Path) -> None:
    original = _hostile(tmp_path / "src")
    path = write_dataset(original, tmp_path / "out", "xlsx")[0]
    assert path.name == XLSX_NAME
    workbook = openpyxl.load_workbook(path)
    try:
        sheet = workbook["structures"]
        cells = [sheet.cell(row=r, column=2) for r in (2, 3, 4)]
        assert [c.value for c in cells] == list(HOSTILE_NAMES[:3])  # no quote added
        assert all(c.data_type == "s" for c in cells)  # text, not a formula
        assert sheet.cell(row=2, column=1).data_type == "s"
    finally:
        workbook.close()
    back = validate_path(path).dataset
    assert back is not None and back.version == original.version


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_chart_csv_escapes_labels_but_not_negative_numbers(lang: str) -> None:
    names = [*HOSTILE_NAMES, "\tcaché", "\rretour", "Ville de Bourg"]
    frame = pd.DataFrame({"label": names, "score": [-2.5, 3.0, 50.0, 60.0, 70.0, 80.0, 90.0]})
    spec = (
        tables.ColumnSpec("label", "ui.col.structure", "text"),
        tables.ColumnSpec("score", "ui.col.gap_median", "score"),
    )
    sep = ";" if lang == "fr" else ","
    rows = list(csv.reader(io.StringIO(tables.csv_download(frame, spec, lang)), delimiter=sep))
    labels = [row[0] for row in rows[1:]]
    assert labels == [escape(n) for n in names]
    assert all(not label.startswith(FORMULA_STARTS) for label in labels)
    assert rows[1][1] == ("-2,5" if lang == "fr" else "-2.5")  # a number, not text
