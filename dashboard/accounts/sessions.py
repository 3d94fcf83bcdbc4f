"""What a signed-in session needs besides Flask (issue 14; callbacks/security.py wires it):
the key signing the session cookies and CSRF tokens, the same for every worker of every
machine, and where a sign-in may send the browser next. Never imports dash or flask."""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from dashboard.urlstate import with_lang

SECRET_KEY_ENV: Final = "DASHBOARD_SECRET_KEY"
SECRET_KEY_FILE: Final = "secret_key"


def secret_key(data_dir: Path, environ: dict[str, str] | None = None) -> str:
    """DASHBOARD_SECRET_KEY, else the data directory's `secret_key` file, created once (mode
    0600, written beside and linked into place: two workers starting together read the same
    key)."""
    env = os.environ if environ is None else environ
    configured = (env.get(SECRET_KEY_ENV) or "").strip()
    if configured:
        return configured
    path = Path(data_dir) / SECRET_KEY_FILE
    try:
        return path.read_text("utf-8").strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{SECRET_KEY_FILE}.{uuid.uuid4().hex}")
    fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secrets.token_urlsafe(48))
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(staging, path)  # fails if another process made it first: then read theirs
    except FileExistsError:
        pass
    finally:
        staging.unlink(missing_ok=True)
    return path.read_text("utf-8").strip()


def safe_next(target: str | None, lang: str) -> str:
    """Where to go after signing in: a path of this app (never another site), else home."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()  # no CR, LF, tab: never into a Location header
    ):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and len(target) <= 2000:
            return target
    return with_lang("/", "", lang)
