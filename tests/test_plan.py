"""build_plan follows every rule, and check_plan catches a plan edited to break one."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from gluteutils import plan_rules as rules
from gluteutils.exercises import load_exercises
from gluteutils.plan import (
    INT_COLUMNS,
    build_plan,
    check_plan,
    daily_minutes,
    empty_plan,
    plan_notes,
    strength_before_key_runs,
    strength_pattern,
    weekly_summary,
)
from gluteutils.plan_columns import PLAN_COLUMNS, SESSIONS, WEEKDAYS
from gluteutils.plan_profile import Profile, validate_profile
from tests.test_plan_profile import profiles

LIB = load_exercises()
INDEX = rules.library_index(LIB)
MONDAY = date(2025, 3, 3)


def make(**changes: object) -> Profile:
    raw = {
        "athlete": "Ana",
        "level": "intermediate",
        "start_date": MONDAY,
        "weeks": 16,
        "training_days": list(WEEKDAYS),
        "run_days": "tue|thu|sat",
        "equipment": "mini_band|dumbbell|barbell|rack|wall|box",
        "obstacles": "weak_unstable:60|tight_hip_flexors:50",
    }
    profile, messages = validate_profile({**raw, **changes})
    assert messages == {}
    return profile


FULL = make()
FULL_PLAN = build_plan(FULL, LIB)


def rows_of(plan: pd.DataFrame, exercise_id: str) -> pd.DataFrame:
    return plan[plan["exercise_id"] == exercise_id]


def hinge_days(plan: pd.DataFrame) -> list[date]:
    return sorted(set(plan.loc[plan["exercise_id"].isin(INDEX.heavy_hinges), "date"]))


# --- the frame ---


def test_columns_dtypes_and_values_follow_the_contract():
    plan = FULL_PLAN
    assert list(plan.columns) == list(PLAN_COLUMNS)
    for column in PLAN_COLUMNS:
        if column in INT_COLUMNS:
            assert plan[column].dtype == "Int64", column
        elif column == "minutes":
            assert plan[column].dtype == "float64"
        else:
            assert plan[column].dtype == object, column
            if column != "date":
                assert all(isinstance(v, str) for v in plan[column]), column
    assert all(type(d) is date for d in plan["date"])
    assert plan["week"].notna().all()
    assert plan["order"].notna().all()
    assert set(plan["lighter_week"]) == {"yes", "no"}
    assert set(plan["athlete"]) == {"Ana"}
    assert set(plan["units"]) == {"kg"}
    assert plan.index.equals(pd.RangeIndex(len(plan)))


def test_rows_are_sorted_and_ids_built_from_date_session_order():
    plan = FULL_PLAN
    keys = list(zip(plan["date"], plan["session"].map(SESSIONS.index), plan["order"], strict=True))
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    expected = [
        f"{d.isoformat()}-{s}-{o}"
        for d, s, o in zip(plan["date"], plan["session"], plan["order"], strict=True)
    ]
    assert list(plan["row_id"]) == expected
    assert plan["row_id"].is_unique
    assert list(plan["weekday"]) == [WEEKDAYS[d.weekday()] for d in plan["date"]]
    assert list(plan["week"]) == [(d - MONDAY).days // 7 + 1 for d in plan["date"]]
    for _, group in plan.groupby(["date", "session"]):
        assert list(group["order"]) == list(range(1, len(group) + 1))


def test_build_is_deterministic_and_leaves_the_library_alone():
    before = LIB.copy()
    again = build_plan(FULL, LIB.copy())
    pd.testing.assert_frame_equal(FULL_PLAN, again)
    pd.testing.assert_frame_equal(LIB, before)


def test_empty_plan_has_the_columns_and_dtypes():
    empty = empty_plan()
    assert list(empty.columns) == list(PLAN_COLUMNS)
    assert empty.empty
    assert all(empty[c].dtype == "Int64" for c in INT_COLUMNS)
    assert check_plan(empty) == ["The plan has no rows."]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_every_built_plan_passes_check_plan(profile):
    plan = build_plan(profile, LIB)
    assert not plan.empty
    assert check_plan(plan, profile, LIB) == []
    assert check_plan(plan) == []


# --- the rules in the built plan ---


def test_activation_block_is_the_profiles_minutes_on_every_training_day():
    for minutes in (10, 13, 20):
        profile = make(activation_minutes=minutes, training_days="mon|wed|sat", weeks=6)
        plan = build_plan(profile, LIB)
        block = plan[plan["session"] == "activation"].groupby("date")["minutes"].sum()
        assert set(block) == {float(minutes)}
        assert len(block) == 6 * 3


def test_low_level_strength_is_daily_once_activation_is_learned():
    plan = FULL_PLAN
    activate_weeks = set(plan.loc[plan["stage"] == "activate", "week"])
    strength = plan[plan["session"] == "strength"]
    assert not set(strength["week"]) & activate_weeks
    bridges = rows_of(plan, "glute_bridge")
    strengthen_days = set(plan.loc[plan["stage"] == "strengthen", "date"])
    assert strengthen_days <= set(bridges.loc[bridges["session"] == "strength", "date"])


def test_heavy_hinges_two_to_three_a_week_with_a_day_off_between():
    plan = FULL_PLAN
    days = hinge_days(plan)
    assert days
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))
    per_week = pd.Series([(d - MONDAY).days // 7 + 1 for d in days]).value_counts()
    assert set(per_week) <= {2, 3}
    assert set(plan.loc[plan["date"].isin(days), "stage"]) == {"integrate"}


def test_day_off_rule_across_the_week_boundary():
    # Sunday and Monday training from a Monday start: Sunday's hinge would sit right before
    # the next Monday's.
    profile = make(training_days="mon|sun", weeks=12)
    days = hinge_days(build_plan(profile, LIB))
    assert days
    assert all((b - a).days >= 2 for a, b in itertools.pairwise(days))
    assert {WEEKDAYS[d.weekday()] for d in days} == {"mon"}


def test_fewer_heavy_days_when_training_days_are_back_to_back():
    profile = make(training_days="mon|tue", weeks=12)
    days = hinge_days(build_plan(profile, LIB))
    assert len(days) == 12 // 3 * 1  # one heavy day in each integrate week
    assert strength_pattern(profile, LIB) == ((0,), (0,))


def test_heavy_hinges_only_on_training_days():
    profile = make(training_days="tue|fri|sun", run_days="mon|wed|sat")
    days = hinge_days(build_plan(profile, LIB))
    assert {WEEKDAYS[d.weekday()] for d in days} <= {"tue", "fri", "sun"}


def test_stages_move_forward_and_exercises_wait_for_their_stage():
    plan = FULL_PLAN
    stage_by_week = plan.groupby("week")["stage"].agg(set)
    assert all(len(s) == 1 for s in stage_by_week)
    order = [next(iter(s)) for s in stage_by_week]
    assert order == ["activate"] * 3 + ["strengthen"] * 8 + ["integrate"] * 5
    for stage, exercise_id in zip(plan["stage"], plan["exercise_id"], strict=True):
        assert rules.stage_allows(INDEX[exercise_id], stage)


def test_obstacles_weight_the_choice():
    plain = build_plan(make(obstacles=""), LIB)
    tight = build_plan(make(obstacles="tight_hip_flexors:90"), LIB)
    assert rows_of(plain, "hip_flexor_stretch").empty
    assert set(rows_of(tight, "hip_flexor_stretch")["date"]) == set(
        tight.loc[tight["session"] == "activation", "date"]
    )
    weak = build_plan(make(obstacles="weak_unstable:90"), LIB)
    accessories = set(weak.loc[weak["session"] == "strength", "exercise_id"]) - set(
        plain.loc[plain["session"] == "strength", "exercise_id"]
    )
    assert accessories
    assert all("weak_unstable" in INDEX[a].obstacles for a in accessories)
    integrate = weak[(weak["stage"] == "integrate") & (weak["session"] == "strength")]
    assert (integrate["side"] != "both").any()


def test_untaught_skill_gives_more_squeeze_and_iso_march_practice():
    moves = {"glute_squeeze_prone", "glute_squeeze_standing", "wall_iso_march_slow"}
    moves |= {"wall_iso_march_fast"}

    def practice(plan: pd.DataFrame) -> float:
        block = plan[(plan["session"] == "activation") & plan["exercise_id"].isin(moves)]
        return block["minutes"].sum()

    plain = build_plan(make(obstacles="", run_days=""), LIB)
    untaught = build_plan(make(obstacles="untaught_skill:80", run_days=""), LIB)
    assert practice(untaught) > practice(plain)
    assert len(rows_of(untaught, "glute_squeeze_prone")) > len(
        rows_of(plain, "glute_squeeze_prone")
    )


def test_higher_scores_get_more_time():
    low = build_plan(make(obstacles="hamstring_dominance:10", weeks=2), LIB)
    high = build_plan(make(obstacles="hamstring_dominance:100", weeks=2), LIB)
    prone = "glute_squeeze_prone"  # the only base move that addresses hamstring dominance
    assert rows_of(high, prone)["minutes"].sum() > rows_of(low, prone)["minutes"].sum()


def test_only_the_runners_equipment_with_named_substitutes():
    plan = build_plan(make(equipment=""), LIB)
    for exercise_id in set(plan["exercise_id"]):
        assert set(INDEX[exercise_id].equipment) == {"none"}, exercise_id
    swapped = plan[plan["substituted_for"] != ""]
    pairs = set(zip(swapped["substituted_for"], swapped["exercise_id"], strict=True))
    assert ("trap_bar_deadlift", "single_leg_deadlift_bodyweight") in pairs
    assert {
        ("band_walk_knees", "side_lying_abduction"),
        ("band_walk_ankles", "side_lying_abduction"),
    } & pairs
    for original, done in pairs:
        assert rules.resolve_equipment(INDEX, original, frozenset({"none"})) == (done, original)
    everything = ",".join(sorted({e for ex in INDEX.exercises.values() for e in ex.equipment}))
    assert (build_plan(make(equipment=everything), LIB)["substituted_for"] == "").all()


def test_substitutes_respect_weekly_caps():
    # Without a mini band, daily band walks become side-lying abduction, capped at 3 a week.
    plan = build_plan(make(equipment="", obstacles=""), LIB)
    abduction = rows_of(plan, "side_lying_abduction")
    assert not abduction.empty
    assert abduction.groupby("week")["date"].nunique().max() <= 3


def test_a_beginners_lighter_week_is_lighter_too():
    plan = build_plan(make(level="beginner"), LIB)
    minutes = plan.groupby("week")["minutes"].sum()
    assert minutes[8] < minutes[7]
    assert minutes[8] < minutes[9]


@pytest.mark.parametrize("weeks", [7, 8, 9, 10, 12, 13, 16])
@pytest.mark.parametrize("level", ["beginner", "advanced"])
def test_a_lighter_week_brings_nothing_new_and_is_lighter_than_the_week_before(weeks, level):
    """A coach's check: no lift arrives in a lighter week, and it has less work than the last."""
    plan = build_plan(make(level=level, weeks=weeks, training_days="mon|wed|fri"), LIB)
    minutes = plan.groupby("week")["minutes"].sum()
    sets = plan[plan["session"] == "strength"].groupby("week")["sets"].sum()
    lighter = sorted(set(plan.loc[plan["lighter_week"] == "yes", "week"]))
    assert lighter, weeks
    for week in lighter:
        before = set(plan.loc[plan["week"] == week - 1, "exercise_id"])
        assert set(plan.loc[plan["week"] == week, "exercise_id"]) <= before, week
        assert minutes[week] < minutes[week - 1]
        assert sets[week] < sets[week - 1]


