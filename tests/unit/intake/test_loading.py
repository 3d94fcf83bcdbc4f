"""Reading every container and CSV variant into raw text tables (contract §1)."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.intake import loading
from dashboard.intake.loading import LoadError, RawDataset, cell_text, read_dataset
from dashboard.intake.schema import StructureCol, TestCol
from dashboard.intake.validation import ValidationResult, validate_path
from tests.unit.conftest import Tables


def _ok(result: ValidationResult) -> ValidationResult:
    assert result.errors == (), [p.describe("en") for p in result.errors]
    assert result.dataset is not None
    return result


def _version(path: Path) -> str:
    dataset = _ok(validate_path(path)).dataset
    assert dataset is not None
    return dataset.version


def _load_error(path: Path) -> LoadError:
    with pytest.raises(LoadError) as caught:
        read_dataset(path)
    return caught.value


# --- Containers ----------------------------------------------------------------------------


def test_csv_folder_reads_text_cells_with_line_numbers(tables: Tables, tmp_path: Path) -> None:
    raw = read_dataset(tables.write_csv(tmp_path / "export"))
    assert isinstance(raw, RawDataset)
    assert raw.source == "export"
    assert raw.tests.file == "tests.csv"
    assert raw.structures.name == "structures"
    assert raw.tests.frame[TestCol.SCORE].tolist()[:2] == ["86.5", "72"]
    assert raw.tests.frame[TestCol.RINGS].tolist()[0] == ""
    assert all(dtype == "str" for dtype in raw.tests.frame.dtypes)
    assert raw.tests.row_numbers.tolist() == list(range(2, len(tables.tests) + 2))
    assert raw.structures.original_columns[StructureCol.NAME] == "name"


@pytest.mark.parametrize("container", ["zip", "zip_subfolder", "xlsx", "xlsx_text", "parquet"])
def test_every_container_gives_the_csv_dataset(
    tables: Tables, tmp_path: Path, container: str
) -> None:
    expected = _version(tables.write_csv(tmp_path / "csv"))
    writers = {
        "zip": lambda: tables.write_zip(tmp_path / "barometre.zip"),
        "zip_subfolder": lambda: tables.write_zip(tmp_path / "b.zip", subfolder="export 2022"),
        "xlsx": lambda: tables.write_xlsx(tmp_path / "barometre.xlsx"),
        "xlsx_text": lambda: tables.write_xlsx(tmp_path / "texte.xlsx", typed=False),
        "parquet": lambda: tables.write_parquet(tmp_path / "parquet"),
    }
    assert _version(writers[container]()) == expected


def test_path_to_one_csv_stands_for_its_folder(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "export")
    assert _version(folder / "tests.csv") == _version(folder)


def test_table_file_names_match_case_insensitively(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "export")
    expected = _version(folder)
    (folder / "tests.csv").rename(folder / "Tests.CSV")
    assert _version(folder) == expected


def test_zip_member_names_carry_the_archive_name(tables: Tables, tmp_path: Path) -> None:
    tables.tests[0][TestCol.SCORE] = "120"
    result = validate_path(tables.write_zip(tmp_path / "barometre.zip", subfolder="export"))
    assert [p.file for p in result.errors] == ["barometre.zip/export/tests.csv"]


def test_xlsx_rows_are_sheet_rows_and_native_cells_become_text(
    tables: Tables, tmp_path: Path
) -> None:
    path = tables.write_xlsx(tmp_path / "barometre.xlsx")
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    sheet = workbook["tests"]
    sheet.insert_rows(4, amount=2)  # two blank rows: the data below moves down
    workbook.save(path)
    raw = read_dataset(path)
    assert raw.tests.file == "barometre.xlsx"
    assert raw.tests.row_numbers.tolist()[:4] == [2, 3, 6, 7]
    frame = raw.tests.frame
    assert frame[TestCol.EDITION][0] == "2022"  # an int cell, not "2022.0"
    assert frame[TestCol.SCORE][0] == "86.5"
    assert frame[TestCol.SCORE][3] == "0"
    assert frame[TestCol.TEST_DATE][0] == "2022-03-01"  # a date cell as an ISO date
    assert frame[TestCol.ANSWERED][1] == "true"
    assert frame[TestCol.RINGS][0] == ""


def test_xlsx_sheet_names_match_case_insensitively(tables: Tables, tmp_path: Path) -> None:
    path = tables.write_xlsx(tmp_path / "barometre.xlsx")
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    workbook["tests"].title = " Tests "
    workbook.save(path)
    assert _ok(validate_path(path))


def test_parquet_rows_are_positions(tables: Tables, tmp_path: Path) -> None:
    raw = read_dataset(tables.write_parquet(tmp_path / "pq"))
    assert raw.tests.file == "tests.parquet"
    assert raw.tests.row_numbers.tolist()[:3] == [1, 2, 3]
    assert raw.tests.frame[TestCol.RINGS][1] == "3"
    assert raw.tests.frame[TestCol.RINGS][0] == ""
    assert raw.tests.frame[TestCol.FIRST_ATTEMPT][1] == "true"
    assert raw.tests.frame[TestCol.TEST_DATE][0] == "2022-03-01"


def test_display_name_replaces_a_temporary_upload_name(tables: Tables, tmp_path: Path) -> None:
    path = tables.write_xlsx(tmp_path / "tmp8f3a.xlsx")
    raw = read_dataset(path, display_name="barometre 2022.xlsx")
    assert raw.source == "barometre 2022.xlsx"
    assert raw.tests.file == "barometre 2022.xlsx"


def test_progress_is_told_each_stage(tables: Tables, tmp_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    validate_path(tables.write_csv(tmp_path / "csv"), lambda stage, f: seen.append((stage, f)))
    stages = [stage for stage, _ in seen]
    assert stages == [
        "validation.stage.read_structures",
        "validation.stage.read_tests",
        "validation.stage.check_structures",
        "validation.stage.check_tests",
        "validation.stage.build",
        "validation.stage.done",
    ]
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


# --- CSV variants --------------------------------------------------------------------------


def test_utf8_bom(tables: Tables, tmp_path: Path) -> None:
    expected = _version(tables.write_csv(tmp_path / "plain"))
    folder = tables.write_csv(tmp_path / "bom", bom=True)
    assert _version(folder) == expected
    assert read_dataset(folder).structures.frame.columns[0] == StructureCol.STRUCTURE_ID


def test_windows_1252_with_accented_names(tables: Tables, tmp_path: Path) -> None:
    tables.structures[0][StructureCol.NAME] = "Ville de Saint-Étienne – œuvres sociales"
    result = _ok(validate_path(tables.write_csv(tmp_path / "cp", encoding="cp1252", sep=";")))
    assert result.dataset is not None
    names = result.dataset.structures[StructureCol.NAME].tolist()
    assert names[0] == "Ville de Saint-Étienne – œuvres sociales"
    utf8 = _version(tables.write_csv(tmp_path / "utf8"))
    assert result.dataset.version == utf8


def test_semicolon_and_decimal_comma(tables: Tables, tmp_path: Path) -> None:
    expected = _version(tables.write_csv(tmp_path / "plain"))

    def comma(column: str, value: str) -> str:
        return value.replace(".", ",") if column != TestCol.TEST_DATE else value

    folder = tables.write_csv(tmp_path / "fr", sep=";", cell_map=comma)
    assert "64,25" in (folder / "tests.csv").read_text()
    assert _version(folder) == expected


def test_decimal_comma_in_a_comma_separated_file(tables: Tables, tmp_path: Path) -> None:
    expected = _version(tables.write_csv(tmp_path / "plain"))
    tables_comma = Tables()
    tables_comma.tests[2][TestCol.SCORE] = "64,25"  # the csv writer quotes it
    assert _version(tables_comma.write_csv(tmp_path / "comma")) == expected


@pytest.mark.parametrize(
    ("true", "false"),
    [("oui", "non"), ("OUI", "Non"), ("1", "0"), ("yes", "no"), (" True ", "FALSE")],
)
def test_boolean_spellings(tables: Tables, tmp_path: Path, true: str, false: str) -> None:
    expected = _version(tables.write_csv(tmp_path / "plain"))
    spelled = {"true": true, "false": false}
    folder = tables.write_csv(tmp_path / "spelled", cell_map=lambda c, v: spelled.get(v, v))
    assert _version(folder) == expected


def test_french_dates(tables: Tables, tmp_path: Path) -> None:
    expected = _version(tables.write_csv(tmp_path / "plain"))

    def french(column: str, value: str) -> str:
        if column == TestCol.TEST_DATE and value:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        return value

    folder = tables.write_csv(tmp_path / "fr", cell_map=french)
    assert "01/03/2022" in (folder / "tests.csv").read_text()
    assert _version(folder) == expected


def test_headers_match_case_insensitively_after_trimming(tables: Tables, tmp_path: Path) -> None:
    expected = _version(tables.write_csv(tmp_path / "plain"))
    folder = tables.write_csv(tmp_path / "padded", header_map=lambda c: f" {c.title()} ")
    assert " Score " in (folder / "tests.csv").read_text()
    raw = read_dataset(folder)
    assert raw.tests.original_columns[TestCol.SCORE] == " Score "
    assert _version(folder) == expected


@pytest.mark.parametrize("separator", [" ", "\u00a0", "\u202f"])
def test_thousands_separators_in_numbers(tables: Tables, tmp_path: Path, separator: str) -> None:
    result = _ok(validate_path(tables.write_csv(tmp_path / "plain")))
    tables.structures[0][StructureCol.POPULATION] = f"290{separator}576"
    tables.structures[1][StructureCol.POPULATION] = f"41{separator}365,0"
    grouped = _ok(validate_path(tables.write_csv(tmp_path / "grouped", sep=";")))
    assert grouped.dataset is not None and result.dataset is not None
    assert grouped.dataset.structures[StructureCol.POPULATION].tolist()[:2] == [290576, 41365]
    assert grouped.dataset.version == result.dataset.version


def test_blank_lines_keep_line_numbers(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "blank")
    lines = (folder / "tests.csv").read_bytes().decode().split("\r\n")
    lines.insert(3, "")  # a blank line 4
    lines.insert(5, ",,,,,,,,,,,,,,")  # an all-empty row on line 6
    (folder / "tests.csv").write_bytes(("\r\n".join(lines) + "\r\n\r\n").encode())
    raw = read_dataset(folder)
    assert raw.tests.row_numbers.tolist() == [2, 3, 5, 7, 8, 9, 10, 11]
    assert raw.tests.frame[TestCol.TEST_ID].tolist()[2] == "T3"


def test_quoted_newlines_and_separators_in_names(tables: Tables, tmp_path: Path) -> None:
    tables.structures[0][StructureCol.NAME] = 'Ville de "Strasbourg";\nservice, accueil'
    result = _ok(validate_path(tables.write_csv(tmp_path / "quoted", sep=";")))
    assert result.dataset is not None
    names = result.dataset.structures[StructureCol.NAME].tolist()
    assert names[0] == 'Ville de "Strasbourg";\nservice, accueil'


def test_markup_in_names_is_kept_as_text(tables: Tables, tmp_path: Path) -> None:
    tables.structures[0][StructureCol.NAME] = "<script>alert('x')</script> & <b>Ville</b>"
    result = _ok(validate_path(tables.write_csv(tmp_path / "markup")))
    assert result.dataset is not None
    assert result.dataset.structures[StructureCol.NAME][0].startswith("<script>")


def test_cell_text_writes_native_cells_as_text_that_parses_back() -> None:
    assert cell_text(None) == ""
    assert cell_text(3) == "3"
    assert cell_text(3.0) == "3"
    assert cell_text(72.5) == "72.5"
    assert cell_text(True) == "true"
    assert cell_text(False) == "false"
    assert cell_text(dt.datetime(2022, 3, 1)) == "2022-03-01"
    assert cell_text(dt.datetime(2022, 3, 1, 10, 30)) == "2022-03-01 10:30:00"
    assert cell_text(dt.date(2022, 3, 1)) == "2022-03-01"
    assert cell_text(" 01 ") == " 01 "


# --- Unreadable containers -----------------------------------------------------------------


def _only_error(path: Path, code: str) -> None:
    result = validate_path(path)
    assert result.dataset is None
    assert [p.code for p in result.problems] == [code]
    problem = result.problems[0]
    assert problem.severity == "error"
    assert problem.row is None
    for lang in ("fr", "en"):
        text = problem.message(lang)
        assert text and "{" not in text and "Traceback" not in text


def test_missing_path(tmp_path: Path) -> None:
    _only_error(tmp_path / "nowhere.zip", "file_not_found")
    problem = validate_path(tmp_path / "nowhere.zip").problems[0]
    assert problem.file == "nowhere.zip"
    assert "nowhere.zip" in problem.message("fr") and ".xlsx" in problem.message("en")


def test_missing_table_in_folder(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "export")
    (folder / "tests.csv").unlink()
    _only_error(folder, "missing_table")
    problem = validate_path(folder).problems[0]
    assert problem.table == "tests"
    assert "tests.csv" in problem.message("fr")


def test_missing_sheet(tables: Tables, tmp_path: Path) -> None:
    path = tables.write_xlsx(tmp_path / "barometre.xlsx")
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    workbook["tests"].title = "Feuil2"
    workbook.save(path)
    _only_error(path, "missing_sheet")
    problem = validate_path(path).problems[0]
    assert problem.table == "tests" and "Feuil2" in problem.message("fr")


def test_zip_without_tests(tables: Tables, tmp_path: Path) -> None:
    path = tmp_path / "partial.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("structures.csv", tables.csv_text("structures"))
    _only_error(path, "missing_table")


def test_zip_with_tables_in_different_folders(tables: Tables, tmp_path: Path) -> None:
    path = tmp_path / "apart.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a/structures.csv", tables.csv_text("structures"))
        archive.writestr("b/tests.csv", tables.csv_text("tests"))
    _only_error(path, "zip_tables_apart")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("garbage.zip", "not_a_zip"),
        ("garbage.xlsx", "not_xlsx"),
        ("garbage.ods", "unsupported_container"),
    ],
)
def test_garbage_bytes_are_refused_with_a_message(tmp_path: Path, name: str, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(bytes(range(256)) * 40)
    _only_error(path, code)


def test_a_zip_that_is_no_workbook(tables: Tables, tmp_path: Path) -> None:
    path = tables.write_zip(tmp_path / "renamed.zip").rename(tmp_path / "renamed.xlsx")
    _only_error(path, "not_xlsx")


@pytest.mark.parametrize(
    ("form", "broken", "code"),
    [
        ("parquet", lambda csv_text: b"PAR1 this is not parquet", "not_parquet"),
        # 0x81 is undefined in Windows-1252 and invalid in UTF-8.
        ("csv", lambda csv_text: csv_text.encode() + b"\x81\x8d\x90;\r\n", "csv_encoding"),
        ("csv", lambda csv_text: b"", "csv_no_header"),
    ],
    ids=["garbage_parquet", "undecodable_csv", "empty_csv"],
)
def test_a_broken_tests_file_is_refused_with_its_problem(
    tables: Tables, tmp_path: Path, form: str, broken: Callable[[str], bytes], code: str
) -> None:
    """A folder of the valid tables as `form` whose tests file is replaced by
    `broken(the tests table as CSV text)`: one error, `code`."""
    write = tables.write_parquet if form == "parquet" else tables.write_csv
    folder = write(tmp_path / "folder")
    (folder / f"tests.{form}").write_bytes(broken(tables.csv_text("tests")))
    _only_error(folder, code)


def test_ragged_row_names_its_line(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "ragged")
    lines = (folder / "tests.csv").read_bytes().decode().split("\r\n")
    lines[3] += ",extra"
    (folder / "tests.csv").write_bytes("\r\n".join(lines).encode())
    _only_error(folder, "csv_ragged_row")
    problem = validate_path(folder).problems[0]
    assert problem.params["line"] == 4
    assert "4" in problem.message("fr") and "4" in problem.message("en")


def test_file_over_200_mb_is_refused_before_reading(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "huge")
    with (folder / "tests.csv").open("r+b") as stream:
        stream.truncate(loading.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    _only_error(folder, "file_too_large")
    problem = validate_path(folder).problems[0]
    assert problem.file == "tests.csv"
    assert "200 Mo" in problem.message("fr") and "200 MB" in problem.message("en")


def test_container_over_200_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as stream:
        stream.truncate(loading.MAX_FILE_BYTES + 1)
    _only_error(path, "file_too_large")


def test_zip_member_over_the_limit_is_refused(tables: Tables, tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("structures.csv", tables.csv_text("structures"))
        with archive.open("tests.csv", "w", force_zip64=True) as member:
            for _ in range(loading.MAX_FILE_BYTES // len(chunk) + 1):
                member.write(chunk)
    assert path.stat().st_size < 2 * 1024 * 1024  # small on disk, huge unpacked
    _only_error(path, "file_too_large")
    assert validate_path(path).problems[0].file == "bomb.zip/tests.csv"


def test_zip_member_read_is_cut_at_the_limit(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tables.write_zip(tmp_path / "b.zip")
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("tests.csv")
        monkeypatch.setattr(loading, "MAX_FILE_BYTES", info.file_size - 1)
        with pytest.raises(LoadError) as caught:
            loading._read_member(archive, info, "b.zip/tests.csv")
        assert caught.value.code == "file_too_large"
        # A forged header claiming less is caught by zipfile's own size and CRC checks.
        monkeypatch.setattr(loading, "MAX_FILE_BYTES", 10**9)
        info.file_size = 10
        with pytest.raises(LoadError) as caught:
            loading._read_member(archive, info, "b.zip/tests.csv")
        assert caught.value.code == "zip_member_unreadable"


def test_workbook_part_over_the_unpacked_limit(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tables.write_xlsx(tmp_path / "b.xlsx")
    monkeypatch.setattr(loading, "MAX_UNPACKED_BYTES", 100)
    _only_error(path, "unpacked_too_large")


def test_unexpected_reader_failure_becomes_a_problem(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> RawDataset:
        raise MemoryError

    monkeypatch.setattr("dashboard.intake.validation.validate.read_dataset", broken)
    _only_error(tables.write_csv(tmp_path / "csv"), "unreadable")


def test_raw_frames_hold_text_only(tables: Tables, tmp_path: Path) -> None:
    raw = read_dataset(tables.write_parquet(tmp_path / "pq"))
    for table in (raw.structures, raw.tests):
        assert isinstance(table.frame, pd.DataFrame)
        assert all(dtype == "str" for dtype in table.frame.dtypes)
        assert not table.frame.isna().any().any()
        assert table.row_numbers.dtype == np.int64


def _far_cell_workbook(path: Path, far_value: str | None) -> Path:
    """A small valid workbook whose `tests` sheet has one cell at XFD1048576: a stray
    value, or (None) a formatted empty cell, which still makes the declared dimension huge."""
    import openpyxl
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "structures"
    sheet.append(["structure_id", "name", "category", "region_code", "department_code",
                  "population"])  # fmt: skip
    sheet.append(["S00001", "Région test", "region", "84", None, 8_000_000])
    tests = book.create_sheet("tests")
    tests.append(["edition", "structure_id", "channel", "test_id", "score"])
    tests.append([2022, "S00001", "phone", "t1", 50])
    tests["XFD1048576"] = far_value
    tests["XFD1048576"].fill = PatternFill("solid", start_color="FFFF00")
    book.save(path)
    return path


def test_a_cell_far_away_is_refused_at_once(tmp_path: Path) -> None:
    """One cell at XFD1048576 would have padded a million rows to 16,384 cells each (hours):
    the sheet is read as stored, and a filled cell past column 256 is named."""
    with pytest.raises(LoadError) as refused:
        read_dataset(_far_cell_workbook(tmp_path / "far.xlsx", "far"))
    assert refused.value.code == "sheet_too_wide"
    assert refused.value.params["row"] == 1_048_576


def test_a_formatted_empty_cell_far_away_changes_nothing(tmp_path: Path) -> None:
    raw = read_dataset(_far_cell_workbook(tmp_path / "styled.xlsx", None))
    assert len(raw.tests.frame) == 1 and list(raw.tests.row_numbers) == [2]
