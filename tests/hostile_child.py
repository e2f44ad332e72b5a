"""Child process of test_import_hostile: import one file into a register, print what happened
as JSON (refused?, error code, message, seconds, rows before and after)."""

from __future__ import annotations

import json
import resource
import sys
import time


def main(url: str, path: str) -> None:
    import peaceops
    from peaceops.errors import PeaceOpsError

    registry = peaceops.open(url, load_if_empty=False)
    before = sum(registry.counts().values())
    started = time.perf_counter()
    result = {"refused": False, "code": None, "message": ""}
    try:
        registry.import_file(path)
    except PeaceOpsError as exc:
        result = {"refused": True, "code": exc.code, "message": str(exc)}
    result["seconds"] = time.perf_counter() - started
    result["rows_before"] = before
    result["rows_after"] = sum(registry.counts().values())
    result["peak_rss"] = peak_rss()
    sys.stdout.write(json.dumps(result) + "\n")


def peak_rss() -> int:
    """Peak resident memory of this process in bytes, imports and Django included.

    Linux's VmHWM belongs to the process image started by exec; ``ru_maxrss`` would also
    count the parent's memory copied by fork before exec (a large pytest process)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
