"""Each rule of the plan builder on its own."""

from __future__ import annotations

import inspect
import itertools
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gluteutils import plan_rules as rules
from gluteutils.exercises import load_exercises
from gluteutils.library import load_table
from gluteutils.plan_rules import Dose, LibraryIndex

LIB = rules.library_index(load_exercises())
NOTHING = frozenset({"none"})
EVERYTHING = frozenset(e for ex in LIB.exercises.values() for e in ex.equipment)


def ids(exercises):
    return [e.exercise_id for e in exercises]


# --- sources ---


RULES = (
    rules.stage_lengths,
    rules.lighter_weeks,
    rules.strength_day_pattern,
    rules.pick_in_range,
    rules.strength_days_per_week,
    rules.dose_for,
    rules.side_for,
    rules.split_minutes,
    rules.obstacle_weight,
    rules.resolve_equipment,
    rules.harder_variant,
    rules.activation_exercises,
    rules.daily_strength_exercises,
    rules.heavy_hinge_exercises,
    rules.accessory_exercises,
    rules.pre_run_exercises,
    rules.load_guidance,
)


@pytest.mark.parametrize("rule", RULES, ids=lambda f: f.__name__)
def test_every_rule_cites_a_source_that_exists(rule):
    known = set(load_table("sources")["source_id"])
    doc = inspect.getdoc(rule) or ""
    quoted = set(re.findall(r"``([a-z0-9_]+)``", doc))
    assert quoted & known, f"{rule.__name__} cites no source id"
    # Anything that looks like a citation (name_year) must exist.
    assert {q for q in quoted if re.search(r"_\d{4}$", q)} <= known


def test_planning_constants_are_labelled_in_their_docs():
    estimate = inspect.getdoc(rules.estimate_minutes) or ""
    assert "estimate" in estimate
    assert "planning choice" in (inspect.getdoc(rules.stage_lengths) or "")


# --- stages and lighter weeks ---


@pytest.mark.parametrize("weeks", range(1, 17))
def test_stage_lengths_add_up_and_keep_the_order(weeks):
    activate, strengthen, integrate = rules.stage_lengths(weeks)
    assert activate + strengthen + integrate == weeks
    assert activate >= 1
    assert integrate == 0 or strengthen >= 2  # never integrate straight after activating
    stages = [rules.stage_of_week(w, weeks) for w in range(1, weeks + 1)]
    assert stages == sorted(stages, key=("activate", "strengthen", "integrate").index)
    assert stages.count("activate") == activate
    assert stages.count("integrate") == integrate


def test_stage_lengths_examples():
    assert rules.stage_lengths(1) == (1, 0, 0)
    assert rules.stage_lengths(2) == (2, 0, 0)
    assert rules.stage_lengths(3) == (1, 2, 0)
    assert rules.stage_lengths(6) == (2, 2, 2)
    assert rules.stage_lengths(12) == (3, 5, 4)


def test_a_lighter_week_every_four_to_six_weeks():
    assert rules.lighter_weeks(16) == (8, 13)
    assert rules.lighter_weeks(12) == (8,)
    # 8 weeks: week 7 would open the integrate stage, so the lighter week is week 8
    assert rules.lighter_weeks(8) == (8,)
    assert [w for w in range(1, 17) if rules.is_lighter_week(w, 16)] == [8, 13]
    assert rules.MAX_LOADING_RUN == 5


@pytest.mark.parametrize("weeks", range(1, 17))
def test_lighter_weeks_follow_four_loading_weeks_at_any_length(weeks):
    """Activate weeks have no strength days: they neither load nor count towards a lighter week."""
    stages = [rules.stage_of_week(w, weeks) for w in range(1, weeks + 1)]
    lighter = rules.lighter_weeks(weeks)
    assert all(stages[w - 1] != "activate" for w in lighter)
    # a lighter week never opens a stage: the new stage's lifts would make it heavier
    assert all(w > 1 and stages[w - 2] == stages[w - 1] for w in lighter)
    loading = [w for w in range(1, weeks + 1) if stages[w - 1] != "activate" and w not in lighter]
    for week in lighter:
        before = len(list(itertools.takewhile(lambda w: w in loading, range(week - 1, 0, -1))))
        # four loading weeks before it; five only when the fifth one opened a stage
        assert before in (4, 5), (week, before)
        if before == 5:
            assert stages[week - 2] != stages[week - 3], week
    runs = [
        len(list(g)) for k, g in itertools.groupby(range(1, weeks + 1), lambda w: w in loading) if k
    ]
    assert max(runs, default=0) <= rules.MAX_LOADING_RUN


