"""Run the benchmarks: ``python -m bench [--quick] [--only NAME ...] [--json PATH]``."""

from __future__ import annotations

import argparse
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

from .core import measure, table
from .suite import SUITE

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def main(argv: list[str] | None = None) -> int:
    """Run the suite, print the table, write the JSON.

    Exits 0 whether or not targets are met (misses are marked in the table);
    1 only when a benchmark could not run at all.
    """
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 5 runs (smoke test)")
    parser.add_argument("--only", nargs="*", default=None, help="benchmark names to run")
    parser.add_argument("--repeats", type=int, default=None, help="runs per figure (>= 5)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    args = parser.parse_args(argv)
    repeats = args.repeats or (5 if args.quick else 9)
    benchmarks = [factory(args.quick) for factory in SUITE]
    if args.only:
        benchmarks = [b for b in benchmarks if b.name in set(args.only)]
    results = []
    errors: dict[str, str] = {}
    for benchmark in benchmarks:
        print(f"measuring {benchmark.name} ...", file=sys.stderr, flush=True)
        try:
            results.append(measure(benchmark, repeats=repeats))
        except Exception as exc:
            errors[benchmark.name] = f"{type(exc).__name__}: {exc}"
    print(table(results))
    for name, error in errors.items():
        print(f"{name}: ERROR {error}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "quick": args.quick,
        "results": [r.as_dict() for r in results],
        "errors": errors,
    }
    args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
