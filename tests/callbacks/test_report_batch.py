"""The app's batch of reports as plain functions (callbacks/report_batch.py): consultants and
admins only (the request starting or polling the job refused with a 403 for anyone else),
the page's values checked, one structure's failure reported with the others made, a cancel
flag for the page's own job only, the zip served to consultants and admins only."""

from __future__ import annotations

import copy
import json
import os
import time
import zipfile
from pathlib import Path
from typing import Any

import flask
import pytest
from werkzeug.exceptions import NotFound

from callbacks import report_batch
from callbacks.services import AppServices
from dashboard import policy
from dashboard.pages.report import batch_jobs
from layouts import ids

TOKEN = "0123456789abcdef"


def _named(services: Any, named: bool = True) -> AppServices:
    """The services as a consultant's request sees them (`named`), or a manager's."""
    viewer = policy.account("carl", "consultant") if named else policy.account("mia", "manager")
    seen = copy.copy(services)
    seen.viewer = lambda: viewer
    return seen


def _texts(children: Any) -> str:
    if isinstance(children, list):
        return " ".join(_texts(c) for c in children)
    inner = getattr(children, "children", None)
    if inner is not None:
        return _texts(inner)
    return "" if children is None else str(children).replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("viewer", "refused"),
    [
        (policy.OPEN_MODE, True),
        (policy.account("mia", "manager", ["W-STRASBOURG"]), True),
        (policy.account("carl", "consultant"), False),
        (policy.account("ada", "admin"), False),
    ],
)
def test_only_consultants_and_admins_start_or_poll_the_job(
    services: Any, viewer: policy.Viewer, refused: bool
) -> None:
    """The job runs in another process with no request: the request that starts it (and
    each poll, `?cacheKey=`) is refused before Dash reads it."""
    seen = copy.copy(services)
    seen.viewer = lambda: viewer
    body = {"output": f"{ids.BATCH_RESULT}.children", "inputs": [], "changedPropIds": []}
    for query in ("", "?cacheKey=abc&job=1"):
        with flask.Flask(__name__).test_request_context(
            f"/_dash-update-component{query}", method="POST", data=json.dumps(body),
            content_type="application/json",
        ):  # fmt: skip
            answer = report_batch.guard_response(seen)
            assert (answer is not None and answer.status_code == 403) is refused
    other = {**body, "output": f"{ids.BENCH_HEADLINE}.children"}
    with flask.Flask(__name__).test_request_context(
        "/_dash-update-component", method="POST", data=json.dumps(other),
        content_type="application/json",
    ):  # fmt: skip
        assert report_batch.guard_response(seen) is None


@pytest.mark.parametrize(
    ("clicks", "edition", "formats", "token", "message"),
    [
        (1, 1999, ["pdf"], TOKEN, "Choisissez une édition"),
        (1, "2022; rm", ["pdf"], TOKEN, "Choisissez une édition"),
        (1, 2022, ["pdf"], "../../etc", "Choisissez une édition"),
        (True, 2022, ["pdf"], TOKEN, "Choisissez une édition"),
        (1, 2022, ["doc"], TOKEN, "Cochez au moins un format"),
        (1, 2022, "pdf", TOKEN, "Cochez au moins un format"),
    ],
)
def test_values_the_page_does_not_offer_are_refused(
    services: Any, clicks: Any, edition: Any, formats: Any, token: Any, message: str
) -> None:
    out = report_batch.run_batch(_named(services), lambda _: None, clicks, edition, None,
                                 formats, token, "fr")  # fmt: skip
    assert message in _texts(out)
    assert not (services.settings.data_dir / "exports").exists()


