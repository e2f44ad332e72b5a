"""Country codes: ISO 3166-1 alpha-3 through pycountry, plus the user-assigned XKX for Kosovo
(used by the EU, the IMF and the World Bank; ISO has not assigned Kosovo a code)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

KOSOVO = "XKX"
# Codes other datasets use for Kosovo; accepted as input, never stored.
_KOSOVO_ALIASES = {"XKX", "KOS", "KSV", "XK", "RKS", "KOSOVO"}


@lru_cache(maxsize=1)
def _known_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | {KOSOVO}


def is_country_code(code: str) -> bool:
    return code in _known_codes()


def country_name(code: str) -> str:
    if code == KOSOVO:
        return "Kosovo"
    country = pycountry.countries.get(alpha_3=code)
    return getattr(country, "common_name", None) or country.name if country else code


def resolve_country(text: str) -> str | None:
    """Turn user input ('MLI', 'ml', 'Mali', 'KOS', 'Kosovo') into an alpha-3 code, or None."""
    value = text.strip()
    if value.upper() in _KOSOVO_ALIASES:
        return KOSOVO
    if value.upper() in _known_codes():
        return value.upper()
    try:
        return pycountry.countries.lookup(value).alpha_3
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _converter():
    import country_converter

    return country_converter.CountryConverter()


@lru_cache(maxsize=1024)
def _classify(code: str, scheme: str) -> str:
    if not is_country_code(code):
        return "Unknown"
    value = _converter().convert(code, src="ISO3", to=scheme, not_found=None)
    return value if isinstance(value, str) and value else "Unknown"


def region(code: str) -> str:
    """UN M49 sub-region ('Western Africa', 'Southern Europe'…) via country_converter."""
    return _classify(code, "UNregion")


def continent(code: str) -> str:
    """Continent ('Africa', 'Europe', 'America'…) via country_converter."""
    return _classify(code, "continent")
