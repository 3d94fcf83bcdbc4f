"""Tables of the numbers a chart draws: shown as accessible HTML tables and downloaded as CSV.

The same frame feeds the chart, the table and the CSV, so the three always agree. Display
cells are formatted for the locale; CSV cells are rounded as the table shows them (one decimal
for scores), with the locale's separator and decimal mark so that Excel opens them as numbers
(French: `;` and `,`). `rounded_as_shown` gives a frame the same rounding before it feeds a
chart: what anonymous mode publishes of peers (issue 11: full-precision values let peers be
re-identified against their own pages).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from functools import partial
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from dashboard.figures.benchmark import BenchCol
from dashboard.figures.overview import Col
from dashboard.i18n import (
    category_label,
    channel_label,
    decimal_of,
    format_number,
    normalise_lang,
    translate,
)
from dashboard.intake.csv_escape import escape
from dashboard.intake.geography import department_name, region_name
from dashboard.render.indicator_text import indicator_number

Kind = Literal[
    "category", "channel", "score", "count", "text", "edition", "department", "criterion",
    "measure", "quartile", "mark", "basis", "ratio", "source", "quadrant", "number",
]  # fmt: skip


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table: where its values come from, its header, how to show them."""

    column: str
    header_key: str
    kind: Kind


HEATMAP_TABLE: Final = (
    ColumnSpec(Col.CATEGORY, "ui.col.category", "category"),
    ColumnSpec(Col.CHANNEL, "ui.col.channel", "channel"),
    ColumnSpec(Col.MEAN_SCORE, "ui.col.mean_score", "score"),
    ColumnSpec(Col.STRUCTURES, "ui.col.structures", "count"),
    ColumnSpec(Col.N_TESTS, "ui.col.tests", "count"),
)
DISTRIBUTION_TABLE: Final = (
    ColumnSpec(Col.CATEGORY, "ui.col.category", "category"),
    ColumnSpec(Col.SCORE, "ui.col.global_score", "score"),
    ColumnSpec(Col.N_TESTS, "ui.col.tests", "count"),
)
TREND_TABLE: Final = (
    ColumnSpec(Col.CATEGORY, "ui.col.category", "category"),
    ColumnSpec(Col.EDITION, "ui.col.edition", "edition"),
    ColumnSpec(Col.MEAN_SCORE, "ui.col.mean_score", "score"),
    ColumnSpec(Col.STRUCTURES, "ui.col.structures", "count"),
    ColumnSpec(Col.N_TESTS, "ui.col.tests", "count"),
    ColumnSpec(Col.LEVEL, "ui.col.like_for_like", "score"),
    ColumnSpec(Col.PANEL, "ui.col.panel", "count"),
)
# A structure's own score with the tests behind it and its 90 % interval (contract §5b).
_OWN_WITH_INTERVAL: Final = (
    ColumnSpec(BenchCol.OWN, "ui.col.own_score", "score"),
    ColumnSpec(BenchCol.N_TESTS, "ui.col.own_tests", "count"),
    ColumnSpec(BenchCol.LOW, "ui.col.low", "score"),
    ColumnSpec(BenchCol.HIGH, "ui.col.high", "score"),
)
BENCH_CHANNEL_TABLE: Final = (
    ColumnSpec(BenchCol.CHANNEL, "ui.col.channel", "channel"),
    *_OWN_WITH_INTERVAL,
    ColumnSpec(BenchCol.Q1, "ui.col.q1", "score"),
    ColumnSpec(BenchCol.MEDIAN, "ui.col.median", "score"),
    ColumnSpec(BenchCol.Q3, "ui.col.q3", "score"),
    ColumnSpec(BenchCol.BEST, "ui.col.best", "score"),
    ColumnSpec(BenchCol.N, "ui.col.peers_n", "count"),
    ColumnSpec(BenchCol.RANK, "ui.col.rank", "count"),
    ColumnSpec(BenchCol.QUARTILE, "ui.col.quartile", "quartile"),
    ColumnSpec(BenchCol.SOURCE, "ui.col.source", "source"),
)
BENCH_CRITERION_TABLE: Final = (
    ColumnSpec(BenchCol.CRITERION, "ui.col.criterion", "criterion"),
    *_OWN_WITH_INTERVAL,
    ColumnSpec(BenchCol.MEDIAN, "ui.col.median", "score"),
    ColumnSpec(BenchCol.GAP, "ui.col.gap_median", "score"),
    ColumnSpec(BenchCol.N, "ui.col.peers_n", "count"),
    ColumnSpec(BenchCol.MARK, "ui.col.mark", "mark"),
    ColumnSpec(BenchCol.SOURCE, "ui.col.source", "source"),
)
BENCH_MEASURE_TABLE: Final = (
    ColumnSpec(BenchCol.MEASURE, "ui.col.measure", "measure"),
    ColumnSpec(BenchCol.OWN, "ui.col.own_value", "score"),
    ColumnSpec(BenchCol.N_TESTS, "ui.col.own_tests", "count"),
    ColumnSpec(BenchCol.PEER_VALUE, "ui.col.peer_value", "score"),
    ColumnSpec(BenchCol.PEER_BASIS, "ui.col.peer_basis", "basis"),
    ColumnSpec(BenchCol.PEER_TESTS, "ui.col.peer_tests", "count"),
    ColumnSpec(BenchCol.N, "ui.col.peers_n", "count"),
)
BENCH_TRAJECTORY_TABLE: Final = (
    ColumnSpec(BenchCol.EDITION, "ui.col.edition", "edition"),
    *_OWN_WITH_INTERVAL,
    ColumnSpec(BenchCol.Q1, "ui.col.q1", "score"),
    ColumnSpec(BenchCol.MEDIAN, "ui.col.median", "score"),
    ColumnSpec(BenchCol.Q3, "ui.col.q3", "score"),
    ColumnSpec(BenchCol.N, "ui.col.peers_n", "count"),
)
BENCH_DISTRIBUTION_TABLE: Final = (
    ColumnSpec(BenchCol.LABEL, "ui.col.structure", "text"),
    ColumnSpec(BenchCol.SCORE, "ui.col.global_score", "score"),
    ColumnSpec(BenchCol.N_TESTS, "ui.col.tests", "count"),
    ColumnSpec(BenchCol.RANK, "ui.col.rank", "count"),
    ColumnSpec(BenchCol.RANK_LOW, "ui.col.rank_low", "count"),
    ColumnSpec(BenchCol.RANK_HIGH, "ui.col.rank_high", "count"),
)
# Where to act first (contract §5b): every item of the view, then the action list's three.
BENCH_ACT_TABLE: Final = (
    ColumnSpec(BenchCol.LABEL, "ui.col.lever", "text"),
    *_OWN_WITH_INTERVAL,
    ColumnSpec(BenchCol.MEDIAN, "ui.col.median", "score"),
    ColumnSpec(BenchCol.GAP, "ui.col.gap_median", "score"),
    ColumnSpec(BenchCol.N_PEERS, "ui.col.peers_n", "count"),
    ColumnSpec(BenchCol.IMPORTANCE, "ui.col.importance", "ratio"),
    ColumnSpec(BenchCol.IMPORTANCE_N, "ui.col.importance_n", "count"),
    ColumnSpec(BenchCol.QUADRANT, "ui.col.quadrant", "quadrant"),
)
# What to do first, first: a phone shows the lever and its points before it scrolls.
BENCH_ACTIONS_TABLE: Final = (
    ColumnSpec(BenchCol.LABEL, "ui.col.lever", "text"),
    ColumnSpec(BenchCol.TO_MEDIAN, "ui.col.to_median", "score"),
    ColumnSpec(BenchCol.TO_Q3, "ui.col.to_q3", "score"),
    *_OWN_WITH_INTERVAL,
    ColumnSpec(BenchCol.MEDIAN, "ui.col.median", "score"),
    ColumnSpec(BenchCol.Q3, "ui.col.q3", "score"),
    ColumnSpec(BenchCol.N_PEERS, "ui.col.peers_n", "count"),
    ColumnSpec(BenchCol.QUADRANT, "ui.col.quadrant", "quadrant"),
    ColumnSpec(BenchCol.PRIORITY, "ui.col.priority", "count"),
)
COMPARE_TABLE: Final = (
    ColumnSpec("name", "ui.col.structure", "text"),
    ColumnSpec(BenchCol.MEASURE, "ui.col.channel", "text"),
    ColumnSpec(BenchCol.SCORE, "ui.col.score", "score"),
)
WINNERS_TABLE: Final = (
    ColumnSpec(Col.CATEGORY, "ui.col.category", "category"),
    ColumnSpec(Col.NAME, "ui.col.structure", "text"),
    ColumnSpec(Col.DEPARTMENT, "ui.col.department", "department"),
    ColumnSpec(Col.SCORE, "ui.col.global_score", "score"),
    ColumnSpec(Col.N_TESTS, "ui.col.tests", "count"),
    ColumnSpec(Col.STRUCTURES, "ui.col.peers", "count"),
)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _label(value: object, kind: Kind, lang: str) -> str:
    if _missing(value):
        return ""
    if kind == "category":
        return category_label(str(value), lang)
    if kind == "channel":
        return channel_label(str(value), lang)
    if kind == "criterion":
        from dashboard.pages.summary import criterion_label

        return criterion_label(str(value), lang)
    if kind == "measure":
        return translate(f"ui.measure.{value}", lang)
    if kind in ("quartile", "mark", "basis", "source", "quadrant"):
        return translate(f"ui.{kind}.{value}", lang)
    if kind == "department":
        name = department_name(str(value)) or region_name(str(value)) or ""
        return f"{name} ({value})" if name else str(value)
    return str(value)


