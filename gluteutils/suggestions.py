"""Next-step suggestions from a training log: progress, hold, step back, lighter week, flags, stop.

:func:`suggest_next_steps` reads one runner's log (the contract of
:mod:`gluteutils.log_columns`), optionally the plan, and returns a list of
:class:`Suggestion`. Each rule is a small pure function with its sources
(``source_id`` values in ``data/sources.csv``); the thresholds are named
constants, and those that are *planning choices* of this curriculum rather
than research findings say so. The rules, in the order they are applied:

1. :func:`rule_red_flags`: a ticked red flag stops all training: see a
   clinician. Nothing else is suggested.
2. :func:`rule_pain`: pain of :data:`PAIN_STOP` or more out of 10 in an
   exercise in the last :data:`RECENT_DAYS` days: stop it and see a clinician.
   It overrides every other suggestion for that exercise, always comes first,
   and while it stands no other exercise is progressed either (they hold).
3. :func:`rule_step_back`: poor glute feel in the last session, or effort
   (RPE, or reps in reserve) rising session after session at no heavier load.
4. :func:`rule_lighter_week`: a lighter week after 4 to 6 loading weeks, or
   when weekly effort keeps rising. No exercise is progressed while it stands.
5. :func:`rule_asymmetry`: a left-right gap over
   :data:`~gluteutils.progress.ASYMMETRY_FLAG_PCT` % in the latest single-leg
   bridge test.
6. :func:`rule_progress`: the top of the repetition range on every set with
   good glute feel: a harder variation, or 2 to 10 % more load. Not during a
   pain check, a due lighter week or a lighter week of the plan: then hold.
7. :func:`rule_hold`: otherwise, keep the dose and say what is missing.

The runner sees them in the order of :data:`SUGGESTION_KINDS`: stop first, then
step back, lighter week, asymmetry, hold and progress.

Suggestions are education, not medical advice; they never replace a clinician.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd

from . import plan_rules as rules
from .assessment import check_red_flags
from .assessment_questions import PAIN_STOP, RED_FLAGS
from .exercises import load_exercises
from .plan_columns import PLAN_STAGES
from .progress import (
    ASYMMETRY_FLAG_PCT,
    BRIDGE_TEST_EXERCISE,
    bridge_tests,
    plan_start,
    week_start,
)

#: Kinds of suggestion, in the order they are shown (caution first).
SUGGESTION_KINDS = (
    "stop_and_see_clinician",
    "step_back",
    "lighter_week",
    "flag_asymmetry",
    "hold",
    "progress",
)

#: Glute feel (0-10) at or above this on every set is "good" (a planning choice: the glutes
#: clearly worked, Arsenault's first step being to feel them contract).
GOOD_FEEL = 7
#: A last session whose mean glute feel is below this is "poor" (a planning choice).
POOR_FEEL_BELOW = 4
#: Days looked back for pain and for the exercises to suggest on (a planning choice).
RECENT_DAYS = 14
#: Sessions (per exercise) or weeks (for the lighter week) of effort rising every time that
#: count as "effort keeps rising" (a planning choice).
EFFORT_RUN = 3
#: Effort must also rise by at least this much over the run (RPE points, or reps in reserve),
#: so small day-to-day wobbles do not count (a planning choice).
EFFORT_MIN_RISE = 1.0
#: ACSM: add 2-10 % load once one or two repetitions beyond the target are possible.
LOAD_STEP_MIN_PCT = 2
LOAD_STEP_MAX_PCT = 10
#: A lighter week after 4 to 6 loading weeks (the plan's rule, ``plan_rules.MIN_LIGHTER_SPACING``).
LOADING_WEEKS_MIN = rules.MIN_LIGHTER_SPACING
LOADING_WEEKS_MAX = 6
#: Categories of the library whose sets train a skill or mobility, not strength: a week of
#: only these is not a loading week (the plan's activate stage has no strength days).
SKILL_CATEGORIES = frozenset({"activation", "mobility", "drill"})
#: Without a plan, a logged week with at most this share of the working sets of the busiest
#: week before it counts as lighter (a planning choice; the plan's lighter weeks drop a set).
LIGHTER_SETS_SHARE = 0.75

PAIN_SOURCES = ("prince_uesca",)
PROGRESS_SOURCES = ("ratamess_2009", "arsenault_livestrong")
STEP_BACK_SOURCES = ("arsenault_livestrong",)
POOR_FEEL_SOURCES = ("arsenault_livestrong", "prince_uesca")
LIGHTER_WEEK_SOURCES = ("ratamess_2009",)
ASYMMETRY_SOURCES = ("freckleton_2014", "nelson_healthhp_bridge")

_DATETIME = "datetime64[ns]"


@dataclass(frozen=True)
class Suggestion:
    """One next step for the runner.

    Attributes
    ----------
    exercise_id : str or None
        The exercise it is about, or ``None`` for the whole training.
    kind : str
        One of :data:`SUGGESTION_KINDS`.
    message : str
        What to do, in plain words (plain text: escape it before putting it in HTML).
    reasons : tuple of str
        Why, one plain sentence each, with the numbers from the log.
    sources : tuple of str
        ``source_id`` values behind the rule.
    """

    exercise_id: str | None
    kind: str
    message: str
    reasons: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in SUGGESTION_KINDS:
            raise ValueError(f"unknown suggestion kind {self.kind!r}")


@dataclass(frozen=True)
class ExerciseInfo:
    """What the rules need to know about one exercise of the library.

    Attributes
    ----------
    exercise_id, name, measure : str
        As in the exercises table (``name`` is the id for an unknown exercise).
    reps_max : int or None
        Top of the library's repetition range.
    harder, easier : tuple of str
        Names of the library's harder and easier variations.
    position : int
        Place in the library (unknown exercises come last).
    category : str
        ``strength``, ``activation``, ``mobility`` or ``drill``; empty when unknown.
    """

    exercise_id: str
    name: str
    measure: str = ""
    reps_max: int | None = None
    harder: tuple[str, ...] = ()
    easier: tuple[str, ...] = ()
    position: int = 10_000
    category: str = ""


def exercise_infos(library: pd.DataFrame | None = None) -> dict[str, ExerciseInfo]:
    """Return an :class:`ExerciseInfo` for every exercise of the library, by id.

    Parameters
    ----------
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.

    Returns
    -------
    dict of str to ExerciseInfo
        In library order.
    """
    library = load_exercises() if library is None else library
    names = dict(zip(library["exercise_id"], library["name"], strict=True))
    infos: dict[str, ExerciseInfo] = {}
    for position, row in enumerate(library.to_dict("records")):
        reps_max = row["reps_max"]
        infos[row["exercise_id"]] = ExerciseInfo(
            exercise_id=row["exercise_id"],
            name=str(row["name"]),
            measure=str(row["measure"]),
            reps_max=None if pd.isna(reps_max) else int(reps_max),
            harder=tuple(names.get(i, i) for i in row["harder"]),
            easier=tuple(names.get(i, i) for i in row["easier"]),
            position=position,
            category=str(row["category"]),
        )
    return infos


def _info(infos: dict[str, ExerciseInfo], exercise_id: str) -> ExerciseInfo:
    return infos.get(exercise_id) or ExerciseInfo(exercise_id, exercise_id)


def _floats(series: pd.Series) -> np.ndarray:
    return series.to_numpy(dtype="float64", na_value=np.nan)


def _days(series: pd.Series) -> pd.Series:
    return series.astype(_DATETIME).dt.normalize()


def _num(value: float) -> str:
    """Format a number for a message: at most one decimal, no trailing zero."""
    return f"{round(float(value), 1):g}"


def _join(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


# --- rule 1: red flags ---


def rule_red_flags(flags: Iterable[str]) -> Suggestion | None:
    """Stop all training and see a clinician when a red flag is ticked.

    The red flags are the questions of notebook 03
    (:data:`~gluteutils.assessment_questions.RED_FLAGS`): worsening pain,
    numbness, leg weakness, deep groin pain, a catching hip, night pain,
    saddle numbness or bladder trouble, trauma, fever or weight loss, pain in a
    test. Sources: those of each ticked flag (``ahcpr_1994``,
    ``robertson_wood_2017``, ``bmc_labral_tear``).

    Parameters
    ----------
    flags : iterable of str
        Names of the ticked red flags (keys of ``RED_FLAGS``).

    Returns
    -------
    Suggestion or None
        A ``stop_and_see_clinician`` suggestion about no single exercise, or
        ``None`` when no flag is ticked.

    Raises
    ------
    ValueError
        If a name is not a red flag.
    """
    ticked = list(flags)
    unknown = [f for f in ticked if f not in RED_FLAGS]
    if unknown:
        raise ValueError(f"not a red flag: {', '.join(unknown)}")
    referral = check_red_flags(dict.fromkeys(ticked, True))
    if referral is None:
        return None
    return Suggestion(
        None, "stop_and_see_clinician", referral.message, referral.reasons, referral.sources
    )


# --- rule 2: pain ---


def rule_pain(sets: pd.DataFrame, info: ExerciseInfo) -> Suggestion | None:
    """Stop an exercise and see a clinician after pain of :data:`PAIN_STOP`/10 or more.

    Exercises should not hurt (notebooks 03-05); the threshold of 4 out of 10
    is this curriculum's safety rule, not a research finding. Prince advises a
    physical therapist who works with runners when problems keep coming back
    (``prince_uesca``).

    Parameters
    ----------
    sets : pandas.DataFrame
        The exercise's sets to look at (any set type), log columns.
    info : ExerciseInfo
        The exercise.

    Returns
    -------
    Suggestion or None
        ``stop_and_see_clinician`` naming the worst pain, its day and where it
        was felt, or ``None`` when no set reached the threshold.
    """
    pain = _floats(sets["pain"])
    painful = sets[pain >= PAIN_STOP]
    if painful.empty:
        return None
    reasons = []
    for row in painful.sort_values("datetime").to_dict("records"):
        where = f" ({row['pain_where']})" if row["pain_where"] else ""
        reasons.append(
            f"{row['datetime']:%Y-%m-%d}: pain {row['pain']} out of 10{where}, at or above "
            f"the stop line of {PAIN_STOP}."
        )
    # the line is ours, and Prince is cited only for whom to see: say both in the output
    reasons.append(
        f"The stop line of {PAIN_STOP} out of 10 is this curriculum's safety rule, not a "
        "research cut-off. Prince (UESCA) advises a physical therapist who works with runners "
        "when problems keep coming back."
    )
    worst = int(np.nanmax(pain))
    message = (
        f"Stop {info.name} and see a clinician (a physical therapist or a doctor) before doing "
        f"it again: you logged pain of {worst} out of 10. Pain is a reason to get checked, not "
        "something to train through; add no load anywhere until then."
    )
    return Suggestion(
        info.exercise_id, "stop_and_see_clinician", message, tuple(reasons), PAIN_SOURCES
    )


# --- rule 3: step back ---


def _rising_effort(
    sessions: pd.DataFrame, run: int = EFFORT_RUN, *, check_load: bool = True, unit: str = "times"
) -> str | None:
    """Say how effort rose over the last ``run`` rated sessions, or return None.

    ``sessions`` has one row per session (or week) in time order with mean
    ``rpe``, mean ``rir`` and the heaviest ``load_kg``. Effort rises when the
    mean RPE goes up every time, or the reps in reserve go down every time,
    by :data:`EFFORT_MIN_RISE` or more in all; with ``check_load``, only if
    the last load is not heavier than the first (a heavier load is expected to
    feel harder).
    """
    for column, label, sign in (("rpe", "RPE", 1), ("rir", "reps in reserve", -1)):
        values = sessions[column].dropna().tail(run)
        steps = np.diff(values.to_numpy()) * sign
        if len(values) < run or not (steps > 0).all() or steps.sum() < EFFORT_MIN_RISE:
            continue
        loads = sessions.loc[values.index, "load_kg"].fillna(0.0)
        if check_load and loads.iloc[-1] > loads.iloc[0]:
            continue
        trend = ", ".join(_num(v) for v in values)
        direction = "rose" if sign > 0 else "fell"
        load = " at no heavier load" if check_load else ""
        return f"Mean {label} {direction} over the last {run} {unit}{load}: {trend}."
    return None


def _sessions(sets: pd.DataFrame) -> pd.DataFrame:
    """One row per day: mean RPE, RIR and glute feel, heaviest load."""
    frame = pd.DataFrame(
        {
            "day": _days(sets["datetime"]).to_numpy(),
            "rpe": _floats(sets["rpe"]),
            "rir": _floats(sets["rir"]),
            "feel": _floats(sets["glute_feel"]),
            "load_kg": _floats(sets["load_kg"]),
        }
    )
    return frame.groupby("day", sort=True).agg(
        rpe=("rpe", "mean"), rir=("rir", "mean"), feel=("feel", "mean"), load_kg=("load_kg", "max")
    )


def rule_step_back(history: pd.DataFrame, info: ExerciseInfo) -> Suggestion | None:
    """Step back when the glutes are not felt or effort keeps rising.

    * **Poor feel:** the mean glute feel of the last session is below
      :data:`POOR_FEEL_BELOW` out of 10. Feeling the glutes contract comes
      first, before strengthening and heavier lifts (``arsenault_livestrong``);
      when they still cannot be felt, Prince advises a physical therapist who
      works with runners (``prince_uesca``).
    * **Rising effort:** over the last :data:`EFFORT_RUN` sessions with a
      rating, the mean RPE rose every time (or the reps in reserve fell every
      time), by :data:`EFFORT_MIN_RISE` or more in all, while the load did not
      go up. The run length and the rise are planning choices.

    Parameters
    ----------
    history : pandas.DataFrame
        The exercise's working sets up to today, log columns.
    info : ExerciseInfo
        The exercise.

    Returns
    -------
    Suggestion or None
        A ``step_back`` suggestion, or ``None``.
    """
    if history.empty:
        return None
    sessions = _sessions(history)
    reasons = []
    sources = STEP_BACK_SOURCES
    last = sessions.iloc[-1]
    poor = not np.isnan(last["feel"]) and last["feel"] < POOR_FEEL_BELOW
    if poor:
        reasons.append(
            f"Glute feel averaged {_num(last['feel'])} out of 10 on "
            f"{sessions.index[-1]:%Y-%m-%d}, below {POOR_FEEL_BELOW}."
        )
        sources = POOR_FEEL_SOURCES
    effort = _rising_effort(sessions)
    if effort:
        reasons.append(effort)
    if not reasons:
        return None
    easier = f", or the easier {_join(info.easier)}" if info.easier else ""
    message = (
        f"Step back on {info.name}: return to the last load or variation that felt good"
        f"{easier}, and focus on feeling the glutes do the work."
    )
    if poor:
        message += (
            " If you still cannot feel them, a physical therapist who works with runners can help."
        )
    return Suggestion(info.exercise_id, "step_back", message, tuple(reasons), sources)


# --- rules 6 and 7: progress or hold ---


def progress_check(
    session: pd.DataFrame, info: ExerciseInfo, top_reps: int | None
) -> tuple[bool, tuple[str, ...]]:
    """Check the progress criteria on one session and say which are met.

    The criteria: every working set reached ``top_reps`` (the top of the
    repetition range) *and* every set has a glute feel of :data:`GOOD_FEEL` or
    more. A set without a rating cannot show good feel.

    Parameters
    ----------
    session : pandas.DataFrame
        The working sets of the exercise's last session (every side).
    info : ExerciseInfo
        The exercise.
    top_reps : int or None
        Top of the repetition range: the plan's ``reps_max`` or the library's.

    Returns
    -------
    tuple of (bool, tuple of str)
        Whether both criteria are met, and one plain sentence per criterion.
    """
    if top_reps is None:
        if info.measure in ("seconds", "metres"):
            return False, (
                f"{info.name} is done for time or distance, not repetitions: this rule does not "
                "progress it; keep the planned dose.",
            )
        return False, (f"There is no repetition range for {info.name} to compare with.",)
    count = len(session)
    reps = _floats(session["reps"])
    reached = int((reps >= top_reps).sum())
    reps_ok = count > 0 and reached == count
    if count == 1:
        done = "The only set reached" if reps_ok else "The only set did not reach"
    else:
        done = f"All {count} sets reached" if reps_ok else f"{reached} of {count} sets reached"
    reasons = [f"{done} {top_reps} repetitions, the top of the range."]
    timed = int((np.isnan(reps) & ~np.isnan(_floats(session["duration_s"]))).sum())
    if timed:
        # a set logged in seconds has no repetitions to count: say so, not just "did not reach"
        sets = "The only set was" if count == 1 else f"{timed} of {count} sets were"
        reasons.append(
            f"{sets} logged in seconds; {info.name} is counted in repetitions: log them to "
            "judge progress."
        )
    feel = _floats(session["glute_feel"])
    unrated = int(np.isnan(feel).sum())
    low = int((feel < GOOD_FEEL).sum())
    feel_ok = count > 0 and unrated == 0 and low == 0
    if feel_ok:
        reasons.append(
            f"Glute feel {GOOD_FEEL} or more on every set (lowest {_num(np.nanmin(feel))})."
        )
    elif unrated:
        reasons.append(
            f"{unrated} of {count} sets have no glute-feel rating: rate every set to judge "
            "progress."
        )
    else:
        reasons.append(
            f"Glute feel below {GOOD_FEEL} on {low} of {count} sets (lowest "
            f"{_num(np.nanmin(feel))})."
        )
    return reps_ok and feel_ok, tuple(reasons)


def load_step(load: float) -> tuple[float, float]:
    """Return the load after adding 2 % and 10 % (ACSM), rounded to 0.1.

    Examples
    --------
    >>> load_step(60)
    (61.2, 66.0)
    """
    low = load * (100 + LOAD_STEP_MIN_PCT) / 100
    high = load * (100 + LOAD_STEP_MAX_PCT) / 100
    return round(low, 1), round(high, 1)


def rule_progress(
    session: pd.DataFrame, info: ExerciseInfo, top_reps: int | None
) -> Suggestion | None:
    """Progress when every set reached the top of the range with good glute feel.

    How (ACSM, ``ratamess_2009``; Arsenault's progressions such as the glute
    bridge to the single-leg bridge, ``arsenault_livestrong``):

    * a **loaded** exercise (an added load in the session): 2-10 % more load,
      from the session's heaviest set, in the unit it was logged in;
    * a **body-weight** exercise: a harder variation from the library's
      ``harder`` column; if there is none, a small added load.

    Parameters
    ----------
    session : pandas.DataFrame
        The working sets of the exercise's last session.
    info : ExerciseInfo
        The exercise.
    top_reps : int or None
        Top of the repetition range.

    Returns
    -------
    Suggestion or None
        A ``progress`` suggestion, or ``None`` when the criteria of
        :func:`progress_check` are not met.
    """
    met, reasons = progress_check(session, info, top_reps)
    if not met:
        return None
    load_kg = _floats(session["load_kg"])
    if np.nanmax(load_kg, initial=0.0) > 0:
        heaviest = session.iloc[int(np.nanargmax(np.where(load_kg > 0, load_kg, -1.0)))]
        unit = heaviest["load_unit"] or "kg"
        load = heaviest["load"] if not pd.isna(heaviest["load"]) else heaviest["load_kg"]
        low, high = load_step(float(load))
        message = (
            f"Progress {info.name}: add {LOAD_STEP_MIN_PCT}-{LOAD_STEP_MAX_PCT} % load, from "
            f"{_num(load)} {unit} to {_num(low)}-{_num(high)} {unit}, and keep every "
            "repetition clean."
        )
    elif info.harder:
        message = (
            f"Progress {info.name}: move on to a harder variation, {_join(info.harder)} "
            "(one you have the equipment for)."
        )
    else:
        message = (
            f"Progress {info.name}: the library lists no harder variation; add a small load "
            f"({LOAD_STEP_MIN_PCT}-{LOAD_STEP_MAX_PCT} %) if you can hold one safely."
        )
    return Suggestion(info.exercise_id, "progress", message, reasons, PROGRESS_SOURCES)


def rule_hold(info: ExerciseInfo, reasons: Iterable[str], *, by_reps: bool = True) -> Suggestion:
    """Keep the dose: the fallback when an exercise is neither progressed nor stepped back.

    Holding until the criteria of :func:`progress_check` are met follows the
    same sources as progressing (``ratamess_2009``; Arsenault: lift heavier
    once proficient, ``arsenault_livestrong``).

    Parameters
    ----------
    info : ExerciseInfo
        The exercise.
    reasons : iterable of str
        Why it is not progressed yet.
    by_reps : bool
        Whether the exercise has a repetition range to progress by; without
        one the message only says to keep the planned dose.

    Returns
    -------
    Suggestion
        A ``hold`` suggestion.
    """
    message = f"Hold {info.name}: keep the same dose and load"
    if by_reps:
        message += (
            "; progress once every set reaches the top of the range with a glute feel of "
            f"{GOOD_FEEL} or more."
        )
    else:
        message += " as planned."
    return Suggestion(info.exercise_id, "hold", message, tuple(reasons), PROGRESS_SOURCES)


# --- rule 4: lighter week ---


def _plan_rest_weeks(plan: pd.DataFrame | None) -> set[pd.Timestamp]:
    """Calendar weeks (their Mondays) that hold a lighter or an activate plan week's days.

    Neither is a loading week: the activate stage has no strength days.
    """
    if plan is None or plan.empty:
        return set()
    resting = plan[(plan["lighter_week"] == "yes") | (plan["stage"] == PLAN_STAGES[0])]
    days = pd.to_datetime(pd.Series(resting["date"].to_numpy()))
    return set(week_start(days))


def _plan_week_lighter(plan: pd.DataFrame | None, day: pd.Timestamp) -> bool | None:
    """Whether the plan week holding ``day`` is lighter (None outside the plan)."""
    if plan is None or plan.empty:
        return None
    start = pd.Timestamp(plan_start(plan))
    week = (day - start).days // 7 + 1
    rows = plan[plan["week"] == week]
    if week < 1 or rows.empty:
        return None
    return bool((rows["lighter_week"] == "yes").any())


def loading_weeks(
    log: pd.DataFrame,
    today: date,
    plan: pd.DataFrame | None = None,
    infos: dict[str, ExerciseInfo] | None = None,
) -> int:
    """Count the loading weeks in a row before the current calendar week.

    Only finished weeks count (the current one is still going). A run of
    loading weeks ends at a week with no working sets, at a week the plan
    marks lighter or puts in the activate stage (no strength days), or,
    without a plan, at a week with at most :data:`LIGHTER_SETS_SHARE` of the
    working sets of the busiest week of the run before it.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log.
    today : date
        The current day.
    plan : pandas.DataFrame, optional
        The runner's plan, for its lighter and activate weeks.
    infos : dict of str to ExerciseInfo, optional
        The library's exercises (:func:`exercise_infos`): with them, only sets of
        strength exercises (and of exercises the library does not know) load;
        activation, mobility and drill sets (:data:`SKILL_CATEGORIES`) do not.

    Returns
    -------
    int
        Loading weeks in a row up to last week.
    """
    current = pd.Timestamp(today) - pd.Timedelta(days=pd.Timestamp(today).weekday())
    working = log[log["set_type"] == "working"]
    if infos is not None:
        skill = [e for e, info in infos.items() if info.category in SKILL_CATEGORIES]
        working = working[~working["exercise_id"].isin(skill).to_numpy()]
    if working.empty:
        return 0
    counts = week_start(working["datetime"]).value_counts()
    first = counts.index.min()
    weeks = pd.date_range(first, current - pd.Timedelta(days=7), freq="7D")
    counts = counts.reindex(weeks, fill_value=0)
    resting = _plan_rest_weeks(plan)
    run, peak = 0, 0
    for week, count in counts.items():
        if count == 0 or week in resting or (plan is None and count <= LIGHTER_SETS_SHARE * peak):
            run, peak = 0, 0
        else:
            run, peak = run + 1, max(peak, int(count))
    return run


def rule_lighter_week(
    log: pd.DataFrame,
    today: date,
    plan: pd.DataFrame | None = None,
    infos: dict[str, ExerciseInfo] | None = None,
) -> Suggestion | None:
    """Suggest a lighter week after 4 to 6 loading weeks, or when weekly effort keeps rising.

    ACSM advises varying volume and load over time (``ratamess_2009``); a
    lighter week every 4 to 6 weeks is the interval this curriculum's plans use
    (:func:`gluteutils.plan_rules.lighter_weeks`): one set fewer than usual
    and no added load; activation and pre-run work stay. Rising effort:
    the weekly mean RPE of the working sets rose (or the reps in reserve fell)
    over the last :data:`EFFORT_RUN` weeks with a rating, this week included.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log up to ``today``.
    today : date
        The current day.
    plan : pandas.DataFrame, optional
        The plan: its lighter weeks end a run, and the message says when the
        plan already makes this or next week lighter.
    infos : dict of str to ExerciseInfo, optional
        The library's exercises, so that skill work does not count as loading
        (:func:`loading_weeks`).

    Returns
    -------
    Suggestion or None
        A ``lighter_week`` suggestion about no single exercise, or ``None``.
    """
    run = loading_weeks(log, today, plan, infos)
    reasons = []
    if run >= LOADING_WEEKS_MIN:
        spacing = f"{LOADING_WEEKS_MIN} to {LOADING_WEEKS_MAX}"
        due = f"this curriculum's plans put one every {spacing} weeks"
        overdue = f" ({due}, so it is overdue)" if run >= LOADING_WEEKS_MAX else f" ({due})"
        reasons.append(f"{run} loading weeks in a row without a lighter one{overdue}.")
        reasons.append(
            "ACSM advises varying volume and load over time; the spacing of the lighter weeks "
            "is this curriculum's planning choice, not a figure from ACSM."
        )
    working = log[log["set_type"] == "working"]
    if not working.empty:
        weekly = (
            pd.DataFrame(
                {
                    "week": week_start(working["datetime"]).to_numpy(),
                    "rpe": _floats(working["rpe"]),
                    "rir": _floats(working["rir"]),
                    "load_kg": _floats(working["load_kg"]),
                }
            )
            .groupby("week", sort=True)[["rpe", "rir", "load_kg"]]
            .mean()
        )
        effort = _rising_effort(weekly, check_load=False, unit="weeks")
        if effort:
            reasons.append(effort)
    if not reasons:
        return None
    today_ts = pd.Timestamp(today)
    if _plan_week_lighter(plan, today_ts):
        message = "Your plan makes this a lighter week: keep it light."
    elif _plan_week_lighter(plan, today_ts + pd.Timedelta(days=7)):
        message = "Your plan makes next week a lighter week: keep it light and add no load."
    else:
        message = "Make your next week a lighter week."
    message += (
        " Lighter means one set fewer of each exercise (at least one), no added load and the "
        "strength days at the low end; the daily activation and pre-run moves stay."
    )
    return Suggestion(None, "lighter_week", message, tuple(reasons), LIGHTER_WEEK_SOURCES)


# --- rule 5: left-right gap ---


def rule_asymmetry(tests: pd.DataFrame) -> Suggestion | None:
    """Flag a left-right gap over 15 % in the latest single-leg bridge test.

    The gap is the difference in % of the stronger side
    (:func:`gluteutils.progress.gap_pct`); the 15 % line is a *planning
    threshold* of this curriculum, not a research cut-off. Freckleton et al.
    2014 found in Australian football players that a lower right-side score in
    this test predicted a right hamstring injury (``freckleton_2014``; test
    protocol, secondary: ``nelson_healthhp_bridge``).

    Parameters
    ----------
    tests : pandas.DataFrame
        :func:`gluteutils.progress.bridge_tests` of the log.

    Returns
    -------
    Suggestion or None
        ``flag_asymmetry`` for the single-leg bridge, or ``None`` when the
        latest test with both sides is within the threshold (or there is none).
    """
    both = tests.dropna(subset=["left", "right"])
    if both.empty:
        return None
    latest = both.iloc[-1]
    if not latest["flagged"]:
        return None
    weaker, stronger = latest["weaker"], "right" if latest["weaker"] == "left" else "left"
    day = f"{latest['date']:%Y-%m-%d}"
    reasons = (
        f"{day}: {latest['left']} repetitions on the left, {latest['right']} on the right.",
        f"The {weaker} side did {_num(latest['gap_pct'])} % fewer than the {stronger}, over the "
        f"{ASYMMETRY_FLAG_PCT} % line (a planning threshold, not a research cut-off).",
        "Freckleton et al. 2014: in Australian football players, a lower right-side score in "
        "this test predicted a right hamstring injury.",
    )
    message = (
        f"Left-right gap in the single-leg bridge test: your {weaker} side is behind. Start "
        "one-sided exercises with that side, give both sides the same sets, and test again in "
        "a few weeks; if the gap stays, show it to a physical therapist."
    )
    return Suggestion(BRIDGE_TEST_EXERCISE, "flag_asymmetry", message, reasons, ASYMMETRY_SOURCES)


# --- putting the rules together ---


def top_of_range(
    exercise_id: str, day: pd.Timestamp, info: ExerciseInfo, plan: pd.DataFrame | None = None
) -> int | None:
    """Return the top of the repetition range for an exercise on a day.

    The plan's ``reps_max`` for the exercise on its latest planned day up to
    ``day``, else the library's ``reps_max``; ``None`` without either.

    Parameters
    ----------
    exercise_id : str
        The exercise.
    day : pandas.Timestamp
        The session's day.
    info : ExerciseInfo
        The exercise (its library range).
    plan : pandas.DataFrame, optional
        The runner's plan.

    Returns
    -------
    int or None
        Repetitions (or steps) per set.
    """
    if plan is not None and not plan.empty:
        days = pd.to_datetime(pd.Series(plan["date"].to_numpy(), index=plan.index))
        usable = (plan["exercise_id"] == exercise_id) & plan["reps_max"].notna() & (days <= day)
        if usable.any():
            latest = days[usable].max()
            return int(plan.loc[usable & (days == latest), "reps_max"].max())
    return info.reps_max


def _as_day(value: date | datetime | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def _ordered(suggestions: list[Suggestion], infos: dict[str, ExerciseInfo]) -> list[Suggestion]:
    def key(s: Suggestion) -> tuple[int, int, str]:
        position = -1 if s.exercise_id is None else _info(infos, s.exercise_id).position
        return (SUGGESTION_KINDS.index(s.kind), position, s.exercise_id or "")

    return sorted(suggestions, key=key)


def suggest_next_steps(
    log: pd.DataFrame,
    plan: pd.DataFrame | None = None,
    today: date | datetime | str | None = None,
    *,
    library: pd.DataFrame | None = None,
    red_flags: Iterable[str] = (),
) -> list[Suggestion]:
    """Suggest the runner's next steps from the log, rule by rule.

    Parameters
    ----------
    log : pandas.DataFrame
        One runner's log (:data:`~gluteutils.log_columns.LOG_COLUMNS`); sets
        after ``today`` are ignored.
    plan : pandas.DataFrame, optional
        The runner's plan: its repetition ranges and lighter weeks are used.
    today : date, datetime or ISO text, optional
        The day to suggest for; by default the day of the last logged set (so
        an old log still gets suggestions).
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.
    red_flags : iterable of str
        Red flags ticked by the runner (keys of
        :data:`~gluteutils.assessment_questions.RED_FLAGS`).

    Returns
    -------
    list of Suggestion
        Ordered by :data:`SUGGESTION_KINDS` (stop first), then library order.
        With a red flag: only the stop suggestions. Otherwise every exercise
        with working sets in the last :data:`RECENT_DAYS` days gets exactly one
        of stop, step back, progress or hold, plus at most one lighter-week and
        one asymmetry suggestion. Empty for an empty log without red flags.
    """
    infos = exercise_infos(library)
    suggestions: list[Suggestion] = []
    flag = rule_red_flags(red_flags)
    if flag is not None:
        suggestions.append(flag)
    if log.empty:
        return suggestions
    day = _as_day(today) if today is not None else _days(log["datetime"]).max()
    log_days = _days(log["datetime"])
    log = log[(log_days <= day).to_numpy()]
    log_days = log_days[log_days <= day]
    recent = log[(log_days > day - pd.Timedelta(days=RECENT_DAYS)).to_numpy()]

    stopped: set[str] = set()
    for exercise_id, sets in recent.groupby("exercise_id", sort=False):
        stop = rule_pain(sets, _info(infos, str(exercise_id)))
        if stop is not None:
            suggestions.append(stop)
            stopped.add(str(exercise_id))
    if flag is not None:  # a red flag stops all training: nothing else to suggest
        return _ordered(suggestions, infos)

    lighter = rule_lighter_week(log, day.date(), plan, infos)
    blockers = []
    if stopped:
        blockers.append("No progression while a pain check is pending.")
    if lighter is not None:
        blockers.append("A lighter week comes first: progress after it.")
    if _plan_week_lighter(plan, day):
        blockers.append("This is a lighter week in your plan: add no load.")

    working = log[log["set_type"] == "working"]
    recent_ids = set(recent.loc[recent["set_type"] == "working", "exercise_id"])
    for exercise_id, history in working.groupby("exercise_id", sort=False):
        exercise_id = str(exercise_id)
        if exercise_id not in recent_ids or exercise_id in stopped:
            continue
        info = _info(infos, exercise_id)
        step = rule_step_back(history, info)
        if step is not None:
            suggestions.append(step)
            continue
        last_day = _days(history["datetime"]).max()
        session = history[(_days(history["datetime"]) == last_day).to_numpy()]
        top = top_of_range(exercise_id, last_day, info, plan)
        progress = rule_progress(session, info, top)
        if progress is not None and not blockers:
            suggestions.append(progress)
        elif progress is not None:
            suggestions.append(rule_hold(info, (*progress.reasons, *blockers)))
        else:
            reasons = progress_check(session, info, top)[1]
            suggestions.append(rule_hold(info, reasons, by_reps=top is not None))

    if lighter is not None:
        suggestions.append(lighter)
    asymmetry = rule_asymmetry(bridge_tests(log))
    if asymmetry is not None and BRIDGE_TEST_EXERCISE not in stopped:
        suggestions.append(asymmetry)
    return _ordered(suggestions, infos)


def suggestions_frame(suggestions: Iterable[Suggestion]) -> pd.DataFrame:
    """Return suggestions as a table for display (pandas escapes it in HTML).

    Parameters
    ----------
    suggestions : iterable of Suggestion
        From :func:`suggest_next_steps`.

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``exercise_id`` (``""`` for the whole training),
        ``message``, ``reasons`` (joined by spaces) and ``sources`` (joined by
        ``|``), one row per suggestion, in order.
    """
    rows = [
        {
            "kind": s.kind,
            "exercise_id": s.exercise_id or "",
            "message": s.message,
            "reasons": " ".join(s.reasons),
            "sources": "|".join(s.sources),
        }
        for s in suggestions
    ]
    return pd.DataFrame(rows, columns=["kind", "exercise_id", "message", "reasons", "sources"])
