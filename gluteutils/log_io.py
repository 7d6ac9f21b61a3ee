"""Training-log files: read any reasonable log, write one for spreadsheets, save it safely.

A log is a :class:`pandas.DataFrame` with the columns of
:data:`~gluteutils.log_columns.LOG_COLUMNS`, one row per set (the contract in
:mod:`gluteutils.log_columns`): ``datetime`` is ``datetime64[ns]`` (naive local
time, whole minutes), the integer columns are ``Int64``, the number columns
``float64`` and every other column holds :class:`str` (``""`` when empty).
``set_key`` and ``load_kg`` are always made from the other columns
(:func:`normalise_log`); rows are sorted by datetime, athlete, exercise, side
and set.

Writing
    :func:`log_to_csv` writes UTF-8 with a byte-order mark (so Excel on Windows
    detects it), comma-separated, CRLF line ends, fields quoted where needed.
    A cell holding a carriage return or line feed is always quoted, which keeps
    a lone CR from splitting the row (CPython gh-67044). Free text that would
    start a spreadsheet formula gets a leading apostrophe
    (:func:`~gluteutils.files.neutralise_cell`). :func:`read_log` gives back
    exactly the frame written.

Reading
    :func:`read_log` accepts a log that a spreadsheet program has opened and
    saved again, in these forms and no others:

    ================ ================================================================
    what             accepted
    ================ ================================================================
    size             at most :data:`MAX_LOG_BYTES` (50 MB), checked before reading
    encoding         UTF-8 with or without a byte-order mark; UTF-16 with a
                     byte-order mark; Windows-1252 when the bytes are not UTF-8
                     (:attr:`LogImport.encoding` and a note say which)
    separator        comma, semicolon or tab: the one that splits the header into
                     the most log columns
    columns          any order, names matched ignoring case and surrounding spaces;
                     every column of :data:`REQUIRED_HEADER` must be there, the
                     others may be left out (then they are empty); ``set_key`` and
                     ``load_kg`` are always made again from the other columns (the
                     file's ``set_key`` is not read; a note says when its
                     ``load_kg`` differed)
    ``datetime``     ISO first: ``YYYY-MM-DDTHH:MM``, ``YYYY-MM-DD HH:MM``, either
                     with ``:SS`` (seconds are dropped, with a note), ``YYYY-MM-DD``;
                     then day first: ``dd/mm/yyyy HH:MM``, ``dd.mm.yyyy HH:MM``,
                     ``dd/mm/yyyy``, ``dd.mm.yyyy``. A date alone means 00:00.
                     Month-first US dates and two-digit years are refused, and so
                     are days after today and years outside 1900-2100.
    numbers          a decimal point or a decimal comma (``12.5`` or ``12,5``)
    choices          any case, surrounding spaces ignored
    text             kept exactly as written: ``NA``, ``None`` or ``null`` are names,
                     not missing values
    ``exercise_name`` may be empty: it is filled in from the exercise library
    empty rows       rows with nothing in them, and repeated header rows, are dropped
                     (a note says how many and where)
    ================ ================================================================

    Every other problem is collected and raised together in one
    :class:`~gluteutils.errors.DataValidationError` naming row (as a spreadsheet
    numbers it, header = row 1), column, value and what is wrong: wrong or
    missing columns, rows with the wrong number of cells, empty required cells,
    values of the wrong kind or out of range, exercise ids not in the library,
    days in the future, reps and duration both given (or neither), a load
    without a unit (or a unit without a load) and two rows for the same set.

    Large files are parsed column by column, never cell by cell in Python: the
    file is split by pyarrow when it is installed, else by pandas' C reader in
    chunks, each column is kept as codes into its distinct texts, and each
    distinct text is checked once. A file either reader cannot split cleanly
    (a row with too many or too few cells, for example) goes through the
    :mod:`csv` module instead, which names every such row.

Saving
    :func:`save_log` and :func:`append_to_log` check the rows first (a refused
    log changes nothing on disk), then take a lock (:mod:`filelock`, so two
    notebooks saving to one file lose no row), copy the old file to a
    time-stamped backup (the newest :data:`BACKUPS_KEPT` are kept) and replace
    the file atomically (:func:`~gluteutils.files.atomic_write_bytes`: a crash
    leaves the old file or the new one, never half of one).
    :func:`append_to_log` merges by ``set_key``: a new row for a set already in
    the log replaces it (so a corrected set, or a re-imported export, updates
    the log instead of adding a copy), and the result counts the sets added,
    replaced and already there unchanged. :func:`import_into_log` reads a
    file (an upload) and appends it in one step; a refused file writes nothing.
"""

from __future__ import annotations

import csv
import io
import mmap
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from filelock import FileLock
from filelock import Timeout as LockTimeout

from .arrow_csv import read_typed_columns
from .errors import DataValidationError, GluteutilsError, Problem
from .exercises import load_exercises
from .file_kinds import refuse_other_kind
from .files import (
    ENCODING_NAMES,
    INTEGER_CELL,
    NUMBER_CELL,
    atomic_write_bytes,
    detect_encoding,
    file_error,
    header_problems,
    iter_records,
    neutralise_cell,
    normalise_header,
    number_text,
    read_csv_rows,
    restore_cell,
    sniff_delimiter,
    source_buffer,
    source_label,
    whole_number,
)
from .log_columns import LOG, LOG_COLUMNS, LOG_FREE_TEXT, LOG_KEY
from .log_values import load_in_kg, whole_numbers
from .plan_profile import MAX_YEAR, MIN_YEAR, OUTSIDE_YEARS  # one range for every date
from .schema import ID_PATTERN, Column
from .wording import plural

