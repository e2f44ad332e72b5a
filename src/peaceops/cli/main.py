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
    "q": "text to search in names, acronyms and ids",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peaceops", description="A sourced register of international peace operations."
    )
    parser.add_argument("--version", action="version", version=f"peaceops {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: PEACEOPS_DATABASE_URL or the embedded "
        "SQLite file in your data directory)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for entity, filters in ENTITY_FILTERS.items():
        sub = commands.add_parser(entity, help=f"list {entity}, or show one by id")
        sub.add_argument("id", nargs="?", help=f"show this one of the {entity}")
        _filter_options(sub, filters)
        _format_option(sub)

    sub = commands.add_parser("validate", help="check the data package and the database")
    sub.add_argument(
        "--package", metavar="DIR", help="data package folder (default: the shipped curated data)"
    )
    sub.add_argument("--no-database", action="store_true", help="check the package only")
    _format_option(sub)

    sub = commands.add_parser("load", help="validate and load a data package (atomic)")
    sub.add_argument("--package", metavar="DIR", help="default: the shipped curated data")

    sub = commands.add_parser(
        "export", help="write the register, or the missions a filter selects, to a file"
    )
    sub.add_argument(
        "--output", metavar="PATH", required=True, help="folder (datapackage, csv) or file"
    )
    sub.add_argument(
        "--as",
        dest="as_",
        choices=("datapackage", "csv", "json", "xlsx", "geojson", "hxl"),
        default="datapackage",
        help="format (default: datapackage, the canonical CSV package)",
    )
    _filter_options(sub, ENTITY_FILTERS["missions"])

    sub = commands.add_parser(
        "import", help="import a CSV/XLSX template, an HXL 3W/4W file or IATI activity XML"
    )
    sub.add_argument("path", help="file (or data-package folder) to import")
    sub.add_argument(
        "--as",
        dest="as_",
        choices=("csv", "xlsx", "hxl", "iati", "datapackage"),
        help="file type (default: detected)",
    )
    sub.add_argument("--dry-run", action="store_true", help="report what would be written")
    sub.add_argument("--format", choices=("table", "json"), default="table")

    sub = commands.add_parser("template", help="write an empty import template")
    sub.add_argument("--as", dest="as_", choices=("csv", "xlsx"), default="xlsx")
    sub.add_argument(
        "--output",
        metavar="PATH",
        required=True,
        help="book.xlsx; exchanges.csv (one resource) or a folder (every resource)",
    )

    sub = commands.add_parser(
        "coverage", help="counts by organization, decade and region; completeness of mission rows"
    )
    _filter_options(sub, ENTITY_FILTERS["missions"])
    _format_option(sub)

    sub = commands.add_parser(
        "crosscheck", help="compare the register with the UN, IPI and Geo-PKO reference files"
    )
    sub.add_argument(
        "--reference-dir", metavar="DIR", required=True, help="folder laid out like ../shared/data"
    )
    sub.add_argument(
        "--all",
        action="store_true",
        help="also list disagreements explained in crosscheck_exceptions.csv",
    )
    _format_option(sub)

    sub = commands.add_parser("reach", help="where each organization served (mission-years)")
    sub.add_argument("--organization", help=FILTER_HELP["organization"])
    _format_option(sub)

    sub = commands.add_parser(
        "specialization", help="functional profile and specialization (RCA) per organization"
    )
    sub.add_argument("--kind", help="mission kind, or 'civilian_only' (civilian and police)")
    sub.add_argument("--period", help="calendar years, e.g. 2003-2016")
    sub.add_argument("--region", help="continent of a host country (Africa, Europe, Asia...)")
    sub.add_argument(
        "--civilian-functions",
        action="store_true",
        help="only the ten civilian crisis-management functions",
    )
    sub.add_argument(
        "--min-missions",
        type=int,
        default=3,
        help="missions an organization needs to be ranked (default 3)",
    )
    sub.add_argument(
        "--view",
        choices=("table", "division", "matrix"),
        default="division",
        help="division of labour (default), the full table, or the RCA matrix",
    )
    _format_option(sub)

    for name, text in (
        ("complementarity", "co-present missions and functional overlap"),
        ("interactions", "interaction ladder per pair of organizations"),
        ("synergy", "ranked synergy opportunities"),
    ):
        sub = commands.add_parser(name, help=f"{text} in one country")
        sub.add_argument("country", help=FILTER_HELP["country"])
        sub.add_argument("--period", help="calendar years, e.g. 2013-2020")
        _format_option(sub)

    sub = commands.add_parser("brief", help="write a country brief (HTML or Markdown)")
    sub.add_argument("country", help=FILTER_HELP["country"])
    sub.add_argument(
        "--output",
        required=True,
        metavar="PATH",
        help="file to write; .md or .markdown writes Markdown, else HTML",
    )
    sub.add_argument("--period", help="calendar years, e.g. 2013-2020")

    sub = commands.add_parser("serve", help="serve the web pages and the API")
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    sub.add_argument("--workers", type=int, help="worker processes (default: cores + 1)")

    sub = commands.add_parser("backup", help="online backup of the database, verified")
    sub.add_argument("--output", required=True, metavar="FILE")
    sub = commands.add_parser("restore", help="restore a verified backup into the database")
    sub.add_argument("backup_file", metavar="FILE")

    sub = commands.add_parser("users", help="accounts: add a user, issue an API token, TOTP")
    actions = sub.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="add a user (password from PEACEOPS_PASSWORD or asked for)"
    )
    add.add_argument("username")
    add.add_argument("--organization", required=True, help="organization id (un, eu, osce...)")
    add.add_argument("--role", required=True, choices=("viewer", "contributor", "curator", "admin"))
    token = actions.add_parser("token", help="issue an API token (printed once)")
    token.add_argument("username")
    token.add_argument("--label", default="")
    totp = actions.add_parser("totp", help="enrol a TOTP second factor (prints otpauth URI)")
    totp.add_argument("username")

    sub = commands.add_parser("info", help="database in use and row counts")
    _format_option(sub)
    sub = commands.add_parser("vocabulary", help="the controlled vocabulary")
    _format_option(sub)
    return parser


