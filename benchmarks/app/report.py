"""The app benchmark's report: results.json (every figure, every sample) and results.md (the
budgets, the comparison with an earlier run, a section per scale), written with the helpers
every benchmark shares (benchmarks/report.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from benchmarks.app.arguments import BASELINE_NAME, NAME, NOTES_NAME
from benchmarks.app.budgets import MB, budgets_for
from benchmarks.app.measurement import WARM_REPEATS
from benchmarks.datasets import PreparedScale
from benchmarks.report import Budget, budgets_table, elapsed, log, write_results


def _ms(s: dict[str, Any] | None) -> str:
    return f"{s['p50']:.0f} / {s['p95']:.0f} / {s['max']:.0f}" if s else "-"


def results_markdown(
    payload: dict[str, Any],
    budgets: list[Budget],
    baseline: dict[str, Any] | None,
    notes: str | None = None,
) -> list[str]:
    """results.md's lines: the run, the budgets, `notes`, the comparison with `baseline`
    (an earlier results.json) when there is one, then a section per scale."""
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


def read_baseline(args: argparse.Namespace) -> dict[str, Any] | None:
    """The run to compare with: --baseline, else DIR/before/results.json; None if absent."""
    path = args.baseline or args.out / BASELINE_NAME / "results.json"
    if path.exists():
        return dict(json.loads(path.read_text("utf-8")))
    return None


def results_payload(
    args: argparse.Namespace,
    machine: dict[str, Any],
    key: str,
    scales: list[int],
    prepared: dict[int, PreparedScale],
    results: dict[str, Any],
) -> dict[str, Any]:
    """results.json without its budgets: the command, the machine (load average now), the
    settings, the datasets and what each scale measured so far."""
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


def read_notes(out: Path) -> str | None:
    """OUT/notes.md, hand-written, that results.md includes; None when there is none."""
    notes_path = out / NOTES_NAME
    return notes_path.read_text("utf-8") if notes_path.exists() else None


def rewrite_report(args: argparse.Namespace) -> int:
    """results.md (and the budgets) again from results.json, with the current notes."""
    payload = json.loads((args.out / "results.json").read_text("utf-8"))
    payload.pop("budgets", None)
    budgets = [b for scale, r in payload["scales"].items() for b in budgets_for(int(scale), r)]
    notes = read_notes(args.out)
    write_results(
        args.out, payload, budgets, results_markdown(payload, budgets, read_baseline(args), notes)
    )
    log(f"rewrote {args.out / 'results.md'}")
    return 0
