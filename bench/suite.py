"""The curriculum's benchmarks, each against a floor measured in the same run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import venv
from datetime import date
from pathlib import Path
from typing import Any

import nbclient
import nbformat
import numpy as np
import pandas as pd

from gluteutils.exercises import load_exercises
from gluteutils.log_io import log_to_csv, normalise_log
from gluteutils.plan import build_plan
from gluteutils.plan_form import PlanForm
from gluteutils.plan_profile import Profile
from gluteutils.schema import OBSTACLE_IDS

from .core import Benchmark, Sample


class _Scratch:
    """A temporary folder, made by a benchmark's setup and removed by its teardown.

    A benchmark's inputs can be large (the million-row log is about 180 MB), so
    none may outlive its run.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._path: Path | None = None

    def make(self) -> Path:
        """Create the folder and return its path."""
        self._path = Path(tempfile.mkdtemp(prefix=self.prefix))
        return self._path

    def __truediv__(self, name: str) -> Path:
        if self._path is None:
            raise RuntimeError("the benchmark's setup has not run")
        return self._path / name

    def remove(self) -> None:
        """Delete the folder and everything in it."""
        if self._path is not None:
            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None


def _fresh_import(code: str) -> None:
    subprocess.run([sys.executable, "-c", code], check=True)


def import_gluteutils(quick: bool) -> Benchmark:
    """``import gluteutils`` in a fresh process against its three big dependencies."""
    return Benchmark(
        name="import",
        what="import gluteutils in a fresh process",
        task=lambda: _fresh_import("import gluteutils"),
        floor=lambda: _fresh_import("import pandas, matplotlib.pyplot, ipywidgets"),
        floor_what="import pandas, matplotlib.pyplot, ipywidgets in a fresh process",
        target=1.15,
    )


def _full_profile(weeks: int) -> Profile:
    """A demanding profile: many days, every obstacle scored, most equipment."""
    return Profile(
        athlete="Benchmark runner",
        level="intermediate",
        start_date=date(2025, 3, 3),
        weeks=weeks,
        training_days=("mon", "tue", "wed", "thu", "fri", "sat"),
        run_days=("tue", "thu", "sat", "sun"),
        activation_minutes=20,
        equipment=("mini_band", "trap_bar", "barbell", "rack", "dumbbell", "bench", "wall", "box"),
        obstacles=tuple((obstacle, 50 + 5 * i) for i, obstacle in enumerate(OBSTACLE_IDS)),
    )


def build_plan_16_weeks(quick: bool) -> Benchmark:
    """``build_plan`` for 16 weeks and a full profile, against a 10 ms budget."""
    library = load_exercises()
    profile = _full_profile(2 if quick else 16)
    return Benchmark(
        name="build_plan",
        what=f"build_plan, {profile.weeks} weeks, full profile",
        task=lambda: build_plan(profile, library),
        floor=0.010,
        floor_what="10 ms, a tenth of the 100 ms at which people notice a delay",
        target=1.0,
    )


def plan_form_build(quick: bool) -> Benchmark:
    """The plan form's Build callback (fields set, button clicked), against 50 ms."""
    form = PlanForm(library=load_exercises(), today=date(2025, 2, 26))
    form.inputs["athlete"].value = "Benchmark runner"
    form.inputs["weeks"].value = "2" if quick else "16"
    form.inputs["level"].value = "intermediate"
    for day in ("tue", "thu", "sat"):
        form.training_days[day].value = True
    for item in ("mini_band", "trap_bar", "dumbbell", "box"):
        form.equipment[item].value = True

    def click() -> None:
        form.build_button.click()
        if form.plan is None:
            raise RuntimeError(f"the benchmark profile is invalid: {form.messages}")

    return Benchmark(
        name="plan_form_build",
        what=(
            "plan form Build callback, 16 weeks (validate, build, check, show summary, calendar "
            "and week; CSV and printable-sheet links; the .ics is made on its own click)"
        ),
        task=click,
        floor=0.050,
        floor_what="50 ms budget for the Build button",
        target=1.0,
    )


REPO = Path(__file__).resolve().parent.parent
_BASELINE_CELLS = (
    "import pandas, matplotlib.pyplot as plt, ipywidgets",
    "fig, ax = plt.subplots()\nax.plot([1, 2, 3])\nplt.show()",
)


def _execute(paths: list[Path]) -> None:
    """Run each notebook top to bottom in a fresh kernel, in its own folder."""
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=600,
            resources={"metadata": {"path": str(path.parent)}},
            # ipykernel warns on every start that its local TCP ports are unencrypted;
            # a hundred such lines would bury the table (task and floor alike)
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        client.execute()


