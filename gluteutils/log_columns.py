"""The columns of a training log: one row per set, the contract every log module shares.

The logging form writes rows, :mod:`gluteutils.log_io` reads and saves log
files, the app importers (Strong, Hevy, FitNotes) turn exports into rows, and
the progress summaries read them. All use :data:`LOG_COLUMNS`.
"""

from __future__ import annotations

from .schema import Column, TableSchema

#: Where a row came from.
LOG_SOURCES = ("form", "file", "strong", "hevy", "fitnotes")
#: Which leg a set worked; ``both`` for two-legged work.
LOG_SIDES = ("left", "right", "both")
#: Warm-up, working set, or a test (e.g. single-leg bridge reps to failure).
SET_TYPES = ("working", "warmup", "test")
#: Units a load may be entered in; ``bw`` is body weight only (no added load).
LOAD_UNITS = ("kg", "lb")
#: Kilograms in one pound (exact, by definition).
KG_PER_LB = 0.45359237

LOG = TableSchema(
    name="log",
    filename="training_log.csv",
    description=(
        "A runner's training log: one row per set. Written by the logging form and by the "
        "app importers, read back by `gluteutils.log_io.read_log`. A set has repetitions or a "
        "duration, never both. Loads keep the unit the runner typed and are also given in kg. "
        "Free text that would start a spreadsheet formula gets a leading apostrophe, removed "
        "on import."
    ),
    key="set_key",
    columns=(
        Column("set_key", "text", "`<datetime>|<athlete>|<exercise_id>|<side>|<set>`, unique."),
        Column("datetime", "text", "When the set was done, local time, `YYYY-MM-DDTHH:MM`."),
        Column("athlete", "text", "The runner's name as typed (shown as text, never as markup)."),
        Column("exercise_id", "id", "Exercise from `exercises.csv`.", references="exercises"),
        Column("exercise_name", "text", "The name as logged (the app's name for imports)."),
        Column("set_type", "choice", "Warm-up, working set or test.", choices=SET_TYPES),
        Column(
            "set",
            "integer",
            "Set number within the exercise that day, from 1.",
            minimum=1,
            maximum=50,
        ),
        Column("side", "choice", "The leg worked.", choices=LOG_SIDES),
        Column(
            "reps",
            "integer",
            "Repetitions (or steps); empty for a timed set.",
            required=False,
            minimum=0,
            maximum=500,
        ),
        Column(
            "duration_s",
            "integer",
            "Duration of a timed set; empty when reps are given.",
            required=False,
            unit="s",
            minimum=0,
            maximum=7200,
        ),
        Column(
            "load",
            "number",
            "Added load as typed; empty for body weight.",
            required=False,
            minimum=0,
            maximum=9999.99,
        ),
        Column(
            "load_unit",
            "choice",
            "Unit of `load`; empty for body weight.",
            required=False,
            choices=LOAD_UNITS,
        ),
        Column(
            "load_kg",
            "number",
            "`load` in kilograms (1 lb = 0.45359237 kg).",
            required=False,
            unit="kg",
            minimum=0,
            maximum=4536,
        ),
        Column(
            "rpe",
            "number",
            "Rate of perceived exertion, 1-10 (halves allowed).",
            required=False,
            minimum=1,
            maximum=10,
        ),
        Column(
            "rir",
            "number",
            "Repetitions in reserve, 0-10 (halves allowed).",
            required=False,
            minimum=0,
            maximum=10,
        ),
        Column(
            "glute_feel",
            "integer",
            "How clearly the glutes worked: 0 (not at all) to 10.",
            required=False,
            minimum=0,
            maximum=10,
        ),
        Column(
            "pain",
            "integer",
            "Pain during the set: 0 (none) to 10.",
            required=False,
            minimum=0,
            maximum=10,
        ),
        Column("pain_where", "text", "Where it hurt, in the runner's words.", required=False),
        Column("notes", "text", "Anything else.", required=False),
        Column("source", "choice", "Where the row came from.", choices=LOG_SOURCES),
    ),
)

#: Column names of a log, in file order.
LOG_COLUMNS: tuple[str, ...] = tuple(LOG.column_names)
#: Columns that together identify a set (``set_key`` joins them).
LOG_KEY = ("datetime", "athlete", "exercise_id", "side", "set")
#: Free-text columns, neutralised against spreadsheet formulas on export.
LOG_FREE_TEXT = ("athlete", "exercise_name", "pain_where", "notes")
