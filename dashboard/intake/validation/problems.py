"""The problem model and the report (contract §4): what one problem says in each language,
problems grouped as the console and the `--report` CSV show them, and the validation result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

import pandas as pd

from dashboard.i18n import category_label, channel_label, format_number, normalise_lang, translate
from dashboard.intake.geography import department_name, region_name
from dashboard.intake.model import Dataset

Severity = Literal["error", "warning"]
ERROR: Final = "error"
WARNING: Final = "warning"

# The code of the line that counts the rows of one kind beyond those listed.
MORE_PROBLEMS: Final = "more_problems"
# Values longer than this are shortened inside messages (the `value` field keeps them whole).
MESSAGE_VALUE_MAX_CHARS: Final = 80
REPORT_VALUE_MAX_CHARS: Final = 1_000

# Rows listed with a group of warnings of one kind (console and report).
FIRST_ROWS_SHOWN: Final = 5

# Params shown with the locale's digit grouping ("12 345"); others (years, rows) as they are.
_GROUPED_PARAMS: Final[frozenset[str]] = frozenset({"count", "size_mb", "max_mb", "shown"})
_FORMULA_STARTS: Final[tuple[str, ...]] = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """One problem found in an import: where it is, what was found, what was expected (§4).

    `column` is the column's name (normalised header), `letter` its spreadsheet letter in a
    CSV file or a sheet ("" for Parquet, or when not known). Params named in `_PARAM_LABELS`
    hold a code whose label (category, channel, region, department) the message shows in its
    language; a `cause` param names a `validation.cause.*` text.
    """

    severity: Severity
    file: str
    table: str
    row: int | None
    column: str | None
    value: str | None
    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)
    letter: str = ""

    def message(self, lang: str = "fr") -> str:
        """The full sentence in `lang`: what was found and what was expected."""
        values: dict[str, object] = {
            "file": self.file,
            "table": self.table,
            "row": "" if self.row is None else self.row,
            "column": self.column or "",
            "value": _shorten(self.value or "", MESSAGE_VALUE_MAX_CHARS),
        }
        for key, param in self.params.items():
            values[key] = _param_text(key, param, lang)
        if isinstance(self.params.get("count"), int):
            # `{n}` shows the count in the locale's format; `count` picks the plural form.
            values["n"], values["count"] = values["count"], self.params["count"]
        for key, (label_key, label) in _PARAM_LABELS.items():
            if key in self.params:
                values[label_key] = label(str(self.params[key]), lang)
        if "cause" in self.params:
            cause_params = {k: v for k, v in values.items() if k != "cause"}
            values["cause"] = translate(
                f"validation.cause.{self.params['cause']}", lang, **cause_params
            )
        return translate(f"validation.{self.code}", lang, **values)

    def location(self, lang: str = "fr") -> str:
        """Where the problem is: file, table, row and column (with its letter) as far as known."""
        parts = [self.file] if self.file else []
        if self.table:
            parts.append(translate("validation.where.table", lang, table=self.table))
        if self.row is not None:
            parts.append(translate("validation.where.row", lang, row=self.row))
        if self.column and self.letter:
            parts.append(
                translate(
                    "validation.where.column_letter", lang, column=self.column, letter=self.letter
                )
            )
        elif self.column:
            parts.append(translate("validation.where.column", lang, column=self.column))
        elif self.letter:
            parts.append(translate("validation.where.letter_only", lang, letter=self.letter))
        return ", ".join(parts)

    def describe(self, lang: str = "fr") -> str:
        """Location and message in one line, for logs and the command line."""
        where = self.location(lang)
        separator = "\u00a0: " if normalise_lang(lang) == "fr" else ": "
        return f"{where}{separator}{self.message(lang)}" if where else self.message(lang)

    @property
    def kind(self) -> tuple[str, str, str, str, str]:
        """What makes two problems the same kind: severity, file, table, column and code (a
        line counting more rows of a kind belongs to that kind)."""
        code = (
            str(self.params.get("of_code", self.code)) if self.code == MORE_PROBLEMS else self.code
        )
        return (self.severity, self.file, self.table, self.column or self.letter, code)


def _code_label(labels: Callable[[str], str | None]) -> Callable[[str, str], str]:
    def label(code: str, lang: str) -> str:
        return labels(code) or ""

    return label


# Params that hold a code, the placeholder of its label and how to find the label.
_PARAM_LABELS: Final[dict[str, tuple[str, Callable[[str, str], str]]]] = {
    "category_suggestion": ("label", category_label),
    "channel_suggestion": ("label", channel_label),
    "region_suggestion": ("label", _code_label(region_name)),
    "department_suggestion": ("label", _code_label(department_name)),
}


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one kind shown as one line: the first, how many rows, the first rows.

    An error is its own group (count 1); warnings of one kind (same file, table, column and
    code) are grouped, `count` counting every row (listed or not) and `rows` holding the first
    `FIRST_ROWS_SHOWN` row numbers.
    """

    first: Problem
    count: int
    rows: tuple[int, ...]


