"""A chart block of a page as a downloadable image (issue 15, point 1): which block an image
address names, and what its image says around the figure, built from the block's own spec
(the same frame, figure and texts as the page).

`image_content(dataset, chart_name, search, named, source)` reads the page's state from the
address's query (dashboard/urlstate.py, as the page reads it) and gives the block's section,
a ReportContent holding it (structure or scope, edition, peer group, N, source line, demo
flag) and the context line drawn under the image's title. Anonymity is the page's: unless
`named`, peers are "Pair N" and peer values are rounded as shown; the comparison's charts
exist in named mode only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from dashboard.i18n import Lang, count_text, normalise_lang, translate
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.pages import benchmark as bench_page
from dashboard.pages import overview as overview_page
from dashboard.pages import territories as territories_page
from dashboard.pages.report import SourceInfo, date_text, source_line, structure_report
from dashboard.pages.sections import report_section
from dashboard.report_model import ReportContent, ReportSection
from dashboard.urlstate import parse_overview

# The drawn blocks whose image can be downloaded, by page.
# Plotly blocks only: a block drawn as HTML (the map of France) has its table and CSV instead.
OVERVIEW_CHARTS: Final = tuple(s.name for s in overview_page.SECTIONS if s.plotted)
BENCH_CHARTS: Final = tuple(s.name for s in bench_page.SECTIONS if s.plotted)
COMPARE_CHARTS: Final = tuple(s.name for s in bench_page.COMPARE_SECTIONS if s.plotted)
TERRITORY_CHARTS: Final = tuple(s.name for s in territories_page.SECTIONS if s.plotted)
IMAGE_CHARTS: Final = OVERVIEW_CHARTS + BENCH_CHARTS + COMPARE_CHARTS + TERRITORY_CHARTS


class NoImage(LookupError):
    """There is no image at this address: the reason, in the page's language, for the user."""


@dataclass(frozen=True)
class ChartImageContent:
    """What a chart image draws: the `section` (title, figure), the `content` around it (its
    structure, edition, source line, demo flag: the file's name and foot) and `context`, the
    line under the title (plain text)."""

    section: ReportSection
    content: ReportContent
    context: str


def _content(
    section: ReportSection,
    lang: Lang,
    name: str,
    edition: int,
    peer_group: str,
    n: int,
    source: SourceInfo,
) -> ReportContent:
    return ReportContent(
        lang=lang,
        structure_name=name,
        edition=edition,
        peer_group=peer_group,
        n_peers=n,
        source_line=source_line(source, edition, lang),
        generated_at=datetime.now().replace(microsecond=0),
        sections=[section],
        is_demo=source.is_demo,
    )


def _overview(
    dataset: Dataset, chart_name: str, search: str | None, source: SourceInfo
) -> ChartImageContent:
    parsed = parse_overview(search, dataset.editions)
    state = parsed.state
    lang = normalise_lang(state.lang)
    view = overview_page.OverviewView(dataset, state)
    section = report_section(overview_page.SECTION_BY_NAME[chart_name], view)
    if section.figure is None:
        raise NoImage(section.notes[0] if section.notes else section.title)
    payload = overview_page.overview_payload(dataset, state)
    title = translate("ui.overview.title", lang)
    content = _content(section, lang, title, state.edition, payload.subtitle, 0, source)
    return ChartImageContent(section, content, payload.subtitle)


def _benchmark(
    dataset: Dataset,
    chart_name: str,
    search: str | None,
    named: bool,
    source: SourceInfo,
    allowed: frozenset[str] | None,
) -> ChartImageContent:
    state, _ = bench_page.state_from_address(dataset, search, allowed)
    lang = normalise_lang(state.lang)
    content = structure_report(dataset, state, named, source, only=chart_name)
    if content is None:
        raise NoImage(translate("deliverables.no_structure", lang))
    section = content.sections[0]
    if section.figure is None:
        raise NoImage(section.notes[0] if section.notes else section.title)
    context = translate(
        "deliverables.image_context",
        lang,
        structure=content.structure_name,
        peers=content.peer_group,
    )
    return ChartImageContent(section, content, context)


