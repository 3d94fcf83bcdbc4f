"""What the engine benchmark runs in a fresh process, for cold numbers and a clean peak RSS.

    python -m benchmarks.probes load STORE_ROOT OUT_JSON
    python -m benchmarks.probes import CSV_DIR STORE_ROOT OUT_JSON

Each writes its timings and its peak resident memory into OUT_JSON. Only the standard library
is imported before the clock starts, so the import of pandas and the dashboard modules is timed
(and reported) apart.

The peak is the kernel's high-water mark of this process's own memory (VmHWM), not
getrusage(): Linux carries ru_maxrss across exec(), so a child spawned by a large parent
reports the parent's size (wait4 and RUSAGE_CHILDREN included).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

# Standard library only, like this module: nothing heavy is imported before the clock starts.
from devtools.serving import proc_status_kb


def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB: VmHWM, else (not Linux) ru_maxrss."""
    hwm = proc_status_kb(os.getpid()).get("VmHWM")
    if hwm is not None:
        return hwm
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


def probe_load(store_root: Path) -> dict[str, Any]:
    """Cold load: import the store module, then a fresh DatasetStore's active dataset."""
    started = time.perf_counter()
    from dashboard.intake.store import DatasetStore

    imported = time.perf_counter()
    cpu = time.process_time()
    dataset = DatasetStore(store_root).active()
    loaded = time.perf_counter()
    return {
        "import_s": imported - started,
        "active_s": loaded - imported,
        "active_cpu_s": time.process_time() - cpu,
        "version": dataset.version,
        "structures": len(dataset.structures),
        "tests": len(dataset.tests),
        "peak_rss_kb": peak_rss_kb(),
    }


def probe_import(csv_dir: Path, store_root: Path) -> dict[str, Any]:
    """Validate and import the CSV folder into an empty store, noting when each stage began."""
    started = time.perf_counter()
    from dashboard.intake.store import DatasetStore

    imported = time.perf_counter()
    stages: list[dict[str, Any]] = []

    def progress(stage: str, fraction: float) -> None:
        stages.append(
            {
                "stage": stage.rsplit(".", 1)[-1],
                "fraction": fraction,
                "at_s": time.perf_counter() - imported,
                "memory_kb": proc_status_kb(os.getpid()),
            }
        )

    cpu = time.process_time()
    store = DatasetStore(store_root)
    result = store.import_path(csv_dir, progress=progress)
    finished = time.perf_counter()
    cpu_s = time.process_time() - cpu
    stages.append(
        {
            "stage": "stored",
            "fraction": 1.0,
            "at_s": finished - imported,
            "memory_kb": proc_status_kb(os.getpid()),
        }
    )
    return {
        "import_s": imported - started,
        "validate_import_s": finished - imported,
        "validate_import_cpu_s": cpu_s,
        "ok": result.ok,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "active_version": store.active_version(),
        "stages": stages,
        "peak_rss_kb": peak_rss_kb(),
    }


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "load":
        outcome = probe_load(Path(argv[1]))
    elif len(argv) == 4 and argv[0] == "import":
        outcome = probe_import(Path(argv[1]), Path(argv[2]))
    else:
        sys.stderr.write(__doc__ or "")
        return 2
    Path(argv[-1]).write_text(json.dumps(outcome), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
