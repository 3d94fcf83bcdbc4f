"""The overview page: the headline indicators of an edition with their change, and four blocks
(mean score by category and channel, the distribution of global scores, each category's mean
over the editions, the edition's winners), for the filters of the address (contract §5,
*Filters*: categories, channels and region apply to all of it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Final

import pandas as pd

from dashboard.figures import overview as frames
from dashboard.figures.aggregates import Aggregates, Selection, aggregates_for
from dashboard.figures.indicators import (
    SPEC_BY_NAME,
    IndicatorChange,
    indicators_with_change,
    shown_indicators,
)
from dashboard.i18n import (
    category_label,
    channel_label,
    count_text,
    format_number,
    format_percent_value,
    format_signed,
    translate,
)
from dashboard.intake.geography import region_name
from dashboard.intake.model import Dataset
from dashboard.pages import territory_blocks
from dashboard.pages.sections import ChartPayload, ChartSpec, by_name, chart_payload, table_view
from dashboard.render import overview_charts, tables, territory_tables
from dashboard.render.block_kinds import TILES
from dashboard.render.tables import TablePayload
from dashboard.urlstate import OverviewState

# Where the distribution's figure holds scores: the dots' x and the boxes' statistics.
DISTRIBUTION_VALUES: Final = ("x", "q1", "median", "q3", "lowerfence", "upperfence")


class OverviewView:
    """The overview of a dataset for a state (the address's filters): each frame computed when
    first asked for, then kept."""

    def __init__(self, dataset: Dataset, state: OverviewState) -> None:
        self.dataset = dataset
        self.state = state
        self.agg: Aggregates = aggregates_for(dataset)
        self.selection = Selection(state.edition, state.categories, state.channels, state.region)

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def edition(self) -> int:
        return self.state.edition

    @cached_property
    def heatmap(self) -> pd.DataFrame:
        return frames.category_channel_means(self.agg, self.selection)

    @cached_property
    def distribution(self) -> pd.DataFrame:
        return frames.global_score_distribution(self.agg, self.selection)

    @cached_property
    def trend(self) -> pd.DataFrame:
        return frames.category_trend(self.agg, self.selection)

    @cached_property
    def winners(self) -> pd.DataFrame:
        return frames.category_winners(self.agg, self.selection)

    @cached_property
    def channel_names(self) -> str:
        """The selected channels in words ("accueil physique, téléphone")."""
        return ", ".join(channel_label(c, self.lang).lower() for c in self.state.channels)

    @cached_property
    def score_titles(self) -> tuple[str, str]:
        """The axis titles of the global score and of its group mean: they name the channels
        the score is computed over when some are selected (contract §5, *Filters*)."""
        if not self.state.channels:
            return (
                translate("ui.chart.global_score_axis", self.lang),
                translate("ui.chart.mean_score_axis", self.lang),
            )
        return (
            translate(
                "ui.chart.global_score_channels_axis", self.lang, channels=self.channel_names
            ),
            translate("ui.chart.mean_score_channels_axis", self.lang, channels=self.channel_names),
        )

    def empty_reason(self, *, all_editions: bool = False) -> str:
        """Why a chart of the selection has nothing to draw, in words."""
        return empty_reason(self.agg, self.selection, self.lang, all_editions=all_editions)


def empty_reason(agg: Aggregates, sel: Selection, lang: str, *, all_editions: bool = False) -> str:
    """Why a chart of the selection has nothing to draw, in words: a selected channel or
    category not audited in the edition (social networks before 2021), or filters that no
    structure meets at once (a region with none of the selected categories)."""
    if not all_editions:
        audited_channels = set(agg.channel_in(sel.edition)[frames.Col.CHANNEL])
        missing = [c for c in sel.channels if c not in audited_channels]
        if missing and len(missing) == len(sel.channels):
            names = ", ".join(channel_label(c, lang) for c in missing)
            return count_text(
                "ui.empty.channels_not_audited", len(missing), lang,
                names=names, edition=sel.edition,
            )  # fmt: skip
        audited_categories = set(agg.global_in(sel.edition)[frames.Col.CATEGORY])
        absent = [c for c in sel.categories if c not in audited_categories]
        if absent and len(absent) == len(sel.categories):
            names = ", ".join(category_label(c, lang) for c in absent)
            return count_text(
                "ui.empty.categories_not_audited", len(absent), lang,
                names=names, edition=sel.edition,
            )  # fmt: skip
        return translate("ui.empty.no_match", lang, edition=sel.edition)
    return translate("ui.empty.no_match_ever", lang)


def _when_empty(view: OverviewView, frame: pd.DataFrame) -> str | None:
    return None if len(frame) else view.empty_reason()


HEATMAP: Final = ChartSpec[OverviewView](
    name="overview-heatmap",
    frame=lambda view: view.heatmap,
    figure=lambda view, frame: overview_charts.make_heatmap(frame, view.lang),
    table=tables.HEATMAP_TABLE,
    title_key="ui.heatmap.title",
    caption_key="ui.heatmap.description",
    empty=_when_empty,
)
DISTRIBUTION: Final = ChartSpec[OverviewView](
    name="overview-distribution",
    frame=lambda view: view.distribution,
    # Every structure's score, anonymous: published rounded as shown (issue 11), the box's
    # quartiles computed from the exact scores first.
    figure=lambda view, frame: tables.round_figure_values(
        overview_charts.make_distribution(frame, view.lang, view.score_titles[0]),
        DISTRIBUTION_VALUES,
    ),
    table=tables.DISTRIBUTION_TABLE,
    title_key="ui.distribution.title",
    caption_key="ui.distribution.description",
    empty=_when_empty,
)
TREND: Final = ChartSpec[OverviewView](
    name="overview-trend",
    frame=lambda view: view.trend,
    figure=lambda view, frame: overview_charts.make_trend(
        frame, view.edition, view.lang, view.score_titles[1]
    ),
    table=tables.TREND_TABLE,
    title_key="ui.trend.title",
    caption_key="ui.trend.description",
    empty=lambda view, frame: None if len(frame) else view.empty_reason(all_editions=True),
)
WINNERS: Final = ChartSpec[OverviewView](
    name="overview-winners",
    frame=lambda view: view.winners,
    figure=None,
    table=tables.WINNERS_TABLE,
    title_key="ui.winners.title",
    caption_key="ui.winners.description",
)
MAP_BLOCK: Final = ChartSpec[OverviewView](
    name="overview-map",
    frame=lambda view: territory_blocks.overview_map_frame(view.agg, view.selection, view.state),
    figure=lambda view, frame: territory_blocks.overview_map_figure(frame, view.state),
    table=territory_tables.OVERVIEW_MAP_TABLE,
    title_key="ui.overview_map.title",
    caption_key="ui.overview_map.description",
    empty=lambda view, frame: territory_blocks.overview_map_empty(frame, view.empty_reason()),
    kind=TILES,
)
SECTIONS: Final = (HEATMAP, DISTRIBUTION, TREND, WINNERS, MAP_BLOCK)
SECTION_BY_NAME: Final = by_name(SECTIONS)


# --- Headline indicator cards -----------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorCard:
    """An indicator card's display text: label, value, basis (what it rests on), change, the
    arrow's direction (up, down, flat, none), the verdict (good, bad, flat, neutral, none)
    and the verdict in words for screen readers."""

    name: str
    label: str
    value: str
    basis: str
    change: str
    verdict: str
    direction: str
    verdict_text: str


def _format_value(value: float | None, unit: str, lang: str) -> str:
    if value is None:
        return "–"
    if unit == "count":
        return format_number(value, lang, 0)
    if unit == "pct":
        return format_percent_value(value, lang, 0)
    if unit == "score":
        return translate("ui.unit.score", lang, value=format_number(value, lang, 1))
    return format_number(value, lang, 1)


def _format_change(change: float, unit: str, lang: str) -> str:
    if unit == "count":
        return format_signed(change, lang, 0)
    if unit == "pct":
        return translate("ui.unit.points", lang, value=format_signed(change, lang, 0))
    return format_signed(change, lang, 1)


def indicator_cards(changes: dict[str, IndicatorChange], lang: str) -> list[IndicatorCard]:
    """Display text of the headline indicator cards: value, basis, change and its verdict."""
    cards = []
    for name, item in changes.items():
        spec = SPEC_BY_NAME[name]
        current = item.current
        if current.value is None:
            basis = translate("ui.basis.none", lang)
        else:
            basis = count_text(f"ui.basis.{spec.basis}", current.n, lang)
        change = item.change
        if change is None:
            verdict, change_text = "none", translate("ui.change.none", lang)
        else:
            improved = item.improved
            if spec.higher_is_better is None:
                verdict = "neutral"
            elif improved is None:
                verdict = "flat"
            else:
                verdict = "good" if improved else "bad"
            change_text = translate(
                "ui.change.since",
                lang,
                change=_format_change(change, spec.unit, lang),
                edition=item.past_edition,
            )
        direction = (
            "none" if change is None else ("up" if change > 0 else "down" if change < 0 else "flat")
        )
        verdict_text = (
            translate(f"ui.change.{verdict}", lang) if verdict in ("good", "bad", "flat") else ""
        )
        cards.append(
            IndicatorCard(
                name,
                translate(f"ui.indicator.{name}", lang),
                _format_value(current.value, spec.unit, lang),
                basis,
                change_text,
                verdict,
                direction,
                verdict_text,
            )
        )
    return cards


# --- The page's payload -----------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewPayload:
    """Everything the overview shows for a state: the subtitle, the indicator cards that
    apply (and a note on those a channel filter hides), each drawn block's figure or why it
    has none, and the table-only blocks' tables (the others' tables come when opened)."""

    edition: int
    subtitle: str
    cards: list[IndicatorCard]
    cards_note: str
    charts: dict[str, ChartPayload]
    tables: dict[str, TablePayload]


def _scope_text(state: OverviewState, channel_names: str, lang: str) -> str:
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


def overview_payload(dataset: Dataset, state: OverviewState) -> OverviewPayload:
    """Everything the overview shows for a state (see OverviewPayload)."""
    view = OverviewView(dataset, state)
    lang = state.lang
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
                scope=_scope_text(state, view.channel_names, lang),
            ),
            weights,
        ]
    )
    hidden = len(changes) - len(shown)
    return OverviewPayload(
        edition=state.edition,
        subtitle=subtitle,
        cards=indicator_cards({k: changes[k] for k in shown}, lang),
        cards_note=count_text("ui.cards.hidden", hidden, lang, channels=view.channel_names)
        if hidden
        else "",
        charts={spec.name: chart_payload(spec, view) for spec in SECTIONS if spec.drawn},
        tables={spec.name: table_view(spec, view) for spec in SECTIONS if not spec.drawn},
    )
