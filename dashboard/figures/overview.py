"""The overview page's numbers: tidy frames that a chart draws and a table/CSV shows (§5).

Each function returns exactly what is drawn, so the chart, its table alternative and its CSV
download come from one frame.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from dashboard.figures import scoring
from dashboard.figures.aggregates import Aggregates, Selection
from dashboard.figures.indicators import SPEC_BY_NAME, IndicatorChange
from dashboard.figures.peers import rank_in_groups
from dashboard.intake.schema import CATEGORIES, CHANNELS, StructureCol, TestCol


class Col:
    """Columns of the overview frames."""

    CATEGORY: Final = StructureCol.CATEGORY
    CHANNEL: Final = TestCol.CHANNEL
    EDITION: Final = TestCol.EDITION
    MEAN_SCORE: Final = "mean_score"
    STRUCTURES: Final = "structures"
    SCORE: Final = "score"
    STRUCTURE_ID: Final = StructureCol.STRUCTURE_ID
    NAME: Final = StructureCol.NAME
    DEPARTMENT: Final = StructureCol.DEPARTMENT_CODE
    REGION: Final = StructureCol.REGION_CODE
    N_TESTS: Final = scoring.N_TESTS


def category_channel_means(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Group mean of S(s,e,c) per category and channel, with N structures (§5)."""
    channel = agg.channel_scores(sel)
    grouped = channel.groupby([Col.CATEGORY, Col.CHANNEL], observed=True)[scoring.SCORE]
    out = grouped.agg(["mean", "count"]).reset_index()
    out.columns = [Col.CATEGORY, Col.CHANNEL, Col.MEAN_SCORE, Col.STRUCTURES]
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    ch_rank = {c: i for i, c in enumerate(CHANNELS)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank), _h=out[Col.CHANNEL].map(ch_rank))
    out = out.sort_values(["_c", "_h"]).drop(columns=["_c", "_h"]).reset_index(drop=True)
    out[Col.STRUCTURES] = out[Col.STRUCTURES].astype("int64")
    return out


def global_score_distribution(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Every structure's G(s,e) by category, anonymous: category and score only (§5)."""
    scores = agg.global_scores(sel)
    out = scores[[Col.CATEGORY, scoring.SCORE]].rename(columns={scoring.SCORE: Col.SCORE})
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank))
    out = out.sort_values(["_c", Col.SCORE], ascending=[True, False]).drop(columns="_c")
    return out.reset_index(drop=True)


def category_trend(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Group mean of G per category and edition, over every edition (§5)."""
    scores = agg.global_scores(sel, all_editions=True)
    grouped = scores.groupby([Col.EDITION, Col.CATEGORY], observed=True)[scoring.SCORE]
    out = grouped.agg(["mean", "count"]).reset_index()
    out.columns = [Col.EDITION, Col.CATEGORY, Col.MEAN_SCORE, Col.STRUCTURES]
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank))
    out = out.sort_values(["_c", Col.EDITION]).drop(columns="_c").reset_index(drop=True)
    out[Col.STRUCTURES] = out[Col.STRUCTURES].astype("int64")
    return out


def category_winners(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Rank 1 on G(s,e) in each category of the selection (ties all listed) (§5)."""
    scores = agg.global_scores(sel)
    if scores.empty:
        return pd.DataFrame(
            columns=[Col.CATEGORY, Col.STRUCTURE_ID, Col.NAME, Col.DEPARTMENT, Col.REGION,
                     Col.SCORE, Col.STRUCTURES]
        )  # fmt: skip
    ranks = rank_in_groups(scores[scoring.SCORE], scores[Col.CATEGORY])
    first = (ranks.reindex(scores.index) == 1).to_numpy()
    sizes = scores.groupby(Col.CATEGORY, observed=True)[scoring.SCORE].transform("count")
    top = scores[first].assign(**{Col.STRUCTURES: sizes[first].astype("int64")})
    names = agg.structures[StructureCol.NAME]
    top = top.assign(**{Col.NAME: top[Col.STRUCTURE_ID].map(names)})
    out = top[
        [Col.CATEGORY, Col.STRUCTURE_ID, Col.NAME, Col.DEPARTMENT, Col.REGION, scoring.SCORE,
         Col.STRUCTURES]
    ].rename(columns={scoring.SCORE: Col.SCORE})  # fmt: skip
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank))
    return out.sort_values(["_c", Col.NAME]).drop(columns="_c").reset_index(drop=True)


