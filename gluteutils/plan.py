"""Build a runner's multi-week glute plan, and check any plan against the rules.

:func:`build_plan` turns a :class:`~gluteutils.plan_profile.Profile` and the
exercise library into a :class:`pandas.DataFrame` with the columns of
:data:`~gluteutils.plan_columns.PLAN_COLUMNS`: one row per exercise
prescription per day. It is pure and deterministic; every decision is one of
the small rules of :mod:`gluteutils.plan_rules`, each with its source.

A training day has up to three sessions, done in this order:

``pre_run``
    On every run day: a short activation routine before the run (Yuen; the
    library's ``pre_run`` routine). With the goal ``pre_run_only`` this is the
    whole plan.
``activation``
    On every training day: the daily activation block, exactly the profile's
    ``activation_minutes`` (10-20, Arsenault's action plan).
``strength``
    On training days from the strengthen stage on: the lower-level moves
    (daily), and on the strength days (2-3 a week, a day off between) the
    obstacle-chosen accessories and, in the integrate stage, the heavy hinges.

:func:`check_plan` returns a plain-language message for every rule a plan
breaks; everything :func:`build_plan` makes passes it. The ``minutes`` of a row
is an *estimate* for planning (:func:`gluteutils.plan_rules.estimate_minutes`);
:func:`daily_minutes` and :func:`weekly_summary` add them up.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from pandas.arrays import IntegerArray

from . import plan_rules as rules
from .plan_columns import PLAN_COLUMNS, PLAN_STAGES, SESSIONS, WEEKDAY_NAME_OF, WEEKDAYS
from .plan_profile import MAX_ACTIVATION_MINUTES, MIN_ACTIVATION_MINUTES, Profile
from .plan_rules import Dose, Exercise, LibraryIndex

#: Integer columns of a plan (pandas ``Int64``; NA where not applicable).
INT_COLUMNS = ("week", "order", "sets", "reps_min", "reps_max", "hold_s", "rest_s")

# Row fields that do not depend on the date, in the order of _Item.fields().
_ITEM_FIELDS = (
    "session",
    "order",
    "exercise_id",
    "exercise_name",
    "sets",
    "reps_min",
    "reps_max",
    "hold_s",
    "side",
    "rest_s",
    "minutes",
    "load_guidance",
    "cues",
    "substituted_for",
)


@dataclass(frozen=True)
class _Item:
    """One prescription of a day, before it gets a date."""

    session: str
    exercise: Exercise
    substituted_for: str
    dose: Dose
    minutes: float
    load_guidance: str


@dataclass(frozen=True)
class _Context:
    """What stays the same for every day of one build."""

    index: LibraryIndex
    profile: Profile
    obstacles: dict[str, int]
    available: frozenset[str]
    memo: dict[tuple[str, str], object] = field(default_factory=dict)

    def once(self, name: str, stage: str, make: Callable[[], object]) -> Any:
        """Compute a stage's choice once per build (every day of a stage shares it)."""
        key = (name, stage)
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]


# A small cache of library indexes: building one costs more than the rest of a plan.
_INDEX_CACHE: dict[int, tuple[pd.DataFrame, tuple[int, ...], LibraryIndex]] = {}


def _index_for(library: pd.DataFrame) -> LibraryIndex:
    # Keyed by identity, checked by shape and ids so a changed frame is re-indexed.
    stamp = (len(library), *map(hash, library["exercise_id"]))
    cached = _INDEX_CACHE.get(id(library))
    if cached is not None and cached[0] is library and cached[1] == stamp:
        return cached[2]
    index = rules.library_index(library)
    if len(_INDEX_CACHE) > 8:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(library)] = (library, stamp, index)
    return index


def _limited_ok(exercise: Exercise, pattern_slot: int | None) -> bool:
    """Whether an exercise with a weekly cap or days off may go on this day.

    Such exercises go only on the week's strength days (spaced by
    :func:`~gluteutils.plan_rules.strength_day_pattern`), on at most
    ``weekly_max`` of them.
    """
    if exercise.daily:
        return True
    if pattern_slot is None:
        return False
    return exercise.weekly_max is None or pattern_slot < exercise.weekly_max


def _resolve(
    ctx: _Context,
    wanted: Iterable[Exercise],
    pattern_slot: int | None,
    taken: set[str],
    limit: int | None = None,
) -> list[tuple[Exercise, str]]:
    """Swap in substitutes for missing equipment, drop repeats and capped moves."""
    chosen: list[tuple[Exercise, str]] = []
    for exercise in wanted:
        if limit is not None and len(chosen) >= limit:
            break
        done_id, replaced = rules.resolve_equipment(ctx.index, exercise.exercise_id, ctx.available)
        if not done_id or done_id in taken:
            continue
        done = ctx.index[done_id]
        if not _limited_ok(done, pattern_slot):
            continue
        taken.add(done_id)
        chosen.append((done, replaced))
    return chosen


def _harder(ctx: _Context, exercise: Exercise) -> str:
    """Name the first harder variation the runner has the equipment for, or ``""``."""
    for exercise_id in exercise.harder:
        harder = ctx.index.exercises.get(exercise_id)
        if harder is not None and set(harder.equipment) <= ctx.available:
            return harder.name
    return ""


def _item(ctx: _Context, session: str, pair: tuple[Exercise, str], dose: Dose, minutes: float):
    exercise, replaced = pair
    # strength work has a range to reach; pre-run and activation doses stay short on purpose
    harder = _harder(ctx, exercise) if session == "strength" else ""
    return _Item(
        session=session,
        exercise=exercise,
        substituted_for=replaced,
        dose=dose,
        minutes=minutes,
        load_guidance=rules.load_guidance(
            exercise, dose, ctx.profile.units, lighter=False, harder=harder
        ),
    )


