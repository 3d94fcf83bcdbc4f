"""The territory blocks of other pages (issue 17): the overview's map of mean global scores
(departments or regions, with n, grey where too few; it follows the filters)."""

from __future__ import annotations

from dashboard.figures.territory_frames import MIN_STRUCTURES_SHOWN
from dashboard.intake.model import Dataset
from dashboard.pages import overview
from dashboard.pages.sections import csv_file, table_view
from dashboard.urlstate import OverviewState


def tiles_of(payload: overview.OverviewPayload) -> dict[str, dict]:
    figure = payload.charts[overview.MAP_BLOCK.name].figure
    return {tile["code"]: tile for tile in figure["tiles"]}


def test_the_overview_map_by_department_and_by_region(demo: Dataset) -> None:
    by_department = tiles_of(overview.overview_payload(demo, OverviewState(2022)))
    assert len(by_department) == 101
    by_region = tiles_of(
        overview.overview_payload(demo, OverviewState(2022, map_level="region", lang="en"))
    )
    assert len(by_region) == 18
    assert (
        "out of 100" in by_region["11"]["name"] and "structures audited" in by_region["11"]["name"]
    )
    view = overview.OverviewView(demo, OverviewState(2022, map_level="region"))
    frame = overview.MAP_BLOCK.frame(view).set_index("entity_code")
    for code, tile in by_region.items():
        if frame.loc[code, "n_structures"] >= MIN_STRUCTURES_SHOWN:
            assert tile["colour"] != "#D9D9D9"
        else:
            assert tile["colour"] == "#D9D9D9"


def test_few_structures_give_a_grey_tile_that_says_why(demo: Dataset) -> None:
    tiles = tiles_of(overview.overview_payload(demo, OverviewState(2022)))
    view = overview.OverviewView(demo, OverviewState(2022))
    frame = overview.MAP_BLOCK.frame(view).set_index("entity_code")
    few = frame[(frame["n_structures"] > 0) & (frame["n_structures"] < MIN_STRUCTURES_SHOWN)]
    none = frame[frame["n_structures"] == 0]
    assert len(few) and len(none)
    code = few.index[0]
    assert tiles[code]["colour"] == "#D9D9D9"
    assert "pas de moyenne (moins de 3)" in tiles[code]["name"]
    assert tiles[none.index[0]]["colour"] == "#D9D9D9"
    assert "0 structure auditée" in tiles[none.index[0]]["name"]


def test_the_overview_map_follows_the_filters_and_outlines_the_region(demo: Dataset) -> None:
    state = OverviewState(2022, region="84", map_level="region")
    tiles = tiles_of(overview.overview_payload(demo, state))
    assert [code for code, tile in tiles.items() if tile["selected"]] == ["84"]
    assert all(tile["colour"] == "#D9D9D9" for code, tile in tiles.items() if code != "84")
    view = overview.OverviewView(demo, state)
    rows = table_view(overview.MAP_BLOCK, view).rows
    assert len(rows) == 18 and rows[0][0] == "Guadeloupe (01)"
    download = csv_file(overview.MAP_BLOCK, view)
    assert download.content.splitlines()[0].lstrip("\ufeff") == (
        "Territoire;Structures;Tests;Score global moyen"
    )


def test_no_structure_anywhere_says_why(demo: Dataset) -> None:
    payload = overview.overview_payload(demo, OverviewState(2019, channels=("social",)))
    assert payload.charts[overview.MAP_BLOCK.name].empty_message is not None
