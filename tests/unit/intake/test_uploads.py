"""Uploads from the browser (dashboard/intake/uploads.py, issue 14 point 5): received in
chunks under a size limit, validated with their progress written where any worker reads it,
their report kept, activated all or nothing; refused ones keep nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from dashboard.intake.indicator_store import IndicatorStore
from dashboard.intake.store import DatasetStore
from dashboard.intake.uploads import UploadRefused, Uploads, report_csv, safe_name
from tests.unit.conftest import Tables
from tests.unit.intake.test_public_indicators import VALID_ROWS, long_row, write_csv


def _pair(folder: Path, score: str = "86.5") -> list[tuple[str, io.BytesIO]]:
    tables = Tables()
    tables.tests[0]["score"] = score
    written = tables.write_csv(folder)
    return [
        (name, io.BytesIO((written / name).read_bytes()))
        for name in ("structures.csv", "tests.csv")
    ]


def test_a_valid_pair_is_validated_then_activated(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("dataset", _pair(tmp_path / "in"), "ada")
    assert uploads.status(upload_id).state == "validating"  # type: ignore[union-attr]
    status = uploads.validate(upload_id)
    assert status.state == "valid" and status.errors == 0 and status.fraction == 1.0
    assert status.structures == 3 and status.tests == 8
    assert len(uploads.structure_ids(upload_id)) == 3  # what « Activer » would bring
    store = DatasetStore(tmp_path / "data")
    assert store.active_version() is None  # nothing changes before « Activer »
    done = uploads.activate(upload_id, "ada")
    assert done.state == "activated" and store.active_version() == done.activated
    assert store.versions()[0].imported_by == "ada"
    assert store.versions()[0].source == "structures.csv, tests.csv"
    assert uploads.status(upload_id).state == "activated"  # type: ignore[union-attr]
    with pytest.raises(UploadRefused):
        uploads.activate(upload_id, "ada")  # once


def test_an_invalid_file_keeps_its_report_and_cannot_be_activated(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("dataset", _pair(tmp_path / "in", score="=HYPERLINK(1)"), "ada")
    status = uploads.validate(upload_id)
    assert status.state == "invalid" and status.errors >= 1
    problems = uploads.problems(upload_id)
    assert any(p.severity == "error" for p in problems)
    csv = report_csv(problems, "fr").decode("utf-8-sig")
    assert ";" in csv.splitlines()[0]
    assert "'=HYPERLINK(1)" in csv and ";=HYPERLINK" not in csv  # a formula stays text
    with pytest.raises(UploadRefused):
        uploads.activate(upload_id, "ada")
    assert DatasetStore(tmp_path / "data").active_version() is None
    assert uploads.structure_ids(upload_id) == frozenset()


def test_one_table_alone_is_refused_naming_what_was_sent(tmp_path: Path) -> None:
    """tests.csv sent without structures.csv: the message names the file the user sent and
    the one missing, never the folder the upload was saved in."""
    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("dataset", _pair(tmp_path / "in")[1:], "ada")
    assert uploads.validate(upload_id).state == "invalid"
    (problem,) = uploads.problems(upload_id)
    said = problem.message("fr")
    assert "«\u00a0tests.csv\u00a0»" in said and "structures.csv" in said and "files" not in said


def test_an_indicator_table_is_validated_then_imported(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "Transparence 2022.csv", VALID_ROWS)
    uploads = Uploads(tmp_path / "data")
    upload_id = uploads.receive("indicators", [(path.name, io.BytesIO(path.read_bytes()))], "ada")
    assert uploads.validate(upload_id).state == "valid"
    done = uploads.activate(upload_id, "ada")
    assert [t.table_id for t in IndicatorStore(tmp_path / "data").listing()] == [done.activated]
    bad = write_csv(tmp_path / "faux.csv", [long_row("1", "Ain", "2022", "x")])
    bad_id = uploads.receive("indicators", [(bad.name, io.BytesIO(bad.read_bytes()))], "ada")
    assert uploads.validate(bad_id).state == "invalid"


@pytest.mark.parametrize(
    ("kind", "files", "code"),
    [
        ("dataset", [], "no_file"),
        ("dataset", [("virus.exe", b"MZ")], "bad_type"),
        ("dataset", [("a.csv", b"x"), ("b.csv", b"y")], "bad_pair"),
        ("dataset", [("a.csv", b"x"), ("b.csv", b"y"), ("c.csv", b"z")], "too_many_files"),
        ("indicators", [("a.csv", b"x"), ("b.csv", b"y")], "too_many_files"),
        ("other", [("a.csv", b"x")], "bad_kind"),
        ("dataset", [("big.csv", b"x" * 5000)], "too_large"),
    ],
)
def test_refused_uploads_keep_nothing(
    tmp_path: Path, kind: str, files: list[tuple[str, bytes]], code: str
) -> None:
    uploads = Uploads(tmp_path / "data")
    with pytest.raises(UploadRefused) as caught:
        uploads.receive(kind, [(n, io.BytesIO(b)) for n, b in files], "ada", max_bytes=4096)
    assert caught.value.code == code
    assert not uploads.root.exists() or not any(uploads.root.iterdir())


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("C:\\\\x\\\\r.zip", "r.zip"),
        ("<b>é</b>.xlsx", "b_.xlsx"),
        ("...", "fichier"),
    ],
)
def test_file_names_are_stored_safely(name: str, stored: str) -> None:
    assert safe_name(name) == stored


def test_unknown_ids_are_no_upload(tmp_path: Path) -> None:
    uploads = Uploads(tmp_path / "data")
    for forged in ("../x", "0" * 31, "Z" * 32, ""):
        assert uploads.status(forged) is None
        assert uploads.problems(forged) == []
