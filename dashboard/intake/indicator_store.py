"""The store of public indicator tables (contract §7), beside the barometer datasets.

Layout under the data directory:

    indicators/INDEX.json                       the tables in force, in import order
    indicators/<table_id>-<version>/rows.parquet, meta.json   one folder per table version

Several tables sit side by side, each under an id (made from the file name unless given).
An import validates the file first (nothing is written for a file with any error), then,
holding the data directory's import lock (`DatasetStore.import_lock`: one import at a time,
barometer or indicators), writes the table into a hidden staging folder, renames it into
place and replaces INDEX.json atomically; folders INDEX no longer names are removed after.
Importing under an id that exists replaces that table; `remove` drops it from INDEX.

Readers never take the lock: `tables()` reads INDEX.json (re-parsed only when the file
changed: its inode, size and time) and loads each table version once per process, so the
app can call it on every request. `version()` changes whenever the set of tables does, for
cache keys.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pandas as pd

from dashboard.intake.public_indicators import (
    IndicatorTable,
    IndicatorValidation,
    SourceFormat,
    conform_rows,
    suggest_indicator_id,
    validate_indicator_file,
)
from dashboard.intake.store import (
    DEFAULT_IMPORT_WAIT_SECONDS,
    STAGING_PREFIX,
    TRASH_PREFIX,
    DatasetStore,
    atomic_write_text,
    default_data_dir,
    discard_folder,
    fsync_dir,
    stage,
    sweep_leftovers,
)

logger = logging.getLogger(__name__)

INDICATORS_DIR: Final = "indicators"
INDEX_FILE: Final = "INDEX.json"
ROWS_FILE: Final = "rows.parquet"
META_FILE: Final = "meta.json"
TABLE_ID_PATTERN: Final = re.compile(r"^[a-z0-9_-]{1,64}$")
TABLE_ID_MAX_LEN: Final = 64
DEFAULT_TABLE_ID: Final = "indicateurs"


class UnknownTable(KeyError):
    """No table of that id is in the store."""


class InvalidTableId(ValueError):
    """A table id outside `TABLE_ID_PATTERN`."""


@dataclass(frozen=True)
class StoredTable:
    """What INDEX.json says of one table, enough to list it without loading it."""

    table_id: str
    folder: str
    version: str
    source: str
    source_format: str
    imported_at: str
    rows: int
    indicators: int
    entities: int
    first_period: int
    last_period: int


@dataclass(frozen=True)
class IndicatorImport:
    """The outcome of an import: the validation (its table is None when refused), the id
    the table is stored under, and whether it replaced a table of that id."""

    validation: IndicatorValidation
    table_id: str
    replaced: bool = False

    @property
    def ok(self) -> bool:
        """Whether the table is now in the store."""
        return self.validation.ok


def table_id_from_name(name: str) -> str:
    """A table id made from a file name ("Baromètre résultats 2023.csv" ->
    "barometre-resultats-2023"); DEFAULT_TABLE_ID when nothing usable is left."""
    stem = Path(name).stem
    slug = suggest_indicator_id(stem)[:TABLE_ID_MAX_LEN].strip("-_")
    return slug or DEFAULT_TABLE_ID


def check_table_id(table_id: str) -> str:
    """`table_id` when valid (1-64 of a-z, 0-9, `-`, `_`); raises InvalidTableId."""
    if not TABLE_ID_PATTERN.match(table_id):
        raise InvalidTableId(table_id)
    return table_id


def _write_table(table: IndicatorTable, folder: Path, meta: dict[str, object]) -> None:
    table.rows.to_parquet(folder / ROWS_FILE, index=False)
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    for child in folder.iterdir():
        with child.open("rb") as handle:
            os.fsync(handle.fileno())


def _read_table(folder: Path, entry: StoredTable) -> IndicatorTable:
    rows = conform_rows(pd.read_parquet(folder / ROWS_FILE))
    return IndicatorTable(
        rows=rows,
        source=entry.source,
        version=entry.version,
        source_format=SourceFormat(entry.source_format),
        table_id=entry.table_id,
        imported_at=entry.imported_at,
    )


class IndicatorStore:
    """The public indicator tables of one data directory, shared by the app and the CLI."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_data_dir()
        self._lock = threading.Lock()
        self._index_key: tuple[int, int, int] | None = None
        self._index: tuple[StoredTable, ...] = ()
        self._loaded: dict[str, IndicatorTable] = {}  # folder -> table

    @property
    def folder(self) -> Path:
        """Where the tables live: `<data dir>/indicators`."""
        return self.root / INDICATORS_DIR

    # Reading ---------------------------------------------------------------------------

    def listing(self) -> tuple[StoredTable, ...]:
        """The tables in force, in import order (INDEX.json; empty when there is none)."""
        path = self.folder / INDEX_FILE
        try:
            status = path.stat()
        except FileNotFoundError:
            return ()
        key = (status.st_ino, status.st_size, status.st_mtime_ns)
        if key != self._index_key:
            try:
                data = json.loads(path.read_text("utf-8"))
            except FileNotFoundError:
                return ()
            index = tuple(StoredTable(**entry) for entry in data.get("tables", []))
            with self._lock:
                self._index, self._index_key = index, key
        return self._index

    def version(self) -> str:
        """A key of the tables in force: changes whenever one is imported, replaced or
        removed ("" when there is none)."""
        listing = self.listing()
        if not listing:
            return ""
        digest = hashlib.sha256("\x1f".join(e.folder for e in listing).encode())
        return digest.hexdigest()[:16]

    def tables(self) -> tuple[IndicatorTable, ...]:
        """Every table in force, loaded once per table version and process."""
        for attempt in range(2):
            listing = self.listing()
            try:
                return tuple(self._load(entry) for entry in listing)
            except FileNotFoundError:
                # Another process replaced the index and pruned a folder meanwhile.
                self._index_key = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def table(self, table_id: str) -> IndicatorTable:
        """The table `table_id`; raises UnknownTable."""
        for table in self.tables():
            if table.table_id == table_id:
                return table
        raise UnknownTable(table_id)

    def _load(self, entry: StoredTable) -> IndicatorTable:
        loaded = self._loaded.get(entry.folder)
        if loaded is not None:
            return loaded
        with self._lock:
            loaded = self._loaded.get(entry.folder)
            if loaded is None:
                loaded = _read_table(self.folder / entry.folder, entry)
                current = {e.folder for e in self._index}
                # Forget versions no longer in force: memory per process stays bounded.
                for stale in [f for f in self._loaded if f not in current]:
                    del self._loaded[stale]
                self._loaded[entry.folder] = loaded
        return loaded

    # Writing ---------------------------------------------------------------------------

    def import_path(
        self,
        path: str | Path,
        table_id: str | None = None,
        *,
        display_name: str | None = None,
        wait: float = DEFAULT_IMPORT_WAIT_SECONDS,
        on_wait: Callable[[], None] | None = None,
    ) -> IndicatorImport:
        """Validate the file at `path` and, if it has no error, store it as `table_id` (by
        default made from its name), replacing a table of that id (contract §7, §4: all or
        nothing). Raises InvalidTableId, or ImportBusy when another import held the lock for
        longer than `wait` seconds (nothing changed then)."""
        name = display_name or Path(path).name
        chosen = check_table_id(table_id) if table_id else table_id_from_name(name)
        with DatasetStore(self.root).import_lock(wait, on_wait):
            validation = validate_indicator_file(path, display_name=display_name)
            if validation.table is None or validation.errors:
                return IndicatorImport(validation, chosen)
            stage("validated")
            replaced = any(e.table_id == chosen for e in self.listing())
            self._publish(validation.table, chosen, name)
        return IndicatorImport(validation, chosen, replaced)

    def remove(self, table_id: str, *, wait: float = DEFAULT_IMPORT_WAIT_SECONDS) -> None:
        """Drop the table `table_id`; raises UnknownTable (nothing changed then)."""
        with DatasetStore(self.root).import_lock(wait):
            listing = self.listing()
            if not any(e.table_id == table_id for e in listing):
                raise UnknownTable(table_id)
            self._write_index(tuple(e for e in listing if e.table_id != table_id))
            self._prune()

    def _publish(self, table: IndicatorTable, table_id: str, source: str) -> None:
        infos = table.indicators()
        periods = table.rows["period"]
        entry = StoredTable(
            table_id=table_id,
            folder=f"{table_id}-{table.version}",
            version=table.version,
            source=source,
            source_format=table.source_format.value,
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            rows=len(table.rows),
            indicators=len(infos),
            entities=table.n_entities,
            first_period=int(periods.min()),
            last_period=int(periods.max()),
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / entry.folder
        if not (target / ROWS_FILE).is_file() or not (target / META_FILE).is_file():
            # mkdir, not mkdtemp: the umask's permissions, so that the app reads what the CLI
            # wrote when they run as different users.
            staging = self.folder / f"{STAGING_PREFIX}{uuid.uuid4().hex}"
            staging.mkdir()
            try:
                stage("staging-created")
                _write_table(table, staging, asdict(entry))
                stage("tables-written")
                if target.exists():  # an incomplete folder (should not happen): replace it
                    discard_folder(target)
                os.replace(staging, target)
                fsync_dir(self.folder)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        stage("renamed")
        listing = self.listing()
        if any(e.table_id == table_id for e in listing):
            updated = tuple(entry if e.table_id == table_id else e for e in listing)
        else:
            updated = (*listing, entry)
        self._write_index(updated)
        stage("activated")
        # The import is done: housekeeping failing must not report it as failed.
        try:
            self._prune()
        except OSError:
            logger.warning("pruning %s failed", self.folder, exc_info=True)

    def _write_index(self, entries: tuple[StoredTable, ...]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"tables": [asdict(e) for e in entries]}, ensure_ascii=False, indent=2)
        atomic_write_text(self.folder / INDEX_FILE, text)
        self._index_key = None

    def _prune(self) -> None:
        """Remove table folders INDEX.json does not name, and a killed import's leftovers."""
        keep = {e.folder for e in self.listing()}
        for entry in self.folder.iterdir():
            if entry.is_dir() and not entry.name.startswith(".") and entry.name not in keep:
                with contextlib.suppress(OSError):
                    discard_folder(entry)
        sweep_leftovers(self.folder, (STAGING_PREFIX, TRASH_PREFIX, f".{INDEX_FILE}."))
