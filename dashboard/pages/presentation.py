"""The presentation mode (issue 15, point 5): « Ma structure » as slides for a room, built
from the same ReportContent as the report (dashboard/pages/report.py), so that the page, the
report, the slides and the presentation show the same numbers from the same code.

Slides, in order: the overview of the structure's category in the edition (the overview
page's indicator cards and its distribution of global scores, for that category alone:
what anyone sees on « Vue d'ensemble »), the structure's own headline, then one slide per
section of the report (summary, per channel, per criterion, channel measures, trajectory,
distribution). Anonymity is the page's (the report content's): unless `named`, peers are
"Pair N" and peer values rounded as shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import category_label, translate
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.intake.schema import StructureCol
from dashboard.pages import overview as overview_page
from dashboard.pages.report import SourceInfo, structure_report
from dashboard.pages.sections import report_section
from dashboard.report_model import Figure, HeadlineCard, ReportContent, ReportTable
from dashboard.urlstate import BenchmarkState, OverviewState, Route, benchmark_query

OVERVIEW_CARDS: Final = 6  # indicator cards on the first slide: readable from the back
SLIDE_PARAM: Final = "slide"


@dataclass(frozen=True)
class Slide:
    """One slide: `key` (a slug, unique in the deck), `kicker` (a small line above the
    title), `title`, `caption`, `cards` (headline figures), `paragraphs`, `figure` (a
    plotly figure, drawn as SVG by the server), `table` and `notes`; all texts plain."""

    key: str
    title: str
    kicker: str = ""
    caption: str = ""
    cards: Sequence[HeadlineCard] = ()
    paragraphs: Sequence[str] = ()
    figure: Figure | None = None
    table: ReportTable | None = None
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class Deck:
    """A structure's presentation: its slides, the source line and demo flag shown on every
    slide, and `back`, the address of « Ma structure » in the same state (Escape)."""

    lang: str
    structure_name: str
    edition: int
    source_line: str
    is_demo: bool
    back: str
    slides: Sequence[Slide]


def _overview_slide(dataset: Dataset, category: str, edition: int, lang: str) -> Slide:
    state = OverviewState(edition, categories=(category,), lang="en" if lang == "en" else "fr")
    payload = overview_page.overview_payload(dataset, state)
    view = overview_page.OverviewView(dataset, state)
    section = report_section(overview_page.DISTRIBUTION, view)
    cards = [
        HeadlineCard(card.label, card.value, card.basis) for card in payload.cards[:OVERVIEW_CARDS]
    ]
    return Slide(
        key="category-overview",
        kicker=translate("deliverables.slide.overview_kicker", lang, edition=edition),
        title=category_label(category, lang),
        caption=section.title,
        cards=cards,
        figure=section.figure,
        notes=section.notes,
    )


def _headline_slide(content: ReportContent) -> Slide:
    return Slide(
        key="headline",
        kicker=translate("report.edition", content.lang, edition=content.edition),
        title=content.structure_name,
        caption=content.peer_group,
        cards=content.headline,
    )


def presentation_deck(
    dataset: Dataset,
    state: BenchmarkState,
    named: bool,
    source: SourceInfo,
    generated_at: datetime | None = None,
    indicators: Sequence[IndicatorTable] = (),
) -> Deck | None:
    """The presentation of « Ma structure » for `state` (None when the state names no
    structure or edition of the dataset); `indicators`: the public indicator tables loaded."""
    content = structure_report(dataset, state, named, source, generated_at, indicators=indicators)
    if content is None or state.structure is None:
        return None
    category = str(aggregates_for(dataset).structures.loc[state.structure, StructureCol.CATEGORY])
    slides = [
        _overview_slide(dataset, category, content.edition, content.lang),
        _headline_slide(content),
    ]
    for section in content.sections:
        slides.append(
            Slide(
                key=section.key,
                kicker=content.structure_name,
                title=section.title,
                caption=section.caption,
                paragraphs=section.paragraphs,
                figure=section.figure,
                # A chart's numbers are in the report; a block without one is its table.
                table=section.table if section.figure is None else None,
                notes=section.notes,
            )
        )
    return Deck(
        lang=content.lang,
        structure_name=content.structure_name,
        edition=content.edition,
        source_line=content.source_line,
        is_demo=content.is_demo,
        back=Route.BENCHMARK + benchmark_query(state),
        slides=slides,
    )


def slide_number(value: object, total: int) -> int:
    """The slide an address names (`slide=3`, 1-based), within 1..total; 1 for anything
    else (absent, not a number, out of range)."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 4:
        number = int(value)
        if 1 <= number <= total:
            return number
    return 1
