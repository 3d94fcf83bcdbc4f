"""The structures table's checks (contract §2): ids, names, categories, region and department
codes (and that the department lies in the region), populations; typed columns out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.intake.geography import region_of_department
from dashboard.intake.loading import RawTable
from dashboard.intake.schema import (
    CATEGORIES,
    NAME_MAX_LEN,
    REGION_CODES,
    STRUCTURE_COLUMNS,
    STRUCTURE_ID_MAX_LEN,
    STRUCTURE_REQUIRED,
    StructureCol,
)
from dashboard.intake.validation.cells import (
    BoolArray,
    is_empty,
    nullable_ints,
    numpy_bool,
    parse_numbers,
    text_series,
    trimmed_text,
)
from dashboard.intake.validation.codes import category_labels, check_code_column, unknown_code
from dashboard.intake.validation.collector import ProblemCollector
from dashboard.intake.validation.tables import check_columns, repeats


@dataclass
class CheckedStructures:
    """What the tests need from the checked structures, and their typed columns."""

    ids: pa.ChunkedArray | None = None
    first_of_id: BoolArray | None = None
    columns: dict[str, object] = field(default_factory=dict)

    def typed(self) -> pd.DataFrame:
        """The typed columns as a frame (the Dataset's structures table)."""
        return pd.DataFrame(self.columns)


def check_structures(raw: RawTable, problems: ProblemCollector) -> CheckedStructures:
    """The structures table checked against §2, every problem added to `problems`: the ids
    the tests refer to and the typed columns (a column missing from `raw` is left out)."""
    check_columns(raw, STRUCTURE_COLUMNS, STRUCTURE_REQUIRED, problems)
    result = CheckedStructures()
    n = len(raw.frame)

    sid = trimmed_text(raw, StructureCol.STRUCTURE_ID)
    if sid is not None:
        empty = is_empty(sid)
        problems.rows(raw, empty, StructureCol.STRUCTURE_ID, "required_empty")
        lengths = np.asarray(pc.utf8_length(sid).to_numpy(zero_copy_only=False), dtype=np.int64)
        too_long = lengths > STRUCTURE_ID_MAX_LEN
        problems.rows(
            raw,
            too_long,
            StructureCol.STRUCTURE_ID,
            "id_too_long",
            params={"max": STRUCTURE_ID_MAX_LEN},
            row_params={"length": lengths},
        )
        ids = text_series(sid)
        repeated, first_rows = repeats([sid], ~empty, raw.row_numbers)
        problems.rows(
            raw,
            repeated,
            StructureCol.STRUCTURE_ID,
            "duplicate_structure_id",
            row_params={"first_row": first_rows},
        )
        result.ids = sid
        result.first_of_id = ~empty & ~repeated
        result.columns[StructureCol.STRUCTURE_ID] = ids

    name = trimmed_text(raw, StructureCol.NAME)
    if name is not None:
        problems.rows(raw, is_empty(name), StructureCol.NAME, "required_empty")
        lengths = np.asarray(pc.utf8_length(name).to_numpy(zero_copy_only=False), dtype=np.int64)
        problems.rows(
            raw,
            lengths > NAME_MAX_LEN,
            StructureCol.NAME,
            "name_too_long",
            params={"max": NAME_MAX_LEN},
            row_params={"length": lengths},
        )
        # Markup in a name is kept as typed: escaping is the UI's job.
        result.columns[StructureCol.NAME] = text_series(name)

    category = check_code_column(
        raw,
        StructureCol.CATEGORY,
        CATEGORIES,
        "category",
        problems,
        labels=category_labels(),
    )
    if category is not None:
        result.columns[StructureCol.CATEGORY] = text_series(category[0])

    region = trimmed_text(raw, StructureCol.REGION_CODE)
    region_ok = np.zeros(n, dtype=np.bool_)
    if region is not None:
        empty = is_empty(region)
        problems.rows(raw, empty, StructureCol.REGION_CODE, "required_empty")
        region_ok = numpy_bool(pc.is_in(region, value_set=pa.array(REGION_CODES)))
        unknown_code(
            raw, region, ~empty & ~region_ok, StructureCol.REGION_CODE, REGION_CODES, problems
        )
        result.columns[StructureCol.REGION_CODE] = text_series(region)

    department = trimmed_text(raw, StructureCol.DEPARTMENT_CODE)
    if department is not None:
        upper = pc.utf8_upper(department)
        regions_of = region_of_department()
        empty = is_empty(upper)
        known = numpy_bool(pc.is_in(upper, value_set=pa.array(list(regions_of))))
        unknown_code(
            raw, upper, ~empty & ~known, StructureCol.DEPARTMENT_CODE, tuple(regions_of), problems
        )
        if region is not None:
            # The region each department belongs to, compared with the row's region.
            expected = pc.fill_null(
                pc.index_in(upper, value_set=pa.array(list(regions_of))), -1
            ).to_numpy(zero_copy_only=False)
            expected_region = np.asarray([*regions_of.values(), ""], dtype=object)[expected]
            region_text = np.asarray(region.to_numpy(zero_copy_only=False), dtype=object)
            mismatch = known & region_ok & (expected_region != region_text)
            problems.rows(
                raw,
                mismatch,
                StructureCol.DEPARTMENT_CODE,
                "department_not_in_region",
                row_params={"region": region_text, "expected": expected_region},
            )
        result.columns[StructureCol.DEPARTMENT_CODE] = text_series(pc.if_else(empty, None, upper))

    population = trimmed_text(raw, StructureCol.POPULATION)
    if population is not None:
        values, bad = parse_numbers(population)
        bad |= ~np.isnan(values) & ((values < 0) | (values != np.floor(values)))
        problems.rows(raw, bad, StructureCol.POPULATION, "not_non_negative_integer")
        result.columns[StructureCol.POPULATION] = nullable_ints(values)
    return result
