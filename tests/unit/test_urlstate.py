"""The view as its address carries it (dashboard.urlstate): written then read back, any state
is the same state; refused values fall back and are reported; controls' values are checked
as the address's are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.intake.schema import CATEGORIES, CHANNELS, REGION_CODES
from dashboard.urlstate import (
    ACT_VIEWS,
    MAP_LEVELS,
    MAX_COMPARE,
    PEER_MODES,
    SERIES,
    TERRITORY_SCOPES,
    BenchmarkState,
    IndicatorOffer,
    OverviewState,
    TerritoryState,
    benchmark_query,
    benchmark_state_of,
    lang_of,
    overview_query,
    overview_state_of,
    parse_benchmark,
    parse_overview,
    parse_territories,
    territories_query,
    territories_state_of,
    with_lang,
)

EDITIONS = list(range(2013, 2023))
STRUCTURES = [f"S{i:05d}" for i in range(40)] + ["W-STRASBOURG", "id with space", "é,2"]
EDITIONS_OF = {sid: EDITIONS[i % 3 :: 2] for i, sid in enumerate(STRUCTURES)}


def ordered_subset(allowed: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.sets(st.sampled_from(allowed)).map(
        lambda chosen: tuple(c for c in allowed if c in chosen)
    )


overview_states = st.builds(
    OverviewState,
    edition=st.sampled_from(EDITIONS),
    categories=ordered_subset(CATEGORIES),
    channels=ordered_subset(CHANNELS),
    region=st.none() | st.sampled_from(REGION_CODES),
    lang=st.sampled_from(["fr", "en"]),
    series=st.sampled_from(SERIES),
    map_level=st.sampled_from(MAP_LEVELS),
)


@given(overview_states)
def test_an_overview_state_survives_its_address(state: OverviewState) -> None:
    parsed = parse_overview(overview_query(state), EDITIONS)
    assert parsed.state == state
    assert parsed.rejected == ()


@st.composite
def benchmark_states(draw: st.DrawFn) -> BenchmarkState:
    structure = draw(st.sampled_from([s for s in STRUCTURES if "," not in s]))
    edition = draw(st.sampled_from(EDITIONS_OF[structure]))
    others = [s for s in STRUCTURES if s != structure and "," not in s]
    compare = draw(st.lists(st.sampled_from(others), max_size=MAX_COMPARE, unique=True))
    return BenchmarkState(
        structure,
        edition,
        draw(st.none() | st.sampled_from(CHANNELS)),
        draw(st.sampled_from(PEER_MODES)),
        tuple(compare),
        draw(st.sampled_from(["fr", "en"])),
        intervals=draw(st.booleans()),
        act=draw(st.sampled_from(ACT_VIEWS)),
    )


@given(benchmark_states())
def test_a_benchmark_state_survives_its_address(state: BenchmarkState) -> None:
    parsed = parse_benchmark(benchmark_query(state), STRUCTURES, EDITIONS_OF)
    assert parsed.state == state
    assert parsed.rejected == ()


@given(st.text(max_size=200))
def test_any_address_parses_to_a_valid_state(search: str) -> None:
    overview = parse_overview(search, EDITIONS).state
    assert overview.edition in EDITIONS
    bench = parse_benchmark(search, STRUCTURES, EDITIONS_OF).state
    assert bench.structure is None or bench.structure in STRUCTURES
    assert bench.peers in PEER_MODES and len(bench.compare) <= MAX_COMPARE


def test_refused_values_fall_back_and_are_reported() -> None:
    parsed = parse_overview("?edition=%C2%B2%E2%81%B0&category=region,nope&channel=fax", EDITIONS)
    assert parsed.state == OverviewState(2022, ("region",))
    assert dict(parsed.rejected) == {"edition": "²⁰", "category": "nope", "channel": "fax"}


def test_the_language_of_an_address_and_the_same_address_in_another() -> None:
    assert lang_of("?edition=2022&lang=en") == "en"
    assert lang_of("?lang=de") == "fr" and lang_of(None) == "fr"
    assert (
        with_lang("/", "?edition=2022&category=a,b", "en") == "/?edition=2022&category=a,b&lang=en"
    )
    assert with_lang("/benchmark", "?structure=X&lang=en", "fr") == "/benchmark?structure=X"


@given(
    st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers()),
              st.dictionaries(st.text(max_size=3), st.integers())),
)  # fmt: skip
def test_control_values_of_any_type_give_a_valid_state_or_none(value: object) -> None:
    overview = overview_state_of(value, value, value, value, value, EDITIONS)
    assert overview is None or overview.edition in EDITIONS
    bench = benchmark_state_of(value, value, value, value, value, value, set(STRUCTURES))
    assert bench.structure is None or bench.structure in STRUCTURES
    assert bench.peers in PEER_MODES and bench.lang in ("fr", "en")


# --- « Territoires » ----------------------------------------------------------------------

DEPARTMENTS = frozenset({"01", "2A", "2B", "75", "971", "976"})
REGIONS = frozenset({"11", "84", "94", "01"})  # "01" is a department and a region: Guadeloupe
OFFERS = (
    IndicatorOffer(
        "barometre.tx-transparence", (2017, 2018, 2022), ("department",),
        {"department": DEPARTMENTS},
    ),
    IndicatorOffer(
        "barometre.delai", (2020, 2021), ("region", "department"),
        {"region": REGIONS, "department": DEPARTMENTS - {"976"}},
    ),
    IndicatorOffer("autre.delai", (2019,), ("other",), {"other": frozenset({"EPCI-1", "é 2"})}),
)  # fmt: skip


@st.composite
def territory_states(draw: st.DrawFn) -> TerritoryState:
    """A canonical state: what parsing any address of it gives back (the level written only
    when it is not the indicator's first)."""
    offer = draw(st.sampled_from(OFFERS))
    level = draw(st.sampled_from(offer.levels))
    entity = draw(st.none() | st.sampled_from(sorted(offer.entities[level])))
    peers = draw(st.sampled_from(TERRITORY_SCOPES if level == "department" else ("all",)))
    return TerritoryState(
        indicator=offer.key,
        period=draw(st.sampled_from(offer.periods)),
        level=None if level == offer.levels[0] else level,
        entity=entity,
        peers=peers,
        lang=draw(st.sampled_from(["fr", "en"])),
    )


@given(territory_states())
def test_a_territory_state_survives_its_address(state: TerritoryState) -> None:
    parsed = parse_territories(territories_query(state), OFFERS)
    assert parsed.state == state
    assert parsed.rejected == ()


@given(territory_states())
def test_a_territory_state_survives_its_controls(state: TerritoryState) -> None:
    """The controls show the level in force: the state read from them is the same."""
    offer = next(o for o in OFFERS if o.key == state.indicator)
    level = state.level or offer.levels[0]
    assert (
        territories_state_of(
            state.indicator, state.period, level, state.entity, state.peers, state.lang, OFFERS
        )
        == state
    )


@given(st.text(max_size=200))
def test_any_address_gives_a_territory_state_the_tables_offer(search: str) -> None:
    state = parse_territories(search, OFFERS).state
    offer = next(o for o in OFFERS if o.key == state.indicator)
    assert state.period in offer.periods
    level = state.level or offer.levels[0]
    assert state.level is None or state.level in offer.levels[1:]
    assert state.entity is None or state.entity in offer.entities[level]
    assert state.peers == "all" or level == "department"


def test_territory_values_not_offered_fall_back_and_are_reported() -> None:
    parsed = parse_territories(
        "?indicator=nope&period=1999&entity=99&peers=everyone&level=moon", OFFERS
    )
    assert parsed.state == TerritoryState("barometre.tx-transparence", 2022)
    assert dict(parsed.rejected) == {
        "indicator": "nope", "period": "1999", "entity": "99", "peers": "everyone",
        "level": "moon",
    }  # fmt: skip


def test_a_bare_indicator_id_and_a_level_name_the_same_view() -> None:
    parsed = parse_territories("?indicator=delai&level=department&entity=2A&peers=region", OFFERS)
    assert parsed.state == TerritoryState("barometre.delai", 2021, "department", "2A", "region")
    assert parsed.rejected == ()
    # "01" is Guadeloupe among regions, Ain among departments: the level says which.
    region = parse_territories("?indicator=barometre.delai&entity=01", OFFERS).state
    assert (region.level, region.entity) == (None, "01")
    assert territories_query(region) == "?indicator=barometre.delai&period=2021&entity=01"


def test_same_region_is_for_departments_only() -> None:
    parsed = parse_territories("?indicator=barometre.delai&entity=11&peers=region", OFFERS)
    assert parsed.state.peers == "all"
    assert dict(parsed.rejected) == {"peers": "region"}


def test_with_nothing_loaded_only_the_indicator_is_refused() -> None:
    parsed = parse_territories("?indicator=x&period=2022&entity=01&lang=en", ())
    assert parsed.state == TerritoryState(lang="en")
    assert dict(parsed.rejected) == {"indicator": "x"}
    assert territories_query(parsed.state) == "?lang=en"


@given(
    st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers()),
              st.dictionaries(st.text(max_size=3), st.integers()), st.booleans()),
)  # fmt: skip
def test_territory_controls_of_any_type_give_a_state_the_tables_offer(value: object) -> None:
    state = territories_state_of(value, value, value, value, value, value, OFFERS)
    offer = next(o for o in OFFERS if o.key == state.indicator)
    assert state.period in offer.periods and state.lang in ("fr", "en")
    assert state.entity is None or state.entity in offer.entities[state.level or offer.levels[0]]
    assert state.peers in TERRITORY_SCOPES


