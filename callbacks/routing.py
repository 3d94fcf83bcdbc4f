"""Page routing: the URL's path and query decide which page is rendered, in which language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dash import Dash, Input, Output, State

from callbacks.services import AppServices
from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import Lang, translate
from dashboard.intake.schema import StructureCol
from dashboard.pages.benchmark import state_from_address
from dashboard.pages.definitions import definitions_markdown
from dashboard.pages.notices import notices
from dashboard.urlstate import Route, benchmark_query, lang_of, overview_query, parse_overview
from layouts import ids
from layouts.benchmark import make_benchmark
from layouts.data_page import make_definitions_page, make_placeholder_page
from layouts.overview import make_overview
from layouts.shell import make_shell


def render_page(
    services: AppServices, pathname: str | None, search: str | None
) -> tuple[object, str, dict[str, str]]:
    """The whole page for a URL, its language, and the document's language and title."""
    from callbacks.data_page import build_data_page
    from callbacks.overview import prefill_overview

    path = pathname or "/"
    lang = lang_of(search)
    dataset = services.dataset()
    # The view as its canonical address: the language switch links to it (never the raw
    # query: a forged one can hold thousands of refused values).
    canonical = ""
    if path == "/":
        parsed = parse_overview(search, dataset.editions)
        said = notices(parsed.rejected, lang, shown=parsed.state.edition,
                       editions=dataset.editions)  # fmt: skip
        title_key = "ui.overview.title"
        state = replace(parsed.state, lang=lang)  # the page's language, whatever the case
        content: object = prefill_overview(
            services, state, make_overview(state, dataset.editions, said, lang)
        )
        canonical = overview_query(state)
    elif path == "/benchmark":
        title_key = "ui.benchmark.title"
        content, canonical = build_benchmark_page(services, search, lang)
    elif path == Route.TERRITORIES:
        from callbacks.territories import build_territories_page

        title_key = "ui.territories.title"
        content, canonical = build_territories_page(services, search, lang)
    elif path == "/data":
        title_key = "ui.data.title"
        content = build_data_page(services, lang)
    elif path == "/definitions":
        title_key = "ui.definitions.title"
        content = make_definitions_page(definitions_markdown(lang), lang)
    else:
        title_key = "ui.notfound.title"
        content = make_placeholder_page(
            translate("ui.notfound.title", lang), translate("ui.notfound.body", lang)
        )
    shell = make_shell(path, canonical, lang, content, is_demo=services.is_demo())
    title = f"{translate(title_key, lang)} – {translate('ui.page.title', lang)}"
    return shell, lang, {"lang": lang, "title": title}


def build_benchmark_page(
    services: AppServices, search: str | None, lang: Lang
) -> tuple[object, str]:
    """The "My structure" page with the URL's choices applied, and its canonical query."""
    from callbacks.benchmark import picker_options, prefill_benchmark

    dataset = services.dataset()
    agg = aggregates_for(dataset)
    state, rejected = state_from_address(dataset, search)
    name = (
        str(agg.structures.loc[state.structure, StructureCol.NAME])
        if state.structure is not None
        else None
    )
    said = notices(rejected, lang, shown=state.edition, editions=dataset.editions, name=name)
    named = services.settings.peer_names
    if state.compare and not named:
        said.append(translate("ui.bench.compare_disabled", lang))
    option = picker_options(dataset, None, [state.structure], lang) if state.structure else []
    compare = picker_options(dataset, None, list(state.compare), lang) if named else []
    editions = agg.editions_by_structure.get(state.structure or "", [])
    layout = make_benchmark(state, option[0] if option else None, editions, compare, said,
                            named, lang)  # fmt: skip
    state = replace(state, lang=lang)
    return prefill_benchmark(services, state, layout), benchmark_query(state)


def register(app: Dash, services: AppServices) -> None:
    """Wire the routing callbacks."""

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.LANG_STORE, "data"),
        Output(ids.DOC_STORE, "data"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )
    def _render(pathname: Any, search: Any) -> tuple[object, str, dict[str, str]]:
        # The address as the browser gives it: text (a forged request may send anything).
        return render_page(
            services,
            pathname if isinstance(pathname, str) else None,
            search if isinstance(search, str) else None,
        )

    # The document's language and title follow the page (the index hook sets them for the
    # first paint; this keeps them right afterwards).
    app.clientside_callback(  # type: ignore[no-untyped-call]
        """
        function (doc) {
            if (doc) {
                document.documentElement.lang = doc.lang;
                document.title = doc.title;
            }
            return window.dash_clientside.no_update;
        }
        """,
        Output(ids.DOC_STORE, "id"),
        Input(ids.DOC_STORE, "data"),
    )
