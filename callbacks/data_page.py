"""Data page: the active dataset's facts, editions, dictionary, and its downloads (only to a
viewer dashboard.policy.can_download_dataset allows: for others neither the page nor its
callback hands out the named dataset)."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.services import AppServices
from dashboard import policy
from dashboard.i18n import normalise_lang
from dashboard.intake.export import ExportFormat, csv_dialect, export_bytes
from dashboard.pages.data import data_page
from layouts import ids
from layouts.data_page import make_data_page


def build_data_page(services: AppServices, lang: str, search: str | None = None) -> Any:
    """The data page for the active dataset, in `lang`; with the import panel for a viewer
    dashboard.policy.can_import allows (callbacks/uploads.py), and the reports of an edition
    for one dashboard.policy.can_make_report_batch allows (callbacks/report_batch.py)."""
    from callbacks.report_batch import exports_dir, new_token, recent_batches, recent_view
    from callbacks.uploads import upload_panel
    from layouts.reports import make_batch_panel

    content = data_page(services.dataset(), services.store.info(), lang)
    viewer = services.viewer()
    page = make_data_page(
        content,
        lang,
        downloads_offered=services.may_download_dataset(),
        # The operator of an app with no account yet, or an admin.
        import_hint=viewer.is_open_mode or policy.can_import(viewer),
    )
    panel = upload_panel(services, lang, search)
    if panel is not None:
        page.children.insert(1, panel)
    if not policy.can_make_report_batch(services.viewer()):
        return page
    # Consultants and admins: the reports of a whole edition, made in the background.
    recent = recent_view(recent_batches(exports_dir(services)), lang)
    batch = make_batch_panel(services.dataset().editions, new_token(), lang, recent)
    return html.Div([page, batch])


def download_dataset(services: AppServices, which: str | None, lang: Any = "fr") -> Any:
    """The active dataset as a CSV .zip (French Excel's `;` and decimal comma for a French
    page, the contract's `,` and `.` otherwise) or an .xlsx download; nothing (HTTP 204) to
    a viewer dashboard.policy.can_download_dataset refuses, whatever the request says."""
    if not services.may_download_dataset():
        services.refused("dataset download", which)
        raise PreventUpdate
    if which not in (ids.DATA_DOWNLOAD_CSV, ids.DATA_DOWNLOAD_XLSX):
        return no_update
    fmt: ExportFormat = "xlsx" if which == ids.DATA_DOWNLOAD_XLSX else "csv"
    dialect = csv_dialect(normalise_lang(lang))
    filename, content = export_bytes(services.dataset(), fmt, dialect)
    return dcc.send_bytes(content, filename)  # type: ignore[attr-defined,no-untyped-call]


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
