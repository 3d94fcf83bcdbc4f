"""Screenshots of the overview for the README: docs/overview.png (French) and
docs/overview-en.png (English), on the demo data, fully drawn.

    .venv/bin/python scripts/screenshot.py                  # serves the app itself
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:8050   # an app already running

Uses Debian's Chromium (/usr/bin/chromium); Playwright's own browsers are never downloaded.
Nothing leaves 127.0.0.1: any other request is blocked and stops the script.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

# Run as a script (python scripts/screenshot.py): make the project importable without an
# installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from devtools.serving import CHROMIUM, CHROMIUM_ARGS, clean_env, free_port, stop, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SHOTS = (("/", "overview.png"), ("/?lang=en", "overview-en.png"))
GRAPHS = ("overview-heatmap-graph", "overview-distribution-graph", "overview-trend-graph")
TIMEOUT_MS = 120_000
# Every graph drawn, every table filled, no callback pending.
DRAWN_JS = """graphs => graphs.every(id => {
      const gd = document.querySelector('#' + id + ' .js-plotly-plot');
      return gd && gd.data && gd.data.length && gd._fullLayout;
    }) && document.querySelector('#overview-winners-table tbody')
    && !document.querySelector('[data-dash-is-loading="true"]')"""


@contextmanager
def serve_app() -> Iterator[str]:
    """The app under gunicorn on a free loopback port and an empty data dir (demo data)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = clean_env(ROOT, DASHBOARD_DATA_DIR=data_dir, DASHBOARD_DEBUG="0")
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
                   "--workers", "1", "--threads", "8", "app:server"]  # fmt: skip
        process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        base_url = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_until_up(base_url + "/", process, timeout=120)
            except (RuntimeError, TimeoutError) as exc:
                raise SystemExit(f"the app did not start: {exc}") from None
            yield base_url
        finally:
            stop(process)


def take_screenshots(base_url: str, out_dir: Path) -> list[Path]:
    """Full-page PNGs of the overview in each language, once everything is drawn."""
    blocked: list[str] = []

    def only_loopback(route: Route) -> None:
        if route.request.url.startswith(base_url + "/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, device_scale_factor=1
            )
            context.route("**/*", only_loopback)
            page = context.new_page()
            for path, name in SHOTS:
                page.goto(base_url + path)
                page.wait_for_function(DRAWN_JS, arg=list(GRAPHS), timeout=TIMEOUT_MS)
                # Let Plotly finish its last transition before the picture is taken.
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(null)))")
                target = out_dir / name
                page.screenshot(path=str(target), full_page=True, animations="disabled")
                written.append(target)
        finally:
            browser.close()
    if blocked:
        raise SystemExit(f"requests outside 127.0.0.1 were attempted: {blocked}")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="an app already running (default: start one)")
    parser.add_argument("--out", type=Path, default=DOCS, help="output folder (docs/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.url:
        written = take_screenshots(args.url.rstrip("/"), args.out)
    else:
        with serve_app() as base_url:
            written = take_screenshots(base_url, args.out)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
