"""The tests table's checks (contract §3): editions, structure ids, channels, test ids, dates
within their edition, scores and criteria, the measures each channel calls for; typed columns
out. And the one check across both tables: a structure with no test (a warning).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.intake.loading import RawTable
from dashboard.intake.schema import (
    BOOLEAN_MEASURES,
    CHANNELS,
    CRITERION_PATTERN,
    CRITERION_PREFIX,
    EDITION_MAX,
    EDITION_MIN,
    MEASURE_CHANNELS,
    MEASURES_REQUIRED_ALWAYS,
    MEASURES_REQUIRED_WHEN_ANSWERED,
    SCORE_MAX,
    SCORE_MIN,
    TEST_COLUMNS,
    TEST_REQUIRED,
    StructureCol,
    TestCol,
)
from dashboard.intake.validation.cells import (
    ACCEPTED_BOOLEANS,
    BoolArray,
    Dates,
    FloatArray,
    is_empty,
    nullable_ints,
    numpy_bool,
    parse_booleans,
    parse_dates,
    parse_numbers,
    text_series,
    trimmed_text,
)
from dashboard.intake.validation.check_structures import CheckedStructures
from dashboard.intake.validation.codes import check_code_column
from dashboard.intake.validation.collector import ProblemCollector, letter_of
from dashboard.intake.validation.problems import WARNING
from dashboard.intake.validation.tables import check_columns, repeats


@dataclass
class CheckedTests:
    """The checked tests' structure ids (for the no-test warning) and typed columns."""

    structure_ids: pa.ChunkedArray | None = None
    columns: dict[str, object] = field(default_factory=dict)

    def typed(self) -> pd.DataFrame:
        """The typed columns as a frame (the Dataset's tests table)."""
        return pd.DataFrame(self.columns)


