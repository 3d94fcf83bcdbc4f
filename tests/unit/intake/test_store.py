"""The dataset store (issue 2): demo while empty, atomic imports that survive restarts and
kills, imports seen by other processes, content version ids, reset and pruning.

A "restart" or "another process" is a second DatasetStore on the same folder: it shares
nothing with the first but the files. Tests with real processes (an import killed at each
stage, two imports at once) are in tests/integration/test_import_processes.py.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.intake.demo import demo_dataset
from dashboard.intake.model import Dataset, content_version
from dashboard.intake.schema import TestCol
from dashboard.intake.store import (
    ACTIVE_FILE,
    KEEP_VERSIONS,
    META_FILE,
    STAGES,
    DatasetStore,
    ImportBusy,
    UnknownVersion,
    default_data_dir,
    stage,
)
from dashboard.intake.validation import validate_path
from tests.unit.conftest import Tables

ROOT = Path(__file__).resolve().parents[3]


def _small(folder: Path, score: str = "86.5") -> Path:
    """The small valid dataset as a CSV folder, its first test scored `score`."""
    tables = Tables()
    tables.tests[0][TestCol.SCORE] = score
    return tables.write_csv(folder)


def _frames_equal(a: Dataset, b: Dataset) -> None:
    pd.testing.assert_frame_equal(a.structures, b.structures, check_exact=True)
    pd.testing.assert_frame_equal(a.tests, b.tests, check_exact=True)


def _read_back(folder: Path) -> Dataset:
    """A stored dataset folder read as the store reads it."""
    meta = json.loads((folder / META_FILE).read_text("utf-8"))
    tests = pd.read_parquet(folder / "tests.parquet")
    structures = pd.read_parquet(folder / "structures.parquet")
    return Dataset.build(structures, tests, str(meta["source"]))


def _stored(store: DatasetStore) -> list[str]:
    """The visible (non-hidden) dataset folders of the store."""
    if not store.datasets_dir.exists():
        return []
    return sorted(p.name for p in store.datasets_dir.iterdir() if not p.name.startswith("."))


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return demo_dataset()


def test_empty_store_serves_the_demo(tmp_path: Path, demo: Dataset) -> None:
    store = DatasetStore(tmp_path / "data")
    assert store.active_version() is None
    active = store.active()
    assert active.version == demo.version
    info = store.info()
    assert info.is_demo
    assert info.source == "demo"
    assert info.version == demo.version
    assert info.imported_at is None
    # The demo is cached on disk: a new instance (a restart) reads it back, same version.
    again = DatasetStore(tmp_path / "data")
    assert again.active().version == demo.version
    assert again.info().version == info.version
    _frames_equal(again.active(), demo)
    assert store.active() is store.active()  # in memory until the version changes


def test_read_only_data_dir_still_serves_the_demo(
    tmp_path: Path, demo: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(DatasetStore, "_publish", read_only)
    store = DatasetStore(tmp_path / "data")
    assert store.active().version == demo.version
    assert store.info().is_demo


def test_data_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"
    assert DatasetStore().root == tmp_path / "elsewhere"
    monkeypatch.delenv("DASHBOARD_DATA_DIR")
    assert default_data_dir() == ROOT / "instance"  # the Flask instance folder, git-ignored


def test_valid_import_becomes_active_and_survives_a_restart(tmp_path: Path) -> None:
    store = DatasetStore(tmp_path / "data")
    source = _small(tmp_path / "mine")
    result = store.import_path(source)
    assert result.ok and result.dataset is not None
    version = result.dataset.version
    assert store.active_version() == version
    assert store.active().version == version
    info = store.info()
    assert not info.is_demo
    assert info.source == "mine"
    assert info.imported_at

    restarted = DatasetStore(tmp_path / "data")
    assert restarted.active_version() == version
    _frames_equal(restarted.active(), result.dataset)
    assert restarted.info() == info
    # What is stored is what was validated: its content hash is the version id.
    active = restarted.active()
    assert content_version(active.structures, active.tests) == version


def test_refused_import_leaves_the_previous_dataset(tmp_path: Path) -> None:
    store = DatasetStore(tmp_path / "data")
    first = store.import_path(_small(tmp_path / "good"))
    assert first.dataset is not None
    before = sorted(p.name for p in (tmp_path / "data").rglob("*"))

    bad = Tables()
    bad.tests[1][TestCol.SCORE] = "180"
    refused = store.import_path(bad.write_csv(tmp_path / "bad"))
    assert refused.dataset is None and refused.errors
    missing = store.import_path(tmp_path / "nowhere.zip")
    assert missing.dataset is None

    assert sorted(p.name for p in (tmp_path / "data").rglob("*")) == before
    for current in (store, DatasetStore(tmp_path / "data")):
        assert current.active_version() == first.dataset.version
        assert current.active().version == first.dataset.version


def test_failed_write_leaves_the_previous_dataset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = DatasetStore(tmp_path / "data")
    first = store.import_path(_small(tmp_path / "good"))
    assert first.dataset is not None

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.import_path(_small(tmp_path / "other", score="12"))
    monkeypatch.undo()
    assert _stored(store) == [first.dataset.version]
    assert not list(store.datasets_dir.glob(".staging-*"))  # cleaned up on failure
    assert DatasetStore(tmp_path / "data").active().version == first.dataset.version


def test_other_process_sees_an_import_on_its_next_access(tmp_path: Path) -> None:
    app_worker = DatasetStore(tmp_path / "data")
    cli = DatasetStore(tmp_path / "data")
    demo_version = app_worker.active().version
    first = cli.import_path(_small(tmp_path / "a"))
    assert first.dataset is not None
    assert app_worker.active().version == first.dataset.version != demo_version
    second = cli.import_path(_small(tmp_path / "b", score="40"))
    assert second.dataset is not None
    assert app_worker.active().version == second.dataset.version
    assert app_worker.info().version == second.dataset.version
    cli.reset()
    assert app_worker.active().version == demo_version


def test_version_is_a_content_hash(tmp_path: Path) -> None:
    store = DatasetStore(tmp_path / "data")
    a = validate_path(_small(tmp_path / "a")).dataset
    same = validate_path(_small(tmp_path / "same")).dataset
    changed = validate_path(_small(tmp_path / "changed", score="86.25")).dataset
    assert a is not None and same is not None and changed is not None
    assert a.version == same.version  # same content, other file name
    assert changed.version != a.version  # one score differs
    # Same content through another container: same version.
    xlsx = validate_path(Tables().write_xlsx(tmp_path / "a.xlsx")).dataset
    assert xlsx is not None and xlsx.version == a.version

    # Re-importing the same content keeps one stored copy, with this import's source.
    store.import_path(_small(tmp_path / "a"))
    store.import_path(_small(tmp_path / "same"))
    assert _stored(store) == [a.version]
    assert store.info().source == "same"
    meta = json.loads((store.datasets_dir / a.version / META_FILE).read_text("utf-8"))
    assert meta["version"] == a.version


def test_reset_returns_to_the_demo(tmp_path: Path, demo: Dataset) -> None:
    store = DatasetStore(tmp_path / "data")
    store.import_path(_small(tmp_path / "a"))
    assert not store.info().is_demo
    store.reset()
    assert store.active_version() is None
    assert store.active().version == demo.version
    assert store.info().is_demo
    assert DatasetStore(tmp_path / "data").info().is_demo
    store.reset()  # idempotent


def test_pruning_keeps_the_last_five_activated_and_versions_lists_them(tmp_path: Path) -> None:
    store = DatasetStore(tmp_path / "data")
    versions = {}
    # Activation times an hour ago, a second apart (a coarse clock could give the imports one
    # same modification time); each import then stamps its own folder "now".
    past = time.time() - 3600
    names = ("a", "b", "c", "d", "e", "f", "g")
    for i, name in enumerate(names):
        result = store.import_path(_small(tmp_path / name, score=str(10 + i)), actor=f"u{i}")
        assert result.dataset is not None
        versions[name] = result.dataset.version
        os.utime(store.datasets_dir / result.dataset.version, (past + i, past + i))
    assert KEEP_VERSIONS == 5
    kept = [versions[n] for n in names[-5:]]
    assert _stored(store) == sorted(kept)
    listed = store.versions()
    assert [v.version for v in listed] == kept[::-1]  # the last activated first
    assert [v.active for v in listed] == [True, False, False, False, False]
    assert listed[0].imported_by == "u6" and listed[0].source == "g"
    assert listed[0].structures == 3 and listed[0].tests and listed[0].imported_at

    # Reactivating c: it is active and comes first; nothing is pruned.
    again = store.activate_version(versions["c"])
    assert again.active and store.active_version() == versions["c"]
    assert DatasetStore(tmp_path / "data").active().version == versions["c"]
    assert store.versions()[0].version == versions["c"]
    assert _stored(store) == sorted(kept)
    # The next import prunes the least recently activated (d), not c.
    result = store.import_path(_small(tmp_path / "h", score="99"))
    assert result.dataset is not None
    assert versions["d"] not in _stored(store) and versions["c"] in _stored(store)
    assert len(_stored(store)) == 5


@pytest.mark.parametrize("version", ["nope", "../data", ".staging-x", "", "a/b"])
def test_activating_a_version_not_kept_changes_nothing(tmp_path: Path, version: str) -> None:
    store = DatasetStore(tmp_path / "data")
    result = store.import_path(_small(tmp_path / "a"))
    assert result.dataset is not None
    with pytest.raises(UnknownVersion):
        store.activate_version(version)
    assert store.active_version() == result.dataset.version


def test_stale_leftovers_are_swept_by_the_next_import(tmp_path: Path) -> None:
    store = DatasetStore(tmp_path / "data")
    store.import_path(_small(tmp_path / "a"))
    old = time.time() - 2 * 3600
    staging = store.datasets_dir / ".staging-deadbeef"
    staging.mkdir()
    (staging / "tests.parquet").write_bytes(b"half")
    pointer = store.root / f".{ACTIVE_FILE}.deadbeef"
    pointer.write_text("0123")
    fresh = store.datasets_dir / ".staging-inprogress"  # another import, running now
    fresh.mkdir()
    for path in (staging / "tests.parquet", staging, pointer):
        os.utime(path, (old, old))
    store.import_path(_small(tmp_path / "b", score="1"))
    assert not staging.exists()
    assert not pointer.exists()
    assert fresh.exists()


def test_dataset_folders_follow_the_umask(tmp_path: Path) -> None:
    """An app running as another user must be able to read what the CLI imported."""
    store = DatasetStore(tmp_path / "data")
    result = store.import_path(_small(tmp_path / "a"))
    assert result.dataset is not None
    folder = store.datasets_dir / result.dataset.version
    umask = os.umask(0)
    os.umask(umask)
    assert folder.stat().st_mode & 0o777 == 0o777 & ~umask


def test_a_second_import_is_refused_while_one_holds_the_lock(tmp_path: Path) -> None:
    """Two stores on one folder stand for two processes (flock locks are per open file)."""
    first, second = DatasetStore(tmp_path / "data"), DatasetStore(tmp_path / "data")
    previous = first.import_path(_small(tmp_path / "a"))
    assert previous.dataset is not None
    told: list[str] = []
    with first.import_lock():
        with pytest.raises(ImportBusy):
            second.import_path(_small(tmp_path / "b", score="1"), wait=0, on_wait=told.append)
        with pytest.raises(ImportBusy) as waited:
            second.import_path(_small(tmp_path / "c", score="2"), wait=0.2,
                               on_wait=lambda: told.append("waiting"))  # fmt: skip
        assert waited.value.waited == 0.2
    assert told == ["waiting"]  # told once, and only when it waits
    assert DatasetStore(tmp_path / "data").active_version() == previous.dataset.version
    # Released: the next import goes through at once.
    after = second.import_path(_small(tmp_path / "d", score="3"), wait=0)
    assert after.dataset is not None
    assert first.active_version() == after.dataset.version


def test_stages_are_silent_without_the_test_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASHBOARD_TEST_PAUSE_AT", raising=False)
    for name in STAGES:
        stage(name)  # returns at once
