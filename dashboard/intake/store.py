"""The dataset store: validated imports replace the active dataset atomically (§4).

Layout under the data directory:

    datasets/<version>/structures.parquet, tests.parquet, meta.json   one folder a dataset
    ACTIVE                                                            the active version id
    demo/<generator-key>/...                                          the demo, cached

    .import.lock                                                      held by the import running

An import validates first, writes the new dataset into a temporary folder, renames it into
place, then replaces ACTIVE with os.replace. A refused, failed or killed import therefore
leaves ACTIVE naming the previous, complete dataset. Every process reads ACTIVE (a few bytes)
on access and reloads the tables only when the version changed, so an import made by one
process (the CLI, another worker) is seen by all. Leftovers of a killed import (staging
folders, pointer files) are hidden (their names start with ".") and swept by a later import.

Imports are serialised by an exclusive lock (flock) on `.import.lock`: a second import waits
for the first (or gives up after a while with `ImportBusy`), so that two imports never both
report success while only the last one stays active. The kernel releases the lock of a killed
process. Readers (the app) never take it.

Test hook: an import passes named stages (`STAGES`); with DASHBOARD_TEST_PAUSE_AT naming one
and DASHBOARD_TEST_PAUSE_DIR a folder, the process writes `<stage>.reached` there on reaching
it and waits until the test creates `<stage>.release`, so that tests can kill or race an
import at an exact point instead of guessing its timing. Without those variables, nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import pandas as pd

from dashboard.intake.model import Dataset, conform
from dashboard.intake.schema import TABLES, Table
from dashboard.intake.validation import ValidationResult, validate_path

logger = logging.getLogger(__name__)

DATA_DIR_ENV: Final = "DASHBOARD_DATA_DIR"
ACTIVE_FILE: Final = "ACTIVE"
META_FILE: Final = "meta.json"
DEMO_SOURCE: Final = "demo"
KEEP_VERSIONS: Final = 5  # imported datasets kept (the active one included), to reactivate one
_KEEP_PREVIOUS: Final = KEEP_VERSIONS - 1
_TABLE_FILES: Final[tuple[str, ...]] = tuple(f"{t}.parquet" for t in TABLES)
_STAGING_PREFIX: Final = ".staging-"
_TRASH_PREFIX: Final = ".trash-"
IMPORT_LOCK_FILE: Final = ".import.lock"
# How long an import waits for another one to finish, by default: an import takes seconds
# (a minute for the largest datasets the benchmarks use).
DEFAULT_IMPORT_WAIT_SECONDS: Final = 600.0
_LOCK_POLL_SECONDS: Final = 0.1
PAUSE_AT_ENV: Final = "DASHBOARD_TEST_PAUSE_AT"
PAUSE_DIR_ENV: Final = "DASHBOARD_TEST_PAUSE_DIR"
_PAUSE_LIMIT_SECONDS: Final = 600.0
# The stages of an import, in order: the lock is held from "locked" on; ACTIVE names the new
# dataset from "activated" on.
STAGES: Final[tuple[str, ...]] = (
    "locked",  # the import lock is held, nothing read yet
    "validated",  # the file is read and valid, nothing written
    "staging-created",  # an empty hidden staging folder exists
    "structures-written",  # one table of two written in it
    "tables-written",  # the dataset is complete in the staging folder
    "renamed",  # the dataset's folder is in place, ACTIVE not changed
    "pointer-written",  # the new ACTIVE is written beside the old one
    "activated",  # ACTIVE names the new dataset; older ones not yet pruned
)
# A hidden leftover older than this belongs to a dead process (an import takes seconds), so
# sweeping it cannot disturb an import still running in another process.
_STALE_AFTER_SECONDS: Final = 3600.0


class ImportBusy(RuntimeError):
    """Another import held the store's lock for longer than this one would wait."""

    def __init__(self, waited: float) -> None:
        self.waited = waited
        super().__init__(f"another import is still in progress after {waited:.0f} s")


