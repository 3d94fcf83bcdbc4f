"""Reports for many structures into one zip (dashboard.render.batch): files named by
structure, progress, failures kept apart, cancellation."""

from __future__ import annotations

import io
import os
import threading
import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pypdf import PdfReader

from dashboard.render import batch
from dashboard.render.batch import (
    BatchProgress,
    ContentMaker,
    render_report,
    report_filename,
    write_reports_zip,
)
from dashboard.render.images import ImageRenderError
from dashboard.report_model import ReportContent
from tests.report_content import HOSTILE_NAME, build_content


def _maker(name: str, *, charts: bool = False, fail: bool = False) -> ContentMaker:
    sections = ("summary", "channels", "measures") if charts else ("summary", "measures")

    def make() -> ReportContent:
        if fail:
            raise RuntimeError(f"no data for {name}\nsecond line")
        return build_content("fr", name, sections=sections)

    return make


def _processes_with(marker: str) -> list[int]:
    """Processes whose environment holds `marker` (this test's workers and their browsers;
    multiprocessing's resource tracker aside, which lives as long as this process)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                tracker = b"resource_tracker" in (entry / "cmdline").read_bytes()
                if marker.encode() in (entry / "environ").read_bytes() and not tracker:
                    found.append(int(entry.name))
            except OSError:
                continue  # gone, or not ours to read
    return found


def test_reports_of_several_structures_in_one_zip_with_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = [
        ("VILLE-01053", _maker("Bourg-en-Bresse", charts=True)),
        ("VILLE-XX", _maker("Ville cassée", fail=True)),
        ("REG-84", _maker("Région Auvergne-Rhône-Alpes")),
    ]
    seen: list[BatchProgress] = []
    archive = tmp_path / "out" / "rapports.zip"
    # Worker processes (the default), each with its own Chromium: none is left behind.
    marker = f"batch-test-{uuid.uuid4()}"
    monkeypatch.setenv("DASHBOARD_TEST_BATCH", marker)
    browsers: list[int] = []

    def progress(state: BatchProgress) -> None:
        seen.append(state)
        if state.done:  # once a worker made a report, its browser carries the marker
            browsers.extend(
                pid
                for pid in _processes_with(marker)
                if b"chromium" in Path(f"/proc/{pid}/cmdline").read_bytes()
            )

    result = write_reports_zip(jobs, archive, ("pdf", "pptx"), progress=progress)
    assert result.archive == archive and result.total == 3 and not result.cancelled
    assert [failure.structure_id for failure in result.failures] == ["VILLE-XX"]
    assert result.failures[0].message == "RuntimeError: no data for Ville cassée second line"
    assert sorted(result.files) == [
        "bourg-en-bresse_ville-01053_2022.pdf",
        "bourg-en-bresse_ville-01053_2022.pptx",
        "region-auvergne-rhone-alpes_reg-84_2022.pdf",
        "region-auvergne-rhone-alpes_reg-84_2022.pptx",
    ]
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert sorted(names) == sorted(
            [*result.files, "rapports-qui-n-ont-pas-pu-etre-produits.txt"]
        )
        failures = bundle.read("rapports-qui-n-ont-pas-pu-etre-produits.txt").decode("utf-8")
        assert "VILLE-XX\u00a0: RuntimeError: no data for Ville cassée" in failures
        pdf = PdfReader(io.BytesIO(bundle.read("bourg-en-bresse_ville-01053_2022.pdf")))
        assert "Bourg-en-Bresse" in pdf.pages[0].extract_text()
        deck = Presentation(io.BytesIO(bundle.read("bourg-en-bresse_ville-01053_2022.pptx")))
        assert len(deck.slides) == 4
    # Progress: at the start, then after each structure, with the failures so far.
    assert [p.done for p in seen] == [0, 1, 2, 3]
    assert all(p.total == 3 for p in seen)
    assert seen[0].remaining is None and seen[-1].remaining == 0
    assert len(seen[-1].failures) == 1
    assert not list(archive.parent.glob("*.part"))
    deadline = time.monotonic() + 30
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert browsers and _processes_with(marker) == []


def test_a_generator_of_jobs_with_its_total(tmp_path: Path) -> None:
    def jobs() -> Iterator[tuple[str, ContentMaker]]:
        for number in range(5):
            yield f"S{number}", _maker(f"Ville {number}")

    seen: list[BatchProgress] = []
    result = write_reports_zip(
        jobs(),
        tmp_path / "r.zip",
        progress=seen.append,
        total=5,
        workers=1,
        processes=False,
    )
    assert len(result.files) == 5 and all(name.endswith(".pdf") for name in result.files)
    remaining = [p.remaining for p in seen[1:]]
    assert all(r is not None and r >= 0 for r in remaining)


def test_cancelling_stops_new_reports_and_keeps_those_made(tmp_path: Path) -> None:
    cancel = threading.Event()

    def progress(state: BatchProgress) -> None:
        if state.done == 1:
            cancel.set()

    jobs = [(f"S{n}", _maker(f"Ville {n}")) for n in range(40)]
    result = write_reports_zip(
        jobs,
        tmp_path / "r.zip",
        progress=progress,
        cancel=cancel,
        workers=2,
        processes=False,
    )
    assert result.cancelled and result.total == 40
    # The report that triggered it, and at most the ones already under way.
    assert 1 <= len(result.files) <= 1 + 2
    with zipfile.ZipFile(tmp_path / "r.zip") as bundle:
        assert sorted(bundle.namelist()) == sorted(result.files)
        assert bundle.testzip() is None


def test_a_report_whose_images_failed_is_made_once_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chromium not starting in time on a loaded machine: the report is made a second time;
    failing again, it is listed with the failures and the others are written."""
    calls: dict[str, int] = {}
    real = batch._render_files

    def flaky(structure_id: str, content: ReportContent, wanted: tuple[str, ...]) -> Any:
        calls[structure_id] = calls.get(structure_id, 0) + 1
        if structure_id == "S2" or (structure_id == "S1" and calls[structure_id] == 1):
            raise ImageRenderError("Chromium did not start for kaleido: TimeoutError()")
        return real(structure_id, content, wanted)

    monkeypatch.setattr(batch, "_render_files", flaky)
    jobs = [(f"S{n}", _maker(f"Ville {n}")) for n in range(3)]
    seen: list[BatchProgress] = []
    result = write_reports_zip(
        jobs, tmp_path / "r.zip", progress=seen.append, workers=2, processes=False
    )
    assert calls == {"S0": 1, "S1": 2, "S2": 2}
    assert sorted(result.files) == ["ville-0_s0_2022.pdf", "ville-1_s1_2022.pdf"]
    assert [(f.structure_id, "TimeoutError" in f.message) for f in result.failures] == [
        ("S2", True)
    ]
    assert seen[-1].done == 3  # each structure counted once