def _compare(
    dataset: Dataset,
    chart_name: str,
    search: str | None,
    source: SourceInfo,
    allowed: frozenset[str] | None,
) -> ChartImageContent:
    state, _ = bench_page.state_from_address(dataset, search, allowed)
    lang = normalise_lang(state.lang)
    structures = bench_page.compared_structures(dataset, state.structure, state.compare)
    if state.structure is None or state.edition is None or len(structures) < 2:
        raise NoImage(translate("deliverables.no_comparison", lang))
    view = bench_page.CompareView(dataset, structures, state.edition, lang)
    section = report_section(bench_page.COMPARE_BY_NAME[chart_name], view, named=True)
    if section.figure is None:
        raise NoImage(section.notes[0] if section.notes else section.title)
    names = ", ".join(view.names[s] for s in structures)
    own = view.names[structures[0]]
    context = translate("deliverables.compare_context", lang, names=names)
    peers = count_text("ui.count.structures", len(structures), lang)
    content = _content(section, lang, own, state.edition, peers, len(structures), source)
    return ChartImageContent(section, content, context)


def _territories(
    tables: Sequence[IndicatorTable], chart_name: str, search: str | None
) -> ChartImageContent:
    """A « Territoires » block: public figures (contract §7), with the table's own source
    (its file and import date) in place of the barometer's."""
    state, _ = territories_page.state_from_address(tables, search)
    lang = normalise_lang(state.lang)
    payload = territories_page.territories_payload(tables, state)
    if payload is None:
        raise NoImage(translate("ui.territories.none_loaded", lang))
    view = territories_page.TerritoriesView(tables, state)
    section = report_section(territories_page.SECTION_BY_NAME[chart_name], view)
    if section.figure is None:
        raise NoImage(section.notes[0] if section.notes else section.title)
    table = view.table
    line = translate(
        "deliverables.public_source_line",
        lang,
        indicator=view.ref.indicator.label,
        period=view.period,
        source=table.source,
        date=date_text(table.imported_at, lang) if table.imported_at else "",
    )
    title = view.entity_label or translate("ui.territories.title", lang)
    content = ReportContent(
        lang=lang,
        structure_name=title,
        edition=view.period,
        peer_group=payload.definition,
        n_peers=view.peers.n,
        source_line=line,
        generated_at=datetime.now().replace(microsecond=0),
        sections=[section],
        is_demo=False,
    )
    return ChartImageContent(section, content, payload.definition)


def image_content(
    dataset: Dataset,
    chart_name: str,
    search: str | None,
    named: bool,
    source: SourceInfo,
    indicators: Sequence[IndicatorTable] = (),
    allowed: frozenset[str] | None = None,
) -> ChartImageContent:
    """The image of the block `chart_name` (one of IMAGE_CHARTS) for the page state of the
    query string `search`; `indicators`: the public indicator tables loaded (« Territoires »);
    `allowed`: the structures the viewer may open (dashboard.policy.visible_structures; all
    when None), another one being read as no structure.

    Raises KeyError for a name that is no drawn block, NoImage (its message for the user)
    when the state names no structure, the block has nothing to draw, or a comparison is
    asked for in anonymous mode."""
    if chart_name in TERRITORY_CHARTS:
        return _territories(indicators, chart_name, search)
    if chart_name in OVERVIEW_CHARTS:
        return _overview(dataset, chart_name, search, source)
    if chart_name in BENCH_CHARTS:
        return _benchmark(dataset, chart_name, search, named, source, allowed)
    if chart_name in COMPARE_CHARTS:
        if not named:
            lang = normalise_lang(bench_page.state_from_address(dataset, search)[0].lang)
            raise NoImage(translate("ui.bench.compare_disabled", lang))
        return _compare(dataset, chart_name, search, source, allowed)
    raise KeyError(chart_name)
