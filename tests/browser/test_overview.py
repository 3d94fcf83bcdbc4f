"""The overview page in a real browser: filters <-> URL <-> charts, table alternatives, CSV
downloads that equal what is drawn, locale formats, keyboard use, offline and compressed.

Most tests start from a view restricted to one or two small categories: the whole view makes
the browser render every table alternative (hundreds of rows), which costs seconds per update
on a slow machine; the two first-load tests cover the whole view.
"""

from __future__ import annotations

import csv
import io
import math
import re
import urllib.request
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Page, Response, expect

from dashboard.i18n import category_label, category_short_label, channel_label, translate
from dashboard.intake.geography import region_name
from dashboard.intake.schema import CATEGORIES
from dashboard.render.tables import round_as_shown
from layouts import ids

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage, PageMonitor

pytestmark = pytest.mark.browser

LATEST = "2022"  # the demo data's editions run 2013-2022
SMALL = "region"  # the smallest category (16 structures a year): quick views
REGION = "53"
SPACES = " \u00a0\u202f"  # a space, a no-break space, a narrow no-break space
GRAPH_CHARTS = (ids.HEATMAP, ids.DISTRIBUTION, ids.TREND)


# ---------------------------------------------------------------------------- helpers


def number(text: str, lang: str = "fr") -> float:
    """A number as the page writes it ("12 345,5" in French, "12,345.5" in English)."""
    text = text.strip().translate({ord(c): None for c in SPACES})
    if lang == "fr":
        assert "." not in text, f"French number with a decimal point: {text!r}"
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def close(shown: float, drawn: float, decimals: int = 1) -> bool:
    """Whether `shown` is `drawn` rounded to `decimals` (either rounding of a tie)."""
    return abs(shown - drawn) <= 0.5 * 10**-decimals + 1e-9


def choose(app: DashPage, control_id: str, option: str, search: str | None = None) -> None:
    """Pick `option` in a Dash dropdown, as a mouse user does."""
    app.page.locator(f"#{control_id}").click()
    if search is not None:
        app.page.keyboard.type(search)
    app.page.get_by_role("option", name=option, exact=True).click()


def tick(app: DashPage, label: str) -> None:
    app.page.get_by_label(label, exact=True).check()


def heatmap_cells(fig: dict[str, Any]) -> dict[tuple[str, str], float]:
    """{(category label, channel label): z} for every cell the heatmap fills."""
    trace = fig["data"][0]
    return {
        (row_label, col_label): value
        for row_label, row in zip(trace["y"], trace["z"], strict=True)
        for col_label, value in zip(trace["x"], row, strict=True)
        if value is not None and not math.isnan(value)
    }


def traces_by_name(fig: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {trace["name"]: trace for trace in fig["data"]}


def distribution_scores(fig: dict[str, Any]) -> dict[str, list[float]]:
    """{category label: the scores drawn as dots}, from the traces that carry x values (the
    boxes are drawn from precomputed quartiles and carry none)."""
    return {t["name"]: list(t["x"]) for t in fig["data"] if t.get("x") is not None}


def trend_point(fig: dict[str, Any], category: str, edition: str) -> float:
    """The trend's value for a category (its full label, as tables and CSVs write it: the
    legend names it by its short label) in an edition."""
    short = {
        category_label(code, lang): category_short_label(code, lang)
        for code in CATEGORIES
        for lang in ("fr", "en")
    }
    trace = traces_by_name(fig)[short[category]]
    return float(trace["y"][list(trace["x"]).index(int(edition))])


def marked_editions(app: DashPage) -> list[Any]:
    """The selected edition's line on the trend (its first shape; the others mark the
    editions where the method changed)."""
    return [shape["x0"] for shape in app.figure(ids.TREND)["shapes"]][:1]


def download_csv(app: DashPage, chart: ids.ChartIds) -> bytes:
    """Click a chart's CSV button and return the downloaded file's bytes."""
    with app.page.expect_download() as info:
        app.page.locator(f"#{chart.csv_button}").click()
    download = info.value
    assert download.failure() is None
    with open(download.path(), "rb") as handle:
        return handle.read()


def read_csv(content: bytes, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a downloaded CSV, checking the locale's dialect."""
    assert content.startswith(b"\xef\xbb\xbf"), "the CSV lacks its UTF-8 BOM (Excel needs it)"
    text = content[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if lang == "fr" else ","))
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), rows[:3]
    return rows[0], rows[1:]


