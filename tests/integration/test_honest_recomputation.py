"""An independent recomputation of « Ma structure »'s honest figures (issue 16, contract §5b):
from the dataset exported as CSV, with plain pandas and numpy and nothing of dashboard's
figures, the 90 % intervals of 20 structures' global, channel and criterion scores agree
with what the page shows to 0.1 point, and their rank intervals, drawn here by a Monte Carlo
of our own (another seed), within one rank."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.intake.export import write_dataset
from dashboard.intake.model import Dataset
from dashboard.pages.benchmark import SECTION_BY_NAME, BenchmarkView, benchmark_payload
from dashboard.pages.sections import table_view
from dashboard.urlstate import BenchmarkState
from layouts import ids

EDITION = 2022
Z = 1.645
MIN_DF = 10
STRUCTURES = 20


@pytest.fixture(scope="module")
def exported(demo: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The demo dataset as `python -m dashboard export` writes it, read back with pandas."""
    out = Path(tmp_path_factory.mktemp("export"))
    write_dataset(demo, out, "csv")
    tests = pd.read_csv(out / "tests.csv", encoding="utf-8-sig", dtype={"structure_id": str})
    structures = pd.read_csv(
        out / "structures.csv", encoding="utf-8-sig", dtype={"structure_id": str}
    )
    return {"tests": tests, "structures": structures}


def pooled_sigmas(long: pd.DataFrame, key: str) -> dict[str, float | None]:
    """σ per `key` value from rows (structure, key, value), pooled over the structures with
    two values or more; the edition's σ over every key when a key has under 10 degrees of
    freedom; None when even that has."""
    groups = long.groupby(["structure_id", key])["value"]
    cells = pd.DataFrame({"n": groups.count(), "mean": groups.mean()}).reset_index()
    long = long.merge(cells, on=["structure_id", key])
    long["sq"] = (long["value"] - long["mean"]) ** 2
    repeated = long[long["n"] >= 2]
    df = (cells[cells["n"] >= 2].assign(df=lambda c: c["n"] - 1)).groupby(key)["df"].sum()
    ssd = repeated.groupby(key)["sq"].sum()
    whole_df, whole_ssd = float(df.sum()), float(ssd.sum())
    out: dict[str, float | None] = {}
    for name in cells[key].unique():
        own_df = float(df.get(name, 0))
        if own_df >= MIN_DF:
            out[str(name)] = math.sqrt(float(ssd.get(name, 0.0)) / own_df)
        elif whole_df >= MIN_DF:
            out[str(name)] = math.sqrt(whole_ssd / whole_df)
        else:
            out[str(name)] = None
    return out


