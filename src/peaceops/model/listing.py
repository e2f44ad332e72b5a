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

    def to_frame(self):
        import pandas as pd

        frame = pd.DataFrame.from_records(self.records)
        if frame.empty and self.columns:
            frame = pd.DataFrame(columns=self.columns)
        for column in ("start_date", "end_date", "date", "published", "accessed"):
            if column in frame.columns:
                frame[column] = pd.to_datetime(frame[column], errors="coerce")
        return frame
