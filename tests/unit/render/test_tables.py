"""Chart tables and CSVs (issue 10, point 11; issue 11, fault 1): numbers are published as the
table shows them, one decimal for scores, with the locale's separators."""

from __future__ import annotations

import csv
import io
import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.i18n import format_number
from dashboard.render import tables
from dashboard.render.tables import round_as_shown, round_figure_values, rounded_as_shown

SPEC = (
    tables.ColumnSpec("channel", "ui.col.channel", "channel"),
    tables.ColumnSpec("own", "ui.col.own_score", "score"),
    tables.ColumnSpec("gap", "ui.col.gap_median", "score"),
    tables.ColumnSpec("n", "ui.col.peers_n", "count"),
    tables.ColumnSpec("edition", "ui.col.edition", "edition"),
)
FRAME = pd.DataFrame(
    {
        "channel": ["phone", "email", "mail"],
        "own": [87.34333333333333, 80.0, math.nan],
        "gap": [-3.25, 0.04999, -0.04],
        "n": [49, 12, 3],
        "edition": [2022, 2022, 2021],
    }
)


@given(st.floats(min_value=-1000, max_value=1000, allow_nan=False))
def test_rounding_is_what_the_screen_shows(value: float) -> None:
    rounded = round_as_shown(value)
    for lang in ("fr", "en"):
        assert format_number(rounded, lang, 1) == format_number(value, lang, 1)
    assert repr(rounded).partition(".")[2] in {str(d) for d in range(10)}  # one decimal


@given(
    st.lists(
        st.one_of(
            st.floats(min_value=-1000, max_value=1000) | st.just(math.nan),
            # Halves, tenths and hundredths, where binary and decimal rounding disagree.
            st.integers(min_value=-100_000, max_value=100_000).map(lambda i: i / 100),
            st.integers(min_value=-100_000, max_value=100_000).map(lambda i: i / 1000),
        ),
        max_size=40,
    ),
    st.sampled_from([0, 1, 2]),
)
def test_rounding_a_column_at_once_is_rounding_each_value(
    values: list[float], decimals: int
) -> None:
    """rounded_array() (numpy, the frames published in anonymous mode) gives exactly what
    round_as_shown() gives value by value."""
    import numpy as np

    out = tables.rounded_array(np.array(values, dtype="float64"), decimals)
    expected = [round_as_shown(v, decimals) for v in values]
    assert [repr(v) for v in out.tolist()] == [repr(v) for v in expected]


def test_rounding_ties_and_signs() -> None:
    assert round_as_shown(72.35) == 72.4  # half to even on the decimal spelling
    assert round_as_shown(72.25) == 72.2
    assert math.copysign(1, round_as_shown(-0.04)) == 1  # no "-0,0"
    assert math.isnan(round_as_shown(math.nan))


@pytest.mark.parametrize(("lang", "sep", "own", "gap"), [("fr", ";", "87,3", "-3,2"),
                                                         ("en", ",", "87.3", "-3.2")])  # fmt: skip
def test_csv_numbers_are_rounded_as_shown(lang: str, sep: str, own: str, gap: str) -> None:
    rows = list(csv.reader(io.StringIO(tables.csv_download(FRAME, SPEC, lang)), delimiter=sep))
    assert rows[1][1:] == [own, gap, "49", "2022"]
    assert rows[2][1:3] == (["80,0", "0,0"] if lang == "fr" else ["80.0", "0.0"])
    assert rows[3][1:3] == ["", "0,0" if lang == "fr" else "0.0"]  # empty, and no "-0,0"
    # The table view shows the same numbers.
    shown = tables.display_rows(FRAME, SPEC, lang)
    assert [row[1] for row in shown][:2] == [own, "80,0" if lang == "fr" else "80.0"]


def test_rounded_frame_rounds_score_columns_only() -> None:
    out = rounded_as_shown(FRAME, SPEC)
    assert out["own"].tolist()[:2] == [87.3, 80.0]
    assert math.isnan(out["own"][2])
    assert out["gap"].tolist() == [-3.2, 0.0, 0.0]
    assert out["n"].tolist() == [49, 12, 3] and out["channel"].tolist() == FRAME["channel"].tolist()
    assert FRAME["own"][0] == 87.34333333333333  # the input is left alone


def test_figure_values_are_rounded_under_the_given_keys_only() -> None:
    figure = {
        "data": [
            {"type": "box", "q1": [72.3333], "median": [80.04999], "y": [0]},
            {"type": "scatter", "x": [87.34333333333333, None], "y": [0.227, -0.136]},
        ],
        "layout": {"height": 300},
    }
    out = round_figure_values(figure, ("x", "q1", "median"))
    assert out["data"][0]["q1"] == [72.3] and out["data"][0]["median"] == [80.0]
    assert out["data"][1]["x"] == [87.3, None]
    assert out["data"][1]["y"] == [0.227, -0.136]  # positions, not values: left alone
