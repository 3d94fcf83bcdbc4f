"""Command line: validate, import, export, demo, info, the reports of an edition (`reports`),
and the public indicator tables (`indicators import|validate|list|remove`)
(`python -m dashboard --help`).

Exit status 0 on success, 1 on invalid input or failure; no traceback reaches the user.
Progress goes to stderr on a terminal only, so piped output stays clean.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from dashboard.accounts.audit import cli_actor
from dashboard.accounts.cli import record_cli
from dashboard.cli_common import SubParsers, Translate, add_wait_option, command_group
from dashboard.figures.indicators import edition_counts
from dashboard.i18n import (
    DEFAULT_LANG,
    LANGS,
    count_text,
    format_number,
    has_key,
    normalise_lang,
    translate,
)
from dashboard.intake.export import EXPORT_FORMATS, ExportFormat, ExportTooLarge, write_dataset
from dashboard.intake.indicator_store import IndicatorStore, InvalidTableId, UnknownTable
from dashboard.intake.model import Dataset
from dashboard.intake.public_indicators import validate_indicator_file
from dashboard.intake.schema import CATEGORIES
from dashboard.intake.store import DatasetStore, ImportBusy
from dashboard.intake.validation import (
    Problem,
    group_problems,
    problems_frame,
    rows_text,
    validate_path,
)

if TYPE_CHECKING:
    from dashboard.render.batch import BatchProgress

# Set to a true value to see the library's log records (with tracebacks) on stderr.
DEBUG_ENV = "DASHBOARD_DEBUG"
STAGE_LOAD = ("cli.stage.load", 0.0)
STAGE_WRITE = ("cli.stage.write", 0.5)
STAGE_DONE = ("validation.stage.done", 1.0)


class Progress:
    """Coarse progress lines on a terminal; silent when stderr is not one."""

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()
        self.started = time.monotonic()

    def __call__(self, stage: str, fraction: float) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        pct = format_number(100 * fraction, self.lang, 0)
        # Stages are catalog keys (validation.stage.*, cli.stage.*).
        text = translate(stage, self.lang) if has_key(stage) else stage
        line = translate("cli.progress", self.lang, stage=text, pct=pct, seconds=int(elapsed))
        self.stream.write("\r" + line.ljust(60))
        if fraction >= 1:
            self.stream.write("\n")
        self.stream.flush()


class _Checked(Protocol):
    """A validation's outcome (a dataset's or an indicator table's): its problems."""

    @property
    def problems(self) -> tuple[Problem, ...]: ...

    @property
    def errors(self) -> tuple[Problem, ...]: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...


def _print_problems(result: _Checked, lang: str, out: TextIO) -> None:
    """Errors first, one a line; then warnings, one line per kind with its count and first
    rows (the same lines as the --report CSV)."""
    for group in group_problems(result.problems):
        problem = group.first
        # describe(): file, table, row and column first, so the cell can be found and fixed.
        text = translate(
            "cli.problem_line",
            lang,
            severity=translate(f"cli.severity.{problem.severity}", lang),
            problem=problem.describe(lang),
        )
        if group.count > 1:
            rows = rows_text(group, lang)
            text += " " + count_text("cli.group_rows", group.count, lang, rows=rows)
        out.write(text + "\n")
    out.write(
        translate(
            "cli.problem_count",
            lang,
            errors=count_text("cli.count.errors", len(result.errors), lang),
            warnings=count_text("cli.count.warnings", len(result.warnings), lang),
        )
        + "\n"
    )


