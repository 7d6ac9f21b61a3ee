"""Training-log files: contract, exact round trips, CSV pitfalls, hostile files, safe saves."""

from __future__ import annotations

import csv
import io
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gluteutils.errors import DataValidationError
from gluteutils.exercises import load_exercises
from gluteutils.log_columns import KG_PER_LB, LOG_COLUMNS, LOG_FREE_TEXT, LOG_SIDES, SET_TYPES
from gluteutils.log_io import (
    BACKUPS_KEPT,
    MAX_LISTED_PROBLEMS,
    MAX_LOG_BYTES,
    LogImport,
    append_to_log,
    backup_folder,
    empty_log,
    import_into_log,
    log_to_csv,
    normalise_log,
    read_log,
    save_log,
)

from .conftest import REPO

TODAY = date(2025, 6, 30)
_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BASE_ROW: dict[str, object] = {
    "datetime": "2025-03-03T07:00",
    "athlete": "Ana",
    "exercise_id": "glute_bridge",
    "exercise_name": "Glute bridge",
    "set_type": "working",
    "set": 1,
    "side": "both",
    "reps": 12,
    "duration_s": None,
    "load": None,
    "load_unit": "",
    "rpe": None,
    "rir": None,
    "glute_feel": 7,
    "pain": 0,
    "pain_where": "",
    "notes": "",
    "source": "form",
}


def make_log(*changes: Mapping[str, object]) -> pd.DataFrame:
    """A log with one row per mapping, each the base row with those changes."""
    return normalise_log(pd.DataFrame([{**BASE_ROW, **change} for change in changes]))


