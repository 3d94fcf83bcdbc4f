"""What a page says about its address: the values it could not use, one notice per parameter,
each value cut (a forged address can hold thousands of values, each of any length)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from dashboard.i18n import translate
from dashboard.urlstate import Param

NOTICE_VALUE_CHARS: Final = 40  # a refused address value is shown that long at most


def first_per_param(rejected: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first refused value of each parameter: a page names one per parameter."""
    seen: dict[str, str] = {}
    for param, value in rejected:
        seen.setdefault(param, value)
    return list(seen.items())


def notice_text(
    param: str,
    value: str,
    lang: str,
    *,
    shown: int | None = None,
    editions: Sequence[int] = (),
    name: str | None = None,
) -> str:
    """The notice for an address value the page could not use: for an edition, which one is
    shown instead and why (not in the data, or the structure was not audited that year);
    otherwise that the default is used."""
    if len(value) > NOTICE_VALUE_CHARS:
        value = value[:NOTICE_VALUE_CHARS] + "…"
    if param == Param.EDITION and shown is not None:
        if name is not None:
            return translate("ui.notice.not_audited", lang, name=name, value=value, shown=shown)
        if editions:
            return translate(
                "ui.notice.edition_unknown",
                lang,
                value=value,
                first=min(editions),
                last=max(editions),
                shown=shown,
            )
    return translate("ui.notice.invalid", lang, param=param, value=value)


def notices(
    rejected: Sequence[tuple[str, str]],
    lang: str,
    *,
    shown: int | None,
    editions: Sequence[int],
    name: str | None = None,
) -> list[str]:
    """The notices of a page's refused address values, one per parameter."""
    return [
        notice_text(param, value, lang, shown=shown, editions=editions, name=name)
        for param, value in first_per_param(rejected)
    ]