# --- strength days ---


def _valid(chosen, min_gap):
    if len(chosen) < 2:
        return True
    gaps = [b - a for a, b in itertools.pairwise(chosen)] + [chosen[0] + 7 - chosen[-1]]
    return min(gaps) >= min_gap


def test_strength_days_spread_over_the_week():
    assert rules.strength_day_pattern(range(7), 3, 2) == (0, 2, 4)
    assert rules.strength_day_pattern(range(7), 2, 2) == (0, 3)
    assert rules.strength_day_pattern((0, 1, 2, 3), 3, 2) == (0, 3)  # widest of the pairs
    assert rules.strength_day_pattern((0, 1), 3, 2) == (0,)
    assert rules.strength_day_pattern((3,), 3, 2) == (3,)
    assert rules.strength_day_pattern((), 3, 2) == ()
    assert rules.strength_day_pattern(range(7), 0, 2) == ()


def test_day_off_rule_holds_across_the_week_boundary():
    # A plan starting on Monday with Monday and Sunday training days: Sunday is followed by
    # next week's Monday, so only one of them may be a heavy day.
    assert rules.strength_day_pattern((0, 6), 2, 2) == (0,)
    # Saturday, Sunday and Wednesday from a Monday start: Sat+Sun are back to back.
    assert rules.strength_day_pattern((2, 5, 6), 3, 2) == (2, 5)


@given(st.sets(st.integers(0, 6), min_size=1), st.integers(1, 3), st.integers(1, 3))
def test_strength_day_pattern_is_valid_and_as_large_as_possible(offsets, count, min_gap):
    chosen = rules.strength_day_pattern(offsets, count, min_gap)
    assert set(chosen) <= offsets
    assert list(chosen) == sorted(chosen)
    assert 1 <= len(chosen) <= count
    assert _valid(chosen, min_gap)
    bigger = [
        c
        for c in itertools.combinations(sorted(offsets), min(count, len(offsets)))
        if _valid(c, min_gap)
    ]
    if bigger:
        assert len(chosen) == min(count, len(offsets))


def test_strength_days_per_week_by_level_and_lighter_week():
    assert rules.strength_days_per_week("beginner", False, 2, 3) == 2
    assert rules.strength_days_per_week("intermediate", False, 2, 3) == 3
    assert rules.strength_days_per_week("advanced", False, 2, 3) == 3
    assert rules.strength_days_per_week("advanced", True, 2, 3) == 2


# --- dose and time ---


def test_pick_in_range():
    assert [rules.pick_in_range(lvl, 2, 4) for lvl in rules.LEVEL_ORDER] == [2, 3, 4]
    assert [rules.pick_in_range(lvl, 180, 300) for lvl in rules.LEVEL_ORDER] == [180, 240, 300]
    assert rules.pick_in_range("intermediate", 1.0, 3.0) == 2
    assert rules.pick_in_range("intermediate", 2, 3) == 3  # half rounds up
    assert rules.pick_in_range("beginner", None, 7) == 7
    assert rules.pick_in_range("advanced", 5, None) == 5
    assert rules.pick_in_range("beginner", None, None) is None


def test_dose_comes_only_from_the_library():
    bridge = LIB["glute_bridge"]
    assert rules.dose_for(bridge, "beginner") == Dose(2, 8, 12, 1, None)
    assert rules.dose_for(bridge, "advanced") == Dose(4, 8, 12, 3, None)
    assert rules.dose_for(bridge, "advanced", lighter=True).sets == 3
    assert rules.dose_for(bridge, "beginner", lighter=True).sets == 1
    assert rules.dose_for(bridge, "advanced", short=True).sets == 2
    deadlift = rules.dose_for(LIB["trap_bar_deadlift"], "intermediate")
    assert deadlift == Dose(3, 4, 8, None, 240)
    squeeze = rules.dose_for(LIB["glute_squeeze_prone"], "advanced")
    assert squeeze == Dose(None, None, None, None, None)
    assert squeeze.timed_only
    assert rules.dose_for(LIB["a_skip"], "advanced").timed_only
    stretch = rules.dose_for(LIB["hip_flexor_stretch"], "advanced")
    assert (stretch.sets, stretch.hold_s, stretch.reps_max) == (4, 30, None)


