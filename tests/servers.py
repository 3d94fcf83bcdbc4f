"""Real servers for tests, on 127.0.0.1 only: the app (python app.py or gunicorn) and Redis;
and the command line as a real process."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from devtools.serving import clean_env, free_port, stop, wait_until_up
from tests.conftest import ROOT


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of an app process: no proxies, the given data dir and settings."""
    return clean_env(ROOT, DASHBOARD_DATA_DIR=str(data_dir), PYTHONUNBUFFERED="1", **extra)


def import_with_cli(data_dir: Path, path: Path, **extra: str) -> None:
    """`python -m dashboard import PATH` into `data_dir` (with the settings `extra`), as an
    operator does; must succeed."""
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(path)],
        cwd=ROOT,
        env=app_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def run_process(
    *argv: str, data_dir: Path | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The real `python -m dashboard ARGV`, output piped as text: this process's environment
    without DASHBOARD_DATA_DIR, set to `data_dir` when given; `prefix` runs before the
    interpreter (as another user: setpriv). Its status is not checked; 120 s at most."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"}
    if data_dir is not None:
        env["DASHBOARD_DATA_DIR"] = str(data_dir)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [*prefix, sys.executable, "-m", "dashboard", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PASSWORD = "a long test password"  # every test account's


def add_account(
    data_dir: Path, login: str, role: str, structures: Sequence[str] = (), **env: str
) -> None:
    """An account in the app's database (SQLite in `data_dir`, or DASHBOARD_DATABASE_URL
    from `env`), password PASSWORD, as `python -m dashboard users add` makes it."""
    from dashboard.accounts.db import database_url, engine_for
    from dashboard.accounts.users import Accounts

    Accounts(engine_for(database_url(data_dir, env))).add(login, role, structures, PASSWORD)


@contextlib.contextmanager
def running_app(
    data_dir: Path,
    *,
    workers: int = 0,
    gunicorn_args: Sequence[str] = (),
    log_path: Path | None = None,
    **extra: str,
) -> Iterator[str]:
    """The app on a free loopback port: `python app.py`, or gunicorn with `workers` (and
    `gunicorn_args`); its output goes to `log_path` when given."""
    port = free_port()
    env = app_env(data_dir, HOST="127.0.0.1", PORT=str(port), **extra)
    if workers:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        cmd = [gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", *gunicorn_args,
               "app:server"]  # fmt: skip
    else:
        cmd = [sys.executable, "app.py"]
    log = log_path.open("wb") if log_path is not None else subprocess.DEVNULL
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    if log_path is not None:
        log.close()  # type: ignore[union-attr]
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/", process, timeout=90)
        yield base
    finally:
        stop(process)


@contextlib.contextmanager
def running_redis() -> Iterator[str]:
    """A throw-away redis-server on a free loopback port (devtools' own); its URL."""
    from devtools.serving import running_redis as start_redis

    with start_redis() as server:
        yield server.url
