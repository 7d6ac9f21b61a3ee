"""Safe file handling shared by every reader and export.

Spreadsheet programs run a cell that starts with ``= + - @`` (and tab, CR, LF or
their full-width forms) as a formula, so every free-text cell we export goes
through :func:`neutralise_cell` and every import through :func:`restore_cell`
(OWASP "CSV Injection"; see the csv-and-safety guide). Saves go through
:func:`atomic_write_bytes`, so a crash leaves the old file or the new one, never
half of one.

Every CSV reader starts the same way: :func:`read_csv_rows` reads the bytes
(:func:`source_bytes`), decodes them (:func:`decode_bytes`: UTF-8 with or without
a byte-order mark, UTF-16 with its byte-order mark, then Windows-1252), picks the
separator among comma, semicolon and tab (:func:`sniff_delimiter`) and splits the
text into rows of ``str`` cells; nothing is converted yet. :func:`iter_records`
then walks the data rows: it skips empty rows and repeated header rows and
records a :class:`~gluteutils.errors.Problem` for a row with the wrong number of
cells, so each reader only parses the cells of its own columns.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import mmap
import os
import re
import secrets
import stat
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

from .errors import DataValidationError, Problem

#: Encodings :func:`decode_bytes` tries, in this order (Python codec names).
TEXT_ENCODINGS = ("utf-8", "utf-16", "cp1252")
#: Plain-language names of the encodings :func:`decode_bytes` reports.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with a byte-order mark",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
#: Separators :func:`sniff_delimiter` tries, in this order when two split the header
#: equally well.
DELIMITERS = (",", ";", "\t")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CHUNK = 1 << 20
_SHORT_NAMES = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}

#: A whole-number cell, as every reader here accepts one (after trimming).
INTEGER_CELL = re.compile(r"[+-]?[0-9]+")
#: A number cell, as every reader here accepts one (after trimming): a decimal point or
#: comma and an exponent are allowed (``12.5``, ``12,5``, ``1e2``).
NUMBER_CELL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")
#: Where :func:`whole_number` stops counting: far above every bound in these files,
#: and held exactly by int64 and float.
WHOLE_NUMBER_LIMIT = 10**18
#: First characters that make a spreadsheet treat a cell as a formula (OWASP, WSTG).

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_cell(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would read as a formula.

    Text that already starts with apostrophes before a trigger gets one more, so
    :func:`restore_cell` always gives the original back.

    Examples
    --------
    >>> neutralise_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> neutralise_cell("left knee")
    'left knee'
    """
    body = text.lstrip("'")
    if body and body[0] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`neutralise_cell`.

    Examples
    --------
    >>> restore_cell("'=HYPERLINK(1)")
    '=HYPERLINK(1)'
    >>> restore_cell("'quoted")
    "'quoted"
    """
    body = text.lstrip("'")
    if text.startswith("'") and body and body[0] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def whole_number(text: str | int) -> int:
    """Return the value of a whole-number cell, held to within ``WHOLE_NUMBER_LIMIT``.

    A cell of hundreds of digits would overflow a float or an int64 column, and
    Python's ``int`` refuses more than 4300 digits; held at the limit instead,
    it fails the reader's own range check and is reported like any number too large.

    Parameters
    ----------
    text : str or int
        A cell that matches :data:`INTEGER_CELL`, trimmed, or a number already read.

    Returns
    -------
    int
        Its value, or ``WHOLE_NUMBER_LIMIT`` with the cell's sign when it is larger.

    Examples
    --------
    >>> whole_number("+012")
    12
    >>> whole_number("-" + "9" * 5000) == -WHOLE_NUMBER_LIMIT
    True
    """
    if isinstance(text, str):
        digits = text.lstrip("+-").lstrip("0")
        if len(digits) > len(str(WHOLE_NUMBER_LIMIT)):
            return -WHOLE_NUMBER_LIMIT if text.startswith("-") else WHOLE_NUMBER_LIMIT
    return max(-WHOLE_NUMBER_LIMIT, min(WHOLE_NUMBER_LIMIT, int(text)))


def atomic_write_bytes(
    target: str | os.PathLike[str], data: bytes, *, mode: int | None = None
) -> Path:
    """Write ``data`` to ``target`` atomically.

    The bytes go to a temporary file in the same folder, are flushed and synced
    to disk, and the temporary file then replaces the target with
    :func:`os.replace`. If anything fails the temporary file is removed and the
    old target, if any, is left as it was.

    Parameters
    ----------
    target : str or path-like
        The file to write; its folder must exist.
    data : bytes
        The complete new contents.
    mode : int, optional
        Permission bits for a new file (``0o600`` for a private copy). A target
        that exists keeps its own permissions; without ``mode`` a new file gets
        what :func:`open` would give it (``0o666`` less the process's umask).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    OSError
        If the folder does not exist or the file cannot be written.
    """
    path = Path(target)
    # one stat and no exists() first: the file may go between two calls
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(path.stat().st_mode)
    # The temporary file holds the new contents before the replace: it is private
    # whenever the result must be, and otherwise takes the umask as open() would.
    handle, temp = _new_temporary(path, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            temp.chmod(mode)
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def _new_temporary(path: Path, permissions: int) -> tuple[int, Path]:
    """Create and open a new, uniquely named file beside ``path`` (hidden, ``.tmp``).

    :func:`tempfile.mkstemp` always creates files 0600; this passes
    ``permissions`` to the system, which removes the umask's bits from them.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temp, flags, permissions), temp
        except FileExistsError:
            continue  # another writer's file by chance: draw another name
    raise FileExistsError(f"no free temporary name beside {path}")


# --- reading CSV files -------------------------------------------------------------------


def file_error(label: str, message: str) -> DataValidationError:
    """Return the error for a problem with a whole file (no row or column).

    Parameters
    ----------
    label : str
        Name of the file.
    message : str
        What is wrong, completing "<label> ...", e.g. ``"is empty"``.

    Returns
    -------
    DataValidationError
        Holding one :class:`~gluteutils.errors.Problem`, for the caller to raise.
    """
    return DataValidationError([Problem(label, None, None, None, message)])


def source_label(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview, default: str
) -> str:
    """Return the name to use in messages: the file's name, or ``default`` for bytes.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        A file path, or the file's contents.
    default : str
        Name for contents given as bytes.

    Returns
    -------
    str
        The file name without its folder, or ``default``.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return default
    return Path(source).name


def source_bytes(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    label: str,
    *,
    max_bytes: int | None = None,
) -> bytes:
    """Return the contents of a file path, or the given bytes, refusing files too large.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        A file path, or the file's contents (for example from an upload widget).
    label : str
        Name of the file in messages.
    max_bytes : int, optional
        Largest size accepted; a path is checked before it is read.

    Returns
    -------
    bytes
        The contents.

    Raises
    ------
    DataValidationError
        If the contents are larger than ``max_bytes``, or the path holds a NUL
        character.
    FileNotFoundError
        If the path does not exist.
    """
    _check_size(source, label, max_bytes)
    if isinstance(source, bytes):
        return source
    if isinstance(source, bytearray | memoryview):
        return bytes(source)
    return Path(source).read_bytes()


@contextlib.contextmanager
def source_buffer(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    label: str,
    *,
    max_bytes: int | None = None,
) -> Iterator[bytes | mmap.mmap]:
    """Give the contents of a file path without copying them, or the given bytes.

    A path is mapped into memory, read only, for the ``with`` block: a large
    file is then read where it lies, which is quicker than copying it into a
    new ``bytes`` first. The map supports slicing (giving ``bytes``),
    ``find`` and the buffer protocol; call ``bytes()`` on it for anything else.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        A file path, or the file's contents (for example from an upload widget).
    label : str
        Name of the file in messages.
    max_bytes : int, optional
        Largest size accepted; a path is checked before it is opened.

    Yields
    ------
    bytes or mmap.mmap
        The contents.

    Raises
    ------
    DataValidationError
        As :func:`source_bytes`.
    FileNotFoundError
        If the path does not exist.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        yield source_bytes(source, label, max_bytes=max_bytes)
        return
    if not _check_size(source, label, max_bytes):
        yield b""  # an empty file cannot be mapped
        return
    with Path(source).open("rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        yield mapped
    finally:
        # a reader that still holds a view keeps the map open until it lets go
        with contextlib.suppress(BufferError):
            mapped.close()


def _check_size(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    label: str,
    max_bytes: int | None,
) -> int:
    """Return the size of the contents or the file, refusing one over ``max_bytes``."""
    if isinstance(source, bytes | bytearray | memoryview):
        size = memoryview(source).nbytes
    else:
        try:
            size = Path(source).stat().st_size
        except ValueError:  # a NUL character: no operating system takes such a name
            raise file_error(label, "is not a usable file path") from None
    if max_bytes is not None and size > max_bytes:
        raise file_error(
            label, f"is {size / 1e6:.1f} MB; files over {max_bytes / 1e6:g} MB are refused"
        )
    return size


def detect_encoding(
    data: bytes | mmap.mmap,
    label: str,
    *,
    encodings: Sequence[str] = TEXT_ENCODINGS,
    partial: bool = False,
) -> str:
    """Find the encoding of a text file without building its text.

    Bytes that start with a UTF-16 byte-order mark are UTF-16 only. Anything
    else is UTF-8 (with or without a byte-order mark) when it decodes as UTF-8,
    else Windows-1252, Excel's plain "CSV" on Windows, which decodes nearly
    any byte string. The bytes are checked in 1 MiB pieces, so a large file
    costs no second copy in memory.

    Parameters
    ----------
    data : bytes or mmap.mmap
        The file's contents (a memory map from :func:`source_buffer` too).
    label : str
        Name of the file in messages.
    encodings : sequence of str, optional
        The encodings allowed, any of ``"utf-8"``, ``"utf-16"`` and
        ``"cp1252"``; a format that is always UTF-8 passes ``("utf-8",)``.
    partial : bool, optional
        ``data`` is only the start of a file, so a character cut short at its
        end is not a fault.

    Returns
    -------
    str
        ``"utf-8-sig"`` (UTF-8 with a byte-order mark), ``"utf-8"``,
        ``"utf-16"`` or ``"cp1252"``: a Python codec name that decodes the
        bytes, byte-order mark included (:data:`ENCODING_NAMES` gives
        plain-language names).

    Raises
    ------
    DataValidationError
        If no allowed encoding decodes the bytes.
    """
    opening = bytes(data[:3])  # data may be a memory map (source_buffer): no startswith
    if "utf-16" in encodings and opening.startswith(_UTF16_BOMS):
        attempts: tuple[str, ...] = ("utf-16",)
    else:
        attempts = tuple(e for e in ("utf-8", "cp1252") if e in encodings)
    view = memoryview(data)
    for encoding in attempts:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(view), _CHUNK):
                piece = view[start : start + _CHUNK]
                # plain ASCII is valid in all three and much quicker to check than to
                # decode, unless a character begun in the piece before is still open
                open_character = decoder.getstate()[0]
                if encoding != "utf-16" and not open_character and bytes(piece).isascii():
                    continue
                decoder.decode(piece)
            if not partial:
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8" and opening.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return encoding
    names = [_SHORT_NAMES[e] for e in encodings]
    if len(names) == 1:
        message = f"is not {names[0]} text"
    else:
        message = f"is not text in {', '.join(names[:-1])} or {names[-1]}"
    raise file_error(label, message)


def decode_bytes(
    data: bytes, label: str, *, encodings: Sequence[str] = TEXT_ENCODINGS
) -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 (with BOM), then Windows-1252.

    Parameters
    ----------
    data : bytes
        The file's contents.
    label : str
        Name of the file in messages.
    encodings : sequence of str, optional
        The encodings allowed; see :func:`detect_encoding`.

    Returns
    -------
    tuple of (str, str)
        The text, without a byte-order mark, and the encoding used:
        ``"utf-8-sig"`` (UTF-8 with a byte-order mark), ``"utf-8"``,
        ``"utf-16"`` or ``"cp1252"``.

    Raises
    ------
    DataValidationError
        If no allowed encoding decodes the bytes.

    Examples
    --------
    >>> decode_bytes("Zoë".encode("cp1252"), "log.csv")
    ('Zoë', 'cp1252')
    """
    encoding = detect_encoding(data, label, encodings=encodings)
    return data.decode(encoding), encoding


def normalise_header(name: str) -> str:
    r"""Return a header cell as compared: trimmed, without a byte-order mark, lower case.

    Examples
    --------
    >>> normalise_header("\ufeff Exercise Name ")
    'exercise name'
    """
    return name.strip().strip("\ufeff").strip().lower()


def header_problems(
    header: Sequence[str], label: str, known: Collection[str], required: Collection[str]
) -> list[Problem]:
    """Check a normalised header: repeated names, unknown names, missing required names.

    Parameters
    ----------
    header : sequence of str
        The header cells, as :func:`normalise_header` gives them.
    label : str
        Name of the file in the problems.
    known : collection of str
        Every column the format has.
    required : collection of str
        The columns the file must have, in the order to report them.

    Returns
    -------
    list of Problem
        In header order, then the missing columns; empty when the header is fine.
    """
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(label, 1, name, None, "appears twice in the header"))
        seen.add(name)
        if name not in known:
            problems.append(Problem(label, 1, name, None, "unexpected column (check its spelling)"))
    problems.extend(
        Problem(label, 1, name, None, "required column is missing")
        for name in required
        if name not in seen
    )
    return problems


def sniff_delimiter(
    text: str,
    columns: Collection[str] | None = None,
    delimiters: Sequence[str] = DELIMITERS,
) -> str:
    """Pick the separator that splits the header into the most expected columns.

    Parameters
    ----------
    text : str
        The decoded file.
    columns : collection of str, optional
        The column names expected, as :func:`normalise_header` gives them. When
        omitted, the separator that splits the header into the most non-empty
        cells wins.
    delimiters : sequence of str, optional
        Candidates; the first wins a tie.

    Returns
    -------
    str
        One of ``delimiters``.
    """
    best, best_hits = delimiters[0], -1
    for delimiter in delimiters:
        try:
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue  # this separator cannot even read the first record
        names = {normalise_header(h) for h in header}
        hits = len(names & set(columns)) if columns is not None else len(names - {""})
        if hits > best_hits:
            best, best_hits = delimiter, hits
    return best


def read_csv_rows(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    label: str,
    *,
    columns: Collection[str] | None = None,
    encodings: Sequence[str] = TEXT_ENCODINGS,
    delimiters: Sequence[str] = DELIMITERS,
    max_bytes: int | None = None,
) -> tuple[list[list[str]], str]:
    """Read a CSV file into rows of text cells: decode, pick the separator, split.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        A file path, or the file's contents.
    label : str
        Name of the file in messages.
    columns : collection of str, optional
        Expected column names (normalised), to pick the separator; see
        :func:`sniff_delimiter`.
    encodings : sequence of str, optional
        Encodings allowed; see :func:`decode_bytes`.
    delimiters : sequence of str, optional
        Separators allowed; see :func:`sniff_delimiter`.
    max_bytes : int, optional
        Largest file accepted, checked before reading; see :func:`source_bytes`.

    Returns
    -------
    tuple of (list of list of str, str)
        Every row (the header first) as the cells' text, unchanged (no
        trimming, no conversion), and the encoding used (see
        :func:`decode_bytes`). An empty file gives no rows.

    Raises
    ------
    DataValidationError
        If the file is too large, cannot be decoded or is not readable CSV.
    FileNotFoundError
        If the path does not exist.
    """
    data = source_bytes(source, label, max_bytes=max_bytes)
    text, encoding = decode_bytes(data, label, encodings=encodings)
    delimiter = sniff_delimiter(text, columns, delimiters)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise file_error(label, f"is not a readable CSV file: {exc}") from None
    return rows, encoding


def iter_records(
    rows: Sequence[Sequence[str]],
    header: Sequence[str],
    label: str,
    problems: list[Problem],
    skipped: list[tuple[int, str]] | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield the data rows of a file as records, skipping what is not data.

    Parameters
    ----------
    rows : sequence of sequence of str
        Every row of the file, the header first, as :func:`read_csv_rows`
        returns them.
    header : sequence of str
        The column names, as the caller normalised them; records use them as keys.
    label : str
        Name of the file in problems.
    problems : list of Problem
        Appended to, one problem per row whose number of cells differs from the
        header's (that row is not yielded).
    skipped : list of (int, str), optional
        When given, appended to with ``(row number, "empty")`` or
        ``(row number, "header")`` for every row skipped, so a reader can say so.

    Yields
    ------
    tuple of (int, dict of str to str)
        The row number as a spreadsheet shows it (header = row 1) and the
        row's cells by column name, unchanged. Rows with nothing but spaces
        and rows that repeat the header (two files pasted together) are skipped.
    """
    repeated = [normalise_header(h) for h in header]
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            if skipped is not None:
                skipped.append((number, "empty"))
            continue  # an empty line or a row of separators only
        if len(cells) == len(header) and [normalise_header(c) for c in cells] == repeated:
            if skipped is not None:
                skipped.append((number, "header"))
            continue  # the header again
        if len(cells) != len(header):
            problems.append(
                Problem(
                    label,
                    number,
                    None,
                    None,
                    f"has {len(cells)} cells, the header has {len(header)}",
                )
            )
            continue
        yield number, dict(zip(header, cells, strict=True))


def number_text(value: float) -> str:
    """Write a number as the shortest text that reads back as the same float.

    Whole numbers lose their ``.0`` (``12.0`` gives ``"12"``).
    """
    return repr(float(value)).removesuffix(".0")
