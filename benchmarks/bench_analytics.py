"""Benchmark: every analysis for every country, on the shipped data and on synthetic
enlargements (10x, 100x), reported as ratios to the 1x run measured in the same process.

    .venv/bin/python benchmarks/bench_analytics.py [--repeat 3]

The enlargement copies the register k times onto synthetic theaters (a copy's countries get a
suffix), so missions, countries, meetings and exchanges all grow k-fold while each theater keeps
its real shape. Absolute times depend on the machine; the ratios are the result.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import peaceops  # noqa: E402
from peaceops.analytics.coverage import coverage  # noqa: E402
from peaceops.analytics.reach import reach  # noqa: E402
from peaceops.analytics.selection import select_missions  # noqa: E402
from peaceops.analytics.specialization import specialization  # noqa: E402
from peaceops.analytics.theater import complementarity, interactions, synergy  # noqa: E402
from peaceops.model import vocabulary as V  # noqa: E402
from peaceops.model.snapshot import Snapshot  # noqa: E402


def enlarge(snapshot: Snapshot, factor: int) -> Snapshot:
    if factor == 1:
        return snapshot
    out = Snapshot(
        today=snapshot.today, sources=snapshot.sources, organizations=snapshot.organizations
    )
    for i in range(factor):

        def country(code: str, i: int = i) -> str:
            return code if i == 0 else f"{code}{i}"

        def rid(value: str | None, i: int = i) -> str | None:
            return value if i == 0 or value is None else f"{value}-c{i}"

        for m in snapshot.missions:
            m2 = copy.deepcopy(m)
            m2["id"] = rid(m["id"])
            m2["host_countries"] = [country(c) for c in m["host_countries"]]
            out.missions.append(m2)
        for name in ("meetings", "exchanges", "absences", "frictions"):
            for r in getattr(snapshot, name):
                r2 = copy.deepcopy(r)
                r2["id"] = rid(r["id"])
                r2["theater"] = country(r["theater"])
                getattr(out, name).append(r2)
        for t in snapshot.transitions:
            t2 = dict(
                t,
                id=rid(t["id"]),
                from_mission=rid(t["from_mission"]),
                to_mission=rid(t["to_mission"]),
            )
            out.transitions.append(t2)
    return out


def run_all(snapshot: Snapshot) -> int:
    """Every analysis; returns the number of theaters analysed."""
    reach(snapshot.missions, snapshot.today).by_country()
    coverage(snapshot.missions)
    spec = specialization(snapshot.missions, snapshot.today)
    spec.division_of_labour()
    civilian = select_missions(snapshot.missions, kinds="civilian_only", today=snapshot.today)
    specialization(civilian, snapshot.today, functions=V.CIVILIAN_FUNCTIONS).division_of_labour()
    countries = sorted({c for m in snapshot.missions for c in m["host_countries"]})
    for country in countries:
        complementarity(snapshot, country)
        interactions(snapshot, country)
        synergy(snapshot, country, spec)
    return len(countries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--factors", default="1,10,100")
    args = parser.parse_args()
    registry = peaceops.open(package=peaceops.facade.shipped_package_dir())
    base = registry.snapshot()
    results = []
    for factor in (int(f) for f in args.factors.split(",")):
        snap = enlarge(base, factor)
        timings = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            theaters = run_all(snap)
            timings.append(time.perf_counter() - start)
        results.append((factor, len(snap.missions), theaters, statistics.median(timings)))
    baseline = results[0][3]
    print(f"{'factor':>6} {'missions':>9} {'theaters':>9} {'median s':>9} {'ratio':>7}")
    for factor, missions, theaters, seconds in results:
        print(f"{factor:>6} {missions:>9} {theaters:>9} {seconds:>9.3f} {seconds / baseline:>7.1f}")


if __name__ == "__main__":
    main()