def check_tests(
    raw: RawTable, structures: CheckedStructures, problems: ProblemCollector
) -> CheckedTests:
    """The tests table checked against §3, every problem added to `problems`: its structure
    ids (for the no-test warning) and the typed columns (a column missing from `raw` is left
    out; `structures` tells which structure ids exist)."""
    check_columns(raw, TEST_COLUMNS, TEST_REQUIRED, problems)
    result = CheckedTests()
    n = len(raw.frame)
    frame_columns = [str(c) for c in raw.frame.columns]

    edition_values = np.full(n, np.nan)
    edition_ok = np.zeros(n, dtype=np.bool_)
    edition = trimmed_text(raw, TestCol.EDITION)
    if edition is not None:
        empty = is_empty(edition)
        problems.rows(raw, empty, TestCol.EDITION, "required_empty")
        edition_values, bad = parse_numbers(edition)
        with np.errstate(invalid="ignore"):
            edition_ok = (
                ~bad
                & ~empty
                & (edition_values == np.floor(edition_values))
                & (edition_values >= EDITION_MIN)
                & (edition_values <= EDITION_MAX)
            )
        problems.rows(
            raw,
            ~empty & ~edition_ok,
            TestCol.EDITION,
            "edition_invalid",
            params={"min": EDITION_MIN, "max": EDITION_MAX},
        )
        result.columns[TestCol.EDITION] = np.where(edition_ok, edition_values, 0).astype(np.int64)

    sid = trimmed_text(raw, TestCol.STRUCTURE_ID)
    sid_empty = np.ones(n, dtype=np.bool_)
    if sid is not None:
        sid_empty = is_empty(sid)
        problems.rows(raw, sid_empty, TestCol.STRUCTURE_ID, "required_empty")
        if structures.ids is not None:
            known = numpy_bool(pc.is_in(sid, value_set=pc.unique(structures.ids)))
            problems.rows(raw, ~sid_empty & ~known, TestCol.STRUCTURE_ID, "unknown_structure")
        result.structure_ids = sid
        result.columns[TestCol.STRUCTURE_ID] = text_series(sid)

    channel_text: pa.ChunkedArray | None = None
    channel_ok = np.zeros(n, dtype=np.bool_)
    channel = check_code_column(raw, TestCol.CHANNEL, CHANNELS, "channel", problems)
    if channel is not None:
        channel_text, channel_ok = channel
        result.columns[TestCol.CHANNEL] = text_series(channel_text)

    test_id = trimmed_text(raw, TestCol.TEST_ID)
    if test_id is not None:
        empty = is_empty(test_id)
        problems.rows(raw, empty, TestCol.TEST_ID, "required_empty")
        ids = text_series(test_id)
        if channel_text is not None and sid is not None and edition is not None:
            editions = np.where(edition_ok, edition_values, 0).astype(np.int64)
            keys = [editions, sid, channel_text, test_id]
            eligible = edition_ok & ~sid_empty & channel_ok & ~empty
            repeated, first_rows = repeats(keys, eligible, raw.row_numbers)
            problems.rows(
                raw,
                repeated,
                TestCol.TEST_ID,
                "duplicate_test_id",
                row_params={"first_row": first_rows},
            )
        result.columns[TestCol.TEST_ID] = ids

    test_date = trimmed_text(raw, TestCol.TEST_DATE)
    if test_date is not None:
        parsed = parse_dates(test_date)
        dates = parsed.dates
        problems.rows(raw, parsed.bad, TestCol.TEST_DATE, "date_invalid")
        _date_order(raw, TestCol.TEST_DATE, parsed, problems)
        years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
        outside = ~np.isnat(dates) & edition_ok & (years != edition_values)
        problems.rows(
            raw,
            outside,
            TestCol.TEST_DATE,
            "date_outside_edition",
            row_params={"edition": np.where(edition_ok, edition_values, 0).astype(np.int64)},
        )
        result.columns[TestCol.TEST_DATE] = dates

    score = trimmed_text(raw, TestCol.SCORE)
    if score is not None:
        empty = is_empty(score)
        problems.rows(raw, empty, TestCol.SCORE, "required_empty")
        result.columns[TestCol.SCORE] = _check_score(raw, TestCol.SCORE, score, problems)

    _check_measures(raw, channel_text, channel_ok, problems, result)

    for column in frame_columns:
        if not column.startswith(CRITERION_PREFIX):
            continue
        if not CRITERION_PATTERN.match(column):
            problems.add(
                raw,
                "criterion_name_invalid",
                column=raw.original_columns[column].strip(),
                letter=letter_of(raw, column),
            )
            continue
        text = trimmed_text(raw, column)
        if text is not None:
            result.columns[column] = _check_score(raw, column, text, problems)
    return result


def _date_order(raw: RawTable, column: str, parsed: Dates, problems: ProblemCollector) -> None:
    """A column read month-first (a warning) or mixing both orders (errors), issue 12."""
    if parsed.month_first.any():
        first = int(np.flatnonzero(parsed.month_first)[0])
        problems.add(
            raw,
            "date_month_first",
            severity=WARNING,
            column=column,
            count=int(parsed.month_first.sum()),
            first_row=int(raw.row_numbers[first]),
            example=str(raw.frame[column].iloc[first]).strip(),
        )
    if parsed.mixed.any():
        example = parsed.day_first_example
        problems.rows(
            raw,
            parsed.mixed,
            column,
            "date_order_mixed",
            params={
                "day_first_row": int(raw.row_numbers[example]),
                "day_first_value": str(raw.frame[column].iloc[example]).strip(),
            },
        )


def _check_score(
    raw: RawTable, column: str, text: pa.ChunkedArray, problems: ProblemCollector
) -> FloatArray:
    """A 0-100 score column (score, crit_*): values, with the bad cells reported."""
    values, bad = parse_numbers(text)
    with np.errstate(invalid="ignore"):
        bad |= (values < SCORE_MIN) | (values > SCORE_MAX)
    problems.rows(
        raw,
        bad,
        column,
        "score_out_of_range",
        params={"min": int(SCORE_MIN), "max": int(SCORE_MAX)},
    )
    return values


