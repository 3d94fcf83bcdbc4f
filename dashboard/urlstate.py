"""The view as its address carries it: the pages' routes, the query parsed (in one place) with
fallbacks and written back, the language of an address, the limits of what it may hold.

Every filter of a page lives in the query string (`edition`, `category`, `channel`,
`region`, `lang`; `structure`, `peers`, `compare` on « Ma structure »); a value that is not
valid falls back to the default and is reported so the page can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal
from urllib.parse import parse_qs, urlencode

from dashboard.i18n import DEFAULT_LANG, LANGS, Lang, normalise_lang
from dashboard.intake.schema import CATEGORIES, CHANNELS, REGION_CODES


class Route:
    """The pages' paths."""

    OVERVIEW: Final = "/"
    BENCHMARK: Final = "/benchmark"
    DATA: Final = "/data"
    DEFINITIONS: Final = "/definitions"
    # A consultant's take-aways (issue 15), served by Flask routes, not pages of the shell.
    REPORT: Final = "/rapport"
    PRESENTATION: Final = "/presentation"
    IMAGE: Final = "/image"


# The navbar's pages, in order, with their label's catalog key.
PAGES: Final[tuple[tuple[str, str], ...]] = (
    (Route.OVERVIEW, "ui.nav.overview"),
    (Route.BENCHMARK, "ui.nav.benchmark"),
    (Route.DATA, "ui.nav.data"),
    (Route.DEFINITIONS, "ui.nav.definitions"),
)

PeerMode = Literal["category", "category_region", "category_population"]
PEER_MODES: Final[tuple[PeerMode, ...]] = ("category", "category_region", "category_population")
MAX_COMPARE: Final = 3  # structures compared with the user's own (which is always one of them)


def query_params(search: str | None) -> dict[str, list[str]]:
    """A query string (`?a=1&b=2,3`) as {name: values}: the one place an address is parsed."""
    return parse_qs((search or "").lstrip("?"), keep_blank_values=True)


def lang_of(search: str | None) -> Lang:
    """The page language named by the query (`lang=en`), French otherwise."""
    values = query_params(search).get(Param.LANG, [])
    return normalise_lang(values[0] if values else None)


def with_lang(pathname: str, search: str, lang: str) -> str:
    """The address `pathname` + `search` with `lang` in it instead of its own (French is
    written as no `lang` at all)."""
    params = [(k, v) for k, values in query_params(search).items() for v in values if k != "lang"]
    if normalise_lang(lang) != DEFAULT_LANG:
        params.append((Param.LANG, normalise_lang(lang)))
    query = urlencode(params, safe=",")
    return pathname + ("?" + query if query else "")


class Param:
    """Query parameter names."""

    EDITION = "edition"
    CATEGORY = "category"
    CHANNEL = "channel"
    REGION = "region"
    LANG = "lang"


@dataclass(frozen=True)
class OverviewState:
    """The overview's filters as the URL carries them."""

    edition: int
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    region: str | None = None
    lang: Lang = DEFAULT_LANG


@dataclass(frozen=True)
class ParsedState:
    """A state read from a URL, and the parameters whose values were refused."""

    state: OverviewState
    rejected: tuple[tuple[str, str], ...] = field(default=())


