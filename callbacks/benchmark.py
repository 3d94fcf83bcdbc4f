""" "My structure" callbacks: picker search, URL sync, the page's figures, downloads, compare.

Peer anonymity: unless the app runs with DASHBOARD_PEER_NAMES=1, no peer's name or id leaves
the server with a figure: the payload carries anonymous labels ("Pair 12") only, and the
picker's options carry names without figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.chart_blocks import csv_file, register_csv_downloads, register_table_views
from callbacks.prefill import prefill
from callbacks.services import AppServices
from dashboard import benchmark as bench
from dashboard import charts, tables
from dashboard.aggregates import Aggregates, aggregates_for
from dashboard.geography import department_name, departments, region_name
from dashboard.i18n import (
    LANGS,
    category_label,
    channel_label,
    format_number,
    format_percent_value,
    format_signed,
    normalise_lang,
    translate,
)
from dashboard.model import Dataset
from dashboard.schema import CATEGORIES, StructureCol
from dashboard.summary import QUARTILE_KEYS, criterion_label, summarise
from dashboard.urlstate import BenchmarkState, benchmark_query, parse_benchmark
from layouts import ids
from layouts.benchmark import make_headline_cards
from layouts.components import make_payload_table

_MEASURES: dict[str, pd.DataFrame] = {}
_INDEXES: dict[str, pd.DataFrame] = {}


def measures_for(dataset: Dataset) -> pd.DataFrame:
    """Per-structure channel measures, computed once per dataset version."""
    found = _MEASURES.get(dataset.version)
    if found is None:
        found = bench.structure_measures(dataset.tests)
        _MEASURES.clear()
        _MEASURES[dataset.version] = found
    return found


def search_index_for(dataset: Dataset) -> pd.DataFrame:
    """The picker's search index, built once per dataset version."""
    found = _INDEXES.get(dataset.version)
    if found is None:
        deps = departments()
        names = dict(zip(deps[StructureCol.DEPARTMENT_CODE], deps[StructureCol.NAME], strict=True))
        categories = {
            code: " ".join(category_label(code, lang) for lang in LANGS) for code in CATEGORIES
        }
        found = bench.search_index(aggregates_for(dataset), names, categories)
        _INDEXES.clear()
        _INDEXES[dataset.version] = found
    return found


def structure_label(agg: Aggregates, structure_id: str, lang: str) -> str:
    """A structure's picker label: name, department, category."""
    row = agg.structures.loc[structure_id]
    place = row[StructureCol.DEPARTMENT_CODE]
    where = (
        f"{department_name(str(place))} ({place})"
        if isinstance(place, str) and place
        else (region_name(str(row[StructureCol.REGION_CODE])) or "")
    )
    category = category_label(str(row[StructureCol.CATEGORY]), lang)
    return f"{row[StructureCol.NAME]} – {where} – {category}"


def picker_options(
    dataset: Dataset, query: str | None, keep: list[str], lang: str
) -> list[dict[str, str]]:
    """Options for a search: structures matching `query` (names only, no figure), plus the
    ones already chosen so they stay displayed.

    Each option's `search` holds the same accent-free text the server searched: the
    dropdown filters its options again in the browser, by words, and would otherwise drop
    "Département" for a user who typed "departement"."""
    agg = aggregates_for(dataset)
    index = search_index_for(dataset)
    found = bench.search_structures(index, query or "") if query else []
    ordered = [*[k for k in keep if k], *[f for f in found if f not in keep]]
    folded = index["text"]
    return [
        {
            "label": structure_label(agg, sid, lang),
            "value": sid,
            "search": f"{folded.get(sid, '')} {bench.fold(structure_label(agg, sid, lang))}",
        }
        for sid in ordered
        if sid in agg.structure_ids
    ]


def editions_of(agg: Aggregates) -> dict[str, list[int]]:
    """Each structure's editions, ascending (built once per dataset version)."""
    return agg.editions_by_structure


def parse_state(
    dataset: Dataset, search: str | None
) -> tuple[BenchmarkState, list[tuple[str, str]]]:
    """The page state from a query string, with the refused parameters."""
    agg = aggregates_for(dataset)
    parsed = parse_benchmark(search, agg.structure_ids, editions_of(agg))
    return parsed.state, list(parsed.rejected)


