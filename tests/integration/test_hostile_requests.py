"""What a visitor on the intranet can send, and what the app answers (issue 11, faults 4-6):
forged callback requests of every wrong type, bodies of the wrong shape or size, odd paths.
Each gets an answer below 500 or a 4xx, the server logs at most one line for it and never a
traceback, and the work it costs is bounded."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from callbacks.boundary import CALLBACK_FAILED
from layouts import ids
from tests.dash_client import DashClient
from tests.servers import running_app

pytestmark = pytest.mark.slow

# Values of every type a JSON body can hold, and odd texts.
FORGED: list[Any] = [
    {"a": 1}, [1, 2], ["W-STRASBOURG"] * 3, None, 12345, -1, True, 2022.5,
    "²⁰²²", "2" * 5000, "<script>alert(1)</script>", "x" * 20_000,
]  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DashClient, Path]]:
    work = tmp_path_factory.mktemp("hostile")
    log = work / "server.log"
    with running_app(work / "data", workers=1, gunicorn_args=["--threads", "4"],
                     log_path=log) as base:  # fmt: skip
        yield DashClient(base), log


def post(base: str, body: bytes, content_type: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(
        base + "/_dash-update-component", data=body, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def get(base: str, path: str) -> int:
    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def forged_body(dep: dict[str, Any], position: int, value: Any) -> dict[str, Any]:
    """A request for callback `dep` with `value` at input (or state) `position`, the rest
    empty, as if every input had changed."""
    raw = dep["output"]
    outputs = raw.strip(".").split("...") if raw.startswith("..") else [raw]
    specs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outputs]
    items = [*dep["inputs"], *dep["state"]]
    filled = [{**item, "value": value if i == position else None} for i, item in enumerate(items)]
    inputs, state = filled[: len(dep["inputs"])], filled[len(dep["inputs"]) :]
    return {
        "output": raw,
        "outputs": specs if len(specs) > 1 else specs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dep["inputs"]],
    }


def test_every_callback_input_forged_with_every_type(served: tuple[DashClient, Path]) -> None:
    """Each input and state of each callback, forged with each value: never a 500, never a
    traceback; each callback checks its inputs itself, so not even the net's log line."""
    client, log = served
    answered = 0
    for dep in client.dependencies:
        if dep.get("clientside_function"):
            continue
        for position in range(len(dep["inputs"]) + len(dep["state"])):
            for value in FORGED:
                body = json.dumps(forged_body(dep, position, value)).encode()
                status, _ = post(client.base, body)
                assert status < 500, (dep["output"], position, value)
                answered += 1
    assert answered > 300
    text = log.read_text("utf-8", errors="replace")
    assert "Traceback" not in text
    assert CALLBACK_FAILED not in text


@pytest.mark.parametrize(
    "body",
    [b"null", b"[1, 2]", b"{not json", b"{}", b'"text"', b'{"output": 3}',
     b'{"output": "nope.children", "outputs": {}, "inputs": []}'],
)  # fmt: skip
def test_bodies_of_the_wrong_shape_get_a_400(served: tuple[DashClient, Path], body: bytes) -> None:
    client, log = served
    status, answer = post(client.base, body)
    assert status == 400
    assert b"Traceback" not in answer
    assert "Traceback" not in log.read_text("utf-8", errors="replace")


def test_bodies_unlike_their_callbacks_declaration_get_a_400(
    served: tuple[DashClient, Path],
) -> None:
    """Too few or too many inputs or states, others than declared, the outputs' shape
    swapped, JSON nested past what Python decodes: a 400 and one line, never a 500 (Dash
    would fail outside the callback, and log its whole answer: a dataset export)."""
    client, log = served
    dep = client.find(f"{ids.BENCH_CHANNELS.download}.data")
    good = client.body(f"{ids.BENCH_CHANNELS.download}.data", {})
    multi = client.body(client.find(f"{ids.BENCH_HEADLINE}.children")["output"].strip("."), {})
    bodies = [
        {**good, "state": []},
        {**good, "inputs": good["inputs"] * 2},
        {**good, "state": list(reversed(good["state"]))},
        {**good, "outputs": [good["outputs"]]},
        {**multi, "outputs": multi["outputs"][0]},
        {**multi, "outputs": multi["outputs"][:-1]},
    ]
    assert dep["inputs"]  # the callback reads something
    for body in bodies:
        status, _ = post(client.base, json.dumps(body).encode())
        assert status == 400, body
    status, _ = post(client.base, b"[" * 50_000 + b"]" * 50_000)
    assert status == 400
    assert "Traceback" not in log.read_text("utf-8", errors="replace")


