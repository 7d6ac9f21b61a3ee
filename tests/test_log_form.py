"""The logging form without a browser: set values, click, read messages, files and links."""

from __future__ import annotations

import base64
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from gluteutils import log_form as log_form_module
from gluteutils.exercises import load_exercises
from gluteutils.log_form import LOG_FILENAME, MAX_UPLOAD_BYTES, LogForm
from gluteutils.log_io import read_log
from gluteutils.plan_csv import plan_to_csv
from gluteutils.sample_log import sample_plan

from .conftest import upload_value

HOSTILE = "<img src=x onerror=alert(1)>"
NOW = datetime(2025, 4, 14, 20, 0)
LIBRARY = load_exercises()


@pytest.fixture(scope="module")
def plan() -> pd.DataFrame:
    return sample_plan(LIBRARY)


def new_form(tmp_path: Path, plan: pd.DataFrame | None = None) -> LogForm:
    return LogForm(plan=plan, folder=tmp_path, library=LIBRARY, now=NOW)


def fill_one_set(form: LogForm, **values: str) -> None:
    row = form.add_set("glute_bridge")
    defaults = {"reps": "12", "glute_feel": "7", "pain": "0"}
    for name, value in {**defaults, **values}.items():
        row.inputs[name].value = value


def saved_log(tmp_path: Path) -> pd.DataFrame:
    return read_log(tmp_path / LOG_FILENAME, today=NOW.date()).log


def link_bytes(html: str) -> bytes:
    payload = re.search(r'href="data:text/csv;base64,([^"]+)"', html)
    assert payload, html
    return base64.b64decode(payload.group(1))


def test_todays_session_is_picked_and_its_sets_are_filled_in(tmp_path: Path, plan) -> None:
    form = new_form(tmp_path, plan)
    assert form.athlete.value == "Sample Runner"  # taken from the plan
    chosen = form.sessions[form.session.value]
    assert (chosen.day, chosen.session) == (date(2025, 4, 14), "activation")
    strength = next(
        i
        for i, s in enumerate(form.sessions)
        if s.day == date(2025, 4, 14) and s.session == "strength"
    )
    form.session.value = strength
    drafts = form.fill_from_plan()
    assert len(form.rows) == len(drafts) == len(form.rows_box.children)
    first = form.rows[0]
    assert first.inputs["exercise_id"].value == drafts[0].exercise_id
    assert first.inputs["reps"].value == drafts[0].reps
    # 14 April opens week 7, the first of the integrate stage: the trap-bar deadlift first
    assert first.inputs["exercise_id"].value == "trap_bar_deadlift"
    assert "set 1 of 3: 4-8 reps" in first.target.value


def test_each_done_box_names_its_set_for_screen_readers(tmp_path: Path, plan) -> None:
    form = new_form(tmp_path, plan)
    form.session.value = next(
        i
        for i, s in enumerate(form.sessions)
        if s.day == date(2025, 4, 14) and s.session == "strength"
    )
    form.fill_from_plan()
    hidden = re.compile(r'^<span class="gfr-visually-hidden">([^<]*): </span>done$')
    names = [hidden.match(row.done.description).group(1) for row in form.rows]
    assert all(row.done.description_allow_html for row in form.rows)
    assert names[0] == "Trap-bar deadlift, set 1 of 3: 4-8 reps"
    assert len(set(names)) == len(names)  # no two boxes sound alike
    row = form.add_set(exercise_id="")
    row.inputs["exercise_id"].value = ""
    assert hidden.match(row.done.description).group(1) == "No exercise chosen yet"
    row.inputs["exercise_id"].value = "clamshell"
    assert hidden.match(row.done.description).group(1) == "Clamshell"


