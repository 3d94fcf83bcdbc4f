"""`python -m benchmarks reports`: the structure report (issue 15) on the demo data's 2022
edition (311 structures): one report's PDF, where its time goes, and the reports of every
structure of the edition into one zip.

The report content comes from what « Ma structure » draws today (`callbacks.benchmark`'s
payload and frames, anonymous mode): the same figures, tables and sentences a page shows.
`page_content` is the one place to change when the page sections move (issue 13).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.report import Budget, budgets_table, log, machine_description, summarise
from benchmarks.report import write_results as write_result_files
from dashboard.i18n import normalise_lang
from dashboard.intake.demo import demo_dataset
from dashboard.intake.model import Dataset
from dashboard.pages.report import SourceInfo, structure_report
from dashboard.render import images
from dashboard.render.batch import BatchProgress, render_report, write_reports_zip
from dashboard.render.report_pdf import chart_svgs, report_pdf
from dashboard.report_model import (
    ReportContent,
)
from dashboard.urlstate import BenchmarkState

NAME = "reports"
DESCRIPTION = "the structure report: one PDF, and the 311 reports of an edition into a zip"
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / NAME
EDITION = 2022
ONE_REPORT_LIMIT_S = 3.0
BATCH_LIMIT_S = 300.0  # 311 reports, 5 minutes
SECTIONS = (  # « Ma structure »'s chart blocks, in page order: (key, title key)
    ("channels", "ui.bench.channels_title"),
    ("criteria", "ui.bench.criteria_title"),
    ("measures", "ui.bench.measures_title"),
    ("trajectory", "ui.bench.trajectory_title"),
    ("distribution", "ui.bench.distribution_title"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="results folder")
    parser.add_argument("--runs", type=int, default=10, help="single-report runs (warm)")
    parser.add_argument("--limit", type=int, default=0, help="batch: first N structures (0: all)")
    parser.add_argument("--workers", type=int, default=2, help="batch: worker processes")
    parser.add_argument(
        "--threads", action="store_true", help="batch: worker threads instead of processes"
    )
    parser.add_argument(
        "--formats", default="pdf", help="batch: pdf, or pdf,pptx (PPTX measured apart)"
    )


def page_content(dataset: Dataset, structure_id: str, lang: str = "fr") -> ReportContent:
    """The report content of a structure in EDITION, built from the page's sections, as the
    app builds it (dashboard.pages.report)."""
    state = BenchmarkState(structure=structure_id, edition=EDITION, lang=normalise_lang(lang))
    source = SourceInfo(dataset.version, None, is_demo=True)
    content = structure_report(dataset, state, False, source, datetime(2023, 3, 14, 9, 30))
    if content is None:
        raise ValueError(f"{structure_id} has no page in {EDITION}")
    return content


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def measure_one(dataset: Dataset, ids: list[str], runs: int) -> dict[str, Any]:
    """The first report (the browser starting), then `runs` reports one after the other,
    each split into content, charts (kaleido) and PDF (WeasyPrint)."""
    images.close_image_server()
    content, _ = _timed(lambda: page_content(dataset, ids[0]))
    _, cold = _timed(lambda: render_report(content, ("pdf",)))
    stages: dict[str, list[float]] = {"content": [], "charts": [], "pdf": [], "total": []}
    for number in range(runs):
        sid = ids[(number + 1) % len(ids)]
        content, built = _timed(lambda sid=sid: page_content(dataset, sid))  # type: ignore[misc]
        svgs, drawn = _timed(lambda content=content: chart_svgs(content))  # type: ignore[misc]
        _, laid = _timed(lambda c=content, s=svgs: report_pdf(c, s))  # type: ignore[misc]
        stages["content"].append(built)
        stages["charts"].append(drawn)
        stages["pdf"].append(laid)
        stages["total"].append(built + drawn + laid)
    return {"cold_s": cold, **{f"{k}_s": summarise(v) for k, v in stages.items()}}


def measure_batch(
    dataset: Dataset, ids: list[str], workers: int, formats: tuple[str, ...], processes: bool
) -> dict[str, Any]:
    """Every structure's report into one zip, as the app's background job makes it."""
    jobs = [(sid, lambda sid=sid: page_content(dataset, sid)) for sid in ids]
    seen: list[BatchProgress] = []

    def progress(state: BatchProgress) -> None:
        seen.append(state)
        if state.done and (state.done % 50 == 0 or state.done == state.total):
            left = state.remaining or 0.0
            log(f"  {state.done} / {state.total} reports, {state.elapsed:.0f} s, {left:.0f} s left")

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        # Worker processes and their Chromium trees, once reaped at the pool's end.
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "rapports.zip"
        cpu_before = cpu()
        started = time.perf_counter()
        result = write_reports_zip(
            jobs,
            archive,
            formats,  # type: ignore[arg-type]
            progress=progress,
            cancel=threading.Event(),
            workers=workers,
            processes=processes,
        )
        wall = time.perf_counter() - started
        cpu_used = cpu() - cpu_before
        size = archive.stat().st_size
    return {
        "structures": len(ids),
        "formats": list(formats),
        "workers": workers,
        "executor": "processes" if processes else "threads",
        "wall_s": wall,
        "per_report_s": wall / max(len(ids), 1),
        "cpu_s": cpu_used,
        "cpu_per_report_s": cpu_used / max(len(ids), 1),
        "loadavg_after": list(os.getloadavg()),
        "files": len(result.files),
        "failures": [f"{f.structure_id}: {f.message}" for f in result.failures],
        "zip_bytes": size,
        "progress_calls": len(seen),
    }


def _markdown(payload: dict[str, Any], budgets: list[Budget]) -> list[str]:
    one, machine = payload["one_report"], payload["machine"]
    lines = [
        "# Structure reports (issue 15)",
        "",
        f"Demo data, edition {EDITION}; {machine['nproc']} CPUs ({machine['cpu_model']}), "
        f"load average at start {machine['loadavg_at_start']}.",
        "",
        *budgets_table(budgets),
        "",
        "## One report, PDF, one after the other",
        "",
        f"First report of the process (Chromium starting): {one['cold_s']:.2f} s.",
        "",
        "| stage | p50 (s) | p95 (s) | max (s) |",
        "|---|---:|---:|---:|",
    ]
    for stage in ("content", "charts", "pdf", "total"):
        s = one[f"{stage}_s"]
        lines.append(f"| {stage} | {s['p50']:.3f} | {s['p95']:.3f} | {s['max']:.3f} |")
    for batch in payload["batches"]:
        lines += [
            "",
            f"## Batch: {batch['structures']} structures, {'+'.join(batch['formats'])}, "
            f"{batch['workers']} worker {batch['executor']}",
            "",
            f"- wall time {batch['wall_s']:.1f} s ({batch['per_report_s']:.3f} s a structure), "
            f"load average after {[round(x, 1) for x in batch['loadavg_after']]}",
            f"- CPU time {batch['cpu_s']:.0f} s ({batch['cpu_per_report_s']:.3f} s a structure): "
            "this process, the workers and their browsers; on two idle cores the wall time "
            f"would be about {batch['cpu_s'] / 2:.0f} s",
            f"- {batch['files']} files, zip of {batch['zip_bytes'] / 1e6:.1f} MB, "
            f"{len(batch['failures'])} failures, {batch['progress_calls']} progress calls",
        ]
    return lines


def run(args: argparse.Namespace) -> int:
    machine = machine_description()
    log("loading the demo dataset")
    dataset = demo_dataset()
    from dashboard.figures.aggregates import aggregates_for

    frame = aggregates_for(dataset).global_in(EDITION)
    ids = sorted(str(s) for s in frame["structure_id"])
    if args.limit:
        ids = ids[: args.limit]
    log(f"one report, {args.runs} runs")
    one = measure_one(dataset, ids, args.runs)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    batches = []
    log(f"batch of {len(ids)} PDF reports, {args.workers} workers")
    processes = not args.threads
    batches.append(measure_batch(dataset, ids, args.workers, ("pdf",), processes))
    if formats != ("pdf",):
        log(f"batch of {len(ids)} reports as {'+'.join(formats)}, {args.workers} workers")
        batches.append(measure_batch(dataset, ids, args.workers, formats, processes))
    images.close_image_server()
    budgets = [
        Budget(
            "one report PDF, warm p95",
            round(one["total_s"]["p95"], 2),
            ONE_REPORT_LIMIT_S,
            "s",
            True,
        ),
        Budget(
            "one report PDF, first of the process",
            round(one["cold_s"], 2),
            ONE_REPORT_LIMIT_S,
            "s",
            True,
        ),
    ]
    if len(ids) >= 311:
        budgets.append(
            Budget(
                f"{len(ids)} PDF reports into a zip",
                round(batches[0]["wall_s"], 1),
                BATCH_LIMIT_S,
                "s",
                True,
            )
        )
    payload = {"machine": machine, "one_report": one, "batches": batches}
    write_result_files(args.out, payload, budgets, _markdown(payload, budgets))
    log(f"results in {args.out}")
    return 0
