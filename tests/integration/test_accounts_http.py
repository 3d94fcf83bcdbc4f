"""Accounts over HTTP, with the accounts and the audit log in SQLite and in a real PostgreSQL
(issue 14, points 1, 3, 4, 5, 6, 7): signing in and out, a password change ending the other
sessions, failed logins rate-limited per account and logged, the admin pages for admins only,
uploads refused before a byte is kept, a version reactivated, and each of these in the audit
log with who, when, from where and what."""

from __future__ import annotations

import copy as copy_module
import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.accounts import audit
from dashboard.accounts.db import database_url, engine_for
from dashboard.intake.store import DatasetStore
from layouts import ids
from tests.dash_client import DashClient, sign_in
from tests.postgres import PostgresServer
from tests.servers import PASSWORD, add_account, import_with_cli, running_app

pytestmark = pytest.mark.slow


@dataclass
class Served:
    base: str
    data: Path
    env: dict[str, str]
    log: Path

    def audit(self, action: str | None = None) -> list[audit.Entry]:
        engine = engine_for(database_url(self.data, self.env))
        return audit.entries(engine, action=action)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    small_dataset: Path,
) -> Iterator[Served]:
    work = tmp_path_factory.mktemp(f"accounts-{request.param}")
    data = work / "data"
    env: dict[str, str] = {}
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres")
        env["DASHBOARD_DATABASE_URL"] = server.new_database()
    for login, role, structures in (("ada", "admin", []), ("carl", "consultant", []),
                                    ("mia", "manager", ["W-STRASBOURG"])):  # fmt: skip
        add_account(data, login, role, structures, **env)
    import_with_cli(data, small_dataset, **env)
    log = work / "server.log"
    with running_app(data, workers=1, gunicorn_args=["--threads", "4"], log_path=log,
                     **env) as base:  # fmt: skip
        yield Served(base, data, env, log)


def _open(opener: urllib.request.OpenerDirector, url: str, form: dict[str, str] | None = None
          ) -> tuple[int, str, str]:  # fmt: skip
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=60) as response:
            return response.status, response.url, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode()


def _token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token"
    return found.group(1)


def _anonymous() -> urllib.request.OpenerDirector:
    import http.cookiejar

    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
    )


def test_logins_succeed_and_fail_and_are_audited(served: Served) -> None:
    opener = _anonymous()
    _, _, form = _open(opener, served.base + "/login")
    status, _, html = _open(
        opener,
        served.base + "/login",
        {"csrf_token": _token(form), "username": "carl", "password": "wrong password!"},
    )
    assert status == 200 and "Identifiant ou mot de passe incorrect." in html
    sign_in(served.base, "carl", PASSWORD)
    lines = served.audit("login")
    assert [(e.actor, e.outcome) for e in lines[:2]] == [("carl", "ok"), ("carl", "failed")]
    assert lines[0].address == "127.0.0.1" and lines[0].at is not None
    assert "login failed for 'carl' from 127.0.0.1" in served.log.read_text("utf-8")


def test_a_login_form_without_its_token_is_refused(served: Served) -> None:
    status, _, html = _open(
        _anonymous(), served.base + "/login", {"username": "ada", "password": PASSWORD}
    )
    assert status == 400 and "Le formulaire a expiré" in html


def test_failed_logins_are_rate_limited_per_account(served: Served) -> None:
    """Five failures for one account: the sixth try is refused (429) even with the right
    password, and logged; another account is not affected."""
    add_account(served.data, "rita", "consultant", **served.env)
    opener = _anonymous()
    statuses = []
    for attempt in range(6):
        _, _, form = _open(opener, served.base + "/login")
        password = PASSWORD if attempt == 5 else f"wrong {attempt} password"
        status, _, html = _open(
            opener,
            served.base + "/login",
            {"csrf_token": _token(form), "username": "rita", "password": password},
        )
        statuses.append(status)
    assert statuses == [200] * 5 + [429]
    assert "essais infructueux" in html
    refused = [e for e in served.audit("login") if e.outcome == "refused"]
    assert refused and refused[0].target == "rita" and refused[0].detail == "rate limited"
    sign_in(served.base, "ada", PASSWORD)  # another account signs in as usual


