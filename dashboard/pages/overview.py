"""The overview page: the headline indicators of an edition with their change, and four blocks
(mean score by category and channel, the distribution of global scores, each category's mean
over the editions, the edition's winners), for the filters of the address (contract §5,
*Filters*: categories, channels and region apply to all of it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

import pandas as pd

from dashboard.figures import overview as frames
from dashboard.figures import scoring, uncertainty
from dashboard.figures.aggregates import Aggregates, Selection, aggregates_for
from dashboard.figures.indicators import (
    SPEC_BY_NAME,
    IndicatorChange,
    indicators_with_change,
    previous_edition,
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
from dashboard.intake.schema import Channel
from dashboard.pages import honest, territory_blocks
from dashboard.pages.sections import ChartPayload, ChartSpec, by_name, chart_payload, table_view
from dashboard.render import overview_charts, tables, territory_tables
from dashboard.render.block_kinds import TILES
from dashboard.render.tables import TablePayload
from dashboard.urlstate import OverviewState

# Where the distribution's figure holds scores: the dots' x and the boxes' statistics.
DISTRIBUTION_VALUES: Final = ("x", "q1", "median", "q3", "lowerfence", "upperfence")


def _of_selection(
    frame: Callable[[Aggregates, Selection], pd.DataFrame],
) -> cached_property[pd.DataFrame]:
    """A frame of the overview (dashboard.figures.overview) for the view's selection, as a
    property of the view: computed when first asked for, then kept."""
    return cached_property(lambda view: frame(view.agg, view.selection))


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

    heatmap = _of_selection(frames.category_channel_means)
    distribution = _of_selection(frames.global_score_distribution)
    trend = _of_selection(frames.category_trend)
    winners = _of_selection(frames.category_winners)

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

    @cached_property
    def method_changes(self) -> list[tuple[int, str]]:
        """The editions where a channel or criteria were first assessed, in words."""
        return honest.method_change_texts(self.agg, self.lang)

    def trend_note(self, frame: pd.DataFrame) -> str | None:
        """Under the trend: how the series shown is built (contract §5b), and where a
        like-for-like chain breaks (a step with no structure in common)."""
        if self.state.series == "plain":
            return translate("ui.honest.trend_note_plain", self.lang)
        note = translate("ui.honest.trend_note_lfl", self.lang)
        broken = frame[frame[frames.Col.LEVEL].isna()]
        if len(broken):
            names = ", ".join(
                sorted({category_label(str(c), self.lang) for c in broken[frames.Col.CATEGORY]})
            )
            note += " " + translate("ui.honest.trend_note_broken", self.lang, names=names)
        return note


def empty_reason(agg: Aggregates, sel: Selection, lang: str, *, all_editions: bool = False) -> str:
    """Why a chart of the selection has nothing to draw, in words: a selected channel or
    category not audited in the edition (social networks before 2021), or filters that no
    structure meets at once (a region with none of the selected categories)."""
    if not all_editions:
        return (
            _none_audited(
                sel.channels, agg.channel_in(sel.edition)[frames.Col.CHANNEL], channel_label,
                "ui.empty.channels_not_audited", sel.edition, lang,
            )
            or _none_audited(
                sel.categories, agg.global_in(sel.edition)[frames.Col.CATEGORY], category_label,
                "ui.empty.categories_not_audited", sel.edition, lang,
            )
            or translate("ui.empty.no_match", lang, edition=sel.edition)
        )  # fmt: skip
    return translate("ui.empty.no_match_ever", lang)


def _none_audited(
    chosen: Sequence[str],
    audited: Iterable[str],
    label: Callable[[str, str], str],
    key: str,
    edition: int,
    lang: str,
) -> str | None:
    """When some codes are chosen (channels, categories) and none of them is among those
    `audited` in `edition`: the catalog's plural message `key` naming them (`label` gives a
    code's name in `lang`); None otherwise."""
    seen = set(audited)
    missing = [c for c in chosen if c not in seen]
    if not missing or len(missing) != len(chosen):
        return None
    names = ", ".join(label(c, lang) for c in missing)
    return count_text(key, len(missing), lang, names=names, edition=edition)


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
        frame,
        view.edition,
        view.lang,
        view.score_titles[1],
        series=view.state.series,
        changes=view.method_changes,
    ),
    table=tables.TREND_TABLE,
    title_key="ui.trend.title",
    caption_key="ui.trend.description",
    empty=lambda view, frame: None if len(frame) else view.empty_reason(all_editions=True),
    note=lambda view, frame: view.trend_note(frame),
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
    empty=lambda view, frame: territory_blocks.overview_map_empty(
        frame, view.empty_reason(), view.state
    ),
    kind=TILES,
)
SECTIONS: Final = (HEATMAP, DISTRIBUTION, TREND, WINNERS, MAP_BLOCK)
SECTION_BY_NAME: Final = by_name(SECTIONS)


