"""The view as its address carries it (dashboard.urlstate): written then read back, any state
is the same state; refused values fall back and are reported; controls' values are checked
as the address's are."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.intake.schema import CATEGORIES, CHANNELS, REGION_CODES
from dashboard.urlstate import (
    MAX_COMPARE,
    PEER_MODES,
    BenchmarkState,
    OverviewState,
    benchmark_query,
    benchmark_state_of,
    lang_of,
    overview_query,
    overview_state_of,
    parse_benchmark,
    parse_overview,
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
