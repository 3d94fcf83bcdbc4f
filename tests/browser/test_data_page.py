"""The data page in a real browser, in anonymous mode (the default): the active dataset's
facts, editions and dictionary, and no download of the named data
(test_data_page_named.py: the downloads in named mode)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from dashboard.i18n import translate
from layouts import ids

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

EDITIONS = [str(year) for year in range(2013, 2023)]  # the demo data's editions
GROUPING = {"fr": "[\u202f\u00a0 ]", "en": ","}  # thousands separators as each language writes


def count(text: str, lang: str) -> int:
    """An integer as the page writes it ("2 254" in French, "2,254" in English)."""
    assert re.fullmatch(rf"\d{{1,3}}({GROUPING[lang]}\d{{3}})*", text), text
    return int(re.sub(r"\D", "", text))


def facts(app: DashPage) -> dict[str, str]:
    """The active dataset's facts: {term: description}."""
    pairs = app.page.evaluate(
        """() => [...document.querySelectorAll('main dl dt')]
                   .map(dt => [dt.textContent.trim(), dt.nextElementSibling.textContent.trim()])"""
    )
    return dict(pairs)


def totals(app: DashPage, lang: str) -> tuple[int, int]:
    """The (structures, tests) the page states for the whole dataset."""
    text = facts(app)[translate("ui.data.totals", lang)]
    pattern = translate("ui.data.totals_value", lang, structures="(?P<s>.+?)", tests="(?P<t>.+?)")
    match = re.fullmatch(pattern, text)
    assert match, text
    return count(match["s"], lang), count(match["t"], lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_data_page_states_the_active_dataset(app: DashPage, lang: str) -> None:
    app.goto("/data" + ("?lang=en" if lang == "en" else ""))
    page = app.page
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.locator("h1")).to_have_text(translate("ui.data.title", lang))
    expect(page.locator(f"#{ids.DEMO_BANNER}")).to_be_visible()
    shown = facts(app)
    assert list(shown)[:4] == [
        translate(key, lang)
        for key in ("ui.data.source", "ui.data.version", "ui.data.totals", "ui.data.editions_count")
    ]
    assert shown[translate("ui.data.source", lang)] == translate("ui.data.demo_source", lang)
    assert shown[translate("ui.data.version", lang)].strip()
    assert shown[translate("ui.data.editions_count", lang)] == f"{EDITIONS[0]}–{EDITIONS[-1]}"
    structures, tests = totals(app, lang)
    assert 0 < structures < tests

    # One row per edition; their tests add up to the total, and no edition has more
    # structures than the dataset. (Tables are drawn by dcc.Markdown, whose renderer is a
    # chunk loaded on first use: wait for it.)
    expect(page.locator("main table").first.locator("tbody tr").first).to_be_visible()
    rows = page.evaluate(
        """() => [...document.querySelectorAll('main table')[0].querySelectorAll('tbody tr')]
                   .map(tr => [...tr.children].map(c => c.textContent.trim()))"""
    )
    assert [row[0] for row in rows] == EDITIONS
    assert sum(count(row[2], lang) for row in rows) == tests
    assert all(0 < count(row[1], lang) <= structures for row in rows)
    # The data dictionary names the contract's key columns.
    dictionary = page.locator("main table").nth(1)
    for column in ("structure_id", "edition", "channel", "score"):
        expect(dictionary.locator("tbody th", has_text=column).first).to_be_visible()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_anonymous_mode_offers_no_dataset_download(app: DashPage, lang: str) -> None:
    """Anonymous mode (the default): the dictionary and the counts, not the named data."""
    app.goto("/data" + ("?lang=en" if lang == "en" else ""))
    page = app.page
    expect(page.locator(f"#{ids.DATA_WITHHELD}")).to_have_text(
        translate("ui.data.download_withheld", lang)
    )
    expect(page.locator("main table").nth(1).locator("tbody tr").first).to_be_visible()
    assert page.locator("main button").count() == 0
    assert page.get_by_text(translate("ui.data.download_csv", lang)).count() == 0
    for element in (ids.DATA_DOWNLOAD_CSV, ids.DATA_DOWNLOAD_XLSX, ids.DATA_DOWNLOAD):
        assert page.locator(f"#{element}").count() == 0
