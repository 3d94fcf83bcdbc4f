"""The command line as a real process (`python -m dashboard`): on a terminal (progress), with
pipes (no traceback, exit codes), on an unreadable folder, and the issue 2 "done when": export a
fresh store, then recompute every §6 target from the CSV with plain pandas, independently of
the project's scoring code. Each test starts processes: marked slow."""

from __future__ import annotations

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

from dashboard.i18n import translate
from tests.servers import run_process
from tests.unit.conftest import Tables

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PROGRESS_WORDS = ("Lecture", "Vérification", "Reading", "Checking", "%")


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
