"""The figures of honest comparisons on « Ma structure » (contract §5b): where to act first
(the importance–performance chart) and every peer's rank with its 90 % interval."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from dashboard.figures.benchmark import BenchCol
from dashboard.i18n import count_text, translate
from dashboard.pages.honest import interval_text
from dashboard.render.benchmark_charts import segments
from dashboard.render.palette import HIGHLIGHT
from dashboard.render.text_metrics import (
    EDGE,
    legend_margin,
    score_axis_margin,
    text_width,
    wrap_label,
    y_title,
)
from dashboard.render.theme import (
    MEDIAN_COLOUR,
    NOTE_COLOUR,
    PEER_COLOUR,
    TEXT_COLOUR,
    Figure,
    axis,
    base_figure,
    legend,
    margin,
    plain,
    values,
    x_line,
    y_line,
)

# A quadrant's colour and marker: the two together, so that colour is never the only cue.
QUADRANT_STYLE: Final[dict[str, tuple[str, str]]] = {
    "act_first": ("#B3261E", "diamond"),
    "keep_it_up": ("#117733", "circle"),
    "secondary": ("#5C5C5C", "square"),
}
QUADRANT_ORDER: Final = ("act_first", "keep_it_up", "secondary")
POINT_LABEL_CHARS: Final = 18  # a point's label wraps past this many characters


def importance_cut(importance: pd.Series) -> float | None:
    """The median importance of the items shown (those with one): the line between
    "important" and "secondary" (contract §5b); None when no item has one."""
    known = importance.dropna().to_numpy(dtype="float64")
    return float(np.median(known)) if len(known) else None


PLOT_WIDTH_GUESS: Final = 800  # px: a desktop plot (900 at 1440 px, 300 on a phone)
LABEL_POSITIONS: Final = ("top center", "bottom center", "middle right", "middle left")


def importance_range(weights: np.ndarray) -> tuple[float, float]:
    """The importance axis: the values shown with a margin (a tenth of a correlation, at
    least), never past 1.05 or below -1.05; [0, 1] when there is none."""
    known = weights[~np.isnan(weights)]
    if not len(known):
        return 0.0, 1.0
    low, high = float(known.min()), float(known.max())
    pad = max(0.1, (high - low) * 0.25)
    return max(-1.05, low - pad), min(1.05, high + pad)


def label_positions(
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    size: tuple[float, float],
) -> list[str]:
    """A text position per point (plotly's "top center", "bottom center", "middle right",
    "middle left"), chosen greedily so that labels overlap each other and the markers as
    little as the estimate allows: positions in px from the axis ranges and a plot `size`
    (width, height) guessed, label boxes from text_metrics' widths."""
    width, height = size
    sx = width / (x_range[1] - x_range[0])
    sy = height / (y_range[1] - y_range[0])
    points = [((x - x_range[0]) * sx, (y_range[1] - y) * sy) for x, y in zip(xs, ys, strict=True)]
    marker = 8.0
    placed: list[tuple[float, float, float, float]] = [
        (px - marker, py - marker, px + marker, py + marker) for px, py in points
    ]
    out = []
    for (px, py), text in zip(points, texts, strict=True):
        lines = text.split("<br>")
        w = max(text_width(line) for line in lines) + 4
        h = 16.0 * len(lines)
        boxes = {
            "top center": (px - w / 2, py - marker - h, px + w / 2, py - marker),
            "bottom center": (px - w / 2, py + marker, px + w / 2, py + marker + h),
            "middle right": (px + marker, py - h / 2, px + marker + w, py + h / 2),
            "middle left": (px - marker - w, py - h / 2, px - marker, py + h / 2),
        }

        def overlap(box: tuple[float, float, float, float], w: float = w, h: float = h) -> float:
            total = 0.0
            for other in placed:
                dx = min(box[2], other[2]) - max(box[0], other[0])
                dy = min(box[3], other[3]) - max(box[1], other[1])
                if dx > 0 and dy > 0:
                    total += dx * dy
            # Past the plot's edges counts as overlap too.
            total += max(0.0, -box[0]) * h + max(0.0, box[2] - width) * h
            total += max(0.0, -box[1]) * w + max(0.0, box[3] - height) * w
            return float(total)

        best = min(
            LABEL_POSITIONS, key=lambda name: (overlap(boxes[name]), LABEL_POSITIONS.index(name))
        )
        placed.append(boxes[best])
        out.append(best)
    return out


