"""Simulated training logs for the sample roster, so the group dashboard can be tried at once.

**Simulated example data, not facts.** :func:`sample_clinic_logs` writes a log
for every athlete of ``data/sample_roster.csv`` from their plan, by fixed rules
and without randomness: each athlete does their planned sets on the planned
days, skips a share of days chosen by a hash of their name and the date, and
rates their glute feel higher as the weeks go by. A few athletes of the sample
have a story that raises one flag of the dashboard each:

================= ============================================================
athlete           story
================= ============================================================
Zoë Martin        misses plan week 3 entirely (a missed week)
Priya Nair        logs pain of 5 out of 10 in a set of week 5 (a pain flag)
Kenji Watanabe    a single-leg bridge test of 24 and 17 repetitions in week 1
                  (a left-right gap), 25 and 23 in week 6
Marcus Lee        stops his right-side sets short in week 3 (a gap flag)
Liam Walsh        logs nothing after week 3 (missed weeks)
================= ============================================================

None of these numbers is a finding; they only exercise the dashboard.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime, time

import pandas as pd

from .log_io import normalise_log
from .plan_columns import SESSIONS, plan_rows
from .progress import BRIDGE_TEST_EXERCISE

#: Days that go unlogged, in % of training days, by athlete (others: 10 %).
SKIP_PCT = {"Daniel Okafor": 5, "Priya Nair": 20, "Aisha Bello": 25, "Sofia Rossi": 35}
#: Plan weeks an athlete logs nothing in.
MISSED_WEEKS = {"Zoë Martin": frozenset({3})}
#: Athletes who stop logging after this plan week.
STOPS_AFTER = {"Liam Walsh": 3}
#: (plan week, pain 0-10, where) of one painful set.
PAIN = {"Priya Nair": (5, 5, "left hip")}
#: Single-leg bridge tests: plan week -> (left, right) repetitions, done on the week's first day.
BRIDGE_TESTS = {"Kenji Watanabe": {1: (24, 17), 6: (25, 23)}}
#: Plan week in which the right side's sets of one-sided exercises stop at half the repetitions.
SHORT_RIGHT = {"Marcus Lee": 3}
_SESSION_HOUR = {"pre_run": 7, "activation": 18, "strength": 18}


def _hash_pct(*parts: object) -> int:
    """Turn text into a stable number 0-99 (Python's own hash changes between runs)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100


def _optional(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[call-overload]


def _skipped(athlete: str, day: date, week: int) -> bool:
    if week in MISSED_WEEKS.get(athlete, ()):
        return True
    if week > STOPS_AFTER.get(athlete, 99):
        return True
    return _hash_pct(athlete, day.isoformat()) < SKIP_PCT.get(athlete, 10)


def _set_rows(athlete: str, row: Mapping[str, object]) -> list[dict[str, object]]:
    """List the sets logged for one plan row: every planned set, one row per side."""
    week = int(row["week"])  # type: ignore[call-overload]
    day: date = row["date"]  # type: ignore[assignment]
    session = str(row["session"])
    when = datetime.combine(day, time(_SESSION_HOUR[session], 0)).replace(
        minute=SESSIONS.index(session)
    )
    sets = _optional(row["sets"]) or 1
    reps = _optional(row["reps_max"])
    hold = _optional(row["hold_s"])
    duration = None if reps is not None else (hold or max(1, round(float(row["minutes"]) * 60)))
    sides = ("left", "right") if row["side"] == "each_side" else ("both",)
    feel = min(9, 4 + week // 2)
    records = []
    for side in sides:
        for number in range(1, sets + 1):
            done = reps
            if side == "right" and reps is not None and week == SHORT_RIGHT.get(athlete):
                done = max(1, reps // 2)
            records.append(
                {
                    "datetime": when,
                    "exercise_id": row["exercise_id"],
                    "exercise_name": row["exercise_name"],
                    "set_type": "working",
                    "set": number,
                    "side": side,
                    "reps": done,
                    "duration_s": duration,
                    "glute_feel": feel,
                    "pain": 0,
                    "pain_where": "",
                }
            )
    return records


def _bridge_rows(athlete: str, start: date) -> list[dict[str, object]]:
    rows = []
    for week, (left, right) in BRIDGE_TESTS.get(athlete, {}).items():
        day = start + pd.Timedelta(days=7 * (week - 1))
        for side, reps in (("left", left), ("right", right)):
            rows.append(
                {
                    "datetime": datetime.combine(day, time(17, 30)),
                    "exercise_id": BRIDGE_TEST_EXERCISE,
                    "exercise_name": "Single-leg bridge test",
                    "set_type": "test",
                    "set": 1,
                    "side": side,
                    "reps": reps,
                    "duration_s": None,
                    "glute_feel": None,
                    "pain": 0,
                    "pain_where": "",
                }
            )
    return rows


def _records(athlete: str, plan: pd.DataFrame, start: date) -> list[dict[str, object]]:
    """Build the rows of one athlete's simulated log, before :func:`normalise_log`."""
    records: list[dict[str, object]] = []
    for row in plan_rows(plan):
        if not _skipped(athlete, row["date"], int(row["week"])):
            records.extend(_set_rows(athlete, row))
    records.extend(_bridge_rows(athlete, start))
    if athlete in PAIN:
        week, pain, where = PAIN[athlete]
        in_week = [r for r in records if (r["datetime"].date() - start).days // 7 + 1 == week]
        if in_week:
            in_week[-1].update(pain=pain, pain_where=where)
    for record in records:
        record.update(
            athlete=athlete,
            load=None,
            load_unit="",
            load_kg=None,
            rpe=None,
            rir=None,
            notes="",
            source="form",
        )
    return records


def simulated_log(athlete: str, plan: pd.DataFrame, start: date) -> pd.DataFrame:
    """Simulate one athlete's log of a whole plan (example data; see the module docstring).

    Parameters
    ----------
    athlete : str
        The athlete's name.
    plan : pandas.DataFrame
        Their plan.
    start : datetime.date
        Their start date (first day of plan week 1).

    Returns
    -------
    pandas.DataFrame
        A log in the contract of :mod:`gluteutils.log_columns`, ``source`` ``"form"``.
    """
    return normalise_log(pd.DataFrame(_records(athlete, plan, start)))


def sample_clinic_logs(
    plans: Mapping[str, pd.DataFrame], starts: Mapping[str, date]
) -> dict[str, pd.DataFrame]:
    """Simulate a log for every athlete (example data; see the module docstring).

    Parameters
    ----------
    plans : mapping of str to pandas.DataFrame
        Plans by athlete, for example those of the sample roster.
    starts : mapping of str to datetime.date
        Each athlete's start date.

    Returns
    -------
    dict of str to pandas.DataFrame
        One simulated log per athlete, in the order of ``plans``: the same as
        :func:`simulated_log` gives for each.
    """
    records = [r for name, plan in plans.items() for r in _records(name, plan, starts[name])]
    if not records:
        return {name: simulated_log(name, plan, starts[name]) for name, plan in plans.items()}
    # One normalise_log for all: it sorts by datetime then athlete, so each athlete's rows
    # keep the order their own log would have.
    log = normalise_log(pd.DataFrame(records))
    found = {
        str(name): part.reset_index(drop=True) for name, part in log.groupby("athlete", sort=False)
    }
    return {
        name: found[name] if name in found else simulated_log(name, plan, starts[name])
        for name, plan in plans.items()
    }
