"""The reports of every structure of an edition, made by the app in the background for
consultants (issue 15, point 4): a Dash background callback runs
`dashboard.render.batch.write_reports_zip` in a job process (DiskcacheManager by default;
README: Celery on Redis for several machines), reports its progress (structures done /
total, failures, time left) to the page's progress bar, stops when the page's cancel button
asks (the reports finished by then stay in the zip), and answers with the zip's link and the
failures, each named, the others made all the same.

Who may: consultants and admins (dashboard.policy.can_make_report_batch), decided here, on
the server, with the request's viewer, for the job, its cancel and its download alike. The
job itself runs in another process, with no request: the request that starts it (and each
poll of it) is checked before Dash reads it (`_guard`, a before_request hook), and refused
with a 403 for anyone else. The reports themselves are anonymous whatever
the mode: each goes to its own structure (`dashboard.pages.report.batch_jobs`).

Files: each job's zip in `<data dir>/exports/<job>/`, served by `/rapports/<job>/<name>.zip`;
a job is `<page token>-<clicks>` (the page's token, random, and the start button's clicks),
checked against JOB before any path is made from it. Exports older than EXPORT_DAYS are
removed when a new job starts. Its background jobs' state in `<data dir>/jobs/` (diskcache).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import flask
from dash import Dash, DiskcacheManager, Input, Output, State, html, no_update
from werkzeug.utils import secure_filename

from callbacks.reports import source_info
from callbacks.services import AppServices
from dashboard import policy
from dashboard.i18n import normalise_lang, translate
from dashboard.intake.schema import CATEGORIES
from dashboard.intake.store import atomic_write_text
from dashboard.pages.report import batch_jobs, batch_progress_text
from dashboard.pages.report_batches import BatchSummary
from dashboard.render.batch import REPORT_FORMATS, BatchProgress, write_reports_zip
from dashboard.urlstate import year_of
from layouts import ids
from layouts.report_batch import make_batch_result, make_recent_batches

LOG = logging.getLogger(__name__)
JOB: Final = re.compile(r"[0-9a-f]{16}-[0-9]{1,6}")
EXPORTS: Final = "exports"
JOBS: Final = "jobs"
EXPORT_DAYS: Final = 1.0
CANCEL_POLL_S: Final = 0.5
DOWNLOAD_ROUTE: Final = "/rapports"
# Each job's state, in its exports folder, for « Données » to list the batches of the last
# day (a page reloaded or left loses the background callback's own progress).
PROGRESS_FILE: Final = "progress.json"
# A batch whose progress has not moved for this long, unfinished, was interrupted (its
# worker stopped): a report takes seconds.
STALE_S: Final = 600.0
RECENT_SHOWN: Final = 10


def new_token() -> str:
    """A page's job token: 16 random hex digits."""
    return secrets.token_hex(8)


def exports_dir(services: AppServices) -> Path:
    return services.settings.data_dir / EXPORTS


def background_manager(services: AppServices) -> DiskcacheManager:
    """Dash's disk-backed background manager, its state in `<data dir>/jobs/`: jobs run in
    processes of this machine (README: Celery on Redis for several)."""
    import diskcache

    folder = services.settings.data_dir / JOBS
    folder.mkdir(parents=True, exist_ok=True)
    cache = diskcache.Cache(str(folder))
    return DiskcacheManager(cache, expire=int(EXPORT_DAYS * 86400))  # type: ignore[no-untyped-call]


def job_of(token: Any, clicks: Any) -> str | None:
    """The job a page's token and start clicks name, or None when they are not a page's."""
    if not isinstance(clicks, int) or isinstance(clicks, bool) or clicks < 1:
        return None
    job = f"{token}-{clicks}" if isinstance(token, str) else ""
    return job if JOB.fullmatch(job) else None


def _prune(folder: Path) -> None:
    """Remove the exports older than EXPORT_DAYS (a day's zips are kept for download)."""
    limit = time.time() - EXPORT_DAYS * 86400
    for entry in folder.glob("*"):
        try:
            if entry.stat().st_mtime < limit:
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        except OSError:
            continue


def _write_progress(folder: Path, **state: Any) -> None:
    """The job's state (done, total, failures, name, started, finished, cancelled), written
    whole and atomically into its folder."""
    atomic_write_text(folder / PROGRESS_FILE, json.dumps(state))


