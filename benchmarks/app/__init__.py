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
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import firstload, loadtest, replay
from benchmarks.app.arguments import (
    BASELINE_NAME,
    DEFAULT_LARGE_BROWSER_RUNS,
    DEFAULT_LARGE_VIEWS,
    DEFAULT_SCALES,
    DESCRIPTION,
    LARGE_SCALE,
    NAME,
    NOTES_NAME,
    add_arguments,
)
from benchmarks.app.budgets import MB, budgets_for
from benchmarks.datasets import CACHE_DIR, PreparedScale, cache_key, prepare, prune_stale
from benchmarks.report import (
    Budget,
    budgets_table,
    elapsed,
    log,
    machine_description,
    summarise,
    write_results,
)
from benchmarks.serving import Gunicorn, running_gunicorn
from devtools.serving import Redis, clean_env, running_redis

__all__ = ["DESCRIPTION", "NAME", "add_arguments", "run"]

WARM_REPEATS = 2
BROWSER_TIMEOUT_MS = 30_000


# --- One scale -------------------------------------------------------------------------------


def import_with_cli(csv_dir: Path, data_dir: Path, app_dir: Path) -> dict[str, Any]:
    """`python -m dashboard import CSV_DIR` into an empty data directory, timed."""
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-m", "dashboard", "import", str(csv_dir)],
        cwd=app_dir,
        env=clean_env(app_dir, DASHBOARD_DATA_DIR=str(data_dir)),
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"import of {csv_dir} failed:\n{child.stdout}\n{child.stderr}")
    return {"wall_s": round(wall, 3), "output": child.stdout.strip().splitlines()[-1:]}


def _callback_summary(samples: replay.CallbackSamples, floor_p95: float) -> dict[str, Any]:
    cold, warm = summarise(samples.cold_ms), summarise(samples.warm_ms)
    worst = max(cold["p95"], warm["p95"])
    return {
        "page": samples.page,
        "callback": samples.callback.label,
        "output": samples.callback.output,
        "cold_ms": cold,
        "warm_ms": warm,
        "worst_p95_ms": worst,
        "times_floor": worst / floor_p95 if floor_p95 > 0 else None,
        "response_bytes_p50": float(np.percentile(samples.response_bytes, 50)),
        "statuses": samples.statuses,
        "errors": len(samples.errors),
        "first_errors": samples.errors[:3],
    }


def _visible_graphs(view: replay.PageView) -> list[str]:
    """The graphs of a rendered page that are shown (not inside a hidden container)."""
    hidden = {c.id for c in view.components.values() if c.props.get("hidden") is True}
    return [
        c.id
        for c in view.components.values()
        if c.type == "Graph" and not hidden.intersection(c.ancestors)
    ]


def _first_load_summary(runs: Sequence[firstload.LoadRun], graphs: Sequence[str]) -> dict[str, Any]:
    drawn = [r.drawn_ms for r in runs if r.drawn_ms is not None]
    finished = [r for r in runs if r.drawn_ms is not None]
    return {
        "graphs": list(graphs),
        "runs": len(runs),
        "drawn_ms": summarise(drawn) if drawn else None,
        # Never drawn: how long the page was given (a lower bound of its time).
        "drawn_or_stopped_ms": summarise(
            [r.drawn_ms if r.drawn_ms is not None else (r.stopped_after_ms or 0.0) for r in runs]
        ),
        "bytes": summarise([r.bytes for r in finished]) if finished else None,
        "requests": summarise([r.requests for r in finished]) if finished else None,
        "failed_requests": sum(r.failed_requests for r in runs),
        "not_drawn": len(runs) - len(finished),
        "errors": [r.error for r in runs if r.error] + [e for r in runs for e in r.console_errors],
        "urls": finished[0].urls if finished else [],
    }


