"""The figures of honest comparisons (contract §5b), checked on their specification: the
intervals drawn beside the scores, the importance–performance chart's quadrants, every peer's
rank interval."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.render import action_charts, benchmark_charts
from dashboard.render.benchmark_charts import interval_band, segments


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
