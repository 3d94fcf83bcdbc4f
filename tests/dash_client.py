"""Call a running Dash app's callbacks over HTTP, as the browser does, from its own
/_dash-dependencies (so the payloads never go stale); signed in to an account first when
given one (the session cookie is kept, as a browser keeps it)."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


def _opener(jar: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    handlers: list[Any] = [urllib.request.ProxyHandler({})]
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


_PLAIN = _opener()


def get_text(url: str, opener: urllib.request.OpenerDirector | None = None) -> str:
    with (opener or _PLAIN).open(url, timeout=60) as response:
        return str(response.read().decode())


def sign_in(base: str, login: str, password: str) -> urllib.request.OpenerDirector:
    """An opener holding a session of `login` on the app at `base` (the login form, with its
    CSRF token, as a browser posts it). AssertionError if the login is refused."""
    opener = _opener(http.cookiejar.CookieJar())
    form = get_text(base + "/login", opener)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token, "no CSRF token in the login form"
    data = urllib.parse.urlencode(
        {"csrf_token": token.group(1), "username": login, "password": password, "next": "/"}
    ).encode()
    try:
        with opener.open(base + "/login", data=data, timeout=60) as response:
            assert response.status == 200 and "/login" not in response.url, response.url
    except urllib.error.HTTPError as error:
        raise AssertionError(f"login of {login} refused: HTTP {error.code}") from None
    return opener


class DashClient:
    """A client for one app at `base` (http://127.0.0.1:PORT), signed in as `login` with
    `password` when given."""

    def __init__(self, base: str, login: str | None = None, password: str | None = None) -> None:
        self.base = base.rstrip("/")
        self.opener = sign_in(self.base, login, password or "") if login else _PLAIN
        self.dependencies: list[dict[str, Any]] = json.loads(
            get_text(self.base + "/_dash-dependencies", self.opener)
        )

    def post(self, path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            self.base + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=60) as response:
            raw = response.read()
            return json.loads(raw) if raw else {}

    def find(self, output: str) -> dict[str, Any]:
        """The callback whose output string names `output` (e.g. "overview-subtitle.children")."""
        for dep in self.dependencies:
            if output in dep["output"]:
                return dep
        raise KeyError(output)

    def body(
        self, output: str, values: dict[str, Any], changed: list[str] | None = None
    ) -> dict[str, Any]:
        """The request body firing the callback producing `output` (see call())."""
        dep = self.find(output)
        raw = dep["output"]
        outputs = [part for part in raw.strip(".").split("...")] if raw.startswith("..") else [raw]
        out_specs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outputs]

        def fill(items: list[dict[str, str]]) -> list[dict[str, Any]]:
            return [
                {**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in items
            ]

        inputs = fill(dep["inputs"])
        return {
            "output": raw,
            "outputs": out_specs if len(out_specs) > 1 else out_specs[0],
            "inputs": inputs,
            "state": fill(dep["state"]),
            "changedPropIds": changed
            if changed is not None
            else [f"{i['id']}.{i['property']}" for i in inputs],
        }

    def call(
        self, output: str, values: dict[str, Any], changed: list[str] | None = None
    ) -> dict[str, Any]:
        """Fire the callback producing `output` with input/state values keyed "id.prop",
        as if the `changed` inputs ("id.prop") had just changed (default: all of them); the
        response's outputs keyed the same way (an output left unchanged is absent; nothing
        at all for an answer of 204)."""
        response = self.post("/_dash-update-component", self.body(output, values, changed))
        result: dict[str, Any] = {}
        for component, props in response.get("response", {}).items():
            for prop, value in props.items():
                result[f"{component}.{prop}"] = value
        return result
