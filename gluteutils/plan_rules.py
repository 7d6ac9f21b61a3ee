"""The rules of the plan builder, one small pure function each, with its source.

:func:`gluteutils.plan.build_plan` only puts these rules together. Every rule
names where it comes from (``source_id`` values in ``data/sources.csv``) and
says plainly when a number is a *planning choice* of this curriculum rather
than a research finding. The rules:

* :func:`stage_lengths`, :func:`stage_of_week`: activate, then strengthen, then
  integrate (Arsenault's order: feel the glutes first, then strengthen, then
  lift heavier once proficient).
* :func:`lighter_weeks`, :func:`is_lighter_week`: a lighter week after every four loading
  weeks, counted from the strengthen stage, never opening a stage (every 4 to 6 weeks).
* :func:`strength_day_pattern`: the heavier days, 2-3 a week with at least one
  day off between, across week boundaries too (Arsenault).
* :func:`pick_in_range`, :func:`dose_for`: the level picks from the library's
  ranges; nothing the library lacks is made up (ACSM 2009; Arsenault).
* :func:`side_for`: one-sided exercises are dosed per side.
* :func:`estimate_minutes`: planned time of a prescription, an estimate.
* :func:`split_minutes`: the daily activation block of 10-20 minutes split over
  its exercises (Arsenault's action plan).
* :func:`obstacle_weight`, :func:`rank_by_weight`: the self-assessment weights
  the choice of exercises.
* :func:`resolve_equipment`: only the equipment the runner has, with the
  library's substitute.
* :func:`activation_exercises`, :func:`daily_strength_exercises`,
  :func:`heavy_hinge_exercises`, :func:`accessory_exercises`,
  :func:`pre_run_exercises`: what each session holds.
* :func:`load_guidance`: how heavy, in words.

All functions work on a :class:`LibraryIndex`, a read-only view of the
exercises table built once per plan by :func:`library_index`.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from .plan_columns import PLAN_STAGES
from .schema import takes_weight

#: Planned seconds for one repetition: ACSM's moderate speed is 1-2 s lifting and 1-2 s
#: lowering (``ratamess_2009``); the upper end, so estimates do not run short. Holds add to it.
SECONDS_PER_REP = 4
#: Planned seconds for one side step of a band walk. A planning assumption of this
#: curriculum (no source times band walks); shown as part of an estimate only.
SECONDS_PER_STEP = 1
#: Time steps of the plan, in minutes: every ``minutes`` value is a multiple of it.
MINUTE_STEP = 0.5
#: Smallest share of the activation block for an exercise without a set dose (planning choice).
TIMEBOX_MIN_MINUTES = 1.0
#: Time for a move without a set dose in the pre-run routine (planning choice).
PRE_RUN_TIMEBOX_MINUTES = 1.0
#: Most exercises before a run: Yuen's short routine has five (``yuen_five_exercises``).
PRE_RUN_MAX_EXERCISES = 5
#: Most obstacle-chosen extras in the activation block, and accessories on strength days
#: (planning choices that keep the sessions short).
MAX_ACTIVATION_EXTRAS = 2
MAX_ACCESSORIES = 2
#: Every fifth week from the strengthen stage on is lighter: four loading weeks, then one
#: lighter (within 4 to 6 weeks).
LIGHTER_WEEK_EVERY = 5
#: A lighter week every 4 to 6 weeks: :func:`gluteutils.plan.check_plan` accepts at most
#: 5 loading weeks in a row, and lighter weeks at least 4 weeks apart.
MAX_LOADING_RUN = 5
MIN_LIGHTER_SPACING = 4

LEVEL_ORDER = ("beginner", "intermediate", "advanced")

#: Arsenault's activation progression: squeeze lying face down, then standing, then the
#: wall iso march, then the iso march faster and on the toes (``arsenault_livestrong``).
ACTIVATION_BY_STAGE: dict[str, tuple[str, ...]] = {
    "activate": ("glute_squeeze_prone", "glute_squeeze_standing", "wall_iso_march_slow"),
    "strengthen": ("glute_squeeze_standing", "wall_iso_march_slow"),
    "integrate": ("glute_squeeze_standing", "wall_iso_march_fast"),
}


@dataclass(frozen=True, eq=False)
class Exercise:
    """One row of the exercises table as plain Python values (``None`` when empty).

    Attributes mirror the columns of ``data/exercises.csv`` (see ``data/README.md``);
    ``position`` is the row's place in the library, used to break ties. Two
    exercises are equal only if they are the same object of one
    :class:`LibraryIndex` (fast membership tests).
    """

    exercise_id: str
    name: str
    category: str
    stage: str
    equipment: tuple[str, ...]
    level: str
    laterality: str
    measure: str
    sets_min: int | None
    sets_max: int | None
    reps_min: int | None
    reps_max: int | None
    hold_s_min: float | None
    hold_s_max: float | None
    rest_s: int | None
    rest_s_max: int | None
    weekly_min: int | None
    weekly_max: int | None
    rest_days_between: int | None
    substitute: str
    obstacles: tuple[str, ...]
    routines: tuple[str, ...]
    cues: tuple[str, ...]
    harder: tuple[str, ...]
    position: int

    @property
    def daily(self) -> bool:
        """Whether the library allows it every day (no weekly cap below 7, no days off)."""
        return (self.weekly_max is None or self.weekly_max >= 7) and not self.rest_days_between


@dataclass(frozen=True)
class LibraryIndex:
    """The exercise library, indexed by id, in library order.

    Attributes
    ----------
    exercises : dict of str to Exercise
        Every exercise by id, in library order.
    """

    exercises: dict[str, Exercise]

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def routine(self, name: str) -> tuple[Exercise, ...]:
        """Return the exercises of one routine (``pre_run``, ``daily_strength``, ...)."""
        return tuple(e for e in self.exercises.values() if name in e.routines)

    @functools.cached_property
    def heavy_hinges(self) -> frozenset[str]:
        """Ids of exercises that need days off between sessions (``rest_days_between``)."""
        return frozenset(i for i, e in self.exercises.items() if e.rest_days_between)


def _value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _int(value: object) -> int | None:
    value = _value(value)
    return None if value is None else int(value)  # type: ignore[call-overload]


def _float(value: object) -> float | None:
    value = _value(value)
    return None if value is None else float(value)  # type: ignore[arg-type]


def library_index(library: pd.DataFrame) -> LibraryIndex:
    """Index the exercises table for the rules.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table (:func:`gluteutils.exercises.load_exercises`).

    Returns
    -------
    LibraryIndex
        Every exercise as an :class:`Exercise`, in library order.
    """
    exercises: dict[str, Exercise] = {}
    for position, row in enumerate(library.to_dict("records")):
        exercises[str(row["exercise_id"])] = Exercise(
            exercise_id=str(row["exercise_id"]),
            name=str(row["name"]),
            category=str(row["category"]),
            stage=str(row["stage"]),
            equipment=tuple(row["equipment"]),
            level=str(row["level"]),
            laterality=str(row["laterality"]),
            measure=str(row["measure"]),
            sets_min=_int(row["sets_min"]),
            sets_max=_int(row["sets_max"]),
            reps_min=_int(row["reps_min"]),
            reps_max=_int(row["reps_max"]),
            hold_s_min=_float(row["hold_s_min"]),
            hold_s_max=_float(row["hold_s_max"]),
            rest_s=_int(row["rest_s"]),
            rest_s_max=_int(row["rest_s_max"]),
            weekly_min=_int(row["weekly_min"]),
            weekly_max=_int(row["weekly_max"]),
            rest_days_between=_int(row["rest_days_between"]),
            substitute=str(_value(row["substitute_for_equipment"]) or ""),
            obstacles=tuple(row["obstacles_addressed"]),
            routines=tuple(row["routines"]),
            cues=tuple(row["cues"]),
            harder=tuple(row["harder"]),
            position=position,
        )
    return LibraryIndex(exercises)


# --- stages and weeks ---


def stage_lengths(weeks: int) -> tuple[int, int, int]:
    """Split a plan's weeks into the activate, strengthen and integrate stages.

    Arsenault's order is fixed: first learn to feel and switch on the glutes,
    then strengthen them, and only once proficient lift heavier
    (``arsenault_livestrong``; the staging follows notebook 04's library). He
    gives no durations, so the lengths are a planning choice of this curriculum:

    * 1-2 weeks: activate only;
    * 3-5 weeks: 1 week activate, the rest strengthen;
    * 6-16 weeks: 2 weeks activate (3 from 12 weeks), ``weeks // 3`` weeks
      integrate at the end, strengthen in between (at least 2 weeks).

    A runner who does not yet feel the glutes working should repeat a stage.

    Parameters
    ----------
    weeks : int
        Length of the plan, 1-16.

    Returns
    -------
    tuple of int
        Weeks of activate, strengthen and integrate; they add up to ``weeks``.

    Examples
    --------
    >>> stage_lengths(2), stage_lengths(4), stage_lengths(8), stage_lengths(16)
    ((2, 0, 0), (1, 3, 0), (2, 4, 2), (3, 8, 5))
    """
    if weeks <= 2:
        return (weeks, 0, 0)
    if weeks <= 5:
        return (1, weeks - 1, 0)
    activate = 2 if weeks < 12 else 3
    integrate = weeks // 3
    return (activate, weeks - activate - integrate, integrate)


def stage_of_week(week: int, weeks: int) -> str:
    """Return the stage (:data:`~gluteutils.plan_columns.PLAN_STAGES`) of one plan week.

    Parameters
    ----------
    week : int
        Week number, from 1.
    weeks : int
        Length of the plan.

    Returns
    -------
    str
        ``"activate"``, ``"strengthen"`` or ``"integrate"`` (see :func:`stage_lengths`).
    """
    activate, strengthen, _ = stage_lengths(weeks)
    if week <= activate:
        return PLAN_STAGES[0]
    if week <= activate + strengthen:
        return PLAN_STAGES[1]
    return PLAN_STAGES[2]


def lighter_weeks(weeks: int) -> tuple[int, ...]:
    """Return the lighter (recovery) weeks of a plan: one after every four loading weeks.

    ACSM advises varying volume and load over time ("periodised" training,
    ``ratamess_2009``); a lighter week every 4 to 6 weeks is the interval this
    curriculum chose (four loading weeks, then a lighter one). The count starts
    with the strengthen stage: the activate stage has no strength days
    (:func:`daily_strength_exercises`, :func:`accessory_exercises`), so its
    weeks are not loading weeks and a lighter week right after them would come
    too soon. A lighter week never opens a stage: the new stage's lifts would
    make it heavier than the weeks before, so it comes one week later, after
    five loading weeks (still within 4 to 6). Lighter means one set fewer than
    a normal week of the same level (at least one) and the fewest strength days
    (:func:`dose_for`, :func:`strength_days_per_week`), and no added load
    (:func:`load_guidance`). The daily activation block and the pre-run routine
    stay as they are: they train a skill, not strength.

    Parameters
    ----------
    weeks : int
        Length of the plan, 1-16.

    Returns
    -------
    tuple of int
        The lighter weeks, in order.

    Examples
    --------
    >>> lighter_weeks(16), lighter_weeks(12), lighter_weeks(8), lighter_weeks(6)
    ((8, 13), (8,), (8,), ())
    """
    activate, strengthen, _ = stage_lengths(weeks)
    openers = {activate + 1, activate + strengthen + 1}  # first weeks of strengthen, integrate
    lighter: list[int] = []
    run = 0
    for week in range(activate + 1, weeks + 1):
        if run >= LIGHTER_WEEK_EVERY - 1 and (week not in openers or run > MAX_LOADING_RUN - 1):
            lighter.append(week)
            run = 0
        else:
            run += 1
    return tuple(lighter)


def is_lighter_week(week: int, weeks: int) -> bool:
    """Whether plan week ``week`` of a ``weeks``-week plan is lighter (:func:`lighter_weeks`).

    Examples
    --------
    >>> [w for w in range(1, 17) if is_lighter_week(w, 16)]
    [8, 13]
    """
    return week in lighter_weeks(weeks)


# --- strength days ---


def _cyclic_gaps(offsets: tuple[int, ...]) -> list[int]:
    """Days between consecutive offsets, the last one wrapping into next week."""
    if len(offsets) == 1:
        return [7]
    gaps = [b - a for a, b in itertools.pairwise(offsets)]
    gaps.append(offsets[0] + 7 - offsets[-1])
    return gaps


def strength_day_pattern(
    training_offsets: Iterable[int], count: int, min_gap: int
) -> tuple[int, ...]:
    """Choose the strength days of a week so that every gap is at least ``min_gap`` days.

    Arsenault: the heavy lifts two to three times a week "with at least one day
    off in between" (``arsenault_livestrong``), so ``min_gap`` is 2 days from one
    session to the next (``rest_days_between`` + 1 in the library). The gap
    from the last strength day of a week to the first of the next week counts
    too, because every plan week repeats the same days: Sunday then Monday is
    refused. When the training days do not allow ``count`` such days, fewer
    are chosen. Ties go to the widest spacing, then the earliest days.

    Parameters
    ----------
    training_offsets : iterable of int
        Training days as offsets 0-6 from the first day of a plan week.
    count : int
        Strength days wanted.
    min_gap : int
        Fewest days from one strength day to the next (2 = one day off).

    Returns
    -------
    tuple of int
        Chosen offsets, ascending; at most ``count`` of them, empty when
        ``count`` is 0 or there are no training days.

    Examples
    --------
    >>> strength_day_pattern(range(7), 3, 2)
    (0, 2, 4)
    >>> strength_day_pattern((0, 6), 2, 2)  # first and last day of the week: back to back
    (0,)
    """
    offsets = tuple(sorted(set(training_offsets)))
    for n in range(min(count, len(offsets)), 0, -1):
        best: tuple[int, tuple[int, ...]] | None = None
        for combo in itertools.combinations(offsets, n):
            widest = min(_cyclic_gaps(combo))
            if widest < min_gap:
                continue
            if best is None or widest > best[0]:
                best = (widest, combo)
        if best is not None:
            return best[1]
    return ()


def pick_in_range(level: str, low: float | None, high: float | None) -> int | None:
    """Pick a number from a library range by experience level.

    ACSM: novices start at the low end; intermediate and advanced lifters
    train with more volume and frequency (``ratamess_2009``). So ``beginner``
    takes the low end, ``advanced`` the high end and ``intermediate`` the
    middle (rounded half up). Only the library's own numbers are used: one end
    alone is returned as it is, and nothing gives ``None``.

    Examples
    --------
    >>> [pick_in_range(lvl, 2, 4) for lvl in ("beginner", "intermediate", "advanced")]
    [2, 3, 4]
    >>> pick_in_range("advanced", None, None) is None
    True
    """
    if low is None and high is None:
        return None
    if low is None or high is None:
        return round(low if high is None else high)  # type: ignore[arg-type]
    if level == "beginner":
        return round(low)
    if level == "advanced":
        return round(high)
    return math.floor((low + high) / 2 + 0.5)


def strength_days_per_week(level: str, lighter: bool, weekly_min: int, weekly_max: int) -> int:
    """Count the strength days of a week.

    Arsenault's heavy lifts come two to three times a week
    (``arsenault_livestrong``; the library's ``weekly_min``/``weekly_max`` of the
    deadlifts); ACSM's novices train 2-3 days a week, more experienced lifters
    more often (``ratamess_2009``). The level picks from the range
    (:func:`pick_in_range`); a lighter week takes the fewest.

    Examples
    --------
    >>> [strength_days_per_week(lvl, False, 2, 3) for lvl in ("beginner", "advanced")]
    [2, 3]
    >>> strength_days_per_week("advanced", True, 2, 3)
    2
    """
    if lighter:
        return weekly_min
    return pick_in_range(level, weekly_min, weekly_max) or weekly_min


# --- dose and time ---


@dataclass(frozen=True)
class Dose:
    """A prescription's numbers; ``None`` where the library gives none.

    Attributes
    ----------
    sets, reps_min, reps_max, hold_s, rest_s : int or None
        Sets; repetitions (or steps) per set, per side for one-sided exercises;
        hold in seconds; rest between sets in seconds.
    """

    sets: int | None
    reps_min: int | None
    reps_max: int | None
    hold_s: int | None
    rest_s: int | None

    @property
    def timed_only(self) -> bool:
        """Whether the library gives no set count: the time is all the plan can prescribe."""
        return self.sets is None


def dose_for(exercise: Exercise, level: str, *, lighter: bool = False, short: bool = False) -> Dose:
    """Dose an exercise from the library's ranges.

    Sets, hold and rest are picked by level (:func:`pick_in_range`; Arsenault's
    2-4 sets and his holds, ACSM's 8-12 repetitions for novices and 3-5 min
    rest between heavy sets: ``arsenault_livestrong``, ``ratamess_2009``). The
    repetition range is the library's, as it is. A lighter week takes one set
    fewer than the level's normal week (at least one; a planning choice of this
    curriculum), and a short session before a run takes the fewest sets. Where the library has no
    number, the dose has none either: such exercises are given time instead
    (:func:`split_minutes`).

    Parameters
    ----------
    exercise : Exercise
        The exercise.
    level : str
        ``beginner``, ``intermediate`` or ``advanced``.
    lighter : bool
        Whether the week is a lighter week.
    short : bool
        Whether the session is the short pre-run routine.

    Returns
    -------
    Dose
        The numbers for one prescription.
    """
    if short:
        sets = exercise.sets_min if exercise.sets_min is not None else exercise.sets_max
    else:
        sets = pick_in_range(level, exercise.sets_min, exercise.sets_max)
        if lighter and sets is not None:
            # One set fewer than this level's normal week, never below one set: a lighter
            # week must be lighter for beginners too, who already take the fewest sets.
            sets = max(1, sets - 1)
    hold = pick_in_range(level, exercise.hold_s_min, exercise.hold_s_max)
    return Dose(
        sets=sets,
        reps_min=exercise.reps_min or None,
        reps_max=exercise.reps_max or None,
        hold_s=hold or None,
        rest_s=pick_in_range(level, exercise.rest_s, exercise.rest_s_max),
    )


def side_for(laterality: str) -> str:
    """Map the library's laterality to the plan's ``side``.

    One-sided (``unilateral``) exercises are done and dosed per side
    (Arsenault gives the single-leg bridge and single-leg deadlift "per side",
    ``arsenault_livestrong``); ``alternating`` ones switch legs within a set.

    Examples
    --------
    >>> side_for("unilateral"), side_for("bilateral"), side_for("alternating")
    ('each_side', 'both', 'alternating')
    """
    return {"unilateral": "each_side", "alternating": "alternating"}.get(laterality, "both")


def round_up_minutes(minutes: float) -> float:
    """Round a time up to the plan's half-minute step (at least one step).

    Examples
    --------
    >>> round_up_minutes(1.2), round_up_minutes(0.1), round_up_minutes(2.0)
    (1.5, 0.5, 2.0)
    """
    steps = max(1, math.ceil(minutes / MINUTE_STEP - 1e-9))
    return steps * MINUTE_STEP


def estimate_minutes(exercise: Exercise, dose: Dose) -> float | None:
    """Estimate the time of a prescription, in minutes, with the library's rests between sets.

    An estimate for planning, not a measured time: sets x repetitions x
    :data:`SECONDS_PER_REP` (plus the hold of each repetition), both sides for
    one-sided and alternating exercises, band-walk steps at
    :data:`SECONDS_PER_STEP` each way, timed holds as held, plus the library's
    rest between sets (none counted where the library gives none), rounded up
    to :data:`MINUTE_STEP`.

    Returns
    -------
    float or None
        Minutes, or ``None`` when the dose has no set count (time-boxed moves).

    Examples
    --------
    A bilateral 3 x 12 with a 2 s hold and no rest: 3 * 12 * (4 + 2) s = 3.6 min.

    >>> from gluteutils.exercises import load_exercises
    >>> ex = library_index(load_exercises())["glute_bridge"]
    >>> estimate_minutes(ex, Dose(3, 8, 12, 2, None))
    4.0
    """
    if dose.sets is None:
        return None
    sides = 2 if exercise.laterality in ("unilateral", "alternating") else 1
    if exercise.measure == "seconds":
        if dose.hold_s is None:
            return None
        per_set = dose.hold_s * sides
    elif dose.reps_max is None:
        return None
    elif exercise.measure == "steps":
        per_set = dose.reps_max * 2 * SECONDS_PER_STEP  # steps each way
    elif exercise.measure == "reps":
        per_set = dose.reps_max * sides * (SECONDS_PER_REP + (dose.hold_s or 0))
    else:
        return None
    rest = (dose.sets - 1) * (dose.rest_s or 0)
    return round_up_minutes((dose.sets * per_set + rest) / 60)


def split_minutes(
    total: float, weights: list[float], fixed: list[float | None]
) -> list[float] | None:
    """Split the daily activation block over its exercises.

    Arsenault: 10-20 minutes every day to tune into and switch on the glutes
    (``arsenault_livestrong``). Exercises with a set dose keep their
    estimated time (``fixed``); the rest of the block is shared by the
    time-boxed moves in proportion to their weight, in half-minute steps (each
    at least :data:`TIMEBOX_MIN_MINUTES`), so the block adds up exactly to
    ``total``.

    Parameters
    ----------
    total : float
        Minutes of the block (a multiple of :data:`MINUTE_STEP`).
    weights : list of float
        Weight of each exercise (positive), used for the time-boxed ones.
    fixed : list of float or None
        Estimated minutes of each dosed exercise, ``None`` for time-boxed ones.

    Returns
    -------
    list of float or None
        Minutes per exercise, adding up to ``total``; ``None`` when the fixed
        times leave too little for the time-boxed moves (or there are none).

    Examples
    --------
    >>> split_minutes(15, [1.0, 1.0, 2.0], [None, None, None])
    [4.0, 4.0, 7.0]
    """
    steps_total = round(total / MINUTE_STEP)
    fixed_steps = sum(round(f / MINUTE_STEP) for f in fixed if f is not None)
    boxed = [i for i, f in enumerate(fixed) if f is None]
    floor_steps = round(TIMEBOX_MIN_MINUTES / MINUTE_STEP)
    spare = steps_total - fixed_steps - floor_steps * len(boxed)
    if not boxed or spare < 0:
        return None
    weight_sum = sum(weights[i] for i in boxed)
    shares = {i: spare * weights[i] / weight_sum for i in boxed}
    steps = {i: floor_steps + math.floor(shares[i]) for i in boxed}
    left = steps_total - fixed_steps - sum(steps.values())
    # Largest remainder first; ties to the earlier exercise.
    for i in sorted(boxed, key=lambda i: (-(shares[i] - math.floor(shares[i])), i))[:left]:
        steps[i] += 1
    return [float(f) if f is not None else steps[i] * MINUTE_STEP for i, f in enumerate(fixed)]


# --- choosing exercises ---


def obstacle_weight(exercise: Exercise, obstacles: Mapping[str, int]) -> float:
    """Weight an exercise by the runner's obstacle scores.

    The sum, over the obstacles the library says the exercise helps with
    (``obstacles_addressed``), of the runner's score / 100: a higher score
    gives more weight; no self-assessment gives 0. The links between
    exercises and obstacles, and their sources, are in ``data/exercises.csv``
    (for example tight hip flexors: the hip flexor stretch, from
    ``push_with_your_tush``, ``prince_uesca`` and ``hodges_alp_fitness``).

    Examples
    --------
    >>> from gluteutils.exercises import load_exercises
    >>> ex = library_index(load_exercises())["hip_flexor_stretch"]
    >>> obstacle_weight(ex, {"tight_hip_flexors": 80, "prolonged_sitting": 20})
    1.0
    """
    return sum(obstacles.get(o, 0) for o in exercise.obstacles) / 100


def rank_by_weight(candidates: Iterable[Exercise], obstacles: Mapping[str, int]) -> list[Exercise]:
    """Order exercises by obstacle weight, highest first; ties keep library order."""
    return sorted(candidates, key=lambda e: (-obstacle_weight(e, obstacles), e.position))


def level_allows(exercise: Exercise, level: str) -> bool:
    """Whether an exercise's level is at or below the runner's (no advanced move for beginners)."""
    return LEVEL_ORDER.index(exercise.level) <= LEVEL_ORDER.index(level)


def stage_allows(exercise: Exercise, stage: str) -> bool:
    """Whether an exercise's stage has been reached (no integrate move before then)."""
    return PLAN_STAGES.index(exercise.stage) <= PLAN_STAGES.index(stage)


