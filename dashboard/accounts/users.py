"""Accounts: add, list, change the password of, remove, and check a login (issue 14, point 1).

Passwords are hashed with Argon2id at OWASP's recommended setting (Password Storage Cheat
Sheet: 19 MiB of memory, 2 iterations, 1 lane): about 50 ms a check on this project's 2-core
machines, against 600 ms for argon2-cffi's default (64 MiB, 3 iterations, 4 lanes), which on
results day would let a burst of sign-ins hold every sync worker for seconds
(benchmarks/: the load test signs its users in). A hash made with other settings is checked
all the same and rehashed at its next login. An unknown login costs a hash check too, so
timing does not tell which logins exist.
A manager is bound to one or more structure ids; admins and consultants to none.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from dashboard.accounts.db import LOGIN_MAX, User, utcnow
from dashboard.policy import ROLES, Role, Viewer, account

LOGIN_PATTERN: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
PASSWORD_MIN: Final = 10
PASSWORD_MAX: Final = 1024  # Argon2 hashes any length; a bound keeps a forged form cheap
STRUCTURE_ID_MAX: Final = 64
_HASHER: Final = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_DUMMY_HASH: Final = _HASHER.hash("not a password of anyone")


class AccountError(ValueError):
    """A refused change: `code` names the reason (a catalog key's last part), `params` its
    values."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


@dataclass(frozen=True)
class Account:
    """An account as the app and the CLI see it (no hash)."""

    id: int
    login: str
    role: Role
    structures: tuple[str, ...]
    session_epoch: int

    @property
    def viewer(self) -> Viewer:
        return account(self.login, self.role, self.structures)

    @property
    def session_id(self) -> str:
        """What the session cookie names: the account and its password's epoch."""
        return f"{self.id}:{self.session_epoch}"


def _account(user: User) -> Account:
    role = user.role if user.role in ROLES else "manager"
    structures = tuple(s for s in user.structures.split("\n") if s)
    return Account(user.id, user.login, role, structures, user.session_epoch)


def stranded_managers(
    accounts: Iterable[Account], structure_ids: Collection[str]
) -> list[tuple[str, tuple[str, ...]]]:
    """The managers bound to structures that `structure_ids` (a dataset's) lacks, as
    (login, those structures), by login: once that dataset is active they no longer see
    them (a manager sees its own structures only, dashboard.policy), until an administrator
    changes their account."""
    known = set(structure_ids)
    out = []
    for item in sorted(accounts, key=lambda a: a.login):
        missing = tuple(s for s in item.structures if s not in known)
        if item.role == "manager" and missing:
            out.append((item.login, missing))
    return out


def check_login(login: str) -> str:
    if not isinstance(login, str) or not LOGIN_PATTERN.fullmatch(login):
        raise AccountError("bad_login", max=LOGIN_MAX)
    return login


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise AccountError("password_short", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise AccountError("password_long", max=PASSWORD_MAX)
    return password


def check_role(role: str, structures: Iterable[str]) -> tuple[Role, tuple[str, ...]]:
    if role not in ROLES:
        raise AccountError("bad_role", roles=", ".join(ROLES))
    bound = tuple(dict.fromkeys(s.strip() for s in structures if s and s.strip()))
    if any(len(s) > STRUCTURE_ID_MAX or "\n" in s for s in bound):
        raise AccountError("bad_structure")
    if role == "manager" and not bound:
        raise AccountError("manager_needs_structure")
    if role != "manager" and bound:
        raise AccountError("structure_not_for_role", role=role)
    return role, bound


class Accounts:
    """The accounts of one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def any_exist(self) -> bool:
        """Whether at least one account exists (else the app runs in open mode)."""
        with Session(self.engine) as session:
            return session.scalar(select(User.id).limit(1)) is not None

    def count(self) -> int:
        with Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(User)) or 0)

    def list(self) -> list[Account]:
        with Session(self.engine) as session:
            return [_account(u) for u in session.scalars(select(User).order_by(User.login))]

    def get(self, login: str) -> Account | None:
        with Session(self.engine) as session:
            user = session.scalar(select(User).where(User.login == login))
            return _account(user) if user else None

    def by_session_id(self, session_id: str) -> Account | None:
        """The account a session names (`id:epoch`), None if it is gone or its password
        changed since."""
        user_id, _, epoch = session_id.partition(":")
        if not user_id.isdigit() or not epoch.isdigit() or len(session_id) > 40:
            return None
        with Session(self.engine) as session:
            user = session.get(User, int(user_id))
            if user is None or user.session_epoch != int(epoch):
                return None
            return _account(user)

    def add(self, login: str, role: str, structures: Iterable[str], password: str) -> Account:
        check_login(login)
        checked_role, bound = check_role(role, structures)
        check_password(password)
        with Session(self.engine) as session, session.begin():
            if session.scalar(select(User.id).where(User.login == login)) is not None:
                raise AccountError("login_taken", login=login)
            user = User(
                login=login,
                role=checked_role,
                structures="\n".join(bound),
                password_hash=_HASHER.hash(password),
                session_epoch=0,
                created_at=utcnow(),
                updated_at=utcnow(),
            )
            session.add(user)
            session.flush()
            return _account(user)

    def change(self, login: str, role: str, structures: Iterable[str]) -> Account:
        """Change an account's role and structures (its sessions end: the epoch grows)."""
        checked_role, bound = check_role(role, structures)
        with Session(self.engine) as session, session.begin():
            user = session.scalar(select(User).where(User.login == login))
            if user is None:
                raise AccountError("unknown_login", login=login)
            user.role = checked_role
            user.structures = "\n".join(bound)
            user.session_epoch += 1
            user.updated_at = utcnow()
            return _account(user)

    def set_password(self, login: str, password: str) -> Account:
        """A new password; every session of the account ends (the epoch grows)."""
        check_password(password)
        with Session(self.engine) as session, session.begin():
            user = session.scalar(select(User).where(User.login == login))
            if user is None:
                raise AccountError("unknown_login", login=login)
            user.password_hash = _HASHER.hash(password)
            user.session_epoch += 1
            user.updated_at = utcnow()
            return _account(user)

    def end_sessions(self, login: str) -> None:
        """End every session of the account (the epoch grows): signing out. The session is a
        signed cookie, so a copy of it would otherwise go on working until it expires."""
        with Session(self.engine) as session, session.begin():
            user = session.scalar(select(User).where(User.login == login))
            if user is not None:
                user.session_epoch += 1

    def remove(self, login: str) -> None:
        with Session(self.engine) as session, session.begin():
            user = session.scalar(select(User).where(User.login == login))
            if user is None:
                raise AccountError("unknown_login", login=login)
            session.delete(user)

    def authenticate(self, login: str, password: str) -> Account | None:
        """The account if `password` is its password, else None (same cost either way)."""
        if not isinstance(login, str) or not isinstance(password, str):
            return None
        if len(password) > PASSWORD_MAX or len(login) > LOGIN_MAX:
            return None
        with Session(self.engine) as session:
            user = session.scalar(select(User).where(User.login == login))
            stored = user.password_hash if user is not None else _DUMMY_HASH
            try:
                _HASHER.verify(stored, password)
            except (VerificationError, InvalidHashError):
                return None
            if user is None:
                return None
            if _HASHER.check_needs_rehash(stored):
                with session.begin_nested():
                    user.password_hash = _HASHER.hash(password)
                session.commit()
            return _account(user)
