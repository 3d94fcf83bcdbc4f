"""The « Données » page: what dataset is active (source, version, counts, editions) and the
data dictionary (contract §2–3), as display text."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.figures.indicators import edition_counts
from dashboard.i18n import format_number, translate
from dashboard.intake.model import Dataset
from dashboard.intake.schema import (
    MEASURE_CHANNELS,
    STRUCTURE_COLUMNS,
    STRUCTURE_REQUIRED,
    TEST_COLUMNS,
    TEST_REQUIRED,
    Table,
)
from dashboard.intake.store import StoredInfo


@dataclass(frozen=True)
class DataPageContent:
    """The page's text: facts (label, value), the editions' table and the dictionary's."""

    facts: list[tuple[str, str]]
    edition_headers: list[str]
    edition_rows: list[list[str]]
    dictionary_headers: list[str]
    dictionary_rows: list[list[str]]


def dictionary_rows(lang: str) -> list[list[str]]:
    """One row per contract column: name, table, required, rule (§2-3)."""
    rows = []
    yes, no = translate("ui.data.yes", lang), translate("ui.data.no", lang)
    for table, columns, required in (
        (Table.STRUCTURES, STRUCTURE_COLUMNS, STRUCTURE_REQUIRED),
        (Table.TESTS, (*TEST_COLUMNS, "crit_*"), TEST_REQUIRED),
    ):
        for column in columns:
            if column in required:
                need = yes
            elif column in MEASURE_CHANNELS:
                need = translate("ui.data.required_when", lang)
            else:
                need = no
            rows.append(
                [column, translate(f"table.{table}", lang), need,
                 translate(f"ui.dict.{table}.{column}", lang)]
            )  # fmt: skip
    return rows


def data_page(dataset: Dataset, info: StoredInfo, lang: str) -> DataPageContent:
    """The page's text for the active dataset, in `lang`."""
    facts = [
        (
            translate("ui.data.source", lang),
            translate("ui.data.demo_source", lang) if info.is_demo else info.source,
        ),
        (translate("ui.data.version", lang), info.version),
        (
            translate("ui.data.totals", lang),
            translate(
                "ui.data.totals_value",
                lang,
                structures=format_number(len(dataset.structures), lang, 0),
                tests=format_number(len(dataset.tests), lang, 0),
            ),
        ),
        (
            translate("ui.data.editions_count", lang),
            f"{min(dataset.editions)}–{max(dataset.editions)}" if dataset.editions else "–",
        ),
    ]
    if info.imported_at:
        facts.append((translate("ui.data.imported_at", lang), info.imported_at))
    return DataPageContent(
        facts,
        [translate(f"ui.col.{key}", lang) for key in ("edition", "structures", "tests")],
        [
            [str(edition), format_number(structures, lang, 0), format_number(n_tests, lang, 0)]
            for edition, structures, n_tests in edition_counts(dataset)
        ],
        [translate(f"ui.col.{key}", lang) for key in ("column", "table", "required", "rule")],
        dictionary_rows(lang),
    )