def resolve_equipment(
    index: LibraryIndex, exercise_id: str, available: frozenset[str]
) -> tuple[str, str]:
    """Swap an exercise for the library's substitute when its equipment is missing.

    Follows ``substitute_for_equipment`` from exercise to exercise until one
    needs only what the runner has (as
    :func:`gluteutils.exercises.substitute_for`). Arsenault offers the barbell
    from a rack as the alternative to the trap bar (``arsenault_livestrong``);
    the other substitutes are easier variations of the same movement, each
    row citing its own sources in ``data/exercises.csv``.

    Parameters
    ----------
    index : LibraryIndex
        The library.
    exercise_id : str
        The exercise the plan wants.
    available : frozenset of str
        Equipment at hand, ``"none"`` included.

    Returns
    -------
    tuple of str
        ``(exercise_id to do, exercise_id it replaces or "")``; ``("", "")``
        when nothing in the chain can be done.
    """
    seen: set[str] = set()
    current = exercise_id
    while current and current not in seen:
        seen.add(current)
        exercise = index[current]
        if set(exercise.equipment) <= available:
            return current, ("" if current == exercise_id else exercise_id)
        current = exercise.substitute
    return "", ""


def harder_variant(
    index: LibraryIndex, exercise: Exercise, level: str, stage: str
) -> Exercise | None:
    """Return the first ``harder`` variation that suits the level and stage and can be done daily.

    Arsenault's progressions: the glute bridge to the single-leg bridge, the
    iso march to its faster version (``arsenault_livestrong``); band walks with
    the band lower down work the glutes more (``lewis_2018``).
    """
    for candidate in exercise.harder:
        other = index[candidate]
        if (
            other.category == exercise.category
            and other.daily
            and level_allows(other, level)
            and stage_allows(other, stage)
        ):
            return other
    return None