def csv_number(text: str, lang: str) -> float:
    """A CSV cell: the locale's decimal mark, no thousands separator."""
    if lang == "fr":
        assert "." not in text, f"French CSV number with a point: {text!r}"
        return float(text.replace(",", "."))
    assert "," not in text, text
    return float(text)


def assert_formats(page: Page, app: DashPage, lang: str) -> None:
    """Numbers as the language writes them: French "77 %" and "5,5", English "77%" and "5.5",
    in the indicator cards, the heatmap's cell texts, a hover and the tables."""
    cards = page.locator(f"#{ids.CARDS}").inner_text()
    spaced_percent = re.search(rf"\d[{SPACES}]%", cards)
    tight_percent = re.search(r"\d%", cards)
    comma_decimal = re.search(r"\d,\d(?!\d)", cards)  # not "2,254": English thousands
    point_decimal = re.search(r"\d\.\d", cards)
    if lang == "fr":
        assert spaced_percent and not tight_percent, cards
        assert comma_decimal and not point_decimal, cards
    else:
        assert tight_percent and not spaced_percent, cards
        assert point_decimal and not comma_decimal, cards

    fig = app.figure(ids.HEATMAP)
    assert fig["separators"] == (", " if lang == "fr" else ".,")
    cells = page.evaluate(
        "id => [...document.querySelectorAll('#' + id + ' .heatmap-label')]"
        ".map(t => t.textContent)",
        ids.HEATMAP.graph,
    )
    values = sorted(heatmap_cells(fig).values())
    assert len(cells) == len(values)
    mark = "," if lang == "fr" else r"\."
    assert all(re.fullmatch(rf"\d{{1,3}}{mark}\d", c) for c in cells), cells
    shown = sorted(number(c, lang) for c in cells)
    assert all(close(a, b) for a, b in zip(shown, values, strict=True))

    # Over the first cell: its centre, in the plot area's pixels.
    cell = page.evaluate(
        """id => { const gd = document.querySelector('#' + id + ' .js-plotly-plot');
                   const l = gd._fullLayout;
                   return {x: l.xaxis.l2p(0), y: l.yaxis.l2p(0)}; }""",
        ids.HEATMAP.graph,
    )
    page.locator(f"#{ids.HEATMAP.graph} .nsewdrag").first.hover(position=cell)
    hover = page.locator(f"#{ids.HEATMAP.graph} .hoverlayer .hovertext")
    expect(hover).to_be_visible()
    hover_text = hover.text_content() or ""
    assert re.search(rf"\d{mark}\d", hover_text), hover_text

    _, rows = app.table(ids.HEATMAP)
    assert all(re.fullmatch(rf"\d{{1,3}}{mark}\d", row[2]) for row in rows), rows
    subtitle = page.locator(f"#{ids.SUBTITLE}").inner_text()
    if lang == "fr":  # French groups thousands with a (narrow) space, never a comma
        assert not re.search(r"\d,\d{3}", subtitle), subtitle


# ---------------------------------------------------------------------------- first load


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_first_load_is_clean_and_localised(app: DashPage, lang: str) -> None:
    app.goto("/" if lang == "fr" else "/?lang=en")
    page = app.page
    assert page.evaluate("document.documentElement.lang") == lang
    expect(page.locator("h1")).to_have_text(translate("ui.overview.title", lang))
    expect(page).to_have_title(re.compile(re.escape(translate("ui.page.title", lang))))
    banner = page.locator(f"#{ids.DEMO_BANNER}")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(translate("ui.demo.title", lang))
    for chart in GRAPH_CHARTS:
        assert app.figure(chart)["data"], chart.graph
    # The whole view of the latest edition, and no notice.
    assert app.dropdown_text(ids.EDITION) == LATEST
    assert app.checked(ids.CATEGORIES) == [] and app.checked(ids.CHANNELS) == []
    assert marked_editions(app) == [int(LATEST)]
    heatmap = app.figure(ids.HEATMAP)["data"][0]
    assert heatmap["y"] == [category_label(c, lang) for c in CATEGORIES]
    expect(page.locator(f"#{ids.URL_NOTICE}")).to_have_text("")
    assert_formats(page, app, lang)
    # Console errors, page errors and off-host requests fail the test through the fixture.


