"""Plan rows in words: the dose of one prescription and the names of sessions.

Shared by the calendar (:mod:`gluteutils.plan_calendar`) and the printable sheet
(:mod:`gluteutils.plan_sheet`), so both describe a prescription the same way.
The text is plain: callers escape it for the format they write.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import Any

import pandas as pd

from .exercises import load_exercises
from .schema import takes_weight
from .wording import plural

#: What each session of a day is called on calendars and sheets.
SESSION_LABELS: dict[str, str] = {
    "pre_run": "Before your run",
    "activation": "Activation",
    "strength": "Strength",
}

#: How each side value reads after a dose.
SIDE_WORDS: dict[str, str] = {
    "both": "",
    "each_side": " each side",
    "alternating": " alternating legs",
}


@cache
def _by_id(column: str) -> dict[str, Any]:
    """One column of the shipped library by ``exercise_id``, read once per process."""
    library = load_exercises()
    return dict(zip(library["exercise_id"], library[column], strict=True))


def exercise_measure(exercise_id: str) -> str:
    """Return what an exercise counts (``reps``, ``steps``, ``seconds``...), or ``""``.

    Parameters
    ----------
    exercise_id : str
        An ``exercise_id``; any other text gives ``""``.

    Returns
    -------
    str
        The library's ``measure``.
    """
    return str(_by_id("measure").get(exercise_id, ""))


def exercise_is_loaded(exercise_id: str) -> bool:
    """Return whether an exercise takes a chosen weight, written down in kg or lb.

    Parameters
    ----------
    exercise_id : str
        An ``exercise_id``; any other text is not loaded.

    Returns
    -------
    bool
        True for the library's barbell, trap-bar, dumbbell, kettlebell and
        ankle-weight exercises (:data:`~gluteutils.schema.WEIGHT_EQUIPMENT`).
    """
    return takes_weight(_by_id("equipment").get(exercise_id, ()))


def exercise_cautions(exercise_id: str) -> tuple[str, ...]:
    """Return when to leave an exercise out or stop it, from the library's ``cautions``.

    Parameters
    ----------
    exercise_id : str
        An ``exercise_id``; any other text has no cautions.

    Returns
    -------
    tuple of str
        The cautions, often empty.
    """
    return tuple(_by_id("cautions").get(exercise_id, ()))


def exercise_label(exercise_id: str) -> str:
    """Return the library name of an exercise id, or the text itself when it is not one.

    Parameters
    ----------
    exercise_id : str
        Usually an ``exercise_id`` (for example a plan's ``substituted_for``).

    Returns
    -------
    str
        For example ``"Trap-bar deadlift"`` for ``"trap_bar_deadlift"``.
    """
    return str(_by_id("name").get(exercise_id, exercise_id))


def whole(value: object) -> int | None:
    """Return a plan cell as an int, or ``None`` when it is empty (NA, NaN or None).

    Parameters
    ----------
    value : object
        A cell of an integer column.

    Returns
    -------
    int or None
        The number, or ``None``.
    """
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return int(value)  # type: ignore[call-overload]


def minutes_text(minutes: float) -> str:
    """Format a number of minutes, e.g. ``"25 min"`` or ``"2.5 min"``.

    Parameters
    ----------
    minutes : float
        Minutes; shown to one decimal at most.

    Returns
    -------
    str
        The minutes with their unit.

    Examples
    --------
    >>> minutes_text(25.0), minutes_text(2.54)
    ('25 min', '2.5 min')
    """
    return f"{round(float(minutes), 1):g} min"


def prescription_text(row: Mapping[str, object] | pd.Series) -> str:
    """Describe one plan row's dose in words.

    Parameters
    ----------
    row : mapping or pandas.Series
        One row of a plan (the columns of :data:`~gluteutils.plan_columns.PLAN_COLUMNS`).

    Returns
    -------
    str
        For example ``"2 x 8-12 each side, hold 2 s each rep, rest 60 s"``,
        ``"3 x 30 s hold"`` or, for a row without sets or repetitions, its
        planned time such as ``"5 min"``.

    Examples
    --------
    >>> prescription_text({"sets": 2, "reps_min": 8, "reps_max": 12, "hold_s": None,
    ...                    "side": "each_side", "rest_s": 60, "minutes": 5.0})
    '2 x 8-12 each side, rest 60 s'
    >>> prescription_text({"exercise_id": "band_walk_knees", "sets": 3, "reps_min": 15,
    ...                    "reps_max": 20, "hold_s": None, "side": "both", "rest_s": None})
    '3 x 15-20 steps each way'
    >>> prescription_text({"sets": None, "reps_min": None, "reps_max": None, "hold_s": 1,
    ...                    "side": "alternating", "rest_s": None, "minutes": 5.0})
    '5 min, hold 1 s alternating legs'
    """
    get = row.get
    sets, low, high = whole(get("sets")), whole(get("reps_min")), whole(get("reps_max"))
    hold, rest = whole(get("hold_s")), whole(get("rest_s"))
    side = SIDE_WORDS.get(str(get("side") or "both"), "")
    if low is not None and high is not None and low != high:
        reps: str | None = f"{low}-{high}"
    else:
        reps = None if low is None and high is None else str(low if low is not None else high)
    parts: list[str] = []
    if reps and exercise_measure(str(get("exercise_id"))) == "steps":
        # band walks: the count is steps to one side, then back (Arsenault's wording)
        parts.append(f"{sets} x {reps} steps each way" if sets else f"{reps} steps each way")
    elif reps:
        parts.append(f"{sets} x {reps}{side}" if sets else f"{reps} reps{side}")
        if hold:
            parts.append(f"hold {hold} s each rep")
    elif hold and sets:
        parts.append(f"{sets} x {hold} s hold{side}")
    elif hold:
        # holds without a count (the iso march): how long the whole block takes
        parts += [_planned_time(get("minutes")), f"hold {hold} s{side}"]
    elif sets:
        parts.append(f"{plural(sets, 'set')}{side}")
    elif timed := _planned_time(get("minutes")):
        parts.append(timed + side)
    if rest:
        parts.append(f"rest {rest} s")
    return ", ".join(p for p in parts if p)


def _planned_time(minutes: object) -> str:
    """Return a row's planned minutes in words, or ``""`` when it has none."""
    if isinstance(minutes, int | float) and math.isfinite(minutes):
        return minutes_text(minutes)
    return ""
