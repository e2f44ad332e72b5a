"""Match organization names from other people's files to the register's organizations.

A name matches when, normalized (case, accents, punctuation and spacing ignored), it equals an
organization's id, acronym, name or one of its aliases. Names that match nothing get a "did you
mean" from the closest known names; they are never matched by similarity alone.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Match:
    organization_id: str | None
    suggestion: str | None = None


class OrganizationMatcher:
    def __init__(self, organizations: list[dict], aliases: list[dict]):
        names: dict[str, set[str]] = {}
        self.labels: dict[str, str] = {}
        for org in organizations:
            self.labels[org["id"]] = f"{org['id']} ({org.get('name', '')})"
            for value in (org["id"], org.get("acronym", ""), org.get("name", "")):
                if value:
                    names.setdefault(normalize(value), set()).add(org["id"])
        for alias in aliases:
            if alias.get("alias"):
                names.setdefault(normalize(alias["alias"]), set()).add(alias["organization_id"])
        # A name shared by two organizations identifies neither.
        self._names = {k: next(iter(v)) for k, v in names.items() if k and len(v) == 1}
        self.ids = frozenset(self.labels)
        self._memo: dict[str, Match] = {}

    def match(self, text: str | None) -> Match:
        """The organization ``text`` names (the text, its halves around '*', or the name and
        the acronym of 'Name (ACRONYM)'); callers pass a full name in preference to an
        acronym, because acronyms are ambiguous across sectors (UA, LSO...)."""
        text = (text or "").strip()
        if text not in self._memo:
            self._memo[text] = self._match(text)
        return self._memo[text]

    def _match(self, text: str) -> Match:
        candidates = _candidates(text)
        for candidate in candidates:
            found = self._names.get(normalize(candidate))
            if found:
                return Match(found)
        return Match(None, self.suggest(candidates))

    def suggest(self, texts: list[str]) -> str | None:
        keys = list(self._names)
        best: tuple[float, str] | None = None
        for text in texts:
            wanted = normalize(text)
            if len(wanted) < 3:
                continue
            for close in difflib.get_close_matches(wanted, keys, n=1, cutoff=0.75):
                ratio = difflib.SequenceMatcher(None, wanted, close).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, self._names[close])
        return f"did you mean {self.labels[best[1]]}?" if best else None


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&.\-]{0,11}[A-Z0-9]")


def _candidates(text: str) -> list[str]:
    """'World Food Programme (WFP)' → itself, 'World Food Programme', 'WFP';
    'Name in English*Nom en français' → both halves."""
    text = text.strip()
    if not text:
        return []
    out = [text]
    for part in text.split("*"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
        inner = re.fullmatch(r"(.*?)\s*\(([^()]+)\)\s*", part)
        if inner:
            name, acronym = inner.group(1).strip(), inner.group(2).strip()
            if name:
                out.append(name)
            # only an acronym in brackets names the organization ("Aga Khan Foundation
            # (United Kingdom)" is not the United Kingdom)
            if _ACRONYM.fullmatch(acronym):
                out.append(acronym)
    return out
