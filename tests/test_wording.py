"""Counts in messages agree with their number: "1 set", never "1 sets"."""

from __future__ import annotations

import doctest

import pytest

from gluteutils import radio_group, status_line, wording
from gluteutils.exercises import dosage_text
from gluteutils.plan_text import prescription_text
from gluteutils.wording import plural


@pytest.mark.parametrize(("count", "expected"), [(0, "0 sets"), (1, "1 set"), (2, "2 sets")])
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "set") == expected


def test_a_dose_of_one_set_without_repetitions_says_set() -> None:
    row = {"sets": 1, "reps_min": None, "reps_max": None, "hold_s": None, "side": "both"}
    assert prescription_text(row) == "1 set"
    assert prescription_text({**row, "sets": 3}) == "3 sets"


def test_a_library_dose_of_one_set_says_set() -> None:
    assert dosage_text({"sets_min": 1, "sets_max": 1, "measure": "reps"}) == "1 set"
    assert dosage_text({"sets_min": 2, "sets_max": 3, "measure": "reps"}) == "2-3 sets"


def test_doctests() -> None:
    for module in (wording, radio_group, status_line):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__
