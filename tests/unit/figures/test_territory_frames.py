"""The territory frames (issue 17): a peer group with or without a territory chosen, the
map's values, the trajectory and the ranking (contract §7 with §5), on the small table of
test_territories.py whose figures are worked out by hand; the overview map's means (§5,
*Filters*) against a plain pandas computation on the demo data; a structure's territory and
its standings on every loaded indicator."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.figures.aggregates import Selection, aggregates_for
from dashboard.figures.territories import PeerGroup, entity_standing, group_standing
from dashboard.figures.territory_frames import (
    MIN_STRUCTURES_SHOWN,
    TerritoryCol,
    distribution_frame,
    map_frame,
    mean_score_map,
    structure_territory,
    territory_name,
    territory_standings,
    trajectory_frame,
)
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import Direction, IndicatorTable, Level
from tests.unit.figures.test_territories import VALUES_2020, VALUES_2022, table_of

ALL = PeerGroup(Level.DEPARTMENT, "all")


@pytest.fixture
def table() -> IndicatorTable:
    return table_of({2020: VALUES_2020, 2022: VALUES_2022})


def test_the_group_alone(table: IndicatorTable) -> None:
    group = group_standing(table, "tx", 2022, ALL)
    # 10, 20, 20, 40, 50, 60, 70, 80: Q1 20, median 45, Q3 62.5 (linear), best 80.
    assert (group.n, group.q1, group.median, group.q3, group.best) == (8, 20.0, 45.0, 62.5, 80.0)
    assert [e.code for e in group.best_entities] == ["971"]
    assert not any(p.is_self for p in group.distribution)
    assert [(p.period, p.value, p.n, p.median) for p in group.trajectory] == [
        (2020, None, 3, 45.0),
        (2022, None, 8, 45.0),
    ]


def test_the_group_agrees_with_a_territory_standing(table: IndicatorTable) -> None:
    for code in VALUES_2022:
        group = group_standing(table, "tx", 2022, ALL, code)
        standing = entity_standing(table, "tx", 2022, code)
        assert standing is not None
        assert (group.n, group.q1, group.median, group.q3, group.best) == (
            standing.n, standing.q1, standing.median, standing.q3, standing.best,
        )  # fmt: skip
        assert group.distribution == standing.distribution
        assert group.trajectory == standing.trajectory
        assert group.best_entities == standing.best_entities


def test_a_territory_without_a_value_keeps_its_past_values(table: IndicatorTable) -> None:
    # 63 has no value in 2020; 01 has one in both periods, 59 in none.
    group = group_standing(table, "tx", 2020, ALL, "63")
    assert [p.value for p in group.trajectory] == [None, 40.0]
    assert not any(p.is_self for p in group.distribution)
    assert entity_standing(table, "tx", 2020, "63") is None


def test_lower_is_better_orders_the_group_by_the_lowest() -> None:
    lower = table_of({2022: VALUES_2022}, direction=Direction.LOWER_IS_BETTER)
    group = group_standing(lower, "tx", 2022, ALL, "2A")
    assert group.best == 10.0 and [e.code for e in group.best_entities] == ["01"]
    frame = distribution_frame(group)
    assert frame[TerritoryCol.CODE].tolist() == ["01", "03", "15", "63", "2A", "2B", "75", "971"]
    assert frame[TerritoryCol.RANK].tolist() == [1, 2, 2, 4, 5, 6, 7, 8]
    assert frame[TerritoryCol.IS_SELF].tolist() == [False] * 4 + [True] + [False] * 3


def test_the_same_region_group(table: IndicatorTable) -> None:
    corsica = PeerGroup(Level.DEPARTMENT, "region", "94")
    group = group_standing(table, "tx", 2022, corsica, "2B")
    assert [(p.entity.code, p.rank, p.is_self) for p in group.distribution] == [
        ("2B", 1, True),
        ("2A", 2, False),
    ]
    assert (group.n, group.median) == (2, 55.0)


def test_the_map_lists_every_department_with_its_value_and_rank(table: IndicatorTable) -> None:
    frame = map_frame(table, "tx", 2022, Level.DEPARTMENT)
    assert len(frame) == 101
    assert frame[TerritoryCol.CODE].is_monotonic_increasing
    valued = frame.dropna(subset=[TerritoryCol.VALUE]).set_index(TerritoryCol.CODE)
    assert valued[TerritoryCol.VALUE].to_dict() == VALUES_2022
    assert valued[TerritoryCol.RANK].to_dict() == {
        "971": 1, "75": 2, "2B": 3, "2A": 4, "63": 5, "03": 6, "15": 6, "01": 8,
    }  # fmt: skip
    missing = frame.set_index(TerritoryCol.CODE).loc["59"]
    assert math.isnan(missing[TerritoryCol.VALUE]) and pd.isna(missing[TerritoryCol.RANK])
    assert set(frame[TerritoryCol.N]) == {8} and set(frame[TerritoryCol.UNIT]) == {"%"}
    assert frame.set_index(TerritoryCol.CODE).loc["2A", TerritoryCol.TERRITORY] == (
        "Corse-du-Sud (2A)"
    )


def test_trajectory_and_distribution_frames(table: IndicatorTable) -> None:
    group = group_standing(table, "tx", 2022, ALL, "2A")
    trajectory = trajectory_frame(group)
    assert trajectory[TerritoryCol.PERIOD].tolist() == [2020, 2022]
    assert trajectory[TerritoryCol.VALUE].tolist() == [45.0, 50.0]
    # 2020: 30, 45, 90 -> Q1 37.5, median 45, Q3 67.5, best 90.
    assert trajectory.iloc[0][[TerritoryCol.Q1, TerritoryCol.MEDIAN, TerritoryCol.Q3]].tolist() == [
        37.5, 45.0, 67.5,
    ]  # fmt: skip
    assert trajectory[TerritoryCol.BEST].tolist() == [90.0, 80.0]
    assert trajectory[TerritoryCol.N].tolist() == [3, 8]
    ranking = distribution_frame(group)
    assert ranking[TerritoryCol.TERRITORY].iloc[0] == "Guadeloupe (971)"
    assert ranking[TerritoryCol.VALUE].tolist() == sorted(VALUES_2022.values(), reverse=True)


def test_a_territory_name_holds_its_code() -> None:
    assert territory_name("Ain", "01") == "Ain (01)"
    assert territory_name("EPCI-1", "EPCI-1") == "EPCI-1"


def _independent_means(demo: Dataset, edition: int, column: str) -> pd.DataFrame:
    """G(s,e) = mean over its channels of the mean of its tests' scores, then per territory
    the number of structures and their mean: plain pandas on the raw tables."""
    tests = demo.tests[demo.tests["edition"] == edition]
    per_channel = tests.groupby(["structure_id", "channel"])["score"].mean()
    global_score = per_channel.groupby("structure_id").mean().rename("g")
    structures = demo.structures.set_index("structure_id")
    joined = structures.join(global_score, how="inner")
    return joined.groupby(column)["g"].agg(["count", "mean"])


@pytest.mark.parametrize(("level", "column"), [
    (Level.DEPARTMENT, "department_code"), (Level.REGION, "region_code"),
])  # fmt: skip
def test_the_overview_map_means_follow_the_contract(
    demo: Dataset, level: Level, column: str
) -> None:
    frame = mean_score_map(aggregates_for(demo), Selection(2022), level).set_index(
        TerritoryCol.CODE
    )
    expected = _independent_means(demo, 2022, column)
    assert len(frame) == (101 if level == Level.DEPARTMENT else 18)
    counts = frame[TerritoryCol.N_STRUCTURES]
    assert counts[counts > 0].to_dict() == expected["count"].to_dict()
    for code, row in frame.iterrows():
        if row[TerritoryCol.N_STRUCTURES] >= MIN_STRUCTURES_SHOWN:
            assert row[TerritoryCol.MEAN_SCORE] == pytest.approx(expected.loc[code, "mean"])
        else:
            assert math.isnan(row[TerritoryCol.MEAN_SCORE])
    shown = frame[TerritoryCol.MEAN_SCORE].notna()
    assert shown.any()
    if level == Level.DEPARTMENT:
        # Regional councils have no department: they are on the region map only.
        assert counts.sum() == expected["count"].sum()
        assert counts.sum() < len(aggregates_for(demo).global_scores(Selection(2022)))
        # Some departments have 1 or 2 structures audited: counted, their mean withheld.
        assert (~shown & (counts > 0)).any()


def test_the_overview_map_follows_the_filters(demo: Dataset) -> None:
    agg = aggregates_for(demo)
    region = mean_score_map(agg, Selection(2022, region="84"), Level.DEPARTMENT)
    outside = region[~region[TerritoryCol.CODE].isin(["01", "03", "07", "15", "26", "38", "42",
                                                        "43", "63", "69", "73", "74"])]  # fmt: skip
    assert outside[TerritoryCol.N_STRUCTURES].sum() == 0
    phone = mean_score_map(agg, Selection(2022, channels=("phone",)), Level.REGION)
    everything = mean_score_map(agg, Selection(2022), Level.REGION)
    assert phone[TerritoryCol.N_STRUCTURES].sum() <= everything[TerritoryCol.N_STRUCTURES].sum()
    assert phone[TerritoryCol.MEAN_SCORE].tolist() != everything[TerritoryCol.MEAN_SCORE].tolist()


def test_a_structure_is_compared_on_its_department_or_region(demo: Dataset) -> None:
    agg = aggregates_for(demo)
    assert structure_territory(agg, "W-BOURG-EN-BRESSE") == (Level.DEPARTMENT, "01")
    assert structure_territory(agg, "W-GRAND-EST") == (Level.REGION, "44")
    assert structure_territory(agg, "nobody") is None


def test_a_territory_on_every_loaded_indicator() -> None:
    first = table_of({2020: VALUES_2020, 2022: VALUES_2022}, unit="% de réseaux")
    second = table_of(
        {2021: {"01": 3.5, "75": 2.0, "2A": 9.0}}, indicator="delai",
        direction=Direction.LOWER_IS_BETTER, unit="jours",
    ).with_store_info("delais", None)  # fmt: skip
    frame = territory_standings([first.with_store_info("transparence", None), second],
                                Level.DEPARTMENT, "01")  # fmt: skip
    rows = frame.set_index(TerritoryCol.INDICATOR_KEY)
    assert list(rows.index) == ["transparence.tx", "delais.delai"]
    assert rows.loc["transparence.tx", [TerritoryCol.PERIOD, TerritoryCol.VALUE,
                                        TerritoryCol.RANK, TerritoryCol.N]].tolist() == [
        2022, 10.0, 8, 8,
    ]  # fmt: skip
    assert rows.loc["transparence.tx", TerritoryCol.UNIT] == "% de réseaux"
    # Lower is better: 2.0 (75) is the best; 3.5 ranks second of three.
    delay = rows.loc["delais.delai"]
    assert (delay[TerritoryCol.RANK], delay[TerritoryCol.BEST]) == (2, 2.0)
    assert (delay[TerritoryCol.MEDIAN], delay[TerritoryCol.DIRECTION]) == (3.5, "lower_is_better")
    assert territory_standings([first], Level.DEPARTMENT, "59").empty
    assert territory_standings([], Level.DEPARTMENT, "01").empty
