"""Who sees what, over HTTP (issue 14, point 2): for each role, every callback of both pages
replayed with forged inputs (other structures, compare lists, table views, CSV downloads, the
dataset download), and what comes back.

One app (gunicorn, as in production) with three accounts: an admin, a consultant, and a
manager bound to two structures (OWN, OWN2). OTHER and OTHER2 are structures of the demo that
are not the manager's (and not among the overview's public winners): the manager must never
get a figure, a name or an id of them, whatever it sends; the consultant and the admin get
them named. A request without a session gets nothing but a 401 (or the login page).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.i18n import translate
from dashboard.intake.model import Dataset
from layouts import ids
from tests.dash_client import DashClient
from tests.servers import PASSWORD, add_account, running_app

pytestmark = pytest.mark.slow

OWN, OWN2 = "W-STRASBOURG", "S00010"
OTHER, OTHER2 = "S00042", "S00043"
ROLES = ("admin", "consultant", "manager")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    work = tmp_path_factory.mktemp("roles")
    data = work / "data"
    add_account(data, "ada", "admin")
    add_account(data, "carl", "consultant")
    add_account(data, "mia", "manager", [OWN, OWN2])
    add_account(data, "max", "manager", [OWN])
    log = work / "server.log"
    with running_app(data, workers=1, gunicorn_args=["--threads", "4"], log_path=log) as base:
        yield base, log


@pytest.fixture(scope="module")
def clients(served: tuple[str, Path]) -> dict[str, DashClient]:
    base, _ = served
    logins = {"admin": "ada", "consultant": "carl", "manager": "mia"}
    return {role: DashClient(base, logins[role], PASSWORD) for role in ROLES}


def leaks(demo: Dataset, text: str, targets: tuple[str, ...] = (OTHER, OTHER2)) -> list[str]:
    """The names and ids of `targets` found in `text` (a name as a whole: "n° 28" is not
    "n° 280")."""
    s = demo.structures.set_index("structure_id")
    found = []
    for sid in targets:
        name = str(s.loc[sid, "name"])
        if re.search(re.escape(name) + r"(?!\d)", text):
            found.append(name)
        if json.dumps(sid) in text or f"structure={sid}" in text:
            found.append(sid)
    return found


def forged_values(structure: str, compare: list[str]) -> dict[str, Any]:
    """Every input and state of every callback, pointing at `structure` and `compare`: each
    table opened, each CSV button clicked, the address naming them, a search for them."""
    values: dict[str, Any] = {
        f"{ids.URL}.pathname": "/benchmark",
        f"{ids.URL}.search": f"?structure={structure}&compare={','.join(compare)}",
        f"{ids.BENCH_URL}.search": f"?structure={structure}&compare={','.join(compare)}",
        f"{ids.BENCH_STRUCTURE}.value": structure,
        f"{ids.BENCH_EDITION}.value": 2022,
        f"{ids.BENCH_PEERS}.value": "category",
        f"{ids.BENCH_CHANNEL}.value": None,
        f"{ids.BENCH_COMPARE}.value": compare,
        f"{ids.BENCH_SEARCH}.value": "fictif",
        f"{ids.BENCH_COMPARE_SEARCH}.value": "fictif",
        f"{ids.EDITION}.value": 2022,
        f"{ids.CATEGORIES}.value": [],
        f"{ids.CHANNELS}.value": [],
        f"{ids.REGION}.value": None,
        f"{ids.LANG_STORE}.data": "fr",
        f"{ids.DATA_DOWNLOAD_CSV}.n_clicks": 1,
        f"{ids.DATA_DOWNLOAD_XLSX}.n_clicks": 1,
    }
    for chart in (*ids.BENCH_CHARTS, *ids.COMPARE_CHARTS, *ids.OVERVIEW_CHARTS):
        values[f"{chart.summary}.n_clicks"] = 1
        values[f"{chart.csv_button}.n_clicks"] = 1
    return values


def every_callback(client: DashClient, values: dict[str, Any]) -> dict[str, str]:
    """Each server callback of the app fired with `values`: {output: the answer as text}."""
    answers = {}
    for dep in client.dependencies:
        if dep.get("clientside_function"):
            continue
        output = dep["output"]
        body = client.body(output.strip(".").split("...")[0], values)
        try:
            answer = client.post("/_dash-update-component", body)
        except urllib.error.HTTPError as refused:
            with refused:  # the reports batch's job: refused before Dash reads the request
                answers[output] = f"HTTP {refused.code}"
            continue
        answers[output] = json.dumps(answer, ensure_ascii=False)
    return answers


def test_a_manager_gets_nothing_of_another_structure_from_any_callback(
    clients: dict[str, DashClient], demo: Dataset, served: tuple[str, Path]
) -> None:
    _, log = served
    before = log.read_text("utf-8", errors="replace").count("refused structure")
    answers = every_callback(clients["manager"], forged_values(OTHER, [OTHER2, OWN2]))
    assert len(answers) > 10
    for output, text in answers.items():
        assert leaks(demo, text) == [], output
    # The reports of a whole edition are not a manager's to make (dashboard.policy).
    assert answers[next(o for o in answers if f"{ids.BATCH_RESULT}." in o)] == "HTTP 403"
    assert [o for o, text in answers.items() if text.startswith("HTTP ")] == [
        o for o in answers if f"{ids.BATCH_RESULT}." in o
    ]
    # The page itself: a clear refusal, the prompt instead of figures.
    page = answers[next(o for o in answers if f"{ids.PAGE}.children" in o)]
    assert "accessible avec votre compte" in page
    # The forged structure was refused, each time in one log line, never a traceback.
    text = log.read_text("utf-8", errors="replace")
    assert text.count("refused structure") > before
    assert "Traceback" not in text


def test_a_manager_forging_the_main_callback_gets_the_prompt_not_figures(
    clients: dict[str, DashClient], demo: Dataset
) -> None:
    values = forged_values(OTHER, [])
    answer = clients["manager"].call(f"{ids.BENCH_HEADLINE}.children", values)
    assert answer[f"{ids.BENCH_CONTENT}.hidden"] is True
    assert answer[f"{ids.BENCH_PROMPT}.hidden"] is False
    assert f"{ids.BENCH_HEADLINE}.children" not in answer  # no figure at all
    for chart in ids.BENCH_CHARTS:
        download = clients["manager"].call(f"{chart.download}.data", values)
        assert download == {}, chart.name
    tables = clients["manager"].call(f"{ids.BENCH_DISTRIBUTION.table}.children", values)
    assert all(table == [] for table in tables.values())


def test_a_manager_sees_its_own_structures_with_anonymous_peers(
    clients: dict[str, DashClient], demo: Dataset
) -> None:
    others = tuple(
        s for s in demo.structures["structure_id"] if s not in (OWN, OWN2) and s[:2] != "W-"
    )
    for own in (OWN, OWN2):
        values = forged_values(own, [])
        page = clients["manager"].call(f"{ids.BENCH_HEADLINE}.children", values)
        text = json.dumps(page, ensure_ascii=False)
        assert page[f"{ids.BENCH_CONTENT}.hidden"] is False
        assert "Pair 2" in text
        assert leaks(demo, text, others[:60]) == []
        download = clients["manager"].call(f"{ids.BENCH_CHANNELS.download}.data", values)
        assert download[f"{ids.BENCH_CHANNELS.download}.data"]["content"]


def test_a_managers_search_offers_only_its_structures(clients: dict[str, DashClient]) -> None:
    for query in ("fictif", "ville", "strasbourg", "région", "a"):
        answer = clients["manager"].call(
            f"{ids.BENCH_STRUCTURE}.options",
            {f"{ids.BENCH_SEARCH}.value": query, f"{ids.LANG_STORE}.data": "fr"},
        )
        offered = {o["value"] for o in answer.get(f"{ids.BENCH_STRUCTURE}.options", [])}
        assert offered <= {OWN, OWN2}, query
        status = answer.get(f"{ids.BENCH_SEARCH_STATUS}.children", "")
        assert re.search(r"\b([3-9]|\d\d+) résultats", status) is None, status
    found = clients["manager"].call(
        f"{ids.BENCH_STRUCTURE}.options",
        {f"{ids.BENCH_SEARCH}.value": "strasbourg", f"{ids.LANG_STORE}.data": "fr"},
    )
    assert [o["value"] for o in found[f"{ids.BENCH_STRUCTURE}.options"]] == [OWN]


@pytest.mark.parametrize("role", ["admin", "consultant"])
def test_consultants_and_admins_see_any_structure_named_and_compare(
    clients: dict[str, DashClient], demo: Dataset, role: str
) -> None:
    client = clients[role]
    values = forged_values(OTHER, [OTHER2])
    page = client.call(f"{ids.BENCH_HEADLINE}.children", values)
    assert page[f"{ids.BENCH_CONTENT}.hidden"] is False
    text = json.dumps(page, ensure_ascii=False)
    assert "Pair 2" not in text  # peers named
    assert leaks(demo, text, (OTHER,)) == ["Département fictif n° 28"] or OTHER in leaks(
        demo, text, (OTHER,)
    )
    compare = client.call(f"{ids.COMPARE_SECTION}.hidden", values)
    assert compare[f"{ids.COMPARE_SECTION}.hidden"] is False
    assert "Département fictif n° 29" in json.dumps(compare, ensure_ascii=False)
    answer = client.call(
        f"{ids.BENCH_STRUCTURE}.options",
        {f"{ids.BENCH_SEARCH}.value": "fictif", f"{ids.LANG_STORE}.data": "fr"},
    )
    assert len(answer[f"{ids.BENCH_STRUCTURE}.options"]) == 30


def _dataset_download(client: DashClient) -> tuple[int, bytes]:
    body = {
        "output": f"{ids.DATA_DOWNLOAD}.data",
        "outputs": {"id": ids.DATA_DOWNLOAD, "property": "data"},
        "inputs": [
            {"id": ids.DATA_DOWNLOAD_CSV, "property": "n_clicks", "value": 1},
            {"id": ids.DATA_DOWNLOAD_XLSX, "property": "n_clicks", "value": None},
        ],
        "state": [{"id": ids.LANG_STORE, "property": "data", "value": "fr"}],
        "changedPropIds": [f"{ids.DATA_DOWNLOAD_CSV}.n_clicks"],
    }
    request = urllib.request.Request(
        client.base + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with client.opener.open(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize(("role", "allowed"), [("admin", True), ("consultant", True),
                                               ("manager", False)])  # fmt: skip
def test_the_dataset_download_follows_the_role(
    clients: dict[str, DashClient], role: str, allowed: bool
) -> None:
    status, body = _dataset_download(clients[role])
    if allowed:
        assert status == 200 and len(body) > 10_000
    else:
        assert (status, body) == (204, b"")
    page = clients[role].call(
        f"{ids.PAGE}.children", {f"{ids.URL}.pathname": "/data", f"{ids.URL}.search": ""}
    )
    text = json.dumps(page, ensure_ascii=False)
    assert (json.dumps(ids.DATA_DOWNLOAD_CSV) in text) is allowed
    assert (translate("ui.data.download_withheld", "fr") in text) is not allowed


def test_the_overview_is_open_to_every_role(clients: dict[str, DashClient]) -> None:
    for role in ROLES:
        answer = clients[role].call(
            f"{ids.SUBTITLE}.children",
            {f"{ids.EDITION}.value": 2022, f"{ids.LANG_STORE}.data": "fr"},
        )
        assert "structures auditées" in answer[f"{ids.SUBTITLE}.children"]


def test_without_a_session_nothing_is_served_but_static_files_and_the_login(
    served: tuple[str, Path], clients: dict[str, DashClient]
) -> None:
    base, _ = served
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(
        base + "/_dash-update-component",
        data=json.dumps(clients["admin"].body(f"{ids.SUBTITLE}.children", {})).encode(),
        headers={"Content-Type": "application/json"},
    )
    for target in (request, base + "/_dash-layout", base + "/_dash-dependencies"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            opener.open(target, timeout=30)
        with caught.value:  # closes its connection
            assert caught.value.code == 401
    # A page sends to the login page, which says where it comes back to.
    with opener.open(base + "/benchmark?structure=" + OTHER, timeout=30) as response:
        assert "/login?next=" in response.url
        html = response.read().decode()
    assert 'name="username"' in html and 'name="password"' in html
    # Static files stay public (the login page needs its CSS).
    with opener.open(base + "/vendor/bootstrap.min.css", timeout=30) as response:
        assert response.status == 200
    # A path under a static prefix that only the page route answers is a page: not public.
    with opener.open(base + "/favicon.ico", timeout=30) as response:
        assert "/login?next=" in response.url
    with pytest.raises(urllib.error.HTTPError) as caught:
        opener.open(base + "/_dash-component-suites/x", timeout=30)
    with caught.value:
        assert caught.value.code == 401


def test_every_answer_carries_the_security_headers(served: tuple[str, Path]) -> None:
    base, _ = served
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(base + "/login", timeout=30) as response:
        headers = response.headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "http" not in csp.replace("'self'", "")  # no external source
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert not re.search(r"\d", headers.get("Server", ""))  # no version banner
    cookie = headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def _fetch(client: DashClient, path: str) -> tuple[int, bytes]:
    """(status, body) of a GET with the client's session."""
    try:
        with client.opener.open(client.base + path, timeout=120) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as refused:
        with refused:
            return refused.code, refused.read()


