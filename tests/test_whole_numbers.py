"""Whole numbers of hundreds or thousands of digits: refused by range, never a crash.

Python's ``int`` refuses more than 4300 digits, a float overflows past about 308
and an int64 column past 19; every reader holds such a cell at
``WHOLE_NUMBER_LIMIT`` and reports it like any number too large.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from gluteutils.errors import DataValidationError
from gluteutils.exercises import load_exercises
from gluteutils.files import WHOLE_NUMBER_LIMIT, whole_number
from gluteutils.log_entry import check_set
from gluteutils.log_io import read_log
from gluteutils.plan_csv import plan_to_csv, read_plan
from gluteutils.plan_profile import validate_profile
from gluteutils.profile_file import read_profile
from gluteutils.sample_log import sample_plan

from .conftest import REPO

HUGE = ["1" + "0" * 30, "9" * 400, "1" * 5000, "-" + "7" * 5000]


def _id(value: object) -> str:
    """A short test id (pytest's own would print a 5000-digit int, which Python refuses)."""
    if isinstance(value, int):
        return f"int{'-' if value < 0 else ''}{value.bit_length()}bits"
    text = str(value)
    return text if len(text) <= 12 else f"{text[:3]}..{len(text)}chars"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("+012", 12),
        ("-3", -3),
        ("000000000000000000000000000000000042", 42),
        (str(WHOLE_NUMBER_LIMIT), WHOLE_NUMBER_LIMIT),
        (str(WHOLE_NUMBER_LIMIT + 1), WHOLE_NUMBER_LIMIT),
        ("1" * 5000, WHOLE_NUMBER_LIMIT),
        ("-" + "1" * 5000, -WHOLE_NUMBER_LIMIT),
        (-(10**5000), -WHOLE_NUMBER_LIMIT),
    ],
    ids=_id,
)
def test_whole_number_is_exact_up_to_the_limit_and_held_there(text: str | int, value: int) -> None:
    assert whole_number(text) == value


def _with_cell(data: bytes, column: str, text: str) -> bytes:
    """The CSV ``data`` with ``column`` of its first data row set to ``text``."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    rows[1][rows[0].index(column)] = text
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _problems(read, data: bytes) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(DataValidationError) as info:
        read(data)
    return [(p.row, p.column, p.message) for p in info.value.problems]


@pytest.mark.parametrize("big", HUGE, ids=_id)
def test_a_log_refuses_a_huge_repetition_count(big: str) -> None:
    data = (
        "datetime,athlete,exercise_id,set_type,set,side,reps,source\r\n"
        f"2025-03-03T07:00,Ana,glute_bridge,working,1,both,{big},form\r\n"
    ).encode()
    message = "must be at least 0" if big.startswith("-") else "must be at most 500"
    assert _problems(lambda d: read_log(d, today=date(2025, 6, 30)), data) == [(2, "reps", message)]


@pytest.mark.parametrize("big", [*HUGE, str(2**64)], ids=_id)
def test_a_plan_refuses_a_huge_order_and_only_names_that_cell(big: str) -> None:
    # the row id is not checked against a refused order (it would quote the held value)
    data = plan_to_csv(sample_plan(load_exercises()))
    data = _with_cell(data, "order", big)
    message = "must be at least 1" if big.startswith("-") else "must be at most 99"
    assert _problems(read_plan, data) == [(2, "order", message)]


@pytest.mark.parametrize("big", HUGE[:3], ids=_id)
def test_a_profile_file_refuses_a_huge_score(big: str) -> None:
    data = (REPO / "tests" / "fixtures" / "glute-profile-format-1.csv").read_bytes()
    problems = _problems(read_profile, _with_cell(data, "score", big))
    assert problems == [(2, "score", "must be from 0 to 100")]


@pytest.mark.parametrize("big", [*HUGE, 10**5000, -(10**5000), 1e300], ids=_id)
def test_the_plan_form_says_a_huge_week_count_is_far_too_large(big: str | int | float) -> None:
    raw = {"athlete": "Ana", "level": "beginner", "start_date": "2025-03-03", "weeks": big}
    profile, messages = validate_profile({**raw, "training_days": "mon|thu"})
    assert profile is None
    assert messages["weeks"].startswith("Weeks must be a whole number from 1 to 16")
    assert len(messages["weeks"]) < 120


@pytest.mark.parametrize("big", HUGE, ids=_id)
def test_the_log_form_refuses_a_huge_repetition_count(big: str) -> None:
    entry, messages = check_set({"exercise_id": "glute_bridge", "reps": big}, ["glute_bridge"])
    assert entry is None
    assert set(messages) == {"reps"}