def csv_bytes(
    rows: list[Mapping[str, object]],
    *,
    columns: tuple[str, ...] = LOG_COLUMNS,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
) -> bytes:
    """A log file written by hand (as a spreadsheet would), cells exactly as given."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        full = {**{k: "" if v is None else str(v) for k, v in BASE_ROW.items()}, **row}
        writer.writerow([full.get(name, "") for name in columns])
    return buffer.getvalue().encode(encoding)


def read(data: bytes, **kwargs: object) -> LogImport:
    return read_log(data, today=TODAY, **kwargs)  # type: ignore[arg-type]


def problems_of(data: bytes) -> list[tuple[int | None, str | None, str | None, str]]:
    with pytest.raises(DataValidationError) as caught:
        read(data)
    return [(p.row, p.column, p.value, p.message) for p in caught.value.problems]


# --- the contract ------------------------------------------------------------------------------


def test_normalise_log_gives_the_contract() -> None:
    log = make_log(
        {"athlete": "Zoë", "set": 2, "load": 10, "load_unit": "lb", "datetime": "2025-03-03 07:00"},
        {"set": 1, "side": "left", "reps": None, "duration_s": 30, "datetime": "2025-03-02T18:45"},
    )
    assert list(log.columns) == list(LOG_COLUMNS)
    assert log["datetime"].dtype == "datetime64[ns]"
    for name in ("set", "reps", "duration_s", "glute_feel", "pain"):
        assert log[name].dtype == "Int64", name
    for name in ("load", "load_kg", "rpe", "rir"):
        assert log[name].dtype == "float64", name
    for name in ("set_key", "athlete", "exercise_id", "side", "load_unit", "notes", "source"):
        assert log[name].dtype == object, name
        assert all(isinstance(v, str) for v in log[name]), name
    # sorted by datetime first; keys made from the key columns
    assert log["set_key"].tolist() == [
        "2025-03-02T18:45|Ana|glute_bridge|left|1",
        "2025-03-03T07:00|Zoë|glute_bridge|both|2",
    ]
    assert log["load_kg"].tolist()[1] == round(10 * KG_PER_LB, 2) == 4.54
    assert np.isnan(log["load_kg"].iloc[0])
    assert log["duration_s"].isna().tolist() == [False, True]
    assert log.index.tolist() == [0, 1]


def test_empty_log_has_the_contract_columns() -> None:
    log = empty_log()
    assert list(log.columns) == list(LOG_COLUMNS)
    assert len(log) == 0
    assert log["datetime"].dtype == "datetime64[ns]"
    assert log["reps"].dtype == "Int64"
    assert log["athlete"].dtype == object


def test_a_written_log_reads_back_exactly() -> None:
    log = make_log(
        {"athlete": "NA", "notes": "=HYPERLINK(\"http://x\")\rsecond\nthird", "rpe": 7.5},
        {"athlete": "null", "exercise_id": "clamshell", "exercise_name": "Clamshell",
         "side": "left", "load": 12.5, "load_unit": "kg", "pain_where": "+hip", "rir": 2},
    )  # fmt: skip
    data = log_to_csv(log)
    back = read(data)
    pd.testing.assert_frame_equal(back.log, log)
    assert back.encoding == "utf-8-sig"
    assert back.notes == ()
    assert log_to_csv(back.log) == data  # a second round changes nothing


def test_the_file_format() -> None:
    data = log_to_csv(make_log({"notes": "@SUM(A1)", "load": 20.0, "load_unit": "kg"}))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode().split("\r\n")
    assert lines[0] == ",".join(LOG_COLUMNS)  # no index column, exact header
    cells = next(csv.reader([lines[1]]))
    row = dict(zip(LOG_COLUMNS, cells, strict=True))
    assert row["notes"] == "'@SUM(A1)"
    assert row["load"] == "20"
    assert row["load_kg"] == "20"
    assert row["reps"] == "12"
    assert row["datetime"] == "2025-03-03T07:00"
    assert row["set_key"] == "2025-03-03T07:00|Ana|glute_bridge|both|1"


def test_formula_cells_are_neutralised_in_every_free_text_column() -> None:
    hostile = dict.fromkeys(LOG_FREE_TEXT, "=1+1")
    data = log_to_csv(make_log(hostile))
    text = data.decode("utf-8-sig")
    assert ",=" not in text
    assert not any(line.startswith("=") for line in text.splitlines())
    assert text.count("'=1+1") == len(LOG_FREE_TEXT)
    assert read(data).log.loc[0, "notes"] == "=1+1"


def test_a_lone_carriage_return_stays_inside_its_cell() -> None:
    # CPython gh-67044: an unquoted lone CR splits the row on Python 3.11.7
    log = make_log({"notes": "left\rright"}, {"set": 2, "notes": "\r"})
    back = read(log_to_csv(log)).log
    assert back["notes"].tolist() == ["left\rright", "\r"]


# --- the pitfalls table of the csv-and-safety guide, one test per row ---------------------------


def test_pitfall_utf8_bom() -> None:
    with_bom = csv_bytes([{}], encoding="utf-8-sig")
    without = csv_bytes([{}], encoding="utf-8")
    assert read(with_bom).encoding == "utf-8-sig"
    assert read(without).encoding == "utf-8"
    pd.testing.assert_frame_equal(read(with_bom).log, read(without).log)


def test_pitfall_cp1252_is_read_and_said() -> None:
    result = read(csv_bytes([{"athlete": "Zoë Müller"}], encoding="cp1252"))
    assert result.log.loc[0, "athlete"] == "Zoë Müller"
    assert result.encoding == "cp1252"
    assert "read as Windows-1252 (the file is not UTF-8)" in result.notes


def test_pitfall_semicolons_and_decimal_commas() -> None:
    data = csv_bytes(
        [{"load": "10,5", "load_unit": "kg", "rpe": "7,5"}], delimiter=";", encoding="utf-8"
    )
    result = read(data)
    assert result.log.loc[0, "load"] == 10.5
    assert result.log.loc[0, "rpe"] == 7.5
    assert "cells separated by semicolons" in result.notes
    assert "1 decimal comma read in column 'load'" in result.notes


def test_pitfall_tabs() -> None:
    assert read(csv_bytes([{}], delimiter="\t")).notes == ("cells separated by tabs",)


def test_pitfall_a_single_column_file_is_not_split_on_a_letter() -> None:
    problems = problems_of(b"notes\r\nthat\r\n")
    assert (1, "datetime", None, "required column is missing") in problems
    assert all(message != "unexpected column (check its spelling)" for *_, message in problems)


def test_pitfall_dates_are_parsed_explicitly_iso_first_then_day_first() -> None:
    rows = [
        {"datetime": "2025-03-01T07:00", "set": 1},  # ISO: 1 March, never 3 January
        {"datetime": "13/04/2025 08:30", "set": 2},  # day first
        {"datetime": "03/04/2025", "set": 3},  # 3 April (not 4 March), midnight
        {"datetime": "3.4.2025 7:05", "set": 4},
        {"datetime": "2025-03-01 06:00:40", "set": 5},  # seconds dropped
    ]
    result = read(csv_bytes(rows))
    when = dict(zip(result.log["set"], result.log["datetime"], strict=True))
    assert when[1] == pd.Timestamp("2025-03-01 07:00")
    assert when[2] == pd.Timestamp("2025-04-13 08:30")
    assert when[3] == pd.Timestamp("2025-04-03 00:00")
    assert when[4] == pd.Timestamp("2025-04-03 07:05")
    assert when[5] == pd.Timestamp("2025-03-01 06:00")
    assert "3 dates written day first (dd/mm/yyyy or dd.mm.yyyy) and read that way" in result.notes
    assert "seconds dropped from 1 time (the log keeps minutes)" in result.notes


@pytest.mark.parametrize("text", ["04/13/2025", "2025/03/01", "1/3/25", "March 3", "45000"])
def test_pitfall_undocumented_date_forms_are_refused_by_row(text: str) -> None:
    problems = problems_of(csv_bytes([{}, {"datetime": text, "set": 2}]))
    assert len(problems) == 1
    row, column, value, message = problems[0]
    assert (row, column, value) == (3, "datetime", text)
    assert message.startswith("must be a date and time written YYYY-MM-DDTHH:MM")


def test_pitfall_one_bad_date_does_not_turn_the_column_into_text() -> None:
    with pytest.raises(DataValidationError) as caught:
        read(csv_bytes([{"set": 1}, {"set": 2, "datetime": "2025-02-30T07:00"}, {"set": 3}]))
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "datetime")]
    good = read(csv_bytes([{"set": 1}, {"set": 2}])).log
    assert good["datetime"].dtype == "datetime64[ns]"


def test_pitfall_trailer_rows_of_separators_are_dropped_and_said() -> None:
    data = csv_bytes([{}]) + b",,,,,,,,,,,,,,,,,,,\r\n" * 3 + b"\r\n"
    result = read(data)
    assert len(result.log) == 1
    assert "4 empty rows dropped" in result.notes


def test_pitfall_a_duplicate_header_column_is_refused() -> None:
    columns = (*LOG_COLUMNS, "Notes")
    problems = problems_of(csv_bytes([{}], columns=columns))
    assert (1, "notes", None, "appears twice in the header") in problems


def test_pitfall_a_repeated_header_row_is_dropped_and_said() -> None:
    first = csv_bytes([{"set": 1}])
    second = csv_bytes([{"set": 2}], encoding="utf-8").upper()  # header again, other case
    second = second.replace(b"GLUTE_BRIDGE", b"glute_bridge").replace(b"BOTH", b"both")
    second = second.replace(b"ANA", b"Ana").replace(b"WORKING", b"working")
    second = second.replace(b"FORM", b"form").replace(b"GLUTE BRIDGE", b"Glute bridge")
    result = read(first + second)
    assert result.log["set"].tolist() == [1, 2]
    assert "repeated header at row 3 dropped" in result.notes


@pytest.mark.parametrize(("extra", "cells"), [(",x", 21), ("", 19)])
def test_pitfall_ragged_rows_fail_naming_the_row(extra: str, cells: int) -> None:
    good = csv_bytes([{"set": 1}, {"set": 2}, {"set": 3}]).decode("utf-8-sig").split("\r\n")
    good[2] = good[2] + extra if extra else good[2].rsplit(",", 1)[0]
    problems = problems_of("\r\n".join(good).encode())
    assert problems == [(3, None, None, f"has {cells} cells, the header has 20")]


def test_pitfall_a_cell_too_many_on_every_row_is_not_taken_as_an_index() -> None:
    # pandas' C reader would quietly make a first row's extra cell the frame's index
    lines = csv_bytes([{"set": 1}, {"set": 2}]).decode("utf-8-sig").split("\r\n")
    lines[1:3] = ["EXTRA," + line for line in lines[1:3]]
    problems = problems_of("\r\n".join(lines).encode())
    assert problems == [(row, None, None, "has 21 cells, the header has 20") for row in (2, 3)]


@pytest.mark.parametrize("name", ["NA", "None", "null", "n/a", "NaN", "#N/A", ""])
def test_pitfall_na_words_are_names_not_missing_values(name: str) -> None:
    if not name:
        assert problems_of(csv_bytes([{"athlete": name}])) == [
            (2, "athlete", "", "must not be empty")
        ]
        return
    log = read(csv_bytes([{"athlete": name, "notes": name}])).log
    assert log.loc[0, "athlete"] == name
    assert log.loc[0, "notes"] == name


def test_pitfall_leading_zeros_stay_in_text() -> None:
    log = read(csv_bytes([{"athlete": "007", "notes": "0042", "reps": "012"}])).log
    assert (log.loc[0, "athlete"], log.loc[0, "notes"], log.loc[0, "reps"]) == ("007", "0042", 12)


def test_pitfall_excel_durations_are_refused_not_guessed() -> None:
    assert problems_of(csv_bytes([{"reps": "", "duration_s": "0:52:10"}])) == [
        (2, "duration_s", "0:52:10", "must be a whole number")
    ]


def test_pitfall_words_in_number_columns_name_row_column_and_value() -> None:
    problems = problems_of(csv_bytes([{"set": 1}, {"set": 2, "reps": "ten", "load": "heavy"}]))
    assert (3, "reps", "ten", "must be a whole number") in problems
    assert (3, "load", "heavy", "must be a number (12.5 or 12,5)") in problems


# --- the rules of a log ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"reps": "-3"}, ("reps", "-3", "must be at least 0")),
        (
            {"reps": "12", "duration_s": "30"},
            ("duration_s", "30", "give reps or duration_s, not both"),
        ),
        ({"reps": ""}, ("reps", "", "give the repetitions, or the seconds in duration_s")),
        (
            {"datetime": "2025-07-01T06:00"},
            ("datetime", "2025-07-01T06:00", "is in the future (after 2025-06-30)"),
        ),
        (
            {"datetime": "1899-12-31T06:00"},
            ("datetime", "1899-12-31T06:00", "must be in the years 1900 to 2100"),
        ),
        (
            {"exercise_id": "romanian_deadlift"},
            (
                "exercise_id",
                "romanian_deadlift",
                "is not an exercise of the library (see exercises.csv)",
            ),
        ),
        (
            {"exercise_id": "Glute Bridge"},
            (
                "exercise_id",
                "Glute Bridge",
                "must use only lower-case letters, digits and underscores",
            ),
        ),
        ({"side": "middle"}, ("side", "middle", "must be one of: left, right, both")),
        ({"set": "0"}, ("set", "0", "must be at least 1")),
        ({"set": "1.5"}, ("set", "1.5", "must be a whole number")),
        ({"load": "20"}, ("load_unit", "", "must be kg or lb when a load is given")),
        (
            {"load_unit": "kg"},
            ("load_unit", "kg", "must be empty when there is no load (body weight)"),
        ),
        ({"load": "20", "load_unit": "stone"}, ("load_unit", "stone", "must be one of: kg, lb")),
        ({"rpe": "7.3"}, ("rpe", "7.3", "must be a whole or half number (for example 7 or 7.5)")),
        ({"rpe": "11"}, ("rpe", "11", "must be at most 10")),
        ({"pain": "12"}, ("pain", "12", "must be at most 10")),
        ({"glute_feel": "-1"}, ("glute_feel", "-1", "must be at least 0")),
        ({"load": "inf", "load_unit": "kg"}, ("load", "inf", "must be a number (12.5 or 12,5)")),
        (
            {"source": "garmin"},
            ("source", "garmin", "must be one of: form, file, strong, hevy, fitnotes"),
        ),
        ({"athlete": "   "}, ("athlete", "   ", "must not be empty")),
    ],
)
def test_each_rule_names_row_column_value_and_what_is_wrong(
    change: dict[str, str], expected: tuple[str, str, str]
) -> None:
    assert problems_of(csv_bytes([{"set": 1}, {"set": 2, **change}])) == [(3, *expected)]


def test_two_rows_for_the_same_set_are_refused() -> None:
    rows = [{"set": 1}, {"set": 2}, {"set": 1, "reps": 10}, {"set": 1, "reps": 9}]
    problems = problems_of(csv_bytes(rows))
    message = "repeats the set of row 2 (same datetime, athlete, exercise_id, side and set)"
    assert problems == [(4, "set", "1", message), (5, "set", "1", message)]


def test_every_problem_comes_in_one_error_in_row_order() -> None:
    rows = [{"set": 1, "reps": "-1", "side": "up"}, {"set": 2, "pain": "x"}, {"set": 3}]
    assert [(r, c) for r, c, _, _ in problems_of(csv_bytes(rows))] == [
        (2, "side"),
        (2, "reps"),
        (3, "pain"),
    ]


def test_a_flood_of_problems_is_listed_up_to_a_limit_and_counted() -> None:
    rows = [{"athlete": f"A{n}", "reps": "-1"} for n in range(MAX_LISTED_PROBLEMS + 50)]
    with pytest.raises(DataValidationError) as caught:
        read(csv_bytes(rows))
    problems = caught.value.problems
    assert len(problems) == MAX_LISTED_PROBLEMS + 1
    assert problems[-1].message == "and 50 more problems not listed"
    assert [p.row for p in problems[:3]] == [2, 3, 4]


def test_choices_ignore_case_and_spaces_and_columns_any_order() -> None:
    columns = tuple(reversed(LOG_COLUMNS))
    row = {
        "side": " LEFT ",
        "set_type": "Warmup",
        "source": "Strong",
        "load": "5",
        "load_unit": "LB",
    }
    log = read(csv_bytes([row], columns=columns)).log
    assert (log.loc[0, "side"], log.loc[0, "set_type"], log.loc[0, "source"]) == (
        "left",
        "warmup",
        "strong",
    )
    assert log.loc[0, "load_unit"] == "lb"
    assert log.loc[0, "load_kg"] == 2.27


def test_optional_and_derived_columns_may_be_left_out() -> None:
    columns = ("datetime", "athlete", "exercise_id", "set_type", "set", "side", "reps", "source")
    result = read(csv_bytes([{"set": 1}, {"set": 2}], columns=columns))
    log = result.log
    assert list(log.columns) == list(LOG_COLUMNS)
    assert log["exercise_name"].tolist() == ["Glute bridge", "Glute bridge"]
    assert log["set_key"].tolist()[0] == "2025-03-03T07:00|Ana|glute_bridge|both|1"
    assert log["notes"].tolist() == ["", ""]
    assert log["pain"].isna().all()
    assert "exercise_name filled in from the library for 2 rows" in result.notes


def test_a_stale_load_kg_is_worked_out_again_and_said() -> None:
    data = csv_bytes([{"load": "10", "load_unit": "lb", "load_kg": "10"}])
    result = read(data)
    assert result.log.loc[0, "load_kg"] == 4.54
    assert result.notes == (
        "load_kg worked out again for 1 row (from load and load_unit; 1 lb = 0.45359237 kg)",
    )


def test_wrong_columns_are_refused_before_any_row() -> None:
    kept = [c for c in LOG_COLUMNS if c not in ("side", "source")]
    columns = (*kept, "weight", "Side ")
    problems = problems_of(csv_bytes([{"weight": "5"}], columns=columns))
    assert problems == [
        (1, "weight", None, "unexpected column (check its spelling)"),
        (1, "source", None, "required column is missing"),
    ]


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b" , ,\r\n"])
def test_a_file_without_a_header_is_refused(data: bytes) -> None:
    assert problems_of(data) == [(None, None, None, "is empty: no header row")]


def test_a_header_alone_is_an_empty_log() -> None:
    result = read(log_to_csv(empty_log()))
    pd.testing.assert_frame_equal(result.log, empty_log())


def test_paths_and_uploads_read_the_same(tmp_path: Path) -> None:
    data = log_to_csv(make_log({}))
    path = tmp_path / "mine.csv"
    path.write_bytes(data)
    for source in (path, str(path), data, memoryview(data), bytearray(data)):
        pd.testing.assert_frame_equal(read_log(source, today=TODAY).log, make_log({}))
    with pytest.raises(DataValidationError) as caught:
        read_log(b"x,y\r\n", filename="upload.csv")
    assert {p.file for p in caught.value.problems} == {"upload.csv"}


def test_a_custom_library_limits_the_exercise_ids() -> None:
    library = pd.DataFrame({"exercise_id": ["clamshell"], "name": ["Clamshell"]})
    data = csv_bytes([{"exercise_id": "clamshell", "exercise_name": ""}])
    assert read(data, library=library).log.loc[0, "exercise_name"] == "Clamshell"
    with pytest.raises(DataValidationError, match="is not an exercise of the library"):
        read(csv_bytes([{}]), library=library)


# --- hostile files ------------------------------------------------------------------------------


def _hostile_files() -> dict[str, bytes]:
    good = csv_bytes([{"set": 1}, {"set": 2}])
    return {
        "ragged": good + b"1,2,3\r\n",
        "formula cells": csv_bytes([{"athlete": "=cmd|'/c calc'!A0", "reps": "=1+1"}]),
        "binary junk": b"\x00\xff\xfe\x9d" * 64 + good,
        "junk after the header": good[:300] + bytes(range(256)) * 4,
        "wrong columns": b"Date,Workout Name,Exercise Name\r\n2025-03-03,Legs,Squat\r\n",
        "future dates": csv_bytes([{"datetime": "2999-01-01T07:00"}]),
        "negative reps": csv_bytes([{"reps": "-12"}]),
        "reps and duration": csv_bytes([{"reps": "12", "duration_s": "30"}]),
        "html": csv_bytes([{"athlete": "<img src=x onerror=alert(1)>", "reps": "<b>"}]),
    }


@pytest.mark.parametrize("name", list(_hostile_files()))
def test_a_hostile_file_gives_only_our_error_and_never_changes_the_saved_log(
    name: str, tmp_path: Path
) -> None:
    target = tmp_path / "training_log.csv"
    save_log(target, make_log({"set": 1}, {"set": 2}), today=TODAY)
    before = target.read_bytes()
    backups = sorted(backup_folder(target).glob("*")) if backup_folder(target).exists() else []
    data = _hostile_files()[name]
    with pytest.raises(DataValidationError):
        import_into_log(target, data, today=TODAY)
    assert target.read_bytes() == before
    after = sorted(backup_folder(target).glob("*")) if backup_folder(target).exists() else []
    assert after == backups
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_formula_cells_in_a_file_are_text_never_formulas() -> None:
    log = read(csv_bytes([{"athlete": "=cmd|'/c calc'!A0", "notes": "+1"}])).log
    assert log.loc[0, "athlete"] == "=cmd|'/c calc'!A0"
    out = log_to_csv(log).decode("utf-8-sig")
    assert "'=cmd" in out
    assert "'+1" in out


def test_a_file_over_50_mb_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.write(csv_bytes([{}]))
        stream.truncate(MAX_LOG_BYTES + 1)  # a sparse 50 MB file: cheap to make

    def never(*args: object) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(DataValidationError, match=r"is 50\.0 MB; files over 50 MB are refused"):
        read_log(path, today=TODAY)


def test_an_upload_over_50_mb_is_refused() -> None:
    with pytest.raises(DataValidationError, match="files over 50 MB are refused"):
        read_log(memoryview(bytes(MAX_LOG_BYTES + 1)), today=TODAY)


def test_the_size_limit_can_be_lifted_for_our_own_files() -> None:
    data = log_to_csv(make_log({}))
    with pytest.raises(DataValidationError, match="refused"):
        read_log(data, max_bytes=10, today=TODAY)
    assert len(read_log(data, max_bytes=None, today=TODAY).log) == 1


# --- property tests ----------------------------------------------------------------------------

_EXERCISES = tuple(load_exercises()["exercise_id"])
_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
_HOSTILE = st.sampled_from(["=1", "+x", "-3", "@a", "\tt", "\r", "a\rb", "'=q", '"', ",;", "NA"])
_FREE = st.one_of(_TEXT, _HOSTILE)


@st.composite
def logs(draw: st.DrawFn) -> pd.DataFrame:
    """Valid logs: any text in free-text cells, every optional cell empty or not."""
    count = draw(st.integers(0, 6))
    rows = []
    start = datetime(2000, 1, 1)
    for number in range(1, count + 1):
        timed = draw(st.booleans())
        load = draw(st.none() | st.floats(0, 9999.99, allow_nan=False))
        rows.append(
            {
                "datetime": start + timedelta(minutes=draw(st.integers(0, 10_000_000))),
                "athlete": draw(_FREE.filter(lambda t: t.strip() != "")),
                "exercise_id": draw(st.sampled_from(_EXERCISES)),
                "exercise_name": draw(_FREE.filter(lambda t: t != "")),
                "set_type": draw(st.sampled_from(SET_TYPES)),
                "set": number,  # distinct: every row is its own set
                "side": draw(st.sampled_from(LOG_SIDES)),
                "reps": None if timed else draw(st.integers(0, 500)),
                "duration_s": draw(st.integers(0, 7200)) if timed else None,
                "load": load,
                "load_unit": "" if load is None else draw(st.sampled_from(["kg", "lb"])),
                "rpe": draw(st.none() | st.integers(2, 20).map(lambda h: h / 2)),
                "rir": draw(st.none() | st.integers(0, 20).map(lambda h: h / 2)),
                "glute_feel": draw(st.none() | st.integers(0, 10)),
                "pain": draw(st.none() | st.integers(0, 10)),
                "pain_where": draw(_FREE),
                "notes": draw(_FREE),
                "source": draw(st.sampled_from(["form", "file", "strong", "hevy", "fitnotes"])),
            }
        )
    return normalise_log(pd.DataFrame(rows, columns=list(BASE_ROW)))


@_SETTINGS
@given(logs())
def test_export_then_import_gives_the_same_log(log: pd.DataFrame) -> None:
    data = log_to_csv(log)
    back = read_log(data, today=TODAY)
    pd.testing.assert_frame_equal(back.log, log)
    assert log_to_csv(back.log) == data


@_SETTINGS
@given(logs())
def test_a_semicolon_decimal_comma_copy_reads_the_same(log: pd.DataFrame) -> None:
    rows = list(csv.reader(io.StringIO(log_to_csv(log).decode("utf-8-sig"), newline="")))
    numbers = [LOG_COLUMNS.index(n) for n in ("load", "load_kg", "rpe", "rir")]
    for row in rows[1:]:
        for i in numbers:
            row[i] = row[i].replace(".", ",")
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    pd.testing.assert_frame_equal(read_log(buffer.getvalue().encode(), today=TODAY).log, log)


_HEADER = log_to_csv(empty_log())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.binary(max_size=400).map(lambda b: _HEADER + b))
def test_random_bytes_give_a_log_or_only_our_error(data: bytes) -> None:
    try:
        result = read_log(data, today=TODAY)
    except DataValidationError:
        return  # the project's own error, naming what is wrong
    assert list(result.log.columns) == list(LOG_COLUMNS)


# --- saving -----------------------------------------------------------------------------------


def test_append_creates_the_file_and_merges_by_set_key_new_rows_win(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    first = append_to_log(target, make_log({"set": 1}, {"set": 2}), today=TODAY)
    assert (first.added, first.replaced, first.unchanged, first.total) == (2, 0, 0, 2)
    assert first.backup is None
    assert first.written
    again = append_to_log(target, make_log({"set": 2}), today=TODAY)
    assert (again.added, again.replaced, again.unchanged, again.written) == (0, 0, 1, False)
    changed = append_to_log(target, make_log({"set": 2, "reps": 8}, {"set": 3}), today=TODAY)
    assert (changed.added, changed.replaced, changed.unchanged, changed.total) == (1, 1, 0, 3)
    assert changed.backup is not None
    assert changed.backup.exists()
    log = read_log(target, today=TODAY).log
    assert log["reps"].tolist() == [12, 8, 12]
    assert log["set"].tolist() == [1, 2, 3]


def test_save_log_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    save_log(target, make_log({"set": 1}, {"set": 2}), today=TODAY)
    result = save_log(target, make_log({"set": 5}), today=TODAY)
    assert result.total == 1
    assert result.backup is not None
    assert read_log(target, today=TODAY).log["set"].tolist() == [5]
    assert read_log(result.backup, today=TODAY).log["set"].tolist() == [1, 2]


def test_a_refused_save_changes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    save_log(target, make_log({}), today=TODAY)
    before = target.read_bytes()
    with pytest.raises(DataValidationError, match="must be at least 0"):
        append_to_log(target, make_log({"reps": -5}), today=TODAY)
    with pytest.raises(DataValidationError, match="repeats the set of row 2"):
        append_to_log(target, pd.concat([make_log({}), make_log({})]), today=TODAY)
    with pytest.raises(DataValidationError, match="in the future"):
        save_log(target, make_log({"datetime": "2025-07-02T07:00"}), today=TODAY)
    assert target.read_bytes() == before
    assert not backup_folder(target).exists()


@pytest.mark.parametrize("when", ["1400-03-03T07:00", "2025-03-03T07:00+05:00", "soon"])
def test_a_frame_pandas_cannot_write_as_a_log_is_refused_and_changes_nothing(
    tmp_path: Path, when: str
) -> None:
    # rows made in Python, not read from a file: pandas itself raised before the checks
    target = tmp_path / "log.csv"
    save_log(target, make_log({}), today=TODAY)
    before = target.read_bytes()
    rows = pd.DataFrame([{**BASE_ROW, "datetime": when}])
    for save in (save_log, append_to_log):
        with pytest.raises(DataValidationError, match="cannot be written as a log"):
            save(target, rows, today=TODAY)
    assert target.read_bytes() == before


def test_an_unreadable_saved_log_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    target.write_bytes(b"not,a,log\r\n")
    with pytest.raises(DataValidationError, match="required column is missing"):
        append_to_log(target, make_log({}), today=TODAY)
    assert target.read_bytes() == b"not,a,log\r\n"


def test_backups_rotate_keeping_the_newest(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    for number in range(1, BACKUPS_KEPT + 4):
        append_to_log(target, make_log({"set": number}), today=TODAY)
    backups = sorted(backup_folder(target).glob("log-*.csv"))
    assert len(backups) == BACKUPS_KEPT
    # the newest backup is the file as it was before the last save
    assert len(read_log(backups[-1], today=TODAY).log) == BACKUPS_KEPT + 2
    assert len(read_log(backups[0], today=TODAY).log) == 3


def test_a_backup_is_as_private_as_its_log(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    save_log(target, make_log({"set": 1}), today=TODAY)
    target.chmod(0o600)  # the runner keeps their log to themselves
    old = os.umask(0o022)  # under which a new file would be readable by all
    try:
        append_to_log(target, make_log({"set": 2}), today=TODAY)
    finally:
        os.umask(old)
    (backup,) = backup_folder(target).glob("log-*.csv")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failing_replace_leaves_the_old_file_whole_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "log.csv"
    save_log(target, make_log({"set": 1}), today=TODAY)
    before = target.read_bytes()
    real_replace = os.replace

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == target:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="disk full"):
        append_to_log(target, make_log({"set": 2}), today=TODAY)
    assert target.read_bytes() == before
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    import pandas as pd
    from gluteutils.log_io import append_to_log, normalise_log

    path, athlete = sys.argv[1], sys.argv[2]
    base = dict(exercise_id="glute_bridge", exercise_name="Glute bridge", set_type="working",
                side="both", reps=10, duration_s=None, load=None, load_unit="", rpe=None,
                rir=None, glute_feel=None, pain=None, pain_where="", notes="", source="form")
    for batch in range(20):
        rows = [dict(base, datetime=f"2025-03-{1 + batch:02d}T07:00", athlete=athlete, set=n)
                for n in range(1, 6)]
        append_to_log(path, normalise_log(pd.DataFrame(rows)), today=date(2025, 6, 30))
    """
)


