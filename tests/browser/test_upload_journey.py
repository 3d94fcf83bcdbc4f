"""Importing in the browser (issue 14, point 5), as an admin does it, by clicks from the home
page: sign in, « Données », choose the file, « Envoyer et vérifier »; the progress bar, then
the whole report; « Activer » for a valid file, after which the page shows the new data and
the admin page lists the version. An invalid file gets its report and changes nothing.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from dashboard.intake.demo import demo_dataset
from dashboard.intake.export import write_dataset
from dashboard.intake.model import Dataset
from dashboard.intake.schema import StructureCol, TestCol
from dashboard.intake.store import DatasetStore
from layouts import ids
from tests.browser.conftest import AppServer, app_with_accounts, sign_in
from tests.servers import PASSWORD

if TYPE_CHECKING:
    from tests.browser.conftest import DashPage

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("upload")


@pytest.fixture(scope="module")
def app_server(work: Path) -> Iterator[AppServer]:
    # Two managers: mia's structure is not in the valid file, max's is.
    accounts = (
        ("ada", "admin"),
        ("mia", "manager", ["W-STRASBOURG"]),
        ("max", "manager", ["S00001"]),
    )
    with app_with_accounts(work, *accounts) as server:
        yield server


@pytest.fixture(scope="module")
def files(work: Path) -> dict[str, Path]:
    """A valid .zip (the demo's 2022 tests of 12 structures) and an invalid one (a score of
    « beaucoup » and an unknown channel in it)."""
    demo = demo_dataset()
    tests = demo.tests[demo.tests[TestCol.EDITION] == 2022]
    keep = sorted(tests[TestCol.STRUCTURE_ID].unique())[:12]
    tests = tests[tests[TestCol.STRUCTURE_ID].isin(keep)]
    structures = demo.structures[demo.structures[StructureCol.STRUCTURE_ID].isin(keep)]
    write_dataset(Dataset.build(structures, tests, "douze"), work / "douze")
    valid = Path(shutil.make_archive(str(work / "douze-structures"), "zip", work / "douze"))
    (work / "bad").mkdir()
    shutil.copy(work / "douze" / "structures.csv", work / "bad" / "structures.csv")
    lines = (work / "douze" / "tests.csv").read_text("utf-8").splitlines()
    header = lines[0].split(",")
    first = lines[1].split(",")
    first[header.index(TestCol.SCORE)] = "beaucoup"
    first[header.index(TestCol.CHANNEL)] = "pigeon"
    lines[1] = ",".join(first)
    (work / "bad" / "tests.csv").write_text("\n".join(lines) + "\n", "utf-8")
    invalid = Path(shutil.make_archive(str(work / "resultats-faux"), "zip", work / "bad"))
    return {"valid": valid, "invalid": invalid}


@pytest.fixture(autouse=True)
def signed_in(app: DashPage, base_url: str) -> None:
    """Every test of the module starts signed in as the admin, through the login page."""
    sign_in(app.page, base_url, "ada", PASSWORD)


@pytest.fixture
def store(work: Path) -> DatasetStore:
    """The served app's store, read directly to see which version is active."""
    return DatasetStore(work / "data")


def open_data(app: DashPage) -> None:
    app.follow_nav("Données")
    expect(app.page.get_by_role("heading", level=1)).to_have_text("Données")


def upload(app: DashPage, path: Path) -> None:
    """From the home page: « Données », the file, « Envoyer et vérifier »; until checked."""
    app.goto("/")
    open_data(app)
    panel = app.page.get_by_role("region", name="Importer des données")
    expect(panel).to_be_visible()
    app.page.get_by_label("Fichier", exact=True).set_input_files(str(path))
    app.page.get_by_role("button", name="Envoyer et vérifier").click()
    expect(app.page.locator(f"#{ids.UPLOAD_PROGRESS}")).to_be_visible()
    expect(app.page.locator(f"#{ids.UPLOAD_STATUS}")).to_contain_text(
        re.compile("Fichier (valide|refusé)"), timeout=60_000
    )


def test_a_valid_file_is_checked_then_activated(
    app: DashPage, base_url: str, files: dict[str, Path], store: DatasetStore
) -> None:
    before = store.active_version()
    upload(app, files["valid"])
    assert "/data?upload=" in app.page.url
    status = app.page.locator(f"#{ids.UPLOAD_STATUS}")
    expect(status).to_contain_text("Fichier valide (0 erreur")
    expect(status).to_contain_text(re.compile(r"Il contient 12 structures et \d[\d\s]* tests"))
    expect(app.page.locator(f"#{ids.UPLOAD_PROGRESS}")).to_contain_text("100")
    assert store.active_version() == before  # nothing changes before « Activer »
    # Before « Activer »: the manager the new data would leave without its structure.
    stranded = app.page.locator(f"#{ids.UPLOAD_STRANDED}")
    expect(stranded).to_be_visible()
    expect(stranded).to_contain_text("1 compte de gestionnaire est lié à des structures absentes")
    expect(stranded).to_contain_text("mia (W-STRASBOURG)")
    expect(stranded).not_to_contain_text("max")
    expect(stranded.get_by_role("link", name="Comptes")).to_have_attribute("href", "/admin/users")
    app.page.get_by_role("button", name="Activer").click()
    expect(app.page.locator(f"#{ids.UPLOAD_RESULT}")).to_contain_text(
        "la version active est désormais", timeout=60_000
    )
    version = store.active_version()
    assert version is not None and version != before
    expect(app.page.locator(f"#{ids.UPLOAD_RESULT}")).to_contain_text(version)
    # Its link loads the page again, which describes the new data (no demo banner); the
    # admin page lists the version.
    app.page.get_by_role("link", name="Afficher les données désormais actives").click()
    expect(app.page.locator("main")).to_contain_text("douze-structures.zip")
    expect(app.page.get_by_text("Données de démonstration.")).to_have_count(0)
    app.page.goto(base_url + "/admin/versions")
    row = app.page.get_by_role("row").filter(has_text=version)
    expect(row).to_contain_text("ada")
    expect(row).to_contain_text("douze-structures.zip")
    expect(row).to_contain_text("active")


def test_an_invalid_file_gets_its_report_and_changes_nothing(
    app: DashPage, files: dict[str, Path], store: DatasetStore
) -> None:
    before = store.active_version()
    upload(app, files["invalid"])
    expect(app.page.locator(f"#{ids.UPLOAD_STATUS}")).to_contain_text("Fichier refusé (2 erreurs")
    report = app.page.locator(f"#{ids.UPLOAD_REPORT}")
    expect(report.get_by_role("table")).to_contain_text("beaucoup")
    expect(report.get_by_role("table")).to_contain_text("pigeon")
    expect(app.page.get_by_role("button", name="Activer")).to_be_hidden()
    # Its CSV: the lines of `validate --report`.
    with app.page.expect_download() as info:
        report.get_by_role("link", name="Télécharger le rapport (CSV)").click()
    text = Path(info.value.path()).read_text("utf-8-sig")
    assert "beaucoup" in text and "pigeon" in text and ";" in text.splitlines()[0]
    assert store.active_version() == before
