"""The plotly.js bundle the app serves: the cartesian one at the plotly package's version,
or none (Dash's full bundle) when it is missing or another version."""

from __future__ import annotations

import json
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from app import PLOTLY_BUNDLE_DIR, PLOTLY_BUNDLE_FILE, _plotly_bundle


def _folder(tmp_path: Path, version: str) -> Path:
    (tmp_path / "package.json").write_text(json.dumps({"version": version}), "utf-8")
    (tmp_path / PLOTLY_BUNDLE_FILE).write_text("/* plotly */", "utf-8")
    return tmp_path


def test_bundle_at_the_plotly_version_is_served_under_a_versioned_route(tmp_path: Path) -> None:
    version = get_plotlyjs_version()
    found = _plotly_bundle(_folder(tmp_path, version))
    assert found == (f"/vendor/plotly-cartesian-{version}.min.js", b"/* plotly */")


def test_missing_or_other_version_falls_back_to_the_full_bundle(tmp_path: Path) -> None:
    assert _plotly_bundle(tmp_path) is None
    assert _plotly_bundle(_folder(tmp_path, "0.0.1")) is None


def test_make_setup_fetched_the_matching_bundle() -> None:
    """`make setup` put the bundle in vendor/ at the right version (the browser tests then
    check that charts draw with it)."""
    assert _plotly_bundle(PLOTLY_BUNDLE_DIR) is not None


def test_native_builtins_are_kept_across_dashs_polyfill() -> None:
    from app import keep_native_builtins

    tag = (
        '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>'
    )
    page = f"<head></head><body>{tag}<script src='/react.js'></script></body>"
    kept = keep_native_builtins(page)
    before, after = kept.split(tag)
    assert "__keptNatives=" in before and "parseFloat" in before and "trim" in before
    assert after.startswith("<script>(window.__keptNatives||[]).forEach(")
    assert keep_native_builtins("<body>no polyfill</body>") == "<body>no polyfill</body>"


def test_warm_up_compresses_the_pages_static_files(tmp_path: Path) -> None:
    """A worker compresses plotly.js and the other scripts before its first visitor."""
    from app import STATIC_COMPRESSOR_EXTENSION, STATIC_LEVELS, create_app, precompress_static
    from dashboard.settings import Settings

    server = create_app(Settings(data_dir=tmp_path / "data")).server
    urls = precompress_static(server)
    assert any("plotly-cartesian" in u for u in urls)
    done = server.extensions[STATIC_COMPRESSOR_EXTENSION]._done
    assert {(u, a) for u in urls for a in STATIC_LEVELS} <= {
        (path.rstrip("?"), a) for path, a in done
    }
