"""Schemas of the curriculum's data tables: columns, units and allowed values.

Every shipped CSV under ``data/`` is described here, once. The loader in
:mod:`gluteutils.library` validates against these schemas, and
``data/README.md`` is generated from them (``python -m gluteutils data-docs``),
so the documentation cannot drift from the checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

ColumnKind = Literal["id", "text", "integer", "number", "choice", "list", "date", "url"]

#: Separator between the items of a ``list`` column, for example ``glute_max|glute_med``.
LIST_SEPARATOR = "|"

#: Pattern every ``id`` value must match: lower-case letters, digits and underscores.
ID_PATTERN = r"^[a-z0-9_]+$"


@dataclass(frozen=True)
class Column:
    """One column of a data table.

    Attributes
    ----------
    name : str
        Header as written in the CSV file.
    kind : {"id", "text", "integer", "number", "choice", "list", "date", "url"}
        How the cells are checked and converted: ``id`` matches :data:`ID_PATTERN`;
        ``integer`` and ``number`` are parsed as numbers; ``choice`` is one of
        ``choices``; ``list`` holds items separated by :data:`LIST_SEPARATOR`
        (each one of ``choices`` when given); ``date`` is ISO ``YYYY-MM-DD``;
        ``url`` starts with ``https://`` or ``http://``.
    description : str
        What the column holds, for the generated documentation.
    required : bool
        Whether every row must have a value.
    choices : tuple of str
        Allowed values for ``choice`` and ``list`` columns.
    unit : str
        Unit of a numeric column (kg, s, m, %, ...), empty when it has none.
    minimum, maximum : float or None
        Inclusive bounds for numeric columns.
    references : str or None
        Name of another table whose ``key`` every value (or list item) must name.
    """

    name: str
    kind: ColumnKind
    description: str
    required: bool = True
    choices: tuple[str, ...] = ()
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    references: str | None = None


@dataclass(frozen=True)
class TableSchema:
    """The schema of one CSV file under ``data/``.

    Attributes
    ----------
    name : str
        Short name used by :func:`gluteutils.load_table`, for example ``"sources"``.
    filename : str
        File name under ``data/``.
    description : str
        What one row of the table is.
    key : str
        Column whose values identify rows; they must be unique.
    columns : tuple of Column
        Columns in file order.
    """

    name: str
    filename: str
    description: str
    key: str
    columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        """Return the column headers in file order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """Return the column called ``name``.

        Raises
        ------
        KeyError
            If the table has no such column.
        """
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.filename} has no column {name!r}")


SOURCE_KINDS = ("article", "paper", "guideline", "book", "web")
VERIFICATION = ("source_text", "verified", "secondary")

SOURCES = TableSchema(
    name="sources",
    filename="sources.csv",
    description=(
        "One row per cited source: the five seed articles and every paper, guideline "
        "or page the curriculum takes a fact from. Other tables cite rows by `source_id`."
    ),
    key="source_id",
    columns=(
        Column(
            "source_id", "id", "Short identifier other tables cite, e.g. `arsenault_livestrong`."
        ),
        Column("kind", "choice", "What sort of source this is.", choices=SOURCE_KINDS),
        Column(
            "authors",
            "text",
            "Authors as cited (`Lieberman DE, Raichlen DA, ...`); for an unsigned page, "
            "the organisation that publishes it.",
        ),
        Column("year", "integer", "Year published.", required=False, minimum=1900, maximum=2100),
        Column("title", "text", "Title of the article, paper or page."),
        Column("publication", "text", "Journal, website or publisher."),
        Column(
            "locator",
            "text",
            "Volume, issue and pages, or the date shown on a web page.",
            required=False,
        ),
        Column("doi", "text", "DOI without the `https://doi.org/` prefix.", required=False),
        Column("url", "url", "Where to read it.", required=False),
        Column(
            "verification",
            "choice",
            "How the curriculum's facts were checked against it: `source_text` (one of the "
            "seed articles, read in full), `verified` (checked against the paper or its "
            "abstract), `secondary` (taken from a summary of it; stated with that caveat).",
            choices=VERIFICATION,
        ),
        Column("notes", "text", "What the curriculum takes from it.", required=False),
    ),
)

