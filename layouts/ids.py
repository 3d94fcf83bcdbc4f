"""Every component id of the app, in one place. A block's ids derive from its section spec's
name (dashboard/pages/*.py): a chart added to a page's SECTIONS gets its ids here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.pages import benchmark, overview, territories
from dashboard.render.block_kinds import GRAPH, BlockKind

URL = "url"
LANG_STORE = "lang-store"
DOC_STORE = "doc-store"
PAGE = "page-content"
URL_NOTICE = "url-notice"
DEMO_BANNER = "demo-banner"
OPEN_MODE_BANNER = "open-mode-banner"  # no account exists: anyone can open any structure
LANG_SWITCH = "lang-switch"
ACCOUNT_NAME = "account-name"  # the button opening the account's panel
ACCOUNT_PANEL = "account-panel"
LOGOUT_BUTTON = "logout-button"
NAV_TOGGLE = "nav-toggle"  # « Menu », below the navbar's breakpoint
NAV_MENU = "nav-menu"
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
SERIES = "overview-series"  # the trend: plain group means or like-for-like (contract §5b)
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
UPLOAD_STRANDED = "upload-stranded"  # managers the new dataset would leave without structures
UPLOAD_ACTIVATE = "upload-activate"
UPLOAD_RESULT = "upload-result"


@dataclass(frozen=True)
class ChartIds:
    """The ids of a chart block: graph, its table alternative, its CSV download. A block
    that is not `drawn` is a table only (always shown); a drawn one of another `kind` than
    a plotly graph (a tile map, a list of links) has its drawing where the graph would be."""

    name: str
    drawn: bool = True
    kind: BlockKind = GRAPH

    @property
    def plotted(self) -> bool:
        """Whether the block draws a plotly figure (dcc.Graph)."""
        return self.drawn and self.kind == GRAPH

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

    @property
    def note(self) -> str:
        """The line under the chart (which intervals borrow a spread, and the like)."""
        return f"{self.name}-note"


def chart(spec: Any) -> ChartIds:
    """The ids of a page section's block (a dashboard.pages.sections.ChartSpec)."""
    return ChartIds(spec.name, drawn=spec.drawn, kind=spec.kind)


OVERVIEW_CHARTS = tuple(chart(spec) for spec in overview.SECTIONS)
HEATMAP, DISTRIBUTION, TREND, WINNERS = OVERVIEW_CHARTS[:4]
OVERVIEW_MAP = chart(overview.MAP_BLOCK)
OVERVIEW_MAP_LEVEL = "overview-map-level"  # departments or regions (the address's `map`)

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
BENCH_CHANNELS, BENCH_CRITERIA, BENCH_MEASURES, BENCH_TRAJECTORY, BENCH_DISTRIBUTION = BENCH_CHARTS[
    :5
]
BENCH_ACT = chart(benchmark.ACT_BLOCK)  # where to act first (contract §5b)
BENCH_ACTIONS = chart(benchmark.ACTIONS_BLOCK)
BENCH_INTERVALS = "bench-intervals"  # every peer's rank interval on the distribution
BENCH_ACT_VIEW = "bench-act-view"  # where to act first: criteria or channels
BENCH_TERRITORY = chart(benchmark.TERRITORY_BLOCK)
COMPARE_SECTION = "compare-section"
COMPARE_CHARTS = tuple(chart(spec) for spec in benchmark.COMPARE_SECTIONS)
COMPARE_CHANNELS, COMPARE_TRAJECTORY = COMPARE_CHARTS

# « Territoires » page.
TERRITORY_URL = "territory-url"
TERRITORY_INDICATOR = "territory-indicator"
TERRITORY_PERIOD = "territory-period"
TERRITORY_LEVEL = "territory-level"
TERRITORY_LEVEL_FIELD = "territory-level-field"  # hidden when the indicator has one level
TERRITORY_ENTITY = "territory-entity"
TERRITORY_PEERS = "territory-peers"
TERRITORY_DEFINITION = "territory-definition"
TERRITORY_HEADLINE = "territory-headline"
TERRITORY_CHARTS = tuple(chart(spec) for spec in territories.SECTIONS)
TERRITORY_MAP, TERRITORY_TRAJECTORY, TERRITORY_DISTRIBUTION = TERRITORY_CHARTS
# What a consultant takes away (issue 15): « Ma structure »'s links to its report and
# presentation (callbacks/reports.py keeps them on the page's address).
TAKEAWAY = "bench-takeaway"
TAKEAWAY_REPORT = "bench-takeaway-report"
TAKEAWAY_PDF = "bench-takeaway-pdf"
TAKEAWAY_PPTX = "bench-takeaway-pptx"
TAKEAWAY_PRESENTATION = "bench-takeaway-presentation"
TAKEAWAY_STATUS = "bench-takeaway-status"  # « Préparation du rapport PDF… »
# The reports of an edition, made in the background (consultants; the data page).
BATCH = "batch"
BATCH_EDITION = "batch-edition"
BATCH_CATEGORY = "batch-category"
BATCH_FORMATS = "batch-formats"
BATCH_START = "batch-start"
BATCH_CANCEL = "batch-cancel"
BATCH_CANCEL_NOTE = "batch-cancel-note"
BATCH_PROGRESS = "batch-progress"
BATCH_STATUS = "batch-status"
BATCH_RESULT = "batch-result"
BATCH_TOKEN = "batch-token"
