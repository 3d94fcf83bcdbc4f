"""The figures of honest comparisons on « Ma structure » (contract §5b): where to act first
(the importance–performance chart) and every peer's rank with its 90 % interval."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from dashboard.figures.benchmark import BenchCol
from dashboard.i18n import count_text, translate
from dashboard.pages.honest import interval_text
from dashboard.render.benchmark_charts import segments
from dashboard.render.palette import HIGHLIGHT
from dashboard.render.text_metrics import (
    EDGE,
    legend_margin,
    score_axis_margin,
    text_width,
    wrap_label,
    y_title,
)
from dashboard.render.theme import (
    MEDIAN_COLOUR,
    NOTE_COLOUR,
    PEER_COLOUR,
    TEXT_COLOUR,
    Figure,
    axis,
    base_figure,
    legend,
    margin,
    plain,
    values,
    x_line,
    y_line,
)

# A quadrant's colour and marker: the two together, so that colour is never the only cue.
QUADRANT_STYLE: Final[dict[str, tuple[str, str]]] = {
    "act_first": ("#B3261E", "diamond"),
    "keep_it_up": ("#117733", "circle"),
    "secondary": ("#5C5C5C", "square"),
}
QUADRANT_ORDER: Final = ("act_first", "keep_it_up", "secondary")
POINT_LABEL_CHARS: Final = 18  # a point's label wraps past this many characters


def importance_cut(importance: pd.Series) -> float | None:
    """The median importance of the items shown (those with one): the line between
    "important" and "secondary" (contract §5b); None when no item has one."""
    known = importance.dropna().to_numpy(dtype="float64")
    return float(np.median(known)) if len(known) else None


PLOT_WIDTH_GUESS: Final = 800  # px: a desktop plot (900 at 1440 px, 300 on a phone)
PHONE_WIDTH: Final = 332  # px: the whole figure on a 390 px phone (its card's inner width)
PHONE_OVERLAP_WEIGHT: Final = 0.2
# Where a point's label may go, in plotly's words, in order of preference: beside the point
# first (its row is then unambiguous), then above or below it, then diagonally.
LABEL_POSITIONS: Final = (
    "middle right",
    "middle left",
    "top center",
    "bottom center",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)
MARKER_PX: Final = 8.0  # half a marker, and the gap between a marker and its label
LINE_PX: Final = 16.0  # a label's line height at 12 px
# A line (an interval, the median's, the importance cut) counts as this many px on each side:
# text written across a line is as hard to read as text on a block of that height.
LINE_CLEARANCE: Final = 4.0
LINE_WEIGHT: Final = 4  # a line across the whole plot counts this many times over
OUTSIDE_WEIGHT: Final = 50  # text past the plot's edge may be cut off: avoided above all

Box = tuple[float, float, float, float]  # left, top, right, bottom in px


def importance_range(weights: np.ndarray) -> tuple[float, float]:
    """The importance axis: the values shown with a margin (a tenth of a correlation, at
    least), never past 1.05 or below -1.05; [0, 1] when there is none."""
    known = weights[~np.isnan(weights)]
    if not len(known):
        return 0.0, 1.0
    low, high = float(known.min()), float(known.max())
    pad = max(0.1, (high - low) * 0.25)
    return max(-1.05, low - pad), min(1.05, high + pad)


def importance_ticks(bottom: float, top: float) -> list[float]:
    """The importance axis' ticks: a "nice" step (0.05, 0.1, 0.2 or 0.5) giving four to ten
    ticks between `bottom` and `top`, none past -1 or 1 (a correlation's bounds)."""
    span = top - bottom
    step = next((s for s in (0.05, 0.1, 0.2, 0.5) if span / s <= 10), 0.5)
    first = math.ceil(round(max(bottom, -1.0) / step, 6)) * step
    last = min(top, 1.0)
    count = math.floor(round((last - first) / step, 6)) + 1
    return [round(first + k * step, 2) for k in range(max(count, 0))]


@dataclass(frozen=True)
class LabelScene:
    """What the point labels of a chart must keep clear of, besides the points and each
    other, in the axes' units: each point's interval as a horizontal bar (low, high),
    vertical lines (`x_lines`), horizontal lines across the plot (`y_lines`), and the
    texts written in the plot's corners (top left, top right, bottom left, bottom right;
    "" where none)."""

    bars: Sequence[tuple[float, float]] = ()
    x_lines: Sequence[float] = ()
    y_lines: Sequence[float] = ()
    corners: Sequence[str] = ()


def _label_size(text: str) -> tuple[float, float]:
    lines = text.split("<br>")
    return max(text_width(line) for line in lines) + 4, LINE_PX * len(lines)


def _label_box(position: str, px: float, py: float, w: float, h: float) -> Box:
    vertical, horizontal = position.split()
    if vertical == "middle":
        top = py - h / 2
        left = px + MARKER_PX if horizontal == "right" else px - MARKER_PX - w
        return left, top, left + w, top + h
    top = py - MARKER_PX - h if vertical == "top" else py + MARKER_PX
    if horizontal == "center":
        left = px - w / 2
    elif horizontal == "right":
        left = px + MARKER_PX / 2
    else:
        left = px - MARKER_PX / 2 - w
    return left, top, left + w, top + h


def _overlap(box: Box, others: Sequence[Box]) -> float:
    total = 0.0
    for other in others:
        dx = min(box[2], other[2]) - max(box[0], other[0])
        dy = min(box[3], other[3]) - max(box[1], other[1])
        if dx > 0 and dy > 0:
            total += dx * dy
    return total


def _outside(box: Box, width: float, height: float) -> float:
    w, h = box[2] - box[0], box[3] - box[1]
    return (
        max(0.0, -box[0]) * h
        + max(0.0, box[2] - width) * h
        + max(0.0, -box[1]) * w
        + max(0.0, box[3] - height) * w
    )


@dataclass(frozen=True)
class _Plot:
    """One size the chart is drawn at: px per unit and the obstacles at that size."""

    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    weight: float = 1.0  # how much its overlaps count (text cut off always counts in full)

    def at(self, x: float, y: float) -> tuple[float, float]:
        sx = self.width / (self.x_range[1] - self.x_range[0])
        sy = self.height / (self.y_range[1] - self.y_range[0])
        return (x - self.x_range[0]) * sx, (self.y_range[1] - y) * sy

    def obstacles(self, points: Sequence[tuple[float, float]], scene: LabelScene) -> list[Box]:
        """The markers, the intervals, the lines and the corner texts as boxes at this size."""
        c = LINE_CLEARANCE
        boxes: list[Box] = [
            (px - MARKER_PX, py - MARKER_PX, px + MARKER_PX, py + MARKER_PX) for px, py in points
        ]
        for (low, high), (_, py) in zip(scene.bars, points, strict=False):
            bar = (self.at(low, 0)[0], py - c, self.at(high, 0)[0], py + c)
            boxes += [bar] * (LINE_WEIGHT // 2)
        # A line across the plot weighs more: a label across it reads as cut in two.
        for x in scene.x_lines:
            px = self.at(x, 0)[0]
            boxes += [(px - c, 0, px + c, self.height)] * LINE_WEIGHT
        for y in scene.y_lines:
            py = self.at(0, y)[1]
            boxes += [(0, py - c, self.width, py + c)] * LINE_WEIGHT
        for corner, text in zip(("tl", "tr", "bl", "br"), scene.corners, strict=False):
            if text:
                w = text_width(text)
                left = 0.0 if corner[1] == "l" else self.width - w
                top = 0.0 if corner[0] == "t" else self.height - LINE_PX
                boxes.append((left, top, left + w, top + LINE_PX))
        return boxes


@dataclass(frozen=True)
class LabelPlace:
    """Where a point's label goes: beside its marker at plotly's text `position` (one of
    LABEL_POSITIONS), or, with a `leader`, centred (dx, dy) px away from the point with a
    line back to it (a plotly annotation), where the points are too close for their labels."""

    position: str = "middle right"
    leader: tuple[float, float] | None = None


# A label drawn away from its point: these distances (px) in eight directions. Used only
# when every place beside the marker overlaps something, at the cost of a line.
LEADER_DISTANCES: Final = (44.0, 72.0, 104.0, 136.0)
# Sixteen directions, the four sides first, every 22.5°.
_DIRECTIONS: Final = tuple(
    (math.cos(math.radians(a)), math.sin(math.radians(a)))
    for a in (
        0,
        180,
        270,
        90,
        315,
        225,
        45,
        135,
        337.5,
        202.5,
        292.5,
        247.5,
        22.5,
        157.5,
        67.5,
        112.5,
    )
)


def _distance_to_segment(
    point: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    (x, y), (ax, ay), (bx, by) = point, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = (
        0.0
        if length == 0
        else max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length))
    )
    return math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)))


