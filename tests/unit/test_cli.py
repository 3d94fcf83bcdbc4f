"""The command line (issue 2): validate, import, export, demo, info; --lang, --report,
--data-dir; exit codes; no traceback on bad input; progress on a terminal only.

Every case calls `main([...], out=StringIO())` in-process; the real `python -m dashboard`
processes are in tests/integration/test_cli_processes.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from dashboard.cli import Progress, main
from dashboard.i18n import translate
from dashboard.intake.demo import demo_dataset
from dashboard.intake.schema import TestCol
from dashboard.intake.store import DatasetStore
from dashboard.intake.validation import validate_path
from dashboard.settings import Settings
from tests.unit.conftest import PROBLEM_REPORT_COLUMNS_FR, Tables

ROOT = Path(__file__).resolve().parents[2]
PROGRESS_WORDS = ("Lecture", "Vérification", "Reading", "Checking", "%")


def run(*argv: str) -> tuple[int, str]:
    """main() in-process: exit status and what it wrote to `out` (no-break spaces as spaces)."""
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue().replace("\xa0", " ").replace("\u202f", " ")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh store, named by DASHBOARD_DATA_DIR as the app and the CLI read it."""
    folder = tmp_path / "data"
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
    return folder


def _invalid(tmp_path: Path) -> Path:
    """Two errors (tests.csv lines 3 and 4), one warning (structures.csv line 3: no test)."""
    tables = Tables()
    tables.tests[1][TestCol.SCORE] = "180"
    tables.tests[2][TestCol.CHANNEL] = "fax"
    tables.tests = [t for t in tables.tests if t[TestCol.STRUCTURE_ID] != "VILLE-BOURG"]
    return tables.write_csv(tmp_path / "invalid")


# --- validate -----------------------------------------------------------------------------


def test_validate_valid(tmp_path: Path) -> None:
    status, out = run("validate", str(Tables().write_csv(tmp_path / "ok")))
    assert status == 0
    assert "0 erreur, 0 avertissement." in out
    assert "est valide" in out


def test_validate_lists_every_problem_and_counts(tmp_path: Path) -> None:
    status, out = run("validate", str(_invalid(tmp_path)))
    assert status == 1
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("ERREUR")]
    warnings = [line for line in lines if line.startswith("AVERTISSEMENT")]
    assert len(errors) == 2 and len(warnings) == 1
    # Each line says where: file, table, row and column, then what was found and expected.
    assert "tests.csv" in errors[0] and "ligne 3" in errors[0] and "« score »" in errors[0]
    assert "structures.csv" in warnings[0] and "ligne 3" in warnings[0]
    assert "180" in errors[0] and "100" in errors[0]
    assert "ligne 4" in errors[1] and "« channel »" in errors[1] and "fax" in errors[1]
    assert "VILLE-BOURG" in warnings[0]
    assert "2 erreurs, 1 avertissement." in out
    assert lines[-1].endswith("corrigez les erreurs ci-dessus.")


def test_validate_in_english(tmp_path: Path) -> None:
    path = str(_invalid(tmp_path))
    for argv in (("--lang", "en", "validate", path), ("validate", path, "--lang", "en")):
        status, out = run(*argv)
        assert status == 1
        assert "ERROR: tests.csv, table “tests”, row 3, column F “score”" in out
        assert "expected a number between 0 and 100" in out
        assert "2 errors, 1 warning." in out
        assert "is not valid" in out
        assert "erreur" not in out


