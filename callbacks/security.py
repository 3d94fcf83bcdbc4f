"""Sessions, the login gate, the account pages and login rate limits (issue 14); the HTTP
headers are callbacks/headers.py's.

- The session is Flask's signed cookie (`HttpOnly`, `SameSite=Lax`, `Secure` with
  DASHBOARD_HTTPS=1), so any worker of any machine accepts it; it names the account and its
  password's epoch (a password change ends the other sessions). The key is
  DASHBOARD_SECRET_KEY, or one generated once into the data directory (`secret_key`, mode
  0600), which every worker sharing that directory reads (dashboard.accounts.sessions, with
  `safe_next`: where a sign-in may go next).
- **Open mode**: while no account exists, every request is served as today, to the anonymous
  viewer of dashboard.policy. Once one exists, every request needs a session but the static
  files (`STATIC_PREFIXES`) and the login page: a page GET is sent to /login, anything else
  (callbacks, layout, downloads) gets a 401.
- /login (fields `username`, `password`), POST /logout, /account/password: plain forms with a
  CSRF token (Flask-WTF). Failed logins are rate-limited per account and per address
  (Flask-Limiter; in Redis when the cache is Redis, else per process), logged and audited.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Final
from urllib.parse import quote

import flask
from dash import Dash
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, generate_csrf, validate_csrf
from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests
from wtforms import ValidationError

from callbacks.account_menu import account_menu
from callbacks.headers import apply_own_policy
from callbacks.services import AppServices
from dashboard.accounts.cli import account_error_text
from dashboard.accounts.sessions import safe_next, secret_key
from dashboard.accounts.users import PASSWORD_MIN, Account, AccountError
from dashboard.i18n import translate
from dashboard.urlstate import lang_of, with_lang
from layouts import account_pages

LOG = logging.getLogger("barometre.security")
STATIC_PREFIXES: Final = ("/_dash-component-suites/", "/vendor/", "/assets/")
OPEN_PATHS: Final = frozenset({"/login", "/_favicon.ico"})
DASH_PAGE_RULES: Final = frozenset({"/", "/<path:path>"})  # Dash's index page, any path
LOGIN_ROUTE: Final = "/login"
LOGOUT_ROUTE: Final = "/logout"
PASSWORD_ROUTE: Final = "/account/password"
SESSION_COOKIE: Final = "barometre_session"
SESSION_HOURS: Final = 12
# Failed logins (successes do not count): per account, and per client address.
LOGIN_LIMIT_ACCOUNT: Final = "5 per 5 minutes"
LOGIN_LIMIT_ADDRESS: Final = "30 per 10 minutes"
NOT_SIGNED_IN: Final = "not signed in"  # the 401's body and log line (tests look for it)
# A WSGI environ key only the process itself can set (a client's headers become HTTP_*): the
# warm-up reads the index page through it to find the static files to compress.
INTERNAL: Final = "barometre.internal"


class SessionUser(UserMixin):  # type: ignore[misc]
    """Flask-Login's user: an account, named in the session by `id:epoch`."""

    def __init__(self, account: Account) -> None:
        self.account = account

    def get_id(self) -> str:
        return self.account.session_id


def client_address() -> str:
    """The client's address as the audit log and the limiter see it."""
    return (flask.request.remote_addr or "?")[:64]


def _is_static(path: str) -> bool:
    """A static file or the login page: public. A path under a static prefix that only Dash's
    catch-all page route answers (`/_dash-component-suites/x`) is the app's page, not a file:
    it needs a session like any page."""
    if not (path.startswith(STATIC_PREFIXES) or path in OPEN_PATHS):
        return False
    rule = flask.request.url_rule
    return not (rule is not None and rule.rule in DASH_PAGE_RULES and path not in OPEN_PATHS)


