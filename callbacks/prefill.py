"""A page's first render, filled with what its main callback would answer first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import no_update


def prefill(tree: Any, outputs: Sequence[tuple[str, str]], values: Sequence[Any]) -> Any:
    """Set, in a page's layout `tree`, the props a callback would answer first (`values`,
    in the order of its `outputs`, as (id, prop)): the routing answer then brings the page
    drawn, instead of one more round trip per callback before anything shows."""
    wanted: dict[str, dict[str, Any]] = {}
    for (component_id, prop), value in zip(outputs, values, strict=True):
        if value is not no_update:
            wanted.setdefault(component_id, {})[prop] = value
    for component in tree._traverse():
        for prop, value in wanted.get(getattr(component, "id", None) or "", {}).items():
            setattr(component, prop, value)
    return tree