def empty_reason(agg: Aggregates, sel: Selection, lang: str, *, all_editions: bool = False) -> str:
    """Why a chart of the selection has nothing to draw, in words: a selected channel or
    category not audited in the edition (social networks before 2021), or filters that no
    structure meets at once (a region with none of the selected categories)."""
    from dashboard.i18n import category_label, channel_label, count_text, translate

    if not all_editions:
        in_edition = agg.channel_in(sel.edition)
        audited_channels = set(in_edition[Col.CHANNEL])
        missing = [c for c in sel.channels if c not in audited_channels]
        if missing and len(missing) == len(sel.channels):
            names = ", ".join(channel_label(c, lang) for c in missing)
            return count_text(
                "ui.empty.channels_not_audited", len(missing), lang,
                names=names, edition=sel.edition,
            )  # fmt: skip
        audited_categories = set(agg.global_in(sel.edition)[Col.CATEGORY])
        absent = [c for c in sel.categories if c not in audited_categories]
        if absent and len(absent) == len(sel.categories):
            names = ", ".join(category_label(c, lang) for c in absent)
            return count_text(
                "ui.empty.categories_not_audited", len(absent), lang,
                names=names, edition=sel.edition,
            )  # fmt: skip
        return translate("ui.empty.no_match", lang, edition=sel.edition)
    return translate("ui.empty.no_match_ever", lang)


def _format_value(value: float | None, unit: str, lang: str) -> str:
    from dashboard.i18n import format_number, format_percent_value, translate

    if value is None:
        return "–"
    if unit == "count":
        return format_number(value, lang, 0)
    if unit == "pct":
        return format_percent_value(value, lang, 0)
    if unit == "score":
        return translate("ui.unit.score", lang, value=format_number(value, lang, 1))
    return format_number(value, lang, 1)


def _format_change(change: float, unit: str, lang: str) -> str:
    from dashboard.i18n import format_signed, translate

    if unit == "count":
        return format_signed(change, lang, 0)
    if unit == "pct":
        return translate("ui.unit.points", lang, value=format_signed(change, lang, 0))
    return format_signed(change, lang, 1)


def indicator_cards(changes: dict[str, IndicatorChange], lang: str) -> list[dict[str, str]]:
    """Display text of the headline indicator cards: value, basis, change and its verdict."""
    from dashboard.i18n import count_text, translate

    cards = []
    for name, item in changes.items():
        spec = SPEC_BY_NAME[name]
        current = item.current
        if current.value is None:
            basis = translate("ui.basis.none", lang)
        else:
            basis = count_text(f"ui.basis.{spec.basis}", current.n, lang)
        change = item.change
        if change is None:
            verdict, change_text = "none", translate("ui.change.none", lang)
        else:
            improved = item.improved
            if spec.higher_is_better is None:
                verdict = "neutral"
            elif improved is None:
                verdict = "flat"
            else:
                verdict = "good" if improved else "bad"
            change_text = translate(
                "ui.change.since",
                lang,
                change=_format_change(change, spec.unit, lang),
                edition=item.past_edition,
            )
        cards.append(
            {
                "name": name,
                "label": translate(f"ui.indicator.{name}", lang),
                "value": _format_value(current.value, spec.unit, lang),
                "basis": basis,
                "change": change_text,
                "verdict": verdict,
                "direction": "none"
                if change is None
                else ("up" if change > 0 else "down" if change < 0 else "flat"),
                "verdict_text": translate(f"ui.change.{verdict}", lang)
                if verdict in ("good", "bad", "flat")
                else "",
            }
        )
    return cards
