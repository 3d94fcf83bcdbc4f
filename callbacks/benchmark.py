""" "My structure" callbacks: picker search, URL sync, the page's figures, downloads, compare.

Peer anonymity: unless the app runs with DASHBOARD_PEER_NAMES=1, no peer's name or id leaves
the server with a figure: the payload carries anonymous labels ("Pair 12") only, and the
picker's options carry names without figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import pandas as pd
from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.chart_blocks import csv_file, register_csv_downloads, register_table_views
from callbacks.prefill import prefill
from callbacks.services import AppServices
from dashboard.figures import benchmark as bench
from dashboard.figures.aggregates import Aggregates, aggregates_for
from dashboard.i18n import (
    LANGS,
    category_label,
    channel_label,
    count_text,
    format_number,
    format_percent_value,
    format_signed,
    normalise_lang,
    translate,
)
from dashboard.intake.geography import department_name, departments, region_name
from dashboard.intake.model import Dataset
from dashboard.intake.schema import CATEGORIES, CHANNELS, StructureCol
from dashboard.pages.search import StructureSearch
from dashboard.pages.summary import QUARTILE_KEYS, criterion_label, narrowing_text, summarise
from dashboard.render import benchmark_charts as charts
from dashboard.render import tables
from dashboard.urlstate import (
    MAX_COMPARE,
    BenchmarkState,
    benchmark_query,
    parse_benchmark,
    year_of,
)
from layouts import ids
from layouts.benchmark import make_headline_cards
from layouts.components import chart_output_ids, chart_outputs, make_payload_table

_MEASURES: dict[str, pd.DataFrame] = {}
_INDEXES: dict[str, StructureSearch] = {}


def measures_for(dataset: Dataset) -> pd.DataFrame:
    """Per-structure channel measures, computed once per dataset version."""
    found = _MEASURES.get(dataset.version)
    if found is None:
        found = bench.structure_measures(dataset.tests)
        _MEASURES.clear()
        _MEASURES[dataset.version] = found
    return found


def search_index_for(dataset: Dataset) -> StructureSearch:
    """The picker's search index, built once per dataset version: each structure's name; its
    department's number and name; its category's labels (both languages)."""
    found = _INDEXES.get(dataset.version)
    if found is None:
        deps = departments()
        dep_names = dict(
            zip(deps[StructureCol.DEPARTMENT_CODE], deps[StructureCol.NAME], strict=True)
        )
        categories = {
            code: " ".join(category_label(code, lang) for lang in LANGS) for code in CATEGORIES
        }
        s = aggregates_for(dataset).structures
        dep = s[StructureCol.DEPARTMENT_CODE].fillna("").astype(str)
        places = [f"{code} {dep_names.get(code, '')}" for code in dep]
        names = s[StructureCol.NAME].astype(str).tolist()
        found = StructureSearch(
            s[StructureCol.STRUCTURE_ID].astype(str).tolist(),
            names,
            {
                "name": names,
                "place": places,
                "category": [categories.get(str(c), "") for c in s[StructureCol.CATEGORY]],
            },
        )
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
    """Options for a search: the structures found for `query`, best first (names only, no
    figure), after the ones already chosen, so that those stay displayed and findable."""
    return search_picker(dataset, query, keep, lang)[0]


def search_picker(
    dataset: Dataset, query: str | None, keep: list[str], lang: str
) -> tuple[list[dict[str, str]], str]:
    """picker_options() and the sentence saying what was found ("30 premiers résultats sur
    57 : précisez votre recherche"; empty without a query)."""
    agg = aggregates_for(dataset)
    found = search_index_for(dataset).search(query or "") if query else None
    hits = list(found.ids) if found else []
    ordered = [*[k for k in keep if k], *[f for f in hits if f not in keep]]
    options = [
        {"label": structure_label(agg, sid, lang), "value": sid}
        for sid in ordered
        if sid in agg.structure_ids
    ]
    if found is None:
        status = ""
    elif found.truncated:
        status = translate(
            "ui.bench.search_truncated",
            lang,
            shown=len(found.ids),
            total=format_number(found.total, lang, 0),
        )
    else:
        status = count_text("ui.bench.search_found", found.total, lang)
    return options, status


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
    parts = translate("ui.bench.def_category", lang, category=category_label(d.category, lang))
    text = translate(
        "ui.bench.definition",
        lang,
        parts=parts + narrowing_text(d, lang),
        structures=count_text("ui.count.structures", n, lang),
        edition=head.edition,
    )
    return text


def _headline_cards(head: bench.Headline, lang: str) -> list[dict[str, str]]:
    stats = head.stats
    if stats is None:
        return []
    tests_detail = translate(
        "ui.bench.detail_tests",
        lang,
        tests=count_text("ui.count.tests", head.n_tests, lang),
        channels=count_text("ui.count.channels", head.n_channels, lang),
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
            "label": translate(
                "ui.bench.card_best"
                if head.definition.mode == "category"
                else "ui.bench.card_best_group",
                lang,
            ),
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
                (change.edition, count_text("ui.bench.method_criteria", len(change.names), lang))
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
        self.requested: bench.PeerMode = (
            state.peers if state.peers in bench.PEER_MODES else "category"
        )
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
    def peer_options(self) -> list[bench.PeerOption]:
        return bench.peer_options(self.agg, self.sid, self.edition)

    @cached_property
    def mode(self) -> bench.PeerMode:
        """The peer mode in force: the one asked for, or the category when it is not
        offered in this edition (alone, no population, or the category's group itself)."""
        chosen = next(o for o in self.peer_options if o.mode == self.requested)
        return "category" if chosen.unavailable else self.requested

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

    def empty_message(self, chart_name: str) -> str | None:
        """Why a chart has nothing to draw, in words; None when it has."""
        lang = self.lang
        if chart_name == ids.BENCH_CRITERIA.name and self.criteria.empty:
            return translate("ui.bench.empty_criteria", lang, edition=self.edition)
        if chart_name == ids.BENCH_TRAJECTORY.name:
            audited = self.trajectory[self.trajectory["audited"]]
            where = (
                translate("ui.bench.on_channel", lang, channel=channel_label(self.channel, lang))
                if self.channel
                else ""
            )
            if audited.empty:
                return translate("ui.bench.empty_trajectory", lang, where=where)
            if len(audited) == 1:
                return translate(
                    "ui.bench.single_edition",
                    lang,
                    edition=int(audited["edition"].iloc[0]),
                    where=where,
                )
        return None

    def peer_option_items(self) -> list[dict[str, Any]]:
        """The peer-group radio options: each with its N, or disabled with the reason."""
        items = []
        for option in self.peer_options:
            label = translate(f"ui.bench.peers_{option.mode}", self.lang)
            if option.unavailable:
                reason = translate(f"ui.bench.peers_unavailable_{option.unavailable}", self.lang)
                label = translate("ui.bench.peers_disabled", self.lang, label=label, reason=reason)
            else:
                label = translate(
                    "ui.bench.peers_with_n",
                    self.lang,
                    label=label,
                    structures=count_text("ui.count.structures", option.n, self.lang),
                )
            items.append(
                {"label": label, "value": option.mode, "disabled": bool(option.unavailable)}
            )
        return items

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
BENCH_GRAPHS = tuple(chart for chart in ids.BENCH_CHARTS if chart.drawn)

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
    definition = _definition_text(head, n_peers, lang)
    if f.mode != f.requested:
        definition += " " + translate(
            "ui.bench.peers_fell_back",
            lang,
            label=translate(f"ui.bench.peers_{f.requested}", lang).lower(),
        )
    return {
        "empty": False,
        "edition": f.edition,
        "definition": definition,
        "fragile": count_text("ui.bench.fragile", n_peers, lang) if fragile else "",
        "cards": _headline_cards(head, lang),
        "summary": summarise(f.own_name, head, f.channels, f.criteria, f.measures, lang),
        "peer_options": f.peer_option_items(),
        "figures": {
            ids.BENCH_CHANNELS.name: charts.make_channel_bullets(f.channels, f.own_name, lang),
            ids.BENCH_CRITERIA.name: charts.make_criterion_gaps(f.criteria, lang, criterion_labels),
            ids.BENCH_TRAJECTORY.name: charts.make_trajectory(
                f.trajectory, f.own_name, _method_change_texts(f.agg, lang), f.edition, lang
            ),
            ids.BENCH_DISTRIBUTION.name: charts.make_peer_strip(
                f.distribution, f.distribution["label"].tolist(), lang
            ),
        },
        "empty_messages": {chart.name: f.empty_message(chart.name) for chart in BENCH_GRAPHS},
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
    trajectories, raw and labelled for the tables, the structures' names, and those of
    them not audited in the edition."""

    scores: pd.DataFrame
    trajectories: pd.DataFrame
    names: dict[str, str]
    scores_labelled: pd.DataFrame
    trajectories_labelled: pd.DataFrame
    not_audited: tuple[str, ...]


def compared_structures(dataset: Dataset, own: str | None, others: Sequence[str]) -> list[str]:
    """The structures compared: the user's own first, then up to MAX_COMPARE others of the
    dataset (the own one never twice)."""
    known = aggregates_for(dataset).structure_ids
    chosen = [own] if own and own in known else []
    for sid in others:
        if sid in known and sid not in chosen and len(chosen) < MAX_COMPARE + 1:
            chosen.append(sid)
    return chosen


def compare_frames(
    dataset: Dataset, structure_ids: list[str], edition: int | None, lang: str
) -> CompareFrames:
    """Up to MAX_COMPARE + 1 structures side by side (named mode only), in the given order."""
    agg = aggregates_for(dataset)
    chosen = [s for s in structure_ids if s in agg.structure_ids][: MAX_COMPARE + 1]
    names = {s: str(agg.structures.loc[s, StructureCol.NAME]) for s in chosen}
    g = agg.global_equal
    rows = []
    not_audited = []
    for sid in chosen:
        mine = agg.global_of(sid)
        own_g = mine[mine["edition"] == edition]["score"]
        if own_g.empty:
            not_audited.append(names[sid])
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
    return CompareFrames(scores, traj, names, labelled, traj_labelled, tuple(not_audited))


COMPARE_TABLES: dict[str, tuple[str, str]] = {
    ids.COMPARE_CHANNELS.name: ("scores_labelled", "ui.bench.compare_channels_title"),
    ids.COMPARE_TRAJECTORY.name: ("trajectories_labelled", "ui.bench.compare_trajectory_title"),
}


def compare_payload(
    dataset: Dataset, structure_ids: list[str], edition: int | None, lang: str
) -> dict[str, Any]:
    """Global and per-channel scores in `edition`, and global trajectories, of the compared
    structures side by side (named mode only), and a note naming those not audited in
    `edition`."""
    f = compare_frames(dataset, structure_ids, edition, lang)
    note = ""
    if f.not_audited:
        note = count_text(
            "ui.bench.compare_not_audited",
            len(f.not_audited),
            lang,
            names=", ".join(f.not_audited),
            edition=edition,
        )
    return {
        "edition": edition,
        "note": note,
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
    among its options, so the two must change together. Control values that are not valid
    (a forged request) are read as unset."""
    agg = aggregates_for(dataset)
    if triggered == ids.BENCH_URL:
        state, _ = parse_state(dataset, search)
        current = controls_state(agg, structure, edition, peers, channel, compare, lang)
        shown = (current.structure, current.edition, current.peers, current.channel,
                 current.compare)  # fmt: skip
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
    current = controls_state(agg, structure, None, peers, channel, compare, lang)
    eds = editions_of(agg).get(current.structure or "", [])
    edition_value = year_of(edition)
    structure_changed = triggered == ids.BENCH_STRUCTURE
    if structure_changed or edition_value not in eds:
        edition_value = eds[-1] if eds else None
    state = replace(current, edition=edition_value)
    query = benchmark_query(state)
    return (
        query if query != (search or "") else no_update,
        no_update,
        edition_value if structure_changed else no_update,
        edition_options(agg, current.structure) if structure_changed else no_update,
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
    (ids.BENCH_PEERS, "options"),
    *[pair for chart in BENCH_GRAPHS for pair in chart_output_ids(chart)],
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


def controls_state(
    agg: Aggregates,
    structure: Any,
    edition: Any,
    peers: Any,
    channel: Any,
    compare: Any,
    lang: Any,
) -> BenchmarkState:
    """The page state from its controls' values, each checked as the URL's are: a value
    that is not one the page offers (of the wrong type, unknown, too long) is read as unset,
    never passed on to the figures or to the cache."""
    sid = structure if isinstance(structure, str) and structure in agg.structure_ids else None
    others = [
        s
        for s in (compare if isinstance(compare, list) else [])[: MAX_COMPARE * 4]
        if isinstance(s, str) and s in agg.structure_ids and s != sid
    ]
    return BenchmarkState(
        sid,
        year_of(edition),
        channel if isinstance(channel, str) and channel in CHANNELS else None,
        peers if isinstance(peers, str) and peers in bench.PEER_MODES else "category",
        tuple(dict.fromkeys(others))[:MAX_COMPARE],
        normalise_lang(lang if isinstance(lang, str) else None),
    )


def _bench_state(
    agg: Aggregates, structure: Any, edition: Any, peers: Any, channel: Any, lang: Any
) -> BenchmarkState | None:
    """The page state from its controls' values; None when no structure or edition."""
    state = controls_state(agg, structure, edition, peers, channel, [], lang)
    if state.structure is None or state.edition is None:
        return None
    return state


def register(app: Dash, services: AppServices) -> None:
    """Wire the page's callbacks; payloads memoized by dataset version and choices."""
    named = services.settings.peer_names

    payload_of = cached_benchmark(services)

    def agg() -> Aggregates:
        return aggregates_for(services.dataset())

    @services.cache.memoize()
    def cached_compare(
        version: str, structures: tuple[str, ...], edition: int | None, lang: str
    ) -> dict[str, Any]:
        return compare_payload(services.dataset(), list(structures), edition, lang)

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
        keep = controls_state(agg(), value, None, None, None, [], lang).structure
        return search_picker(
            services.dataset(), query, [keep] if keep else [], normalise_lang(lang)
        )

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
        if not named or not isinstance(query, str) or not query.strip():
            return no_update, ""
        state = controls_state(agg(), own, None, None, None, compared, lang)
        options, status = search_picker(
            services.dataset(), query, list(state.compare), normalise_lang(lang)
        )
        # Your own structure is always compared: it is not offered as another.
        return [o for o in options if o["value"] != state.structure], status

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
        search: Any, structure: Any, edition: Any, peers: Any, channel: Any, compare: Any, lang: Any
    ) -> tuple[Any, ...]:
        return sync_url(
            services.dataset(),
            ctx.triggered_id,
            search if isinstance(search, str) else None,
            structure,
            edition,
            peers,
            channel,
            compare,
            normalise_lang(lang if isinstance(lang, str) else None),
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
        structure: Any, edition: Any, peers: Any, channel: Any, lang: Any
    ) -> tuple[Any, ...]:
        state = _bench_state(agg(), structure, edition, peers, channel, lang)
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
        state = _bench_state(agg(), structure, edition, peers, channel, lang)
        return (
            None if state is None else benchmark_csv(services.dataset(), state, named, chart_name)
        )

    register_csv_downloads(app, ids.BENCH_CHARTS, bench_states, bench_csv_for)

    def bench_table_for(
        chart_name: str, structure: Any, edition: Any, peers: Any, channel: Any, lang: Any
    ) -> dict[str, Any] | None:
        state = _bench_state(agg(), structure, edition, peers, channel, lang)
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
        Output(ids.BENCH_COMPARE_NOTE, "children"),
        *[Output(i, p) for c in ids.COMPARE_CHARTS for i, p in chart_output_ids(c)],
    ]

    def compare_args(own: Any, chosen: Any, edition: Any, lang: Any) -> tuple[Any, ...] | None:
        """(structures, edition, lang) of a comparison, None when there is none to draw."""
        state = controls_state(agg(), own, edition, None, None, chosen, lang)
        if not named or not state.compare:
            return None
        structures = compared_structures(services.dataset(), state.structure, state.compare)
        return tuple(structures), state.edition, state.lang

    @app.callback(
        *compare_outputs,
        Input(ids.BENCH_COMPARE, "value"),
        Input(ids.BENCH_EDITION, "value"),
        Input(ids.BENCH_STRUCTURE, "value"),
        State(ids.LANG_STORE, "data"),
    )
    def _compare(chosen: Any, edition: Any, own: Any, lang: Any) -> tuple[Any, ...]:
        args = compare_args(own, chosen, edition, lang)
        if args is None:
            return (True, "", *[no_update] * (len(compare_outputs) - 2))
        structures, edition_value, lang_value = args
        payload = cached_compare(services.dataset().version, structures, edition_value, lang_value)
        return update_compare(payload)

    def compare_csv_for(
        chart_name: str, chosen: Any, edition: Any, own: Any, lang: Any
    ) -> dict[str, str] | None:
        args = compare_args(own, chosen, edition, lang)
        if args is None:
            return None
        return compare_csv(services.dataset(), list(args[0]), args[1], args[2], chart_name)

    def compare_table_for(
        chart_name: str, chosen: Any, edition: Any, own: Any, lang: Any
    ) -> dict[str, Any] | None:
        args = compare_args(own, chosen, edition, lang)
        if args is None:
            return None
        return compare_table(services.dataset(), list(args[0]), args[1], args[2], chart_name)

    register_table_views(
        app,
        ids.COMPARE_CHARTS,
        [
            Input(ids.BENCH_COMPARE, "value"),
            Input(ids.BENCH_EDITION, "value"),
            Input(ids.BENCH_STRUCTURE, "value"),
        ],
        [State(ids.LANG_STORE, "data")],
        compare_table_for,
    )

    register_csv_downloads(
        app,
        ids.COMPARE_CHARTS,
        [
            State(ids.BENCH_COMPARE, "value"),
            State(ids.BENCH_EDITION, "value"),
            State(ids.BENCH_STRUCTURE, "value"),
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
    charts_out = [
        part
        for chart in BENCH_GRAPHS
        for part in chart_outputs(
            payload["figures"][chart.name], payload["empty_messages"][chart.name]
        )
    ]
    table_nodes = [make_payload_table(payload["tables"][c.name]) for c in BENCH_TABLE_ONLY]
    return (
        True,
        False,
        definition,
        make_headline_cards(payload["cards"]),
        [html.P(sentence) for sentence in payload["summary"]],
        payload["peer_options"],
        *charts_out,
        *table_nodes,
    )


def update_compare(payload: dict[str, Any]) -> tuple[Any, ...]:
    """The comparison's outputs from its payload."""
    from dash import html

    note = [html.P(payload["note"], className="mb-2")] if payload["note"] else ""
    figures = [payload["figures"][c.name] for c in ids.COMPARE_CHARTS]
    return (False, note, *[part for figure in figures for part in chart_outputs(figure, None)])
