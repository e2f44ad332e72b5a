"""Derive dated uniformed-personnel figures for UN missions from the IPI Peacekeeping Database.

For each IPI mission that the register identifies (by acronym, or by an ``identity`` row in
crosscheck_exceptions.csv, exactly as ``peaceops crosscheck`` matches), take the month of its
highest *sustained* uniformed strength — the month whose total, and its neighbours' totals, are
highest (the largest 3-month rolling minimum), so a one-month reporting spike is never chosen —
and emit that month's troops, police and military observers as ``deployed`` rows of
mission_personnel.csv, citing the IPI source. Only months from 2000 on and inside the register's
own dates for the mission are used: in the early 1990s reports IPI files observer missions'
observers under troops (UNTSO, UNMOGIP), and a few 1995 months carry police figures no other
source supports (UNOMIG). Rows whose key already exists in the register are left alone (curated
figures win). Prints the rows as CSV;
review them, then merge by hand or with --write.

    .venv/bin/python dev/curation/ipi_personnel.py ../shared/data/ipi_peacekeeping/data_mission.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from peaceops.analytics.crosscheck import normalize_acronym

DATA = Path(__file__).resolve().parents[2] / "src" / "peaceops" / "data"
SOURCE = "ipi-peacekeeping-database-2017"
FIRST_MONTH = "2000-01"
CATEGORIES = (("Troops", "troops"), ("Police", "police"), ("Observers", "military_observers"))


def register_ids() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]]]:
    """Register mission id by normalized acronym and by IPI key (the cross-check's identity
    rows); mission id → (first month, last month)."""
    by_acronym, periods = {}, {}
    with (DATA / "missions.csv").open(encoding="utf-8") as handle:
        for row in sorted(csv.DictReader(handle), key=lambda r: r["lead_organization_id"] != "un"):
            by_acronym.setdefault(normalize_acronym(row["acronym"]), row["id"])
            periods[row["id"]] = (row["start_date"][:7], (row["end_date"] or "9999-12")[:7])
    identities = {}
    with (DATA / "crosscheck_exceptions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["dataset"] == "ipi-missions" and row["field"] == "identity":
                identities[row["reference_key"]] = row["mission_id"]
    return by_acronym, identities, periods


def count(value: str) -> int:
    return 0 if value in ("", "NA") else int(float(value))


def derive(ipi_csv: Path) -> tuple[list[dict], list[str]]:
    ids, identities, periods = register_ids()
    months = defaultdict(list)
    with ipi_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            months[row["Mission"].strip()].append(row)
    rows, skipped = [], []
    for key, observed in sorted(months.items()):
        mission = identities.get(key) or ids.get(normalize_acronym(key))
        if not mission:
            skipped.append(key)
            continue
        start, end = periods[mission]
        usable = sorted(
            (r for r in observed if r["Date"] >= FIRST_MONTH and start <= r["Date"][:7] <= end),
            key=lambda r: r["Date"],
        )
        if len(usable) < 3:
            skipped.append(f"{key} (fewer than 3 usable months)")
            continue
        totals = [count(r["Total"]) for r in usable]
        sustained = [min(totals[max(0, i - 1) : i + 2]) for i in range(len(usable))]
        peak = usable[max(range(len(usable)), key=lambda i: (sustained[i], totals[i]))]
        for column, category in CATEGORIES:
            if count(peak[column]):
                rows.append(
                    {
                        "mission_id": mission,
                        "date": peak["Date"],
                        "category": category,
                        "measure": "deployed",
                        "count": str(count(peak[column])),
                        "source_id": SOURCE,
                    }
                )
    return rows, skipped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ipi_csv", type=Path)
    parser.add_argument("--write", action="store_true", help="merge into mission_personnel.csv")
    args = parser.parse_args()
    rows, skipped = derive(args.ipi_csv)
    target = DATA / "mission_personnel.csv"
    with target.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, existing = reader.fieldnames, list(reader)
    keys = {(r["mission_id"], r["date"], r["category"], r["measure"]) for r in existing}
    new = [r for r in rows if (r["mission_id"], r["date"], r["category"], r["measure"]) not in keys]
    print(
        f"{len(new)} new rows; IPI keys not identified: {', '.join(skipped) or 'none'}",
        file=sys.stderr,
    )
    if args.write:
        merged = sorted(
            existing + new, key=lambda r: (r["mission_id"], r["date"], r["category"], r["measure"])
        )
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(merged)
    else:
        writer = csv.DictWriter(sys.stdout, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
