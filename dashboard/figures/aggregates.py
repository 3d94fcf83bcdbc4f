"""Per-dataset-version aggregates, computed once, that every figure is read from (§5).

Raw tests are grouped once per dataset version into small tables (channel, global and
criterion scores joined with the structures' attributes, and per-group sums for the headline
indicators); filters then slice those tables instead of regrouping raw tests on every call.

Every table is in edition order, so an edition's rows are one contiguous block: a filter takes
that block (a slice, no scan) and compares categories or regions within it only. A
structure's own rows are found through an index built once, not by scanning every row.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar, cast

import numpy as np
import pandas as pd

from dashboard.figures import scoring
from dashboard.intake.model import Dataset
from dashboard.intake.schema import CHANNELS, Channel, StructureCol, TestCol

ATTRIBUTES = (
    StructureCol.CATEGORY,
    StructureCol.REGION_CODE,
    StructureCol.DEPARTMENT_CODE,
    StructureCol.POPULATION,
)
T = TypeVar("T")
GROUP_KEYS = (TestCol.EDITION, StructureCol.CATEGORY, StructureCol.REGION_CODE)
# The indicator sums are kept per channel too, so that a channel filter applies to them.
SUM_KEYS = (*GROUP_KEYS, TestCol.CHANNEL)


@dataclass(frozen=True)
class Selection:
    """What the user filters on: one edition, categories, channels, region (empty = all)."""

    edition: int
    categories: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    region: str | None = None

    def at_edition(self, edition: int) -> Selection:
        """The same selection in another edition."""
        return Selection(edition, self.categories, self.channels, self.region)


def _indicator_sums(tests: pd.DataFrame, structures: pd.DataFrame) -> pd.DataFrame:
    """Counts and sums per (edition, category, region, channel) from which every indicator
    follows (structures are counted apart: a structure tested on two channels is one)."""
    t = tests.merge(
        structures[[StructureCol.STRUCTURE_ID, StructureCol.CATEGORY, StructureCol.REGION_CODE]],
        on=TestCol.STRUCTURE_ID,
        how="left",
    )
    ch = t[TestCol.CHANNEL]
    answered = t[TestCol.ANSWERED].fillna(False).astype(bool)
    days = t[TestCol.RESPONSE_DAYS]
    private = t[TestCol.PRIVATE_REPLY].fillna(False).astype(bool)
    phone, email, mail = ch == Channel.PHONE, ch == Channel.EMAIL, ch == Channel.MAIL
    social, website = ch == Channel.SOCIAL, ch == Channel.WEBSITE
    rings_counted = phone & answered & t[TestCol.RINGS].notna()
    parts = pd.DataFrame(
        {
            **{k: t[k] for k in SUM_KEYS},
            "n_tests": 1,
            "phone_n": phone,
            "phone_first_attempt": phone & t[TestCol.FIRST_ATTEMPT].fillna(False).astype(bool),
            "phone_rings_n": rings_counted,
            "phone_rings_sum": t[TestCol.RINGS].astype("float64").where(rings_counted, 0.0),
            # For the standard error of phone_mean_rings (§5b, dashboard.uncertainty).
            "phone_rings_sq": (t[TestCol.RINGS].astype("float64") ** 2).where(rings_counted, 0.0),
            "email_n": email,
            "email_within": email & answered & (days < 10).fillna(False),
            "mail_n": mail,
            "mail_within": mail & answered & (days < 15).fillna(False),
            "social_n": social,
            "social_private": social & private,
            "social_private_within": social & private & (days < 3).fillna(False),
            "website_n": website,
            "website_online": website & t[TestCol.ONLINE_PROCEDURES].fillna(False).astype(bool),
            "website_digital": website & t[TestCol.DIGITAL_SUPPORT].fillna(False).astype(bool),
        }
    )
    return parts.groupby(list(SUM_KEYS), sort=True, observed=True).sum().reset_index()


def _structure_counts(tests: pd.DataFrame, structures: pd.DataFrame) -> pd.DataFrame:
    """Distinct structures with a test per (edition, category, region) (§5,
    structures_audited)."""
    t = tests[[TestCol.EDITION, TestCol.STRUCTURE_ID]].merge(
        structures[[StructureCol.STRUCTURE_ID, StructureCol.CATEGORY, StructureCol.REGION_CODE]],
        on=TestCol.STRUCTURE_ID,
        how="left",
    )
    return (
        t.groupby(list(GROUP_KEYS), sort=True, observed=True)[TestCol.STRUCTURE_ID]
        .nunique()
        .rename("structures")
        .reset_index()
    )


def edition_rows(frame: pd.DataFrame, edition: int) -> pd.DataFrame:
    """The rows of `edition`: a slice when `frame` is in edition order (every aggregate table
    is), a filter otherwise. Same rows, same order, same index either way."""
    editions = frame[TestCol.EDITION]
    if not editions.is_monotonic_increasing:
        return frame[editions == edition]
    values = editions.to_numpy()
    start = int(np.searchsorted(values, edition, side="left"))
    stop = int(np.searchsorted(values, edition, side="right"))
    return frame.iloc[start:stop]


class _StructureIndex:
    """Where each structure's rows are in a table: positions in table order, found by a
    hash lookup and a slice instead of comparing every row's id."""

    def __init__(self, ids: pd.Series) -> None:
        codes, uniques = pd.factorize(ids)
        self._order = np.argsort(codes, kind="stable")
        self._bounds = np.searchsorted(codes[self._order], np.arange(len(uniques) + 1))
        self._ids = pd.Index(uniques)

    def positions(self, structure_id: str) -> np.ndarray:
        """Positions (ascending) of the structure's rows; empty when it has none."""
        try:
            code = self._ids.get_loc(structure_id)
        except KeyError:
            return np.empty(0, dtype="int64")
        if not isinstance(code, int):  # ids are unique in `uniques`: never a slice or mask
            raise TypeError(structure_id)
        return self._order[self._bounds[code] : self._bounds[code + 1]]