# ---------------------------------------------------------------------------- each filter


def test_edition_filter_changes_charts_and_url(app: DashPage) -> None:
    app.goto(f"/?category={SMALL}")
    before = app.snapshot()
    cells_before = heatmap_cells(app.figure(ids.HEATMAP))
    choose(app, ids.EDITION, "2019")
    app.wait_query({"edition": ["2019"], "category": [SMALL]})
    app.wait_overview_changed(before)
    assert heatmap_cells(app.figure(ids.HEATMAP)) != cells_before
    assert marked_editions(app) == [2019]
    expect(app.page.locator(f"#{ids.SUBTITLE}")).to_contain_text("2019")


def test_category_filter_changes_charts_and_url(app: DashPage) -> None:
    app.goto(f"/?category={SMALL}")
    before = app.snapshot()
    tick(app, category_label("department", "fr"))
    app.wait_query({"edition": [LATEST], "category": ["department", SMALL]})
    app.wait_overview_changed(before)
    labels = [category_label(c, "fr") for c in ("department", SMALL)]  # contract order
    assert app.figure(ids.HEATMAP)["data"][0]["y"] == labels
    assert list(distribution_scores(app.figure(ids.DISTRIBUTION))) == labels
    assert list(traces_by_name(app.figure(ids.TREND))) == labels
    assert {row[0] for row in app.table(ids.WINNERS)[1]} == set(labels)


def test_channel_filter_changes_charts_and_url(app: DashPage) -> None:
    app.goto(f"/?category={SMALL}")
    before = app.snapshot()
    distribution_before = app.figure(ids.DISTRIBUTION)["data"]
    tick(app, channel_label("phone", "fr"))
    app.wait_query({"edition": [LATEST], "category": [SMALL], "channel": ["phone"]})
    app.wait_overview_changed(before)
    assert app.figure(ids.HEATMAP)["data"][0]["x"] == [channel_label("phone", "fr")]
    # Global scores are taken over the chosen channel only: the distribution moves.
    assert app.figure(ids.DISTRIBUTION)["data"] != distribution_before


def test_region_filter_changes_charts_and_url(app: DashPage) -> None:
    app.goto("/?category=france_services")
    label = category_label("france_services", "fr")
    before = app.snapshot()
    scores_before = distribution_scores(app.figure(ids.DISTRIBUTION))[label]
    name = region_name(REGION)
    assert name
    choose(app, ids.REGION, name, search=name)
    app.wait_query({"edition": [LATEST], "category": ["france_services"], "region": [REGION]})
    app.wait_overview_changed(before)
    scores = distribution_scores(app.figure(ids.DISTRIBUTION))[label]
    assert 0 < len(scores) < len(scores_before)
    expect(app.page.locator(f"#{ids.SUBTITLE}")).to_contain_text(name)
    assert app.dropdown_text(ids.REGION) == name


# ---------------------------------------------------------------------------- URL state


