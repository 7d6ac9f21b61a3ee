"""The benchmarks run (tiny sizes); their ratios are reported by `python -m bench`, not tested."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
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


@pytest.mark.parametrize("text", ["object", "str", "category"])
def test_strong_prototype_builds_the_same_log_as_the_import(tmp_path, text: str) -> None:
    # the prototype's timings say what the import could cost only if it does the same work
    pytest.importorskip("pyarrow")
    from bench.strong_prototype import import_clean_strong
    from bench.suite import _strong_export
    from gluteutils.app_import import import_workouts

    path = tmp_path / "strong.csv"
    path.write_text(_strong_export(2_000), encoding="utf-8")
    imported = import_workouts(path, athlete="Bo", app="strong")
    expected = imported.log
    log, stages = import_clean_strong(path, "Bo", text)

    # "Lunge" matches no library exercise; both leave its sets out
    assert list(imported.unmapped["exercise_name"]) == ["Lunge"]
    assert len(expected) == 2_000 - int(imported.unmapped["sets"].sum())
    if text == "str":
        assert all(str(log[c].dtype) == "str" for c in log if expected[c].dtype == object)
        log = log.astype({c: object for c in log if expected[c].dtype == object})
    if text == "category":
        # the cheapest contract: no key, and text as categoricals (the notes stay text)
        assert "set_key" not in log
        coded = [c for c in log if c != "notes" and expected[c].dtype == object]
        assert all(str(log[c].dtype) == "category" for c in coded)
        log = log.astype(dict.fromkeys(coded, object))
        expected = expected.drop(columns="set_key")
    pd.testing.assert_frame_equal(log, expected)
    assert stages["total"] >= max(v for k, v in stages.items() if k != "total")


def test_strong_prototype_refuses_a_file_it_does_not_check(tmp_path) -> None:
    pytest.importorskip("pyarrow")
    from bench.strong_prototype import import_clean_strong
    from bench.suite import _strong_export

    path = tmp_path / "strong.csv"
    path.write_text(_strong_export(40).replace(",Lunge,1,", ",Lunge,one,", 1), encoding="utf-8")
    with pytest.raises(SystemExit, match="not a clean export"):
        import_clean_strong(path, "Bo")


@pytest.mark.slow
def test_strong_prototype_compares_the_variants_in_fresh_processes(tmp_path) -> None:
    pytest.importorskip("pyarrow")
    from bench.suite import _strong_export

    path = tmp_path / "strong.csv"
    path.write_text(_strong_export(200), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bench.strong_prototype", "--compare", str(path), "--runs", "1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("  ")[0] for line in lines] == [
        "floor (pandas read_csv)",
        "import_workouts",
        "prototype, object text",
        "prototype, str text",
        "prototype, category",
    ]
    assert lines[0].endswith(" 1.00x")
