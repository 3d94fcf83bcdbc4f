"""An upload's validation in its own process (dashboard.intake.uploads), watched by a thread
of the web worker: the status it writes, and a check stopped at its time limit that changes
nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from callbacks.uploads import _stage_text
from dashboard.intake.store import DatasetStore
from dashboard.intake.uploads import Uploads, UploadStatus, main
from dashboard.settings import Settings
from tests.unit.intake.test_uploads import _pair


def _in_background(uploads: Uploads, upload_id: str, time_limit: float) -> UploadStatus:
    finished: list[UploadStatus] = []
    thread = uploads.validate_in_background(upload_id, finished.append, time_limit=time_limit)
    thread.join(timeout=120)
    assert not thread.is_alive() and len(finished) == 1
    return finished[0]


def test_a_child_process_validates_and_the_page_reads_its_status(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("dataset", _pair(tmp_path / "in"), "ada")
    status = _in_background(uploads, upload_id, time_limit=120)
    assert (status.state, status.structures, status.tests) == ("valid", 3, 8)
    assert uploads.status(upload_id) == status
    assert len(uploads.structure_ids(upload_id)) == 3


def test_a_check_past_its_time_limit_is_stopped_and_changes_nothing(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("dataset", _pair(tmp_path / "in"), "ada")
    status = _in_background(uploads, upload_id, time_limit=0.01)  # less than Python's start
    assert (status.state, status.detail) == ("failed", "timeout")
    assert uploads.status(upload_id) == status
    assert DatasetStore(tmp_path / "data").active_version() is None
    said = _stage_text(status, "fr", 600.0)
    assert "plus de 10\u00a0min" in said or "plus de 10 min" in said
    assert "python -m dashboard import" in _stage_text(status, "en", 600.0)


def test_the_limit_is_the_app_s_setting() -> None:
    assert Settings.from_env({}).upload_check_seconds == 600.0
    custom = Settings.from_env({"DASHBOARD_UPLOAD_CHECK_SECONDS": "90"})
    assert custom.upload_check_seconds == 90.0


def test_the_child_s_entry_refuses_an_id_that_is_not_one(tmp_path: Path) -> None:
    assert main([str(tmp_path), "../../etc"]) == 2


def test_a_check_that_cannot_start_is_failed_not_left_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_process(*args: object, **kwargs: object) -> None:
        raise OSError("Resource temporarily unavailable")

    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("dataset", _pair(tmp_path / "in"), "ada")
    monkeypatch.setattr(subprocess, "Popen", no_process)
    status = _in_background(uploads, upload_id, time_limit=120)
    assert (status.state, status.detail) == ("failed", "OSError")
    assert uploads.status(upload_id) == status


def test_the_child_limits_its_own_processor_time(tmp_path: Path) -> None:
    # Should the watching worker be gone, the kernel stops the check past the limit: the
    # child sets RLIMIT_CPU from the limit it was given (here 1 s: 31 s of processor time).
    script = (
        "import os, resource, sys; from dashboard.intake import uploads; "
        "uploads.Uploads.validate = lambda self, upload_id: None; "
        "uploads.main([sys.argv[1], '0' * 32]); "
        "print(resource.getrlimit(resource.RLIMIT_CPU)[0])"
    )
    env = {**os.environ, "DASHBOARD_UPLOAD_CHILD_SECONDS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    assert out.stdout.strip() == "31"
