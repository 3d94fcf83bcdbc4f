"""The admin's import panel on « Données » (issue 14, point 5): a plain multipart form (to
/data/upload: the file never goes through a callback), then, for an upload, its progress bar,
its validation report and « Activer »."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import count_text, translate
from dashboard.intake.uploads import ACCEPTED_SUFFIXES
from dashboard.urlstate import with_lang
from layouts import ids
from layouts.components import make_section

UPLOAD_ROUTE = "/data/upload"

# Dash has no <input type="file">: the page renders an empty slot with the control's
# attributes, and assets/upload_input.js puts the real input in it.
FILE_FIELD = "files"
# What the form offers to import (dashboard.intake.uploads.Kind), each named by the catalog's
# accounts.upload.kind_<kind>.
UPLOAD_KINDS = ("dataset", "indicators")


def _form_field(label: str, control_id: str, *controls: Any) -> html.Div:
    """A field of the plain form: its label (for=`control_id`), then its control(s)."""
    return html.Div(
        [html.Label(label, htmlFor=control_id, className="form-label"), *controls],
        className="mb-3",
    )


def make_upload_form(lang: str, csrf_token: str, notice: str = "") -> html.Div:
    """The form: what is imported (a dataset, or a public indicator table), the file(s),
    the CSRF token, the button."""
    accept = ",".join(ACCEPTED_SUFFIXES)
    slot: dict[str, Any] = {
        "data-file-input-slot": "1",
        "data-id": ids.UPLOAD_FILE,
        "data-name": FILE_FIELD,
        "data-accept": accept,
        "data-describedby": ids.UPLOAD_HINT,
    }
    return html.Div(
        [
            *([dbc.Alert(notice, color="danger", id=ids.UPLOAD_NOTICE)] if notice else []),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=csrf_token),
                    _form_field(
                        translate("accounts.upload.kind", lang),
                        ids.UPLOAD_KIND,
                        html.Select(
                            [
                                html.Option(
                                    translate(f"accounts.upload.kind_{kind}", lang), value=kind
                                )
                                for kind in UPLOAD_KINDS
                            ],
                            id=ids.UPLOAD_KIND,
                            name="kind",
                            className="form-select",
                        ),
                    ),
                    _form_field(
                        translate("accounts.upload.file", lang),
                        ids.UPLOAD_FILE,
                        html.Div(**slot),
                        html.Div(
                            translate("accounts.upload.file_hint", lang),
                            id=ids.UPLOAD_HINT,
                            className="form-text",
                        ),
                    ),
                    html.Button(
                        translate("accounts.upload.submit", lang),
                        type="submit",
                        id=ids.UPLOAD_SUBMIT,
                        className="btn btn-primary",
                    ),
                    html.A(
                        translate("accounts.nav.versions", lang),
                        href=with_lang("/admin/versions", "", lang),
                        className="btn btn-link",
                    ),
                ],
                method="post",
                encType="multipart/form-data",
                action=with_lang(UPLOAD_ROUTE, "", lang),
            ),
        ]
    )


def make_upload_progress(upload_id: str, names: Sequence[str], lang: str) -> html.Div:
    """An upload's panel: progress bar (polled), status, report, « Activer », outcome."""
    return html.Div(
        [
            dcc.Store(id=ids.UPLOAD_ID, data=upload_id),
            dcc.Interval(id=ids.UPLOAD_POLL, interval=500, n_intervals=0),
            html.P(
                count_text("accounts.upload.received", len(names), lang, names=", ".join(names)),
                className="mb-2",
            ),
            html.Div(make_progress_bar(0, lang), id=ids.UPLOAD_PROGRESS, className="mb-2"),
            html.P(id=ids.UPLOAD_STATUS, role="status", className="mb-2"),
            html.Div(id=ids.UPLOAD_REPORT),
            html.Button(
                translate("accounts.upload.activate", lang),
                id=ids.UPLOAD_ACTIVATE,
                type="button",
                className="btn btn-success me-2 mb-2",
                hidden=True,
            ),
            html.Div(id=ids.UPLOAD_RESULT, role="status"),
        ]
    )


def make_progress_bar(percent: int, lang: str) -> html.Div:
    """Bootstrap's progress bar, named for assistive technology (dbc.Progress takes no
    aria-label)."""
    label = f"{percent}\u202f%" if lang == "fr" else f"{percent}%"
    aria: dict[str, Any] = {
        "aria-valuenow": str(percent),
        "aria-valuemin": "0",
        "aria-valuemax": "100",
        "aria-label": translate("accounts.upload.progress", lang),
    }
    return html.Div(
        html.Div(
            label,
            className="progress-bar",
            role="progressbar",
            style={"width": f"{percent}%"},
            **aria,
        ),
        className="progress",
        style={"height": "1.5rem"},
    )


def make_import_panel(form: html.Div, progress: html.Div | None, lang: str) -> html.Section:
    """The admin's panel: an upload under way or done, then the form for another."""
    return make_section(
        "data-import-heading",
        translate("accounts.upload.title", lang),
        [*([progress, html.Hr()] if progress is not None else []), form],
        "card card-body mb-4",
    )
