"""A map of France as a grid of tiles, one per department or per region, coloured by a value.

The grid is authored data (data/france_tiles.csv, see data/README.md): a (column, row) per
department (101: the mainland, 2A and 2B for Corsica, the five overseas departments as tiles
beside the mainland) and per region (18, a separate grid); column 0 is the west, row 0 the
north. No geometry is fetched: the map works offline and every territory, Paris as Mayotte,
gets a tile of the same size.

`tile_map` gives, for values per entity, each tile's place, label, value and colour on a
sequential colour-blind-safe scale (cividis, as dashboard.render.palette.SEQUENTIAL_SCALE), classed
by "nice" breaks, and the legend (the breaks with the unit); a tile with no value (or a
count of 0) is grey. Drawing it (plotly shapes or SVG) is the page's business.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import pandas as pd
import plotly.colors

from dashboard.i18n import format_number, translate
from dashboard.intake.geography import DATA_DIR, department_name, region_name
from dashboard.intake.public_indicators import Level
from dashboard.render.palette import SEQUENTIAL_SCALE

TILES_CSV: Final[Path] = DATA_DIR / "france_tiles.csv"
TILE_COLUMNS: Final[tuple[str, ...]] = ("level", "code", "label", "column", "row")
MAPPED_LEVELS: Final[tuple[Level, ...]] = (Level.DEPARTMENT, Level.REGION)
# Grey of a tile with no value: lighter than every class colour but the last, and without
# hue, so that it reads as "nothing" beside cividis's blues and yellows; the tile's text and
# accessible name say "no value" too (colour is never the only cue, WCAG 1.4.1).
NO_VALUE_COLOUR: Final = "#D9D9D9"
# A territory outside the compared group (« Territoires », peers of the same region): white,
# with a dashed border (assets/tile_map.css); its name says so too.
OUTSIDE_COLOUR: Final = "#FFFFFF"
DEFAULT_CLASSES: Final = 5
DARK_TEXT: Final = "#000000"
LIGHT_TEXT: Final = "#FFFFFF"
# "Nice" class widths: 1, 2, 2.5 or 5 times a power of ten.
_NICE_STEPS: Final[tuple[float, ...]] = (1.0, 2.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class TilePosition:
    """Where a territory sits on its grid: code, short label ("75", "IDF"), French name."""

    level: Level
    code: str
    label: str
    name: str
    column: int
    row: int


@dataclass(frozen=True)
class MapTile:
    """One tile as drawn: its position, value (None: no value), count (None when not
    given), class in the legend (None: no value), fill colour, a text colour of at least
    4.5:1 contrast on it, whether it is the selected territory, and whether it is one of the
    territories compared (False: drawn white, out of the scale)."""

    position: TilePosition
    value: float | None
    count: int | None
    step: int | None
    colour: str
    text_colour: str
    selected: bool
    compared: bool = True

    @property
    def code(self) -> str:
        """The territory's code."""
        return self.position.code

    @property
    def column(self) -> int:
        """Grid column, 0 at the west."""
        return self.position.column

    @property
    def row(self) -> int:
        """Grid row, 0 at the north."""
        return self.position.row


@dataclass(frozen=True)
class LegendStep:
    """One class of the scale: values from `low` to below `high` (to `high` included for the
    last class), drawn in `colour`."""

    low: float
    high: float
    colour: str
    text_colour: str
    last: bool


@dataclass(frozen=True)
class MapLegend:
    """The classes of the scale, the unit as given, the grey of "no value" and the decimals
    the breaks need (0 for whole breaks)."""

    steps: tuple[LegendStep, ...]
    unit: str
    no_value_colour: str
    decimals: int

    def labels(self, lang: str) -> tuple[str, ...]:
        """Each class in words with the unit ("de 20 à moins de 40 % de réseaux")."""
        texts: list[str] = []
        for step in self.steps:
            if step.low == step.high:
                texts.append(f"{format_number(step.low, lang, self.decimals)} {self.unit}".rstrip())
                continue
            key = "indicators.map.legend_last" if step.last else "indicators.map.legend_step"
            text = translate(
                key,
                lang,
                low=format_number(step.low, lang, self.decimals),
                high=format_number(step.high, lang, self.decimals),
            )
            texts.append(f"{text} {self.unit}".rstrip())
        return tuple(texts)

    def no_value_label(self, lang: str) -> str:
        """The legend text of grey tiles."""
        return translate("indicators.map.no_value", lang)


@dataclass(frozen=True)
class TileMap:
    """A map ready to draw: the tiles (every territory of the level, in code order), the
    legend, and the grid's size in columns and rows."""

    level: Level
    tiles: tuple[MapTile, ...]
    legend: MapLegend
    columns: int
    rows: int

    def tile(self, code: str) -> MapTile | None:
        """The tile of `code`, None when the grid has none."""
        return next((t for t in self.tiles if t.code == code), None)


