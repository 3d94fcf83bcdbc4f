"""« Territoires » as its payload says it (issue 17): on the real Etalab file as published
(../shared/reference/barometre-resultats/, skipped when absent), what the page shows is what
an independent pandas computation on the file gives (best department, its value, rank
1 / 101, the last one, the median, one department's trajectory); on small tables, the
direction (lower is better), the unit as given, the group with no territory chosen, a fragile
group, the page's controls, and its empty state."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.figures.territory_frames import TerritoryCol
from dashboard.intake.indicator_store import IndicatorStore
from dashboard.intake.public_indicators import Direction, IndicatorTable, Level
from dashboard.pages.sections import csv_file, table_view
from dashboard.pages.territories import (
    DISTRIBUTION_BLOCK,
    MAP_BLOCK,
    SECTIONS,
    TRAJECTORY_BLOCK,
    TerritoriesPayload,
    TerritoriesView,
    empty_page_text,
    indicator_offers,
    state_from_address,
    territories_address,
    territories_payload,
    territory_controls,
)
from dashboard.render.block_kinds import GRAPH, TILES, kind_of
from dashboard.render.theme import TRACE_TYPES
from dashboard.urlstate import TerritoryState
from tests.reference import DETAIL, needs_reference
from tests.reference import DETAIL_KEY as KEY
from tests.unit.figures.test_territories import VALUES_2020, VALUES_2022, table_of


def nbsp(text: str) -> str:
    """French typography's no-break spaces as plain spaces, to compare texts."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def cards(payload: TerritoriesPayload) -> dict[str, tuple[str, str]]:
    return {c.name: (nbsp(c.value), nbsp(c.detail)) for c in payload.cards}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[IndicatorTable, ...]:
    """The file imported as published through the command line, read from the store."""
    data_dir = tmp_path_factory.mktemp("data")
    status = main(["indicators", "import", str(DETAIL), "--data-dir", str(data_dir)],
                  out=io.StringIO())  # fmt: skip
    assert status == 0
    return IndicatorStore(data_dir).tables()


def number(value: float) -> str:
    """A published value as the page writes it in French: no decimals when it has none."""
    return f"{value:g}".replace(".", ",")


@needs_reference
def test_the_best_department_of_2022(reference: tuple, published: pd.DataFrame) -> None:
    year = published[published["year"] == 2022].set_index("code_departement")["valeur"]
    best_code = str(year.idxmax())
    best_name = published.loc[published["code_departement"] == best_code,
                              "libelle_departement"].iloc[0]  # fmt: skip
    state, rejected = state_from_address(reference, f"?entity={best_code}")
    assert rejected == [] and state.indicator == KEY and state.period == 2022
    payload = territories_payload(reference, state)
    assert payload is not None
    shown = cards(payload)
    assert shown["value"][0] == f"{number(year.max())} % de réseaux"
    assert shown["rank"][0] == "1 / 101"
    assert shown["percentile"][0] == "100"
    assert shown["median"][0] == f"{number(year.median())} % de réseaux"
    assert shown["best"] == (
        f"{number(year.max())} % de réseaux",
        f"{best_name} ({best_code}) ; écart : 0 pts",  # a gap of shares is in points
    )
    assert "Comparé aux 101 départements ayant une valeur en 2022" in nbsp(payload.definition)
    assert "unité : % de réseaux" in nbsp(payload.definition)


@needs_reference
def test_the_last_department_and_its_gaps(reference: tuple, published: pd.DataFrame) -> None:
    year = published[published["year"] == 2022].set_index("code_departement")["valeur"]
    last_code = str(year.idxmin())
    assert (year == year.min()).sum() == 1
    payload = territories_payload(reference, TerritoryState(KEY, 2022, entity=last_code))
    assert payload is not None
    shown = cards(payload)
    assert shown["rank"][0] == "101 / 101"
    assert shown["quartile"][0] == "quartile inférieur"
    gap_median = year.min() - year.median()
    gap_best = year.min() - year.max()
    assert shown["median"][1] == f"écart : −{number(-gap_median)} pts"
    assert shown["best"][1].endswith(f"écart : −{number(-gap_best)} pts")
    view = TerritoriesView(reference, TerritoryState(KEY, 2022, entity=last_code))
    ranking = view.distribution
    assert ranking[TerritoryCol.CODE].iloc[-1] == last_code
    assert ranking[TerritoryCol.IS_SELF].iloc[-1]
    expected = year.rank(method="min", ascending=False).astype(int)
    assert dict(zip(ranking[TerritoryCol.CODE], ranking[TerritoryCol.RANK], strict=True)) == (
        expected.to_dict()
    )