def _pre_run_items(ctx: _Context, stage: str, pattern_slot: int | None) -> list[_Item]:
    wanted = ctx.once(
        "pre_run",
        stage,
        lambda: rules.pre_run_exercises(ctx.index, stage, ctx.profile.level, ctx.obstacles),
    )
    items = []
    for pair in _resolve(ctx, wanted, pattern_slot, set()):
        dose = rules.dose_for(pair[0], ctx.profile.level, short=True)
        minutes = rules.estimate_minutes(pair[0], dose)
        if minutes is None:
            minutes = rules.PRE_RUN_TIMEBOX_MINUTES
        items.append(_item(ctx, "pre_run", pair, dose, minutes))
    return items


def _activation_items(
    ctx: _Context, stage: str, pattern_slot: int | None, taken: set[str]
) -> list[_Item]:
    level = ctx.profile.level
    base, extras = ctx.once(
        "activation",
        stage,
        lambda: rules.activation_exercises(ctx.index, stage, level, ctx.obstacles),
    )
    if stage == "integrate" and not ctx.profile.run_days:
        # No run days, so no pre-run routine: the running drills join the block instead.
        drills = [
            e
            for e in rules.pre_run_exercises(ctx.index, stage, level, ctx.obstacles)
            if e.category == "drill"
        ]
        base = base + drills[:1]
    pairs = _resolve(ctx, base, pattern_slot, taken)
    extra_pairs = _resolve(ctx, extras, pattern_slot, taken)
    total = float(ctx.profile.activation_minutes)
    while True:
        chosen = sorted(pairs + extra_pairs, key=lambda p: p[0].position)
        doses = [rules.dose_for(e, level) for e, _ in chosen]
        fixed = [rules.estimate_minutes(e, d) for (e, _), d in zip(chosen, doses, strict=True)]
        weights = [1.0 + rules.obstacle_weight(e, ctx.obstacles) for e, _ in chosen]
        split = rules.split_minutes(total, weights, fixed)
        if split is not None or not extra_pairs:
            break
        # The extras' set doses leave too little time: drop the lowest-weighted extra.
        taken.discard(extra_pairs.pop()[0].exercise_id)
    if split is None:  # pragma: no cover - the squeezes need nothing and are time-boxed
        raise RuntimeError("the activation block has no time-boxed move")
    return [
        _item(ctx, "activation", pair, dose, minutes)
        for pair, dose, minutes in zip(chosen, doses, split, strict=True)
    ]


def _strength_items(
    ctx: _Context, stage: str, lighter: bool, pattern_slot: int | None, taken: set[str]
) -> list[_Item]:
    level = ctx.profile.level
    hinges = _resolve(
        ctx,
        ctx.once("hinges", stage, lambda: rules.heavy_hinge_exercises(ctx.index, stage)),
        pattern_slot,
        taken,
    )
    accessories = []
    if pattern_slot is not None:  # accessories only on the week's strength days
        accessories = _resolve(
            ctx,
            ctx.once(
                "accessories",
                stage,
                lambda: rules.accessory_exercises(ctx.index, stage, level, ctx.obstacles),
            ),
            pattern_slot,
            taken,
            limit=rules.MAX_ACCESSORIES,
        )
    daily = _resolve(
        ctx,
        ctx.once("daily", stage, lambda: rules.daily_strength_exercises(ctx.index, stage, level)),
        pattern_slot,
        taken,
    )
    items = []
    # Heavier, multi-joint work first (ACSM, ratamess_2009), the lower-level moves last.
    for pair in hinges + accessories + daily:
        dose = rules.dose_for(pair[0], level, lighter=lighter)
        minutes = rules.estimate_minutes(pair[0], dose)
        if minutes is None:
            continue  # no set dose in the library: nothing to prescribe as strength work
        item = _item(ctx, "strength", pair, dose, minutes)
        if lighter:
            guidance = rules.load_guidance(pair[0], dose, ctx.profile.units, lighter=True)
            item = _Item(item.session, item.exercise, item.substituted_for, dose, minutes, guidance)
        items.append(item)
    return items


def _day_items(
    ctx: _Context,
    stage: str,
    lighter: bool,
    training: bool,
    run: bool,
    pattern_slot: int | None,
) -> list[tuple[object, ...]]:
    items: list[_Item] = []
    if run:
        items += _pre_run_items(ctx, stage, pattern_slot)
    if training and ctx.profile.goal == "full_programme":
        taken: set[str] = set()
        items += _activation_items(ctx, stage, pattern_slot, taken)
        items += _strength_items(ctx, stage, lighter, pattern_slot, taken)
    rows = []
    order = 0
    session = ""
    for item in items:
        order = order + 1 if item.session == session else 1
        session = item.session
        exercise, dose = item.exercise, item.dose
        rows.append(
            (
                item.session,
                order,
                exercise.exercise_id,
                exercise.name,
                dose.sets,
                dose.reps_min,
                dose.reps_max,
                dose.hold_s,
                rules.side_for(exercise.laterality),
                dose.rest_s,
                float(item.minutes),
                item.load_guidance,
                "; ".join(exercise.cues),
                item.substituted_for,
            )
        )
    return rows


def strength_pattern(profile: Profile, library: pd.DataFrame) -> tuple[tuple[int, ...], ...]:
    """Return the strength days of a normal and of a lighter week, as offsets from the start.

    Parameters
    ----------
    profile : Profile
        The runner.
    library : pandas.DataFrame
        The exercises table.

    Returns
    -------
    tuple of tuple of int
        ``(normal_week, lighter_week)``: day offsets 0-6 within a plan week;
        the lighter week's days are a subset of the normal week's.
    """
    index = _index_for(library)
    return _patterns(index, profile)


