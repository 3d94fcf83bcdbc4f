"""« Ma structure » callbacks: the pickers' searches, controls <-> URL, the page's figures, its
blocks' tables and CSV downloads, the comparison. Thin: unpack the inputs (checked by
dashboard.urlstate), call dashboard.pages.benchmark, return.

Who sees what is dashboard.policy's, asked with the request's viewer (services.viewer()):
the structures a control, the address or the search accepts are the viewer's
(`services.visible_structures`); peers are named only if `can_see_names`, the comparison only
if `can_compare`. Peer anonymity is then the page module's: the payloads carry "Pair N" labels
only; the pickers carry names without figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from dash import Dash, Input, Output, State, ctx, html, no_update

from callbacks.chart_blocks import register_block_extras
from callbacks.prefill import prefill
from callbacks.services import AppServices
from dashboard import policy
from dashboard.figures.aggregates import aggregates_for
from dashboard.intake.model import Dataset
from dashboard.pages import benchmark as page
from dashboard.pages.benchmark_tables import (
    benchmark_csv,
    benchmark_table,
    compare_csv,
    compare_table,
)
from dashboard.pages.pickers import edition_options
from dashboard.pages.search import search_picker
from dashboard.urlstate import SHOWN, BenchmarkState, benchmark_query, benchmark_state_of
from layouts import ids
from layouts.benchmark import make_headline_cards
from layouts.components import chart_output_ids, chart_outputs, make_payload_table

GRAPHS = tuple(spec for spec in page.SECTIONS if spec.drawn)
TABLE_ONLY = tuple(spec for spec in page.SECTIONS if not spec.drawn)
# What the page's main callback answers, and the first render carries already.
BENCH_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.BENCH_PROMPT, "hidden"),
    (ids.BENCH_CONTENT, "hidden"),
    (ids.BENCH_DEFINITION, "children"),
    (ids.BENCH_HEADLINE, "children"),
    (ids.BENCH_SUMMARY, "children"),
    (ids.BENCH_PEERS, "options"),
    *[pair for spec in GRAPHS for pair in chart_output_ids(ids.chart(spec))],
    *[(ids.chart(spec).table, "children") for spec in TABLE_ONLY],
)
# The view switches of two blocks (contract §5b): every peer's rank interval on the
# distribution, and "where to act first" over the criteria or the channels.
VIEW_INPUTS: tuple[tuple[str, str], ...] = (
    (ids.BENCH_INTERVALS, "value"),
    (ids.BENCH_ACT_VIEW, "value"),
)
COMPARE_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.COMPARE_SECTION, "hidden"),
    (ids.BENCH_COMPARE_NOTE, "children"),
    *[pair for spec in page.COMPARE_SECTIONS for pair in chart_output_ids(ids.chart(spec))],
)
# The controls the page and its blocks' tables and CSVs are read from (then the language).
BENCH_CONTROLS: tuple[tuple[str, str], ...] = (
    (ids.BENCH_STRUCTURE, "value"),
    (ids.BENCH_EDITION, "value"),
    (ids.BENCH_PEERS, "value"),
    (ids.BENCH_CHANNEL, "value"),
    *VIEW_INPUTS,
)
# The comparison's, and its blocks' (then the language).
COMPARE_CONTROLS: tuple[tuple[str, str], ...] = (
    (ids.BENCH_COMPARE, "value"),
    (ids.BENCH_EDITION, "value"),
    (ids.BENCH_STRUCTURE, "value"),
)


def visible_or_all(services: AppServices, dataset: Dataset) -> frozenset[str] | None:
    """The structures the request's viewer may open, None when that is all of them (the
    search's fast path)."""
    known = aggregates_for(dataset).structure_ids
    visible = services.visible_structures(known)
    return None if len(visible) == len(known) else visible


def checked_state(
    services: AppServices,
    state_of: Callable[..., BenchmarkState],
    structure: Any,
    compare: Any,
    *values: Any,
    **views: Any,
) -> BenchmarkState:
    """`state_of(structure, *values, compare, **views)` against the viewer's structures; a
    structure of the dataset the viewer may not open is read as unset, with one log line."""
    state = state_of(structure, *values, compare, **views)
    if (
        isinstance(structure, str)
        and state.structure is None
        and structure in aggregates_for(services.dataset()).structure_ids
    ):
        services.refused("structure", structure)
    return state


