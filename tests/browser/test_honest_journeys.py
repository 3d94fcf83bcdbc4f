"""Honest comparisons as a person meets them (issue 16): from the home page, by clicks only, at
desktop and phone width, in French and English. What is asserted is what a person sees: the
rank with its interval, a change called stable within the noise (in grey), the note on
borrowed spreads, where to act first and the three levers, every peer's rank interval, the
overview's like-for-like series and its cards; every chart on screen at its size."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from layouts import ids
from tests.browser.conftest import BENCH_GRAPHS, BOURG, OVERVIEW_GRAPHS, query_of

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser

S = r"[\s\u00a0\u202f]"  # a space, as French typography writes it (no-break, narrow)
SEEN = {
    "fr": {
        "rank": rf"entre{S}1{S}et{S}\d+{S}avec{S}90{S}%{S}de{S}confiance",
        "stable": r"stable \(dans la marge de mesure\)",
        "note": rf"Courrier, Site internet{S}:{S}trop peu de structures",
        "channels": "les canaux",
        "intervals": "Montrer l'intervalle de rang de chaque pair",
        "peer_note": "Chaque trait vertical va du meilleur au moins bon rang",
        "lfl": "à périmètre constant",
        "lfl_note": "À périmètre constant",
        "card_lfl": rf"à{S}périmètre{S}constant{S}:{S}\+2,8{S}\(97 structures présentes",
        "channel_names": "Accueil physique|Téléphone|Courriel|Courrier|Site internet|Réseaux",
        "summary": rf"rang 1 / 53 \(entre{S}1{S}et",
    },
    "en": {
        "rank": r"between 1 and \d+ with 90% confidence",
        "stable": r"stable \(within measurement noise\)",
        "note": "Letter, Website: too few structures",
        "channels": "the channels",
        "intervals": "Show every peer's rank interval",
        "peer_note": "Each vertical bar runs from the best to the worst rank",
        "lfl": "like for like",
        "lfl_note": "Like for like",
        "card_lfl": r"like for like: \+2\.8 \(97 structures present in both years\)",
        "channel_names": "In person|Phone|Email|Letter|Website|Social networks",
        "summary": r"rank 1 / 53 \(between 1 and",
    },
}


def colour_of(page: Page, selector: str) -> tuple[int, ...]:
    """The text colour a person sees, as (r, g, b)."""
    css = page.evaluate("s => getComputedStyle(document.querySelector(s)).color", selector)
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


def test_my_structure_says_how_sure_each_figure_is(app: DashPage, setting: tuple[str, str]) -> None:
    """The community manager of Bourg-en-Bresse: rank 1 of 53, but with 90 % confidence
    anywhere from 1 to a dozen; +8.9 since 2021 is within the noise, in grey; letters and
    website borrow the edition's spread, and the page says so; where to act first, and the
    three levers; then the channels' view and every peer's rank interval, by clicks, in the
    address."""
    _, lang = setting
    seen = SEEN[lang]
    app.open_home(lang)
    app.open_nav(lang, "nav_bench")
    app.search_and_pick("bourg", re.compile("^Ville de Bourg-en-Bresse"))
    app.page.wait_for_url(lambda url: query_of(url).get("structure") == [BOURG])
    app.visible_charts(BENCH_GRAPHS)
    page = app.page
    expect(page.locator("#bench-card-rank")).to_contain_text(re.compile(seen["rank"]))
    change = page.locator("#bench-card-change")
    expect(change).to_contain_text(re.compile(seen["stable"]))
    red, green, blue = colour_of(page, "#bench-card-change p.small")
    assert max(red, green, blue) - min(red, green, blue) < 30  # grey, not green
    expect(page.locator(f"#{ids.BENCH_CHANNELS.note}")).to_contain_text(re.compile(seen["note"]))
    expect(page.locator(f"#{ids.BENCH_SUMMARY}")).to_contain_text(re.compile(seen["summary"]))
    levers = page.locator(f"#{ids.BENCH_ACTIONS.table} tbody tr")
    expect(levers).to_have_count(3)

    # Where to act, over the channels: the address says so, the levers are channels.
    page.get_by_label(seen["channels"], exact=True).check()
    page.wait_for_url(lambda url: query_of(url).get("act") == ["channel"])
    expect(levers.first.locator("th")).to_have_text(re.compile(seen["channel_names"]))
    app.visible_charts([ids.BENCH_ACT.graph])

    # Every peer's rank interval.
    page.get_by_label(seen["intervals"]).check()
    page.wait_for_url(lambda url: query_of(url).get("intervals") == ["1"])
    expect(page.locator(f"#{ids.BENCH_DISTRIBUTION.note}")).to_contain_text(seen["peer_note"])
    app.visible_charts(BENCH_GRAPHS)
    # Shared, the address shows the same view.
    page.reload()
    app.visible_charts(BENCH_GRAPHS)
    expect(page.get_by_label(seen["intervals"])).to_be_checked()
    expect(page.get_by_label(seen["channels"], exact=True)).to_be_checked()


def test_the_overview_offers_the_like_for_like_series(
    app: DashPage, setting: tuple[str, str]
) -> None:
    """The trend switches to the like-for-like series by a click (in the address, back
    button included); the cards call the email change stable in grey and give the mean
    global score's like-for-like change beside the plain one."""
    _, lang = setting
    seen = SEEN[lang]
    app.open_home(lang)
    page = app.page
    email = "#indicator-email_within_10d_pct"
    expect(page.locator(email)).to_contain_text(re.compile(seen["stable"]))
    red, green, blue = colour_of(page, f"{email} p.small:last-child")
    assert max(red, green, blue) - min(red, green, blue) < 30  # grey, not red
    expect(page.locator("#indicator-global_mean_score")).to_contain_text(
        re.compile(seen["card_lfl"])
    )
    page.get_by_label(re.compile("^" + seen["lfl"])).check()
    page.wait_for_url(lambda url: query_of(url).get("series") == ["like_for_like"])
    app.wait_overview_drawn()
    app.visible_charts(OVERVIEW_GRAPHS)
    expect(page.locator(f"#{ids.TREND.note}")).to_contain_text(seen["lfl_note"])
    title = app.page.locator(f"#{ids.TREND.graph} .ytitle")
    expect(title).to_contain_text(seen["lfl"])
    page.go_back()
    page.wait_for_url(lambda url: query_of(url).get("series") is None)
    expect(page.get_by_label(re.compile("^" + seen["lfl"]))).not_to_be_checked()
    app.visible_charts(OVERVIEW_GRAPHS)
