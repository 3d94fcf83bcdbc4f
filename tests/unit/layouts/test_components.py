"""Layout builders (layouts/), without a browser: the components they return, compared as
Dash components, and what their HTML holds."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.pages import benchmark, overview
from layouts import ids
from layouts.components import (
    attributes,
    chart_output_ids,
    chart_outputs,
    make_button,
    make_change_line,
    make_chart_block,
    make_empty_message,
    make_field,
    make_table,
)
from layouts.shell import AccountMenu, make_shell


def by_id(tree: Any) -> dict[str, Any]:
    return {c.id: c for c in tree._traverse() if getattr(c, "id", None)}


def test_a_table_escapes_whatever_a_name_holds() -> None:
    hostile = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "A & B"]
    table = make_table(["Nom", "Score"], [[hostile[0], "1"], [hostile[1], hostile[2]]], "<b>t</b>")
    html_text = table.children
    assert isinstance(table, dcc.Markdown) and table.dangerously_allow_html
    assert "<script>" not in html_text and "<img" not in html_text and "<b>t" not in html_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html_text
    assert "A &amp; B" in html_text


def test_a_field_labels_its_control() -> None:
    field = make_field("Édition", dcc.Dropdown(id="x"), "x", "une aide")
    label, control, hint = field.children
    assert isinstance(label, html.Label) and label.htmlFor == "x" and label.children == "Édition"
    assert control.id == "x" and hint.children == "une aide"
    assert len(make_field("Édition", dcc.Dropdown(id="y"), "y").children) == 2


def test_a_chart_block_has_every_id_its_spec_derives() -> None:
    chart = ids.chart(overview.HEATMAP)
    block = make_chart_block(chart, "Titre", "Légende", "fr")
    found = by_id(block)
    for name in (
        "graph",
        "table",
        "details",
        "summary",
        "csv_button",
        "download",
        "caption",
        "empty",
        "note",
    ):
        assert getattr(chart, name) in found, name
    assert found[chart.details].open is False  # the table comes when opened
    buttons = [c for c in block._traverse() if isinstance(c, html.Button)]
    props = [b.to_plotly_json()["props"] for b in buttons]
    # One PNG and one SVG button, drawn on the server for the block's spec.
    assert [(p["data-chart-image"], p["data-format"]) for p in props] == [
        (chart.name, "png"),
        (chart.name, "svg"),
    ]
    assert all("Titre" in p["aria-label"] for p in props)


def test_a_table_block_is_its_table_always_shown() -> None:
    chart = ids.chart(benchmark.MEASURES_BLOCK)
    found = by_id(make_chart_block(chart, "Mesures", "…", "en"))
    assert chart.graph not in found and chart.empty not in found
    assert found[chart.details].open is True


def test_ids_derive_from_the_page_specs() -> None:
    assert [c.name for c in ids.OVERVIEW_CHARTS] == [s.name for s in overview.SECTIONS]
    assert [c.drawn for c in ids.BENCH_CHARTS] == [s.drawn for s in benchmark.SECTIONS]
    assert ids.HEATMAP.graph == "overview-heatmap-graph"


def test_an_empty_message_is_said_or_nothing() -> None:
    assert make_empty_message(None) == []
    (paragraph,) = make_empty_message("Rien à dessiner")
    assert paragraph.children == "Rien à dessiner"


def test_attributes_with_a_dash() -> None:
    assert attributes(aria_live="polite", data_chart_file="x") == {
        "aria-live": "polite",
        "data-chart-file": "x",
    }


def test_the_shell_marks_the_page_and_links_the_other_language() -> None:
    shell = make_shell("/benchmark", "?structure=X", "fr", html.Div("contenu"), is_demo=True)
    links = [c for c in shell._traverse() if isinstance(c, html.A)]
    current = [a for a in links if a.to_plotly_json()["props"].get("aria-current") == "page"]
    assert [a.href for a in current] == ["/benchmark"]
    switch = next(a for a in links if getattr(a, "id", None) == "lang-switch")
    assert switch.href == "/benchmark?structure=X&lang=en" and switch.lang == "en"
    assert ids.DEMO_BANNER in by_id(shell)
    assert ids.DEMO_BANNER not in by_id(make_shell("/", "", "en", html.Div(), is_demo=False))


def footer_text(shell: html.Div) -> str:
    footer = next(c for c in shell._traverse() if isinstance(c, html.Footer))
    return " ".join(str(c) for c in footer._traverse() if isinstance(c, str))


def test_the_footer_speaks_of_the_page_s_figures() -> None:
    scores = footer_text(make_shell("/", "", "fr", html.Div(), is_demo=False))
    territories = footer_text(make_shell("/territoires", "", "fr", html.Div(), is_demo=False))
    assert "Scores sur 100" in scores and "Scores sur 100" not in territories
    assert "territoires comparés" in territories


def test_a_block_holds_its_view_controls_and_the_note_under_its_chart() -> None:
    chart = ids.chart(overview.TREND)
    control = dcc.Checklist(id="a-control", options=[], value=[])
    block = make_chart_block(chart, "Titre", "Légende", "fr", controls=[control])
    order = [getattr(c, "id", None) for c in block._traverse()]
    # The control comes after the caption and before the chart it changes.
    assert order.index(chart.caption) < order.index("a-control") < order.index(chart.graph)
    figure = {"data": [], "layout": {"height": 300}}
    outputs = chart_outputs(figure, None, "Une note")
    assert len(outputs) == len(chart_output_ids(chart))
    assert outputs[3][0].children == "Une note"
    # Nothing to draw: no note either, the message says why.
    assert chart_outputs(figure, "Rien", "Une note")[3] == []


def test_a_change_line_is_grey_within_the_noise() -> None:
    noise = make_change_line("+3 pts : stable", "up", "noise")
    assert "text-body-secondary" in noise.className
    assert noise.children[0].children == "▲ "  # the arrow still says which way it moved
    good = make_change_line("+12 pts", "up", "good", "(évolution favorable)")
    assert "text-success" in good.className
    assert good.children[2].children == " (évolution favorable)"


def test_a_button_has_one_of_three_looks() -> None:
    main = make_button("Télécharger", "main-action")
    beside = make_button("Excel", "second-action", "primary-outline")
    quiet = make_button("CSV", "quiet-action", "secondary-outline", small=True, disabled=True)
    assert main.color == "primary"
    assert {"outline", "size", "disabled"}.isdisjoint(main.to_plotly_json()["props"])
    assert (beside.color, beside.outline) == ("primary", True)
    assert (quiet.color, quiet.outline, quiet.size, quiet.disabled) == (
        "secondary",
        True,
        "sm",
        True,
    )
    assert (main.children, main.id, main.className) == ("Télécharger", "main-action", "mb-2")


def test_the_navbar_s_menu_and_account_panel_are_disclosures() -> None:
    menu = AccountMenu("ada", "administrateur", "tok", (("/admin/users", "accounts.nav.users"),))
    shell = by_id(make_shell("/", "", "fr", html.Div(), is_demo=False, account=menu))
    toggle, account = shell[ids.NAV_TOGGLE], shell[ids.ACCOUNT_NAME]
    for button, panel in ((toggle, ids.NAV_MENU), (account, ids.ACCOUNT_PANEL)):
        props = button.to_plotly_json()["props"]
        assert (props["aria-controls"], props["aria-expanded"]) == (panel, "false")
        assert panel in shell and "show" not in shell[panel].className
    assert account.children == "ada (administrateur)"
    panel_links = [a.href for a in shell[ids.ACCOUNT_PANEL]._traverse() if isinstance(a, html.A)]
    assert panel_links == ["/admin/users", "/account/password"]
    assert ids.LOGOUT_BUTTON in by_id(shell[ids.ACCOUNT_PANEL])


def test_the_report_files_are_fetched_with_a_status_line() -> None:
    from dashboard.urlstate import BenchmarkState
    from layouts.reports import make_takeaway

    section = by_id(make_takeaway(BenchmarkState("S1", 2022), "fr"))
    for link_id, fmt in ((ids.TAKEAWAY_PDF, "PDF"), (ids.TAKEAWAY_PPTX, "PowerPoint")):
        props = section[link_id].to_plotly_json()["props"]
        assert props["data-fetch-download"] == ids.TAKEAWAY_STATUS
        assert props["data-busy"] == f"Préparation du fichier {fmt}… quelques secondes."
        assert "{reason}" in props["data-failed"] and "download" in props
    assert section[ids.TAKEAWAY_STATUS].role == "status"
    assert "data-fetch-download" not in section[ids.TAKEAWAY_REPORT].to_plotly_json()["props"]
