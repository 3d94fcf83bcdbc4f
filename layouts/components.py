"""Reusable pieces: accessible tables, chart blocks with table alternative and CSV button."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any, Literal, cast

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import translate
from dashboard.render.block_kinds import GRAPH, kind_of
from dashboard.render.tables import TablePayload
from dashboard.render.theme import graph_config
from layouts.drawings import make_drawing
from layouts.ids import ChartIds


def attributes(**values: str) -> dict[str, Any]:
    """HTML attributes Dash's components take only as keywords with a dash ("aria-live",
    "data-chart-graph"): aria_live="polite" -> {"aria-live": "polite"}."""
    return {name.replace("_", "-"): value for name, value in values.items()}


ButtonLook = Literal["primary", "primary-outline", "secondary-outline"]


def make_button(
    text: str,
    component_id: str,
    look: ButtonLook = "primary",
    *,
    small: bool = False,
    disabled: bool = False,
    class_name: str = "mb-2",
) -> dbc.Button:
    """A button in one of the app's three looks: a page's main action ("primary"), a second
    action beside it ("primary-outline") and a quiet one ("secondary-outline")."""
    color, _, outline = look.partition("-")
    # Only what differs from dbc's defaults, so the layout sent says no more than it must.
    extra: dict[str, Any] = {"outline": True} if outline else {}
    extra |= {"size": "sm"} if small else {}
    extra |= {"disabled": True} if disabled else {}
    return dbc.Button(text, id=component_id, color=color, className=class_name, **extra)


def _text(value: object) -> str:
    # One line: a blank line would end the HTML block the Markdown renderer passes through.
    return escape(" ".join(str(value).splitlines()))


def _class(name: str) -> str:
    return f' class="{name}"' if name else ""


def make_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    caption: str,
    numeric: Sequence[bool] = (),
    table_id: str | None = None,
) -> dcc.Markdown:
    """An accessible HTML table: caption, header cells with scope, numbers right-aligned.

    The first cell of each row is its header (scope="row"); `numeric` flags the columns to
    right-align.

    The table is one component holding its HTML (every text escaped), not one component per
    cell: the browser parses it natively, while thousands of Dash components (one structure
    a row at 10x the data) took the renderer seconds. The elements are the same either way.
    """
    align = [("text-end" if flag else "") for flag in numeric] or [""] * len(headers)
    head = "".join(
        f'<th scope="col"{_class(a)}>{_text(h)}</th>' for h, a in zip(headers, align, strict=False)
    )
    body = "\n".join(
        '<tr><th scope="row" class="fw-normal">'
        + _text(row[0])
        + "</th>"
        + "".join(
            f"<td{_class(a)}>{_text(c)}</td>" for c, a in zip(row[1:], align[1:], strict=False)
        )
        + "</tr>"
        for row in rows
    )
    id_attribute = f' id="{escape(table_id)}"' if table_id else ""
    table = (
        f'<table class="table table-sm table-striped mb-0"{id_attribute}>'
        f'<caption class="caption-top">{_text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"
    )
    return dcc.Markdown(table, dangerously_allow_html=True)


DROPDOWN_TEXTS = (
    "select_all", "deselect_all", "selected_count", "search", "clear_search",
    "clear_selection", "no_options_found",
)  # fmt: skip


def dropdown_labels(lang: str) -> Any:
    """Dash 4 dropdowns' own texts in `lang` (Dash writes them in English otherwise): the
    dict Dash's `labels` TypedDict describes."""
    return {key: translate(f"ui.dropdown.{key}", lang) for key in DROPDOWN_TEXTS}


def make_field(label: str, control: object, control_id: str, hint: str | None = None) -> html.Div:
    """A form control with its visible label (for=control_id) and an optional hint below."""
    children: list[Any] = [
        html.Label(label, htmlFor=control_id, className="form-label fw-semibold"),
        control,
    ]
    if hint:
        children.append(html.Div(hint, className="form-text"))
    return html.Div(children, className="mb-3")


def make_dropdown_field(
    label: str, control_id: str, lang: str, hint: str | None = None, **dropdown: Any
) -> html.Div:
    """A dcc.Dropdown with its visible label and optional hint (make_field), its own texts
    in `lang` (dropdown_labels); `dropdown`: the Dropdown's other props (options, value,
    clearable, searchable, placeholder, multi)."""
    control = dcc.Dropdown(labels=dropdown_labels(lang), id=control_id, **dropdown)
    return make_field(label, control, control_id, hint)


def make_edition_field(
    control_id: str, editions: Sequence[int], value: int | None, lang: str
) -> html.Div:
    """The edition picker: a dropdown of `editions` (years), the latest first, never empty
    once one is chosen (not clearable) and short enough to need no search."""
    return make_dropdown_field(
        translate("ui.filters.edition", lang),
        control_id,
        lang,
        options=[{"label": str(e), "value": e} for e in sorted(editions, reverse=True)],
        value=value,
        clearable=False,
        searchable=False,
    )


