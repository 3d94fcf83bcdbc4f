"""The view as its address carries it: the pages' routes, the query parsed (in one place) with
fallbacks and written back, the language of an address, the limits of what it may hold.

Every filter of a page lives in the query string (`edition`, `category`, `channel`,
`region`, `map`, `lang`; `structure`, `peers`, `compare` on « Ma structure »; `indicator`,
`period`, `level`, `entity`, `peers` on « Territoires »); a value that is not valid falls back
to the default and is reported so the page can say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Final, Literal, TypeVar, get_args
from urllib.parse import parse_qs, urlencode

from dashboard.i18n import DEFAULT_LANG, LANGS, Lang, normalise_lang
from dashboard.intake.schema import CATEGORIES, CHANNELS, REGION_CODES


class Route:
    """The pages' paths."""

    OVERVIEW: Final = "/"
    BENCHMARK: Final = "/benchmark"
    DATA: Final = "/data"
    DEFINITIONS: Final = "/definitions"
    TERRITORIES: Final = "/territoires"
    # A consultant's take-aways (issue 15), served by Flask routes, not pages of the shell.
    REPORT: Final = "/rapport"
    PRESENTATION: Final = "/presentation"
    IMAGE: Final = "/image"


# The navbar's pages, in order, with their label's catalog key.
PAGES: Final[tuple[tuple[str, str], ...]] = (
    (Route.OVERVIEW, "ui.nav.overview"),
    (Route.BENCHMARK, "ui.nav.benchmark"),
    (Route.TERRITORIES, "ui.nav.territories"),
    (Route.DATA, "ui.nav.data"),
    (Route.DEFINITIONS, "ui.nav.definitions"),
)

PeerMode = Literal["category", "category_region", "category_population"]
PEER_MODES: Final[tuple[PeerMode, ...]] = get_args(PeerMode)
# « Ma structure »: where to act first over the criteria or, as a second view, the channels.
ActView = Literal["criterion", "channel"]
ACT_VIEWS: Final[tuple[ActView, ...]] = get_args(ActView)
# The overview's trend: the plain series of group means, or the chain-linked like-for-like
# series (contract §5b).
Series = Literal["plain", "like_for_like"]
SERIES: Final[tuple[Series, ...]] = get_args(Series)
SHOWN: Final = "1"  # the address's value of a view option that is on (`intervals=1`)
MAX_COMPARE: Final = 3  # structures compared with the user's own (which is always one of them)
# The overview map's level: one tile per department, or per region.
MapLevel = Literal["department", "region"]
MAP_LEVELS: Final[tuple[MapLevel, ...]] = get_args(MapLevel)


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
    MAP = "map"
    LANG = "lang"
    SERIES = "series"


@dataclass(frozen=True)
class OverviewState:
    """The overview's filters as the URL carries them, the trend's series and its map's level."""

    edition: int
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    region: str | None = None
    lang: Lang = DEFAULT_LANG
    series: Series = "plain"
    map_level: MapLevel = "department"


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


def _first(query: dict[str, list[str]], name: str) -> str | None:
    """The first value of parameter `name` in a parsed query (`a=x,y&a=z`: "x"), None when
    it has none."""
    values = _values(query, name)
    return values[0] if values else None


Choice = TypeVar("Choice")


def _one_of(
    query: dict[str, list[str]],
    name: str,
    allowed: Sequence[Choice],
    default: Choice,
    rejected: list[tuple[str, str]],
) -> Choice:
    """The first value of parameter `name` when it is one of `allowed` (returned as that
    element, so a Literal stays one); `default` when the query has none, and when it is not
    one of them, (name, value) then appended to `rejected`."""
    value = _first(query, name)
    if value is None:
        return default
    found = next((choice for choice in allowed if choice == value), None)
    if found is None:
        rejected.append((name, value))
        return default
    return found


