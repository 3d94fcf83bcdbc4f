"""The view state carried in the URL query: parse with fallbacks, and write back.

Every filter of a page lives in the query string (`edition`, `category`, `channel`,
`region`, `lang`); a value that is not valid falls back to the default and is reported so
the page can say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from dashboard.i18n import DEFAULT_LANG, LANGS, Lang, normalise_lang
from dashboard.schema import CATEGORIES, CHANNELS, REGION_CODES


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


def _values(query: dict[str, list[str]], name: str) -> list[str]:
    out: list[str] = []
    for raw in query.get(name, []):
        out.extend(part for part in raw.split(",") if part != "")
    return out


def parse_overview(search: str | None, editions: Sequence[int]) -> ParsedState:
    """The overview state of a query string; refused values fall back to defaults."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=True)
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
        if value.isdigit() and int(value) in editions:
            edition = int(value)
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
