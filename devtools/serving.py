"""Local servers for tests, benchmarks and scripts, on 127.0.0.1 only: a free port, an
environment without proxies, waiting for a server to answer, stopping it (by process id, never
by name), its log's tail, a throw-away redis-server, what /proc says of a process's memory and
children, and Debian's Chromium with its flags. The app under gunicorn as the benchmark serves
it is in benchmarks/serving.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# urllib must never go through a proxy, whatever the environment says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env(app_dir: Path = REPO_ROOT, **extra: str) -> dict[str, str]:
    """This process's environment without proxy settings, `app_dir` first on the Python
    path, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(app_dir), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def stop(process: subprocess.Popen[bytes], timeout: float = 20) -> None:
    """Stop a server we started: SIGTERM, then SIGKILL if it does not exit in `timeout` s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until GET `url` answers 200 (never through a proxy). RuntimeError if the process
    exits first, TimeoutError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with _OPENER.open(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.2)  # polling interval while the server starts


def log_tail(path: Path, lines: int = 30) -> str:
    """The last `lines` lines of a server's log file ("" if there is none)."""
    text = path.read_text("utf-8", errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


# Debian's Chromium, headless on a machine without a screen, GPU or internet: the flags keep it
# from trying to reach Google's services. Shared by the benchmarks, the browser tests and
# scripts/screenshot.py.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class Redis:
    """A running redis-server: its URL, and a client to flush it between measurements; its
    process (the fault tests freeze and kill it)."""

    url: str
    port: int
    process: subprocess.Popen[bytes] | None = None

    def flush(self) -> None:
        import redis

        redis.Redis(host="127.0.0.1", port=self.port).flushall()

    def keys(self) -> int:
        import redis

        return int(redis.Redis(host="127.0.0.1", port=self.port).dbsize())


@contextlib.contextmanager
def running_redis() -> Iterator[Redis]:
    """Debian's redis-server on a free loopback port, no persistence; stopped on exit."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian package redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.1)
        yield Redis(f"redis://127.0.0.1:{port}/0", port, process)
    finally:
        stop(process)


def proc_status_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident memory) of a process, in KiB; {} once it is gone."""
    found: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(rest.split()[0])
    except OSError:
        pass
    return found


def children_of(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc)."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            found.extend(int(p) for p in text)
    except OSError:
        pass
    return sorted(set(found))
