"""Tests of the exercise library: the data file, the pure functions and the EMG figure."""

from __future__ import annotations

import pandas as pd
import pytest

from gluteutils import DataValidationError, check_references, load_all, load_table
from gluteutils.display import figure_png
from gluteutils.exercise_figures import EMG_FIGURE_CAPTION, emg_figure, emg_figure_alt
from gluteutils.exercises import (
    ACTION_PLAN,
    action_plan,
    dosage_text,
    emg_table,
    exercise_card,
    filter_exercises,
    library_table,
    routine,
    stage_summary,
    substitute_for,
)
from gluteutils.library import data_dir
from gluteutils.schema import (
    EQUIPMENT,
    EXERCISE_CATEGORIES,
    EXERCISE_LEVELS,
    EXERCISE_STAGES,
    EXERCISES,
    LATERALITY,
    MEASURES,
    MUSCLE_IDS,
    OBSTACLE_IDS,
    ROUTINES,
)

#: Every exercise the five articles name, by our id.
ARTICLE_EXERCISES = {
    "glute_squeeze_prone",
    "glute_squeeze_standing",
    "wall_iso_march_slow",
    "wall_iso_march_fast",
    "glute_bridge",
    "single_leg_glute_bridge",
    "band_walk_knees",
    "donkey_kick",
    "a_skip",
    "b_skip",
    "straight_leg_drill",
    "trap_bar_deadlift",
    "rack_deadlift",
    "single_leg_deadlift",
    "hip_flexor_stretch",
    "bodyweight_squat",
    "lunge",
    "jump_squat",
    "barbell_deadlift",
}

RANGES = [
    ("sets_min", "sets_max"),
    ("reps_min", "reps_max"),
    ("hold_s_min", "hold_s_max"),
    ("rest_s", "rest_s_max"),
    ("weekly_min", "weekly_max"),
]


@pytest.fixture(scope="module")
def lib() -> pd.DataFrame:
    return load_table("exercises")


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return load_table("sources")


def row(lib: pd.DataFrame, exercise_id: str) -> pd.Series:
    return lib.set_index("exercise_id").loc[exercise_id]


# --- the data file ------------------------------------------------------------------------


def test_ids_are_unique_in_the_raw_file() -> None:
    raw = pd.read_csv(data_dir() / "exercises.csv", dtype=str, keep_default_na=False)
    assert list(raw.columns) == EXERCISES.column_names
    assert raw["exercise_id"].is_unique
    assert raw["name"].is_unique


def test_every_article_exercise_is_in_the_library(lib: pd.DataFrame) -> None:
    assert set(lib["exercise_id"]) >= ARTICLE_EXERCISES


def test_choice_and_list_values_are_allowed(lib: pd.DataFrame) -> None:
    assert set(lib["category"]) == set(EXERCISE_CATEGORIES)
    assert set(lib["stage"]) == set(EXERCISE_STAGES)
    assert set(lib["level"]) <= set(EXERCISE_LEVELS)
    assert set(lib["laterality"]) <= set(LATERALITY)
    assert set(lib["measure"]) <= set(MEASURES)
    for column, allowed in [
        ("primary_muscles", MUSCLE_IDS),
        ("secondary_muscles", MUSCLE_IDS),
        ("equipment", EQUIPMENT),
        ("obstacles_addressed", OBSTACLE_IDS),
        ("routines", ROUTINES),
    ]:
        used = {item for items in lib[column] for item in items}
        assert used <= set(allowed), column
    assert all(lib["primary_muscles"].map(len) > 0)
    assert all(lib["obstacles_addressed"].map(len) > 0)
    assert all(lib["cues"].map(len) > 0)


def test_none_equipment_stands_alone(lib: pd.DataFrame) -> None:
    for items in lib["equipment"]:
        assert "none" not in items or items == ("none",)


def test_primary_and_secondary_muscles_do_not_overlap(lib: pd.DataFrame) -> None:
    for _, r in lib.iterrows():
        assert not set(r["primary_muscles"]) & set(r["secondary_muscles"]), r["exercise_id"]


def test_every_reference_resolves() -> None:
    # load_all checks sources, obstacles and the variation ids within the table.
    load_all()


def test_variations_name_other_rows_and_never_themselves(lib: pd.DataFrame) -> None:
    ids = set(lib["exercise_id"])
    for _, r in lib.iterrows():
        linked = set(r["easier"]) | set(r["harder"])
        if r["substitute_for_equipment"]:
            linked.add(r["substitute_for_equipment"])
        assert linked <= ids, r["exercise_id"]
        assert r["exercise_id"] not in linked
        assert not set(r["easier"]) & set(r["harder"]), r["exercise_id"]


