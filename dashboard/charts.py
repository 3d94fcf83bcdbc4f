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


# --- "My structure" page ---------------------------------------------------------------------

BAND_COLOUR = "#949494"  # 3:1 on white (WCAG 1.4.11): the Q1–Q3 band stays visible
MEDIAN_COLOUR = "#212529"


def make_channel_bullets(frame: pd.DataFrame, own_label: str, lang: str) -> go.Figure:
    """One row per channel: the peers' Q1–Q3 band, their median and best, and the
    structure's own score; a channel it was not audited on is labelled so, never drawn as 0."""
    rows = frame.iloc[::-1]  # first channel on top
    labels = [channel_label(c, lang) for c in rows["channel"]]
    fig = go.Figure()
    band_x: list[float | None] = []
    band_y: list[str | None] = []
    for label, q1, q3 in zip(labels, rows["q1"], rows["q3"], strict=True):
        if pd.notna(q1):
            band_x += [float(q1), float(q3), None]
            band_y += [label, label, None]
    fig.add_trace(
        go.Scatter(
            x=band_x, y=band_y, mode="lines", line={"color": BAND_COLOUR, "width": 14},
            name=translate("ui.bench.legend_band", lang), hoverinfo="skip",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=rows["median"], y=labels, mode="markers",
            marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": MEDIAN_COLOUR}},
            name=translate("ui.bench.legend_median", lang),
            hovertemplate=translate("ui.bench.hover_median", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=rows["best"], y=labels, mode="markers",
            marker={"symbol": "triangle-left", "size": 11, "color": MEDIAN_COLOUR},
            name=translate("ui.bench.legend_best", lang),
            hovertemplate=translate("ui.bench.hover_best", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=rows["own"], y=labels, mode="markers",
            marker={"symbol": "circle", "size": 15, "color": HIGHLIGHT,
                    "line": {"width": 1.5, "color": "white"}},
            name=own_label,
            hovertemplate=translate("ui.bench.hover_own", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    for label, own in zip(labels, rows["own"], strict=True):
        if pd.isna(own):
            fig.add_annotation(
                x=2, y=label, xanchor="left", showarrow=False,
                text=translate("ui.bench.not_audited", lang), font={"color": "#495057"},
            )  # fmt: skip
    fig.update_xaxes(range=[0, 100], gridcolor="#dee2e6",
                     title={"text": translate("ui.chart.score_axis", lang)})  # fmt: skip
    fig.update_yaxes(automargin=True)
    fig.update_layout(legend={"orientation": "h", "y": -0.3, "x": 0})
    return _layout(fig, lang, height=140 + 46 * len(labels))


COMPARE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#882255")  # one per compared structure
MARK_COLOURS = {"strength": "#117733", "weakness": "#B3261E", None: "#5C5C5C"}


def make_criterion_gaps(frame: pd.DataFrame, lang: str, labels: list[str]) -> go.Figure:
    """Own criterion score minus the peer median, weakest first; strengths and weaknesses
    named in the bar text as well as coloured."""
    # A missing mark arrives as NaN from a pandas string column.
    marks = [m if isinstance(m, str) else None for m in frame["mark"].tolist()]
    texts = []
    for gap, mark in zip(frame["gap"], marks, strict=True):
        suffix = translate(f"ui.bench.mark_{mark}", lang) if mark else ""
        texts.append(format_signed_for_chart(float(gap), lang) + (f" ({suffix})" if suffix else ""))
    fig = go.Figure(
        go.Bar(
            x=frame["gap"], y=labels, orientation="h",
            marker={"color": [MARK_COLOURS[m] for m in marks]},
            text=texts, textposition="outside", cliponaxis=False,
            customdata=frame[["own", "median"]].to_numpy(dtype="float64"),
            hovertemplate=translate("ui.bench.hover_criterion", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    limit = max(10.0, float(frame["gap"].abs().max()) * 1.6) if len(frame) else 10.0
    fig.update_xaxes(range=[-limit, limit], zeroline=True, zerolinecolor=MEDIAN_COLOUR,
                     gridcolor="#dee2e6",
                     title={"text": translate("ui.bench.gap_axis", lang)})  # fmt: skip
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(fig, lang, height=110 + 40 * max(len(frame), 1))


def format_signed_for_chart(value: float, lang: str) -> str:
    """A signed number for chart text, in the locale."""
    from dashboard.i18n import format_signed

    return format_signed(value, lang, 1)


def make_trajectory(
    frame: pd.DataFrame,
    own_label: str,
    changes: list[tuple[int, str]],
    lang: str,
) -> go.Figure:
    """Own score per edition against the peer median and Q1–Q3 band of each edition, with
    the editions where the method changed marked."""
    x = frame["edition"].to_numpy()
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=x, y=frame["q3"], mode="lines", line={"width": 0},
                             hoverinfo="skip", showlegend=False))  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=x, y=frame["q1"], mode="lines", line={"width": 0}, fill="tonexty",
            fillcolor="rgba(148,148,148,0.35)", name=translate("ui.bench.legend_band", lang),
            hoverinfo="skip",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=x, y=frame["median"], mode="lines+markers",
            line={"color": MEDIAN_COLOUR, "dash": "dash", "width": 2},
            marker={"symbol": "line-ew", "size": 10, "line": {"width": 2, "color": MEDIAN_COLOUR}},
            name=translate("ui.bench.legend_median", lang),
            hovertemplate=translate("ui.bench.hover_median_edition", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=x, y=frame["own"], mode="lines+markers",
            line={"color": HIGHLIGHT, "width": 3}, marker={"size": 10}, name=own_label,
            hovertemplate=translate("ui.bench.hover_own_edition", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    for i, (edition, text) in enumerate(changes):
        fig.add_vline(x=edition, line={"color": "#495057", "width": 1, "dash": "dot"})
        # Successive editions' notes alternate height so that they never overlap.
        fig.add_annotation(x=edition, y=1 + 0.07 * (i % 2), yref="paper", text=text,
                           showarrow=False, yanchor="bottom", xanchor="right",
                           font={"size": 11, "color": "#212529"})  # fmt: skip
    fig.update_xaxes(dtick=1, gridcolor="#dee2e6",
                     title={"text": translate("ui.chart.edition_axis", lang)})  # fmt: skip
    fig.update_yaxes(range=[0, 100], gridcolor="#dee2e6",
                     title={"text": translate("ui.chart.score_axis", lang)})  # fmt: skip
    fig.update_layout(legend={"orientation": "h", "y": -0.25, "x": 0})
    fig = _layout(fig, lang, height=440)
    fig.update_layout(margin={"t": 60})
    return fig


def make_peer_strip(frame: pd.DataFrame, labels: list[str], lang: str) -> go.Figure:
    """Every peer's global score as a dot on one line; the structure itself highlighted.
    Hover texts carry only the given labels (anonymous unless named mode)."""
    own = frame["is_self"].to_numpy(dtype=bool)
    scores = frame["score"].to_numpy(dtype="float64")
    text = list(labels)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=scores[~own], y=[0.0] * int((~own).sum()), mode="markers",
            marker={"size": 11, "color": "#5C5C5C", "opacity": 0.75,
                    "line": {"width": 1, "color": "white"}},
            text=[t for t, o in zip(text, own, strict=True) if not o],
            name=translate("ui.bench.legend_peers", lang),
            hovertemplate=translate("ui.bench.hover_peer", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Scatter(
            x=scores[own], y=[0.0] * int(own.sum()), mode="markers+text",
            marker={"size": 18, "color": HIGHLIGHT, "symbol": "diamond",
                    "line": {"width": 1.5, "color": "white"}},
            text=[t for t, o in zip(text, own, strict=True) if o], textposition="top center",
            name=translate("ui.bench.legend_self", lang),
            hovertemplate=translate("ui.bench.hover_peer", lang) + "<extra></extra>",
        )
    )  # fmt: skip
    fig.update_xaxes(range=[0, 100], gridcolor="#dee2e6",
                     title={"text": translate("ui.chart.global_score_axis", lang)})  # fmt: skip
    fig.update_yaxes(visible=False, range=[-1, 1.2])
    fig.update_layout(legend={"orientation": "h", "y": -0.45, "x": 0})
    return _layout(fig, lang, height=240)


def make_compare_channels(frame: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Grouped bars: global and per-channel scores of up to four structures (named mode)."""
    palette = COMPARE_COLOURS
    fig = go.Figure()
    for i, (sid, part) in enumerate(frame.groupby("structure_id", sort=False)):
        fig.add_trace(
            go.Bar(
                x=[translate("ui.bench.global", lang) if c == "global" else channel_label(c, lang)
                   for c in part["measure"]],
                y=part["score"], name=names.get(str(sid), str(sid)),
                marker={"color": palette[i % len(palette)]},
                hovertemplate=translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            )
        )  # fmt: skip
    fig.update_yaxes(range=[0, 100], gridcolor="#dee2e6",
                     title={"text": translate("ui.chart.score_axis", lang)})  # fmt: skip
    fig.update_layout(barmode="group", legend={"orientation": "h", "y": -0.2, "x": 0})
    return _layout(fig, lang, height=380)


def make_compare_trajectories(frame: pd.DataFrame, names: dict[str, str], lang: str) -> go.Figure:
    """Global score per edition of up to four structures (named mode)."""
    palette = COMPARE_COLOURS
    symbols = ["circle", "square", "diamond", "triangle-up"]
    fig = go.Figure()
    for i, (sid, part) in enumerate(frame.groupby("structure_id", sort=False)):
        fig.add_trace(
            go.Scatter(
                x=part["edition"], y=part["score"], mode="lines+markers",
                name=names.get(str(sid), str(sid)),
                line={"color": palette[i % len(palette)], "width": 2},
                marker={"symbol": symbols[i % len(symbols)], "size": 9},
                hovertemplate=translate("ui.bench.hover_compare", lang) + "<extra></extra>",
            )
        )  # fmt: skip
    fig.update_xaxes(dtick=1, gridcolor="#dee2e6")
    fig.update_yaxes(range=[0, 100], gridcolor="#dee2e6",
                     title={"text": translate("ui.chart.score_axis", lang)})  # fmt: skip
    fig.update_layout(legend={"orientation": "h", "y": -0.2, "x": 0})
    return _layout(fig, lang, height=380)
