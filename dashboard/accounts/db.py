"""The accounts database: where it is, its tables, its migrations.

- `database_url(data_dir, environ)`: DASHBOARD_DATABASE_URL (PostgreSQL for several machines:
  `postgresql://user:password@host/db`, driven by psycopg 3), else SQLite in the data
  directory (`accounts.sqlite3`, beside the datasets: the instance folder by default).
- `engine_for(url)`: one engine per URL and process, the schema migrated to the latest
  revision (Alembic, `dashboard/accounts/migrations/`) on first use, under a lock (an flock
  beside a SQLite file; an advisory lock on PostgreSQL) so that workers starting together do
  not migrate twice.
- The tables: `users` (login, role, bound structures, Argon2id hash, session epoch) and
  `audit` (when, who, from where, what, outcome).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import DateTime, Engine, Integer, String, Text, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DATABASE_URL_ENV: Final = "DASHBOARD_DATABASE_URL"
SQLITE_FILE: Final = "accounts.sqlite3"
MIGRATIONS: Final = Path(__file__).resolve().parent / "migrations"
_ADVISORY_LOCK_KEY: Final = 0x6261726F  # "baro": one migration at a time on PostgreSQL
LOGIN_MAX: Final = 64
ROLE_MAX: Final = 16


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    """An account. `structures`: a manager's structure ids, one a line (empty otherwise).
    `session_epoch` grows on every password change: older sessions stop being valid."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(LOGIN_MAX), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(String(ROLE_MAX), nullable=False)
    structures: Mapped[str] = mapped_column(Text, nullable=False, default="")
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    session_epoch: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """One line of the audit log: `at` (UTC), `actor` (a login, `cli:<os user>`, or the login
    a failed attempt named), `address` (the client's IP, or `cli`), `action` (see
    dashboard.accounts.audit.ACTIONS), `target` (what it was about: a login, a version, a
    file name), `outcome` (ok, failed, refused) and `detail` (free text)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(128), nullable=False)
    address: Mapped[str] = mapped_column(String(64), nullable=False)
    action: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    target: Mapped[str] = mapped_column(String(256), nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(16), nullable=False)
    detail: Mapped[str] = mapped_column(Text, nullable=False, default="")


def database_url(data_dir: Path, environ: dict[str, str] | None = None) -> str:
    """DASHBOARD_DATABASE_URL, else SQLite in `data_dir`."""
    env = os.environ if environ is None else environ
    configured = (env.get(DATABASE_URL_ENV) or "").strip()
    if configured:
        return normalise_url(configured)
    return f"sqlite:///{Path(data_dir).resolve() / SQLITE_FILE}"


def normalise_url(url: str) -> str:
    """A PostgreSQL URL driven by psycopg 3 (`postgresql://` would name psycopg2)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    # WAL: readers (every request of every worker) never wait for a writer (a login).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migration at a time across processes (and, on PostgreSQL, machines)."""
    if engine.dialect.name == "sqlite":
        database = engine.url.database or ""
        lock_path = Path(database).with_name(Path(database).name + ".migrate-lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _ADVISORY_LOCK_KEY})
            connection.commit()


def migrate(engine: Engine) -> None:
    """Bring the schema to Alembic's latest revision (creating it on an empty database)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    """The engine of `url` in this process, its schema migrated (once per process)."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is not None:
            return engine
        if url.startswith("sqlite"):
            database = make_url(url).database
            if database:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 15})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
        migrate(engine)
        _engines[url] = engine
        return engine


def forget_engines() -> None:
    """Dispose of this process's engines (tests, and after a fork)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
