"""Run-time settings of the app, read from the environment (README: configuration)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from dashboard.intake.store import DATA_DIR_ENV, default_data_dir
from dashboard.intake.uploads import VALIDATION_SECONDS

CACHE_TYPES: Final[tuple[str, ...]] = ("SimpleCache", "FileSystemCache", "RedisCache", "NullCache")


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "oui", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment, with safe defaults."""

    data_dir: Path = field(default_factory=default_data_dir)
    cache_type: str = "SimpleCache"
    cache_redis_url: str | None = None
    cache_dir: Path | None = None
    cache_timeout: int = 3600
    # Accounts (issue 14): DASHBOARD_DATABASE_URL (else SQLite in data_dir), and whether the
    # app is reached over HTTPS (DASHBOARD_HTTPS=1: Secure cookies, HSTS).
    database_url: str | None = None
    https: bool = False
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    # Benchmarks only: a callback that does nothing, whose latency is the server's floor.
    noop_callback: bool = False
    # How many proxies in front set X-Forwarded-For / -Proto (DASHBOARD_TRUSTED_PROXIES): the
    # client's address (login limits, audit log) is then the one they forwarded. 0: none
    # trusted, the address is the connection's.
    trusted_proxies: int = 0
    # The longest an upload's check may take (DASHBOARD_UPLOAD_CHECK_SECONDS), in seconds.
    upload_check_seconds: float = VALIDATION_SECONDS

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Settings from DASHBOARD_* variables (and HOST, PORT), defaults elsewhere."""
        env = dict(os.environ) if environ is None else environ
        cache_type = env.get("DASHBOARD_CACHE_TYPE", "SimpleCache")
        if cache_type not in CACHE_TYPES:
            raise ValueError(f"DASHBOARD_CACHE_TYPE must be one of {', '.join(CACHE_TYPES)}")
        data_dir = Path(env[DATA_DIR_ENV]) if env.get(DATA_DIR_ENV) else default_data_dir()
        cache_dir = env.get("DASHBOARD_CACHE_DIR")
        return cls(
            data_dir=data_dir,
            cache_type=cache_type,
            cache_redis_url=env.get("DASHBOARD_CACHE_REDIS_URL") or None,
            cache_dir=Path(cache_dir) if cache_dir else None,
            cache_timeout=int(env.get("DASHBOARD_CACHE_TIMEOUT", "3600")),
            database_url=env.get("DASHBOARD_DATABASE_URL") or None,
            https=_flag(env.get("DASHBOARD_HTTPS")),
            host=env.get("HOST", "127.0.0.1"),
            port=int(env.get("PORT", "8050")),
            debug=_flag(env.get("DASHBOARD_DEBUG")),
            noop_callback=_flag(env.get("DASHBOARD_NOOP_CALLBACK")),
            trusted_proxies=int(env.get("DASHBOARD_TRUSTED_PROXIES", "0")),
            upload_check_seconds=float(
                env.get("DASHBOARD_UPLOAD_CHECK_SECONDS", str(VALIDATION_SECONDS))
            ),
        )