def _filter_options(sub: argparse.ArgumentParser, names) -> None:
    """One option per filter; the text search 'q' is spelled --search on the command line."""
    for name in names:
        sub.add_argument(
            f"--{'search' if name == 'q' else name}", dest=name, help=FILTER_HELP[name]
        )


def _format_option(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--format", choices=render.FORMATS, default="table", help="output format (default: table)"
    )


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
        stderr.print(
            f"Error: unexpected {type(exc).__name__}: {exc}. Set PEACEOPS_DEBUG=1 "
            "to see the details and please report it.",
            markup=False,
        )
        return 1


def _run(args) -> int:
    if args.command == "vocabulary":
        return _vocabulary(args)
    import peaceops

    if args.command == "serve":
        from peaceops.web.server import serve

        if args.database:
            os.environ["PEACEOPS_DATABASE_URL"] = args.database
        stderr.print(
            f"Serving peaceops at http://{args.host}:{args.port}/ (Ctrl+C stops).", markup=False
        )
        serve(args.host, args.port, args.workers)
        return 0
    if args.command == "load":
        registry = peaceops.open(args.database, load_if_empty=False)
        result = _load(registry, args.package)
        total = sum(result.counts.values())
        stderr.print(f"Loaded {total} rows from {result.package} into {registry.url}.")
        return 0
    # validate and export must work on whatever is there, never trigger the first-use load
    registry = peaceops.open(
        args.database,
        load_if_empty=args.command
        not in ("validate", "export", "info", "template", "backup", "restore"),
    )
    if args.command == "validate":
        reports = registry.validate(args.package, database=not args.no_database)
        render.emit_reports(reports, args.format)
        for report in reports:
            stderr.print(
                f"{report.subject}: {report.rows_checked} rows, "
                f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)",
                markup=False,
            )
        return 0 if all(r.ok for r in reports) else 1
    if args.command in ANALYSES:
        return ANALYSES[args.command](registry, args)
    if args.command in ("backup", "restore"):
        counts = (
            registry.backup(args.output)
            if args.command == "backup"
            else registry.restore(args.backup_file)
        )
        summary = ", ".join(f"{t.removeprefix('registry_')} {n}" for t, n in counts.items())
        stderr.print(f"{args.command.title()} verified (integrity ok): {summary}.", markup=False)
        return 0
    if args.command == "users":
        return _users(registry, args)
    if args.command == "coverage":
        result = registry.coverage(**{n: getattr(args, n) for n in ENTITY_FILTERS["missions"]})
        tables = result.tables()
        if args.format == "json":
            render.emit_record({"missions": result.missions, **tables}, "json")
        elif args.format == "csv":
            render.emit_listing(
                result.to_frame().to_dict("records"), ["table", "key", "value"], "csv"
            )
        else:
            for name, rows in tables.items():
                render.emit_listing(rows, list(rows[0]) if rows else [], "table", title=name)
            stderr.print(f"{result.missions} missions", markup=False)
        return 0
    if args.command == "crosscheck":
        result = registry.crosscheck(args.reference_dir)
        shown = result.disagreements if args.all else result.unexplained
        records = [{**vars(d), "excepted": d.excepted} for d in shown]
        render.emit_listing(
            records,
            [
                "dataset",
                "reference_key",
                "field",
                "mission_id",
                "register_value",
                "reference_value",
            ],
            args.format,
        )
        for dataset, compared in result.compared.items():
            stderr.print(
                f"{dataset}: {compared} reference missions, "
                f"{result.matched.get(dataset, 0)} matched",
                markup=False,
            )
        stderr.print(
            f"UN list dates agreeing within a month: "
            f"{result.date_agreement():.1%}; {len(result.disagreements)} disagreements, "
            f"{len(result.unexplained)} unexplained, "
            f"{len(result.stale_exceptions)} stale exceptions",
            markup=False,
        )
        for stale in result.stale_exceptions:
            stderr.print(
                f"stale exception: {stale['dataset']} {stale['reference_key']} {stale['field']}",
                markup=False,
            )
        return 0 if not result.unexplained and not result.stale_exceptions else 1
    if args.command == "export":
        return _export(registry, args)
    if args.command == "import":
        return _import(registry, args)
    if args.command == "template":
        result = registry.write_template(args.output, args.as_)
        stderr.print(f"Wrote {len(result.paths)} file(s) to {args.output}.", markup=False)
        return 0
    if args.command == "info":
        info = registry.info()
        if args.format == "table":
            stderr.print(f"database: {info['database']}", markup=False)
        rows = [{"resource": k, "rows": v} for k, v in info["rows"].items()]
        render.emit_listing(
            rows if args.format != "json" else [info], ["resource", "rows"], args.format
        )
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


