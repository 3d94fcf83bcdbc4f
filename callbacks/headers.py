"""The HTTP headers of every answer (issue 14), set by flask-talisman: a
Content-Security-Policy with no external source and the hashes of Dash's inline scripts,
`frame-ancestors 'none'`, `X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin`;
HSTS with DASHBOARD_HTTPS=1. A document the app writes whole (the report page, the
presentation, an SVG image) is answered with its own, stricter policy instead
(`use_own_policy(document_policy(document))`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Final

import flask
from dash import Dash
from flask_talisman import Talisman

from callbacks.services import AppServices

# The policy of a document the app writes whole (the report page, the presentation, an SVG
# image): nothing from anywhere but itself, its own inline scripts by hash.
DOCUMENT_POLICY: Final = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)
_INLINE_SCRIPT: Final = re.compile(r"<script>(.*?)</script>", re.S)


def document_policy(document: str) -> str:
    """DOCUMENT_POLICY with the sha256 of each of `document`'s executable inline scripts
    (`<script>…</script>`, as the app writes them) allowed: none other runs."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"
        for code in _INLINE_SCRIPT.findall(document)
    ]
    return DOCUMENT_POLICY + (f"; script-src {' '.join(hashes)}" if hashes else "")


def use_own_policy(policy: str) -> None:
    """Answer the current request with `policy` as its Content-Security-Policy instead of the
    app's (a document the app writes whole: see document_policy)."""
    flask.g.own_csp = policy


def apply_own_policy(response: flask.Response) -> flask.Response:
    """An after_request hook: `response` with the request's own policy (use_own_policy) in
    place of the app's, unchanged without one. Registered before flask-talisman's
    (security.install, before install_headers), so it runs after it."""
    policy = flask.g.get("own_csp")
    if policy:
        response.headers["Content-Security-Policy"] = policy
    return response


def content_security_policy(app: Dash) -> dict[str, str | list[str]]:
    """The CSP: everything from this origin; inline scripts only Dash's own, by hash."""
    return {
        "default-src": "'self'",
        "script-src": ["'self'", *app.csp_hashes()],
        # plotly.js, dash-renderer and dcc write style elements and attributes from their
        # scripts (tried without: the browser tests fail on the CSP violations they log).
        "style-src": ["'self'", "'unsafe-inline'"],
        # plotly.js's "download as PNG" draws through data: and blob: images.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def install_headers(app: Dash, services: AppServices) -> None:
    """Security headers on every answer (call once every callback is registered: the CSP
    holds the hashes of the inline scripts they add to the index page)."""
    https = services.settings.https
    Talisman(
        app.server,
        force_https=False,  # TLS ends at the proxy in front (README); HSTS tells browsers
        strict_transport_security=https,
        session_cookie_secure=https,
        session_cookie_http_only=True,
        session_cookie_samesite="Lax",
        frame_options="DENY",
        content_security_policy=content_security_policy(app),
        referrer_policy="same-origin",
        x_content_type_options=True,
    )
