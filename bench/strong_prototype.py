"""A stripped Strong importer: how fast the strong_100k row could be in this design.

The ``strong_100k`` row misses its 2x target. To tell the cost of the
importer's checks from the cost of the work itself, this module does only what
a clean export in Strong's current (comma) format needs, with none of the
checks, notes or messages of :func:`gluteutils.app_import.import_workouts`:

1. read the nine columns with pyarrow (distinct texts, numbers, plain notes);
2. parse each distinct text once (set order, dates);
3. resolve the exercise names with the shipped alias table;
4. drop the Rest Timer rows and the names that match nothing;
5. sort, renumber, join the ``set_key`` texts and build the log's 20 columns.

It builds the log's text columns in one of three ways:

- ``object`` (the log's contract): NumPy object arrays of Python strings;
- ``str``: pandas 3's pyarrow-backed ``str`` dtype, every column a
  ``pyarrow.compute.take`` of its distinct texts and the keys joined by pyarrow,
  so no Python string is made per row;
- ``category``: the cheapest contract a log could have, for the timing only:
  every text column but the notes a ``Categorical`` over its distinct texts
  (nothing is gathered per row), and no ``set_key`` column at all (it would be
  made when a log is merged).

``tests/test_bench.py`` checks that each gives the same log as the real import
(for ``category``: once its columns are turned back into text, without the key).

Usage::

    python -m bench.strong_prototype PATH [--text object|str|category]
    python -m bench.strong_prototype --compare [PATH] [--runs 15]

The first prints one run's stage times (ms) as JSON; the second runs both
prototypes, the real import and the floor (``bench.worker``) in fresh
processes, interleaved, and prints each one's median and its ratio to the
floor's. Without a path it compares on the suite's 100,000-set export, made in
a temporary folder and removed afterwards. Run it from the repository's root.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from gluteutils import app_import
from gluteutils.arrow_csv import read_typed_columns
from gluteutils.exercise_aliases import name_resolver
from gluteutils.files import detect_encoding, source_buffer
from gluteutils.log_columns import LOG_COLUMNS
from gluteutils.log_values import load_in_kg, whole_numbers

#: Positions of the columns read: date, exercise, set order, weight, reps,
#: seconds, notes, workout notes, RPE (Strong's current header).
_DATE, _EXERCISE, _SET, _WEIGHT, _REPS, _SECONDS, _NOTES, _WORKOUT_NOTES, _RPE = (
    0,
    3,
    4,
    5,
    6,
    8,
    9,
    10,
    11,
)
_HEADER = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)


#: A load's unit by whether it is missing (body weight): Strong's current format is kg here.
_UNITS = np.array(["kg", ""], dtype=object)


class _Laps:
    """Stage times in milliseconds, taken one after another."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self._last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.times[stage] = round((now - self._last) * 1000, 2)
        self._last = now


def _per_distinct(texts: np.ndarray, parse: Callable[[str], tuple[float, bool]]) -> np.ndarray:
    """Parse each distinct text; refuse the file at the first bad one (no messages here)."""
    values = np.empty(len(texts))
    for i, text in enumerate(texts):
        values[i], good = parse(text)
        if not good:
            raise SystemExit(f"not a clean export: {text!r}")
    return values


