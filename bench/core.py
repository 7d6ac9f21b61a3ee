"""Measure a task against a floor in the same run and report the ratio.

A benchmark times its task and its floor alternately, ``repeats`` times each,
so both see the same machine load; the figure is the median with min and max.
A floor is either another task (for example ``import pandas`` for ``import
gluteutils``) or a fixed budget in seconds (for example 10 ms, a tenth of the
100 ms at which people notice a delay).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Benchmark:
    """One row of the benchmark table.

    Attributes
    ----------
    name : str
        Short identifier, used by ``--only``.
    what : str
        What is measured, in words.
    task : callable
        Runs the measured work once.
    floor : callable or float
        Runs the floor once, or a fixed budget in seconds.
    floor_what : str
        What the floor is, in words.
    target : float
        Largest acceptable ratio of task median to floor median.
    setup : callable, optional
        Runs once before timing (not timed), e.g. to build input files.
    """

    name: str
    what: str
    task: Callable[[], object]
    floor: Callable[[], object] | float
    floor_what: str
    target: float
    setup: Callable[[], object] | None = None


@dataclass(frozen=True)
class Result:
    """Timings of one benchmark, in seconds, and its verdict."""

    name: str
    what: str
    floor_what: str
    runs: int
    median_s: float
    min_s: float
    max_s: float
    floor_median_s: float
    floor_min_s: float
    floor_max_s: float
    ratio: float
    target: float

    @property
    def ok(self) -> bool:
        """Whether the ratio meets the target."""
        return self.ratio <= self.target

    def as_dict(self) -> dict[str, object]:
        """Return the result as plain values for JSON."""
        return {**asdict(self), "ok": self.ok}


def _time_once(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def measure(benchmark: Benchmark, repeats: int = 7) -> Result:
    """Time a benchmark and its floor alternately and compare their medians.

    Parameters
    ----------
    benchmark : Benchmark
        What to measure.
    repeats : int
        Runs of the task (and of the floor); at least 5.

    Returns
    -------
    Result
        Medians, minima and maxima, and the ratio task / floor.
    """
    if repeats < 5:
        raise ValueError("every figure is the median of at least 5 runs")
    if benchmark.setup is not None:
        benchmark.setup()
    benchmark.task()  # warm caches once, as a person's second click would
    task_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        task_times.append(_time_once(benchmark.task))
        if callable(benchmark.floor):
            floor_times.append(_time_once(benchmark.floor))
    if not callable(benchmark.floor):
        floor_times = [float(benchmark.floor)]
    median = statistics.median(task_times)
    floor_median = statistics.median(floor_times)
    return Result(
        name=benchmark.name,
        what=benchmark.what,
        floor_what=benchmark.floor_what,
        runs=repeats,
        median_s=median,
        min_s=min(task_times),
        max_s=max(task_times),
        floor_median_s=floor_median,
        floor_min_s=min(floor_times),
        floor_max_s=max(floor_times),
        ratio=median / floor_median,
        target=benchmark.target,
    )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def table(results: list[Result]) -> str:
    """Format results as a plain-text table; missed targets are marked ``MISSED``."""
    header = ("benchmark", "median ms", "min-max ms", "floor ms", "ratio", "target", "")
    rows = [header]
    for r in results:
        rows.append(
            (
                r.name,
                _ms(r.median_s),
                f"{_ms(r.min_s)}-{_ms(r.max_s)}",
                _ms(r.floor_median_s),
                f"{r.ratio:.2f}x",
                f"<= {r.target:g}x",
                "ok" if r.ok else "MISSED",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines += [f"{r.name}: {r.what}; floor: {r.floor_what}" for r in results]
    return "\n".join(lines)
