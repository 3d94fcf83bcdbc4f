"""Validation of raw tables: every problem reported with its place and message (contract §2-4)."""

from __future__ import annotations

import copy
import string
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from dashboard.i18n import CATALOG
from dashboard.intake.loading import read_dataset
from dashboard.intake.model import STRUCTURE_DTYPES, TEST_DTYPES
from dashboard.intake.schema import StructureCol, TestCol
from dashboard.intake.validation import (
    Problem,
    ValidationResult,
    collector,
    problems_frame,
    validate,
    validate_path,
    validate_tables,
)
from tests.unit.conftest import PROBLEM_REPORT_COLUMNS_FR, Tables

S = "structures"
T = "tests"


def _validate(tables: Tables, tmp_path: Path, name: str = "csv") -> ValidationResult:
    return validate_path(tables.write_csv(tmp_path / name))


def _codes(result: ValidationResult) -> list[str]:
    return [p.code for p in result.problems]


# --- The valid dataset ---------------------------------------------------------------------


def test_valid_dataset_has_no_problem_and_canonical_dtypes(tables: Tables, tmp_path: Path) -> None:
    result = _validate(tables, tmp_path)
    assert result.ok and result.problems == ()
    assert result.errors == () and result.warnings == ()
    dataset = result.dataset
    assert dataset is not None
    assert dataset.source == "csv"
    assert {c: str(t) for c, t in dataset.structures.dtypes.items()} == STRUCTURE_DTYPES
    test_dtypes = {c: str(t) for c, t in dataset.tests.dtypes.items()}
    assert test_dtypes == {
        **TEST_DTYPES,
        "crit_accessibility": "float64",
        "crit_courtesy": "float64",
    }
    tests = dataset.tests
    assert tests[TestCol.EDITION].tolist() == [2022] * len(tables.tests)
    assert tests[TestCol.SCORE].tolist()[:3] == [86.5, 72.0, 64.25]
    assert tests[TestCol.TEST_DATE][0] == pd.Timestamp("2022-03-01")
    assert pd.isna(tests[TestCol.TEST_DATE][7])
    assert tests[TestCol.RINGS].tolist()[:2] == [pd.NA, 3]
    assert tests[TestCol.ANSWERED].tolist()[:4] == [pd.NA, True, True, False]
    assert tests[TestCol.RESPONSE_DAYS].tolist()[2] == 4.5
    assert pd.isna(tests["crit_courtesy"][1])
    structures = dataset.structures
    assert structures[StructureCol.POPULATION].tolist() == [290576, 41365, pd.NA]
    assert pd.isna(structures[StructureCol.DEPARTMENT_CODE][2])
    assert structures[StructureCol.DEPARTMENT_CODE][1] == "01"


def test_validate_tables_on_raw_tables(tables: Tables, tmp_path: Path) -> None:
    raw = read_dataset(tables.write_csv(tmp_path / "csv"))
    result = validate_tables(raw)
    assert result.ok
    # validate_tables leaves the caller's raw tables as they were.
    assert len(raw.tests.frame) == len(tables.tests)


def test_cells_are_trimmed_and_codes_case_insensitive(tables: Tables, tmp_path: Path) -> None:
    expected = _validate(tables, tmp_path, "plain").dataset
    tables.structures[0][StructureCol.CATEGORY] = " City_50K_Plus "
    tables.structures[2][StructureCol.STRUCTURE_ID] = "REGION-GE  "
    tables.tests[0][TestCol.CHANNEL] = "PHYSICAL"
    tables.tests[1][TestCol.SCORE] = " 72 "
    tables.structures[1][StructureCol.DEPARTMENT_CODE] = "01"
    result = _validate(tables, tmp_path, "padded")
    assert result.ok and expected is not None and result.dataset is not None
    assert result.dataset.version == expected.version


def test_corsica_and_overseas_departments(tables: Tables, tmp_path: Path) -> None:
    tables.structures[0].update(
        {StructureCol.REGION_CODE: "94", StructureCol.DEPARTMENT_CODE: "2a"}
    )
    tables.structures[1].update(
        {StructureCol.REGION_CODE: "06", StructureCol.DEPARTMENT_CODE: "976"}
    )
    result = _validate(tables, tmp_path)
    assert result.ok, [p.describe("en") for p in result.problems]
    assert result.dataset is not None
    assert result.dataset.structures[StructureCol.DEPARTMENT_CODE].tolist()[:2] == ["2A", "976"]


