"""Browser tests: the real app in a subprocess, Debian's Chromium driven by Playwright.

One server and one browser per session; a fresh browser context (history, downloads) per test.
Every test fails if the page logged a console error or threw, or if anything tried to leave
127.0.0.1 (requests to other hosts are blocked and recorded: the offline proof).
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    Route,
    expect,
    sync_playwright,
)

from devtools.serving import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    log_tail,
    stop,
    wait_until_up,
)
from layouts import ids
from tests.servers import app_env

ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 90.0  # seconds: importing pandas/plotly on a busy 2-core machine is slow
TIMEOUT_MS = 30_000  # every wait of a test; generous because the machine is shared
# expect() assertions wait too (their default, 5 s, is short for a loaded 2-core machine).
expect.set_options(timeout=TIMEOUT_MS)

GRAPHS = (ids.HEATMAP, ids.DISTRIBUTION, ids.TREND)
# What a snapshot of the overview holds: the graphs' data, and the text of the tables, the
# indicator cards and the subtitle.
SNAPSHOT_IDS = [
    [c.graph for c in GRAPHS],
    [*(c.table for c in ids.OVERVIEW_CHARTS), ids.CARDS, ids.SUBTITLE],
]

# What the journeys of several modules share: the sizes a person views the app at, the
# charts of each page, the structure they pick, the navbar's links.
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
MIN_CHART_PX = 150
BENCH_GRAPHS = [c.graph for c in ids.BENCH_CHARTS if c.plotted]
OVERVIEW_GRAPHS = [c.graph for c in ids.OVERVIEW_CHARTS if c.plotted]
BOURG = "W-BOURG-EN-BRESSE"
NAV_LINKS = {
    "fr": {"nav_bench": "Ma structure", "nav_overview": "Vue d'ensemble"},
    "en": {"nav_bench": "My structure", "nav_overview": "Overview"},
}

# Every chart a person can see: its box, and the window's width.
CHARTS_JS = """
() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter(gd => gd.closest('[hidden]') === null && gd.parentElement.offsetParent !== null
                && getComputedStyle(gd.parentElement).display !== 'none')
  .map(gd => {
    const box = gd.getBoundingClientRect();
    return {id: gd.parentElement.id, height: box.height, left: box.left, right: box.right,
            width: window.innerWidth,
            page: document.documentElement.scrollWidth};
  })
