"""The reports of a whole edition, made by the app in the background (issue 15, point 4), in a
real browser signed in as a consultant: reached by clicks from the home page, a progress bar
with structures done / total and time left, the zip to download when done; a batch stopped
half-way keeps the reports finished before the stop."""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from dashboard.intake.demo import demo_dataset
from dashboard.pages.report import batch_structures
from layouts import ids
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.named import app_server, signed_in  # noqa: F401 (fixtures)
from tests.rendered import pdf_text

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BATCH_TIMEOUT_MS = 240_000  # 16 to 90 reports on a loaded 2-core machine


def open_batch(app: DashPage, category: str) -> None:
    """From the home page to the data page's batch panel, the category picked by clicks."""
    app.goto("/")
    app.follow_nav("Données")
    expect(app.page.locator(f"#{ids.BATCH}-heading")).to_be_visible()
    app.page.locator(f"#{ids.BATCH_CATEGORY}").click()
    app.page.get_by_role("option", name=category, exact=True).click()


def test_a_category_s_reports_come_as_one_zip_with_progress(app: DashPage) -> None:
    expected = batch_structures(demo_dataset(), 2022, ["region"])
    open_batch(app, "Conseils régionaux")
    app.page.get_by_role("button", name="Produire les rapports").click()
    status = app.page.locator(f"#{ids.BATCH_STATUS}")
    # The progress line: done / total, and once a report is done the time left.
    expect(status).to_contain_text(
        re.compile(rf"\d+ / {len(expected)} rapports"), timeout=BATCH_TIMEOUT_MS
    )
    link = app.page.locator(f"#{ids.BATCH_RESULT}-link")
    expect(link).to_be_visible(timeout=BATCH_TIMEOUT_MS)
    expect(app.page.locator(f"#{ids.BATCH_RESULT}")).to_contain_text(
        f"Terminé : {len(expected)} fichiers dans le zip."
    )
    progress = app.page.locator(f"#{ids.BATCH_PROGRESS}")
    assert progress.get_attribute("max") == str(len(expected))
    with app.page.expect_download(timeout=TIMEOUT_MS) as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "rapports_2022_region.zip"
    with zipfile.ZipFile(download.path()) as bundle:
        names = bundle.namelist()
        assert len(names) == len(expected) and all(n.endswith("_2022.pdf") for n in names)
        for sid, _ in expected:
            assert any(sid.lower() in n for n in names), sid
        assert all(bundle.read(n).startswith(b"%PDF") for n in names)
        # Anonymous whatever the mode: each report names its own structure and no other.
        for sid, name in expected:
            (own,) = [n for n in names if f"_{sid.lower()}_" in n]
            text = pdf_text(bundle.read(own))
            assert name in text
            others = [(s, n) for s, n in expected if s != sid]
            assert [n for s, n in others if n not in name and n in text] == []
            assert [s for s, _ in others if s in text] == []
    expect(app.page.get_by_role("button", name="Produire les rapports")).to_be_enabled()
    expect(app.page.get_by_role("button", name="Arrêter")).to_be_disabled()
    # The page loaded again (or left and come back to) lists the batch with its link.
    app.page.reload()
    recent = app.page.locator(f"#{ids.BATCH}-recent")
    expect(recent).to_contain_text(
        f"rapports_2022_region.zip : terminée, {len(expected)} / {len(expected)} rapports"
    )
    with app.page.expect_download(timeout=TIMEOUT_MS) as again:
        recent.get_by_role("link", name="Télécharger").first.click()
    assert again.value.suggested_filename == "rapports_2022_region.zip"


def test_a_stopped_batch_keeps_the_reports_finished_before(app: DashPage) -> None:
    total = len(batch_structures(demo_dataset(), 2022, ["department"]))
    open_batch(app, "Conseils départementaux")
    app.page.get_by_role("button", name="Produire les rapports").click()
    status = app.page.locator(f"#{ids.BATCH_STATUS}")
    expect(status).to_contain_text(
        re.compile(rf"^[1-9]\d* / {total} rapports"), timeout=BATCH_TIMEOUT_MS
    )
    app.page.get_by_role("button", name="Arrêter").click()
    expect(app.page.locator(f"#{ids.BATCH_CANCEL_NOTE}")).to_contain_text("Arrêt demandé")
    result = app.page.locator(f"#{ids.BATCH_RESULT}")
    expect(result).to_contain_text("Arrêté :", timeout=BATCH_TIMEOUT_MS)
    made = int(re.search(r"(\d+) fichiers?", result.inner_text()).group(1))  # type: ignore[union-attr]
    assert 0 < made < total
    with app.page.expect_download(timeout=TIMEOUT_MS) as info:
        app.page.locator(f"#{ids.BATCH_RESULT}-link").click()
    with zipfile.ZipFile(info.value.path()) as bundle:
        assert len(bundle.namelist()) == made
