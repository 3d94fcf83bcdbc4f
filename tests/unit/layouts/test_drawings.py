"""Blocks drawn as HTML (issue 17): the tile map of France, as a grid of buttons (one tab stop,
the chosen tile outlined and `aria-current`) or a list, each tile with its place, its colour
on the scale and an accessible name holding its visible label; the legend with its bounds;
the list of links; and how a page's block of such a kind is laid out and filled."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from dash import dcc, html

from dashboard.i18n import CATALOG
from dashboard.intake.public_indicators import Level
from dashboard.pages import benchmark, overview, territories
from dashboard.render.block_kinds import GRAPH, LINKS, TILES, kind_of
from dashboard.render.france_map import tile_map
from dashboard.render.tile_view import tile_map_figure
from layouts import ids
from layouts.components import chart_output_ids, chart_outputs, make_chart_block
from layouts.drawings import make_drawing

VALUES = {"01": 45.0, "2A": 12.5, "971": 80.0}


def props(component: Any) -> dict[str, Any]:
    return dict(component.to_plotly_json()["props"])


def figure(interactive: bool, selected: str | None = "2A") -> dict[str, Any]:
    drawn = tile_map(Level.DEPARTMENT, VALUES, unit="% de réseaux", selected=selected)
    texts = {code: f"{value:g} % de réseaux" for code, value in VALUES.items()}
    return tile_map_figure(drawn, texts, label="Carte", legend_title="Taux, 2022", lang="fr",
                           interactive=interactive)  # fmt: skip


def test_every_department_is_a_button_named_with_its_value() -> None:
    drawing = make_drawing(figure(interactive=True))
    buttons = [c for c in drawing._traverse() if isinstance(c, html.Button)]
    assert len(buttons) == 101
    by_code = {props(b)["data-tile-code"]: b for b in buttons}
    ain = props(by_code["01"])
    label, name = by_code["01"].children
    assert label.children == "01" and props(label)["aria-hidden"] == "true"
    assert name.children == "Ain (01)\u00a0: 45 % de réseaux"  # holds the visible "01"
    assert name.className == "visually-hidden"
    assert (ain["data-column"], ain["data-row"]) == ("10", "8")  # data/france_tiles.csv
    assert ain["style"]["gridColumn"] == "11" and ain["style"]["gridRow"] == "9"
    assert props(by_code["59"])["style"]["backgroundColor"] == "#D9D9D9"  # no value: grey
    assert "pas de valeur" in by_code["59"].children[1].children
    # One tab stop, on the chosen tile, which is outlined and marked current.
    assert [c for c, b in by_code.items() if b.tabIndex == "0"] == ["2A"]
    assert [c for c, b in by_code.items() if props(b).get("aria-current") == "true"] == ["2A"]
    grid = next(c for c in drawing._traverse() if getattr(c, "role", None) == "group")
    assert props(grid)["aria-label"] == "Carte"


def test_with_nothing_chosen_the_first_tile_is_the_tab_stop() -> None:
    drawing = make_drawing(figure(interactive=True, selected=None))
    stops = [b for b in drawing._traverse() if isinstance(b, html.Button) and b.tabIndex == "0"]
    assert [props(b)["data-tile-code"] for b in stops] == ["01"]


def test_a_map_that_chooses_nothing_is_a_list() -> None:
    drawing = make_drawing(figure(interactive=False))
    assert not [c for c in drawing._traverse() if isinstance(c, html.Button)]
    tiles = [
        c
        for c in drawing._traverse()
        if isinstance(c, html.Li) and getattr(c, "className", "") == "tile"
    ]
    assert len(tiles) == 101


def test_the_legend_gives_each_class_its_colour_and_bounds() -> None:
    found = figure(interactive=True)["legend"]
    items = found["items"]
    assert items[-1]["text"] == "pas de valeur" and items[-1]["low"] is None
    classes = items[:-1]
    assert classes[0]["low"] <= 12.5 and classes[-1]["high"] >= 80.0
    assert all(a["high"] == b["low"] for a, b in pairwise(classes))
    assert classes[-1]["text"].endswith("% de réseaux")
    assert found["selected"]  # the outline is explained when a tile is chosen
    drawing = make_drawing(figure(interactive=True))
    legend_items = [c for c in drawing._traverse() if isinstance(c, html.Li)]
    assert props(legend_items[0])["data-colour"] == classes[0]["colour"]


def test_a_list_of_links() -> None:
    drawing = make_drawing(
        {
            "kind": LINKS,
            "items": [
                {"title": "T", "lines": ["a", "b"], "href": "/territoires?x=1", "link_text": "Voir"}
            ],
        }
    )
    link = next(c for c in drawing._traverse() if isinstance(c, dcc.Link))
    assert (link.href, link.children) == ("/territoires?x=1", "Voir")


def test_a_plotly_figure_is_not_drawn_as_html() -> None:
    assert kind_of({"data": [], "layout": {}}) == GRAPH
    with pytest.raises(ValueError):
        make_drawing({"data": []})


def test_a_block_drawn_as_html_is_filled_with_children() -> None:
    chart = ids.chart(territories.MAP_BLOCK)
    assert (chart.kind, chart.drawn, chart.plotted) == (TILES, True, False)
    assert chart_output_ids(chart)[0] == (chart.graph, "children")
    assert chart_output_ids(ids.HEATMAP)[0] == (ids.HEATMAP.graph, "figure")
    block = make_chart_block(chart, "Carte", "…", "fr")
    found = {c.id: c for c in block._traverse() if getattr(c, "id", None)}
    assert isinstance(found[chart.graph], html.Div)  # not a dcc.Graph
    assert not [c for c in block._traverse() if isinstance(c, dcc.Graph)]
    # No "save as image" button: that is plotly's.
    assert not [c for c in block._traverse() if isinstance(c, html.Button)]
    children, style, message, note = chart_outputs(figure(interactive=True), None)
    assert style == {} and message == [] and note == []
    assert isinstance(children, html.Div)
    _, hidden, said, _ = chart_outputs(figure(interactive=True), "Pas de carte")
    assert hidden == {"display": "none"} and said[0].children == "Pas de carte"


def test_the_new_blocks_are_last_in_their_pages() -> None:
    assert overview.SECTIONS[-1] is overview.MAP_BLOCK and ids.OVERVIEW_MAP.kind == TILES
    assert benchmark.SECTIONS[-1] is benchmark.TERRITORY_BLOCK and ids.BENCH_TERRITORY.kind == LINKS
    assert [c.name for c in ids.TERRITORY_CHARTS] == [s.name for s in territories.SECTIONS]


@pytest.mark.parametrize(
    "key",
    [
        *[f"ui.territories.{part}_{level.value}" for level in Level
          for part in ("peers_all", "level", "scope_all")],
        *[f"ui.territories.map_label_{level}" for level in ("department", "region")],
        *[f"ui.overview_map.{part}_{level}" for level in ("department", "region")
          for part in ("label", "level")],
        *[f"indicators.direction.{d}" for d in ("higher_is_better", "lower_is_better")],
    ],
)  # fmt: skip
def test_dynamic_keys_exist(key: str) -> None:
    assert key in CATALOG