def _form_text(name: str, limit: int = 1024) -> str:
    value = flask.request.form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def csrf_ok() -> bool:
    """Whether the posted form carries this session's CSRF token."""
    try:
        validate_csrf(flask.request.form.get("csrf_token", ""))
    except (ValidationError, CSRFError):
        return False
    return True


class LoginAttempts:
    """The per-account limit on logging in (LOGIN_LIMIT_ACCOUNT, moving window), counted
    before the password is checked: `allow(login)` records an attempt and says whether it is
    within the limit in one atomic step of the storage (Redis shared by the workers, or this
    process's memory), so that attempts sent together cannot pass together; `succeeded(login)`
    forgets the account's attempts. Logins are case-sensitive, and so is the count (a
    « Alice » signing in does not forget « alice »'s failures). A storage that fails (Redis
    stopped, or not answering within STORAGE_TIMEOUT_S) falls back to this process's memory
    for STORAGE_RETRY_S rather than lock everyone out or make them wait."""

    STORAGE_TIMEOUT_S: Final = 0.5
    STORAGE_RETRY_S: Final = 30.0

    def __init__(self, storage_uri: str, limit: str = LOGIN_LIMIT_ACCOUNT) -> None:
        self.item = parse(limit)
        options = (
            {
                "socket_timeout": self.STORAGE_TIMEOUT_S,
                "socket_connect_timeout": self.STORAGE_TIMEOUT_S,
            }
            if storage_uri.startswith("redis")
            else {}
        )
        self.strategy = MovingWindowRateLimiter(storage_from_string(storage_uri, **options))
        self.fallback = MovingWindowRateLimiter(MemoryStorage())
        self.down_until = 0.0

    def _run(self, step: Callable[[MovingWindowRateLimiter], Any]) -> Any:
        if time.monotonic() >= self.down_until:
            try:
                return step(self.strategy)
            except Exception:  # the shared storage failed: count in this process instead
                LOG.warning("login attempts counted in memory: the limits' storage failed")
                self.down_until = time.monotonic() + self.STORAGE_RETRY_S
        return step(self.fallback)

    def allow(self, login: str) -> bool:
        return bool(self._run(lambda s: s.hit(self.item, "barometre-login", login)))

    def succeeded(self, login: str) -> None:
        self._run(lambda s: s.clear(self.item, "barometre-login", login))


