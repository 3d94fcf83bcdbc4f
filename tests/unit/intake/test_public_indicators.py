"""Public indicator tables (issue 17, contract §7): reading the long format and the Etalab
detail files as published, and every validation rule, on small files written here (they run
without ../shared). Row numbers are as the user's program shows them: CSV header on line 1,
so the i-th data row is line i + 2.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest

from dashboard.i18n import LANGS
from dashboard.intake.public_indicators import (
    Direction,
    IndicatorCol,
    Level,
    SourceFormat,
    period_year,
    suggest_indicator_id,
    validate_indicator_file,
)
from dashboard.intake.validation import Problem

LONG_HEADER = (
    "entity_code",
    "entity_label",
    "indicator_id",
    "indicator_label",
    "period",
    "value",
    "unit",
    "direction",
)
ETALAB_HEADER = (
    "mesure",
    "indicateur",
    "id_indicateur",
    "code_departement",
    "libelle_departement",
    "date",
    "valeur",
    "unite",
)
THEME = "Améliorer la qualité du service rendu à l’usager"
LABEL = "Part des lieux d’accueil du public qui publient leurs résultats"


def long_row(code: str, label: str, period: str, value: str, **changes: str) -> list[str]:
    row = {
        "entity_code": code,
        "entity_label": label,
        "indicator_id": "tx-transparence",
        "indicator_label": "Taux de transparence",
        "period": period,
        "value": value,
        "unit": "% de réseaux",
        "direction": "",
    }
    row.update(changes)
    return [row[c] for c in LONG_HEADER]


VALID_ROWS: list[list[str]] = [
    long_row("01", "Ain", "2021", "26"),
    long_row("01", "Ain", "2022", "76"),
    long_row("2A", "Corse-du-Sud", "2021", "50"),
    long_row("2A", "Corse-du-Sud", "2022", "92"),
    long_row("2B", "Haute-Corse", "2022", "82"),
    long_row("971", "Guadeloupe", "2022", "80"),
    long_row("976", "Mayotte", "2022", "78"),
]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    header: Sequence[str] = LONG_HEADER,
    *,
    sep: str = ",",
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=sep, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def problems_of(result: object, code: str) -> list[Problem]:
    problems: tuple[Problem, ...] = result.problems  # type: ignore[attr-defined]
    return [p for p in problems if p.code == code]


def assert_readable(problems: Sequence[Problem]) -> None:
    """Every message exists in both languages and has no placeholder left unfilled."""
    for problem in problems:
        for lang in LANGS:
            text = problem.describe(lang)
            assert "{" not in text and "}" not in text, text


# --- Reading --------------------------------------------------------------------------------


def test_long_format_loads_with_codes_as_text(tmp_path: Path) -> None:
    result = validate_indicator_file(write_csv(tmp_path / "long.csv", VALID_ROWS))
    assert result.ok, [p.describe("en") for p in result.problems]
    table = result.table
    assert table is not None
    rows = table.rows
    assert list(rows[IndicatorCol.ENTITY_CODE]) == ["01", "01", "2A", "2A", "2B", "971", "976"]
    assert set(rows[IndicatorCol.ENTITY_LEVEL]) == {"department"}
    assert rows[IndicatorCol.PERIOD].dtype == "int64"
    assert list(rows[IndicatorCol.VALUE]) == [26.0, 76.0, 50.0, 92.0, 82.0, 80.0, 78.0]
    info = table.indicator("tx-transparence")
    assert info is not None
    # The unit is shown as given and the values are never rescaled (76, not 0.76).
    assert info.unit == "% de réseaux"
    assert info.direction == Direction.HIGHER_IS_BETTER
    assert info.periods == (2021, 2022)
    assert info.n_entities == 5
    assert table.source == "long.csv"
    assert table.source_format == SourceFormat.LONG


@pytest.mark.parametrize(
    ("sep", "encoding", "decimal"),
    [
        (";", "cp1252", ","),  # French Excel's CSV
        (";", "utf-8-sig", ","),
        (",", "utf-8", "."),
        ("\t", "utf-16", ","),  # Excel's "Unicode Text"
    ],
)
def test_csv_as_french_programs_write_it(
    tmp_path: Path, sep: str, encoding: str, decimal: str
) -> None:
    rows = [long_row("2A", "Corse-du-Sud", "2022", f"92{decimal}5", unit="‰ des lieux")]
    path = write_csv(tmp_path / "fr.csv", rows, sep=sep, encoding=encoding)
    result = validate_indicator_file(path)
    assert result.ok, [p.describe("en") for p in result.problems]
    assert result.table is not None
    row = result.table.rows.iloc[0]
    assert row[IndicatorCol.VALUE] == 92.5
    assert row[IndicatorCol.UNIT] == "‰ des lieux"
    assert row[IndicatorCol.ENTITY_LABEL] == "Corse-du-Sud"


def test_xlsx_with_a_title_and_native_cells(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Indicateurs publics 2022"])
    sheet.append([])
    sheet.append(list(LONG_HEADER))
    sheet.append(["01", "Ain", "tx-a", "Taux A", 2022, 76.5, "%", ""])
    sheet.append(["2B", "Haute-Corse", "tx-a", "Taux A", "31/12/2022", 82, "%", ""])
    sheet.append([1, "Ain", "tx-a", "Taux A", 2021, 26, "%", ""])  # a code typed as a number
    path = tmp_path / "indicateurs.xlsx"
    workbook.save(path)
    result = validate_indicator_file(path)
    errors = result.errors
    # Rows as the sheet shows them: the header is on row 3, the number 1 on row 6.
    assert [(p.row, p.column, p.value, p.code) for p in errors] == [
        (6, "entity_code", "1", "indicators.department_leading_zero")
    ]
    assert errors[0].params["suggestion"] == "01"
    assert [p.code for p in result.warnings] == ["header_row_found"]


def test_xlsx_first_sheet_holding_the_table(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Notes"
    notes.append(["Source : Etalab"])
    data = workbook.create_sheet("Données")
    data.append(list(LONG_HEADER))
    data.append(["2A", "Corse-du-Sud", "tx-a", "Taux A", "2022", "92", "%", ""])
    path = tmp_path / "classeur.xlsx"
    workbook.save(path)
    result = validate_indicator_file(path)
    assert result.ok
    assert result.table is not None
    assert list(result.table.rows[IndicatorCol.ENTITY_CODE]) == ["2A"]


def etalab_rows() -> list[list[str]]:
    rows = []
    for code, label, values in (
        ("01", "Ain", ("6.0", "76.0")),
        ("2A", "Corse-du-Sud", ("9.0", "92.0")),
        ("971", "Guadeloupe", ("3.0", "80.0")),
    ):
        for year, value in zip(("2017", "2022"), values, strict=True):
            indicator = [THEME, LABEL, "tx-transparence-resultats"]
            rows.append([*indicator, code, label, f"{year}-12-31", value, "% de réseaux"])
    return rows


def test_etalab_detail_file_maps_to_the_long_format(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "detail.csv", etalab_rows(), ETALAB_HEADER)
    result = validate_indicator_file(path)
    assert result.ok, [p.describe("en") for p in result.problems]
    table = result.table
    assert table is not None
    assert table.source_format == SourceFormat.ETALAB_DEPARTMENTS
    info = table.indicator("tx-transparence-resultats")
    assert info is not None
    assert (info.label, info.unit, info.theme) == (LABEL, "% de réseaux", THEME)
    assert info.periods == (2017, 2022)
    rows = table.rows
    assert list(rows[IndicatorCol.ENTITY_CODE].unique()) == ["01", "2A", "971"]
    assert list(rows[IndicatorCol.PERIOD_AS_GIVEN])[:2] == ["2017-12-31", "2022-12-31"]
    assert set(rows[IndicatorCol.ENTITY_LEVEL]) == {Level.DEPARTMENT.value}


def test_etalab_regional_detail_file_is_regions(tmp_path: Path) -> None:
    header = [c.replace("departement", "region") for c in ETALAB_HEADER]
    indicator = ["Plan 1 jeune 1 solution", "Recrutements", "nombre-recrutements-jeunes"]
    rows = [
        [*indicator, "94", "Corse", "2021-07-31", "11986", "Recrutements"],
        [*indicator, "01", "Guadeloupe", "2021-07-31", "7074", "Recrutements"],
    ]
    result = validate_indicator_file(write_csv(tmp_path / "regional.csv", rows, header))
    assert result.ok, [p.describe("en") for p in result.problems]
    assert result.table is not None
    assert set(result.table.rows[IndicatorCol.ENTITY_LEVEL]) == {Level.REGION.value}
    assert result.table.source_format == SourceFormat.ETALAB_REGIONS


def test_etalab_synthesis_file_is_refused_naming_the_detail_file(tmp_path: Path) -> None:
    header = [
        "mesure",
        "indicateur",
        "id_indicateur",
        "code_departement",
        "libelle_departement",
        "valeur_actuelle",
        "date_valeur_actuelle",
        "valeur_initiale",
        "date_valeur_initiale",
        "unite",
    ]
    row = [THEME, LABEL, "tx-a", "01", "Ain", "76.0", "2022-12-31", "6.0", "2017-12-31", "%"]
    result = validate_indicator_file(write_csv(tmp_path / "synthese.csv", [row], header))
    assert result.table is None
    [problem] = result.errors
    assert problem.code == "indicators.synthesis_file"
    assert "detail" in problem.message("fr") and "detail" in problem.message("en")
    assert_readable(result.problems)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("absent.csv", None, "indicators.file_not_found"),
        ("table.ods", b"x", "indicators.unsupported_file"),
        ("broken.xlsx", b"not a zip", "indicators.not_xlsx"),
        ("empty.csv", b"", "csv_no_header"),
    ],
)
def test_files_that_cannot_be_read(
    tmp_path: Path, name: str, content: bytes | None, code: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = validate_indicator_file(path)
    assert result.table is None
    assert [p.code for p in result.errors] == [code]
    assert_readable(result.problems)


# --- Columns --------------------------------------------------------------------------------


def test_missing_column_names_the_expected_columns(tmp_path: Path) -> None:
    header = [c for c in LONG_HEADER if c != "value"]
    rows = [[c for c, h in zip(r, LONG_HEADER, strict=True) if h != "value"] for r in VALID_ROWS]
    result = validate_indicator_file(write_csv(tmp_path / "no-value.csv", rows, header))
    [problem] = result.errors
    assert (problem.code, problem.column) == ("indicators.missing_column", "value")
    assert "entity_code, entity_label" in problem.message("en")
    assert_readable(result.problems)


def test_missing_etalab_column_is_named_as_the_file_names_it(tmp_path: Path) -> None:
    header = [c for c in ETALAB_HEADER if c != "valeur"]
    rows = [r[:6] + r[7:] for r in etalab_rows()]
    result = validate_indicator_file(write_csv(tmp_path / "detail.csv", rows, header))
    assert [(p.code, p.column) for p in result.errors] == [("indicators.missing_column", "valeur")]


def test_unknown_column_is_a_warning(tmp_path: Path) -> None:
    rows = [[*r, "note"] for r in VALID_ROWS]
    result = validate_indicator_file(write_csv(tmp_path / "x.csv", rows, [*LONG_HEADER, "remark"]))
    assert result.ok
    assert [(p.code, p.column) for p in result.warnings] == [("unknown_column", "remark")]


def test_header_only_is_an_empty_table(tmp_path: Path) -> None:
    result = validate_indicator_file(write_csv(tmp_path / "empty.csv", []))
    assert [p.code for p in result.errors] == ["indicators.table_empty"]
    assert_readable(result.problems)


# --- Entities -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "problem", "suggestion"),
    [
        ("1", "indicators.department_leading_zero", "01"),
        ("1.0", "indicators.department_as_number", "01"),
        ("6,0", "indicators.department_as_number", "06"),
        ("Corse du Sud", "indicators.department_did_you_mean", "2A"),
        # No level given and not a department code: the message says both.
        ("20", "indicators.code_needs_level", None),
        ("975", "indicators.code_needs_level", None),
    ],
)
def test_department_codes(tmp_path: Path, code: str, problem: str, suggestion: str | None) -> None:
    rows = [*VALID_ROWS, long_row(code, "Ain", "2023", "5")]
    result = validate_indicator_file(write_csv(tmp_path / "codes.csv", rows))
    [error] = result.errors
    assert (error.code, error.row, error.column, error.value) == (
        problem,
        len(rows) + 1,
        "entity_code",
        code,
    )
    if suggestion is not None:
        assert error.params["suggestion"] == suggestion
        assert f"“{suggestion}”" in error.message("en")
    assert_readable(result.problems)


def test_unknown_code_of_a_given_level(tmp_path: Path) -> None:
    rows = with_level(
        [long_row("20", "Corse", "2022", "1"), long_row("05", "Martinique", "2022", "1")],
        ["department", "region"],
    )
    header = [*LONG_HEADER, "entity_level"]
    result = validate_indicator_file(write_csv(tmp_path / "unknown.csv", rows, header))
    assert [(p.row, p.code) for p in result.errors] == [
        (2, "indicators.unknown_department"),
        (3, "indicators.unknown_region"),
    ]
    assert_readable(result.problems)


def test_lowercase_corsica_is_read_as_its_code(tmp_path: Path) -> None:
    rows = [
        long_row("2a", "Corse-du-Sud", "2022", "92"),
        long_row("2b", "Haute-Corse", "2022", "8"),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "corse.csv", rows))
    assert result.table is not None
    assert list(result.table.rows[IndicatorCol.ENTITY_CODE]) == ["2A", "2B"]


def with_level(rows: Sequence[Sequence[str]], levels: Sequence[str]) -> list[list[str]]:
    return [[*row, level] for row, level in zip(rows, levels, strict=True)]


def test_explicit_levels(tmp_path: Path) -> None:
    rows = [
        long_row("84", "Auvergne-Rhône-Alpes", "2022", "1"),
        long_row("84", "Vaucluse", "2022", "2"),
        long_row("200046977", "Métropole de Lyon", "2022", "3"),
        long_row("1", "Guadeloupe", "2022", "4"),
    ]
    levels = ["Région", "department", "other", "region"]
    header = [*LONG_HEADER, "entity_level"]
    result = validate_indicator_file(
        write_csv(tmp_path / "levels.csv", with_level(rows, levels), header)
    )
    # The region code 1 has lost its leading zero; the same code 84 is two entities.
    assert [(p.row, p.code) for p in result.errors] == [(5, "indicators.region_leading_zero")]
    rows[3] = long_row("01", "Guadeloupe", "2022", "4")
    result = validate_indicator_file(
        write_csv(tmp_path / "levels.csv", with_level(rows, levels), header)
    )
    assert result.ok
    assert result.table is not None
    assert list(result.table.rows[IndicatorCol.ENTITY_LEVEL]) == [
        "region",
        "department",
        "other",
        "region",
    ]


def test_invalid_level(tmp_path: Path) -> None:
    header = [*LONG_HEADER, "entity_level"]
    rows = with_level(VALID_ROWS[:1], ["commune"])
    result = validate_indicator_file(write_csv(tmp_path / "lvl.csv", rows, header))
    assert [(p.code, p.value) for p in result.errors] == [("indicators.level_invalid", "commune")]
    assert_readable(result.problems)


def test_codes_that_are_no_department_need_a_level(tmp_path: Path) -> None:
    rows = [*VALID_ROWS, long_row("200046977", "Métropole de Lyon", "2022", "3")]
    result = validate_indicator_file(write_csv(tmp_path / "epci.csv", rows))
    [error] = result.errors
    assert (error.code, error.row) == ("indicators.code_needs_level", 9)
    assert "entity_level" in error.message("fr")


def test_regional_table_without_level_is_not_read_as_departments(tmp_path: Path) -> None:
    # Every region code is also a department code: the labels tell a regional table.
    rows = [
        long_row("94", "Corse", "2022", "1"),
        long_row("84", "Auvergne-Rhône-Alpes", "2022", "2"),
        long_row("75", "Paris", "2022", "3"),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "regions.csv", rows))
    assert [(p.row, p.code) for p in result.errors] == [
        (2, "indicators.looks_like_region"),
        (3, "indicators.looks_like_region"),
    ]
    assert "Val-de-Marne" in result.errors[0].message("fr")
    assert_readable(result.problems)


def test_one_entity_with_two_labels_is_a_warning(tmp_path: Path) -> None:
    rows = [*VALID_ROWS, long_row("01", "Département de l'Ain", "2023", "80")]
    result = validate_indicator_file(write_csv(tmp_path / "labels.csv", rows))
    assert result.ok
    [warning] = result.warnings
    assert (warning.code, warning.row, warning.params["first_row"]) == (
        "indicators.entity_label_conflict",
        9,
        2,
    )
    assert result.table is not None
    # The first label is shown everywhere.
    assert set(result.table.rows.loc[result.table.rows["entity_code"] == "01", "entity_label"]) == {
        "Ain"
    }


def test_required_cells_may_not_be_empty(tmp_path: Path) -> None:
    rows = [
        long_row("", "Ain", "2022", "1"),
        long_row("02", "", "2022", "1"),
        long_row("03", "Allier", "2022", "", indicator_id=""),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "empty-cells.csv", rows))
    assert sorted((p.row, p.column) for p in result.errors if p.code == "required_empty") == [
        (2, "entity_code"),
        (3, "entity_label"),
        (4, "indicator_id"),
        (4, "value"),
    ]


# --- Indicators -----------------------------------------------------------------------------


def test_indicator_id_with_two_labels_names_both_labels_and_their_rows(tmp_path: Path) -> None:
    rows = [*VALID_ROWS]
    rows[4] = long_row("2B", "Haute-Corse", "2022", "82", indicator_label="Taux (révisé)")
    rows[6] = long_row("976", "Mayotte", "2022", "78", indicator_label="Taux (révisé)")
    result = validate_indicator_file(write_csv(tmp_path / "labels.csv", rows))
    [error] = result.errors
    assert (error.code, error.row, error.column, error.value) == (
        "indicators.label_conflict",
        6,
        "indicator_label",
        "Taux (révisé)",
    )
    for lang, words in (("fr", ("ligne 2", "2 lignes : 6, 8")), ("en", ("row 2", "2 rows: 6, 8"))):
        message = error.message(lang).replace("\xa0", " ")
        assert "Taux de transparence" in message and "Taux (révisé)" in message
        for word in words:
            assert word in message
    assert_readable(result.problems)


def test_invalid_indicator_id_suggests_one(tmp_path: Path) -> None:
    rows = [long_row("01", "Ain", "2022", "1", indicator_id="Taux Transparence (%)")]
    result = validate_indicator_file(write_csv(tmp_path / "id.csv", rows))
    [error] = result.errors
    assert error.code == "indicators.id_invalid"
    assert error.params["suggestion"] == "taux-transparence"
    assert suggest_indicator_id("Délai moyen — jours") == "delai-moyen-jours"


def test_unit_as_given_one_per_indicator(tmp_path: Path) -> None:
    rows = [*VALID_ROWS, long_row("02", "Aisne", "2022", "0.76", unit="taux")]
    result = validate_indicator_file(write_csv(tmp_path / "units.csv", rows))
    [error] = result.errors
    assert (error.code, error.row, error.value) == ("indicators.unit_conflict", 9, "taux")
    assert error.params["first_value"] == "% de réseaux"
    assert_readable(result.problems)


def test_unit_given_on_some_rows_applies_to_the_indicator(tmp_path: Path) -> None:
    rows = [long_row("01", "Ain", "2022", "1"), long_row("02", "Aisne", "2022", "2", unit="")]
    result = validate_indicator_file(write_csv(tmp_path / "unit.csv", rows))
    assert result.table is not None
    assert set(result.table.rows[IndicatorCol.UNIT]) == {"% de réseaux"}


def test_directions(tmp_path: Path) -> None:
    rows = [
        long_row("01", "Ain", "2022", "3", indicator_id="delai", direction="LOWER_IS_BETTER"),
        long_row("02", "Aisne", "2022", "5", indicator_id="delai"),
        long_row("01", "Ain", "2022", "76"),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "dir.csv", rows))
    assert result.table is not None
    delay = result.table.indicator("delai")
    rate = result.table.indicator("tx-transparence")
    assert delay is not None and rate is not None
    assert delay.direction == Direction.LOWER_IS_BETTER
    assert rate.direction == Direction.HIGHER_IS_BETTER  # the default

    rows.append(long_row("03", "Allier", "2022", "4", indicator_id="delai", direction="higher"))
    rows.append(
        long_row("04", "Alpes", "2022", "4", indicator_id="delai", direction="higher_is_better")
    )
    result = validate_indicator_file(write_csv(tmp_path / "dir.csv", rows))
    assert [(p.row, p.code) for p in result.errors] == [
        (5, "indicators.direction_invalid"),
        (6, "indicators.direction_conflict"),
    ]
    assert_readable(result.problems)


# --- Periods and values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2022", 2022),
        ("2022-12-31", 2022),
        ("31/12/2022", 2022),
        ("12/31/2022", 2022),  # month first: the same year
        ("2022-12-31 00:00:00", 2022),
        ("2022-02-30", None),
        ("22", None),
        ("2022-13", None),
        ("décembre 2022", None),
    ],
)
def test_period_year(text: str, year: int | None) -> None:
    assert period_year(text) == year


def test_invalid_period_and_value(tmp_path: Path) -> None:
    rows = [
        long_row("01", "Ain", "T4 2022", "1"),
        long_row("02", "Aisne", "2022", "douze"),
        long_row("03", "Allier", "2022", "1 234,5"),
        long_row("04", "Alpes", "2022", "nan"),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "bad.csv", rows))
    assert [(p.row, p.column, p.code) for p in result.errors] == [
        (2, "period", "indicators.period_invalid"),
        (3, "value", "indicators.value_invalid"),
        (5, "value", "indicators.value_invalid"),
    ]
    assert_readable(result.problems)


def test_duplicated_entity_indicator_period_names_both_rows(tmp_path: Path) -> None:
    rows = [*VALID_ROWS, long_row("2A", "Corse-du-Sud", "2022", "93")]
    result = validate_indicator_file(write_csv(tmp_path / "dup.csv", rows))
    [error] = result.errors
    assert (error.code, error.row, error.params["first_row"]) == ("indicators.duplicate", 9, 5)
    for lang in LANGS:
        message = error.describe(lang)
        assert "9" in message and "5" in message and "2A" in message
    assert_readable(result.problems)


def test_two_dates_of_one_year_are_one_period(tmp_path: Path) -> None:
    rows = [
        long_row("01", "Ain", "2022-06-30", "70"),
        long_row("01", "Ain", "31/12/2022", "76"),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "dates.csv", rows))
    [error] = result.errors
    assert (error.code, error.row, error.params["first_row"]) == ("indicators.duplicate_year", 3, 2)
    assert "2022-06-30" in error.message("en") and "year" in error.message("en")


def test_the_same_code_at_two_levels_is_no_duplicate(tmp_path: Path) -> None:
    rows = with_level(
        [long_row("01", "Ain", "2022", "1"), long_row("01", "Guadeloupe", "2022", "2")],
        ["department", "region"],
    )
    result = validate_indicator_file(
        write_csv(tmp_path / "levels.csv", rows, [*LONG_HEADER, "entity_level"])
    )
    assert result.ok


def test_every_problem_of_a_bad_file_is_reported(tmp_path: Path) -> None:
    """§4: every problem, not only the first, each with row, column and value."""
    rows = [
        long_row("1", "Ain", "2022", "x"),
        long_row("2A", "Corse-du-Sud", "2022", "9", direction="up"),
        long_row("2A", "Corse-du-Sud", "2022", "9"),
    ]
    result = validate_indicator_file(write_csv(tmp_path / "bad.csv", rows))
    assert [(p.row, p.column) for p in result.errors] == [
        (2, "entity_code"),
        (2, "value"),
        (3, "direction"),
        (4, "period"),
    ]
    assert all(p.value is not None for p in result.errors)
    assert_readable(result.problems)


def test_dynamic_catalog_keys_exist() -> None:
    from dashboard.i18n import CATALOG

    keys = [
        *(f"indicators.direction.{d.value}" for d in Direction),
        *(f"indicators.level.{level.value}" for level in Level),
        *(
            f"validation.indicators.{level}_{kind}"
            for level in ("department", "region")
            for kind in ("leading_zero", "as_number", "did_you_mean")
        ),
        "validation.indicators.unknown_department",
        "validation.indicators.unknown_region",
    ]
    assert [k for k in keys if k not in CATALOG] == []
