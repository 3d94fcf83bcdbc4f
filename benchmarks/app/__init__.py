"""App benchmark (issue 5): the real production server, its callbacks over HTTP, first loads
in Chromium, memory, and a bounded load test.

    python -m benchmarks app [--scale 1 --scale 10 --scale 100] [--out DIR]

For each scale: the cached demo dataset at that scale, as a CSV folder, is imported into a
fresh data directory with the real CLI (`python -m dashboard import`), then served by gunicorn
(`gunicorn -w 2 -b 127.0.0.1:PORT app:server`, reading gunicorn.conf.py as production does)
with DASHBOARD_CACHE_TYPE=RedisCache against a redis-server this benchmark starts on loopback.
Then, in order:

1. the no-op callback (DASHBOARD_NOOP_CALLBACK=1) gives the floor: Dash, Flask and gunicorn;
2. every server callback of the overview (`/`) and "My structure" (`/benchmark`) pages is
   replayed over HTTP (see benchmarks/replay.py for where its inputs come from), each in
   several views: cold (Redis flushed just before) then warm (answer cached);
3. each page's first load in headless Chromium, empty cache: time until every chart is drawn,
   bytes on the wire (CDP encodedDataLength), requests;
4. at --load-scale (10 by default), 50 simulated users for 60 s across both pages;
5. the peak resident memory (VmHWM) of each gunicorn worker.

Budgets (results.json `budgets`): see BUDGETS in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.app.arguments import DEFAULT_SCALES, DESCRIPTION, NAME, add_arguments
from benchmarks.app.budgets import budgets_for
from benchmarks.app.measurement import measure_scale
from benchmarks.app.report import (
    read_baseline,
    read_notes,
    results_markdown,
    results_payload,
    rewrite_report,
)
from benchmarks.datasets import CACHE_DIR, cache_key, prepare, prune_stale
from benchmarks.report import Budget, log, log_budgets, machine_description, write_results
from devtools.serving import running_redis

# The package by concern: arguments (the command line), measurement (one scale measured),
# budgets (the budget lines and their limits), report (results.json and results.md); run()
# ties them together.

__all__ = ["DESCRIPTION", "NAME", "add_arguments", "run"]


def run(args: argparse.Namespace) -> int:
    """Measure every --scale in turn (or, with --report-only, rewrite the report), writing
    the results after each scale; 0 whatever the budgets say."""
    if args.report_only:
        return rewrite_report(args)
    scales = sorted(set(args.scales or DEFAULT_SCALES))
    if min(scales) < 1 or args.views < 1 or args.browser_runs < 1 or args.users < 1:
        raise SystemExit("--scale, --views, --browser-runs and --users must be at least 1")
    machine = machine_description()
    key = cache_key()
    prune_stale(keep=key)
    log(f"preparing scales {scales} (cache key {key})")
    prepared = {s: prepare(s, csv=True, log=log) for s in scales}

    scratch_root = CACHE_DIR / ".tmp"
    scratch_root.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="app-", dir=scratch_root))
    results: dict[str, Any] = {}
    budgets: list[Budget] = []
    baseline = read_baseline(args)
    notes = read_notes(args.out)
    try:
        with running_redis() as redis:
            for scale in scales:
                r = measure_scale(prepared[scale], redis, args, scratch)
                results[f"{scale}"] = r
                budgets += budgets_for(scale, r)
                # Written after each scale, so an interrupted run keeps what it measured.
                payload = results_payload(args, machine, key, scales, prepared, results)
                json_path, md_path = write_results(
                    args.out, payload, budgets, results_markdown(payload, budgets, baseline, notes)
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    log_budgets(budgets)
    log(f"wrote {json_path} and {md_path}")
    return 0