def install(app: Dash, services: AppServices) -> Limiter:
    """Sessions, the gate, the account routes and the limiter (headers:
    `headers.install_headers`, once every callback is registered)."""
    server = app.server
    settings = services.settings
    server.secret_key = secret_key(settings.data_dir)
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.https,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
        WTF_CSRF_TIME_LIMIT=SESSION_HOURS * 3600,
        WTF_CSRF_SSL_STRICT=False,
    )
    manager = LoginManager()
    manager.init_app(server)
    manager.session_protection = "basic"

    @manager.user_loader
    def _load(session_id: str) -> SessionUser | None:
        if services.accounts is None:
            return None
        found = services.accounts.by_session_id(session_id)
        return SessionUser(found) if found else None

    storage = "memory://"
    if settings.cache_type == "RedisCache":
        storage = settings.cache_redis_url or "redis://127.0.0.1:6379/0"
    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=storage,
        strategy="moving-window",
        key_prefix="barometre-limits",
        # A stopped Redis must not lock everyone out: the limits fall back to this process.
        in_memory_fallback_enabled=True,
        swallow_errors=True,
        headers_enabled=False,
    )

    def gate() -> Any:
        path = flask.request.path
        if _is_static(path) or flask.request.environ.get(INTERNAL) is True:
            return None
        if services.open_mode():
            return None
        if current_user.is_authenticated:
            return None
        lang = lang_of(flask.request.query_string.decode()[:2000])
        if flask.request.method == "GET" and not path.startswith("/_"):
            target = flask.request.full_path if flask.request.query_string else path
            return flask.redirect(f"{LOGIN_ROUTE}?next={quote(target)}&lang={lang}", code=303)
        LOG.info(
            "%s: %s %s from %s", NOT_SIGNED_IN, flask.request.method, path[:200], client_address()
        )
        return flask.Response(NOT_SIGNED_IN, status=401, mimetype="text/plain")

    # First of all hooks: a request without a session is refused before its body is read.
    server.before_request_funcs.setdefault(None, []).insert(0, gate)
    # Registered before flask-talisman's (install_headers): runs after it, so a document's
    # own policy (use_own_policy) replaces the app's.
    server.after_request(apply_own_policy)

    def login_page(
        lang: str, status: int = 200, error: str = "", username: str = "", target: str = ""
    ) -> flask.Response:
        hint_key = (
            "accounts.login.open_mode_hint" if services.open_mode() else "accounts.login.hint"
        )
        body = account_pages.fragment(
            account_pages.LOGIN,
            action=f"{LOGIN_ROUTE}?lang={lang}",
            csrf=generate_csrf(),
            next=target,
            username=username,
            error=error,
            t_username=translate("accounts.login.username", lang),
            t_password=translate("accounts.login.password", lang),
            t_submit=translate("accounts.login.submit", lang),
            t_hint=translate(hint_key, lang),
        )
        flashes = [("danger", error)] if error else []
        if flask.request.args.get("signed_out") == "1" and not error:
            flashes = [("success", translate("accounts.login.signed_out", lang))]
        html = account_pages.page("accounts.login.title", body, lang, flashes=flashes)
        if error:
            html = html.replace(
                'class="alert alert-danger"', 'id="login-error" class="alert alert-danger"', 1
            )
        return flask.Response(html, status=status, mimetype="text/html")

    def too_many(limit: Any) -> flask.Response:
        lang = lang_of(flask.request.query_string.decode()[:2000])
        login = _form_text("username", 64)
        LOG.warning("login refused (too many failures) for %r from %s", login, client_address())
        services.audit("login", "refused", actor=login or "?", target=login, detail="rate limited")
        return login_page(
            lang, 429, translate("accounts.login.too_many", lang), login, _form_text("next", 2000)
        )

    def failed_attempt(response: flask.Response) -> bool:
        return bool(flask.g.get("login_failed", False))

    attempts = LoginAttempts(storage)

    @limiter.limit(
        LOGIN_LIMIT_ADDRESS, methods=["POST"], deduct_when=failed_attempt, on_breach=too_many
    )
    def login() -> Any:
        lang = lang_of(flask.request.query_string.decode()[:2000])
        if flask.request.method == "GET":
            target = flask.request.args.get("next", "")[:2000]
            if current_user.is_authenticated:
                return flask.redirect(safe_next(target, lang), code=303)
            return login_page(lang, target=target)
        username = _form_text("username", 64)
        target = _form_text("next", 2000)
        if not csrf_ok():
            LOG.warning("login form without a valid CSRF token from %s", client_address())
            return login_page(lang, 400, translate("accounts.form_expired", lang), username, target)
        if not attempts.allow(username):
            return too_many(None)
        found = (
            services.accounts.authenticate(username, _form_text("password"))
            if (services.accounts is not None)
            else None
        )
        if found is None:
            LOG.warning("login failed for %r from %s", username, client_address())
            services.audit("login", "failed", actor=username or "?", target=username)
            flask.g.login_failed = True  # counted by the limits (successes are not)
            # 200, not 401: the page is the answer a person reads (a browser logs a 4xx page
            # as an error); the alert says what happened.
            return login_page(lang, 200, translate("accounts.login.failed", lang), username, target)
        attempts.succeeded(username)
        flask.session.clear()  # a new session: nothing from before signing in carries over
        login_user(SessionUser(found))
        flask.session.permanent = True
        services.audit("login", "ok", actor=found.login, target=found.login)
        LOG.info("login of %s from %s", found.login, client_address())
        return flask.redirect(safe_next(target, lang), code=303)

    server.add_url_rule(LOGIN_ROUTE, "login", login, methods=["GET", "POST"])

    def logout() -> Any:
        lang = lang_of(flask.request.query_string.decode()[:2000])
        if csrf_ok() and current_user.is_authenticated:
            login = current_user.account.login
            services.audit("logout", "ok", target=login)
            if services.accounts is not None:
                # The cookie is signed, not stored: signing out ends the account's sessions
                # (a copy of this one, the account's other browsers too).
                services.accounts.end_sessions(login)
            logout_user()
            flask.session.clear()
        return flask.redirect(f"{LOGIN_ROUTE}?lang={lang}&signed_out=1", code=303)

    server.add_url_rule(LOGOUT_ROUTE, "logout", logout, methods=["POST"])

    # Guessing one's current password (a session left open) is limited as logging in is.
    @limiter.limit(
        LOGIN_LIMIT_ACCOUNT,
        key_func=lambda: (
            "password:" + (current_user.account.login if current_user.is_authenticated else "-")
        ),
        methods=["POST"],
        deduct_when=lambda response: bool(flask.g.get("password_failed", False)),
    )
    def change_password() -> Any:
        lang = lang_of(flask.request.query_string.decode()[:2000])
        if not current_user.is_authenticated or services.accounts is None:
            return flask.redirect(f"{LOGIN_ROUTE}?lang={lang}", code=303)
        account: Account = current_user.account
        flashes: list[tuple[str, str]] = []
        status = 200
        if flask.request.method == "POST":
            new, confirm = _form_text("new"), _form_text("confirm")
            if not csrf_ok():
                flashes, status = [("danger", translate("accounts.form_expired", lang))], 400
            elif services.accounts.authenticate(account.login, _form_text("current")) is None:
                flashes, status = [("danger", translate("accounts.password.wrong", lang))], 400
                services.audit("password", "failed", target=account.login, detail="wrong password")
                flask.g.password_failed = True  # counted by the limit (successes are not)
            elif new != confirm:
                flashes, status = [("danger", translate("accounts.password.mismatch", lang))], 400
            else:
                try:
                    changed = services.accounts.set_password(account.login, new)
                except AccountError as error:
                    flashes, status = [("danger", account_error_text(error, lang))], 400
                else:
                    login_user(SessionUser(changed))  # this session goes on; the others end
                    services.audit("password", "ok", target=account.login)
                    flashes = [("success", translate("accounts.password.changed", lang))]
        body = account_pages.fragment(
            account_pages.PASSWORD,
            action=f"{PASSWORD_ROUTE}?lang={lang}",
            csrf=generate_csrf(),
            back=with_lang("/", "", lang),
            t_who=translate(
                "accounts.password.who",
                lang,
                login=account.login,
                role=translate(f"accounts.role.{account.role}", lang),
            ),
            t_current=translate("accounts.password.current", lang),
            t_new=translate("accounts.password.new", lang),
            t_new_hint=translate("accounts.password.new_hint", lang, min=PASSWORD_MIN),
            t_confirm=translate("accounts.password.confirm", lang),
            t_submit=translate("accounts.password.submit", lang),
            t_back=translate("accounts.back", lang),
        )
        html = account_pages.page(
            "accounts.password.title",
            body,
            lang,
            flashes=flashes,
            account=account_menu(services, lang)["account"],
        )
        return flask.Response(html, status=status, mimetype="text/html")

    server.add_url_rule(PASSWORD_ROUTE, "password", change_password, methods=["GET", "POST"])

    @server.errorhandler(TooManyRequests)
    def _too_many(error: TooManyRequests) -> Any:
        # The login page's own answer (on_breach), or a plain one elsewhere.
        if error.response is not None:
            return error.response
        return flask.Response("too many requests", status=429, mimetype="text/plain")

    return limiter
