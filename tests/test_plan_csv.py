"""Plan CSV export and import: exact round trips, injection safety, Excel re-saves, errors."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gluteutils.errors import DataValidationError
from gluteutils.files import neutralise_cell
from gluteutils.plan_columns import PLAN_COLUMNS
from gluteutils.plan_csv import NEUTRALISED_COLUMNS, as_plan_frame, plan_to_csv, read_plan

from .conftest import REPO
from .plan_strategies import HOSTILE_TEXT, plans, small_plan

FIXTURES = REPO / "tests" / "fixtures"
_PLAN_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _records(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _expected_fixture_plan() -> pd.DataFrame:
    """The plan all three good Excel fixtures hold (written by hand in tests/fixtures)."""
    frame = small_plan('=HYPERLINK("http://x")')
    frame["row_id"] = [
        "2025-03-03-activation-1",
        "2025-03-03-strength-1",
        "2025-03-05-activation-1",
        "2025-03-05-strength-1",
    ]
    frame["session"] = ["activation", "strength", "activation", "strength"]
    frame["minutes"] = [7.5, 9.5, 7.5, 6.5]
    frame["cues"] = [
        "Crack the walnut \u2013 Zo\u00eb",
        "Drive the floor away;\r\nstand tall",
        "",
        "",
    ]
    return as_plan_frame({name: frame[name].tolist() for name in PLAN_COLUMNS})


# --- the contract's dtypes ---------------------------------------------------------------


def test_as_plan_frame_gives_the_contract_dtypes() -> None:
    plan = small_plan()
    assert list(plan.columns) == list(PLAN_COLUMNS)
    for name in ("week", "order", "sets", "reps_min", "reps_max", "hold_s", "rest_s"):
        assert plan[name].dtype == "Int64", name
    assert plan["minutes"].dtype == "float64"
    assert plan["date"].dtype == object
    assert all(type(d) is date for d in plan["date"])
    assert pd.isna(plan.loc[0, "sets"])
    assert plan.loc[0, "load_guidance"] == ""
    for name in ("row_id", "athlete", "weekday", "cues", "units"):
        assert plan[name].dtype == object, name
        assert all(type(v) is str for v in plan[name]), name


# --- writing -----------------------------------------------------------------------------


def test_csv_has_bom_header_and_crlf() -> None:
    data = plan_to_csv(small_plan())
    assert data.startswith(b"\xef\xbb\xbf")
    first_line = data[3:].split(b"\r\n", 1)[0].decode()
    assert first_line == ",".join(f'"{c}"' for c in PLAN_COLUMNS)
    assert data.endswith(b"\r\n")


def test_csv_cells_are_iso_dates_plain_integers_and_empty_for_na() -> None:
    header, first, second, *_ = _records(plan_to_csv(small_plan()))
    row1, row2 = dict(zip(header, first, strict=True)), dict(zip(header, second, strict=True))
    assert row1["date"] == "2025-03-03"
    assert (row1["sets"], row1["rest_s"], row1["load_guidance"]) == ("", "", "")
    assert (row2["sets"], row2["reps_min"], row2["rest_s"]) == ("2", "4", "180")
    assert (row1["minutes"], row2["minutes"]) == ("15", "9.5")
    assert row1["week"] == "1"


@pytest.mark.parametrize("text", [t for t in HOSTILE_TEXT if neutralise_cell(t) != t])
@pytest.mark.parametrize("column", NEUTRALISED_COLUMNS)
def test_formula_text_is_neutralised_in_the_file_and_restored_on_import(
    text: str, column: str
) -> None:
    plan = small_plan()
    plan[column] = plan[column].astype(object)
    plan.loc[1, column] = text
    plan = as_plan_frame({name: plan[name].tolist() for name in PLAN_COLUMNS})
    data = plan_to_csv(plan)
    header, _, second, *_ = _records(data)
    cell = dict(zip(header, second, strict=True))[column]
    assert cell == "'" + text
    pd.testing.assert_frame_equal(read_plan(data), plan, check_exact=True)


def test_numbers_and_ids_are_never_neutralised() -> None:
    plan = small_plan()
    data = plan_to_csv(plan).decode("utf-8-sig")
    assert "'" not in data.replace("'=", "")  # no apostrophes were added at all
    assert '"2025-03-03-activation-1"' in data


def test_lone_carriage_return_stays_inside_its_cell() -> None:
    plan = small_plan("Ana\rBen")
    plan["cues"] = ["a\rb", "\r", "c\r", "\r\nd"]
    plan = as_plan_frame({name: plan[name].tolist() for name in PLAN_COLUMNS})
    data = plan_to_csv(plan)
    assert len(_records(data)) == 1 + len(plan)
    # pandas' reader (another reader than ours) also sees exactly one record per row
    assert len(pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)) == len(plan)
    pd.testing.assert_frame_equal(read_plan(data), plan, check_exact=True)


def test_missing_column_is_refused() -> None:
    with pytest.raises(DataValidationError, match="cues"):
        plan_to_csv(small_plan().drop(columns=["cues"]))


# --- round trips -------------------------------------------------------------------------


@_PLAN_SETTINGS
@given(plans())
def test_read_plan_gives_back_exactly_the_plan_written(plan: pd.DataFrame) -> None:
    back = read_plan(plan_to_csv(plan))
    pd.testing.assert_frame_equal(back, plan, check_exact=True)


@_PLAN_SETTINGS
@given(plans())
def test_a_second_export_is_byte_identical(plan: pd.DataFrame) -> None:
    data = plan_to_csv(plan)
    assert plan_to_csv(read_plan(data)) == data


def _excel_german(plan: pd.DataFrame) -> bytes:
    """Write a plan as German Excel would re-save our file: ';', decimal comma, dd.mm.yyyy."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(PLAN_COLUMNS)
    for record in _records(plan_to_csv(plan))[1:]:
        row = dict(zip(PLAN_COLUMNS, record, strict=True))
        year, month, day = row["date"].split("-")
        row["date"] = f"{day}.{month}.{year}"
        row["minutes"] = row["minutes"].replace(".", ",")
        row["lighter_week"] = "TRUE" if row["lighter_week"] == "yes" else "FALSE"
        row["weekday"] = row["weekday"].capitalize()
        writer.writerow([row[c] for c in PLAN_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


@_PLAN_SETTINGS
@given(plans())
def test_a_semicolon_decimal_comma_copy_reads_as_the_same_plan(plan: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(read_plan(_excel_german(plan)), plan, check_exact=True)


def test_read_plan_accepts_a_path_and_names_the_file_in_errors(tmp_path: Path) -> None:
    target = tmp_path / "ana-plan.csv"
    target.write_bytes(plan_to_csv(small_plan()))
    pd.testing.assert_frame_equal(read_plan(target), small_plan(), check_exact=True)
    target.write_bytes(b"row_id,athlete\r\n")
    with pytest.raises(DataValidationError, match=r"ana-plan\.csv"):
        read_plan(target)


# --- Excel re-saves (hand-made fixtures) ---------------------------------------------------


@pytest.mark.parametrize(
    "name", ["plan_excel_de.csv", "plan_excel_uk.csv", "plan_excel_unicode.txt"]
)
def test_excel_resaved_fixture_imports(name: str) -> None:
    pd.testing.assert_frame_equal(
        read_plan(FIXTURES / name), _expected_fixture_plan(), check_exact=True
    )


def test_fixtures_really_are_the_variants_they_claim() -> None:
    de = (FIXTURES / "plan_excel_de.csv").read_bytes()
    assert de.startswith(b"\xef\xbb\xbf")
    assert b";7,5;" in de
    assert b"03.03.2025" in de
    uk = (FIXTURES / "plan_excel_uk.csv").read_bytes()
    assert b"\xeb" in uk  # cp1252 e-umlaut
    assert b"3/3/2025" in uk  # day first without leading zeros
    with pytest.raises(UnicodeDecodeError):
        uk.decode("utf-8")
    assert (FIXTURES / "plan_excel_unicode.txt").read_bytes().startswith(b"\xff\xfe")


def test_bad_excel_file_fails_once_naming_every_row_and_column() -> None:
    with pytest.raises(DataValidationError) as caught:
        read_plan(FIXTURES / "plan_excel_bad.csv")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (2, "date"),  # 3/13/2025: month first, no such day-first date
        (3, "weekday"),  # 3/4/2025 read day first is a Thursday, the row says tue
        (3, "row_id"),
        (4, "sets"),
        (4, "minutes"),
        (5, None),  # ragged row
        (6, "session"),
        (6, "lighter_week"),
        (6, "row_id"),  # repeats row 4
    }
    message = str(caught.value)
    assert message.count("plan_excel_bad.csv") >= 9
    for text in ("'ten'", "'3/13/2025'", "month first"):
        assert text in message


# --- bad files ---------------------------------------------------------------------------


def _edited(cell: str, value: str, row: int = 1) -> bytes:
    """Our small plan's CSV with one cell (data row ``row``, from 1) replaced."""
    records = _records(plan_to_csv(small_plan()))
    records[row][PLAN_COLUMNS.index(cell)] = value
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("date", "2025-02-30", "not a real calendar date"),
        ("date", "03/03/25", "must be a date"),
        ("date", "", "must not be empty"),
        # later progress summaries could not hold such a date
        ("date", "0001-03-03", "in the years 1900 to 2100"),
        ("date", "03.03.9999", "in the years 1900 to 2100"),
        ("week", "0", "at least 1"),
        ("week", "17", "at most 16"),
        ("sets", "two", "whole number"),
        ("minutes", "nan", "must be a number"),
        ("minutes", "121", "at most 120"),
        ("minutes", "-1", "at least 0"),
        ("exercise_id", "Glute Bridge", "lower-case"),
        ("side", "left", "must be one of"),
        ("units", "stone", "must be one of"),
        ("athlete", "   ", "must not be empty"),
        ("lighter_week", "1", "yes or no"),
    ],
)
def test_each_bad_cell_is_named(column: str, value: str, message: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        read_plan(_edited(column, value))
    (problem,) = [p for p in caught.value.problems if p.column == column]
    assert problem.row == 2
    assert message in problem.message
    assert problem.value == value


def test_case_and_spaces_in_choices_and_header_are_tolerated() -> None:
    records = _records(plan_to_csv(small_plan()))
    records[0] = [f" {name.upper()} " for name in records[0]]
    records[1][PLAN_COLUMNS.index("session")] = " Activation "
    records[1][PLAN_COLUMNS.index("lighter_week")] = "No"
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(records)
    back = read_plan(buffer.getvalue().encode())
    pd.testing.assert_frame_equal(back, small_plan(), check_exact=True)


def test_header_problems_are_all_listed() -> None:
    data = b"row_id,athlete,athlete,colour\r\n"
    with pytest.raises(DataValidationError) as caught:
        read_plan(data)
    messages = {(p.column, p.message) for p in caught.value.problems}
    assert ("athlete", "appears twice in the header") in messages
    assert ("colour", "unexpected column (check its spelling)") in messages
    assert ("cues", "required column is missing") in messages
    assert all(p.row == 1 for p in caught.value.problems)


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(DataValidationError, match="empty"):
        read_plan(data)


def test_header_only_file_is_an_empty_plan() -> None:
    empty = small_plan().iloc[0:0].reset_index(drop=True)
    pd.testing.assert_frame_equal(read_plan(plan_to_csv(empty)), empty, check_exact=True)


def test_missing_file_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_plan(tmp_path / "nope.csv")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_give_a_plan_or_our_own_error(data: bytes) -> None:
    problems = []
    try:
        frame = read_plan(data)
    except DataValidationError as exc:
        problems = exc.problems
    else:
        assert list(frame.columns) == list(PLAN_COLUMNS)
    assert all(p.file == "plan.csv" and p.message for p in problems)


@settings(max_examples=100, deadline=None)
@given(plans(max_rows=3), st.data())
def test_damaging_a_written_file_gives_a_plan_or_our_own_error(
    plan: pd.DataFrame, data: st.DataObject
) -> None:
    raw = bytearray(plan_to_csv(plan))
    for _ in range(data.draw(st.integers(1, 4))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.sampled_from(b'",;\t\r\n x0-'))
    problems = []
    try:
        read_plan(bytes(raw))
    except DataValidationError as exc:
        problems = exc.problems
    assert all(p.file == "plan.csv" and p.message for p in problems)


def test_upload_widget_content_is_accepted() -> None:
    data = plan_to_csv(small_plan())
    # ipywidgets 8 FileUpload hands over a memoryview
    pd.testing.assert_frame_equal(read_plan(memoryview(data)), small_plan(), check_exact=True)
    with pytest.raises(DataValidationError, match=r"upload\.csv"):
        read_plan(memoryview(b"x"), filename="upload.csv")
