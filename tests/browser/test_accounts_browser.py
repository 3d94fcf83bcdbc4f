"""Accounts in a real browser (issue 14): the login page and the password page (French and
English, axe-clean), the admin pages, a manager's journey (its structure only, peers
anonymous, another structure's address refused), signing out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from layouts import ids
from tests.browser.conftest import VIEWPORTS, AppServer, app_with_accounts, query_of, sign_in
from tests.browser.test_accessibility import summary, violations
from tests.servers import PASSWORD

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    accounts = ("ada", "admin"), ("mia", "manager", ["W-STRASBOURG"])
    with app_with_accounts(tmp_path_factory.mktemp("accounts"), *accounts) as server:
        yield server


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_login_page_is_accessible_and_sends_back_where_one_was(
    app: DashPage, base_url: str, lang: str
) -> None:
    suffix = "&lang=en" if lang == "en" else ""
    app.page.goto(f"{base_url}/benchmark?structure=W-STRASBOURG{suffix}")
    assert "/login?next=" in app.page.url
    assert app.page.evaluate("document.documentElement.lang") == lang
    found = violations(app)
    assert not found, summary(found)
    # A wrong password: said, in an alert tied to the field.
    app.page.get_by_label("Identifiant" if lang == "fr" else "Login").fill("mia")
    app.page.get_by_label("Mot de passe" if lang == "fr" else "Password").fill("not it at all")
    app.page.get_by_role("button", name="Se connecter" if lang == "fr" else "Sign in").click()
    expect(app.page.get_by_role("alert")).to_contain_text(
        "incorrect" if lang == "fr" else "Wrong login"
    )
    found = violations(app)
    assert not found, summary(found)
    app.page.get_by_label("Mot de passe" if lang == "fr" else "Password").fill(PASSWORD)
    app.page.get_by_role("button", name="Se connecter" if lang == "fr" else "Sign in").click()
    expect(app.page.locator(f"#{ids.BENCH_HEADLINE}")).to_contain_text(re.compile(r"\d"))
    assert "structure=W-STRASBOURG" in app.page.url


def test_a_manager_sees_its_structure_only(app: DashPage, base_url: str) -> None:
    sign_in(app.page, base_url, "mia", PASSWORD)
    app.follow_nav("Ma structure")
    box = app.page.locator(f"#{ids.BENCH_SEARCH}")
    box.press_sequentially("ville", delay=20)
    expect(app.page.locator(f"#{ids.BENCH_SEARCH_STATUS}")).to_contain_text("1 résultat")
    app.page.locator(f"#{ids.BENCH_STRUCTURE}").click()
    options = app.page.get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Ville de Strasbourg")
    options.first.click()
    expect(app.page.locator(f"#{ids.BENCH_HEADLINE}")).to_contain_text(re.compile(r"\d"))
    assert app.page.locator(f"#{ids.COMPARE_SECTION}").is_hidden()
    # Another structure by its address: refused, said, no figure.
    app.goto("/benchmark?structure=S00042")
    expect(app.page.locator(f"#{ids.URL_NOTICE}")).to_contain_text(
        "« S00042 » n'est pas accessible avec votre compte"
    )
    expect(app.page.locator(f"#{ids.BENCH_CONTENT}")).to_be_hidden()
    # No admin link, no dataset download.
    expect(app.page.get_by_role("link", name="Comptes", include_hidden=True)).to_have_count(0)
    app.goto("/data")
    expect(app.page.locator(f"#{ids.DATA_WITHHELD}")).to_be_visible()
    expect(app.page.get_by_role("region", name="Importer des données")).to_have_count(0)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", ["/account/password", "/admin/users", "/admin/versions",
                                  "/admin/audit", "/data"])  # fmt: skip
def test_account_and_admin_pages_are_accessible(
    app: DashPage, base_url: str, path: str, lang: str
) -> None:
    sign_in(app.page, base_url, "ada", PASSWORD)
    if path == "/data":
        app.goto(path + ("?lang=en" if lang == "en" else ""))
        expect(app.page.locator(f"#{ids.UPLOAD_FILE}")).to_be_attached()
    else:
        app.page.goto(base_url + path + ("?lang=en" if lang == "en" else ""))
        expect(app.page.get_by_role("heading", level=1)).to_be_visible()
    assert app.page.evaluate("document.documentElement.lang") == lang
    found = violations(app)
    assert not found, summary(found)


def test_signing_out_ends_the_session(app: DashPage, base_url: str) -> None:
    sign_in(app.page, base_url, "ada", PASSWORD)
    app.page.get_by_role("button", name="ada (administrateur)").click()
    app.page.get_by_role("button", name="Se déconnecter").click()
    expect(app.page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")
    app.page.goto(base_url + "/data")
    assert "/login" in app.page.url


def test_the_admin_navbar_on_one_row_with_the_account_s_panel(app: DashPage, base_url: str) -> None:
    """At 1440 px an administrator's navbar holds on one row: the page links, then a button
    naming the account, which opens a panel (admin pages, password, sign-out); a click
    outside closes it. The admin pages have the same navbar: back to « Ma structure » in one
    click. On a phone, « Menu », then the account, then sign-out."""
    app.page.set_viewport_size(VIEWPORTS["desktop"])
    sign_in(app.page, base_url, "ada", PASSWORD)
    navbar = app.page.locator("header nav.navbar")
    found = navbar.bounding_box()
    assert found is not None and found["height"] < 70
    account = app.page.get_by_role("button", name="ada (administrateur)")
    logout = app.page.get_by_role("button", name="Se déconnecter")
    expect(logout).to_be_hidden()
    account.click()
    expect(account).to_have_attribute("aria-expanded", "true")
    panel = app.page.locator(f"#{ids.ACCOUNT_PANEL}")
    for name in ("Versions", "Comptes", "Journal", "Mot de passe"):
        expect(panel.get_by_role("link", name=name)).to_be_visible()
    expect(logout).to_be_visible()
    app.page.locator("main h1").click()  # outside the panel
    expect(logout).to_be_hidden()
    account.click()
    panel.get_by_role("link", name="Comptes").click()
    app.page.wait_for_url(re.compile(r"/admin/users"))
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Comptes")
    found = navbar.bounding_box()
    assert found is not None and found["height"] < 70
    app.follow_nav("Ma structure")
    app.page.wait_for_url(re.compile(r"/benchmark"))
    expect(app.page.locator(f"#{ids.BENCH_SEARCH}")).to_be_visible()
    # On a phone, from an admin page.
    app.page.set_viewport_size(VIEWPORTS["phone"])
    app.page.goto(base_url + "/admin/versions")
    app.page.get_by_role("button", name="Menu").click()
    app.page.get_by_role("button", name="ada (administrateur)").click()
    app.page.get_by_role("button", name="Se déconnecter").click()
    expect(app.page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")


def test_a_report_asked_for_after_the_session_ended_leads_to_the_login_and_back(
    app: DashPage, base_url: str
) -> None:
    """Signed out elsewhere (the cookie gone), a click on « Rapport PDF » does not save the
    login page as the report: the page goes to the login, and back to the page after it."""
    sign_in(app.page, base_url, "mia", PASSWORD)
    app.goto("/benchmark?structure=W-STRASBOURG&edition=2022")
    expect(app.page.locator(f"#{ids.BENCH_HEADLINE}")).to_contain_text(re.compile(r"\d"))
    # Every callback of the page answered first: one still on its way once the cookie is
    # gone would be refused (401), which is not what this test is about.
    app.page.wait_for_function("() => !window.__bt.busy()")
    app.page.wait_for_load_state("networkidle")
    app.page.context.clear_cookies()
    app.page.locator(f"#{ids.TAKEAWAY_PDF}").click()
    app.page.wait_for_url(re.compile(r"/login\?"))
    assert query_of(app.page.url)["next"] == ["/benchmark?structure=W-STRASBOURG&edition=2022"]
    app.page.get_by_label("Identifiant").fill("mia")
    app.page.get_by_label("Mot de passe").fill(PASSWORD)
    app.page.get_by_role("button", name="Se connecter").click()
    app.page.wait_for_url(re.compile(r"/benchmark\?structure=W-STRASBOURG"))
    expect(app.page.locator(f"#{ids.BENCH_HEADLINE}")).to_contain_text(re.compile(r"\d"))


def test_the_audit_page_lists_the_logins(app: DashPage, base_url: str, tmp_path: Path) -> None:
    sign_in(app.page, base_url, "ada", PASSWORD)
    app.page.get_by_role("button", name="ada (administrateur)").click()
    app.page.get_by_role("link", name="Journal").click()
    table = app.page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text="connexion").filter(has_text="ada").first
    expect(row).to_contain_text("127.0.0.1")
    expect(row).to_contain_text("réussi")  # actions and outcomes in the page's language
