"""« Territoires » and the maps of France in a real browser (issue 17), on the Etalab file as
published (../shared/reference/barometre-resultats/, imported with the command line; the
module is skipped when the file is absent) beside the demo dataset.

What a person sees is checked against an independent pandas computation on the file: the
best department, its value, rank 1 / 101, the last one, the median, a trajectory; every
department at its tile (data/france_tiles.csv) in the colour of its class in the legend,
with an accessible name; the map used by keyboard (one tab stop, arrows, Enter); the page
reached by clicks from the home page at 1440 and 390 px, in French and English; axe scans
with every table open; the overview's map by department and by region; « Ma structure »'s
block and its link.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
from playwright.sync_api import expect

from layouts import ids
from tests.browser.conftest import (
    TIMEOUT_MS,
    VIEWPORTS,
    AppServer,
    app_with_accounts,
    query_of,
)
from tests.browser.test_accessibility import summary, violations
from tests.reference import DETAIL, needs_reference
from tests.reference import DETAIL_KEY as KEY
from tests.servers import app_env

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

ROOT = Path(__file__).resolve().parents[2]
TILES_CSV = ROOT / "data" / "france_tiles.csv"
UNIT = "% de réseaux"

pytestmark = [pytest.mark.browser, needs_reference]

TEXT = {
    "fr": {"nav": "Territoires", "rank": "Rang", "title": "Territoires"},
    "en": {"nav": "Territories", "rank": "Rank", "title": "Territories"},
}
TERRITORY_GRAPHS = [c.graph for c in ids.TERRITORY_CHARTS if c.plotted]


@pytest.fixture(scope="module")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The demo dataset and the Etalab detail file imported as published with the command
    line, as an operator does, served in anonymous mode."""
    work = tmp_path_factory.mktemp("territories")
    data = work / "data"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "indicators", "import", str(DETAIL)],
        cwd=ROOT,
        env=app_env(data),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with app_with_accounts(work) as server:
        yield server


@pytest.fixture(scope="module")
def year_2022(published: pd.DataFrame) -> pd.Series:
    return published[published["year"] == 2022].set_index("code_departement")["valeur"]


def number(value: float, lang: str) -> str:
    """A published value as the page writes it (no decimals when it has none)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


def spaced(text: str) -> str:
    """The page's no-break spaces as plain ones."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def card(app: DashPage, name: str) -> str:
    return spaced(app.page.locator(f"#territory-card-{name}").inner_text())


def card_value(app: DashPage, name: str) -> str:
    return spaced(app.page.locator(f"#territory-card-{name} p").first.inner_text())


def wait_territory(app: DashPage, code: str) -> None:
    """Until the address names `code` and the headline, map and charts show it."""
    app.page.wait_for_url(lambda url: query_of(url).get("entity") == [code], timeout=TIMEOUT_MS)
    app.page.wait_for_function(
        """([code, graphs]) => {
             const tile = document.querySelector(
               `#territory-map-graph button[data-tile-code="${code}"]`);
             return tile && tile.getAttribute('aria-current') === 'true'
               && document.querySelector('#territory-card-rank')
               && graphs.every(id => window.__bt.drawn(id)) && !window.__bt.busy();
           }""",
        arg=[code, TERRITORY_GRAPHS],
        timeout=TIMEOUT_MS,
    )


def pick_territory(app: DashPage, search: str, option: str) -> None:
    """Open the territory list, type in its search box, pick `option`. (Dash 4's dropdown
    moves the focus to the chosen option as it opens: the box is clicked, then filled, so
    that no keystroke goes elsewhere.)"""
    app.page.locator(f"#{ids.TERRITORY_ENTITY}").click()
    box = app.page.get_by_role("searchbox")
    box.click()
    box.fill(search)
    expect(box).to_have_value(search)
    app.page.get_by_role("option", name=option).click()


def tile(app: DashPage, code: str) -> Any:
    return app.page.locator(f"#{ids.TERRITORY_MAP.graph} button[data-tile-code='{code}']")


