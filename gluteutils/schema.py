"""Schemas of the curriculum's data tables: columns, units and allowed values.

Every shipped CSV under ``data/`` is described here, once. The loader in
:mod:`gluteutils.library` validates against these schemas, and
``data/README.md`` is generated from them (``python -m gluteutils data-docs``),
so the documentation cannot drift from the checks.
"""

from __future__ import annotations

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

# --- obstacles table (notebook 03) ---

# --- exercises table (notebook 04) ---

#: Every table shipped in ``data/``, by name, in load order (referenced tables first).
SCHEMAS: dict[str, TableSchema] = {
    s.name: s
    for s in (
        SOURCES,
        # registered tables (add yours on its own line below, referenced tables first)
    )
}


def schema_markdown() -> str:
    """Render the schemas as the Markdown text of ``data/README.md``.

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
        lines += [
            f"## `{schema.filename}`",
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
                f"| `{col.name}` | {kind} | {required} | {col.unit} | {allowed} | "
                f"{col.description} |"
            )
        lines.append("")
    return "\n".join(lines)
