"""« Ma structure »: one structure against its peers and its own past (contract §5): the headline
(rank, percentile, quartile, median, best, change), a generated summary, five blocks (score by
channel, criteria, channel measures, trajectory, the peers' distribution), and a side-by-side
comparison of structures (named mode).

Peer anonymity: unless `named`, no peer's name or id is in anything built here (peers are
"Pair 12"), and every peer value is rounded as the page shows it (0.1 point).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

import pandas as pd

from dashboard.figures import benchmark as bench
from dashboard.figures.aggregates import Aggregates, aggregates_for
from dashboard.figures.benchmark import BenchCol
from dashboard.i18n import (
    category_label,
    channel_label,
    count_text,
    format_number,
    format_percent_value,
    format_signed,
    translate,
)
from dashboard.intake.model import Dataset
from dashboard.intake.schema import CHANNELS, StructureCol
from dashboard.pages.sections import ChartPayload, ChartSpec, by_name, chart_payload, table_view
from dashboard.pages.summary import QUARTILE_KEYS, criterion_label, narrowing_text, summarise
from dashboard.render import benchmark_charts, tables
from dashboard.render.tables import TablePayload
from dashboard.urlstate import MAX_COMPARE, BenchmarkState, PeerMode, parse_benchmark


class BenchmarkView:
    """The frames « Ma structure » draws for a structure, edition and peer definition, each
    computed when first asked for: the page needs them all, a CSV download one."""

    def __init__(self, dataset: Dataset, state: BenchmarkState, named: bool) -> None:
        self.dataset = dataset
        self.agg: Aggregates = aggregates_for(dataset)
        self.sid = state.structure or ""
        self.state = state
        self.requested: PeerMode = state.peers
        self.channel = state.channel
        self.named = named

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def edition(self) -> int:
        return self.state.edition or 0

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
    def mode(self) -> PeerMode:
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
        measures = bench.channel_measures(self.agg)
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
            labels = [str(names.get(i, i)) for i in frame.pop(StructureCol.STRUCTURE_ID)]
        else:
            labels = [
                self.own_name
                if own
                else translate("ui.bench.peer_label", self.lang, n=int(ordinal))
                for ordinal, own in zip(
                    frame[BenchCol.ORDINAL], frame[BenchCol.IS_SELF], strict=True
                )
            ]
        return self._published(frame.assign(label=labels), tables.BENCH_DISTRIBUTION_TABLE)

    @cached_property
    def method_changes(self) -> list[tuple[int, str]]:
        """The editions where the method changed, with what changed in words."""
        texts = []
        for change in bench.method_changes(self.agg):
            if change.kind == BenchCol.CHANNEL:
                names = ", ".join(channel_label(c, self.lang).lower() for c in change.names)
                text = translate("ui.bench.method_channel", self.lang, names=names)
            else:
                text = count_text("ui.bench.method_criteria", len(change.names), self.lang)
            texts.append((change.edition, text))
        return texts

    def trajectory_empty(self, frame: pd.DataFrame) -> str | None:
        """Why the trajectory has nothing to draw: never audited (on the channel followed),
        or a single edition (a single point is not a chart)."""
        audited = frame[frame[BenchCol.AUDITED]]
        where = (
            translate(
                "ui.bench.on_channel", self.lang, channel=channel_label(self.channel, self.lang)
            )
            if self.channel
            else ""
        )
        if audited.empty:
            return translate("ui.bench.empty_trajectory", self.lang, where=where)
        if len(audited) == 1:
            edition = int(audited[BenchCol.EDITION].iloc[0])
            return translate("ui.bench.single_edition", self.lang, edition=edition, where=where)
        return None


CHANNELS_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-channels",
    frame=lambda view: view.channels,
    figure=lambda view, frame: benchmark_charts.make_channel_bullets(
        frame, view.own_name, view.lang
    ),
    table=tables.BENCH_CHANNEL_TABLE,
    title_key="ui.bench.channels_title",
    caption_key="ui.bench.channels_description",
)
CRITERIA_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-criteria",
    frame=lambda view: view.criteria,
    figure=lambda view, frame: benchmark_charts.make_criterion_gaps(
        frame, view.lang, [criterion_label(c, view.lang) for c in frame[BenchCol.CRITERION]]
    ),
    table=tables.BENCH_CRITERION_TABLE,
    title_key="ui.bench.criteria_title",
    caption_key="ui.bench.criteria_description",
    empty=lambda view, frame: (
        translate("ui.bench.empty_criteria", view.lang, edition=view.edition)
        if frame.empty
        else None
    ),
)
MEASURES_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-measures",
    frame=lambda view: view.measures,
    figure=None,
    table=tables.BENCH_MEASURE_TABLE,
    title_key="ui.bench.measures_title",
    caption_key="ui.bench.measures_description",
)
TRAJECTORY_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-trajectory",
    frame=lambda view: view.trajectory,
    figure=lambda view, frame: benchmark_charts.make_trajectory(
        frame, view.own_name, view.method_changes, view.edition, view.lang
    ),
    table=tables.BENCH_TRAJECTORY_TABLE,
    title_key="ui.bench.trajectory_title",
    caption_key="ui.bench.trajectory_description",
    empty=lambda view, frame: view.trajectory_empty(frame),
)
DISTRIBUTION_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-distribution",
    frame=lambda view: view.distribution,
    figure=lambda view, frame: benchmark_charts.make_peer_strip(
        frame, frame[BenchCol.LABEL].tolist(), view.lang
    ),
    table=tables.BENCH_DISTRIBUTION_TABLE,
    title_key="ui.bench.distribution_title",
    caption_key="ui.bench.distribution_description",
    named_caption_key="ui.bench.distribution_description_named",
)
SECTIONS: Final = (
    CHANNELS_BLOCK, CRITERIA_BLOCK, MEASURES_BLOCK, TRAJECTORY_BLOCK, DISTRIBUTION_BLOCK,
)  # fmt: skip
SECTION_BY_NAME: Final = by_name(SECTIONS)


# --- Headline, definition, peer options ------------------------------------------------------


@dataclass(frozen=True)
class HeadlineCard:
    """A headline figure's display text: what it is, its value, a line of detail."""

    name: str
    label: str
    value: str
    detail: str


