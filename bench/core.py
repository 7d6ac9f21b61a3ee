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
class Sample:
    """A measurement a task reports itself, instead of being wall-timed.

    Attributes
    ----------
    value : float
        The measured figure, in the benchmark's unit (seconds or bytes).
    peak_bytes : int or None
        Peak resident memory of the process that did the work, when measured.
    """

    value: float
    peak_bytes: int | None = None


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
    unit : {"s", "bytes"}
        Unit of the figures: wall seconds, or bytes for sizes (tasks then return a
        :class:`Sample`).
    warm_up : bool
        Whether to run the task once untimed first (off for slow tasks).
    teardown : callable, optional
        Runs once after timing, even when a run fails (e.g. to remove the input files).
    """

    name: str
    what: str
    task: Callable[[], object]
    floor: Callable[[], object] | float
    floor_what: str
    target: float
    setup: Callable[[], object] | None = None
    unit: str = "s"
    warm_up: bool = True
    teardown: Callable[[], object] | None = None


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
    unit: str = "s"
    peak_median_bytes: float | None = None
    floor_peak_median_bytes: float | None = None
    peak_ratio: float | None = None

    @property
    def ok(self) -> bool:
        """Whether the ratio (and the memory ratio, when measured) meets the target."""
        memory_ok = self.peak_ratio is None or self.peak_ratio <= self.target
        return self.ratio <= self.target and memory_ok

    def as_dict(self) -> dict[str, object]:
        """Return the result as plain values for JSON."""
        return {**asdict(self), "ok": self.ok}


def _run_once(function: Callable[[], object]) -> Sample:
    start = time.perf_counter()
    out = function()
    elapsed = time.perf_counter() - start
    return out if isinstance(out, Sample) else Sample(elapsed)


def _runs(benchmark: Benchmark, repeats: int) -> tuple[list[Sample], list[Sample]]:
    """Set up, then run the task and the floor alternately ``repeats`` times each."""
    if benchmark.setup is not None:
        benchmark.setup()
    if benchmark.warm_up:
        benchmark.task()  # warm caches once, as a person's second click would
    tasks: list[Sample] = []
    floors: list[Sample] = []
    for _ in range(repeats):
        tasks.append(_run_once(benchmark.task))
        if callable(benchmark.floor):
            floors.append(_run_once(benchmark.floor))
    return tasks, floors


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
    try:
        tasks, floors = _runs(benchmark, repeats)
    finally:
        if benchmark.teardown is not None:
            benchmark.teardown()
    if not callable(benchmark.floor):
        floors = [Sample(float(benchmark.floor))]
    task_times = [s.value for s in tasks]
    floor_times = [s.value for s in floors]
    median = statistics.median(task_times)
    floor_median = statistics.median(floor_times)
    peaks = [s.peak_bytes for s in tasks if s.peak_bytes is not None]
    floor_peaks = [s.peak_bytes for s in floors if s.peak_bytes is not None]
    peak = statistics.median(peaks) if peaks else None
    floor_peak = statistics.median(floor_peaks) if floor_peaks else None
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
        unit=benchmark.unit,
        peak_median_bytes=peak,
        floor_peak_median_bytes=floor_peak,
        peak_ratio=(peak / floor_peak) if peak and floor_peak else None,
    )


def _show(value: float, unit: str) -> str:
    if unit == "bytes":
        return f"{value / 1e6:,.1f} MB"
    return f"{value * 1000:,.1f} ms"


def table(results: list[Result]) -> str:
    """Format results as a plain-text table; missed targets are marked ``MISSED``."""
    header = ("benchmark", "median", "min-max", "floor", "ratio", "peak memory", "target", "")
    rows = [header]
    for r in results:
        memory = ""
        if r.peak_ratio is not None and r.peak_median_bytes and r.floor_peak_median_bytes:
            memory = (
                f"{r.peak_median_bytes / 1e6:,.0f}/{r.floor_peak_median_bytes / 1e6:,.0f} MB "
                f"= {r.peak_ratio:.2f}x"
            )
        rows.append(
            (
                r.name,
                _show(r.median_s, r.unit),
                f"{_show(r.min_s, r.unit)}-{_show(r.max_s, r.unit)}",
                _show(r.floor_median_s, r.unit),
                f"{r.ratio:.2f}x",
                memory,
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
