"""What a consultant takes away (issue 15), served by the app: the chart images, the structure
report (a print-ready page, its PDF and its PowerPoint) and the presentation mode, as Flask
routes; and the links of « Ma structure » to them, kept on the page's state.

Routes (the page's own query string after them, read by dashboard/urlstate.py as the page
reads it; a value it refuses falls back as on the page):

- `/image/<chart>.png|svg?…`  a chart block's image: PNG at 2x or SVG, title, context and
  source line drawn in (dashboard/render/images.py), named after the chart, the structure
  and the edition;
- `/rapport?structure=…&edition=…&peers=…`  the report as a print-ready page; `/rapport.pdf`
  and `/rapport.pptx` the same as files;
- `/presentation?structure=…&edition=…&slide=N`  the presentation mode.

Who may see what is dashboard.policy's, asked here on the server with the request's viewer
(`names_shown`: peers named; `visible`: the structures the viewer may open, a manager's own
only; a structure outside them is answered as an unknown one, and logged): every deliverable
is built by the same code as the page, in the same mode. A state naming no structure, or a
block with nothing to draw, is a 404 page saying why in the page's language; a chart the
server cannot draw is a 503; never a traceback.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any, Final, TypeVar

import flask
from dash import Dash, Input, Output

from callbacks.headers import document_policy, use_own_policy
from callbacks.services import AppServices
from dashboard import policy
from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import Lang, normalise_lang, translate
from dashboard.pages import benchmark as bench_page
from dashboard.pages.chart_images import IMAGE_CHARTS, NoImage, image_content
from dashboard.pages.presentation import SLIDE_PARAM, presentation_deck, slide_number
from dashboard.pages.report import SourceInfo, source_of, structure_report
from dashboard.render.images import (
    IMAGE_FORMATS,
    ImageRenderError,
    chart_image,
    section_filename,
)
from dashboard.render.presentation import presentation_html
from dashboard.urlstate import (
    BenchmarkState,
    BenchParam,
    Route,
    benchmark_query,
    lang_of,
    query_params,
)
from layouts import ids
from layouts.reports import takeaway_links

LOG = logging.getLogger(__name__)
T = TypeVar("T")
REPORT_ROUTE: Final = Route.REPORT
PRESENTATION_ROUTE: Final = Route.PRESENTATION
IMAGE_ROUTE: Final = Route.IMAGE
MIMETYPES: Final = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# An SVG opened on its own is a document: no script, no fetch, whatever it holds.
SVG_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def names_shown(services: AppServices) -> bool:
    """Whether peers are named in what the request's viewer gets (dashboard.policy
    .can_see_names): consultants and admins."""
    return policy.can_see_names(services.viewer())


def visible(services: AppServices) -> frozenset[str]:
    """The structures of the active dataset the request's viewer may open
    (dashboard.policy.visible_structures): a manager's own, everyone else's all."""
    return services.visible_structures(aggregates_for(services.dataset()).structure_ids)


def _log_refused(services: AppServices, rejected: list[tuple[str, str]]) -> None:
    """One log line for each structure of the dataset the address names that the viewer may
    not open (`rejected`: what the page's parser refused; such a structure is then answered
    as an unknown one)."""
    known = aggregates_for(services.dataset()).structure_ids
    for param, value in rejected[:3]:
        if param in (BenchParam.STRUCTURE, BenchParam.COMPARE) and value in known:
            services.refused(param, value)


def source_info(services: AppServices) -> SourceInfo:
    """The active dataset's source, for the source line of every deliverable."""
    return source_of(services.store.info())


def _search() -> str:
    return flask.request.query_string.decode("utf-8", "replace")


