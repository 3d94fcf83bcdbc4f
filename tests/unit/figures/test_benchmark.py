"""One structure against its peers: numbers worked out by hand (DATA_CONTRACT.md §5)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.figures import benchmark as bench
from dashboard.figures import uncertainty
from dashboard.figures.aggregates import aggregates_for
from dashboard.intake.model import Dataset
from dashboard.pages.summary import Honest, criterion_label, summarise
from dashboard.urlstate import PeerMode
from tests.unit.figures.rows import CITY
from tests.unit.figures.rows import contact as _t


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    structures = pd.DataFrame(
        {
            "structure_id": ["A", "B", "C", "D", "E", "F"],
            "name": ["Ville A", "Ville B", "Ville C", "Ville D", "Ville d'Élancourt", "Ville F"],
            "category": [CITY] * 6,
            "region_code": ["44", "44", "84", "84", "44", "44"],
            "department_code": ["67", "67", "01", "01", "67", "67"],
            "population": [60_000, 80_000, 150_000, 70_000, None, 90_000],
        }
    )
    phone = {"answered": True, "first_attempt": True}
    rows = [
        # 2022. G: A 60, B 80, C 90, D 60, E 100, F 67.5.
        _t(2022, "A", "phone", 1, 50, answered=True, rings=8, first_attempt=False,
           crit_courtesy=40),
        _t(2022, "A", "email", 1, 70, answered=True, response_days=12),
        _t(2022, "B", "phone", 1, 80, rings=2, crit_courtesy=80, **phone),
        _t(2022, "B", "email", 1, 80, answered=True, response_days=5),
        _t(2022, "C", "phone", 1, 90, rings=3, crit_courtesy=90, **phone),
        _t(2022, "D", "phone", 1, 70, rings=4, crit_courtesy=70, **phone),
        _t(2022, "D", "email", 1, 50, answered=False),
        _t(2022, "E", "email", 1, 100, answered=True, response_days=1, crit_courtesy=100),
        _t(2022, "F", "phone", 1, 75, rings=3, crit_courtesy=75, **phone),
        _t(2022, "F", "email", 1, 60, answered=True, response_days=8),
        # 2021: A alone.
        _t(2021, "A", "phone", 1, 40, answered=True, rings=5, first_attempt=True),
    ]  # fmt: skip
    return Dataset.build(structures, pd.DataFrame(rows), source="fixture")


def test_headline_by_hand(dataset: Dataset) -> None:
    head = bench.headline(aggregates_for(dataset), "A", 2022, "category")
    stats = head.stats
    assert stats is not None
    # Peers' G sorted: 60 (A), 60 (D), 67.5, 80, 90, 100.
    assert (stats.n, stats.rank) == (6, 5)  # B, C, E, F higher; D ties with A
    assert stats.percentile == 0  # no other peer strictly lower
    assert stats.q1 == pytest.approx(61.875)
    assert stats.median == pytest.approx(73.75)
    assert stats.q3 == pytest.approx(87.5)
    assert stats.best == 100
    assert stats.quartile == "bottom"
    assert not stats.fragile
    assert (head.previous_edition, head.change) == (2021, 20)  # 60 − 40
    assert (head.n_tests, head.n_channels) == (2, 2)


def test_ties_share_the_rank(dataset: Dataset) -> None:
    head = bench.headline(aggregates_for(dataset), "D", 2022, "category")
    assert head.stats is not None and head.stats.rank == 5


def test_peer_narrowing_by_region_and_population(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    region = bench.headline(agg, "A", 2022, "category_region")
    assert region.stats is not None
    assert (region.stats.n, region.stats.rank) == (4, 4)  # A, B, E, F in region 44
    assert region.stats.fragile
    band = bench.headline(agg, "A", 2022, "category_population")
    assert band.definition.band == 2  # 50,000 to under 100,000
    assert band.stats is not None
    assert band.stats.n == 4  # A, B, D, F; E's population unknown, C is larger
    unknown = bench.headline(agg, "E", 2022, "category_population")
    assert unknown.definition.fell_back and unknown.definition.mode == "category"
    assert unknown.stats is not None and unknown.stats.n == 6


def test_channel_not_audited_is_absent_not_zero(dataset: Dataset) -> None:
    rows = bench.channel_comparison(aggregates_for(dataset), "C", 2022, "category")
    rows = rows.set_index("channel")
    assert math.isnan(rows.loc["email", "own"])
    assert rows.loc["email", "n_tests"] == 0
    assert rows.loc["email", "n"] == 5  # the peers that have an email score
    assert rows.loc["phone", "own"] == 90
    assert rows.loc["phone", "rank"] == 1
    assert math.isnan(rows.loc["website", "median"])


def test_channel_quartiles_by_hand(dataset: Dataset) -> None:
    rows = bench.channel_comparison(aggregates_for(dataset), "A", 2022, "category")
    phone = rows.set_index("channel").loc["phone"]
    # Phone scores sorted: 50 (A), 70, 75, 80, 90.
    assert (phone["q1"], phone["median"], phone["q3"], phone["best"]) == (70, 75, 80, 90)
    assert phone["quartile"] == "bottom"


def test_criteria_sorted_by_gap(dataset: Dataset) -> None:
    rows = bench.criterion_comparison(aggregates_for(dataset), "A", 2022, "category")
    courtesy = rows.iloc[0]
    # Courtesy: 40 (A), 70, 75, 80, 90, 100 -> median 77.5.
    assert courtesy["criterion"] == "crit_courtesy"
    assert courtesy["median"] == 77.5
    assert courtesy["gap"] == -37.5
    assert courtesy["mark"] == "weakness"


def test_measures_by_hand(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    measures = bench.structure_measures(dataset.tests)
    rows = bench.measure_comparison(agg, measures, "A", 2022, "category").set_index("measure")
    # Rings over answered phone tests: A 8, B 2, C 3, D 4, F 3 -> median 3.
    assert rows.loc["phone_mean_rings", "own"] == 8
    assert rows.loc["phone_mean_rings", "peer_value"] == 3
    assert rows.loc["phone_mean_rings", "peer_basis"] == "median"
    assert rows.loc["phone_mean_rings", "standing"] == 0  # everyone rings less
    assert rows.loc["phone_first_attempt_pct", "own"] == 0
    # Email within 10 days, pooled over the peers' 5 email tests (contract v1.1, §5): A no
    # (12 days), B yes, D no (no answer), E yes, F yes -> 3 of 5 = 60 %, not the median of
    # the per-structure shares (100).
    email = rows.loc["email_within_10d_pct"]
    assert (email["peer_value"], email["peer_basis"], email["peer_tests"], email["n"]) == (
        60,
        "pooled",
        5,
        5,
    )
    # First attempt: 5 peers' phone tests, 4 completed at the first attempt (A's was not).
    assert rows.loc["phone_first_attempt_pct", "peer_value"] == 80
    assert math.isnan(rows.loc["website_online_procedures_pct", "own"])


def test_pooled_share_weighs_each_test_not_each_structure() -> None:
    structures = pd.DataFrame(
        {"structure_id": ["A", "B"], "name": ["A", "B"], "category": [CITY] * 2,
         "region_code": ["44", "44"], "department_code": ["67", "67"], "population": [1, 1]}
    )  # fmt: skip
    rows = [_t(2022, "A", "mail", i, 50, answered=True, response_days=2) for i in range(3)]
    rows.append(_t(2022, "B", "mail", 1, 50, answered=False))
    data = Dataset.build(structures, pd.DataFrame(rows), source="fixture")
    measures = bench.structure_measures(data.tests)
    out = bench.measure_comparison(aggregates_for(data), measures, "B", 2022, "category")
    mail = out.set_index("measure").loc["mail_within_15d_pct"]
    # Per structure: A 100 %, B 0 %: their median would be 50; pooled: 3 of 4 tests, 75 %.
    assert (mail["peer_value"], mail["peer_tests"], mail["own"], mail["n_tests"]) == (75, 4, 0, 1)


def test_peer_options_say_why_a_narrowing_is_not_offered(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    # A: region 44 holds A, B, E, F of the six; population 60,000: band 50,000-99,999
    # holds A, B, D, F.
    options = {o.mode: o for o in bench.peer_options(agg, "A", 2022)}
    assert (options["category"].n, options["category"].unavailable) == (6, None)
    assert (options["category_region"].n, options["category_region"].unavailable) == (4, None)
    assert options["category_population"].n == 4
    # C: alone in region 84 with D? C and D are both in 84: N = 2. E has no population.
    e = {o.mode: o for o in bench.peer_options(agg, "E", 2022)}
    assert e["category_population"].unavailable == "no_population"
    # In 2021 A is alone in its category: every narrowing is the category itself or alone.
    a2021 = {o.mode: o for o in bench.peer_options(agg, "A", 2021)}
    assert a2021["category"].n == 1
    assert a2021["category_region"].unavailable == "alone"


def test_trajectory_and_method_changes(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    traj = bench.trajectory(agg, "A", "category")
    assert traj["edition"].tolist() == [2021, 2022]
    assert traj["own"].tolist() == [40, 60]
    assert traj["audited"].tolist() == [True, True]
    assert traj["median"].tolist() == [40, 73.75]
    changes = bench.method_changes(agg)
    kinds = {(c.edition, c.kind): c.names for c in changes}
    assert kinds[(2022, "channel")] == ("email",)  # email first tested in 2022
    assert kinds[(2022, "criteria")] == ("crit_courtesy",)  # not assessed in 2021


def test_distribution_is_anonymous_unless_named(dataset: Dataset) -> None:
    agg = aggregates_for(dataset)
    anonymous = bench.peer_distribution(agg, "A", 2022, "category")
    assert "structure_id" not in anonymous.columns
    assert anonymous["ordinal"].tolist() == [1, 2, 3, 4, 5, 6]
    assert anonymous["score"].tolist() == [100, 90, 80, 67.5, 60, 60]
    assert anonymous["is_self"].sum() == 1
    named = bench.peer_distribution(agg, "A", 2022, "category", with_ids=True)
    assert named["structure_id"].tolist()[0] == "E"


def test_search_ignores_accents_and_case(dataset: Dataset) -> None:
    index = bench.search_index(aggregates_for(dataset), {"67": "Bas-Rhin", "01": "Ain"})
    assert bench.search_structures(index, "ELANCOURT") == ["E"]  # accent and case ignored
    assert bench.search_structures(index, "élan ville") == ["E"]  # every word, any order
    assert set(bench.search_structures(index, "bas-rhin")) == {"A", "B", "E", "F"}
    assert bench.search_structures(index, "   ") == []
    labelled = bench.search_index(
        aggregates_for(dataset), {}, {CITY: "Villes de plus de 50 000 habitants"}
    )
    assert len(bench.search_structures(labelled, "villes plus 50 000")) == 6  # by category


def _facts(dataset: Dataset, sid: str, mode: str = "category") -> Honest:
    """The §5b facts of a structure, as the page builds them (where to act with labels)."""
    agg = aggregates_for(dataset)
    peers = bench.peer_definition(agg, sid, mode)  # type: ignore[arg-type]
    actions = uncertainty.where_to_act(agg, sid, 2022, peers)
    actions = actions.assign(label=[criterion_label(c, "fr") for c in actions["item"]])
    return Honest(
        estimate=uncertainty.structure_estimate(agg, sid, 2022),
        rank=uncertainty.structure_rank_interval(agg, sid, 2022, peers),
        change=uncertainty.structure_change(agg, sid, 2022, 2021),
        actions=actions,
    )


def _compared(
    dataset: Dataset, mode: PeerMode = "category"
) -> tuple[bench.Headline, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What `summarise` reads of structure A in 2022 among its peers `mode`: the headline,
    then the channel, criterion and measure comparisons (frames as the page builds them)."""
    agg = aggregates_for(dataset)
    head = bench.headline(agg, "A", 2022, mode)
    channels = bench.channel_comparison(agg, "A", 2022, mode)
    criteria = bench.criterion_comparison(agg, "A", 2022, mode)
    measures = bench.measure_comparison(
        agg, bench.structure_measures(dataset.tests), "A", 2022, mode
    )
    return head, channels, criteria, measures