class Aggregates:
    """The aggregate tables of one dataset version (§5), built once."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset  # the tables derived later (once()) read it
        self.version = dataset.version
        self.editions: list[int] = dataset.editions
        self.criteria: list[str] = dataset.criteria
        structures = dataset.structures
        self.structures = structures.set_index(StructureCol.STRUCTURE_ID, drop=False)
        attrs = structures[[StructureCol.STRUCTURE_ID, *ATTRIBUTES]]
        # With each row's sum of squared deviations (`ssd`), for the pooled spread (§5b).
        channel = scoring.channel_scores(dataset.tests, with_spread=True)
        self.channel = channel.merge(attrs, on=StructureCol.STRUCTURE_ID, how="left")
        self._grouping = scoring.ChannelGrouping(channel)
        self._attrs = attrs
        self.global_equal = self._grouping.global_scores().merge(
            attrs, on=StructureCol.STRUCTURE_ID, how="left"
        )
        self.criterion = scoring.criterion_scores(dataset.tests, with_spread=True).merge(
            attrs, on=StructureCol.STRUCTURE_ID, how="left"
        )
        self.indicator_sums = _indicator_sums(dataset.tests, structures)
        self.structure_counts = _structure_counts(dataset.tests, structures)
        self._global_index = _StructureIndex(self.global_equal[StructureCol.STRUCTURE_ID])
        self._channel_index = _StructureIndex(self.channel[StructureCol.STRUCTURE_ID])
        self._global_over: dict[tuple[str, ...], pd.DataFrame] = {}
        self._lock = threading.Lock()
        self._derived: dict[str, object] = {}
        self._building: dict[str, threading.Lock] = {}

    def once(self, key: str, build: Callable[[], T]) -> T:
        """`build()`'s result for this dataset version, computed once whatever the number of
        threads asking: the one mechanism for tables derived per version (channel measures,
        the structure search index, method changes...). `key` names the table; `build` must
        depend on this version's data only."""
        with self._lock:
            if key in self._derived:
                return cast(T, self._derived[key])
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one thread builds, the others wait for its result
            with self._lock:
                if key in self._derived:
                    return cast(T, self._derived[key])
            value = build()
            with self._lock:
                self._derived[key] = value
            return value

    def forget(self, prefix: str) -> None:
        """Drop the derived tables whose key starts with `prefix` (benchmarks measure the
        cold path with it)."""
        with self._lock:
            for key in [k for k in self._derived if k.startswith(prefix)]:
                del self._derived[key]

    @staticmethod
    def _filter(
        frame: pd.DataFrame, sel: Selection, *, edition: bool = True, channels: bool = False
    ) -> pd.DataFrame:
        """The rows of `frame` in the selection: its edition's block, then the categories,
        region (and, with `channels`, channels) compared within that block only."""
        rows = edition_rows(frame, sel.edition) if edition else frame
        mask: pd.Series | None = None
        if sel.categories:
            mask = rows[StructureCol.CATEGORY].isin(sel.categories)
        if sel.region:
            in_region = rows[StructureCol.REGION_CODE] == sel.region
            mask = in_region if mask is None else mask & in_region
        if channels and sel.channels:
            in_channels = rows[TestCol.CHANNEL].isin(sel.channels)
            mask = in_channels if mask is None else mask & in_channels
        return rows if mask is None else rows[mask]

    def global_in(self, edition: int) -> pd.DataFrame:
        """G(s,e) rows (all channels, equal weights) of one edition."""
        return edition_rows(self.global_equal, edition)

    def channel_in(self, edition: int) -> pd.DataFrame:
        """S(s,e,c) rows of one edition."""
        return edition_rows(self.channel, edition)

    def criterion_in(self, edition: int) -> pd.DataFrame:
        """Criterion score rows of one edition."""
        return edition_rows(self.criterion, edition)

    def global_of(self, structure_id: str) -> pd.DataFrame:
        """A structure's G(s,e) rows, every edition it took part in, in edition order."""
        return self.global_equal.iloc[self._global_index.positions(structure_id)]

    def channel_of(self, structure_id: str) -> pd.DataFrame:
        """A structure's S(s,e,c) rows, every edition, in table order."""
        return self.channel.iloc[self._channel_index.positions(structure_id)]

    @cached_property
    def structure_ids(self) -> frozenset[str]:
        """Every structure id of the dataset, for membership tests (built once)."""
        return frozenset(str(i) for i in self.structures.index)

    @cached_property
    def editions_by_structure(self) -> dict[str, list[int]]:
        """Each structure's editions (those where it has a global score), ascending."""
        g = self.global_equal
        codes, uniques = pd.factorize(g[StructureCol.STRUCTURE_ID])
        order = np.argsort(codes, kind="stable")  # table order: editions ascending
        editions = g[TestCol.EDITION].to_numpy()[order].tolist()
        bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1)).tolist()
        return {str(sid): editions[bounds[i] : bounds[i + 1]] for i, sid in enumerate(uniques)}

    def channel_scores(self, sel: Selection, *, all_editions: bool = False) -> pd.DataFrame:
        """S(s,e,c) rows of the selection (its edition unless `all_editions`)."""
        return self._filter(self.channel, sel, edition=not all_editions, channels=True)

    def global_scores(self, sel: Selection, *, all_editions: bool = False) -> pd.DataFrame:
        """G(s,e) rows of the selection; over the selected channels only when some are chosen."""
        table = self.global_over(sel.channels) if sel.channels else self.global_equal
        return self._filter(table, sel, edition=not all_editions)

    def global_over(self, channels: tuple[str, ...]) -> pd.DataFrame:
        """G(s,e) over `channels` only (equal weights), every edition, from the version's
        channel grouping (scoring.ChannelGrouping, what scoring.global_scores computes): the
        same columns as `global_equal`. Kept per channel set (63 at most)."""
        key = tuple(c for c in CHANNELS if c in channels)
        if len(key) == len(CHANNELS):
            return self.global_equal
        with self._lock:
            found = self._global_over.get(key)
        if found is not None:
            return found
        weights = {c: (1.0 if c in key else 0.0) for c in CHANNELS}
        found = self._grouping.global_scores(weights).merge(
            self._attrs, on=StructureCol.STRUCTURE_ID, how="left"
        )
        with self._lock:
            self._global_over[key] = found
        return found

    def criterion_scores(self, sel: Selection, *, all_editions: bool = False) -> pd.DataFrame:
        """Criterion scores (all channels) of the selection."""
        return self._filter(self.criterion, sel, edition=not all_editions)

    def indicator_sums_for(self, sel: Selection) -> pd.Series:
        """The indicator counts and sums of the selection (its channels too), added over its
        groups, with `structures`: the distinct structures tested on those channels."""
        picked = self._filter(self.indicator_sums, sel, channels=True)
        numeric = picked.drop(columns=list(SUM_KEYS))
        sums = numeric.sum(numeric_only=True)
        sums["structures"] = len(self.global_scores(sel))
        return sums


_CACHE_SIZE = 4
_cache: OrderedDict[str, Aggregates] = OrderedDict()
_lock = threading.Lock()


def aggregates_for(dataset: Dataset) -> Aggregates:
    """The aggregates of `dataset`, built once per version and kept for the last few versions."""
    with _lock:
        found = _cache.get(dataset.version)
        if found is not None:
            _cache.move_to_end(dataset.version)
            return found
    built = Aggregates(dataset)
    with _lock:
        _cache[dataset.version] = built
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built
