"""The Dash app: create_app(settings) builds it; `server` is what gunicorn serves.

python app.py                 serves on 127.0.0.1:8050 (HOST and PORT override)
gunicorn app:server           production (see README)
"""

from __future__ import annotations

import logging
import re
from importlib.resources import files
from pathlib import Path

import dash
import flask
from dash import Dash, html
from flask_caching import Cache
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from callbacks import boundary, headers, register_callbacks, security, warm_caches
from callbacks.services import AppServices
from dashboard.accounts.db import database_url, engine_for
from dashboard.accounts.users import Accounts
from dashboard.i18n import translate
from dashboard.intake.store import DatasetStore
from dashboard.pages.data import DataPageContent
from dashboard.render import plotly_bundle
from dashboard.settings import Settings
from dashboard.urlstate import BenchmarkState, OverviewState, lang_of
from layouts.benchmark import make_benchmark
from layouts.data_page import make_data_page
from layouts.overview import make_overview
from layouts.shell import make_root, make_shell
from layouts.territories import validation_layout as territories_layout

SERVICES_EXTENSION = "barometre"  # server.extensions key of the app's AppServices
STATIC_COMPRESSOR_EXTENSION = "barometre-static"  # ... and of its StaticCompressor
BOOTSTRAP_ROUTE = "/vendor/bootstrap.min.css"
PLOTLY_FR_ROUTE = "/vendor/plotly-locale-fr.js"
VENDOR = Path(__file__).resolve().parent / "vendor"
# Built by `make setup` from the npm package plotly.js-locales (see Makefile).
PLOTLY_FR_SOURCE = VENDOR / "plotly.js-locales" / "fr.js"


def _bootstrap_css() -> bytes:
    """Bootstrap 5's CSS from the installed bootstrap-flask package (no CDN, no copied file)."""
    return files("flask_bootstrap").joinpath("static/bootstrap5/css/bootstrap.min.css").read_bytes()


def _plotly_locale_script(source: Path) -> bytes | None:
    """plotly.js's French locale as a browser script, or None if the build step did not run.

    The npm file is a CommonJS module; wrapped, it registers itself with Plotly, or queues in
    window.PlotlyLocales when Plotly is not loaded yet (plotly.js reads that queue on load).
    """
    if not source.exists():
        return None
    module = source.read_text("utf-8")
    return (
        "(function(){var module={exports:{}};\n" + module + "\n;var l=module.exports;"
        "if(typeof Plotly==='undefined'){window.PlotlyLocales=window.PlotlyLocales||[];"
        "window.PlotlyLocales.push(l);}else{Plotly.register(l);}})();"
    ).encode("utf-8")


# Dash loads @babel/polyfill (core-js 2) before its own scripts, for browsers older than the
# ones React 18 (which Dash renders with) supports. Those browsers have everything core-js adds
# but `regeneratorRuntime`, which Babel's output of Dash, dcc and dbc calls: the app loads
# regenerator-runtime alone in its place (fetched from npm by `make setup`). core-js 2 was not
# only weight (0.1 s of a first load's script evaluation): its whitespace table predates
# Unicode 6.3, so it took every modern browser's trim, parseFloat and parseInt for buggy and
# replaced them with regex-based copies, which plotly.js calls for every data point.
REGENERATOR_DIR = VENDOR / "regenerator-runtime"
_POLYFILL_TAG = re.compile(r'<script src="[^"]*/polyfill@[^"]*"></script>')


def _regenerator_runtime(folder: Path) -> tuple[str, bytes] | None:
    """(route, script) of regenerator-runtime, or None if `make setup` did not fetch it."""
    import json

    try:
        version = json.loads((folder / "package.json").read_text("utf-8"))["version"]
        script = (folder / "runtime.js").read_bytes()
    except (OSError, ValueError, KeyError):
        logging.getLogger(__name__).warning(
            "%s is missing (run `make setup`): pages load Dash's core-js polyfill", folder
        )
        return None
    return f"/vendor/regenerator-runtime-{version}.js", script


REGENERATOR = _regenerator_runtime(REGENERATOR_DIR)


def without_core_js(index: str, runtime_route: str | None) -> str:
    """The index page loading regenerator-runtime from `runtime_route` in place of Dash's
    core-js polyfill (unchanged when there is no runtime to load, or no polyfill)."""
    if runtime_route is None:
        return index
    return _POLYFILL_TAG.sub(f'<script src="{runtime_route}"></script>', index, count=1)


