"""A bounded load test on loopback: N simulated users for T seconds across both pages.

Each user is a thread with its own keep-alive connection, doing what a browser does:

- before the timed run, unless the app runs in open mode, every user signs in (the login
  form, then its POST, Argon2id's check included), the crowd spread over LOGIN_SPREAD_S
  seconds: measured apart (its own budget), as a person signs in once and then browses with
  the session for hours (the cookie lasts 12);
- first visit: the page's HTML, the static files a first load fetched in
  Chromium (the list comes from the first-load measurement, not from here), `/_dash-layout`,
  `/_dash-dependencies`, the routing callback, then every callback the page fires on load;
- then, after a think time, one of: change the filters or the structure's choices on the
  page (the callbacks listening to what changed), go to the other page (routing + its
  callbacks on load), search a structure by name, download a chart's CSV.

Requests of one action go one after the other (a browser sends some in parallel, so this is
gentler per user); the users run at the same time. No new action starts after the deadline,
and every request has a timeout: the test stops by itself.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.replay import (
    AppModel,
    Callback,
    Http,
    PageView,
    call,
    request_values,
)
from layouts import ids

REQUEST_TIMEOUT_S = 30.0
LOGIN_SPREAD_S = 20.0  # the crowd signs in over this long (200 users: 10 a second)


@dataclass
class Sample:
    """One request of the load test."""

    started_s: float  # since the test began
    kind: str  # html, static, dash, callback
    label: str
    ms: float
    status: int
    error: str | None


@dataclass
class Pages:
    """The views users pick from: the overview's, and one "My structure" view per user."""

    model: AppModel
    overview: Sequence[PageView]
    benchmark: Sequence[PageView]
    static_paths: Sequence[str]
    callbacks: dict[str, list[Callback]] = field(default_factory=dict)
    # (login, password) every user signs in with, each its own session; None: open mode.
    credentials: tuple[str, str] | None = None

    def callbacks_of(self, view: PageView) -> list[Callback]:
        found = self.callbacks.get(view.path)
        if found is None:
            found = self.callbacks[view.path] = self.model.page_callbacks(view)
        return found


