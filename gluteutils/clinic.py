"""The coaching clinic: a roster of athletes in, every athlete's plan out, then a group dashboard.

A coach running the curriculum for a group keeps a *roster*: a CSV file with
one row per athlete, in the plan profile format of
:mod:`gluteutils.plan_profile` (``athlete``, ``level``, ``start_date``,
``weeks``, ``training_days`` and the optional columns). The flow is one way::

    roster CSV --read_roster--> RosterImport (profiles + rejected rows)
    profiles --build_plans--> one plan per athlete --plans_zip--> one zip file
    athletes' logs --read_logs--> logs --group_dashboard--> adherence and flags

Obstacles
---------
A row gives the athlete's obstacle profile in one of three ways, or none:

* the ``obstacles`` column, ``obstacle_id:score|...`` (scores 0-100), as the
  plan builder writes it;
* the self-assessment answers of notebook 03, one column per question, named as
  the questions are in :data:`gluteutils.assessment_questions.FIELDS`
  (``squeeze_lying``, ``bridge_reps_left``, ...; yes/no answers as ``yes`` or
  ``no``, ticked red flags as ``yes``). A test the athlete skipped or could not
  do is written ``skipped`` (:data:`~gluteutils.assessment_questions.SKIPPED`,
  any case) in each of its cells; an empty cell is a missing answer, not a skip.
  The answers are scored exactly as the self-assessment form scores them: an
  obstacle nothing could check is left out of the plan's obstacles, and a note
  names the skipped tests. A row with a red flag gets no plan: it is rejected
  with the advice to see a clinician first;
* ``obstacle_profile``, the path of a notebook-03 profile file, for rosters
  read from a folder (the clinic app refuses it: uploaded rosters cannot name
  files on the server).

Reading is forgiving where spreadsheets differ and strict about content:
header names ignore case, surrounding spaces and ``-`` or spaces for ``_``;
columns the format does not know are ignored with a note. A bad row never stops
the others: it is listed in :attr:`RosterImport.rejected`, naming the athlete
(or the row number when the name is missing), every bad field and what is
wrong. Two rows for the same athlete (ignoring case) are refused, because plans
and logs are matched by name.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from .assessment import ObstacleProfile, Referral, assess
from .assessment_questions import EXAMPLE_RAW, FIELDS, FIELDS_BY_NAME, SKIPPED, STEPS_BY_ID
from .display import safe_filename
from .errors import DataValidationError, Problem
from .exercises import load_exercises
from .file_kinds import refuse_other_kind
from .files import (
    iter_records,
    neutralise_cell,
    normalise_header,
    read_csv_rows,
    restore_cell,
    source_label,
)
from .library import data_dir
from .obstacles import obstacle_names
from .plan import build_plan, strength_before_key_runs, weekly_summary
from .plan_calendar import plan_to_ics
from .plan_columns import PLAN_STAGES
from .plan_csv import plan_to_csv
from .plan_profile import (
    PLAN_PROFILE,
    PLAN_PROFILE_COLUMNS,
    PLAN_PROFILE_REQUIRED,
    Profile,
    clean_athlete,
    obstacles_from_profile,
    profile_to_record,
    validate_profile,
)
from .schema import TableSchema

#: Largest roster accepted, in bytes (the browser sends an upload in one message).
MAX_ROSTER_BYTES = 10 * 1024 * 1024
#: File name of the sample roster shipped in ``data/``.
SAMPLE_ROSTER_FILE = "sample_roster.csv"
#: Columns of the self-assessment answers a roster may carry instead of ``obstacles``.
ANSWER_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS)
#: Free-text roster columns: neutralised against spreadsheet formulas on export.
ROSTER_FREE_TEXT = ("athlete", "obstacle_profile", "pain_where")
#: Columns of :func:`roster_summary` (and of ``roster_summary.csv`` in the zip, plus ``folder``).
SUMMARY_COLUMNS = (
    "athlete",
    "level",
    "start_date",
    "end_date",
    "weeks",
    "training_days",
    "run_days",
    "days",
    "minutes_per_week",
    "stages",
    "focus",
    "flags",
)
#: Columns of :func:`rejected_frame`.
REJECTED_COLUMNS = ("row", "athlete", "field", "message")

ROSTER = TableSchema(
    name="sample_roster",
    filename=SAMPLE_ROSTER_FILE,
    description=(
        "A coach's roster for the clinic notebook (07): one row per athlete, in the plan "
        "profile format. The shipped file is a sample of a dozen made-up athletes; read it "
        "with `gluteutils.clinic.read_roster`. A coach's own roster may give the "
        "self-assessment answers of notebook 03 instead of `obstacles`, one column per "
        "question (the names of `gluteutils.assessment_questions.FIELDS`); a test the athlete "
        "skipped or could not do is written `skipped` in its cells (an empty cell is a "
        "missing answer), and what it checks is then left out of `obstacles` with a note. "
        "Other columns are ignored with a note, and a bad row is listed without stopping the "
        "others."
    ),
    key="athlete",
    columns=PLAN_PROFILE.columns,
)

_ATHLETE = "athlete"
_OBSTACLE_FIELDS = ("obstacles", "obstacle_profile")
_CHOICE_ANSWERS = frozenset(f.name for f in FIELDS if f.kind == "choice")


# --------------------------------------------------------------------------- the roster


@dataclass(frozen=True)
class RejectedRow:
    """A roster row that gave no plan, and why.

    Attributes
    ----------
    row : int
        The row number as a spreadsheet shows it (header = row 1).
    athlete : str
        The athlete's name as written (control characters removed), or ``""``
        when the row has none.
    problems : tuple of (str, str)
        ``(field, message)`` for every bad field; the field is ``""`` when the
        whole row is wrong (for example a wrong number of cells). Messages may
        quote the cell: escape them before showing them as HTML.
    """

    row: int
    athlete: str
    problems: tuple[tuple[str, str], ...]

    @property
    def who(self) -> str:
        """The athlete's name, or ``"row N"`` when the row gives none."""
        return self.athlete or f"row {self.row}"

    @property
    def fields(self) -> tuple[str, ...]:
        """The bad fields, in the order found."""
        return tuple(field for field, _message in self.problems)


