"""The forms' shared look: one Layout per width, one HTML style, and escaped error text."""

from __future__ import annotations

import doctest
import re

import pytest

from gluteutils import widget_look
from gluteutils.widget_look import SharedLook, error_html

from .widget_tree import descendants


def test_one_layout_per_width_and_one_html_style() -> None:
    look = SharedLook()
    assert look.layout() is look.layout("")
    assert look.layout("10em") is look.layout("10em")
    assert look.layout("10em") is not look.layout()
    assert look.layout("10em").width == "10em"
    first, second = look.html("<b>a</b>", "gfr-a", "gfr-b"), look.html()
    assert first.layout is second.layout is look.layout()
    assert first.style is second.style is look.html_style
    assert first.value == "<b>a</b>"
    assert list(first._dom_classes) == ["gfr-a", "gfr-b"]


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("Enter the runner's name.", "Enter the runner&#x27;s name."),
        ("'<img src=x onerror=alert(1)>' is not a whole number", "&lt;img src=x"),
        ("a & b", "a &amp; b"),
    ],
)
def test_error_html_escapes_the_message(message: str, shown: str) -> None:
    html = error_html(message)
    assert html.startswith('<span class="gfr-error"')
    assert html.endswith("</span>")
    assert shown in html
    assert "<img" not in html


def test_no_message_is_no_span() -> None:
    assert error_html("") == ""


def test_a_message_keeps_text_line_spacing_when_it_wraps() -> None:
    # a block of its own with a text line height, not the widgets' 28 px lines
    style = re.search(r'style="([^"]*)"', error_html("give the repetitions")).group(1)
    assert set(style.split(";")) >= {"display:inline-block", "line-height:1.4", "color:#b71c1c"}


def test_doctests() -> None:
    failures, _ = doctest.testmod(widget_look)
    assert failures == 0


def _forms() -> dict[str, object]:
    from gluteutils.assessment_form import SelfAssessmentForm
    from gluteutils.clinic_form import ClinicApp
    from gluteutils.exercise_browser import ExerciseBrowser
    from gluteutils.log_form import LogForm
    from gluteutils.plan_form import PlanForm
    from gluteutils.quiz_form import QuizForm
    from gluteutils.tracker_form import TrackerApp

    return {
        "gfr-assessment": SelfAssessmentForm(),
        "gfr-clinic-app": ClinicApp(),
        "gfr-exercise-browser": ExerciseBrowser(),
        "gfr-log-form": LogForm(),
        "gfr-plan-form": PlanForm(),
        "gfr-quiz": QuizForm("01"),
        "gfr-tracker": TrackerApp(),
    }


def test_every_form_carries_the_narrow_screen_stylesheet() -> None:
    for own_class, form in _forms().items():
        box = form.widget  # type: ignore[attr-defined]
        assert list(box._dom_classes) == [widget_look.FORM_CLASS, own_class]
        sheet = box.children[-1]
        assert sheet.value == f"<style>{widget_look.FORM_CSS}</style>"
        assert sheet.layout.display == "none"  # takes no room in the form


def test_the_stylesheet_touches_only_the_forms_and_wraps_long_labels() -> None:
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", widget_look.FORM_CSS)
    assert len(rules) >= 8
    for selectors, _ in rules:
        for selector in selectors.split(","):
            assert selector.strip().startswith(f".{widget_look.FORM_CLASS} "), selector
    declarations = {sel.strip(): body for sel, body in rules}
    # the three faults seen at phone width: labels on one line, 20 px radio options, rows
    assert (
        "white-space: normal" in declarations[".gfr-form .widget-checkbox .widget-label-basic span"]
    )
    assert "height: auto" in declarations[".gfr-form .widget-radio-box label"]
    assert "flex-wrap: wrap" in declarations[".gfr-form .widget-hbox"]
    # under 600 px, a table of class gfr-cards shows each row as labelled lines
    narrow = widget_look.FORM_CSS.split("@media (max-width: 600px)")[1]
    assert "table.gfr-cards tr {" in narrow
    assert "content: attr(data-label)" in narrow


def test_form_box_keeps_the_children_in_order() -> None:
    first, second = widget_look.widgets.HTML("a"), widget_look.widgets.HTML("b")
    box = widget_look.form_box([first, second], "gfr-x", "gfr-y")
    assert box.children[:2] == (first, second)
    assert len(box.children) == 3
    assert list(box._dom_classes) == ["gfr-form", "gfr-x", "gfr-y"]


#: Controls that ipywidgets ties to their description with ``<label for=...>``.
_LABELLED = (
    widget_look.widgets.Text,
    widget_look.widgets.Textarea,
    widget_look.widgets.Dropdown,
    widget_look.widgets.SelectMultiple,
)


def test_every_text_box_and_drop_down_has_a_name_for_screen_readers() -> None:
    from gluteutils.sample_log import sample_plan
    from gluteutils.tracker_form import TrackerApp

    from .conftest import REPO

    forms = _forms()
    forms["gfr-log-form"].use_plan(sample_plan(), "the sample plan")  # type: ignore[attr-defined]
    forms["gfr-log-form"].add_set()  # type: ignore[attr-defined]
    tracker = TrackerApp(athlete="Ana")  # an export with unmapped names: a drop-down each
    tracker.load_bytes((REPO / "tests/fixtures/apps/strong_current.csv").read_bytes(), "s.csv")
    assert tracker.map_dropdowns
    forms["gfr-tracker"] = tracker
    for own_class, form in forms.items():
        controls = [c for c in descendants(form.widget) if isinstance(c, _LABELLED)]  # type: ignore[attr-defined]
        assert controls or own_class in ("gfr-clinic-app", "gfr-quiz"), own_class  # buttons only
        for control in controls:
            assert control.description.strip(), (own_class, control._dom_classes)


def test_name_control_leaves_shown_descriptions_and_boxes_alone() -> None:
    widgets = widget_look.widgets
    text = widget_look.name_control(widgets.Text(), "Your name")
    assert (text.description, text._dom_classes) == ("Your name", (widget_look.NAMED_CLASS,))
    tick = widget_look.name_control(widgets.Checkbox(description="Mon"), "Run days")
    assert (tick.description, tick._dom_classes) == ("Mon", ())
    shown = widget_look.name_control(widgets.Dropdown(description="Week"), "Week by week")
    assert (shown.description, shown._dom_classes) == ("Week", ())
    box = widgets.HBox([widgets.Checkbox()])
    assert widget_look.name_control(box, "Equipment") is box
    rule = widget_look.FORM_CSS.split(f".{widget_look.NAMED_CLASS} > .widget-label")[1]
    assert "clip-path: inset(50%)" in rule.split("}")[0]  # hidden from sight, not from readers


def test_grouped_label_names_the_group_for_screen_readers_only() -> None:
    html = widget_look.grouped_label("Run <days>", "Mon & Tue")
    assert html == (
        f'<span class="{widget_look.HIDDEN_CLASS}">Run &lt;days&gt;: </span>Mon &amp; Tue'
    )
    rule = widget_look.FORM_CSS.split(f".{widget_look.HIDDEN_CLASS}")[1]
    assert "clip-path: inset(50%)" in rule.split("}")[0]
