"""Importing in the browser (issue 14, point 5), for the viewers dashboard.policy.can_import
allows (admins):

- POST /data/upload: a plain multipart form (not a callback: the app's callbacks are bounded
  to 1 MiB, this route alone to MAX_UPLOAD_BYTES, checked before the body is read), its CSRF
  token, the role checked before anything is read. The files are written to the data
  directory's uploads/ in chunks, validated in a thread (dashboard.intake.uploads), and the
  browser is sent to /data?upload=<id>.
- On « Données », that upload's panel polls its status (dcc.Interval, a callback reading
  status.json: any worker answers), shows the progress, then the whole validation report (the
  lines of `validate --report`) with its CSV (GET /data/upload/<id>/report.csv), and
  « Activer » when it is valid: all or nothing, under the store's import lock.

Why a thread polled through a file, not Dash's background callbacks: the file arrives by a
plain route, not a callback; a status file in the shared data directory can be read by any
worker of any machine (a DiskcacheManager's cache is one machine's), and nothing else (no
job process, no queue) has to run.
"""

from __future__ import annotations

import logging
from typing import Any, Final

import flask
from dash import Dash, Input, Output, State, html, no_update
from flask_wtf.csrf import generate_csrf
from werkzeug.exceptions import RequestEntityTooLarge

from callbacks.security import client_address, csrf_ok
from callbacks.services import AppServices
from dashboard import policy
from dashboard.accounts import audit
from dashboard.accounts.users import stranded_managers
from dashboard.i18n import count_text, format_number, has_key, normalise_lang, translate
from dashboard.intake.store import ImportBusy
from dashboard.intake.uploads import (
    MAX_UPLOAD_BYTES,
    UPLOAD_ID,
    UploadRefused,
    Uploads,
    UploadStatus,
    report_csv,
)
from dashboard.intake.validation import group_problems, rows_text
from dashboard.urlstate import lang_of, query_params, with_lang
from layouts import ids
from layouts.components import make_table
from layouts.uploads import (
    UPLOAD_ROUTE,
    make_import_panel,
    make_progress_bar,
    make_upload_form,
    make_upload_progress,
)

LOG = logging.getLogger("barometre.uploads")
FORM_OVERHEAD: Final = 1024 * 1024  # the form's other fields and the multipart boundaries
REPORT_ROWS_SHOWN: Final = 500  # lines of the report in the page; the CSV has them all


def upload_panel(services: AppServices, lang: str, search: str | None) -> Any:
    """The admin's import panel for « Données » (None for any other viewer): the form, and
    the upload the address names (`?upload=<id>`), or the refusal it names
    (`?upload_error=<code>`)."""
    if not policy.can_import(services.viewer()):
        return None
    params = query_params(search)
    upload_id = (params.get("upload") or [""])[0]
    error = (params.get("upload_error") or [""])[0]
    notice = ""
    if error and has_key(f"accounts.upload.error.{error}"):
        notice = translate(
            f"accounts.upload.error.{error}", lang, megabytes=MAX_UPLOAD_BYTES // 2**20
        )
    progress = None
    if UPLOAD_ID.fullmatch(upload_id):
        status = Uploads(services.settings.data_dir).status(upload_id)
        if status is not None:
            progress = make_upload_progress(upload_id, status.names, lang)
    return make_import_panel(make_upload_form(lang, generate_csrf(), notice), progress, lang)


def _stage_text(status: UploadStatus, lang: str, limit_seconds: float) -> str:
    """The status line of an upload; `limit_seconds`: the app's limit on a check."""
    if status.state == "validating":
        stage = translate(status.stage, lang) if has_key(status.stage) else ""
        return translate("accounts.upload.validating", lang, stage=stage)
    if status.state == "failed" and status.detail == "timeout":
        minutes = format_number(limit_seconds / 60, lang, 0)
        return translate("accounts.upload.timeout", lang, minutes=minutes)
    if status.state == "failed":
        return translate("accounts.upload.failed", lang)
    if status.state == "activated":
        return translate("accounts.upload.activated", lang, version=status.activated)
    key = "accounts.upload.valid" if status.state == "valid" else "accounts.upload.invalid"
    if status.state == "valid" and status.kind == "dataset":
        key = "accounts.upload.valid_dataset"  # « Activer » is said by the contents below
    text = translate(
        key,
        lang,
        errors=count_text("cli.count.errors", status.errors, lang),
        warnings=count_text("cli.count.warnings", status.warnings, lang),
    )
    if status.state == "valid" and status.kind == "dataset":
        # What « Activer » would put in place of the active dataset, before the click.
        text += " " + translate(
            "accounts.upload.contents",
            lang,
            structures=count_text("ui.count.structures", status.structures, lang),
            tests=count_text("ui.count.tests", status.tests, lang),
        )
    return text


