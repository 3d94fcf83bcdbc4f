"""The Etalab departmental detail file as published (../shared/reference/barometre-resultats/,
Licence Ouverte 2.0): the share of public reception places publishing their quality results,
per department, 2017-2022. Tests compare what the app shows with this file read here with
plain pandas, independently of the app's reading code; CI may lack ../shared, and
`needs_reference` skips a test then."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "barometre-resultats"
DETAIL = REFERENCE / "tx-transparence-resultats-detail-departemental.csv"
# The key of the file's one indicator in the app: "table id.indicator id".
DETAIL_KEY = "tx-transparence-resultats-detail-departemental.tx-transparence-resultats"

needs_reference = pytest.mark.skipif(
    not DETAIL.is_file(),
    reason=f"reference file absent: {DETAIL} (../shared is not beside this checkout)",
)


def read_published() -> pd.DataFrame:
    """The detail file as published, one row per department and date: its own columns
    (`code_departement` as text: "01", "2A", "971"; `valeur` in % of networks), plus `year`
    (int) from each `date`. Raises FileNotFoundError when the file is absent."""
    frame = pd.read_csv(DETAIL, dtype={"code_departement": str}, encoding="utf-8")
    frame["year"] = frame["date"].str.slice(0, 4).astype(int)
    return frame
