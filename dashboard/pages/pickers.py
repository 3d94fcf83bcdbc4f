"""« Ma structure »'s pickers as its dropdowns take them: options `{"label": str, "value": ...}`
for the structures a search finds (names only, no figure: peers stay anonymous on the page)
and for the editions a structure took part in."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from dashboard.figures.aggregates import Aggregates
from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import edition_choices
from dashboard.pages.search import search_picker


def edition_options(agg: Aggregates, structure: str | None) -> list[dict[str, Any]]:
    """The editions a structure took part in, latest first, as dropdown options."""
    return [{"label": str(e), "value": e} for e in edition_choices(agg, structure)]


def picker_options(
    dataset: Dataset,
    query: str | None,
    keep: list[str],
    lang: str,
    allowed: frozenset[str] | None = None,
) -> list[dict[str, str]]:
    """The picker's options for a search (names only, no figure), the kept ones first; only
    structures of `allowed` when given (the viewer's)."""
    return [asdict(option) for option in search_picker(dataset, query, keep, lang, allowed)[0]]