def _load_summary(
    samples: Sequence[loadtest.Sample],
    actions: Sequence[tuple[str, float, bool]],
    wall: float,
    args: argparse.Namespace,
) -> dict[str, Any]:
    ms = [s.ms for s in samples]
    errors = [s for s in samples if s.error]
    by_kind: dict[str, Any] = {}
    for kind in sorted({s.kind for s in samples}):
        part = [s.ms for s in samples if s.kind == kind]
        by_kind[kind] = {**summarise(part), "samples": None}
    by_action: dict[str, Any] = {}
    for name in sorted({a[0] for a in actions}):
        part = [a[1] for a in actions if a[0] == name]
        by_action[name] = {**summarise(part), "samples": None}
    slowest = sorted(
        {s.label for s in samples if s.kind == "callback"},
        key=lambda lb: -np.percentile([s.ms for s in samples if s.label == lb], 95),
    )
    return {
        "users": args.users,
        "duration_s": args.duration,
        "think_s": list(args.think),
        "wall_s": round(wall, 2),
        "requests": len(samples),
        "throughput_rps": len(samples) / wall if wall else 0.0,
        "actions": len(actions),
        "ms": {**summarise(ms), "samples": None} if ms else None,
        "by_kind_ms": by_kind,
        "by_action_ms": by_action,
        "slowest_callbacks_p95_ms": {
            lb: float(np.percentile([s.ms for s in samples if s.label == lb], 95))
            for lb in slowest[:5]
        },
        "errors": len(errors),
        "first_errors": [f"{e.label}: {e.error}" for e in errors[:5]],
    }


def _static_paths(urls: Sequence[str], base_url: str) -> list[str]:
    """The same-host static files of a first load (not the page, not Dash's API)."""
    paths = []
    for url in urls:
        if not url.startswith(base_url):
            continue
        path = url[len(base_url) :]
        if path.startswith(("/_dash-component-suites/", "/assets/", "/vendor/")) and (
            path not in paths
        ):
            paths.append(path)
    return paths


