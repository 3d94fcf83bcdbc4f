"""The overview page's numbers: tidy frames that a chart draws and a table/CSV shows (§5).

Each function returns exactly what is drawn, so the chart, its table alternative and its CSV
download come from one frame.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Final

import pandas as pd

from dashboard.figures import scoring, uncertainty
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
    # The like-for-like series (contract §5b): its level, and the panel of each step.
    LEVEL: Final = "level"
    PANEL: Final = "panel"
    STEP: Final = "step"


def category_channel_means(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Group mean of S(s,e,c) per category and channel, with N structures and the tests
    behind them (§5, §5b)."""
    channel = agg.channel_scores(sel)
    grouped = channel.groupby([Col.CATEGORY, Col.CHANNEL], observed=True)
    out = grouped.agg(
        mean=(scoring.SCORE, "mean"), count=(scoring.SCORE, "count"), tests=(Col.N_TESTS, "sum")
    ).reset_index()
    out.columns = [Col.CATEGORY, Col.CHANNEL, Col.MEAN_SCORE, Col.STRUCTURES, Col.N_TESTS]
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    ch_rank = {c: i for i, c in enumerate(CHANNELS)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank), _h=out[Col.CHANNEL].map(ch_rank))
    out = out.sort_values(["_c", "_h"]).drop(columns=["_c", "_h"]).reset_index(drop=True)
    out[Col.STRUCTURES] = out[Col.STRUCTURES].astype("int64")
    out[Col.N_TESTS] = out[Col.N_TESTS].astype("int64")
    return out


def global_score_distribution(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Every structure's G(s,e) by category, anonymous: category, score and the tests behind
    it only (§5, §5b)."""
    scores = agg.global_scores(sel)
    out = scores[[Col.CATEGORY, scoring.SCORE, Col.N_TESTS]].rename(
        columns={scoring.SCORE: Col.SCORE}
    )
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank))
    out = out.sort_values(["_c", Col.SCORE], ascending=[True, False]).drop(columns="_c")
    return out.reset_index(drop=True)


TREND_CACHE_SIZE: Final = 256
_TREND_CACHE: OrderedDict[tuple[object, ...], pd.DataFrame] = OrderedDict()
_TREND_LOCK = threading.Lock()


def category_trend(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Group mean of G per category and edition, over every edition (§5), with the tests
    behind it and, beside it, the chain-linked like-for-like series (§5b): `level` L and the
    `panel` (structures in both this and the category's previous edition) of each step;
    `level` is NaN once a step has an empty panel (the chain cannot bridge it).

    The same for every edition of a selection: kept for the last TREND_CACHE_SIZE
    (version, categories, channels, region), which changing the edition does not change;
    the caller gets its own copy."""
    key = (agg.version, sel.categories, sel.channels, sel.region)
    with _TREND_LOCK:
        found = _TREND_CACHE.get(key)
        if found is not None:
            _TREND_CACHE.move_to_end(key)
            return found.copy()
    frame = _category_trend(agg, sel)
    with _TREND_LOCK:
        _TREND_CACHE[key] = frame
        while len(_TREND_CACHE) > TREND_CACHE_SIZE:
            _TREND_CACHE.popitem(last=False)
    return frame.copy()


def _category_trend(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    scores = agg.global_scores(sel, all_editions=True)
    grouped = scores.groupby([Col.EDITION, Col.CATEGORY], observed=True)
    out = grouped.agg(
        mean=(scoring.SCORE, "mean"), count=(scoring.SCORE, "count"), tests=(Col.N_TESTS, "sum")
    ).reset_index()
    out.columns = [Col.EDITION, Col.CATEGORY, Col.MEAN_SCORE, Col.STRUCTURES, Col.N_TESTS]
    # uncertainty.like_for_like() on the scores already read (it would read them again).
    lfl = uncertainty.like_for_like_series(
        pd.DataFrame(
            {
                "group": scores[Col.CATEGORY].astype("str").to_numpy(),
                Col.EDITION: scores[Col.EDITION].to_numpy(),
                Col.STRUCTURE_ID: scores[Col.STRUCTURE_ID].to_numpy(),
                scoring.SCORE: scores[scoring.SCORE].to_numpy(dtype="float64"),
            }
        )
    )
    lfl = lfl.rename(columns={"group": Col.CATEGORY})[
        [Col.CATEGORY, Col.EDITION, Col.LEVEL, Col.PANEL, Col.STEP]
    ]
    out = out.merge(lfl, on=[Col.CATEGORY, Col.EDITION], how="left")
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank))
    out = out.sort_values(["_c", Col.EDITION]).drop(columns="_c").reset_index(drop=True)
    out[Col.STRUCTURES] = out[Col.STRUCTURES].astype("int64")
    out[Col.N_TESTS] = out[Col.N_TESTS].astype("int64")
    out[Col.PANEL] = out[Col.PANEL].fillna(0).astype("int64")
    return out


def category_winners(agg: Aggregates, sel: Selection) -> pd.DataFrame:
    """Rank 1 on G(s,e) in each category of the selection (ties all listed) (§5)."""
    scores = agg.global_scores(sel)
    if scores.empty:
        return pd.DataFrame(
            columns=[Col.CATEGORY, Col.STRUCTURE_ID, Col.NAME, Col.DEPARTMENT, Col.REGION,
                     Col.SCORE, Col.N_TESTS, Col.STRUCTURES]
        )  # fmt: skip
    ranks = rank_in_groups(scores[scoring.SCORE], scores[Col.CATEGORY])
    first = (ranks.reindex(scores.index) == 1).to_numpy()
    sizes = scores.groupby(Col.CATEGORY, observed=True)[scoring.SCORE].transform("count")
    top = scores[first].assign(**{Col.STRUCTURES: sizes[first].astype("int64")})
    names = agg.structures[StructureCol.NAME]
    top = top.assign(**{Col.NAME: top[Col.STRUCTURE_ID].map(names)})
    out = top[
        [Col.CATEGORY, Col.STRUCTURE_ID, Col.NAME, Col.DEPARTMENT, Col.REGION, scoring.SCORE,
         Col.N_TESTS, Col.STRUCTURES]
    ].rename(columns={scoring.SCORE: Col.SCORE})  # fmt: skip
    cat_rank = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_c=out[Col.CATEGORY].map(cat_rank))
    return out.sort_values(["_c", Col.NAME]).drop(columns="_c").reset_index(drop=True)