# --- Headline indicator cards -----------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorCard:
    """An indicator card's display text: label, value, basis (what it rests on, in both
    editions, and the change's 90 % margin), change with its verdict in words, the arrow's
    direction (up, down, flat, none), the verdict (good, bad: a change beyond measurement
    noise; noise: within it; flat, neutral, none), the verdict in words for screen readers,
    and the like-for-like change when it differs from the plain one (contract §5b)."""

    name: str
    label: str
    value: str
    basis: str
    change: str
    verdict: str
    direction: str
    verdict_text: str
    like_for_like: str = ""


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


# How a change's 90 % margin is written, by unit: shares in points ("pts"), scores in points.
MARGIN_UNITS: Final = {
    "pct": "ui.unit.points",
    "score": "ui.honest.points",
    "rings": "ui.honest.plain",
}


@dataclass(frozen=True)
class CardFacts:
    """What a card shows, whatever its indicator: value now and its n, the past edition's
    value and n, the change test (None: a count, or no past), the like-for-like change and
    its panel (None: not a group mean of structures), the unit and the good direction."""

    name: str
    label: str
    value: float | None
    n: int
    basis: str  # "tests" or "structures"
    unit: str
    higher_is_better: bool | None
    past_edition: int | None = None
    past_value: float | None = None
    past_n: int = 0
    test: uncertainty.ChangeTest | None = None
    like_for_like: float | None = None
    panel: int = 0

    @property
    def change(self) -> float | None:
        if self.value is None or self.past_value is None:
            return None
        return self.value - self.past_value


def indicator_card(facts: CardFacts, lang: str) -> IndicatorCard:
    """One card's display text: a change is called good or bad news only beyond the
    measurement noise (its test, contract §5b), grey « stable (dans la marge de mesure) »
    within it; the basis gives both editions' n and the margin."""
    if facts.value is None:
        basis = translate("ui.basis.none", lang)
    else:
        basis = count_text(f"ui.basis.{facts.basis}", facts.n, lang)
        if facts.past_value is not None and facts.past_edition is not None:
            basis += translate(
                "ui.honest.basis_past",
                lang,
                n=format_number(facts.past_n, lang, 0),
                edition=facts.past_edition,
            )
    change = facts.change
    lfl = ""
    if change is None:
        verdict, change_text, verdict_text = "none", translate("ui.change.none", lang), ""
    else:
        change_text = translate(
            "ui.change.since",
            lang,
            change=_format_change(change, facts.unit, lang),
            edition=facts.past_edition,
        )
        if facts.higher_is_better is None:
            verdict = "neutral"
        elif facts.test is None:
            improved = None if change == 0 else (change > 0) == facts.higher_is_better
            verdict = "flat" if improved is None else ("good" if improved else "bad")
        else:
            words = honest.change_words(
                facts.test,
                lang,
                higher_is_better=facts.higher_is_better,
                unit_key=MARGIN_UNITS.get(facts.unit, "ui.honest.plain"),
            )
            verdict = words.tone if words.tone != "none" else "none"
            change_text = translate(
                "ui.honest.card_change", lang, change=change_text, verdict=words.verdict
            )
            if words.margin:
                basis = honest.join_parts([basis, words.margin], lang)
        verdict_text = (
            translate(f"ui.change.{verdict}", lang) if verdict in ("good", "bad", "flat") else ""
        )
        if facts.like_for_like is not None and facts.panel > 0:
            plain = _format_change(change, facts.unit, lang)
            same = _format_change(facts.like_for_like, facts.unit, lang)
            if plain != same:
                lfl = count_text("ui.honest.card_lfl", facts.panel, lang, change=same)
    return IndicatorCard(
        facts.name,
        facts.label,
        _format_value(facts.value, facts.unit, lang),
        basis,
        change_text,
        verdict,
        honest.change_direction(change),
        verdict_text,
        lfl,
    )


def indicator_cards(
    changes: dict[str, IndicatorChange],
    lang: str,
    tests: dict[str, uncertainty.ChangeTest | None] | None = None,
    like_for_like: dict[str, tuple[float | None, int]] | None = None,
) -> list[IndicatorCard]:
    """Display text of the headline indicator cards: value, basis, change and its verdict
    (beyond measurement noise or not, `tests`: uncertainty.indicator_change_tests), and the
    like-for-like change of a group mean (`like_for_like`: name -> (change, panel))."""
    cards = []
    for name, item in changes.items():
        spec = SPEC_BY_NAME[name]
        lfl, panel = (like_for_like or {}).get(name, (None, 0))
        facts = CardFacts(
            name=name,
            label=translate(f"ui.indicator.{name}", lang),
            value=item.current.value,
            n=item.current.n,
            basis=spec.basis,
            unit=spec.unit,
            higher_is_better=spec.higher_is_better,
            past_edition=item.past_edition,
            past_value=item.past.value if item.past is not None else None,
            past_n=item.past.n if item.past is not None else 0,
            test=(tests or {}).get(name),
            like_for_like=lfl,
            panel=panel,
        )
        cards.append(indicator_card(facts, lang))
    return cards