def _definition_text(head: bench.Headline, n: int, lang: str) -> str:
    d = head.definition
    parts = [translate("ui.bench.def_category", lang, category=category_label(d.category, lang))]
    if d.mode == "category_region" and d.region:
        parts.append(
            translate("ui.bench.def_region", lang, region=region_name(d.region) or d.region)
        )
    if d.mode == "category_population" and d.band is not None:
        low, high = bench.band_bounds(d.band)
        if high is None:
            parts.append(translate("ui.bench.def_band_open", lang, low=format_number(low, lang, 0)))
        else:
            parts.append(
                translate(
                    "ui.bench.def_band",
                    lang,
                    low=format_number(low, lang, 0),
                    high=format_number(high, lang, 0),
                )
            )
    text = translate("ui.bench.definition", lang, parts=", ".join(parts), n=n, edition=head.edition)
    if d.fell_back:
        text += " " + translate("ui.bench.fallback_population", lang)
    return text


def _headline_cards(head: bench.Headline, lang: str) -> list[dict[str, str]]:
    stats = head.stats
    if stats is None:
        return []
    tests_detail = translate(
        "ui.bench.detail_tests",
        lang,
        n=format_number(head.n_tests, lang, 0),
        channels=head.n_channels,
    )
    cards = [
        {
            "name": "global",
            "label": translate("ui.bench.card_global", lang),
            "value": translate("ui.unit.score", lang, value=format_number(stats.value, lang, 1)),
            "detail": tests_detail,
        },
        {
            "name": "rank",
            "label": translate("ui.bench.card_rank", lang),
            "value": f"{stats.rank} / {stats.n}",
            "detail": translate("ui.bench.detail_rank", lang),
        },
    ]
    if not stats.fragile:
        cards += [
            {
                "name": "percentile",
                "label": translate("ui.bench.card_percentile", lang),
                "value": format_number(stats.percentile, lang, 0),
                "detail": translate(
                    "ui.bench.detail_percentile",
                    lang,
                    pct=format_percent_value(stats.percentile, lang, 0),
                ),
            },
            {
                "name": "quartile",
                "label": translate("ui.bench.card_quartile", lang),
                "value": translate(QUARTILE_KEYS[stats.quartile], lang),
                "detail": translate(
                    "ui.bench.detail_quartile",
                    lang,
                    q1=format_number(stats.q1, lang, 1),
                    q3=format_number(stats.q3, lang, 1),
                ),
            },
        ]
    cards += [
        {
            "name": "median",
            "label": translate("ui.bench.card_median", lang),
            "value": format_number(stats.median, lang, 1),
            "detail": translate(
                "ui.bench.detail_gap", lang, gap=format_signed(stats.gap_to_median, lang, 1)
            ),
        },
        {
            "name": "best",
            "label": translate("ui.bench.card_best", lang),
            "value": format_number(stats.best, lang, 1),
            "detail": translate(
                "ui.bench.detail_gap", lang, gap=format_signed(stats.gap_to_best, lang, 1)
            ),
        },
        {
            "name": "change",
            "label": translate("ui.bench.card_change", lang),
            "value": format_signed(head.change, lang, 1) if head.change is not None else "–",
            "detail": translate("ui.bench.detail_change", lang, edition=head.previous_edition)
            if head.previous_edition
            else translate("ui.bench.detail_first", lang),
        },
    ]
    return cards


def _method_change_texts(agg: Aggregates, lang: str) -> list[tuple[int, str]]:
    texts = []
    for change in bench.method_changes(agg):
        if change.kind == "channel":
            names = ", ".join(channel_label(c, lang).lower() for c in change.names)
            texts.append((change.edition, translate("ui.bench.method_channel", lang, names=names)))
        else:
            texts.append(
                (change.edition, translate("ui.bench.method_criteria", lang, n=len(change.names)))
            )
    return texts