class User:
    """One simulated user: a connection, a random generator, the page it is on."""

    def __init__(self, number: int, base_url: str, pages: Pages, seed: int) -> None:
        self.number = number
        self.http = Http(base_url, timeout=REQUEST_TIMEOUT_S)
        self.pages = pages
        self.rng = random.Random(seed * 1000 + number)
        self.samples: list[Sample] = []
        self.logins: list[Sample] = []
        self.actions: list[tuple[str, float, bool]] = []  # (name, ms, every request ok)
        self.t0 = 0.0
        self.view: PageView | None = None

    # -- requests

    def _record(self, kind: str, label: str, answer: Any, started: float) -> bool:
        ok = bool(answer.ok)
        self.samples.append(
            Sample(
                started - self.t0,
                kind,
                label,
                answer.elapsed_s * 1000,
                answer.status,
                None if ok else (answer.error or f"HTTP {answer.status}"),
            )
        )
        return ok

    def get(self, kind: str, path: str) -> bool:
        started = time.perf_counter()
        return self._record(kind, path.split("?")[0], self.http.request("GET", path), started)

    def fire(self, callback: Callback, view: PageView, changed: Sequence[tuple[str, str]]) -> bool:
        started = time.perf_counter()
        answer = call(self.http, callback, request_values(view, callback), changed)
        return self._record("callback", callback.label, answer, started)

    # -- actions

    def _own_structure(self) -> PageView:
        return self.pages.benchmark[self.number % len(self.pages.benchmark)]

    def _pick_view(self, path: str) -> PageView:
        if path == self.pages.overview[0].path:
            # Most users keep the default national view; some filter.
            if self.rng.random() < 0.5:
                return self.pages.overview[0]
            return self.rng.choice(self.pages.overview)
        if self.rng.random() < 0.7:
            return self._own_structure()
        return self.rng.choice(self.pages.benchmark)

    def _load_page(self, view: PageView) -> bool:
        ok = self.fire(self.pages.model.routing, view, [(ids.URL, "pathname")])
        for cb in self.pages.callbacks_of(view):
            if cb is self.pages.model.routing or cb.prevent_initial_call:
                continue
            ok &= self.fire(cb, view, cb.inputs)
        self.view = view
        return ok

    def first_visit(self) -> bool:
        view = self._pick_view(
            self.rng.choice([self.pages.overview[0].path, self.pages.benchmark[0].path])
        )
        ok = True
        if self.pages.credentials is not None:
            started = time.perf_counter()
            ok = self._record(
                "login", "/login", self.http.sign_in(*self.pages.credentials), started
            )
        ok &= self.get("html", view.url)
        for path in self.pages.static_paths:
            ok &= self.get("static", path)
        ok &= self.get("dash", "/_dash-layout")
        ok &= self.get("dash", "/_dash-dependencies")
        return self._load_page(view) and ok

    def change_choices(self) -> bool:
        """Another view of the same page; the callbacks listening to one changed control."""
        assert self.view is not None
        current = self.view
        target = self._pick_view(current.path)
        controls = [
            (cid, prop)
            for cb in self.pages.callbacks_of(current)
            if not cb.prevent_initial_call and cb is not self.pages.model.routing
            for cid, prop in cb.inputs
            if prop == "value"
            and target.values.get(f"{cid}.{prop}") != current.values.get(f"{cid}.{prop}")
        ]
        if not controls:
            return self._load_page(target)
        changed = self.rng.choice(controls)
        ok = True
        for cb in self.pages.callbacks_of(target):
            if changed in cb.inputs:
                ok &= self.fire(cb, target, [changed])
        self.view = target
        return ok

    def other_page(self) -> bool:
        assert self.view is not None
        paths = [self.pages.overview[0].path, self.pages.benchmark[0].path]
        target = next(p for p in paths if p != self.view.path)
        return self._load_page(self._pick_view(target))

    def click(self, prop: str) -> bool:
        """A CSV download (prop n_clicks) or a search (search_value), if the page has one."""
        assert self.view is not None
        # The structure search is the search box's value (see layouts/benchmark.py).
        wanted = (ids.BENCH_SEARCH, "value") if prop == "search_value" else None
        candidates = [
            cb
            for cb in self.pages.callbacks_of(self.view)
            if any((c, p) == wanted if wanted else p == prop for c, p in cb.inputs)
        ]
        if not candidates or (prop == "search_value" and not self.view.search_text):
            return self.change_choices()
        cb = self.rng.choice(candidates)
        trigger = next(i for i in cb.inputs if (i == wanted if wanted else i[1] == prop))
        return self.fire(cb, self.view, [trigger])

    def sign_in(self, t0: float, spread: float) -> None:
        """Sign in at a random moment of the first `spread` seconds; the two requests are
        recorded in `logins`."""
        assert self.pages.credentials is not None
        self.t0 = t0
        time.sleep(self.rng.uniform(0, spread))
        started = time.perf_counter()
        answer = self.http.sign_in(*self.pages.credentials)
        self._record("login", "/login", answer, started)
        self.logins.append(self.samples.pop())

    def run(self, t0: float, deadline: float, think: tuple[float, float]) -> None:
        self.t0 = t0
        time.sleep(self.rng.uniform(0, think[0]))  # users do not all click on the same tick
        actions = [
            ("change choices", 0.55, self.change_choices),
            ("other page", 0.25, self.other_page),
            ("search", 0.1, lambda: self.click("search_value")),
            ("download", 0.1, lambda: self.click("n_clicks")),
        ]
        name, action = "first visit", self.first_visit
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                ok = action()
                self.actions.append((name, (time.perf_counter() - started) * 1000, ok))
                time.sleep(self.rng.uniform(*think))
                name, _, action = self.rng.choices(actions, weights=[a[1] for a in actions])[0]
        finally:
            self.http.close()


def run_load(
    base_url: str,
    pages: Pages,
    users: int,
    duration_s: float,
    think: tuple[float, float],
    seed: int,
) -> tuple[list[Sample], list[tuple[str, float, bool]], float, list[Sample]]:
    """Sign `users` users in (spread over LOGIN_SPREAD_S; not in open mode), then run them for
    `duration_s` seconds; every request, every action, the wall time from start until the last
    user finished, and the sign-ins."""
    crowd = [User(n, base_url, pages, seed) for n in range(users)]
    if pages.credentials is not None:
        start = time.perf_counter()
        signing = [
            threading.Thread(target=u.sign_in, args=(start, LOGIN_SPREAD_S), daemon=True)
            for u in crowd
        ]
        for thread in signing:
            thread.start()
        for thread in signing:
            thread.join(timeout=LOGIN_SPREAD_S + 4 * REQUEST_TIMEOUT_S)
    logins = [s for u in crowd for s in u.logins]
    t0 = time.perf_counter()
    deadline = t0 + duration_s
    threads = [
        threading.Thread(target=u.run, args=(t0, deadline, think), daemon=True) for u in crowd
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration_s + 4 * REQUEST_TIMEOUT_S)
    wall = time.perf_counter() - t0
    samples = [s for u in crowd for s in u.samples]
    actions = [a for u in crowd for a in u.actions]
    return samples, actions, wall, logins
