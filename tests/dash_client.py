"""Call a running Dash app's callbacks over HTTP, as the browser does, from its own
/_dash-dependencies (so the payloads never go stale)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def get_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode())


class DashClient:
    """A client for one app at `base` (http://127.0.0.1:PORT)."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.dependencies: list[dict[str, Any]] = json.loads(
            get_text(self.base + "/_dash-dependencies")
        )

    def find(self, output: str) -> dict[str, Any]:
        """The callback whose output string names `output` (e.g. "overview-subtitle.children")."""
        for dep in self.dependencies:
            if output in dep["output"]:
                return dep
        raise KeyError(output)

    def call(
        self, output: str, values: dict[str, Any], changed: list[str] | None = None
    ) -> dict[str, Any]:
        """Fire the callback producing `output` with input/state values keyed "id.prop",
        as if the `changed` inputs ("id.prop") had just changed (default: all of them); the
        response's outputs keyed the same way (an output left unchanged is absent)."""
        dep = self.find(output)
        raw = dep["output"]
        outputs = [part for part in raw.strip(".").split("...")] if raw.startswith("..") else [raw]
        out_specs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outputs]

        def fill(items: list[dict[str, str]]) -> list[dict[str, Any]]:
            return [
                {**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in items
            ]

        inputs = fill(dep["inputs"])
        body = {
            "output": raw,
            "outputs": out_specs if len(out_specs) > 1 else out_specs[0],
            "inputs": inputs,
            "state": fill(dep["state"]),
            "changedPropIds": changed
            if changed is not None
            else [f"{i['id']}.{i['property']}" for i in inputs],
        }
        response = _post(self.base + "/_dash-update-component", body)
        result: dict[str, Any] = {}
        for component, props in response.get("response", {}).items():
            for prop, value in props.items():
                result[f"{component}.{prop}"] = value
        return result
