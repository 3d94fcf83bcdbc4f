"""How sure each figure is, in words (contract §5b): the texts both pages share for intervals,
rank intervals, changes that are (or are not) changes, the spread an interval borrows or
lacks, and the editions where the method changed.

Every function here returns display text in the page's language from the numbers of
dashboard.figures.uncertainty; none computes a figure. A change is called a rise or a fall
only when its test says so (|change| > 1.645 SE), a rank is given with its interval, and an
interval that is not defined says why.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from dashboard.figures import benchmark as bench
from dashboard.figures.aggregates import Aggregates
from dashboard.figures.uncertainty import (
    FEW_TESTS_BELOW,
    ChangeTest,
    Estimate,
    RankInterval,
    SpreadSource,
)
from dashboard.i18n import channel_label, count_text, format_number, format_signed, translate

Tone = Literal["good", "bad", "noise", "neutral", "none"]
"""How a change reads: good or bad news (a rise or a fall beyond the noise, read in the
measure's good direction), within the noise ("noise": grey), neutral (a count, neither good
nor bad), none (no change to show)."""
Direction = Literal["up", "down", "flat", "none"]

SOURCE_KEYS: Final[dict[str, str]] = {s: f"ui.source.{s}" for s in ("own", "pooled", "none")}


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def interval_text(low: object, high: object, lang: str) -> str:
    """A 90 % interval as "83,4–99,5" (one decimal, as scores are shown); an en dash alone
    when undefined (None, NaN)."""
    if not isinstance(low, int | float) or not isinstance(high, int | float):
        return "–"
    if math.isnan(low) or math.isnan(high):
        return "–"
    return f"{format_number(float(low), lang, 1)}–{format_number(float(high), lang, 1)}"


def estimate_text(estimate: Estimate | None, lang: str) -> str:
    """What is known of a score's precision: "intervalle à 90 % : 83,4–99,5", or why there is
    no interval (no spread to compute it from, contract §5b)."""
    if estimate is None or estimate.low is None or estimate.high is None:
        return translate("ui.honest.no_interval", lang)
    return translate(
        "ui.honest.interval", lang, interval=interval_text(estimate.low, estimate.high, lang)
    )


def few_tests_text(n_tests: int, lang: str) -> str:
    """ "sur 2 tests seulement" when a value rests on fewer than 3 tests (issue 16, item 7);
    empty otherwise."""
    if n_tests >= FEW_TESTS_BELOW:
        return ""
    return count_text("ui.honest.few_tests", n_tests, lang)


def basis_text(n_tests: int, low: object, high: object, lang: str) -> str:
    """What a value rests on, short: "5 tests ; intervalle à 90 % : 31,9–58,9", "sur 1 test
    seulement ; intervalle non mesurable" (fewer than 3 tests said so, issue 16 item 7)."""
    tests = few_tests_text(n_tests, lang) or count_text("ui.count.tests", n_tests, lang)
    span = interval_text(low, high, lang)
    interval = (
        translate("ui.honest.no_interval_short", lang)
        if span == "–"
        else translate("ui.honest.interval", lang, interval=span)
    )
    return join_parts([tests, interval], lang)


# --- Ranks -----------------------------------------------------------------------------------


def rank_range_text(interval: RankInterval, lang: str) -> str:
    """ "entre 8 et 19 avec 90 % de confiance" (one rank: "au rang 3 avec 90 % de confiance")."""
    if interval.low == interval.high:
        return translate("ui.honest.rank_exact", lang, rank=interval.low)
    return translate("ui.honest.rank_between", lang, low=interval.low, high=interval.high)


def rank_value(interval: RankInterval, lang: str) -> str:
    """The rank as a headline shows it: "12 / 57"; in a fragile group (N < 5) the interval
    instead of a bare rank, "1 à 3 / 4" (contract §5, fragile group)."""
    if interval.fragile and interval.low != interval.high:
        return translate(
            "ui.honest.rank_range_value", lang, low=interval.low, high=interval.high, n=interval.n
        )
    return f"{interval.rank} / {interval.n}"


def rank_text(interval: RankInterval, lang: str) -> str:
    """The rank in a sentence: « rang 12 / 57 (entre 8 et 19 avec 90 % de confiance) »; in a
    fragile group « rang entre 1 et 3 sur 4 (groupe de moins de 5 : ...) »."""
    if interval.fragile:
        return translate(
            "ui.honest.rank_fragile",
            lang,
            low=interval.low,
            high=interval.high,
            n=interval.n,
        )
    return translate(
        "ui.honest.rank",
        lang,
        rank=interval.rank,
        n=interval.n,
        range=rank_range_text(interval, lang),
    )


# --- Changes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeWords:
    """A change as a page shows it: its verdict in words ("stable (dans la marge de mesure)"),
    the tone and the arrow's direction (the arrow says which way the value moved, the tone
    whether that is news), the margin (1.645 SE) and the n of both editions in words."""

    verdict: str
    tone: Tone
    direction: Direction
    margin: str
    counts: str


