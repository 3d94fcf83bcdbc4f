"""The data page: what dataset is active, its editions and counts, the data dictionary,
and downloads of the active dataset."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import translate
from layouts import ids
from layouts.components import make_table


def make_data_page(
    facts: Sequence[tuple[str, str]],
    edition_headers: Sequence[str],
    edition_rows: Sequence[Sequence[str]],
    dictionary_headers: Sequence[str],
    dictionary_rows: Sequence[Sequence[str]],
    lang: str,
) -> html.Div:
    """The data page from display text prepared by its callback."""
    return html.Div(
        [
            html.H1(translate("ui.data.title", lang), className="h3"),
            html.Section(
                [
                    html.H2(translate("ui.data.active", lang), className="h5"),
                    html.Dl(
                        [
                            item
                            for label, value in facts
                            for item in (html.Dt(label), html.Dd(value))
                        ],
                        className="mb-3",
                    ),
                    html.Div(
                        [
                            dbc.Button(
                                translate("ui.data.download_csv", lang),
                                id=ids.DATA_DOWNLOAD_CSV,
                                color="primary",
                                className="me-2 mb-2",
                            ),
                            dbc.Button(
                                translate("ui.data.download_xlsx", lang),
                                id=ids.DATA_DOWNLOAD_XLSX,
                                color="primary",
                                outline=True,
                                className="mb-2",
                            ),
                        ]
                    ),
                    dcc.Download(id=ids.DATA_DOWNLOAD),
                    html.P(translate("ui.data.import_hint", lang), className="small mt-3"),
                ],
                className="card card-body mb-4",
            ),
            html.Section(
                [
                    html.H2(translate("ui.data.editions", lang), className="h5"),
                    html.Div(
                        make_table(
                            edition_headers,
                            edition_rows,
                            translate("ui.data.editions_caption", lang),
                            numeric=[False] + [True] * (len(edition_headers) - 1),
                        ),
                        className="table-responsive",
                    ),
                ],
                className="card card-body mb-4",
            ),
            html.Section(
                [
                    html.H2(translate("ui.data.dictionary", lang), className="h5"),
                    html.Div(
                        make_table(
                            dictionary_headers,
                            dictionary_rows,
                            translate("ui.data.dictionary_caption", lang),
                        ),
                        className="table-responsive",
                    ),
                ],
                className="card card-body mb-4",
            ),
        ]
    )


def make_placeholder_page(title: str, body: str) -> html.Div:
    """A page not built yet, saying so plainly."""
    return html.Div([html.H1(title, className="h3"), html.P(body)])