#: Largest log file :func:`read_log` accepts by default, in bytes (50 MB).
MAX_LOG_BYTES = 50_000_000
#: Most problems a refused log lists one by one; the rest are counted per column.
MAX_LISTED_PROBLEMS = 200
#: Backups of a saved log kept (the newest).
BACKUPS_KEPT = 5
#: Seconds to wait for another notebook's save before giving up.
LOCK_TIMEOUT_S = 60.0
#: Columns made from the others whatever the file says.
DERIVED_COLUMNS = ("set_key", "load_kg")
#: Columns a log file must have (the others may be left out).
REQUIRED_HEADER: tuple[str, ...] = tuple(
    c.name
    for c in LOG.columns
    if c.required and c.name not in DERIVED_COLUMNS and c.name != "exercise_name"
)
#: Date-and-time forms read, in the order tried: ISO first, then day first.
DATETIME_FORMATS: tuple[str, ...] = (
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y",
)
_FILE = "training_log.csv"
_CHUNK_ROWS = 200_000
_LAST_DAY = date(MAX_YEAR, 12, 31)
_DATETIME_TEXT = "%Y-%m-%dT%H:%M"
_DAY_FIRST_FROM = DATETIME_FORMATS.index("%d/%m/%Y %H:%M")
_DATETIME_FORMS = (
    "YYYY-MM-DDTHH:MM (or YYYY-MM-DD HH:MM, dd/mm/yyyy HH:MM, dd.mm.yyyy HH:MM; "
    "a date alone means 00:00)"
)
_COLUMNS: dict[str, Column] = {c.name: c for c in LOG.columns}
_INT_COLUMNS = tuple(c.name for c in LOG.columns if c.kind == "integer")
_FLOAT_COLUMNS = tuple(c.name for c in LOG.columns if c.kind == "number")
_TEXT_COLUMNS = tuple(
    name for name in LOG_COLUMNS if name not in (*_INT_COLUMNS, *_FLOAT_COLUMNS, "datetime")
)
_HALF_STEPS = ("rpe", "rir")
_ID = re.compile(ID_PATTERN)
_SORT = list(LOG_KEY)
#: Largest code made by combining several columns' codes into one int64.
_COMBINED_LIMIT = 2**62


@dataclass(frozen=True)
class LogImport:
    """A log read from a file, with what the reader did to it.

    Attributes
    ----------
    log : pandas.DataFrame
        The log, in the contract of :mod:`gluteutils.log_columns`.
    encoding : str
        The file's encoding: ``"utf-8-sig"``, ``"utf-8"``, ``"utf-16"`` or
        ``"cp1252"`` (:data:`gluteutils.files.ENCODING_NAMES` names them).
    notes : tuple of str
        Plain-language remarks for the runner, such as ``"3 empty rows dropped"``
        or ``"read as Windows-1252 (the file is not UTF-8)"``; empty when the
        file needed nothing.
    """

    log: pd.DataFrame
    encoding: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LogSaveResult:
    """What :func:`append_to_log` or :func:`save_log` did.

    Attributes
    ----------
    path : pathlib.Path
        The log file.
    added : int
        Sets that were not in the log before.
    replaced : int
        Sets already in the log (same ``set_key``) whose values the new rows changed.
    unchanged : int
        New rows identical to a set already in the log (nothing to do for them).
    total : int
        Sets in the log now.
    backup : pathlib.Path or None
        The copy of the previous file, or ``None`` when there was no previous
        file or nothing had to be written.
    written : bool
        Whether the file was written (``False`` when every row was already there).
    """

    path: Path
    added: int
    replaced: int
    unchanged: int
    total: int
    backup: Path | None
    written: bool


class LogLockedError(GluteutilsError):
    """Another notebook kept the log locked for longer than :data:`LOCK_TIMEOUT_S`."""


# --- building and normalising frames ------------------------------------------------------


def _as_text(values: object) -> np.ndarray:
    """Return an object array of str; missing values become ``""``, others ``str(value)``."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    texts = np.array([u if isinstance(u, str) else str(u) for u in uniques], dtype=object)
    return _codes_text(codes, texts)


def _as_float(values: object) -> np.ndarray:
    """Return a float64 array; missing values become NaN."""
    return pd.to_numeric(pd.Series(values, dtype=object)).astype("float64").to_numpy()


def _codes_text(codes: np.ndarray, texts: np.ndarray) -> np.ndarray:
    """Map factorised codes to texts; a missing value (code -1) gives ``""``."""
    return np.append(texts, "").astype(object)[codes]


#: A column as codes per row into its distinct texts: ``texts[codes]`` are the cells.
_Coded = tuple[np.ndarray, np.ndarray]


def _join_coded(parts: Sequence[_Coded]) -> np.ndarray:
    """Join each row's cells with ``"|"``; a part is ``(codes, texts)``, its cells ``texts[codes]``.

    The first part (the time: many distinct values) stays apart. The others
    combine into one code, each distinct combination is written once, and
    each row then costs a single string concatenation.
    """
    count = len(parts[0][0])
    combined = np.zeros(count, dtype=np.int64)
    bound = 1
    for codes, texts in parts[1:]:
        if bound * len(texts) >= _COMBINED_LIMIT:  # renumber densely before it could overflow
            combined = pd.factorize(combined)[0].astype(np.int64)
            bound = int(combined.max(initial=0)) + 1
        combined = combined * len(texts) + codes
        bound *= len(texts)
    combo, _uniques = pd.factorize(combined)
    # codes number combinations by first appearance, so a code above every
    # earlier one marks the row where its combination first appears
    seen = np.maximum.accumulate(combo)
    first = np.flatnonzero(np.r_[True, combo[1:] > seen[:-1]]) if count else combo
    tails = np.array(
        ["|" + "|".join(texts[codes[row]] for codes, texts in parts[1:]) for row in first],
        dtype=object,
    )
    heads = np.asarray(parts[0][1], dtype=object)[parts[0][0]]
    return np.add(heads, tails[combo])


def _with_missing(codes: np.ndarray, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and texts where a missing value (code -1) reads ``""``."""
    return np.where(codes < 0, len(texts), codes), np.append(np.asarray(texts, dtype=object), "")


def _set_keys(
    when: pd.Series, athlete: np.ndarray, exercise: np.ndarray, side: np.ndarray, number: pd.Series
) -> np.ndarray:
    """``<datetime>|<athlete>|<exercise_id>|<side>|<set>`` for every row."""
    # each distinct value is formatted once, then spread by code
    when_codes, when_uniques = pd.factorize(when)
    when_text = np.asarray(pd.DatetimeIndex(when_uniques).strftime(_DATETIME_TEXT), object)
    set_codes, set_uniques = pd.factorize(number)
    set_text = np.array([str(int(v)) for v in set_uniques], dtype=object)
    parts = [_with_missing(when_codes, when_text)]
    for values in (athlete, exercise, side):
        codes, uniques = pd.factorize(np.asarray(values, dtype=object))
        parts.append(_with_missing(codes, uniques))
    parts.append(_with_missing(set_codes, set_text))
    return _join_coded(parts)


