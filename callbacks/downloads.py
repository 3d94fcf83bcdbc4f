"""CSV downloads of the numbers a chart draws, wired the same way on every page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output, State, no_update

from layouts.ids import ChartIds


def csv_file(payload: dict[str, Any], chart_name: str) -> dict[str, str]:
    """The dcc.Download content of a chart's CSV: exactly the numbers it draws."""
    text = payload["tables"][chart_name]["csv"]
    short = chart_name.split("-", 1)[-1]
    return {
        # A BOM so that Excel reads the accents right.
        "content": "\ufeff" + text,
        "filename": f"{short}-{payload['edition']}.csv",
        "type": "text/csv",
    }


def register_csv_downloads(
    app: Dash,
    charts: Sequence[ChartIds],
    states: Sequence[State],
    payload_for: Callable[..., dict[str, Any] | None],
) -> None:
    """One download callback per chart: its button, the page's `states`, and the (cached)
    payload that `payload_for(*state_values)` returns (None: nothing to download)."""
    for chart in charts:

        @app.callback(
            Output(chart.download, "data"),
            Input(chart.csv_button, "n_clicks"),
            *states,
            prevent_initial_call=True,
        )
        def _download(n_clicks: int | None, *values: Any, _name: str = chart.name) -> Any:
            if not n_clicks:
                return no_update
            payload = payload_for(*values)
            if not payload or payload.get("empty"):
                return no_update
            return csv_file(payload, _name)
