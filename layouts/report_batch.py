"""What the reports-batch panel of « Données » shows of its batches (callbacks/report_batch.py
answers with it): the result of one once it is over, and the list of the last day's. Each
zip's link is `<route>/<job>/<zip name>`, `route` the download route the callbacks serve."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import html

from dashboard.i18n import count_text, translate
from dashboard.pages.report_batches import BatchSummary, recent_batch_text
from dashboard.render.batch import BatchResult
from layouts import ids


def make_recent_batches(batches: Sequence[BatchSummary], route: str, lang: str) -> list[Any]:
    """« Données »'s list of the batches of the last day: each with where it stands, and
    the link to its zip once it holds reports; nothing when there is none."""
    if not batches:
        return []
    items = []
    for batch in batches:
        children: list[Any] = [recent_batch_text(batch, lang)]
        if batch.state in ("finished", "cancelled") and batch.done:
            children += [
                " ",
                html.A(
                    translate("deliverables.batch.recent_download", lang),
                    href=f"{route}/{batch.job}/{batch.name}.zip",
                    download=f"{batch.name}.zip",
                ),
            ]
        items.append(html.Li(children))
    return [
        html.H3(translate("deliverables.batch.recent_title", lang), className="h6 mt-2"),
        html.Ul(items, id=f"{ids.BATCH}-recent", className="small"),
    ]


def make_batch_result(result: BatchResult, job: str, route: str, lang: str) -> list[Any]:
    """What the page shows once a batch is over: what was made (and whether it was
    stopped), the zip's link, each failure with its reason."""
    made = len(result.files)
    key = "deliverables.batch.cancelled" if result.cancelled else "deliverables.batch.done"
    files = count_text("deliverables.count.files", made, lang)
    out: list[Any] = [html.P(translate(key, lang, files=files), className="mb-2")]
    if made or result.failures:
        href = f"{route}/{job}/{result.archive.name}"
        out.append(
            html.A(
                translate("deliverables.batch.download", lang, name=result.archive.name),
                href=href,
                download=result.archive.name,
                id=f"{ids.BATCH_RESULT}-link",
                className="btn btn-success mb-2",
            )
        )
    if result.failures:
        out.append(
            html.P(
                count_text("deliverables.batch.failures", len(result.failures), lang),
                className="mb-1 fw-semibold",
            )
        )
        out.append(
            html.Ul(
                [
                    html.Li(
                        translate(
                            "report.batch.failure_line",
                            lang,
                            structure=failure.structure_id,
                            error=failure.message,
                        )
                    )
                    for failure in result.failures
                ],
                className="small",
            )
        )
    return out
