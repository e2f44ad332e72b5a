"""Turn what a user typed into the codes and ids the register stores, or explain the mistake.

Shared by every surface so that 'KOS', 'Kosovo' and 'XKX' mean the same everywhere.
"""

from __future__ import annotations

import difflib

from peaceops.errors import InvalidArgument
from peaceops.model import vocabulary as V
from peaceops.model.countries import resolve_country

# Filters each listing accepts; anything else is refused with the list of what is allowed.
ENTITY_FILTERS: dict[str, tuple[str, ...]] = {
    "missions": ("country", "organization", "function", "kind", "year", "q"),
    "organizations": ("kind", "country", "q"),
    "exchanges": ("country", "organization", "capability", "year"),
    "meetings": ("country", "organization", "year"),
    "absences": ("country", "organization"),
    "frictions": ("country", "organization"),
    "transitions": ("country", "organization", "year"),
    "acts": ("country", "organization", "year"),
    "sources": ("kind", "q"),
}
_KIND_VOCABULARY = {
    "missions": V.MISSION_KINDS,
    "organizations": V.ORGANIZATION_KINDS,
    "sources": V.SOURCE_KINDS,
}


def _choose(value: str, allowed, what: str) -> str:
    normalized = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normalized in allowed:
        return normalized
    close = difflib.get_close_matches(normalized, list(allowed), n=1, cutoff=0.5)
    hint = f"Did you mean {close[0]!r}?" if close else f"Use one of: {', '.join(allowed)}."
    raise InvalidArgument(f"Unknown {what} {value!r}.", hint=hint)


def resolve_filters(entity: str, filters: dict, organization_aliases: dict[str, str]) -> dict:
    allowed = ENTITY_FILTERS[entity]
    resolved = {}
    for name, value in filters.items():
        if value is None or value == "":
            continue
        if name not in allowed:
            raise InvalidArgument(
                f"{entity} cannot be filtered by {name!r}.",
                hint=f"Filters for {entity}: {', '.join(allowed)}.",
            )
        resolved[name] = _resolve_one(entity, name, value, organization_aliases)
    return resolved


def _resolve_one(entity: str, name: str, value, organization_aliases: dict[str, str]):
    text = str(value).strip()
    if name == "country":
        code = resolve_country(text)
        if code is None:
            raise InvalidArgument(
                f"Unknown country {text!r}.",
                hint="Use an ISO 3166 code (MLI, ARM, XKX) or a country name.",
            )
        return code
    if name == "organization":
        org = organization_aliases.get(text.lower())
        if org is None:
            close = difflib.get_close_matches(
                text.lower(), list(organization_aliases), n=1, cutoff=0.6
            )
            hint = (
                f"Did you mean {organization_aliases[close[0]]!r}?"
                if close
                else "See 'peaceops organizations' for the ids."
            )
            raise InvalidArgument(f"Unknown organization {text!r}.", hint=hint)
        return org
    if name == "function":
        return _choose(text, tuple(V.FUNCTIONS), "function")
    if name == "capability":
        return _choose(text, tuple(V.CAPABILITIES), "capability")
    if name == "kind":
        return _choose(text, _KIND_VOCABULARY[entity], f"{entity[:-1]} kind")
    if name == "q":
        if len(text) > 200:
            raise InvalidArgument("Search text is longer than 200 characters.")
        return text
    if name == "year":
        try:
            year = int(text)
        except ValueError:
            raise InvalidArgument(
                f"Year {text!r} is not a number.", hint="Write e.g. 2015."
            ) from None
        if not 1945 <= year <= 2100:
            raise InvalidArgument(f"Year {year} is out of range.", hint="Use 1945-2100.")
        return year
    raise InvalidArgument(f"Unknown filter {name!r}.")


def resolve_period(text: str | None) -> tuple[int, int] | None:
    """'2013-2020' → (2013, 2020); '2015' → (2015, 2015); None → None."""
    if not text:
        return None
    parts = str(text).replace("–", "-").split("-")
    try:
        first, last = int(parts[0]), int(parts[-1])
    except ValueError:
        raise InvalidArgument(
            f"Period {text!r} is not understood.", hint="Write YEAR or FIRST-LAST, e.g. 2013-2020."
        ) from None
    if len(parts) > 2 or first > last or not 1945 <= first <= 2100:
        raise InvalidArgument(
            f"Period {text!r} is not understood.", hint="Write YEAR or FIRST-LAST, e.g. 2013-2020."
        )
    return first, last


def resolve_country_argument(text: str) -> str:
    return _resolve_one("missions", "country", text, {})
