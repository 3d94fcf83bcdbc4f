"""After an import by another process, no answer of the app shows the old data, whatever the
cache backend; with two gunicorn workers sharing Redis, both see the same answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dash_client import DashClient
from tests.servers import import_with_cli, running_app, running_redis

SUBTITLE = "overview-subtitle.children"
VALUES = {"overview-edition.value": 2022, "lang-store.data": "en"}


@pytest.fixture(params=["SimpleCache", "FileSystemCache", "RedisCache"])
def cache_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    kind = request.param
    if kind == "RedisCache":
        with running_redis() as url:
            yield {"DASHBOARD_CACHE_TYPE": kind, "DASHBOARD_CACHE_REDIS_URL": url}
    elif kind == "FileSystemCache":
        yield {"DASHBOARD_CACHE_TYPE": kind, "DASHBOARD_CACHE_DIR": str(tmp_path / "cache")}
    else:
        yield {"DASHBOARD_CACHE_TYPE": kind}


def test_import_by_another_process_is_seen_at_once(
    cache_env: dict[str, str], small_dataset: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    workers = 0 if cache_env["DASHBOARD_CACHE_TYPE"] == "SimpleCache" else 2
    with running_app(data_dir, workers=workers, **cache_env) as base:
        client = DashClient(base)
        before = {client.call(SUBTITLE, VALUES)[SUBTITLE] for _ in range(6)}
        assert len(before) == 1  # every worker agrees
        assert "311 structures audited" in before.pop()
        import_with_cli(data_dir, small_dataset)
        after = {client.call(SUBTITLE, VALUES)[SUBTITLE] for _ in range(6)}
        assert len(after) == 1
        assert "12 structures audited" in after.pop()
