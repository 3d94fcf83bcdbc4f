"""The figures of "My structure": score by channel against the peers, criteria against the
peer median, the trajectory against the peer band, the peers' distribution, and the
side-by-side comparison."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.figures.benchmark import BenchCol
from dashboard.i18n import channel_label, count_text, format_signed, translate
from dashboard.pages.honest import interval_text
from dashboard.render.palette import HIGHLIGHT, INTERVAL_FILL
from dashboard.render.text_metrics import (
    EDGE,
    LEGEND_ROW,
    X_TITLE_MARGIN,
    edge_tick_margins,
    legend_margin,
    score_axis_margin,
    wrap_label,
)
from dashboard.render.theme import (
    BAND_COLOUR,
    COMPARE_COLOURS,
    MARK_COLOURS,
    MEDIAN_COLOUR,
    NOTE_COLOUR,
    PEER_COLOUR,
    SYMBOLS,
    TEXT_COLOUR,
    Figure,
    axis,
    base_figure,
    edition_marker,
    legend,
    margin,
    method_break_marks,
    own_line,
    peer_band,
    plain,
    row_axis,
    row_labels,
    rows_height,
    values,
)

# A legend under a plot starts this far under it: past the x tick labels and the axis title
# as Chromium draws them in DejaVu Sans, with the tallest legend symbol (the median's tick).
LEGEND_BELOW_TITLE = X_TITLE_MARGIN + 20


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of `frame`, or NaN throughout when it has none (a frame without intervals)."""
    if name in frame.columns:
        return frame[name]
    return pd.Series(math.nan, index=frame.index, dtype="float64")


def segments(
    ends: Sequence[tuple[Any, Any, Any, Any]],
) -> tuple[list[Any], list[Any]]:
    """The x and y of a lines trace drawing one segment per (x0, y0, x1, y1), None between
    them; a segment with an undefined end is left out."""
    xs: list[Any] = []
    ys: list[Any] = []
    for x0, y0, x1, y1 in ends:
        if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (x0, y0, x1, y1)):
            continue
        xs += [x0, x1, None]
        ys += [y0, y1, None]
    return xs, ys


