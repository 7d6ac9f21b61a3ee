"""Load and validate the curriculum's shipped data tables (``data/*.csv``).

This is the one place that reads the shipped CSV files. It finds them both in
a source checkout (``data/`` beside the package) and in an installed wheel
(``gluteutils/data``), checks every cell against :mod:`gluteutils.schema`, and
returns typed :class:`pandas.DataFrame` objects.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pandas as pd

from .errors import DataNotFoundError, DataValidationError, Problem
from .schema import ID_PATTERN, LIST_SEPARATOR, SCHEMAS, Column, TableSchema

_ID_RE = re.compile(ID_PATTERN)
_INT_RE = re.compile(r"^[+-]?\d+$")


def data_dir() -> Traversable:
    """Return the folder holding the shipped CSV files.

    An installed wheel carries the files as ``gluteutils/data``; a source
    checkout keeps them once, in the top-level ``data/`` folder.

    Returns
    -------
    importlib.resources.abc.Traversable
        The data folder (a :class:`pathlib.Path` for ordinary installs).

    Raises
    ------
    DataNotFoundError
        If neither location exists.
    """
    packaged = resources.files("gluteutils") / "data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "data"
    if checkout.is_dir():
        return checkout
    raise DataNotFoundError(
        "gluteutils cannot find its data files: looked in the installed package "
        f"({packaged}) and the source checkout ({checkout}). Reinstall the package."
    )


def _schema(name: str) -> TableSchema:
    try:
        return SCHEMAS[name]
    except KeyError:
        known = ", ".join(sorted(SCHEMAS))
        raise KeyError(f"unknown data table {name!r}; known tables: {known}") from None


def _csv_rows(text: str, schema: TableSchema) -> tuple[list[str], list[list[str]]]:
    """Split CSV text into its header and its rows (padded to the header's width)."""

    def unreadable(reason: str) -> DataValidationError:
        message = f"not a readable CSV file: {reason}"
        return DataValidationError([Problem(schema.filename, None, None, None, message)])

    # the csv module, not pandas: these tables are small, and pandas' reader costs a
    # fresh process several milliseconds to start
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    except csv.Error as exc:
        raise unreadable(str(exc)) from None
    if not rows:
        raise unreadable("no header row")
    header, width = rows[0], len(rows[0])
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise unreadable(f"the header names {', '.join(map(repr, repeated))} more than once")
    body = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > width:
            raise unreadable(f"row {line} has {len(row)} cells, the header has {width}")
        body.append(row + [""] * (width - len(row)))
    return header, body


def read_raw(text: str, schema: TableSchema) -> pd.DataFrame:
    """Parse CSV text into a frame of strings, without interpreting any value.

    Parameters
    ----------
    text : str
        The file's contents.
    schema : TableSchema
        Used only for the file name in error messages.

    Returns
    -------
    pandas.DataFrame
        Every cell as ``str`` (``object`` columns); empty cells, and the cells a
        short row lacks, are ``""``; text such as ``NA`` is kept as written.
        Empty lines are skipped.

    Raises
    ------
    DataValidationError
        If the text is not well-formed CSV: no header, a header naming a column
        twice, or a row with more cells than the header.
    """
    header, body = _csv_rows(text, schema)
    return pd.DataFrame(body, columns=header, dtype=object)


def _check_header(columns: Iterable[object], schema: TableSchema) -> list[Problem]:
    problems = []
    found = [str(c) for c in columns]
    for name in schema.column_names:
        if name not in found:
            problems.append(Problem(schema.filename, 1, name, None, "required column is missing"))
    for name in found:
        if name not in schema.column_names:
            problems.append(
                Problem(schema.filename, 1, name, None, "unexpected column (check its spelling)")
            )
    return problems


def _convert_cell(raw: str, col: Column) -> tuple[object, str | None]:
    """Convert one non-empty cell; return (value, error message or None)."""
    if col.kind == "id":
        if not _ID_RE.match(raw):
            return None, "must use only lower-case letters, digits and underscores"
        return raw, None
    if col.kind in ("integer", "number"):
        if col.kind == "integer" and not _INT_RE.match(raw):
            return None, "must be a whole number"
        try:
            number = float(raw)
        except ValueError:
            return None, "must be a number"
        if not math.isfinite(number):
            return None, "must be a finite number"
        if col.minimum is not None and number < col.minimum:
            return None, f"must be at least {col.minimum:g}"
        if col.maximum is not None and number > col.maximum:
            return None, f"must be at most {col.maximum:g}"
        return (int(raw) if col.kind == "integer" else number), None
    if col.kind == "choice":
        if raw not in col.choices:
            return None, f"must be one of: {', '.join(col.choices)}"
        return raw, None
    if col.kind == "list":
        items = tuple(item.strip() for item in raw.split(LIST_SEPARATOR))
        if any(not item for item in items):
            return None, f"has an empty item between '{LIST_SEPARATOR}' separators"
        if col.choices:
            bad = [item for item in items if item not in col.choices]
            if bad:
                return None, f"{', '.join(bad)} not allowed; use: {', '.join(col.choices)}"
        return items, None
    if col.kind == "date":
        try:
            return date.fromisoformat(raw), None
        except ValueError:
            return None, "must be a date written YYYY-MM-DD"
    if col.kind == "url":
        if not raw.startswith(("https://", "http://")):
            return None, "must be a web address starting with https:// or http://"
        return raw, None
    return raw, None  # text


def _empty_value(col: Column) -> object:
    if col.kind == "list":
        return ()
    if col.kind in ("integer", "number", "date"):
        return None
    return ""


#: Column dtypes by kind; any other kind (text, id, list, date, ...) is ``object``.
_DTYPES = {"integer": "Int64", "number": "float64"}


def validate_frame(raw: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """Check a frame of strings against a schema and return it typed.

    Parameters
    ----------
    raw : pandas.DataFrame
        Cells as strings, as returned by :func:`read_raw`.
    schema : TableSchema
        The table's schema.

    Returns
    -------
    pandas.DataFrame
        A new frame in schema column order: ``integer`` columns as nullable
        ``Int64``, ``number`` as ``float64``, ``date`` as :class:`datetime.date`,
        ``list`` as tuples of strings, everything else as ``str``.

    Raises
    ------
    DataValidationError
        Listing every problem found: missing or unexpected columns, empty
        required cells, values of the wrong type or outside the allowed values,
        and repeated keys. Rows are numbered as in a spreadsheet (header = 1).
    """
    records = raw.itertuples(index=False, name=None)
    return _frame_of(_typed_columns(list(raw.columns), records, schema), schema)


def _typed_columns(
    header: Sequence[object], records: Iterable[Sequence[object]], schema: TableSchema
) -> dict[str, list[object]]:
    """Check rows of strings against a schema; return its columns' typed values.

    The one place where a table's cells are checked: :func:`validate_frame` and
    :func:`load_columns` both call it. Raises :class:`DataValidationError` naming
    every problem (rows numbered as in a spreadsheet, header = 1).
    """
    problems = _check_header(header, schema)
    if problems:
        raise DataValidationError(problems)
    converted: dict[str, list[object]] = {c.name: [] for c in schema.columns}
    seen_keys: dict[str, int] = {}
    for position, record in enumerate(records):
        row_number = position + 2
        cells = dict(zip(header, record, strict=True))
        if all(not str(v).strip() for v in cells.values()):
            continue  # a row of empty cells (",,,") carries nothing
        for col in schema.columns:
            text = str(cells[col.name]).strip()
            if not text:
                if col.required:
                    problems.append(
                        Problem(schema.filename, row_number, col.name, None, "must not be empty")
                    )
                converted[col.name].append(_empty_value(col))
                continue
            value, error = _convert_cell(text, col)
            if error:
                problems.append(Problem(schema.filename, row_number, col.name, text, error))
            converted[col.name].append(value)
        key = str(cells[schema.key]).strip()
        if key in seen_keys:
            problems.append(
                Problem(
                    schema.filename,
                    row_number,
                    schema.key,
                    key,
                    f"repeats the identifier already used in row {seen_keys[key]}",
                )
            )
        elif key:
            seen_keys[key] = row_number
    if problems:
        raise DataValidationError(problems)
    return converted


def _frame_of(columns: Mapping[str, Sequence[object]], schema: TableSchema) -> pd.DataFrame:
    """Make a typed frame of checked columns (see :func:`validate_frame`)."""
    # each column built with its dtype at once: setting columns afterwards costs more
    typed = {
        col.name: pd.Series(list(columns[col.name]), dtype=_DTYPES.get(col.kind, object))
        for col in schema.columns
    }
    return pd.DataFrame(typed, columns=schema.column_names)


def check_references(tables: Mapping[str, pd.DataFrame]) -> None:
    """Check that every cross-reference between tables names an existing row.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        Validated tables by name, as returned by :func:`load_table`.

    Raises
    ------
    DataValidationError
        Naming the file, row and column of every reference that resolves to
        nothing, or whose target table is missing from ``tables``.
    """
    problems: list[Problem] = []
    for name, frame in tables.items():
        schema = _schema(name)
        for col in schema.columns:
            if not col.references:
                continue
            target = tables.get(col.references)
            if target is None:
                problems.append(
                    Problem(
                        schema.filename,
                        None,
                        col.name,
                        None,
                        f"refers to table '{col.references}', which was not loaded",
                    )
                )
                continue
            known = set(target[_schema(col.references).key])
            for position, value in enumerate(frame[col.name]):
                items: Iterable[object] = value if isinstance(value, tuple) else (value,)
                for item in items:
                    if item in (None, "") or item in known:
                        continue
                    problems.append(
                        Problem(
                            schema.filename,
                            position + 2,
                            col.name,
                            str(item),
                            f"names no row of {_schema(col.references).filename}",
                        )
                    )
    if problems:
        raise DataValidationError(problems)


@functools.cache
def _checked_columns(name: str) -> dict[str, tuple[object, ...]]:
    schema = _schema(name)
    resource = data_dir() / schema.filename
    if not resource.is_file():
        raise DataNotFoundError(f"the data file {schema.filename} is missing from {data_dir()}")
    # utf-8-sig accepts a byte-order mark, which spreadsheet programs add on save.
    text = resource.read_text(encoding="utf-8-sig")
    header, body = _csv_rows(text, schema)
    return {c: tuple(v) for c, v in _typed_columns(header, body, schema).items()}


@functools.cache
def _load_cached(name: str) -> pd.DataFrame:
    return _frame_of(_checked_columns(name), _schema(name))


def _forget_loaded() -> None:
    """Drop the cached tables, so that the next load reads the files again."""
    _checked_columns.cache_clear()
    _load_cached.cache_clear()


def load_columns(name: str) -> dict[str, tuple[object, ...]]:
    """Load one shipped data table, validated and typed, as plain columns.

    For code that only looks values up: it needs no frame, which spares a fresh
    process pandas' first-use costs. The checks are those of :func:`load_table`.

    Parameters
    ----------
    name : str
        Table name, one of the keys of :data:`gluteutils.schema.SCHEMAS`.

    Returns
    -------
    dict of str to tuple
        Each column's values in file order, typed as :func:`load_table` types
        them (an empty ``integer`` or ``number`` cell is ``None``). A new dict
        each call; the tuples are shared and cannot be changed.

    Raises
    ------
    KeyError, DataValidationError, DataNotFoundError
        As :func:`load_table` does: an unknown table, a broken or a missing file.

    Examples
    --------
    >>> columns = load_columns("exercise_aliases")
    >>> len(columns["alias"]) == len(columns["exercise_id"]) > 0
    True
    """
    return dict(_checked_columns(name))


def load_table(name: str) -> pd.DataFrame:
    """Load one shipped data table, validated and typed.

    Parameters
    ----------
    name : str
        Table name, one of the keys of :data:`gluteutils.schema.SCHEMAS`
        (for example ``"sources"``).

    Returns
    -------
    pandas.DataFrame
        A fresh copy each call, so callers may change it freely.

    Raises
    ------
    KeyError
        If ``name`` is not a known table.
    DataValidationError
        If the file breaks its schema.
    DataNotFoundError
        If the file is missing.

    Examples
    --------
    >>> sources = load_table("sources")
    >>> "source_id" in sources.columns
    True
    """
    return _load_cached(name).copy()


def load_all() -> dict[str, pd.DataFrame]:
    """Load every shipped table and check the references between them.

    Returns
    -------
    dict of str to pandas.DataFrame
        Every table by name.

    Raises
    ------
    DataValidationError
        If any table breaks its schema or names a row that does not exist.
    """
    tables = {name: load_table(name) for name in SCHEMAS}
    check_references(tables)
    return tables


def load_sources() -> pd.DataFrame:
    """Load the citations table, ``data/sources.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per source; columns are documented in ``data/README.md``.
    """
    return load_table("sources")


def cite(source_id: str) -> str:
    """Format one source as a short citation for notebook text.

    Parameters
    ----------
    source_id : str
        A ``source_id`` from ``data/sources.csv``.

    Returns
    -------
    str
        For example ``"Arsenault K. How to Get the Glutes to Fire in Running. Livestrong.com."``.

    Raises
    ------
    KeyError
        If no source has that identifier.
    """
    sources = _load_cached("sources")
    match = sources[sources["source_id"] == source_id]
    if match.empty:
        raise KeyError(f"no source with id {source_id!r} in sources.csv")
    row = match.iloc[0]
    year = "" if pd.isna(row["year"]) else f" ({row['year']})"
    locator = f" {row['locator']}" if row["locator"] else ""
    return f"{row['authors']}{year}. {row['title']}. {row['publication']}.{locator}".rstrip()


def sources_table() -> pd.DataFrame:
    """Return the citations as a readable table for a notebook.

    Returns
    -------
    pandas.DataFrame
        Columns ``Source``, ``Kind``, ``Authors``, ``Year``, ``Published in`` and
        ``Checked``, one row per source, articles first, indexed by ``source_id``.
    """
    sources = _load_cached("sources")
    order = {"article": 0, "paper": 1, "guideline": 2, "book": 3, "web": 4}
    checked = {
        "source_text": "read in full",
        "verified": "checked against the paper",
        "secondary": "from a summary (secondary)",
    }
    table = pd.DataFrame(
        {
            "Source": sources["title"],
            "Kind": sources["kind"],
            "Authors": sources["authors"],
            "Year": sources["year"].astype("string").fillna(""),
            "Published in": sources["publication"],
            "Checked": sources["verification"].map(checked),
        }
    )
    table.index = pd.Index(sources["source_id"], name="source_id")
    ranks = sources["kind"].map(order).to_numpy()
    return table.iloc[sorted(range(len(table)), key=lambda i: (ranks[i], i))]