def measure_scale(
    prepared: PreparedScale, redis: Redis, args: argparse.Namespace, scratch: Path
) -> dict[str, Any]:
    scale = prepared.scale
    large = scale >= LARGE_SCALE
    views_n = min(args.views, DEFAULT_LARGE_VIEWS) if large else args.views
    browser_runs = (
        min(args.browser_runs, DEFAULT_LARGE_BROWSER_RUNS) if large else args.browser_runs
    )
    rng = random.Random(args.seed * 100 + scale)
    data_dir = scratch / f"data-{scale}x"
    assert prepared.csv_dir is not None
    log(f"{scale}x: importing {prepared.csv_dir} with the CLI")
    imported = import_with_cli(prepared.csv_dir, data_dir, args.app_dir)
    log(f"{scale}x: imported in {imported['wall_s']:.1f} s")

    redis.flush()
    env = clean_env(
        args.app_dir,
        DASHBOARD_DATA_DIR=str(data_dir),
        DASHBOARD_CACHE_TYPE="RedisCache",
        DASHBOARD_CACHE_REDIS_URL=redis.url,
        DASHBOARD_NOOP_CALLBACK="1",
        DASHBOARD_PEER_NAMES="" if args.anonymous else "1",
        PYTHONUNBUFFERED="1",
    )
    result: dict[str, Any] = {"import": imported}
    log(f"{scale}x: starting gunicorn")
    with running_gunicorn(
        env,
        scratch / f"gunicorn-{scale}x.log",
        workers=args.workers,
        extra_args=tuple(args.gunicorn_args),
        app_dir=args.app_dir,
    ) as server:
        log(f"{scale}x: gunicorn answered after {server.started_in_s:.1f} s")
        result["server"] = _server_info(server, args.app_dir)
        http = replay.Http(server.base_url)
        model = replay.AppModel.load(http)

        # The first answers after a start: both workers' first page (per-process state).
        first: dict[str, list[float]] = {}
        for path in (replay.OVERVIEW_PATH, replay.BENCHMARK_PATH):
            first[path] = [
                model.render(replay.Http(server.base_url), path, "")[1].elapsed_s
                for _ in range(args.workers)
            ]
        result["server"]["first_renders_s"] = first

        noop = model.noop()
        if noop is None:
            raise RuntimeError("the app did not register the no-op callback")
        replay.floor(http, noop, 20)  # warm-up
        floor = summarise(replay.floor(http, noop, args.floor_runs))
        result["floor_ms"] = floor
        log(f"{scale}x: floor p50 {floor['p50']:.1f} ms, p95 {floor['p95']:.1f} ms")

        structures = replay.sample_structures(data_dir, max(views_n, 1), rng)
        views = {
            replay.OVERVIEW_PATH: replay.overview_views(model, http, views_n, rng),
            replay.BENCHMARK_PATH: replay.benchmark_views(model, http, structures, rng),
        }
        callbacks = []
        for page, page_views in views.items():
            page_callbacks = model.page_callbacks(page_views[0])
            log(
                f"{scale}x: {page}: {len(page_callbacks)} callbacks x {len(page_views)} views, "
                "cold and warm"
            )
            for samples in replay.replay_page(
                http, page, page_views, page_callbacks, redis.flush, WARM_REPEATS
            ):
                summary = _callback_summary(samples, floor["p95"])
                callbacks.append(summary)
                log(
                    f"  {summary['callback']}: cold p95 {summary['cold_ms']['p95']:.0f} ms, "
                    f"warm p95 {summary['warm_ms']['p95']:.0f} ms"
                    + (f", {summary['errors']} errors" if summary["errors"] else "")
                )
        result["callbacks"] = callbacks

        result["first_load"] = {}
        bench_view = views[replay.BENCHMARK_PATH][0]
        bench_url = bench_view.url
        for url, view in (
            (replay.OVERVIEW_PATH, views[replay.OVERVIEW_PATH][0]),
            (bench_url, bench_view),
        ):
            graphs = _visible_graphs(view)
            log(f"{scale}x: first load of {url} in Chromium, {browser_runs} runs")
            runs = firstload.first_loads(
                server.base_url, url, graphs, browser_runs, BROWSER_TIMEOUT_MS
            )
            summary = _first_load_summary(runs, graphs)
            result["first_load"][url] = summary
            if summary["drawn_ms"]:
                log(
                    f"  drawn p95 {summary['drawn_ms']['p95']:.0f} ms, "
                    f"{summary['bytes']['max'] / MB:.2f} MB, {summary['requests']['max']:.0f} "
                    "requests" + (f", errors {summary['errors'][:2]}" if summary["errors"] else "")
                )
            else:
                log(f"  never drawn: {summary['errors'][:2]}")

        if scale == args.load_scale:
            urls = [u for f in result["first_load"].values() for u in f["urls"]]
            static = _static_paths(urls, server.base_url)
            own = replay.sample_structures(data_dir, args.users, random.Random(args.seed))
            log(f"{scale}x: preparing {len(own)} users' structure views")
            pages = loadtest.Pages(
                model,
                views[replay.OVERVIEW_PATH],
                replay.benchmark_views(model, http, own, rng),
                static,
            )
            redis.flush()
            log(
                f"{scale}x: load test, {args.users} users for {args.duration:.0f} s, "
                f"think {args.think[0]:.0f}-{args.think[1]:.0f} s"
            )
            samples, actions, wall = loadtest.run_load(
                server.base_url, pages, args.users, args.duration, tuple(args.think), args.seed
            )
            load = _load_summary(samples, actions, wall, args)
            result["load"] = load
            log(
                f"  {load['requests']} requests, {load['throughput_rps']:.1f}/s, p95 "
                f"{load['ms']['p95'] if load['ms'] else float('nan'):.0f} ms, "
                f"{load['errors']} errors"
            )

        result["memory"] = _memory(server)
        result["server"]["log_problems"] = _log_problems(server)
        http.close()
    shutil.rmtree(data_dir, ignore_errors=True)
    return result