@dataclass(frozen=True)
class PeerChoice:
    """A peer-group radio option: its label (with N, or the reason it is not offered)."""

    label: str
    value: PeerMode
    disabled: bool


def definition_text(head: bench.Headline, n: int, lang: str) -> str:
    """The peer group in force in words: category, narrowing, N and the edition."""
    d = head.definition
    parts = translate("ui.bench.def_category", lang, category=category_label(d.category, lang))
    return translate(
        "ui.bench.definition",
        lang,
        parts=parts + narrowing_text(d, lang),
        structures=count_text("ui.count.structures", n, lang),
        edition=head.edition,
    )


def headline_cards(head: bench.Headline, lang: str) -> list[HeadlineCard]:
    """The headline figures: global score, rank, percentile and quartile (not for a fragile
    group), median, best, change (§5)."""
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
        HeadlineCard(
            "global",
            translate("ui.bench.card_global", lang),
            translate("ui.unit.score", lang, value=format_number(stats.value, lang, 1)),
            tests_detail,
        ),
        HeadlineCard(
            "rank",
            translate("ui.bench.card_rank", lang),
            f"{stats.rank} / {stats.n}",
            translate("ui.bench.detail_rank", lang),
        ),
    ]
    if not stats.fragile:
        cards += [
            HeadlineCard(
                "percentile",
                translate("ui.bench.card_percentile", lang),
                format_number(stats.percentile, lang, 0),
                translate(
                    "ui.bench.detail_percentile",
                    lang,
                    pct=format_percent_value(stats.percentile, lang, 0),
                ),
            ),
            HeadlineCard(
                "quartile",
                translate("ui.bench.card_quartile", lang),
                translate(QUARTILE_KEYS[stats.quartile], lang),
                translate(
                    "ui.bench.detail_quartile",
                    lang,
                    q1=format_number(stats.q1, lang, 1),
                    q3=format_number(stats.q3, lang, 1),
                ),
            ),
        ]
    best_key = (
        "ui.bench.card_best" if head.definition.mode == "category" else "ui.bench.card_best_group"
    )
    cards += [
        HeadlineCard(
            "median",
            translate("ui.bench.card_median", lang),
            format_number(stats.median, lang, 1),
            translate("ui.bench.detail_gap", lang, gap=format_signed(stats.gap_to_median, lang, 1)),
        ),
        HeadlineCard(
            "best",
            translate(best_key, lang),
            format_number(stats.best, lang, 1),
            translate("ui.bench.detail_gap", lang, gap=format_signed(stats.gap_to_best, lang, 1)),
        ),
        HeadlineCard(
            "change",
            translate("ui.bench.card_change", lang),
            format_signed(head.change, lang, 1) if head.change is not None else "–",
            translate("ui.bench.detail_change", lang, edition=head.previous_edition)
            if head.previous_edition
            else translate("ui.bench.detail_first", lang),
        ),
    ]
    return cards


