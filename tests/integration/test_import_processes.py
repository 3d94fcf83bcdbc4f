"""Imports as real processes (the CLI), stopped at exact points through the store's test hook
(dashboard.intake.store.stage: DASHBOARD_TEST_PAUSE_AT names a stage, the process signals it reached
it and waits for the test's go-ahead), so that nothing here depends on timing.

- killed at every stage of an import, the store keeps a whole dataset active: the previous
  one before ACTIVE is replaced, the new one after (issue 10, point 1);
- two imports at once: the second waits for the first and says so, or gives up with a clear
  message; each success message says which version is active (issue 11, fault 7).
"""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.i18n import translate
from dashboard.intake.model import Dataset
from dashboard.intake.schema import TestCol
from dashboard.intake.store import META_FILE, PAUSE_AT_ENV, PAUSE_DIR_ENV, STAGES, DatasetStore
from dashboard.intake.validation import validate_path
from tests.servers import app_env
from tests.unit.conftest import Tables

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# Generous bounds for a loaded 2-core machine: a test waits for a condition, polling, and
# these only stop it from hanging forever when something is broken.
REACH_TIMEOUT = 120.0
EXIT_TIMEOUT = 120.0


def small(folder: Path, score: str) -> Path:
    """The small valid dataset as a CSV folder, its first test scored `score`."""
    tables = Tables()
    tables.tests[0][TestCol.SCORE] = score
    return tables.write_csv(folder)


def start_import(
    data_dir: Path, source: Path, *, pause_at: str | None = None, hooks: Path | None = None,
    wait: float | None = None,
) -> subprocess.Popen[str]:  # fmt: skip
    """`python -m dashboard import SOURCE --lang en` as an operator runs it, paused at stage
    `pause_at` if given (its signals in the folder `hooks`)."""
    extra = {PAUSE_AT_ENV: pause_at, PAUSE_DIR_ENV: str(hooks)} if pause_at else {}
    command = [sys.executable, "-m", "dashboard", "import", str(source), "--lang", "en"]
    if wait is not None:
        command += ["--wait", str(wait)]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=app_env(data_dir, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_reached(proc: subprocess.Popen[str], hooks: Path, stage: str) -> None:
    """Until `proc` signals it reached `stage` (polling); fails if it exits first."""
    deadline = time.monotonic() + REACH_TIMEOUT
    while not (hooks / f"{stage}.reached").exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the import exited ({proc.returncode}) before {stage}:\n{out}{err}")
        assert time.monotonic() < deadline, f"the import never reached {stage}"
        time.sleep(0.01)  # polling interval


def release(hooks: Path, stage: str) -> None:
    (hooks / f"{stage}.release").touch()


def first_line(proc: subprocess.Popen[str]) -> str:
    """The first line `proc` prints, as soon as it prints it."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], REACH_TIMEOUT)
    assert ready, "the process printed nothing"
    return proc.stdout.readline().rstrip("\n")


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes a test starts: killed (by their id) if the test leaves any running."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def frames_equal(a: Dataset, b: Dataset) -> None:
    pd.testing.assert_frame_equal(a.structures, b.structures, check_exact=True)
    pd.testing.assert_frame_equal(a.tests, b.tests, check_exact=True)


def assert_visible_datasets_are_whole(store: DatasetStore) -> None:
    """Every dataset folder a reader can see is complete (a rename is all or nothing)."""
    for folder in store.datasets_dir.iterdir():
        if folder.name.startswith("."):
            continue
        assert {p.name for p in folder.iterdir()} >= {
            "structures.parquet",
            "tests.parquet",
            META_FILE,
        }
        meta = json.loads((folder / META_FILE).read_text("utf-8"))
        assert meta["version"] == folder.name


def store_with_a_previous_import(tmp_path: Path) -> tuple[Path, Path, DatasetStore, Dataset]:
    """A store in `tmp_path/data` whose active dataset is the small one imported in-process
    (first test scored 86.5), and an empty folder `tmp_path/hooks` for the pause signals:
    (data dir, hooks folder, the store, the previous dataset)."""
    data_dir, hooks = tmp_path / "data", tmp_path / "hooks"
    hooks.mkdir()
    store = DatasetStore(data_dir)
    previous = store.import_path(small(tmp_path / "previous", "86.5")).dataset
    assert previous is not None
    return data_dir, hooks, store, previous


def start_first_holding_the_lock(
    data_dir: Path, tmp_path: Path, hooks: Path, processes: list[subprocess.Popen[str]]
) -> subprocess.Popen[str]:
    """A first import (of the small dataset scored 11, from `tmp_path/one`) started and
    paused once it holds the store's lock; recorded in `processes`."""
    first = start_import(data_dir, small(tmp_path / "one", "11"), pause_at="locked", hooks=hooks)
    processes.append(first)
    wait_reached(first, hooks, "locked")  # the first holds the store's lock
    return first


@pytest.mark.parametrize("stage", STAGES)
def test_import_killed_at_any_stage_leaves_a_whole_dataset_active(
    tmp_path: Path, stage: str, processes: list[subprocess.Popen[str]]
) -> None:
    data_dir, hooks, store, previous = store_with_a_previous_import(tmp_path)
    source = small(tmp_path / "next", "12")

    proc = start_import(data_dir, source, pause_at=stage, hooks=hooks)
    processes.append(proc)
    wait_reached(proc, hooks, stage)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=EXIT_TIMEOUT) == -signal.SIGKILL

    reader = DatasetStore(data_dir)  # a fresh process's view
    switched = STAGES.index(stage) >= STAGES.index("activated")
    if switched:
        assert reader.active_version() != previous.version
        assert reader.info().source == "next"
        assert reader.active().tests[TestCol.SCORE][0] == 12.0
    else:
        assert reader.active_version() == previous.version
        frames_equal(reader.active(), previous)
        assert reader.info().source == "previous"
    assert_visible_datasets_are_whole(reader)
    # The kernel released the dead import's lock: the next import goes through at once.
    after = store.import_path(small(tmp_path / "after", "5"), wait=0)
    assert after.dataset is not None
    assert DatasetStore(data_dir).active_version() == after.dataset.version


