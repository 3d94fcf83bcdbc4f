"""The structure report as PowerPoint (dashboard.render.slides), opened with python-pptx and
read as XML."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from dashboard.render.slides import chart_pngs, report_slides
from dashboard.report_model import ReportSection, ReportTable
from tests.report_content import (
    ALL_SECTIONS,
    HIDDEN_PEER,
    HOSTILE_NAME,
    SOURCE,
    TITLES,
    build_content,
    expected,
)


@pytest.fixture(scope="module")
def decks() -> dict[tuple[str, bool], bytes]:
    out = {}
    for lang in ("fr", "en"):
        for demo in (False, True):
            content = build_content(lang, HOSTILE_NAME, is_demo=demo)
            out[(lang, demo)] = report_slides(content, chart_pngs(content))
    return out


def _texts(slide: object) -> str:
    shapes = slide.shapes  # type: ignore[attr-defined]
    parts = [shape.text_frame.text for shape in shapes if shape.has_text_frame]
    for shape in shapes:
        if shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_16_9_deck_with_a_title_slide_and_one_slide_per_section(
    decks: dict[tuple[str, bool], bytes], lang: str
) -> None:
    prs = Presentation(io.BytesIO(decks[(lang, False)]))
    assert prs.slide_width * 9 == prs.slide_height * 16
    slides = list(prs.slides)
    assert len(slides) == 1 + len(ALL_SECTIONS)
    cover = _texts(slides[0])
    exp = expected(lang)
    assert HOSTILE_NAME in cover
    for shown in (exp.rank_text, exp.score_text, exp.median_text, "57", "2022"):
        assert shown in cover
    for slide, key in zip(slides[1:], ALL_SECTIONS, strict=True):
        title = slide.shapes.title
        # A real title placeholder: editable, in the outline, read first by a screen reader.
        assert title is not None and title.is_placeholder
        assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        assert title.text_frame.text == TITLES[key][lang]
        runs = [run for p in title.text_frame.paragraphs for run in p.runs]
        expected_id = MSO_LANGUAGE_ID.FRENCH if lang == "fr" else MSO_LANGUAGE_ID.ENGLISH_UK
        assert runs and all(run.font.language_id == expected_id for run in runs)


@pytest.mark.parametrize(("lang", "demo"), [("fr", False), ("en", False), ("fr", True)])
def test_the_source_line_is_on_every_slide(
    decks: dict[tuple[str, bool], bytes], lang: str, demo: bool
) -> None:
    prs = Presentation(io.BytesIO(decks[(lang, demo)]))
    warning = "Données de démonstration" if lang == "fr" else "Demo data"
    for slide in prs.slides:
        footer = [shape for shape in slide.shapes if shape.name == "Source"]
        assert len(footer) == 1
        text = footer[0].text_frame.text
        assert SOURCE[lang] in text
        assert (warning in text) is demo
        # Inside the slide.
        shape = footer[0]
        assert shape.top + shape.height <= prs.slide_height
        assert shape.left + shape.width <= prs.slide_width


def test_charts_are_pictures_with_their_numbers_in_the_notes(
    decks: dict[tuple[str, bool], bytes],
) -> None:
    prs = Presentation(io.BytesIO(decks[("fr", False)]))
    slides = dict(zip(ALL_SECTIONS, list(prs.slides)[1:], strict=True))
    for key in ("channels", "trajectory", "distribution"):
        pictures = [s for s in slides[key].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        picture = pictures[0]
        assert picture.image.content_type == "image/png"
        assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
        assert picture._element.nvPicPr.cNvPr.get("descr") == TITLES[key]["fr"]
    notes = slides["channels"].notes_slide.notes_text_frame.text
    assert "Canal | Votre score | Médiane des pairs | Rang" in notes
    assert "Téléphone | 71,5 | 65,0 | 12 / 57" in notes
    exp = expected("fr")
    assert f"{exp.rank_text} | {exp.score_text} | {exp.median_text}" in (
        slides["distribution"].notes_slide.notes_text_frame.text
    )


def test_a_table_only_section_is_a_table_slide() -> None:
    content = build_content("en", sections=("measures",))
    prs = Presentation(io.BytesIO(report_slides(content)))
    slide = list(prs.slides)[1]
    tables = [shape for shape in slide.shapes if shape.has_table]
    assert len(tables) == 1
    cells = [[cell.text for cell in row.cells] for row in tables[0].table.rows]
    assert cells[0] == ["Measure", "Your value"]
    assert len(cells) == 3 and cells[1][1] == "3.2"


def test_a_long_table_continues_on_further_slides() -> None:
    rows = [[f"Ligne {n}", f"{n},0"] for n in range(1, 31)]
    section = ReportSection(
        "long", "Longue table", table=ReportTable(["Libellé", "Valeur"], rows, [False, True])
    )
    content = dataclasses.replace(build_content("fr", sections=()), sections=[section])
    slides = list(Presentation(io.BytesIO(report_slides(content))).slides)[1:]
    assert [s.shapes.title.text_frame.text for s in slides] == [
        "Longue table",
        "Longue table (suite)",
        "Longue table (suite)",
    ]
    shown = [
        row.cells[0].text
        for s in slides
        for shape in s.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
    ]
    assert shown == [f"Ligne {n}" for n in range(1, 31)]


def test_names_are_text_in_the_xml_never_markup_links_or_formulas(
    decks: dict[tuple[str, bool], bytes],
) -> None:
    with zipfile.ZipFile(io.BytesIO(decks[("fr", False)])) as deck:
        parts = {name: deck.read(name) for name in deck.namelist()}
    xml = {name: data.decode("utf-8") for name, data in parts.items() if name.endswith(".xml")}
    ours = [name for name in xml if name.startswith(("ppt/slides/", "ppt/notesSlides/"))]
    assert len(ours) == 2 * len(ALL_SECTIONS) + 1  # every slide, and each section's notes
    for name, text in xml.items():
        assert '<a href="https://x.example">' not in text, name
    for name in ours:  # the template's own date and number fields aside
        assert "<a:hlinkClick" not in xml[name] and "<a:fld" not in xml[name], name
    rels = " ".join(data.decode("utf-8") for name, data in parts.items() if name.endswith(".rels"))
    assert "hyperlink" not in rels and "x.example" not in rels
    title = xml["ppt/slides/slide1.xml"]
    assert '&lt;a href="https://x.example"&gt;Bourg&lt;/a&gt; &amp; =HYPERLINK(' in title


def test_document_properties_name_the_report_and_no_one(
    decks: dict[tuple[str, bool], bytes],
) -> None:
    properties = Presentation(io.BytesIO(decks[("en", False)])).core_properties
    assert properties.title == f"{HOSTILE_NAME} — 2022 report"
    assert properties.author == "" and properties.last_modified_by == ""
    assert properties.comments == "" and properties.keywords == ""
    assert properties.language == "en-GB"
    assert properties.created is not None and properties.created.year == 2023
    assert HIDDEN_PEER.encode() not in decks[("en", False)]


def test_a_chart_missing_from_the_images_given_is_an_error() -> None:
    content = build_content("fr", sections=("channels", "measures"))
    with pytest.raises(ValueError, match=r"no PNG for the charts of sections \['channels'\]"):
        report_slides(content, {})
