"""The ten headline indicators of an edition and their change since a past one (§5)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

import pandas as pd

from dashboard.figures import scoring
from dashboard.figures.aggregates import Aggregates, Selection, aggregates_for
from dashboard.intake.model import Dataset
from dashboard.intake.schema import Channel

Unit = Literal["count", "score", "pct", "rings"]


@dataclass(frozen=True)
class IndicatorSpec:
    """What an indicator measures: its channel, unit, and which direction is better."""

    name: str
    channel: str | None
    unit: Unit
    higher_is_better: bool | None  # None: a change is neither good nor bad news
    basis: Literal["tests", "structures"]


INDICATOR_SPECS: Final[tuple[IndicatorSpec, ...]] = (
    IndicatorSpec("structures_audited", None, "count", None, "tests"),
    IndicatorSpec("physical_mean_score", Channel.PHYSICAL, "score", True, "structures"),
    IndicatorSpec("phone_first_attempt_pct", Channel.PHONE, "pct", True, "tests"),
    IndicatorSpec("phone_mean_rings", Channel.PHONE, "rings", False, "tests"),
    IndicatorSpec("email_within_10d_pct", Channel.EMAIL, "pct", True, "tests"),
    IndicatorSpec("mail_within_15d_pct", Channel.MAIL, "pct", True, "tests"),
    IndicatorSpec("social_private_reply_pct", Channel.SOCIAL, "pct", True, "tests"),
    IndicatorSpec("social_private_within_3d_pct", Channel.SOCIAL, "pct", True, "tests"),
    IndicatorSpec("website_online_procedures_pct", Channel.WEBSITE, "pct", True, "tests"),
    IndicatorSpec("website_digital_support_pct", Channel.WEBSITE, "pct", True, "tests"),
)
INDICATORS: Final[tuple[str, ...]] = tuple(spec.name for spec in INDICATOR_SPECS)
SPEC_BY_NAME: Final[dict[str, IndicatorSpec]] = {spec.name: spec for spec in INDICATOR_SPECS}


@dataclass(frozen=True)
class Indicator:
    """An indicator's value (None when undefined) and how many tests or structures it rests on."""

    name: str
    value: float | None
    n: int


def _share(numerator: float, denominator: float) -> float | None:
    return 100.0 * numerator / denominator if denominator > 0 else None


def _compute(agg: Aggregates, sel: Selection) -> dict[str, Indicator]:
    s = agg.indicator_sums_for(sel)

    def get(key: str) -> float:
        value = s.get(key, 0)
        return float(value) if value is not None else 0.0

    physical = agg.channel_scores(
        Selection(sel.edition, sel.categories, (Channel.PHYSICAL,), sel.region)
    )[scoring.SCORE]
    physical_mean = scoring.group_mean(physical)
    n_structures = int(get("structures"))
    values: dict[str, tuple[float | None, float]] = {
        "structures_audited": (float(n_structures) if n_structures else None, get("n_tests")),
        "physical_mean_score": (
            None if math.isnan(physical_mean) else physical_mean,
            float(len(physical)),
        ),
        "phone_first_attempt_pct": (
            _share(get("phone_first_attempt"), get("phone_n")),
            get("phone_n"),
        ),
        "phone_mean_rings": (
            get("phone_rings_sum") / get("phone_rings_n") if get("phone_rings_n") else None,
            get("phone_rings_n"),
        ),
        "email_within_10d_pct": (_share(get("email_within"), get("email_n")), get("email_n")),
        "mail_within_15d_pct": (_share(get("mail_within"), get("mail_n")), get("mail_n")),
        "social_private_reply_pct": (
            _share(get("social_private"), get("social_n")),
            get("social_n"),
        ),
        "social_private_within_3d_pct": (
            _share(get("social_private_within"), get("social_private")),
            get("social_private"),
        ),
        "website_online_procedures_pct": (
            _share(get("website_online"), get("website_n")),
            get("website_n"),
        ),
        "website_digital_support_pct": (
            _share(get("website_digital"), get("website_n")),
            get("website_n"),
        ),
    }
    return {name: Indicator(name, v, int(n)) for name, (v, n) in values.items()}


def headline_indicators(
    dataset: Dataset,
    edition: int,
    categories: Sequence[str] = (),
    region: str | None = None,
    channels: Sequence[str] = (),
) -> dict[str, Indicator]:
    """The ten headline indicators of `edition`, optionally restricted to categories, a
    region and channels (§5, table; *Filters*: they follow all three)."""
    sel = Selection(edition, tuple(categories), tuple(channels), region)
    return _compute(aggregates_for(dataset), sel)


def shown_indicators(channels: Sequence[str]) -> tuple[str, ...]:
    """The indicators a view with these channels selected shows: those of no channel or of
    a selected one (all, when none is selected). An indicator of an unselected channel would
    read as if it applied."""
    if not channels:
        return INDICATORS
    return tuple(s.name for s in INDICATOR_SPECS if s.channel is None or s.channel in channels)


def edition_counts(dataset: Dataset) -> list[tuple[int, int, int]]:
    """Per edition: structures audited (distinct structures with a test, §5) and tests."""
    agg = aggregates_for(dataset)
    structures = agg.structure_counts.groupby("edition", sort=True)["structures"].sum()
    tests = agg.indicator_sums.groupby("edition", sort=True)["n_tests"].sum()
    per_edition = pd.DataFrame({"structures": structures, "n_tests": tests})
    return [
        (int(edition), int(structures), int(tests))
        for edition, structures, tests in zip(
            per_edition.index, per_edition["structures"], per_edition["n_tests"], strict=True
        )
    ]


def previous_edition(editions: Sequence[int], edition: int) -> int | None:
    """The latest edition before `edition` among `editions`, if any."""
    earlier = [e for e in editions if e < edition]
    return max(earlier) if earlier else None


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator now, in a past edition, and the change (own now − own then, §5)."""

    current: Indicator
    past_edition: int | None
    past: Indicator | None

    @property
    def change(self) -> float | None:
        """Value now − value in the past edition; None when either is undefined."""
        if self.past is None or self.current.value is None or self.past.value is None:
            return None
        return self.current.value - self.past.value

    @property
    def improved(self) -> bool | None:
        """Whether the change is good news for this indicator (fewer rings is better)."""
        change = self.change
        better = SPEC_BY_NAME[self.current.name].higher_is_better
        if change is None or change == 0 or better is None:
            return None
        return (change > 0) == better


def indicators_with_change(
    dataset: Dataset,
    edition: int,
    categories: Sequence[str] = (),
    region: str | None = None,
    past_edition: int | None = None,
    channels: Sequence[str] = (),
) -> dict[str, IndicatorChange]:
    """Headline indicators of `edition` with their change since `past_edition` (default: the
    previous edition in the data), restricted as the filters say (§5, *Filters*)."""
    agg = aggregates_for(dataset)
    past = past_edition if past_edition is not None else previous_edition(agg.editions, edition)
    now = _compute(agg, Selection(edition, tuple(categories), tuple(channels), region))
    then = (
        _compute(agg, Selection(past, tuple(categories), tuple(channels), region)) if past else None
    )
    return {
        name: IndicatorChange(now[name], past, then[name] if then else None) for name in INDICATORS
    }


__all__ = [
    "INDICATORS",
    "INDICATOR_SPECS",
    "Indicator",
    "IndicatorChange",
    "headline_indicators",
    "indicators_with_change",
]