def test_two_processes_appending_at_once_lose_no_row(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target), athlete],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for athlete in ("Ana", "Ben")
    ]
    for writer in writers:
        _out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    log = read_log(target, today=TODAY).log
    assert len(log) == 200
    assert log.groupby("athlete").size().to_dict() == {"Ana": 100, "Ben": 100}
    assert log["set_key"].is_unique


def test_excel_unicode_text_utf16_with_tabs_is_read() -> None:
    result = read(csv_bytes([{"athlete": "Zoë"}], delimiter="\t", encoding="utf-16"))
    assert result.encoding == "utf-16"
    assert result.log.loc[0, "athlete"] == "Zoë"
    assert result.notes == ("read as UTF-16 (the file is not UTF-8)", "cells separated by tabs")


def test_a_reordered_file_with_an_empty_last_column_reads_the_same() -> None:
    # an empty last cell could be a short row to pandas' reader, so the csv module reads it
    columns = (*[c for c in LOG_COLUMNS if c != "notes"], "notes")
    log = make_log({"set": 1}, {"set": 2, "notes": "sore"})
    rows = [
        dict(zip(LOG_COLUMNS, cells, strict=True))
        for cells in csv.reader(io.StringIO(log_to_csv(log).decode("utf-8-sig")))
    ][1:]
    pd.testing.assert_frame_equal(read(csv_bytes(rows, columns=columns)).log, log)


