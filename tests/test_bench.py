"""The benchmarks run (tiny sizes); their ratios are reported by `python -m bench`, not tested."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import REPO


@pytest.mark.slow
def test_benchmarks_run_on_tiny_sizes(tmp_path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["results"], "no benchmark ran"
    for row in report["results"]:
        assert row["runs"] >= 5
        assert row["min_s"] <= row["median_s"] <= row["max_s"]
        assert row["ratio"] > 0
        assert row["name"] in result.stdout
