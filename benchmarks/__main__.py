"""`python -m benchmarks`: speed measured by scripts, with percentiles over runs, never by timed
tests (the machines are shared and noisy). See benchmarks/README.md.

    python -m benchmarks engine [--scale N]... [--runs N] [--out DIR]   one benchmark
    python -m benchmarks app [--scale N]... [--out DIR]                 the served app
    python -m benchmarks [--out DIR]                                    all, into DIR/<name>/

A benchmark is a module with NAME, DESCRIPTION, add_arguments(parser) and run(args) -> int;
adding one is adding it to BENCHMARKS.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import ModuleType

from benchmarks import app, engine, reports

BENCHMARKS: dict[str, ModuleType] = {module.NAME: module for module in (engine, app, reports)}
DEFAULT_RESULTS = Path(__file__).resolve().parent / "results"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run a benchmark, or every benchmark with its defaults when none is named.",
    )
    parser.add_argument(
        "--out",
        dest="results_root",
        type=Path,
        default=DEFAULT_RESULTS,
        help="without a benchmark name: where each writes its folder (default benchmarks/results)",
    )
    commands = parser.add_subparsers(dest="benchmark", metavar="BENCHMARK")
    for name, module in BENCHMARKS.items():
        sub = commands.add_parser(name, help=module.DESCRIPTION, description=module.__doc__)
        sub.formatter_class = argparse.RawDescriptionHelpFormatter
        module.add_arguments(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.benchmark is not None:
        return int(BENCHMARKS[args.benchmark].run(args))
    status = 0
    for name, module in BENCHMARKS.items():
        own = parser.parse_args([name, "--out", str(args.results_root / name)])
        status = max(status, int(module.run(own)))
    return status


if __name__ == "__main__":
    sys.exit(main())
