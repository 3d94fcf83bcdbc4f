"""Figure builders: plotly figure specifications (plain dicts) from the pages' frames, in the
page's language.

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

from dashboard.figures.peers import summarise_group
from dashboard.i18n import (
    category_label,
    category_short_label,
    channel_label,
    format_number,
    format_signed,
    normalise_lang,
    translate,
)
from dashboard.intake.schema import CATEGORIES, CHANNELS
from dashboard.overview import Col
from dashboard.render.palette import CATEGORY_COLOURS, HIGHLIGHT, SEQUENTIAL_SCALE

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
COMPARE_COLOURS: Final = ("#0072B2", "#D55E00", "#009E73", "#882255")  # one per structure
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


# --- Margins ----------------------------------------------------------------------------------
# Every axis keeps plotly's automargin, but a margin that automargin has to widen once a figure
# is drawn makes plotly draw the whole figure again (every dot of a distribution a second
# time: a third of a first load's drawing). So each figure asks for the margins its tick
# labels, axis titles and legend need, estimated from their text; plotly widens them only
# where a browser's font is wider still (never clipped, at worst drawn twice as before).

FONT_SIZE: Final = 13
# Advance widths (em) of DejaVu Sans, the widest of the sans-serif fonts `FONT_FAMILY` falls
# back to (Segoe UI, Roboto, Cantarell, Arial and Liberation Sans are narrower), in classes
# rounded up: a margin estimated from them also holds the text in those fonts.
_EM_CLASSES: Final = (
    (0.30, "'ijlîïIJÎ"),
    (0.34, " ,.’/:;\\|"),
    (0.42, "f-()[]t!r"),
    (0.56, '"*_`–szcç?L'),
    (0.79, "KAVÀÂXZBRCÇUÙÛNHDG&OQÔ"),
    (1.00, "w#+<=>^~M%mæW@—…œŒ"),
)
_EM: Final = {char: em for em, chars in _EM_CLASSES for char in chars}
_EM_DEFAULT: Final = 0.64  # lower-case letters, digits and the rest
EDGE: Final = 10  # the margin past everything plotly draws there
TICK_LABEL_PAD: Final = 20  # widest y tick label to the figure's edge (standoff, padding)
Y_TITLE_PAD: Final = 28  # a numeric y axis: its tick labels plus the rotated title
X_TITLE_MARGIN: Final = 46  # x tick labels and the x axis title under the plot
LEGEND_ROW: Final = 42  # one row of a horizontal legend, with its padding
WRAP_AT: Final = 36  # characters per line of a long category label
COLORBAR_MARGIN: Final = 100  # plotly's colorbar right of a plot, its "0"-"100" ticks and title
LINE_HEIGHT: Final = 16  # a line of a tick label of several lines


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of `text`'s width in px at `size` (one line)."""
    return size * sum(_EM.get(char, _EM_DEFAULT) for char in text)


