"""« Ma structure » (dashboard.pages.benchmark): its payload, tables and CSVs for a state, the
rank checked independently, anonymity in what it builds, the comparison."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import (
    SECTION_BY_NAME,
    BenchmarkView,
    benchmark_payload,
    compare_payload,
)
from dashboard.pages.benchmark import state_from_address as parse_state
from dashboard.pages.sections import table_view
from dashboard.urlstate import BenchmarkState
from layouts import ids

WINNER = "W-STRASBOURG"


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


def _other_names_and_ids(demo: Dataset, own: str) -> list[str]:
    others = demo.structures[demo.structures["structure_id"] != own]
    return [*others["name"].tolist(), *[f'"{i}"' for i in others["structure_id"]],
            *[f"'{i}'" for i in others["structure_id"]]]  # fmt: skip


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


def test_invalid_url_values_fall_back(demo: Dataset) -> None:
    state, rejected = parse_state(demo, f"?structure={WINNER}&edition=1999&peers=x&channel=fax")
    assert state == BenchmarkState(WINNER, 2022, None, "category", (), "fr")
    assert {p for p, _ in rejected} == {"edition", "peers", "channel"}


def test_every_figure_draws_only_trace_types_of_the_apps_plotly_bundle(demo: Dataset) -> None:
    """The app's plotly.js registers dashboard.render.theme.TRACE_TYPES only (a trace of
    another type would not be drawn): every figure of both pages, comparisons included, keeps
    to them."""
    from dashboard.pages.overview import overview_payload
    from dashboard.render.block_kinds import GRAPH, kind_of
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
    # The tile map and the list of links are HTML, not plotly (dashboard.render.block_kinds).
    figures = [figure for figure in figures if kind_of(figure) == GRAPH]
    drawn = {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}
    assert len(figures) == 10
    assert drawn == set(TRACE_TYPES)


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


# --- Honest comparisons (issue 16, contract §5b) ------------------------------------------


def spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_rank_card_gives_the_interval_and_a_fragile_group_only_the_interval(
    demo: Dataset,
) -> None:
    from dashboard.pages.honest import rank_range_text

    view = BenchmarkView(demo, BenchmarkState("S00001", 2022), named=False)
    payload = benchmark_payload(demo, BenchmarkState("S00001", 2022), named=False)
    cards = {c.name: c for c in payload.cards}
    interval = view.rank_interval
    assert interval is not None and interval.low <= interval.rank <= interval.high
    assert cards["rank"].value == f"{interval.rank} / {interval.n}"
    assert spaces(cards["rank"].detail).startswith(
        f"entre {interval.low} et {interval.high} avec 90 % de confiance"
    )
    assert rank_range_text(interval, "fr") in payload.summary[0]
    # Three peers in the region: "1 à 4 / 4"-like, never a bare rank.
    fragile = benchmark_payload(
        demo, BenchmarkState("S00026", 2022, peers="category_region"), False
    )
    rank = {c.name: c for c in fragile.cards}["rank"]
    low, _, rest = rank.value.partition(" à ")
    high, _, n = rest.partition(" / ")
    assert int(low) < int(high) <= int(n) < 5
    assert "l'intervalle plutôt qu'un rang" in spaces(rank.detail)
    assert "rang entre" in spaces(fragile.summary[0])


def test_the_change_card_calls_a_rise_only_beyond_the_noise(demo: Dataset) -> None:
    for sid, tone in (("S00001", "good"), ("S00008", "noise")):
        view = BenchmarkView(demo, BenchmarkState(sid, 2022), named=False)
        test = view.change_test
        assert test is not None and test.se is not None and test.change is not None
        beyond = abs(test.change) > 1.645 * test.se
        assert beyond == (tone != "noise")
        card = {c.name: c for c in benchmark_payload(demo, view.state, False).cards}["change"]
        assert card.tone == tone
        expected = "hausse (au-delà" if beyond else "stable (dans la marge de mesure)"
        assert spaces(card.verdict).startswith(expected)
        # Both editions' tests are given.
        assert f"{test.n_now} tests en 2022, {test.n_past} en " in spaces(card.detail)
        summary = " ".join(benchmark_payload(demo, view.state, False).summary)
        assert ("en hausse" in summary) == beyond
        assert ("stable (dans la marge de mesure)" in spaces(summary)) == (not beyond)


def test_channel_intervals_and_the_borrowed_spread_are_in_the_table_and_the_note(
    demo: Dataset,
) -> None:
    state = BenchmarkState("W-BOURG-EN-BRESSE", 2022)
    payload = benchmark_payload(demo, state, named=False)
    note = spaces(payload.charts[ids.BENCH_CHANNELS.name].note or "")
    # In 2022 no structure had two letter or website tests: those borrow the edition's spread.
    assert note.startswith("Courrier, Site internet : trop peu de structures y ont plusieurs")
    table = table_view(SECTION_BY_NAME[ids.BENCH_CHANNELS.name], BenchmarkView(demo, state, False))
    header = [spaces(h) for h in table.headers]
    low, high, source = (header.index(h) for h in (
        "Intervalle à 90 % : bas", "Intervalle à 90 % : haut", "Dispersion utilisée"))  # fmt: skip
    rows = {row[0]: row for row in table.rows}
    assert rows["Courrier"][source] == "empruntée à l'ensemble de l'édition"
    assert rows["Téléphone"][source] == "propre"
    assert (
        float(rows["Téléphone"][low].replace(",", "."))
        < 83.7
        < float(rows["Téléphone"][high].replace(",", "."))
    )
    # The figure draws the interval beside the own score.
    figure = payload.charts[ids.BENCH_CHANNELS.name].figure
    span = next(t for t in figure["data"] if spaces(t["name"]) == "Votre intervalle à 90 %")
    assert len([x for x in span["x"] if x is not None]) == 2 * 6


def test_where_to_act_is_given_to_every_structure(demo: Dataset) -> None:
    """Not only the bottom quartile (issue 16): a mid-ranked structure gets its levers, with
    the points to reach the median and Q3, as a chart, a table of three and a sentence."""
    state = BenchmarkState("S00001", 2022)
    view = BenchmarkView(demo, state, named=False)
    assert view.head.stats is not None and view.head.stats.quartile in ("second", "third")
    actions = view.actions
    assert len(actions) == 3 and actions["priority"].tolist() == [1, 2, 3]
    for _, row in actions.iterrows():
        assert row["to_median"] == pytest.approx(max(0.0, row["median"] - row["own"]), abs=0.11)
        assert row["to_q3"] == pytest.approx(max(0.0, row["q3"] - row["own"]), abs=0.11)
    payload = benchmark_payload(demo, state, named=False)
    assert payload.tables[ids.BENCH_ACTIONS.name].rows[0][0] == actions["label"].iloc[0]
    first = spaces(actions["label"].iloc[0]).lower()
    sentence = next(s for s in payload.summary if first in spaces(s))
    assert spaces(sentence).startswith(("Critère à travailler en premier", "Tous vos critères"))
    figure = payload.charts[ids.BENCH_ACT.name].figure
    assert {t["name"] for t in figure["data"] if t.get("mode") == "markers+text"} <= {
        "Agir en premier", "À maintenir", "Secondaire"}  # fmt: skip
    # The second view: channels.
    channels = BenchmarkView(demo, BenchmarkState("S00001", 2022, act="channel"), False).act
    assert set(channels["view"]) == {"channel"} and len(channels) >= 2


def test_every_peer_s_rank_interval_is_shown_on_demand_anonymously(demo: Dataset) -> None:
    state = BenchmarkState(WINNER, 2022, intervals=True)
    view = BenchmarkView(demo, state, named=False)
    frame = view.distribution
    assert frame["rank_low"].notna().all() and (frame["rank_low"] <= frame["rank"]).all()
    assert (frame["rank"] <= frame["rank_high"]).all() and frame["rank_high"].max() <= len(frame)
    own = frame[frame["is_self"]].iloc[0]
    assert (own["rank_low"], own["rank_high"]) == (view.rank_interval.low, view.rank_interval.high)
    payload = benchmark_payload(demo, state, named=False)
    text = repr(payload)
    assert [n for n in _other_names_and_ids(demo, WINNER) if n in text] == []
    figure = payload.charts[ids.BENCH_DISTRIBUTION.name].figure
    assert figure["layout"]["yaxis"]["range"][0] > figure["layout"]["yaxis"]["range"][1]
    assert payload.charts[ids.BENCH_DISTRIBUTION.name].note
    # Off: no interval computed, the columns empty, the strip drawn.
    plain = BenchmarkView(demo, BenchmarkState(WINNER, 2022), named=False).distribution
    assert plain["rank_low"].isna().all()


def test_the_view_switches_live_in_the_address(demo: Dataset) -> None:
    from dashboard.urlstate import benchmark_query

    state, rejected = parse_state(demo, f"?structure={WINNER}&intervals=1&act=channel")
    assert (state.intervals, state.act, rejected) == (True, "channel", [])
    assert benchmark_query(state) == f"?structure={WINNER}&edition=2022&intervals=1&act=channel"
    state, rejected = parse_state(demo, f"?structure={WINNER}&intervals=yes&act=nope")
    assert (state.intervals, state.act) == (False, "criterion")
    assert {p for p, _ in rejected} == {"intervals", "act"}
