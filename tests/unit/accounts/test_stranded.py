"""Managers a new dataset would leave without their structures (said before « Activer »)."""

from __future__ import annotations

from dashboard.accounts.users import Account, stranded_managers


def account(login: str, role: str, *structures: str) -> Account:
    return Account(id=1, login=login, role=role, structures=structures, session_epoch=0)  # type: ignore[arg-type]


def test_only_managers_with_a_structure_the_dataset_lacks_by_login() -> None:
    accounts = [
        account("zoe", "manager", "S1", "GONE-2"),
        account("ada", "admin"),
        account("carl", "consultant"),
        account("mia", "manager", "GONE-1"),
        account("max", "manager", "S1", "S2"),
    ]
    assert stranded_managers(accounts, {"S1", "S2", "S3"}) == [
        ("mia", ("GONE-1",)),
        ("zoe", ("GONE-2",)),
    ]
    assert stranded_managers(accounts, {"S1", "S2", "GONE-1", "GONE-2"}) == []
    assert stranded_managers([], set()) == []
