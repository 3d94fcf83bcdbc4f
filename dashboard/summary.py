"""The "My structure" summary: a few sentences generated from the numbers, in the page
language, deterministic (same numbers, same words)."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.benchmark import MEASURE_BY_NAME, Headline
from dashboard.i18n import (
    category_label,
    channel_label,
    format_number,
    format_percent_value,
    format_signed,
    translate,
)

QUARTILE_KEYS = {
    "top": "ui.quartile.top",
    "upper_middle": "ui.quartile.upper_middle",
    "lower_middle": "ui.quartile.lower_middle",
    "bottom": "ui.quartile.bottom",
}


def _measure_text(name: str, value: float, lang: str) -> str:
    spec = MEASURE_BY_NAME[name]
    if spec.unit == "rings":
        return translate("ui.summary.rings", lang, value=format_number(value, lang, 1))
    return format_percent_value(value, lang, 0)


def _worst_measure(measures: pd.DataFrame, channel: str) -> pd.Series | None:
    """The channel's measure where the structure trails its peer median the most."""
    part = measures[(measures["channel"] == channel) & measures["own"].notna()]
    worst: pd.Series | None = None
    worst_gap = 0.0
    for _, row in part.iterrows():
        if math.isnan(row["median"]):
            continue
        spec = MEASURE_BY_NAME[str(row["measure"])]
        gap = (row["own"] - row["median"]) * (1 if spec.higher_is_better else -1)
        if gap < worst_gap:
            worst, worst_gap = row, gap
    return worst


def summarise(
    name: str,
    head: Headline,
    channels: pd.DataFrame,
    criteria: pd.DataFrame,
    measures: pd.DataFrame,
    lang: str,
) -> list[str]:
    """Sentences on the global position, the change, the weakest and strongest channels and
    the criterion to work on first."""
    stats = head.stats
    if stats is None:
        return [translate("ui.summary.no_score", lang, name=name, edition=head.edition)]
    group = category_label(head.definition.category, lang)
    sentences = [
        translate(
            "ui.summary.global",
            lang,
            name=name,
            edition=head.edition,
            score=format_number(stats.value, lang, 1),
            rank=stats.rank,
            n=stats.n,
            group=group,
            median=format_number(stats.median, lang, 1),
        )
    ]
    if stats.fragile:
        sentences.append(translate("ui.summary.fragile", lang, n=stats.n))
    else:
        sentences.append(
            translate("ui.summary.quartile", lang, quartile=translate(QUARTILE_KEYS[stats.quartile], lang))
        )
    if head.change is not None:
        sentences.append(
            translate(
                "ui.summary.change",
                lang,
                change=format_signed(head.change, lang, 1),
                edition=head.previous_edition,
            )
        )
    audited = channels[channels["own"].notna() & channels["median"].notna()]
    if not stats.fragile and len(audited):
        gaps = audited.assign(gap=audited["own"] - audited["median"]).sort_values(
            ["gap", "channel"]
        )
        weakest = gaps.iloc[0]
        if weakest["quartile"] == "bottom":
            measure = _worst_measure(measures, str(weakest["channel"]))
            if measure is not None:
                sentences.append(
                    translate(
                        "ui.summary.weak_channel_measure",
                        lang,
                        channel=channel_label(str(weakest["channel"]), lang).lower(),
                        own=_measure_text(str(measure["measure"]), float(measure["own"]), lang),
                        median=_measure_text(
                            str(measure["measure"]), float(measure["median"]), lang
                        ),
                        what=translate(f"ui.measure.{measure['measure']}", lang).lower(),
                    )
                )
            else:
                sentences.append(
                    translate(
                        "ui.summary.weak_channel",
                        lang,
                        channel=channel_label(str(weakest["channel"]), lang).lower(),
                        own=format_number(float(weakest["own"]), lang, 1),
                        median=format_number(float(weakest["median"]), lang, 1),
                    )
                )
        strongest = gaps.iloc[-1]
        if strongest["quartile"] == "top" and strongest["channel"] != weakest["channel"]:
            sentences.append(
                translate(
                    "ui.summary.strong_channel",
                    lang,
                    channel=channel_label(str(strongest["channel"]), lang).lower(),
                    own=format_number(float(strongest["own"]), lang, 1),
                    median=format_number(float(strongest["median"]), lang, 1),
                )
            )
    weak_criteria = criteria[criteria["mark"] == "weakness"]
    if len(weak_criteria):
        first = weak_criteria.iloc[0]
        sentences.append(
            translate(
                "ui.summary.weak_criterion",
                lang,
                criterion=criterion_label(str(first["criterion"]), lang).lower(),
                gap=format_signed(float(first["gap"]), lang, 1),
            )
        )
    return sentences


def criterion_label(criterion: str, lang: str) -> str:
    """A criterion's label: from the catalog for the usual ones, else its readable name."""
    from dashboard.i18n import has_key

    key = f"criterion.{criterion}"
    if has_key(key):
        return translate(key, lang)
    return criterion.removeprefix("crit_").replace("_", " ").capitalize()
