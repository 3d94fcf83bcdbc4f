"""What a structure's report says, independent of how it is drawn (issue 15).

The page code builds one `ReportContent` per structure, edition and peer group from the same
section specs that draw « Ma structure »; `dashboard.render` turns it into chart images, a
PDF (`report_pdf`) and a PowerPoint (`slides`), so that the page, the report and the slides
show the same numbers from the same code.

Every text here is plain text, already in the report's language and formatted for it (French
"71,5", "12 / 57"): a name may hold `<`, `&` or `=` and is always shown as written, never read
as markup or as a formula. The one exception is a section's `figure`, a plotly figure as
dashboard.render's builders make it, whose texts they have already escaped for plotly.

Values are checked when an object is made: a wrong shape raises ValueError at once, where
the content is built, rather than a broken page in a PDF later.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from dashboard.i18n import LANGS, Lang

Figure = dict[str, Any]  # a plotly figure specification, as dashboard.render builds them
SECTION_KEY: Final = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
MAX_KEY_LENGTH: Final = 64


def _texts(values: Sequence[str], what: str) -> None:
    if isinstance(values, str):
        raise ValueError(f"{what} must be a sequence of texts, not one text")
    for value in values:
        if not isinstance(value, str):
            raise ValueError(f"{what} must hold texts only, got {type(value).__name__}")


@dataclass(frozen=True)
class ReportTable:
    """The numbers a section shows, as its table view shows them: `headers` (one per
    column), `rows` (each a list of cells already formatted for the language, "71,5", "–"),
    and `numeric` (one flag per column: right-aligned figures)."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: Sequence[bool]

    def __post_init__(self) -> None:
        _texts(self.headers, "table headers")
        width = len(self.headers)
        if width == 0:
            raise ValueError("a table needs at least one column")
        if len(self.numeric) != width or not all(isinstance(n, bool) for n in self.numeric):
            raise ValueError(f"table numeric flags: {len(self.numeric)} for {width} columns")
        for number, row in enumerate(self.rows, start=1):
            _texts(row, f"table row {number}")
            if len(row) != width:
                raise ValueError(f"table row {number} has {len(row)} cells for {width} columns")


@dataclass(frozen=True)
class ReportSection:
    """One section of « Ma structure » as the report shows it.

    key: a slug naming the section (`channels`, `trajectory`), unique in a report;
    title: its heading; caption: one line saying what it shows; definition: how its figures
    are defined (may be empty); figure: its chart (plotly figure dict) or None for a section
    without a chart; table: its numbers or None; paragraphs: sentences shown with it (the
    generated summary); notes: remarks under it (small groups, channels not audited)."""

    key: str
    title: str
    caption: str = ""
    definition: str = ""
    figure: Figure | None = None
    table: ReportTable | None = None
    paragraphs: Sequence[str] = ()
    notes: Sequence[str] = ()

    def __post_init__(self) -> None:
        if len(self.key) > MAX_KEY_LENGTH or not SECTION_KEY.fullmatch(self.key):
            raise ValueError(f"section key must be a slug (a-z, 0-9, - or _): {self.key!r}")
        for name in ("title", "caption", "definition"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"section {self.key}: {name} must be a text")
        if not self.title.strip():
            raise ValueError(f"section {self.key}: the title is empty")
        if self.figure is not None and not (
            isinstance(self.figure, dict) and isinstance(self.figure.get("data"), list)
        ):
            raise ValueError(f"section {self.key}: figure must be a plotly figure dict")
        _texts(self.paragraphs, f"section {self.key} paragraphs")
        _texts(self.notes, f"section {self.key} notes")


@dataclass(frozen=True)
class HeadlineCard:
    """One headline figure: `label` ("Rang"), `value` ("12 / 57"), `detail` (a line under
    it, "dans le quartile supérieur"; may be empty)."""

    label: str
    value: str
    detail: str = ""

    def __post_init__(self) -> None:
        _texts((self.label, self.value, self.detail), "headline card")


