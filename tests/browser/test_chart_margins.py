"""Chart layout in the browser. Each figure asks for the margins its labels need
(dashboard.charts' margin estimates), so that plotly's automargin never has to widen one
after drawing, which draws the whole figure a second time; and the estimates waste little
room. In both languages, on both pages, in Debian's Chromium with its default sans-serif
(DejaVu Sans, the widest the estimates allow for). On a phone, charts keep room to plot and
scroll within their block."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from layouts import ids
from tests.browser.test_benchmark_page import STRASBOURG, wait_drawn

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

# The sides each figure sizes itself. The trend's legend and the heatmap's column labels
# take more or fewer rows with the page's width: those sides are left to automargin.
SIZED = {
    ids.HEATMAP.graph: "lr",
    ids.DISTRIBUTION.graph: "lb",
    ids.TREND.graph: "lt",
    ids.BENCH_CHANNELS.graph: "lb",
    ids.BENCH_CRITERIA.graph: "lb",
    ids.BENCH_TRAJECTORY.graph: "ltb",
    ids.BENCH_DISTRIBUTION.graph: "lb",
}
# Figures whose left margin holds text tick labels (category, channel, criterion names), and
# the room an estimate may leave beside the widest of them in this browser's font.
LABELLED = {ids.HEATMAP.graph, ids.DISTRIBUTION.graph, ids.BENCH_CHANNELS.graph,
            ids.BENCH_CRITERIA.graph}  # fmt: skip
MOST_WASTED_PX = 16

MARGINS_JS = """
ids => ids.map(id => {
  const gd = document.querySelector('#' + id + ' .js-plotly-plot');
  const size = gd._fullLayout._size;
  const labels = [...gd.querySelectorAll('.yaxislayer-above .ytick text')];
  const widest = Math.max(0, ...labels.map(t => t.getBBox().width));
  return [id, gd.layout.margin, {l: size.l, r: size.r, t: size.t, b: size.b}, widest];
})
"""


def _check(app: DashPage, graphs: list[str]) -> None:
    for graph, asked, drawn, widest in app.page.evaluate(MARGINS_JS, graphs):
        for side in SIZED[graph]:
            assert drawn[side] == asked[side], f"{graph}: margin {side} widened: {drawn}"
        if graph in LABELLED:
            # tick label + its standoff + padding: the estimate's excess over the need.
            assert asked["l"] - widest <= 20 + MOST_WASTED_PX, (graph, asked, widest)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_figures_keep_the_margins_they_ask_for(app: DashPage, lang: str) -> None:
    app.goto(f"/?lang={lang}")
    _check(app, [ids.HEATMAP.graph, ids.DISTRIBUTION.graph, ids.TREND.graph])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_my_structure_figures_keep_the_margins_they_ask_for(app: DashPage, lang: str) -> None:
    app.goto(f"/benchmark?structure={STRASBOURG}&edition=2022&lang={lang}")
    wait_drawn(app)
    graphs = [ids.BENCH_CHANNELS, ids.BENCH_CRITERIA, ids.BENCH_TRAJECTORY, ids.BENCH_DISTRIBUTION]
    _check(app, [chart.graph for chart in graphs])


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


@pytest.mark.parametrize("path", ["/", f"/benchmark?structure={STRASBOURG}&edition=2022&lang=en"])
def test_on_a_phone_charts_keep_room_to_plot_and_scroll_within_their_block(
    app: DashPage, path: str
) -> None:
    """At 390 px the page reflows (no sideways scroll of the page), while each chart keeps a
    usable plot width and scrolls sideways in its block, which the keyboard reaches and the
    chart's heading names; axe finds nothing at that width either."""
    from tests.browser.test_accessibility import summary, violations

    app.page.set_viewport_size(PHONE)
    app.goto(path)
    if path.startswith("/benchmark"):
        wait_drawn(app)
    found = app.page.evaluate(NARROW_JS)
    assert found["page"][0] <= found["page"][1], found["page"]
    assert len(found["charts"]) >= 3
    for chart in found["charts"]:
        assert chart["plot"] >= 240, chart  # squeezed to the screen: 2 px (heatmap), 61 px
        assert chart["scrolls"] and chart["tabindex"] == 0 and chart["name"], chart
    problems = violations(app)
    assert not problems, summary(problems)
