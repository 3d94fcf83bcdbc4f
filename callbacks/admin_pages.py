"""The admin pages (issue 14, points 3, 6, 7), server-rendered forms with CSRF tokens:

- /admin/users: the accounts; add one, set a password, change a role, remove one;
- /admin/versions: the dataset versions the store keeps (date, who, file, counts, version
  id); reactivate one (atomic, under the import lock);
- /admin/audit: the audit log, latest first, by action.

Each asks dashboard.policy with the request's viewer (can_manage_users, can_import,
can_read_audit): anyone else gets a 403 and a log line. Every change is audited.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any, Final

import flask
from dash import Dash
from flask_wtf.csrf import generate_csrf

from callbacks.account_menu import account_menu
from callbacks.security import csrf_ok
from callbacks.services import AppServices
from dashboard import policy
from dashboard.accounts import audit
from dashboard.accounts.cli import account_error_text
from dashboard.accounts.users import AccountError
from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import format_number, has_key, normalise_lang, translate
from dashboard.intake.store import DatasetStore, ImportBusy, UnknownVersion
from dashboard.policy import ROLES
from layouts import account_pages

LOG = logging.getLogger("barometre.admin")
USERS_ROUTE: Final = "/admin/users"
VERSIONS_ROUTE: Final = "/admin/versions"
AUDIT_ROUTE: Final = "/admin/audit"
AUDIT_ROWS: Final = 300

USERS = """
<p><a href="{{ back }}">{{ t.back }}</a></p>
{{ table }}
<h2 class="h5 mt-4">{{ t.change_title }}</h2>
<form method="post" action="{{ action }}" class="row g-2 align-items-end mb-4">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<div class="col-sm-2"><label for="change-login" class="form-label">{{ t.login }}</label>
<select id="change-login" name="login" class="form-select">
{% for u in users %}<option value="{{ u.login }}">{{ u.login }}</option>{% endfor %}</select></div>
<div class="col-sm-3"><label for="change-op" class="form-label">{{ t.operation }}</label>
<select id="change-op" name="op" class="form-select">
<option value="password">{{ t.op_password }}</option>
<option value="role">{{ t.op_role }}</option>
<option value="remove">{{ t.op_remove }}</option></select></div>
<div class="col-sm-3"><label for="change-role" class="form-label">{{ t.role }}</label>
<select id="change-role" name="role" class="form-select">
{% for r, label in roles %}<option value="{{ r }}">{{ label }}</option>{% endfor %}</select></div>
<div class="col-sm-2"><label for="change-structures" class="form-label">{{ t.structures }}</label>
<input id="change-structures" name="structures" class="form-control" maxlength="2000"></div>
<div class="col-sm-2"><label for="change-password" class="form-label">{{ t.password }}</label>
<input id="change-password" name="password" type="password" class="form-control"
 autocomplete="new-password" maxlength="1024"></div>
<div class="col-12"><div class="form-check mb-2">
<input class="form-check-input" type="checkbox" name="confirm_remove" value="yes"
 id="change-confirm-remove">
<label class="form-check-label" for="change-confirm-remove">{{ t.confirm_remove }}</label></div>
<button type="submit" name="action" value="change"
 class="btn btn-outline-danger">{{ t.apply }}</button></div>
</form>
<h2 class="h5">{{ t.add_title }}</h2>
<form method="post" action="{{ action }}" class="row g-2 align-items-start">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<div class="col-sm-3"><label for="add-login" class="form-label">{{ t.login }}</label>
<input id="add-login" name="login" class="form-control" required maxlength="64"></div>
<div class="col-sm-3"><label for="add-role" class="form-label">{{ t.role }}</label>
<select id="add-role" name="role" class="form-select">
{% for r, label in roles %}<option value="{{ r }}">{{ label }}</option>{% endfor %}</select></div>
<div class="col-sm-3"><label for="add-structures" class="form-label">{{ t.structures }}</label>
<input id="add-structures" name="structures" class="form-control" maxlength="2000"
 aria-describedby="add-structures-hint">
<div id="add-structures-hint" class="form-text">{{ t.structures_hint }}</div></div>
<div class="col-sm-3"><label for="add-password" class="form-label">{{ t.password }}</label>
<input id="add-password" name="password" type="password" class="form-control" required
 autocomplete="new-password" maxlength="1024"></div>
<div class="col-12"><button type="submit" name="action" value="add"
 class="btn btn-primary">{{ t.add }}</button></div>
</form>
"""

VERSIONS = """
<p><a href="{{ back }}">{{ t.back }}</a></p>
<div class="table-responsive"><table class="table table-sm table-striped align-middle">
<caption>{{ t.caption }}</caption>
<thead><tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>{% for v in versions %}<tr>
<td>{{ v.imported_at or "–" }}</td><td>{{ v.imported_by or "–" }}</td><td>{{ v.source }}</td>
<td class="text-end">{{ v.structures_text }}</td><td class="text-end">{{ v.tests_text }}</td>
<td><code>{{ v.version }}</code></td>
<td>{% if v.active %}<strong>{{ t.active }}</strong>{% else %}
<form method="post" action="{{ action }}" class="d-inline">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<input type="hidden" name="version" value="{{ v.version }}">
<button type="submit" class="btn btn-sm btn-outline-primary"
 aria-label="{{ t.reactivate }} {{ v.version }}">{{ t.reactivate }}</button></form>{% endif %}</td>
