"""Replay a running app's callbacks over HTTP, as the browser sends them.

Nothing here is a hand-written payload: the callbacks come from the app's own
`/_dash-dependencies`, the components and their values from its `/_dash-layout` and from the
pages the routing callback renders, and the choices a user makes (editions, categories,
channels, regions, peer modes, trajectory channel) from the options those pages offer;
structures are sampled from the dataset being served. A changed callback, id or option is
therefore picked up by the next run instead of going stale.
"""

from __future__ import annotations

import gzip
import http.client
import json
import random
import re
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlencode, urlsplit

import pandas as pd

from dashboard.i18n import LANGS
from dashboard.intake.schema import StructureCol, Table
from dashboard.intake.store import DatasetStore
from dashboard.urlstate import BenchmarkState, OverviewState, benchmark_query, overview_query
from layouts import ids

# What Chromium sends (zstd aside): answers are timed as the browser receives them.
ACCEPT_ENCODING = "gzip, deflate, br"
# The app's session cookie (callbacks/security.py) and the account the benchmark signs in
# with (issue 14): a consultant sees what the named mode of before showed.
SESSION_COOKIE: Final = "barometre_session"
BENCH_LOGIN: Final = "bench-consultant"
BENCH_PASSWORD: Final = "benchmark password, loopback only"
_CSRF = re.compile(rb'name="csrf_token" value="([^"]+)"')
UPDATE_PATH = "/_dash-update-component"
OVERVIEW_PATH = "/"
BENCHMARK_PATH = "/benchmark"


# --- HTTP ------------------------------------------------------------------------------------

_STALE_CONNECTION = (
    BrokenPipeError,
    ConnectionResetError,
    ConnectionAbortedError,
    http.client.RemoteDisconnected,
)


@dataclass
class Answer:
    """One HTTP exchange: status, seconds from sending to the last byte, body as sent."""

    status: int
    elapsed_s: float
    body: bytes
    encoding: str | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 400

    def json(self) -> Any:
        raw = self.body
        if self.encoding == "gzip":
            raw = gzip.decompress(raw)
        elif self.encoding == "deflate":
            raw = zlib.decompress(raw)
        elif self.encoding == "br":
            import brotli

            raw = brotli.decompress(raw)
        return json.loads(raw) if raw else None


def _decoded(answer: Answer) -> bytes:
    raw = answer.body
    if answer.encoding == "gzip":
        return gzip.decompress(raw)
    if answer.encoding == "deflate":
        return zlib.decompress(raw)
    if answer.encoding == "br":
        import brotli

        return bytes(brotli.decompress(raw))
    return raw


