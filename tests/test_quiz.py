"""Tests of the self-check quiz: data, answer checking, score and the widget."""

from __future__ import annotations

import pandas as pd
import pytest

from gluteutils import load_table
from gluteutils.errors import DataValidationError
from gluteutils.quiz import (
    CHOOSE_AN_ANSWER,
    Question,
    check_answer,
    load_questions,
    questions_from_frame,
    score,
)
from gluteutils.quiz_form import QuizForm
from gluteutils.schema import QUIZ


def _question(**changes: object) -> Question:
    values: dict[str, object] = {
        "question_id": "q_test",
        "notebook": "01",
        "prompt": "Which muscle <b>extends</b> the hip?",
        "choices": ("Gluteus maximus", "Calf", "Hip flexors"),
        "correct": 0,
        "feedback": ("Right: the maximus.", "No: the calf works at the ankle.", "No: flexion."),
        "sources": ("arsenault_livestrong",),
    }
    values.update(changes)
    return Question(**values)  # type: ignore[arg-type]


def _raw_row(**changes: str) -> dict[str, str]:
    row = {
        "question_id": "q_x",
        "notebook": "01",
        "prompt": "Prompt?",
        "choice_1": "A",
        "choice_2": "B",
        "choice_3": "",
        "choice_4": "",
        "correct": "1",
        "feedback_1": "fa",
        "feedback_2": "fb",
        "feedback_3": "",
        "feedback_4": "",
        "sources": "arsenault_livestrong",
    }
    row.update(changes)
    return row


# --- data ---------------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", ["01", "02"])
def test_notebooks_01_and_02_have_three_or_four_questions(notebook: str) -> None:
    questions = load_questions(notebook)
    assert 3 <= len(questions) <= 4
    assert all(q.notebook == notebook for q in questions)


def test_every_question_has_feedback_per_choice_and_a_source() -> None:
    sources = set(load_table("sources")["source_id"])
    frame = load_table("quiz")
    questions = questions_from_frame(frame)
    assert len(questions) == len(frame)
    for q in questions:
        assert len(q.feedback) == len(q.choices) >= 2
        assert all(text.strip() for text in q.feedback)
        assert len(set(q.feedback)) == len(q.feedback), q.question_id
        assert q.sources
        assert set(q.sources) <= sources


def test_csv_correct_column_counts_from_one() -> None:
    frame = load_table("quiz").set_index("question_id")
    q = next(q for q in load_questions("01") if q.question_id == "q01_med_min_role")
    assert frame.loc["q01_med_min_role", "correct"] == 2
    assert q.correct == 1
    assert "side of the hip" in q.choices[q.correct]


def test_choice_without_feedback_is_reported_with_row_and_column() -> None:
    raw = pd.DataFrame([_raw_row(choice_3="C")])
    frame = load_table("quiz").iloc[0:0]
    typed = pd.concat([frame, _typed(raw)], ignore_index=True)
    with pytest.raises(DataValidationError) as info:
        questions_from_frame(typed)
    problem = info.value.problems[0]
    assert (problem.row, problem.column) == (2, "feedback_3")


def test_correct_pointing_at_empty_choice_is_reported() -> None:
    typed = _typed(pd.DataFrame([_raw_row(correct="3")]))
    with pytest.raises(DataValidationError, match="names a choice that is empty"):
        questions_from_frame(typed)


def test_schema_rejects_correct_outside_one_to_four() -> None:
    with pytest.raises(DataValidationError, match="at most 4"):
        _typed(pd.DataFrame([_raw_row(correct="5")]))


def _typed(raw: pd.DataFrame) -> pd.DataFrame:
    from gluteutils.library import validate_frame

    return validate_frame(raw, QUIZ)


def test_load_questions_rejects_unknown_notebook() -> None:
    with pytest.raises(ValueError, match="notebook must be one of"):
        load_questions("1")


# --- pure checking ------------------------------------------------------------------------


def test_right_answer_gets_its_feedback() -> None:
    result = check_answer(_question(), 0)
    assert result.correct
    assert result.answered
    assert result.message == "Right: the maximus."


@pytest.mark.parametrize(("index", "message"), [(1, "calf"), (2, "flexion")])
def test_each_wrong_answer_gets_its_own_feedback(index: int, message: str) -> None:
    result = check_answer(_question(), index)
    assert not result.correct
    assert message in result.message


