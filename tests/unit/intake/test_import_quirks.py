"""Files as users really send them (issue 12): Excel cells, encodings, header rows, dates,
labels, and readable warnings.

Each kind is tested on files the tests build (openpyxl workbooks, encoded bytes), so that every
kind is covered without `../shared`; the shared cases (`../shared/cases/import-quirks/`) are
checked against their README at the end, skipped with a reason when that folder is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.intake.loading import column_letter, excel_date_text, read_dataset
from dashboard.intake.schema import StructureCol, TestCol
from dashboard.intake.store import DatasetStore
from dashboard.intake.validation import (
    Problem,
    ValidationResult,
    group_problems,
    problems_frame,
    validate_path,
)
from tests.unit.conftest import Tables

ROOT = Path(__file__).resolve().parents[3]
SHARED_CASES = ROOT.parent / "shared" / "cases" / "import-quirks"
S = "structures"
T = "tests"


def _ok(result: ValidationResult) -> ValidationResult:
    assert result.errors == (), [p.describe("en") for p in result.errors]
    assert result.dataset is not None
    return result


def _codes(result: ValidationResult) -> list[str]:
    return [p.code for p in result.problems]


def _plain(text: str) -> str:
    """French messages with ordinary spaces, to compare with test strings."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _same_data(result: ValidationResult, expected: ValidationResult) -> None:
    """The imported tables equal the expected ones, cell for cell (names, codes, dates...)."""
    assert result.dataset is not None and expected.dataset is not None
    names = result.dataset.structures[StructureCol.NAME].tolist()
    assert names == expected.dataset.structures[StructureCol.NAME].tolist()
    pd.testing.assert_frame_equal(result.dataset.structures, expected.dataset.structures)
    pd.testing.assert_frame_equal(result.dataset.tests, expected.dataset.tests)
    assert result.dataset.version == expected.dataset.version


# --- 1. Excel cells are read as Excel shows them -------------------------------------------


def _workbook(tables: Tables, path: Path) -> Path:
    return tables.write_xlsx(path)


def _edit(path: Path, edit: object) -> Path:
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    edit(workbook)  # type: ignore[operator]
    workbook.save(path)
    return path


def _column_of(sheet: object, header: str) -> int:
    for cell in sheet[1]:  # type: ignore[index]
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def test_formulas_without_saved_value_are_errors_naming_the_cell(
    tables: Tables, tmp_path: Path
) -> None:
    """A workbook written by a script: formulas in an optional column (crit_courtesy) and in
    another sheet's optional column (population) are not read as empty cells."""
    path = _workbook(tables, tmp_path / "script.xlsx")

    def formulas(workbook: object) -> None:
        tests = workbook["tests"]  # type: ignore[index]
        crit = _column_of(tests, "crit_courtesy")
        for row in (2, 5):
            tests.cell(row=row, column=crit, value=f"=B{row}*0+80")
        structures = workbook["structures"]  # type: ignore[index]
        structures.cell(row=3, column=_column_of(structures, "population"), value="=1000*41")

    _edit(path, formulas)
    result = validate_path(path)
    assert result.dataset is None
    found = [(p.table, p.row, p.column, p.letter, p.params.get("cell")) for p in result.errors]
    assert found == [
        (S, 3, StructureCol.POPULATION, "F", "F3"),
        (T, 2, "crit_courtesy", "O", "O2"),
        (T, 5, "crit_courtesy", "O", "O5"),
    ]
    assert _codes(result) == ["formula_not_computed"] * 3
    french = _plain(result.errors[1].message("fr"))
    assert "La cellule O2 contient une formule dont la valeur n'a jamais été calculée" in french
    assert "ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le" in french
    english = result.errors[1].message("en")
    assert "The cell O2 holds a formula whose value was never computed" in english
    for problem in result.problems:
        assert "is empty" not in problem.message("en")


def test_a_formula_in_a_required_column_is_not_called_empty(tables: Tables, tmp_path: Path) -> None:
    path = _workbook(tables, tmp_path / "script.xlsx")

    def formula(workbook: object) -> None:
        sheet = workbook["tests"]  # type: ignore[index]
        sheet.cell(row=4, column=_column_of(sheet, TestCol.SCORE), value="=50+14.25")

    _edit(path, formula)
    result = validate_path(path)
    assert [(p.code, p.row, p.params.get("cell")) for p in result.problems] == [
        ("formula_not_computed", 4, "F4")
    ]
    assert "F « score »" in _plain(result.problems[0].describe("fr"))


