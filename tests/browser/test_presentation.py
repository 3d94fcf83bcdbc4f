"""The presentation mode and the report in a real browser (issue 15), reached by clicks from
the home page: a 1920 × 1080 screen walked by keyboard from the first slide to the last and
back, what is seen at each step (the slide's title, its size, body text of at least 28 px,
the address); a shared address opens its slide; clicks move; Escape goes back to the page;
axe finds nothing. The report's page and PDF, and a chart's PNG, from the page's buttons."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image
from playwright.sync_api import Page, Route, expect
from pypdf import PdfReader

from dashboard.intake.demo import demo_dataset
from dashboard.pages.presentation import presentation_deck
from dashboard.pages.report import SourceInfo
from dashboard.render.images import DOWNLOAD_WIDTH, PNG_SCALE
from dashboard.urlstate import BenchmarkState
from layouts import ids
from tests.browser.conftest import BENCH_GRAPHS, BOURG, TIMEOUT_MS, PageMonitor, query_of
from tests.browser.test_accessibility import AXE, WCAG_TAGS, summary

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser
SCREEN = {"width": 1920, "height": 1080}
MIN_BODY_PX = 28

# What a person sees: the one slide shown, its box, its title, the size of its text.
SHOWN_JS = """
() => {
  const shown = [...document.querySelectorAll('.slide')].filter(s => !s.hidden
      && getComputedStyle(s).display !== 'none');
  if (shown.length !== 1) return {count: shown.length};
  const slide = shown[0];
  const box = slide.getBoundingClientRect();
  const heading = slide.querySelector('h1, h2');
  const texts = [...slide.querySelectorAll('.body p, .caption, td, .card .value')]
    .map(el => parseFloat(getComputedStyle(el).fontSize));
  const body = [...slide.querySelectorAll('.body > p')]
    .map(el => parseFloat(getComputedStyle(el).fontSize));
  const img = slide.querySelector('figure img');
  const pic = img ? img.getBoundingClientRect() : null;
  return {count: 1, title: heading.textContent, width: box.width, height: box.height,
          root: parseFloat(getComputedStyle(document.documentElement).fontSize),
          body, smallest: Math.min(...texts),
          image: pic ? {width: pic.width, height: pic.height, bottom: pic.bottom,
                        complete: img.complete && img.naturalWidth > 0} : null,
          overflow: slide.scrollHeight > slide.clientHeight + 1,
          focused: document.activeElement === heading};
}
"""


def deck_titles(lang: str) -> list[str]:
    dataset = demo_dataset()
    state = BenchmarkState(structure=BOURG, edition=2022, lang=lang)  # type: ignore[arg-type]
    deck = presentation_deck(dataset, state, False, SourceInfo(dataset.version, None, True))
    assert deck is not None
    return [slide.title for slide in deck.slides]


def shown(page: Page) -> dict[str, Any]:
    return dict(page.evaluate(SHOWN_JS))


def expect_slide(page: Page, number: int, title: str) -> dict[str, Any]:
    """Until slide `number` (1-based) titled `title` is the one shown and the address says
    so; then what a person sees of it, checked for a room's screen."""
    page.wait_for_url(lambda url: query_of(url).get("slide") == [str(number)])
    page.wait_for_function(
        "t => { const s = [...document.querySelectorAll('.slide')].filter(s => !s.hidden);"
        " return s.length === 1 && s[0].querySelector('h1, h2').textContent === t; }",
        arg=title,
    )
    seen = shown(page)
    assert seen["count"] == 1 and seen["title"] == title
    assert seen["width"] >= SCREEN["width"] - 1 and seen["height"] >= 0.85 * SCREEN["height"]
    assert seen["root"] >= MIN_BODY_PX
    assert all(size >= MIN_BODY_PX for size in seen["body"]), seen["body"]
    assert seen["smallest"] >= 0.7 * MIN_BODY_PX, seen  # captions, cells: 20 px and more
    assert not seen["overflow"], seen
    if seen["image"] is not None:
        assert seen["image"]["complete"] and seen["image"]["height"] >= 400, seen["image"]
        assert seen["image"]["bottom"] <= SCREEN["height"], seen["image"]
    return seen


def to_presentation(app: DashPage, lang: str) -> None:
    """Home -> « Ma structure » -> search and pick Bourg-en-Bresse -> its presentation link."""
    app.open_home(lang)
    app.open_structure(lang, "bourg", re.compile("^Ville de Bourg-en-Bresse"))
    link = app.page.locator(f"#{ids.TAKEAWAY_PRESENTATION}")
    expect(link).to_have_attribute("href", re.compile(f"structure={BOURG}&edition=2022"))
    link.click()
    app.page.wait_for_url(lambda url: "/presentation?" in url)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_presentation_walked_by_keyboard_to_the_end_and_back(app: DashPage, lang: str) -> None:
    app.page.set_viewport_size(SCREEN)
    to_presentation(app, lang)
    titles = deck_titles(lang)
    assert titles[0] == ("Villes de 20 000 à 50 000 habitants" if lang == "fr"
                         else "Cities of 20,000–50,000 inhabitants")  # fmt: skip
    first = expect_slide(app.page, 1, titles[0])
    assert first["image"] is not None  # the category's distribution
    keys = ["ArrowRight", "PageDown", " ", "ArrowDown"]
    for number in range(2, len(titles) + 1):
        app.page.keyboard.press(keys[number % len(keys)])
        seen = expect_slide(app.page, number, titles[number - 1])
        assert seen["focused"]  # the new slide's title has focus (read out)
    app.page.keyboard.press("ArrowRight")  # past the last: stays there
    expect_slide(app.page, len(titles), titles[-1])
    expect(app.page.locator("#slide-next")).to_be_disabled()
    back = ["ArrowLeft", "PageUp", "Shift+Space", "ArrowUp"]
    for number in range(len(titles) - 1, 0, -1):
        app.page.keyboard.press(back[number % len(back)])
        expect_slide(app.page, number, titles[number - 1])
    app.page.keyboard.press("End")
    expect_slide(app.page, len(titles), titles[-1])
    app.page.keyboard.press("Home")
    expect_slide(app.page, 1, titles[0])
    app.page.keyboard.press("Escape")
    app.page.wait_for_url(
        lambda url: (
            url.split("?")[0].endswith("/benchmark")
            and query_of(url).get("structure") == [BOURG]
            and query_of(url).get("lang") == (["en"] if lang == "en" else None)
        )
    )
    app.visible_charts(BENCH_GRAPHS)


