"""What the app benchmark measures at one scale: the import with the CLI, the server started
as in production, the no-op floor, every server callback cold and warm, each page's first load
in Chromium, the load test, and each worker's peak memory.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import firstload, loadtest, replay
from benchmarks.app.arguments import DEFAULT_LARGE_BROWSER_RUNS, DEFAULT_LARGE_VIEWS, LARGE_SCALE
from benchmarks.app.budgets import MB
from benchmarks.datasets import PreparedScale
from benchmarks.report import log, summarise
from benchmarks.serving import Gunicorn, running_gunicorn
from devtools.serving import Redis, clean_env

WARM_REPEATS = 2
BROWSER_TIMEOUT_MS = 30_000


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


def add_consultant(data_dir: Path, app_dir: Path) -> None:
    """The benchmark's account (replay.BENCH_LOGIN, a consultant), made with the CLI as an
    operator makes one: every simulated user signs in with it (each its own session)."""
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard",
            "users",
            "add",
            replay.BENCH_LOGIN,
            "--role",
            "consultant",
            "--password-stdin",
        ],
        cwd=app_dir,
        env=clean_env(app_dir, DASHBOARD_DATA_DIR=str(data_dir)),
        input=replay.BENCH_PASSWORD + "\n",
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        raise RuntimeError(f"users add failed:\n{child.stdout}\n{child.stderr}")


def signed_in(http: replay.Http, credentials: tuple[str, str] | None) -> replay.Http:
    """`http`, signed in with `credentials` (none: open mode, nothing to do)."""
    if credentials is not None:
        answer = http.sign_in(*credentials)
        if answer.error:
            raise RuntimeError(f"the benchmark's account could not sign in: {answer.error}")
    return http


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
        # Issue 13: the ratio to the floor is a budget for memoized answers only (warm).
        "memoized": replay.is_memoized(samples.callback),
        "warm_times_floor": warm["p95"] / floor_p95 if floor_p95 > 0 else None,
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
    users: int,
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
        "users": users,
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
    """One scale measured, in order (see the package's docstring): its entry of
    results.json `scales`. Its data directory and logs go under `scratch`."""
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
    credentials = None if args.anonymous else (replay.BENCH_LOGIN, replay.BENCH_PASSWORD)
    if credentials is not None:
        add_consultant(data_dir, args.app_dir)

    redis.flush()
    env = clean_env(
        args.app_dir,
        DASHBOARD_DATA_DIR=str(data_dir),
        DASHBOARD_CACHE_TYPE="RedisCache",
        DASHBOARD_CACHE_REDIS_URL=redis.url,
        DASHBOARD_NOOP_CALLBACK="1",
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
        http = signed_in(replay.Http(server.base_url), credentials)
        model = replay.AppModel.load(http)

        # The first answers after a start: both workers' first page (per-process state).
        first: dict[str, list[float]] = {}
        for path in (replay.OVERVIEW_PATH, replay.BENCHMARK_PATH):
            first[path] = [
                model.render(signed_in(replay.Http(server.base_url), credentials), path, "")[
                    1
                ].elapsed_s
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
            load = firstload.FirstLoad(
                server.base_url, url, graphs, BROWSER_TIMEOUT_MS, http.session
            )
            runs = firstload.first_loads(load, browser_runs)
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
                credentials=credentials,
            )
            # 50 users, then (issue 13) the same visits from 200 at once: results day.
            runs = [("load", args.users), ("load_heavy", args.heavy_users)]
            for key, users in [(key, users) for key, users in runs if users]:
                redis.flush()
                log(
                    f"{scale}x: load test, {users} users for {args.duration:.0f} s, "
                    f"think {args.think[0]:.0f}-{args.think[1]:.0f} s"
                )
                samples, actions, wall, logins = loadtest.run_load(
                    server.base_url,
                    pages,
                    users,
                    args.duration,
                    tuple(args.think),
                    args.seed + (key != "load"),
                )
                load = _load_summary(samples, actions, wall, args, users)
                load["login_ms"] = summarise([s.ms for s in logins]) if logins else None
                load["login_errors"] = sum(1 for s in logins if s.error)
                load["login_spread_s"] = loadtest.LOGIN_SPREAD_S
                result[key] = load
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
