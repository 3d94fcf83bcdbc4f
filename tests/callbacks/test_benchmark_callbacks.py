""" "My structure" callbacks called as plain functions, and the rank checked independently."""

from __future__ import annotations

import io
import math
from typing import Any

import pandas as pd
import pytest
from dash import no_update

from callbacks.benchmark import (
    benchmark_csv,
    compare_csv,
    compare_table,
    picker_options,
    sync_url,
)
from callbacks.routing import render_page
from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import (
    SECTION_BY_NAME,
    BenchmarkView,
    benchmark_payload,
    compare_payload,
)
from dashboard.pages.benchmark import state_from_address as parse_state
from dashboard.pages.sections import table_view
from dashboard.render.tables import round_as_shown
from dashboard.urlstate import BenchmarkState
from layouts import ids
from tests.plotly_data import decode

WINNER = "W-STRASBOURG"


def page_text(tree: Any) -> str:
    """Every text of a component tree, no-break spaces read as spaces."""
    texts = [tree] if isinstance(tree, str) else []
    for node in getattr(tree, "_traverse", lambda: [])():
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if isinstance(child, str):
                texts.append(child)
    return " ".join(texts).replace("\u00a0", " ").replace("\u202f", " ")


def independent_rank(demo: Dataset, structure_id: str, edition: int) -> tuple[int, int]:
    """Rank and N on the global score, recomputed here from the raw tests with plain pandas."""
    tests = demo.tests[demo.tests["edition"] == edition]
    by_channel = tests.groupby(["structure_id", "channel"])["score"].mean()
    global_score = by_channel.groupby("structure_id").mean()
    category = demo.structures.set_index("structure_id").loc[structure_id, "category"]
    peers = demo.structures.loc[demo.structures["category"] == category, "structure_id"]
    values = global_score[global_score.index.isin(peers)]
    own = values[structure_id]
    return 1 + int((values > own).sum()), len(values)


@pytest.mark.parametrize("structure_id", [WINNER, "S00042", "S01000"])
def test_rank_shown_equals_an_independent_computation(demo: Dataset, structure_id: str) -> None:
    state, _ = parse_state(demo, f"?structure={structure_id}")
    assert state.edition is not None
    payload = benchmark_payload(demo, state, named=False)
    cards = {c.name: c for c in payload.cards}
    rank, n = independent_rank(demo, structure_id, state.edition)
    assert cards["rank"].value == f"{rank} / {n}"
    assert f"N = {n} structures" in payload.definition


def test_winner_headline_and_summary(demo: Dataset) -> None:
    payload = benchmark_payload(demo, BenchmarkState(WINNER, 2022), named=False)
    cards = {c.name: c for c in payload.cards}
    assert cards["rank"].value == "1 / 49"
    assert cards["quartile"].value == "quartile supérieur"
    assert payload.summary[0].startswith("Ville de Strasbourg obtient 92,2 sur 100 en 2022")


def _other_names_and_ids(demo: Dataset, own: str) -> list[str]:
    others = demo.structures[demo.structures["structure_id"] != own]
    return [*others["name"].tolist(), *[f'"{i}"' for i in others["structure_id"]],
            *[f"'{i}'" for i in others["structure_id"]]]  # fmt: skip


def test_anonymous_payload_carries_no_peer_name_or_id(demo: Dataset) -> None:
    payload = benchmark_payload(demo, BenchmarkState(WINNER, 2022, peers="category"), False)
    text = repr(payload)
    leaks = [needle for needle in _other_names_and_ids(demo, WINNER) if needle in text]
    assert leaks == []
    assert "Pair 2" in text


def test_named_mode_shows_peer_names(demo: Dataset) -> None:
    view = BenchmarkView(demo, BenchmarkState(WINNER, 2022), named=True)
    rows = table_view(SECTION_BY_NAME[ids.BENCH_DISTRIBUTION.name], view).rows
    assert not any(row[0].startswith("Pair ") for row in rows)
    assert "Ville de Strasbourg" in {row[0] for row in rows}


def test_fragile_group_hides_percentile_and_quartile(demo: Dataset) -> None:
    payload = benchmark_payload(demo, BenchmarkState(WINNER, 2022, peers="category_region"), False)
    cards = {c.name for c in payload.cards}
    if "comparaisons sont fragiles" in payload.fragile:
        assert "percentile" not in cards and "quartile" not in cards
    else:
        assert {"percentile", "quartile"} <= cards


