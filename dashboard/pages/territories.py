"""« Territoires »: one department (or region) against the others on a public indicator
(contract §7 with the definitions of §5): the map of France coloured by the indicator, the
headline (value, rank r / N, percentile, quartile, median, best, gaps, change since the first
period), the trajectory against the peers' band, and the peer group by rank; the peers are
every territory of the level, or the department's region.

With no territory chosen, the page shows the group: the map, the band, the ranking, and the
group's N, median and best. With no indicator table loaded, it says how to load one
(`python -m dashboard indicators import FILE`) and nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Final

import pandas as pd

from dashboard.figures.territories import (
    EntityStanding,
    GroupStanding,
    IndicatorRef,
    PeerGroup,
    entities,
    entity_standing,
    group_standing,
    indicator_refs,
    peer_group_of,
    region_of,
    resolve_indicator,
)
from dashboard.figures.territory_frames import (
    TerritoryCol,
    distribution_frame,
    map_frame,
    territory_name,
    trajectory_frame,
)
from dashboard.i18n import count_text, format_number, translate
from dashboard.intake.geography import region_name, region_of_department
from dashboard.intake.public_indicators import IndicatorCol, IndicatorTable, Level
from dashboard.pages.sections import ChartPayload, ChartSpec, by_name, chart_payload, table_view
from dashboard.pages.summary import QUARTILE_KEYS, percentile_texts
from dashboard.render import territory_charts, territory_tables
from dashboard.render.block_kinds import KIND_KEY, TILES
from dashboard.render.france_map import MAPPED_LEVELS, tile_map
from dashboard.render.indicator_text import (
    indicator_number,
    signed_number,
    statistic_decimals,
    with_unit,
)
from dashboard.render.tables import TablePayload, round_as_shown, rounded_array
from dashboard.render.tile_view import tile_map_figure
from dashboard.urlstate import (
    IndicatorOffer,
    Route,
    TerritoryScope,
    TerritoryState,
    parse_territories,
    territories_query,
)

LOAD_COMMAND: Final = "python -m dashboard indicators import"


@lru_cache(maxsize=8)
def indicator_offers(tables: tuple[IndicatorTable, ...]) -> tuple[IndicatorOffer, ...]:
    """What the loaded tables offer an address (urlstate.IndicatorOffer), tables in import
    order, indicators in file order; computed once per set of tables (tables compare by
    identity, and the store keeps one object per table version)."""
    offers = []
    for ref in indicator_refs(tables):
        info = ref.indicator
        by_level = {
            level.value: frozenset(e.code for e in entities(ref.table, info.indicator_id, level))
            for level in info.levels
        }
        levels = tuple(level.value for level in info.levels)
        offers.append(IndicatorOffer(ref.key, info.periods, levels, by_level))
    return tuple(offers)


def state_from_address(
    tables: Sequence[IndicatorTable], search: str | None
) -> tuple[TerritoryState, list[tuple[str, str]]]:
    """The page's state from a query string, with the refused parameters."""
    parsed = parse_territories(search, indicator_offers(tuple(tables)))
    return parsed.state, list(parsed.rejected)


def territories_address(state: TerritoryState) -> str:
    """The page's address for a state (path and query)."""
    return Route.TERRITORIES + territories_query(state)