def test_the_best_and_the_last_department_from_the_home_page(
    app: DashPage, setting: tuple[str, str], published: pd.DataFrame, year_2022: pd.Series
) -> None:
    """From the home page by the navbar, a click on the best department's tile, then the
    last one picked in the list: rank, value, median, best and the trajectory are those of
    the file, every chart is on screen within the window's width."""
    viewport, lang = setting
    app.open_home(lang)
    app.follow_nav(TEXT[lang]["nav"])
    app.page.wait_for_url(lambda url: url.split("?")[0].endswith("/territoires"))
    expect(app.page.locator("main h1")).to_have_text(TEXT[lang]["title"])
    expect(tile(app, "01")).to_be_visible()

    best = str(year_2022.idxmax())
    tile(app, best).click()
    wait_territory(app, best)
    assert query_of(app.page.url) == {
        "indicator": [KEY], "period": ["2022"], "entity": [best],
        **({"lang": ["en"]} if lang == "en" else {}),
    }  # fmt: skip
    assert card_value(app, "rank") == "1 / 101"
    assert card_value(app, "value") == f"{number(year_2022.max(), lang)} {UNIT}"
    assert card_value(app, "median") == f"{number(year_2022.median(), lang)} {UNIT}"
    name = published.loc[published["code_departement"] == best, "libelle_departement"].iloc[0]
    assert f"{name} ({best})" in card(app, "best")
    app.visible_charts(TERRITORY_GRAPHS)
    box = tile(app, best).bounding_box()
    assert (
        box is not None
        and box["x"] >= 0
        and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
    )

    last = str(year_2022.idxmin())
    last_name = published.loc[published["code_departement"] == last, "libelle_departement"].iloc[0]
    pick_territory(app, last_name, f"{last_name} ({last})")
    wait_territory(app, last)
    assert card_value(app, "rank") == "101 / 101"
    own = published[published["code_departement"] == last].set_index("year")["valeur"]
    figure = app.figure(ids.TERRITORY_TRAJECTORY)
    trace = next(t for t in figure["data"] if t["name"] == f"{last_name} ({last})")
    assert trace["x"] == list(range(2017, 2023))
    assert trace["y"] == [own[y] for y in range(2017, 2023)]
    median_trace = figure["data"][2]
    assert median_trace["y"] == [
        published[published["year"] == y]["valeur"].median() for y in range(2017, 2023)
    ]
    app.visible_charts(TERRITORY_GRAPHS)


def _hex(css: str) -> str:
    match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, [\d.]+)?\)", css)
    assert match, css
    return "#" + "".join(f"{int(match[i]):02X}" for i in (1, 2, 3))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


TILES_JS = """
() => [...document.querySelectorAll('#territory-map-graph button[data-tile-code]')].map(b => {
  const style = getComputedStyle(b);
  const box = b.getBoundingClientRect();
  return {code: b.dataset.tileCode, fill: style.backgroundColor,
          column: style.gridColumnStart, row: style.gridRowStart,
          x: box.x, y: box.y, width: box.width};
})
"""
LEGEND_JS = """
() => [...document.querySelectorAll('#territory-map-graph .tile-legend li[data-colour]')]
  .map(li => ({low: li.dataset.low, high: li.dataset.high, colour: li.dataset.colour,
               swatch: getComputedStyle(li.querySelector('.tile-swatch')).backgroundColor,
               text: li.textContent}))
"""


def test_every_department_at_its_tile_in_the_colour_of_its_class(
    app: DashPage, year_2022: pd.Series, published: pd.DataFrame
) -> None:
    app.goto(f"/territoires?indicator={KEY}&period=2022")
    expect(tile(app, "976")).to_be_visible()
    with TILES_CSV.open(encoding="utf-8") as handle:
        places = {
            row["code"]: (int(row["column"]), int(row["row"]))
            for row in csv.DictReader(handle)
            if row["level"] == "department"
        }
    drawn = {t["code"]: t for t in app.page.evaluate(TILES_JS)}
    assert set(drawn) == set(places) == set(year_2022.index)  # 101, overseas and Corsica too
    legend = app.page.evaluate(LEGEND_JS)
    classes = [item for item in legend if item["low"]]
    # The scale as the legend shows it: swatches in their colours, light rising with value
    # (a sequential scale), the unit as given in every class.
    assert all(_hex(item["swatch"]) == item["colour"] for item in legend)
    lights = [_luminance(item["colour"]) for item in classes]
    assert lights == sorted(lights) and len(set(lights)) == len(lights)
    assert all(UNIT in item["text"] for item in classes)
    for code, value in year_2022.items():
        found = drawn[code]
        assert (int(found["column"]), int(found["row"])) == (
            places[code][0] + 1, places[code][1] + 1,
        ), code  # fmt: skip
        step = next(
            item for i, item in enumerate(classes)
            if float(item["low"]) <= value
            and (value < float(item["high"]) or i == len(classes) - 1)
        )  # fmt: skip
        assert _hex(found["fill"]) == step["colour"], (code, value, step)
    # Where the tiles are on screen: Corsica's 2B above 2A, the North above Paris, Finistère
    # west of the Côtes-d'Armor, equal sizes for Paris and Guyane.
    assert drawn["2B"]["y"] < drawn["2A"]["y"]
    assert drawn["59"]["y"] < drawn["75"]["y"]
    assert drawn["29"]["x"] < drawn["22"]["x"]
    assert abs(drawn["75"]["width"] - drawn["973"]["width"]) < 0.5  # to the sub-pixel
    names = dict(zip(published["code_departement"], published["libelle_departement"],
                     strict=False))  # fmt: skip
    for code, value in year_2022.items():
        expected = rf"^{re.escape(names[code])} \({code}\)\s:\s{value:g}\s% de réseaux$"
        expect(tile(app, code)).to_have_accessible_name(re.compile(expected))