def normalise_log(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a log frame the contract's columns, dtypes, derived columns and order.

    It makes ``set_key`` and ``load_kg`` from the other columns, converts the
    dtypes (``datetime`` to ``datetime64[ns]`` floored to the minute, integers
    to ``Int64``, numbers to ``float64``, text to ``str`` with ``""`` for
    missing values) and sorts by datetime, athlete, exercise_id, side and set.
    It does not check the values: :func:`save_log`, :func:`append_to_log` and
    :func:`read_log` do.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of a log; ``set_key`` and ``load_kg`` may be missing (they are made
        again anyway), extra columns are dropped.

    Returns
    -------
    pandas.DataFrame
        A new frame, columns in :data:`~gluteutils.log_columns.LOG_COLUMNS`
        order, with a fresh range index.

    Raises
    ------
    KeyError
        If a column other than ``set_key`` and ``load_kg`` is missing.
    """
    data: dict[str, object] = {}
    for name in LOG_COLUMNS:
        if name in DERIVED_COLUMNS:
            continue
        values = frame[name]
        if name == "datetime":
            # datetimes, or ISO 8601 text (with a "T" or a space)
            stamps = pd.Series(
                pd.to_datetime(values, format="ISO8601").to_numpy(), dtype="datetime64[ns]"
            )
            data[name] = stamps.dt.floor("min")
        elif name in _INT_COLUMNS:
            data[name] = pd.array(_as_float(values), dtype="Int64")
        elif name in _FLOAT_COLUMNS:
            data[name] = _as_float(values)
        else:
            data[name] = _as_text(values)
    data["load_kg"] = load_in_kg(data["load"], data["load_unit"] == "lb")  # type: ignore[arg-type, operator]
    data["set_key"] = _set_keys(
        data["datetime"],  # type: ignore[arg-type]
        data["athlete"],  # type: ignore[arg-type]
        data["exercise_id"],  # type: ignore[arg-type]
        data["side"],  # type: ignore[arg-type]
        pd.Series(data["set"]),
    )
    return _frame(data)


def _frame(data: Mapping[str, object], *, sort: bool = True) -> pd.DataFrame:
    """Assemble the log from its columns, text as ``object`` holding str, and sort it."""
    columns = {
        name: pd.Series(np.asarray(data[name], dtype=object), dtype=object, copy=False)
        if name in _TEXT_COLUMNS
        else pd.Series(data[name], copy=False)
        for name in LOG_COLUMNS
    }
    # object, not pandas 3's "str" dtype, as the contract and build_plan have it
    frame = pd.DataFrame(columns, columns=list(LOG_COLUMNS), copy=False)
    return _sorted(frame) if sort else frame


def _sorted(log: pd.DataFrame) -> pd.DataFrame:
    return log.sort_values(_SORT, kind="stable").reset_index(drop=True)


def empty_log() -> pd.DataFrame:
    """Return a log with no rows and the contract's columns and dtypes.

    Returns
    -------
    pandas.DataFrame
        Zero rows, columns in :data:`~gluteutils.log_columns.LOG_COLUMNS` order.
    """
    return normalise_log(pd.DataFrame({name: [] for name in LOG_COLUMNS}))


# --- writing ---------------------------------------------------------------------------


def _column_text(log: pd.DataFrame, name: str) -> np.ndarray:
    """One column as the text written to the file."""
    column = log[name]
    if name == "datetime":
        codes, uniques = pd.factorize(column)
        return _codes_text(
            codes, np.asarray(pd.DatetimeIndex(uniques).strftime(_DATETIME_TEXT), object)
        )
    if name in _INT_COLUMNS or name in _FLOAT_COLUMNS:
        codes, uniques = pd.factorize(column)
        form = (lambda v: str(int(v))) if name in _INT_COLUMNS else number_text
        return _codes_text(codes, np.array([form(v) for v in uniques], dtype=object))
    texts = _as_text(column)
    if name in LOG_FREE_TEXT:
        codes, uniques = pd.factorize(texts)
        return _codes_text(codes, np.array([neutralise_cell(str(v)) for v in uniques], object))
    return texts


def log_to_csv(log: pd.DataFrame) -> bytes:
    """Write a log as the bytes of a log CSV file (format in the module docstring).

    Parameters
    ----------
    log : pandas.DataFrame
        A log; it is put in order first with :func:`normalise_log`, so
        ``set_key`` and ``load_kg`` are always consistent.

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, comma-separated, CRLF line ends, free text
        neutralised against spreadsheet formulas.

    Raises
    ------
    KeyError
        If a log column other than ``set_key`` and ``load_kg`` is missing.
    """
    log = normalise_log(log)
    buffer = io.StringIO(newline="")
    # with CRLF as the line end, csv quotes every cell holding CR or LF
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LOG_COLUMNS)
    columns = [_column_text(log, name) for name in LOG_COLUMNS]
    writer.writerows(zip(*columns, strict=True))
    return buffer.getvalue().encode("utf-8-sig")


# --- reading: the raw table ---------------------------------------------------------------


@dataclass
class _Column:
    """The cells of one column as codes into its distinct texts."""

    codes: np.ndarray
    texts: np.ndarray

    def cells(self, index: np.ndarray) -> np.ndarray:
        """Return the cell texts of some rows."""
        return self.texts[self.codes[index]]


@dataclass
class _Raw:
    """The cells of a file as text, by column, and the rows they come from."""

    columns: dict[str, _Column]
    rows: np.ndarray
    empty_rows: list[int]
    header_rows: list[int]


def _coded(cells: np.ndarray) -> _Column:
    codes, texts = pd.factorize(cells)
    return _Column(codes.astype(np.int32), np.asarray(texts, dtype=object))


def _header(data: bytes | mmap.mmap, encoding: str, label: str) -> tuple[list[str], str]:
    """Read the header record (and the separator) from the start of the file."""
    head = data[: 1 << 16].decode(encoding, errors="ignore")
    delimiter = sniff_delimiter(head, LOG_COLUMNS)
    try:
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
    except csv.Error as exc:
        raise file_error(label, f"is not a readable CSV file: {exc}") from None
    if not any(cell.strip() for cell in first):
        raise file_error(label, "is empty: no header row")
    return [normalise_header(h) for h in first], delimiter


def _drop_rows(columns: dict[str, _Column], count: int) -> tuple[np.ndarray, np.ndarray]:
    """Find empty rows and repeated header rows from each column's distinct texts."""
    blank = np.ones(count, dtype=bool)
    repeated = np.ones(count, dtype=bool)
    # a column with no empty text (or no header text) rules that kind of row out at once
    for name, column in columns.items():
        if blank.any():
            empty = np.array([not t.strip() for t in column.texts], dtype=bool)
            blank = blank & empty[column.codes] if empty.any() else np.zeros(count, dtype=bool)
        if repeated.any():
            header = np.array([normalise_header(t) == name for t in column.texts], dtype=bool)
            repeated = (
                repeated & header[column.codes] if header.any() else np.zeros(count, dtype=bool)
            )
    return blank, repeated & ~blank


def _raw_fast(data: bytes, encoding: str, delimiter: str, header: list[str]) -> _Raw | None:
    """Split the file with pandas' C reader; ``None`` when it needs the careful reader.

    The file is read in chunks of text cells, each turned into codes at once,
    so memory holds the codes and the distinct texts, not every cell's text.
    """
    wanted = [i for i, name in enumerate(header) if name != "set_key"]
    names = [header[i] for i in wanted]
    tables: dict[str, dict[str, int]] = {name: {} for name in names}
    parts: dict[str, list[np.ndarray]] = {name: [] for name in names}
    try:
        chunks = pd.read_csv(
            io.BytesIO(data),
            sep=delimiter,
            header=0,
            # every column, even set_key (not used): with usecols the C reader
            # would quietly accept rows with too many cells
            dtype=object,
            encoding=encoding,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            quotechar='"',
            doublequote=True,
            engine="c",
            chunksize=_CHUNK_ROWS,
        )
        with chunks:
            for chunk in chunks:
                if not isinstance(chunk.index, pd.RangeIndex):
                    # a first row with one cell too many: the C reader quietly took
                    # the first column as the index; the careful reader names the rows
                    return None
                for position, name in zip(wanted, names, strict=True):
                    codes, texts = pd.factorize(chunk.iloc[:, position].to_numpy(dtype=object))
                    if (codes < 0).any():
                        return None  # a missing value: the C reader met something odd
                    table = tables[name]
                    known = np.fromiter(
                        (table.setdefault(t, len(table)) for t in texts), np.int32, len(texts)
                    )
                    parts[name].append(known[codes])
    except (ValueError, csv.Error, UnicodeError, MemoryError, OverflowError):
        return None  # ragged, or a quirk the careful reader reports row by row
    columns = {
        name: _Column(
            np.concatenate(parts[name]) if parts[name] else np.zeros(0, np.int32),
            np.array([t if isinstance(t, str) else "" for t in tables[name]], dtype=object),
        )
        for name in names
    }
    count = len(columns[names[0]].codes) if names else 0
    blank, repeated = _drop_rows(columns, count)
    # the C reader pads a short row with empty cells; an empty last cell in a row
    # that is not empty could be one, so let the careful reader count the cells
    last = columns[names[-1]] if names else None
    if last is not None and (last.texts[last.codes[~blank]] == "").any():
        return None
    return _kept(columns, blank, repeated)


def _raw_arrow(
    data: bytes | mmap.mmap, encoding: str, delimiter: str, header: list[str]
) -> _Raw | None:
    """Split the file with pyarrow when it is installed (an optional speed-up).

    pyarrow refuses a row with the wrong number of cells (an empty line too),
    so any such file goes to the careful reader, which names the rows.
    ``None`` when pyarrow is missing or the file needs the careful reader.
    Every column is read as text, numbers too: pyarrow collects each column's
    distinct texts while it reads, in parallel, and each is then parsed once
    (quicker than parsing the numbers in pyarrow and collecting them again).
    """
    if not header:
        return None
    wanted = [i for i, name in enumerate(header) if name != "set_key"]
    read = read_typed_columns(data, encoding, delimiter, header, wanted)
    if read is None:
        return None
    columns = {header[i]: _Column(codes, texts) for i, (codes, texts) in read.texts.items()}
    count = len(next(iter(columns.values())).codes) if columns else 0
    blank, repeated = _drop_rows(columns, count)
    return _kept(columns, blank, repeated)


def _kept(columns: dict[str, _Column], blank: np.ndarray, repeated: np.ndarray) -> _Raw:
    numbers = np.arange(2, len(blank) + 2)
    keep = ~(blank | repeated)
    if not keep.all():
        columns = {n: _Column(c.codes[keep], c.texts) for n, c in columns.items()}
    return _Raw(columns, numbers[keep], numbers[blank].tolist(), numbers[repeated].tolist())


def _raw_careful(data: bytes, label: str, header: list[str], problems: list[Problem]) -> _Raw:
    """Split the file with the csv module, naming every row with the wrong cell count."""
    rows, _encoding = read_csv_rows(data, label, columns=LOG_COLUMNS)
    skipped: list[tuple[int, str]] = []
    numbers: list[int] = []
    names = [name for name in header if name != "set_key"]
    cells: dict[str, list[str]] = {name: [] for name in names}
    for number, record in iter_records(rows, header, label, problems, skipped):
        numbers.append(number)
        for name in names:
            cells[name].append(record[name])
    return _Raw(
        columns={name: _coded(np.array(values, dtype=object)) for name, values in cells.items()},
        rows=np.array(numbers, dtype=np.int64),
        empty_rows=[n for n, kind in skipped if kind == "empty"],
        header_rows=[n for n, kind in skipped if kind == "header"],
    )


# --- reading: parsing each column ---------------------------------------------------------


def _bounds(column: Column, number: float) -> str | None:
    if column.minimum is not None and number < column.minimum:
        return f"must be at least {column.minimum:g}"
    if column.maximum is not None and number > column.maximum:
        return f"must be at most {column.maximum:g}"
    return None


def _parse_text(column: Column, raw: str, exercise_ids: frozenset[str]) -> tuple[object, str]:
    """Turn one distinct cell text into its value; return (value, message or "")."""
    name = column.name
    if column.kind == "text":
        # free text is kept verbatim: spaces, tabs and line breaks belong to it
        text = restore_cell(raw) if name in LOG_FREE_TEXT else raw
        if column.required and name != "exercise_name" and not text.strip():
            return text, "must not be empty"
        return text, ""
    text = raw.strip()
    if not text:
        empty = np.nan if column.kind in ("integer", "number") else ""
        return empty, "must not be empty" if column.required else ""
    if column.kind == "id":
        if not _ID.fullmatch(text):
            return text, "must use only lower-case letters, digits and underscores"
        if text not in exercise_ids:
            return text, "is not an exercise of the library (see exercises.csv)"
        return text, ""
    if column.kind == "choice":
        word = text.lower()
        if word not in column.choices:
            return "", f"must be one of: {', '.join(column.choices)}"
        return word, ""
    if column.kind == "integer":
        if not INTEGER_CELL.fullmatch(text):
            return np.nan, "must be a whole number"
        number = float(whole_number(text))
        return number, _bounds(column, number) or ""
    if not NUMBER_CELL.fullmatch(text):
        return np.nan, "must be a number (12.5 or 12,5)"
    value = float(text.replace(",", "."))
    if not np.isfinite(value):
        return np.nan, "must be a finite number"
    message = _bounds(column, value)
    if not message and name in _HALF_STEPS and value * 2 != int(value * 2):
        message = "must be a whole or half number (for example 7 or 7.5)"
    return value, message or ""


def _parse_datetimes(
    texts: np.ndarray, today: date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Parse distinct datetime texts with the explicit formats, ISO first.

    Returns the values (``datetime64[ns]``, NaT when bad), the messages
    (``""`` when fine), whether a day-first form was used, and whether seconds
    were dropped.
    """
    stripped = pd.Series(texts, dtype=object).str.strip()
    count = len(texts)
    values = np.full(count, np.datetime64("NaT"), dtype="datetime64[ns]")
    messages = np.full(count, f"must be a date and time written {_DATETIME_FORMS}", dtype=object)
    messages[np.array(stripped == "", dtype=bool)] = "must not be empty"
    day_first = np.zeros(count, dtype=bool)
    todo = np.array(stripped != "", dtype=bool)
    for position, form in enumerate(DATETIME_FORMATS):
        if not todo.any():
            break
        index = np.flatnonzero(todo)
        parsed = pd.to_datetime(stripped.iloc[index], format=form, errors="coerce")
        hit = parsed.notna().to_numpy()
        if not hit.any():
            continue
        found = index[hit]
        stamps = parsed[hit]
        years = stamps.dt.year.to_numpy()
        fine = (years >= MIN_YEAR) & (years <= MAX_YEAR)
        values[found[fine]] = stamps[fine].astype("datetime64[ns]").to_numpy()
        messages[found[fine]] = ""
        messages[found[~fine]] = OUTSIDE_YEARS
        day_first[found] = position >= _DAY_FIRST_FROM
        todo[found] = False
    stamps = pd.Series(values)
    floored = stamps.dt.floor("min")
    seconds = (stamps != floored).to_numpy() & stamps.notna().to_numpy()
    values = floored.to_numpy(dtype="datetime64[ns]")
    late = (stamps.notna() & (stamps.dt.normalize() > pd.Timestamp(today))).to_numpy()
    messages[late] = f"is in the future (after {today.isoformat()})"
    return values, messages, day_first, seconds


@dataclass
class _Parsed:
    """One parsed column: a value and a message ("" when fine) per distinct text."""

    values: np.ndarray
    messages: np.ndarray
    raw: _Column

    def __post_init__(self) -> None:
        self.bad = (self.messages != "")[self.raw.codes]

    def codes_at(self, order: np.ndarray | None) -> np.ndarray:
        """Return the rows' codes into :attr:`values`, in ``order`` (``None``: file order)."""
        return self.raw.codes if order is None else self.raw.codes[order]


def _parse_column(
    name: str, raw: _Column, exercise_ids: frozenset[str], today: date, notes: list[str]
) -> _Parsed:
    """Parse a column through its distinct texts: each one is checked once."""
    counts = np.bincount(raw.codes, minlength=len(raw.texts))
    if name == "datetime":
        values, messages, day_first, seconds = _parse_datetimes(raw.texts, today)
        if counts[day_first].sum():
            notes.append(
                f"{plural(int(counts[day_first].sum()), 'date')} written day first "
                "(dd/mm/yyyy or dd.mm.yyyy) and read that way"
            )
        if counts[seconds].sum():
            notes.append(
                f"seconds dropped from {plural(int(counts[seconds].sum()), 'time')} "
                "(the log keeps minutes)"
            )
        return _Parsed(values, messages, raw)
    column = _COLUMNS[name]
    pairs = [_parse_text(column, t, exercise_ids) for t in raw.texts]
    numeric = name in _INT_COLUMNS or name in _FLOAT_COLUMNS
    values = np.array([p[0] for p in pairs], dtype="float64" if numeric else object)
    messages = np.array([p[1] for p in pairs], dtype=object)
    if name in _FLOAT_COLUMNS:
        commas = np.array(["," in t for t in raw.texts], dtype=bool)
        if counts[commas].sum():
            notes.append(
                f"{plural(int(counts[commas].sum()), 'decimal comma')} read in column '{name}'"
            )
    return _Parsed(values, messages, raw)


# --- reading: the whole file --------------------------------------------------------------


def _library_names(library: pd.DataFrame | None) -> dict[str, str]:
    frame = load_exercises() if library is None else library
    return dict(zip(frame["exercise_id"], frame["name"], strict=True))


class _Problems:
    """Collects problems per column as row positions, listing at most a few hundred."""

    def __init__(self, label: str, rows: np.ndarray, listed: list[Problem]) -> None:
        self.label = label
        self.rows = rows
        self.found: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]] = []
        self.listed = list(listed)

    def add(self, column: str, mask: np.ndarray, raw: _Column, message: str | np.ndarray) -> None:
        """Record a problem in ``column`` for every row of ``mask``.

        ``message`` is one message for all, or one per distinct text of ``raw``.
        """
        if not mask.any():
            return
        index = np.flatnonzero(mask)
        if isinstance(message, str):
            messages = np.full(len(index), message, dtype=object)
        else:
            messages = message[raw.codes[index]]
        self.found.append((column, index, raw.cells(index), messages))

    def add_parsed(self, column: str, parsed: _Parsed) -> None:
        """Record the problems a column's own parsing found."""
        self.add(column, parsed.bad, parsed.raw, parsed.messages)

    @property
    def any(self) -> bool:
        """Whether any problem was found."""
        return bool(self.found or self.listed)

    def error(self) -> DataValidationError:
        """One error listing the problems in row order (the first ones, and a count)."""
        order = {name: i for i, name in enumerate(LOG_COLUMNS)}
        entries: list[tuple[int, int, Problem]] = []
        total = 0
        for column, index, values, messages in self.found:
            total += len(index)
            for i, value, message in zip(
                index[:MAX_LISTED_PROBLEMS],
                values[:MAX_LISTED_PROBLEMS],
                messages[:MAX_LISTED_PROBLEMS],
                strict=True,
            ):
                row = int(self.rows[i])
                problem = Problem(self.label, row, column, str(value), str(message))
                entries.append((row, order.get(column, -1), problem))
        entries.sort(key=lambda entry: entry[:2])
        shown = [entry[2] for entry in entries[:MAX_LISTED_PROBLEMS]]
        hidden = total - len(shown)
        problems = self.listed + shown
        if hidden:
            problems.append(
                Problem(self.label, None, None, None, f"and {hidden} more problems not listed")
            )
        return DataValidationError(problems)