# --- One test per kind of cell error -------------------------------------------------------


@dataclass(frozen=True)
class Case:
    table: str
    index: int  # row in Tables.structures / Tables.tests; CSV line index + 2
    column: str
    value: str
    code: str
    fr: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


CASES = [
    # structures
    Case(S, 0, StructureCol.STRUCTURE_ID, "", "required_empty", ("obligatoire",), ("required",)),
    Case(S, 1, StructureCol.STRUCTURE_ID, "X" * 65, "id_too_long", ("65", "64"), ("65", "64")),
    Case(S, 1, StructureCol.NAME, "", "required_empty", ("name",), ("name",)),
    Case(S, 1, StructureCol.NAME, "N" * 201, "name_too_long", ("201", "200"), ("201", "200")),
    Case(S, 0, StructureCol.CATEGORY, "ville", "unknown_category", ("city_50k_plus",), ("region",)),
    Case(S, 0, StructureCol.CATEGORY, "", "required_empty", ("category",), ("category",)),
    Case(S, 0, StructureCol.REGION_CODE, "99", "unknown_region", ("99", "84"), ("INSEE", "44")),
    Case(S, 0, StructureCol.REGION_CODE, "", "required_empty", ("région", "region_code")[1:]),
    Case(S, 1, StructureCol.REGION_CODE, "4", "region_leading_zero", ("« 04 »", "zéro")),
    Case(S, 0, StructureCol.DEPARTMENT_CODE, "20", "unknown_department", ("2A",), ("2B",)),
    Case(S, 1, StructureCol.DEPARTMENT_CODE, "1", "department_leading_zero", ("01",), ("01",)),
    Case(
        S, 0, StructureCol.DEPARTMENT_CODE, "01", "department_not_in_region", ("44", "84"), ("84",)
    ),
    Case(S, 0, StructureCol.POPULATION, "-5", "not_non_negative_integer", ("entier",), ("whole",)),
    Case(S, 0, StructureCol.POPULATION, "12.5", "not_non_negative_integer", ("12.5",), ("zero",)),
    Case(S, 1, StructureCol.POPULATION, "beaucoup", "not_non_negative_integer"),
    # tests
    Case(T, 0, TestCol.EDITION, "1999", "edition_invalid", ("2000", "2100"), ("2000", "2100")),
    Case(T, 0, TestCol.EDITION, "2022.5", "edition_invalid", ("année",), ("year",)),
    Case(T, 0, TestCol.EDITION, "", "required_empty", ("edition",), ("edition",)),
    Case(T, 0, TestCol.STRUCTURE_ID, "MAIRIE-X", "unknown_structure", ("MAIRIE-X",), ("MAIRIE-X",)),
    Case(T, 0, TestCol.STRUCTURE_ID, "", "required_empty"),
    Case(T, 0, TestCol.CHANNEL, "fax", "unknown_channel", ("fax", "physical"), ("social",)),
    Case(T, 0, TestCol.CHANNEL, "", "required_empty"),
    Case(T, 3, TestCol.TEST_ID, "", "required_empty", ("test_id",), ("test_id",)),
    Case(T, 0, TestCol.TEST_DATE, "2022-02-30", "date_invalid", ("AAAA-MM-JJ",), ("YYYY-MM-DD",)),
    Case(T, 0, TestCol.TEST_DATE, "32/01/2022", "date_invalid", ("JJ/MM/AAAA",), ("DD/MM/YYYY",)),
    Case(T, 0, TestCol.TEST_DATE, "mars 2022", "date_invalid"),
    Case(T, 1, TestCol.TEST_DATE, "2021-12-31", "date_outside_edition", ("2022",), ("2022",)),
    Case(T, 1, TestCol.TEST_DATE, "01/01/2023", "date_outside_edition", ("2022",), ("2022",)),
    Case(T, 0, TestCol.SCORE, "120", "score_out_of_range", ("0", "100"), ("between 0 and 100",)),
    Case(T, 0, TestCol.SCORE, "-0.5", "score_out_of_range"),
    Case(T, 0, TestCol.SCORE, "excellent", "score_out_of_range", ("excellent",), ("number",)),
    Case(T, 0, TestCol.SCORE, "NaN", "score_out_of_range"),
    Case(T, 0, TestCol.SCORE, "", "required_empty", ("score",), ("score",)),
    Case(
        T, 0, "crit_courtesy", "101", "score_out_of_range", ("crit_courtesy",), ("crit_courtesy",)
    ),
    Case(T, 1, TestCol.ANSWERED, "", "measure_required", ("phone",), ("phone",)),
    Case(T, 3, TestCol.ANSWERED, "", "measure_required", ("mail",), ("mail",)),
    Case(T, 1, TestCol.ANSWERED, "peut-être", "boolean_invalid", ("oui/non",), ("yes/no",)),
    Case(T, 2, TestCol.RESPONSE_DAYS, "", "measure_required_when_answered", ("email",)),
    Case(T, 5, TestCol.RESPONSE_DAYS, "", "measure_required_when_answered", (), ("social",)),
    Case(T, 3, TestCol.RESPONSE_DAYS, "3", "measure_not_answered", ("vide",), ("empty",)),
    Case(T, 2, TestCol.RESPONSE_DAYS, "-2", "not_non_negative_number", ("positif",), ("zero",)),
    Case(T, 2, TestCol.RESPONSE_DAYS, "vite", "not_non_negative_number"),
    Case(T, 1, TestCol.RINGS, "", "measure_required_when_answered", ("phone",), ("answered",)),
    Case(T, 1, TestCol.RINGS, "2.5", "not_non_negative_integer", ("entier",), ("whole",)),
    Case(T, 1, TestCol.RINGS, "-1", "not_non_negative_integer"),
    Case(T, 6, TestCol.RINGS, "2", "measure_not_answered", ("rings",), ("rings",)),
    Case(T, 1, TestCol.FIRST_ATTEMPT, "", "measure_required", ("first_attempt",)),
    Case(T, 1, TestCol.FIRST_ATTEMPT, "ja", "boolean_invalid", ("vrai/faux",), ("true/false",)),
    Case(T, 5, TestCol.PRIVATE_REPLY, "", "measure_required", ("social",), ("social",)),
    Case(T, 4, TestCol.ONLINE_PROCEDURES, "", "measure_required", ("website",)),
    Case(T, 4, TestCol.DIGITAL_SUPPORT, "", "measure_required", (), ("website",)),
    Case(T, 4, TestCol.DIGITAL_SUPPORT, "maybe", "boolean_invalid"),
    Case(T, 2, TestCol.RINGS, "3", "measure_not_applicable", ("email", "phone"), ("email",)),
    Case(T, 0, TestCol.ANSWERED, "true", "measure_not_applicable", ("physical",), ("physical",)),
    Case(T, 1, TestCol.PRIVATE_REPLY, "false", "measure_not_applicable", ("social",)),
    Case(T, 0, TestCol.ONLINE_PROCEDURES, "true", "measure_not_applicable", ("website",)),
    Case(T, 4, TestCol.RESPONSE_DAYS, "2", "measure_not_applicable", ("website",)),
    Case(T, 0, TestCol.FIRST_ATTEMPT, "oui", "measure_not_applicable", ("« oui »",), ("“oui”",)),
]


