"""Engine benchmark (issue 2, item 7): load, validate + import, indicators and peer statistics.

    python -m benchmarks engine [--scale 1 --scale 10 --scale 100] [--runs N] [--out DIR]

Budgets, each checked on the p95 of several runs (memory: on the largest run):

- loading the active dataset from a store, in a fresh process: < 1 s (at every scale measured);
- validating and importing the 100x CSV folder, in a fresh process: < 60 s, peak RSS < 3 GB;
- at 10x, with the aggregates built: the headline indicators with their change (national and
  within the structure's category) plus one structure's peer statistics on G within its
  category: < 100 ms;
- at 10x, the honest-comparison figures of one structure view (dashboard.figures.uncertainty,
  contract §5b: intervals, change tests, rank interval, where to act first): cold (the first
  view of a version) < 150 ms, warm (the same view again) < 20 ms.

The one-off cost of building a version's aggregates is measured too, without a budget.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from benchmarks.datasets import CACHE_DIR, PreparedScale, cache_key, prepare, prune_stale
from benchmarks.engine_report import results_markdown
from benchmarks.options import add_number, add_out, add_scales
from benchmarks.report import (
    BYTES_PER_GB,
    Budget,
    elapsed,
    log,
    log_budgets,
    machine_description,
    summarise,
    write_results,
)
from dashboard.figures import scoring, uncertainty
from dashboard.figures.aggregates import Aggregates, Selection, aggregates_for
from dashboard.figures.benchmark import peer_definition
from dashboard.figures.indicators import INDICATORS, indicators_with_change
from dashboard.figures.peers import peer_stats
from dashboard.intake.model import conform
from dashboard.intake.schema import StructureCol, Table
from dashboard.intake.store import DatasetStore

NAME = "engine"
DESCRIPTION = "load, validate + import, headline indicators and peer statistics"
REPO_ROOT = Path(__file__).resolve().parent.parent

DEFAULT_SCALES = (1, 10, 100)
IMPORT_SCALE = 100
QUERY_SCALE = 10
DEFAULT_RUNS = 5
DEFAULT_QUERY_RUNS = 200
QUERY_WARMUP = 10

LOAD_LIMIT_S = 1.0
IMPORT_LIMIT_S = 60.0
IMPORT_RSS_LIMIT_GB = 3.0
QUERY_LIMIT_MS = 100.0
UNCERTAINTY_SCALE = 10
DEFAULT_UNCERTAINTY_RUNS = 20
UNCERTAINTY_COLD_LIMIT_MS = 150.0
UNCERTAINTY_WARM_LIMIT_MS = 20.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The engine benchmark's options, on its subcommand's `parser`."""
    add_scales(parser, "measure loading at", DEFAULT_SCALES)
    add_number(parser, "--runs", DEFAULT_RUNS, "runs of each load, import and aggregate build")
    add_number(parser, "--query-runs", DEFAULT_QUERY_RUNS, "runs of each warm query")
    add_number(parser, "--import-scale", IMPORT_SCALE, "scale of the CSV import", "0 skips it")
    add_number(
        parser,
        "--query-scale",
        QUERY_SCALE,
        "scale of the indicator and peer queries",
        "0 skips them",
    )
    add_number(
        parser,
        "--uncertainty-scale",
        UNCERTAINTY_SCALE,
        "scale of the structure view's uncertainty figures",
        "0 skips them",
    )
    add_number(
        parser,
        "--uncertainty-runs",
        DEFAULT_UNCERTAINTY_RUNS,
        "cold runs of the uncertainty figures, each on freshly built aggregates",
        "warm runs: --query-runs",
    )
    add_out(parser, NAME)


# --- Fresh processes -----------------------------------------------------------------------