@pytest.mark.slow
def test_a_failure_is_named_and_the_others_are_made(
    services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = _named(services)

    def three(
        dataset: Any, edition: int, categories: Any, lang: str, source: Any, indicators: Any = ()
    ) -> Any:
        jobs = batch_jobs(dataset, edition, ["region"], lang, source, indicators)[:3]

        def broken() -> Any:
            raise ValueError("no data for this one")

        return [jobs[0], (jobs[1][0], broken), jobs[2]]

    monkeypatch.setattr(report_batch, "batch_jobs", three)
    seen: list[tuple[Any, ...]] = []
    out = report_batch.run_batch(named, seen.append, 2, 2022, "region", ["pdf"], TOKEN, "fr")
    text = _texts(out)
    assert "Terminé : 2 fichiers dans le zip." in text
    assert "1 rapport n'a pas pu être produit" in text and "no data for this one" in text
    assert seen[0][:2] == ("0", "3") and seen[-1][:2] == ("3", "3")
    assert "3 / 3 rapports · 1 échec" in seen[-1][2].replace("\u00a0", " ")
    archive = named.settings.data_dir / "exports" / f"{TOKEN}-2" / "rapports_2022_region.zip"
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
    assert sum(n.endswith(".pdf") for n in names) == 2 and any(n.endswith(".txt") for n in names)
    app = flask.Flask(__name__)
    with app.test_request_context():
        response = report_batch.download(named, f"{TOKEN}-2", "rapports_2022_region")
        assert response.status_code == 200
        response.close()
        for job, name in ((f"{TOKEN}-2", "../x"), ("nope", "rapports_2022_region")):
            with pytest.raises(NotFound):
                report_batch.download(named, job, name)
        with pytest.raises(NotFound):  # anonymous mode: no zip, whoever asks
            report_batch.download(_named(services, False), f"{TOKEN}-2", "rapports_2022_region")


def test_cancel_flags_the_page_s_own_job_only(services: Any, tmp_path: Path) -> None:
    named = _named(services)
    note = report_batch.request_cancel(named, 1, TOKEN, 3, "en")
    assert note.startswith("Stop asked")
    assert (named.settings.data_dir / "exports" / f"{TOKEN}-3.cancel").exists()
    assert report_batch.request_cancel(named, 1, "../x", 3, "fr") is report_batch.no_update
    assert report_batch.request_cancel(_named(services, False), 1, TOKEN, 4, "fr") is (
        report_batch.no_update
    )


def test_the_last_days_batches_are_listed_with_where_they_stand(tmp_path: Path) -> None:
    """A page reloaded or left loses the background job's own progress: « Données » lists
    the batches of the last day from their progress files (running, finished with the zip's
    link, stopped, interrupted); anything else in the folder is left out."""
    now = time.time()

    def job(folder_name: str, **state: Any) -> Path:
        folder = tmp_path / folder_name
        folder.mkdir()
        report_batch._write_progress(folder, **state)
        return folder

    base = {"done": 3, "total": 16, "failures": 0}
    job(f"{TOKEN}-1", name="rapports_2022_region", started=now - 50, finished=True, **base)
    job(f"{TOKEN}-2", name="rapports_2022", started=now - 40, **base)
    job(f"{TOKEN}-3", name="rapports_2021", started=now - 30, cancelled=True, **base)
    stale = job(f"{TOKEN}-4", name="rapports_2020", started=now - 20, **base)
    (tmp_path / "not-a-job").mkdir()
    (tmp_path / "not-a-job" / "progress.json").write_text("{}")
    job(f"{TOKEN}-5", name="x", started="never", **base)  # unreadable: left out
    os.utime(stale / "progress.json", (now - 3600, now - 3600))
    batches = report_batch.recent_batches(tmp_path, now=now)
    assert [(b.job[-1], b.state) for b in batches] == [
        ("4", "interrupted"), ("3", "cancelled"), ("2", "running"), ("1", "finished"),
    ]  # fmt: skip
    text = _texts(report_batch.recent_view(batches, "fr"))
    assert "rapports_2022_region.zip : terminée, 3 / 16 rapports" in text
    assert "interrompue" in text and "arrêtée à 3 / 16" in text


def test_one_batch_at_a_time(services: Any, tmp_path: Path) -> None:
    """Each batch spawns renderers and browsers: while one is under way (its progress moving),
    another start is refused with a sentence, and so is a job id used before."""
    named = _named(services)
    folder = report_batch.exports_dir(named)
    running = folder / f"{TOKEN}-9"
    running.mkdir(parents=True)
    report_batch._write_progress(running, name="rapports_2022", done=1, total=311, failures=0,
                                 started=time.time())  # fmt: skip
    seen: list[Any] = []
    out = report_batch.run_batch(named, seen.append, 1, 2022, "region", ["pdf"], TOKEN, "fr")
    assert "déjà en cours" in _texts(out) and seen == []
    (running / "progress.json").unlink()
    out = report_batch.run_batch(named, seen.append, 9, 2022, "region", ["pdf"], TOKEN, "fr")
    assert "déjà en cours" in _texts(out)  # the same job id again