def test_second_import_waits_for_the_first_and_each_says_which_version_is_active(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    data_dir, hooks, _, previous = store_with_a_previous_import(tmp_path)

    first = start_first_holding_the_lock(data_dir, tmp_path, hooks, processes)
    second = start_import(data_dir, small(tmp_path / "two", "22"))
    processes.append(second)
    assert first_line(second) == translate("cli.import_waiting", "en")
    assert second.poll() is None  # it waits, it has not failed
    assert DatasetStore(data_dir).active_version() == previous.version

    release(hooks, "locked")
    out_first, err_first = first.communicate(timeout=EXIT_TIMEOUT)
    out_second, err_second = second.communicate(timeout=EXIT_TIMEOUT)
    assert first.returncode == 0, out_first + err_first
    assert second.returncode == 0, out_second + err_second
    version_one = validate_path(tmp_path / "one").dataset
    version_two = validate_path(tmp_path / "two").dataset
    assert version_one is not None and version_two is not None
    assert f"The active version is now {version_one.version}." in out_first
    assert f"The active version is now {version_two.version}." in out_second
    # Serialised: the second ran after the first, and is the one active.
    assert DatasetStore(data_dir).active_version() == version_two.version


def test_second_import_gives_up_with_a_clear_message_and_changes_nothing(
    tmp_path: Path, processes: list[subprocess.Popen[str]]
) -> None:
    data_dir, hooks, _, previous = store_with_a_previous_import(tmp_path)

    first = start_first_holding_the_lock(data_dir, tmp_path, hooks, processes)
    second = start_import(data_dir, small(tmp_path / "two", "22"), wait=0)
    processes.append(second)
    out, err = second.communicate(timeout=EXIT_TIMEOUT)
    assert second.returncode == 1
    assert out.strip() == translate("cli.import_busy_now", "en")
    assert "Traceback" not in err
    assert DatasetStore(data_dir).active_version() == previous.version

    release(hooks, "locked")
    out_first, _ = first.communicate(timeout=EXIT_TIMEOUT)
    assert first.returncode == 0
    assert "The active version is now" in out_first
