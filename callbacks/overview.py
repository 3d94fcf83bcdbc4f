"""Overview callbacks: filters <-> URL, the page's figures and tables, the blocks' tables and
CSV downloads. Thin: unpack the inputs, call dashboard.pages.overview, return."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from callbacks.address_sync import register_address_sync
from callbacks.chart_blocks import register_block_alternatives
from callbacks.prefill import prefill
from callbacks.services import AppServices
from dashboard import policy
from dashboard.intake.model import Dataset
from dashboard.pages import overview as page
from dashboard.urlstate import OverviewState, overview_query, overview_state_of, parse_overview
from layouts import ids
from layouts.components import chart_output_ids, chart_outputs, make_payload_table
from layouts.overview import make_indicator_cards

GRAPHS = tuple(spec for spec in page.SECTIONS if spec.drawn)
TABLE_ONLY = tuple(spec for spec in page.SECTIONS if not spec.drawn)
# What the page's main callback answers, and the first render carries already.
OUTPUTS: Sequence[tuple[str, str]] = (
    (ids.SUBTITLE, "children"),
    (ids.CARDS, "children"),
    *[pair for spec in GRAPHS for pair in chart_output_ids(ids.chart(spec))],
    *[(ids.chart(spec).table, "children") for spec in TABLE_ONLY],
)
FILTER_INPUTS: Sequence[tuple[str, str]] = (
    (ids.EDITION, "value"),
    (ids.CATEGORIES, "value"),
    (ids.CHANNELS, "value"),
    (ids.REGION, "value"),
    (ids.SERIES, "value"),  # the trend's series (contract §5b)
    (ids.OVERVIEW_MAP_LEVEL, "value"),
)


def sync_url(
    dataset: Dataset,
    triggered: str | None,
    search: Any,
    edition: Any,
    categories: Any,
    channels: Any,
    region: Any,
    series: Any,
    map_level: Any,
    lang: Any,
) -> tuple[Any, ...]:
    """Keep the filters (with the trend's series and the map's level) and the URL query equal:
    a filter change writes the URL (no reload); a URL change (back/forward) sets the filters.
    One value per output: the URL's query, then FILTER_INPUTS' values."""
    search = search if isinstance(search, str) else ""
    unchanged = tuple(no_update for _ in range(1 + len(FILTER_INPUTS)))
    if triggered == ids.OVERVIEW_URL:
        state = parse_overview(search, dataset.editions).state
        shown = overview_state_of(edition, categories, channels, region, state.lang,
                                  dataset.editions, series=series, map_level=map_level)  # fmt: skip
        if state == shown:
            # The URL now says what the filters already show (this page just wrote it):
            # setting them again would redraw the page for nothing.
            return unchanged
        return (no_update, state.edition, list(state.categories), list(state.channels),
                state.region, state.series, state.map_level)  # fmt: skip
    current = overview_state_of(edition, categories, channels, region, lang, dataset.editions,
                                series=series, map_level=map_level)  # fmt: skip
    if current is None:
        return unchanged
    query = overview_query(current)
    return (query if query != search else no_update), *unchanged[1:]


def update_overview(payload: page.OverviewPayload) -> tuple[Any, ...]:
    """The overview's outputs from a payload, in the order of OUTPUTS."""
    return (
        payload.subtitle,
        make_indicator_cards(payload.cards, payload.cards_note),
        *[
            part
            for spec in GRAPHS
            for chart in [payload.charts[spec.name]]
            for part in chart_outputs(chart.figure, chart.empty_message, chart.note)
        ],
        *[make_payload_table(payload.tables[spec.name]) for spec in TABLE_ONLY],
    )


def cached_overview(services: AppServices) -> Callable[[OverviewState], page.OverviewPayload]:
    """The overview's payload for a state, memoized by dataset version and state; only for
    a viewer dashboard.policy.can_view_overview allows (aggregates: everyone today)."""
    memo = services.memoized("overview", page.overview_payload)

    def payload(state: OverviewState) -> page.OverviewPayload:
        if not policy.can_view_overview(services.viewer()):
            services.refused("overview", state.edition)
            raise PreventUpdate
        return memo(state)

    return payload


def prefill_overview(services: AppServices, state: OverviewState, layout: Any) -> Any:
    """The overview's layout for `state`, filled with its figures, cards and tables."""
    return prefill(layout, OUTPUTS, update_overview(cached_overview(services)(state)))


def overview_view(dataset: Dataset, *values: Any) -> page.OverviewView | None:
    """The page's view for its filters' values as the browser sends them (FILTER_INPUTS'
    order, then the page's language), checked as the address's are; None when they name no
    edition of `dataset`."""
    edition, categories, channels, region, series, map_level, lang = values
    state = overview_state_of(edition, categories, channels, region, lang, dataset.editions,
                              series=series, map_level=map_level)  # fmt: skip
    return None if state is None else page.OverviewView(dataset, state)


def register(app: Dash, services: AppServices) -> None:
    """Wire the overview callbacks; the payload is memoized by dataset version and filters."""
    payload_of = cached_overview(services)

    register_address_sync(
        app,
        ids.OVERVIEW_URL,
        [(ids.OVERVIEW_URL, "search"), *FILTER_INPUTS],
        FILTER_INPUTS,
        lambda *values: sync_url(services.dataset(), *values),
    )

    # Not called for the first render: the routing answer brings the page filled
    # (prefill_overview); this follows the filters from there.
    @app.callback(
        *[Output(component_id, prop) for component_id, prop in OUTPUTS],
        *[Input(i, p) for i, p in FILTER_INPUTS],
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _update(edition: Any, categories: Any, channels: Any, region: Any, series: Any,
                map_level: Any, lang: Any) -> tuple[Any, ...]:  # fmt: skip
        state = overview_state_of(edition, categories, channels, region, lang,
                                  services.dataset().editions, series=series,
                                  map_level=map_level)  # fmt: skip
        if state is None:
            return tuple(no_update for _ in OUTPUTS)
        return update_overview(payload_of(state))

    charts = [ids.chart(spec) for spec in page.SECTIONS]
    register_block_alternatives(
        app,
        charts,
        FILTER_INPUTS,
        page.SECTION_BY_NAME,
        lambda *values: overview_view(services.dataset(), *values),
    )