@pytest.mark.parametrize(
    ("laterality", "side"),
    [("unilateral", "each_side"), ("alternating", "alternating"), ("bilateral", "both")],
)
def test_side_for(laterality, side):
    assert rules.side_for(laterality) == side


def test_every_one_sided_library_exercise_is_dosed_per_side():
    for exercise in LIB.exercises.values():
        if exercise.laterality == "unilateral":
            assert rules.side_for(exercise.laterality) == "each_side"


def test_estimate_minutes():
    # 4 x 8 reps at 4 s + 3 rests of 300 s = 1028 s = 17.1 min -> 17.5
    assert rules.estimate_minutes(LIB["trap_bar_deadlift"], Dose(4, 4, 8, None, 300)) == 17.5
    # per side: 2 x 10 x 2 sides x 4 s = 160 s -> 3.0
    assert rules.estimate_minutes(LIB["single_leg_deadlift"], Dose(2, 6, 10, None, None)) == 3.0
    # band walks: 2 x 20 steps each way x 1 s = 80 s -> 1.5
    assert rules.estimate_minutes(LIB["band_walk_knees"], Dose(2, 15, 20, None, None)) == 1.5
    # stretch: 2 x 30 s x 2 sides = 120 s
    assert rules.estimate_minutes(LIB["hip_flexor_stretch"], Dose(2, None, None, 30, None)) == 2.0
    assert rules.round_up_minutes(0.01) == 0.5


def test_estimate_minutes_is_none_without_a_set_count():
    squeeze = LIB["glute_squeeze_prone"]
    assert rules.estimate_minutes(squeeze, rules.dose_for(squeeze, "advanced")) is None


def test_split_minutes_adds_up_exactly_and_follows_the_weights():
    split = rules.split_minutes(15, [1.0, 1.0, 2.0], [None, None, None])
    assert sum(split) == 15
    assert split[2] > split[0]
    split = rules.split_minutes(10, [1.0, 1.5, 1.0], [None, None, 3.5])
    assert split[2] == 3.5
    assert sum(split) == 10
    assert split[1] > split[0]
    assert all(m >= rules.TIMEBOX_MIN_MINUTES for m in split)
    assert all((m / rules.MINUTE_STEP).is_integer() for m in split)


def test_split_minutes_refuses_when_the_fixed_part_leaves_too_little():
    assert rules.split_minutes(10, [1.0, 1.0], [None, 9.5]) is None
    assert rules.split_minutes(10, [1.0], [3.0]) is None


@given(
    st.integers(10, 20),
    st.lists(st.floats(1, 5), min_size=1, max_size=6),
)
def test_split_minutes_property(total, weights):
    split = rules.split_minutes(total, weights, [None] * len(weights))
    assert split is not None
    assert sum(split) == total
    heavier = max(range(len(weights)), key=weights.__getitem__)
    lighter = min(range(len(weights)), key=weights.__getitem__)
    assert split[heavier] >= split[lighter] - rules.MINUTE_STEP


# --- choosing exercises ---


def test_obstacle_weight_and_tie_breaks():
    stretch = LIB["hip_flexor_stretch"]
    assert rules.obstacle_weight(stretch, {}) == 0
    assert rules.obstacle_weight(stretch, {"tight_hip_flexors": 80}) == 0.8
    assert rules.obstacle_weight(stretch, {"tight_hip_flexors": 80, "bouncing": 90}) == 0.8
    ranked = rules.rank_by_weight([LIB["side_lying_abduction"], LIB["clamshell"]], {})
    assert ids(ranked) == ["clamshell", "side_lying_abduction"]  # library order on ties


