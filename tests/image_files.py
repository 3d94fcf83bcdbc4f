"""What an image file holds, read with the standard library only (none of the app's code): the
chunk types of a PNG and the texts an SVG draws."""

from __future__ import annotations

import struct
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
