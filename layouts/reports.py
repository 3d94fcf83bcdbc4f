"""What a consultant takes away (issue 15), as components: « Ma structure »'s links to its
report (page, PDF, PowerPoint) and to the presentation mode; the panel making the reports of
a whole edition in the background (the data page, for consultants)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import category_label, translate
from dashboard.intake.schema import CATEGORIES
from dashboard.urlstate import BenchmarkState, Route, benchmark_query
from layouts import ids
from layouts.components import (
    attributes,
    make_button,
    make_choice_group,
    make_dropdown_field,
    make_edition_field,
    make_section,
)


def takeaway_links(search: str | None) -> tuple[str, str, str, str]:
    """The hrefs of « Ma structure »'s report links for the page's query string: the report
    page, its PDF, its PowerPoint, the presentation."""
    query = search if isinstance(search, str) and search.startswith("?") else ""
    return (
        f"{Route.REPORT}{query}",
        f"{Route.REPORT}.pdf{query}",
        f"{Route.REPORT}.pptx{query}",
        f"{Route.PRESENTATION}{query}",
    )


def make_takeaway(state: BenchmarkState, lang: str) -> html.Section:
    """The links to the report and the presentation of the page's state (callbacks/reports.py
    keeps their addresses on the page's own as the controls change)."""
    report, pdf, pptx, presentation = takeaway_links(benchmark_query(state))

    # The two files take seconds to make: assets/chart_image.js fetches them, says so in the
    # status line and why when one could not be made (without script, plain downloads).
    def fetched(fmt: str) -> dict[str, str]:
        return {
            "download": "",
            "data_fetch_download": ids.TAKEAWAY_STATUS,
            "data_busy": translate("deliverables.download_busy", lang, format=fmt),
            "data_failed": translate("deliverables.download_failed", lang, reason="{reason}"),
        }

    links = [
        (ids.TAKEAWAY_REPORT, report, "deliverables.report_page", {"target": "_blank"}),
        (ids.TAKEAWAY_PDF, pdf, "deliverables.report_pdf", fetched("PDF")),
        (ids.TAKEAWAY_PPTX, pptx, "deliverables.report_pptx", fetched("PowerPoint")),
        (ids.TAKEAWAY_PRESENTATION, presentation, "deliverables.presentation", {}),
    ]
    return make_section(
        f"{ids.TAKEAWAY}-heading",
        translate("deliverables.takeaway_title", lang),
        [
            html.P(translate("deliverables.takeaway_hint", lang), className="small mb-2"),
            html.Div(
                [
                    html.A(
                        translate(key, lang),
                        id=component_id,
                        href=href,
                        className="btn btn-outline-primary btn-sm me-2 mb-2",
                        **attributes(**extra),
                    )
                    for component_id, href, key, extra in links
                ]
            ),
            html.P(id=ids.TAKEAWAY_STATUS, className="small mb-0", role="status"),
        ],
        "mb-3",
    )


def make_batch_panel(
    editions: Sequence[int], token: str, lang: str, recent: Sequence[Any] = ()
) -> html.Section:
    """The reports of every structure of an edition, made in the background: edition,
    category, formats, start and cancel, a progress bar with structures done / total and
    time left, then the zip's link and the failures (callbacks/report_batch.py). `token`
    names this page's jobs (a new one each time the page is built); `recent`: the list of
    the last day's batches (callbacks.report_batch.recent_view), under the form."""
    latest = max(editions) if editions else None
    controls = dbc.Row(
        [
            dbc.Col(make_edition_field(ids.BATCH_EDITION, editions, latest, lang), md=3),
            dbc.Col(
                make_dropdown_field(
                    translate("deliverables.batch.category", lang),
                    ids.BATCH_CATEGORY,
                    lang,
                    options=[{"label": category_label(c, lang), "value": c} for c in CATEGORIES],
                    value=None,
                    placeholder=translate("deliverables.batch.all_categories", lang),
                    clearable=True,
                    searchable=False,
                ),
                md=5,
            ),
            dbc.Col(
                make_choice_group(
                    translate("deliverables.batch.formats", lang),
                    dbc.Checklist(
                        id=ids.BATCH_FORMATS,
                        options=[
                            {"label": translate("deliverables.batch.pdf", lang), "value": "pdf"},
                            {"label": translate("deliverables.report_pptx", lang), "value": "pptx"},
                        ],
                        value=["pdf"],
                    ),
                ),
                md=4,
            ),
        ]
    )
    buttons = html.Div(
        [
            make_button(
                translate("deliverables.batch.start", lang), ids.BATCH_START, class_name="me-2 mb-2"
            ),
            make_button(
                translate("deliverables.batch.cancel", lang),
                ids.BATCH_CANCEL,
                "secondary-outline",
                disabled=True,
            ),
            html.Span(id=ids.BATCH_CANCEL_NOTE, className="small ms-2", role="status"),
        ]
    )
    progress = html.Div(
        [
            html.Label(
                translate("deliverables.batch.progress", lang),
                htmlFor=ids.BATCH_PROGRESS,
                className="form-label fw-semibold",
            ),
            html.Progress(id=ids.BATCH_PROGRESS, value="0", max="1", className="w-100 d-block"),
            html.P(
                id=ids.BATCH_STATUS,
                className="small mb-2",
                role="status",
                **attributes(aria_live="polite"),
            ),
        ]
    )
    return make_section(
        f"{ids.BATCH}-heading",
        translate("deliverables.batch.title", lang),
        [
            html.P(translate("deliverables.batch.hint", lang), className="small"),
            dcc.Store(id=ids.BATCH_TOKEN, data=token),
            controls,
            buttons,
            progress,
            html.Div(id=ids.BATCH_RESULT, **attributes(aria_live="polite")),
            *recent,
        ],
        "card card-body mb-4",
    )
