"""A file chosen in the wrong place is named for what it is, in one line."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gluteutils.app_import import import_workouts
from gluteutils.clinic import read_roster, roster_template
from gluteutils.errors import DataValidationError
from gluteutils.exercises import load_exercises
from gluteutils.file_kinds import file_kinds, guess_kind
from gluteutils.files import normalise_header
from gluteutils.log_io import log_to_csv, read_log
from gluteutils.plan_csv import plan_to_csv, read_plan
from gluteutils.profile_file import read_profile
from gluteutils.sample_log import load_sample_log, sample_plan

from .conftest import REPO

FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """One real file of every kind, as the notebooks and the apps write them."""
    return {
        "plan": plan_to_csv(sample_plan(load_exercises())),
        "log": log_to_csv(load_sample_log()),
        "obstacle_profile": (FIXTURES / "glute-profile-format-1.csv").read_bytes(),
        "roster": roster_template(),
        "app_export": (FIXTURES / "apps" / "hevy_kg.csv").read_bytes(),
    }


READERS: dict[str, Callable[[bytes], object]] = {
    "plan": read_plan,
    "log": read_log,
    "obstacle_profile": read_profile,
    "roster": read_roster,
    "app_export": lambda data: import_workouts(data, athlete="Ana"),
}


def _header(data: bytes) -> list[str]:
    first = data.decode("utf-8-sig").splitlines()[0]
    return [normalise_header(cell.strip('"')) for cell in first.split(",")]


def test_every_file_is_told_apart(files: dict[str, bytes]) -> None:
    for key, data in files.items():
        kind = guess_kind(_header(data))
        assert kind is not None
        assert kind.key == key
    assert guess_kind(["date", "distance", "pace"]) is None
    assert guess_kind([]) is None


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("given", ["plan", "log", "obstacle_profile", "roster", "app_export"])
def test_a_file_in_the_wrong_place_gets_one_line_naming_it(
    files: dict[str, bytes], reader: str, given: str
) -> None:
    if reader == given:
        READERS[reader](files[given])  # the right file is read
        return
    with pytest.raises(DataValidationError) as info:
        READERS[reader](files[given])
    (problem,) = info.value.problems  # was a line per missing column: 34 for a log
    assert problem.row is None
    assert problem.column is None
    assert problem.message.startswith(f"looks like {file_kinds()[given].what}, not ")


def test_a_wrong_header_of_no_known_kind_still_lists_its_columns() -> None:
    with pytest.raises(DataValidationError) as info:
        read_plan(b"date,distance,pace\n2025-03-03,5,6:00\n")
    assert len(info.value.problems) > 3
    assert all(p.row == 1 for p in info.value.problems)
