"""The plotly.js bundle the app serves: its own build (dashboard.render.plotly_bundle) when it was
built at the plotly package's version for the trace types the charts draw, or none (Dash's
full bundle) otherwise; and the index page's other scripts."""

from __future__ import annotations

import json
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from dashboard.render import plotly_bundle
from dashboard.render.theme import TRACE_TYPES


def _folder(tmp_path: Path, version: str, traces: list[str]) -> Path:
    manifest = {"version": version, "traces": traces, "esbuild": "0.28.2"}
    (tmp_path / plotly_bundle.MANIFEST).write_text(json.dumps(manifest), "utf-8")
    (tmp_path / plotly_bundle.SCRIPT).write_text("/* plotly */", "utf-8")
    return tmp_path


def test_a_matching_bundle_is_served_under_a_versioned_hashed_route(tmp_path: Path) -> None:
    version = get_plotlyjs_version()
    found = plotly_bundle.load(_folder(tmp_path, version, list(reversed(TRACE_TYPES))))
    assert found is not None
    route, script = found
    assert script == b"/* plotly */"
    assert route.startswith(f"/vendor/plotly-{version}-") and route.endswith(".min.js")
    assert plotly_bundle.build_arguments(tmp_path) is None


def test_a_missing_or_stale_bundle_falls_back_to_the_full_one_and_is_rebuilt(
    tmp_path: Path,
) -> None:
    version = get_plotlyjs_version()
    want = [version, str(tmp_path), *TRACE_TYPES]
    assert plotly_bundle.load(tmp_path) is None
    assert plotly_bundle.build_arguments(tmp_path) == want
    # Another plotly.js, or a bundle without a trace type the charts now draw.
    for stale in (("0.0.1", list(TRACE_TYPES)), (version, list(TRACE_TYPES[:-1]))):
        folder = _folder(tmp_path, *stale)
        assert plotly_bundle.load(folder) is None
        assert plotly_bundle.build_arguments(folder) == want
    (tmp_path / plotly_bundle.MANIFEST).write_text("{not json", "utf-8")
    assert plotly_bundle.load(tmp_path) is None


def test_make_setup_built_the_matching_bundle() -> None:
    """`make setup` built vendor/plotly-app for this plotly package and these charts (the
    browser tests then check that every chart draws with it)."""
    assert plotly_bundle.load() is not None
    script = (plotly_bundle.BUNDLE_DIR / plotly_bundle.SCRIPT).read_text("utf-8")
    assert script.startswith(f"/*! plotly.js v{get_plotlyjs_version()} (MIT)")


def test_regenerator_runtime_replaces_dashs_polyfill(tmp_path: Path) -> None:
    from app import REGENERATOR, REGENERATOR_DIR, _regenerator_runtime, without_core_js

    tag = (
        '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>'
    )
    page = f"<head></head><body>{tag}<script src='/react.js'></script></body>"
    route = "/vendor/regenerator-runtime-0.14.1.js"
    assert without_core_js(page, route) == (
        f"<head></head><body><script src=\"{route}\"></script><script src='/react.js'></script>"
        "</body>"
    )
    assert without_core_js(page, None) == page  # not fetched: Dash's polyfill stays
    assert without_core_js("<body>no polyfill</body>", route) == "<body>no polyfill</body>"
    # `make setup` fetched it; a folder without it is None.
    assert _regenerator_runtime(REGENERATOR_DIR) == REGENERATOR
    assert REGENERATOR is not None and REGENERATOR[0].startswith("/vendor/regenerator-runtime-")
    assert b"regeneratorRuntime = runtime" in REGENERATOR[1]
    assert _regenerator_runtime(tmp_path) is None


def test_warm_up_compresses_the_pages_static_files(tmp_path: Path) -> None:
    """A worker compresses plotly.js and the other scripts before its first visitor."""
    from app import STATIC_COMPRESSOR_EXTENSION, STATIC_LEVELS, create_app, precompress_static
    from dashboard.settings import Settings

    server = create_app(Settings(data_dir=tmp_path / "data")).server
    urls = precompress_static(server)
    assert any(u.startswith(f"/vendor/plotly-{get_plotlyjs_version()}-") for u in urls), urls
    done = server.extensions[STATIC_COMPRESSOR_EXTENSION]._done
    assert {(u, a) for u in urls for a in STATIC_LEVELS} <= {
        (path.rstrip("?"), a) for path, a in done
    }
