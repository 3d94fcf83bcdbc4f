"""The one catalog: every key the code asks for exists, in French and English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from dashboard.figures.benchmark import MEASURE_SPECS, PEER_MODES
from dashboard.figures.indicators import INDICATORS
from dashboard.i18n import CATALOG, LANGS, count_text, translate
from dashboard.intake.schema import CATEGORIES, CHANNELS, STRUCTURE_COLUMNS, TEST_COLUMNS
from dashboard.intake.uploads import Kind
from layouts.uploads import UPLOAD_KINDS

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
        *[f"accounts.upload.kind_{kind}" for kind in UPLOAD_KINDS],
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

    def forms(text: str | dict[str, str]) -> list[str]:
        return list(text.values()) if isinstance(text, dict) else [text]

    for key, texts in CATALOG.items():
        assert set(texts) >= set(LANGS), key
        every = [form for lang in LANGS for form in forms(texts[lang])]
        assert all(form.strip() for form in every), key
        names = {frozenset(placeholder.findall(form)) for form in every}
        assert len(names) == 1, (key, names)


def test_plural_forms_follow_cldr() -> None:
    assert translate("ui.count.structures_audited", "fr", count=0, n="0") == "0 structure auditée"
    assert translate("ui.count.structures_audited", "fr", count=1, n="1") == "1 structure auditée"
    assert translate("ui.count.structures_audited", "fr", count=2, n="2") == "2 structures auditées"
    assert translate("ui.count.structures_audited", "en", count=0, n="0") == "0 structures audited"
    assert translate("ui.count.structures_audited", "en", count=1, n="1") == "1 structure audited"
    assert count_text("ui.count.channels", 1, "fr") == "1 canal"
    assert count_text("ui.count.channels", 4, "fr") == "4 canaux"
    assert count_text("ui.count.tests", 1234, "fr") == "1\u202f234 tests"
    with pytest.raises(KeyError):
        translate("ui.count.tests", "fr", n="3")  # a plural message needs its count


def test_no_text_hedges_its_plural() -> None:
    """« canal(aux) », « critère(s) », "category(ies)": a count gets its CLDR form instead."""
    hedged = re.compile(r"\w\((s|x|aux|es|ies|a)\)")
    for key, texts in CATALOG.items():
        for lang in LANGS:
            for form in texts[lang].values() if isinstance(texts[lang], dict) else [texts[lang]]:
                assert not hedged.search(form), (key, form)


def test_french_is_the_default() -> None:
    assert translate("ui.nav.data") == "Données"
    assert translate("ui.nav.data", "en") == "Data"


def test_the_import_form_offers_every_kind_of_import() -> None:
    assert get_args(Kind) == UPLOAD_KINDS