def _patterns(index: LibraryIndex, profile: Profile) -> tuple[tuple[int, ...], tuple[int, ...]]:
    hinges = [index[i] for i in sorted(index.heavy_hinges)]
    weekly_min = min((e.weekly_min for e in hinges if e.weekly_min), default=2)
    weekly_max = max((e.weekly_max for e in hinges if e.weekly_max), default=weekly_min)
    min_gap = 1 + max((e.rest_days_between or 0 for e in hinges), default=1)
    start = profile.start_date.weekday()
    offsets = [(WEEKDAYS.index(d) - start) % 7 for d in profile.training_days]
    full_count = rules.strength_days_per_week(profile.level, False, weekly_min, weekly_max)
    light_count = rules.strength_days_per_week(profile.level, True, weekly_min, weekly_max)
    normal = rules.strength_day_pattern(offsets, full_count, min_gap)
    # Legs fresh for a long or hard run: no strength day the day before one, unless
    # that costs a strength day (a planning choice of this curriculum; plan_notes says so)
    eves = {(WEEKDAYS.index(d) - start - 1) % 7 for d in profile.key_run_days}
    if eves & set(normal):
        spared = rules.strength_day_pattern(
            [o for o in offsets if o not in eves], full_count, min_gap
        )
        if len(spared) == len(normal):
            normal = spared
    lighter = rules.strength_day_pattern(normal, light_count, min_gap)
    return normal, lighter


def build_plan(profile: Profile, library: pd.DataFrame) -> pd.DataFrame:
    """Build the plan for a runner.

    Parameters
    ----------
    profile : Profile
        The runner (:func:`gluteutils.plan_profile.validate_profile`).
    library : pandas.DataFrame
        The exercises table (:func:`gluteutils.exercises.load_exercises`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~gluteutils.plan_columns.PLAN_COLUMNS`; one row per
        prescription, sorted by date, session and order. ``date`` holds
        :class:`datetime.date` objects; ``week``, ``order``, ``sets``,
        ``reps_min``, ``reps_max``, ``hold_s`` and ``rest_s`` are ``Int64``
        (NA where the library gives no number); ``minutes`` is ``float64``;
        every other column is ``str`` (``""`` when empty).

    Examples
    --------
    >>> from gluteutils.exercises import load_exercises
    >>> from gluteutils.plan_profile import validate_profile
    >>> profile, _ = validate_profile({"athlete": "Ana", "level": "beginner",
    ...     "start_date": "2025-03-03", "weeks": 8, "training_days": "mon|wed|fri",
    ...     "run_days": "tue|sat"})
    >>> plan = build_plan(profile, load_exercises())
    >>> check_plan(plan, profile)
    []
    """
    index = _index_for(library)
    ctx = _Context(
        index=index,
        profile=profile,
        obstacles=dict(profile.obstacles),
        available=profile.available_equipment,
    )
    start = profile.start_date
    start_weekday = start.weekday()
    training = {(WEEKDAYS.index(d) - start_weekday) % 7 for d in profile.training_days}
    runs = {(WEEKDAYS.index(d) - start_weekday) % 7 for d in profile.run_days}
    normal, light = _patterns(index, profile)
    # Days of the same kind (stage, lighter week, training/run day, strength-day slot) get
    # the same prescriptions: build each kind once as column arrays, then stack them.
    templates: dict[tuple[object, ...], _Block | None] = {}
    blocks: list[_Block] = []
    days: list[tuple[date, int, str, bool]] = []
    lighter_weeks = rules.lighter_weeks(profile.weeks)  # worked out once, not per week
    for week in range(1, profile.weeks + 1):
        stage = rules.stage_of_week(week, profile.weeks)
        lighter = week in lighter_weeks
        pattern = light if lighter else normal
        for offset in range(7):
            slot = pattern.index(offset) if offset in pattern else None
            key = (stage, lighter, offset in training, offset in runs, slot)
            if key not in templates:
                templates[key] = _Block.of(_day_items(ctx, *key))  # type: ignore[arg-type]
            block = templates[key]
            if block is None:
                continue
            blocks.append(block)
            days.append((start + timedelta(days=7 * (week - 1) + offset), week, stage, lighter))
    return _stack(profile, blocks, days)


class _Block:
    """The rows of one kind of day as column arrays, ready to stack."""

    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        self.size = len(rows)
        by_column = list(zip(*rows, strict=True))
        self.columns: dict[str, object] = {}
        for name, values in zip(_ITEM_FIELDS, by_column, strict=True):
            if name in INT_COLUMNS:
                self.columns[name] = np.array([0 if v is None else v for v in values], np.int64)
                self.columns[name + ":mask"] = np.array([v is None for v in values], bool)
            elif name == "minutes":
                self.columns[name] = np.array(values, np.float64)
            else:
                self.columns[name] = np.array(values, dtype=object)
        self.columns["row_suffix"] = np.array(
            [
                f"-{session}-{order}"
                for session, order in zip(by_column[0], by_column[1], strict=True)
            ],
            dtype=object,
        )

    @classmethod
    def of(cls, rows: list[tuple[object, ...]]) -> _Block | None:
        return cls(rows) if rows else None


