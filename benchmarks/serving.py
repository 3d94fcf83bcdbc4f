"""The app as the app benchmark serves it: under gunicorn on 127.0.0.1, as in production,
started by the benchmark and stopped by it (by process id, never by name). The generic helpers
(a free port, waiting for a server, a throw-away Redis, process memory) are in
devtools/serving.py.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from devtools.serving import (
    REPO_ROOT,
    children_of,
    free_port,
    log_tail,
    proc_status_kb,
    stop,
    wait_until_up,
)


@dataclass
class Gunicorn:
    """A running gunicorn serving app:server."""

    base_url: str
    process: subprocess.Popen[bytes]
    command: list[str]
    started_in_s: float  # from spawn until GET / answered 200
    log_path: Path

    def workers(self) -> list[int]:
        return children_of(self.process.pid)

    def worker_memory_kb(self) -> dict[int, dict[str, int]]:
        """VmRSS and VmHWM of each worker now."""
        return {pid: proc_status_kb(pid) for pid in self.workers()}

    def log_tail(self, lines: int = 30) -> str:
        return log_tail(self.log_path, lines)


@contextlib.contextmanager
def running_gunicorn(
    env: dict[str, str],
    log_path: Path,
    *,
    workers: int = 2,
    extra_args: tuple[str, ...] = (),
    start_timeout: float = 300,
    app_dir: Path = REPO_ROOT,
) -> Iterator[Gunicorn]:
    """`gunicorn -w N -b 127.0.0.1:PORT app:server` from `app_dir` (the repository root by
    default, so it reads gunicorn.conf.py as production does), until GET / answers; stopped
    on exit."""
    port = free_port()
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    command = [gunicorn, "-w", str(workers), "-b", f"127.0.0.1:{port}", *extra_args, "app:server"]
    base = f"http://127.0.0.1:{port}"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        try:
            wait_until_up(base + "/", process, start_timeout)
        except RuntimeError as exc:
            raise RuntimeError(f"gunicorn: {exc}:\n{log_tail(log_path)}") from None
        yield Gunicorn(base, process, command, time.perf_counter() - started, log_path)
    finally:
        # SIGTERM to the master: it stops its workers gracefully.
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        stop(process)