def import_clean_strong(
    path: str | Path, athlete: str, text: str = "object"
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Import a clean Strong export (current format, weights in kg) without checks.

    Parameters
    ----------
    path : str or pathlib.Path
        The export; every cell must be valid (the prototype stops at the first
        that is not, without saying where).
    athlete : str
        The runner's name for the ``athlete`` column.
    text : {"object", "str", "category"}, optional
        How the log's text columns are built (see the module's notes).

    Returns
    -------
    log : pandas.DataFrame
        The log rows, as :func:`gluteutils.app_import.import_workouts` gives them
        (text columns of dtype ``text``; with ``"category"``, no ``set_key``).
    stages : dict of str to float
        Milliseconds per stage, and ``total``.
    """
    lap = _Laps()
    start = time.perf_counter()
    wanted = [_DATE, _EXERCISE, _SET, _WEIGHT, _REPS, _SECONDS, _NOTES, _WORKOUT_NOTES, _RPE]
    with source_buffer(path, "export.csv") as data:
        encoding = detect_encoding(data, "export.csv")
        lap("encoding")
        read = read_typed_columns(
            data,
            encoding,
            ",",
            _HEADER,
            wanted,
            numbers=[_WEIGHT, _REPS, _SECONDS, _RPE],
            free_text=[_NOTES, _WORKOUT_NOTES],
        )
    if read is None:
        raise SystemExit("not a clean export: pyarrow could not read it")
    lap("read")
    date_codes, date_texts = read.texts[_DATE]
    name_codes, name_texts = read.texts[_EXERCISE]
    set_codes, set_texts = read.texts[_SET]
    notes_codes, notes_texts = read.texts[_NOTES]
    notes_texts = np.array([t.strip() for t in notes_texts], dtype=object)
    if any(t.strip() for t in read.texts[_WORKOUT_NOTES][1]):
        raise SystemExit("not handled here: workout notes")
    # the apps write 0 for the measure a set does not use, and for no added weight
    weight, reps, seconds = (
        np.where(read.numbers[p] == 0, np.nan, read.numbers[p]) for p in (_WEIGHT, _REPS, _SECONDS)
    )
    rpe = read.numbers[_RPE]
    rest = np.array([t.strip().lower() == app_import.REST_TIMER for t in set_texts])
    set_numbers = np.where(
        rest, 0, _per_distinct(np.where(rest, "0", set_texts), app_import._whole)
    )
    lap("numbers")
    dates = app_import._dates(
        app_import._Column(None, np.arange(len(date_texts)), date_texts),
        app_import._FORMATS["strong"].date_formats,
    )
    if dates.bad.any() or dates.empty.any():
        raise SystemExit("not a clean export: a bad date")
    lap("dates")
    # the import's own name resolution: each distinct trimmed name once
    names = app_import._Names.of(
        app_import._Column(None, name_codes, name_texts), name_resolver(None, "strong")
    )
    lap("names")
    keep = np.flatnonzero(~rest[set_codes] & names.mapped)
    order, _, number, _ = app_import._log_order(
        dates.rank[date_codes[keep]],
        names.pair_of_name()[names.group[keep]],
        set_numbers[set_codes[keep]].astype(np.int64),
    )
    rows, number = keep[order], number[order]
    lap("sort")
    size = len(rows)
    name_of_row = names.group[rows]
    minute_of_row = dates.rank[date_codes[rows]]
    when = dates.values[date_codes[rows]]
    build = {"object": _object_columns, "str": _str_columns, "category": _category_columns}[text]
    texts = build(
        _TextParts(
            athlete,
            np.unique(when),
            minute_of_row,
            (names.ids, names.sides, names.names, notes_texts),
            (name_of_row, notes_codes[rows], np.isnan(weight[rows]).astype(np.intp)),
            number,
        )
    )
    lap("keys and text")
    load = weight[rows]
    missing = np.ones(size, dtype=bool)
    log = pd.DataFrame(
        {
            "datetime": when,
            "set": pd.arrays.IntegerArray(number, ~missing),
            "reps": whole_numbers(reps[rows]),
            "duration_s": whole_numbers(seconds[rows]),
            "load": load,
            "load_kg": load_in_kg(load, False),
            "rpe": rpe[rows],
            "rir": np.full(size, np.nan),
            "glute_feel": pd.arrays.IntegerArray(np.zeros(size, np.int64), missing),
            "pain": pd.arrays.IntegerArray(np.zeros(size, np.int64), missing.copy()),
            **texts,
        },
        columns=[c for c in LOG_COLUMNS if c != "set_key" or c in texts],
        copy=False,
    )
    lap("frame")
    lap.times["total"] = round((time.perf_counter() - start) * 1000, 2)
    return log, lap.times


@dataclass(frozen=True)
class _TextParts:
    """What every way of building the text columns starts from."""

    athlete: str
    #: The distinct minutes of the sets, sorted, and each row's index into them.
    minutes: np.ndarray
    minute_of_row: np.ndarray
    #: Distinct texts: exercise ids, sides and names (per name group), and notes.
    distinct: tuple[np.ndarray, ...]
    #: Each row's name group, note and unit (0 kg, 1 none).
    codes: tuple[np.ndarray, ...]
    #: Each row's set number.
    number: np.ndarray


def _distinct_and_codes(parts: _TextParts) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each text column but the key as its distinct texts and each row's index into them."""
    ids, sides, names, notes = parts.distinct
    name_of_row, notes_of_row, unit_of_row = parts.codes
    same = np.zeros(len(name_of_row), dtype=np.intp)

    def one(text: str) -> tuple[np.ndarray, np.ndarray]:
        return np.array([text], dtype=object), same

    return {
        "athlete": one(parts.athlete),
        "exercise_id": (ids, name_of_row),
        "exercise_name": (names, name_of_row),
        "set_type": one("working"),
        "side": (sides, name_of_row),
        "load_unit": (_UNITS, unit_of_row),
        "pain_where": one(""),
        "notes": (notes, notes_of_row),
        "source": one("strong"),
    }


