"""Tests of the self-assessment widget: fill it, press the buttons, read what it shows."""

from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pytest

from gluteutils.assessment import ObstacleProfile, Referral
from gluteutils.assessment_form import SelfAssessmentForm
from gluteutils.assessment_questions import (
    EXAMPLE_RAW,
    FIELDS,
    FIELDS_BY_NAME,
    RED_FLAGS,
    SKIP_LABEL,
    SKIPPED,
)
from gluteutils.display import escape
from gluteutils.profile_file import read_profile
from gluteutils.widget_look import grouped_label

from .widget_tree import descendants

DAY = date(2025, 3, 1)
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def form() -> SelfAssessmentForm:
    return SelfAssessmentForm(today=DAY)


def _all_html(widget: widgets.Widget) -> str:
    """Every HTML value inside a widget tree."""
    return "\n".join(w.value for w in descendants(widget) if isinstance(w, widgets.HTML))


def _classes(widget: widgets.Widget) -> set[str]:
    return {c for w in descendants(widget) for c in w._dom_classes}


def test_form_has_an_input_and_a_message_beside_every_answer(form: SelfAssessmentForm) -> None:
    assert set(form.inputs) == {f.name for f in FIELDS}
    assert set(form.message_widgets) == {f.name for f in FIELDS}
    classes = _classes(form.widget)
    for name in ("gfr-assessment", "gfr-assess-button", "gfr-assess-status", "gfr-field"):
        assert name in classes
    for field in FIELDS:
        assert f"gfr-input-{field.name}" in classes
        assert f"gfr-message-{field.name}" in classes


def test_instructions_for_each_test_are_shown(form: SelfAssessmentForm) -> None:
    text = _all_html(form.widget)
    for phrase in ("walnut", "Thomas", "60 cm", "pelvis drop", "single-leg squat", "clinician"):
        assert phrase in text


def test_empty_form_shows_messages_and_no_profile(form: SelfAssessmentForm) -> None:
    form.assess_button.click()
    assert form.profile is None
    assert form.referral is None
    assert "pain_now" in form.messages
    assert "Please type a number" in form.message_widgets["pain_now"].value
    assert "fixing" in form.status.value
    assert form.result.children == ()


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("bridge_reps_left", "", "Please type a number"),
        ("bridge_reps_left", "-4", "cannot be negative"),
        ("bridge_reps_left", "lots", "Type a number using digits"),
        ("thomas_knee_angle_right", "400", "from 0 to 180"),
        ("pain_now", "12", "from 0 to 10"),
        ("sitting_hours", "9.5h", "Type a number using digits"),
    ],
)
def test_bad_value_shows_its_message_beside_the_field(
    form: SelfAssessmentForm, field: str, value: str, fragment: str
) -> None:
    form.set_values(EXAMPLE_RAW)
    form.inputs[field].value = value
    form.assess_button.click()
    assert form.profile is None
    assert list(form.messages) == [field]
    assert fragment in form.message_widgets[field].value
    other = next(n for n in form.message_widgets if n != field)
    assert form.message_widgets[other].value == ""


def test_fixing_the_value_clears_the_message(form: SelfAssessmentForm) -> None:
    form.set_values({**EXAMPLE_RAW, "bridge_reps_left": "-1"})
    form.assess()
    assert form.message_widgets["bridge_reps_left"].value
    form.inputs["bridge_reps_left"].value = "22"
    form.assess_button.click()
    assert form.messages == {}
    assert form.message_widgets["bridge_reps_left"].value == ""
    assert isinstance(form.profile, ObstacleProfile)


def test_example_answers_show_table_chart_and_download(form: SelfAssessmentForm) -> None:
    form.set_values(EXAMPLE_RAW)
    form.assess_button.click()
    profile = form.profile
    assert isinstance(profile, ObstacleProfile)
    assert profile.score_of("tight_hip_flexors").score == 67
    assert 'class="gfr-profile-table"' in form.table_html
    assert form.table_html.count("<tr class=") == 10
    assert "Long hours of sitting" in form.table_html
    shown = _all_html(form.result)
    assert form.table_html in shown
    assert 'class="gfr-profile-chart"' in shown
    assert f'alt="{escape(form.chart_alt)}"' in shown
    assert form.chart_alt.startswith("Bar chart")
    assert "Binder" in shown
    payload = re.search(r'href="data:text/csv;base64,([^"]+)"', form.download_html)
    assert payload is not None
    assert read_profile(base64.b64decode(payload.group(1))) == profile
    assert 'download="glute-profile-2025-03-01.csv"' in form.download_html
    assert form.save_box in form.result.children


