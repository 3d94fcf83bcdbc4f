"""The engine benchmark's report written again from its stored run equals the committed one
(benchmarks/engine_report.py): results.md is a function of results.json."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.engine_report import results_markdown
from benchmarks.report import Budget

ENGINE_RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results" / "engine"


def test_the_engine_report_is_written_again_from_its_run() -> None:
    payload = json.loads((ENGINE_RESULTS / "results.json").read_text("utf-8"))
    budgets = [
        Budget(b["name"], b["value"], b["limit"], b["unit"], b.get("inclusive", False))
        for b in payload.pop("budgets")
    ]
    lines = results_markdown(payload, budgets)
    assert "\n".join(lines) + "\n" == (ENGINE_RESULTS / "results.md").read_text("utf-8")


def test_a_run_without_optional_measurements_has_no_section_for_them() -> None:
    payload = json.loads((ENGINE_RESULTS / "results.json").read_text("utf-8"))
    budgets: list[Budget] = []
    for skipped in ("import", "queries", "uncertainty"):
        del payload["measurements"][skipped]
    payload["measurements"]["aggregates"] = {}
    text = "\n".join(results_markdown(payload, budgets))
    assert "## Loading the active dataset" in text
    for title in ("## Validate + import", "## Building", "## Warm queries", "## A structure"):
        assert title not in text