@needs_reference
def test_one_department_whole_trajectory(reference: tuple, published: pd.DataFrame) -> None:
    code = "2A"
    own = published[published["code_departement"] == code].set_index("year")["valeur"]
    by_year = published.groupby("year")["valeur"]
    view = TerritoriesView(reference, TerritoryState(KEY, 2022, entity=code))
    frame = view.trajectory.set_index(TerritoryCol.PERIOD)
    assert list(frame.index) == [2017, 2018, 2019, 2020, 2021, 2022]
    assert frame[TerritoryCol.VALUE].to_dict() == own.to_dict()
    assert frame[TerritoryCol.MEDIAN].to_dict() == by_year.median().to_dict()
    assert frame[TerritoryCol.Q1].to_dict() == by_year.quantile(0.25).to_dict()
    assert frame[TerritoryCol.Q3].to_dict() == by_year.quantile(0.75).to_dict()
    assert frame[TerritoryCol.BEST].to_dict() == by_year.max().to_dict()
    payload = territories_payload(reference, view.state)
    assert payload is not None
    change = own[2022] - own[2017]
    assert cards(payload)["change"] == (
        f"+{number(change)} pts",
        f"depuis 2017 ({number(own[2017])} % de réseaux)",
    )
    figure = payload.charts[TRAJECTORY_BLOCK.name].figure
    own_trace = next(t for t in figure["data"] if t.get("name") == "Corse-du-Sud (2A)")
    assert own_trace["y"] == [own[y] for y in range(2017, 2023)]


@needs_reference
def test_the_map_tile_of_every_department(reference: tuple, published: pd.DataFrame) -> None:
    year = published[published["year"] == 2022].set_index("code_departement")["valeur"]
    payload = territories_payload(reference, TerritoryState(KEY, 2022, entity="971"))
    assert payload is not None
    figure = payload.charts[MAP_BLOCK.name].figure
    assert kind_of(figure) == TILES and figure["interactive"]
    tiles = {t["code"]: t for t in figure["tiles"]}
    assert set(tiles) == set(year.index)
    names = dict(zip(published["code_departement"], published["libelle_departement"], strict=False))
    for code, value in year.items():
        assert nbsp(tiles[code]["name"]) == f"{names[code]} ({code}) : {number(value)} % de réseaux"
    assert [c for c, t in tiles.items() if t["selected"]] == ["971"]
    assert [c for c, t in tiles.items() if t["focusable"]] == ["971"]


@needs_reference
def test_csv_of_the_map_is_every_department_as_published(
    reference: tuple, published: pd.DataFrame
) -> None:
    view = TerritoriesView(reference, TerritoryState(KEY, 2019, lang="en"))
    download = csv_file(MAP_BLOCK, view)
    assert download.filename == "map-2019.csv"
    frame = pd.read_csv(io.StringIO(download.content.lstrip("\ufeff")))
    assert list(frame.columns) == ["Territory", "Value", "Unit", "Rank", "N territories"]
    year = published[published["year"] == 2019]
    expected = dict(zip(year["libelle_departement"] + " (" + year["code_departement"] + ")",
                        year["valeur"], strict=True))  # fmt: skip
    assert dict(zip(frame["Territory"], frame["Value"], strict=True)) == expected
    assert set(frame["Unit"]) == {"% de réseaux"}


def test_lower_is_better_and_the_unit_as_given() -> None:
    table = table_of({2022: VALUES_2022}, direction=Direction.LOWER_IS_BETTER,
                     unit="jours").with_store_info("delais", None)  # fmt: skip
    payload = territories_payload([table], TerritoryState("delais.tx", 2022, entity="01"))
    assert payload is not None
    shown = cards(payload)
    assert shown["value"] == ("10 jours", "plus bas est mieux")
    assert shown["rank"][0] == "1 / 8"
    assert shown["best"] == ("10 jours", "Ain (01) ; écart : 0")
    assert "plus bas est mieux" in payload.definition
    worst = territories_payload([table], TerritoryState("delais.tx", 2022, entity="971"))
    assert worst is not None and cards(worst)["rank"][0] == "8 / 8"
    assert cards(worst)["median"][1] == "écart : +35"  # 80 − 45: more days than the median


