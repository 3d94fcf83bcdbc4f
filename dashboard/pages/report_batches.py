"""The batches of reports of the last day as « Données » lists them (issue 15, point 4): what
one is (BatchSummary, read from its progress file by callbacks/report_batch.py) and the
sentence saying where it stands (`recent_batch_text`; its list: layouts/report_batch.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dashboard.i18n import count_text, format_number, translate


@dataclass(frozen=True)
class BatchSummary:
    """A batch of the last day as « Données » lists it: its job and zip name, structures
    done of total, failures, when it started (epoch s), and whether it is over (finished,
    stopped) or still moving (running) or no longer (interrupted)."""

    job: str
    name: str
    done: int
    total: int
    failures: int
    started: float
    state: Literal["running", "finished", "cancelled", "interrupted"]


def recent_batch_text(batch: BatchSummary, lang: str) -> str:
    """Where a batch of the last day stands, in words: its zip's name, its state, reports done
    of the total, the time it started (HH:MM, the server's clock) and its failures when there
    are some ("… · 2 échecs")."""
    started = datetime.fromtimestamp(batch.started).strftime("%H:%M")
    text = translate(
        f"deliverables.batch.recent_{batch.state}",
        lang,
        name=f"{batch.name}.zip",
        done=format_number(batch.done, lang, 0),
        total=count_text("deliverables.count.reports", batch.total, lang),
        time=started,
    )
    if batch.failures:
        text += " · " + count_text("deliverables.count.failures", batch.failures, lang)
    return text
