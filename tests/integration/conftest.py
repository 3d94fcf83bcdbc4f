"""Fixtures shared by the integration tests: a small dataset to import over the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.intake.export import write_dataset
from dashboard.intake.model import Dataset
from dashboard.intake.schema import StructureCol, TestCol


@pytest.fixture(scope="module")
def small_dataset(demo: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's 2022 tests of 12 structures, as a CSV folder."""
    tests = demo.tests[demo.tests[TestCol.EDITION] == 2022]
    keep = sorted(tests[TestCol.STRUCTURE_ID].unique())[:12]
    tests = tests[tests[TestCol.STRUCTURE_ID].isin(keep)]
    structures = demo.structures[demo.structures[StructureCol.STRUCTURE_ID].isin(keep)]
    folder = tmp_path_factory.mktemp("small")
    write_dataset(Dataset.build(structures, tests, "small"), folder)
    return folder
