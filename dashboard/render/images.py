"""Chart images: a plotly figure (as dashboard.render's builders make it) as PNG or SVG bytes,
drawn by kaleido in Debian's Chromium, offline.

One Chromium per process: `ChartServer` keeps one `kaleido.Kaleido` (kaleido's public async
API) on an event loop in a thread of its own, started on the first image and closed at exit.
Any thread may ask for images at once: the requests share the server's tabs, which draw in
parallel. kaleido's own `start_sync_server()` is not used: its calls share one answer queue
(two threads can swap answers), run one at a time, and wait forever once its thread has died;
here every call has a timeout, and a Chromium that stopped answering is replaced.

A downloaded image stands on its own (`framed_figure`): the chart's title, the structure, the
edition, the peer group, N and the source line are drawn into a copy of the figure, and the
demo warning when the demo data is active. Nothing else goes in: the image is the figure's
drawing (no hover texts, no figure data in any metadata).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import copy
import logging
import math
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, Protocol, TypeVar

from dashboard.i18n import format_number, translate
from dashboard.render.text_metrics import EDGE, text_width
from dashboard.render.theme import NOTE_COLOUR, TEXT_COLOUR, Figure, plain
from dashboard.report_model import ReportContent, ReportSection

ImageFormat = Literal["png", "svg"]
Drawn = TypeVar("Drawn", str, bytes)  # a chart drawn: SVG text or image bytes
IMAGE_FORMATS: Final[tuple[ImageFormat, ...]] = ("png", "svg")

CHROMIUM_ENV: Final = "DASHBOARD_CHROMIUM"
DEFAULT_CHROMIUM: Final = "/usr/bin/chromium"  # Debian's package (Makefile: chromium)
TABS: Final = 2  # images drawn at once: one per core of the reference machine
RENDER_TIMEOUT: Final = 60.0  # s for one image, queueing for a tab included
START_TIMEOUT: Final = 30.0  # s for Chromium to start and load plotly.js
START_ATTEMPTS: Final = 2
CLOSE_TIMEOUT: Final = 10.0

DOWNLOAD_WIDTH: Final = 960  # px (CSS) of a downloaded image; PNG_SCALE times that in pixels
PNG_SCALE: Final = 2  # a PNG for slides and screens of any density
# Images are drawn in the font the PDF shows their SVG in (fonts-dejavu-core), so that
# Chromium and WeasyPrint measure the same text.
IMAGE_FONT: Final = "'DejaVu Sans', sans-serif"

TITLE_SIZE: Final = 18
CONTEXT_SIZE: Final = 12
SOURCE_SIZE: Final = 11
LINE_GAP: Final = 1.35  # line height / font size


class ImageRenderError(RuntimeError):
    """An image could not be drawn: Chromium missing, not starting, not answering in time,
    or plotly.js refusing the figure. The message says which, without a traceback."""


def _plotly_script() -> Path:
    """The app's own plotly.js bundle when it is up to date (a quarter of the full bundle's
    size: each image loads it again), plotly.js's full bundle from the plotly package
    otherwise. Both are local files: no CDN."""
    from dashboard.render.plotly_bundle import script_path

    script = script_path()
    if script is not None:
        return script
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def page_generator() -> Any:
    """kaleido's page for drawing: local plotly.js (`_plotly_script`), no MathJax (kaleido
    would fetch it from a CDN; the figures have no formulas)."""
    import kaleido

    return kaleido.PageGenerator(plotly=str(_plotly_script()), mathjax=False)


def chromium_path() -> str:
    """The Chromium kaleido drives: $DASHBOARD_CHROMIUM, or Debian's /usr/bin/chromium."""
    return os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM


@dataclass(frozen=True)
class ImageRequest:
    """One image to draw: `figure` (plotly dict), `fmt`, `width` in CSS px (the height is the
    figure's), `scale` (PNG pixels per CSS px)."""

    figure: Figure
    fmt: ImageFormat
    width: int
    scale: float = 1.0


