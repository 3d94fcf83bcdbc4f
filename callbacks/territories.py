"""« Territoires » callbacks: controls <-> URL, the headline and the blocks, the blocks'
tables and CSV downloads. Thin: unpack the inputs (checked by dashboard.urlstate), call
dashboard.pages.territories, return. A tile of the map sets the territory control in the
browser (assets/tile_map.js), which then goes through the same callbacks as the list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from dash import Dash, Input, Output, State, no_update

from callbacks.address_sync import register_address_sync
from callbacks.chart_blocks import register_block_alternatives
from callbacks.prefill import prefill
from callbacks.services import AppServices
from dashboard.i18n import Lang
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.pages import territories as page
from dashboard.pages.notices import notices
from dashboard.urlstate import (
    TerritoryState,
    find_offer,
    territories_query,
    territories_state_of,
)
from layouts import ids
from layouts.components import chart_output_ids, chart_outputs
from layouts.territories import (
    make_definition,
    make_empty_page,
    make_headline_cards,
    make_territories,
    options_of,
)

GRAPHS = tuple(spec for spec in page.SECTIONS if spec.drawn)
# What the page's main callback answers, and the first render carries already.
OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.TERRITORY_DEFINITION, "children"),
    (ids.TERRITORY_HEADLINE, "children"),
    *[pair for spec in GRAPHS for pair in chart_output_ids(ids.chart(spec))],
)
CONTROLS: tuple[str, ...] = (
    ids.TERRITORY_INDICATOR,
    ids.TERRITORY_PERIOD,
    ids.TERRITORY_LEVEL,
    ids.TERRITORY_ENTITY,
    ids.TERRITORY_PEERS,
)
# What the address sync sets: the URL, then each control's value and options (the level's
# field is hidden when the indicator has a single level).
SYNC_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.TERRITORY_URL, "search"),
    (ids.TERRITORY_INDICATOR, "value"),
    (ids.TERRITORY_PERIOD, "value"),
    (ids.TERRITORY_PERIOD, "options"),
    (ids.TERRITORY_LEVEL, "value"),
    (ids.TERRITORY_LEVEL, "options"),
    (ids.TERRITORY_LEVEL_FIELD, "hidden"),
    (ids.TERRITORY_ENTITY, "value"),
    (ids.TERRITORY_ENTITY, "options"),
    (ids.TERRITORY_PEERS, "value"),
    (ids.TERRITORY_PEERS, "options"),
)


def state_of(tables: Sequence[IndicatorTable], *values: Any) -> TerritoryState:
    """The page's state from its controls' values as the browser sends them (CONTROLS'
    order, then the page's language), checked as the address's are
    (dashboard.urlstate.territories_state_of)."""
    indicator, period, level, entity, peers, lang = values
    offers = page.indicator_offers(tuple(tables))
    return territories_state_of(indicator, period, level, entity, peers, lang, offers)


def control_outputs(tables: Sequence[IndicatorTable], state: TerritoryState) -> tuple[Any, ...]:
    """Every control's value and options for `state`, in SYNC_OUTPUTS' order (the URL
    aside)."""
    controls = page.territory_controls(tables, state)
    return (
        state.indicator,
        state.period,
        options_of(controls.periods),
        controls.level,
        options_of(controls.levels),
        len(controls.levels) < 2,
        state.entity,
        options_of(controls.entities),
        state.peers,
        options_of(controls.peers),
    )


def sync_url(
    tables: Sequence[IndicatorTable],
    triggered: str | None,
    search: Any,
    indicator: Any,
    period: Any,
    level: Any,
    entity: Any,
    peers: Any,
    lang: Any,
) -> tuple[Any, ...]:
    """Controls and URL kept equal: a control writes the URL (and, when the indicator or the
    level changed, the other controls' options and values come with it: a dropdown drops a
    value that is not among its options); a URL change (back/forward) sets the controls."""
    search = search if isinstance(search, str) else ""
    unchanged = tuple(no_update for _ in SYNC_OUTPUTS)
    if not tables:
        return unchanged
    shown = state_of(tables, indicator, period, level, entity, peers, lang)
    if triggered == ids.TERRITORY_URL:
        state, _ = page.state_from_address(tables, search)
        if state == replace(shown, lang=state.lang):
            # The URL says what the controls show (this page just wrote it).
            return unchanged
        return (no_update, *control_outputs(tables, state))
    query = territories_query(shown)
    url = query if query != search else no_update
    if triggered in (ids.TERRITORY_INDICATOR, ids.TERRITORY_LEVEL):
        return (url, *control_outputs(tables, shown))
    # Values the check changed (a forged one, "same region" for a region) are set back.
    offer = find_offer(page.indicator_offers(tuple(tables)), shown.indicator)
    in_force = shown.level or (offer.levels[0] if offer else None)
    given = (indicator, period, level, entity, peers)
    wanted = (shown.indicator, shown.period, in_force, shown.entity, shown.peers)
    fixed = [w if w != g else no_update for w, g in zip(wanted, given, strict=True)]
    return (url, fixed[0], fixed[1], no_update, fixed[2], no_update, no_update, fixed[3],
            no_update, fixed[4], no_update)  # fmt: skip


def update_territories(payload: page.TerritoriesPayload | None) -> tuple[Any, ...]:
    """The page's outputs from a payload (None: nothing loaded), in OUTPUTS' order."""
    if payload is None:
        return tuple(no_update for _ in OUTPUTS)
    charts = [
        part
        for spec in GRAPHS
        for chart in [payload.charts[spec.name]]
        for part in chart_outputs(chart.figure, chart.empty_message)
    ]
    return (
        make_definition(payload.definition, payload.fragile, payload.note),
        make_headline_cards(payload.cards),
        *charts,
    )


def cached_territories(
    services: AppServices,
) -> Callable[[TerritoryState], page.TerritoriesPayload | None]:
    """The page's payload for a state, memoized by data version (dataset and indicator
    tables) and state."""

    def build(dataset: Dataset, state: TerritoryState) -> page.TerritoriesPayload | None:
        return page.territories_payload(services.indicator_tables(), state)

    return services.memoized("territories", build)


def build_territories_page(
    services: AppServices, search: str | None, lang: Lang
) -> tuple[object, str]:
    """The page with the URL's choices applied (filled with its first answer), and its
    canonical query; with no indicator table loaded, the page saying how to load one."""
    tables = services.indicator_tables()
    if not tables:
        canonical = territories_query(TerritoryState(lang=lang))
        return make_empty_page(page.empty_page_text(lang), lang), canonical
    state, rejected = page.state_from_address(tables, search)
    state = replace(state, lang=lang)
    said = notices(rejected, lang, shown=None, editions=())
    layout = make_territories(page.territory_controls(tables, state), said, lang)
    payload = cached_territories(services)(state)
    return prefill(layout, OUTPUTS, update_territories(payload)), territories_query(state)


def territory_view(
    tables: Sequence[IndicatorTable], state: TerritoryState
) -> page.TerritoriesView | None:
    """The page's view for `state`; None when it names no loaded indicator and period."""
    if not page.TerritoriesView.exists(tables, state):
        return None
    return page.TerritoriesView(tables, state)