def test_parallel_failed_logins_cannot_pass_the_limit_together(served: Served) -> None:
    """Twelve wrong passwords for one account sent at once to a threaded server: five are
    checked (the limit), the seven others refused (429) before any password check."""
    add_account(served.data, "tess", "consultant", **served.env)
    forms = []
    for _ in range(12):
        opener = _anonymous()
        _, _, form = _open(opener, served.base + "/login")
        forms.append((opener, _token(form)))
    start = threading.Barrier(len(forms))

    def attempt(pair: tuple[urllib.request.OpenerDirector, str]) -> int:
        opener, token = pair
        start.wait()
        fields = {"csrf_token": token, "username": "tess", "password": "not it at all"}
        return _open(opener, served.base + "/login", fields)[0]

    with ThreadPoolExecutor(len(forms)) as pool:
        statuses = sorted(pool.map(attempt, forms))
    assert statuses == [200] * 5 + [429] * 7
    failed = [e for e in served.audit("login") if e.target == "tess" and e.outcome == "failed"]
    assert len(failed) == 5


def test_sign_out_and_password_change_end_sessions(served: Served) -> None:
    add_account(served.data, "pat", "consultant", **served.env)
    first = sign_in(served.base, "pat", PASSWORD)
    second = sign_in(served.base, "pat", PASSWORD)
    _, _, page = _open(second, served.base + "/account/password")
    status, _, html = _open(
        second,
        served.base + "/account/password",
        {"csrf_token": _token(page), "current": PASSWORD, "new": "a brand new password",
         "confirm": "a brand new password"},
    )  # fmt: skip
    assert status == 200 and "Mot de passe changé" in html
    # The other session ends; this one goes on.
    assert _open(first, served.base + "/_dash-layout")[0] == 401
    assert _open(second, served.base + "/_dash-layout")[0] == 200
    sign_in(served.base, "pat", "a brand new password")
    # Signing out: a POST with the session's token.
    _, _, html = _open(second, served.base + "/account/password")
    # A copy of the session's cookie, taken before signing out (another browser, a thief).
    jar = http.cookiejar.CookieJar()
    for handler in second.handlers:
        if isinstance(handler, urllib.request.HTTPCookieProcessor):
            for cookie in handler.cookiejar:
                jar.set_cookie(copy_module.copy(cookie))
    copy = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(jar)
    )
    assert _open(copy, served.base + "/_dash-layout")[0] == 200
    status, url, _ = _open(second, served.base + "/logout", {"csrf_token": _token(html)})
    assert "/login" in url
    assert _open(second, served.base + "/_dash-layout")[0] == 401
    assert _open(copy, served.base + "/_dash-layout")[0] == 401
    actions = [(e.action, e.actor) for e in served.audit()[:3]]
    assert ("logout", "pat") in actions and ("password", "pat") in actions


def test_guessing_the_current_password_is_limited(served: Served) -> None:
    """A session left open does not let anyone try passwords without end: the current
    password's check counts its failures as logging in does (5 in 5 minutes)."""
    add_account(served.data, "gus", "consultant", **served.env)
    session = sign_in(served.base, "gus", PASSWORD)
    statuses = []
    for _ in range(7):
        _, _, page = _open(session, served.base + "/account/password")
        status, _, _ = _open(
            session,
            served.base + "/account/password",
            {"csrf_token": _token(page), "current": "not it at all", "new": "x" * 12,
             "confirm": "x" * 12},
        )  # fmt: skip
        statuses.append(status)
    assert statuses[:5] == [400] * 5 and statuses[5:] == [429, 429]


