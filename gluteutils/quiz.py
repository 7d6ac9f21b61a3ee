"""Self-check quizzes: questions from ``data/quiz.csv``, answers checked, scores counted.

Pure functions over small frozen dataclasses; the widget in
:mod:`gluteutils.quiz_form` only shows what these return.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .errors import DataValidationError, Problem
from .library import load_table
from .schema import QUIZ, QUIZ_NOTEBOOKS

#: Shown when the runner presses "Check" without picking an answer.
CHOOSE_AN_ANSWER = "Choose an answer first, then press Check."

_MAX_CHOICES = 4


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with feedback for every choice.

    Attributes
    ----------
    question_id : str
        Identifier from ``data/quiz.csv``.
    notebook : str
        Two-digit number of the notebook that asks it, for example ``"01"``.
    prompt : str
        The question text.
    choices : tuple of str
        Two to four answer choices, in the order shown.
    correct : int
        Index into ``choices`` of the right answer, counted from 0 (the CSV
        counts from 1).
    feedback : tuple of str
        One message per choice, explaining why it is right or wrong.
    sources : tuple of str
        ``source_id`` values of the facts the question checks.
    """

    question_id: str
    notebook: str
    prompt: str
    choices: tuple[str, ...]
    correct: int
    feedback: tuple[str, ...]
    sources: tuple[str, ...]

    def __post_init__(self) -> None:
        if not 2 <= len(self.choices) <= _MAX_CHOICES:
            raise ValueError(f"question {self.question_id!r} needs 2 to 4 choices")
        if len(self.feedback) != len(self.choices):
            raise ValueError(f"question {self.question_id!r} needs one feedback per choice")
        if not 0 <= self.correct < len(self.choices):
            raise ValueError(f"question {self.question_id!r}: correct index out of range")


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    Attributes
    ----------
    correct : bool
        Whether the chosen answer is the right one (``False`` when none was chosen).
    message : str
        Text to show the runner.
    answered : bool
        ``False`` when no choice was made; ``message`` then asks for one.
    """

    correct: bool
    message: str
    answered: bool = True


@dataclass(frozen=True)
class Score:
    """How many questions of a quiz were answered, and answered right.

    Attributes
    ----------
    correct : int
        Questions answered right.
    answered : int
        Questions with a choice made.
    total : int
        Questions in the quiz.
    """

    correct: int
    answered: int
    total: int

    @property
    def text(self) -> str:
        """Return the score as a sentence, e.g. ``"2 of 4 right (3 answered)."``."""
        return f"{self.correct} of {self.total} right ({self.answered} answered)."


def _question_problems(row: pd.Series, row_number: int) -> list[Problem]:
    """Check what the schema cannot: the right choice and each feedback exist."""
    problems = []
    for n in range(1, _MAX_CHOICES + 1):
        has_choice = bool(row[f"choice_{n}"])
        has_feedback = bool(row[f"feedback_{n}"])
        if has_choice and not has_feedback:
            problems.append(
                Problem(QUIZ.filename, row_number, f"feedback_{n}", None, "choice has no feedback")
            )
        if has_feedback and not has_choice:
            problems.append(
                Problem(QUIZ.filename, row_number, f"choice_{n}", None, "feedback has no choice")
            )
    if row["choice_4"] and not row["choice_3"]:
        problems.append(
            Problem(QUIZ.filename, row_number, "choice_3", None, "fill choice 3 before choice 4")
        )
    correct = int(row["correct"])
    if not row[f"choice_{correct}"]:
        problems.append(
            Problem(
                QUIZ.filename,
                row_number,
                "correct",
                str(correct),
                "names a choice that is empty",
            )
        )
    return problems


def questions_from_frame(frame: pd.DataFrame) -> list[Question]:
    """Turn rows of the validated quiz table into questions.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of ``data/quiz.csv`` as returned by ``load_table("quiz")``.

    Returns
    -------
    list of Question
        In table order.

    Raises
    ------
    DataValidationError
        If a choice lacks feedback (or the reverse), choice 4 is given without
        choice 3, or ``correct`` names an empty choice.
    """
    problems: list[Problem] = []
    questions = []
    for position, (_, row) in enumerate(frame.iterrows()):
        row_problems = _question_problems(row, position + 2)
        if row_problems:
            problems += row_problems
            continue
        count = sum(1 for n in range(1, _MAX_CHOICES + 1) if row[f"choice_{n}"])
        questions.append(
            Question(
                question_id=str(row["question_id"]),
                notebook=str(row["notebook"]),
                prompt=str(row["prompt"]),
                choices=tuple(str(row[f"choice_{n}"]) for n in range(1, count + 1)),
                correct=int(row["correct"]) - 1,
                feedback=tuple(str(row[f"feedback_{n}"]) for n in range(1, count + 1)),
                sources=tuple(row["sources"]),
            )
        )
    if problems:
        raise DataValidationError(problems)
    return questions


def load_questions(notebook: str) -> list[Question]:
    """Load the self-check questions of one notebook.

    Parameters
    ----------
    notebook : str
        Two-digit notebook number, for example ``"01"``.

    Returns
    -------
    list of Question
        The notebook's questions in file order; empty if it has none yet.

    Raises
    ------
    ValueError
        If ``notebook`` is not a two-digit notebook number.
    DataValidationError
        If ``data/quiz.csv`` is invalid.

    Examples
    --------
    >>> [q.question_id for q in load_questions("01")][:1]
    ['q01_glute_max_actions']
    """
    if notebook not in QUIZ_NOTEBOOKS:
        raise ValueError(f"notebook must be one of {', '.join(QUIZ_NOTEBOOKS)}, not {notebook!r}")
    frame = load_table("quiz")
    return questions_from_frame(frame[frame["notebook"] == notebook])


def check_answer(question: Question, choice_index: int | None) -> Feedback:
    """Check one answer and return the feedback for the chosen choice.

    Parameters
    ----------
    question : Question
        The question asked.
    choice_index : int or None
        Index into ``question.choices`` (from 0), or ``None`` if nothing was chosen.

    Returns
    -------
    Feedback
        ``answered=False`` with a "choose an answer" message when ``choice_index``
        is ``None``; otherwise whether it is right and that choice's feedback.

    Raises
    ------
    IndexError
        If ``choice_index`` is not a valid index of ``question.choices``.

    Examples
    --------
    >>> q = Question("q", "01", "2 + 2?", ("4", "5"), 0, ("Yes.", "No."), ())
    >>> check_answer(q, 1)
    Feedback(correct=False, message='No.', answered=True)
    """
    if choice_index is None:
        return Feedback(correct=False, message=CHOOSE_AN_ANSWER, answered=False)
    if not 0 <= choice_index < len(question.choices):
        raise IndexError(f"question {question.question_id!r} has no choice {choice_index}")
    return Feedback(
        correct=choice_index == question.correct,
        message=question.feedback[choice_index],
    )


def score(questions: Sequence[Question], answers: Mapping[str, int | None]) -> Score:
    """Count right and answered questions.

    Parameters
    ----------
    questions : sequence of Question
        The quiz.
    answers : mapping of str to int or None
        Chosen index by ``question_id``; missing or ``None`` means unanswered.

    Returns
    -------
    Score
        Right, answered and total counts.
    """
    chosen = [answers.get(q.question_id) for q in questions]
    answered = sum(1 for c in chosen if c is not None)
    right = sum(1 for q, c in zip(questions, chosen, strict=True) if c == q.correct)
    return Score(correct=right, answered=answered, total=len(questions))