class TerritoriesView:
    """The page for loaded tables and a state (the address's choices), each frame computed
    when first asked for. Build it only for a state that names a loaded indicator
    (`TerritoriesView.exists`)."""

    def __init__(self, tables: Sequence[IndicatorTable], state: TerritoryState) -> None:
        self.tables = tuple(tables)
        self.state = state
        found = resolve_indicator(self.tables, state.indicator or "")
        if found is None:
            raise ValueError(f"no loaded indicator {state.indicator!r}")
        self.ref: IndicatorRef = found

    @staticmethod
    def exists(tables: Sequence[IndicatorTable], state: TerritoryState) -> bool:
        """Whether the state names a loaded indicator and a period."""
        return (
            state.indicator is not None
            and state.period is not None
            and resolve_indicator(tables, state.indicator) is not None
        )

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def edition(self) -> int:
        """The period shown (the sections' CSV files are named after it)."""
        return self.state.period or self.ref.indicator.last_period

    @property
    def period(self) -> int:
        return self.edition

    @property
    def table(self) -> IndicatorTable:
        return self.ref.table

    @property
    def indicator_id(self) -> str:
        return self.ref.indicator.indicator_id

    @property
    def unit(self) -> str:
        """The indicator's unit, as given."""
        return self.ref.indicator.unit

    @cached_property
    def level(self) -> Level:
        if self.state.level:
            return Level(self.state.level)
        return self.ref.indicator.levels[0]

    @cached_property
    def scope(self) -> TerritoryScope:
        """The peer group in force: the one asked for, or all of the level when "same
        region" cannot apply (no department chosen)."""
        if self.state.peers == "region" and self.state.entity and region_of(self.state.entity):
            return "region"
        return "all"

    @cached_property
    def group(self) -> PeerGroup:
        if self.scope == "region" and self.state.entity:
            return peer_group_of(self.state.entity, self.level, "region")
        return PeerGroup(self.level, "all")

    @cached_property
    def peers(self) -> GroupStanding:
        return group_standing(
            self.table, self.indicator_id, self.period, self.group, self.state.entity
        )

    @cached_property
    def standing(self) -> EntityStanding | None:
        """The chosen territory's standing; None when none is chosen or it has no value in
        the period."""
        if not self.state.entity:
            return None
        return entity_standing(
            self.table,
            self.indicator_id,
            self.period,
            self.state.entity,
            level=self.level,
            scope=self.scope,
        )

    @cached_property
    def entity_label(self) -> str | None:
        """The chosen territory as « Ain (01) », None when none is chosen."""
        code = self.state.entity
        if not code:
            return None
        found = next(
            (e for e in entities(self.table, self.indicator_id, self.level) if e.code == code),
            None,
        )
        return territory_name(found.label if found else code, code)

    def difference_text(self, value: float | None) -> str:
        """A gap or change with its sign; in points for an indicator in percent ("+7 pts":
        the difference of two shares is not a share)."""
        text = signed_number(value, self.lang)
        if text != "–" and self.unit.strip().startswith("%"):
            return translate("ui.unit.points", self.lang, value=text)
        return text

    def value_text(self, value: float | None) -> str:
        """A value as published with the unit as given ("45 % de réseaux")."""
        return with_unit(indicator_number(value, self.lang), self.unit)

    @cached_property
    def statistic_decimals(self) -> int:
        """Decimals of the peer group's median and quartiles: one more than the indicator's
        values are published with (render.indicator_text.statistic_decimals)."""
        rows = self.table.rows
        values = rows.loc[rows[IndicatorCol.INDICATOR_ID] == self.indicator_id, IndicatorCol.VALUE]
        return statistic_decimals(values.dropna())

    def statistic(self, value: float) -> float:
        """A median or quartile of the group rounded as it is shown (the figure itself is
        exact, contract §5; the page, its table and its CSV show the same rounded number)."""
        return round_as_shown(value, self.statistic_decimals)

    # --- Frames ---------------------------------------------------------------------------

    @cached_property
    def map(self) -> pd.DataFrame:
        return map_frame(self.table, self.indicator_id, self.period, self.level)

    @cached_property
    def trajectory(self) -> pd.DataFrame:
        frame = trajectory_frame(self.peers)
        band = (TerritoryCol.Q1, TerritoryCol.MEDIAN, TerritoryCol.Q3)
        decimals = self.statistic_decimals
        return frame.assign(
            **{c: rounded_array(frame[c].to_numpy("float64"), decimals) for c in band}
        )

    @cached_property
    def distribution(self) -> pd.DataFrame:
        return distribution_frame(self.peers)

    # --- Drawings -------------------------------------------------------------------------

    def map_figure(self, frame: pd.DataFrame) -> dict[str, object]:
        """The tile map of the level (none for territories of another level)."""
        if self.level not in MAPPED_LEVELS:
            return {KIND_KEY: TILES, "tiles": []}
        values = dict(
            zip(frame[TerritoryCol.CODE], frame[TerritoryCol.VALUE].astype("float64"), strict=True)
        )
        # Peers of the same region: the map picks them out (the others drawn white).
        compared = (
            [c for c in region_of_department() if self.group.holds(c)]
            if self.group.scope == "region"
            else None
        )
        drawn = tile_map(
            self.level, values, unit=self.unit, selected=self.state.entity, compared=compared
        )
        texts = {
            code: self.value_text(value) for code, value in values.items() if not math.isnan(value)
        }
        info = self.ref.indicator
        return tile_map_figure(
            drawn,
            texts,
            label=translate(
                f"ui.territories.map_label_{self.level.value}",
                self.lang,
                indicator=info.label,
                period=self.period,
            ),
            legend_title=translate(
                "ui.territories.legend_title", self.lang, indicator=info.label, period=self.period
            ),
            lang=self.lang,
            interactive=True,
        )

    def map_empty(self, frame: pd.DataFrame) -> str | None:
        if self.level not in MAPPED_LEVELS:
            return translate("ui.territories.no_map", self.lang)
        return None

    def trajectory_empty(self, frame: pd.DataFrame) -> str | None:
        if len(frame) < 2:
            return translate("ui.territories.single_period", self.lang, period=self.period)
        return None


