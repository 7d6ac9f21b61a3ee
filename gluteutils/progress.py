"""Progress summaries of a training log: volume per week, adherence, bests, tests and glute feel.

Pure functions over a log in the contract of :mod:`gluteutils.log_columns`
(one row per set; ``datetime`` is ``datetime64[ns]``, counts are ``Int64``,
numbers ``float64``, text ``str``). Nothing here reads a file or shows
anything: :mod:`gluteutils.progress_figures` draws the results and the
notebook displays them. Every function summarises the rows it is given as one
runner's log; pick one runner first with :func:`runner_log` when a log holds
several. An empty log gives an empty frame with the documented columns.

Counting rules, chosen once for all summaries:

* **A set is one row.** A left and a right set of a one-sided exercise are two
  sets, matching the plan, where an ``each_side`` prescription of 2 sets means
  4 sets (:func:`planned_sets`).
* **Weeks** are calendar weeks from Monday (:func:`week_start`), except in the
  adherence to a plan, which uses the plan's own weeks.
* **Volume** counts working and test sets, not warm-ups (``include_warmups``
  changes that).
* **Time** is the set's duration for a timed set. For a set of repetitions it
  is an estimate: :data:`~gluteutils.plan_rules.SECONDS_PER_REP` seconds a
  repetition (ACSM's moderate speed, ``ratamess_2009``), or
  :data:`~gluteutils.plan_rules.SECONDS_PER_STEP` a step for exercises the
  library measures in steps (band walks), the same constants as the plan's
  time estimates. Rest between sets is not included.
* **Muscles:** a set counts once, in full, for *each* of its exercise's primary
  muscles (library column ``primary_muscles``). A body-weight squat set counts
  one set for the gluteus maximus and one for the quadriceps, so the muscle
  totals of a week can add up to more than its sets. Secondary muscles are not
  counted; exercises missing from the library have no muscles and are left out
  of the muscle summary only.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from . import plan_rules as rules
from .exercises import load_exercises
from .schema import MUSCLE_IDS

#: Set types counted as training volume by default (warm-ups are not).
VOLUME_SET_TYPES = ("working", "test")
#: The self-assessment test tracked over time: single-leg bridge repetitions to failure
#: (notebook 03; ``freckleton_2014``, protocol and norms ``nelson_healthhp_bridge``, secondary).
BRIDGE_TEST_EXERCISE = "single_leg_glute_bridge"
#: A left-right difference above this share of the stronger side is flagged (in %). A planning
#: threshold of this curriculum, not a research cut-off: Freckleton et al. 2014 found that a
#: lower right-leg score predicted a right hamstring injury, but gave no cut-off.
ASYMMETRY_FLAG_PCT = 15
#: Weeks in the rolling mean of the glute-feel trend (a planning choice: about a month).
ROLLING_WEEKS = 4

WEEKLY_EXERCISE_COLUMNS = ("week_start", "exercise_id", "sets", "reps", "duration_s", "minutes")
WEEKLY_MUSCLE_COLUMNS = ("week_start", "muscle", "sets", "minutes")
ADHERENCE_EXERCISE_COLUMNS = (
    "week",
    "week_start",
    "exercise_id",
    "planned_sets",
    "done_sets",
    "moved_sets",
    "extra_sets",
)
ADHERENCE_COLUMNS = (
    "week",
    "week_start",
    "planned_sets",
    "done_sets",
    "moved_sets",
    "extra_sets",
    "adherence_pct",
    "complete",
)
BEST_COLUMNS = (
    "exercise_id",
    "most_reps",
    "most_reps_date",
    "longest_hold_s",
    "longest_hold_date",
    "heaviest_kg",
    "heaviest_load",
    "heaviest_unit",
    "heaviest_date",
)
BRIDGE_COLUMNS = ("date", "left", "right", "gap_pct", "weaker", "flagged")
FEEL_COLUMNS = ("week_start", "rated_sets", "mean_feel", "rolling_mean")

_DATETIME = "datetime64[ns]"


# --- helpers ---


def _empty(columns: tuple[str, ...], dtypes: dict[str, str]) -> pd.DataFrame:
    """Return an empty frame with the given columns; those not in ``dtypes`` hold ``object``."""
    return pd.DataFrame(
        {c: pd.Series([], dtype=dtypes.get(c, "object")) for c in columns}, columns=list(columns)
    )


def _finish(table: pd.DataFrame, columns: tuple[str, ...], dtypes: dict[str, str]) -> pd.DataFrame:
    """Return ``columns`` of ``table`` in order, text columns as ``object`` holding ``str``."""
    return table[list(columns)].astype({c: dtypes.get(c, "object") for c in columns})


def _floats(series: pd.Series) -> np.ndarray:
    """Return a nullable column as float64 with NaN for missing values."""
    return series.to_numpy(dtype="float64", na_value=np.nan)


def _days(series: pd.Series) -> pd.Series:
    """Return the calendar day (midnight) of each timestamp, as ``datetime64[ns]``."""
    return series.astype(_DATETIME).dt.normalize()


def _as_timestamp(day: date | datetime | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def week_start(datetimes: pd.Series) -> pd.Series:
    """Return the Monday that starts the calendar week of each timestamp.

    Parameters
    ----------
    datetimes : pandas.Series
        Timestamps (``datetime64``).

    Returns
    -------
    pandas.Series
        ``datetime64[ns]`` at midnight of the week's Monday, same index.

    Examples
    --------
    >>> stamps = pd.Series(pd.to_datetime(["2025-03-05 18:30", "2025-03-09 07:00"]))
    >>> week_start(stamps).dt.date.tolist()
    [datetime.date(2025, 3, 3), datetime.date(2025, 3, 3)]
    """
    days = datetimes.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    # Day 0 of numpy's calendar, 1970-01-01, was a Thursday: +3 makes Monday 0.
    weekday = (days.view("int64") + 3) % 7
    mondays = (days - weekday.astype("timedelta64[D]")).astype("datetime64[ns]")
    mondays[np.isnat(days)] = np.datetime64("NaT")
    return pd.Series(mondays, index=datetimes.index, name=datetimes.name)


def runner_log(log: pd.DataFrame, athlete: str) -> pd.DataFrame:
    """Return the sets of one runner (exact match of the ``athlete`` text).

    Parameters
    ----------
    log : pandas.DataFrame
        A log with the columns of :data:`~gluteutils.log_columns.LOG_COLUMNS`.
    athlete : str
        The runner's name as logged.

    Returns
    -------
    pandas.DataFrame
        The matching rows, in the log's order.
    """
    return log[log["athlete"] == athlete]


def _volume_mask(log: pd.DataFrame, include_warmups: bool) -> np.ndarray:
    set_type = log["set_type"].to_numpy()
    if include_warmups:
        return np.ones(len(log), dtype=bool)
    return set_type != "warmup"


def _seconds_per_rep(exercise_ids: pd.Series, library: pd.DataFrame | None) -> np.ndarray:
    """Planning seconds per repetition of each exercise (steps are quicker, see module doc)."""
    library = load_exercises() if library is None else library
    steps = set(library.loc[library["measure"] == "steps", "exercise_id"])
    return np.where(
        exercise_ids.isin(steps).to_numpy(), rules.SECONDS_PER_STEP, rules.SECONDS_PER_REP
    ).astype("float64")


# --- weekly volume ---


def weekly_by_exercise(
    log: pd.DataFrame, library: pd.DataFrame | None = None, *, include_warmups: bool = False
) -> pd.DataFrame:
    """Add up sets, repetitions and time per calendar week and exercise.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log (:data:`~gluteutils.log_columns.LOG_COLUMNS`).
    library : pandas.DataFrame, optional
        The exercises table, for the exercises measured in steps; loaded when
        not given.
    include_warmups : bool
        Count warm-up sets too (by default only working and test sets count).

    Returns
    -------
    pandas.DataFrame
        One row per week and exercise with any set, sorted by ``week_start``
        then ``exercise_id``:

        ``week_start``
            Monday of the week (``datetime64[ns]``).
        ``exercise_id``
            The exercise.
        ``sets``
            Number of sets (rows; each side is a set), ``int64``.
        ``reps``
            Repetitions (or steps) of the sets with repetitions, ``int64``.
        ``duration_s``
            Seconds of the timed sets, ``int64``.
        ``minutes``
            Estimated time under work: the timed seconds plus repetitions
            times the seconds per repetition (see the module notes), in
            minutes, ``float64``. Rest is not included.
    """
    dtypes = {
        "week_start": _DATETIME,
        "sets": "int64",
        "reps": "int64",
        "duration_s": "int64",
        "minutes": "float64",
    }
    if log.empty:
        return _empty(WEEKLY_EXERCISE_COLUMNS, dtypes)
    keep = _volume_mask(log, include_warmups)
    # Only the four columns the sums need, so a large log is not copied whole.
    frame = pd.DataFrame(
        {
            "week_start": week_start(log["datetime"]).to_numpy()[keep],
            "exercise_id": log["exercise_id"].to_numpy()[keep],
            "reps": np.nan_to_num(_floats(log["reps"])[keep]),
            "duration_s": np.nan_to_num(_floats(log["duration_s"])[keep]),
        }
    )
    if frame.empty:
        return _empty(WEEKLY_EXERCISE_COLUMNS, dtypes)
    grouped = frame.groupby(["week_start", "exercise_id"], sort=True)
    table = grouped.agg(
        sets=("reps", "size"), reps=("reps", "sum"), duration_s=("duration_s", "sum")
    ).reset_index()
    seconds = table["duration_s"] + table["reps"] * _seconds_per_rep(table["exercise_id"], library)
    table["minutes"] = seconds / 60.0
    return _finish(table, WEEKLY_EXERCISE_COLUMNS, dtypes)


def primary_muscles(library: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the primary muscles of each exercise, one row per exercise and muscle.

    Parameters
    ----------
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise_id`` and ``muscle`` (a
        :data:`~gluteutils.schema.MUSCLE_IDS` value).
    """
    library = load_exercises() if library is None else library
    pairs = [
        (exercise_id, muscle)
        for exercise_id, muscles in zip(
            library["exercise_id"], library["primary_muscles"], strict=True
        )
        for muscle in muscles
    ]
    return pd.DataFrame(pairs, columns=["exercise_id", "muscle"], dtype="object")


