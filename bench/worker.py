"""Run one measured job in this (fresh) process and print its time and memory as JSON.

Usage: ``python -m bench.worker JOB PATH``. Imports happen before the clock and
the memory baseline start, so a job is charged only for the work it does; its
peak is the process's high-water mark (``VmHWM``) above the resident size
(``VmRSS``) after the imports.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def main() -> int:
    """Run the job named on the command line."""
    job, path = sys.argv[1], sys.argv[2]
    import pandas as pd

    if job == "log_read_summary":
        from gluteutils.exercises import load_exercises
        from gluteutils.log_io import read_log
        from gluteutils.progress import weekly_by_exercise

        library = load_exercises()

        def work() -> None:
            log = read_log(path, library=library, max_bytes=None).log
            weekly_by_exercise(log, library)

    elif job == "log_floor":

        def work() -> None:
            frame = pd.read_csv(path, engine="pyarrow")
            week = pd.to_datetime(frame["datetime"], format="%Y-%m-%dT%H:%M").dt.to_period("W")
            frame.groupby([week, frame["exercise_id"]]).size()

    elif job == "strong_import":
        from gluteutils.app_import import import_workouts

        def work() -> None:
            import_workouts(path, athlete="Benchmark runner", app="strong")

    elif job == "strong_floor":

        def work() -> None:
            pd.read_csv(path)

    else:
        raise SystemExit(f"unknown job {job!r}")
    baseline_kb = _status_kb("VmRSS")
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    peak_kb = max(0, _status_kb("VmHWM") - baseline_kb)
    print(json.dumps({"seconds": seconds, "peak_bytes": peak_kb * 1024}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