def _ranks(values: np.ndarray) -> np.ndarray:
    """Dense ranks of distinct values, so equal values rank equal."""
    return np.unique(values, return_inverse=True)[1].astype(np.int64).reshape(-1)


def _key_order(parsed: Mapping[str, _Parsed], count: int) -> tuple[np.ndarray | None, np.ndarray]:
    """Sort rows by the key columns; find rows whose key equals the one before.

    Returns the order (``None`` when the rows are in order already, as a saved
    log is) and, by sorted position, whether a row repeats the previous key.
    Keys compare through dense ranks of their distinct values, never strings.
    """
    ranks = [_ranks(parsed[name].values)[parsed[name].raw.codes] for name in LOG_KEY]
    sizes = [int(r.max(initial=0)) + 1 for r in ranks]
    same = np.zeros(count, dtype=bool)
    if count < 2:
        return None, same
    if np.prod(sizes, dtype=object) < _COMBINED_LIMIT:
        # one integer per row: a single sort, and a cheap check for a file already in order
        key = ranks[0]
        for rank, size in zip(ranks[1:], sizes[1:], strict=True):
            key = key * size + rank
        order = None if (key[1:] >= key[:-1]).all() else np.argsort(key, kind="stable")
        ordered = key if order is None else key[order]
        same[1:] = ordered[1:] == ordered[:-1]
        return order, same
    order = np.lexsort(tuple(reversed(ranks)))
    keys = np.stack(ranks)[:, order]
    same[1:] = (keys[:, 1:] == keys[:, :-1]).all(axis=0)
    return order, same


