"""The tile map of France (issue 17): the authored grid of data/france_tiles.csv, and the
colours, classes and legend of `tile_map`."""

from __future__ import annotations

import math
from collections import deque

import plotly.colors
import pytest

from dashboard.intake.geography import departments, region_of_department, regions
from dashboard.intake.public_indicators import Level
from dashboard.render.france_map import (
    NO_VALUE_COLOUR,
    OUTSIDE_COLOUR,
    class_colours,
    contrast_ratio,
    nice_breaks,
    relative_luminance,
    tile_map,
    tile_positions,
)

OVERSEAS_DEPARTMENTS = ("971", "972", "973", "974", "976")
OVERSEAS_REGIONS = ("01", "02", "03", "04", "06")


def places(level: Level) -> dict[str, tuple[int, int]]:
    return {t.code: (t.column, t.row) for t in tile_positions(level)}


@pytest.mark.parametrize(
    ("level", "codes"),
    [
        (Level.DEPARTMENT, lambda: departments()["department_code"]),
        (Level.REGION, lambda: regions()["region_code"]),
    ],
)
def test_every_territory_exactly_once_at_its_own_place(level: Level, codes: object) -> None:
    tiles = tile_positions(level)
    expected = list(codes())  # type: ignore[operator]
    assert sorted(t.code for t in tiles) == sorted(expected)
    assert len({t.code for t in tiles}) == len(tiles) == len(expected)
    assert len({(t.column, t.row) for t in tiles}) == len(tiles)
    assert all(t.column >= 0 and t.row >= 0 for t in tiles)
    assert all(t.label and t.name for t in tiles)


def test_tile_labels_and_names() -> None:
    by_code = {t.code: t for t in tile_positions(Level.DEPARTMENT)}
    assert (by_code["2A"].label, by_code["2A"].name) == ("2A", "Corse-du-Sud")
    assert (by_code["976"].label, by_code["976"].name) == ("976", "Mayotte")
    by_region = {t.code: t for t in tile_positions(Level.REGION)}
    assert (by_region["11"].label, by_region["11"].name) == ("IDF", "Île-de-France")
    assert by_region["84"].label == "ARA"


# (a, relation, b): a is north/south/west/east of b on the grid.
DEPARTMENT_RELATIONS = [
    ("2A", "south", "2B"),
    ("59", "north", "75"),
    ("62", "north", "80"),
    ("80", "north", "60"),
    ("95", "north", "75"),
    ("91", "south", "75"),
    ("92", "west", "75"),
    ("94", "east", "75"),
    ("77", "east", "94"),
    ("14", "north", "61"),
    ("50", "west", "14"),
    ("29", "west", "22"),
    ("29", "west", "67"),
    ("56", "south", "22"),
    ("44", "south", "35"),
    ("33", "west", "69"),
    ("33", "north", "40"),
    ("64", "south", "33"),
    ("13", "south", "69"),
    ("06", "east", "13"),
    ("83", "east", "13"),
    ("67", "north", "68"),
    ("57", "north", "67"),
    ("74", "north", "73"),
    ("66", "south", "11"),
    ("31", "south", "82"),
    ("21", "north", "71"),
    ("63", "south", "03"),
]
REGION_RELATIONS = [
    ("32", "north", "11"),
    ("28", "west", "11"),
    ("44", "east", "11"),
    ("53", "west", "52"),
    ("24", "south", "11"),
    ("75", "south", "24"),
    ("84", "south", "27"),
    ("76", "south", "75"),
    ("93", "east", "76"),
    ("94", "south", "93"),
    ("94", "east", "93"),
]


def _holds(place: dict[str, tuple[int, int]], a: str, relation: str, b: str) -> bool:
    (ac, ar), (bc, br) = place[a], place[b]
    return {
        "north": ar < br,
        "south": ar > br,
        "west": ac < bc,
        "east": ac > bc,
    }[relation]


