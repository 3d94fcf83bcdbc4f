"""A tile map of France as a page draws it: each tile's place, colours, short label and
accessible name, and the legend, in the page's language (dashboard.render.france_map gives
the tiles and the scale; layouts/drawings.py turns this into components).

The map is HTML, not a plotly figure: a grid of buttons (a territory is chosen by a click,
Enter or Space; the arrow keys move between tiles) or, when nothing is chosen on it, a list.
Every tile has a name a screen reader reads (« Ain (01) : 45 % de réseaux »), colour is
never the only cue (the value is in the name and in the table), and the selected territory
is outlined and marked `aria-current`. See docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from dashboard.figures.territory_frames import territory_name
from dashboard.i18n import translate
from dashboard.render.block_kinds import KIND_KEY, TILES
from dashboard.render.france_map import TileMap

Figure = dict[str, Any]
REM_PER_COLUMN: Final = 3.0  # the widest a tile gets (on a wide screen): 3 rem


def tile_map_figure(
    tiles: TileMap,
    value_texts: Mapping[str, str],
    *,
    label: str,
    legend_title: str,
    lang: str,
    interactive: bool,
    names: Mapping[str, str] | None = None,
    no_value_text: str | None = None,
) -> Figure:
    """The drawing of `tiles`: `value_texts` says each territory's value in words (by code;
        a tile without one says "no value"); `names` overrides the reference names (a table's
        own labels); `label` names the map for assistive technology, `legend_title` heads the
        legend; `interactive`: tiles are buttons that choose a territory. Legend items carry
        their bounds (`low`, `high`) as numbers too, so that a test can check a tile's colour
        against the scale it shows. Tiles outside the compared group (TileMap's `compared`) say
    so in their name and in the legend."""
    missing = no_value_text or tiles.legend.no_value_label(lang)
    out_tiles = []
    first_focus = next((t.code for t in tiles.tiles if t.selected), None)
    if first_focus is None and tiles.tiles:
        first_focus = tiles.tiles[0].code
    for tile in tiles.tiles:
        position = tile.position
        name = (names or {}).get(tile.code) or position.name
        text = translate(
            "ui.map.tile_name" if tile.compared else "ui.map.tile_name_outside",
            lang,
            name=territory_name(name, position.label),
            value=value_texts.get(tile.code) or missing,
        )
        out_tiles.append(
            {
                "code": tile.code,
                "text": position.label,
                "name": text,
                "column": tile.column,
                "row": tile.row,
                "colour": tile.colour,
                "text_colour": tile.text_colour,
                "selected": tile.selected,
                "compared": tile.compared,
                "focusable": tile.code == first_focus,
            }
        )
    legend = tiles.legend
    items = [
        {"colour": step.colour, "text": text, "low": step.low, "high": step.high}
        for step, text in zip(legend.steps, legend.labels(lang), strict=True)
    ]
    items.append({"colour": legend.no_value_colour, "text": missing, "low": None, "high": None})
    outside = not all(t.compared for t in tiles.tiles)
    return {
        KIND_KEY: TILES,
        "level": tiles.level.value,
        "columns": tiles.columns,
        "rows": tiles.rows,
        "max_width_rem": tiles.columns * REM_PER_COLUMN,
        "interactive": interactive,
        "label": label,
        "hint": translate("ui.map.keyboard_hint", lang) if interactive else "",
        "tiles": out_tiles,
        "legend": {
            "title": legend_title,
            "items": items,
            "selected": translate("ui.map.selected_legend", lang)
            if any(t.selected for t in tiles.tiles)
            else "",
            "outside": translate("ui.map.outside_legend", lang) if outside else "",
        },
    }
