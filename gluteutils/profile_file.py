"""The obstacle profile file: written by the self-assessment, read by the plan builder.

:func:`profile_to_csv` writes, and :func:`read_profile` reads, a UTF-8 CSV file
(with a byte-order mark, so spreadsheet programs detect the encoding; lines end
in CRLF) with one header row and exactly one row per obstacle id, in the order
of :data:`~gluteutils.schema.OBSTACLE_IDS`. Its columns (:data:`PROFILE_COLUMNS`):

================ ====================================================================
column           content
================ ====================================================================
profile_format   ``gfr-obstacle-profile-2`` (:data:`PROFILE_FORMAT`); same in every row
assessed_on      date of the assessment, ``YYYY-MM-DD``; same in every row
obstacle_id      one of the ten obstacle ids
score            whole number 0-100: share of the rule's points found
level            ``none``, ``low``, ``moderate`` or ``high`` (see above)
points           whole number of points the answers earned
max_points       whole number of points the rule can give (at least 1)
sides            ``left``, ``right``, ``both`` or empty: the side the signs were on
reasons          plain-language reasons, separated by ``|``
sources          ``source_id`` values from ``data/sources.csv``, separated by ``|``
pain_now         whole number 0-10: pain reported at the time; same in every row
pain_where       where the pain was, as the runner typed it; same in every row
advice           extra advice sentences, separated by ``|``; same in every row
unchecked_points whole number of points that could not be checked (a skipped test
                 or a "Not sure" answer); at most ``max_points - points``
unchecked        the answer fields (names of
                 :data:`~gluteutils.assessment_questions.FIELDS`) that left those
                 points unchecked, separated by ``|``
skipped          the test answers the runner skipped, separated by ``|``; same in
                 every row; empty when every test was done
================ ====================================================================

An obstacle whose ``unchecked_points`` equal its ``max_points`` was not checked
at all: its score of 0 means "not known", not "no sign".

Files written before tests could be skipped say ``gfr-obstacle-profile-1`` and
lack the last three columns; :func:`read_profile` still reads them, as profiles
in which everything was checked (:data:`OLDER_FORMATS`).

Free-text cells (``reasons``, ``pain_where``, ``advice``) that would start with
``= + - @``, a tab, CR, LF or their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20)
get a leading apostrophe,
so a spreadsheet shows them as text instead of running them as a formula
(:func:`neutralise_cell`); :func:`read_profile` removes it again
(:func:`restore_cell`), so a file read back gives the same profile.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from pathlib import Path

from .assessment import LEVELS, SIDE_VALUES, ObstacleProfile, ObstacleScore
from .assessment_questions import FIELDS_BY_NAME
from .display import safe_filename
from .errors import DataValidationError, GluteutilsError, Problem
from .file_kinds import refuse_other_kind
from .files import (
    atomic_write_bytes,
    file_error,
    iter_records,
    neutralise_cell,
    read_csv_rows,
    restore_cell,
    source_label,
    whole_number,
)
from .schema import LIST_SEPARATOR, OBSTACLE_IDS

_DIGITS = re.compile(r"[0-9]+")


#: Value of the ``profile_format`` column of a profile file. Version 2 added the
#: columns for skipped tests; a version-1 reader would take an unchecked obstacle for
#: a clear one, so the version changed rather than only the columns.
PROFILE_FORMAT = "gfr-obstacle-profile-2"
#: Earlier formats :func:`read_profile` still reads (without the columns of :data:`ADDED_COLUMNS`).
OLDER_FORMATS = ("gfr-obstacle-profile-1",)

#: Columns of a profile file, in order (see the module docstring).
PROFILE_COLUMNS = (
    "profile_format",
    "assessed_on",
    "obstacle_id",
    "score",
    "level",
    "points",
    "max_points",
    "sides",
    "reasons",
    "sources",
    "pain_now",
    "pain_where",
    "advice",
    "unchecked_points",
    "unchecked",
    "skipped",
)

#: Columns added in version 2 (skipped tests); version-1 files lack them.
ADDED_COLUMNS = ("unchecked_points", "unchecked", "skipped")

#: Free-text columns, neutralised against spreadsheet formulas on export.
FREE_TEXT_COLUMNS = ("reasons", "pain_where", "advice")


def _join(items: tuple[str, ...]) -> str:
    for item in items:
        if LIST_SEPARATOR in item:
            raise ValueError(f"list item {item!r} contains the separator {LIST_SEPARATOR!r}")
    return LIST_SEPARATOR.join(items)


def profile_to_csv(profile: ObstacleProfile) -> bytes:
    """Write a profile as the bytes of a profile file (format in the module docstring).

    Parameters
    ----------
    profile : ObstacleProfile
        The profile.

    Returns
    -------
    bytes
        UTF-8 CSV with a byte-order mark, free text neutralised against formulas.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PROFILE_COLUMNS)
    for s in profile.scores:
        row = {
            "profile_format": PROFILE_FORMAT,
            "assessed_on": profile.assessed_on.isoformat(),
            "obstacle_id": s.obstacle_id,
            "score": str(s.score),
            "level": s.level,
            "points": str(s.points),
            "max_points": str(s.max_points),
            "sides": s.sides,
            "reasons": _join(s.reasons),
            "sources": _join(s.sources),
            "pain_now": str(profile.pain_now),
            "pain_where": profile.pain_where,
            "advice": _join(profile.advice),
            "unchecked_points": str(s.unchecked_points),
            "unchecked": _join(s.unchecked),
            "skipped": _join(profile.skipped),
        }
        for column in FREE_TEXT_COLUMNS:
            row[column] = neutralise_cell(row[column])
        writer.writerow([row[c] for c in PROFILE_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def default_profile_filename(profile: ObstacleProfile) -> str:
    """Return the suggested file name, ``glute-profile-YYYY-MM-DD.csv``."""
    return f"glute-profile-{profile.assessed_on.isoformat()}.csv"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(cell.split(LIST_SEPARATOR)) if cell else ()


def _int_cell(text: str, low: int, high: int | None) -> tuple[int | None, str | None]:
    if not _DIGITS.fullmatch(text.strip()):
        return None, "must be a whole number"
    number = whole_number(text.strip())
    if number < low or (high is not None and number > high):
        return (
            None,
            f"must be from {low} to {high}" if high is not None else f"must be at least {low}",
        )
    return number, None


def read_profile(path_or_bytes: str | os.PathLike[str] | bytes) -> ObstacleProfile:
    """Read a profile file written by :func:`profile_to_csv`.

    Parameters
    ----------
    path_or_bytes : str, path-like or bytes
        A file path, or the file's contents as bytes.

    Returns
    -------
    ObstacleProfile
        The profile, equal to the one written. A file in an older format
        (:data:`OLDER_FORMATS`) gives a profile with nothing unchecked or skipped.

    Raises
    ------
    DataValidationError
        Listing every problem (file, row as a spreadsheet numbers it, column,
        value): not UTF-8, not CSV, missing columns, unknown or repeated or
        missing obstacles, values out of range, rows that disagree on the date.
    FileNotFoundError
        If the path does not exist.
    """
    label = source_label(path_or_bytes, "profile")
    # the format is what profile_to_csv writes: UTF-8, commas
    rows, _encoding = read_csv_rows(path_or_bytes, label, encodings=("utf-8",), delimiters=(",",))
    if not rows:
        raise file_error(label, "is empty")
    header = [h.strip() for h in rows[0]]
    missing = [c for c in PROFILE_COLUMNS if c not in header and c not in ADDED_COLUMNS]
    # Version-1 files lack the added columns; their rows read as fully checked.
    missing_added = [c for c in ADDED_COLUMNS if c not in header]
    if missing:
        refuse_other_kind(
            header,
            label,
            "obstacle_profile",
            "choose the obstacle profile saved in notebook 03",
        )
        raise DataValidationError(
            [Problem(label, 1, c, None, "required column is missing") for c in missing]
        )
    problems: list[Problem] = []
    scores: dict[str, ObstacleScore] = {}
    meta: dict[str, tuple[str, int]] = {}
    for number, row in iter_records(rows, header, label, problems):
        for column in FREE_TEXT_COLUMNS:
            row[column] = restore_cell(row[column])
        for column in missing_added:
            row[column] = ""

        def bad(column: str, message: str, row: dict[str, str] = row, number: int = number) -> None:
            problems.append(Problem(label, number, column, row[column], message))

        if row["profile_format"] == PROFILE_FORMAT and missing_added:
            bad("profile_format", f"needs the columns {', '.join(missing_added)}")
        elif row["profile_format"] not in (PROFILE_FORMAT, *OLDER_FORMATS):
            bad("profile_format", f"must be {PROFILE_FORMAT}")
        for column in ("assessed_on", "pain_now", "pain_where", "advice", "skipped"):
            if column in meta and meta[column][0] != row[column]:
                bad(column, f"differs from row {meta[column][1]}; it must be the same in every row")
            meta.setdefault(column, (row[column], number))
        obstacle_id = row["obstacle_id"]
        if obstacle_id not in OBSTACLE_IDS:
            bad("obstacle_id", "is not a known obstacle id")
            continue
        if obstacle_id in scores:
            bad("obstacle_id", "appears twice")
            continue
        score, err = _int_cell(row["score"], 0, 100)
        if err:
            bad("score", err)
        max_points, err = _int_cell(row["max_points"], 1, None)
        if err:
            bad("max_points", err)
        points, err = _int_cell(row["points"], 0, max_points)
        if err:
            bad("points", err)
        if row["level"] not in LEVELS:
            bad("level", f"must be one of: {', '.join(LEVELS)}")
        if row["sides"] not in SIDE_VALUES:
            bad("sides", "must be left, right, both or empty")
        unchecked = _split(row["unchecked"])
        unknown = [name for name in unchecked if name not in FIELDS_BY_NAME]
        if unknown:
            bad("unchecked", f"names no question of the self-assessment: {', '.join(unknown)}")
        if score is None or points is None or max_points is None:
            continue
        unchecked_points: int | None = 0
        if "unchecked_points" not in missing_added:
            unchecked_points, err = _int_cell(row["unchecked_points"], 0, max_points - points)
            if err:
                bad("unchecked_points", err)
        if unchecked_points is None:
            continue
        scores[obstacle_id] = ObstacleScore(
            obstacle_id=obstacle_id,
            score=score,
            level=row["level"],
            points=points,
            max_points=max_points,
            sides=row["sides"],
            reasons=_split(row["reasons"]),
            sources=_split(row["sources"]),
            unchecked_points=unchecked_points,
            unchecked=unchecked,
        )
    assessed_on: date | None = None
    pain_now: int | None = None
    skipped: tuple[str, ...] = ()

    def bad_meta(key: str, message: str) -> None:
        text, number = meta[key]
        problems.append(Problem(label, number, key, text, message))

    if "assessed_on" in meta:
        try:
            assessed_on = date.fromisoformat(meta["assessed_on"][0])
        except ValueError:
            bad_meta("assessed_on", "must be a date written YYYY-MM-DD")
        pain_now, err = _int_cell(meta["pain_now"][0], 0, 10)
        if err:
            bad_meta("pain_now", err)
        skipped = _split(meta["skipped"][0])
        wrong = [n for n in skipped if n not in FIELDS_BY_NAME or not FIELDS_BY_NAME[n].skippable]
        if wrong:
            bad_meta("skipped", f"names no test answer: {', '.join(wrong)}")
    absent = [o for o in OBSTACLE_IDS if o not in scores]
    if absent and not problems:
        problems.append(
            Problem(label, None, "obstacle_id", None, f"no row for: {', '.join(absent)}")
        )
    if problems:
        raise DataValidationError(problems)
    return ObstacleProfile(
        assessed_on=assessed_on,
        scores=tuple(scores[o] for o in OBSTACLE_IDS),
        pain_now=pain_now,
        pain_where=meta["pain_where"][0],
        advice=_split(meta["advice"][0]),
        skipped=skipped,
    )


def write_profile(
    profile: ObstacleProfile, folder: str | os.PathLike[str], filename: str | None = None
) -> Path:
    """Save a profile file into a folder, atomically.

    The bytes go to a temporary file in the same folder, are flushed and synced
    to disk, then the file is renamed over the target with :func:`os.replace`, so
    a crash leaves either the old file or the new one, never half of one.

    Parameters
    ----------
    profile : ObstacleProfile
        The profile.
    folder : str or path-like
        An existing folder (``~`` is expanded).
    filename : str, optional
        File name; reduced to safe characters. Defaults to
        :func:`default_profile_filename`.

    Returns
    -------
    pathlib.Path
        Where the file was written.

    Raises
    ------
    GluteutilsError
        If ``folder`` is not an existing folder.
    OSError
        If the file cannot be written (for example no permission).
    """
    directory = Path(folder).expanduser()
    if not directory.is_dir():
        raise GluteutilsError(f"{directory} is not an existing folder")
    target = directory / safe_filename(
        filename or default_profile_filename(profile), "glute-profile.csv"
    )
    return atomic_write_bytes(target, profile_to_csv(profile))