def test_resolve_equipment_follows_the_substitute_chain():
    assert rules.resolve_equipment(LIB, "trap_bar_deadlift", EVERYTHING) == (
        "trap_bar_deadlift",
        "",
    )
    assert rules.resolve_equipment(LIB, "trap_bar_deadlift", frozenset({"none", "barbell", "rack"}))
    assert rules.resolve_equipment(
        LIB, "trap_bar_deadlift", frozenset({"none", "barbell", "rack"})
    ) == ("rack_deadlift", "trap_bar_deadlift")
    assert rules.resolve_equipment(LIB, "trap_bar_deadlift", frozenset({"none", "dumbbell"})) == (
        "single_leg_deadlift",
        "trap_bar_deadlift",
    )
    assert rules.resolve_equipment(LIB, "trap_bar_deadlift", NOTHING) == (
        "single_leg_deadlift_bodyweight",
        "trap_bar_deadlift",
    )
    assert rules.resolve_equipment(LIB, "band_walk_knees", NOTHING) == (
        "side_lying_abduction",
        "band_walk_knees",
    )


def test_resolve_equipment_gives_nothing_when_the_chain_ends():
    broken = LibraryIndex(
        {**LIB.exercises, "band_walk_knees": replace(LIB["band_walk_knees"], substitute="")}
    )
    assert rules.resolve_equipment(broken, "band_walk_knees", NOTHING) == ("", "")


def test_harder_variant_respects_level():
    bridge = LIB["glute_bridge"]
    assert rules.harder_variant(LIB, bridge, "intermediate", "integrate").exercise_id == (
        "single_leg_glute_bridge"
    )
    assert rules.harder_variant(LIB, bridge, "beginner", "integrate").exercise_id == (
        "bridge_hip_abduction"
    )
    march = LIB["wall_iso_march_slow"]
    assert rules.harder_variant(LIB, march, "intermediate", "integrate").exercise_id == (
        "wall_iso_march_fast"
    )
    assert rules.harder_variant(LIB, march, "intermediate", "strengthen") is None


def test_activation_follows_the_progression():
    base, extras = rules.activation_exercises(LIB, "activate", "beginner", {})
    assert ids(base) == ["glute_squeeze_prone", "glute_squeeze_standing", "wall_iso_march_slow"]
    assert extras == []
    base, _ = rules.activation_exercises(LIB, "strengthen", "beginner", {})
    assert ids(base) == ["glute_squeeze_standing", "wall_iso_march_slow"]
    base, _ = rules.activation_exercises(LIB, "integrate", "intermediate", {})
    assert ids(base) == ["glute_squeeze_standing", "wall_iso_march_fast"]
    base, _ = rules.activation_exercises(LIB, "integrate", "beginner", {})
    assert ids(base) == ["glute_squeeze_standing", "wall_iso_march_slow"]


def test_untaught_skill_keeps_more_squeeze_and_march_practice():
    plain, _ = rules.activation_exercises(LIB, "integrate", "intermediate", {})
    more, _ = rules.activation_exercises(LIB, "integrate", "intermediate", {"untaught_skill": 60})
    assert set(ids(plain)) < set(ids(more))
    assert {"glute_squeeze_prone", "wall_iso_march_slow"} <= set(ids(more))


def test_tight_hip_flexors_add_the_hip_flexor_stretch():
    _, extras = rules.activation_exercises(LIB, "activate", "beginner", {"tight_hip_flexors": 70})
    assert ids(extras) == ["hip_flexor_stretch"]
    _, extras = rules.activation_exercises(
        LIB, "activate", "beginner", {"tight_hip_flexors": 10, "prolonged_sitting": 90}
    )
    assert ids(extras) == ["hip_flexor_stretch", "donkey_kick"]  # higher score first
    # No source links an exercise to heel-raised shoes, so they bring no extras.
    _, extras = rules.activation_exercises(LIB, "activate", "beginner", {"heel_raised_shoes": 90})
    assert extras == []


def test_daily_strength_starts_after_activation_and_progresses():
    assert rules.daily_strength_exercises(LIB, "activate", "advanced") == []
    assert ids(rules.daily_strength_exercises(LIB, "strengthen", "beginner")) == [
        "wall_iso_march_slow",
        "glute_bridge",
        "band_walk_knees",
    ]
    assert ids(rules.daily_strength_exercises(LIB, "integrate", "intermediate")) == [
        "wall_iso_march_fast",
        "single_leg_glute_bridge",
        "band_walk_ankles",
    ]
    assert all(e.daily for e in rules.daily_strength_exercises(LIB, "integrate", "advanced"))


