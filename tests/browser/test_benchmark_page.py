"""The "My structure" page in a real browser: the community manager's journey (type a
name and pick it, change edition, change the peer definition, open a shared URL), the rank
shown against an independent computation, anonymity in the page, CSV equal to what is
drawn, and axe scans with a structure loaded, in French and English."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Route, expect

from dashboard.intake.demo import demo_dataset
from layouts import ids
from tests.browser.conftest import BENCH_GRAPHS, TIMEOUT_MS, query_of
from tests.browser.test_accessibility import summary, violations
from tests.browser.test_overview import csv_number, download_csv, read_csv

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

STRASBOURG = "W-STRASBOURG"


def wait_drawn(app: DashPage) -> None:
    """Until every chart of the page is drawn and no callback is running."""
    app.page.wait_for_function(
        "graphs => graphs.every(id => window.__bt.drawn(id)) && !window.__bt.busy()",
        arg=BENCH_GRAPHS,
        timeout=TIMEOUT_MS,
    )


def headline_text(app: DashPage) -> str:
    return app.page.locator(f"#{ids.BENCH_HEADLINE}").inner_text()


def independent_rank(structure_id: str, edition: int, same_region: bool = False) -> str:
    """ "r / N" on the global score, recomputed here from the raw demo tests with pandas."""
    demo = demo_dataset()
    tests = demo.tests[demo.tests["edition"] == edition]
    per_channel = tests.groupby(["structure_id", "channel"])["score"].mean()
    global_score = per_channel.groupby("structure_id").mean()
    structures = demo.structures.set_index("structure_id")
    own = structures.loc[structure_id]
    peers = structures[structures["category"] == own["category"]]
    if same_region:
        peers = peers[peers["region_code"] == own["region_code"]]
    values = global_score[global_score.index.isin(peers.index)]
    return f"{1 + int((values > values[structure_id]).sum())} / {len(values)}"


def test_journey_pick_by_name_change_edition_and_peers(app: DashPage) -> None:
    app.goto("/benchmark")
    expect(app.page.locator(f"#{ids.BENCH_PROMPT}")).to_be_visible()

    # Type part of the name, key by key as a person does (no key may be lost), and pick it.
    app.page.locator(f"#{ids.BENCH_SEARCH}").press_sequentially("strasbourg", delay=40)
    expect(app.page.locator(f"#{ids.BENCH_SEARCH}")).to_have_value("strasbourg")
    app.page.locator(f"#{ids.BENCH_STRUCTURE}").click()
    app.page.get_by_role("option", name=re.compile("^Ville de Strasbourg")).click()
    app.page.wait_for_url(
        lambda url: query_of(url) == {"structure": [STRASBOURG], "edition": ["2022"]},
        timeout=TIMEOUT_MS,
    )
    wait_drawn(app)
    assert independent_rank(STRASBOURG, 2022) in headline_text(app)

    # Another edition.
    app.page.locator(f"#{ids.BENCH_EDITION}").click()
    app.page.get_by_role("option", name="2019", exact=True).click()
    app.page.wait_for_url(lambda url: query_of(url).get("edition") == ["2019"])
    expect(app.page.locator(f"#{ids.BENCH_HEADLINE}")).to_contain_text(
        independent_rank(STRASBOURG, 2019)
    )
    expect(app.page.locator(f"#{ids.BENCH_DEFINITION}")).to_contain_text("2019")

    # Narrow the peer group to the region: the definition in force and N say so.
    app.page.get_by_label(re.compile("^Même catégorie et même région")).check()
    app.page.wait_for_url(lambda url: query_of(url).get("peers") == ["category_region"])
    rank = independent_rank(STRASBOURG, 2019, same_region=True)
    expect(app.page.locator(f"#{ids.BENCH_HEADLINE}")).to_contain_text(rank)
    n = rank.split(" / ")[1]
    expect(app.page.locator(f"#{ids.BENCH_DEFINITION}")).to_contain_text(f"N = {n}")
    expect(app.page.locator(f"#{ids.BENCH_DEFINITION}")).to_contain_text("Grand Est")


def test_shared_url_restores_the_view(app: DashPage) -> None:
    app.goto(f"/benchmark?structure={STRASBOURG}&edition=2021&peers=category_region"
             "&channel=phone&lang=en")  # fmt: skip
    wait_drawn(app)
    assert app.page.evaluate("document.documentElement.lang") == "en"
    expect(app.page.locator(f"#{ids.BENCH_EDITION}")).to_contain_text("2021")
    expect(app.page.locator(f"#{ids.BENCH_CHANNEL}")).to_contain_text("Phone")
    expect(app.page.get_by_label(re.compile("^Same category and region"))).to_be_checked()
    assert independent_rank(STRASBOURG, 2021, same_region=True) in headline_text(app)
    # The trajectory follows the chosen channel: its own line is the phone score.
    fig = app.figure(ids.BENCH_TRAJECTORY)
    own = next(t for t in fig["data"] if t["name"] == "Ville de Strasbourg")
    assert 2021 in own["x"]


def test_accents_are_optional_in_the_picker(app: DashPage) -> None:
    app.goto("/benchmark")
    app.page.locator(f"#{ids.BENCH_SEARCH}").fill("departement des solidarites")
    app.page.locator(f"#{ids.BENCH_STRUCTURE}").click()
    expect(
        app.page.get_by_role("option", name=re.compile("Maison du Département des Solidarités"))
    ).to_be_visible(timeout=TIMEOUT_MS)


def test_keys_typed_while_the_page_is_busy_stay_in_order(app: DashPage) -> None:
    """A slow office computer: the processor slowed eightfold, a name typed key by key while
    the page draws a structure's charts. Every key lands, in order, and the list answers the
    whole text (a box that sent its text after a pause once put « ville » as « viell »)."""
    app.goto(f"/benchmark?structure={STRASBOURG}")
    cdp = app.page.context.new_cdp_session(app.page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 8})
    try:
        box = app.page.locator(f"#{ids.BENCH_SEARCH}")
        box.press_sequentially("ville de bourg", delay=20)
        expect(box).to_have_value("ville de bourg")
        expect(app.page.locator(f"#{ids.BENCH_SEARCH_STATUS}")).to_have_text(
            re.compile(r"^[1-9].* résultats?\b"), timeout=TIMEOUT_MS
        )
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    app.page.locator(f"#{ids.BENCH_STRUCTURE}").click()
    expect(
        app.page.get_by_role("option", name=re.compile("^Ville de Bourg-en-Bresse"))
    ).to_be_visible()


def test_a_slow_answer_to_an_earlier_text_does_not_replace_the_last_ones(app: DashPage) -> None:
    """Answers to a search can land out of order: the answer to « v » is held back by the
    network until « ville de strasbourg » has been answered; when it lands, the list and the
    status stay those of the text in the box (Dash's renderer drops the answer to a
    callback it has asked again since: this keeps it so)."""
    held: list[Route] = []

    def hold_first_letter(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        search = f"{ids.BENCH_STRUCTURE}.options" in body.get("output", "")
        if search and not held and any(i.get("value") == "v" for i in body.get("inputs", [])):
            held.append(route)
            return
        route.continue_()

    app.goto("/benchmark")
    app.page.route("**/_dash-update-component*", hold_first_letter)
    box = app.page.locator(f"#{ids.BENCH_SEARCH}")
    status = app.page.locator(f"#{ids.BENCH_SEARCH_STATUS}")
    box.fill("v")
    for _ in range(TIMEOUT_MS // 50):  # the answer to « v » asked for, and held
        if held:
            break
        app.page.wait_for_timeout(50)
    assert held, "the answer to « v » was never asked for"
    box.fill("ville de strasbourg")
    expect(status).to_have_text(re.compile(r"^1 résultat\b"))
    with app.page.expect_response(lambda r: r.request is held[0].request):
        held[0].continue_()
    app.page.wait_for_function("() => !window.__bt.busy()", timeout=TIMEOUT_MS)
    expect(status).to_have_text(re.compile(r"^1 résultat\b"))
    app.page.locator(f"#{ids.BENCH_STRUCTURE}").click()
    options = app.page.get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Ville de Strasbourg")


def test_peers_are_anonymous_in_the_page(app: DashPage) -> None:
    app.goto(f"/benchmark?structure={STRASBOURG}")
    wait_drawn(app)
    details = app.page.locator(f"details:has(#{ids.BENCH_DISTRIBUTION.table})")
    details.locator("> summary").click()
    expect(app.page.locator(f"#{ids.BENCH_DISTRIBUTION.table}")).to_contain_text("Pair 2")
    text = app.page.locator("main").inner_text()
    others = demo_dataset().structures
    same_category = others[
        (others["category"] == "city_50k_plus") & (others["structure_id"] != STRASBOURG)
    ]
    leaked = [name for name in same_category["name"] if name in text]
    assert leaked == []


def test_channel_csv_equals_what_is_drawn(app: DashPage) -> None:
    app.goto(f"/benchmark?structure={STRASBOURG}")
    wait_drawn(app)
    header, rows = read_csv(download_csv(app, ids.BENCH_CHANNELS), "fr")
    own_column = header.index("Votre score")
    fig = app.figure(ids.BENCH_CHANNELS)
    own_trace = next(t for t in fig["data"] if t["name"] == "Ville de Strasbourg")
    drawn = sorted(v for v in own_trace["x"] if v is not None)
    downloaded = sorted(csv_number(r[own_column], "fr") for r in rows if r[own_column])
    assert downloaded == drawn


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_loaded_page_has_no_wcag_violations(app: DashPage, lang: str) -> None:
    suffix = "&lang=en" if lang == "en" else ""
    app.goto(f"/benchmark?structure={STRASBOURG}{suffix}")
    wait_drawn(app)
    for chart in ids.BENCH_CHARTS:
        details = app.page.locator(f"details:has(#{chart.table})")
        if details.get_attribute("open") is None:
            details.locator("> summary").click()
    found = violations(app)
    assert not found, summary(found)