def stage(name: str) -> None:
    """Mark that an import reached stage `name` (see STAGES). Does nothing unless a test asked
    to pause there (module docstring): then signal it and wait for its go-ahead."""
    if os.environ.get(PAUSE_AT_ENV) != name or not os.environ.get(PAUSE_DIR_ENV):
        return
    folder = Path(os.environ[PAUSE_DIR_ENV])
    (folder / f"{name}.reached").write_text(str(os.getpid()), "utf-8")
    release = folder / f"{name}.release"
    deadline = time.monotonic() + _PAUSE_LIMIT_SECONDS
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def default_data_dir() -> Path:
    """`DASHBOARD_DATA_DIR`, else the Flask instance folder of the app (git-ignored)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "instance"


class UnknownVersion(KeyError):
    """No stored dataset has that version id."""


@dataclass(frozen=True)
class StoredVersion:
    """A dataset kept in the store (`versions()`): its version id, the file it came from,
    when and by whom it was imported, its counts, whether it is the active one."""

    version: str
    source: str
    imported_at: str | None
    imported_by: str | None
    structures: int | None
    tests: int | None
    active: bool


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
        if name == Table.STRUCTURES:
            stage("structures-written")
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    for child in folder.iterdir():
        with child.open("rb") as handle:
            os.fsync(handle.fileno())


def _try_lock(fd: int) -> bool:
    """Take the exclusive flock of `fd` if nobody holds it; whether it is now held."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


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


def atomic_write_text(path: Path, text: str) -> None:
    """Write `path` so that a reader sees the old content or the new one, never a part: a
    hidden file beside it, flushed to disk, renamed over it, the folder flushed."""
    pointer = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    try:
        with pointer.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(pointer, path)
    except BaseException:
        pointer.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


# For the other stores of the data directory (dashboard.intake.public_indicators): the same atomic
# steps and the same housekeeping of a killed process's leftovers.
fsync_dir = _fsync_dir
discard_folder = _discard
sweep_leftovers = _sweep_leftovers
STAGING_PREFIX: Final = _STAGING_PREFIX
TRASH_PREFIX: Final = _TRASH_PREFIX


def _read_tables(folder: Path) -> Dataset:
    meta = json.loads((folder / META_FILE).read_text("utf-8"))
    structures = pd.read_parquet(folder / f"{Table.STRUCTURES}.parquet")
    tests = pd.read_parquet(folder / f"{Table.TESTS}.parquet")
    s, t = conform(structures, tests)
    return Dataset(structures=s, tests=t, source=str(meta["source"]), version=str(meta["version"]))