@pytest.mark.parametrize(
    ("level", "relations"),
    [(Level.DEPARTMENT, DEPARTMENT_RELATIONS), (Level.REGION, REGION_RELATIONS)],
)
def test_neighbours_roughly_where_they_are(
    level: Level, relations: list[tuple[str, str, str]]
) -> None:
    place = places(level)
    wrong = [(a, r, b) for a, r, b in relations if not _holds(place, a, r, b)]
    assert wrong == []


def _touching(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1])) <= 1


def test_each_mainland_region_is_one_block_of_departments() -> None:
    """The departments of each mainland region touch each other (sides or corners), so the
    department grid keeps every region together."""
    place = places(Level.DEPARTMENT)
    by_region: dict[str, list[str]] = {}
    for code, region in region_of_department().items():
        if code not in OVERSEAS_DEPARTMENTS:
            by_region.setdefault(region, []).append(code)
    for region, codes in by_region.items():
        seen = {codes[0]}
        queue = deque([codes[0]])
        while queue:
            current = queue.popleft()
            for other in codes:
                if other not in seen and _touching(place[current], place[other]):
                    seen.add(other)
                    queue.append(other)
        assert seen == set(codes), f"region {region}: {sorted(set(codes) - seen)} apart"


@pytest.mark.parametrize(
    ("level", "overseas"),
    [(Level.DEPARTMENT, OVERSEAS_DEPARTMENTS), (Level.REGION, OVERSEAS_REGIONS)],
)
def test_overseas_tiles_beside_the_mainland(level: Level, overseas: tuple[str, ...]) -> None:
    place = places(level)
    mainland = [p for code, p in place.items() if code not in overseas]
    for code in overseas:
        assert not any(_touching(place[code], p) for p in mainland), code
    # South-west: left of the mainland's middle, below its middle.
    middle_column = sum(c for c, _ in mainland) / len(mainland)
    middle_row = sum(r for _, r in mainland) / len(mainland)
    assert all(place[c][0] < middle_column and place[c][1] > middle_row for c in overseas)


def test_no_grid_for_other_territories() -> None:
    with pytest.raises(ValueError):
        tile_positions(Level.OTHER)


# --- Colours and legend ---------------------------------------------------------------------


def test_class_colours_are_cividis_dark_to_light() -> None:
    scale = plotly.colors.get_colorscale("Cividis")
    colours = class_colours(5)
    assert colours[0].lower() == scale[0][1].lower()
    assert colours[-1].lower() == scale[-1][1].lower()
    luminances = [relative_luminance(c) for c in colours]
    assert luminances == sorted(luminances)
    assert len(set(colours)) == 5


@pytest.mark.parametrize(
    ("low", "high", "breaks"),
    [
        (6, 98, (0, 20, 40, 60, 80, 100)),
        (69, 98, (60, 70, 80, 90, 100)),
        (0.12, 0.87, (0, 0.2, 0.4, 0.6, 0.8, 1)),
        (1234, 98765, (0, 20000, 40000, 60000, 80000, 100000)),
        (-3, 4, (-4, -2, 0, 2, 4)),
        (5, 5, (5, 5)),
    ],
)
def test_nice_breaks(low: float, high: float, breaks: tuple[float, ...]) -> None:
    assert nice_breaks(low, high) == tuple(float(b) for b in breaks)


