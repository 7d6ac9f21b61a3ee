"""Next-step suggestions: every rule on its own, then how they combine."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from gluteutils import suggestions as sg
from gluteutils.assessment_questions import REFERRAL_MESSAGE
from gluteutils.exercises import load_exercises
from gluteutils.library import load_table
from gluteutils.plan import build_plan
from gluteutils.plan_profile import validate_profile
from gluteutils.progress import bridge_tests
from tests.progress_logs import log_following, make_log, sets

LIBRARY = load_exercises()
INFOS = sg.exercise_infos(LIBRARY)
MONDAY = date(2025, 3, 3)


def _plan() -> pd.DataFrame:
    profile, messages = validate_profile(
        {
            "athlete": "Ana",
            "level": "beginner",
            "start_date": "2025-03-03",
            "weeks": 8,
            "training_days": "mon|wed|fri",
            "run_days": "tue|sat",
        }
    )
    assert profile is not None, messages
    return build_plan(profile, LIBRARY)


PLAN = _plan()


def _kinds(suggestions: list[sg.Suggestion]) -> list[tuple[str, str | None]]:
    return [(s.kind, s.exercise_id) for s in suggestions]


def _about(suggestions: list[sg.Suggestion], exercise_id: str | None) -> list[sg.Suggestion]:
    return [s for s in suggestions if s.exercise_id == exercise_id]


def _ready(day: object = "2025-03-05", exercise_id: str = "glute_bridge", **columns: object):
    """A session at the top of the range (12) with good glute feel."""
    return sets(day, exercise_id, [12, 12], **{"glute_feel": 8, **columns})


def _weeks_of_training(weeks: int, first: date = MONDAY, **columns: object) -> list[dict]:
    """``weeks`` weeks of three clamshell sessions of 2 sets each (Mon, Wed, Fri)."""
    rows: list[dict] = []
    for week in range(weeks):
        for offset in (0, 2, 4):
            day = first + timedelta(days=7 * week + offset)
            rows += sets(day, "clamshell", [10, 10], side="left", **columns)
    return rows


# --- the dataclass and the sources ---


def test_suggestion_kind_must_be_known() -> None:
    with pytest.raises(ValueError, match="unknown suggestion kind"):
        sg.Suggestion(None, "go_faster", "Run.")


def test_every_cited_source_is_in_the_sources_table() -> None:
    known = set(load_table("sources")["source_id"])
    cited = {
        *sg.PAIN_SOURCES,
        *sg.PROGRESS_SOURCES,
        *sg.STEP_BACK_SOURCES,
        *sg.POOR_FEEL_SOURCES,
        *sg.LIGHTER_WEEK_SOURCES,
        *sg.ASYMMETRY_SOURCES,
    }
    assert cited <= known
    flag = sg.rule_red_flags(["flag_groin_pain", "flag_hip_catching"])
    assert flag is not None
    assert set(flag.sources) <= known


# --- rule 1: red flags ---


def test_red_flag_rule() -> None:
    assert sg.rule_red_flags([]) is None
    flag = sg.rule_red_flags(["flag_night_pain"])
    assert flag is not None
    assert (flag.kind, flag.exercise_id) == ("stop_and_see_clinician", None)
    assert flag.message == REFERRAL_MESSAGE
    assert "ahcpr_1994" in flag.sources
    assert len(flag.reasons) == 1
    with pytest.raises(ValueError, match="not a red flag: flag_sore_toe"):
        sg.rule_red_flags(["flag_sore_toe"])


def test_a_red_flag_stops_everything_even_a_ready_progression() -> None:
    log = make_log(_ready())
    assert sg.suggest_next_steps(log)[0].kind == "progress"
    result = sg.suggest_next_steps(log, red_flags=["flag_numbness"])
    assert _kinds(result) == [("stop_and_see_clinician", None)]
    assert _kinds(sg.suggest_next_steps(make_log([]), red_flags=["flag_trauma"])) == [
        ("stop_and_see_clinician", None)
    ]


# --- rule 2: pain ---


@pytest.mark.parametrize(("pain", "stops"), [(0, False), (3, False), (4, True), (10, True)])
def test_pain_rule_threshold(pain: int, stops: bool) -> None:
    log = make_log(sets("2025-03-05", "glute_bridge", [10], pain=pain, pain_where="left knee"))
    result = sg.rule_pain(log, INFOS["glute_bridge"])
    assert (result is not None) is stops
    if result is not None:
        assert result.kind == "stop_and_see_clinician"
        assert "Glute bridge" in result.message
        assert f"pain {pain} out of 10 (left knee)" in result.reasons[0]
        # the line is the curriculum's own; the source is cited for whom to see
        assert "this curriculum's safety rule, not a research cut-off" in result.reasons[-1]
        assert result.sources == sg.PAIN_SOURCES


def test_pain_overrides_progress_for_that_exercise_and_comes_first() -> None:
    log = make_log(
        _ready(pain=[0, 4])
        + _ready(exercise_id="clamshell", side="left")
        + [{**r, "set": 3} for r in _ready(exercise_id="clamshell", side="right")]
    )
    result = sg.suggest_next_steps(log)
    assert result[0].kind == "stop_and_see_clinician"
    assert result[0].exercise_id == "glute_bridge"
    assert _kinds(_about(result, "glute_bridge")) == [("stop_and_see_clinician", "glute_bridge")]
    assert not [s for s in result if s.kind == "progress"]
    clamshell = _about(result, "clamshell")
    assert _kinds(clamshell) == [("hold", "clamshell")]
    assert "No progression while a pain check is pending." in clamshell[0].reasons


def test_pain_anywhere_is_the_first_suggestion_whatever_else_applies() -> None:
    rows = _weeks_of_training(4, glute_feel=8)  # four loading weeks: a lighter week is due
    rows += sets("2025-04-04", "glute_bridge", [8], glute_feel=2)  # poor feel: step back
    rows += sets("2025-04-04", "hip_thrust", [10], load=40, pain=6, pain_where="groin")
    result = sg.suggest_next_steps(make_log(rows))
    kinds = [s.kind for s in result]
    assert kinds[0] == "stop_and_see_clinician"
    assert "step_back" in kinds
    assert "lighter_week" in kinds
    assert kinds == sorted(kinds, key=sg.SUGGESTION_KINDS.index)


def test_pain_in_a_test_set_stops_the_exercise_and_its_asymmetry_flag() -> None:
    rows = sets("2025-03-05", "single_leg_glute_bridge", [20], side="left", set_type="test")
    rows += sets(
        "2025-03-05",
        "single_leg_glute_bridge",
        [10],
        side="right",
        set_type="test",
        pain=5,
    )
    result = sg.suggest_next_steps(make_log(rows))
    assert _kinds(result) == [("stop_and_see_clinician", "single_leg_glute_bridge")]


def test_pain_counts_for_the_last_fourteen_days_only() -> None:
    today = date(2025, 3, 31)
    for days_ago, stops in ((13, True), (14, False)):
        rows = sets(today - timedelta(days=days_ago), "glute_bridge", [10], pain=5)
        rows += [{**r, "set": 5} for r in _ready(today)]
        result = sg.suggest_next_steps(make_log(rows), today=today)
        assert (result[0].kind == "stop_and_see_clinician") is stops


# --- rules 6 and 7: progress or hold ---


def test_progress_on_body_weight_offers_the_harder_variations() -> None:
    result = sg.rule_progress(make_log(_ready()), INFOS["glute_bridge"], 12)
    assert result is not None
    assert result.kind == "progress"
    assert "Single-leg glute bridge" in result.message
    assert "Barbell hip thrust" in result.message
    assert result.reasons[0] == "All 2 sets reached 12 repetitions, the top of the range."
    assert "ratamess_2009" in result.sources


@pytest.mark.parametrize(
    ("load", "unit", "expected"),
    [(60, "kg", "from 60 kg to 61.2-66 kg"), (135, "lb", "from 135 lb to 137.7-148.5 lb")],
)
def test_progress_of_a_loaded_lift_adds_two_to_ten_percent(
    load: float, unit: str, expected: str
) -> None:
    session = make_log(_ready(exercise_id="hip_thrust", load=load, load_unit=unit))
    result = sg.rule_progress(session, INFOS["hip_thrust"], 12)
    assert result is not None
    assert expected in result.message
    assert sg.load_step(60) == (61.2, 66.0)


def test_progress_without_a_harder_variation_suggests_a_small_load() -> None:
    session = make_log(_ready(exercise_id="side_plank_abduction", side="left"))
    result = sg.rule_progress(session, INFOS["side_plank_abduction"], 12)
    assert result is not None
    assert "no harder variation" in result.message


@pytest.mark.parametrize(
    ("reps", "feel", "met", "why"),
    [
        ([12, 12], [7, 7], True, "Glute feel 7 or more on every set (lowest 7)."),
        ([12, 12], [7, 6], False, "Glute feel below 7 on 1 of 2 sets (lowest 6)."),
        ([12, 11], [9, 9], False, "1 of 2 sets reached 12 repetitions"),
        ([12, 12], [8, None], False, "1 of 2 sets have no glute-feel rating"),
        ([12], [8], True, "The only set reached 12 repetitions"),
    ],
)
def test_progress_criteria(reps: list[int], feel: list, met: bool, why: str) -> None:
    session = make_log(sets("2025-03-05", "glute_bridge", reps, glute_feel=feel))
    ok, reasons = sg.progress_check(session, INFOS["glute_bridge"], 12)
    assert ok is met
    assert any(why in r for r in reasons), reasons
    assert (sg.rule_progress(session, INFOS["glute_bridge"], 12) is not None) is met


@pytest.mark.parametrize(
    ("reps", "seconds", "why"),
    [
        ([None], [45], "The only set was logged in seconds; Glute bridge is counted in"),
        ([12, None], [None, 45], "1 of 2 sets were logged in seconds"),
    ],
)
def test_sets_of_a_repetition_exercise_logged_in_seconds_are_named(
    reps: list[int | None], seconds: list[int | None], why: str
) -> None:
    # "did not reach 12 repetitions" alone left a runner who timed the set puzzled
    day = sets("2025-03-05", "glute_bridge", reps, duration_s=seconds, glute_feel=8)
    ok, reasons = sg.progress_check(make_log(day), INFOS["glute_bridge"], 12)
    assert not ok
    assert any(r.startswith(why) for r in reasons), reasons


def test_a_session_that_is_not_ready_holds_and_says_why() -> None:
    result = sg.suggest_next_steps(make_log(sets("2025-03-05", "glute_bridge", [12, 10])))
    assert _kinds(result) == [("hold", "glute_bridge")]
    assert "progress once every set reaches the top of the range" in result[0].message
    assert any("1 of 2 sets reached 12" in r for r in result[0].reasons)


def test_the_plan_sets_the_top_of_the_range_when_given() -> None:
    plan = PLAN.copy()
    plan.loc[plan["exercise_id"] == "glute_bridge", "reps_max"] = 10
    log = make_log(sets("2025-03-19", "glute_bridge", [10, 10], glute_feel=8))
    assert sg.top_of_range("glute_bridge", pd.Timestamp("2025-03-19"), INFOS["glute_bridge"]) == 12
    day = pd.Timestamp("2025-03-19")
    assert sg.top_of_range("glute_bridge", day, INFOS["glute_bridge"], plan) == 10
    assert _kinds(sg.suggest_next_steps(log)) == [("hold", "glute_bridge")]
    assert _kinds(sg.suggest_next_steps(log, plan)) == [("progress", "glute_bridge")]


def test_timed_exercises_hold_as_planned() -> None:
    log = make_log(
        [{"datetime": "2025-03-05", "exercise_id": "glute_squeeze_prone", "duration_s": 60}]
    )
    result = sg.suggest_next_steps(log)
    assert _kinds(result) == [("hold", "glute_squeeze_prone")]
    assert result[0].message.endswith("keep the same dose and load as planned.")
    assert "done for time or distance" in result[0].reasons[0]


# --- rule 3: step back ---


@pytest.mark.parametrize(("feel", "steps_back"), [([3, 3], True), ([2, 5], True), ([4, 4], False)])
def test_step_back_on_poor_glute_feel(feel: list[int], steps_back: bool) -> None:
    history = make_log(sets("2025-03-05", "glute_bridge", [12, 12], glute_feel=feel))
    result = sg.rule_step_back(history, INFOS["glute_bridge"])
    assert (result is not None) is steps_back
    if result is not None:
        assert result.kind == "step_back"
        assert "Glute squeeze, lying face down" in result.message  # the easier variation
        assert "physical therapist" in result.message
        assert "prince_uesca" in result.sources


def _thrusts(rpe: list[float] | None = None, rir: list[float] | None = None, loads=(60, 60, 60)):
    rows = []
    for i, load in enumerate(loads):
        columns: dict[str, object] = {"load": load, "glute_feel": 8}
        if rpe is not None:
            columns["rpe"] = rpe[i]
        if rir is not None:
            columns["rir"] = rir[i]
        rows += sets(date(2025, 3, 3) + timedelta(days=2 * i), "hip_thrust", [12, 12], **columns)
    return make_log(rows)


@pytest.mark.parametrize(
    ("history", "steps_back"),
    [
        (_thrusts(rpe=[6, 7, 8.5]), True),
        (_thrusts(rir=[3, 2, 1]), True),
        (_thrusts(rpe=[6, 8, 8]), False),  # not rising every time
        (_thrusts(rpe=[6, 6.4, 6.8]), False),  # rising, but by less than a point in all
        (_thrusts(rpe=[6, 6.5, 7]), True),  # a point in all
        (_thrusts(rpe=[6, 7, 8], loads=(60, 62.5, 65)), False),  # heavier: expected to be harder
        (_thrusts(rpe=[6, 7, 8], loads=(65, 62.5, 60)), True),  # harder at a lighter load
    ],
)
def test_step_back_on_rising_effort(history: pd.DataFrame, steps_back: bool) -> None:
    result = sg.rule_step_back(history, INFOS["hip_thrust"])
    assert (result is not None) is steps_back
    if result is not None:
        assert "over the last 3 times at no heavier load" in result.reasons[0]


def test_two_sessions_are_not_a_trend() -> None:
    history = _thrusts(rpe=[6, 7, 8]).iloc[2:]
    assert sg.rule_step_back(history, INFOS["hip_thrust"]) is None


def test_step_back_wins_over_progress_and_rising_effort_blocks_it() -> None:
    result = sg.suggest_next_steps(_thrusts(rpe=[6, 7, 8]))
    assert _kinds(result) == [("step_back", "hip_thrust")]


# --- rule 4: lighter week ---


def test_loading_weeks_count_finished_weeks_only() -> None:
    log = make_log(_weeks_of_training(4))
    assert sg.loading_weeks(log, date(2025, 3, 31)) == 4
    assert sg.loading_weeks(log, date(2025, 3, 28)) == 3  # week 4 is not over yet
    assert sg.loading_weeks(log, date(2025, 4, 7)) == 0  # a week without training


def test_a_week_with_clearly_fewer_sets_ends_the_run() -> None:
    rows = _weeks_of_training(5)
    # Week 3 (from 17 March): one session instead of three.
    rows = [
        r
        for r in rows
        if not date(2025, 3, 18) <= pd.Timestamp(r["datetime"]).date() <= date(2025, 3, 23)
    ]
    assert sg.loading_weeks(make_log(rows), date(2025, 4, 7)) == 2


@pytest.mark.parametrize(("weeks", "due"), [(3, False), (4, True), (6, True)])
def test_lighter_week_after_four_to_six_loading_weeks(weeks: int, due: bool) -> None:
    log = make_log(_weeks_of_training(weeks))
    today = MONDAY + timedelta(days=7 * weeks)
    result = sg.rule_lighter_week(log, today)
    assert (result is not None) is due
    if result is not None:
        assert (result.kind, result.exercise_id) == ("lighter_week", None)
        assert f"{weeks} loading weeks in a row" in result.reasons[0]
        assert ("overdue" in result.reasons[0]) is (weeks >= 6)
        assert "this curriculum's plans put one every 4 to 6 weeks" in result.reasons[0]
        assert "not a figure from ACSM" in result.reasons[1]
        assert result.message.startswith("Make your next week a lighter week.")
        assert result.sources == ("ratamess_2009",)


def test_weeks_of_only_activation_work_are_not_loading_weeks() -> None:
    """Without a plan the library tells skill work (activation, drills) from loading."""
    rows = []
    for week in range(2):  # two weeks of activation only, as a plan's activate stage
        for offset in (0, 2, 4):
            day = MONDAY + timedelta(days=7 * week + offset)
            rows += sets(day, "donkey_kick", [10, 10], side="left")
    rows += _weeks_of_training(3, first=MONDAY + timedelta(days=14))  # then three of clamshells
    log, today = make_log(rows), MONDAY + timedelta(days=35)
    infos = sg.exercise_infos(LIBRARY)
    assert infos["donkey_kick"].category == "activation"
    assert sg.loading_weeks(log, today) == 5  # without the library every set counts
    assert sg.loading_weeks(log, today, infos=infos) == 3
    assert sg.rule_lighter_week(log, today, infos=infos) is None
    assert ("lighter_week", None) not in _kinds(sg.suggest_next_steps(log, today=today))
    # an exercise the library does not know counts as loading: the cautious choice
    unknown = make_log([{**r, "exercise_id": "sled_push"} for r in rows[:12]] + rows[12:])
    assert sg.loading_weeks(unknown, today, infos=infos) == 5


def test_lighter_week_when_weekly_effort_keeps_rising() -> None:
    rows = []
    for week, rpe in enumerate((6, 7, 8)):
        rows += sets(MONDAY + timedelta(days=7 * week), "clamshell", [10], side="left", rpe=rpe)
    result = sg.rule_lighter_week(make_log(rows), date(2025, 3, 17))
    assert result is not None
    assert result.reasons == ("Mean RPE rose over the last 3 weeks: 6, 7, 8.",)


def test_the_plans_lighter_weeks_end_a_run_and_are_named() -> None:
    log = log_following(PLAN, glute_feel=8)
    # Weeks 1-2 are the activate stage (no strength days): they are not loading weeks.
    # Weeks 3-7 load (week 7, which opens the integrate stage, cannot be the lighter one),
    # and week 8 (from 21 April) is lighter.
    assert set(PLAN.loc[PLAN["stage"] == "activate", "week"]) == {1, 2}
    assert set(PLAN.loc[PLAN["lighter_week"] == "yes", "week"]) == {8}
    during = sg.rule_lighter_week(log[log["datetime"] < "2025-04-24"], date(2025, 4, 23), PLAN)
    assert during is not None
    assert "5 loading weeks in a row" in during.reasons[0]
    assert during.message.startswith("Your plan makes this a lighter week")
    before = sg.rule_lighter_week(log[log["datetime"] < "2025-04-12"], date(2025, 4, 11), PLAN)
    assert before is None  # only three finished loading weeks (3-5)
    assert sg.loading_weeks(log[log["datetime"] < "2025-04-12"], date(2025, 4, 11), PLAN) == 3
    ahead = sg.rule_lighter_week(log[log["datetime"] < "2025-04-19"], date(2025, 4, 18), PLAN)
    assert ahead is not None  # four finished (3-6), and the plan's lighter week is next
    assert ahead.message.startswith("Your plan makes next week a lighter week")
    assert sg.loading_weeks(log, date(2025, 4, 28), PLAN) == 0  # week 8 ended the run


def test_a_lighter_week_blocks_progress() -> None:
    rows = _weeks_of_training(4, glute_feel=8) + _ready(date(2025, 3, 31))
    result = sg.suggest_next_steps(make_log(rows))
    assert ("lighter_week", None) in _kinds(result)
    bridge = _about(result, "glute_bridge")
    assert _kinds(bridge) == [("hold", "glute_bridge")]
    assert "A lighter week comes first: progress after it." in bridge[0].reasons


# --- rule 5: left-right gap ---


def _bridge_test(day: str, left: int, right: int) -> list[dict]:
    rows = sets(day, "single_leg_glute_bridge", [left], side="left", set_type="test")
    return rows + sets(day, "single_leg_glute_bridge", [right], side="right", set_type="test")


@pytest.mark.parametrize(
    ("left", "right", "flagged", "weaker"),
    [(20, 17, False, ""), (20, 16, True, "right"), (16, 20, True, "left"), (17, 20, False, "")],
)
def test_asymmetry_is_flagged_over_fifteen_percent_only(
    left: int, right: int, flagged: bool, weaker: str
) -> None:
    result = sg.rule_asymmetry(bridge_tests(make_log(_bridge_test("2025-03-05", left, right))))
    assert (result is not None) is flagged
    if result is not None:
        assert (result.kind, result.exercise_id) == ("flag_asymmetry", "single_leg_glute_bridge")
        assert f"your {weaker} side is behind" in result.message
        assert "20 % fewer" in result.reasons[1]
        assert "planning threshold" in result.reasons[1]
        assert "freckleton_2014" in result.sources


def test_the_latest_bridge_test_decides() -> None:
    improved = _bridge_test("2025-03-05", 20, 10) + _bridge_test("2025-04-05", 20, 19)
    assert sg.rule_asymmetry(bridge_tests(make_log(improved))) is None
    worse = _bridge_test("2025-03-05", 20, 19) + _bridge_test("2025-04-05", 20, 10)
    assert sg.rule_asymmetry(bridge_tests(make_log(worse))) is not None
    assert sg.rule_asymmetry(bridge_tests(make_log([]))) is None


def test_a_flagged_gap_comes_with_the_other_suggestions() -> None:
    result = sg.suggest_next_steps(make_log(_bridge_test("2025-03-05", 16, 20) + _ready()))
    assert _kinds(result) == [
        ("flag_asymmetry", "single_leg_glute_bridge"),
        ("progress", "glute_bridge"),
    ]


# --- putting them together ---


def test_an_empty_log_gives_no_suggestions() -> None:
    assert sg.suggest_next_steps(make_log([])) == []


def test_sets_after_today_and_exercises_not_done_lately_are_ignored() -> None:
    rows = _ready("2025-03-05") + sets("2025-03-20", "glute_bridge", [5], pain=8)
    rows += sets("2025-02-10", "clamshell", [10], side="left")  # 23 days before
    result = sg.suggest_next_steps(make_log(rows), today="2025-03-05")
    assert _kinds(result) == [("progress", "glute_bridge")]


def test_every_recent_exercise_gets_exactly_one_main_suggestion() -> None:
    log = log_following(PLAN, glute_feel=8)
    result = sg.suggest_next_steps(log, PLAN, today=date(2025, 4, 26))
    main = [
        s for s in result if s.kind in {"stop_and_see_clinician", "step_back", "hold", "progress"}
    ]
    ids = [s.exercise_id for s in main]
    assert len(ids) == len(set(ids))
    recent = log[(log["datetime"] > "2025-04-12T23:59") & (log["set_type"] == "working")]
    assert set(ids) == set(recent["exercise_id"])
    # Library order within a kind.
    positions = [INFOS[s.exercise_id].position for s in result if s.kind == "progress"]
    assert positions == sorted(positions)


def test_suggestions_frame() -> None:
    result = sg.suggest_next_steps(make_log(_ready()))
    frame = sg.suggestions_frame(result)
    assert list(frame.columns) == ["kind", "exercise_id", "message", "reasons", "sources"]
    assert frame.loc[0, "kind"] == "progress"
    assert frame.loc[0, "sources"] == "ratamess_2009|arsenault_livestrong"
    assert "All 2 sets reached 12" in frame.loc[0, "reasons"]
    assert sg.suggestions_frame([]).empty