def make_importance_performance(frame: pd.DataFrame, labels: Sequence[str], lang: str) -> Figure:
    """Where to act first (contract §5b): each criterion (or channel) at x = own score − peer
    median (points), y = importance (its correlation with the global score over the
    edition's structures), with the own score's 90 % interval as a horizontal bar. The
    quadrants are drawn and named: « agir en premier » (important, below the median), « à
    maintenir » (important, at or above it), « secondaire » (less important); each point's
    quadrant is also its colour and its marker. Items whose importance is undefined are not
    drawn (the block's note says so). Hovers give the tests and peers behind each value."""
    shown = frame[frame[BenchCol.IMPORTANCE].notna()]
    known = frame[BenchCol.IMPORTANCE].notna().tolist()
    names = [label for label, has in zip(labels, known, strict=True) if has]
    data: list[dict[str, Any]] = []
    gaps = shown[BenchCol.GAP].to_numpy(dtype="float64")
    low_gap = (shown[BenchCol.LOW] - shown[BenchCol.MEDIAN]).to_numpy(dtype="float64")
    high_gap = (shown[BenchCol.HIGH] - shown[BenchCol.MEDIAN]).to_numpy(dtype="float64")
    weights = shown[BenchCol.IMPORTANCE].to_numpy(dtype="float64")
    bar_x, bar_y = segments(
        [
            (round(float(lo), 1), float(w), round(float(hi), 1), float(w))
            for lo, hi, w in zip(low_gap, high_gap, weights, strict=True)
        ]
    )
    data.append(
        {
            "type": "scatter",
            "mode": "lines",
            "x": bar_x,
            "y": bar_y,
            "line": {"color": NOTE_COLOUR, "width": 2},
            "hoverinfo": "skip",
            "name": translate("ui.honest.legend_interval_gap", lang),
        }
    )
    extent = np.concatenate([np.abs(gaps), np.abs(low_gap), np.abs(high_gap)])
    extent = extent[~np.isnan(extent)]
    limit = max(10.0, float(extent.max()) * 1.1) if len(extent) else 10.0
    cut = importance_cut(shown[BenchCol.IMPORTANCE])
    # The importances shown, with room above and below for the labels (a correlation: at
    # most 1).
    bottom, top = importance_range(weights)
    height = 480
    texts = [wrap_label(plain(name), POINT_LABEL_CHARS) for name in names]
    positions = label_positions(
        [round(float(g), 1) for g in gaps], [float(w) for w in weights], texts,
        (-limit, limit), (bottom, top), (PLOT_WIDTH_GUESS, height - 140),
    )  # fmt: skip
    hover = translate("ui.honest.hover_ipa", lang) + "<extra></extra>"
    quadrants = shown[BenchCol.QUADRANT].tolist()
    for quadrant in QUADRANT_ORDER:
        at = [i for i, q in enumerate(quadrants) if q == quadrant]
        if not at:
            continue
        colour, symbol = QUADRANT_STYLE[quadrant]
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [round(float(gaps[i]), 1) for i in at],
                "y": [float(weights[i]) for i in at],
                "text": [texts[i] for i in at],
                "textposition": [positions[i] for i in at],
                "textfont": {"color": TEXT_COLOUR, "size": 12},
                "cliponaxis": False,
                "marker": {
                    "size": 13,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"width": 1.5, "color": "white"},
                },
                "customdata": [_ipa_hover_row(shown.iloc[i], lang) for i in at],
                "name": translate(f"ui.quadrant.{quadrant}", lang),
                "hovertemplate": hover,
            }
        )
    shapes = [x_line(0, {"color": MEDIAN_COLOUR, "width": 1.5})]
    notes: list[dict[str, Any]] = []
    if cut is not None:
        shapes.append(y_line(cut, {"color": MEDIAN_COLOUR, "width": 1.5, "dash": "dash"}))
        corner = {"showarrow": False, "font": {"color": NOTE_COLOUR, "size": 12}}
        notes += [
            {**corner, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left",
             "yanchor": "top", "text": translate("ui.quadrant.act_first", lang)},
            {**corner, "xref": "paper", "yref": "paper", "x": 1, "y": 1, "xanchor": "right",
             "yanchor": "top", "text": translate("ui.quadrant.keep_it_up", lang)},
            {**corner, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "xanchor": "left",
             "yanchor": "bottom", "text": translate("ui.quadrant.secondary", lang)},
            {**corner, "xref": "paper", "yref": "paper", "x": 1, "y": 0, "xanchor": "right",
             "yanchor": "bottom", "text": translate("ui.quadrant.secondary", lang)},
        ]  # fmt: skip
    below = -0.2
    title, lines = y_title(translate("ui.honest.ipa_y_axis", lang))
    return base_figure(
        data,
        lang,
        height,
        margin=margin(
            l=score_axis_margin("0,00", lines),
            t=EDGE + 10,
            b=legend_margin(height, EDGE, below) + 30,
        ),
        xaxis=axis(translate("ui.honest.ipa_x_axis", lang), range=[-limit, limit]),
        yaxis=axis(title, range=[bottom, top]),
        legend=legend(below),
        shapes=shapes,
        annotations=notes,
    )