def test_no_answer_asks_for_one() -> None:
    result = check_answer(_question(), None)
    assert not result.answered
    assert not result.correct
    assert result.message == CHOOSE_AN_ANSWER


def test_out_of_range_choice_raises() -> None:
    with pytest.raises(IndexError):
        check_answer(_question(), 3)


def test_question_needs_one_feedback_per_choice() -> None:
    with pytest.raises(ValueError, match="one feedback per choice"):
        _question(feedback=("only one",))


def test_score_counts_right_and_answered() -> None:
    qs = [_question(question_id="a"), _question(question_id="b"), _question(question_id="c")]
    result = score(qs, {"a": 0, "b": 2, "c": None})
    assert (result.correct, result.answered, result.total) == (1, 2, 3)
    assert result.text == "1 of 3 right (2 answered)."


def test_real_questions_right_and_wrong() -> None:
    for q in load_questions("02"):
        assert check_answer(q, q.correct).correct
        wrong = next(i for i in range(len(q.choices)) if i != q.correct)
        result = check_answer(q, wrong)
        assert not result.correct
        assert result.message == q.feedback[wrong]


# --- widget -------------------------------------------------------------------------------


def test_form_builds_one_radio_and_button_per_question() -> None:
    form = QuizForm("01")
    assert len(form.radios) == len(form.buttons) == len(load_questions("01"))
    assert all(r.value is None for r in form.radios.values())
    assert "gfr-quiz" in form.widget._dom_classes
    assert form.total_text == f"Score: 0 of {len(form.questions)} right (0 answered)."
    # each "Check" says, in its tooltip (what a screen reader adds), which question it checks
    tooltips = [form.buttons[q.question_id].tooltip for q in form.questions]
    assert tooltips == [f"Check your answer to question {n}" for n in range(1, len(tooltips) + 1)]


def test_check_button_shows_right_feedback() -> None:
    form = QuizForm("01", questions=[_question()])
    form.radios["q_test"].value = 0
    form.buttons["q_test"].click()
    assert form.results["q_test"].correct
    assert form.messages["q_test"] == "Right: the maximus."
    assert "Right: the maximus." in form.feedback["q_test"].value
    assert "gfr-quiz-feedback-right" in form.feedback["q_test"].value
    assert "Arsenault" in form.feedback["q_test"].value  # the source is shown
    assert form.total_text == "Score: 1 of 1 right (1 answered)."


def test_check_button_shows_wrong_feedback() -> None:
    form = QuizForm("01", questions=[_question()])
    form.radios["q_test"].value = 1
    form.buttons["q_test"].click()
    assert not form.results["q_test"].correct
    assert "gfr-quiz-feedback-wrong" in form.feedback["q_test"].value
    assert "calf works at the ankle" in form.feedback["q_test"].value
    assert form.total_text == "Score: 0 of 1 right (1 answered)."


def test_unanswered_check_asks_for_an_answer() -> None:
    form = QuizForm("01", questions=[_question()])
    form.buttons["q_test"].click()
    assert form.messages["q_test"] == CHOOSE_AN_ANSWER
    assert "Choose an answer" in form.feedback["q_test"].value
    assert "gfr-quiz-feedback-unanswered" in form.feedback["q_test"].value
    assert form.total_text == "Score: 0 of 1 right (0 answered)."


def test_prompt_and_feedback_are_escaped() -> None:
    q = _question(feedback=("<img src=x onerror=alert(1)>", "b", "c"))
    form = QuizForm("01", questions=[q])
    form.radios["q_test"].value = 0
    form.buttons["q_test"].click()
    html = form.feedback["q_test"].value
    assert "<img" not in html
    assert "&lt;img" in html
    assert "<b>extends</b>" not in form.widget.children[0].children[0].value


def test_score_uses_the_checked_answer_not_a_later_click() -> None:
    form = QuizForm("01", questions=[_question()])
    form.radios["q_test"].value = 0
    form.buttons["q_test"].click()
    form.radios["q_test"].value = 2  # changed but not checked again
    assert form.total_text == "Score: 1 of 1 right (1 answered)."


def test_every_real_question_can_be_checked_in_the_form() -> None:
    for notebook in ("01", "02"):
        form = QuizForm(notebook)
        for q in form.questions:
            form.radios[q.question_id].value = q.correct
            form.buttons[q.question_id].click()
        n = len(form.questions)
        assert form.total_text == f"Score: {n} of {n} right ({n} answered)."
