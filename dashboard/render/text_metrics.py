"""Text metrics for figure margins: how wide a label is, how a long one wraps, and the margins
its axis, legend and title need.

Every axis keeps plotly's automargin, but a margin that automargin has to widen once a figure
is drawn makes plotly draw the whole figure again (every dot of a distribution a second time:
a third of a first load's drawing). So each figure asks for the margins its tick labels, axis
titles and legend need, estimated from their text; plotly widens them only where a browser's
font is wider still (never clipped, at worst drawn twice as before).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Final

FONT_SIZE: Final = 13
# Advance widths (em) of DejaVu Sans, the widest of the sans-serif fonts `FONT_FAMILY` falls
# back to (Segoe UI, Roboto, Cantarell, Arial and Liberation Sans are narrower), in classes
# rounded up: a margin estimated from them also holds the text in those fonts.
_EM_CLASSES: Final = (
    (0.30, "'ijlîïIJÎ"),
    (0.34, " ,.’/:;\\|"),
    (0.42, "f-()[]t!r"),
    (0.56, '"*_`–szcç?L'),
    (0.79, "KAVÀÂXZBRCÇUÙÛNHDG&OQÔ"),
    (1.00, "w#+<=>^~M%mæW@—…œŒ"),
)
_EM: Final = {char: em for em, chars in _EM_CLASSES for char in chars}
_EM_DEFAULT: Final = 0.64  # lower-case letters, digits and the rest
EDGE: Final = 10  # the margin past everything plotly draws there
TICK_LABEL_PAD: Final = 20  # widest y tick label to the figure's edge (standoff, padding)
Y_TITLE_PAD: Final = 28  # a numeric y axis: its tick labels plus the rotated title
X_TITLE_MARGIN: Final = 46  # x tick labels and the x axis title under the plot
LEGEND_ROW: Final = 42  # one row of a horizontal legend, with its padding
WRAP_AT: Final = 36  # characters per line of a long category label
COLORBAR_MARGIN: Final = 100  # plotly's colorbar right of a plot, its "0"-"100" ticks and title
LINE_HEIGHT: Final = 16  # a line of a tick label of several lines
TITLE_LINE: Final = 24  # one more line of an axis title (its font is larger), as Chromium draws it


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An upper estimate of `text`'s width in px at `size` (one line)."""
    return size * sum(_EM.get(char, _EM_DEFAULT) for char in text)


def _fill(words: Sequence[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def wrap_label(text: str, width: int = WRAP_AT) -> str:
    """`text` on as few lines as `width` characters a line allow, of even lengths, joined by
    <br> (plotly's line break); words are never cut."""
    if len(text) <= width:
        return text
    words = text.split(" ")
    count = math.ceil(len(text) / width)
    for limit in range(math.ceil(len(text) / count), len(text) + 1):
        lines = _fill(words, limit)
        if len(lines) <= count:
            return "<br>".join(lines)
    return text  # unreachable: at len(text) the words fill one line


def label_margin(labels: Iterable[str]) -> int:
    """The margin beside an axis whose tick labels are `labels` (lines split at <br>)."""
    widest = max((text_width(line) for label in labels for line in label.split("<br>")), default=0)
    return math.ceil(widest + TICK_LABEL_PAD)


def score_axis_margin(widest_tick: str = "100", title_lines: int = 1) -> int:
    """The margin left of a numeric y axis with a title of `title_lines` lines."""
    return math.ceil(text_width(widest_tick) + Y_TITLE_PAD + TITLE_LINE * (title_lines - 1))


# A y axis title longer than this many characters goes on two lines: the plot's height on a
# phone (or a short chart) cannot hold it on one.
Y_TITLE_WRAP: Final = 30


def y_title(text: str) -> tuple[str, int]:
    """A y axis title as plotly draws it (wrapped beyond Y_TITLE_WRAP characters) and its
    number of lines, for score_axis_margin."""
    wrapped = wrap_label(text, Y_TITLE_WRAP)
    return wrapped, wrapped.count("<br>") + 1


def top_labels_margin(lines: int) -> int:
    """The margin above a plot with x tick labels on top, of `lines` lines."""
    return 34 + LINE_HEIGHT * (lines - 1)


def legend_margin(height: int, top: int, legend_y: float) -> int:
    """The bottom margin for a one-row horizontal legend at paper `legend_y` (< 0): its top
    sits -legend_y plot heights under the plot, and the plot's height depends on the margin."""
    depth = -legend_y
    return math.ceil((depth * (height - top) + LEGEND_ROW) / (1 + depth))


def edge_tick_margins(left_tick: str = "0", right_tick: str = "100") -> dict[str, int]:
    """The left and right margins of a plot whose x axis has tick labels at both edges: half
    of each passes the plot's edge."""
    return {
        "l": math.ceil(EDGE + text_width(left_tick) / 2) + 2,
        "r": math.ceil(EDGE + text_width(right_tick) / 2) + 2,
    }
