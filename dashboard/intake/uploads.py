"""Uploads from the browser (issue 14, point 5): a file received by the app, validated in the
background, its report kept, then activated (all or nothing) or left.

Layout under the data directory (shared by every worker and machine, like the datasets):

    uploads/<id>/files/<name>...    what was received (one file, or a CSV pair)
    uploads/<id>/upload.json        kind, file names, who, when
    uploads/<id>/status.json        state, stage, fraction, counts (written atomically)
    uploads/<id>/problems.pickle    the validation's problems (the report, in any language)
    uploads/<id>/dataset/           the validated dataset (Parquet), for « Activer »

The validation runs in a child process started by the worker that received the file (stopped
past VALIDATION_SECONDS) and writes its progress to status.json, which any worker reads: the
page polls it, whichever worker answers. A
refused or failed upload, or one never activated, changes nothing in the store. Uploads older
than KEEP_SECONDS are removed when a new one arrives.
"""

from __future__ import annotations

import json
import logging
import math
import os
import pickle
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Final, Literal

import pandas as pd

from dashboard.intake.model import Dataset, conform
from dashboard.intake.schema import StructureCol
from dashboard.intake.store import DatasetStore, atomic_write_text
from dashboard.intake.validation import Problem

logger = logging.getLogger(__name__)

UPLOADS_DIR: Final = "uploads"
MAX_UPLOAD_BYTES: Final = 200 * 1024 * 1024
KEEP_SECONDS: Final = 24 * 3600
UPLOAD_ID: Final = re.compile(r"^[0-9a-f]{32}$")
ACCEPTED_SUFFIXES: Final = (".zip", ".xlsx", ".csv", ".txt", ".tsv")
MAX_FILES: Final = 2  # one file, or a CSV pair (structures.csv and tests.csv)
_CHUNK: Final = 1024 * 1024
_NAME: Final = re.compile(r"[^A-Za-z0-9._ -]+")

# The longest a validation may take before it is stopped, by default (the app's setting
# DASHBOARD_UPLOAD_CHECK_SECONDS, dashboard.settings): the largest file accepted
# (MAX_UPLOAD_BYTES) takes about a minute on the reference machine.
VALIDATION_SECONDS: Final = 600.0
PACKAGE_ROOT: Final = Path(__file__).resolve().parents[2]  # the app's folder
TIME_LIMIT_ENV: Final = "DASHBOARD_UPLOAD_CHILD_SECONDS"  # the watcher's limit, to the child

Kind = Literal["dataset", "indicators"]
State = Literal["validating", "valid", "invalid", "failed", "activated"]


class UploadRefused(ValueError):
    """An upload the app does not take: `code` is a catalog key's last part."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


@dataclass(frozen=True)
class UploadStatus:
    """Where an upload is: `state`, the validation's `stage` (a catalog key) and `fraction`
    done, its counts once validated, the version or table it became once activated."""

    upload_id: str
    kind: Kind
    names: tuple[str, ...]
    state: State
    stage: str = ""
    fraction: float = 0.0
    errors: int = 0
    warnings: int = 0
    structures: int = 0
    tests: int = 0
    activated: str = ""
    detail: str = ""


def safe_name(name: str) -> str:
    """A received file's name as stored: its last part, odd characters replaced, bounded."""
    base = Path(name.replace("\\", "/")).name
    cleaned = _NAME.sub("_", base).strip(" .")[:120]
    return cleaned or "fichier"


