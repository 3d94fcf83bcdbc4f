"""Catalog part: validation text. Keys are `validation.*`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
