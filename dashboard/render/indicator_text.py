"""Public indicator values in words: the number as published (as many decimals as it has,
up to MAX_DECIMALS, never rescaled) and its unit as given (contract §7)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

from dashboard.i18n import format_number, format_signed

MAX_DECIMALS: Final = 3


def decimals_of(value: float) -> int:
    """The decimals `value` needs to be written as published (0 for 98.0, 1 for 97.5), at
    most MAX_DECIMALS."""
    if not math.isfinite(value):
        return 0
    for decimals in range(MAX_DECIMALS):
        if abs(value - round(value, decimals)) < 1e-9:
            return decimals
    return MAX_DECIMALS


def statistic_decimals(values: Iterable[float]) -> int:
    """The decimals a statistic of a group of `values` (a quartile, a median) is written with:
    one more than the values are published with, at most MAX_DECIMALS. Whole percentages give
    a first quartile of « 77,8 », not « 77,75 »."""
    published = max((decimals_of(float(v)) for v in values), default=0)
    return min(published + 1, MAX_DECIMALS)


def indicator_number(value: float | None, lang: str) -> str:
    """A value as published, in the locale's format ("97,5"); an en dash when undefined."""
    if value is None or not math.isfinite(value):
        return "–"
    return format_number(value, lang, decimals_of(value))


def signed_number(value: float | None, lang: str) -> str:
    """A gap or change with its sign ("+4", "−2,5"), as many decimals as it needs."""
    if value is None or not math.isfinite(value):
        return "–"
    return format_signed(value, lang, decimals_of(value))


def with_unit(number: str, unit: str) -> str:
    """A number and its unit as given, kept on one line ("45 % de réseaux"); the number
    alone when there is no unit."""
    return f"{number}\u00a0{unit}" if unit and number != "–" else number
