"""Peer anonymity over the wire: in anonymous mode, no response of the "My structure" page
carries another structure's name or id together with figures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.model import Dataset
from layouts import ids
from tests.dash_client import DashClient
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
    assert len(tables) == 4 and "Pair 2" in text
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
    assert options and all(set(option) == {"label", "value", "search"} for option in options)
