"""Reports for many structures at once, into one zip: the results day of an edition (311
structures in 2022), for the CLI (`python -m dashboard reports`) and the app's background job.

`write_reports_zip` takes (structure id, a function making its ReportContent) pairs, makes
each content in the calling thread and its files in worker processes (WeasyPrint's layout is
Python: threads would share one core), and writes the files into the zip as they come, so
that one structure's failure is recorded and the others go on. It reports progress after
each structure (done / total, failures, time left), and stops starting new reports once
`cancel` is set.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
import zipfile
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, get_args

from dashboard.i18n import translate
from dashboard.render.images import (
    PNG_SCALE,
    ImageRenderError,
    ImageRequest,
    for_image,
    render_images,
    slugify,
)
from dashboard.render.report_pdf import PDF_CHART_WIDTH, report_pdf
from dashboard.render.slides import SLIDE_CHART_WIDTH, report_slides
from dashboard.report_model import ReportContent

ReportFormat = Literal["pdf", "pptx"]
REPORT_FORMATS: Final[tuple[ReportFormat, ...]] = get_args(ReportFormat)
DEFAULT_FORMATS: Final[tuple[ReportFormat, ...]] = ("pdf",)  # PPTX on request
DEFAULT_WORKERS: Final = 2  # the reference machine's cores: charts and layout overlap
MESSAGE_LENGTH: Final = 300  # a failure's message is cut to this many characters

ContentMaker = Callable[[], ReportContent]
logger = logging.getLogger(__name__)


def render_report(content: ReportContent, formats: Collection[ReportFormat]) -> dict[str, bytes]:
    """The report of `content` in each of `formats` ({"pdf": bytes, "pptx": bytes}), its
    charts drawn once for all of them in one kaleido call (SVG for the PDF, PNG for the
    slides). Raises ImageRenderError, ValueError for an unknown format."""
    unknown = set(formats) - set(REPORT_FORMATS)
    if unknown:
        raise ValueError(f"unknown report formats: {sorted(unknown)}")
    charted = [(s.key, s.figure) for s in content.sections if s.figure is not None]
    requests: list[ImageRequest] = []
    if "pdf" in formats:
        requests += [
            ImageRequest(for_image(f, PDF_CHART_WIDTH), "svg", PDF_CHART_WIDTH) for _, f in charted
        ]
    if "pptx" in formats:
        requests += [
            ImageRequest(for_image(f, SLIDE_CHART_WIDTH), "png", SLIDE_CHART_WIDTH, PNG_SCALE)
            for _, f in charted
        ]
    images = iter(render_images(requests))
    out: dict[str, bytes] = {}
    if "pdf" in formats:
        svgs = {key: next(images).decode("utf-8") for key, _ in charted}
        out["pdf"] = report_pdf(content, svgs)
    if "pptx" in formats:
        pngs = {key: next(images) for key, _ in charted}
        out["pptx"] = report_slides(content, pngs)
    return out


def report_filename(structure_id: str, content: ReportContent, fmt: str) -> str:
    """`bourg-en-bresse_ville-01053_2022.pdf`: the structure's name and id (two structures
    may share a name) and the edition, slugified."""
    name = slugify(content.structure_name) or "structure"
    ident = slugify(structure_id, 32) or "id"
    return f"{name}_{ident}_{content.edition}.{fmt}"


@dataclass(frozen=True)
class BatchFailure:
    """A structure whose report could not be made, and why (one line, no traceback)."""

    structure_id: str
    message: str


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch stands: structures `done` (made or failed) of `total` (None when the
    jobs' number is not known), the failures so far, seconds elapsed."""

    done: int
    total: int | None
    failures: tuple[BatchFailure, ...]
    elapsed: float

    @property
    def remaining(self) -> float | None:
        """Seconds left at the pace so far; None before the first report or without total."""
        if self.total is None or self.done == 0:
            return None
        return self.elapsed / self.done * max(self.total - self.done, 0)


@dataclass(frozen=True)
class BatchResult:
    """What a batch wrote: the zip, the files in it, the failures, whether it was cancelled
    (the zip then holds the reports finished before)."""

    archive: Path
    files: tuple[str, ...]
    failures: tuple[BatchFailure, ...]
    total: int | None
    cancelled: bool


def _render_files(
    structure_id: str, content: ReportContent, formats: tuple[ReportFormat, ...]
) -> list[tuple[str, bytes]]:
    """One structure's files (name, bytes): what a worker, thread or process, makes."""
    files = render_report(content, formats)
    return [(report_filename(structure_id, content, fmt), data) for fmt, data in files.items()]


def _submit(
    pool: Executor,
    structure_id: str,
    content: ReportContent,
    wanted: tuple[ReportFormat, ...],
    workers: int,
    processes: bool,
) -> tuple[Executor, Future[list[tuple[str, bytes]]]]:
    """Give one report's files to the pool: the pool (a new one when a dead worker process
    broke it) and the report's future."""
    try:
        future = pool.submit(_render_files, structure_id, content, wanted)
    except BrokenExecutor:  # a worker process died: the pool is lost
        pool.shutdown(wait=False, cancel_futures=True)
        pool = _executor(workers, processes)
        future = pool.submit(_render_files, structure_id, content, wanted)
    return pool, future


