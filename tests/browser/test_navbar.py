"""The navbar in a real browser: on a phone the page links sit behind « Menu » (a disclosure
button: aria-expanded, Escape closes it and gives the focus back), the title, the language
switch and « Menu » on one row; on a wide screen every link on one line, no « Menu »."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Locator, expect

from layouts import ids
from tests.browser.conftest import VIEWPORTS, query_of

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

LINKS = {
    "fr": ["Vue d'ensemble", "Ma structure", "Territoires", "Données", "Définitions"],
    "en": ["Overview", "My structure", "Territories", "Data", "Definitions"],
}


def nav_link(app: DashPage, name: str) -> Locator:
    return app.page.locator(f"#{ids.NAV_MENU} a.nav-link", has_text=re.compile(f"^{name}$"))


def box(app: DashPage, selector: str) -> dict[str, float]:
    found = app.page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_on_a_phone_the_page_links_are_behind_menu(app: DashPage, lang: str) -> None:
    app.page.set_viewport_size(VIEWPORTS["phone"])
    app.goto("/" + ("?lang=en" if lang == "en" else ""))
    toggle = app.page.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    for name in LINKS[lang]:
        expect(nav_link(app, name)).to_be_hidden()
    # The title, the language switch and « Menu » share the first row.
    brand, switch = box(app, ".navbar-brand"), box(app, "#lang-switch")
    menu = box(app, f"#{ids.NAV_TOGGLE}")
    assert abs(menu["y"] + menu["height"] / 2 - (brand["y"] + brand["height"] / 2)) < 8
    assert abs(switch["y"] + switch["height"] / 2 - (brand["y"] + brand["height"] / 2)) < 8
    assert menu["x"] + menu["width"] <= VIEWPORTS["phone"]["width"]
    # By keyboard: Enter opens, Escape closes and the focus is back on « Menu ».
    toggle.focus()
    app.page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for name in LINKS[lang]:
        expect(nav_link(app, name)).to_be_visible()
    app.page.keyboard.press("Tab")
    expect(nav_link(app, LINKS[lang][0])).to_be_focused()
    app.page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav_link(app, LINKS[lang][2])).to_be_hidden()
    expect(toggle).to_be_focused()
    # By touch: « Menu », then « Territoires »: the page opens, its menu closed.
    toggle.click()
    nav_link(app, LINKS[lang][2]).click()
    app.page.wait_for_url(re.compile(r"/territoires"))
    expect(app.page.locator("main h1")).to_have_text(LINKS[lang][2])
    expect(app.page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
    assert query_of(app.page.url).get("lang") == (["en"] if lang == "en" else None)


def test_on_a_wide_screen_every_link_shows_on_one_line(app: DashPage) -> None:
    app.page.set_viewport_size(VIEWPORTS["desktop"])
    app.goto("/")
    expect(app.page.locator(f"#{ids.NAV_TOGGLE}")).to_be_hidden()
    heights = []
    for name in LINKS["fr"]:
        link = nav_link(app, name)
        expect(link).to_be_visible()
        found = link.bounding_box()
        assert found is not None
        heights.append(found["height"])
    assert max(heights) - min(heights) < 1  # no link on two lines
    assert box(app, "header nav.navbar")["height"] < 70  # one row
