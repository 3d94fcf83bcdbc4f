"""Finding a structure by what people type: a word of its name, its department's name or
number, its region, its category; accents and case optional, a typo tolerated.

Every structure's texts are cut into folded words ("Ville de Bourg-en-Bresse" gives `ville`,
`de`, `bourg`, `en`, `bresse`) and indexed once per dataset version. A query word matches a
word of the index as a whole word, then as its beginning, then inside it, then with a typo
(rapidfuzz's Levenshtein distance: one edit, two in a long word); the better the match, and
the more it is in the name rather than the place or the category, the higher the structure
comes. A structure is found when every query word matches one of its words.

Work per query is bounded whatever is typed (MAX_QUERY_CHARS, MAX_QUERY_WORDS): the query is
cut before anything is matched.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from natsort import natsort_keygen
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from dashboard.figures.aggregates import Aggregates, aggregates_for
from dashboard.i18n import LANGS, category_label, count_text, format_number, translate
from dashboard.intake.geography import department_name, departments, region_name
from dashboard.intake.model import Dataset
from dashboard.intake.schema import CATEGORIES, StructureCol

MAX_QUERY_CHARS: Final = 100  # what the search box accepts (its maxLength too)
MAX_QUERY_WORDS: Final = 8
RESULT_LIMIT: Final = 30  # options offered at once; the rest is counted, not listed
FUZZY_MIN_LENGTH: Final = 5  # shorter words match exactly, at the start or inside only
LONG_WORD: Final = 8  # a typed word this long may hold two typos, a shorter one one
SUBSTRING_MIN_LENGTH: Final = 3

# How well a query word matches a word of the index (higher is better).
EXACT: Final = 4.0
PREFIX: Final = 3.0
SUBSTRING: Final = 2.0
FUZZY: Final = 1.0
# Where the indexed word comes from: the name counts more than the place, the place more than
# the category ("bourg" finds Bourg-en-Bresse before a structure of the Bourgogne region).
FIELD_WEIGHTS: Final = {"name": 1.0, "place": 0.9, "category": 0.8}

_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case text without accents ("Élancourt" -> "elancourt"), for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words_of(text: str) -> list[str]:
    """The folded words of `text`: letters and digits, any other character a separator."""
    return _WORD.findall(fold(text))


def query_words(query: str) -> list[str]:
    """The words of a query, bounded: its first MAX_QUERY_CHARS characters, at most
    MAX_QUERY_WORDS distinct words (in the order typed)."""
    seen: list[str] = []
    for word in words_of(query[:MAX_QUERY_CHARS]):
        if word not in seen:
            seen.append(word)
        if len(seen) == MAX_QUERY_WORDS:
            break
    return seen


@dataclass(frozen=True)
class SearchResult:
    """Structure ids found, best first, at most the limit asked; `total` counts them all."""

    ids: tuple[str, ...]
    total: int

    @property
    def truncated(self) -> bool:
        """Whether more structures matched than are listed."""
        return self.total > len(self.ids)


class StructureSearch:
    """The search index of one dataset version (built once, read by every request).

    `texts` maps each field (`name`, `place`, `category`) to one text per structure, in the
    order of `ids`; `sort_names` orders equally good matches.
    """

    def __init__(
        self, ids: Sequence[str], sort_names: Sequence[str], texts: dict[str, Sequence[str]]
    ) -> None:
        self.ids = np.asarray(list(ids), dtype=object)
        n = len(self.ids)
        # Equally good matches come in the natural order of their names (folded: "n° 2"
        # before "n° 10"), then ids.
        natural = natsort_keygen()
        order = sorted(
            range(n), key=lambda i: (natural(fold(str(sort_names[i]))), str(self.ids[i]))
        )
        self._name_rank = np.empty(n, dtype=np.int64)
        self._name_rank[order] = np.arange(n)
        parts = []
        for field, field_texts in texts.items():
            found = pd.Series([fold(str(t)) for t in field_texts], dtype=object).str.findall(
                _WORD.pattern
            )
            part = pd.DataFrame({"word": found, "pos": np.arange(n)}).explode("word")
            parts.append(part.dropna().assign(weight=FIELD_WEIGHTS[field]))
        postings = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        if postings.empty:
            self.vocabulary: list[str] = []
            self._starts = np.zeros(1, dtype=np.int64)
            self._positions = np.empty(0, dtype=np.int64)
            self._weights = np.empty(0, dtype=np.float64)
            return
        # One posting per (word, structure): its best field.
        postings = postings.groupby(["word", "pos"], sort=True)["weight"].max().reset_index()
        words = postings["word"].to_numpy(dtype=object)
        boundaries = np.flatnonzero(words[1:] != words[:-1]) + 1
        starts = np.concatenate([[0], boundaries, [len(words)]]).astype(np.int64)
        self.vocabulary = [str(w) for w in words[starts[:-1]]]  # sorted, unique
        self._starts = starts
        self._positions = postings["pos"].to_numpy(dtype=np.int64)
        self._weights = postings["weight"].to_numpy(dtype=np.float64)
        self._vocabulary_series = pd.Series(self.vocabulary, dtype=object)

    def _word_matches(self, word: str) -> dict[int, float]:
        """Vocabulary entries matching `word`, each with its match quality."""
        vocab = self.vocabulary
        found: dict[int, float] = {}
        start = bisect.bisect_left(vocab, word)
        stop = bisect.bisect_left(vocab, word + "\uffff")
        for i in range(start, stop):
            found[i] = EXACT if vocab[i] == word else PREFIX
        if len(word) >= SUBSTRING_MIN_LENGTH:
            inside = self._vocabulary_series.str.contains(word, regex=False).to_numpy()
            for i in np.flatnonzero(inside).tolist():
                found.setdefault(i, SUBSTRING)
        if len(word) >= FUZZY_MIN_LENGTH:
            edits = 2 if len(word) >= LONG_WORD else 1
            close = process.extract(
                word, vocab, scorer=Levenshtein.distance, score_cutoff=edits, limit=None
            )
            for _, _, i in close:
                found.setdefault(int(i), FUZZY)
        return found

    def _word_scores(self, word: str) -> npt.NDArray[np.float64]:
        """Per structure, the best match quality × field weight of `word` (0: no match)."""
        scores = np.zeros(len(self.ids), dtype=np.float64)
        for entry, quality in self._word_matches(word).items():
            lo, hi = self._starts[entry], self._starts[entry + 1]
            np.maximum.at(scores, self._positions[lo:hi], quality * self._weights[lo:hi])
        return scores

    def search(self, query: str, limit: int = RESULT_LIMIT) -> SearchResult:
        """The structures matching every word of `query`, best first (§ module docstring)."""
        words = query_words(query)
        if not words or not len(self.ids):
            return SearchResult((), 0)
        total = np.zeros(len(self.ids), dtype=np.float64)
        matched = np.ones(len(self.ids), dtype=bool)
        for word in words:
            scores = self._word_scores(word)
            matched &= scores > 0
            total += scores
        hits = np.flatnonzero(matched)
        order = np.lexsort((self._name_rank[hits], -total[hits]))
        best = hits[order[: max(limit, 0)]]
        return SearchResult(tuple(str(i) for i in self.ids[best]), len(hits))


# --- The structure picker of « Ma structure » ---------------------------------------------------


@dataclass(frozen=True)
class PickerOption:
    """A structure offered by the picker: its label (name, place, category; no figure) and
    its id."""

    label: str
    value: str


def structure_search(agg: Aggregates) -> StructureSearch:
    """The picker's search index of a dataset version (built once per version): each
    structure's name; its department's number and name; its category's labels (both
    languages)."""

    def build() -> StructureSearch:
        deps = departments()
        dep_names = dict(
            zip(deps[StructureCol.DEPARTMENT_CODE], deps[StructureCol.NAME], strict=True)
        )
        categories = {
            code: " ".join(category_label(code, lang) for lang in LANGS) for code in CATEGORIES
        }
        s = agg.structures
        dep = s[StructureCol.DEPARTMENT_CODE].fillna("").astype(str)
        names = s[StructureCol.NAME].astype(str).tolist()
        return StructureSearch(
            s[StructureCol.STRUCTURE_ID].astype(str).tolist(),
            names,
            {
                "name": names,
                "place": [f"{code} {dep_names.get(code, '')}" for code in dep],
                "category": [categories.get(str(c), "") for c in s[StructureCol.CATEGORY]],
            },
        )

    return agg.once("structure_search", build)


def structure_label(agg: Aggregates, structure_id: str, lang: str) -> str:
    """A structure's picker label: name, department, category."""
    row = agg.structures.loc[structure_id]
    place = row[StructureCol.DEPARTMENT_CODE]
    where = (
        f"{department_name(str(place))} ({place})"
        if isinstance(place, str) and place
        else (region_name(str(row[StructureCol.REGION_CODE])) or "")
    )
    category = category_label(str(row[StructureCol.CATEGORY]), lang)
    return f"{row[StructureCol.NAME]} – {where} – {category}"


