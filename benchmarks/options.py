"""Command-line options the benchmark subcommands share (`python -m benchmarks NAME --help`).

Each helper adds one option to a subcommand's parser and writes its help from the same values
the option uses, so that a default and the help that states it cannot drift apart.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

RESULTS_ROOT = Path(__file__).resolve().parent / "results"


def _shown(value: float) -> str:
    """A default as its help states it: 5 as "5", 60.0 as "60", 0.5 as "0.5"."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def add_scales(parser: argparse.ArgumentParser, purpose: str, defaults: Sequence[int]) -> None:
    """`--scale N`, repeatable, into `args.scales`: a list of ints, or None when the option is
    not given (the benchmark then measures at `defaults`, demo scales like (1, 10, 100)).

    Help: "demo scale to <purpose> (repeatable; default: 1, 10 and 100)".
    """
    *first, last = (str(scale) for scale in defaults)
    parser.add_argument(
        "--scale",
        dest="scales",
        type=int,
        action="append",
        metavar="N",
        help=f"demo scale to {purpose} (repeatable; default: {', '.join(first)} and {last})",
    )


def add_number(
    parser: argparse.ArgumentParser,
    flag: str,
    default: float,
    what: str,
    note: str = "",
    kind: type[int] | type[float] = int,
) -> None:
    """`flag` taking one number of type `kind` (int, or float), `default` when not given.

    Help: "<what> (default <default>)", or "<what> (default <default>; <note>)" with a note
    such as "0 skips it"; a float default is shown as %g (60.0 as "60").
    """
    shown = _shown(default) + (f"; {note}" if note else "")
    parser.add_argument(flag, type=kind, default=default, help=f"{what} (default {shown})")


def add_out(parser: argparse.ArgumentParser, name: str) -> None:
    """`--out DIR` into `args.out` (a Path): the folder of the benchmark `name`'s results.json
    and results.md, by default benchmarks/results/<name>."""
    parser.add_argument(
        "--out",
        type=Path,
        default=RESULTS_ROOT / name,
        help=f"folder for results.json and results.md (default benchmarks/results/{name})",
    )
