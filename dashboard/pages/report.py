"""A structure's report (issue 15): « Ma structure » as a ReportContent, built from the page's
own sections (dashboard/pages/benchmark.py's SECTIONS), so that the page, the report, the
slides and the chart images show the same numbers from the same code. The renderers
(dashboard/render/report_pdf.py, slides.py, images.py) only lay it out.

Anonymity is the page's: unless `named`, peers are "Pair N" and peer values are rounded as
shown, in the figures and tables given to the renderers as on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date

from dashboard.i18n import BABEL_LOCALES, Lang, normalise_lang, translate
from dashboard.intake.model import Dataset
from dashboard.intake.store import StoredInfo
from dashboard.pages import benchmark as page
from dashboard.pages.definitions import definitions_markdown
from dashboard.pages.sections import report_section
from dashboard.report_model import (
    HeadlineCard,
    ReportContent,
    ReportSection,
    method_from_markdown,
)
from dashboard.urlstate import BenchmarkState


@dataclass(frozen=True)
class SourceInfo:
    """Where the numbers come from, for the source line of every page, slide and image."""

    version: str
    imported_at: str | None  # None for the demo data
    is_demo: bool


def _date(when: str, lang: str) -> str:
    """An ISO time stamp (the store's `imported_at`) as the locale writes a date
    ("12/03/2023"); any other text as it is."""
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return when
    return format_date(moment, "short", locale=BABEL_LOCALES[normalise_lang(lang)])


def source_of(info: StoredInfo) -> SourceInfo:
    """The source of the store's active dataset (`DatasetStore.info()`)."""
    return SourceInfo(info.version, info.imported_at, info.is_demo)


def source_line(info: SourceInfo, edition: int, lang: str) -> str:
    """« Baromètre de l'accueil des services publics, édition 2022, données importées le …,
    version … » (the demo data says so instead of an import date)."""
    when = (
        translate("report.source_demo", lang)
        if info.is_demo or not info.imported_at
        else translate("report.source_imported", lang, date=_date(info.imported_at, lang))
    )
    return translate(
        "report.source_line",
        lang,
        title=translate("ui.page.title", lang),
        edition=edition,
        when=when,
        version=info.version[:12],
    )


def structure_report(
    dataset: Dataset,
    state: BenchmarkState,
    named: bool,
    source: SourceInfo,
    generated_at: datetime | None = None,
    only: str | None = None,
) -> ReportContent | None:
    """« Ma structure » for `state` as a report: the headline, the summary, then every block of
    the page with its figure and its table (None when the state names no structure).

    `only`: a block's name (`bench-channels`): the content then holds that block alone, with
    no summary nor method (what its chart image needs). Raises KeyError for an unknown name."""
    if only is not None and only not in page.SECTION_BY_NAME:
        raise KeyError(only)
    payload = page.benchmark_payload(dataset, state, named)
    if payload is None:
        return None
    view = page.BenchmarkView(dataset, state, named)
    lang: Lang = normalise_lang(state.lang)
    specs = [spec for spec in page.SECTIONS if only is None or spec.name == only]
    sections = [report_section(spec, view, named) for spec in specs]
    if only is None:
        summary = ReportSection(
            "summary",
            translate("ui.bench.summary_title", lang),
            paragraphs=payload.summary,
            notes=[payload.fragile] if payload.fragile else [],
        )
        sections.insert(0, summary)
    head = view.head
    return ReportContent(
        lang=lang,
        structure_name=view.own_name,
        edition=view.edition,
        peer_group=payload.definition,
        n_peers=head.stats.n if head.stats else 0,
        source_line=source_line(source, view.edition, lang),
        generated_at=generated_at or datetime.now().replace(microsecond=0),
        headline=[HeadlineCard(c.label, c.value, c.detail) for c in payload.cards],
        sections=sections,
        is_demo=source.is_demo,
        method=method_from_markdown(definitions_markdown(lang)) if only is None else (),
    )
