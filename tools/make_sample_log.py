"""Write ``data/sample_log.csv``: a simulated 8-week training log for notebook 06 and the tests.

SIMULATED EXAMPLE DATA, NOT FACTS. Every number this script writes (repetitions,
loads, seconds, effort, glute feel, pain, test scores) is made up to look like a
plausible runner's log. None of it is a measurement or a research finding, and
the curriculum must never quote it as one. It exists so the tracking notebook
and the tests have a realistic log to summarise, plot and import.

The story of the sample runner ("Sample Runner", :mod:`gluteutils.sample_log`):

- follows the plan :func:`gluteutils.sample_log.sample_plan` rebuilds: a
  beginner plan for weeks 1-4, then the intermediate plan for weeks 5-8;
- trains on Monday, Wednesday and Friday evenings (activation, then strength)
  and does the short pre-run routine on Tuesday, Thursday and Saturday mornings;
- misses a few whole days (:data:`MISSED_DAYS`, picked with the seeded random
  generator, never a test day);
- does the single-leg bridge test (repetitions to failure, ``set_type`` "test")
  on the Mondays of weeks 1, 4 and 8; the right side starts weaker and the
  left-right gap narrows (:data:`BRIDGE_TESTS`);
- rates how clearly the glutes worked (0-10) on most sets, rising from about 2-3
  to about 8 over the eight weeks, with noise and a dip for each new move;
- has one week of mild muscle soreness (week 3, pain 1-2) when strength work
  starts;
- rates effort (RPE) on strength sets: higher on later sets, lower once a move
  has been done for a week or two;
- adds repetitions within the planned range as the weeks go by, and loads in kg
  on the trap-bar and single-leg deadlifts (dumbbell loads are the pair's
  total); one set a side of the single-leg deadlift is logged in pounds,
  because the runner used the gym's pound dumbbells that day;
- leaves RPE empty on activation moves, glute feel empty on running drills and
  pain empty on pre-run mornings, as people do.

The output depends only on :data:`SEED` and the plan: running the script twice
gives identical bytes (tests/test_sample_log.py checks it, and that the shipped
file is this script's output). Usage::

    python tools/make_sample_log.py            # (re)write data/sample_log.csv
    python tools/make_sample_log.py --check    # exit 1 if the shipped file differs
    python tools/make_sample_log.py --out x.csv
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from gluteutils.exercises import load_exercises
from gluteutils.files import atomic_write_bytes
from gluteutils.log_io import log_to_csv, normalise_log
from gluteutils.sample_log import SAMPLE_ATHLETE, SAMPLE_LOG_FILE, SAMPLE_START, sample_plan

REPO = Path(__file__).resolve().parents[1]
#: Where the sample log is shipped.
OUTPUT = REPO / "data" / SAMPLE_LOG_FILE
#: Seed of the random generator; change it and the whole log changes.
SEED = 20250303
#: How many whole training days the runner misses (weeks 2-8, never a test day).
MISSED_DAYS = 4
#: Single-leg bridge test: (plan week, left repetitions, right repetitions), simulated.
BRIDGE_TESTS = ((1, 17, 12), (4, 20, 16), (8, 24, 22))
#: The week of mild soreness, and the pain scores it brings.
SORE_WEEK, SORE_PAIN = 3, (1, 2)
#: Loaded lifts, per session in the order done: (load, unit, reps per set), simulated.
#: The trap bar arrives in week 7 and climbs; week 8 is a lighter week, at week 7's last load.
TRAP_BAR = (
    (40.0, (6, 6, 5)),
    (40.0, (7, 7, 6)),
    (42.5, (7, 6, 6)),
    (42.5, (8, 7, 7)),
    (42.5, (8, 8, 8)),
    (42.5, (8, 8, 8)),
)
SINGLE_LEG_DEADLIFT = (
    (16.0, (8, 8, 7)),
    (16.0, (9, 8, 8)),
    (18.0, (8, 8, 8)),
    (18.0, (9, 9, 8)),
    (20.0, (8, 8, 8)),
    (20.0, (9, 9, 9)),
)
#: The session (0-based, in the order done) of the single-leg deadlift whose first set
#: a side is logged in pounds: a pair of 20 lb dumbbells.
POUND_SESSION, POUND_LOAD = 2, 40.0
DRILLS = frozenset({"a_skip", "b_skip", "straight_leg_drill"})
STARTS = {"pre_run": (7, 0), "activation": (18, 30)}
NOTES = {
    ("glute_bridge", 0): "Felt it mostly in the hamstrings, not the glutes",
    ("glute_squeeze_prone", 3): 'Felt the "walnut" squeeze at last, left side first',
    ("band_walk_knees", 2): "-2 steps: the band slipped down to the shins",
    ("trap_bar_deadlift", 0): "First time with the trap bar; kept the back flat",
}


def _clip(value: float, low: int = 0, high: int = 10) -> int:
    return int(min(high, max(low, round(value))))


class _Runner:
    """The simulated runner's state: the random generator and how often each move was done."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible example data, not security
        self.sessions_done: dict[str, int] = {}
        self.first_week: dict[str, int] = {}

    def feel(self, week: int, exercise_id: str) -> int | None:
        """Glute feel 0-10: rises over the weeks, lower for a new move, none for drills."""
        if exercise_id in DRILLS:
            return None
        new = 1.0 if week == self.first_week.get(exercise_id, week) else 0.0
        return _clip(3.5 + 4.5 * (week - 1) / 7 - new + self.rng.uniform(-1, 1))

    def effort(self, week: int, exercise_id: str, number: int) -> float:
        """RPE: higher for later sets, lower once a move has been done for a week or two."""
        weeks_in = min(2, week - self.first_week.get(exercise_id, week))
        rpe = 7.0 + 0.5 * (number - 1) - 0.5 * weeks_in + self.rng.choice((0.0, 0.5))
        return min(10.0, rpe)

    def pain(self, week: int, session: str) -> tuple[int | None, str]:
        if session == "pre_run":
            return None, ""
        if week == SORE_WEEK:
            return self.rng.choice(SORE_PAIN), "both glutes, muscle soreness"
        return 0, ""


