"""First load of a page in headless Chromium (Debian's; Playwright never downloads one):
time until every chart is drawn, bytes on the wire and requests, from an empty browser cache.

Each load runs in its own process (`python -m benchmarks.firstload ...`) under a wall-clock
limit: a page whose main thread never yields can block Playwright's own timeouts, and the
benchmark must stop by itself all the same.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.replay import SESSION_COOKIE
from devtools.serving import CHROMIUM, CHROMIUM_ARGS

# True once every listed graph has drawn traces into its SVG and no callback is pending;
# records the moment (ms since navigation started) the first time it holds.
_DRAWN_JS = """
(graphIds) => {
  const drawn = (id) => {
    const el = document.getElementById(id);
    const gd = el && el.querySelector('.js-plotly-plot');
    return !!(gd && gd.data && gd.data.length && gd._fullLayout && gd.querySelector('.main-svg'));
  };
  const main = document.querySelector('main#main h1');
  const busy = document.querySelector('[data-dash-is-loading="true"]');
  if (main && !busy && graphIds.every(drawn)) {
    if (window.__drawnAt === undefined) window.__drawnAt = performance.now();
    return true;
  }
  return false;
}
"""


@dataclass
class LoadRun:
    """One first load: when every chart was drawn, what crossed the network."""

    drawn_ms: float | None
    bytes: int
    requests: int
    failed_requests: int
    urls: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    error: str | None = None
    stopped_after_ms: float | None = None  # a load stopped for not finishing in time


@dataclass(frozen=True)
class FirstLoad:
    """A page to load first: the server (`base_url`, e.g. "http://127.0.0.1:8050"), the page's
    `url_path` (with its query), the ids of the graphs whose charts must be drawn, the limit of
    each wait in ms, and the session cookie's value of a signed-in visitor (None: anonymous)."""

    base_url: str
    url_path: str
    graph_ids: Sequence[str]
    timeout_ms: float
    session: str | None = None


def _first_loads_here(load: FirstLoad, runs: int) -> list[LoadRun]:
    """`runs` first loads of `load` in this process, each in a fresh browser context."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    base_url, timeout_ms, session = load.base_url, load.timeout_ms, load.session
    results: list[LoadRun] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, locale="fr-FR"
                )
                if session:  # a signed-in visitor's first load (its session cookie)
                    context.add_cookies(
                        [{"name": SESSION_COOKIE, "value": session, "url": base_url}]
                    )
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                totals: dict[str, Any] = {"bytes": 0, "requests": 0, "failed": 0, "urls": []}

                def on_request(event: dict[str, Any], t: dict[str, Any] = totals) -> None:
                    t["requests"] += 1
                    t["urls"].append(event["request"]["url"])

                def on_finished(event: dict[str, Any], t: dict[str, Any] = totals) -> None:
                    t["bytes"] += int(event.get("encodedDataLength") or 0)

                def on_failed(event: dict[str, Any], t: dict[str, Any] = totals) -> None:
                    t["failed"] += 1

                cdp.on("Network.requestWillBeSent", on_request)
                cdp.on("Network.loadingFinished", on_finished)
                cdp.on("Network.loadingFailed", on_failed)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                errors: list[str] = []
                page.on(
                    "console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None
                )
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                drawn: float | None = None
                error = None
                try:
                    page.goto(base_url + load.url_path, wait_until="commit", timeout=timeout_ms)
                    page.wait_for_function(
                        _DRAWN_JS, arg=list(load.graph_ids), timeout=timeout_ms, polling="raf"
                    )
                    drawn = float(page.evaluate("window.__drawnAt"))
                    # Whatever loads after the charts (late chunks) is part of the first load.
                    page.wait_for_load_state("networkidle", timeout=timeout_ms)
                except PlaywrightError as exc:
                    error = str(exc).splitlines()[0]
                results.append(
                    LoadRun(
                        drawn_ms=drawn,
                        bytes=int(totals["bytes"]),
                        requests=int(totals["requests"]),
                        failed_requests=int(totals["failed"]),
                        urls=list(totals["urls"]),
                        console_errors=errors,
                        error=error,
                    )
                )
                context.close()
        finally:
            browser.close()
    return results


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += [int(child), *_descendants(int(child))]
    except OSError:
        pass
    return found


def _kill_tree(pid: int) -> None:
    """Kill a process we started and everything it started, by process id."""
    for target in [*_descendants(pid), pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(target, signal.SIGKILL)


def first_loads(load: FirstLoad, runs: int) -> list[LoadRun]:
    """`runs` first loads of `load`, each in a fresh process and browser (empty cache, the
    session cookie of a signed-in visitor when given), each stopped after 3 x
    `load.timeout_ms` + 30 s at the latest."""
    limit = 3 * load.timeout_ms / 1000 + 30
    root = Path(__file__).resolve().parent.parent
    results: list[LoadRun] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="firstload-") as scratch:
            out = Path(scratch) / "run.json"
            command = [
                sys.executable,
                "-m",
                "benchmarks.firstload",
                load.base_url,
                load.url_path,
                ",".join(load.graph_ids),
                str(load.timeout_ms),
                str(out),
                *(["--session", load.session] if load.session else []),
            ]
            child = subprocess.Popen(
                command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            started = time.monotonic()
            try:
                _, stderr = child.communicate(timeout=limit)
            except subprocess.TimeoutExpired:
                _kill_tree(child.pid)
                child.communicate()
                waited = time.monotonic() - started
                results.append(
                    LoadRun(
                        None,
                        0,
                        0,
                        0,
                        error=f"page unresponsive: stopped after {waited:.0f} s",
                        stopped_after_ms=waited * 1000,
                    )
                )
                continue
            if child.returncode != 0 or not out.exists():
                detail = stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:]
                results.append(LoadRun(None, 0, 0, 0, error=f"first-load process failed: {detail}"))
                continue
            results.append(LoadRun(**json.loads(out.read_text("utf-8"))))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one first load, as JSON (used by `app`)")
    parser.add_argument("base_url")
    parser.add_argument("url_path")
    parser.add_argument("graphs", help="comma-separated graph ids to wait for")
    parser.add_argument("timeout_ms", type=float)
    parser.add_argument("out", type=Path)
    parser.add_argument("--session", default=None, help="the session cookie's value")
    args = parser.parse_args(argv)
    graphs = [g for g in args.graphs.split(",") if g]
    load = FirstLoad(args.base_url, args.url_path, graphs, args.timeout_ms, args.session)
    (run,) = _first_loads_here(load, 1)
    args.out.write_text(json.dumps(asdict(run)), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