def own_hover_data(frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """Per row, what a hover over the structure's own value adds to it: its tests and its
    90 % interval, as text in the page's language (contract §5b: every score with its n)."""
    tests = _column(frame, BenchCol.N_TESTS)
    lows, highs = _column(frame, BenchCol.LOW), _column(frame, BenchCol.HIGH)
    out = []
    for n, low, high in zip(tests, lows, highs, strict=True):
        count = count_text("ui.count.tests", int(n), lang) if pd.notna(n) else ""
        span = (
            translate("ui.honest.interval", lang, interval=interval_text(low, high, lang))
            if pd.notna(low) and pd.notna(high)
            else translate("ui.honest.no_interval", lang)
        )
        out.append([plain(count), plain(span)])
    return out


def peer_count_data(frame: pd.DataFrame, lang: str) -> list[str]:
    """Per row, the peers behind its median and best ("53 pairs")."""
    return [
        plain(count_text("ui.count.peers", int(n), lang)) if pd.notna(n) else ""
        for n in _column(frame, BenchCol.N)
    ]


def interval_band(
    x: Sequence[Any], lows: Sequence[Any], highs: Sequence[Any]
) -> tuple[list[Any], list[Any], list[tuple[Any, Any, Any, Any]]]:
    """A band between `lows` and `highs` over `x`: one closed polygon (x, y; None between
    polygons, for fill "toself") per run of two or more consecutive points with both ends,
    and, for a point alone between gaps, its vertical segment (x, low, x, high) instead."""
    runs: list[list[int]] = []
    for i, (low, high) in enumerate(zip(lows, highs, strict=True)):
        if low is None or high is None:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    band_x: list[Any] = []
    band_y: list[Any] = []
    singles: list[tuple[Any, Any, Any, Any]] = []
    for run in runs:
        if len(run) == 1:
            i = run[0]
            singles.append((x[i], lows[i], x[i], highs[i]))
            continue
        band_x += [x[i] for i in run] + [x[i] for i in reversed(run)] + [x[run[0]], None]
        band_y += [highs[i] for i in run] + [lows[i] for i in reversed(run)] + [highs[run[0]], None]
    return band_x, band_y, singles


def make_channel_bullets(frame: pd.DataFrame, own_label: str, lang: str) -> Figure:
    """One row per channel (labelled above): the peers' Q1–Q3 band, their median and best,
    and the structure's own score with its 90 % interval (contract §5b; hovers give the tests
    and peers behind each value); a channel it was not audited on is labelled so, never
    drawn as 0."""
    labels = [channel_label(c, lang) for c in frame[BenchCol.CHANNEL]]
    rows = [plain(label) for label in labels]
    band_x: list[float | None] = []
    band_y: list[str | None] = []
    for row, q1, q3 in zip(rows, frame[BenchCol.Q1], frame[BenchCol.Q3], strict=True):
        if pd.notna(q1):
            band_x += [float(q1), float(q3), None]
            band_y += [row, row, None]
    hover_names = rows
    span_x, span_y = segments(
        list(
            zip(
                values(_column(frame, BenchCol.LOW)),
                rows,
                values(_column(frame, BenchCol.HIGH)),
                rows,
                strict=True,
            )
        )
    )
    peers = peer_count_data(frame, lang)

    def marks(
        column: str, customdata: list[Any], marker: dict[str, Any], name: str, hover_key: str
    ) -> dict[str, Any]:
        """A marker per channel row at `column`'s value, its hover (`hover_key`) naming the
        channel and adding `customdata`."""
        return {
            "type": "scatter",
            "mode": "markers",
            "x": values(frame[column]),
            "y": rows,
            "text": hover_names,
            "customdata": customdata,
            "cliponaxis": False,
            "marker": marker,
            "name": name,
            "hovertemplate": translate(hover_key, lang) + "<extra></extra>",
        }

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
        marks(
            BenchCol.MEDIAN,
            peers,
            {"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": MEDIAN_COLOUR}},
            translate("ui.bench.legend_median", lang),
            "ui.bench.hover_median",
        ),
        marks(
            BenchCol.BEST,
            peers,
            {"symbol": "triangle-left", "size": 11, "color": MEDIAN_COLOUR},
            translate("ui.bench.legend_best", lang),
            "ui.bench.hover_best",
        ),
        {
            "type": "scatter",
            "mode": "lines",
            "x": span_x,
            "y": span_y,
            "line": {"color": HIGHLIGHT, "width": 3},
            "hoverinfo": "skip",
            "name": translate("ui.honest.legend_interval", lang),
        },
        marks(
            BenchCol.OWN,
            own_hover_data(frame, lang),
            {
                "symbol": "circle",
                "size": 15,
                "color": HIGHLIGHT,
                "line": {"width": 1.5, "color": "white"},
            },
            wrap_label(plain(own_label)),
            "ui.bench.hover_own",
        ),
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
        for row, own in zip(rows, frame[BenchCol.OWN], strict=True)
        if pd.isna(own)
    ]
    plot = rows_height(len(labels))
    # The legend under the axis title, with room for three rows (a phone wraps it).
    legend_top = LEGEND_BELOW_TITLE
    bottom = legend_top + 3 * LEGEND_ROW
    return base_figure(
        data,
        lang,
        plot + bottom + EDGE,
        margin=margin(b=bottom, **edge_tick_margins()),
        xaxis=axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        yaxis={**row_axis(len(labels)), "type": "category", "categoryarray": rows},
        legend={**legend(-legend_top / plot), "yanchor": "top"},
        annotations=row_labels(labels, rows) + notes,
    )