# --- the quick paths give what the careful ones give ------------------------------------------


def _varied_rows(count: int, seed: int) -> list[dict[str, object]]:
    """Rows in shuffled order with loads, timed sets, RPE and several athletes."""
    rng = np.random.default_rng(seed)
    rows = []
    for n in range(count):
        timed = n % 5 == 0
        rows.append(
            {
                "datetime": f"2025-03-{1 + n % 28:02d}T07:{n % 60:02d}",
                "athlete": ["Ana", "Bo", "NA", "Zoë"][n % 4],
                "set": 1 + n // 240,
                "side": ["left", "right", "both"][n % 3],
                "reps": "" if timed else str(5 + n % 10),
                "duration_s": str(20 + n % 40) if timed else "",
                "load": f"{n % 70}.5" if n % 2 else "",
                "load_unit": ["kg", "lb"][n % 4 // 2] if n % 2 else "",
                "rpe": ["", "7", "7.5", "10"][n % 4],
            }
        )
    order = rng.permutation(count)
    return [rows[i] for i in order]


@pytest.mark.parametrize("shuffled", [True, False])
def test_pyarrow_gives_the_same_log_as_the_other_readers(
    shuffled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    rows = _varied_rows(960, seed=3)
    data = csv_bytes(rows) if shuffled else log_to_csv(read(csv_bytes(rows)).log)
    quick = read(data)
    from gluteutils import log_io

    monkeypatch.setattr(log_io, "read_typed_columns", lambda *args, **kwargs: None)
    careful = read(data)
    pd.testing.assert_frame_equal(quick.log, careful.log)
    assert quick.notes == careful.notes
    assert len(quick.log) == 960
    assert quick.log["set_key"].is_unique


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"rpe": "11.50"}, ("rpe", "11.50", "must be at most 10")),
        ({"reps": "-03"}, ("reps", "-03", "must be at least 0")),
        ({"load": "nan", "load_unit": "kg"}, ("load", "nan", "must be a number (12.5 or 12,5)")),
        ({"rpe": "NaN"}, ("rpe", "NaN", "must be a number (12.5 or 12,5)")),
        ({"load": "1e400", "load_unit": "kg"}, ("load", "1e400", "must be a finite number")),
    ],
)
def test_problems_quote_the_file_s_own_spelling_of_numbers(
    change: dict[str, str], expected: tuple[str, str, str]
) -> None:
    rows = [{"set": n, "reps": str(10 + n % 3)} for n in range(1, 40)] + [{"set": 40, **change}]
    assert problems_of(csv_bytes(rows)) == [(41, *expected)]


