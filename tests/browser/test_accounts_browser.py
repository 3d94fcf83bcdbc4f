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
from tests.browser.conftest import AppServer, app_with_accounts, sign_in
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
    app.page.get_by_role("navigation").get_by_role("link", name="Ma structure").click()
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
    expect(app.page.get_by_role("link", name="Comptes")).to_have_count(0)
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
    app.page.get_by_role("button", name="Se déconnecter").click()
    expect(app.page.get_by_role("status")).to_contain_text("Vous êtes déconnecté.")
    app.page.goto(base_url + "/data")
    assert "/login" in app.page.url


def test_the_audit_page_lists_the_logins(app: DashPage, base_url: str, tmp_path: Path) -> None:
    sign_in(app.page, base_url, "ada", PASSWORD)
    app.page.get_by_role("link", name="Journal").click()
    table = app.page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text="connexion").filter(has_text="ada").first
    expect(row).to_contain_text("127.0.0.1")
    expect(row).to_contain_text("réussi")  # actions and outcomes in the page's language