def report_view(uploads: Uploads, status: UploadStatus, lang: str) -> Any:
    """The validation report in the page: the lines of `validate --report` (errors one by
    one, warnings grouped), and the link to its CSV."""
    problems = uploads.problems(status.upload_id)
    link = html.A(
        translate("accounts.upload.report_csv", lang),
        href=with_lang(f"{UPLOAD_ROUTE}/{status.upload_id}/report.csv", "", lang),
        id=ids.UPLOAD_REPORT + "-csv",
        className="btn btn-outline-primary btn-sm mb-2",
        download=f"rapport-{status.upload_id[:8]}.csv",
    )
    if not problems:
        return [html.P(translate("accounts.upload.no_problem", lang)), link]
    rows = []
    for group in group_problems(problems):
        problem = group.first
        text = problem.describe(lang)
        if group.count > 1:
            text += " " + count_text(
                "cli.group_rows", group.count, lang, rows=rows_text(group, lang)
            )
        rows.append([translate(f"cli.severity.{problem.severity}", lang), text])
    shown = rows[:REPORT_ROWS_SHOWN]
    table = make_table(
        [
            translate("accounts.upload.col_severity", lang),
            translate("accounts.upload.col_problem", lang),
        ],
        shown,
        translate("accounts.upload.report_caption", lang),
    )
    more = (
        [
            html.P(
                translate(
                    "accounts.upload.report_cut",
                    lang,
                    shown=format_number(len(shown), lang, 0),
                    total=format_number(len(rows), lang, 0),
                )
            )
        ]
        if len(rows) > len(shown)
        else []
    )
    return [link, html.Div(table, className="table-responsive"), *more]


STRANDED_SHOWN: Final = 10  # accounts (and structures of each) named before « Activer »


def stranded_warning(services: AppServices, structure_ids: frozenset[str], lang: str) -> list[Any]:
    """Before « Activer »: the manager accounts bound to structures the new dataset lacks
    (they would no longer see them), with a link to the accounts page; nothing otherwise."""
    if services.accounts is None:
        return []
    stranded = stranded_managers(services.accounts.list(), structure_ids)
    if not stranded:
        return []
    separator = translate("ui.honest.separator", lang)

    def named(login: str, missing: tuple[str, ...]) -> str:
        cut = ", …" if len(missing) > STRANDED_SHOWN else ""
        return f"{login} ({', '.join(missing[:STRANDED_SHOWN])}{cut})"

    shown = [named(login, missing) for login, missing in stranded[:STRANDED_SHOWN]]
    if len(stranded) > STRANDED_SHOWN:
        more = len(stranded) - STRANDED_SHOWN
        shown.append(count_text("accounts.upload.stranded_more", more, lang))
    listed = separator.join(shown)
    return [
        html.Div(
            [
                count_text("accounts.upload.stranded", len(stranded), lang, accounts=listed),
                " ",
                html.A(
                    translate("accounts.nav.users", lang),
                    href=with_lang("/admin/users", "", lang),
                    className="alert-link",
                ),
                ".",
            ],
            id=ids.UPLOAD_STRANDED,
            className="alert alert-warning",
            role="alert",
        )
    ]