@pytest.mark.parametrize(
    "case", CASES, ids=lambda c: f"{c.table}.{c.column}={c.value[:12]!r}:{c.code}"
)
def test_cell_error(tables: Tables, tmp_path: Path, case: Case) -> None:
    rows = tables.structures if case.table == S else tables.tests
    rows[case.index][case.column] = case.value
    result = _validate(tables, tmp_path)
    assert result.dataset is None and not result.ok
    matching = [p for p in result.errors if p.code == case.code]
    assert len(matching) == 1, [p.describe("en") for p in result.problems]
    problem = matching[0]
    assert problem.severity == "error"
    assert problem.file == f"{case.table}.csv"
    assert problem.table == case.table
    assert problem.row == case.index + 2  # the CSV line: header on line 1
    assert problem.column == case.column
    assert problem.value == case.value
    french, english = problem.message("fr"), problem.message("en")
    assert french != english
    for text in (french, english):
        assert "{" not in text and "}" not in text
        if case.value.strip():
            assert case.value[:40] in text
    for needle in case.fr:
        assert needle.replace(" ", "\u00a0") in french.replace(" ", "\u00a0"), french
    for needle in case.en:
        assert needle in english, english
    assert "attendu" in french and "expected" in english


def test_duplicate_structure_id(tables: Tables, tmp_path: Path) -> None:
    duplicate = copy.deepcopy(tables.structures[0])
    duplicate[StructureCol.NAME] = "Homonyme"
    tables.structures.append(duplicate)
    tables.structures.append(copy.deepcopy(duplicate))
    result = _validate(tables, tmp_path)
    problems = [p for p in result.errors if p.code == "duplicate_structure_id"]
    assert [(p.row, p.params["first_row"]) for p in problems] == [(5, 2), (6, 2)]
    assert problems[0].value == "VILLE-STRASBOURG"
    assert "ligne 2" in problems[0].message("fr") and "row 2" in problems[0].message("en")


