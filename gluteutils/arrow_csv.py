"""Reading CSV columns with pyarrow, an optional speed-up for large files.

pyarrow is not a dependency: every function here returns ``None`` when it is
missing, and the caller reads the file another way. It also returns ``None``
whenever the quick read cannot be trusted to match the careful readers: a file
that is not UTF-8, a header cell with a line break, a row with the wrong number
of cells (an empty line too) or, in a column read as numbers, a cell that is not
a plain finite number. The careful readers then name the rows at fault.

Text cells stay text exactly as written: nothing becomes a missing value, and
each column comes back as its distinct texts and, per row, the index of its text
(a "code"), so a caller parses each distinct text once however many rows repeat
it.
"""

from __future__ import annotations

import mmap
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

#: ``(codes, texts)``: ``texts[codes]`` are a column's cells, one per row.
Coded = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class TypedColumns:
    """Columns read by :func:`read_typed_columns`, keyed by their position in the file.

    Attributes
    ----------
    numbers : dict of int to numpy.ndarray
        The columns read as numbers: ``float64``, ``NaN`` for an empty cell.
    texts : dict of int to (numpy.ndarray, numpy.ndarray)
        The other columns as ``(codes, texts)``.
    """

    numbers: dict[int, np.ndarray]
    texts: dict[int, Coded]


def read_typed_columns(
    data: bytes | mmap.mmap,
    encoding: str,
    delimiter: str,
    header: Sequence[str],
    wanted: Sequence[int],
    *,
    numbers: Collection[int] = (),
    free_text: Collection[int] = (),
) -> TypedColumns | None:
    """Read some columns with pyarrow: some as numbers, the others as coded text.

    By default every column is text: pyarrow collects each column's distinct
    texts while it reads (in parallel), and a caller parses each of those once.

    Parameters
    ----------
    data : bytes or mmap.mmap
        The whole file, header line included (a memory map from
        :func:`gluteutils.files.source_buffer` is read without a copy).
    encoding : str
        As found by :func:`gluteutils.files.decode_bytes`; only UTF-8 (with or
        without BOM) is read here.
    delimiter : str
        The separator.
    header : sequence of str
        The header cells (the first line of ``data``).
    wanted : sequence of int
        Positions of the columns to return.
    numbers : collection of int, optional
        Positions (among ``wanted``) to parse as numbers. A cell there must be
        empty or a plain finite number, as pyarrow reads one: digits with an
        optional sign, point and exponent (``7``, ``-2.5``, ``1e3``), spaces
        around it allowed.
    free_text : collection of int, optional
        Positions (among ``wanted``) of free-text columns, such as notes, whose
        cells are mostly empty or all different: read as plain strings, which is
        quicker for them than collecting distinct texts while reading.

    Returns
    -------
    TypedColumns or None
        The columns; ``None`` when pyarrow is missing, a cell of a ``numbers``
        column is anything else (a decimal comma, ``NaN``, ``inf``, a word), or
        the file needs a careful reader (see the module's notes).
    """
    try:
        import pyarrow as pa
    except ImportError:
        return None
    text = pa.dictionary(pa.int32(), pa.string())
    types = {
        p: pa.float64() if p in numbers else pa.string() if p in free_text else text for p in wanted
    }
    table = _read_table(data, encoding, delimiter, header, types)
    if table is None:
        return None
    result = TypedColumns({}, {})
    for position, chunks in zip(wanted, table.columns, strict=True):
        if position in numbers:
            values = chunks.to_numpy()  # an empty cell (null) becomes NaN
            missing = np.isnan(values)
            # pyarrow reads "nan" and "inf" as numbers; the careful readers refuse them
            if int(missing.sum()) != chunks.null_count or np.isinf(values).any():
                return None
            result.numbers[position] = values
            continue
        coded = _coded_texts(chunks)
        if coded is None:
            return None
        result.texts[position] = coded
    return result


def _read_table(
    data: bytes | mmap.mmap,
    encoding: str,
    delimiter: str,
    header: Sequence[str],
    types: Mapping[int, Any],
) -> Any:
    """Read the columns at the keys of ``types`` as those types, in that order; or ``None``."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    if encoding not in ("utf-8", "utf-8-sig") or any("\n" in h or "\r" in h for h in header):
        return None  # skip_rows counts lines: a header cell with a line break is two
    start = 3 if encoding == "utf-8-sig" else 0
    titles = [f"c{i}" for i in range(len(header))]
    try:
        return pa_csv.read_csv(
            pa.py_buffer(memoryview(data)[start:]),
            read_options=pa_csv.ReadOptions(column_names=titles, skip_rows=1),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter,
                # a line break can sit inside a quoted cell only; without any quote
                # pyarrow may split the file into blocks at any line break, quicker
                newlines_in_values=data.find(b'"', start) >= 0,
                ignore_empty_lines=False,
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={titles[p]: kind for p, kind in types.items()},
                include_columns=[titles[p] for p in types],
                # only an empty cell of a number column is missing; text stays text
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[""],
            ),
        )
    except (pa.ArrowException, ValueError, OSError):
        return None  # ragged, an empty line, or odd quoting: a careful reader decides


def _coded_texts(chunks: Any) -> Coded | None:
    """Codes and distinct texts of a text column (dictionary or plain strings)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if chunks.null_count:
        return None
    if not pa.types.is_dictionary(chunks.type):
        if not pc.sum(pc.binary_length(chunks)).as_py():
            # every cell empty (a notes column, often): one text, no hashing
            return np.zeros(len(chunks), dtype=np.int32), np.array([""], dtype=object)
        chunks = pc.dictionary_encode(chunks)
    if chunks.num_chunks > 1:  # a large file comes in blocks, each with its texts
        chunks = chunks.unify_dictionaries()
    coded = chunks.combine_chunks()
    codes = coded.indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    texts = np.asarray(coded.dictionary.to_numpy(zero_copy_only=False), dtype=object)
    return codes, texts