def test_keys_too_many_to_combine_into_one_number_still_sort_and_join(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gluteutils import log_io

    rows = _varied_rows(300, seed=5)
    rows.append({**rows[10]})  # one repeated set, to be found either way
    expected = problems_of(csv_bytes(rows))
    good = read(csv_bytes(rows[:-1])).log
    monkeypatch.setattr(log_io, "_COMBINED_LIMIT", 7)
    assert problems_of(csv_bytes(rows)) == expected
    assert expected[0][3].startswith("repeats the set of row")
    pd.testing.assert_frame_equal(read(csv_bytes(rows[:-1])).log, good)
    assert list(good["set_key"]) == list(normalise_log(good)["set_key"])


def test_a_file_out_of_order_keeps_each_row_s_own_unit_and_name() -> None:
    # rows are sorted while read: every column must follow its row, the derived ones too
    rows = _varied_rows(240, seed=11)
    for n, row in enumerate(rows):
        row["exercise_name"] = "" if n % 3 else "Bridge, as logged"
    log = read(csv_bytes(rows)).log
    expected = np.round(log["load"] * np.where(log["load_unit"] == "lb", KG_PER_LB, 1.0), 2)
    np.testing.assert_array_equal(log["load_kg"].to_numpy(), expected.to_numpy())
    by_key = {
        f"{r['datetime']}|{r['athlete']}|glute_bridge|{r['side']}|{r['set']}": r for r in rows
    }
    for key, unit, name in zip(log["set_key"], log["load_unit"], log["exercise_name"], strict=True):
        assert unit == by_key[key]["load_unit"]
        assert name == (by_key[key]["exercise_name"] or "Glute bridge")
