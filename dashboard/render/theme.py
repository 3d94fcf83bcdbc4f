"""The look shared by every figure: trace types, fonts and colours, plotly's config, plain
text, and the pieces of a layout (base figure, axes, margins, legends, rows labelled from
above).

Figures are written as the JSON plotly.js reads, not through plotly.graph_objects: building
validated graph objects cost more than everything else in a callback, and these figures are
only ever sent to the browser. Numbers follow the locale (French "5,5" and "77 %"): the
layout's `separators` comes from the language and every hover and cell text uses d3 formats
that honour it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Final

import pandas as pd

from dashboard.i18n import normalise_lang
from dashboard.render.palette import HIGHLIGHT
from dashboard.render.text_metrics import EDGE, FONT_SIZE, wrap_label

Figure = dict[str, Any]
# Every trace type the figures below use: the app's plotly.js bundle registers these only
# (dashboard.render.plotly_bundle; a unit test checks every figure against it).
TRACE_TYPES: Final = ("scatter", "bar", "box", "heatmap")

FONT_FAMILY: Final = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"
)
TEXT_COLOUR: Final = "#212529"
GRID_COLOUR: Final = "#dee2e6"
BAND_COLOUR: Final = "#949494"  # 3:1 on white (WCAG 1.4.11): the Q1–Q3 band stays visible
BAND_FILL: Final = "rgba(148,148,148,0.35)"
MEDIAN_COLOUR: Final = "#212529"
PEER_COLOUR: Final = "#5C5C5C"
NOTE_COLOUR: Final = "#495057"
# One per compared structure; the user's own structure first, in the highlight colour it
# has on every other chart.
COMPARE_COLOURS: Final = (HIGHLIGHT, "#0072B2", "#009E73", "#882255")
MARK_COLOURS: Final[dict[str | None, str]] = {
    "strength": "#117733",
    "weakness": "#B3261E",
    None: "#5C5C5C",
}
SYMBOLS: Final = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for `lang`."""
    return ", " if normalise_lang(lang) == "fr" else ".,"


def graph_config(lang: str) -> dict[str, Any]:
    """dcc.Graph config: plotly's own tooltips in `lang`, no modebar (it covered chart text
    and added six tab stops per chart: each chart block has its own "save as image" button),
    nothing that leaves the intranet."""
    return {
        "displayModeBar": False,
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
        "locale": normalise_lang(lang),
    }


def plain(text: object) -> str:
    """`text` as plotly shows it, never as markup (contract §2: names are plain text).

    plotly.js reads a subset of HTML in every text it draws (titles, ticks, legends, hovers,
    annotations): `<a href>` becomes a live link, `<b>` and `<br>` take effect. Its entity
    table turns `&lt;`, `&gt;` and `&amp;` back into the characters, so escaping these three
    shows the name exactly as written."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def values(series: Iterable[Any]) -> list[Any]:
    """A JSON-ready list: NaN and NA become null, numpy scalars plain numbers."""
    out: list[Any] = []
    for value in series:
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            out.append(None)
        elif hasattr(value, "item"):
            item = value.item()
            out.append(None if isinstance(item, float) and math.isnan(item) else item)
        else:
            out.append(value)
    return out


def legend(y: float) -> dict[str, Any]:
    """A horizontal legend at paper height `y` (< 0: under the plot), left-aligned."""
    return {"orientation": "h", "y": y, "x": 0}


def margin(l: int = EDGE, r: int = EDGE, t: int = EDGE, b: int = EDGE) -> dict[str, int]:  # noqa: E741
    return {"l": l, "r": r, "t": t, "b": b}


def axis(title: str | None = None, **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {"gridcolor": GRID_COLOUR, "automargin": True, **extra}
    if title is not None:
        axis["title"] = {"text": title}
    return axis


MIN_HEIGHT: Final = 200  # px: a chart of one row is still a chart a person can read


def base_figure(data: list[dict[str, Any]], lang: str, height: int, **layout: Any) -> Figure:
    base: dict[str, Any] = {
        "separators": separators(lang),
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "height": max(height, MIN_HEIGHT),
        "margin": margin(),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
    base.update(layout)
    return {"data": data, "layout": base}


def x_line(x: float, line: dict[str, Any]) -> dict[str, Any]:
    """A shape: a vertical line at `x` (in the x axis' units) across the plot's whole height,
    drawn with plotly's `line` style (colour, width in px, dash)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": dict(line),
    }


def y_line(y: float, line: dict[str, Any]) -> dict[str, Any]:
    """A shape: a horizontal line at `y` (in the y axis' units) across the plot's whole
    width, drawn with plotly's `line` style (colour, width in px, dash)."""
    return {
        "type": "line",
        "xref": "paper",
        "x0": 0,
        "x1": 1,
        "yref": "y",
        "y0": y,
        "y1": y,
        "line": dict(line),
    }


# The selected edition's (or period's) line: dotted, in the text's colour.
SELECTED_LINE: Final = {"color": TEXT_COLOUR, "width": 2, "dash": "dot"}


