"""Issue 17's "done when", on the real Etalab file as published: the share of public
reception places publishing their quality results, per department, 2017-2022
(../shared/reference/barometre-resultats/, Licence Ouverte 2.0).

Every expected figure is computed here with plain pandas from the file itself, independently
of the project's reading, validation and statistics code; the test then imports the file
through the CLI and the store and compares. CI may lack ../shared: the tests skip then (the
validation rules are covered on small files in test_public_indicators.py).
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.figures.territories import entity_standing, indicator_values
from dashboard.intake.geography import departments
from dashboard.intake.indicator_store import IndicatorStore
from dashboard.intake.public_indicators import IndicatorTable, Level
from dashboard.render.france_map import tile_map
from tests.reference import DETAIL, REFERENCE, needs_reference

SYNTHESIS = REFERENCE / "services-publics-territoires-synthese-departemental.csv"
INDICATOR = "tx-transparence-resultats"
TABLE_ID = "tx-transparence-resultats-detail-departemental"

pytestmark = needs_reference


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> IndicatorTable:
    """The file imported as published, through the command line, then read from the store."""
    data_dir = tmp_path_factory.mktemp("data")
    out = io.StringIO()
    status = main(["indicators", "import", str(DETAIL), "--data-dir", str(data_dir)], out=out)
    assert status == 0, out.getvalue()
    text = out.getvalue().replace("\xa0", " ").replace("\u202f", " ")
    assert "0 erreur, 0 avertissement" in text
    assert "606 lignes, 1 indicateur, 101 territoires" in text
    return IndicatorStore(data_dir).table(TABLE_ID)


def test_imported_as_published(imported: IndicatorTable, published: pd.DataFrame) -> None:
    info = imported.indicator(INDICATOR)
    assert info is not None
    assert info.label == published["indicateur"].iloc[0]
    assert info.unit == published["unite"].iloc[0]  # "% de réseaux", as given
    assert info.theme == published["mesure"].iloc[0]
    assert imported.source == DETAIL.name


def test_101_departments_by_6_periods(imported: IndicatorTable, published: pd.DataFrame) -> None:
    rows = imported.rows
    assert len(rows) == len(published) == 101 * 6
    assert set(rows["entity_code"]) == set(published["code_departement"])
    assert set(rows["entity_code"]) == set(departments()["department_code"])
    assert sorted(rows["period"].unique()) == sorted(published["year"].unique())
    assert sorted(rows["period"].unique()) == [2017, 2018, 2019, 2020, 2021, 2022]
    assert (rows.groupby("entity_code")["period"].nunique() == 6).all()
    # The values are the file's, unscaled.
    mine = rows.set_index(["entity_code", "period"])["value"].sort_index()
    theirs = published.set_index(["code_departement", "year"])["valeur"].sort_index()
    assert mine.to_numpy().tolist() == theirs.to_numpy().tolist()


def test_2022_best_last_and_median(imported: IndicatorTable, published: pd.DataFrame) -> None:
    year = published[published["year"] == 2022].set_index("code_departement")["valeur"]
    best_code = str(year.idxmax())
    best = entity_standing(imported, INDICATOR, 2022, best_code)
    assert best is not None
    assert (best.rank, best.n) == (1, 101)
    assert best.value == year.max() == best.best
    assert (
        best.entity.label
        == published.loc[published["code_departement"] == best_code, "libelle_departement"].iloc[0]
    )
    assert {e.code for e in best.best_entities} == set(year[year == year.max()].index)
    assert best.percentile == 100.0
    assert best.quartile == "top"
    assert best.median == year.median()
    assert (best.q1, best.q3) == (year.quantile(0.25), year.quantile(0.75))

    last_code = str(year.idxmin())
    last = entity_standing(imported, INDICATOR, 2022, last_code)
    assert last is not None
    assert last.value == year.min()
    assert last.rank == 1 + int((year > year.min()).sum())
    if (year == year.min()).sum() == 1:
        assert last.rank == 101
        assert last.percentile == 0.0
    assert last.quartile == "bottom"
    assert last.gap_to_median == year.min() - year.median()
    assert last.gap_to_best == year.min() - year.max()


def test_every_rank_of_2022(imported: IndicatorTable, published: pd.DataFrame) -> None:
    year = published[published["year"] == 2022].set_index("code_departement")["valeur"]
    expected = year.rank(method="min", ascending=False).astype(int)
    standing = entity_standing(imported, INDICATOR, 2022, "01")
    assert standing is not None
    assert {p.entity.code: p.rank for p in standing.distribution} == expected.to_dict()


def test_one_department_whole_trajectory(imported: IndicatorTable, published: pd.DataFrame) -> None:
    code = "2A"
    own = published[published["code_departement"] == code].set_index("year")["valeur"]
    medians = published.groupby("year")["valeur"].median()
    q1 = published.groupby("year")["valeur"].quantile(0.25)
    q3 = published.groupby("year")["valeur"].quantile(0.75)
    standing = entity_standing(imported, INDICATOR, 2022, code)
    assert standing is not None
    assert [p.period for p in standing.trajectory] == sorted(own.index)
    assert [p.value for p in standing.trajectory] == [own[y] for y in sorted(own.index)]
    assert [p.median for p in standing.trajectory] == [medians[y] for y in sorted(own.index)]
    assert [p.q1 for p in standing.trajectory] == [q1[y] for y in sorted(own.index)]
    assert [p.q3 for p in standing.trajectory] == [q3[y] for y in sorted(own.index)]
    assert all(p.n == 101 for p in standing.trajectory)
    assert standing.change is not None
    assert standing.change.since == 2017
    assert standing.change.change == own[2022] - own[2017]


def test_corsica_and_overseas_codes_are_kept(imported: IndicatorTable) -> None:
    codes = set(imported.rows["entity_code"])
    assert {"01", "2A", "2B", "971", "972", "973", "974", "976"} <= codes
    assert not {"1", "20", "975", "2a"} & codes
    # Corsica's peer group in its region: its two departments.
    standing = entity_standing(imported, INDICATOR, 2022, "2B", scope="region")
    assert standing is not None
    assert standing.peer_group.region_code == "94"
    assert [p.entity.code for p in standing.distribution] in (["2A", "2B"], ["2B", "2A"])


def test_the_map_colours_every_department(
    imported: IndicatorTable, published: pd.DataFrame
) -> None:
    values = indicator_values(imported, INDICATOR, 2022, Level.DEPARTMENT)
    info = imported.indicator(INDICATOR)
    assert info is not None
    drawn = tile_map(Level.DEPARTMENT, values, unit=info.unit, selected="971")
    year = published[published["year"] == 2022].set_index("code_departement")["valeur"]
    assert len(drawn.tiles) == 101
    for tile in drawn.tiles:
        assert tile.value == year[tile.code]
        assert tile.step is not None
        step = drawn.legend.steps[tile.step]
        assert tile.colour == step.colour
        assert step.low <= tile.value and (tile.value < step.high or step.last)
    assert drawn.tile("971") is not None and drawn.tile("971").selected  # type: ignore[union-attr]
    assert drawn.legend.labels("fr")[-1].endswith("% de réseaux")


def test_the_synthesis_file_is_refused(tmp_path: Path) -> None:
    if not SYNTHESIS.is_file():
        pytest.skip(f"reference file absent: {SYNTHESIS}")
    out = io.StringIO()
    status = main(
        ["indicators", "import", str(SYNTHESIS), "--data-dir", str(tmp_path), "--lang", "en"],
        out=out,
    )
    assert status == 1
    assert "detail file" in out.getvalue()
    assert IndicatorStore(tmp_path).listing() == ()