def test_summary_names_the_weak_channel_with_its_measure(dataset: Dataset) -> None:
    head, channels, criteria, measures = _compared(dataset)
    # French typography puts no-break spaces before « : » and inside « »: read them as spaces.
    fr = [
        t.replace("\u00a0", " ").replace("\u202f", " ")
        for t in summarise("Ville A", head, channels, criteria, measures, "fr")
    ]
    # Without the §5b facts: the bare rank.
    assert fr[0] == (
        "Ville A obtient 60,0 sur 100 en 2022 : rang 5 / 6 parmi les "
        "« Villes de plus de 50 000 habitants » (médiane 73,8)."
    )
    assert "Votre accueil téléphonique est dans le quartile inférieur de vos pairs : " \
           "8,0 sonneries en moyenne contre 3,0 pour la médiane. " \
           "(Sur 1 test seulement.)" in fr  # fmt: skip
    en = summarise("Ville A", head, channels, criteria, measures, "en")
    assert "Your phone reception is in the bottom quartile of your peers: " \
           "8.0 rings on average against 3.0 for the median. (From only 1 test.)" in en  # fmt: skip
    # Deterministic: the same numbers give the same words.
    assert summarise("Ville A", head, channels, criteria, measures, "en") == en


def test_summary_says_what_the_numbers_can_bear(dataset: Dataset) -> None:
    """Every test of the fixture is alone on its channel: no spread can be measured (§5b),
    so no interval, no verdict on the change, and the few tests are named."""
    head, channels, criteria, measures = _compared(dataset)
    facts = _facts(dataset, "A")
    assert facts.rank is not None and (facts.rank.low, facts.rank.high) == (5, 5)  # no noise
    fr = [
        t.replace("\u00a0", " ").replace("\u202f", " ")
        for t in summarise("Ville A", head, channels, criteria, measures, "fr", facts)
    ]
    assert fr[0] == (
        "Ville A obtient 60,0 sur 100 en 2022 (pas d'intervalle : trop peu de structures ont "
        "plusieurs tests pour mesurer la dispersion ; 2 tests) : rang 5 / 6 (rang 5 avec 90 % "
        "de confiance) parmi les « Villes de plus de 50 000 habitants » (médiane 73,8)."
    )
    assert "Ce score ne repose que sur 2 tests : à lire avec prudence." in fr
    # 60 − 40 = +20, but with no measurable noise no rise is claimed.
    assert (
        "Depuis 2021 : +20,0 points, mais la marge de mesure n'est pas connue ; ni hausse ni "
        "baisse n'est établie (2 tests en 2022, 1 en 2021)." in fr
    )
    assert "En 2021, votre score ne reposait que sur 1 test." in fr
    # Where to act, worked by hand: courtesy 40 against the peers' 40, 70, 75, 80, 90, 100:
    # median 77.5, Q3 at position 4.75 = 87.5; 37.5 and 47.5 points to reach them.
    assert (
        "Critère à travailler en premier : courtoisie (40,0 contre 77,5 pour la médiane de vos "
        "pairs ; 37,5 points pour l'atteindre, 47,5 pour atteindre leur troisième quartile ; "
        "sur 1 test seulement ; intervalle non mesurable)." in fr
    )