class Uploads:
    """The uploads of one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / UPLOADS_DIR

    def folder(self, upload_id: str) -> Path:
        if not UPLOAD_ID.fullmatch(upload_id or ""):
            raise KeyError(upload_id)
        return self.root / upload_id

    # Receiving -----------------------------------------------------------------------

    def receive(
        self,
        kind: str,
        files: Sequence[tuple[str, IO[bytes]]],
        actor: str,
        max_bytes: int = MAX_UPLOAD_BYTES,
    ) -> str:
        """Store the received `files` ((name, stream), copied in chunks to disk) under a new
        upload id; UploadRefused (nothing kept) if there is none, too many, of a type not
        read, or together over `max_bytes`."""
        if kind not in ("dataset", "indicators"):
            raise UploadRefused("bad_kind")
        files = [(name, stream) for name, stream in files if name]
        if not files:
            raise UploadRefused("no_file")
        if len(files) > (MAX_FILES if kind == "dataset" else 1):
            raise UploadRefused("too_many_files")
        names = [safe_name(name) for name, _ in files]
        if any(not n.lower().endswith(ACCEPTED_SUFFIXES) for n in names) or len(set(names)) < len(
            names
        ):
            raise UploadRefused("bad_type")
        if len(files) == 2 and sorted(n.lower() for n in names) != [
            "structures.csv",
            "tests.csv",
        ]:
            raise UploadRefused("bad_pair")
        self._sweep()
        upload_id = uuid.uuid4().hex
        folder = self.root / upload_id
        (folder / "files").mkdir(parents=True)
        total = 0
        try:
            for name, (_, stream) in zip(names, files, strict=True):
                with (folder / "files" / name).open("wb") as out:
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > max_bytes:
                            raise UploadRefused("too_large", megabytes=max_bytes // 2**20)
                        out.write(chunk)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        meta = {
            "kind": kind,
            "names": names,
            "actor": actor,
            "received_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "bytes": total,
        }
        atomic_write_text(folder / "upload.json", json.dumps(meta, ensure_ascii=False))
        self._write_status(
            UploadStatus(
                upload_id,
                "dataset" if kind == "dataset" else "indicators",
                tuple(names),
                "validating",
                "validation.stage.read",
                0.0,
            )
        )
        return upload_id

    def _sweep(self) -> None:
        if not self.root.is_dir():
            return
        now = time.time()
        for entry in self.root.iterdir():
            try:
                if entry.is_dir() and now - entry.stat().st_mtime > KEEP_SECONDS:
                    shutil.rmtree(entry, ignore_errors=True)
            except OSError:
                continue

    # Validating ----------------------------------------------------------------------

    def meta(self, upload_id: str) -> dict[str, Any]:
        return dict(json.loads((self.folder(upload_id) / "upload.json").read_text("utf-8")))

    def source_path(self, upload_id: str) -> Path:
        """What to validate: the one file, or the folder of a CSV pair."""
        files = self.folder(upload_id) / "files"
        names = self.meta(upload_id)["names"]
        return files / names[0] if len(names) == 1 else files

    def _write_status(self, status: UploadStatus) -> None:
        atomic_write_text(self.folder(status.upload_id) / "status.json", json.dumps(asdict(status)))

    def status(self, upload_id: str) -> UploadStatus | None:
        """The upload's status, None for an id the store does not have."""
        try:
            raw = json.loads((self.folder(upload_id) / "status.json").read_text("utf-8"))
        except (KeyError, OSError, ValueError):
            return None
        raw["names"] = tuple(raw.get("names", ()))
        return UploadStatus(**raw)

    def problems(self, upload_id: str) -> list[Problem]:
        """The validation's problems (its report), [] before it ends."""
        try:
            with (self.folder(upload_id) / "problems.pickle").open("rb") as handle:
                return list(pickle.load(handle))  # our own file, written by validate()
        except (KeyError, OSError):
            return []

    def structure_ids(self, upload_id: str) -> frozenset[str]:
        """The structure ids of a valid dataset upload (empty for any other upload)."""
        path = self.folder(upload_id) / "dataset" / "structures.parquet"
        if not path.exists():
            return frozenset()
        column = pd.read_parquet(path, columns=[StructureCol.STRUCTURE_ID])
        return frozenset(column[StructureCol.STRUCTURE_ID].astype(str))

    def validate(self, upload_id: str) -> UploadStatus:
        """Validate the upload now, writing its progress (`validation.stage.*` keys and the
        fraction done) to status.json, then its problems and, if valid, the dataset."""
        from dashboard.intake.public_indicators import validate_indicator_file
        from dashboard.intake.validation import validate_path

        meta = self.meta(upload_id)
        kind: Kind = meta["kind"]
        names = tuple(meta["names"])
        base = UploadStatus(upload_id, kind, names, "validating")
        last = [0.0]

        def progress(stage: str, fraction: float) -> None:
            now = time.monotonic()
            if now - last[0] < 0.2 and fraction < 1:
                return  # a few writes a second are enough for a progress bar
            last[0] = now
            self._write_status(
                UploadStatus(upload_id, kind, names, "validating", stage, min(fraction, 0.99))
            )

        folder = self.folder(upload_id)
        shown = names[0] if len(names) == 1 else "structures.csv, tests.csv"
        try:
            if kind == "dataset":
                result = validate_path(
                    self.source_path(upload_id), progress=progress, display_name=shown
                )
                problems = list(result.problems)
                dataset = result.dataset
                counts = (
                    (len(dataset.structures), len(dataset.tests)) if dataset is not None else (0, 0)
                )
                if dataset is not None and not result.errors:
                    (folder / "dataset").mkdir(exist_ok=True)
                    dataset.structures.to_parquet(folder / "dataset" / "structures.parquet")
                    dataset.tests.to_parquet(folder / "dataset" / "tests.parquet")
                ok = dataset is not None and not result.errors
            else:
                progress("validation.stage.read", 0.1)
                checked = validate_indicator_file(self.source_path(upload_id), display_name=shown)
                problems = list(checked.problems)
                ok = checked.table is not None and not checked.errors
                table = checked.table
                counts = (table.n_entities, len(table.rows)) if ok and table else (0, 0)
            with (folder / "problems.pickle").open("wb") as handle:
                pickle.dump(problems, handle)
            errors = sum(1 for p in problems if p.severity == "error")
            status = UploadStatus(
                upload_id,
                kind,
                names,
                "valid" if ok else "invalid",
                "validation.stage.done",
                1.0,
                errors,
                len(problems) - errors,
                counts[0],
                counts[1],
            )
        except Exception as exc:  # a bug, a full disk: the upload failed, nothing changed
            logger.exception("validation of upload %s failed", upload_id)
            status = UploadStatus(upload_id, kind, names, "failed", detail=type(exc).__name__)
        self._write_status(status)
        return status or base

    def validate_in_background(
        self,
        upload_id: str,
        done: Callable[[UploadStatus], None] | None = None,
        time_limit: float = VALIDATION_SECONDS,
    ) -> threading.Thread:
        """validate() in a child process (`python -m dashboard.intake.uploads DATA_DIR ID`:
        a large file's parse never weighs on the web worker), watched by a daemon thread of
        this one: past `time_limit` seconds the child is stopped and the upload is "failed"
        with detail "timeout" (nothing changed). `done(status)` after it, either way."""

        def run() -> None:
            command = [sys.executable, "-m", "dashboard.intake.uploads", str(self.data_dir)]
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE_ROOT), *sys.path])}
            env[TIME_LIMIT_ENV] = str(time_limit)
            try:
                child = subprocess.Popen([*command, upload_id], env=env, cwd=PACKAGE_ROOT)
            except OSError as exc:  # no process could start (limits, memory): failed
                logger.exception("validation of upload %s could not start", upload_id)
                status = self._fail(upload_id, type(exc).__name__)
            else:
                try:
                    child.wait(timeout=time_limit)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
                    logger.warning(
                        "validation of upload %s stopped after %s s", upload_id, time_limit
                    )
                    self._fail(upload_id, "timeout")
                found = self.status(upload_id)
                # The child died mid-way (killed, out of memory): failed, not « validating ».
                status = (
                    found
                    if found and found.state != "validating"
                    else self._fail(upload_id, f"exit {child.returncode}")
                )
            if done is not None:
                done(status)

        thread = threading.Thread(target=run, name=f"upload-{upload_id[:8]}", daemon=True)
        thread.start()
        return thread

    def _fail(self, upload_id: str, detail: str) -> UploadStatus:
        meta = self.meta(upload_id)
        status = UploadStatus(
            upload_id, meta["kind"], tuple(meta["names"]), "failed", detail=detail
        )
        self._write_status(status)
        return status

    # Activating ----------------------------------------------------------------------

    def activate(self, upload_id: str, actor: str, wait: float = 60.0) -> UploadStatus:
        """Make a valid upload active, all or nothing (the store's import lock, its atomic
        ACTIVE, or the indicator store's INDEX); its status names what it became. Raises
        UploadRefused("not_valid") for an upload that is not (or no longer) valid, and the
        store's ImportBusy when another import holds the lock longer than `wait`."""
        status = self.status(upload_id)
        if status is None or status.state != "valid":
            raise UploadRefused("not_valid")
        meta = self.meta(upload_id)
        shown = meta["names"][0] if len(meta["names"]) == 1 else "structures.csv, tests.csv"
        if status.kind == "dataset":
            folder = self.folder(upload_id) / "dataset"
            structures, tests = conform(
                pd.read_parquet(folder / "structures.parquet"),
                pd.read_parquet(folder / "tests.parquet"),
            )
            dataset = Dataset.build(structures, tests, shown)
            DatasetStore(self.data_dir).activate(dataset, shown, wait=wait, actor=actor)
            became = dataset.version
        else:
            from dashboard.intake.indicator_store import IndicatorStore

            outcome = IndicatorStore(self.data_dir).import_path(
                self.source_path(upload_id), display_name=shown, wait=wait
            )
            if not outcome.ok:
                raise UploadRefused("not_valid")
            became = outcome.table_id
        done = UploadStatus(**{**asdict(status), "state": "activated", "activated": became})
        self._write_status(done)
        return done


