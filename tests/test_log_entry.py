"""Logging by hand: planned sessions, pre-filled sets, checks of typed values, log rows."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from gluteutils.exercises import load_exercises
from gluteutils.log_columns import LOG_COLUMNS
from gluteutils.log_entry import (
    PlannedSession,
    SetEntry,
    check_session,
    check_set,
    clean_note,
    entries_to_log,
    needs_clinician,
    planned_sessions,
    planned_sets,
    session_for_day,
)
from gluteutils.log_io import log_to_csv, read_log
from gluteutils.sample_log import sample_plan

LIBRARY = load_exercises()
IDS = set(LIBRARY["exercise_id"])
NAMES = dict(zip(LIBRARY["exercise_id"], LIBRARY["name"], strict=True))
NOW = datetime(2025, 4, 14, 20, 0)
GOOD = {"exercise_id": "glute_bridge", "side": "both", "reps": "12", "glute_feel": "7"}


@pytest.fixture(scope="module")
def plan() -> pd.DataFrame:
    return sample_plan(LIBRARY)


def session_on(sessions: list[PlannedSession], day: str, part: str) -> PlannedSession:
    return next(s for s in sessions if s.day == date.fromisoformat(day) and s.session == part)


# --- planned sessions and sets ---


def test_planned_sessions_lists_each_date_and_session_once_in_order(plan) -> None:
    sessions = planned_sessions(plan)
    assert len(sessions) == len(plan.groupby(["date", "session"]))
    monday = [s.session for s in sessions if s.day == date(2025, 4, 14)]
    assert monday == ["activation", "strength"]
    assert [s.day for s in sessions] == sorted(s.day for s in sessions)
    first = sessions[0]
    assert first.week == 1
    assert first.label.startswith("Mon 3 Mar 2025 (week 1): activation")


def test_planned_sessions_of_an_empty_plan_is_empty(plan) -> None:
    assert planned_sessions(plan.iloc[0:0]) == []


def test_session_for_day_picks_today_then_the_last_one_before(plan) -> None:
    sessions = planned_sessions(plan)
    assert session_for_day(sessions, date(2025, 4, 14)) == session_on(
        sessions, "2025-04-14", "activation"
    )
    # Sunday: no session, so the last one before it (Saturday's pre-run routine)
    assert session_for_day(sessions, date(2025, 4, 20)) == session_on(
        sessions, "2025-04-19", "pre_run"
    )
    assert session_for_day(sessions, date(2024, 1, 1)) == sessions[0]
    assert session_for_day([], date(2025, 4, 14)) is None


def test_planned_sets_give_a_row_per_set_and_side_with_the_bottom_of_the_range(plan) -> None:
    strength = session_on(planned_sessions(plan), "2025-04-14", "strength")  # not a lighter week
    drafts = planned_sets(plan, strength, LIBRARY)
    single_leg = [d for d in drafts if d.exercise_id == "single_leg_deadlift"]
    # the plan asks for 3 sets on each side: left then right for every set
    assert [d.side for d in single_leg] == ["left", "right"] * 3
    assert {d.reps for d in single_leg} == {"6"}
    assert all(d.duration_s == "" for d in single_leg)
    assert single_leg[0].target == "set 1 of 3, left: 6-10 reps"
    trap_bar = [d for d in drafts if d.exercise_id == "trap_bar_deadlift"]
    assert len(trap_bar) == 3
    assert {d.load_unit for d in trap_bar} == {"kg"}
    bridge = [d for d in drafts if d.exercise_id == "single_leg_glute_bridge"]
    assert bridge[0].load_unit == ""  # body weight: no unit offered
    assert "squeeze 2 s at the top" in bridge[0].target
    planned = plan[(plan["date"] == strength.day) & (plan["session"] == "strength")]
    expected = sum(int(r.sets) * (2 if r.side == "each_side" else 1) for r in planned.itertuples())
    assert len(drafts) == expected


def test_a_time_boxed_move_gives_one_timed_row_of_its_planned_minutes(plan) -> None:
    activation = session_on(planned_sessions(plan), "2025-03-03", "activation")
    drafts = planned_sets(plan, activation, LIBRARY)
    rows = plan[(plan["date"] == activation.day) & (plan["session"] == "activation")]
    assert [d.exercise_id for d in drafts] == list(rows.sort_values("order")["exercise_id"])
    squeeze = drafts[0]
    minutes = float(rows.iloc[0]["minutes"])
    assert squeeze.reps == ""
    assert squeeze.duration_s == str(round(minutes * 60))
    assert squeeze.target == f"about {minutes:g} minutes in all"


# --- checking a set ---


def test_a_good_set_is_typed() -> None:
    raw = {
        "exercise_id": "single_leg_deadlift",
        "side": "left",
        "reps": " 8 ",
        "load": "22,5",
        "load_unit": "kg",
        "rpe": "7.5",
        "glute_feel": "8",
        "pain": "0",
        "pain_where": "",
        "notes": "steady\r\nbalance",
    }
    entry, messages = check_set(raw, IDS)
    assert messages == {}
    assert entry == SetEntry(
        "single_leg_deadlift", "left", 8, None, 22.5, "kg", 7.5, 8, 0, "", "steady balance"
    )


def _full_width(text: str) -> str:
    """The text as a Japanese or Chinese keyboard types it (U+FF01 to U+FF5E)."""
    return "".join(chr(ord(c) + 0xFEE0) for c in text)


def test_full_width_digits_read_as_plain_ones() -> None:
    # the plan form and the self-assessment already took them; the log form refused them
    raw = {"exercise_id": "single_leg_deadlift", "side": "left", "load_unit": "kg"}
    numbers = {"reps": "12", "load": "22,5", "glute_feel": "8", "pain": "0"}
    entry, messages = check_set({**raw, **{k: _full_width(v) for k, v in numbers.items()}}, IDS)
    assert messages == {}
    assert entry is not None
    assert (entry.reps, entry.load, entry.glute_feel, entry.pain) == (12, 22.5, 8, 0)


def test_a_timed_set_without_load_has_no_unit() -> None:
    entry, messages = check_set(
        {"exercise_id": "glute_squeeze_prone", "duration_s": "90", "load_unit": "kg"}, IDS
    )
    assert messages == {}
    assert entry is not None
    assert (entry.reps, entry.duration_s, entry.load, entry.load_unit) == (None, 90, None, "")
    assert entry.side == "both"  # no side chosen means both legs


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"exercise_id": ""}, "exercise_id", "choose an exercise"),
        ({"exercise_id": "moonwalk"}, "exercise_id", "not an exercise"),
        ({"side": "middle"}, "side", "left, right, both"),
        ({"reps": "ten"}, "reps", "must be a number"),
        ({"reps": "-3"}, "reps", "0 or more"),
        ({"reps": "12.5"}, "reps", "whole number"),
        ({"reps": "501"}, "reps", "at most 500"),
        ({"reps": "", "duration_s": ""}, "reps", "give the repetitions"),
        ({"reps": "12", "duration_s": "30"}, "duration_s", "not both"),
        ({"duration_s": "-5", "reps": ""}, "duration_s", "0 or more"),
        ({"load": "heavy", "load_unit": "kg"}, "load", "must be a number"),
        ({"load": "-10", "load_unit": "kg"}, "load", "0 or more"),
        ({"load": "20", "load_unit": ""}, "load_unit", "kg or lb"),
        ({"rpe": "7.3"}, "rpe", "half"),
        ({"rpe": "0"}, "rpe", "at least 1"),
        ({"rpe": "11"}, "rpe", "at most 10"),
        ({"glute_feel": "11"}, "glute_feel", "0 to 10"),
        ({"glute_feel": "-1"}, "glute_feel", "0 or more"),
        ({"pain": "12"}, "pain", "0 to 10"),
        ({"pain": "lots"}, "pain", "must be a number"),
        ({"notes": "x" * 501}, "notes", "under 500"),
    ],
)
def test_a_bad_field_gets_its_own_message(change: dict, field: str, words: str) -> None:
    entry, messages = check_set({**GOOD, **change}, IDS)
    assert entry is None
    assert list(messages) == [field]
    assert words in messages[field]


def test_every_bad_field_is_reported_at_once() -> None:
    raw = {"exercise_id": "", "reps": "ten", "pain": "11", "rpe": "x"}
    _, messages = check_set(raw, IDS)
    assert set(messages) == {"exercise_id", "reps", "pain", "rpe"}


def test_clean_note_keeps_one_line_without_control_characters() -> None:
    assert clean_note("  left glute\rafter set 2\n\x00 ") == "left glute after set 2"
    assert clean_note("=1+1") == "=1+1"  # formulas are neutralised on export, not here


# --- checking the session ---


def test_a_good_session() -> None:
    session, messages = check_session(" Ana ", "2025-04-14", "18:30", NOW)
    assert messages == {}
    assert session == ("Ana", datetime(2025, 4, 14, 18, 30))


@pytest.mark.parametrize(
    ("athlete", "day", "time", "field", "words"),
    [
        ("", "2025-04-14", "18:30", "athlete", "type your name"),
        ("A" * 81, "2025-04-14", "18:30", "athlete", "80 characters"),
        ("Ana", "14/04/2025", "18:30", "day", "YYYY-MM-DD"),
        ("Ana", "2025-02-30", "18:30", "day", "real calendar date"),
        ("Ana", "2025-04-14", "6.30pm", "time", "HH:MM"),
        ("Ana", "2025-04-14", "24:10", "time", "00:00 to 23:59"),
        ("Ana", "2025-04-14", "20:01", "day", "in the future"),
        ("Ana", "2025-04-15", "07:00", "day", "in the future"),
        ("Ana", "1899-12-31", "07:00", "day", "in the years 1900 to 2100"),
        # before 1678 pandas cannot hold the time: the Save button used to crash
        ("Ana", "1066-10-14", "07:00", "day", "in the years 1900 to 2100"),
        ("Ana", "0001-01-01", "07:00", "day", "in the years 1900 to 2100"),
    ],
)
def test_a_bad_session_field_gets_a_message(
    athlete: str, day: str, time: str, field: str, words: str
) -> None:
    session, messages = check_session(athlete, day, time, NOW)
    assert session is None
    assert field in messages
    assert words in messages[field]


# --- log rows ---


def test_entries_become_numbered_log_rows_that_survive_a_file() -> None:
    entries = [
        SetEntry("single_leg_deadlift", "left", 8, None, 40.0, "lb", 7.0, 6, 0),
        SetEntry("single_leg_deadlift", "right", 8, None, 40.0, "lb", 7.0, 6, 0),
        SetEntry("single_leg_deadlift", "left", 9, None, 18.0, "kg", 8.0, 7, 0),
        SetEntry("glute_squeeze_prone", "both", None, 120, notes="=HYPERLINK(1)"),
    ]
    rows = entries_to_log(entries, "Ana <b>", datetime(2025, 4, 14, 18, 30, 45), NAMES)
    assert list(rows.columns) == list(LOG_COLUMNS)
    assert str(rows["datetime"].dtype) == "datetime64[ns]"
    assert str(rows["reps"].dtype) == "Int64"
    deadlift = rows[rows["exercise_id"] == "single_leg_deadlift"]
    assert list(zip(deadlift["side"], deadlift["set"], strict=True)) == [
        ("left", 1),
        ("left", 2),
        ("right", 1),
    ]
    first = deadlift.iloc[0]
    assert first["set_key"] == "2025-04-14T18:30|Ana <b>|single_leg_deadlift|left|1"
    assert first["load_kg"] == 18.14  # 40 lb, rounded to 0.01 kg
    assert set(rows["source"]) == {"form"}
    assert (
        rows.loc[rows["exercise_id"] == "glute_squeeze_prone", "exercise_name"].item()
        == (NAMES["glute_squeeze_prone"])
    )
    back = read_log(log_to_csv(rows), today=date(2025, 4, 14)).log
    assert_frame_equal(back, rows)


def test_needs_clinician_picks_the_sets_at_or_above_the_threshold() -> None:
    sets = [
        SetEntry("glute_bridge", "both", 10, None, pain=3),
        SetEntry("glute_bridge", "both", 10, None, pain=4),
        SetEntry("glute_bridge", "both", 10, None),
    ]
    assert needs_clinician(sets, 4) == [sets[1]]
    assert needs_clinician(sets, 5) == []