def activation_exercises(
    index: LibraryIndex, stage: str, level: str, obstacles: Mapping[str, int]
) -> tuple[list[Exercise], list[Exercise]]:
    """Choose the exercises of the daily activation block.

    The moves follow Arsenault's progression (:data:`ACTIVATION_BY_STAGE`):
    squeeze lying down, standing, the wall iso march, then the march faster
    (``arsenault_livestrong``; the faster march needs the intermediate level,
    else the slow one stays). A runner whose self-assessment shows an untaught
    skill (``untaught_skill`` above 0) keeps every earlier move too: more
    squeeze and iso-march practice. Extras: up to :data:`MAX_ACTIVATION_EXTRAS`
    mobility or activation exercises of the activate stage that address the
    runner's other obstacles (for tight hip flexors the hip flexor stretch),
    highest weight first (:func:`rank_by_weight`); the untaught skill brings no
    extras, so they do not take time from the squeeze and march practice.

    Returns
    -------
    base : list of Exercise
        The progression's moves, in library order.
    extras : list of Exercise
        Obstacle-chosen extras, highest weight first (may be empty).
    """
    wanted: list[str] = []
    stages = PLAN_STAGES[: PLAN_STAGES.index(stage) + 1]
    if obstacles.get("untaught_skill", 0) > 0:
        for earlier in stages:
            wanted.extend(ACTIVATION_BY_STAGE[earlier])
    else:
        wanted.extend(ACTIVATION_BY_STAGE[stage])
    base: list[Exercise] = []
    for exercise_id in dict.fromkeys(wanted):
        exercise = index[exercise_id]
        if not level_allows(exercise, level):
            # The faster march is for intermediate runners: keep the slow one instead.
            exercise = index["wall_iso_march_slow"]
        if exercise not in base:
            base.append(exercise)
    base.sort(key=lambda e: e.position)
    # The untaught skill is served by the squeeze and march practice itself, so it does
    # not bring in extras that would take time from that practice.
    others = {o: s for o, s in obstacles.items() if o != "untaught_skill"}
    candidates = [
        e
        for e in index.exercises.values()
        if e.category in ("activation", "mobility")
        and e.stage == "activate"
        and e not in base
        and level_allows(e, level)
        and obstacle_weight(e, others) > 0
    ]
    extras = rank_by_weight(candidates, others)[:MAX_ACTIVATION_EXTRAS]
    return base, extras


