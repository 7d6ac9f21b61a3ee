"""The columns of a training plan: the contract between the builder, the form and the files.

A plan is a :class:`pandas.DataFrame` with one row per exercise prescription
per day. :func:`gluteutils.plan.build_plan` makes it, :mod:`gluteutils.plan_io`
writes and reads it (CSV, iCalendar, printable sheet) and the plan form shows
it. Every one of them uses :data:`PLAN_COLUMNS`, so the format is defined once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .errors import DataValidationError, Problem
from .schema import Column, TableSchema

#: Weekday codes used in profiles and plans, Monday first (ISO order).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: The weekdays' English names, in the order of :data:`WEEKDAYS`.
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Each weekday code's English name (``"sat"``: ``"Saturday"``).
WEEKDAY_NAME_OF = dict(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True))
#: The three stages a plan moves through, in order.
PLAN_STAGES = ("activate", "strengthen", "integrate")
#: Sessions of a training day, in the order they are done.
SESSIONS = ("pre_run", "activation", "strength")
#: How a prescription is split between the legs.
SIDES = ("both", "each_side", "alternating")
#: Units the runner chose for loads.
LOAD_UNITS = ("kg", "lb")

PLAN = TableSchema(
    name="plan",
    filename="plan.csv",
    description=(
        "A runner's training plan as exported by the plan builder: one row per exercise "
        "prescription per day, in the order the day is done (date, session, order). Free-text "
        "cells that would start a spreadsheet formula get a leading apostrophe, removed again "
        "on import."
    ),
    key="row_id",
    columns=(
        Column("row_id", "text", "`<date>-<session>-<order>`, unique within the plan."),
        Column("athlete", "text", "The runner's name as typed (shown as text, never as markup)."),
        Column("date", "date", "Training day, `YYYY-MM-DD`."),
        Column("week", "integer", "Plan week, from 1.", minimum=1, maximum=16),
        Column("weekday", "choice", "Day of the week of `date`.", choices=WEEKDAYS),
        Column(
            "session",
            "choice",
            "Part of the day: before a run, activation, strength.",
            choices=SESSIONS,
        ),
        Column("order", "integer", "Position within the session, from 1.", minimum=1, maximum=99),
        Column("exercise_id", "id", "Exercise from `exercises.csv`.", references="exercises"),
        Column("exercise_name", "text", "The exercise's name."),
        Column("stage", "choice", "Stage of the plan this week.", choices=PLAN_STAGES),
        Column("sets", "integer", "Sets.", required=False, minimum=1, maximum=10),
        Column(
            "reps_min",
            "integer",
            "Fewest repetitions (or steps) per set.",
            required=False,
            minimum=1,
            maximum=100,
        ),
        Column(
            "reps_max",
            "integer",
            "Most repetitions (or steps) per set.",
            required=False,
            minimum=1,
            maximum=100,
        ),
        Column(
            "hold_s",
            "integer",
            "Hold per repetition or per set.",
            required=False,
            unit="s",
            minimum=1,
            maximum=600,
        ),
        Column(
            "side",
            "choice",
            "Both legs together, each side in turn (the dose is per side), or alternating legs.",
            choices=SIDES,
        ),
        Column(
            "rest_s",
            "integer",
            "Rest between sets.",
            required=False,
            unit="s",
            minimum=0,
            maximum=1800,
        ),
        Column(
            "minutes",
            "number",
            "Planned time for this prescription: the work at a steady pace, plus the rest "
            "between sets where the library gives one (3 to 5 minutes for the two-legged "
            "deadlifts).",
            unit="min",
            minimum=0,
            maximum=120,
        ),
        Column(
            "load_guidance",
            "text",
            "How heavy, in words (the unit the runner chose).",
            required=False,
        ),
        Column("cues", "text", "What to feel and watch for.", required=False),
        Column(
            "substituted_for",
            "text",
            "The exercise this one replaces because its equipment is missing, or empty.",
            required=False,
        ),
        Column(
            "lighter_week",
            "choice",
            "Whether this week is a lighter (recovery) week.",
            choices=("yes", "no"),
        ),
        Column("units", "choice", "Load unit the runner chose.", choices=LOAD_UNITS),
    ),
)

#: Column names of a plan, in file order.
PLAN_COLUMNS: tuple[str, ...] = tuple(PLAN.column_names)
#: Free-text columns, neutralised against spreadsheet formulas on export.
PLAN_FREE_TEXT = ("athlete", "exercise_name", "load_guidance", "cues")


def require_plan_columns(plan: pd.DataFrame, label: str = "plan") -> None:
    """Check that a plan frame has every column of :data:`PLAN_COLUMNS`.

    Parameters
    ----------
    plan : pandas.DataFrame
        The plan to write or show (extra columns are allowed).
    label : str, optional
        Name of the plan in the problems.

    Raises
    ------
    DataValidationError
        Naming every missing column.
    """
    missing = [name for name in PLAN_COLUMNS if name not in plan.columns]
    if missing:
        raise DataValidationError(
            [Problem(label, None, name, None, "the plan has no such column") for name in missing]
        )


def plan_rows(plan: pd.DataFrame, by: Sequence[str] = ()) -> list[dict[str, object]]:
    """Return a plan's rows as plain dicts, in file order or sorted by ``by``.

    Made from each column's list of values, several times quicker than
    ``DataFrame.to_dict("records")``, which boxes every cell on its own; a
    missing whole number is ``pd.NA``.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan (any columns).
    by : sequence of str, optional
        Columns to sort by, stably; ``session`` sorts in :data:`SESSIONS` order
        (before a run, activation, strength), not alphabetically.

    Returns
    -------
    list of dict
        One dict per row, keyed by column name.
    """
    if by:
        rank = plan["session"].map({s: i for i, s in enumerate(SESSIONS)})
        keys = ["_session" if name == "session" else name for name in by]
        plan = plan.assign(_session=rank).sort_values(keys, kind="stable").drop(columns="_session")
    names = list(plan.columns)
    return [
        dict(zip(names, values, strict=True))
        for values in zip(*(plan[name].tolist() for name in names), strict=True)
    ]