def _demo_key() -> str:
    """Changes whenever the demo generator's code changes, so a stale cache is never used."""
    from dashboard.intake import demo

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
        from dashboard.intake.demo import demo_dataset

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
            stage("staging-created")
            _write_tables(dataset, staging, meta)
            stage("tables-written")
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

    @contextlib.contextmanager
    def import_lock(
        self,
        wait: float = DEFAULT_IMPORT_WAIT_SECONDS,
        on_wait: Callable[[], None] | None = None,
    ) -> Iterator[None]:
        """Hold the store's import lock: at once if free; otherwise call `on_wait()` once and
        wait up to `wait` seconds for it (`wait` <= 0: do not wait), then raise ImportBusy.

        The lock is an flock on `.import.lock`, held by an open file: released when the
        block ends, and by the kernel if the process dies. Not reentrant."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / IMPORT_LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if not _try_lock(fd):
                if wait <= 0:
                    raise ImportBusy(0.0)
                if on_wait is not None:
                    on_wait()
                deadline = time.monotonic() + wait
                while not _try_lock(fd):
                    if time.monotonic() >= deadline:
                        raise ImportBusy(wait)
                    time.sleep(_LOCK_POLL_SECONDS)
            stage("locked")
            yield
        finally:
            os.close(fd)

    def import_path(
        self,
        path: str | Path,
        progress: Callable[[str, float], None] | None = None,
        *,
        wait: float = DEFAULT_IMPORT_WAIT_SECONDS,
        on_wait: Callable[[], None] | None = None,
        actor: str | None = None,
    ) -> ValidationResult:
        """Validate `path` and, if it has no error, make it the active dataset (§4).

        Serialised with every other import of this store (`import_lock`: `wait`, `on_wait`;
        ImportBusy when it waited in vain, nothing changed). When it returns a dataset, that
        dataset was the active one when the lock was released."""
        with self.import_lock(wait, on_wait):
            result = validate_path(path, progress=progress)
            if result.dataset is None:
                return result
            stage("validated")
            self._activate(result.dataset, source_name=Path(path).name, actor=actor)
        return result

    def activate(
        self,
        dataset: Dataset,
        source_name: str | None = None,
        *,
        wait: float = DEFAULT_IMPORT_WAIT_SECONDS,
        actor: str | None = None,
    ) -> None:
        """Store `dataset` and switch ACTIVE to it atomically, holding the import lock;
        `actor` (who imported it) is kept in its meta.json."""
        with self.import_lock(wait):
            self._activate(dataset, source_name, actor=actor)

    def versions(self) -> list[StoredVersion]:
        """The stored datasets (at most KEEP_VERSIONS), the last activated first."""
        if not self.datasets_dir.is_dir():
            return []
        active = self.active_version()
        folders = [
            p
            for p in self.datasets_dir.iterdir()
            if p.is_dir() and not p.name.startswith(".") and _is_complete(p)
        ]
        folders.sort(key=_mtime, reverse=True)
        found = []
        for folder in folders:
            try:
                meta = json.loads((folder / META_FILE).read_text("utf-8"))
            except (OSError, ValueError):
                continue
            found.append(
                StoredVersion(
                    version=folder.name,
                    source=str(meta.get("source", "")),
                    imported_at=meta.get("imported_at"),
                    imported_by=meta.get("imported_by"),
                    structures=meta.get("structures"),
                    tests=meta.get("tests"),
                    active=folder.name == active,
                )
            )
        return found

    def activate_version(
        self, version: str, *, wait: float = DEFAULT_IMPORT_WAIT_SECONDS
    ) -> StoredVersion:
        """Make a stored dataset the active one again (atomic as an import, under the import
        lock); UnknownVersion if the store does not keep it."""
        if not version or "/" in version or version.startswith(".") or len(version) > 128:
            raise UnknownVersion(version)
        with self.import_lock(wait):
            folder = self.datasets_dir / version
            if not folder.is_dir() or not _is_complete(folder):
                raise UnknownVersion(version)
            os.utime(folder)
            self._point_to(version)
        return next(v for v in self.versions() if v.version == version)

    def _activate(
        self, dataset: Dataset, source_name: str | None = None, actor: str | None = None
    ) -> None:
        self.datasets_dir.mkdir(parents=True, exist_ok=True)
        meta: dict[str, object] = {
            "version": dataset.version,
            "source": source_name or dataset.source,
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "imported_by": actor,
            "structures": len(dataset.structures),
            "tests": len(dataset.tests),
        }
        target = self.datasets_dir / dataset.version
        self._publish(dataset, target, meta)
        # The modification time orders the stored datasets by last activation, for pruning.
        os.utime(target)
        stage("renamed")
        self._point_to(dataset.version)

    def _point_to(self, version: str) -> None:
        """Replace ACTIVE by a file naming `version` (written beside it, renamed over it),
        then prune the datasets beyond the last KEEP_VERSIONS."""
        pointer = self.root / f".{ACTIVE_FILE}.{uuid.uuid4().hex}"
        with pointer.open("w", encoding="utf-8") as handle:
            handle.write(version)
            handle.flush()
            os.fsync(handle.fileno())
        stage("pointer-written")
        os.replace(pointer, self.root / ACTIVE_FILE)
        _fsync_dir(self.root)
        stage("activated")
        # The import is done: housekeeping failing (another process pruning at the same
        # time, a folder it cannot remove) must not report it as failed.
        try:
            self._prune(keep={version})
        except OSError:
            logger.warning("pruning %s failed", self.datasets_dir, exc_info=True)

    def reset(self, *, wait: float = DEFAULT_IMPORT_WAIT_SECONDS) -> None:
        """Forget the imported dataset: the demo becomes active again (after any import
        running now)."""
        with self.import_lock(wait):
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
