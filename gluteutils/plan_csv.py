"""Plan CSV files: write a plan for spreadsheets and read it back, Excel re-saves included.

:func:`plan_to_csv` writes a plan (the columns of :data:`~gluteutils.plan_columns.PLAN_COLUMNS`,
in that order) as UTF-8 with a byte-order mark, so Excel on Windows detects the
encoding, comma-separated, every field in double quotes and lines ending in CRLF.
Dates are ``YYYY-MM-DD``, whole numbers have no ``.0`` and an empty cell means
"not applicable". Quoting every field is also what keeps a carriage return inside
a cell from splitting the row on Python 3.11.7 (CPython gh-67044). Free-text
cells that would start a spreadsheet formula (``= + - @``, tab, CR, LF or their
full-width forms) get a leading apostrophe (:func:`~gluteutils.files.neutralise_cell`).

:func:`read_plan` gives back exactly the frame that was written, with the
apostrophes removed again. It also reads a plan that a spreadsheet program has
opened and saved again, in these forms and no others:

================ ====================================================================
what             accepted
================ ====================================================================
encoding         UTF-8 with or without a byte-order mark; UTF-16 with a byte-order
                 mark (Excel's "Unicode text"); Windows-1252 (Excel's plain "CSV")
                 when the bytes are not UTF-8
separator        comma, semicolon or tab: the one that splits the header into the
                 plan's column names
column order     any; header names are matched ignoring case and surrounding spaces
dates            ``YYYY-MM-DD`` first, then day first: ``dd/mm/yyyy`` or
                 ``dd.mm.yyyy`` (one or two digits for day and month, four for the
                 year), in the years 1900 to 2100. Month-first US dates and
                 two-digit years are refused.
minutes          a decimal point or a decimal comma (``2.5`` or ``2,5``)
``lighter_week`` ``yes``/``no`` or ``TRUE``/``FALSE`` (any case)
choice columns   any case, surrounding spaces ignored
empty rows       rows with nothing in them, and repeated header rows, are skipped
================ ====================================================================

Anything else raises one :class:`~gluteutils.errors.DataValidationError` that
names every bad row (numbered as a spreadsheet shows it, header = row 1), column
and value. Because an American spreadsheet could silently read ``03/04/2025`` the
other way round, each date is checked against its ``weekday`` and ``row_id``
cells, which spreadsheets leave alone.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

import pandas as pd

from .errors import DataValidationError, Problem
from .file_kinds import refuse_other_kind
from .files import (
    INTEGER_CELL,
    NUMBER_CELL,
    file_error,
    header_problems,
    iter_records,
    neutralise_cell,
    normalise_header,
    number_text,
    read_csv_rows,
    restore_cell,
    source_label,
    whole_number,
)
from .plan_columns import PLAN, PLAN_COLUMNS, PLAN_FREE_TEXT, WEEKDAYS, require_plan_columns
from .plan_profile import MAX_YEAR, MIN_YEAR, OUTSIDE_YEARS
from .schema import ID_PATTERN, Column

#: Words accepted for ``yes`` and ``no`` in ``lighter_week`` (compared lower-case).
YES_WORDS = ("yes", "true")
NO_WORDS = ("no", "false")
#: Columns neutralised against formulas: the plan's free text, plus the name of a
#: replaced exercise (text too, even though the builder copies it from the library).
NEUTRALISED_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys((*PLAN_FREE_TEXT, "substituted_for")))

_FILE = "plan.csv"
_COLUMNS: dict[str, Column] = {c.name: c for c in PLAN.columns}
_INT_COLUMNS = tuple(c.name for c in PLAN.columns if c.kind == "integer")
_FLOAT_COLUMNS = tuple(c.name for c in PLAN.columns if c.kind == "number")
_DATE_COLUMNS = tuple(c.name for c in PLAN.columns if c.kind == "date")
_ID = re.compile(ID_PATTERN)
# ISO first: a day-first pattern can never match an ISO date, so the order is safe.
_DATE_PATTERNS = (
    (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"), ("y", "m", "d")),
    (re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"), ("d", "m", "y")),
    (re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})"), ("d", "m", "y")),
)
_DATE_FORMS = "YYYY-MM-DD, dd/mm/yyyy or dd.mm.yyyy"


def as_plan_frame(columns: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """Build a plan frame with the contract's column order and dtypes.

    Parameters
    ----------
    columns : mapping of str to sequence
        One sequence of cell values per name in :data:`PLAN_COLUMNS`, all of the
        same length: :class:`datetime.date` for ``date``, whole numbers or
        ``None`` for the integer columns, numbers for ``minutes`` and ``str``
        for the rest.

    Returns
    -------
    pandas.DataFrame
        Columns in :data:`PLAN_COLUMNS` order with a fresh range index:
        ``date`` holds :class:`datetime.date` objects (``object`` dtype), the
        integer columns are ``Int64`` (``<NA>`` when not applicable),
        ``minutes`` is ``float64`` and every other column holds :class:`str`
        values in an ``object`` column (``""`` when empty), exactly as
        :func:`gluteutils.plan.build_plan` makes it.

    Raises
    ------
    KeyError
        If a plan column is missing from ``columns``.
    """
    data: dict[str, object] = {}
    for name in PLAN_COLUMNS:
        values = list(columns[name])
        if name in _INT_COLUMNS:
            data[name] = pd.array(values, dtype="Int64")
        elif name in _FLOAT_COLUMNS:
            data[name] = pd.array(values, dtype="float64")
        else:
            # object dtype holding str, as build_plan and the library loader make it,
            # the same under pandas 2 and 3 (pandas 3 would otherwise pick its "str" dtype)
            data[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(data, columns=list(PLAN_COLUMNS))


# --- writing -----------------------------------------------------------------------------


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _date_text(name: str) -> Callable[[object], str]:
    def form(value: object) -> str:
        if isinstance(value, pd.Timestamp):
            value = value.date()
        if not isinstance(value, date):
            raise DataValidationError(
                [Problem(_FILE, None, name, str(value), "must hold datetime.date values")]
            )
        return value.isoformat()

    return form


def _int_text(value: object) -> str:
    return str(int(value))  # type: ignore[call-overload]


def _neutralised_text() -> Callable[[object], str]:
    # a plan repeats its texts row after row: each distinct one is checked once
    known: dict[str, str] = {}

    def form(value: object) -> str:
        text = str(value)
        if text not in known:
            known[text] = neutralise_cell(text)
        return known[text]

    return form


def _column_texts(name: str, column: pd.Series) -> list[str]:
    """Write one column's cells as text (empty for a missing value)."""
    if name in _DATE_COLUMNS:
        form = _date_text(name)
    elif name in _INT_COLUMNS:
        form = _int_text
    elif name in _FLOAT_COLUMNS:
        form = number_text  # type: ignore[assignment]
    elif name in NEUTRALISED_COLUMNS:
        form = _neutralised_text()
    else:
        form = str
    values = column.tolist()
    if not column.hasnans:
        return [form(value) for value in values]
    return ["" if _is_missing(value) else form(value) for value in values]


