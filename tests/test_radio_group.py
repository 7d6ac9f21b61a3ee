"""RadioGroup: RadioButtons' Python side, drawn as a named radio group by anywidget."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from gluteutils.assessment_form import SelfAssessmentForm
from gluteutils.assessment_questions import FIELDS
from gluteutils.plan_form import PlanForm
from gluteutils.quiz_form import QuizForm
from gluteutils.radio_group import RadioGroup
from gluteutils.tracker_form import TrackerApp


def test_a_radio_group_keeps_the_python_side_of_radio_buttons() -> None:
    seen: list[object] = []
    group = RadioGroup(options=[("Yes", "yes"), ("No", "no")], value=None, description="Sore?")
    group.observe(lambda change: seen.append(change["new"]), names="value")
    assert isinstance(group, widgets.RadioButtons)
    assert group.index is None
    assert group.value is None
    # the browser sends the index of the chosen input; the value follows it
    group.index = 1
    assert (group.value, group.label) == ("no", "No")
    group.value = "yes"
    assert group.index == 0
    assert seen == ["no", "yes"]
    with pytest.raises(Exception, match="Invalid selection"):
        group.value = "maybe"


def test_a_radio_group_is_drawn_by_anywidget_as_a_named_fieldset() -> None:
    group = RadioGroup(options=["a", "b"], description="Pick one")
    state = group.get_state()
    assert (state["_model_module"], state["_view_name"]) == ("anywidget", "AnyView")
    assert state["_options_labels"] == ("a", "b")
    assert state["description"] == "Pick one"
    script = state["_esm"]
    # the question is the legend of a fieldset with the radiogroup role, the inputs
    # share one name (one choice, one tab stop, arrow keys), and options are text
    for needed in (
        'createElement("fieldset")',
        'createElement("legend")',
        'setAttribute("role", "radiogroup")',
        'legend.textContent = model.get("description")',
        "input.name = name",
        "document.createTextNode(text)",
        'model.set("index", index)',
        # new options keep a keyboard user's focus in the group
        "const focused = inputs.indexOf(document.activeElement)",
        "target.focus()",
    ):
        assert needed in script
    assert "innerHTML" not in script
    # the legend is hidden from sight, not from screen readers (no display: none)
    assert "clip-path: inset(50%)" in state["_css"]
    assert "display: none" not in state["_css"]


def test_every_choice_in_the_self_assessment_is_a_group_named_by_its_question() -> None:
    form = SelfAssessmentForm()
    choices = [f for f in FIELDS if f.kind in ("choice", "yes_no")]
    assert choices
    for field in choices:
        group = form.inputs[field.name]
        assert isinstance(group, RadioGroup)
        assert group.description == field.label


def test_every_quiz_question_names_its_answers() -> None:
    form = QuizForm("03")
    assert form.questions
    for number, question in enumerate(form.questions, start=1):
        group = form.radios[question.question_id]
        assert isinstance(group, RadioGroup)
        assert group.description == f"{number}. {question.prompt}"


def test_the_plan_and_tracker_units_are_named_radio_groups() -> None:
    plan = PlanForm()
    assert plan.inputs["goal"].description == "What do you want?"
    units = plan.inputs["units"]
    assert isinstance(units, RadioGroup)
    assert (units.description, units.value, units.orientation) == (
        "Units for loads",
        "kg",
        "horizontal",
    )
    tracker = TrackerApp()
    assert isinstance(tracker.weight_unit, RadioGroup)
    assert tracker.weight_unit.description.startswith("Unit of the weights")
