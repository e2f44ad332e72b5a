"""IATI activity XML (2.0x) → funding exchanges between register organizations.

What maps (see docs/decisions.md):

- each transaction of a funding type (crosswalks.IATI_FUNDING_TRANSACTIONS) whose provider-org
  and receiver-org are both register organizations becomes one ``funding`` exchange, giver =
  provider, receiver = receiver, dated by the transaction date;
- its theater is the transaction's recipient country, else the activity's single recipient
  country (several countries or a region: no single theater, not imported);
- DAC sectors map to function areas (crosswalks.DAC_SECTOR_FUNCTIONS); the register has no
  function column on exchanges, so they are named in the exchange description and listed;
- participating organizations are matched and listed (the register has no "participates in an
  aid activity" relation; nothing is written for them).

Every value that does not map is listed with its reason. The XML is parsed by defusedxml with
DTDs forbidden (no entity expansion, no external references), streamed activity by activity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from peaceops.importers import crosswalks
from peaceops.importers.limits import (
    Limits,
    TooManyRows,
    UnknownFormat,
    UnreadableFile,
    UnsafeXml,
    check_file_size,
)
from peaceops.importers.matching import OrganizationMatcher
from peaceops.importers.provenance import file_digest, file_source_row, slug
from peaceops.model.countries import resolve_country
from peaceops.model.imports import MappingLog, ParsedImport
from peaceops.model.issues import Issue

SUPPORTED_VERSIONS = ("2.01", "2.02", "2.03")


def read_iati(
    path: Path, matcher: OrganizationMatcher, limits: Limits, today: dt.date
) -> ParsedImport:
    path = Path(path)
    name = path.name
    check_file_size(path.stat().st_size, name, limits)
    parsed = ParsedImport("iati", name)
    log = MappingLog()
    digest = file_digest(path)
    source_id_placeholder = "__file_source__"
    reporters: dict[str, str] = {}
    version = ""
    elements = 0
    activities = 0
    skipped_types: dict[str, int] = {}
    try:
        events = SafeET.iterparse(str(path), events=("start", "end"), forbid_dtd=True)
        root = None
        for event, element in events:
            elements += 1
            if elements > limits.max_xml_elements:
                raise TooManyRows(f"{name} has more than {limits.max_xml_elements:,} elements.")
            if root is None:
                root = element
                if _local(root.tag) != "iati-activities":
                    raise UnknownFormat(
                        f"{name} is XML but not IATI activity XML (root <{_local(root.tag)}>).",
                        hint="Only <iati-activities> files are imported.",
                    )
                version = (root.get("version") or "").strip()
                if version and not version.startswith("2."):
                    raise UnknownFormat(
                        f"{name} is IATI {version}; only IATI 2.0x activity files are read.",
                        hint="Convert the file to IATI 2.03 first.",
                    )
                continue
            if event != "end" or _local(element.tag) != "iati-activity":
                continue
            activities += 1
            if activities > limits.max_rows:
                raise TooManyRows(f"{name} has more than {limits.max_rows:,} activities.")
            _activity(
                element, parsed, log, matcher, reporters, skipped_types, source_id_placeholder
            )
            element.clear()
            root.clear()  # keep memory flat: activities are independent
    except DefusedXmlException as exc:
        raise UnsafeXml(
            f"{name} was refused: {type(exc).__name__} ({exc}).",
            hint="IATI files need no DTD or entities; remove the <!DOCTYPE> declaration.",
        ) from None
    except ParseError as exc:
        raise UnreadableFile(f"{name} is not well-formed XML: {exc}.") from None
    parsed.rows_read = activities
    if version and version not in SUPPORTED_VERSIONS:
        parsed.issues.append(
            Issue(
                name,
                None,
                "version",
                "iati_version",
                f"IATI version {version} is newer than the versions tested (2.01-2.03).",
                severity="warning",
            )
        )
    for code, count in sorted(skipped_types.items()):
        parsed.notes.append(
            f"{count} transaction(s) of type {code} are not funding flows and were not imported."
        )
    parsed.unmapped = log.unmapped()
    parsed.mapped = dict(log.mapped)
    if parsed.tables.get("exchanges"):
        publisher = "; ".join(sorted(set(reporters.values())))
        row = file_source_row(
            path,
            "iati",
            f"IATI activity XML {version or '2.0x'}, {activities} activities reported by "
            + ", ".join(sorted(reporters)[:5]),
            publisher,
            today,
            digest,
        )
        parsed.file_source = row
        for item in parsed.tables["exchanges"]:
            item.values["source_id"] = row["id"]
        parsed.add("sources", None, row)
        parsed.locations["sources"] = name
    parsed.locations.setdefault("exchanges", name)
    return parsed


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _narrative(element) -> str:
    if element is None:
        return ""
    for narrative in element.findall("narrative"):
        if (narrative.text or "").strip():
            return " ".join(narrative.text.split())
    return " ".join((element.text or "").split())


def _org(element) -> tuple[str, str, str]:
    """(ref, type, name) of an organization element."""
    if element is None:
        return "", "", ""
    return (
        (element.get("ref") or "").strip(),
        (element.get("type") or "").strip(),
        _narrative(element),
    )


class _Orgs:
    """Resolves organizations of one activity (types are taken from any mention of a ref)."""

    def __init__(self, activity, matcher: OrganizationMatcher, log: MappingLog, line: int):
        self.matcher, self.log, self.line = matcher, log, line
        self.types: dict[str, str] = {}
        for tag in ("reporting-org", "participating-org", "transaction/provider-org"):
            for element in activity.findall(tag):
                ref, kind, _ = _org(element)
                if ref and kind:
                    self.types.setdefault(ref, kind)

    def resolve(self, ref: str, kind: str, name: str) -> str | None:
        label = name or ref
        if not (ref or name):
            return None
        for prefix, org in crosswalks.IATI_ORGANISATION_PREFIXES.items():
            if ref.startswith(prefix) and org in self.matcher.ids:
                self.log.hit("organization", label, org)
                return org
        kind = kind or self.types.get(ref, "")
        if kind == crosswalks.IATI_GOVERNMENT_TYPE and len(ref) > 3 and ref[2] == "-":
            country = resolve_country(ref[:2])
            if country and country.lower() in self.matcher.ids:
                self.log.hit("organization", label, country.lower())
                return country.lower()
        match = self.matcher.match(name or ref)
        if match.organization_id:
            self.log.hit("organization", label, match.organization_id)
            return match.organization_id
        shown = f"{name} [{ref}]" if name and ref else label
        self.log.miss(
            "organization",
            shown,
            "not an organization of the register",
            self.line,
            match.suggestion,
        )
        return None


def _activity(activity, parsed, log, matcher, reporters, skipped_types, source_id) -> None:
    identifier = " ".join((activity.findtext("iati-identifier") or "").split())
    where = identifier or "(activity without iati-identifier)"
    line = where  # expat gives no line numbers per element: locate by activity id
    reporting = activity.find("reporting-org")
    ref, _, reporter_name = _org(reporting)
    if ref:
        reporters[ref] = reporter_name or ref
    title = _narrative(activity.find("title"))
    currency = activity.get("default-currency") or ""
    orgs = _Orgs(activity, matcher, log, line)
    for participant in activity.findall("participating-org"):
        orgs.resolve(*_org(participant))
    countries = _countries(activity, log, where)
    for region in activity.findall("recipient-region"):
        log.miss(
            "country",
            f"region {region.get('code', '')} {_narrative(region)}".strip(),
            "a recipient region is not a country",
            where,
        )
    functions = _sectors(activity.findall("sector"), log, where)
    for transaction in activity.findall("transaction"):
        _transaction(
            transaction,
            parsed,
            log,
            orgs,
            identifier,
            title,
            currency,
            countries,
            functions,
            skipped_types,
            source_id,
        )


def _countries(element, log: MappingLog, where: str) -> list[str]:
    codes = []
    for country in element.findall("recipient-country"):
        code = (country.get("code") or "").strip()
        resolved = resolve_country(code) if code else None
        if resolved:
            log.hit("country", code, resolved)
            codes.append(resolved)
        else:
            log.miss("country", code or "(empty)", "not an ISO 3166 country code", where)
    return sorted(set(codes))


def _sectors(sectors, log: MappingLog, where: str) -> list[tuple[str, str]]:
    """(code, function) for each DAC sector that maps; the rest is logged."""
    mapped = []
    for sector in sectors:
        code = (sector.get("code") or "").strip()
        vocabulary = (sector.get("vocabulary") or "1").strip()
        if vocabulary != "1":
            log.miss("sector", f"{code} (vocabulary {vocabulary})", "not a DAC 5-digit code", where)
            continue
        function = crosswalks.DAC_SECTOR_FUNCTIONS.get(code)
        if function:
            log.hit("sector", code, function)
            mapped.append((code, function))
        else:
            reason = crosswalks.DAC_SECTOR_UNMAPPED_REASONS.get(
                code, "no function area of the register"
            )
            log.miss("sector", code, reason, where)
    return mapped


def _transaction(
    transaction,
    parsed,
    log,
    orgs: _Orgs,
    identifier,
    title,
    currency,
    countries,
    functions,
    skipped_types,
    source_id,
) -> None:
    kind_element = transaction.find("transaction-type")
    kind = (kind_element.get("code") if kind_element is not None else "") or ""
    label = crosswalks.IATI_FUNDING_TRANSACTIONS.get(kind)
    provider = _org(transaction.find("provider-org"))
    receiver = _org(transaction.find("receiver-org"))
    giver = orgs.resolve(*provider)  # resolved (and listed when unknown) whatever the type
    taker = orgs.resolve(*receiver)
    where = identifier
    if label is None:
        skipped_types[kind or "(none)"] = skipped_types.get(kind or "(none)", 0) + 1
        return
    if not (provider[0] or provider[2]):
        log.miss("transaction", "no provider-org", "a funding exchange needs a giver", where)
        return
    if not (receiver[0] or receiver[2]):
        log.miss("transaction", "no receiver-org", "a funding exchange needs a receiver", where)
        return
    if not giver or not taker:
        return
    if giver == taker:
        log.miss(
            "transaction",
            f"{giver} to {giver}",
            "provider and receiver are the same register organization",
            where,
        )
        return
    theater_codes = _countries(transaction, log, where) or countries
    if len(theater_codes) != 1:
        log.miss(
            "transaction",
            f"{identifier}: {len(theater_codes)} recipient countries",
            "an exchange needs exactly one theater (country)",
            where,
        )
        return
    date_text = ""
    date_element = transaction.find("transaction-date")
    if date_element is not None:
        date_text = (date_element.get("iso-date") or "").strip()[:10]
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        log.miss("date", date_text, "not an ISO date", where)
        date = None
    if date and date > dt.date.today():
        log.miss("date", date_text, "a future transaction date is not recorded", where)
        date = None
    value_element = transaction.find("value")
    amount = " ".join((value_element.text or "").split()) if value_element is not None else ""
    stated = value_element.get("currency") if value_element is not None else ""
    money = f"{amount} {stated or currency}".strip()
    sector_note = (
        "; DAC sectors " + ", ".join(f"{c} -> {f}" for c, f in functions) if functions else ""
    )
    description = (
        f"IATI {label} of {money or 'an unstated amount'}"
        f"{' on ' + date.isoformat() if date else ''} from {provider[2] or provider[0]} to "
        f"{receiver[2] or receiver[0]}, activity {identifier}"
        f"{' (' + title[:200] + ')' if title else ''}{sector_note}."
    )
    key = "|".join(
        [identifier, kind, date_text, amount, provider[0], provider[2], receiver[0], receiver[2]]
        + [transaction.get("ref") or ""]
    )
    exchange_id = f"iati-{slug(identifier, 80)}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
    parsed.add(
        "exchanges",
        None,
        {
            "id": exchange_id,
            "theater": theater_codes[0],
            "giver_organization_id": giver,
            "giver_mission_id": "",
            "receiver_organization_id": taker,
            "receiver_mission_id": "",
            "capability": "funding",
            "regularity": "",
            "formality": "",
            "level": "",
            "start_date": date.isoformat() if date else "",
            "end_date": date.isoformat() if date else "",
            "description": description,
            "source_id": source_id,
            "confidence": "high",
        },
        ref=identifier,
    )