def test_a_missing_variation_id_is_reported_with_row_and_column(lib: pd.DataFrame) -> None:
    broken = lib.copy()
    broken.at[3, "harder"] = ("no_such_exercise",)
    tables = {
        "sources": load_table("sources"),
        "obstacles": load_table("obstacles"),
        "exercises": broken,
    }
    with pytest.raises(DataValidationError) as info:
        check_references(tables)
    problem = info.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (5, "harder", "no_such_exercise")


def test_substitutes_need_less_equipment(lib: pd.DataFrame) -> None:
    indexed = lib.set_index("exercise_id")
    for _, r in lib[lib["substitute_for_equipment"] != ""].iterrows():
        assert r["equipment"] != ("none",), r["exercise_id"]
        substitute = indexed.loc[r["substitute_for_equipment"]]
        assert set(substitute["equipment"]) != set(r["equipment"]), r["exercise_id"]


@pytest.mark.parametrize(("low", "high"), RANGES)
def test_ranges_are_ordered(lib: pd.DataFrame, low: str, high: str) -> None:
    both = lib[lib[low].notna() & lib[high].notna()]
    assert (both[low] <= both[high]).all()


def test_timed_exercises_have_a_hold_and_rep_exercises_no_set_count_without_reps(
    lib: pd.DataFrame,
) -> None:
    timed = lib[(lib["measure"] == "seconds") & lib["sets_min"].notna()]
    assert timed["hold_s_min"].notna().all()
    counted = lib[lib["reps_min"].notna()]
    assert (counted["measure"] != "seconds").all()


def test_emg_values_always_come_with_a_research_source(
    lib: pd.DataFrame, sources: pd.DataFrame
) -> None:
    kinds = dict(zip(sources["source_id"], sources["kind"], strict=True))
    for prefix in ("emg_gmax", "emg_gmed"):
        has_value = lib[f"{prefix}_pct"].notna()
        has_source = lib[f"{prefix}_source"] != ""
        assert (has_value == has_source).all(), prefix
        for _, r in lib[has_value].iterrows():
            assert kinds[r[f"{prefix}_source"]] == "paper"
            assert r[f"{prefix}_source"] in r["sources"], r["exercise_id"]
            assert r["emg_note"], r["exercise_id"]


def test_no_emg_is_claimed_where_none_was_found(lib: pd.DataFrame) -> None:
    # The evidence guide found no EMG data for these: no number may appear.
    unmeasured = ["wall_iso_march_slow", "wall_iso_march_fast", "donkey_kick", "a_skip"]
    unmeasured += ["b_skip", "straight_leg_drill"]
    chosen = lib[lib["exercise_id"].isin(unmeasured)]
    assert chosen["emg_gmax_pct"].isna().all()
    assert chosen["emg_gmed_pct"].isna().all()


def test_published_emg_values_match_the_evidence_guide(lib: pd.DataFrame) -> None:
    expected = {
        ("side_lying_abduction", "emg_gmed_pct"): 81,
        ("clamshell", "emg_gmed_pct"): 40,
        ("hip_thrust", "emg_gmax_pct"): 75,
        ("weighted_step_up", "emg_gmax_pct"): 125,
        ("back_squat", "emg_gmax_pct"): 53,
        ("front_squat", "emg_gmax_pct"): 41,
        ("side_plank_abduction", "emg_gmed_pct"): 103,
        ("front_plank_hip_extension", "emg_gmax_pct"): 106,
        ("prone_hip_extension", "emg_gmax_pct"): 100.7,
    }
    for (exercise_id, column), value in expected.items():
        assert row(lib, exercise_id)[column] == pytest.approx(value)


