"""The contract's columns and codes, in the contract's order (DATA_CONTRACT.md §2-3).

The tuples are read from the classes that name the codes: adding a constant to a class adds it
to the tuple, and the tuple keeps the order the contract's tables give (export order).
"""

from __future__ import annotations

from dashboard.intake.schema import (
    CATEGORIES,
    CHANNELS,
    STRUCTURE_COLUMNS,
    TEST_COLUMNS,
    Channel,
    StructureCol,
)


def test_structure_columns_follow_the_contract_table() -> None:
    assert STRUCTURE_COLUMNS == (
        "structure_id",
        "name",
        "category",
        "region_code",
        "department_code",
        "population",
    )


def test_test_columns_follow_the_contract_table() -> None:
    assert TEST_COLUMNS == (
        "edition",
        "structure_id",
        "channel",
        "test_id",
        "test_date",
        "score",
        "answered",
        "response_days",
        "rings",
        "first_attempt",
        "private_reply",
        "online_procedures",
        "digital_support",
    )


def test_codes_follow_the_contract() -> None:
    assert CHANNELS == ("physical", "phone", "email", "mail", "website", "social")
    assert CATEGORIES == (
        "city_50k_plus",
        "city_20k_50k",
        "intermunicipality",
        "department",
        "region",
        "france_services",
        "social_services",
        "economic_development",
    )


def test_each_tuple_is_its_class_constants() -> None:
    assert StructureCol.POPULATION in STRUCTURE_COLUMNS
    assert CHANNELS[-1] == Channel.SOCIAL
    assert "__test__" not in TEST_COLUMNS
