"""The overview's figures: mean score by category and channel, the distribution of global
scores by category, each category's mean over the editions."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from dashboard.figures.overview import Col
from dashboard.figures.peers import summarise_group
from dashboard.i18n import (
    category_label,
    category_short_label,
    channel_label,
    format_number,
    translate,
)
from dashboard.intake.schema import CATEGORIES, CHANNELS
from dashboard.render.palette import CATEGORY_COLOURS, SEQUENTIAL_SCALE
from dashboard.render.text_metrics import (
    EDGE,
    X_TITLE_MARGIN,
    edge_tick_margins,
    score_axis_margin,
    top_labels_margin,
    y_title,
)
from dashboard.render.theme import (
    HEATMAP_BRICK,
    ROW_PITCH,
    SYMBOLS,
    Figure,
    axis,
    base_figure,
    edition_marker,
    legend,
    margin,
    method_break_marks,
    plain,
    row_axis,
    row_labels,
    rows_height,
    values,
)


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
    tests_column = Col.N_TESTS if Col.N_TESTS in frame.columns else Col.STRUCTURES
    tests = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=tests_column)
    tests = tests.reindex(index=cats, columns=chans)
    columns = [channel_label(c, lang) for c in chans]
    z = [values(row) for row in pivot.to_numpy(dtype="float64")]
    low, high = colour_range(v for row in z for v in row)
    full = [category_label(c, lang) for c in cats]
    trace = {
        "type": "heatmap",
        "z": z,
        "x": columns,
        "y": [plain(name) for name in full],
        "customdata": [
            [[n, t] for n, t in zip(values(c), values(k), strict=True)]
            for c, k in zip(
                counts.to_numpy(dtype="float64"), tests.to_numpy(dtype="float64"), strict=True
            )
        ],
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
    return base_figure(
        [trace],
        lang,
        top + rows_height(len(cats)) + bottom,
        margin=margin(t=top, b=bottom),
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
        tests = (
            values(frame.loc[frame[Col.CATEGORY] == cat, Col.N_TESTS])
            if Col.N_TESTS in frame.columns
            else None
        )
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
                **({"customdata": tests} if tests is not None else {}),
                "hovertemplate": translate(
                    "ui.chart.distribution_hover" if tests is not None else "ui.honest.score_hover",
                    lang,
                )
                + "<extra></extra>",
            }
        )
    return base_figure(
        data,
        lang,
        rows_height(len(shown)) + X_TITLE_MARGIN + EDGE,
        margin=margin(b=X_TITLE_MARGIN, **edge_tick_margins()),
        xaxis=axis(axis_title, range=[0, 100]),
        yaxis=row_axis(len(shown)),
        annotations=row_labels([category_short_label(c, lang) for c in shown]),
    )


def make_trend(
    frame: pd.DataFrame,
    edition: int,
    lang: str,
    axis_title: str,
    *,
    series: str = "plain",
    changes: Sequence[tuple[int, str]] = (),
) -> Figure:
    """Each category's group mean of G across editions, or (`series` "like_for_like") its
    chain-linked like-for-like series (contract §5b), hovers giving the structures and tests
    of each mean, or each step's panel; the selected edition marked, and the editions where
    the method changed (`changes`: edition, text) marked and labelled."""
    lfl = series == "like_for_like"
    data = []
    for i, cat in enumerate(CATEGORIES):
        part = frame[frame[Col.CATEGORY] == cat]
        if part.empty:
            continue
        if lfl:
            y = values(part[Col.LEVEL])
            custom = [
                [int(p), int(n)] for p, n in zip(part[Col.PANEL], part[Col.STRUCTURES], strict=True)
            ]
            hover = translate("ui.honest.trend_hover_lfl", lang)
        else:
            y = values(part[Col.MEAN_SCORE])
            tests = part[Col.N_TESTS] if Col.N_TESTS in part.columns else part[Col.STRUCTURES] * 0
            custom = [[int(n), int(t)] for n, t in zip(part[Col.STRUCTURES], tests, strict=True)]
            hover = translate("ui.chart.trend_hover", lang)
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": values(part[Col.EDITION]),
                "y": y,
                "customdata": custom,
                "connectgaps": False,
                "name": plain(category_short_label(cat, lang)),
                "cliponaxis": False,
                "line": {"color": CATEGORY_COLOURS[cat], "width": 2},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 8},
                "hovertemplate": plain(category_label(cat, lang))
                + "<br>"
                + hover
                + "<extra></extra>",
            }
        )
    shape, note = edition_marker(edition, translate("ui.chart.selected_edition", lang))
    editions = [int(e) for e in frame[Col.EDITION]] or [edition]
    if edition >= max(editions):
        note = {**note, "xanchor": "right"}  # the plot's right edge: written on its left
    # Inside the plot, near its foot (the selected edition's note is above the plot).
    first, last = min(editions), max(editions)
    breaks, break_notes = method_break_marks(
        changes, first, last, 0.02, xshift=-3, bgcolor="rgba(255,255,255,0.8)"
    )
    shapes, notes = [shape, *breaks], [note, *break_notes]
    title, lines = y_title(
        translate("ui.honest.lfl_axis", lang, title=axis_title) if lfl else axis_title
    )
    return base_figure(
        data,
        lang,
        520,
        # The legend's rows depend on the page's width: its margin is left to automargin.
        margin=margin(l=score_axis_margin(title_lines=lines), t=30),
        xaxis=axis(
            translate("ui.chart.edition_axis", lang),
            dtick=1,
            range=[first - 0.5, last + 0.5],
        ),
        yaxis=axis(title),
        legend=legend(-0.2),
        shapes=shapes,
        annotations=notes,
    )
