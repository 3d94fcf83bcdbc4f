"""The « Territoires » page: pick an indicator, a period and a territory (in a list or on the
map), see it against the others. Pure: callbacks fill the headline and the blocks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import translate
from dashboard.pages.territories import SECTIONS, Choice, TerritoryCard, TerritoryControls
from dashboard.urlstate import TerritoryState
from layouts import ids
from layouts.components import (
    attributes,
    make_chart_block,
    make_choice_group,
    make_dropdown_field,
    make_figure_card,
    make_notice,
    make_section,
)


def options_of(choices: Sequence[Choice]) -> list[dict[str, Any]]:
    """Dropdown or radio options from a page's choices."""
    return [
        {"label": c.label, "value": c.value, **({"disabled": True} if c.disabled else {})}
        for c in choices
    ]


def _radio_group(legend: str, control_id: str, choices: Sequence[Choice], value: str) -> Any:
    return make_choice_group(
        legend, dbc.RadioItems(id=control_id, options=options_of(choices), value=value)
    )


def make_controls(controls: TerritoryControls, lang: str) -> dbc.Card:
    """Indicator, period, level (when the indicator has several), territory, peer group."""
    state = controls.state
    level_field = html.Div(
        _radio_group(
            translate("ui.territories.level", lang),
            ids.TERRITORY_LEVEL,
            controls.levels,
            controls.level,
        ),
        id=ids.TERRITORY_LEVEL_FIELD,
        hidden=len(controls.levels) < 2,
    )
    # The indicator and the period: always one chosen, few enough to need no search.
    pickers = [
        make_dropdown_field(
            label,
            control_id,
            lang,
            options=options_of(choices),
            value=value,
            clearable=False,
            searchable=False,
        )
        for label, control_id, choices, value in (
            (
                translate("ui.territories.indicator", lang),
                ids.TERRITORY_INDICATOR,
                controls.indicators,
                state.indicator,
            ),
            (
                translate("ui.territories.period", lang),
                ids.TERRITORY_PERIOD,
                controls.periods,
                state.period,
            ),
        )
    ]
    children: list[Any] = [
        html.H2(translate("ui.territories.controls", lang), className="h5"),
        *pickers,
        level_field,
        make_dropdown_field(
            translate("ui.territories.entity", lang),
            ids.TERRITORY_ENTITY,
            lang,
            translate("ui.territories.entity_hint", lang),
            options=options_of(controls.entities),
            value=state.entity,
            clearable=True,
            searchable=True,
            placeholder=translate("ui.territories.entity_placeholder", lang),
        ),
        _radio_group(
            translate("ui.territories.peers", lang),
            ids.TERRITORY_PEERS,
            controls.peers,
            state.peers,
        ),
    ]
    return dbc.Card(dbc.CardBody(children), className="mb-4")


def make_headline_cards(cards: Sequence[TerritoryCard]) -> dbc.Row:
    """The headline figures, each a small card: label, value, detail."""
    return dbc.Row(
        [
            make_figure_card(
                f"territory-card-{card.name}",
                card.label,
                card.value,
                [html.P(card.detail, className="small text-body-secondary mb-0")],
            )
            for card in cards
        ]
    )


def make_definition(definition: str, fragile: str, note: str) -> list[Any]:
    """The peer group in words, then the fragile-group warning and what the headline lacks."""
    out: list[Any] = [html.P(definition, className="mb-1")]
    if fragile:
        out.append(html.P(html.Strong(fragile), className="mb-1"))
    if note:
        out.append(html.P(note, className="mb-1 fw-semibold"))
    return out


def make_empty_page(lines: tuple[str, str, str], lang: str) -> html.Div:
    """The page when no indicator table is loaded: why, the command, where the format is."""
    why, command, hint = lines
    return html.Div(
        [
            html.H1(translate("ui.territories.title", lang), className="h3"),
            html.P(translate("ui.territories.intro", lang), className="lead"),
            html.Div(
                [
                    html.P(why),
                    html.Pre(html.Code(command), className="bg-light border rounded p-2"),
                    html.P(hint, className="mb-0"),
                ],
                className="alert alert-info",
                id="territory-none-loaded",
            ),
        ]
    )


def make_territories(controls: TerritoryControls, notices: Sequence[str], lang: str) -> html.Div:
    """The page, as the URL's state asks; callbacks fill the headline and the blocks. The
    map's tiles choose the territory (assets/tile_map.js sets the territory control)."""
    blocks: list[Any] = []
    for spec in SECTIONS:
        chart = ids.chart(spec)
        block = make_chart_block(
            chart, translate(spec.title_key, lang), translate(spec.caption_key, lang), lang
        )
        if not chart.plotted:
            blocks.append(html.Div(block, **attributes(data_tile_target=ids.TERRITORY_ENTITY)))
        else:
            blocks.append(block)
    return html.Div(
        [
            dcc.Location(id=ids.TERRITORY_URL, refresh=False),
            html.H1(translate("ui.territories.title", lang), className="h3"),
            html.P(translate("ui.territories.intro", lang), className="lead"),
            make_notice(notices, ids.URL_NOTICE),
            dbc.Row(
                [
                    dbc.Col(make_controls(controls, lang), lg=3),
                    dbc.Col(
                        [
                            make_section(
                                "territory-headline-heading",
                                translate("ui.territories.headline_title", lang),
                                [
                                    html.Div(
                                        id=ids.TERRITORY_DEFINITION,
                                        **attributes(aria_live="polite"),
                                    ),
                                    html.Div(id=ids.TERRITORY_HEADLINE),
                                ],
                                "mb-3",
                            ),
                            *blocks,
                        ],
                        lg=9,
                    ),
                ]
            ),
        ]
    )


def validation_layout() -> html.Div:
    """Every component of the page (a state naming nothing), for Dash's callback checks."""
    return make_territories(TerritoryControls([], [], [], [], [], TerritoryState()), [], "fr")
