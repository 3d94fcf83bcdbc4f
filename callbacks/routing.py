"""Page routing: the URL's path and query decide which page is rendered, in which language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dash import Dash, Input, Output, State

from callbacks.services import AppServices
from dashboard.figures.aggregates import aggregates_for
from dashboard.i18n import normalise_lang, translate
from dashboard.intake.schema import StructureCol
from dashboard.pages.definitions import definitions_markdown
from dashboard.urlstate import Param, benchmark_query, overview_query, parse_overview
from layouts import ids
from layouts.benchmark import make_benchmark
from layouts.data_page import make_definitions_page, make_placeholder_page
from layouts.overview import make_overview
from layouts.shell import make_shell


def lang_of(search: str | None) -> str:
    """The page language named by the query (`lang=en`), French otherwise."""
    from urllib.parse import parse_qs

    values = parse_qs((search or "").lstrip("?")).get(Param.LANG, [])
    return normalise_lang(values[0] if values else None)


NOTICE_VALUE_CHARS = 40  # a refused address value is shown that long at most


def first_per_param(rejected: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The first refused value of each parameter: a forged address can hold thousands, the
    page names one per parameter (six parameters at most)."""
    seen: dict[str, str] = {}
    for param, value in rejected:
        seen.setdefault(param, value)
    return list(seen.items())


def notice_text(
    param: str,
    value: str,
    lang: str,
    *,
    shown: int | None = None,
    editions: list[int] | None = None,
    name: str | None = None,
) -> str:
    """The notice for an address value the page could not use: for an edition, which one is
    shown instead and why (not in the data, or the structure was not audited that year);
    otherwise that the default is used. The value is cut (a forged address can be long)."""
    if len(value) > NOTICE_VALUE_CHARS:
        value = value[:NOTICE_VALUE_CHARS] + "…"
    if param == Param.EDITION and shown is not None:
        if name is not None:
            return translate("ui.notice.not_audited", lang, name=name, value=value, shown=shown)
        if editions:
            return translate(
                "ui.notice.edition_unknown",
                lang,
                value=value,
                first=min(editions),
                last=max(editions),
                shown=shown,
            )
    return translate("ui.notice.invalid", lang, param=param, value=value)


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
        notices = [
            notice_text(param, value, lang, shown=parsed.state.edition, editions=dataset.editions)
            for param, value in first_per_param(parsed.rejected)
        ]
        title_key = "ui.overview.title"
        state = replace(parsed.state, lang=lang)  # the page's language, whatever the case
        content: object = prefill_overview(
            services, state, make_overview(state, dataset.editions, notices, lang)
        )
        canonical = overview_query(state)
    elif path == "/benchmark":
        title_key = "ui.benchmark.title"
        content, canonical = build_benchmark_page(services, search, lang)
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
    services: AppServices, search: str | None, lang: str
) -> tuple[object, str]:
    """The "My structure" page with the URL's choices applied, and its canonical query."""
    from callbacks.benchmark import editions_of, parse_state, picker_options, prefill_benchmark

    dataset = services.dataset()
    agg = aggregates_for(dataset)
    state, rejected = parse_state(dataset, search)
    name = (
        str(agg.structures.loc[state.structure, StructureCol.NAME])
        if state.structure is not None
        else None
    )
    notices = [
        notice_text(param, value, lang, shown=state.edition, editions=dataset.editions, name=name)
        for param, value in first_per_param(rejected)
    ]
    named = services.settings.peer_names
    if state.compare and not named:
        notices.append(translate("ui.bench.compare_disabled", lang))
    option = picker_options(dataset, None, [state.structure], lang) if state.structure else []
    compare = picker_options(dataset, None, list(state.compare), lang) if named else []
    editions = editions_of(agg).get(state.structure or "", [])
    page = make_benchmark(state, option[0] if option else None, editions, compare, notices,
                          named, lang)  # fmt: skip
    state = replace(state, lang=lang)
    return prefill_benchmark(services, state, page), benchmark_query(state)


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
    app.clientside_callback(
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