def test_heavy_hinges_only_when_integrating():
    assert rules.heavy_hinge_exercises(LIB, "strengthen") == []
    hinges = rules.heavy_hinge_exercises(LIB, "integrate")
    assert ids(hinges) == ["trap_bar_deadlift", "single_leg_deadlift"]
    assert all(h.rest_days_between == 1 for h in hinges)
    assert {h.exercise_id for h in hinges} <= LIB.heavy_hinges


def test_accessories_follow_the_obstacles():
    assert rules.accessory_exercises(LIB, "strengthen", "advanced", {}) == []
    assert rules.accessory_exercises(LIB, "activate", "advanced", {"weak_unstable": 90}) == []
    picked = rules.accessory_exercises(LIB, "strengthen", "beginner", {"weak_unstable": 90})
    assert picked
    assert all("weak_unstable" in e.obstacles for e in picked)
    assert all(e.level == "beginner" for e in picked)
    assert not {e.exercise_id for e in picked} & LIB.heavy_hinges
    strong = rules.accessory_exercises(
        LIB, "strengthen", "intermediate", {"weak_unstable": 20, "skipping_strength_work": 90}
    )
    assert "skipping_strength_work" in strong[0].obstacles
    single = rules.accessory_exercises(LIB, "integrate", "advanced", {"weak_unstable": 90})
    assert single
    assert all(e.laterality != "bilateral" for e in single)


def test_pre_run_routine_is_short_and_follows_stage_and_level():
    for stage in ("activate", "strengthen", "integrate"):
        for level in rules.LEVEL_ORDER:
            routine = rules.pre_run_exercises(LIB, stage, level, {})
            assert 1 <= len(routine) <= rules.PRE_RUN_MAX_EXERCISES
            assert all(rules.stage_allows(e, stage) for e in routine)
            assert all(rules.level_allows(e, level) for e in routine)
            assert all("pre_run" in e.routines or e.stage == "integrate" for e in routine)
    assert ids(rules.pre_run_exercises(LIB, "activate", "beginner", {})) == [
        "glute_squeeze_standing",
        "wall_iso_march_slow",
    ]
    drills = rules.pre_run_exercises(LIB, "integrate", "intermediate", {})
    assert {"a_skip", "b_skip", "wall_iso_march_fast"} <= set(ids(drills))


def test_load_guidance():
    deadlift = LIB["trap_bar_deadlift"]
    dose = Dose(3, 4, 8, None, 240)
    assert "in lb" in rules.load_guidance(deadlift, dose, "lb", lighter=False)
    heavy = rules.load_guidance(deadlift, dose, "kg", lighter=False)
    assert "8 good repetitions" in heavy
    # which "1-2 more": the top of the range, and learn the lift light first
    assert "once you can do 1-2 more than 8 (ACSM)" in heavy
    assert "start light while you learn the lift" in heavy
    lighter = rules.load_guidance(deadlift, dose, "kg", lighter=True)
    assert lighter == "Lighter week: keep last week's load in kg; do not add any."
    assert rules.load_guidance(LIB["band_walk_knees"], Dose(2, 15, 20, None, None), "kg", False)
    squeeze = LIB["glute_squeeze_prone"]
    assert rules.load_guidance(squeeze, rules.dose_for(squeeze, "beginner"), "kg", False) == ""


def test_load_guidance_says_when_to_move_on_without_a_load() -> None:
    bridge, walk = LIB["glute_bridge"], LIB["band_walk_knees"]
    dose = Dose(3, 8, 12, 1, None)
    harder = rules.load_guidance(bridge, dose, "kg", False, "Single-leg glute bridge")
    assert harder == (
        "Body weight. Once 12 repetitions come easily on every set, "
        "move on to Single-leg glute bridge."
    )
    steps = rules.load_guidance(walk, Dose(3, 15, 20, None, None), "kg", False, "Band walks")
    assert steps.endswith("Once 20 steps each way come easily on every set, move on to Band walks.")
    # not in a lighter week, not without a variation, and a loaded lift adds load instead
    assert (
        rules.load_guidance(bridge, dose, "kg", True, "Single-leg glute bridge") == "Body weight."
    )
    assert rules.load_guidance(bridge, dose, "kg", False) == "Body weight."
    deadlift = rules.load_guidance(
        LIB["trap_bar_deadlift"], Dose(3, 4, 8, None, 240), "kg", False, "X"
    )
    assert "move on" not in deadlift