def test_report_french(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "problèmes.csv"
    status, out = run("validate", str(_invalid(tmp_path)), "--report", str(report))
    assert status == 1
    assert str(report) in out
    raw = report.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the accents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header == PROBLEM_REPORT_COLUMNS_FR
    assert len(body) == 3  # one row per error, then one per kind of warning
    assert [r[0] for r in body] == ["erreur", "erreur", "avertissement"]
    assert [r[1] for r in body] == ["tests.csv", "tests.csv", "structures.csv"]
    assert [r[3] for r in body] == ["3", "4", "3"]
    assert body[0][4:7] == ["score", "F", "180"]
    assert body[1][4:7] == ["channel", "C", "fax"]
    assert body[2][4:7] == ["structure_id", "A", "VILLE-BOURG"]
    assert [r[8:] for r in body] == [["1", "3"], ["1", "4"], ["1", "3"]]


def test_report_english_and_empty(tmp_path: Path) -> None:
    report = tmp_path / "report.csv"
    status, _ = run("--lang", "en", "validate", str(_invalid(tmp_path)), "--report", str(report))
    assert status == 1
    rows = list(csv.reader(io.StringIO(report.read_text("utf-8-sig")), delimiter=","))
    assert rows[0][:4] == ["Severity", "File", "Table", "Row"]
    assert len(rows) == 4
    # A valid file gives a report with the header only.
    status, _ = run("validate", str(Tables().write_csv(tmp_path / "ok")), "--report", str(report))
    assert status == 0
    assert len(list(csv.reader(io.StringIO(report.read_text("utf-8-sig")), delimiter=";"))) == 1


def test_garbage_input_gives_a_sentence_and_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_zip = tmp_path / "data.zip"
    not_a_zip.write_bytes(b"PK\x03\x04 this is no zip")
    status, out = run("validate", str(not_a_zip))
    assert status == 1 and "data.zip" in out and "1 erreur," in out

    status, out = run("--lang", "en", "validate", str(tmp_path / "missing"))
    assert status == 1 and "was not found" in out

    unreadable = Tables().write_csv(tmp_path / "unreadable")
    real_iterdir = Path.iterdir

    def denied(self: Path) -> object:
        if self == unreadable:
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    status, out = run("validate", str(unreadable))
    assert status == 1 and "accès refusé" in out
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["bogus"], ["validate"], ["export"], ["--lang", "de", "info"]):
        with pytest.raises(SystemExit) as caught:
            main(argv, out=io.StringIO())
        assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


# --- import, export, demo, info -------------------------------------------------------------


def test_import_then_export_every_format(tmp_path: Path, data_dir: Path) -> None:
    source = Tables().write_csv(tmp_path / "mine")
    status, out = run("import", str(source))
    assert status == 0
    original = validate_path(source).dataset
    assert original is not None
    assert original.version in out and "importé" in out
    assert DatasetStore(data_dir).active_version() == original.version
    # The app reads the same folder.
    assert Settings.from_env().data_dir == data_dir

    for fmt in ("csv", "xlsx", "parquet"):
        status, out = run("export", "--out", str(tmp_path / fmt), "--format", fmt)
        assert status == 0
        written = sorted((tmp_path / fmt).iterdir())
        assert all(str(p) in out for p in written)
        back = validate_path(written[0] if fmt == "xlsx" else tmp_path / fmt).dataset
        assert back is not None and back.version == original.version


def test_refused_import_changes_nothing(tmp_path: Path, data_dir: Path) -> None:
    run("import", str(Tables().write_csv(tmp_path / "good")))
    store = DatasetStore(data_dir)
    before = store.active_version()
    status, out = run("import", str(_invalid(tmp_path)))
    assert status == 1
    assert "Import refusé" in out and "2 erreurs" in out
    assert DatasetStore(data_dir).active_version() == before
    status, out = run("--lang", "en", "import", str(tmp_path / "nothing.xlsx"))
    assert status == 1 and "Import refused" in out
    assert DatasetStore(data_dir).active_version() == before


def test_data_dir_option_before_or_after_the_command(tmp_path: Path, data_dir: Path) -> None:
    source = str(Tables().write_csv(tmp_path / "mine"))
    elsewhere = tmp_path / "elsewhere"
    assert run("--data-dir", str(elsewhere), "import", source)[0] == 0
    assert DatasetStore(elsewhere).active_version() is not None
    assert DatasetStore(data_dir).active_version() is None  # the environment's is untouched
    other = tmp_path / "other"
    assert run("import", source, "--data-dir", str(other))[0] == 0
    assert DatasetStore(other).active_version() is not None
    status, out = run("--data-dir", str(elsewhere), "info")
    assert status == 0 and str(elsewhere) in out and "mine" in out