def test_url_restores_the_exact_view_and_history_walks_it(app: DashPage) -> None:
    """Filters set by hand; back and forward walk the same views; the address opened afresh
    shows the same controls, charts, tables and cards."""
    app.goto(f"/?category={SMALL}")
    views = [(app.query(), app.snapshot())]
    choose(app, ids.EDITION, "2020")
    app.wait_query({"edition": ["2020"], "category": [SMALL]})
    app.wait_overview_changed(views[-1][1])
    views.append((app.query(), app.snapshot()))
    tick(app, category_label("department", "fr"))
    app.wait_query({"edition": ["2020"], "category": ["department", SMALL]})
    app.wait_overview_changed(views[-1][1])
    views.append((app.query(), app.snapshot()))
    tick(app, channel_label("email", "fr"))
    final_query = {"edition": ["2020"], "category": ["department", SMALL], "channel": ["email"]}
    app.wait_query(final_query)
    app.wait_overview_changed(views[-1][1])
    views.append((app.query(), app.snapshot()))
    shared_url = app.page.url

    for query, snapshot in reversed(views[:-1]):
        app.page.go_back()
        app.wait_query(query)
        app.wait_snapshot(snapshot)
    assert app.checked(ids.CATEGORIES) == [SMALL]
    assert app.checked(ids.CHANNELS) == []
    assert app.dropdown_text(ids.EDITION) == LATEST

    for query, snapshot in views[1:]:
        app.page.go_forward()
        app.wait_query(query)
        app.wait_snapshot(snapshot)
    assert app.checked(ids.CATEGORIES) == ["department", SMALL]
    assert app.checked(ids.CHANNELS) == ["email"]
    assert app.dropdown_text(ids.EDITION) == "2020"

    app.goto(shared_url.removeprefix(app.base_url))
    assert app.query() == final_query
    assert app.snapshot() == views[-1][1]
    assert app.dropdown_text(ids.EDITION) == "2020"
    assert app.checked(ids.CATEGORIES) == ["department", SMALL]
    assert app.checked(ids.CHANNELS) == ["email"]
    heatmap = app.figure(ids.HEATMAP)["data"][0]
    assert heatmap["y"] == [category_label(c, "fr") for c in ("department", SMALL)]
    assert heatmap["x"] == [channel_label("email", "fr")]
    assert marked_editions(app) == [2020]


def test_url_with_every_filter_sets_every_control(app: DashPage) -> None:
    app.goto(f"/?edition=2018&category={SMALL},department&channel=phone,mail&region={REGION}")
    assert app.dropdown_text(ids.EDITION) == "2018"
    assert app.checked(ids.CATEGORIES) == ["department", SMALL]
    assert app.checked(ids.CHANNELS) == ["phone", "mail"]
    assert app.dropdown_text(ids.REGION) == region_name(REGION)
    heatmap = app.figure(ids.HEATMAP)["data"][0]
    assert set(heatmap["y"]) <= {category_label(c, "fr") for c in ("department", SMALL)}
    assert set(heatmap["x"]) <= {channel_label(c, "fr") for c in ("phone", "mail")}
    assert marked_editions(app) == [2018]
    expect(app.page.locator(f"#{ids.SUBTITLE}")).to_contain_text(str(region_name(REGION)))
    expect(app.page.locator(f"#{ids.URL_NOTICE}")).to_have_text("")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_invalid_url_values_show_a_notice_and_fall_back(app: DashPage, lang: str) -> None:
    suffix = "&lang=en" if lang == "en" else ""
    app.goto(f"/?category={SMALL}{suffix}")
    valid_view = app.snapshot()
    app.goto(f"/?edition=1999&category={SMALL},nope&channel=fax&region=99{suffix}")
    notice = app.page.locator(f"#{ids.URL_NOTICE}")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(
        translate("ui.notice.edition_unknown", lang, value="1999", first=2013, last=2022,
                  shown=2022)
    )  # fmt: skip
    for param, value in (("category", "nope"), ("channel", "fax"), ("region", "99")):
        text = translate("ui.notice.invalid", lang, param=param, value=value)
        expect(notice).to_contain_text(text)
    # Each refused value fell back to its default; the valid category was kept; the charts
    # show exactly the view of the valid part of the address.
    assert app.dropdown_text(ids.EDITION) == LATEST
    assert app.checked(ids.CATEGORIES) == [SMALL]
    assert app.checked(ids.CHANNELS) == []
    assert app.dropdown_text(ids.REGION) == translate("ui.filters.all_regions", lang)
    assert app.snapshot() == valid_view


# ---------------------------------------------------------------------------- language