def _write_report(result: _Checked, report: Path, lang: str) -> None:
    frame = problems_frame(result.problems, lang)
    # French Excel opens `;`-separated UTF-8 with BOM directly; English Excel expects `,`.
    sep = ";" if lang == "fr" else ","
    report.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(report, sep=sep, index=False, encoding="utf-8-sig")


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    result = validate_path(args.path, progress=Progress(lang))
    _print_problems(result, lang, out)
    if args.report:
        _write_report(result, Path(args.report), lang)
        out.write(translate("cli.report_written", lang, path=args.report) + "\n")
    if result.ok:
        out.write(translate("cli.valid", lang, path=args.path) + "\n")
        return 0
    out.write(translate("cli.invalid", lang, path=args.path) + "\n")
    return 1


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    store = DatasetStore(Path(args.data_dir) if args.data_dir else None)

    try:
        result = store.import_path(
            args.path,
            progress=Progress(lang),
            wait=args.wait,
            on_wait=_waiting_notice(out, lang),
            actor=cli_actor(),
        )
    except ImportBusy as exc:
        out.write(_busy(exc, lang) + "\n")
        return 1
    _print_problems(result, lang, out)
    if result.dataset is None:
        record_cli(store.root, "import", "refused", "", Path(args.path).name)
        out.write(translate("cli.import_refused", lang, path=args.path) + "\n")
        return 1
    record_cli(store.root, "import", "ok", result.dataset.version, Path(args.path).name)
    # Serialised imports: the dataset just imported was the active one when this import
    # released the store's lock.
    out.write(
        translate(
            "cli.imported",
            lang,
            path=args.path,
            version=result.dataset.version,
            structures=format_number(len(result.dataset.structures), lang, 0),
            tests=format_number(len(result.dataset.tests), lang, 0),
        )
        + "\n"
    )
    return 0


def _write(dataset: Callable[[], Dataset], args: argparse.Namespace, out: TextIO) -> int:
    """Write the dataset `dataset()` gives into args.out in args.format, with progress."""
    progress = Progress(args.lang)
    progress(*STAGE_LOAD)
    data = dataset()
    progress(*STAGE_WRITE)
    fmt: ExportFormat = args.format
    try:
        written = write_dataset(data, Path(args.out), fmt)
    except ExportTooLarge as exc:
        progress(*STAGE_DONE)
        detail = translate(
            "cli.xlsx_too_large",
            args.lang,
            table=exc.table,
            rows=format_number(exc.rows, args.lang, 0),
            limit=format_number(exc.limit - 1, args.lang, 0),
        )
        sys.stderr.write(translate("cli.failed", args.lang, detail=detail) + "\n")
        return 1
    progress(*STAGE_DONE)
    for path in written:
        out.write(translate("cli.written", args.lang, path=str(path)) + "\n")
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    store = DatasetStore(Path(args.data_dir) if args.data_dir else None)
    return _write(store.active, args, out)


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from dashboard.intake.demo import demo_dataset

    return _write(demo_dataset, args, out)


def _edition_lines(dataset: Dataset, lang: str) -> list[str]:
    return [
        translate(
            "cli.info.edition",
            lang,
            edition=edition,
            structures=format_number(structures, lang, 0),
            tests=format_number(tests, lang, 0),
        )
        for edition, structures, tests in edition_counts(dataset)
    ]


def cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    lang = args.lang
    store = DatasetStore(Path(args.data_dir) if args.data_dir else None)
    info = store.info()
    dataset = store.active()
    source = translate("cli.info.demo_source", lang) if info.is_demo else info.source
    lines = [
        translate("cli.info.source", lang, source=source),
        translate("cli.info.version", lang, version=info.version),
        translate("cli.info.data_dir", lang, path=str(store.root)),
    ]
    if info.imported_at:
        lines.append(translate("cli.info.imported_at", lang, when=info.imported_at))
    lines.append(
        translate(
            "cli.info.totals",
            lang,
            structures=format_number(len(dataset.structures), lang, 0),
            tests=format_number(len(dataset.tests), lang, 0),
            editions=len(dataset.editions),
        )
    )
    lines.extend(_edition_lines(dataset, lang))
    out.write("\n".join(lines) + "\n")
    return 0


def _report_formats(value: str) -> tuple[str, ...]:
    """`--format pdf,pptx` as a tuple of known report formats (argparse's type)."""
    from dashboard.render.batch import REPORT_FORMATS

    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    if not chosen or any(f not in REPORT_FORMATS for f in chosen):
        raise argparse.ArgumentTypeError(", ".join(REPORT_FORMATS))
    return chosen


