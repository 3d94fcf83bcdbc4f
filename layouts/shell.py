"""The frame around every page: skip link, navbar, language switch, the account menu, demo
and open-mode banners, footer."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import LANGS, translate
from dashboard.urlstate import PAGES, Route, with_lang
from layouts import ids
from layouts.components import attributes


def make_root(*, noop: bool = False) -> html.Div:
    """The app's static layout: the URL and the slot the routing callback fills (and, with
    `noop`, the two stores of the benchmarks' no-op callback; they render nothing)."""
    extra = [dcc.Store(id=ids.NOOP_INPUT), dcc.Store(id=ids.NOOP_OUTPUT)] if noop else []
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANG_STORE, data="fr"),
            dcc.Store(id=ids.DOC_STORE),
            html.Div(id=ids.PAGE),
            *extra,
        ]
    )


@dataclass(frozen=True)
class AccountMenu:
    """Who is signed in (`login`, its `role` as text), the CSRF token of the sign-out form,
    and the admin pages' (path, catalog key) the role may open."""

    login: str
    role: str
    csrf_token: str
    admin_links: tuple[tuple[str, str], ...] = ()


def nav_links(pathname: str, lang: str) -> list[tuple[str, str, bool]]:
    """The navbar's page links as (href, text, current) in `lang`; the Dash pages
    (make_shell) and the server-rendered ones (layouts/account_pages.py) show the same."""
    return [
        (with_lang(path, "", lang), translate(key, lang), pathname == path) for path, key in PAGES
    ]


def account_links(menu: AccountMenu, lang: str) -> list[tuple[str, str]]:
    """The account panel's links as (href, text): the admin pages the role may open, then
    the password page (sign-out is a form, apart)."""
    links = [(with_lang(path, "", lang), translate(key, lang)) for path, key in menu.admin_links]
    return [
        *links,
        (with_lang("/account/password", "", lang), translate("accounts.nav.password", lang)),
    ]


def make_account_menu(menu: AccountMenu, lang: str) -> html.Ul:
    """The navbar's account part: a button naming who is signed in, which shows or hides a
    panel (the disclosure pattern, assets/disclosure.js) with the admin links, the password
    page and sign-out (a POST form)."""
    who = translate("accounts.nav.signed_in", lang, login=menu.login, role=menu.role)
    panel = html.Div(
        [
            *[
                html.A(text, href=href, className="dropdown-item")
                for href, text in account_links(menu, lang)
            ],
            html.Hr(className="dropdown-divider"),
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=menu.csrf_token),
                    html.Button(
                        translate("accounts.nav.logout", lang),
                        type="submit",
                        className="dropdown-item",
                        id=ids.LOGOUT_BUTTON,
                    ),
                ],
                method="post",
                action=with_lang("/logout", "", lang),
            ),
        ],
        id=ids.ACCOUNT_PANEL,
        className="dropdown-menu dropdown-menu-end",
    )
    button = html.Button(
        who,
        type="button",
        id=ids.ACCOUNT_NAME,
        className="nav-link dropdown-toggle",
        **attributes(
            aria_expanded="false", aria_controls=ids.ACCOUNT_PANEL, data_disclosure="popup"
        ),
    )
    return html.Ul(html.Li([button, panel], className="nav-item dropdown"), className="navbar-nav")


def make_banner(banner_id: str, title: str, body: str, color: str) -> dbc.Alert:
    """A banner across the top of every page: its `title` in bold, then its `body`, in
    Bootstrap's alert `color` (warning: demo data; danger: open mode)."""
    return dbc.Alert(
        [html.Strong(title), " ", body],
        color=color,
        id=banner_id,
        className="mb-0 rounded-0 text-center",
    )


def make_shell(
    pathname: str,
    search: str,
    lang: str,
    content: object,
    *,
    is_demo: bool,
    open_mode: bool = False,
    account: AccountMenu | None = None,
) -> html.Div:
    """Navbar (with the signed-in `account`'s menu), the demo and open-mode banners, the
    page's content in <main>, footer."""
    other = next(code for code in LANGS if code != lang)
    links = [
        html.Li(
            html.A(
                text,
                href=href,
                className="nav-link active" if current else "nav-link",
                **(attributes(aria_current="page") if current else {}),
            ),
            className="nav-item",
        )
        for href, text, current in nav_links(pathname, lang)
    ]
    switch = html.A(
        translate("ui.nav.switch_language", lang),
        href=with_lang(pathname, search, other),
        lang=other,
        hrefLang=other,
        className="btn btn-outline-light btn-sm ms-auto order-lg-2",
        id=ids.LANG_SWITCH,
    )
    # Below the breakpoint (lg), the page links and the account sit behind « Menu »; the
    # language switch stays in sight. assets/disclosure.js shows and hides them.
    toggle = html.Button(
        [
            html.Span(className="navbar-toggler-icon", **attributes(aria_hidden="true")),
            html.Span(translate("ui.nav.menu", lang), className="visually-hidden"),
        ],
        type="button",
        id=ids.NAV_TOGGLE,
        className="navbar-toggler ms-2",
        **attributes(aria_expanded="false", aria_controls=ids.NAV_MENU, data_disclosure="menu"),
    )
    menu = html.Div(
        [
            html.Nav(
                html.Ul(links, className="navbar-nav"),
                className="me-auto",
                **attributes(aria_label=translate("ui.nav.label", lang)),
            ),
            *([make_account_menu(account, lang)] if account is not None else []),
        ],
        id=ids.NAV_MENU,
        className="collapse navbar-collapse order-lg-1",
    )
    navbar = html.Header(
        dbc.Navbar(
            dbc.Container(
                [
                    html.Span(translate("ui.app.title", lang), className="navbar-brand"),
                    switch,
                    toggle,
                    menu,
                ],
                fluid=True,
            ),
            color="dark",
            dark=True,
            expand="lg",
        )
    )
    banner = (
        make_banner(
            ids.DEMO_BANNER,
            translate("ui.demo.title", lang),
            translate("ui.demo.body", lang),
            "warning",
        )
        if is_demo
        else None
    )
    if open_mode:
        open_banner = make_banner(
            ids.OPEN_MODE_BANNER,
            translate("accounts.open_mode.title", lang),
            translate("accounts.open_mode.body", lang),
            "danger",
        )
        banner = html.Div([banner, open_banner])
    skip = html.A(
        translate("ui.nav.skip", lang),
        href="#main",
        className="visually-hidden-focusable btn btn-light m-1 position-absolute",
    )
    # « Territoires » shows public indicators in their own units, not scores out of 100.
    footer_key = "ui.footer.territories" if pathname == Route.TERRITORIES else "ui.footer.text"
    footer = html.Footer(
        dbc.Container(
            html.P(
                [
                    html.A(
                        translate("ui.footer.definitions", lang),
                        href=with_lang(Route.DEFINITIONS, "", lang),
                    ),
                    " · ",
                    translate(footer_key, lang),
                ],
                className="small mb-0",
            ),
            fluid=True,
        ),
        className="border-top py-3 mt-4 text-body-secondary",
    )
    return html.Div(
        [
            skip,
            navbar,
            banner,
            html.Main(
                dbc.Container(content, fluid=True, className="pt-3"), id="main", tabIndex="-1"
            ),
            footer,
        ]
    )
