""" "My structure" callbacks called as plain functions, and the rank checked independently."""

from __future__ import annotations

import io
import math
from typing import Any

import pandas as pd
import pytest
from dash import no_update

from callbacks.benchmark import sync_url
from callbacks.routing import render_page
from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import (
    benchmark_payload,
    compare_payload,
)
from dashboard.pages.benchmark_tables import benchmark_csv, compare_csv, compare_table
from dashboard.pages.pickers import picker_options
from dashboard.render.palette import HIGHLIGHT
from dashboard.render.tables import round_as_shown
from dashboard.urlstate import BenchmarkState
from layouts import ids
from tests.plotly_data import decode

WINNER = "W-STRASBOURG"


def page_text(tree: Any) -> str:
    """Every text of a component tree, no-break spaces read as spaces."""
    texts = [tree] if isinstance(tree, str) else []
    for node in getattr(tree, "_traverse", lambda: [])():
        children = getattr(node, "children", None)
        for child in children if isinstance(children, list) else [children]:
            if isinstance(child, str):
                texts.append(child)
    return " ".join(texts).replace("\u00a0", " ").replace("\u202f", " ")


def test_picker_options_carry_names_only(demo: Dataset) -> None:
    options = picker_options(demo, "strasbourg", [], "fr")
    assert options and all(set(o) == {"label", "value"} for o in options)
    assert options[0]["value"] == WINNER
    accentless = picker_options(demo, "maison du departement des solidarites", [], "fr")
    assert "W-GRAVES" in [o["value"] for o in accentless]
    by_department = picker_options(demo, "gironde", [], "fr")
    assert "W-GRAVES" in [o["value"] for o in by_department]


def test_choosing_a_structure_resets_the_edition_to_its_latest(demo: Dataset) -> None:
    out = sync_url(demo, ids.BENCH_STRUCTURE, "", WINNER, 2013, "category", None, [], "fr")
    assert out[0] == f"?structure={WINNER}&edition=2022"
    assert out[2] == 2022
    assert out[3][0] == {"label": "2022", "value": 2022}  # options come with the value


def test_url_change_sets_every_control(demo: Dataset) -> None:
    search = f"?structure={WINNER}&edition=2019&peers=category_region&channel=phone"
    out = sync_url(demo, ids.BENCH_URL, search, None, None, None, None, None, "fr")
    assert out[0] is no_update
    assert out[1:3] == (WINNER, 2019)
    assert out[4:] == ("category_region", "phone", [], [], "criterion")


def test_compare_payload(demo: Dataset) -> None:
    payload = compare_payload(demo, [WINNER, "W-BOURG-EN-BRESSE"], 2022, "en")
    table = compare_table(
        demo, [WINNER, "W-BOURG-EN-BRESSE"], 2022, "en", ids.COMPARE_CHANNELS.name
    )
    rows = table.rows
    assert rows[0][:2] == ["Ville de Strasbourg", "Global score"]
    assert len(rows) == 14  # 2 structures x (global + 6 channels)
    file = compare_csv(demo, [WINNER, "W-BOURG-EN-BRESSE"], 2022, "en", ids.COMPARE_CHANNELS.name)
    csv = pd.read_csv(io.StringIO(file.content.lstrip("\ufeff")))
    assert csv.iloc[:, :2].values.tolist() == [row[:2] for row in rows]
    figure = payload.charts[ids.COMPARE_CHANNELS.name].figure
    drawn = [v for trace in figure["data"] for v in decode(trace["y"]) if not math.isnan(v)]
    # The CSV holds what is drawn, rounded as the table shows it (one decimal).
    assert sorted(csv["Score"].dropna()) == sorted(round_as_shown(v) for v in drawn)
    # The user's own structure (first) in the highlight colour it has on every chart.
    trends = payload.charts[ids.COMPARE_TRAJECTORY.name].figure["data"]
    assert [t["marker"]["color"] for t in figure["data"]] == [HIGHLIGHT, "#0072B2"]
    assert [t["line"]["color"] for t in trends] == [HIGHLIGHT, "#0072B2"]
    assert figure["data"][0]["name"] == "Ville de Strasbourg"


def test_benchmark_page_renders_in_both_languages(services: Any) -> None:
    page, _, doc = render_page(services, "/benchmark", f"?structure={WINNER}&lang=en")
    assert "My structure" in str(page) and doc["lang"] == "en"
    page, _, _ = render_page(services, "/benchmark", "")
    assert "Choisissez une structure" in str(page)


def test_csv_of_channels_is_what_is_drawn(demo: Dataset) -> None:

    payload = benchmark_payload(demo, BenchmarkState(WINNER, 2022), named=False)
    file = benchmark_csv(demo, BenchmarkState(WINNER, 2022), False, ids.BENCH_CHANNELS.name)
    assert file is not None and file.filename == "channels-2022.csv"
    csv = file.content.lstrip("\ufeff")
    table = pd.read_csv(io.StringIO(csv), sep=";", decimal=",")
    figure = payload.charts[ids.BENCH_CHANNELS.name].figure
    own_trace = next(t for t in figure["data"] if t["name"] == "Ville de Strasbourg")
    drawn = sorted(decode(own_trace["x"]).tolist())
    assert sorted(table["Votre score"].dropna().tolist()) == pytest.approx(drawn)


def test_url_the_page_just_wrote_leaves_the_controls_alone(demo: Dataset) -> None:
    search = f"?structure={WINNER}&edition=2021&peers=category_region"
    out = sync_url(demo, ids.BENCH_URL, search, WINNER, 2021, "category_region", None, [], "fr")
    assert all(v is no_update for v in out)


def test_the_first_render_comes_drawn(services: Any, demo: Dataset) -> None:
    page, _, _ = render_page(services, "/benchmark", f"?structure={WINNER}&edition=2021&lang=en")
    expected = benchmark_payload(demo, BenchmarkState(WINNER, 2021, lang="en"), named=False)
    found = {getattr(c, "id", None): c for c in page._traverse()}
    assert found[ids.BENCH_CONTENT].hidden is False and found[ids.BENCH_PROMPT].hidden is True
    assert (
        found[ids.BENCH_TRAJECTORY.graph].figure
        == expected.charts[ids.BENCH_TRAJECTORY.name].figure
    )
    assert found[ids.BENCH_HEADLINE].children is not None
    # Without a structure, the prompt shows and nothing is computed.
    page, _, _ = render_page(services, "/benchmark", "")
    found = {getattr(c, "id", None): c for c in page._traverse()}
    assert found[ids.BENCH_PROMPT].hidden is False and found[ids.BENCH_CONTENT].hidden is True


def test_a_structure_not_audited_in_the_edition_asked_is_named(services: Any) -> None:
    page, _, _ = render_page(services, "/benchmark", f"?structure={WINNER}&edition=2020")
    text = page_text(page)
    assert "« Ville de Strasbourg » n'a pas été auditée en 2020 : voici son édition 2022." in text
    assert "non reconnue" not in text