def recent_batches(folder: Path, now: float | None = None) -> list[BatchSummary]:
    """The batches of `folder` (the exports), newest first, at most RECENT_SHOWN; a folder
    that is not a job's or whose state cannot be read is left out."""
    now = time.time() if now is None else now
    found = []
    for entry in folder.glob(f"*/{PROGRESS_FILE}") if folder.is_dir() else ():
        job = entry.parent.name
        try:
            state = json.loads(entry.read_text(encoding="utf-8"))
            moved = entry.stat().st_mtime
            summary = BatchSummary(
                job=job,
                name=secure_filename(str(state["name"])),
                done=int(state["done"]),
                total=int(state["total"]),
                failures=int(state["failures"]),
                started=float(state["started"]),
                state=(
                    "cancelled"
                    if state.get("cancelled")
                    else "finished"
                    if state.get("finished")
                    else "running"
                    if now - moved < STALE_S
                    else "interrupted"
                ),
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if JOB.fullmatch(job) and summary.name:
            found.append(summary)
    return sorted(found, key=lambda s: s.started, reverse=True)[:RECENT_SHOWN]


def recent_view(batches: list[BatchSummary], lang: str) -> list[Any]:
    """« Données »'s list of the batches of the last day (layouts.report_batch), their zips
    served by DOWNLOAD_ROUTE."""
    return make_recent_batches(batches, DOWNLOAD_ROUTE, lang)


def _watch_cancel(flag: Path, cancel: threading.Event, done: threading.Event) -> None:
    while not done.wait(CANCEL_POLL_S):
        if flag.exists():
            cancel.set()
            return


def run_batch(
    services: AppServices,
    set_progress: Callable[[tuple[Any, ...]], None],
    clicks: Any,
    edition: Any,
    category: Any,
    formats: Any,
    token: Any,
    lang: Any,
) -> list[Any]:
    """The background job: the values checked as the page offers them (anything else is
    refused with a sentence), then every report into the job's zip, with its progress."""
    lang = normalise_lang(lang if isinstance(lang, str) else None)

    def refuse(key: str) -> list[Any]:
        return [html.P(translate(key, lang), className="alert alert-warning")]

    # Who may start it was decided on the request that asked for it (`_guard`): this runs in
    # the job's process, where there is no request to ask dashboard.policy about.
    job = job_of(token, clicks)
    dataset = services.dataset()
    year = year_of(edition)
    chosen = tuple(f for f in REPORT_FORMATS if isinstance(formats, list) and f in formats)
    categories = (category,) if isinstance(category, str) and category in CATEGORIES else ()
    if job is None or year is None or year not in dataset.editions:
        return refuse("deliverables.batch.bad_choice")
    if not chosen:
        return refuse("deliverables.batch.no_format")
    jobs = batch_jobs(
        dataset, year, categories, lang, source_info(services), services.indicator_tables()
    )
    if not jobs:
        return refuse("deliverables.batch.nothing")
    folder = exports_dir(services)
    folder.mkdir(parents=True, exist_ok=True)
    _prune(folder)
    # One batch at a time on a data directory: each spawns its renderers and browsers.
    running = [b for b in recent_batches(folder) if b.state == "running"]
    if running or (folder / job).exists():
        LOG.warning("batch of reports refused: another is under way (%s)", job)
        return refuse("deliverables.batch.busy")
    target = folder / job
    target.mkdir()
    name = "_".join([translate("deliverables.cli.zip_name", lang), str(year), *categories])
    cancel, finished = threading.Event(), threading.Event()
    watcher = threading.Thread(
        target=_watch_cancel, args=(folder / f"{job}.cancel", cancel, finished), daemon=True
    )
    watcher.start()

    started = time.time()
    _write_progress(target, name=name, done=0, total=len(jobs), failures=0, started=started)

    def progress(state: BatchProgress) -> None:
        total = state.total or 1
        set_progress((str(state.done), str(total), batch_progress_text(state, lang)))
        _write_progress(target, name=name, done=state.done, total=total,
                        failures=len(state.failures), started=started)  # fmt: skip

    try:
        result = write_reports_zip(
            jobs, target / f"{name}.zip", chosen, progress=progress, cancel=cancel, lang=lang
        )
    finally:
        finished.set()
    _write_progress(target, name=name, done=len(result.files) + len(result.failures),
                    total=len(jobs), failures=len(result.failures), started=started,
                    finished=True, cancelled=result.cancelled)  # fmt: skip
    return make_batch_result(result, job, DOWNLOAD_ROUTE, lang)


def may_batch(services: AppServices) -> bool:
    """Whether the request's viewer may make, stop and fetch the reports of an edition
    (dashboard.policy.can_make_report_batch); logged when not."""
    allowed = policy.can_make_report_batch(services.viewer())
    if not allowed:
        services.refused("reports batch", flask.request.path if flask.has_request_context() else "")
    return allowed


def guard_response(services: AppServices) -> flask.Response | None:
    """A 403 for a callback request that would start or poll the batch's background job
    (its output is BATCH_RESULT's) from a viewer who may not make it; None otherwise."""
    request = flask.request
    if request.method != "POST" or not request.path.endswith("_dash-update-component"):
        return None
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # refused as a 400 by callbacks/boundary.py
        body = None
    output = body.get("output") if isinstance(body, dict) else None
    if not isinstance(output, str) or f"{ids.BATCH_RESULT}." not in output:
        return None
    if may_batch(services):
        return None
    return flask.Response("Forbidden", status=403, mimetype="text/plain")


def request_cancel(services: AppServices, clicks: Any, token: Any, started: Any, lang: Any) -> Any:
    """Ask the page's running job to stop (a flag file its job watches); the reports under
    way are finished and kept."""
    job = job_of(token, started)
    if not clicks or job is None or not may_batch(services):
        return no_update
    folder = exports_dir(services)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{job}.cancel").touch()
    return translate("deliverables.batch.cancelling", normalise_lang(lang))


def download(services: AppServices, job: str, name: str) -> flask.Response:
    """A finished job's zip; 404 unless consultant, for a job and name of this app's."""
    if not may_batch(services) or not JOB.fullmatch(job) or secure_filename(name) != name:
        flask.abort(404)
    path = exports_dir(services) / job / f"{name}.zip"
    if not path.is_file():
        flask.abort(404)
    return flask.send_file(path, mimetype="application/zip", as_attachment=True,
                           download_name=path.name, max_age=0)  # fmt: skip


def register(app: Dash, services: AppServices) -> None:
    """The batch's background callback, its cancel, and the zip's download route."""
    manager = background_manager(services)
    app.server.before_request(lambda: guard_response(services))

    @app.callback(
        Output(ids.BATCH_RESULT, "children"),
        Input(ids.BATCH_START, "n_clicks"),
        State(ids.BATCH_EDITION, "value"),
        State(ids.BATCH_CATEGORY, "value"),
        State(ids.BATCH_FORMATS, "value"),
        State(ids.BATCH_TOKEN, "data"),
        State(ids.LANG_STORE, "data"),
        background=True,
        manager=manager,
        running=[
            (Output(ids.BATCH_START, "disabled"), True, False),
            (Output(ids.BATCH_CANCEL, "disabled"), False, True),
        ],
        progress=[
            Output(ids.BATCH_PROGRESS, "value"),
            Output(ids.BATCH_PROGRESS, "max"),
            Output(ids.BATCH_STATUS, "children"),
        ],
        prevent_initial_call=True,
    )
    def _batch(set_progress: Any, clicks: Any, edition: Any, category: Any, formats: Any,
               token: Any, lang: Any) -> Any:  # fmt: skip
        return run_batch(services, set_progress, clicks, edition, category, formats, token, lang)

    @app.callback(
        Output(ids.BATCH_CANCEL_NOTE, "children"),
        Input(ids.BATCH_CANCEL, "n_clicks"),
        State(ids.BATCH_TOKEN, "data"),
        State(ids.BATCH_START, "n_clicks"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _cancel(clicks: Any, token: Any, started: Any, lang: Any) -> Any:
        return request_cancel(services, clicks, token, started, lang)

    app.server.add_url_rule(
        f"{DOWNLOAD_ROUTE}/<job>/<name>.zip",
        endpoint="deliverables:batch-download",
        view_func=lambda job, name: download(services, job, name),
    )
