"""Rows of the `tests` table for the figure tests, written by hand."""

from __future__ import annotations

from typing import Any

CITY = "city_50k_plus"


def contact(
    edition: int, sid: str, channel: str, n: int, score: float, **measures: Any
) -> dict[str, Any]:
    """One mystery contact of structure `sid` on `channel` (its n-th there), with `measures`."""
    return {
        "edition": edition,
        "structure_id": sid,
        "channel": channel,
        "test_id": f"{sid}-{channel}-{n}",
        "score": score,
        **measures,
    }