def _check_rows(
    raw: _Raw,
    label: str,
    library: pd.DataFrame | None,
    today: date,
    listed: list[Problem],
    notes: list[str],
) -> pd.DataFrame:
    """Parse every column, run the checks across columns, and build the sorted log."""
    names = _library_names(library)
    count = len(raw.rows)
    problems = _Problems(label, raw.rows, listed)
    absent = _Column(np.zeros(count, dtype=np.int32), np.array([""], dtype=object))
    parsed: dict[str, _Parsed] = {}
    for name in LOG_COLUMNS:
        if name not in DERIVED_COLUMNS:
            column = raw.columns.get(name, absent)
            parsed[name] = _parse_column(name, column, frozenset(names), today, notes)
            problems.add_parsed(name, parsed[name])

    def given(name: str) -> np.ndarray:
        values = parsed[name].values
        filled = ~np.isnan(values) if values.dtype.kind == "f" else values != ""
        return filled[parsed[name].raw.codes]

    # a set has repetitions or a duration, never both and never neither
    judged = ~parsed["reps"].bad & ~parsed["duration_s"].bad
    reps, seconds = given("reps"), given("duration_s")
    problems.add(
        "duration_s",
        judged & reps & seconds,
        parsed["duration_s"].raw,
        "give reps or duration_s, not both",
    )
    problems.add(
        "reps",
        judged & ~reps & ~seconds,
        parsed["reps"].raw,
        "give the repetitions, or the seconds in duration_s",
    )
    # a load needs its unit; body weight (no load) has none
    judged = ~parsed["load"].bad & ~parsed["load_unit"].bad
    load, unit = given("load"), given("load_unit")
    problems.add(
        "load_unit",
        judged & load & ~unit,
        parsed["load_unit"].raw,
        "must be kg or lb when a load is given",
    )
    problems.add(
        "load_unit",
        judged & ~load & unit,
        parsed["load_unit"].raw,
        "must be empty when there is no load (body weight)",
    )

    # sorted by key, equal neighbours are two rows for the same set
    order, same = _key_order(parsed, count)
    if same.any():
        _add_repeats(parsed, np.arange(count) if order is None else order, same, raw, problems)
    if problems.any:
        raise problems.error()
    return _build(parsed, order, names, notes, raw)


