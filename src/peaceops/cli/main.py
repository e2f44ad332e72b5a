"""``peaceops`` command line. Data goes to stdout, messages to stderr; exit 1 on any error."""

from __future__ import annotations

import argparse
import os
import sys

from rich.console import Console

from peaceops import __version__
from peaceops.cli import render
from peaceops.errors import PeaceOpsError, ValidationFailed
from peaceops.filters import ENTITY_FILTERS

stderr = Console(stderr=True, highlight=False, soft_wrap=True)

FILTER_HELP = {
    "country": "host country / theater: ISO code (MLI, ARM, XKX or KOS) or name",
    "organization": "organization id, acronym or alias (un, eu, OSCE, CEDEAO...)",
    "function": "mandated function code (see 'peaceops vocabulary')",
    "capability": "capability type (staff, funding, information...)",
    "kind": "kind code",
    "year": "active in this calendar year",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peaceops",
        description="A sourced register of international peace operations.")
    parser.add_argument("--version", action="version", version=f"peaceops {__version__}")
    parser.add_argument("--database", metavar="URL",
                        help="database URL (default: PEACEOPS_DATABASE_URL or the embedded "
                             "SQLite file in your data directory)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for entity, filters in ENTITY_FILTERS.items():
        sub = commands.add_parser(entity, help=f"list {entity}, or show one by id")
        sub.add_argument("id", nargs="?", help=f"show this one of the {entity}")
        for name in filters:
            sub.add_argument(f"--{name}", help=FILTER_HELP[name])
        _format_option(sub)

    sub = commands.add_parser("validate", help="check the data package and the database")
    sub.add_argument("--package", metavar="DIR",
                     help="data package folder (default: the shipped curated data)")
    sub.add_argument("--no-database", action="store_true", help="check the package only")
    _format_option(sub)

    sub = commands.add_parser("load", help="validate and load a data package (atomic)")
    sub.add_argument("--package", metavar="DIR", help="default: the shipped curated data")

    sub = commands.add_parser("export", help="write the register as a data package")
    sub.add_argument("--output", metavar="DIR", required=True)

    sub = commands.add_parser("info", help="database in use and row counts")
    _format_option(sub)
    sub = commands.add_parser("vocabulary", help="the controlled vocabulary")
    _format_option(sub)
    return parser


def _format_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--format", choices=render.FORMATS, default="table",
                     help="output format (default: table)")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except PeaceOpsError as exc:
        stderr.print(f"Error: {exc}", markup=False)
        for report in exc.details if isinstance(exc, ValidationFailed) else []:
            render.emit_reports([report], "table")
        return 1
    except KeyboardInterrupt:
        stderr.print("Interrupted.")
        return 130
    except Exception as exc:  # the last safety net: a message, never a stack trace
        if os.environ.get("PEACEOPS_DEBUG"):
            raise
        stderr.print(f"Error: unexpected {type(exc).__name__}: {exc}. Set PEACEOPS_DEBUG=1 "
                     "to see the details and please report it.", markup=False)
        return 1


def _run(args) -> int:
    if args.command == "vocabulary":
        return _vocabulary(args)
    import peaceops

    if args.command == "load":
        registry = peaceops.open(args.database, load_if_empty=False)
        result = _load(registry, args.package)
        total = sum(result.counts.values())
        stderr.print(f"Loaded {total} rows from {result.package} into {registry.url}.")
        return 0
    # validate and export must work on whatever is there, never trigger the first-use load
    registry = peaceops.open(args.database,
                             load_if_empty=args.command not in ("validate", "export", "info"))
    if args.command == "validate":
        reports = registry.validate(args.package, database=not args.no_database)
        render.emit_reports(reports, args.format)
        for report in reports:
            stderr.print(f"{report.subject}: {report.rows_checked} rows, "
                         f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)",
                         markup=False)
        return 0 if all(r.ok for r in reports) else 1
    if args.command == "export":
        written = registry.export(args.output)
        stderr.print(f"Wrote {len(written)} files to {args.output}.", markup=False)
        return 0
    if args.command == "info":
        info = registry.info()
        if args.format == "table":
            stderr.print(f"database: {info['database']}", markup=False)
        rows = [{"resource": k, "rows": v} for k, v in info["rows"].items()]
        render.emit_listing(rows if args.format != "json" else [info], ["resource", "rows"],
                            args.format)
        return 0
    entity = args.command
    if args.id:
        render.emit_record(registry.get(entity, args.id), args.format)
        return 0
    filters = {name: getattr(args, name) for name in ENTITY_FILTERS[entity]}
    listing = registry.list(entity, **filters)
    render.emit_listing(listing.records, listing.columns, args.format)
    if args.format == "table":
        stderr.print(f"{len(listing)} {entity}", markup=False)
    return 0


def _load(registry, package):
    from rich.progress import Progress

    with Progress(console=stderr, transient=True) as progress:
        task = progress.add_task("Loading", total=17)

        def step(name: str, count: int) -> None:
            progress.update(task, advance=1, description=f"Loaded {name} ({count})")

        return registry.load(package, progress=step)


def _vocabulary(args) -> int:
    from peaceops.model import vocabulary as V

    rows = [{"vocabulary": name, "code": code,
             "meaning": {**V.FUNCTIONS, **V.CAPABILITIES}.get(code, "")}
            for name, codes in V.VOCABULARIES.items() for code in codes]
    render.emit_listing(rows, ["vocabulary", "code", "meaning"], args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
