"""Each figure asks for the margins its labels need (dashboard.charts' margin estimates), so
that plotly's automargin never has to widen one after drawing, which draws the whole figure a
second time; and the estimates waste little room. In both languages, on both pages, in
Debian's Chromium with its default sans-serif (DejaVu Sans, the widest the estimates allow
for)."""

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