def test_article_dosage_is_carried_exactly(lib: pd.DataFrame) -> None:
    # Arsenault's numbers: (sets, reps or steps, weekly).
    bridge = row(lib, "glute_bridge")
    assert (bridge["sets_min"], bridge["sets_max"], bridge["reps_min"], bridge["reps_max"]) == (
        2,
        4,
        8,
        12,
    )
    assert (bridge["hold_s_min"], bridge["hold_s_max"]) == (1, 3)
    single = row(lib, "single_leg_glute_bridge")
    assert (single["reps_min"], single["reps_max"]) == (6, 8)
    walks = row(lib, "band_walk_knees")
    assert (walks["reps_min"], walks["reps_max"], walks["measure"]) == (15, 20, "steps")
    for lift, reps in [("trap_bar_deadlift", (4, 8)), ("single_leg_deadlift", (6, 10))]:
        r = row(lib, lift)
        assert (r["reps_min"], r["reps_max"]) == reps
        assert (r["weekly_min"], r["weekly_max"], r["rest_days_between"]) == (2, 3, 1)
        assert "strength_days" in r["routines"]
    march = row(lib, "wall_iso_march_slow")
    assert (march["hold_s_min"], march["hold_s_max"]) == (1, 3)
    for daily in ("glute_bridge", "wall_iso_march_slow", "band_walk_knees"):
        assert row(lib, daily)["weekly_max"] == 7
        assert "daily_strength" in row(lib, daily)["routines"]


#: Free weights and the word a dose note uses for them.
LOAD_WORDS = {
    "ankle_weight": "ankle weight",
    "dumbbell": "dumbbell",
    "barbell": "bar",
    "trap_bar": "bar",
    "kettlebell": "kettlebell",
}


def test_acsm_dose_notes_fit_the_level_and_the_equipment(lib: pd.DataFrame) -> None:
    # Rows dosed from ACSM's repetition maximum say how they progress with what they use:
    # a free weight is loaded (and named), a body-weight move is said to be body weight.
    acsm = lib[lib["dosage_note"].str.contains("repetition maximum")]
    assert len(acsm) >= 10
    for _, r in acsm.iterrows():
        note = r["dosage_note"].lower()
        loads = [LOAD_WORDS[e] for e in r["equipment"] if e in LOAD_WORDS]
        if loads:
            assert all(word in note for word in loads), r["exercise_id"]
            assert "add 2-10 %" in note, r["exercise_id"]
            assert "body weight" not in note, r["exercise_id"]
        else:
            assert "body weight" in note, r["exercise_id"]
        # ACSM's 8-12 is its novice range: above beginner level the note says what it gives
        # intermediate and advanced lifters too.
        if r["level"] != "beginner":
            assert "intermediate and advanced" in note, r["exercise_id"]
        assert "ratamess_2009" in r["sources"], r["exercise_id"]
        if "reiman" in note:
            assert "reiman_2012" in r["sources"], r["exercise_id"]
        if "arsenault" in note:
            assert "arsenault_livestrong" in r["sources"], r["exercise_id"]


def test_no_dose_note_suggests_a_weight_the_exercise_does_not_use(lib: pd.DataFrame) -> None:
    for _, r in lib.iterrows():
        note = r["dosage_note"].lower()
        if "ankle weight" in note:
            assert "ankle_weight" in r["equipment"], r["exercise_id"]
        if "barbell" in note:
            assert "barbell" in r["equipment"], r["exercise_id"]


# --- filter_exercises ---------------------------------------------------------------------


def test_filter_without_arguments_keeps_everything(lib: pd.DataFrame) -> None:
    result = filter_exercises(lib)
    assert list(result["exercise_id"]) == list(lib["exercise_id"])


def test_filter_by_obstacle(lib: pd.DataFrame) -> None:
    result = filter_exercises(lib, obstacle="tight_hip_flexors")
    assert list(result["exercise_id"]) == ["hip_flexor_stretch"]
    several = filter_exercises(lib, obstacle=["tight_hip_flexors", "bouncing"])
    assert {"hip_flexor_stretch", "wall_iso_march_fast"} <= set(several["exercise_id"])


def test_filter_by_muscle_primary_or_secondary(lib: pd.DataFrame) -> None:
    primary = filter_exercises(lib, muscle="glute_med")
    assert all("glute_med" in m for m in primary["primary_muscles"])
    assert "glute_bridge" not in set(primary["exercise_id"])
    wider = filter_exercises(lib, muscle="glute_med", include_secondary=True)
    assert set(primary["exercise_id"]) < set(wider["exercise_id"])
    assert "single_leg_glute_bridge" in set(wider["exercise_id"])


def test_filter_by_equipment_keeps_only_what_the_runner_can_do(lib: pd.DataFrame) -> None:
    bodyweight = filter_exercises(lib, equipment=[])
    assert set(bodyweight["equipment"].map(tuple)) == {("none",)}
    with_trap_bar = set(filter_exercises(lib, equipment=["trap_bar"])["exercise_id"])
    assert "trap_bar_deadlift" in with_trap_bar
    assert "rack_deadlift" not in with_trap_bar  # needs a barbell and a rack
    gym = set(filter_exercises(lib, equipment=["barbell", "rack"])["exercise_id"])
    assert {"rack_deadlift", "back_squat", "barbell_deadlift"} <= gym
    assert "hip_thrust" not in gym  # also needs a bench


