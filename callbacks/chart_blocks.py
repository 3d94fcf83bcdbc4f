"""What every chart block of a page wires the same way: the CSV download of the numbers it
draws, and its "see as table" alternative, built when opened (`register_block_extras`: both,
from the page's controls)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update

from dashboard.pages.sections import ChartSpec, CsvFile, csv_file, table_view
from dashboard.render.tables import TablePayload
from layouts import ids
from layouts.components import make_payload_table
from layouts.ids import ChartIds


def register_csv_downloads(
    app: Dash,
    charts: Sequence[ChartIds],
    states: Sequence[State],
    csv_for: Callable[..., CsvFile | None],
) -> None:
    """One download callback per chart: its button and the page's `states`. The file is
    `csv_for(chart_name, *state_values)` (None: nothing to download), built on the click
    from the one table it needs, not with the whole page."""
    for chart in charts:

        @app.callback(
            Output(chart.download, "data"),
            Input(chart.csv_button, "n_clicks"),
            *states,
            prevent_initial_call=True,
        )
        def _download(n_clicks: int | None, *values: Any, _name: str = chart.name) -> Any:
            if not n_clicks:
                return no_update
            found = csv_for(_name, *values)
            return no_update if found is None else asdict(found)


def register_table_views(
    app: Dash,
    charts: Sequence[ChartIds],
    inputs: Sequence[Input],
    states: Sequence[State],
    table_for: Callable[..., TablePayload | None],
) -> None:
    """One callback for the "see as table" alternatives of a page's charts. A table is
    built the first time its disclosure is opened, then kept up to date when the page's
    `inputs` change: most visitors never open one, and the biggest (one row per structure)
    would cost every answer its rows and the browser their rendering.

    `table_for(chart_name, *input_and_state_values)` gives the table payload (None: no
    table, e.g. no structure chosen)."""
    drawn = [chart for chart in charts if chart.drawn]
    summaries = {f"{chart.summary}.n_clicks" for chart in drawn}

    @app.callback(
        *[Output(chart.table, "children") for chart in drawn],
        *[Input(chart.summary, "n_clicks") for chart in drawn],
        *inputs,
        *states,
        prevent_initial_call=True,
    )
    def _tables(*args: Any) -> tuple[Any, ...]:
        clicks, values = args[: len(drawn)], args[len(drawn) :]
        triggered = set(ctx.triggered_prop_ids)
        inputs_changed = bool(triggered - summaries)
        out: list[Any] = []
        for chart, n_clicks in zip(drawn, clicks, strict=True):
            # Opened once (its first click), or opened before and the inputs changed; a
            # later click only closes or reopens a table that is already up to date.
            first_open = n_clicks == 1 and f"{chart.summary}.n_clicks" in triggered
            if n_clicks and (inputs_changed or first_open):
                table = table_for(chart.name, *values)
                out.append(make_payload_table(table) if table else [])
            else:
                out.append(no_update)
        return tuple(out)


def register_block_extras(
    app: Dash,
    charts: Sequence[ChartIds],
    controls: Sequence[tuple[str, str]],
    table_for: Callable[..., TablePayload | None],
    csv_for: Callable[..., CsvFile | None],
) -> None:
    """The "see as table" views and the CSV downloads of a page's `charts`, both read from the
    page's `controls` ((component id, property) pairs) then its language (LANG_STORE): the
    open tables follow the controls (register_table_views), a download reads them when
    clicked (register_csv_downloads). `table_for` and `csv_for` are called as
    `(chart_name, *control_values, lang)`."""
    lang = State(ids.LANG_STORE, "data")
    register_table_views(app, charts, [Input(i, p) for i, p in controls], [lang], table_for)
    register_csv_downloads(app, charts, [*[State(i, p) for i, p in controls], lang], csv_for)


def register_block_alternatives(
    app: Dash,
    charts: Sequence[ChartIds],
    controls: Sequence[tuple[str, str]],
    sections: Mapping[str, ChartSpec[Any]],
    view_of: Callable[..., Any],
) -> None:
    """register_block_extras() for blocks whose table and CSV come from the page's view for
    its controls' values: `view_of(*control_values, lang)`, the values as the browser sends
    them (`controls`' (id, prop) order, then the page's language), gives the view (None:
    nothing to show, no table and no file); each block's section is `sections[name]`. The
    tables follow the controls; a download reads them when its button is clicked."""

    def table_for(chart_name: str, *values: Any) -> TablePayload | None:
        view = view_of(*values)
        return None if view is None else table_view(sections[chart_name], view)

    def csv_for(chart_name: str, *values: Any) -> CsvFile | None:
        view = view_of(*values)
        return None if view is None else csv_file(sections[chart_name], view)

    register_block_extras(app, charts, controls, table_for, csv_for)
