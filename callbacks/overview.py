"""Overview callbacks: filters <-> URL, the figures and tables, the CSV downloads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.chart_blocks import csv_file, register_csv_downloads, register_table_views
from callbacks.prefill import prefill
from callbacks.services import AppServices
from dashboard.figures import overview
from dashboard.figures.aggregates import Aggregates, Selection, aggregates_for
from dashboard.figures.indicators import indicators_with_change, shown_indicators
from dashboard.i18n import channel_label, count_text, normalise_lang, translate
from dashboard.intake.geography import region_name
from dashboard.intake.model import Dataset
from dashboard.intake.schema import CATEGORIES, CHANNELS, REGION_CODES
from dashboard.render import overview_charts as charts
from dashboard.render import tables
from dashboard.urlstate import OverviewState, codes_of, overview_query, parse_overview, year_of
from layouts import ids
from layouts.components import chart_output_ids, chart_outputs, make_payload_table
from layouts.overview import make_indicator_cards

CHART_SPECS = {
    ids.HEATMAP.name: ("heatmap", tables.HEATMAP_TABLE, "ui.heatmap.title"),
    ids.DISTRIBUTION.name: ("distribution", tables.DISTRIBUTION_TABLE, "ui.distribution.title"),
    ids.TREND.name: ("trend", tables.TREND_TABLE, "ui.trend.title"),
    ids.WINNERS.name: ("winners", tables.WINNERS_TABLE, "ui.winners.title"),
}

# Where the distribution's figure holds scores: the dots' x and the boxes' statistics.
DISTRIBUTION_VALUES = ("x", "q1", "median", "q3", "lowerfence", "upperfence")

# Blocks that are a table only: filled with the page (the charts' tables come when opened).
TABLE_ONLY = tuple(chart for chart in ids.OVERVIEW_CHARTS if not chart.drawn)


def state_from_inputs(
    edition: Any,
    categories: Any,
    channels: Any,
    region: Any,
    lang: Any,
    editions: Sequence[int] | None = None,
) -> OverviewState | None:
    """An OverviewState from raw component values, each checked as the URL's are (a forged
    request may send anything); None when the edition is not one (of `editions`, if given).
    Lists come in the schema's order, not the click order: one view, one address."""
    year = year_of(edition)
    if year is None or (editions is not None and year not in editions):
        return None
    return OverviewState(
        edition=year,
        categories=codes_of(categories, CATEGORIES),
        channels=codes_of(channels, CHANNELS),
        region=region if isinstance(region, str) and region in REGION_CODES else None,
        lang=normalise_lang(lang if isinstance(lang, str) else None),
    )


def sync_url(
    dataset: Dataset,
    triggered: str | None,
    search: str | None,
    edition: Any,
    categories: Any,
    channels: Any,
    region: Any,
    lang: str,
) -> tuple[Any, Any, Any, Any, Any]:
    """Keep the filters and the URL query equal: a filter change writes the URL (no reload);
    a URL change (back/forward) sets the filters."""
    if triggered == ids.OVERVIEW_URL:
        state = parse_overview(search if isinstance(search, str) else None, dataset.editions).state
        if state == state_from_inputs(
            edition, categories, channels, region, state.lang, dataset.editions
        ):
            # The URL now says what the filters already show (this page just wrote it):
            # setting them again would redraw the page for nothing.
            return no_update, no_update, no_update, no_update, no_update
        return (
            no_update,
            state.edition,
            list(state.categories),
            list(state.channels),
            state.region,
        )
    current = state_from_inputs(edition, categories, channels, region, lang, dataset.editions)
    if current is None:
        return no_update, no_update, no_update, no_update, no_update
    query = overview_query(current)
    return (
        (query if query != (search if isinstance(search, str) else "") else no_update),
        no_update,
        no_update,
        no_update,
        no_update,
    )


def _scope_text(state: OverviewState, lang: str) -> str:
    parts = []
    if state.categories:
        parts.append(count_text("ui.overview.scope_categories", len(state.categories), lang))
    if state.channels:
        names = ", ".join(channel_label(c, lang) for c in state.channels)
        parts.append(translate("ui.overview.scope_channels", lang, names=names))
    if state.region:
        parts.append(
            translate("ui.overview.scope_region", lang, name=region_name(state.region) or "")
        )
    if not parts:
        return translate("ui.overview.scope_all", lang)
    return translate("ui.overview.scope", lang, parts="; ".join(parts))