OUTSIDE_JS = """
() => [...document.querySelectorAll('#territory-map-graph button[data-tile-code]')].map(b => {
  const style = getComputedStyle(b);
  return {code: b.dataset.tileCode, fill: style.backgroundColor,
          border: style.borderTopStyle, outside: b.classList.contains('tile-outside')};
})
"""


def test_the_departments_of_its_region_on_the_map_and_the_cards(
    app: DashPage, year_2022: pd.Series
) -> None:
    """Haute-Saône (70) compared with the departments of Bourgogne-Franche-Comté, chosen by
    a click: the map keeps their colours and draws the 93 others white with a dashed border
    (their names say so, the legend too); the cards' quartiles are those of the 8 values,
    with one decimal more than the values (whole percentages); the footer speaks of public
    indicators, not of scores out of 100."""
    app.goto(f"/territoires?indicator={KEY}&period=2022&entity=70")
    wait_territory(app, "70")
    app.page.get_by_label("Les départements de sa région").check()
    app.page.wait_for_url(lambda url: query_of(url).get("peers") == ["region"])
    region = ["21", "25", "39", "58", "70", "71", "89", "90"]
    expect(app.page.locator("#territory-map-graph .tile-outside")).to_have_count(101 - 8)
    drawn = {t["code"]: t for t in app.page.evaluate(OUTSIDE_JS)}
    assert {c for c, t in drawn.items() if not t["outside"]} == set(region)
    assert all(_hex(drawn[c]["fill"]) == "#FFFFFF" for c in drawn if c not in region)
    assert {drawn[c]["border"] for c in drawn if c not in region} == {"dashed"}
    assert all(_hex(drawn[c]["fill"]) != "#FFFFFF" for c in region)
    expect(tile(app, "75")).to_have_accessible_name(
        re.compile(r"^Paris \(75\)\s:\s.*, hors du groupe comparé$")
    )
    expect(app.page.locator("#territory-map-graph .tile-legend")).to_contain_text(
        "bordure en tirets : hors du groupe comparé"
    )
    values = year_2022[region].to_numpy(dtype="float64")
    assert all(v == round(v) for v in values)  # whole percentages: quartiles to 1 decimal

    def shown(q: float) -> str:
        return f"{round(float(q), 1):g}".replace(".", ",")  # half to even as the page

    q1, q3 = pd.Series(values).quantile([0.25, 0.75])
    assert card(app, "quartile").endswith(f"Q1 {shown(q1)}, Q3 {shown(q3)}")
    footer = app.page.get_by_role("contentinfo").filter(has_text="Définitions des chiffres")
    expect(footer).to_contain_text("Indicateurs publics")
    expect(footer).not_to_contain_text("Scores sur 100")


def test_the_map_by_keyboard(app: DashPage, year_2022: pd.Series) -> None:
    """Tab reaches the map once (the chosen tile), an arrow moves to the next tile, Enter
    chooses it: the address and the headline follow, the focus stays on the tile; one more
    Tab leaves the map."""
    start = "46"
    app.goto(f"/territoires?indicator={KEY}&period=2022&entity={start}")
    wait_territory(app, start)
    app.page.locator(f"#{ids.TERRITORY_PEERS} input").first.focus()
    for _ in range(10):
        app.page.keyboard.press("Tab")
        if app.page.evaluate("() => !!document.activeElement.dataset.tileCode"):
            break
    else:
        pytest.fail("Tab never reached the map")
    assert app.page.evaluate("document.activeElement.dataset.tileCode") == start
    app.page.keyboard.press("ArrowRight")
    moved = str(app.page.evaluate("document.activeElement.dataset.tileCode"))
    assert moved != start
    assert app.page.evaluate("document.activeElement.getAttribute('tabindex')") == "0"
    app.page.keyboard.press("Enter")
    wait_territory(app, moved)
    expected_rank = 1 + int((year_2022 > year_2022[moved]).sum())
    assert card_value(app, "rank") == f"{expected_rank} / 101"
    assert card_value(app, "value") == f"{number(year_2022[moved], 'fr')} {UNIT}"
    app.page.wait_for_function(
        "code => document.activeElement.dataset.tileCode === code", arg=moved
    )
    app.page.keyboard.press("ArrowDown")
    below = str(app.page.evaluate("document.activeElement.dataset.tileCode"))
    app.page.keyboard.press(" ")
    wait_territory(app, below)
    app.page.keyboard.press("Tab")
    assert not app.page.evaluate("() => !!document.activeElement.dataset.tileCode")
    # Back: the previous territory, in the list and on the map.
    app.page.go_back()
    wait_territory(app, moved)
    expect(app.page.locator(f"#{ids.TERRITORY_ENTITY}")).to_contain_text(f"({moved})")


