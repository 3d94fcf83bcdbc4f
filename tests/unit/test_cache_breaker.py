"""The circuit breaker of the Redis cache (dashboard/cache.py), on its own: opens on a failure
with one warning line, stays open for its time (a clock the test moves), closes on success.
(tests/integration/test_redis_faults.py: the app with a real redis-server frozen, then killed.)
"""

from __future__ import annotations

import logging

import pytest
from flask import Flask

from dashboard.cache import CircuitBreaker, ResilientRedisCache
from devtools.serving import free_port


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_breaker_opens_once_for_its_time_then_closes(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    breaker = CircuitBreaker(open_for=30, clock=clock)
    assert not breaker.is_open
    with caplog.at_level(logging.INFO, logger="dashboard.cache"):
        breaker.failed(ConnectionError("refused"))
        breaker.failed(ConnectionError("refused"))  # a concurrent failure: no second line
        assert breaker.is_open and breaker.trips == 1
        clock.now += 29.9
        assert breaker.is_open
        clock.now += 0.2
        assert not breaker.is_open  # time is up: the next call tries Redis again
        breaker.succeeded()
        assert not breaker.is_open
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert "refused" in warnings[0].getMessage()


def test_unreachable_redis_is_a_miss_not_an_error(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing listens on the port: every call answers as a miss, Redis is tried once."""
    config = {
        "CACHE_REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "CACHE_KEY_PREFIX": "t:",
    }
    cache = ResilientRedisCache.factory(Flask(__name__), config, [], {"default_timeout": 60})
    calls = 0
    connect = cache._write_client.connection_pool.get_connection

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return connect(*args, **kwargs)

    cache._write_client.connection_pool.get_connection = counted  # type: ignore[method-assign]
    with caplog.at_level(logging.WARNING, logger="dashboard.cache"):
        assert cache.get("a") is None
        assert cache.set("a", 1) is False
        assert cache.get_many("a", "b") == [None, None]
        assert cache.set_many({"a": 1}) == []
        assert cache.has("a") is False
        assert cache.delete("a") is False
    assert calls == 1  # the first call failed and opened the breaker; the others skipped
    assert cache.breaker.trips == 1
    assert len(caplog.records) == 1
