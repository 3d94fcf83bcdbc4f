"""Figure builders: plotly figures from the overview frames, in the page's language.

Numbers follow the locale (French "5,5" and "77 %"): plotly's `separators` is set from the
language and every hover and cell text uses d3 formats that honour it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import category_label, channel_label, normalise_lang, translate
from dashboard.overview import Col
from dashboard.palette import CATEGORY_COLOURS, HIGHLIGHT, SEQUENTIAL_SCALE
from dashboard.schema import CATEGORIES, CHANNELS

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"


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


def _layout(fig: go.Figure, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        separators=separators(lang),
        font={"family": FONT_FAMILY, "size": 13, "color": "#212529"},
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    return fig


def make_heatmap(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Group mean score by category (rows) and channel (columns), values in the cells."""
    cats = [c for c in CATEGORIES if c in set(frame[Col.CATEGORY])]
    chans = [c for c in CHANNELS if c in set(frame[Col.CHANNEL])]
    pivot = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=Col.MEAN_SCORE)
    pivot = pivot.reindex(index=cats, columns=chans)
    counts = frame.pivot(index=Col.CATEGORY, columns=Col.CHANNEL, values=Col.STRUCTURES)
    counts = counts.reindex(index=cats, columns=chans)
    z = pivot.to_numpy(dtype="float64")
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[channel_label(c, lang) for c in chans],
            y=[category_label(c, lang) for c in cats],
            customdata=counts.to_numpy(dtype="float64"),
            colorscale=SEQUENTIAL_SCALE,
            zmin=0,
            zmax=100,
            texttemplate="%{z:.1f}",
            hovertemplate=translate("ui.chart.heatmap_hover", lang) + "<extra></extra>",
            colorbar={"title": {"text": translate("ui.chart.score_axis", lang)}},
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top", automargin=True)
    return _layout(fig, lang, height=110 + 42 * max(len(cats), 1))


def make_distribution(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Box plot of structures' global scores per category, every point shown, no name."""
    fig = go.Figure()
    for cat in CATEGORIES:
        values = frame.loc[frame[Col.CATEGORY] == cat, Col.SCORE]
        if values.empty:
            continue
        fig.add_trace(
            go.Box(
                x=values.to_numpy(dtype="float64"),
                name=category_label(cat, lang),
                marker={"color": CATEGORY_COLOURS[cat], "size": 5},
                line={"color": CATEGORY_COLOURS[cat]},
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                orientation="h",
                hoverinfo="x",
                hovertemplate=translate("ui.chart.distribution_hover", lang) + "<extra></extra>",
                showlegend=False,
            )
        )
    fig.update_xaxes(
        title={"text": translate("ui.chart.global_score_axis", lang)},
        range=[0, 100],
        gridcolor="#dee2e6",
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, lang, height=90 + 48 * max(len(fig.data), 1))


def make_trend(frame: pd.DataFrame, edition: int, lang: str) -> go.Figure:
    """Each category's group mean of G across editions, the selected edition marked."""
    fig = go.Figure()
    symbols = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon"]
    for i, cat in enumerate(CATEGORIES):
        part = frame[frame[Col.CATEGORY] == cat]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part[Col.EDITION].to_numpy(),
                y=part[Col.MEAN_SCORE].to_numpy(dtype="float64"),
                customdata=part[Col.STRUCTURES].to_numpy(),
                name=category_label(cat, lang),
                mode="lines+markers",
                line={"color": CATEGORY_COLOURS[cat], "width": 2},
                marker={"symbol": symbols[i % len(symbols)], "size": 8},
                hovertemplate=translate("ui.chart.trend_hover", lang) + "<extra></extra>",
            )
        )
    fig.add_vline(x=edition, line={"color": HIGHLIGHT, "width": 2, "dash": "dash"})
    fig.add_annotation(
        x=edition,
        y=1,
        yref="paper",
        text=translate("ui.chart.selected_edition", lang),
        showarrow=False,
        yanchor="bottom",
        font={"color": "#212529"},
    )
    fig.update_xaxes(
        dtick=1, gridcolor="#dee2e6", title={"text": translate("ui.chart.edition_axis", lang)}
    )
    fig.update_yaxes(
        gridcolor="#dee2e6", title={"text": translate("ui.chart.mean_score_axis", lang)}
    )
    fig.update_layout(legend={"orientation": "h", "y": -0.25, "x": 0}, margin={"t": 30})
    fig = _layout(fig, lang, height=460)
    fig.update_layout(margin={"t": 30})
    return fig