class BenchmarkFrames:
    """The frames "My structure" draws for a structure, edition and peer definition, each
    computed when first asked for: the page needs them all, a CSV download one. In anonymous
    mode, peers appear as "Pair N" only: no other structure's id or name is in here, and
    every score is rounded as shown (0.1)."""

    def __init__(self, dataset: Dataset, state: BenchmarkState, named: bool) -> None:
        self.dataset = dataset
        self.agg = aggregates_for(dataset)
        self.sid = state.structure or ""
        self.edition = state.edition or 0
        self.mode: bench.PeerMode = state.peers if state.peers in bench.PEER_MODES else "category"
        self.channel = state.channel
        self.lang = state.lang
        self.named = named

    @staticmethod
    def exists(dataset: Dataset, state: BenchmarkState) -> bool:
        """Whether the state names a structure of the dataset and an edition."""
        return (
            state.structure is not None
            and state.edition is not None
            and state.structure in aggregates_for(dataset).structure_ids
        )

    @cached_property
    def own_name(self) -> str:
        return str(self.agg.structures.loc[self.sid, StructureCol.NAME])

    @cached_property
    def head(self) -> bench.Headline:
        return bench.headline(self.agg, self.sid, self.edition, self.mode)

    def _published(self, frame: pd.DataFrame, spec: tuple[tables.ColumnSpec, ...]) -> pd.DataFrame:
        """In anonymous mode, peer values leave rounded as the page shows them (issue 11)."""
        return frame if self.named else tables.rounded_as_shown(frame, spec)

    @cached_property
    def channels(self) -> pd.DataFrame:
        frame = bench.channel_comparison(self.agg, self.sid, self.edition, self.mode)
        return self._published(frame, tables.BENCH_CHANNEL_TABLE)

    @cached_property
    def criteria(self) -> pd.DataFrame:
        frame = bench.criterion_comparison(self.agg, self.sid, self.edition, self.mode)
        return self._published(frame, tables.BENCH_CRITERION_TABLE)

    @cached_property
    def measures(self) -> pd.DataFrame:
        measures = measures_for(self.dataset)
        frame = bench.measure_comparison(self.agg, measures, self.sid, self.edition, self.mode)
        return self._published(frame, tables.BENCH_MEASURE_TABLE)

    @cached_property
    def trajectory(self) -> pd.DataFrame:
        frame = bench.trajectory(self.agg, self.sid, self.mode, self.channel)
        return self._published(frame, tables.BENCH_TRAJECTORY_TABLE)

    @cached_property
    def distribution(self) -> pd.DataFrame:
        """Every peer's score with its label: its name in named mode, "Pair N" otherwise."""
        frame = bench.peer_distribution(
            self.agg, self.sid, self.edition, self.mode, with_ids=self.named
        )
        if self.named:
            names = self.agg.structures[StructureCol.NAME]
            labels = [str(names.get(i, i)) for i in frame.pop("structure_id")]
        else:
            labels = [
                self.own_name
                if own
                else translate("ui.bench.peer_label", self.lang, n=int(ordinal))
                for ordinal, own in zip(frame["ordinal"], frame["is_self"], strict=True)
            ]
        return self._published(frame.assign(label=labels), tables.BENCH_DISTRIBUTION_TABLE)

    def frame(self, chart_name: str) -> pd.DataFrame:
        """The frame a chart of the page draws, by the chart's name."""
        return getattr(self, BENCH_TABLES[chart_name][0])  # type: ignore[no-any-return]

    def table(self, chart_name: str) -> dict[str, object]:
        """A chart's table payload."""
        _, spec, title_key = BENCH_TABLES[chart_name]
        return tables.table_payload(self.frame(chart_name), spec, title_key, self.lang)

    def csv(self, chart_name: str) -> dict[str, str]:
        """A chart's CSV file."""
        _, spec, _ = BENCH_TABLES[chart_name]
        text = tables.csv_download(self.frame(chart_name), spec, self.lang)
        return csv_file(text, chart_name, self.edition)


# Blocks that are a table only: filled with the page (the charts' tables come when opened).
BENCH_TABLE_ONLY = tuple(chart for chart in ids.BENCH_CHARTS if not chart.drawn)

BENCH_TABLES: dict[str, tuple[str, tuple[tables.ColumnSpec, ...], str]] = {
    ids.BENCH_CHANNELS.name: ("channels", tables.BENCH_CHANNEL_TABLE, "ui.bench.channels_title"),
    ids.BENCH_CRITERIA.name: ("criteria", tables.BENCH_CRITERION_TABLE, "ui.bench.criteria_title"),
    ids.BENCH_MEASURES.name: ("measures", tables.BENCH_MEASURE_TABLE, "ui.bench.measures_title"),
    ids.BENCH_TRAJECTORY.name: (
        "trajectory",
        tables.BENCH_TRAJECTORY_TABLE,
        "ui.bench.trajectory_title",
    ),
    ids.BENCH_DISTRIBUTION.name: (
        "distribution",
        tables.BENCH_DISTRIBUTION_TABLE,
        "ui.bench.distribution_title",
    ),
}