def test_an_address_writes_its_choices_in_order_the_language_last() -> None:
    """Defaults are left out (the overview's edition is always written)."""
    bench = BenchmarkState(
        "S1", 2022, "phone", "category_region", ("S2", "S3"), "en", intervals=True, act="channel"
    )
    assert benchmark_query(bench) == (
        "?structure=S1&edition=2022&channel=phone&peers=category_region&compare=S2,S3"
        "&intervals=1&act=channel&lang=en"
    )
    assert benchmark_query(BenchmarkState()) == ""
    overview = OverviewState(2022, ("mairie",), ("phone",), "84", "en", "like_for_like", "region")
    assert overview_query(overview) == (
        "?edition=2022&category=mairie&channel=phone&region=84&series=like_for_like&map=region"
        "&lang=en"
    )
    assert overview_query(OverviewState(2022)) == "?edition=2022"
    territory = TerritoryState("t.i", 2021, "region", "84", "region", "en")
    assert territories_query(territory) == (
        "?indicator=t.i&period=2021&level=region&entity=84&peers=region&lang=en"
    )
    assert territories_query(TerritoryState()) == ""


def test_the_overview_map_level_is_in_the_address() -> None:
    state = OverviewState(2022, map_level="region")
    assert overview_query(state) == "?edition=2022&map=region"
    parsed = parse_overview("?edition=2022&map=canton", EDITIONS)
    assert parsed.state.map_level == "department"
    assert dict(parsed.rejected) == {"map": "canton"}
    assert overview_state_of(2022, [], [], None, "fr", EDITIONS, map_level="region") == state
    assert overview_state_of(
        2022, [], [], None, "fr", EDITIONS, map_level=["region"]
    ) == OverviewState(2022)


def test_the_address_offers_the_territory_scopes_the_figures_know() -> None:
    # urlstate stays free of pandas: it names the scopes again, and this keeps the two equal.
    from dashboard.figures.territories import PEER_SCOPES

    assert TERRITORY_SCOPES == PEER_SCOPES == ("all", "region")
    assert PEER_MODES == ("category", "category_region", "category_population")
