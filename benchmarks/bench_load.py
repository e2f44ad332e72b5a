"""Load benchmark on loopback: throughput and p95 latency of API lists and country pages at
50 concurrent clients, as ratios to a 1-client baseline measured in the same run.

    .venv/bin/python benchmarks/bench_load.py [--users 50] [--seconds 30]

Starts ``peaceops serve`` on a free 127.0.0.1 port over a fresh database, runs locust
headless (bounded in users and time), stops everything. Goals on the 2-core machine: p95 under
100 ms for API lists and under 300 ms for country pages.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live_server import LiveServer  # noqa: E402

GOALS_MS = {"api list": 100, "country page": 300}


def run_locust(url: str, users: int, seconds: int, out: Path) -> dict[str, dict]:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--host",
            url,
            "--csv",
            str(out),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        check=True,
        capture_output=True,
        timeout=seconds + 120,
    )
    with open(f"{out}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="peaceops-load-"))
    server = LiveServer(work / "load.sqlite3")
    try:
        # warm every cache once, then measure
        run_locust(server.url, 1, 5, work / "warm")
        base = run_locust(server.url, 1, 10, work / "base")
        load = run_locust(server.url, args.users, args.seconds, work / "load")
    finally:
        server.stop()
    print(
        f"{'endpoint':<14}{'clients':>8}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'failures':>9}{'p95 ratio':>10}{'goal':>8}"
    )
    for name in ("api list", "country page"):
        for label, stats in (("1", base), (str(args.users), load)):
            row = stats[name]
            ratio = float(row["95%"]) / max(float(base[name]["95%"]), 1.0)
            verdict = (
                "" if label == "1" else ("met" if float(row["95%"]) <= GOALS_MS[name] else "MISSED")
            )
            print(
                f"{name:<14}{label:>8}{float(row['Requests/s']):>9.1f}{row['50%']:>8}"
                f"{row['95%']:>8}{row['Failure Count']:>9}{ratio:>10.1f}{verdict:>8}"
            )


if __name__ == "__main__":
    main()