def _training_days(plan: pd.DataFrame, rng: random.Random) -> tuple[list[date], set[date]]:
    days = sorted(set(plan["date"]))
    tests = {SAMPLE_START + timedelta(weeks=week - 1) for week, _, _ in BRIDGE_TESTS}
    eligible = [d for d in days if d >= SAMPLE_START + timedelta(weeks=1) and d not in tests]
    return days, set(rng.sample(eligible, MISSED_DAYS))


def _set_row(
    when: datetime, exercise_id: str, name: str, number: int, side: str, **values: object
) -> dict[str, object]:
    row: dict[str, object] = {
        "datetime": when,
        "athlete": SAMPLE_ATHLETE,
        "exercise_id": exercise_id,
        "exercise_name": name,
        "set_type": "working",
        "set": number,
        "side": side,
        "reps": None,
        "duration_s": None,
        "load": None,
        "load_unit": "",
        "rpe": None,
        "rir": None,
        "glute_feel": None,
        "pain": None,
        "pain_where": "",
        "notes": "",
        "source": "form",
    }
    row.update(values)
    return row


def _bridge_test(when: datetime, week: int, runner: _Runner, name: str) -> list[dict[str, object]]:
    _, left, right = next(t for t in BRIDGE_TESTS if t[0] == week)
    feel = _clip(5 + 3 * (week - 1) / 7)
    note = "Test: heel on a 60 cm box, repetitions to failure"
    return [
        _set_row(
            when,
            "single_leg_glute_bridge",
            name,
            1,
            side,
            set_type="test",
            reps=reps,
            rpe=10.0,
            glute_feel=feel,
            pain=0,
            notes=note,
        )
        for side, reps in (("left", left), ("right", right))
    ]


def _reps_for(runner: _Runner, week: int, exercise_id: str, low: int, high: int) -> int:
    """Repetitions within the planned range, higher the longer the move has been trained."""
    weeks_in = week - runner.first_week.setdefault(exercise_id, week)
    skill = min(1.0, 0.25 + 0.2 * weeks_in)
    return low + round((high - low) * skill)