def test_filters_combine(lib: pd.DataFrame) -> None:
    result = filter_exercises(
        lib, obstacle="weak_unstable", level="beginner", category="strength", equipment=[]
    )
    assert not result.empty
    assert set(result["level"]) == {"beginner"}
    assert set(result["category"]) == {"strength"}
    assert all("weak_unstable" in o for o in result["obstacles_addressed"])
    assert list(result.index) == list(range(len(result)))


def test_filter_by_stage(lib: pd.DataFrame) -> None:
    result = filter_exercises(lib, stage="integrate")
    assert set(result["stage"]) == {"integrate"}
    assert {"a_skip", "wall_iso_march_fast"} <= set(result["exercise_id"])


def test_filter_returns_empty_frame_when_nothing_matches(lib: pd.DataFrame) -> None:
    result = filter_exercises(lib, obstacle="tight_hip_flexors", category="drill")
    assert result.empty
    assert list(result.columns) == list(lib.columns)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"obstacle": "lazy_glutes"},
        {"muscle": "biceps"},
        {"equipment": ["sofa"]},
        {"level": "expert"},
        {"category": "cardio"},
        {"stage": "cool_down"},
    ],
)
def test_filter_rejects_unknown_ids(lib: pd.DataFrame, kwargs: dict) -> None:
    with pytest.raises(ValueError, match="unknown"):
        filter_exercises(lib, **kwargs)


def test_filter_does_not_change_the_library(lib: pd.DataFrame) -> None:
    before = lib.copy()
    filter_exercises(lib, obstacle="bouncing", equipment=[])
    pd.testing.assert_frame_equal(lib, before)


# --- dosage_text --------------------------------------------------------------------------


def test_dosage_text_examples() -> None:
    assert (
        dosage_text(
            {
                "sets_min": 3,
                "sets_max": 3,
                "reps_min": 8,
                "reps_max": 12,
                "laterality": "unilateral",
                "measure": "reps",
                "rest_s": 90,
            }
        )
        == "3 x 8-12 per side, rest 90 s"
    )
    assert dosage_text({"measure": "seconds", "hold_s_min": 30, "hold_s_max": 30}) == ("hold 30 s")
    assert dosage_text({}) == "No set dose in the sources"


def test_dosage_text_on_library_rows(lib: pd.DataFrame) -> None:
    assert dosage_text(row(lib, "glute_bridge")) == (
        "2-4 x 8-12, hold 1-3 s each rep; up to every day"
    )
    assert dosage_text(row(lib, "band_walk_knees")) == (
        "2-4 x 15-20 steps each way; up to every day"
    )
    assert dosage_text(row(lib, "trap_bar_deadlift")) == (
        "2-4 x 4-8, rest 3-5 min; 2-3 times a week, at least 1 day off between"
    )
    assert dosage_text(row(lib, "single_leg_deadlift"), frequency=False) == "2-4 x 6-10 per side"
    assert dosage_text(row(lib, "hip_flexor_stretch")) == (
        "hold 10-30 s per side, 2-4 times; from 2 times a week to every day"
    )
    assert dosage_text(row(lib, "wall_iso_march_slow"), frequency=False) == "hold 1-3 s per side"
    assert dosage_text(row(lib, "glute_squeeze_standing")) == "No set count; every day"
    assert dosage_text(row(lib, "a_skip")) == "No set dose in the sources"


# --- cards, substitutes, EMG --------------------------------------------------------------


def test_exercise_card_collects_names_and_citations(lib: pd.DataFrame) -> None:
    card = exercise_card(lib, "glute_bridge")
    assert card.name == "Glute bridge"
    assert card.primary_muscles == ("gluteus maximus",)
    assert ("single_leg_glute_bridge", "Single-leg glute bridge") in card.harder
    assert card.easier == (("glute_squeeze_prone", "Glute squeeze, lying face down"),)
    assert card.dosage.startswith("2-4 x 8-12")
    assert any("Arsenault" in s for s in card.sources)
    assert card.emg == ()
    assert "Weak or unstable glutes" in card.obstacles


def test_exercise_card_flags_secondary_emg(lib: pd.DataFrame) -> None:
    card = exercise_card(lib, "side_plank_abduction")
    (figure,) = card.emg
    assert (figure.muscle, figure.percent_mvic, figure.secondary) == ("glute_med", 103, True)
    assert figure.citation == "Boren et al. 2011"
    assert any("[secondary]" in s for s in card.sources)
    verified = exercise_card(lib, "hip_thrust").emg[0]
    assert not verified.secondary