def test_language_switch_and_back(app: DashPage) -> None:
    app.goto(f"/?edition=2021&category={SMALL}")
    page = app.page
    switch = page.locator("#lang-switch")
    expect(switch).to_have_attribute("lang", "en")
    switch.click()
    app.wait_query({"edition": ["2021"], "category": [SMALL], "lang": ["en"]})
    page.wait_for_function("document.documentElement.lang === 'en'")
    app.wait_overview_drawn()
    assert translate("ui.overview.title", "en") != translate("ui.overview.title", "fr")
    expect(page.locator("h1")).to_have_text(translate("ui.overview.title", "en"))
    expect(page.locator("#lang-switch")).to_have_text(translate("ui.nav.switch_language", "en"))
    expect(page.locator(f"#{ids.DEMO_BANNER}")).to_contain_text(translate("ui.demo.title", "en"))
    # The filters survived the reload; labels and numbers are English.
    assert app.dropdown_text(ids.EDITION) == "2021"
    assert app.checked(ids.CATEGORIES) == [SMALL]
    assert app.figure(ids.HEATMAP)["data"][0]["y"] == [category_label(SMALL, "en")]
    assert_formats(page, app, "en")

    page.locator("#lang-switch").click()
    app.wait_query({"edition": ["2021"], "category": [SMALL]})
    page.wait_for_function("document.documentElement.lang === 'fr'")
    app.wait_overview_drawn()
    expect(page.locator("h1")).to_have_text(translate("ui.overview.title", "fr"))
    assert app.figure(ids.HEATMAP)["data"][0]["y"] == [category_label(SMALL, "fr")]
    assert_formats(page, app, "fr")


# ---------------------------------------------------------------------------- tables


def test_table_alternatives_open_with_keyboard_and_match_the_charts(app: DashPage) -> None:
    app.goto(f"/?edition=2021&category=department,{SMALL}&channel=phone,email,website")
    page = app.page
    for chart in GRAPH_CHARTS:
        details = page.locator(f"details:has(#{chart.table})")
        table = page.locator(f"#{chart.table} table")
        expect(table).to_be_hidden()
        details.locator("> summary").focus()
        page.keyboard.press("Enter")
        expect(details).to_have_attribute("open", "")
        expect(table).to_be_visible()
        expect(table.locator("caption")).not_to_be_empty()

    # Heatmap: one row per filled cell, same labels, the value rounded to one decimal.
    cells = heatmap_cells(app.figure(ids.HEATMAP))
    _, rows = app.table(ids.HEATMAP)
    assert len(rows) == len(cells)
    for category, channel, mean, *_counts in rows:
        assert close(number(mean), cells[(category, channel)]), (category, channel, mean)

    # Trend: one row per point of each category's line.
    trend = app.figure(ids.TREND)
    _, rows = app.table(ids.TREND)
    assert len(rows) == sum(len(t["y"]) for t in trend["data"])
    for category, edition, mean, *_counts in rows:
        assert close(number(mean), trend_point(trend, category, edition)), (category, edition)

    # Distribution: every structure's score, per category, in the drawn order.
    distribution = distribution_scores(app.figure(ids.DISTRIBUTION))
    _, rows = app.table(ids.DISTRIBUTION)
    shown: dict[str, list[float]] = {}
    for category, score, *_tests in rows:
        shown.setdefault(category, []).append(number(score))
    assert list(shown) == list(distribution)
    for category, scores in shown.items():
        drawn = distribution[category]
        assert len(scores) == len(drawn)
        assert all(close(a, b) for a, b in zip(scores, drawn, strict=True)), category


# ---------------------------------------------------------------------------- CSV downloads


def test_csv_downloads_equal_what_is_drawn(app: DashPage) -> None:
    app.goto(f"/?edition=2020&category=city_50k_plus,{SMALL}&channel=physical,phone,social")
    lang = "fr"

    header, rows = read_csv(download_csv(app, ids.HEATMAP), lang)
    assert header == app.table(ids.HEATMAP)[0]
    cells = heatmap_cells(app.figure(ids.HEATMAP))
    assert {(r[0], r[1]) for r in rows} == set(cells)
    for category, channel, mean, *_counts in rows:
        # What is drawn, rounded as the table shows it (one decimal).
        assert csv_number(mean, lang) == round_as_shown(cells[(category, channel)])

    header, rows = read_csv(download_csv(app, ids.TREND), lang)
    assert header == app.table(ids.TREND)[0]
    trend = app.figure(ids.TREND)
    assert len(rows) == sum(len(t["y"]) for t in trend["data"])
    for category, edition, mean, *_counts in rows:
        assert csv_number(mean, lang) == round_as_shown(trend_point(trend, category, edition))

    header, rows = read_csv(download_csv(app, ids.DISTRIBUTION), lang)
    assert header == app.table(ids.DISTRIBUTION)[0]
    downloaded: dict[str, list[float]] = {}
    for category, score, *_tests in rows:
        downloaded.setdefault(category, []).append(csv_number(score, lang))
    assert downloaded == distribution_scores(app.figure(ids.DISTRIBUTION))

    # The winners list has no graph: its CSV equals its table.
    header, rows = read_csv(download_csv(app, ids.WINNERS), lang)
    table_header, table_rows = app.table(ids.WINNERS)
    assert header == table_header
    assert len(rows) == len(table_rows)
    for row, shown in zip(rows, table_rows, strict=True):
        assert row[:3] == shown[:3]
        assert close(number(shown[3]), csv_number(row[3], lang))