@dataclass(frozen=True)
class MethodBlock:
    """One block of the method and definitions page: a heading, a paragraph or a list item
    (plain text; `method_from_markdown` makes them from the definitions document)."""

    kind: Literal["heading", "paragraph", "item"]
    text: str

    def __post_init__(self) -> None:
        if self.kind not in ("heading", "paragraph", "item"):
            raise ValueError(f"method block kind: {self.kind!r}")
        _texts((self.text,), "method block")


@dataclass(frozen=True)
class ReportContent:
    """Everything one structure's report shows, in one language.

    lang: "fr" or "en"; structure_name: as the data names it; edition: the year audited;
    peer_group: the peer group in force, in words ("Villes de 50 000 habitants et plus de la
    région Grand Est"); n_peers: its size N (the structure included, contract §5);
    headline: the headline cards; sections: in reading order; source_line: "Baromètre …
    édition 2022, données importées le …, version …", on every page and image; is_demo:
    whether the demo data is active (every deliverable then says so); method: the method and
    definitions page; generated_at: when the content was made (shown on the cover)."""

    lang: Lang
    structure_name: str
    edition: int
    peer_group: str
    n_peers: int
    source_line: str
    generated_at: datetime
    headline: Sequence[HeadlineCard] = ()
    sections: Sequence[ReportSection] = ()
    is_demo: bool = False
    method: Sequence[MethodBlock] = ()

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            raise ValueError(f"report language must be one of {LANGS}: {self.lang!r}")
        _texts((self.structure_name, self.peer_group, self.source_line), "report")
        if not self.structure_name.strip():
            raise ValueError("the structure name is empty")
        if not isinstance(self.edition, int) or isinstance(self.edition, bool):
            raise ValueError(f"edition must be a year (int): {self.edition!r}")
        if not isinstance(self.n_peers, int) or self.n_peers < 0:
            raise ValueError(f"n_peers must be a count: {self.n_peers!r}")
        if not isinstance(self.generated_at, datetime):
            raise ValueError("generated_at must be a datetime")
        keys = [section.key for section in self.sections]
        if len(set(keys)) != len(keys):
            raise ValueError(f"section keys repeat: {keys}")


# --- The definitions document as method blocks ------------------------------------------------

_HEADING: Final = re.compile(r"^#{1,6}\s+(.*)$")
_ITEM: Final = re.compile(r"^\s*([-*+]|\d+[.)])\s+(.*)$")
_TABLE_RULE: Final = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_INLINE: Final = (
    (re.compile(r"\*\*(.+?)\*\*"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
)


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def method_from_markdown(markdown: str) -> tuple[MethodBlock, ...]:
    """The blocks of a Markdown text as plain text: headings, paragraphs (lines joined),
    list items, and table rows as items ("a — b — c", the header row too, the rule row
    dropped); emphasis, code marks and link targets removed. Made for
    `dashboard.pages.definitions.definitions_markdown` (docs/data-format.md §7-8)."""
    blocks: list[MethodBlock] = []
    paragraph: list[str] = []
    item: list[str] | None = None

    def flush() -> None:
        nonlocal item
        if paragraph:
            blocks.append(MethodBlock("paragraph", _inline(" ".join(paragraph))))
            paragraph.clear()
        if item is not None:
            blocks.append(MethodBlock("item", _inline(" ".join(item))))
            item = None

    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif heading := _HEADING.match(stripped):
            flush()
            blocks.append(MethodBlock("heading", _inline(heading.group(1))))
        elif stripped.startswith("|"):
            flush()
            if not _TABLE_RULE.match(stripped):
                cells = [_inline(cell) for cell in stripped.strip("|").split("|")]
                blocks.append(MethodBlock("item", " — ".join(cells)))
        elif (bullet := _ITEM.match(line)) and not (
            # CommonMark: a numbered item interrupts a paragraph only when it starts at 1
            # (a wrapped line "100) = 7,0 points" goes on the sentence).
            paragraph and bullet.group(1)[:-1].isdigit() and bullet.group(1)[:-1] != "1"
        ):
            flush()
            item = [bullet.group(2)]
        elif item is not None:
            item.append(stripped)  # a list item's continuation line
        else:
            paragraph.append(stripped)
    flush()
    return tuple(blocks)
