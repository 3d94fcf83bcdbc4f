"""The territory blocks other pages append to their SECTIONS (issue 17):

- the overview's map: the mean global score of the structures audited in each department
  (or region, the address's `map`), with their number, grey where too few (§5, *Filters*);
- « Ma structure »'s "your territory on public indicators": the structure's department's
  (a regional council's region's) rank on each loaded indicator, its value, the median, and
  a link to « Territoires » for that indicator and territory (contract §7 with §5).

The specs live in their pages' modules; what they draw is computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from dashboard.figures.aggregates import Aggregates, Selection
from dashboard.figures.territory_frames import (
    MIN_STRUCTURES_SHOWN,
    STANDINGS_COLUMNS,
    TerritoryCol,
    mean_score_map,
    reference_names,
    structure_territory,
    territory_name,
    territory_standings,
)
from dashboard.i18n import count_text, format_number, translate
from dashboard.intake.public_indicators import IndicatorTable, Level
from dashboard.pages.territories import LOAD_COMMAND, territories_address
from dashboard.render.france_map import tile_map
from dashboard.render.territory_charts import make_territory_links
from dashboard.render.tile_view import tile_map_figure
from dashboard.urlstate import OverviewState, TerritoryState

# --- The overview's map -----------------------------------------------------------------------


def overview_map_frame(agg: Aggregates, selection: Selection, state: OverviewState) -> pd.DataFrame:
    """The overview map's frame: every territory of the address's level with the number of
    structures of the selection audited there, their tests and their mean global score."""
    return mean_score_map(agg, selection, Level(state.map_level))


def overview_map_figure(frame: pd.DataFrame, state: OverviewState) -> dict[str, Any]:
    """The overview's tile map: the mean global score on the sequential scale, grey where
    fewer than MIN_STRUCTURES_SHOWN structures were audited, the filtered region outlined
    (region level); each tile's name says its mean and its number of structures."""
    lang, level = state.lang, Level(state.map_level)
    means = dict(
        zip(frame[TerritoryCol.CODE], frame[TerritoryCol.MEAN_SCORE].astype("float64"), strict=True)
    )
    counts = dict(
        zip(frame[TerritoryCol.CODE], frame[TerritoryCol.N_STRUCTURES].astype(int), strict=True)
    )
    drawn = tile_map(
        level,
        means,
        counts=counts,
        selected=state.region if level == Level.REGION else None,
    )
    texts: dict[str, str] = {}
    for code, mean in means.items():
        structures = count_text("ui.count.structures_audited", counts[code], lang)
        texts[code] = (
            translate(
                "ui.overview_map.tile_value",
                lang,
                mean=format_number(mean, lang, 1),
                structures=structures,
            )
            if pd.notna(mean)
            else translate(
                "ui.overview_map.tile_few", lang, structures=structures, min=MIN_STRUCTURES_SHOWN
            )
        )
    return tile_map_figure(
        drawn,
        texts,
        label=translate(f"ui.overview_map.label_{level.value}", lang, edition=state.edition),
        legend_title=translate("ui.overview_map.legend_title", lang, edition=state.edition),
        lang=lang,
        interactive=False,
        no_value_text=translate("ui.overview_map.legend_few", lang, min=MIN_STRUCTURES_SHOWN),
    )


def overview_map_empty(frame: pd.DataFrame, reason: str, state: OverviewState) -> str | None:
    """Why the overview's map has nothing to draw (no structure of the selection audited
    anywhere): regional councils alone on the map of departments (they have none: the map
    of regions shows them), otherwise the overview's own reason."""
    if int(frame[TerritoryCol.N_STRUCTURES].sum()):
        return None
    if state.map_level == "department" and state.categories == ("region",):
        return translate("ui.overview_map.no_department", state.lang)
    return reason


# --- « Ma structure »: your territory on public indicators ------------------------------------


def structure_standings(
    agg: Aggregates, structure_id: str, tables: Sequence[IndicatorTable]
) -> pd.DataFrame:
    """The standing of the structure's territory on every loaded indicator where it has a
    value (dashboard.figures.territory_frames.territory_standings); empty when no table is
    loaded or the structure has no territory."""
    found = structure_territory(agg, structure_id) if tables else None
    if found is None:
        return pd.DataFrame(columns=list(STANDINGS_COLUMNS))
    level, code = found
    return territory_standings(tables, level, code)


def standings_links(frame: pd.DataFrame, lang: str) -> dict[str, Any]:
    """The block's list: each indicator with the territory's rank, value and median, and a
    link to « Territoires » showing that indicator, its period and that territory."""
    hrefs = []
    for key, period, code, level in zip(
        frame[TerritoryCol.INDICATOR_KEY], frame[TerritoryCol.PERIOD], frame[TerritoryCol.CODE],
        frame[TerritoryCol.LEVEL], strict=True,
    ):  # fmt: skip
        state = TerritoryState(
            indicator=str(key),
            period=int(period),
            level=None if level == Level.DEPARTMENT.value else str(level),
            entity=str(code),
            lang="en" if lang == "en" else "fr",
        )
        hrefs.append(territories_address(state))
    return make_territory_links(frame, hrefs, lang)


def standings_empty(
    agg: Aggregates, structure_id: str, tables: Sequence[IndicatorTable], frame: pd.DataFrame,
    lang: str,
) -> str | None:  # fmt: skip
    """One line when there is nothing to list: no table loaded (and how to load one), or no
    loaded indicator has a value for the structure's territory."""
    if not tables:
        return translate("ui.territories.bench_none_loaded", lang, command=LOAD_COMMAND)
    if frame.empty:
        found = structure_territory(agg, structure_id)
        if found is None:
            return translate("ui.territories.bench_no_territory", lang)
        level, code = found
        name = territory_name(reference_names(level).get(code, code), code)
        return translate("ui.territories.bench_no_value", lang, territory=name)
    return None
