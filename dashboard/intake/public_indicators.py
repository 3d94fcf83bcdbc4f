"""Public indicator tables (contract §7): reading a file, validating it, the typed table.

A public indicator table holds one row per (entity, indicator, period): published figures
(the Etalab/DITP "Baromètre des résultats de l'action publique", say) against which one
territory is benchmarked. Two layouts are read:

- the contract's long format (§7): entity_code, entity_label, entity_level, indicator_id,
  indicator_label, period, value, unit, direction (and, beyond the contract, an optional
  `theme`, the indicator's theme, which the Etalab files give);
- the Baromètre des résultats *detail* files as published, departmental
  (code_departement, libelle_departement) or regional (code_region, libelle_region), whose
  columns id_indicateur, indicateur, date, valeur, unite map to the contract's and `mesure`
  is kept as the theme.

The *synthesis* files (one row per territory and indicator, with valeur_actuelle,
valeur_initiale, cible…) are recognised and refused with a message naming the detail file to
use instead: they hold two dates per row under changing names, and mapping them would invent
a period series the producer did not publish as such.

Files are CSV (as dashboard.intake.loading reads the contract's tables: UTF-8 with or without BOM,
UTF-16 with a BOM, Windows-1252; `;` or `,`; decimal `,` or `.`; a title above the header row)
or .xlsx/.xlsm (cells as Excel shows them). Validation follows §4: every problem, with the
row as the user's program shows it, the column, the value and what was expected; any error
and no table is built.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from dashboard.intake.geography import department_name, region_name, region_of_department
from dashboard.intake.loading import (
    CSV_SUFFIX,
    XLSX_SUFFIXES,
    LoadError,
    RawTable,
    TableSpec,
    normalise_header,
    read_table_csv,
    read_table_xlsx,
)
from dashboard.intake.schema import NAME_MAX_LEN, REGION_CODES, STRUCTURE_ID_MAX_LEN
from dashboard.intake.validation import (
    ERROR,
    WARNING,
    Checked,
    Problem,
    ProblemCollector,
    closest_code,
    fold_text,
    parse_numbers,
)

logger = logging.getLogger(__name__)

BoolArray = npt.NDArray[np.bool_]


class IndicatorCol:
    """Columns of a public indicator table (contract §7), as stored and as the long format
    names them; `PERIOD_AS_GIVEN` keeps the period cell as typed ("2022-12-31")."""

    ENTITY_CODE: Final = "entity_code"
    ENTITY_LABEL: Final = "entity_label"
    ENTITY_LEVEL: Final = "entity_level"
    INDICATOR_ID: Final = "indicator_id"
    INDICATOR_LABEL: Final = "indicator_label"
    PERIOD: Final = "period"
    VALUE: Final = "value"
    UNIT: Final = "unit"
    DIRECTION: Final = "direction"
    THEME: Final = "theme"
    PERIOD_AS_GIVEN: Final = "period_as_given"


class Level(StrEnum):
    """Entity levels (contract §7)."""

    DEPARTMENT = "department"
    REGION = "region"
    OTHER = "other"


class Direction(StrEnum):
    """Which way is better (contract §7; higher is better unless said)."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class SourceFormat(StrEnum):
    """The layouts recognised in a file (module docstring)."""

    LONG = "long"
    ETALAB_DEPARTMENTS = "etalab_departments"
    ETALAB_REGIONS = "etalab_regions"
    ETALAB_SYNTHESIS = "etalab_synthesis"


# The stored table: its columns in order and their dtypes.
TABLE_COLUMNS: Final[tuple[str, ...]] = (
    IndicatorCol.ENTITY_LEVEL,
    IndicatorCol.ENTITY_CODE,
    IndicatorCol.ENTITY_LABEL,
    IndicatorCol.INDICATOR_ID,
    IndicatorCol.INDICATOR_LABEL,
    IndicatorCol.THEME,
    IndicatorCol.PERIOD,
    IndicatorCol.PERIOD_AS_GIVEN,
    IndicatorCol.VALUE,
    IndicatorCol.UNIT,
    IndicatorCol.DIRECTION,
)
TABLE_DTYPES: Final[dict[str, str]] = {
    **{column: "str" for column in TABLE_COLUMNS},
    IndicatorCol.PERIOD: "int64",
    IndicatorCol.VALUE: "float64",
}

LONG_REQUIRED: Final[tuple[str, ...]] = (
    IndicatorCol.ENTITY_CODE,
    IndicatorCol.ENTITY_LABEL,
    IndicatorCol.INDICATOR_ID,
    IndicatorCol.INDICATOR_LABEL,
    IndicatorCol.PERIOD,
    IndicatorCol.VALUE,
)
LONG_OPTIONAL: Final[tuple[str, ...]] = (
    IndicatorCol.ENTITY_LEVEL,
    IndicatorCol.UNIT,
    IndicatorCol.DIRECTION,
    IndicatorCol.THEME,
)