def peer_choices(view: BenchmarkView) -> list[PeerChoice]:
    """The peer-group radio options: each with its N, or disabled with the reason."""
    choices = []
    for option in view.peer_options:
        label = translate(f"ui.bench.peers_{option.mode}", view.lang)
        if option.unavailable:
            reason = translate(f"ui.bench.peers_unavailable_{option.unavailable}", view.lang)
            label = translate("ui.bench.peers_disabled", view.lang, label=label, reason=reason)
        else:
            label = translate(
                "ui.bench.peers_with_n",
                view.lang,
                label=label,
                structures=count_text("ui.count.structures", option.n, view.lang),
            )
        choices.append(PeerChoice(label, option.mode, bool(option.unavailable)))
    return choices


# --- The page's payload -----------------------------------------------------------------------


@dataclass(frozen=True)
class BenchmarkPayload:
    """Everything « Ma structure » shows for a structure, edition and peer definition (its
    comparison aside): the peer group in words, the fragile-group warning, the headline
    cards, the summary, the peer choices, each drawn block's figure or why it has none, and
    the table-only blocks' tables (the others' come when opened)."""

    edition: int
    definition: str
    fragile: str
    cards: list[HeadlineCard]
    summary: list[str]
    peer_choices: list[PeerChoice]
    charts: dict[str, ChartPayload]
    tables: dict[str, TablePayload]


def benchmark_payload(
    dataset: Dataset, state: BenchmarkState, named: bool
) -> BenchmarkPayload | None:
    """Everything the page shows (see BenchmarkPayload); None when the state names no
    structure of the dataset or no edition."""
    if not BenchmarkView.exists(dataset, state):
        return None
    view = BenchmarkView(dataset, state, named)
    lang, head = view.lang, view.head
    n_peers = head.stats.n if head.stats else 0
    fragile = head.stats is not None and head.stats.fragile
    definition = definition_text(head, n_peers, lang)
    if view.mode != view.requested:
        definition += " " + translate(
            "ui.bench.peers_fell_back",
            lang,
            label=translate(f"ui.bench.peers_{view.requested}", lang).lower(),
        )
    return BenchmarkPayload(
        edition=view.edition,
        definition=definition,
        fragile=count_text("ui.bench.fragile", n_peers, lang) if fragile else "",
        cards=headline_cards(head, lang),
        summary=summarise(view.own_name, head, view.channels, view.criteria, view.measures, lang),
        peer_choices=peer_choices(view),
        charts={spec.name: chart_payload(spec, view) for spec in SECTIONS if spec.drawn},
        tables={spec.name: table_view(spec, view) for spec in SECTIONS if not spec.drawn},
    )


# --- Side-by-side comparison (named mode) -----------------------------------------------------


class CompareView:
    """The compared structures (the user's own first) in an edition: their scores, global and
    per channel, and their global trajectories, raw and labelled for the tables."""

    def __init__(
        self, dataset: Dataset, structure_ids: Sequence[str], edition: int | None, lang: str
    ) -> None:
        self.agg = aggregates_for(dataset)
        self.chosen = [s for s in structure_ids if s in self.agg.structure_ids][: MAX_COMPARE + 1]
        self.names = {s: str(self.agg.structures.loc[s, StructureCol.NAME]) for s in self.chosen}
        self._edition = edition
        self._lang = lang

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def edition(self) -> int | None:
        return self._edition

    @cached_property
    def scores(self) -> pd.DataFrame:
        """Global and per-channel score of each structure in the edition (NaN: not audited)."""
        rows = []
        for sid in self.chosen:
            mine = self.agg.global_of(sid)
            own_g = mine[mine[BenchCol.EDITION] == self.edition][BenchCol.SCORE]
            rows.append(
                {
                    "structure_id": sid,
                    BenchCol.MEASURE: "global",
                    BenchCol.SCORE: float(own_g.iloc[0]) if len(own_g) else math.nan,
                }
            )
            own_c = self.agg.channel_of(sid)
            own_c = own_c[own_c[BenchCol.EDITION] == self.edition]
            for channel in CHANNELS:
                value = own_c.loc[own_c[BenchCol.CHANNEL] == channel, "score"]
                rows.append(
                    {
                        "structure_id": sid,
                        BenchCol.MEASURE: channel,
                        BenchCol.SCORE: float(value.iloc[0]) if len(value) else math.nan,
                    }
                )
        return pd.DataFrame(rows, columns=["structure_id", "measure", "score"])

    @cached_property
    def trajectories(self) -> pd.DataFrame:
        """Each structure's global score in every edition it took part in."""
        g = self.agg.global_equal
        traj = g[g[StructureCol.STRUCTURE_ID].isin(self.chosen)][
            ["structure_id", "edition", "score"]
        ]
        traj = traj.assign(_o=traj["structure_id"].map({s: i for i, s in enumerate(self.chosen)}))
        return traj.sort_values(["_o", "edition"]).drop(columns="_o")

    @cached_property
    def scores_labelled(self) -> pd.DataFrame:
        scores = self.scores
        return scores.assign(
            name=scores["structure_id"].map(self.names),
            measure=[
                translate("ui.bench.global", self.lang)
                if m == "global"
                else channel_label(m, self.lang)
                for m in scores[BenchCol.MEASURE]
            ],
        )

    @cached_property
    def trajectories_labelled(self) -> pd.DataFrame:
        traj = self.trajectories
        return traj.assign(
            name=traj["structure_id"].map(self.names), measure=traj[BenchCol.EDITION].astype(str)
        )

    @cached_property
    def not_audited(self) -> list[str]:
        """The names of the compared structures with no global score in the edition."""
        audited = self.scores[
            (self.scores[BenchCol.MEASURE] == "global") & self.scores[BenchCol.SCORE].notna()
        ]
        return [self.names[s] for s in self.chosen if s not in set(audited["structure_id"])]