MAP_BLOCK: Final = ChartSpec[TerritoriesView](
    name="territory-map",
    frame=lambda view: view.map,
    figure=lambda view, frame: view.map_figure(frame),
    table=territory_tables.TERRITORY_MAP_TABLE,
    title_key="ui.territories.map_title",
    caption_key="ui.territories.map_description",
    empty=lambda view, frame: view.map_empty(frame),
    kind=TILES,
)
TRAJECTORY_BLOCK: Final = ChartSpec[TerritoriesView](
    name="territory-trajectory",
    frame=lambda view: view.trajectory,
    figure=lambda view, frame: territory_charts.make_territory_trajectory(
        frame, view.entity_label, view.period, view.unit, view.lang
    ),
    table=territory_tables.TERRITORY_TRAJECTORY_TABLE,
    title_key="ui.territories.trajectory_title",
    caption_key="ui.territories.trajectory_description",
    empty=lambda view, frame: view.trajectory_empty(frame),
)
DISTRIBUTION_BLOCK: Final = ChartSpec[TerritoriesView](
    name="territory-distribution",
    frame=lambda view: view.distribution,
    figure=lambda view, frame: territory_charts.make_territory_ranking(
        frame, view.peers.median, view.unit, view.lang
    ),
    table=territory_tables.TERRITORY_DISTRIBUTION_TABLE,
    title_key="ui.territories.distribution_title",
    caption_key="ui.territories.distribution_description",
    empty=lambda view, frame: (
        None if len(frame) else translate("ui.territories.no_value", view.lang, period=view.period)
    ),
)
SECTIONS: Final = (MAP_BLOCK, TRAJECTORY_BLOCK, DISTRIBUTION_BLOCK)
SECTION_BY_NAME: Final = by_name(SECTIONS)


# --- Headline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TerritoryCard:
    """A headline figure's display text: what it is, its value, a line of detail."""

    name: str
    label: str
    value: str
    detail: str


def _best_names(group: GroupStanding) -> str:
    names = [territory_name(e.label, e.code) for e in group.best_entities]
    return ", ".join(names[:3]) + (" …" if len(names) > 3 else "")


