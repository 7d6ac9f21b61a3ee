"""StatusLine: form status lines and quiz feedback that screen readers announce."""

from __future__ import annotations

import ipywidgets as widgets

from gluteutils.assessment_form import SelfAssessmentForm
from gluteutils.clinic_form import ClinicApp
from gluteutils.log_form import LogForm
from gluteutils.plan_form import PlanForm
from gluteutils.quiz_form import QuizForm
from gluteutils.status_line import StatusLine, status_line
from gluteutils.tracker_form import TrackerApp


def test_a_status_line_is_an_html_widget_drawn_as_a_polite_live_region() -> None:
    line = status_line("<p>first</p>", "gfr-a", "gfr-b")
    assert isinstance(line, widgets.HTML)
    assert line._dom_classes == ("gfr-a", "gfr-b")
    line.value = "<p>Your plan is built.</p>"
    state = line.get_state()
    assert (state["_view_module"], state["value"]) == ("anywidget", "<p>Your plan is built.</p>")
    script = state["_esm"]
    # one region that stays in the page, whose content changes: what screen readers follow
    for needed in (
        'region.setAttribute("role", urgent ? "alert" : "status")',
        'region.setAttribute("aria-live", urgent ? "assertive" : "polite")',
        'region.innerHTML = model.get("value")',
        'model.on("change:value", show)',
        'model.on("change:urgent", live)',
    ):
        assert needed in script
    assert script.count("el.append(") == 1
    # the text goes in before the region is made live: a redrawn line is not said again
    assert script.index("  show();\n  live();") > script.index("const live")
    assert state["urgent"] is False
    assert status_line("", urgent=True).get_state()["urgent"] is True


def test_the_same_message_set_again_is_said_again() -> None:
    line = status_line("")
    line.value = "<p>1 answer needs fixing</p>"
    assert line._said == 0  # a new text is a change the page sees anyway
    # pressing Assess again with the same mistake: traitlets sends no change of
    # value, so the counter tells the page to say the text once more
    line.value = "<p>1 answer needs fixing</p>"
    assert line._said == 1
    assert line.get_state()["_said"] == 1
    line.value = ""
    line.value = ""  # clearing stays silent
    assert line._said == 1


def test_the_forms_status_lines_are_announced() -> None:
    assessment = SelfAssessmentForm()
    plan = PlanForm()
    clinic = ClinicApp()
    log = LogForm()
    tracker = TrackerApp()
    quiz = QuizForm("05")
    lines = [
        assessment.status,
        assessment.save_status,
        plan.status,
        plan.obstacle_status,
        plan.save_status,
        clinic.roster_status,
        clinic.roster_message,
        clinic.build_status,
        clinic.build_message,
        clinic.logs_status,
        clinic.logs_message,
        log.status,
        log.plan_status,
        tracker.status,
        *tracker.message_widgets.values(),
        *quiz.feedback.values(),
    ]
    assert all(isinstance(line, StatusLine) for line in lines)


def test_assessing_an_empty_form_says_so_in_the_announced_line() -> None:
    form = SelfAssessmentForm()
    form.assess()
    assert "need fixing" in form.status.value
    # a checked quiz answer's feedback lands in its announced line
    quiz = QuizForm("05")
    first = quiz.questions[0]
    quiz.radios[first.question_id].value = first.correct
    quiz.check(first.question_id)
    assert quiz.messages[first.question_id] in quiz.feedback[first.question_id].value