def test_same_names_do_not_overwrite_each_other(tmp_path: Path) -> None:
    jobs = [("S1", _maker("Saint-Denis")), ("S1", _maker("Saint-Denis"))]
    result = write_reports_zip(jobs, tmp_path / "r.zip", workers=1, processes=False)
    assert sorted(result.files) == ["saint-denis_s1_2022-2.pdf", "saint-denis_s1_2022.pdf"]


def test_bad_formats_are_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="formats"):
        write_reports_zip([], tmp_path / "r.zip", ("docx",))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="formats"):
        write_reports_zip([], tmp_path / "r.zip", ())
    assert not (tmp_path / "r.zip").exists()


def test_an_error_in_progress_leaves_no_partial_zip(tmp_path: Path) -> None:
    def progress(state: BatchProgress) -> None:
        if state.done == 1:
            raise KeyError("the caller's own bug")

    jobs = [(f"S{n}", _maker(f"Ville {n}")) for n in range(3)]
    with pytest.raises(KeyError):
        write_reports_zip(jobs, tmp_path / "r.zip", progress=progress, processes=False)
    assert list(tmp_path.iterdir()) == []


def test_file_names_and_one_structure_in_both_formats() -> None:
    content = build_content("en", HOSTILE_NAME, sections=("channels",))
    assert report_filename("ville/01053", content, "pdf") == (
        "a-href-https-x-example-bourg-a-hyperlink-https-x_ville-01053_2022.pdf"
    )
    files = render_report(content, ("pdf", "pptx"))
    assert files["pdf"].startswith(b"%PDF") and files["pptx"].startswith(b"PK")
    with pytest.raises(ValueError, match="unknown"):
        render_report(content, ("png",))  # type: ignore[arg-type]