def test_a_shared_address_opens_its_slide_and_clicks_move(app: DashPage) -> None:
    from tests.browser.test_accessibility import violations

    app.page.set_viewport_size(SCREEN)
    titles = deck_titles("fr")
    app.page.goto(f"{app.base_url}/presentation?structure={BOURG}&edition=2022&slide=4")
    expect_slide(app.page, 4, titles[3])
    app.page.locator(".slide:not([hidden]) h2").click()  # a click on the slide: next
    expect_slide(app.page, 5, titles[4])
    app.page.get_by_role("button", name="‹ Précédente").click()
    expect_slide(app.page, 4, titles[3])
    app.page.get_by_role("button", name="Suivante ›").focus()
    app.page.keyboard.press("Space")  # Space presses the focused button, once
    expect_slide(app.page, 5, titles[4])
    assert app.page.title().endswith(f"{titles[4]} (5/{len(titles)})")
    for number in (1, 6):  # a slide of cards and a chart, a table slide
        app.page.goto(f"{app.base_url}/presentation?structure={BOURG}&edition=2022&slide={number}")
        expect_slide(app.page, number, titles[number - 1])
        problems = violations(app)
        assert not problems, summary(problems)
    app.page.goto(f"{app.base_url}/presentation?structure={BOURG}&edition=2022&slide=99")
    expect_slide(app.page, 1, titles[0])  # a slide the deck has not: the first


def test_the_report_and_a_chart_image_from_the_page_buttons(
    app: DashPage, page_monitor: PageMonitor
) -> None:
    app.page.set_viewport_size({"width": 1440, "height": 900})
    app.open_home("fr")
    app.open_structure("fr", "bourg", re.compile("^Ville de Bourg-en-Bresse"))
    report = app.page.locator(f"#{ids.TAKEAWAY_REPORT}")
    expect(report).to_have_attribute("href", re.compile(f"structure={BOURG}"))
    with app.page.expect_popup() as popup_info:
        report.click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert "/rapport?" in popup.url and query_of(popup.url)["structure"] == [BOURG]
    expect(popup.locator("h1")).to_have_text("Ville de Bourg-en-Bresse")
    expect(popup.locator(".card").first).to_be_visible()
    expect(popup.get_by_role("link", name="Rapport PDF")).to_be_visible()
    found = AXE.run(
        popup,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    ).response["violations"]
    assert not found, summary(found)
    popup.close()

    # The PDF takes seconds: while it is made (its answer held here), the page says so and a
    # second click does not ask again; then it is saved under the server's name.
    status = app.page.locator(f"#{ids.TAKEAWAY_STATUS}")
    pdf_link = app.page.locator(f"#{ids.TAKEAWAY_PDF}")
    held: list[Route] = []
    app.page.route("**/rapport.pdf*", lambda route: held.append(route))
    pdf_link.click()
    expect(status).to_have_text("Préparation du fichier PDF… quelques secondes.")
    expect(pdf_link).to_have_attribute("aria-disabled", "true")
    pdf_link.click(force=True)  # said disabled; clicked anyway, it asks nothing more
    for _ in range(TIMEOUT_MS // 20):  # until the held request reaches its route
        if held:
            break
        app.page.wait_for_timeout(20)
    assert len(held) == 1
    with app.page.expect_download() as info:
        held[0].continue_()
    app.page.unroute("**/rapport.pdf*")
    expect(status).to_have_text("")
    expect(pdf_link).not_to_have_attribute("aria-disabled", "true")
    assert info.value.suggested_filename == "ville-de-bourg-en-bresse_w-bourg-en-bresse_2022.pdf"
    with open(info.value.path(), "rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(handle).pages)
    assert "Ville de Bourg-en-Bresse" in text and "1 / 53" in text

    # A file that could not be made: the reason the server gave, in the status line.
    app.page.route(
        "**/rapport.pptx*",
        lambda route: route.fulfill(
            status=503, content_type="text/html", body="<main><p>Serveur occupé.</p></main>"
        ),
    )
    app.page.locator(f"#{ids.TAKEAWAY_PPTX}").click()
    expect(status).to_have_text("Le fichier n'a pas pu être préparé : Serveur occupé.")
    app.page.unroute("**/rapport.pptx*")
    # Chromium logs the 503 as a console error: the one this test asked for.
    page_monitor.console_errors[:] = [e for e in page_monitor.console_errors if "503" not in e]

    # The chart's PNG button, by keyboard, drawn on the server with its title and source.
    button = app.page.get_by_role(
        "button", name="Enregistrer « Score par canal face aux pairs » en image PNG"
    )
    button.focus()
    with app.page.expect_download() as info:
        app.page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == (
        "score-par-canal-face-aux-pairs_ville-de-bourg-en-bresse_2022.png"
    )
    with open(download.path(), "rb") as handle:
        data = handle.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.size[0] == PNG_SCALE * DOWNLOAD_WIDTH