def weekly_by_muscle(
    log: pd.DataFrame, library: pd.DataFrame | None = None, *, include_warmups: bool = False
) -> pd.DataFrame:
    """Add up sets and time per calendar week and primary muscle.

    A set counts in full for each primary muscle of its exercise (see the
    module notes), so the muscles of a week can add up to more sets than were
    done.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.
    include_warmups : bool
        Count warm-up sets too.

    Returns
    -------
    pandas.DataFrame
        Columns ``week_start`` (Monday, ``datetime64[ns]``), ``muscle`` (in
        the order of :data:`~gluteutils.schema.MUSCLE_IDS`), ``sets``
        (``int64``) and ``minutes`` (estimated, ``float64``); one row per week
        and muscle with any set.
    """
    library = load_exercises() if library is None else library
    dtypes = {"week_start": _DATETIME, "sets": "int64", "minutes": "float64"}
    weekly = weekly_by_exercise(log, library, include_warmups=include_warmups)
    table = weekly.merge(primary_muscles(library), on="exercise_id", how="inner")
    if table.empty:
        return _empty(WEEKLY_MUSCLE_COLUMNS, dtypes)
    table = table.groupby(["week_start", "muscle"], sort=False, as_index=False)[
        ["sets", "minutes"]
    ].sum()
    table["order"] = table["muscle"].map({m: i for i, m in enumerate(MUSCLE_IDS)})
    table = table.sort_values(["week_start", "order"], kind="stable", ignore_index=True)
    return _finish(table, WEEKLY_MUSCLE_COLUMNS, dtypes)


