"""`python -m dashboard indicators import|validate|list|remove` (issue 17): messages from
the catalog in French and English, exit codes, --report, --data-dir, no traceback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.intake.indicator_store import IndicatorStore
from tests.servers import run_process
from tests.unit.intake.test_public_indicators import VALID_ROWS, long_row, write_csv


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue().replace("\xa0", " ").replace("\u202f", " ")


def test_validate_a_valid_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ok.csv", VALID_ROWS)
    status, text = run("indicators", "validate", str(path))
    assert status == 0
    assert "0 erreur, 0 avertissement." in text
    assert f"{path} est valide." in text


def test_validate_an_invalid_file_with_a_report(tmp_path: Path) -> None:
    rows = [*VALID_ROWS, long_row("1", "Ain", "2023", "x")]
    path = write_csv(tmp_path / "bad.csv", rows)
    report = tmp_path / "out" / "problemes.csv"
    status, text = run("indicators", "validate", str(path), "--report", str(report))
    assert status == 1
    lines = text.splitlines()
    assert lines[0].startswith("ERREUR : bad.csv, ligne 9, colonne A « entity_code » : « 1 »")
    assert "« 01 »" in lines[0]
    assert lines[1].startswith("ERREUR : bad.csv, ligne 9, colonne F « value » : « x »")
    assert "2 erreurs, 0 avertissement." in text
    assert "n'est pas valide" in text
    with report.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.DictReader(handle, delimiter=";"))
    assert [(r["Ligne"], r["Colonne"], r["Valeur trouvée"]) for r in written] == [
        ("9", "entity_code", "1"),
        ("9", "value", "x"),
    ]

    status, text = run("indicators", "validate", str(path), "--lang", "en")
    assert status == 1
    assert text.splitlines()[0].startswith("ERROR: bad.csv, row 9, column A “entity_code”: “1”")
    assert "2 errors, 0 warnings." in text


def test_import_list_remove(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = write_csv(tmp_path / "Transparence.csv", VALID_ROWS)
    status, text = run("indicators", "list", "--data-dir", str(data))
    assert (status, text) == (
        0,
        f"Aucune table d'indicateurs publics n'est chargée (dossier des données : {data}).\n",
    )

    status, text = run("indicators", "import", str(path), "--data-dir", str(data))
    assert status == 0
    assert "importé comme table « transparence » : 7 lignes, 1 indicateur, 5 territoires." in text

    status, text = run("--lang", "en", "indicators", "list", "--data-dir", str(data))
    assert status == 0
    first, second = text.splitlines()
    assert first.startswith("transparence: Transparence.csv, imported at ")
    assert first.endswith("7 rows, 1 indicator, 5 territories, periods 2021–2022")
    assert second == "  tx-transparence: Taux de transparence (% de réseaux); higher is better"

    status, text = run("indicators", "remove", "nope", "--data-dir", str(data))
    assert status == 1
    assert text == "Aucune table « nope » : les tables chargées sont transparence.\n"

    status, text = run("indicators", "remove", "transparence", "--data-dir", str(data))
    assert (status, text) == (0, "Table « transparence » retirée.\n")
    assert IndicatorStore(data).listing() == ()


def test_import_under_an_id_replaces_that_table(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = write_csv(tmp_path / "a.csv", VALID_ROWS)
    second = write_csv(tmp_path / "b.csv", VALID_ROWS[:2])
    assert (
        run("indicators", "import", str(first), "--id", "transparence", "--data-dir", str(data))[0]
        == 0
    )
    status, text = run(
        "indicators",
        "import",
        str(second),
        "--id",
        "transparence",
        "--data-dir",
        str(data),
        "--lang",
        "en",
    )
    assert status == 0
    assert "The previous table “transparence” was replaced." in text
    [entry] = IndicatorStore(data).listing()
    assert (entry.source, entry.rows) == ("b.csv", 2)


def test_a_refused_import_says_nothing_changed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = write_csv(tmp_path / "bad.csv", [long_row("01", "Ain", "2022", "x")])
    status, text = run("indicators", "import", str(path), "--data-dir", str(data))
    assert status == 1
    assert text.endswith("Import refusé : les tables d'indicateurs chargées n'ont pas changé.\n")
    assert IndicatorStore(data).listing() == ()

    status, text = run("indicators", "import", str(path), "--id", "Mon Id", "--data-dir", str(data))
    assert status == 1
    assert "« Mon Id » n'est pas un identifiant de table valable" in text


def test_the_real_command_never_shows_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    done = run_process(
        "indicators", "import", str(broken), "--lang", "en", data_dir=tmp_path / "data"
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "is not a readable Excel workbook" in done.stdout


def test_help_lists_the_indicator_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["indicators", "--help", "--lang", "en"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    for words in (
        "check an indicator file without importing it",
        "validate, then add (or replace) an indicator table",
        "list the loaded indicator tables",
        "remove an indicator table",
    ):
        assert words in text