def _exercise_rows(
    runner: _Runner, when: datetime, row: object, name: str
) -> list[dict[str, object]]:
    """Return the sets the runner logs for one plan row."""
    exercise_id = str(row.exercise_id)  # type: ignore[attr-defined]
    week = int(row.week)  # type: ignore[attr-defined]
    session = str(row.session)  # type: ignore[attr-defined]
    runner.first_week.setdefault(exercise_id, week)
    done = runner.sessions_done.get(exercise_id, 0)
    runner.sessions_done[exercise_id] = done + 1
    pain, where = runner.pain(week, session)
    note = NOTES.get((exercise_id, done), "")
    common = {"pain": pain, "pain_where": where if pain else ""}
    if pd.isna(row.sets):  # type: ignore[attr-defined]
        # a time-boxed move: one timed set, a little under the planned minutes
        planned = float(row.minutes) * 60  # type: ignore[attr-defined]
        seconds = int(round(planned * runner.rng.uniform(0.8, 1.0) / 10) * 10)
        feel = runner.feel(week, exercise_id)
        return [
            _set_row(
                when,
                exercise_id,
                name,
                1,
                "both",
                duration_s=seconds,
                glute_feel=feel,
                notes=note,
                **common,
            )
        ]
    sets = int(row.sets)  # type: ignore[attr-defined]
    sides = ("left", "right") if row.side == "each_side" else ("both",)  # type: ignore[attr-defined]
    low, high = int(row.reps_min), int(row.reps_max)  # type: ignore[attr-defined]
    plan_loads = {"trap_bar_deadlift": TRAP_BAR, "single_leg_deadlift": SINGLE_LEG_DEADLIFT}
    rows = []
    for number in range(1, sets + 1):
        for side in sides:
            values: dict[str, object] = dict(common)
            if exercise_id in plan_loads:
                load, reps_by_set = plan_loads[exercise_id][min(done, 5)]
                values.update(load=load, load_unit="kg", reps=reps_by_set[min(number, 3) - 1])
                if exercise_id == "single_leg_deadlift" and done == POUND_SESSION and number == 1:
                    values.update(load=POUND_LOAD, load_unit="lb")
                    values["notes"] = "Used the gym's 20 lb pair; the kg pair was taken"
            else:
                tired = 1 if number == sets and runner.rng.random() < 0.4 else 0
                values["reps"] = max(low, _reps_for(runner, week, exercise_id, low, high) - tired)
            values["rpe"] = runner.effort(week, exercise_id, number)
            values["glute_feel"] = runner.feel(week, exercise_id)
            if number == 1 and side == sides[0] and note:
                values["notes"] = note
            rows.append(_set_row(when, exercise_id, name, number, side, **values))
    return rows


def simulate(
    plan: pd.DataFrame | None = None,
    library: pd.DataFrame | None = None,
    seed: int = SEED,
) -> pd.DataFrame:
    """Simulate the sample runner's log (example data, see the module docstring).

    Parameters
    ----------
    plan : pandas.DataFrame, optional
        The plan followed; :func:`gluteutils.sample_log.sample_plan` when not given.
    library : pandas.DataFrame, optional
        The exercises table, for the exercise names; loaded when not given.
    seed : int
        Seed of the random generator.

    Returns
    -------
    pandas.DataFrame
        A training log (columns of :data:`~gluteutils.log_columns.LOG_COLUMNS`),
        sorted by datetime, athlete, exercise, side and set.
    """
    library = load_exercises() if library is None else library
    plan = sample_plan(library) if plan is None else plan
    names = dict(zip(library["exercise_id"], library["name"], strict=True))
    runner = _Runner(seed)
    days, missed = _training_days(plan, runner.rng)
    records: list[dict[str, object]] = []
    for day in days:
        if day in missed:
            continue
        rows = plan[plan["date"] == day]
        week = int(rows["week"].iloc[0])
        if day.weekday() == 0 and any(t[0] == week for t in BRIDGE_TESTS):
            when = datetime.combine(day, datetime.min.time()).replace(hour=18, minute=10)
            records += _bridge_test(when, week, runner, names["single_leg_glute_bridge"])
        clock = None
        for session in ("pre_run", "activation", "strength"):
            part = rows[rows["session"] == session].sort_values("order")
            if part.empty:
                continue
            if clock is None:
                hour, minute = STARTS.get(session, (18, 30))
                jitter = runner.rng.choice((0, 5, 10, 15))
                clock = datetime.combine(day, datetime.min.time()).replace(
                    hour=hour, minute=minute
                ) + timedelta(minutes=jitter)
            for row in part.itertuples(index=False):
                records += _exercise_rows(runner, clock, row, names[row.exercise_id])
            # the next session of the day starts when this one's planned minutes are up
            clock += timedelta(minutes=int(part["minutes"].sum()) + 1)
    return normalise_log(pd.DataFrame.from_records(records))


def sample_log_bytes(seed: int = SEED) -> bytes:
    """Return the bytes of ``data/sample_log.csv`` as this script writes them.

    Parameters
    ----------
    seed : int
        Seed of the random generator.

    Returns
    -------
    bytes
        The simulated log written by :func:`gluteutils.log_io.log_to_csv`.
    """
    return log_to_csv(simulate(seed=seed))


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or check) the sample log; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments without the program name.

    Returns
    -------
    int
        0 on success; 1 when ``--check`` finds the shipped file out of date.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="file to write")
    parser.add_argument(
        "--check", action="store_true", help="only compare the file with a fresh simulation"
    )
    args = parser.parse_args(argv)
    data = sample_log_bytes()
    if args.check:
        same = args.out.is_file() and args.out.read_bytes() == data
        print(f"{args.out}: {'up to date' if same else 'OUT OF DATE; rerun without --check'}")
        return 0 if same else 1
    atomic_write_bytes(args.out, data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
