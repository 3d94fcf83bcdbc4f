"""Fixtures of the browser test modules signed in as a consultant (peers named, comparison,
downloads, the reports batch). A module imports them (`from tests.browser.named import
app_server, signed_in`) and may define its own `app_server` (another dataset)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.conftest import CONSULTANT, AppServer, consultant_app, sign_in

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The module's app: as the session's (demo data), with a consultant account."""
    with consultant_app(tmp_path_factory.mktemp("named")) as server:
        yield server


@pytest.fixture(autouse=True)
def signed_in(app: DashPage, base_url: str) -> None:
    """Every test of the module starts signed in as the consultant."""
    from tests.servers import PASSWORD

    sign_in(app.page, base_url, CONSULTANT, PASSWORD)