@dash.hooks.index()
def _localise_index(index: str) -> str:
    """Give the first paint the page's language (<html lang>) and a title in it; load
    regenerator-runtime instead of Dash's polyfill."""
    lang = "fr"
    if flask.has_request_context():
        lang = lang_of(flask.request.query_string.decode())
    index = re.sub(r"<html[^>]*>", f'<html lang="{lang}">', index, count=1)
    title = translate("ui.page.title", lang)
    index = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", index, count=1, flags=re.S)
    return without_core_js(index, REGENERATOR[0] if REGENERATOR else None)


def _serve_static(server: flask.Flask, route: str, body: bytes, mimetype: str) -> None:
    """Serve `body` at `route`, cacheable by browsers for a day (compressed by Flask-Compress)."""

    def view() -> flask.Response:
        response = flask.Response(body, mimetype=mimetype)
        response.cache_control.public = True
        response.cache_control.max_age = 86400
        return response

    server.add_url_rule(route, endpoint=route, view_func=view)


# Static files: their URLs change with their content (Dash fingerprints them, ours are
# versioned by the package), so they are compressed once per worker, at levels tighter than
# the fast ones Flask-Compress applies to every callback answer. plotly.js: 1.44 MB at
# zstd 3 (Flask-Compress's default), 1.28 MB at 12.
STATIC_PREFIXES = ("/_dash-component-suites/", "/vendor/")
STATIC_LEVELS = {"zstd": 12, "br": 9, "gzip": 9}  # in order of preference


def _compress_static_body(data: bytes, algorithm: str) -> bytes:
    import brotli
    from flask_compress.compat import compression

    if algorithm == "zstd":
        return bytes(compression.zstd.compress(data, STATIC_LEVELS["zstd"]))
    if algorithm == "br":
        return bytes(brotli.compress(data, quality=STATIC_LEVELS["br"]))
    return bytes(compression.gzip.compress(data, STATIC_LEVELS["gzip"]))


class StaticCompressor:
    """An after-request hook compressing static files once per worker and keeping the bytes;
    it runs before Flask-Compress, which then leaves those responses alone."""

    def __init__(self, mimetypes: list[str]) -> None:
        self.mimetypes = set(mimetypes)
        self._done: dict[tuple[str, str], bytes] = {}

    def __call__(self, response: flask.Response) -> flask.Response:
        request = flask.request
        if (
            request.method != "GET"
            or response.status_code != 200
            or response.is_streamed
            or "Content-Encoding" in response.headers
            or response.mimetype not in self.mimetypes
            or not request.path.startswith(STATIC_PREFIXES)
        ):
            return response
        accepted = {
            part.split(";")[0].strip().lower()
            for part in request.headers.get("Accept-Encoding", "").split(",")
        }
        algorithm = next((a for a in STATIC_LEVELS if a in accepted), None)
        if algorithm is None:
            return response
        key = (request.full_path, algorithm)
        response.direct_passthrough = False
        body = self._done.get(key)
        if body is None:
            body = self._done[key] = _compress_static_body(response.get_data(), algorithm)
        response.set_data(body)
        response.headers["Content-Encoding"] = algorithm
        response.vary.add("Accept-Encoding")
        return response


def _cache_config(settings: Settings) -> dict[str, object]:
    config: dict[str, object] = {
        "CACHE_TYPE": settings.cache_type,
        "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout,
        "CACHE_KEY_PREFIX": "barometre:",
    }
    if settings.cache_type == "RedisCache":
        # Flask-Caching's RedisCache with short timeouts and a circuit breaker: a stopped
        # or frozen Redis costs a request nothing but the cache (dashboard/cache.py).
        config["CACHE_TYPE"] = "dashboard.cache.ResilientRedisCache"
        config["CACHE_REDIS_URL"] = settings.cache_redis_url or "redis://127.0.0.1:6379/0"
    if settings.cache_type == "FileSystemCache":
        config["CACHE_DIR"] = str(settings.cache_dir or settings.data_dir / "cache")
    return config


def precompress_static(server: flask.Flask) -> list[str]:
    """Compress the scripts and styles the index page loads, in every encoding the
    StaticCompressor serves, so that a worker's first visitors do not wait for it (plotly.js
    at zstd 12 is about 70 ms, at brotli 9 about 120 ms). Returns the URLs done."""
    client = server.test_client()
    # The index page from inside the process (no session needed: see security.INTERNAL).
    index = client.get("/", environ_overrides={security.INTERNAL: True}).get_data(as_text=True)
    urls = [
        u for u in re.findall(r'(?:src|href)="(/[^"]+)"', index) if u.startswith(STATIC_PREFIXES)
    ]
    for url in urls:
        for algorithm in STATIC_LEVELS:
            client.get(url, headers={"Accept-Encoding": algorithm})
    return urls


