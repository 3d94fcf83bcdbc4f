"""Screenshots for the README, on the demo data, fully drawn: the overview
(docs/overview.png in French, docs/overview-en.png in English), and a consultant's
take-aways (docs/presentation.png: a slide of the presentation mode on a 1920 x 1080 screen;
docs/takeaway.png: « Ma structure »'s report and presentation links and a chart's image
buttons).

    .venv/bin/python scripts/screenshot.py                  # serves the app itself
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:8050   # an app already running
    .venv/bin/python scripts/screenshot.py --only deliverables

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

from playwright.sync_api import Page, Route, sync_playwright

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


BENCH = "/benchmark?structure=W-BOURG-EN-BRESSE&edition=2022"
PRESENTATION = "/presentation?structure=W-BOURG-EN-BRESSE&edition=2022&slide=4"


def _deliverables(page: Page, base_url: str, out_dir: Path) -> list[Path]:
    """A slide of the presentation at 1920 x 1080, and « Ma structure »'s take-aways."""
    written = []
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(base_url + PRESENTATION)
    page.wait_for_function("() => [...document.images].every(i => i.complete)")
    target = out_dir / "presentation.png"
    page.screenshot(path=str(target), animations="disabled")
    written.append(target)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + BENCH)
    graph = "#bench-channels-graph .js-plotly-plot .main-svg"
    page.wait_for_selector(graph, timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]')", timeout=TIMEOUT_MS
    )
    top = page.locator("#bench-takeaway-heading").bounding_box()
    block = page.locator("#bench-channels-graph").locator("xpath=ancestor::section[1]")
    bottom = block.bounding_box()
    assert top is not None and bottom is not None
    page.set_viewport_size({"width": 1280, "height": int(bottom["y"] + bottom["height"] + 20)})
    target = out_dir / "takeaway.png"
    clip = {"x": top["x"] - 10, "y": top["y"] - 10, "width": bottom["width"] + 20,
            "height": bottom["y"] + bottom["height"] - top["y"] + 20}  # fmt: skip
    page.screenshot(path=str(target), clip=clip, animations="disabled")
    written.append(target)
    return written


def take_screenshots(base_url: str, out_dir: Path, only: str = "all") -> list[Path]:
    """Full-page PNGs of the overview in each language, once everything is drawn, and the
    deliverables' pictures (`only`: "overview", "deliverables" or "all")."""
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
            if only in ("all", "deliverables"):
                written += _deliverables(page, base_url, out_dir)
            for path, name in SHOTS if only in ("all", "overview") else ():
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
    parser.add_argument("--only", choices=("all", "overview", "deliverables"), default="all")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.url:
        written = take_screenshots(args.url.rstrip("/"), args.out, args.only)
    else:
        with serve_app() as base_url:
            written = take_screenshots(base_url, args.out, args.only)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
