"""The app's own plotly.js bundle: plotly.js's core and the trace types `dashboard.render.charts`
draws (TRACE_TYPES), at the plotly.js version of the installed plotly package.

`make setup` builds it with scripts/build-plotly.sh (npm's plotly.js and esbuild) into
vendor/plotly-app/: plotly.min.js and bundle.json, which records what it was built for. The app
serves it only when it matches both (a stale bundle could lack a trace type the charts now
draw); otherwise Dash serves plotly.js's full bundle, 4.8 MB instead of 1.2 MB.

    python -m dashboard.render.plotly_bundle   prints scripts/build-plotly.sh's arguments
                                               when the bundle is missing or stale
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from dashboard.render.theme import TRACE_TYPES

BUNDLE_DIR = Path(__file__).resolve().parents[2] / "vendor" / "plotly-app"
SCRIPT = "plotly.min.js"
MANIFEST = "bundle.json"


def wanted() -> dict[str, Any]:
    """What the bundle must be built for: the plotly package's plotly.js and our traces."""
    from plotly.offline import get_plotlyjs_version

    return {"version": get_plotlyjs_version(), "traces": list(TRACE_TYPES)}


def _stale_reason(folder: Path, want: dict[str, Any]) -> str | None:
    """Why the bundle in `folder` cannot be served for `want`, or None when it can."""
    try:
        built = json.loads((folder / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError) as exc:
        return f"unreadable {MANIFEST} ({exc})"
    if built.get("version") != want["version"]:
        return f"plotly.js {built.get('version')}, the plotly package draws with {want['version']}"
    if sorted(built.get("traces") or []) != sorted(want["traces"]):
        return f"traces {built.get('traces')}, the charts draw {want['traces']}"
    if not (folder / SCRIPT).is_file():
        return f"{SCRIPT} missing"
    return None


def load(folder: Path = BUNDLE_DIR) -> tuple[str, bytes] | None:
    """(route, script) of the bundle in `folder` when it matches the plotly package and the
    charts; None otherwise, with a warning (Dash then serves plotly.js's full bundle). The
    route names the content's hash: a rebuilt bundle is a new address for every cache."""
    want = wanted()
    reason = _stale_reason(folder, want)
    if reason is not None:
        logging.getLogger(__name__).warning(
            "plotly.js bundle %s: %s (run `make setup`); pages load the full bundle",
            folder,
            reason,
        )
        return None
    script = (folder / SCRIPT).read_bytes()
    digest = hashlib.sha256(script).hexdigest()[:10]
    return f"/vendor/plotly-{want['version']}-{digest}.min.js", script


def script_path(folder: Path = BUNDLE_DIR) -> Path | None:
    """The bundle's script file in `folder` when it matches the plotly package and the charts
    (what the app serves), None otherwise; for drawing the charts outside a page (kaleido)."""
    if _stale_reason(folder, wanted()) is not None:
        return None
    return folder / SCRIPT


def build_arguments(folder: Path = BUNDLE_DIR) -> list[str] | None:
    """scripts/build-plotly.sh's arguments when the bundle in `folder` must be (re)built."""
    want = wanted()
    if _stale_reason(folder, want) is None:
        return None
    return [want["version"], str(folder), *want["traces"]]


if __name__ == "__main__":
    arguments = build_arguments()
    if arguments:
        print(" ".join(arguments))