def test_duplicate_test_id_within_edition_structure_channel(tables: Tables, tmp_path: Path) -> None:
    # T1 is used by three structures already (different keys): fine. Two more copies of the
    # email test of Strasbourg are errors, each pointing at the first.
    tables.tests.append(copy.deepcopy(tables.tests[2]))
    tables.tests.append(copy.deepcopy(tables.tests[2]))
    other_edition = copy.deepcopy(tables.tests[2])
    other_edition.update({TestCol.EDITION: "2021", TestCol.TEST_DATE: "2021-05-01"})
    tables.tests.append(other_edition)
    result = _validate(tables, tmp_path)
    assert _codes(result) == ["duplicate_test_id", "duplicate_test_id"]
    assert [(p.row, p.params["first_row"]) for p in result.problems] == [(10, 4), (11, 4)]
    assert all(p.value == "T3" and p.column == TestCol.TEST_ID for p in result.problems)
    assert "4" in result.problems[0].message("fr")


# --- Columns -------------------------------------------------------------------------------


def test_missing_required_column(tables: Tables, tmp_path: Path) -> None:
    tables.dropped = {TestCol.SCORE, StructureCol.CATEGORY}
    result = _validate(tables, tmp_path)
    assert [(p.code, p.table, p.column, p.row) for p in result.problems] == [
        ("missing_column", S, StructureCol.CATEGORY, None),
        ("missing_column", T, TestCol.SCORE, None),
    ]
    assert "score" in result.problems[1].message("fr")
    assert "missing" in result.problems[1].message("en")


def test_optional_columns_may_be_absent(tables: Tables, tmp_path: Path) -> None:
    tables.dropped = {StructureCol.POPULATION, StructureCol.DEPARTMENT_CODE, TestCol.TEST_DATE}
    tables.dropped |= {"crit_accessibility", "crit_courtesy"}
    result = _validate(tables, tmp_path)
    assert result.ok, [p.describe("en") for p in result.problems]
    assert result.dataset is not None
    assert result.dataset.criteria == []
    assert result.dataset.tests[TestCol.TEST_DATE].isna().all()


def test_measure_column_missing_while_needed(tables: Tables, tmp_path: Path) -> None:
    tables.dropped = {TestCol.RINGS}
    result = _validate(tables, tmp_path)
    assert [(p.code, p.column, p.row) for p in result.problems] == [
        ("measure_column_missing", TestCol.RINGS, None)
    ]
    assert result.problems[0].params["count"] == 1
    assert "phone" in result.problems[0].message("fr")


def test_duplicate_column_after_normalisation(tables: Tables, tmp_path: Path) -> None:
    for row in tables.tests:
        row[" SCORE "] = row[TestCol.SCORE]
    result = _validate(tables, tmp_path)
    assert [(p.code, p.column, p.row) for p in result.problems] == [
        ("duplicate_column", TestCol.SCORE, None)
    ]
    assert "SCORE" in result.problems[0].message("fr")


@pytest.mark.parametrize("header", ["crit_Courtesy!", "crit_é", "crit_", "crit_a-b"])
def test_invalid_criterion_names(tables: Tables, tmp_path: Path, header: str) -> None:
    for row in tables.tests:
        row[header] = "50"
    result = _validate(tables, tmp_path)
    assert [(p.code, p.column) for p in result.problems] == [("criterion_name_invalid", header)]
    assert header in result.problems[0].message("fr")
    assert "crit_" in result.problems[0].message("en")


def test_criterion_names_are_lowercased(tables: Tables, tmp_path: Path) -> None:
    for row in tables.tests:
        row["CRIT_Sp_Plus_2022"] = "50"
    result = _validate(tables, tmp_path)
    assert result.ok and result.dataset is not None
    assert "crit_sp_plus_2022" in result.dataset.criteria


def test_empty_tests_table(tables: Tables, tmp_path: Path) -> None:
    tables.tests = []
    result = _validate(tables, tmp_path)
    codes = _codes(result)
    assert "table_empty" in codes
    assert result.dataset is None


