"""The Redis answer cache, made safe to lose (issue 11, fault 6): short socket timeouts, no
retries, and a circuit breaker that skips Redis for a while after a failure.

Answers in Redis are only a shortcut (README: running past one machine): when Redis is
stopped, frozen or unreachable, every request must still be answered, about as fast as with
no cache. Flask-Caching would otherwise wait for the socket on every call (5 s a request with
a frozen Redis) and log a traceback for every failed get and set. Here the first failure
opens the breaker: one warning line, then for `BREAKER_SECONDS` every cache call returns
"not cached" at once, without touching Redis; after that, the next call tries Redis again
(and opens the breaker again, with one more line, if it still fails).

Used by the app when DASHBOARD_CACHE_TYPE=RedisCache (app.py: `cache_config`).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Final, TypeVar

from flask import Flask
from flask_caching.backends.rediscache import RedisCache

logger = logging.getLogger(__name__)

# Connecting to Redis on a LAN takes a millisecond and an answer a few: these bound the wait
# for one that hangs (frozen, overloaded, a dropped network path).
CONNECT_TIMEOUT_SECONDS: Final = 0.5
SOCKET_TIMEOUT_SECONDS: Final = 1.0
# How long the cache is skipped after a failure.
BREAKER_SECONDS: Final = 30.0
# Config keys of this backend, besides Flask-Caching's own (CACHE_REDIS_URL, ...).
CONFIG_CONNECT_TIMEOUT: Final = "CACHE_REDIS_CONNECT_TIMEOUT"
CONFIG_SOCKET_TIMEOUT: Final = "CACHE_REDIS_SOCKET_TIMEOUT"
CONFIG_BREAKER_SECONDS: Final = "CACHE_REDIS_BREAKER_SECONDS"

T = TypeVar("T")


class CircuitBreaker:
    """Closed (calls go through) until a failure; then open for `open_for` seconds (calls are
    skipped), then closed again until the next failure. `clock` gives seconds (monotonic)."""

    def __init__(
        self, open_for: float = BREAKER_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.open_for = open_for
        self.clock = clock
        self.trips = 0  # how many times it opened
        self._open_until: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether calls are skipped now."""
        until = self._open_until
        return until is not None and self.clock() < until

    def failed(self, error: BaseException) -> None:
        """A call failed: open the breaker, with one warning line (no traceback)."""
        with self._lock:
            if self.is_open:  # another thread's call failed at the same time
                return
            self._open_until = self.clock() + self.open_for
            self.trips += 1
        logger.warning(
            "Redis cache unavailable (%s: %s): answers computed without it for %.0f s",
            type(error).__name__,
            error,
            self.open_for,
        )

    def succeeded(self) -> None:
        """A call went through: close the breaker if it had opened."""
        if self._open_until is not None:
            with self._lock:
                self._open_until = None
            logger.info("Redis cache available again")


class ResilientRedisCache(RedisCache):
    """Flask-Caching's RedisCache whose every call gives up fast and never raises: a Redis
    error opens `breaker`, and the call answers as a cache miss would (get: None; set:
    False; ...)."""

    def __init__(self, *args: Any, breaker: CircuitBreaker | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.breaker = breaker or CircuitBreaker()

    @classmethod
    def factory(
        cls, app: Flask, config: dict[str, Any], args: list[Any], kwargs: dict[str, Any]
    ) -> ResilientRedisCache:
        """The backend from the app's cache config: a client on CACHE_REDIS_URL with short
        timeouts and no retries (a retry would wait the timeout again)."""
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        client = redis.Redis.from_url(
            config.get("CACHE_REDIS_URL") or "redis://127.0.0.1:6379/0",
            socket_connect_timeout=config.get(CONFIG_CONNECT_TIMEOUT, CONNECT_TIMEOUT_SECONDS),
            socket_timeout=config.get(CONFIG_SOCKET_TIMEOUT, SOCKET_TIMEOUT_SECONDS),
            retry=Retry(NoBackoff(), 0),
        )
        breaker = CircuitBreaker(float(config.get(CONFIG_BREAKER_SECONDS, BREAKER_SECONDS)))
        return cls(
            client,
            *args,
            key_prefix=config.get("CACHE_KEY_PREFIX"),
            breaker=breaker,
            **kwargs,
        )

    def _guarded(self, call: Callable[[], T], missed: T) -> T:
        if self.breaker.is_open:
            return missed
        import redis

        try:
            result = call()
        except (redis.RedisError, OSError) as error:
            self.breaker.failed(error)
            return missed
        self.breaker.succeeded()
        return result

    def get(self, key: str) -> Any:
        return self._guarded(lambda: super(ResilientRedisCache, self).get(key), None)

    def get_many(self, *keys: str) -> list[Any]:
        return self._guarded(
            lambda: super(ResilientRedisCache, self).get_many(*keys), [None] * len(keys)
        )

    def set(self, key: str, value: Any, timeout: int | dt.timedelta | None = None) -> Any:
        return self._guarded(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout), False
        )

    def add(self, key: str, value: Any, timeout: int | dt.timedelta | None = None) -> Any:
        return self._guarded(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout), False
        )

    def set_many(
        self, mapping: dict[str, Any], timeout: int | dt.timedelta | None = None
    ) -> list[Any]:
        return self._guarded(
            lambda: super(ResilientRedisCache, self).set_many(mapping, timeout), []
        )

    def delete(self, key: str) -> bool:
        return self._guarded(lambda: super(ResilientRedisCache, self).delete(key), False)

    def delete_many(self, *keys: str) -> list[Any]:
        return self._guarded(lambda: super(ResilientRedisCache, self).delete_many(*keys), [])

    def has(self, key: str) -> bool:
        return self._guarded(lambda: super(ResilientRedisCache, self).has(key), False)

    def clear(self) -> bool:
        return self._guarded(lambda: super(ResilientRedisCache, self).clear(), False)

    def unlink(self, *keys: str) -> Any:
        return self._guarded(lambda: super(ResilientRedisCache, self).unlink(*keys), None)

    def inc(self, key: str, delta: int = 1) -> Any:
        return self._guarded(lambda: super(ResilientRedisCache, self).inc(key, delta), None)

    def dec(self, key: str, delta: int = 1) -> Any:
        return self._guarded(lambda: super(ResilientRedisCache, self).dec(key, delta), None)