def daily_strength_exercises(
    index: LibraryIndex, stage: str, level: str, skip: Iterable[str] = ()
) -> list[Exercise]:
    """Choose the lower-level strengthening moves that may be done every day.

    Arsenault: once the glutes switch on easily, the glute bridge, the iso
    march and band walks can be done daily (``arsenault_livestrong``: the
    library's ``daily_strength`` routine). So they start with the strengthen
    stage. In the integrate stage each moves on to its harder, still daily
    variation when the level allows (:func:`harder_variant`). Moves already in
    the day's activation block (``skip``) are left out.
    """
    if stage == "activate":
        return []
    chosen: list[Exercise] = []
    skipped = set(skip)
    for exercise in index.routine("daily_strength"):
        if exercise.exercise_id in skipped:
            continue
        if stage == "integrate":
            exercise = harder_variant(index, exercise, level, stage) or exercise
        if exercise not in chosen:
            chosen.append(exercise)
    return chosen


def heavy_hinge_exercises(index: LibraryIndex, stage: str) -> list[Exercise]:
    """Choose the heavier lifts of the strength days: trap-bar (or rack) and single-leg deadlifts.

    Arsenault: once proficient with the lower-level moves, the deadlift from a
    trap bar or a rack and the single-leg deadlift, two to three times a week
    with at least one day off between (``arsenault_livestrong``: the library's
    ``strength_days`` routine). They come in the integrate stage. A routine
    member that is the equipment substitute of an earlier kept one (the rack
    deadlift for the trap bar) is not prescribed on its own.
    """
    if stage != "integrate":
        return []
    kept: list[Exercise] = []
    for exercise in index.routine("strength_days"):
        if not any(other.substitute == exercise.exercise_id for other in kept):
            kept.append(exercise)
    return kept


