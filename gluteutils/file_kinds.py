"""Which of the curriculum's files a CSV header belongs to.

The forms take five kinds of CSV file, and a runner with a folder of downloads
will sooner or later choose the wrong one: a plan where the obstacle profile
goes, a log where the plan goes. The readers then listed every column the file
lacked, one line each (34 lines for a log read as a plan). With
:func:`wrong_file_message` they say instead, in one line, what the file looks
like and which file belongs there.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from .files import normalise_header

#: Share of a kind's columns a header must have to be taken for that kind.
MIN_SHARE = 0.6


@dataclass(frozen=True)
class FileKind:
    """One kind of CSV file the curriculum reads or writes.

    Attributes
    ----------
    key : str
        ``"plan"``, ``"log"``, ``"obstacle_profile"``, ``"roster"`` or ``"app_export"``.
    what : str
        What it is, for a message ("a plan (the CSV file of notebook 05)").
    columns : tuple of str
        Its header names, as :func:`gluteutils.files.normalise_header` gives them.
    signatures : tuple of tuple of str
        For an app export: the header names that tell each app's file (any one
        set present is enough); empty for the curriculum's own files.
    """

    key: str
    what: str
    columns: tuple[str, ...] = ()
    signatures: tuple[tuple[str, ...], ...] = ()

    def share(self, header: Sequence[str]) -> float:
        """Return how much of this kind's header ``header`` has, from 0 to 1."""
        names = set(header)
        if self.signatures:
            return 1.0 if any(set(s) <= names for s in self.signatures) else 0.0
        return len(names.intersection(self.columns)) / len(self.columns)


@functools.cache
def file_kinds() -> dict[str, FileKind]:
    """Return every kind of file by key (built on first use: the readers import this module)."""
    from .app_import import _FORMATS, APPS
    from .log_columns import LOG_COLUMNS
    from .plan_columns import PLAN_COLUMNS
    from .plan_profile import PLAN_PROFILE_COLUMNS
    from .profile_file import PROFILE_COLUMNS

    kinds = [
        FileKind("plan", "a plan (the CSV file of notebook 05)", PLAN_COLUMNS),
        FileKind("log", "a training log (the CSV file of notebook 06)", LOG_COLUMNS),
        FileKind(
            "obstacle_profile", "an obstacle profile (the CSV file of notebook 03)", PROFILE_COLUMNS
        ),
        FileKind("roster", "a clinic roster (notebook 07)", PLAN_PROFILE_COLUMNS),
        FileKind(
            "app_export",
            "an export of Strong, Hevy or FitNotes",
            signatures=tuple(_FORMATS[app].signature for app in APPS),
        ),
    ]
    return {kind.key: kind for kind in kinds}


def guess_kind(header: Sequence[str]) -> FileKind | None:
    """Return the kind of file a header belongs to, if one fits clearly.

    Parameters
    ----------
    header : sequence of str
        The header cells as written; they are compared as
        :func:`gluteutils.files.normalise_header` gives them.

    Returns
    -------
    FileKind or None
        The kind with the largest share of its columns present, at least
        :data:`MIN_SHARE`; ``None`` when none fits or two fit equally.

    Examples
    --------
    >>> guess_kind(["Exercise Name", "Set Order", "Weight", "Reps"]).key
    'app_export'
    >>> guess_kind(["a", "b"]) is None
    True
    """
    names = [normalise_header(cell) for cell in header]
    scored = sorted(((kind.share(names), kind.key) for kind in file_kinds().values()), reverse=True)
    (best, key), (second, _) = scored[0], scored[1]
    if best < MIN_SHARE or best == second:
        return None
    return file_kinds()[key]


def wrong_file_message(header: Sequence[str], expected: str, instead: str) -> str | None:
    """Say that a file is another kind than the one expected, or ``None`` if it is not.

    Parameters
    ----------
    header : sequence of str
        The file's header cells, as written.
    expected : str
        The key of the kind the reader wants (see :class:`FileKind`).
    instead : str
        What to choose instead, ending the message ("choose the plan made in notebook 05").

    Returns
    -------
    str or None
        For example "looks like a training log (the CSV file of notebook 06), not a
        plan: choose the plan made in notebook 05"; ``None`` when the file is
        of the kind expected or of no kind known.

    Examples
    --------
    >>> from gluteutils.log_columns import LOG_COLUMNS
    >>> print(wrong_file_message(LOG_COLUMNS, "plan", "use your plan"))
    looks like a training log (the CSV file of notebook 06), not a plan: use your plan
    """
    kind = guess_kind(header)
    if kind is None or kind.key == expected:
        return None
    wanted = file_kinds()[expected].what.split(" (")[0]
    return f"looks like {kind.what}, not {wanted}: {instead}"


def refuse_other_kind(header: Sequence[str], label: str, expected: str, instead: str) -> None:
    """Raise one plain error when a file whose header is wrong is another known kind.

    A reader calls it once it has found its header wrong, before it lists
    every missing column.

    Parameters
    ----------
    header : sequence of str
        The header cells, as written.
    label : str
        The file's name in the message.
    expected, instead : str
        As in :func:`wrong_file_message`.

    Raises
    ------
    DataValidationError
        With one problem about the whole file, when it is another kind.
    """
    from .errors import DataValidationError, Problem

    message = wrong_file_message(header, expected, instead)
    if message is not None:
        raise DataValidationError([Problem(label, None, None, None, message)])
