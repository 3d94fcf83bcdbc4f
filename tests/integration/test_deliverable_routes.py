"""The deliverables through the app's real routes (issue 15), one app server (anonymous mode,
demo data) for the module: the report's PDF (read by pdftotext) and PowerPoint (read by
python-pptx) show the structure's rank "r / N", its global score and its peers' median
exactly as an independent pandas computation of the contract's §5 gives them, in French and
English; the chart images have their size and texts; and nothing of them (PDF text and
metadata, every part of the PPTX, the PNG's chunks, the SVG, the presentation, the CLI's zip)
names or identifies another structure."""

from __future__ import annotations

import io
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from dashboard.i18n import format_number, translate
from dashboard.intake.model import Dataset
from dashboard.intake.schema import StructureCol, TestCol
from dashboard.render.images import DOWNLOAD_WIDTH, PNG_SCALE, slugify
from tests.rendered import pdf_text, plain_spaces, png_chunks, svg_text
from tests.servers import running_app

EDITION = 2022


@dataclass(frozen=True)
class Standing:
    """A structure's standing among its category's structures in EDITION, by pandas."""

    structure_id: str
    name: str
    rank: int
    n: int
    score: float
    median: float
    peer_ids: tuple[str, ...]


def standings(demo: Dataset) -> pd.DataFrame:
    """Contract §5: channel score = mean of the tests' scores; global score = mean of the
    channel scores; rank = 1 + peers strictly higher; median by linear interpolation."""
    tests = demo.tests[demo.tests[TestCol.EDITION] == EDITION]
    channel = tests.groupby([TestCol.STRUCTURE_ID, TestCol.CHANNEL])[TestCol.SCORE].mean()
    overall = channel.groupby(level=0).mean().rename("score").reset_index()
    frame = overall.merge(demo.structures, on=StructureCol.STRUCTURE_ID)
    frame["rank"] = frame.groupby(StructureCol.CATEGORY)["score"].transform(
        lambda s: s.apply(lambda v: 1 + int((s > v).sum()))
    )
    frame["n"] = frame.groupby(StructureCol.CATEGORY)["score"].transform("size")
    frame["median"] = frame.groupby(StructureCol.CATEGORY)["score"].transform("median")
    return frame


def standing_of(demo: Dataset, frame: pd.DataFrame, sid: str) -> Standing:
    row = frame[frame[StructureCol.STRUCTURE_ID] == sid].iloc[0]
    peers = frame[frame[StructureCol.CATEGORY] == row[StructureCol.CATEGORY]]
    return Standing(
        sid,
        str(row[StructureCol.NAME]),
        int(row["rank"]),
        int(row["n"]),
        float(row["score"]),
        float(row["median"]),
        tuple(str(p) for p in peers[StructureCol.STRUCTURE_ID] if p != sid),
    )