def _object_columns(parts: _TextParts) -> dict[str, Any]:
    """The text columns as object arrays of Python strings (the log's contract)."""
    ids, sides = parts.distinct[:2]
    stamps = np.datetime_as_string(parts.minutes, unit="m").astype(object) + f"|{parts.athlete}|"
    pair = ids + "|" + sides + "|"
    number = parts.number
    digits = np.array([str(n) for n in range(int(number.max(initial=0)) + 1)], dtype=object)
    # one key per set: this is the only text made per row
    columns = {"set_key": stamps[parts.minute_of_row] + pair[parts.codes[0]] + digits[number]}
    for name, (texts, at) in _distinct_and_codes(parts).items():
        columns[name] = texts[at]
    return {name: pd.Series(v, dtype=object, copy=False) for name, v in columns.items()}


def _str_columns(parts: _TextParts) -> dict[str, Any]:
    """The text columns as pandas 3's pyarrow-backed ``str``, built in pyarrow."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = {
        name: pc.take(pa.array(texts, pa.string()), pa.array(at))
        for name, (texts, at) in _distinct_and_codes(parts).items()
    }
    stamps = np.datetime_as_string(parts.minutes, unit="m").astype(object)
    digits = [str(n) for n in range(int(parts.number.max(initial=0)) + 1)]
    columns["set_key"] = pc.binary_join_element_wise(
        pc.take(pa.array(stamps, pa.string()), pa.array(parts.minute_of_row)),
        pa.scalar(parts.athlete),
        columns["exercise_id"],
        columns["side"],
        pc.take(pa.array(digits, pa.string()), pa.array(parts.number)),
        "|",
    )
    dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    return {
        name: pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([v]), dtype=dtype), copy=False)
        for name, v in columns.items()
    }


def _category_columns(parts: _TextParts) -> dict[str, Any]:
    """The text columns as categoricals over their distinct texts, and no ``set_key``."""
    columns: dict[str, Any] = {}
    for name, (texts, at) in _distinct_and_codes(parts).items():
        if name == "notes":
            columns[name] = pd.Series(texts[at], dtype=object, copy=False)
            continue
        # a categorical's texts must be distinct: several names share an id or a side
        categories, code_of_text = np.unique(texts.astype(str), return_inverse=True)
        values = pd.Categorical.from_codes(
            code_of_text[at], categories=pd.Index(categories.astype(object)), validate=False
        )
        columns[name] = pd.Series(values, copy=False)
    return columns


def compare(path: Path, runs: int) -> dict[str, float]:
    """Median milliseconds of each variant over ``runs`` fresh, interleaved processes."""
    from .suite import fresh_report  # here, so that a timed run imports no more

    variants = {
        "floor (pandas read_csv)": ("bench.worker", "strong_floor", str(path)),
        "import_workouts": ("bench.worker", "strong_import", str(path)),
        "prototype, object text": ("bench.strong_prototype", str(path)),
        "prototype, str text": ("bench.strong_prototype", str(path), "--text", "str"),
        "prototype, category": ("bench.strong_prototype", str(path), "--text", "category"),
    }
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, command in variants.items():
            times[name].append(fresh_report(*command)["seconds"] * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    """Run one prototype import, or compare the variants."""
    parser = argparse.ArgumentParser(prog="python -m bench.strong_prototype", description=__doc__)
    parser.add_argument("path", type=Path, nargs="?", help="a clean Strong export (current format)")
    parser.add_argument("--text", choices=("object", "str", "category"), default="object")
    parser.add_argument("--compare", action="store_true", help="fresh processes, interleaved")
    parser.add_argument("--runs", type=int, default=15, help="runs per variant with --compare")
    args = parser.parse_args(argv)
    if args.compare:
        from .suite import _strong_export

        with tempfile.TemporaryDirectory(prefix="gfr-bench-strong-") as folder:
            path = args.path
            if path is None:
                path = Path(folder) / "strong.csv"
                path.write_text(_strong_export(100_000), encoding="utf-8")
            medians = compare(path, args.runs)
        floor = medians["floor (pandas read_csv)"]
        for name, median in medians.items():
            print(f"{name:<26} {median:8.1f} ms  {median / floor:5.2f}x")
        return 0
    if args.path is None:
        parser.error("give the export's path (or --compare)")
    _, stages = import_clean_strong(args.path, "Benchmark runner", args.text)
    print(json.dumps({"seconds": stages["total"] / 1000, "stages_ms": stages}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