def _fill(words: Sequence[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def wrap_label(text: str, width: int = WRAP_AT) -> str:
    """`text` on as few lines as `width` characters a line allow, of even lengths, joined by
    <br> (plotly's line break); words are never cut."""
    if len(text) <= width:
        return text
    words = text.split(" ")
    count = math.ceil(len(text) / width)
    for limit in range(math.ceil(len(text) / count), len(text) + 1):
        lines = _fill(words, limit)
        if len(lines) <= count:
            return "<br>".join(lines)
    return text  # unreachable: at len(text) the words fill one line


def label_margin(labels: Iterable[str]) -> int:
    """The margin beside an axis whose tick labels are `labels` (lines split at <br>)."""
    widest = max((text_width(line) for label in labels for line in label.split("<br>")), default=0)
    return math.ceil(widest + TICK_LABEL_PAD)


def score_axis_margin(widest_tick: str = "100") -> int:
    """The margin left of a numeric y axis with a title."""
    return math.ceil(text_width(widest_tick) + Y_TITLE_PAD)


def top_labels_margin(lines: int) -> int:
    """The margin above a plot with x tick labels on top, of `lines` lines."""
    return 34 + LINE_HEIGHT * (lines - 1)


def legend_margin(height: int, top: int, legend_y: float) -> int:
    """The bottom margin for a one-row horizontal legend at paper `legend_y` (< 0): its top
    sits -legend_y plot heights under the plot, and the plot's height depends on the margin."""
    depth = -legend_y
    return math.ceil((depth * (height - top) + LEGEND_ROW) / (1 + depth))


def edge_tick_margins(left_tick: str = "0", right_tick: str = "100") -> dict[str, int]:
    """The left and right margins of a plot whose x axis has tick labels at both edges: half
    of each passes the plot's edge."""
    return {
        "l": math.ceil(EDGE + text_width(left_tick) / 2) + 2,
        "r": math.ceil(EDGE + text_width(right_tick) / 2) + 2,
    }


def _legend(y: float) -> dict[str, Any]:
    """A horizontal legend at paper height `y` (< 0: under the plot), left-aligned."""
    return {"orientation": "h", "y": y, "x": 0}


def _margin(l: int = EDGE, r: int = EDGE, t: int = EDGE, b: int = EDGE) -> dict[str, int]:  # noqa: E741
    return {"l": l, "r": r, "t": t, "b": b}


def _axis(title: str | None = None, **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {"gridcolor": GRID_COLOUR, "automargin": True, **extra}
    if title is not None:
        axis["title"] = {"text": title}
    return axis


MIN_HEIGHT: Final = 200  # px: a chart of one row is still a chart a person can read


def _figure(data: list[dict[str, Any]], lang: str, height: int, **layout: Any) -> Figure:
    base: dict[str, Any] = {
        "separators": separators(lang),
        "font": {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR},
        "height": max(height, MIN_HEIGHT),
        "margin": _margin(),
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
    base.update(layout)
    return {"data": data, "layout": base}


def _edition_marker(
    edition: int, text: str, height: float = 1.0
) -> tuple[dict[str, Any], dict[str, Any]]:
    shape = {
        "type": "line",
        "x0": edition,
        "x1": edition,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": TEXT_COLOUR, "width": 2, "dash": "dot"},
    }
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
    """The plot height of `count` rows labelled from above."""
    return ROW_PITCH * max(count, 1)


# --- Overview --------------------------------------------------------------------------------


def colour_range(z: Iterable[float | None]) -> tuple[float, float]:
    """The heatmap's colour range: the data's lowest and highest values, widened to whole
    multiples of 5 (at least 10 points wide), so that the colours show the differences there
    are rather than the whole 0–100 scale."""
    known = [v for v in z if v is not None and not math.isnan(v)]
    if not known:
        return 0.0, 100.0
    low = 5 * math.floor(min(known) / 5)
    high = 5 * math.ceil(max(known) / 5)
    if high - low < 10:
        high = min(100, low + 10)
        low = high - 10
    return float(low), float(high)


def make_heatmap(frame: pd.DataFrame, lang: str) -> Figure:
    """Group mean score by category (rows, labelled above) and channel (columns), values in
    the cells; the colour scale spans the values shown, and its title says so."""
    cats = [c for c in CATEGORIES if c in set(frame[Col.CATEGORY])]
    chans = [c for c in CHANNELS if c in set(frame[Col.CHANNEL])]
    pivot = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=Col.MEAN_SCORE)
    pivot = pivot.reindex(index=cats, columns=chans)
    counts = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=Col.STRUCTURES)
    counts = counts.reindex(index=cats, columns=chans)
    columns = [channel_label(c, lang) for c in chans]
    z = [values(row) for row in pivot.to_numpy(dtype="float64")]
    low, high = colour_range(v for row in z for v in row)
    full = [category_label(c, lang) for c in cats]
    trace = {
        "type": "heatmap",
        "z": z,
        "x": columns,
        "y": [plain(name) for name in full],
        "customdata": [values(row) for row in counts.to_numpy(dtype="float64")],
        "colorscale": SEQUENTIAL_SCALE,
        "zmin": low,
        "zmax": high,
        "texttemplate": "%{z:.1f}",
        "hovertemplate": translate("ui.chart.heatmap_hover", lang) + "<extra></extra>",
        "colorbar": {
            "title": {
                "text": translate(
                    "ui.chart.heatmap_scale",
                    lang,
                    low=format_number(low, lang, 0),
                    high=format_number(high, lang, 0),
                ),
                "side": "top",
            },
            "orientation": "h",
            "y": -0.02,
            "yanchor": "top",
            "x": 0,
            "xanchor": "left",
            "len": 1,
            "thickness": 14,
        },
        "xgap": 2,
        "ygap": ROW_PITCH - HEATMAP_BRICK,
    }
    # Column names a word a line: they stay level in a narrow column (plotly slants them if
    # they still overlap, on a phone).
    column_text = ["<br>".join(plain(column).split(" ")) for column in columns]
    lines = max((text.count("<br>") + 1 for text in column_text), default=1)
    top = top_labels_margin(lines)
    bottom = 110  # the colour bar under the plot: its title (two lines), bar and ticks
    return _figure(
        [trace],
        lang,
        top + rows_height(len(cats)) + bottom,
        margin=_margin(t=top, b=bottom),
        xaxis={
            "side": "top",
            "automargin": True,
            "tickmode": "array",
            "tickvals": columns,
            "ticktext": column_text,
            "fixedrange": True,
        },
        yaxis={**row_axis(len(cats)), "type": "category"},
        annotations=row_labels(
            [category_short_label(c, lang) for c in cats],
            [plain(name) for name in full],
            above=HEATMAP_BRICK // 2,
        ),
    )


def make_distribution(frame: pd.DataFrame, lang: str, axis_title: str) -> Figure:
    """Per category (rows, labelled above), a box of the structures' global scores and every
    structure as a dot, no name. The box is drawn from the contract's quartiles (pandas'
    linear interpolation, §5), not plotly's own quartile method; whiskers reach the lowest
    and the best score."""
    data: list[dict[str, Any]] = []
    shown: list[str] = []
    for cat in CATEGORIES:
        scores = frame.loc[frame[Col.CATEGORY] == cat, Col.SCORE]
        if scores.empty:
            continue
        pos, colour, label = len(shown), CATEGORY_COLOURS[cat], category_label(cat, lang)
        shown.append(cat)
        summary = summarise_group(scores)
        data.append(
            {
                "type": "box",
                "orientation": "h",
                "y": [pos],
                "name": plain(label),
                "q1": [summary.q1],
                "median": [summary.median],
                "q3": [summary.q3],
                "lowerfence": [float(scores.min())],
                "upperfence": [summary.best],
                "line": {"color": colour},
                "fillcolor": "rgba(0,0,0,0)",
                "width": 0.4,
                "showlegend": False,
                "hoverinfo": "x",
            }
        )
        # Deterministic jitter (no randomness: the same data draws the same picture).
        jitter = [((i * 7) % 11 - 5) / 36 for i in range(len(scores))]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": values(scores),
                "y": [pos + j for j in jitter],
                "name": plain(label),
                "showlegend": False,
                "cliponaxis": False,
                "marker": {"color": colour, "size": 5, "opacity": 0.8},
                "hovertemplate": translate("ui.chart.distribution_hover", lang) + "<extra></extra>",
            }
        )
    return _figure(
        data,
        lang,
        rows_height(len(shown)) + X_TITLE_MARGIN + EDGE,
        margin=_margin(b=X_TITLE_MARGIN, **edge_tick_margins()),
        xaxis=_axis(axis_title, range=[0, 100]),
        yaxis=row_axis(len(shown)),
        annotations=row_labels([category_short_label(c, lang) for c in shown]),
    )


