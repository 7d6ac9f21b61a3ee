"""BrowserClock: the page's offset from UTC, and the log form's date and time from it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gluteutils.browser_clock import BrowserClock
from gluteutils.exercises import load_exercises
from gluteutils.log_form import LogForm
from gluteutils.sample_log import sample_plan

LIBRARY = load_exercises()
MOMENT = datetime(2026, 11, 22, 9, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "local"),
    [
        (660, datetime(2026, 11, 22, 20, 5)),  # Sydney in summer
        (-300, datetime(2026, 11, 22, 4, 5)),  # New York in winter
        (840, datetime(2026, 11, 22, 23, 5)),  # Kiritimati, the first to a new day
        (-720, datetime(2026, 11, 21, 21, 5)),  # the last
    ],
)
def test_the_page_offset_gives_the_local_time(offset: int, local: datetime) -> None:
    clock = BrowserClock()
    clock.utc_offset_minutes = offset
    assert clock.now(MOMENT) == local


@pytest.mark.parametrize("offset", [None, 15 * 60, -13 * 60])
def test_without_a_real_offset_the_computer_clock_is_used(offset: int | None) -> None:
    clock = BrowserClock()
    clock.utc_offset_minutes = offset
    assert clock.utc_offset_minutes is None
    assert clock.now(MOMENT) == MOMENT.astimezone().replace(tzinfo=None)
    assert abs(clock.now() - datetime.now()) < timedelta(seconds=5)


def _offset_from_here(hours: int) -> int:
    """An offset ``hours`` ahead of this computer's own."""
    here = datetime.now().astimezone().utcoffset()
    assert here is not None
    return int(here.total_seconds() // 60) + hours * 60


def test_the_log_form_fills_in_the_page_date_and_time(tmp_path) -> None:
    form = LogForm(folder=tmp_path, library=LIBRARY)
    assert form.clock in form.widget.children
    offset = _offset_from_here(10 if _offset_from_here(10) <= 14 * 60 else -10)
    form.clock.utc_offset_minutes = offset  # as the page sends it
    expected = form.clock.now()
    assert form.day.value == expected.date().isoformat()
    assert form.time.value[:2] == f"{expected:%H}"


def test_a_session_just_done_east_of_the_server_is_not_in_the_future(tmp_path) -> None:
    # before: the server's clock (UTC on Binder) refused an evening session in Sydney
    form = LogForm(folder=tmp_path, library=LIBRARY)
    ahead = 14 * 60 - _offset_from_here(0) > 60  # room to be an hour or more ahead
    offset = _offset_from_here(3) if ahead else _offset_from_here(0)
    form.clock.utc_offset_minutes = offset
    done = form.clock.now() - timedelta(minutes=30)
    form.athlete.value = "Ana"
    form.day.value, form.time.value = done.date().isoformat(), f"{done:%H:%M}"
    row = form.add_set("glute_bridge")
    for name, value in {"reps": "12", "glute_feel": "7", "pain": "0"}.items():
        row.inputs[name].value = value
    form.save()
    assert form.messages == {}
    assert form.result is not None


def test_a_date_the_runner_typed_is_kept_when_the_page_reports(tmp_path) -> None:
    form = LogForm(folder=tmp_path, library=LIBRARY)
    form.day.value, form.time.value = "2025-03-03", "07:00"
    form.clock.utc_offset_minutes = _offset_from_here(-5)
    assert (form.day.value, form.time.value) == ("2025-03-03", "07:00")


def test_a_form_given_its_moment_ignores_the_page(tmp_path) -> None:
    fixed = datetime(2025, 4, 14, 20, 0)
    form = LogForm(plan=sample_plan(LIBRARY), folder=tmp_path, library=LIBRARY, now=fixed)
    picked = form.session.value
    form.clock.utc_offset_minutes = _offset_from_here(-9)
    assert form.now() == fixed
    assert (form.day.value, form.time.value, form.session.value) == ("2025-04-14", "20:00", picked)
