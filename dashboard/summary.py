"""The "My structure" summary: a few sentences generated from the numbers, in the page
language, deterministic (same numbers, same words)."""

from __future__ import annotations

import pandas as pd

from dashboard.benchmark import MEASURE_BY_NAME, Headline
from dashboard.i18n import (
    category_label,
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


def _worst_measure(measures: pd.DataFrame, channel: str) -> pd.Series | None:
    """The channel's measure on which the structure stands lowest among its peers, if it is
    worse than their median there (ties: the first in MEASURE_SPECS order)."""
    part = measures[(measures["channel"] == channel) & measures["standing"].notna()]
    worse = []
    for position, (_, row) in enumerate(part.iterrows()):
        spec = MEASURE_BY_NAME[str(row["measure"])]
        gap = (row["own"] - row["median"]) * (1 if spec.higher_is_better else -1)
        if gap < 0:
            worse.append((float(row["standing"]), position, row))
    return min(worse, key=lambda item: (item[0], item[1]))[2] if worse else None


def _weak_channel_sentence(
    channel: str, measure: pd.Series | None, own: float, median: float, lang: str
) -> str:
    subject = translate(f"ui.summary.subject.{channel}", lang)
    if measure is None:
        return translate(
            "ui.summary.weak_channel",
            lang,
            subject=subject,
            own=format_number(own, lang, 1),
            median=format_number(median, lang, 1),
        )
    name = str(measure["measure"])
    if MEASURE_BY_NAME[name].unit == "rings":
        return translate(
            "ui.summary.weak_channel_rings",
            lang,
            subject=subject,
            own=format_number(float(measure["own"]), lang, 1),
            median=format_number(float(measure["median"]), lang, 1),
        )
    return translate(
        "ui.summary.weak_channel_pct",
        lang,
        subject=subject,
        what=translate(f"ui.summary.what.{name}", lang),
        own=format_percent_value(float(measure["own"]), lang, 0),
        median=format_percent_value(float(measure["median"]), lang, 0),
    )


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
            translate(
                "ui.summary.quartile", lang, quartile=translate(QUARTILE_KEYS[stats.quartile], lang)
            )
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
            channel = str(weakest["channel"])
            sentences.append(
                _weak_channel_sentence(
                    channel,
                    _worst_measure(measures, channel),
                    float(weakest["own"]),
                    float(weakest["median"]),
                    lang,
                )
            )
        strongest = gaps.iloc[-1]
        if strongest["quartile"] == "top" and strongest["channel"] != weakest["channel"]:
            sentences.append(
                translate(
                    "ui.summary.strong_channel",
                    lang,
                    subject_lower=_lower_first(
                        translate(f"ui.summary.subject.{strongest['channel']}", lang)
                    ),
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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def criterion_label(criterion: str, lang: str) -> str:
    """A criterion's label: from the catalog for the usual ones, else its readable name."""
    from dashboard.i18n import has_key

    key = f"criterion.{criterion}"
    if has_key(key):
        return translate(key, lang)
    return criterion.removeprefix("crit_").replace("_", " ").capitalize()
