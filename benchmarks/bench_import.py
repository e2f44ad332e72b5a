"""Import benchmark: rows per second of ``peaceops import`` for a CSV template and for IATI
activity XML, and of a contributor's upload of the same CSV, each as a ratio to a bare parse of
the same file measured in the same run (the csv module for CSV, lxml for XML). Not part of the
test suite; absolute times depend on the machine, the ratios much less.

    .venv/bin/python benchmarks/bench_import.py [--rows 5000]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "id,theater,giver_organization_id,giver_mission_id,receiver_organization_id,"
    "receiver_mission_id,capability,regularity,formality,level,start_date,end_date,"
    "description,source_id,confidence"
)


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER + "\n")
        for i in range(rows):
            handle.write(
                f"bench-{i:06d},MLI,eu,,un,,funding,ad_hoc,formal,operational,2015-01-01,"
                f"2015-12-31,Benchmark exchange number {i}.,s-res-2100-2013,medium\n"
            )


def write_iati(path: Path, activities: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
        for i in range(activities):
            handle.write(
                f"""<iati-activity default-currency="EUR">
 <iati-identifier>XI-IATI-EC_FPI-BENCH-{i}</iati-identifier>
 <reporting-org ref="XI-IATI-EC_FPI" type="15"><narrative>EC FPI</narrative></reporting-org>
 <title><narrative>Benchmark activity {i}</narrative></title>
 <participating-org ref="XI-IATI-EC_FPI" role="1"><narrative>EC FPI</narrative></participating-org>
 <recipient-country code="ML"/>
 <sector code="15220" vocabulary="1"/>
 <transaction><transaction-type code="3"/><transaction-date iso-date="2015-03-01"/>
  <value>{1000 + i}</value><provider-org ref="XI-IATI-EC_FPI"/>
  <receiver-org><narrative>United Nations</narrative></receiver-org></transaction>
</iati-activity>
"""
            )
        handle.write("</iati-activities>\n")


def bare_csv(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def bare_xml(path: Path) -> int:
    from lxml import etree

    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    return len(tree.getroot().findall("iati-activity"))


def best_of(repeats: int, run) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="peaceops-bench-import-"))
    os.environ.setdefault("PEACEOPS_DATABASE_URL", f"sqlite:///{work / 'default.sqlite3'}")
    import peaceops

    base = peaceops.open(f"sqlite:///{work / 'base.sqlite3'}")  # the curated register
    csv_path, xml_path = work / "exchanges.csv", work / "activities.xml"
    write_csv(csv_path, args.rows)
    write_iati(xml_path, args.rows)
    results = []
    from peaceops.model.access import Viewer

    contributor = Viewer("bench", "eu", "contributor", verified=True)

    def curated(registry, path, dry_run=False):
        return registry.import_file(path, dry_run=dry_run)

    def uploaded(registry, path, dry_run=False):  # a contributor's upload: owned records
        return registry.for_viewer(contributor).upload(path, path.name, dry_run=dry_run)

    cases = (
        ("csv", csv_path, bare_csv, curated),
        ("iati", xml_path, bare_xml, curated),
        ("csv-upload", csv_path, bare_csv, uploaded),
    )
    for label, path, bare, run in cases:
        rows = bare(path)
        bare_time = best_of(args.repeats, lambda p=path, b=bare: b(p))
        dry_time = best_of(args.repeats, lambda p=path, r=run: r(base, p, dry_run=True))
        commit_times = []
        for n in range(args.repeats):
            target = peaceops.open(f"sqlite:///{work / f'{label}-{n}.sqlite3'}")  # curated
            started = time.perf_counter()
            report = run(target, path)
            commit_times.append(time.perf_counter() - started)
            assert report.committed and report.changes >= rows, report.to_dict()["errors"]
        commit_time = min(commit_times)
        results.append(
            {
                "format": label,
                "rows": rows,
                "bare_rows_per_s": rows / bare_time,
                "dry_run_rows_per_s": rows / dry_time,
                "import_rows_per_s": rows / commit_time,
                "ratio_dry_run": (rows / dry_time) / (rows / bare_time),
                "ratio_import": (rows / commit_time) / (rows / bare_time),
                "spread_s": statistics.pstdev(commit_times),
            }
        )
    print(
        f"{'format':10} {'rows':>6} {'bare/s':>10} {'dry-run/s':>10} {'import/s':>10} "
        f"{'dry/bare':>9} {'import/bare':>11}"
    )
    for r in results:
        print(
            f"{r['format']:10} {r['rows']:6d} {r['bare_rows_per_s']:10.0f} "
            f"{r['dry_run_rows_per_s']:10.0f} {r['import_rows_per_s']:10.0f} "
            f"{r['ratio_dry_run']:9.4f} {r['ratio_import']:11.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