def test_a_value_is_never_rescaled() -> None:
    rates = {code: value / 1000 for code, value in VALUES_2022.items()}  # 0.01 … 0.08
    table = table_of({2022: rates}, unit="taux").with_store_info("t", None)
    payload = territories_payload([table], TerritoryState("t.tx", 2022, entity="2A", lang="en"))
    assert payload is not None
    assert cards(payload)["value"][0] == "0.05 taux"
    view = TerritoriesView([table], TerritoryState("t.tx", 2022, entity="2A", lang="en"))
    rows = table_view(DISTRIBUTION_BLOCK, view).rows
    assert rows[0] == ["Guadeloupe (971)", "1", "0.08", "taux"]


@pytest.fixture
def small() -> tuple[IndicatorTable, ...]:
    return (table_of({2020: VALUES_2020, 2022: VALUES_2022}).with_store_info("t", None),)


def test_with_no_territory_chosen_the_page_shows_the_group(small: tuple) -> None:
    payload = territories_payload(small, TerritoryState("t.tx", 2022))
    assert payload is not None
    assert [c.name for c in payload.cards] == ["n", "median", "best"]
    assert cards(payload)["best"] == ("80 %", "Guadeloupe (971)")
    assert "Choisissez un territoire" in payload.note
    for spec in SECTIONS:
        assert payload.charts[spec.name].empty_message is None
    figure = payload.charts[TRAJECTORY_BLOCK.name].figure
    assert len(figure["data"]) == 3  # the band and the median, no territory's line


def test_a_territory_without_a_value_in_the_period(small: tuple) -> None:
    payload = territories_payload(small, TerritoryState("t.tx", 2020, entity="63"))
    assert payload is not None
    assert "Puy-de-Dôme (63) n'a pas de valeur en 2020" in nbsp(payload.note)
    assert [c.name for c in payload.cards] == ["n", "median", "best"]


def test_a_fragile_group_has_no_percentile_nor_quartile(small: tuple) -> None:
    payload = territories_payload(small, TerritoryState("t.tx", 2022, entity="2B", peers="region"))
    assert payload is not None
    assert "Groupe fragile : 2 territoires" in nbsp(payload.fragile)
    assert "région Corse" in payload.definition
    assert [c.name for c in payload.cards] == ["value", "rank", "median", "best", "change"]
    assert cards(payload)["rank"][0] == "1 / 2"


def test_same_region_needs_a_department_chosen(small: tuple) -> None:
    payload = territories_payload(small, TerritoryState("t.tx", 2022, peers="region"))
    assert payload is not None
    assert "Comparé aux 8 départements" in nbsp(payload.definition)
    assert "demande un département choisi" in payload.note


def test_the_controls_offer_what_the_tables_have(small: tuple) -> None:
    controls = territory_controls(small, TerritoryState("t.tx", 2022, entity="2A", lang="en"))
    assert [c.value for c in controls.indicators] == ["t.tx"]
    assert [c.value for c in controls.periods] == [2022, 2020]
    assert [c.value for c in controls.levels] == ["department"] and controls.level == "department"
    assert {c.label for c in controls.entities} >= {"Corse-du-Sud (2A)", "Guadeloupe (971)"}
    assert [(c.value, c.disabled) for c in controls.peers] == [("all", False), ("region", False)]
    regions = table_of({2022: {"84": 1.0, "94": 2.0}}, level=Level.REGION).with_store_info(
        "r", None
    )
    both = (*small, regions)
    labels = [c.label for c in territory_controls(both, TerritoryState("r.tx", 2022)).indicators]
    assert labels == ["Taux (test.csv)", "Taux (test.csv)"]  # two tables: each names its file
    region_peers = territory_controls(both, TerritoryState("r.tx", 2022)).peers
    assert [(c.value, c.disabled) for c in region_peers] == [("all", False), ("region", True)]
    offers = indicator_offers(both)
    assert [o.key for o in offers] == ["t.tx", "r.tx"]
    assert offers[1].entities == {"region": frozenset({"84", "94"})}