def display_cell(value: object, kind: Kind, lang: str) -> str:
    """A cell as shown on screen, formatted for the locale."""
    if kind in DECIMALS:
        number = None if _missing(value) else float(value)  # type: ignore[arg-type]
        return format_number(number, lang, DECIMALS[kind])
    if kind == "number":  # a published figure, as many decimals as it has (contract §7)
        return "" if _missing(value) else indicator_number(float(value), lang)  # type: ignore[arg-type]
    return _label(value, kind, lang)


NUMERIC_KINDS: Final = ("score", "count", "edition", "ratio", "number")
# Decimals a number of each kind is shown (and downloaded, and published) with: a "ratio" is
# a correlation (the importance of a criterion, contract §5b); a "number" (a published public
# figure, contract §7) keeps the decimals it was published with.
DECIMALS: Final[dict[str, int]] = {"score": 1, "count": 0, "ratio": 2}


def round_as_shown(value: float, decimals: int = DECIMALS["score"]) -> float:
    """`value` rounded as `format_number` shows it: half to even on its shortest decimal
    spelling (72.35 -> 72.4, 72.25 -> 72.2), so that the number published and the number read
    on screen are the same; -0.0 becomes 0.0, NaN stays NaN."""
    if math.isnan(value):
        return value
    quantum = Decimal(1).scaleb(-decimals)
    return float(decimal_of(float(value)).quantize(quantum, rounding=ROUND_HALF_EVEN)) + 0.0