@pytest.mark.parametrize("path", ["/admin/users", "/admin/versions", "/admin/audit"])
def test_admin_pages_are_for_admins(served: Served, path: str) -> None:
    for login in ("carl", "mia"):
        assert _open(sign_in(served.base, login, PASSWORD), served.base + path)[0] == 403
    assert _open(_anonymous(), served.base + path)[1].split("?")[0].endswith("/login")
    status, _, html = _open(sign_in(served.base, "ada", PASSWORD), served.base + path)
    assert status == 200 and "<h1" in html
    # The navbar of the Dash pages: the page links and the account's panel with sign-out.
    assert 'href="/benchmark"' in html and 'href="/territoires"' in html
    assert 'id="account-name"' in html and "ada (administrateur)" in html
    assert 'action="/logout"' in html and 'id="logout-button"' in html
    assert '<script src="/assets/disclosure.js" defer>' in html
    _, _, login_page = _open(_anonymous(), served.base + "/login")
    assert 'href="/benchmark"' not in login_page and "logout-button" not in login_page


def test_an_admin_adds_and_removes_an_account_in_the_page(served: Served) -> None:
    admin = sign_in(served.base, "ada", PASSWORD)
    _, _, page = _open(admin, served.base + "/admin/users")
    status, _, html = _open(
        admin,
        served.base + "/admin/users",
        {"csrf_token": _token(page), "action": "add", "login": "<b>x</b>", "role": "admin",
         "password": PASSWORD},
    )  # fmt: skip
    assert status == 400 and "Identifiant refusé" in html and "<b>x</b>" not in html
    status, _, html = _open(
        admin,
        served.base + "/admin/users",
        {"csrf_token": _token(page), "action": "add", "login": "lea", "role": "manager",
         "structures": "NOPE", "password": PASSWORD},
    )  # fmt: skip
    assert status == 400 and "Structure inconnue" in html
    imported = DatasetStore(served.data).active()
    own = str(imported.structures["structure_id"].iloc[0])
    status, _, html = _open(
        admin,
        served.base + "/admin/users",
        {"csrf_token": _token(page), "action": "add", "login": "lea", "role": "manager",
         "structures": own, "password": PASSWORD},
    )  # fmt: skip
    assert status == 200 and "Compte lea créé." in html
    lea = DashClient(served.base, "lea", PASSWORD)
    answer = lea.call(
        f"{ids.BENCH_STRUCTURE}.options",
        {f"{ids.BENCH_SEARCH}.value": "a", f"{ids.LANG_STORE}.data": "fr"},
    )
    assert {o["value"] for o in answer.get(f"{ids.BENCH_STRUCTURE}.options", [])} <= {own}
    # Removing is for good: without its confirmation box, nothing is removed.
    change = {"csrf_token": _token(html), "action": "change", "op": "remove", "login": "lea"}
    status, _, html = _open(admin, served.base + "/admin/users", change)
    assert status == 400 and "a été supprimé" in html and "cochez" in html
    assert DashClient(served.base, "lea", PASSWORD)  # still signs in
    change = {**change, "csrf_token": _token(html), "confirm_remove": "yes"}
    status, _, html = _open(admin, served.base + "/admin/users", change)
    assert status == 200 and "Compte lea supprimé." in html
    with pytest.raises(AssertionError):
        sign_in(served.base, "lea", PASSWORD)
    adds = [e for e in served.audit("user.add") if e.target == "lea"]
    assert adds and adds[0].actor == "ada" and "role=manager" in adds[0].detail
    assert [e.actor for e in served.audit("user.remove") if e.target == "lea"] == ["ada"]


