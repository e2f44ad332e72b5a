"""The one public façade: everything a user can do with peaceops is a method of ``Registry``.

The CLI, and later the web pages and the API, parse input, make one call here and render the
result. This is the only module that wires the rooms together (data package, database,
queries, validation).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from peaceops.datapackage import read_package, shipped_package_dir, write_package
from peaceops.datapackage.tables import Package
from peaceops.datapackage.validate import validate_package
from peaceops.errors import NotFound, ValidationFailed
from peaceops.filters import ENTITY_FILTERS, resolve_filters
from peaceops.model.issues import Report
from peaceops.model.listing import Listing
from peaceops.registry import django_setup

ENTITIES = tuple(ENTITY_FILTERS)


@dataclass
class LoadResult:
    package: str
    counts: dict[str, int]
    report: Report


def open(url: str | None = None, *, package: str | Path | None = None,  # noqa: A001
         load_if_empty: bool = True) -> Registry:
    """Open a register.

    - ``open()``: the embedded default database (``PEACEOPS_DATABASE_URL`` or a SQLite file in
      the user's data directory), loaded with the curated data on first use;
    - ``open("postgres://…")`` / ``open("sqlite:///path")``: another database;
    - ``open(package="dir")``: a data package, loaded into a scratch database.
    """
    if package is not None:
        scratch = Path(tempfile.mkdtemp(prefix="peaceops-")) / "register.sqlite3"
        registry = Registry(f"sqlite:///{scratch}")
        registry.load(package)
        return registry
    registry = Registry(url)
    if load_if_empty and registry.is_empty():
        registry.load()
    return registry


class Registry:
    def __init__(self, url: str | None = None):
        default_url = django_setup.configure(url)
        from peaceops.registry import databases

        self.url = url or default_url
        self.alias = databases.alias_for(self.url)
        if databases.needs_migration(self.alias):
            databases.migrate(self.alias)
        from peaceops.registry.queries import Queries

        self._queries = Queries(self.alias)

    # -- state -------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def counts(self) -> dict[str, int]:
        from peaceops.registry.store import count_rows

        return count_rows(self.alias)

    def info(self) -> dict:
        return {"database": self.url, "rows": self.counts()}

    # -- reading -----------------------------------------------------------------------------
    def list(self, entity: str, **filters) -> Listing:
        if entity not in ENTITIES:
            raise NotFound.for_id("entity", entity, ENTITIES)
        resolved = resolve_filters(entity, filters, self._queries.organization_aliases())
        return getattr(self._queries, entity)(**resolved)

    def get(self, entity: str, record_id: str) -> dict:
        if entity not in ENTITIES:
            raise NotFound.for_id("entity", entity, ENTITIES)
        if entity == "organizations":
            record_id = self._queries.organization_aliases().get(record_id.lower(), record_id)
        found = getattr(self._queries, entity)(ids=[record_id]).records
        if not found:
            raise NotFound.for_id(entity.rstrip("s"), record_id, self._queries.known_ids(entity))
        return found[0]

    def missions(self, **filters):
        """Missions as a pandas DataFrame (list-valued columns for countries, functions…)."""
        return self.list("missions", **filters).to_frame()

    def organizations(self, **filters):
        return self.list("organizations", **filters).to_frame()

    def exchanges(self, **filters):
        return self.list("exchanges", **filters).to_frame()

    def meetings(self, **filters):
        return self.list("meetings", **filters).to_frame()

    def sources(self, **filters):
        return self.list("sources", **filters).to_frame()

    # -- data package ------------------------------------------------------------------------
    def validate(self, package: str | Path | None = None, *, database: bool = True
                 ) -> list[Report]:
        """Validate a data package (default: the shipped one) and, optionally, this database."""
        reports = [validate_package(_read(package))]
        if database:
            reports.append(validate_package(self._database_as_package()))
        return reports

    def load(self, package: str | Path | None = None, progress=None) -> LoadResult:
        """Validate and load a data package (default: the shipped curated data), atomically."""
        from peaceops.registry.store import load_package

        pkg = _read(package)
        report = validate_package(pkg)
        if not report.ok:
            raise ValidationFailed(
                f"The data package {pkg.location} has {len(report.errors)} error(s); "
                "nothing was loaded.",
                hint="Run 'peaceops validate --package PATH' to see them.", details=[report])
        counts = load_package(pkg, self.alias, progress)
        return LoadResult(pkg.location, counts, report)

    def export(self, directory: str | Path) -> list[Path]:
        """Write the register as a data package in canonical form."""
        from peaceops.registry.store import export_rows

        descriptor = read_package(shipped_package_dir()).descriptor
        return write_package(descriptor, export_rows(descriptor, self.alias), directory)

    def _database_as_package(self) -> Package:
        from peaceops.datapackage.tables import Table
        from peaceops.registry.store import export_rows

        descriptor = read_package(shipped_package_dir()).descriptor
        rows = export_rows(descriptor, self.alias)
        tables = {name: Table(schema, list(schema.field_names), rows[name])
                  for name, schema in descriptor.resources.items()}
        return Package(descriptor, tables, f"database {self.url}")


def _read(package: str | Path | None) -> Package:
    return read_package(Path(package) if package else shipped_package_dir())
