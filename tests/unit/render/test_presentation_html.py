"""The presentation mode's document (dashboard.render.presentation): every text escaped, the
slide asked for shown first, the script's texts unable to close their element."""

from __future__ import annotations

from html.parser import HTMLParser

from dashboard.pages.presentation import Deck, Slide
from dashboard.render.presentation import presentation_html
from dashboard.report_model import HeadlineCard, ReportTable
from tests.report_content import HOSTILE_NAME

NAME = HOSTILE_NAME + " </script><script>alert(1)</script>"


def _deck() -> Deck:
    return Deck(
        lang="fr",
        structure_name=NAME,
        edition=2022,
        source_line="Baromètre, édition 2022",
        is_demo=True,
        back="/benchmark?structure=X&edition=2022",
        slides=[
            Slide("headline", NAME, cards=[HeadlineCard("Rang", "3 / 12", NAME)]),
            Slide("summary", "En résumé", paragraphs=[NAME]),
            Slide(
                "measures",
                "Mesures",
                table=ReportTable(["Mesure", "Valeur"], [[NAME, "1,5"]], [False, True]),
            ),
        ],
    )


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.hidden: list[bool] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "section":
            self.hidden.append(any(name == "hidden" for name, _ in attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def test_names_are_shown_as_written_and_never_run() -> None:
    document = presentation_html(_deck(), shown=2, svgs={})
    parsed = Collect()
    parsed.feed(document)
    assert len(parsed.scripts) == 2  # the texts (JSON) and the deck's script: no third
    assert parsed.hidden == [True, False, True]  # slide 2 shown first
    assert NAME in "".join(parsed.text)
    assert "<script>alert(1)" not in document
    assert '<html lang="fr">' in document
    assert "Données de démonstration" in document


def test_a_slide_out_of_range_shows_the_first() -> None:
    parsed = Collect()
    parsed.feed(presentation_html(_deck(), shown=7, svgs={}))
    assert parsed.hidden == [False, True, True]