def parse_overview(search: str | None, editions: Sequence[int]) -> ParsedState:
    """The overview state of a query string; refused values fall back to defaults."""
    query = query_params(search)
    rejected: list[tuple[str, str]] = []
    default_edition = max(editions) if editions else 0

    lang = _one_of(query, Param.LANG, LANGS, DEFAULT_LANG, rejected)
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
    region = _one_of(query, Param.REGION, REGION_CODES, None, rejected)
    series: Series = _one_of(query, Param.SERIES, SERIES, "plain", rejected)
    map_level: MapLevel = _one_of(query, Param.MAP, MAP_LEVELS, "department", rejected)
    state = OverviewState(edition, categories, channels, region, lang, series, map_level)
    return ParsedState(state, tuple(rejected))


def _query(
    state: OverviewState | BenchmarkState | TerritoryState, renamed: Mapping[str, str]
) -> str:
    """The query string (`?…`; "" when it holds nothing) of a page's state: its fields in
    their declared order, the language last, each named as the field (or as `renamed` says),
    unless it holds its default or nothing (None, "", ()). A tuple is written joined by
    commas, True as SHOWN, a number as its digits; a field with no default (the overview's
    edition) is always written."""
    params: list[tuple[str, str]] = []
    for spec in sorted(fields(state), key=lambda f: f.name == "lang"):
        value = getattr(state, spec.name)
        if value is None or value == "" or value == () or value == spec.default:
            continue
        text = (
            ",".join(value) if isinstance(value, tuple) else SHOWN if value is True else str(value)
        )
        params.append((renamed.get(spec.name, spec.name), text))
    return "?" + urlencode(params, safe=",") if params else ""


def overview_query(state: OverviewState) -> str:
    """The query string of a state (`?…`); the edition is always written, so a shared URL
    keeps showing the same edition after newer data is imported."""
    return _query(
        state, {"categories": Param.CATEGORY, "channels": Param.CHANNEL, "map_level": Param.MAP}
    )


class BenchParam:
    """Query parameter names of the "My structure" page."""

    STRUCTURE = "structure"
    EDITION = "edition"
    CHANNEL = "channel"
    PEERS = "peers"
    COMPARE = "compare"
    LANG = "lang"
    INTERVALS = "intervals"
    ACT = "act"


@dataclass(frozen=True)
class BenchmarkState:
    """The "My structure" page's choices as the URL carries them: `intervals` shows every
    peer's rank interval on the distribution, `act` the view of "where to act first"."""

    structure: str | None = None
    edition: int | None = None
    channel: str | None = None
    peers: PeerMode = "category"
    compare: tuple[str, ...] = ()
    lang: Lang = DEFAULT_LANG
    intervals: bool = False
    act: ActView = "criterion"


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
    lang = _one_of(query, BenchParam.LANG, LANGS, DEFAULT_LANG, rejected)

    structure = _first(query, BenchParam.STRUCTURE)
    if structure is not None and structure not in known:
        rejected.append((BenchParam.STRUCTURE, structure))
        structure = None

    editions = editions_of.get(structure, []) if structure else []
    edition: int | None = editions[-1] if editions else None
    edition_value = _first(query, BenchParam.EDITION)
    if edition_value is not None:
        year = _year(edition_value)
        if year is not None and year in editions:
            edition = year
        elif structure is not None:
            rejected.append((BenchParam.EDITION, edition_value))

    channel = _one_of(query, BenchParam.CHANNEL, CHANNELS, None, rejected)
    peers: PeerMode = _one_of(query, BenchParam.PEERS, PEER_MODES, "category", rejected)

    compare: list[str] = []
    for value in _values(query, BenchParam.COMPARE):
        if value == structure:
            continue  # the structure itself is always compared: not listed twice
        if value in known and value not in compare and len(compare) < MAX_COMPARE:
            compare.append(value)
        else:
            rejected.append((BenchParam.COMPARE, value))

    intervals = False
    intervals_value = _first(query, BenchParam.INTERVALS)
    if intervals_value is not None:
        if intervals_value == SHOWN:
            intervals = True
        else:
            rejected.append((BenchParam.INTERVALS, intervals_value))

    act: ActView = _one_of(query, BenchParam.ACT, ACT_VIEWS, "criterion", rejected)
    state = BenchmarkState(structure, edition, channel, peers, tuple(compare), lang, intervals, act)
    return ParsedBenchmark(state, tuple(rejected))