#: Ids shared by every table that names a muscle.
MUSCLE_IDS = (
    "glute_max",
    "glute_med",
    "glute_min",
    "hamstrings",
    "quadriceps",
    "hip_flexors",
    "adductors",
    "calves",
    "core",
    "erector_spinae",
)

#: Ids of the obstacles that keep a runner's glutes from working (data/obstacles.csv).
OBSTACLE_IDS = (
    "untaught_skill",  # activation is a skill nobody taught ("gluteal amnesia")
    "weak_unstable",  # too little strength or stability; other muscles compensate
    "tight_hip_flexors",  # limit hip extension, shorten the stride behind the body
    "prolonged_sitting",  # long hours of sitting
    "heel_raised_shoes",  # heel-raised shoes push toward quad dominance
    "reliance_on_other_muscles",  # strong quads, hamstrings and calves do the work
    "hamstring_dominance",  # hamstrings take over hip extension
    "low_back_arching",  # arching the low back to fake hip extension
    "bouncing",  # driving up (vertical oscillation) instead of forward
    "skipping_strength_work",  # fear that strength work makes you slow
)

# --- muscles and quiz tables (notebooks 01 and 02) ---

#: What a muscle in data/muscles.csv does; plain-word labels live in gluteutils.muscles.
MUSCLE_ACTIONS = (
    "hip_extension",  # takes the thigh back behind the body
    "hip_external_rotation",  # turns the thigh outward
    "hip_abduction",  # moves the leg out to the side
    "resist_hip_adduction",  # stops the leg (or pelvis) collapsing in toward the midline
    "pelvis_level_single_leg",  # holds the pelvis level while standing on one leg
    "hip_stability",  # keeps the hip joint centred and steady
    "trunk_stability",  # steadies the trunk (core stability) while running
    "knee_flexion",  # bends the knee
)

MUSCLES = TableSchema(
    name="muscles",
    filename="muscles.csv",
    description=(
        "One row per muscle taught in notebook 01: the three glutes apart, and the "
        "hamstrings, which share hip extension with them. Where each sits, what it does, "
        "its role in running and what goes wrong when it is weak or overloaded."
    ),
    key="muscle_id",
    columns=(
        Column(
            "muscle_id", "choice", "Muscle identifier shared by all tables.", choices=MUSCLE_IDS
        ),
        Column("name", "text", "Name as taught, e.g. `Gluteus maximus`."),
        Column(
            "group",
            "choice",
            "`glute` for the three gluteal muscles, `partner` for a muscle that works with them.",
            choices=("glute", "partner"),
        ),
        Column("location", "text", "Where it sits, in plain words."),
        Column(
            "origin", "text", "Where it starts (its attachment nearer the trunk), in plain words."
        ),
        Column("insertion", "text", "Where it ends (its attachment further down), in plain words."),
        Column(
            "actions",
            "list",
            "What it does at the hip, pelvis, trunk or knee.",
            choices=MUSCLE_ACTIONS,
        ),
        Column("running_role", "text", "Its job in the running stride."),
        Column(
            "fibre_makeup",
            "text",
            "Fibre make-up where a source gives it; empty when none does (never estimated).",
            required=False,
        ),
        Column("trouble", "text", "What goes wrong when it is weak, under-active or overloaded."),
        Column(
            "sources",
            "list",
            "Sources of the row's facts (`source_id`s).",
            references="sources",
        ),
    ),
)

#: Notebook numbers a quiz question may belong to ("01" for 01_glute_muscles.ipynb).
QUIZ_NOTEBOOKS = tuple(f"{n:02d}" for n in range(1, 10))

