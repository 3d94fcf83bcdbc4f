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
from dashboard.figures import scoring, uncertainty
from dashboard.figures.aggregates import Aggregates, aggregates_for
from dashboard.figures.benchmark import BenchCol
from dashboard.i18n import (
    category_label,
    channel_label,
    count_text,
    format_number,
    format_signed,
    translate,
)
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.intake.schema import CHANNELS, StructureCol
from dashboard.pages import honest, territory_blocks
from dashboard.pages.sections import ChartPayload, ChartSpec, by_name, chart_payload, table_view
from dashboard.pages.summary import (
    QUARTILE_KEYS,
    Honest,
    criterion_label,
    narrowing_text,
    percentile_texts,
    summarise,
)
from dashboard.render import action_charts, benchmark_charts, tables, territory_tables
from dashboard.render.block_kinds import LINKS
from dashboard.render.tables import TablePayload
from dashboard.urlstate import MAX_COMPARE, BenchmarkState, PeerMode, parse_benchmark


class BenchmarkView:
    """The frames « Ma structure » draws for a structure, edition and peer definition, each
    computed when first asked for: the page needs them all, a CSV download one. `indicators`:
    the public indicator tables loaded (the territory block's)."""

    def __init__(
        self,
        dataset: Dataset,
        state: BenchmarkState,
        named: bool,
        indicators: Sequence[IndicatorTable] = (),
    ) -> None:
        self.dataset = dataset
        self.indicators = tuple(indicators)
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

    # --- How sure each figure is (contract §5b) -------------------------------------------

    @cached_property
    def estimates(self) -> pd.DataFrame:
        """The structure's scores with their standard errors and 90 % intervals, in every
        edition (uncertainty.structure_estimates)."""
        return uncertainty.structure_estimates(self.agg, self.sid)

    @cached_property
    def edition_estimates(self) -> pd.DataFrame:
        estimates = self.estimates
        return estimates[estimates["edition"] == self.edition].reset_index(drop=True)

    @cached_property
    def global_estimate(self) -> uncertainty.Estimate | None:
        """G(s,e) with its interval."""
        return uncertainty.structure_estimate(self.agg, self.sid, self.edition)

    @cached_property
    def rank_interval(self) -> uncertainty.RankInterval | None:
        """The 90 % interval of the rank on G among the peers in force (seeded, memoized)."""
        return uncertainty.structure_rank_interval(
            self.agg, self.sid, self.edition, self.head.definition
        )

    @cached_property
    def change_test(self) -> uncertainty.ChangeTest | None:
        """The change of G since the structure's previous edition, and whether it is one."""
        previous = self.head.previous_edition
        if previous is None:
            return None
        return uncertainty.structure_change(self.agg, self.sid, self.edition, previous)

    @cached_property
    def channels(self) -> pd.DataFrame:
        frame = bench.channel_comparison(self.agg, self.sid, self.edition, self.mode)
        frame = bench.with_intervals(frame, self.edition_estimates, "channel", BenchCol.CHANNEL)
        return self._published(frame, tables.BENCH_CHANNEL_TABLE)

    @cached_property
    def criteria(self) -> pd.DataFrame:
        frame = bench.criterion_comparison(self.agg, self.sid, self.edition, self.mode)
        frame = bench.with_intervals(frame, self.edition_estimates, "criterion", BenchCol.CRITERION)
        return self._published(frame, tables.BENCH_CRITERION_TABLE)

    @cached_property
    def measures(self) -> pd.DataFrame:
        measures = bench.channel_measures(self.agg)
        frame = bench.measure_comparison(self.agg, measures, self.sid, self.edition, self.mode)
        return self._published(frame, tables.BENCH_MEASURE_TABLE)

    @cached_property
    def trajectory(self) -> pd.DataFrame:
        frame = bench.trajectory(self.agg, self.sid, self.mode, self.channel)
        frame = bench.trajectory_with_intervals(frame, self.estimates, self.channel)
        return self._published(frame, tables.BENCH_TRAJECTORY_TABLE)

    @cached_property
    def distribution(self) -> pd.DataFrame:
        """Every peer's score with its label (its name in named mode, "Pair N" otherwise),
        the tests behind it and its rank; with `intervals` on, every peer's 90 % rank
        interval too (contract §5b; the peer ids never leave in anonymous mode)."""
        frame = bench.peer_distribution(self.agg, self.sid, self.edition, self.mode, with_ids=True)
        ids = frame.pop(StructureCol.STRUCTURE_ID)
        in_edition = self.agg.global_in(self.edition).set_index(StructureCol.STRUCTURE_ID)
        scores = frame[BenchCol.SCORE].to_numpy(dtype="float64")
        frame.insert(
            2,
            BenchCol.N_TESTS,
            ids.map(in_edition[scoring.N_TESTS]).fillna(0).astype("int64").to_numpy(),
        )
        frame[BenchCol.RANK] = (
            pd.Series(scores).rank(method="min", ascending=False).fillna(0).astype("int64")
        ).to_numpy()
        frame[BenchCol.RANK_LOW] = math.nan
        frame[BenchCol.RANK_HIGH] = math.nan
        if self.state.intervals:
            ranks = uncertainty.peer_rank_intervals(
                self.agg, self.sid, self.edition, self.head.definition
            ).set_index(StructureCol.STRUCTURE_ID)
            frame[BenchCol.RANK_LOW] = ids.map(ranks["low"]).astype("float64").to_numpy()
            frame[BenchCol.RANK_HIGH] = ids.map(ranks["high"]).astype("float64").to_numpy()
        if self.named:
            names = self.agg.structures[StructureCol.NAME]
            labels = [str(names.get(i, i)) for i in ids]
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

    def _act(self, view: str) -> pd.DataFrame:
        """Where to act first over the criteria or the channels (uncertainty.where_to_act),
        with each item's label in the page's language."""
        frame = uncertainty.where_to_act(
            self.agg, self.sid, self.edition, self.head.definition,
            "channel" if view == "channel" else "criterion",
        )  # fmt: skip
        label = channel_label if view == "channel" else criterion_label
        labels = [label(str(item), self.lang) for item in frame[BenchCol.ITEM]]
        return frame.assign(**{BenchCol.LABEL: labels})

    def _act_published(self, view: str) -> pd.DataFrame:
        # Published with the columns of both blocks that show it (the chart, the list).
        return self._published(
            self._act(view), (*tables.BENCH_ACT_TABLE, *tables.BENCH_ACTIONS_TABLE)
        )

    @cached_property
    def act(self) -> pd.DataFrame:
        """The importance–performance chart's frame, in the view the address asks for."""
        return self._act_published(self.state.act)

    @cached_property
    def actions(self) -> pd.DataFrame:
        """The action list: the first three levers of the view the address asks for."""
        return self.act.head(3)

    @cached_property
    def criteria_actions(self) -> pd.DataFrame:
        """Where to act first over the criteria, for the summary (whatever the view)."""
        return self.act if self.state.act == "criterion" else self._act_published("criterion")

    @cached_property
    def method_changes(self) -> list[tuple[int, str]]:
        """The editions where the method changed, with what changed in words."""
        return honest.method_change_texts(self.agg, self.lang)

    def channel_note(self, frame: pd.DataFrame) -> str | None:
        """Under « Score par canal »: the channels whose interval borrows the spread of every
        channel, and those with none, and why (contract §5b)."""
        return honest.spread_note(
            frame, BenchCol.CHANNEL, lambda c: channel_label(c, self.lang), self.lang
        )

    def criteria_note(self, frame: pd.DataFrame) -> str | None:
        """Under the criteria chart: the same as channel_note(), for the criteria."""
        return honest.spread_note(
            frame, BenchCol.CRITERION, lambda c: criterion_label(c, self.lang), self.lang
        )

    def act_note(self, frame: pd.DataFrame) -> str | None:
        """Under the importance–performance chart: the items not drawn (no importance: fewer
        than 10 structures with both values), and the peers behind the medians when fewer
        than 5."""
        parts = []
        unclassified = frame[frame[BenchCol.IMPORTANCE].isna()]
        if len(unclassified):
            parts.append(
                count_text(
                    "ui.honest.note_unclassified",
                    len(unclassified),
                    self.lang,
                    names=", ".join(str(v) for v in unclassified[BenchCol.LABEL]),
                )
            )
        few = frame[frame[BenchCol.N_PEERS] < uncertainty.FRAGILE_BELOW]
        if len(few):
            parts.append(
                count_text(
                    "ui.honest.note_few_peers",
                    len(few),
                    self.lang,
                    names=", ".join(str(v) for v in few[BenchCol.LABEL]),
                )
            )
        return " ".join(parts) or None

    def act_empty(self, frame: pd.DataFrame) -> str | None:
        """Why the importance–performance chart has nothing to draw."""
        if frame.empty:
            key = (
                "ui.honest.empty_act_channel"
                if self.state.act == "channel"
                else ("ui.bench.empty_criteria")
            )
            return translate(key, self.lang, edition=self.edition)
        if frame[BenchCol.IMPORTANCE].isna().all():
            return translate("ui.honest.empty_importance", self.lang, edition=self.edition)
        return None

    def distribution_note(self, frame: pd.DataFrame) -> str | None:
        """Under the distribution with every peer's rank interval: how to read it."""
        if not self.state.intervals:
            return None
        return translate("ui.honest.note_peer_ranks", self.lang)

    @cached_property
    def honest(self) -> Honest:
        """What the summary needs to say no more than the numbers can bear."""
        return Honest(
            estimate=self.global_estimate,
            rank=self.rank_interval,
            change=self.change_test,
            actions=self.criteria_actions,
        )

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
    note=lambda view, frame: view.channel_note(frame),
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
    note=lambda view, frame: view.criteria_note(frame),
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
    # With `intervals` on, every peer's rank and its 90 % interval (contract §5b).
    figure=lambda view, frame: (
        action_charts.make_peer_ranks(frame, frame[BenchCol.LABEL].tolist(), view.lang)
        if view.state.intervals
        else benchmark_charts.make_peer_strip(frame, frame[BenchCol.LABEL].tolist(), view.lang)
    ),
    table=tables.BENCH_DISTRIBUTION_TABLE,
    title_key="ui.bench.distribution_title",
    caption_key="ui.bench.distribution_description",
    named_caption_key="ui.bench.distribution_description_named",
    note=lambda view, frame: view.distribution_note(frame),
)
ACT_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-act",
    frame=lambda view: view.act,
    figure=lambda view, frame: action_charts.make_importance_performance(
        frame, frame[BenchCol.LABEL].tolist(), view.lang
    ),
    table=tables.BENCH_ACT_TABLE,
    title_key="ui.honest.act_title",
    caption_key="ui.honest.act_description",
    empty=lambda view, frame: view.act_empty(frame),
    note=lambda view, frame: view.act_note(frame),
)
ACTIONS_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-actions",
    frame=lambda view: view.actions,
    figure=None,
    table=tables.BENCH_ACTIONS_TABLE,
    title_key="ui.honest.actions_title",
    caption_key="ui.honest.actions_description",
)
TERRITORY_BLOCK: Final = ChartSpec[BenchmarkView](
    name="bench-territory",
    frame=lambda view: territory_blocks.structure_standings(view.agg, view.sid, view.indicators),
    figure=lambda view, frame: territory_blocks.standings_links(frame, view.lang),
    table=territory_tables.TERRITORY_STANDINGS_TABLE,
    title_key="ui.territories.bench_title",
    caption_key="ui.territories.bench_description",
    empty=lambda view, frame: territory_blocks.standings_empty(
        view.agg, view.sid, view.indicators, frame, view.lang
    ),
    kind=LINKS,
)
SECTIONS: Final = (
    CHANNELS_BLOCK, CRITERIA_BLOCK, MEASURES_BLOCK, TRAJECTORY_BLOCK, DISTRIBUTION_BLOCK,
    ACT_BLOCK, ACTIONS_BLOCK, TERRITORY_BLOCK,
)  # fmt: skip
SECTION_BY_NAME: Final = by_name(SECTIONS)