def _run_probe(arguments: list[str]) -> tuple[dict[str, Any], float, int]:
    """Run benchmarks.probes in a fresh interpreter: its output, wall time and peak RSS (bytes).

    The peak is the child's own high-water mark (see benchmarks/probes.py for why not wait4).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    with tempfile.TemporaryDirectory(prefix="probe-") as scratch:
        out_json = Path(scratch) / "out.json"
        command = [sys.executable, "-m", "benchmarks.probes", *arguments, str(out_json)]
        started = time.perf_counter()
        child = subprocess.run(
            command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        wall = time.perf_counter() - started
        if child.returncode != 0:
            detail = child.stderr.decode("utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(command)} exited {child.returncode}:\n{detail}")
        outcome = json.loads(out_json.read_text("utf-8"))
        return outcome, wall, int(outcome["peak_rss_kb"]) * 1024


def _timed(function: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


# --- Measurements --------------------------------------------------------------------------


def measure_load(prepared: PreparedScale, runs: int) -> dict[str, Any]:
    """Load the active dataset: cold (fresh process each run) and warm (fresh store, same
    process), with where a warm load spends its time."""
    root = prepared.store_root
    cold = [_run_probe(["load", str(root)]) for _ in range(runs)]
    for outcome, _, _ in cold:
        if outcome["version"] != prepared.info["version"]:
            raise RuntimeError(f"{root}: loaded {outcome['version']}, not the cached version")

    DatasetStore(root).active()  # warm-up: lazy imports, OS file cache
    warm = _timed(lambda: DatasetStore(root).active(), runs)

    folder = root / "datasets" / prepared.info["version"]
    parts: dict[str, list[float]] = {"read_structures": [], "read_tests": [], "conform": []}
    for _ in range(runs):
        started = time.perf_counter()
        structures = pd.read_parquet(folder / f"{Table.STRUCTURES}.parquet")
        read_s = time.perf_counter()
        tests = pd.read_parquet(folder / f"{Table.TESTS}.parquet")
        read_t = time.perf_counter()
        conform(structures, tests)
        done = time.perf_counter()
        parts["read_structures"].append(read_s - started)
        parts["read_tests"].append(read_t - read_s)
        parts["conform"].append(done - read_t)
        del structures, tests

    return {
        "cold_active_s": summarise([o["active_s"] for o, _, _ in cold]),
        "cold_active_cpu_s": summarise([o["active_cpu_s"] for o, _, _ in cold]),
        "cold_import_modules_s": summarise([o["import_s"] for o, _, _ in cold]),
        "cold_process_wall_s": summarise([wall for _, wall, _ in cold]),
        "cold_peak_rss_bytes": max(rss for _, _, rss in cold),
        "warm_active_s": summarise(warm),
        "warm_breakdown_s": {part: summarise(samples) for part, samples in parts.items()},
    }


def measure_import(prepared: PreparedScale, runs: int) -> dict[str, Any]:
    """Validate + import the CSV folder into an empty store, in a fresh process each run."""
    assert prepared.csv_dir is not None
    scratch_root = CACHE_DIR / ".tmp"
    scratch_root.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for run in range(runs):
        store_root = Path(tempfile.mkdtemp(prefix="import-", dir=scratch_root))
        try:
            outcome, wall, rss = _run_probe(["import", str(prepared.csv_dir), str(store_root)])
        finally:
            shutil.rmtree(store_root, ignore_errors=True)
        if not outcome["ok"]:
            raise RuntimeError(f"the {prepared.scale}x CSV was refused: {outcome}")
        log(f"  import run {run + 1}/{runs}: {wall:.1f} s, peak {rss / BYTES_PER_GB:.2f} GB")
        outcomes.append((outcome, wall, rss))

    # Seconds spent in each stage: from its start to the next stage's start.
    stage_spans: dict[str, list[float]] = {}
    stage_peaks: dict[str, list[float]] = {}
    for outcome, _, _ in outcomes:
        stages = outcome["stages"]
        for stage, following in itertools.pairwise(stages):
            stage_spans.setdefault(stage["stage"], []).append(following["at_s"] - stage["at_s"])
            hwm = following["memory_kb"].get("VmHWM")
            if hwm is not None:
                stage_peaks.setdefault(stage["stage"], []).append(hwm * 1024 / BYTES_PER_GB)
    first = outcomes[0][0]
    return {
        "wall_s": summarise([wall for _, wall, _ in outcomes]),
        "validate_import_s": summarise([o["validate_import_s"] for o, _, _ in outcomes]),
        "validate_import_cpu_s": summarise([o["validate_import_cpu_s"] for o, _, _ in outcomes]),
        "import_modules_s": summarise([o["import_s"] for o, _, _ in outcomes]),
        "peak_rss_bytes": summarise([rss for _, _, rss in outcomes]),
        "stage_s": {stage: summarise(spans) for stage, spans in stage_spans.items()},
        "peak_gb_by_end_of_stage": {stage: max(p) for stage, p in stage_peaks.items()},
        "warnings": first["warnings"],
        "imported_version": first["active_version"],
        "same_version_as_generated": first["active_version"] == prepared.info["version"],
    }


def measure_aggregates(prepared: PreparedScale, runs: int) -> dict[str, Any]:
    """The one-off cost of building a dataset version's aggregates."""
    dataset = DatasetStore(prepared.store_root).active()
    return {"build_s": summarise(_timed(lambda: Aggregates(dataset), runs))}