def _scores(frame: pd.DataFrame) -> pd.Series:
    """A scores table's values by structure."""
    return frame.set_index(frames.Col.STRUCTURE_ID)[scoring.SCORE].dropna().astype("float64")


def _group_mean_change(
    agg: Aggregates, sel: Selection, past: int | None
) -> tuple[float | None, int, float | None, int, uncertainty.ChangeTest | None, float | None, int]:
    """The group mean of G over the selection now and in `past`, with their structures, the
    change test of the difference of means (SD of G over the structures, §5b) and the
    like-for-like change over the panel of both editions with its size."""
    now = _scores(agg.global_scores(sel))
    mean_now = float(now.mean()) if len(now) else None
    if past is None:
        return mean_now, len(now), None, 0, None, None, 0
    then = _scores(agg.global_scores(sel.at_edition(past)))
    mean_then = float(then.mean()) if len(then) else None
    test = uncertainty.mean_change_test(
        mean_now,
        float(now.std(ddof=1)) if len(now) >= 2 else None,
        len(now),
        mean_then,
        float(then.std(ddof=1)) if len(then) >= 2 else None,
        len(then),
    )
    change, panel = uncertainty.like_for_like_change(then, now)
    return mean_now, len(now), mean_then, len(then), test, change, panel


def global_mean_card(agg: Aggregates, sel: Selection, lang: str) -> IndicatorCard:
    """The card of the group mean of the global score over the selection (§5 *Group mean*),
    with its change, verdict and like-for-like change (§5b)."""
    past = previous_edition(agg.editions, sel.edition)
    mean_now, n_now, mean_then, n_then, test, lfl, panel = _group_mean_change(agg, sel, past)
    facts = CardFacts(
        name="global_mean_score",
        label=translate("ui.honest.card_global_mean", lang),
        value=mean_now,
        n=n_now,
        basis="structures",
        unit="score",
        higher_is_better=True,
        past_edition=past if mean_then is not None else None,
        past_value=mean_then,
        past_n=n_then,
        test=test,
        like_for_like=lfl,
        panel=panel,
    )
    return indicator_card(facts, lang)


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
    if len(state.categories) == 1:  # one category is named
        parts.append(
            translate(
                "ui.overview.scope_category", lang, name=category_label(state.categories[0], lang)
            )
        )
    elif state.categories:
        parts.append(count_text("ui.overview.scope_categories", len(state.categories), lang))
    if state.channels:
        names = ", ".join(channel_label(c, lang) for c in state.channels)
        parts.append(count_text("ui.overview.scope_channels", len(state.channels), lang,
                                names=names))  # fmt: skip
    if state.region:
        parts.append(
            translate("ui.overview.scope_region", lang, name=region_name(state.region) or "")
        )
    if not parts:
        return translate("ui.overview.scope_all", lang)
    separator = translate("ui.overview.scope_separator", lang)
    return translate("ui.overview.scope", lang, parts=separator.join(parts))


def overview_payload(dataset: Dataset, state: OverviewState) -> OverviewPayload:
    """Everything the overview shows for a state (see OverviewPayload)."""
    view = OverviewView(dataset, state)
    lang = state.lang
    changes = indicators_with_change(
        dataset, state.edition, state.categories, state.region, channels=state.channels
    )
    shown = shown_indicators(state.channels)
    tests = uncertainty.indicator_change_tests(view.agg, view.selection, changes)
    like_for_like: dict[str, tuple[float | None, int]] = {}
    past = changes["physical_mean_score"].past_edition
    if "physical_mean_score" in shown and past is not None:
        physical = Selection(state.edition, state.categories, (Channel.PHYSICAL,), state.region)
        like_for_like["physical_mean_score"] = uncertainty.like_for_like_change(
            _scores(view.agg.channel_scores(physical.at_edition(past))),
            _scores(view.agg.channel_scores(physical)),
        )
    cards = indicator_cards({k: changes[k] for k in shown}, lang, tests, like_for_like)
    # The group mean of G (what the trend draws) after the count of structures audited;
    # over the in-person channel alone it is the in-person card's figure.
    if state.channels != (Channel.PHYSICAL,):
        cards.insert(1, global_mean_card(view.agg, view.selection, lang))
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
        cards=cards,
        cards_note=count_text("ui.cards.hidden", hidden, lang, channels=view.channel_names)
        if hidden
        else "",
        charts={spec.name: chart_payload(spec, view) for spec in SECTIONS if spec.drawn},
        tables={spec.name: table_view(spec, view) for spec in SECTIONS if not spec.drawn},
    )
