"""The app with RedisCache when Redis fails (issue 11, fault 6): a real redis-server, frozen
with SIGSTOP, then killed. Pages still answer, with their content; the circuit breaker opens
on the first failure with one warning line (no traceback), and while it is open no request
touches Redis (so none waits for its socket). The app runs in this process, behind a real
HTTP server on 127.0.0.1, so that the test can read the breaker's state."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard.cache import ResilientRedisCache
from dashboard.settings import Settings
from devtools.serving import Redis, free_port, running_redis
from layouts import ids
from tests.dash_client import DashClient, get_text

SUBTITLE = f"{ids.SUBTITLE}.children"


@dataclass
class Served:
    client: DashClient
    backend: ResilientRedisCache
    redis: Redis


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    from app import SERVICES_EXTENSION, create_app

    with running_redis() as redis_server:
        settings = Settings(
            data_dir=tmp_path / "data", cache_type="RedisCache", cache_redis_url=redis_server.url
        )
        app = create_app(settings)
        services = app.server.extensions[SERVICES_EXTENSION]
        with app.server.app_context():
            backend = services.cache.cache
        assert isinstance(backend, ResilientRedisCache)
        port = free_port()
        http = make_server("127.0.0.1", port, app.server, threaded=True)
        thread = threading.Thread(target=http.serve_forever, daemon=True)
        thread.start()
        try:
            yield Served(DashClient(f"http://127.0.0.1:{port}"), backend, redis_server)
        finally:
            http.shutdown()
            thread.join()
            if redis_server.process is not None and redis_server.process.poll() is None:
                redis_server.process.send_signal(signal.SIGCONT)


def overview(served: Served, edition: int, lang: str = "en") -> str:
    """The overview's subtitle for `edition`, through the page's callback over HTTP."""
    values = {f"{ids.EDITION}.value": edition, f"{ids.LANG_STORE}.data": lang}
    return str(served.client.call(SUBTITLE, values)[SUBTITLE])


def cache_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("dashboard.cache", "flask_caching"))]


def test_pages_answer_while_redis_is_frozen_then_killed(
    served: Served, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    breaker, process = served.backend.breaker, served.redis.process
    assert process is not None
    # Healthy: answers are cached in Redis.
    assert "2022 edition: 311 structures audited" in overview(served, 2022)
    assert served.redis.keys() > 0
    assert not breaker.is_open and breaker.trips == 0

    os.kill(process.pid, signal.SIGSTOP)  # frozen: connections hang, nothing is refused
    assert "2022 edition: 311 structures audited" in overview(served, 2022)  # was cached
    assert breaker.is_open and breaker.trips == 1
    for edition in (2021, 2020, 2019):
        assert f"{edition} edition:" in overview(served, edition)
    assert "<title>" in get_text(served.client.base + "/data")
    # The later requests skipped Redis: no new failure, so no socket wait.
    assert breaker.is_open and breaker.trips == 1
    warnings = [r for r in cache_records(caplog) if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "Redis cache unavailable" in warnings[0].getMessage()
    assert all(r.exc_info is None for r in cache_records(caplog))  # no traceback

    process.kill()  # killed while frozen: now connections are refused
    process.wait(timeout=30)
    # The breaker's time is up (its clock moved on, not this test's): Redis is tried again.
    breaker.clock = lambda: time.monotonic() + 2 * breaker.open_for
    assert not breaker.is_open
    assert "2018 edition:" in overview(served, 2018)
    assert breaker.is_open and breaker.trips == 2
    assert "Édition 2017" in overview(served, 2017, "fr")
    assert breaker.trips == 2
    records = cache_records(caplog)
    assert len([r for r in records if r.levelno >= logging.WARNING]) == 2
    assert all(r.exc_info is None for r in records)
    assert not [r for r in caplog.records if r.exc_info is not None]
