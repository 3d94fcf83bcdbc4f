"""What the command groups of `python -m dashboard` share when they build their parsers:
dashboard/cli.py (data, reports, public indicators) and dashboard/accounts/cli.py (accounts,
the audit log, dataset versions).

Help texts come from the catalog through `t`, a catalog key's text in the help's language.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeAlias

from dashboard.intake.store import DEFAULT_IMPORT_WAIT_SECONDS

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Translate: TypeAlias = Callable[[str], str]


def command_group(
    sub: SubParsers, name: str, parents: list[argparse.ArgumentParser], help_text: str
) -> SubParsers:
    """The command `name` (e.g. `users`), whose own commands are added to the parsers it
    returns; one of them is required, its name in `args.<name>_command`.

    `parents` give the options every command of the group takes (--lang, --data-dir).
    """
    group = sub.add_parser(name, parents=parents, help=help_text)
    return group.add_subparsers(dest=f"{name}_command", required=True, metavar="COMMAND")


def add_wait_option(parser: argparse.ArgumentParser, t: Translate) -> None:
    """`--wait SECONDS` into `args.wait` (a float, DEFAULT_IMPORT_WAIT_SECONDS when not given):
    how long a command that changes the data folder waits for another import to finish
    before it gives up (dashboard.intake.store.ImportBusy)."""
    parser.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_IMPORT_WAIT_SECONDS,
        metavar="SECONDS",
        help=t("cli.help.wait"),
    )
