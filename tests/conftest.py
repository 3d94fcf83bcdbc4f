"""Shared fixtures: the demo dataset, app services on a temporary store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from flask import Flask
from flask_caching import Cache
from hypothesis import settings

from dashboard.intake.demo import demo_dataset
from dashboard.intake.model import Dataset
from dashboard.intake.store import DatasetStore
from dashboard.settings import Settings

ROOT = Path(__file__).resolve().parent.parent

# Property tests check what the code computes, never how fast: hypothesis's default deadline
# (200 ms an example) failed them on a loaded 2-core machine. Speed lives in benchmarks/.
settings.register_profile("no-deadline", deadline=None)
settings.load_profile("no-deadline")


@pytest.fixture(scope="session")
def demo() -> Dataset:
    return demo_dataset()


@pytest.fixture
def services(tmp_path: Path) -> Iterator[object]:
    from callbacks.services import AppServices

    settings = Settings(data_dir=tmp_path / "data")
    cache = Cache(Flask(__name__), config={"CACHE_TYPE": "SimpleCache"})
    yield AppServices(settings=settings, store=DatasetStore(settings.data_dir), cache=cache)


@pytest.fixture(scope="session")
def published() -> pd.DataFrame:
    """The Etalab detail file as published, read with plain pandas (tests/reference.py's
    read_published; the tests using it are marked `needs_reference`)."""
    from tests.reference import read_published

    return read_published()


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """One throwaway PostgreSQL server for the whole session (tests/postgres.py)."""
    from tests.postgres import running_postgres

    with running_postgres() as server:
        yield server
