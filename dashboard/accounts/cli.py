"""The command line of accounts, the audit log and dataset versions (issue 14):

    python -m dashboard users add LOGIN --role admin|consultant|manager [--structure ID]...
                                        --password-stdin
    python -m dashboard users list
    python -m dashboard users passwd LOGIN --password-stdin
    python -m dashboard users remove LOGIN
    python -m dashboard audit [--limit N] [--action ACTION]
    python -m dashboard versions
    python -m dashboard activate VERSION

Every change is written to the audit log (actor `cli:<os user>`, address `cli`).
`dashboard.cli.build_parser` adds these commands with `add_commands`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from dashboard.accounts import audit
from dashboard.accounts.db import database_url, engine_for
from dashboard.accounts.users import AccountError, Accounts
from dashboard.cli_common import SubParsers, Translate, add_wait_option, command_group
from dashboard.i18n import count_text, format_number, translate
from dashboard.intake.store import (
    DatasetStore,
    ImportBusy,
    UnknownVersion,
    default_data_dir,
)
from dashboard.policy import ROLES

logger = logging.getLogger(__name__)


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()


def _engine(args: argparse.Namespace) -> Engine:
    return engine_for(database_url(_data_dir(args)))


def record_cli(
    data_dir: Path, action: str, outcome: audit.Outcome, target: str = "", detail: str = ""
) -> None:
    """An audit line for a command run from the shell; a database out of reach is logged,
    and does not fail the command that already did its work."""
    try:
        engine = engine_for(database_url(data_dir))
        audit.record(
            engine,
            actor=audit.cli_actor(),
            address="cli",
            action=action,
            outcome=outcome,
            target=target,
            detail=detail,
        )
    except Exception:
        logger.warning("could not write the audit log", exc_info=True)


def account_error_text(error: AccountError, lang: str) -> str:
    """An AccountError as a sentence (shared by the CLI and the app)."""
    return translate(f"accounts.error.{error.code}", lang, **error.params)


def _read_password(stream: TextIO) -> str:
    """The first line of standard input, without its line end."""
    return stream.readline().rstrip("\r\n")


def cmd_users_add(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    if not args.password_stdin:
        out.write(translate("accounts.cli.password_stdin_needed", lang) + "\n")
        return 2
    password = _read_password(sys.stdin)
    try:
        created = Accounts(_engine(args)).add(args.login, args.role, args.structure, password)
    except AccountError as error:
        out.write(account_error_text(error, lang) + "\n")
        return 1
    record_cli(
        _data_dir(args),
        "user.add",
        "ok",
        created.login,
        f"role={created.role} structures={','.join(created.structures)}",
    )
    out.write(
        translate(
            "accounts.cli.added",
            lang,
            login=created.login,
            role=translate(f"accounts.role.{created.role}", lang),
        )
        + "\n"
    )
    return 0


def cmd_users_list(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    listed = Accounts(_engine(args)).list()
    if not listed:
        out.write(translate("accounts.cli.none", lang) + "\n")
        return 0
    for found in listed:
        line = translate(
            "accounts.cli.list_line",
            lang,
            login=found.login,
            role=translate(f"accounts.role.{found.role}", lang),
        )
        if found.structures:
            line += " " + ", ".join(found.structures)
        out.write(line + "\n")
    out.write(count_text("accounts.cli.count", len(listed), lang) + "\n")
    return 0


def _change_account(
    args: argparse.Namespace,
    out: TextIO,
    change: Callable[[Accounts], str],
    action: str,
    done_key: str,
) -> int:
    """Apply `change` to the accounts of the data folder, `change` returning the login it
    changed; the exit status.

    Refused (an AccountError): its sentence on `out`, status 1, nothing written to the audit
    log. Done: the audit line (`action`, outcome "ok", the login), then the catalog sentence
    `done_key` (with `login`) on `out`, status 0.
    """
    try:
        login = change(Accounts(_engine(args)))
    except AccountError as error:
        out.write(account_error_text(error, args.lang) + "\n")
        return 1
    record_cli(_data_dir(args), action, "ok", login)
    out.write(translate(done_key, args.lang, login=login) + "\n")
    return 0


def cmd_users_passwd(args: argparse.Namespace, out: TextIO) -> int:
    if not args.password_stdin:
        out.write(translate("accounts.cli.password_stdin_needed", args.lang) + "\n")
        return 2

    def set_password(accounts: Accounts) -> str:
        return accounts.set_password(args.login, _read_password(sys.stdin)).login

    return _change_account(args, out, set_password, "password", "accounts.cli.password_set")


def cmd_users_remove(args: argparse.Namespace, out: TextIO) -> int:
    def remove(accounts: Accounts) -> str:
        accounts.remove(args.login)
        return str(args.login)

    return _change_account(args, out, remove, "user.remove", "accounts.cli.removed")


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    lines = audit.entries(_engine(args), limit=args.limit, action=args.action or None)
    for entry in lines:
        out.write(
            "\t".join(
                [
                    entry.at.isoformat(timespec="seconds"),
                    entry.actor,
                    entry.address,
                    entry.action,
                    entry.target,
                    entry.outcome,
                    entry.detail,
                ]
            )
            + "\n"
        )
    if not lines:
        out.write(translate("accounts.cli.audit_empty", lang) + "\n")
    return 0


def cmd_versions(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    store = DatasetStore(_data_dir(args))
    listed = store.versions()
    if not listed:
        out.write(translate("accounts.cli.no_versions", lang) + "\n")
        return 0
    for version in listed:
        out.write(
            translate(
                "accounts.cli.version_line",
                lang,
                mark="*" if version.active else " ",
                version=version.version,
                when=version.imported_at or "?",
                who=version.imported_by or "?",
                source=version.source,
                structures=format_number(version.structures or 0, lang, 0),
                tests=format_number(version.tests or 0, lang, 0),
            )
            + "\n"
        )
    return 0


def cmd_activate(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    store = DatasetStore(_data_dir(args))
    try:
        version = store.activate_version(args.version, wait=args.wait)
    except UnknownVersion:
        known = ", ".join(v.version for v in store.versions()) or "–"
        out.write(
            translate("accounts.cli.unknown_version", lang, version=args.version[:40], known=known)
            + "\n"
        )
        return 1
    except ImportBusy as exc:
        out.write(translate("cli.import_busy", lang, seconds=format_number(exc.waited, lang, 0)))
        out.write("\n")
        return 1
    record_cli(_data_dir(args), "activate", "ok", version.version, version.source)
    out.write(translate("accounts.cli.activated", lang, version=version.version) + "\n")
    return 0


def add_commands(sub: SubParsers, parents: list[argparse.ArgumentParser], t: Translate) -> None:
    """`users add|list|passwd|remove`, `audit`, `versions`, `activate` (`parents`: --lang,
    --data-dir)."""
    commands = command_group(sub, "users", parents, t("accounts.cli.help.users"))

    p = commands.add_parser("add", parents=parents, help=t("accounts.cli.help.add"))
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--role", required=True, choices=ROLES, help=t("accounts.cli.help.role"))
    p.add_argument(
        "--structure",
        action="append",
        default=[],
        metavar="ID",
        help=t("accounts.cli.help.structure"),
    )
    p.add_argument("--password-stdin", action="store_true", help=t("accounts.cli.help.stdin"))
    p.set_defaults(handler=cmd_users_add)

    p = commands.add_parser("list", parents=parents, help=t("accounts.cli.help.list"))
    p.set_defaults(handler=cmd_users_list)

    p = commands.add_parser("passwd", parents=parents, help=t("accounts.cli.help.passwd"))
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--password-stdin", action="store_true", help=t("accounts.cli.help.stdin"))
    p.set_defaults(handler=cmd_users_passwd)

    p = commands.add_parser("remove", parents=parents, help=t("accounts.cli.help.remove"))
    p.add_argument("login", metavar="LOGIN")
    p.set_defaults(handler=cmd_users_remove)

    p = sub.add_parser("audit", parents=parents, help=t("accounts.cli.help.audit"))
    p.add_argument("--limit", type=int, default=200, metavar="N")
    p.add_argument("--action", default=None, choices=audit.ACTIONS)
    p.set_defaults(handler=cmd_audit)

    p = sub.add_parser("versions", parents=parents, help=t("accounts.cli.help.versions"))
    p.set_defaults(handler=cmd_versions)

    p = sub.add_parser("activate", parents=parents, help=t("accounts.cli.help.activate"))
    p.add_argument("version", metavar="VERSION")
    add_wait_option(p, t)
    p.set_defaults(handler=cmd_activate)