"""

# Page-side helpers, installed in every page before its scripts run. Figures come from
# `.js-plotly-plot` (the div Plotly draws into); plotly.py ships numbers as base64 typed
# arrays ({dtype, bdata, shape}), decoded here so tests compare plain numbers.
HELPERS_JS = """
(() => {
  const TYPES = {f8: Float64Array, f4: Float32Array, i1: Int8Array, u1: Uint8Array,
                 i2: Int16Array, u2: Uint16Array, i4: Int32Array, u4: Uint32Array,
                 i8: BigInt64Array, u8: BigUint64Array};
  const decode = (v) => {
    if (v === null || v === undefined) return v;
    if (ArrayBuffer.isView(v)) return Array.from(v);
    if (Array.isArray(v)) return v.map(decode);
    if (typeof v === 'object' && typeof v.bdata === 'string' && v.dtype in TYPES) {
      const bin = atob(v.bdata);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const flat = Array.from(new TYPES[v.dtype](bytes.buffer), Number);
      const shape = typeof v.shape === 'string' ? v.shape.split(',').map(Number)
                  : (v.shape || [flat.length]);
      if (shape.length === 2) {
        const rows = [];
        for (let r = 0; r < shape[0]; r++) rows.push(flat.slice(r * shape[1], (r + 1) * shape[1]));
        return rows;
      }
      return flat;
    }
    return v;
  };
  const plot = (graphId) => {
    const el = document.getElementById(graphId);
    return el ? el.querySelector('.js-plotly-plot') : null;
  };
  window.__bt = {
    figure(graphId) {
      const gd = plot(graphId);
      if (!gd || !gd.data) return null;
      return {
        data: gd.data.map(t => ({type: t.type, name: t.name, x: decode(t.x), y: decode(t.y),
                                 z: decode(t.z), texttemplate: t.texttemplate})),
        shapes: ((gd.layout || {}).shapes || []).map(s => ({x0: s.x0, x1: s.x1})),
        separators: (gd._fullLayout || {}).separators,
      };
    },
    drawn(graphId) {
      const gd = plot(graphId);
      return !!(gd && gd.data && gd.data.length && gd._fullLayout
                && gd.querySelector('.main-svg'));
    },
    tableText(elementId) {
      const el = document.getElementById(elementId);
      return el ? el.textContent : '';
    },
    snapshot(graphIds, textIds) {
      return JSON.stringify([graphIds.map(id => window.__bt.figure(id)),
                             textIds.map(id => window.__bt.tableText(id))]);
    },
    busy() {
      return !!document.querySelector('[data-dash-is-loading="true"]');
    },
  };
})();
"""


@dataclass
class PageMonitor:
    """What a page did that a test must not ignore: console errors, page errors, and
    requests that tried to leave the loopback server."""

    base_url: str
    console: list[str] = field(default_factory=list)  # every message, for a failure's report
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    local_requests: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        self.console.append(f"[{message.type}] {message.text}")
        if message.type == "error":
            self.console_errors.append(f"{message.text} @ {message.location}")

    def route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(self.base_url + "/") or url == self.base_url:
            self.local_requests.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def problems(self) -> list[str]:
        out = [f"console error: {e}" for e in self.console_errors]
        out += [f"page error: {e}" for e in self.page_errors]
        out += [f"request outside 127.0.0.1 attempted: {u}" for u in self.blocked]
        return out


class DashPage:
    """A Playwright page on the app, with the waits every test needs."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def goto(self, path: str) -> None:
        """Open `path` (with its query) and wait until the page's content is rendered."""
        self.page.goto(self.base_url + path)
        self.page.wait_for_selector("main#main h1", timeout=TIMEOUT_MS)
        if urlsplit(path).path in ("", "/"):
            self.wait_overview_drawn()

    def wait_overview_drawn(self) -> None:
        """Until every overview graph has drawn traces and every shown table is filled (the
        charts' "see as table" alternatives are built when opened)."""
        self.page.wait_for_function(
            """([graphs, tables]) => graphs.every(id => window.__bt.drawn(id))
                 && tables.every(id => !document.getElementById(id).closest('details').open
                                       || document.querySelector('#' + id + ' tbody'))
                 && !window.__bt.busy()""",
            arg=[[c.graph for c in GRAPHS], [c.table for c in ids.OVERVIEW_CHARTS]],
            timeout=TIMEOUT_MS,
        )

    def snapshot(self) -> str:
        """The drawn data of every graph and the text of every table, card and the subtitle,
        as one string: two equal snapshots are the same view."""
        return str(self.page.evaluate("([g, t]) => window.__bt.snapshot(g, t)", SNAPSHOT_IDS))

    def wait_overview_changed(self, before: str) -> None:
        """Until the view differs from `before` and is fully drawn again."""
        self.page.wait_for_function(
            """([before, graphs, texts]) => window.__bt.snapshot(graphs, texts) !== before
                 && graphs.every(id => window.__bt.drawn(id)) && !window.__bt.busy()""",
            arg=[before, *SNAPSHOT_IDS],
            timeout=TIMEOUT_MS,
        )
        self.wait_overview_drawn()

    def wait_snapshot(self, expected: str) -> None:
        """Until the view is exactly `expected` (a snapshot taken earlier)."""
        self.page.wait_for_function(
            "([expected, graphs, texts]) => window.__bt.snapshot(graphs, texts) === expected",
            arg=[expected, *SNAPSHOT_IDS],
            timeout=TIMEOUT_MS,
        )
        self.wait_overview_drawn()

    def wait_query(self, expected: dict[str, list[str]]) -> None:
        """Until the URL's query holds exactly `expected` (in any order within a list)."""
        want = {name: sorted(values) for name, values in expected.items()}
        self.page.wait_for_url(lambda url: query_of(url) == want, timeout=TIMEOUT_MS)

    def query(self) -> dict[str, list[str]]:
        return query_of(self.page.url)

    def figure(self, chart: ids.ChartIds) -> dict[str, Any]:
        """The figure drawn for `chart`: traces with decoded x, y, z; shapes; separators."""
        fig = self.page.evaluate("id => window.__bt.figure(id)", chart.graph)
        assert fig is not None, f"{chart.graph} has no drawn figure"
        return dict(fig)

    def open_table(self, chart: ids.ChartIds) -> None:
        """Open a chart's "see as table" disclosure (if closed) and wait for its table."""
        details = self.page.locator(f"#{chart.details}")
        if not details.evaluate("d => d.open"):
            details.locator("> summary").click()
        self.page.wait_for_selector(f"#{chart.table} tbody", timeout=TIMEOUT_MS)

    def table(self, chart: ids.ChartIds) -> tuple[list[str], list[list[str]]]:
        """The headers and body rows (cell texts) of a chart's table alternative (opened)."""
        self.open_table(chart)
        data = self.page.evaluate(
            """id => {
                 const t = document.querySelector('#' + id + ' table');
                 const cells = tr => [...tr.children].map(c => c.textContent.trim());
                 return [cells(t.querySelector('thead tr')),
                         [...t.querySelectorAll('tbody tr')].map(cells)];
               }""",
            chart.table,
        )
        return list(data[0]), [list(row) for row in data[1]]

    def checked(self, control_id: str) -> list[str]:
        """The values of the ticked boxes of a checklist."""
        return list(
            self.page.evaluate(
                "id => [...document.querySelectorAll('#' + id + ' input:checked')]"
                ".map(i => i.value)",
                control_id,
            )
        )

    def dropdown_text(self, control_id: str) -> str:
        """The value a dropdown shows."""
        return self.page.locator(f"#{control_id}").inner_text().strip()

    def visible_charts(self, expected: list[str]) -> list[dict[str, Any]]:
        """The charts a person sees ({id, height, left, right, width, page} in CSS px), once
        `expected` (graph ids) are all on screen and at least MIN_CHART_PX high; fails after
        the tests' timeout otherwise, or if a chart is smaller, outside the window's width,
        or the page scrolls sideways."""
        self.page.wait_for_function(
            """([ids, min]) => ids.every(id => {
                 const el = document.getElementById(id);
                 const gd = el && el.querySelector('.js-plotly-plot .main-svg');
                 return gd && el.getBoundingClientRect().height >= min;
               }) && !window.__bt.busy()""",
            arg=[expected, MIN_CHART_PX],
            timeout=TIMEOUT_MS,
        )
        charts = list(self.page.evaluate(CHARTS_JS))
        seen = {c["id"] for c in charts}
        assert set(expected) <= seen, (expected, charts)
        for chart in charts:
            assert chart["height"] >= MIN_CHART_PX, chart
            assert chart["left"] >= 0 and chart["right"] <= chart["width"] + 0.5, chart
            assert chart["page"] <= chart["width"], chart  # the page never scrolls sideways
        return charts

    def open_home(self, lang: str) -> None:
        """The home page, in `lang` by its language switch (a person does not type ?lang=en)."""
        self.goto("/")
        if lang == "en":
            self.page.get_by_role("link", name="English").click()
            self.page.wait_for_url(lambda url: query_of(url).get("lang") == ["en"])
            self.wait_overview_drawn()

    def open_nav(self, lang: str, name_key: str) -> None:
        """Follow the navbar link NAV_LINKS[lang][name_key] (follow_nav)."""
        self.follow_nav(NAV_LINKS[lang][name_key])

    def follow_nav(self, name: str) -> None:
        """Follow the navbar's link `name` as a person does: on a phone, « Menu » first."""
        follow_nav(self.page, name)

    def open_structure(self, lang: str, query: str, option: str | re.Pattern[str]) -> None:
        """« Ma structure » from the navbar, `query` typed in its search and `option` picked;
        until every chart of the page is on screen at its size (visible_charts)."""
        self.open_nav(lang, "nav_bench")
        self.search_and_pick(query, option)
        self.visible_charts(BENCH_GRAPHS)

    def search_and_pick(self, query: str, option: str | re.Pattern[str]) -> None:
        """Type `query` in the structure search and pick `option` from the list (the text
        goes in at once; keys typed one by one: test_benchmark_page)."""
        box = self.page.locator(f"#{ids.BENCH_SEARCH}")
        box.fill(query)
        expect(self.page.locator(f"#{ids.BENCH_SEARCH_STATUS}")).not_to_be_empty()
        self.page.locator(f"#{ids.BENCH_STRUCTURE}").click()
        self.page.get_by_role("option", name=option).first.click()


