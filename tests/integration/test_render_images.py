"""Chart images (dashboard.render.images): drawn by kaleido in Debian's Chromium, with their
title, context and source line in the image, French number formats, safe file names, names
shown as text, nothing in the file beyond the drawing."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import threading
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from PIL import Image

from dashboard.render import images
from dashboard.render import overview_charts as charts
from dashboard.render.images import (
    ChartServer,
    ImageRenderError,
    ImageRequest,
    chart_image,
    framed_figure,
    image_filename,
    section_filename,
    slugify,
)
from dashboard.report_model import ReportSection
from tests.rendered import plain_spaces, png_chunks, svg_text
from tests.report_content import HIDDEN_PEER, HOSTILE_NAME, SOURCE, build_content


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_png_is_twice_the_framed_figure_and_carries_nothing_else(lang: str) -> None:
    content = build_content(lang, HOSTILE_NAME, is_demo=True)
    section = content.sections[1]
    framed = framed_figure(section.figure or {}, section.title, content)
    png = chart_image(section, content, "png")
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (2 * images.DOWNLOAD_WIDTH, 2 * framed["layout"]["height"])
        assert image.info == {} or set(image.info) <= {"dpi", "gamma", "srgb"}
    # Image data only: no text, time, EXIF or ICC chunk that could carry anything.
    assert set(png_chunks(png)) <= {"IHDR", "IDAT", "IEND", "sRGB", "gAMA", "pHYs"}
    assert HIDDEN_PEER.encode() not in png


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_svg_draws_title_context_and_source_as_text(lang: str) -> None:
    content = build_content(lang, HOSTILE_NAME, is_demo=True)
    section = content.sections[1]
    svg = chart_image(section, content, "svg")
    text = plain_spaces(svg_text(svg))
    assert section.title in text
    assert plain_spaces(SOURCE[lang]) in text
    assert plain_spaces(images.image_context(content)) in text
    assert HOSTILE_NAME in text  # as written, in the context line and the legend
    assert "2022" in text and "57" in text
    # Never markup: no link, no element made of the name.
    root = ET.fromstring(svg)
    assert not [node for node in root.iter() if node.tag.endswith("}a") or node.tag == "a"]
    assert b'<a href="https://x.example">' not in svg
    assert HIDDEN_PEER not in svg.decode("utf-8")  # a hover text is never drawn


def test_the_demo_warning_is_drawn_when_the_demo_is_active() -> None:
    section = build_content("fr").sections[1]
    plain = plain_spaces(svg_text(chart_image(section, build_content("fr"), "svg")))
    demo = plain_spaces(svg_text(chart_image(section, build_content("fr", is_demo=True), "svg")))
    assert "démonstration" not in plain and "Données de démonstration" in demo


@pytest.mark.parametrize(("lang", "shown"), [("fr", "61,7"), ("en", "61.7")])
def test_numbers_follow_the_language(lang: str, shown: str) -> None:
    frame = pd.DataFrame(
        {
            "category": ["region", "region"],
            "channel": ["phone", "email"],
            "mean_score": [61.7, 93.25],
            "structures": [13, 13],
        }
    )
    content = build_content(lang)
    section = ReportSection("heatmap", "Heatmap", figure=charts.make_heatmap(frame, lang))
    text = svg_text(chart_image(section, content, "svg"))
    assert shown in text
    other = "61.7" if lang == "fr" else "61,7"
    assert other not in text


def test_framing_leaves_the_figure_alone() -> None:
    content = build_content("fr")
    figure = content.sections[1].figure or {}
    before = repr(figure)
    framed = framed_figure(figure, "Titre", content)
    assert repr(figure) == before
    assert framed["layout"]["height"] > figure["layout"]["height"]
    assert framed["layout"]["title"]["text"] == "Titre"


def test_file_names_come_from_chart_structure_and_edition() -> None:
    assert (
        image_filename("Score par canal", "Bourg-en-Bresse", 2022, "png")
        == "score-par-canal_bourg-en-bresse_2022.png"
    )
    assert image_filename("Évolution", "Évry-Courcouronnes", 2021, "svg") == (
        "evolution_evry-courcouronnes_2021.svg"
    )
    assert slugify("Œuvres sociales d'Île-de-France") == "oeuvres-sociales-d-ile-de-france"
    hostile = image_filename("Score", HOSTILE_NAME, 2022, "png")
    assert hostile == "score_a-href-https-x-example-bourg-a-hyperlink-https-x_2022.png"
    assert image_filename("???", "///", 2022, "png") == "image_structure_2022.png"
    long = slugify("mot " * 40)
    assert len(long) <= images.SLUG_LENGTH and not long.endswith("-")
    content = build_content("fr")
    assert section_filename(content.sections[1], content, "png") == (
        "score-par-canal_bourg-en-bresse_2022.png"
    )


def test_the_drawing_page_loads_nothing_from_the_network() -> None:
    index = images.page_generator().generate_index()
    assert "http://" not in index and "https://" not in index
    assert "mathjax" not in index.lower()


def test_threads_share_the_one_browser_and_get_their_own_images() -> None:
    content = build_content("fr")
    figure = content.sections[1].figure or {}
    results: dict[int, bytes] = {}

    def draw(number: int) -> None:
        framed = framed_figure(figure, f"Graphique numéro {number}", content)
        results[number] = images.render_images([ImageRequest(framed, "svg", 600)])[0]

    threads = [threading.Thread(target=draw, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for number, svg in results.items():
        assert f"Graphique numéro {number}" in svg_text(svg)
    assert sorted(results) == [0, 1, 2, 3]
    assert images.SERVER.running


def test_a_missing_chromium_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(images.CHROMIUM_ENV, "/nonexistent/chromium")
    server = ChartServer()
    request = ImageRequest({"data": [], "layout": {"height": 200}}, "svg", 300)
    with pytest.raises(ImageRenderError, match="Chromium not found at /nonexistent/chromium"):
        server.render([request])
    assert not server.running


@pytest.mark.parametrize(
    "figure",
    [{"data": 5, "layout": {}}, {"data": [], "layout": {"height": "tall"}}],
    ids=["data-not-a-list", "height-not-a-number"],
)
def test_a_figure_that_cannot_be_drawn_is_an_image_render_error(figure: dict[str, object]) -> None:
    with pytest.raises(ImageRenderError, match=r"could not be drawn|kaleido can draw"):
        images.render_images([ImageRequest(figure, "svg", 300)])
    # The browser still draws the next image.
    good = ImageRequest({"data": [], "layout": {"height": 200}}, "png", 300, 2)
    with Image.open(io.BytesIO(images.render_images([good])[0])) as image:
        assert image.size == (600, 400)


def test_a_browser_that_died_is_replaced() -> None:
    good = ImageRequest({"data": [], "layout": {"height": 200}}, "svg", 300)
    images.render_images([good])
    process = images.SERVER._kaleido.subprocess  # the Chromium this test's process started
    process.kill()
    process.wait(10)
    # The request under way when it died may fail, with a clear error.
    with contextlib.suppress(ImageRenderError):
        images.render_images([good])
    assert b"<svg" in images.render_images([good])[0]
    assert images.SERVER.running


def _draw_in_child(queue: multiprocessing.Queue[object]) -> None:
    request = ImageRequest({"data": [], "layout": {"height": 200}}, "png", 300, 2)
    try:
        png = images.render_images([request])[0]
        with Image.open(io.BytesIO(png)) as image:
            queue.put((image.size, images.SERVER._pid == os.getpid()))
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(repr(exc))
    finally:
        images.close_image_server()


def test_a_forked_child_draws_with_a_browser_of_its_own() -> None:
    """As a Dash background job does: a child forked from a process that has a browser."""
    good = ImageRequest({"data": [], "layout": {"height": 200}}, "svg", 300)
    images.render_images([good])
    parent_browser = images.SERVER._kaleido
    context = multiprocessing.get_context("fork")
    queue: multiprocessing.Queue[object] = context.Queue()
    child = context.Process(target=_draw_in_child, args=(queue,))
    child.start()
    answer = queue.get(timeout=120)
    child.join(30)
    assert answer == ((600, 400), True)
    assert child.exitcode == 0
    # The parent's browser is still its own, and still draws.
    assert images.SERVER._kaleido is parent_browser
    assert b"<svg" in images.render_images([good])[0]