def _add_repeats(
    parsed: Mapping[str, _Parsed],
    order: np.ndarray,
    same: np.ndarray,
    raw: _Raw,
    problems: _Problems,
) -> None:
    """Report rows that repeat an earlier row's set (``same``: by sorted position)."""
    count = len(order)
    key_fine = ~np.logical_or.reduce([parsed[name].bad for name in LOG_KEY])[order]
    same = same.copy()
    same[1:] &= key_fine[1:] & key_fine[:-1]  # a bad key cell is reported on its own
    if not same.any():
        return
    first = np.maximum.accumulate(np.where(same, 0, np.arange(count)))
    repeats = np.zeros(count, dtype=bool)
    repeats[order[same]] = True
    earlier = np.zeros(count, dtype=np.int64)
    earlier[order[same]] = raw.rows[order[first[same]]]
    messages = np.array(
        [
            f"repeats the set of row {r} (same datetime, athlete, exercise_id, side and set)"
            for r in earlier[repeats]
        ],
        dtype=object,
    )
    set_cells = parsed["set"].raw
    flagged = _Column(np.arange(count, dtype=np.int32), set_cells.texts[set_cells.codes])
    full = np.empty(count, dtype=object)
    full[repeats] = messages
    problems.add("set", repeats, flagged, full)


def _build(
    parsed: dict[str, _Parsed],
    order: np.ndarray | None,
    names: Mapping[str, str],
    notes: list[str],
    raw: _Raw,
) -> pd.DataFrame:
    """Assemble the checked columns, in sorted order (``None``: file order), into the log."""
    # each row's code in every column, in the log's order: the values, the unit and
    # name checks and the keys below all read the rows through these
    codes = {name: column.codes_at(order) for name, column in parsed.items()}
    data: dict[str, object] = {}
    for name, column in parsed.items():
        if name in _INT_COLUMNS:
            # each distinct value made an integer once, then spread to the rows
            data[name] = whole_numbers(column.values)[codes[name]]
        else:
            data[name] = column.values[codes[name]]
    exercise_name = data["exercise_name"]
    missing_names = (parsed["exercise_name"].values == "")[codes["exercise_name"]]
    if missing_names.any():
        exercise_name = np.array(exercise_name, dtype=object)  # type: ignore[call-overload]
        exercise_name[missing_names] = [
            names.get(i, i) for i in np.asarray(data["exercise_id"], dtype=object)[missing_names]
        ]
        data["exercise_name"] = exercise_name
        notes.append(
            "exercise_name filled in from the library for "
            f"{plural(int(missing_names.sum()), 'row')}"
        )
    data["load_kg"] = _coded_load_kg(parsed["load"], parsed["load_unit"], codes)
    # the key is written from each distinct value, then spread to the rows by code
    # (a distinct text no kept row uses, such as a dropped trailer's, may be bad)
    when = np.datetime_as_string(parsed["datetime"].values, unit="m").astype(object)
    when[np.isnat(parsed["datetime"].values)] = ""
    numbers = np.array(
        ["" if np.isnan(v) else str(int(v)) for v in parsed["set"].values], dtype=object
    )
    data["set_key"] = _join_coded(
        [
            (codes["datetime"], when),
            *(
                (codes[name], np.asarray(parsed[name].values, dtype=object))
                for name in ("athlete", "exercise_id", "side")
            ),
            (codes["set"], numbers),
        ]
    )
    _load_kg_note(raw, order, data["load_kg"], notes)  # type: ignore[arg-type]
    return _frame(data, sort=False)