def test_csv_download_in_english(app: DashPage) -> None:
    app.goto(f"/?category=department,{SMALL}&channel=phone&lang=en")
    header, rows = read_csv(download_csv(app, ids.HEATMAP), "en")
    assert header == app.table(ids.HEATMAP)[0]
    assert header[0] == translate("ui.col.category", "en")
    cells = heatmap_cells(app.figure(ids.HEATMAP))
    assert {(r[0], r[1]) for r in rows} == set(cells)
    for category, channel, mean, *_counts in rows:
        assert csv_number(mean, "en") == round_as_shown(cells[(category, channel)])


# ---------------------------------------------------------------------------- keyboard


def test_filters_work_with_the_keyboard_only(app: DashPage) -> None:
    app.goto(f"/?category={SMALL}")
    page = app.page
    # The skip link comes first and leads to the content.
    page.keyboard.press("Tab")
    skip = page.locator("a[href='#main']")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # Tab on to the first category's box.
    box = f"#{ids.CATEGORIES} input[value='{{}}']"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)",
                         box.format(CATEGORIES[0])):  # fmt: skip
            break
    else:
        pytest.fail("Tab never reached the first category's checkbox")
    before = app.snapshot()
    page.keyboard.press("Space")
    app.wait_query({"edition": [LATEST], "category": [CATEGORIES[0], SMALL]})
    app.wait_overview_changed(before)
    expect(page.locator(box.format(CATEGORIES[0]))).to_be_checked()
    # Space again unticks it; the view comes back.
    before = app.snapshot()
    page.keyboard.press("Space")
    app.wait_query({"edition": [LATEST], "category": [SMALL]})
    app.wait_overview_changed(before)
    # Tab to a channel's box; Space ticks it.
    for _ in range(len(CATEGORIES) + 1):
        page.keyboard.press("Tab")
        if page.evaluate("id => document.activeElement.closest('#' + id) !== null", ids.CHANNELS):
            break
    else:
        pytest.fail("Tab never reached the channels")
    channel = page.evaluate("() => document.activeElement.value")
    before = app.snapshot()
    page.keyboard.press("Space")
    app.wait_query({"edition": [LATEST], "category": [SMALL], "channel": [channel]})
    app.wait_overview_changed(before)
    assert app.figure(ids.HEATMAP)["data"][0]["x"] == [channel_label(channel, "fr")]


# ---------------------------------------------------------------------------- offline, compressed


def test_nothing_leaves_127_0_0_1(app: DashPage, page_monitor: PageMonitor) -> None:
    app.goto(f"/?category={SMALL}&lang=en")
    before = app.snapshot()
    tick(app, channel_label("phone", "en"))
    app.wait_query({"edition": [LATEST], "category": [SMALL], "channel": ["phone"], "lang": ["en"]})
    app.wait_overview_changed(before)
    app.goto("/benchmark")
    app.goto("/data")
    assert page_monitor.blocked == []
    assert page_monitor.local_requests, "no request seen at all"
    # Nothing in the DOM points elsewhere either (scripts, styles, images, frames).
    urls = app.page.evaluate(
        """() => [...document.querySelectorAll('script[src], link[href], img[src], iframe[src]')]
                   .map(e => e.src || e.href)"""
    )
    assert urls and all(u.startswith(app.base_url + "/") for u in urls), urls