def _check_measures(
    raw: RawTable,
    channel: pa.ChunkedArray | None,
    channel_ok: BoolArray,
    problems: ProblemCollector,
    result: CheckedTests,
) -> None:
    """Channel-specific measures: where each applies, is required, or must stay empty (§3)."""
    n = len(raw.frame)
    applies: dict[str, BoolArray] = {}
    channel_codes = channel if channel is not None else pa.chunked_array([pa.nulls(n)])
    for measure, channels in MEASURE_CHANNELS.items():
        on = (
            numpy_bool(pc.is_in(channel, value_set=pa.array(sorted(channels))))
            if channel is not None
            else np.zeros(n, dtype=np.bool_)
        )
        applies[measure] = channel_ok & on

    # `answered` first: whether the others are required depends on it.
    answered_true = np.zeros(n, dtype=np.bool_)
    answered_false = np.zeros(n, dtype=np.bool_)
    for measure in (*BOOLEAN_MEASURES, TestCol.RESPONSE_DAYS, TestCol.RINGS):
        where = applies[measure]
        text = trimmed_text(raw, measure)
        if text is None:
            needed = where if measure in MEASURES_REQUIRED_ALWAYS else where & answered_true
            if channel is not None and needed.any():
                problems.add(
                    raw,
                    "measure_column_missing",
                    column=measure,
                    count=int(needed.sum()),
                    channels=sorted(MEASURE_CHANNELS[measure]),
                )
            continue
        given = ~is_empty(text)
        channel_params: dict[str, object] = {"channels": sorted(MEASURE_CHANNELS[measure])}
        problems.rows(
            raw,
            given & channel_ok & ~where,
            measure,
            "measure_not_applicable",
            params=channel_params,
            row_params={"channel": channel_codes},
        )
        if measure in MEASURES_REQUIRED_ALWAYS:
            problems.rows(
                raw,
                where & ~given,
                measure,
                "measure_required",
                row_params={"channel": channel_codes},
            )
        if measure in MEASURES_REQUIRED_WHEN_ANSWERED:
            problems.rows(
                raw,
                where & answered_true & ~given,
                measure,
                "measure_required_when_answered",
                row_params={"channel": channel_codes},
            )
            problems.rows(raw, where & answered_false & given, measure, "measure_not_answered")
        if measure in BOOLEAN_MEASURES:
            truth, _, bad = parse_booleans(text)
            problems.rows(
                raw,
                where & bad,
                measure,
                "boolean_invalid",
                params={"accepted": ACCEPTED_BOOLEANS},
            )
            known = where & given & ~bad
            if measure == TestCol.ANSWERED:
                answered_true = known & truth
                answered_false = known & ~truth
            result.columns[measure] = pd.arrays.BooleanArray(truth, ~known)
            continue
        values, bad = parse_numbers(text)
        with np.errstate(invalid="ignore"):
            bad |= values < 0
            if measure == TestCol.RINGS:
                bad |= values != np.floor(values)
        # A value that must not be there at all is reported once, as such.
        problems.rows(
            raw,
            where & given & bad & ~answered_false,
            measure,
            "not_non_negative_integer" if measure == TestCol.RINGS else "not_non_negative_number",
        )
        values = np.where(where & ~bad, values, np.nan)
        if measure == TestCol.RINGS:
            result.columns[measure] = nullable_ints(values)
        else:
            result.columns[measure] = values


def warn_structures_without_test(
    raw: RawTable,
    structures: CheckedStructures,
    tested: pa.ChunkedArray,
    problems: ProblemCollector,
) -> None:
    """A warning on the first row of each structure that no test of `tested` names (§4)."""
    if structures.ids is None or structures.first_of_id is None:
        return
    has_test = numpy_bool(pc.is_in(structures.ids, value_set=pc.unique(tested)))
    problems.rows(
        raw,
        structures.first_of_id & ~has_test,
        StructureCol.STRUCTURE_ID,
        "structure_without_test",
        severity=WARNING,
    )
