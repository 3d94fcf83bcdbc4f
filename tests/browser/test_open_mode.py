"""Open mode in a real browser (issue 14, point 1): while no account exists, every page says
that anyone who reaches the app can open any structure's page; there is no account menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from layouts import ids

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/", "toute personne qui atteint cette application peut ouvrir la page"),
        ("/benchmark?lang=en", "anyone who reaches this app can open any structure's page"),
    ],
)
def test_every_page_warns_that_it_is_open(app: DashPage, path: str, text: str) -> None:
    app.goto(path)
    banner = app.page.locator(f"#{ids.OPEN_MODE_BANNER}")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(text)
    expect(app.page.locator(f"#{ids.ACCOUNT_NAME}")).to_have_count(0)
