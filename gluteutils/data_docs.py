"""The text of ``data/README.md`` and the registry of the sample files shipped in ``data/``.

Kept apart from the lighter modules because it gathers every file format (plans,
profiles, rosters, logs), which imports most of the package.
"""

from __future__ import annotations

from collections.abc import Callable

from .clinic import ROSTER, load_sample_roster
from .log_columns import LOG
from .plan_columns import PLAN
from .plan_profile import PLAN_PROFILE
from .sample_log import load_sample_log
from .schema import TableSchema, schema_markdown

#: Example files shipped in ``data/`` beside the curriculum's tables: file name to the
#: format they follow (documented under "Files you make") and the reader that checks them.
SAMPLE_FILES: dict[str, tuple[TableSchema, Callable[[], object]]] = {
    "sample_log.csv": (LOG, load_sample_log),
    "sample_roster.csv": (ROSTER, load_sample_roster),
}


def data_readme() -> str:
    """Return the text of ``data/README.md``: every shipped table and every file format.

    Returns
    -------
    str
        Markdown generated from the schemas; ``python -m gluteutils data-docs`` prints it.
    """
    text = schema_markdown(file_formats=(PLAN_PROFILE, ROSTER, PLAN, LOG))
    lines = [
        "## Sample files",
        "",
        "Made-up example data for the notebooks and tests (simulated, not measurements):",
        "",
        "| file | format | made by |",
        "|---|---|---|",
        "| `sample_log.csv` | `training_log.csv` above | `python tools/make_sample_log.py` "
        "(seeded, so it is the same every time) |",
        "| `sample_roster.csv` | `sample_roster.csv` above | written by hand: a dozen athletes |",
        "",
    ]
    return text + "\n".join(lines)
