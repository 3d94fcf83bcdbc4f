"""The core (dashboard/) never imports dash (house style): it is tested without a server or a
browser. Checked in a fresh process that imports every module of the package."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CODE = """
import importlib, pkgutil, sys
import dashboard
names = [m.name for m in pkgutil.walk_packages(dashboard.__path__, "dashboard.")
         if not m.name.endswith("__main__")]
for name in names:
    importlib.import_module(name)
dash = sorted(m for m in sys.modules if m == "dash" or m.startswith("dash."))
assert not dash, dash
print(len(names))
"""


def test_no_module_of_the_core_imports_dash() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 30  # every module was imported