def plan_to_csv(plan: pd.DataFrame) -> bytes:
    """Write a plan as the bytes of a plan CSV file (format in the module docstring).

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan with every column of :data:`PLAN_COLUMNS` (extra columns are
        left out), as :func:`gluteutils.plan.build_plan` returns it.

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, every field quoted, CRLF line ends, free
        text neutralised against spreadsheet formulas.

    Raises
    ------
    DataValidationError
        If a plan column is missing or ``date`` holds something other than dates.
    """
    require_plan_columns(plan, _FILE)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(PLAN_COLUMNS)
    # column by column: the kind of each column is looked up once, not once per cell
    columns = [_column_texts(name, plan[name]) for name in PLAN_COLUMNS]
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue().encode("utf-8-sig")


# --- reading -----------------------------------------------------------------------------


def _parse_date(text: str) -> tuple[date | None, str | None]:
    for pattern, order in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
            try:
                day = date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                return None, "is not a real calendar date"
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                return None, OUTSIDE_YEARS
            return day, None
    return None, f"must be a date written {_DATE_FORMS}"


def _bounds(column: Column, number: float) -> str | None:
    if column.minimum is not None and number < column.minimum:
        return f"must be at least {column.minimum:g}"
    if column.maximum is not None and number > column.maximum:
        return f"must be at most {column.maximum:g}"
    return None


