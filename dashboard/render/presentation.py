"""The presentation mode as one HTML document (issue 15, point 5): a slide per screen, large
type for a room, moved by keys and clicks, the slide number in the address.

Complete on its own, nothing fetched (it works offline): its CSS and script inline, every
chart an SVG image in a data URI, drawn by kaleido at DRAW_WIDTH and scaled up to the screen
(vector: its text grows with it, about 1.7x on a 1920 × 1080 screen). Body text is at least
28 px on a 1920 × 1080 screen (BODY_FONT).

Keys: → ↓ Page Down Space next; ← ↑ Page Up Shift+Space previous; Home, End first and last;
Escape back to « Ma structure » (`Deck.back`); F full screen. A click on the slide moves to
the next one, the two buttons at the foot to either side. The address says which slide is
shown (`?…&slide=3`, replaced as the slides move: a copied address opens that slide). The
slide's title takes focus when it is shown, and a live region says "Slide 3 of 8: …".

Every text of the deck is escaped (html.escape): a name holding `<a href>` or `&` is shown as
written.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Mapping
from typing import Final

from dashboard.i18n import translate
from dashboard.pages.presentation import SLIDE_PARAM, Deck, Slide
from dashboard.render.html_table import table_html
from dashboard.render.images import chart_svg_texts, given_or_drawn
from dashboard.report_model import HeadlineCard

DRAW_WIDTH: Final = 960  # px (CSS) a chart is drawn at, then scaled to the screen
# 28 px at 1920 px wide (1.46vw) or 1080 px high (2.6vh), whichever is larger; never below
# 16 px on a small screen.
BODY_FONT: Final = "clamp(16px, max(1.46vw, 2.6vh), 56px)"

CSS: Final = """
*, *::before, *::after { box-sizing: border-box; }
html { font-family: 'DejaVu Sans', system-ui, sans-serif; font-size: BODY; color: #212529;
       background: #fff; }
body { margin: 0; height: 100vh; overflow: hidden; }
.deck { height: 100vh; display: flex; flex-direction: column; }
.slide { flex: 1; min-height: 0; display: flex; flex-direction: column;
         padding: 1.2rem 2rem 0.4rem; cursor: pointer; }
.slide[hidden] { display: none; }
.kicker { margin: 0; font-size: 0.8rem; color: #495057; text-transform: uppercase;
          letter-spacing: 0.04em; }
.slide h1, .slide h2 { margin: 0.1rem 0 0.3rem; font-size: 1.75rem; line-height: 1.15; }
.slide h1:focus, .slide h2:focus { outline: none; }
.caption { margin: 0 0 0.5rem; color: #495057; font-size: 0.9rem; max-width: 70em; }
.body { flex: 1; min-height: 0; display: flex; flex-direction: column; gap: 0.6rem; }
.body p { margin: 0 0 0.5rem; max-width: 60em; line-height: 1.35; }
.cards { display: flex; flex-wrap: wrap; gap: 0.6rem; margin: 0; padding: 0;
         list-style: none; }
.card { border: 2px solid #adb5bd; border-radius: 0.4rem; padding: 0.4rem 0.7rem;
        min-width: 11rem; flex: 1 1 11rem; max-width: 22rem; }
.card .label { display: block; font-size: 0.8rem; color: #495057; }
.card .value { display: block; font-size: 1.5rem; font-weight: bold; }
.card .detail { display: block; font-size: 0.7rem; color: #495057; }
figure { flex: 1; min-height: 0; margin: 0; display: flex; justify-content: center; }
figure img { max-width: 100%; max-height: 100%; width: auto; height: 100%;
             object-fit: contain; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #adb5bd; padding: 0.15rem 0.7rem; text-align: left; }
th { border-bottom: 2px solid #212529; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.wide { font-size: min(0.9rem, 1.05vw); }  /* 20 px at 1920, fits 1440 */
table.wide th, table.wide td { padding: 0.1rem 0.4rem; }
.table-box { max-width: 100%; overflow-x: auto; }
@media (max-width: 700px) {
  .slide { padding: 0.8rem 0.8rem 0.3rem; }
  footer { flex-wrap: wrap; padding: 0.3rem 0.8rem; gap: 0.5rem; }
  footer .source { flex-basis: 100%; order: 5; }
}
.notes p { font-size: 0.8rem; color: #495057; }
footer { display: flex; align-items: center; gap: 1rem; padding: 0.3rem 2rem 0.5rem;
         border-top: 1px solid #dee2e6; font-size: 0.55rem; color: #495057; }
footer .source { flex: 1; }
footer .demo { color: #B3261E; font-weight: bold; }
footer .count { font-size: 0.8rem; font-variant-numeric: tabular-nums; color: #212529; }
footer button, footer a { font: inherit; font-size: 0.8rem; padding: 0.2rem 0.8rem;
                          border: 2px solid #495057; border-radius: 0.3rem; color: #212529;
                          background: #fff; cursor: pointer; text-decoration: none; }
footer button:focus-visible, footer a:focus-visible { outline: 3px solid #0B5CAD;
                                                     outline-offset: 2px; }
footer button[disabled] { opacity: 0.45; cursor: default; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; }
""".replace("BODY", BODY_FONT)

SCRIPT: Final = """
(function () {
  "use strict";
  var deck = document.getElementById("deck");
  var slides = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
  var texts = JSON.parse(document.getElementById("deck-texts").textContent);
  var count = document.getElementById("slide-count");
  var live = document.getElementById("slide-live");
  var prev = document.getElementById("slide-prev");
  var next = document.getElementById("slide-next");
  var back = document.getElementById("slide-back").getAttribute("href");
  var current = 0;
  slides.forEach(function (s, i) { if (!s.hidden) current = i; });

  function fill(template, values) {
    return template.replace(/\\{(\\w+)\\}/g, function (_, k) { return values[k]; });
  }
  function show(index, announce) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (s, i) { s.hidden = i !== index; });
    current = index;
    var n = index + 1, title = slides[index].getAttribute("data-title");
    count.textContent = fill(texts.count, {n: n, total: slides.length});
    prev.disabled = index === 0;
    next.disabled = index === slides.length - 1;
    var url = new URL(window.location.href);
    url.searchParams.set(texts.param, String(n));
    window.history.replaceState(null, "", url.pathname + url.search);
    document.title = texts.doc + " – " + title + " (" + n + "/" + slides.length + ")";
    if (announce) {
      live.textContent = fill(texts.live, {n: n, total: slides.length, title: title});
      var heading = slides[index].querySelector("h1, h2");
      if (heading) heading.focus({preventScroll: true});
    }
  }
  function move(step) { show(current + step, true); }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var onControl = event.target.closest && event.target.closest("button, a");
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": move(1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": move(-1); break;
      case " ": case "Spacebar":
        if (onControl) return;  // Space presses the focused button
        move(event.shiftKey ? -1 : 1); break;
      case "Home": show(0, true); break;
      case "End": show(slides.length - 1, true); break;
      case "Escape": window.location.assign(back); break;
      case "f": case "F":
        if (document.fullscreenElement) { document.exitFullscreen(); }
        else if (document.documentElement.requestFullscreen) {
          document.documentElement.requestFullscreen().catch(function () {});
        }
        break;
      default: return;
    }
    event.preventDefault();
  });
  deck.addEventListener("click", function (event) {
    if (event.target.closest("a, button, summary")) return;
    if (window.getSelection && String(window.getSelection())) return;  // selecting text
    move(1);
  });
  prev.addEventListener("click", function () { move(-1); });
  next.addEventListener("click", function () { move(1); });
  show(current, false);
})();
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def chart_svgs(deck: Deck, width: int = DRAW_WIDTH) -> dict[str, str]:
    """Each charted slide's figure as SVG text, by slide key, in one kaleido call.
    Raises ImageRenderError."""
    return chart_svg_texts(deck.slides, width)


def _cards(cards: tuple[HeadlineCard, ...] | list[HeadlineCard]) -> str:
    items = []
    for card in cards:
        detail = f'<span class="detail">{_e(card.detail)}</span>' if card.detail else ""
        items.append(
            f'<li class="card"><span class="label">{_e(card.label)}</span>'
            f'<span class="value">{_e(card.value)}</span>{detail}</li>'
        )
    return f'<ul class="cards">{"".join(items)}</ul>'


def _slide(slide: Slide, number: int, total: int, shown: bool, svg: str | None) -> str:
    title_id = f"slide-{slide.key}-title"
    tag = "h1" if number == 1 else "h2"
    parts = []
    if slide.kicker:
        parts.append(f'<p class="kicker">{_e(slide.kicker)}</p>')
    parts.append(f'<{tag} id="{title_id}" tabindex="-1">{_e(slide.title)}</{tag}>')
    if slide.caption:
        parts.append(f'<p class="caption">{_e(slide.caption)}</p>')
    body = []
    if slide.cards:
        body.append(_cards(list(slide.cards)))
    body += [f"<p>{_e(text)}</p>" for text in slide.paragraphs]
    if svg is not None:
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        alt = " — ".join(t for t in (slide.title, slide.caption) if t)
        body.append(
            f'<figure><img alt="{_e(alt)}" src="data:image/svg+xml;base64,{data}"></figure>'
        )
    if slide.table is not None:
        body.append(f'<div class="table-box">{table_html(slide.table, title_id)}</div>')
    if slide.notes:
        body.append(
            '<div class="notes">' + "".join(f"<p>{_e(n)}</p>" for n in slide.notes) + "</div>"
        )
    parts.append(f'<div class="body">{"".join(body)}</div>')
    hidden = "" if shown else " hidden"
    return (
        f'<section class="slide" id="slide-{number}" data-title="{_e(slide.title)}" '
        f'aria-labelledby="{title_id}"{hidden}>{"".join(parts)}</section>'
    )


def presentation_html(deck: Deck, shown: int = 1, svgs: Mapping[str, str] | None = None) -> str:
    """The deck as one HTML document, slide `shown` (1-based) visible first.

    `svgs`: each charted slide's SVG by key (`chart_svgs`), drawn when not given. Raises
    ImageRenderError when a chart cannot be drawn, ValueError when `svgs` lacks one."""
    svgs = given_or_drawn(
        deck.slides, svgs, lambda: chart_svgs(deck), "no SVG for the charts of slides"
    )
    lang, total = deck.lang, len(deck.slides)
    shown = shown if 1 <= shown <= total else 1
    slides = "".join(
        _slide(s, i, total, i == shown, svgs.get(s.key) if s.figure is not None else None)
        for i, s in enumerate(deck.slides, start=1)
    )
    title = translate("deliverables.slide.document_title", lang, structure=deck.structure_name)
    texts = {
        "param": SLIDE_PARAM,
        "count": translate("deliverables.slide.count", lang),
        "live": translate("deliverables.slide.live", lang),
        "doc": title,
    }
    demo = (
        f'<span class="demo">{_e(translate("report.demo", lang))}</span> ' if deck.is_demo else ""
    )
    current = deck.slides[shown - 1].title

    def text(key: str) -> str:
        return _e(translate(f"deliverables.slide.{key}", lang))

    footer = (
        "<footer>"
        f'<a id="slide-back" href="{_e(deck.back)}">{text("back")}</a>'
        f'<p class="source">{demo}{_e(deck.source_line)}</p>'
        f'<span class="count" id="slide-count">{shown} / {total}</span>'
        f'<button type="button" id="slide-prev">{text("prev")}</button>'
        f'<button type="button" id="slide-next">{text("next")}</button>'
        "</footer>"
    )
    help_text = translate("deliverables.slide.help", lang)
    # JSON in a <script type="application/json">: every "<" escaped, so that no text can
    # close the element or start a comment or a script in it.
    data = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c")
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} – {_e(current)} ({shown}/{total})</title>"
        f"<style>{CSS}</style></head><body>"
        '<main class="deck" id="deck" aria-describedby="deck-help">'
        f'<p id="deck-help" class="visually-hidden">{_e(help_text)}</p>'
        f"{slides}{footer}"
        '<p id="slide-live" class="visually-hidden" role="status" aria-live="polite"></p>'
        "</main>"
        f'<script type="application/json" id="deck-texts">{data}</script>'
        f"<script>{SCRIPT}</script></body></html>"
    )