def _ipa_hover_row(row: pd.Series, lang: str) -> list[str]:
    """What a hover over an item of the importance–performance chart says, as text: own
    score with its tests and interval, the peer median with its peers, the importance with
    the structures it is computed over."""
    from dashboard.i18n import format_number

    own = format_number(float(row[BenchCol.OWN]), lang, 1)
    tests = count_text("ui.count.tests", int(row[BenchCol.N_TESTS]), lang)
    span = interval_text(row[BenchCol.LOW], row[BenchCol.HIGH], lang)
    median = format_number(float(row[BenchCol.MEDIAN]), lang, 1)
    peers = count_text("ui.count.peers", int(row[BenchCol.N_PEERS]), lang)
    weight = format_number(float(row[BenchCol.IMPORTANCE]), lang, 2)
    structures = count_text("ui.count.structures", int(row[BenchCol.IMPORTANCE_N]), lang)
    return [plain(v) for v in (own, tests, span, median, peers, weight, structures)]


def make_peer_ranks(frame: pd.DataFrame, labels: Sequence[str], lang: str) -> Figure:
    """Every peer's rank with its 90 % interval (contract §5b), against its global score:
    x = score, y = rank (1 at the top), a vertical bar from the interval's best to its worst
    rank; the structure itself highlighted. Hover texts carry only the given labels
    (anonymous unless named mode)."""
    own = frame[BenchCol.IS_SELF].to_numpy(dtype=bool)
    scores = values(frame[BenchCol.SCORE])
    ranks = values(frame[BenchCol.RANK])
    lows, highs = values(frame[BenchCol.RANK_LOW]), values(frame[BenchCol.RANK_HIGH])
    hover = translate("ui.honest.hover_peer_rank", lang) + "<extra></extra>"
    custom = [
        [plain(labels[i]), translate("ui.honest.rank_between", lang, low=lows[i], high=highs[i])]
        if lows[i] is not None
        else [plain(labels[i]), ""]
        for i in range(len(frame))
    ]
    data: list[dict[str, Any]] = []
    for selves, colour, width, name_key in (
        (False, PEER_COLOUR, 1.5, "ui.honest.legend_peer_ranks"),
        (True, HIGHLIGHT, 3, "ui.honest.legend_own_rank"),
    ):
        at = [i for i, o in enumerate(own) if o == selves]
        bar_x, bar_y = segments([(scores[i], lows[i], scores[i], highs[i]) for i in at])
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": bar_x,
                "y": bar_y,
                "line": {"color": colour, "width": width},
                "opacity": 0.6 if not selves else 1.0,
                "hoverinfo": "skip",
                "name": translate(name_key, lang),
            }
        )
    for selves, colour, size, symbol, name_key in (
        (False, PEER_COLOUR, 8, "circle", "ui.bench.legend_peers"),
        (True, HIGHLIGHT, 15, "diamond", "ui.bench.legend_self"),
    ):
        at = [i for i, o in enumerate(own) if o == selves]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [scores[i] for i in at],
                "y": [ranks[i] for i in at],
                "customdata": [custom[i] for i in at],
                "cliponaxis": False,
                "marker": {
                    "size": size,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"width": 1, "color": "white"},
                },
                "name": translate(name_key, lang),
                "hovertemplate": hover,
                "showlegend": True,
            }
        )
    n = len(frame)
    height, below = 460, -0.22
    return base_figure(
        data,
        lang,
        height,
        margin=margin(
            l=score_axis_margin(str(max(n, 1))), b=legend_margin(height, EDGE, below) + 30
        ),
        xaxis=axis(translate("ui.chart.global_score_axis", lang), range=[0, 100]),
        yaxis=axis(
            translate("ui.honest.rank_axis", lang),
            range=[n + 0.5, 0.5],
            fixedrange=True,
        ),
        legend=legend(below),
    )


__all__ = ["importance_cut", "make_importance_performance", "make_peer_ranks"]
