"""Progress summaries: weekly volume, adherence to a plan, bests, bridge tests, glute feel."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from gluteutils import plan_rules as rules
from gluteutils import progress
from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan
from gluteutils.plan_profile import validate_profile
from tests.progress_logs import log_following, make_log, sets

LIBRARY = load_exercises()


def _plan(start: str = "2025-03-03", **changes: object) -> pd.DataFrame:
    raw = {
        "athlete": "Ana",
        "level": "beginner",
        "start_date": start,
        "weeks": 8,
        "training_days": "mon|wed|fri",
        "run_days": "tue|sat",
        **changes,
    }
    profile, messages = validate_profile(raw)
    assert profile is not None, messages
    return build_plan(profile, LIBRARY)


PLAN = _plan()


def _ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- weeks ---


def test_week_start_is_the_monday_of_each_timestamp() -> None:
    stamps = pd.Series(
        pd.to_datetime(
            ["2025-03-03 06:00", "2025-03-09 23:59", "2025-03-10 00:00", "2024-03-03", None],
            format="ISO8601",
        )
    )
    result = progress.week_start(stamps)
    assert result.dtype == "datetime64[ns]"
    assert result.iloc[:4].tolist() == [
        _ts("2025-03-03"),
        _ts("2025-03-03"),
        _ts("2025-03-10"),
        _ts("2024-02-26"),
    ]
    assert pd.isna(result.iloc[4])


def test_runner_log_keeps_one_runner() -> None:
    log = make_log(
        sets("2025-03-03", "glute_bridge", [10])
        + sets("2025-03-03", "clamshell", [8], athlete="Bo")
    )
    assert progress.runner_log(log, "Bo")["exercise_id"].tolist() == ["clamshell"]


# --- weekly volume ---


def test_weekly_by_exercise_counts_sets_per_side_and_estimates_minutes() -> None:
    log = make_log(
        sets("2025-03-03", "clamshell", [10, 10], side="left")
        + sets("2025-03-03", "clamshell", [10, 8], side="right")
        + sets("2025-03-09", "band_walk_knees", [20, 20])  # Sunday: same week
        + [{"datetime": "2025-03-05", "exercise_id": "glute_squeeze_prone", "duration_s": 45}]
        + sets("2025-03-10", "clamshell", [12], side="left")  # Monday: next week
    )
    table = progress.weekly_by_exercise(log)
    assert list(table.columns) == list(progress.WEEKLY_EXERCISE_COLUMNS)
    first = table[table["week_start"] == _ts("2025-03-03")].set_index("exercise_id")
    assert first.loc["clamshell", "sets"] == 4  # two per side
    assert first.loc["clamshell", "reps"] == 38
    assert first.loc["clamshell", "minutes"] == pytest.approx(38 * rules.SECONDS_PER_REP / 60)
    # Band walks are measured in steps, timed like the plan's estimate.
    assert first.loc["band_walk_knees", "minutes"] == pytest.approx(
        40 * rules.SECONDS_PER_STEP / 60
    )
    assert first.loc["glute_squeeze_prone", "duration_s"] == 45
    assert first.loc["glute_squeeze_prone", "minutes"] == pytest.approx(0.75)
    second = table[table["week_start"] == _ts("2025-03-10")]
    assert second[["exercise_id", "sets", "reps"]].values.tolist() == [["clamshell", 1, 12]]
    assert table["exercise_id"].dtype == object
    assert str(table["sets"].dtype) == "int64"
    assert str(table["minutes"].dtype) == "float64"


def test_weekly_by_exercise_leaves_warmups_out_unless_asked() -> None:
    log = make_log(
        sets("2025-03-04", "hip_thrust", [8], set_type="warmup", load=20)
        + [{**r, "set": 2} for r in sets("2025-03-04", "hip_thrust", [10], load=60)]
        + [
            {**r, "set": 3}
            for r in sets("2025-03-04", "hip_thrust", [25], set_type="test", load=60)
        ]
    )
    default = progress.weekly_by_exercise(log)
    assert default["sets"].tolist() == [2]
    assert default["reps"].tolist() == [35]
    assert progress.weekly_by_exercise(log, include_warmups=True)["sets"].tolist() == [3]


def test_weekly_by_muscle_counts_a_set_for_each_primary_muscle() -> None:
    log = make_log(
        sets("2025-03-03", "bodyweight_squat", [10, 10])  # glute max + quadriceps
        + sets("2025-03-04", "single_leg_squat", [8], side="left")  # med, max, quadriceps
        + sets("2025-03-04", "glute_bridge", [12])
        + sets("2025-03-04", "not_in_library", [5])
    )
    table = progress.weekly_by_muscle(log)
    assert list(table.columns) == list(progress.WEEKLY_MUSCLE_COLUMNS)
    counts = dict(zip(table["muscle"], table["sets"], strict=True))
    assert counts == {"glute_max": 4, "glute_med": 1, "quadriceps": 3}
    assert table["muscle"].tolist() == ["glute_max", "glute_med", "quadriceps"]  # MUSCLE_IDS order
    minutes = dict(zip(table["muscle"], table["minutes"], strict=True))
    assert minutes["quadriceps"] == pytest.approx(28 * rules.SECONDS_PER_REP / 60)


def test_primary_muscles_lists_every_pair() -> None:
    pairs = progress.primary_muscles(LIBRARY)
    squat = pairs[pairs["exercise_id"] == "single_leg_squat"]["muscle"].tolist()
    assert squat == ["glute_med", "glute_max", "quadriceps"]


@pytest.mark.parametrize(
    "summary",
    [
        progress.weekly_by_exercise,
        progress.weekly_by_muscle,
        progress.personal_bests,
        progress.bridge_tests,
        progress.glute_feel_trend,
    ],
)
def test_an_empty_log_gives_an_empty_frame_with_the_columns(summary) -> None:
    table = summary(make_log([]))
    assert table.empty
    expected = {
        progress.weekly_by_exercise: progress.WEEKLY_EXERCISE_COLUMNS,
        progress.weekly_by_muscle: progress.WEEKLY_MUSCLE_COLUMNS,
        progress.personal_bests: progress.BEST_COLUMNS,
        progress.bridge_tests: progress.BRIDGE_COLUMNS,
        progress.glute_feel_trend: progress.FEEL_COLUMNS,
    }[summary]
    assert list(table.columns) == list(expected)


def test_weekly_summary_of_a_big_log_matches_a_plain_groupby() -> None:
    rng = np.random.default_rng(5)
    n = 20_000
    ids = np.array(["glute_bridge", "clamshell", "band_walk_knees", "hip_thrust"])
    stamps = pd.Timestamp("2025-01-06") + pd.to_timedelta(rng.integers(0, 200 * 24, n), unit="h")
    frame = pd.DataFrame(
        {"datetime": stamps, "exercise_id": ids[rng.integers(0, 4, n)], "reps": 10}
    )
    log = make_log(frame.to_dict("records"))
    table = progress.weekly_by_exercise(log)
    expected = (
        log.assign(week=log["datetime"].dt.to_period("W-SUN").dt.start_time)
        .groupby(["week", "exercise_id"])
        .size()
    )
    assert table["sets"].sum() == n
    assert table.set_index(["week_start", "exercise_id"])["sets"].tolist() == expected.tolist()


# --- adherence ---


def test_planned_sets_doubles_each_side_rows_and_counts_timeboxed_rows_once() -> None:
    plan = PLAN[PLAN["date"] == date(2025, 3, 17)]
    counts = dict(zip(plan["exercise_id"], progress.planned_sets(plan), strict=True))
    assert counts["glute_bridge"] == 2  # 2 sets, both legs
    assert counts["side_lying_abduction"] == 4  # 2 sets on each side
    assert counts["glute_squeeze_standing"] == 1  # time-boxed


def test_plan_start_is_the_start_date_when_there_is_a_session_on_it() -> None:
    assert progress.plan_start(PLAN) == date(2025, 3, 3)
    # Starting on a Sunday with no session that day: the first session day of week 1.
    sunday = _plan(start="2025-03-02")
    assert progress.plan_start(sunday) == date(2025, 3, 3)
    with pytest.raises(ValueError, match="no rows"):
        progress.plan_start(PLAN.iloc[:0])


def test_following_the_plan_exactly_is_full_adherence() -> None:
    log = log_following(PLAN)
    table = progress.weekly_adherence(log, PLAN)
    assert list(table.columns) == list(progress.ADHERENCE_COLUMNS)
    assert table["week"].tolist() == list(range(1, 9))
    assert (table["adherence_pct"] == 100.0).all()
    assert (table["moved_sets"] == 0).all()
    assert (table["extra_sets"] == 0).all()
    expected = PLAN.assign(n=progress.planned_sets(PLAN)).groupby("week")["n"].sum().tolist()
    assert table["planned_sets"].tolist() == expected


def test_a_skipped_day_lowers_that_week_only() -> None:
    skipped = date(2025, 3, 19)  # Wednesday of week 3
    log = log_following(PLAN, skip=[skipped])
    table = progress.weekly_adherence(log, PLAN).set_index("week")
    missed = int(progress.planned_sets(PLAN[PLAN["date"] == skipped]).sum())
    week3 = table.loc[3]
    assert week3["done_sets"] == week3["planned_sets"] - missed
    assert week3["adherence_pct"] == round(100 * week3["done_sets"] / week3["planned_sets"], 1)
    assert (table.drop(index=3)["adherence_pct"] == 100.0).all()


def test_a_day_moved_within_the_week_still_counts_but_not_into_the_next_week() -> None:
    # Glute bridge of Monday 17 March (week 3) done on Thursday 20 March instead.
    moved = make_log(sets("2025-03-20", "glute_bridge", [12, 12]))
    week3 = progress.adherence_by_exercise(moved, PLAN, until=date(2025, 3, 23))
    bridge = week3[(week3["week"] == 3) & (week3["exercise_id"] == "glute_bridge")].iloc[0]
    assert bridge["done_sets"] == 2
    assert bridge["moved_sets"] == 2
    # Done on Monday 24 March (week 4) it does not fill week 3.
    late = make_log(sets("2025-03-24", "glute_bridge", [12, 12]))
    table = progress.adherence_by_exercise(late, PLAN, until=date(2025, 3, 24)).set_index(
        ["week", "exercise_id"]
    )
    assert table.loc[(3, "glute_bridge"), "done_sets"] == 0
    assert table.loc[(4, "glute_bridge"), "done_sets"] == 2
    assert table.loc[(4, "glute_bridge"), "moved_sets"] == 0


def test_sets_beyond_the_plan_are_extra_and_warmups_do_not_count() -> None:
    week3 = PLAN[PLAN["week"] == 3]
    planned = int(progress.planned_sets(week3[week3["exercise_id"] == "glute_bridge"]).sum())
    log = make_log(
        sets("2025-03-17", "glute_bridge", [12] * (planned + 2))  # all of the week on Monday
        + sets("2025-03-17", "clamshell", [10])  # not in the plan
        + [
            {**r, "set": 9}
            for r in sets("2025-03-17", "side_lying_abduction", [5], set_type="warmup")
        ]
    )
    table = progress.adherence_by_exercise(log, PLAN).set_index("exercise_id")
    on_monday = int(
        progress.planned_sets(
            week3[(week3["exercise_id"] == "glute_bridge") & (week3["date"] == date(2025, 3, 17))]
        ).sum()
    )
    assert table.loc["glute_bridge", "planned_sets"] == planned
    assert table.loc["glute_bridge", "done_sets"] == planned
    assert table.loc["glute_bridge", "extra_sets"] == 2
    assert table.loc["glute_bridge", "moved_sets"] == planned - on_monday
    assert table.loc["clamshell", "planned_sets"] == 0
    assert table.loc["clamshell", "extra_sets"] == 1
    assert table.loc["side_lying_abduction", "done_sets"] == 0


def test_until_limits_the_weeks_and_marks_the_last_one_in_progress() -> None:
    log = log_following(PLAN)
    table = progress.weekly_adherence(log, PLAN, until=date(2025, 3, 19))
    assert table["week"].tolist() == [1, 2, 3]
    assert table["complete"].tolist() == [True, True, False]
    # Week 3 is shown in full: what was planned after Wednesday is not done yet.
    assert table["adherence_pct"].iloc[-1] < 100.0
    by_default = progress.weekly_adherence(log, PLAN)
    # The last logged day is Saturday 26 April; week 8 runs to Sunday 27 April.
    assert not by_default["complete"].iloc[-1]
    assert by_default["complete"].iloc[:-1].all()


def test_adherence_of_an_empty_log_or_plan_is_empty() -> None:
    log = log_following(PLAN)
    assert progress.weekly_adherence(make_log([]), PLAN).empty
    assert progress.weekly_adherence(log, PLAN.iloc[:0]).empty
    assert list(progress.adherence_by_exercise(make_log([]), PLAN).columns) == list(
        progress.ADHERENCE_EXERCISE_COLUMNS
    )


def test_an_explicit_start_moves_the_week_boundaries() -> None:
    sunday_plan = _plan(start="2025-03-02")  # week 1 starts on the Sunday
    log = make_log(sets("2025-03-09", "glute_squeeze_standing", [None], duration_s=60))
    guessed = progress.adherence_by_exercise(log, sunday_plan)
    told = progress.adherence_by_exercise(log, sunday_plan, start=date(2025, 3, 2))
    assert guessed["week"].max() == 1  # Sunday 9 March falls in the guessed week 1
    assert told["week"].max() == 2  # in week 2 counted from the real start


# --- personal bests ---


def test_personal_bests_take_the_first_day_a_best_was_reached() -> None:
    log = make_log(
        sets("2025-03-03", "glute_bridge", [10, 12])
        + sets("2025-03-10", "glute_bridge", [12, 11])
        + sets("2025-03-12", "glute_bridge", [30], set_type="warmup")
        + [{"datetime": "2025-03-04", "exercise_id": "side_plank_abduction", "duration_s": 40}]
        + [{"datetime": "2025-03-06", "exercise_id": "side_plank_abduction", "duration_s": 45}]
        + sets("2025-03-05", "hip_thrust", [10], load=135, load_unit="lb")
        + [{**r, "set": 2} for r in sets("2025-03-05", "hip_thrust", [8], load=60)]
        + sets("2025-03-07", "hip_thrust", [12], load=0)
    )
    bests = progress.personal_bests(log).set_index("exercise_id")
    assert list(progress.personal_bests(log).columns) == list(progress.BEST_COLUMNS)
    assert bests.loc["glute_bridge", "most_reps"] == 12  # the warm-up of 30 does not count
    assert bests.loc["glute_bridge", "most_reps_date"] == _ts("2025-03-03")
    assert bests.loc["side_plank_abduction", "longest_hold_s"] == 45
    assert bests.loc["side_plank_abduction", "longest_hold_date"] == _ts("2025-03-06")
    assert bests.loc["hip_thrust", "heaviest_kg"] == pytest.approx(61.23)  # 135 lb
    assert bests.loc["hip_thrust", "heaviest_load"] == 135
    assert bests.loc["hip_thrust", "heaviest_unit"] == "lb"
    assert bests.loc["hip_thrust", "most_reps"] == 12
    assert math.isnan(bests.loc["glute_bridge", "heaviest_kg"])
    assert bests.loc["glute_bridge", "heaviest_unit"] == ""
    assert pd.isna(bests.loc["glute_bridge", "longest_hold_s"])


# --- bridge tests ---


def _bridge(day: str, left: int | None, right: int | None) -> list[dict[str, object]]:
    rows = []
    for side, reps in (("left", left), ("right", right)):
        if reps is not None:
            rows += sets(day, "single_leg_glute_bridge", [reps], side=side, set_type="test")
    return rows


def test_bridge_tests_give_reps_per_side_and_the_gap() -> None:
    log = make_log(
        _bridge("2025-03-03", 20, 25)
        + [
            {**r, "set": 2}
            for r in sets(
                "2025-03-03", "single_leg_glute_bridge", [22], side="left", set_type="test"
            )
        ]
        + _bridge("2025-04-01", 24, None)
        + sets("2025-03-10", "single_leg_glute_bridge", [8, 8], side="left")  # training, not a test
        + sets("2025-03-11", "glute_bridge", [30], set_type="test")  # another exercise
    )
    table = progress.bridge_tests(log)
    assert list(table.columns) == list(progress.BRIDGE_COLUMNS)
    assert table["date"].tolist() == [_ts("2025-03-03"), _ts("2025-04-01")]
    first, second = table.iloc[0], table.iloc[1]
    assert (first["left"], first["right"]) == (22, 25)  # best set of the day
    assert first["gap_pct"] == pytest.approx(12.0)
    assert first["weaker"] == "left"
    assert not first["flagged"]
    assert pd.isna(second["right"])
    assert math.isnan(second["gap_pct"])
    assert second["weaker"] == ""
    assert not second["flagged"]


@pytest.mark.parametrize(
    ("left", "right", "flagged"),
    [(20, 17, False), (17, 20, False), (20, 16, True), (100, 85, False), (100, 84, True)],
)
def test_the_fifteen_percent_boundary_is_not_flagged(left: int, right: int, flagged: bool) -> None:
    table = progress.bridge_tests(make_log(_bridge("2025-03-03", left, right)))
    assert bool(table["flagged"].iloc[0]) is flagged
    assert progress.is_asymmetric(left, right) is flagged


def test_gap_pct_of_zero_or_missing_sides() -> None:
    assert math.isnan(progress.gap_pct(0, 0))
    assert math.isnan(progress.gap_pct(float("nan"), 10))
    assert progress.gap_pct(0, 10) == 100.0
    assert not progress.is_asymmetric(float("nan"), 10)
    assert not progress.is_asymmetric(0, 0)


# --- glute feel ---


def test_glute_feel_trend_has_weekly_means_gaps_and_a_weighted_rolling_mean() -> None:
    log = make_log(
        sets("2025-03-03", "glute_bridge", [10, 10], glute_feel=[4, 6])  # week 1: mean 5
        + sets("2025-03-12", "glute_bridge", [10], glute_feel=8)  # week 2: mean 8
        + sets("2025-03-13", "glute_bridge", [10])  # no rating
        # week 3: nothing
        + sets("2025-03-24", "glute_bridge", [10, 10, 10, 10], glute_feel=9)  # week 4
        + sets("2025-03-31", "glute_bridge", [10], glute_feel=2)  # week 5
    )
    table = progress.glute_feel_trend(log, window=3)
    assert list(table.columns) == list(progress.FEEL_COLUMNS)
    assert table["week_start"].tolist() == list(pd.date_range("2025-03-03", periods=5, freq="7D"))
    assert table["rated_sets"].tolist() == [2, 1, 0, 4, 1]
    means = table["mean_feel"].tolist()
    assert means[:2] == [5.0, 8.0]
    assert math.isnan(means[2])
    assert means[3:] == [9.0, 2.0]
    # Rolling over 3 weeks, every rated set weighing the same.
    assert table["rolling_mean"].tolist() == pytest.approx(
        [5.0, 18 / 3, 18 / 3, (8 + 36) / 5, (36 + 2) / 5]
    )


def test_glute_feel_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        progress.glute_feel_trend(make_log([]), window=0)
