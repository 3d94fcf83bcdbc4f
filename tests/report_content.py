"""A structure's report content built the way the page builds it: real figures from
dashboard.render's builders on small hand-made frames, the numbers worked out by pandas,
texts from the catalog; for the tests and benchmarks of dashboard.render (issue 15)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dashboard.i18n import channel_label, format_number, format_signed, translate
from dashboard.render import benchmark_charts as charts
from dashboard.report_model import (
    HeadlineCard,
    MethodBlock,
    ReportContent,
    ReportSection,
    ReportTable,
)

# A peer group of 57 global scores, the structure's own (OWN_SCORE) among them.
OWN_ID = "S-12"
OWN_SCORE = 71.46
OTHERS = [round(40 + (i * 37 % 53) * 0.9, 2) for i in range(56)]
# A peer's name that no text of the content holds: only the distribution's hover texts (a
# named-mode label), which no static image, PDF or slide may show.
HIDDEN_PEER = "Commune-Secrète-Témoin"
HOSTILE_NAME = '<a href="https://x.example">Bourg</a> & =HYPERLINK("https://x.example")'
SOURCE = {
    "fr": "Baromètre de l'accueil des services publics, édition 2022, données importées le "
    "12/03/2023, version 3af2c1d",
    "en": "Public-service reception barometer, 2022 edition, data imported on 12/03/2023, "
    "version 3af2c1d",
}
ALL_SECTIONS = ("summary", "channels", "trajectory", "distribution", "measures")
TITLES = {
    "summary": {"fr": "Synthèse", "en": "Summary"},
    "channels": {"fr": "Score par canal", "en": "Score by channel"},
    "trajectory": {"fr": "Trajectoire", "en": "Trajectory"},
    "distribution": {"fr": "Répartition des pairs", "en": "Peer distribution"},
    "measures": {"fr": "Mesures par canal", "en": "Channel measures"},
}
PEER_GROUP = {"fr": "Villes de 20 000 à 50 000 habitants", "en": "Cities of 20,000 to 50,000"}


@dataclass(frozen=True)
class Expected:
    """What the report must show, computed here with pandas, apart from the figures."""

    rank_text: str
    score_text: str
    median_text: str


def peer_scores() -> pd.DataFrame:
    ids = [OWN_ID] + [f"P-{i}" for i in range(len(OTHERS))]
    return pd.DataFrame({"structure_id": ids, "score": [OWN_SCORE, *OTHERS]})


def expected(lang: str) -> Expected:
    """Rank r / N (1 + peers strictly above, contract §5), own score and peer median."""
    frame = peer_scores()
    ranks = frame["score"].rank(method="min", ascending=False).astype(int)
    rank = int(ranks[frame["structure_id"] == OWN_ID].iloc[0])
    return Expected(
        rank_text=f"{rank} / {len(frame)}",
        score_text=format_number(OWN_SCORE, lang, 1),
        median_text=format_number(float(frame["score"].median()), lang, 1),
    )


def _channels() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "channel": ["physical", "phone", "email"],
            "own": [80.0, 71.5, math.nan],
            "n_tests": [3, 2, 0],
            "n": [57, 57, 57],
            "q1": [70.0, 60.0, 55.0],
            "median": [75.0, 65.0, 62.0],
            "q3": [82.0, 72.0, 70.0],
            "best": [95.0, 90.0, 88.0],
            "rank": [5, 12, None],
            "quartile": ["top", "third", None],
        }
    )


def _trajectory() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "edition": [2019, 2020, 2021, 2022],
            "own": [60.0, math.nan, 68.2, OWN_SCORE],
            "audited": [True, False, True, True],
            "q1": [55.0, 56.0, 57.0, 58.0],
            "median": [62.0, 63.0, 64.0, 65.0],
            "q3": [70.0, 71.0, 72.0, 73.0],
            "n": [50, 52, 55, 57],
        }
    )


def _headers(lang: str, *keys: str) -> list[str]:
    return [translate(f"ui.col.{key}", lang) for key in keys]


def _section(key: str, lang: str, name: str) -> ReportSection:
    exp = expected(lang)
    title = TITLES[key][lang]

    def score(value: float) -> str:
        return format_number(value, lang, 1)

    if key == "summary":
        sentence = translate("report.fact", lang, label=name, value=exp.rank_text)
        return ReportSection("summary", title, paragraphs=[sentence, exp.score_text])
    if key == "channels":
        frame = _channels()
        rows = [
            [channel_label(c, lang), score(o), score(m), "–" if pd.isna(r) else f"{int(r)} / {n}"]
            for c, o, m, r, n in frame[["channel", "own", "median", "rank", "n"]].itertuples(
                index=False
            )
        ]
        return ReportSection(
            "channels",
            title,
            caption=translate("ui.bench.legend_band", lang),
            definition=translate("ui.bench.not_audited", lang),
            figure=charts.make_channel_bullets(frame, name, lang),
            table=ReportTable(
                _headers(lang, "channel", "own_score", "median", "rank"),
                rows,
                [False, True, True, True],
            ),
            notes=[translate("ui.bench.not_audited", lang)],
        )
    if key == "trajectory":
        frame = _trajectory()
        rows = [
            [str(e), score(o), score(m)]
            for e, o, m in frame[["edition", "own", "median"]].itertuples(index=False)
        ]
        return ReportSection(
            "trajectory",
            title,
            figure=charts.make_trajectory(frame, name, [], 2022, lang),
            table=ReportTable(
                _headers(lang, "edition", "own_score", "median"), rows, [False, True, True]
            ),
        )
    if key == "distribution":
        scores = peer_scores().sort_values("score", ascending=False).reset_index(drop=True)
        strip = pd.DataFrame(
            {
                "ordinal": range(1, len(scores) + 1),
                "score": scores["score"],
                "is_self": scores["structure_id"] == OWN_ID,
            }
        )
        labels = [name if own else HIDDEN_PEER for own in strip["is_self"]]
        return ReportSection(
            "distribution",
            title,
            figure=charts.make_peer_strip(strip, labels, lang),
            table=ReportTable(
                _headers(lang, "rank", "global_score", "median"),
                [[exp.rank_text, exp.score_text, exp.median_text]],
                [True, True, True],
            ),
        )
    if key == "measures":
        return ReportSection(
            "measures",
            title,
            caption=translate("ui.col.measure", lang),
            table=ReportTable(
                _headers(lang, "measure", "own_value"),
                [
                    [translate("ui.measure.phone_mean_rings", lang), format_number(3.2, lang, 1)],
                    [translate("ui.measure.email_within_10d_pct", lang), "50 %"],
                ],
                [False, True],
            ),
        )
    raise ValueError(key)


def build_content(
    lang: str = "fr",
    name: str = "Bourg-en-Bresse",
    *,
    is_demo: bool = False,
    sections: Sequence[str] = ALL_SECTIONS,
) -> ReportContent:
    """The report content of the structure in `lang` with the `sections` named."""
    exp = expected(lang)
    median = float(peer_scores()["score"].median())
    return ReportContent(
        lang="en" if lang == "en" else "fr",
        structure_name=name,
        edition=2022,
        peer_group=PEER_GROUP[lang],
        n_peers=57,
        source_line=SOURCE[lang],
        generated_at=datetime(2023, 3, 14, 9, 30),
        headline=[
            HeadlineCard(translate("ui.col.rank", lang), exp.rank_text),
            HeadlineCard(translate("ui.col.global_score", lang), exp.score_text),
            HeadlineCard(
                translate("ui.col.median", lang),
                exp.median_text,
                format_signed(OWN_SCORE - median, lang, 1),
            ),
        ],
        sections=[_section(key, lang, name) for key in sections],
        is_demo=is_demo,
        method=[
            MethodBlock("heading", "7.6"),
            MethodBlock("paragraph", translate("report.method", lang)),
            MethodBlock("item", "Q1 < Q3"),
        ],
    )
