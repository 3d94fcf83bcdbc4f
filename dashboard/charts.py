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

from dashboard.i18n import category_label, channel_label, format_signed, normalise_lang, translate
from dashboard.overview import Col
from dashboard.palette import CATEGORY_COLOURS, HIGHLIGHT, SEQUENTIAL_SCALE
from dashboard.peers import summarise_group
from dashboard.schema import CATEGORIES, CHANNELS

Figure = dict[str, Any]

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
    """dcc.Graph config: plotly's own tooltips in `lang`, no logo, nothing that leaves the
    intranet (plotly.js 4's "Share chart" uploads to Plotly Cloud: removed)."""
    return {
        "displaylogo": False,
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
        "locale": normalise_lang(lang),
    }


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


def _axis(title: str | None = None, **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {"gridcolor": GRID_COLOUR, "automargin": True, **extra}
    if title is not None:
        axis["title"] = {"text": title}
    return axis


def _figure(data: list[dict[str, Any]], lang: str, height: int, **layout: Any) -> Figure:
    base: dict[str, Any] = {
        "separators": separators(lang),
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
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


# --- Overview --------------------------------------------------------------------------------


def make_heatmap(frame: pd.DataFrame, lang: str) -> Figure:
    """Group mean score by category (rows) and channel (columns), values in the cells."""
    cats = [c for c in CATEGORIES if c in set(frame[Col.CATEGORY])]
    chans = [c for c in CHANNELS if c in set(frame[Col.CHANNEL])]
    pivot = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=Col.MEAN_SCORE)
    pivot = pivot.reindex(index=cats, columns=chans)
    counts = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=Col.STRUCTURES)
    counts = counts.reindex(index=cats, columns=chans)
    trace = {
        "type": "heatmap",
        "z": [values(row) for row in pivot.to_numpy(dtype="float64")],
        "x": [channel_label(c, lang) for c in chans],
        "y": [category_label(c, lang) for c in cats],
        "customdata": [values(row) for row in counts.to_numpy(dtype="float64")],
        "colorscale": SEQUENTIAL_SCALE,
        "zmin": 0,
        "zmax": 100,
        "texttemplate": "%{z:.1f}",
        "hovertemplate": translate("ui.chart.heatmap_hover", lang) + "<extra></extra>",
        "colorbar": {"title": {"text": translate("ui.chart.score_axis", lang)}},
        "xgap": 2,
        "ygap": 2,
    }
    return _figure(
        [trace],
        lang,
        110 + 42 * max(len(cats), 1),
        xaxis={"side": "top", "automargin": True},
        yaxis={"autorange": "reversed", "automargin": True},
    )


def make_distribution(frame: pd.DataFrame, lang: str) -> Figure:
    """Per category, a box of the structures' global scores and every structure as a dot, no
    name. The box is drawn from the contract's quartiles (pandas' linear interpolation, §5),
    not plotly's own quartile method; whiskers reach the lowest and the best score."""
    data: list[dict[str, Any]] = []
    positions: list[int] = []
    labels: list[str] = []
    for cat in CATEGORIES:
        scores = frame.loc[frame[Col.CATEGORY] == cat, Col.SCORE]
        if scores.empty:
            continue
        pos, colour, label = len(positions), CATEGORY_COLOURS[cat], category_label(cat, lang)
        positions.append(pos)
        labels.append(label)
        summary = summarise_group(scores)
        data.append(
            {
                "type": "box",
                "orientation": "h",
                "y": [pos],
                "name": label,
                "q1": [summary.q1],
                "median": [summary.median],
                "q3": [summary.q3],
                "lowerfence": [float(scores.min())],
                "upperfence": [summary.best],
                "line": {"color": colour},
                "fillcolor": "rgba(0,0,0,0)",
                "width": 0.6,
                "showlegend": False,
                "hoverinfo": "x",
            }
        )
        # Deterministic jitter (no randomness: the same data draws the same picture).
        jitter = [((i * 7) % 11 - 5) / 22 for i in range(len(scores))]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": values(scores),
                "y": [pos + j for j in jitter],
                "name": label,
                "showlegend": False,
                "marker": {"color": colour, "size": 5, "opacity": 0.8},
                "hovertemplate": translate("ui.chart.distribution_hover", lang) + "<extra></extra>",
            }
        )
    return _figure(
        data,
        lang,
        90 + 48 * max(len(positions), 1),
        xaxis=_axis(translate("ui.chart.global_score_axis", lang), range=[0, 100]),
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "tickmode": "array",
            "tickvals": positions,
            "ticktext": labels,
            "zeroline": False,
            "showgrid": False,
        },
    )


def make_trend(frame: pd.DataFrame, edition: int, lang: str) -> Figure:
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
                "name": category_label(cat, lang),
                "line": {"color": CATEGORY_COLOURS[cat], "width": 2},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                "hovertemplate": translate("ui.chart.trend_hover", lang) + "<extra></extra>",
            }
        )
    shape, note = _edition_marker(edition, translate("ui.chart.selected_edition", lang))
    return _figure(
        data,
        lang,
        460,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis=_axis(translate("ui.chart.edition_axis", lang), dtick=1),
        yaxis=_axis(translate("ui.chart.mean_score_axis", lang)),
        legend={"orientation": "h", "y": -0.25, "x": 0},
        shapes=[shape],
        annotations=[note],
    )


# --- "My structure" page ---------------------------------------------------------------------


