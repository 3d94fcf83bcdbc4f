"""The overview page: filters, headline indicator cards, four charts with their tables."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import category_label, channel_label, translate
from dashboard.intake.geography import regions
from dashboard.intake.schema import CATEGORIES, CHANNELS, StructureCol
from dashboard.pages.overview import IndicatorCard
from dashboard.urlstate import MAP_LEVELS, SERIES, OverviewState
from layouts import ids
from layouts.components import (
    attributes,
    make_change_line,
    make_chart_block,
    make_choice_group,
    make_dropdown_field,
    make_edition_field,
    make_figure_card,
    make_notice,
    make_radio_group,
    make_section,
)


def _checklist_group(legend: str, control_id: str, options: list[dict[str, str]],
                     value: Sequence[str]) -> html.Fieldset:  # fmt: skip
    return make_choice_group(
        legend, dbc.Checklist(id=control_id, options=options, value=list(value))
    )


def make_filters(state: OverviewState, editions: Sequence[int], lang: str) -> dbc.Card:
    """The filter panel; every control is keyboard operable and labelled."""
    region_options = [
        {"label": row.name, "value": row.region_code}
        for row in regions().rename(columns={StructureCol.REGION_CODE: "region_code"}).itertuples()
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(translate("ui.filters.title", lang), className="h5"),
                make_edition_field(ids.EDITION, editions, state.edition, lang),
                _checklist_group(
                    translate("ui.filters.categories", lang),
                    ids.CATEGORIES,
                    [{"label": category_label(c, lang), "value": c} for c in CATEGORIES],
                    state.categories,
                ),
                _checklist_group(
                    translate("ui.filters.channels", lang),
                    ids.CHANNELS,
                    [{"label": channel_label(c, lang), "value": c} for c in CHANNELS],
                    state.channels,
                ),
                make_dropdown_field(
                    translate("ui.filters.region", lang),
                    ids.REGION,
                    lang,
                    options=region_options,
                    value=state.region,
                    clearable=True,
                    placeholder=translate("ui.filters.all_regions", lang),
                ),
                html.P(
                    translate("ui.filters.hint", lang), className="small text-body-secondary mb-0"
                ),
            ]
        ),
        className="mb-4",
    )


def make_map_level(state: OverviewState, lang: str) -> html.Fieldset:
    """The overview map's level: one tile per department, or per region (the address's
    `map`)."""
    return make_radio_group(
        ids.OVERVIEW_MAP_LEVEL,
        translate("ui.overview_map.level_legend", lang),
        MAP_LEVELS,
        "ui.overview_map.level_",
        state.map_level,
        lang,
        legend_class="form-label fw-semibold fs-6 float-start me-3 mb-0",
    )


def make_overview(
    state: OverviewState, editions: Sequence[int], notices: Sequence[str], lang: str
) -> html.Div:
    """The overview page of one edition, as the URL's state asks."""
    notice = make_notice(notices, ids.URL_NOTICE)
    charts = html.Div(
        [
            make_chart_block(
                ids.HEATMAP,
                translate("ui.heatmap.title", lang),
                translate("ui.heatmap.description", lang),
                lang,
            ),
            make_chart_block(
                ids.DISTRIBUTION,
                translate("ui.distribution.title", lang),
                translate("ui.distribution.description", lang),
                lang,
            ),
            make_chart_block(
                ids.TREND,
                translate("ui.trend.title", lang),
                translate("ui.trend.description", lang),
                lang,
                controls=[
                    make_radio_group(
                        ids.SERIES,
                        translate("ui.honest.series_label", lang),
                        SERIES,
                        "ui.honest.series_",
                        state.series,
                        lang,
                    )
                ],
            ),
            make_chart_block(
                ids.WINNERS,
                translate("ui.winners.title", lang),
                translate("ui.winners.description", lang),
                lang,
            ),
            make_chart_block(
                ids.OVERVIEW_MAP,
                translate("ui.overview_map.title", lang),
                translate("ui.overview_map.description", lang),
                lang,
                controls=[make_map_level(state, lang)],
            ),
        ]
    )
    return html.Div(
        [
            dcc.Location(id=ids.OVERVIEW_URL, refresh=False),
            html.H1(translate("ui.overview.title", lang), className="h3"),
            html.P(id=ids.SUBTITLE, className="lead", **attributes(aria_live="polite")),
            notice,
            dbc.Row(
                [
                    dbc.Col(make_filters(state, editions, lang), lg=3),
                    dbc.Col(
                        [
                            make_section(
                                "cards-heading",
                                translate("ui.cards.title", lang),
                                [html.Div(id=ids.CARDS)],
                                "mb-4",
                            ),
                            charts,
                        ],
                        lg=9,
                    ),
                ]
            ),
        ]
    )


def make_indicator_cards(cards: Sequence[IndicatorCard], note: str = "") -> html.Div:
    """The headline indicator cards, then `note` (which cards a channel filter hides). Each
    card dict holds display text only: label, value, basis, change, direction (up, down,
    flat), verdict (good, bad…) and the verdict in words for screen readers."""
    cols = []
    for card in cards:
        details = [
            html.P(card.basis, className="small text-body-secondary mb-1"),
            make_change_line(card.change, card.direction, card.verdict, card.verdict_text),
        ]
        if card.like_for_like:
            details.append(html.P(card.like_for_like, className="small text-body-secondary mb-0"))
        cols.append(make_figure_card(f"indicator-{card.name}", card.label, card.value, details))
    notes = [html.P(note, className="small text-body-secondary")] if note else []
    return html.Div([dbc.Row(cols), *notes])
