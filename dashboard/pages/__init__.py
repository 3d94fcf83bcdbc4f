"""The pages: each module describes one page as data (its sections: a spec per block, see
sections.py), computes its payload and writes its texts (summary, cards, definitions)."""

from __future__ import annotations

from dashboard.figures import benchmark as bench
from dashboard.figures.aggregates import aggregates_for
from dashboard.intake.model import Dataset
from dashboard.urlstate import BenchmarkState, OverviewState


def warm_up(dataset: Dataset, named: bool) -> None:
    """Build what the pages read for the dataset's version (aggregates, each structure's
    editions, channel measures, the search index, the spreads and standard errors of contract
    §5b), and compute each page once, so that a worker's first visitor does not pay a
    process's one-off costs (lazy imports, locale data, pandas' first paths), about as much
    again as the page."""
    from dashboard.figures import uncertainty
    from dashboard.pages import benchmark, overview, search

    agg = aggregates_for(dataset)
    editions = agg.editions_by_structure
    bench.channel_measures(agg)
    search.structure_search(agg)
    uncertainty.prepare_version(agg)
    if not dataset.editions:
        return
    latest = max(dataset.editions)
    overview.overview_payload(dataset, OverviewState(latest))
    structure = next((s for s, eds in editions.items() if latest in eds), None)
    if structure is not None:
        benchmark.benchmark_payload(dataset, BenchmarkState(structure, latest), named)