def _stack(
    profile: Profile, blocks: list[_Block], days: list[tuple[date, int, str, bool]]
) -> pd.DataFrame:
    if not blocks:
        return empty_plan()
    counts = np.array([b.size for b in blocks])
    total = int(counts.sum())

    def per_day(values: list[object], dtype: object = object) -> np.ndarray:
        return np.repeat(np.array(values, dtype=dtype), counts)

    def stacked(name: str) -> np.ndarray:
        return np.concatenate([b.columns[name] for b in blocks])  # type: ignore[misc]

    dates = [d[0] for d in days]
    data: dict[str, object] = {
        "row_id": per_day([d.isoformat() for d in dates]) + stacked("row_suffix"),
        "athlete": np.full(total, profile.athlete, dtype=object),
        "date": per_day(dates),
        "week": IntegerArray(per_day([d[1] for d in days], np.int64), np.zeros(total, bool)),
        "weekday": per_day([WEEKDAYS[d.weekday()] for d in dates]),
        "stage": per_day([d[2] for d in days]),
        "lighter_week": per_day(["yes" if d[3] else "no" for d in days]),
        "units": np.full(total, profile.units, dtype=object),
    }
    for name in _ITEM_FIELDS:
        if name in INT_COLUMNS:
            data[name] = IntegerArray(stacked(name), stacked(name + ":mask"))
        else:
            data[name] = stacked(name)
    return _frame(data)


def _frame(columns: Mapping[str, object]) -> pd.DataFrame:
    """Make the plan frame: the contract's column order and dtypes (text as ``object``)."""
    data: dict[str, object] = {}
    for name in PLAN_COLUMNS:
        values = columns[name]
        if name in INT_COLUMNS:
            data[name] = values if isinstance(values, IntegerArray) else pd.array(values, "Int64")  # type: ignore[arg-type]
        elif name == "minutes":
            data[name] = np.asarray(values, dtype=np.float64)
        else:
            data[name] = pd.Series(values, dtype=object, copy=False)
    return pd.DataFrame(data, columns=list(PLAN_COLUMNS))


def empty_plan() -> pd.DataFrame:
    """Return a plan with no rows and the plan's columns and dtypes."""
    return _frame({c: np.array([], dtype=object) for c in PLAN_COLUMNS})


# --- summaries ---


def daily_minutes(plan: pd.DataFrame) -> pd.DataFrame:
    """Add up the planned minutes of each day.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan (:func:`build_plan`).

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``week``, ``weekday``, ``stage``, ``lighter_week``
        and one column of minutes per session (``pre_run``, ``activation``,
        ``strength``) plus ``total``; one row per day with any training, in
        date order. Minutes are estimates.
    """
    keys = ["date", "week", "weekday", "stage", "lighter_week"]
    if plan.empty:
        return pd.DataFrame(columns=[*keys, *SESSIONS, "total"])
    # Numpy sums over factorised days: a pivot table over string columns costs ~10x
    # more, and this runs on every click of the plan form.
    day_codes, _ = pd.factorize(plan["date"])
    session_codes = plan["session"].map({s: i for i, s in enumerate(SESSIONS)}).to_numpy()
    sums = np.zeros((int(day_codes.max()) + 1, len(SESSIONS)))
    np.add.at(sums, (day_codes, session_codes.astype(int)), plan["minutes"].to_numpy(float))
    first = plan.drop_duplicates("date")[keys].reset_index(drop=True)
    table = first.assign(**{s: sums[:, i] for i, s in enumerate(SESSIONS)})
    table["total"] = sums.sum(axis=1)
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def weekly_summary(plan: pd.DataFrame) -> pd.DataFrame:
    """Count sessions and add up minutes per week.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan (:func:`build_plan`).

    Returns
    -------
    pandas.DataFrame
        One row per week: ``week``, ``stage``, ``lighter_week``,
        ``training_days`` (days with any session), one count of sessions per
        session kind, and ``minutes`` (estimated total).
    """
    days = daily_minutes(plan)
    columns = ["week", "stage", "lighter_week", "training_days", *SESSIONS, "minutes"]
    if days.empty:
        return pd.DataFrame(columns=columns)
    week_codes, _ = pd.factorize(days["week"], sort=True)
    weeks = int(week_codes.max()) + 1
    first = days.drop_duplicates("week")[["week", "stage", "lighter_week"]]
    summary = first.sort_values("week", kind="stable").reset_index(drop=True)
    summary["training_days"] = np.bincount(week_codes, minlength=weeks)
    for session in SESSIONS:
        done = (days[session].to_numpy() > 0).astype(int)
        summary[session] = np.bincount(week_codes, weights=done, minlength=weeks).astype(int)
    summary["minutes"] = np.bincount(week_codes, weights=days["total"].to_numpy(), minlength=weeks)
    return summary[columns]


# --- checking a plan ---