def make_trend(frame: pd.DataFrame, edition: int, lang: str, axis_title: str) -> Figure:
    """Each category's group mean of G across editions, the selected edition marked."""
    data = []
    for i, cat in enumerate(CATEGORIES):
        part = frame[frame[Col.CATEGORY] == cat]
        if part.empty:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": values(part[Col.EDITION]),
                "y": values(part[Col.MEAN_SCORE]),
                "customdata": values(part[Col.STRUCTURES]),
                "name": plain(category_short_label(cat, lang)),
                "cliponaxis": False,
                "line": {"color": CATEGORY_COLOURS[cat], "width": 2},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                "hovertemplate": plain(category_label(cat, lang))
                + "<br>"
                + translate("ui.chart.trend_hover", lang)
                + "<extra></extra>",
            }
        )
    shape, note = _edition_marker(edition, translate("ui.chart.selected_edition", lang))
    editions = [int(e) for e in frame[Col.EDITION]] or [edition]
    if edition >= max(editions):
        note = {**note, "xanchor": "right"}  # the plot's right edge: written on its left
    return _figure(
        data,
        lang,
        520,
        # The legend's rows depend on the page's width: its margin is left to automargin.
        margin=_margin(l=score_axis_margin(), t=30),
        xaxis=_axis(
            translate("ui.chart.edition_axis", lang),
            dtick=1,
            range=[min(editions) - 0.5, max(editions) + 0.5],
        ),
        yaxis=_axis(axis_title),
        legend=_legend(-0.2),
        shapes=[shape],
        annotations=[note],
    )