def execute_notebooks(quick: bool) -> Benchmark:
    """Every curriculum notebook against as many minimal notebooks, each in a fresh kernel."""
    work = _Scratch("gfr-bench-nb-")
    copies: list[Path] = []
    baselines: list[Path] = []

    def setup() -> None:
        work.make()
        shutil.copytree(REPO / "notebooks", work / "notebooks")
        found = sorted((work / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        copies.extend(found[:1] if quick else found)
        for i in range(len(copies)):
            notebook = nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell(c) for c in _BASELINE_CELLS],
                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
            )
            path = work / f"baseline_{i}.ipynb"
            nbformat.write(notebook, path)
            baselines.append(path)

    return Benchmark(
        name="notebooks",
        what="execute every notebook top to bottom, each in a fresh kernel",
        task=lambda: _execute(copies),
        floor=lambda: _execute(baselines),
        floor_what=(
            "as many notebooks that import pandas, matplotlib.pyplot and ipywidgets "
            "and draw one figure"
        ),
        target=1.3,
        setup=setup,
        warm_up=False,
        teardown=work.remove,
    )


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _venv_with(path: Path, args: list[str], cwd: Path) -> Path:
    venv.create(path, with_pip=True, clear=True)
    python = path / "bin" / "python"
    subprocess.run(
        # -qq: errors only (a machine's pip configuration can add a warning per package)
        [str(python), "-m", "pip", "install", "-qq", "--disable-pip-version-check", *args],
        cwd=cwd,
        check=True,
    )
    return path


def binder_size(quick: bool) -> Benchmark:
    """Installed size of the Binder environment against its five core packages alone."""
    work = _Scratch("gfr-bench-size-")
    roots: dict[str, Path] = {}

    def setup() -> None:
        work.make()
        if quick:  # the smoke test checks the machinery with two tiny packages
            roots["task"] = _venv_with(work / "task", ["packaging"], REPO)
            roots["floor"] = _venv_with(work / "floor", ["six"], REPO)
            return
        pins = [
            line.split(";")[0].strip()
            for line in (REPO / "binder" / "requirements.txt").read_text().splitlines()
            if "==" in line and not line.lstrip().startswith("#")
        ]
        constraints = work / "constraints.txt"
        constraints.write_text("\n".join(pins) + "\n")
        roots["task"] = _venv_with(work / "task", ["-r", "binder/requirements.txt"], REPO)
        core = ["jupyterlab", "ipywidgets", "pandas", "matplotlib", "voila"]
        roots["floor"] = _venv_with(work / "floor", ["-c", str(constraints), *core], REPO)

    return Benchmark(
        name="binder_size",
        what="installed size of binder/requirements.txt (the curriculum's Binder environment)",
        task=lambda: Sample(float(_tree_bytes(roots["task"]))),
        floor=lambda: Sample(float(_tree_bytes(roots["floor"]))),
        floor_what="jupyterlab, ipywidgets, pandas, matplotlib and voila alone, same versions",
        target=1.15,
        setup=setup,
        unit="bytes",
        warm_up=False,
        teardown=work.remove,
    )