class ChartServer:
    """One kaleido browser for the whole process, started on first use, closed at exit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido: Any = None
        self._pid: int | None = None
        self._atexit = False
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        """In a forked child: the parent's browser, thread and lock are not the child's (the
        lock may have been held by a thread that does not exist here)."""
        self._lock = threading.Lock()
        self._loop, self._thread, self._kaleido, self._pid = None, None, None, None

    @property
    def running(self) -> bool:
        """Whether this process has a started browser."""
        return self._kaleido is not None and self._pid == os.getpid()

    def _start(self) -> None:
        path = chromium_path()
        if not Path(path).is_file():
            raise ImageRenderError(f"Chromium not found at {path} (set {CHROMIUM_ENV})")
        problem: BaseException | None = None
        # Now and then (one start in a few dozen on the loaded reference machine) Chromium
        # starts but never answers: that one is killed and another started.
        for _ in range(START_ATTEMPTS):
            try:
                self._loop, self._thread, self._kaleido = _open_browser(path)
            except Exception as exc:
                problem = exc
                continue
            self._pid = os.getpid()
            if not self._atexit:
                atexit.register(self.close)
                self._atexit = True
            return
        raise ImageRenderError(f"Chromium did not start for kaleido: {problem!r}") from problem

    def _stop(self) -> None:
        loop, thread, browser = self._loop, self._thread, self._kaleido
        self._loop, self._thread, self._kaleido = None, None, None
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(_shutdown(browser), loop).result(CLOSE_TIMEOUT)
        except Exception:  # a browser that died already: nothing more to close
            logging.getLogger(__name__).warning("kaleido browser did not close cleanly")
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(CLOSE_TIMEOUT)
            if not thread.is_alive():
                loop.close()

    def close(self) -> None:
        """Close the browser if this process started one (again on the next image)."""
        with self._lock:
            self._stop()

    def _session(self) -> tuple[asyncio.AbstractEventLoop, Any]:
        with self._lock:
            if not self.running:
                self._start()
            assert self._loop is not None
            return self._loop, self._kaleido

    def render(self, requests: Sequence[ImageRequest]) -> list[bytes]:
        """The images of `requests`, in order, drawn in parallel on the browser's tabs.

        Raises ImageRenderError (the first failure); a browser that died or stopped answering
        is closed, and the next call starts another."""
        if not requests:
            return []
        try:
            calls = [
                (
                    request.figure,
                    {
                        "format": request.fmt,
                        "width": int(request.width),
                        "height": _height(request.figure),
                        "scale": float(request.scale),
                    },
                )
                for request in requests
            ]
        except (TypeError, ValueError) as exc:
            raise ImageRenderError(f"not a figure kaleido can draw: {exc}") from exc
        loop, browser = self._session()
        futures = [
            asyncio.run_coroutine_threadsafe(browser.calc_fig(figure, opts=opts), loop)
            for figure, opts in calls
        ]
        # Tabs are shared: a request may wait for others' images before its own.
        deadline = RENDER_TIMEOUT * (1 + len(requests) / TABS)
        _, pending = concurrent.futures.wait(futures, timeout=deadline)
        try:
            if pending:
                raise ImageRenderError(f"Chromium drew no image within {deadline:.0f} s")
            return [_bytes(future.result()) for future in futures]
        except Exception as exc:
            for future in futures:
                future.cancel()
            if pending or not _alive(browser):
                with self._lock:
                    if self._kaleido is browser:
                        self._stop()
            if isinstance(exc, ImageRenderError):
                raise
            raise ImageRenderError(f"the chart could not be drawn: {exc}") from exc


def _open_browser(path: str) -> tuple[asyncio.AbstractEventLoop, threading.Thread, Any]:
    """A started kaleido browser on an event loop in a thread of its own. Raises TimeoutError
    (the browser and its loop stopped) or what kaleido raised."""
    import kaleido

    page = page_generator()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="kaleido", daemon=True)
    thread.start()

    async def create() -> Any:
        return kaleido.Kaleido(n=TABS, timeout=RENDER_TIMEOUT, page_generator=page, path=path)

    browser = None
    try:
        browser = asyncio.run_coroutine_threadsafe(create(), loop).result(START_TIMEOUT)
        asyncio.run_coroutine_threadsafe(browser.open(), loop).result(START_TIMEOUT)
    except BaseException:
        process = getattr(browser, "subprocess", None)
        if process is not None and process.poll() is None:
            process.kill()  # our own Chromium, started just now
        with contextlib.suppress(Exception):
            if browser is not None:
                asyncio.run_coroutine_threadsafe(_shutdown(browser), loop).result(CLOSE_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(CLOSE_TIMEOUT)
        if not thread.is_alive():
            loop.close()
        raise
    return loop, thread, browser


async def _shutdown(browser: Any) -> None:
    """Close the browser, then end what its library left running on the loop."""
    try:
        await browser.close()
    finally:
        current = asyncio.current_task()
        others = [task for task in asyncio.all_tasks() if task is not current]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)


def _alive(browser: Any) -> bool:
    """Whether the browser's process still runs (choreographer's Popen)."""
    process = getattr(browser, "subprocess", None)
    return process is not None and process.poll() is None


def _bytes(value: object) -> bytes:
    if not isinstance(value, bytes):
        raise ImageRenderError(f"kaleido answered {type(value).__name__}, not an image")
    return value


def _height(figure: Figure) -> int:
    return int(figure.get("layout", {}).get("height") or 450)


SERVER: Final = ChartServer()


def render_images(requests: Sequence[ImageRequest]) -> list[bytes]:
    """`requests` drawn by the process's one browser (started on first use); see ChartServer."""
    return SERVER.render(requests)


