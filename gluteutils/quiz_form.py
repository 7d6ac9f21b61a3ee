"""The self-check quiz widget shown near the end of every notebook.

A thin layer over :mod:`gluteutils.quiz`: one set of radio buttons, a "Check"
button and a feedback line per question, and a running total. What it showed
is kept in attributes (``results``, ``messages``, ``total_text``) so tests can
check it without a browser.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from .display import escape
from .library import cite
from .quiz import Feedback, Question, check_answer, load_questions, score
from .radio_group import RadioGroup
from .status_line import status_line
from .widget_look import SharedLook, form_box

_COLOURS = {"right": "#1b5e20", "wrong": "#b71c1c", "unanswered": "#5d4037"}


def _feedback_html(feedback: Feedback, sources: tuple[str, ...]) -> str:
    """Render one feedback message (escaped) with its sources."""
    state = "unanswered" if not feedback.answered else ("right" if feedback.correct else "wrong")
    html = (
        f'<div class="gfr-quiz-feedback-{state}" style="color:{_COLOURS[state]}">'
        f"{escape(feedback.message)}</div>"
    )
    if feedback.answered and sources:
        cited = "; ".join(escape(cite(s)) for s in sources)
        html += f'<div class="gfr-quiz-sources"><small>Source: {cited}</small></div>'
    return html


class QuizForm:
    """A self-check quiz for one notebook.

    Parameters
    ----------
    notebook : str
        Two-digit notebook number, for example ``"01"``.
    questions : list of Question, optional
        Questions to ask instead of the notebook's rows of ``data/quiz.csv``
        (for tests).

    Attributes
    ----------
    questions : list of Question
        The questions, in the order shown.
    radios : dict of str to RadioGroup
        Answer choices by ``question_id``; the value is the choice index or ``None``.
    buttons : dict of str to ipywidgets.Button
        The "Check" button of each question.
    feedback : dict of str to ipywidgets.HTML
        Where each question's feedback appears.
    results : dict of str to Feedback
        The last feedback shown for each checked question.
    messages : dict of str to str
        The last message text shown for each checked question.
    answers : dict of str to int or None
        The choice index each question had when it was last checked.
    total : ipywidgets.HTML
        The running score.
    total_text : str
        The running score as plain text.
    widget : ipywidgets.VBox
        The whole form, ready to display.
    """

    def __init__(self, notebook: str = "01", questions: list[Question] | None = None) -> None:
        self.notebook = notebook
        self.questions = list(questions) if questions is not None else load_questions(notebook)
        self.radios: dict[str, RadioGroup] = {}
        self.buttons: dict[str, widgets.Button] = {}
        self.feedback: dict[str, widgets.HTML] = {}
        self.results: dict[str, Feedback] = {}
        self.messages: dict[str, str] = {}
        self.answers: dict[str, int | None] = {}
        # the texts and boxes share their Layouts and HTML style
        self._look = SharedLook()
        self.total = self._look.html("", "gfr-quiz-total")
        self.total_text = ""
        boxes = [self._question_box(n, q) for n, q in enumerate(self.questions, start=1)]
        if not boxes:
            boxes = [widgets.Label("No questions for this notebook yet.")]
        self.widget = form_box([*boxes, self.total], "gfr-quiz")
        self._update_total()

    def _question_box(self, number: int, question: Question) -> widgets.VBox:
        qid = question.question_id
        prompt = self._look.html(f"<b>{number}. {escape(question.prompt)}</b>", "gfr-quiz-prompt")
        # Radio labels are set as plain text by the front end, so they need no escaping.
        radio = RadioGroup(
            options=[(text, index) for index, text in enumerate(question.choices)],
            value=None,
            # names the group for screen readers; the bold prompt above is what is seen
            description=f"{number}. {question.prompt}",
            layout=self._look.layout("auto"),
            _dom_classes=("gfr-quiz-choices",),
        )
        button = widgets.Button(
            description="Check",
            button_style="primary",
            # every button reads "Check": the tooltip (the button's accessible
            # description) says which question it checks
            tooltip=f"Check your answer to question {number}",
            _dom_classes=("gfr-quiz-check",),
        )
        # announced by screen readers: it appears below the button just pressed
        feedback = status_line("", "gfr-quiz-feedback", look=self._look)
        button.on_click(lambda _button, q=question: self.check(q.question_id))
        self.radios[qid] = radio
        self.buttons[qid] = button
        self.feedback[qid] = feedback
        return widgets.VBox(
            [prompt, radio, button, feedback],
            layout=self._look.layout(),
            _dom_classes=("gfr-quiz-question",),
        )

    def check(self, question_id: str) -> Feedback:
        """Check the chosen answer of one question and show its feedback.

        Parameters
        ----------
        question_id : str
            The question to check.

        Returns
        -------
        Feedback
            What was shown.
        """
        question = next(q for q in self.questions if q.question_id == question_id)
        result = check_answer(question, self.radios[question_id].value)
        self.results[question_id] = result
        self.answers[question_id] = self.radios[question_id].value
        self.messages[question_id] = result.message
        self.feedback[question_id].value = _feedback_html(result, question.sources)
        self._update_total()
        return result

    def _update_total(self) -> None:
        # Only checked answers count, so the total never gives away an unchecked one.
        self.total_text = "Score: " + score(self.questions, self.answers).text
        self.total.value = f"<p>{escape(self.total_text)}</p>"

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display the form when it is the last expression of a cell."""
        return self.widget._repr_mimebundle_(**kwargs)
