"""The store of public indicator tables (issue 17): tables side by side, each with its id,
source and import date; all-or-nothing imports; replace and remove; readers that load each
version once and see another process's import."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.intake import indicator_store
from dashboard.intake.indicator_store import (
    INDEX_FILE,
    IndicatorStore,
    InvalidTableId,
    UnknownTable,
    table_id_from_name,
)
from dashboard.intake.store import DatasetStore, ImportBusy
from tests.unit.intake.test_public_indicators import VALID_ROWS, long_row, write_csv


@pytest.fixture
def store(tmp_path: Path) -> IndicatorStore:
    return IndicatorStore(tmp_path / "data")


@pytest.fixture
def first_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "Transparence 2022.csv", VALID_ROWS)


@pytest.fixture
def second_file(tmp_path: Path) -> Path:
    rows = [
        long_row("01", "Ain", "2022", "12", indicator_id="delai", indicator_label="Délai"),
        long_row("02", "Aisne", "2022", "9", indicator_id="delai", indicator_label="Délai"),
    ]
    return write_csv(tmp_path / "delais.csv", rows)


def test_an_empty_store_has_no_table(store: IndicatorStore) -> None:
    assert store.listing() == ()
    assert store.tables() == ()
    assert store.version() == ""
    with pytest.raises(UnknownTable):
        store.table("x")


def test_import_lists_the_table_with_its_source_and_counts(
    store: IndicatorStore, first_file: Path
) -> None:
    outcome = store.import_path(first_file)
    assert outcome.ok and not outcome.replaced
    assert outcome.table_id == "transparence-2022"
    [entry] = store.listing()
    assert (entry.table_id, entry.source, entry.rows, entry.indicators, entry.entities) == (
        "transparence-2022",
        "Transparence 2022.csv",
        7,
        1,
        5,
    )
    assert (entry.first_period, entry.last_period) == (2021, 2022)
    assert entry.imported_at.endswith("+00:00")
    table = store.table("transparence-2022")
    assert table.table_id == "transparence-2022"
    assert table.imported_at == entry.imported_at
    assert list(table.rows["entity_code"]) == ["01", "01", "2A", "2A", "2B", "971", "976"]


def test_tables_side_by_side_then_replace_and_remove(
    store: IndicatorStore, first_file: Path, second_file: Path
) -> None:
    store.import_path(first_file)
    store.import_path(second_file, "delais")
    assert [t.table_id for t in store.tables()] == ["transparence-2022", "delais"]
    before = store.version()

    rows = [long_row("01", "Ain", "2022", "13", indicator_id="delai", indicator_label="Délai")]
    replacement = write_csv(first_file.parent / "delais-2023.csv", rows)
    outcome = store.import_path(replacement, "delais")
    assert outcome.replaced
    assert [t.table_id for t in store.tables()] == ["transparence-2022", "delais"]
    assert list(store.table("delais").rows["value"]) == [13.0]
    assert store.version() != before

    store.remove("transparence-2022")
    assert [t.table_id for t in store.tables()] == ["delais"]
    with pytest.raises(UnknownTable):
        store.remove("transparence-2022")
    # Only the folders in force stay on disk.
    folders = sorted(p.name for p in store.folder.iterdir() if p.is_dir())
    assert folders == [store.listing()[0].folder]


def test_a_refused_import_changes_nothing(
    store: IndicatorStore, first_file: Path, tmp_path: Path
) -> None:
    store.import_path(first_file)
    index = (store.folder / INDEX_FILE).read_bytes()
    bad = write_csv(tmp_path / "transparence-2022.csv", [long_row("1", "Ain", "2022", "x")])
    outcome = store.import_path(bad, "transparence-2022")
    assert not outcome.ok and len(outcome.validation.errors) == 2
    assert (store.folder / INDEX_FILE).read_bytes() == index
    assert list(store.table("transparence-2022").rows["value"])[:2] == [26.0, 76.0]


def test_a_failure_while_writing_changes_nothing(
    store: IndicatorStore, first_file: Path, second_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_path(first_file)
    index = (store.folder / INDEX_FILE).read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(indicator_store, "_write_table", disk_full)
    with pytest.raises(OSError):
        store.import_path(second_file)
    assert (store.folder / INDEX_FILE).read_bytes() == index
    assert [p.name for p in store.folder.iterdir() if p.name.startswith(".")] == []
    assert [t.table_id for t in IndicatorStore(store.root).tables()] == ["transparence-2022"]


def test_each_version_is_loaded_once(store: IndicatorStore, first_file: Path) -> None:
    store.import_path(first_file)
    reader = IndicatorStore(store.root)
    first = reader.tables()
    assert reader.tables()[0] is first[0]


def test_a_reader_sees_another_process_import(
    store: IndicatorStore, first_file: Path, second_file: Path
) -> None:
    reader = IndicatorStore(store.root)
    assert reader.tables() == ()
    store.import_path(first_file)
    assert [t.table_id for t in reader.tables()] == ["transparence-2022"]
    version = reader.version()
    store.import_path(second_file)
    assert [t.table_id for t in reader.tables()] == ["transparence-2022", "delais"]
    assert reader.version() != version


def test_imports_share_the_data_directory_lock(store: IndicatorStore, first_file: Path) -> None:
    with DatasetStore(store.root).import_lock(), pytest.raises(ImportBusy):
        store.import_path(first_file, wait=0)
    assert store.listing() == ()


@pytest.mark.parametrize(
    ("name", "table_id"),
    [
        ("Baromètre résultats 2023.csv", "barometre-resultats-2023"),
        ("tx-transparence-resultats-detail-departemental.csv", None),
        ("@@@.xlsx", "indicateurs"),
        ("x" * 80 + ".csv", "x" * 64),
    ],
)
def test_table_id_from_name(name: str, table_id: str | None) -> None:
    expected = table_id or Path(name).stem
    assert table_id_from_name(name) == expected


def test_an_invalid_table_id_is_refused(store: IndicatorStore, first_file: Path) -> None:
    with pytest.raises(InvalidTableId):
        store.import_path(first_file, "Mon Tableau")
    assert store.listing() == ()
