"""What every page with an address of its own wires the same way: its address (the query
string) and its controls kept equal, both ways."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output, State, ctx

from layouts import ids


def register_address_sync(
    app: Dash,
    url_id: str,
    outputs: Sequence[tuple[str, str]],
    controls: Sequence[tuple[str, str]],
    sync: Callable[..., tuple[Any, ...]],
) -> None:
    """One callback keeping a page's address and its controls equal: a control's change
    writes the address (no reload), an address change (back/forward) sets the controls.

    `url_id`: the page's dcc.Location; `controls`: the (id, prop) pairs it follows;
    `outputs`: the (id, prop) pairs it sets, the address's search first. On either change,
    `sync(triggered_id, search, *control_values, lang)` answers one value per output
    (no_update where nothing changes); the values are as the browser sends them, unchecked."""

    @app.callback(
        *[Output(component_id, prop) for component_id, prop in outputs],
        Input(url_id, "search"),
        *[Input(component_id, prop) for component_id, prop in controls],
        State(ids.LANG_STORE, "data"),
    )
    def _sync(search: Any, *values: Any) -> tuple[Any, ...]:
        return sync(ctx.triggered_id, search, *values)