def _reach(registry, args) -> int:
    rows = registry.reach().by_country()
    if args.organization:
        wanted = registry.get("organizations", args.organization)["id"]
        rows = [r for r in rows if r["organization"] == wanted]
    render.emit_listing(
        rows,
        ["organization", "country", "region", "mission_years", "first_year", "last_year"],
        args.format,
    )
    return 0


def _specialization(registry, args) -> int:
    result = registry.specialization(
        kind=args.kind,
        period=args.period,
        region=args.region,
        civilian_functions=args.civilian_functions,
        min_missions=args.min_missions,
    )
    if args.view == "division":
        rows = result.division_of_labour()
        render.emit_listing(
            rows, ["function", "leader", "rca", "runner_up", "organizations"], args.format
        )
    elif args.view == "matrix":
        from peaceops.model.vocabulary import FUNCTIONS

        matrix = result.matrix()
        functions = [f for f in FUNCTIONS if any(f in row for row in matrix.values())]
        rows = [
            {"organization": o, **{f: matrix[o].get(f, 0.0) for f in functions}}
            for o, n in sorted(result.missions_by_organization.items())
            if n >= result.min_missions
        ]
        render.emit_listing(rows, ["organization", *functions], args.format)
    else:
        render.emit_listing(
            result.rows,
            ["organization", "function", "missions", "share_missions", "rca", "rca_mission_years"],
            args.format,
        )
    return 0


