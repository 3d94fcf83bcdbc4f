"""The upload panel's first line names what was received, with the plural it takes."""

from __future__ import annotations

import pytest

from layouts.uploads import make_upload_progress


def _text(node: object) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list | tuple):
        return " ".join(_text(n) for n in node)
    return _text(getattr(node, "children", None) or "")


@pytest.mark.parametrize(
    ("names", "lang", "said"),
    [
        (["resultats.xlsx"], "fr", "Fichier reçu\u00a0: resultats.xlsx."),
        (["structures.csv", "tests.csv"], "fr", "Fichiers reçus\u00a0: structures.csv, tests.csv."),
        (["structures.csv", "tests.csv"], "en", "Files received: structures.csv, tests.csv."),
    ],
)
def test_the_files_received_are_named_with_their_plural(
    names: list[str], lang: str, said: str
) -> None:
    assert said in _text(make_upload_progress("u1", names, lang))
