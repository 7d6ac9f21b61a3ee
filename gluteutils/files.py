"""Safe file handling shared by every export: formula-safe cells and atomic saves.

Spreadsheet programs run a cell that starts with ``= + - @`` (and tab, CR, LF or
their full-width forms) as a formula, so every free-text cell we export goes
through :func:`neutralise_cell` and every import through :func:`restore_cell`
(OWASP "CSV Injection"; see the csv-and-safety guide). Saves go through
:func:`atomic_write_bytes`, so a crash leaves the old file or the new one, never
half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
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
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp_name).replace(path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path