def test_saving_appends_to_the_log_and_offers_the_whole_log(tmp_path: Path, plan) -> None:
    form = new_form(tmp_path, plan)
    form.fill_from_plan()  # Monday's activation: two timed moves
    for row in form.rows:
        row.inputs["glute_feel"].value = "6"
    form.save_button.click()
    saved = saved_log(tmp_path)
    assert len(saved) == 2
    assert form.result is not None
    assert form.result.added == 2
    assert set(saved["athlete"]) == {"Sample Runner"}
    assert saved["datetime"].iloc[0] == pd.Timestamp("2025-04-14 20:00")
    assert saved["glute_feel"].tolist() == [6, 6]
    assert "Saved to" in form.status.value
    assert "2 new" in form.status.value
    assert form.rows == []  # saved sets leave the form
    # the download holds the whole file as read back
    assert link_bytes(form.download.value) == (tmp_path / LOG_FILENAME).read_bytes()
    # a second session adds to the same file
    form.time.value = "07:00"
    fill_one_set(form)
    form.save()
    assert len(saved_log(tmp_path)) == 3
    assert "3 sets" in form.status.value


def test_a_bad_field_shows_a_message_beside_it_and_saves_nothing(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form, reps="ten", pain="11")
    fill_one_set(form, reps="12", duration_s="30")
    form.save_button.click()
    assert not (tmp_path / LOG_FILENAME).exists()
    first, second = form.rows
    assert "must be a number" in first.messages["reps"].value
    assert "0 to 10" in first.messages["pain"].value
    assert first.messages["glute_feel"].value == ""
    assert "not both" in second.messages["duration_s"].value
    assert "3 fields need fixing" in form.status.value
    # fixing them clears the messages and saves
    first.inputs["reps"].value, first.inputs["pain"].value = "12", "1"
    second.inputs["duration_s"].value = ""
    assert form.save() is not None
    assert first.messages["reps"].value == ""
    assert len(saved_log(tmp_path)) == 2