def year_of(value: object) -> int | None:
    """An edition as the URL or a control gives it ("2022", 2022) as an int; None for
    anything else: "²⁰²²" passes isdigit() but not int(), 5,000 digits pass both but name no
    edition, and a forged callback may send a dict, a list or a boolean."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 10_000 else None
    if isinstance(value, str) and len(value) <= 4 and value.isascii() and value.isdigit():
        return int(value)
    return None


def _year(value: str) -> int | None:
    return year_of(value)


def codes_of(values: object, allowed: Sequence[str]) -> tuple[str, ...]:
    """The codes of `allowed` found in a control's value (a list of codes), in the order of
    `allowed`: one view, one address. Anything else (not a list, not a code) is left out."""
    if not isinstance(values, list | tuple):
        return ()
    chosen = {v for v in values[: 4 * len(allowed)] if isinstance(v, str)}
    return tuple(code for code in allowed if code in chosen)


def _values(query: dict[str, list[str]], name: str) -> list[str]:
    out: list[str] = []
    for raw in query.get(name, []):
        out.extend(part for part in raw.split(",") if part != "")
    return out


def parse_overview(search: str | None, editions: Sequence[int]) -> ParsedState:
    """The overview state of a query string; refused values fall back to defaults."""
    query = query_params(search)
    rejected: list[tuple[str, str]] = []
    default_edition = max(editions) if editions else 0

    lang: Lang = DEFAULT_LANG
    for value in _values(query, Param.LANG)[:1]:
        if value in LANGS:
            lang = normalise_lang(value)
        else:
            rejected.append((Param.LANG, value))

    edition = default_edition
    for value in _values(query, Param.EDITION)[:1]:
        year = _year(value)
        if year is not None and year in editions:
            edition = year
        else:
            rejected.append((Param.EDITION, value))

    def pick(name: str, allowed: Sequence[str]) -> tuple[str, ...]:
        chosen: list[str] = []
        for value in _values(query, name):
            if value in allowed and value not in chosen:
                chosen.append(value)
            elif value not in allowed:
                rejected.append((name, value))
        return tuple(c for c in allowed if c in chosen)  # canonical order

    categories = pick(Param.CATEGORY, CATEGORIES)
    channels = pick(Param.CHANNEL, CHANNELS)
    region: str | None = None
    for value in _values(query, Param.REGION)[:1]:
        if value in REGION_CODES:
            region = value
        else:
            rejected.append((Param.REGION, value))
    return ParsedState(OverviewState(edition, categories, channels, region, lang), tuple(rejected))


def overview_query(state: OverviewState) -> str:
    """The query string of a state (`?…`); the edition is always written, so a shared URL
    keeps showing the same edition after newer data is imported."""
    params: list[tuple[str, str]] = [(Param.EDITION, str(state.edition))]
    if state.categories:
        params.append((Param.CATEGORY, ",".join(state.categories)))
    if state.channels:
        params.append((Param.CHANNEL, ",".join(state.channels)))
    if state.region:
        params.append((Param.REGION, state.region))
    if state.lang != DEFAULT_LANG:
        params.append((Param.LANG, state.lang))
    return "?" + urlencode(params, safe=",")


class BenchParam:
    """Query parameter names of the "My structure" page."""

    STRUCTURE = "structure"
    EDITION = "edition"
    CHANNEL = "channel"
    PEERS = "peers"
    COMPARE = "compare"
    LANG = "lang"


@dataclass(frozen=True)
class BenchmarkState:
    """The "My structure" page's choices as the URL carries them."""

    structure: str | None = None
    edition: int | None = None
    channel: str | None = None
    peers: PeerMode = "category"
    compare: tuple[str, ...] = ()
    lang: Lang = DEFAULT_LANG


@dataclass(frozen=True)
class ParsedBenchmark:
    """A benchmark state read from a URL, and the parameters whose values were refused."""

    state: BenchmarkState
    rejected: tuple[tuple[str, str], ...] = field(default=())


