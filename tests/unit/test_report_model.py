"""The report's content model (dashboard.report_model): shapes checked where the content is
made, and the definitions document read as plain-text blocks."""

from __future__ import annotations

from datetime import datetime

import pytest

from dashboard.pages.definitions import definitions_markdown
from dashboard.report_model import (
    HeadlineCard,
    MethodBlock,
    ReportContent,
    ReportSection,
    ReportTable,
    method_from_markdown,
)


def _content(**changes: object) -> ReportContent:
    values: dict[str, object] = {
        "lang": "fr",
        "structure_name": "Ville A",
        "edition": 2022,
        "peer_group": "Régions",
        "n_peers": 13,
        "source_line": "Baromètre, édition 2022",
        "generated_at": datetime(2023, 1, 2, 3, 4),
    }
    values.update(changes)
    return ReportContent(**values)  # type: ignore[arg-type]


def test_a_table_needs_one_cell_per_column_and_one_flag_per_column() -> None:
    table = ReportTable(["Canal", "Score"], [["Téléphone", "71,5"]], [False, True])
    assert list(table.rows[0]) == ["Téléphone", "71,5"]
    with pytest.raises(ValueError, match="row 1 has 1 cells for 2 columns"):
        ReportTable(["Canal", "Score"], [["Téléphone"]], [False, True])
    with pytest.raises(ValueError, match="numeric flags"):
        ReportTable(["Canal", "Score"], [], [False])
    with pytest.raises(ValueError, match="texts only"):
        ReportTable(["Canal", "Score"], [["Téléphone", 71.5]], [False, True])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at least one column"):
        ReportTable([], [], [])


@pytest.mark.parametrize("key", ["", "Channels", "per channel", "a/b", "é", "x" * 65])
def test_a_section_key_is_a_slug(key: str) -> None:
    with pytest.raises(ValueError, match="slug"):
        ReportSection(key=key, title="Titre")


def test_a_section_checks_its_texts_and_figure() -> None:
    ReportSection(key="per-channel_2", title="Par canal", figure={"data": [], "layout": {}})
    with pytest.raises(ValueError, match="title is empty"):
        ReportSection(key="a", title=" ")
    with pytest.raises(ValueError, match="one text"):
        ReportSection(key="a", title="T", paragraphs="une phrase")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="plotly figure"):
        ReportSection(key="a", title="T", figure={"layout": {}})


def test_content_checks_language_counts_and_unique_sections() -> None:
    assert _content().lang == "fr"
    with pytest.raises(ValueError, match="language"):
        _content(lang="de")
    with pytest.raises(ValueError, match="n_peers"):
        _content(n_peers=-1)
    with pytest.raises(ValueError, match="edition"):
        _content(edition="2022")
    with pytest.raises(ValueError, match="structure name is empty"):
        _content(structure_name="")
    with pytest.raises(ValueError, match="repeat"):
        _content(sections=[ReportSection("a", "A"), ReportSection("a", "B")])
    with pytest.raises(ValueError, match="headline"):
        HeadlineCard("Rang", 12)  # type: ignore[arg-type]


def test_names_are_kept_as_written() -> None:
    name = '<a href="https://x.example">=HYPERLINK("x")</a> & Co'
    assert _content(structure_name=name).structure_name == name


def test_the_definitions_document_becomes_plain_text_blocks() -> None:
    for lang in ("fr", "en"):
        blocks = method_from_markdown(definitions_markdown(lang))
        kinds = {block.kind for block in blocks}
        assert kinds == {"heading", "paragraph", "item"}
        assert blocks[0].kind == "heading"
        for block in blocks:
            assert "**" not in block.text and "`" not in block.text and "\n" not in block.text
            assert not block.text.startswith(("#", "- ", "|"))
    french = method_from_markdown(definitions_markdown("fr"))
    assert MethodBlock("heading", "7.6 Rang") in french
    assert MethodBlock("item", "quartile inférieur — valeur < Q1 — A (40)") in french
    assert MethodBlock("item", "même catégorie et même région ;") in french
    # Emphasis and code marks go, the words stay; lines of a paragraph are joined.
    text = " ".join(block.text for block in french)
    assert "n'a pas de score sur ce canal" in text
    assert "la moyenne des valeurs de la colonne crit_<nom> sur ses tests" in text


def test_markdown_blocks_small_cases() -> None:
    blocks = method_from_markdown(
        "## Titre\n\nUne *phrase* sur\ndeux lignes.\n\n- point un\n  suite\n- point [deux](x)\n"
        "\n| a | b |\n|---|---:|\n| 1 | 2 |\n"
    )
    assert blocks == (
        MethodBlock("heading", "Titre"),
        MethodBlock("paragraph", "Une phrase sur deux lignes."),
        MethodBlock("item", "point un suite"),
        MethodBlock("item", "point deux"),
        MethodBlock("item", "a — b"),
        MethodBlock("item", "1 — 2"),
    )


def test_a_wrapped_number_goes_on_its_sentence_not_into_a_list() -> None:
    """CommonMark: a numbered item interrupts a paragraph only when it starts at 1 (the
    definitions wrap a formula's "100)" onto a line of its own)."""
    blocks = method_from_markdown("SE = 100 × √(0,5 /\n100) = 7,0 points.\n\n1. un\n2. deux")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "SE = 100 × √(0,5 / 100) = 7,0 points."),
        ("item", "un"),
        ("item", "deux"),
    ]
