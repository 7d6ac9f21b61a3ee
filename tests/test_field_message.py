"""FieldMessage: an HTML widget that ties a form's message to its field for screen readers."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from gluteutils.assessment_form import SelfAssessmentForm
from gluteutils.field_message import FieldMessage, field_message
from gluteutils.log_form import LogForm
from gluteutils.plan_form import PlanForm
from gluteutils.widget_look import SharedLook

from .widget_tree import descendants


def test_a_field_message_is_html_that_names_the_control_it_describes() -> None:
    message = field_message("gfr-input-weeks", "gfr-field-message", "gfr-message-weeks")
    assert isinstance(message, widgets.HTML)
    assert message._dom_classes == ("gfr-field-message", "gfr-message-weeks")
    message.value = '<span class="gfr-error">must be 4 to 16</span>'
    state = message.get_state()
    assert (state["_model_module"], state["_view_name"]) == ("anywidget", "AnyView")
    assert state["describes"] == "gfr-input-weeks"
    assert state["value"] == '<span class="gfr-error">must be 4 to 16</span>'
    script = state["_esm"]
    for needed in ('"aria-describedby"', '"aria-invalid", "true"', "CSS.escape(name)"):
        assert needed in script


def test_a_field_message_can_share_a_forms_look() -> None:
    look = SharedLook()
    one, two = (field_message(f"gfr-input-{n}", look=look) for n in ("a", "b"))
    assert one.layout is two.layout is look.layout()
    assert one.style is two.style is look.html_style


def _log_form() -> LogForm:
    form = LogForm()
    form.add_button.click()  # one set row, with its own messages
    return form


@pytest.mark.parametrize("make", [SelfAssessmentForm, PlanForm, _log_form])
def test_every_field_message_describes_a_control_of_its_form(make: object) -> None:
    form = make()  # type: ignore[operator]
    tree = descendants(form.widget)
    messages = [w for w in tree if "gfr-field-message" in w._dom_classes]
    assert len(messages) >= 5
    for message in messages:
        assert isinstance(message, FieldMessage)
        controls = [
            w
            for w in tree
            if message.describes in w._dom_classes and not isinstance(w, widgets.Box)
        ]
        assert controls, f"{message._dom_classes[-1]} describes no control"
        assert all(isinstance(w, widgets.ValueWidget) for w in controls)