def test_tile_map_colours_each_tile_by_its_class() -> None:
    values = {"01": 6.0, "2A": 92.0, "2B": 82.0, "971": 40.0, "75": 98.0, "59": math.nan}
    drawn = tile_map(Level.DEPARTMENT, values, unit="% de réseaux", selected="2A")
    assert len(drawn.tiles) == 101
    assert (drawn.columns, drawn.rows) == (
        1 + max(t.column for t in drawn.tiles),
        1 + max(t.row for t in drawn.tiles),
    )
    steps = drawn.legend.steps
    assert [(s.low, s.high) for s in steps] == [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100)]
    assert [s.colour for s in steps] == list(class_colours(5))
    expected_step = {"01": 0, "971": 2, "2B": 4, "2A": 4, "75": 4}
    for tile in drawn.tiles:
        if tile.code in expected_step:
            assert tile.step == expected_step[tile.code]
            assert tile.colour == steps[expected_step[tile.code]].colour
            assert tile.value == values[tile.code]
        else:
            # No value (absent, or NaN for 59): grey, no class.
            assert (tile.value, tile.step, tile.colour) == (None, None, NO_VALUE_COLOUR)
        assert tile.selected == (tile.code == "2A")
        assert contrast_ratio(tile.text_colour, tile.colour) >= 4.5


def test_counts_of_zero_are_grey_and_codes_without_a_tile_are_left_out() -> None:
    drawn = tile_map(
        Level.REGION,
        {"84": 70.0, "11": 60.0, "53": 65.0, "zz": 1.0},
        counts={"84": 12, "11": 0},
        unit="/ 100",
    )
    by_code = {t.code: t for t in drawn.tiles}
    assert "zz" not in by_code
    assert (by_code["84"].value, by_code["84"].count) == (70.0, 12)
    assert (by_code["11"].value, by_code["11"].count, by_code["11"].colour) == (
        None,
        0,
        NO_VALUE_COLOUR,
    )
    # No count given for 53: n = 0, so no value.
    assert by_code["53"].value is None
    assert [(s.low, s.high) for s in drawn.legend.steps] == [(70.0, 70.0)]
    assert drawn.legend.labels("fr") == ("70 / 100",)


def test_legend_in_words_with_the_unit() -> None:
    drawn = tile_map(Level.DEPARTMENT, {"01": 0.5, "02": 2.25}, unit="jours")
    fr = [t.replace("\xa0", " ").replace("\u202f", " ") for t in drawn.legend.labels("fr")]
    en = drawn.legend.labels("en")
    assert fr[0] == "de 0,5 à moins de 1,0 jours"
    assert fr[-1] == "de 2,0 à 2,5 jours"
    assert en[0] == "0.5 to under 1.0 jours"
    assert drawn.legend.no_value_label("fr") == "pas de valeur"
    assert drawn.legend.no_value_label("en") == "no value"


def test_an_empty_map_is_all_grey() -> None:
    drawn = tile_map(Level.REGION, {})
    assert drawn.legend.steps == ()
    assert {t.colour for t in drawn.tiles} == {NO_VALUE_COLOUR}
    assert contrast_ratio(drawn.tiles[0].text_colour, NO_VALUE_COLOUR) >= 4.5


def test_a_compared_group_is_picked_out_and_sets_the_scale() -> None:
    # Corsica's two departments compared; Paris (98) and the Nord are outside the group.
    values = {"2A": 92.0, "2B": 82.0, "75": 98.0, "59": 10.0}
    drawn = tile_map(Level.DEPARTMENT, values, unit="%", selected="2A", compared=("2A", "2B"))
    by_code = {t.code: t for t in drawn.tiles}
    assert {c for c, t in by_code.items() if t.compared} == {"2A", "2B"}
    for code in ("75", "59", "01"):
        tile = by_code[code]
        assert (tile.colour, tile.step, tile.value) == (OUTSIDE_COLOUR, None, None)
        assert contrast_ratio(tile.text_colour, tile.colour) >= 4.5
    # The scale spans the group's values (82 to 92), not the 10 and 98 outside it.
    assert drawn.legend.steps[0].low >= 80 and drawn.legend.steps[-1].high <= 95
    assert by_code["2A"].colour == drawn.legend.steps[by_code["2A"].step or 0].colour
    everyone = tile_map(Level.DEPARTMENT, values, unit="%")
    assert all(t.compared for t in everyone.tiles)