def test_the_address_of_a_view(small: tuple) -> None:
    state = TerritoryState("t.tx", 2022, entity="2A", peers="region", lang="en")
    address = territories_address(state)
    assert address == "/territoires?indicator=t.tx&period=2022&entity=2A&peers=region&lang=en"
    assert state_from_address(small, address.partition("?")[1] + address.partition("?")[2]) == (
        state, []
    )  # fmt: skip


def test_nothing_loaded(small: tuple) -> None:
    assert territories_payload((), TerritoryState()) is None
    why, command, _ = empty_page_text("en")
    assert "No public indicator table is loaded" in why
    assert command == "python -m dashboard indicators import FILE.csv"


def test_every_figure_draws_only_trace_types_of_the_apps_plotly_bundle(small: tuple) -> None:
    payload = territories_payload(small, TerritoryState("t.tx", 2022, entity="2A"))
    assert payload is not None
    figures = [c.figure for c in payload.charts.values() if kind_of(c.figure) == GRAPH]
    assert len(figures) == 2
    assert {t.get("type", "scatter") for f in figures for t in f["data"]} <= set(TRACE_TYPES)


def test_names_are_plain_text_in_the_figures() -> None:
    names = {"01": "<b>Ain</b>"}
    rows = table_of({2021: {"01": 1.0, "03": 2.0}, 2022: {"01": 1.0, "03": 2.0}})
    frame = rows.rows.assign(entity_label=[names.get(c, c) for c in rows.rows["entity_code"]])
    table = IndicatorTable.build(frame, "x.csv").with_store_info("x", None)
    payload = territories_payload([table], TerritoryState("x.tx", 2022, entity="01"))
    assert payload is not None
    text = str(payload.charts[TRAJECTORY_BLOCK.name].figure)
    text += str(payload.charts[DISTRIBUTION_BLOCK.name].figure)
    assert "<b>" not in text and "&lt;b&gt;Ain&lt;/b&gt; (01)" in text


def test_the_group_s_quartiles_have_one_decimal_more_than_its_values() -> None:
    # Whole percentages 10 … 17: Q1 = 11.75, Q3 = 15.25 (linear interpolation, §5), shown as
    # the page rounds them (half to even): 11,8 and 15,2, the same on the cards, in the
    # trajectory's table and in its CSV.
    whole = {code: 10.0 + i for i, code in enumerate(VALUES_2022)}
    table = table_of({2022: whole}).with_store_info("t", None)
    state = TerritoryState("t.tx", 2022, entity="2A")
    payload = territories_payload([table], state)
    assert payload is not None
    assert cards(payload)["median"][0] == "13,5 %"
    assert cards(payload)["quartile"][1] == "Q1 11,8, Q3 15,2"
    view = TerritoriesView([table], state)
    [row] = table_view(TRAJECTORY_BLOCK, view).rows
    assert row[2:5] == ["11,8", "13,5", "15,2"]
    assert "11,8;13,5;15,2" in csv_file(TRAJECTORY_BLOCK, view).content


def test_published_decimals_are_kept_and_one_more_for_the_group() -> None:
    tenths = {code: 10.05 + i / 10 for i, code in enumerate(VALUES_2022)}  # two decimals
    table = table_of({2022: tenths}).with_store_info("t", None)
    payload = territories_payload([table], TerritoryState("t.tx", 2022, entity="2A"))
    assert payload is not None
    assert cards(payload)["value"][0] == "10,45 %"  # as published
    assert cards(payload)["quartile"][1] == "Q1 10,225, Q3 10,575"  # exact at three decimals


def test_the_map_picks_out_the_departments_of_the_region(small: tuple) -> None:
    state = TerritoryState("t.tx", 2022, entity="2A", peers="region")
    view = TerritoriesView(small, state)
    figure = view.map_figure(view.map)
    compared = {t["code"] for t in figure["tiles"] if t["compared"]}
    assert compared == {"2A", "2B"}  # Corsica's departments
    paris = next(t for t in figure["tiles"] if t["code"] == "75")
    assert nbsp(paris["name"]) == "Paris (75) : 70 %, hors du groupe comparé"
    assert nbsp(figure["legend"]["outside"]) == "bordure en tirets : hors du groupe comparé"
    everyone = TerritoriesView(small, TerritoryState("t.tx", 2022, entity="2A"))
    assert everyone.map_figure(everyone.map)["legend"]["outside"] == ""
