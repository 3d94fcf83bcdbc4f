"""The text helpers behind the figures' margins: long labels wrap evenly without cutting a
word, and width estimates grow with the text (the browser test checks them against
Chromium's own measures)."""

from __future__ import annotations

import pytest

from dashboard.i18n import category_label
from dashboard.intake.schema import CATEGORIES
from dashboard.render.text_metrics import label_margin, legend_margin, text_width, wrap_label


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_category_labels_wrap_on_at_most_two_even_lines_of_whole_words(lang: str) -> None:
    for category in CATEGORIES:
        label = category_label(category, lang)
        lines = wrap_label(label).split("<br>")
        assert " ".join(lines) == label  # words are never cut, nothing lost
        assert len(lines) <= 2
        if len(lines) == 2:
            assert abs(len(lines[0]) - len(lines[1])) <= 12  # even, not "... de" / "santé"


def test_wrapping_keeps_short_labels_and_lets_a_long_word_stand_alone() -> None:
    assert wrap_label("Téléphone") == "Téléphone"
    assert wrap_label("a " + "x" * 50, width=10) == "a<br>" + "x" * 50


def test_widths_and_margins_grow_with_the_text() -> None:
    assert text_width("") == 0
    assert text_width("iii") < text_width("mmm")
    assert text_width("Villes", size=26) == 2 * text_width("Villes")
    # A wrapped label needs the margin of its longest line only.
    long = "Services sociaux, d'aide à la personne, de solidarité et de santé"
    assert label_margin([wrap_label(long)]) < label_margin([long])
    assert label_margin([]) == label_margin([""])
    # A legend further under the plot needs a deeper margin; so does a taller figure.
    assert legend_margin(400, 10, -0.3) < legend_margin(400, 10, -0.45)
    assert legend_margin(300, 10, -0.3) < legend_margin(500, 10, -0.3)
