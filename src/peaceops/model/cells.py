"""Formula-looking cells (CSV/spreadsheet injection).

A spreadsheet treats a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula. On export such text cells are neutralized with a leading
apostrophe, the convention spreadsheets themselves use for "text, not a formula"; numbers
(``-8.5``) are left alone. On import the apostrophe of a neutralized cell is removed again, so
an export re-imports unchanged, and any other formula-looking cell is refused.
"""

from __future__ import annotations

import re

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def looks_like_formula(text: str) -> bool:
    return bool(text) and text.startswith(_TRIGGERS) and not _NUMBER.fullmatch(text)


def _guarded(text: str) -> bool:
    """A formula-looking text, possibly behind apostrophes already."""
    return looks_like_formula(text.lstrip("'"))


def neutralize(text: str) -> str:
    """Text safe to open in a spreadsheet: a formula-looking cell gets a leading apostrophe."""
    return "'" + text if _guarded(text) else text


def unneutralize(text: str) -> str:
    """Undo ``neutralize``: one apostrophe less before a formula-looking text."""
    return text[1:] if text.startswith("'") and _guarded(text) else text