@dataclass(frozen=True)
class RosterImport:
    """What :func:`read_roster` found in a roster.

    Attributes
    ----------
    label : str
        The roster's file name (or ``"roster"`` for uploaded bytes).
    profiles : tuple of Profile
        One per good row, in file order.
    rows : tuple of int
        The spreadsheet row number of each profile.
    rejected : tuple of RejectedRow
        One per bad row, in file order.
    notes : tuple of str
        Plain-language remarks that need no fixing, such as an ignored column.
    """

    label: str
    profiles: tuple[Profile, ...]
    rows: tuple[int, ...]
    rejected: tuple[RejectedRow, ...]
    notes: tuple[str, ...] = ()

    @property
    def athletes(self) -> tuple[str, ...]:
        """The names of the athletes with a good row, in file order."""
        return tuple(p.athlete for p in self.profiles)


def _roster_header(name: str) -> str:
    """Compare header names as a person would: case, spaces and dashes do not matter."""
    return normalise_header(name).replace("-", "_").replace(" ", "_")


def _unknowns_note(result: ObstacleProfile) -> str:
    """Say which tests an athlete skipped and what could not be checked; empty if none."""
    parts = []
    if result.skipped:
        tests = ", ".join(STEPS_BY_ID[s].title for s in result.skipped_tests())
        parts.append(f"skipped {tests}")
    unknown = result.not_checked()
    if unknown:
        names = obstacle_names()
        parts.append(
            "not checked, so left out of the plan's obstacles: "
            + ", ".join(names.get(o, o) for o in unknown)
        )
    return "; ".join(parts)


