"""A structure's report as a PowerPoint deck (python-pptx), 16:9, in the report's language.

Slides: a title slide (structure, edition, peer group, N, every headline card), then one slide
per section: its title in the slide's real title placeholder (editable, found by PowerPoint's
outline and accessibility checker), its caption, and its chart as a PNG image (drawn at 2x by
kaleido) with the numbers of its table, its sentences and notes in the slide's notes; a
section without a chart shows its table (or its sentences) on the slide itself, continued on
further slides when it is too long for one. Every slide has the source line in a footer text
box, after the demo warning when the demo data is active.

Texts go through python-pptx, which writes them as XML text: a name holding `<a href>`, `&`
or `=HYPERLINK(…)` is shown as written, never read as markup or as a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any, Final

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from dashboard.i18n import format_number, translate
from dashboard.render.images import PNG_SCALE, chart_images, given_or_drawn
from dashboard.report_model import ReportContent, ReportSection, ReportTable

SLIDE_WIDTH: Final = Emu(12_192_000)  # 13.333 in: 16:9
SLIDE_HEIGHT: Final = Emu(6_858_000)  # 7.5 in
DEFAULT_WIDTH: Final = 9_144_000  # the template's 4:3 width its layouts are drawn for
MARGIN: Final = Emu(457_200)  # 0.5 in
EMU_PER_PX: Final = 9_525  # at 96 px an inch
SLIDE_CHART_WIDTH: Final = 1_180  # px (CSS) a chart is drawn at: the slide's width less margins
TABLE_ROWS_PER_SLIDE: Final = 12
CARDS_PER_ROW: Final = 4  # headline cards on the title slide
LAYOUT_TITLE: Final = 0  # "Title Slide" of python-pptx's default template
LAYOUT_TITLE_ONLY: Final = 5  # "Title Only"
GREY: Final[Any] = RGBColor(0x49, 0x50, 0x57)  # type: ignore[no-untyped-call]
RED: Final[Any] = RGBColor(0xB3, 0x26, 0x1E)  # type: ignore[no-untyped-call]
LANGUAGE_IDS: Final = {"fr": MSO_LANGUAGE_ID.FRENCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}

# XML 1.0 has no place for C0 control characters (but tab and line ends): a name holding one
# would make lxml refuse the whole deck.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def chart_pngs(content: ReportContent, width: int = SLIDE_CHART_WIDTH) -> dict[str, bytes]:
    """Each section's chart as PNG (PNG_SCALE × `width` px wide), by section key, in one
    kaleido call. Raises ImageRenderError."""
    return chart_images(content.sections, "png", width, PNG_SCALE)


def _widen_template(prs: Any) -> None:
    """The default template's master and layouts, drawn for 4:3, stretched to 16:9, so that
    a slide added in PowerPoint later fits as well as ours."""
    factor = SLIDE_WIDTH / DEFAULT_WIDTH
    shapes = [*prs.slide_master.placeholders]
    for layout in prs.slide_layouts:
        shapes.extend(layout.placeholders)
    for shape in shapes:
        if shape.left is not None and shape.width is not None:
            shape.left = Emu(round(shape.left * factor))
            shape.width = Emu(round(shape.width * factor))


def _style(run: Any, lang: str, size: float | None = None, **font: Any) -> None:
    run.font.language_id = LANGUAGE_IDS[lang]
    if size is not None:
        run.font.size = Pt(size)
    for name, value in font.items():
        if name == "color":
            run.font.color.rgb = value
        else:
            setattr(run.font, name, value)


def _write(frame: Any, lines: Sequence[str], lang: str, size: float, **font: Any) -> None:
    """`lines` as the paragraphs of text frame `frame` (replacing what it held)."""
    frame.clear()
    for number, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = _clean(line)
        _style(run, lang, size, **font)


def _text_box(slide: Any, left: int, top: int, width: int, height: int) -> Any:
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    box.text_frame.word_wrap = True
    return box


def _footer(slide: Any, content: ReportContent) -> None:
    top = SLIDE_HEIGHT - MARGIN - Emu(320_000)
    box = _text_box(slide, MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, 400_000)
    box.name = "Source"
    lines: list[tuple[str, dict[str, Any]]] = []
    if content.is_demo:
        lines.append((translate("report.demo", content.lang), {"bold": True, "color": RED}))
    frame = box.text_frame
    frame.clear()
    paragraph = frame.paragraphs[0]
    for text, font in [*lines, (content.source_line, {"color": GREY})]:
        run = paragraph.add_run()
        run.text = _clean(text) + (" " if font.get("bold") else "")
        _style(run, content.lang, 10, **font)


def _title(slide: Any, text: str, lang: str, size: float = 28) -> None:
    title = slide.shapes.title
    title.left, title.top = MARGIN, Emu(300_000)
    title.width, title.height = SLIDE_WIDTH - 2 * MARGIN, Emu(800_000)
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _write(frame, [text], lang, size, bold=True)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _table_lines(table: ReportTable) -> list[str]:
    """A table as lines of text for the notes: the header row, then one line a row."""
    return [" | ".join(table.headers), *(" | ".join(row) for row in table.rows)]


def _notes(slide: Any, section: ReportSection, content: ReportContent) -> None:
    lines = [section.title]
    if section.caption:
        lines.append(section.caption)
    lines.extend(section.paragraphs)
    if section.table is not None:
        lines.append("")
        lines.append(translate("report.figures", content.lang))
        lines.extend(_table_lines(section.table))
    if section.definition:
        lines.extend(["", section.definition])
    lines.extend(section.notes)
    lines.extend(["", content.source_line])
    _write(slide.notes_slide.notes_text_frame, lines, content.lang, 12)


def _title_slide(prs: Any, content: ReportContent) -> None:
    lang = content.lang
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    title = slide.shapes.title
    title.left, title.top = MARGIN, Emu(900_000)
    title.width, title.height = SLIDE_WIDTH - 2 * MARGIN, Emu(1_300_000)
    _write(title.text_frame, [content.structure_name], lang, 40, bold=True)
    title.text_frame.word_wrap = True
    subtitle = slide.placeholders[1]
    subtitle.left, subtitle.top = MARGIN, Emu(2_300_000)
    subtitle.width, subtitle.height = SLIDE_WIDTH - 2 * MARGIN, Emu(1_200_000)
    _write(
        subtitle.text_frame,
        [
            translate("report.title", lang)
            + " — "
            + translate("report.edition", lang, edition=content.edition),
            translate(
                "report.fact",
                lang,
                label=translate("report.peer_group", lang),
                value=content.peer_group,
            ),
            translate(
                "report.fact",
                lang,
                label=translate("report.group_size", lang),
                value=format_number(content.n_peers, lang, 0),
            ),
        ],
        lang,
        18,
        color=GREY,
    )
    for paragraph in subtitle.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
    # Every headline card (rank, score, median, best...), four a row, two rows at most.
    cards = list(content.headline)[: 2 * CARDS_PER_ROW]
    if cards:
        gap = 150_000
        per_row = min(len(cards), CARDS_PER_ROW)
        width = (SLIDE_WIDTH - 2 * MARGIN - gap * (per_row - 1)) // per_row
        for number, card in enumerate(cards):
            row, column = divmod(number, CARDS_PER_ROW)
            left = MARGIN + column * (width + gap)
            box = _text_box(slide, left, 3_600_000 + row * (1_080_000 + gap), width, 1_080_000)
            box.name = f"Headline {number + 1}"
            box.line.color.rgb = GREY
            frame = box.text_frame
            _write(frame, [card.label], lang, 13, color=GREY)
            value = frame.add_paragraph().add_run()
            value.text = _clean(card.value)
            _style(value, lang, 24, bold=True)
            if card.detail:
                detail = frame.add_paragraph().add_run()
                detail.text = _clean(card.detail)
                _style(detail, lang, 11)
    _footer(slide, content)


def _body_top() -> int:
    return 300_000 + 800_000 + 80_000


def _table_slides(prs: Any, section: ReportSection, content: ReportContent) -> None:
    assert section.table is not None
    table = section.table
    rows = list(table.rows)
    chunks = [rows[i : i + TABLE_ROWS_PER_SLIDE] for i in range(0, len(rows), TABLE_ROWS_PER_SLIDE)]
    for number, chunk in enumerate(chunks or [[]]):
        slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
        title = (
            section.title
            if number == 0
            else translate("report.continued", content.lang, title=section.title)
        )
        _title(slide, title, content.lang)
        top = _body_top()
        if section.caption and number == 0:
            box = _text_box(slide, MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, 400_000)
            _write(box.text_frame, [section.caption], content.lang, 16, color=GREY)
            top += 450_000
        height = 370_000 * (len(chunk) + 1)
        shape = slide.shapes.add_table(
            len(chunk) + 1, len(table.headers), MARGIN, Emu(top),
            SLIDE_WIDTH - 2 * MARGIN, Emu(height),
        )  # fmt: skip
        shape.name = "Table"
        grid = shape.table
        for row_number, cells in enumerate([list(table.headers), *chunk]):
            for column, text in enumerate(cells):
                frame = grid.cell(row_number, column).text_frame
                _write(frame, [text], content.lang, 14, bold=row_number == 0)
                if table.numeric[column]:
                    frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
        _notes(slide, section, content)
        _footer(slide, content)


def _section_slide(
    prs: Any, section: ReportSection, content: ReportContent, png: bytes | None
) -> None:
    if png is None and section.table is not None:
        _table_slides(prs, section, content)
        return
    slide = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    _title(slide, section.title, content.lang)
    top = _body_top()
    if section.caption:
        box = _text_box(slide, MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, 400_000)
        box.name = "Caption"
        _write(box.text_frame, [section.caption], content.lang, 16, color=GREY)
        top += 450_000
    bottom = SLIDE_HEIGHT - MARGIN - Emu(380_000)
    room_width, room_height = SLIDE_WIDTH - 2 * MARGIN, bottom - top
    if png is not None:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            pixels_w, pixels_h = image.size
        scale = min(room_width / pixels_w, room_height / pixels_h, EMU_PER_PX / PNG_SCALE * 1.2)
        width, height = round(pixels_w * scale), round(pixels_h * scale)
        left = MARGIN + (room_width - width) // 2
        picture = slide.shapes.add_picture(
            io.BytesIO(png), Emu(left), Emu(top), Emu(width), Emu(height)
        )
        picture.name = "Chart"
        # The picture's description is what a screen reader says of it.
        picture._element.nvPicPr.cNvPr.set("descr", _clean(section.title))
    else:
        box = _text_box(slide, MARGIN, top, room_width, room_height)
        box.name = "Text"
        _write(box.text_frame, [*section.paragraphs, *section.notes], content.lang, 20)
    _notes(slide, section, content)
    _footer(slide, content)


def report_slides(content: ReportContent, pngs: Mapping[str, bytes] | None = None) -> bytes:
    """The report as a PPTX file's bytes (16:9; see the module's docstring).

    `pngs`: each charted section's PNG by section key (`chart_pngs`), drawn when not given.
    Raises ImageRenderError when a chart cannot be drawn, ValueError when `pngs` lacks one."""
    pngs = given_or_drawn(
        content.sections, pngs, lambda: chart_pngs(content), "no PNG for the charts of sections"
    )
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _widen_template(prs)
    _title_slide(prs, content)
    for section in content.sections:
        png = pngs.get(section.key) if section.figure is not None else None
        _section_slide(prs, section, content, png)
    properties = prs.core_properties
    properties.title = _clean(
        translate(
            "report.document_title",
            content.lang,
            structure=content.structure_name,
            edition=content.edition,
        )
    )
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.subject = ""
    properties.keywords = ""
    properties.category = ""
    properties.language = "fr-FR" if content.lang == "fr" else "en-GB"
    properties.created = content.generated_at
    properties.modified = content.generated_at
    properties.revision = 1
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