def benchmark_query(state: BenchmarkState) -> str:
    """The query string of a benchmark state (`?…`); defaults omitted except the edition."""
    return _query(state, {})


# --- The same states from the pages' controls ---------------------------------------------
# A callback's inputs are checked as the address's are: a value that is not one the page
# offers (of the wrong type, unknown, too long: a forged request may send anything) is read
# as unset, never passed on to the figures or used as a cache key.


def series_of(value: object) -> Series:
    """The trend's series from its control's value; "plain" for anything else."""
    return next((s for s in SERIES if s == value), "plain")


def overview_state_of(
    edition: object,
    categories: object,
    channels: object,
    region: object,
    lang: object,
    editions: Sequence[int] | None = None,
    *,
    series: object = None,
    map_level: object = None,
) -> OverviewState | None:
    """The overview's state from its controls' values; None when the edition is not one (of
    `editions`, if given). Lists come in the schema's order, not the click order: one view,
    one address. A map level that is not one of MAP_LEVELS is the default (departments)."""
    year = year_of(edition)
    if year is None or (editions is not None and year not in editions):
        return None
    return OverviewState(
        edition=year,
        categories=codes_of(categories, CATEGORIES),
        channels=codes_of(channels, CHANNELS),
        region=region if isinstance(region, str) and region in REGION_CODES else None,
        lang=normalise_lang(lang if isinstance(lang, str) else None),
        series=series_of(series),
        map_level=next((level for level in MAP_LEVELS if level == map_level), "department"),
    )


def benchmark_state_of(
    structure: object,
    edition: object,
    peers: object,
    channel: object,
    compare: object,
    lang: object,
    known: frozenset[str] | set[str],
    *,
    intervals: object = None,
    act: object = None,
) -> BenchmarkState:
    """« Ma structure »'s state from its controls' values: a structure of `known`, a year,
    a peer mode, a channel, at most MAX_COMPARE other structures to compare; `intervals` the
    value of the checklist showing every peer's rank interval (on when it holds SHOWN),
    `act` the view of "where to act first"."""
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
        intervals=isinstance(intervals, list) and SHOWN in intervals[:4],
        act=next((v for v in ACT_VIEWS if v == act), "criterion"),
    )


# --- « Territoires » ----------------------------------------------------------------------

TerritoryScope = Literal["all", "region"]  # dashboard.figures.territories.PeerScope
TERRITORY_SCOPES: Final[tuple[TerritoryScope, ...]] = get_args(TerritoryScope)
DEPARTMENT_LEVEL: Final = "department"  # the only level whose peers may be its region's
MAX_CODE_CHARS: Final = 64  # an entity code or indicator key longer than this names nothing


class TerritoryParam:
    """Query parameter names of the « Territoires » page."""

    INDICATOR = "indicator"
    PERIOD = "period"
    LEVEL = "level"
    ENTITY = "entity"
    PEERS = "peers"
    LANG = "lang"


@dataclass(frozen=True)
class IndicatorOffer:
    """What the loaded tables offer for one indicator, as an address may name it: its key
    (`<table_id>.<indicator_id>`), its periods (ascending), its levels (the first is the
    default) and, per level, the codes of the entities with a value in some period."""

    key: str
    periods: tuple[int, ...]
    levels: tuple[str, ...]
    entities: Mapping[str, frozenset[str]]

    @property
    def indicator_id(self) -> str:
        """The indicator's id without its table's ("tx-transparence-resultats")."""
        return self.key.rpartition(".")[2]


@dataclass(frozen=True)
class TerritoryState:
    """The « Territoires » page's choices as the URL carries them: the indicator's key, the
    period, the level (None: the indicator's first), the entity (None: none chosen), the
    peer group ("all" of the level, or the department's "region") and the language."""

    indicator: str | None = None
    period: int | None = None
    level: str | None = None
    entity: str | None = None
    peers: TerritoryScope = "all"
    lang: Lang = DEFAULT_LANG