QUIZ = TableSchema(
    name="quiz",
    filename="quiz.csv",
    description=(
        "One row per self-check question at the end of a notebook: the prompt, two to "
        "four answer choices, which one is right, and the feedback shown for each choice "
        "(right and wrong). Choices 3 and 4 are optional; a choice that is given needs "
        "its feedback."
    ),
    key="question_id",
    columns=(
        Column("question_id", "id", "Identifier, e.g. `q01_glute_max_actions`."),
        Column(
            "notebook",
            "choice",
            "Two-digit number of the notebook that asks it (`01` = 01_glute_muscles.ipynb).",
            choices=QUIZ_NOTEBOOKS,
        ),
        Column("prompt", "text", "The question as the runner reads it."),
        Column("choice_1", "text", "First answer choice."),
        Column("choice_2", "text", "Second answer choice."),
        Column("choice_3", "text", "Third answer choice.", required=False),
        Column("choice_4", "text", "Fourth answer choice.", required=False),
        Column("correct", "integer", "Number of the right choice (1 to 4).", minimum=1, maximum=4),
        Column("feedback_1", "text", "Shown when choice 1 is picked: why it is right or wrong."),
        Column("feedback_2", "text", "Shown when choice 2 is picked."),
        Column("feedback_3", "text", "Shown when choice 3 is picked.", required=False),
        Column("feedback_4", "text", "Shown when choice 4 is picked.", required=False),
        Column(
            "sources",
            "list",
            "Sources of the facts the question checks (`source_id`s).",
            references="sources",
        ),
    ),
)

# --- obstacles table (notebook 03) ---

#: Ids of the self-assessment items that can reveal an obstacle (obstacles.csv `assessed_by`).
#: The form in :mod:`gluteutils.assessment_form` asks them;
#: :mod:`gluteutils.assessment` scores them.
ASSESSMENT_ITEM_IDS = (
    "glute_squeeze",  # feel a squeeze lying face down and standing
    "bridge_feel",  # where a two-leg glute bridge is felt
    "thomas_test",  # modified Thomas test, hip flexor length, per side
    "single_leg_stance",  # Trendelenburg: pelvis drop and seconds held, per side
    "single_leg_bridge",  # single-leg hamstring bridge, reps to failure, per side
    "single_leg_squat",  # quality of a single-leg squat, per side
    "sitting_hours",  # hours sitting on a normal day
    "shoes",  # heel-raised or flat running shoes
    "strength_habits",  # strength sessions a week; fear that strength work slows you
    "hamstring_history",  # past hamstring strains
    "running_feel",  # where hard runs are felt most
    "bounce_check",  # told or filmed bouncing up and down
    "back_check",  # low back arching or aching when running
)

OBSTACLES = TableSchema(
    name="obstacles",
    filename="obstacles.csv",
    description=(
        "One row per obstacle that keeps a runner's glutes from doing their job: how it "
        "shows, why it matters, what helps, and which self-assessment items reveal it. "
        "The ids are fixed (`gluteutils.schema.OBSTACLE_IDS`); the exercise library and the "
        "obstacle profile name obstacles by them."
    ),
    key="obstacle_id",
    columns=(
        Column(
            "obstacle_id",
            "choice",
            "Identifier, one of the fixed obstacle ids.",
            choices=OBSTACLE_IDS,
        ),
        Column("name", "text", "Short name as the runner reads it."),
        Column(
            "how_it_shows", "text", "What a runner notices, in tests, in running or in daily life."
        ),
        Column(
            "why_it_matters", "text", "What it costs in running: speed, efficiency or injuries."
        ),
        Column("what_helps", "text", "What to do about it, and when to see a professional."),
        Column(
            "assessed_by",
            "list",
            "Self-assessment items (notebook 03) whose answers score this obstacle.",
            choices=ASSESSMENT_ITEM_IDS,
        ),
        Column(
            "sources",
            "list",
            "Sources of the facts in this row (`source_id`s).",
            references="sources",
        ),
    ),
)

# --- exercises table (notebook 04) ---