def test_session_fields_are_checked(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    fill_one_set(form)
    form.day.value = "2025-04-15"  # tomorrow
    assert form.save() is None
    assert "in the future" in form.message_widgets["day"].value
    assert "type your name" in form.message_widgets["athlete"].value
    assert not (tmp_path / LOG_FILENAME).exists()


def test_one_saved_set_is_counted_in_the_singular(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form)
    assert form.save() is not None
    assert "the log now has 1 set." in form.status.value


def test_nothing_to_save_says_so(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form)
    form.rows[0].done.value = False  # a set that was not done is not saved
    assert form.save() is None
    assert "Add at least one set" in form.status.value


def test_rows_can_be_added_and_removed(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    first = form.add_set("hip_thrust", "both")
    second = form.add_set()  # copies the exercise of the last row
    assert second.inputs["exercise_id"].value == "hip_thrust"
    first.remove.click()
    assert form.rows == [second]
    assert form.rows_box.children == (second.widget,)


def test_pain_of_four_or_more_says_stop_and_see_a_clinician(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form, pain="3")
    form.save()
    assert form.stop_message == ""
    assert form.stop.value == ""
    fill_one_set(form, pain="4", pain_where="left hip")
    form.time.value = "19:00"
    form.save()
    assert "see a clinician" in form.stop_message
    assert "Glute bridge" in form.stop_message
    assert "Stop and see a clinician" in form.stop.value
    assert form.stop.urgent  # a screen reader says it at once (role="alert" on the page)
    assert "role=" not in form.stop.value  # only the line is live: a redraw stays silent
    assert saved_log(tmp_path)["pain"].max() == 4  # the set is still logged


def test_hostile_text_is_escaped_on_screen_and_kept_in_the_file(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = HOSTILE
    fill_one_set(form, notes="=HYPERLINK(1)", pain_where=HOSTILE)
    form.folder.value = str(tmp_path / "<b>")  # a new folder inside one that exists
    form.save()
    folder = tmp_path / "<b>"
    for html in (form.status.value, form.download.value):
        assert "<img" not in html
        assert "<b>" not in html
    assert "&lt;b&gt;" in form.status.value
    text = (folder / LOG_FILENAME).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # neutralised for spreadsheets
    back = read_log(folder / LOG_FILENAME, today=NOW.date()).log
    assert back["athlete"].item() == HOSTILE
    assert back["notes"].item() == "=HYPERLINK(1)"
    assert back["pain_where"].item() == HOSTILE


def test_a_folder_that_cannot_exist_gets_a_message(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form)
    form.folder.value = str(tmp_path / "no" / "such" / "folder")
    assert form.save() is None
    assert "no folder called" in form.message_widgets["folder"].value
    assert "Nothing saved" in form.status.value


def test_a_failed_write_leaves_the_log_alone_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form)
    form.save()
    before = (tmp_path / LOG_FILENAME).read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(log_form_module, "append_to_log", refuse)
    fill_one_set(form, reps="10")
    form.time.value = "19:30"
    assert form.save() is None
    assert "Nothing saved" in form.status.value
    assert "Permission denied" in form.status.value
    assert (tmp_path / LOG_FILENAME).read_bytes() == before
    assert len(form.rows) == 1  # the unsaved set stays in the form


def test_saving_the_same_sets_again_adds_no_copy(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    form.athlete.value = "Ana"
    fill_one_set(form)
    form.save()
    fill_one_set(form)
    form.save()
    assert "1 already there" in form.status.value
    assert len(saved_log(tmp_path)) == 1


def test_an_uploaded_plan_file_is_read(tmp_path: Path, plan) -> None:
    form = new_form(tmp_path)
    assert form.fill_from_plan() == []
    assert "Upload your plan first" in form.message_widgets["plan"].value
    form.plan_upload.value = upload_value("my-plan.csv", plan_to_csv(plan), size=1)
    assert len(form.sessions) == len(plan.groupby(["date", "session"]))
    assert "my-plan.csv" in form.plan_status.value
    assert form.message_widgets["plan"].value == ""
    assert form.fill_from_plan()


def test_every_row_of_a_pound_plan_offers_pounds(tmp_path: Path, plan) -> None:
    # a set with no planned load (a bridge) took kg, so 135 typed for a lb plan was kept as kg
    pounds = plan.assign(units="lb")
    form = new_form(tmp_path, pounds)
    form.session.value = next(i for i, s in enumerate(form.sessions) if s.session == "strength")
    form.fill_from_plan()
    assert form.rows
    assert {row.inputs["load_unit"].value for row in form.rows} == {"lb"}
    assert form.add_set().inputs["load_unit"].value == "lb"
    row = form.rows[0]
    row.inputs["load"].value = "135"
    for name, value in {"glute_feel": "7", "pain": "0"}.items():
        row.inputs[name].value = value
    for other in form.rows[1:]:
        other.done.value = False
    form.save()
    saved = saved_log(tmp_path)
    assert (saved.loc[0, "load"], saved.loc[0, "load_unit"]) == (135, "lb")
    assert new_form(tmp_path).add_set().inputs["load_unit"].value == "kg"  # no plan: kg


def test_a_second_plan_brings_its_own_runner(tmp_path: Path, plan) -> None:
    form = new_form(tmp_path)
    form.load_plan_upload(plan_to_csv(plan.assign(athlete="Zoë")), "zoe.csv")
    assert form.athlete.value == "Zoë"
    form.load_plan_upload(plan_to_csv(plan.assign(athlete=HOSTILE)), "other.csv")
    assert form.athlete.value == HOSTILE
    assert "&lt;img" in form.plan_status.value
    assert "<img" not in form.plan_status.value


def test_a_bad_or_huge_plan_upload_gets_a_message(tmp_path: Path) -> None:
    form = new_form(tmp_path)
    assert not form.load_plan_upload(b"\x00\xff garbage", HOSTILE)
    message = form.message_widgets["plan"].value
    assert "could not be read as a plan" in message
    assert "<img" not in message
    assert not form.load_plan_upload(b"x", "big.csv", size=MAX_UPLOAD_BYTES + 1)
    assert "over 10 MB" in form.message_widgets["plan"].value
    assert form.plan is None
