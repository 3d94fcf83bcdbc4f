"""The one catalog: every key the code asks for exists, in French and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.benchmark import MEASURE_SPECS, PEER_MODES
from dashboard.i18n import CATALOG, LANGS, translate
from dashboard.indicators import INDICATORS
from dashboard.schema import CATEGORIES, CHANNELS, STRUCTURE_COLUMNS, TEST_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""translate\(\s*["']([a-z0-9_.*]+)["']""")


def _literal_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("dashboard", "callbacks", "layouts"):
        for path in (ROOT / folder).rglob("*.py"):
            keys.update(LITERAL_KEY.findall(path.read_text("utf-8")))
    keys.update(("ui.page.title",))  # used by app.py
    return keys


def test_every_literal_key_exists() -> None:
    missing = sorted(k for k in _literal_keys() if k not in CATALOG)
    assert missing == []


@pytest.mark.parametrize(
    "key",
    [
        *[f"category.{c}" for c in CATEGORIES],
        *[f"channel.{c}" for c in CHANNELS],
        *[f"ui.indicator.{name}" for name in INDICATORS],
        *[f"ui.measure.{spec.name}" for spec in MEASURE_SPECS],
        *[f"ui.bench.peers_{mode}" for mode in PEER_MODES],
        *[f"ui.quartile.{q}" for q in ("bottom", "second", "third", "top")],
        *[f"ui.change.{v}" for v in ("good", "bad", "flat")],
        *[f"ui.dict.structures.{c}" for c in STRUCTURE_COLUMNS],
        *[f"ui.dict.tests.{c}" for c in TEST_COLUMNS],
    ],
)
def test_dynamic_keys_exist(key: str) -> None:
    assert key in CATALOG


def test_every_text_has_both_languages_and_same_placeholders() -> None:
    placeholder = re.compile(r"(?<!%)\{([a-z_]+)\}")
    for key, texts in CATALOG.items():
        assert set(texts) >= set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert set(placeholder.findall(texts["fr"])) == set(placeholder.findall(texts["en"])), key


def test_french_is_the_default() -> None:
    assert translate("ui.nav.data") == "Données"
    assert translate("ui.nav.data", "en") == "Data"
