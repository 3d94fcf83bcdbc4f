"""What the callbacks talk to: the dataset store, the cache and the settings of one app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from flask_caching import Cache

from dashboard.intake.indicator_store import IndicatorStore
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.intake.store import DatasetStore
from dashboard.settings import Settings

StateT = TypeVar("StateT")
PayloadT = TypeVar("PayloadT")


@dataclass
class AppServices:
    """The store, the cache and the settings, created once by create_app()."""

    settings: Settings
    store: DatasetStore
    cache: Cache
    # Each page's memoized payload for a state (see memoized()).
    payloads: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    # The public indicator tables beside the dataset (made from settings.data_dir when None).
    indicators: IndicatorStore | None = None

    def dataset(self) -> Dataset:
        """The active dataset; reading it checks ACTIVE, so another process's import shows."""
        return self.store.active()

    def indicator_store(self) -> IndicatorStore:
        """The store of public indicator tables, in the dataset's data directory."""
        if self.indicators is None:
            self.indicators = IndicatorStore(self.settings.data_dir)
        return self.indicators

    def indicator_tables(self) -> tuple[IndicatorTable, ...]:
        """The public indicator tables in force (contract §7); reading them checks their
        index, so another process's import shows."""
        return self.indicator_store().tables()

    def data_version(self) -> str:
        """What the pages' answers depend on: the dataset's version and the indicator
        tables' (an import of either gives new answers, never stale ones)."""
        return f"{self.dataset().version}:{self.indicator_store().version()}"

    def may_download_dataset(self) -> bool:
        """Whether the « Données » page hands out the active dataset (every structure's name,
        id and scores): in named mode (DASHBOARD_PEER_NAMES=1) only. Anonymous mode gives
        the data dictionary and the counts (README: security); operators export with
        `python -m dashboard export`."""
        return self.settings.peer_names

    def is_demo(self) -> bool:
        """Whether the demo dataset is active (nothing imported)."""
        return self.store.active_version() is None

    def memoized(
        self, page: str, build: Callable[[Dataset, StateT], PayloadT]
    ) -> Callable[[StateT], PayloadT]:
        """`build(dataset, state)` memoized in the app's cache by page, data version (the
        dataset's and the indicator tables') and state (a frozen dataclass, whose repr is
        part of the key). Made once per app and page: the page's callbacks and the routing
        callback share one memo."""
        found = self.payloads.get(page)
        if found is not None:
            return cast(Callable[[StateT], PayloadT], found)

        @self.cache.memoize()
        def cached(page: str, version: str, state: StateT) -> PayloadT:
            return build(self.dataset(), state)

        def payload(state: StateT) -> PayloadT:
            return cached(page, self.data_version(), state)

        self.payloads[page] = payload
        return payload
