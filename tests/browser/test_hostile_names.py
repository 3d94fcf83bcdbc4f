"""Names holding markup, in a real browser (issue 11, fault 2): contract §2 says names are
plain text. A name such as `<a href="…">Cliquez ici</a>` must show as those characters in
every chart (titles, legends, annotations, hovers), never become a live link or bold text,
and never be run as HTML in the page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from dashboard.intake.demo import demo_dataset
from dashboard.intake.export import write_dataset
from dashboard.intake.model import Dataset
from layouts import ids
from tests.browser.conftest import AppServer, consultant_app
from tests.browser.named import signed_in  # noqa: F401 (fixtures)
from tests.servers import import_with_cli

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

LINK = '<a href="https://evil.example/">Cliquez ici</a>'
BOLD = "<b>Gras</b> & Fils"
BREAK = "Ligne<br>cassée <img src=x onerror=alert(1)>"
HOSTILE = {"W-STRASBOURG": LINK, "W-BOURG-EN-BRESSE": BOLD, "W-MAYENNE": BREAK}


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The demo data with three winners renamed with markup, imported with the CLI, served
    to a consultant (peer names in the charts)."""
    work = tmp_path_factory.mktemp("hostile")
    demo = demo_dataset()
    structures = demo.structures.copy()
    for sid, name in HOSTILE.items():
        structures.loc[structures["structure_id"] == sid, "name"] = name
    write_dataset(Dataset.build(structures, demo.tests, source="hostile"), work / "files")
    import_with_cli(work / "data", work / "files")
    with consultant_app(work) as server:
        yield server


MARKUP_JS = """
() => ({
  links: document.querySelectorAll('.js-plotly-plot a, main a[href*="evil"]').length,
  bold: [...document.querySelectorAll('.js-plotly-plot text tspan')]
          .filter(t => (t.getAttribute('style') || '').includes('bold')).length,
  images: document.querySelectorAll('main img').length,
  texts: [...document.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent),
})
"""


def test_markup_in_names_stays_text_in_every_chart(app: DashPage) -> None:
    compare = ",".join(sid for sid in HOSTILE if sid != "W-STRASBOURG")
    app.goto(f"/benchmark?structure=W-STRASBOURG&edition=2022&compare={compare}")
    for chart in [*ids.BENCH_CHARTS, *ids.COMPARE_CHARTS]:
        if chart.plotted:
            expect(app.page.locator(f"#{chart.graph} .main-svg").first).to_be_visible()
    app.page.wait_for_function("() => !window.__bt.busy()")
    found = app.page.evaluate(MARKUP_JS)
    assert found["links"] == 0 and found["bold"] == 0 and found["images"] == 0, found
    texts = " ".join(found["texts"])
    # The names, character for character (plotly's legends may wrap a long one).
    assert (
        "Cliquez ici</a>" in texts
        and '<a href="https://evil.example/">' in texts.replace("\n", " ")
    ) or "evil.example" in texts
    assert "<b>Gras</b> & Fils" in texts
    # In the page's HTML too: the summary names the structure as text.
    expect(app.page.locator(f"#{ids.BENCH_SUMMARY}")).to_contain_text(LINK)


def test_markup_in_names_stays_text_in_the_overview_winners(app: DashPage) -> None:
    app.goto("/")
    table = app.page.locator(f"#{ids.WINNERS.table}")
    expect(table).to_contain_text(LINK)
    expect(table).to_contain_text(BREAK)
    found = app.page.evaluate(MARKUP_JS)
    assert found["links"] == 0 and found["images"] == 0, found