# --- adherence to a plan ---


def plan_start(plan: pd.DataFrame) -> date:
    """Return the first day of a plan's week 1.

    A plan's ``week`` is counted in whole weeks from the profile's start date,
    which the plan does not store. This returns the latest start consistent
    with every row: the start date itself whenever the runner trains or runs
    on it (the usual case), otherwise the first day of week 1 with a session.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan (:func:`gluteutils.plan.build_plan` or :func:`gluteutils.plan_csv.read_plan`).

    Returns
    -------
    datetime.date
        The first day of week 1.

    Raises
    ------
    ValueError
        If the plan has no rows.
    """
    if plan.empty:
        raise ValueError("the plan has no rows")
    days = pd.to_datetime(pd.Series(plan["date"].to_numpy())).dt.normalize()
    weeks = plan["week"].to_numpy(dtype="int64")
    anchors = days - pd.to_timedelta((weeks - 1) * 7, unit="D")
    return anchors.min().date()


def planned_sets(plan: pd.DataFrame) -> pd.Series:
    """Return the number of sets each plan row asks for.

    ``sets`` times the sides: an ``each_side`` row of 2 sets asks for 2 sets on
    each leg, 4 in all, because the log has one row per side. ``both`` and
    ``alternating`` rows count their sets once (alternating legs make one
    set). A time-boxed row without a set count (the activation block, some
    pre-run moves) counts as **one** planned set, done by any logged set of
    that exercise: so weeks of activation work can be followed too.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.

    Returns
    -------
    pandas.Series
        ``int64``, aligned with the plan's rows.
    """
    sets = plan["sets"].to_numpy(dtype="float64", na_value=np.nan)
    sides = np.where(plan["side"].to_numpy() == "each_side", 2, 1)
    return pd.Series(
        np.where(np.isnan(sets), 1, np.nan_to_num(sets) * sides).astype("int64"), index=plan.index
    )


