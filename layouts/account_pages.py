"""The server-rendered pages of accounts (issue 14): /login, /account/password and the admin
pages (/admin/users, /admin/versions, /admin/audit). Plain HTML forms (they work before any
script loads, and the login page needs no session), in the app's Bootstrap, French or English,
autoescaped by Jinja: a name holding markup stays text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import flask
from markupsafe import Markup

from dashboard.i18n import translate
from dashboard.urlstate import with_lang
from layouts import ids
from layouts.shell import AccountMenu, account_links, nav_links

BASE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – {{ app_title }}</title>
<link rel="stylesheet" href="/vendor/bootstrap.min.css">
<link rel="stylesheet" href="/assets/accessibility.css">
<script src="/assets/disclosure.js" defer></script>
</head>
<body>
<a href="#main" class="visually-hidden-focusable btn btn-light m-1 position-absolute"
>{{ skip }}</a>
<header>
<nav class="navbar navbar-expand-lg navbar-dark bg-dark">
<div class="container-fluid">
<span class="navbar-brand">{{ app_title }}</span>
<a id="{{ ids.LANG_SWITCH }}" class="btn btn-outline-light btn-sm ms-auto order-lg-2"
 href="{{ switch_href }}" lang="{{ other }}" hreflang="{{ other }}">{{ switch_text }}</a>
{% if account %}
<button type="button" id="{{ ids.NAV_TOGGLE }}" class="navbar-toggler ms-2" aria-expanded="false"
 aria-controls="{{ ids.NAV_MENU }}" data-disclosure="menu"><span class="navbar-toggler-icon"
 aria-hidden="true"></span><span class="visually-hidden">{{ menu_text }}</span></button>
<div id="{{ ids.NAV_MENU }}" class="collapse navbar-collapse order-lg-1">
<nav class="me-auto" aria-label="{{ nav_label }}"><ul class="navbar-nav">
{% for href, text, current in links %}<li class="nav-item"><a class="nav-link" href="{{ href }}"
>{{ text }}</a></li>{% endfor %}
</ul></nav>
<ul class="navbar-nav"><li class="nav-item dropdown">
<button type="button" id="{{ ids.ACCOUNT_NAME }}" class="nav-link dropdown-toggle"
 aria-expanded="false" aria-controls="{{ ids.ACCOUNT_PANEL }}" data-disclosure="popup"
>{{ who }}</button>
<div id="{{ ids.ACCOUNT_PANEL }}" class="dropdown-menu dropdown-menu-end">
{% for href, text in account_links %}<a class="dropdown-item" href="{{ href }}"
{% if href.split("?")[0] == path %} aria-current="page"{% endif %}>{{ text }}</a>{% endfor %}
<hr class="dropdown-divider">
<form method="post" action="{{ logout }}"><input type="hidden" name="csrf_token"
 value="{{ csrf }}"><button type="submit" class="dropdown-item" id="{{ ids.LOGOUT_BUTTON }}"
>{{ logout_text }}</button></form>
</div></li></ul>
</div>
{% endif %}
</div>
</nav>
</header>
<main id="main" tabindex="-1" class="container py-4" style="max-width: {{ width }}">
<h1 class="h3 mb-3">{{ title }}</h1>
{% for kind, text in flashes %}<div class="alert alert-{{ kind }}"
 role="{{ 'alert' if kind == 'danger' else 'status' }}">{{ text }}</div>{% endfor %}
{{ body }}
</main>
</body>
</html>
"""


def page(
    title_key: str,
    body: str,
    lang: str,
    *,
    flashes: Sequence[tuple[str, str]] = (),
    width: str = "32rem",
    account: AccountMenu | None = None,
) -> str:
    """A whole page: `body` is HTML made by render_template_string (so already escaped);
    with the signed-in `account`, the navbar of the Dash pages (page links, the account's
    panel with sign-out; layouts/shell.py), otherwise its title and language switch only."""
    other = "en" if lang == "fr" else "fr"
    request = flask.request
    return flask.render_template_string(
        BASE,
        lang=lang,
        other=other,
        title=translate(title_key, lang),
        app_title=translate("ui.app.title", lang),
        skip=translate("ui.nav.skip", lang),
        nav_label=translate("ui.nav.label", lang),
        menu_text=translate("ui.nav.menu", lang),
        path=request.path,
        links=nav_links(request.path, lang),
        account=account,
        ids=ids,
        who=account
        and translate("accounts.nav.signed_in", lang, login=account.login, role=account.role),
        account_links=account_links(account, lang) if account else [],
        csrf=account.csrf_token if account else "",
        logout=with_lang("/logout", "", lang),
        logout_text=translate("accounts.nav.logout", lang),
        switch_href=with_lang(request.path, request.query_string.decode()[:2000], other),
        switch_text=translate("ui.nav.switch_language", lang),
        flashes=list(flashes),
        body=Markup(body),
        width=width,
    )


def fragment(template: str, **values: Any) -> str:
    """A piece of page from a Jinja template, autoescaped."""
    return str(flask.render_template_string(template, **values))


def password_field(name: str, label: str, autocomplete: str, hint: str = "") -> str:
    """A password field of a form's template: its `name` (also its id), the template
    variable holding its `label`, its `autocomplete` token ("current-password",
    "new-password") and, when `hint` names a template variable, a hint below that the input
    points to (aria-describedby)."""
    described = f' aria-describedby="{name}-hint"' if hint else ""
    hint_line = f'<div id="{name}-hint" class="form-text">{_variable(hint)}</div>\n' if hint else ""
    return f"""<div class="mb-3">
<label for="{name}" class="form-label">{_variable(label)}</label>
<input id="{name}" name="{name}" type="password" class="form-control" required
 autocomplete="{autocomplete}" maxlength="1024"{described}>
{hint_line}</div>
"""


def _variable(name: str) -> str:
    # A Jinja expression printing the template variable `name` (autoescaped).
    return "{{ " + name + " }}"


LOGIN = (
    """
<form method="post" action="{{ action }}" novalidate>
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<input type="hidden" name="next" value="{{ next }}">
<div class="mb-3">
<label for="username" class="form-label">{{ t_username }}</label>
<input id="username" name="username" class="form-control" autocomplete="username" required
 maxlength="64" value="{{ username }}" autofocus
 {% if error %}aria-describedby="login-error"{% endif %}>
</div>
"""
    + password_field("password", "t_password", "current-password")
    + """<button type="submit" class="btn btn-primary">{{ t_submit }}</button>
</form>
<p class="small text-body-secondary mt-4">{{ t_hint }}</p>
"""
)

PASSWORD = (
    """
<p>{{ t_who }}</p>
<form method="post" action="{{ action }}" novalidate>
<input type="hidden" name="csrf_token" value="{{ csrf }}">
"""
    + password_field("current", "t_current", "current-password")
    + password_field("new", "t_new", "new-password", hint="t_new_hint")
    + password_field("confirm", "t_confirm", "new-password")
    + """<button type="submit" class="btn btn-primary">{{ t_submit }}</button>
<a class="btn btn-link" href="{{ back }}">{{ t_back }}</a>
</form>
"""
)

TABLE = """
<div class="table-responsive">
<table class="table table-sm table-striped align-middle">
<caption>{{ caption }}</caption>
<thead><tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</tbody>
</table>
</div>
"""
