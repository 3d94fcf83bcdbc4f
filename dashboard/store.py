"""The dataset store: validated imports replace the active dataset atomically (§4).

Layout under the data directory:

    datasets/<version>/structures.parquet, tests.parquet, meta.json   one folder a dataset
    ACTIVE                                                            the active version id
    demo/<generator-key>/...                                          the demo, cached

An import validates first, writes the new dataset into a temporary folder, renames it into
place, then replaces ACTIVE with os.replace. A refused, failed or killed import therefore
leaves ACTIVE naming the previous, complete dataset. Every process reads ACTIVE (a few bytes)
on access and reloads the tables only when the version changed, so an import made by one
process (the CLI, another worker) is seen by all. Leftovers of a killed import (staging
folders, pointer files) are hidden (their names start with ".") and swept by a later import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pandas as pd

from dashboard.model import Dataset, conform
from dashboard.schema import TABLES, Table
from dashboard.validation import ValidationResult, validate_path

logger = logging.getLogger(__name__)

DATA_DIR_ENV: Final = "DASHBOARD_DATA_DIR"
ACTIVE_FILE: Final = "ACTIVE"
META_FILE: Final = "meta.json"
DEMO_SOURCE: Final = "demo"
_KEEP_PREVIOUS: Final = 1  # datasets kept besides the active one, for a quick roll-back
_TABLE_FILES: Final[tuple[str, ...]] = tuple(f"{t}.parquet" for t in TABLES)
_STAGING_PREFIX: Final = ".staging-"
_TRASH_PREFIX: Final = ".trash-"
# A hidden leftover older than this belongs to a dead process (an import takes seconds), so
# sweeping it cannot disturb an import still running in another process.
_STALE_AFTER_SECONDS: Final = 3600.0


def default_data_dir() -> Path:
    """`DASHBOARD_DATA_DIR`, else the Flask instance folder of the app (git-ignored)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent / "instance"


@dataclass(frozen=True)
class StoredInfo:
    """What the store knows of the active dataset without loading it."""

    version: str
    source: str
    imported_at: str | None
    is_demo: bool


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_tables(dataset: Dataset, folder: Path, meta: dict[str, object]) -> None:
    for name, frame in ((Table.STRUCTURES, dataset.structures), (Table.TESTS, dataset.tests)):
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    for child in folder.iterdir():
        with child.open("rb") as handle:
            os.fsync(handle.fileno())


def _is_complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in (*_TABLE_FILES, META_FILE))


def _discard(folder: Path) -> None:
    """Remove `folder`, renaming it out of the way first so no half-deleted dataset is seen."""
    trash = folder.with_name(f"{_TRASH_PREFIX}{uuid.uuid4().hex}")
    try:
        os.replace(folder, trash)
    except OSError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _sweep_leftovers(folder: Path, prefixes: tuple[str, ...]) -> None:
    """Remove hidden leftovers of killed processes (staging, trash, pointer files) in `folder`."""
    now = time.time()
    for entry in folder.iterdir():
        if not entry.name.startswith(prefixes):
            continue
        try:
            if now - entry.lstat().st_mtime < _STALE_AFTER_SECONDS:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:
            continue


def _mtime(path: Path) -> float:
    """Modification time, 0 for a folder another process removed meanwhile."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _read_tables(folder: Path) -> Dataset:
    meta = json.loads((folder / META_FILE).read_text("utf-8"))
    structures = pd.read_parquet(folder / f"{Table.STRUCTURES}.parquet")
    tests = pd.read_parquet(folder / f"{Table.TESTS}.parquet")
    s, t = conform(structures, tests)
    return Dataset(structures=s, tests=t, source=str(meta["source"]), version=str(meta["version"]))


def _demo_key() -> str:
    """Changes whenever the demo generator's code changes, so a stale cache is never used."""
    from dashboard import demo

    source = Path(demo.__file__).read_bytes()
    return hashlib.sha256(source + str(demo.DEMO_SEED).encode()).hexdigest()[:12]


