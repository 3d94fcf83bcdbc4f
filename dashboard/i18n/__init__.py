"""The one catalog of user-facing text, in French (default) and English, and locale formatting.

Messages live in the `catalog_*` modules of this package, merged here into one table; a key
present in two parts, or missing a language, fails at import (and in the tests). Numbers are
formatted by Babel for the locale so that French reads "5,5" and "77 %".

A message that depends on a count gives one text per CLDR plural category of the language
(`{"one": …, "other": …}`; French counts 0 and 1 as "one": « 0 structure auditée »), and is
translated with `count=`; Babel's CLDR rules pick the form.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Final, Literal

from babel import Locale
from babel.numbers import (
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
)

from dashboard.i18n import (
    catalog_accounts,
    catalog_benchmark,
    catalog_cli,
    catalog_core,
    catalog_deliverables,
    catalog_honest,
    catalog_indicators,
    catalog_report,
    catalog_territories,
    catalog_ui,
    catalog_validation,
)

Lang = Literal["fr", "en"]
Text = str | dict[str, str]  # a message in one language: a text, or its CLDR plural forms
Messages = dict[str, dict[str, Text]]
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


def _french(text: Text) -> Text:
    if isinstance(text, dict):
        return {form: french_typography(t) for form, t in text.items()}
    return french_typography(text)


def _merge(*parts: Mapping[str, Mapping[str, Text]]) -> Messages:
    merged: Messages = {}
    for part in parts:
        for key, texts in part.items():
            if key in merged:
                raise ValueError(f"catalog key defined twice: {key}")
            missing = [lang for lang in LANGS if lang not in texts]
            if missing:
                raise ValueError(f"catalog key {key} lacks {missing}")
            forms = [t for t in texts.values() if isinstance(t, dict)]
            if forms and (len(forms) != len(texts) or any("other" not in f for f in forms)):
                raise ValueError(f"catalog key {key}: plural forms need 'other' in every language")
            merged[key] = {**texts, "fr": _french(texts["fr"])}
    return merged


CATALOG: Final[Messages] = _merge(
    catalog_core.MESSAGES,
    catalog_validation.MESSAGES,
    catalog_cli.MESSAGES,
    catalog_ui.MESSAGES,
    catalog_benchmark.MESSAGES,
    catalog_indicators.MESSAGES,
    catalog_report.MESSAGES,
    catalog_honest.MESSAGES,
    catalog_territories.MESSAGES,
    catalog_deliverables.MESSAGES,
    catalog_accounts.MESSAGES,
)


def normalise_lang(value: object) -> Lang:
    """The supported language named by `value`, or the default (French)."""
    if isinstance(value, str):
        low = value.strip().lower()[:2]
        if low == "en":
            return "en"
    return DEFAULT_LANG


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[normalise_lang(lang)])


def plural_category(count: float, lang: str = DEFAULT_LANG) -> str:
    """The CLDR plural category of `count` in `lang` ("one", "many", "other"…), by Babel."""
    return str(_locale(lang).plural_form(count))


def translate(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The catalog text for `key` in `lang`, with `{name}` placeholders filled from params.

    A message with plural forms needs `count` (a number): its CLDR category in `lang` picks
    the form ("other" when the language has no text of its own for that category).
    Raises KeyError for an unknown key, or a plural message without `count`.
    """
    texts = CATALOG[key]
    text = texts[normalise_lang(lang)]
    if isinstance(text, dict):
        count = params.get("count")
        if not isinstance(count, int | float):
            raise KeyError(f"{key} has plural forms: translate it with count=")
        text = text.get(plural_category(count, lang), text["other"])
    return text.format(**params) if params else text


def count_text(key: str, count: int, lang: str = DEFAULT_LANG, **params: object) -> str:
    """A plural message for `count`, with `{n}` the count in the locale's format
    ("1 234 structures auditées")."""
    return translate(key, lang, count=count, n=format_number(count, lang, 0), **params)


def has_key(key: str) -> bool:
    """Whether the catalog holds `key`."""
    return key in CATALOG


@functools.cache
def _number_symbols(lang: str) -> tuple[str, str, str]:
    """The locale's decimal mark, group separator and minus sign, from Babel's CLDR data."""
    locale = Locale.parse(BABEL_LOCALES[lang])
    return get_decimal_symbol(locale), get_group_symbol(locale), get_minus_sign_symbol(locale)


# Float arithmetic leaves noise in the last digits (a median of means computed as
# 74.74999999999999 for 74.75): numbers are read to NOISE_DECIMALS first, then rounded as
# shown, so that a figure on a rounding boundary shows as its exact value does, whatever the
# order its sums were made in.
NOISE_DECIMALS: Final = 9


def decimal_of(value: float | int) -> Decimal:
    """`value` as the decimal it stands for: its shortest spelling, float noise beyond
    NOISE_DECIMALS removed (half to even). Integers as they are."""
    if isinstance(value, int):
        return Decimal(value)
    number = Decimal(repr(float(value)))
    if not number.is_finite() or abs(number) >= 10**9:
        return number
    return number.quantize(Decimal(1).scaleb(-NOISE_DECIMALS), rounding=ROUND_HALF_EVEN)


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
    number = decimal_of(value if isinstance(value, float) else int(value))
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


def category_short_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """A category's label short enough for one line of a phone-wide chart ("Services sociaux
    et de santé"); charts use it for row labels and legends, their hovers and tables the
    full label."""
    return translate(f"category_short.{code}", lang)


def channel_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """The label of a channel code in `lang`."""
    return translate(f"channel.{code}", lang)