def benchmark_payload(dataset: Dataset, state: BenchmarkState, named: bool) -> dict[str, Any]:
    """Everything the page shows for a structure, edition and peer definition. In anonymous
    mode, peers appear as "Pair N" only: no other structure's id or name is in here."""
    if not BenchmarkFrames.exists(dataset, state):
        return {"empty": True}
    f = BenchmarkFrames(dataset, state, named)
    lang, head = f.lang, f.head
    n_peers = head.stats.n if head.stats else 0
    fragile = head.stats is not None and head.stats.fragile
    criterion_labels = [criterion_label(c, lang) for c in f.criteria["criterion"]]
    return {
        "empty": False,
        "edition": f.edition,
        "definition": _definition_text(head, n_peers, lang),
        "fragile": translate("ui.bench.fragile", lang, n=n_peers) if fragile else "",
        "cards": _headline_cards(head, lang),
        "summary": summarise(f.own_name, head, f.channels, f.criteria, f.measures, lang),
        "figures": {
            ids.BENCH_CHANNELS.name: charts.make_channel_bullets(f.channels, f.own_name, lang),
            ids.BENCH_CRITERIA.name: charts.make_criterion_gaps(f.criteria, lang, criterion_labels),
            ids.BENCH_TRAJECTORY.name: charts.make_trajectory(
                f.trajectory, f.own_name, _method_change_texts(f.agg, lang), lang
            ),
            ids.BENCH_DISTRIBUTION.name: charts.make_peer_strip(
                f.distribution, f.distribution["label"].tolist(), lang
            ),
        },
        # The charts' tables come when opened (BenchmarkFrames.table); table-only blocks now.
        "tables": {chart.name: f.table(chart.name) for chart in BENCH_TABLE_ONLY},
    }


def benchmark_csv(
    dataset: Dataset, state: BenchmarkState, named: bool, chart_name: str
) -> dict[str, str] | None:
    """The CSV file of one chart of the page, from its frame alone (None: no structure)."""
    if not BenchmarkFrames.exists(dataset, state):
        return None
    return BenchmarkFrames(dataset, state, named).csv(chart_name)


@dataclass(frozen=True)
class CompareFrames:
    """What the comparison draws: scores (global and per channel) in the edition and global
    trajectories, raw and labelled for the tables, and the structures' names."""

    scores: pd.DataFrame
    trajectories: pd.DataFrame
    names: dict[str, str]
    scores_labelled: pd.DataFrame
    trajectories_labelled: pd.DataFrame


def compare_frames(
    dataset: Dataset, structure_ids: list[str], edition: int | None, lang: str
) -> CompareFrames:
    """Up to four structures side by side (named mode only)."""
    agg = aggregates_for(dataset)
    chosen = [s for s in structure_ids if s in agg.structure_ids][:4]
    names = {s: str(agg.structures.loc[s, StructureCol.NAME]) for s in chosen}
    g = agg.global_equal
    rows = []
    for sid in chosen:
        mine = agg.global_of(sid)
        own_g = mine[mine["edition"] == edition]["score"]
        rows.append(
            {
                "structure_id": sid,
                "measure": "global",
                "score": float(own_g.iloc[0]) if len(own_g) else math.nan,
            }
        )
        own_c = agg.channel_of(sid)
        own_c = own_c[own_c["edition"] == edition]
        for channel in bench.CHANNELS:
            value = own_c.loc[own_c["channel"] == channel, "score"]
            rows.append(
                {
                    "structure_id": sid,
                    "measure": channel,
                    "score": float(value.iloc[0]) if len(value) else math.nan,
                }
            )
    scores = pd.DataFrame(rows, columns=["structure_id", "measure", "score"])
    traj = g[g[StructureCol.STRUCTURE_ID].isin(chosen)][["structure_id", "edition", "score"]]
    traj = traj.assign(_o=traj["structure_id"].map({s: i for i, s in enumerate(chosen)}))
    traj = traj.sort_values(["_o", "edition"]).drop(columns="_o")
    labelled = scores.assign(
        name=scores["structure_id"].map(names),
        measure=[
            translate("ui.bench.global", lang) if m == "global" else channel_label(m, lang)
            for m in scores["measure"]
        ],
    )
    traj_labelled = traj.assign(
        name=traj["structure_id"].map(names), measure=traj["edition"].astype(str)
    )
    return CompareFrames(scores, traj, names, labelled, traj_labelled)


