"""gunicorn's settings for the app, read by `gunicorn app:server` run from this folder.

The command line still decides the workers and the address (`-w 4 -b 0.0.0.0:8050`, see the
README); flags given there override these too. Measured with `python -m benchmarks app`
(benchmarks/results/app/).
"""

from __future__ import annotations

import gc
import os
import threading
from typing import Any

# Sync workers, one request at a time each: the work is CPU-bound Python, so threads only
# share one core under the GIL. Measured at 10x, 2 workers, 50 users: sync p95 209 ms, peak
# 461 MB a worker; gthread with 4 threads p95 395 ms, 682 MB. As gunicorn advises for sync
# workers, put a buffering proxy (nginx, a load balancer) in front of slow clients.
worker_class = "sync"
# The first request after an import rebuilds that version's tables in each worker (seconds at
# 100x on a busy machine); gunicorn must not take that for a hung worker.
timeout = 120
graceful_timeout = 30
OFF = {"0", "no", "off", "false", "non"}


def _start_image_browser(worker: Any) -> None:
    from dashboard.render.images import start_image_server

    try:
        start_image_server()
    except Exception as exc:  # the first image will try again, and say why if it fails
        worker.log.warning("the chart image browser did not start: %s", exc)


def post_worker_init(worker: Any) -> None:
    """Before a worker takes requests: load the active dataset and build its tables. A
    failure is logged, not fatal: requests then try again (and report the problem).

    Meanwhile, in a thread, start the worker's Chromium for chart images, reports and the
    presentation (dashboard.render.images: one per process), so that its first image does
    not wait for Chromium to start (about 3 s). DASHBOARD_IMAGE_BROWSER_AT_START=0 leaves it
    to the first image (a browser costs each worker about 150 MB)."""
    from app import warm_up

    if os.environ.get("DASHBOARD_IMAGE_BROWSER_AT_START", "1").strip().lower() not in OFF:
        threading.Thread(
            target=_start_image_browser, args=(worker,), name="image-browser", daemon=True
        ).start()

    try:
        warm_up(worker.wsgi)
    except Exception:
        worker.log.exception("warm-up failed; the first request will try again")
    # What exists now (the app, its layouts, the dataset's tables) lives as long as the
    # worker: kept out of the garbage collector's full passes, which otherwise walk it all
    # during some request (a pause of ~130 ms in a 50 ms answer, measured at 1x).
    gc.freeze()
