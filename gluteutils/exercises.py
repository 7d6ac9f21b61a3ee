"""The exercise library of notebook 04: filter it, describe one exercise, read its dose.

Pure functions over the ``exercises`` table (``data/exercises.csv``, loaded with
:func:`gluteutils.load_table`). Nothing here shows a widget or writes a file; the
browser in :mod:`gluteutils.exercise_browser` and the notebook only display what
these functions return.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from .library import load_table
from .schema import (
    EQUIPMENT,
    EXERCISE_CATEGORIES,
    EXERCISE_LEVELS,
    EXERCISE_STAGES,
    MUSCLE_IDS,
    OBSTACLE_IDS,
    ROUTINES,
)

#: Readable names of the muscle ids, for tables and cards.
MUSCLE_LABELS: dict[str, str] = {
    "glute_max": "gluteus maximus",
    "glute_med": "gluteus medius",
    "glute_min": "gluteus minimus",
    "hamstrings": "hamstrings",
    "quadriceps": "quadriceps",
    "hip_flexors": "hip flexors",
    "adductors": "adductors",
    "calves": "calves",
    "core": "core",
    "erector_spinae": "low-back muscles (erector spinae)",
}

#: Readable names of the equipment ids.
EQUIPMENT_LABELS: dict[str, str] = {
    "none": "nothing",
    "band": "long resistance band",
    "mini_band": "mini band (looped)",
    "trap_bar": "trap (hex) bar",
    "barbell": "barbell",
    "rack": "rack or blocks",
    "dumbbell": "dumbbells",
    "kettlebell": "kettlebell",
    "ankle_weight": "ankle weight",
    "bench": "bench",
    "wall": "wall",
    "box": "box",
    "step": "step",
}

#: The two muscles with published EMG columns in the table.
EMG_MUSCLES: dict[str, str] = {"glute_max": "emg_gmax", "glute_med": "emg_gmed"}


@dataclass(frozen=True)
class EmgFigure:
    """One published EMG value for one exercise and muscle.

    Attributes
    ----------
    muscle : str
        ``"glute_max"`` or ``"glute_med"``.
    percent_mvic : float
        Mean activation as % of a maximal voluntary isometric contraction.
    source_id : str
        The study it comes from.
    citation : str
        Short citation, e.g. ``"Neto et al. 2020"``.
    secondary : bool
        True when our sources table marks the study as known only from a
        secondary summary.
    """

    muscle: str
    percent_mvic: float
    source_id: str
    citation: str
    secondary: bool


@dataclass(frozen=True)
class ExerciseCard:
    """Everything the exercise card shows about one exercise, as plain values.

    Attributes
    ----------
    exercise_id, name, category, stage, level, laterality : str
        As in the table.
    primary_muscles, secondary_muscles : tuple of str
        Readable muscle names.
    equipment : tuple of str
        Readable equipment names (``("nothing",)`` when none is needed).
    dosage : str
        The dose in words (:func:`dosage_text`).
    dosage_note : str
        Where the dose comes from.
    how_to : str
        How to do it.
    cues, common_mistakes : tuple of str
        Coaching cues and frequent faults.
    cautions : tuple of str
        When to leave the exercise out or stop it (often empty).
    easier, harder : tuple of (str, str)
        Variations as ``(exercise_id, name)`` pairs.
    substitute : tuple of (str, str) or None
        What to do instead when the equipment is missing.
    obstacles : tuple of str
        Names of the obstacles it helps with.
    emg : tuple of EmgFigure
        Published activation, possibly empty.
    emg_note : str
        What exactly was measured, or why nothing is shown.
    sources : tuple of str
        Full citations of the row's sources.
    """

    exercise_id: str
    name: str
    category: str
    stage: str
    level: str
    laterality: str
    primary_muscles: tuple[str, ...]
    secondary_muscles: tuple[str, ...]
    equipment: tuple[str, ...]
    dosage: str
    dosage_note: str
    how_to: str
    cues: tuple[str, ...]
    common_mistakes: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: tuple[tuple[str, str], ...]
    harder: tuple[tuple[str, str], ...]
    substitute: tuple[str, str] | None
    obstacles: tuple[str, ...]
    emg: tuple[EmgFigure, ...]
    emg_note: str
    sources: tuple[str, ...]


def load_exercises() -> pd.DataFrame:
    """Load the exercise library, ``data/exercises.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per exercise, validated; list columns hold tuples of str.
    """
    return load_table("exercises")


def _as_set(value: str | Iterable[str] | None, allowed: Iterable[str], what: str) -> set[str]:
    """Turn one value or several into a set, refusing values that do not exist."""
    if value is None:
        return set()
    values = {value} if isinstance(value, str) else set(value)
    unknown = sorted(values - set(allowed))
    if unknown:
        message = f"unknown {what}: {', '.join(unknown)}; choose from {', '.join(sorted(allowed))}"
        raise ValueError(message)
    return values


def _is_empty(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def filter_exercises(
    library: pd.DataFrame,
    obstacle: str | Iterable[str] | None = None,
    muscle: str | Iterable[str] | None = None,
    equipment: Iterable[str] | None = None,
    level: str | Iterable[str] | None = None,
    category: str | Iterable[str] | None = None,
    stage: str | Iterable[str] | None = None,
    *,
    include_secondary: bool = False,
) -> pd.DataFrame:
    """Select the exercises that match every filter given.

    Each filter takes one id or several; several ids mean "any of these".
    A filter left as ``None`` (or an empty selection, except ``equipment``)
    keeps every row.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.
    obstacle : str or iterable of str, optional
        Obstacle ids (:data:`gluteutils.schema.OBSTACLE_IDS`); keep exercises that
        address at least one.
    muscle : str or iterable of str, optional
        Muscle ids; keep exercises whose primary muscles include at least one
        (or whose secondary muscles do, with ``include_secondary``).
    equipment : iterable of str, optional
        Everything the runner has. Keeps exercises that need nothing beyond it;
        an empty selection keeps only exercises that need no equipment.
        ``None`` means "do not filter by equipment".
    level : str or iterable of str, optional
        ``beginner``, ``intermediate``, ``advanced``.
    category : str or iterable of str, optional
        ``activation``, ``strength``, ``mobility``, ``drill``.
    stage : str or iterable of str, optional
        ``activate``, ``strengthen``, ``integrate``.
    include_secondary : bool
        Whether a muscle filter also matches secondary muscles.

    Returns
    -------
    pandas.DataFrame
        Matching rows in library order, with a fresh index.

    Raises
    ------
    ValueError
        If a filter names an id that does not exist.

    Examples
    --------
    >>> lib = load_exercises()
    >>> set(filter_exercises(lib, equipment=[])["equipment"].map(tuple)) == {("none",)}
    True
    """
    keep = pd.Series(True, index=library.index)
    obstacles = _as_set(obstacle, OBSTACLE_IDS, "obstacle")
    if obstacles:
        keep &= library["obstacles_addressed"].map(lambda items: bool(obstacles & set(items)))
    muscles = _as_set(muscle, MUSCLE_IDS, "muscle")
    if muscles:

        def trains(row: pd.Series) -> bool:
            found = set(row["primary_muscles"])
            if include_secondary:
                found |= set(row["secondary_muscles"])
            return bool(muscles & found)

        keep &= library.apply(trains, axis=1).astype(bool)
    if equipment is not None:
        # "none" is always available: an exercise that needs nothing suits everyone.
        have = _as_set(equipment, EQUIPMENT, "equipment") | {"none"}
        keep &= library["equipment"].map(lambda needs: set(needs) <= have)
    levels = _as_set(level, EXERCISE_LEVELS, "level")
    if levels:
        keep &= library["level"].isin(levels)
    categories = _as_set(category, EXERCISE_CATEGORIES, "category")
    if categories:
        keep &= library["category"].isin(categories)
    stages = _as_set(stage, EXERCISE_STAGES, "stage")
    if stages:
        keep &= library["stage"].isin(stages)
    return library[keep].reset_index(drop=True)


def _number(value: object) -> float | None:
    return None if _is_empty(value) else float(value)  # type: ignore[arg-type]


def _span(low: float | None, high: float | None) -> str:
    """Format a range: ``"8-12"``, ``"8"`` when both ends agree, ``""`` when unknown."""
    ends = [f"{v:g}" for v in (low, high) if v is not None]
    if not ends:
        return ""
    if len(ends) == 2 and ends[0] != ends[1]:
        return f"{ends[0]}-{ends[1]}"
    return ends[0]


def _rest_text(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    values = [v for v in (low, high) if v is not None]
    # Whole minutes read better than 180-300 s.
    if all(v >= 60 and v % 60 == 0 for v in values):
        return f"rest {_span(*(v / 60 if v is not None else None for v in (low, high)))} min"
    return f"rest {_span(low, high)} s"


def _weekly_text(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    if low == 7 and high in (7, None):
        return "every day"
    if low is None and high == 7:
        return "up to every day"
    if low is None:
        return f"up to {high:g} times a week"
    if high is None:
        return f"at least {low:g} times a week"
    if high == 7:
        return f"from {low:g} times a week to every day"
    return f"{_span(low, high)} times a week"


def dosage_text(row: Mapping[str, object] | pd.Series, *, frequency: bool = True) -> str:
    """Describe an exercise's dose in words.

    Parameters
    ----------
    row : mapping or pandas.Series
        One row of the exercises table.
    frequency : bool
        Whether to add how often a week (leave it out for a single session,
        such as the pre-run routine).

    Returns
    -------
    str
        For example ``"2-4 x 8-12, hold 1-3 s each rep; up to every day"``,
        ``"2-4 x 6-10 per side; 2-3 times a week, at least 1 day off between"``
        or ``"hold 10-30 s per side, 2-4 times; from 2 times a week to every day"``.
        ``"No set dose in the sources"`` when the row gives no numbers.

    Examples
    --------
    >>> dosage_text({"sets_min": 3, "sets_max": 3, "reps_min": 8, "reps_max": 12,
    ...              "laterality": "unilateral", "measure": "reps", "rest_s": 90})
    '3 x 8-12 per side, rest 90 s'
    """
    get = row.get
    sets = _span(_number(get("sets_min")), _number(get("sets_max")))
    reps = _span(_number(get("reps_min")), _number(get("reps_max")))
    hold = _span(_number(get("hold_s_min")), _number(get("hold_s_max")))
    measure = str(get("measure") or "reps")
    side = {"unilateral": " per side", "alternating": " per leg"}.get(
        str(get("laterality") or ""), ""
    )
    parts: list[str] = []
    if measure == "seconds" and hold:
        text = f"hold {hold} s{side}"
        if sets:
            text += f", {sets} times"
        parts.append(text)
    else:
        unit = {"steps": " steps each way", "metres": " m"}.get(measure, "")
        if reps:
            amount = f"{reps}{unit}{side}"
            parts.append(f"{sets} x {amount}" if sets else amount)
        elif sets:
            # a range such as "2-3" is text: only "1" takes the singular
            parts.append(f"{sets} set" if sets == "1" else f"{sets} sets")
        if hold:
            each = "per side" if side == " per leg" and not reps else "each rep"
            parts.append(f"hold {hold} s {each}")
    rest = _rest_text(_number(get("rest_s")), _number(get("rest_s_max")))
    if rest:
        parts.append(rest)
    week = ""
    if frequency:
        week = _weekly_text(_number(get("weekly_min")), _number(get("weekly_max")))
        days_off = _number(get("rest_days_between"))
        if days_off and week:
            noun = "day" if days_off == 1 else "days"
            week += f", at least {days_off:g} {noun} off between"
    dose = ", ".join(parts)
    if not dose and not week:
        return "No set dose in the sources"
    if not dose:
        return f"No set count; {week}"
    return f"{dose}; {week}" if week else dose


def short_citation(source_id: str, sources: pd.DataFrame) -> str:
    """Format a source as ``"Surname et al. 2020"`` for chart labels.

    Parameters
    ----------
    source_id : str
        A ``source_id``.
    sources : pandas.DataFrame
        The sources table.

    Returns
    -------
    str
        First author's surname, ``et al.`` when there are several authors, and
        the year when it is known; the id itself when it is not in the table.
    """
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        return source_id
    row = match.iloc[0]
    authors = str(row["authors"])
    first = authors.split(",")[0].strip()
    words = first.split()
    # Drop trailing initials ("Krause Neto W" -> "Krause Neto").
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:
        words = words[:-1]
    name = " ".join(words)
    if "," in authors or "et al" in authors:
        name += " et al."
    year = row["year"]
    return name if _is_empty(year) else f"{name} {int(year)}"


def _is_secondary(source_id: str, sources: pd.DataFrame) -> bool:
    match = sources.loc[sources["source_id"] == source_id, "verification"]
    return bool(len(match)) and match.iloc[0] == "secondary"


def emg_table(library: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """List every published EMG value in the library, one row per exercise and muscle.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.
    sources : pandas.DataFrame, optional
        The sources table; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        Columns ``exercise_id``, ``name``, ``muscle``, ``percent_mvic``,
        ``source_id``, ``citation``, ``secondary``, in library order (glute max
        before glute med within an exercise).
    """
    sources = load_table("sources") if sources is None else sources
    records = []
    cited: dict[str, tuple[str, bool]] = {}  # each source looked up once, not once per bar
    for row in library.to_dict("records"):
        for muscle, prefix in EMG_MUSCLES.items():
            value = _number(row[f"{prefix}_pct"])
            if value is None:
                continue
            source_id = str(row[f"{prefix}_source"])
            if source_id not in cited:
                cited[source_id] = (
                    short_citation(source_id, sources),
                    _is_secondary(source_id, sources),
                )
            records.append(
                {
                    "exercise_id": row["exercise_id"],
                    "name": row["name"],
                    "muscle": muscle,
                    "percent_mvic": value,
                    "source_id": source_id,
                    "citation": cited[source_id][0],
                    "secondary": cited[source_id][1],
                }
            )
    columns = [
        "exercise_id",
        "name",
        "muscle",
        "percent_mvic",
        "source_id",
        "citation",
        "secondary",
    ]
    return pd.DataFrame(records, columns=columns)


def _names(library: pd.DataFrame, ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
    lookup = dict(zip(library["exercise_id"], library["name"], strict=True))
    return tuple((i, lookup.get(i, i)) for i in ids)


def _full_citation(source_id: str, sources: pd.DataFrame) -> str:
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        return source_id
    row = match.iloc[0]
    year = "" if _is_empty(row["year"]) else f" ({int(row['year'])})"
    locator = f" {row['locator']}" if row["locator"] else ""
    flag = " [secondary]" if row["verification"] == "secondary" else ""
    return f"{row['authors']}{year}. {row['title']}. {row['publication']}.{locator}{flag}"


def exercise_card(
    library: pd.DataFrame,
    exercise_id: str,
    sources: pd.DataFrame | None = None,
    obstacles: pd.DataFrame | None = None,
) -> ExerciseCard:
    """Collect what the exercise card shows about one exercise.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.
    exercise_id : str
        The exercise to describe.
    sources, obstacles : pandas.DataFrame, optional
        The sources and obstacles tables, for citations and obstacle names;
        loaded when not given.

    Returns
    -------
    ExerciseCard
        Plain values, ready to render.

    Raises
    ------
    KeyError
        If no exercise has that id.
    """
    match = library[library["exercise_id"] == exercise_id]
    if match.empty:
        raise KeyError(f"no exercise with id {exercise_id!r} in the library")
    row = match.iloc[0]
    sources = load_table("sources") if sources is None else sources
    obstacles = load_table("obstacles") if obstacles is None else obstacles
    obstacle_names = dict(zip(obstacles["obstacle_id"], obstacles["name"], strict=True))
    emg = emg_table(match, sources)
    substitute_id = str(row["substitute_for_equipment"] or "")
    return ExerciseCard(
        exercise_id=str(row["exercise_id"]),
        name=str(row["name"]),
        category=str(row["category"]),
        stage=str(row["stage"]),
        level=str(row["level"]),
        laterality=str(row["laterality"]),
        primary_muscles=tuple(MUSCLE_LABELS[m] for m in row["primary_muscles"]),
        secondary_muscles=tuple(MUSCLE_LABELS[m] for m in row["secondary_muscles"]),
        equipment=tuple(EQUIPMENT_LABELS[e] for e in row["equipment"]),
        dosage=dosage_text(row),
        dosage_note=str(row["dosage_note"]),
        how_to=str(row["how_to"]),
        cues=tuple(row["cues"]),
        common_mistakes=tuple(row["common_mistakes"]),
        cautions=tuple(row["cautions"]),
        easier=_names(library, row["easier"]),
        harder=_names(library, row["harder"]),
        substitute=_names(library, [substitute_id])[0] if substitute_id else None,
        obstacles=tuple(obstacle_names.get(o, o) for o in row["obstacles_addressed"]),
        emg=tuple(
            EmgFigure(
                muscle=e.muscle,
                percent_mvic=float(e.percent_mvic),
                source_id=e.source_id,
                citation=e.citation,
                secondary=bool(e.secondary),
            )
            for e in emg.itertuples()
        ),
        emg_note=str(row["emg_note"]),
        sources=tuple(_full_citation(s, sources) for s in row["sources"]),
    )


def substitute_for(library: pd.DataFrame, exercise_id: str, equipment: Iterable[str]) -> str:
    """Find what to do instead of an exercise, given the equipment at hand.

    Follows ``substitute_for_equipment`` from exercise to exercise until one
    needs nothing beyond ``equipment``.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.
    exercise_id : str
        The exercise the plan asks for.
    equipment : iterable of str
        Everything the runner has.

    Returns
    -------
    str
        ``exercise_id`` itself when it can be done, else the first substitute
        that can; ``""`` when the chain ends without one.
    """
    have = set(equipment) | {"none"}
    rows = library.set_index("exercise_id")
    seen: set[str] = set()
    current = exercise_id
    while current and current not in seen:
        if current not in rows.index:
            raise KeyError(f"no exercise with id {current!r} in the library")
        seen.add(current)
        if set(rows.at[current, "equipment"]) <= have:
            return current
        current = str(rows.at[current, "substitute_for_equipment"] or "")
    return ""


def stage_summary(library: pd.DataFrame) -> pd.DataFrame:
    """Count the exercises in each stage and category.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.

    Returns
    -------
    pandas.DataFrame
        One row per stage (in order activate, strengthen, integrate), one column
        per category, holding counts.
    """
    table = pd.crosstab(library["stage"], library["category"])
    return (
        table.reindex(index=list(EXERCISE_STAGES), columns=list(EXERCISE_CATEGORIES))
        .fillna(0)
        .astype(int)
    )


def routine(library: pd.DataFrame, name: str, *, frequency: bool = True) -> pd.DataFrame:
    """List the exercises of one routine from the articles, in library order.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.
    name : str
        One of :data:`gluteutils.schema.ROUTINES`: ``pre_run``,
        ``daily_activation``, ``daily_strength``, ``strength_days``.
    frequency : bool
        Whether each dose says how often a week (see :func:`dosage_text`).

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``stage``, ``dose`` (from :func:`dosage_text`), ``cue``
        (the first coaching cue) and ``exercise_id``.

    Raises
    ------
    ValueError
        If ``name`` is not a known routine.
    """
    if name not in ROUTINES:
        raise ValueError(f"unknown routine {name!r}; choose from {', '.join(ROUTINES)}")
    rows = library[library["routines"].map(lambda items: name in items)]
    return pd.DataFrame(
        {
            "name": rows["name"],
            "stage": rows["stage"],
            "dose": [dosage_text(r, frequency=frequency) for _, r in rows.iterrows()],
            "cue": rows["cues"].map(lambda cues: cues[0] if cues else ""),
            "exercise_id": rows["exercise_id"],
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class PlanStep:
    """One step of Arsenault's daily action plan, in our words.

    Attributes
    ----------
    step : int
        Order.
    when : str
        How often.
    what : str
        What to do.
    routine : str
        The routine (:data:`gluteutils.schema.ROUTINES`) whose exercises it uses.
    sources : tuple of str
        ``source_id`` values.
    """

    step: int
    when: str
    what: str
    routine: str
    sources: tuple[str, ...]


#: The action plan from the articles. Timings from Arsenault; the pre-run step from Yuen's
#: idea of a short activation before running, filled with Arsenault's and Hodges' moves.
ACTION_PLAN: tuple[PlanStep, ...] = (
    PlanStep(
        1,
        "Every day, 10-20 minutes",
        "Learn to feel and switch on your glutes, away from your runs.",
        "daily_activation",
        ("arsenault_livestrong",),
    ),
    PlanStep(
        2,
        "Every day, once step 1 feels easy",
        "Add the lower-level strengthening moves.",
        "daily_strength",
        ("arsenault_livestrong",),
    ),
    PlanStep(
        3,
        "2-3 times a week, with at least one day off between",
        "Lift heavier: the trap-bar (or rack) deadlift and the single-leg deadlift.",
        "strength_days",
        ("arsenault_livestrong",),
    ),
    PlanStep(
        4,
        "Before a run",
        "Wake the glutes up with a few quick activation moves and drills.",
        "pre_run",
        ("yuen_five_exercises", "arsenault_livestrong", "hodges_alp_fitness"),
    ),
)


def action_plan(library: pd.DataFrame) -> pd.DataFrame:
    """Lay out the action plan with the exercises and doses of each step.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table.

    Returns
    -------
    pandas.DataFrame
        One row per step and exercise: ``step``, ``when``, ``what``,
        ``exercise`` (name), ``dose`` (for one session, from
        :func:`dosage_text`) and ``sources``.
    """
    rows = []
    for step in ACTION_PLAN:
        # The step already says how often, so each dose is for one session.
        members = routine(library, step.routine, frequency=False)
        for name, dose in zip(members["name"], members["dose"], strict=True):
            rows.append(
                {
                    "step": step.step,
                    "when": step.when,
                    "what": step.what,
                    "exercise": name,
                    "dose": dose,
                    "sources": ", ".join(step.sources),
                }
            )
    return pd.DataFrame(rows, columns=["step", "when", "what", "exercise", "dose", "sources"])


def library_table(library: pd.DataFrame) -> pd.DataFrame:
    """Turn exercise rows into a readable table for display.

    Parameters
    ----------
    library : pandas.DataFrame
        Rows of the exercises table (for example a filtered selection).

    Returns
    -------
    pandas.DataFrame
        Columns Exercise, Category, Stage, Level, Main muscles, Equipment, Dose,
        with ids turned into words.
    """

    def words(items: Iterable[str], labels: Mapping[str, str]) -> str:
        return ", ".join(labels.get(i, i) for i in items)

    return pd.DataFrame(
        {
            "Exercise": library["name"],
            "Category": library["category"],
            "Stage": library["stage"],
            "Level": library["level"],
            "Main muscles": library["primary_muscles"].map(lambda m: words(m, MUSCLE_LABELS)),
            "Equipment": library["equipment"].map(lambda e: words(e, EQUIPMENT_LABELS)),
            "Dose": [dosage_text(r) for _, r in library.iterrows()],
        }
    ).reset_index(drop=True)