def query_of(url: str) -> dict[str, list[str]]:
    """A URL's query as {name: values}: comma lists split and sorted (their order does not
    change the view), blank values kept."""
    parsed = parse_qs(urlsplit(url).query, keep_blank_values=True)
    return {k: sorted(p for v in vs for p in v.split(",")) for k, vs in parsed.items()}


def _server_command(port: int) -> list[str]:
    """gunicorn, as in production (README), one worker with threads: Dash fires callbacks in
    parallel. (Not `python app.py`: a command line naming app.py is what a broad `pkill -f
    app.py` elsewhere on a shared machine kills mid-run.)"""
    bind = f"127.0.0.1:{port}"
    options = ["--bind", bind, "--workers", "1", "--threads", "8", "--timeout", "120"]
    return [sys.executable, "-m", "gunicorn", *options, "app:server"]


@dataclass
class AppServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def check_alive(self) -> None:
        code = self.process.poll()
        if code is not None:
            pytest.fail(
                f"the app server exited (code {code}) during the tests; its log ends:\n"
                + log_tail(self.log_path, 40)
            )


@contextlib.contextmanager
def serving_app(data_dir: Path, log_path: Path, **env: str) -> Iterator[AppServer]:
    """The real app, served by gunicorn as in production (README), on a free loopback port,
    with the data directory `data_dir` and the extra settings `env`; stopped on exit."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = {"HOST": "127.0.0.1", "PORT": str(port), "DASHBOARD_DEBUG": "0", **env}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            _server_command(port),
            cwd=ROOT,
            env=app_env(data_dir, **settings),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        try:
            wait_until_up(base_url + "/", process, SERVER_START_TIMEOUT)
        except (RuntimeError, TimeoutError) as exc:
            pytest.fail(f"the app server did not start ({exc}):\n{log_tail(log_path, 40)}")
        yield AppServer(base_url, process, log_path)
    finally:
        stop(process)


def sign_in(page: Page, base_url: str, login: str, password: str, lang: str = "fr") -> None:
    """Sign in through the login page, as a person does: type, press the button."""
    page.goto(f"{base_url}/login" + ("?lang=en" if lang == "en" else ""))
    page.get_by_label("Identifiant" if lang == "fr" else "Login").fill(login)
    page.get_by_label("Mot de passe" if lang == "fr" else "Password").fill(password)
    page.get_by_role("button", name="Se connecter" if lang == "fr" else "Sign in").click()
    page.wait_for_selector("main#main h1", timeout=TIMEOUT_MS)
    expect(page.locator(f"#{ids.ACCOUNT_NAME}")).to_contain_text(login)


def follow_nav(page: Page, name: str) -> None:
    """Follow the navbar's page link `name`; below the navbar's breakpoint the links are
    behind « Menu » (layouts/shell.py), which is opened first."""
    toggle = page.locator(f"#{ids.NAV_TOGGLE}")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    page.get_by_role("navigation").get_by_role("link", name=name, exact=True).click()


CONSULTANT = "carl"  # the account of the modules that need names (tests.servers.PASSWORD)
# An account: (login, role) or (login, role, the structures of a manager).
Account = tuple[str, str] | tuple[str, str, Sequence[str]]


@contextlib.contextmanager
def app_with_accounts(work: Path, *accounts: Account) -> Iterator[AppServer]:
    """The real app (serving_app) on the data dir `work/data`, made if absent (then the demo
    data is active; a module may import a dataset there first), its log `work/server.log`;
    with `accounts` added first (password tests.servers.PASSWORD), anonymous mode without."""
    from tests.servers import add_account

    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    for login, role, *structures in accounts:
        add_account(data, login, role, *structures)
    with serving_app(data, work / "server.log") as server:
        yield server


@contextlib.contextmanager
def consultant_app(work: Path) -> Iterator[AppServer]:
    """The app with one consultant account (peers named, comparison, the dataset download)."""
    with app_with_accounts(work, (CONSULTANT, "consultant")) as server:
        yield server


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The real app on an empty data dir (so the demo data is active), anonymous mode. A
    module needing other data or accounts defines its own (module scope)."""
    with app_with_accounts(tmp_path_factory.mktemp("app")) as server:
        yield server


