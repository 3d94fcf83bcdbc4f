"""Page routing: the URL's path and query decide which page is rendered, in which language."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dash import Dash, Input, Output, State

from callbacks.services import AppServices
from dashboard import policy
from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import Lang, translate
from dashboard.intake.schema import StructureCol
from dashboard.pages.benchmark import state_from_address
from dashboard.pages.definitions import definitions_markdown
from dashboard.pages.notices import notices
from dashboard.pages.pickers import picker_options
from dashboard.urlstate import (
    BenchParam,
    Route,
    benchmark_query,
    lang_of,
    overview_query,
    parse_overview,
)
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
        content = build_data_page(services, lang, search)
    elif path == "/definitions":
        title_key = "ui.definitions.title"
        content = make_definitions_page(definitions_markdown(lang), lang)
    else:
        title_key = "ui.notfound.title"
        content = make_placeholder_page(
            translate("ui.notfound.title", lang), translate("ui.notfound.body", lang)
        )
    shell = make_shell(path, canonical, lang, content, is_demo=services.is_demo(),
                       **shell_account(services, lang))  # fmt: skip
    title = f"{translate(title_key, lang)} – {translate('ui.page.title', lang)}"
    return shell, lang, {"lang": lang, "title": title}


def build_benchmark_page(
    services: AppServices, search: str | None, lang: Lang
) -> tuple[object, str]:
    """The "My structure" page with the URL's choices applied, and its canonical query."""
    from callbacks.benchmark import prefill_benchmark

    dataset = services.dataset()
    agg = aggregates_for(dataset)
    viewer = services.viewer()
    # The address may name only the viewer's structures (dashboard.policy): another one is
    # refused as an unknown one is, with its own notice and a log line.
    visible = services.visible_structures(agg.structure_ids)
    state, rejected = state_from_address(dataset, search, visible)
    # For a viewer bound to some structures, an unknown id is answered as another's is (the
    # same words): the page does not tell which ids exist.
    bound = len(visible) < len(agg.structure_ids)
    refused = [
        (param, value)
        for param, value in rejected
        if param in (BenchParam.STRUCTURE, BenchParam.COMPARE)
        and (bound or value in agg.structure_ids)
    ]
    for param, value in [r for r in refused if r[1] in agg.structure_ids][:3]:
        services.refused(param, value)
    rejected = [pair for pair in rejected if pair not in refused]
    if state.structure is None and not refused and len(visible) == 1 < len(agg.structure_ids):
        # A manager bound to one structure lands on it (its latest edition unless the
        # address names another it took part in).
        (only,) = visible
        editions = agg.editions_by_structure.get(only, [])
        if editions:
            edition = state.edition if state.edition in editions else editions[-1]
            state = replace(state, structure=only, edition=edition)
    name = (
        str(agg.structures.loc[state.structure, StructureCol.NAME])
        if state.structure is not None
        else None
    )
    said = notices(rejected, lang, shown=state.edition, editions=dataset.editions, name=name)
    if any(param == BenchParam.STRUCTURE for param, _ in refused):
        value = next(v for p, v in refused if p == BenchParam.STRUCTURE)
        said.insert(0, translate("accounts.refused.structure", lang, value=value[:40]))
    compare_allowed = policy.can_compare(viewer)
    if (state.compare or any(p == BenchParam.COMPARE for p, _ in refused)) and not compare_allowed:
        said.append(translate("ui.bench.compare_disabled", lang))
    allowed = None if len(visible) == len(agg.structure_ids) else visible
    option = (
        picker_options(dataset, None, [state.structure], lang, allowed) if state.structure else []
    )
    compare = (
        picker_options(dataset, None, list(state.compare), lang, allowed) if compare_allowed else []
    )
    editions = agg.editions_by_structure.get(state.structure or "", [])
    layout = make_benchmark(state, option[0] if option else None, editions, compare, said,
                            compare_allowed, lang)  # fmt: skip
    state = replace(state, lang=lang)
    return prefill_benchmark(services, state, layout), benchmark_query(state)


def shell_account(services: AppServices, lang: Lang) -> dict[str, Any]:
    """The frame's account part for the request's viewer: open mode's banner, or who is
    signed in with the links their role has (make_shell's keywords)."""
    from callbacks.account_menu import account_menu

    return account_menu(services, lang)


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