# --- "My structure" page ---------------------------------------------------------------------


def make_channel_bullets(frame: pd.DataFrame, own_label: str, lang: str) -> Figure:
    """One row per channel (labelled above): the peers' Q1–Q3 band, their median and best,
    and the structure's own score; a channel it was not audited on is labelled so, never
    drawn as 0."""
    labels = [channel_label(c, lang) for c in frame["channel"]]
    rows = [plain(label) for label in labels]
    band_x: list[float | None] = []
    band_y: list[str | None] = []
    for row, q1, q3 in zip(rows, frame["q1"], frame["q3"], strict=True):
        if pd.notna(q1):
            band_x += [float(q1), float(q3), None]
            band_y += [row, row, None]
    hover_names = rows
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": band_x,
            "y": band_y,
            "line": {"color": BAND_COLOUR, "width": 14},
            "hoverinfo": "skip",
            "name": translate("ui.bench.legend_band", lang),
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": values(frame["median"]),
            "y": rows,
            "text": hover_names,
            "cliponaxis": False,
            "marker": {
                "symbol": "line-ns",
                "size": 22,
                "line": {"width": 3, "color": MEDIAN_COLOUR},
            },
            "name": translate("ui.bench.legend_median", lang),
            "hovertemplate": translate("ui.bench.hover_median", lang) + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": values(frame["best"]),
            "y": rows,
            "text": hover_names,
            "cliponaxis": False,
            "marker": {"symbol": "triangle-left", "size": 11, "color": MEDIAN_COLOUR},
            "name": translate("ui.bench.legend_best", lang),
            "hovertemplate": translate("ui.bench.hover_best", lang) + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": values(frame["own"]),
            "y": rows,
            "text": hover_names,
            "cliponaxis": False,
            "marker": {
                "symbol": "circle",
                "size": 15,
                "color": HIGHLIGHT,
                "line": {"width": 1.5, "color": "white"},
            },
            "name": wrap_label(plain(own_label)),
            "hovertemplate": translate("ui.bench.hover_own", lang) + "<extra></extra>",
        },
    ]
    notes = [
        {
            "x": 0,
            "y": row,
            "xanchor": "left",
            "showarrow": False,
            "text": translate("ui.bench.not_audited", lang),
            "font": {"color": NOTE_COLOUR},
        }
        for row, own in zip(rows, frame["own"], strict=True)
        if pd.isna(own)
    ]
    plot = rows_height(len(labels))
    # The legend under the axis title, with room for two rows (a phone wraps it).
    legend_top = X_TITLE_MARGIN + 6
    bottom = legend_top + 2 * LEGEND_ROW
    return _figure(
        data,
        lang,
        plot + bottom + EDGE,
        margin=_margin(b=bottom, **edge_tick_margins()),
        xaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        yaxis={**row_axis(len(labels)), "type": "category", "categoryarray": rows},
        legend={**_legend(-legend_top / plot), "yanchor": "top"},
        annotations=row_labels(labels, rows) + notes,
    )