def make_choice_group(
    legend: str,
    control: Any,
    *,
    legend_class: str = "form-label fw-semibold fs-6",
    class_name: str = "mb-3",
) -> html.Fieldset:
    """A group of radio buttons or checkboxes (`control`: a dbc.RadioItems or dbc.Checklist)
    named by its visible legend.

    dbc, not dcc: Dash 4's dcc.RadioItems and dcc.Checklist nest their inputs in an unnamed
    role="listbox" (axe: nested-interactive, aria-input-field-name), while dbc's render
    native Bootstrap inputs, each with its own <label>."""
    return html.Fieldset(
        [html.Legend(legend, className=legend_class), control], className=class_name
    )


def make_figure_card(card_id: str, label: str, value: str, details: Sequence[Any]) -> dbc.Col:
    """A headline figure in a small card: label, value in large type, then its details."""
    return dbc.Col(
        html.Div(
            [
                html.H3(label, className="h6 mb-1"),
                html.P(value, className="fs-4 fw-semibold mb-0"),
                *details,
            ],
            className="card card-body h-100",
            id=card_id,
        ),
        xs=12,
        sm=6,
        xl=4,
        xxl=3,
        className="mb-3",
    )


# A change's arrow says which way the value moved; its colour and the words (visible, or for
# screen readers) say whether that is news: green or red only beyond the measurement noise,
# grey within it (contract §5b), so the two never contradict each other.
CHANGE_ARROWS: dict[str, str] = {"up": "▲", "down": "▼", "flat": "■", "none": ""}
CHANGE_CLASSES: dict[str, str] = {
    "good": "text-success",
    "bad": "text-danger",
    "noise": "text-body-secondary",
}


def make_change_line(text: str, direction: str, tone: str, hidden_text: str = "") -> html.P:
    """A change with its arrow (`direction`) in the colour of its `tone` (good, bad, noise),
    and words only screen readers read (`hidden_text`)."""
    arrow = CHANGE_ARROWS.get(direction, "") if tone != "none" else ""
    return html.P(
        [
            html.Span(arrow + " " if arrow else "", **attributes(aria_hidden="true")),
            text,
            html.Span(" " + hidden_text, className="visually-hidden") if hidden_text else "",
        ],
        className=f"small mb-0 {CHANGE_CLASSES.get(tone, '')}".strip(),
    )


def make_switch(control_id: str, label: str, on: bool, value: str) -> html.Div:
    """A checkbox (Bootstrap's switch) that turns a view option of one chart on or off; its
    value is [`value`] when on, [] when off."""
    return html.Div(
        dbc.Checklist(
            id=control_id,
            options=[{"label": label, "value": value}],
            value=[value] if on else [],
            switch=True,
        ),
        className="mb-2",
    )


def make_radio_group(
    control_id: str,
    legend: str,
    values: Sequence[str],
    label_prefix: str,
    value: str,
    lang: str,
    *,
    inline: bool = True,
    legend_class: str = "form-label fw-semibold fs-6 mb-1",
    class_name: str = "mb-2",
) -> html.Fieldset:
    """Radio buttons under a visible legend, one per value of `values`, labelled by the
    catalog's `{label_prefix}{value}` in `lang`; `value` is the one chosen. By default a view
    of one chart, inline, in the chart block's spacing; a control panel's group stands one
    above the other (inline=False) with its fields' spacing."""
    return make_choice_group(
        legend,
        dbc.RadioItems(
            id=control_id,
            options=[{"label": translate(f"{label_prefix}{v}", lang), "value": v} for v in values],
            value=value,
            **({"inline": True} if inline else {}),
        ),
        legend_class=legend_class,
        class_name=class_name,
    )


def graph_style(figure: dict[str, Any]) -> dict[str, str]:
    """A graph's box, as high as its figure.

    dcc.Graph treats a figure with a height but no width as responsive: its box is 100 % of
    a parent with no height of its own, and each resize hands the height to plotly's
    autosize, which reads that box. A graph that was hidden when its figure arrived (the
    "My structure" content before a first pick) measured 0 px until the next resize. A
    definite height keeps the box and plotly's autosize on the figure's own height.
    """
    height = figure.get("layout", {}).get("height")
    return {"height": f"{int(height)}px"} if height else {}


def make_empty_message(message: str | None) -> list[Any]:
    """What a chart block says instead of its chart when there is nothing to draw."""
    return [html.P(message, className="alert alert-secondary mb-0")] if message else []


def make_note(note: str | None) -> list[Any]:
    """The line under a chart (empty when it has none)."""
    return [html.P(note, className="small text-body-secondary mb-0 mt-1")] if note else []


def chart_outputs(
    figure: dict[str, Any], message: str | None, note: str | None = None
) -> tuple[Any, Any, Any, Any]:
    """A drawn chart's outputs, in the order of CHART_PROPS: its figure, its box (as high as
    the figure, hidden when there is nothing to draw), the message saying why, and the note
    under the chart (none when there is nothing to draw). A block drawn otherwise than by
    plotly (dashboard.render.block_kinds) gives its drawing's components in place of the
    figure."""
    if kind_of(figure) != GRAPH:
        return (
            make_drawing(figure),
            {"display": "none"} if message else {},
            make_empty_message(message),
            make_note(None if message else note),
        )
    style = {"display": "none"} if message else graph_style(figure)
    return figure, style, make_empty_message(message), make_note(None if message else note)