# Etalab detail files: the file's column for each contract column (contract §7).
_ETALAB_COMMON: Final[dict[str, str]] = {
    IndicatorCol.INDICATOR_ID: "id_indicateur",
    IndicatorCol.INDICATOR_LABEL: "indicateur",
    IndicatorCol.PERIOD: "date",
    IndicatorCol.VALUE: "valeur",
    IndicatorCol.UNIT: "unite",
    IndicatorCol.THEME: "mesure",
}
ETALAB_COLUMNS: Final[dict[SourceFormat, dict[str, str]]] = {
    SourceFormat.ETALAB_DEPARTMENTS: {
        IndicatorCol.ENTITY_CODE: "code_departement",
        IndicatorCol.ENTITY_LABEL: "libelle_departement",
        **_ETALAB_COMMON,
    },
    SourceFormat.ETALAB_REGIONS: {
        IndicatorCol.ENTITY_CODE: "code_region",
        IndicatorCol.ENTITY_LABEL: "libelle_region",
        **_ETALAB_COMMON,
    },
}
ETALAB_LEVEL: Final[dict[SourceFormat, Level]] = {
    SourceFormat.ETALAB_DEPARTMENTS: Level.DEPARTMENT,
    SourceFormat.ETALAB_REGIONS: Level.REGION,
}
_ETALAB_OPTIONAL: Final[frozenset[str]] = frozenset({IndicatorCol.UNIT, IndicatorCol.THEME})
# Columns only the synthesis files have: enough to recognise one.
SYNTHESIS_MARKERS: Final[frozenset[str]] = frozenset(
    {"valeur_actuelle", "date_valeur_actuelle", "valeur_initiale", "date_valeur_initiale"}
)
_SYNTHESIS_HEADER: Final[frozenset[str]] = frozenset({"id_indicateur", "valeur_actuelle"})

TABLE_NAME: Final = ""  # problems name the file, not a table: the file is the table
INDICATOR_SPEC: Final = TableSpec(
    name=TABLE_NAME,
    header_sets=(
        frozenset(LONG_REQUIRED),
        *(
            frozenset(v for k, v in columns.items() if k not in _ETALAB_OPTIONAL)
            for columns in ETALAB_COLUMNS.values()
        ),
        _SYNTHESIS_HEADER,
    ),
    known=frozenset(
        {
            *LONG_REQUIRED,
            *LONG_OPTIONAL,
            *(v for columns in ETALAB_COLUMNS.values() for v in columns.values()),
            *SYNTHESIS_MARKERS,
        }
    ),
    dates=frozenset({IndicatorCol.PERIOD, "date"}),
)

INDICATOR_ID_PATTERN: Final = re.compile(r"^[a-z0-9_-]+$")
ENTITY_CODE_MAX_LEN: Final = 64
LEVEL_WORDS: Final[dict[str, Level]] = {
    "department": Level.DEPARTMENT,
    "departement": Level.DEPARTMENT,
    "region": Level.REGION,
    "other": Level.OTHER,
    "autre": Level.OTHER,
}
DIRECTION_WORDS: Final[dict[str, Direction]] = {d.value: d for d in Direction}
_YEAR: Final = re.compile(r"^(\d{4})$")
_ISO_DATE: Final = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_SLASH_DATE: Final = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"
)
_AS_NUMBER: Final = re.compile(r"^(\d+)[.,]0+$")
# Rows listed after a label or unit conflict ("lignes 608, 609, 610…").
_ROWS_LISTED: Final = 5
_PROBLEM_PREFIX: Final = "indicators."


@dataclass(frozen=True)
class IndicatorInfo:
    """One indicator of a table: its label, unit (as given, never rescaled), direction,
    theme, the levels and periods it has values for, and how many entities and rows."""

    indicator_id: str
    label: str
    unit: str
    direction: Direction
    theme: str
    levels: tuple[Level, ...]
    periods: tuple[int, ...]
    n_entities: int
    n_rows: int

    @property
    def first_period(self) -> int:
        """The earliest period with a value."""
        return self.periods[0]

    @property
    def last_period(self) -> int:
        """The latest period with a value."""
        return self.periods[-1]


@dataclass(frozen=True, eq=False)  # tables compare by identity: their rows are frames
class IndicatorTable:
    """A validated public indicator table (contract §7).

    `rows`: one row per (entity_level, entity_code, indicator_id, period), columns
    `TABLE_COLUMNS` with `TABLE_DTYPES` (period an int year, value a float, unit and theme ""
    when not given, direction resolved per indicator). `version` is a content hash of the
    rows; `table_id`, `source` (the file's name), `imported_at` (ISO, UTC) and
    `source_format` come from the store.
    """

    rows: pd.DataFrame
    source: str
    version: str
    source_format: SourceFormat = SourceFormat.LONG
    table_id: str = ""
    imported_at: str | None = None
    _infos: dict[str, IndicatorInfo] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @classmethod
    def build(
        cls, rows: pd.DataFrame, source: str, source_format: SourceFormat = SourceFormat.LONG
    ) -> IndicatorTable:
        """A table with conformed rows and its content version."""
        conformed = conform_rows(rows)
        return cls(conformed, source, content_version(conformed), source_format)

    def with_store_info(self, table_id: str, imported_at: str | None) -> IndicatorTable:
        """The same table named as the store knows it."""
        return IndicatorTable(
            self.rows, self.source, self.version, self.source_format, table_id, imported_at
        )

    def indicators(self) -> tuple[IndicatorInfo, ...]:
        """Every indicator of the table, in the order of their first row."""
        if not self._infos:
            self._infos.update(_indicator_infos(self.rows))
        return tuple(self._infos.values())

    def indicator(self, indicator_id: str) -> IndicatorInfo | None:
        """The indicator `indicator_id`, None when the table has no such indicator."""
        self.indicators()
        return self._infos.get(indicator_id)

    @property
    def n_entities(self) -> int:
        """Distinct (level, code) entities with at least one value."""
        keys = self.rows[[IndicatorCol.ENTITY_LEVEL, IndicatorCol.ENTITY_CODE]]
        return len(keys.drop_duplicates())