# --- Warnings ------------------------------------------------------------------------------


def test_unknown_column_is_a_warning_and_dropped(tables: Tables, tmp_path: Path) -> None:
    for row in tables.tests:
        row["Commentaire"] = "RAS"
    result = _validate(tables, tmp_path)
    assert result.ok
    assert [(p.severity, p.code, p.column) for p in result.problems] == [
        ("warning", "unknown_column", "Commentaire")
    ]
    assert "ignorée" in result.problems[0].message("fr")
    assert result.dataset is not None and "commentaire" not in result.dataset.tests.columns


def test_structure_without_test_is_a_warning(tables: Tables, tmp_path: Path) -> None:
    extra = copy.deepcopy(tables.structures[1])
    extra[StructureCol.STRUCTURE_ID] = "VILLE-OYONNAX"
    tables.structures.append(extra)
    result = _validate(tables, tmp_path)
    assert result.ok and result.dataset is not None
    assert [(p.severity, p.code, p.row, p.value) for p in result.problems] == [
        ("warning", "structure_without_test", 5, "VILLE-OYONNAX")
    ]
    assert len(result.dataset.structures) == 4


def test_unnamed_column_with_values_is_a_warning(tables: Tables, tmp_path: Path) -> None:
    folder = tables.write_csv(tmp_path / "csv")
    text = (folder / "structures.csv").read_bytes().decode()
    lines = text.split("\r\n")
    lines = [lines[0] + ","] + [line + ",x" if line else line for line in lines[1:]]
    (folder / "structures.csv").write_bytes("\r\n".join(lines).encode())
    result = validate_path(folder)
    assert result.ok
    assert [(p.code, p.params["position"]) for p in result.problems] == [("unnamed_column", 7)]


# --- Many problems -------------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported(tables: Tables, tmp_path: Path) -> None:
    tables.structures[1][StructureCol.CATEGORY] = "mairie"
    tables.tests[0][TestCol.SCORE] = "101"
    tables.tests[2][TestCol.RINGS] = "1"
    tables.tests[4][TestCol.TEST_DATE] = "2020-01-01"
    tables.tests[6][TestCol.CHANNEL] = "pigeon"
    tables.tests[7][TestCol.SCORE] = "abc"
    tables.tests[7]["crit_courtesy"] = "200"
    for row in tables.tests:
        row["remarque"] = ""
    result = _validate(tables, tmp_path)
    assert result.dataset is None
    found = [(p.table, p.row, p.column, p.code) for p in result.problems]
    assert found == [
        (S, 3, StructureCol.CATEGORY, "unknown_category"),
        (T, None, "remarque", "unknown_column"),
        (T, 2, TestCol.SCORE, "score_out_of_range"),
        (T, 4, TestCol.RINGS, "measure_not_applicable"),
        (T, 6, TestCol.TEST_DATE, "date_outside_edition"),
        (T, 8, TestCol.CHANNEL, "unknown_channel"),
        (T, 9, TestCol.SCORE, "score_out_of_range"),
        (T, 9, "crit_courtesy", "score_out_of_range"),
    ]
    assert len(result.errors) == 7 and len(result.warnings) == 1


def test_problems_of_one_kind_are_capped_with_a_count(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collector, "MAX_PROBLEMS_PER_KIND", 2)
    for row in tables.tests:
        row[TestCol.SCORE] = "n/a"
    result = _validate(tables, tmp_path)
    scores = [p for p in result.problems if p.column == TestCol.SCORE]
    assert [p.code for p in scores] == ["score_out_of_range", "score_out_of_range", "more_problems"]
    assert [p.row for p in scores] == [2, 3, None]
    summary = scores[-1]
    assert summary.params["count"] == len(tables.tests) - 2
    assert "6 autres lignes" in summary.message("fr")
    assert "6 more rows" in summary.message("en")


def test_xlsx_problems_give_sheet_rows(tables: Tables, tmp_path: Path) -> None:
    tables.tests[3][TestCol.SCORE] = 150
    path = tables.write_xlsx(tmp_path / "barometre.xlsx")
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    workbook["tests"].insert_rows(3)  # a blank row 3 pushes the bad test to row 6
    workbook.save(path)
    result = validate_path(path)
    assert [(p.file, p.table, p.row, p.column, p.value) for p in result.problems] == [
        ("barometre.xlsx", T, 6, TestCol.SCORE, "150")
    ]