def adherence_by_exercise(
    log: pd.DataFrame,
    plan: pd.DataFrame,
    *,
    until: date | datetime | None = None,
    start: date | None = None,
) -> pd.DataFrame:
    """Compare the working sets done with the sets planned, per plan week and exercise.

    **Matching.** A working set (``set_type == "working"``; warm-ups and tests
    are not planned sets) matches a plan row of the same ``exercise_id`` in the
    same *plan week*. So a session moved to another day of the same week still
    counts: that is the tolerance for a moved day. A set done in another week,
    or of an exercise the plan does not have that week, is an *extra* set, and
    sets beyond the planned number are extra too: done sets never exceed the
    planned ones. Sets matched in the week but not on a day the exercise was
    planned are counted as *moved*.

    **Weeks** run for 7 days from :func:`plan_start` (or ``start``). Every plan
    week that has begun by ``until`` is shown in full, so the last week may
    still be in progress (see ``complete`` in :func:`weekly_adherence`).

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.
    plan : pandas.DataFrame
        That runner's plan.
    until : date or datetime, optional
        The last day to count (inclusive); later sets and plan weeks are left
        out. By default the day of the last logged set.
    start : date, optional
        The first day of plan week 1, when it is known (the profile's
        ``start_date``); by default :func:`plan_start`.

    Returns
    -------
    pandas.DataFrame
        Sorted by ``week`` and ``exercise_id``, all counts ``int64``:

        ``week``, ``week_start``
            Plan week and its first day (``datetime64[ns]``).
        ``exercise_id``
            The exercise.
        ``planned_sets``
            Sets the plan asks for that week (:func:`planned_sets`).
        ``done_sets``
            Working sets matched to the plan, at most ``planned_sets``.
        ``moved_sets``
            Of ``done_sets``, those done on a day the plan did not put the
            exercise on.
        ``extra_sets``
            Working sets beyond the plan.

        Empty when the log or the plan is empty.
    """
    dtypes = {c: "int64" for c in ADHERENCE_EXERCISE_COLUMNS if c.endswith("_sets")}
    dtypes |= {"week": "int64", "week_start": _DATETIME}
    detail = _adherence_detail(log, plan, until, start)
    if detail is None:
        return _empty(ADHERENCE_EXERCISE_COLUMNS, dtypes)
    return _finish(pd.DataFrame(detail), ADHERENCE_EXERCISE_COLUMNS, dtypes)


