"""The app benchmark's command line: `python -m benchmarks app [options]`, its defaults, and
the files it reads and writes in its output folder (--out DIR).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.options import add_number, add_out, add_scales

NAME = "app"
DESCRIPTION = "the app under gunicorn: callbacks, first loads, memory, 50- and 200-user load tests"
REPO_ROOT = Path(__file__).resolve().parents[2]
BASELINE_NAME = "before"  # DIR/before/results.json: the run the results are compared with
NOTES_NAME = "notes.md"  # DIR/notes.md, hand-written (what changed and why), put in results.md

DEFAULT_SCALES = (1, 10, 100)
LARGE_SCALE = 100  # from this scale on, fewer views and browser runs keep the run short
DEFAULT_VIEWS = 12
DEFAULT_LARGE_VIEWS = 4
DEFAULT_BROWSER_RUNS = 5
DEFAULT_LARGE_BROWSER_RUNS = 2
DEFAULT_FLOOR_RUNS = 200
LOAD_SCALE = 10
LOAD_USERS = 50
HEAVY_USERS = 200  # issue 13: a second load run, results day at 10x
LOAD_DURATION_S = 60.0
LOAD_THINK_S = (2.0, 6.0)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The app benchmark's options, on its subcommand's `parser`."""
    add_scales(parser, "serve", DEFAULT_SCALES)
    add_number(
        parser,
        "--views",
        DEFAULT_VIEWS,
        "views of each page replayed",
        f"{DEFAULT_LARGE_VIEWS} from {LARGE_SCALE}x on",
    )
    add_number(
        parser,
        "--browser-runs",
        DEFAULT_BROWSER_RUNS,
        "first loads of each page",
        f"{DEFAULT_LARGE_BROWSER_RUNS} from {LARGE_SCALE}x on",
    )
    add_number(parser, "--floor-runs", DEFAULT_FLOOR_RUNS, "calls of the no-op callback")
    add_number(parser, "--load-scale", LOAD_SCALE, "scale of the load test", "0 skips it")
    add_number(parser, "--users", LOAD_USERS, "simulated users")
    add_number(parser, "--heavy-users", HEAVY_USERS, "users of the second load run", "0 skips it")
    add_number(parser, "--duration", LOAD_DURATION_S, "seconds of load", kind=float)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=LOAD_THINK_S,
        metavar=("MIN", "MAX"),
        help="seconds a user waits between two actions, drawn uniformly "
        f"(default {LOAD_THINK_S[0]:.0f} {LOAD_THINK_S[1]:.0f})",
    )
    add_number(parser, "--workers", 2, "gunicorn workers")
    parser.add_argument(
        "--gunicorn-arg",
        dest="gunicorn_args",
        action="append",
        default=[],
        metavar="ARG",
        help="extra gunicorn argument (repeatable), e.g. "
        "--gunicorn-arg=--threads=4; gunicorn.conf.py applies otherwise",
    )
    parser.add_argument(
        "--anonymous",
        action="store_true",
        help="serve in open mode (no account: peers anonymous, the comparison callbacks "
        "then answer at once); default: every simulated user signs in as a consultant "
        "(peers named), every callback does its work",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite DIR/results.md (and the budgets of results.json) from "
        "DIR/results.json, e.g. after editing DIR/notes.md",
    )
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=REPO_ROOT,
        help="serve (and import with) the app in this folder, e.g. a copy of an older "
        "revision to compare with (default: this repository)",
    )
    parser.add_argument("--seed", type=int, default=5, help="random seed of the views")
    parser.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="an earlier results.json to compare with (default: "
        f"DIR/{BASELINE_NAME}/results.json when it exists)",
    )
    add_out(parser, NAME)