def test_hostile_pain_location_is_escaped(form: SelfAssessmentForm) -> None:
    form.set_values({**EXAMPLE_RAW, "pain_now": "2", "pain_where": HOSTILE})
    form.assess_button.click()
    assert isinstance(form.profile, ObstacleProfile)
    assert form.profile.pain_where == HOSTILE
    shown = _all_html(form.widget)
    assert "<img src=x" not in shown
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    payload = re.search(r"base64,([^\"]+)", form.download_html)
    assert payload is not None
    assert read_profile(base64.b64decode(payload.group(1))).pain_where == HOSTILE


def test_hostile_text_in_a_number_field_is_escaped_in_its_message(
    form: SelfAssessmentForm,
) -> None:
    form.set_values({**EXAMPLE_RAW, "bridge_reps_left": HOSTILE})
    form.assess_button.click()
    assert "<img" not in _all_html(form.widget)


@pytest.mark.parametrize("flag", list(RED_FLAGS))
def test_red_flag_shows_the_referral_instead_of_a_score(
    form: SelfAssessmentForm, flag: str
) -> None:
    form.inputs[flag].value = True  # the tests are left blank on purpose
    form.assess_button.click()
    assert isinstance(form.referral, Referral)
    assert form.profile is None
    assert form.messages == {}
    shown = _all_html(form.result)
    assert 'class="gfr-referral"' in shown
    assert "See a clinician before training" in shown
    assert "gfr-profile-table" not in shown
    assert form.download_html == ""


def test_pain_at_the_stop_line_shows_the_referral(form: SelfAssessmentForm) -> None:
    form.set_values({**EXAMPLE_RAW, "pain_now": "8", "pain_where": "right <hip>"})
    form.assess_button.click()
    assert isinstance(form.referral, Referral)
    assert form.profile is None
    shown = _all_html(form.result)
    assert "pain of 8 out of 10 right now (right &lt;hip&gt;)" in shown
    assert "right <hip>" not in shown
    assert form.download_html == ""


def test_referral_replaces_an_earlier_profile(form: SelfAssessmentForm) -> None:
    form.set_values(EXAMPLE_RAW)
    form.assess()
    assert form.profile is not None
    form.inputs["flag_groin_pain"].value = True
    form.assess()
    assert form.profile is None
    assert form.table_html == ""
    assert "stress fracture" in _all_html(form.result)


def test_save_writes_the_profile_into_the_folder(form: SelfAssessmentForm, tmp_path: Path) -> None:
    form.save_button.click()
    assert "Press Assess first" in form.save_message
    form.set_values(EXAMPLE_RAW)
    form.assess()
    form.save_button.click()
    assert "Type the folder" in form.save_message
    form.save_folder.value = str(tmp_path)
    form.save_button.click()
    saved = tmp_path / "glute-profile-2025-03-01.csv"
    assert form.saved_path == saved
    assert read_profile(saved) == form.profile
    assert "download it as well" in form.save_message


def test_save_to_a_missing_folder_gives_a_message(form: SelfAssessmentForm, tmp_path: Path) -> None:
    form.set_values(EXAMPLE_RAW)
    form.assess()
    form.save_folder.value = str(tmp_path / f"no{HOSTILE}")
    form.save_button.click()
    assert form.saved_path is None
    assert "not an existing folder" in form.save_message
    assert "<img" not in form.save_status.value


def test_form_displays_as_a_widget(form: SelfAssessmentForm) -> None:
    bundle = form._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


# ------------------------------------------------------------------ skipping a test

SKIPPABLE = [f for f in FIELDS if f.skippable]


def test_every_test_answer_offers_skipped_and_no_question_does(form: SelfAssessmentForm) -> None:
    for field in FIELDS:
        widget = form.inputs[field.name]
        if isinstance(widget, widgets.RadioButtons):
            offered = (SKIP_LABEL, SKIPPED) in [tuple(o) for o in widget.options]
            assert offered == field.skippable, field.name
    numbers = {f.name for f in SKIPPABLE if f.kind in ("integer", "number")}
    assert set(form.skip_boxes) == numbers
    for name, box in form.skip_boxes.items():
        # seen as the skip label; heard with the number it skips
        assert box.description == grouped_label(FIELDS_BY_NAME[name].label, SKIP_LABEL)
        assert box.description_allow_html
        assert f"gfr-skip-{name}" in box._dom_classes
        assert box in descendants(form.widget)


