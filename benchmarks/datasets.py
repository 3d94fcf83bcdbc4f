"""Benchmark datasets: the demo generator at a scale, built once and kept under benchmarks/.cache/.

Each scale is kept as a `DatasetStore` data directory whose active dataset is that scale (what
a worker loads) and, on request, as a CSV folder in the contract format (what a user imports).
The cache key hashes the sources that decide what is cached, so a changed generator, schema,
store or CSV writer rebuilds it instead of benchmarking stale files.
"""

from __future__ import annotations

import gc
import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dashboard
from dashboard.intake.demo import DEMO_SEED, generate_demo
from dashboard.intake.export import write_dataset
from dashboard.intake.model import Dataset
from dashboard.intake.schema import TestCol
from dashboard.intake.store import DatasetStore

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
# Modules of dashboard/ whose code decides the bytes cached.
_KEY_MODULES = (
    "intake/demo.py",
    "intake/model.py",
    "intake/schema.py",
    "intake/store.py",
    "intake/export.py",
)
_INFO_FILE = "info.json"
_CSV_INFO_FILE = "csv.json"

Log = Callable[[str], None]


@dataclass(frozen=True)
class PreparedScale:
    """One scale of the demo, ready to benchmark."""

    scale: int
    store_root: Path  # a DatasetStore data directory whose active dataset is this scale
    csv_dir: Path | None  # structures.csv + tests.csv, when asked for
    info: dict[str, Any]  # sizes and, when built by this run, how long building took


def cache_key() -> str:
    """A short hash of the generator seed and of the dashboard/ sources the cache depends on."""
    digest = hashlib.sha256(str(DEMO_SEED).encode())
    package = Path(dashboard.__file__).resolve().parent
    for name in _KEY_MODULES:
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:12]


def prune_stale(keep: str) -> None:
    """Remove cached datasets of other keys (each 100x is about 400 MB)."""
    if not CACHE_DIR.is_dir():
        return
    for child in CACHE_DIR.iterdir():
        if child.is_dir() and child.name != keep and not child.name.startswith("."):
            shutil.rmtree(child, ignore_errors=True)


def _describe(dataset: Dataset) -> dict[str, Any]:
    per_edition = dataset.tests.groupby(TestCol.EDITION)[TestCol.STRUCTURE_ID].nunique()
    return {
        "version": dataset.version,
        "structures": len(dataset.structures),
        "tests": len(dataset.tests),
        "editions": dataset.editions,
        "structures_per_edition": {
            "mean": round(float(per_edition.mean()), 1),
            "min": int(per_edition.min()),
            "max": int(per_edition.max()),
        },
    }


def prepare(scale: int, *, csv: bool, log: Log) -> PreparedScale:
    """The demo at `scale`, from the cache or built now (and cached)."""
    folder = CACHE_DIR / cache_key() / f"scale-{scale}"
    store_root = folder / "store"
    info_path = folder / _INFO_FILE
    csv_dir = folder / "csv"
    building: dict[str, float] = {}
    dataset: Dataset | None = None

    if info_path.exists():
        info: dict[str, Any] = json.loads(info_path.read_text("utf-8"))
        log(f"{scale}x: cached in {folder}")
    else:
        log(f"{scale}x: generating the demo at this scale...")
        started = time.perf_counter()
        structures, tests = generate_demo(DEMO_SEED, scale)
        building["generate_s"] = time.perf_counter() - started
        started = time.perf_counter()
        dataset = Dataset.build(structures, tests, source=f"demo-{scale}x")
        del structures, tests
        building["dataset_build_s"] = time.perf_counter() - started
        if store_root.exists():
            shutil.rmtree(store_root)  # left by an interrupted run
        started = time.perf_counter()
        DatasetStore(store_root).activate(dataset, source_name=f"demo-{scale}x")
        building["store_activate_s"] = time.perf_counter() - started
        info = _describe(dataset)
        info_path.write_text(json.dumps(info, indent=2), "utf-8")

    csv_info_path = folder / _CSV_INFO_FILE
    if csv and not csv_info_path.exists():
        if dataset is None:
            dataset = DatasetStore(store_root).active()
        log(f"{scale}x: writing the CSV folder...")
        staging = folder / ".csv-staging"
        shutil.rmtree(staging, ignore_errors=True)
        started = time.perf_counter()
        written = write_dataset(dataset, staging, "csv")
        building["csv_write_s"] = time.perf_counter() - started
        sizes = {path.name: path.stat().st_size for path in written}
        shutil.rmtree(csv_dir, ignore_errors=True)
        staging.rename(csv_dir)
        # Written last: its presence says the folder is complete.
        csv_info_path.write_text(json.dumps({"bytes": sizes}, indent=2), "utf-8")

    if csv:
        info = {**info, "csv_bytes": json.loads(csv_info_path.read_text("utf-8"))["bytes"]}
    if building:
        info = {**info, "built_now": {k: round(v, 3) for k, v in building.items()}}
    del dataset
    gc.collect()
    return PreparedScale(scale, store_root, csv_dir if csv else None, info)
