"""Locale formatting: the fast number formatter gives exactly Babel's output."""

from __future__ import annotations

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from dashboard.i18n import BABEL_LOCALES, format_number, format_percent_value, format_signed


@given(
    st.one_of(
        st.floats(min_value=-1e7, max_value=1e7, allow_nan=False),
        st.integers(min_value=-(10**7), max_value=10**7),
        st.sampled_from([2.675, 0.5, 1.5, 2.5, -0.05, 0.25, 1234567.891, -0.0]),
    ),
    st.sampled_from(["fr", "en"]),
    st.integers(min_value=0, max_value=3),
)
def test_format_number_equals_babel(value: float, lang: str, decimals: int) -> None:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(value, format=pattern, locale=BABEL_LOCALES[lang])
    if expected.lstrip("-−").strip("0.,") == "":
        expected = expected.lstrip("-−")  # a value rounding to zero is shown without a sign
    assert format_number(value, lang, decimals) == expected


def test_french_and_english_examples() -> None:
    assert format_number(5.5, "fr") == "5,5"
    assert format_number(1234567.25, "fr", 2) == "1\u202f234\u202f567,25"
    assert format_number(1234567.25, "en", 2) == "1,234,567.25"
    assert format_percent_value(77, "fr") == "77\u202f%"
    assert format_percent_value(77, "en") == "77%"
    assert format_signed(-2, "fr") == "−2,0"
    assert format_signed(0.04, "fr") == "0,0"
    assert format_number(None) == "–"


def test_float_noise_does_not_move_a_number_across_a_rounding_boundary() -> None:
    """A median of means summed in another order is 74.74999999999999 for 74.75: both show
    as the exact value does (half to even), in the text and in what is published."""
    from dashboard.render.tables import round_as_shown

    assert format_number(74.74999999999999, "fr", 1) == format_number(74.75, "fr", 1) == "74,8"
    assert format_number(72.25000000000001, "en", 1) == "72.2"
    assert format_number(74.7499, "fr", 1) == "74,7"  # a real difference is kept
    assert round_as_shown(74.74999999999999) == round_as_shown(74.75) == 74.8
