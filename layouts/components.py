"""Reusable pieces: accessible tables, chart blocks with table alternative and CSV button."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.charts import graph_config
from dashboard.i18n import translate
from layouts.ids import ChartIds


def make_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    caption: str,
    numeric: Sequence[bool] = (),
    table_id: str | None = None,
) -> html.Table:
    """An accessible HTML table: caption, header cells with scope, numbers right-aligned.

    The first cell of each row is its header (scope="row"); `numeric` flags the columns to
    right-align.
    """
    align = [("text-end" if flag else "") for flag in numeric] or [""] * len(headers)
    head = html.Thead(
        html.Tr(
            [html.Th(h, scope="col", className=a) for h, a in zip(headers, align, strict=False)]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Th(row[0], scope="row", className="fw-normal"),
                    *[
                        html.Td(cell, className=a)
                        for cell, a in zip(row[1:], align[1:], strict=False)
                    ],
                ]
            )
            for row in rows
        ]
    )
    kwargs = {"id": table_id} if table_id else {}
    return html.Table(
        [html.Caption(caption, className="caption-top"), head, body],
        className="table table-sm table-striped mb-0",
        **kwargs,
    )


def make_payload_table(table: dict[str, Any]) -> html.Table:
    """An accessible table from a dashboard.tables.table_payload() dict."""
    return make_table(table["headers"], table["rows"], table["caption"], table["numeric"])


def make_section(
    heading_id: str, title: str, children: Sequence[Any], class_name: str
) -> html.Section:
    """A landmark section labelled by its own h2 heading."""
    return html.Section(
        [html.H2(title, className="h5", id=heading_id), *children],
        className=class_name,
        **{"aria-labelledby": heading_id},
    )


def make_notice(notices: Sequence[str], notice_id: str) -> Any:
    """The dismissable notice of refused URL values, or an empty placeholder with its id."""
    if not notices:
        return html.Div(id=notice_id)
    return dbc.Alert(
        [html.P(n, className="mb-0") for n in notices],
        color="info",
        id=notice_id,
        dismissable=True,
    )


def make_chart_block(
    ids: ChartIds, title: str, description: str, lang: str, *, graph: bool = True
) -> html.Section:
    """A titled chart with its text description, a "see as table" disclosure and a CSV button.

    The table sits in a native <details> element: keyboard and screen-reader operable with
    no script. Callbacks fill the graph, the table and the download.
    """
    heading_id = f"{ids.name}-heading"
    children: list[object] = [
        html.H2(title, id=heading_id, className="h5"),
        html.P(description, id=ids.caption, className="text-body-secondary small"),
    ]
    if graph:
        children.append(
            dcc.Loading(
                dcc.Graph(id=ids.graph, config=graph_config(lang), className="chart"),
                type="default",
            )
        )
    children.append(
        html.Details(
            [
                html.Summary(translate("ui.chart.see_table", lang)),
                html.Div(id=ids.table, className="table-responsive mt-2"),
            ],
            open=not graph,
            className="mt-2",
        )
    )
    children.append(
        html.Div(
            [
                dbc.Button(
                    translate("ui.chart.download_csv", lang),
                    id=ids.csv_button,
                    color="secondary",
                    outline=True,
                    size="sm",
                    className="mt-2",
                ),
                dcc.Download(id=ids.download),
            ]
        )
    )
    return html.Section(
        children, className="card card-body mb-4", **{"aria-labelledby": heading_id}
    )