class BatchLine:
    """The batch's progress on a terminal, one line rewritten: structures done / total,
    failures, time left; silent when stderr is not one (as Progress)."""

    def __init__(self, lang: str, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty()

    def __call__(self, state: BatchProgress) -> None:
        if not self.enabled:
            return
        from dashboard.pages.report import batch_progress_text

        self.stream.write("\r" + batch_progress_text(state, self.lang).ljust(70))
        if state.total is not None and state.done >= state.total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_reports(args: argparse.Namespace, out: TextIO) -> int:
    """Every audited structure's report of an edition (of some categories) into one zip."""
    from dashboard.pages.report import batch_jobs, source_of
    from dashboard.render.batch import write_reports_zip

    lang = args.lang
    store = DatasetStore(Path(args.data_dir) if args.data_dir else None)
    dataset = store.active()
    if args.edition not in dataset.editions:
        editions = ", ".join(str(e) for e in dataset.editions)
        out.write(translate("deliverables.cli.no_edition", lang, edition=args.edition,
                            editions=editions) + "\n")  # fmt: skip
        return 1
    categories = tuple(args.category or ())
    # The public indicator tables loaded (contract §7): each report's territory section.
    indicators = IndicatorStore(Path(args.data_dir) if args.data_dir else None).tables()
    jobs = batch_jobs(dataset, args.edition, categories, lang, source_of(store.info()), indicators)
    if not jobs:
        out.write(translate("deliverables.cli.no_structure", lang, edition=args.edition) + "\n")
        return 1
    name = "_".join([translate("deliverables.cli.zip_name", lang), str(args.edition), *categories])
    archive = Path(args.out) / f"{name}.zip"
    result = write_reports_zip(
        jobs, archive, args.format, progress=BatchLine(lang), workers=args.workers, lang=lang
    )
    made = len(jobs) - len(result.failures)
    out.write(
        translate(
            "deliverables.cli.written",
            lang,
            reports=count_text("deliverables.count.reports", made, lang),
            path=str(archive),
        )
        + "\n"
    )
    for failure in result.failures:
        out.write(translate("report.batch.failure_line", lang, structure=failure.structure_id,
                            error=failure.message) + "\n")  # fmt: skip
    if result.failures:
        out.write(count_text("deliverables.cli.failed", len(result.failures), lang) + "\n")
        return 1
    return 0


def _waiting_notice(out: TextIO, lang: str) -> Callable[[], None]:
    """An import's `on_wait`: tells the user, at once, that the command waits for another
    import to finish (dashboard.intake.store, --wait)."""

    def waiting() -> None:
        out.write(translate("cli.import_waiting", lang) + "\n")
        out.flush()

    return waiting


def _busy(exc: ImportBusy, lang: str) -> str:
    """Why an import gave up: another one held the data folder for all of --wait (or at once,
    with --wait 0)."""
    seconds = format_number(exc.waited, lang, 0)
    key = "cli.import_busy" if exc.waited > 0 else "cli.import_busy_now"
    return translate(key, lang, seconds=seconds)


def cmd_indicators_validate(args: argparse.Namespace, out: TextIO) -> int:
    """Check a public indicator file (contract §7) without importing it."""
    lang = args.lang
    result = validate_indicator_file(args.path)
    _print_problems(result, lang, out)
    if args.report:
        _write_report(result, Path(args.report), lang)
        out.write(translate("cli.report_written", lang, path=args.report) + "\n")
    key = "cli.valid" if result.ok else "cli.invalid"
    out.write(translate(key, lang, path=args.path) + "\n")
    return 0 if result.ok else 1


def _table_counts(lang: str, rows: int, indicators: int, entities: int) -> dict[str, str]:
    return {
        "rows": count_text("cli.indicators.count.rows", rows, lang),
        "indicators": count_text("cli.indicators.count.indicators", indicators, lang),
        "entities": count_text("cli.indicators.count.entities", entities, lang),
    }


def cmd_indicators_import(args: argparse.Namespace, out: TextIO) -> int:
    """Validate a public indicator file, then add it to the store (or replace the table of
    the same id); all or nothing (contract §7, §4)."""
    lang = args.lang
    store = IndicatorStore(Path(args.data_dir) if args.data_dir else None)

    try:
        outcome = store.import_path(
            args.path, args.id, wait=args.wait, on_wait=_waiting_notice(out, lang)
        )
    except ImportBusy as exc:
        out.write(_busy(exc, lang) + "\n")
        return 1
    except InvalidTableId:
        out.write(translate("cli.indicators.bad_id", lang, table_id=args.id) + "\n")
        return 1
    _print_problems(outcome.validation, lang, out)
    table = outcome.validation.table
    if not outcome.ok or table is None:
        record_cli(store.root, "import", "refused", "", Path(args.path).name)
        out.write(translate("cli.indicators.refused", lang) + "\n")
        return 1
    record_cli(store.root, "import", "ok", f"indicators:{outcome.table_id}",
               Path(args.path).name)  # fmt: skip
    counts = _table_counts(lang, len(table.rows), len(table.indicators()), table.n_entities)
    out.write(
        translate(
            "cli.indicators.imported",
            lang,
            path=args.path,
            table_id=outcome.table_id,
            version=table.version,
            **counts,
        )
        + "\n"
    )
    if outcome.replaced:
        out.write(translate("cli.indicators.replaced", lang, table_id=outcome.table_id) + "\n")
    return 0


def cmd_indicators_list(args: argparse.Namespace, out: TextIO) -> int:
    """The public indicator tables in force, with their indicators."""
    lang = args.lang
    store = IndicatorStore(Path(args.data_dir) if args.data_dir else None)
    tables = store.tables()
    if not tables:
        out.write(translate("cli.indicators.none", lang, path=str(store.root)) + "\n")
        return 0
    by_id = {entry.table_id: entry for entry in store.listing()}
    for table in tables:
        entry = by_id[table.table_id]
        counts = _table_counts(lang, entry.rows, entry.indicators, entry.entities)
        line = translate(
            "cli.indicators.list_line",
            lang,
            table_id=entry.table_id,
            source=entry.source,
            when=entry.imported_at,
            first=entry.first_period,
            last=entry.last_period,
            **counts,
        )
        out.write(line + "\n")
        for info in table.indicators():
            out.write(
                translate(
                    "cli.indicators.indicator_line",
                    lang,
                    indicator_id=info.indicator_id,
                    label=info.label,
                    unit=info.unit or translate("indicators.unit_none", lang),
                    direction=translate(f"indicators.direction.{info.direction.value}", lang),
                )
                + "\n"
            )
    return 0


def cmd_indicators_remove(args: argparse.Namespace, out: TextIO) -> int:
    """Drop one public indicator table from the store."""
    lang = args.lang
    store = IndicatorStore(Path(args.data_dir) if args.data_dir else None)
    try:
        store.remove(args.table_id, wait=args.wait)
    except ImportBusy as exc:
        out.write(_busy(exc, lang) + "\n")
        return 1
    except UnknownTable:
        ids = [entry.table_id for entry in store.listing()]
        if ids:
            text = translate(
                "cli.indicators.unknown_table", lang, table_id=args.table_id, tables=", ".join(ids)
            )
        else:
            text = translate("cli.indicators.unknown_table_empty", lang, table_id=args.table_id)
        out.write(text + "\n")
        return 1
    out.write(translate("cli.indicators.removed", lang, table_id=args.table_id) + "\n")
    return 0


def _add_indicator_commands(
    sub: SubParsers, parents: list[argparse.ArgumentParser], t: Translate
) -> None:
    """`indicators import|validate|list|remove` (contract §7); `parents`: --lang, --data-dir."""
    commands = command_group(sub, "indicators", parents, t("cli.help.indicators"))

    p = commands.add_parser("validate", parents=parents[:1], help=t("cli.indicators.help.validate"))
    p.add_argument("path", help=t("cli.indicators.help.path"))
    p.add_argument("--report", metavar="FILE.csv", help=t("cli.help.report"))
    p.set_defaults(handler=cmd_indicators_validate)

    p = commands.add_parser("import", parents=parents, help=t("cli.indicators.help.import"))
    p.add_argument("path", help=t("cli.indicators.help.path"))
    p.add_argument("--id", default=None, metavar="ID", help=t("cli.indicators.help.id"))
    add_wait_option(p, t)
    p.set_defaults(handler=cmd_indicators_import)

    p = commands.add_parser("list", parents=parents, help=t("cli.indicators.help.list"))
    p.set_defaults(handler=cmd_indicators_list)

    p = commands.add_parser("remove", parents=parents, help=t("cli.indicators.help.remove"))
    p.add_argument("table_id", metavar="ID", help=t("cli.indicators.help.table_id"))
    add_wait_option(p, t)
    p.set_defaults(handler=cmd_indicators_remove)


def build_parser(lang: str) -> argparse.ArgumentParser:
    """The argument parser, its help in `lang`.

    --lang and --data-dir are accepted before or after the command. After it they default to
    SUPPRESS: a sub-parser's default would otherwise overwrite the value given before it.
    """
    t: Callable[[str], str] = lambda key: translate(key, lang)  # noqa: E731
    parser = argparse.ArgumentParser(
        prog="python -m dashboard", description=t("cli.help.description")
    )
    parser.add_argument("--lang", choices=LANGS, default=lang, help=t("cli.help.lang"))
    parser.add_argument("--data-dir", default=None, help=t("cli.help.data_dir"))
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=t("cli.help.lang"))
    with_store = argparse.ArgumentParser(add_help=False)
    with_store.add_argument("--data-dir", default=argparse.SUPPRESS, help=t("cli.help.data_dir"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", parents=[common], help=t("cli.help.validate"))
    p.add_argument("path", help=t("cli.help.path"))
    p.add_argument("--report", metavar="FILE.csv", help=t("cli.help.report"))
    p.set_defaults(handler=cmd_validate)

    p = sub.add_parser("import", parents=[common, with_store], help=t("cli.help.import"))
    p.add_argument("path", help=t("cli.help.path"))
    add_wait_option(p, t)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export", parents=[common, with_store], help=t("cli.help.export"))
    p.add_argument("--out", required=True, metavar="DIR", help=t("cli.help.out"))
    p.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help=t("cli.help.format"))
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("demo", parents=[common], help=t("cli.help.demo"))
    p.add_argument("--out", required=True, metavar="DIR", help=t("cli.help.out"))
    p.add_argument("--format", choices=EXPORT_FORMATS, default="csv", help=t("cli.help.format"))
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("info", parents=[common, with_store], help=t("cli.help.info"))
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("reports", parents=[common, with_store], help=t("deliverables.cli.help"))
    p.add_argument("--edition", type=int, required=True, metavar="YEAR",
                   help=t("deliverables.cli.help_edition"))  # fmt: skip
    p.add_argument("--category", action="append", choices=CATEGORIES, metavar="CATEGORY",
                   help=t("deliverables.cli.help_category"))  # fmt: skip
    p.add_argument("--out", required=True, metavar="DIR", help=t("cli.help.out"))
    p.add_argument("--format", type=_report_formats, default=("pdf",), metavar="pdf,pptx",
                   help=t("deliverables.cli.help_format"))  # fmt: skip
    p.add_argument("--workers", type=int, default=2, metavar="N",
                   help=t("deliverables.cli.help_workers"))  # fmt: skip
    p.set_defaults(handler=cmd_reports)

    _add_indicator_commands(sub, [common, with_store], t)
    # Accounts, the audit log and dataset versions (issue 14): dashboard/accounts/cli.py.
    from dashboard.accounts.cli import add_commands

    add_commands(sub, [common, with_store], t)
    return parser


def _lang_from_argv(argv: Sequence[str]) -> str:
    """The language asked for (the last --lang wins, as in argparse), for the help texts."""
    lang = DEFAULT_LANG
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = normalise_lang(argv[i + 1])
        elif arg.startswith("--lang="):
            lang = normalise_lang(arg.split("=", 1)[1])
    return lang


def _quiet_logging() -> None:
    """Keep library log records (and their tracebacks) off the user's terminal.

    Problems reach the user as sentences in their language; the records behind them are for
    developers, shown with DASHBOARD_DEBUG=1. A program that configured logging keeps its own.
    """
    if logging.getLogger().handlers:
        return
    if (os.environ.get(DEBUG_ENV) or "").strip().lower() in {"1", "true", "yes", "oui", "on"}:
        logging.basicConfig(level=logging.INFO)
        return
    package = logging.getLogger("dashboard")
    if not any(isinstance(h, logging.NullHandler) for h in package.handlers):
        package.addHandler(logging.NullHandler())


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the CLI; the exit status (0 ok, 1 invalid input or failure, 2 bad usage)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    stream = out if out is not None else sys.stdout
    lang = _lang_from_argv(args_list)
    args = build_parser(lang).parse_args(args_list)
    args.lang = normalise_lang(args.lang)
    _quiet_logging()
    try:
        return int(args.handler(args, stream))
    except KeyboardInterrupt:
        sys.stderr.write(translate("cli.interrupted", args.lang) + "\n")
        return 1
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, and keep Python from complaining
        # again when it flushes stdout at exit.
        if stream is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as exc:  # the user gets a sentence, never a traceback
        sys.stderr.write(translate("cli.failed", args.lang, detail=str(exc) or type(exc).__name__))
        sys.stderr.write("\n")
        return 1