def sync_url(
    dataset: Dataset,
    triggered: str | None,
    search: Any,
    structure: Any,
    edition: Any,
    peers: Any,
    channel: Any,
    compare: Any,
    lang: Any,
    intervals: Any = None,
    act: Any = None,
    visible: Callable[[frozenset[str]], frozenset[str]] | None = None,
) -> tuple[Any, ...]:
    """Controls and URL kept equal (structures: those `visible(ids)` keeps, the viewer's):
    a control writes the URL; a URL change (back/forward) sets the controls. Choosing
    another structure resets the edition to its latest, and the edition's options come with
    it in the same answer: a dropdown drops a value that is not among its options, so the
    two must change together. `intervals` and `act` are the view switches of the
    distribution and of "where to act first" (contract §5b)."""
    agg = aggregates_for(dataset)
    search = search if isinstance(search, str) else ""
    known = visible(agg.structure_ids) if visible is not None else agg.structure_ids
    shown = benchmark_state_of(structure, edition, peers, channel, compare, lang, known,
                               intervals=intervals, act=act)  # fmt: skip
    if triggered == ids.BENCH_URL:
        state, _ = page.state_from_address(dataset, search, known)
        if replace(shown, lang=state.lang) == state:
            # The URL now says what the controls already show (this page just wrote it):
            # setting them again would recompute the page for nothing.
            return tuple(no_update for _ in range(9))
        return (no_update, state.structure, state.edition, edition_options(agg, state.structure),
                state.peers, state.channel, list(state.compare),
                [SHOWN] if state.intervals else [], state.act)  # fmt: skip
    eds = agg.editions_by_structure.get(shown.structure or "", [])
    structure_changed = triggered == ids.BENCH_STRUCTURE
    edition_value = shown.edition
    if structure_changed or edition_value not in eds:
        edition_value = eds[-1] if eds else None
    query = benchmark_query(replace(shown, edition=edition_value))
    return (
        query if query != search else no_update,
        no_update,
        edition_value if structure_changed else no_update,
        edition_options(agg, shown.structure) if structure_changed else no_update,
        no_update,
        no_update,
        no_update,
        no_update,
        no_update,
    )


def update_benchmark(payload: page.BenchmarkPayload | None) -> tuple[Any, ...]:
    """The page's outputs from a payload (None: no structure), in BENCH_OUTPUTS' order."""
    if payload is None:
        return (False, True, *[no_update] * (len(BENCH_OUTPUTS) - 2))
    definition: list[Any] = [payload.definition]
    if payload.fragile:
        definition = [payload.definition, html.Br(), html.Strong(payload.fragile)]
    charts = [
        part
        for spec in GRAPHS
        for chart in [payload.charts[spec.name]]
        for part in chart_outputs(chart.figure, chart.empty_message, chart.note)
    ]
    return (
        True,
        False,
        definition,
        make_headline_cards(payload.cards),
        [html.P(sentence) for sentence in payload.summary],
        [asdict(choice) for choice in payload.peer_choices],
        *charts,
        *[make_payload_table(payload.tables[spec.name]) for spec in TABLE_ONLY],
    )


def update_compare(payload: page.ComparePayload) -> tuple[Any, ...]:
    """The comparison's outputs from its payload, in COMPARE_OUTPUTS' order."""
    note = [html.P(payload.note, className="mb-2")] if payload.note else ""
    charts = [
        part
        for spec in page.COMPARE_SECTIONS
        for chart in [payload.charts[spec.name]]
        for part in chart_outputs(chart.figure, chart.empty_message, chart.note)
    ]
    return (False, note, *charts)


