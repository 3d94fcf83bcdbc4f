"""Deterministic synthetic demo dataset telling the story of the 2022 barometer (contract §6).

Every structure but the seven 2022 prize winners carries a clearly fictitious French name;
codes are real INSEE region and department codes. The generator draws everything from one
`numpy.random.default_rng(seed)`, then hits the §6 targets exactly: proportions by choosing
exact counts of tests, means by a deterministic shift-and-clip post-adjustment.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from dashboard.intake.geography import departments, region_of_department, regions
from dashboard.intake.model import Dataset, conform
from dashboard.intake.schema import (
    CATEGORIES,
    CHANNELS,
    CRITERION_PREFIX,
    USUAL_CRITERIA,
    Channel,
    StructureCol,
    TestCol,
)

DEMO_SEED: int = 2022
DEMO_SOURCE = "demo"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

EDITIONS: tuple[int, ...] = tuple(range(2013, 2023))
_E = len(EDITIONS)
_EDITIONS_INDEX = {year: e for e, year in enumerate(EDITIONS)}
_FIRST_FS_EDITION = 2020  # France Services entered the barometer in 2020
_SOCIAL_EDITIONS = (2021, 2022)
SERVICE_COMMITMENTS = "crit_service_commitments"  # Services Publics+ criterion, from 2022
CRITERIA: tuple[str, ...] = (*USUAL_CRITERIA, SERVICE_COMMITMENTS)
_CRIT = {c.removeprefix(CRITERION_PREFIX): c for c in CRITERIA}
# Criterion level relative to the test score: courtesy is the strong point, personalisation
# the one "to be strengthened" (press release).
_CRITERION_OFFSET = {
    _CRIT["accessibility"]: 3.0,
    _CRIT["responsiveness"]: 0.0,
    _CRIT["courtesy"]: 6.0,
    _CRIT["personalisation"]: -7.0,
    _CRIT["answer_quality"]: -2.0,
    SERVICE_COMMITMENTS: -4.0,
}
# Not assessed when nobody answered: there was no exchange to judge.
_NEEDS_AN_ANSWER = frozenset(
    {_CRIT["courtesy"], _CRIT["personalisation"], _CRIT["answer_quality"], SERVICE_COMMITMENTS}
)
_CRITERION_MISSING = 0.03  # share of otherwise assessed criteria left empty

# Category and channel indexes, in the schema's order.
_K = {code: i for i, code in enumerate(CATEGORIES)}
_C = {code: i for i, code in enumerate(CHANNELS)}
_NC = len(CHANNELS)
_PHYS, _PHONE, _EMAIL, _MAIL, _WEB, _SOCIAL = (
    _C[Channel.PHYSICAL],
    _C[Channel.PHONE],
    _C[Channel.EMAIL],
    _C[Channel.MAIL],
    _C[Channel.WEBSITE],
    _C[Channel.SOCIAL],
)
_C50, _C20, _IM, _DEP, _REG, _FS, _SOC, _ECO = (_K[c] for c in CATEGORIES)

# ---------------------------------------------------------------------------------------------
# Sizes per edition (scale 1), aligned with EDITIONS.
_EDITION_SIZE = (290, 300, 320, 330, 340, 350, 360, 300, 349, 311)
_REGION_COUNT = (14, 15, 15, 16, 16, 17, 17, 15, 16, 16)
_DEPARTMENT_COUNT = (36, 38, 40, 42, 42, 44, 45, 40, 46, 42)
_FS_COUNT = (0, 0, 0, 0, 0, 0, 0, 40, 55, 50)
_PHYSICAL_COUNT = (30, 32, 35, 36, 38, 40, 42, 25, 35, 50)
# The rest of each edition is shared among these categories by these weights.
_OTHER_MIX = ((_C50, 0.24), (_C20, 0.26), (_IM, 0.18), (_SOC, 0.18), (_ECO, 0.14))
# Regulars: structures that come back most years (per category, scale 1).
_LOYAL = ((_C50, 18), (_C20, 16), (_IM, 14), (_SOC, 10), (_ECO, 10), (_FS, 10))
_LOYAL_PRESENCE = 0.85
_OCCASIONAL_RETURN = 0.12  # share of an edition's other slots given to a recent participant
_REGION_RETENTION = 0.85
_DEPARTMENT_RETENTION = 0.72

# ---------------------------------------------------------------------------------------------
# Calibration targets (contract §6) and the free editions' centres chosen for a plausible trend.
_OVERALL_G = (
    (2013, 65.2),
    (2014, 66.3),
    (2015, 67.4),
    (2016, 68.9),
    (2017, 66.0),
    (2018, 68.5),
    (2019, 68.5),
    (2020, 62.0),
    (2021, 67.6),
)
_PHYSICAL_2022 = 86.0
_REGION_GAIN_2022 = 12.0
_FS_CHANGE_2022 = -5.0
_DEPARTMENT_GAINS = (3.5, 3.0)  # 2020 -> 2021 -> 2022: two years of progress
_REGION_G = (
    (2013, 64.0),
    (2014, 64.8),
    (2015, 65.5),
    (2016, 66.5),
    (2017, 65.0),
    (2018, 66.8),
    (2019, 67.0),
    (2020, 60.5),
    (2021, 63.5),
    (2022, 63.5 + _REGION_GAIN_2022),
)
_DEPARTMENT_G = (
    (2013, 65.5),
    (2014, 66.3),
    (2015, 67.0),
    (2016, 68.2),
    (2017, 65.8),
    (2018, 68.0),
    (2019, 68.3),
    (2020, 62.5),
    (2021, 62.5 + _DEPARTMENT_GAINS[0]),
    (2022, 62.5 + sum(_DEPARTMENT_GAINS)),
)
_FS_G = ((2020, 58.0), (2021, 60.5), (2022, 60.5 + _FS_CHANGE_2022))
_CATEGORY_G = ((_REG, _REGION_G), (_DEP, _DEPARTMENT_G), (_FS, _FS_G))
_WINNER_MARGIN = 3.0

# Per-edition test-level rates (percent), aligned with EDITIONS; 2021-2022 are §6 targets.
_PHONE_FIRST_ATTEMPT = (90.0, 91.0, 92.0, 93.0, 92.0, 94.0, 95.0, 88.0, 96.0, 77.0)
_PHONE_RINGS = (3.4, 3.2, 3.0, 3.1, 3.3, 2.9, 2.7, 3.8, 2.2, 5.5)
_EMAIL_WITHIN_10D = (58.0, 60.0, 61.0, 63.0, 60.0, 62.0, 64.0, 52.0, 58.0, 55.0)
_MAIL_WITHIN_15D = (55.0, 54.0, 52.0, 50.0, 49.0, 47.0, 46.0, 38.0, 43.0, 40.0)
_EMAIL_ANSWERED_EXTRA = 25.0  # answered later than 10 days, percent of all email tests
_MAIL_ANSWERED_EXTRA = 28.0
_ONLINE_PROCEDURES = (38.0, 42.0, 46.0, 50.0, 54.0, 58.0, 62.0, 66.0, 70.0, 74.0)
_DIGITAL_SUPPORT = (4.0, 5.0, 6.0, 8.0, 9.0, 11.0, 12.0, 15.0, 17.0, 20.0)
_SOCIAL_PRIVATE = {2021: 60.0, 2022: 66.7}
_SOCIAL_PRIVATE_WITHIN_3D = {2021: 85.0, 2022: 90.0}
_SOCIAL_PUBLIC_ANSWERED = 50.0  # of the social tests not answered privately

# Score model: level = edition base + category + structure latent + drift; channel effects.
_BASE_OFFSET = 5.0  # unanswered contacts drag channel scores below the answered level
_CATEGORY_EFFECT = (1.0, 0.0, -1.0, 0.0, -2.0, -4.0, -2.0, 1.0)
_CHANNEL_EFFECT = (13.0, 2.0, -1.0, -4.0, 3.0, 3.0)  # physical, phone, email, mail, web, social
# Tests per channel: (fewest, most) per structure; the winners get the most. Kept small so
# that the tests CSV stays under 200 MB at 100x scale.
_TESTS_PER_CHANNEL = ((1, 2), (2, 3), (1, 2), (1, 1), (1, 1), (2, 2))
_EMAIL_TWO_TESTS = 0.7  # share of structures whose email is tested twice
_DIGITAL = (_EMAIL, _WEB, _SOCIAL)

_FIELDWORK_START = "03-01"
_FIELDWORK_DAYS = 122  # March to June


@dataclass(frozen=True)
class _Winner:
    structure_id: str
    name: str
    category: int
    region_code: str
    department_code: str
    population: int | None
    editions: tuple[int, ...]


# The 2022 prize winners (press release), the only real names in the demo.
_WINNERS: tuple[_Winner, ...] = (
    _Winner(
        "W-STRASBOURG",
        "Ville de Strasbourg",
        _C50,
        "44",
        "67",
        287_228,
        (2013, 2014, 2016, 2017, 2018, 2019, 2021, 2022),
    ),
    _Winner(
        "W-BOURG-EN-BRESSE",
        "Ville de Bourg-en-Bresse",
        _C20,
        "84",
        "01",
        41_248,
        (2016, 2017, 2019, 2020, 2021, 2022),
    ),
    _Winner(
        "W-SICOVAL",
        "SICOVAL – Communauté d'agglomération du Sud-Est toulousain",
        _IM,
        "76",
        "31",
        80_000,
        (2015, 2016, 2017, 2018, 2020, 2021, 2022),
    ),
    _Winner(
        "W-MAYENNE",
        "Département de la Mayenne",
        _DEP,
        "52",
        "53",
        307_445,
        (2016, 2017, 2018, 2019, 2020, 2021, 2022),
    ),
    _Winner(
        "W-GRAND-EST",
        "Région Grand Est",
        _REG,
        "44",
        "",
        5_562_651,
        (2016, 2017, 2018, 2019, 2020, 2021, 2022),
    ),
    _Winner(
        "W-GRAVES",
        "Maison du Département des Solidarités des Graves (Gironde)",
        _SOC,
        "75",
        "33",
        None,
        (2018, 2019, 2021, 2022),
    ),
    _Winner(
        "W-MONTAUBAN",
        "Maison de Ma Région – Montauban",
        _ECO,
        "76",
        "82",
        None,
        (2017, 2018, 2019, 2020, 2021, 2022),
    ),
)
_WINNER_LATENT = 12.0
_WINNER_2022_BOOST = 3.0

# Invented syllables for fictitious place names.
_ONSETS = (
    "Mor", "Bru", "Or", "Ver", "Gal", "Sau", "Tri", "Fon", "Lan", "Vic", "Bel", "Cor", "Dal",
    "Es", "Fal", "Gre", "Hau", "Jor", "Lor", "Mar", "Nor", "Pel", "Quin", "Ros", "Sal", "Tal",
    "Val", "Vel", "Bar", "Char", "Mon", "Ar", "Al", "Cam", "Ser", "Pra", "Sil", "Ter", "Bor",
    "Rou", "Cha", "Lu",
)  # fmt: skip
# Middles end with a vowel and codas start with a consonant, so syllables join smoothly.
_MIDDLES = (
    "va", "ne", "be", "li", "ro", "ta", "mi", "se", "ga", "ve", "lo", "di", "ra", "cu", "", "",
    "bri", "ma",
)  # fmt: skip
_CODAS = (
    "lès", "lac", "ville", "court", "mont", "rieux", "range", "nières", "rol", "lin", "nay",
    "reuil", "lon", "gnard", "zette", "gny", "rac", "vans", "roux", "zelle", "bourg", "rès",
)  # fmt: skip
_RIVERS = (
    "Orbette", "Lorve", "Brenne-Vive", "Saulde", "Méronne", "Vazelle", "Ardille", "Tréviane",
    "Cosne-Fine", "Lisère", "Ondaine-Haute", "Parvenne",
)  # fmt: skip
_VOWELS = frozenset("AEIOUÉÈ")


def _of(place: str) -> str:
    """French "de X" with elision before a vowel."""
    return f"d'{place}" if place[0] in _VOWELS else f"de {place}"


def _name_template(category: int, variant: int, place: str, number: int) -> str:
    of = _of(place)
    if category in (_C50, _C20):
        return f"Ville fictive {of}"
    if category == _IM:
        return (
            f"Communauté de communes fictive {of}",
            f"Communauté d'agglomération fictive {of}",
            f"Communauté de communes fictive du Val {of}",
        )[variant % 3]
    if category == _DEP:
        return f"Département fictif n° {number}"
    if category == _REG:
        return f"Région fictive n° {number}"
    if category == _FS:
        return f"Maison France Services fictive {of}"
    if category == _SOC:
        return (
            f"Centre communal d'action sociale fictif {of}",
            f"Maison des solidarités fictive {of}",
            f"Centre médico-social fictif {of}",
        )[variant % 3]
    return (
        f"Agence de développement économique fictive {of}",
        f"Maison de région fictive {of}",
        f"Service d'aménagement fictif {of}",
    )[variant % 3]


def _fictitious_names(rng: np.random.Generator, categories: IntArray) -> list[str]:
    """Unique fictitious names, one per structure, in order."""
    n = len(categories)
    onset = rng.integers(0, len(_ONSETS), n)
    middle = rng.integers(0, len(_MIDDLES), n)
    coda = rng.integers(0, len(_CODAS), n)
    river = rng.integers(0, len(_RIVERS), n)
    variant = rng.integers(0, 3, n)
    used: set[str] = set()
    numbers = np.zeros(len(CATEGORIES), dtype=np.int64)
    names: list[str] = []
    for i in range(n):
        k = int(categories[i])
        numbers[k] += 1
        place = _ONSETS[onset[i]] + _MIDDLES[middle[i]] + _CODAS[coda[i]]
        candidates = (place, f"{place}-sur-{_RIVERS[river[i]]}")
        name = ""
        for candidate in candidates:
            name = _name_template(k, int(variant[i]), candidate, int(numbers[k]))
            if name not in used:
                break
        suffix = 2
        base = name
        while name in used:
            name = f"{base} {suffix}"
            suffix += 1
        used.add(name)
        names.append(name)
    return names


def _population(rng: np.random.Generator, category: int, region_code: str) -> int | None:
    """A plausible number of inhabitants served for a structure of this category."""

    def log_uniform(low: float, high: float) -> int:
        return int(np.exp(rng.uniform(np.log(low), np.log(high))))

    if category == _C50:
        # Exponential in log-population, truncated at 900,000 by inverse transform.
        cut = 1.0 - np.exp(-np.log(18.0) / 0.7)
        return int(50_000 * np.exp(-0.7 * np.log(1.0 - rng.uniform(0.0, cut))))
    if category == _C20:
        return int(rng.integers(20_000, 50_000))
    if category == _IM:
        return log_uniform(15_000, 600_000)
    if category == _DEP:
        return log_uniform(75_000, 2_600_000)
    if category == _REG:
        overseas = region_code < "10"
        return log_uniform(250_000, 900_000) if overseas else log_uniform(2_300_000, 12_300_000)
    missing, low, high = {
        _FS: (0.3, 2_000, 30_000),
        _SOC: (0.5, 5_000, 300_000),
        _ECO: (0.4, 20_000, 1_500_000),
    }[category]
    if rng.random() < missing:
        return None
    return log_uniform(low, high)


def _counts_per_edition(scale: int) -> npt.NDArray[np.int64]:
    """Exact number of structures per edition and category (largest-remainder rounding)."""
    counts = np.zeros((_E, len(CATEGORIES)), dtype=np.int64)
    for e in range(_E):
        counts[e, _REG] = _REGION_COUNT[e]
        counts[e, _DEP] = _DEPARTMENT_COUNT[e]
        counts[e, _FS] = _FS_COUNT[e]
        rest = _EDITION_SIZE[e] - _REGION_COUNT[e] - _DEPARTMENT_COUNT[e] - _FS_COUNT[e]
        raw = np.array([rest * w for _, w in _OTHER_MIX])
        floor = np.floor(raw).astype(np.int64)
        order = np.argsort(-(raw - floor), kind="stable")
        floor[order[: rest - int(floor.sum())]] += 1
        for (k, _), v in zip(_OTHER_MIX, floor, strict=True):
            counts[e, k] = v
    return counts * scale


@dataclass
class _Registry:
    """Structures created so far (attributes in creation order)."""

    category: list[int]
    department: list[str]
    region: list[str]
    winner: list[int]  # index into _WINNERS, -1 for a fictitious structure

    def add(self, category: int, department: str, region: str, winner: int = -1) -> int:
        self.category.append(category)
        self.department.append(department)
        self.region.append(region)
        self.winner.append(winner)
        return len(self.category) - 1


def _take(rng: np.random.Generator, pool: Sequence[int], n: int) -> list[int]:
    """`n` members of `pool` (or all of it) at random, in pool order."""
    if n >= len(pool):
        return list(pool)
    chosen = np.sort(rng.choice(len(pool), size=n, replace=False))
    return [pool[int(i)] for i in chosen]


def _participation(rng: np.random.Generator, scale: int) -> tuple[_Registry, list[list[int]]]:
    """Which structures take part in each edition (index lists into the registry)."""
    dept_codes = list(departments()[StructureCol.DEPARTMENT_CODE])
    region_codes = list(regions()[StructureCol.REGION_CODE])
    dept_region = region_of_department()
    counts = _counts_per_edition(scale)
    reg = _Registry([], [], [], [])
    winner_of: dict[int, int] = {}  # category -> the registry index of its 2022 winner
    for w, spec in enumerate(_WINNERS):
        winner_of[spec.category] = reg.add(spec.category, spec.department_code, spec.region_code, w)

    def random_department() -> tuple[str, str]:
        code = dept_codes[int(rng.integers(0, len(dept_codes)))]
        return code, dept_region[code]

    # Regions and departments: one council per code (and per copy at scale > 1).
    # The winners (Grand Est, Mayenne) take the place of the first copy of their code.
    region_pool = [
        reg.add(_REG, "", code)
        for copy in range(scale)
        for code in region_codes
        if not (copy == 0 and code == reg.region[winner_of[_REG]])
    ]
    dept_pool = [
        reg.add(_DEP, code, dept_region[code])
        for copy in range(scale)
        for code in dept_codes
        if not (copy == 0 and code == reg.department[winner_of[_DEP]])
    ]
    # Regulars of the other categories, each with a window of years of presence.
    loyal: dict[int, list[tuple[int, int, int]]] = {}
    for k, n in _LOYAL:
        members = []
        first = _EDITIONS_INDEX[_FIRST_FS_EDITION] if k == _FS else 0
        for _ in range(n * scale):
            dept, region = random_department()
            start = int(rng.integers(first, max(first + 1, 5)))
            end = min(_E - 1, start + int(rng.integers(5, 10)))
            members.append((reg.add(k, dept, region), start, end))
        loyal[k] = members

    recent: dict[int, list[list[int]]] = {k: [] for k in range(len(CATEGORIES))}
    previous: dict[int, list[int]] = {_REG: [], _DEP: []}
    editions: list[list[int]] = []
    for e, year in enumerate(EDITIONS):
        present: list[int] = []
        for k in range(len(CATEGORIES)):
            n = int(counts[e, k])
            if n == 0:
                recent[k].append([])
                continue
            champion = winner_of.get(k)
            forced = (
                [champion]
                if champion is not None and year in _WINNERS[reg.winner[champion]].editions
                else []
            )
            slots = n - len(forced)
            if k in (_REG, _DEP):
                pool = region_pool if k == _REG else dept_pool
                retention = _REGION_RETENTION if k == _REG else _DEPARTMENT_RETENTION
                prev = previous[k]
                kept = _take(rng, prev, round(retention * slots))
                excluded = set(prev)
                others = [i for i in pool if i not in excluded]
                if len(others) < slots - len(kept):
                    excluded = set(kept)
                    others = [i for i in pool if i not in excluded]
                chosen = kept + _take(rng, others, slots - len(kept))
                previous[k] = chosen
                present.extend(forced + chosen)
                continue
            regulars = [
                i
                for i, start, end in loyal.get(k, [])
                if start <= e <= end and rng.random() < _LOYAL_PRESENCE
            ]
            regulars = _take(rng, regulars, min(len(regulars), slots))
            rest = slots - len(regulars)
            back_pool = sorted({i for past in recent[k][-2:] for i in past})
            back = _take(rng, back_pool, min(len(back_pool), round(_OCCASIONAL_RETURN * rest)))
            new = []
            for _ in range(rest - len(back)):
                dept, region = random_department()
                new.append(reg.add(k, dept, region))
            recent[k].append(back + new)
            present.extend(forced + regulars + back + new)
        editions.append(present)
    return reg, editions


def _gumbel_top(rng: np.random.Generator, strength: FloatArray, k: int) -> BoolArray:
    """Exactly `k` of the items, chosen at random with odds growing with `strength`."""
    keys = strength + rng.gumbel(size=len(strength))
    chosen = np.zeros(len(strength), dtype=np.bool_)
    chosen[np.argsort(-keys, kind="stable")[:k]] = True
    return chosen


class _Scores:
    """Test scores being calibrated, with the participation and channel of each test."""

    def __init__(self, score: FloatArray, t_part: IntArray, t_chan: IntArray, n_part: int) -> None:
        self.score = score
        self.t_part = t_part
        self.t_chan = t_chan
        self.n_part = n_part

    def global_(self) -> FloatArray:
        """G per participation (NaN for none: every participation has tests)."""
        return _Group(self, np.ones(self.n_part, dtype=np.bool_)).values()

    def shift(self, tests: IntArray, delta: float | FloatArray) -> None:
        self.score[tests] = np.clip(self.score[tests] + delta, 0.0, 100.0)


class _Group:
    """A set of participations whose group mean of G (or of one channel's S) is watched."""

    def __init__(self, scores: _Scores, members: BoolArray, channel: int | None = None) -> None:
        selected = members[scores.t_part]
        if channel is not None:
            selected &= scores.t_chan == channel
        self.scores = scores
        self.tests = np.flatnonzero(selected)
        _, local = np.unique(scores.t_part[self.tests], return_inverse=True)
        n_local = int(local.max()) + 1 if len(local) else 0
        width = _NC if channel is None else 1
        self.key = local * width + (scores.t_chan[self.tests] if channel is None else 0)
        self.size = n_local * width
        self.count = np.bincount(self.key, minlength=self.size).reshape(n_local, width)
        self.n_channels = (self.count > 0).sum(axis=1)

    def values(self) -> FloatArray:
        """G (or S) of each member, in participation order."""
        sums = np.bincount(self.key, weights=self.scores.score[self.tests], minlength=self.size)
        sums = sums.reshape(self.count.shape)
        channel = np.divide(sums, self.count, out=np.zeros_like(sums), where=self.count > 0)
        return np.asarray(channel.sum(axis=1) / self.n_channels, dtype=np.float64)

    def mean(self) -> float:
        """The group mean (contract §5): each member counts once."""
        return float(self.values().mean())


def _hit(scores: _Scores, tests: IntArray, group: _Group, target: float) -> float:
    """Shift `tests` until the group mean equals `target`; the gap found before (clipping makes
    it iterative)."""
    gap = target - group.mean()
    delta = gap
    for _ in range(50):
        if abs(delta) < 1e-7:
            break
        scores.shift(tests, delta)
        delta = target - group.mean()
    return gap


def _calibrate(scores: _Scores, p_ed: IntArray, p_cat: IntArray, p_winner: IntArray) -> None:
    """Deterministic post-adjustment hitting the §6 means and the winners' margins."""
    t_ed = p_ed[scores.t_part]
    t_cat = p_cat[scores.t_part]
    e22 = _EDITIONS_INDEX[2022]
    in22 = p_ed == e22
    not_phys = scores.t_chan != _PHYS
    # (tests shifted, group watched, target): overall first, then the categories whose story
    # the press release tells (2022 spares the physical channel, calibrated on its own).
    targets: list[tuple[IntArray, _Group, float]] = []
    for year, target in _OVERALL_G:
        e = _EDITIONS_INDEX[year]
        targets.append((np.flatnonzero(t_ed == e), _Group(scores, p_ed == e), target))
    for k, trajectory in _CATEGORY_G:
        for year, target in trajectory:
            e = _EDITIONS_INDEX[year]
            tests = (t_cat == k) & (t_ed == e)
            if e == e22:
                tests &= not_phys
            group = _Group(scores, (p_cat == k) & (p_ed == e))
            targets.append((np.flatnonzero(tests), group, target))
    physical = _Group(scores, in22, _PHYS)
    targets.append((physical.tests, physical, _PHYSICAL_2022))
    in22_group = _Group(scores, in22)
    part22 = np.flatnonzero(in22)
    for _ in range(60):
        worst = 0.0
        for tests, group, target in targets:
            worst = max(worst, abs(_hit(scores, tests, group, target)))
        # Winners clearly first in 2022: pull down any peer closer than the margin.
        g = np.full(scores.n_part, np.nan)
        g[part22] = in22_group.values()
        delta = np.zeros(scores.n_part)
        for w, spec in enumerate(_WINNERS):
            own = np.flatnonzero(in22 & (p_winner == w))
            ceiling = g[own[0]] - _WINNER_MARGIN
            peers = in22 & (p_cat == spec.category) & (p_winner != w)
            delta -= np.where(peers & (g > ceiling), g - ceiling + 0.05, 0.0)
        if np.any(delta):
            worst = max(worst, float(-delta.min()))
            moved = np.flatnonzero(delta[scores.t_part] != 0)
            scores.shift(moved, delta[scores.t_part[moved]])
        if worst < 1e-4:
            break


def _exact_sum(rng: np.random.Generator, values: IntArray, total: int) -> IntArray:
    """Add or remove units at random until `values` sums to `total` (staying >= 0)."""
    out = values.copy()
    diff = total - int(out.sum())
    while diff > 0:
        idx = rng.choice(len(out), size=diff, replace=True)
        np.add.at(out, idx, 1)
        diff = total - int(out.sum())
    while diff < 0:
        positive = np.flatnonzero(out > 0)
        take = rng.choice(positive, size=min(-diff, len(positive)), replace=False)
        out[take] -= 1
        diff = total - int(out.sum())
    return out


# --- Stages of generate_demo ------------------------------------------------------------------
# Each stage draws from the one generator in turn: the order of the stages, and of the draws
# inside each, is part of the output (tests/unit/intake/test_demo.py pins the bytes).


@dataclass
class _Structures:
    """Every structure of the registry (arrays in registry order): who it is and its level."""

    category: IntArray
    winner: IntArray  # index into _WINNERS, -1 for a fictitious structure
    ids: npt.NDArray[np.object_]
    order: IntArray  # the structures that take part, by first appearance: the table's rows
    fictitious: IntArray  # those of `order` that are no winner
    names: npt.NDArray[np.object_]
    population: list[int | None]
    latent: FloatArray  # the structure's own level, score points
    drift: FloatArray  # (structure, edition): its level's wander around `latent`


@dataclass
class _Participations:
    """Participations (edition, structure), sorted by edition then id: index arrays."""

    edition: IntArray  # index into EDITIONS
    structure: IntArray  # index into the registry
    category: IntArray
    winner: IntArray


@dataclass
class _TestRows:
    """One entry per test: its participation, channel, number within them, edition, expected
    score (`mu`), the odds it does well (`strength`) and its score's own noise."""

    part: IntArray
    chan: IntArray
    num: IntArray  # 1, 2, ... within its participation and channel
    ed: IntArray
    mu: FloatArray
    strength: FloatArray
    noise: FloatArray
    has_answer: BoolArray  # a channel where a reply is awaited (phone, email, mail, social)


@dataclass
class _Measures:
    """What happened on each contact (contract §3), one entry per test."""

    answered: BoolArray
    first_attempt: BoolArray
    private: BoolArray
    online: BoolArray
    support: BoolArray
    fast: BoolArray  # answered within the channel's delay (email, mail, social)
    rings: IntArray
    days: FloatArray
    silent: BoolArray  # a reply was awaited and none came

    @classmethod
    def empty(cls, n: int) -> _Measures:
        """`n` contacts with nothing happened yet: no answer, no rings, no days."""

        def no() -> BoolArray:
            return np.zeros(n, dtype=np.bool_)

        return cls(
            answered=no(),
            first_attempt=no(),
            private=no(),
            online=no(),
            support=no(),
            fast=no(),
            rings=np.zeros(n, dtype=np.int64),
            days=np.full(n, np.nan),
            silent=no(),
        )


def _stable_ids(
    s_winner: IntArray, editions: list[list[int]]
) -> tuple[npt.NDArray[np.object_], IntArray, IntArray]:
    """Ids numbered by first appearance ("S00001", ...; the winners keep theirs): the ids by
    registry index, the structures that take part in that order, and the fictitious ones."""
    n_struct = len(s_winner)
    first_seen = np.full(n_struct, _E, dtype=np.int64)
    for e, present in enumerate(editions):
        idx = np.asarray(present, dtype=np.int64)
        first_seen[idx] = np.minimum(first_seen[idx], e)
    used = np.flatnonzero(first_seen < _E)
    order = used[np.lexsort((used, first_seen[used]))]
    fictitious = order[s_winner[order] < 0]
    ids = np.empty(n_struct, dtype=object)
    width = max(5, len(str(len(fictitious))))
    for n, i in enumerate(fictitious, start=1):
        ids[i] = f"S{n:0{width}d}"
    for i in np.flatnonzero(s_winner >= 0):
        ids[i] = _WINNERS[int(s_winner[i])].structure_id
    return ids, order, fictitious


def _structures(rng: np.random.Generator, reg: _Registry, editions: list[list[int]]) -> _Structures:
    """The structures: ids, then the fictitious ones' names, populations and levels (a latent
    level, a drift across editions), then the winners' (`_place_winners`)."""
    n_struct = len(reg.category)
    s_cat = np.asarray(reg.category, dtype=np.int64)
    s_winner = np.asarray(reg.winner, dtype=np.int64)
    ids, order, fictitious = _stable_ids(s_winner, editions)
    names = np.empty(n_struct, dtype=object)
    names[fictitious] = _fictitious_names(rng, s_cat[fictitious])
    population: list[int | None] = [None] * n_struct
    for i in fictitious:
        population[i] = _population(rng, int(s_cat[i]), reg.region[i])
    latent = np.zeros(n_struct)
    latent[fictitious] = rng.normal(0.0, 5.0, len(fictitious))
    drift = np.cumsum(rng.normal(0.0, 1.3, (n_struct, _E)), axis=1)
    drift -= drift.mean(axis=1, keepdims=True)
    structures = _Structures(
        s_cat, s_winner, ids, order, fictitious, names, population, latent, drift
    )
    _place_winners(structures)
    return structures


def _place_winners(structures: _Structures) -> None:
    """The 2022 winners' real names and populations, a high and steady level, and a 2022
    boost (press release; contract §6)."""
    for i in np.flatnonzero(structures.winner >= 0):
        spec = _WINNERS[int(structures.winner[i])]
        structures.names[i] = spec.name
        structures.population[i] = spec.population
        structures.latent[i] = _WINNER_LATENT
        structures.drift[i, :] *= 0.5
        structures.drift[i, -1] += _WINNER_2022_BOOST


def _participation_arrays(structures: _Structures, editions: list[list[int]]) -> _Participations:
    """Each edition's participants as (edition, structure) pairs, by edition then id."""
    p_ed_list: list[int] = []
    p_s_list: list[int] = []
    for e, present in enumerate(editions):
        members = sorted(present, key=lambda i: str(structures.ids[i]))
        p_ed_list.extend([e] * len(members))
        p_s_list.extend(members)
    p_ed = np.asarray(p_ed_list, dtype=np.int64)
    p_s = np.asarray(p_s_list, dtype=np.int64)
    return _Participations(p_ed, p_s, structures.category[p_s], structures.winner[p_s])


def _channels_tested(rng: np.random.Generator, part: _Participations, scale: int) -> BoolArray:
    """Which channels each participation tests (participation x channel): phone and email
    always; mail, website and social (2021-2022) for a share of each edition; physical
    reception for a few dozen communities; every channel for the 2022 winners."""
    p_ed, p_cat = part.edition, part.category
    n_part = len(p_ed)
    has = np.zeros((n_part, _NC), dtype=np.bool_)
    has[:, _PHONE] = True
    has[:, _EMAIL] = True
    is_fs = p_cat == _FS
    is_winner = part.winner >= 0
    for e in range(_E):
        here = p_ed == e
        for subset, mail_share, web_share, social_share in (
            (here & ~is_fs, 0.85, 1.0, 0.55),
            (here & is_fs, 0.5, 0.15, 0.2),
        ):
            idx = np.flatnonzero(subset)
            for c, share in ((_MAIL, mail_share), (_WEB, web_share), (_SOCIAL, social_share)):
                if c == _SOCIAL and EDITIONS[e] not in _SOCIAL_EDITIONS:
                    continue
                pick = _gumbel_top(rng, np.zeros(len(idx)), round(share * len(idx)))
                has[idx[pick], c] = True
        # Physical reception: a few dozen communities, not France Services.
        idx = np.flatnonzero(here & ~is_fs)
        strength = np.where(np.isin(p_cat[idx], (_C50, _C20, _REG, _ECO)), 1.0, 0.0)
        if EDITIONS[e] == 2022:
            strength += np.where(is_winner[idx] & np.isin(p_cat[idx], (_C50, _ECO)), 50.0, 0.0)
        n_phys = min(len(idx), _PHYSICAL_COUNT[e] * scale)
        has[idx[_gumbel_top(rng, strength, n_phys)], _PHYS] = True
    in22 = p_ed == _EDITIONS_INDEX[2022]
    has[in22 & is_winner, _MAIL] = True
    has[in22 & is_winner, _WEB] = True
    has[in22 & is_winner, _SOCIAL] = True
    return has


def _tests_per_channel(rng: np.random.Generator, part: _Participations, has: BoolArray) -> IntArray:
    """How many tests each participation gets on each channel (0 where not tested): between
    the channel's fewest and most, the email often twice, the winners the most."""
    n_part = len(part.edition)
    is_winner = part.winner >= 0
    fewest = np.asarray([lo for lo, _ in _TESTS_PER_CHANNEL], dtype=np.int64)
    most = np.asarray([hi for _, hi in _TESTS_PER_CHANNEL], dtype=np.int64)
    draw = rng.integers(fewest, most + 1, (n_part, _NC))
    draw[:, _EMAIL] = np.where(rng.random(n_part) < _EMAIL_TWO_TESTS, most[_EMAIL], fewest[_EMAIL])
    draw[is_winner] = most
    return np.where(has, draw, 0)


def _channel_levels(
    rng: np.random.Generator, structures: _Structures, part: _Participations
) -> FloatArray:
    """The expected score of each participation on each channel (participation x channel,
    score points): the edition's base, the category's and the channel's effects, the
    structure's level and drift, noise; 2022's regions up on digital channels, phone down."""
    p_ed, p_s, p_cat = part.edition, part.structure, part.category
    n_part = len(p_ed)
    base = np.asarray(
        [dict(_OVERALL_G).get(y, 69.0) + _BASE_OFFSET for y in EDITIONS], dtype=np.float64
    )
    level = (
        base[p_ed]
        + np.asarray(_CATEGORY_EFFECT)[p_cat]
        + structures.latent[p_s]
        + structures.drift[p_s, p_ed]
    )
    mu: FloatArray = (
        level[:, None] + np.asarray(_CHANNEL_EFFECT)[None, :] + rng.normal(0, 3.0, (n_part, _NC))
    )
    in22 = p_ed == _EDITIONS_INDEX[2022]
    region_2022 = in22 & (p_cat == _REG)
    mu[np.ix_(region_2022, list(_DIGITAL))] += 6.0
    mu[in22, _PHONE] -= 2.0
    return mu


def _expand_tests(
    rng: np.random.Generator, n_tests: IntArray, part: _Participations, mu: FloatArray
) -> _TestRows:
    """One row per test, in participation then channel order; each test's score noise is
    drawn here, before the measures."""
    flat = n_tests.ravel()
    t_key = np.repeat(np.arange(len(part.edition) * _NC, dtype=np.int64), flat)
    t_part = t_key // _NC
    t_chan = t_key % _NC
    starts = np.cumsum(flat) - flat
    t_num = np.arange(len(t_key), dtype=np.int64) - starts[t_key] + 1
    t_ed = part.edition[t_part]
    n = len(t_key)
    t_mu = mu.ravel()[t_key]
    strength = (t_mu - 65.0) / 8.0
    noise = rng.normal(0.0, 6.0, n)
    has_answer = np.isin(t_chan, (_PHONE, _EMAIL, _MAIL, _SOCIAL))
    return _TestRows(t_part, t_chan, t_num, t_ed, t_mu, strength, noise, has_answer)


def _measures(rng: np.random.Generator, tests: _TestRows) -> _Measures:
    """What happened on each contact, edition by edition, hitting each edition's rates
    exactly (contract §6): phone, email and mail, website, social."""
    m = _Measures.empty(len(tests.chan))
    for e, year in enumerate(EDITIONS):
        here = tests.ed == e
        _phone_measures(rng, np.flatnonzero(here & (tests.chan == _PHONE)), tests, e, m)
        for c, within, extra, limit in (
            (_EMAIL, _EMAIL_WITHIN_10D[e], _EMAIL_ANSWERED_EXTRA, 10),
            (_MAIL, _MAIL_WITHIN_15D[e], _MAIL_ANSWERED_EXTRA, 15),
        ):
            idx = np.flatnonzero(here & (tests.chan == c))
            _written_measures(rng, idx, tests, m, c, within, extra, limit)
        _website_measures(rng, np.flatnonzero(here & (tests.chan == _WEB)), tests, e, m)
        if year in _SOCIAL_EDITIONS:
            _social_measures(rng, np.flatnonzero(here & (tests.chan == _SOCIAL)), tests, year, m)
    m.silent = tests.has_answer & ~m.answered
    return m


def _phone_measures(
    rng: np.random.Generator, idx: IntArray, tests: _TestRows, e: int, m: _Measures
) -> None:
    """Phone tests `idx` of edition `e`: an exact share answered at first attempt, some others
    after a callback; the rings before an answer, with the edition's exact mean."""
    strength = tests.strength
    fa = _gumbel_top(rng, strength[idx], round(_PHONE_FIRST_ATTEMPT[e] / 100 * len(idx)))
    later = _gumbel_top(rng, strength[idx] - 100.0 * fa, round(0.6 * (~fa).sum()))
    m.first_attempt[idx] = fa
    m.answered[idx] = fa | later
    ans = idx[fa | later]
    raw = np.where(
        m.first_attempt[ans],
        1 + rng.poisson(_PHONE_RINGS[e] * 0.8, len(ans)),
        2 + rng.poisson(_PHONE_RINGS[e] * 1.3, len(ans)),
    ).astype(np.int64)
    m.rings[ans] = _exact_sum(rng, raw, round(_PHONE_RINGS[e] * len(ans)))


def _written_measures(
    rng: np.random.Generator,
    idx: IntArray,
    tests: _TestRows,
    m: _Measures,
    c: int,
    within: float,
    extra: float,
    limit: int,
) -> None:
    """Email or mail tests `idx` (channel `c`): an exact share `within` (percent) answered
    before `limit` days, `extra` percent more answered later; the days taken."""
    strength = tests.strength
    quick = _gumbel_top(rng, strength[idx], round(within / 100 * len(idx)))
    slow = _gumbel_top(rng, strength[idx] - 100.0 * quick, round(extra / 100 * len(idx)))
    m.answered[idx] = quick | slow
    m.fast[idx] = quick
    low = 0 if c == _EMAIL else 2
    q_idx, s_idx = idx[quick], idx[slow]
    m.days[q_idx] = np.minimum(low + rng.geometric(0.3, len(q_idx)) - 1, limit - 1)
    m.days[s_idx] = limit + rng.geometric(0.1, len(s_idx)) - 1


def _website_measures(
    rng: np.random.Generator, idx: IntArray, tests: _TestRows, e: int, m: _Measures
) -> None:
    """Website tests `idx` of edition `e`: exact shares with online procedures and with
    digital support."""
    strength = tests.strength
    m.online[idx] = _gumbel_top(rng, strength[idx], round(_ONLINE_PROCEDURES[e] / 100 * len(idx)))
    m.support[idx] = _gumbel_top(rng, strength[idx], round(_DIGITAL_SUPPORT[e] / 100 * len(idx)))


def _social_measures(
    rng: np.random.Generator, idx: IntArray, tests: _TestRows, year: int, m: _Measures
) -> None:
    """Social tests `idx` of `year`: an exact share of private replies, of which an exact
    share within 3 days; half the others answered in public; the days taken."""
    strength = tests.strength
    priv = _gumbel_top(rng, strength[idx], round(_SOCIAL_PRIVATE[year] / 100 * len(idx)))
    pub = _gumbel_top(
        rng,
        strength[idx] - 100.0 * priv,
        round(_SOCIAL_PUBLIC_ANSWERED / 100 * (~priv).sum()),
    )
    p_idx = idx[priv]
    quick = _gumbel_top(
        rng, strength[p_idx], round(_SOCIAL_PRIVATE_WITHIN_3D[year] / 100 * len(p_idx))
    )
    m.private[idx] = priv
    m.answered[idx] = priv | pub
    m.fast[p_idx] = quick
    m.days[p_idx[quick]] = np.floor(rng.uniform(0.0, 3.0, int(quick.sum())) * 10) / 10
    m.days[p_idx[~quick]] = np.round(3.0 + rng.gamma(2.0, 2.0, int((~quick).sum())), 1)
    pub_idx = idx[pub]
    m.days[pub_idx] = np.round(rng.uniform(0.1, 6.0, len(pub_idx)), 1)


def _test_scores(rng: np.random.Generator, tests: _TestRows, m: _Measures) -> FloatArray:
    """Each test's score before calibration (0-100): the channel level, noise, and what
    happened on the contact; a contact left unanswered scores low."""
    t_chan = tests.chan
    score = tests.mu + tests.noise
    ph = t_chan == _PHONE
    score[ph] -= 5.0 * ~m.first_attempt[ph] + 0.8 * np.maximum(m.rings[ph] - 3, 0)
    replied = np.isin(t_chan, (_EMAIL, _MAIL))
    score[replied] += np.where(m.fast[replied], 2.0, -6.0)
    soc = t_chan == _SOCIAL
    score[soc] += np.where(m.fast[soc], 4.0, np.where(m.private[soc], -2.0, -3.0))
    web = t_chan == _WEB
    score[web] += 4.0 * m.online[web] + 4.0 * m.support[web] - 4.0
    score[m.silent] = rng.uniform(5.0, 30.0, int(m.silent.sum()))
    return np.clip(score, 0.0, 100.0)


def _calibrated_scores(score: FloatArray, tests: _TestRows, part: _Participations) -> FloatArray:
    """The scores shifted onto the §6 means and the winners' margins (`_calibrate`), to one
    decimal."""
    scores = _Scores(score, tests.part, tests.chan, len(part.edition))
    _calibrate(scores, part.edition, part.category, part.winner)
    return np.round(scores.score, 1)


def _criteria(
    rng: np.random.Generator, score: FloatArray, tests: _TestRows, m: _Measures
) -> dict[str, FloatArray]:
    """Each criterion's score per test, in whole points consistent with the test score,
    empty (NaN) where not assessed."""
    n = len(score)
    crit: dict[str, FloatArray] = {}
    for name in CRITERIA:
        # Whole points on the audit grid.
        noisy = score + _CRITERION_OFFSET[name] + rng.normal(0, 6.0, n)
        values = np.round(np.clip(noisy, 0.0, 100.0))
        assessed = rng.random(n) >= _CRITERION_MISSING
        if name in _NEEDS_AN_ANSWER:
            assessed &= ~m.silent
        if name == _CRIT["responsiveness"]:
            assessed &= tests.chan != _WEB  # a website has no delay to measure
        if name == SERVICE_COMMITMENTS:
            assessed &= tests.ed == _EDITIONS_INDEX[2022]  # Services Publics+ joined in 2022
        crit[name] = np.where(assessed, values, np.nan)
    return crit


def _measure_column(
    values: BoolArray | FloatArray | IntArray, applies: BoolArray, dtype: str
) -> pd.Series:
    """A measure's column: empty (not 0 / False) wherever it does not apply (contract §3)."""
    return pd.Series(values, dtype=dtype).where(pd.Series(applies))


def _tests_table(
    rng: np.random.Generator,
    tests: _TestRows,
    m: _Measures,
    score: FloatArray,
    crit: dict[str, FloatArray],
    t_sid: npt.NDArray[np.object_],
) -> pd.DataFrame:
    """The tests table (contract §3): dates drawn within each edition's fieldwork, ids of the
    form edition-structure-channel-number, measures where they apply."""
    t_chan, t_ed = tests.chan, tests.ed
    n = len(t_chan)
    years = np.asarray(EDITIONS, dtype=np.int64)
    t_year = years[t_ed]
    offset_days = rng.integers(0, _FIELDWORK_DAYS, n)
    start_dates = np.asarray(
        [np.datetime64(f"{y}-{_FIELDWORK_START}") for y in EDITIONS], dtype="datetime64[D]"
    )
    dates = (start_dates[t_ed] + offset_days.astype("timedelta64[D]")).astype("datetime64[s]")
    chan_names = np.asarray(CHANNELS, dtype=object)[t_chan]
    test_ids = [
        f"{y}-{s}-{c}-{k}" for y, s, c, k in zip(t_year, t_sid, chan_names, tests.num, strict=True)
    ]
    phone = t_chan == _PHONE
    soc = t_chan == _SOCIAL
    web = t_chan == _WEB
    return pd.DataFrame(
        {
            TestCol.EDITION: t_year,
            TestCol.STRUCTURE_ID: pd.array(t_sid, dtype="str"),
            TestCol.CHANNEL: pd.array(chan_names, dtype="str"),
            TestCol.TEST_ID: pd.array(test_ids, dtype="str"),
            TestCol.TEST_DATE: dates,
            TestCol.SCORE: score,
            TestCol.ANSWERED: _measure_column(m.answered, tests.has_answer, "boolean"),
            TestCol.RESPONSE_DAYS: _measure_column(
                m.days, np.isin(t_chan, (_EMAIL, _MAIL, _SOCIAL)) & m.answered, "float64"
            ),
            TestCol.RINGS: _measure_column(m.rings, phone & m.answered, "Int64"),
            TestCol.FIRST_ATTEMPT: _measure_column(m.first_attempt, phone, "boolean"),
            TestCol.PRIVATE_REPLY: _measure_column(m.private, soc, "boolean"),
            TestCol.ONLINE_PROCEDURES: _measure_column(m.online, web, "boolean"),
            TestCol.DIGITAL_SUPPORT: _measure_column(m.support, web, "boolean"),
            **crit,
        }
    )


def _structures_table(structures: _Structures, reg: _Registry) -> pd.DataFrame:
    """The structures table (contract §2), one row per structure taking part, by id."""
    order = structures.order
    table = pd.DataFrame(
        {
            StructureCol.STRUCTURE_ID: pd.array(structures.ids[order], dtype="str"),
            StructureCol.NAME: pd.array(structures.names[order], dtype="str"),
            StructureCol.CATEGORY: pd.array(
                [CATEGORIES[int(k)] for k in structures.category[order]], dtype="str"
            ),
            StructureCol.REGION_CODE: pd.array([reg.region[i] for i in order], dtype="str"),
            StructureCol.DEPARTMENT_CODE: pd.array(
                [reg.department[i] or None for i in order], dtype="str"
            ),
            StructureCol.POPULATION: pd.array(
                [structures.population[i] for i in order], dtype="Int64"
            ),
        }
    )
    return table.sort_values(StructureCol.STRUCTURE_ID, kind="stable")


def generate_demo(seed: int = DEMO_SEED, scale: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo (structures, tests) tables, calibrated on the 2022 barometer (contract §6).

    Stages, in the order they draw from `numpy.random.default_rng(seed)`: who takes part in
    each edition, the structures (ids, names, populations, levels; the winners'), the channels
    tested and how many times, each channel's expected level, the tests and what happened on
    each contact, their scores calibrated on the §6 targets, the criteria, the two tables.
    `scale` multiplies the number of structures (regions and departments come in copies).
    Raises ValueError for a scale below 1.
    """
    if scale < 1:
        raise ValueError("scale must be >= 1")
    rng = np.random.default_rng(seed)
    reg, editions = _participation(rng, scale)
    structures = _structures(rng, reg, editions)
    part = _participation_arrays(structures, editions)
    tested = _channels_tested(rng, part, scale)
    n_tests = _tests_per_channel(rng, part, tested)
    mu = _channel_levels(rng, structures, part)
    tests = _expand_tests(rng, n_tests, part, mu)
    measures = _measures(rng, tests)
    score = _calibrated_scores(_test_scores(rng, tests, measures), tests, part)
    crit = _criteria(rng, score, tests, measures)
    t_sid = structures.ids[part.structure[tests.part]]
    return conform(
        _structures_table(structures, reg), _tests_table(rng, tests, measures, score, crit, t_sid)
    )


@functools.cache
def demo_dataset(scale: int = 1) -> Dataset:
    """The demo dataset (cached), built from `generate_demo` (contract §6)."""
    structures, tests = generate_demo(DEMO_SEED, scale)
    return Dataset.build(structures, tests, source=DEMO_SOURCE)