def test_ticking_skipped_greys_the_number_and_unticking_brings_it_back(
    form: SelfAssessmentForm,
) -> None:
    box, number = form.skip_boxes["bridge_reps_left"], form.inputs["bridge_reps_left"]
    box.value = True
    assert number.disabled
    box.value = False
    assert not number.disabled


def _skip_in_the_form(form: SelfAssessmentForm, name: str) -> None:
    """Skip one answer as a runner would: the tick box of a number, the choice otherwise."""
    if name in form.skip_boxes:
        form.skip_boxes[name].value = True
    else:
        form.inputs[name].value = SKIPPED


@pytest.mark.parametrize("name", [f.name for f in SKIPPABLE])
def test_each_skipped_test_gives_a_profile_without_a_message(
    form: SelfAssessmentForm, name: str
) -> None:
    form.set_values(EXAMPLE_RAW)
    _skip_in_the_form(form, name)
    if name in form.skip_boxes:
        form.inputs[name].value = "not a number"  # ignored once the test is skipped
    form.assess_button.click()
    assert form.messages == {}
    assert all(w.value == "" for w in form.message_widgets.values())
    assert isinstance(form.profile, ObstacleProfile)
    assert form.profile.skipped == (name,)
    shown = _all_html(form.result)
    assert 'class="gfr-skipped-tests"' in shown
    # named in the reasons even where the other leg showed the sign anyway
    assert "Not checked: you skipped" in form.table_html


def test_skipping_test_5_shows_not_tested_and_the_clinician_advice(
    form: SelfAssessmentForm,
) -> None:
    form.set_values(EXAMPLE_RAW)
    form.skip_boxes["bridge_reps_left"].value = True
    form.skip_boxes["bridge_reps_right"].value = True
    form.assess_button.click()
    profile = form.profile
    assert isinstance(profile, ObstacleProfile)
    assert profile.skipped == ("bridge_reps_left", "bridge_reps_right")
    shown = _all_html(form.result)
    assert "Skipped: Test 5: single-leg bridge to failure." in shown
    assert "ask a clinician" in shown
    # weak glutes: the right pelvis drop still counts, the bridge part is not tested
    assert "low (partly not tested)" in form.table_html
    assert "on both legs" in form.table_html
    payload = re.search(r'href="data:text/csv;base64,([^"]+)"', form.download_html)
    assert payload is not None
    assert read_profile(base64.b64decode(payload.group(1))) == profile


def test_unknown_rows_say_not_tested_or_not_sure_instead_of_zero(
    form: SelfAssessmentForm,
) -> None:
    form.set_values({**EXAMPLE_RAW, "squeeze_lying": SKIPPED, "squeeze_standing": SKIPPED})
    form.assess_button.click()
    rows = re.findall(r'<tr class="gfr-profile-row gfr-level-(\w+)">(.*?)</tr>', form.table_html)
    unknown = [cells for level, cells in rows if level == "unknown"]
    assert len(unknown) == 2  # the untaught skill (skipped) and bouncing (not sure)
    assert any(">not tested</td>" in cells for cells in unknown)
    assert any(">not sure</td>" in cells for cells in unknown)
    for cells in unknown:
        assert ">0</td>" not in cells
        assert ">none</td>" not in cells
    assert "Not checked, so neither a finding nor a clear result" in _all_html(form.result)
    assert "not tested" in form.chart_alt


def test_a_forgotten_number_still_asks_for_it_and_names_the_skip_box(
    form: SelfAssessmentForm,
) -> None:
    form.set_values({**EXAMPLE_RAW, "stance_seconds_right": ""})
    form.assess_button.click()
    assert form.profile is None
    assert list(form.messages) == ["stance_seconds_right"]
    assert "Skipped / could not do" in form.messages["stance_seconds_right"]
    form.skip_boxes["stance_seconds_right"].value = True
    form.assess_button.click()
    assert form.messages == {}
    assert form.message_widgets["stance_seconds_right"].value == ""


def test_set_values_ticks_and_unticks_the_skip_boxes(form: SelfAssessmentForm) -> None:
    form.set_values(
        {**EXAMPLE_RAW, "thomas_knee_angle_left": "Skipped", "squat_quality_left": SKIPPED}
    )
    assert form.skip_boxes["thomas_knee_angle_left"].value
    assert form.inputs["squat_quality_left"].value == SKIPPED
    raw = form.raw_values()
    assert (raw["thomas_knee_angle_left"], raw["squat_quality_left"]) == (SKIPPED, SKIPPED)
    form.set_values(EXAMPLE_RAW)
    assert not form.skip_boxes["thomas_knee_angle_left"].value
    assert form.raw_values()["thomas_knee_angle_left"] == "60"
