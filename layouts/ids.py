"""Every component id of the app, in one place. A block's ids derive from its section spec's
name (dashboard/pages/*.py): a chart added to a page's SECTIONS gets its ids here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.pages import benchmark, overview

URL = "url"
LANG_STORE = "lang-store"
DOC_STORE = "doc-store"
PAGE = "page-content"
URL_NOTICE = "url-notice"
DEMO_BANNER = "demo-banner"
OPEN_MODE_BANNER = "open-mode-banner"  # no account exists: anyone can open any structure
ACCOUNT_NAME = "account-name"
LOGOUT_BUTTON = "logout-button"
# A callback that does nothing (DASHBOARD_NOOP_CALLBACK=1): the benchmarks' latency floor.
NOOP_INPUT = "noop-input"
NOOP_OUTPUT = "noop-output"

# Overview filters and outputs.
OVERVIEW_URL = "overview-url"  # the page's own view of the URL, so filters and query sync
EDITION = "overview-edition"
CATEGORIES = "overview-categories"
CHANNELS = "overview-channels"
REGION = "overview-region"
CARDS = "overview-cards"
SUBTITLE = "overview-subtitle"
WINNERS_TABLE = "overview-winners-table"

# Data page.
DATA_DOWNLOAD_CSV = "data-download-csv-button"
DATA_DOWNLOAD_XLSX = "data-download-xlsx-button"
DATA_DOWNLOAD = "data-download"
DATA_WITHHELD = "data-download-withheld"
# The admin's import panel on « Données » (layouts/uploads.py).
UPLOAD_KIND = "upload-kind"
UPLOAD_FILE = "upload-file"
UPLOAD_HINT = "upload-file-hint"
UPLOAD_SUBMIT = "upload-submit"
UPLOAD_NOTICE = "upload-notice"
UPLOAD_ID = "upload-id"
UPLOAD_POLL = "upload-poll"
UPLOAD_PROGRESS = "upload-progress"
UPLOAD_STATUS = "upload-status"
UPLOAD_REPORT = "upload-report"
UPLOAD_ACTIVATE = "upload-activate"
UPLOAD_RESULT = "upload-result"


@dataclass(frozen=True)
class ChartIds:
    """The ids of a chart block: graph, its table alternative, its CSV download. A block
    that is not `drawn` is a table only (always shown)."""

    name: str
    drawn: bool = True

    @property
    def graph(self) -> str:
        return f"{self.name}-graph"

    @property
    def table(self) -> str:
        return f"{self.name}-table"

    @property
    def details(self) -> str:
        """The "see as table" disclosure (<details>) around the table."""
        return f"{self.name}-details"

    @property
    def summary(self) -> str:
        """The disclosure's <summary>: its clicks (mouse or keyboard) open and close it."""
        return f"{self.name}-summary"

    @property
    def csv_button(self) -> str:
        return f"{self.name}-csv-button"

    @property
    def download(self) -> str:
        return f"{self.name}-download"

    @property
    def caption(self) -> str:
        return f"{self.name}-caption"

    @property
    def empty(self) -> str:
        """Where the block says why there is nothing to draw (the graph is hidden then)."""
        return f"{self.name}-empty"


def chart(spec: Any) -> ChartIds:
    """The ids of a page section's block (a dashboard.pages.sections.ChartSpec)."""
    return ChartIds(spec.name, drawn=spec.drawn)


OVERVIEW_CHARTS = tuple(chart(spec) for spec in overview.SECTIONS)
HEATMAP, DISTRIBUTION, TREND, WINNERS = OVERVIEW_CHARTS

# "My structure" page.
BENCH_URL = "bench-url"
BENCH_SEARCH = "bench-search"  # the text a structure is searched by
BENCH_SEARCH_STATUS = "bench-search-status"  # how many found, and whether the list is cut
BENCH_STRUCTURE = "bench-structure"
BENCH_EDITION = "bench-edition"
BENCH_PEERS = "bench-peers"
BENCH_CHANNEL = "bench-channel"
BENCH_COMPARE = "bench-compare"
BENCH_COMPARE_SEARCH = "bench-compare-search"  # the comparison's own search box
BENCH_COMPARE_STATUS = "bench-compare-search-status"
BENCH_COMPARE_NOTE = "bench-compare-note"  # compared structures not audited in the edition
BENCH_PROMPT = "bench-prompt"
BENCH_CONTENT = "bench-content"
BENCH_HEADLINE = "bench-headline"
BENCH_DEFINITION = "bench-definition"
BENCH_SUMMARY = "bench-summary"
BENCH_CHARTS = tuple(chart(spec) for spec in benchmark.SECTIONS)
BENCH_CHANNELS, BENCH_CRITERIA, BENCH_MEASURES, BENCH_TRAJECTORY, BENCH_DISTRIBUTION = BENCH_CHARTS
COMPARE_SECTION = "compare-section"
COMPARE_CHARTS = tuple(chart(spec) for spec in benchmark.COMPARE_SECTIONS)
COMPARE_CHANNELS, COMPARE_TRAJECTORY = COMPARE_CHARTS
