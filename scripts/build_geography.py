"""Build data/regions.csv and data/departments.csv from @etalab/decoupage-administratif.

The reference tables behind contract §2 (region_code, department_code) are derived, not typed
by hand, so that a new edition of the Code officiel géographique is one command away:

    npm install --prefix /tmp/geo @etalab/decoupage-administratif@6
    python scripts/build_geography.py /tmp/geo/node_modules/@etalab/decoupage-administratif

The package data is under Licence Ouverte 2.0 (Etalab); see data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PACKAGE_NAME = "@etalab/decoupage-administratif"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The package also lists the collectivités d'outre-mer (zone "com": 975, 977, 978, 984, 986…
# 989), which are neither regions nor departments in the INSEE sense: only these zones stay.
CURRENT_ZONES = frozenset({"metro", "drom"})

# What the output must be (contract §2); a package release that disagrees stops the build
# rather than silently changing the codes the validator accepts.
EXPECTED_REGION_CODES = frozenset(
    {"01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76"}
    | {"84", "93", "94"}
)
EXPECTED_DEPARTMENT_CODES = frozenset(
    {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B", "971", "972", "973", "974", "976"}
)


def find_package(path: Path) -> Path:
    """Return the package folder, given it or the `npm install --prefix` folder."""
    for candidate in (path, path / "node_modules" / PACKAGE_NAME):
        if (candidate / "package.json").is_file() and (candidate / "data").is_dir():
            return candidate
    raise SystemExit(f"{path}: no installed copy of {PACKAGE_NAME} found")


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def build_regions(raw: list[dict[str, Any]]) -> list[tuple[str, str]]:
    rows = [(r["code"], r["nom"]) for r in raw if r["zone"] in CURRENT_ZONES]
    codes = {code for code, _ in rows}
    if codes != EXPECTED_REGION_CODES or len(rows) != len(codes):
        raise SystemExit(f"unexpected region codes: {sorted(codes ^ EXPECTED_REGION_CODES)}")
    return sorted(rows)


def build_departments(
    raw: list[dict[str, Any]], region_codes: set[str]
) -> list[tuple[str, str, str]]:
    rows = [(d["code"], d["nom"], d["region"]) for d in raw if d["zone"] in CURRENT_ZONES]
    codes = {code for code, _, _ in rows}
    if codes != EXPECTED_DEPARTMENT_CODES or len(rows) != len(codes):
        raise SystemExit(
            f"unexpected department codes: {sorted(codes ^ EXPECTED_DEPARTMENT_CODES)}"
        )
    orphans = sorted(code for code, _, region in rows if region not in region_codes)
    if orphans:
        raise SystemExit(f"departments with an unknown region: {orphans}")
    return sorted(rows)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help=f"installed copy of {PACKAGE_NAME}")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (data/)")
    args = parser.parse_args(argv)

    package = find_package(args.package)
    version = read_json(package / "package.json")["version"]
    regions = build_regions(read_json(package / "data" / "regions.json"))
    departments = build_departments(
        read_json(package / "data" / "departements.json"), {code for code, _ in regions}
    )

    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(args.out / "regions.csv", ("region_code", "name"), regions)
    write_csv(args.out / "departments.csv", ("department_code", "name", "region_code"), departments)
    print(
        f"{PACKAGE_NAME} {version}: {len(regions)} regions, {len(departments)} departments "
        f"written to {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