def _is_na(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _lib_value(value: float | None) -> int | None:
    return None if value is None else round(value)


def check_plan(
    plan: pd.DataFrame, profile: Profile | None = None, library: pd.DataFrame | None = None
) -> list[str]:
    """List, in plain language, every rule a plan breaks.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan, as made by :func:`build_plan` or read from a file.
    profile : Profile, optional
        The runner it was made for; enables the checks that need it (start
        date, run days, training days, equipment, activation minutes).
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.

    Returns
    -------
    list of str
        One message per broken rule and place; empty when the plan is fine.
        Checked: the columns; unique, well-formed row ids; weekdays, weeks and
        sort order; one stage and one lighter-week flag per week; stages in
        order (no integrate before strengthen) and no exercise from a later
        stage; known exercises and their names; sides (one-sided exercises
        ``each_side``); doses inside the library's ranges and none where it has
        none; minutes 0-120; activation block 10-20 minutes a day; heavy
        hinges at most 3 a week with a day off between (across weeks too);
        weekly caps of the library; a lighter week every 4 to 6 loading
        weeks (activate weeks do not count) and a set fewer in it; with a
        profile, the athlete, units, pre-run routine on every run day,
        activation block on every training day, nothing on other days, and
        only the runner's equipment with correct substitutes.
    """
    messages: list[str] = []
    columns = [str(c) for c in plan.columns]
    if columns != list(PLAN_COLUMNS):
        missing = [c for c in PLAN_COLUMNS if c not in columns]
        extra = [c for c in columns if c not in PLAN_COLUMNS]
        if missing:
            messages.append(f"The plan lacks the column(s): {', '.join(missing)}.")
        if extra:
            messages.append(f"The plan has unexpected column(s): {', '.join(extra)}.")
        if not missing and not extra:
            messages.append("The plan's columns are not in the expected order.")
        return messages
    if plan.empty:
        return ["The plan has no rows."]
    if not all(isinstance(d, date) for d in plan["date"]):
        return ["Every value of 'date' must be a date."]
    index = _index_for(library) if library is not None else _default_index()
    # Plain Python values row by row (faster than DataFrame.to_dict for a few thousand rows).
    values = [plan[c].tolist() for c in PLAN_COLUMNS]
    records = [dict(zip(PLAN_COLUMNS, row, strict=True)) for row in zip(*values, strict=True)]
    messages += _check_rows(plan.reset_index(drop=True), records, index)
    messages += _check_weeks(records, profile)
    messages += _check_days(records, index, profile)
    if profile is not None:
        messages += _check_profile(records, index, profile)
    return messages


def plan_notes(
    plan: pd.DataFrame, library: pd.DataFrame | None = None, profile: Profile | None = None
) -> list[str]:
    """Say where a sound plan still falls short of its sources, for the runner to know.

    Three notes so far:

    - a lift with a weekly minimum in the library (the heavy hinges:
      Arsenault's two to three times a week) that the plan's training days
      leave room for less often, in a week that is not lighter. One training
      day a week gives one deadlift day, which :func:`check_plan` accepts;
    - no wall: every plan with one has Arsenault's wall iso march, so a plan
      without any wall exercise was built for a runner who did not tick it,
      and the march's time goes to the squeezes (and A-skips);
    - with ``profile``: a strength day (a day with lifts that are not done
      daily) on the day before a long or hard run (``key_run_days``), which
      :func:`build_plan` avoids unless the training days leave no other way.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan from :func:`build_plan`.
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.
    profile : Profile, optional
        The profile the plan was built from, for its long or hard run days.

    Returns
    -------
    list of str
        Plain-language notes, empty when there is nothing to say.

    Examples
    --------
    >>> from gluteutils.plan_profile import validate_profile
    >>> profile, _ = validate_profile({"athlete": "Ana", "level": "beginner",
    ...     "start_date": "2025-03-03",
    ...     "weeks": 16, "training_days": ["wed"], "equipment": ["wall", "trap_bar",
    ...     "dumbbell", "mini_band"]})
    >>> from gluteutils.exercises import load_exercises
    >>> plan_notes(build_plan(profile, load_exercises()))[0][:60]
    'Trap-bar deadlift and Single-leg deadlift with dumbbells com'
    """
    index = _index_for(library) if library is not None else _default_index()
    # plain Python over the few heavy rows: this runs on every Build click
    days: dict[str, dict[object, set[object]]] = {}  # exercise -> week -> dates
    for exercise_id, week, day, lighter in zip(
        plan["exercise_id"], plan["week"], plan["date"], plan["lighter_week"], strict=True
    ):
        if exercise_id in index.heavy_hinges and lighter == "no":
            days.setdefault(exercise_id, {}).setdefault(week, set()).add(day)
    short: dict[tuple[int, int, int], list[str]] = {}  # (times, fewest, most) -> lift names
    for exercise_id, weeks in days.items():
        exercise = index[str(exercise_id)]
        fewest = min(len(dates) for dates in weeks.values())
        if exercise.weekly_min is not None and fewest < exercise.weekly_min:
            most = exercise.weekly_max or exercise.weekly_min
            short.setdefault((fewest, exercise.weekly_min, most), []).append(exercise.name)
    notes = []
    if len(plan) and not any(
        "wall" in index.exercises[str(e)].equipment
        for e in set(plan["exercise_id"])
        if str(e) in index.exercises
    ):
        notes.append(
            "Without a wall, the plan leaves out Arsenault's wall iso march and gives its time "
            "to the squeezes (and, in the integrate stage, to A-skips). The march needs only a "
            "wall or another sturdy upright surface: tick 'a wall' under equipment if you have "
            "one."
        )
    notes.extend(_eve_notes(plan, index, profile))
    for (fewest, low, high), names in short.items():
        times = "once" if fewest == 1 else f"{fewest} times"
        lifts = " and ".join(names) if len(names) < 3 else ", ".join(names)
        verb = "comes" if len(names) == 1 else "come"
        notes.append(
            f"{lifts} {verb} {times} a week in this plan, and Arsenault gives {low} to {high} "
            "times a week: add a training day, with a day off between the two, to reach that."
        )
    return notes


def strength_before_key_runs(
    plan: pd.DataFrame, profile: Profile, library: pd.DataFrame | None = None
) -> list[tuple[str, str]]:
    """Find the strength days that fall on the day before a long or hard run.

    A strength day is a weekday of the plan with a lift that is not done daily
    (the heavy hinges and the accessories). :func:`build_plan` keeps them off
    the day before each of the profile's ``key_run_days`` unless that would cost
    a strength day.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan from :func:`build_plan`.
    profile : Profile
        The profile it was built from.
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.

    Returns
    -------
    list of (str, str)
        ``(strength_day, key_run_day)`` weekday codes, in week order of the run.
    """
    index = _index_for(library) if library is not None else _default_index()
    return _eves(plan, index, profile)


def _eves(
    plan: pd.DataFrame, index: LibraryIndex, profile: Profile | None
) -> list[tuple[str, str]]:
    if profile is None or not profile.key_run_days:
        return []
    strength_days = {
        str(weekday)
        for exercise_id, weekday in zip(plan["exercise_id"], plan["weekday"], strict=True)
        if str(exercise_id) in index.exercises and not index[str(exercise_id)].daily
    }
    pairs = ((WEEKDAYS[(WEEKDAYS.index(d) - 1) % 7], d) for d in profile.key_run_days)
    return [(eve, day) for eve, day in pairs if eve in strength_days]


def _eve_notes(plan: pd.DataFrame, index: LibraryIndex, profile: Profile | None) -> list[str]:
    """Say which strength days fall on the day before a long or hard run."""
    notes = []
    for eve, key_day in _eves(plan, index, profile):
        before, run = WEEKDAY_NAME_OF[eve], WEEKDAY_NAME_OF[key_day]
        notes.append(
            f"{before} is a strength day, the day before your long or hard run on {run}: "
            "your training days leave no other way to space the week's strength days. "
            "To keep your legs fresh for that run, make another day a training day in "
            f"place of {before}, if you can."
        )
    return notes


@functools.cache
def _default_index() -> LibraryIndex:
    from .exercises import load_exercises

    return rules.library_index(load_exercises())


def _check_rows(
    plan: pd.DataFrame, records: list[dict[str, object]], index: LibraryIndex
) -> list[str]:
    """Check each row on its own (ids, weekday, order, minutes, exercise and dose)."""
    found: list[tuple[int, int, str]] = []  # (row position, check number, message)

    def flag(mask: np.ndarray, check: int, message: Callable[[dict[str, object]], str]) -> None:
        for position in np.flatnonzero(mask):
            found.append((int(position), check, message(records[position])))

    row_id = plan["row_id"].to_numpy(object)
    session = plan["session"].to_numpy(object)
    order = plan["order"]
    dates = plan["date"].tolist()
    known_session = plan["session"].isin(SESSIONS).to_numpy()
    flag(
        plan["row_id"].duplicated().to_numpy(),
        0,
        lambda r: f"the row id {r['row_id']} is used twice.",
    )
    flag(~known_session, 1, lambda r: f"unknown session {r['session']!r}.")
    order_text = order.astype("string").fillna("").to_numpy(object)
    expected = np.array([d.isoformat() for d in dates], dtype=object) + "-" + session + "-"
    expected = expected + order_text
    flag(
        known_session & (expected != row_id),
        2,
        lambda r: f"the row id should be {r['date'].isoformat()}-{r['session']}-{r['order']}.",  # type: ignore[attr-defined]
    )
    weekday = np.array([WEEKDAYS[d.weekday()] for d in dates], dtype=object)
    flag(
        weekday != plan["weekday"].to_numpy(object),
        3,
        lambda r: f"{r['date']} is not a {r['weekday']}.",
    )
    # Sorted by date, session and order: each key strictly after the one before.
    day = np.array([d.toordinal() for d in dates])
    rank = plan["session"].map({s: i for i, s in enumerate(SESSIONS)}).fillna(-1).to_numpy()
    position = order.fillna(0).to_numpy(dtype=np.int64)
    after = (np.diff(day) > 0) | (
        (np.diff(day) == 0)
        & ((np.diff(rank) > 0) | ((np.diff(rank) == 0) & (np.diff(position) > 0)))
    )
    flag(
        np.concatenate([[False], ~after]),
        4,
        lambda r: "rows must be sorted by date, session and order.",
    )
    minutes = plan["minutes"].to_numpy(dtype=np.float64, na_value=np.nan)
    flag(
        ~((minutes >= 0) & (minutes <= 120)),
        5,
        lambda r: "minutes must be a number from 0 to 120.",
    )
    flag(
        ~plan["lighter_week"].isin(("yes", "no")).to_numpy(),
        6,
        lambda r: "lighter_week must be yes or no.",
    )
    known = plan["exercise_id"].isin(list(index.exercises)).to_numpy()
    flag(~known, 7, lambda r: f"{r['exercise_id']} is not in the exercise library.")
    # Rows repeat day after day: check each distinct prescription once.
    # (pd.NA is a singleton, so tuples holding it match as dictionary keys.)
    keys = list(zip(*(plan[c].tolist() for c in _EXERCISE_ROW_KEY), strict=True))
    groups: dict[tuple[object, ...], list[int]] = {}
    for position in np.flatnonzero(known):
        groups.setdefault(keys[position], []).append(int(position))
    for positions in groups.values():
        row = records[positions[0]]
        for message in _check_exercise_row(row, index[str(row["exercise_id"])]):
            found += [(i, 8, message) for i in positions]
    found.sort(key=lambda item: (item[0], item[1]))
    return [
        f"Row {i + 1} ({records[i]['date']}, {records[i]['session']}, "
        f"{records[i]['exercise_id']}): {message}"
        for i, _, message in found
    ]


_EXERCISE_ROW_KEY = (
    "exercise_id",
    "exercise_name",
    "side",
    "stage",
    "sets",
    "reps_min",
    "reps_max",
    "hold_s",
    "rest_s",
)


def _check_exercise_row(row: dict[str, object], exercise: Exercise) -> list[str]:
    messages = []
    if row["exercise_name"] != exercise.name:
        messages.append(f"the exercise is called {exercise.name!r} in the library.")
    side = rules.side_for(exercise.laterality)
    if row["side"] != side:
        what = {
            "each_side": "a one-sided exercise: its dose is per side, so side must be each_side",
            "alternating": "done with alternating legs: side must be alternating",
            "both": "done with both legs together: side must be both",
        }[side]
        messages.append(f"{exercise.name} is {what}.")
    stage = str(row["stage"])
    if stage in PLAN_STAGES and not rules.stage_allows(exercise, stage):
        messages.append(
            f"{exercise.name} belongs to the {exercise.stage} stage, "
            f"but this week is still {stage}."
        )
    ranges = {
        "sets": (exercise.sets_min, exercise.sets_max),
        "reps_min": (exercise.reps_min, exercise.reps_max),
        "reps_max": (exercise.reps_min, exercise.reps_max),
        "hold_s": (_lib_value(exercise.hold_s_min), _lib_value(exercise.hold_s_max)),
        "rest_s": (exercise.rest_s, exercise.rest_s_max),
    }
    for column, (low, high) in ranges.items():
        value = row[column]
        if _is_na(value):
            continue
        if low is None and high is None:
            messages.append(f"the library gives no {column} for {exercise.name}; leave it empty.")
            continue
        low_ = low if low is not None else high
        high_ = high if high is not None else low
        if column == "sets" and row["lighter_week"] == "yes":
            low_ = 1  # a lighter week may drop below the range (one set fewer, at least one)
        if not low_ <= int(value) <= high_:  # type: ignore[operator, call-overload]
            messages.append(
                f"{column} {value} is outside the library's {low_}-{high_} for {exercise.name}."
            )
    if (
        not _is_na(row["reps_min"])
        and not _is_na(row["reps_max"])
        and int(row["reps_min"]) > int(row["reps_max"])  # type: ignore[call-overload]
    ):
        messages.append("reps_min is larger than reps_max.")
    return messages


def _check_weeks(records: list[dict[str, object]], profile: Profile | None) -> list[str]:
    messages: list[str] = []
    weeks: dict[int, dict[str, set[object]]] = {}
    for row in records:
        week = row["week"]
        if _is_na(week):
            messages.append(f"{row['date']}: the week number is missing.")
            continue
        if profile is not None:
            expected = (row["date"] - profile.start_date).days // 7 + 1  # type: ignore[operator]
            if week != expected:
                messages.append(f"{row['date']}: is in week {expected}, not week {week}.")
        info = weeks.setdefault(int(week), {"stage": set(), "lighter": set(), "dates": set()})  # type: ignore[call-overload]
        info["stage"].add(row["stage"])
        info["lighter"].add(row["lighter_week"])
        info["dates"].add(row["date"])
    for week, info in sorted(weeks.items()):
        if len(info["stage"]) > 1:
            messages.append(
                f"Week {week} mixes stages: {', '.join(sorted(map(str, info['stage'])))}."
            )
        if len(info["lighter"]) > 1:
            messages.append(f"Week {week} is marked both lighter and not lighter.")
        dates = sorted(info["dates"])  # type: ignore[type-var]
        if (dates[-1] - dates[0]).days > 6:  # type: ignore[operator]
            messages.append(f"Week {week} spans more than 7 days.")
    # Stages in order: activate first, strengthen before integrate, never back.
    order = [(w, next(iter(info["stage"]))) for w, info in sorted(weeks.items())]
    reached = -1
    seen_stages: set[str] = set()
    for week, stage in order:
        if stage not in PLAN_STAGES:
            messages.append(f"Week {week}: unknown stage {stage!r}.")
            continue
        rank = PLAN_STAGES.index(stage)
        if rank < reached:
            messages.append(f"Week {week} goes back to the {stage} stage.")
        elif rank > 0 and PLAN_STAGES[rank - 1] not in seen_stages:
            messages.append(
                f"Week {week} starts the {stage} stage before any {PLAN_STAGES[rank - 1]} week."
            )
        reached = max(reached, rank)
        seen_stages.add(str(stage))
    # A lighter week every 4 to 6 loading weeks; activate weeks have no strength days,
    # so they are not loading weeks.
    lighter = {w: "yes" in info["lighter"] for w, info in weeks.items()}
    activate = {w for w, info in weeks.items() if info["stage"] == {PLAN_STAGES[0]}}
    run = 0
    last_light: int | None = None
    for week in range(1, max(weeks, default=0) + 1):
        if week in activate and not lighter.get(week, False):
            run = 0
            continue
        if lighter.get(week, False):
            if last_light is not None and week - last_light < rules.MIN_LIGHTER_SPACING:
                messages.append(
                    f"Lighter weeks {last_light} and {week} are too close: space them "
                    f"{rules.MIN_LIGHTER_SPACING} to 6 weeks apart."
                )
            last_light = week
            run = 0
            continue
        run += 1
        if run == rules.MAX_LOADING_RUN + 1:
            messages.append(
                f"Weeks {week - run + 1}-{week}: more than {rules.MAX_LOADING_RUN} loading weeks "
                "in a row; make one of them a lighter week (one every 4 to 6 weeks)."
            )
    return messages


def _check_days(
    records: list[dict[str, object]], index: LibraryIndex, profile: Profile | None
) -> list[str]:
    messages: list[str] = []
    activation: dict[date, float] = {}
    exercise_days: dict[str, dict[int, set[date]]] = {}
    hinge_days: dict[date, int] = {}
    normal_sets: dict[tuple[str, str], list[tuple[date, int]]] = {}
    lighter_sets: dict[tuple[str, str], list[tuple[date, int]]] = {}
    for row in records:
        day: date = row["date"]  # type: ignore[assignment]
        exercise_id = str(row["exercise_id"])
        if row["session"] == "activation" and not _is_na(row["minutes"]):
            activation[day] = activation.get(day, 0.0) + float(row["minutes"])  # type: ignore[arg-type]
        if exercise_id in index.exercises and not _is_na(row["week"]):
            weeks = exercise_days.setdefault(exercise_id, {})
            weeks.setdefault(int(row["week"]), set()).add(day)  # type: ignore[call-overload]
        if exercise_id in index.heavy_hinges and not _is_na(row["week"]):
            hinge_days[day] = int(row["week"])  # type: ignore[call-overload]
        if row["session"] == "strength" and not _is_na(row["sets"]):
            key = (exercise_id, str(row["stage"]))
            bucket = lighter_sets if row["lighter_week"] == "yes" else normal_sets
            bucket.setdefault(key, []).append((day, int(row["sets"])))  # type: ignore[call-overload]
    # A lighter week has one set fewer than the normal weeks of its stage (at least one).
    for key, rows in lighter_sets.items():
        normal = normal_sets.get(key)
        if not normal:
            continue
        allowed = max(1, max(sets for _, sets in normal) - 1)
        name = index.exercises[key[0]].name if key[0] in index.exercises else key[0]
        for day, sets in rows:
            if sets > allowed:
                messages.append(
                    f"{day}: {name} has {sets} sets in a lighter week; "
                    f"use fewer than a normal week (at most {allowed})."
                )
    for day, minutes in sorted(activation.items()):
        if not MIN_ACTIVATION_MINUTES - 1e-6 <= minutes <= MAX_ACTIVATION_MINUTES + 1e-6:
            messages.append(
                f"{day}: the activation block is {minutes:g} minutes; it must be 10 to 20."
            )
        elif profile is not None and abs(minutes - profile.activation_minutes) > 1e-6:
            messages.append(
                f"{day}: the activation block is {minutes:g} minutes, not the profile's "
                f"{profile.activation_minutes}."
            )
    # Heavy hinges: days off between (across weeks too) and at most weekly_max a week.
    hinges = [index[i] for i in index.heavy_hinges]
    min_gap = 1 + max((e.rest_days_between or 0 for e in hinges), default=0)
    most = max((e.weekly_max or 7 for e in hinges), default=7)
    ordered = sorted(hinge_days)
    for before, after in itertools.pairwise(ordered):
        if (after - before).days < min_gap:
            messages.append(
                f"Heavy hinge days {before} and {after} are too close: leave at least "
                f"{min_gap - 1} day off between them."
            )
    per_week: dict[int, int] = {}
    for week in hinge_days.values():
        per_week[week] = per_week.get(week, 0) + 1
    for week, count in sorted(per_week.items()):
        if count > most:
            messages.append(f"Week {week} has heavy hinges on {count} days; at most {most} a week.")
    for exercise_id, weeks in exercise_days.items():
        exercise = index[exercise_id]
        if exercise.weekly_max is None or exercise_id in index.heavy_hinges:
            continue
        for week, days in sorted(weeks.items()):
            if len(days) > exercise.weekly_max:
                messages.append(
                    f"Week {week}: {exercise.name} is on {len(days)} days; the library allows "
                    f"at most {exercise.weekly_max} a week."
                )
    return messages


def _check_profile(
    records: list[dict[str, object]], index: LibraryIndex, profile: Profile
) -> list[str]:
    messages: list[str] = []
    athletes = {row["athlete"] for row in records}
    if athletes != {profile.athlete}:
        messages.append("The athlete's name differs from the profile in some rows.")
    if {row["units"] for row in records} != {profile.units}:
        messages.append(f"Every row's units must be {profile.units}.")
    sessions: dict[date, set[str]] = {}
    available = profile.available_equipment
    for row in records:
        sessions.setdefault(row["date"], set()).add(str(row["session"]))  # type: ignore[arg-type]
        exercise = index.exercises.get(str(row["exercise_id"]))
        if exercise is None:
            continue
        missing = set(exercise.equipment) - available
        if missing:
            messages.append(
                f"{row['date']}: {exercise.name} needs {', '.join(sorted(missing))}, "
                "which the runner does not have."
            )
        replaced = str(row["substituted_for"])
        if replaced:
            original = index.exercises.get(replaced)
            if original is None:
                messages.append(f"{row['date']}: substituted_for names no exercise ({replaced}).")
            elif set(original.equipment) <= available:
                messages.append(
                    f"{row['date']}: {exercise.name} replaces {original.name}, but the runner "
                    "has the equipment for it."
                )
            elif rules.resolve_equipment(index, replaced, available)[0] != exercise.exercise_id:
                messages.append(
                    f"{row['date']}: {exercise.name} is not the library's substitute for "
                    f"{original.name}."
                )
    end = profile.start_date + timedelta(days=7 * profile.weeks)
    day = profile.start_date
    full = profile.goal == "full_programme"
    while day < end:
        code = WEEKDAYS[day.weekday()]
        found = sessions.get(day, set())
        if code in profile.run_days and "pre_run" not in found:
            messages.append(f"{day} is a run day without the pre-run routine.")
        if full and code in profile.training_days and "activation" not in found:
            messages.append(f"{day} is a training day without the activation block.")
        if not full and found - {"pre_run"}:
            messages.append(f"{day}: the goal is a pre-run routine only, but there is more.")
        if found and code not in profile.training_days and found - {"pre_run"}:
            messages.append(f"{day} is not a training day but has training on it.")
        if found and code not in profile.training_days and code not in profile.run_days:
            messages.append(f"{day} is neither a training day nor a run day.")
        day += timedelta(days=1)
    outside = sorted(d for d in sessions if not profile.start_date <= d < end)
    if outside:
        messages.append(f"{outside[0]} is outside the plan's {profile.weeks} weeks.")
    return messages
