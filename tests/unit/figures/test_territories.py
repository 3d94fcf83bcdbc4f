"""A territory against the others on a public indicator (issue 17, contract §7 with the
definitions of §5), on small tables whose figures are worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.figures.territories import (
    UnknownIndicator,
    entity_standing,
    indicator_refs,
    indicator_values,
    latest_standings,
    peer_scopes,
    resolve_indicator,
)
from dashboard.intake.public_indicators import Direction, IndicatorTable, Level

NAMES = {
    "01": "Ain",
    "03": "Allier",
    "15": "Cantal",
    "63": "Puy-de-Dôme",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "75": "Paris",
    "971": "Guadeloupe",
}


def table_of(
    values: dict[int, dict[str, float]],
    *,
    indicator: str = "tx",
    direction: Direction = Direction.HIGHER_IS_BETTER,
    unit: str = "%",
    level: Level = Level.DEPARTMENT,
) -> IndicatorTable:
    rows = [
        {
            "entity_level": level.value,
            "entity_code": code,
            "entity_label": NAMES.get(code, code),
            "indicator_id": indicator,
            "indicator_label": "Taux",
            "theme": "",
            "period": period,
            "period_as_given": str(period),
            "value": value,
            "unit": unit,
            "direction": direction.value,
        }
        for period, by_code in values.items()
        for code, value in by_code.items()
    ]
    return IndicatorTable.build(pd.DataFrame(rows), "test.csv")


# 2022: 10, 20, 20, 40, 50, 60, 70, 80 (N = 8). Q1 = 20, median = 45, Q3 = 62.5 (linear).
VALUES_2022 = {
    "01": 10.0,
    "03": 20.0,
    "15": 20.0,
    "63": 40.0,
    "2A": 50.0,
    "2B": 60.0,
    "75": 70.0,
    "971": 80.0,
}
VALUES_2020 = {"01": 30.0, "2A": 45.0, "75": 90.0}


@pytest.fixture
def table() -> IndicatorTable:
    return table_of({2020: VALUES_2020, 2022: VALUES_2022})


def test_rank_percentile_quartile_median_best_gaps(table: IndicatorTable) -> None:
    standing = entity_standing(table, "tx", 2022, "2A")
    assert standing is not None
    assert (standing.value, standing.n, standing.rank) == (50.0, 8, 4)
    # 4 other peers strictly lower (10, 20, 20, 40) of N - 1 = 7.
    assert standing.percentile == pytest.approx(100 * 4 / 7)
    assert (standing.q1, standing.median, standing.q3) == (20.0, 45.0, 62.5)
    assert standing.quartile == "third"
    assert standing.best == 80.0
    assert [e.code for e in standing.best_entities] == ["971"]
    assert standing.gap_to_median == 5.0
    assert standing.gap_to_best == -30.0
    assert not standing.fragile
    assert standing.unit == "%"
    assert standing.entity.label == "Corse-du-Sud"


def test_ties_share_a_rank(table: IndicatorTable) -> None:
    ranks = {}
    for code in ("03", "15", "01"):
        standing = entity_standing(table, "tx", 2022, code)
        assert standing is not None
        ranks[code] = (standing.rank, standing.quartile, standing.percentile)
    # 20 and 20: five peers strictly higher -> rank 6 both; one strictly lower.
    assert ranks["03"] == ranks["15"] == (6, "second", pytest.approx(100 / 7))
    assert ranks["01"] == (8, "bottom", 0.0)


def test_distribution_by_rank_then_code(table: IndicatorTable) -> None:
    standing = entity_standing(table, "tx", 2022, "63")
    assert standing is not None
    assert [(p.entity.code, p.rank, p.is_self) for p in standing.distribution] == [
        ("971", 1, False),
        ("75", 2, False),
        ("2B", 3, False),
        ("2A", 4, False),
        ("63", 5, True),
        ("03", 6, False),
        ("15", 6, False),
        ("01", 8, False),
    ]


def test_lower_is_better_ranks_by_the_lowest(table: IndicatorTable) -> None:
    lower = table_of({2022: VALUES_2022}, direction=Direction.LOWER_IS_BETTER)
    standing = entity_standing(lower, "tx", 2022, "01")
    assert standing is not None
    assert (standing.rank, standing.best, standing.percentile, standing.quartile) == (
        1,
        10.0,
        100.0,
        "top",
    )
    assert [e.code for e in standing.best_entities] == ["01"]
    # The quantiles are those of the values whatever the direction.
    assert (standing.q1, standing.median, standing.q3) == (20.0, 45.0, 62.5)
    assert standing.gap_to_best == 0.0
    worst = entity_standing(lower, "tx", 2022, "971")
    assert worst is not None
    assert (worst.rank, worst.quartile, worst.percentile) == (8, "bottom", 0.0)
    tied = entity_standing(lower, "tx", 2022, "15")
    assert tied is not None
    # 20, 20 with lower better: one peer strictly lower (10) -> rank 2 both.
    assert tied.rank == 2
    # Negated values -10, -20, -20, -40, ...: -20 is at or above the negated Q3 (-20).
    assert tied.quartile == "top"
    middle = entity_standing(lower, "tx", 2022, "2B")
    assert middle is not None
    # 60 with lower better: between the median (45) and Q3 (62.5) -> second quartile.
    assert (middle.rank, middle.quartile) == (6, "second")


def test_change_and_trajectory_against_the_peer_band(table: IndicatorTable) -> None:
    standing = entity_standing(table, "tx", 2022, "2A")
    assert standing is not None
    assert standing.change is not None
    assert (standing.change.since, standing.change.past_value, standing.change.change) == (
        2020,
        45.0,
        5.0,
    )
    first, last = standing.trajectory
    # 2020: 30, 45, 90 -> Q1 37.5, median 45, Q3 67.5.
    assert (first.period, first.value, first.n) == (2020, 45.0, 3)
    assert (first.q1, first.median, first.q3, first.best) == (37.5, 45.0, 67.5, 90.0)
    assert (last.period, last.value, last.n, last.median) == (2022, 50.0, 8, 45.0)


def test_no_change_in_the_first_period_or_without_a_past_value(table: IndicatorTable) -> None:
    first = entity_standing(table, "tx", 2020, "2A")
    assert first is not None and first.change is None
    newcomer = entity_standing(table, "tx", 2022, "63")
    assert newcomer is not None and newcomer.change is None
    point = newcomer.trajectory[0]
    assert (point.period, point.value) == (2020, None)


def test_peer_group_of_the_same_region(table: IndicatorTable) -> None:
    # Auvergne-Rhône-Alpes (84): 01 Ain, 03 Allier, 15 Cantal, 63 Puy-de-Dôme.
    standing = entity_standing(table, "tx", 2022, "63", scope="region")
    assert standing is not None
    assert standing.peer_group.region_code == "84"
    assert (standing.n, standing.rank, standing.best) == (4, 1, 40.0)
    assert standing.fragile
    assert [p.entity.code for p in standing.distribution] == ["63", "03", "15", "01"]
    # The band follows the group: only 01 had a value in 2020 in this region.
    assert (standing.trajectory[0].n, standing.trajectory[0].median) == (1, 30.0)


def test_a_group_of_one(table: IndicatorTable) -> None:
    standing = entity_standing(table, "tx", 2022, "971", scope="region")
    assert standing is not None
    assert (standing.n, standing.rank) == (1, 1)
    assert math.isnan(standing.percentile)
    assert standing.fragile


def test_no_value_unknown_indicator_and_scopes(table: IndicatorTable) -> None:
    assert entity_standing(table, "tx", 2022, "59") is None
    assert entity_standing(table, "tx", 2021, "2A") is None
    with pytest.raises(UnknownIndicator):
        entity_standing(table, "nope", 2022, "2A")
    regions = table_of({2022: {"84": 1.0, "94": 2.0}}, level=Level.REGION)
    with pytest.raises(ValueError):
        entity_standing(regions, "tx", 2022, "84", level=Level.REGION, scope="region")
    standing = entity_standing(regions, "tx", 2022, "84", level=Level.REGION)
    assert standing is not None and standing.rank == 2
    assert peer_scopes(Level.DEPARTMENT) == ("all", "region")
    assert peer_scopes(Level.REGION) == ("all",)


def test_levels_are_separate_peer_groups() -> None:
    rows = pd.concat(
        [
            table_of({2022: {"01": 5.0, "03": 6.0}}).rows,
            table_of({2022: {"01": 100.0}}, level=Level.REGION).rows,
        ]
    )
    mixed = IndicatorTable.build(rows, "mixed.csv")
    standing = entity_standing(mixed, "tx", 2022, "01")
    assert standing is not None
    assert (standing.n, standing.value, standing.rank) == (2, 5.0, 2)
    assert indicator_values(mixed, "tx", 2022, Level.REGION) == {"01": 100.0}


def test_latest_standings_for_my_structure_department(table: IndicatorTable) -> None:
    other = table_of({2019: {"2A": 3.0, "75": 1.0}}, indicator="delai")
    standings = latest_standings([table, other], "2A")
    assert [(s.indicator.indicator_id, s.period, s.rank, s.n) for s in standings] == [
        ("tx", 2022, 4, 8),
        ("delai", 2019, 1, 2),
    ]
    assert latest_standings([table], "59") == ()


def test_values_for_the_map(table: IndicatorTable) -> None:
    assert indicator_values(table, "tx", 2020) == VALUES_2020


def test_indicators_named_in_an_address(table: IndicatorTable) -> None:
    first = table.with_store_info("transparence", None)
    second = table_of({2022: {"01": 1.0}}).with_store_info("autre-table", None)
    refs = indicator_refs([first, second])
    assert [r.key for r in refs] == ["transparence.tx", "autre-table.tx"]
    assert resolve_indicator([first, second], "autre-table.tx") == refs[1]
    assert resolve_indicator([first, second], "tx") == refs[0]
    assert resolve_indicator([first, second], "nope.tx") is None
    assert resolve_indicator([first, second], "delai") is None
