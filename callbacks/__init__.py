"""Callbacks: thin functions from inputs to dashboard/ and back. Each module has register()."""

from __future__ import annotations

from dash import Dash

from callbacks import benchmark, data_page, noop, overview, routing
from callbacks.services import AppServices
from dashboard.figures.aggregates import aggregates_for
from dashboard.urlstate import BenchmarkState, OverviewState


def register_callbacks(app: Dash, services: AppServices) -> None:
    """Register every callback of the app."""
    routing.register(app, services)
    overview.register(app, services)
    benchmark.register(app, services)
    data_page.register(app, services)
    noop.register(app, services)


def warm_caches(services: AppServices) -> None:
    """Load the active dataset and build what the pages read for its version (aggregates,
    each structure's editions, channel measures, search index), so that a worker's first
    visitor does not wait for them. A later import is picked up on the next request, as ever.
    """
    dataset = services.dataset()
    editions = aggregates_for(dataset).editions_by_structure
    benchmark.measures_for(dataset)
    benchmark.search_index_for(dataset)
    if not dataset.editions:
        return
    # Each page computed once (nothing cached): a process's first call pays one-off costs
    # (lazy imports, locale data, pandas' first paths), about as much again as the call.
    latest = max(dataset.editions)
    overview.overview_payload(dataset, OverviewState(latest))
    structure = next((s for s, eds in editions.items() if latest in eds), None)
    if structure is not None:
        state = BenchmarkState(structure, latest)
        benchmark.benchmark_payload(dataset, state, services.settings.peer_names)
