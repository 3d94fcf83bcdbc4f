"""Public indicator values as published (contract §7): as many decimals as the value has, the
unit as given, never rescaled; in tables and CSVs too (the "number" column kind)."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.render.indicator_text import (
    MAX_DECIMALS,
    decimals_of,
    indicator_number,
    signed_number,
    statistic_decimals,
    with_unit,
)
from dashboard.render.tables import ColumnSpec, csv_download, display_cell


def test_a_value_keeps_its_decimals() -> None:
    assert [decimals_of(v) for v in (98.0, 97.5, 0.25, 0.1 + 0.2, 1 / 3, math.nan)] == [
        0, 1, 2, 1, 3, 0,
    ]  # fmt: skip
    assert indicator_number(98.0, "fr") == "98"
    assert indicator_number(1234.5, "fr") == "1\u202f234,5"
    assert indicator_number(0.045, "en") == "0.045"
    assert indicator_number(None, "fr") == indicator_number(math.nan, "fr") == "–"
    assert signed_number(-2.5, "fr") == "−2,5" and signed_number(4.0, "en") == "+4"


def test_the_unit_as_given_on_the_same_line() -> None:
    assert with_unit("45", "% de réseaux") == "45\u00a0% de réseaux"
    assert with_unit("45", "") == "45"
    assert with_unit("–", "jours") == "–"


def test_a_number_column_shows_and_downloads_the_value_as_published() -> None:
    assert display_cell(0.045, "number", "fr") == "0,045"
    assert display_cell(98.0, "number", "fr") == "98"
    assert display_cell(math.nan, "number", "fr") == ""
    frame = pd.DataFrame({"v": [98.0, 0.045, math.nan]})
    text = csv_download(frame, (ColumnSpec("v", "ui.col.score", "number"),), "fr")
    assert text.splitlines()[:3] == ["Score", "98", "0,045"]
    assert text.splitlines()[3].strip('"') == ""  # no value: an empty cell


def test_a_group_statistic_has_one_decimal_more_than_the_values() -> None:
    assert statistic_decimals([70.0, 80.0, 81.0]) == 1
    assert statistic_decimals([70.0, 80.5]) == 2
    assert statistic_decimals([0.125, 1.0]) == MAX_DECIMALS  # at most MAX_DECIMALS
    assert statistic_decimals([]) == 1