def headline_cards(view: TerritoriesView) -> list[TerritoryCard]:
    """The headline figures (§5 on the indicator's direction): with a territory chosen that
    has a value, its value, rank, percentile and quartile (not for a fragile group), the
    median and the best with the gaps to them, and the change since its first period; else
    the group's N, median and best."""
    lang, group, standing = view.lang, view.peers, view.standing
    direction = translate(f"indicators.direction.{view.ref.indicator.direction.value}", lang)
    best_card = TerritoryCard(
        "best",
        translate("ui.territories.card_best", lang),
        view.value_text(group.best),
        _best_names(group),
    )
    median_card = TerritoryCard(
        "median",
        translate("ui.territories.card_median", lang),
        view.value_text(view.statistic(group.median)),
        translate(
            "ui.territories.detail_quartiles",
            lang,
            q1=indicator_number(view.statistic(group.q1), lang),
            q3=indicator_number(view.statistic(group.q3), lang),
        ),
    )
    if standing is None:
        return [
            TerritoryCard(
                "n",
                translate("ui.territories.card_n", lang),
                format_number(group.n, lang, 0),
                direction,
            ),
            median_card,
            best_card,
        ]
    cards = [
        TerritoryCard(
            "value",
            translate("ui.territories.card_value", lang, period=standing.period),
            view.value_text(standing.value),
            direction,
        ),
        TerritoryCard(
            "rank",
            translate("ui.territories.card_rank", lang),
            f"{standing.rank} / {standing.n}",
            translate("ui.territories.detail_rank", lang),
        ),
    ]
    if not standing.fragile:
        cards += [
            TerritoryCard(
                "percentile",
                translate("ui.territories.card_percentile", lang),
                *percentile_texts(standing.percentile, "ui.territories.detail_percentile", lang),
            ),
            TerritoryCard(
                "quartile",
                translate("ui.territories.card_quartile", lang),
                translate(QUARTILE_KEYS[standing.quartile], lang),
                translate(
                    "ui.territories.detail_quartiles",
                    lang,
                    q1=indicator_number(view.statistic(standing.q1), lang),
                    q3=indicator_number(view.statistic(standing.q3), lang),
                ),
            ),
        ]
    cards += [
        TerritoryCard(
            "median",
            translate("ui.territories.card_median", lang),
            view.value_text(view.statistic(standing.median)),
            translate(
                "ui.territories.detail_gap", lang, gap=view.difference_text(standing.gap_to_median)
            ),
        ),
        TerritoryCard(
            "best",
            translate("ui.territories.card_best", lang),
            view.value_text(standing.best),
            translate(
                "ui.territories.detail_best",
                lang,
                names=_best_names(group),
                gap=view.difference_text(standing.gap_to_best),
            ),
        ),
    ]
    change = standing.change
    cards.append(
        TerritoryCard(
            "change",
            translate("ui.territories.card_change", lang),
            view.difference_text(change.change) if change else "–",
            translate(
                "ui.territories.detail_change",
                lang,
                period=change.since,
                value=view.value_text(change.past_value),
            )
            if change
            else translate("ui.territories.detail_first", lang),
        )
    )
    return cards


def definition_text(view: TerritoriesView) -> str:
    """The peer group in force in words: its N, its level (and region), the period, the
    indicator and which way is better."""
    lang, group = view.lang, view.peers
    info = view.ref.indicator
    if group.peer_group.scope == "region" and group.peer_group.region_code:
        who = count_text(
            "ui.territories.peers_region",
            group.n,
            lang,
            region=region_name(group.peer_group.region_code) or group.peer_group.region_code,
        )
    else:
        who = count_text(f"ui.territories.peers_all_{view.level.value}", group.n, lang)
    return translate(
        "ui.territories.definition",
        lang,
        peers=who,
        period=view.period,
        indicator=info.label,
        unit=info.unit or translate("indicators.unit_none", lang),
        direction=translate(f"indicators.direction.{info.direction.value}", lang),
        source=view.table.source,
    )


def note_text(view: TerritoriesView) -> str:
    """What the headline lacks and why: no territory chosen, the chosen one has no value in
    the period, or "same region" asked without a department."""
    lang = view.lang
    notes = []
    if view.state.peers == "region" and view.scope != "region":
        notes.append(translate("ui.territories.region_needs_entity", lang))
    if not view.state.entity:
        notes.append(translate("ui.territories.choose", lang))
    elif view.standing is None:
        notes.append(
            translate(
                "ui.territories.entity_no_value",
                lang,
                name=view.entity_label or view.state.entity,
                period=view.period,
            )
        )
    return " ".join(notes)