EXERCISE_CATEGORIES = ("activation", "strength", "mobility", "drill")
#: The three stages of the library, in the order a runner moves through them.
EXERCISE_STAGES = ("activate", "strengthen", "integrate")
EXERCISE_LEVELS = ("beginner", "intermediate", "advanced")
LATERALITY = ("bilateral", "unilateral", "alternating")
#: What one repetition counts: a rep, a timed hold, a step, or a distance in metres.
MEASURES = ("reps", "seconds", "steps", "metres")
EQUIPMENT = (
    "none",
    "band",
    "mini_band",
    "trap_bar",
    "barbell",
    "rack",
    "dumbbell",
    "kettlebell",
    "ankle_weight",
    "bench",
    "wall",
    "box",
    "step",
)
#: Equipment that adds a load the runner chooses and writes down in kg or lb.
WEIGHT_EQUIPMENT = frozenset({"trap_bar", "barbell", "dumbbell", "kettlebell", "ankle_weight"})


def takes_weight(equipment: Iterable[str]) -> bool:
    """Return whether an exercise with this equipment takes a chosen weight.

    Parameters
    ----------
    equipment : iterable of str
        The exercise's ``equipment`` values.

    Returns
    -------
    bool
        True when any of them is in :data:`WEIGHT_EQUIPMENT`.

    Examples
    --------
    >>> takes_weight(("trap_bar",)), takes_weight(("mini_band", "wall"))
    (True, False)
    """
    return not WEIGHT_EQUIPMENT.isdisjoint(equipment)


#: Routines from the articles that an exercise belongs to (see notebook 04).
ROUTINES = (
    "pre_run",  # a short activation routine before a run (Yuen; Arsenault; Hodges)
    "daily_activation",  # 10-20 minutes a day of feeling and switching on the glutes (Arsenault)
    "daily_strength",  # lower-level strengthening that can be done daily once activation is easy
    "strength_days",  # heavier lifts 2-3 times a week with a day off between (Arsenault)
)