@pytest.fixture(scope="module")
def middle(demo: Dataset) -> Standing:
    """A city of 20,000 to 50,000 in the middle of its peers (not first: a rank of 1 and a
    score equal to the best would prove less)."""
    frame = standings(demo)
    cities = frame[frame[StructureCol.CATEGORY] == "city_20k_50k"].sort_values("score")
    sid = str(cities.iloc[len(cities) // 3][StructureCol.STRUCTURE_ID])
    return standing_of(demo, frame, sid)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(Path(tmp_path_factory.mktemp("data"))) as url:
        yield url


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def query(sid: str, lang: str, **extra: str) -> str:
    params = {"structure": sid, "edition": str(EDITION), **extra}
    if lang == "en":
        params["lang"] = "en"
    return "?" + urlencode(params)


def expected_texts(standing: Standing, lang: str) -> list[str]:
    return [
        f"{standing.rank} / {standing.n}",
        plain_spaces(
            translate("ui.unit.score", lang, value=format_number(standing.score, lang, 1))
        ),
        format_number(standing.median, lang, 1),
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_shows_rank_score_and_median_as_pandas_computes_them(
    base: str, middle: Standing, lang: str
) -> None:
    status, headers, pdf = get(f"{base}/rapport.pdf{query(middle.structure_id, lang)}")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].endswith(f'_{EDITION}.pdf"')
    reader = PdfReader(io.BytesIO(pdf))
    cover = plain_spaces(reader.pages[0].extract_text())
    text = pdf_text(pdf)
    for wanted in expected_texts(middle, lang):
        assert wanted in text, wanted
        assert wanted in cover, wanted  # the headline cards, on the cover
    assert middle.name in cover
    assert plain_spaces(translate("report.method", lang)) in text  # the method page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pptx_shows_rank_score_and_median_as_pandas_computes_them(
    base: str, middle: Standing, lang: str
) -> None:
    status, headers, data = get(f"{base}/rapport.pptx{query(middle.structure_id, lang)}")
    assert status == 200 and headers["Content-Disposition"].endswith(f'_{EDITION}.pptx"')
    deck = Presentation(io.BytesIO(data))
    first = plain_spaces(
        " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    )
    for wanted in expected_texts(middle, lang):
        assert wanted in first, (wanted, first)
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    assert translate("ui.bench.channels_title", lang) in titles
    assert deck.slide_width * 9 == deck.slide_height * 16


def test_the_report_page_is_print_ready_html_with_its_downloads(
    base: str, middle: Standing
) -> None:
    status, headers, page = get(f"{base}/rapport{query(middle.structure_id, 'fr')}")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    document = page.decode("utf-8")
    assert "@page" in document and "size: A4" in document
    assert f'href="/rapport.pdf?structure={middle.structure_id}&amp;edition={EDITION}"' in document
    assert "Données de démonstration" in document  # the demo is active


def test_a_report_of_no_structure_is_a_page_saying_so(base: str) -> None:
    for path in ("/rapport?structure=NOPE", "/rapport.pdf", "/presentation?edition=2022",
                 "/image/bench-channels.png?structure=%3Cscript%3E"):  # fmt: skip
        status, headers, body = get(base + path)
        assert status == 404 and headers["Content-Type"].startswith("text/html"), path
        assert "Aucune structure choisie" in body.decode("utf-8"), path
        assert "<script>" not in body.decode("utf-8")
    status, _, body = get(f"{base}/image/not-a-chart.png?structure=W-STRASBOURG")
    assert status == 404
    status, _, body = get(f"{base}/image/compare-channels.png{query('W-STRASBOURG', 'fr')}")
    assert status == 404 and "mode consultant" in body.decode("utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_chart_image_has_its_size_title_context_and_source(
    base: str, middle: Standing, lang: str
) -> None:
    q = query(middle.structure_id, lang)
    status, headers, png = get(f"{base}/image/bench-channels.png{q}")
    assert status == 200 and headers["Content-Type"] == "image/png"
    title = translate("ui.bench.channels_title", lang)
    slug = "score-par-canal-face-aux-pairs" if lang == "fr" else "score-by-channel-against-peers"
    filename = f"{slug}_{slugify(middle.name)}_{EDITION}.png"
    assert headers["Content-Disposition"] == f'attachment; filename="{filename}"'

    with Image.open(io.BytesIO(png)) as image:
        assert image.size[0] == PNG_SCALE * DOWNLOAD_WIDTH
        assert image.size[1] > PNG_SCALE * 400
    assert set(png_chunks(png)) <= {"IHDR", "IDAT", "IEND", "sRGB", "gAMA", "pHYs"}
    status, headers, svg = get(f"{base}/image/bench-channels.svg{q}")
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    text = plain_spaces(svg_text(svg))
    assert title in text
    assert middle.name in text  # the context line, and the legend
    assert f"N = {middle.n}" in text
    assert plain_spaces(translate("report.demo", lang)) in text
    assert plain_spaces(translate("report.source_demo", lang)) in text
    if lang == "fr":  # French number formats: "20 000" in the peer group's category
        assert "Villes de 20 000 à 50 000 habitants" in text
    # The overview's charts too, named after the overview.
    status, headers, _ = get(f"{base}/image/overview-heatmap.svg?edition={EDITION}")
    assert status == 200 and "_2022.svg" in headers["Content-Disposition"]


# --- Anonymity, end to end ----------------------------------------------------------------


def _needles(demo: Dataset, own: str) -> list[str]:
    """Every other structure's name and id, as a viewer of the page could not see them."""
    others = demo.structures[demo.structures[StructureCol.STRUCTURE_ID] != own]
    return [*others[StructureCol.NAME].astype(str), *others[StructureCol.STRUCTURE_ID].astype(str)]


def _found(needles: list[str], texts: list[str]) -> list[str]:
    return sorted({n for n in needles for t in texts if n in t})


@pytest.fixture(scope="module")
def deliverable_texts(base: str, middle: Standing) -> list[str]:
    """Every text a viewer takes away for the structure, through the routes: PDF text and
    metadata, every PPTX part, PNG bytes, SVGs, the report page and the presentation."""
    texts: list[str] = []
    for lang in ("fr", "en"):
        q = query(middle.structure_id, lang)
        _, _, pdf = get(f"{base}/rapport.pdf{q}")
        texts.append(pdf_text(pdf))
        texts.append(repr(dict(PdfReader(io.BytesIO(pdf)).metadata or {})))
        texts.append(pdf.decode("latin-1"))
        _, _, pptx = get(f"{base}/rapport.pptx{q}")
        with zipfile.ZipFile(io.BytesIO(pptx)) as deck:
            texts += [deck.read(n).decode("utf-8", "replace") for n in deck.namelist()]
        for chart in ("bench-channels", "bench-criteria", "bench-trajectory", "bench-distribution"):
            for fmt in ("png", "svg"):
                status, _, data = get(f"{base}/image/{chart}.{fmt}{q}")
                # 404: a chart with nothing to draw (a single edition: no trajectory).
                assert status == 200 or chart == "bench-trajectory", (chart, fmt, status)
                texts.append(data.decode("utf-8", "replace"))
        for path in ("/rapport", "/presentation"):
            status, _, page = get(f"{base}{path}{q}")
            assert status == 200
            texts.append(page.decode("utf-8"))
    return texts


def test_no_deliverable_names_or_identifies_a_peer(
    demo: Dataset, middle: Standing, deliverable_texts: list[str]
) -> None:
    assert _found([middle.name], deliverable_texts) == [middle.name]  # the scan reads them
    assert _found(_needles(demo, middle.structure_id), deliverable_texts) == []


@pytest.mark.slow
def test_the_cli_zip_names_no_peer_in_any_report(
    demo: Dataset, tmp_path: Path, small_dataset: Path
) -> None:
    """The reports of an edition (the CLI's zip, as sent to each structure): each report
    names its own structure and no other, in its file name and in its text."""
    from tests.conftest import ROOT
    from tests.servers import app_env, import_with_cli

    data = tmp_path / "data"
    import_with_cli(data, small_dataset)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "reports", "--edition", str(EDITION), "--out", str(out),
         "--format", "pdf,pptx"],
        cwd=ROOT, env=app_env(data), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (archive,) = out.glob("*.zip")
    structures = pd.read_csv(small_dataset / "structures.csv", dtype=str)
    with zipfile.ZipFile(archive) as bundle:
        names = bundle.namelist()
        assert len(names) == 2 * len(structures)
        for sid, name in zip(structures[StructureCol.STRUCTURE_ID], structures[StructureCol.NAME],
                             strict=True):  # fmt: skip
            pdf = next(n for n in names if sid.lower() in n and n.endswith(".pdf"))
            pptx = pdf[:-4] + ".pptx"
            texts = [pdf_text(bundle.read(pdf)), pdf, pptx]
            with zipfile.ZipFile(io.BytesIO(bundle.read(pptx))) as deck:
                texts += [deck.read(n).decode("utf-8", "replace") for n in deck.namelist()]
            assert _found([name], texts) == [name]
            others = [n for n in structures[StructureCol.NAME] if n != name and n not in name]
            others += [s for s in structures[StructureCol.STRUCTURE_ID] if s != sid]
            assert _found(others, texts) == [], sid
