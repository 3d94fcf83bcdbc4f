"""Callbacks: thin functions from inputs to dashboard/ and back. Each module has register()."""

from __future__ import annotations

from dash import Dash

from callbacks import (
    admin_pages,
    benchmark,
    data_page,
    noop,
    overview,
    report_batch,
    reports,
    routing,
    territories,
    uploads,
)
from callbacks.services import AppServices
from dashboard.pages import warm_up


def register_callbacks(app: Dash, services: AppServices) -> None:
    """Register every callback of the app."""
    routing.register(app, services)
    overview.register(app, services)
    benchmark.register(app, services)
    data_page.register(app, services)
    territories.register(app, services)
    uploads.register(app, services)
    admin_pages.register(app, services)
    noop.register(app, services)
    reports.register(app, services)
    report_batch.register(app, services)


def warm_caches(services: AppServices) -> None:
    """Build the active dataset's per-version tables and pages now (dashboard.pages.warm_up),
    not on a worker's first visitor's request. A later import is picked up on the next
    request, as ever."""
    warm_up(services.dataset(), False)
