"""The figures of honest comparisons (contract §5b), checked on their specification: the
intervals drawn beside the scores, the importance–performance chart's quadrants, every peer's
rank interval."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import benchmark_payload
from dashboard.render import action_charts, benchmark_charts
from dashboard.render.benchmark_charts import interval_band, segments
from dashboard.urlstate import BenchmarkState


def test_segments_leave_out_an_undefined_end() -> None:
    xs, ys = segments([(1, "a", 3, "a"), (math.nan, "b", 4, "b"), (2, "c", None, "c")])
    assert (xs, ys) == ([1, 3, None], ["a", "a", None])


def test_a_band_spans_each_run_and_a_lone_edition_gets_a_bar() -> None:
    x = [2018, 2019, 2020, 2021, 2022]
    lows = [50.0, 52.0, None, 60.0, None]
    highs = [70.0, 72.0, None, 80.0, None]
    band_x, band_y, singles = interval_band(x, lows, highs)
    # 2018-2019: one closed polygon (highs forward, lows back, closed on its first point).
    assert band_x == [2018, 2019, 2019, 2018, 2018, None]
    assert band_y == [70.0, 72.0, 52.0, 50.0, 70.0, None]
    assert singles == [(2021, 60.0, 2021, 80.0)]  # 2021 alone between gaps: a bar


def _channels() -> pd.DataFrame:
    return pd.DataFrame(
        {"channel": ["phone", "mail"], "own": [70.0, math.nan], "n_tests": [3, 0],
         "low": [61.8, math.nan], "high": [78.2, math.nan], "n": [40, 38], "q1": [60.0, 50.0],
         "median": [68.0, 60.0], "q3": [75.0, 70.0], "best": [90.0, 95.0], "rank": [15, None],
         "quartile": ["third", None]}
    )  # fmt: skip


def test_the_channel_chart_draws_the_own_interval_and_hovers_give_the_n() -> None:
    figure = benchmark_charts.make_channel_bullets(_channels(), "Ville A", "fr")
    span = next(t for t in figure["data"] if t["name"].startswith("Votre intervalle"))
    assert span["x"] == [61.8, 78.2, None]  # the unaudited letter has none
    own = next(t for t in figure["data"] if t["name"] == "Ville A")
    assert own["customdata"][0] == ["3 tests", "intervalle à 90\u202f%\u00a0: 61,8–78,2"]
    median = next(t for t in figure["data"] if t["name"] == "Médiane des pairs")
    assert median["customdata"] == ["40 pairs", "38 pairs"]


def _act() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "item": ["a", "b", "c", "d"],
            "label": ["Accueil", "Bonjour", "Clarté", "Délai"],
            "own": [50.0, 80.0, 60.0, 70.0],
            "n_tests": [4, 5, 6, 2],
            "low": [40.0, 72.0, 52.0, 55.0],
            "high": [60.0, 88.0, 68.0, 85.0],
            "median": [70.0, 70.0, 65.0, 70.0],
            "gap": [-20.0, 10.0, -5.0, 0.0],
            "n_peers": [40, 40, 40, 4],
            "importance": [0.9, 0.8, 0.3, math.nan],
            "importance_n": [300, 300, 300, 8],
            "quadrant": ["act_first", "keep_it_up", "secondary", None],
        }
    )


def test_the_importance_performance_chart_names_its_quadrants() -> None:
    frame = _act()
    figure = action_charts.make_importance_performance(frame, frame["label"].tolist(), "fr")
    shapes = figure["layout"]["shapes"]
    assert shapes[0]["x0"] == shapes[0]["x1"] == 0  # the peer median
    assert shapes[1]["y0"] == shapes[1]["y1"] == 0.8  # the median importance of 0.9, 0.8, 0.3
    corners = {a["text"] for a in figure["layout"]["annotations"]}
    assert corners == {"Agir en premier", "À maintenir", "Secondaire"}
    points = {t["name"]: t for t in figure["data"] if t.get("mode") == "markers+text"}
    assert points["Agir en premier"]["x"] == [-20.0] and points["Agir en premier"]["y"] == [0.9]
    # Colour is never the only cue: each quadrant has its own marker.
    assert len({t["marker"]["symbol"] for t in points.values()}) == 3
    # Délai has no importance (8 structures): not drawn, left to the block's note.
    assert all("Délai" not in text for t in points.values() for text in t["text"])
    bars = figure["data"][0]
    assert bars["x"][:3] == [-30.0, -10.0, None]  # Accueil's interval as a gap: 40-70, 60-70
    assert points["Agir en premier"]["customdata"][0][:3] == ["50,0", "4 tests", "40,0–60,0"]


def test_every_peer_s_rank_interval_is_a_bar_on_a_reversed_rank_axis() -> None:
    frame = pd.DataFrame(
        {"ordinal": [1, 2, 3], "score": [90.0, 80.0, 70.0], "n_tests": [5, 4, 3],
         "rank": [1, 2, 3], "rank_low": [1.0, 1.0, 2.0], "rank_high": [2.0, 3.0, 3.0],
         "is_self": [False, True, False], "label": ["Pair 1", "Ville A", "Pair 3"]}
    )  # fmt: skip
    figure = action_charts.make_peer_ranks(frame, frame["label"].tolist(), "fr")
    assert figure["layout"]["yaxis"]["range"] == [3.5, 0.5]  # rank 1 on top
    peers, own = figure["data"][0], figure["data"][1]
    assert peers["x"] == [90.0, 90.0, None, 70.0, 70.0, None]
    assert peers["y"] == [1.0, 2.0, None, 2.0, 3.0, None]
    assert own["y"] == [1.0, 3.0, None]
    labels = [c[0] for t in figure["data"][2:] for c in t["customdata"]]
    assert labels == ["Pair 1", "Pair 3", "Ville A"]


def test_importance_ticks_stop_at_a_correlation_s_bounds() -> None:
    assert action_charts.importance_ticks(0.7, 1.05) == [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]
    assert action_charts.importance_ticks(-1.05, 1.05)[0] == -1.0
    assert action_charts.importance_ticks(-1.05, 1.05)[-1] == 1.0
    assert action_charts.importance_ticks(0.0, 1.0) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7,
                                                        0.8, 0.9, 1.0]  # fmt: skip


def _boxes(xs, ys, texts, places, x_range, y_range, size):  # type: ignore[no-untyped-def]
    plot = action_charts._Plot(size[0], size[1], x_range, y_range)
    out = []
    for x, y, text, place in zip(xs, ys, texts, places, strict=True):
        px, py = plot.at(x, y)
        w, h = action_charts._label_size(text)
        if place.leader is None:
            out.append(action_charts._label_box(place.position, px, py, w, h))
        else:
            out.append(action_charts._leader_box(*place.leader, px, py, w, h))
    return plot, out


def test_crowded_labels_keep_clear_of_each_other_and_of_the_lines_at_every_size() -> None:
    # Four criteria within 0.04 of importance and 1.5 points of gap, their intervals across,
    # the importance cut between them, a label of three lines: at the page's size and at the
    # images', no label on another nor out of the plot, and a quarter of what every label at
    # the right of its point would cover of the intervals, the markers and the lines.
    xs, ys = [-12.6, -13.2, -12.2, -12.8], [0.835, 0.820, 0.810, 0.793]
    texts = ["Personnalisation", "Courtoisie", "Engagements de<br>service (Services<br>Publics+)",
             "Qualité de<br>la réponse"]  # fmt: skip
    bars = [(-18.0, -6.7), (-18.4, -7.0), (-18.0, -6.0), (-19.0, -6.5)]
    scene = action_charts.LabelScene(bars=bars, x_lines=[0.0], y_lines=[0.827])
    sizes = [(800.0, 316.0), (668.0, 316.0), (868.0, 316.0), (1088.0, 316.0)]
    x_range, y_range = (-43.0, 43.0), (0.7, 1.05)
    places = action_charts.label_positions(xs, ys, texts, x_range, y_range, sizes, scene)
    naive = [action_charts.LabelPlace("middle right")] * len(texts)
    covered = {"placed": 0.0, "naive": 0.0}
    for size in sizes:
        plot, boxes = _boxes(xs, ys, texts, places, x_range, y_range, size)
        points = [plot.at(x, y) for x, y in zip(xs, ys, strict=True)]
        for i, box in enumerate(boxes):
            assert action_charts._overlap(box, boxes[:i] + boxes[i + 1 :]) == 0, (size, i)
            assert action_charts._outside(box, *size) == 0
        everything = plot.obstacles(points, scene)
        covered["placed"] += sum(action_charts._overlap(b, everything) for b in boxes)
        _, plain = _boxes(xs, ys, texts, naive, x_range, y_range, size)
        covered["naive"] += sum(action_charts._overlap(b, everything) for b in plain)
    assert covered["placed"] < covered["naive"] / 4


def test_a_label_beside_its_point_when_there_is_room() -> None:
    places = action_charts.label_positions(
        [-20.0, 10.0], [0.9, 0.3], ["Accueil", "Clarté"], (-40.0, 40.0), (0.0, 1.0),
        [(800.0, 300.0)], action_charts.LabelScene(bars=[(-30.0, -10.0), (0.0, 20.0)]),
    )  # fmt: skip
    assert all(place.leader is None for place in places)


def _drawn_labels(figure: dict) -> list:  # type: ignore[type-arg]
    """(x, y, text, place) of every point label as the figure draws it."""
    labels = []
    for trace in figure["data"]:
        if trace.get("mode") == "markers+text":
            for x, y, text, position in zip(trace["x"], trace["y"], trace["text"],
                                            trace["textposition"], strict=True):  # fmt: skip
                if text:
                    labels.append((x, y, text, action_charts.LabelPlace(position)))
    for note in figure["layout"]["annotations"]:
        if note.get("name") == action_charts.LEADER_NAME:
            place = action_charts.LabelPlace(leader=(note["ax"], note["ay"]))
            labels.append((note["x"], note["y"], note["text"], place))
    return labels


def test_the_demo_s_crowded_chart_has_no_label_across_a_line(demo: Dataset) -> None:
    """« Jorcuville » (S02016, 2022): four criteria bunched under the importance cut. Each
    image (PDF, download, slide) places the labels again for its own width: there, no label
    crosses the peer median's line or the importance cut, nor another label. (The page's
    figure is placed for a desktop and a phone; the browser tests check it at 1440 and
    390 px, where every label must show whole.)"""
    from dashboard.render.images import DOWNLOAD_WIDTH, for_image
    from dashboard.render.report_pdf import PDF_CHART_WIDTH
    from dashboard.render.slides import SLIDE_CHART_WIDTH

    payload = benchmark_payload(demo, BenchmarkState("S02016", 2022), named=True)
    assert payload is not None
    page = payload.charts["bench-act"].figure
    assert max(page["layout"]["yaxis"]["tickvals"]) <= 1.0
    assert len(_drawn_labels(page)) == 6
    for image_width in (PDF_CHART_WIDTH, DOWNLOAD_WIDTH, SLIDE_CHART_WIDTH):
        figure = for_image(page, image_width)
        layout = figure["layout"]
        x_range, y_range = tuple(layout["xaxis"]["range"]), tuple(layout["yaxis"]["range"])
        labels = _drawn_labels(figure)
        assert len(labels) == 6
        cut = next(s["y0"] for s in layout["shapes"] if s["y0"] == s["y1"])
        lines = action_charts.LabelScene(x_lines=[0.0], y_lines=[cut])
        margin = layout["margin"]
        width = image_width - margin["l"] - margin["r"]
        height = layout["height"] - margin["t"] - margin["b"]
        xs, ys, texts, places = zip(*labels, strict=True)
        plot, boxes = _boxes(xs, ys, texts, places, x_range, y_range, (width, height))
        for i, box in enumerate(boxes):
            assert action_charts._overlap(box, plot.obstacles([], lines)) == 0, (width, texts[i])
            assert action_charts._overlap(box, boxes[:i] + boxes[i + 1 :]) == 0, (width, i)
            assert action_charts._outside(box, width, height) == 0, (width, texts[i])


def test_the_vectorised_costs_are_the_definition_s() -> None:
    # _Layout.cost (one place, plain Python) defines the cost; _Layout.costs (numpy, every
    # candidate at once) is what placement uses: the same numbers, labels placed or not.
    xs, ys = [-12.6, -13.2, -12.2, -12.8, 3.0], [0.835, 0.820, 0.810, 0.793, 0.95]
    texts = ["Personnalisation", "Courtoisie", "Engagements de<br>service", "Qualité", "Accueil"]
    bars = [(-18.0, -6.7), (-18.4, -7.0), (-18.0, -6.0), (-19.0, -6.5), (-2.0, 8.0)]
    scene = action_charts.LabelScene(bars, [0.0], [0.827], ["A", "B", "C", "D"])
    plots = [action_charts._Plot(w, 316.0, (-43.0, 43.0), (0.7, 1.05)) for w in (668.0, 1088.0)]
    layout = action_charts._Layout(xs, ys, texts, plots, scene)
    candidates = [action_charts.LabelPlace(p) for p in action_charts.LABEL_POSITIONS] + [
        action_charts.LabelPlace(leader=(d * ux, d * uy))
        for d in action_charts.LEADER_DISTANCES
        for ux, uy in action_charts._DIRECTIONS
    ]
    for _ in range(2):
        for i in range(len(texts)):
            expected = [layout.cost(i, place) for place in candidates]
            assert layout.costs(i, candidates) == pytest.approx(expected, rel=1e-9, abs=1e-6)
            layout.place(i)