def _coded_load_kg(load: _Parsed, unit: _Parsed, codes: Mapping[str, np.ndarray]) -> np.ndarray:
    """Each row's load in kg, worked out once per distinct load and unit when they are few."""
    in_lb = unit.values == "lb"
    if len(load.values) * len(in_lb) > len(codes["load"]):  # all different: row by row
        return load_in_kg(load.values[codes["load"]], in_lb[codes["load_unit"]])
    table = load_in_kg(load.values[:, np.newaxis], in_lb[np.newaxis, :])
    return table[codes["load"], codes["load_unit"]]


def _load_kg_note(
    raw: _Raw, order: np.ndarray | None, load_kg: np.ndarray, notes: list[str]
) -> None:
    """Say when the file's load_kg differed from the one worked out again."""
    column = raw.columns.get("load_kg")
    if column is None:
        return
    texts = pd.Series(column.texts, dtype=object).str.strip().str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(texts, errors="coerce").to_numpy(dtype="float64")
    given = numbers[column.codes if order is None else column.codes[order]]
    same = np.isclose(given, load_kg, rtol=0, atol=0.005) | (np.isnan(given) & np.isnan(load_kg))
    if not same.all():
        notes.append(
            f"load_kg worked out again for {plural(int((~same).sum()), 'row')} "
            "(from load and load_unit; 1 lb = 0.45359237 kg)"
        )


def read_log(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    *,
    filename: str | None = None,
    library: pd.DataFrame | None = None,
    today: date | None = None,
    max_bytes: int | None = MAX_LOG_BYTES,
) -> LogImport:
    """Read a training-log CSV file: ours, or one a spreadsheet saved again.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        A file path, or the file's contents (for example from an upload widget).
    filename : str, optional
        Name used in messages; defaults to the file's name, or
        ``"training_log.csv"`` for bytes.
    library : pandas.DataFrame, optional
        The exercise library whose ids are allowed (default:
        :func:`gluteutils.exercises.load_exercises`).
    today : datetime.date, optional
        Sets dated after this day are refused; default: today.
    max_bytes : int or None, optional
        Largest file accepted, checked before reading (default 50 MB);
        ``None`` for no limit.

    Returns
    -------
    LogImport
        The log (in the contract of :mod:`gluteutils.log_columns`), the file's
        encoding and notes on what was dropped or converted. A file written by
        :func:`log_to_csv` gives back exactly the frame written.

    Raises
    ------
    DataValidationError
        One error listing every problem (the accepted forms and the checks are
        in the module docstring); the first :data:`MAX_LISTED_PROBLEMS` are
        listed one by one, in row order, and the rest counted.
    FileNotFoundError
        If the path does not exist.
    """
    label = filename or source_label(source, _FILE)
    with source_buffer(source, label, max_bytes=max_bytes) as data:
        return _read_log(data, label, library, today or date.today())


def _read_log(
    data: bytes | mmap.mmap, label: str, library: pd.DataFrame | None, today: date
) -> LogImport:
    encoding = detect_encoding(data, label)
    header, delimiter = _header(data, encoding, label)
    wrong = header_problems(header, label, LOG_COLUMNS, REQUIRED_HEADER)
    if wrong:
        refuse_other_kind(
            header, label, "log", "choose the log saved by notebook 06 (or an app's export)"
        )
        raise DataValidationError(wrong)
    notes: list[str] = []
    if encoding in ("cp1252", "utf-16"):
        notes.append(f"read as {ENCODING_NAMES[encoding]} (the file is not UTF-8)")
    if delimiter != ",":
        notes.append("cells separated by " + {";": "semicolons", "\t": "tabs"}[delimiter])
    listed: list[Problem] = []
    raw = _raw_arrow(data, encoding, delimiter, header)
    if raw is None:
        data = bytes(data)  # the slower readers need it whole
        raw = _raw_fast(data, encoding, delimiter, header)
    if raw is None:
        raw = _raw_careful(data, label, header, listed)
    notes.extend(_drop_notes(raw))
    log = _check_rows(raw, label, library, today, listed, notes)
    return LogImport(log=log, encoding=encoding, notes=tuple(notes))


def _drop_notes(raw: _Raw) -> list[str]:
    """Say which empty and repeated header rows were dropped."""
    notes = []
    if raw.empty_rows:
        notes.append(f"{plural(len(raw.empty_rows), 'empty row')} dropped")
    for row in raw.header_rows[:10]:
        notes.append(f"repeated header at row {row} dropped")
    if len(raw.header_rows) > 10:
        notes.append(f"{len(raw.header_rows) - 10} more repeated headers dropped")
    return notes


# --- saving -------------------------------------------------------------------------------


def _checked(
    log: pd.DataFrame, label: str, library: pd.DataFrame | None, today: date | None
) -> pd.DataFrame:
    """Check rows the way :func:`read_log` checks a file, and return them normalised."""
    try:
        data = log_to_csv(log)
    except (ValueError, TypeError) as exc:  # a value pandas cannot hold, such as the year 1400
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        problem = Problem(label, None, None, None, f"cannot be written as a log ({reason})")
        raise DataValidationError([problem]) from None
    return read_log(data, filename=label, library=library, today=today, max_bytes=None).log


def backup_folder(path: str | os.PathLike[str]) -> Path:
    """Return the folder that holds the backups of a log file: ``<stem>_backups`` beside it.

    Parameters
    ----------
    path : str or path-like
        The log file.

    Returns
    -------
    pathlib.Path
        For ``logs/training_log.csv``, ``logs/training_log_backups``.
    """
    target = Path(path)
    return target.with_name(f"{target.stem}_backups")