def test_picker_options_carry_names_only(demo: Dataset) -> None:
    options = picker_options(demo, "strasbourg", [], "fr")
    assert options and all(set(o) == {"label", "value"} for o in options)
    assert options[0]["value"] == WINNER
    accentless = picker_options(demo, "maison du departement des solidarites", [], "fr")
    assert "W-GRAVES" in [o["value"] for o in accentless]
    by_department = picker_options(demo, "gironde", [], "fr")
    assert "W-GRAVES" in [o["value"] for o in by_department]


def test_choosing_a_structure_resets_the_edition_to_its_latest(demo: Dataset) -> None:
    out = sync_url(demo, ids.BENCH_STRUCTURE, "", WINNER, 2013, "category", None, [], "fr")
    assert out[0] == f"?structure={WINNER}&edition=2022"
    assert out[2] == 2022
    assert out[3][0] == {"label": "2022", "value": 2022}  # options come with the value


def test_url_change_sets_every_control(demo: Dataset) -> None:
    search = f"?structure={WINNER}&edition=2019&peers=category_region&channel=phone"
    out = sync_url(demo, ids.BENCH_URL, search, None, None, None, None, None, "fr")
    assert out[0] is no_update
    assert out[1:3] == (WINNER, 2019)
    assert out[4:] == ("category_region", "phone", [])


def test_invalid_url_values_fall_back(demo: Dataset) -> None:
    state, rejected = parse_state(demo, f"?structure={WINNER}&edition=1999&peers=x&channel=fax")
    assert state == BenchmarkState(WINNER, 2022, None, "category", (), "fr")
    assert {p for p, _ in rejected} == {"edition", "peers", "channel"}


def test_compare_payload(demo: Dataset) -> None:
    payload = compare_payload(demo, [WINNER, "W-BOURG-EN-BRESSE"], 2022, "en")
    table = compare_table(
        demo, [WINNER, "W-BOURG-EN-BRESSE"], 2022, "en", ids.COMPARE_CHANNELS.name
    )
    rows = table.rows
    assert rows[0][:2] == ["Ville de Strasbourg", "Global score"]
    assert len(rows) == 14  # 2 structures x (global + 6 channels)
    file = compare_csv(demo, [WINNER, "W-BOURG-EN-BRESSE"], 2022, "en", ids.COMPARE_CHANNELS.name)
    csv = pd.read_csv(io.StringIO(file.content.lstrip("\ufeff")))
    assert csv.iloc[:, :2].values.tolist() == [row[:2] for row in rows]
    figure = payload.charts[ids.COMPARE_CHANNELS.name].figure
    drawn = [v for trace in figure["data"] for v in decode(trace["y"]) if not math.isnan(v)]
    # The CSV holds what is drawn, rounded as the table shows it (one decimal).
    assert sorted(csv["Score"].dropna()) == sorted(round_as_shown(v) for v in drawn)


def test_benchmark_page_renders_in_both_languages(services: Any) -> None:
    page, _, doc = render_page(services, "/benchmark", f"?structure={WINNER}&lang=en")
    assert "My structure" in str(page) and doc["lang"] == "en"
    page, _, _ = render_page(services, "/benchmark", "")
    assert "Choisissez une structure" in str(page)


def test_csv_of_channels_is_what_is_drawn(demo: Dataset) -> None:

    payload = benchmark_payload(demo, BenchmarkState(WINNER, 2022), named=False)
    file = benchmark_csv(demo, BenchmarkState(WINNER, 2022), False, ids.BENCH_CHANNELS.name)
    assert file is not None and file.filename == "channels-2022.csv"
    csv = file.content.lstrip("\ufeff")
    table = pd.read_csv(io.StringIO(csv), sep=";", decimal=",")
    figure = payload.charts[ids.BENCH_CHANNELS.name].figure
    own_trace = figure["data"][3]
    drawn = sorted(decode(own_trace["x"]).tolist())
    assert sorted(table["Votre score"].dropna().tolist()) == pytest.approx(drawn)


def test_url_the_page_just_wrote_leaves_the_controls_alone(demo: Dataset) -> None:
    search = f"?structure={WINNER}&edition=2021&peers=category_region"
    out = sync_url(demo, ids.BENCH_URL, search, WINNER, 2021, "category_region", None, [], "fr")
    assert all(v is no_update for v in out)