COMPARE_TABLES: dict[str, tuple[str, str]] = {
    ids.COMPARE_CHANNELS.name: ("scores_labelled", "ui.bench.compare_channels_title"),
    ids.COMPARE_TRAJECTORY.name: ("trajectories_labelled", "ui.bench.compare_trajectory_title"),
}


def compare_payload(
    dataset: Dataset, structure_ids: list[str], edition: int | None, lang: str
) -> dict[str, Any]:
    """Global and per-channel scores in `edition`, and global trajectories, of up to four
    structures side by side (named mode only)."""
    f = compare_frames(dataset, structure_ids, edition, lang)
    return {
        "edition": edition,
        "figures": {
            ids.COMPARE_CHANNELS.name: charts.make_compare_channels(f.scores, f.names, lang),
            ids.COMPARE_TRAJECTORY.name: charts.make_compare_trajectories(
                f.trajectories, f.names, lang
            ),
        },
    }


def compare_table(
    dataset: Dataset, structure_ids: list[str], edition: int | None, lang: str, chart_name: str
) -> dict[str, Any]:
    """The "see as table" alternative of one comparison chart."""
    f = compare_frames(dataset, structure_ids, edition, lang)
    attr, title_key = COMPARE_TABLES[chart_name]
    return tables.table_payload(getattr(f, attr), tables.COMPARE_TABLE, title_key, lang)


def compare_csv(
    dataset: Dataset, structure_ids: list[str], edition: int | None, lang: str, chart_name: str
) -> dict[str, str]:
    """The CSV file of one comparison chart."""
    f = compare_frames(dataset, structure_ids, edition, lang)
    text = tables.csv_download(
        getattr(f, COMPARE_TABLES[chart_name][0]), tables.COMPARE_TABLE, lang
    )
    return csv_file(text, chart_name, edition)


def sync_url(
    dataset: Dataset,
    triggered: str | None,
    search: str | None,
    structure: Any,
    edition: Any,
    peers: Any,
    channel: Any,
    compare: Any,
    lang: str,
) -> tuple[Any, ...]:
    """Controls and URL kept equal: a control writes the URL; a URL change (back/forward) sets
    the controls. Choosing another structure resets the edition to its latest, and the
    edition's options come with it in the same answer: a dropdown drops a value that is not
    among its options, so the two must change together."""
    agg = aggregates_for(dataset)
    if triggered == ids.BENCH_URL:
        state, _ = parse_state(dataset, search)
        shown = (structure or None, edition, peers or "category", channel or None,
                 tuple(compare or ()))  # fmt: skip
        if shown == (state.structure, state.edition, state.peers, state.channel, state.compare):
            # The URL now says what the controls already show (this page just wrote it):
            # setting them again would recompute the page for nothing.
            return tuple(no_update for _ in range(7))
        return (
            no_update,
            state.structure,
            state.edition,
            edition_options(agg, state.structure),
            state.peers,
            state.channel,
            list(state.compare),
        )
    eds = editions_of(agg).get(structure or "", [])
    if triggered == ids.BENCH_STRUCTURE or (edition not in eds):
        edition = eds[-1] if eds else None
    state = BenchmarkState(
        structure or None,
        edition,
        channel or None,
        peers or "category",
        tuple(compare or ())[:4],
        normalise_lang(lang),
    )
    query = benchmark_query(state)
    structure_changed = triggered == ids.BENCH_STRUCTURE
    return (
        query if query != (search or "") else no_update,
        no_update,
        edition if structure_changed else no_update,
        edition_options(agg, structure) if structure_changed else no_update,
        no_update,
        no_update,
        no_update,
    )


def edition_options(agg: Aggregates, structure: str | None) -> list[dict[str, Any]]:
    """The editions a structure took part in, latest first, as dropdown options."""
    eds = editions_of(agg).get(structure or "", [])
    return [{"label": str(e), "value": e} for e in sorted(eds, reverse=True)]


# What the page's main callback answers, and the first render carries already.
BENCH_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.BENCH_PROMPT, "hidden"),
    (ids.BENCH_CONTENT, "hidden"),
    (ids.BENCH_DEFINITION, "children"),
    (ids.BENCH_HEADLINE, "children"),
    (ids.BENCH_SUMMARY, "children"),
    *[(chart.graph, "figure") for chart in ids.BENCH_CHARTS if chart.drawn],
    *[(chart.table, "children") for chart in BENCH_TABLE_ONLY],
)