def _server_info(server: Gunicorn, app_dir: Path) -> dict[str, Any]:
    command = [Path(server.command[0]).name, *server.command[1:]]
    conf = app_dir / "gunicorn.conf.py"
    return {
        "command": " ".join(command),
        "config_file": conf.name if conf.exists() else None,
        "started_in_s": round(server.started_in_s, 2),
        "workers_at_start": server.workers(),
    }


def _memory(server: Gunicorn) -> dict[str, Any]:
    workers = server.worker_memory_kb()
    hwm = [m.get("VmHWM", 0) * 1024 for m in workers.values()]
    return {
        "workers": {str(pid): {k: v * 1024 for k, v in m.items()} for pid, m in workers.items()},
        "max_worker_hwm_bytes": max(hwm) if hwm else None,
        "master": {k: v * 1024 for k, v in server_master_memory(server).items()},
    }


def server_master_memory(server: Gunicorn) -> dict[str, int]:
    from devtools.serving import proc_status_kb

    return proc_status_kb(server.process.pid)


def _log_problems(server: Gunicorn) -> list[str]:
    markers = ("WORKER TIMEOUT", "Traceback", "Error", "SIGKILL", "Worker exiting")
    lines = server.log_tail(400).splitlines()
    return [line for line in lines if any(m in line for m in markers)][:20]


# --- Report ----------------------------------------------------------------------------------


def _ms(s: dict[str, Any] | None) -> str:
    return f"{s['p50']:.0f} / {s['p95']:.0f} / {s['max']:.0f}" if s else "-"


def _markdown(
    payload: dict[str, Any],
    budgets: list[Budget],
    baseline: dict[str, Any] | None,
    notes: str | None = None,
) -> list[str]:
    machine = payload["machine"]
    memory = f"{machine['memory_gb']} GB RAM" if machine["memory_gb"] else "RAM unknown"
    s = payload["settings"]
    lines = [
        "# App benchmark",
        "",
        f"{machine['date']} · {machine['nproc']} CPUs ({machine['cpu_model']}) · {memory} · "
        f"{machine['platform']} · Python {machine['python']}, pandas {machine['pandas']} · "
        f"load average (1 min) {machine['loadavg_at_start'][0]:.2f} at start, "
        f"{machine['loadavg_at_end'][0]:.2f} at end",
        "",
        f"Command: `{payload['command']}` ({payload['total_runtime_s']:.0f} s). Server: "
        f"`{s['server_command']}` with gunicorn.conf.py, DASHBOARD_CACHE_TYPE=RedisCache "
        f"(redis-server on 127.0.0.1), peers {'anonymous' if s['anonymous'] else 'named'}. "
        "Times are p50 / p95 / max; a callback's time runs from sending the request to the "
        "last byte of the answer, on loopback (so: server time plus a fraction of a "
        "millisecond). The machine is shared: see the load averages.",
        "",
        "## Budgets",
        "",
        *budgets_table(budgets),
    ]
    if notes:
        lines += ["", notes.strip()]
    if baseline is not None:
        lines += ["", *_comparison(payload, budgets, baseline)]
    for scale, r in payload["scales"].items():
        lines += ["", *_scale_section(scale, r)]
    lines += ["", "Raw figures and every sample: `results.json`."]
    return lines


