"""The policy (dashboard/policy.py): the one table of who may see what."""

from __future__ import annotations

import pytest

from dashboard import policy
from dashboard.policy import OPEN_MODE, account

ADMIN = account("ada", "admin")
CONSULTANT = account("carl", "consultant")
MANAGER = account("mia", "manager", ["A", "B"])
IDS = ["A", "B", "C"]


def test_open_mode_is_the_demo_of_today() -> None:
    assert OPEN_MODE.is_open_mode and OPEN_MODE.describe() == "anonymous (open mode)"
    assert policy.visible_structures(OPEN_MODE, IDS) == set(IDS)
    assert not policy.can_see_names(OPEN_MODE)
    assert not policy.can_download_dataset(OPEN_MODE)
    assert not policy.can_compare(OPEN_MODE)
    assert not policy.can_import(OPEN_MODE) and not policy.can_manage_users(OPEN_MODE)


def test_a_manager_sees_its_structures_anonymously() -> None:
    assert policy.visible_structures(MANAGER, IDS) == {"A", "B"}
    assert policy.visible_structures(MANAGER, ["C"]) == set()
    assert policy.can_view_structure(MANAGER, "A")
    assert not policy.can_view_structure(MANAGER, "C")
    assert not policy.can_see_names(MANAGER) and not policy.can_compare(MANAGER)
    assert not policy.can_download_dataset(MANAGER)
    assert policy.can_view_overview(MANAGER)
    assert not policy.can_import(MANAGER) and not policy.can_read_audit(MANAGER)


@pytest.mark.parametrize("viewer", [ADMIN, CONSULTANT])
def test_consultants_and_admins_see_everything_named(viewer: policy.Viewer) -> None:
    assert policy.visible_structures(viewer, IDS) == set(IDS)
    assert policy.can_see_names(viewer) and policy.can_compare(viewer)
    assert policy.can_download_dataset(viewer)


def test_only_admins_import_manage_users_and_read_the_audit() -> None:
    for viewer in (OPEN_MODE, MANAGER, CONSULTANT):
        assert not policy.can_import(viewer)
        assert not policy.can_manage_users(viewer)
        assert not policy.can_read_audit(viewer)
    assert policy.can_import(ADMIN) and policy.can_manage_users(ADMIN)
    assert policy.can_read_audit(ADMIN)


def test_only_managers_keep_structures() -> None:
    assert account("x", "consultant", ["A"]).structures == frozenset()
    assert MANAGER.describe() == "mia (manager)"