def test_exercise_card_unknown_id(lib: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="no exercise"):
        exercise_card(lib, "moonwalk")


def test_substitute_follows_the_chain(lib: pd.DataFrame) -> None:
    assert substitute_for(lib, "trap_bar_deadlift", ["trap_bar"]) == "trap_bar_deadlift"
    assert substitute_for(lib, "trap_bar_deadlift", ["dumbbell"]) == "single_leg_deadlift"
    assert substitute_for(lib, "trap_bar_deadlift", []) == "single_leg_deadlift_bodyweight"
    assert substitute_for(lib, "hip_thrust", []) == "glute_bridge"


def test_emg_table_lists_each_value_once(lib: pd.DataFrame) -> None:
    table = emg_table(lib)
    expected = lib["emg_gmax_pct"].notna().sum() + lib["emg_gmed_pct"].notna().sum()
    assert len(table) == expected
    step_up = table[table["exercise_id"] == "step_up"].set_index("muscle")["percent_mvic"]
    assert step_up.to_dict() == {"glute_max": 28.7, "glute_med": 62.7}
    assert table["citation"].str.len().gt(0).all()


def test_emg_figure_draws_one_cited_bar_per_value(lib: pd.DataFrame) -> None:
    fig = emg_figure(lib)
    ax = fig.axes[0]
    gids = {p.get_gid() for p in ax.patches if p.get_gid()}
    table = emg_table(lib)
    assert gids == {
        f"emg-{e}-{m}" for e, m in zip(table["exercise_id"], table["muscle"], strict=True)
    }
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "125 % (Krause Neto et al. 2020)" in labels
    assert "106 % (Boren et al. 2011, secondary)" in labels
    widths = {p.get_gid(): p.get_width() for p in ax.patches if p.get_gid()}
    assert widths["emg-side_lying_abduction-glute_med"] == 81
    assert figure_png(fig).startswith(b"\x89PNG")


def test_emg_figure_alt_text_and_caption(lib: pd.DataFrame) -> None:
    alt = emg_figure_alt(lib)
    assert "Clamshell, gluteus medius: 40 percent (Distefano et al. 2009)" in alt
    assert alt.index("Step-up with dumbbells") < alt.index("Clamshell")
    assert "not how much force" in EMG_FIGURE_CAPTION


def test_emg_figure_refuses_an_empty_selection(lib: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="has a published EMG"):
        emg_figure(lib[lib["exercise_id"] == "a_skip"])


# --- routines and the action plan ---------------------------------------------------------


def test_routines_and_action_plan(lib: pd.DataFrame) -> None:
    pre_run = routine(lib, "pre_run")
    assert pre_run["exercise_id"].iloc[0] == "glute_squeeze_standing"
    assert {"a_skip", "b_skip", "straight_leg_drill"} <= set(pre_run["exercise_id"])
    # Stages only move forward through the routine.
    order = [EXERCISE_STAGES.index(s) for s in pre_run["stage"]]
    assert order == sorted(order)
    plan = action_plan(lib)
    assert list(plan["step"].unique()) == [s.step for s in ACTION_PLAN]
    heavy = plan[plan["step"] == 3].set_index("exercise")["dose"]
    assert heavy["Trap-bar deadlift"] == "2-4 x 4-8, rest 3-5 min"
    assert heavy["Single-leg deadlift with dumbbells"] == "2-4 x 6-10 per side"
    first = plan[plan["step"] == 1]
    assert set(first["when"]) == {"Every day, 10-20 minutes"}
    assert "Glute squeeze, lying face down" in set(first["exercise"])
    assert len(plan) == sum(len(routine(lib, s.routine)) for s in ACTION_PLAN)
    with pytest.raises(ValueError, match="unknown routine"):
        routine(lib, "leg_day")


def test_stage_summary_and_library_table(lib: pd.DataFrame) -> None:
    summary = stage_summary(lib)
    assert list(summary.index) == list(EXERCISE_STAGES)
    assert int(summary.to_numpy().sum()) == len(lib)
    table = library_table(lib.head(2))
    assert list(table.columns) == [
        "Exercise",
        "Category",
        "Stage",
        "Level",
        "Main muscles",
        "Equipment",
        "Dose",
    ]
    assert table.loc[0, "Main muscles"] == "gluteus maximus"
