"""What a consultant takes away (issue 15), as components: « Ma structure »'s links to its
report (page, PDF, PowerPoint) and to the presentation mode."""

from __future__ import annotations

from dash import html

from dashboard.i18n import translate
from dashboard.urlstate import BenchmarkState, benchmark_query
from layouts import ids
from layouts.components import attributes, make_section


def make_takeaway(state: BenchmarkState, lang: str) -> html.Section:
    """The links to the report and the presentation of the page's state (callbacks/reports.py
    keeps their addresses on the page's own as the controls change)."""
    from callbacks.reports import takeaway_links

    report, pdf, pptx, presentation = takeaway_links(benchmark_query(state))
    links = [
        (ids.TAKEAWAY_REPORT, report, "deliverables.report_page", {"target": "_blank"}),
        (ids.TAKEAWAY_PDF, pdf, "deliverables.report_pdf", {"download": ""}),
        (ids.TAKEAWAY_PPTX, pptx, "deliverables.report_pptx", {"download": ""}),
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
        ],
        "mb-3",
    )
