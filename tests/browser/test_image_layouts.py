"""Every chart of « Ma structure » and the overview, at every size the deliverables draw it
(the downloaded image, the PDF, the slides, the presentation), as kaleido draws it: laid out
in Debian's Chromium, no legend entry overlaps the x axis title or the source line, and no
text leaves the image. (At image widths of 760–960 px the channel chart's legend once sat
on its "Score" axis title.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from dashboard.intake.demo import demo_dataset
from dashboard.pages import overview as overview_page
from dashboard.pages.report import SourceInfo, structure_report
from dashboard.pages.sections import report_section
from dashboard.render.images import (
    DOWNLOAD_WIDTH,
    ImageRequest,
    chart_request,
    for_image,
    render_images,
)
from dashboard.render.presentation import DRAW_WIDTH
from dashboard.render.report_pdf import PDF_CHART_WIDTH
from dashboard.render.slides import SLIDE_CHART_WIDTH
from dashboard.urlstate import BenchmarkState, OverviewState

pytestmark = pytest.mark.browser

STRUCTURES = ("W-BOURG-EN-BRESSE", "W-STRASBOURG")
WIDTHS = sorted({PDF_CHART_WIDTH, DOWNLOAD_WIDTH, DRAW_WIDTH, SLIDE_CHART_WIDTH})

BOXES_JS = """
() => {
  const svg = document.querySelector('svg');
  const frame = svg.getBoundingClientRect();
  const written = t => t.textContent.trim() !== '';
  const box = el => { const b = el.getBoundingClientRect();
    return {left: b.left - frame.left, right: b.right - frame.left, top: b.top - frame.top,
            bottom: b.bottom - frame.top, text: el.textContent}; };
  return {
    width: frame.width, height: frame.height,
    xtitle: [...svg.querySelectorAll('.g-xtitle text')].map(box),
    legend: [...svg.querySelectorAll('.legend .traces')].map(box),
    annotations: [...svg.querySelectorAll('.annotation-text')].filter(written).map(box),
    texts: [...svg.querySelectorAll('text')].filter(written).map(box),
  };
}
"""


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    )


def _requests(lang: str) -> list[tuple[str, ImageRequest]]:
    dataset = demo_dataset()
    source = SourceInfo(dataset.version, None, is_demo=True)
    out: list[tuple[str, ImageRequest]] = []
    for sid in STRUCTURES:
        state = BenchmarkState(structure=sid, edition=2022, lang=lang)  # type: ignore[arg-type]
        content = structure_report(dataset, state, False, source)
        assert content is not None
        for section in content.sections:
            if section.figure is None:
                continue
            for width in WIDTHS:
                name = f"{sid}/{section.key}@{width}"
                out.append(
                    (name + "/plain", ImageRequest(for_image(section.figure, width), "svg", width))
                )
            out.append((f"{sid}/{section.key}/framed", chart_request(section, content, "svg")))
    view = overview_page.OverviewView(dataset, OverviewState(2022, lang=lang))  # type: ignore[arg-type]
    for spec in overview_page.SECTIONS:
        if spec.plotted:  # the map is HTML: no image
            section = report_section(spec, view)
            assert section.figure is not None
            for width in WIDTHS:
                out.append(
                    (
                        f"overview/{section.key}@{width}",
                        ImageRequest(for_image(section.figure, width), "svg", width),
                    )
                )
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_legend_sits_on_an_axis_title_at_any_image_size(browser: Browser, lang: str) -> None:
    named = _requests(lang)
    svgs = render_images([request for _, request in named])
    page = browser.new_page()
    problems = []
    try:
        for (name, _), svg in zip(named, svgs, strict=True):
            page.set_content(
                f"<!DOCTYPE html><html><body style='margin:0'>{svg.decode()}</body></html>"
            )
            found = page.evaluate(BOXES_JS)
            for entry in found["legend"]:
                for other in found["xtitle"] + found["annotations"]:
                    if _overlap(entry, other):
                        problems.append(
                            f"{name}: legend {entry['text']!r} on {other['text'][:40]!r}"
                        )
            for text in found["texts"]:
                if (
                    text["left"] < -0.5
                    or text["right"] > found["width"] + 0.5
                    or text["bottom"] > found["height"] + 0.5
                ):
                    problems.append(f"{name}: {text['text'][:40]!r} leaves the image")
    finally:
        page.close()
    assert not problems, "\n".join(problems)