def _comparison(
    payload: dict[str, Any], budgets: list[Budget], baseline: dict[str, Any]
) -> list[str]:
    before = {
        b["name"].split(" (")[0] + " " + b["name"].rsplit(" ", 1)[-1]: b
        for b in baseline.get("budgets", [])
    }
    lines = [
        f"## Before / after (before: {baseline['machine']['date']}, "
        f"`{baseline.get('settings', {}).get('server_command', '?')}`)",
        "",
        "| Budget | Before | After | Limit |",
        "|---|---:|---:|---:|",
    ]
    for b in budgets:
        key = b.name.split(" (")[0] + " " + b.name.rsplit(" ", 1)[-1]
        old = before.get(key)
        old_text = f"{old['value']} {old['unit']}" + ("" if old["pass"] else " ✗") if old else "-"
        new_text = f"{b.value} {b.unit}" + ("" if b.passed else " ✗")
        lines.append(f"| {b.name} | {old_text} | {new_text} | {b.limit} {b.unit} |")
    lines += [
        "",
        "Per callback, p95 of the worse of cold and warm (ms), before → after:",
        "",
        "| Scale | Page | Callback | Before | After |",
        "|---:|---|---|---:|---:|",
    ]
    for scale, r in payload["scales"].items():
        old_r = baseline.get("scales", {}).get(scale, {})
        old = {(c["page"], c["callback"]): c for c in old_r.get("callbacks", [])}
        for c in r["callbacks"]:
            o = old.get((c["page"], c["callback"]))
            lines.append(
                f"| {scale}x | `{c['page']}` | `{c['callback']}` | "
                f"{o['worst_p95_ms']:.0f} | {c['worst_p95_ms']:.0f} |"
                if o
                else f"| {scale}x | `{c['page']}` | `{c['callback']}` | - | "
                f"{c['worst_p95_ms']:.0f} |"
            )
    return lines


