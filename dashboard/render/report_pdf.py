"""A structure's report as print-ready HTML (A4) and as PDF, drawn by WeasyPrint.

The HTML is complete on its own: print CSS, every chart as an SVG image in a data URI (drawn
once by kaleido, `dashboard.render.images`), fonts from the system (DejaVu Sans, Debian's
fonts-dejavu-core), nothing fetched. `report_html` is what `/rapport` serves (a browser
prints it as is); `report_pdf` gives the same HTML to WeasyPrint. Text stays text in the PDF,
the charts' too (WeasyPrint draws SVG text as text): it can be searched and copied.

Layout: a cover (structure, edition, peer group, N, the headline cards, the contents as
links; their page numbers, by `target-counter`, would cost another layout pass, an eighth of
the PDF's time), then each section on a new page when it has a chart (its title, caption,
chart, table, sentences and notes; the chart and the table are blocks never cut across
pages where they fit on one, so a table follows its chart on the same page or the next),
then the method and definitions page.
Every page has the source line and the page number "Page n / N" at its foot, and the demo
warning at its head when the demo data is active.

Every text of the content is escaped (html.escape): a name holding `<a href>` or `&` prints
as written. The SVG is plotly's own serialisation, whose texts are XML-escaped.
"""

from __future__ import annotations

import base64
import html
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from babel.dates import format_date, format_time

from dashboard.i18n import BABEL_LOCALES, format_number, translate
from dashboard.render.html_table import table_html
from dashboard.render.images import chart_svg_texts, given_or_drawn
from dashboard.report_model import MethodBlock, ReportContent, ReportSection, ReportTable

_WEASYPRINT: Final = threading.Lock()
PDF_CHART_WIDTH: Final = 760  # px (CSS) a chart is drawn at; printed 170 mm wide (about 0.85x)
FONT_FAMILY: Final = "'DejaVu Sans', sans-serif"

CSS: Final = """
@page {
  size: A4;
  margin: 18mm 20mm 22mm 20mm;
  @top-center { content: element(demo); }
  @bottom-left { content: element(source); width: 75%; vertical-align: top; }
  @bottom-right {
    content: var(--page-label) " " counter(page) " / " counter(pages);
    font-size: 8pt; color: #495057; vertical-align: top;
  }
}
@page cover { @top-center { content: element(demo); } }
html { font-family: FONT; font-size: 10pt; line-height: 1.4; color: #212529; }
body { margin: 0; }
h1 { font-size: 22pt; line-height: 1.2; margin: 0 0 4mm; overflow-wrap: anywhere; }
h2 { font-size: 15pt; margin: 0 0 2mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.running-source { position: running(source); font-size: 8pt; color: #495057; }
.running-demo { position: running(demo); font-size: 9pt; font-weight: bold; color: #B3261E; }
.cover { page: cover; }
.kicker { font-size: 11pt; color: #495057; text-transform: uppercase; letter-spacing: 0.05em; }
.demo { border: 2px solid #B3261E; color: #B3261E; font-weight: bold; padding: 2mm 3mm;
        margin: 4mm 0; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 1mm 6mm;
           margin: 6mm 0; }
dl.facts dt { color: #495057; }
dl.facts dd { margin: 0; font-weight: bold; }
.cards { display: flex; flex-wrap: wrap; gap: 3mm; margin: 4mm 0 6mm; }
.card { border: 1px solid #adb5bd; border-radius: 2mm; padding: 3mm; width: 52mm;
        box-sizing: border-box; break-inside: avoid; }
.card .label { font-size: 9pt; color: #495057; }
.card .value { font-size: 16pt; font-weight: bold; }
.card .detail { font-size: 8.5pt; }
.contents ol { padding-left: 5mm; }
.contents a { color: inherit; text-decoration: none; }
.generated { font-size: 8.5pt; color: #495057; }
section.report-section { margin-bottom: 8mm; }
section.with-chart { break-before: page; }
.caption { color: #495057; }
.definition { font-size: 9pt; color: #495057; }
.block { break-inside: avoid; margin: 3mm 0; }
figure { margin: 0; }
figure img.chart { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border-bottom: 1px solid #dee2e6; padding: 1mm 1.5mm; text-align: left;
         vertical-align: top; overflow-wrap: break-word; }
th { border-bottom: 1.5px solid #212529; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { white-space: normal; }
/* A table of many columns (a channel's score with its interval, the peers' quartiles, rank,
   spread...) fits the page's width: smaller type, tighter cells, headers wrapped. */
table.wide { font-size: 7pt; }
table.wide th, table.wide td { padding: 0.8mm 0.8mm; }
.notes { font-size: 8.5pt; color: #495057; }
.method { break-before: page; }
.method li { margin-bottom: 1mm; }
.screen-only { display: none; }
@media screen {
  .screen-only { display: block; }
  .toolbar ul { list-style: none; display: flex; flex-wrap: wrap; gap: 3mm; padding: 0;
                margin: 0 0 6mm; }
  .toolbar a, .toolbar button { font: inherit; color: #0B5CAD; background: none;
                                border: 1px solid #0B5CAD; border-radius: 1mm;
                                padding: 1mm 3mm; cursor: pointer; }
  html { background: #f1f3f5; }
  body { max-width: 190mm; margin: 0 auto; background: white; padding: 10mm; }
  .running-source, .running-demo { position: static; }
  /* On a narrow screen a wide table scrolls in its own box (the keyboard reaches it), and
     the page does not scroll sideways (WCAG 1.4.10). */
  .table-scroll { overflow-x: auto; }
  body { padding: 10mm min(10mm, 3vw); }
}
""".replace("FONT", FONT_FAMILY)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _css_string(text: str) -> str:
    """`text` as a CSS string literal (quotes, backslashes and line ends escaped)."""
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


