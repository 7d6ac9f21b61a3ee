"""The obstacles taught in notebook 03, as tidy tables for reading.

Pure functions over ``data/obstacles.csv`` (loaded and validated by
:func:`gluteutils.load_table`). They only reshape and relabel; every fact comes
from the data file, which cites its sources.
"""

from __future__ import annotations

import pandas as pd

from .library import load_table

#: Plain-word label of each self-assessment item id (obstacles.csv ``assessed_by``).
ITEM_LABELS: dict[str, str] = {
    "glute_squeeze": "glute squeeze (test 1)",
    "bridge_feel": "glute bridge feel (test 2)",
    "thomas_test": "hip flexor test (test 3)",
    "single_leg_stance": "single-leg stance (test 4)",
    "single_leg_bridge": "single-leg bridge (test 5)",
    "single_leg_squat": "single-leg squat (test 6)",
    "sitting_hours": "hours of sitting",
    "shoes": "running shoes",
    "strength_habits": "strength habits",
    "hamstring_history": "past hamstring strains",
    "running_feel": "where hard runs are felt",
    "bounce_check": "bounce check",
    "back_check": "low-back check",
}


def load_obstacles() -> pd.DataFrame:
    """Load ``data/obstacles.csv``, validated and typed.

    Returns
    -------
    pandas.DataFrame
        One row per obstacle, in the order of
        :data:`gluteutils.schema.OBSTACLE_IDS`; ``assessed_by`` and ``sources``
        are tuples of str.
    """
    return load_table("obstacles")


def obstacle_names() -> dict[str, str]:
    """Return each obstacle's display name, by ``obstacle_id``.

    Examples
    --------
    >>> obstacle_names()["tight_hip_flexors"]
    'Tight hip flexors'
    """
    table = load_obstacles()
    return dict(zip(table["obstacle_id"], table["name"], strict=True))


def obstacles_table() -> pd.DataFrame:
    """Return the obstacles as a readable table: signs, why it matters, what helps.

    Returns
    -------
    pandas.DataFrame
        Indexed by the obstacle's name, with columns ``How it shows``, ``Why it
        matters``, ``What helps``, ``Checked by`` and ``Sources``.
    """
    table = load_obstacles()
    return pd.DataFrame(
        {
            "How it shows": list(table["how_it_shows"]),
            "Why it matters": list(table["why_it_matters"]),
            "What helps": list(table["what_helps"]),
            "Checked by": [
                ", ".join(ITEM_LABELS.get(i, i) for i in items) for items in table["assessed_by"]
            ],
            "Sources": [", ".join(s) for s in table["sources"]],
        },
        index=pd.Index(table["name"], name="Obstacle"),
    )
