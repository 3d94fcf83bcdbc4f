"""The data page in a real browser, signed in as a consultant (who may download): the active dataset
downloads as a CSV .zip that French Excel opens as it is on a French page (`;`, decimal comma,
UTF-8 BOM), the contract's CSV on an English page, and an .xlsx; each imports back as the
same dataset (issue 10, point 11)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest

from dashboard.intake.model import Dataset
from dashboard.intake.validation import validate_path
from layouts import ids
from tests.browser.named import app_server, signed_in  # noqa: F401 (fixtures)
from tests.browser.test_data_page import totals

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser


def download(app: DashPage, button_id: str) -> tuple[str, bytes]:
    with app.page.expect_download() as info:
        app.page.locator(f"#{button_id}").click()
    file = info.value
    assert file.failure() is None
    with open(file.path(), "rb") as handle:
        return file.suggested_filename, handle.read()


@pytest.mark.parametrize(("lang", "sep", "decimal"), [("fr", ";", ","), ("en", ",", ".")])
def test_csv_download_opens_in_the_users_excel_and_reimports(
    app: DashPage, demo: Dataset, tmp_path: Path, lang: str, sep: str, decimal: str
) -> None:
    app.goto("/data" + ("?lang=en" if lang == "en" else ""))
    structures, tests = totals(app, lang)
    name, content = download(app, ids.DATA_DOWNLOAD_CSV)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["structures.csv", "tests.csv"]
        raw = {member: archive.read(member) for member in archive.namelist()}
    assert all(data.startswith(b"\xef\xbb\xbf") for data in raw.values())  # UTF-8 BOM
    rows = {
        member: list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=sep))
        for member, data in raw.items()
    }
    assert len(rows["structures.csv"]) == structures
    assert len(rows["tests.csv"]) == tests
    scores = [row["score"] for row in rows["tests.csv"]]
    assert any(decimal in score for score in scores)
    assert not any(({",", "."} - {decimal}) & set(score) for score in scores)
    # Download -> import: the same dataset.
    path = tmp_path / name
    path.write_bytes(content)
    back = validate_path(path)
    assert back.dataset is not None and not back.problems
    assert back.dataset.version == demo.version


def test_xlsx_download(app: DashPage) -> None:
    app.goto("/data")
    structures, tests = totals(app, "fr")
    name, content = download(app, ids.DATA_DOWNLOAD_XLSX)
    assert name.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        assert {"structures", "tests"} <= set(workbook.sheetnames)
        sheet_rows = {
            sheet: sum(1 for _ in workbook[sheet].iter_rows(min_row=2, values_only=True))
            for sheet in ("structures", "tests")
        }
    finally:
        workbook.close()
    assert sheet_rows == {"structures": structures, "tests": tests}
