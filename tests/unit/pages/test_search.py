"""Finding a structure by what people type (dashboard.pages.search)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.intake.model import Dataset
from dashboard.pages.search import (
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    StructureSearch,
    fold,
    query_words,
    search_picker,
)

# 40 fictitious "...bourg" cities fill a list of 30 before the real one when matching inside
# words ranks as high as a whole word.
FILLERS = [(f"F{i:02d}", f"Ville fictive de Sauva{i:02d}bourg", "Nord (59)") for i in range(40)]
ROWS = [
    *FILLERS,
    ("BOURG", "Ville de Bourg-en-Bresse", "Ain (01) Auvergne-Rhône-Alpes"),
    ("STRAS", "Ville de Strasbourg", "Bas-Rhin (67) Grand Est"),
    ("ST", "Ville fictive de Saint-Ainier", "Oise (60) Hauts-de-France"),
    ("ELAN", "Mairie d'Élancourt", "Yvelines (78) Île-de-France"),
    ("DEP", "Département de la Mayenne", "Mayenne (53) Pays de la Loire"),
]
CATEGORY = {"DEP": "Conseils départementaux Departmental councils"}


def make_index() -> StructureSearch:
    ids = [r[0] for r in ROWS]
    names = [r[1] for r in ROWS]
    return StructureSearch(
        ids,
        names,
        {
            "name": names,
            "place": [r[2] for r in ROWS],
            "category": [CATEGORY.get(i, "Villes de plus de 50 000 habitants") for i in ids],
        },
    )


INDEX = make_index()


def test_a_whole_word_of_the_name_comes_before_words_that_only_contain_it() -> None:
    found = INDEX.search("bourg")
    assert found.ids[0] == "BOURG"
    assert found.total == 42  # Bourg-en-Bresse, Strasbourg and the 40 "...bourg"
    assert found.truncated and len(found.ids) == 30


def test_department_name_and_number() -> None:
    assert INDEX.search("Ain").ids[0] == "BOURG"  # the department's name, before "Saint-Ainier"
    assert INDEX.search("01").ids == ("BOURG",)
    assert INDEX.search("bas-rhin").ids == ("STRAS",)


def test_accents_and_case_are_optional_and_words_come_in_any_order() -> None:
    assert INDEX.search("ELANCOURT").ids == ("ELAN",)
    assert INDEX.search("élan mairie").ids == ("ELAN",)  # a prefix, then a whole word
    assert INDEX.search("departement mayenne").ids == ("DEP",)


def test_a_typo_is_tolerated() -> None:
    assert INDEX.search("strasbourd").ids == ("STRAS",)
    assert INDEX.search("Mayene").ids == ("DEP",)


def test_by_category_label() -> None:
    assert INDEX.search("conseils departementaux").ids == ("DEP",)
    assert INDEX.search("departmental").ids == ("DEP",)


def test_nothing_for_nothing() -> None:
    assert INDEX.search("   ").ids == ()
    assert INDEX.search("zzzzqqq").total == 0
    assert not INDEX.search("zzzzqqq").truncated


def test_query_is_bounded() -> None:
    long = "bourg " * 100_000
    assert query_words(long) == ["bourg", "bour"]  # its first 100 characters, words once
    many = " ".join(f"w{i}" for i in range(50))
    assert len(query_words(many)) == MAX_QUERY_WORDS
    assert len("".join(query_words("a" * 10 * MAX_QUERY_CHARS))) == MAX_QUERY_CHARS
    assert INDEX.search(long).ids[0] == "BOURG"


@given(st.text(max_size=300))
def test_any_text_is_a_query(text: str) -> None:
    found = INDEX.search(text)
    assert len(found.ids) <= 30
    assert found.total >= len(found.ids)
    assert set(found.ids) <= {r[0] for r in ROWS}


def test_fold() -> None:
    assert fold("Île-de-France ÉLAN") == "ile-de-france elan"


def test_equally_good_matches_come_in_natural_order(demo: Dataset) -> None:
    """« n° 2 » before « n° 10 », as a person counts (natsort)."""
    options, _ = search_picker(demo, "departement fictif", [], "fr")
    numbers = [int(o.label.split("n° ")[1].split(" ")[0]) for o in options if "n° " in o.label]
    assert numbers[:12] == sorted(numbers[:12]) and numbers[:3] == [1, 2, 3]
