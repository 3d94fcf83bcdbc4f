"""The audit log: every login (success or failure), logout, password change, user change,
upload, import, activation of a dataset or of a stored version, with who, when, from where and
what (issue 14, point 7). Written by the app and the CLI; read by the admin page and
`python -m dashboard audit`."""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dashboard.accounts.db import AuditEntry, utcnow

Outcome = Literal["ok", "failed", "refused"]
ACTIONS: Final[tuple[str, ...]] = (
    "login",
    "logout",
    "password",  # one's own password changed (app) or set (CLI)
    "user.add",
    "user.change",
    "user.remove",
    "upload",  # a file received and validated in the app
    "import",  # a dataset or an indicator table made active (app or CLI)
    "activate",  # a stored dataset version made active again
)
TEXT_MAX: Final = 256
DETAIL_MAX: Final = 2000


def cli_actor() -> str:
    """Who runs the command line: `cli:<os user>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no user name in this environment
        return "cli"


@dataclass(frozen=True)
class Entry:
    """One audit line, as read."""

    at: datetime
    actor: str
    address: str
    action: str
    target: str
    outcome: str
    detail: str


def record(
    engine: Engine,
    *,
    actor: str,
    address: str,
    action: str,
    outcome: Outcome,
    target: str = "",
    detail: str = "",
) -> None:
    """Add one line (texts cut to the column sizes: a forged login can be any length)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with Session(engine) as session, session.begin():
        session.add(
            AuditEntry(
                at=utcnow(),
                actor=printable(actor)[:128],
                address=printable(address)[:64],
                action=action,
                target=printable(target)[:TEXT_MAX],
                outcome=outcome,
                detail=printable(detail)[:DETAIL_MAX],
            )
        )


def printable(text: str) -> str:
    """`text` with its control characters (a forged login's CR, LF, ESC…) as "?": a line of
    the log stays one line, and a terminal reading it is never driven by it."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def entries(
    engine: Engine,
    *,
    limit: int = 200,
    action: str | None = None,
    actor: str | None = None,
) -> list[Entry]:
    """The latest lines first, at most `limit`, optionally of one action or one actor."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    with Session(engine) as session:
        rows: Sequence[AuditEntry] = session.scalars(query.limit(max(1, limit))).all()
        return [
            Entry(r.at, r.actor, r.address, r.action, r.target, r.outcome, r.detail) for r in rows
        ]
