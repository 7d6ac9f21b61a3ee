"""Importing workout-app exports (Strong, Hevy, FitNotes) into a training log.

:func:`import_workouts` reads the CSV file an app exports, finds which app wrote
it (:func:`detect_app`), maps each exercise name to a library exercise through
``data/exercise_aliases.csv`` and the runner's own mapping, which wins
(:mod:`gluteutils.exercise_aliases`), and returns a :class:`WorkoutImport`: the
sets of mapped exercises as log rows (the columns of
:data:`~gluteutils.log_columns.LOG_COLUMNS`), the names that matched nothing with
how many sets each has (listed, never dropped silently), and plain notes on
what was done. :func:`import_strong`,
:func:`import_hevy` and :func:`import_fitnotes` read one app's format into
neutral set rows (:class:`AppExport`), before any mapping.

Formats read, as public readers of real exports show them:

=========== ==========================================================================
app         what is read
=========== ==========================================================================
Strong      Current format, comma-separated: ``Date, Workout Name, Duration,
            Exercise Name, Set Order, Weight, Reps, Distance, Seconds, Notes,
            Workout Notes, RPE`` (jake-walker/workout-converter ``strong.ts``;
            astashov/liftosaur PR 384). Its weight has no unit: it is read as kg
            unless ``weight_unit="lb"`` is passed. A ``Weight (kg)`` header is read
            as kg (DaKheera47/strong-statistics). Older format, semicolon-separated,
            with ``Weight Unit`` and ``Distance Unit`` columns (mtanzim/vis-strong-go).
            Dates ``YYYY-MM-DD HH:MM:SS``, or 12-hour ``YYYY-MM-DD h:mm:ss pm``.
            Rows whose ``Set Order`` is ``Rest Timer`` are rest periods, not sets:
            they are dropped and counted in the notes.
Hevy        ``title, start_time, end_time, description, exercise_title,
            superset_id, exercise_notes, set_index, set_type, weight_kg`` (or
            ``weight_lbs``), ``reps, distance_km`` (or ``distance_miles``),
            ``duration_seconds, rpe`` (workout-converter ``hevy.ts``;
            Jake-Leicht/Hevy-Dashboard-App for the pound columns). ``set_index``
            counts from 0, so set = ``set_index + 1``. Dates ``30 Jan 2025, 12:34``.
            A ``set_type`` starting "warm" is a warm-up; ``normal``, ``failure``
            and ``dropset`` are working sets.
FitNotes    ``Date, Exercise, Category, Weight (kgs)`` (or ``Weight (lbs)``, or
            ``Weight`` with ``Weight Unit``), ``Reps, Distance, Distance Unit, Time,
            Comment`` (tihawk/fitnotes2fit ``FitNotesSet.java``; tihawk/push-fitnotes).
            Dates ``YYYY-MM-DD`` without a time, so every set of a day gets 00:00,
            and sets are numbered 1, 2, ... per exercise and day in file order.
            ``Time`` is ``h:mm:ss`` or whole seconds.
=========== ==========================================================================

For all three the file is decoded and split as every reader here does
(:mod:`gluteutils.files`: UTF-8 with or without a byte-order mark, UTF-16 with
one, then Windows-1252; comma, semicolon or tab). Headers are matched ignoring
case and surrounding spaces; columns the log has no place for (distance, workout
name) are ignored, and unknown ones are named in the notes. Numbers accept a
decimal comma and an exponent (``2,5`` and ``1e2``). Empty rows (nothing in the
columns read) and repeated header rows are dropped and counted. Loads keep the
export's unit and are also given in kg (1 lb = 0.45359237 kg); a weight of 0 or
none is body weight (no load). A set has repetitions or seconds; the apps write
0 for the one not used, so a 0 counts as "not given". A workout's notes are
added, after `` / ``, to the notes of the first set imported from that workout.
Sets are keyed to the minute (the log's ``set_key``); when an exercise comes
twice in one workout (two blocks, or two app names for one library exercise) its
sets are numbered 1, 2, ... in file order, and a note says so.

Every bad cell is collected into one :class:`~gluteutils.errors.DataValidationError`
naming the row (as a spreadsheet numbers it, header = row 1), the column and
the value. Cells are parsed in every row; the log's own rules (ranges, reps or
seconds but not both, no date in the future) apply only to the rows imported,
so a cardio row of an unmapped "Running" cannot block an import.

The conversion is vectorised, never a Python loop per cell: the cells are read
by pyarrow when it is installed (an optional speed-up, not a dependency), else
by pandas' C parser, each column as its distinct texts and a code per row;
those few texts are parsed once and the results spread back over the rows.
pyarrow also parses the number columns itself, and pandas those whose every
cell is a plain number; a file in which anything is wrong is then read again
with those columns as text, so that each message quotes the cell as the file
writes it. Either fast reader hands over to the :mod:`csv` module when a row is
ragged, so that every such row is named; all the readers give the same import.
"""

from __future__ import annotations

import csv
import io
import math
import mmap
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from .arrow_csv import read_typed_columns
from .errors import DataValidationError, Problem
from .exercise_aliases import Aliases, as_aliases, name_resolver
from .file_kinds import refuse_other_kind
from .files import (
    ENCODING_NAMES,
    NUMBER_CELL,
    detect_encoding,
    file_error,
    iter_records,
    normalise_header,
    sniff_delimiter,
    source_buffer,
    source_label,
)
from .log_columns import LOG, LOG_COLUMNS
from .log_values import load_in_kg, whole_numbers
from .plan_profile import (
    MAX_ATHLETE_CHARS,
    MAX_YEAR,
    MIN_YEAR,
    OUTSIDE_YEARS,
    clean_athlete,
)
from .wording import plural

#: A file path, or a file's contents.
Source = str | os.PathLike[str] | bytes | bytearray | memoryview

#: Apps whose exports are read, as named in the log's ``source`` column.
APPS = ("strong", "hevy", "fitnotes")
#: Plain names of the apps, for messages.
APP_NAMES = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes"}
#: Largest export accepted, in bytes (the limit of a log file too).
MAX_IMPORT_BYTES = 50_000_000
#: ``Set Order`` of the rows Strong writes for a rest between sets (compared lower case).
REST_TIMER = "rest timer"
#: Most problems listed in one error; a last line counts the others.
MAX_PROBLEMS = 200
#: Columns of :attr:`AppExport.sets`, the neutral set rows.
SET_COLUMNS = (
    "row",
    "datetime",
    "exercise_name",
    "set",
    "set_type",
    "reps",
    "duration_s",
    "load",
    "load_unit",
    "rpe",
    "notes",
    "workout_notes",
)
#: Columns of :attr:`WorkoutImport.unmapped`.
UNMAPPED_COLUMNS = ("exercise_name", "sets", "first_row", "example")

_UNIT_WORDS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
_HEVY_WORKING = ("", "normal", "failure", "dropset")
_CLOCK = re.compile(r"([0-9]+):([0-9]{2}):([0-9]{2})")
_LIMITS = {c.name: (c.minimum, c.maximum) for c in LOG.columns}
#: Roles whose cells are numbers (any other role is text pandas must not turn into numbers).
_NUMERIC_ROLES = ("set", "reps", "seconds", "weight", "rpe")
#: Bytes at the start of a file the separator and header are read from.
_HEAD_BYTES = 1 << 16


# --- the three formats -------------------------------------------------------------------


@dataclass(frozen=True)
class _Format:
    """How one app lays out its export.

    ``columns`` maps each header (normalised) to its role in a set and the unit
    the header itself names (``weight_kg``); role ``None`` marks a known column
    the log has no place for.
    """

    columns: Mapping[str, tuple[str | None, str | None]]
    required: tuple[str, ...]
    date_formats: tuple[str, ...]
    date_example: str
    signature: tuple[str, ...]