def _answers_from_record(
    record: Mapping[str, str],
) -> tuple[tuple[tuple[str, int], ...] | None, dict[str, str], str]:
    """Score the self-assessment answers of one row, as the notebook-03 form does.

    Returns the obstacle scores (or ``None``), messages by field, and a note on
    skipped tests (empty when every test was done).
    """
    raw: dict[str, object] = {}
    for name in ANSWER_COLUMNS:
        value = record.get(name, "").strip()
        raw[name] = value.lower() if name in _CHOICE_ANSWERS else value
    # Only the scores are kept, so the assessment date does not matter.
    result, messages = assess(raw)
    if isinstance(result, Referral):
        reasons = " ".join(result.reasons)
        return (
            None,
            {
                result.flags[0]: (
                    f"A warning sign was ticked: see a clinician before training; no plan is "
                    f"made. {reasons}"
                )
            },
            "",
        )
    if result is None:
        out = {}
        for name, message in messages.items():
            field = FIELDS_BY_NAME[name]
            if field.skippable and not raw[name]:
                # The form's wording names its button; a spreadsheet needs the token.
                message = (
                    f"The cell is empty: give the answer, or write {SKIPPED} if the test was "
                    "not done."
                )
            out[name] = f"Self-assessment answer ({field.label}): {message}"
        return None, out, ""
    return obstacles_from_profile(result), {}, _unknowns_note(result)


def _check_record(
    record: dict[str, str],
    *,
    base_dir: str | os.PathLike[str] | None,
    allow_files: bool,
) -> tuple[Profile | None, dict[str, str], str]:
    """Turn one roster row into a profile, or into messages keyed by field.

    The third value notes skipped self-assessment tests (empty when none).
    """
    for column in ROSTER_FREE_TEXT:
        if column in record:
            record[column] = restore_cell(record[column])
    messages: dict[str, str] = {}
    note = ""
    raw: dict[str, object] = {c: record.get(c, "") for c in PLAN_PROFILE_COLUMNS}
    has_answers = any(record.get(name, "").strip() for name in ANSWER_COLUMNS)
    given = [c for c in _OBSTACLE_FIELDS if str(raw[c]).strip()]
    if given and not allow_files and "obstacle_profile" in given:
        messages["obstacle_profile"] = (
            "An uploaded roster or profile cannot open the files it names; copy the scores "
            "into the obstacles column instead (obstacle_id:score|...)."
        )
        raw["obstacle_profile"] = ""
    if has_answers and given:
        messages[given[0]] = (
            "Give either the obstacle scores or the self-assessment answers, not both."
        )
    elif has_answers:
        scores, answer_messages, note = _answers_from_record(record)
        messages.update(answer_messages)
        if scores is not None:
            raw["obstacles"] = scores
    profile, profile_messages = validate_profile(raw, base_dir=base_dir)
    # The profile's own messages come first, in form order; answers and files follow.
    combined = {
        **profile_messages,
        **{k: v for k, v in messages.items() if k not in profile_messages},
    }
    if combined:
        return None, combined, ""
    return profile, {}, note


