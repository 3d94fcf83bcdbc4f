"""The command line (issue 2): validate, import, export, demo, info; --lang, --report,
--data-dir; exit codes; no traceback on bad input; progress on a terminal only.

Most cases call `main([...], out=StringIO())` in-process; a few run the real
`python -m dashboard` in a subprocess, whose stdout and stderr are pipes. The last test is
the issue's "done when": export a fresh store, then recompute every §6 target from the CSV
with plain pandas, independently of the project's scoring code.
"""

from __future__ import annotations

import csv
import io
import os
import pty
import select
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.cli import Progress, main
from dashboard.i18n import translate
from dashboard.intake.demo import demo_dataset
from dashboard.intake.schema import TestCol
from dashboard.intake.store import DatasetStore
from dashboard.intake.validation import validate_path
from dashboard.settings import Settings
from tests.unit.conftest import Tables

ROOT = Path(__file__).resolve().parents[2]
PROGRESS_WORDS = ("Lecture", "Vérification", "Reading", "Checking", "%")


def run(*argv: str) -> tuple[int, str]:
    """main() in-process: exit status and what it wrote to `out` (no-break spaces as spaces)."""
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue().replace("\xa0", " ").replace("\u202f", " ")


def run_process(
    *argv: str, data_dir: Path | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """The real `python -m dashboard` with piped output."""
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"}
    if data_dir is not None:
        env["DASHBOARD_DATA_DIR"] = str(data_dir)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [*prefix, sys.executable, "-m", "dashboard", *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


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
    assert header == [
        "Gravité",
        "Fichier",
        "Tableau",
        "Ligne",
        "Colonne",
        "Lettre de colonne",
        "Valeur trouvée",
        "Problème",
        "Nombre de lignes",
        "Premières lignes",
    ]
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


def test_progress_shows_on_a_real_terminal(tmp_path: Path) -> None:
    """stderr on a pseudo-terminal: progress lines; stdout piped: clean output."""
    source = Tables().write_csv(tmp_path / "ok")
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--lang", "en", "validate", str(source)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=terminal,
            text=True,
        )
        os.close(terminal)
        stdout, _ = proc.communicate(timeout=120)
        chunks = []
        while select.select([controller], [], [], 0.5)[0]:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(controller)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 0
    assert translate("validation.stage.read_tests", "en") in shown
    assert "100%" in shown
    assert "%" not in stdout and "is valid" in stdout


# --- real processes ---------------------------------------------------------------------------


def _without_read_permission() -> tuple[str, ...] | None:
    """A command prefix under which chmod 000 denies reading (root bypasses it), or None."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = (setpriv, "--bounding-set=-dac_override,-dac_read_search")
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None


def test_processes_exit_1_without_traceback(tmp_path: Path) -> None:
    not_a_zip = tmp_path / "export.zip"
    not_a_zip.write_text("structures,tests\n")
    result = run_process("validate", str(not_a_zip), data_dir=tmp_path / "data")
    assert result.returncode == 1
    assert "export.zip" in result.stdout and "1 erreur," in result.stdout
    assert "Traceback" not in result.stdout + result.stderr

    result = run_process("--lang", "en", "import", str(tmp_path / "missing"), data_dir=tmp_path)
    assert result.returncode == 1
    assert "was not found" in result.stdout and "Import refused" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    # Piped: no progress text anywhere.
    assert not any(word in result.stderr for word in PROGRESS_WORDS)


def test_unreadable_folder_in_a_process(tmp_path: Path) -> None:
    prefix = _without_read_permission()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be denied")
    folder = Tables().write_csv(tmp_path / "locked")
    tmp_path.chmod(0o755)
    folder.chmod(0)
    try:
        locked_folder = run_process("validate", str(folder), prefix=prefix)
    finally:
        folder.chmod(0o755)
    (folder / "tests.csv").chmod(0)
    try:
        locked_file = run_process(
            "--lang", "en", "import", str(folder), data_dir=tmp_path / "data", prefix=prefix
        )
    finally:
        (folder / "tests.csv").chmod(0o644)
    for result in (locked_folder, locked_file):
        assert result.returncode == 1
    # A sentence naming the folder.
    assert "locked" in locked_folder.stdout and "accès refusé" in locked_folder.stdout
    assert "tests.csv" in locked_file.stdout and "permission denied" in locked_file.stdout
    for result in (locked_folder, locked_file):
        # The log record behind the problem stays off the terminal, traceback included.
        assert "Traceback" not in result.stdout + result.stderr
        assert result.stderr == ""
    assert "1 erreur," in locked_folder.stdout
    assert "Import refused" in locked_file.stdout


def test_valid_process_exits_0_quietly(tmp_path: Path) -> None:
    source = Tables().write_csv(tmp_path / "ok")
    result = run_process("import", str(source), data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress when piped
    assert "importé" in result.stdout


# --- done when: export of a fresh store meets every calibration target (§6) ------------------

WINNERS_2022 = {
    "city_50k_plus": ("Ville de Strasbourg", "67"),
    "city_20k_50k": ("Ville de Bourg-en-Bresse", "01"),
    "intermunicipality": ("SICOVAL – Communauté d'agglomération du Sud-Est toulousain", "31"),
    "department": ("Département de la Mayenne", "53"),
    "region": ("Région Grand Est", ""),
    "social_services": ("Maison du Département des Solidarités des Graves (Gironde)", "33"),
    "economic_development": ("Maison de Ma Région – Montauban", "82"),
}


def _read_contract_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _number(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column.replace("", np.nan))


def _is_true(column: pd.Series) -> pd.Series:
    return column.str.strip().str.lower() == "true"


def test_export_of_a_fresh_store_meets_every_calibration_target(tmp_path: Path) -> None:
    out = tmp_path / "X"
    result = run_process("export", "--out", str(out), data_dir=tmp_path / "fresh")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    info = run_process("info", "--lang", "en", data_dir=tmp_path / "fresh")
    assert info.returncode == 0 and "demo data" in info.stdout

    # --- read the two CSV files as text, type them by hand --------------------------------
    structures = _read_contract_csv(out / "structures.csv").set_index("structure_id")
    tests = _read_contract_csv(out / "tests.csv")
    tests["edition"] = tests["edition"].astype(int)
    tests["score"] = tests["score"].astype(float)
    tests["response_days"] = _number(tests["response_days"])
    tests["rings"] = _number(tests["rings"])
    tests["category"] = tests["structure_id"].map(structures["category"])
    assert tests["category"].notna().all()

    # --- §5 definitions ----------------------------------------------------------------------
    # S(s,e,c): mean score of s's tests in e on c. G(s,e): mean of S over s's channels in e.
    s_scores = tests.groupby(["edition", "structure_id", "channel"])["score"].mean()
    g = s_scores.groupby(level=["edition", "structure_id"]).mean().rename("G").reset_index()
    g["category"] = g["structure_id"].map(structures["category"])

    def group_mean_g(edition: int, category: str | None = None) -> float:
        rows = g[g["edition"] == edition]
        if category is not None:
            rows = rows[rows["category"] == category]
        return float(rows["G"].mean())  # each structure once

    def of(edition: int, channel: str) -> pd.DataFrame:
        return tests[(tests["edition"] == edition) & (tests["channel"] == channel)]

    def pct(mask: pd.Series) -> float:
        return 100.0 * float(mask.mean())

    # --- §6 targets ----------------------------------------------------------------------------
    assert sorted(tests["edition"].unique()) == list(range(2013, 2023))
    audited = tests.groupby("edition")["structure_id"].nunique()
    assert audited[2022] == 311
    assert audited[2021] == 349
    assert tests["structure_id"].nunique() > 2000
    editions_per_structure = tests.groupby("structure_id")["edition"].nunique()
    assert (editions_per_structure >= 5).sum() >= 100
    assert sorted(tests.loc[tests["channel"] == "social", "edition"].unique()) == [2021, 2022]

    for edition, target in {
        2015: 67.4,
        2016: 68.9,
        2017: 66.0,
        2018: 68.5,
        2019: 68.5,
        2020: 62.0,
    }.items():
        assert group_mean_g(edition) == pytest.approx(target, abs=1.5), edition

    physical = s_scores.xs((2022, "physical"), level=["edition", "channel"])
    assert 40 <= len(physical) <= 60
    assert float(physical.mean()) == pytest.approx(86.0, abs=1.0)

    for edition, first_attempt, rings in ((2022, 77.0, 5.5), (2021, 96.0, 2.2)):
        phone = of(edition, "phone")
        assert pct(_is_true(phone["first_attempt"])) == pytest.approx(first_attempt, abs=2)
        answered_rings = phone.loc[_is_true(phone["answered"]), "rings"]
        assert answered_rings.notna().all()
        assert float(answered_rings.mean()) == pytest.approx(rings, abs=0.2)

    email, mail, social, website = (of(2022, c) for c in ("email", "mail", "social", "website"))
    within_10 = _is_true(email["answered"]) & (email["response_days"] < 10)
    assert pct(within_10) == pytest.approx(55.0, abs=2)
    within_15 = _is_true(mail["answered"]) & (mail["response_days"] < 15)
    assert pct(within_15) == pytest.approx(40.0, abs=2)
    private = _is_true(social["private_reply"])
    assert pct(private) == pytest.approx(66.7, abs=2)
    assert pct(social.loc[private, "response_days"] < 3) == pytest.approx(90.0, abs=2)
    assert pct(_is_true(website["online_procedures"])) == pytest.approx(74.0, abs=2)
    assert pct(_is_true(website["digital_support"])) == pytest.approx(20.0, abs=2)

    regions = group_mean_g(2022, "region") - group_mean_g(2021, "region")
    assert regions == pytest.approx(12.0, abs=1.5)
    france_services = group_mean_g(2022, "france_services") - group_mean_g(2021, "france_services")
    assert france_services == pytest.approx(-5.0, abs=1.5)
    fs_tests = tests[tests["category"] == "france_services"]
    assert fs_tests["edition"].min() == 2020
    audited_fs = fs_tests[["edition", "structure_id"]].drop_duplicates()
    with_site = fs_tests.loc[fs_tests["channel"] == "website", ["edition", "structure_id"]]
    assert len(with_site.drop_duplicates()) < 0.5 * len(audited_fs)
    departments = [group_mean_g(e, "department") for e in (2020, 2021, 2022)]
    assert departments[0] < departments[1] < departments[2]

    # Rank 1 = 1 + number of peers strictly higher: the peers at the maximum, alone.
    g_2022 = g[g["edition"] == 2022]
    for category, (name, department) in WINNERS_2022.items():
        peers = g_2022[g_2022["category"] == category]
        best = peers[peers["G"] == peers["G"].max()]
        assert len(best) == 1, category
        winner = structures.loc[best["structure_id"].iloc[0]]
        assert winner["name"] == name
        assert winner["department_code"] == department
