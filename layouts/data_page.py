"""The data page: what dataset is active, its editions and counts, the data dictionary,
and downloads of the active dataset (named mode only)."""

from __future__ import annotations

from dash import dcc, html

from dashboard.i18n import translate
from dashboard.pages.data import DataPageContent
from layouts import ids
from layouts.components import make_button, make_section, make_table

CARD = "card card-body mb-4"


def make_data_page(
    content: DataPageContent,
    lang: str,
    downloads_offered: bool = True,
    import_hint: bool = True,
) -> html.Div:
    """The data page from its display text (dashboard.pages.data); the dataset's downloads
    only if `downloads_offered` (named mode), otherwise a sentence saying why not; the
    command line's import only if `import_hint` (for who may import)."""
    downloads: html.Div | html.P
    if downloads_offered:
        downloads = html.Div(
            [
                make_button(
                    translate("ui.data.download_csv", lang),
                    ids.DATA_DOWNLOAD_CSV,
                    class_name="me-2 mb-2",
                ),
                make_button(
                    translate("ui.data.download_xlsx", lang),
                    ids.DATA_DOWNLOAD_XLSX,
                    "primary-outline",
                ),
                dcc.Download(id=ids.DATA_DOWNLOAD),
                html.P(translate("ui.data.download_csv_hint", lang), className="small mb-0"),
            ]
        )
    else:
        downloads = html.P(translate("ui.data.download_withheld", lang), id=ids.DATA_WITHHELD)
    facts_list = html.Dl(
        [item for label, value in content.facts for item in (html.Dt(label), html.Dd(value))],
        className="mb-3",
    )
    editions = make_table(
        content.edition_headers,
        content.edition_rows,
        translate("ui.data.editions_caption", lang),
        numeric=[False] + [True] * (len(content.edition_headers) - 1),
    )
    dictionary = make_table(
        content.dictionary_headers,
        content.dictionary_rows,
        translate("ui.data.dictionary_caption", lang),
    )
    return html.Div(
        [
            html.H1(translate("ui.data.title", lang), className="h3"),
            make_section(
                "data-active-heading",
                translate("ui.data.active", lang),
                [
                    facts_list,
                    downloads,
                    *(
                        [html.P(translate("ui.data.import_hint", lang), className="small mt-3")]
                        if import_hint
                        else []
                    ),
                ],
                CARD,
            ),
            make_section(
                "data-editions-heading",
                translate("ui.data.editions", lang),
                [html.Div(editions, className="table-responsive")],
                CARD,
            ),
            make_section(
                "data-dictionary-heading",
                translate("ui.data.dictionary", lang),
                [html.Div(dictionary, className="table-responsive")],
                CARD,
            ),
        ]
    )


def make_placeholder_page(title: str, body: str) -> html.Div:
    """A page with a title and one paragraph (the "page not found" page)."""
    return html.Div([html.H1(title, className="h3"), html.P(body)])


def make_definitions_page(markdown: str, lang: str) -> html.Div:
    """The definitions of the figures (docs/data-format.md, sections 7 and 8), as a page."""
    return html.Div(
        [
            html.H1(translate("ui.definitions.title", lang), className="h3"),
            html.P(translate("ui.definitions.intro", lang), className="lead"),
            # Plain Markdown from the repository's documentation: no HTML passes through.
            dcc.Markdown(markdown, className="definitions", style={"maxWidth": "60rem"}),
        ]
    )
