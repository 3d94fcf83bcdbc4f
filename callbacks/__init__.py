"""Callbacks: thin functions from inputs to dashboard/ and back. Each module has register()."""

from __future__ import annotations

from dash import Dash

from callbacks import benchmark, data_page, noop, overview, routing
from callbacks.services import AppServices


def register_callbacks(app: Dash, services: AppServices) -> None:
    """Register every callback of the app."""
    routing.register(app, services)
    overview.register(app, services)
    benchmark.register(app, services)
    data_page.register(app, services)
    noop.register(app, services)
