"""Exercise names in workout apps, and the library exercises they are.

An app writes its own names ("Hip Thrust (Barbell)", "Deadlift (Trap bar)");
the curriculum's log needs an ``exercise_id`` of ``data/exercises.csv``. The
shipped table ``data/exercise_aliases.csv`` maps the names Strong, Hevy and
FitNotes use for the library's exercises, and only those that are the same
exercise (a Romanian deadlift is not mapped to a deadlift). The runner adds
their own names in a file with the same columns (:func:`read_aliases`; start one
with :func:`mapping_template`, save it with :func:`aliases_to_csv`), or as a
dict, and their rows win.

Names are compared by :func:`alias_key`: ignoring case, spaces and
punctuation. A name with the word ``left`` or ``right`` in it ("Single Leg
Glute Bridge (Left)") is looked up without that word as well, and the word
gives the side, unless the alias fixes one.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataValidationError, Problem
from .files import (
    file_error,
    iter_records,
    neutralise_cell,
    normalise_header,
    read_csv_rows,
    restore_cell,
    source_label,
)
from .library import load_columns
from .schema import ALIAS_APPS, ALIAS_SIDES

#: A file path, or a file's contents.
Source = str | os.PathLike[str] | bytes | bytearray | memoryview
#: The runner's own mapping: a file (path or bytes), a frame with the columns of
#: :data:`ALIAS_COLUMNS`, or a dict from the app's name to an ``exercise_id``.
Aliases = Source | pd.DataFrame | Mapping[str, str]
#: Columns of a mapping file; ``app`` and ``side`` may be left out.
ALIAS_COLUMNS = ("alias", "app", "exercise_id", "side")
#: Largest mapping file read, in bytes.
MAX_ALIAS_BYTES = 1_000_000

_NOT_WORD = re.compile(r"[\W_]+")


def alias_key(name: str) -> str:
    """Return a name as aliases are compared: lower case, words only.

    Case, spaces and punctuation are ignored, so ``Step-up (Dumbbell)`` and
    ``step up dumbbell`` are the same name; the words and their order count.

    Examples
    --------
    >>> alias_key("  Hip Thrust (Barbell) ")
    'hip thrust barbell'
    """
    return _NOT_WORD.sub(" ", name.casefold()).strip()


def _side_of(key: str) -> tuple[str, str]:
    """Split a side word off a name: ``("single leg glute bridge", "left")``."""
    words = key.split()
    sides = [w for w in words if w in ("left", "right")]
    if len(sides) != 1:
        return key, ""
    return " ".join(w for w in words if w not in ("left", "right")), sides[0]


def _checked(frame: pd.DataFrame, label: str) -> pd.DataFrame:
    """Check a mapping table; return it with every column as trimmed text."""
    missing = [c for c in ("alias", "exercise_id") if c not in frame.columns]
    if missing:
        raise DataValidationError(
            [Problem(label, 1, name, None, "required column is missing") for name in missing]
        )
    table = pd.DataFrame(
        {
            name: (
                frame[name].fillna("").astype(str).str.strip().to_numpy(dtype=object)
                if name in frame.columns
                else np.full(len(frame), "", dtype=object)
            )
            for name in ALIAS_COLUMNS
        },
        dtype=object,
    )
    table["app"] = table["app"].str.lower().replace("", "any").astype(object)
    table["side"] = table["side"].str.lower().astype(object)
    rows = frame["row"].to_numpy() if "row" in frame.columns else np.arange(2, len(frame) + 2)
    known = library_ids()
    problems: list[Problem] = []
    first: dict[tuple[str, str], int] = {}
    for i, record in enumerate(table.itertuples(index=False)):
        row = int(rows[i])
        if not record.exercise_id:
            continue  # not filled in: the name stays unmapped
        if not alias_key(record.alias):
            problems.append(Problem(label, row, "alias", record.alias, "must name an exercise"))
        if record.exercise_id not in known:
            message = "names no exercise of the library (exercises.csv)"
            problems.append(Problem(label, row, "exercise_id", record.exercise_id, message))
        if record.app not in ALIAS_APPS:
            message = f"must be one of: {', '.join(ALIAS_APPS)}"
            problems.append(Problem(label, row, "app", record.app, message))
        if record.side and record.side not in ALIAS_SIDES:
            message = f"must be empty or one of: {', '.join(ALIAS_SIDES)}"
            problems.append(Problem(label, row, "side", record.side, message))
        key = (alias_key(record.alias), record.app)
        if key[0] and key in first:
            message = f"maps the same name as row {first[key]} (case and punctuation aside)"
            problems.append(Problem(label, row, "alias", record.alias, message))
        first.setdefault(key, row)
    if problems:
        raise DataValidationError(problems)
    return table[table["exercise_id"] != ""].reset_index(drop=True)


def read_aliases(source: Source, *, filename: str | None = None) -> pd.DataFrame:
    """Read the runner's own mapping file: app exercise names to library exercises.

    The file has the columns of ``data/exercise_aliases.csv``: ``alias`` (the
    app's name), ``app`` (``strong``, ``hevy``, ``fitnotes`` or ``any``; may be
    left out or empty for ``any``), ``exercise_id`` (a row left empty maps
    nothing: the name stays unmapped) and ``side`` (``left``, ``right``,
    ``both``, or empty; may be left out). Its rows win over the shipped table.
    :func:`mapping_template` and :func:`aliases_to_csv` make one.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        The file's path, or its contents.
    filename : str, optional
        Name used in messages.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ALIAS_COLUMNS`, every cell trimmed text, one row per name
        mapped.

    Raises
    ------
    DataValidationError
        Naming every bad row: an empty alias, an exercise id the library does not
        have, an unknown app or side, the same name mapped twice for one app.
    """
    label = filename or source_label(source, "my_exercise_aliases.csv")
    rows, _ = read_csv_rows(source, label, columns=ALIAS_COLUMNS, max_bytes=MAX_ALIAS_BYTES)
    if not rows:
        raise file_error(label, "is empty: no header row")
    header = [normalise_header(h) for h in rows[0]]
    problems: list[Problem] = []
    records = [
        {"row": number, **{k: restore_cell(v) for k, v in record.items()}}
        for number, record in iter_records(rows, header, label, problems)
    ]
    if problems:
        raise DataValidationError(problems)
    frame = pd.DataFrame(records, columns=["row", *header])
    return _checked(frame, label)


def aliases_to_csv(aliases: pd.DataFrame) -> bytes:
    """Write a mapping as a CSV file that :func:`read_aliases` reads back.

    Parameters
    ----------
    aliases : pandas.DataFrame
        Columns :data:`ALIAS_COLUMNS` (``app`` and ``side`` may be missing).

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark (for Excel), every field quoted; names that
        a spreadsheet would run as a formula get a leading apostrophe.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(ALIAS_COLUMNS)
    for record in aliases.to_dict("records"):
        cells = [str(record.get(c, "") or "") for c in ALIAS_COLUMNS]
        writer.writerow([neutralise_cell(cells[0]), *cells[1:]])
    return buffer.getvalue().encode("utf-8-sig")


def mapping_template(unmapped: pd.DataFrame, app: str = "any") -> pd.DataFrame:
    """Start a mapping file for the names an import could not map.

    Parameters
    ----------
    unmapped : pandas.DataFrame
        :attr:`WorkoutImport.unmapped`.
    app : str, optional
        The app the names come from (or ``any``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ALIAS_COLUMNS`, one row per name, ``exercise_id`` and
        ``side`` empty for the runner to fill in (leave out rows that are no
        library exercise, such as running); save with :func:`aliases_to_csv`.
    """
    names = list(unmapped["exercise_name"])
    return pd.DataFrame(
        {
            "alias": pd.Series(names, dtype=object),
            "app": pd.Series([app] * len(names), dtype=object),
            "exercise_id": pd.Series([""] * len(names), dtype=object),
            "side": pd.Series([""] * len(names), dtype=object),
        },
        columns=list(ALIAS_COLUMNS),
    )


@functools.cache
def library_ids() -> frozenset[str]:
    """Return the exercise ids of the library (``data/exercises.csv``), read once."""
    return frozenset(load_columns("exercises")["exercise_id"])


def as_aliases(aliases: Aliases | None) -> pd.DataFrame:
    """Turn the runner's mapping, in any accepted form, into a checked mapping table.

    Parameters
    ----------
    aliases : path, bytes, DataFrame, mapping or None
        A mapping file (:func:`read_aliases`), a frame with the columns of
        :data:`ALIAS_COLUMNS` (``app`` and ``side`` may be missing), or a dict
        from the app's name to an ``exercise_id``; ``None`` for no mapping. An
        empty ``exercise_id`` maps nothing ("leave it out" in a form).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`ALIAS_COLUMNS`, every cell trimmed text (``app`` ``any``
        where it was empty).

    Raises
    ------
    DataValidationError
        Naming every bad row (see :func:`read_aliases`).
    """
    if aliases is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ALIAS_COLUMNS})
    if isinstance(aliases, pd.DataFrame):
        return _checked(aliases.reset_index(drop=True), "aliases")
    if isinstance(aliases, Mapping):
        picked = {str(k): str(v).strip() for k, v in aliases.items() if str(v or "").strip()}
        frame = pd.DataFrame(
            {"alias": list(picked), "exercise_id": list(picked.values())}, dtype=object
        )
        return _checked(frame, "aliases")
    return read_aliases(aliases)


@functools.cache
def _shipped(app: str) -> tuple[dict[str, tuple[str, str]], ...]:
    # plain columns, not a frame: two small frames cost a fresh process about 4 ms here
    # (strong_100k), though pandas' first text column is then paid by the log's frame
    return _lookups(load_columns("exercise_aliases"), app)


def _lookups(
    table: pd.DataFrame | Mapping[str, Sequence[Any]], app: str
) -> tuple[dict[str, tuple[str, str]], ...]:
    """Return two lookups from :func:`alias_key` to (exercise_id, side): the app's, then any."""
    result: tuple[dict[str, tuple[str, str]], ...] = ({}, {})
    columns = (list(table[c]) for c in ("app", "alias", "exercise_id", "side"))
    for row_app, alias, exercise_id, side in zip(*columns, strict=True):
        if row_app in (app, "any"):
            result[row_app != app][alias_key(alias)] = (exercise_id, side)
    return result


