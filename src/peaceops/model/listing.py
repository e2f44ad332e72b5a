"""Typed results of registry queries: JSON-ready records plus a frame view."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Listing:
    """Records of one entity kind, in a stable order.

    ``columns`` names the fields a table view shows (all fields stay in ``records``).
    """

    entity: str
    records: list[dict]
    columns: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):
        return iter(self.records)

    def page(
        self, *, sort: str | None = None, allowed_sorts=(), limit: int = 50, offset: int = 0
    ) -> tuple[list[dict], int]:
        """One page of records, sorted by an allowed field ('-field' for descending); returns
        the page and the total. Missing values sort last either way."""
        records = self.records
        if sort:
            field_name = sort.lstrip("-")
            if field_name not in allowed_sorts:
                from peaceops.errors import InvalidArgument

                raise InvalidArgument(
                    f"Cannot sort {self.entity} by {field_name!r}.",
                    hint=f"Sort by one of: {', '.join(allowed_sorts)}.",
                )
            present = [r for r in records if r.get(field_name) is not None]
            missing = [r for r in records if r.get(field_name) is None]
            present.sort(key=lambda r: r[field_name], reverse=sort.startswith("-"))
            records = present + missing
        return records[offset : offset + limit], len(self.records)

    def facets(self, fields: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
        """Value counts per field (list-valued fields count each element), most frequent
        first: the numbers shown next to filter options."""
        from collections import Counter

        out = {}
        for name in fields:
            counts: Counter = Counter()
            for record in self.records:
                value = record.get(name)
                for item in value if isinstance(value, list) else [value]:
                    if item not in (None, ""):
                        counts[item] += 1
            out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        return out

    def to_frame(self):
        import pandas as pd

        frame = pd.DataFrame.from_records(self.records)
        if frame.empty and self.columns:
            frame = pd.DataFrame(columns=self.columns)
        for column in ("start_date", "end_date", "date", "published", "accessed"):
            if column in frame.columns:
                frame[column] = pd.to_datetime(frame[column], errors="coerce")
        return frame
