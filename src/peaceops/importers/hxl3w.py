"""HXL-tagged 3W/4W files ("who does what where") → what the register can hold.

The hashtag row is found and parsed by libhxl (HXL 1.x and the pre-1.0 beta tags); the file
itself is read by peaceops' own limited CSV/XLSX reader and handed to libhxl as rows, so the
import limits hold and libhxl never opens a path or a URL.

What maps (see docs/decisions.md):

- ``#org`` (with ``+acronym``/``+name``/``+code``) → a register organization, by id, acronym,
  name or alias; ``#sector``/``#subsector`` → a function area (crosswalks); ``#country`` →
  an ISO3 code (names and codes through pycountry; else the ISO alpha-2 prefix of an OCHA
  p-code in ``#adm1+code``/``#adm2+code``); ``#date`` → ISO dates;
- a 4W row naming a funder (``#org+funder``) and an implementing or programming organization,
  both in the register, in one country → a ``funding`` exchange (one per funder, implementer,
  country and period, however many rows repeat it);
- a row whose ``#org+acronym`` and ``#org+name`` name a register organization by one and a new
  name by the other → that new name as an organization alias;
- plain presence (an organization working in a sector somewhere) is co-presence, the bottom
  of the interaction ladder; the register derives co-presence from missions and has no table
  for agency presence, so presence rows are mapped and reported but not written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from peaceops.importers import crosswalks
from peaceops.importers.limits import Limits, UnknownFormat
from peaceops.importers.matching import OrganizationMatcher
from peaceops.importers.provenance import file_digest, file_source_row, slug
from peaceops.importers.tabular import Sheet, read_csv, read_xlsx
from peaceops.model import vocabulary as V
from peaceops.model.cells import looks_like_formula
from peaceops.model.countries import resolve_country
from peaceops.model.imports import MappingLog, ParsedImport
from peaceops.model.issues import Issue

_FUNDER = {"funder", "donor"}
_ACTOR = ("impl", "prog", "partner")
# Unambiguous forms only: 03/04/2017 may be March or April, so it is listed, not guessed.
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%Y/%m/%d")


def read_hxl(
    path: Path, matcher: OrganizationMatcher, limits: Limits, today: dt.date
) -> ParsedImport:
    import hxl

    path = Path(path)
    name = path.name
    sheet = _first_sheet(path, limits)
    lines = [line for line, _ in sheet.rows]
    try:
        source = hxl.data([values for _, values in sheet.rows])
        columns = list(source.columns)
        rows = list(source)
    except hxl.HXLException as exc:
        raise UnknownFormat(
            f"{name} has no HXL hashtag row in its first 25 rows ({exc}).",
            hint="HXL files carry a row of #tags under the headers; for peaceops tables use "
            "--as csv.",
        ) from None
    parsed = ParsedImport("hxl", name)
    parsed.locations["exchanges"] = parsed.locations["organization_aliases"] = name
    log = MappingLog()
    tagged = [c for c in columns if c.tag]
    untagged = [c.header or f"column {i + 1}" for i, c in enumerate(columns) if not c.tag]
    if untagged:
        parsed.notes.append(f"Untagged columns not read: {', '.join(untagged)}.")
    if not any(c.tag == "#org" for c in tagged):
        parsed.issues.append(
            Issue(
                name,
                None,
                "#org",
                "no_org_column",
                "No #org column: no row can name an organization.",
                "Tag the organization column #org.",
                "warning",
            )
        )
    exchanges: dict[tuple, dict] = {}
    aliases: dict[tuple[str, str], int] = {}
    presence = 0
    for row in rows:
        index = row.source_row_number
        line = lines[index] if index is not None and index < len(lines) else None
        parsed.rows_read += 1
        _formula_check(row, line, parsed, name)
        orgs = _organizations(row, columns, matcher, log, line)
        sector = _functions(row, columns, log, line)
        country = _country(row, columns, log, line)
        start, end = _dates(row, columns, log, line)
        actor = orgs.get("actor")
        if actor and actor[0]:
            presence += 1
        alias = orgs.get("alias")
        if alias:
            aliases.setdefault(alias, line)
        funder = orgs.get("funder")
        if funder and funder[0] and actor and actor[0]:
            if funder[0] == actor[0]:
                log.miss(
                    "funding", f"{funder[0]} to itself", "giver and receiver are the same", line
                )
            elif not country:
                log.miss("funding", f"{funder[0]} to {actor[0]}", "no country (theater)", line)
            else:
                key = (funder[0], actor[0], country, start, end)
                entry = exchanges.setdefault(
                    key, {"lines": [], "sectors": set(), "names": (funder[1], actor[1])}
                )
                entry["lines"].append(line)
                entry["sectors"].update(sector)
    parsed.notes.append(
        f"{presence} row(s) state the presence of a register organization (3W 'who does what "
        "where'); presence is not a record of the register and was not written."
    )
    if exchanges or aliases:  # every written row cites the file itself
        row = file_source_row(
            path,
            "hxl",
            f"HXL-tagged 3W/4W table, {parsed.rows_read} rows",
            "",
            today,
            file_digest(path),
        )
        parsed.file_source = row
        parsed.add("sources", None, row)
        parsed.locations["sources"] = name
        for (giver, receiver, country, start, end), entry in sorted(
            exchanges.items(), key=lambda kv: kv[1]["lines"][0] or 0
        ):
            _add_exchange(parsed, row["id"], giver, receiver, country, start, end, entry)
        for (organization, alias), line in sorted(aliases.items(), key=lambda kv: kv[1] or 0):
            parsed.add(
                "organization_aliases",
                line,
                {"organization_id": organization, "alias": alias, "source_id": row["id"]},
            )
    parsed.unmapped = log.unmapped()
    parsed.mapped = dict(log.mapped)
    return parsed


def _first_sheet(path: Path, limits: Limits) -> Sheet:
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic.startswith(b"PK"):
        sheets = read_xlsx(path, limits)
        if not sheets:
            raise UnknownFormat(f"{path.name} has no worksheet.")
        return sheets[0]
    return read_csv(path, limits)


def _formula_check(row, line, parsed: ParsedImport, name: str) -> None:
    for column, value in zip(row.columns, row.values, strict=False):
        if isinstance(value, str) and looks_like_formula(value.strip()):
            parsed.issues.append(
                Issue(
                    name,
                    line,
                    column.display_tag or column.header,
                    "formula_cell",
                    f"{value[:40]!r} looks like a spreadsheet formula.",
                    "Remove the leading =, +, - or @.",
                )
            )


def _values(row, columns, tag: str) -> list[tuple[set[str], str]]:
    out = []
    for column, value in zip(columns, row.values, strict=False):
        if column.tag == tag and value is not None and str(value).strip():
            out.append((set(column.attributes), " ".join(str(value).split())))
    return out


def _organizations(row, columns, matcher: OrganizationMatcher, log: MappingLog, line) -> dict:
    """Roles → (organization id or None, shown name); plus an alias candidate."""
    by_role: dict[str, dict[str, str]] = defaultdict(dict)
    for attributes, value in _values(row, columns, "#org"):
        if "type" in attributes:
            continue  # "#org+type" is the kind of organization, not a name
        role = next((r for r in _ACTOR if r in attributes), None)
        role = "funder" if attributes & _FUNDER else role or "actor"
        if role in _ACTOR:
            role = "actor"
        part = "acronym" if "acronym" in attributes else "name"
        by_role[role].setdefault(part, value)
    out: dict = {}
    for role, parts in by_role.items():
        acronym, full = parts.get("acronym"), parts.get("name")
        match = matcher.match(full or acronym)
        shown = " / ".join(p for p in (acronym, full) if p)
        if match.organization_id:
            log.hit("organization", shown, match.organization_id)
            out[role] = (match.organization_id, full or acronym)
            if role == "actor" and full and acronym and not matcher.match(acronym).organization_id:
                # the full name identifies the organization; its acronym is new to us
                if len(acronym) <= 200:
                    out["alias"] = (match.organization_id, acronym)
        else:
            log.miss(
                "organization",
                shown,
                "not an organization of the register",
                line,
                match.suggestion,
            )
            out[role] = (None, shown)
    return out


def _functions(row, columns, log: MappingLog, line) -> set[str]:
    """Function areas of a row's sector columns. The columns of one row describe one sector
    (code, English and French name...): when one of them maps, the others are recorded as
    naming the same function; when none does, each is listed."""
    values = _values(row, columns, "#sector") + _values(row, columns, "#subsector")
    parts = [p.strip() for _, v in values for p in re.split(r"[|;]", v) if p.strip()]
    found = {f for f in (crosswalks.hxl_sector_function(p, V.FUNCTIONS) for p in parts) if f}
    for part in parts:
        function = crosswalks.hxl_sector_function(part, V.FUNCTIONS)
        if function or len(found) == 1:
            log.hit("sector", part, function or next(iter(found)))
        else:
            log.miss(
                "sector", part, "no function area of the register (humanitarian cluster?)", line
            )
    return found


def _country(row, columns, log: MappingLog, line) -> str | None:
    for _, value in _values(row, columns, "#country"):
        code = resolve_country(value) or resolve_country(_plain(value))
        if code:
            log.hit("country", value, code)
            return code
        log.miss("country", value, "not a country name or ISO code", line)
        return None
    for tag in ("#adm1", "#adm2", "#adm3"):
        for attributes, value in _values(row, columns, tag):
            if "code" in attributes and re.match(r"^[A-Za-z]{2}\d", value):
                code = resolve_country(value[:2])
                if code:
                    log.hit("country", f"p-code {value[:2]}", code)
                    return code
    log.miss("country", "(no #country)", "no #country column nor p-code", line)
    return None


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _dates(row, columns, log: MappingLog, line) -> tuple[str, str]:
    start = end = ""
    for tag in ("#date", "#period_date"):
        for attributes, value in _values(row, columns, tag):
            parsed = _parse_date(value)
            if parsed is None:
                log.miss("date", value, "not a full date (day, month and year)", line)
                continue
            if "end" in attributes:
                end = parsed
            elif "start" in attributes:
                start = parsed
    return start, end


def _parse_date(text: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _add_exchange(parsed, source_id, giver, receiver, country, start, end, entry) -> None:
    names = entry["names"]
    sectors = sorted(entry["sectors"])
    lines = [str(n) for n in entry["lines"] if n is not None]
    key = "|".join([giver, receiver, country, start, end])
    digest = hashlib.sha1(key.encode()).hexdigest()[:10]
    description = (
        f"HXL 4W: {names[0]} funds {names[1]} in {country}"
        f"{' (functions: ' + ', '.join(sectors) + ')' if sectors else ''}; "
        f"{len(entry['lines'])} row(s) of {parsed.display_name}, line(s) "
        f"{', '.join(lines[:10])}{'...' if len(lines) > 10 else ''}."
    )
    parsed.add(
        "exchanges",
        entry["lines"][0],
        {
            "id": f"hxl-{slug(giver, 30)}-{slug(receiver, 30)}-{country.lower()}-{digest}",
            "theater": country,
            "giver_organization_id": giver,
            "giver_mission_id": "",
            "receiver_organization_id": receiver,
            "receiver_mission_id": "",
            "capability": "funding",
            "regularity": "",
            "formality": "",
            "level": "",
            "start_date": start,
            "end_date": end,
            "description": description,
            "source_id": source_id,
            "confidence": "medium",
        },
    )