def _rounded(values: Iterable[Any], decimals: int) -> list[Any]:
    done: dict[float, float] = {}
    out: list[Any] = []
    for value in values:
        if _missing(value):
            out.append(math.nan)
            continue
        number = float(value)
        found = done.get(number)
        if found is None:
            found = done[number] = round_as_shown(number, decimals)
        out.append(found)
    return out


def rounded_array(values: np.ndarray, decimals: int) -> np.ndarray:
    """round_as_shown() of every value of a float array, at numpy's speed: numpy rounds those
    that lie clearly off a half (where binary and decimal rounding agree), round_as_shown()
    the few within 1e-6 of one (72.35: its binary value is 72.3499…, its spelling 72.35).
    NaN stays NaN, -0.0 becomes 0.0."""
    scale = 10.0**decimals
    scaled = values * scale
    out = np.round(scaled) / scale + 0.0
    half = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6
    for i in np.flatnonzero(half):
        out[i] = round_as_shown(float(values[i]), decimals)
    return out


def rounded_as_shown(frame: pd.DataFrame, spec: Sequence[ColumnSpec]) -> pd.DataFrame:
    """A copy of `frame` whose score columns (kind "score" in `spec`) hold the values the
    table shows, rounded to one decimal (`round_as_shown`); other columns unchanged.

    In anonymous mode the frames of peer values are published this way, in figures as in
    tables and CSVs (issue 11, fault 1)."""
    out = frame.copy()
    for col in spec:
        if col.kind in DECIMALS and col.column in out.columns:
            column = out[col.column]
            if col.kind == "count" and _whole(column):
                continue  # whole numbers (counts, ranks) are already as shown
            if pd.api.types.is_numeric_dtype(column.dtype):
                values = column.to_numpy(dtype="float64", na_value=np.nan)
                rounded: Any = rounded_array(values, DECIMALS[col.kind])
            else:
                rounded = _rounded(column.tolist(), DECIMALS[col.kind])
            out[col.column] = pd.Series(rounded, index=out.index, dtype="float64")
    return out