def cached_benchmark(
    services: AppServices,
) -> Callable[[BenchmarkState], page.BenchmarkPayload | None]:
    """The page's payload for a state (its comparison aside) as the request's viewer may see
    it: None for a structure the viewer may not open (policy.can_view_structure, logged),
    peers named only if policy.can_see_names. Memoized by dataset version, state and
    naming."""

    def memo_for(named: bool) -> Callable[[BenchmarkState], page.BenchmarkPayload | None]:
        def build(dataset: Dataset, state: BenchmarkState) -> page.BenchmarkPayload | None:
            return page.benchmark_payload(dataset, state, named, services.indicator_tables())

        return services.memoized("benchmark-named" if named else "benchmark", build)

    memos = {named: memo_for(named) for named in (False, True)}

    def payload(state: BenchmarkState) -> page.BenchmarkPayload | None:
        viewer = services.viewer()
        if state.structure is not None and not policy.can_view_structure(viewer, state.structure):
            services.refused("structure", state.structure)
            return None
        return memos[policy.can_see_names(viewer)](replace(state, compare=()))

    return payload


def prefill_benchmark(services: AppServices, state: BenchmarkState, layout: Any) -> Any:
    """The page's layout for `state`, filled with its figures, headline and summary when a
    structure is chosen (the layout shows the prompt otherwise)."""
    if state.structure is None or state.edition is None:
        return layout
    payload = cached_benchmark(services)(state)
    return prefill(layout, BENCH_OUTPUTS, update_benchmark(payload))