def accessory_exercises(
    index: LibraryIndex,
    stage: str,
    level: str,
    obstacles: Mapping[str, int],
    skip: Iterable[str] = (),
) -> list[Exercise]:
    """Strength exercises chosen by the runner's obstacles, for strength days.

    Candidates are the library's dosed strength exercises that the stage and
    level allow and that address an obstacle the runner scored above 0
    (:func:`obstacle_weight`); in the integrate stage only one-sided or
    alternating ones (single-leg work: for weak or unstable glutes, the
    library's ``weak_unstable`` links from ``arsenault_livestrong``,
    ``distefano_2009`` and ``neto_2020``). Heavy hinges and the daily moves are
    chosen elsewhere. Up to :data:`MAX_ACCESSORIES`, highest weight first.
    """
    if stage == "activate":
        return []
    skipped = set(skip) | index.heavy_hinges
    candidates = [
        e
        for e in index.exercises.values()
        if e.category == "strength"
        and e.exercise_id not in skipped
        and "daily_strength" not in e.routines
        and e.sets_min is not None
        and stage_allows(e, stage)
        and level_allows(e, level)
        and (stage != "integrate" or e.laterality != "bilateral")
        and obstacle_weight(e, obstacles) > 0
    ]
    return rank_by_weight(candidates, obstacles)


