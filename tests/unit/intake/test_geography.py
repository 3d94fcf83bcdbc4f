"""Reference tables of regions and departments (contract §2)."""

from __future__ import annotations

import pytest

from dashboard.intake import geography, schema
from dashboard.intake.schema import StructureCol

REGION_CODE = StructureCol.REGION_CODE
DEPARTMENT_CODE = StructureCol.DEPARTMENT_CODE
NAME = StructureCol.NAME

EXPECTED_DEPARTMENT_CODES = {f"{n:02d}" for n in range(1, 96) if n != 20} | {
    "2A",
    "2B",
    "971",
    "972",
    "973",
    "974",
    "976",
}


def test_eighteen_regions_with_the_schema_codes() -> None:
    frame = geography.regions()
    assert list(frame.columns) == [REGION_CODE, NAME]
    assert len(frame) == 18
    assert tuple(frame[REGION_CODE]) == schema.REGION_CODES


def test_one_hundred_and_one_departments() -> None:
    frame = geography.departments()
    assert list(frame.columns) == [DEPARTMENT_CODE, NAME, REGION_CODE]
    assert len(frame) == 101
    assert frame[DEPARTMENT_CODE].is_unique
    assert set(frame[DEPARTMENT_CODE]) == EXPECTED_DEPARTMENT_CODES


def test_collectivites_d_outre_mer_are_excluded() -> None:
    codes = set(geography.departments()[DEPARTMENT_CODE])
    assert codes.isdisjoint({"975", "977", "978", "984", "986", "987", "988", "989"})
    assert geography.region_name("975") is None


def test_every_department_belongs_to_a_known_region() -> None:
    region_codes = set(geography.regions()[REGION_CODE])
    mapping = geography.region_of_department()
    assert len(mapping) == 101
    assert set(mapping.values()) <= region_codes
    # Every region has at least one department (overseas regions have exactly one).
    assert set(mapping.values()) == region_codes


@pytest.mark.parametrize(
    ("department", "region"),
    [
        ("01", "84"),
        ("67", "44"),
        ("33", "75"),
        ("53", "52"),
        ("31", "76"),
        ("82", "76"),
        ("2A", "94"),
        ("976", "06"),
        ("75", "11"),
    ],
)
def test_known_department_region_pairs(department: str, region: str) -> None:
    assert geography.region_of_department()[department] == region


def test_names_in_french_with_accents() -> None:
    assert geography.region_name("84") == "Auvergne-Rhône-Alpes"
    assert geography.region_name("44") == "Grand Est"
    assert geography.region_name("11") == "Île-de-France"
    assert geography.department_name("01") == "Ain"
    assert geography.department_name("2A") == "Corse-du-Sud"
    assert geography.department_name("976") == "Mayotte"
    assert geography.department_name("20") is None
    assert geography.region_name("1") is None


def test_codes_are_strings_with_leading_zeros_kept() -> None:
    region_codes = list(geography.regions()[REGION_CODE])
    department_codes = list(geography.departments()[DEPARTMENT_CODE])
    for code in [*region_codes, *department_codes, *geography.region_of_department().values()]:
        assert isinstance(code, str)
    assert "01" in region_codes and "06" in region_codes
    assert department_codes[:3] == ["01", "02", "03"]
    assert "2A" in department_codes and "2B" in department_codes


def test_sorted_by_code() -> None:
    region_codes = list(geography.regions()[REGION_CODE])
    department_codes = list(geography.departments()[DEPARTMENT_CODE])
    assert region_codes == sorted(region_codes)
    assert department_codes == sorted(department_codes)


def test_returned_tables_are_copies_of_the_cache() -> None:
    frame = geography.regions()
    frame.loc[0, NAME] = "changed"
    geography.region_of_department()["01"] = "00"
    assert geography.regions().loc[0, NAME] == "Guadeloupe"
    assert geography.region_of_department()["01"] == "84"