_FORMATS = {
    "strong": _Format(
        columns={
            "date": ("date", None),
            "workout name": (None, None),
            "duration": (None, None),
            "duration (sec)": (None, None),
            "workout duration": (None, None),
            "exercise name": ("exercise", None),
            "set order": ("set", None),
            "weight": ("weight", None),
            "weight (kg)": ("weight", "kg"),
            "weight unit": ("weight_unit", None),
            "reps": ("reps", None),
            "rpe": ("rpe", None),
            "distance": (None, None),
            "distance (meters)": (None, None),
            "distance unit": (None, None),
            "seconds": ("seconds", None),
            "notes": ("notes", None),
            "workout notes": ("workout_notes", None),
        },
        required=("date", "exercise", "set", "weight", "reps", "seconds"),
        date_formats=(
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %I:%M:%S %p",
            "%Y-%m-%d %I:%M %p",
        ),
        date_example="2025-01-30 18:05:00",
        signature=("exercise name", "set order"),
    ),
    "hevy": _Format(
        columns={
            "title": (None, None),
            "start_time": ("date", None),
            "end_time": (None, None),
            "description": ("workout_notes", None),
            "exercise_title": ("exercise", None),
            "superset_id": (None, None),
            "exercise_notes": ("notes", None),
            "set_index": ("set", None),
            "set_type": ("set_type", None),
            "weight_kg": ("weight", "kg"),
            "weight_lbs": ("weight", "lb"),
            "reps": ("reps", None),
            "distance_km": (None, None),
            "distance_miles": (None, None),
            "duration_seconds": ("seconds", None),
            "rpe": ("rpe", None),
        },
        required=("date", "exercise", "set", "weight", "reps", "seconds"),
        date_formats=("%d %b %Y, %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"),
        date_example="30 Jan 2025, 18:05",
        signature=("exercise_title", "set_index"),
    ),
    "fitnotes": _Format(
        columns={
            "date": ("date", None),
            "exercise": ("exercise", None),
            "category": (None, None),
            "weight (kgs)": ("weight", "kg"),
            "weight (kg)": ("weight", "kg"),
            "weight (lbs)": ("weight", "lb"),
            "weight": ("weight", None),
            "weight unit": ("weight_unit", None),
            "reps": ("reps", None),
            "distance": (None, None),
            "distance unit": (None, None),
            "time": ("seconds", None),
            "comment": ("notes", None),
        },
        required=("date", "exercise", "weight", "reps"),
        date_formats=("%Y-%m-%d",),
        date_example="2025-01-30",
        signature=("date", "exercise"),
    ),
}
_KNOWN_HEADERS = frozenset(h for f in _FORMATS.values() for h in f.columns)


def detect_app(rows: Sequence[Sequence[str]], label: str = "export") -> str:
    """Tell which app wrote an export from its header row.

    Parameters
    ----------
    rows : sequence of sequence of str
        The file's rows, header first, as :func:`gluteutils.files.read_csv_rows`
        gives them; only the header is looked at.
    label : str, optional
        Name of the file in the error.

    Returns
    -------
    str
        ``"strong"`` (the header has ``Exercise Name`` and ``Set Order``),
        ``"hevy"`` (``exercise_title`` and ``set_index``) or ``"fitnotes"``
        (``Date`` and ``Exercise``); headers compared ignoring case and spaces.

    Raises
    ------
    DataValidationError
        If the header fits none of the three apps.

    Examples
    --------
    >>> detect_app([["title", "start_time", "exercise_title", "set_index"]])
    'hevy'
    """
    header = {normalise_header(h) for h in rows[0]} if rows else set()
    for app in APPS:
        if set(_FORMATS[app].signature) <= header:
            return app
    # a plan or a profile in the wrong upload: say what it is, in one line
    refuse_other_kind(
        rows[0] if rows else [],
        label,
        "app_export",
        "choose the export file the app made",
    )
    raise file_error(
        label,
        "is not an export of Strong, Hevy or FitNotes: its header needs 'Exercise Name' "
        "and 'Set Order' (Strong), 'exercise_title' and 'set_index' (Hevy), or 'Date' "
        "and 'Exercise' (FitNotes)",
    )


# --- results -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class AppExport:
    """One app's export read into neutral set rows, before exercise names are mapped.

    Attributes
    ----------
    app : str
        ``"strong"``, ``"hevy"`` or ``"fitnotes"``.
    sets : pandas.DataFrame
        One row per set in file order, columns :data:`SET_COLUMNS`: ``row``
        (``int64``, the row as a spreadsheet numbers it), ``datetime``
        (``datetime64[ns]``, to the minute), ``exercise_name`` (as the app wrote
        it, trimmed), ``set`` (``Int64``, from 1), ``set_type`` (``working`` or
        ``warmup``), ``reps`` and ``duration_s`` (``Int64``; ``<NA>`` when not
        given or 0), ``load`` (``float64``; ``NaN`` for body weight),
        ``load_unit`` (``kg``, ``lb``, or ``""`` for body weight), ``rpe``
        (``float64``), ``notes`` (the set's or exercise's notes) and
        ``workout_notes`` (the workout's, repeated on each of its sets).
    encoding : str
        Encoding the file was read in (see :func:`gluteutils.files.decode_bytes`).
    notes : tuple of str
        Plain-language remarks: rows dropped, the weight unit assumed, the encoding.
    """

    app: str
    sets: pd.DataFrame
    encoding: str
    notes: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class WorkoutImport:
    """An app export turned into training-log rows.

    Attributes
    ----------
    app : str
        The app that wrote the export.
    log : pandas.DataFrame
        The sets of every mapped exercise as a training log: the columns of
        :data:`~gluteutils.log_columns.LOG_COLUMNS` with the log's dtypes, sorted by
        datetime, athlete, exercise, side and set; ``source`` is the app.
    unmapped : pandas.DataFrame
        One row per exercise name that matched nothing, most sets first, columns
        :data:`UNMAPPED_COLUMNS`: the name as the app wrote it, its number of
        sets, the first row it is on, and that row in words. Its sets are not in
        ``log``: map the name and import again (a dict, or a mapping file:
        :func:`~gluteutils.exercise_aliases.mapping_template`).
    notes : tuple of str
        Plain-language remarks on what was read, dropped, assumed or renumbered.
    encoding : str
        Encoding the file was read in.
    """

    app: str
    log: pd.DataFrame
    unmapped: pd.DataFrame
    notes: tuple[str, ...]
    encoding: str


# --- problems ----------------------------------------------------------------------------