COMPARE_CHANNELS: Final = ChartSpec[CompareView](
    name="compare-channels",
    frame=lambda view: view.scores_labelled,
    figure=lambda view, frame: benchmark_charts.make_compare_channels(
        view.scores, view.names, view.lang
    ),
    table=tables.COMPARE_TABLE,
    title_key="ui.bench.compare_channels_title",
    caption_key="ui.bench.compare_channels_description",
)
COMPARE_TRAJECTORY: Final = ChartSpec[CompareView](
    name="compare-trajectory",
    frame=lambda view: view.trajectories_labelled,
    figure=lambda view, frame: benchmark_charts.make_compare_trajectories(
        view.trajectories, view.names, view.lang
    ),
    table=tables.COMPARE_TABLE,
    title_key="ui.bench.compare_trajectory_title",
    caption_key="ui.bench.compare_trajectory_description",
)
COMPARE_SECTIONS: Final = (COMPARE_CHANNELS, COMPARE_TRAJECTORY)
COMPARE_BY_NAME: Final = by_name(COMPARE_SECTIONS)


def compared_structures(dataset: Dataset, own: str | None, others: Sequence[str]) -> list[str]:
    """The structures compared: the user's own first, then up to MAX_COMPARE others of the
    dataset (the own one never twice)."""
    known = aggregates_for(dataset).structure_ids
    chosen = [own] if own and own in known else []
    for sid in others:
        if sid in known and sid not in chosen and len(chosen) < MAX_COMPARE + 1:
            chosen.append(sid)
    return chosen


@dataclass(frozen=True)
class ComparePayload:
    """The comparison's figures, and a note naming the structures not audited in the
    edition (empty when all were)."""

    edition: int | None
    note: str
    charts: dict[str, ChartPayload]


def compare_payload(
    dataset: Dataset, structure_ids: Sequence[str], edition: int | None, lang: str
) -> ComparePayload:
    """The compared structures side by side in `edition` (named mode only)."""
    view = CompareView(dataset, structure_ids, edition, lang)
    note = ""
    if view.not_audited:
        note = count_text(
            "ui.bench.compare_not_audited",
            len(view.not_audited),
            lang,
            names=", ".join(view.not_audited),
            edition=edition,
        )
    return ComparePayload(
        edition, note, {spec.name: chart_payload(spec, view) for spec in COMPARE_SECTIONS}
    )


def state_from_address(
    dataset: Dataset, search: str | None, allowed: frozenset[str] | None = None
) -> tuple[BenchmarkState, list[tuple[str, str]]]:
    """The page's state from a query string, with the refused parameters; only structures
    of `allowed` (the viewer's, dashboard.policy.visible_structures) when given."""
    agg = aggregates_for(dataset)
    known = agg.structure_ids if allowed is None else allowed
    parsed = parse_benchmark(search, known, agg.editions_by_structure)
    return parsed.state, list(parsed.rejected)


def edition_choices(agg: Aggregates, structure: str | None) -> list[int]:
    """The editions a structure took part in, latest first."""
    return sorted(agg.editions_by_structure.get(structure or "", []), reverse=True)