def message_page(title: str, body: str, lang: str, status: int) -> flask.Response:
    """A small HTML page saying why there is nothing here (every text escaped)."""
    back = translate("deliverables.back_to_page", lang)
    href = Route.BENCHMARK + ("?lang=en" if lang == "en" else "")
    document = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f"<main><h1>{html.escape(title)}</h1><p>{html.escape(body)}</p>"
        f'<p><a href="{href}">{html.escape(back)}</a></p></main></body></html>'
    )
    return flask.Response(document, status=status, mimetype="text/html")


def _file(data: bytes, fmt: str, filename: str) -> flask.Response:
    response = flask.Response(data, mimetype=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.private = True
    response.cache_control.no_store = True
    if fmt == "svg":
        use_own_policy(SVG_POLICY)
    return response


def _refused(lang: Lang, reason: str) -> flask.Response:
    return message_page(translate("deliverables.error_title", lang), reason, lang, 404)


def _render_failed(lang: Lang, exc: Exception) -> flask.Response:
    LOG.warning("a deliverable could not be drawn: %s", str(exc)[:300])
    text = translate("deliverables.render_failed", lang)
    return message_page(translate("deliverables.error_title", lang), text, lang, 503)


def image_response(services: AppServices, chart: str, fmt: str) -> flask.Response:
    """A chart block's image for the page state of the request's query (see the module)."""
    search = _search()
    lang = lang_of(search)
    if chart not in IMAGE_CHARTS or fmt not in IMAGE_FORMATS:
        return _refused(lang, translate("ui.notfound.body", lang))
    try:
        allowed = visible(services)
        _log_refused(
            services, bench_page.state_from_address(services.dataset(), search, allowed)[1]
        )
        found = image_content(
            services.dataset(),
            chart,
            search,
            names_shown(services),
            source_info(services),
            services.indicator_tables(),
            allowed,
        )
        data = chart_image(found.section, found.content, fmt, context=found.context)
    except NoImage as reason:
        return _refused(lang, str(reason))
    except ImageRenderError as exc:
        return _render_failed(lang, exc)
    return _file(data, fmt, section_filename(found.section, found.content, fmt))


def report_state(services: AppServices, search: str) -> BenchmarkState | None:
    """The state of a report or presentation address (as « Ma structure » reads its own),
    None when it names no structure of the active dataset with an edition that the request's
    viewer may open (dashboard.policy; another one is logged)."""
    dataset = services.dataset()
    state, rejected = bench_page.state_from_address(dataset, search, visible(services))
    _log_refused(services, rejected)
    if not bench_page.BenchmarkView.exists(dataset, state):
        return None
    return state


def _report_links(state: BenchmarkState, lang: str) -> str:
    """The report page's toolbar (screen only): its PDF, its PowerPoint, print, back."""
    query = benchmark_query(state)
    links = [
        (f"{REPORT_ROUTE}.pdf{query}", translate("deliverables.report_pdf", lang)),
        (f"{REPORT_ROUTE}.pptx{query}", translate("deliverables.report_pptx", lang)),
        (f"{PRESENTATION_ROUTE}{query}", translate("deliverables.presentation", lang)),
        (f"{Route.BENCHMARK}{query}", translate("deliverables.back_to_page", lang)),
    ]
    items = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(text)}</a></li>' for href, text in links
    )
    label = html.escape(translate("deliverables.report_toolbar", lang))
    print_text = html.escape(translate("deliverables.print", lang))
    return (
        f'<nav class="screen-only toolbar" aria-label="{label}"><ul>{items}'
        f'<li><button type="button" id="report-print">{print_text}</button></li>'
        "</ul></nav>"
        # A script, not an onclick attribute: the page's policy runs its scripts by hash.
        "<script>document.getElementById('report-print')"
        ".addEventListener('click', () => window.print());</script>"
    )


