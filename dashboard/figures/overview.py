"""The overview page's numbers: tidy frames that a chart draws and a table/CSV shows (§5).

Each function returns exactly what is drawn, so the chart, its table alternative and its CSV
download come from one frame.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from dashboard.figures import scoring
from dashboard.figures.aggregates import Aggregates, Selection
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