@pytest.fixture(scope="module")
def base_url(app_server: AppServer) -> str:
    """The address of the module's app (the session's, or the module's own `app_server`)."""
    return app_server.base_url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless; Playwright's own browsers are never downloaded."""
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page_monitor(app_server: AppServer) -> PageMonitor:
    return PageMonitor(app_server.base_url)


@pytest.fixture
def page(browser: Browser, app_server: AppServer, page_monitor: PageMonitor) -> Iterator[Page]:
    """A fresh page whose console errors, page errors and off-host requests fail the test
    (checked by pytest_runtest_call below, so they count as test failures)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(HELPERS_JS)
    context.route("**/*", page_monitor.route)
    # WebSockets are not routed by page.route: record any attempt as well.
    context.on("websocket", lambda ws: page_monitor.blocked.append(ws.url))
    new_page = context.new_page()
    new_page.on("console", page_monitor.on_console)
    new_page.on("pageerror", lambda error: page_monitor.page_errors.append(str(error)))
    yield new_page
    context.close()
    app_server.check_alive()


@pytest.fixture
def app(page: Page, base_url: str) -> DashPage:
    return DashPage(page, base_url)


@pytest.fixture(params=[(v, lang) for v in VIEWPORTS for lang in ("fr", "en")],
                ids=lambda p: f"{p[0]}-{p[1]}")  # fmt: skip
def setting(request: pytest.FixtureRequest, page: Page) -> Iterator[tuple[str, str]]:
    """Desktop (1440 px) and phone (390 px), French and English: (viewport, lang), the page
    at that size (a journey opens the app in `lang` itself, by its language switch)."""
    viewport, lang = request.param
    page.set_viewport_size(VIEWPORTS[viewport])
    yield viewport, lang


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a browser test's body: fail it if the page misbehaved, even if it asserted all."""
    result = yield
    funcargs = getattr(item, "funcargs", {})
    monitor: PageMonitor | None = funcargs.get("page_monitor")
    page: Page | None = funcargs.get("page")
    if monitor is None or page is None:
        return result
    if not page.is_closed():
        # Let callbacks still in flight finish, so their errors are seen here too.
        try:
            page.wait_for_function("() => !window.__bt || !window.__bt.busy()", timeout=10_000)
        except Exception as exc:  # a page stuck loading is a problem in its own right
            monitor.page_errors.append(f"page still busy after the test: {exc}")
    problems = monitor.problems()
    if problems:
        raise AssertionError(
            "the page misbehaved:\n" + "\n".join(problems)
            + "\n\nconsole:\n" + "\n".join(monitor.console)
        )  # fmt: skip
    return result
