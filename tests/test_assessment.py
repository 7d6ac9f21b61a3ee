"""Tests of the self-assessment core: checks, rules, referral, the profile file."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from gluteutils.assessment import (
    NO_SIGN,
    NO_SIGN_SO_FAR,
    RULES,
    ObstacleProfile,
    Referral,
    assess,
    check_red_flags,
    level_for,
    obstacle_profile,
    validate_answers,
)
from gluteutils.assessment_questions import (
    EXAMPLE_RAW,
    FIELDS,
    FIELDS_BY_NAME,
    PAIN_STOP,
    RED_FLAGS,
    REFERRAL_MESSAGE,
    SKIP_LABEL,
    SKIPPED,
    STEPS,
    TEST_STEP_IDS,
    Answers,
)
from gluteutils.errors import DataValidationError, GluteutilsError
from gluteutils.files import FORMULA_TRIGGERS, neutralise_cell, restore_cell
from gluteutils.library import load_table
from gluteutils.obstacles import obstacle_names
from gluteutils.profile_file import (
    ADDED_COLUMNS,
    OLDER_FORMATS,
    PROFILE_COLUMNS,
    PROFILE_FORMAT,
    profile_to_csv,
    read_profile,
    write_profile,
)
from gluteutils.profile_report import (
    profile_alt_text,
    profile_figure,
    profile_table,
    score_cells,
)
from gluteutils.schema import ASSESSMENT_ITEM_IDS, OBSTACLE_IDS

from .conftest import REPO

DAY = date(2025, 3, 1)
#: A profile file written before tests could be skipped (format 1), by the code of that time.
FORMAT_1_FILE = REPO / "tests" / "fixtures" / "glute-profile-format-1.csv"
SKIPPABLE = [f.name for f in FIELDS if f.skippable]

#: A runner with no sign of any obstacle.
CLEAR_RAW: dict[str, object] = {
    **EXAMPLE_RAW,
    "squeeze_lying": "clear",
    "squeeze_standing": "clear",
    "bridge_felt_in": "glutes",
    "thomas_thigh_above_left": False,
    "thomas_thigh_above_right": False,
    "thomas_knee_angle_left": "80",
    "thomas_knee_angle_right": "80",
    "stance_pelvis_drops_left": False,
    "stance_pelvis_drops_right": False,
    "stance_seconds_left": "30",
    "stance_seconds_right": "30",
    "bridge_reps_left": "31",
    "bridge_reps_right": "31",
    "squat_quality_left": "good",
    "squat_quality_right": "good",
    "sitting_hours": "2",
    "shoes": "flat",
    "strength_sessions_per_week": "3",
    "fear_strength_slows": "no",
    "hamstring_strains": "0",
    "hard_run_felt_in": "glutes",
    "bouncy_running": "no",
    "back_arch_running": "no",
}

#: A runner showing every sign every rule looks for.
WORST_RAW: dict[str, object] = {
    **CLEAR_RAW,
    "squeeze_lying": "none",
    "squeeze_standing": "none",
    "bridge_felt_in": "hamstrings",
    "thomas_thigh_above_left": True,
    "thomas_thigh_above_right": True,
    "thomas_knee_angle_left": "50",
    "stance_pelvis_drops_right": True,
    "stance_seconds_left": "12",
    "squat_quality_left": "poor",
    "bridge_reps_right": "8",
    "sitting_hours": "10",
    "shoes": "heel_raised",
    "strength_sessions_per_week": "0",
    "fear_strength_slows": "yes",
    "hamstring_strains": "3",
    "hard_run_felt_in": "back_thighs",
    "bouncy_running": "yes",
    "back_arch_running": "yes",
}


def _profile(raw: dict[str, object]) -> ObstacleProfile:
    answers, messages = validate_answers(raw)
    assert messages == {}
    assert answers is not None
    result = obstacle_profile(answers, DAY)
    assert isinstance(result, ObstacleProfile)
    return result


def _scores(profile: ObstacleProfile) -> dict[str, tuple[int, str, str]]:
    return {s.obstacle_id: (s.score, s.level, s.sides) for s in profile.scores}


# ------------------------------------------------------------------ the questions


def test_every_answer_has_exactly_one_field_in_a_known_step() -> None:
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    assert set(names) == {f.name for f in fields(Answers)}
    steps = [s.step_id for s in STEPS]
    assert len(steps) == len(set(steps))
    assert {f.step for f in FIELDS} == set(steps)  # every step asks something
    assert {f.item for f in FIELDS} <= set(ASSESSMENT_ITEM_IDS) | {"health"}
    assert {f.name for f in FIELDS if f.kind == "flag"} == set(RED_FLAGS)


def test_health_questions_come_before_every_test() -> None:
    assert STEPS[0].step_id == "health"
    assert FIELDS[0].step == "health"


def test_step_sources_resolve() -> None:
    known = set(load_table("sources")["source_id"])
    for step in STEPS:
        assert set(step.sources) <= known, step.step_id
    for _question, _reason, sources in RED_FLAGS.values():
        assert set(sources) <= known


def test_every_rule_documents_its_points() -> None:
    for obstacle_id, rule in RULES.items():
        assert rule.__doc__, obstacle_id
        assert "Points (maximum" in rule.__doc__, obstacle_id


# ------------------------------------------------------------------ known answers


def test_example_runner_gives_the_expected_profile() -> None:
    profile = _profile(EXAMPLE_RAW)
    assert profile.assessed_on == DAY
    assert [s.obstacle_id for s in profile.scores] == list(OBSTACLE_IDS)
    assert _scores(profile) == {
        "untaught_skill": (33, "low", ""),  # standing squeeze only faint: 1 of 3
        "weak_unstable": (50, "moderate", "right"),  # right pelvis drop, right bridge 17: 2 of 4
        "tight_hip_flexors": (67, "high", "left"),  # left thigh above, left knee 60: 2 of 3
        "prolonged_sitting": (100, "high", ""),  # 9 h (>8) plus short hip flexors: 3 of 3
        "heel_raised_shoes": (0, "none", ""),
        "reliance_on_other_muscles": (100, "high", ""),
        "hamstring_dominance": (80, "high", "right"),  # 1 strain, bridge, runs, bridge score
        "low_back_arching": (33, "low", ""),  # only the tight hip flexors
        "bouncing": (0, "none", ""),
        "skipping_strength_work": (33, "low", ""),  # one session a week
    }
    weak = profile.score_of("weak_unstable")
    assert (weak.points, weak.max_points) == (2, 4)
    assert any("fair on the right" in r for r in weak.reasons)
    assert any("Vigotsky" in r for r in profile.score_of("tight_hip_flexors").reasons)
    assert "film a run" in profile.score_of("bouncing").reasons[0]
    assert profile.advice == ()


def test_runner_without_signs_scores_zero_everywhere() -> None:
    profile = _profile(CLEAR_RAW)
    for score in profile.scores:
        assert (score.score, score.level, score.points, score.sides) == (0, "none", 0, "")
        assert score.reasons == (NO_SIGN,)


def test_runner_with_every_sign_scores_high_everywhere() -> None:
    profile = _profile(WORST_RAW)
    # Two signs cannot both be found: heel_raised_shoes wants tired quads and
    # low_back_arching a bridge felt in the back, but this runner feels hamstrings.
    # Shoes alone are one coach's view, so they stay low.
    partial = {"heel_raised_shoes": (33, "low"), "low_back_arching": (67, "high")}
    for score in profile.scores:
        expected = partial.get(score.obstacle_id, (100, "high"))
        assert (score.score, score.level) == expected, score.obstacle_id
    assert profile.score_of("tight_hip_flexors").sides == "both"
    assert profile.score_of("weak_unstable").sides == "both"  # left squat and stance, right drop
    assert profile.score_of("hamstring_dominance").sides == "right"
    assert any("Prince" in a for a in profile.advice)  # repeated strains, no glute feel


@pytest.mark.parametrize(
    ("changes", "obstacle_id", "points"),
    [
        ({"thomas_knee_angle_left": "67"}, "tight_hip_flexors", 0),  # cut-off is "< 67"
        ({"thomas_knee_angle_left": "66.5"}, "tight_hip_flexors", 1),
        ({"thomas_thigh_above_right": True}, "tight_hip_flexors", 1),
        ({"bridge_reps_left": "20"}, "weak_unstable", 0),  # poor means "< 20"
        ({"bridge_reps_left": "19"}, "weak_unstable", 1),
        ({"bridge_reps_left": "19"}, "hamstring_dominance", 1),
        ({"stance_seconds_right": "29.5"}, "weak_unstable", 1),
        ({"squat_quality_left": "fair"}, "weak_unstable", 0),
        ({"squat_quality_left": "poor"}, "weak_unstable", 1),
        ({"sitting_hours": "3.9"}, "prolonged_sitting", 0),
        ({"sitting_hours": "4"}, "prolonged_sitting", 1),
        ({"sitting_hours": "8"}, "prolonged_sitting", 1),
        ({"sitting_hours": "8.5"}, "prolonged_sitting", 2),
        ({"sitting_hours": "5", "thomas_thigh_above_left": True}, "prolonged_sitting", 2),
        ({"shoes": "heel_raised"}, "heel_raised_shoes", 1),
        ({"shoes": "heel_raised", "hard_run_felt_in": "front_thighs"}, "heel_raised_shoes", 3),
        ({"shoes": "not_sure"}, "heel_raised_shoes", 0),
        ({"hard_run_felt_in": "calves"}, "reliance_on_other_muscles", 1),
        ({"bridge_felt_in": "low_back"}, "low_back_arching", 1),
        ({"bridge_felt_in": "low_back"}, "reliance_on_other_muscles", 1),
        ({"hamstring_strains": "1"}, "hamstring_dominance", 1),
        ({"hamstring_strains": "2"}, "hamstring_dominance", 2),
        ({"squeeze_lying": "faint"}, "untaught_skill", 1),
        ({"squeeze_lying": "none"}, "untaught_skill", 2),
        ({"bouncy_running": "yes"}, "bouncing", 2),
        ({"bouncy_running": "not_sure"}, "bouncing", 0),
        ({"strength_sessions_per_week": "2"}, "skipping_strength_work", 0),
        ({"strength_sessions_per_week": "1"}, "skipping_strength_work", 1),
        ({"strength_sessions_per_week": "0"}, "skipping_strength_work", 2),
        ({"fear_strength_slows": "yes"}, "skipping_strength_work", 1),
    ],
)
def test_each_rule_counts_its_signs(
    changes: dict[str, object], obstacle_id: str, points: int
) -> None:
    profile = _profile({**CLEAR_RAW, **changes})
    assert profile.score_of(obstacle_id).points == points


def test_sides_follow_the_tested_leg() -> None:
    left = _profile({**CLEAR_RAW, "stance_pelvis_drops_left": True})
    assert left.score_of("weak_unstable").sides == "left"
    assert "left leg" in left.score_of("weak_unstable").reasons[0]
    both = _profile({**CLEAR_RAW, "bridge_reps_left": "5", "bridge_reps_right": "5"})
    assert both.score_of("hamstring_dominance").sides == "both"


def test_pain_adds_advice_but_no_referral() -> None:
    profile = _profile({**CLEAR_RAW, "pain_now": "3", "pain_where": "left knee"})
    assert (profile.pain_now, profile.pain_where) == (3, "left knee")
    assert any("3 out of 10" in a for a in profile.advice)


@pytest.mark.parametrize(
    ("score", "level"), [(0, "none"), (1, "low"), (33, "low"), (34, "moderate"), (67, "high")]
)
def test_levels_are_thirds(score: int, level: str) -> None:
    assert level_for(score) == level


def test_ranked_puts_highest_first_and_keeps_order_on_ties() -> None:
    ranked = _profile(EXAMPLE_RAW).ranked()
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
    assert ranked[0].obstacle_id == "prolonged_sitting"  # ties keep OBSTACLE_IDS order


# ------------------------------------------------------------------ red flags


@pytest.mark.parametrize("flag", list(RED_FLAGS))
def test_each_red_flag_gives_a_referral_instead_of_a_score(flag: str) -> None:
    answers, messages = validate_answers({**CLEAR_RAW, flag: True})
    assert messages == {}
    assert answers is not None
    result = obstacle_profile(answers, DAY)
    assert isinstance(result, Referral)
    assert result.flags == (flag,)
    assert result.reasons == (RED_FLAGS[flag][1],)
    assert "see a clinician before training" in result.message.lower()


@pytest.mark.parametrize("flag", list(RED_FLAGS))
def test_red_flag_stops_even_with_blank_tests(flag: str) -> None:
    result, messages = assess({flag: "yes"}, DAY)
    assert isinstance(result, Referral)
    assert messages == {}


def test_several_flags_are_all_listed_with_their_sources() -> None:
    referral = check_red_flags({"flag_groin_pain": True, "flag_night_pain": True})
    assert referral is not None
    assert referral.flags == ("flag_groin_pain", "flag_night_pain")
    assert referral.sources == ("robertson_wood_2017", "ahcpr_1994")
    assert referral.message == REFERRAL_MESSAGE


@pytest.mark.parametrize("pain", ["4", "7", 10])
def test_pain_at_the_stop_line_refers_before_any_test(pain: object) -> None:
    # the same line as the training log's: pain of 4 or more stops tests and exercises
    result, messages = assess({"pain_now": pain, "pain_where": "left knee"}, DAY)
    assert isinstance(result, Referral)
    assert messages == {}
    assert result.flags == ("pain_now",)
    assert f"pain of {pain} out of 10 right now (left knee)" in result.reasons[0]
    assert f"At {PAIN_STOP} or more" in result.reasons[0]


def test_pain_is_listed_after_the_ticked_flags() -> None:
    answers, _ = validate_answers(
        {**CLEAR_RAW, "pain_now": "5", "pain_where": "hip", "flag_night_pain": True}
    )
    assert answers is not None
    result = obstacle_profile(answers, DAY)
    assert isinstance(result, Referral)
    assert result.flags == ("flag_night_pain", "pain_now")
    assert result.sources == ("ahcpr_1994",)


@pytest.mark.parametrize("pain", ["0", "3", "", "eleven", "2.5", None])
def test_pain_below_the_line_or_not_valid_refers_no_one(pain: object) -> None:
    # a wrong answer is the form's message to give, not a referral
    assert check_red_flags({"pain_now": pain}) is None


def test_pain_below_the_line_gives_a_profile_with_advice() -> None:
    profile = _profile({**CLEAR_RAW, "pain_now": "3", "pain_where": "left knee"})
    assert any("pain of 3 out of 10" in a for a in profile.advice)


def test_unticked_flags_give_no_referral() -> None:
    assert check_red_flags(dict.fromkeys(RED_FLAGS, False)) is None
    assert check_red_flags({"flag_trauma": "no"}) is None


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("pain_now", "", "Please type a number"),
        ("pain_now", None, "Please type a number"),
        ("pain_now", "  ", "Please type a number"),
        ("pain_now", "eleven", "Type a number using digits"),
        ("pain_now", "11", "from 0 to 10"),
        ("pain_now", "2.5", "whole number"),
        ("pain_now", True, "Type a number using digits"),
        ("bridge_reps_left", "-3", "cannot be negative"),
        ("bridge_reps_right", "101", "from 0 to 100"),
        ("bridge_reps_right", "twenty", "Type a number using digits"),
        ("thomas_knee_angle_left", "200", "from 0 to 180 degrees"),
        ("thomas_knee_angle_right", "-10", "cannot be negative"),
        ("thomas_knee_angle_right", "nan", "ordinary number"),
        ("stance_seconds_left", "inf", "ordinary number"),
        ("stance_seconds_left", "30s", "Type a number using digits"),
        ("sitting_hours", "25", "from 0 to 24 hours"),
        ("strength_sessions_per_week", "-1", "cannot be negative"),
        ("hamstring_strains", "", "Please type a number"),
        ("squeeze_lying", None, "choose one answer"),
        ("squeeze_lying", "maybe", "choose one of the answers"),
        ("thomas_thigh_above_left", None, "choose yes or no"),
        ("thomas_thigh_above_left", "perhaps", "choose yes or no"),
        ("squat_quality_right", "great", "choose one of the answers"),
        ("flag_trauma", "maybe", "Tick the box"),
        ("pain_where", "x" * 201, "under 200 characters"),
    ],
)
def test_bad_value_gives_a_message_on_that_field_only(
    field: str, value: object, fragment: str
) -> None:
    answers, messages = validate_answers({**CLEAR_RAW, field: value})
    assert answers is None
    assert list(messages) == [field]
    assert fragment.lower() in messages[field].lower()


def test_pain_without_a_place_asks_where() -> None:
    answers, messages = validate_answers({**CLEAR_RAW, "pain_now": "4", "pain_where": " "})
    assert answers is None
    assert list(messages) == ["pain_where"]


def test_empty_form_lists_every_required_answer() -> None:
    answers, messages = validate_answers({})
    assert answers is None
    required = {f.name for f in FIELDS if f.required and f.kind != "flag"}
    assert set(messages) == required


def test_numbers_may_come_as_numbers_and_text_is_cleaned() -> None:
    raw = {
        **CLEAR_RAW,
        "bridge_reps_left": 25,
        "sitting_hours": 7.5,
        "pain_now": "1",
        "pain_where": " left\r\nhip\tand knee ",
    }
    answers, messages = validate_answers(raw)
    assert messages == {}
    assert answers is not None
    assert (answers.bridge_reps_left, answers.sitting_hours) == (25, 7.5)
    assert isinstance(answers.bridge_reps_left, int)
    assert answers.pain_where == "left hip and knee"


# ------------------------------------------------------------------ the file

HOSTILE = [
    '=HYPERLINK("http://example.invalid","x")',
    "+1",
    "-",
    "@SUM(A1)",
    "\uff1dcmd",
    "\uff0b1",
    "'=already quoted",
    "''@twice",
    "'plain quote",
    "<img src=x onerror=alert(1)>",
    'knee, "both" sides',
]


def test_csv_has_the_documented_columns_and_one_row_per_obstacle() -> None:
    data = profile_to_csv(_profile(EXAMPLE_RAW))
    assert data.startswith(b"\xef\xbb\xbf")  # byte-order mark for spreadsheets
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == PROFILE_COLUMNS
    assert [r["obstacle_id"] for r in rows] == list(OBSTACLE_IDS)
    assert {r["profile_format"] for r in rows} == {PROFILE_FORMAT}
    assert {r["assessed_on"] for r in rows} == {"2025-03-01"}
    first = rows[0]
    assert (first["score"], first["level"], first["points"], first["max_points"]) == (
        "33",
        "low",
        "1",
        "3",
    )


def test_round_trip_gives_the_same_profile(tmp_path: Path) -> None:
    for raw in (EXAMPLE_RAW, CLEAR_RAW, WORST_RAW):
        profile = _profile(raw)
        assert read_profile(profile_to_csv(profile)) == profile
    path = write_profile(profile, tmp_path)
    assert path == tmp_path / "glute-profile-2025-03-01.csv"
    assert read_profile(path) == profile
    assert read_profile(str(path)) == profile


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_pain_text_is_neutralised_and_restored(text: str) -> None:
    profile = replace(_profile(EXAMPLE_RAW), pain_now=2, pain_where=text)
    data = profile_to_csv(profile)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    cell = rows[0]["pain_where"]
    if text.lstrip("'")[:1] in FORMULA_TRIGGERS:
        assert cell == "'" + text
    else:
        assert cell == text
    assert read_profile(data) == profile


@pytest.mark.parametrize(
    "text", [*HOSTILE, "", "'", "\t=1", "\r", "\n-2", "\uff0d3", "\uff20x", "plain"]
)
def test_neutralise_is_undone_by_restore(text: str) -> None:
    cell = neutralise_cell(text)
    assert restore_cell(cell) == text
    body = cell.lstrip("'")
    if body and body[0] in FORMULA_TRIGGERS:
        assert cell.startswith("'")


def _csv_bytes(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _rows() -> list[dict[str, str]]:
    data = profile_to_csv(_profile(EXAMPLE_RAW)).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data)))


@pytest.mark.parametrize(
    ("row_index", "column", "value", "fragment"),
    [
        (0, "score", "101", "from 0 to 100"),
        (0, "score", "high", "whole number"),
        (1, "points", "9", "from 0 to 4"),
        (2, "level", "extreme", "must be one of"),
        (3, "sides", "middle", "left, right, both"),
        (4, "obstacle_id", "lazy_glutes", "not a known obstacle"),
        (5, "obstacle_id", "untaught_skill", "appears twice"),
        (6, "assessed_on", "2025-03-02", "same in every row"),
        (7, "profile_format", "something-else", PROFILE_FORMAT),
    ],
)
def test_read_profile_names_row_and_column_of_bad_cells(
    row_index: int, column: str, value: str, fragment: str
) -> None:
    rows = _rows()
    rows[row_index][column] = value
    with pytest.raises(DataValidationError) as excinfo:
        read_profile(_csv_bytes(rows))
    problems = excinfo.value.problems
    assert any(
        p.row == row_index + 2 and p.column == column and fragment in p.message for p in problems
    ), problems


def test_read_profile_rejects_missing_columns_rows_and_bad_encoding() -> None:
    rows = _rows()
    for row in rows:
        del row["level"]
    with pytest.raises(DataValidationError, match="required column is missing"):
        read_profile(_csv_bytes(rows))
    with pytest.raises(DataValidationError, match="no row for: bouncing"):
        read_profile(_csv_bytes([r for r in _rows() if r["obstacle_id"] != "bouncing"]))
    with pytest.raises(DataValidationError, match="not UTF-8"):
        read_profile(b"\xff\xfe\x00bad")
    with pytest.raises(DataValidationError, match="is empty"):
        read_profile(b"")


def test_write_profile_is_atomic_when_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _profile(CLEAR_RAW)
    path = write_profile(old, tmp_path, "mine.csv")
    before = path.read_bytes()

    def broken_replace(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_profile(_profile(WORST_RAW), tmp_path, "mine.csv")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv"]  # no temp file left


def test_write_profile_needs_an_existing_folder_and_cleans_names(tmp_path: Path) -> None:
    with pytest.raises(GluteutilsError, match="not an existing folder"):
        write_profile(_profile(CLEAR_RAW), tmp_path / "missing")
    path = write_profile(_profile(CLEAR_RAW), tmp_path, "../evil name.csv")
    assert path.parent == tmp_path
    assert path.name == "evil_name.csv"


# ------------------------------------------------------------------ display


def test_figure_has_one_bar_per_obstacle_and_alt_text_names_them() -> None:
    profile = _profile(EXAMPLE_RAW)
    names = obstacle_names()
    fig = profile_figure(profile, names)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    assert len(ax.patches) == len(OBSTACLE_IDS)
    assert [t.get_text() for t in ax.get_yticklabels()] == [names[o] for o in OBSTACLE_IDS]
    alt = profile_alt_text(profile, names)
    for name in names.values():
        assert name in alt
    assert alt.index(names["prolonged_sitting"]) < alt.index(names["bouncing"])


def test_profile_table_is_ranked_and_readable() -> None:
    table = profile_table(_profile(EXAMPLE_RAW))
    assert list(table.columns) == ["Obstacle", "Score", "Level", "Side", "Why"]
    numbers = [s for s in table["Score"] if isinstance(s, int)]
    assert numbers == sorted(numbers, reverse=True)
    assert len(numbers) == len(OBSTACLE_IDS) - 1
    last = table.iloc[-1]
    assert last["Side"] == "-"
    # the example runner is not sure whether they bounce: unknown comes last, not as 0/none
    assert last["Obstacle"] == obstacle_names()["bouncing"]
    assert (last["Score"], last["Level"]) == ("not sure", "not sure")


# ------------------------------------------------------------------ skipped tests and unknowns

#: Every physical test skipped, every question answered.
ALL_SKIPPED_RAW: dict[str, object] = {**CLEAR_RAW, **dict.fromkeys(SKIPPABLE, SKIPPED)}


def test_the_physical_tests_and_only_they_can_be_skipped() -> None:
    steps = {FIELDS_BY_NAME[name].step for name in SKIPPABLE}
    assert steps == set(TEST_STEP_IDS)
    assert set(TEST_STEP_IDS) == {
        "glute_squeeze",
        "bridge_feel",
        "thomas_test",
        "single_leg_stance",
        "single_leg_bridge",
        "single_leg_squat",
    }
    for field in FIELDS:
        if field.skippable:
            assert field.part, field.name  # the notes name what was skipped
    for step in STEPS:
        assert bool(step.skip_advice) == (step.step_id in TEST_STEP_IDS), step.step_id
    bridge = next(s for s in STEPS if s.step_id == "single_leg_bridge")
    assert "clinician" in bridge.skip_advice
    assert SKIP_LABEL in " ".join(bridge.how_to)


@pytest.mark.parametrize("name", SKIPPABLE)
@pytest.mark.parametrize("token", [SKIPPED, " Skipped ", "SKIPPED"])
def test_each_test_answer_can_be_skipped_without_a_message(name: str, token: str) -> None:
    answers, messages = validate_answers({**CLEAR_RAW, name: token})
    assert messages == {}
    assert answers is not None
    assert getattr(answers, name) is None  # no result is invented
    assert answers.skipped() == (name,)


@pytest.mark.parametrize(
    "name", ["pain_now", "sitting_hours", "shoes", "hamstring_strains", "bouncy_running"]
)
def test_questions_that_are_not_tests_cannot_be_skipped(name: str) -> None:
    answers, messages = validate_answers({**CLEAR_RAW, name: SKIPPED})
    assert answers is None
    assert list(messages) == [name]


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("bridge_reps_left", "Please type a number"),
        ("thomas_knee_angle_right", "Please type a number"),
        ("stance_seconds_left", "Please type a number"),
        ("thomas_thigh_above_left", "choose yes or no"),
        ("stance_pelvis_drops_right", "choose yes or no"),
        ("squeeze_lying", "choose one answer"),
        ("bridge_felt_in", "choose one answer"),
        ("squat_quality_right", "choose one answer"),
    ],
)
def test_a_blank_test_answer_is_still_wrong_and_names_the_skip_choice(
    name: str, fragment: str
) -> None:
    # Forgetting an answer is not skipping it: only the deliberate choice is accepted.
    answers, messages = validate_answers({**CLEAR_RAW, name: ""})
    assert answers is None
    assert list(messages) == [name]
    assert fragment.lower() in messages[name].lower()
    assert SKIP_LABEL in messages[name]


@pytest.mark.parametrize(
    ("changes", "obstacle_id", "unchecked_points"),
    [
        ({"squeeze_lying": SKIPPED}, "untaught_skill", 2),
        ({"squeeze_standing": SKIPPED}, "untaught_skill", 1),
        ({"squeeze_standing": SKIPPED}, "reliance_on_other_muscles", 1),
        ({"bridge_felt_in": SKIPPED}, "reliance_on_other_muscles", 1),
        ({"bridge_felt_in": SKIPPED}, "hamstring_dominance", 1),
        ({"bridge_felt_in": SKIPPED}, "low_back_arching", 1),
        ({"thomas_thigh_above_left": SKIPPED}, "tight_hip_flexors", 1),
        ({"thomas_thigh_above_left": SKIPPED}, "low_back_arching", 1),
        ({"thomas_thigh_above_left": SKIPPED, "sitting_hours": "5"}, "prolonged_sitting", 1),
        ({"thomas_thigh_above_left": SKIPPED}, "prolonged_sitting", 0),  # 2 h: cannot count
        ({"thomas_knee_angle_left": SKIPPED}, "tight_hip_flexors", 1),
        ({"stance_pelvis_drops_right": SKIPPED}, "weak_unstable", 1),
        ({"stance_seconds_left": SKIPPED}, "weak_unstable", 1),
        ({"bridge_reps_left": SKIPPED, "bridge_reps_right": SKIPPED}, "weak_unstable", 1),
        ({"bridge_reps_left": SKIPPED}, "hamstring_dominance", 1),
        ({"squat_quality_left": SKIPPED}, "weak_unstable", 1),
    ],
)
def test_a_skipped_test_is_unknown_not_a_sign_and_not_clear(
    changes: dict[str, object], obstacle_id: str, unchecked_points: int
) -> None:
    profile = _profile({**CLEAR_RAW, **changes})
    score = profile.score_of(obstacle_id)
    answered = {k: v for k, v in changes.items() if v != SKIPPED}
    clear = _profile({**CLEAR_RAW, **answered}).score_of(obstacle_id)
    # not taken as weak: the same points as the runner who passed the test
    assert (score.points, score.score, score.sides) == (clear.points, clear.score, clear.sides)
    assert score.unchecked_points == unchecked_points
    if unchecked_points:
        assert score.checked == "part"  # and not taken as clear either
        assert profile.unknown_label(score) == "partly not tested"
        assert set(score.unchecked) <= set(changes)
        assert score.reasons[0] == (NO_SIGN_SO_FAR if not score.points else clear.reasons[0])
        assert any(r.startswith("Not checked: you skipped") for r in score.reasons)
        assert NO_SIGN not in score.reasons
    else:
        assert score.checked == "all"
    assert profile.skipped == tuple(n for n in SKIPPABLE if n in changes)


def test_a_sign_on_the_tested_leg_still_counts_and_the_skipped_leg_is_named() -> None:
    profile = _profile({**CLEAR_RAW, "bridge_reps_left": SKIPPED, "bridge_reps_right": "12"})
    for obstacle_id in ("weak_unstable", "hamstring_dominance"):
        score = profile.score_of(obstacle_id)
        assert (score.points, score.sides, score.unchecked_points) == (1, "right", 0)
        assert any("on the left leg" in r and "test 5" in r for r in score.reasons)
    thigh = _profile({**CLEAR_RAW, "thomas_thigh_above_left": SKIPPED})
    hips = thigh.score_of("tight_hip_flexors")
    # one point a leg: the right leg is clear, the left one unknown
    assert (hips.points, hips.unchecked_points, hips.unchecked) == (
        0,
        1,
        ("thomas_thigh_above_left",),
    )


def test_skipping_never_raises_a_score() -> None:
    worst = _profile(WORST_RAW)
    skipped = _profile({**WORST_RAW, **dict.fromkeys(SKIPPABLE, SKIPPED)})
    for before, after in zip(worst.scores, skipped.scores, strict=True):
        assert after.points <= before.points, after.obstacle_id
        assert after.points + after.unchecked_points <= after.max_points


def test_every_test_skipped_gives_a_profile_that_says_so() -> None:
    profile = _profile(ALL_SKIPPED_RAW)
    assert profile.skipped == tuple(SKIPPABLE)
    assert profile.skipped_tests() == TEST_STEP_IDS
    # obstacles read only from tests: nothing could be checked
    for obstacle_id in ("untaught_skill", "weak_unstable", "tight_hip_flexors"):
        score = profile.score_of(obstacle_id)
        assert (score.checked, score.points, score.unchecked_points) == (
            "none",
            0,
            score.max_points,
        )
        assert profile.unknown_label(score) == "not tested"
        assert NO_SIGN not in score.reasons
        assert NO_SIGN_SO_FAR not in score.reasons
    assert profile.not_checked() == ("untaught_skill", "weak_unstable", "tight_hip_flexors")
    # habits were answered: those obstacles are checked as before
    assert profile.score_of("skipping_strength_work").checked == "all"
    assert profile.ranked()[-3:] == [profile.score_of(o) for o in profile.not_checked()]
    skip_advice = [a for a in profile.advice if a.startswith("You skipped")]
    assert len(skip_advice) == len(TEST_STEP_IDS)
    bridge = next(a for a in skip_advice if "single-leg bridge" in a)
    assert "clinician" in bridge
    assert "not tested" in bridge


def test_part_of_a_test_skipped_is_named_as_part() -> None:
    profile = _profile({**CLEAR_RAW, "thomas_knee_angle_left": SKIPPED})
    (advice,) = profile.advice
    assert advice.startswith("You skipped part of test 3")
    assert "clinician" not in advice


@pytest.mark.parametrize(
    ("changes", "obstacle_id", "unchecked_points"),
    [
        ({"bouncy_running": "not_sure"}, "bouncing", 2),
        ({"shoes": "not_sure"}, "heel_raised_shoes", 3),
        ({"fear_strength_slows": "not_sure"}, "skipping_strength_work", 1),
        ({"back_arch_running": "not_sure"}, "low_back_arching", 1),
        ({"bridge_felt_in": "not_sure"}, "hamstring_dominance", 1),
    ],
)
def test_not_sure_is_unknown_too(
    changes: dict[str, object], obstacle_id: str, unchecked_points: int
) -> None:
    profile = _profile({**CLEAR_RAW, **changes})
    score = profile.score_of(obstacle_id)
    assert (score.points, score.unchecked_points) == (0, unchecked_points)
    expected = "not sure" if unchecked_points == score.max_points else "partly not sure"
    assert profile.unknown_label(score) == expected
    assert profile.skipped == ()
    assert any(r.startswith("Not known yet") for r in score.reasons)


def test_unknowns_are_shown_as_not_tested_or_not_sure_never_as_zero() -> None:
    raw = {**EXAMPLE_RAW, "squeeze_lying": SKIPPED, "squeeze_standing": SKIPPED}
    raw |= {"bridge_reps_left": SKIPPED, "bridge_reps_right": SKIPPED}
    profile = _profile(raw)
    names = obstacle_names()
    table = profile_table(profile, names).set_index("Obstacle")
    assert tuple(table.loc[names["untaught_skill"], ["Score", "Level"]]) == (
        "not tested",
        "not tested",
    )
    assert tuple(table.loc[names["bouncing"], ["Score", "Level"]]) == ("not sure", "not sure")
    # hamstring signs found (strain, bridge feel, runs) but the bridge score is unknown
    assert tuple(table.loc[names["hamstring_dominance"], ["Score", "Level"]]) == (
        60,
        "moderate (partly not tested)",
    )
    assert "test 5" in table.loc[names["hamstring_dominance"], "Why"]
    assert score_cells(profile, profile.score_of("prolonged_sitting")) == (100, "high")
    alt = profile_alt_text(profile, names)
    assert f"{names['untaught_skill']} not tested" in alt
    assert f"{names['bouncing']} not sure" in alt
    assert f"{names['bouncing']} 0" not in alt


def test_the_chart_draws_an_unknown_as_an_empty_dashed_bar() -> None:
    profile = _profile({**CLEAR_RAW, "bouncy_running": "not_sure"})
    ax = profile_figure(profile, {}).axes[0]
    bars = dict(zip(OBSTACLE_IDS, ax.patches, strict=True))
    assert bars["bouncing"].get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert bars["bouncing"].get_linestyle() == "--"
    assert bars["heel_raised_shoes"].get_linestyle() == "solid"
    labels = [t.get_text() for t in ax.texts]
    assert "not sure" in labels
    assert labels.count("0 (none)") == len(OBSTACLE_IDS) - 1


def test_a_profile_with_skipped_tests_survives_the_file() -> None:
    for raw in (
        ALL_SKIPPED_RAW,
        {**EXAMPLE_RAW, "bridge_reps_left": SKIPPED, "thomas_thigh_above_right": SKIPPED},
    ):
        profile = _profile(raw)
        data = profile_to_csv(profile)
        assert read_profile(data) == profile
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert {r["skipped"] for r in rows} == {"|".join(profile.skipped)}
    first = rows[0]
    assert set(ADDED_COLUMNS) <= set(first)
    hamstrings = next(r for r in rows if r["obstacle_id"] == "hamstring_dominance")
    assert hamstrings["unchecked_points"] == "0"  # the right leg's 17 shows the sign
    hips = next(r for r in rows if r["obstacle_id"] == "tight_hip_flexors")
    assert (hips["unchecked_points"], hips["unchecked"]) == ("1", "thomas_thigh_above_right")


def test_a_profile_file_written_before_skipping_existed_still_loads() -> None:
    data = FORMAT_1_FILE.read_bytes()
    assert data.decode("utf-8-sig").startswith("profile_format,")
    assert b"unchecked" not in data
    assert OLDER_FORMATS == ("gfr-obstacle-profile-1",)
    old = read_profile(FORMAT_1_FILE)
    assert old.skipped == ()
    assert all(s.checked == "all" for s in old.scores)
    now = _profile({**EXAMPLE_RAW, "pain_now": "2", "pain_where": "left knee"})
    assert [(s.obstacle_id, s.score, s.level, s.sides) for s in old.scores] == [
        (s.obstacle_id, s.score, s.level, s.sides) for s in now.scores
    ]
    assert (old.assessed_on, old.pain_now, old.pain_where) == (DAY, 2, "left knee")
    # written again, it is a version-2 file that reads back the same
    assert read_profile(profile_to_csv(old)) == old


def test_a_new_format_file_must_keep_its_new_columns() -> None:
    rows = _rows()
    for row in rows:
        del row["unchecked_points"]
    with pytest.raises(DataValidationError, match="needs the columns unchecked_points"):
        read_profile(_csv_bytes(rows))


@pytest.mark.parametrize(
    ("column", "value", "fragment"),
    [
        ("unchecked_points", "3", "from 0 to 2"),  # bouncing: 2 points possible
        ("unchecked_points", "x", "whole number"),
        ("unchecked", "bouncy_running|mind_reading", "mind_reading"),
        ("skipped", "sitting_hours", "names no test answer"),
    ],
)
def test_bad_unknown_cells_are_named(column: str, value: str, fragment: str) -> None:
    rows = _rows()
    target = next(r for r in rows if r["obstacle_id"] == "bouncing")
    for row in rows if column == "skipped" else [target]:
        row[column] = value
    with pytest.raises(DataValidationError) as excinfo:
        read_profile(_csv_bytes(rows))
    assert any(p.column == column and fragment in p.message for p in excinfo.value.problems)


def test_hard_runs_felt_evenly_is_an_answer_and_not_sure_is_unknown() -> None:
    """ "All about evenly" rules the hard-run sign out; "Not sure" leaves it unchecked."""
    rules = ("reliance_on_other_muscles", "hamstring_dominance")
    evenly = _profile({**CLEAR_RAW, "hard_run_felt_in": "evenly"})
    unsure = _profile({**CLEAR_RAW, "hard_run_felt_in": "not_sure"})
    for obstacle_id in rules:
        assert (
            evenly.score_of(obstacle_id).points,
            evenly.score_of(obstacle_id).unchecked_points,
        ) == (0, 0)
        score = unsure.score_of(obstacle_id)
        assert (score.points, score.unchecked_points) == (0, 1)
        assert any("notice which muscles are most tired" in r for r in score.reasons)
    # with heel-raised shoes, the quad-dominant point needs the hard-run answer too
    shoes = {**CLEAR_RAW, "shoes": "heel_raised"}
    assert (
        _profile({**shoes, "hard_run_felt_in": "evenly"})
        .score_of("heel_raised_shoes")
        .unchecked_points
        == 0
    )
    heel = _profile({**shoes, "hard_run_felt_in": "not_sure"}).score_of("heel_raised_shoes")
    assert (heel.points, heel.unchecked_points) == (1, 2)
    # flat shoes: the hard-run answer does not matter to this obstacle
    assert (
        _profile({**CLEAR_RAW, "hard_run_felt_in": "not_sure"})
        .score_of("heel_raised_shoes")
        .unchecked_points
        == 0
    )