# --- Controls ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """An option of a control: its label, value and whether it is offered."""

    label: str
    value: str | int
    disabled: bool = False


@dataclass(frozen=True)
class TerritoryControls:
    """The controls' options and values for a state: indicators (label and table), periods
    (latest first), levels, territories of the level, peer groups."""

    indicators: list[Choice]
    periods: list[Choice]
    levels: list[Choice]
    entities: list[Choice]
    peers: list[Choice]
    state: TerritoryState

    @property
    def level(self) -> str:
        """The level in force (the state's, or the indicator's first)."""
        if self.state.level:
            return self.state.level
        return str(self.levels[0].value) if self.levels else ""


def territory_controls(
    tables: Sequence[IndicatorTable], state: TerritoryState
) -> TerritoryControls:
    """The options of the page's controls for `state` (a state that names a loaded indicator;
    empty options otherwise)."""
    lang = state.lang
    refs = indicator_refs(tables)
    several_tables = len({ref.table.table_id for ref in refs}) > 1
    indicators = [
        Choice(
            translate(
                "ui.territories.indicator_option",
                lang,
                label=ref.indicator.label,
                table=ref.table.source,
            )
            if several_tables
            else ref.indicator.label,
            ref.key,
        )
        for ref in refs
    ]
    ref = resolve_indicator(tables, state.indicator or "")
    if ref is None:
        return TerritoryControls(indicators, [], [], [], [], state)
    info = ref.indicator
    level = Level(state.level) if state.level else info.levels[0]
    department = level == Level.DEPARTMENT
    return TerritoryControls(
        indicators=indicators,
        periods=[Choice(str(p), p) for p in sorted(info.periods, reverse=True)],
        levels=[
            Choice(translate(f"ui.territories.level_{lv.value}", lang), lv.value)
            for lv in info.levels
        ],
        entities=[
            Choice(territory_name(e.label, e.code), e.code)
            for e in entities(ref.table, info.indicator_id, level)
        ],
        peers=[
            Choice(translate(f"ui.territories.scope_all_{level.value}", lang), "all"),
            Choice(
                translate("ui.territories.scope_region", lang)
                if department
                else translate(
                    "ui.territories.scope_disabled",
                    lang,
                    label=translate("ui.territories.scope_region", lang),
                    reason=translate("ui.territories.scope_departments_only", lang),
                ),
                "region",
                not department,
            ),
        ],
        state=state,
    )


# --- The page's payload -----------------------------------------------------------------------


@dataclass(frozen=True)
class TerritoriesPayload:
    """Everything « Territoires » shows for a state: the peer group in words, the fragile-
    group warning, what the headline lacks and why, the headline cards, and each block's
    drawing or why it has none."""

    period: int
    definition: str
    fragile: str
    note: str
    cards: list[TerritoryCard]
    charts: dict[str, ChartPayload]
    tables: dict[str, TablePayload]


def territories_payload(
    tables: Sequence[IndicatorTable], state: TerritoryState
) -> TerritoriesPayload | None:
    """Everything the page shows (see TerritoriesPayload); None when no loaded indicator is
    named (no table loaded)."""
    if not TerritoriesView.exists(tables, state):
        return None
    view = TerritoriesView(tables, state)
    lang = view.lang
    n = view.peers.n
    fragile = 0 < n < 5
    return TerritoriesPayload(
        period=view.period,
        definition=definition_text(view),
        fragile=count_text("ui.territories.fragile", n, lang) if fragile else "",
        note=note_text(view),
        cards=headline_cards(view),
        charts={spec.name: chart_payload(spec, view) for spec in SECTIONS if spec.drawn},
        tables={spec.name: table_view(spec, view) for spec in SECTIONS if not spec.drawn},
    )


def empty_page_text(lang: str) -> tuple[str, str, str]:
    """What the page says when no indicator table is loaded: why, the command, and where
    the format is described."""
    return (
        translate("ui.territories.none_loaded", lang),
        f"{LOAD_COMMAND} {translate('ui.territories.file_placeholder', lang)}",
        translate("ui.territories.none_loaded_hint", lang),
    )