def warm_up(server: flask.Flask) -> None:
    """Build the active dataset's per-version tables now (gunicorn.conf.py calls this in each
    worker before it takes requests), instead of on the first visitor's request; compress the
    page's static files."""
    warm_caches(server.extensions[SERVICES_EXTENSION])
    precompress_static(server)


def create_app(settings: Settings | None = None) -> Dash:
    """Build the app: store, cache, compression, layout and callbacks, all offline."""
    settings = settings or Settings.from_env()
    locale_script = _plotly_locale_script(PLOTLY_FR_SOURCE)
    if locale_script is None:
        logging.getLogger(__name__).warning(
            "%s is missing (run `make setup`): charts keep plotly's English tooltips",
            PLOTLY_FR_SOURCE,
        )
    # The app's own plotly.js (the trace types it draws; see dashboard.render.plotly_bundle).
    bundle = plotly_bundle.load()
    # Before Dash's own scripts: dcc.Graph uses window.Plotly when it is defined, and only
    # loads its full bundle otherwise. The locale registers itself with it.
    scripts = [*([bundle[0]] if bundle else []), *([PLOTLY_FR_ROUTE] if locale_script else [])]
    app = Dash(
        __name__,
        title=translate("ui.page.title", "fr"),
        update_title=None,  # type: ignore[arg-type]  # Dash reads None as "no update title"
        suppress_callback_exceptions=True,
        external_stylesheets=[BOOTSTRAP_ROUTE],
        external_scripts=scripts,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        on_error=boundary.log_callback_error,
    )
    boundary.install(app)
    server = app.server
    if settings.trusted_proxies > 0:
        # Behind the proxy the README asks for: the client's address is the one it forwards
        # (the login limit per address, the audit log), never a header a client sets itself.
        n = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=n, x_proto=n)
    server.config["COMPRESS_MIMETYPES"] = [
        "text/html", "text/css", "application/json", "application/javascript", "text/javascript",
    ]  # fmt: skip
    Compress(server)
    # Registered after Flask-Compress, so it runs before it (Flask runs these in reverse).
    compressor = StaticCompressor(server.config["COMPRESS_MIMETYPES"])
    server.extensions[STATIC_COMPRESSOR_EXTENSION] = compressor
    server.after_request(compressor)
    cache = Cache(server, config=_cache_config(settings))
    store = DatasetStore(settings.data_dir)
    # Accounts and the audit log (issue 14): SQLite in the data directory, or
    # DASHBOARD_DATABASE_URL; the schema is migrated on first use.
    engine = engine_for(
        database_url(settings.data_dir, {"DASHBOARD_DATABASE_URL": settings.database_url or ""})
    )
    services = AppServices(
        settings=settings, store=store, cache=cache, accounts=Accounts(engine), database=engine
    )
    server.extensions[SERVICES_EXTENSION] = services
    # Sessions, the login gate (before any other hook), /login, /logout, /account/password.
    security.install(app, services)

    _serve_static(server, BOOTSTRAP_ROUTE, _bootstrap_css(), "text/css")
    if locale_script is not None:
        _serve_static(server, PLOTLY_FR_ROUTE, locale_script, "text/javascript")
    if REGENERATOR is not None:
        _serve_static(server, *REGENERATOR, "text/javascript")
    if bundle is not None:
        _serve_static(server, bundle[0], bundle[1], "text/javascript")

    app.layout = make_root(noop=settings.noop_callback)
    # Every page's components, so Dash can check callbacks against ids rendered later.
    demo_state = OverviewState(2022)
    app.validation_layout = html.Div(  # type: ignore[assignment]
        [
            make_root(noop=settings.noop_callback),
            make_shell("/", "", "fr", make_overview(demo_state, [2022], [], "fr"), is_demo=True),
            make_data_page(DataPageContent([], [], [], [], []), "fr"),
            make_benchmark(BenchmarkState(), None, [], [], [], True, "fr"),
            territories_layout(),
        ]
    )
    register_callbacks(app, services)
    # Last: the Content-Security-Policy holds the hashes of the inline scripts callbacks add.
    headers.install_headers(app, services)
    return app


app = create_app()
server = app.server

if __name__ == "__main__":
    from werkzeug.serving import WSGIRequestHandler

    # No server version banner (gunicorn, in production, says "gunicorn" alone).
    WSGIRequestHandler.server_version = "barometre"  # type: ignore[method-assign,assignment]
    WSGIRequestHandler.sys_version = ""
    s = Settings.from_env()
    app.run(host=s.host, port=s.port, debug=s.debug)