class _Problems:
    """Problems gathered column by column, listed in row order."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.items: list[tuple[int, int, Problem]] = []
        self.total = 0

    def add(self, row: int | None, column: str | None, value: str | None, message: str) -> None:
        self.total += 1
        problem = Problem(self.label, row, column, value, message)
        self.items.append((row or 0, len(self.items), problem))

    def add_rows(
        self, mask: np.ndarray, rows: np.ndarray, column: str, cells: _Column, message: str
    ) -> None:
        """Add a problem for each row where ``mask`` holds (keeping the first few)."""
        where = np.flatnonzero(mask)
        self.total += len(where)
        for i in where[:MAX_PROBLEMS]:
            problem = Problem(self.label, int(rows[i]), column, cells.text(i), message)
            self.items.append((int(rows[i]), len(self.items), problem))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        ordered = [item[2] for item in sorted(self.items, key=lambda item: item[:2])]
        listed = ordered[:MAX_PROBLEMS]
        if self.total > len(listed):
            more = self.total - len(listed)
            listed.append(
                Problem(self.label, None, None, None, f"has {more} more problems not listed here")
            )
        raise DataValidationError(listed)


# --- columns: numbers, or text parsed one distinct value at a time -----------------------


_NO_TEXT = np.zeros(0, dtype=object)
_NO_CODES = np.zeros(0, dtype=np.intp)


@dataclass(frozen=True)
class _Column:
    """The cells of one column of the export.

    A column whose every cell is a plain number may come as numbers
    (``numbers``): from pandas, when every cell is one, or from pyarrow
    (``nan_is_empty``), where ``NaN`` marks an empty cell. Any other column is text,
    kept as its distinct values (``uniques``) and, per row, the index of its
    value (``codes``), so each distinct text is parsed once however many rows
    repeat it.
    """

    numbers: np.ndarray | None
    codes: np.ndarray
    uniques: np.ndarray
    nan_is_empty: bool = False

    @classmethod
    def of(cls, values: pd.Series) -> _Column:
        """Make a column from what pandas read: numbers, categories, or text."""
        if isinstance(values.dtype, pd.CategoricalDtype):
            categories, codes = values.cat.categories, values.cat.codes.to_numpy()
            if categories.dtype.kind in "iuf":  # every cell a plain number
                return cls(categories.to_numpy()[codes], np.zeros(0, np.intp), _NO_TEXT)
            return cls(None, codes, np.asarray(categories.astype(str), dtype=object))
        cells = values.to_numpy()
        if cells.dtype.kind in "iuf":
            return cls(cells, np.zeros(0, dtype=np.intp), _NO_TEXT)
        if cells.dtype != object:  # e.g. a column pandas read as True/False
            cells = cells.astype(str).astype(object)
        codes, uniques = pd.factorize(cells, use_na_sentinel=False)
        return cls(None, codes, np.asarray(uniques, dtype=object))

    def __len__(self) -> int:
        return len(self.numbers) if self.numbers is not None else len(self.codes)

    def take(self, keep: np.ndarray) -> _Column:
        """Return the column's rows at ``keep`` (a mask, or positions)."""
        if self.numbers is not None:
            return _Column(self.numbers[keep], self.codes, self.uniques, self.nan_is_empty)
        return _Column(None, self.codes[keep], self.uniques)

    def text(self, row: int) -> str:
        """Return one cell as the file shows it (a whole float as ``5``)."""
        if self.numbers is None:
            return str(self.uniques[self.codes[row]])
        value = float(self.numbers[row])
        if self.nan_is_empty and math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else str(value)

    def each(
        self, parse: Callable[[str], tuple[Any, bool]], dtype: Any
    ) -> tuple[np.ndarray, np.ndarray]:
        """Parse each distinct text once; return every row's value and a mask of bad cells."""
        uniques = self.uniques if self.numbers is None else np.array([], dtype=object)
        parsed = np.empty(len(uniques), dtype=dtype)
        good = np.ones(len(uniques), dtype=bool)
        for i, text in enumerate(uniques):
            parsed[i], good[i] = parse(text)
        return parsed[self.codes], ~good[self.codes]

    def strings(self, change: Callable[[str], Any] = str.strip, dtype: Any = object) -> np.ndarray:
        """Return ``change`` of every row's text (each distinct text changed once)."""
        if self.numbers is not None:
            return np.array([change(self.text(i)) for i in range(len(self))], dtype=dtype)
        return self.each(lambda text: (change(text), True), dtype)[0]

    def to_numbers(
        self, parse: Callable[[str], tuple[float, bool]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the column as floats (NaN when empty or bad) and a mask of bad cells."""
        if self.numbers is None:
            return self.each(parse, float)
        values = self.numbers.astype(float)
        # pyarrow's numbers are finite or NaN for an empty cell; pandas' have no empty cell
        bad = np.zeros(len(values), dtype=bool) if self.nan_is_empty else ~np.isfinite(values)
        if parse is not _number:  # whole numbers (and whole seconds) only
            with np.errstate(invalid="ignore"):
                bad |= (values % 1 != 0) & ~np.isnan(values)
        values[bad] = np.nan
        return values, bad


def _number(text: str) -> tuple[float, bool]:
    """Parse a number, ``2.5``, ``2,5`` or ``2.5e3``; an empty cell gives NaN."""
    cell = text.strip()
    if not cell:
        return math.nan, True
    if not NUMBER_CELL.fullmatch(cell):
        return math.nan, False
    number = float(cell.replace(",", "."))
    return (number, True) if math.isfinite(number) else (math.nan, False)


def _whole(text: str) -> tuple[float, bool]:
    """Parse a whole number (``10`` or ``10.0``); an empty cell gives NaN."""
    number, ok = _number(text)
    if ok and not math.isnan(number) and not number.is_integer():
        return math.nan, False
    return number, ok


def _clock(text: str) -> tuple[float, bool]:
    """Parse a duration in seconds from ``h:mm:ss``, or whole seconds."""
    match = _CLOCK.fullmatch(text.strip())
    if not match:
        return _whole(text)
    hours, minutes, seconds = (int(g) for g in match.groups())
    if minutes >= 60 or seconds >= 60:
        return math.nan, False
    return float(hours * 3600 + minutes * 60 + seconds), True


#: Formats whose dates numpy reads too (much quicker than pandas in a fresh process).
_ISO_FORMATS = frozenset({"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"})
_ISO_MINUTE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(?::[0-9]{2})?")
#: Dates pandas keeps in nanoseconds.
_NS_RANGE = ("1678-01-01T00:00", "2261-12-31T00:00")  # inside what datetime64[ns] holds


def _iso_dates(texts: Sequence[str], todo: np.ndarray, values: np.ndarray) -> None:
    """Parse the ``YYYY-MM-DD HH:MM[:SS]`` texts among ``todo`` with numpy, in place.

    The texts parsed get their minute in ``values`` and leave ``todo``. numpy
    refuses an impossible date (a 30 February, an hour 24) for the whole lot, and
    then every text is left to pandas, which names the bad ones.
    """
    index = np.array([i for i in np.flatnonzero(todo) if _ISO_MINUTE.fullmatch(texts[i])])
    if not len(index):
        return
    try:
        parsed = np.array([texts[i] for i in index], dtype="datetime64[s]")
    except ValueError:
        return
    values[index] = _ns_minutes(parsed)
    todo[index] = False


#: A date and time as Strong and Hevy write it ("0" stands for any digit).
_ISO_TEMPLATE = "0000-00-00 00:00:00"


def _iso_dates_at_once(uniques: np.ndarray) -> np.ndarray | None:
    """Parse texts that are all ``YYYY-MM-DD HH:MM[:SS]`` of one length, or return ``None``.

    The usual export, checked and parsed in a few vectorised steps (each text is
    one row of character codes); anything else (another shape, an empty or
    impossible date) is left to :func:`_dates`' slower path, which names the bad cells.
    """
    if not len(uniques):
        return None
    texts = np.asarray(uniques, dtype=str)
    width = texts.dtype.itemsize // 4  # numpy keeps 4 bytes per character
    if width not in (16, 19):
        return None
    codes = texts.view(np.uint32).reshape(len(texts), width)
    template = np.array([ord(c) for c in _ISO_TEMPLATE[:width]], dtype=np.uint32)
    digit = template == ord("0")
    # a shorter text is padded with code 0, which fits neither a digit nor a separator
    if not ((codes[:, digit] - ord("0")) <= 9).all():  # unsigned: below "0" wraps round
        return None
    if not (codes[:, ~digit] == template[~digit]).all():
        return None
    try:
        parsed = texts.astype("datetime64[s]")
    except ValueError:  # a 30 February, an hour 24
        return None
    return _ns_minutes(parsed)


def _ns_minutes(parsed: np.ndarray) -> np.ndarray:
    """Turn dates to nanosecond minutes; a year nanoseconds cannot hold becomes the edge.

    The edges (1678, 2261) are outside the years a log accepts, so such a cell is
    refused as out of range; a plain cast would wrap it round to another year.
    """
    minutes = parsed.astype("datetime64[m]")
    low, high = (np.datetime64(edge, "m") for edge in _NS_RANGE)
    return np.minimum(np.maximum(minutes, low), high).astype("datetime64[ns]")


@dataclass(frozen=True)
class _Dates:
    """Each row's date and time, to the minute, and what was wrong with its cell.

    ``rank`` numbers the distinct minutes in time order (0, 1, ...), so rows
    sort by time on small integers; a row without a date has rank -1.
    """

    values: np.ndarray
    bad: np.ndarray
    empty: np.ndarray
    rank: np.ndarray


def _dates(column: _Column, formats: Sequence[str]) -> _Dates:
    """Parse dates in the given formats, each distinct text once, to the minute."""
    if column.numbers is not None:  # a column of bare numbers is no date
        count = len(column)
        return _Dates(
            np.full(count, np.datetime64("NaT"), "datetime64[ns]"),
            np.ones(count, bool),
            np.zeros(count, bool),
            np.full(count, -1, np.int64),
        )
    fast = _iso_dates_at_once(column.uniques) if set(formats) >= _ISO_FORMATS else None
    if fast is not None:
        return _ranked(fast, np.zeros(len(fast), dtype=bool), column.codes)
    # newer Strong exports put a narrow no-break space before "pm"; tidy only the odd ones
    texts = [
        t if t.isascii() and "  " not in t and t == t.strip() else " ".join(t.split())
        for t in (u.replace("\u202f", " ") for u in column.uniques)
    ]
    empty = np.array([not t for t in texts], dtype=bool)
    values = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = ~empty
    if set(formats) >= _ISO_FORMATS:
        _iso_dates(texts, todo, values)
    for form in formats:
        if not todo.any():
            break
        index = np.flatnonzero(todo)
        found = pd.to_datetime(pd.Series([texts[i] for i in index]), format=form, errors="coerce")
        hit = found.notna().to_numpy()
        # pandas keeps a year outside 1678-2261 in a coarser unit than nanoseconds
        values[index[hit]] = _ns_minutes(found[hit].to_numpy())
        todo[index[hit]] = False
    return _ranked(values, empty, column.codes)


def _ranked(values: np.ndarray, empty: np.ndarray, codes: np.ndarray) -> _Dates:
    """Spread the distinct texts' dates (and which were empty) to the rows, ranked."""
    missing = np.isnat(values)
    rank = np.full(len(values), -1, dtype=np.int64)
    rank[~missing] = np.unique(values[~missing], return_inverse=True)[1].reshape(-1)
    return _Dates(values[codes], (missing & ~empty)[codes], empty[codes], rank[codes])


def _unit(text: str) -> tuple[str, bool]:
    word = text.strip().lower()
    if not word:
        return "", True
    return _UNIT_WORDS.get(word, ""), word in _UNIT_WORDS


def _hevy_set_type(text: str) -> tuple[str, bool]:
    word = text.strip().lower()
    if word.startswith("warm"):
        return "warmup", True
    return "working", word in _HEVY_WORKING


# --- reading the file into columns -------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """Where each role's column is, what its header says, and the unit a header names."""

    app: str
    positions: dict[str, int]
    headers: dict[str, str]
    units: dict[str, str | None]
    notes: tuple[str, ...]


def _layout(header: Sequence[str], app: str, label: str) -> _Layout:
    """Find each role's column; raise for missing or repeated ones."""
    spec = _FORMATS[app]
    problems = _Problems(label)
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    units: dict[str, str | None] = {}
    notes = []
    for position, raw in enumerate(header):
        name = normalise_header(raw)
        if name and name not in spec.columns:
            notes.append(f"column '{raw.strip()}' is not used")
        role, unit = spec.columns.get(name, (None, None))
        if role is None:
            continue
        if role in positions:
            message = f"gives what column '{headers[role]}' gives; keep one of the two"
            problems.add(1, raw.strip(), None, message)
            continue
        positions[role], headers[role], units[role] = position, raw.strip(), unit
    for role in spec.required:
        if role not in positions:
            wanted = [h for h, (r, _) in spec.columns.items() if r == role]
            names = " or ".join(f"'{w}'" for w in wanted)
            message = f"required column is missing (a {APP_NAMES[app]} export has {names})"
            problems.add(1, wanted[0], None, message)
    problems.raise_if_any()
    return _Layout(app, positions, headers, units, tuple(notes))


@dataclass(frozen=True)
class _Cells:
    """The data rows: one column per role, and each row's number as a spreadsheet shows it."""

    layout: _Layout
    rows: np.ndarray
    columns: dict[str, _Column]
    encoding: str
    notes: tuple[str, ...]


def _read_cells(source: Source, label: str, app: str | None, typed: bool) -> _Cells:
    """Read the export's cells; with ``typed``, pyarrow may parse the number columns."""
    with source_buffer(source, label, max_bytes=MAX_IMPORT_BYTES) as data:
        return _cells_of(data, label, app, typed)


def _cells_of(data: bytes | mmap.mmap, label: str, app: str | None, typed: bool) -> _Cells:
    encoding = detect_encoding(data, label)
    # the separator is picked from the header alone
    head = data[:_HEAD_BYTES].decode(encoding, errors="ignore")
    delimiter = sniff_delimiter(head, _KNOWN_HEADERS)
    try:
        header = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
    except csv.Error as exc:
        raise file_error(label, f"is not a readable CSV file: {exc}") from None
    if not any(h.strip() for h in header):
        raise file_error(label, "is empty: no header row")
    layout = _layout(header, app or detect_app([header], label), label)
    notes = list(layout.notes)
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(f"read as {ENCODING_NAMES[encoding]} (the file is not UTF-8)")
    used = sorted(set(layout.positions.values()))
    columns = _arrow_columns(data, encoding, delimiter, header, layout, used, typed)
    if columns is None:
        data = bytes(data)  # the slower readers need it whole
        text = data.decode(encoding)
        columns = _fast_columns(data, text, encoding, delimiter, header, layout.positions, typed)
        if columns is None:
            frame = _careful_frame(text, delimiter, header, label)
            columns = {p: _Column.of(frame[p]) for p in frame.columns}
    columns = {p: columns[p] for p in used}
    rows, by_role, empty, repeated = _data_rows(columns, header, layout.positions)
    if empty:
        notes.append(f"{plural(empty, 'empty row')} dropped")
    notes.extend(f"repeated header at row {row} dropped" for row in repeated)
    return _Cells(layout, rows, by_role, encoding, tuple(notes))


def _number_roles(app: str) -> tuple[str, ...]:
    """Roles whose cells are plain numbers in a good export of ``app``."""
    roles = ("weight", "reps", "rpe")
    if app != "fitnotes":  # FitNotes writes its time as h:mm:ss
        roles += ("seconds",)
    if app == "hevy":  # Strong's set order has "Rest Timer" rows; FitNotes has none
        roles += ("set",)
    return roles


def _arrow_columns(
    data: bytes | mmap.mmap,
    encoding: str,
    delimiter: str,
    header: Sequence[str],
    layout: _Layout,
    used: Sequence[int],
    typed: bool,
) -> dict[int, _Column] | None:
    """Read the columns with pyarrow (``None`` when it cannot, or may not, be trusted).

    With ``typed``, the number columns are parsed by pyarrow, unless the file is
    separated by semicolons (decimal commas are likely, and pyarrow would refuse
    them only after reading the whole file).
    """
    numbers = []
    if typed and delimiter != ";":
        numbers = [layout.positions[r] for r in _number_roles(layout.app) if r in layout.positions]
    notes = [layout.positions[r] for r in ("notes", "workout_notes") if r in layout.positions]
    read = read_typed_columns(
        data, encoding, delimiter, header, used, numbers=numbers, free_text=notes
    )
    if read is None and numbers:
        read = read_typed_columns(data, encoding, delimiter, header, used, free_text=notes)
    if read is None:
        return None
    columns = {p: _Column(None, codes, texts) for p, (codes, texts) in read.texts.items()}
    for position, values in read.numbers.items():
        columns[position] = _Column(values, _NO_CODES, _NO_TEXT, nan_is_empty=True)
    return columns


def _fast_columns(
    data: bytes,
    text: str,
    encoding: str,
    delimiter: str,
    header: Sequence[str],
    positions: Mapping[str, int],
    typed: bool = True,
) -> dict[int, _Column] | None:
    """Read the cells with pandas' C parser; ``None`` when the result cannot be trusted.

    Columns are read as categories: pandas collects each column's distinct cells
    while reading and makes them numbers when every one is a plain number (a
    column of numbers with one odd cell stays text, parsed later). pandas refuses a
    row with too many cells but pads a short one with empty cells, so the
    separators are counted as well (:func:`_rows_are_whole`); any doubt sends the
    file to the careful reader, which names the rows. Columns are keyed by
    their position in the file. Without ``typed`` the number columns stay text,
    as the file writes them (for the messages of a file with problems).
    """
    width = len(header)
    dtypes: dict[int, Any] = dict.fromkeys(range(width), "category")
    if not typed:  # keep the number columns' own spelling (for messages)
        dtypes.update((p, object) for r, p in positions.items() if r in _NUMERIC_ROLES)
    options: dict[str, Any] = {
        "sep": delimiter,
        "header": 0,
        "names": list(range(width)),
        # categories: pandas collects each column's distinct cells while reading, and
        # makes them numbers when every one is a plain number
        "dtype": dtypes,
        "keep_default_na": False,
        "na_filter": False,
        "skip_blank_lines": False,
        "engine": "c",
    }
    try:
        if encoding in ("utf-8", "utf-8-sig"):
            # pandas decodes UTF-8 itself, faster than reading the decoded text
            frame = pd.read_csv(io.BytesIO(data), encoding=encoding, **options)
        else:
            frame = pd.read_csv(io.StringIO(text), **options)
    except (pd.errors.ParserError, ValueError, OverflowError, IndexError, csv.Error):
        return None  # ragged, a header alone (a pandas quirk), or worse: read carefully
    text_roles = {p for r, p in positions.items() if r not in _NUMERIC_ROLES}
    if not all(_is_text(frame[p].cat.categories) for p in text_roles):
        return None  # pandas made numbers of a text column ("007" would become 7)
    columns = {p: _Column.of(frame[p]) for p in frame.columns}
    # the separator and the line break are single bytes, the same in these encodings
    ascii_safe = encoding in ("utf-8", "utf-8-sig", "cp1252")
    separators = data.count(delimiter.encode()) if ascii_safe else text.count(delimiter)
    blank_lines = _blank_lines(data) if ascii_safe else _blank_lines(text)
    if not _rows_are_whole(columns, len(frame), header, delimiter, separators, blank_lines):
        return None
    return columns


_BLANK_LINE_TEXT = re.compile(r"(?<=\n)\r?\n")
_BLANK_LINE_BYTES = re.compile(rb"(?<=\n)\r?\n")


def _blank_lines(content: bytes | str) -> int:
    """Count the empty lines: line breaks right after a line break (CRLF or LF)."""
    if isinstance(content, str):
        if "\n\n" not in content and "\n\r\n" not in content:
            return 0
        return len(_BLANK_LINE_TEXT.findall(content))
    if b"\n\n" not in content and b"\n\r\n" not in content:
        return 0  # the usual case, found at C speed
    return len(_BLANK_LINE_BYTES.findall(content))


def _is_text(categories: pd.Index) -> bool:
    return len(categories) == 0 or isinstance(categories[0], str)


def _rows_are_whole(
    columns: Mapping[int, _Column],
    count: int,
    header: Sequence[str],
    delimiter: str,
    separators: int,
    blank_lines: int,
) -> bool:
    """Tell whether every one of ``count`` rows read had all its cells, or was an empty line.

    A whole row has ``width - 1`` separators between its cells, an empty line
    none, and every other separator (or empty line) in the file is inside a
    quoted cell, so it is in a cell's text. The separators of the file, less
    those inside cells, must therefore be ``width - 1`` for the header and for
    each row that is not an empty line; a row pandas padded breaks that count.
    It costs a pass over the bytes and a look at each column's distinct texts.
    """
    width = len(header)
    inside = sum(h.count(delimiter) for h in header)
    for column in columns.values():
        if column.numbers is None:
            seps = np.array([t.count(delimiter) for t in column.uniques], dtype=np.int64)
            blanks = np.array([_blank_lines(t) for t in column.uniques], dtype=np.int64)
            if seps.any():
                inside += int(seps[column.codes].sum())
            if blanks.any():
                blank_lines -= int(blanks[column.codes].sum())
    empty_lines = blank_lines
    whole = count - empty_lines
    if empty_lines < 0 or whole < 0:
        return False
    if separators - inside != (width - 1) * (whole + 1):  # + 1: the header
        return False
    # the empty lines read as rows whose every cell is empty
    return empty_lines <= int(_blank_rows(columns, count).sum())


def _blank_rows(columns: Mapping[int, _Column], count: int) -> np.ndarray:
    """Return which rows have nothing but spaces in every cell."""
    blank = np.ones(count, dtype=bool)
    for column in columns.values():
        if column.numbers is not None:
            if not column.nan_is_empty:
                return np.zeros(count, dtype=bool)  # pandas' numbers have no empty cell
            blank &= np.isnan(column.numbers)
            continue
        empty = np.array([not t.strip() for t in column.uniques], dtype=bool)
        blank &= empty[column.codes]
        if not blank.any():
            break
    return blank


def _careful_frame(text: str, delimiter: str, header: Sequence[str], label: str) -> pd.DataFrame:
    """Read row by row with :mod:`csv`, naming every row whose number of cells is wrong."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise file_error(label, f"is not a readable CSV file: {exc}") from None
    problems: list[Problem] = []
    keys = [str(i) for i in range(len(header))]
    # iter_records skips blank and repeated header rows and names ragged ones; only the
    # problems are wanted here, the rows are numbered again below
    for _ in iter_records(rows, keys, label, problems):
        pass
    if problems:
        raise DataValidationError(problems[:MAX_PROBLEMS])
    width = len(header)
    body = [r if len(r) == width else [""] * width for r in rows[1:]]
    return pd.DataFrame(body, columns=range(width), dtype=object)


def _data_rows(
    columns: Mapping[int, _Column], header: Sequence[str], positions: Mapping[str, int]
) -> tuple[np.ndarray, dict[str, _Column], int, list[int]]:
    """Drop empty rows and repeated header rows; return row numbers and columns by role."""
    exercise = columns[positions["exercise"]]
    rows = np.arange(2, len(exercise) + 2, dtype=np.int64)
    names = {p: normalise_header(header[p]) for p in columns}
    suspect = [
        i for i, u in enumerate(exercise.uniques) if normalise_header(u) in ("", *names.values())
    ]
    drop = np.zeros(len(rows), dtype=bool)
    empty, repeated = 0, []
    # only a row whose exercise cell is empty or a header name can be either
    for i in np.flatnonzero(np.isin(exercise.codes, suspect)):
        cells = {p: normalise_header(column.text(i)) for p, column in columns.items()}
        if not any(cells.values()):
            drop[i], empty = True, empty + 1
        elif cells == names:
            drop[i] = True
            repeated.append(int(rows[i]))
    by_role = {role: columns[p] for role, p in positions.items()}
    if drop.any():
        keep = ~drop
        rows, by_role = rows[keep], {role: c.take(keep) for role, c in by_role.items()}
    return rows, by_role, empty, repeated


# --- from columns to neutral set rows ----------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    """Neutral set rows (arrays by column), the columns they come from, what went wrong."""

    app: str
    sets: dict[str, Any]
    encoding: str
    notes: tuple[str, ...]
    cells: dict[str, _Column]
    headers: dict[str, str]
    bad: np.ndarray
    problems: _Problems
    when_rank: np.ndarray

    @property
    def typed(self) -> bool:
        """Whether a reader parsed some number column (so the cells' own texts are lost)."""
        return any(column.numbers is not None for column in self.cells.values())


def _parse(source: Source, label: str, app: str | None, weight_unit: str, typed: bool) -> _Parsed:
    """Read the export into neutral set rows, gathering the problems of every cell.

    With ``typed``, pyarrow may parse the number columns. A caller that finds
    problems in such a read reads again without (``typed`` False), so that each
    message quotes the cell as the file writes it.
    """
    if weight_unit not in ("kg", "lb"):
        raise ValueError(f"weight_unit must be 'kg' or 'lb', not {weight_unit!r}")
    found = _read_cells(source, label, app, typed)
    layout, rows, cells = found.layout, found.rows, found.columns
    notes = list(found.notes)
    if layout.app == "strong":
        rest = cells["set"].strings(lambda t: t.strip().lower() == REST_TIMER, bool)
        if rest.any():
            count = plural(int(rest.sum()), "Rest Timer row")
            notes.append(f"{count} dropped (rests between sets, not sets)")
            keep = np.flatnonzero(~rest)  # positions: quicker to gather by than a mask
            rows, cells = rows[keep], {role: c.take(keep) for role, c in cells.items()}
    problems = _Problems(label)
    bad = np.zeros(len(rows), dtype=bool)

    def check(role: str, mask: np.ndarray, message: str) -> None:
        problems.add_rows(mask, rows, layout.headers[role], cells[role], message)
        bad[mask] = True

    spec = _FORMATS[layout.app]
    dates = _dates(cells["date"], spec.date_formats)
    when = dates.values
    check("date", dates.empty, "must not be empty")
    check("date", dates.bad, f"must be a date written like {spec.date_example}")
    names = cells["exercise"].strings()
    check("exercise", cells["exercise"].strings(lambda t: not t.strip(), bool), "must not be empty")

    if layout.app == "fitnotes":
        # FitNotes has no set number: count the sets of each exercise and day
        keys = pd.DataFrame({"when": when, "name": names})
        set_number = keys.groupby(["when", "name"], sort=False, dropna=False).cumcount()
        set_number = set_number.to_numpy(dtype=float) + 1
    else:
        set_number, wrong = cells["set"].to_numbers(_whole)
        check("set", wrong | np.isnan(set_number), "must be a whole number")
        if layout.app == "hevy":
            set_number = set_number + 1  # Hevy counts sets from 0

    reps, wrong = cells["reps"].to_numbers(_whole)
    check("reps", wrong, "must be a whole number")
    seconds = np.full(len(rows), np.nan)
    if "seconds" in cells:
        parse, message = _whole, "must be a whole number of seconds"
        if layout.app == "fitnotes":
            parse, message = _clock, "must be a time written h:mm:ss, or whole seconds"
        seconds, wrong = cells["seconds"].to_numbers(parse)
        check("seconds", wrong, message)
    weight, wrong = cells["weight"].to_numbers(_number)
    check("weight", wrong, "must be a number (2.5 or 2,5)")
    units = _weight_units(layout, cells, weight, weight_unit, check, notes)
    rpe = np.full(len(rows), np.nan)
    if "rpe" in cells:
        rpe, wrong = cells["rpe"].to_numbers(_number)
        check("rpe", wrong, "must be a number (8 or 7.5)")
    set_type = _filled(len(rows), "working")
    if "set_type" in cells:
        set_type, wrong = cells["set_type"].each(_hevy_set_type, object)
        check("set_type", wrong, "must be normal, warmup, failure or dropset")

    # the apps write 0 for the measure a set does not use, and for no added weight
    reps[reps == 0] = np.nan
    seconds[seconds == 0] = np.nan
    body_weight = np.isnan(weight) | (weight == 0)
    weight[body_weight] = np.nan
    units[body_weight] = ""
    sets = {
        "row": rows,
        "datetime": when,
        "exercise_name": names,
        # whole numbers as floats until a frame is made (NaN: not given)
        "set": set_number,
        "set_type": set_type,
        "reps": reps,
        "duration_s": seconds,
        "load": weight,
        "load_unit": units,
        "rpe": rpe,
        "notes": _text(cells, "notes", len(rows)),
        # None when no workout has notes (most exports)
        "workout_notes": _text(cells, "workout_notes", len(rows), empty=None),
    }
    return _Parsed(
        layout.app,
        sets,
        found.encoding,
        tuple(notes),
        cells,
        layout.headers,
        bad,
        problems,
        dates.rank,
    )


_Checked = TypeVar("_Checked")


def _parse_quoting(
    source: Source,
    label: str,
    app: str | None,
    weight_unit: str,
    check: Callable[[_Parsed], _Checked],
) -> tuple[_Parsed, _Checked]:
    """Parse the export and ``check`` it (adding problems); return both results.

    pyarrow parses the number columns first (quicker). When that read has any
    problem, the export is read and checked again with every cell as text, so
    that each message quotes the cell as the file writes it.
    """
    parsed = _parse(source, label, app, weight_unit, typed=True)
    checked = check(parsed)
    if parsed.typed and parsed.problems.total:
        parsed = _parse(source, label, app, weight_unit, typed=False)
        checked = check(parsed)
    return parsed, checked


def _sets_frame(sets: Mapping[str, Any], which: np.ndarray | None = None) -> pd.DataFrame:
    """Make the neutral set rows (:data:`SET_COLUMNS`) a frame, of all rows or ``which``."""
    data = {}
    size = len(sets["row"]) if which is None else len(which)
    for name in SET_COLUMNS:
        if sets[name] is None:
            data[name] = _strings(_filled(size, ""))
            continue
        values = sets[name] if which is None else sets[name][which]
        if name in _WHOLE_COLUMNS:
            data[name] = whole_numbers(values)
        else:
            data[name] = _strings(values) if values.dtype.kind == "O" else values
    return pd.DataFrame(data, columns=list(SET_COLUMNS), copy=False)


#: Columns of the set rows kept as floats while parsing, ``Int64`` in a frame.
_WHOLE_COLUMNS = ("set", "reps", "duration_s")


def _filled(size: int, text: str) -> np.ndarray:
    """Return an ``object`` array holding ``text`` ``size`` times (one shared str)."""
    values = np.empty(size, dtype=object)
    values.fill(text)
    return values


def _strings(values: np.ndarray) -> pd.Series:
    """Keep text in an ``object`` column (pandas 3 would otherwise pick its ``str`` dtype)."""
    return pd.Series(values, dtype=object, copy=False)


def _weight_units(
    layout: _Layout,
    cells: Mapping[str, _Column],
    weight: np.ndarray,
    default: str,
    check: Callable[[str, np.ndarray, str], None],
    notes: list[str],
) -> np.ndarray:
    """Return the unit of each weight: its own column, the weight header, or ``default``."""
    loaded = ~np.isnan(weight) & (weight != 0)
    if "weight_unit" in cells:
        units, wrong = cells["weight_unit"].each(_unit, object)
        check("weight_unit", wrong, "must be kg or lbs")
        check("weight_unit", ~wrong & (units == "") & loaded, "must be given with a weight")
        return units
    unit = layout.units.get("weight") or default
    if not layout.units.get("weight") and loaded.any():
        other = "lb" if default == "kg" else "kg"
        notes.append(
            # said to a runner at the tracker's unit choice as well as to a caller of
            # this function, so it names the unit, not the parameter
            f"the export does not say the weight unit: weights read as {default} (if the "
            f"app is set to {other}, import it again with {other} as the unit)"
        )
    return _filled(len(weight), unit)


def _text(
    cells: Mapping[str, _Column], role: str, size: int, empty: object = ""
) -> np.ndarray | None:
    """Return a free-text column, trimmed.

    When the export has no such column, or none of its cells holds any text,
    return ``empty``: ``""`` gives a column of empty text, ``None`` gives None.
    """
    column = cells.get(role)
    blank = column is not None and column.numbers is None
    if column is None or (blank and not any(u.strip() for u in column.uniques)):
        return _filled(size, "") if empty == "" else None
    return column.strings()


def _join_notes(own: np.ndarray, workout: np.ndarray) -> np.ndarray:
    """Join a set's notes and its workout's notes, with `` / `` between."""
    both = (workout != "") & (own != "")
    alone = (workout != "") & (own == "")
    result = own.copy()
    result[both] = own[both] + " / " + workout[both]
    result[alone] = workout[alone]
    return result


def _read_export(
    app: str, source: Source, weight_unit: str = "kg", filename: str | None = None
) -> AppExport:
    label = filename or source_label(source, f"{app}_export.csv")
    parsed, _ = _parse_quoting(source, label, app, weight_unit, lambda parsed: None)
    parsed.problems.raise_if_any()
    return AppExport(parsed.app, _sets_frame(parsed.sets), parsed.encoding, parsed.notes)


def import_strong(
    source: Source, *, weight_unit: str = "kg", filename: str | None = None
) -> AppExport:
    """Read a Strong export (current or older format) into neutral set rows.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        The export's path, or its contents (for example from an upload widget).
    weight_unit : {"kg", "lb"}, optional
        Unit of the weights when the export does not say (the current format).
    filename : str, optional
        Name used in messages; defaults to the file's name.

    Returns
    -------
    AppExport
        The sets, without the Rest Timer rows (counted in ``notes``).

    Raises
    ------
    DataValidationError
        Naming every bad row, column and value, or a header that is not Strong's.
    """
    return _read_export("strong", source, weight_unit, filename)


def import_hevy(source: Source, *, filename: str | None = None) -> AppExport:
    """Read a Hevy export into neutral set rows (sets numbered from 1).

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        The export's path, or its contents.
    filename : str, optional
        Name used in messages; defaults to the file's name.

    Returns
    -------
    AppExport
        The sets; ``set`` is Hevy's ``set_index`` + 1.

    Raises
    ------
    DataValidationError
        Naming every bad row, column and value, or a header that is not Hevy's.
    """
    return _read_export("hevy", source, filename=filename)


def import_fitnotes(
    source: Source, *, weight_unit: str = "kg", filename: str | None = None
) -> AppExport:
    """Read a FitNotes export into neutral set rows.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        The export's path, or its contents.
    weight_unit : {"kg", "lb"}, optional
        Unit of a ``Weight`` column that names none (and has no ``Weight Unit``).
    filename : str, optional
        Name used in messages; defaults to the file's name.

    Returns
    -------
    AppExport
        The sets, dated 00:00 of their day, numbered per exercise and day.

    Raises
    ------
    DataValidationError
        Naming every bad row, column and value, or a header that is not FitNotes'.
    """
    return _read_export("fitnotes", source, weight_unit, filename)


# --- the import ----------------------------------------------------------------------------


def import_workouts(
    source: Source,
    aliases: Aliases | None = None,
    *,
    athlete: str,
    app: str | None = None,
    weight_unit: str = "kg",
    filename: str | None = None,
    today: date | None = None,
) -> WorkoutImport:
    """Import a Strong, Hevy or FitNotes export as training-log rows.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        The export's path, or its contents (for example from an upload widget).
    aliases : path, bytes, DataFrame or mapping, optional
        The runner's own mapping, which wins over ``data/exercise_aliases.csv``:
        a mapping file (:func:`~gluteutils.exercise_aliases.read_aliases`), a
        frame with its columns, or a dict from the app's exercise name to an
        ``exercise_id`` (:func:`~gluteutils.exercise_aliases.as_aliases`).
    athlete : str
        The runner's name for the ``athlete`` column (1 to 80 characters once
        control characters and surrounding spaces are removed).
    app : {"strong", "hevy", "fitnotes"}, optional
        The app that wrote the export; found from the header when omitted.
    weight_unit : {"kg", "lb"}, optional
        Unit of the weights when the export does not say (Strong's current format).
    filename : str, optional
        Name used in messages; defaults to the file's name.
    today : datetime.date, optional
        Sets dated after this day are refused, as :func:`gluteutils.log_io.read_log`
        refuses them; default: today.

    Returns
    -------
    WorkoutImport
        The log rows of the mapped exercises, the unmapped names, and notes.

    Raises
    ------
    DataValidationError
        One error naming every bad row, column and value: cells that cannot be
        read, and, in the rows imported, values outside the log's ranges, sets
        with both repetitions and seconds or neither, and dates in the future.
        Also for a bad ``athlete`` or a bad mapping.
    """
    label = filename or source_label(source, "export.csv")
    name = clean_athlete(athlete)
    if not 1 <= len(name) <= MAX_ATHLETE_CHARS:
        message = f"must be 1-{MAX_ATHLETE_CHARS} characters (not counting spaces at the ends)"
        raise DataValidationError([Problem(label, None, "athlete", athlete, message)])
    if app is not None and app not in APPS:
        raise ValueError(f"app must be one of {', '.join(APPS)}, not {app!r}")
    user = None if aliases is None else as_aliases(aliases)

    def check(parsed: _Parsed) -> _Names:
        names = _Names.of(parsed.cells["exercise"], name_resolver(user, parsed.app))
        _check_log_rules(parsed, names.mapped, today or date.today())
        return names

    parsed, names = _parse_quoting(source, label, app, weight_unit, check)
    parsed.problems.raise_if_any()
    sets, group, mapped = parsed.sets, names.group, names.mapped

    notes = list(parsed.notes)
    if not len(sets["row"]):
        # a header alone (or only rests): say so, rather than show an empty log unexplained
        notes.append("the export holds no sets (export again, with the dates you trained)")
    unmapped = _unmapped(sets, np.flatnonzero(~mapped & ~parsed.bad), group, names.names)
    if len(unmapped):
        count = int(unmapped["sets"].sum())
        names_count = plural(len(unmapped), "exercise name")
        notes.append(
            f"{plural(count, 'set')} not imported: {names_count} matched no library "
            "exercise (see the unmapped list; map them to import their sets)"
        )
    keep = np.flatnonzero(mapped)
    log, renumbered = _as_log(parsed, keep, names, name)
    if renumbered:
        notes.append(
            f"{plural(renumbered, 'set')} renumbered: an exercise came twice in one "
            "workout, so its sets are numbered 1, 2, ... in file order"
        )
    too_many = log["set"] > _LIMITS["set"][1]
    if too_many.any():
        where = log.loc[too_many, "set_key"].iloc[0]
        raise DataValidationError(
            [Problem(label, None, "set", where, "more than 50 sets of one exercise in one workout")]
        )
    return WorkoutImport(parsed.app, log, unmapped, tuple(notes), parsed.encoding)


@dataclass(frozen=True)
class _Names:
    """The export's exercise names, each distinct trimmed name resolved once.

    ``group`` gives each set's index into ``names`` (the distinct trimmed names),
    ``ids`` and ``sides`` the library exercise and side of each (``""`` when it
    matched nothing), and ``mapped`` whether each set's name matched.
    """

    group: np.ndarray
    names: np.ndarray
    ids: np.ndarray
    sides: np.ndarray
    mapped: np.ndarray

    @classmethod
    def of(cls, column: _Column, resolve: Callable[[str], tuple[str, str]]) -> _Names:
        """Resolve the names of an exercise column (text: its distinct values)."""
        group_codes, names = pd.factorize(
            np.array([u.strip() for u in column.uniques], dtype=object)
        )
        group = group_codes[column.codes] if len(group_codes) else np.zeros(0, dtype=np.intp)
        found = [resolve(str(name)) for name in names]
        ids = np.array([f[0] for f in found], dtype=object)
        sides = np.array([f[1] for f in found], dtype=object)
        named = np.array([bool(f[0]) and bool(n) for f, n in zip(found, names, strict=True)])
        mapped = named[group] if len(group) else np.zeros(0, dtype=bool)
        return cls(group, np.asarray(names, dtype=object), ids, sides, mapped)

    def pair_of_name(self) -> np.ndarray:
        """Each distinct name's exercise and side as one integer, ranked as their texts sort."""
        id_rank = np.unique(self.ids.astype(str), return_inverse=True)[1].reshape(-1)
        side_rank = np.unique(self.sides.astype(str), return_inverse=True)[1].reshape(-1)
        return id_rank * (int(side_rank.max(initial=0)) + 1) + side_rank


def _check_log_rules(parsed: _Parsed, mapped: np.ndarray, today: date) -> None:
    """Check the rows to import against the log's rules (cells already parsed)."""
    sets, cells, headers = parsed.sets, parsed.cells, parsed.headers
    rows = sets["row"]
    todo = mapped & ~parsed.bad
    problems = parsed.problems

    no_cells = _Column(None, np.zeros(len(rows), dtype=np.intp), np.array([""], dtype=object))

    def flag(mask: np.ndarray, role: str, message: str) -> None:
        column = headers.get(role, role)
        problems.add_rows(todo & mask, rows, column, cells.get(role, no_cells), message)

    reps, seconds = sets["reps"], sets["duration_s"]
    seconds_role = "seconds" if "seconds" in cells else "reps"
    flag(
        ~np.isnan(reps) & ~np.isnan(seconds),
        seconds_role,
        "a set has repetitions or seconds, not both (the log keeps one)",
    )
    flag(
        np.isnan(reps) & np.isnan(seconds),
        "reps",
        "has no repetitions and no seconds (a distance alone is not logged)",
    )
    for column, role, values in (
        ("reps", "reps", reps),
        ("duration_s", seconds_role, seconds),
        ("load", "weight", sets["load"]),
        ("rpe", "rpe", sets["rpe"]),
        ("set", "set", sets["set"]),
    ):
        low, high = _LIMITS[column]
        with np.errstate(invalid="ignore"):
            flag(values < low, role, f"must be at least {low:g}")
            flag(values > high, role, f"must be at most {high:g}")
    when = sets["datetime"]  # a missing date (NaT) compares False
    tomorrow = np.datetime64(today + timedelta(days=1), "ns")
    flag(when >= tomorrow, "date", f"is in the future (after {today.isoformat()})")
    first, after_last = (np.datetime64(f"{y:04d}-01-01", "ns") for y in (MIN_YEAR, MAX_YEAR + 1))
    flag(
        (when < first) | (when >= after_last),
        "date",
        OUTSIDE_YEARS,
    )


def _unmapped(
    sets: Mapping[str, Any], which: np.ndarray, group: np.ndarray, names: np.ndarray
) -> pd.DataFrame:
    """List the names of the sets at ``which``: how many, the first row, that row in words.

    ``group`` gives each set's index in ``names``, the distinct trimmed names.
    """
    codes = group[which]
    counts = np.bincount(codes, minlength=len(names)).astype(np.int64)
    present, first_at = np.unique(codes, return_index=True)
    first = which[first_at]
    counts, first_rows = counts[present], sets["row"][first].astype(np.int64)
    order = np.lexsort((first_rows, -counts))  # most sets first, then by first row
    table = {
        "exercise_name": _strings(np.asarray(names, dtype=object)[present][order]),
        "sets": counts[order],
        "first_row": first_rows[order],
        "example": _strings(np.array([_describe(sets, i) for i in first[order]], dtype=object)),
    }
    return pd.DataFrame(table, columns=list(UNMAPPED_COLUMNS))


def _describe(sets: Mapping[str, Any], i: int) -> str:
    """Describe set ``i`` in words: ``row 5, 2025-01-30 18:05: set 1, 10 reps at 60 kg``."""
    when = sets["datetime"][i]
    moment = "no date" if np.isnat(when) else str(when.astype("datetime64[m]")).replace("T", " ")
    parts = [f"row {sets['row'][i]}, {moment}:"]
    number, reps, seconds, load = (sets[c][i] for c in ("set", "reps", "duration_s", "load"))
    whole = whole_numbers(np.array([number, reps, seconds], dtype=float))  # clipped as in the log
    if not np.isnan(number):
        parts.append(f"set {whole[0]},")
    if not np.isnan(reps):
        parts.append(f"{whole[1]} reps")
    if not np.isnan(seconds):
        parts.append(f"{whole[2]} s")
    if not np.isnan(load):
        parts.append(f"at {load:g} {sets['load_unit'][i]}")
    return " ".join(parts)


def _as_log(
    parsed: _Parsed, keep: np.ndarray, named: _Names, athlete: str
) -> tuple[pd.DataFrame, int]:
    """Make log rows from the sets at ``keep``: renumber repeats, sort, key and type them."""
    sets, app = parsed.sets, parsed.app
    group, ids, sides, names = named.group, named.ids, named.sides, named.names
    pair = named.pair_of_name()[group[keep]] if len(keep) else np.zeros(0, dtype=np.int64)
    rank = parsed.when_rank[keep]
    number = sets["set"][keep].astype(np.int64)  # every set imported has a number
    order, same_group, number, renumbered = _log_order(rank, pair, number)
    rows = keep[order]
    when = sets["datetime"][rows]
    number, pair = number[order], pair[order]
    name_of_row = group[rows]
    exercise_id, side = ids[name_of_row], sides[name_of_row]
    size = len(rows)

    def column(name: str) -> np.ndarray:
        return sets[name][rows]

    # a workout's notes go once, on its first set in the log
    notes = column("notes")
    new_time = np.ones(size, dtype=bool)
    new_time[1:] = when[1:] != when[:-1]
    if sets["workout_notes"] is not None:
        workout = column("workout_notes")
        workout[~new_time] = ""
        notes = _join_notes(notes, workout)
    # set_key: "<datetime>|<athlete>|" is shared by a workout's sets and
    # "<exercise_id>|<side>|" by an exercise's, so each text is made once and the
    # two are joined once per group of sets (one exercise and side in one workout)
    new_group = np.ones(size, dtype=bool)
    new_group[1:] = ~same_group
    starts = np.flatnonzero(new_group)
    time_of = np.cumsum(new_time[starts]) - 1
    stamps = np.datetime_as_string(when[starts][new_time[starts]], unit="m").astype(object)
    _, first_of_pair, pair_of = np.unique(pair[starts], return_index=True, return_inverse=True)
    firsts = starts[first_of_pair]
    pair_text = exercise_id[firsts] + "|" + side[firsts] + "|"
    prefix = (stamps + f"|{athlete}|")[time_of] + pair_text[pair_of.reshape(-1)]
    digits = np.array([str(n) for n in range(int(number.max(initial=0)) + 1)], dtype=object)
    set_key = prefix[np.cumsum(new_group) - 1] + digits[number]
    load = column("load")
    missing = np.ones(size, dtype=bool)
    log = pd.DataFrame(
        {
            "set_key": _strings(set_key),
            "datetime": when,
            "athlete": _strings(_filled(size, athlete)),
            "exercise_id": _strings(exercise_id),
            "exercise_name": _strings(names[name_of_row]),
            "set_type": _strings(column("set_type")),
            "set": pd.arrays.IntegerArray(number, ~missing),
            "side": _strings(side),
            "reps": whole_numbers(sets["reps"][rows]),
            "duration_s": whole_numbers(sets["duration_s"][rows]),
            "load": load,
            "load_unit": _strings(column("load_unit")),
            "load_kg": load_in_kg(load, column("load_unit") == "lb"),
            "rpe": column("rpe"),
            "rir": np.full(size, np.nan),
            "glute_feel": pd.arrays.IntegerArray(np.zeros(size, np.int64), missing),
            "pain": pd.arrays.IntegerArray(np.zeros(size, np.int64), missing.copy()),
            "pain_where": _strings(_filled(size, "")),
            "notes": _strings(notes),
            "source": _strings(_filled(size, app)),
        },
        columns=list(LOG_COLUMNS),
        copy=False,  # the arrays are new already: no second copy into blocks
    )
    return log, renumbered


def _log_order(
    rank: np.ndarray, pair: np.ndarray, number: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Sort sets by time, exercise and side, and set number; renumber repeated exercises.

    ``rank`` numbers each set's minute in time order and ``pair`` its exercise
    and side. When an exercise and side comes twice in one workout (two blocks,
    or two app names for one library exercise) the set numbers clash, so all its
    sets are numbered 1, 2, ... in file order.

    Returns the order of the rows, whether each sorted row after the first is in
    the same workout, exercise and side as the row before, each row's (new) set
    number, and how many numbers changed.
    """
    # One integer key, sorted stably (file order among equal keys). It fits in int64:
    # the rows imported have valid dates (rank >= 0) and set numbers (1 to 50), and a
    # 50 MB file has fewer than 2**25 rows, so the key stays below 2**25 * 2**25 * 51.
    pairs = int(pair.max(initial=0)) + 1
    top = int(number.max(initial=0)) + 1
    block = rank * pairs + pair  # one workout's sets of one exercise and side
    order = np.argsort(block * top + number, kind="stable")
    same_group = _same_as_previous(order, block)
    if not (same_group & (number[order][1:] == number[order][:-1])).any():
        return order, same_group, number, 0
    order = np.argsort(block, kind="stable")
    same_group = _same_as_previous(order, block)
    new_group = np.ones(len(order), dtype=bool)
    new_group[1:] = ~same_group
    starts = np.flatnonzero(new_group)
    # position in the sorted rows minus the position where the group starts
    counted_sorted = np.arange(len(order)) - starts[np.cumsum(new_group) - 1] + 1
    counted = np.empty(len(order), dtype=np.int64)
    counted[order] = counted_sorted
    return order, same_group, counted, int((counted != number).sum())


def _same_as_previous(order: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Return, for each sorted row after the first, whether all ``keys`` equal the row before."""
    same = np.ones(max(len(order) - 1, 0), dtype=bool)
    for key in keys:
        sorted_key = key[order]
        same &= sorted_key[1:] == sorted_key[:-1]
    return same
