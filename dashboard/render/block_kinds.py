"""How a page's block is drawn: a plotly figure (most charts), a tile map of France, or a
list of linked items. A block's figure is a plain dict either way; a non-plotly one says
what it is under KIND_KEY, and layouts/ turns it into components (layouts/components.py).
"""

from __future__ import annotations

from typing import Any, Final, Literal

BlockKind = Literal["graph", "tiles", "links"]
GRAPH: Final[BlockKind] = "graph"  # a plotly figure, drawn by dcc.Graph
TILES: Final[BlockKind] = "tiles"  # a tile map of France (dashboard.render.tile_view)
LINKS: Final[BlockKind] = "links"  # a list of items, each with its link
KIND_KEY: Final = "kind"


def kind_of(figure: dict[str, Any]) -> BlockKind:
    """What a block's figure is: its KIND_KEY, or a plotly figure when it has none."""
    found = figure.get(KIND_KEY)
    return found if found in (TILES, LINKS) else GRAPH