def _parse_cell(column: Column, raw: str) -> tuple[object, str | None]:
    """Turn one cell into its typed value; return (value, message or None)."""
    name = column.name
    if column.kind == "text":
        # free text is kept verbatim: spaces, tabs and line breaks belong to it
        text = restore_cell(raw) if name in NEUTRALISED_COLUMNS else raw
        if column.required and not text.strip():
            return text, "must not be empty"
        return text, None
    text = raw.strip()
    if not text:
        if column.required:
            return None, "must not be empty"
        return None, None
    if column.kind == "date":
        return _parse_date(text)
    if column.kind == "integer":
        if not INTEGER_CELL.fullmatch(text):
            return None, "must be a whole number"
        number = whole_number(text)
        return number, _bounds(column, number)
    if column.kind == "number":
        if not NUMBER_CELL.fullmatch(text):
            return None, "must be a number (2.5 or 2,5)"
        value = float(text.replace(",", "."))
        if not math.isfinite(value):
            return None, "must be a finite number"
        return value, _bounds(column, value)
    if column.kind == "id":
        if not _ID.fullmatch(text):
            return None, "must use only lower-case letters, digits and underscores"
        return text, None
    # choice columns
    word = text.lower()
    if name == "lighter_week":
        if word in YES_WORDS:
            return "yes", None
        if word in NO_WORDS:
            return "no", None
        return None, "must be yes or no (TRUE or FALSE also work)"
    if word not in column.choices:
        return None, f"must be one of: {', '.join(column.choices)}"
    return word, None


def _cross_checks(
    values: dict[str, object], raw: dict[str, str], number: int, label: str
) -> list[Problem]:
    """Check the cells derived from others: the weekday and row id of the date."""
    day = values["date"]
    if not isinstance(day, date):
        return []
    problems = []
    weekday = WEEKDAYS[day.weekday()]
    if values["weekday"] is not None and values["weekday"] != weekday:
        problems.append(
            Problem(
                label,
                number,
                "weekday",
                raw["weekday"],
                f"does not match the date {day.isoformat()}, a {weekday} (dates are read "
                f"{_DATE_FORMS}, never month first)",
            )
        )
    if values["session"] is not None and values["order"] is not None:
        expected = f"{day.isoformat()}-{values['session']}-{values['order']}"
        if values["row_id"] != expected:
            problems.append(
                Problem(
                    label,
                    number,
                    "row_id",
                    raw["row_id"],
                    f"must be {expected} (date-session-order of the row)",
                )
            )
    return problems


def read_plan(
    path_or_bytes: str | os.PathLike[str] | bytes, *, filename: str | None = None
) -> pd.DataFrame:
    """Read a plan CSV file written by :func:`plan_to_csv` or re-saved by a spreadsheet.

    Parameters
    ----------
    path_or_bytes : str, path-like or bytes
        A file path, or the file's contents (for example from an upload widget).
    filename : str, optional
        Name used in error messages; defaults to the file's name, or
        ``"plan.csv"`` for bytes.

    Returns
    -------
    pandas.DataFrame
        The plan, in file row order, typed as :func:`as_plan_frame` describes;
        a file written by :func:`plan_to_csv` gives back exactly the frame written.

    Raises
    ------
    DataValidationError
        One error listing every problem: undecodable bytes, a header without the
        plan's columns, rows with the wrong number of cells, empty required cells,
        values of the wrong kind or out of range, a weekday or row id that does
        not fit the date, and repeated row ids. Accepted forms are in the module
        docstring.
    FileNotFoundError
        If the path does not exist.
    """
    label = filename or source_label(path_or_bytes, _FILE)
    rows, _encoding = read_csv_rows(path_or_bytes, label, columns=PLAN_COLUMNS)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise file_error(label, "is empty: no header row")
    header = [normalise_header(h) for h in rows[0]]
    problems = header_problems(header, label, PLAN_COLUMNS, PLAN_COLUMNS)
    if problems:
        refuse_other_kind(header, label, "plan", "choose the plan CSV made in notebook 05")
        raise DataValidationError(problems)
    parsed: dict[str, list[object]] = {name: [] for name in PLAN_COLUMNS}
    first_row_of: dict[str, int] = {}
    for number, raw in iter_records(rows, header, label, problems):
        values: dict[str, object] = {}
        for name in PLAN_COLUMNS:
            value, message = _parse_cell(_COLUMNS[name], raw[name])
            if message:
                problems.append(Problem(label, number, name, raw[name], message))
            # a refused cell is not checked against the others (its own message says it)
            values[name] = None if message else value
        problems.extend(_cross_checks(values, raw, number, label))
        row_id = str(values["row_id"])
        if row_id in first_row_of:
            problems.append(
                Problem(
                    label,
                    number,
                    "row_id",
                    raw["row_id"],
                    f"repeats the row id of row {first_row_of[row_id]}",
                )
            )
        else:
            first_row_of[row_id] = number
        for name in PLAN_COLUMNS:
            parsed[name].append(values[name])
    if problems:
        raise DataValidationError(problems)
    return as_plan_frame(parsed)
