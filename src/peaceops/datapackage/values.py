"""Typed values for data-package cells: one parser and one formatter per Table Schema type.

Formatting is canonical (dates ISO, numbers in Python's shortest round-trip form without a
trailing ``.0``), which is what makes the CSV round trip exact.
"""

from __future__ import annotations

import datetime as dt


def parse_value(field: dict, text: str):
    """Text cell → Python value (``None`` for an empty cell). Raises ValueError."""
    if text == "":
        return None
    kind = field.get("type", "string")
    if kind == "date":
        if len(text) != 10:
            raise ValueError("expected a date as YYYY-MM-DD")
        return dt.date.fromisoformat(text)
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    return text


def format_value(field: dict, value) -> str:
    if value is None:
        return ""
    kind = field.get("type", "string")
    if kind == "date":
        return value.isoformat()
    if kind == "number":
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    return str(value)