class Http:
    """A keep-alive HTTP/1.1 connection to one loopback server, reopened after an error."""

    def __init__(self, base_url: str, timeout: float = 120) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None
        self.session: str | None = None  # the session cookie's value, once signed in

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def request(
        self, method: str, path: str, body: Any = None, form: dict[str, str] | None = None
    ) -> Answer:
        headers = {"Accept-Encoding": ACCEPT_ENCODING, "Accept": "*/*"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if form is not None:
            data = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.session is not None:
            headers["Cookie"] = f"{SESSION_COOKIE}={self.session}"
        for attempt in (1, 2):
            reused = self._conn is not None
            started = time.perf_counter()
            try:
                conn = self._connection()
                conn.request(method, path, body=data, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - started
                self._keep_session(response.getheader("Set-Cookie"))
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                encoding = response.getheader("Content-Encoding")
                return Answer(response.status, elapsed, payload, encoding)
            except (OSError, http.client.HTTPException) as exc:
                self.close()
                # A kept-alive connection the server closed meanwhile (its keepalive is a few
                # seconds): open a new one and send again, as browsers do.
                if reused and attempt == 1 and isinstance(exc, _STALE_CONNECTION):
                    continue
                elapsed = time.perf_counter() - started
                return Answer(0, elapsed, b"", None, f"{type(exc).__name__}: {exc}")
        raise AssertionError("unreachable")

    def _keep_session(self, set_cookie: str | None) -> None:
        if set_cookie and set_cookie.startswith(SESSION_COOKIE + "="):
            value = set_cookie.split(";", 1)[0].split("=", 1)[1]
            self.session = value or None

    def sign_in(self, login: str, password: str) -> Answer:
        """The login form, as a browser posts it (its CSRF token); the session kept for the
        requests after. Returns the POST's answer (303 when signed in)."""
        form = self.request("GET", "/login")
        found = _CSRF.search(_decoded(form))
        if not form.ok or found is None:
            return form
        token = found.group(1).decode()
        answer = self.request(
            "POST", "/login", form={"csrf_token": token, "username": login, "password": password}
        )
        if answer.status != 303:
            answer.error = answer.error or f"login refused (HTTP {answer.status})"
        return answer

    def get_json(self, path: str) -> Any:
        answer = self.request("GET", path)
        if not answer.ok:
            raise RuntimeError(f"GET {path}: {answer.status} {answer.error or ''}")
        return answer.json()


# --- Callbacks, as the app declares them -----------------------------------------------------

Prop = tuple[str, str]  # (component id, property)


def _prop(item: dict[str, Any]) -> Prop:
    return str(item["id"]), str(item["property"])


def _key(prop: Prop) -> str:
    return f"{prop[0]}.{prop[1]}"


# The callbacks whose answer is the memoized payload of a page (overview, « Ma structure »,
# the comparison): read warm, they cost a cache read. The others (the routing answer builds a
# layout; table views and CSVs are built on each click) compute every time, by design.
MEMOIZED_OUTPUTS: Final = (
    (ids.SUBTITLE, "children"),
    (ids.BENCH_HEADLINE, "children"),
    (ids.COMPARE_SECTION, "hidden"),
)


def is_memoized(callback: Callback) -> bool:
    """Whether `callback` answers from a page's memoized payload."""
    return any(prop in callback.outputs for prop in MEMOIZED_OUTPUTS)


@dataclass(frozen=True)
class Callback:
    """A server callback of /_dash-dependencies."""

    output: str  # Dash's output string: "id.prop" or "..id.prop...id.prop.."
    outputs: tuple[Prop, ...]
    inputs: tuple[Prop, ...]
    state: tuple[Prop, ...]
    prevent_initial_call: bool

    @classmethod
    def from_dependency(cls, dep: dict[str, Any]) -> Callback:
        raw = str(dep["output"])
        parts = raw[2:-2].split("...") if raw.startswith("..") else [raw]
        outputs = tuple((p.rsplit(".", 1)[0], p.rsplit(".", 1)[1]) for p in parts)
        return cls(
            output=raw,
            outputs=outputs,
            inputs=tuple(_prop(i) for i in dep["inputs"]),
            state=tuple(_prop(s) for s in dep["state"]),
            prevent_initial_call=bool(dep.get("prevent_initial_call")),
        )

    @property
    def label(self) -> str:
        """The first output, and how many more there are."""
        first = _key(self.outputs[0])
        more = len(self.outputs) - 1
        return f"{first} (+{more})" if more else first

    def body(self, values: dict[str, Any], changed: Sequence[Prop]) -> dict[str, Any]:
        """The request body the renderer sends, inputs and state filled from `values`."""

        def fill(props: Sequence[Prop]) -> list[dict[str, Any]]:
            return [{"id": i, "property": p, "value": values.get(f"{i}.{p}")} for i, p in props]

        specs = [{"id": i, "property": p} for i, p in self.outputs]
        return {
            "output": self.output,
            "outputs": specs if len(specs) > 1 else specs[0],
            "inputs": fill(self.inputs),
            "state": fill(self.state),
            "changedPropIds": [_key(c) for c in changed],
        }


def server_callbacks(dependencies: list[dict[str, Any]]) -> list[Callback]:
    """Every callback that runs on the server (clientside ones never reach it)."""
    return [
        Callback.from_dependency(dep) for dep in dependencies if not dep.get("clientside_function")
    ]


def call(http: Http, callback: Callback, values: dict[str, Any], changed: Sequence[Prop]) -> Answer:
    """POST one callback; a 204 (nothing to update) counts as a success."""
    return http.request("POST", UPDATE_PATH, callback.body(values, changed))


def outputs_of(answer: Answer) -> dict[str, Any]:
    """The answer's outputs keyed "id.prop"."""
    data = answer.json() if answer.status == 200 else None
    result: dict[str, Any] = {}
    for component, props in ((data or {}).get("response") or {}).items():
        for prop, value in props.items():
            result[f"{component}.{prop}"] = value
    return result


# --- Layouts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    """A component of a layout with an id: its type, props (children aside), ancestors' ids."""

    id: str
    type: str
    props: dict[str, Any]
    ancestors: tuple[str, ...]


def components_of(tree: Any) -> dict[str, Component]:
    """Every component with a string id in a serialised layout."""
    found: dict[str, Component] = {}

    def walk(node: Any, ancestors: tuple[str, ...]) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child, ancestors)
            return
        if not isinstance(node, dict):
            return
        if "props" in node and "type" in node:
            props = node.get("props") or {}
            cid = props.get("id")
            inner = ancestors
            if isinstance(cid, str):
                plain = {k: v for k, v in props.items() if k != "children"}
                found[cid] = Component(cid, str(node["type"]), plain, ancestors)
                inner = (*ancestors, cid)
            for value in props.values():
                if isinstance(value, (dict, list)):
                    walk(value, inner)
        else:
            for value in node.values():
                walk(value, ancestors)

    walk(tree, ())
    return found


def option_values(component: Component) -> list[Any]:
    """The values a dropdown, checklist or radio group offers."""
    values = []
    for option in component.props.get("options") or []:
        values.append(option["value"] if isinstance(option, dict) else option)
    return values


def values_of(components: dict[str, Component]) -> dict[str, Any]:
    """Every prop of every component, keyed "id.prop": what the renderer would send."""
    return {f"{c.id}.{prop}": value for c in components.values() for prop, value in c.props.items()}


@dataclass
class PageView:
    """One view of a page: its URL and the values of every component once it is rendered."""

    path: str
    search: str
    values: dict[str, Any]
    components: dict[str, Component]
    search_text: str | None = None  # what a user types in a structure picker

    @property
    def url(self) -> str:
        return self.path + self.search


@dataclass
class AppModel:
    """What the benchmark knows of the app, all of it read from the app itself."""

    callbacks: list[Callback]
    root: dict[str, Component]
    routing: Callback

    @classmethod
    def load(cls, http: Http) -> AppModel:
        callbacks = server_callbacks(http.get_json("/_dash-dependencies"))
        root = components_of(http.get_json("/_dash-layout"))
        routing = next(cb for cb in callbacks if (ids.URL, "pathname") in cb.inputs)
        return cls(callbacks, root, routing)

    def render(self, http: Http, path: str, search: str) -> tuple[PageView, Answer]:
        """Ask the routing callback for a page, as the browser does on load."""
        values = values_of(self.root)
        values.update({f"{ids.URL}.pathname": path, f"{ids.URL}.search": search})
        answer = call(http, self.routing, values, [(ids.URL, "pathname")])
        if answer.status != 200:
            raise RuntimeError(f"rendering {path}{search}: {answer.status} {answer.error or ''}")
        outputs = outputs_of(answer)
        components = components_of(outputs.get(f"{ids.PAGE}.children"))
        page_values = {**values, **values_of(components)}
        # The routing callback's other outputs (language, document) are inputs of the page.
        page_values.update({k: v for k, v in outputs.items() if not k.startswith(ids.PAGE)})
        return PageView(path, search, page_values, components), answer

    def page_callbacks(self, view: PageView) -> list[Callback]:
        """The routing callback, and the server callbacks listening to this page: every input
        on the page or in the root layout, at least one on the page."""
        present = set(self.root) | set(view.components)
        return [
            cb
            for cb in self.callbacks
            if cb is self.routing
            or (
                all(i in present for i, _ in cb.inputs)
                and any(i in view.components for i, _ in cb.inputs)
            )
        ]

    def noop(self) -> Callback | None:
        """The no-op callback, when the app runs with DASHBOARD_NOOP_CALLBACK=1."""
        for cb in self.callbacks:
            if (ids.NOOP_OUTPUT, "data") in cb.outputs:
                return cb
        return None


# --- Realistic views -------------------------------------------------------------------------


def sample_structures(data_dir: Path, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """`n` (id, name) pairs drawn from the active dataset's structures table."""
    store = DatasetStore(data_dir)
    version = store.active_version()
    if version is None:
        raise RuntimeError(f"{data_dir} has no imported dataset")
    frame = pd.read_parquet(
        store.datasets_dir / version / f"{Table.STRUCTURES}.parquet",
        columns=[StructureCol.STRUCTURE_ID, StructureCol.NAME],
    )
    rows = list(zip(frame[StructureCol.STRUCTURE_ID], frame[StructureCol.NAME], strict=True))
    return [(str(sid), str(name)) for sid, name in rng.sample(rows, min(n, len(rows)))]


def typed_search(name: str, rng: random.Random) -> str:
    """What a user types to find a structure: the start of one word of its name."""
    words = [w for w in name.replace("-", " ").split() if len(w) >= 4]
    word = rng.choice(words) if words else name
    return word[: rng.randint(4, max(4, min(len(word), 7)))].lower()


def _subset(rng: random.Random, pool: Sequence[Any], p_none: float, most: int) -> list[Any]:
    if not pool or rng.random() < p_none:
        return []
    return rng.sample(list(pool), rng.randint(1, min(most, len(pool))))


def _lang(rng: random.Random) -> str:
    others = [lang for lang in LANGS if lang != "fr"]
    return rng.choice(others) if others and rng.random() < 0.2 else "fr"


def overview_views(model: AppModel, http: Http, n: int, rng: random.Random) -> list[PageView]:
    """`n` overview views: the default one first, then filters drawn from the page's options."""
    base, _ = model.render(http, OVERVIEW_PATH, "")
    comps = base.components
    editions = option_values(comps[ids.EDITION])
    categories = option_values(comps[ids.CATEGORIES])
    channels = option_values(comps[ids.CHANNELS])
    regions = option_values(comps[ids.REGION])
    series = option_values(comps[ids.SERIES]) if ids.SERIES in comps else ["plain"]
    views = [base]
    while len(views) < n:
        state = OverviewState(
            edition=editions[0] if rng.random() < 0.5 else rng.choice(editions),
            categories=tuple(c for c in categories if c in _subset(rng, categories, 0.4, 2)),
            channels=tuple(c for c in channels if c in _subset(rng, channels, 0.6, 2)),
            region=rng.choice(regions) if regions and rng.random() < 0.4 else None,
            lang=_lang(rng),  # type: ignore[arg-type]
            # The trend's like-for-like series, in a third of the views (issue 16).
            series=rng.choice(series[1:]) if len(series) > 1 and rng.random() < 0.33 else "plain",
        )
        view, _ = model.render(http, OVERVIEW_PATH, overview_query(state))
        views.append(view)
    return views


def benchmark_views(
    model: AppModel,
    http: Http,
    structures: Sequence[tuple[str, str]],
    rng: random.Random,
) -> list[PageView]:
    """One "My structure" view per structure: an edition it took part in (most often its
    latest), a peer mode and a trajectory channel from the page's options, sometimes a
    comparison with other sampled structures."""
    views = []
    for i, (sid, name) in enumerate(structures):
        first, _ = model.render(http, BENCHMARK_PATH, benchmark_query(BenchmarkState(sid)))
        comps = first.components
        editions = option_values(comps[ids.BENCH_EDITION])  # newest first
        peers = option_values(comps[ids.BENCH_PEERS])
        channels = option_values(comps[ids.BENCH_CHANNEL])
        acts = option_values(comps[ids.BENCH_ACT_VIEW]) if ids.BENCH_ACT_VIEW in comps else []
        others = [s for s, _ in structures if s != sid]
        state = BenchmarkState(
            structure=sid,
            edition=(editions[0] if rng.random() < 0.7 else rng.choice(editions))
            if editions
            else None,
            channel=rng.choice(channels) if channels and rng.random() < 0.3 else None,
            peers=peers[i % len(peers)] if peers else "category",
            # Every third view compares (named mode), so that callback does its work too.
            compare=tuple(rng.sample(others, min(2, len(others)))) if i % 3 == 1 else (),
            lang=_lang(rng),  # type: ignore[arg-type]
            # Issue 16's view switches: every peer's rank interval in every fourth view, where
            # to act over the channels in a third.
            intervals=ids.BENCH_INTERVALS in comps and i % 4 == 2,
            act=rng.choice(acts[1:]) if len(acts) > 1 and rng.random() < 0.33 else "criterion",
        )
        view, _ = model.render(http, BENCHMARK_PATH, benchmark_query(state))
        view.search_text = typed_search(name, rng)
        views.append(view)
    return views


def request_values(view: PageView, callback: Callback) -> dict[str, Any]:
    """The values a callback is sent in this view: the rendered components' values, the URL,
    a click on any button it listens to, and the user's typing in a search box."""
    values = dict(view.values)
    values[f"{ids.URL}.pathname"] = view.path
    values[f"{ids.URL}.search"] = view.search
    for cid, prop in (*callback.inputs, *callback.state):
        key = f"{cid}.{prop}"
        if prop == "n_clicks":
            values[key] = 1
        elif prop == "search_value" or (cid == ids.BENCH_SEARCH and prop == "value"):
            values[key] = view.search_text
        elif prop == "search" and key not in values:
            values[key] = view.search
    return values


def triggers(callback: Callback) -> Iterator[Prop]:
    """Each input in turn: what changed, so every branch of a callback gets its share."""
    while True:
        yield from callback.inputs


# --- Measuring -------------------------------------------------------------------------------


@dataclass
class CallbackSamples:
    """Latencies (ms) of one callback in one page, cold and warm, and what went wrong."""

    page: str
    callback: Callback
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    response_bytes: list[int] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def record(self, answer: Answer, bucket: list[float]) -> None:
        bucket.append(answer.elapsed_s * 1000)
        self.response_bytes.append(len(answer.body))
        key = str(answer.status)
        self.statuses[key] = self.statuses.get(key, 0) + 1
        if not answer.ok:
            self.errors.append(answer.error or f"HTTP {answer.status}: {answer.body[:300]!r}")


def replay_page(
    http: Http,
    page: str,
    views: Sequence[PageView],
    callbacks: Sequence[Callback],
    flush: Any,
    warm_repeats: int = 2,
) -> list[CallbackSamples]:
    """Each callback in each view: once cold (cache flushed just before) then `warm_repeats`
    times warm (the answer now cached, in Redis, for any worker)."""
    results = []
    for callback in callbacks:
        samples = CallbackSamples(page, callback)
        changed = triggers(callback)
        for view in views:
            values = request_values(view, callback)
            trigger = [next(changed)]
            flush()
            samples.record(call(http, callback, values, trigger), samples.cold_ms)
            for _ in range(warm_repeats):
                samples.record(call(http, callback, values, trigger), samples.warm_ms)
        results.append(samples)
    return results


def floor(http: Http, callback: Callback, runs: int) -> list[float]:
    """Latencies (ms) of the no-op callback: Dash, Flask and gunicorn, no work."""
    samples = []
    for i in range(runs):
        answer = call(http, callback, {_key(callback.inputs[0]): i}, [callback.inputs[0]])
        if not answer.ok:
            raise RuntimeError(f"no-op callback failed: {answer.status} {answer.error}")
        samples.append(answer.elapsed_s * 1000)
    return samples