def register(app: Dash, services: AppServices) -> None:
    """Wire the page's callbacks; payloads memoized by dataset version and choices. Every
    callback reads the request's viewer (services.viewer()) through `state_of` (the viewer's
    structures), `named()` and `may_compare()` (dashboard.policy)."""
    payload_of = cached_benchmark(services)

    def named() -> bool:
        return policy.can_see_names(services.viewer())

    def may_compare() -> bool:
        return policy.can_compare(services.viewer())

    def raw_state_of(structure: Any, edition: Any, peers: Any, channel: Any, lang: Any,
                     compare: Any = None, intervals: Any = None,
                     act: Any = None) -> BenchmarkState:  # fmt: skip
        known = services.visible_structures(aggregates_for(services.dataset()).structure_ids)
        return benchmark_state_of(structure, edition, peers, channel, compare, lang, known,
                                  intervals=intervals, act=act)  # fmt: skip

    def state_of(structure: Any, edition: Any, peers: Any, channel: Any, lang: Any,
                 compare: Any = None, intervals: Any = None,
                 act: Any = None) -> BenchmarkState:  # fmt: skip
        return checked_state(services, raw_state_of, structure, compare, edition, peers,
                             channel, lang, intervals=intervals, act=act)  # fmt: skip

    def chosen(state: BenchmarkState) -> BenchmarkState | None:
        return state if state.structure and state.edition else None

    @services.cache.memoize()
    def cached_compare(
        version: str, structures: tuple[str, ...], edition: int | None, lang: str
    ) -> page.ComparePayload:
        return page.compare_payload(services.dataset(), structures, edition, lang)

    @app.callback(
        Output(ids.BENCH_STRUCTURE, "options"),
        Output(ids.BENCH_SEARCH_STATUS, "children"),
        Input(ids.BENCH_SEARCH, "value"),
        State(ids.BENCH_STRUCTURE, "value"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _search(query: Any, value: Any, lang: Any) -> tuple[Any, Any]:
        if not isinstance(query, str) or not query.strip():
            return no_update, ""
        state = state_of(value, None, None, None, lang)
        keep = [state.structure] if state.structure else []
        dataset = services.dataset()
        allowed = visible_or_all(services, dataset)
        options, status = search_picker(dataset, query, keep, state.lang, allowed)
        return [asdict(option) for option in options], status

    @app.callback(
        Output(ids.BENCH_COMPARE, "options"),
        Output(ids.BENCH_COMPARE_STATUS, "children"),
        Input(ids.BENCH_COMPARE_SEARCH, "value"),
        State(ids.BENCH_COMPARE, "value"),
        State(ids.BENCH_STRUCTURE, "value"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _search_compare(query: Any, compared: Any, own: Any, lang: Any) -> tuple[Any, Any]:
        if not may_compare() or not isinstance(query, str) or not query.strip():
            return no_update, ""
        state = state_of(own, None, None, None, lang, compared)
        dataset = services.dataset()
        options, status = search_picker(
            dataset, query, state.compare, state.lang, visible_or_all(services, dataset)
        )
        # Your own structure is always compared: it is not offered as another.
        return [asdict(o) for o in options if o.value != state.structure], status

    @app.callback(
        Output(ids.BENCH_URL, "search"),
        Output(ids.BENCH_STRUCTURE, "value"),
        Output(ids.BENCH_EDITION, "value"),
        Output(ids.BENCH_EDITION, "options"),
        Output(ids.BENCH_PEERS, "value"),
        Output(ids.BENCH_CHANNEL, "value"),
        Output(ids.BENCH_COMPARE, "value"),
        *[Output(i, p) for i, p in VIEW_INPUTS],
        Input(ids.BENCH_URL, "search"),
        Input(ids.BENCH_STRUCTURE, "value"),
        Input(ids.BENCH_EDITION, "value"),
        Input(ids.BENCH_PEERS, "value"),
        Input(ids.BENCH_CHANNEL, "value"),
        Input(ids.BENCH_COMPARE, "value"),
        *[Input(i, p) for i, p in VIEW_INPUTS],
        State(ids.LANG_STORE, "data"),
    )
    def _sync(search: Any, structure: Any, edition: Any, peers: Any, channel: Any,
              compare: Any, intervals: Any, act: Any, lang: Any) -> tuple[Any, ...]:  # fmt: skip
        return sync_url(services.dataset(), ctx.triggered_id, search, structure, edition,
                        peers, channel, compare, lang, intervals, act,
                        services.visible_structures)  # fmt: skip

    # Not called for the first render: the routing answer brings the page filled
    # (prefill_benchmark); this follows the controls from there.
    @app.callback(
        *[Output(component_id, prop) for component_id, prop in BENCH_OUTPUTS],
        *[Input(i, p) for i, p in BENCH_CONTROLS],
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _update(structure: Any, edition: Any, peers: Any, channel: Any, intervals: Any,
                act: Any, lang: Any) -> tuple[Any, ...]:  # fmt: skip
        state = chosen(state_of(structure, edition, peers, channel, lang, None, intervals, act))
        return update_benchmark(None if state is None else payload_of(state))

    def per_block(make: Callable[..., Any]) -> Callable[..., Any]:
        def for_block(chart_name: str, *values: Any) -> Any:
            structure, edition, peers, channel, intervals, act, lang = values
            state = chosen(state_of(structure, edition, peers, channel, lang, None, intervals, act))
            if state is None:
                return None
            tables = services.indicator_tables()
            return make(services.dataset(), state, named(), chart_name, tables)

        return for_block

    charts = [ids.chart(spec) for spec in page.SECTIONS]
    register_block_extras(
        app, charts, BENCH_CONTROLS, per_block(benchmark_table), per_block(benchmark_csv)
    )

    def compare_args(chosen_ids: Any, edition: Any, own: Any,
                     lang: Any) -> tuple[list[str], int | None, str] | None:  # fmt: skip
        """(structures, edition, lang) of a comparison, None when there is none to draw."""
        if not may_compare():
            return None
        state = state_of(own, edition, None, None, lang, chosen_ids)
        if not state.compare:
            return None
        structures = page.compared_structures(services.dataset(), state.structure, state.compare)
        return structures, state.edition, state.lang

    @app.callback(
        *[Output(i, p) for i, p in COMPARE_OUTPUTS],
        *[Input(i, p) for i, p in COMPARE_CONTROLS],
        State(ids.LANG_STORE, "data"),
    )
    def _compare(chosen_ids: Any, edition: Any, own: Any, lang: Any) -> tuple[Any, ...]:
        args = compare_args(chosen_ids, edition, own, lang)
        if args is None:
            return (True, "", *[no_update] * (len(COMPARE_OUTPUTS) - 2))
        structures, edition_value, lang_value = args
        version = services.dataset().version
        return update_compare(cached_compare(version, tuple(structures), edition_value,
                                             lang_value))  # fmt: skip

    def per_compare(make: Callable[..., Any]) -> Callable[..., Any]:
        def for_block(chart_name: str, *values: Any) -> Any:
            args = compare_args(*values)
            return None if args is None else make(services.dataset(), *args, chart_name)

        return for_block

    compare_charts = [ids.chart(spec) for spec in page.COMPARE_SECTIONS]
    register_block_extras(
        app, compare_charts, COMPARE_CONTROLS, per_compare(compare_table), per_compare(compare_csv)
    )
