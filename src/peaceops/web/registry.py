"""The process-wide register the web adapter serves (opened once, on first use)."""

from __future__ import annotations

from functools import lru_cache

from peaceops.facade import Registry


@lru_cache(maxsize=1)
def registry() -> Registry:
    import peaceops

    return peaceops.open()