class Charted(Protocol):
    """A part of a deliverable that may hold a chart (a report's section, a deck's slide):
    `key`, unique among its siblings, and `figure`, a plotly figure or None."""

    @property
    def key(self) -> str: ...

    @property
    def figure(self) -> Figure | None: ...


def chart_images(
    parts: Sequence[Charted], fmt: ImageFormat, width: int, scale: float = 1.0
) -> dict[str, bytes]:
    """Each part's chart drawn as `fmt` at `width` CSS px (`scale` PNG pixels per CSS px), by
    part key, in one kaleido call (the charts are drawn in parallel); a part without a chart
    is left out. Raises ImageRenderError."""
    charted = [(part.key, part.figure) for part in parts if part.figure is not None]
    images = render_images(
        [ImageRequest(for_image(figure, width), fmt, width, scale) for _, figure in charted]
    )
    return dict(zip((key for key, _ in charted), images, strict=True))


def chart_svg_texts(parts: Sequence[Charted], width: int) -> dict[str, str]:
    """chart_images as SVG text (UTF-8), by part key. Raises ImageRenderError."""
    return {key: svg.decode("utf-8") for key, svg in chart_images(parts, "svg", width).items()}


def given_or_drawn(
    parts: Sequence[Charted],
    given: Mapping[str, Drawn] | None,
    draw: Callable[[], Mapping[str, Drawn]],
    lacking: str,
) -> Mapping[str, Drawn]:
    """The charts of `parts` by key: `given`, or those `draw()` makes when it is None.

    Raises ValueError "`lacking` [keys]" (say "no SVG for the charts of sections") when a
    part with a chart has none, and whatever `draw` raises (ImageRenderError)."""
    charts = draw() if given is None else given
    missing = [part.key for part in parts if part.figure is not None and part.key not in charts]
    if missing:
        raise ValueError(f"{lacking} {missing}")
    return charts


def start_image_server() -> None:
    """Start the process's browser now rather than on its first image (gunicorn.conf.py does
    so in each worker, in a thread of its own). Raises ImageRenderError."""
    SERVER._session()


def close_image_server() -> None:
    """Close the process's browser now (it is closed at exit anyway)."""
    SERVER.close()


# --- What an image says ------------------------------------------------------------------------


def for_image(figure: Figure, width: int) -> Figure:
    """A deep copy of `figure` drawn at `width` px in the PDF's font, static (no hover); a
    chart's point labels placed again for that width (action_charts.place_labels)."""
    from dashboard.render.action_charts import place_labels

    out = copy.deepcopy(figure)
    layout = out.setdefault("layout", {})
    layout["width"] = width
    layout["autosize"] = False
    layout["font"] = {**layout.get("font", {}), "family": IMAGE_FONT}
    layout["hovermode"] = False
    return place_labels(out, [(float(width), 1.0)])


def _wrap(text: str, size: float, width: float) -> tuple[str, int]:
    """Plain `text` in lines of at most `width` px at `size` (words never cut), each escaped
    for plotly, joined by <br>; and the number of lines."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = lines or [""]
    return "<br>".join(plain(line) for line in lines), len(lines)


def image_context(content: ReportContent) -> str:
    """The line under an image's title: structure, edition, peer group and N (plain text)."""
    return translate(
        "report.image_context",
        content.lang,
        structure=content.structure_name,
        edition=content.edition,
        peers=content.peer_group,
        n=format_number(content.n_peers, content.lang, 0),
    )


def image_source(content: ReportContent) -> str:
    """The line at an image's foot: the demo warning when the demo is active, the source."""
    parts = [translate("report.demo", content.lang)] if content.is_demo else []
    return " ".join([*parts, content.source_line])