def _adherence_detail(
    log: pd.DataFrame,
    plan: pd.DataFrame,
    until: date | datetime | None,
    start: date | None,
) -> dict[str, np.ndarray] | None:
    """Return the columns of :func:`adherence_by_exercise` as arrays, or ``None`` when empty.

    Days and weeks are whole numbers from the first day of week 1, grouped with
    numpy: the clinic dashboard calls this once per athlete, and pandas' overhead
    per call dominated at these sizes.
    """
    if log.empty or plan.empty:
        return None
    first = _as_timestamp(start if start is not None else plan_start(plan))
    last = _as_timestamp(until) if until is not None else _days(log["datetime"]).max()
    if pd.isna(last):
        return None
    origin, horizon = first.to_datetime64(), (last - first).days
    plan_day, plan_dated = _day_numbers(pd.to_datetime(pd.Series(plan["date"].to_numpy())), origin)
    keep = plan_dated & (plan_day >= 0) & (plan_day // 7 * 7 <= horizon)  # weeks begun by ``last``
    if not keep.any():
        return None
    log_day, log_dated = _day_numbers(log["datetime"], origin)
    working = log_dated & (log["set_type"] == "working").to_numpy(dtype=bool, na_value=False)
    working &= (log_day >= 0) & (log_day <= horizon)
    working &= np.isin(log_day // 7, np.unique(plan_day[keep] // 7))
    # Exercises as codes in sorted order, so (day or week) * n + code sorts like the keys.
    plan_ids = plan["exercise_id"].to_numpy(dtype=object)[keep]
    codes, exercises = pd.factorize(
        np.concatenate([plan_ids, log["exercise_id"].to_numpy(dtype=object)[working]]), sort=True
    )
    n = max(len(exercises), 1)
    plan_code, done_code = codes[: len(plan_ids)], codes[len(plan_ids) :]
    planned = planned_sets(plan).to_numpy()[keep][plan_code >= 0]  # no exercise, no group
    plan_day, plan_code = plan_day[keep][plan_code >= 0], plan_code[plan_code >= 0]
    done_day, done_code = log_day[working][done_code >= 0], done_code[done_code >= 0]
    plan_day_key, done_day_key = plan_day * n + plan_code, done_day * n + done_code
    plan_week_key, done_week_key = plan_day // 7 * n + plan_code, done_day // 7 * n + done_code
    # One row per plan week and exercise found in the plan or in the working sets.
    week_keys = np.unique(np.concatenate([plan_week_key, done_week_key]))
    planned_week = _sum_by(week_keys, plan_week_key, planned)
    done_week = _sum_by(week_keys, done_week_key, None)
    # Sets done on a day the exercise was planned, at most the sets planned that day.
    both = np.intersect1d(plan_day_key, done_day_key)
    on_day = np.minimum(_sum_by(both, plan_day_key, planned), _sum_by(both, done_day_key, None))
    on_planned_day = _sum_by(week_keys, both // n // 7 * n + both % n, on_day)
    done_sets = np.minimum(planned_week, done_week)
    weeks = week_keys // n + 1
    return {
        "week": weeks,
        "week_start": origin + ((weeks - 1) * 7).astype("timedelta64[D]"),
        "exercise_id": np.asarray(exercises, dtype=object)[week_keys % n],
        "planned_sets": planned_week,
        "done_sets": done_sets,
        "moved_sets": done_sets - np.minimum(on_planned_day, done_sets),
        "extra_sets": done_week - done_sets,
    }


def _day_numbers(stamps: pd.Series, origin: np.datetime64) -> tuple[np.ndarray, np.ndarray]:
    """Return whole days from ``origin`` to each timestamp's day, and which are not missing."""
    days = stamps.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    valid = ~np.isnat(days)
    numbers = np.where(valid, (days - origin.astype("datetime64[D]")).astype("int64"), 0)
    return numbers, valid


def _sum_by(keys: np.ndarray, found: np.ndarray, values: np.ndarray | None) -> np.ndarray:
    """Add up ``values`` (or count rows, when ``None``) per key of the sorted ``keys``."""
    if found.size == 0 or keys.size == 0:
        return np.zeros(keys.size, dtype="int64")
    position = np.searchsorted(keys, found)
    inside = position < keys.size
    inside[inside] = keys[position[inside]] == found[inside]
    weights = None if values is None else np.asarray(values, dtype="int64")[inside]
    return np.bincount(position[inside], weights=weights, minlength=keys.size).astype("int64")


def weekly_adherence(
    log: pd.DataFrame,
    plan: pd.DataFrame,
    *,
    until: date | datetime | None = None,
    start: date | None = None,
) -> pd.DataFrame:
    """Return the share of planned sets done, per plan week.

    Matching as in :func:`adherence_by_exercise` (same exercise, same plan
    week, so a day moved within the week still counts).

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.
    plan : pandas.DataFrame
        That runner's plan.
    until : date or datetime, optional
        Last day to count; by default the day of the last logged set.
    start : date, optional
        First day of plan week 1 (by default :func:`plan_start`).

    Returns
    -------
    pandas.DataFrame
        One row per plan week that has begun, in order: ``week``,
        ``week_start``, ``planned_sets``, ``done_sets``, ``moved_sets``,
        ``extra_sets`` (``int64``), ``adherence_pct`` (100 x done / planned,
        rounded to 0.1; ``float64``) and ``complete`` (``bool``: the week
        ended on or before ``until``; otherwise it is still in progress).
    """
    dtypes = {c: "int64" for c in ADHERENCE_COLUMNS if c.endswith("_sets")}
    dtypes |= {
        "week": "int64",
        "week_start": _DATETIME,
        "adherence_pct": "float64",
        "complete": "bool",
    }
    detail = _adherence_detail(log, plan, until, start)
    if detail is None:
        return _empty(ADHERENCE_COLUMNS, dtypes)
    last = _as_timestamp(until) if until is not None else _days(log["datetime"]).max()
    weeks, first_row, row_week = np.unique(detail["week"], return_index=True, return_inverse=True)
    starts = detail["week_start"][first_row].astype(_DATETIME)
    table: dict[str, np.ndarray] = {"week": weeks, "week_start": starts}
    for column in ("planned_sets", "done_sets", "moved_sets", "extra_sets"):
        sums = np.bincount(row_week, weights=detail[column], minlength=len(weeks))
        table[column] = sums.astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):  # a week with nothing planned
        share = 100.0 * table["done_sets"] / table["planned_sets"]
    table["adherence_pct"] = np.round(share, 1)
    table["complete"] = starts + np.timedelta64(6, "D") <= last.to_datetime64()
    return pd.DataFrame(table, columns=list(ADHERENCE_COLUMNS))


# --- personal bests ---


def _best(frame: pd.DataFrame, column: str, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return the largest value of ``column`` per exercise, with the first day it was reached."""
    rows = frame.loc[frame[column].notna(), ["exercise_id", column, "date", *extra]]
    rows = rows.sort_values(
        ["exercise_id", column, "date"], ascending=[True, False, True], kind="stable"
    )
    return rows.drop_duplicates("exercise_id")


def personal_bests(log: pd.DataFrame, *, include_warmups: bool = False) -> pd.DataFrame:
    """Return the best set of each exercise: most repetitions, longest hold, heaviest load.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.
    include_warmups : bool
        Count warm-up sets too (by default working and test sets).

    Returns
    -------
    pandas.DataFrame
        One row per exercise with any set, sorted by ``exercise_id``. Each
        date is the *first* day the best was reached (``datetime64[ns]``,
        NaT when the exercise has no such set):

        ``most_reps``, ``most_reps_date``
            Most repetitions (or steps) in one set (``Int64``).
        ``longest_hold_s``, ``longest_hold_date``
            Longest timed set in seconds (``Int64``).
        ``heaviest_kg``, ``heaviest_date``
            Heaviest added load in kg (``float64``; body-weight sets have none).
        ``heaviest_load``, ``heaviest_unit``
            That load as the runner logged it, and its unit.
    """
    dtypes = {
        "most_reps": "Int64",
        "most_reps_date": _DATETIME,
        "longest_hold_s": "Int64",
        "longest_hold_date": _DATETIME,
        "heaviest_kg": "float64",
        "heaviest_load": "float64",
        "heaviest_date": _DATETIME,
    }
    if log.empty:
        return _empty(BEST_COLUMNS, dtypes)
    keep = _volume_mask(log, include_warmups)
    frame = pd.DataFrame(
        {
            "exercise_id": log["exercise_id"].to_numpy()[keep],
            "date": _days(log["datetime"]).to_numpy()[keep],
            "reps": _floats(log["reps"])[keep],
            "duration_s": _floats(log["duration_s"])[keep],
            "load_kg": _floats(log["load_kg"])[keep],
            "load": _floats(log["load"])[keep],
            "load_unit": log["load_unit"].to_numpy()[keep],
        }
    )
    if frame.empty:
        return _empty(BEST_COLUMNS, dtypes)
    frame.loc[frame["load_kg"] <= 0, "load_kg"] = np.nan  # zero added load is body weight
    table = pd.DataFrame({"exercise_id": sorted(frame["exercise_id"].unique())})
    for column, name, date_name, extra in (
        ("reps", "most_reps", "most_reps_date", ()),
        ("duration_s", "longest_hold_s", "longest_hold_date", ()),
        ("load_kg", "heaviest_kg", "heaviest_date", ("load", "load_unit")),
    ):
        best = _best(frame, column, extra).rename(
            columns={
                column: name,
                "date": date_name,
                "load": "heaviest_load",
                "load_unit": "heaviest_unit",
            }
        )
        table = table.merge(best, on="exercise_id", how="left")
    table["heaviest_unit"] = table["heaviest_unit"].fillna("").astype("object")
    return _finish(table, BEST_COLUMNS, dtypes)


# --- self-assessment over time ---


def gap_pct(left: float, right: float) -> float:
    """Return the left-right difference in % of the larger side (NaN if both are 0 or missing).

    Examples
    --------
    >>> gap_pct(20, 17)
    15.0
    >>> gap_pct(10, 10)
    0.0
    """
    larger = max(left, right)
    if not larger > 0:  # also NaN
        return float("nan")
    return 100.0 * abs(left - right) / larger


def is_asymmetric(left: float, right: float, threshold_pct: float = ASYMMETRY_FLAG_PCT) -> bool:
    """Whether the gap between the sides is *over* ``threshold_pct`` % of the larger side.

    Compared without dividing, so a gap of exactly the threshold (20 and 17
    repetitions: 15 %) is never flagged through a rounding error.

    Examples
    --------
    >>> is_asymmetric(20, 17), is_asymmetric(20, 16)
    (False, True)
    """
    if pd.isna(left) or pd.isna(right):
        return False
    larger = max(left, right)
    return larger > 0 and 100 * abs(left - right) > threshold_pct * larger


def bridge_tests(log: pd.DataFrame) -> pd.DataFrame:
    """Return the single-leg bridge test results per day: repetitions per side and the gap.

    Reads the ``set_type == "test"`` rows of :data:`BRIDGE_TEST_EXERCISE` with
    a side of ``left`` or ``right`` (repetitions to failure, notebook 03). When
    a side was tested more than once in a day its best set counts.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.

    Returns
    -------
    pandas.DataFrame
        One row per day with a test, in date order:

        ``date``
            The day (``datetime64[ns]``).
        ``left``, ``right``
            Repetitions (``Int64``; NA when that side was not tested).
        ``gap_pct``
            Difference between the sides in % of the larger side
            (:func:`gap_pct`; ``float64``, NaN without both sides).
        ``weaker``
            ``"left"``, ``"right"``, or ``""`` when equal or not comparable.
        ``flagged``
            ``bool``: the gap is over :data:`ASYMMETRY_FLAG_PCT` %
            (:func:`is_asymmetric`).
    """
    dtypes = {
        "date": _DATETIME,
        "left": "Int64",
        "right": "Int64",
        "gap_pct": "float64",
        "flagged": "bool",
    }
    mask = (
        (log["set_type"] == "test")
        & (log["exercise_id"] == BRIDGE_TEST_EXERCISE)
        & log["side"].isin(("left", "right"))
        & log["reps"].notna()
    )
    if not mask.any():
        return _empty(BRIDGE_COLUMNS, dtypes)
    rows = pd.DataFrame(
        {
            "date": _days(log.loc[mask, "datetime"]),
            "side": log.loc[mask, "side"],
            "reps": _floats(log.loc[mask, "reps"]),
        }
    )
    table = rows.groupby(["date", "side"])["reps"].max().unstack("side")
    table = table.reindex(columns=["left", "right"]).reset_index()
    table.columns.name = None
    left, right = table["left"], table["right"]
    table["gap_pct"] = [gap_pct(a, b) for a, b in zip(left, right, strict=True)]
    table["weaker"] = np.select([left < right, right < left], ["left", "right"], default="")
    table["weaker"] = table["weaker"].astype("object")
    table["flagged"] = [is_asymmetric(a, b) for a, b in zip(left, right, strict=True)]
    return _finish(table, BRIDGE_COLUMNS, dtypes)


# --- glute feel ---


def glute_feel_trend(log: pd.DataFrame, *, window: int = ROLLING_WEEKS) -> pd.DataFrame:
    """Return the weekly mean of the glute-feel rating and a rolling mean over weeks.

    Every set with a rating counts, whatever its type: the rating says how
    clearly the glutes worked (0 not at all, 10 very clearly).

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.
    window : int
        Weeks in the rolling mean (:data:`ROLLING_WEEKS` by default).

    Returns
    -------
    pandas.DataFrame
        One row per calendar week from the first to the last week with a
        rating, weeks without one included (so gaps show):

        ``week_start``
            Monday of the week (``datetime64[ns]``).
        ``rated_sets``
            Sets with a rating that week (``int64``).
        ``mean_feel``
            Mean rating of those sets (``float64``; NaN without any).
        ``rolling_mean``
            Mean rating of all rated sets of this week and the ``window - 1``
            weeks before it (each set weighs the same; NaN without any).

    Raises
    ------
    ValueError
        If ``window`` is smaller than 1.
    """
    if window < 1:
        raise ValueError("window must be at least 1 week")
    dtypes = {
        "week_start": _DATETIME,
        "rated_sets": "int64",
        "mean_feel": "float64",
        "rolling_mean": "float64",
    }
    feel = _floats(log["glute_feel"])
    rated = ~np.isnan(feel)
    if not rated.any():
        return _empty(FEEL_COLUMNS, dtypes)
    frame = pd.DataFrame(
        {"week_start": week_start(log["datetime"]).to_numpy()[rated], "feel": feel[rated]}
    )
    weekly = frame.groupby("week_start")["feel"].agg(["size", "sum"])
    weeks = pd.date_range(weekly.index.min(), weekly.index.max(), freq="7D")
    weekly = weekly.reindex(weeks, fill_value=0)
    counts, sums = weekly["size"], weekly["sum"]
    rolling_counts = counts.rolling(window, min_periods=1).sum()
    rolling_sums = sums.rolling(window, min_periods=1).sum()
    table = pd.DataFrame(
        {
            "week_start": weeks,
            "rated_sets": counts.to_numpy(),
            "mean_feel": (sums / counts.where(counts > 0)).to_numpy(),
            "rolling_mean": (rolling_sums / rolling_counts.where(rolling_counts > 0)).to_numpy(),
        }
    )
    return _finish(table, FEEL_COLUMNS, dtypes)
