"""The "see as table" alternatives over HTTP: built the first time one is opened, kept up to
date while the filters change, and never sent for tables nobody opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from layouts import ids
from tests.dash_client import DashClient
from tests.servers import running_app

HEATMAP, TREND = ids.HEATMAP, ids.TREND
FILTERS = {
    f"{ids.EDITION}.value": 2022,
    f"{ids.CATEGORIES}.value": [],
    f"{ids.CHANNELS}.value": [],
    f"{ids.REGION}.value": None,
    f"{ids.LANG_STORE}.data": "fr",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashClient]:
    with running_app(Path(tmp_path_factory.mktemp("data"))) as base:
        yield DashClient(base)


def _tables(client: DashClient, clicks: dict[ids.ChartIds, int], changed: list[str]) -> dict:
    values = {**FILTERS, **{f"{c.summary}.n_clicks": n for c, n in clicks.items()}}
    return client.call(f"{HEATMAP.table}.children", values, changed)


def test_a_table_is_built_when_first_opened_only(client: DashClient) -> None:
    opened = _tables(client, {HEATMAP: 1}, [f"{HEATMAP.summary}.n_clicks"])
    assert list(opened) == [f"{HEATMAP.table}.children"]  # the others are left alone
    assert "<table" in str(opened) and "Villes de plus de 50" in str(opened)
    # Closing it (a second click) or reopening it sends nothing: it is already up to date.
    for n in (2, 3):
        assert _tables(client, {HEATMAP: n}, [f"{HEATMAP.summary}.n_clicks"]) == {}


def test_open_tables_follow_the_filters_and_unopened_ones_cost_nothing(
    client: DashClient,
) -> None:
    changed = [f"{ids.EDITION}.value"]
    answer = _tables(client, {HEATMAP: 2, TREND: 0}, changed)
    assert list(answer) == [f"{HEATMAP.table}.children"]
    nothing_opened = _tables(client, {}, changed)
    assert nothing_opened == {}
