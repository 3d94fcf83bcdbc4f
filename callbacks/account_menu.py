"""The frame's account part, from the request's viewer (dashboard.policy): open mode's banner,
or the signed-in account with its links (password, sign out, and the admin pages if
`can_manage_users` / `can_read_audit` / `can_import`)."""

from __future__ import annotations

from typing import Any

from flask_wtf.csrf import generate_csrf

from callbacks.services import AppServices
from dashboard import policy
from dashboard.i18n import translate
from layouts.shell import AccountMenu


def account_menu(services: AppServices, lang: str) -> dict[str, Any]:
    """make_shell's `open_mode` and `account` keywords for the current request."""
    viewer = services.viewer()
    if viewer.is_open_mode:
        return {"open_mode": True, "account": None}
    if viewer.login is None or viewer.login == "-":
        return {"open_mode": False, "account": None}
    admin_links = []
    if policy.can_import(viewer):
        admin_links.append(("/admin/versions", "accounts.nav.versions"))
    if policy.can_manage_users(viewer):
        admin_links.append(("/admin/users", "accounts.nav.users"))
    if policy.can_read_audit(viewer):
        admin_links.append(("/admin/audit", "accounts.nav.audit"))
    menu = AccountMenu(
        login=viewer.login,
        role=translate(f"accounts.role.{viewer.role}", lang),
        csrf_token=generate_csrf(),
        admin_links=tuple(admin_links),
    )
    return {"open_mode": False, "account": menu}
