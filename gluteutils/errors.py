"""Errors raised by gluteutils, each naming where the problem is."""

from __future__ import annotations

from dataclasses import dataclass


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
        The offending value as written in the file.
    message : str
        What is wrong, in plain language.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        shown = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {self.message}{shown}"


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
