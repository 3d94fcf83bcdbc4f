"""Accounts and the audit log against both databases (issue 14, point 4): SQLite in the data
directory, and a real PostgreSQL server (tests/postgres.py, one cluster for the session).
Migrations run on an empty database, concurrently from two processes, and again (no-op)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from dashboard.accounts import audit
from dashboard.accounts.db import database_url, engine_for, forget_engines, migrate
from dashboard.accounts.users import AccountError, Accounts
from tests.conftest import ROOT
from tests.postgres import PostgresServer
from tests.servers import app_env

PASSWORD = "correct horse battery"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield database_url(tmp_path, {})
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        yield database_url(tmp_path, {"DASHBOARD_DATABASE_URL": server.new_database()})
    forget_engines()


@pytest.fixture
def engine(db_url: str) -> Engine:
    return engine_for(db_url)


def test_the_schema_is_migrated_and_a_second_migration_changes_nothing(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"users", "audit", "alembic_version"} <= tables
    migrate(engine)  # at head already: nothing to do, no error
    assert set(inspect(engine).get_table_names()) == tables


def test_accounts_add_authenticate_change_remove(engine: Engine) -> None:
    accounts = Accounts(engine)
    assert not accounts.any_exist()
    admin = accounts.add("ada", "admin", [], PASSWORD)
    manager = accounts.add("mia", "manager", ["W-STRASBOURG", "S00042"], PASSWORD)
    assert accounts.any_exist() and accounts.count() == 2
    assert [a.login for a in accounts.list()] == ["ada", "mia"]
    assert manager.viewer.structures == {"W-STRASBOURG", "S00042"}
    assert accounts.authenticate("ada", PASSWORD) == admin
    assert accounts.authenticate("ada", PASSWORD + "x") is None
    assert accounts.authenticate("nobody", PASSWORD) is None
    # The hash is Argon2id, never the password.
    from sqlalchemy import text

    with engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in stored)
    # A password change ends the sessions of the account (the epoch in the session id).
    assert accounts.by_session_id(admin.session_id) == admin
    changed = accounts.set_password("ada", "another long password")
    assert accounts.by_session_id(admin.session_id) is None
    assert accounts.by_session_id(changed.session_id) == changed
    assert accounts.authenticate("ada", PASSWORD) is None
    accounts.change("mia", "consultant", [])
    assert accounts.get("mia").role == "consultant"  # type: ignore[union-attr]
    accounts.remove("mia")
    assert accounts.get("mia") is None
    for forged in ("", "x:y", "1:", ":1", "9" * 50 + ":1", "1:0:0"):
        assert accounts.by_session_id(forged) is None


@pytest.mark.parametrize(
    ("login", "role", "structures", "password", "code"),
    [
        ("ada", "root", [], PASSWORD, "bad_role"),
        ("a b", "admin", [], PASSWORD, "bad_login"),
        ("<b>x</b>", "admin", [], PASSWORD, "bad_login"),
        ("x" * 65, "admin", [], PASSWORD, "bad_login"),
        ("mia", "manager", [], PASSWORD, "manager_needs_structure"),
        ("carl", "consultant", ["A"], PASSWORD, "structure_not_for_role"),
        ("carl", "consultant", [], "short", "password_short"),
    ],
)
def test_refused_accounts_change_nothing(
    engine: Engine, login: str, role: str, structures: list[str], password: str, code: str
) -> None:
    accounts = Accounts(engine)
    with pytest.raises(AccountError) as caught:
        accounts.add(login, role, structures, password)
    assert caught.value.code == code
    assert accounts.count() == 0


def test_a_login_is_taken_once(engine: Engine) -> None:
    accounts = Accounts(engine)
    accounts.add("ada", "admin", [], PASSWORD)
    with pytest.raises(AccountError) as caught:
        accounts.add("ada", "consultant", [], PASSWORD)
    assert caught.value.code == "login_taken"


def test_control_characters_never_reach_the_log(engine: Engine) -> None:
    """A forged login's ESC, CR and LF are kept as "?": one entry stays one line, and the
    terminal of `python -m dashboard audit` is never driven by it."""
    audit.record(engine, actor="ev\x1b[2Jil\r\nfake line", address="::1", action="logout",
                 outcome="ok")  # fmt: skip
    found = [e for e in audit.entries(engine) if e.action == "logout"]
    assert found[0].actor == "ev?[2Jil??fake line"


def test_the_audit_log_keeps_who_when_where_what(engine: Engine) -> None:
    audit.record(engine, actor="ada", address="127.0.0.1", action="login", outcome="ok")
    audit.record(
        engine,
        actor="x" * 500,
        address="10.0.0.9",
        action="login",
        outcome="failed",
        detail="wrong password",
    )
    audit.record(
        engine,
        actor="ada",
        address="127.0.0.1",
        action="import",
        outcome="ok",
        target="abc123",
        detail="resultats.zip",
    )
    lines = audit.entries(engine)
    assert [e.action for e in lines] == ["import", "login", "login"]
    assert lines[0].target == "abc123" and lines[0].detail == "resultats.zip"
    assert lines[1].actor == "x" * 128 and lines[1].outcome == "failed"
    assert lines[0].at >= lines[2].at
    assert [e.action for e in audit.entries(engine, action="login")] == ["login", "login"]
    assert len(audit.entries(engine, limit=1)) == 1
    with pytest.raises(ValueError):
        audit.record(engine, actor="a", address="b", action="nope", outcome="ok")


def test_two_processes_migrating_at_once_both_succeed(db_url: str, tmp_path: Path) -> None:
    """Workers starting together: the lock makes one migrate, the other find it done."""
    code = (
        "import sys; from dashboard.accounts.db import engine_for; "
        "from dashboard.accounts.users import Accounts; "
        "print(Accounts(engine_for(sys.argv[1])).count())"
    )
    env = app_env(tmp_path)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code, db_url],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out.strip() == "0"


def _cli(
    data_dir: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=app_env(data_dir, **env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_users_and_audit_from_the_command_line(db_url: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {} if db_url.startswith("sqlite") else {"DASHBOARD_DATABASE_URL": db_url}
    added = _cli(
        data,
        "users",
        "add",
        "ada",
        "--role",
        "admin",
        "--password-stdin",
        "--lang",
        "en",
        stdin=PASSWORD + "\n",
        **env,
    )
    assert added.returncode == 0, added.stderr
    assert "Account ada created (administrator)." in added.stdout
    manager = _cli(
        data,
        "users",
        "add",
        "mia",
        "--role",
        "manager",
        "--structure",
        "A",
        "--structure",
        "B",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        **env,
    )
    assert manager.returncode == 0, manager.stdout + manager.stderr
    listed = _cli(data, "users", "list", "--lang", "en", **env)
    assert "ada (administrator)" in listed.stdout and "mia (manager) A, B" in listed.stdout
    assert "2 accounts." in listed.stdout
    no_stdin = _cli(data, "users", "passwd", "ada", **env)
    assert no_stdin.returncode == 2 and "--password-stdin" in no_stdin.stdout
    short = _cli(data, "users", "passwd", "ada", "--password-stdin", stdin="short\n", **env)
    assert short.returncode == 1 and "10" in short.stdout
    passwd = _cli(
        data, "users", "passwd", "ada", "--password-stdin", stdin="a new long password\n", **env
    )
    assert passwd.returncode == 0
    assert _cli(data, "users", "remove", "nobody", **env).returncode == 1
    assert _cli(data, "users", "remove", "mia", **env).returncode == 0
    log = _cli(data, "audit", **env)
    actions = [line.split("\t")[3] for line in log.stdout.splitlines()]
    assert actions == ["user.remove", "password", "user.add", "user.add"]
    assert all(line.split("\t")[1].startswith("cli") for line in log.stdout.splitlines())
    # The accounts are in the database named, and nowhere else.
    if not db_url.startswith("sqlite"):
        assert not (data / "accounts.sqlite3").exists()
        engine = engine_for(db_url)
        assert [a.login for a in Accounts(engine).list()] == ["ada"]
