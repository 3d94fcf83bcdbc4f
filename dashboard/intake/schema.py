"""Column names, codes and per-channel rules of the data contract (DATA_CONTRACT.md §2-3).

Every column name, category code and channel code used anywhere in the project comes from
here: no string literal for a column outside this module.
"""

from __future__ import annotations

import re
from typing import Final


def _codes(namespace: type) -> tuple[str, ...]:
    """The upper-case constants of a class of codes, in the order they are written."""
    return tuple(
        value
        for name, value in vars(namespace).items()
        if name.isupper() and isinstance(value, str)
    )


class StructureCol:
    """Columns of the `structures` table (contract §2)."""

    STRUCTURE_ID: Final = "structure_id"
    NAME: Final = "name"
    CATEGORY: Final = "category"
    REGION_CODE: Final = "region_code"
    DEPARTMENT_CODE: Final = "department_code"
    POPULATION: Final = "population"


STRUCTURE_COLUMNS: Final[tuple[str, ...]] = _codes(StructureCol)
STRUCTURE_REQUIRED: Final[frozenset[str]] = frozenset(
    {StructureCol.STRUCTURE_ID, StructureCol.NAME, StructureCol.CATEGORY, StructureCol.REGION_CODE}
)
STRUCTURE_ID_MAX_LEN: Final = 64
NAME_MAX_LEN: Final = 200


class TestCol:
    """Columns of the `tests` table (contract §3)."""

    __test__ = False  # not a pytest test class

    EDITION: Final = "edition"
    STRUCTURE_ID: Final = "structure_id"
    CHANNEL: Final = "channel"
    TEST_ID: Final = "test_id"
    TEST_DATE: Final = "test_date"
    SCORE: Final = "score"
    ANSWERED: Final = "answered"
    RESPONSE_DAYS: Final = "response_days"
    RINGS: Final = "rings"
    FIRST_ATTEMPT: Final = "first_attempt"
    PRIVATE_REPLY: Final = "private_reply"
    ONLINE_PROCEDURES: Final = "online_procedures"
    DIGITAL_SUPPORT: Final = "digital_support"


# Fixed columns of `tests`, in export order; criterion columns (crit_*) follow them.
TEST_COLUMNS: Final[tuple[str, ...]] = _codes(TestCol)
TEST_REQUIRED: Final[frozenset[str]] = frozenset(
    {TestCol.EDITION, TestCol.STRUCTURE_ID, TestCol.CHANNEL, TestCol.TEST_ID, TestCol.SCORE}
)
EDITION_MIN: Final = 2000
EDITION_MAX: Final = 2100
SCORE_MIN: Final = 0.0
SCORE_MAX: Final = 100.0

CRITERION_PREFIX: Final = "crit_"
CRITERION_PATTERN: Final = re.compile(r"^crit_[a-z0-9_]+$")
USUAL_CRITERIA: Final[tuple[str, ...]] = (
    "crit_accessibility",
    "crit_responsiveness",
    "crit_courtesy",
    "crit_personalisation",
    "crit_answer_quality",
)


class Channel:
    """Channel codes (contract §3)."""

    PHYSICAL: Final = "physical"
    PHONE: Final = "phone"
    EMAIL: Final = "email"
    MAIL: Final = "mail"
    WEBSITE: Final = "website"
    SOCIAL: Final = "social"


CHANNELS: Final[tuple[str, ...]] = _codes(Channel)


class Category:
    """Category codes (contract §2)."""

    CITY_50K_PLUS: Final = "city_50k_plus"
    CITY_20K_50K: Final = "city_20k_50k"
    INTERMUNICIPALITY: Final = "intermunicipality"
    DEPARTMENT: Final = "department"
    REGION: Final = "region"
    FRANCE_SERVICES: Final = "france_services"
    SOCIAL_SERVICES: Final = "social_services"
    ECONOMIC_DEVELOPMENT: Final = "economic_development"


CATEGORIES: Final[tuple[str, ...]] = _codes(Category)

# Which channel-specific measures apply to which channel (contract §3). A measure given on
# any other channel is a validation error.
BOOLEAN_MEASURES: Final[tuple[str, ...]] = (
    TestCol.ANSWERED,
    TestCol.FIRST_ATTEMPT,
    TestCol.PRIVATE_REPLY,
    TestCol.ONLINE_PROCEDURES,
    TestCol.DIGITAL_SUPPORT,
)
MEASURE_CHANNELS: Final[dict[str, frozenset[str]]] = {
    TestCol.ANSWERED: frozenset({Channel.PHONE, Channel.EMAIL, Channel.MAIL, Channel.SOCIAL}),
    TestCol.RESPONSE_DAYS: frozenset({Channel.EMAIL, Channel.MAIL, Channel.SOCIAL}),
    TestCol.RINGS: frozenset({Channel.PHONE}),
    TestCol.FIRST_ATTEMPT: frozenset({Channel.PHONE}),
    TestCol.PRIVATE_REPLY: frozenset({Channel.SOCIAL}),
    TestCol.ONLINE_PROCEDURES: frozenset({Channel.WEBSITE}),
    TestCol.DIGITAL_SUPPORT: frozenset({Channel.WEBSITE}),
}
# Measures required on every test of their channels.
MEASURES_REQUIRED_ALWAYS: Final[frozenset[str]] = frozenset(
    {
        TestCol.ANSWERED,
        TestCol.FIRST_ATTEMPT,
        TestCol.PRIVATE_REPLY,
        TestCol.ONLINE_PROCEDURES,
        TestCol.DIGITAL_SUPPORT,
    }
)
# Measures required on their channels only when the test was answered.
MEASURES_REQUIRED_WHEN_ANSWERED: Final[frozenset[str]] = frozenset(
    {TestCol.RESPONSE_DAYS, TestCol.RINGS}
)

REGION_CODES: Final[tuple[str, ...]] = (
    "01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76",
    "84", "93", "94",
)  # fmt: skip


class Table:
    """Table names (contract §1)."""

    STRUCTURES: Final = "structures"
    TESTS: Final = "tests"


TABLES: Final[tuple[str, ...]] = (Table.STRUCTURES, Table.TESTS)


def criterion_columns(columns: object) -> list[str]:
    """The criterion columns (crit_<name>) among `columns`, in their given order."""
    return [c for c in columns if isinstance(c, str) and CRITERION_PATTERN.match(c)]  # type: ignore[attr-defined]


# Per table: every contract column, the required ones, and the date columns (contract §2-3).
TABLE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    Table.STRUCTURES: STRUCTURE_COLUMNS,
    Table.TESTS: TEST_COLUMNS,
}
TABLE_REQUIRED: Final[dict[str, frozenset[str]]] = {
    Table.STRUCTURES: STRUCTURE_REQUIRED,
    Table.TESTS: TEST_REQUIRED,
}
DATE_COLUMNS: Final[dict[str, frozenset[str]]] = {
    Table.STRUCTURES: frozenset(),
    Table.TESTS: frozenset({TestCol.TEST_DATE}),
}