def _with_saved_value(path: Path, sheet_part: str, cell: str, value: str) -> None:
    """Give the formula of `cell` a saved value, as Excel writes it (<f>...</f><v>...</v>)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    xml = parts[sheet_part].decode()
    pattern = re.compile(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(<v\s*/>|<v></v>)?')
    xml, count = pattern.subn(rf"\1<f>\2</f><v>{value}</v>", xml)
    assert count == 1, xml[:500]
    parts[sheet_part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_with_its_saved_value_reads_the_value(tables: Tables, tmp_path: Path) -> None:
    expected = _ok(validate_path(_workbook(Tables(), tmp_path / "plain.xlsx")))
    path = _workbook(tables, tmp_path / "excel.xlsx")

    def formula(workbook: object) -> None:
        sheet = workbook["tests"]  # type: ignore[index]
        sheet.cell(row=4, column=_column_of(sheet, TestCol.SCORE), value="=50+14.25")

    _edit(path, formula)
    _with_saved_value(path, "xl/worksheets/sheet2.xml", "F4", "64.25")
    _same_data(_ok(validate_path(path)), expected)


def test_date_cells_with_a_time_keep_their_date_and_are_echoed_as_shown(
    tables: Tables, tmp_path: Path
) -> None:
    path = _workbook(tables, tmp_path / "dates.xlsx")

    def times(workbook: object) -> None:
        sheet = workbook["tests"]  # type: ignore[index]
        column = _column_of(sheet, TestCol.TEST_DATE)
        cell = sheet.cell(row=2, column=column, value=dt.datetime(2022, 3, 1, 14, 30))
        cell.number_format = "dd/mm/yyyy hh:mm"
        late = sheet.cell(row=3, column=column, value=dt.datetime(2021, 6, 17, 14, 30))
        late.number_format = "dd/mm/yyyy hh:mm"

    _edit(path, times)
    result = validate_path(path)
    assert [(p.code, p.row, p.value) for p in result.problems] == [
        ("date_outside_edition", 3, "17/06/2021 14:30")
    ]
    assert "« 17/06/2021 14:30 »" in _plain(result.problems[0].message("fr"))
    # Put right, the file loads and the time is dropped, the date kept.
    _edit(path, lambda wb: wb["tests"].cell(row=3, column=5, value=dt.datetime(2022, 3, 2, 9)))
    dataset = _ok(validate_path(path)).dataset
    assert dataset is not None
    dates = dataset.tests[TestCol.TEST_DATE].tolist()
    assert dates[:2] == [pd.Timestamp("2022-03-01"), pd.Timestamp("2022-03-02")]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (dt.datetime(2021, 6, 17, 14, 30), "dd/mm/yyyy hh:mm", "17/06/2021 14:30"),
        (dt.datetime(2021, 6, 17), "mm-dd-yy", "17/06/2021"),  # Excel's short date (id 14)
        (dt.datetime(2021, 6, 17, 9, 5), "m/d/yy h:mm", "17/06/2021 09:05"),  # id 22
        (dt.datetime(2021, 6, 17), "yyyy-mm-dd", "2021-06-17"),
        (dt.datetime(2021, 6, 17), "d mmmm yyyy", "17 juin 2021"),
        (dt.datetime(2021, 6, 17, 14, 30, 5), "[$-40C]dd/mm/yy hh:mm:ss", "17/06/21 14:30:05"),
        (dt.datetime(2021, 6, 17, 14, 30), "General", "17/06/2021 14:30"),
    ],
)
def test_excel_date_text_follows_the_number_format(
    value: dt.datetime, number_format: str, shown: str
) -> None:
    assert excel_date_text(value, number_format) == shown


def test_integers_in_a_date_column_are_excel_date_serials(tables: Tables, tmp_path: Path) -> None:
    expected = _ok(validate_path(_workbook(Tables(), tmp_path / "plain.xlsx")))
    path = _workbook(tables, tmp_path / "serials.xlsx")

    def serials(workbook: object) -> None:
        sheet = workbook["tests"]  # type: ignore[index]
        column = _column_of(sheet, TestCol.TEST_DATE)
        for row, serial in ((2, 44621), (3, 44622)):  # 2022-03-01, 2022-03-02
            cell = sheet.cell(row=row, column=column, value=serial)
            cell.number_format = "General"

    _edit(path, serials)
    result = validate_path(path)
    _same_data(_ok(result), expected)
    assert [(p.code, p.row, p.value, p.params["date"]) for p in result.warnings] == [
        ("date_serial", 2, "44621", "01/03/2022"),
        ("date_serial", 3, "44622", "02/03/2022"),
    ]
    assert "numéro de série de date Excel : le 01/03/2022" in _plain(
        result.warnings[0].message("fr")
    )


def test_a_number_outside_the_serial_range_is_no_date(tables: Tables, tmp_path: Path) -> None:
    path = _workbook(tables, tmp_path / "serials.xlsx")

    def year(workbook: object) -> None:
        workbook["tests"].cell(row=2, column=5, value=2022).number_format = "General"  # type: ignore[index]

    _edit(path, year)
    result = validate_path(path)
    assert [(p.code, p.value) for p in result.problems] == [("date_invalid", "2022")]


@pytest.mark.parametrize(
    ("typed", "number_format", "read"),
    [(6, "00", "06"), (1, "000", "001"), (45, "00", "45"), (976, "00", "976")],
)
def test_number_cells_are_read_with_their_zero_padding_format(
    tables: Tables, tmp_path: Path, typed: int, number_format: str, read: str
) -> None:
    path = _workbook(tables, tmp_path / "codes.xlsx")

    def code(workbook: object) -> None:
        sheet = workbook["structures"]  # type: ignore[index]
        cell = sheet.cell(row=2, column=_column_of(sheet, StructureCol.REGION_CODE), value=typed)
        cell.number_format = number_format

    _edit(path, code)
    raw = read_dataset(path)
    assert raw.structures.frame[StructureCol.REGION_CODE][0] == read


def test_a_department_code_formatted_00_loads_as_its_code(tables: Tables, tmp_path: Path) -> None:
    tables.structures[1][StructureCol.DEPARTMENT_CODE] = "1"
    path = _workbook(tables, tmp_path / "codes.xlsx")
    unformatted = validate_path(path)
    assert [p.code for p in unformatted.errors] == ["department_leading_zero"]

    def padded(workbook: object) -> None:
        sheet = workbook["structures"]  # type: ignore[index]
        column = _column_of(sheet, StructureCol.DEPARTMENT_CODE)
        cell = sheet.cell(row=3, column=column, value=1)
        cell.number_format = "00"

    _edit(path, padded)
    dataset = _ok(validate_path(path)).dataset
    assert dataset is not None
    assert dataset.structures[StructureCol.DEPARTMENT_CODE][1] == "01"


def test_messages_name_the_column_letter(tables: Tables, tmp_path: Path) -> None:
    assert [column_letter(i) for i in (0, 5, 20, 25, 26, 27, 701, 702)] == [
        "A", "F", "U", "Z", "AA", "AB", "ZZ", "AAA",
    ]  # fmt: skip
    tables.tests[0][TestCol.SCORE] = "120"
    path = _workbook(tables, tmp_path / "letters.xlsx")

    def unnamed(workbook: object) -> None:
        sheet = workbook["tests"]  # type: ignore[index]
        sheet.cell(row=2, column=21, value="commentaire")  # column U, no header

    _edit(path, unnamed)
    result = validate_path(path)
    where = [_plain(p.location("fr")) for p in result.problems]
    assert where == [
        "barometre.xlsx, tableau « tests », colonne U (sans en-tête)".replace(
            "barometre.xlsx", "letters.xlsx"
        ),
        "letters.xlsx, tableau « tests », ligne 2, colonne F « score »",
    ]
    assert result.problems[0].location("en") == "letters.xlsx, table “tests”, column U (no header)"


# --- 2. Encodings are detected per file and checked ----------------------------------------


NAMES = (
    "Ville de Saint-Étienne – œuvres sociales",
    "Département de l'Hérault : n° 34, « accueil »",
    "Région Grand Est € 2022",
)


def _accented(tables: Tables) -> Tables:
    for row, name in zip(tables.structures, NAMES, strict=True):
        row[StructureCol.NAME] = name
    return tables


def _write_encoded(tables: Tables, folder: Path, encoding: str, bom: bytes, sep: str) -> Path:
    folder.mkdir(parents=True)
    for table in (S, T):
        text = tables.csv_text(table, sep=sep)
        (folder / f"{table}.csv").write_bytes(bom + text.encode(encoding))
    return folder


@pytest.mark.parametrize(
    ("encoding", "bom", "sep"),
    [
        ("utf-16-le", b"\xff\xfe", "\t"),  # Excel's "Texte Unicode"
        ("utf-16-be", b"\xfe\xff", "\t"),
        ("utf-16-le", b"", "\t"),  # no BOM: told by its NUL bytes
        ("utf-16-be", b"", ";"),
        ("utf-32-le", b"\xff\xfe\x00\x00", ","),
        ("cp1252", b"", ";"),  # French Excel's "CSV (séparateur : point-virgule)"
        ("utf-8", b"\xef\xbb\xbf", ";"),
    ],
)
def test_every_encoding_loads_the_same_data(
    tmp_path: Path, encoding: str, bom: bytes, sep: str
) -> None:
    expected = _ok(validate_path(_accented(Tables()).write_csv(tmp_path / "utf8")))
    folder = _write_encoded(_accented(Tables()), tmp_path / "encoded", encoding, bom, sep)
    result = _ok(validate_path(folder))
    assert result.problems == ()
    _same_data(result, expected)
    assert result.dataset is not None
    assert result.dataset.structures[StructureCol.NAME].tolist() == list(NAMES)


def _mixed(tables: Tables, folder: Path, cp1252_rows: set[int]) -> Path:
    """structures.csv with its data rows i in `cp1252_rows` in Windows-1252, the rest UTF-8."""
    tables.write_csv(folder)
    lines = tables.csv_text(S).split("\r\n")
    encoded = [
        line.encode("cp1252" if i - 1 in cp1252_rows else "utf-8") for i, line in enumerate(lines)
    ]
    (folder / "structures.csv").write_bytes(b"\r\n".join(encoded))
    return folder


def test_a_file_mixing_utf8_and_windows_1252_lines_is_read_line_by_line(tmp_path: Path) -> None:
    expected = _ok(validate_path(_accented(Tables()).write_csv(tmp_path / "utf8")))
    result = _ok(validate_path(_mixed(_accented(Tables()), tmp_path / "mixed", {1, 2})))
    _same_data(result, expected)
    assert result.dataset is not None
    assert result.dataset.structures[StructureCol.NAME].tolist() == list(NAMES)
    assert not any("Ã" in name for name in result.dataset.structures[StructureCol.NAME])
    [warning] = result.warnings
    assert (warning.code, warning.params) == (
        "csv_mixed_encoding",
        {"utf8_line": 2, "cp1252_line": 3},
    )
    assert "Windows-1252 (la première : ligne 3)" in _plain(warning.message("fr"))


def test_a_line_mixing_both_encodings_is_refused_naming_it(tmp_path: Path) -> None:
    tables = _accented(Tables())
    folder = tables.write_csv(tmp_path / "mixed")
    lines = tables.csv_text(S).split("\r\n")
    # Line 3: its name in UTF-8, then a Windows-1252 "é" in the same line.
    lines[2] = lines[2].replace("Hérault", "H\x00rault")
    data = b"\r\n".join(line.encode("utf-8") for line in lines).replace(b"\x00", b"\xe9")
    (folder / "structures.csv").write_bytes(data)
    result = validate_path(folder)
    assert result.dataset is None
    [problem] = result.problems
    assert (problem.code, problem.file, problem.params["line"]) == (
        "csv_mixed_line",
        "structures.csv",
        3,
    )
    assert problem.params["byte"] == "0xE9"
    french = _plain(problem.message("fr"))
    assert "Ligne 3 du fichier « structures.csv »" in french and "UTF-8" in french
    assert "Line 3 of “structures.csv”" in problem.message("en")


@pytest.mark.parametrize(
    ("data", "line", "cause_fr", "cause_en"),
    [
        (b"\x81\x8d", 10, "l'octet 0x81 n'est un caractère ni en UTF-8 ni en Windows-1252", "0x81"),
        (b"\x00\x00\x07", 10, "octets nuls", "NUL bytes"),
    ],
)
def test_an_undecodable_file_names_the_line_and_the_cause(
    tables: Tables, tmp_path: Path, data: bytes, line: int, cause_fr: str, cause_en: str
) -> None:
    folder = tables.write_csv(tmp_path / "bad")
    (folder / "tests.csv").write_bytes(tables.csv_text(T).encode() + data + b";\r\n")
    result = validate_path(folder)
    [problem] = result.problems
    assert problem.code == "csv_encoding" and problem.params["line"] == line
    assert cause_fr in _plain(problem.message("fr"))
    assert cause_en in problem.message("en")
    assert "Error" not in problem.message("en")


def test_a_broken_utf16_file_names_the_line(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "bad")
    text = tables.csv_text(T).encode("utf-16-le")
    (folder / "tests.csv").write_bytes(b"\xff\xfe" + text + b"\x00\xdc")  # a lone surrogate
    [problem] = validate_path(folder).problems
    assert problem.code == "csv_encoding" and problem.params["line"] == 10
    assert "UTF-16" in problem.message("en")


def test_a_reader_failure_is_told_in_words(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr("dashboard.intake.validation.validate.read_dataset", broken)
    [problem] = validate_path(tables.write_csv(tmp_path / "csv")).problems
    assert "mémoire insuffisante" in problem.message("fr")
    assert "not enough memory" in problem.message("en")
    assert "MemoryError" not in problem.message("en")


# --- 3. Header rows are found or explained -------------------------------------------------


def _csv_with_title(tables: Tables, folder: Path, title_lines: list[str]) -> Path:
    tables.write_csv(folder, sep=";")
    for table in (S, T):
        text = tables.csv_text(table, sep=";")
        (folder / f"{table}.csv").write_bytes(("\r\n".join(title_lines) + "\r\n" + text).encode())
    return folder


@pytest.mark.parametrize(
    "title",
    [
        ["Baromètre de l'accueil 2022", ""],
        ["Baromètre 2022;;;;;", "extraction du 05/01/2023;;", ";;;;", ""],
        ["", "Résultats"],
    ],
)
def test_a_title_above_the_csv_header_is_skipped_with_a_warning(
    tmp_path: Path, title: list[str]
) -> None:
    expected = _ok(validate_path(Tables().write_csv(tmp_path / "plain")))
    tables = Tables()
    result = _ok(validate_path(_csv_with_title(tables, tmp_path / "titled", title)))
    _same_data(result, expected)
    header = len(title) + 1
    assert [(p.code, p.table, p.row) for p in result.warnings] == [
        ("header_row_found", S, header),
        ("header_row_found", T, header),
    ]
    assert f"La ligne {header} contient les noms de colonnes" in _plain(
        result.warnings[0].message("fr")
    )
    # Rows keep the file's numbering: the first test is on the line after the header.
    tables.tests[0][TestCol.SCORE] = "120"
    refused = validate_path(_csv_with_title(tables, tmp_path / "bad", title))
    assert [(p.code, p.row) for p in refused.errors] == [("score_out_of_range", header + 1)]


def test_a_title_row_above_the_sheet_header_is_skipped(tables: Tables, tmp_path: Path) -> None:
    expected = _ok(validate_path(_workbook(Tables(), tmp_path / "plain.xlsx")))
    path = _workbook(tables, tmp_path / "titled.xlsx")

    def title(workbook: object) -> None:
        for name in (S, T):
            sheet = workbook[name]  # type: ignore[index]
            sheet.insert_rows(1, amount=3)
            sheet.cell(row=1, column=1, value="Baromètre 2022")
            sheet.cell(row=2, column=3, value="source : AFNOR")

    _edit(path, title)
    result = _ok(validate_path(path))
    _same_data(result, expected)
    assert [(p.code, p.row, p.value) for p in result.warnings] == [
        ("header_row_found", 4, "Baromètre 2022"),
        ("header_row_found", 4, "Baromètre 2022"),
    ]


def test_an_unrecognised_header_row_says_where_the_names_seem_to_be(
    tables: Tables, tmp_path: Path
) -> None:
    tables.dropped.add(TestCol.SCORE)  # no score column: no row has every required name
    folder = _csv_with_title(tables, tmp_path / "titled", ["Baromètre 2022", ""])
    result = validate_path(folder)
    elsewhere = [p for p in result.errors if p.code == "header_row_elsewhere"]
    assert [(p.table, p.row, p.value, p.params["found"]) for p in elsewhere] == [
        (T, 1, "Baromètre 2022", 3)
    ]
    french = _plain(elsewhere[0].message("fr"))
    assert "La ligne 1 (« Baromètre 2022 ») a été lue comme ligne d'en-têtes" in french
    assert "les noms de colonnes semblent être sur la ligne 3" in french


# --- 4. A date column uses one order -------------------------------------------------------


def test_a_month_first_column_is_read_month_first_with_a_warning(
    tables: Tables, tmp_path: Path
) -> None:
    for row in tables.tests:
        if row[TestCol.TEST_DATE]:
            day = dt.date.fromisoformat(row[TestCol.TEST_DATE]) + dt.timedelta(days=12)
            row[TestCol.TEST_DATE] = day.isoformat()
    expected = _ok(validate_path(tables.write_csv(tmp_path / "iso")))

    def us(column: str, value: str) -> str:
        if column == TestCol.TEST_DATE and value:
            day = dt.date.fromisoformat(value)
            return f"{day.month}/{day.day}/{day.year}"
        return value

    folder = tables.write_csv(tmp_path / "us", cell_map=us)
    assert "3/13/2022" in (folder / "tests.csv").read_text()
    result = _ok(validate_path(folder))
    _same_data(result, expected)
    [warning] = result.warnings
    assert (warning.code, warning.column, warning.params["count"]) == (
        "date_month_first",
        TestCol.TEST_DATE,
        7,
    )
    assert warning.params["example"] == "3/13/2022" and warning.params["first_row"] == 2
    assert "lues au format MM/JJ/AAAA" in _plain(warning.message("fr"))


def test_a_column_mixing_both_orders_is_refused(tables: Tables, tmp_path: Path) -> None:
    tables.tests[0][TestCol.TEST_DATE] = "25/03/2022"  # only day-first
    tables.tests[1][TestCol.TEST_DATE] = "3/13/2022"  # only month-first
    tables.tests[2][TestCol.TEST_DATE] = "04/03/2022"  # either: read day-first
    result = validate_path(tables.write_csv(tmp_path / "mixed"))
    assert [(p.code, p.row, p.value) for p in result.problems] == [
        ("date_order_mixed", 3, "3/13/2022")
    ]
    french = _plain(result.problems[0].message("fr"))
    assert "ne se lit que mois en premier" in french
    assert "(ligne 2 : « 25/03/2022 »)" in french


def test_month_first_text_dates_in_a_workbook(tables: Tables, tmp_path: Path) -> None:
    tables.tests[0][TestCol.TEST_DATE] = "2022-03-13"
    tables.tests[1][TestCol.TEST_DATE] = "2022-03-14"
    expected = _ok(validate_path(tables.write_csv(tmp_path / "iso")))
    path = tables.write_xlsx(tmp_path / "us.xlsx", typed=False)

    def us_text(workbook: object) -> None:
        sheet = workbook["tests"]  # type: ignore[index]
        for row in range(2, 10):
            cell = sheet.cell(row=row, column=5)
            if cell.value:
                day = dt.date.fromisoformat(str(cell.value))
                cell.value = f"{day.month:02d}/{day.day:02d}/{day.year}"

    _edit(path, us_text)
    result = _ok(validate_path(path))
    _same_data(result, expected)
    assert [p.code for p in result.warnings] == ["date_month_first"]


def test_french_dates_with_a_time_keep_their_date(tables: Tables, tmp_path: Path) -> None:
    expected = _ok(validate_path(tables.write_csv(tmp_path / "plain")))

    def with_time(column: str, value: str) -> str:
        if column == TestCol.TEST_DATE and value:
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y 14:30")
        return value

    _same_data(_ok(validate_path(tables.write_csv(tmp_path / "t", cell_map=with_time))), expected)


# --- 5. What people write instead of codes -------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "codes"),
    [
        (
            ["Villes de plus de 50 000 habitants", "VILLES DE 20 000 À 50 000 HABITANTS"],
            ["city_50k_plus", "city_20k_50k"],
        ),
        (
            ["Cities over 50,000 inhabitants", "Cities of 20,000–50,000 inhabitants"],
            ["city_50k_plus", "city_20k_50k"],
        ),
        (["villes de plus de 50 000 habitants", "Cities of 20,000-50,000 inhabitants"], None),
        (["Conseils regionaux", "Regional councils"], ["region", "region"]),
    ],
)
def test_category_labels_are_read_as_the_category(
    tables: Tables, tmp_path: Path, labels: list[str], codes: list[str] | None
) -> None:
    expected = _ok(validate_path(tables.write_csv(tmp_path / "codes")))
    indexes = (0, 1) if codes is None or codes[0] != "region" else (2, 2)
    for index, label in zip(indexes, labels, strict=True):
        tables.structures[index][StructureCol.CATEGORY] = label
        result = _ok(validate_path(tables.write_csv(tmp_path / f"labels-{label[:5]}")))
        assert result.problems == ()
    _same_data(result, expected)


def test_unknown_codes_get_the_closest_code_and_label(tables: Tables, tmp_path: Path) -> None:
    tables.structures[0][StructureCol.CATEGORY] = "Conseil départemental"
    tables.structures[1][StructureCol.CATEGORY] = "mairie"
    tables.structures[2][StructureCol.REGION_CODE] = "Grand-Est"
    tables.tests[1][TestCol.CHANNEL] = "Téléphone"
    tables.tests[2][TestCol.CHANNEL] = "pigeon"
    result = validate_path(tables.write_csv(tmp_path / "csv"))
    found = [(p.row, p.code) for p in result.errors]
    assert found == [
        (2, "category_did_you_mean"),
        (3, "unknown_category"),
        (4, "region_did_you_mean"),
        (3, "channel_did_you_mean"),
        (4, "unknown_channel"),
    ]
    department, _, region, phone, _ = result.errors
    assert "vouliez-vous dire « department » (Conseils départementaux) ?" in _plain(
        department.message("fr")
    )
    assert "did you mean “department” (Departmental councils)?" in department.message("en")
    assert "vouliez-vous dire « 44 » (Grand Est)" in _plain(region.message("fr"))
    assert "did you mean “phone” (Phone)?" in phone.message("en")


@pytest.mark.parametrize(
    ("column", "value", "code", "suggestion"),
    [
        (StructureCol.DEPARTMENT_CODE, "67.0", "department_as_number", "67"),
        (StructureCol.DEPARTMENT_CODE, "6", "department_leading_zero", "06"),
        (StructureCol.REGION_CODE, "44.0", "region_as_number", "44"),
        (StructureCol.REGION_CODE, "6.0", "region_as_number", "06"),
        (StructureCol.REGION_CODE, "6,00", "region_as_number", "06"),
    ],
)
def test_a_code_written_as_a_number_gets_the_code(
    tables: Tables, tmp_path: Path, column: str, value: str, code: str, suggestion: str
) -> None:
    tables.structures[0][column] = value
    result = validate_path(tables.write_csv(tmp_path / "csv"))
    found = [(p.code, p.params.get("suggestion")) for p in result.errors if p.column == column]
    assert found == [(code, suggestion)]
    assert f"attendu « {suggestion} »" in _plain(result.errors[0].message("fr"))


@pytest.mark.parametrize(("true", "false"), [("VRAI", "FAUX"), ("vrai", "faux"), ("Vrai", "Faux")])
def test_vrai_faux_are_booleans(tables: Tables, tmp_path: Path, true: str, false: str) -> None:
    expected = _ok(validate_path(tables.write_csv(tmp_path / "plain")))
    spelled = {"true": true, "false": false}
    folder = tables.write_csv(tmp_path / "fr", sep=";", cell_map=lambda c, v: spelled.get(v, v))
    assert true in (folder / "tests.csv").read_text()
    _same_data(_ok(validate_path(folder)), expected)


@pytest.mark.parametrize(
    ("index", "column", "value"),
    [
        (6, TestCol.RINGS, "4"),  # a phone call not answered cannot have rung 4 times
        (3, TestCol.RESPONSE_DAYS, "12"),  # a letter not answered has no response time
    ],
)
def test_measures_stay_empty_when_not_answered(
    tables: Tables, tmp_path: Path, index: int, column: str, value: str
) -> None:
    tables.tests[index][column] = value
    result = validate_path(tables.write_csv(tmp_path / "csv"))
    assert [(p.code, p.row, p.column) for p in result.problems] == [
        ("measure_not_answered", index + 2, column)
    ]
    assert "doit rester vide pour un test sans réponse" in _plain(result.problems[0].message())


# --- 6. Warnings readable at scale ---------------------------------------------------------


def test_warnings_are_grouped_by_kind_after_the_errors(tmp_path: Path) -> None:
    tables = Tables()
    tables.tests[0][TestCol.SCORE] = "180"
    tables.tests[5][TestCol.CHANNEL] = "fax"
    for row in tables.tests:
        if row[TestCol.TEST_DATE]:
            day = dt.date.fromisoformat(row[TestCol.TEST_DATE])
            row[TestCol.TEST_DATE] = f"{day.month}/{day.day + 12}/{day.year}"
    tables.structures.extend(
        {**tables.structures[2], StructureCol.STRUCTURE_ID: f"R{i}"} for i in range(7)
    )
    result = validate_path(tables.write_csv(tmp_path / "csv"))
    groups = group_problems(result.problems)
    assert [(g.first.severity, g.first.code, g.count, g.rows) for g in groups] == [
        ("error", "score_out_of_range", 1, (2,)),
        ("error", "unknown_channel", 1, (7,)),
        ("warning", "structure_without_test", 7, (5, 6, 7, 8, 9)),
        ("warning", "date_month_first", 1, ()),
    ]
    out = io.StringIO()
    assert main(["validate", str(tmp_path / "csv")], out=out) == 1
    lines = _plain(out.getvalue()).splitlines()
    assert [line.split(" ")[0] for line in lines[:4]] == ["ERREUR"] * 2 + ["AVERTISSEMENT"] * 2
    assert lines[2].endswith("[7 lignes de ce type, dont : 5, 6, 7, 8, 9…]")
    assert "2 erreurs, 8 avertissements." in lines[4]
    out = io.StringIO()
    main(["--lang", "en", "validate", str(tmp_path / "csv")], out=out)
    assert "[7 rows like this, including: 5, 6, 7, 8, 9…]" in out.getvalue()


def test_the_report_has_the_same_lines_as_the_console(tmp_path: Path) -> None:
    tables = Tables()
    tables.tests[3][TestCol.SCORE] = "abc"
    tables.structures.extend(
        {**tables.structures[2], StructureCol.STRUCTURE_ID: f"R{i}"} for i in range(1200)
    )
    report = tmp_path / "rapport.csv"
    out = io.StringIO()
    assert (
        main(
            ["validate", str(tables.write_csv(tmp_path / "csv")), "--report", str(report)], out=out
        )
        == 1
    )
    rows = list(csv.reader(io.StringIO(report.read_text("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 2
    assert body[0][0] == "erreur" and body[0][3] == "5" and body[0][5] == "F"
    warning = dict(zip(header, body[1], strict=True))
    assert warning["Gravité"] == "avertissement"
    assert warning["Nombre de lignes"] == "1200"
    assert warning["Premières lignes"] == "5, 6, 7, 8, 9…"
    console = [
        line for line in _plain(out.getvalue()).splitlines() if line.startswith(("ERR", "AV"))
    ]
    assert len(console) == 2 and "1 200 lignes de ce type" in console[1]
    # The report holds the same sentence as the console, for the first row of the kind.
    assert _plain(warning["Problème"]) in console[1]


def test_problems_frame_groups_like_the_console() -> None:
    warnings = [
        Problem(
            "warning",
            "s.csv",
            S,
            row,
            StructureCol.STRUCTURE_ID,
            f"S{row}",
            "structure_without_test",
        )
        for row in range(2, 12)
    ]
    error = Problem(
        "error", "t.csv", T, 9, TestCol.SCORE, "x", "score_out_of_range", {"min": 0, "max": 100}
    )
    frame = problems_frame([*warnings, error], "en")
    assert frame["Severity"].tolist() == ["error", "warning"]
    assert frame["Number of rows"].tolist() == [1, 10]
    assert frame["First rows"].tolist() == ["9", "2, 3, 4, 5, 6…"]


# --- A refused file changes nothing --------------------------------------------------------


def _formulas(tmp_path: Path) -> Path:
    path = Tables().write_xlsx(tmp_path / "script.xlsx")
    return _edit(path, lambda wb: wb["tests"].cell(row=3, column=6, value="=1+1"))


def _mixed_line(tmp_path: Path) -> Path:
    folder = Tables().write_csv(tmp_path / "mixedline")
    text = Tables().csv_text(S).replace("Région", "R\x00gion-Îlé")
    (folder / "structures.csv").write_bytes(text.encode().replace(b"\x00", b"\xe9"))
    return folder


def _orders(tmp_path: Path) -> Path:
    tables = Tables()
    tables.tests[0][TestCol.TEST_DATE] = "25/03/2022"
    tables.tests[1][TestCol.TEST_DATE] = "3/13/2022"
    return tables.write_csv(tmp_path / "orders")


def _unknown_header(tmp_path: Path) -> Path:
    tables = Tables()
    tables.dropped.add(TestCol.SCORE)
    return _csv_with_title(tables, tmp_path / "titled", ["Titre", ""])


@pytest.mark.parametrize("bad", [_formulas, _mixed_line, _orders, _unknown_header])
def test_a_refused_file_leaves_the_store_unchanged(tmp_path: Path, bad: object) -> None:
    store = DatasetStore(tmp_path / "data")
    good = store.import_path(_accented(Tables()).write_csv(tmp_path / "good"))
    assert good.dataset is not None
    before = store.info()
    refused = store.import_path(bad(tmp_path))  # type: ignore[operator]
    assert refused.dataset is None and refused.errors
    after = DatasetStore(tmp_path / "data")
    assert after.active_version() == good.dataset.version
    assert after.info() == before
    pd.testing.assert_frame_equal(after.active().structures, good.dataset.structures)


# --- The shared cases (../shared/cases/import-quirks/) -------------------------------------

shared = pytest.mark.skipif(
    not (SHARED_CASES / "_base").is_dir(),
    reason=f"the shared import cases are not here ({SHARED_CASES}): nothing to compare with",
)


@pytest.fixture(scope="module")
def base() -> ValidationResult:
    return _ok(validate_path(SHARED_CASES / "_base"))


@shared
@pytest.mark.parametrize("case", ["mixed-encoding-concat", "utf16-unicode-text"])
def test_shared_text_cases_load_equal_to_base(base: ValidationResult, case: str) -> None:
    result = _ok(validate_path(SHARED_CASES / case))
    _same_data(result, base)
    assert result.dataset is not None and base.dataset is not None
    names = result.dataset.structures[StructureCol.NAME].tolist()
    assert names == base.dataset.structures[StructureCol.NAME].tolist()
    assert "Département fictif n° 87" in names and "Région fictive n° 1" in names
    assert not any("Ã" in name or "\ufffd" in name for name in names)


@shared
def test_shared_title_row_case_finds_its_header(base: ValidationResult) -> None:
    result = _ok(validate_path(SHARED_CASES / "xlsx-title-row" / "barometre.xlsx"))
    _same_data(result, base)
    assert [(p.code, p.row) for p in result.warnings] == [
        ("header_row_found", 3),
        ("header_row_found", 3),
    ]


@shared
def test_shared_formula_case_is_refused_naming_each_cell() -> None:
    result = validate_path(SHARED_CASES / "xlsx-formulas-no-cache" / "barometre.xlsx")
    assert result.dataset is None
    assert [(p.code, p.row, p.params["cell"]) for p in result.problems] == [
        ("formula_not_computed", row, f"F{row}") for row in range(2, 7)
    ]
    for problem in result.problems:
        assert "Excel ou LibreOffice" in problem.message("fr")
        assert "empty" not in problem.message("en")
