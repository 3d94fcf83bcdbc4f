"""Chart layout in the browser. Each figure asks for the margins its labels need
(dashboard.render.charts' margin estimates), so that plotly's automargin never has to widen one
after drawing, which draws the whole figure a second time; no text plotly writes is cut by the
figure's edges. In both languages, on both pages, in Debian's Chromium with its default
sans-serif (DejaVu Sans, the widest the estimates allow for). On a phone, charts fit the
screen with their labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from layouts import ids
from tests.browser.test_benchmark_page import STRASBOURG, wait_drawn

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

# The sides each figure sizes itself. The trend's legend, the heatmap's column labels (slanted
# on a phone) and the comparison's legends take more or fewer rows with the page's width:
# those sides are left to automargin.
SIZED = {
    ids.HEATMAP.graph: "lrb",
    ids.DISTRIBUTION.graph: "lrb",
    ids.TREND.graph: "lt",
    ids.BENCH_CHANNELS.graph: "lrb",
    ids.BENCH_CRITERIA.graph: "lrb",
    ids.BENCH_TRAJECTORY.graph: "ltb",
    ids.BENCH_DISTRIBUTION.graph: "lb",
    ids.BENCH_ACT.graph: "lb",
}

# Per figure: the margins asked and drawn, and every text plotly wrote (row labels, notes,
# legend entries, colour bar title) as boxes relative to the figure.
MARGINS_JS = """
ids => ids.map(id => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  const size = gd._fullLayout._size;
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...gd.querySelectorAll('.annotation-text, .legendtext, .cbtitle text')]
    .filter(t => t.textContent.trim())
    .map(t => { const b = t.getBoundingClientRect();
                return {text: t.textContent, left: b.left - svg.left,
                        right: b.right - svg.left}; });
  return [id, gd.layout.margin, {l: size.l, r: size.r, t: size.t, b: size.b}, svg.width, texts];
})
"""


def _check(app: DashPage, graphs: list[str]) -> None:
    for graph, asked, drawn, width, texts in app.page.evaluate(MARGINS_JS, graphs):
        for side in SIZED[graph]:
            assert drawn[side] == asked[side], f"{graph}: margin {side} widened: {drawn}"
        for text in texts:  # nothing plotly writes is cut by the figure's edges
            assert text["left"] >= -0.5 and text["right"] <= width + 0.5, (graph, text, width)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_figures_keep_the_margins_they_ask_for(app: DashPage, lang: str) -> None:
    app.goto(f"/?lang={lang}")
    _check(app, [ids.HEATMAP.graph, ids.DISTRIBUTION.graph, ids.TREND.graph])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_my_structure_figures_keep_the_margins_they_ask_for(app: DashPage, lang: str) -> None:
    app.goto(f"/benchmark?structure={STRASBOURG}&edition=2022&lang={lang}")
    wait_drawn(app)
    graphs = [ids.BENCH_CHANNELS, ids.BENCH_CRITERIA, ids.BENCH_TRAJECTORY, ids.BENCH_DISTRIBUTION,
              ids.BENCH_ACT]  # fmt: skip
    _check(app, [chart.graph for chart in graphs])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_peer_s_rank_interval_keeps_the_margins_it_asks_for(app: DashPage, lang: str) -> None:
    app.goto(f"/benchmark?structure={STRASBOURG}&edition=2022&intervals=1&act=channel&lang={lang}")
    wait_drawn(app)
    _check(app, [ids.BENCH_DISTRIBUTION.graph, ids.BENCH_ACT.graph])


PHONE = {"width": 390, "height": 844}
NARROW_JS = """
() => ({
  page: [document.documentElement.scrollWidth, window.innerWidth],
  charts: [...document.querySelectorAll('.chart-scroll')]
    .filter(box => box.querySelector('.js-plotly-plot') && box.offsetParent)
    .map(box => {
      const gd = box.querySelector('.js-plotly-plot');
      const heading = document.getElementById(box.getAttribute('aria-labelledby'));
      return {id: gd.parentElement.id, plot: gd._fullLayout._size.w,
              scrolls: box.scrollWidth > box.clientWidth, tabindex: box.tabIndex,
              name: heading ? heading.textContent : null};
    }),
})
"""


@pytest.mark.parametrize(
    "path",
    ["/", "/?lang=en", f"/benchmark?structure={STRASBOURG}&edition=2022",
     f"/benchmark?structure={STRASBOURG}&edition=2022&lang=en"],
)  # fmt: skip
def test_on_a_phone_charts_fit_the_screen_with_their_labels(app: DashPage, path: str) -> None:
    """At 390 px the page reflows (no sideways scroll of the page) and so do the charts:
    their row labels sit above the rows, so each keeps a usable plot width without
    scrolling sideways, and none of their text is cut; axe finds nothing at that width."""
    from tests.browser.test_accessibility import summary, violations

    app.page.set_viewport_size(PHONE)
    app.goto(path)
    if path.startswith("/benchmark"):
        wait_drawn(app)
    found = app.page.evaluate(NARROW_JS)
    assert found["page"][0] <= found["page"][1], found["page"]
    assert len(found["charts"]) >= 3
    for chart in found["charts"]:
        assert chart["plot"] >= 240, chart
        assert not chart["scrolls"], chart
        assert chart["tabindex"] == 0 and chart["name"], chart
    graphs = [chart["id"] for chart in found["charts"] if chart["id"] in SIZED]
    for graph, _, _, width, texts in app.page.evaluate(MARGINS_JS, graphs):
        for text in texts:
            assert text["left"] >= -0.5 and text["right"] <= width + 0.5, (graph, text, width)
    problems = violations(app)
    assert not problems, summary(problems)
