"""What the callbacks talk to: the dataset store, the cache, the settings, the accounts of one
app, and **the viewer of the request** (`AppServices.viewer()`), which every callback, route
and download hands to dashboard.policy (docs/architecture.md, "Who sees what")."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar, cast

import flask
from flask_caching import Cache
from sqlalchemy import Engine

from dashboard import policy
from dashboard.accounts import audit
from dashboard.accounts.users import Accounts
from dashboard.intake.indicator_store import IndicatorStore
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.intake.store import DatasetStore
from dashboard.policy import OPEN_MODE, Viewer
from dashboard.settings import Settings

LOG = logging.getLogger("barometre.policy")
# Once an account exists, a worker checks again that one still does after this long (while
# none does, on every request: the first account locks every worker at once).
ACCOUNTS_RECHECK_SECONDS: Final = 5.0
# The viewer of a request that has no session once accounts exist (the gate refuses those
# first): bound to no structure, no name, nothing to import.
NOBODY: Final = Viewer(role="manager", structures=frozenset(), login="-")

StateT = TypeVar("StateT")
PayloadT = TypeVar("PayloadT")


@dataclass
class AppServices:
    """The store, the cache and the settings, created once by create_app()."""

    settings: Settings
    store: DatasetStore
    cache: Cache
    # The accounts and the audit log (None: no database, open mode for ever; unit tests).
    accounts: Accounts | None = None
    database: Engine | None = None
    # Each page's memoized payload for a state (see memoized()).
    payloads: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    # The public indicator tables beside the dataset (made from settings.data_dir when None).
    indicators: IndicatorStore | None = None
    _open: bool = True
    _open_until: float = 0.0

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

    def open_mode(self) -> bool:
        """Whether no account exists (the app then serves everyone as dashboard.policy's
        OPEN_MODE viewer). Checked on every request while true; once false, again after
        ACCOUNTS_RECHECK_SECONDS."""
        if self.accounts is None:
            return True
        now = time.monotonic()
        if not self._open and now < self._open_until:
            return False
        self._open = not self.accounts.any_exist()
        self._open_until = now + ACCOUNTS_RECHECK_SECONDS
        return self._open

    def viewer(self) -> Viewer:
        """Who the current request is for: the signed-in account's viewer; OPEN_MODE while
        no account exists; else NOBODY (bound to nothing). Every callback, route and download
        passes it to dashboard.policy, and only that decides what it gets."""
        if flask.has_request_context():
            from flask_login import current_user

            if current_user and current_user.is_authenticated:
                return cast(Viewer, current_user.account.viewer)
        return OPEN_MODE if self.open_mode() else NOBODY

    def may_download_dataset(self) -> bool:
        """Whether « Données » hands the request's viewer the active dataset (every
        structure's name, id and scores): policy.can_download_dataset (consultants and
        admins). Others get the data dictionary and the counts (README: security)."""
        return policy.can_download_dataset(self.viewer())

    def visible_structures(self, structure_ids: Any) -> frozenset[str]:
        """The ids of `structure_ids` the request's viewer may open (dashboard.policy)."""
        return policy.visible_structures(self.viewer(), structure_ids)

    def refused(self, what: str, value: object) -> None:
        """One log line for a value the viewer may not have (a forged id, say)."""
        viewer = self.viewer()
        address = flask.request.remote_addr if flask.has_request_context() else "-"
        LOG.warning(
            "refused %s %r to %s from %s", what, str(value)[:80], viewer.describe(), address
        )

    def audit(
        self,
        action: str,
        outcome: audit.Outcome,
        *,
        actor: str | None = None,
        target: str = "",
        detail: str = "",
    ) -> None:
        """An audit line for the current request: its viewer (or `actor`), its address."""
        if self.database is None:
            return
        who = actor if actor is not None else (self.viewer().login or "anonymous")
        address = (flask.request.remote_addr or "?") if flask.has_request_context() else "-"
        try:
            audit.record(
                self.database,
                actor=who,
                address=address,
                action=action,
                outcome=outcome,
                target=target,
                detail=detail,
            )
        except Exception:
            LOG.exception("could not write the audit log")

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