def chart_svgs(content: ReportContent, width: int = PDF_CHART_WIDTH) -> dict[str, str]:
    """Each section's chart as SVG text, by section key, drawn at `width` px in the PDF's
    font (one kaleido call for the report: the charts are drawn in parallel).

    Raises ImageRenderError."""
    return chart_svg_texts(content.sections, width)


def _svg_image(svg: str, label: str) -> str:
    """An <img> of the SVG as a data URI. WeasyPrint draws its texts as text all the same,
    and lays the report out in about a third less time than with the SVG inline, whose
    thousands of elements go through the page's CSS cascade; the page needs no other file."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img class="chart" alt="{_e(label)}" src="data:image/svg+xml;base64,{data}">'


def _generated(content: ReportContent) -> str:
    locale = BABEL_LOCALES[content.lang]
    when = content.generated_at
    return translate(
        "report.generated",
        content.lang,
        date=format_date(when, "long", locale=locale),
        time=format_time(when, "short", locale=locale),
    )


def _table(table: ReportTable, label_id: str) -> str:
    """`table` in a box that scrolls sideways on a narrow screen (a keyboard stop, named)."""
    return (
        f'<div class="table-scroll" tabindex="0" role="group" aria-labelledby="{label_id}">'
        f"{table_html(table, label_id)}</div>"
    )


def _paragraphs(texts: Iterable[str], css_class: str = "") -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return "".join(f"<p{attribute}>{_e(text)}</p>" for text in texts)


def _section(section: ReportSection, svg: str | None) -> str:
    classes = "report-section with-chart" if section.figure is not None else "report-section"
    anchor = f"section-{section.key}"  # a slug (ReportSection checks it)
    blocks = []
    if section.paragraphs:
        blocks.append(_paragraphs(section.paragraphs))
    if section.table is not None:
        blocks.append(_table(section.table, f"{anchor}-title"))
    if section.definition:
        blocks.append(_paragraphs([section.definition], "definition"))
    if section.notes:
        blocks.append(f'<div class="notes">{_paragraphs(section.notes)}</div>')
    head = f'<h2 id="{anchor}-title">{_e(section.title)}</h2>'
    if section.caption:
        head += f'<p class="caption">{_e(section.caption)}</p>'
    # The heading stays with what follows it, the chart or else the first block: a heading
    # alone at the foot of a page is no use. Each block is kept whole on a page it fits on.
    if svg is not None:
        head += f"<figure>{_svg_image(svg, section.title)}</figure>"
    elif blocks:
        head += blocks.pop(0)
    body = "".join(f'<div class="block">{block}</div>' for block in [head, *blocks])
    return f'<section class="{classes}" id="{anchor}">{body}</section>'


def _cover(content: ReportContent) -> str:
    lang = content.lang
    facts = [
        (translate("report.peer_group", lang), content.peer_group),
        (translate("report.group_size", lang), format_number(content.n_peers, lang, 0)),
    ]
    parts = [
        '<section class="cover">',
        f'<p class="kicker">{_e(translate("report.title", lang))}</p>',
        f"<h1>{_e(content.structure_name)}</h1>",
        f'<p class="edition">{_e(translate("report.edition", lang, edition=content.edition))}</p>',
    ]
    if content.is_demo:
        parts.append(f'<p class="demo">{_e(translate("report.demo", lang))}</p>')
    parts.append(
        '<dl class="facts">'
        + "".join(f"<dt>{_e(term)}</dt><dd>{_e(value)}</dd>" for term, value in facts)
        + "</dl>"
    )
    if content.headline:
        parts.append(f'<h2>{_e(translate("report.headline", lang))}</h2><div class="cards">')
        for card in content.headline:
            detail = f'<div class="detail">{_e(card.detail)}</div>' if card.detail else ""
            parts.append(
                f'<div class="card"><div class="label">{_e(card.label)}</div>'
                f'<div class="value">{_e(card.value)}</div>{detail}</div>'
            )
        parts.append("</div>")
    entries = [(f"section-{s.key}", s.title) for s in content.sections]
    if content.method:
        entries.append(("method", translate("report.method", lang)))
    if entries:
        items = "".join(f'<li><a href="#{_e(ref)}">{_e(title)}</a></li>' for ref, title in entries)
        parts.append(
            f'<nav class="contents"><h2>{_e(translate("report.contents", lang))}</h2>'
            f"<ol>{items}</ol></nav>"
        )
    parts.append(f'<p class="generated">{_e(_generated(content))}</p></section>')
    return "".join(parts)


def _method(blocks: Sequence[MethodBlock], lang: str) -> str:
    parts = [f'<section class="method" id="method"><h2>{_e(translate("report.method", lang))}</h2>']
    items: list[str] = []
    for block in blocks:
        if block.kind != "item" and items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if block.kind == "heading":
            parts.append(f"<h3>{_e(block.text)}</h3>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{_e(block.text)}</p>")
        else:
            items.append(f"<li>{_e(block.text)}</li>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def report_html(
    content: ReportContent, svgs: Mapping[str, str] | None = None, screen_header: str = ""
) -> str:
    """The report as one HTML document (A4 print CSS, charts as SVG data URIs).

    `svgs`: each charted section's SVG by section key (`chart_svgs`), drawn when not given.
    `screen_header`: HTML shown on screen above the report and never printed (the app's
    links to the PDF and the slides); trusted markup, made by the caller.
    Raises ImageRenderError when a chart cannot be drawn, ValueError when `svgs` lacks one."""
    svgs = given_or_drawn(
        content.sections, svgs, lambda: chart_svgs(content), "no SVG for the charts of sections"
    )
    lang = content.lang
    title = translate(
        "report.document_title", lang, structure=content.structure_name, edition=content.edition
    )
    css = CSS.replace("var(--page-label)", _css_string(translate("report.page", lang)))
    running = [f'<div class="running-source">{_e(content.source_line)}</div>']
    if content.is_demo:
        running.append(f'<div class="running-demo">{_e(translate("report.demo", lang))}</div>')
    body = [
        *running,
        *([f'<div class="screen-only">{screen_header}</div>'] if screen_header else []),
        _cover(content),
        *(_section(s, svgs.get(s.key) if s.figure is not None else None) for s in content.sections),
    ]
    if content.method:
        body.append(_method(content.method, lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title>"
        '<meta name="generator" content="barometre-accueil">'
        f"<style>{css}</style></head><body>{''.join(body)}</body></html>"
    )


def report_pdf(content: ReportContent, svgs: Mapping[str, str] | None = None) -> bytes:
    """The report as PDF bytes (A4, `report_html` drawn by WeasyPrint; text as text).

    Raises ImageRenderError when a chart cannot be drawn."""
    import weasyprint

    document = report_html(content, svgs)
    # One layout at a time in a process: WeasyPrint does not promise thread safety (pango,
    # fontconfig), and its layout is Python, so threads would gain nothing by overlapping.
    with _WEASYPRINT:
        return bytes(weasyprint.HTML(string=document, base_url=None).write_pdf())