def conform_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with the stored columns in order and their dtypes (missing text columns "")."""
    frame = rows.reindex(columns=list(TABLE_COLUMNS))
    for column, dtype in TABLE_DTYPES.items():
        if dtype == "str":
            frame[column] = frame[column].fillna("")
    return frame.astype(TABLE_DTYPES).reset_index(drop=True)


def content_version(rows: pd.DataFrame) -> str:
    """A content hash of the rows: equal rows, equal version (caches key on it)."""
    digest = hashlib.sha256()
    digest.update("\x1f".join(map(str, rows.columns)).encode())
    digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:16]


def _indicator_infos(rows: pd.DataFrame) -> dict[str, IndicatorInfo]:
    infos: dict[str, IndicatorInfo] = {}
    for indicator_id, group in rows.groupby(IndicatorCol.INDICATOR_ID, sort=False):
        first = group.iloc[0]
        entities = group[[IndicatorCol.ENTITY_LEVEL, IndicatorCol.ENTITY_CODE]].drop_duplicates()
        levels = tuple(Level(level) for level in dict.fromkeys(group[IndicatorCol.ENTITY_LEVEL]))
        infos[str(indicator_id)] = IndicatorInfo(
            indicator_id=str(indicator_id),
            label=str(first[IndicatorCol.INDICATOR_LABEL]),
            unit=str(first[IndicatorCol.UNIT]),
            direction=Direction(str(first[IndicatorCol.DIRECTION])),
            theme=str(first[IndicatorCol.THEME]),
            levels=levels,
            periods=tuple(sorted(int(p) for p in group[IndicatorCol.PERIOD].unique())),
            n_entities=len(entities),
            n_rows=len(group),
        )
    return infos


# --- Reading -------------------------------------------------------------------------------


def read_indicator_file(path: str | Path, *, display_name: str | None = None) -> RawTable:
    """The file at `path` as a raw text table (CSV, or the first fitting sheet of a .xlsx).

    `display_name`: the name the user knows the file by (an upload saved under another name).
    Raises LoadError whose code names the catalog message `validation.<code>`.
    """
    target = Path(path)
    shown = display_name or target.name or str(target)
    try:
        exists = bool(str(path).strip()) and target.is_file()
    except OSError:
        exists = False
    if not exists:
        raise LoadError(f"{_PROBLEM_PREFIX}file_not_found", shown)
    suffix = target.suffix.lower()
    if suffix == CSV_SUFFIX:
        return read_table_csv(target, INDICATOR_SPEC, display_name=shown)
    if suffix in XLSX_SUFFIXES:
        try:
            return read_table_xlsx(target, INDICATOR_SPEC, display_name=shown)
        except LoadError as exc:
            # The contract's workbook messages name its two sheets: say what this one needs.
            if exc.code in ("not_xlsx", "sheet_empty"):
                raise LoadError(f"{_PROBLEM_PREFIX}{exc.code}", shown) from exc
            raise
    raise LoadError(f"{_PROBLEM_PREFIX}unsupported_file", shown, suffix=suffix or "-")


def detect_format(columns: Iterable[object]) -> SourceFormat:
    """Which layout a header row (normalised names) is: the contract's long format, an Etalab
    detail file (departments or regions), or an Etalab synthesis file."""
    names = {str(c) for c in columns}
    if names & {IndicatorCol.ENTITY_CODE, IndicatorCol.INDICATOR_ID}:
        return SourceFormat.LONG
    if names & SYNTHESIS_MARKERS:
        return SourceFormat.ETALAB_SYNTHESIS
    regions = ETALAB_COLUMNS[SourceFormat.ETALAB_REGIONS][IndicatorCol.ENTITY_CODE]
    departments = ETALAB_COLUMNS[SourceFormat.ETALAB_DEPARTMENTS][IndicatorCol.ENTITY_CODE]
    if regions in names and departments not in names:
        return SourceFormat.ETALAB_REGIONS
    if names & set(_ETALAB_COMMON.values()) or departments in names:
        return SourceFormat.ETALAB_DEPARTMENTS
    return SourceFormat.LONG


# --- Validation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorValidation(Checked):
    """The validated table (None when there is any error) and every problem found (§4)."""

    table: IndicatorTable | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """Whether the table can be imported (no error; warnings allowed)."""
        return self.table is not None and not self.errors


def validate_indicator_file(
    path: str | Path, *, display_name: str | None = None
) -> IndicatorValidation:
    """Read and validate a public indicator file (contract §7, §4); never raises on bad
    input: a file that cannot be read is one error problem."""
    shown = display_name or Path(path).name or str(path)
    try:
        raw = read_indicator_file(path, display_name=display_name)
    except LoadError as exc:
        problem = Problem(ERROR, exc.file, TABLE_NAME, None, None, None, exc.code, exc.params)
        return IndicatorValidation(None, (problem,))
    except Exception:  # a reader library failing in an unforeseen way
        logger.exception("reading %s failed", shown)
        problem = Problem(ERROR, shown, TABLE_NAME, None, None, None, _code("unreadable"))
        return IndicatorValidation(None, (problem,))
    try:
        return validate_indicator_table(raw)
    except Exception as exc:  # a bug of ours must not pass for a crash
        logger.exception("validating %s failed", shown)
        detail: dict[str, object] = {"detail": type(exc).__name__}
        problem = Problem(ERROR, shown, TABLE_NAME, None, None, None, "internal_error", detail)
        return IndicatorValidation(None, (problem,))


def validate_indicator_table(raw: RawTable) -> IndicatorValidation:
    """Check a raw table against contract §7 and type it (rules in `_Checker`)."""
    return _Checker(raw).run()


def _code(name: str) -> str:
    return f"{_PROBLEM_PREFIX}{name}"


def _per_distinct(texts: pd.Series, function: Callable[[str], object]) -> pd.Series:
    """`function` of each cell, called once per distinct text (columns repeat few values)."""
    mapping = {text: function(str(text)) for text in texts.unique()}
    return texts.map(mapping)


def _rows_text(rows: npt.NDArray[np.int64]) -> str:
    listed = ", ".join(str(int(r)) for r in rows[:_ROWS_LISTED])
    return listed + ("…" if len(rows) > _ROWS_LISTED else "")


class _Checker:
    """The checks of one raw table, column by column, then across rows (contract §7, §4).

    Every column is read through `columns` (contract name -> the file's column), so that a
    problem names the column as the file does ("valeur" in an Etalab file).
    """

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self.problems = ProblemCollector()
        self.n = len(raw.frame)
        self.format = detect_format(raw.frame.columns)
        if self.format in ETALAB_COLUMNS:
            self.columns = dict(ETALAB_COLUMNS[self.format])
        else:
            self.columns = {c: c for c in (*LONG_REQUIRED, *LONG_OPTIONAL)}
        self.typed: dict[str, object] = {}
        # Rows whose level is the default (no level given), and whether the default applies
        # (every code of those rows is a department code, §7).
        self.defaulted = np.zeros(self.n, dtype=np.bool_)
        self.default_applies = True

    # Column access ---------------------------------------------------------------------

    def file_column(self, column: str) -> str:
        return self.columns.get(column, column)

    def has(self, column: str) -> bool:
        return self.file_column(column) in self.raw.frame

    def text(self, column: str) -> pd.Series:
        """The column's cells trimmed ("" everywhere when the file lacks it)."""
        name = self.file_column(column)
        if name not in self.raw.frame:
            return pd.Series([""] * self.n, dtype="str")
        return self.raw.frame[name].astype("str").str.strip().reset_index(drop=True)

    def rows(
        self,
        mask: BoolArray | pd.Series,
        column: str,
        code: str,
        *,
        severity: str = ERROR,
        params: Mapping[str, object] | None = None,
        row_params: Mapping[str, npt.NDArray[np.generic]] | None = None,
    ) -> None:
        array = np.asarray(mask, dtype=np.bool_)
        self.problems.rows(
            self.raw,
            array,
            self.file_column(column),
            code,
            severity=ERROR if severity == ERROR else WARNING,
            params=params,
            row_params=row_params,
        )

    def too_long(
        self,
        texts: pd.Series,
        column: str,
        code: str,
        limit: int,
        *,
        among: BoolArray | None = None,
    ) -> BoolArray:
        """Rows (of `among`, else all) whose text in `column` has more than `limit`
        characters, each reported as `code` ("id_too_long", "name_too_long") with the limit
        and its length (§4); the mask of those rows."""
        lengths = texts.str.len().to_numpy()
        longer = lengths > limit if among is None else among & (lengths > limit)
        self.rows(longer, column, code, params={"max": limit}, row_params={"length": lengths})
        return longer

    def required(self, column: str) -> pd.Series:
        """A required column's cells; its empty cells reported."""
        text = self.text(column)
        if self.has(column):
            self.rows((text == "").to_numpy(), column, "required_empty")
        return text

    # The run ---------------------------------------------------------------------------

    def run(self) -> IndicatorValidation:
        self.problems.notices(self.raw)
        if self.format == SourceFormat.ETALAB_SYNTHESIS:
            self.problems.add(self.raw, _code("synthesis_file"))
            return IndicatorValidation(None, self.problems.sorted())
        self.check_columns()
        if self.n:
            self.check_rows()
        ordered = self.problems.sorted()
        if any(p.severity == ERROR for p in ordered) or not self.n:
            return IndicatorValidation(None, ordered)
        frame = pd.DataFrame(self.typed)
        table = IndicatorTable.build(frame, self.raw.file, self.format)
        return IndicatorValidation(table, ordered)

    def check_columns(self) -> None:
        raw = self.raw
        for position, column in enumerate(raw.frame.columns):
            self.problems.column_order[(raw.name, str(column))] = position + 1
        required = (
            LONG_REQUIRED
            if self.format == SourceFormat.LONG
            else tuple(c for c in self.columns if c not in _ETALAB_OPTIONAL)
        )
        for column in required:
            if not self.has(column):
                self.problems.add(
                    raw,
                    _code("missing_column"),
                    column=self.file_column(column),
                    expected=", ".join(self.file_column(c) for c in required),
                )
        for column, header in raw.duplicate_columns:
            self.problems.add(
                raw,
                _code("duplicate_column"),
                column=column,
                header=header.strip(),
                first=raw.original_columns[column].strip(),
            )
        known = set(self.columns.values())
        for column in raw.frame.columns:
            name = str(column)
            if name in known:
                continue
            header = raw.original_columns.get(name, name)
            if not normalise_header(header):
                if (raw.frame[name].astype("str").str.strip() != "").any():
                    self.problems.add(
                        raw,
                        "unnamed_column",
                        severity=WARNING,
                        column="",
                        position=int(name.removeprefix("#")),
                    )
                continue
            self.problems.add(raw, "unknown_column", severity=WARNING, column=header.strip())
        if not self.n and all(self.has(c) for c in required):
            self.problems.add(raw, _code("table_empty"))

    def check_rows(self) -> None:
        levels, level_ok = self.check_levels()
        codes, code_ok = self.check_codes(levels, level_ok)
        labels = self.check_entity_labels(levels, codes, code_ok)
        indicator_ids, id_ok = self.check_indicator_ids()
        self.check_indicator_labels(indicator_ids, id_ok)
        years, period_ok = self.check_periods()
        self.check_values()
        units = self.check_units(indicator_ids, id_ok)
        directions = self.check_directions(indicator_ids, id_ok)
        self.check_duplicates(levels, codes, indicator_ids, years, code_ok & id_ok & period_ok)
        self.typed.update(
            {
                IndicatorCol.ENTITY_LEVEL: levels,
                IndicatorCol.ENTITY_CODE: codes,
                IndicatorCol.ENTITY_LABEL: labels,
                IndicatorCol.INDICATOR_ID: indicator_ids,
                IndicatorCol.INDICATOR_LABEL: self.text(IndicatorCol.INDICATOR_LABEL),
                IndicatorCol.THEME: self.text(IndicatorCol.THEME),
                IndicatorCol.PERIOD: years,
                IndicatorCol.PERIOD_AS_GIVEN: self.text(IndicatorCol.PERIOD),
                IndicatorCol.UNIT: units,
                IndicatorCol.DIRECTION: directions,
            }
        )

    # Entities --------------------------------------------------------------------------

    def check_levels(self) -> tuple[pd.Series, BoolArray]:
        """Each row's level: given (department, region, other; French words too), or the
        default for the rows without one (department when every code of those rows is a
        department code, §7); invalid cells reported."""
        if self.format in ETALAB_LEVEL:
            level = ETALAB_LEVEL[self.format].value
            return pd.Series([level] * self.n, dtype="str"), np.ones(self.n, dtype=np.bool_)
        text = self.text(IndicatorCol.ENTITY_LEVEL)
        given = _per_distinct(text, lambda word: LEVEL_WORDS.get(fold_text(word), ""))
        given = given.astype("str")
        empty = (text == "").to_numpy()
        bad = ~empty & (given == "").to_numpy()
        self.rows(
            bad,
            IndicatorCol.ENTITY_LEVEL,
            _code("level_invalid"),
            params={"expected": [level.value for level in Level]},
        )
        # The default: department, when every code of the rows without a level is one (§7).
        codes = self.text(IndicatorCol.ENTITY_CODE).str.upper()
        departments = set(region_of_department())
        without = codes[empty & (codes != "").to_numpy()]
        self.defaulted = empty
        self.default_applies = bool(without.isin(departments).all())
        levels = given.where(~empty, Level.DEPARTMENT.value)
        return levels.astype("str"), ~bad

    def check_codes(self, levels: pd.Series, level_ok: BoolArray) -> tuple[pd.Series, BoolArray]:
        """Entity codes kept as text (upper case: 2a is 2A); each checked against its level's
        list, with a hint for a code a spreadsheet changed (1 or 1.0 for 01) or a name."""
        text = self.required(IndicatorCol.ENTITY_CODE)
        codes = text.str.upper()
        empty = (text == "").to_numpy()
        departments = region_of_department()
        is_department = (levels == Level.DEPARTMENT.value).to_numpy() & level_ok
        is_region = (levels == Level.REGION.value).to_numpy() & level_ok
        is_other = (levels == Level.OTHER.value).to_numpy() & level_ok
        known_department = codes.isin(set(departments)).to_numpy()
        known_region = codes.isin(set(REGION_CODES)).to_numpy()
        ok = ~empty & ((is_department & known_department) | (is_region & known_region) | is_other)
        defaulted = self.defaulted
        for level, mask, listed in (
            (Level.DEPARTMENT, is_department & ~known_department, tuple(departments)),
            (Level.REGION, is_region & ~known_region, REGION_CODES),
        ):
            unknown = mask & ~empty
            if not unknown.any():
                continue
            self.unknown_codes(
                codes,
                unknown,
                level,
                listed,
                no_level=None if self.default_applies else defaulted & unknown,
            )
        too_long = self.too_long(
            codes, IndicatorCol.ENTITY_CODE, "id_too_long", ENTITY_CODE_MAX_LEN, among=is_other
        )
        ok &= ~too_long
        self.check_region_labels(codes, defaulted & ok)
        return codes, ok

    def unknown_codes(
        self,
        codes: pd.Series,
        unknown: BoolArray,
        level: Level,
        listed: tuple[str, ...],
        *,
        no_level: BoolArray | None,
    ) -> None:
        """Codes not in the level's list: a lost leading zero, a code saved as a decimal
        number, a name (the closest one), or none of those; rows that have no level while
        other rows hold codes that are no department codes get a word about entity_level."""
        width = 2
        integer = codes.str.replace(_AS_NUMBER, r"\1", regex=True)
        as_number = (integer != codes).to_numpy()
        padded = integer.str.pad(width, fillchar="0")
        recoverable = unknown & padded.isin(set(listed)).to_numpy()
        suggestion = padded.to_numpy(dtype=object)
        kind = level.value
        self.rows(
            recoverable & ~as_number,
            IndicatorCol.ENTITY_CODE,
            _code(f"{kind}_leading_zero"),
            row_params={"suggestion": suggestion},
        )
        self.rows(
            recoverable & as_number,
            IndicatorCol.ENTITY_CODE,
            _code(f"{kind}_as_number"),
            row_params={"suggestion": suggestion},
        )
        rest = unknown & ~recoverable
        names = np.full(self.n, "", dtype=object)
        if rest.any():
            closest = _per_distinct(codes[rest], lambda text: closest_code(text, kind))  # type: ignore[arg-type]
            names[rest] = closest.to_numpy(dtype=object)
        named = rest & (names != "")
        label = np.asarray(
            [
                (department_name(c) if kind == Level.DEPARTMENT else region_name(c)) or ""
                for c in names
            ],
            dtype=object,
        )
        self.rows(
            named,
            IndicatorCol.ENTITY_CODE,
            _code(f"{kind}_did_you_mean"),
            row_params={"suggestion": names, "label": label},
        )
        plain = rest & ~named
        if no_level is not None:
            self.rows(plain & no_level, IndicatorCol.ENTITY_CODE, _code("code_needs_level"))
            plain &= ~no_level
        self.rows(plain, IndicatorCol.ENTITY_CODE, _code(f"unknown_{kind}"))

    def check_region_labels(self, codes: pd.Series, defaulted_ok: BoolArray) -> None:
        """A row read as a department by default whose label is the name of the region with
        that code ("94", "Corse"): a regional table without entity_level, refused rather than
        read as the wrong territories."""
        if not defaulted_ok.any():
            return
        labels = _per_distinct(self.text(IndicatorCol.ENTITY_LABEL), fold_text)
        region_names = _per_distinct(codes, lambda c: fold_text(region_name(c) or "\x00"))
        department_names = _per_distinct(codes, lambda c: fold_text(department_name(c) or "\x00"))
        looks = defaulted_ok & (labels == region_names).to_numpy()
        looks &= (labels != department_names).to_numpy()
        self.rows(
            looks,
            IndicatorCol.ENTITY_CODE,
            _code("looks_like_region"),
            row_params={
                "label": self.text(IndicatorCol.ENTITY_LABEL).to_numpy(dtype=object),
                "department_label": _per_distinct(
                    codes, lambda c: department_name(c) or ""
                ).to_numpy(dtype=object),
            },
        )

    def check_entity_labels(
        self, levels: pd.Series, codes: pd.Series, code_ok: BoolArray
    ) -> pd.Series:
        """Labels required, at most NAME_MAX_LEN characters; one entity with two labels is a
        warning (the first is shown)."""
        labels = self.required(IndicatorCol.ENTITY_LABEL)
        self.too_long(labels, IndicatorCol.ENTITY_LABEL, "name_too_long", NAME_MAX_LEN)
        eligible = code_ok & (labels != "").to_numpy()
        keys = levels + "\x1f" + codes
        first_label, first_row, others, _ = self.conflicts(keys, labels, eligible)
        self.rows(
            others,
            IndicatorCol.ENTITY_LABEL,
            _code("entity_label_conflict"),
            severity=WARNING,
            row_params={
                "first_label": first_label,
                "first_row": first_row,
                "entity": codes.to_numpy(dtype=object),
            },
        )
        # Every row of an entity shows its first label.
        first_of_key = labels[eligible].groupby(keys[eligible], sort=False).transform("first")
        return labels.where(~pd.Series(eligible), first_of_key.reindex(labels.index)).fillna("")

    def conflicts(
        self, keys: pd.Series, values: pd.Series, eligible: BoolArray
    ) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.int64], BoolArray, npt.NDArray[np.object_]]:
        """For keys holding more than one distinct value: the first row of each value after
        the key's first one (`others`), with the key's first value and its row, and the rows
        of each such value (listed). Arrays aligned with the rows."""
        n = self.n
        first_value = np.full(n, "", dtype=object)
        first_row = np.zeros(n, dtype=np.int64)
        others = np.zeros(n, dtype=np.bool_)
        rows_of_value = np.full(n, "", dtype=object)
        if not eligible.any():
            return first_value, first_row, others, rows_of_value
        positions = np.flatnonzero(eligible)
        frame = pd.DataFrame(
            {"key": keys.to_numpy()[positions], "value": values.to_numpy()[positions]},
            index=positions,
        )
        distinct = frame.groupby("key", sort=False)["value"].nunique()
        clashing = frame[frame["key"].isin(distinct[distinct > 1].index)]
        if clashing.empty:
            return first_value, first_row, others, rows_of_value
        row_numbers = self.raw.row_numbers
        for _, group in clashing.groupby("key", sort=False):
            firsts = group.drop_duplicates("value")
            head = int(firsts.index[0])
            for position, value in zip(firsts.index[1:], firsts["value"].iloc[1:], strict=True):
                others[position] = True
                first_value[position] = firsts["value"].iloc[0]
                first_row[position] = int(row_numbers[head])
                value_rows = row_numbers[group.index[group["value"] == value].to_numpy()]
                rows_of_value[position] = _rows_text(value_rows)
        return first_value, first_row, others, rows_of_value

    # Indicators ------------------------------------------------------------------------

    def check_indicator_ids(self) -> tuple[pd.Series, BoolArray]:
        """Ids of lowercase letters, digits, `-` and `_` (§7), at most 64 characters; a bad
        one gets the id it probably meant ("Tx Transparence" -> "tx-transparence")."""
        ids = self.required(IndicatorCol.INDICATOR_ID)
        empty = (ids == "").to_numpy()
        valid = ids.str.fullmatch(INDICATOR_ID_PATTERN.pattern).fillna(False).to_numpy(bool)
        too_long = self.too_long(
            ids, IndicatorCol.INDICATOR_ID, "id_too_long", STRUCTURE_ID_MAX_LEN, among=valid
        )
        bad = ~empty & ~valid
        suggestion = _per_distinct(ids, suggest_indicator_id).to_numpy(dtype=object)
        self.rows(
            bad,
            IndicatorCol.INDICATOR_ID,
            _code("id_invalid"),
            row_params={"suggestion": suggestion},
        )
        return ids, ~empty & valid & ~too_long

    def check_indicator_labels(self, ids: pd.Series, id_ok: BoolArray) -> None:
        """Labels required; an id used with two labels is an error naming both labels and
        their rows (§7)."""
        labels = self.required(IndicatorCol.INDICATOR_LABEL)
        eligible = id_ok & (labels != "").to_numpy()
        self.indicator_conflicts(
            IndicatorCol.INDICATOR_LABEL, "label_conflict", ids, labels, eligible, "first_label"
        )

    def indicator_conflicts(
        self,
        column: str,
        conflict: str,
        ids: pd.Series,
        values: pd.Series,
        eligible: BoolArray,
        first_param: str = "first_value",
    ) -> None:
        """An indicator id given two values or more in `column` (among the `eligible` rows):
        the first row of each value after the id's first one is an error `conflict`
        (indicators.<conflict>) naming the indicator, its first value (param `first_param`)
        and that value's row, the rows of this value and how many they are (§7, §4)."""
        first_value, first_row, others, rows = self.conflicts(ids, values, eligible)
        self.rows(
            others,
            column,
            _code(conflict),
            row_params={
                "indicator": ids.to_numpy(dtype=object),
                first_param: first_value,
                "first_row": first_row,
                "rows": rows,
                "count": self.value_counts(ids, values, eligible),
            },
        )

    def value_counts(
        self, keys: pd.Series, values: pd.Series, eligible: BoolArray
    ) -> npt.NDArray[np.int64]:
        """For each row, how many eligible rows share its key and value."""
        counts = np.zeros(self.n, dtype=np.int64)
        if eligible.any():
            pairs = keys[eligible] + "\x1f" + values[eligible]
            counts[eligible] = pairs.map(pairs.value_counts()).to_numpy(dtype=np.int64)
        return counts

    def per_indicator(
        self, column: str, values: pd.Series, ids: pd.Series, eligible: BoolArray, conflict: str
    ) -> pd.Series:
        """A per-indicator text (unit, direction): the same on every row of an id that gives
        one, else an error naming both values and their rows; rows without one take the
        indicator's ("" when no row gives one)."""
        eligible = eligible & (values != "").to_numpy()
        self.indicator_conflicts(column, conflict, ids, values, eligible)
        given = values[eligible].groupby(ids[eligible], sort=False).first()
        return ids.map(given).fillna("").astype("str")

    def check_units(self, ids: pd.Series, id_ok: BoolArray) -> pd.Series:
        """The unit as given, never rescaled (§7); one per indicator."""
        units = self.text(IndicatorCol.UNIT)
        return self.per_indicator(IndicatorCol.UNIT, units, ids, id_ok, "unit_conflict")

    def check_directions(self, ids: pd.Series, id_ok: BoolArray) -> pd.Series:
        """higher_is_better (default) or lower_is_better (§7, any case); one per indicator."""
        text = self.text(IndicatorCol.DIRECTION)
        lowered = text.str.lower()
        known = lowered.isin(set(DIRECTION_WORDS)).to_numpy()
        empty = (text == "").to_numpy()
        self.rows(
            ~empty & ~known,
            IndicatorCol.DIRECTION,
            _code("direction_invalid"),
            params={"expected": [d.value for d in Direction]},
        )
        clean = lowered.where(pd.Series(known), "")
        directions = self.per_indicator(
            IndicatorCol.DIRECTION, clean, ids, id_ok & known, "direction_conflict"
        )
        return directions.where(directions != "", Direction.HIGHER_IS_BETTER.value)

    # Periods and values ----------------------------------------------------------------

    def check_periods(self) -> tuple[npt.NDArray[np.int64], BoolArray]:
        """A year `YYYY`, or a date `YYYY-MM-DD` or `DD/MM/YYYY` whose year is the period
        (§7; a time after the date is ignored, as for test dates)."""
        text = self.required(IndicatorCol.PERIOD)
        years = text.map(period_year)
        empty = (text == "").to_numpy()
        valid = years.notna().to_numpy()
        self.rows(~empty & ~valid, IndicatorCol.PERIOD, _code("period_invalid"))
        return np.asarray(years.fillna(0).astype("int64").to_numpy(), dtype=np.int64), valid

    def check_values(self) -> None:
        text = self.required(IndicatorCol.VALUE)
        values, bad = parse_numbers(pa.chunked_array([pa.array(text, pa.large_string())]))
        self.rows(bad, IndicatorCol.VALUE, _code("value_invalid"))
        self.typed[IndicatorCol.VALUE] = values

    # Across rows -----------------------------------------------------------------------

    def check_duplicates(
        self,
        levels: pd.Series,
        codes: pd.Series,
        ids: pd.Series,
        years: npt.NDArray[np.int64],
        eligible: BoolArray,
    ) -> None:
        """One value per (entity, indicator, period): a repeat names the first row; when the
        two rows hold different dates of one year, the message says the period is the year."""
        if not eligible.any():
            return
        keys = pd.DataFrame({"level": levels, "code": codes, "id": ids, "year": years}).astype(
            {"year": "int64"}
        )
        positions = np.flatnonzero(eligible)
        subset = keys.iloc[positions]
        repeated = subset.duplicated(keep="first").to_numpy()
        if not repeated.any():
            return
        first_positions = (
            pd.Series(positions, index=subset.index)
            .groupby([subset["level"], subset["code"], subset["id"], subset["year"]], sort=False)
            .transform("min")
            .to_numpy()
        )
        given = self.text(IndicatorCol.PERIOD).to_numpy(dtype=object)
        row_numbers = self.raw.row_numbers
        first_row = np.zeros(self.n, dtype=np.int64)
        first_given = np.full(self.n, "", dtype=object)
        mask = np.zeros(self.n, dtype=np.bool_)
        later = positions[repeated]
        mask[later] = True
        first_row[later] = row_numbers[first_positions[repeated]]
        first_given[later] = given[first_positions[repeated]]
        same_text = np.asarray(first_given == given, dtype=np.bool_)
        params = {
            "first_row": first_row,
            "first_period": first_given,
            "entity": codes.to_numpy(dtype=object),
            "entity_label": self.text(IndicatorCol.ENTITY_LABEL).to_numpy(dtype=object),
            "indicator": ids.to_numpy(dtype=object),
            "year": years,
        }
        self.rows(mask & same_text, IndicatorCol.PERIOD, _code("duplicate"), row_params=params)
        self.rows(
            mask & ~same_text, IndicatorCol.PERIOD, _code("duplicate_year"), row_params=params
        )


def period_year(text: str) -> int | None:
    """The period of a cell (contract §7): the year of `YYYY`, `YYYY-MM-DD` or `DD/MM/YYYY`
    (a month-first date has the same year and is accepted), None when it is none of those."""
    match = _YEAR.match(text)
    if match:
        return int(match.group(1))
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return year if _is_date(year, month, day) else None
    match = _SLASH_DATE.match(text)
    if match:
        first, second, year = (int(g) for g in match.groups())
        if _is_date(year, second, first) or _is_date(year, first, second):
            return year
        return None
    return None


def _is_date(year: int, month: int, day: int) -> bool:
    import datetime as dt

    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def suggest_indicator_id(text: str) -> str:
    """An id the contract accepts made from `text` ("Taux de Transparence" ->
    "taux-de-transparence"): folded, spaces and other signs as `-`."""
    folded = fold_text(text)
    slug = re.sub(r"[^a-z0-9_-]+", "-", folded).strip("-")
    return re.sub(r"-{2,}", "-", slug)