def group_problems(problems: Sequence[Problem]) -> list[ProblemGroup]:
    """Errors first, one by one, then warnings grouped by kind in order of first appearance
    (§4): what the console and the `--report` CSV show."""
    groups: list[ProblemGroup] = [
        ProblemGroup(p, 1, () if p.row is None else (p.row,))
        for p in problems
        if p.severity == ERROR
    ]
    kinds: dict[tuple[str, str, str, str, str], list[Problem]] = {}
    for problem in problems:
        if problem.severity == WARNING:
            kinds.setdefault(problem.kind, []).append(problem)
    for members in kinds.values():
        listed = [p for p in members if p.code != MORE_PROBLEMS]
        more = sum(int(str(p.params.get("count", 0))) for p in members if p.code == MORE_PROBLEMS)
        first = listed[0] if listed else members[0]
        rows = tuple(p.row for p in listed if p.row is not None)[:FIRST_ROWS_SHOWN]
        groups.append(ProblemGroup(first, len(listed) + more, rows))
    return groups


class Checked:
    """What every validation result has: its problems, split into errors and warnings (§4).
    A subclass (a frozen dataclass) holds `problems` and what was validated."""

    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that stop the import."""
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The problems that do not stop the import."""
        return tuple(p for p in self.problems if p.severity == WARNING)


@dataclass(frozen=True)
class ValidationResult(Checked):
    """The validated dataset (None when there is any error) and every problem found."""

    dataset: Dataset | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Whether the import succeeded (no error; warnings allowed)."""
        return self.dataset is not None and not self.errors


def problems_frame(problems: Sequence[Problem], lang: str = "fr") -> pd.DataFrame:
    """The problems as a table with localised headers, ready for a CSV report (§4).

    The same lines as the console (`group_problems`): errors first, one a line, then the
    warnings grouped by kind, with the number of rows of each line and its first rows.
    """
    keys = (
        "severity",
        "file",
        "table",
        "row",
        "column",
        "letter",
        "value",
        "message",
        "count",
        "rows",
    )
    headers = {key: translate(f"validation.report.{key}", lang) for key in keys}
    groups = group_problems(problems)
    firsts = [g.first for g in groups]
    return pd.DataFrame(
        {
            headers["severity"]: [
                translate(f"validation.severity.{p.severity}", lang) for p in firsts
            ],
            headers["file"]: [_report_text(p.file) for p in firsts],
            headers["table"]: [
                translate(f"table.{p.table}", lang) if p.table else "" for p in firsts
            ],
            headers["row"]: pd.array([p.row for p in firsts], dtype="Int64"),
            headers["column"]: [_report_text(p.column or "") for p in firsts],
            headers["letter"]: [p.letter for p in firsts],
            headers["value"]: [_report_text(p.value or "") for p in firsts],
            headers["message"]: [p.message(lang) for p in firsts],
            headers["count"]: pd.array([g.count for g in groups], dtype="Int64"),
            headers["rows"]: [rows_text(g, lang) for g in groups],
        },
        columns=list(headers.values()),
    )


def rows_text(group: ProblemGroup, lang: str = "fr") -> str:
    """The first rows of a group as a list ("2, 3, 5, 8, 13…" when there are more)."""
    text = ", ".join(str(row) for row in group.rows)
    return text + "…" if text and group.count > len(group.rows) else text


# --- Message and report text ---------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _param_text(key: str, value: object, lang: str) -> object:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) and key in _GROUPED_PARAMS:
        return format_number(value, lang, decimals=0)
    if isinstance(value, float):
        decimals = 0 if value.is_integer() else 2
        return format_number(value, lang, decimals=decimals)
    if isinstance(value, (list, tuple, frozenset, set)):
        return ", ".join(str(v) for v in value)
    return value


def _report_text(text: str) -> str:
    """Text safe to open in a spreadsheet: never read as a formula, never oversized."""
    text = _shorten(text, REPORT_VALUE_MAX_CHARS)
    if text.startswith(_FORMULA_STARTS) and not _is_plain_number(text):
        return "'" + text
    return text


def _is_plain_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True