def framed_figure(
    figure: Figure,
    title: str,
    content: ReportContent,
    width: int = DOWNLOAD_WIDTH,
    context: str | None = None,
) -> Figure:
    """A copy of `figure` at `width` px with `title`, the context line (`context`, by default
    `image_context`) and the source line (`image_source`) drawn into it, all as plain text;
    the plot keeps its size (the image grows by the bands added above and below it)."""
    out = for_image(figure, width)
    layout = out["layout"]
    margin = {"l": 80, "r": 80, "t": 100, "b": 80, **layout.get("margin", {})}
    room = width - 2 * EDGE
    title_text, title_lines = _wrap(title, TITLE_SIZE, room)
    context_line = image_context(content) if context is None else context
    context_text, context_lines = _wrap(context_line, CONTEXT_SIZE, room)
    source_text, source_lines = _wrap(image_source(content), SOURCE_SIZE, room)
    header = math.ceil(
        EDGE + title_lines * TITLE_SIZE * LINE_GAP + 6 + context_lines * CONTEXT_SIZE * LINE_GAP + 8
    )
    footer = math.ceil(8 + source_lines * SOURCE_SIZE * LINE_GAP + EDGE)
    height = _height(figure) + header + footer
    layout["height"] = height
    layout["title"] = {
        "text": title_text,
        "font": {"size": TITLE_SIZE, "color": TEXT_COLOUR},
        "subtitle": {"text": context_text, "font": {"size": CONTEXT_SIZE, "color": NOTE_COLOUR}},
        "x": EDGE / width,
        "xanchor": "left",
        "xref": "container",
        "y": 1 - EDGE / height,
        "yanchor": "top",
        "yref": "container",
    }
    source = {
        "text": source_text,
        "xref": "paper",
        "x": 0,
        "xanchor": "left",
        "xshift": EDGE - margin["l"],
        "yref": "paper",
        "y": 0,
        "yanchor": "top",
        "yshift": -(margin["b"] + 8),
        "align": "left",
        "showarrow": False,
        "font": {"size": SOURCE_SIZE, "color": NOTE_COLOUR},
    }
    layout["annotations"] = [*layout.get("annotations", []), source]
    layout["margin"] = {**margin, "t": margin["t"] + header, "b": margin["b"] + footer}
    return out


def chart_request(
    section: ReportSection,
    content: ReportContent,
    fmt: ImageFormat,
    width: int = DOWNLOAD_WIDTH,
    context: str | None = None,
) -> ImageRequest:
    """The request for a section's downloadable image (PNG at PNG_SCALE, SVG at 1), with
    `context` under its title (`image_context(content)` by default).

    Raises ValueError for a section without a figure."""
    if section.figure is None:
        raise ValueError(f"section {section.key} has no chart")
    figure = framed_figure(section.figure, section.title, content, width, context)
    return ImageRequest(figure, fmt, width, PNG_SCALE if fmt == "png" else 1.0)


def chart_image(
    section: ReportSection,
    content: ReportContent,
    fmt: ImageFormat,
    width: int = DOWNLOAD_WIDTH,
    context: str | None = None,
) -> bytes:
    """A section's chart as a downloadable image (`chart_request`): PNG bytes of PNG_SCALE ×
    (width × height) pixels, or SVG text as UTF-8 bytes. Raises ImageRenderError."""
    return render_images([chart_request(section, content, fmt, width, context)])[0]


# --- File names -------------------------------------------------------------------------------

_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
SLUG_LENGTH: Final = 48


def slugify(text: str, max_length: int = SLUG_LENGTH) -> str:
    """`text` as a file-name part: accents folded, lower case, words joined by '-', at most
    `max_length` characters cut at a word; "" when nothing is left."""
    folded = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
    return slug.strip("-")


def image_filename(chart: str, structure: str, edition: int, fmt: str) -> str:
    """`score-par-canal_bourg-en-bresse_2022.png`: the chart's title, the structure and the
    edition, slugified (a part with no letter or digit left becomes "image"/"structure")."""
    parts = [slugify(chart) or "image", slugify(structure) or "structure", str(edition)]
    return "_".join(parts) + "." + fmt


def section_filename(section: ReportSection, content: ReportContent, fmt: ImageFormat) -> str:
    """The file name of a section's image (`image_filename`)."""
    chart = section.title if slugify(section.title) else section.key
    return image_filename(chart, content.structure_name, content.edition, fmt)