def _leader_line(
    leader: tuple[float, float], px: float, py: float, w: float, h: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The leader's drawn part: from the marker's edge (plotly's standoff) to the label's box."""
    dx, dy = leader
    d = math.hypot(dx, dy)
    ux, uy = dx / d, dy / d
    inside = min(w / 2 / abs(ux) if ux else math.inf, h / 2 / abs(uy) if uy else math.inf)
    far = max(MARKER_PX, d - inside)
    return (px + ux * MARKER_PX, py + uy * MARKER_PX), (px + ux * far, py + uy * far)


def _crosses(line: tuple[tuple[float, float], tuple[float, float]], box: Box) -> bool:
    """Whether the segment `line` passes through the inside of `box` (Liang–Barsky)."""
    (ax, ay), (bx, by) = line
    dx, dy = bx - ax, by - ay
    low, high = 0.0, 1.0
    for p, q in ((-dx, ax - box[0]), (dx, box[2] - ax), (-dy, ay - box[1]), (dy, box[3] - ay)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _intersect(
    first: tuple[tuple[float, float], tuple[float, float]],
    second: tuple[tuple[float, float], tuple[float, float]],
) -> bool:
    """Whether two segments cross (their ends strictly on either side of each other)."""

    def side(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    (p, q), (r, t) = first, second
    return side(p, q, r) * side(p, q, t) < 0 and side(r, t, p) * side(r, t, q) < 0


def _segments_intersect(
    starts: np.ndarray, ends: np.ndarray, other_starts: np.ndarray, other_ends: np.ndarray
) -> np.ndarray:
    """_intersect of each segment (C) with each other segment (L): (C, L) booleans."""

    def side(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        out: np.ndarray = (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (
            b[..., 1] - a[..., 1]
        ) * (c[..., 0] - a[..., 0])
        return out

    p, q = starts[:, None, :], ends[:, None, :]
    r, t = other_starts[None, :, :], other_ends[None, :, :]
    crossed: np.ndarray = (side(p, q, r) * side(p, q, t) < 0) & (side(r, t, p) * side(r, t, q) < 0)
    return crossed


def _leader_box(dx: float, dy: float, px: float, py: float, w: float, h: float) -> Box:
    cx, cy = px + dx, py + dy
    return cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2


def _overlaps(boxes: np.ndarray, others: np.ndarray) -> np.ndarray:
    """The area each box of `boxes` (C, 4) shares with each of `others` (N, 4): (C, N)."""
    if not len(others):
        return np.zeros((len(boxes), 0))
    dx = np.minimum(boxes[:, None, 2], others[None, :, 2]) - np.maximum(
        boxes[:, None, 0], others[None, :, 0]
    )
    dy = np.minimum(boxes[:, None, 3], others[None, :, 3]) - np.maximum(
        boxes[:, None, 1], others[None, :, 1]
    )
    return np.where((dx > 0) & (dy > 0), dx * dy, 0.0)


def _outside_all(boxes: np.ndarray, width: float, height: float) -> np.ndarray:
    """_outside for each box of `boxes` (C, 4)."""
    w, h = boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]
    out: np.ndarray = (
        np.maximum(0.0, -boxes[:, 0]) * h
        + np.maximum(0.0, boxes[:, 2] - width) * h
        + np.maximum(0.0, -boxes[:, 1]) * w
        + np.maximum(0.0, boxes[:, 3] - height) * w
    )
    return out


def _leader_lines(
    leaders: np.ndarray, px: float, py: float, w: float, h: float
) -> tuple[np.ndarray, np.ndarray]:
    """_leader_line for each (dx, dy) of `leaders` (C, 2): starts and ends (C, 2); a zero
    leader gives the point itself twice."""
    d = np.hypot(leaders[:, 0], leaders[:, 1])
    safe = np.where(d > 0, d, 1.0)
    ux, uy = leaders[:, 0] / safe, leaders[:, 1] / safe
    with np.errstate(divide="ignore"):
        across = np.where(ux != 0, w / 2 / np.abs(ux), np.inf)
        along = np.where(uy != 0, h / 2 / np.abs(uy), np.inf)
    far = np.maximum(MARKER_PX, d - np.minimum(across, along))
    near = np.where(d > 0, MARKER_PX, 0.0)
    far = np.where(d > 0, far, 0.0)
    starts = np.stack([px + ux * near, py + uy * near], axis=1)
    ends = np.stack([px + ux * far, py + uy * far], axis=1)
    return starts, ends


def _segments_cross(starts: np.ndarray, ends: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """_crosses for each segment (C) and each box (M): (C, M) booleans (Liang–Barsky)."""
    if not len(boxes) or not len(starts):
        return np.zeros((len(starts), len(boxes)), dtype=bool)
    ax, ay = starts[:, 0][:, None], starts[:, 1][:, None]
    dx, dy = (ends[:, 0] - starts[:, 0])[:, None], (ends[:, 1] - starts[:, 1])[:, None]
    low = np.zeros((len(starts), len(boxes)))
    high = np.ones((len(starts), len(boxes)))
    inside = np.ones((len(starts), len(boxes)), dtype=bool)
    sides = (
        (-dx, ax - boxes[None, :, 0]),
        (dx, boxes[None, :, 2] - ax),
        (-dy, ay - boxes[None, :, 1]),
        (dy, boxes[None, :, 3] - ay),
    )
    for p, q in sides:
        p = np.broadcast_to(p, low.shape)
        q = np.broadcast_to(q, low.shape)
        parallel = p == 0
        inside &= ~(parallel & (q <= 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
        low = np.where(~parallel & (p < 0), np.maximum(low, t), low)
        high = np.where(~parallel & (p > 0), np.minimum(high, t), high)
    return inside & (low < high)


def _distances_to_segments(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """_distance_to_segment of each point (P, 2) to each segment (C): (C, P)."""
    ax, ay = starts[:, 0][:, None], starts[:, 1][:, None]
    bx, by = ends[:, 0][:, None], ends[:, 1][:, None]
    x, y = points[None, :, 0], points[None, :, 1]
    length = (bx - ax) ** 2 + (by - ay) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(length == 0, 0.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length)
    t = np.clip(t, 0.0, 1.0)
    out: np.ndarray = np.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)))
    return out


class _Layout:
    """The labels of a chart being placed: each point's place, and what they cover at each
    plot size (their boxes, their leader lines), so that one label can be moved given the
    others (label_positions)."""

    def __init__(
        self,
        xs: Sequence[float],
        ys: Sequence[float],
        texts: Sequence[str],
        plots: Sequence[_Plot],
        scene: LabelScene,
    ) -> None:
        self.plots = plots
        self.points = [[plot.at(x, y) for x, y in zip(xs, ys, strict=True)] for plot in plots]
        self.fixed = [
            plot.obstacles(at, scene) for plot, at in zip(plots, self.points, strict=True)
        ]
        self.fixed_arrays = [
            np.array(boxes, dtype="float64").reshape(-1, 4) for boxes in self.fixed
        ]
        self.sizes = [_label_size(text) for text in texts]
        self.places: list[LabelPlace | None] = [None] * len(texts)

    def box(self, i: int, place: LabelPlace, k: int) -> Box:
        (px, py), (w, h) = self.points[k][i], self.sizes[i]
        if place.leader is None:
            return _label_box(place.position, px, py, w, h)
        return _leader_box(*place.leader, px, py, w, h)

    def line(
        self, i: int, place: LabelPlace, k: int
    ) -> tuple[tuple[float, float], tuple[float, float]] | None:
        if place.leader is None:
            return None
        (px, py), (w, h) = self.points[k][i], self.sizes[i]
        return _leader_line(place.leader, px, py, w, h)

    def cost(self, i: int, place: LabelPlace) -> float:
        """How much `place` hides or confuses, summed over the sizes, the others as placed."""
        w, h = self.sizes[i]
        total = 0.0
        for k, plot in enumerate(self.plots):
            part = 0.0  # what the label hides or confuses at this size (weighed below)
            at = self.points[k]
            py = at[i][1]
            box = self.box(i, place, k)
            line = self.line(i, place, k)
            part += _overlap(box, self.fixed[k])
            total += OUTSIDE_WEIGHT * _outside(box, plot.width, plot.height)
            for j, other in enumerate(self.places):
                if j == i or other is None:
                    continue
                other_box = self.box(j, other, k)
                other_line = self.line(j, other, k)
                part += _overlap(box, [other_box])
                if line and _crosses(line, other_box):
                    part += w * h / 6  # a leader across another label
                if other_line and _crosses(other_line, box):
                    part += w * h / 3  # a label across another's leader
                if line and other_line and _intersect(line, other_line):
                    part += w * h / 6  # two leaders crossing
            middle = (box[1] + box[3]) / 2
            for j, (qx, qy) in enumerate(at):
                if j == i:
                    continue
                # Nearer another point's row, above or below it: read as that one's.
                if abs(middle - qy) < abs(middle - py) and box[0] < qx < box[2]:
                    part += w * h / 2
                # A leader passing by another marker: read as pointing at it.
                if line and _distance_to_segment((qx, qy), *line) < MARKER_PX + 2:
                    part += w * h / 3
            total += plot.weight * part
        return total

    def costs(self, i: int, places: Sequence[LabelPlace]) -> np.ndarray:
        """cost(i, place) for every place of `places` at once (numpy, the same sums)."""
        w, h = self.sizes[i]
        total = np.zeros(len(places))
        leaders = np.array([p.leader if p.leader else (0.0, 0.0) for p in places])
        has_leader = np.array([p.leader is not None for p in places])
        for k, plot in enumerate(self.plots):
            at = np.array(self.points[k])
            px, py = at[i]
            boxes = np.array([self.box(i, place, k) for place in places])
            part = _overlaps(boxes, self.fixed_arrays[k]).sum(axis=1)
            total += OUTSIDE_WEIGHT * _outside_all(boxes, plot.width, plot.height)
            starts, ends = _leader_lines(leaders, px, py, w, h)
            others = [j for j, other in enumerate(self.places) if j != i and other is not None]
            if others:
                placed = [self.places[j] for j in others]
                other_boxes = np.array(
                    [self.box(j, p, k) for j, p in zip(others, placed, strict=True) if p]
                )
                part += _overlaps(boxes, other_boxes).sum(axis=1)
                crossing = _segments_cross(starts, ends, other_boxes)  # (C, M)
                part += (crossing & has_leader[:, None]).sum(axis=1) * (w * h / 6)
                lines = [self.line(j, p, k) for j, p in zip(others, placed, strict=True) if p]
                drawn = [line for line in lines if line is not None]
                if drawn:
                    other_starts = np.array([line[0] for line in drawn])
                    other_ends = np.array([line[1] for line in drawn])
                    hits = _segments_cross(other_starts, other_ends, boxes)  # (L, C)
                    part += hits.sum(axis=0) * (w * h / 3)
                    meets = _segments_intersect(starts, ends, other_starts, other_ends)  # (C, L)
                    part += (meets & has_leader[:, None]).sum(axis=1) * (w * h / 6)
            middle = (boxes[:, 1] + boxes[:, 3]) / 2
            rest = np.delete(at, i, axis=0)
            if len(rest):
                qx, qy = rest[:, 0][None, :], rest[:, 1][None, :]
                nearer = np.abs(middle[:, None] - qy) < np.abs(middle[:, None] - py)
                under = (boxes[:, 0:1] < qx) & (qx < boxes[:, 2:3])
                part += (nearer & under).sum(axis=1) * (w * h / 2)
                near = _distances_to_segments(rest, starts, ends) < MARKER_PX + 2  # (C, P)
                part += (near & has_leader[:, None]).sum(axis=1) * (w * h / 3)
            total += plot.weight * part
        return total

    def place(self, i: int) -> None:
        """Point `i`'s best place given the others: beside its marker (ties to the earlier
        of LABEL_POSITIONS), or away with a leader when that saves more than it costs."""
        self.places[i] = None
        beside = [LabelPlace(position) for position in LABEL_POSITIONS]
        beside_costs = self.costs(i, beside)
        n = int(np.argmin(beside_costs))
        best, least = beside[n], float(beside_costs[n])
        if least > 0:
            # A line costs legibility: a leader must save a tenth of the label's area at
            # each size, and nearer is better.
            w, h = self.sizes[i]
            toll = w * h * len(self.plots) / 10
            away = [
                LabelPlace(leader=(d * ux / math.hypot(ux, uy), d * uy / math.hypot(ux, uy)))
                for d in LEADER_DISTANCES
                for ux, uy in _DIRECTIONS
            ]
            costs = self.costs(i, away) + toll * (1 + np.arange(len(away)) / 100)
            n = int(np.argmin(costs))
            if costs[n] < least:
                best = away[n]
        self.places[i] = best


def label_positions(
    xs: Sequence[float],
    ys: Sequence[float],
    texts: Sequence[str],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    sizes: Sequence[tuple[float, float]],
    scene: LabelScene = LabelScene(),
    weights: Sequence[float] | None = None,
) -> list[LabelPlace]:
    """A place per point's label (LabelPlace) so that, at every plot size of `sizes`
    ((width, height) in px: the page's and the images'), labels overlap the markers, the
    scene (intervals, lines, corner texts) and each other as little as the estimate allows
    (text_metrics' widths), stay in the plot, sit nearer their own point's row than
    another's, and leader lines cross neither labels nor other markers. `weights` (one per
    size, 1 by default) say how much a size's overlaps count; text cut off at a plot's edge
    counts in full at every size (OUTSIDE_WEIGHT). Each label is placed in turn given those
    before it, then once more given all the others."""
    weights = weights if weights is not None else [1.0] * len(sizes)
    plots = [
        _Plot(w, h, x_range, y_range, weight) for (w, h), weight in zip(sizes, weights, strict=True)
    ]
    layout = _Layout(xs, ys, texts, plots, scene)
    for _ in range(2):
        for i in range(len(texts)):
            layout.place(i)
    return [place or LabelPlace() for place in layout.places]


LABELS_META: Final = "point_labels"  # layout.meta's key: what place_labels needs
LEADER_NAME: Final = "point-label"  # the annotations place_labels writes (and rewrites)


def place_labels(figure: Figure, widths: Sequence[tuple[float, float]]) -> Figure:
    """`figure` (made by make_importance_performance, which keeps what this needs in its
    layout.meta) with its point labels placed for the figure widths of `widths` ((width in
    px, weight of its overlaps)): beside their markers (the traces' textposition) or away
    with a leader line (annotations named LEADER_NAME, replaced). A figure without that
    meta is returned as it is. Changes `figure` in place and returns it."""
    layout = figure.get("layout", {})
    labels = (
        layout.get("meta", {}).get(LABELS_META) if isinstance(layout.get("meta"), dict) else None
    )
    if not labels:
        return figure
    margins = layout["margin"]
    plot_height = layout["height"] - margins["t"] - margins["b"]
    sizes = [(w - margins["l"] - margins["r"], plot_height) for w, _ in widths]
    places = label_positions(
        labels["x"], labels["y"], labels["text"],
        tuple(layout["xaxis"]["range"]), tuple(layout["yaxis"]["range"]), sizes,
        LabelScene(
            bars=[tuple(bar) for bar in labels["bars"]], x_lines=[0.0],
            y_lines=labels["y_lines"], corners=labels["corners"],
        ),
        [weight for _, weight in widths],
    )  # fmt: skip
    texts = labels["text"]
    for n, at in labels["points"].items():
        trace = figure["data"][int(n)]
        trace["text"] = ["" if places[i].leader else texts[i] for i in at]
        trace["textposition"] = [places[i].position for i in at]
    # Labels too crowded to sit beside their point: away from it, a thin line back to it.
    kept = [a for a in layout.get("annotations", []) if a.get("name") != LEADER_NAME]
    leaders = [
        {"name": LEADER_NAME, "x": labels["x"][i], "y": labels["y"][i], "text": texts[i],
         "ax": place.leader[0], "ay": place.leader[1], "showarrow": True, "arrowhead": 0,
         "arrowwidth": 1, "arrowcolor": NOTE_COLOUR, "standoff": MARKER_PX,
         "font": {"color": TEXT_COLOUR, "size": 12}}
        for i, place in enumerate(places) if place.leader is not None
    ]  # fmt: skip
    layout["annotations"] = [*leaders, *kept]
    return figure


def make_importance_performance(frame: pd.DataFrame, labels: Sequence[str], lang: str) -> Figure:
    """Where to act first (contract §5b): each criterion (or channel) at x = own score − peer
    median (points), y = importance (its correlation with the global score over the
    edition's structures), with the own score's 90 % interval as a horizontal bar. The
    quadrants are drawn and named: « agir en premier » (important, below the median), « à
    maintenir » (important, at or above it), « secondaire » (less important); each point's
    quadrant is also its colour and its marker. Items whose importance is undefined are not
    drawn (the block's note says so). Hovers give the tests and peers behind each value."""
    shown = frame[frame[BenchCol.IMPORTANCE].notna()]
    known = frame[BenchCol.IMPORTANCE].notna().tolist()
    names = [label for label, has in zip(labels, known, strict=True) if has]
    data: list[dict[str, Any]] = []
    gaps = shown[BenchCol.GAP].to_numpy(dtype="float64")
    low_gap = (shown[BenchCol.LOW] - shown[BenchCol.MEDIAN]).to_numpy(dtype="float64")
    high_gap = (shown[BenchCol.HIGH] - shown[BenchCol.MEDIAN]).to_numpy(dtype="float64")
    weights = shown[BenchCol.IMPORTANCE].to_numpy(dtype="float64")
    bar_x, bar_y = segments(
        [
            (round(float(lo), 1), float(w), round(float(hi), 1), float(w))
            for lo, hi, w in zip(low_gap, high_gap, weights, strict=True)
        ]
    )
    data.append(
        {
            "type": "scatter",
            "mode": "lines",
            "x": bar_x,
            "y": bar_y,
            "line": {"color": NOTE_COLOUR, "width": 2},
            "hoverinfo": "skip",
            "name": translate("ui.honest.legend_interval_gap", lang),
        }
    )
    extent = np.concatenate([np.abs(gaps), np.abs(low_gap), np.abs(high_gap)])
    extent = extent[~np.isnan(extent)]
    limit = max(10.0, float(extent.max()) * 1.1) if len(extent) else 10.0
    cut = importance_cut(shown[BenchCol.IMPORTANCE])
    # The importances shown, with room above and below for the labels (a correlation: at
    # most 1).
    bottom, top = importance_range(weights)
    height = 480
    below = -0.2
    title, lines = y_title(translate("ui.honest.ipa_y_axis", lang))
    margins = margin(
        l=score_axis_margin("0,00", lines),
        t=EDGE + 10,
        b=legend_margin(height, EDGE, below) + 30,
    )
    corner_keys = ("act_first", "keep_it_up", "secondary", "secondary")
    corners = (
        [translate(f"ui.quadrant.{key}", lang) for key in corner_keys] if cut is not None else []
    )
    texts = [wrap_label(plain(name), POINT_LABEL_CHARS) for name in names]
    hover = translate("ui.honest.hover_ipa", lang) + "<extra></extra>"
    quadrants = shown[BenchCol.QUADRANT].tolist()
    traces: dict[int, list[int]] = {}  # a quadrant's trace: the points it draws
    for quadrant in QUADRANT_ORDER:
        at = [i for i, q in enumerate(quadrants) if q == quadrant]
        if not at:
            continue
        colour, symbol = QUADRANT_STYLE[quadrant]
        traces[len(data)] = at
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "x": [round(float(gaps[i]), 1) for i in at],
                "y": [float(weights[i]) for i in at],
                "text": [texts[i] for i in at],  # place_labels places them
                "textposition": ["middle right" for _ in at],
                "textfont": {"color": TEXT_COLOUR, "size": 12},
                "cliponaxis": False,
                "marker": {
                    "size": 13,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"width": 1.5, "color": "white"},
                },
                "customdata": [_ipa_hover_row(shown.iloc[i], lang) for i in at],
                "name": translate(f"ui.quadrant.{quadrant}", lang),
                "hovertemplate": hover,
            }
        )
    shapes = [x_line(0, {"color": MEDIAN_COLOUR, "width": 1.5})]
    notes: list[dict[str, Any]] = []
    if cut is not None:
        shapes.append(y_line(cut, {"color": MEDIAN_COLOUR, "width": 1.5, "dash": "dash"}))
        corner = {"showarrow": False, "font": {"color": NOTE_COLOUR, "size": 12}}
        notes += [
            {**corner, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left",
             "yanchor": "top", "text": translate("ui.quadrant.act_first", lang)},
            {**corner, "xref": "paper", "yref": "paper", "x": 1, "y": 1, "xanchor": "right",
             "yanchor": "top", "text": translate("ui.quadrant.keep_it_up", lang)},
            {**corner, "xref": "paper", "yref": "paper", "x": 0, "y": 0, "xanchor": "left",
             "yanchor": "bottom", "text": translate("ui.quadrant.secondary", lang)},
            {**corner, "xref": "paper", "yref": "paper", "x": 1, "y": 0, "xanchor": "right",
             "yanchor": "bottom", "text": translate("ui.quadrant.secondary", lang)},
        ]  # fmt: skip
    figure = base_figure(
        data,
        lang,
        height,
        margin=margins,
        xaxis=axis(translate("ui.honest.ipa_x_axis", lang), range=[-limit, limit]),
        # The range leaves room for labels past 1; a correlation's ticks stop at 1.
        yaxis=axis(title, range=[bottom, top], tickvals=importance_ticks(bottom, top)),
        legend=legend(below),
        shapes=shapes,
        annotations=notes,
    )
    # What placing the point labels needs, kept in the figure: the images place them again
    # for their own width (dashboard.render.images.for_image, place_labels).
    figure["layout"]["meta"] = {
        LABELS_META: {
            "x": [round(float(g), 1) for g in gaps],
            "y": [float(w) for w in weights],
            "text": texts,
            "bars": [[float(lo), float(hi)] for lo, hi in zip(low_gap, high_gap, strict=True)],
            "y_lines": [cut] if cut is not None else [],
            "corners": corners,
            "points": {str(n): at for n, at in traces.items()},
        }
    }
    sizes = [
        (PLOT_WIDTH_GUESS + margins["l"] + margins["r"], 1.0),
        (PHONE_WIDTH, PHONE_OVERLAP_WEIGHT),
    ]
    return place_labels(figure, sizes)


def _ipa_hover_row(row: pd.Series, lang: str) -> list[str]:
    """What a hover over an item of the importance–performance chart says, as text: own
    score with its tests and interval, the peer median with its peers, the importance with
    the structures it is computed over."""
    from dashboard.i18n import format_number

    own = format_number(float(row[BenchCol.OWN]), lang, 1)
    tests = count_text("ui.count.tests", int(row[BenchCol.N_TESTS]), lang)
    span = interval_text(row[BenchCol.LOW], row[BenchCol.HIGH], lang)
    median = format_number(float(row[BenchCol.MEDIAN]), lang, 1)
    peers = count_text("ui.count.peers", int(row[BenchCol.N_PEERS]), lang)
    weight = format_number(float(row[BenchCol.IMPORTANCE]), lang, 2)
    structures = count_text("ui.count.structures", int(row[BenchCol.IMPORTANCE_N]), lang)
    return [plain(v) for v in (own, tests, span, median, peers, weight, structures)]


def make_peer_ranks(frame: pd.DataFrame, labels: Sequence[str], lang: str) -> Figure:
    """Every peer's rank with its 90 % interval (contract §5b), against its global score:
    x = score, y = rank (1 at the top), a vertical bar from the interval's best to its worst
    rank; the structure itself highlighted. Hover texts carry only the given labels
    (anonymous unless named mode)."""
    own = frame[BenchCol.IS_SELF].to_numpy(dtype=bool)
    scores = values(frame[BenchCol.SCORE])
    ranks = values(frame[BenchCol.RANK])
    lows, highs = values(frame[BenchCol.RANK_LOW]), values(frame[BenchCol.RANK_HIGH])
    hover = translate("ui.honest.hover_peer_rank", lang) + "<extra></extra>"
    custom = [
        [plain(labels[i]), translate("ui.honest.rank_between", lang, low=lows[i], high=highs[i])]
        if lows[i] is not None
        else [plain(labels[i]), ""]
        for i in range(len(frame))
    ]
    data: list[dict[str, Any]] = []
    for selves, colour, width, name_key in (
        (False, PEER_COLOUR, 1.5, "ui.honest.legend_peer_ranks"),
        (True, HIGHLIGHT, 3, "ui.honest.legend_own_rank"),
    ):
        at = [i for i, o in enumerate(own) if o == selves]
        bar_x, bar_y = segments([(scores[i], lows[i], scores[i], highs[i]) for i in at])
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": bar_x,
                "y": bar_y,
                "line": {"color": colour, "width": width},
                "opacity": 0.6 if not selves else 1.0,
                "hoverinfo": "skip",
                "name": translate(name_key, lang),
            }
        )
    for selves, colour, size, symbol, name_key in (
        (False, PEER_COLOUR, 8, "circle", "ui.bench.legend_peers"),
        (True, HIGHLIGHT, 15, "diamond", "ui.bench.legend_self"),
    ):
        at = [i for i, o in enumerate(own) if o == selves]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [scores[i] for i in at],
                "y": [ranks[i] for i in at],
                "customdata": [custom[i] for i in at],
                "cliponaxis": False,
                "marker": {
                    "size": size,
                    "color": colour,
                    "symbol": symbol,
                    "line": {"width": 1, "color": "white"},
                },
                "name": translate(name_key, lang),
                "hovertemplate": hover,
                "showlegend": True,
            }
        )
    n = len(frame)
    height, below = 460, -0.22
    return base_figure(
        data,
        lang,
        height,
        margin=margin(
            l=score_axis_margin(str(max(n, 1))), b=legend_margin(height, EDGE, below) + 30
        ),
        xaxis=axis(translate("ui.chart.global_score_axis", lang), range=[0, 100]),
        yaxis=axis(
            translate("ui.honest.rank_axis", lang),
            range=[n + 0.5, 0.5],
            fixedrange=True,
        ),
        legend=legend(below),
    )


__all__ = ["importance_cut", "make_importance_performance", "make_peer_ranks"]