def test_parquet_problems_give_positions(tables: Tables, tmp_path: Path) -> None:
    tables.tests[3][TestCol.SCORE] = "150"
    result = validate_path(tables.write_parquet(tmp_path / "pq"))
    assert [(p.file, p.row, p.value) for p in result.problems] == [("tests.parquet", 4, "150")]


# --- Messages and report -------------------------------------------------------------------


def test_every_validation_message_has_the_same_placeholders_in_both_languages() -> None:
    keys = [key for key in CATALOG if key.startswith("validation.")]
    assert len(keys) > 50
    formatter = string.Formatter()
    for key in keys:
        forms = {
            lang: list(text.values()) if isinstance(text, dict) else [text]
            for lang, text in CATALOG[key].items()
        }
        fields = {
            frozenset(name for _, name, _, _ in formatter.parse(form) if name)
            for lang in ("fr", "en")
            for form in forms[lang]
        }
        assert len(fields) == 1, key
        assert all(form != "" for lang in ("fr", "en") for form in forms[lang])


def test_french_messages_use_no_break_spaces() -> None:
    problem = Problem(
        "error",
        "tests.csv",
        T,
        4,
        TestCol.SCORE,
        "120",
        "score_out_of_range",
        {
            "min": 0,
            "max": 100,
        },
    )
    assert problem.message() == (
        "«\u00a0120\u00a0» n'est pas valable dans la colonne «\u00a0score\u00a0»\u00a0: "
        "attendu un nombre entre 0 et 100."
    )
    assert problem.message("en") == (
        "“120” is not valid in the column “score”: expected a number between 0 and 100."
    )
    assert problem.describe("en").startswith("tests.csv, table “tests”, row 4, column “score”: ")


def test_long_values_are_shortened_in_messages() -> None:
    problem = Problem(
        "error",
        "s.csv",
        S,
        2,
        StructureCol.CATEGORY,
        "x" * 500,
        "unknown_category",
        {"expected": ["region"]},
    )
    assert len(problem.message("en")) < 200
    assert problem.value == "x" * 500


def test_problems_frame_for_a_spreadsheet_report(tables: Tables, tmp_path: Path) -> None:
    tables.tests[0][TestCol.CHANNEL] = '=HYPERLINK("http://x")'
    tables.tests[1][TestCol.SCORE] = "-5"
    for row in tables.tests:
        row["notes"] = ""
    result = _validate(tables, tmp_path)
    frame = problems_frame(result.problems)
    assert list(frame.columns) == PROBLEM_REPORT_COLUMNS_FR
    # Errors first, then the warnings.
    assert frame["Gravité"].tolist() == ["erreur", "erreur", "avertissement"]
    assert str(frame["Ligne"].dtype) == "Int64"
    assert frame["Ligne"].tolist() == [2, 3, pd.NA]
    assert frame["Lettre de colonne"].tolist() == ["C", "F", "P"]
    # A value that a spreadsheet would run as a formula is neutralised; a number is kept.
    assert frame["Valeur trouvée"].tolist()[:2] == ['\'=HYPERLINK("http://x")', "-5"]
    assert frame["Nombre de lignes"].tolist() == [1, 1, 1]
    english = problems_frame(result.problems, "en")
    assert english.columns[0] == "Severity"
    assert english["Severity"].tolist()[2] == "warning"
    assert english["Problem"].tolist()[1].startswith("“-5” is not valid")


def test_problems_frame_of_no_problem_is_empty_with_headers() -> None:
    frame = problems_frame([], "en")
    assert frame.empty and "Problem" in list(frame.columns)


def test_a_bug_in_validation_becomes_a_problem(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(validate, "check_tests", broken)
    result = _validate(tables, tmp_path)
    assert _codes(result) == ["internal_error"]
    assert "KeyError" in result.problems[0].message("en")


def test_a_value_that_must_stay_empty_is_reported_once(tables: Tables, tmp_path: Path) -> None:
    tables.tests[3][TestCol.RESPONSE_DAYS] = "jamais"  # an unanswered letter
    result = _validate(tables, tmp_path)
    assert [(p.code, p.row) for p in result.problems] == [("measure_not_answered", 5)]


def test_an_empty_path_is_not_the_current_folder() -> None:
    result = validate_path("")
    assert [p.code for p in result.problems] == ["file_not_found"]
