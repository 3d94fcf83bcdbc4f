"""Export in the contract format (§1): what is written re-imports unchanged (same version,
equal frames) as CSV, .xlsx and Parquet; the CSV spelling; the downloadable .zip.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.intake.export import (
    CONTRACT_CSV,
    EXPORT_FORMATS,
    FRENCH_EXCEL_CSV,
    XLSX_NAME,
    ExportFormat,
    ExportTooLarge,
    csv_bytes,
    csv_dialect,
    export_bytes,
    write_dataset,
)
from dashboard.intake.model import Dataset
from dashboard.intake.schema import STRUCTURE_COLUMNS, TEST_COLUMNS, StructureCol, TestCol
from dashboard.intake.validation import validate_path
from tests.unit.conftest import Tables


@pytest.fixture(scope="module")
def tricky(demo: Dataset) -> Dataset:
    """The demo's 2021-2022 editions with cells that are easy to get wrong on the way out.

    Floats needing 17 significant digits, text that spreadsheets take for a formula or a
    number, separators, quotes and a line break inside a cell.
    """
    tests = demo.tests[demo.tests[TestCol.EDITION] >= 2021].reset_index(drop=True)
    kept = set(tests[TestCol.STRUCTURE_ID])
    structures = demo.structures[demo.structures[StructureCol.STRUCTURE_ID].isin(kept)]
    structures = structures.reset_index(drop=True)
    tests.loc[0, TestCol.SCORE] = 0.1 + 0.2
    tests.loc[1, TestCol.SCORE] = 72.33333333333333
    tests.loc[2, TestCol.SCORE] = 1e-7
    email = tests.index[tests[TestCol.RESPONSE_DAYS].notna()][0]
    tests.loc[email, TestCol.RESPONSE_DAYS] = 2.0 / 3.0
    structures.loc[0, StructureCol.NAME] = '=HYPERLINK("http://example.org","x")'
    structures.loc[1, StructureCol.NAME] = "+33 mairie; annexe"
    structures.loc[2, StructureCol.NAME] = 'Ville "fictive", quai\nnord'
    structures.loc[3, StructureCol.NAME] = "Commune d'Évreux-sur-Œuf – n° 1"
    return Dataset.build(structures, tests, "tricky")


def _reimport(written: list[Path], fmt: ExportFormat) -> Dataset:
    path = written[0] if fmt == "xlsx" else written[0].parent
    result = validate_path(path)
    assert result.ok, [p.describe("en") for p in result.problems[:5]]
    assert not result.problems
    assert result.dataset is not None
    return result.dataset


def _assert_same(a: Dataset, b: Dataset) -> None:
    assert a.version == b.version
    pd.testing.assert_frame_equal(a.structures, b.structures, check_exact=True)
    pd.testing.assert_frame_equal(a.tests, b.tests, check_exact=True)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_demo_round_trip(tmp_path: Path, demo: Dataset, fmt: ExportFormat) -> None:
    written = write_dataset(demo, tmp_path / "out", fmt)
    assert [p.name for p in written] == [f"structures.{fmt}", f"tests.{fmt}"]
    _assert_same(_reimport(written, fmt), demo)


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_round_trip_of_tricky_cells(tmp_path: Path, tricky: Dataset, fmt: ExportFormat) -> None:
    written = write_dataset(tricky, tmp_path / "out", fmt)
    back = _reimport(written, fmt)
    _assert_same(back, tricky)
    names = back.structures[StructureCol.NAME]
    assert names[0] == '=HYPERLINK("http://example.org","x")'  # text, not a formula
    assert back.tests[TestCol.SCORE][0] == 0.1 + 0.2


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_round_trip_of_the_small_dataset(tmp_path: Path, fmt: ExportFormat) -> None:
    """Every optional cell empty somewhere: no population, no date, unanswered tests."""
    original = validate_path(Tables().write_csv(tmp_path / "src")).dataset
    assert original is not None
    written = write_dataset(original, tmp_path / "out", fmt)
    _assert_same(_reimport(written, fmt), original)
    # Exporting what was re-imported gives the same bytes (CSV and Parquet are canonical).
    if fmt != "xlsx":
        again = write_dataset(_reimport(written, fmt), tmp_path / "again", fmt)
        assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]


def test_csv_spelling(tmp_path: Path) -> None:
    original = validate_path(Tables().write_csv(tmp_path / "src", sep=";")).dataset
    assert original is not None
    structures_path, tests_path = write_dataset(original, tmp_path / "out", "csv")
    raw = tests_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=","))
    assert list(rows[0])[: len(TEST_COLUMNS)] == list(TEST_COLUMNS)
    assert [k for k in rows[0] if k.startswith("crit_")] == ["crit_accessibility", "crit_courtesy"]
    first, phone, mail, region = rows[0], rows[1], rows[3], rows[7]
    assert first[TestCol.SCORE] == "86.5"  # "." decimals
    assert first[TestCol.TEST_DATE] == "2022-03-01"  # ISO dates
    assert first[TestCol.EDITION] == "2022"
    assert phone[TestCol.SCORE] == "72"  # no trailing ".0"
    assert phone[TestCol.RINGS] == "3"
    assert phone[TestCol.ANSWERED] == "true"
    assert phone[TestCol.FIRST_ATTEMPT] == "true"
    assert mail[TestCol.ANSWERED] == "false"  # booleans true/false
    assert mail[TestCol.RESPONSE_DAYS] == ""  # empty, not "nan" or "<NA>"
    assert region[TestCol.TEST_DATE] == ""
    assert region[TestCol.RESPONSE_DAYS] == "12"
    assert "nan" not in text.lower().split(",")
    assert "<NA>" not in text and "NaT" not in text and "\r" not in text

    s_text = structures_path.read_bytes().decode("utf-8-sig")
    s_rows = list(csv.DictReader(io.StringIO(s_text)))
    assert list(s_rows[0]) == list(STRUCTURE_COLUMNS)
    assert s_rows[1][StructureCol.DEPARTMENT_CODE] == "01"  # leading zero kept
    assert s_rows[2][StructureCol.DEPARTMENT_CODE] == ""
    assert s_rows[2][StructureCol.POPULATION] == ""
    assert s_rows[0][StructureCol.POPULATION] == "290576"


def test_csv_bytes_are_deterministic(demo: Dataset) -> None:
    assert csv_bytes(demo.structures) == csv_bytes(demo.structures.copy())


def test_export_bytes_zip_holds_the_two_csv(tmp_path: Path, demo: Dataset) -> None:
    name, data = export_bytes(demo, "csv")
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["structures.csv", "tests.csv"]
        assert archive.read("tests.csv") == csv_bytes(demo.tests)
        assert archive.read("structures.csv") == csv_bytes(demo.structures)
    assert export_bytes(demo, "csv")[1] == data  # same dataset, same bytes
    path = tmp_path / name
    path.write_bytes(data)
    back = validate_path(path).dataset  # the download re-imports as is
    assert back is not None and back.version == demo.version


def test_export_bytes_xlsx_and_parquet(tmp_path: Path) -> None:
    original = validate_path(Tables().write_csv(tmp_path / "src")).dataset
    assert original is not None
    name, data = export_bytes(original, "xlsx")
    assert name == XLSX_NAME
    (tmp_path / name).write_bytes(data)
    back = validate_path(tmp_path / name).dataset
    assert back is not None and back.version == original.version

    name, data = export_bytes(original, "parquet")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["structures.parquet", "tests.parquet"]
    (tmp_path / name).write_bytes(data)
    back = validate_path(tmp_path / name).dataset
    assert back is not None and back.version == original.version


def test_unknown_format_is_refused(tmp_path: Path, demo: Dataset) -> None:
    with pytest.raises(ValueError, match="format"):
        write_dataset(demo, tmp_path, "ods")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        export_bytes(demo, "ods")  # type: ignore[arg-type]


def test_xlsx_refuses_more_rows_than_a_sheet_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dashboard.intake.export as export

    original = validate_path(Tables().write_csv(tmp_path / "src")).dataset
    assert original is not None
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 5)
    with pytest.raises(ExportTooLarge) as caught:
        write_dataset(original, tmp_path / "out", "xlsx")
    assert caught.value.table == "tests"
    assert caught.value.rows == len(original.tests)
    assert not (tmp_path / "out" / XLSX_NAME).exists()


def test_exporting_again_into_the_same_folder_stays_importable(tmp_path: Path) -> None:
    original = validate_path(Tables().write_csv(tmp_path / "src")).dataset
    assert original is not None
    out = tmp_path / "out"
    out.mkdir()
    (out / "Tests.csv").write_text("left over by hand")
    (out / "notes.txt").write_text("the consultant's notes")
    for fmt in ("parquet", "csv", "xlsx", "parquet"):
        write_dataset(original, out, fmt)  # type: ignore[arg-type]
        back = validate_path(out).dataset
        assert back is not None and back.version == original.version
    assert sorted(p.name for p in out.iterdir()) == [
        XLSX_NAME,
        "notes.txt",
        "structures.parquet",
        "tests.parquet",
    ]


def test_french_excel_csv_round_trips(tmp_path: Path, tricky: Dataset) -> None:
    """The « Données » download of a French page: `;`, decimal comma, BOM; imports back."""
    name, data = export_bytes(tricky, "csv", FRENCH_EXCEL_CSV)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        tests = archive.read("tests.csv")
        structures = archive.read("structures.csv").decode("utf-8-sig")
    assert tests.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(tests.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][TestCol.SCORE] == "0,30000000000000004"  # every digit, decimal comma
    assert rows[1][TestCol.SCORE] == "72,33333333333333"
    assert '"+33 mairie; annexe"' not in structures  # escaped, and quoted for its ";"
    assert '"\'+33 mairie; annexe"' in structures
    (tmp_path / name).write_bytes(data)
    back = validate_path(tmp_path / name)
    assert back.dataset is not None and not back.problems
    _assert_same(back.dataset, tricky)
    assert csv_dialect("fr") == FRENCH_EXCEL_CSV and csv_dialect("en") == CONTRACT_CSV
