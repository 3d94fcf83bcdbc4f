"""axe-core (bundled with axe-playwright-python, runs offline) on every page, in French and
English: zero violations of WCAG 2.1 A and AA (the RGAA's reference), colour contrast included."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from layouts import ids

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Dash 4's dcc.Dropdown puts an aria-hidden, focusable <input> in front of its button to
# catch focus and hand it to the button (aria-hidden-focus). It is Dash's own markup, which
# the app cannot change; the button it hands focus to is what assistive technology meets.
# Nothing else is excluded.
CONTEXT = {"exclude": [[".dash-dropdown-focus-target"]]}
PAGES = ["/", "/benchmark", "/territoires", "/data"]  # « Territoires » with nothing loaded

AXE = Axe()


def violations(app: DashPage) -> list[dict[str, Any]]:
    results = AXE.run(
        app.page,
        context=CONTEXT,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    found: list[dict[str, Any]] = results.response["violations"]
    if found:
        print(results.generate_report())
    return found


def summary(found: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        for v in found
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violations(app: DashPage, path: str, lang: str) -> None:
    app.goto(path + ("?lang=en" if lang == "en" else ""))
    assert app.page.evaluate("document.documentElement.lang") == lang
    found = violations(app)
    assert not found, summary(found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_overview_with_tables_open_and_a_notice_has_no_violations(app: DashPage, lang: str) -> None:
    """The table alternatives opened and the invalid-address notice shown: the parts a first
    load does not show are scanned too."""
    suffix = "&lang=en" if lang == "en" else ""
    app.goto(f"/?category=department,region,nope&channel=phone,email{suffix}")
    expect(app.page.locator(f"#{ids.URL_NOTICE}")).to_be_visible()
    for chart in ids.OVERVIEW_CHARTS:
        details = app.page.locator(f"details:has(#{chart.table})")
        if details.get_attribute("open") is None:
            details.locator("> summary").click()
        expect(app.page.locator(f"#{chart.table} table")).to_be_visible()
    found = violations(app)
    assert not found, summary(found)


# ---------------------------------------------------------------------------- non-text contrast
# axe checks the contrast of text only; WCAG 1.4.11 (RGAA 3.3) asks 3:1 for the boundaries of
# controls and for the focus indicator too.


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def contrast_on_white(css_colour: str) -> float:
    """The contrast ratio against white of a computed CSS colour (alpha blended on white)."""
    match = re.fullmatch(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)", css_colour)
    assert match, css_colour
    r, g, b = (float(match[i]) for i in (1, 2, 3))
    alpha = float(match[4]) if match[4] is not None else 1.0
    r, g, b = (alpha * c + (1 - alpha) * 255 for c in (r, g, b))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    return 1.05 / (luminance + 0.05)


def test_controls_and_focus_have_3_to_1_contrast(app: DashPage) -> None:
    app.goto("/?category=region")
    page = app.page
    controls = {
        "checkbox": f"#{ids.CATEGORIES} input",
        "edition dropdown": f"#{ids.EDITION}",
        "region dropdown": f"#{ids.REGION}",
        "CSV button": f"#{ids.HEATMAP.csv_button}",
    }
    for name, selector in controls.items():
        border = page.evaluate(
            "s => getComputedStyle(document.querySelector(s)).borderTopColor", selector
        )
        assert contrast_on_white(border) >= 3, f"{name} border {border}"

    page.focus("#main")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches('#{ids.CATEGORIES} input')"):
            break
    else:
        pytest.fail("Tab never reached a checkbox")
    for name in ("checkbox", "CSV button"):
        if name == "CSV button":
            page.locator(controls[name]).focus()
        style = page.evaluate(
            """() => { const c = getComputedStyle(document.activeElement);
                       return [c.outlineStyle, parseFloat(c.outlineWidth), c.outlineColor]; }"""
        )
        assert style[0] != "none" and style[1] >= 2, f"{name} focus outline {style}"
        assert contrast_on_white(style[2]) >= 3, f"{name} focus outline {style}"


@pytest.mark.parametrize(
    ("path", "controls"),
    [
        ("/", {ids.EDITION: "ui.filters.edition", ids.REGION: "ui.filters.region"}),
        (
            "/benchmark?structure=W-STRASBOURG",
            {
                ids.BENCH_STRUCTURE: "ui.bench.structure",
                ids.BENCH_EDITION: "ui.filters.edition",
                ids.BENCH_CHANNEL: "ui.bench.channel",
            },
        ),
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dropdowns_are_named_by_their_label(
    app: DashPage, path: str, controls: dict[str, str], lang: str
) -> None:
    """Dash 4 names a dropdown by its value only; assets/dropdown_labels.js puts the visible
    label first, so a screen reader says "Édition, 2022" (RGAA 11.1)."""
    from dashboard.i18n import translate

    separator = "&" if "?" in path else "?"
    app.goto(path + (f"{separator}lang=en" if lang == "en" else ""))
    for control_id, key in controls.items():
        label = translate(key, lang)
        expect(app.page.locator(f"#{control_id}")).to_have_accessible_name(
            re.compile("^" + re.escape(label))
        )


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    "path",
    ["/benchmark?structure=W-BOURG-EN-BRESSE&intervals=1&act=channel",
     "/?series=like_for_like&category=region"],
)  # fmt: skip
def test_honest_comparisons_views_have_no_violations(app: DashPage, path: str, lang: str) -> None:
    """Issue 16's views (every peer's rank interval, where to act over the channels, the
    like-for-like trend) with every table open, the view switches included."""
    app.goto(path + ("&lang=en" if lang == "en" else ""))
    app.page.wait_for_function("() => !window.__bt.busy()")
    charts = ids.BENCH_CHARTS if path.startswith("/benchmark") else ids.OVERVIEW_CHARTS
    for chart in charts:
        # No public indicator table is loaded in this app: the territory block says so in a
        # line and has no table to open (tests/browser/test_territories.py loads one).
        if chart != ids.BENCH_TERRITORY:
            app.open_table(chart)
    found = violations(app)
    assert not found, summary(found)