# --- Headline, definition, peer options ------------------------------------------------------


@dataclass(frozen=True)
class HeadlineCard:
    """A headline figure's display text: what it is, its value, a line of detail; for a
    change, its verdict in words with the tone (good, bad, noise: within measurement noise)
    and the arrow's direction (up, down, flat, none)."""

    name: str
    label: str
    value: str
    detail: str
    verdict: str = ""
    tone: str = "none"
    direction: str = "none"


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


def headline_cards(
    head: bench.Headline, lang: str, facts: Honest | None = None
) -> list[HeadlineCard]:
    """The headline figures: global score with its tests and 90 % interval, rank with its
    interval (the interval instead of a bare rank in a fragile group), percentile and
    quartile (not for a fragile group), median and best with the peers behind them, change
    with its verdict (a rise or a fall only beyond the noise) and both editions' tests
    (contract §5, §5b)."""
    stats = head.stats
    if stats is None:
        return []
    facts = facts or Honest()
    tests_detail = translate(
        "ui.bench.detail_tests",
        lang,
        tests=count_text("ui.count.tests", head.n_tests, lang),
        channels=count_text("ui.count.channels", head.n_channels, lang),
    )
    rank = facts.rank
    if rank is None:
        rank_value, rank_detail = (
            f"{stats.rank} / {stats.n}",
            translate("ui.bench.detail_rank", lang),
        )
    elif rank.fragile:
        rank_value = honest.rank_value(rank, lang)
        rank_detail = translate("ui.honest.rank_fragile_detail", lang, rank=rank.rank)
    else:
        rank_value = honest.rank_value(rank, lang)
        rank_detail = honest.join_parts(
            [honest.rank_range_text(rank, lang), translate("ui.bench.detail_rank", lang)], lang
        )
    cards = [
        HeadlineCard(
            "global",
            translate("ui.bench.card_global", lang),
            translate("ui.unit.score", lang, value=format_number(stats.value, lang, 1)),
            honest.join_parts([tests_detail, honest.estimate_text(facts.estimate, lang)], lang),
        ),
        HeadlineCard("rank", translate("ui.bench.card_rank", lang), rank_value, rank_detail),
    ]
    if not stats.fragile:
        quartile_detail = translate(
            "ui.bench.detail_quartile",
            lang,
            q1=format_number(stats.q1, lang, 1),
            q3=format_number(stats.q3, lang, 1),
        )
        estimate = facts.estimate
        span = (
            honest.quartile_span(estimate.low, estimate.high, stats.q1, stats.median, stats.q3)
            if estimate is not None
            else None
        )
        if span is not None and span[0] != span[1]:
            quartile_detail = honest.join_parts(
                [
                    quartile_detail,
                    translate(
                        "ui.honest.quartile_span",
                        lang,
                        low=translate(QUARTILE_KEYS[span[0]], lang),
                        high=translate(QUARTILE_KEYS[span[1]], lang),
                    ),
                ],
                lang,
            )
        cards += [
            HeadlineCard(
                "percentile",
                translate("ui.bench.card_percentile", lang),
                *percentile_texts(stats.percentile, "ui.bench.detail_percentile", lang),
            ),
            HeadlineCard(
                "quartile",
                translate("ui.bench.card_quartile", lang),
                translate(QUARTILE_KEYS[stats.quartile], lang),
                quartile_detail,
            ),
        ]
    best_key = (
        "ui.bench.card_best" if head.definition.mode == "category" else "ui.bench.card_best_group"
    )
    cards += [
        _peer_card(
            "median", "ui.bench.card_median", stats.median, stats.gap_to_median, stats.n, lang
        ),
        _peer_card("best", best_key, stats.best, stats.gap_to_best, stats.n, lang),
        change_card(head, facts.change, lang),
    ]
    return cards


