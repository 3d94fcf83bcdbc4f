"""What every benchmark writes: run summaries, budgets, the machine, results.json and .md.

Shared by the benchmark subcommands so that their results read the same way.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

RESULTS_JSON = "results.json"
RESULTS_MD = "results.md"
BYTES_PER_GB = 1_000_000_000  # decimal GB: the stricter reading of a "3 GB" budget


def summarise(samples: Sequence[float]) -> dict[str, Any]:
    """p50, p95, max (and min, mean, every sample) of one measurement's runs.

    Percentiles interpolate linearly between runs (numpy's default), so with 5 runs the p95
    lies between the two slowest.
    """
    values = np.asarray(samples, dtype="float64")
    return {
        "n": len(values),
        "p50": float(np.percentile(values, 50)),
        "p95": float(np.percentile(values, 95)),
        "max": float(values.max()),
        "min": float(values.min()),
        "mean": float(values.mean()),
        "samples": [float(v) for v in values],
    }


@dataclass(frozen=True)
class Budget:
    """One speed or memory target of the issue and what this run measured against it."""

    name: str
    value: float
    limit: float
    unit: str
    inclusive: bool = False  # True: the limit itself passes ("at most"); False: "under"

    @property
    def passed(self) -> bool:
        return self.value <= self.limit if self.inclusive else self.value < self.limit

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "limit": self.limit,
            "unit": self.unit,
            "pass": self.passed,
        }


def _meminfo_total_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(module: str) -> str | None:
    try:
        return str(__import__(module).__version__)
    except ImportError:
        return None


def machine_description() -> dict[str, Any]:
    """What the numbers depend on: CPUs, memory, versions, load when the run started."""
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    memory = _meminfo_total_bytes()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": len(affinity) if affinity is not None else os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_bytes": memory,
        "memory_gb": round(memory / BYTES_PER_GB, 1) if memory else None,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "pandas": _version("pandas"),
        "numpy": _version("numpy"),
        "pyarrow": _version("pyarrow"),
        "loadavg_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def _format(value: float, unit: str) -> str:
    if unit == "ms":
        return f"{value:.1f}"
    if unit == "GB":
        return f"{value:.2f}"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def budgets_table(budgets: Sequence[Budget]) -> list[str]:
    """The budgets as Markdown table lines: value, limit, share of the limit used, verdict."""
    lines = [
        "| Budget | Value | Limit | Used | Verdict |",
        "|---|---:|---:|---:|---|",
    ]
    for b in budgets:
        used = f"{100 * b.value / b.limit:.0f} %" if b.limit else "-"
        verdict = "pass" if b.passed else "**FAIL**"
        at_most = "≤ " if b.inclusive else ""
        lines.append(
            f"| {b.name} | {_format(b.value, b.unit)} {b.unit} "
            f"| {at_most}{_format(b.limit, b.unit)} {b.unit} | {used} | {verdict} |"
        )
    return lines


def write_results(
    out_dir: Path,
    payload: dict[str, Any],
    budgets: Sequence[Budget],
    markdown_body: Sequence[str],
) -> tuple[Path, Path]:
    """Write `out_dir`/results.json (payload + budgets) and results.md (the lines given)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {**payload, "budgets": [b.as_json() for b in budgets]}
    json_path = out_dir / RESULTS_JSON
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    md_path = out_dir / RESULTS_MD
    md_path.write_text("\n".join(markdown_body) + "\n", "utf-8")
    return json_path, md_path


_started = time.perf_counter()


def elapsed() -> float:
    """Seconds since the benchmark started."""
    return time.perf_counter() - _started


def log(message: str) -> None:
    """A progress line on stderr, stamped with the seconds since the benchmark started."""
    sys.stderr.write(f"[{elapsed():7.1f}s] {message}\n")
    sys.stderr.flush()


def log_budgets(budgets: Sequence[Budget]) -> None:
    """One progress line per budget: pass or FAIL, the value and the limit."""
    for budget in budgets:
        log(
            f"{'pass' if budget.passed else 'FAIL'}  {budget.name}: "
            f"{budget.value} {budget.unit} (limit {budget.limit} {budget.unit})"
        )
