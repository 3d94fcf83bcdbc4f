"""The data page in a real browser: the active dataset's facts, and both downloads."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import TYPE_CHECKING

import openpyxl
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


def download(app: DashPage, button_id: str) -> tuple[str, bytes]:
    with app.page.expect_download() as info:
        app.page.locator(f"#{button_id}").click()
    file = info.value
    assert file.failure() is None
    with open(file.path(), "rb") as handle:
        return file.suggested_filename, handle.read()


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


def test_dataset_downloads_as_csv_zip_and_xlsx(app: DashPage) -> None:
    app.goto("/data")
    structures, tests = totals(app, "fr")

    name, content = download(app, ids.DATA_DOWNLOAD_CSV)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["structures.csv", "tests.csv"]
        tables = {
            member: list(csv.DictReader(io.StringIO(archive.read(member).decode("utf-8-sig"))))
            for member in archive.namelist()
        }
    assert len(tables["structures.csv"]) == structures
    assert len(tables["tests.csv"]) == tests
    ids_in_structures = {row["structure_id"] for row in tables["structures.csv"]}
    assert {row["structure_id"] for row in tables["tests.csv"]} <= ids_in_structures
    assert {row["edition"] for row in tables["tests.csv"]} == set(EDITIONS)

    name, content = download(app, ids.DATA_DOWNLOAD_XLSX)
    assert name.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        assert {"structures", "tests"} <= set(workbook.sheetnames)
        sheet_rows = {
            sheet: sum(1 for _ in workbook[sheet].iter_rows(min_row=2, values_only=True))
            for sheet in ("structures", "tests")
        }
    finally:
        workbook.close()
    assert sheet_rows == {"structures": structures, "tests": tests}
