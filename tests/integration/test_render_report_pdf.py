"""The structure report as HTML and PDF (dashboard.render.report_pdf): read back with pypdf
and pdftotext, as a person reading or searching the PDF would."""

from __future__ import annotations

import base64
import dataclasses
import io
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard.render.report_pdf import chart_svgs, report_html, report_pdf
from dashboard.report_model import ReportSection, ReportTable
from tests.rendered import plain_spaces
from tests.report_content import (
    ALL_SECTIONS,
    HIDDEN_PEER,
    HOSTILE_NAME,
    PEER_GROUP,
    SOURCE,
    TITLES,
    build_content,
    expected,
)


def pdftotext_pages(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> list[str]:
    """Each page's text as pdftotext reads it (in reading order, or as laid out: a table's
    row on one line), spaces normalised."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    mode = ["-layout"] if layout else []
    out = subprocess.run(
        ["pdftotext", *mode, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [plain_spaces(page) for page in out.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def reports() -> dict[tuple[str, bool], tuple[bytes, str]]:
    """(PDF, HTML) in French and English, with the demo warning or without, for a structure
    whose name holds markup and a formula."""
    out = {}
    for lang in ("fr", "en"):
        for demo in (False, True):
            content = build_content(lang, HOSTILE_NAME, is_demo=demo)
            svgs = chart_svgs(content)
            out[(lang, demo)] = (report_pdf(content, svgs), report_html(content, svgs))
    return out


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_says_who_where_and_how_well_as_text(
    reports: dict[tuple[str, bool], tuple[bytes, str]], lang: str, tmp_path: Path
) -> None:
    pdf, _ = reports[(lang, False)]
    pages = pdftotext_pages(pdf, tmp_path)
    whole = " ".join(pages)
    exp = expected(lang)
    assert exp.rank_text == "20 / 57"  # the independent pandas computation
    assert HOSTILE_NAME in whole
    for shown in (exp.rank_text, exp.score_text, exp.median_text):
        assert shown in pages[0]  # the cover's headline cards
    assert plain_spaces(PEER_GROUP[lang]) in pages[0] and "57" in pages[0]
    assert ("Édition 2022" if lang == "fr" else "Edition 2022") in pages[0]
    for key in ALL_SECTIONS:
        assert TITLES[key][lang] in whole
    # pypdf reads the same text: it is text, not a picture of it.
    text = plain_spaces(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert exp.rank_text in text and exp.score_text in text and exp.median_text in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_has_its_number_and_the_source_line(
    reports: dict[tuple[str, bool], tuple[bytes, str]], lang: str, tmp_path: Path
) -> None:
    pdf, _ = reports[(lang, False)]
    pages = pdftotext_pages(pdf, tmp_path)
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    assert len(pages) == count
    # Cover (with the summary), one page per chart, the table-only section after the last
    # chart, the method page.
    assert count == 5
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} / {count}" in page
        assert plain_spaces(SOURCE[lang]) in page
        assert "démonstration" not in page and "Demo data" not in page
    method = "Méthode et définitions" if lang == "fr" else "Method and definitions"
    assert method in pages[-1]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_demo_warning_is_on_every_page(
    reports: dict[tuple[str, bool], tuple[bytes, str]], lang: str, tmp_path: Path
) -> None:
    pdf, _ = reports[(lang, True)]
    warning = "Données de démonstration" if lang == "fr" else "Demo data"
    for page in pdftotext_pages(pdf, tmp_path):
        assert warning in page


def test_a_chart_and_its_table_share_a_page(
    reports: dict[tuple[str, bool], tuple[bytes, str]], tmp_path: Path
) -> None:
    pdf, _ = reports[("fr", False)]
    pages = pdftotext_pages(pdf, tmp_path, layout=True)
    # The section's page (the cover lists it too): its title, chart and table together.
    page = next(page for page in pages[1:] if page.startswith("Score par canal"))
    assert "non audité" in page  # the chart's own text
    assert "Canal Votre score Médiane des pairs Rang" in page  # the table's header row
    for row in ("Accueil physique 80,0 75,0 5 / 57", "Téléphone 71,5 65,0 12 / 57"):
        assert row in page


def test_a_long_table_is_cut_between_rows_with_its_header_repeated(tmp_path: Path) -> None:
    rows = [[f"Ligne {n}", f"{n},0"] for n in range(1, 121)]
    section = ReportSection(
        "long", "Longue table", table=ReportTable(["Libellé", "Valeur"], rows, [False, True])
    )
    content = dataclasses.replace(build_content("fr", sections=()), sections=[section])
    pages = pdftotext_pages(report_pdf(content, {}), tmp_path, layout=True)
    holding = [page for page in pages if "Ligne " in page]
    assert len(holding) >= 2
    for page in holding:
        assert "Libellé Valeur" in page  # the header row on every page of the table
    assert all(f"Ligne {n} {n},0" in " ".join(holding) for n in (1, 60, 120))


def test_the_html_shows_names_as_text_never_as_markup(
    reports: dict[tuple[str, bool], tuple[bytes, str]],
) -> None:
    _, document = reports[("fr", False)]
    assert '<a href="https://x.example">' not in document
    assert "&lt;a href=&quot;https://x.example&quot;&gt;Bourg&lt;/a&gt;" in document

    class Resources(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.links: list[str] = []
            self.charts: list[str] = []
            self.active: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = dict(attrs)
            if tag == "img":
                self.charts.append(values.get("src") or "")
            elif tag == "a":
                self.links.append(values.get("href") or "")
            elif tag in {"script", "iframe", "object", "embed", "link", "svg", "base"}:
                self.active.append(tag)

    parser = Resources()
    parser.feed(document)
    # Links to the report's own sections, the charts as SVG data, nothing else: no script,
    # no outside resource, and the name's markup is text.
    assert parser.links and all(link.startswith("#") for link in parser.links)
    assert len(parser.links) == len(ALL_SECTIONS) + 1  # the contents, the method page too
    assert parser.active == []
    prefix = "data:image/svg+xml;base64,"
    assert len(parser.charts) == 3 and all(src.startswith(prefix) for src in parser.charts)
    for src in parser.charts:
        svg = base64.b64decode(src.removeprefix(prefix))
        nodes = list(ET.fromstring(svg).iter())
        assert not [n for n in nodes if n.tag.rpartition("}")[2] in {"a", "script", "image"}]
        assert not [n for n in nodes if any(name.endswith("href") for name in n.attrib)]


def test_pdf_metadata_and_fonts(reports: dict[tuple[str, bool], tuple[bytes, str]]) -> None:
    pdf, _ = reports[("en", False)]
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None
    assert reader.metadata.title == f"{HOSTILE_NAME} — 2022 report"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("+DejaVu-Sans" in font for font in fonts)
    assert HIDDEN_PEER.encode() not in pdf


def test_a_report_without_charts_needs_no_browser(tmp_path: Path) -> None:
    content = build_content("en", sections=("summary", "measures"))
    assert chart_svgs(content) == {}
    pages = pdftotext_pages(report_pdf(content), tmp_path)
    assert "Channel measures" in " ".join(pages)


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(tmp_path: Path) -> None:
    content = build_content("fr", sections=("channels",))
    rows = [[f"Ligne {n}", f"{n},0"] for n in range(1, 41)]
    after = ReportSection(
        "after", "Table qui suit", table=ReportTable(["Libellé", "Valeur"], rows, [False, True])
    )
    content = dataclasses.replace(content, sections=[*content.sections, after], method=())
    pages = pdftotext_pages(report_pdf(content), tmp_path)
    heading = [i for i, page in enumerate(pages) if "Table qui suit" in page][-1]
    assert "Ligne 1 " in pages[heading] or "Ligne 1 1,0" in pages[heading]


def test_a_chart_missing_from_the_svgs_given_is_an_error() -> None:
    content = build_content("fr", sections=("channels", "measures"))
    with pytest.raises(ValueError, match=r"no SVG for the charts of sections \['channels'\]"):
        report_html(content, {})