def cached_benchmark(services: AppServices) -> Callable[[BenchmarkState], dict[str, Any]]:
    """The page's payload for a state (its comparison aside), memoized by dataset version
    and state."""
    named = services.settings.peer_names
    memo = services.memoized(
        "benchmark", lambda dataset, state: benchmark_payload(dataset, state, named)
    )
    return lambda state: memo(replace(state, compare=()))


def prefill_benchmark(services: AppServices, state: BenchmarkState, page: Any) -> Any:
    """The page's layout for `state`, filled with its figures, headline and summary when a
    structure is chosen (the layout shows the prompt otherwise)."""
    if state.structure is None or state.edition is None:
        return page
    payload = cached_benchmark(services)(state)
    return prefill(page, BENCH_OUTPUTS, update_benchmark(payload, len(BENCH_OUTPUTS)))


def _bench_state(
    structure: Any, edition: Any, peers: Any, channel: Any, lang: Any
) -> BenchmarkState | None:
    """The page state from its controls' values; None when no structure or edition."""
    if not structure or not edition:
        return None
    return BenchmarkState(
        structure, int(edition), channel or None, peers or "category", (), normalise_lang(lang)
    )


def register(app: Dash, services: AppServices) -> None:
    """Wire the page's callbacks; payloads memoized by dataset version and choices."""
    named = services.settings.peer_names

    payload_of = cached_benchmark(services)

    @services.cache.memoize()
    def cached_compare(
        version: str, structures: tuple[str, ...], edition: int | None, lang: str
    ) -> dict[str, Any]:
        return compare_payload(services.dataset(), list(structures), edition, lang)

    @app.callback(
        Output(ids.BENCH_STRUCTURE, "options"),
        Output(ids.BENCH_COMPARE, "options"),
        Input(ids.BENCH_SEARCH, "value"),
        State(ids.BENCH_STRUCTURE, "value"),
        State(ids.BENCH_COMPARE, "value"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _search(
        query: str | None, value: str | None, compared: list[str] | None, lang: str
    ) -> tuple[Any, Any]:
        if not query:
            return no_update, no_update
        dataset = services.dataset()
        found = picker_options(dataset, query, [value] if value else [], lang)
        compare = picker_options(dataset, query, list(compared or []), lang) if named else no_update
        return found, compare

    @app.callback(
        Output(ids.BENCH_URL, "search"),
        Output(ids.BENCH_STRUCTURE, "value"),
        Output(ids.BENCH_EDITION, "value"),
        Output(ids.BENCH_EDITION, "options"),
        Output(ids.BENCH_PEERS, "value"),
        Output(ids.BENCH_CHANNEL, "value"),
        Output(ids.BENCH_COMPARE, "value"),
        Input(ids.BENCH_URL, "search"),
        Input(ids.BENCH_STRUCTURE, "value"),
        Input(ids.BENCH_EDITION, "value"),
        Input(ids.BENCH_PEERS, "value"),
        Input(ids.BENCH_CHANNEL, "value"),
        Input(ids.BENCH_COMPARE, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def _sync(
        search: Any, structure: Any, edition: Any, peers: Any, channel: Any, compare: Any, lang: str
    ) -> tuple[Any, ...]:
        return sync_url(
            services.dataset(),
            ctx.triggered_id,
            search,
            structure,
            edition,
            peers,
            channel,
            compare,
            lang,
        )

    # Not called for the first render: the routing answer brings the page filled
    # (prefill_benchmark); this follows the controls from there.
    @app.callback(
        *[Output(component_id, prop) for component_id, prop in BENCH_OUTPUTS],
        Input(ids.BENCH_STRUCTURE, "value"),
        Input(ids.BENCH_EDITION, "value"),
        Input(ids.BENCH_PEERS, "value"),
        Input(ids.BENCH_CHANNEL, "value"),
        State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
    def _update(
        structure: Any, edition: Any, peers: Any, channel: Any, lang: str
    ) -> tuple[Any, ...]:
        state = _bench_state(structure, edition, peers, channel, lang)
        payload = {"empty": True} if state is None else payload_of(state)
        return update_benchmark(payload, len(BENCH_OUTPUTS))

    bench_states = [
        State(ids.BENCH_STRUCTURE, "value"),
        State(ids.BENCH_EDITION, "value"),
        State(ids.BENCH_PEERS, "value"),
        State(ids.BENCH_CHANNEL, "value"),
        State(ids.LANG_STORE, "data"),
    ]

    def bench_csv_for(
        chart_name: str, structure: Any, edition: Any, peers: Any, channel: Any, lang: Any
    ) -> dict[str, str] | None:
        state = _bench_state(structure, edition, peers, channel, lang)
        return (
            None if state is None else benchmark_csv(services.dataset(), state, named, chart_name)
        )

    register_csv_downloads(app, ids.BENCH_CHARTS, bench_states, bench_csv_for)

    def bench_table_for(
        chart_name: str, structure: Any, edition: Any, peers: Any, channel: Any, lang: Any
    ) -> dict[str, Any] | None:
        state = _bench_state(structure, edition, peers, channel, lang)
        if state is None or not BenchmarkFrames.exists(services.dataset(), state):
            return None
        return BenchmarkFrames(services.dataset(), state, named).table(chart_name)

    register_table_views(
        app,
        ids.BENCH_CHARTS,
        [Input(s.component_id, s.component_property) for s in bench_states[:-1]],
        bench_states[-1:],
        bench_table_for,
    )

    compare_outputs = [
        Output(ids.COMPARE_SECTION, "hidden"),
        *[Output(c.graph, "figure") for c in ids.COMPARE_CHARTS],
    ]

    @app.callback(
        *compare_outputs,
        Input(ids.BENCH_COMPARE, "value"),
        Input(ids.BENCH_EDITION, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def _compare(chosen: Any, edition: Any, lang: str) -> tuple[Any, ...]:
        if not named or not chosen:
            return (True, *[no_update] * (len(compare_outputs) - 1))
        payload = cached_compare(
            services.dataset().version,
            tuple(chosen)[:4],
            int(edition) if edition else None,
            normalise_lang(lang),
        )
        return update_compare(payload)

    def compare_csv_for(
        chart_name: str, chosen: Any, edition: Any, lang: Any
    ) -> dict[str, str] | None:
        if not chosen or not named:
            return None
        return compare_csv(
            services.dataset(),
            list(chosen)[:4],
            int(edition) if edition else None,
            normalise_lang(lang),
            chart_name,
        )

    def compare_table_for(
        chart_name: str, chosen: Any, edition: Any, lang: Any
    ) -> dict[str, Any] | None:
        if not chosen or not named:
            return None
        return compare_table(
            services.dataset(),
            list(chosen)[:4],
            int(edition) if edition else None,
            normalise_lang(lang),
            chart_name,
        )

    register_table_views(
        app,
        ids.COMPARE_CHARTS,
        [Input(ids.BENCH_COMPARE, "value"), Input(ids.BENCH_EDITION, "value")],
        [State(ids.LANG_STORE, "data")],
        compare_table_for,
    )

    register_csv_downloads(
        app,
        ids.COMPARE_CHARTS,
        [
            State(ids.BENCH_COMPARE, "value"),
            State(ids.BENCH_EDITION, "value"),
            State(ids.LANG_STORE, "data"),
        ],
        compare_csv_for,
    )


def update_benchmark(payload: dict[str, Any], n_outputs: int) -> tuple[Any, ...]:
    """The page's outputs from a payload, in the order the callback declares them."""
    if payload.get("empty"):
        return (False, True, *[no_update] * (n_outputs - 2))
    from dash import html

    definition: list[Any] = [payload["definition"]]
    if payload["fragile"]:
        definition = [payload["definition"], html.Br(), html.Strong(payload["fragile"])]
    figures = [payload["figures"][c.name] for c in ids.BENCH_CHARTS if c is not ids.BENCH_MEASURES]
    table_nodes = [make_payload_table(payload["tables"][c.name]) for c in BENCH_TABLE_ONLY]
    return (
        True,
        False,
        definition,
        make_headline_cards(payload["cards"]),
        [html.P(sentence) for sentence in payload["summary"]],
        *figures,
        *table_nodes,
    )


def update_compare(payload: dict[str, Any]) -> tuple[Any, ...]:
    """The comparison's outputs from its payload."""
    return (False, *[payload["figures"][c.name] for c in ids.COMPARE_CHARTS])