def read_roster(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    allow_files: bool = True,
    max_bytes: int = MAX_ROSTER_BYTES,
    label: str | None = None,
) -> RosterImport:
    r"""Read a coach's roster: a profile for every good row, a reason for every bad one.

    Parameters
    ----------
    source : str, path-like, bytes, bytearray or memoryview
        The roster file's path, or its contents (for example from an upload).
    base_dir : str or path-like, optional
        Folder that relative ``obstacle_profile`` paths are resolved against;
        by default the roster's folder (the current folder for bytes).
    allow_files : bool, optional
        Whether ``obstacle_profile`` may name a file. The clinic app passes
        ``False``: an uploaded roster must not open files on the server.
    max_bytes : int, optional
        Largest roster accepted (default 10 MB).
    label : str, optional
        The file's name in messages and in :attr:`RosterImport.label`; by default
        the path's name, or ``"roster"`` for bytes.

    Returns
    -------
    RosterImport
        The profiles of the good rows, the rejected rows, and notes.

    Raises
    ------
    DataValidationError
        Only when no row can be read at all: the file is too large, not UTF-8
        or Windows-1252 text, not CSV, empty, or lacks a required column.
    FileNotFoundError
        If the path does not exist.

    Examples
    --------
    >>> roster = read_roster(
    ...     b"athlete,level,start_date,weeks,training_days\n"
    ...     b"Ana,beginner,2025-03-03,8,mon|thu\n"
    ...     b"Ben,expert,2025-03-03,8,mon|thu\n"
    ... )
    >>> roster.athletes, roster.rejected[0].who, roster.rejected[0].fields
    (('Ana',), 'Ben', ('level',))
    """
    label = label or source_label(source, "roster")
    if base_dir is not None:
        folder: str | os.PathLike[str] | None = base_dir
    elif isinstance(source, bytes | bytearray | memoryview):
        folder = None
    else:
        folder = Path(source).parent
    known = (*PLAN_PROFILE_COLUMNS, *ANSWER_COLUMNS)
    rows, encoding = read_csv_rows(source, label, columns=known, max_bytes=max_bytes)
    if not rows:
        raise DataValidationError([Problem(label, None, None, None, "is empty")])
    header = [_roster_header(h) for h in rows[0]]
    missing = [c for c in PLAN_PROFILE_REQUIRED if c not in header]
    # one line for all of them: a stray file lacks every one, five lines said little more
    noun = "column is" if len(missing) == 1 else "columns are"
    problems = (
        [Problem(label, 1, None, None, f"required {noun} missing: {', '.join(missing)}")]
        if missing
        else []
    )
    problems += [
        Problem(label, 1, h, None, "appears twice in the header")
        for i, h in enumerate(header)
        if h and h in header[:i]
    ]
    if problems:
        refuse_other_kind(
            rows[0],
            label,
            "roster",
            "choose a roster with one athlete per row (download the template below)",
        )
        raise DataValidationError(problems)
    notes: list[str] = []
    if encoding == "cp1252":
        notes.append("The file was not UTF-8; it was read as Windows-1252 text.")
    ignored = [h for h in header if h not in known]
    if ignored:
        shown = ", ".join(repr(h) if h else "(no name)" for h in ignored)
        notes.append(f"Ignored columns the roster format does not use: {shown}.")
    ragged: list[Problem] = []
    profiles: list[Profile] = []
    numbers: list[int] = []
    rejected: list[RejectedRow] = []
    seen: dict[str, int] = {}
    for number, record in iter_records(rows, header, label, ragged):
        profile, messages, note = _check_record(record, base_dir=folder, allow_files=allow_files)
        name = clean_athlete(record.get(_ATHLETE, ""))
        key = name.casefold()
        if profile is not None and key in seen:
            messages = {
                _ATHLETE: (
                    f"Row {seen[key]} already has an athlete called this; give each athlete a "
                    "different name, so that plans and logs do not mix."
                )
            }
            profile = None
        if profile is None:
            rejected.append(RejectedRow(number, name, tuple(messages.items())))
            continue
        seen[key] = number
        profiles.append(profile)
        numbers.append(number)
        if note:
            notes.append(f"{name}: {note}.")
    index = header.index(_ATHLETE)
    for problem in ragged:
        cells = rows[problem.row - 1] if problem.row else []
        name = clean_athlete(restore_cell(cells[index])) if len(cells) > index else ""
        message = f"The row {problem.message}."  # e.g. "has 2 cells, the header has 12"
        rejected.append(RejectedRow(problem.row or 0, name, (("", message),)))
    rejected.sort(key=lambda r: r.row)
    if not profiles and not rejected:
        notes.append("The roster has a header but no athlete rows.")
    return RosterImport(label, tuple(profiles), tuple(numbers), tuple(rejected), tuple(notes))


