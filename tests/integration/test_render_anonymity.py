"""Anonymity holds in every deliverable (issue 15, point 6): what a viewer cannot see on the
page (a peer's name, here only in a chart's hover texts) is in no image, PDF, slide or zip.

The scan reads the PDF's text (pdftotext) and metadata (pypdf), every part of the PPTX (XML
and media), the PNG's chunks and the SVG; a control string that the content does show is
found by the same scan, so a scan that reads nothing cannot pass."""

from __future__ import annotations

import io
import subprocess
import unicodedata
import zipfile

import pytest
from pypdf import PdfReader

from dashboard.render.batch import render_report
from dashboard.render.images import chart_image
from tests.report_content import HIDDEN_PEER, build_content

CONTROL = "Bourg-Témoin-Visible"


def _forms(text: str) -> list[str]:
    """The text as written, without accents, and in the ways XML or HTML may escape it."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    xml = "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in text)
    return [text, folded, xml, folded.lower()]


def scan(text_parts: list[str], binary_parts: list[bytes], needle: str) -> list[str]:
    """Where any form of `needle` appears."""
    found = []
    for form in _forms(needle):
        found += [f"text:{form}" for part in text_parts if form in part]
        found += [f"bytes:{form}" for part in binary_parts if form.encode("utf-8") in part]
    return found


@pytest.fixture(scope="module")
def deliverables(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[bytes]]:
    texts: list[str] = []
    blobs: list[bytes] = []
    for lang in ("fr", "en"):
        content = build_content(lang, CONTROL)
        files = render_report(content, ("pdf", "pptx"))
        path = tmp_path_factory.mktemp("pdf") / "r.pdf"
        path.write_bytes(files["pdf"])
        texts.append(
            subprocess.run(
                ["pdftotext", str(path), "-"], capture_output=True, check=True
            ).stdout.decode("utf-8")
        )
        reader = PdfReader(io.BytesIO(files["pdf"]))
        texts.append(repr(dict(reader.metadata or {})))
        texts += [page.extract_text() for page in reader.pages]
        blobs.append(files["pdf"])
        with zipfile.ZipFile(io.BytesIO(files["pptx"])) as deck:
            for name in deck.namelist():
                data = deck.read(name)
                blobs.append(data)
                if name.endswith((".xml", ".rels")):
                    texts.append(data.decode("utf-8"))
        distribution = next(s for s in content.sections if s.key == "distribution")
        png = chart_image(distribution, content, "png")
        svg = chart_image(distribution, content, "svg")
        blobs += [png, svg]
        texts.append(svg.decode("utf-8"))
    return texts, blobs


def test_the_hidden_peer_is_in_the_content_given_to_the_renderers() -> None:
    content = build_content("fr", CONTROL)
    distribution = next(s for s in content.sections if s.key == "distribution")
    assert HIDDEN_PEER in repr(distribution.figure)  # hover texts: shown by no static file


def test_no_deliverable_holds_a_peer_name_the_page_does_not_show(
    deliverables: tuple[list[str], list[bytes]],
) -> None:
    texts, blobs = deliverables
    assert scan(texts, blobs, CONTROL)  # the scan sees what is shown
    assert scan(texts, blobs, HIDDEN_PEER) == []