def test_a_body_over_a_megabyte_is_refused_before_it_is_read(
    served: tuple[DashClient, Path],
) -> None:
    client, _ = served
    status, _ = post(client.base, b'{"output": "' + b"x" * (2 * 1024 * 1024) + b'"}')
    assert status == 413


def test_a_huge_search_is_cut_to_its_first_words(served: tuple[DashClient, Path]) -> None:
    """293 KB of words: the query is cut (100 characters, 8 words) before anything is
    matched, so it is answered like a short one."""
    client, _ = served
    query = "bourg " * 50_000
    answer = client.call(
        f"{ids.BENCH_STRUCTURE}.options",
        {f"{ids.BENCH_SEARCH}.value": query, f"{ids.LANG_STORE}.data": "fr"},
    )
    options = answer[f"{ids.BENCH_STRUCTURE}.options"]
    assert 0 < len(options) <= 30
    assert options[0]["value"] == "W-BOURG-EN-BRESSE"


def test_thousands_of_refused_values_in_the_address_are_not_echoed(
    served: tuple[DashClient, Path],
) -> None:
    """20,000 unknown compare ids: the page names the parameter once, with its first value."""
    client, _ = served
    search = "?structure=W-STRASBOURG&compare=" + ",".join(f"X{i}" for i in range(20_000))
    answer = client.call(
        f"{ids.PAGE}.children", {f"{ids.URL}.pathname": "/benchmark", f"{ids.URL}.search": search}
    )
    text = json.dumps(answer)
    assert len(text) < 500_000
    assert text.count("X1") <= 2


@pytest.mark.parametrize(
    "path",
    ["/_dash-component-suites/../../app.py", "/_dash-component-suites/dash/..%2f..%2fapp.py",
     "/_dash-component-suites/dash/../../../etc/passwd", "/_dash-component-suites/nope/x.js",
     "/_dash-component-suites/dash/dcc/nothing.js"],
)  # fmt: skip
def test_paths_outside_the_static_files_are_404(served: tuple[DashClient, Path], path: str) -> None:
    client, log = served
    assert get(client.base, path) == 404
    assert "Traceback" not in log.read_text("utf-8", errors="replace")


@pytest.mark.parametrize("edition", ["%C2%B2%E2%81%B0%C2%B2%C2%B2", "2" * 5000, "-1"])
def test_odd_editions_in_the_address_answer_the_page(
    served: tuple[DashClient, Path], edition: str
) -> None:
    client, log = served
    answer = client.call(
        f"{ids.PAGE}.children",
        {f"{ids.URL}.pathname": "/", f"{ids.URL}.search": f"?edition={edition}"},
    )
    assert f"{ids.PAGE}.children" in answer
    assert "Traceback" not in log.read_text("utf-8", errors="replace")


def test_junk_values_never_become_cache_keys(tmp_path: Path) -> None:
    """300 requests with junk channel and peer values: the cache gets the key of the view
    they fall back to, once, not one key each (issue 11, fault 6)."""
    import redis

    from devtools.serving import running_redis

    with (
        running_redis() as server,
        running_app(
            tmp_path / "data",
            DASHBOARD_CACHE_TYPE="RedisCache",
            DASHBOARD_CACHE_REDIS_URL=server.url,
        ) as base,
    ):
        client = DashClient(base)
        cache = redis.Redis(host="127.0.0.1", port=server.port)
        values = {
            f"{ids.BENCH_STRUCTURE}.value": "W-STRASBOURG",
            f"{ids.BENCH_EDITION}.value": 2022,
            f"{ids.BENCH_PEERS}.value": "category",
            f"{ids.BENCH_CHANNEL}.value": None,
            f"{ids.LANG_STORE}.data": "fr",
        }
        client.call(f"{ids.BENCH_HEADLINE}.children", values)
        keys = cache.dbsize()
        assert keys >= 1
        for i in range(150):
            client.call(
                f"{ids.BENCH_HEADLINE}.children",
                {**values, f"{ids.BENCH_CHANNEL}.value": f"junk-{i}"},
            )
            client.call(
                f"{ids.BENCH_HEADLINE}.children",
                {**values, f"{ids.BENCH_PEERS}.value": f"junk-{i}"},
            )
        assert cache.dbsize() == keys