def pre_run_exercises(
    index: LibraryIndex, stage: str, level: str, obstacles: Mapping[str, int]
) -> list[Exercise]:
    """Choose the short activation routine before a run.

    The library's ``pre_run`` routine (Yuen's idea of waking the glutes before a
    run, ``yuen_five_exercises``, filled with Arsenault's and Hodges' moves,
    ``arsenault_livestrong``, ``hodges_alp_fitness``), limited to the stage
    reached and the runner's level, with the slow iso march moving on to the
    fast one when allowed. At most :data:`PRE_RUN_MAX_EXERCISES` (Yuen's five):
    the latest stage's moves first, then by obstacle weight, then library
    order; the routine is done in library order.
    """
    chosen: list[Exercise] = []
    for exercise in index.routine("pre_run"):
        if stage == "integrate" and exercise.category == "activation":
            exercise = harder_variant(index, exercise, level, stage) or exercise
        if (
            stage_allows(exercise, stage)
            and level_allows(exercise, level)
            and exercise not in chosen
        ):
            chosen.append(exercise)
    ranked = sorted(
        chosen,
        key=lambda e: (
            -PLAN_STAGES.index(e.stage),
            -obstacle_weight(e, obstacles),
            e.position,
        ),
    )[:PRE_RUN_MAX_EXERCISES]
    return sorted(ranked, key=lambda e: e.position)


