"""Scale out: `gunicorn -w 2 app:server` with RedisCache against a real redis-server. Both
workers answer, with the same answers, for several callbacks (the memoized payloads and the
ones each worker computes from its own per-version aggregates), and both see an import made
by another process. The client is signed in (issue 14): its session, opened by one worker,
is accepted by both (a signed cookie, one secret key in the shared data directory).

test_cache_freshness.py checks one answer across cache backends; this one checks which
worker answered (gunicorn's access log names the process), so "both" is proven, not assumed.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from dashboard.intake.store import DatasetStore
from layouts import ids
from tests.dash_client import DashClient
from tests.servers import PASSWORD, add_account, import_with_cli, running_app, running_redis

WORKERS = 2
ROUNDS = 12  # concurrent calls of each callback: usually enough for both workers to take some
MAX_BATCHES = 5
ACCESS_FORMAT = "%(p)s %(m)s %(U)s %(s)s"  # p is the worker's pid, as "<1234>"

Call = tuple[str, dict[str, Any]]
CSRF_VALUE = re.compile(r'("name": "csrf_token", "type": "hidden", "value": )"[^"]*"')


def _calls(structure: str, search: str) -> list[Call]:
    """Callbacks of both pages: (an output they produce, the values sent)."""
    lang = {f"{ids.LANG_STORE}.data": "en"}
    overview = {f"{ids.EDITION}.value": 2022, **lang}
    bench = {
        f"{ids.BENCH_STRUCTURE}.value": structure,
        f"{ids.BENCH_EDITION}.value": 2022,
        f"{ids.BENCH_PEERS}.value": "category",
        **lang,
    }
    return [
        # Computed per worker from its aggregates (not memoized).
        (f"{ids.PAGE}.children", {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": "?lang=en"}),
        (
            f"{ids.BENCH_EDITION}.options",
            {
                f"{ids.BENCH_URL}.search": f"?structure={structure}",
                f"{ids.BENCH_STRUCTURE}.value": structure,
                **lang,
            },
        ),
        (f"{ids.BENCH_STRUCTURE}.options", {f"{ids.BENCH_SEARCH}.value": search, **lang}),
        # Memoized in Redis by dataset version and choices.
        (f"{ids.SUBTITLE}.children", overview),
        (f"{ids.BENCH_HEADLINE}.children", bench),
    ]


def _answers(client: DashClient, calls: list[Call]) -> dict[str, set[str]]:
    """Every call ROUNDS times, several at once; the distinct answers of each."""
    jobs: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        (output, lambda o=output, v=values: client.call(o, v))
        for output, values in calls
        for _ in range(ROUNDS)
    ]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda job: (job[0], job[1]()), jobs))
    answers: dict[str, set[str]] = {}
    for output, result in results:
        text = json.dumps(result, sort_keys=True)
        # The sign-out form's CSRF token is signed with the time: the same token, not the
        # same text, from one second to the next.
        text = CSRF_VALUE.sub(r'\1"token"', text)
        answers.setdefault(output, set()).add(text)
    return answers


def _callback_pids(log: Path, start: int) -> set[str]:
    """The workers that answered a callback after byte `start` of the access log."""
    text = log.read_text("utf-8")[start:]
    return set(re.findall(r"<(\d+)> POST /_dash-update-component 200", text))


def _answers_from_every_worker(
    client: DashClient, calls: list[Call], log: Path, start: int
) -> dict[str, set[str]]:
    """_answers() again until every worker has answered since byte `start` of the access
    log (at most a few batches): the kernel hands connections to whichever worker is idle,
    so a loaded machine can send one batch to one worker only. Answers of all batches."""
    answers: dict[str, set[str]] = {}
    for _ in range(MAX_BATCHES):
        for output, found in _answers(client, calls).items():
            answers.setdefault(output, set()).update(found)
        time.sleep(0.2)  # gunicorn writes its access line after the answer is sent
        if len(_callback_pids(log, start)) == WORKERS:
            break
    return answers


def test_two_workers_give_the_same_answers_and_both_see_an_import(
    small_dataset: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    add_account(data_dir, "carl", "consultant")
    log = tmp_path / "access.log"
    args = ["--access-logfile", str(log), "--access-logformat", ACCESS_FORMAT]
    with (
        running_redis() as redis_url,
        running_app(
            data_dir,
            workers=WORKERS,
            gunicorn_args=args,
            DASHBOARD_CACHE_TYPE="RedisCache",
            DASHBOARD_CACHE_REDIS_URL=redis_url,
        ) as base,
    ):
        client = DashClient(base, "carl", PASSWORD)
        before = _answers_from_every_worker(client, _calls("W-STRASBOURG", "stras"), log, 0)
        assert _callback_pids(log, 0) and len(_callback_pids(log, 0)) == WORKERS
        for output, answers in before.items():
            assert len(answers) == 1, f"the workers disagree on {output}"
        assert "311 structures audited" in before[f"{ids.SUBTITLE}.children"].pop()

        import_with_cli(data_dir, small_dataset)
        imported = DatasetStore(data_dir).active()
        structure = str(imported.structures["structure_id"].iloc[0])
        name = str(imported.structures["name"].iloc[0])
        mark = log.stat().st_size
        after = _answers_from_every_worker(
            client, _calls(structure, name.split()[-1][:5]), log, mark
        )
        assert len(_callback_pids(log, mark)) == WORKERS  # both answered after the import
        for output, answers in after.items():
            assert len(answers) == 1, f"the workers disagree on {output} after the import"
        assert "12 structures audited" in after[f"{ids.SUBTITLE}.children"].pop()
        assert " 401" not in log.read_text("utf-8")  # no worker refused the session
        # The structure picker only knows the imported structures now, in every worker.
        options = json.loads(after[f"{ids.BENCH_STRUCTURE}.options"].pop())
        values = {o["value"] for o in options[f"{ids.BENCH_STRUCTURE}.options"]}
        assert structure in values and values <= set(imported.structures["structure_id"])
        editions = json.loads(after[f"{ids.BENCH_EDITION}.options"].pop())
        assert [o["value"] for o in editions[f"{ids.BENCH_EDITION}.options"]] == [2022]
