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


def test_the_warning_names_ten_accounts_at_most_in_both_languages() -> None:
    from types import SimpleNamespace

    from callbacks.uploads import STRANDED_SHOWN, stranded_warning

    managers = [
        account(f"m{n:02d}", "manager", *(f"GONE-{k}" for k in range(12))) for n in range(13)
    ]
    services = SimpleNamespace(accounts=SimpleNamespace(list=lambda: managers))
    for lang, plural, more in (("fr", "13 comptes de gestionnaire", "et 3 autres"),
                               ("en", "13 manager accounts", "and 3 more")):  # fmt: skip
        [box] = stranded_warning(services, frozenset({"S1"}), lang)  # type: ignore[arg-type]
        text = str(box.children[0]).replace("\u202f", " ").replace("\u00a0", " ")
        assert plural in text and more in text
        assert "m09 (GONE-0" in text and "m10" not in text
        assert f"GONE-{STRANDED_SHOWN - 1}, …)" in text and f"GONE-{STRANDED_SHOWN}" not in text
    nobody = SimpleNamespace(accounts=SimpleNamespace(list=lambda: []))
    assert stranded_warning(nobody, frozenset(), "fr") == []  # type: ignore[arg-type]
