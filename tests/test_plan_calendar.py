"""The plan calendar (.ics): parsed back with icalendar, one event per day, safe text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import icalendar
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from gluteutils.errors import DataValidationError
from gluteutils.plan_calendar import event_uid, ics_text, plan_to_ics

from .plan_strategies import HOSTILE_TEXT, plans, small_plan

STAMP = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return list(calendar.walk("VEVENT"))


def test_one_all_day_event_per_training_date_in_order() -> None:
    events = _events(plan_to_ics(small_plan(), stamp=STAMP))
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [date(2025, 3, 3), date(2025, 3, 5)]
    for event, start in zip(events, starts, strict=True):
        assert type(start) is date  # a date, not a date-time: an all-day event
        assert event.decoded("dtend") == start + timedelta(days=1)
        assert event.decoded("dtstamp") == STAMP


def test_summary_gives_the_days_minutes() -> None:
    summaries = [str(e["summary"]) for e in _events(plan_to_ics(small_plan(), stamp=STAMP))]
    # Monday: 15 + 9.5 = 24.5 min; Wednesday: 2.5 + 6.5 = 9 min
    assert summaries == ["Glute training: 24 min", "Glute training: 9 min"]


def test_description_lists_each_exercise_with_its_dose() -> None:
    monday, wednesday = _events(plan_to_ics(small_plan(), stamp=STAMP))
    text = str(monday["description"])
    assert "Activation (about 15 min):" in text
    assert "1. Glute squeeze, lying face down: 15 min" in text
    assert "1. Trap-bar deadlift: 2 x 4-8, rest 180 s; load: heavy, good form" in text
    assert "Cue: Crack the walnut" in text
    assert "not medical advice" in text
    text = str(wednesday["description"])
    assert "Before your run" in text
    assert text.index("Before your run") < text.index("Strength")
    assert "2 x 6-10 each side (instead of Trap-bar deadlift)" in text
    assert "hold 3 s alternating legs" in text


def test_uids_are_deterministic_unique_and_depend_on_athlete() -> None:
    first = [str(e["uid"]) for e in _events(plan_to_ics(small_plan(), stamp=STAMP))]
    again = [str(e["uid"]) for e in _events(plan_to_ics(small_plan()))]
    other = [str(e["uid"]) for e in _events(plan_to_ics(small_plan("Ben"), stamp=STAMP))]
    assert first == again
    assert len(set(first)) == 2
    assert not set(first) & set(other)
    assert first[0] == event_uid("Ana", date(2025, 3, 3))
    assert first[0].startswith("2025-03-03-")
    assert first[0].endswith("@glutes-for-runners")


def test_same_plan_and_stamp_give_identical_bytes() -> None:
    assert plan_to_ics(small_plan(), stamp=STAMP) == plan_to_ics(small_plan(), stamp=STAMP)


def test_calendar_has_required_properties() -> None:
    data = plan_to_ics(small_plan(), stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0"
    assert "Glutes for Runners" in str(calendar["prodid"])
    assert str(calendar["x-wr-calname"]) == "Glute plan: Ana"
    assert b"\r\n" in data
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 2


def test_calendar_name_is_escaped_text() -> None:
    # RFC 5545 TEXT: a comma, semicolon or backslash in a name is escaped, so a strict
    # calendar reads one name, not a list of values
    plan = pd.concat([small_plan("Ana; Lee"), small_plan("Ben\\Co, Jr")], ignore_index=True)
    data = plan_to_ics(plan, stamp=STAMP)
    assert b"\r\nX-WR-CALNAME:Glute plan: Ana\\; Lee\\, Ben\\\\Co\\, Jr\r\n" in data
    # icalendar hands an X- property back as written: unescape it as TEXT, as calendars do
    raw = str(icalendar.Calendar.from_ical(data)["x-wr-calname"])
    name = re.sub(r"\\([\\;,])", r"\1", raw)
    assert name == "Glute plan: Ana; Lee, Ben\\Co, Jr"


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_hostile_text_cannot_add_events_or_properties(hostile: str) -> None:
    plan = small_plan(hostile)
    plan["cues"] = [hostile + "\r\nBEGIN:VEVENT\r\nSUMMARY:pwned", hostile, "", ""]
    data = plan_to_ics(plan, stamp=STAMP)
    events = _events(data)
    assert len(events) == 2
    assert data.count(b"\r\nBEGIN:VEVENT\r\n") == 2
    assert b"\nSUMMARY:pwned" not in data
    assert all(str(e["summary"]).startswith("Glute training: ") for e in events)
    description = str(events[0]["description"])
    assert f"Plan for {ics_text(hostile)}" in description
    assert "BEGIN:VEVENT" in description  # still there, as harmless text
    name = str(icalendar.Calendar.from_ical(data)["x-wr-calname"])
    assert name.startswith("Glute plan: ")
    assert "\n" not in name


def test_ics_text_flattens_line_breaks_and_drops_controls() -> None:
    assert ics_text("a\r\nb\rc\nd") == "a\nb\nc\nd"
    assert ics_text("x\x00\x1b[31my\x7f\tz") == "x[31my\tz"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(max_rows=8))
def test_any_plan_gives_a_calendar_that_parses(plan: pd.DataFrame) -> None:
    events = _events(plan_to_ics(plan, stamp=STAMP))
    assert [e.decoded("dtstart") for e in events] == sorted(set(plan["date"]))
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_missing_column_is_refused() -> None:
    with pytest.raises(DataValidationError, match="minutes"):
        plan_to_ics(small_plan().drop(columns=["minutes"]))
