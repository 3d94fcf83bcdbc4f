"""Cells holding a code (contract §2, §3): categories and channels read in any case or as
their label, region and department codes with the usual spreadsheet damage (a lost leading
zero, a code written as a number), and the closest code offered when a cell is none.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.i18n import LANGS, category_label, channel_label
from dashboard.intake.geography import departments, regions
from dashboard.intake.loading import RawTable
from dashboard.intake.schema import CATEGORIES, CHANNELS, StructureCol
from dashboard.intake.validation.cells import BoolArray, is_empty, numpy_bool, trimmed_text
from dashboard.intake.validation.collector import ProblemCollector

# "Did you mean": the closest code or label (rapidfuzz's WRatio, 0-100) at or above this.
SUGGESTION_MIN_SCORE: Final = 80.0
# ... and ahead of the next code by at least this much, else it is no suggestion.
SUGGESTION_MARGIN: Final = 5.0


def fold_text(text: str) -> str:
    """Text as compared with codes and labels: no case, no accents, one kind of space, dash
    and apostrophe ("Conseils Régionaux" and "conseils regionaux" fold alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        plain = plain.replace(dash, "-")
    plain = plain.replace("\u2019", "'").replace("\u02bc", "'")
    return " ".join(plain.split())


@functools.cache
def category_labels() -> dict[str, str]:
    """The app's own category labels (French and English), folded, to their code (§2)."""
    return {fold_text(category_label(code, lang)): code for code in CATEGORIES for lang in LANGS}


@functools.cache
def _choices(kind: str) -> dict[str, str]:
    """What a "did you mean" compares a cell with, folded, to the code it stands for: the
    codes and their labels (categories, channels), or the names (regions, departments)."""
    if kind == "category":
        choices = dict(category_labels())
        choices.update({fold_text(code.replace("_", " ")): code for code in CATEGORIES})
        return choices
    if kind == "channel":
        choices = {
            fold_text(channel_label(code, lang)): code for code in CHANNELS for lang in LANGS
        }
        choices.update({fold_text(code): code for code in CHANNELS})
        return choices
    frame = regions() if kind == "region" else departments()
    code_column = StructureCol.REGION_CODE if kind == "region" else StructureCol.DEPARTMENT_CODE
    return {
        fold_text(name): code
        for code, name in zip(frame[code_column], frame[StructureCol.NAME], strict=True)
    }


def _suggestion(value: str, kind: str) -> str:
    """The code closest to `value` (rapidfuzz's WRatio on folded text), "" when none is close."""
    from rapidfuzz import fuzz, process

    folded = fold_text(value)
    if not any(c.isalpha() for c in folded):
        return ""
    choices = _choices(kind)
    best: dict[str, float] = {}
    for choice, score, _ in process.extract(
        folded, list(choices), scorer=fuzz.WRatio, score_cutoff=SUGGESTION_MIN_SCORE, limit=None
    ):
        code = choices[choice]
        best[code] = max(best.get(code, 0.0), score)
    ranked = sorted(best.items(), key=lambda item: -item[1])
    if not ranked:
        return ""
    # Two codes about as close ("ville": either size of city) make no suggestion.
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < SUGGESTION_MARGIN:
        return ""
    return ranked[0][0]


def closest_code(value: str, kind: Literal["region", "department"]) -> str:
    """The region or department code whose name is closest to `value` ("Corse du Sud" ->
    "2A"), "" when none is close (rapidfuzz, as the structures' codes are checked, §2)."""
    return _suggestion(value, kind)


def _per_distinct(
    text: pa.ChunkedArray, rows: BoolArray, function: Callable[[str], str]
) -> npt.NDArray[np.object_]:
    """`function` of each cell where `rows` holds ("" elsewhere), called once per distinct
    value: codes columns hold few distinct values, so this stays a column operation."""
    result = np.full(len(text), "", dtype=object)
    if not rows.any():
        return result
    distinct = pc.unique(pc.filter(text, pa.array(rows)))
    mapped = np.asarray([function(str(v)) for v in distinct.to_pylist()] + [""], dtype=object)
    index = pc.fill_null(pc.index_in(text, value_set=distinct), -1)
    result[rows] = mapped[np.asarray(index.to_numpy(zero_copy_only=False))[rows]]
    return result


def check_code_column(
    raw: RawTable,
    column: str,
    codes: Sequence[str],
    kind: str,
    problems: ProblemCollector,
    *,
    labels: Mapping[str, str] | None = None,
) -> tuple[pa.ChunkedArray, BoolArray] | None:
    """A required column of codes (categories, channels), trimmed and read case-insensitively:
    its codes as lowered text and which rows hold a known code, the empty and unknown ones
    reported (an unknown one with the closest code and its label when one is close); None
    when the column is missing (reported with the columns). A cell equal to one of `labels`
    (folded: any case, with or without accents) is read as that label's code."""
    text = trimmed_text(raw, column)
    if text is None:
        return None
    lowered = pc.utf8_lower(text)
    empty = is_empty(text)
    problems.rows(raw, empty, column, "required_empty")
    known = numpy_bool(pc.is_in(lowered, value_set=pa.array(list(codes))))
    unknown = ~empty & ~known
    if not unknown.any():
        return lowered, known
    if labels:
        from_label = _per_distinct(text, unknown, lambda v: labels.get(fold_text(v), ""))
        is_label = from_label != ""
        if is_label.any():
            replaced = pc.if_else(
                pa.array(is_label),
                pa.array(from_label.tolist(), pa.large_string()),
                lowered.combine_chunks().cast(pa.large_string()),
            )
            lowered = pa.chunked_array([replaced])
            known |= is_label
            unknown &= ~is_label
    suggested = _per_distinct(text, unknown, lambda v: _suggestion(v, kind))
    close = unknown & (suggested != "")
    expected = {"expected": list(codes)}
    problems.rows(
        raw,
        close,
        column,
        f"{kind}_did_you_mean",
        params=expected,
        row_params={f"{kind}_suggestion": suggested},
    )
    problems.rows(raw, unknown & ~close, column, f"unknown_{kind}", params=expected)
    return lowered, known


def unknown_code(
    raw: RawTable,
    text: pa.ChunkedArray,
    unknown: BoolArray,
    column: str,
    codes: Sequence[str],
    problems: ProblemCollector,
) -> None:
    """Unknown region/department codes: a lost leading zero ("1" for "01") or a code written
    as a number ("94.0", "6.0") gets its own hint, a name its code ("Bretagne": 53)."""
    if not unknown.any():
        return
    kind = "region" if column == StructureCol.REGION_CODE else "department"
    integer = pc.replace_substring_regex(text, pattern=r"^(\d+)[.,]0+$", replacement=r"\1")
    as_number = numpy_bool(pc.not_equal(integer, text))
    padded = pc.utf8_lpad(integer, width=2, padding="0")
    recoverable = unknown & numpy_bool(pc.is_in(padded, value_set=pa.array(list(codes))))
    suggestion = np.asarray(padded.to_numpy(zero_copy_only=False), dtype=object)
    problems.rows(
        raw,
        recoverable & ~as_number,
        column,
        f"{kind}_leading_zero",
        row_params={"suggestion": suggestion},
    )
    problems.rows(
        raw,
        recoverable & as_number,
        column,
        f"{kind}_as_number",
        row_params={"suggestion": suggestion},
    )
    rest = unknown & ~recoverable
    named = _per_distinct(text, rest, lambda v: _suggestion(v, kind))
    close = rest & (named != "")
    problems.rows(
        raw, close, column, f"{kind}_did_you_mean", row_params={f"{kind}_suggestion": named}
    )
    problems.rows(
        raw,
        rest & ~close,
        column,
        f"unknown_{kind}",
        params={"expected": list(codes)} if kind == "region" else None,
    )