@pytest.mark.parametrize(
    "route",
    ["/rapport?structure={}&edition=2022", "/presentation?structure={}&edition=2022",
     "/image/bench-channels.svg?structure={}&edition=2022",
     "/rapport.pdf?structure={}&edition=2022"],
)  # fmt: skip
def test_deliverables_follow_the_policy(
    clients: dict[str, DashClient], demo: Dataset, served: tuple[str, Path], route: str
) -> None:
    """Issue 15's routes ask dashboard.policy as the pages do: a manager gets its own
    structure's report, presentation and images with peers anonymous, and another
    structure's answered as an unknown one (404, a log line, nothing of it); a consultant
    gets any structure's."""
    _, log = served
    before = log.read_text("utf-8", errors="replace").count(f"refused structure '{OTHER}'")
    status, body = _fetch(clients["manager"], route.format(OTHER))
    assert status == 404
    assert leaks(demo, body.decode("utf-8", "replace")) == []
    after = log.read_text("utf-8", errors="replace").count(f"refused structure '{OTHER}'")
    assert after > before
    status, body = _fetch(clients["manager"], route.format(OWN))
    assert status == 200 and len(body) > 1000
    if not route.startswith("/rapport.pdf"):
        text = body.decode("utf-8", "replace")
        assert leaks(demo, text) == []
    status, body = _fetch(clients["consultant"], route.format(OTHER))
    assert status == 200 and len(body) > 1000


