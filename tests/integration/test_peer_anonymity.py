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
DRAWN = [chart for chart in ids.BENCH_CHARTS if chart.drawn]
# The view switches of issue 16: every peer's rank interval, where to act over the channels.
HONEST_VIEWS = {f"{ids.BENCH_INTERVALS}.value": ["1"], f"{ids.BENCH_ACT_VIEW}.value": "channel"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashClient]:
    with running_app(Path(tmp_path_factory.mktemp("data"))) as base:
        yield DashClient(base)


def _leaks(demo: Dataset, text: str) -> list[str]:
    others = demo.structures[demo.structures["structure_id"] != OWN]
    needles = [*others["name"], *[json.dumps(str(i)) for i in others["structure_id"]]]
    return [needle for needle in needles if needle in text]


@pytest.mark.parametrize(
    ("peers", "views"),
    [("category", {}), ("category_region", {}), ("category_population", {}),
     ("category", HONEST_VIEWS), ("category_region", HONEST_VIEWS)],
)  # fmt: skip
def test_page_responses_carry_no_peer_identity(
    client: DashClient, demo: Dataset, peers: str, views: dict[str, Any]
) -> None:
    values = {
        f"{ids.BENCH_STRUCTURE}.value": OWN,
        f"{ids.BENCH_EDITION}.value": 2022,
        f"{ids.BENCH_PEERS}.value": peers,
        f"{ids.BENCH_CHANNEL}.value": "phone",
        f"{ids.LANG_STORE}.data": "fr",
        **views,
    }
    page = client.call(f"{ids.BENCH_HEADLINE}.children", values)
    text = json.dumps(page, ensure_ascii=False)
    assert "Pair 2" in text  # peers are there, under anonymous labels
    assert _leaks(demo, text) == []
    # Every "see as table" alternative, opened.
    opened = {f"{chart.summary}.n_clicks": 1 for chart in ids.BENCH_CHARTS}
    tables = client.call(f"{ids.BENCH_DISTRIBUTION.table}.children", {**values, **opened})
    text = json.dumps(tables, ensure_ascii=False)
    assert len(tables) == len(DRAWN) and "Pair 2" in text
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


def finer_than_shown(figure: dict[str, Any], shown: dict[str, int] | None = None) -> list[float]:
    """The numbers of a figure's traces (their arrays: x, y, customdata, a box's statistics)
    with more decimals than shown: one, unless `shown` says otherwise for a key (the
    importance of where to act first is a correlation shown with two)."""
    found = []
    for trace in figure["data"]:
        for key, value in trace.items():
            if isinstance(value, list) or (isinstance(value, dict) and "bdata" in value):
                scale = 10 ** (shown or {}).get(key, 1)
                found += [n for n in _numbers(value) if abs(n * scale - round(n * scale)) > 1e-6]
    return found


# The numbers each figure shows with more than one decimal, by key of its traces.
SHOWN_DECIMALS = {f"{ids.BENCH_ACT.graph}.figure": {"y": 2}}


def test_exact_values_are_caught_by_the_check(demo: Dataset) -> None:
    """Named mode keeps exact values: the check below would see them."""
    state = BenchmarkState(OWN, 2022)
    named = benchmark_payload(demo, state, named=True)
    assert named is not None
    assert finer_than_shown(named.charts[ids.BENCH_DISTRIBUTION.name].figure)
    anonymous = benchmark_payload(demo, state, named=False)
    assert anonymous is not None
    for spec in anonymous.charts:
        if kind_of(anonymous.charts[spec].figure) != GRAPH:
            continue  # the territory block is HTML: public figures only
        shown = SHOWN_DECIMALS.get(f"{spec}-graph.figure")
        assert finer_than_shown(anonymous.charts[spec].figure, shown) == [], spec


@pytest.mark.parametrize("views", [{}, HONEST_VIEWS], ids=["default", "intervals-channels"])
def test_peer_values_leave_rounded_as_shown(client: DashClient, views: dict[str, Any]) -> None:
    values = {**BENCH_VALUES, **views}
    page = client.call(f"{ids.BENCH_HEADLINE}.children", values)
    figures = {k: v for k, v in page.items() if k.endswith(".figure")}
    assert len(figures) == len([chart for chart in DRAWN if chart.plotted])
    strip = figures[f"{ids.BENCH_DISTRIBUTION.graph}.figure"]
    peers = [n for trace in strip["data"] for n in _numbers(trace.get("x"))]
    assert len(peers) > 10  # the peers are there
    for name, figure in figures.items():
        assert finer_than_shown(figure, SHOWN_DECIMALS.get(name)) == [], name
    # The CSV of every chart: one decimal at most (two for the importance, a correlation;
    # French: decimal comma). The territory block holds published public figures, not peers'
    # (and nothing without indicator tables).
    for chart in ids.BENCH_CHARTS:
        if chart == ids.BENCH_TERRITORY:
            continue
        download = client.call(
            f"{chart.download}.data", {**values, f"{chart.csv_button}.n_clicks": 1}
        )
        text = download[f"{chart.download}.data"]["content"].lstrip("\ufeff")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        decimals = [2 if header.startswith("Importance") else 1 for header in rows[0]]
        cells = [(c, decimals[i]) for row in rows[1:] for i, c in enumerate(row) if i]
        numbers = [(c, d) for c, d in cells if re.fullmatch(r"-?\d+(,\d+)?", c)]
        assert numbers, chart.name
        assert all(len(c.partition(",")[2]) <= d for c, d in numbers), (chart.name, numbers[:5])


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
