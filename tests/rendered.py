"""What a rendered file holds, read without the app's code: the chunk types of a PNG, the texts an
SVG draws, the text of a PDF (Poppler's pdftotext); and a text's spaces as a reader sees them."""

from __future__ import annotations

import struct
import subprocess
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_chunks(png: bytes) -> list[str]:
    """The type of every chunk of a PNG file, in file order ("IHDR", "IDAT", …, "IEND");
    fails (AssertionError) when `png` does not start with the PNG signature."""
    assert png[:8] == PNG_SIGNATURE
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        chunks.append(png[at + 4 : at + 8].decode("ascii"))
        at += 12 + length
    return chunks


def svg_text(svg: bytes) -> str:
    """Every text an SVG draws (its <text> elements, in document order), their lines joined
    by spaces, as written (no-break spaces kept)."""
    root = ET.fromstring(svg)
    return " ".join(" ".join(node.itertext()) for node in root.iter(f"{SVG}text"))


def plain_spaces(text: str) -> str:
    """`text` with spaces as a reader sees them: no-break spaces (French typography's narrow
    and wide) and line ends read as spaces, runs of spaces as one, none at either end."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def pdf_text(pdf: bytes) -> str:
    """Every text of a PDF as `pdftotext -enc UTF-8` reads it, pages in order, with
    `plain_spaces`; raises CalledProcessError when pdftotext cannot read it."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode("utf-8")  # fmt: skip
    return plain_spaces(out)