class DatasetStore:
    """The active dataset of one data directory, shared by the app's workers and the CLI."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_data_dir()
        self._lock = threading.Lock()
        self._loaded: tuple[str, Dataset] | None = None  # (ACTIVE's version or "", dataset)

    @property
    def datasets_dir(self) -> Path:
        return self.root / "datasets"

    def active_version(self) -> str | None:
        """The version id named by ACTIVE, or None while the store is empty (demo active)."""
        try:
            version = (self.root / ACTIVE_FILE).read_text("utf-8").strip()
        except FileNotFoundError:
            return None
        return version if version and (self.datasets_dir / version).is_dir() else None

    def active(self) -> Dataset:
        """The active dataset: the last import, or the demo while nothing was imported."""
        for attempt in range(2):
            version = self.active_version()
            key = version or ""
            loaded = self._loaded
            if loaded is not None and loaded[0] == key:
                return loaded[1]
            with self._lock:
                try:
                    if version is None:
                        dataset = self._load_demo()
                    else:
                        dataset = _read_tables(self.datasets_dir / version)
                except FileNotFoundError:
                    # Another process replaced ACTIVE and pruned this version meanwhile.
                    if attempt:
                        raise
                    continue
                self._loaded = (key, dataset)
                return dataset
        raise AssertionError("unreachable")

    def info(self) -> StoredInfo:
        """Version, source and import time of the active dataset."""
        version = self.active_version()
        if version is None:
            demo = self.active()
            return StoredInfo(demo.version, DEMO_SOURCE, None, True)
        meta = json.loads((self.datasets_dir / version / META_FILE).read_text("utf-8"))
        return StoredInfo(version, str(meta["source"]), meta.get("imported_at"), False)

    def _load_demo(self) -> Dataset:
        from dashboard.demo import demo_dataset

        folder = self.root / "demo" / _demo_key()
        if (folder / META_FILE).exists():
            return _read_tables(folder)
        dataset = demo_dataset()
        # A read-only data dir still serves the demo, from memory.
        with contextlib.suppress(OSError):
            self._publish(dataset, folder, {"version": dataset.version, "source": DEMO_SOURCE})
        return dataset

    def _publish(self, dataset: Dataset, target: Path, meta: dict[str, object]) -> None:
        """Write `dataset` beside `target`, then rename it into place (atomic on one disk).

        Same content, same version: a complete `target` is kept and only its meta.json is
        replaced (source and import time of this import).
        """
        target.parent.mkdir(parents=True, exist_ok=True)
        # mkdir, not mkdtemp: the folder gets the umask's permissions, not 0700, so that an
        # app running as another user can read what the CLI imported.
        staging = target.parent / f"{_STAGING_PREFIX}{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            _write_tables(dataset, staging, meta)
            if _is_complete(target):
                os.replace(staging / META_FILE, target / META_FILE)
                shutil.rmtree(staging)
            else:
                if target.exists():  # an incomplete folder (should not happen): replace it
                    _discard(target)
                try:
                    os.replace(staging, target)
                except OSError:
                    if not _is_complete(target):
                        raise
                    # Another process published the same version first: same content.
                    shutil.rmtree(staging)
            _fsync_dir(target.parent)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    def import_path(
        self, path: str | Path, progress: Callable[[str, float], None] | None = None
    ) -> ValidationResult:
        """Validate `path` and, if it has no error, make it the active dataset (§4)."""
        result = validate_path(path, progress=progress)
        if result.dataset is None:
            return result
        self.activate(result.dataset, source_name=Path(path).name)
        return result

    def activate(self, dataset: Dataset, source_name: str | None = None) -> None:
        """Store `dataset` and switch ACTIVE to it atomically."""
        self.datasets_dir.mkdir(parents=True, exist_ok=True)
        meta = {
            "version": dataset.version,
            "source": source_name or dataset.source,
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "structures": len(dataset.structures),
            "tests": len(dataset.tests),
        }
        target = self.datasets_dir / dataset.version
        self._publish(dataset, target, meta)
        # The modification time orders the stored datasets by last activation, for pruning.
        os.utime(target)
        pointer = self.root / f".{ACTIVE_FILE}.{uuid.uuid4().hex}"
        with pointer.open("w", encoding="utf-8") as handle:
            handle.write(dataset.version)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(pointer, self.root / ACTIVE_FILE)
        _fsync_dir(self.root)
        # The import is done: housekeeping failing (another process pruning at the same
        # time, a folder it cannot remove) must not report it as failed.
        try:
            self._prune(keep={dataset.version})
        except OSError:
            logger.warning("pruning %s failed", self.datasets_dir, exc_info=True)

    def reset(self) -> None:
        """Forget the imported dataset: the demo becomes active again."""
        (self.root / ACTIVE_FILE).unlink(missing_ok=True)

    def _prune(self, keep: set[str]) -> None:
        """Remove stored datasets beyond the active one and the last previously active ones."""
        folders = [
            p for p in self.datasets_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
        ]
        folders.sort(key=_mtime, reverse=True)
        others = [p for p in folders if p.name not in keep]
        for stale in others[_KEEP_PREVIOUS:]:
            _discard(stale)
        _sweep_leftovers(self.datasets_dir, (_STAGING_PREFIX, _TRASH_PREFIX))
        _sweep_leftovers(self.root, (f".{ACTIVE_FILE}.",))
