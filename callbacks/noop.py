"""A callback that does nothing, registered only with DASHBOARD_NOOP_CALLBACK=1: its latency
over HTTP is the floor (Dash and gunicorn overhead) the benchmarks compare callbacks with."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output

from callbacks.services import AppServices
from layouts import ids


def register(app: Dash, services: AppServices) -> None:
    """Wire the no-op callback when the settings ask for it."""
    if not services.settings.noop_callback:
        return

    @app.callback(
        Output(ids.NOOP_OUTPUT, "data"),
        Input(ids.NOOP_INPUT, "data"),
        prevent_initial_call=True,
    )
    def _noop(value: Any) -> Any:
        return value