def test_info_on_the_demo(data_dir: Path) -> None:
    demo = demo_dataset()
    status, out = run("info")
    assert status == 0
    assert "démonstration" in out
    assert demo.version in out
    assert str(data_dir) in out
    lines = out.splitlines()
    editions = [line.strip() for line in lines if line.startswith("  20")]
    assert [line[:4] for line in editions] == [str(e) for e in range(2013, 2023)]
    assert "2022 : 311 structures auditées" in out
    assert "2021 : 349 structures auditées" in out
    counts = demo.tests.groupby(TestCol.EDITION).size()
    tests_2022 = f"{counts[2022]:,}".replace(",", " ")
    assert any(line.startswith("2022") and tests_2022 in line for line in editions)

    status, out = run("info", "--lang", "en")
    assert "demo data" in out and "2022: 311 structures audited" in out


def test_info_after_import(tmp_path: Path, data_dir: Path) -> None:
    run("import", str(Tables().write_csv(tmp_path / "barometre-2022")))
    status, out = run("--lang", "en", "info")
    assert status == 0
    assert "Source: barometre-2022" in out
    assert "Imported at:" in out
    assert "2022: 3 structures audited, 8 tests" in out


def test_demo_command_writes_the_demo(tmp_path: Path, data_dir: Path) -> None:
    status, out = run("demo", "--out", str(tmp_path / "demo"))
    assert status == 0
    assert "structures.csv" in out
    back = validate_path(tmp_path / "demo").dataset
    assert back is not None and back.version == demo_dataset().version
    assert DatasetStore(data_dir).active_version() is None  # the store is not touched


def test_failures_are_sentences(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    status, _ = run("export", "--out", str(a_file))
    assert status == 1
    err = capsys.readouterr().err
    assert err.startswith("Échec\u00a0: ") and "Traceback" not in err  # French spacing

    import dashboard.intake.export as export

    run("import", str(Tables().write_csv(tmp_path / "mine")))
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 4)
    status, _ = run("--lang", "en", "export", "--out", str(tmp_path / "x"), "--format", "xlsx")
    assert status == 1
    err = capsys.readouterr().err
    assert "Failed: the table “tests” has 8 rows" in err and "csv or parquet" in err


# --- progress -------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_only() -> None:
    terminal = _Terminal()
    progress = Progress("fr", terminal)
    progress("validation.stage.read_tests", 0.05)
    progress("validation.stage.done", 1.0)
    text = terminal.getvalue()
    assert translate("validation.stage.read_tests", "fr") in text  # a sentence, not a key
    assert "validation.stage" not in text
    assert "5\u202f%" in text and text.endswith("\n")  # French spacing before %

    piped = io.StringIO()
    quiet = Progress("fr", piped)
    quiet("validation.stage.read_tests", 0.05)
    assert piped.getvalue() == ""


# --- reports ------------------------------------------------------------------------------


def test_reports_of_an_edition_not_in_the_data(data_dir: Path, tmp_path: Path) -> None:
    status, out = run("reports", "--edition", "1999", "--out", str(tmp_path / "out"))
    assert status == 1
    assert "L'édition 1999 n'est pas dans les données" in out
    assert not (tmp_path / "out").exists()


def test_reports_formats_are_checked(data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        run("reports", "--edition", "2022", "--out", str(tmp_path), "--format", "pdf,doc")
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        run("reports", "--edition", "2022", "--out", str(tmp_path), "--category", "village")


def test_reports_progress_on_a_terminal_only() -> None:
    from dashboard.cli import BatchLine
    from dashboard.render.batch import BatchProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, piped = Terminal(), io.StringIO()
    for stream in (terminal, piped):
        line = BatchLine("fr", stream)
        line(BatchProgress(1, 2, (), 3.0))
        line(BatchProgress(2, 2, (), 6.0))
    assert piped.getvalue() == ""
    written = terminal.getvalue().replace("\u202f", " ").replace("\xa0", " ")
    assert written.startswith("\r1 / 2 rapports · environ 3 s restantes")
    assert "\r2 / 2 rapports" in written and written.endswith("\n")