def make_criterion_gaps(frame: pd.DataFrame, lang: str, labels: Sequence[str]) -> Figure:
    """Own criterion score minus the peer median, weakest first (rows labelled above);
    strengths and weaknesses named in the bar text as well as coloured."""
    # A missing mark arrives as NaN from a pandas string column.
    marks = [m if isinstance(m, str) else None for m in frame["mark"].tolist()]
    # The mark is named in the row's label, the bar's text is the gap alone: a phone-wide
    # plot has room for "+17,9" beside a bar, not for "+17,9 (point fort)".
    named = [
        translate(
            "ui.bench.marked_label", lang, label=label, mark=translate(f"ui.mark.{mark}", lang)
        )
        if mark
        else label
        for label, mark in zip(labels, marks, strict=True)
    ]
    texts = [format_signed(float(gap), lang, 1) for gap in frame["gap"]]
    limit = max(10.0, float(frame["gap"].abs().max()) * 1.5) if len(frame) else 10.0
    trace = {
        "type": "bar",
        "orientation": "h",
        "x": values(frame["gap"]),
        "y": [plain(label) for label in labels],
        "width": 0.35,
        "marker": {"color": [MARK_COLOURS[m] for m in marks]},
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [values(row) for row in frame[["own", "median"]].to_numpy(dtype="float64")],
        "hovertemplate": translate("ui.bench.hover_criterion", lang) + "<extra></extra>",
    }
    return _figure(
        [trace],
        lang,
        rows_height(len(frame)) + X_TITLE_MARGIN + EDGE,
        margin=_margin(b=X_TITLE_MARGIN),
        xaxis=_axis(
            translate("ui.bench.gap_axis", lang),
            range=[-limit, limit],
            zeroline=True,
            zerolinecolor=MEDIAN_COLOUR,
        ),
        yaxis={**row_axis(len(frame)), "type": "category"},
        annotations=row_labels(named, [plain(label) for label in labels]),
    )


def make_trajectory(
    frame: pd.DataFrame,
    own_label: str,
    changes: Sequence[tuple[int, str]],
    edition: int,
    lang: str,
) -> Figure:
    """Own score per edition against the peer median and Q1–Q3 band of each edition. An
    edition the structure was not audited in is a gap in its line, never bridged; the
    selected edition is marked, and the editions where the method changed, inside the range
    shown, are marked and labelled."""
    x = values(frame["edition"])
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": x,
            "y": values(frame["q3"]),
            "line": {"width": 0},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": x,
            "y": values(frame["q1"]),
            "line": {"width": 0},
            "fill": "tonexty",
            "fillcolor": BAND_FILL,
            "name": translate("ui.bench.legend_band", lang),
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": x,
            "y": values(frame["median"]),
            "cliponaxis": False,
            "line": {"color": MEDIAN_COLOUR, "dash": "dash", "width": 2},
            "marker": {
                "symbol": "line-ew",
                "size": 10,
                "line": {"width": 2, "color": MEDIAN_COLOUR},
            },
            "name": translate("ui.bench.legend_median", lang),
            "hovertemplate": translate("ui.bench.hover_median_edition", lang) + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "x": x,
            "y": values(frame["own"]),
            "connectgaps": False,
            "cliponaxis": False,
            "line": {"color": HIGHLIGHT, "width": 3},
            "marker": {"size": 10},
            "name": wrap_label(plain(own_label)),
            "hovertemplate": translate("ui.bench.hover_own_edition", lang) + "<extra></extra>",
        },
    ]
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    shown = [int(e) for e in frame["edition"]]
    first, last = (min(shown), max(shown)) if shown else (edition, edition)
    inside = [(e, text) for e, text in changes if first < e <= last]
    for i, (change_edition, text) in enumerate(inside):
        shapes.append(
            {
                "type": "line",
                "x0": change_edition,
                "x1": change_edition,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": NOTE_COLOUR, "width": 1, "dash": "dot"},
            }
        )
        # Successive editions' notes alternate height so that they never overlap.
        notes.append(
            {
                "x": change_edition,
                "y": 1 + 0.07 * (i % 2),
                "xref": "x",
                "yref": "paper",
                "text": text,
                "showarrow": False,
                "yanchor": "bottom",
                "xanchor": "right",
                "font": {"size": 11, "color": TEXT_COLOUR},
            }
        )
    if first <= edition <= last:
        marker, label = _edition_marker(edition, translate("ui.chart.selected_edition", lang))
        shapes.append({**marker, "line": {"color": TEXT_COLOUR, "width": 2, "dash": "dash"}})
        # Written inside the plot, on the side of the line with room (the last edition's
        # right is the plot's edge).
        side = (
            {"xanchor": "right", "xshift": -4}
            if edition == last
            else {"xanchor": "left", "xshift": 4}
        )
        notes.append({**label, "y": 0, "yanchor": "bottom", **side})
    height, top, below = 460, 60, -0.2  # top: room for the method-change notes
    return _figure(
        data,
        lang,
        height,
        margin=_margin(l=score_axis_margin(), t=top, b=legend_margin(height, top, below) + 20),
        xaxis=_axis(
            translate("ui.chart.edition_axis", lang),
            dtick=1,
            range=[first - 0.5, last + 0.5],
        ),
        yaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend=_legend(below),
        shapes=shapes,
        annotations=notes,
    )