def _peer_target(agg: Aggregates, edition: int) -> tuple[str, str, int]:
    """A mid-pack structure of the largest category in `edition`: (id, category, group size)."""
    g = agg.global_scores(Selection(edition))
    category = str(g[StructureCol.CATEGORY].value_counts().idxmax())
    group = g[g[StructureCol.CATEGORY] == category].sort_values(
        [scoring.SCORE, StructureCol.STRUCTURE_ID]
    )
    middle = group.iloc[len(group) // 2]
    return str(middle[StructureCol.STRUCTURE_ID]), category, len(group)


def measure_queries(prepared: PreparedScale, query_runs: int) -> dict[str, Any]:
    """Warm queries: headline indicators with change (national and within a category) and one
    structure's peer statistics on G within its category, through the cached aggregates."""
    dataset = DatasetStore(prepared.store_root).active()
    started = time.perf_counter()
    agg = aggregates_for(dataset)
    first_build_s = time.perf_counter() - started
    edition = max(dataset.editions)
    structure_id, category, group_size = _peer_target(agg, edition)

    def national() -> None:
        changes = indicators_with_change(dataset, edition)
        assert len(changes) == len(INDICATORS)

    def in_category() -> None:
        changes = indicators_with_change(dataset, edition, (category,))
        assert len(changes) == len(INDICATORS)

    def peers() -> None:
        g = aggregates_for(dataset).global_scores(Selection(edition, (category,)))
        stats = peer_stats(g.set_index(StructureCol.STRUCTURE_ID)[scoring.SCORE], structure_id)
        assert stats is not None and stats.n == group_size

    def all_together() -> None:
        national()
        in_category()
        peers()

    parts = {
        "indicators_national": national,
        "indicators_in_category": in_category,
        "peer_stats": peers,
        "all": all_together,
    }
    results: dict[str, Any] = {}
    for name, function in parts.items():
        _timed(function, QUERY_WARMUP)
        results[name] = summarise([s * 1000 for s in _timed(function, query_runs)])
    return {
        "edition": edition,
        "structure_id": structure_id,
        "category": category,
        "peer_group_size": group_size,
        "aggregates_first_build_s": first_build_s,
        "ms": results,
    }


def _uncertainty_view(agg: Aggregates, structure_id: str, edition: int) -> None:
    """Everything dashboard.figures.uncertainty gives one "My structure" view: the estimates of the
    edition and of every edition (tables, error bars, trajectory band), the change of G and
    of each channel since the previous edition, the rank interval on G among the category,
    where to act first over the criteria and over the channels."""
    peers = peer_definition(agg, structure_id, "category")
    now = uncertainty.structure_estimates(agg, structure_id, edition)
    every = uncertainty.structure_estimates(agg, structure_id)
    previous = sorted({int(e) for e in every["edition"] if e < edition})
    if previous:
        uncertainty.structure_change(agg, structure_id, edition, previous[-1])
        for channel in now.loc[now["kind"] == "channel", "name"]:
            uncertainty.structure_change(
                agg, structure_id, edition, previous[-1], "channel", str(channel)
            )
    interval = uncertainty.structure_rank_interval(agg, structure_id, edition, peers)
    assert interval is not None
    uncertainty.where_to_act(agg, structure_id, edition, peers)
    uncertainty.where_to_act(agg, structure_id, edition, peers, "channel")


def measure_uncertainty(prepared: PreparedScale, cold_runs: int, warm_runs: int) -> dict[str, Any]:
    """The structure view's uncertainty figures (contract §5b): cold, warm, and a first view
    of other structures once the version's tables are built.

    - cold: aggregates built afresh (not timed), every uncertainty cache emptied, then the
      view timed: the first view after an import or a worker start;
    - warm: the same view again (its frames and rank interval memoized);
    - other structures: the first view of each of `warm_runs` other structures of the same
      category, the version's tables built (rank interval and frames computed for each).
    """
    dataset = DatasetStore(prepared.store_root).active()
    agg = aggregates_for(dataset)
    edition = max(dataset.editions)
    structure_id, category, group_size = _peer_target(agg, edition)

    cold: list[float] = []
    cold_cpu: list[float] = []
    for _ in range(cold_runs):
        fresh = Aggregates(dataset)
        uncertainty.clear_caches()
        started, started_cpu = time.perf_counter(), time.process_time()
        _uncertainty_view(fresh, structure_id, edition)
        cold.append(time.perf_counter() - started)
        cold_cpu.append(time.process_time() - started_cpu)
        del fresh

    uncertainty.clear_caches()
    _uncertainty_view(agg, structure_id, edition)
    warm = _timed(lambda: _uncertainty_view(agg, structure_id, edition), warm_runs)

    g = agg.global_scores(Selection(edition, (category,)))
    others = [str(s) for s in g[StructureCol.STRUCTURE_ID] if s != structure_id][:warm_runs]
    other: list[float] = []
    for sid in others:
        started = time.perf_counter()
        _uncertainty_view(agg, sid, edition)
        other.append(time.perf_counter() - started)

    interval = uncertainty.structure_rank_interval(
        agg, structure_id, edition, peer_definition(agg, structure_id, "category")
    )
    assert interval is not None
    return {
        "edition": edition,
        "structure_id": structure_id,
        "category": category,
        "peer_group_size": group_size,
        "rank_interval": [interval.rank, interval.low, interval.high],
        "ms": {
            "cold": summarise([s * 1000 for s in cold]),
            "cold_cpu": summarise([s * 1000 for s in cold_cpu]),
            "warm": summarise([s * 1000 for s in warm]),
            "other_structures": summarise([s * 1000 for s in other]),
        },
    }


# --- The run -------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    scales = sorted(set(args.scales or DEFAULT_SCALES))
    if args.runs < 1 or args.query_runs < 1 or args.uncertainty_runs < 1 or min(scales) < 1:
        raise SystemExit("--runs, --query-runs, --uncertainty-runs and --scale must be at least 1")
    machine = machine_description()
    key = cache_key()
    prune_stale(keep=key)

    log(f"preparing scales {scales} (cache key {key})")
    optional = (args.import_scale, args.query_scale, args.uncertainty_scale)
    needed = sorted({*scales, *(s for s in optional if s > 0)})
    prepared = {s: prepare(s, csv=s == args.import_scale, log=log) for s in needed}

    measurements: dict[str, Any] = {"load": {}, "aggregates": {}}
    budgets: list[Budget] = []
    for scale in scales:
        log(f"{scale}x: loading the active dataset, {args.runs} cold + {args.runs} warm runs")
        load = measure_load(prepared[scale], args.runs)
        measurements["load"][f"{scale}"] = load
        budgets.append(
            Budget(
                f"load active dataset, cold, p95 @ {scale}x",
                round(load["cold_active_s"]["p95"], 3),
                LOAD_LIMIT_S,
                "s",
            )
        )
    for scale in scales:
        log(f"{scale}x: building aggregates, {args.runs} runs")
        measurements["aggregates"][f"{scale}"] = measure_aggregates(prepared[scale], args.runs)

    if args.import_scale > 0:
        log(f"{args.import_scale}x: validate + import of the CSV folder, {args.runs} runs")
        imp = measure_import(prepared[args.import_scale], args.runs)
        measurements["import"] = imp
        budgets += [
            Budget(
                f"validate + import CSV, wall p95 @ {args.import_scale}x",
                round(imp["wall_s"]["p95"], 2),
                IMPORT_LIMIT_S,
                "s",
            ),
            Budget(
                f"validate + import CSV, peak RSS max @ {args.import_scale}x",
                round(imp["peak_rss_bytes"]["max"] / BYTES_PER_GB, 3),
                IMPORT_RSS_LIMIT_GB,
                "GB",
            ),
        ]

    if args.query_scale > 0:
        log(f"{args.query_scale}x: warm queries, {args.query_runs} runs each")
        queries = measure_queries(prepared[args.query_scale], args.query_runs)
        measurements["queries"] = queries
        budgets.append(
            Budget(
                f"indicators with change + peer stats, warm, p95 @ {args.query_scale}x",
                round(queries["ms"]["all"]["p95"], 2),
                QUERY_LIMIT_MS,
                "ms",
            )
        )

    if args.uncertainty_scale > 0:
        log(
            f"{args.uncertainty_scale}x: a structure view's uncertainty figures, "
            f"{args.uncertainty_runs} cold and {args.query_runs} warm runs"
        )
        unc = measure_uncertainty(
            prepared[args.uncertainty_scale], args.uncertainty_runs, args.query_runs
        )
        measurements["uncertainty"] = unc
        budgets += [
            Budget(
                f"structure view uncertainty figures, cold, p95 @ {args.uncertainty_scale}x",
                round(unc["ms"]["cold"]["p95"], 2),
                UNCERTAINTY_COLD_LIMIT_MS,
                "ms",
            ),
            Budget(
                f"structure view uncertainty figures, warm, p95 @ {args.uncertainty_scale}x",
                round(unc["ms"]["warm"]["p95"], 2),
                UNCERTAINTY_WARM_LIMIT_MS,
                "ms",
            ),
        ]

    machine["loadavg_at_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    payload: dict[str, Any] = {
        "benchmark": NAME,
        "command": "python -m benchmarks " + " ".join(sys.argv[1:]),
        "machine": machine,
        "settings": {
            "scales": scales,
            "runs": args.runs,
            "query_runs": args.query_runs,
            "import_scale": args.import_scale,
            "query_scale": args.query_scale,
            "uncertainty_scale": args.uncertainty_scale,
            "uncertainty_runs": args.uncertainty_runs,
            "cache_key": key,
        },
        "datasets": {f"{s}": prepared[s].info for s in needed},
        "measurements": measurements,
        "total_runtime_s": round(elapsed(), 1),
    }
    json_path, md_path = write_results(
        args.out, payload, budgets, results_markdown(payload, budgets)
    )
    log_budgets(budgets)
    log(f"wrote {json_path} and {md_path}")
    return 0