def name_resolver(aliases: pd.DataFrame | None, app: str) -> Callable[[str], tuple[str, str]]:
    """Return a function from an app's exercise name to its library exercise and side.

    Parameters
    ----------
    aliases : pandas.DataFrame or None
        The runner's checked mapping (:func:`as_aliases`), or ``None`` for none; it
        wins over the shipped table. Within each, a row for ``app`` wins over a
        row for ``any``.
    app : str
        The app the names come from.

    Returns
    -------
    callable
        ``resolve(name) -> (exercise_id, side)``: side is the alias's, else
        ``left`` or ``right`` when the name says so, else ``both``; ``("", "")``
        when nothing matches.

    Examples
    --------
    >>> resolve = name_resolver(as_aliases(None), "strong")
    >>> resolve("Single Leg Glute Bridge (Left)")
    ('single_leg_glute_bridge', 'left')
    >>> resolve("Romanian Deadlift (Dumbbell)")
    ('', '')
    """
    if aliases is None or not len(aliases):
        lookups = _shipped(app)
    else:
        lookups = (*_lookups(aliases, app), *_shipped(app))

    def resolve(name: str) -> tuple[str, str]:
        key = alias_key(name)
        bare, named_side = _side_of(key)
        for candidate in (key, bare):
            for lookup in lookups:
                if candidate in lookup:
                    exercise_id, side = lookup[candidate]
                    return exercise_id, side or named_side or "both"
        return "", ""

    return resolve