def _scale_section(scale: str, r: dict[str, Any]) -> list[str]:
    server = r["server"]
    first = ", ".join(
        f"`{p}` " + " / ".join(f"{t:.1f}" for t in ts)
        for p, ts in server["first_renders_s"].items()
    )
    lines = [
        f"## {scale}x",
        "",
        f"- Import of the CSV folder with `python -m dashboard import`: {r['import']['wall_s']:.1f}"
        " s wall (one run; the engine benchmark has the percentiles).",
        f"- gunicorn answered GET / after {server['started_in_s']:.1f} s; first page render per "
        f"worker (s): {first}.",
        f"- No-op callback (the floor, {r['floor_ms']['n']} calls): {_ms(r['floor_ms'])} ms.",
        "- Peak memory (VmHWM) per worker: "
        + ", ".join(f"{v['VmHWM'] / MB:.0f} MB" for v in r["memory"]["workers"].values())
        + f"; master {r['memory']['master'].get('VmHWM', 0) / MB:.0f} MB.",
    ]
    if server.get("log_problems"):
        lines.append(
            f"- Server log: {len(server['log_problems'])} problem lines, first: "
            f"`{server['log_problems'][0][:120]}`"
        )
    lines += [
        "",
        "| Page | Callback | Cold ms | Warm ms | × floor | Answer KB (p50) | Errors |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for c in r["callbacks"]:
        ratio = f"{c['times_floor']:.1f}" if c["times_floor"] is not None else "-"
        lines.append(
            f"| `{c['page']}` | `{c['callback']}` | {_ms(c['cold_ms'])} | {_ms(c['warm_ms'])} | "
            f"{ratio} | {c['response_bytes_p50'] / 1000:.1f} | {c['errors']} |"
        )
    lines += [
        "",
        "| First load (empty cache) | Charts drawn (ms) | Bytes (max) | Requests | Errors |",
        "|---|---:|---:|---:|---:|",
    ]
    for url, f in r["first_load"].items():
        never = f" ({f['not_drawn']} of {f['runs']} never drawn)" if f["not_drawn"] else ""
        size = f"{f['bytes']['max'] / MB:.2f} MB" if f["bytes"] else "-"
        requests = f"{f['requests']['max']:.0f}" if f["requests"] else "-"
        lines.append(
            f"| `{url}` ({len(f['graphs'])} charts) | {_ms(f['drawn_ms'])}{never} | "
            f"{size} | {requests} | {len(f['errors']) + f['failed_requests']} |"
        )
    if "load" in r:
        load = r["load"]
        lines += [
            "",
            f"Load test: {load['users']} users, {load['duration_s']:.0f} s, think time "
            f"{load['think_s'][0]:.0f}-{load['think_s'][1]:.0f} s; {load['requests']} requests "
            f"({load['throughput_rps']:.1f}/s), {load['actions']} user actions, "
            f"{load['errors']} errors; all requests {_ms(load['ms'])} ms.",
            "",
            "| Requests | n | p50 / p95 / max (ms) |",
            "|---|---:|---:|",
        ]
        for kind, k in load["by_kind_ms"].items():
            lines.append(f"| {kind} | {k['n']} | {_ms(k)} |")
        for name, a in load["by_action_ms"].items():
            lines.append(f"| action: {name} | {a['n']} | {_ms(a)} |")
    return lines


# --- The run ---------------------------------------------------------------------------------


def _baseline(args: argparse.Namespace) -> dict[str, Any] | None:
    path = args.baseline or args.out / BASELINE_NAME / "results.json"
    if path.exists():
        return dict(json.loads(path.read_text("utf-8")))
    return None


def _payload(
    args: argparse.Namespace,
    machine: dict[str, Any],
    key: str,
    scales: list[int],
    prepared: dict[int, PreparedScale],
    results: dict[str, Any],
) -> dict[str, Any]:
    machine = {
        **machine,
        "loadavg_at_end": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
    first_server = next(iter(results.values()))["server"]["command"] if results else ""
    address = first_server.split(" -b ")[-1].split()[0] if " -b " in first_server else ""
    return {
        "benchmark": NAME,
        "command": "python -m benchmarks " + " ".join(sys.argv[1:]),
        "machine": machine,
        "settings": {
            "scales": scales,
            "scales_done": [int(s) for s in results],
            "views": args.views,
            "browser_runs": args.browser_runs,
            "floor_runs": args.floor_runs,
            "warm_repeats": WARM_REPEATS,
            "load_scale": args.load_scale,
            "seed": args.seed,
            "anonymous": args.anonymous,
            "app_dir": str(args.app_dir),
            "server_command": first_server.replace(address, "127.0.0.1:PORT") if address else "",
            "cache_key": key,
        },
        "datasets": {f"{s}": prepared[s].info for s in scales},
        "scales": results,
        "total_runtime_s": round(elapsed(), 1),
    }


def rewrite_report(args: argparse.Namespace) -> int:
    """results.md (and the budgets) again from results.json, with the current notes."""
    payload = json.loads((args.out / "results.json").read_text("utf-8"))
    payload.pop("budgets", None)
    budgets = [b for scale, r in payload["scales"].items() for b in budgets_for(int(scale), r)]
    notes_path = args.out / NOTES_NAME
    notes = notes_path.read_text("utf-8") if notes_path.exists() else None
    write_results(args.out, payload, budgets, _markdown(payload, budgets, _baseline(args), notes))
    log(f"rewrote {args.out / 'results.md'}")
    return 0


def run(args: argparse.Namespace) -> int:
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
    baseline = _baseline(args)
    notes_path = args.out / NOTES_NAME
    notes = notes_path.read_text("utf-8") if notes_path.exists() else None
    try:
        with running_redis() as redis:
            for scale in scales:
                r = measure_scale(prepared[scale], redis, args, scratch)
                results[f"{scale}"] = r
                budgets += budgets_for(scale, r)
                # Written after each scale, so an interrupted run keeps what it measured.
                payload = _payload(args, machine, key, scales, prepared, results)
                json_path, md_path = write_results(
                    args.out, payload, budgets, _markdown(payload, budgets, baseline, notes)
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    for budget in budgets:
        log(
            f"{'pass' if budget.passed else 'FAIL'}  {budget.name}: "
            f"{budget.value} {budget.unit} (limit {budget.limit} {budget.unit})"
        )
    log(f"wrote {json_path} and {md_path}")
    return 0
