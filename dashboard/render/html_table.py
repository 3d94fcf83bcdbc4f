"""A report's table (dashboard.report_model.ReportTable) as an accessible HTML table, for the
HTML deliverables: the PDF report (dashboard.render.report_pdf) and the slides shown in the
browser (dashboard.render.presentation). Each wraps it in its own box and sets it with its
own CSS (`num` cells right-aligned, a `wide` table smaller)."""

from __future__ import annotations

import html
from typing import Final

from dashboard.report_model import ReportTable

# Beyond this many columns a table is `wide`: set smaller to fit the A4 page or the screen.
WIDE_TABLE_COLUMNS: Final = 7


def table_html(table: ReportTable, label_id: str) -> str:
    """`table` as a <table> named by the element `label_id` (its heading's id): headers as
    column headers (scope="col"), numeric columns' cells of class `num`, every text escaped;
    of class `wide` past WIDE_TABLE_COLUMNS columns."""

    def cell(tag: str, text: str, numeric: bool, scope: str = "") -> str:
        attrs = (' class="num"' if numeric else "") + (f' scope="{scope}"' if scope else "")
        return f"<{tag}{attrs}>{html.escape(text, quote=True)}</{tag}>"

    head = "".join(
        cell("th", h, n, "col") for h, n in zip(table.headers, table.numeric, strict=True)
    )
    body = "".join(
        "<tr>"
        + "".join(cell("td", c, n) for c, n in zip(row, table.numeric, strict=True))
        + "</tr>"
        for row in table.rows
    )
    wide = ' class="wide"' if len(table.headers) > WIDE_TABLE_COLUMNS else ""
    return (
        f'<table aria-labelledby="{label_id}"{wide}>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
