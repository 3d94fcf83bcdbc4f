"""A structure's report (issue 15): « Ma structure » as a ReportContent, built from the page's
own sections (dashboard/pages/benchmark.py's SECTIONS), so that the page, the report, the
slides and the chart images show the same numbers from the same code. The renderers
(dashboard/render/report_pdf.py, slides.py, images.py) only lay it out.

Anonymity is the page's: unless `named`, peers are "Pair N" and peer values are rounded as
shown, in the figures and tables given to the renderers as on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date

from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import BABEL_LOCALES, Lang, count_text, format_number, normalise_lang, translate
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import IndicatorTable
from dashboard.intake.schema import StructureCol
from dashboard.intake.store import StoredInfo
from dashboard.pages import benchmark as page
from dashboard.pages.definitions import definitions_markdown
from dashboard.pages.sections import report_section
from dashboard.render.batch import BatchProgress
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


def date_text(when: str, lang: str) -> str:
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
        else translate("report.source_imported", lang, date=date_text(info.imported_at, lang))
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
    indicators: Sequence[IndicatorTable] = (),
) -> ReportContent | None:
    """« Ma structure » for `state` as a report: the headline, the summary, then every block of
    the page with its figure and its table (None when the state names no structure).
    `indicators`: the public indicator tables loaded (contract §7), for the block of the
    structure's territory; a block drawn as HTML on the page (that one) is its table in the
    report, and is left out when it has nothing to show (no table loaded).

    `only`: a block's name (`bench-channels`): the content then holds that block alone, with
    no summary nor method (what its chart image needs). Raises KeyError for an unknown name."""
    if only is not None and only not in page.SECTION_BY_NAME:
        raise KeyError(only)
    payload = page.benchmark_payload(dataset, state, named, indicators)
    if payload is None:
        return None
    view = page.BenchmarkView(dataset, state, named, indicators)
    lang: Lang = normalise_lang(state.lang)
    specs = [spec for spec in page.SECTIONS if only is None or spec.name == only]
    sections = [
        report_section(spec, view, named)
        for spec in specs
        if spec.plotted or not spec.drawn or payload.charts[spec.name].empty_message is None
    ]
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


def batch_structures(
    dataset: Dataset, edition: int, categories: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(id, name) of every structure audited in `edition` (of `categories`, all when
    empty), by name then id: the reports of an edition's results day."""
    agg = aggregates_for(dataset)
    structures = agg.structures
    chosen = [
        (sid, str(structures.loc[sid, StructureCol.NAME]))
        for sid, editions in agg.editions_by_structure.items()
        if edition in editions
        and (not categories or structures.loc[sid, StructureCol.CATEGORY] in categories)
    ]
    return sorted(chosen, key=lambda pair: (pair[1].casefold(), pair[0]))


def batch_jobs(
    dataset: Dataset,
    edition: int,
    categories: Sequence[str],
    lang: str,
    source: SourceInfo,
    indicators: Sequence[IndicatorTable] = (),
) -> list[tuple[str, Callable[[], ReportContent]]]:
    """The jobs of `dashboard.render.batch.write_reports_zip` for an edition: each audited
    structure's id and a function making its report content, in anonymous mode whatever the
    caller's (each report goes to its own structure: peers are "Pair N", peer values
    rounded as shown). A content that cannot be made raises ValueError, recorded by the
    batch as that structure's failure."""
    moment = datetime.now().replace(microsecond=0)
    language: Lang = normalise_lang(lang)

    def maker(sid: str) -> Callable[[], ReportContent]:
        def make() -> ReportContent:
            state = BenchmarkState(structure=sid, edition=edition, lang=language)
            content = structure_report(dataset, state, False, source, moment, indicators=indicators)
            if content is None:
                raise ValueError(f"{sid} has no page in {edition}")
            return content

        return make

    return [(sid, maker(sid)) for sid, _ in batch_structures(dataset, edition, categories)]


def duration_text(seconds: float, lang: str) -> str:
    """A duration as a person reads it: "45 s", "3 min 05 s", "1 h 02 min"."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return translate("deliverables.duration_h", lang, h=hours, m=f"{minutes:02d}")
    if minutes:
        return translate("deliverables.duration_min", lang, m=minutes, s=f"{secs:02d}")
    return translate("deliverables.duration_s", lang, s=secs)


def batch_progress_text(state: BatchProgress, lang: str) -> str:
    """Where a batch of reports stands, in words: "42 / 311 rapports · 1 échec · environ
    3 min 05 s restantes" (structures done of the total, failures when there are some,
    time left at the pace so far once one report is done)."""
    total = state.total if state.total is not None else state.done
    parts = [
        translate(
            "deliverables.progress_done",
            lang,
            done=format_number(state.done, lang, 0),
            total=count_text("deliverables.count.reports", total, lang),
        )
    ]
    if state.failures:
        parts.append(count_text("deliverables.count.failures", len(state.failures), lang))
    remaining = state.remaining
    if remaining is not None and state.done < total:
        parts.append(translate("deliverables.time_left", lang, time=duration_text(remaining, lang)))
    return " · ".join(parts)