def _multipart(fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = "----barometre-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())  # fmt: skip
    for filename, content in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _upload(opener: urllib.request.OpenerDirector, base: str, body: bytes, ctype: str,
            length: int | None = None) -> tuple[int, str]:  # fmt: skip
    headers = {"Content-Type": ctype}
    request = urllib.request.Request(base + "/data/upload", data=body, headers=headers)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.url
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_uploads_are_refused_before_anything_is_kept(served: Served, small_dataset: Path) -> None:
    uploads = served.data / "uploads"
    before = sorted(uploads.iterdir()) if uploads.exists() else []
    version = DatasetStore(served.data).active_version()
    content = (small_dataset / "tests.csv").read_bytes()
    body, ctype = _multipart({"kind": "dataset"}, [("tests.csv", content)])
    # Not an admin: 403 before the body is read.
    assert _upload(sign_in(served.base, "carl", PASSWORD), served.base, body, ctype)[0] == 403
    admin = sign_in(served.base, "ada", PASSWORD)
    # No CSRF token, a type not read, a pair that is not one: back to « Données », nothing kept.
    _status, url = _upload(admin, served.base, body, ctype)
    assert "upload_error=form_expired" in url
    layout = DashClient(served.base, "ada", PASSWORD)
    page = json.dumps(layout.call(f"{ids.PAGE}.children", {f"{ids.URL}.pathname": "/data"}))
    csrf = re.search(r'"value": "([\w.-]+)"[^}]*"name": "csrf_token"', page)
    assert csrf, "the import form carries a CSRF token"
    for files, code in (
        ([("evil.exe", b"MZ")], "bad_type"),
        ([("a.csv", content), ("b.csv", content)], "bad_pair"),
        ([], "no_file"),
    ):
        body, ctype = _multipart({"kind": "dataset", "csrf_token": csrf.group(1)}, files)
        _, url = _upload(layout.opener, served.base, body, ctype)
        assert f"upload_error={code}" in url, (files, url)
    # Over 200 MB (as the request announces it): answered before the body is read.
    assert _announced_too_large(served.base, layout) == 303
    after = sorted(uploads.iterdir()) if uploads.exists() else []
    assert after == before
    assert DatasetStore(served.data).active_version() == version
    refused = [e.detail for e in served.audit("upload") if e.outcome == "refused"]
    assert {"not allowed", "no valid CSRF token", "bad_type", "bad_pair"} <= set(refused)


def _announced_too_large(base: str, client: DashClient) -> int:
    """Send only the headers of a 250 MB upload (with the session's cookie); the status the
    server answers without waiting for the body."""
    import socket
    from http.cookiejar import CookieJar

    jar = next(
        h.cookiejar
        for h in client.opener.handlers
        if isinstance(h, urllib.request.HTTPCookieProcessor)
    )
    assert isinstance(jar, CookieJar)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    host, port = base.removeprefix("http://").split(":")
    head = (
        f"POST /data/upload HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {250 * 1024 * 1024}\r\nConnection: close\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head.encode() + b"--x\r\n")
        status_line = sock.makefile("rb").readline().decode()
    return int(status_line.split()[1])


def test_a_stored_version_is_reactivated_from_the_admin_page(
    served: Served, small_dataset: Path, tmp_path: Path
) -> None:
    store = DatasetStore(served.data)
    first = store.active_version()
    import_with_cli(served.data, _changed_copy(small_dataset, tmp_path), **served.env)
    second = store.active_version()
    assert first and second and first != second
    admin = sign_in(served.base, "ada", PASSWORD)
    _, _, page = _open(admin, served.base + "/admin/versions")
    assert first in page and second in page
    status, _, html = _open(admin, served.base + "/admin/versions",
                            {"csrf_token": _token(page), "version": first})  # fmt: skip
    assert status == 200 and f"La version active est désormais {first}" in html
    assert store.active_version() == first
    status, _, html = _open(admin, served.base + "/admin/versions",
                            {"csrf_token": _token(page), "version": "../../etc"})  # fmt: skip
    assert status == 400 and store.active_version() == first
    lines = served.audit("activate")
    assert (lines[0].outcome, lines[1].outcome) == ("refused", "ok")
    assert lines[1].target == first and lines[1].actor == "ada"
    imports = served.audit("import")
    assert imports and imports[0].actor.startswith("cli") and imports[0].target == second


def _changed_copy(folder: Path, tmp_path: Path) -> Path:
    """The small dataset with one score changed: another version."""
    import shutil

    copy = tmp_path / "changed"
    shutil.copytree(folder, copy)
    lines = (copy / "tests.csv").read_text("utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    position = header.index("score")
    cells[position] = "12.5" if cells[position] != "12.5" else "13.5"
    lines[1] = ",".join(cells)
    (copy / "tests.csv").write_text("\n".join(lines) + "\n", "utf-8")
    return copy