def test_lighter_weeks_have_fewer_sets_and_heavy_days():
    plan = build_plan(make(level="advanced"), LIB)
    lighter = plan[(plan["lighter_week"] == "yes") & (plan["session"] == "strength")]
    normal = plan[(plan["lighter_week"] == "no") & (plan["session"] == "strength")]
    assert set(plan.loc[plan["lighter_week"] == "yes", "week"]) == {8, 13}
    usual = normal.groupby(["exercise_id", "stage"])["sets"].max()
    for exercise_id, stage, sets in zip(
        lighter["exercise_id"], lighter["stage"], lighter["sets"], strict=True
    ):
        if (exercise_id, stage) in usual.index:
            assert sets == max(1, usual[(exercise_id, stage)] - 1)
    assert (normal["sets"] == 4).any()
    heavy = pd.Series([(d - MONDAY).days // 7 + 1 for d in hinge_days(plan)]).value_counts()
    assert heavy[13] == 2  # a lighter week of the integrate stage
    assert heavy[14] == 3
    assert "do not add" in lighter["load_guidance"].str.cat()


def test_pre_run_routine_on_every_run_day():
    plan = FULL_PLAN
    pre_run_days = set(plan.loc[plan["session"] == "pre_run", "date"])
    run_days = {
        MONDAY + timedelta(days=i)
        for i in range(16 * 7)
        if WEEKDAYS[(MONDAY + timedelta(days=i)).weekday()] in ("tue", "thu", "sat")
    }
    assert pre_run_days == run_days
    per_day = plan[plan["session"] == "pre_run"].groupby("date").size()
    assert per_day.max() <= rules.PRE_RUN_MAX_EXERCISES


def test_pre_run_only_goal_gives_only_the_pre_run_routine():
    profile = make(goal="pre_run_only", training_days="mon", run_days="wed|sun")
    plan = build_plan(profile, LIB)
    assert set(plan["session"]) == {"pre_run"}
    assert set(plan["weekday"]) == {"wed", "sun"}
    assert check_plan(plan, profile) == []


def test_per_side_doses_holds_and_rest_come_from_the_library():
    plan = FULL_PLAN
    for exercise_id, side in zip(plan["exercise_id"], plan["side"], strict=True):
        assert side == rules.side_for(INDEX[exercise_id].laterality)
    assert set(rows_of(plan, "single_leg_deadlift")["side"]) == {"each_side"}
    march = rows_of(plan, "wall_iso_march_slow")
    assert set(march["hold_s"]) == {2}
    assert march["sets"].isna().all()
    squeeze = rows_of(plan, "glute_squeeze_standing")
    assert squeeze[["sets", "reps_min", "reps_max", "hold_s", "rest_s"]].isna().all().all()
    assert (squeeze["minutes"] > 0).all()
    deadlift = rows_of(plan, "rack_deadlift")
    assert set(deadlift["rest_s"]) == {240}
    assert set(deadlift["substituted_for"]) == {"trap_bar_deadlift"}


@pytest.mark.parametrize(("level", "sets"), [("beginner", 2), ("intermediate", 3), ("advanced", 4)])
def test_level_picks_the_sets(level, sets):
    plan = build_plan(make(level=level, weeks=4), LIB)
    strength = plan[(plan["session"] == "strength") & (plan["lighter_week"] == "no")]
    assert set(strength["sets"]) == {sets}


def test_strength_minutes_are_the_documented_estimate():
    plan = FULL_PLAN
    for row in plan[plan["session"] == "strength"].itertuples():
        exercise = INDEX[row.exercise_id]
        dose = rules.Dose(
            *(None if pd.isna(v) else int(v) for v in (row.sets, row.reps_min, row.reps_max)),
            None if pd.isna(row.hold_s) else int(row.hold_s),
            None if pd.isna(row.rest_s) else int(row.rest_s),
        )
        assert row.minutes == rules.estimate_minutes(exercise, dose)


def test_hostile_names_go_into_the_plan_verbatim():
    name = '<img src=x onerror=alert(1)>=HYPERLINK("http://x")'
    plan = build_plan(make(athlete=name, weeks=1), LIB)
    assert set(plan["athlete"]) == {name}


# --- summaries ---


def test_daily_and_weekly_summaries_add_up():
    days = daily_minutes(FULL_PLAN)
    assert days["total"].sum() == pytest.approx(FULL_PLAN["minutes"].sum())
    assert len(days) == FULL_PLAN["date"].nunique()
    assert (days["activation"] == 15).all()
    weeks = weekly_summary(FULL_PLAN)
    assert list(weeks["week"]) == list(range(1, 17))
    assert (weeks["training_days"] == 7).all()
    assert (weeks["pre_run"] == 3).all()
    assert weeks["minutes"].sum() == pytest.approx(FULL_PLAN["minutes"].sum())
    assert daily_minutes(empty_plan()).empty
    assert weekly_summary(empty_plan()).empty


# --- check_plan catches edits ---


def _resorted(plan: pd.DataFrame) -> pd.DataFrame:
    plan = plan.assign(_s=plan["session"].map(SESSIONS.index))
    plan = plan.sort_values(["date", "_s", "order"], kind="stable").drop(columns="_s")
    return plan.reset_index(drop=True)


def _moved(row: pd.Series, day: date, order: int = 9) -> pd.Series:
    row = row.copy()
    row["date"] = day
    row["weekday"] = WEEKDAYS[day.weekday()]
    row["week"] = (day - MONDAY).days // 7 + 1
    row["order"] = order
    row["row_id"] = f"{day.isoformat()}-{row['session']}-{order}"
    return row


def _with_row(plan: pd.DataFrame, row: pd.Series) -> pd.DataFrame:
    extra = pd.DataFrame([row])[list(PLAN_COLUMNS)].astype(plan.dtypes.to_dict())
    return _resorted(pd.concat([plan, extra], ignore_index=True))


def _first(plan: pd.DataFrame, **where: object) -> int:
    mask = pd.Series(True, index=plan.index)
    for column, value in where.items():
        mask &= plan[column] == value
    return int(mask.idxmax()) if mask.any() else pytest.fail(f"no row with {where}")


def _caught(plan: pd.DataFrame, fragment: str, profile: Profile | None = FULL) -> None:
    messages = check_plan(plan, profile, LIB)
    assert any(fragment in m for m in messages), messages


def test_the_unedited_plan_passes():
    assert check_plan(FULL_PLAN, FULL, LIB) == []


def test_check_catches_column_problems():
    _caught(FULL_PLAN.drop(columns="cues"), "lacks the column(s): cues")
    _caught(FULL_PLAN.assign(extra=1), "unexpected column(s): extra")
    _caught(FULL_PLAN[list(reversed(PLAN_COLUMNS))], "not in the expected order")
    _caught(FULL_PLAN.assign(date=FULL_PLAN["date"].map(str)), "must be a date")


def test_check_catches_activation_minutes_out_of_range():
    plan = FULL_PLAN.copy()
    plan.loc[_first(plan, session="activation"), "minutes"] += 10.0
    _caught(plan, "it must be 10 to 20")
    plan = FULL_PLAN.copy()
    rows = plan.index[(plan["session"] == "activation") & (plan["date"] == MONDAY)]
    plan.loc[rows[0], "minutes"] += 0.5
    _caught(plan, "not the profile's 15")


def test_check_catches_heavy_hinges_on_consecutive_days_across_weeks():
    days = hinge_days(FULL_PLAN)
    monday = next(d for d in days if d.weekday() == 0 and d > days[0])
    hinge = FULL_PLAN.loc[_first(FULL_PLAN, date=monday, exercise_id="rack_deadlift")]
    sunday = monday - timedelta(days=1)
    plan = _with_row(FULL_PLAN, _moved(hinge, sunday))
    _caught(plan, f"Heavy hinge days {sunday} and {monday} are too close")
    _caught(plan, "heavy hinges on 4 days; at most 3 a week")


def test_check_catches_integrate_before_strengthen():
    plan = FULL_PLAN.copy()
    plan.loc[plan["week"] == 2, "stage"] = "integrate"
    _caught(plan, "Week 2 starts the integrate stage before any strengthen week")
    _caught(plan, "Week 3 goes back to the activate stage")
    plan = FULL_PLAN.copy()
    plan.loc[plan["week"] == 1, "stage"] = "strengthen"
    _caught(plan, "Week 1 starts the strengthen stage before any activate week")


def test_check_catches_an_exercise_before_its_stage():
    plan = FULL_PLAN.copy()
    row = _first(plan, week=1, exercise_id="wall_iso_march_slow", session="activation")
    plan.loc[row, ["exercise_id", "exercise_name"]] = [
        "wall_iso_march_fast",
        INDEX["wall_iso_march_fast"].name,
    ]
    _caught(plan, "belongs to the integrate stage, but this week is still activate")


def test_check_catches_a_one_sided_exercise_without_each_side():
    plan = FULL_PLAN.copy()
    plan.loc[_first(plan, exercise_id="single_leg_deadlift"), "side"] = "both"
    _caught(plan, "one-sided exercise: its dose is per side, so side must be each_side")


def test_check_catches_a_missing_lighter_week():
    # weeks 1-3 are the activate stage (no strength days): the loading weeks start at 4
    plan = FULL_PLAN.assign(lighter_week="no")
    _caught(plan, "Weeks 4-9: more than 5 loading weeks in a row")
    plan = FULL_PLAN.copy()
    plan.loc[plan["week"] == 5, "lighter_week"] = "yes"
    _caught(plan, "Lighter weeks 5 and 8 are too close")
    plan = FULL_PLAN.copy()
    plan.loc[_first(plan, week=8), "lighter_week"] = "no"
    _caught(plan, "Week 8 is marked both lighter and not lighter")


def _with_lighter_weeks(plan: pd.DataFrame, weeks: set[int]) -> pd.DataFrame:
    return plan.assign(lighter_week=plan["week"].isin(weeks).map({True: "yes", False: "no"}))


def test_check_counts_loading_weeks_from_the_strengthen_stage():
    assert set(FULL_PLAN.loc[FULL_PLAN["stage"] == "activate", "week"]) == {1, 2, 3}
    # five loading weeks (4-8) before the first lighter one: accepted
    assert not [
        m
        for m in check_plan(_with_lighter_weeks(FULL_PLAN, {9, 14}), library=LIB)
        if "loading weeks" in m
    ]
    # six (4-9): one too many, though only three of them follow week 3
    messages = check_plan(_with_lighter_weeks(FULL_PLAN, {10, 15}), library=LIB)
    assert "Weeks 4-9: more than 5 loading weeks in a row" in " ".join(messages)


def test_check_catches_extra_sets_in_a_lighter_week():
    plan = FULL_PLAN.copy()
    row = _first(plan, week=8, session="strength", exercise_id="glute_bridge")
    usual = plan.loc[(plan["exercise_id"] == "glute_bridge") & (plan["week"] == 7), "sets"].max()
    plan.loc[row, "sets"] = usual
    _caught(plan, f"in a lighter week; use fewer than a normal week (at most {usual - 1})")


def test_check_catches_a_missing_pre_run_routine():
    tuesday = MONDAY + timedelta(days=8)
    plan = FULL_PLAN[~((FULL_PLAN["date"] == tuesday) & (FULL_PLAN["session"] == "pre_run"))]
    _caught(plan.reset_index(drop=True), f"{tuesday} is a run day without the pre-run routine")


def test_check_catches_a_missing_activation_block_and_stray_days():
    plan = FULL_PLAN[~((FULL_PLAN["date"] == MONDAY) & (FULL_PLAN["session"] == "activation"))]
    _caught(plan.reset_index(drop=True), f"{MONDAY} is a training day without the activation")
    few = make(training_days="mon|wed", run_days="fri", weeks=4)
    row = build_plan(few, LIB).iloc[0]
    plan = _with_row(build_plan(few, LIB), _moved(row, MONDAY + timedelta(days=1)))
    _caught(plan, "is neither a training day nor a run day", few)
    _caught(_with_row(FULL_PLAN, _moved(row, MONDAY + timedelta(days=200))), "outside", FULL)


def test_check_catches_more_than_pre_run_for_a_pre_run_only_goal():
    profile = make(goal="pre_run_only", run_days="sat")
    _caught(FULL_PLAN, "the goal is a pre-run routine only", profile)


def test_check_catches_duplicate_row_ids():
    plan = _resorted(pd.concat([FULL_PLAN, FULL_PLAN.iloc[[3]]], ignore_index=True))
    _caught(plan, f"the row id {FULL_PLAN.loc[3, 'row_id']} is used twice")


def test_check_catches_missing_equipment_and_wrong_substitutes():
    plan = FULL_PLAN.copy()
    row = _first(plan, exercise_id="rack_deadlift")
    plan.loc[row, ["exercise_id", "exercise_name", "substituted_for"]] = [
        "trap_bar_deadlift",
        INDEX["trap_bar_deadlift"].name,
        "",
    ]
    _caught(plan, "needs trap_bar, which the runner does not have")
    plan = FULL_PLAN.copy()
    plan.loc[_first(plan, exercise_id="clamshell"), "substituted_for"] = "hip_thrust"
    _caught(plan, "Clamshell is not the library's substitute for Barbell hip thrust")
    plan.loc[_first(plan, exercise_id="glute_bridge"), "substituted_for"] = "clamshell"
    _caught(plan, "but the runner has the equipment for it")
    plan.loc[_first(plan, exercise_id="glute_bridge"), "substituted_for"] = "nothing_here"
    _caught(plan, "substituted_for names no exercise")


def test_check_catches_doses_the_library_does_not_give():
    plan = FULL_PLAN.copy()
    plan.loc[_first(plan, exercise_id="glute_bridge"), "sets"] = 9
    _caught(plan, "sets 9 is outside the library's 2-4 for Glute bridge")
    plan = FULL_PLAN.copy()
    plan.loc[_first(plan, exercise_id="glute_squeeze_prone"), "sets"] = 2
    _caught(plan, "the library gives no sets for")
    plan = FULL_PLAN.copy()
    row = _first(plan, exercise_id="glute_bridge")
    plan.loc[row, ["reps_min", "reps_max"]] = [12, 8]
    _caught(plan, "reps_min is larger than reps_max")


def test_check_catches_weekly_caps():
    plan = FULL_PLAN
    clam = plan.loc[_first(plan, session="strength", exercise_id="clamshell")]
    week_days = set(plan.loc[(plan["exercise_id"] == "clamshell"), "date"])
    spare = next(
        clam["date"] + timedelta(days=i)
        for i in range(1, 7)
        if clam["date"] + timedelta(days=i) not in week_days
        and (clam["date"] + timedelta(days=i) - MONDAY).days // 7 + 1 == clam["week"]
    )
    _caught(_with_row(plan, _moved(clam, spare)), "Clamshell is on 4 days")


def test_check_catches_bookkeeping_errors():
    plan = FULL_PLAN.copy()
    plan.loc[0, "weekday"] = "fri"
    _caught(plan, "is not a fri")
    plan = FULL_PLAN.copy()
    plan.loc[0, "row_id"] = "x"
    _caught(plan, "the row id should be")
    _caught(FULL_PLAN.iloc[::-1].reset_index(drop=True), "sorted by date, session and order")
    plan = FULL_PLAN.copy()
    plan.loc[0, "week"] = 2
    _caught(plan, "is in week 1, not week 2")
    plan = FULL_PLAN.copy()
    plan.loc[0, "minutes"] = 500.0
    _caught(plan, "minutes must be a number from 0 to 120")
    plan = FULL_PLAN.copy()
    plan.loc[0, "exercise_id"] = "moonwalk"
    _caught(plan, "moonwalk is not in the exercise library")
    plan = FULL_PLAN.copy()
    plan.loc[0, "exercise_name"] = "Something else"
    _caught(plan, "in the library")
    plan = FULL_PLAN.copy()
    plan.loc[0, "athlete"] = "Bo"
    _caught(plan, "athlete's name differs")
    _caught(FULL_PLAN.assign(units="lb"), "units must be kg")
    plan = FULL_PLAN.copy()
    plan.loc[0, "session"] = "nap"
    _caught(plan, "unknown session 'nap'")
    plan = FULL_PLAN.copy()
    plan.loc[plan["week"] == 1, "week"] = 9
    _caught(plan, "Week 9 mixes stages", None)


# --- notes: where the runner's days keep a sound plan below its sources ---


def test_one_training_day_notes_the_weekly_deadlifts_below_arsenault() -> None:
    plan = build_plan(make(training_days="wed"), LIB)
    assert check_plan(plan) == []  # a sound plan, only below the articles' frequency
    notes = plan_notes(plan)
    assert len(notes) == 1  # the lifts with the same shortfall share one note
    assert notes[0].startswith("Barbell deadlift from a rack and Single-leg deadlift")
    assert "come once a week in this plan, and Arsenault gives 2 to 3 times a week" in notes[0]


def test_enough_training_days_and_lighter_weeks_give_no_note() -> None:
    assert plan_notes(FULL_PLAN) == []
    # lighter weeks may drop a heavy day by design: they never count as short
    assert plan_notes(build_plan(make(training_days="mon|wed|fri"), LIB)) == []


def test_a_plan_without_heavy_lifts_has_no_note() -> None:
    plan = build_plan(make(training_days="wed", weeks=4), LIB)
    assert not plan["exercise_id"].isin(INDEX.heavy_hinges).any()
    assert plan_notes(plan) == []


def _strength_weekdays(plan: pd.DataFrame) -> set[str]:
    lifts = plan["exercise_id"].map(lambda e: not INDEX[e].daily)
    return set(plan.loc[lifts, "weekday"])


def test_strength_days_keep_off_the_day_before_a_long_run_when_they_can() -> None:
    days = {"level": "beginner", "training_days": "mon|wed|thu|fri", "run_days": "tue|fri|sun"}
    assert _strength_weekdays(build_plan(make(**days), LIB)) == {"mon", "thu"}
    # a long run on Friday: Thursday is its eve, so the lifts move to Friday itself
    profile = make(**days, key_run_days="fri")
    plan = build_plan(profile, LIB)
    assert _strength_weekdays(plan) == {"mon", "fri"}
    assert check_plan(plan, profile) == []
    assert strength_before_key_runs(plan, profile) == []
    assert plan_notes(plan, profile=profile) == []


def test_a_strength_day_before_a_long_run_is_kept_when_nothing_else_fits_and_noted() -> None:
    # three strength days with a day off between: Monday, Wednesday and Friday only
    profile = make(training_days="mon|wed|fri", run_days="tue|sat", key_run_days="sat")
    plan = build_plan(profile, LIB)
    assert _strength_weekdays(plan) == {"mon", "wed", "fri"}
    assert strength_before_key_runs(plan, profile) == [("fri", "sat")]
    assert plan_notes(plan, profile=profile) == [
        "Friday is a strength day, the day before your long or hard run on Saturday: your "
        "training days leave no other way to space the week's strength days. To keep your "
        "legs fresh for that run, make another day a training day in place of Friday, if "
        "you can."
    ]
    assert plan_notes(plan) == []  # without the profile, nothing is known of key runs


def test_a_long_run_changes_nothing_else_in_the_plan() -> None:
    # the day before the long run (Saturday) is a training day but no strength day
    days = {"training_days": "mon|wed|fri|sat", "run_days": "tue|sun"}
    base, with_key = make(**days), make(**days, key_run_days="sun")
    assert _strength_weekdays(build_plan(base, LIB)) == {"mon", "wed", "fri"}
    pd.testing.assert_frame_equal(build_plan(base, LIB), build_plan(with_key, LIB))


# --- progression without a load: the next variation, one the runner can do ---


def test_strength_moves_without_a_load_name_a_harder_variation_the_runner_can_do() -> None:
    profile = make(equipment="mini_band|wall|box", obstacles="weak_unstable:60")
    plan = build_plan(profile, LIB)
    strength = plan[(plan["session"] == "strength") & (plan["lighter_week"] == "no")]
    guidance = dict(zip(strength["exercise_id"], strength["load_guidance"], strict=False))
    assert "move on to Single-leg glute bridge." in guidance["glute_bridge"]
    names = {e.name: e for e in INDEX.exercises.values()}
    for text in strength["load_guidance"]:
        if "move on to " in text:
            named = names[text.split("move on to ", 1)[1].rstrip(".")]
            assert set(named.equipment) <= profile.available_equipment, text
    lighter = plan[(plan["session"] == "strength") & (plan["lighter_week"] == "yes")]
    assert not lighter["load_guidance"].str.contains("move on").any()
    others = plan[plan["session"] != "strength"]
    assert not others["load_guidance"].str.contains("move on").any()


@pytest.mark.parametrize("goal", ["full_programme", "pre_run_only"])
def test_a_plan_without_a_wall_says_what_the_wall_would_add(goal: str) -> None:
    without = plan_notes(build_plan(make(equipment="mini_band|dumbbell", goal=goal), LIB))
    assert any(n.startswith("Without a wall, the plan leaves out") for n in without)
    with_wall = plan_notes(build_plan(make(equipment="mini_band|wall", goal=goal), LIB))
    assert not any("wall" in n for n in with_wall)