def search_picker(
    dataset: Dataset,
    query: str | None,
    keep: Sequence[str],
    lang: str,
    allowed: frozenset[str] | None = None,
) -> tuple[list[PickerOption], str]:
    """The structures found for `query`, best first, after the ones already chosen (`keep`:
    they stay displayed and findable), and the sentence saying what was found ("30 premiers
    résultats sur 57 : précisez votre recherche"; empty without a query). With `allowed`
    (the viewer's structures, dashboard.policy), only those are found, kept and counted."""
    agg = aggregates_for(dataset)
    found = structure_search(agg).search(query or "") if query else None
    if allowed is not None:
        keep = [k for k in keep if k in allowed]
        if found is not None:
            every = structure_search(agg).search(query or "", limit=len(agg.structure_ids))
            mine = tuple(i for i in every.ids if i in allowed)
            found = SearchResult(mine[:RESULT_LIMIT], len(mine))
    hits = list(found.ids) if found else []
    ordered = [*[k for k in keep if k], *[f for f in hits if f not in keep]]
    options = [
        PickerOption(structure_label(agg, sid, lang), sid)
        for sid in ordered
        if sid in agg.structure_ids
    ]
    if found is None:
        status = ""
    elif found.truncated:
        status = translate(
            "ui.bench.search_truncated",
            lang,
            shown=len(found.ids),
            total=format_number(found.total, lang, 0),
        )
    else:
        status = count_text("ui.bench.search_found", found.total, lang)
    return options, status
