"""A page as data: each block (a chart with its table, or a table alone) is described once, by
a ChartSpec, and everything a block shows or gives is derived from that one description: the
figure or the reason there is none, the "see as a table" view, the CSV file, the component
ids (layouts/ids.py), and the report and slides.

A page has a *view*: an object made from the dataset and the page's state (the URL's choices)
that computes each frame when first asked for it and keeps it (`functools.cached_property`).
A spec reads its frame from the view, draws its figure from the view and the frame, and says
from them why it has nothing to draw.

Adding a chart to a page: write its frame function (figures/), its figure builder (render/),
and one ChartSpec in the page's SECTIONS (pages/<page>.py). See docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

import pandas as pd

from dashboard.i18n import translate
from dashboard.render.block_kinds import GRAPH, BlockKind
from dashboard.render.tables import ColumnSpec, TablePayload, csv_download, table_payload
from dashboard.report_model import ReportSection, ReportTable

Figure = dict[str, Any]


class View(Protocol):
    """What every page's view gives the sections: the page's language and edition."""

    @property
    def lang(self) -> str: ...

    @property
    def edition(self) -> int | None: ...


V = TypeVar("V", bound=View, contravariant=True)


def _nothing_missing(view: Any, frame: pd.DataFrame) -> str | None:
    return None


@dataclass(frozen=True)
class ChartSpec(Generic[V]):
    """One block of a page.

    - `name`: the block's name, unique in the app; its component ids derive from it
      ("overview-heatmap" -> "overview-heatmap-graph", "-table", "-csv-button"...).
    - `frame(view)`: the tidy frame the block shows (contract §5 figures), the one source of
      its figure, its table and its CSV.
    - `figure(view, frame)`: the plotly figure (a plain dict); None for a block that is its
      table only. A block of another `kind` (dashboard.render.block_kinds: a tile map, a
      list of links) gives that drawing's dict instead.
    - `table`: the columns of its table view and CSV.
    - `title_key`, `caption_key`: catalog keys of its heading and of the line under it.
    - `empty(view, frame)`: why there is nothing to draw (None: there is).
    - `note(view, frame)`: a line shown under the chart (None: none), e.g. which of its
      intervals borrow a spread (contract §5b).
    """

    name: str
    frame: Callable[[V], pd.DataFrame]
    figure: Callable[[V, pd.DataFrame], Figure] | None
    table: tuple[ColumnSpec, ...]
    title_key: str
    caption_key: str
    empty: Callable[[V, pd.DataFrame], str | None] = field(default=_nothing_missing)
    named_caption_key: str | None = None  # the caption in named mode, when it differs
    note: Callable[[V, pd.DataFrame], str | None] = field(default=_nothing_missing)
    kind: BlockKind = GRAPH  # how its figure is drawn (ignored for a table-only block)

    @property
    def drawn(self) -> bool:
        """Whether the block has a chart (otherwise it is its table, always shown)."""
        return self.figure is not None

    @property
    def plotted(self) -> bool:
        """Whether the block's chart is a plotly figure (the chart images, the report's and the
        slides' figures): a block drawn as HTML (a tile map, a list of links) is not."""
        return self.drawn and self.kind == GRAPH

    @property
    def short_name(self) -> str:
        """The name without its page's prefix ("heatmap"), for file names."""
        return self.name.split("-", 1)[-1]


@dataclass(frozen=True)
class ChartPayload:
    """What a drawn block shows: its figure, or why it has nothing to draw, and the note
    under it (None: no note)."""

    figure: Figure
    empty_message: str | None
    note: str | None = None


@dataclass(frozen=True)
class CsvFile:
    """A block's CSV file: exactly the numbers it draws, as the page's language writes them."""

    content: str
    filename: str
    type: str = "text/csv"


def chart_payload(spec: ChartSpec[V], view: V) -> ChartPayload:
    """A drawn block's figure and empty message. Raises ValueError for a table-only block."""
    if spec.figure is None:
        raise ValueError(f"{spec.name} is a table, not a chart")
    frame = spec.frame(view)
    return ChartPayload(spec.figure(view, frame), spec.empty(view, frame), spec.note(view, frame))


def table_view(spec: ChartSpec[V], view: V) -> TablePayload:
    """A block's "see as a table" view, from its frame."""
    return table_payload(spec.frame(view), spec.table, spec.title_key, view.lang)


def csv_file(spec: ChartSpec[V], view: V) -> CsvFile:
    """A block's CSV file, from its frame alone: a BOM so that Excel reads the accents right,
    named after the block and the edition."""
    text = csv_download(spec.frame(view), spec.table, view.lang)
    return CsvFile("\ufeff" + text, f"{spec.short_name}-{view.edition}.csv")


def by_name(sections: Sequence[ChartSpec[V]]) -> dict[str, ChartSpec[V]]:
    """A page's sections by name."""
    return {spec.name: spec for spec in sections}


def section_title(spec: ChartSpec[Any], lang: str) -> str:
    """A block's heading in `lang`."""
    return translate(spec.title_key, lang)


def report_section(spec: ChartSpec[V], view: V, named: bool = False) -> ReportSection:
    """A block as the deliverables show it (issue 15: its image, the report, the slides, the
    presentation): its title and caption in the view's language (the named-mode caption
    when `named` and the spec has one), its figure (None for a table-only block, for a block
    drawn as HTML (its table stands for it) or when it has nothing to draw, the reason then
    in its notes), the note under its chart, and its table view, all from the block's one
    frame, as the page shows them. The key is the spec's short name."""
    lang = view.lang
    table = table_view(spec, view)
    chart = chart_payload(spec, view) if spec.drawn else None
    caption_key = spec.named_caption_key if named and spec.named_caption_key else spec.caption_key
    drawn = chart is not None and not chart.empty_message
    return ReportSection(
        key=spec.short_name,
        title=section_title(spec, lang),
        caption=translate(caption_key, lang),
        figure=chart.figure if chart is not None and drawn and spec.plotted else None,
        table=ReportTable(table.headers, table.rows, table.numeric),
        notes=[
            note
            for note in ((chart.empty_message, chart.note) if chart is not None else ())
            if note
        ],
    )