def make_peer_strip(frame: pd.DataFrame, labels: Sequence[str], lang: str) -> Figure:
    """Every peer's global score as a dot on one line; the structure itself highlighted.
    Hover texts carry only the given labels (anonymous unless named mode)."""
    own = frame["is_self"].to_numpy(dtype=bool)
    scores = values(frame["score"])
    hover = translate("ui.bench.hover_peer", lang) + "<extra></extra>"
    peers = [i for i, o in enumerate(own) if not o]
    selves = [i for i, o in enumerate(own) if o]
    data = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": [scores[i] for i in peers],
            "y": [0.0] * len(peers),
            "text": [plain(labels[i]) for i in peers],
            "cliponaxis": False,
            "marker": {
                "size": 11,
                "color": PEER_COLOUR,
                "opacity": 0.75,
                "line": {"width": 1, "color": "white"},
            },
            "name": translate("ui.bench.legend_peers", lang),
            "hovertemplate": hover,
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": [scores[i] for i in selves],
            "y": [0.0] * len(selves),
            "text": [plain(labels[i]) for i in selves],
            "cliponaxis": False,
            "marker": {
                "size": 18,
                "color": HIGHLIGHT,
                "symbol": "diamond",
                "line": {"width": 1.5, "color": "white"},
            },
            "name": translate("ui.bench.legend_self", lang),
            "hovertemplate": hover,
        },
    ]
    height, below = 240, -0.45
    return _figure(
        data,
        lang,
        height,
        margin=_margin(b=legend_margin(height, EDGE, below), **edge_tick_margins()),
        xaxis=_axis(translate("ui.chart.global_score_axis", lang), range=[0, 100]),
        yaxis={"visible": False, "range": [-1, 1.2], "fixedrange": True},
        legend=_legend(below),
    )


def make_compare_channels(frame: pd.DataFrame, names: dict[str, str], lang: str) -> Figure:
    """Grouped bars: global and per-channel scores of the compared structures (named mode)."""
    data = []
    for i, (sid, part) in enumerate(frame.groupby("structure_id", sort=False)):
        data.append(
            {
                "type": "bar",
                "x": [
                    translate("ui.bench.global", lang) if m == "global" else channel_label(m, lang)
                    for m in part["measure"]
                ],
                "y": values(part["score"]),
                "name": wrap_label(plain(names.get(str(sid), str(sid)))),
                "marker": {"color": COMPARE_COLOURS[i % len(COMPARE_COLOURS)]},
                "hovertemplate": translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            }
        )
    return _figure(
        data,
        lang,
        420,
        barmode="group",
        margin=_margin(l=score_axis_margin()),
        xaxis={"automargin": True, "fixedrange": True},
        yaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend=_legend(-0.25),
    )


def make_compare_trajectories(frame: pd.DataFrame, names: dict[str, str], lang: str) -> Figure:
    """Global score per edition of the compared structures (named mode); an edition a
    structure was not audited in is a gap in its line."""
    editions = sorted({int(e) for e in frame["edition"]})
    data = []
    for i, (sid, part) in enumerate(frame.groupby("structure_id", sort=False)):
        scores = dict(zip(part["edition"].astype(int), part["score"], strict=True))
        first, last = min(scores), max(scores)
        span = [e for e in editions if first <= e <= last]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": span,
                "y": values(scores.get(e) for e in span),
                "connectgaps": False,
                "cliponaxis": False,
                "name": wrap_label(plain(names.get(str(sid), str(sid)))),
                "line": {"color": COMPARE_COLOURS[i % len(COMPARE_COLOURS)], "width": 2},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 9},
                "hovertemplate": translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            }
        )
    return _figure(
        data,
        lang,
        420,
        margin=_margin(l=score_axis_margin()),
        xaxis=_axis(None, dtick=1),
        yaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend=_legend(-0.2),
    )
