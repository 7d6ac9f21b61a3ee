"""The sample runner of notebook 06: their plan and their simulated 8-week log.

``data/sample_log.csv`` is **simulated example data, not facts**: a made-up
runner, "Sample Runner", following a plan from
:func:`gluteutils.plan.build_plan`, written by the seeded script
``tools/make_sample_log.py``. It exists so the tracking notebook and the tests
have a realistic log to summarise and plot; none of its numbers is a finding.

The runner trains on Monday, Wednesday and Friday evenings, runs on Tuesday,
Thursday and Saturday mornings, has a mini band, a wall, a trap bar, dumbbells
and a box, and starts on Monday 3 March 2025. They begin as a beginner and, after
four weeks, rebuild the plan at the intermediate level: weeks 1-4 come from the
beginner plan, weeks 5-8 from the intermediate one (same start date and length,
so the stages and the lighter eighth week line up). :func:`sample_plan` rebuilds
exactly that plan, and :func:`load_sample_log` reads the log.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .exercises import load_exercises
from .library import data_dir
from .log_io import read_log
from .plan import build_plan
from .plan_profile import Profile

#: The sample runner's name, as it appears in every row of the sample log.
SAMPLE_ATHLETE = "Sample Runner"
#: File name of the sample log in ``data/``.
SAMPLE_LOG_FILE = "sample_log.csv"
#: First day of the sample plan (a Monday).
SAMPLE_START = date(2025, 3, 3)
#: Length of the sample plan, in weeks.
SAMPLE_WEEKS = 8
#: The plan week from which the sample runner follows the intermediate plan.
LEVEL_UP_WEEK = 5


def sample_profile(level: str = "beginner") -> Profile:
    """Return the sample runner's profile at one level.

    Parameters
    ----------
    level : {"beginner", "intermediate", "advanced"}
        Training experience.

    Returns
    -------
    Profile
        Eight weeks from :data:`SAMPLE_START`; training Monday, Wednesday and
        Friday; running Tuesday, Thursday and Saturday; 15 minutes of daily
        activation; mini band, wall, trap bar, dumbbells and a box; loads in kg.
    """
    return Profile(
        athlete=SAMPLE_ATHLETE,
        level=level,
        start_date=SAMPLE_START,
        weeks=SAMPLE_WEEKS,
        training_days=("mon", "wed", "fri"),
        run_days=("tue", "thu", "sat"),
        equipment=("mini_band", "trap_bar", "dumbbell", "wall", "box"),
        units="kg",
    )


def sample_plan(library: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rebuild the plan the sample runner followed.

    Parameters
    ----------
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.

    Returns
    -------
    pandas.DataFrame
        A plan (columns of :data:`~gluteutils.plan_columns.PLAN_COLUMNS`): the
        beginner plan's weeks before :data:`LEVEL_UP_WEEK` and the
        intermediate plan's weeks from it on, with a fresh index.
    """
    library = load_exercises() if library is None else library
    beginner = build_plan(sample_profile("beginner"), library)
    intermediate = build_plan(sample_profile("intermediate"), library)
    parts = [
        beginner[beginner["week"] < LEVEL_UP_WEEK],
        intermediate[intermediate["week"] >= LEVEL_UP_WEEK],
    ]
    return pd.concat(parts, ignore_index=True)


def load_sample_log() -> pd.DataFrame:
    """Read the sample runner's log, ``data/sample_log.csv`` (simulated example data).

    The file is read and checked like any log file
    (:func:`gluteutils.log_io.read_log`), from the source checkout or the
    installed package.

    Returns
    -------
    pandas.DataFrame
        The log, in the contract of :mod:`gluteutils.log_columns`: one row per
        set, sorted by datetime, athlete, exercise, side and set.

    Raises
    ------
    gluteutils.errors.DataNotFoundError
        If the data folder cannot be found.
    """
    data = (data_dir() / SAMPLE_LOG_FILE).read_bytes()
    return read_log(data, filename=SAMPLE_LOG_FILE).log
