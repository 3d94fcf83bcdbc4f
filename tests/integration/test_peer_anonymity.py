"""Peer anonymity over the wire: in anonymous mode, no response of the "My structure" page
carries another structure's name or id together with figures, and no peer value leaves with
more precision than the page shows (0.1)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import benchmark_payload
from dashboard.render.block_kinds import GRAPH, kind_of
from dashboard.urlstate import BenchmarkState
from layouts import ids
from tests.dash_client import DashClient
from tests.plotly_data import decode
from tests.servers import running_app

OWN = "W-STRASBOURG"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashClient]:
    with running_app(Path(tmp_path_factory.mktemp("data"))) as base:
        yield DashClient(base)


def _leaks(demo: Dataset, text: str) -> list[str]:
    others = demo.structures[demo.structures["structure_id"] != OWN]
    needles = [*others["name"], *[json.dumps(str(i)) for i in others["structure_id"]]]
    return [needle for needle in needles if needle in text]


@pytest.mark.parametrize("peers", ["category", "category_region", "category_population"])
def test_page_responses_carry_no_peer_identity(
    client: DashClient, demo: Dataset, peers: str
) -> None:
    values = {
        f"{ids.BENCH_STRUCTURE}.value": OWN,
        f"{ids.BENCH_EDITION}.value": 2022,
        f"{ids.BENCH_PEERS}.value": peers,
        f"{ids.BENCH_CHANNEL}.value": "phone",
        f"{ids.LANG_STORE}.data": "fr",
    }
    page = client.call(f"{ids.BENCH_HEADLINE}.children", values)
    text = json.dumps(page, ensure_ascii=False)
    assert "Pair 2" in text  # peers are there, under anonymous labels
    assert _leaks(demo, text) == []
    # Every "see as table" alternative, opened.
    opened = {f"{chart.summary}.n_clicks": 1 for chart in ids.BENCH_CHARTS}
    tables = client.call(f"{ids.BENCH_DISTRIBUTION.table}.children", {**values, **opened})
    text = json.dumps(tables, ensure_ascii=False)
    assert len(tables) == 5 and "Pair 2" in text  # the drawn blocks' tables
    assert _leaks(demo, text) == []
    for chart in ids.BENCH_CHARTS:
        download = client.call(
            f"{chart.download}.data", {**values, f"{chart.csv_button}.n_clicks": 1}
        )
        assert _leaks(demo, json.dumps(download, ensure_ascii=False)) == []


def test_compare_is_refused_in_anonymous_mode(client: DashClient, demo: Dataset) -> None:
    values = {
        f"{ids.BENCH_COMPARE}.value": ["W-BOURG-EN-BRESSE", "S00042"],
        f"{ids.BENCH_EDITION}.value": 2022,
        f"{ids.LANG_STORE}.data": "fr",
    }
    answer = client.call(f"{ids.COMPARE_SECTION}.hidden", values)
    assert answer[f"{ids.COMPARE_SECTION}.hidden"] is True
    assert _leaks(demo, json.dumps(answer, ensure_ascii=False)) == []
    opened = {f"{chart.summary}.n_clicks": 1 for chart in ids.COMPARE_CHARTS}
    tables = client.call(f"{ids.COMPARE_CHANNELS.table}.children", {**values, **opened})
    assert all(table == [] for table in tables.values())


def test_picker_lists_names_without_figures(client: DashClient) -> None:
    answer = client.call(
        f"{ids.BENCH_STRUCTURE}.options",
        {f"{ids.BENCH_SEARCH}.value": "ville", f"{ids.LANG_STORE}.data": "fr"},
    )
    options = answer[f"{ids.BENCH_STRUCTURE}.options"]
    assert options and all(set(option) == {"label", "value"} for option in options)


# --- Peer values leave rounded as shown (issue 11, fault 1) -------------------------------

BENCH_VALUES = {
    f"{ids.BENCH_STRUCTURE}.value": OWN,
    f"{ids.BENCH_EDITION}.value": 2022,
    f"{ids.BENCH_PEERS}.value": "category",
    f"{ids.BENCH_CHANNEL}.value": None,
    f"{ids.LANG_STORE}.data": "fr",
}


def _numbers(value: object) -> list[float]:
    """Every number of a trace's array (plain list, nested list or plotly's bdata)."""
    if isinstance(value, dict) and "bdata" in value:
        return [float(v) for v in decode(value).ravel()]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [float(value)]
    return []


def finer_than_shown(figure: dict[str, Any]) -> list[float]:
    """The numbers of a figure's traces (their arrays: x, y, customdata, a box's statistics)
    with more than one decimal."""
    found = []
    for trace in figure["data"]:
        for value in trace.values():
            if isinstance(value, list) or (isinstance(value, dict) and "bdata" in value):
                found += [n for n in _numbers(value) if abs(n * 10 - round(n * 10)) > 1e-6]
    return found


def test_exact_values_are_caught_by_the_check(demo: Dataset) -> None:
    """Named mode keeps exact values: the check below would see them."""
    state = BenchmarkState(OWN, 2022)
    named = benchmark_payload(demo, state, named=True)
    assert named is not None
    assert finer_than_shown(named.charts[ids.BENCH_DISTRIBUTION.name].figure)
    anonymous = benchmark_payload(demo, state, named=False)
    assert anonymous is not None
    assert all(
        finer_than_shown(c.figure) == []
        for c in anonymous.charts.values()
        if kind_of(c.figure) == GRAPH  # the territory block is HTML: public figures only
    )


def test_peer_values_leave_rounded_as_shown(client: DashClient) -> None:
    page = client.call(f"{ids.BENCH_HEADLINE}.children", BENCH_VALUES)
    figures = {k: v for k, v in page.items() if k.endswith(".figure")}
    assert len(figures) == 4
    strip = figures[f"{ids.BENCH_DISTRIBUTION.graph}.figure"]
    assert len(_numbers(strip["data"][0]["x"])) > 10  # the peers are there
    for name, figure in figures.items():
        assert finer_than_shown(figure) == [], name
    # The CSV of every chart: one decimal at most (French: decimal comma). The territory
    # block holds published public figures, not peers' (and nothing without indicator tables).
    for chart in ids.BENCH_CHARTS:
        if chart == ids.BENCH_TERRITORY:
            continue
        download = client.call(
            f"{chart.download}.data", {**BENCH_VALUES, f"{chart.csv_button}.n_clicks": 1}
        )
        text = download[f"{chart.download}.data"]["content"].lstrip("\ufeff")
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row[1:]]
        numbers = [c for c in cells if re.fullmatch(r"-?\d+(,\d+)?", c)]
        assert numbers, chart.name
        assert all(len(c.partition(",")[2]) <= 1 for c in numbers), (chart.name, numbers[:5])


def test_overview_distribution_leaves_rounded_as_shown(client: DashClient) -> None:
    filters = {
        f"{ids.EDITION}.value": 2022,
        f"{ids.CATEGORIES}.value": [],
        f"{ids.CHANNELS}.value": [],
        f"{ids.REGION}.value": None,
        f"{ids.LANG_STORE}.data": "fr",
    }
    page = client.call(f"{ids.SUBTITLE}.children", filters)
    figure = page[f"{ids.DISTRIBUTION.graph}.figure"]
    dots = [t for t in figure["data"] if t["type"] == "scatter"]
    assert sum(len(_numbers(t["x"])) for t in dots) > 100
    for trace in figure["data"]:
        for key in ("x", "q1", "median", "q3", "lowerfence", "upperfence"):
            fine = [n for n in _numbers(trace.get(key)) if abs(n * 10 - round(n * 10)) > 1e-6]
            assert fine == [], (trace["type"], key, fine[:3])