def register(app: Dash, services: AppServices) -> None:
    """Wire the page's callbacks; payloads memoized by data version and choices."""
    payload_of = cached_territories(services)

    register_address_sync(
        app,
        ids.TERRITORY_URL,
        SYNC_OUTPUTS,
        [(c, "value") for c in CONTROLS],
        lambda *values: sync_url(services.indicator_tables(), *values),
    )

    # Not called for the first render: the routing answer brings the page filled
    # (build_territories_page); this follows the controls from there.
    @app.callback(
        *[Output(i, p) for i, p in OUTPUTS],
        *[Input(c, "value") for c in CONTROLS],
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _update(indicator: Any, period: Any, level: Any, entity: Any, peers: Any,
                lang: Any) -> tuple[Any, ...]:  # fmt: skip
        tables = services.indicator_tables()
        if not tables:
            return update_territories(None)
        return update_territories(
            payload_of(state_of(tables, indicator, period, level, entity, peers, lang))
        )

    def view_of(*values: Any) -> page.TerritoriesView | None:
        tables = services.indicator_tables()
        return territory_view(tables, state_of(tables, *values))

    charts = [ids.chart(spec) for spec in page.SECTIONS]
    register_block_alternatives(
        app, charts, [(c, "value") for c in CONTROLS], page.SECTION_BY_NAME, view_of
    )