def test_scripts_and_styles_are_served_compressed(app: DashPage) -> None:
    encodings: dict[str, str | None] = {}

    def record(response: Response) -> None:
        if response.request.resource_type in ("script", "stylesheet"):
            encodings[response.url] = response.headers.get("content-encoding")

    app.page.on("response", record)
    app.goto(f"/?category={SMALL}")
    assert any("plotly" in url for url in encodings), encodings
    assert any(url.endswith(".css") for url in encodings), encodings
    # Chromium offers zstd, which flask-compress prefers: any real compression counts.
    assert all(e in ("gzip", "br", "zstd") for e in encodings.values()), encodings
    # A client offering only gzip (older browsers, proxies) gets gzip.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for url in (next(u for u in encodings if "plotly" in u), app.base_url + "/"):
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with opener.open(request, timeout=30) as response:
            assert response.headers.get("Content-Encoding") == "gzip", url


def test_the_guard_blocks_other_hosts_and_records_errors(
    app: DashPage, page_monitor: PageMonitor
) -> None:
    """The fixture's guard itself: a request to another host is aborted and recorded, and
    console and page errors are recorded (then cleared here, since they were planted). On
    the app's pages the Content-Security-Policy refuses it first (`connect-src 'self'`)."""
    page = app.page
    probe = "() => fetch('http://192.0.2.1/probe').then(() => 'reached', () => 'blocked')"
    app.goto("/data")
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        assert page.evaluate(probe) == "blocked"
    assert page_monitor.blocked == []  # the browser never sent it
    # A document without the app's policy: the request leaves, and the guard stops it.
    page.goto("about:blank")
    page.set_content("<main><h1>guard</h1></main>")
    assert page.evaluate(probe) == "blocked"
    assert page_monitor.blocked == ["http://192.0.2.1/probe"]
    app.goto("/data")
    with page.expect_console_message(lambda m: "planted" in m.text):
        page.evaluate("() => console.error('planted console error')")
    with page.expect_event("pageerror"):
        page.evaluate("() => { setTimeout(() => { throw new Error('planted page error'); }); }")
    assert any("planted console error" in e for e in page_monitor.console_errors)
    assert any("planted page error" in e for e in page_monitor.page_errors)
    page_monitor.blocked.clear()
    page_monitor.console_errors.clear()
    page_monitor.page_errors.clear()


def test_charts_draw_with_the_apps_own_plotly_bundle_only(
    app: DashPage, page_monitor: PageMonitor
) -> None:
    """The app serves its own plotly.js (the core and the trace types it draws, a quarter of
    the full bundle) at the plotly package's version, and Dash never fetches its full
    bundle: every chart still draws."""
    from plotly.offline import get_plotlyjs_version

    app.goto(f"/?category={SMALL}")
    version = get_plotlyjs_version()
    assert app.page.evaluate("() => window.Plotly.version") == version
    scripts = [u for u in page_monitor.local_requests if "plotly" in u]
    assert any(f"/vendor/plotly-{version}-" in u for u in scripts), scripts
    assert not any("plotly.min.js" in u for u in scripts), scripts
    for chart in (ids.HEATMAP, ids.DISTRIBUTION, ids.TREND):
        assert app.page.locator(f"#{chart.graph} .main-svg").count() > 0


def test_regenerator_runtime_loads_instead_of_dashs_core_js_polyfill(
    app: DashPage, page_monitor: PageMonitor
) -> None:
    """Dash's core-js 2 polyfill is never loaded (it replaced the browser's trim and
    parseFloat with slower copies, marked with a "Symbol(src)" property); regenerator-runtime,
    which Dash's bundles call, is, and the page works (the whole browser suite runs so)."""
    app.goto(f"/?category={SMALL}")
    scripts = page_monitor.local_requests
    assert not any("polyfill@" in u for u in scripts), scripts
    assert any("/vendor/regenerator-runtime-" in u for u in scripts), scripts
    assert app.page.evaluate("() => typeof regeneratorRuntime") == "object"
    replaced = app.page.evaluate(
        """() => [[window, 'parseFloat'], [window, 'parseInt'], [Number, 'parseFloat'],
                  [String.prototype, 'trim'], [String.prototype, 'trimStart']]
             .filter(([o, k]) => Object.getOwnPropertyNames(o[k])
                                   .some(p => p.startsWith('Symbol(src)')))
             .map(([o, k]) => k)"""
    )
    assert replaced == []
    assert app.page.evaluate("() => typeof window.core") == "undefined"  # core-js's global