EXERCISES = TableSchema(
    name="exercises",
    filename="exercises.csv",
    description=(
        "One row per exercise in the library of notebook 04: what it trains, what it needs, "
        "how to dose it, how to do it well, its easier and harder variations, the obstacles "
        "it helps with, published EMG activation where a study measured it, and sources. "
        "Dosage columns are empty where no source gives a number."
    ),
    key="exercise_id",
    columns=(
        Column("exercise_id", "id", "Identifier, e.g. `glute_bridge`."),
        Column("name", "text", "Name as the runner reads it."),
        Column("category", "choice", "Kind of exercise.", choices=EXERCISE_CATEGORIES),
        Column(
            "stage",
            "choice",
            "Where it sits in the progression: `activate` (feel and switch on the glutes), "
            "`strengthen` (build strength under load), `integrate` (carry it into running).",
            choices=EXERCISE_STAGES,
        ),
        Column(
            "primary_muscles",
            "list",
            "Muscles the exercise mainly trains.",
            choices=MUSCLE_IDS,
        ),
        Column(
            "secondary_muscles",
            "list",
            "Muscles that also work.",
            required=False,
            choices=MUSCLE_IDS,
        ),
        Column(
            "equipment",
            "list",
            "Everything needed at once (`none` when nothing is); alternatives are separate rows.",
            choices=EQUIPMENT,
        ),
        Column("level", "choice", "Who it suits.", choices=EXERCISE_LEVELS),
        Column(
            "laterality",
            "choice",
            "`unilateral` is done one side at a time (doses are per side); `alternating` "
            "switches sides within a set.",
            choices=LATERALITY,
        ),
        Column(
            "measure",
            "choice",
            "What `reps_min`/`reps_max` count, or `seconds` when the set is a timed hold.",
            choices=MEASURES,
        ),
        Column("sets_min", "integer", "Fewest sets.", required=False, minimum=1, maximum=10),
        Column("sets_max", "integer", "Most sets.", required=False, minimum=1, maximum=10),
        Column(
            "reps_min",
            "integer",
            "Fewest repetitions (or steps, or metres) per set, per side when unilateral.",
            required=False,
            minimum=0,
            maximum=100,
        ),
        Column(
            "reps_max",
            "integer",
            "Most repetitions per set.",
            required=False,
            minimum=0,
            maximum=100,
        ),
        Column(
            "hold_s_min",
            "number",
            "Shortest hold: the whole set when `measure` is `seconds`, else the pause in "
            "each repetition.",
            required=False,
            unit="s",
            minimum=0,
            maximum=600,
        ),
        Column(
            "hold_s_max",
            "number",
            "Longest hold.",
            required=False,
            unit="s",
            minimum=0,
            maximum=600,
        ),
        Column(
            "rest_s",
            "integer",
            "Shortest rest between sets.",
            required=False,
            unit="s",
            minimum=0,
            maximum=1800,
        ),
        Column(
            "rest_s_max",
            "integer",
            "Longest rest between sets.",
            required=False,
            unit="s",
            minimum=0,
            maximum=1800,
        ),
        Column(
            "weekly_min",
            "integer",
            "Fewest sessions per week (7 = daily).",
            required=False,
            minimum=1,
            maximum=7,
        ),
        Column(
            "weekly_max",
            "integer",
            "Most sessions per week (7 = daily).",
            required=False,
            minimum=1,
            maximum=7,
        ),
        Column(
            "rest_days_between",
            "integer",
            "Days off needed between two sessions of this exercise.",
            required=False,
            minimum=0,
            maximum=7,
        ),
        Column("dosage_note", "text", "Where the dosage numbers come from.", required=False),
        Column("how_to", "text", "How to do it, step by step, in our own words."),
        Column("cues", "list", "Short coaching cues, one per item."),
        Column("common_mistakes", "list", "What goes wrong, one per item.", required=False),
        Column(
            "cautions",
            "list",
            "When to leave the exercise out or stop it, one per item (this curriculum's "
            "cautions, on top of the health notes' 'pain means stop').",
            required=False,
        ),
        Column(
            "easier",
            "list",
            "Easier variations (`exercise_id`s in this table).",
            required=False,
            references="exercises",
        ),
        Column(
            "harder",
            "list",
            "Harder variations (`exercise_id`s in this table).",
            required=False,
            references="exercises",
        ),
        Column(
            "substitute_for_equipment",
            "id",
            "Exercise to do instead when the equipment is missing.",
            required=False,
            references="exercises",
        ),
        Column(
            "obstacles_addressed",
            "list",
            "Obstacles (data/obstacles.csv) the exercise helps with.",
            choices=OBSTACLE_IDS,
            references="obstacles",
        ),
        Column(
            "routines",
            "list",
            "Routines from the articles that include the exercise: `pre_run`, "
            "`daily_activation`, `daily_strength`, `strength_days`.",
            required=False,
            choices=ROUTINES,
        ),
        Column(
            "emg_gmax_pct",
            "number",
            "Published gluteus maximus EMG, % of maximal voluntary isometric contraction "
            "(MVIC); empty when no study in our sources measured it.",
            required=False,
            unit="%",
            minimum=0,
            maximum=300,
        ),
        Column(
            "emg_gmax_source",
            "id",
            "Source of `emg_gmax_pct`; required when it is given.",
            required=False,
            references="sources",
        ),
        Column(
            "emg_gmed_pct",
            "number",
            "Published gluteus medius EMG, % MVIC; empty when not measured.",
            required=False,
            unit="%",
            minimum=0,
            maximum=300,
        ),
        Column(
            "emg_gmed_source",
            "id",
            "Source of `emg_gmed_pct`; required when it is given.",
            required=False,
            references="sources",
        ),
        Column(
            "emg_note",
            "text",
            "What exactly was measured (variant, load, spread) and other published findings.",
            required=False,
        ),
        Column(
            "sources",
            "list",
            "Sources of the exercise, its cues and its dosage (`source_id`s).",
            references="sources",
        ),
    ),
)


# --- exercise aliases (importing workout-app exports, notebook 06) ---

#: Apps an alias applies to; ``any`` means every app.
ALIAS_APPS = ("strong", "hevy", "fitnotes", "any")
#: Sides an alias can fix (left, right or both); empty means "from the name, else both".
ALIAS_SIDES = ("left", "right", "both")