def merge_rosters(parts: Sequence[RosterImport]) -> RosterImport:
    r"""Join rosters read from several files into one, as if they were one file.

    A coach may collect one plan profile file per athlete (the plan builder of
    notebook 05 downloads one) instead of a single roster. The athletes keep
    the order of the files and of their rows. An athlete already in an earlier
    file (the same name, ignoring case) is rejected, as a repeated row of one
    roster is, because plans and logs are matched by name.

    Parameters
    ----------
    parts : sequence of RosterImport
        What :func:`read_roster` found in each file, labelled with its name.

    Returns
    -------
    RosterImport
        Labelled with the number of files. With more than one file, each
        rejected row's messages and each note start with its file's name (the
        row numbers are those of that file).

    Examples
    --------
    >>> head = b"athlete,level,start_date,weeks,training_days\n"
    >>> ana = read_roster(head + b"Ana,beginner,2025-03-03,8,mon\n", label="ana.csv")
    >>> again = read_roster(head + b"ANA,advanced,2025-03-03,8,tue\n", label="ana2.csv")
    >>> merged = merge_rosters([ana, again])
    >>> merged.athletes, merged.rejected[0].problems[0][1][:47]
    (('Ana',), 'ana2.csv: ana.csv already has an athlete called')
    """
    if len(parts) == 1:
        return parts[0]
    profiles: list[Profile] = []
    numbers: list[int] = []
    rejected: list[RejectedRow] = []
    notes: list[str] = []
    seen: dict[str, str] = {}  # athlete (case folded) -> the file that has them

    def labelled(label: str, row: RejectedRow) -> RejectedRow:
        problems = tuple((field, f"{label}: {message}") for field, message in row.problems)
        return RejectedRow(row.row, row.athlete, problems)

    for part in parts:
        repeated: list[RejectedRow] = []
        for profile, number in zip(part.profiles, part.rows, strict=True):
            first = seen.get(profile.athlete.casefold())
            if first is not None:
                message = (
                    f"{first} already has an athlete called this; give each athlete a "
                    "different name, so that plans and logs do not mix."
                )
                repeated.append(RejectedRow(number, profile.athlete, ((_ATHLETE, message),)))
                continue
            seen[profile.athlete.casefold()] = part.label
            profiles.append(profile)
            numbers.append(number)
        in_order = sorted((*part.rejected, *repeated), key=lambda r: r.row)
        rejected += [labelled(part.label, row) for row in in_order]
        notes += [f"{part.label}: {note}" for note in part.notes]
    label = f"{len(parts)} files"
    return RosterImport(label, tuple(profiles), tuple(numbers), tuple(rejected), tuple(notes))


def rejected_frame(rejected: Iterable[RejectedRow]) -> pd.DataFrame:
    """List rejected rows as a table: one line per bad field.

    Parameters
    ----------
    rejected : iterable of RejectedRow
        As in :attr:`RosterImport.rejected`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REJECTED_COLUMNS`: ``row`` (int), ``athlete`` (the name,
        or ``"row N"``), ``field`` (``"(whole row)"`` when no single field is
        at fault) and ``message``.
    """
    lines = [
        (r.row, r.who, field or "(whole row)", message)
        for r in rejected
        for field, message in r.problems
    ]
    return pd.DataFrame(lines, columns=list(REJECTED_COLUMNS))


def roster_columns() -> pd.DataFrame:
    """Describe the roster's columns for a coach: one row per column.

    Returns
    -------
    pandas.DataFrame
        Columns ``column``, ``required`` (``"yes"``/``"no"``), ``allowed`` (the
        choices or the range) and ``description``, in file order, and a last
        row for the self-assessment answer columns.
    """
    rows = []
    for col in ROSTER.columns:
        if col.choices:
            allowed = ", ".join(col.choices)
        elif col.minimum is not None and col.maximum is not None:
            allowed = f"{col.minimum:g} to {col.maximum:g}"
        elif col.kind == "date":
            allowed = "YYYY-MM-DD"
        else:
            allowed = ""
        text = col.description.replace("`", "")  # shown as a table, not as Markdown
        rows.append((col.name, "yes" if col.required else "no", allowed, text))
    rows.append(
        (
            "(answers)",
            "no",
            "one column per question",
            "Instead of obstacles: the self-assessment answers of notebook 03, scored as "
            f"the form scores them; write {SKIPPED} for a test that was not done (download "
            "the template with answers from the app).",
        )
    )
    return pd.DataFrame(rows, columns=["column", "required", "allowed", "description"])


def roster_table(profiles: Iterable[Profile]) -> pd.DataFrame:
    """Show profiles as roster rows (lists joined with ``|``), one per athlete.

    Parameters
    ----------
    profiles : iterable of Profile
        The athletes.

    Returns
    -------
    pandas.DataFrame
        The roster's columns except ``obstacle_profile``, as text.
    """
    columns = [c for c in PLAN_PROFILE_COLUMNS if c != "obstacle_profile"]
    records = [profile_to_record(p) for p in profiles]
    return pd.DataFrame([[r[c] for c in columns] for r in records], columns=columns)


def sample_roster_bytes() -> bytes:
    """Return the contents of the shipped sample roster, ``data/sample_roster.csv``."""
    return (data_dir() / SAMPLE_ROSTER_FILE).read_bytes()