# The props a callback sets for each drawn chart (see chart_outputs()), by id attribute.
CHART_PROPS: tuple[tuple[str, str], ...] = (
    ("graph", "figure"),
    ("graph", "style"),
    ("empty", "children"),
    ("note", "children"),
)


def chart_output_ids(chart: ChartIds) -> list[tuple[str, str]]:
    """(component id, prop) of a drawn chart's outputs, in the order of chart_outputs(): a
    block drawn otherwise than by plotly sets its drawing's children, not a figure."""
    props = [(getattr(chart, attr), prop) for attr, prop in CHART_PROPS]
    if chart.kind != GRAPH:
        props[0] = (chart.graph, "children")
    return props


def make_payload_table(table: TablePayload) -> dcc.Markdown:
    """An accessible table from a dashboard.render.tables.TablePayload."""
    return make_table(table.headers, table.rows, table.caption, table.numeric)


def make_section(
    heading_id: str, title: str, children: Sequence[Any], class_name: str
) -> html.Section:
    """A landmark section labelled by its own h2 heading."""
    return html.Section(
        [html.H2(title, className="h5", id=heading_id), *children],
        className=class_name,
        **attributes(aria_labelledby=heading_id),
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
    ids: ChartIds, title: str, description: str, lang: str, controls: Sequence[Any] = ()
) -> html.Section:
    """A titled chart with its text description, a "see as table" disclosure and a CSV button;
    `controls` (a view switch of this chart alone, the overview map's level) come between the
    description and the chart.

    The table sits in a native <details> element: keyboard and screen-reader operable with
    no script. Callbacks fill the graph, the note under it, the download, and the table once
    it has been opened (a block that is not `drawn` is its table, always open and filled with
    the page). A block drawn otherwise than by plotly (a tile map, a list of links) has a
    plain box where the graph would be, which the callbacks fill with its components.
    """
    heading_id = f"{ids.name}-heading"
    children: list[Any] = [
        html.H2(title, id=heading_id, className="h5"),
        html.P(description, id=ids.caption, className="text-body-secondary small"),
        *controls,
    ]
    # A chart narrower than its minimum width (assets/accessibility.css), or a table wider
    # than the screen, scrolls sideways in its block, which the keyboard reaches and the
    # block's heading names; the page itself does not scroll sideways.
    scroll_region = attributes(tabIndex="0", role="group", aria_labelledby=heading_id)
    if ids.drawn and not ids.plotted:
        children.append(html.Div(id=ids.empty, **attributes(aria_live="polite")))
        children.append(html.Div(id=ids.graph, className=f"block-{ids.kind}"))
        children.append(html.Div(id=ids.note, **attributes(aria_live="polite")))
    elif ids.drawn:
        children.append(html.Div(id=ids.empty, **attributes(aria_live="polite")))
        children.append(
            html.Div(
                dcc.Loading(
                    dcc.Graph(
                        id=ids.graph, config=cast(Any, graph_config(lang)), className="chart"
                    ),
                    type="default",
                ),
                className="chart-scroll",
                **scroll_region,
            )
        )
        children.append(html.Div(id=ids.note, **attributes(aria_live="polite")))
    children.append(
        html.Details(
            [
                html.Summary(translate("ui.chart.see_table", lang), id=ids.summary),
                html.Div(id=ids.table, className="table-responsive mt-2", **scroll_region),
            ],
            id=ids.details,
            open=not ids.drawn,
            className="mt-2",
        )
    )
    buttons: list[Any] = [
        make_button(
            translate("ui.chart.download_csv", lang),
            ids.csv_button,
            "secondary-outline",
            small=True,
            class_name="mt-2 me-2",
        ),
        dcc.Download(id=ids.download),
    ]
    if ids.plotted:
        # Drawn on the server (/image/<chart>.<fmt>, callbacks/reports.py) with its title,
        # context and source line; assets/chart_image.js fetches it for the page's address.
        # A block drawn as HTML (a tile map, a list of links) has its table and CSV instead.
        buttons += [
            html.Button(
                translate(f"deliverables.image_{fmt}", lang),
                type="button",
                className="btn btn-outline-secondary btn-sm mt-2 me-2",
                title=translate("deliverables.image_label", lang, title=title, fmt=fmt.upper()),
                **attributes(
                    data_chart_image=ids.name,
                    data_format=fmt,
                    aria_label=translate(
                        "deliverables.image_label", lang, title=title, fmt=fmt.upper()
                    ),
                    data_busy=translate("deliverables.image_busy", lang),
                    data_failed=translate("deliverables.image_failed", lang, reason="{reason}"),
                ),
            )
            for fmt in ("png", "svg")
        ]
        buttons.append(
            html.Span(
                className="chart-image-status small ms-1",
                role="status",
                **attributes(aria_live="polite"),
            )
        )
    children.append(html.Div(buttons))
    return html.Section(
        children, className="card card-body mb-4", **attributes(aria_labelledby=heading_id)
    )