def load_guidance(
    exercise: Exercise, dose: Dose, units: str, lighter: bool, harder: str = ""
) -> str:
    """Say how heavy, in words, in the runner's unit, and when to move on.

    Loaded lifts: a weight (in ``units``) that allows the top of the
    repetition range with good form, adding 2-10 % once one or two
    repetitions more are possible (ACSM, ``ratamess_2009``); in a lighter week
    no load is added (:func:`is_lighter_week`). Body-weight and band moves
    say so and, given the name of a ``harder`` variation the runner can do,
    to move on to it once the top of the range comes easily on every set:
    they have no load to add (the library's dosage notes, after Reiman et al.
    2012: from less to more demanding exercises). Time-boxed moves say nothing.

    Examples
    --------
    >>> from gluteutils.exercises import load_exercises
    >>> ex = library_index(load_exercises())["glute_bridge"]
    >>> load_guidance(ex, Dose(2, 8, 12, 1, None), "kg", False)
    'Body weight.'
    >>> load_guidance(ex, Dose(2, 8, 12, 1, None), "kg", False, "Single-leg glute bridge")
    'Body weight. Once 12 repetitions come easily on every set, move on to Single-leg glute bridge.'
    """
    if dose.timed_only:
        return ""
    top = dose.reps_max or dose.reps_min
    if takes_weight(exercise.equipment):
        reps = f"{top} good repetitions" if top else "every repetition with good form"
        if lighter:
            # a lighter week never opens a stage (lighter_weeks), so every lift in it was
            # done the week before
            return f"Lighter week: keep last week's load in {units}; do not add any."
        more = f"{top}" if top else "that"
        return (
            f"A load in {units} that allows {reps} (start light while you learn the lift); "
            f"add 2-10 % once you can do 1-2 more than {more} (ACSM)."
        )
    if {"band", "mini_band"} & set(exercise.equipment):
        guidance = "Band resistance; keep every step controlled."
    else:
        guidance = "Body weight."
    if harder and top and not lighter:
        what = "steps each way" if exercise.measure == "steps" else "repetitions"
        guidance += f" Once {top} {what} come easily on every set, move on to {harder}."
    return guidance
