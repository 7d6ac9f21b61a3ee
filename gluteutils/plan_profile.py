"""The runner's profile for the plan builder: check it, write it, read it back.

A :class:`Profile` holds everything :func:`gluteutils.plan.build_plan` needs:
who the plan is for, their level, when it starts and for how many weeks, the
days they train and run, the daily activation time, their equipment, their
obstacle profile from notebook 03 (or none), the goal and the load unit.

:func:`validate_profile` turns raw values, as a form or a CSV cell gives them
(strings, lists, dates, numbers), into a :class:`Profile`, or into one
plain-language message per bad field; it never raises for bad input.

The same fields make a one-row CSV file, the *plan profile* format
(:data:`PLAN_PROFILE`), which is also the coach's roster format: one row per
athlete. :func:`plan_profile_to_csv` writes it and :func:`read_plan_profile`
(one row) or :func:`read_plan_profiles` (any number of rows) read it back.
The file is UTF-8 with a byte-order mark, lines end in CRLF, and a
free-text cell that would start a spreadsheet formula gets a leading
apostrophe (:func:`gluteutils.files.neutralise_cell`), removed on import.

============================ ============================================================
column                       content
============================ ============================================================
``athlete``                  the runner's name, 1-80 characters (required)
``level``                    ``beginner``, ``intermediate`` or ``advanced`` (required)
``start_date``               first day of the plan, ``YYYY-MM-DD`` (required)
``weeks``                    whole number 1-16 (required)
``training_days``            weekday codes ``mon|wed|fri`` (required, at least one)
``run_days``                 weekday codes, may be empty
``key_run_days``             the run days with a long or hard run, may be empty; strength
                             days avoid the day before them where the training days allow
``activation_minutes``       whole number 10-20; empty means 15
``equipment``                equipment ids ``band|dumbbell``; ``none`` is always implied
``obstacles``                ``obstacle_id:score|...``, scores 0-100; empty when none; an
                             obstacle the self-assessment could not check is left out
``obstacle_profile``         path to a notebook-03 profile file, relative to this file
``goal``                     ``full_programme`` (default) or ``pre_run_only``
``units``                    ``kg`` (default) or ``lb``
============================ ============================================================

Give ``obstacles`` or ``obstacle_profile``, not both. Weekdays may also be
written as English names (``Monday``) and list items may be separated by
``,`` instead of ``|``; dates may also be written day first (``31/12/2025``,
``31.12.2025``), as a spreadsheet re-saves them. Cells of a file saved with
``;`` or tab separators are read too.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .assessment import ObstacleProfile
from .errors import DataValidationError, Problem
from .files import (
    WHOLE_NUMBER_LIMIT,
    file_error,
    iter_records,
    neutralise_cell,
    normalise_header,
    read_csv_rows,
    restore_cell,
    source_label,
    whole_number,
)
from .plan_columns import LOAD_UNITS, WEEKDAY_NAME_OF, WEEKDAY_NAMES, WEEKDAYS
from .schema import EQUIPMENT, LIST_SEPARATOR, OBSTACLE_IDS, Column, TableSchema

#: Experience levels a profile may have (the library's levels, ACSM's novice to advanced).
PROFILE_LEVELS = ("beginner", "intermediate", "advanced")
#: Goals: a short activation routine before runs only, or the whole staged programme.
GOALS = ("full_programme", "pre_run_only")
#: Fewest and most weeks a plan may have.
MIN_WEEKS, MAX_WEEKS = 1, 16
#: Daily activation time allowed, in minutes: the articles' 10 to 20 minutes a day
#: (Arsenault, Livestrong: ``arsenault_livestrong``).
MIN_ACTIVATION_MINUTES, MAX_ACTIVATION_MINUTES = 10, 20
#: Daily activation time when the profile gives none: the middle of 10 to 20 minutes.
DEFAULT_ACTIVATION_MINUTES = 15
#: Longest athlete name, in characters.
MAX_ATHLETE_CHARS = 80
#: Earliest and latest start year accepted (keeps every plan date a valid calendar date).
MIN_YEAR, MAX_YEAR = 1900, 2100
#: What a reader says of a date outside those years (log, plan, app export, log form).
OUTSIDE_YEARS = f"must be in the years {MIN_YEAR} to {MAX_YEAR}"

#: Values a profile field takes when the raw value is missing or empty.
PROFILE_DEFAULTS: dict[str, object] = {
    "run_days": (),
    "key_run_days": (),
    "activation_minutes": DEFAULT_ACTIVATION_MINUTES,
    "equipment": (),
    "obstacles": (),
    "goal": "full_programme",
    "units": "kg",
}

_DAY_NAMES = {name.lower(): code for code, name in zip(WEEKDAYS, WEEKDAY_NAMES, strict=True)}
_SPLIT = re.compile(r"[|,]")
_INT_TEXT = re.compile(r"^[+-]?\d+$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


@dataclass(frozen=True)
class Profile:
    """Everything the plan builder needs to know about one runner.

    Build it with :func:`validate_profile` from raw values; constructing it
    directly checks the same limits and raises :class:`ValueError`.

    Attributes
    ----------
    athlete : str
        The runner's name: 1-80 characters, no control characters, no leading
        or trailing spaces; otherwise as typed (it is always shown escaped).
    level : {"beginner", "intermediate", "advanced"}
        Training experience; picks from the library's dose ranges.
    start_date : datetime.date
        First day of the plan.
    weeks : int
        Number of weeks, 1-16.
    training_days : tuple of str
        Weekday codes (:data:`~gluteutils.plan_columns.WEEKDAYS`) of glute
        training days, at least one, in week order.
    run_days : tuple of str
        Weekday codes of run days (may be empty), in week order.
    key_run_days : tuple of str
        The run days with a long or hard run (may be empty), in week order.
        The plan keeps its strength days off the day before each where the
        training days allow (:func:`gluteutils.plan.build_plan`).
    activation_minutes : int
        Minutes of the daily activation block, 10-20.
    equipment : tuple of str
        Equipment at hand (:data:`~gluteutils.schema.EQUIPMENT` values, in that
        order, without ``"none"``, which is always available).
    obstacles : tuple of (str, int)
        ``(obstacle_id, score)`` pairs from the self-assessment, scores 0-100,
        in :data:`~gluteutils.schema.OBSTACLE_IDS` order; empty when the runner
        did not take it.
    goal : {"full_programme", "pre_run_only"}
        The whole staged programme, or only a short routine before runs
        (which needs at least one run day).
    units : {"kg", "lb"}
        Unit for loads.
    """

    athlete: str
    level: str
    start_date: date
    weeks: int
    training_days: tuple[str, ...]
    run_days: tuple[str, ...] = ()
    key_run_days: tuple[str, ...] = ()
    activation_minutes: int = DEFAULT_ACTIVATION_MINUTES
    equipment: tuple[str, ...] = ()
    obstacles: tuple[tuple[str, int], ...] = ()
    goal: str = "full_programme"
    units: str = "kg"

    def __post_init__(self) -> None:
        errors = _invariant_errors(self)
        if errors:
            raise ValueError("; ".join(f"{k}: {v}" for k, v in errors.items()))

    @property
    def available_equipment(self) -> frozenset[str]:
        """Return the equipment at hand, ``"none"`` included."""
        return frozenset(("none", *self.equipment))

    def obstacle_score(self, obstacle_id: str) -> int:
        """Return the score (0-100) of one obstacle, 0 when the profile has none."""
        return dict(self.obstacles).get(obstacle_id, 0)


def _invariant_errors(p: Profile) -> dict[str, str]:
    """Check an already-typed profile; used by ``Profile.__post_init__``."""
    errors: dict[str, str] = {}
    if (
        not isinstance(p.athlete, str)
        or clean_athlete(p.athlete) != p.athlete
        or not 1 <= len(p.athlete) <= MAX_ATHLETE_CHARS
    ):
        errors["athlete"] = "must be 1-80 characters, trimmed, without control characters"
    if p.level not in PROFILE_LEVELS:
        errors["level"] = f"must be one of {', '.join(PROFILE_LEVELS)}"
    if (
        not isinstance(p.start_date, date)
        or isinstance(p.start_date, datetime)
        or not MIN_YEAR <= p.start_date.year <= MAX_YEAR
    ):
        errors["start_date"] = f"must be a datetime.date in {MIN_YEAR}-{MAX_YEAR}"
    if not _is_int(p.weeks) or not MIN_WEEKS <= p.weeks <= MAX_WEEKS:
        errors["weeks"] = f"must be a whole number from {MIN_WEEKS} to {MAX_WEEKS}"
    for name in ("training_days", "run_days", "key_run_days"):
        days = getattr(p, name)
        if not isinstance(days, tuple) or days != tuple(d for d in WEEKDAYS if d in days):
            errors[name] = "must be distinct weekday codes in week order"
    if "key_run_days" not in errors and not set(p.key_run_days) <= set(p.run_days):
        errors["key_run_days"] = "must be run days too"
    if not p.training_days:
        errors["training_days"] = "must name at least one day"
    if (
        not _is_int(p.activation_minutes)
        or not MIN_ACTIVATION_MINUTES <= p.activation_minutes <= MAX_ACTIVATION_MINUTES
    ):
        errors["activation_minutes"] = "must be a whole number from 10 to 20"
    wanted = tuple(e for e in EQUIPMENT if e != "none" and e in p.equipment)
    if not isinstance(p.equipment, tuple) or p.equipment != wanted:
        errors["equipment"] = "must be distinct equipment ids in schema order, without 'none'"
    ids = [pair[0] for pair in p.obstacles] if isinstance(p.obstacles, tuple) else None
    if (
        ids is None
        or ids != [o for o in OBSTACLE_IDS if o in ids]
        or any(
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not _is_int(pair[1])
            or not 0 <= pair[1] <= 100
            for pair in p.obstacles
        )
    ):
        errors["obstacles"] = "must be distinct (obstacle_id, score 0-100) pairs in id order"
    if p.goal not in GOALS:
        errors["goal"] = f"must be one of {', '.join(GOALS)}"
    elif p.goal == "pre_run_only" and not p.run_days:
        errors["run_days"] = "a pre-run routine only needs at least one run day"
    if p.units not in LOAD_UNITS:
        errors["units"] = f"must be one of {', '.join(LOAD_UNITS)}"
    return errors


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def clean_athlete(text: str) -> str:
    r"""Remove control characters from a name and trim surrounding spaces.

    Control characters (Unicode category ``Cc``: tab, CR, LF, NUL, DEL, ...)
    and the Unicode line and paragraph separators are dropped, because they
    break CSV rows, calendar files and tables; everything else is kept as
    typed, markup and formula-like text included (it is escaped on display and
    neutralised on export).

    Examples
    --------
    >>> clean_athlete("  Ana\r\nMaría ")
    'AnaMaría'
    """
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Zl", "Zp"))
    return kept.strip()


# --- parsing raw values, one function per kind; each returns (value, message) ---


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) == 0
    return False


def _shown(item: object) -> str:
    """Quote a bad value for a message, shortened so a long paste stays readable."""
    text = str(item)
    return repr(text if len(text) <= 30 else text[:27] + "...")


def _parse_int(value: object, what: str, low: int, high: int) -> tuple[int | None, str | None]:
    limits = f"{what} must be a whole number from {low} to {high}"
    if isinstance(value, bool):
        return None, limits + "."
    if isinstance(value, int):
        number = whole_number(value)
    elif isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            return None, limits + "."
        number = whole_number(int(value))
    elif isinstance(value, str) and _INT_TEXT.match(value.strip()):
        number = whole_number(value.strip())
    else:
        return None, f"{limits}; {_shown(value)} is not a whole number."
    if abs(number) >= WHOLE_NUMBER_LIMIT:
        return None, f"{limits}; that number is far too large."
    if not low <= number <= high:
        return None, f"{limits} (you gave {number})."
    return number, None


def _parse_date(value: object) -> tuple[date | None, str | None]:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        parsed: date | None = value
    elif isinstance(value, str):
        text = value.strip()
        parsed = None
        try:
            parsed = date.fromisoformat(text)
        except ValueError:
            match = _DAY_FIRST.match(text)
            if match:
                day, month, year = (int(g) for g in match.groups())
                try:
                    parsed = date(year, month, day)
                except ValueError:
                    parsed = None
        if parsed is None:
            return None, (
                f"The start date {_shown(value)} is not a date; write it as YYYY-MM-DD, "
                "for example 2025-03-03."
            )
    else:
        return None, "The start date is not a date; write it as YYYY-MM-DD."
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None, f"The start date must be between the years {MIN_YEAR} and {MAX_YEAR}."
    return parsed, None


def _items(value: object) -> list[str] | None:
    """Split a list field: a ``|``- or comma-separated string, or a list of strings."""
    if isinstance(value, str):
        return [item.strip() for item in _SPLIT.split(value) if item.strip()]
    if isinstance(value, (list, tuple, set, frozenset)):
        items = []
        for item in value:
            if not isinstance(item, str):
                return None
            items.extend(part.strip() for part in _SPLIT.split(item) if part.strip())
        return items
    return None


def _parse_days(value: object, what: str) -> tuple[tuple[str, ...] | None, str | None]:
    items = _items(value)
    if items is None:
        return None, f"{what} must be a list of weekdays such as mon|wed|fri."
    codes: set[str] = set()
    unknown = []
    for item in items:
        key = item.lower()
        code = key if key in WEEKDAYS else _DAY_NAMES.get(key)
        if code is None:
            unknown.append(_shown(item))
        else:
            codes.add(code)
    if unknown:
        return None, (f"{what}: {', '.join(unknown)} is not a weekday; use {', '.join(WEEKDAYS)}.")
    return tuple(d for d in WEEKDAYS if d in codes), None


def _parse_equipment(value: object) -> tuple[tuple[str, ...] | None, str | None]:
    items = _items(value)
    if items is None:
        return None, "Equipment must be a list of equipment names such as band|dumbbell."
    unknown = [_shown(i) for i in items if i.lower() not in EQUIPMENT]
    if unknown:
        return None, (f"Unknown equipment {', '.join(unknown)}; use any of {', '.join(EQUIPMENT)}.")
    wanted = {i.lower() for i in items}
    return tuple(e for e in EQUIPMENT if e != "none" and e in wanted), None


def _parse_choice(value: object, what: str, choices: tuple[str, ...]) -> tuple[str | None, str]:
    text = value.strip().lower() if isinstance(value, str) else None
    if text in choices:
        return text, ""
    return None, f"{what} must be one of: {', '.join(choices)}."


def obstacles_from_profile(obstacle_profile: ObstacleProfile) -> tuple[tuple[str, int], ...]:
    """Turn notebook 03's obstacle profile into the profile's ``obstacles`` field.

    Parameters
    ----------
    obstacle_profile : ObstacleProfile
        As made by the self-assessment or read with
        :func:`gluteutils.profile_file.read_profile`.

    Returns
    -------
    tuple of (str, int)
        ``(obstacle_id, score)`` for every obstacle the profile scores, in
        :data:`~gluteutils.schema.OBSTACLE_IDS` order (zero scores included).
        An obstacle the self-assessment could not check at all (its tests
        skipped, its questions answered "Not sure") is left out: its 0 is not
        a finding, so the plan treats it as it treats a runner without a
        self-assessment, with no extra weight either way. One checked in part
        keeps the score of the signs found.
    """
    scores = {s.obstacle_id: int(s.score) for s in obstacle_profile.scores if s.checked != "none"}
    return tuple((o, scores[o]) for o in OBSTACLE_IDS if o in scores)


def _parse_obstacles(value: object) -> tuple[tuple[tuple[str, int], ...] | None, str | None]:
    if isinstance(value, ObstacleProfile):
        return obstacles_from_profile(value), None
    pairs: list[tuple[object, object]] = []
    if isinstance(value, str):
        for item in value.split(LIST_SEPARATOR):
            if not item.strip():
                continue
            name, sep, score = item.partition(":")
            if not sep:
                return None, (
                    f"Obstacles: write each one as obstacle_id:score, not {_shown(item.strip())}."
                )
            pairs.append((name.strip(), score.strip()))
    elif isinstance(value, Mapping):
        pairs = list(value.items())
    elif isinstance(value, Iterable):
        for item in value:
            if not isinstance(item, (tuple, list)) or len(item) != 2:
                return None, "Obstacles must be (obstacle_id, score) pairs."
            pairs.append((item[0], item[1]))
    else:
        return None, "Obstacles must be (obstacle_id, score) pairs."
    scores: dict[str, int] = {}
    for name, score in pairs:
        if name not in OBSTACLE_IDS:
            return None, f"Obstacles: {_shown(name)} is not a known obstacle id."
        if name in scores:
            return None, f"Obstacles: {name} appears twice."
        number, err = _parse_int(score, f"The score of {name}", 0, 100)
        if err:
            return None, err
        scores[str(name)] = number  # type: ignore[assignment]
    return tuple((o, scores[o]) for o in OBSTACLE_IDS if o in scores), None


def _obstacles_from_file(
    value: object, base_dir: str | os.PathLike[str] | None
) -> tuple[tuple[tuple[str, int], ...] | None, str | None]:
    # Imported here: profile_file imports the assessment module, which is large.
    from .profile_file import read_profile

    if isinstance(value, ObstacleProfile):
        return obstacles_from_profile(value), None
    if not isinstance(value, (str, os.PathLike)):
        return None, "The obstacle profile must be a file path."
    path = Path(value)
    if not path.is_absolute():
        path = Path(base_dir if base_dir is not None else Path.cwd()) / path
    try:
        return obstacles_from_profile(read_profile(path)), None
    except FileNotFoundError:
        return None, f"No obstacle profile file at {_shown(value)}."
    except IsADirectoryError:
        return None, f"{_shown(value)} is a folder, not an obstacle profile file."
    except DataValidationError as exc:
        first = exc.problems[0]
        return None, f"The obstacle profile file {_shown(value)} cannot be read: {first}."
    except OSError as exc:
        return None, f"The obstacle profile file {_shown(value)} cannot be opened ({exc.strerror})."


def validate_profile(
    raw: Mapping[str, object], base_dir: str | os.PathLike[str] | None = None
) -> tuple[Profile | None, dict[str, str]]:
    """Check raw profile values and build a :class:`Profile`.

    Parameters
    ----------
    raw : mapping of str to object
        Field values as a form or a CSV row gives them, keyed by the field
        names of :class:`Profile` (strings, numbers, lists of strings,
        ``datetime.date``). ``obstacles`` may also be a mapping, a list of
        pairs, an ``"id:score|..."`` string or an
        :class:`~gluteutils.assessment.ObstacleProfile`. An extra key
        ``obstacle_profile`` may name a notebook-03 profile file (or hold an
        ``ObstacleProfile``) instead of ``obstacles``. Other keys are ignored.
        Missing or empty optional fields take :data:`PROFILE_DEFAULTS`.
    base_dir : str or path-like, optional
        Folder a relative ``obstacle_profile`` path is resolved against
        (default: the current folder).

    Returns
    -------
    profile : Profile or None
        The profile, or ``None`` when any field is bad.
    messages : dict of str to str
        One plain-language message per bad field, keyed by field name
        (``obstacle_profile`` included); empty when the profile is good.
        Messages may quote the bad value: escape them before showing as HTML.

    Examples
    --------
    >>> profile, messages = validate_profile({"athlete": "Ana", "level": "beginner",
    ...     "start_date": "2025-03-03", "weeks": "0", "training_days": "mon|thu"})
    >>> profile is None, messages["weeks"]
    (True, 'Weeks must be a whole number from 1 to 16 (you gave 0).')
    """
    messages: dict[str, str] = {}
    values: dict[str, object] = {}

    def get(name: str) -> object:
        return raw.get(name)

    name = get("athlete")
    athlete = clean_athlete(name) if isinstance(name, str) else ""
    if not athlete:
        messages["athlete"] = "Enter the runner's name."
    elif len(athlete) > MAX_ATHLETE_CHARS:
        messages["athlete"] = (
            f"The name is {len(athlete)} characters long; use at most {MAX_ATHLETE_CHARS}."
        )
    values["athlete"] = athlete

    if _is_empty(get("level")):
        messages["level"] = "Choose a level: beginner, intermediate or advanced."
    else:
        values["level"], err = _parse_choice(get("level"), "The level", PROFILE_LEVELS)
        if err:
            messages["level"] = err

    if _is_empty(get("start_date")):
        messages["start_date"] = "Enter the start date (YYYY-MM-DD)."
    else:
        values["start_date"], err = _parse_date(get("start_date"))
        if err:
            messages["start_date"] = err

    if _is_empty(get("weeks")):
        messages["weeks"] = f"Enter the number of weeks ({MIN_WEEKS} to {MAX_WEEKS})."
    else:
        values["weeks"], err = _parse_int(get("weeks"), "Weeks", MIN_WEEKS, MAX_WEEKS)
        if err:
            messages["weeks"] = err

    if _is_empty(get("training_days")):
        messages["training_days"] = "Choose at least one training day."
    else:
        values["training_days"], err = _parse_days(get("training_days"), "Training days")
        if err:
            messages["training_days"] = err
        elif not values["training_days"]:
            messages["training_days"] = "Choose at least one training day."

    if not _is_empty(get("run_days")):
        values["run_days"], err = _parse_days(get("run_days"), "Run days")
        if err:
            messages["run_days"] = err

    if not _is_empty(get("key_run_days")):
        key_days, err = _parse_days(get("key_run_days"), "Long or hard run days")
        values["key_run_days"] = key_days
        if err:
            messages["key_run_days"] = err
        elif "run_days" not in messages:
            run_days = values.get("run_days")
            runs = set(run_days) if isinstance(run_days, tuple) else set()
            others = [d for d in key_days or () if d not in runs]
            if others:
                names = " and ".join(WEEKDAY_NAME_OF[d] for d in others)
                what, it = ("a run day", "it") if len(others) == 1 else ("run days", "them")
                messages["key_run_days"] = (
                    f"A long or hard run must be on a run day: tick {names} as {what} too, "
                    f"or untick {it} here."
                )

    if not _is_empty(get("activation_minutes")):
        values["activation_minutes"], err = _parse_int(
            get("activation_minutes"),
            "Activation minutes",
            MIN_ACTIVATION_MINUTES,
            MAX_ACTIVATION_MINUTES,
        )
        if err:
            messages["activation_minutes"] = err

    if not _is_empty(get("equipment")):
        values["equipment"], err = _parse_equipment(get("equipment"))
        if err:
            messages["equipment"] = err

    has_obstacles = not _is_empty(get("obstacles"))
    has_file = not _is_empty(get("obstacle_profile"))
    if has_obstacles and has_file:
        messages["obstacle_profile"] = (
            "Give either the obstacle scores or an obstacle profile file, not both."
        )
    elif has_obstacles:
        values["obstacles"], err = _parse_obstacles(get("obstacles"))
        if err:
            messages["obstacles"] = err
    elif has_file:
        values["obstacles"], err = _obstacles_from_file(get("obstacle_profile"), base_dir)
        if err:
            messages["obstacle_profile"] = err

    for field_name, what, choices in (("goal", "The goal", GOALS), ("units", "Units", LOAD_UNITS)):
        if not _is_empty(get(field_name)):
            values[field_name], err = _parse_choice(get(field_name), what, choices)
            if err:
                messages[field_name] = err

    goal = values.get("goal", PROFILE_DEFAULTS["goal"])
    if goal == "pre_run_only" and not values.get("run_days") and "run_days" not in messages:
        messages["run_days"] = "A pre-run routine only needs at least one run day."

    if messages:
        return None, messages
    return Profile(**{**PROFILE_DEFAULTS, **values}), {}  # type: ignore[arg-type]


# --- the plan profile file (also the coach's roster: one row per athlete) ---

PLAN_PROFILE = TableSchema(
    name="plan_profile",
    filename="plan_profile.csv",
    description=(
        "A runner's profile for the plan builder, one row per athlete (a coach's roster "
        "holds many rows). Not shipped in `data/`: written by the plan form and read by "
        "`gluteutils.plan_profile.read_plan_profile` and the command line. UTF-8 with a "
        "byte-order mark; text that would start a spreadsheet formula gets a leading "
        "apostrophe, removed on import. Lists may also use `,`; weekdays may be full "
        "English names; dates may be written day first (`31/12/2025`)."
    ),
    key="athlete",
    columns=(
        Column("athlete", "text", "The runner's name, 1 to 80 characters."),
        Column("level", "choice", "Training experience.", choices=PROFILE_LEVELS),
        Column("start_date", "date", "First day of the plan."),
        Column("weeks", "integer", "Length of the plan.", minimum=MIN_WEEKS, maximum=MAX_WEEKS),
        Column(
            "training_days",
            "list",
            "Days with glute training, at least one.",
            choices=WEEKDAYS,
        ),
        Column(
            "run_days",
            "list",
            "Run days (they get a short pre-run routine).",
            required=False,
            choices=WEEKDAYS,
        ),
        Column(
            "key_run_days",
            "list",
            "The run days with a long or hard run (each must be a run day too). The plan's "
            "strength days avoid the day before each where the training days allow; a note "
            "says when they cannot.",
            required=False,
            choices=WEEKDAYS,
        ),
        Column(
            "activation_minutes",
            "integer",
            "Minutes of the daily activation block; empty means 15.",
            required=False,
            unit="min",
            minimum=MIN_ACTIVATION_MINUTES,
            maximum=MAX_ACTIVATION_MINUTES,
        ),
        Column(
            "equipment",
            "list",
            "Equipment at hand; `none` (body weight) is always implied.",
            required=False,
            choices=EQUIPMENT,
        ),
        Column(
            "obstacles",
            "list",
            "Self-assessment scores as `obstacle_id:score` items (score 0 to 100); empty "
            "when the runner did not take it. An obstacle the self-assessment could not "
            'check (skipped tests, "Not sure" answers) is left out, so it adds no weight.',
            required=False,
        ),
        Column(
            "obstacle_profile",
            "text",
            "Instead of `obstacles`: path of a notebook-03 obstacle profile file, relative "
            "to this file.",
            required=False,
        ),
        Column(
            "goal",
            "choice",
            "The whole staged programme, or only a short routine before runs; empty means "
            "`full_programme`.",
            required=False,
            choices=GOALS,
        ),
        Column(
            "units",
            "choice",
            "Load unit; empty means `kg`.",
            required=False,
            choices=LOAD_UNITS,
        ),
    ),
)

#: Columns of a plan profile file, in file order.
PLAN_PROFILE_COLUMNS: tuple[str, ...] = tuple(PLAN_PROFILE.column_names)
#: Columns that must be present in a plan profile file.
PLAN_PROFILE_REQUIRED: tuple[str, ...] = tuple(c.name for c in PLAN_PROFILE.columns if c.required)
#: Free-text columns, neutralised against spreadsheet formulas on export.
PLAN_PROFILE_FREE_TEXT = ("athlete", "obstacle_profile")


def profile_to_record(profile: Profile) -> dict[str, str]:
    """Write a profile as one row of the plan profile format.

    Parameters
    ----------
    profile : Profile
        The profile.

    Returns
    -------
    dict of str to str
        One string per column of :data:`PLAN_PROFILE_COLUMNS`, lists joined with
        ``|``, obstacles as ``obstacle_id:score`` items, ``obstacle_profile``
        empty. Not neutralised: :func:`validate_profile` of it gives the profile
        back.
    """
    return {
        "athlete": profile.athlete,
        "level": profile.level,
        "start_date": profile.start_date.isoformat(),
        "weeks": str(profile.weeks),
        "training_days": LIST_SEPARATOR.join(profile.training_days),
        "run_days": LIST_SEPARATOR.join(profile.run_days),
        "key_run_days": LIST_SEPARATOR.join(profile.key_run_days),
        "activation_minutes": str(profile.activation_minutes),
        "equipment": LIST_SEPARATOR.join(profile.equipment),
        "obstacles": LIST_SEPARATOR.join(f"{o}:{s}" for o, s in profile.obstacles),
        "obstacle_profile": "",
        "goal": profile.goal,
        "units": profile.units,
    }


def plan_profiles_to_csv(profiles: Iterable[Profile]) -> bytes:
    """Write profiles as a plan profile file (a roster), one row each.

    Parameters
    ----------
    profiles : iterable of Profile
        The profiles, in row order.

    Returns
    -------
    bytes
        UTF-8 CSV with a byte-order mark and CRLF line ends, every field quoted,
        free text neutralised against spreadsheet formulas.
    """
    buffer = io.StringIO()
    # QUOTE_ALL: a bare CR inside a field is then always quoted (gh-67044 safety).
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(PLAN_PROFILE_COLUMNS)
    for profile in profiles:
        record = profile_to_record(profile)
        for column in PLAN_PROFILE_FREE_TEXT:
            record[column] = neutralise_cell(record[column])
        writer.writerow([record[c] for c in PLAN_PROFILE_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def plan_profile_to_csv(profile: Profile) -> bytes:
    """Write one profile as a one-row plan profile file.

    Parameters
    ----------
    profile : Profile
        The profile.

    Returns
    -------
    bytes
        As :func:`plan_profiles_to_csv` with a single row.
    """
    return plan_profiles_to_csv([profile])


def default_profile_filename(profile: Profile) -> str:
    """Return a suggested file name, ``plan-profile-YYYY-MM-DD.csv`` (never the name)."""
    return f"plan-profile-{profile.start_date.isoformat()}.csv"


def read_plan_profiles(
    path_or_bytes: str | os.PathLike[str] | bytes,
    base_dir: str | os.PathLike[str] | None = None,
) -> list[Profile]:
    """Read a plan profile file (a roster) with any number of rows.

    Parameters
    ----------
    path_or_bytes : str, path-like or bytes
        A file path, or the file's contents as bytes.
    base_dir : str or path-like, optional
        Folder that relative ``obstacle_profile`` paths are resolved against;
        by default the file's folder (the current folder for bytes).

    Returns
    -------
    list of Profile
        One per non-blank row, in file order (may be empty).

    Raises
    ------
    DataValidationError
        Listing every problem: not UTF-8, not CSV, missing required or
        unknown columns, rows with the wrong number of cells, and every bad
        field, each named by row (header = row 1) and column.
    FileNotFoundError
        If the path does not exist.
    """
    label = source_label(path_or_bytes, "plan profile")
    if base_dir is not None:
        folder: Path | None = Path(base_dir)
    elif isinstance(path_or_bytes, bytes):
        folder = None
    else:
        folder = Path(path_or_bytes).parent
    # the format is UTF-8 only; any of the three separators, as spreadsheets save it
    rows, _encoding = read_csv_rows(
        path_or_bytes, label, columns=PLAN_PROFILE_COLUMNS, encodings=("utf-8",)
    )
    if not rows:
        raise file_error(label, "is empty")
    header = [normalise_header(h) for h in rows[0]]
    problems = [
        Problem(label, 1, c, None, "required column is missing")
        for c in PLAN_PROFILE_REQUIRED
        if c not in header
    ]
    problems += [
        Problem(label, 1, h, None, "unexpected column (check its spelling)")
        for h in header
        if h not in PLAN_PROFILE_COLUMNS
    ]
    problems += [
        Problem(label, 1, h, None, "appears twice in the header")
        for i, h in enumerate(header)
        if h in header[:i]
    ]
    if problems:
        raise DataValidationError(problems)
    profiles: list[Profile] = []
    for number, record in iter_records(rows, header, label, problems):
        for column in PLAN_PROFILE_FREE_TEXT:
            if column in record:
                record[column] = restore_cell(record[column])
        profile, messages = validate_profile(record, base_dir=folder)
        for column, message in messages.items():
            problems.append(Problem(label, number, column, record.get(column), message))
        if profile is not None:
            profiles.append(profile)
    if problems:
        raise DataValidationError(problems)
    return profiles


def read_plan_profile(
    path_or_bytes: str | os.PathLike[str] | bytes,
    base_dir: str | os.PathLike[str] | None = None,
) -> Profile:
    """Read a plan profile file with exactly one row.

    Parameters
    ----------
    path_or_bytes : str, path-like or bytes
        A file path, or the file's contents as bytes.
    base_dir : str or path-like, optional
        As in :func:`read_plan_profiles`.

    Returns
    -------
    Profile
        The profile; for a file written by :func:`plan_profile_to_csv`, equal
        to the one written.

    Raises
    ------
    DataValidationError
        As :func:`read_plan_profiles`, or when the file holds no row or more
        than one.
    FileNotFoundError
        If the path does not exist.
    """
    profiles = read_plan_profiles(path_or_bytes, base_dir=base_dir)
    if len(profiles) != 1:
        raise file_error(
            source_label(path_or_bytes, "plan profile"),
            f"must hold exactly one athlete row, found {len(profiles)}",
        )
    return profiles[0]