FRAMES: dict[str, Callable[[Aggregates, Selection], pd.DataFrame]] = {
    "heatmap": overview.category_channel_means,
    "distribution": overview.global_score_distribution,
    "trend": overview.category_trend,
    "winners": overview.category_winners,
}


def _selection(state: OverviewState) -> Selection:
    return Selection(state.edition, state.categories, state.channels, state.region)


def _channel_names(state: OverviewState, lang: str) -> str:
    return ", ".join(channel_label(c, lang).lower() for c in state.channels)


def score_axis_titles(state: OverviewState, lang: str) -> tuple[str, str]:
    """The axis titles of the global score and of its group mean: they name the channels
    the score is computed over when some are selected (contract §5, *Filters*)."""
    if not state.channels:
        return (
            translate("ui.chart.global_score_axis", lang),
            translate("ui.chart.mean_score_axis", lang),
        )
    names = _channel_names(state, lang)
    return (
        translate("ui.chart.global_score_channels_axis", lang, channels=names),
        translate("ui.chart.mean_score_channels_axis", lang, channels=names),
    )


def overview_payload(dataset: Dataset, state: OverviewState) -> dict[str, Any]:
    """Everything the overview shows for a state: figures (or why there is nothing to draw),
    table rows, cards of the indicators that apply, and the subtitle."""
    lang = state.lang
    agg = aggregates_for(dataset)
    sel = _selection(state)
    frames = {key: frame_of(agg, sel) for key, frame_of in FRAMES.items()}
    score_title, mean_title = score_axis_titles(state, lang)
    figures = {
        "heatmap": charts.make_heatmap(frames["heatmap"], lang),
        # Every structure's score, anonymous: published rounded as shown (issue 11), the
        # box's quartiles computed from the exact scores first.
        "distribution": tables.round_figure_values(
            charts.make_distribution(frames["distribution"], lang, score_title),
            DISTRIBUTION_VALUES,
        ),
        "trend": charts.make_trend(frames["trend"], state.edition, lang, mean_title),
    }
    empty = {
        key: None
        if len(frames[key])
        else overview.empty_reason(agg, sel, lang, all_editions=(key == "trend"))
        for key in figures
    }
    payload_tables = {chart.name: _table(frames, chart.name, lang) for chart in TABLE_ONLY}
    changes = indicators_with_change(
        dataset, state.edition, state.categories, state.region, channels=state.channels
    )
    shown = shown_indicators(state.channels)
    audited = changes["structures_audited"].current
    weights = translate(
        "ui.overview.weights",
        lang,
        restricted=translate("ui.overview.weights_restricted", lang) if state.channels else "",
    )
    subtitle = " ".join(
        [
            translate(
                "ui.overview.subtitle",
                lang,
                edition=state.edition,
                structures=count_text("ui.count.structures_audited", int(audited.value or 0), lang),
                tests=count_text("ui.count.tests", audited.n, lang),
                scope=_scope_text(state, lang),
            ),
            weights,
        ]
    )
    hidden = len(changes) - len(shown)
    return {
        "edition": state.edition,
        "figures": figures,
        "empty": empty,
        "tables": payload_tables,
        "cards": overview.indicator_cards({k: changes[k] for k in shown}, lang),
        "cards_note": count_text(
            "ui.cards.hidden", hidden, lang, channels=_channel_names(state, lang)
        )
        if hidden
        else "",
        "subtitle": subtitle,
    }


def _table(frames: dict[str, pd.DataFrame], chart_name: str, lang: str) -> dict[str, Any]:
    key, spec, title_key = CHART_SPECS[chart_name]
    return tables.table_payload(frames[key], spec, title_key, lang)


def overview_table(dataset: Dataset, state: OverviewState, chart_name: str) -> dict[str, Any]:
    """A chart's "see as table" alternative, from its frame alone."""
    key = CHART_SPECS[chart_name][0]
    frame = FRAMES[key](aggregates_for(dataset), _selection(state))
    return _table({key: frame}, chart_name, state.lang)


def overview_csv(dataset: Dataset, state: OverviewState, chart_name: str) -> dict[str, str]:
    """The CSV file of one chart: the numbers it draws, from its frame alone."""
    key, spec, _ = CHART_SPECS[chart_name]
    frame = FRAMES[key](aggregates_for(dataset), _selection(state))
    return csv_file(tables.csv_download(frame, spec, state.lang), chart_name, state.edition)


