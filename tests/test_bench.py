"""The benchmarks run (tiny sizes); their ratios are reported by `python -m bench`, not tested."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bench.core import Benchmark, measure

from .conftest import REPO


@pytest.mark.slow
def test_benchmarks_run_on_tiny_sizes(tmp_path) -> None:
    out = tmp_path / "bench.json"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["results"], "no benchmark ran"
    for row in report["results"]:
        assert row["runs"] >= 5
        assert row["min_s"] <= row["median_s"] <= row["max_s"]
        assert row["ratio"] > 0
        assert row["name"] in result.stdout
    # every benchmark removes its input files (the full-size log is about 180 MB)
    assert not [p.name for p in scratch.iterdir() if p.name.startswith("gfr-bench-")]


def test_teardown_runs_even_when_the_task_fails() -> None:
    calls: list[str] = []

    def fail() -> None:
        calls.append("task")
        raise RuntimeError("boom")

    benchmark = Benchmark(
        name="failing",
        what="a task that fails",
        task=fail,
        floor=0.01,
        floor_what="10 ms",
        target=1.0,
        setup=lambda: calls.append("setup"),
        warm_up=False,
        teardown=lambda: calls.append("teardown"),
    )
    with pytest.raises(RuntimeError, match="boom"):
        measure(benchmark, repeats=5)
    assert calls == ["setup", "task", "teardown"]