EXERCISE_ALIASES = TableSchema(
    name="exercise_aliases",
    filename="exercise_aliases.csv",
    description=(
        "One row per exercise name a workout app (Strong, Hevy, FitNotes) writes in its "
        "export, and the library exercise it is. Names are matched ignoring case, spaces "
        "and punctuation. A name is listed only when it is the same exercise as the "
        "library's, never a near one (a Romanian deadlift is not mapped to anything); "
        "names that match nothing are shown to the runner, who can map them in a file of "
        "their own with the same columns, which wins over this table. A mapping is not a "
        "fact, so the table has no `sources` column."
    ),
    key="alias",
    columns=(
        Column("alias", "text", "The exercise name as the app writes it."),
        Column("app", "choice", "The app that uses the name, or `any`.", choices=ALIAS_APPS),
        Column(
            "exercise_id",
            "id",
            "The same exercise in `exercises.csv`.",
            references="exercises",
        ),
        Column(
            "side",
            "choice",
            "The leg the name fixes; empty: `left` or `right` when the app's name says so "
            "(e.g. `Single Leg Glute Bridge (Left)`), else `both`.",
            required=False,
            choices=ALIAS_SIDES,
        ),
    ),
)


#: Every table shipped in ``data/``, by name, in load order (referenced tables first).
SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        SOURCES,
        # registered tables (add yours on its own line below, referenced tables first)
        MUSCLES,
        QUIZ,
        OBSTACLES,
        EXERCISES,  # after obstacles: it references them
        EXERCISE_ALIASES,  # after exercises: it references them
    )
}


def schema_markdown(file_formats: Sequence[TableSchema] = ()) -> str:
    """Render the schemas as the Markdown text of ``data/README.md``.

    Parameters
    ----------
    file_formats : sequence of TableSchema
        Formats of files the curriculum writes and reads for the runner (plans,
        profiles), documented after the shipped tables.

    Returns
    -------
    str
        A Markdown document with one section and one column table per data file.
    """
    lines = [
        "# Data files",
        "",
        "<!-- Generated by `python -m gluteutils data-docs > data/README.md`; edit "
        "gluteutils/schema.py, not this file. -->",
        "",
        "The curriculum's data, one CSV per table: UTF-8, comma-separated, one header row. "
        f"List cells separate their items with `{LIST_SEPARATOR}`. Identifiers use lower-case "
        "letters, digits and underscores. Every file is checked by `gluteutils.load_table` "
        "(columns, types, allowed values, unique keys, cross-references); an error names the "
        "file, the row as a spreadsheet numbers it (header = row 1) and the column.",
        "",
        "Units: kilograms (kg) with the unit the user typed kept beside it, seconds (s), "
        "metres (m).",
        "",
    ]
    for schema in SCHEMAS.values():
        lines += _schema_section(schema, level="##")
    if file_formats:
        lines += [
            "## Files you make",
            "",
            "Files the notebooks and the command line write for you and read back. They are "
            "not shipped in `data/`; keep them on your own computer.",
            "",
        ]
        for schema in file_formats:
            lines += _schema_section(schema, level="###")
    return "\n".join(lines)


def _schema_section(schema: TableSchema, level: str) -> list[str]:
    lines = [
        f"{level} `{schema.filename}`",
        "",
        schema.description,
        "",
        f"Key: `{schema.key}` (unique).",
        "",
        "| column | type | required | unit | allowed values | description |",
        "|---|---|---|---|---|---|",
    ]
    for col in schema.columns:
        kind = col.kind
        if col.references:
            kind += f" → `{col.references}`"
        allowed = ", ".join(f"`{c}`" for c in col.choices)
        if col.minimum is not None or col.maximum is not None:
            low = "" if col.minimum is None else f"{col.minimum:g}"
            high = "" if col.maximum is None else f"{col.maximum:g}"
            allowed = f"{low} to {high}".strip()
        required = "yes" if col.required else "no"
        lines.append(
            f"| `{col.name}` | {kind} | {required} | {col.unit} | {allowed} | {col.description} |"
        )
    lines.append("")
    return lines
