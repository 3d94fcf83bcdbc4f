"""The side-by-side comparison in a real browser (signed in as a consultant): reached
by clicks from the home page, with its own search box; the user's own structure is always one
of the compared; a compared structure not audited in the edition is named in a note."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from layouts import ids
from tests.browser.named import app_server, signed_in  # noqa: F401 (fixtures)

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser


def test_compare_with_its_own_picker_keeps_the_own_structure(app: DashPage) -> None:
    app.page.set_viewport_size({"width": 1440, "height": 900})
    app.goto("/")
    app.open_structure("fr", "strasbourg", re.compile("^Ville de Strasbourg"))

    # The comparison has its own search box: the main one still says "strasbourg".
    box = app.page.locator(f"#{ids.BENCH_COMPARE_SEARCH}")
    box.press_sequentially("bourg en bresse", delay=20)
    expect(app.page.locator(f"#{ids.BENCH_COMPARE_STATUS}")).to_contain_text("1 résultat")
    app.page.locator(f"#{ids.BENCH_COMPARE}").click()
    app.page.get_by_role("option", name=re.compile("^Ville de Bourg-en-Bresse")).click()
    app.page.keyboard.press("Escape")
    expect(app.page.locator(f"#{ids.BENCH_SEARCH}")).to_have_value("strasbourg")

    section = app.page.locator(f"#{ids.COMPARE_SECTION}")
    expect(section).to_be_visible()
    app.visible_charts([c.graph for c in ids.COMPARE_CHARTS])
    names = app.page.evaluate(
        """id => document.querySelector('#' + id + ' .js-plotly-plot').data.map(t => t.name)""",
        ids.COMPARE_CHANNELS.graph,
    )
    assert names == ["Ville de Strasbourg", "Ville de Bourg-en-Bresse"]  # own first, always

    # 2014: Strasbourg was audited, Bourg-en-Bresse was not: the note names it.
    app.page.locator(f"#{ids.BENCH_EDITION}").click()
    app.page.get_by_role("option", name="2014", exact=True).click()
    expect(app.page.locator(f"#{ids.BENCH_COMPARE_NOTE}")).to_contain_text(
        "Non auditée en 2014 : Ville de Bourg-en-Bresse"
    )