def change_tone(test: ChangeTest, higher_is_better: bool | None) -> Tone:
    """good or bad only for a rise or a fall beyond the noise, read in the measure's good
    direction; "noise" within it or when the noise is unknown; "neutral" for a count."""
    if test.change is None:
        return "none"
    if higher_is_better is None:
        return "neutral"
    if test.verdict in ("rise", "fall"):
        return "good" if (test.verdict == "rise") == higher_is_better else "bad"
    return "noise"


def change_direction(change: float | None) -> Direction:
    if change is None or math.isnan(change):
        return "none"
    return "up" if change > 0 else "down" if change < 0 else "flat"


def change_words(
    test: ChangeTest,
    lang: str,
    *,
    higher_is_better: bool | None = True,
    decimals: int = 1,
    unit_key: str = "ui.honest.points",
    count_key: str = "ui.count.tests",
    editions: tuple[int, int] | None = None,
) -> ChangeWords:
    """A change test (contract §5b) in words: « hausse » / « baisse » only beyond 1.645 SE,
    « stable (dans la marge de mesure) » within it, « marge de mesure inconnue » when the SE
    is undefined; the margin "± 4,1 points" (`decimals` decimals); the n of both editions
    (`editions`: (now, past)) counted with `count_key`."""
    verdict = translate(f"ui.verdict.{test.verdict}", lang)
    margin = ""
    if test.threshold is not None:
        margin = translate(
            "ui.honest.margin",
            lang,
            margin=translate(unit_key, lang, value=format_number(test.threshold, lang, decimals)),
        )
    counts = ""
    if editions is not None:
        counts = translate(
            "ui.honest.both_n",
            lang,
            now=count_text(count_key, test.n_now, lang),
            edition=editions[0],
            past=format_number(test.n_past, lang, 0),
            past_edition=editions[1],
        )
    return ChangeWords(
        verdict, change_tone(test, higher_is_better), change_direction(test.change), margin, counts
    )


def signed_points(value: float | None, lang: str, decimals: int = 1) -> str:
    """A change in points with its sign, "+8,9 points"."""
    return translate("ui.honest.points", lang, value=format_signed(value, lang, decimals))


# --- Spreads ---------------------------------------------------------------------------------


def source_label(source: SpreadSource | str, lang: str) -> str:
    """Where an interval's spread comes from, for a table cell (contract §5b)."""
    return translate(SOURCE_KEYS.get(str(source), "ui.source.none"), lang)


def spread_note(
    frame: pd.DataFrame, name_column: str, label: Callable[[str], str], lang: str
) -> str | None:
    """The note under a chart of a structure's scores: which of them borrow the edition's
    spread over every channel (criterion), and which have no interval and why (contract §5b);
    None when every interval uses its own spread. `frame` has `name_column`, `own` and
    `source`; rows without an own value are not audited and say nothing."""
    if bench.BenchCol.SOURCE not in frame.columns:
        return None
    audited = frame[frame[bench.BenchCol.OWN].notna()]
    pooled = [label(str(n)) for n, s in zip(audited[name_column], audited["source"], strict=True)
              if s == "pooled"]  # fmt: skip
    missing = [label(str(n)) for n, s in zip(audited[name_column], audited["source"], strict=True)
               if s == "none"]  # fmt: skip
    parts = []
    if pooled:
        parts.append(
            count_text("ui.honest.note_pooled", len(pooled), lang, names=", ".join(pooled))
        )
    if missing:
        parts.append(
            count_text("ui.honest.note_none", len(missing), lang, names=", ".join(missing))
        )
    return " ".join(parts) if parts else None


# --- Method changes --------------------------------------------------------------------------


def method_change_texts(agg: Aggregates, lang: str) -> list[tuple[int, str]]:
    """The editions where the method changed (a channel or criteria first in the data), with
    what changed in words, for the trend and trajectory charts."""
    texts = []
    for change in bench.method_changes(agg):
        if change.kind == bench.BenchCol.CHANNEL:
            names = ", ".join(channel_label(c, lang).lower() for c in change.names)
            text = translate("ui.bench.method_channel", lang, names=names)
        else:
            text = count_text("ui.bench.method_criteria", len(change.names), lang)
        texts.append((change.edition, text))
    return texts


# --- Quartiles -------------------------------------------------------------------------------

QUARTILES: Final = ("bottom", "second", "third", "top")


def quartile_of(value: float, q1: float, median: float, q3: float) -> str:
    """The quartile of a value against Q1, median, Q3 (contract §5)."""
    if value < q1:
        return "bottom"
    if value < median:
        return "second"
    if value < q3:
        return "third"
    return "top"


def quartile_span(
    low: float | None, high: float | None, q1: float, median: float, q3: float
) -> tuple[str, str] | None:
    """The quartiles of the two ends of a 90 % interval: what the value's quartile may be
    once the measurement noise is allowed for; None when there is no interval."""
    if not _known(low) or not _known(high) or any(math.isnan(q) for q in (q1, median, q3)):
        return None
    assert low is not None and high is not None
    return quartile_of(low, q1, median, q3), quartile_of(high, q1, median, q3)


def join_parts(parts: Sequence[str], lang: str) -> str:
    """Non-empty parts of a detail line joined by « ; »."""
    return translate("ui.honest.separator", lang).join(p for p in parts if p)
