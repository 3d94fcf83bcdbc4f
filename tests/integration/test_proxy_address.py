"""Behind the proxy the README asks for (DASHBOARD_TRUSTED_PROXIES=1), the client's address the
login limits and the audit log see is the one the proxy forwards; without it, a forwarded
address a client writes itself is ignored (callbacks.security.client_address)."""

from __future__ import annotations

from pathlib import Path

import pytest

from callbacks.security import client_address
from dashboard.settings import Settings


@pytest.mark.parametrize(("proxies", "seen"), [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_the_client_address_is_the_forwarded_one_only_behind_a_trusted_proxy(
    tmp_path: Path, proxies: int, seen: str
) -> None:
    from app import create_app

    server = create_app(Settings(data_dir=tmp_path / "data", trusted_proxies=proxies)).server
    server.add_url_rule("/test-who", "test_who", client_address)  # open mode: no gate
    answer = server.test_client().get(
        "/test-who",
        headers={"X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "127.0.0.1"},
    )
    assert answer.status_code == 200 and answer.get_data(as_text=True) == seen
    assert Settings.from_env({"DASHBOARD_TRUSTED_PROXIES": "1"}).trusted_proxies == 1