def fresh_report(*module_args: str) -> dict[str, Any]:
    """Run ``python -m <module_args>`` in a fresh process; return the JSON on its last line."""
    out = subprocess.run(
        [sys.executable, "-m", *module_args],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _worker(job: str, path: Path) -> Sample:
    """Run a job in a fresh process (bench.worker); it reports its own time and peak memory."""
    report = fresh_report("bench.worker", job, str(path))
    return Sample(float(report["seconds"]), int(report["peak_bytes"]))


def _synthetic_log(rows: int) -> pd.DataFrame:
    """A log of ``rows`` sets over many weeks, in the log contract (vectorised, seeded)."""
    rng = np.random.default_rng(20251121)
    library = load_exercises()
    ids = library["exercise_id"].to_numpy()
    names = dict(zip(library["exercise_id"], library["name"], strict=True))
    exercise = ids[rng.integers(0, len(ids), rows)]
    # A million sets is a clinic's log: 50 athletes over three years, about 20 sets per
    # workout, every set stamped with its workout's start (as the apps export them).
    workouts = max(1, rows // 20)
    starts = np.sort(rng.integers(0, 60 * 24 * 365 * 3, workouts))
    workout = np.sort(rng.integers(0, workouts, rows))
    when = pd.Timestamp("2022-01-03 06:00") + pd.to_timedelta(starts[workout], unit="min")
    athletes = np.array([f"Athlete {i:02d}" for i in range(50)])
    side = rng.choice(np.array(["left", "right", "both"]), rows)
    # Sets count from 1 within each workout, exercise and side, as a log numbers them.
    set_number = (
        pd.DataFrame({"w": workout, "e": exercise, "s": side}).groupby(["w", "e", "s"]).cumcount()
        + 1
    ).to_numpy()
    timed = rng.random(rows) < 0.2
    loaded = rng.random(rows) < 0.4
    in_lb = rng.random(rows) < 0.25
    load = np.where(loaded, np.round(rng.uniform(5, 120, rows), 1), np.nan)
    reps, seconds = rng.integers(5, 20, rows), rng.integers(10, 60, rows)
    rpe = rng.integers(5, 10, rows).astype(float)
    unit = np.where(loaded, np.where(in_lb, "lb", "kg"), "")
    frame = pd.DataFrame(
        {
            "datetime": when.floor("min"),
            "athlete": athletes[workout % len(athletes)],
            "exercise_id": exercise,
            "exercise_name": [names[e] for e in exercise],
            "set_type": "working",
            "set": pd.array(set_number, dtype="Int64"),
            "side": side,
            "reps": pd.array(np.where(timed, None, reps), dtype="Int64"),
            "duration_s": pd.array(np.where(timed, seconds, None), dtype="Int64"),
            "load": load,
            "load_unit": unit,
            "rpe": np.where(rng.random(rows) < 0.5, rpe, np.nan),
            "rir": np.nan,
            "glute_feel": pd.array(rng.integers(0, 11, rows), dtype="Int64"),
            "pain": pd.array(rng.integers(0, 3, rows), dtype="Int64"),
            "pain_where": "",
            "notes": "",
            "source": "form",
        }
    )
    return normalise_log(frame)


def log_million_rows(quick: bool) -> Benchmark:
    """Read, validate and summarise by week a 1,000,000-row log, in time and peak memory."""
    work = _Scratch("gfr-bench-log-")
    rows = 2_000 if quick else 1_000_000

    def setup() -> None:
        (work.make() / "training_log.csv").write_bytes(log_to_csv(_synthetic_log(rows)))

    return Benchmark(
        name="log_1m",
        what=f"read_log + validation + weekly summary of a {rows:,}-row log (fresh process)",
        task=lambda: _worker("log_read_summary", work / "training_log.csv"),
        floor=lambda: _worker("log_floor", work / "training_log.csv"),
        floor_what="pandas read_csv(engine='pyarrow') + one weekly groupby, no checks",
        target=2.0,
        setup=setup,
        warm_up=False,
        teardown=work.remove,
    )


def _strong_export(sets: int) -> str:
    """A Strong export (current comma format) with ``sets`` sets and its Rest Timer rows."""
    rng = np.random.default_rng(7)
    names = np.array(["Glute Bridge", "Hip Thrust (Barbell)", "Deadlift (Barbell)", "Lunge"])
    exercise = names[rng.integers(0, len(names), sets)]
    # 20 sets a day from 2004: a long-time user; the last day stays in the past.
    day = pd.Timestamp("2004-01-05 18:00:00") + pd.to_timedelta(np.arange(sets) // 20, unit="D")
    weight = np.round(rng.uniform(0, 100, sets), 1)
    reps = rng.integers(5, 15, sets)
    frame = pd.DataFrame(
        {
            "Date": day.strftime("%Y-%m-%d %H:%M:%S"),
            "Workout Name": "Glutes",
            "Duration": "45m",
            "Exercise Name": exercise,
            "Set Order": (np.arange(sets) % 4 + 1).astype(str),
            "Weight": weight,
            "Reps": reps,
            "Distance": 0,
            "Seconds": 0,
            "Notes": "",
            "Workout Notes": "",
            "RPE": "",
        }
    )
    rest = frame.iloc[::4].assign(**{"Set Order": "Rest Timer", "Reps": 0, "Seconds": 90})
    return pd.concat([frame, rest]).sort_index(kind="stable").to_csv(index=False)


def strong_import(quick: bool) -> Benchmark:
    """Import a 100,000-set Strong export against a raw read_csv of the same file."""
    work = _Scratch("gfr-bench-strong-")
    sets = 1_000 if quick else 100_000

    def setup() -> None:
        (work.make() / "strong.csv").write_text(_strong_export(sets), encoding="utf-8")

    return Benchmark(
        name="strong_100k",
        what=f"import a {sets:,}-set Strong export (fresh process)",
        task=lambda: _worker("strong_import", work / "strong.csv"),
        floor=lambda: _worker("strong_floor", work / "strong.csv"),
        floor_what="a raw pandas read_csv of the same file",
        target=2.0,
        setup=setup,
        warm_up=False,
        teardown=work.remove,
    )


#: Every benchmark factory, in table order; each takes ``quick`` (tiny sizes for the smoke test).
SUITE = (
    execute_notebooks,
    import_gluteutils,
    build_plan_16_weeks,
    plan_form_build,
    log_million_rows,
    strong_import,
    binder_size,
)