def means_with_se(long: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per (structure_id, `key`) of rows (structure, key, value): the mean, the count n and
    the SE σ/√n with σ from `pooled_sigmas` (NaN where σ is None), indexed by the pair."""
    sigma = pooled_sigmas(long, key)
    cells = long.groupby(["structure_id", key])["value"].agg(["mean", "count"])
    cells["se"] = [
        (sigma[c] / math.sqrt(n)) if sigma[c] is not None else np.nan
        for (_, c), n in zip(cells.index, cells["count"], strict=True)
    ]
    return cells


class Recomputed:
    """The edition's channel, global and criterion scores with their SE, from the CSV."""

    def __init__(self, tests: pd.DataFrame, structures: pd.DataFrame) -> None:
        tests = tests[tests["edition"] == EDITION]
        scores = tests[["structure_id", "channel", "score"]].rename(columns={"score": "value"})
        self.channel = means_with_se(scores, "channel")
        per = self.channel.groupby(level="structure_id")
        self.global_ = pd.DataFrame(
            {
                "mean": per["mean"].mean(),
                "se": per["se"].apply(lambda s: math.sqrt((s**2).sum()) / len(s)),
            }
        )
        crit_columns = [c for c in tests.columns if c.startswith("crit_")]
        crits = tests.melt(
            id_vars=["structure_id"], value_vars=crit_columns, var_name="criterion"
        ).dropna(subset=["value"])
        self.criterion = means_with_se(crits, "criterion")
        self.category = structures.set_index("structure_id")["category"]

    @staticmethod
    def interval(mean: float, se: float) -> tuple[float, float]:
        return max(0.0, mean - Z * se), min(100.0, mean + Z * se)

    def rank_interval(self, sid: str, seed: int) -> tuple[int, int]:
        """Our own Monte Carlo: 2,000 draws of every peer's G plus Normal(0, SE²) noise."""
        peers = self.global_[self.category.reindex(self.global_.index) == self.category[sid]]
        values = peers["mean"].to_numpy()
        ses = np.nan_to_num(peers["se"].to_numpy())
        own = int(np.flatnonzero(peers.index == sid)[0])
        rng = np.random.default_rng(seed)
        draws = values + rng.standard_normal((2000, len(values))) * ses
        ranks = 1 + (draws > draws[:, [own]]).sum(axis=1)
        low, high = np.percentile(ranks, [5, 95])
        return math.floor(low), math.ceil(high)


def number(text: str) -> float:
    return float(text.replace("\u202f", "").replace("\u00a0", "").replace(",", "."))


def shown_interval(text: str) -> tuple[float, float]:
    """The "a–b" interval of a page text (French decimals)."""
    match = re.search(r"(\d+,\d)–(\d+,\d)", text)
    assert match, text
    return number(match[1]), number(match[2])


def sample(demo: Dataset) -> list[str]:
    """20 structures audited in 2022, spread over the categories (fixed: same every run)."""
    from dashboard.figures.aggregates import aggregates_for

    editions = aggregates_for(demo).editions_by_structure
    audited = sorted(s for s, eds in editions.items() if EDITION in eds)
    step = len(audited) // STRUCTURES
    return audited[::step][:STRUCTURES]


def test_intervals_and_rank_intervals_agree_with_an_independent_recomputation(
    demo: Dataset, exported: dict[str, pd.DataFrame]
) -> None:
    mine = Recomputed(exported["tests"], exported["structures"])
    checked = {"global": 0, "channel": 0, "criterion": 0, "rank": 0}
    for k, sid in enumerate(sample(demo)):
        state = BenchmarkState(sid, EDITION)
        payload = benchmark_payload(demo, state, named=False)
        assert payload is not None
        cards = {c.name: c for c in payload.cards}
        # G's interval, on the global card.
        low, high = Recomputed.interval(*mine.global_.loc[sid, ["mean", "se"]])
        shown = shown_interval(cards["global"].detail)
        assert shown == pytest.approx((low, high), abs=0.051), sid
        checked["global"] += 1
        # Channels and criteria, in their "see as a table" views.
        view = BenchmarkView(demo, state, named=False)
        for block, table, key, labels in (
            (ids.BENCH_CHANNELS.name, mine.channel, "channel", _channel_labels()),
            (ids.BENCH_CRITERIA.name, mine.criterion, "criterion", _criterion_labels()),
        ):
            shown_table = table_view(SECTION_BY_NAME[block], view)
            headers = [h.replace("\u202f", " ").replace("\u00a0", " ") for h in shown_table.headers]
            at_low = headers.index("Intervalle à 90 % : bas")
            at_high = headers.index("Intervalle à 90 % : haut")
            for row in shown_table.rows:
                name = labels[row[0]]
                if (sid, name) not in table.index or row[at_low] == "–":
                    continue
                mean, se = table.loc[(sid, name), ["mean", "se"]]
                expected = Recomputed.interval(mean, se)
                got = (number(row[at_low]), number(row[at_high]))
                assert got == pytest.approx(expected, abs=0.051), (sid, name)
                checked[key] += 1
        # The rank interval, on the rank card: ours within one rank of the page's.
        match = re.search(r"entre (\d+) et (\d+)", cards["rank"].detail) or re.search(
            r"(\d+) à (\d+) /", cards["rank"].value
        )
        if match is None:  # the interval is one rank: "rang 1 avec 90 % de confiance"
            one = re.search(r"rang (\d+) avec", cards["rank"].detail)
            assert one, cards["rank"]
            page_low = page_high = int(one[1])
        else:
            page_low, page_high = int(match[1]), int(match[2])
        low_rank, high_rank = mine.rank_interval(sid, seed=1000 + k)
        assert abs(low_rank - page_low) <= 1 and abs(high_rank - page_high) <= 1, sid
        checked["rank"] += 1
    assert checked["global"] == checked["rank"] == STRUCTURES
    assert checked["channel"] > 2 * STRUCTURES and checked["criterion"] > 2 * STRUCTURES


def _channel_labels() -> dict[str, str]:
    from dashboard.i18n import channel_label
    from dashboard.intake.schema import CHANNELS

    return {channel_label(c, "fr"): c for c in CHANNELS}


def _criterion_labels() -> dict[str, str]:
    from dashboard.pages.summary import criterion_label

    names = ("accessibility", "responsiveness", "courtesy", "personalisation", "answer_quality",
             "service_commitments")  # fmt: skip
    return {criterion_label(f"crit_{n}", "fr"): f"crit_{n}" for n in names}
