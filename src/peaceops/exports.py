"""The export use case, for the façade (``Registry.export_selection``) and the templates
(``Registry.write_template``): select rows with the mission filters, then hand them to one
exporter. Adapters call the façade, never this module."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from peaceops.errors import InvalidArgument

EXPORT_FORMATS = ("datapackage", "csv", "json", "xlsx", "geojson", "hxl")
TEMPLATE_FORMATS = ("csv", "xlsx")
MISSION_FILTERS = ("country", "organization", "function", "kind", "year", "q")


@dataclass
class ExportResult:
    format: str
    paths: list[Path]
    counts: dict[str, int]
    notes: list[str] = field(default_factory=list)


def check_format(fmt: str, allowed=EXPORT_FORMATS) -> str:
    if fmt not in allowed:
        raise InvalidArgument(f"Unknown format {fmt!r}.", hint=f"Use one of: {', '.join(allowed)}.")
    return fmt


def selected_rows(descriptor, all_rows: dict, mission_ids: list[str], resolved: dict) -> dict:
    from peaceops.exporters.selection import select_rows

    if not resolved:
        return all_rows
    return select_rows(
        all_rows,
        descriptor,
        mission_ids,
        country=resolved.get("country"),
        organization=resolved.get("organization"),
        year=resolved.get("year"),
        mission_only_filters=any(k in resolved for k in ("function", "kind", "q")),
    )


def write(
    fmt: str,
    descriptor,
    rows: dict,
    missions: list[dict],
    output: Path,
    filters: dict,
) -> ExportResult:
    from peaceops.exporters import tables

    output = Path(output)
    counts = {name: len(rows.get(name, [])) for name in descriptor.resources}
    about = [f"Selection: {_describe(filters)}"]
    notes: list[str] = []
    if fmt == "datapackage":
        from peaceops.datapackage import write_package

        if output.suffix:
            raise InvalidArgument(
                f"{output} looks like a file; a data package is a folder.",
                hint="Give a folder name, e.g. --output mali-package.",
            )
        paths = write_package(descriptor, rows, output)
    elif fmt == "csv":
        paths = tables.write_csv(descriptor, rows, output)
    elif fmt == "xlsx":
        paths = tables.write_xlsx(descriptor, rows, output, about)
    elif fmt == "json":
        paths = tables.write_json(descriptor, rows, output, filters)
    elif fmt == "geojson":
        from peaceops.exporters.geojson import write_geojson

        paths, skipped = write_geojson(missions, output)
        counts = {"missions": len(missions) - skipped}
        if skipped:
            notes.append(f"{skipped} mission(s) without headquarters coordinates were left out.")
    else:
        from peaceops.exporters.hxl import write_hxl

        paths = write_hxl(missions, output)
        counts = {"missions": len(missions)}
    return ExportResult(fmt, paths, counts, notes)


def _describe(filters: dict) -> str:
    given = {k: v for k, v in filters.items() if v not in (None, "")}
    return ", ".join(f"{k}={v}" for k, v in given.items()) or "the whole register"