def load_sample_roster() -> RosterImport:
    """Read the shipped sample roster: a dozen made-up athletes, all valid.

    Returns
    -------
    RosterImport
        Twelve profiles and no rejected rows.
    """
    return read_roster(sample_roster_bytes(), allow_files=False)


def roster_template(with_answers: bool = False) -> bytes:
    """Return a roster template for a spreadsheet: the header and one example row.

    Parameters
    ----------
    with_answers : bool, optional
        Add one column per self-assessment question (notebook 03), filled in
        for the example athlete, instead of obstacle scores.

    Returns
    -------
    bytes
        UTF-8 CSV with a byte-order mark and CRLF line ends; :func:`read_roster`
        reads it as one good row.
    """
    example = Profile(
        athlete="Example Runner (replace this row)",
        level="beginner",
        start_date=date(2026, 3, 2),
        weeks=8,
        training_days=("mon", "wed", "fri"),
        run_days=("tue", "sat"),
        key_run_days=("sat",),
        equipment=("mini_band", "wall"),
        obstacles=() if with_answers else (("weak_unstable", 40), ("tight_hip_flexors", 60)),
    )
    record = profile_to_record(example)
    columns = list(PLAN_PROFILE_COLUMNS)
    if with_answers:
        columns += ANSWER_COLUMNS
        for name in ANSWER_COLUMNS:
            value = EXAMPLE_RAW.get(name, "")
            record[name] = ("yes" if value else "no") if isinstance(value, bool) else str(value)
    return table_csv_rows(columns, [[record[c] for c in columns]])