def _open_every_table(app: DashPage) -> None:
    for chart in ids.TERRITORY_CHARTS:
        details = app.page.locator(f"details:has(#{chart.table})")
        if details.get_attribute("open") is None:
            details.locator("> summary").click()
        expect(app.page.locator(f"#{chart.table} table")).to_be_visible()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_has_no_wcag_violations(app: DashPage, lang: str) -> None:
    suffix = "&lang=en" if lang == "en" else ""
    app.goto(f"/territoires?indicator={KEY}&period=2021&entity=2B&peers=region{suffix}")
    wait_territory(app, "2B")
    _open_every_table(app)
    found = violations(app)  # excludes Dash's own .dash-dropdown-focus-target only
    assert not found, summary(found)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_page_with_no_territory_chosen_has_no_wcag_violations(app: DashPage, lang: str) -> None:
    app.goto("/territoires" + ("?lang=en" if lang == "en" else ""))
    expect(tile(app, "01")).to_be_visible()
    expect(app.page.locator(f"#{ids.TERRITORY_DEFINITION}")).to_contain_text(
        "Choisissez un territoire" if lang == "fr" else "Choose a territory"
    )
    found = violations(app)
    assert not found, summary(found)


def test_the_overview_map_by_department_then_by_region(app: DashPage) -> None:
    app.goto("/")
    grid = app.page.locator(f"#{ids.OVERVIEW_MAP.graph} .tile-grid")
    expect(grid.locator("li.tile")).to_have_count(101)
    app.page.get_by_label("région", exact=True).check()
    app.page.wait_for_url(lambda url: query_of(url).get("map") == ["region"])
    expect(grid.locator("li.tile")).to_have_count(18)
    expect(grid.locator("li[data-tile-code='11']")).to_contain_text("Île-de-France")
    expect(grid).to_have_attribute("aria-label", re.compile("Carte des régions"))
    app.page.go_back()
    app.page.wait_for_url(lambda url: "map" not in query_of(url))
    expect(grid.locator("li.tile")).to_have_count(101)


def test_your_territory_on_my_structure_links_to_the_page(
    app: DashPage, year_2022: pd.Series
) -> None:
    """Bourg-en-Bresse is in Ain (01): its rank on the indicator, and the link to the
    « Territoires » page on that indicator and department."""
    rank = 1 + int((year_2022 > year_2022["01"]).sum())
    app.goto("/benchmark?structure=W-BOURG-EN-BRESSE&lang=en")
    block = app.page.locator(f"#{ids.BENCH_TERRITORY.graph}")
    expect(block).to_contain_text(f"Ain (01), 2022: rank {rank} / 101")
    expect(block).to_contain_text(f"Value: {number(year_2022['01'], 'en')}")
    block.get_by_role("link").click()
    wait_territory(app, "01")
    assert query_of(app.page.url)["indicator"] == [KEY]
    assert card_value(app, "rank") == f"{rank} / 101"
    expect(app.page.locator("main h1")).to_have_text("Territories")


def test_the_csv_of_the_ranking_is_the_file(app: DashPage, year_2022: pd.Series) -> None:
    app.goto(f"/territoires?indicator={KEY}&period=2022&entity=01")
    wait_territory(app, "01")
    with app.page.expect_download() as info:
        app.page.locator(f"#{ids.TERRITORY_DISTRIBUTION.csv_button}").click()
    content = Path(info.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(content[3:].decode("utf-8").splitlines(), delimiter=";"))
    assert rows[0] == ["Territoire", "Rang", "Valeur", "Unité"]
    values = {re.search(r"\((\w+)\)$", r[0])[1]: float(r[2].replace(",", ".")) for r in rows[1:]}  # type: ignore[index]
    assert values == year_2022.to_dict()
