"""The session key (dashboard/accounts/sessions.py): DASHBOARD_SECRET_KEY, else generated once
into the data directory, readable by its owner only, the same for every process after."""

from __future__ import annotations

import stat
from pathlib import Path

from dashboard.accounts.sessions import safe_next, secret_key


def test_the_key_is_generated_once_with_mode_0600(tmp_path: Path) -> None:
    first = secret_key(tmp_path / "data", {})
    assert len(first) >= 40
    assert secret_key(tmp_path / "data", {}) == first
    mode = stat.S_IMODE((tmp_path / "data" / "secret_key").stat().st_mode)
    assert mode == 0o600
    assert not [p for p in (tmp_path / "data").iterdir() if p.name.startswith(".")]


def test_the_environment_wins(tmp_path: Path) -> None:
    assert secret_key(tmp_path, {"DASHBOARD_SECRET_KEY": "from-env"}) == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_after_login_only_this_apps_paths() -> None:
    assert safe_next("/benchmark?structure=A", "fr") == "/benchmark?structure=A"
    forged_targets = ("//evil.example/", "https://evil.example/", "/\\\\evil", "", None, "x",
                      "/\r\nX-Injected: 1", "/\tx")  # fmt: skip
    for forged in forged_targets:
        assert safe_next(forged, "fr") == "/"
    assert safe_next(None, "en") == "/?lang=en"
