"""The "My structure" summary: a few sentences generated from the numbers, in the page
language, deterministic (same numbers, same words).

It says no more than the numbers can bear (contract §5b, issue 16 item 7): a rank comes with
its 90 % interval (the interval alone in a fragile group), a change is a rise or a fall only
beyond the measurement noise, a quartile that the noise could change says so, and a
comparison on fewer than 5 peers or a score on fewer than 3 tests is named as such. Where
to act first is given for every structure, not only the bottom quartile.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.figures.benchmark import (
    MEASURE_BY_NAME,
    BenchCol,
    Headline,
    PeerDefinition,
    band_bounds,
)
from dashboard.figures.peers import PeerStats
from dashboard.figures.uncertainty import (
    FEW_TESTS_BELOW,
    FRAGILE_BELOW,
    ChangeTest,
    Estimate,
    RankInterval,
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
from dashboard.pages import honest

SMALL_SHARE_TESTS = 2  # a share from this many tests or fewer is never shown without its n

QUARTILE_KEYS = {q: f"ui.quartile.{q}" for q in ("bottom", "second", "third", "top")}


def percentile_texts(percentile: float, detail_key: str, lang: str) -> tuple[str, str]:
    """A percentile's headline value and detail line (contract §5: 100 × peers strictly
    worse / (N − 1)): the value as a whole number ("75"), and the catalog's `detail_key`
    with `pct`, the same as a percent ("75 %"), in `lang`. Shared by « Ma structure » and
    « Territoires », whose details say it in their own words."""
    return (
        format_number(percentile, lang, 0),
        translate(detail_key, lang, pct=format_percent_value(percentile, lang, 0)),
    )


@dataclass(frozen=True, eq=False)
class Honest:
    """How sure the headline figures are (contract §5b), for the cards and the summary: G's
    estimate with its interval, the rank interval, the change test since the previous
    edition, and where to act first over the criteria (uncertainty.where_to_act with a
    `label` column, in priority order). Any may be missing (None)."""

    estimate: Estimate | None = None
    rank: RankInterval | None = None
    change: ChangeTest | None = None
    actions: pd.DataFrame | None = None


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
    facts: Honest | None = None,
) -> list[str]:
    """Sentences on the global position (with the rank's interval), how sure it is, the
    change (a rise or a fall only beyond the noise), the weakest and strongest channels, and
    where to act first, in `lang`."""
    stats = head.stats
    if stats is None:
        return [translate("ui.summary.no_score", lang, name=name, edition=head.edition)]
    facts = facts or Honest()
    group = category_label(head.definition.category, lang)
    rank = (
        honest.rank_text(facts.rank, lang)
        if facts.rank is not None
        else translate("ui.honest.rank_plain", lang, rank=stats.rank, n=stats.n)
    )
    estimate = facts.estimate
    interval = ""
    if estimate is not None:
        interval = translate(
            "ui.honest.summary_interval",
            lang,
            detail=honest.join_parts(
                [
                    honest.estimate_text(estimate, lang),
                    count_text("ui.count.tests", head.n_tests, lang),
                ],
                lang,
            ),
        )
    sentences = [
        translate(
            "ui.summary.global",
            lang,
            name=name,
            edition=head.edition,
            score=format_number(stats.value, lang, 1),
            interval=interval,
            rank=rank,
            group=group,
            narrowing=narrowing_text(head.definition, lang),
            median=format_number(stats.median, lang, 1),
        )
    ]
    if head.n_tests < FEW_TESTS_BELOW:
        sentences.append(count_text("ui.honest.summary_few_tests", head.n_tests, lang))
    if stats.fragile:
        sentences.append(count_text("ui.summary.fragile", stats.n, lang))
    else:
        sentences.append(_quartile_sentence(stats.quartile, estimate, stats, lang))
    if head.change is not None:
        sentences += _change_sentences(head, facts.change, lang)
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
                + _channel_caveat(weakest, "bottom", lang)
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
                + _channel_caveat(strongest, "top", lang)
            )
    if facts.actions is not None:
        sentences += _action_sentences(facts.actions, lang)
    return sentences


def _quartile_sentence(
    quartile: str, estimate: Estimate | None, stats: PeerStats, lang: str
) -> str:
    """ "Vous êtes dans le quartile supérieur", or, when the score's 90 % interval reaches
    another quartile, that the observed score is in it and which quartiles the noise allows."""
    name = translate(QUARTILE_KEYS[quartile], lang)
    span = None
    if estimate is not None:
        span = honest.quartile_span(estimate.low, estimate.high, stats.q1, stats.median, stats.q3)
    if span is None or span[0] == span[1]:
        return translate("ui.summary.quartile", lang, quartile=name)
    return translate(
        "ui.honest.summary_quartile_span",
        lang,
        quartile=name,
        low=translate(QUARTILE_KEYS[span[0]], lang),
        high=translate(QUARTILE_KEYS[span[1]], lang),
    )


def _change_sentences(head: Headline, test: ChangeTest | None, lang: str) -> list[str]:
    """The change since the previous edition: a rise or a fall only beyond 1.645 SE, stable
    within it, no verdict when the noise cannot be measured; with both editions' tests, and
    a word when the past edition rests on fewer than 3 tests."""
    change = head.change
    previous = head.previous_edition
    if test is None:
        return [
            translate(
                "ui.summary.change",
                lang,
                change=format_signed(change, lang, 1),
                edition=previous,
            )
        ]
    words = honest.change_words(test, lang, editions=(head.edition, previous or 0))
    key = {
        "rise": "ui.honest.summary_rise",
        "fall": "ui.honest.summary_fall",
        "stable": "ui.honest.summary_stable",
    }.get(test.verdict, "ui.honest.summary_unknown")
    sentences = [
        translate(
            key,
            lang,
            change=format_signed(change, lang, 1),
            size=format_number(abs(change or 0.0), lang, 1),
            edition=previous,
            detail=honest.join_parts([words.margin, words.counts], lang),
        )
    ]
    # The current edition's few tests are said with the score; the past one's here.
    if test.n_past < FEW_TESTS_BELOW:
        sentences.append(
            count_text("ui.honest.summary_few_tests_edition", test.n_past, lang, edition=previous)
        )
    return sentences


def _channel_caveat(row: pd.Series, quartile: str, lang: str) -> str:
    """What a channel's quartile claim rests on, when it is thin: its 90 % interval reaching
    past Q1 (for the bottom quartile) or below Q3 (for the top), or fewer than 3 tests."""
    low, high = row.get(BenchCol.LOW), row.get(BenchCol.HIGH)
    tests = int(row[BenchCol.N_TESTS]) if pd.notna(row.get(BenchCol.N_TESTS)) else 0
    crosses = False
    if low is not None and high is not None and pd.notna(low) and pd.notna(high):
        crosses = (
            float(high) >= float(row[BenchCol.Q1])
            if quartile == "bottom"
            else float(low) < float(row[BenchCol.Q3])
        )
        if crosses:
            bound = "Q1" if quartile == "bottom" else "Q3"
            return " " + translate(
                "ui.honest.summary_channel_uncertain",
                lang,
                tests=count_text("ui.count.tests", tests, lang),
                interval=honest.interval_text(float(low), float(high), lang),
                bound=bound,
            )
    if tests < FEW_TESTS_BELOW:
        return " " + count_text("ui.honest.summary_channel_few_tests", tests, lang)
    return ""


def _action_sentences(actions: pd.DataFrame, lang: str) -> list[str]:
    """Where to act first, for every structure (contract §5b): the first lever with the
    points to reach the peer median and Q3, its tests and interval; when every criterion is
    at or above the median, the one to take to Q3; the caveats (noise, few peers)."""
    if actions.empty:
        return []
    first = actions.iloc[0]
    label = str(first[BenchCol.LABEL])
    detail = honest.basis_text(
        int(first[BenchCol.N_TESTS]), first[BenchCol.LOW], first[BenchCol.HIGH], lang
    )
    to_median = float(first[BenchCol.TO_MEDIAN])
    to_q3 = float(first[BenchCol.TO_Q3])
    if float(first[BenchCol.GAP]) < 0:
        sentence = translate(
            "ui.summary.weak_criterion",
            lang,
            criterion=_lower_first(label),
            own=format_number(float(first[BenchCol.OWN]), lang, 1),
            median=format_number(float(first[BenchCol.MEDIAN]), lang, 1),
            to_median=format_number(to_median, lang, 1),
            to_q3=format_number(to_q3, lang, 1),
            detail=detail,
        )
        high = first[BenchCol.HIGH]
        if pd.notna(high) and float(high) >= float(first[BenchCol.MEDIAN]):
            sentence += " " + translate("ui.honest.summary_gap_in_noise", lang)
    elif (actions[BenchCol.TO_Q3] > 0).any():
        pick = actions[actions[BenchCol.TO_Q3] > 0].iloc[0]
        sentence = translate(
            "ui.honest.summary_above_median",
            lang,
            criterion=_lower_first(str(pick[BenchCol.LABEL])),
            to_q3=format_number(float(pick[BenchCol.TO_Q3]), lang, 1),
            tests=honest.basis_text(
                int(pick[BenchCol.N_TESTS]), pick[BenchCol.LOW], pick[BenchCol.HIGH], lang
            ),
        )
        first = pick
    else:
        sentence = translate("ui.honest.summary_all_top", lang)
    peers = int(first[BenchCol.N_PEERS])
    if peers < FRAGILE_BELOW:
        sentence += " " + count_text("ui.honest.summary_few_peers", peers, lang)
    return [sentence]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def criterion_label(criterion: str, lang: str) -> str:
    """A criterion's label: from the catalog for the usual ones, else its readable name."""
    from dashboard.i18n import has_key

    key = f"criterion.{criterion}"
    if has_key(key):
        return translate(key, lang)
    return criterion.removeprefix("crit_").replace("_", " ").capitalize()