def parse_benchmark(
    search: str | None,
    structure_ids: Sequence[str] | set[str] | frozenset[str],
    editions_of: dict[str, list[int]],
) -> ParsedBenchmark:
    """The benchmark state of a query string; refused values fall back to defaults (the
    edition to the structure's latest)."""
    query = query_params(search)
    rejected: list[tuple[str, str]] = []
    known = set(structure_ids)

    def first(name: str) -> str | None:
        values = _values(query, name)
        return values[0] if values else None

    lang_value = first(BenchParam.LANG)
    lang: Lang = DEFAULT_LANG
    if lang_value is not None:
        if lang_value in LANGS:
            lang = normalise_lang(lang_value)
        else:
            rejected.append((BenchParam.LANG, lang_value))

    structure = first(BenchParam.STRUCTURE)
    if structure is not None and structure not in known:
        rejected.append((BenchParam.STRUCTURE, structure))
        structure = None

    editions = editions_of.get(structure, []) if structure else []
    edition: int | None = editions[-1] if editions else None
    edition_value = first(BenchParam.EDITION)
    if edition_value is not None:
        year = _year(edition_value)
        if year is not None and year in editions:
            edition = year
        elif structure is not None:
            rejected.append((BenchParam.EDITION, edition_value))

    channel = first(BenchParam.CHANNEL)
    if channel is not None and channel not in CHANNELS:
        rejected.append((BenchParam.CHANNEL, channel))
        channel = None

    peers: PeerMode = "category"
    peers_value = first(BenchParam.PEERS)
    if peers_value is not None:
        found = next((mode for mode in PEER_MODES if mode == peers_value), None)
        if found is None:
            rejected.append((BenchParam.PEERS, peers_value))
        else:
            peers = found

    compare: list[str] = []
    for value in _values(query, BenchParam.COMPARE):
        if value == structure:
            continue  # the structure itself is always compared: not listed twice
        if value in known and value not in compare and len(compare) < MAX_COMPARE:
            compare.append(value)
        else:
            rejected.append((BenchParam.COMPARE, value))
    state = BenchmarkState(structure, edition, channel, peers, tuple(compare), lang)
    return ParsedBenchmark(state, tuple(rejected))


def benchmark_query(state: BenchmarkState) -> str:
    """The query string of a benchmark state (`?…`); defaults omitted except the edition."""
    params: list[tuple[str, str]] = []
    if state.structure:
        params.append((BenchParam.STRUCTURE, state.structure))
    if state.edition is not None:
        params.append((BenchParam.EDITION, str(state.edition)))
    if state.channel:
        params.append((BenchParam.CHANNEL, state.channel))
    if state.peers != "category":
        params.append((BenchParam.PEERS, state.peers))
    if state.compare:
        params.append((BenchParam.COMPARE, ",".join(state.compare)))
    if state.lang != DEFAULT_LANG:
        params.append((BenchParam.LANG, state.lang))
    return "?" + urlencode(params, safe=",") if params else ""


# --- The same states from the pages' controls ---------------------------------------------
# A callback's inputs are checked as the address's are: a value that is not one the page
# offers (of the wrong type, unknown, too long: a forged request may send anything) is read
# as unset, never passed on to the figures or used as a cache key.


def overview_state_of(
    edition: object,
    categories: object,
    channels: object,
    region: object,
    lang: object,
    editions: Sequence[int] | None = None,
) -> OverviewState | None:
    """The overview's state from its controls' values; None when the edition is not one (of
    `editions`, if given). Lists come in the schema's order, not the click order: one view,
    one address."""
    year = year_of(edition)
    if year is None or (editions is not None and year not in editions):
        return None
    return OverviewState(
        edition=year,
        categories=codes_of(categories, CATEGORIES),
        channels=codes_of(channels, CHANNELS),
        region=region if isinstance(region, str) and region in REGION_CODES else None,
        lang=normalise_lang(lang if isinstance(lang, str) else None),
    )


def benchmark_state_of(
    structure: object,
    edition: object,
    peers: object,
    channel: object,
    compare: object,
    lang: object,
    known: frozenset[str] | set[str],
) -> BenchmarkState:
    """« Ma structure »'s state from its controls' values: a structure of `known`, a year,
    a peer mode, a channel, at most MAX_COMPARE other structures to compare."""
    sid = structure if isinstance(structure, str) and structure in known else None
    listed = compare if isinstance(compare, list) else []
    others = [
        s for s in listed[: MAX_COMPARE * 4] if isinstance(s, str) and s in known and s != sid
    ]
    mode: PeerMode = next((m for m in PEER_MODES if m == peers), "category")
    return BenchmarkState(
        sid,
        year_of(edition),
        channel if isinstance(channel, str) and channel in CHANNELS else None,
        mode,
        tuple(dict.fromkeys(others))[:MAX_COMPARE],
        normalise_lang(lang if isinstance(lang, str) else None),
    )