def make_channel_bullets(frame: pd.DataFrame, own_label: str, lang: str) -> Figure:
    """One row per channel: the peers' Q1–Q3 band, their median and best, and the
    structure's own score; a channel it was not audited on is labelled so, never drawn as 0."""
    rows = frame.iloc[::-1]  # first channel on top
    labels = [channel_label(c, lang) for c in rows["channel"]]
    band_x: list[float | None] = []
    band_y: list[str | None] = []
    for label, q1, q3 in zip(labels, rows["q1"], rows["q3"], strict=True):
        if pd.notna(q1):
            band_x += [float(q1), float(q3), None]
            band_y += [label, label, None]
    data = [
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
            "x": values(rows["median"]),
            "y": labels,
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
            "x": values(rows["best"]),
            "y": labels,
            "marker": {"symbol": "triangle-left", "size": 11, "color": MEDIAN_COLOUR},
            "name": translate("ui.bench.legend_best", lang),
            "hovertemplate": translate("ui.bench.hover_best", lang) + "<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": values(rows["own"]),
            "y": labels,
            "marker": {
                "symbol": "circle",
                "size": 15,
                "color": HIGHLIGHT,
                "line": {"width": 1.5, "color": "white"},
            },
            "name": own_label,
            "hovertemplate": translate("ui.bench.hover_own", lang) + "<extra></extra>",
        },
    ]
    notes = [
        {
            "x": 2,
            "y": label,
            "xanchor": "left",
            "showarrow": False,
            "text": translate("ui.bench.not_audited", lang),
            "font": {"color": NOTE_COLOUR},
        }
        for label, own in zip(labels, rows["own"], strict=True)
        if pd.isna(own)
    ]
    return _figure(
        data,
        lang,
        140 + 46 * len(labels),
        xaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        yaxis={"automargin": True, "categoryorder": "array", "categoryarray": labels},
        legend={"orientation": "h", "y": -0.3, "x": 0},
        annotations=notes,
    )


def make_criterion_gaps(frame: pd.DataFrame, lang: str, labels: Sequence[str]) -> Figure:
    """Own criterion score minus the peer median, weakest first; strengths and weaknesses
    named in the bar text as well as coloured."""
    # A missing mark arrives as NaN from a pandas string column.
    marks = [m if isinstance(m, str) else None for m in frame["mark"].tolist()]
    texts = []
    for gap, mark in zip(frame["gap"], marks, strict=True):
        suffix = f" ({translate(f'ui.bench.mark_{mark}', lang)})" if mark else ""
        texts.append(format_signed(float(gap), lang, 1) + suffix)
    limit = max(10.0, float(frame["gap"].abs().max()) * 1.6) if len(frame) else 10.0
    trace = {
        "type": "bar",
        "orientation": "h",
        "x": values(frame["gap"]),
        "y": list(labels),
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
        110 + 40 * max(len(frame), 1),
        xaxis=_axis(
            translate("ui.bench.gap_axis", lang),
            range=[-limit, limit],
            zeroline=True,
            zerolinecolor=MEDIAN_COLOUR,
        ),
        yaxis={"autorange": "reversed", "automargin": True},
    )


def make_trajectory(
    frame: pd.DataFrame, own_label: str, changes: Sequence[tuple[int, str]], lang: str
) -> Figure:
    """Own score per edition against the peer median and Q1–Q3 band of each edition, with
    the editions where the method changed marked."""
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
            "line": {"color": HIGHLIGHT, "width": 3},
            "marker": {"size": 10},
            "name": own_label,
            "hovertemplate": translate("ui.bench.hover_own_edition", lang) + "<extra></extra>",
        },
    ]
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for i, (edition, text) in enumerate(changes):
        shapes.append(
            {
                "type": "line",
                "x0": edition,
                "x1": edition,
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
                "x": edition,
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
    return _figure(
        data,
        lang,
        440,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        xaxis=_axis(translate("ui.chart.edition_axis", lang), dtick=1),
        yaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend={"orientation": "h", "y": -0.25, "x": 0},
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
            "text": [labels[i] for i in peers],
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
            "mode": "markers+text",
            "x": [scores[i] for i in selves],
            "y": [0.0] * len(selves),
            "text": [labels[i] for i in selves],
            "textposition": "top center",
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
    return _figure(
        data,
        lang,
        240,
        xaxis=_axis(translate("ui.chart.global_score_axis", lang), range=[0, 100]),
        yaxis={"visible": False, "range": [-1, 1.2]},
        legend={"orientation": "h", "y": -0.45, "x": 0},
    )


def make_compare_channels(frame: pd.DataFrame, names: dict[str, str], lang: str) -> Figure:
    """Grouped bars: global and per-channel scores of up to four structures (named mode)."""
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
                "name": names.get(str(sid), str(sid)),
                "marker": {"color": COMPARE_COLOURS[i % len(COMPARE_COLOURS)]},
                "hovertemplate": translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            }
        )
    return _figure(
        data,
        lang,
        380,
        barmode="group",
        yaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend={"orientation": "h", "y": -0.2, "x": 0},
    )


def make_compare_trajectories(frame: pd.DataFrame, names: dict[str, str], lang: str) -> Figure:
    """Global score per edition of up to four structures (named mode)."""
    data = []
    for i, (sid, part) in enumerate(frame.groupby("structure_id", sort=False)):
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": values(part["edition"]),
                "y": values(part["score"]),
                "name": names.get(str(sid), str(sid)),
                "line": {"color": COMPARE_COLOURS[i % len(COMPARE_COLOURS)], "width": 2},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 9},
                "hovertemplate": translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            }
        )
    return _figure(
        data,
        lang,
        380,
        xaxis=_axis(None, dtick=1),
        yaxis=_axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend={"orientation": "h", "y": -0.2, "x": 0},
    )