def test_the_first_render_comes_drawn(services: Any, demo: Dataset) -> None:
    page, _, _ = render_page(services, "/benchmark", f"?structure={WINNER}&edition=2021&lang=en")
    expected = benchmark_payload(demo, BenchmarkState(WINNER, 2021, lang="en"), named=False)
    found = {getattr(c, "id", None): c for c in page._traverse()}
    assert found[ids.BENCH_CONTENT].hidden is False and found[ids.BENCH_PROMPT].hidden is True
    assert (
        found[ids.BENCH_TRAJECTORY.graph].figure
        == expected.charts[ids.BENCH_TRAJECTORY.name].figure
    )
    assert found[ids.BENCH_HEADLINE].children is not None
    # Without a structure, the prompt shows and nothing is computed.
    page, _, _ = render_page(services, "/benchmark", "")
    found = {getattr(c, "id", None): c for c in page._traverse()}
    assert found[ids.BENCH_PROMPT].hidden is False and found[ids.BENCH_CONTENT].hidden is True


def test_every_figure_draws_only_trace_types_of_the_apps_plotly_bundle(demo: Dataset) -> None:
    """The app's plotly.js registers dashboard.render.theme.TRACE_TYPES only (a trace of
    another type would not be drawn): every figure of both pages, comparisons included, keeps
    to them."""
    from dashboard.pages.overview import overview_payload
    from dashboard.render.theme import TRACE_TYPES
    from dashboard.urlstate import OverviewState

    figures = [
        *[c.figure for c in overview_payload(demo, OverviewState(edition=2022)).charts.values()],
        *[
            c.figure
            for c in benchmark_payload(
                demo, BenchmarkState(WINNER, 2022), named=True
            ).charts.values()
        ],
        *[c.figure for c in compare_payload(demo, [WINNER, "S00042"], 2022, "fr").charts.values()],
    ]
    drawn = {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}
    assert len(figures) == 9
    assert drawn == set(TRACE_TYPES)


def test_a_structure_not_audited_in_the_edition_asked_is_named(services: Any) -> None:
    page, _, _ = render_page(services, "/benchmark", f"?structure={WINNER}&edition=2020")
    text = page_text(page)
    assert "« Ville de Strasbourg » n'a pas été auditée en 2020 : voici son édition 2022." in text
    assert "non reconnue" not in text


def test_peer_options_and_fall_back_in_the_payload(demo: Dataset) -> None:
    payload = benchmark_payload(demo, BenchmarkState(WINNER, 2022, None, "category"), False)
    options = {o.value: o for o in payload.peer_choices}
    assert options["category"].disabled is False
    assert "N = " in options["category"].label
    # Every narrowing is offered or disabled with words; none crashes.
    for option in options.values():
        assert option.disabled == ("indisponible" in option.label)


def test_forged_control_values_are_read_as_unset(demo: Dataset) -> None:
    from dashboard.figures.aggregates import aggregates_for
    from dashboard.urlstate import benchmark_state_of, year_of

    def controls_state(agg: Any, *values: Any) -> BenchmarkState:
        return benchmark_state_of(values[0], values[1], values[2], values[3], values[4],
                                  values[5], agg.structure_ids)  # fmt: skip

    agg = aggregates_for(demo)
    for edition in ({"a": 1}, [2022], "²⁰²²", "2" * 5000, True, None, 2022.5):
        assert year_of(edition) is None
    state = controls_state(agg, ["x"], {"e": 1}, "junk-peers", "junk-channel", "notalist", 42)
    assert state == BenchmarkState(None, None, None, "category", (), "fr")
    many = controls_state(
        agg, WINNER, 2022, None, None, [WINNER, *sorted(agg.structure_ids)[:50]], "en"
    )
    assert len(many.compare) == 3 and WINNER not in many.compare


def test_comparison_always_holds_the_own_structure_first(demo: Dataset) -> None:
    from dashboard.pages.benchmark import compared_structures

    others = ["W-BOURG-EN-BRESSE", WINNER, "W-MAYENNE", "W-GRAND-EST", "W-SICOVAL"]
    chosen = compared_structures(demo, WINNER, others)
    assert chosen == [WINNER, "W-BOURG-EN-BRESSE", "W-MAYENNE", "W-GRAND-EST"]
    payload = compare_payload(demo, chosen, 2013, "en")
    assert payload.note.startswith("Not audited in 2013:")


def test_search_states_when_results_are_cut(demo: Dataset) -> None:
    from dashboard.pages.search import search_picker

    options, status = search_picker(demo, "bourg", [], "fr")
    assert options[0].label.startswith("Ville de Bourg-en-Bresse")
    assert status.replace("\u00a0", " ").startswith("30 premiers résultats sur ")
    one, status_one = search_picker(demo, "bourg en bresse", [], "en")
    assert status_one == "1 result" and one[0].value == "W-BOURG-EN-BRESSE"
    kept, _ = search_picker(demo, "zzzz", [WINNER], "fr")
    assert [o.value for o in kept] == [WINNER]  # the structure picked stays findable