def _executor(workers: int, processes: bool) -> Executor:
    if processes:
        # Spawned, not forked: the parent may hold threads (a server's, kaleido's) and a
        # browser that a forked child must not share. Each worker starts its own Chromium
        # on its first chart and closes it when the pool ends.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return ThreadPoolExecutor(max_workers=workers, thread_name_prefix="report")


def _message(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {text}"[:MESSAGE_LENGTH]


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{dot}{ext}"
    taken.add(candidate)
    return candidate


def write_reports_zip(
    jobs: Iterable[tuple[str, ContentMaker]],
    archive: Path,
    formats: Collection[ReportFormat] = DEFAULT_FORMATS,
    *,
    progress: Callable[[BatchProgress], None] | None = None,
    cancel: threading.Event | None = None,
    total: int | None = None,
    workers: int = DEFAULT_WORKERS,
    processes: bool = True,
    lang: str = "fr",
) -> BatchResult:
    """Write the reports of `jobs` ((structure id, function making its content) pairs) in
    `formats` into the zip `archive`, replaced whole when done (written beside it first).

    Contents are made in the calling thread, one after the other (the dataset stays here);
    the charts and files are made by `workers` worker processes (`processes`, the default:
    WeasyPrint is Python, so only processes use both cores) or threads. A job that raises,
    here or in a worker, is recorded as a BatchFailure (its message; the traceback goes to
    the log) and the others go on; a worker process that dies is replaced. The zip then
    also holds a text file listing the failures, in `lang`. `progress` is called at the
    start and after each structure. Once `cancel` is set no new report starts; those under
    way are finished and written. `total`: the number of jobs, when `jobs` has no len().

    Raises ValueError for an unknown format, OSError when the zip cannot be written."""
    unknown = set(formats) - set(REPORT_FORMATS)
    if unknown or not formats:
        raise ValueError(f"report formats must be among {REPORT_FORMATS}: {sorted(formats)}")
    wanted = tuple(f for f in REPORT_FORMATS if f in formats)
    workers = max(1, workers)
    if total is None and isinstance(jobs, Collection):
        total = len(jobs)
    started = time.monotonic()
    failures: list[BatchFailure] = []
    files: list[str] = []
    taken: set[str] = set()
    done = 0
    cancelled = False

    def report() -> None:
        if progress is not None:
            elapsed = time.monotonic() - started
            progress(BatchProgress(done, total, tuple(failures), elapsed))

    def fail(structure_id: str, exc: BaseException) -> None:
        logger.warning("report of %s failed", structure_id, exc_info=exc)
        failures.append(BatchFailure(structure_id, _message(exc)))

    partial = archive.with_name(archive.name + f".{os.getpid()}.part")
    archive.parent.mkdir(parents=True, exist_ok=True)
    pending: dict[Future[list[tuple[str, bytes]]], str] = {}
    # A report whose images could not be drawn (a Chromium that did not start or answer on a
    # loaded machine) is made once more: its content is kept until its files are written.
    contents: dict[Future[list[tuple[str, bytes]]], ReportContent] = {}
    second_tries: set[Future[list[tuple[str, bytes]]]] = set()
    queue: Iterator[tuple[str, ContentMaker]] = iter(jobs)
    pool = _executor(workers, processes)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            report()
            exhausted = False
            while True:
                # Keep the workers busy with one report each in reserve, no more: the jobs
                # may be a generator over hundreds of structures.
                while not exhausted and len(pending) < 2 * workers:
                    if cancel is not None and cancel.is_set():
                        cancelled = exhausted = True
                        break
                    try:
                        structure_id, make = next(queue)
                    except StopIteration:
                        exhausted = True
                        break
                    try:
                        content = make()
                    except Exception as exc:
                        fail(structure_id, exc)
                        done += 1
                        report()
                        continue
                    pool, future = _submit(pool, structure_id, content, wanted, workers, processes)
                    pending[future], contents[future] = structure_id, content
                if not pending:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    structure_id = pending.pop(future)
                    try:
                        for name, data in future.result():
                            unique = _unique(name, taken)
                            bundle.writestr(unique, data)
                            files.append(unique)
                    except ImageRenderError as exc:
                        content = contents.pop(future)
                        if future not in second_tries:
                            logger.warning("report of %s: %s; made once more", structure_id, exc)
                            pool, again = _submit(pool, structure_id, content, wanted, workers,
                                                  processes)  # fmt: skip
                            pending[again], contents[again] = structure_id, content
                            second_tries.add(again)
                            continue
                        fail(structure_id, exc)
                    except Exception as exc:
                        fail(structure_id, exc)
                    contents.pop(future, None)
                    second_tries.discard(future)
                    done += 1
                    report()
                if cancel is not None and cancel.is_set():
                    cancelled = exhausted = True
                    for future in [f for f in pending if f.cancel()]:
                        del pending[future]  # not started: never made, not counted
                        contents.pop(future, None)
            if failures:
                lines = [translate("report.batch.failures", lang), ""]
                lines += [
                    translate(
                        "report.batch.failure_line",
                        lang,
                        structure=failure.structure_id,
                        error=failure.message,
                    )
                    for failure in failures
                ]
                name = _unique(f"{slugify(translate('report.batch.failures', lang))}.txt", taken)
                bundle.writestr(name, "\n".join(lines) + "\n")
        os.replace(partial, archive)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if partial.exists():
            partial.unlink()
    return BatchResult(archive, tuple(files), tuple(failures), total, cancelled)