def make_criterion_gaps(frame: pd.DataFrame, lang: str, labels: Sequence[str]) -> Figure:
    """Own criterion score minus the peer median, weakest first (rows labelled above);
    strengths and weaknesses named in the bar text as well as coloured."""
    # A missing mark arrives as NaN from a pandas string column.
    marks = [m if isinstance(m, str) else None for m in frame[BenchCol.MARK].tolist()]
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
    texts = [format_signed(float(gap), lang, 1) for gap in frame[BenchCol.GAP]]
    limit = max(10.0, float(frame[BenchCol.GAP].abs().max()) * 1.5) if len(frame) else 10.0
    trace = {
        "type": "bar",
        "orientation": "h",
        "x": values(frame[BenchCol.GAP]),
        "y": [plain(label) for label in labels],
        "width": 0.35,
        "marker": {"color": [MARK_COLOURS[m] for m in marks]},
        "text": texts,
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": [
            [*values(row), *own, peers]
            for row, own, peers in zip(
                frame[["own", "median"]].to_numpy(dtype="float64"),
                own_hover_data(frame, lang),
                peer_count_data(frame, lang),
                strict=True,
            )
        ],
        "hovertemplate": translate("ui.bench.hover_criterion", lang) + "<extra></extra>",
    }
    return base_figure(
        [trace],
        lang,
        rows_height(len(frame)) + X_TITLE_MARGIN + EDGE,
        margin=margin(b=X_TITLE_MARGIN),
        xaxis=axis(
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
    """Own score per edition against the peer median and Q1–Q3 band of each edition, with the
    own score's 90 % interval as a band (contract §5b; a vertical bar for an edition audited
    alone between gaps). An edition the structure was not audited in is a gap in its line,
    never bridged; the selected edition is marked, and the editions where the method changed,
    inside the range shown, are marked and labelled. Hovers give the tests and peers behind
    each value."""
    x = values(frame[BenchCol.EDITION])
    band_x, band_y, bar_ends = interval_band(
        x, values(_column(frame, BenchCol.LOW)), values(_column(frame, BenchCol.HIGH))
    )
    bars_x, bars_y = segments(bar_ends)
    data: list[dict[str, Any]] = [
        *peer_band(
            x,
            values(frame[BenchCol.Q1]),
            values(frame[BenchCol.MEDIAN]),
            values(frame[BenchCol.Q3]),
            (translate("ui.bench.legend_band", lang), translate("ui.bench.legend_median", lang)),
            customdata=peer_count_data(frame, lang),
            hovertemplate=translate("ui.bench.hover_median_edition", lang) + "<extra></extra>",
        ),
        {
            "type": "scatter",
            "mode": "lines",
            "x": band_x,
            "y": band_y,
            "fill": "toself",
            "fillcolor": INTERVAL_FILL,
            "line": {"width": 0},
            "hoverinfo": "skip",
            "name": translate("ui.honest.legend_interval", lang),
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": bars_x,
            "y": bars_y,
            "line": {"color": HIGHLIGHT, "width": 2},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        own_line(
            x,
            values(frame[BenchCol.OWN]),
            own_label,
            customdata=own_hover_data(frame, lang),
            hovertemplate=translate("ui.bench.hover_own_edition", lang) + "<extra></extra>",
        ),
    ]
    shown = [int(e) for e in frame[BenchCol.EDITION]]
    first, last = (min(shown), max(shown)) if shown else (edition, edition)
    # Above the plot (the selected edition's note is inside it).
    shapes, notes = method_break_marks(changes, first, last, 1.0)
    if first <= edition <= last:
        marker, label = edition_marker(edition, translate("ui.chart.selected_edition", lang))
        shapes.append({**marker, "line": {"color": TEXT_COLOUR, "width": 2, "dash": "dash"}})
        # Written inside the plot, on the side of the line with room (the last edition's
        # right is the plot's edge).
        side = (
            {"xanchor": "right", "xshift": -4}
            if edition == last
            else {"xanchor": "left", "xshift": 4}
        )
        notes.append({**label, "y": 0, "yanchor": "bottom", **side})
    # top: room for the method-change notes; the legend under the axis title, anchored by
    # its top (a legend wrapping on two rows grows downwards, never onto the title).
    bottom = LEGEND_BELOW_TITLE + 2 * LEGEND_ROW
    height, top = 386 + bottom, 60
    below = -LEGEND_BELOW_TITLE / (height - top - bottom)
    return base_figure(
        data,
        lang,
        height,
        margin=margin(l=score_axis_margin(), t=top, b=bottom),
        xaxis=axis(
            translate("ui.chart.edition_axis", lang),
            dtick=1,
            range=[first - 0.5, last + 0.5],
        ),
        yaxis=axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend={**legend(below), "yanchor": "top"},
        shapes=shapes,
        annotations=notes,
    )


def make_peer_strip(frame: pd.DataFrame, labels: Sequence[str], lang: str) -> Figure:
    """Every peer's global score as a dot on one line; the structure itself highlighted.
    Hover texts carry only the given labels (anonymous unless named mode)."""
    own = frame[BenchCol.IS_SELF].to_numpy(dtype=bool)
    scores = values(frame[BenchCol.SCORE])
    hover = translate("ui.bench.hover_peer", lang) + "<extra></extra>"
    # (is the structure itself, legend, marker): peers as grey dots, itself a larger diamond.
    groups: tuple[tuple[bool, str, dict[str, Any]], ...] = (
        (
            False,
            "ui.bench.legend_peers",
            {
                "size": 11,
                "color": PEER_COLOUR,
                "opacity": 0.75,
                "line": {"width": 1, "color": "white"},
            },
        ),
        (
            True,
            "ui.bench.legend_self",
            {
                "size": 18,
                "color": HIGHLIGHT,
                "symbol": "diamond",
                "line": {"width": 1.5, "color": "white"},
            },
        ),
    )
    data = []
    for is_self, legend_key, marker in groups:
        rows = [i for i, o in enumerate(own) if o == is_self]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [scores[i] for i in rows],
                "y": [0.0] * len(rows),
                "text": [plain(labels[i]) for i in rows],
                "cliponaxis": False,
                "marker": marker,
                "name": translate(legend_key, lang),
                "hovertemplate": hover,
            }
        )
    height, below = 240, -0.45
    return base_figure(
        data,
        lang,
        height,
        margin=margin(b=legend_margin(height, EDGE, below), **edge_tick_margins()),
        xaxis=axis(translate("ui.chart.global_score_axis", lang), range=[0, 100]),
        yaxis={"visible": False, "range": [-1, 1.2], "fixedrange": True},
        legend=legend(below),
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
                    for m in part[BenchCol.MEASURE]
                ],
                "y": values(part[BenchCol.SCORE]),
                "name": wrap_label(plain(names.get(str(sid), str(sid)))),
                "marker": {"color": COMPARE_COLOURS[i % len(COMPARE_COLOURS)]},
                "hovertemplate": translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            }
        )
    return base_figure(
        data,
        lang,
        420,
        barmode="group",
        margin=margin(l=score_axis_margin()),
        xaxis={"automargin": True, "fixedrange": True},
        yaxis=axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend=legend(-0.25),
    )


def make_compare_trajectories(frame: pd.DataFrame, names: dict[str, str], lang: str) -> Figure:
    """Global score per edition of the compared structures (named mode); an edition a
    structure was not audited in is a gap in its line."""
    editions = sorted({int(e) for e in frame[BenchCol.EDITION]})
    data = []
    for i, (sid, part) in enumerate(frame.groupby("structure_id", sort=False)):
        scores = dict(zip(part[BenchCol.EDITION].astype(int), part[BenchCol.SCORE], strict=True))
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
    return base_figure(
        data,
        lang,
        420,
        margin=margin(l=score_axis_margin()),
        xaxis=axis(None, dtick=1),
        yaxis=axis(translate("ui.chart.score_axis", lang), range=[0, 100]),
        legend=legend(-0.2),
    )