@dataclass(frozen=True)
class ParsedTerritories:
    """A « Territoires » state read from a URL, and the parameters whose values were refused."""

    state: TerritoryState
    rejected: tuple[tuple[str, str], ...] = field(default=())


def find_offer(offers: Sequence[IndicatorOffer], value: object) -> IndicatorOffer | None:
    """The offer an address or a control names: its key, or a bare indicator id (the first
    table holding it); None for anything else."""
    if not isinstance(value, str) or len(value) > 2 * MAX_CODE_CHARS + 1:
        return None
    exact = next((o for o in offers if o.key == value), None)
    if exact is not None or "." in value:
        return exact
    return next((o for o in offers if o.indicator_id == value), None)


def _territory_state(
    indicator: object,
    period: object,
    level: object,
    entity: object,
    peers: object,
    lang: Lang,
    offers: Sequence[IndicatorOffer],
    rejected: list[tuple[str, str]] | None = None,
) -> TerritoryState:
    """The one place the page's choices are checked, from an address or from controls:
    each value not offered falls back (the first indicator, its latest period, its first
    level, no entity, all peers) and, with `rejected`, is reported."""

    def refuse(name: str, value: object) -> None:
        if rejected is not None and value is not None:
            rejected.append((name, str(value)))

    offer = find_offer(offers, indicator)
    if offer is None:
        refuse(TerritoryParam.INDICATOR, indicator)
        if not offers:
            return TerritoryState(lang=lang)
        offer = offers[0]
    year = year_of(period)
    if year is None or year not in offer.periods:
        refuse(TerritoryParam.PERIOD, period)
        year = offer.periods[-1]
    chosen_level: str | None = None
    if isinstance(level, str) and level in offer.levels:
        chosen_level = None if level == offer.levels[0] else level
    else:
        refuse(TerritoryParam.LEVEL, level)
    in_force = chosen_level or offer.levels[0]
    code: str | None = None
    if isinstance(entity, str) and entity in offer.entities.get(in_force, frozenset()):
        code = entity
    else:
        refuse(TerritoryParam.ENTITY, entity)
    scope: TerritoryScope = "all"
    if peers == "region" and in_force == DEPARTMENT_LEVEL:
        scope = "region"
    elif peers != "all":
        refuse(TerritoryParam.PEERS, peers)
    return TerritoryState(offer.key, year, chosen_level, code, scope, lang)


def parse_territories(search: str | None, offers: Sequence[IndicatorOffer]) -> ParsedTerritories:
    """The « Territoires » state of a query string; refused values fall back to defaults and
    are reported (a value is only checked against what the indicator in force offers)."""
    query = query_params(search)
    rejected: list[tuple[str, str]] = []
    lang = _one_of(query, TerritoryParam.LANG, LANGS, DEFAULT_LANG, rejected)
    state = _territory_state(
        _first(query, TerritoryParam.INDICATOR),
        _first(query, TerritoryParam.PERIOD),
        _first(query, TerritoryParam.LEVEL),
        _first(query, TerritoryParam.ENTITY),
        _first(query, TerritoryParam.PEERS),
        lang,
        offers,
        rejected,
    )
    if state.indicator is None:
        # Nothing is loaded: only the indicator is worth a notice, the rest names nothing.
        rejected = [r for r in rejected if r[0] in (TerritoryParam.INDICATOR, TerritoryParam.LANG)]
    return ParsedTerritories(state, tuple(rejected))


def territories_query(state: TerritoryState) -> str:
    """The query string of a « Territoires » state (`?…`); the period is always written (a
    shared address keeps its period after newer data is imported), defaults omitted."""
    return _query(state, {})


def territories_state_of(
    indicator: object,
    period: object,
    level: object,
    entity: object,
    peers: object,
    lang: object,
    offers: Sequence[IndicatorOffer],
) -> TerritoryState:
    """« Territoires »'s state from its controls' values, checked as the address's are."""
    return _territory_state(
        indicator,
        period,
        level,
        entity,
        peers,
        normalise_lang(lang if isinstance(lang, str) else None),
        offers,
    )
