"""The figures of « Territoires » (and of « Ma structure »'s territory block): a territory's
trajectory against its peers' band, the peer group by rank, and the list of a territory's
standings with links to the page. Values are shown as published (as many decimals as they
have) with the unit as given (contract §7); names go through theme.plain()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.figures.territory_frames import TerritoryCol
from dashboard.i18n import translate
from dashboard.render.block_kinds import KIND_KEY, LINKS
from dashboard.render.indicator_text import indicator_number, with_unit
from dashboard.render.palette import HIGHLIGHT
from dashboard.render.text_metrics import EDGE, legend_margin, score_axis_margin
from dashboard.render.theme import (
    MEDIAN_COLOUR,
    PEER_COLOUR,
    SELECTED_LINE,
    TEXT_COLOUR,
    Figure,
    axis,
    base_figure,
    legend,
    margin,
    own_line,
    peer_band,
    plain,
    values,
    x_line,
    y_line,
)


def _value_text(value: object, unit: str, lang: str) -> str:
    number = float(value) if isinstance(value, int | float) else None
    return with_unit(indicator_number(number, lang), unit)


def _value_axis_title(unit: str, lang: str) -> str:
    return unit or translate("ui.territories.value_axis", lang)


def make_territory_trajectory(
    frame: pd.DataFrame, own_label: str | None, period: int, unit: str, lang: str
) -> Figure:
    """The peers' Q1–Q3 band and median per period, and the territory's own values (when one
    is chosen; a period without a value is a gap, never bridged); the period shown is
    marked."""
    x = values(frame[TerritoryCol.PERIOD])
    medians = [
        translate(
            "ui.territories.hover_median",
            lang,
            period=p,
            value=_value_text(v, unit, lang),
            n=n,
        )
        for p, v, n in zip(
            frame[TerritoryCol.PERIOD], frame[TerritoryCol.MEDIAN], frame[TerritoryCol.N],
            strict=True,
        )
    ]  # fmt: skip
    data: list[dict[str, Any]] = [
        *peer_band(
            x,
            values(frame[TerritoryCol.Q1]),
            values(frame[TerritoryCol.MEDIAN]),
            values(frame[TerritoryCol.Q3]),
            (
                translate("ui.territories.legend_band", lang),
                translate("ui.territories.legend_median", lang),
            ),
            text=medians,
            hovertemplate="%{text}<extra></extra>",
        ),
    ]
    if own_label is not None:
        own = [
            translate(
                "ui.territories.hover_own",
                lang,
                name=plain(own_label),
                period=p,
                value=_value_text(v, unit, lang),
            )
            for p, v in zip(frame[TerritoryCol.PERIOD], frame[TerritoryCol.VALUE], strict=True)
        ]
        data.append(
            own_line(
                x,
                values(frame[TerritoryCol.VALUE]),
                own_label,
                text=own,
                hovertemplate="%{text}<extra></extra>",
            )
        )
    periods = [int(p) for p in frame[TerritoryCol.PERIOD]]
    first, last = (min(periods), max(periods)) if periods else (period, period)
    shapes = [x_line(period, SELECTED_LINE)]
    height, top, below = 420, EDGE + 10, -0.22
    return base_figure(
        data,
        lang,
        height,
        margin=margin(
            l=score_axis_margin("100,0"), t=top, b=legend_margin(height, top, below) + 20
        ),
        xaxis=axis(translate("ui.territories.period_axis", lang), dtick=1,
                   range=[first - 0.5, last + 0.5]),
        yaxis=axis(plain(_value_axis_title(unit, lang)), rangemode="tozero"),
        legend=legend(below),
        shapes=shapes,
    )  # fmt: skip


def make_territory_ranking(frame: pd.DataFrame, median: float, unit: str, lang: str) -> Figure:
    """The peer group by rank, one bar a territory (best first, by the indicator's
    direction), the chosen territory highlighted, the median as a line; each bar's hover
    names its territory, rank and value."""
    n = len(frame)
    own = frame[TerritoryCol.IS_SELF].to_numpy(dtype=bool)
    texts = [
        translate(
            "ui.territories.hover_rank",
            lang,
            name=plain(name),
            rank=rank,
            n=n,
            value=_value_text(value, unit, lang),
        )
        for name, rank, value in zip(
            frame[TerritoryCol.TERRITORY], frame[TerritoryCol.RANK], frame[TerritoryCol.VALUE],
            strict=True,
        )
    ]  # fmt: skip
    data = [
        {
            "type": "bar",
            "x": list(range(1, n + 1)),
            "y": values(frame[TerritoryCol.VALUE]),
            "text": texts,
            "textposition": "none",
            "marker": {"color": [HIGHLIGHT if o else PEER_COLOUR for o in own]},
            "name": translate("ui.territories.legend_peers", lang),
            "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
        }
    ]
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    if pd.notna(median):
        shapes.append(y_line(median, {"color": MEDIAN_COLOUR, "width": 2, "dash": "dash"}))
        notes.append(
            {
                "xref": "paper",
                "x": 1,
                "xanchor": "right",
                "yref": "y",
                "y": median,
                "yanchor": "bottom",
                "text": translate(
                    "ui.territories.median_note", lang, value=_value_text(median, unit, lang)
                ),
                "showarrow": False,
                "bgcolor": "rgba(255,255,255,0.85)",
                "font": {"color": TEXT_COLOUR},
            }
        )
    return base_figure(
        data,
        lang,
        320,
        bargap=0.15,
        margin=margin(l=score_axis_margin("100,0"), b=46),
        xaxis=axis(translate("ui.territories.rank_axis", lang), showticklabels=False,
                   showgrid=False, range=[0.4, n + 0.6], fixedrange=True),
        yaxis=axis(plain(_value_axis_title(unit, lang)), rangemode="tozero", fixedrange=True),
        shapes=shapes,
        annotations=notes,
    )  # fmt: skip


def make_territory_links(frame: pd.DataFrame, hrefs: Sequence[str], lang: str) -> dict[str, Any]:
    """One item per row of a territory's standings (dashboard.figures.territory_frames
    .territory_standings): the indicator, its rank, value and median, and a link to the
    « Territoires » page at `hrefs` (in the frame's order)."""
    items = []
    for record, href in zip(frame.to_dict("records"), hrefs, strict=True):
        unit = str(record[TerritoryCol.UNIT])
        items.append(
            {
                "title": str(record[TerritoryCol.INDICATOR]),
                "lines": [
                    translate(
                        "ui.territories.link_rank",
                        lang,
                        territory=record[TerritoryCol.TERRITORY],
                        period=record[TerritoryCol.PERIOD],
                        rank=record[TerritoryCol.RANK],
                        n=record[TerritoryCol.N],
                    ),
                    translate(
                        "ui.territories.link_values",
                        lang,
                        value=_value_text(record[TerritoryCol.VALUE], unit, lang),
                        median=_value_text(record[TerritoryCol.MEDIAN], unit, lang),
                        direction=translate(
                            f"indicators.direction.{record[TerritoryCol.DIRECTION]}", lang
                        ),
                    ),
                ],
                "href": href,
                "link_text": translate(
                    "ui.territories.link_text", lang, territory=record[TerritoryCol.TERRITORY]
                ),
            }
        )
    return {KIND_KEY: LINKS, "items": items}
