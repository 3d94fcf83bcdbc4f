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

from dashboard.i18n import Lang, normalise_lang, translate
from dashboard.intake.model import Dataset
from dashboard.pages import benchmark as page
from dashboard.pages.definitions import definitions_markdown
from dashboard.pages.sections import chart_payload, table_view
from dashboard.report_model import (
    HeadlineCard,
    ReportContent,
    ReportSection,
    ReportTable,
    method_from_markdown,
)
from dashboard.urlstate import BenchmarkState


@dataclass(frozen=True)
class SourceInfo:
    """Where the numbers come from, for the source line of every page, slide and image."""

    version: str
    imported_at: str | None  # None for the demo data
    is_demo: bool


def source_line(info: SourceInfo, edition: int, lang: str) -> str:
    """« Baromètre de l'accueil des services publics, édition 2022, données importées le …,
    version … » (the demo data says so instead of an import date)."""
    when = (
        translate("report.source_demo", lang)
        if info.is_demo or not info.imported_at
        else translate("report.source_imported", lang, date=info.imported_at)
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
) -> ReportContent | None:
    """« Ma structure » for `state` as a report: the headline, the summary, then every block of
    the page with its figure and its table (None when the state names no structure)."""
    payload = page.benchmark_payload(dataset, state, named)
    if payload is None:
        return None
    view = page.BenchmarkView(dataset, state, named)
    lang: Lang = normalise_lang(state.lang)
    sections = [
        ReportSection(
            "summary",
            translate("ui.bench.summary_title", lang),
            paragraphs=payload.summary,
            notes=[payload.fragile] if payload.fragile else [],
        )
    ]
    for spec in page.SECTIONS:
        table = table_view(spec, view)
        figure = chart_payload(spec, view) if spec.drawn else None
        caption_key = spec.named_caption_key if named and spec.named_caption_key else None
        sections.append(
            ReportSection(
                key=spec.short_name,
                title=translate(spec.title_key, lang),
                caption=translate(caption_key or spec.caption_key, lang),
                figure=figure.figure if figure and not figure.empty_message else None,
                table=ReportTable(table.headers, table.rows, table.numeric),
                notes=[figure.empty_message] if figure and figure.empty_message else [],
            )
        )
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
        method=method_from_markdown(definitions_markdown(lang)),
    )
