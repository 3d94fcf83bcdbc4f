"""Catalog part: cli text. Keys are `cli.*`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
