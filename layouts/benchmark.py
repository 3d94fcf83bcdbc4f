"""The "My structure" page: pick a structure, see it against its peers and its past."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import channel_label, translate
from dashboard.intake.schema import CHANNELS
from dashboard.pages.benchmark import HeadlineCard
from dashboard.pages.search import MAX_QUERY_CHARS
from dashboard.urlstate import ACT_VIEWS, PEER_MODES, SHOWN, BenchmarkState
from layouts import ids
from layouts.components import (
    attributes,
    make_change_line,
    make_chart_block,
    make_dropdown_field,
    make_edition_field,
    make_figure_card,
    make_notice,
    make_radio_group,
    make_section,
    make_switch,
)
from layouts.reports import make_takeaway


def _search_box(box_id: str, status_id: str, label: str, hint: str, lang: str) -> html.Div:
    """A text box searched on the server, and the line saying how many were found (read
    out by screen readers as it changes). Its length is bounded in the browser as on the
    server (dashboard.pages.search.MAX_QUERY_CHARS).

    Every key sends the text (no debounce): Dash 4's debounced box writes its value back
    while the user types on, and on a busy computer the keys typed meanwhile land out of
    order (« ville » became « viell »). Each search costs a few milliseconds, and Dash's
    renderer drops the answer to a text the box has since replaced."""
    return html.Div(
        [
            html.Label(label, htmlFor=box_id, className="form-label fw-semibold"),
            dcc.Input(
                id=box_id,
                type="search",
                debounce=False,
                maxLength=MAX_QUERY_CHARS,
                autoComplete="off",
                className="form-control",
            ),
            html.Div(hint, id=f"{box_id}-hint", className="form-text"),
            html.Div(
                id=status_id,
                className="form-text fw-semibold",
                role="status",
                **attributes(aria_live="polite"),
            ),
        ],
        className="mb-3",
    )


def make_controls(
    state: BenchmarkState,
    structure_option: dict[str, str] | None,
    editions: Sequence[int],
    compare_options: Sequence[dict[str, str]],
    named: bool,
    lang: str,
) -> dbc.Card:
    """Structure picker, edition, peer group definition, trajectory channel, comparison."""
    peers = make_radio_group(
        ids.BENCH_PEERS,
        translate("ui.bench.peers", lang),
        PEER_MODES,
        "ui.bench.peers_",
        state.peers,
        lang,
        inline=False,
        legend_class="form-label fw-semibold fs-6",
        class_name="mb-3",
    )
    children: list[object] = [
        html.H2(translate("ui.bench.controls", lang), className="h5"),
        # A plain text box searched on the server, then a list to pick from: Dash 4's
        # dropdown loses keystrokes when its options are replaced while the user types.
        _search_box(
            ids.BENCH_SEARCH,
            ids.BENCH_SEARCH_STATUS,
            translate("ui.bench.search", lang),
            translate("ui.bench.structure_hint", lang),
            lang,
        ),
        make_dropdown_field(
            translate("ui.bench.structure", lang),
            ids.BENCH_STRUCTURE,
            lang,
            options=[structure_option] if structure_option else [],
            value=state.structure,
            placeholder=translate("ui.bench.structure_choose", lang),
            searchable=False,
            clearable=False,
        ),
        make_edition_field(ids.BENCH_EDITION, editions, state.edition, lang),
        peers,
        make_dropdown_field(
            translate("ui.bench.channel", lang),
            ids.BENCH_CHANNEL,
            lang,
            options=[{"label": channel_label(c, lang), "value": c} for c in CHANNELS],
            value=state.channel,
            placeholder=translate("ui.bench.channel_placeholder", lang),
            clearable=True,
            searchable=False,
        ),
    ]
    if named:
        children += [
            _search_box(
                ids.BENCH_COMPARE_SEARCH,
                ids.BENCH_COMPARE_STATUS,
                translate("ui.bench.compare_search", lang),
                translate("ui.bench.structure_hint", lang),
                lang,
            ),
            make_dropdown_field(
                translate("ui.bench.compare", lang),
                ids.BENCH_COMPARE,
                lang,
                translate("ui.bench.compare_hint", lang),
                options=list(compare_options),
                value=list(state.compare),
                multi=True,
                searchable=False,
                placeholder=translate("ui.bench.compare_placeholder", lang),
            ),
        ]
    else:
        # The comparison's controls exist (its callbacks read them) but are not offered.
        children.append(
            html.Div(
                [
                    html.H3(translate("ui.bench.compare", lang), className="fs-6 fw-semibold"),
                    html.P(translate("ui.bench.compare_disabled", lang), className="form-text"),
                    html.Div(
                        [
                            dcc.Input(id=ids.BENCH_COMPARE_SEARCH, type="hidden"),
                            dcc.Dropdown(id=ids.BENCH_COMPARE, options=[], value=[], multi=True),
                        ],
                        hidden=True,
                    ),
                ],
                className="mb-3",
            )
        )
    return dbc.Card(dbc.CardBody(children), className="mb-4")


def make_headline_cards(cards: Sequence[HeadlineCard]) -> dbc.Row:
    """The headline figures, each a small card: label, value, the verdict of a change (its
    arrow in the colour of its tone: grey within measurement noise), detail."""
    return dbc.Row(
        [
            make_figure_card(
                f"bench-card-{card.name}",
                card.label,
                card.value,
                [
                    *(
                        [make_change_line(card.verdict, card.direction, card.tone)]
                        if card.verdict
                        else []
                    ),
                    html.P(card.detail, className="small text-body-secondary mb-0"),
                ],
            )
            for card in cards
        ]
    )


def make_benchmark(
    state: BenchmarkState,
    structure_option: dict[str, str] | None,
    editions: Sequence[int],
    compare_options: Sequence[dict[str, str]],
    notices: Sequence[str],
    named: bool,
    lang: str,
) -> html.Div:
    """The page, as the URL's state asks; callbacks fill the sections."""
    notice = make_notice(notices, ids.URL_NOTICE)
    blocks = [
        make_chart_block(
            ids.BENCH_CHANNELS,
            translate("ui.bench.channels_title", lang),
            translate("ui.bench.channels_description", lang),
            lang,
        ),
        make_chart_block(
            ids.BENCH_CRITERIA,
            translate("ui.bench.criteria_title", lang),
            translate("ui.bench.criteria_description", lang),
            lang,
        ),
        make_chart_block(
            ids.BENCH_MEASURES,
            translate("ui.bench.measures_title", lang),
            translate("ui.bench.measures_description", lang),
            lang,
        ),
        make_chart_block(
            ids.BENCH_TRAJECTORY,
            translate("ui.bench.trajectory_title", lang),
            translate("ui.bench.trajectory_description", lang),
            lang,
        ),
        make_chart_block(
            ids.BENCH_DISTRIBUTION,
            translate("ui.bench.distribution_title", lang),
            translate(
                "ui.bench.distribution_description_named"
                if named
                else "ui.bench.distribution_description",
                lang,
            ),
            lang,
            controls=[
                make_switch(
                    ids.BENCH_INTERVALS,
                    translate("ui.honest.intervals_control", lang),
                    state.intervals,
                    SHOWN,
                )
            ],
        ),
        make_chart_block(
            ids.BENCH_ACT,
            translate("ui.honest.act_title", lang),
            translate("ui.honest.act_description", lang),
            lang,
            controls=[
                make_radio_group(
                    ids.BENCH_ACT_VIEW,
                    translate("ui.honest.act_view", lang),
                    ACT_VIEWS,
                    "ui.honest.act_view_",
                    state.act,
                    lang,
                )
            ],
        ),
        make_chart_block(
            ids.BENCH_ACTIONS,
            translate("ui.honest.actions_title", lang),
            translate("ui.honest.actions_description", lang),
            lang,
        ),
        make_chart_block(
            ids.BENCH_TERRITORY,
            translate("ui.territories.bench_title", lang),
            translate("ui.territories.bench_description", lang),
            lang,
        ),
    ]
    compare = html.Div(
        [
            html.H2(translate("ui.bench.compare_title", lang), className="h4 mt-2"),
            html.Div(id=ids.BENCH_COMPARE_NOTE, **attributes(aria_live="polite")),
            make_chart_block(
                ids.COMPARE_CHANNELS,
                translate("ui.bench.compare_channels_title", lang),
                translate("ui.bench.compare_channels_description", lang),
                lang,
            ),
            make_chart_block(
                ids.COMPARE_TRAJECTORY,
                translate("ui.bench.compare_trajectory_title", lang),
                translate("ui.bench.compare_trajectory_description", lang),
                lang,
            ),
        ],
        id=ids.COMPARE_SECTION,
        hidden=not (named and state.compare),
    )
    content = html.Div(
        [
            make_section(
                "bench-headline-heading",
                translate("ui.bench.headline_title", lang),
                [
                    html.P(id=ids.BENCH_DEFINITION, className="mb-2"),
                    html.Div(id=ids.BENCH_HEADLINE),
                ],
                "mb-3",
            ),
            make_takeaway(state, lang),
            make_section(
                "bench-summary-heading",
                translate("ui.bench.summary_title", lang),
                [html.Div(id=ids.BENCH_SUMMARY)],
                "card card-body mb-4 border-primary",
            ),
            *blocks,
            compare,
        ],
        id=ids.BENCH_CONTENT,
        hidden=state.structure is None,
    )
    prompt = html.P(
        translate("ui.bench.prompt", lang),
        id=ids.BENCH_PROMPT,
        className="lead",
        hidden=state.structure is not None,
    )
    return html.Div(
        [
            dcc.Location(id=ids.BENCH_URL, refresh=False),
            html.H1(translate("ui.benchmark.title", lang), className="h3"),
            notice,
            dbc.Row(
                [
                    dbc.Col(
                        make_controls(
                            state, structure_option, editions, compare_options, named, lang
                        ),
                        lg=3,
                    ),
                    dbc.Col([prompt, content], lg=9),
                ]
            ),
        ]
    )
