"""Logging a session by hand: planned sets as editable drafts, typed sets checked, log rows made.

Pure functions behind the logging form of notebook 06
(:class:`gluteutils.log_form.LogForm`):

- :func:`planned_sessions` lists the sessions of a plan (one per date and
  session: before a run, activation, strength) and :func:`session_for_day`
  picks today's;
- :func:`planned_sets` turns one planned session into :class:`SetDraft` rows,
  the values the form pre-fills: a row per set and per side, with the planned
  repetitions, or the seconds of a timed move;
- :func:`check_set` checks the text typed for one set and returns a
  :class:`SetEntry` or one plain-language message per bad field, never an
  exception; :func:`check_session` does the same for the name, date and time;
- :func:`entries_to_log` numbers the sets and makes the rows of a training log
  (the columns of :data:`~gluteutils.log_columns.LOG_COLUMNS`, through
  :func:`gluteutils.log_io.normalise_log`).

Nothing here shows a widget or writes a file.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from .files import whole_number
from .log_columns import LOAD_UNITS, LOG, LOG_COLUMNS, LOG_SIDES
from .log_io import normalise_log
from .plan_columns import SESSIONS
from .plan_profile import MAX_ATHLETE_CHARS, MAX_YEAR, MIN_YEAR, OUTSIDE_YEARS, clean_athlete
from .schema import takes_weight

#: The fields of one set row in the form, in the order they are shown.
SET_FIELDS = (
    "exercise_id",
    "side",
    "reps",
    "duration_s",
    "load",
    "load_unit",
    "rpe",
    "glute_feel",
    "pain",
    "pain_where",
    "notes",
)
#: Longest free text accepted in ``pain_where`` and ``notes``, in characters.
MAX_NOTE_CHARS = 500

_SESSION_NAMES = {"pre_run": "before a run", "activation": "activation", "strength": "strength"}
_INT = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_LIMITS = {c.name: (c.minimum, c.maximum) for c in LOG.columns}


@dataclass(frozen=True)
class PlannedSession:
    """One session of a plan: a date and a part of the day.

    Attributes
    ----------
    day : datetime.date
        The training day.
    session : str
        ``pre_run``, ``activation`` or ``strength``.
    week : int
        Plan week, from 1.
    label : str
        What a dropdown shows, e.g. ``"Mon 3 Mar 2025 (week 1): activation, 3 exercises"``.
    """

    day: date
    session: str
    week: int
    label: str


@dataclass(frozen=True)
class SetDraft:
    """One pre-filled set row, as text the runner can edit.

    Attributes
    ----------
    exercise_id : str
        Exercise from the library.
    side : str
        ``left``, ``right`` or ``both``.
    reps, duration_s, load : str
        Planned repetitions or seconds (one of them empty); load is empty
        (the runner types what they lifted).
    load_unit : str
        ``kg`` or ``lb`` for a loaded exercise (the plan's unit), else empty.
    target : str
        The plan's prescription in words, shown beside the row.
    """

    exercise_id: str
    side: str
    reps: str = ""
    duration_s: str = ""
    load: str = ""
    load_unit: str = ""
    target: str = ""


@dataclass(frozen=True)
class SetEntry:
    """One checked set, typed.

    Attributes
    ----------
    exercise_id : str
        Exercise from the library.
    side : str
        ``left``, ``right`` or ``both``.
    reps : int or None
        Repetitions, or ``None`` for a timed set.
    duration_s : int or None
        Seconds of a timed set, or ``None`` when reps are given.
    load : float or None
        Added load as typed; ``None`` for body weight.
    load_unit : str
        ``kg`` or ``lb``; empty for body weight.
    rpe : float or None
        Rate of perceived exertion, 1-10 in half steps.
    glute_feel : int or None
        How clearly the glutes worked, 0-10.
    pain : int or None
        Pain during the set, 0-10.
    pain_where : str
        Where it hurt.
    notes : str
        Anything else.
    set_type : str
        ``working`` (the form logs working sets), ``warmup`` or ``test``.
    """

    exercise_id: str
    side: str
    reps: int | None
    duration_s: int | None
    load: float | None = None
    load_unit: str = ""
    rpe: float | None = None
    glute_feel: int | None = None
    pain: int | None = None
    pain_where: str = ""
    notes: str = ""
    set_type: str = "working"


# --- planned sessions -----------------------------------------------------------------------


def planned_sessions(plan: pd.DataFrame) -> list[PlannedSession]:
    """List the sessions of a plan in the order they are done.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan (:func:`gluteutils.plan.build_plan` or
        :func:`gluteutils.plan_csv.read_plan`).

    Returns
    -------
    list of PlannedSession
        One per date and session, by date, then before a run, activation,
        strength.
    """
    if plan.empty:
        return []
    order = {name: i for i, name in enumerate(SESSIONS)}
    counts = plan.groupby(["date", "session"], sort=False).agg(
        week=("week", "first"), exercises=("exercise_id", "size")
    )
    keys = sorted(counts.index, key=lambda k: (k[0], order.get(k[1], len(order))))
    sessions = []
    for day, session in keys:
        week = int(counts.loc[(day, session), "week"])
        count = int(counts.loc[(day, session), "exercises"])
        noun = "exercise" if count == 1 else "exercises"
        label = (
            f"{day:%a} {day.day} {day:%b %Y} (week {week}): "
            f"{_SESSION_NAMES.get(session, session)}, {count} {noun}"
        )
        sessions.append(PlannedSession(day, session, week, label))
    return sessions


def session_for_day(sessions: Sequence[PlannedSession], today: date) -> PlannedSession | None:
    """Pick the session to log on ``today``.

    Parameters
    ----------
    sessions : sequence of PlannedSession
        From :func:`planned_sessions`.
    today : datetime.date
        The day the runner logs.

    Returns
    -------
    PlannedSession or None
        The first session on ``today``; else the last one before it (a session
        logged a day late); else the first of the plan. ``None`` without sessions.
    """
    if not sessions:
        return None
    on_day = [s for s in sessions if s.day == today]
    if on_day:
        return on_day[0]
    before = [s for s in sessions if s.day < today]
    return before[-1] if before else sessions[0]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _int_or_none(value: object) -> int | None:
    return None if _missing(value) else int(value)  # type: ignore[call-overload]


def _target(reps: tuple[int | None, int | None], hold: int | None) -> str:
    low, high = reps
    parts = []
    if low is not None:
        parts.append(f"{low}-{high} reps" if high not in (None, low) else f"{low} reps")
    if hold:
        parts.append(f"hold {hold} s" if low is None else f"squeeze {hold} s at the top")
    return ", ".join(parts)


def planned_sets(
    plan: pd.DataFrame, session: PlannedSession, library: pd.DataFrame
) -> list[SetDraft]:
    """Turn one planned session into pre-filled set rows.

    A prescription of ``n`` sets gives ``n`` rows (``2n`` when it is done on
    each side in turn: left, then right). Repetitions are pre-filled with the
    bottom of the planned range, the least the plan asks for; the runner types
    what they really did. A move without a set dose (time-boxed, such as the
    squeezes and drills) gives one timed row with the planned minutes in
    seconds; a set dose with a hold but no repetitions gives timed rows of
    that hold.

    Parameters
    ----------
    plan : pandas.DataFrame
        The plan.
    session : PlannedSession
        Which session (:func:`planned_sessions`).
    library : pandas.DataFrame
        The exercises table, for which exercises take an added load.

    Returns
    -------
    list of SetDraft
        In the plan's order.
    """
    rows = plan[(plan["date"] == session.day) & (plan["session"] == session.session)]
    rows = rows.sort_values("order", kind="stable")
    equipment = dict(zip(library["exercise_id"], library["equipment"], strict=True))
    drafts = []
    for row in rows.itertuples(index=False):
        sets = _int_or_none(row.sets)
        low, high = _int_or_none(row.reps_min), _int_or_none(row.reps_max)
        hold = _int_or_none(row.hold_s)
        sides = ("left", "right") if row.side == "each_side" else ("both",)
        # a load to lift, so the form offers a unit for the exercise
        loaded = takes_weight(equipment.get(row.exercise_id, ()))
        unit = str(row.units) if loaded and row.units in LOAD_UNITS else ""
        target = _target((low, high), hold)
        if sets is None:
            seconds = round(float(row.minutes) * 60)
            target = f"about {_minutes(row.minutes)} in all"
            drafts.append(SetDraft(row.exercise_id, "both", "", str(seconds), "", unit, target))
            continue
        reps, seconds_text = ("", str(hold)) if low is None and hold else (str(low or ""), "")
        for number in range(1, sets + 1):
            for side in sides:
                label = f"set {number} of {sets}" + (f", {side}" if side != "both" else "")
                label += f": {target}" if target else ""
                drafts.append(SetDraft(row.exercise_id, side, reps, seconds_text, "", unit, label))
    return drafts


def _minutes(value: object) -> str:
    minutes = float(value)  # type: ignore[arg-type]
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


# --- checking typed values ------------------------------------------------------------------


def _text(value: object) -> str:
    return "" if _missing(value) else str(value)


def _bounds(name: str, number: float) -> str | None:
    low, high = _LIMITS[name]
    if low is not None and number < low:
        return "must be 0 or more" if low == 0 else f"must be at least {low:g}"
    if high is not None and number > high:
        return f"must be at most {high:g}"
    return None


def _number_text(raw: object) -> str:
    # full-width digits and signs (a Japanese or Chinese keyboard) read as plain ones,
    # as the plan form and the self-assessment already read them
    return unicodedata.normalize("NFKC", _text(raw)).strip()


def _whole(name: str, raw: object) -> tuple[int | None, str | None]:
    text = _number_text(raw)
    if not text:
        return None, None
    if not _INT.fullmatch(text):
        if _NUMBER.fullmatch(text):
            return None, "must be a whole number"
        return None, "must be a number, for example 12"
    number = whole_number(text)
    return number, _bounds(name, number)


def _decimal(name: str, raw: object) -> tuple[float | None, str | None]:
    text = _number_text(raw)
    if not text:
        return None, None
    if not _NUMBER.fullmatch(text):
        return None, "must be a number, for example 22.5 (or 22,5)"
    number = float(text.replace(",", "."))
    return number, _bounds(name, number)


def clean_note(text: str) -> str:
    r"""Tidy free text typed into the form.

    Line breaks become spaces and other control characters are dropped: a lone
    carriage return would split a CSV row on some Python versions (CPython
    gh-67044), and a note is one line anyway. Spaces at the ends are trimmed.

    Examples
    --------
    >>> clean_note(" left glute\r\nafter set 2 ")
    'left glute after set 2'
    """
    spaced = re.sub(r"[\r\n\u2028\u2029]+", " ", text)
    return clean_athlete(spaced)


def check_set(
    raw: Mapping[str, object], exercise_ids: Iterable[str]
) -> tuple[SetEntry | None, dict[str, str]]:
    """Check what the runner typed for one set.

    Parameters
    ----------
    raw : mapping of str to object
        Values by field name (:data:`SET_FIELDS`), as the widgets give them:
        text for the numbers (``"12"``, ``"22,5"``), the chosen option for
        ``exercise_id``, ``side`` and ``load_unit``. Missing fields count as empty.
    exercise_ids : iterable of str
        The exercises a set may name.

    Returns
    -------
    tuple of (SetEntry or None, dict of str to str)
        The set and ``{}``, or ``None`` and one message per bad field: empty
        exercise, unknown side, repetitions and seconds both given or both
        missing, text or negative values in number fields, RPE outside 1-10 or
        not in half steps, glute feel or pain outside 0-10, a load without a unit.
    """
    messages: dict[str, str] = {}
    exercise = _text(raw.get("exercise_id")).strip()
    if not exercise:
        messages["exercise_id"] = "choose an exercise"
    elif exercise not in set(exercise_ids):
        messages["exercise_id"] = "is not an exercise of the library"
    side = _text(raw.get("side")).strip() or "both"
    if side not in LOG_SIDES:
        messages["side"] = f"must be one of {', '.join(LOG_SIDES)}"
    reps, message = _whole("reps", raw.get("reps"))
    if message:
        messages["reps"] = message
    seconds, message = _whole("duration_s", raw.get("duration_s"))
    if message:
        messages["duration_s"] = message
    if "reps" not in messages and "duration_s" not in messages:
        if reps is None and seconds is None:
            messages["reps"] = "give the repetitions, or the seconds of a timed set"
        elif reps is not None and seconds is not None:
            messages["duration_s"] = "give repetitions or seconds, not both"
    load, message = _decimal("load", raw.get("load"))
    if message:
        messages["load"] = message
    unit = _text(raw.get("load_unit")).strip()
    if load is None:
        unit = ""  # body weight: no unit
    elif unit not in LOAD_UNITS:
        messages["load_unit"] = "choose kg or lb for the load"
    rpe, message = _decimal("rpe", raw.get("rpe"))
    if message:
        messages["rpe"] = message
    elif rpe is not None and rpe * 2 != int(rpe * 2):
        messages["rpe"] = "use whole or half numbers, for example 7 or 7.5"
    feel, message = _whole("glute_feel", raw.get("glute_feel"))
    if message:
        messages["glute_feel"] = message.replace("must be at most 10", "must be 0 to 10")
    pain, message = _whole("pain", raw.get("pain"))
    if message:
        messages["pain"] = message.replace("must be at most 10", "must be 0 to 10")
    notes = {name: clean_note(_text(raw.get(name))) for name in ("pain_where", "notes")}
    for name, text in notes.items():
        if len(text) > MAX_NOTE_CHARS:
            messages[name] = f"keep it under {MAX_NOTE_CHARS} characters"
    if messages:
        return None, messages
    entry = SetEntry(
        exercise_id=exercise,
        side=side,
        reps=reps,
        duration_s=seconds,
        load=load,
        load_unit=unit,
        rpe=rpe,
        glute_feel=feel,
        pain=pain,
        pain_where=notes["pain_where"],
        notes=notes["notes"],
    )
    return entry, {}


def check_session(
    athlete: object, day: object, time: object, now: datetime
) -> tuple[tuple[str, datetime] | None, dict[str, str]]:
    """Check the name, date and time of a session.

    Parameters
    ----------
    athlete : object
        The runner's name as typed.
    day : object
        The date, ``YYYY-MM-DD`` (or a :class:`datetime.date`).
    time : object
        The time of day, ``HH:MM`` (24-hour clock).
    now : datetime.datetime
        The present moment: a session in the future is refused.

    Returns
    -------
    tuple of ((str, datetime.datetime) or None, dict of str to str)
        The cleaned name and the session's start, or ``None`` and one message
        per bad field (``athlete``, ``day``, ``time``).
    """
    messages: dict[str, str] = {}
    name = clean_athlete(_text(athlete))
    if not name:
        messages["athlete"] = "type your name (it goes into every row of your log)"
    elif len(name) > MAX_ATHLETE_CHARS:
        messages["athlete"] = f"keep your name to {MAX_ATHLETE_CHARS} characters"
    when_day: date | None = None
    if isinstance(day, date):
        when_day = day
    else:
        match = _DAY.fullmatch(_text(day).strip())
        if not match:
            messages["day"] = "write the date as YYYY-MM-DD, for example 2025-03-03"
        else:
            try:
                when_day = date(*(int(g) for g in match.groups()))
            except ValueError:
                messages["day"] = "is not a real calendar date"
    clock = _TIME.fullmatch(_text(time).strip())
    hour = minute = 0
    if not clock:
        messages["time"] = "write the time as HH:MM, for example 18:30"
    else:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour > 23 or minute > 59:
            messages["time"] = "is not a time of day (00:00 to 23:59)"
    if when_day is not None and not MIN_YEAR <= when_day.year <= MAX_YEAR:
        messages["day"] = OUTSIDE_YEARS
        when_day = None
    if when_day is not None and "time" not in messages:
        start = datetime(when_day.year, when_day.month, when_day.day, hour, minute)
        if start > now:
            messages["day"] = "is in the future: log a session once you have done it"
        elif not messages:
            return (name, start), {}
    return None, messages


# --- making log rows ------------------------------------------------------------------------


def entries_to_log(
    entries: Sequence[SetEntry],
    athlete: str,
    when: datetime,
    names: Mapping[str, str],
    source: str = "form",
) -> pd.DataFrame:
    """Make training-log rows from checked sets.

    Sets are numbered from 1 per exercise and side, in the order given.

    Parameters
    ----------
    entries : sequence of SetEntry
        The sets of one session.
    athlete : str
        The runner's name.
    when : datetime.datetime
        When the session started (seconds are dropped).
    names : mapping of str to str
        Exercise names by id, for the ``exercise_name`` column.
    source : str
        Where the rows come from (``form`` for the logging form).

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`~gluteutils.log_columns.LOG_COLUMNS` with the
        log's dtypes (:func:`gluteutils.log_io.normalise_log`, which also makes
        ``set_key`` and ``load_kg``), sorted by datetime, athlete, exercise,
        side and set.
    """
    counters: dict[tuple[str, str], int] = {}
    records = []
    for entry in entries:
        key = (entry.exercise_id, entry.side)
        counters[key] = counters.get(key, 0) + 1
        records.append(
            {
                "datetime": when,
                "athlete": athlete,
                "exercise_id": entry.exercise_id,
                "exercise_name": names.get(entry.exercise_id, entry.exercise_id),
                "set_type": entry.set_type,
                "set": counters[key],
                "side": entry.side,
                "reps": entry.reps,
                "duration_s": entry.duration_s,
                "load": entry.load,
                "load_unit": entry.load_unit,
                "rpe": entry.rpe,
                "rir": None,
                "glute_feel": entry.glute_feel,
                "pain": entry.pain,
                "pain_where": entry.pain_where,
                "notes": entry.notes,
                "source": source,
            }
        )
    columns = [c for c in LOG_COLUMNS if c not in ("set_key", "load_kg")]
    return normalise_log(pd.DataFrame.from_records(records, columns=columns))


def needs_clinician(entries: Iterable[SetEntry], threshold: int) -> list[SetEntry]:
    """Return the sets whose pain is at or above ``threshold`` (0-10).

    Parameters
    ----------
    entries : iterable of SetEntry
        Checked sets.
    threshold : int
        The pain score from which the runner should stop and see a clinician.

    Returns
    -------
    list of SetEntry
        The painful sets, in order; empty when none.
    """
    return [e for e in entries if e.pain is not None and e.pain >= threshold]