def register(app: Dash, services: AppServices) -> None:
    """The upload route, the report's CSV route, and the panel's two callbacks."""
    server = app.server
    uploads = Uploads(services.settings.data_dir)
    database = services.database

    def upload() -> Any:
        request = flask.request
        lang = lang_of(request.query_string.decode()[:2000])
        back = with_lang("/data", "", lang)
        viewer = services.viewer()
        if not policy.can_import(viewer):  # before a byte of the body is read
            services.refused("upload", request.content_length)
            services.audit("upload", "refused", detail="not allowed")
            return flask.Response("forbidden", status=403, mimetype="text/plain")
        limit = MAX_UPLOAD_BYTES + FORM_OVERHEAD
        if (request.content_length or 0) > limit:
            services.audit("upload", "refused", detail=f"{request.content_length} bytes")
            return flask.redirect(back + _error_query(back, "too_large"), code=303)
        request.max_content_length = limit  # this route only (Flask 3.1); others: 1 MiB
        try:
            if not csrf_ok():
                services.audit("upload", "refused", detail="no valid CSRF token")
                return flask.redirect(back + _error_query(back, "form_expired"), code=303)
            files = [(f.filename or "", f.stream) for f in request.files.getlist("files")]
            kind = request.form.get("kind", "dataset")
            upload_id = uploads.receive(kind, files, viewer.login or "?")
        except UploadRefused as refused:
            services.audit("upload", "refused", detail=refused.code)
            return flask.redirect(back + _error_query(back, refused.code), code=303)
        except RequestEntityTooLarge:
            services.audit("upload", "refused", detail="too large")
            return flask.redirect(back + _error_query(back, "too_large"), code=303)
        names = ", ".join(uploads.meta(upload_id)["names"])
        services.audit("upload", "ok", target=upload_id, detail=f"{kind}: {names}")
        actor, address = viewer.login or "?", client_address()

        def validated(status: UploadStatus) -> None:
            LOG.info("upload %s validated: %s", upload_id, status.state)
            if database is not None:
                audit.record(
                    database,
                    actor=actor,
                    address=address,
                    action="upload",
                    outcome="ok" if status.state == "valid" else "failed",
                    target=upload_id,
                    detail=f"validated={status.state} errors={status.errors} "
                    f"warnings={status.warnings}",
                )

        uploads.validate_in_background(
            upload_id, validated, time_limit=services.settings.upload_check_seconds
        )
        sep = "&" if "?" in back else "?"
        return flask.redirect(f"{back}{sep}upload={upload_id}", code=303)

    server.add_url_rule(UPLOAD_ROUTE, "upload", upload, methods=["POST"])

    def report(upload_id: str) -> Any:
        lang = normalise_lang(flask.request.args.get("lang"))
        if not policy.can_import(services.viewer()):
            services.refused("upload report", upload_id)
            return flask.Response("forbidden", status=403, mimetype="text/plain")
        if not UPLOAD_ID.fullmatch(upload_id) or uploads.status(upload_id) is None:
            return flask.Response("not found", status=404, mimetype="text/plain")
        body = report_csv(uploads.problems(upload_id), lang)
        response = flask.Response(body, mimetype="text/csv")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="rapport-{upload_id[:8]}.csv"'
        )
        return response

    server.add_url_rule(f"{UPLOAD_ROUTE}/<upload_id>/report.csv", "upload_report", report)

    @app.callback(
        Output(ids.UPLOAD_PROGRESS, "children"),
        Output(ids.UPLOAD_STATUS, "children"),
        Output(ids.UPLOAD_REPORT, "children"),
        Output(ids.UPLOAD_ACTIVATE, "hidden"),
        Output(ids.UPLOAD_POLL, "disabled"),
        Input(ids.UPLOAD_POLL, "n_intervals"),
        State(ids.UPLOAD_ID, "data"),
        State(ids.LANG_STORE, "data"),
    )
    def _poll(_n: Any, upload_id: Any, lang: Any) -> tuple[Any, ...]:
        lang = normalise_lang(lang if isinstance(lang, str) else None)
        if not policy.can_import(services.viewer()):
            services.refused("upload status", upload_id)
            return (no_update,) * 4 + (True,)
        status = uploads.status(upload_id) if isinstance(upload_id, str) else None
        if status is None:
            unknown = translate("accounts.upload.unknown", lang)
            return make_progress_bar(0, lang), unknown, "", True, True
        text = _stage_text(status, lang, services.settings.upload_check_seconds)
        if status.state == "validating":
            bar = make_progress_bar(round(100 * status.fraction), lang)
            return bar, text, no_update, True, False
        report: Any = report_view(uploads, status, lang) if status.state != "failed" else ""
        if status.state == "valid" and status.kind == "dataset":
            # Just above « Activer », which it is about.
            report = [*report, *stranded_warning(services, uploads.structure_ids(upload_id), lang)]
        return make_progress_bar(100, lang), text, report, status.state != "valid", True

    @app.callback(
        Output(ids.UPLOAD_RESULT, "children"),
        Output(ids.UPLOAD_ACTIVATE, "disabled"),
        Input(ids.UPLOAD_ACTIVATE, "n_clicks"),
        State(ids.UPLOAD_ID, "data"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _activate(n_clicks: Any, upload_id: Any, lang: Any) -> tuple[Any, Any]:
        lang = normalise_lang(lang if isinstance(lang, str) else None)
        viewer = services.viewer()
        if not n_clicks or not isinstance(upload_id, str) or not UPLOAD_ID.fullmatch(upload_id):
            return no_update, no_update
        if not policy.can_import(viewer):
            services.refused("activation", upload_id)
            services.audit("import", "refused", target=upload_id, detail="not allowed")
            return no_update, no_update
        try:
            done = uploads.activate(upload_id, viewer.login or "?")
        except UploadRefused:
            return html.P(
                translate("accounts.upload.not_valid", lang), className="text-danger"
            ), True
        except ImportBusy:
            services.audit("import", "failed", target=upload_id, detail="another import")
            return html.P(translate("cli.import_busy_now", lang), className="text-danger"), False
        names = ", ".join(done.names)
        services.audit("import", "ok", target=done.activated, detail=f"{done.kind}: {names}")
        LOG.info("upload %s activated by %s: %s", upload_id, viewer.login, done.activated)
        return (
            html.Div(
                [
                    html.P(
                        translate("accounts.upload.activated", lang, version=done.activated),
                        className="text-success fw-bold mb-1",
                        id=ids.UPLOAD_RESULT + "-done",
                    ),
                    # A full load (not Dash's client-side navigation): the banner, the counts
                    # and every page then show the new data.
                    html.A(
                        translate("accounts.upload.reload", lang),
                        href=with_lang("/data", "", lang),
                        id=ids.UPLOAD_RESULT + "-reload",
                    ),
                ]
            ),
            True,
        )


def _error_query(back: str, code: str) -> str:
    return ("&" if "?" in back else "?") + f"upload_error={code}"
