"""The one public façade: everything a user can do with peaceops is a method of ``Registry``.

The CLI, and later the web pages and the API, parse input, make one call here and render the
result. This is the only module that wires the rooms together (data package, database,
queries, validation).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from peaceops.datapackage import (
    read_package,
    shipped_descriptor,
    shipped_package_dir,
    write_package,
)
from peaceops.datapackage.tables import Package
from peaceops.datapackage.validate import validate_package
from peaceops.errors import NotFound, ValidationFailed
from peaceops.filters import (
    ENTITY_FILTERS,
    resolve_country_argument,
    resolve_filters,
    resolve_period,
)
from peaceops.model.access import ANONYMOUS, Viewer
from peaceops.model.issues import Report
from peaceops.model.listing import Listing
from peaceops.registry import django_setup

ENTITIES = tuple(ENTITY_FILTERS)
# Fields a listing may be sorted by (the API and the pages take them from here).
SORTABLE: dict[str, tuple[str, ...]] = {
    "missions": ("id", "acronym", "name", "lead_organization", "kind", "start_date", "end_date"),
    "organizations": ("id", "acronym", "name", "kind", "scope"),
    "exchanges": ("id", "theater", "giver", "receiver", "capability", "start_date"),
    "meetings": ("id", "theater", "name", "start_date"),
    "absences": ("id", "theater"),
    "frictions": ("id", "theater", "kind", "start_date"),
    "transitions": ("id", "date", "kind"),
    "acts": ("id", "date", "symbol", "body"),
    "sources": ("id", "kind", "published", "cited_by"),
    "countries": ("code", "name", "missions", "first_year"),
    "reach": ("organization", "country", "mission_years", "first_year"),
}


@dataclass
class LoadResult:
    package: str
    counts: dict[str, int]
    report: Report


def open(
    url: str | None = None,
    *,
    package: str | Path | None = None,  # noqa: A001
    load_if_empty: bool = True,
) -> Registry:
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
    """The register, as seen by one caller (``viewer``; anonymous callers see public data)."""

    def __init__(self, url: str | None = None, viewer: Viewer = ANONYMOUS):
        # Django's default database is always the embedded default (or PEACEOPS_DATABASE_URL);
        # any other URL becomes an extra connection alias, whatever order registers open in.
        default_url = django_setup.configure()
        from peaceops.registry import databases

        self.url = url or default_url
        self.alias = databases.alias_for(self.url)
        if databases.needs_migration(self.alias):
            databases.migrate(self.alias)
        from peaceops.registry.queries import Queries

        self.viewer = viewer
        self._queries = Queries(self.alias, viewer)
        self._shared = {"cache": {}, "version": None}  # shared by every view of this register

    def for_viewer(self, viewer: Viewer) -> Registry:
        """The same register as ``viewer`` sees it (lists, counts, analyses, exports)."""
        from peaceops.registry.queries import Queries

        view = object.__new__(Registry)
        view.url, view.alias, view.viewer = self.url, self.alias, viewer
        view._queries = Queries(self.alias, viewer)
        view._shared = self._shared
        return view

    # -- state -------------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not any(self.counts().values())

    def counts(self) -> dict[str, int]:
        from peaceops.registry.store import count_rows

        return count_rows(self.alias)

    def info(self) -> dict:
        return {"database": self.url, "rows": self.counts()}

    def version(self) -> int:
        """Bumped by every write; results cached under an older version are stale."""
        from peaceops.registry.store import current_version

        return current_version(self.alias)

    def memo(self, key: tuple, compute):
        """Memoize anything derived from the register (a rendered chart, say) until the
        register changes; for adapters that serve the same reads many times."""
        return self._cached(("memo", *key), compute)

    def _cached(self, key: tuple, compute):
        """Memoize read results per register version (the web serves many identical reads)."""
        version = self.version()
        cache = self._shared["cache"]
        if self._shared["version"] != version:
            cache.clear()
            self._shared["version"] = version
        key = (self.viewer.key(), *key)  # what one caller may see is never served to another
        if key not in cache:
            if len(cache) > 2048:
                cache.clear()
            cache[key] = compute()
        return cache[key]

    # -- reading -----------------------------------------------------------------------------
    def list(self, entity: str, **filters) -> Listing:
        """Records of one entity, filtered. Treat the records as read-only: they are shared
        with other callers until the register changes."""
        if entity not in ENTITIES:
            raise NotFound.for_id("entity", entity, ENTITIES)
        key = ("list", entity, tuple(sorted((k, str(v)) for k, v in filters.items() if v)))

        def compute() -> Listing:
            aliases = self._queries.organization_aliases()
            return getattr(self._queries, entity)(**resolve_filters(entity, filters, aliases))

        return self._cached(key, compute)

    def get(self, entity: str, record_id: str) -> dict:
        if entity not in ENTITIES:
            raise NotFound.for_id("entity", entity, ENTITIES)
        if entity == "organizations":
            record_id = self._queries.organization_aliases().get(record_id.lower(), record_id)
        found = getattr(self._queries, entity)(ids=[record_id]).records
        if not found:
            raise NotFound.for_id(entity.rstrip("s"), record_id, self._queries.known_ids(entity))
        return found[0]

    def page(
        self, entity: str, *, sort: str | None = None, limit: int = 50, offset: int = 0, **filters
    ) -> tuple[list[dict], int]:
        """A page of a listing (or of the derived 'countries' and 'reach' tables), sorted by an
        allowed field; returns (records, total)."""
        if entity == "countries":
            listing = self.countries()
        elif entity == "reach":
            listing = Listing("reach", self.reach_rows(filters.get("organization")))
        else:
            listing = self.list(entity, **filters)
        return listing.page(sort=sort, allowed_sorts=SORTABLE[entity], limit=limit, offset=offset)

    def mission_context(self, mission_id: str) -> dict:
        """A mission with what surrounds it: its exchanges, meetings and cited sources."""
        mission = self.get("missions", mission_id)
        snap = self.snapshot()
        mid = mission["id"]
        exchanges = [
            x for x in snap.exchanges if mid in (x["giver_mission"], x["receiver_mission"])
        ]
        meetings = [m for m in snap.meetings if mid in m["participant_missions"]]
        cited = set(mission["sources"]) | {s for r in exchanges + meetings for s in r["sources"]}
        return {
            "mission": mission,
            "exchanges": exchanges,
            "meetings": meetings,
            "sources": [s for s in snap.sources if s["id"] in cited],
        }

    def citing(self, source_id: str) -> list[dict]:
        """The rows that cite a source (resource and key)."""
        self.get("sources", source_id)
        descriptor = shipped_descriptor()
        keys = {name: r.primary_key for name, r in descriptor.resources.items()}
        return self._cached(("citing", source_id), lambda: self._queries.citing(source_id, keys))

    def countries(self) -> Listing:
        """Every country that hosted a mission, with counts (from the snapshot)."""
        from peaceops.analytics.periods import interval
        from peaceops.model.countries import continent, country_name

        def compute() -> Listing:
            snap = self.snapshot()
            records = []
            for code, held in sorted(snap.by_country.items()):
                missions = held.get("missions", [])
                if not missions:
                    continue
                spans = [interval(m, snap.today) for m in missions]
                records.append(
                    {
                        "code": code,
                        "name": country_name(code),
                        "continent": continent(code),
                        "missions": len(missions),
                        "organizations": sorted({m["lead_organization"] for m in missions}),
                        "first_year": min(s[0].year for s in spans),
                        "last_year": max(s[1].year for s in spans),
                        "meetings": len(held.get("meetings", [])),
                        "exchanges": len(held.get("exchanges", [])),
                    }
                )
            return Listing(
                "countries",
                records,
                ["code", "name", "missions", "organizations", "first_year", "last_year"],
            )

        return self._cached(("countries",), compute)

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

    # -- durability ------------------------------------------------------------------------------
    def backup(self, output: str | Path) -> dict[str, int]:
        """Online backup, verified (integrity check and row counts of the copy)."""
        from peaceops.registry.durability import backup

        return backup(self.alias, Path(output))

    def restore(self, backup_file: str | Path) -> dict[str, int]:
        """Replace the database with a verified backup; verifies the result too."""
        from peaceops.registry.durability import restore

        return restore(self.alias, Path(backup_file))

    # -- accounts (local administration: the CLI) ----------------------------------------------
    def add_user(self, username: str, password: str, organization: str, role: str) -> None:
        from peaceops.registry.accounts import create_user

        create_user(self.alias, username, password, organization, role)

    def issue_token(self, username: str, label: str = "") -> str:
        from peaceops.registry.accounts import issue_token

        return issue_token(self.alias, username, label)

    def add_totp(self, username: str) -> str:
        from peaceops.registry.accounts import add_totp_device

        return add_totp_device(self.alias, username)

    # -- contributions (issue 6): every write is checked, audited and versioned -------------------
    def record_exchange(self, data: dict, request_id: str = "") -> dict:
        """Record a capability exchange as the current viewer; returns the stored record."""
        from peaceops.registry import services

        record_id = services.record_exchange(self.alias, self.viewer, data, request_id)
        return self.get("exchanges", record_id)

    def record_meeting(self, data: dict, request_id: str = "") -> dict:
        from peaceops.registry import services

        record_id = services.record_meeting(self.alias, self.viewer, data, request_id)
        return self.get("meetings", record_id)

    def withdraw(self, kind: str, record_id: str, request_id: str = "") -> None:
        """Withdraw a contributed meeting or exchange of the viewer's organization."""
        from peaceops.registry import services

        services.delete_record(self.alias, self.viewer, kind, record_id, request_id)

    def propose(self, data: dict, request_id: str = "") -> dict:
        """Propose a change to reference data (missions, acts, sources, organizations)."""
        from peaceops.registry import services

        proposal_id = services.propose_change(self.alias, self.viewer, data, request_id)
        return self.proposal(proposal_id)

    def review(
        self, proposal_id: int, accept: bool, comment: str = "", request_id: str = ""
    ) -> dict:
        from peaceops.registry import services

        services.review_proposal(self.alias, self.viewer, proposal_id, accept, comment, request_id)
        return self.proposal(proposal_id)

    def proposals(self, status: str | None = None) -> list[dict]:
        """Curators see every proposal, contributors their organization's, others none."""
        return self._queries.proposals(status)

    def proposal(self, proposal_id: int) -> dict:
        found = [p for p in self._queries.proposals(None) if p["id"] == proposal_id]
        if not found:
            raise NotFound(f"Unknown proposal {proposal_id}.")
        return found[0]

    def audit(self, *, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """Audit entries about records the viewer may see, newest first."""
        return self._queries.audit(limit=limit, offset=offset)

    # -- analytics ---------------------------------------------------------------------------
    def snapshot(self):
        """The register as plain records, the input of every analysis (cached per version)."""
        from peaceops.model.snapshot import Snapshot

        return self._cached(
            ("snapshot",),
            lambda: Snapshot(
                **{
                    name: self.list(name).records
                    for name in (
                        "missions",
                        "organizations",
                        "meetings",
                        "exchanges",
                        "absences",
                        "frictions",
                        "transitions",
                        "sources",
                    )
                }
            ),
        )

    def reach(self, snapshot=None):
        from peaceops.analytics.reach import reach

        snap = snapshot or self.snapshot()
        return reach(snap.missions, snap.today)

    def specialization(
        self,
        *,
        kind: str | None = None,
        period: str | None = None,
        region: str | None = None,
        civilian_functions: bool = False,
        min_missions: int = 3,
        snapshot=None,
    ):
        """Functional profile and RCA per organization. ``kind='civilian_only'`` keeps civilian
        and police missions; ``civilian_functions`` restricts to the ten comparison functions
        of the civilian crisis-management literature."""
        from peaceops.analytics.selection import select_missions
        from peaceops.analytics.specialization import specialization
        from peaceops.model import vocabulary as V

        snap = snapshot or self.snapshot()
        missions = select_missions(
            snap.missions,
            kinds=kind,
            period=resolve_period(period),
            region=region,
            today=snap.today,
        )
        functions = V.CIVILIAN_FUNCTIONS if civilian_functions else tuple(V.FUNCTIONS)
        return specialization(missions, snap.today, functions=functions, min_missions=min_missions)

    def complementarity(self, country: str, period: str | None = None, snapshot=None):
        from peaceops.analytics.theater import complementarity

        return complementarity(
            snapshot or self.snapshot(), resolve_country_argument(country), resolve_period(period)
        )

    def interactions(self, country: str, period: str | None = None, snapshot=None):
        from peaceops.analytics.theater import interactions

        return interactions(
            snapshot or self.snapshot(), resolve_country_argument(country), resolve_period(period)
        )

    def synergy(self, country: str, period: str | None = None, snapshot=None):
        from peaceops.analytics.theater import synergy

        snap = snapshot or self.snapshot()
        return synergy(
            snap,
            resolve_country_argument(country),
            self.specialization(snapshot=snap),
            resolve_period(period),
        )

    def brief(self, country: str, period: str | None = None, snapshot=None):
        """Everything a country brief shows; render with ``peaceops.reports.brief``."""
        from peaceops.reports.brief import build_brief

        snap = snapshot or self.snapshot()
        return build_brief(
            snap,
            resolve_country_argument(country),
            self.complementarity(country, period, snapshot=snap),
            self.interactions(country, period, snapshot=snap),
            self.synergy(country, period, snapshot=snap),
        )

    def country_view(self, country: str, period: str | None = None) -> dict:
        """The live country brief as data: counts, missions, transitions, complementarity,
        interaction ladder and synergy (what the country page and its JSON twin show)."""
        code = resolve_country_argument(country)

        def compute() -> dict:
            info = next((c for c in self.countries().records if c["code"] == code), None)
            if info is None:
                raise NotFound(
                    f"No mission is recorded in {code}.",
                    hint="See the list of countries for those that have one.",
                )
            brief = self.brief(code, period)
            return {
                "country": info,
                "missions": brief.missions,
                "transitions": brief.transitions,
                "coverage": brief.complementarity.coverage,
                "complementarity": brief.complementarity.dyads,
                "interactions": brief.interactions.dyads,
                "synergy": brief.synergy.dyads,
                "opportunities": brief.synergy.opportunities,
            }

        return self._cached(("country", code, period), compute)

    def reach_rows(self, organization: str | None = None) -> list[dict]:
        """Reach per organization and country (mission-years), optionally for one organization."""
        wanted = self.get("organizations", organization)["id"] if organization else None
        rows = self._cached(("reach",), lambda: self.reach().by_country())
        return [r for r in rows if wanted is None or r["organization"] == wanted]

    def write_brief(self, country: str, output: str | Path, period: str | None = None) -> Path:
        """Write the brief as HTML (self-contained) or Markdown (by the file extension)."""
        from peaceops.reports.brief import render_html, render_markdown

        path = Path(output)
        brief = self.brief(country, period)
        text = (
            render_markdown(brief)
            if path.suffix.lower() in (".md", ".markdown")
            else render_html(brief)
        )
        path.write_text(text, encoding="utf-8")
        return path

    def coverage(self, **filters):
        """Counts by organization, decade and region, and how complete mission rows are."""
        from peaceops.analytics.coverage import coverage

        return coverage(self.list("missions", **filters).records)

    # -- cross-check with reference datasets ---------------------------------------------------
    def crosscheck(self, reference_dir: str | Path):
        """Compare the register with the UN, IPI and Geo-PKO files under ``reference_dir``
        (the layout of ``../shared/data``); returns a ``CrosscheckResult``."""
        from peaceops.analytics.crosscheck import crosscheck
        from peaceops.importers import reference_datasets as ref

        base = Path(reference_dir)
        files = {
            "un-psdata-pko": base / "un_psdata" / "DPPADPOSS-PKO.csv",
            "un-psdata-crosswalk": base / "un_psdata" / "unpko_country_crosswalk.csv",
            "ipi-missions": base / "ipi_peacekeeping" / "data_mission.csv",
            "geo-pko": base / "geo_pko" / "FrontMap_v.2.3.csv",
        }
        missing = [str(p) for p in files.values() if not p.exists()]
        if missing:
            raise NotFound(
                f"Reference files not found: {', '.join(missing)}.",
                hint="Point --reference-dir at the shared data folder.",
            )
        references = [
            *ref.read_un_psdata_missions(files["un-psdata-pko"]).records,
            *ref.read_un_psdata_crosswalk(files["un-psdata-crosswalk"]).records,
            *ref.read_ipi_missions(
                files["ipi-missions"], base / "ipi_peacekeeping" / "missions.json"
            ).records,
            *ref.read_geo_pko(files["geo-pko"]).records,
        ]
        from peaceops.registry.store import export_rows

        descriptor = shipped_descriptor()
        exceptions = export_rows(descriptor, self.alias)["crosscheck_exceptions"]
        return crosscheck(self.list("missions").records, references, exceptions)

    # -- data package ------------------------------------------------------------------------
    def validate(self, package: str | Path | None = None, *, database: bool = True) -> list[Report]:
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
                hint="Run 'peaceops validate --package PATH' to see them.",
                details=[report],
            )
        counts = load_package(pkg, self.alias, progress)
        return LoadResult(pkg.location, counts, report)

    def export(self, directory: str | Path) -> list[Path]:
        """Write the register as a data package in canonical form."""
        from peaceops.registry.store import export_rows

        descriptor = shipped_descriptor()
        return write_package(descriptor, export_rows(descriptor, self.alias), directory)

    # -- files in other formats (issue 7): import, export of a selection, templates --------------
    def import_file(
        self, path: str | Path, as_: str | None = None, dry_run: bool = False, limits=None
    ):
        """Import a CSV/XLSX template, a data-package folder, an HXL 3W/4W file or IATI
        activity XML (``as_`` is detected when None). Returns an ``ImportReport``; a dry run
        writes nothing; a file with errors raises ``ImportFailed`` and writes nothing; rows are
        written in one transaction, upserted by primary key (re-importing changes nothing)."""
        from peaceops.imports import run_import

        return run_import(self.alias, path, as_, dry_run=dry_run, limits=limits)

    def upload(
        self,
        path: str | Path,
        filename: str,
        as_: str | None = None,
        *,
        dry_run: bool = False,
        curated: bool = False,
        sensitivity: str = "internal",
        shared_with: list[str] | tuple[str, ...] = (),
        request_id: str = "",
    ):
        """A member's upload (web form, API), as the current viewer. A contributor's rows
        become meetings and exchanges owned by their organization with ``sensitivity`` (shared
        with ``shared_with`` when 'partners'); a curator may ask for a ``curated`` import of any
        resource instead. Otherwise like ``import_file``, plus one audit entry per commit."""
        from peaceops.imports import run_import
        from peaceops.model.imports import Upload
        from peaceops.registry import services

        data = {"curated": curated, "sensitivity": sensitivity, "shared_with": list(shared_with)}
        sharing = services.check_upload(self.alias, self.viewer, data)
        upload = Upload(self.viewer, filename, sharing, request_id)
        return run_import(self.alias, path, as_, dry_run=dry_run, upload=upload)

    def export_selection(self, output: str | Path, as_: str = "datapackage", **filters):
        """Write the missions the filters select (``country``, ``organization``, ``function``,
        ``kind``, ``year``, ``q``) with everything they refer to, as ``as_`` (datapackage, csv,
        json, xlsx, geojson, hxl). No filter: the whole register. Returns an ``ExportResult``."""
        from peaceops import exports
        from peaceops.registry.store import export_rows

        fmt = exports.check_format(as_)
        given = {k: v for k, v in filters.items() if v not in (None, "")}
        descriptor = shipped_descriptor()
        resolved = resolve_filters("missions", given, self._queries.organization_aliases())
        missions = self.list("missions", **given).records
        rows = exports.selected_rows(
            descriptor, export_rows(descriptor, self.alias), [m["id"] for m in missions], resolved
        )
        return exports.write(fmt, descriptor, rows, missions, Path(output), given)

    def write_template(self, output: str | Path, as_: str = "xlsx"):
        """An empty import template: an XLSX workbook with one sheet per resource, a CSV named
        after a resource (``exchanges.csv``), or a folder of CSVs."""
        from peaceops import exports

        fmt = exports.check_format(as_, exports.TEMPLATE_FORMATS)
        descriptor = shipped_descriptor()
        return exports.write(fmt, descriptor, {}, [], Path(output), {})

    def _database_as_package(self) -> Package:
        from peaceops.datapackage.tables import Table
        from peaceops.registry.store import export_rows

        descriptor = shipped_descriptor()
        rows = export_rows(descriptor, self.alias)
        tables = {
            name: Table(schema, list(schema.field_names), rows[name])
            for name, schema in descriptor.resources.items()
        }
        return Package(descriptor, tables, f"database {self.url}")


def _read(package: str | Path | None) -> Package:
    return read_package(Path(package) if package else shipped_package_dir())