def _backup(target: Path, old: bytes, mode: int) -> Path:
    """Keep a time-stamped copy of the previous file; remove all but the newest few.

    The copy gets the log's permissions ``mode``, so a private log stays private.
    """
    folder = backup_folder(target)
    folder.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    copy = folder / f"{target.stem}-{stamp}{target.suffix}"
    atomic_write_bytes(copy, old, mode=mode)
    backups = sorted(folder.glob(f"{target.stem}-*{target.suffix}"))
    for stale in backups[:-BACKUPS_KEPT]:
        stale.unlink(missing_ok=True)
    return copy


def _locked(target: Path) -> FileLock:
    return FileLock(f"{target}.lock", timeout=LOCK_TIMEOUT_S)


def _write(target: Path, log: pd.DataFrame) -> Path | None:
    """Back the old file up (if any) and replace it atomically; return the backup."""
    backup = None
    if target.exists():
        backup = _backup(target, target.read_bytes(), stat.S_IMODE(target.stat().st_mode))
    atomic_write_bytes(target, log_to_csv(log))
    return backup


def save_log(
    path: str | os.PathLike[str],
    log: pd.DataFrame,
    *,
    library: pd.DataFrame | None = None,
    today: date | None = None,
) -> LogSaveResult:
    """Save a whole log, replacing the file: checked, locked, backed up, atomic.

    Parameters
    ----------
    path : str or path-like
        The log file; its folder must exist.
    log : pandas.DataFrame
        The log to save (it is normalised first, see :func:`normalise_log`).
    library : pandas.DataFrame, optional
        As in :func:`read_log`.
    today : datetime.date, optional
        As in :func:`read_log`.

    Returns
    -------
    LogSaveResult
        ``added`` counts every row, ``backup`` is the copy of the previous file.

    Raises
    ------
    DataValidationError
        If a row breaks a rule of :func:`read_log` or holds a value a log cannot
        (a date pandas cannot hold, text in ``datetime``); the file is not touched.
    LogLockedError
        If another notebook keeps the file locked for :data:`LOCK_TIMEOUT_S`.
    OSError
        If the file cannot be written; the old file is left as it was.
    """
    target = Path(path)
    checked = _checked(log, target.name, library, today)
    try:
        with _locked(target):
            backup = _write(target, checked)
    except LockTimeout:
        raise LogLockedError(
            f"{target.name} is being saved by another notebook; try again"
        ) from None
    return LogSaveResult(target, len(checked), 0, 0, len(checked), backup, True)


def append_to_log(
    path: str | os.PathLike[str],
    new_rows: pd.DataFrame,
    *,
    library: pd.DataFrame | None = None,
    today: date | None = None,
) -> LogSaveResult:
    """Add sets to a log file (made if missing), merging by ``set_key``: new rows win.

    The new rows are checked first; then, holding the file's lock, the current
    file is read, merged and written back (backup, atomic replace). A new row
    with the ``set_key`` of a set already in the log replaces that set.

    Parameters
    ----------
    path : str or path-like
        The log file; its folder must exist.
    new_rows : pandas.DataFrame
        Rows of a log (``set_key`` and ``load_kg`` may be missing).
    library : pandas.DataFrame, optional
        As in :func:`read_log`.
    today : datetime.date, optional
        As in :func:`read_log`.

    Returns
    -------
    LogSaveResult
        How many sets were added, replaced or already there, the new total and
        the backup. Nothing is written when every row was already in the log.

    Raises
    ------
    DataValidationError
        If a new row breaks a rule of :func:`read_log` or holds a value a log
        cannot, or the existing file cannot be read; the file is not touched.
    LogLockedError
        If another notebook keeps the file locked for :data:`LOCK_TIMEOUT_S`.
    OSError
        If the file cannot be written; the old file is left as it was.
    """
    target = Path(path)
    new = _checked(new_rows, "new rows", library, today)
    try:
        with _locked(target):
            if target.exists():
                # our own file: no size limit, and dates already accepted stay accepted
                old = read_log(target, library=library, max_bytes=None, today=_LAST_DAY).log
            else:
                old = empty_log()
            known = old["set_key"].isin(new["set_key"])
            overlap = new["set_key"].isin(old["set_key"])
            before = old[known].set_index("set_key").sort_index()
            after = new[overlap].set_index("set_key").sort_index()
            same = (before.eq(after).fillna(False) | (before.isna() & after.isna())).all(axis=1)
            unchanged = int(same.sum())
            added = int((~overlap).sum())
            replaced = int(overlap.sum()) - unchanged
            if added == 0 and replaced == 0 and target.exists():
                return LogSaveResult(target, 0, 0, unchanged, len(old), None, False)
            merged = _sorted(pd.concat([old[~known], new], ignore_index=True))
            backup = _write(target, merged)
    except LockTimeout:
        raise LogLockedError(
            f"{target.name} is being saved by another notebook; try again"
        ) from None
    return LogSaveResult(target, added, replaced, unchanged, len(merged), backup, True)


def import_into_log(
    path: str | os.PathLike[str],
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    *,
    filename: str | None = None,
    library: pd.DataFrame | None = None,
    today: date | None = None,
    max_bytes: int | None = MAX_LOG_BYTES,
) -> tuple[LogImport, LogSaveResult]:
    """Read a log file (for example an upload) and add its sets to the saved log.

    The file is read and checked completely first (:func:`read_log`), so a
    refused file changes nothing on disk; then its rows are appended
    (:func:`append_to_log`: locked, backed up, atomic, new rows win).

    Parameters
    ----------
    path : str or path-like
        The saved log file (made if missing).
    source : str, path-like, bytes, bytearray or memoryview
        The file to import, as :func:`read_log` takes it.
    filename : str, optional
        Name of the imported file in messages.
    library : pandas.DataFrame, optional
        As in :func:`read_log`.
    today : datetime.date, optional
        As in :func:`read_log`.
    max_bytes : int or None, optional
        As in :func:`read_log` (default 50 MB).

    Returns
    -------
    tuple of (LogImport, LogSaveResult)
        What was read (with its notes) and what the save did.

    Raises
    ------
    DataValidationError
        If the file is refused; nothing is written.
    LogLockedError
        If another notebook keeps the log locked for :data:`LOCK_TIMEOUT_S`.
    """
    imported = read_log(
        source, filename=filename, library=library, today=today, max_bytes=max_bytes
    )
    saved = append_to_log(path, imported.log, library=library, today=today)
    return imported, saved
