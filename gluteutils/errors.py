"""Errors raised by gluteutils, each naming where the problem is."""

from __future__ import annotations

from dataclasses import dataclass

#: How much of a bad value a :class:`Problem` quotes.
SHOWN_CHARACTERS = 50


class GluteutilsError(Exception):
    """Base class for every error gluteutils raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file.

    Attributes
    ----------
    file : str
        File name, for example ``"sources.csv"``.
    row : int or None
        Row number as a spreadsheet shows it: the header is row 1, so the first
        data row is row 2. ``None`` when the problem concerns the whole file.
    column : str or None
        Column name, or ``None`` when the problem concerns a whole row or file.
    value : str or None
        The offending value as written in the file. The message quotes at most
        its first :data:`SHOWN_CHARACTERS` characters, so a pasted page or a
        number of thousands of digits stays one readable line.
    message : str
        What is wrong, in plain language.

    Examples
    --------
    >>> text = str(Problem("log.csv", 2, "reps", "9" * 500, "must be at most 500"))
    >>> text.startswith("log.csv, row 2, column 'reps': must be at most 500 (value '999")
    True
    >>> text.endswith("999...', 500 characters)"), len(text) < 150
    (True, True)
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        place = self._place()
        return f"{self.file}{', ' if place else ''}{place}: {self._what()}"

    def in_file(self) -> str:
        """Say the problem without the file's name, for a message that names it once.

        Examples
        --------
        >>> Problem("roster.csv", 1, None, None, "required column is missing: weeks").in_file()
        'row 1: required column is missing: weeks'
        """
        place = self._place()
        return f"{place}: {self._what()}" if place else self._what()

    def _place(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return ", ".join(where)

    def _what(self) -> str:
        shown = ""
        if self.value is not None and len(self.value) > SHOWN_CHARACTERS:
            cut = self.value[:SHOWN_CHARACTERS] + "..."
            shown = f" (value {cut!r}, {len(self.value)} characters)"
        elif self.value:
            shown = f" (value {self.value!r})"
        return f"{self.message}{shown}"


class DataValidationError(GluteutilsError, ValueError):
    """A data file broke its schema; ``problems`` lists every fault found.

    Parameters
    ----------
    problems : list of Problem
        Every problem found, in file order. Must not be empty.
    """

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("DataValidationError needs at least one problem")
        self.problems = list(problems)
        files = sorted({p.file for p in self.problems})
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        header = f"{', '.join(files)}: {count} {noun} found"
        message = "\n".join([header, *(f"  - {p}" for p in self.problems)])
        super().__init__(message)


class DataNotFoundError(GluteutilsError, FileNotFoundError):
    """The shipped data folder or one of its files could not be found."""