@cache
def _tiles() -> pd.DataFrame:
    frame = pd.read_csv(TILES_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    if tuple(frame.columns) != TILE_COLUMNS:
        raise ValueError(f"{TILES_CSV}: columns {list(frame.columns)}, expected {TILE_COLUMNS}")
    return frame


def tile_positions(level: Level) -> tuple[TilePosition, ...]:
    """Every tile of the grid of `level` (departments or regions), in the file's order (by
    code); raises ValueError for a level that has no grid ("other")."""
    if level not in MAPPED_LEVELS:
        raise ValueError(f"no tile grid for level {level.value!r}")
    frame = _tiles()
    frame = frame[frame["level"] == level.value]
    name = department_name if level == Level.DEPARTMENT else region_name
    return tuple(
        TilePosition(level, code, label, name(code) or code, int(column), int(row))
        for code, label, column, row in zip(
            frame["code"], frame["label"], frame["column"], frame["row"], strict=True
        )
    )


def nice_breaks(low: float, high: float, classes: int = DEFAULT_CLASSES) -> tuple[float, ...]:
    """Class bounds covering [low, high] with a "nice" width (1, 2, 2.5 or 5 × 10^k) and
    about `classes` classes: (0, 20, 40, 60, 80, 100) for 6-98. When every value is the
    same, one class of that value alone: (v, v)."""
    if not (math.isfinite(low) and math.isfinite(high)) or classes < 1:
        raise ValueError("breaks need finite bounds and at least one class")
    if high < low:
        low, high = high, low
    if high == low:
        return (_clean(low), _clean(low))
    width = _nice((high - low) / classes)
    start = math.floor(low / width) * width
    stop = math.ceil(high / width) * width
    count = max(1, round((stop - start) / width))
    return tuple(_clean(start + i * width) for i in range(count + 1))


def _nice(raw: float) -> float:
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in _NICE_STEPS:
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10.0 * power


def _clean(value: float) -> float:
    """A break without float noise (0.30000000000000004 -> 0.3)."""
    return float(f"{value:.10g}")


def _decimals(breaks: tuple[float, ...]) -> int:
    for decimals in range(0, 7):
        if all(abs(b - round(b, decimals)) < 1e-9 for b in breaks):
            return decimals
    return 6


def class_colours(count: int) -> tuple[str, ...]:
    """`count` colours of the sequential scale (cividis), dark to light, as "#rrggbb": the
    scale sampled at evenly spaced points from one end to the other."""
    scale = plotly.colors.get_colorscale(SEQUENTIAL_SCALE)
    points = [0.5] if count == 1 else [i / (count - 1) for i in range(count)]
    sampled = plotly.colors.sample_colorscale(scale, points, colortype="rgb")
    return tuple(_hex(colour) for colour in sampled)


def _hex(colour: str) -> str:
    parts = colour.removeprefix("rgb(").removesuffix(")").split(",")
    red, green, blue = (round(float(p)) for p in parts)
    return f"#{red:02X}{green:02X}{blue:02X}"


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a "#rrggbb" colour (0 black, 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two "#rrggbb" colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever contrasts more with `fill` (at least 4.5:1 on any fill)."""
    if contrast_ratio(DARK_TEXT, fill) >= contrast_ratio(LIGHT_TEXT, fill):
        return DARK_TEXT
    return LIGHT_TEXT


def tile_map(
    level: Level,
    values: Mapping[str, float],
    *,
    unit: str = "",
    counts: Mapping[str, int] | None = None,
    selected: str | None = None,
    classes: int = DEFAULT_CLASSES,
    compared: Collection[str] | None = None,
) -> TileMap:
    """The tiles of `level` coloured by `values` (by code; codes without a tile are left
    out, NaN is no value), the legend with `unit` (as given, never rescaled), `selected`
    marked. With `counts` (the overview's n per territory), a territory whose count is 0 or
    missing has no value. With `compared` (the codes of a peer group), the other
    territories are drawn white and the scale spans the group's values only. Raises
    ValueError for a level without a grid."""
    positions = tile_positions(level)
    group = frozenset(compared or ())
    if compared is not None:
        values = {code: value for code, value in values.items() if code in group}

    def known(code: str) -> float | None:
        value = values.get(code)
        if value is None or not math.isfinite(value):
            return None
        if counts is not None and counts.get(code, 0) <= 0:
            return None
        return float(value)

    shown = {p.code: known(p.code) for p in positions}
    present = [v for v in shown.values() if v is not None]
    breaks = nice_breaks(min(present), max(present), classes) if present else ()
    colours = class_colours(len(breaks) - 1) if len(breaks) > 1 else ()
    steps = tuple(
        LegendStep(
            low=breaks[i],
            high=breaks[i + 1],
            colour=colours[i],
            text_colour=text_colour_on(colours[i]),
            last=i == len(colours) - 1,
        )
        for i in range(len(colours))
    )
    tiles: list[MapTile] = []
    for position in positions:
        value = shown[position.code]
        inside = compared is None or position.code in group
        step = None if value is None else _step_of(value, breaks)
        colour = (
            OUTSIDE_COLOUR if not inside else NO_VALUE_COLOUR if step is None else colours[step]
        )
        tiles.append(
            MapTile(
                position=position,
                value=value,
                count=None if counts is None else int(counts.get(position.code, 0)),
                step=step,
                colour=colour,
                text_colour=text_colour_on(colour),
                selected=position.code == selected,
                compared=inside,
            )
        )
    legend = MapLegend(steps, unit, NO_VALUE_COLOUR, _decimals(breaks) if breaks else 0)
    return TileMap(
        level=level,
        tiles=tuple(tiles),
        legend=legend,
        columns=1 + max(p.column for p in positions),
        rows=1 + max(p.row for p in positions),
    )


def _step_of(value: float, breaks: tuple[float, ...]) -> int:
    """The class of `value`: breaks[i] <= value < breaks[i + 1], the last class closed."""
    last = len(breaks) - 2
    for i in range(last):
        if value < breaks[i + 1]:
            return i
    return last