def _peer_card(
    name: str, label_key: str, value: float, gap: float, n_peers: int, lang: str
) -> HeadlineCard:
    """The card of a peer statistic (the median, the best; points, to 0.1): its value, the
    structure's gap to it and the peers behind it (contract §5)."""
    return HeadlineCard(
        name,
        translate(label_key, lang),
        format_number(value, lang, 1),
        honest.join_parts(
            [
                translate("ui.bench.detail_gap", lang, gap=format_signed(gap, lang, 1)),
                count_text("ui.count.peers", n_peers, lang),
            ],
            lang,
        ),
    )


def change_card(
    head: bench.Headline, test: uncertainty.ChangeTest | None, lang: str
) -> HeadlineCard:
    """The change of G since the previous edition: its value, and a verdict that calls it a
    rise or a fall only beyond 1.645 SE (« stable (dans la marge de mesure) » otherwise),
    with both editions' tests (contract §5b)."""
    label = translate("ui.bench.card_change", lang)
    if head.previous_edition is None or head.change is None:
        return HeadlineCard("change", label, "–", translate("ui.bench.detail_first", lang))
    since = translate("ui.bench.detail_change", lang, edition=head.previous_edition)
    if test is None:
        return HeadlineCard("change", label, format_signed(head.change, lang, 1), since)
    words = honest.change_words(test, lang, editions=(head.edition, head.previous_edition))
    return HeadlineCard(
        "change",
        label,
        format_signed(head.change, lang, 1),
        honest.join_parts([since, words.counts], lang),
        verdict=honest.join_parts([words.verdict, words.margin], lang),
        tone=words.tone,
        direction=words.direction,
    )


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
    dataset: Dataset,
    state: BenchmarkState,
    named: bool,
    indicators: Sequence[IndicatorTable] = (),
) -> BenchmarkPayload | None:
    """Everything the page shows (see BenchmarkPayload); None when the state names no
    structure of the dataset or no edition. `indicators`: the public indicator tables
    loaded."""
    if not BenchmarkView.exists(dataset, state):
        return None
    view = BenchmarkView(dataset, state, named, indicators)
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
        cards=headline_cards(head, lang, view.honest),
        summary=summarise(
            view.own_name, head, view.channels, view.criteria, view.measures, lang, view.honest
        ),
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
