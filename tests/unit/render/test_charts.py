"""Figure builders (dashboard.render): what a figure says, checked on its specification."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.i18n import category_short_label
from dashboard.render import benchmark_charts, overview_charts, theme


def test_plain_text_never_becomes_markup_in_a_figure() -> None:
    name = '<a href="https://x.example">Cliquez ici</a> <b>gras</b><br>& Co'
    shown = theme.plain(name)
    assert "<" not in shown and ">" not in shown
    assert shown == (
        '&lt;a href="https://x.example"&gt;Cliquez ici&lt;/a&gt; '
        "&lt;b&gt;gras&lt;/b&gt;&lt;br&gt;&amp; Co"
    )
    frame = pd.DataFrame({"ordinal": [1, 2], "score": [80.0, 60.0], "is_self": [False, True]})
    figure = benchmark_charts.make_peer_strip(frame, [name, name], "fr")
    texts = [t for trace in figure["data"] for t in trace["text"]]
    assert texts == [shown, shown]


def test_heatmap_colours_span_the_values_shown_and_say_so() -> None:
    frame = pd.DataFrame(
        {
            "category": ["region", "region", "department"],
            "channel": ["phone", "email", "phone"],
            "mean_score": [61.7, 93.2, 72.0],
            "structures": [10, 9, 40],
        }
    )
    figure = overview_charts.make_heatmap(frame, "fr")
    trace = figure["data"][0]
    assert (trace["zmin"], trace["zmax"]) == (60, 95)
    title = trace["colorbar"]["title"]["text"]
    assert "de 60 à 95" in title and "étendue des valeurs affichées" in title
    assert overview_charts.colour_range([50.0, 52.0]) == (50.0, 60.0)  # at least 10 points wide
    assert overview_charts.colour_range([]) == (0.0, 100.0)
    # Rows are labelled above them (a phone keeps the plot's width), with the short labels.
    labels = [a["text"] for a in figure["layout"]["annotations"]]
    assert labels == [category_short_label(c, "fr") for c in ("department", "region")]


def test_trajectory_leaves_gaps_marks_the_edition_and_only_breaks_in_range() -> None:
    frame = pd.DataFrame(
        {
            "edition": [2018, 2019, 2020, 2021],
            "own": [60.0, math.nan, 70.0, 72.0],
            "audited": [True, False, True, True],
            "q1": [50.0] * 4,
            "median": [60.0] * 4,
            "q3": [70.0] * 4,
            "n": [10] * 4,
        }
    )
    changes = [(2016, "avant"), (2020, "ajout : courriel"), (2022, "après")]
    figure = benchmark_charts.make_trajectory(frame, "Ville A", changes, 2020, "fr")
    own = figure["data"][-1]
    assert own["y"] == [60.0, None, 70.0, 72.0] and own["connectgaps"] is False
    lines = sorted(shape["x0"] for shape in figure["layout"]["shapes"])
    assert lines == [2020, 2020]  # the method break inside 2018-2021, and the edition chosen
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert "ajout : courriel" in notes and "avant" not in notes and "après" not in notes
    assert "édition choisie" in notes


@pytest.mark.parametrize("builder", ["bullets", "strip", "distribution"])
def test_markers_at_100_are_not_clipped(builder: str) -> None:
    if builder == "bullets":
        frame = pd.DataFrame(
            {"channel": ["phone"], "own": [100.0], "n_tests": [2], "n": [5], "q1": [90.0],
             "median": [95.0], "q3": [100.0], "best": [100.0], "rank": [1],
             "quartile": ["top"]}
        )  # fmt: skip
        figure = benchmark_charts.make_channel_bullets(frame, "Ville A", "fr")
    elif builder == "strip":
        frame = pd.DataFrame({"ordinal": [1], "score": [100.0], "is_self": [True]})
        figure = benchmark_charts.make_peer_strip(frame, ["Ville A"], "fr")
    else:
        frame = pd.DataFrame({"category": ["region"] * 3, "score": [100.0, 80.0, 60.0]})
        figure = overview_charts.make_distribution(frame, "fr", "Score global")
    markers = [t for t in figure["data"] if "markers" in t.get("mode", "")]
    assert markers and all(t["cliponaxis"] is False for t in markers)


def test_no_figure_is_shorter_than_a_readable_chart() -> None:
    frame = pd.DataFrame({"category": ["region"], "score": [80.0]})
    figure = overview_charts.make_distribution(frame, "fr", "Score global")
    assert figure["layout"]["height"] >= 200


def test_the_modebar_is_replaced_by_one_button_per_chart() -> None:
    config = theme.graph_config("fr")
    assert config["displayModeBar"] is False
