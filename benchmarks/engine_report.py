"""The engine benchmark's results.md, a section per measurement (benchmarks/engine.py).

`results_markdown(payload, budgets)` gives the lines from the run's payload (results.json
without its budgets), so that the report can be written again from a stored run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from benchmarks.report import BYTES_PER_GB, Budget, budgets_table

# What each progress stage of an import covers, up to the start of the next one.
STAGE_LABELS = {
    "read_structures": "read structures.csv",
    "read_tests": "read tests.csv",
    "check_structures": "check structures",
    "check_tests": "check tests",
    "build": "type into a Dataset (conform + version hash)",
    "done": "store (Parquet write, fsync, ACTIVE switch)",
}


def _ms(summary: dict[str, Any]) -> str:
    return f"{summary['p50']:.1f} / {summary['p95']:.1f} / {summary['max']:.1f}"


def _s(summary: dict[str, Any]) -> str:
    return f"{summary['p50']:.2f} / {summary['p95']:.2f} / {summary['max']:.2f}"


def _gb(summary: dict[str, Any]) -> str:
    return " / ".join(f"{summary[k] / BYTES_PER_GB:.2f}" for k in ("p50", "p95", "max"))


def _table(header: str, align: str, rows: Iterable[str]) -> list[str]:
    return [header, align, *rows]


def _section(title: str, *body: Sequence[str]) -> list[str]:
    """A level-2 section: a blank line, its title, then each part after a blank line."""
    lines = ["", f"## {title}"]
    for part in body:
        lines += ["", *part]
    return lines


def _header(payload: dict[str, Any], budgets: Sequence[Budget]) -> list[str]:
    machine = payload["machine"]
    memory = f"{machine['memory_gb']} GB RAM" if machine["memory_gb"] else "RAM unknown"
    return [
        "# Engine benchmark",
        "",
        f"{machine['date']} · {machine['nproc']} CPUs ({machine['cpu_model']}) · {memory} · "
        f"Python {machine['python']}, pandas {machine['pandas']}, pyarrow {machine['pyarrow']}"
        f" · load average (1 min) {machine['loadavg_at_start'][0]:.2f} at start, "
        f"{machine['loadavg_at_end'][0]:.2f} at end",
        "",
        f"Command: `{payload['command']}`. Times are p50 / p95 / max over the runs; a budget "
        "holds when its p95 (memory: its largest run) is under the limit.",
        "",
        "## Budgets",
        "",
        *budgets_table(budgets),
    ]


def _datasets(payload: dict[str, Any]) -> list[str]:
    rows = []
    for scale, info in payload["datasets"].items():
        csv_mb = f"{sum(info['csv_bytes'].values()) / 1e6:.0f} MB" if "csv_bytes" in info else "-"
        rows.append(
            f"| {scale}x | {info['structures']:,} | "
            f"{info['structures_per_edition']['mean']:,.0f} | {info['tests']:,} | {csv_mb} |"
        )
    return _section(
        "Datasets (demo generator, seed fixed)",
        _table(
            "| Scale | Structures | Per edition (mean) | Tests | CSV size |",
            "|---:|---:|---:|---:|---:|",
            rows,
        ),
    )


def _load(measured: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    rows = []
    for scale, load in measured.items():
        parts = load["warm_breakdown_s"]
        rows.append(
            f"| {scale}x | {_s(load['cold_active_s'])} | {_s(load['cold_import_modules_s'])} | "
            f"{load['cold_peak_rss_bytes'] / BYTES_PER_GB:.2f} GB | "
            f"{_s(load['warm_active_s'])} | {parts['read_structures']['p50']:.2f} | "
            f"{parts['read_tests']['p50']:.2f} | {parts['conform']['p50']:.2f} |"
        )
    return _section(
        f"Loading the active dataset (s, {settings['runs']} runs)",
        [
            "Cold: a fresh process each run; `DatasetStore(root).active()` timed after the "
            "imports (the imports are shown apart). Warm: a fresh `DatasetStore` in a process "
            "that already loaded once. The OS file cache is warm in both."
        ],
        _table(
            "| Scale | Cold active() | Imports (cold) | Peak RSS (cold) | Warm active() "
            "| Warm: read structures | read tests | conform |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            rows,
        ),
    )


def _import(imp: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    rows = []
    for stage, spans in imp["stage_s"].items():
        peak = imp["peak_gb_by_end_of_stage"].get(stage)
        label = STAGE_LABELS.get(stage, stage)
        rows.append(f"| {label} | {_s(spans)} | {peak:.2f} |" if peak else f"| {label} |")
    return _section(
        f"Validate + import of the {settings['import_scale']}x CSV folder "
        f"({settings['runs']} runs, fresh process each)",
        [
            f"- Process wall time: {_s(imp['wall_s'])} s (of which module imports "
            f"{imp['import_modules_s']['p50']:.2f} s); CPU time of validate + import "
            f"{_s(imp['validate_import_cpu_s'])} s",
            f"- Peak RSS: {_gb(imp['peak_rss_bytes'])} GB",
            f"- Re-imported version equals the generated one: {imp['same_version_as_generated']}"
            f"; warnings: {imp['warnings']}",
        ],
        _table(
            "| Stage | Seconds (p50 / p95 / max) | Peak RSS by its end (GB) |",
            "|---|---:|---:|",
            rows,
        ),
    )


def _aggregates(measured: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    if not measured:
        return []
    rows = (f"| {scale}x | {_s(agg['build_s'])} |" for scale, agg in measured.items())
    return _section(
        f"Building a version's aggregates, one-off (s, {settings['runs']} runs)",
        _table("| Scale | Aggregates(dataset) |", "|---:|---:|", rows),
    )


def _queries(q: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    ms = q["ms"]
    return _section(
        f"Warm queries at {settings['query_scale']}x (ms, {settings['query_runs']} runs)",
        [
            f"Edition {q['edition']}; structure {q['structure_id']} among "
            f"{q['peer_group_size']} peers of category `{q['category']}`."
        ],
        _table(
            "| Query | p50 / p95 / max |",
            "|---|---:|",
            [
                f"| `indicators_with_change(dataset, {q['edition']})` | "
                f"{_ms(ms['indicators_national'])} |",
                f"| `indicators_with_change(dataset, {q['edition']}, ('{q['category']}',))` | "
                f"{_ms(ms['indicators_in_category'])} |",
                f"| `peer_stats(G within category, '{q['structure_id']}')` | "
                f"{_ms(ms['peer_stats'])} |",
                f"| all three (the budget) | {_ms(ms['all'])} |",
            ],
        ),
    )


def _uncertainty(unc: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    rank, low, high = unc["rank_interval"]
    ms = unc["ms"]
    return _section(
        f"A structure view's uncertainty figures at {settings['uncertainty_scale']}x (ms)",
        [
            f"Edition {unc['edition']}; structure {unc['structure_id']} among "
            f"{unc['peer_group_size']} peers of category `{unc['category']}` (rank "
            f"{rank}, 90 % interval {low}–{high}). The view: estimates "
            "of the edition and of every edition, change of G and of each channel since the "
            "previous edition, rank interval on G (B = 2,000), where to act first over the "
            "criteria and over the channels (dashboard.figures.uncertainty, contract §5b)."
        ],
        _table(
            "| Run | p50 / p95 / max |",
            "|---|---:|",
            [
                f"| cold: first view of a version, aggregates built "
                f"({settings['uncertainty_runs']} runs) | {_ms(ms['cold'])} |",
                f"| cold, CPU time of the process | {_ms(ms['cold_cpu'])} |",
                f"| warm: the same view again | {_ms(ms['warm'])} |",
                f"| first view of other structures of the category, version's tables built | "
                f"{_ms(ms['other_structures'])} |",
            ],
        ),
    )


# The measurements' sections in report order; a measurement the run skipped has none.
SECTIONS: tuple[tuple[str, Callable[[Any, dict[str, Any]], list[str]]], ...] = (
    ("load", _load),
    ("import", _import),
    ("aggregates", _aggregates),
    ("queries", _queries),
    ("uncertainty", _uncertainty),
)


def results_markdown(payload: dict[str, Any], budgets: Sequence[Budget]) -> list[str]:
    """results.md's lines for the run `payload` (results.json's content) and its `budgets`."""
    lines = [*_header(payload, budgets), *_datasets(payload)]
    measured = payload["measurements"]
    for key, section in SECTIONS:
        if key in measured:
            lines += section(measured[key], payload["settings"])
    return [*lines, "", "Raw figures and every sample: `results.json`."]