def built_for_request(
    services: AppServices, build: Callable[..., T | None]
) -> tuple[str, Lang, BenchmarkState | None, T | None]:
    """What a deliverable's address asks for, built for the request's viewer: the query
    string, its language, its state (report_state: None when it names no structure the
    viewer may open) and what `build` makes of that state (None when the state is None or
    names nothing to build). `build`: dashboard.pages.report.structure_report or
    dashboard.pages.presentation.presentation_deck, given the active dataset, the state,
    whether peers are named, the dataset's source and the loaded indicator tables."""
    search = _search()
    lang = lang_of(search)
    state = report_state(services, search)
    built = (
        None
        if state is None
        else build(
            services.dataset(),
            state,
            names_shown(services),
            source_info(services),
            indicators=services.indicator_tables(),
        )
    )
    return search, lang, state, built


def report_response(services: AppServices, fmt: str) -> flask.Response:
    """The structure report for the request's query: `html` (the print-ready page), `pdf`
    or `pptx` (a download named after the structure and the edition)."""
    from dashboard.render.batch import ReportFormat, render_report, report_filename
    from dashboard.render.report_pdf import report_html

    _, lang, state, content = built_for_request(services, structure_report)
    if state is None or content is None:
        return _refused(lang, translate("deliverables.no_structure", lang))
    try:
        if fmt == "html":
            document = report_html(content, screen_header=_report_links(state, lang))
            use_own_policy(document_policy(document))
            return flask.Response(document, mimetype="text/html")
        formats: tuple[ReportFormat, ...] = ("pdf",) if fmt == "pdf" else ("pptx",)
        data = render_report(content, formats)[formats[0]]
    except ImageRenderError as exc:
        return _render_failed(lang, exc)
    return _file(data, fmt, report_filename(state.structure or "", content, fmt))


def presentation_response(services: AppServices) -> flask.Response:
    """The presentation mode for the request's query (slide `slide=N` shown first)."""
    search, lang, _, deck = built_for_request(services, presentation_deck)
    if deck is None:
        return _refused(lang, translate("deliverables.no_structure", lang))
    values = query_params(search).get(SLIDE_PARAM, [])
    shown = slide_number(values[0] if values else None, len(deck.slides))
    try:
        document = presentation_html(deck, shown)
    except ImageRenderError as exc:
        return _render_failed(lang, exc)
    use_own_policy(document_policy(document))
    return flask.Response(document, mimetype="text/html")


def _route(server: flask.Flask, rule: str, view: Callable[..., flask.Response]) -> None:
    server.add_url_rule(rule, endpoint=f"deliverables:{rule}", view_func=view)


def register(app: Dash, services: AppServices) -> None:
    """The deliverables' routes, and the callback keeping « Ma structure »'s links to them
    on the page's address."""
    server = app.server

    def image(chart: str, fmt: str) -> flask.Response:
        return image_response(services, chart, fmt)

    _route(server, f"{IMAGE_ROUTE}/<chart>.<fmt>", image)
    _route(server, REPORT_ROUTE, lambda: report_response(services, "html"))
    _route(server, f"{REPORT_ROUTE}.pdf", lambda: report_response(services, "pdf"))
    _route(server, f"{REPORT_ROUTE}.pptx", lambda: report_response(services, "pptx"))
    _route(server, PRESENTATION_ROUTE, lambda: presentation_response(services))

    @app.callback(
        Output(ids.TAKEAWAY_REPORT, "href"),
        Output(ids.TAKEAWAY_PDF, "href"),
        Output(ids.TAKEAWAY_PPTX, "href"),
        Output(ids.TAKEAWAY_PRESENTATION, "href"),
        Input(ids.BENCH_URL, "search"),
        prevent_initial_call=True,
    )
    def _links(search: Any) -> tuple[str, str, str, str]:
        # Only the address's own parameters, of a structure the viewer may open: the routes
        # parse and check them again.
        dataset = services.dataset()
        query = search if isinstance(search, str) else ""
        state, _ = bench_page.state_from_address(dataset, query, visible(services))
        state = BenchmarkState(
            state.structure,
            state.edition,
            state.channel,
            state.peers,
            (),
            normalise_lang(state.lang),
        )
        return takeaway_links(benchmark_query(state))
