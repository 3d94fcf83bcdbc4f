"""The definitions of the figures as users read them: the part of docs/data-format.md that
defines every figure and the headline indicators (its sections 7 and 8), in the page's
language, for the app's « Définitions » page."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Final

from dashboard.i18n import normalise_lang

DOC: Final = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"
# The document's language parts, and in each the first and the last section shown.
_PARTS: Final = {"fr": "## Français", "en": "## English"}
_FIRST, _AFTER_LAST = "### 7.", "### 9."


@functools.cache
def definitions_markdown(lang: str) -> str:
    """Sections 7 (definitions of the figures) and 8 (the headline indicators) of the user
    documentation in `lang`, as Markdown with their headings one level up (### -> ##).

    Raises ValueError when the document no longer has those sections (a test reads it)."""
    text = DOC.read_text("utf-8")
    part = _PARTS[normalise_lang(lang)]
    start = text.index(part)
    others = [text.find(p, start + len(part)) for p in _PARTS.values() if p != part]
    end = min([i for i in others if i > start] or [len(text)])
    body = text[start:end]
    first, last = body.find(_FIRST), body.find(_AFTER_LAST)
    if first < 0 or last < first:
        raise ValueError(f"{DOC.name}: sections 7 and 8 not found in the {lang} part")
    section = body[first:last].strip()
    return re.sub(r"^#(#+) ", r"\1 ", section, flags=re.M)
