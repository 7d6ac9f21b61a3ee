"""The muscles taught in notebook 01, as tidy tables for reading.

Pure functions over ``data/muscles.csv`` (loaded and validated by
:func:`gluteutils.load_table`). They only reshape and relabel; every fact comes
from the data file, which cites its sources.
"""

from __future__ import annotations

import pandas as pd

from .library import load_table
from .schema import MUSCLE_ACTIONS

#: Plain-word label of each action id in ``data/muscles.csv``.
ACTION_LABELS: dict[str, str] = {
    "hip_extension": "hip extension (thigh back behind you)",
    "hip_external_rotation": "external rotation (thigh turns outward)",
    "hip_abduction": "abduction (leg out to the side)",
    "resist_hip_adduction": "resists adduction (leg drifting in)",
    "pelvis_level_single_leg": "holds the pelvis level on one leg",
    "hip_stability": "keeps the hip joint steady and centred",
    "trunk_stability": "steadies the trunk (core stability)",
    "knee_flexion": "bends the knee",
}

#: Short names used in figures and tables.
SHORT_NAMES: dict[str, str] = {
    "glute_max": "Glute max",
    "glute_med": "Glute med",
    "glute_min": "Glute min",
    "hamstrings": "Hamstrings",
}

NO_FIBRE_DATA = "not given by our sources"


def load_muscles() -> pd.DataFrame:
    """Load ``data/muscles.csv``, validated and typed.

    Returns
    -------
    pandas.DataFrame
        One row per muscle; ``actions`` and ``sources`` are tuples of ids.
    """
    return load_table("muscles")


def action_label(action: str) -> str:
    """Return the plain-word label of one action id.

    Parameters
    ----------
    action : str
        One of :data:`gluteutils.schema.MUSCLE_ACTIONS`.

    Returns
    -------
    str
        For example ``"abduction (leg out to the side)"``.

    Raises
    ------
    KeyError
        If ``action`` is unknown.
    """
    return ACTION_LABELS[action]


def muscles_table(muscles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Summarise the muscles for reading: one row each, in plain words.

    Parameters
    ----------
    muscles : pandas.DataFrame, optional
        Rows of ``data/muscles.csv``; loaded when omitted.

    Returns
    -------
    pandas.DataFrame
        Indexed by muscle name, with columns ``Where it sits``, ``What it does``,
        ``Role in running``, ``Fibre make-up`` and ``Sources``.

    Examples
    --------
    >>> "Gluteus maximus" in muscles_table().index
    True
    """
    frame = load_muscles() if muscles is None else muscles
    table = pd.DataFrame(
        {
            "Muscle": frame["name"],
            "Where it sits": frame["location"],
            "What it does": frame["actions"].map(
                lambda actions: "; ".join(action_label(a) for a in actions)
            ),
            "Role in running": frame["running_role"],
            "Fibre make-up": frame["fibre_makeup"].map(lambda s: s or NO_FIBRE_DATA),
            "Sources": frame["sources"].map(", ".join),
        }
    )
    return table.set_index("Muscle")


def attachments_table(muscles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return where each muscle starts and ends, in plain words.

    Parameters
    ----------
    muscles : pandas.DataFrame, optional
        Rows of ``data/muscles.csv``; loaded when omitted.

    Returns
    -------
    pandas.DataFrame
        Indexed by muscle name, with columns ``Starts at (origin)`` and
        ``Ends at (insertion)``.
    """
    frame = load_muscles() if muscles is None else muscles
    return pd.DataFrame(
        {
            "Muscle": frame["name"],
            "Starts at (origin)": frame["origin"],
            "Ends at (insertion)": frame["insertion"],
        }
    ).set_index("Muscle")


def action_matrix(muscles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return which muscle does which action, as a grid of ticks.

    Parameters
    ----------
    muscles : pandas.DataFrame, optional
        Rows of ``data/muscles.csv``; loaded when omitted.

    Returns
    -------
    pandas.DataFrame
        Rows are actions that at least one muscle does (plain-word labels, in
        the order of :data:`gluteutils.schema.MUSCLE_ACTIONS`); columns are
        short muscle names; cells are ``"✓"`` or ``""``.
    """
    frame = load_muscles() if muscles is None else muscles
    names = [SHORT_NAMES.get(m, m) for m in frame["muscle_id"]]
    used = [a for a in MUSCLE_ACTIONS if any(a in acts for acts in frame["actions"])]
    grid = {
        name: ["✓" if action in acts else "" for action in used]
        for name, acts in zip(names, frame["actions"], strict=True)
    }
    index = pd.Index([action_label(a) for a in used], name="Action")
    return pd.DataFrame(grid, index=index)


def trouble_table(muscles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return what goes wrong when each muscle is weak, under-active or overloaded.

    Parameters
    ----------
    muscles : pandas.DataFrame, optional
        Rows of ``data/muscles.csv``; loaded when omitted.

    Returns
    -------
    pandas.DataFrame
        Indexed by muscle name, one column ``When it is weak or overloaded``.
    """
    frame = load_muscles() if muscles is None else muscles
    return pd.DataFrame(
        {"Muscle": frame["name"], "When it is weak or overloaded": frame["trouble"]}
    ).set_index("Muscle")
