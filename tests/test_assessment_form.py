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
from gluteutils.assessment_questions import EXAMPLE_RAW, FIELDS, RED_FLAGS
from gluteutils.display import escape
from gluteutils.profile_file import read_profile

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
