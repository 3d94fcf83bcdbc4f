"""The « Données » page's dataset download over HTTP (issue 11, fault 1; issue 10, point 11).

Open mode (no account) offers the data dictionary and the counts, never the named dataset: no
button, and a forged callback POST gets nothing. A consultant downloads it, as French Excel
opens it for a French page (`;`, decimal comma, BOM) and as the contract writes
it otherwise, and what is downloaded imports back as the same dataset.
"""

from __future__ import annotations

import base64
import io
import json
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.i18n import translate
from dashboard.intake.export import XLSX_NAME
from dashboard.intake.model import Dataset
from dashboard.intake.validation import validate_path
from layouts import ids
from tests.dash_client import DashClient
from tests.servers import PASSWORD, add_account, running_app

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def forged_download(
    base: str, button: str, lang: str, opener: urllib.request.OpenerDirector = _OPENER
) -> tuple[int, bytes]:
    """POST the download callback as a browser would after a click on `button`, whether or
    not the page shows it; the status and body of the answer."""
    inputs = [
        {"id": b, "property": "n_clicks", "value": 1 if b == button else None}
        for b in (ids.DATA_DOWNLOAD_CSV, ids.DATA_DOWNLOAD_XLSX)
    ]
    body = {
        "output": f"{ids.DATA_DOWNLOAD}.data",
        "outputs": {"id": ids.DATA_DOWNLOAD, "property": "data"},
        "inputs": inputs,
        "state": [{"id": ids.LANG_STORE, "property": "data", "value": lang}],
        "changedPropIds": [f"{button}.n_clicks"],
    }
    request = urllib.request.Request(
        base + "/_dash-update-component",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def page_text(base: str, lang: str) -> str:
    """The « Données » page as the routing callback answers it, as JSON text."""
    answer = DashClient(base).call(
        f"{ids.PAGE}.children",
        {f"{ids.URL}.pathname": "/data", f"{ids.URL}.search": f"?lang={lang}"},
    )
    return json.dumps(answer, ensure_ascii=False)


@pytest.fixture(scope="module")
def anonymous(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(Path(tmp_path_factory.mktemp("data"))) as base:
        yield base


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashClient]:
    """The app with a consultant account, and a client signed in to it."""
    data = Path(tmp_path_factory.mktemp("data"))
    add_account(data, "carl", "consultant")
    with running_app(data) as base:
        yield DashClient(base, "carl", PASSWORD)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_open_mode_page_gives_the_dictionary_and_counts_not_the_data(
    anonymous: str, lang: str
) -> None:
    text = page_text(anonymous, lang)
    assert translate("ui.data.dictionary", lang) in text
    assert translate("ui.data.totals", lang) in text
    assert translate("ui.data.download_withheld", lang) in text
    for button in (ids.DATA_DOWNLOAD_CSV, ids.DATA_DOWNLOAD_XLSX, ids.DATA_DOWNLOAD):
        assert json.dumps(button) not in text


@pytest.mark.parametrize("button", [ids.DATA_DOWNLOAD_CSV, ids.DATA_DOWNLOAD_XLSX])
def test_forged_download_request_gets_nothing_in_open_mode(anonymous: str, button: str) -> None:
    status, body = forged_download(anonymous, button, "fr")
    assert status == 204
    assert body == b""


def _downloaded(body: bytes) -> tuple[str, bytes]:
    data: dict[str, Any] = json.loads(body)["response"][ids.DATA_DOWNLOAD]["data"]
    assert data["base64"] is True
    return str(data["filename"]), base64.b64decode(data["content"])


@pytest.mark.parametrize(("lang", "sep", "decimal"), [("fr", b";", b","), ("en", b",", b".")])
def test_a_consultant_downloads_csv_for_the_page_language_and_it_reimports(
    named: DashClient, demo: Dataset, tmp_path: Path, lang: str, sep: bytes, decimal: bytes
) -> None:
    status, body = forged_download(named.base, ids.DATA_DOWNLOAD_CSV, lang, named.opener)
    assert status == 200
    filename, content = _downloaded(body)
    assert filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        tests = archive.read("tests.csv")
    assert tests.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the accents right
    header, first = tests[3:].split(b"\n")[:2]
    assert header.startswith(b"edition" + sep + b"structure_id" + sep)
    score = first.split(sep)[5]
    assert decimal in score or score.isdigit(), first
    assert (b"." if lang == "fr" else b",") not in score
    # Download -> import: the same dataset (same content version, equal tables).
    path = tmp_path / filename
    path.write_bytes(content)
    back = validate_path(path)
    assert back.dataset is not None and not back.problems
    assert back.dataset.version == demo.version


def test_a_consultant_downloads_xlsx_that_reimports(
    named: DashClient, demo: Dataset, tmp_path: Path
) -> None:
    status, body = forged_download(named.base, ids.DATA_DOWNLOAD_XLSX, "fr", named.opener)
    assert status == 200
    filename, content = _downloaded(body)
    assert filename == XLSX_NAME
    (tmp_path / filename).write_bytes(content)
    back = validate_path(tmp_path / filename).dataset
    assert back is not None and back.version == demo.version
