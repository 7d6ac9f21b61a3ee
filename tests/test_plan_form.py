"""The plan builder form, driven as a person would: set fields, click Build."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from gluteutils.assessment import obstacle_profile, validate_answers
from gluteutils.assessment_questions import EXAMPLE_RAW
from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan, check_plan
from gluteutils.plan_csv import read_plan
from gluteutils.plan_form import MAX_UPLOAD_BYTES, PlanForm
from gluteutils.plan_profile import obstacles_from_profile, read_plan_profile, validate_profile
from gluteutils.plan_rules import library_index
from gluteutils.profile_file import profile_to_csv

from .conftest import upload_value

HOSTILE_NAMES = ["<img src=x onerror=alert(1)>", '=HYPERLINK("http://x")', "Zoë O'Brien"]


@pytest.fixture
def form(tmp_path: Path) -> PlanForm:
    return PlanForm(folder=tmp_path, today=date(2025, 2, 26))


def links(form: PlanForm) -> dict[str, bytes]:
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', form.downloads.value)
    return {name: base64.b64decode(payload) for name, payload in found}


def test_defaults_build_a_plan_starting_next_monday(form: PlanForm) -> None:
    form.inputs["athlete"].value = "Ana"
    form.build_button.click()
    assert form.messages == {}
    assert form.plan is not None
    assert form.profile.start_date == date(2025, 3, 3)
    assert check_plan(form.plan) == []
    assert "Plan ready for <b>Ana</b>" in form.status.value
    assert form.week.options[0] == ("Week 1", 1)
    assert "gfr-plan-week" in form.week_table.value


def test_the_start_date_follows_the_page_clock_until_the_runner_changes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = PlanForm(folder=tmp_path)  # no fixed day: the page's clock decides
    # Sunday 23:30 in Sydney, while a Binder server in UTC still has Sunday afternoon
    monkeypatch.setattr(form.clock, "now", lambda utc=None: datetime(2026, 11, 22, 23, 30))
    form.clock.utc_offset_minutes = 660
    assert form.inputs["start_date"].value == "2026-11-23"
    # Monday 00:30 there: next Monday is a week on, not the day under way
    monkeypatch.setattr(form.clock, "now", lambda utc=None: datetime(2026, 11, 23, 0, 30))
    form.clock.utc_offset_minutes = 690
    assert form.inputs["start_date"].value == "2026-11-30"
    form.inputs["start_date"].value = "2026-12-07"  # the runner's own choice stays
    form.clock.utc_offset_minutes = 600
    assert form.inputs["start_date"].value == "2026-12-07"
    assert form.clock in form.widget.children  # drawn, so the page can report


def test_the_plan_equals_build_plan_for_the_same_profile(form: PlanForm) -> None:
    form.inputs["athlete"].value = "Ana"
    form.inputs["weeks"].value = "12"
    form.equipment["trap_bar"].value = True
    form.build_button.click()
    profile, messages = validate_profile(form.raw_values())
    assert messages == {}
    assert_frame_equal(form.plan, build_plan(profile, load_exercises()))


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("athlete", "", "name"),
        ("weeks", "0", "1 to 16"),
        ("weeks", "17", "1 to 16"),
        ("weeks", "ten", "whole number"),
        ("weeks", "-3", "1 to 16"),
        ("start_date", "not a date", "date"),
        ("start_date", "2025-02-30", "date"),
        ("start_date", "", "date"),
    ],
)
def test_a_bad_field_gets_a_message_beside_it_and_no_plan(
    form: PlanForm, field: str, value: str, fragment: str
) -> None:
    form.inputs["athlete"].value = "Ana"
    form.inputs[field].value = value
    form.build_button.click()
    assert form.plan is None
    assert list(form.messages) == [field]
    shown = form.message_widgets[field].value
    assert fragment in shown.lower()
    assert "gfr-error" in shown
    assert "1 field needs fixing" in form.status.value
    others = [n for n in form.message_widgets if n != field]
    assert all(form.message_widgets[n].value == "" for n in others)


def test_each_day_box_names_its_row_for_screen_readers(form: PlanForm) -> None:
    """Two rows of Mon-Sun boxes: a screen reader hears which row a box is in."""
    rows = (
        (form.training_days, "Glute training days"),
        (form.run_days, "Run days"),
        (form.key_run_days, "Long or hard runs (optional)"),
    )
    for boxes, group in rows:
        for code, box in boxes.items():
            assert box.description_allow_html
            shown = re.sub(r'<span class="gfr-visually-hidden">[^<]*</span>', "", box.description)
            assert shown == code.capitalize()
            assert box.description.startswith(f'<span class="gfr-visually-hidden">{group}: </span>')


def test_no_training_day_is_refused(form: PlanForm) -> None:
    form.inputs["athlete"].value = "Ana"
    for box in form.training_days.values():
        box.value = False
    form.build_button.click()
    assert form.plan is None
    assert "training_days" in form.messages
    assert form.message_widgets["training_days"].value


def test_fixing_the_field_clears_its_message(form: PlanForm) -> None:
    form.inputs["athlete"].value = "Ana"
    form.inputs["weeks"].value = "zero"
    form.build_button.click()
    form.inputs["weeks"].value = "4"
    form.build_button.click()
    assert form.plan is not None
    assert form.message_widgets["weeks"].value == ""


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_shown_as_text_and_exported_harmlessly(form: PlanForm, name: str) -> None:
    form.inputs["athlete"].value = name
    form.build_button.click()
    assert form.plan is not None
    assert "<img" not in form.status.value
    files = links(form)
    csv_name = next(n for n in files if n.endswith(".csv"))
    assert "<" not in csv_name
    assert '"' not in csv_name
    text = files[csv_name].decode("utf-8-sig")
    assert '=HYPERLINK("' not in text.replace("'=HYPERLINK", "")
    assert_frame_equal(read_plan(files[csv_name]), form.plan)


def test_csv_and_sheet_come_with_the_build_and_the_calendar_on_its_own_click(
    form: PlanForm,
) -> None:
    assert form.make_calendar() is None
    assert "Build a plan first" in form.calendar_link.value
    form.inputs["athlete"].value = "Ana"
    form.build_button.click()
    files = links(form)
    assert sorted(files) == [
        "glute-plan-Ana-2025-03-03-profile.csv",
        "glute-plan-Ana-2025-03-03.csv",
        "glute-plan-Ana-2025-03-03.html",
    ]
    sheet = next(v for n, v in files.items() if n.endswith(".html"))
    assert sheet.startswith(b"<!DOCTYPE html>")
    assert form.calendar_link.value == ""
    form.calendar_button.click()
    found = re.findall(
        r'download="([^"]+)" href="data:text/calendar;base64,([^"]+)"', form.calendar_link.value
    )
    assert len(found) == 1
    assert found[0][0].endswith(".ics")
    ics = base64.b64decode(found[0][1])
    assert ics.startswith(b"BEGIN:VCALENDAR")
    assert ics.count(b"BEGIN:VEVENT") == form.plan["date"].nunique()
    form.inputs["weeks"].value = "2"
    form.build_button.click()
    assert form.calendar_link.value == "", "a new plan must not keep the old calendar"


def test_save_writes_the_csv_atomically(
    form: PlanForm, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blank").mkdir()
    assert form.save() is None
    assert "Build a plan first" in form.save_status.value
    form.inputs["athlete"].value = "Ana"
    form.build_button.click()
    form.save_button.click()
    saved = list(tmp_path.glob("glute-plan-Ana-*.csv"))
    assert len(saved) == 1
    assert_frame_equal(read_plan(saved[0]), form.plan)
    assert "Saved glute-plan-Ana-" in form.save_status.value
    assert f"in {tmp_path}. On Binder" in form.save_status.value
    form.save_folder.value = ""  # the notebook's own folder, said in words
    monkeypatch.chdir(tmp_path / "blank")
    assert form.save() == Path(form.filename(".csv"))
    assert "beside this notebook. On Binder" in form.save_status.value
    form.save_folder.value = str(tmp_path / "missing")
    assert form.save() is None
    assert "no folder" in form.save_status.value


def test_an_uploaded_obstacle_profile_weights_the_plan(form: PlanForm) -> None:
    answers, _ = validate_answers(EXAMPLE_RAW)
    profile = obstacle_profile(answers, assessed_on=date(2025, 3, 1))
    form.upload.value = upload_value("glute-profile.csv", profile_to_csv(profile), size=10)
    assert form.obstacles == obstacles_from_profile(profile)
    assert "Loaded glute-profile.csv" in form.obstacle_status.value
    form.inputs["athlete"].value = "Ana"
    form.build_button.click()
    assert form.profile.obstacles == obstacles_from_profile(profile)


@pytest.mark.parametrize(("days", "noted"), [(("wed",), True), (("mon", "wed", "fri"), False)])
def test_one_training_day_says_the_deadlifts_come_once_a_week(
    form: PlanForm, days: tuple[str, ...], noted: bool
) -> None:
    form.inputs["athlete"].value = "Ana"
    form.inputs["weeks"].value = "16"
    for code, box in form.training_days.items():
        box.value = code in days
    for item in ("trap_bar", "dumbbell"):
        form.equipment[item].value = True
    form.build_button.click()
    assert form.plan is not None
    note = "come once a week in this plan, and Arsenault gives 2 to 3 times a week"
    assert (note in form.status.value) is noted
    assert "Plan ready for" in form.status.value


def test_a_long_run_day_moves_the_lifts_off_its_eve_or_says_why_not(form: PlanForm) -> None:
    form.inputs["athlete"].value = "Ana"
    form.inputs["level"].value = "intermediate"  # three strength days: Mon, Wed, Fri
    form.key_run_days["sat"].value = True
    form.build_button.click()
    assert form.profile.key_run_days == ("sat",)
    assert "Friday is a strength day, the day before your long or hard run on Saturday" in (
        form.status.value
    )
    form.inputs["level"].value = "beginner"  # two strength days: Mon and Wed will do
    form.build_button.click()
    index = library_index(form.library)
    lifts = form.plan["exercise_id"].map(lambda e: not index[e].daily)
    assert set(form.plan.loc[lifts, "weekday"]) == {"mon", "wed"}
    assert "long or hard run" not in form.status.value
    # a long run on a day that is not a run day: a message beside the row, no plan
    form.key_run_days["sun"].value = True
    form.build_button.click()
    assert form.plan is not None  # the last good plan stays
    assert "tick Sunday as a run day too" in form.message_widgets["key_run_days"].value
    assert "1 field needs fixing" in form.status.value


def test_the_plan_profile_download_fills_a_new_form_and_rebuilds_the_same_plan(
    form: PlanForm, tmp_path: Path
) -> None:
    # Binder forgets everything: the profile file brings the runner's answers back
    form.inputs["athlete"].value = '=HYPERLINK("x") <b>Zoë</b>'
    form.inputs["level"].value = "advanced"
    form.inputs["weeks"].value = "12"
    form.inputs["units"].value = "lb"
    form.inputs["activation_minutes"].value = 18
    form.run_days["sun"].value = True
    form.key_run_days["sun"].value = True
    form.equipment["trap_bar"].value = True
    form.obstacles = (("tight_hip_flexors", 67), ("weak_unstable", 40))
    form.build_button.click()
    saved = next(v for n, v in links(form).items() if n.endswith("-profile.csv"))
    assert read_plan_profile(saved) == form.profile
    assert b"'=HYPERLINK" in saved  # neutralised for a spreadsheet, restored on reading

    again = PlanForm(folder=tmp_path, today=date(2026, 1, 1))
    again.saved_upload.value = upload_value("zoe-profile.csv", saved)
    assert "Filled in from zoe-profile.csv" in again.saved_status.value
    assert "Tight hip flexors" in again.obstacle_status.value
    again.build_button.click()
    assert again.profile == form.profile
    assert_frame_equal(again.plan, form.plan)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "could not be read as a plan profile"),
        (b"\x00\xff binary junk", "could not be read as a plan profile"),
        (b"athlete,level\nAna,expert\n", "could not be read as a plan profile"),
        (
            b"athlete,level,start_date,weeks,training_days\n"
            b"Ana,beginner,2026-03-02,8,mon\nBen,beginner,2026-03-02,8,tue\n",
            "holds 2 athletes",
        ),
        (b"athlete,level,start_date,weeks,training_days\n", "holds no athlete"),
        (
            b"athlete,level,start_date,weeks,training_days\nAna,expert,2026-03-02,8,mon\n",
            "x.csv could not be used: The level must be one of",
        ),
        (  # an upload must not open files on the server
            b"athlete,level,start_date,weeks,training_days,obstacle_profile\n"
            b"Ana,beginner,2026-03-02,8,mon,/etc/passwd\n",
            "x.csv could not be used:",
        ),
    ],
)
def test_a_bad_plan_profile_upload_leaves_the_form_as_it_was(
    form: PlanForm, content: bytes, fragment: str
) -> None:
    before = form.raw_values()
    form.saved_upload.value = upload_value("x.csv", content)
    assert fragment in form.saved_status.value
    assert form.raw_values() == before
    form.saved_upload.value = upload_value("big.csv", b"x", size=11_000_000)
    assert "over 10 MB" in form.saved_status.value


def test_a_profile_noting_pain_at_the_stop_line_says_see_a_clinician(form: PlanForm) -> None:
    # the assessment now refers such pain; an older or edited file can still carry it
    answers, _ = validate_answers(EXAMPLE_RAW)
    profile = obstacle_profile(answers, assessed_on=date(2025, 3, 1))
    painful = replace(profile, pain_now=5, pain_where="left <hip>")
    form.upload.value = upload_value("glute-profile.csv", profile_to_csv(painful), size=10)
    assert form.obstacles == obstacles_from_profile(profile)
    shown = form.message_widgets["obstacles"].value
    assert "pain of 5 out of 10 (left &lt;hip&gt;)" in shown
    assert "see a clinician before you start a plan" in shown
    form.upload.value = upload_value("glute-profile.csv", profile_to_csv(profile), size=11)
    assert form.message_widgets["obstacles"].value == ""


def test_a_profile_with_skipped_tests_builds_a_plan_and_says_what_was_not_checked(
    form: PlanForm,
) -> None:
    skipped = dict.fromkeys(("squeeze_lying", "squeeze_standing", "bridge_reps_left"), "skipped")
    answers, messages = validate_answers({**EXAMPLE_RAW, **skipped})
    assert messages == {}
    profile = obstacle_profile(answers, assessed_on=date(2025, 3, 1))
    form.upload.value = upload_value("glute-profile.csv", profile_to_csv(profile), size=10)
    obstacles = dict(form.obstacles)
    # not checked at all: neither a weakness (a score) nor fine (a 0); left out
    assert "untaught_skill" not in obstacles
    assert "bouncing" not in obstacles
    # checked in part: the signs found still weigh (the right leg's 17 bridges, no left score)
    assert obstacles["weak_unstable"] == 50
    status = form.obstacle_status.value
    assert "Not checked by the self-assessment" in status
    assert "Glute activation is a skill nobody taught you" in status
    form.inputs["athlete"].value = "Ana"
    form.build_button.click()
    assert form.messages == {}
    assert form.plan is not None
    assert check_plan(form.plan, form.profile) == []


def test_a_bad_or_huge_upload_gets_a_message(form: PlanForm) -> None:
    form.upload.value = upload_value("x.csv", b"\x00\xffjunk", size=3)
    assert "could not be read" in form.message_widgets["obstacles"].value
    assert form.obstacles == ()
    form.upload.value = upload_value("big.csv", b"", size=MAX_UPLOAD_BYTES + 1)
    assert "over 10 MB" in form.message_widgets["obstacles"].value


def test_loading_a_profile_by_file_name(form: PlanForm, tmp_path: Path) -> None:
    answers, _ = validate_answers(EXAMPLE_RAW)
    profile = obstacle_profile(answers, assessed_on=date(2025, 3, 1))
    (tmp_path / "mine.csv").write_bytes(profile_to_csv(profile))
    form.profile_path.value = "nothere.csv"
    form.load_button.click()
    assert "No file called nothere.csv" in form.message_widgets["obstacles"].value
    form.profile_path.value = "mine.csv"
    form.load_button.click()
    assert form.obstacles == obstacles_from_profile(profile)
    form.clear_button.click()
    assert form.obstacles == ()


def test_week_picker_shows_the_chosen_week(form: PlanForm) -> None:
    form.inputs["athlete"].value = "Ana"
    form.build_button.click()
    form.week.value = 3
    assert "Week 3:" in form.week_table.value
    assert isinstance(form.plan, pd.DataFrame)
