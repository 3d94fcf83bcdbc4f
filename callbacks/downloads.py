"""CSV downloads of the numbers a chart draws, wired the same way on every page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output, State, no_update

from layouts.ids import ChartIds


def csv_file(text: str, chart_name: str, edition: int | None) -> dict[str, str]:
    """The dcc.Download content of a chart's CSV text: exactly the numbers it draws."""
    short = chart_name.split("-", 1)[-1]
    return {
        # A BOM so that Excel reads the accents right.
        "content": "\ufeff" + text,
        "filename": f"{short}-{edition}.csv",
        "type": "text/csv",
    }


def register_csv_downloads(
    app: Dash,
    charts: Sequence[ChartIds],
    states: Sequence[State],
    csv_for: Callable[..., dict[str, str] | None],
) -> None:
    """One download callback per chart: its button and the page's `states`. The file is
    `csv_for(chart_name, *state_values)` (None: nothing to download), built on the click
    from the one table it needs, not with the whole page."""
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
            return csv_for(_name, *values) or no_update