def _theater(name: str, columns: list[str], attribute: str):
    def run(registry, args) -> int:
        result = getattr(registry, name)(args.country, args.period)
        render.emit_listing(getattr(result, attribute), columns, args.format)
        return 0

    return run


def _brief(registry, args) -> int:
    path = registry.write_brief(args.country, args.output, args.period)
    stderr.print(f"Wrote {path}.", markup=False)
    return 0


ANALYSES = {
    "reach": _reach,
    "specialization": _specialization,
    "complementarity": _theater(
        "complementarity",
        [
            "organization_a",
            "organization_b",
            "co_present_years",
            "shared_functions",
            "overlap",
            "classification",
        ],
        "dyads",
    ),
    "interactions": _theater(
        "interactions",
        [
            "organization_a",
            "organization_b",
            "level",
            "regular_meetings",
            "direction",
            "regularity",
            "capabilities",
            "documented_absences",
        ],
        "dyads",
    ),
    "synergy": _theater(
        "synergy",
        ["rank", "giver", "receiver", "capability", "function", "score", "explanation"],
        "opportunities",
    ),
    "brief": _brief,
}


def _users(registry, args) -> int:
    if args.action == "add":
        import getpass

        password = os.environ.get("PEACEOPS_PASSWORD") or getpass.getpass("Password: ")
        registry.add_user(args.username, password, args.organization, args.role)
        stderr.print(f"Added {args.username} ({args.role}, {args.organization}).", markup=False)
    elif args.action == "token":
        sys.stdout.write(registry.issue_token(args.username, args.label) + "\n")
        stderr.print("Keep this token secret: it is shown only once.", markup=False)
    else:
        sys.stdout.write(registry.add_totp(args.username) + "\n")
        stderr.print("Add this URI to an authenticator app.", markup=False)
    return 0


def _export(registry, args) -> int:
    filters = {n: getattr(args, n) for n in ENTITY_FILTERS["missions"]}
    if args.as_ == "datapackage" and not any(filters.values()):
        written = registry.export(args.output)  # the full canonical package
        stderr.print(f"Wrote {len(written)} files to {args.output}.", markup=False)
        return 0
    result = registry.export_selection(args.output, args.as_, **filters)
    rows = sum(result.counts.values())
    stderr.print(f"Wrote {len(result.paths)} file(s) to {args.output} ({rows} rows).", markup=False)
    for note in result.notes:
        stderr.print(note, markup=False)
    return 0


def _import(registry, args) -> int:
    from peaceops.cli.import_report import emit_import_report
    from peaceops.imports import ImportFailed

    try:
        report = registry.import_file(args.path, args.as_, dry_run=args.dry_run)
    except ImportFailed as exc:
        emit_import_report(exc.report, args.format)
        raise
    emit_import_report(report, args.format)
    return 0 if report.ok else 1


def _load(registry, package):
    from rich.progress import Progress

    with Progress(console=stderr, transient=True) as progress:
        task = progress.add_task("Loading", total=17)

        def step(name: str, count: int) -> None:
            progress.update(task, advance=1, description=f"Loaded {name} ({count})")

        return registry.load(package, progress=step)


def _vocabulary(args) -> int:
    from peaceops.model import vocabulary as V

    rows = [
        {
            "vocabulary": name,
            "code": code,
            "meaning": {**V.FUNCTIONS, **V.CAPABILITIES}.get(code, ""),
        }
        for name, codes in V.VOCABULARIES.items()
        for code in codes
    ]
    render.emit_listing(rows, ["vocabulary", "code", "meaning"], args.format)
    return 0


if __name__ == "__main__":
    sys.exit(main())