def _whole(column: pd.Series) -> bool:
    """Whether every value of a column is a whole number or missing."""
    if pd.api.types.is_integer_dtype(column.dtype):
        return True
    if not pd.api.types.is_float_dtype(column.dtype):
        return False
    values = column.to_numpy(dtype="float64", na_value=np.nan)
    known = values[~np.isnan(values)]
    return bool(np.all(known == np.round(known)))


def round_figure_values(figure: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """`figure` (plotly JSON) with the numbers its traces hold under `keys` (e.g. "x", "q1")
    rounded as scores are shown: for a chart whose own statistics must come from the exact
    values (a box's quartiles) before they are published rounded."""
    for trace in figure.get("data", []):
        for key in keys:
            found = trace.get(key)
            if isinstance(found, list):
                trace[key] = [
                    None
                    if v is None
                    else round_as_shown(float(v))
                    if isinstance(v, (int, float)) and not isinstance(v, bool)
                    else v
                    for v in found
                ]
    return figure


def numeric_columns(spec: Sequence[ColumnSpec]) -> list[bool]:
    """Which columns hold numbers (right-aligned on screen)."""
    return [col.kind in NUMERIC_KINDS for col in spec]


def headers(spec: Sequence[ColumnSpec], lang: str) -> list[str]:
    """The column headers of a table in `lang`."""
    return [translate(col.header_key, lang) for col in spec]


def _each_once(values: list[object], text: Callable[[object], str]) -> list[str]:
    """`text` of every value, computed once per distinct value: a column repeats a few
    labels (categories, channels) or numbers over thousands of rows."""
    done: dict[tuple[type, object], str] = {}
    out = []
    for value in values:
        key = (type(value), value)
        found = done.get(key)
        if found is None:
            found = done[key] = text(value)
        out.append(found)
    return out


def display_rows(frame: pd.DataFrame, spec: Sequence[ColumnSpec], lang: str) -> list[list[str]]:
    """Every row of `frame` as display text, in the order of `spec`."""
    columns = [
        _each_once(frame[col.column].tolist(), partial(display_cell, kind=col.kind, lang=lang))
        for col in spec
    ]
    return [list(row) for row in zip(*columns, strict=True)] if len(frame) else []


def _csv_number(value: object, decimal: str, decimals: int | None) -> str:
    """A number as the table shows it (`decimals`; None: an edition, as is), without
    grouping, with the locale's decimal mark."""
    if _missing(value):
        return ""
    if decimals is None:
        text = repr(float(value)) if isinstance(value, float) else str(value)
        text = text.removesuffix(".0")
    else:
        text = f"{round_as_shown(float(value), decimals):.{decimals}f}"  # type: ignore[arg-type]
    return text.replace(".", decimal)


def _csv_label(value: object, kind: Kind, lang: str) -> str:
    # Text a spreadsheet would read as a formula (a name "=HYPERLINK(...)") is escaped.
    return escape(_label(value, kind, lang))


def csv_download(frame: pd.DataFrame, spec: Sequence[ColumnSpec], lang: str) -> str:
    """The table as CSV text: labels in `lang` (escaped against formula injection, see
    dashboard.intake.csv_escape), numbers rounded as the table shows them (one decimal for scores;
    French: `;` and `,`, English: `,` and `.`)."""
    fr = normalise_lang(lang) == "fr"
    sep, decimal = (";", ",") if fr else (",", ".")
    out = pd.DataFrame(
        {
            header: _each_once(
                frame[col.column].tolist(),
                partial(_csv_number, decimal=decimal, decimals=DECIMALS.get(col.kind))
                if col.kind in NUMERIC_KINDS
                else partial(_csv_label, kind=col.kind, lang=lang),
            )
            for header, col in zip(headers(spec, lang), spec, strict=True)
        }
    )
    return out.to_csv(sep=sep, index=False, lineterminator="\r\n")


@dataclass(frozen=True)
class TablePayload:
    """A table as the page shows it: headers, display rows (text), which columns hold numbers
    (right-aligned) and its caption."""

    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    caption: str


def table_payload(
    frame: pd.DataFrame, spec: Sequence[ColumnSpec], title_key: str, lang: str
) -> TablePayload:
    """A chart's table as the page needs it: headers, display rows, which columns are
    numbers and a caption, from the frame the chart draws (its CSV is csv_download() of the
    same frame, built when downloaded)."""
    return TablePayload(
        headers(spec, lang),
        display_rows(frame, spec, lang),
        numeric_columns(spec),
        translate("ui.table.caption", lang, title=translate(title_key, lang)),
    )
