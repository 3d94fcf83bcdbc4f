"""Blocks drawn as HTML rather than by plotly (dashboard.render.block_kinds): a tile map of
France and a list of linked items. Pure: the figure dict holds every text already in the
page's language (dashboard.render.tile_view, dashboard.render.territory_charts)."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.render.block_kinds import LINKS, TILES, kind_of


def _attributes(**values: Any) -> dict[str, Any]:
    # layouts.components.attributes, which imports this module.
    return {name.replace("_", "-"): value for name, value in values.items()}


def _tile_style(tile: dict[str, Any]) -> dict[str, str]:
    return {
        "gridColumn": str(int(tile["column"]) + 1),
        "gridRow": str(int(tile["row"]) + 1),
        "backgroundColor": str(tile["colour"]),
        "color": str(tile["text_colour"]),
    }


def _tile_class(tile: dict[str, Any]) -> str:
    return "tile" if tile.get("compared", True) else "tile tile-outside"


def _tile_content(tile: dict[str, Any]) -> list[Any]:
    # The short label is what the eye reads; the name (territory, code, value) is what a
    # screen reader reads, and it holds the visible label (WCAG 2.5.3).
    return [
        html.Span(tile["text"], className="tile-label", **_attributes(aria_hidden="true")),
        html.Span(tile["name"], className="visually-hidden"),
    ]


def make_tile_map(figure: dict[str, Any]) -> html.Div:
    """The tile map: a grid of buttons (interactive: one tab stop, the arrow keys move
    between tiles, assets/tile_map.js; a click, Enter or Space chooses the territory) or a
    list of tiles, then its legend and, for buttons, how to use them."""
    columns = int(figure["columns"])
    grid_style = {
        "gridTemplateColumns": f"repeat({columns}, minmax(0, 1fr))",
        "maxWidth": f"{float(figure['max_width_rem']):g}rem",
    }
    selected = {"aria_current": "true"}
    tiles = figure["tiles"]
    if figure["interactive"]:
        grid: Any = html.Div(
            [
                html.Button(
                    _tile_content(tile),
                    type="button",
                    className=_tile_class(tile),
                    title=tile["name"],
                    tabIndex="0" if tile["focusable"] else "-1",
                    style=_tile_style(tile),
                    **_attributes(
                        data_tile_code=tile["code"],
                        data_column=str(tile["column"]),
                        data_row=str(tile["row"]),
                        **(selected if tile["selected"] else {}),
                    ),
                )
                for tile in tiles
            ],
            className=f"tile-grid tile-grid-{figure['level']}",
            style=grid_style,
            role="group",
            **_attributes(aria_label=figure["label"]),
        )
    else:
        grid = html.Ul(
            [
                html.Li(
                    _tile_content(tile),
                    className=_tile_class(tile),
                    title=tile["name"],
                    style=_tile_style(tile),
                    **_attributes(
                        data_tile_code=tile["code"], **(selected if tile["selected"] else {})
                    ),
                )
                for tile in tiles
            ],
            className=f"tile-grid tile-grid-{figure['level']}",
            style=grid_style,
            role="list",
            **_attributes(aria_label=figure["label"]),
        )
    legend = figure["legend"]
    items = [
        html.Li(
            [
                html.Span(
                    className="tile-swatch",
                    style={"backgroundColor": str(item["colour"])},
                    **_attributes(aria_hidden="true"),
                ),
                item["text"],
            ],
            **_attributes(
                data_low="" if item["low"] is None else repr(float(item["low"])),
                data_high="" if item["high"] is None else repr(float(item["high"])),
                data_colour=str(item["colour"]),
            ),
        )
        for item in legend["items"]
    ]
    if legend["selected"]:
        items.append(
            html.Li(
                [
                    html.Span(
                        className="tile-swatch tile-swatch-selected",
                        **_attributes(aria_hidden="true"),
                    ),
                    legend["selected"],
                ]
            )
        )
    if legend.get("outside"):
        items.append(
            html.Li(
                [
                    html.Span(
                        className="tile-swatch tile-swatch-outside",
                        **_attributes(aria_hidden="true"),
                    ),
                    legend["outside"],
                ]
            )
        )
    children: list[Any] = [
        grid,
        html.Div(
            [
                html.P(legend["title"], className="fw-semibold small mb-1"),
                html.Ul(items, className="tile-legend small"),
            ],
            className="tile-legend-box",
        ),
    ]
    if figure["hint"]:
        children.append(html.P(figure["hint"], className="small text-body-secondary mb-0"))
    return html.Div(children, className="tile-map")


def make_link_list(figure: dict[str, Any]) -> html.Ul:
    """A list of items, each a heading, lines of text and a link (an address of the app,
    followed without reloading the page)."""
    return html.Ul(
        [
            html.Li(
                [
                    html.H3(item["title"], className="h6 fw-semibold mb-1"),
                    *[html.P(line, className="mb-1") for line in item["lines"]],
                    dcc.Link(item["link_text"], href=item["href"]),
                ],
                className="border rounded p-2 mb-2",
            )
            for item in figure["items"]
        ],
        className="list-unstyled mb-0",
    )


def make_drawing(figure: dict[str, Any]) -> Any:
    """The components of a block drawn as HTML, by its kind; raises ValueError for a plotly
    figure (dcc.Graph draws those)."""
    kind = kind_of(figure)
    if kind == TILES:
        return make_tile_map(figure)
    if kind == LINKS:
        return make_link_list(figure)
    raise ValueError(f"a {kind} figure is drawn by dcc.Graph")
