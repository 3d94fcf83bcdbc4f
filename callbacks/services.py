"""What the callbacks talk to: the dataset store, the cache and the settings of one app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_caching import Cache

from dashboard.model import Dataset
from dashboard.settings import Settings
from dashboard.store import DatasetStore


@dataclass
class AppServices:
    """The store, the cache and the settings, created once by create_app()."""

    settings: Settings
    store: DatasetStore
    cache: Cache
    # Each page's memoized payload for a state (made once per app, e.g. by
    # callbacks.overview.cached_overview): pages' callbacks and the routing one share it.
    payloads: dict[str, Callable[[Any], dict[str, Any]]] = field(default_factory=dict)

    def dataset(self) -> Dataset:
        """The active dataset; reading it checks ACTIVE, so another process's import shows."""
        return self.store.active()

    def is_demo(self) -> bool:
        """Whether the demo dataset is active (nothing imported)."""
        return self.store.active_version() is None
