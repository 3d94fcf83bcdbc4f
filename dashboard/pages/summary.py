"""The "My structure" summary: a few sentences generated from the numbers, in the page
language, deterministic (same numbers, same words)."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.benchmark import (
    MEASURE_BY_NAME,
    BenchCol,
    Headline,
    PeerDefinition,
    band_bounds,
)
from dashboard.i18n import (
    category_label,
    count_text,
    format_number,
    format_percent_value,
    format_signed,
    translate,
)
from dashboard.intake.geography import region_name

SMALL_SHARE_TESTS = 2  # a share from this many tests or fewer is never shown without its n

QUARTILE_KEYS = {q: f"ui.quartile.{q}" for q in ("bottom", "second", "third", "top")}


def narrowing_text(definition: PeerDefinition, lang: str) -> str:
    """What narrows a peer group beyond its category, as words that follow the category's
    name (" de la région Grand Est"); empty for the whole category (§5, optional narrowing)."""
    if definition.mode == "category_region" and definition.region:
        name = region_name(definition.region) or definition.region
        return translate("ui.bench.narrow_region", lang, region=name)
    if definition.mode == "category_population" and definition.band is not None:
        low, high = band_bounds(definition.band)
        if high is None:
            return translate("ui.bench.narrow_band_open", lang, low=format_number(low, lang, 0))
        return translate(
            "ui.bench.narrow_band",
            lang,
            low=format_number(low, lang, 0),
            high=format_number(high - 1, lang, 0),
        )
    return ""


def share_text(value: float, n_tests: int, lang: str) -> str:
    """A structure's own share ("50 %"), with its number of tests when it rests on one or
    two ("50 % (2 tests)"): such a share is never shown alone (§5, channel measures)."""
    text = format_percent_value(value, lang, 0)
    if n_tests <= SMALL_SHARE_TESTS:
        text += " (" + count_text("ui.count.tests", n_tests, lang) + ")"
    return text


def _worst_measure(measures: pd.DataFrame, channel: str) -> pd.Series | None:
    """The channel's measure on which the structure stands lowest among its peers, if it is
    worse than the peers' value there (ties: the first in MEASURE_SPECS order)."""
    part = measures[(measures[BenchCol.CHANNEL] == channel) & measures[BenchCol.STANDING].notna()]
    worse = []
    for position, (_, row) in enumerate(part.iterrows()):
        spec = MEASURE_BY_NAME[str(row[BenchCol.MEASURE])]
        gap = (row[BenchCol.OWN] - row[BenchCol.PEER_VALUE]) * (1 if spec.higher_is_better else -1)
        if gap < 0:
            worse.append((float(row[BenchCol.STANDING]), position, row))
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
    name = str(measure[BenchCol.MEASURE])
    if MEASURE_BY_NAME[name].unit == "rings":
        return translate(
            "ui.summary.weak_channel_rings",
            lang,
            subject=subject,
            own=format_number(float(measure[BenchCol.OWN]), lang, 1),
            median=format_number(float(measure[BenchCol.PEER_VALUE]), lang, 1),
        )
    return translate(
        "ui.summary.weak_channel_pct",
        lang,
        subject=subject,
        what=translate(f"ui.summary.what.{name}", lang),
        own=share_text(float(measure[BenchCol.OWN]), int(measure[BenchCol.N_TESTS]), lang),
        peers=format_percent_value(float(measure[BenchCol.PEER_VALUE]), lang, 0),
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
            narrowing=narrowing_text(head.definition, lang),
            median=format_number(stats.median, lang, 1),
        )
    ]
    if stats.fragile:
        sentences.append(count_text("ui.summary.fragile", stats.n, lang))
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
    audited = channels[channels[BenchCol.OWN].notna() & channels[BenchCol.MEDIAN].notna()]
    if not stats.fragile and len(audited):
        gaps = audited.assign(gap=audited[BenchCol.OWN] - audited[BenchCol.MEDIAN]).sort_values(
            ["gap", "channel"]
        )
        weakest = gaps.iloc[0]
        if weakest[BenchCol.QUARTILE] == "bottom":
            channel = str(weakest[BenchCol.CHANNEL])
            sentences.append(
                _weak_channel_sentence(
                    channel,
                    _worst_measure(measures, channel),
                    float(weakest[BenchCol.OWN]),
                    float(weakest[BenchCol.MEDIAN]),
                    lang,
                )
            )
        strongest = gaps.iloc[-1]
        if (
            strongest[BenchCol.QUARTILE] == "top"
            and strongest[BenchCol.CHANNEL] != weakest[BenchCol.CHANNEL]
        ):
            sentences.append(
                translate(
                    "ui.summary.strong_channel",
                    lang,
                    subject_lower=_lower_first(
                        translate(f"ui.summary.subject.{strongest['channel']}", lang)
                    ),
                    own=format_number(float(strongest[BenchCol.OWN]), lang, 1),
                    median=format_number(float(strongest[BenchCol.MEDIAN]), lang, 1),
                )
            )
    weak_criteria = criteria[criteria[BenchCol.MARK] == "weakness"]
    if len(weak_criteria):
        first = weak_criteria.iloc[0]
        sentences.append(
            translate(
                "ui.summary.weak_criterion",
                lang,
                criterion=criterion_label(str(first[BenchCol.CRITERION]), lang).lower(),
                gap=format_signed(float(first[BenchCol.GAP]), lang, 1),
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
