"""Validation of a data package (or of a database export in the same shape).

Every rule adds located issues to one report instead of stopping at the first defect: structure
(columns), cells (required, type, allowed values, patterns, ranges), keys (unique primary keys,
resolving foreign keys), then the domain rules of the register (dates ordered and plausible,
precisions, host countries, who may issue which act, exchanges between two different parties).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from peaceops.datapackage.tables import Package, Table
from peaceops.datapackage.values import parse_value
from peaceops.model.countries import is_country_code
from peaceops.model.issues import Issue, Report

EARLIEST = dt.date(1945, 1, 1)  # the UN Charter; no peace operation in scope predates it
COUNTRY_FIELDS = {"country", "theater"}
ACT_BODY_ORGANIZATION = {
    "unsc": "un",
    "unga": "un",
    "un_secretary_general": "un",
    "eu_council": "eu",
    "osce_permanent_council": "osce",
    "osce_ministerial_council": "osce",
    "osce_senior_council": "osce",
    "au_psc": "au",
    "au_assembly": "au",
    "ecowas_authority": "ecowas",
    "ecowas_mediation_security_council": "ecowas",
    "nato_nac": "nato",
    "g5_sahel_summit": "g5-sahel",
}
# An act of the OAU's organs counts for the AU body codes only after 2002; before, "other".


def validate_package(package: Package, *, today: dt.date | None = None) -> Report:
    today = today or dt.date.today()
    report = Report(subject=package.location)
    typed: dict[str, list[dict]] = {}
    for name, table in package.tables.items():
        report.rows_checked += len(table.rows)
        _check_header(table, report)
        typed[name] = _check_cells(table, report)
    for table in package.tables.values():
        _check_primary_key(table, report)
        _check_foreign_keys(package, table, report)
    _DomainRules(package, typed, report, today).run()
    return report


def _issue(
    table: Table,
    index: int | None,
    field: str | None,
    code: str,
    message: str,
    fix: str | None = None,
    severity: str = "error",
) -> Issue:
    row = table.line_of(index) if index is not None else None
    return Issue(table.schema.path, row, field, code, message, fix, severity)


def _suggest(value: str, choices) -> str | None:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


def _check_header(table: Table, report: Report) -> None:
    expected = list(table.schema.field_names)
    for name in expected:
        if name not in table.header:
            report.add(
                _issue(
                    table,
                    None,
                    name,
                    "missing_column",
                    f"Column {name!r} is missing.",
                    f"Add the column; the header must be: {','.join(expected)}",
                )
            )
    for name in table.header:
        if name not in expected:
            report.add(
                _issue(
                    table,
                    None,
                    name,
                    "unknown_column",
                    f"Column {name!r} is not part of the schema.",
                    _suggest(name, expected) or "Remove the column.",
                )
            )


def _check_cells(table: Table, report: Report) -> list[dict]:
    typed_rows = []
    for index, row in enumerate(table.rows):
        typed = {}
        for field in table.schema.fields:
            name = field["name"]
            text = row.get(name, "")
            cons = field.get("constraints", {})
            if text != text.strip():
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "whitespace",
                        f"Value {text!r} has leading or trailing spaces.",
                        f"Write {text.strip()!r}.",
                    )
                )
                text = text.strip()
            if text == "":
                if cons.get("required"):
                    report.add(
                        _issue(
                            table,
                            index,
                            name,
                            "required",
                            f"{name} is required.",
                            "Fill in the value.",
                        )
                    )
                typed[name] = None
                continue
            try:
                value = parse_value(field, text)
            except ValueError:
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "type",
                        f"{text!r} is not a valid {field['type']}.",
                        "Dates are YYYY-MM-DD." if field["type"] == "date" else None,
                    )
                )
                typed[name] = None
                continue
            typed[name] = value
            if "enum" in cons and value not in cons["enum"]:
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "enum",
                        f"{text!r} is not an allowed {name}.",
                        _suggest(text, cons["enum"]) or f"Use one of: {', '.join(cons['enum'])}.",
                    )
                )
            if "pattern" in cons and not re.fullmatch(cons["pattern"], text):
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "pattern",
                        f"{text!r} does not match the pattern {cons['pattern']}.",
                        _pattern_fix(name, text),
                    )
                )
            elif name in COUNTRY_FIELDS and not is_country_code(text):
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "country",
                        f"{text!r} is not an ISO 3166-1 alpha-3 code.",
                        "Use alpha-3 codes (MLI, ARM) and XKX for Kosovo.",
                    )
                )
            if "minimum" in cons and value < cons["minimum"]:
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "range",
                        f"{text} is below the minimum {cons['minimum']}.",
                    )
                )
            if "maximum" in cons and value > cons["maximum"]:
                report.add(
                    _issue(
                        table,
                        index,
                        name,
                        "range",
                        f"{text} is above the maximum {cons['maximum']}.",
                        "Latitude and longitude may be swapped."
                        if name in ("latitude", "longitude")
                        else None,
                    )
                )
        typed_rows.append(typed)
    return typed_rows


def _pattern_fix(name: str, text: str) -> str:
    if name in COUNTRY_FIELDS:
        return "Use an upper-case ISO 3166-1 alpha-3 code (MLI, ARM) and XKX for Kosovo."
    if name == "url":
        return "Write the full address starting with http:// or https://."
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"Ids are lower-case slugs, e.g. {slug!r}."


def _check_primary_key(table: Table, report: Report) -> None:
    seen: dict[tuple, int] = {}
    key = table.schema.primary_key
    for index, row in enumerate(table.rows):
        value = tuple(row.get(k, "").strip() for k in key)
        if value in seen:
            report.add(
                _issue(
                    table,
                    index,
                    ",".join(key),
                    "duplicate_key",
                    f"Duplicate key {'/'.join(value)!r}, first on line "
                    f"{table.line_of(seen[value])}.",
                    "Merge the two rows or give this one another id.",
                )
            )
        else:
            seen[value] = index


def _check_foreign_keys(package: Package, table: Table, report: Report) -> None:
    for fk in table.schema.foreign_keys:
        target = package.tables.get(fk.resource)
        known = {
            tuple(r.get(f, "").strip() for f in fk.reference_fields)
            for r in (target.rows if target else [])
        }
        for index, row in enumerate(table.rows):
            value = tuple(row.get(f, "").strip() for f in fk.fields)
            if all(v == "" for v in value) or value in known:
                continue
            shown = "/".join(value)
            report.add(
                _issue(
                    table,
                    index,
                    ",".join(fk.fields),
                    "foreign_key",
                    f"{shown!r} is not an id in {fk.resource}.csv.",
                    _suggest(shown, ["/".join(k) for k in known])
                    or f"Add it to {fk.resource}.csv or correct the reference.",
                )
            )


class _DomainRules:
    """Rules that need more than one cell: dates, precisions, consistency between files."""

    def __init__(
        self, package: Package, typed: dict[str, list[dict]], report: Report, today: dt.date
    ):
        self.package, self.typed, self.report, self.today = package, typed, report, today
        self.latest_end = today.replace(year=today.year + 10)

    def run(self) -> None:
        for name in self.typed:
            self._dates(name)
        self._precisions()
        self._missions_complete()
        self._within_missions("mission_functions", "function", slack_days=366)
        self._within_missions("mission_countries", "hosting", slack_days=0)
        self._acts_issued_by_their_body()
        self._transitions()
        self._undated("acts", "date", "act")
        self._undated("transitions", "date", "transition")
        self._two_distinct_parties("exchanges", "giver", "receiver")
        self._two_distinct_parties("frictions", "a", "b")
        self._sources_used()

    def add(
        self,
        resource: str,
        index: int | None,
        field: str | None,
        code: str,
        message: str,
        fix: str | None = None,
        severity: str = "error",
    ) -> None:
        self.report.add(
            _issue(self.package.tables[resource], index, field, code, message, fix, severity)
        )

    def _dates(self, name: str) -> None:
        for index, row in enumerate(self.typed[name]):
            for field, value in row.items():
                if not isinstance(value, dt.date):
                    continue
                floor = dt.date(1800, 1, 1) if name == "sources" else EARLIEST
                ceiling = self.latest_end if field == "end_date" else self.today
                if not floor <= value <= ceiling:
                    self.add(
                        name,
                        index,
                        field,
                        "implausible_date",
                        f"{value} is outside the plausible range {floor}..{ceiling}.",
                        "Check the year; future dates are allowed only as mandate ends.",
                    )
            start, end = row.get("start_date"), row.get("end_date")
            if start and end and start > end:
                self.add(
                    name,
                    index,
                    "end_date",
                    "date_order",
                    f"end_date {end} is before start_date {start}.",
                    "Swap the dates or correct one of them.",
                )

    def _precisions(self) -> None:
        for index, row in enumerate(self.typed.get("missions", [])):
            for prefix in ("start", "end"):
                value, precision = row.get(f"{prefix}_date"), row.get(f"{prefix}_precision")
                if value and not precision:
                    self.add(
                        "missions",
                        index,
                        f"{prefix}_precision",
                        "precision_missing",
                        f"{prefix}_date is set but {prefix}_precision is empty.",
                        "Write day, month or year.",
                    )
                elif precision and not value:
                    self.add(
                        "missions",
                        index,
                        f"{prefix}_precision",
                        "precision_without_date",
                        f"{prefix}_precision is set but {prefix}_date is empty.",
                        "Clear the precision or fill in the date.",
                    )
                elif value and precision in ("month", "year") and value.day != 1:
                    self.add(
                        "missions",
                        index,
                        f"{prefix}_date",
                        "precision_mismatch",
                        f"A {precision}-precision date must be the first day ({value}).",
                        f"Write {value.replace(day=1)}.",
                    )
                elif value and precision == "year" and value.month != 1:
                    self.add(
                        "missions",
                        index,
                        f"{prefix}_date",
                        "precision_mismatch",
                        f"A year-precision date must be 1 January ({value}).",
                        f"Write {value.replace(month=1, day=1)}.",
                    )

    def _missions_complete(self) -> None:
        with_country = {r["mission_id"] for r in self.package.rows("mission_countries")}
        with_act = {r["mission_id"] for r in self.package.rows("mission_acts")}
        with_function = {r["mission_id"] for r in self.package.rows("mission_functions")}
        # Maritime operations patrol international waters: no host country is expected.
        maritime = {
            r["mission_id"]
            for r in self.package.rows("mission_functions")
            if r.get("function") == "maritime_security"
        }
        for index, row in enumerate(self.package.rows("missions")):
            mid = row.get("id", "")
            if mid not in with_country:
                self.add(
                    "missions",
                    index,
                    "id",
                    "no_host_country",
                    f"Mission {mid!r} has no host country.",
                    "Add a row to mission_countries.csv.",
                    severity="warning" if mid in maritime else "error",
                )
            if mid not in with_act:
                self.add(
                    "missions",
                    index,
                    "id",
                    "no_act",
                    f"Mission {mid!r} has no authorizing act.",
                    "Add a row to mission_acts.csv (a national decision or agreement "
                    "when there was no resolution).",
                    severity="warning",
                )
            if mid not in with_function:
                self.add(
                    "missions",
                    index,
                    "id",
                    "no_function",
                    f"Mission {mid!r} has no mandated function.",
                    "Add rows to mission_functions.csv.",
                    severity="warning",
                )

    def _within_missions(self, name: str, what: str, slack_days: int) -> None:
        """Periods of a mission's parts (functions, host countries) inside its own period.

        Functions get a year of slack and only a warning when they stray (a mandate may be
        announced before the mission starts, or wound down after it formally ends); a host
        country's period narrows the mission's, so it must lie inside it."""
        periods = {
            r["id"]: (r["start_date"], r["end_date"])
            for r in self.typed.get("missions", [])
            if r.get("id")
        }
        slack = dt.timedelta(days=slack_days)
        stray = "warning" if slack_days else "error"
        for index, row in enumerate(self.typed.get(name, [])):
            start, end = periods.get(row.get("mission_id"), (None, None))
            p_start, p_end = row.get("start_date"), row.get("end_date")
            if start and p_start and p_start + slack < start:
                self.add(
                    name,
                    index,
                    "start_date",
                    "outside_mission",
                    f"The {what} starts {p_start}, before the mission ({start}).",
                    severity=stray,
                )
            if end and p_start and p_start > end:
                self.add(
                    name,
                    index,
                    "start_date",
                    "outside_mission",
                    f"The {what} starts {p_start}, after the mission ended ({end}).",
                )
            if end and p_end and p_end > end + slack:
                self.add(
                    name,
                    index,
                    "end_date",
                    "outside_mission",
                    f"The {what} ends {p_end}, after the mission ended ({end}).",
                    severity=stray,
                )

    def _acts_issued_by_their_body(self) -> None:
        for index, row in enumerate(self.typed.get("acts", [])):
            expected = ACT_BODY_ORGANIZATION.get(row.get("body"))
            if (
                row.get("body")
                and row["body"] != "international_agreement"
                and not row.get("organization_id")
            ):
                self.add(
                    "acts",
                    index,
                    "organization_id",
                    "required",
                    "organization_id is required unless the act is an international "
                    "agreement between states.",
                    f"Write {expected!r}." if expected else "Write the issuing organization.",
                )
            elif expected and row.get("organization_id") and row["organization_id"] != expected:
                self.add(
                    "acts",
                    index,
                    "organization_id",
                    "body_organization",
                    f"Body {row['body']!r} belongs to {expected!r}, not "
                    f"{row['organization_id']!r}.",
                    f"Write {expected!r}.",
                )

    def _transitions(self) -> None:
        for index, row in enumerate(self.typed.get("transitions", [])):
            if row.get("from_mission_id") and row.get("from_mission_id") == row.get(
                "to_mission_id"
            ):
                self.add(
                    "transitions",
                    index,
                    "to_mission_id",
                    "self_transition",
                    "A mission cannot hand over to itself.",
                )

    def _undated(self, resource: str, field: str, what: str) -> None:
        # an empty cell, not one whose malformed date was already reported as an error
        for index, row in enumerate(self.package.rows(resource)):
            if not row.get(field, "").strip():
                self.add(
                    resource,
                    index,
                    field,
                    "undated",
                    f"The {what} {row.get('id')!r} has no date.",
                    "Add the date when a source gives it.",
                    severity="warning",
                )

    def _two_distinct_parties(self, resource: str, a: str, b: str) -> None:
        if resource == "exchanges":
            org_a, org_b = f"{a}_organization_id", f"{b}_organization_id"
            mis_a, mis_b = f"{a}_mission_id", f"{b}_mission_id"
        else:
            org_a, org_b = f"organization_{a}_id", f"organization_{b}_id"
            mis_a, mis_b = f"mission_{a}_id", f"mission_{b}_id"
        for index, row in enumerate(self.typed.get(resource, [])):
            same_org = row.get(org_a) and row.get(org_a) == row.get(org_b)
            if same_org and (not row.get(mis_a) or row.get(mis_a) == row.get(mis_b)):
                self.add(
                    resource,
                    index,
                    org_b,
                    "same_party",
                    f"Both sides are {row[org_a]!r}; record the two missions or two "
                    "different organizations.",
                )

    def _sources_used(self) -> None:
        cited = set()
        for name, table in self.package.tables.items():
            if name != "sources" and "source_id" in table.schema.field_names:
                cited.update(r.get("source_id", "") for r in table.rows)
        for index, row in enumerate(self.package.rows("sources")):
            if row.get("id") not in cited:
                self.add(
                    "sources",
                    index,
                    "id",
                    "unused_source",
                    f"Source {row.get('id')!r} is not cited by any row.",
                    "Cite it or remove it.",
                    severity="warning",
                )