def test_the_report_page_and_the_presentation_have_their_own_policy(
    clients: dict[str, DashClient],
) -> None:
    """Documents the app writes whole carry a policy of their own: nothing from anywhere,
    their own scripts by hash (no inline event handler)."""
    for path in (f"/rapport?structure={OWN}&edition=2022", f"/presentation?structure={OWN}"):
        with clients["manager"].opener.open(clients["manager"].base + path, timeout=120) as r:
            policy = r.headers["Content-Security-Policy"]
            text = r.read().decode()
        assert policy.startswith("default-src 'none'") and "script-src 'sha256-" in policy
        assert "onclick=" not in text


def test_a_manager_of_one_structure_lands_on_it(served: tuple[str, Path], demo: Dataset) -> None:
    """« Ma structure » opens on the one structure a manager is bound to (its latest
    edition), with anonymous peers; the address then names it."""
    base, _ = served
    client = DashClient(base, "max", PASSWORD)
    page = client.call(
        f"{ids.PAGE}.children",
        {
            f"{ids.URL}.pathname": "/benchmark",
            f"{ids.URL}.search": "",
            f"{ids.LANG_STORE}.data": "fr",
        },
    )
    text = json.dumps(page, ensure_ascii=False)
    assert "Ville de Strasbourg" in text and "Pair 2" in text
    assert leaks(demo, text) == []


def test_only_who_may_import_is_told_the_import_command(clients: dict[str, DashClient]) -> None:
    values = {
        f"{ids.URL}.pathname": "/data",
        f"{ids.URL}.search": "",
        f"{ids.LANG_STORE}.data": "fr",
    }
    for role, told in (("manager", False), ("consultant", False), ("admin", True)):
        page = json.dumps(clients[role].call(f"{ids.PAGE}.children", values), ensure_ascii=False)
        assert ("python -m dashboard import" in page) is told, role