GRAPHS = tuple(chart for chart in ids.OVERVIEW_CHARTS if chart.drawn)
# What the page's main callback answers, and the first render carries already.
OUTPUTS: Sequence[tuple[str, str]] = (
    (ids.SUBTITLE, "children"),
    (ids.CARDS, "children"),
    *[pair for chart in GRAPHS for pair in chart_output_ids(chart)],
    *[(chart.table, "children") for chart in TABLE_ONLY],
)


def update_overview(payload: dict[str, Any]) -> tuple[Any, ...]:
    """The overview's outputs from a payload, in the order of OUTPUTS."""
    keys = [CHART_SPECS[chart.name][0] for chart in GRAPHS]
    return (
        payload["subtitle"],
        make_indicator_cards(payload["cards"], payload["cards_note"]),
        *[
            part
            for key in keys
            for part in chart_outputs(payload["figures"][key], payload["empty"][key])
        ],
        *[make_payload_table(payload["tables"][chart.name]) for chart in TABLE_ONLY],
    )


def cached_overview(services: AppServices) -> Callable[[OverviewState], dict[str, Any]]:
    """The overview's payload for a state, memoized by dataset version and state."""
    return services.memoized("overview", overview_payload)


def prefill_overview(services: AppServices, state: OverviewState, page: Any) -> Any:
    """The overview's layout for `state`, filled with its figures, cards and tables."""
    return prefill(page, OUTPUTS, update_overview(cached_overview(services)(state)))


FILTER_INPUTS: Sequence[tuple[str, str]] = (
    (ids.EDITION, "value"),
    (ids.CATEGORIES, "value"),
    (ids.CHANNELS, "value"),
    (ids.REGION, "value"),
)


def register(app: Dash, services: AppServices) -> None:
    """Wire the overview callbacks; the payload is memoized by dataset version and filters."""
    payload_of = cached_overview(services)

    @app.callback(
        Output(ids.OVERVIEW_URL, "search"),
        Output(ids.EDITION, "value"),
        Output(ids.CATEGORIES, "value"),
        Output(ids.CHANNELS, "value"),
        Output(ids.REGION, "value"),
        Input(ids.OVERVIEW_URL, "search"),
        *[Input(i, p) for i, p in FILTER_INPUTS],
        State(ids.LANG_STORE, "data"),
    )
    def _sync(search: str | None, edition: Any, categories: Any, channels: Any, region: Any,
              lang: str) -> tuple[Any, ...]:  # fmt: skip
        return sync_url(
            services.dataset(),
            ctx.triggered_id,
            search,
            edition,
            categories,
            channels,
            region,
            lang,
        )

    # Not called for the first render: the routing answer brings the page filled
    # (prefill_overview); this follows the filters from there.
    @app.callback(
        *[Output(component_id, prop) for component_id, prop in OUTPUTS],
        *[Input(i, p) for i, p in FILTER_INPUTS],
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _update(
        edition: Any, categories: Any, channels: Any, region: Any, lang: Any
    ) -> tuple[Any, ...]:
        state = state_from_inputs(
            edition, categories, channels, region, lang, services.dataset().editions
        )
        if state is None:
            return tuple(no_update for _ in OUTPUTS)
        return update_overview(payload_of(state))

    def per_chart(
        make: Callable[[Dataset, OverviewState, str], dict[str, Any]],
    ) -> Callable[..., dict[str, Any] | None]:
        """`make(dataset, state, chart_name)` from a chart's name and the filters' values."""

        def for_chart(chart_name: str, *values: Any) -> dict[str, Any] | None:
            dataset = services.dataset()
            state = state_from_inputs(*values, editions=dataset.editions)
            return None if state is None else make(dataset, state, chart_name)

        return for_chart

    register_table_views(
        app,
        ids.OVERVIEW_CHARTS,
        [Input(i, p) for i, p in FILTER_INPUTS],
        [State(ids.LANG_STORE, "data")],
        per_chart(overview_table),
    )

    register_csv_downloads(
        app,
        ids.OVERVIEW_CHARTS,
        [*[State(i, p) for i, p in FILTER_INPUTS], State(ids.LANG_STORE, "data")],
        per_chart(overview_csv),
    )
