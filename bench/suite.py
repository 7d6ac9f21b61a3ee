"""The curriculum's benchmarks, each against a floor measured in the same run."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan
from gluteutils.plan_form import PlanForm
from gluteutils.plan_profile import Profile
from gluteutils.schema import OBSTACLE_IDS

from .core import Benchmark


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


#: Every benchmark factory, in table order; each takes ``quick`` (tiny sizes for the smoke test).
SUITE = (import_gluteutils, build_plan_16_weeks, plan_form_build)