</tr>{% endfor %}</tbody></table></div>
{% if not versions %}<p>{{ t.none }}</p>{% endif %}
"""

AUDIT = """
<p><a href="{{ back }}">{{ t.back }}</a></p>
<form method="get" action="{{ action }}" class="row g-2 align-items-end mb-3">
<input type="hidden" name="lang" value="{{ lang }}">
<div class="col-auto"><label for="audit-action" class="form-label">{{ t.action }}</label>
<select id="audit-action" name="action" class="form-select">
<option value="">{{ t.all }}</option>
{% for a, label in actions %}<option value="{{ a }}"
 {% if a == chosen %}selected{% endif %}>{{ label }}</option>{% endfor %}
</select></div>
<div class="col-auto">
<button type="submit" class="btn btn-outline-primary">{{ t.filter }}</button></div>
</form>
{{ table }}
"""


def _texts(lang: str, prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    texts = {key: translate(f"{prefix}.{key}", lang) for key in keys}
    texts["back"] = translate("accounts.back", lang)
    return texts


def register(app: Dash, services: AppServices) -> None:
    """The three admin routes."""
    server = app.server

    def lang_now() -> str:
        return normalise_lang(flask.request.args.get("lang"))

    def answer(
        title_key: str,
        body: str,
        lang: str,
        width: str,
        status: int = 200,
        flashes: Sequence[tuple[str, str]] = (),
    ) -> flask.Response:
        """An admin page with the app's navbar for the signed-in account."""
        account = account_menu(services, lang)["account"]
        html = account_pages.page(
            title_key, body, lang, flashes=flashes, width=width, account=account
        )
        return flask.Response(html, status=status, mimetype="text/html")

    def forbidden(what: str) -> flask.Response:
        services.refused(what, flask.request.path)
        return flask.Response("forbidden", status=403, mimetype="text/plain")

    def users_page() -> Any:
        lang = lang_now()
        viewer = services.viewer()
        if not policy.can_manage_users(viewer) or services.accounts is None:
            return forbidden("users page")
        accounts = services.accounts
        flashes: list[tuple[str, str]] = []
        status = 200
        if flask.request.method == "POST":
            form = flask.request.form
            login = str(form.get("login", ""))[:64]
            role = str(form.get("role", ""))[:16]
            structures = [
                s for s in re.split(r"[\s,;]+", str(form.get("structures", ""))[:2000]) if s
            ]
            password = str(form.get("password", ""))[:1024]
            try:
                if not csrf_ok():
                    raise AccountError("form_expired")
                known = aggregates_for(services.dataset()).structure_ids
                unknown = [s for s in structures if s not in known]
                if unknown:
                    raise AccountError("unknown_structure", structure=unknown[0][:64])
                if form.get("action") == "add":
                    accounts.add(login, role, structures, password)
                    services.audit(
                        "user.add",
                        "ok",
                        target=login,
                        detail=f"role={role} structures={','.join(structures)}",
                    )
                    flashes.append(
                        ("success", translate("accounts.admin.added", lang, login=login))
                    )
                else:
                    op = form.get("op")
                    if login == viewer.login and op in ("remove", "role"):
                        raise AccountError("not_yourself")
                    if op == "remove":
                        # Removing is for good: only with its box ticked.
                        if form.get("confirm_remove") != "yes":
                            raise AccountError("confirm_remove")
                        accounts.remove(login)
                        services.audit("user.remove", "ok", target=login)
                    elif op == "password":
                        accounts.set_password(login, password)
                        services.audit("password", "ok", target=login, detail="set by an admin")
                    else:
                        accounts.change(login, role, structures)
                        services.audit(
                            "user.change",
                            "ok",
                            target=login,
                            detail=f"role={role} structures={','.join(structures)}",
                        )
                    done = "removed" if op == "remove" else "changed"
                    flashes.append(
                        ("success", translate(f"accounts.admin.{done}", lang, login=login))
                    )
            except AccountError as error:
                status = 400
                text = (
                    translate("accounts.form_expired", lang)
                    if error.code == "form_expired"
                    else account_error_text(error, lang)
                )
                flashes.append(("danger", text))
                services.audit("user.change", "refused", target=login, detail=error.code)
        listed = accounts.list()
        table = account_pages.fragment(
            account_pages.TABLE,
            caption=translate("accounts.admin.users_caption", lang),
            headers=[
                translate(f"accounts.admin.col.{k}", lang) for k in ("login", "role", "structures")
            ],
            rows=[
                [
                    a.login,
                    translate(f"accounts.role.{a.role}", lang),
                    ", ".join(a.structures) or "–",
                ]
                for a in listed
            ],
        )
        t = _texts(
            lang,
            "accounts.admin",
            (
                "change_title",
                "login",
                "operation",
                "op_remove",
                "confirm_remove",
                "op_password",
                "op_role",
                "role",
                "structures",
                "password",
                "apply",
                "add_title",
                "add",
                "structures_hint",
            ),
        )
        body = account_pages.fragment(
            USERS,
            t=t,
            users=listed,
            table=_markup(table),
            csrf=generate_csrf(),
            action=f"{USERS_ROUTE}?lang={lang}",
            back=f"/?lang={lang}" if lang == "en" else "/",
            roles=[(r, translate(f"accounts.role.{r}", lang)) for r in ROLES],
        )
        return answer("accounts.admin.users_title", body, lang, "64rem", status, flashes)

    server.add_url_rule(USERS_ROUTE, "admin_users", users_page, methods=["GET", "POST"])

    def versions_page() -> Any:
        lang = lang_now()
        if not policy.can_import(services.viewer()):
            return forbidden("versions page")
        store: DatasetStore = services.store
        flashes: list[tuple[str, str]] = []
        status = 200
        if flask.request.method == "POST":
            version = str(flask.request.form.get("version", ""))[:128]
            if not csrf_ok():
                flashes, status = [("danger", translate("accounts.form_expired", lang))], 400
            else:
                try:
                    done = store.activate_version(version, wait=30)
                except UnknownVersion:
                    flashes, status = (
                        [("danger", translate("accounts.admin.unknown_version", lang))],
                        400,
                    )
                    services.audit("activate", "refused", target=version, detail="unknown version")
                except ImportBusy:
                    flashes, status = [("danger", translate("cli.import_busy_now", lang))], 409
                    services.audit("activate", "failed", target=version, detail="another import")
                else:
                    services.audit("activate", "ok", target=done.version, detail=done.source)
                    flashes = [
                        ("success", translate("accounts.cli.activated", lang, version=done.version))
                    ]
        versions = [
            {
                **vars(v),
                "structures_text": format_number(v.structures or 0, lang, 0),
                "tests_text": format_number(v.tests or 0, lang, 0),
            }
            for v in store.versions()
        ]
        t = _texts(lang, "accounts.admin", ("caption", "active", "reactivate", "none"))
        headers = [
            translate(f"accounts.admin.col.{k}", lang)
            for k in ("date", "who", "file", "structures", "tests", "version", "state")
        ]
        body = account_pages.fragment(
            VERSIONS,
            t=t,
            versions=versions,
            headers=headers,
            csrf=generate_csrf(),
            action=f"{VERSIONS_ROUTE}?lang={lang}",
            back=f"/data?lang={lang}" if lang == "en" else "/data",
        )
        return answer("accounts.admin.versions_title", body, lang, "72rem", status, flashes)

    server.add_url_rule(VERSIONS_ROUTE, "admin_versions", versions_page, methods=["GET", "POST"])

    def audit_text(kind: str, code: str, lang: str) -> str:
        """An audit entry's action or outcome in words (the code itself if unknown)."""
        key = f"accounts.audit.{kind}.{code}"
        return translate(key, lang) if has_key(key) else code

    def audit_page() -> Any:
        lang = lang_now()
        if not policy.can_read_audit(services.viewer()) or services.database is None:
            return forbidden("audit page")
        chosen = flask.request.args.get("action", "")
        chosen = chosen if chosen in audit.ACTIONS else ""
        lines = audit.entries(services.database, limit=AUDIT_ROWS, action=chosen or None)
        table = account_pages.fragment(
            account_pages.TABLE,
            caption=translate("accounts.admin.audit_caption", lang, count=len(lines)),
            headers=[
                translate(f"accounts.admin.col.{k}", lang)
                for k in ("when", "who", "where", "what", "target", "outcome", "detail")
            ],
            rows=[
                [
                    e.at.strftime("%Y-%m-%d %H:%M:%S"),
                    e.actor,
                    e.address,
                    audit_text("action", e.action, lang),
                    e.target,
                    audit_text("outcome", e.outcome, lang),
                    e.detail,  # as recorded (ids, counts, codes), in no language
                ]
                for e in lines
            ],
        )
        t = _texts(lang, "accounts.admin", ("action", "all", "filter"))
        body = account_pages.fragment(
            AUDIT,
            t=t,
            table=_markup(table),
            actions=[(a, translate(f"accounts.audit.action.{a}", lang)) for a in audit.ACTIONS],
            chosen=chosen,
            lang=lang,
            action=AUDIT_ROUTE,
            back=f"/?lang={lang}" if lang == "en" else "/",
        )
        return answer("accounts.admin.audit_title", body, lang, "80rem")

    server.add_url_rule(AUDIT_ROUTE, "admin_audit", audit_page)


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)
