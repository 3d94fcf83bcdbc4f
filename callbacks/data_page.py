"""Data page: the active dataset's facts, editions, dictionary, and its downloads (named mode
only: in anonymous mode neither the page nor its callback hands out the named dataset)."""

from __future__ import annotations

import logging
from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.services import AppServices
from dashboard.figures.indicators import edition_counts
from dashboard.i18n import format_number, normalise_lang, translate
from dashboard.intake.export import csv_dialect, export_bytes
from dashboard.intake.schema import (
    MEASURE_CHANNELS,
    STRUCTURE_COLUMNS,
    STRUCTURE_REQUIRED,
    TEST_COLUMNS,
    TEST_REQUIRED,
    Table,
)
from layouts import ids
from layouts.data_page import make_data_page

logger = logging.getLogger(__name__)


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


def build_data_page(services: AppServices, lang: str) -> Any:
    """The data page for the active dataset, in `lang`."""
    dataset = services.dataset()
    info = services.store.info()
    tests = dataset.tests
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
                tests=format_number(len(tests), lang, 0),
            ),
        ),
        (
            translate("ui.data.editions_count", lang),
            f"{min(dataset.editions)}–{max(dataset.editions)}" if dataset.editions else "–",
        ),
    ]
    if info.imported_at:
        facts.append((translate("ui.data.imported_at", lang), info.imported_at))
    edition_rows = [
        [str(edition), format_number(structures, lang, 0), format_number(n_tests, lang, 0)]
        for edition, structures, n_tests in edition_counts(dataset)
    ]
    return make_data_page(
        facts,
        [translate("ui.col.edition", lang), translate("ui.col.structures", lang),
         translate("ui.col.tests", lang)],
        edition_rows,
        [translate("ui.col.column", lang), translate("ui.col.table", lang),
         translate("ui.col.required", lang), translate("ui.col.rule", lang)],
        dictionary_rows(lang),
        lang,
        downloads_offered=services.may_download_dataset(),
    )  # fmt: skip


def download_dataset(services: AppServices, which: str | None, lang: Any = "fr") -> Any:
    """The active dataset as a CSV .zip (French Excel's `;` and decimal comma for a French
    page, the contract's `,` and `.` otherwise) or an .xlsx download; nothing (HTTP 204) in
    anonymous mode, whatever the request says."""
    if not services.may_download_dataset():
        logger.warning("dataset download refused: the app runs in anonymous mode")
        raise PreventUpdate
    if which not in (ids.DATA_DOWNLOAD_CSV, ids.DATA_DOWNLOAD_XLSX):
        return no_update
    fmt = "xlsx" if which == ids.DATA_DOWNLOAD_XLSX else "csv"
    dialect = csv_dialect(normalise_lang(lang))
    filename, content = export_bytes(services.dataset(), fmt, dialect)
    return dcc.send_bytes(content, filename)


def register(app: Dash, services: AppServices) -> None:
    """Wire the data page's download."""

    @app.callback(
        Output(ids.DATA_DOWNLOAD, "data"),
        Input(ids.DATA_DOWNLOAD_CSV, "n_clicks"),
        Input(ids.DATA_DOWNLOAD_XLSX, "n_clicks"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _download(_csv: int | None, _xlsx: int | None, lang: Any) -> Any:
        return download_dataset(services, ctx.triggered_id, lang)