def table_csv_rows(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Write rows as a formula-safe CSV file.

    Parameters
    ----------
    header : sequence of str
        The column names.
    rows : iterable of sequence
        The cells; ``None`` is written as an empty cell, anything else with ``str``.

    Returns
    -------
    bytes
        UTF-8 with a byte-order mark, CRLF line ends, every field quoted; a
        cell that would start a spreadsheet formula gets a leading apostrophe
        (:func:`~gluteutils.files.neutralise_cell`).
    """
    buffer = io.StringIO()
    # QUOTE_ALL keeps a carriage return inside a cell from splitting a row (gh-67044).
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise_cell("" if v is None else str(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def table_csv(frame: pd.DataFrame) -> bytes:
    """Write a table as a formula-safe CSV file (see :func:`table_csv_rows`).

    Dates are written ``YYYY-MM-DD``, timestamps at midnight likewise, and
    missing values as empty cells.
    """

    def cell(value: object) -> object:
        if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat() if value == value.normalize() else value.isoformat()
        return value

    rows = [[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    return table_csv_rows([str(c) for c in frame.columns], rows)


# --------------------------------------------------------------------------- batch plans

#: Called after each plan is built: ``progress(done, total, athlete)``.
ProgressCallback = Callable[[int, int, str], None]


def build_plans(
    profiles: Sequence[Profile],
    library: pd.DataFrame,
    progress: ProgressCallback | None = None,
) -> dict[str, pd.DataFrame]:
    """Build every athlete's plan.

    Parameters
    ----------
    profiles : sequence of Profile
        The athletes, for example :attr:`RosterImport.profiles`; names must be
        distinct (ignoring case), as :func:`read_roster` ensures.
    library : pandas.DataFrame
        The exercise library (:func:`gluteutils.exercises.load_exercises`).
    progress : callable, optional
        Called after each plan as ``progress(done, total, athlete)``, for a
        progress bar.

    Returns
    -------
    dict of str to pandas.DataFrame
        Each athlete's plan (:func:`gluteutils.plan.build_plan`), keyed by
        name, in the order of ``profiles``.

    Raises
    ------
    ValueError
        If two profiles share a name.
    """
    names = [p.athlete.casefold() for p in profiles]
    repeated = sorted({p.athlete for p in profiles if names.count(p.athlete.casefold()) > 1})
    if repeated:
        raise ValueError(f"each athlete needs a distinct name; repeated: {repeated}")
    plans: dict[str, pd.DataFrame] = {}
    for done, profile in enumerate(profiles, start=1):
        plans[profile.athlete] = build_plan(profile, library)
        if progress is not None:
            progress(done, len(profiles), profile.athlete)
    return plans


def _exercise_names() -> dict[str, str]:
    library = load_exercises()
    return dict(zip(library["exercise_id"], library["name"], strict=True))


def _week_ranges(plan: pd.DataFrame) -> str:
    """Say which weeks each stage covers, e.g. ``activate 1-2, strengthen 3-5``."""
    if plan.empty:
        return ""
    weeks = plan.groupby("stage")["week"].agg(["min", "max"])
    parts = []
    for stage in PLAN_STAGES:
        if stage in weeks.index:
            low, high = int(weeks.loc[stage, "min"]), int(weeks.loc[stage, "max"])
            parts.append(f"{stage} {low}" if low == high else f"{stage} {low}-{high}")
    return ", ".join(parts)


def _focus(profile: Profile, names: Mapping[str, str]) -> str:
    """Name the athlete's main obstacles, highest score first, or say there are none."""
    if not profile.obstacles:
        return "no self-assessment"
    ranked = sorted((p for p in profile.obstacles if p[1] > 0), key=lambda p: -p[1])[:3]
    if not ranked:
        return "no obstacle scored"
    return ", ".join(f"{names.get(o, o)} {score}" for o, score in ranked)


def _flags(profile: Profile, plan: pd.DataFrame, exercise_names: Mapping[str, str]) -> list[str]:
    """List what a coach should notice about a plan before handing it out."""
    flags = []
    if profile.goal == "pre_run_only":
        flags.append("pre-run routine only")
    if not profile.obstacles:
        flags.append("no obstacle profile: obstacles weighted alike")
    swapped = sorted({exercise_names.get(s, s) for s in plan["substituted_for"] if s})
    if swapped:
        flags.append(f"swapped for missing equipment: {', '.join(swapped)}")
    if not profile.run_days:
        flags.append("no run days given")
    eves = strength_before_key_runs(plan, profile)
    if eves:
        days = ", ".join(f"{eve} before {day}" for eve, day in eves)
        flags.append(f"strength day before a long or hard run ({days})")
    return flags


def _summary_row(
    profile: Profile, plan: pd.DataFrame, names: Mapping[str, str], exercises: Mapping[str, str]
) -> dict[str, object]:
    weekly = weekly_summary(plan)
    minutes = float(weekly["minutes"].mean()) if len(weekly) else 0.0
    return {
        "athlete": profile.athlete,
        "level": profile.level,
        "start_date": profile.start_date,
        "end_date": profile.start_date + timedelta(days=7 * profile.weeks - 1),
        "weeks": profile.weeks,
        "training_days": ", ".join(profile.training_days),
        "run_days": ", ".join(profile.run_days),
        "days": int(plan["date"].nunique()),
        "minutes_per_week": round(minutes),
        "stages": _week_ranges(plan),
        "focus": _focus(profile, names),
        "flags": "; ".join(_flags(profile, plan, exercises)),
    }


def roster_summary(profiles: Sequence[Profile], plans: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Sum up every athlete's plan in one line.

    Parameters
    ----------
    profiles : sequence of Profile
        The athletes, in the order to list them.
    plans : mapping of str to pandas.DataFrame
        Their plans by name, as from :func:`build_plans`.

    Returns
    -------
    pandas.DataFrame
        One row per athlete, columns :data:`SUMMARY_COLUMNS`: ``days`` is the
        number of dates with any training, ``minutes_per_week`` the mean
        planned minutes of a week (whole minutes; estimates), ``stages`` the
        weeks of each stage, ``focus`` the three highest obstacle scores and
        ``flags`` what a coach should check (``; ``-separated, may be empty).

    Raises
    ------
    KeyError
        If an athlete has no plan.
    """
    names, exercises = obstacle_names(), _exercise_names()
    rows = [_summary_row(p, plans[p.athlete], names, exercises) for p in profiles]
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    for column in ("weeks", "days", "minutes_per_week"):
        frame[column] = frame[column].astype("int64")
    return frame


def plan_summary_line(profile: Profile, plan: pd.DataFrame) -> str:
    """Sum up one athlete's plan in a sentence, for a list of the group.

    Parameters
    ----------
    profile : Profile
        The athlete.
    plan : pandas.DataFrame
        Their plan.

    Returns
    -------
    str
        Plain text (escape it before showing it as HTML), for example
        ``"Ana: beginner, 8 weeks from 2025-03-03 (mon, wed, fri), 40 training
        days, about 110 min a week; activate 1-2, strengthen 3-5, integrate 6-8."``
    """
    row = _summary_row(profile, plan, obstacle_names(), _exercise_names())
    text = (
        f"{row['athlete']}: {row['level']}, {row['weeks']} week"
        f"{'' if row['weeks'] == 1 else 's'} from {row['start_date']:%Y-%m-%d} "
        f"({row['training_days']}), {row['days']} training days, about "
        f"{row['minutes_per_week']} min a week; {row['stages']}."
    )
    if row["flags"]:
        text += f" Check: {row['flags']}."
    return text


# --------------------------------------------------------------------------- the zip file


def athlete_folders(profiles: Sequence[Profile]) -> list[str]:
    """Name one folder per athlete for the zip file: safe, and unique whatever the names.

    The roster position comes first (``01_``, ``02_``, ...), so two names that
    reduce to the same safe text (``"Ana/Lee"`` and ``"Ana Lee"``), names that
    differ only in case, reserved device names such as ``CON`` and names with
    nothing safe in them (``"<>"`` becomes ``athlete``) still get distinct,
    harmless folders on every operating system.

    Parameters
    ----------
    profiles : sequence of Profile
        The athletes, in roster order.

    Returns
    -------
    list of str
        One folder name per profile: letters, digits, ``.``, ``-`` and ``_``
        only, at most 48 characters.
    """
    return folder_names([p.athlete for p in profiles])


def folder_names(athletes: Sequence[str]) -> list[str]:
    """Return :func:`athlete_folders` for names, in roster order."""
    width = max(2, len(str(len(athletes))))
    return [
        f"{i:0{width}d}_{safe_filename(name, default='athlete')[:40]}"
        for i, name in enumerate(athletes, start=1)
    ]


def _plan_stem(profile: Profile) -> str:
    """File name stem of a plan, as the plan builder names it."""
    return safe_filename(f"glute-plan-{profile.athlete}-{profile.start_date}")


def plans_zip(
    profiles: Sequence[Profile],
    plans: Mapping[str, pd.DataFrame],
    *,
    stamp: datetime | None = None,
) -> bytes:
    """Pack every athlete's plan CSV and calendar, and the roster summary, into one zip.

    Layout: ``roster_summary.csv`` at the top (the :func:`roster_summary` table
    plus each athlete's ``folder``), then one folder per athlete
    (:func:`athlete_folders`) holding ``glute-plan-<name>-<start>.csv``
    (:func:`~gluteutils.plan_csv.plan_to_csv`) and the same name with ``.ics``
    (:func:`~gluteutils.plan_calendar.plan_to_ics`). Every CSV is UTF-8 with a
    byte-order mark and formula-safe.

    Parameters
    ----------
    profiles : sequence of Profile
        The athletes, in roster order.
    plans : mapping of str to pandas.DataFrame
        Their plans by name (:func:`build_plans`).
    stamp : datetime.datetime, optional
        Time written into the calendars and as the files' date in the zip;
        defaults to now (UTC). Pass a fixed time for byte-identical output.

    Returns
    -------
    bytes
        The zip file.
    """
    when = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    folders = athlete_folders(profiles)
    summary = roster_summary(profiles, plans)
    summary["folder"] = folders
    members: list[tuple[str, bytes]] = [("roster_summary.csv", table_csv(summary))]
    for profile, folder in zip(profiles, folders, strict=True):
        plan = plans[profile.athlete]
        stem = _plan_stem(profile)
        members.append((f"{folder}/{stem}.csv", plan_to_csv(plan)))
        members.append((f"{folder}/{stem}.ics", plan_to_ics(plan, stamp=when)))
    buffer = io.BytesIO()
    # zip dates start in 1980; clamp so any stamp gives a valid member date
    date_time = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # an ordinary readable file when unpacked
            archive.writestr(info, data)
    return buffer.getvalue()


def zip_filename(day: date) -> str:
    """Return the suggested name of the plans zip, ``clinic-plans-YYYY-MM-DD.zip``."""
    return f"clinic-plans-{day.isoformat()}.zip"