def edition_marker(
    edition: int, text: str, height: float = 1.0
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The selected `edition`'s line (x_line, SELECTED_LINE) and its note `text`, written
    at paper height `height` (1.0: on the plot's top edge)."""
    shape = x_line(edition, SELECTED_LINE)
    note = {
        "x": edition,
        "y": height,
        "xref": "x",
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "yanchor": "bottom",
        "font": {"color": TEXT_COLOUR},
    }
    return shape, note


def peer_band(
    x: list[Any],
    q1: list[Any],
    median: list[Any],
    q3: list[Any],
    names: tuple[str, str],
    **median_hover: Any,
) -> list[dict[str, Any]]:
    """The three traces of a peer group's Q1–Q3 band and median over `x` (editions or
    periods; None: a gap): an invisible Q3 line, Q1 filled up to it, then the median as a
    dashed line with a tick at each value. `names`: the band's and the median's names in
    the legend; `median_hover`: the median trace's hover keys (text or customdata,
    hovertemplate)."""
    band_name, median_name = names
    return [
        {
            "type": "scatter",
            "mode": "lines",
            "x": x,
            "y": q3,
            "line": {"width": 0},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": x,
            "y": q1,
            "line": {"width": 0},
            "fill": "tonexty",
            "fillcolor": BAND_FILL,
            "name": band_name,
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": x,
            "y": median,
            "cliponaxis": False,
            "line": {"color": MEDIAN_COLOUR, "dash": "dash", "width": 2},
            "marker": {
                "symbol": "line-ew",
                "size": 10,
                "line": {"width": 2, "color": MEDIAN_COLOUR},
            },
            "name": median_name,
            **median_hover,
        },
    ]


def own_line(x: list[Any], own: list[Any], own_label: str, **hover: Any) -> dict[str, Any]:
    """The trace of the structure's (or territory's) own value over `x` (editions or
    periods): a highlighted line with markers, a None a gap never bridged, named after
    `own_label` (plain text, wrapped) in the legend. `hover`: the trace's hover keys (text or
    customdata, hovertemplate)."""
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "x": x,
        "y": own,
        "connectgaps": False,
        "cliponaxis": False,
        "line": {"color": HIGHLIGHT, "width": 3},
        "marker": {"size": 10},
        "name": wrap_label(plain(own_label)),
        **hover,
    }


def method_break_marks(
    changes: Sequence[tuple[int, str]],
    first: int,
    last: int,
    base_y: float,
    **note_style: Any,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The dotted lines and notes of the method breaks (`changes`: (edition, text), contract
    §5b) inside the editions drawn, `first` excluded, `last` included. Successive notes
    alternate between `base_y` and 0.07 above it (paper units) so that they never overlap;
    each is written left of its line; `note_style` adds to or replaces a note's keys."""
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    inside = [(e, text) for e, text in changes if first < e <= last]
    for k, (edition, text) in enumerate(inside):
        shapes.append(x_line(edition, {"color": NOTE_COLOUR, "width": 1, "dash": "dot"}))
        notes.append(
            {
                "x": edition,
                "y": base_y + 0.07 * (k % 2),
                "xref": "x",
                "yref": "paper",
                "text": text,
                "showarrow": False,
                "yanchor": "bottom",
                "xanchor": "right",
                "font": {"size": 11, "color": TEXT_COLOUR},
                **note_style,
            }
        )
    return shapes, notes


# --- Rows labelled from above ------------------------------------------------------------------
# Charts with one row per category, channel or criterion write each row's label above it, not
# beside it: the plot keeps the whole width on a phone (390 px) as on a desktop, and a label
# never takes the room of the values. Rows are at y = 0, 1, 2… on a reversed axis.

ROW_PITCH: Final = 56  # px from one row to the next: its label (one line) and its marks
ROW_LABEL_CHARS: Final = 40  # a row label longer than this takes two lines
ROW_MARKS: Final = 11  # px from a row's centre to the top of its marks
HEATMAP_BRICK: Final = 30  # px height of a heatmap cell; the rest of the pitch is its label


def row_labels(
    labels: Sequence[str], rows: Sequence[Any] | None = None, above: int = ROW_MARKS
) -> list[dict[str, Any]]:
    """Annotations writing each label (plain text) above its row, left-aligned on the plot.
    `rows`: the rows' y values (categories of a categorical axis), 0, 1, 2… by default."""
    return [
        {
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": rows[position] if rows is not None else position,
            "yanchor": "bottom",
            "yshift": above,
            # Two lines at most, each of a phone's width: the row above leaves room for them.
            "text": wrap_label(plain(label), ROW_LABEL_CHARS),
            "showarrow": False,
            "align": "left",
            "font": {"color": TEXT_COLOUR},
        }
        for position, label in enumerate(labels)
    ]


def row_axis(count: int) -> dict[str, Any]:
    """The y axis of `count` rows labelled from above: no tick labels, first row on top (a
    categorical axis too: its categories are at 0, 1, 2…)."""
    return {
        "range": [count - 0.5, -0.5 - (ROW_PITCH - 2 * ROW_MARKS) / ROW_PITCH],
        "visible": False,
        "fixedrange": True,
    }


def rows_height(count: int) -> int:
    """The plot height of `count` rows labelled from above: ROW_PITCH px a row, and the
    first row's label room above it (row_axis's range), so that a row is ROW_PITCH px
    whatever the count (one row alone was squeezed to a strip)."""
    return ROW_PITCH * max(count, 1) + (ROW_PITCH - 2 * ROW_MARKS)
