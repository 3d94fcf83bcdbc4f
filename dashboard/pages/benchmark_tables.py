"""A block of « Ma structure » or of its comparison, by name, as its "see as a table" view or
its CSV file (`sections.table_view` / `sections.csv_file` of the block's spec on the page's
view): what the page's callbacks answer when a table is opened or a CSV is asked for, built
from that one block's frame, not with the whole page.

- `benchmark_table(dataset, state, named, chart_name, indicators=())` -> TablePayload | None,
  `benchmark_csv(...)` -> CsvFile | None: None when the state names no structure
  (`BenchmarkView.exists`); `chart_name` one of SECTION_BY_NAME (KeyError otherwise).
- `compare_table(dataset, structures, edition, lang, chart_name)` -> TablePayload,
  `compare_csv(...)` -> CsvFile; `chart_name` one of COMPARE_BY_NAME.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.pages import benchmark as page
from dashboard.pages.sections import csv_file, table_view
from dashboard.urlstate import BenchmarkState

T = TypeVar("T")


def _block(
    make: Callable[[Any, Any], T],
) -> Callable[[Dataset, BenchmarkState, bool, str, Sequence[IndicatorTable]], T | None]:
    """`make(spec, view)` (a table view or a CSV file) of a block of the page, by name; None
    when the state names no structure."""

    def block(dataset: Dataset, state: BenchmarkState, named: bool, chart_name: str,
              indicators: Sequence[IndicatorTable] = ()) -> T | None:  # fmt: skip
        if not page.BenchmarkView.exists(dataset, state):
            return None
        view = page.BenchmarkView(dataset, state, named, indicators)
        return make(page.SECTION_BY_NAME[chart_name], view)

    return block


def _compare_block(
    make: Callable[[Any, Any], T],
) -> Callable[[Dataset, list[str], int | None, str, str], T]:
    """`make(spec, view)` of a block of the comparison, by name."""

    def block(dataset: Dataset, structures: list[str], edition: int | None, lang: str,
              chart_name: str) -> T:  # fmt: skip
        view = page.CompareView(dataset, structures, edition, lang)
        return make(page.COMPARE_BY_NAME[chart_name], view)

    return block


benchmark_table = _block(table_view)
benchmark_csv = _block(csv_file)
compare_table = _compare_block(table_view)
compare_csv = _compare_block(csv_file)
