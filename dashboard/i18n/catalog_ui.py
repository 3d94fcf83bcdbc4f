"""Catalog part: text of the web app (pages, charts, tables). Keys are `ui.*`."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