def report_csv(problems: Sequence[Problem], lang: str) -> bytes:
    """The validation report as `validate --report` writes it (the same lines, headers in
    `lang`, `;` and a BOM for French Excel, `,` otherwise), text cells a spreadsheet would
    run as formulas escaped (dashboard.intake.csv_escape)."""
    from dashboard.intake.csv_escape import escape_series
    from dashboard.intake.validation import problems_frame

    frame = problems_frame(problems, lang)
    for column in frame.columns:
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column]):
            frame[column] = escape_series(frame[column].astype("string").fillna(""))
    sep = ";" if lang == "fr" else ","
    return frame.to_csv(sep=sep, index=False).encode("utf-8-sig")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m dashboard.intake.uploads DATA_DIR UPLOAD_ID`: validate one upload (the
    child process of Uploads.validate_in_background); 0 once its status is written."""
    data_dir, upload_id = (argv if argv is not None else sys.argv[1:])[:2]
    if not UPLOAD_ID.fullmatch(upload_id):
        return 2
    # Its own limit too, should the worker that watches it be gone: the processor time the
    # worker allows, a little more (the kernel stops the process past it).
    limit = float(os.environ.get(TIME_LIMIT_ENV, VALIDATION_SECONDS))
    seconds = math.ceil(limit) + 30
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    Uploads(Path(data_dir)).validate(upload_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
