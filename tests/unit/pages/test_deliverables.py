"""What a consultant takes away, as the pages build it (issue 15): a chart image's content from
its block's spec, the presentation's slides, the batch's structures and progress text."""

from __future__ import annotations

import json

import pytest

from dashboard.intake.model import Dataset
from dashboard.intake.store import StoredInfo
from dashboard.pages import benchmark as bench_page
from dashboard.pages.chart_images import IMAGE_CHARTS, NoImage, image_content
from dashboard.pages.presentation import presentation_deck, slide_number
from dashboard.pages.report import (
    SourceInfo,
    batch_progress_text,
    batch_structures,
    duration_text,
    source_line,
    source_of,
    structure_report,
)
from dashboard.pages.sections import report_section
from dashboard.render.batch import BatchFailure, BatchProgress
from dashboard.urlstate import BenchmarkState

OWN = "W-STRASBOURG"
QUERY = f"?structure={OWN}&edition=2022"


@pytest.fixture
def source(demo: Dataset) -> SourceInfo:
    return SourceInfo(demo.version, None, is_demo=True)


def _others(demo: Dataset) -> list[str]:
    others = demo.structures[demo.structures["structure_id"] != OWN]
    return [*others["name"], *others["structure_id"]]


def test_every_drawn_block_of_the_pages_has_an_image() -> None:
    assert "bench-channels" in IMAGE_CHARTS and "overview-heatmap" in IMAGE_CHARTS
    assert "bench-measures" not in IMAGE_CHARTS  # a table, no chart


def test_a_block_s_image_is_its_page_section_with_its_context(
    demo: Dataset, source: SourceInfo
) -> None:
    found = image_content(demo, "bench-channels", QUERY + "&lang=en", False, source)
    view = bench_page.BenchmarkView(demo, BenchmarkState(OWN, 2022, lang="en"), False)
    assert found.section == report_section(bench_page.CHANNELS_BLOCK, view)
    assert found.content.structure_name == "Ville de Strasbourg"
    assert found.content.edition == 2022 and found.content.is_demo
    assert found.context.startswith("Ville de Strasbourg · Peers in 2022:")
    assert [s.key for s in found.content.sections] == ["channels"]


def test_an_anonymous_image_names_no_peer(demo: Dataset, source: SourceInfo) -> None:
    found = image_content(demo, "bench-distribution", QUERY, False, source)
    text = json.dumps(found.section.figure, ensure_ascii=False) + found.context
    assert "Pair 2" in text
    assert [n for n in _others(demo) if n in text] == []


def test_an_image_with_nothing_to_show_says_why(demo: Dataset, source: SourceInfo) -> None:
    with pytest.raises(NoImage, match="Aucune structure"):
        image_content(demo, "bench-channels", "?structure=NOPE", False, source)
    with pytest.raises(NoImage, match="mode consultant"):
        image_content(demo, "compare-channels", QUERY + "&compare=W-BOURG-EN-BRESSE", False,
                      source)  # fmt: skip
    with pytest.raises(NoImage, match="Choose at least one"):
        image_content(demo, "compare-channels", QUERY + "&lang=en", True, source)
    with pytest.raises(KeyError):
        image_content(demo, "bench-measures", QUERY, False, source)
    named = image_content(demo, "compare-channels", QUERY + "&compare=W-BOURG-EN-BRESSE", True,
                          source)  # fmt: skip
    assert named.context == "Comparaison\u00a0: Ville de Strasbourg, Ville de Bourg-en-Bresse"


def test_the_presentation_is_the_report_with_the_category_first(
    demo: Dataset, source: SourceInfo
) -> None:
    state = BenchmarkState(OWN, 2022)
    deck = presentation_deck(demo, state, False, source)
    report = structure_report(demo, state, False, source)
    assert deck is not None and report is not None
    assert [s.key for s in deck.slides] == [
        "category-overview", "headline", *(s.key for s in report.sections),
    ]  # fmt: skip
    first = deck.slides[0]
    assert first.title == "Villes de plus de 50 000 habitants" and first.figure is not None
    assert first.cards[0].label == "Structures auditées"
    assert deck.slides[1].cards == tuple(report.headline) or list(deck.slides[1].cards) == list(
        report.headline
    )
    assert deck.back == "/benchmark?structure=W-STRASBOURG&edition=2022"
    text = json.dumps([repr(s) for s in deck.slides], ensure_ascii=False)
    assert [n for n in _others(demo) if n in text] == []
    assert presentation_deck(demo, BenchmarkState("NOPE", 2022), False, source) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), ("8", 8), ("9", 1), ("0", 1), ("-1", 1), ("²", 1), ("3.5", 1), (None, 1),
     ("99999", 1)],
)  # fmt: skip
def test_a_slide_number_from_the_address(value: object, expected: int) -> None:
    assert slide_number(value, 8) == expected


def test_the_source_line_says_when_the_data_was_imported() -> None:
    stored = StoredInfo("abcdef0123456789", "mes-resultats.xlsx", "2023-03-12T09:30:00+00:00",
                        False)  # fmt: skip
    line = source_line(source_of(stored), 2022, "fr")
    assert "données importées le 12/03/2023" in line and "version abcdef012345" in line
    assert "édition 2022" in line


def test_the_batch_covers_the_audited_structures_of_an_edition(demo: Dataset) -> None:
    every = batch_structures(demo, 2022)
    regions = batch_structures(demo, 2022, ["region"])
    assert len(every) == 311 and 0 < len(regions) < len(every)
    assert set(regions) <= set(every)
    names = [name.casefold() for _, name in every]
    assert names == sorted(names)


def test_the_batch_progress_in_words() -> None:
    failure = BatchFailure("S1", "ValueError: boom")
    assert batch_progress_text(BatchProgress(0, 311, (), 0.0), "fr") == "0 / 311 rapports"
    text = batch_progress_text(BatchProgress(11, 311, (failure,), 22.0), "fr")
    assert text == "11 / 311 rapports · 1 échec · environ 10 min 00 s restantes"
    text = batch_progress_text(BatchProgress(1, 2, (failure, failure), 5.0), "en")
    assert text == "1 / 2 reports · 2 failures · about 5 s left"
    assert batch_progress_text(BatchProgress(2, 2, (), 9.0), "en") == "2 / 2 reports"
    assert duration_text(3725, "fr") == "1 h 02 min"
