"""The sample log: made by a deterministic script, shipped as its output, a valid log."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from gluteutils import progress
from gluteutils.exercises import load_exercises
from gluteutils.log_columns import LOG_COLUMNS
from gluteutils.log_io import read_log
from gluteutils.plan import build_plan, check_plan
from gluteutils.sample_log import (
    LEVEL_UP_WEEK,
    SAMPLE_ATHLETE,
    SAMPLE_START,
    load_sample_log,
    sample_plan,
    sample_profile,
)

from .conftest import REPO, load_script

SCRIPT = REPO / "tools" / "make_sample_log.py"
SHIPPED = REPO / "data" / "sample_log.csv"


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script(SCRIPT, "make_sample_log")


@pytest.fixture(scope="module")
def log() -> pd.DataFrame:
    return load_sample_log()


def test_the_script_is_deterministic(script: ModuleType, tmp_path: Path) -> None:
    first = script.sample_log_bytes()
    assert script.sample_log_bytes() == first
    out = tmp_path / "again.csv"
    assert script.main(["--out", str(out)]) == 0
    assert out.read_bytes() == first
    # another seed gives another log: the seed really drives it
    assert script.sample_log_bytes(seed=1) != first


def test_the_shipped_file_is_the_scripts_output(script: ModuleType) -> None:
    assert SHIPPED.read_bytes() == script.sample_log_bytes(), (
        "data/sample_log.csv is out of date: run python tools/make_sample_log.py"
    )
    assert script.main(["--check"]) == 0


def test_check_mode_spots_a_changed_file(script: ModuleType, tmp_path: Path) -> None:
    changed = tmp_path / "sample_log.csv"
    changed.write_bytes(SHIPPED.read_bytes().replace(b"Sample Runner", b"Someone Else"))
    assert script.main(["--check", "--out", str(changed)]) == 1


def test_the_sample_log_validates_and_reads_back_as_simulated(
    script: ModuleType, log: pd.DataFrame
) -> None:
    result = read_log(SHIPPED)
    assert result.notes == ()  # nothing to drop, convert or fix
    assert list(result.log.columns) == list(LOG_COLUMNS)
    assert_frame_equal(result.log, script.simulate())
    assert_frame_equal(log, result.log)


def test_the_sample_plan_is_a_valid_plan_that_levels_up() -> None:
    plan = sample_plan()
    assert check_plan(plan) == []
    assert set(plan["athlete"]) == {SAMPLE_ATHLETE}
    assert sorted(plan["week"].unique()) == list(range(1, 9))
    library = load_exercises()
    beginner = plan[plan["week"] < LEVEL_UP_WEEK]
    later = plan[plan["week"] >= LEVEL_UP_WEEK]
    for part, level in ((beginner, "beginner"), (later, "intermediate")):
        whole = build_plan(sample_profile(level), library)
        expected = whole[whole["week"].isin(part["week"].unique())].reset_index(drop=True)
        assert_frame_equal(part.reset_index(drop=True), expected)


def test_the_sample_tells_the_story_the_notebook_tells(log: pd.DataFrame) -> None:
    assert set(log["athlete"]) == {SAMPLE_ATHLETE}
    assert set(log["source"]) == {"form"}
    days = log["datetime"].dt.date
    assert days.min() == SAMPLE_START
    assert days.max() < SAMPLE_START + timedelta(weeks=8)
    # mild soreness only: pain 1-2 in one week, never more
    assert log["pain"].max() <= 2
    sore = log[log["pain"] > 0]
    assert sore["datetime"].dt.isocalendar().week.nunique() == 1
    # loads in kg, with one set a side logged in pounds
    assert set(log["load_unit"]) == {"", "kg", "lb"}
    pounds = log[log["load_unit"] == "lb"]
    assert len(pounds) == 2
    assert (pounds["load_kg"] == (pounds["load"] * 0.45359237).round(2)).all()
    # bridge tests in weeks 1, 4 and 8, the gap narrowing below the flag
    tests = progress.bridge_tests(log)
    weeks = [(d.date() - SAMPLE_START).days // 7 + 1 for d in tests["date"]]
    assert weeks == [1, 4, 8]
    assert tests["gap_pct"].is_monotonic_decreasing
    assert tests["flagged"].tolist() == [True, True, False]
    # glute feel rises over the weeks
    feel = progress.glute_feel_trend(log)
    assert feel["rolling_mean"].iloc[-1] > feel["rolling_mean"].iloc[0] + 2


def test_the_sample_runner_misses_a_few_days_of_the_plan(log: pd.DataFrame) -> None:
    adherence = progress.weekly_adherence(log, sample_plan())
    assert len(adherence) == 8
    assert 1 <= (adherence["adherence_pct"] < 100).sum() <= 5
    assert adherence["adherence_pct"].min() >= 75
    planned_days = set(sample_plan()["date"])
    logged_days = set(log["datetime"].dt.date)
    assert logged_days <= planned_days
    assert 1 <= len(planned_days - logged_days) <= 6
