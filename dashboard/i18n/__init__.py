"""The one catalog of user-facing text, in French (default) and English, and locale formatting.

Messages live in the `catalog_*` modules of this package, merged here into one table; a key
present in two parts, or missing a language, fails at import (and in the tests). Numbers are
formatted by Babel for the locale so that French reads "5,5" and "77 %".
"""

from __future__ import annotations

import functools
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final, Literal

from babel import Locale
from babel.numbers import (
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

from dashboard.i18n import (
    catalog_benchmark,
    catalog_cli,
    catalog_core,
    catalog_ui,
    catalog_validation,
)

Lang = Literal["fr", "en"]
LANGS: Final[tuple[Lang, ...]] = ("fr", "en")
DEFAULT_LANG: Final[Lang] = "fr"
BABEL_LOCALES: Final[dict[str, str]] = {"fr": "fr_FR", "en": "en_GB"}


_FRENCH_SPACES: Final = (
    (re.compile(r" ([:»])"), "\u00a0\\1"),
    (re.compile(r"« "), "«\u00a0"),
    (re.compile(r" ([;!?])"), "\u202f\\1"),
    (re.compile(r" %(?!\{)"), "\u202f%"),
)


def french_typography(text: str) -> str:
    """French spacing: a no-break space before « : », « ; », « ! », « ? », « % » and inside
    guillemets, so that punctuation never starts a line."""
    for pattern, replacement in _FRENCH_SPACES:
        text = pattern.sub(replacement, text)
    return text


def _merge(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for part in parts:
        for key, texts in part.items():
            if key in merged:
                raise ValueError(f"catalog key defined twice: {key}")
            missing = [lang for lang in LANGS if lang not in texts]
            if missing:
                raise ValueError(f"catalog key {key} lacks {missing}")
            merged[key] = {**texts, "fr": french_typography(texts["fr"])}
    return merged


CATALOG: Final[dict[str, dict[str, str]]] = _merge(
    catalog_core.MESSAGES,
    catalog_validation.MESSAGES,
    catalog_cli.MESSAGES,
    catalog_ui.MESSAGES,
    catalog_benchmark.MESSAGES,
)


def normalise_lang(value: object) -> Lang:
    """The supported language named by `value`, or the default (French)."""
    if isinstance(value, str):
        low = value.strip().lower()[:2]
        if low == "en":
            return "en"
    return DEFAULT_LANG


def translate(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The catalog text for `key` in `lang`, with `{name}` placeholders filled from params."""
    texts = CATALOG[key]
    text = texts[normalise_lang(lang)]
    return text.format(**params) if params else text


def translate_count(key: str, count: int, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The catalog text `key.<form>` for `count` in `lang`, where form is the CLDR plural
    category Babel gives ("one", "many", "other"...), `key.other` when there is no text for
    that form; `{count}` is `count` in the locale's format ("1 606")."""
    form = Locale.parse(BABEL_LOCALES[normalise_lang(lang)]).plural_form(count)
    chosen = f"{key}.{form}" if f"{key}.{form}" in CATALOG else f"{key}.other"
    return translate(chosen, lang, **{"count": format_number(count, lang, 0), **params})


def has_key(key: str) -> bool:
    """Whether the catalog holds `key`."""
    return key in CATALOG


@functools.cache
def _number_symbols(lang: str) -> tuple[str, str, str]:
    """The locale's decimal mark, group separator and minus sign, from Babel's CLDR data."""
    locale = Locale.parse(BABEL_LOCALES[lang])
    return get_decimal_symbol(locale), get_group_symbol(locale), get_minus_sign_symbol(locale)


def format_number(value: float | int | None, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """A number in the locale's format ("5,5" in French); an en dash when undefined.

    Same output as Babel's format_decimal with the pattern "#,##0.0…" (rounding half to
    even on the decimal value), with the locale's symbols looked up once: tables format
    thousands of cells per page, and Babel's general path costs 0.1 ms a number.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    decimal_mark, group, minus = _number_symbols(normalise_lang(lang))
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(repr(value) if isinstance(value, float) else int(value))
    rounded = number.quantize(quantum, rounding=ROUND_HALF_EVEN)
    text = f"{abs(rounded):,.{decimals}f}".replace(",", "\x00").replace(".", decimal_mark)
    text = text.replace("\x00", group)
    return (minus + text) if rounded < 0 else text


def format_percent_value(value: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """A percentage given on the 0-100 scale ("77 %" with a narrow no-break space in French,
    as CLDR writes it; "77%" in English)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "\u202f%" if normalise_lang(lang) == "fr" else "%"
    return format_number(value, lang, decimals) + sign


def format_signed(value: float | None, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """A change with its sign ("+1,5", "−2,0"); an en dash when undefined."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = format_number(abs(value), lang, decimals)
    if round(value, decimals) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def category_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """The label of a category code in `lang` (contract §2)."""
    return translate(f"category.{code}", lang)


def channel_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """The label of a channel code in `lang`."""
    return translate(f"channel.{code}", lang)