def test_summary_names_a_narrowed_group_and_a_small_share_with_its_tests(dataset: Dataset) -> None:
    head, channels, criteria, measures = _compared(dataset, "category_region")
    agg = aggregates_for(dataset)
    text = summarise("Ville A", head, channels, criteria, measures, "fr")[0].replace("\u00a0", " ")
    assert "parmi les « Villes de plus de 50 000 habitants » de la région Grand Est" in text
    en = summarise("Ville A", head, channels, criteria, measures, "en")[0]
    assert "among “Cities over 50,000 inhabitants” in the Grand Est region" in en
    banded = bench.headline(agg, "A", 2022, "category_population")
    assert (
        "of 50,000 to 99,999 inhabitants"
        in summarise("Ville A", banded, channels, criteria, measures, "en")[0]
    )


def test_share_text_never_shows_a_share_of_one_or_two_tests_alone() -> None:
    from dashboard.pages.summary import share_text

    assert share_text(50.0, 2, "fr") == "50\u202f% (2 tests)"
    assert share_text(100.0, 1, "en") == "100% (1 test)"
    assert share_text(75.0, 4, "en") == "75%"


def test_trajectory_leaves_a_gap_where_the_structure_was_not_audited() -> None:
    structures = pd.DataFrame(
        {"structure_id": ["A", "B"], "name": ["A", "B"], "category": [CITY] * 2,
         "region_code": ["44", "44"], "department_code": ["67", "67"], "population": [1, 1]}
    )  # fmt: skip
    rows = [_t(e, "B", "phone", 1, 50 + e - 2019) for e in (2019, 2020, 2021, 2022)]
    rows += [_t(2019, "A", "phone", 1, 60), _t(2021, "A", "phone", 1, 70)]
    data = Dataset.build(structures, pd.DataFrame(rows), source="fixture")
    traj = bench.trajectory(aggregates_for(data), "A", "category")
    # From its first to its last audited edition; 2020 is a gap (no line across it), and
    # 2022, after its last, is not shown.
    assert traj["edition"].tolist() == [2019, 2020, 2021]
    assert traj["audited"].tolist() == [True, False, True]
    assert math.isnan(traj["own"].iloc[1])
    assert traj["median"].tolist() == [55, 51, 61]  # 2019: A 60, B 50; then B alone, and both
