r"""Plan calendars: an iCalendar (.ics) file with one all-day event per training day.

:func:`plan_to_ics` turns a plan into the bytes of an RFC 5545 calendar, written
with the ``icalendar`` library (never by hand), that phone and desktop calendars
import. Each date of the plan becomes one all-day event: the summary gives the
day's planned minutes (``"Glute training: 25 min"``), the description lists the
exercises of each session with their doses. Event ids (``UID``) depend only on
the athlete and the date, so importing a re-built plan again updates the same
events instead of adding copies.

User text (the athlete's name, and any text of an imported plan) is made safe for
the format: line breaks become escaped ``\n``, other control characters are
dropped, and ``icalendar`` escapes commas, semicolons and backslashes, so no text
can start a property or an event of its own.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from datetime import UTC, date, datetime, timedelta

import pandas as pd

from ._version import __version__
from .plan_columns import SESSIONS, plan_rows, require_plan_columns
from .plan_text import (
    SESSION_LABELS,
    exercise_label,
    minutes_text,
    prescription_text,
    whole,
)

#: ``PRODID`` of the calendars we write.
PRODID = f"-//Glutes for Runners//gluteutils {__version__}//EN"
#: Right-hand side of every event id.
UID_DOMAIN = "glutes-for-runners"
#: Last line of every event description.
HEALTH_NOTE = (
    "Education, not medical advice: stop if anything hurts and see a clinician if pain stays."
)

# RFC 5545 TEXT allows no control characters but tab; line breaks are handled first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def ics_text(text: object) -> str:
    r"""Make text safe for an iCalendar text property.

    Parameters
    ----------
    text : object
        Any value; converted with :class:`str`.

    Returns
    -------
    str
        The text with CRLF and lone CR turned into LF (which ``icalendar``
        escapes as ``\n``) and every other control character but tab removed.

    Examples
    --------
    >>> ics_text("Ana\r\nBEGIN:VEVENT\x00")
    'Ana\nBEGIN:VEVENT'
    """
    flat = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", flat)


def event_uid(athlete: str, day: date) -> str:
    """Return the event id of one training day: the same for the same athlete and date.

    Parameters
    ----------
    athlete : str
        The athlete's name as in the plan.
    day : datetime.date
        The training date.

    Returns
    -------
    str
        ``"<date>-<16 hex digits of the name's SHA-256>@glutes-for-runners"``.
    """
    digest = hashlib.sha256(athlete.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{day.isoformat()}-{digest}@{UID_DOMAIN}"


def _day_description(day_rows: list[dict[str, object]], weeks: int) -> str:
    first = day_rows[0]
    heading = f"Week {whole(first['week'])} of {weeks}: {first['stage']} stage"
    if str(first["lighter_week"]) == "yes":
        heading += " (lighter week)"
    lines = [f"Plan for {first['athlete']}", heading + "."]
    for session in SESSIONS:
        rows = [row for row in day_rows if row["session"] == session]
        if not rows:
            continue
        total = float(sum(float(row["minutes"]) for row in rows))  # type: ignore[arg-type]
        lines.extend(["", f"{SESSION_LABELS[session]} (about {minutes_text(total)}):"])
        for position, row in enumerate(rows, start=1):
            line = f"{position}. {row['exercise_name']}: {prescription_text(row)}"
            if row["load_guidance"]:
                line += f"; load: {row['load_guidance']}"
            if row["substituted_for"]:
                line += f" (instead of {exercise_label(str(row['substituted_for']))})"
            lines.append(line)
            if row["cues"]:
                lines.append(f"   Cue: {row['cues']}")
    lines.extend(["", HEALTH_NOTE])
    return "\n".join(lines)


def plan_to_ics(plan: pd.DataFrame, *, stamp: datetime | None = None) -> bytes:
    """Write a plan as an iCalendar file with one all-day event per training date.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan with the columns of :data:`~gluteutils.plan_columns.PLAN_COLUMNS`.
    stamp : datetime.datetime, optional
        Creation time written as every event's ``DTSTAMP`` (RFC 5545 requires
        one); defaults to now, in UTC. Pass a fixed time for byte-identical output.

    Returns
    -------
    bytes
        The calendar, UTF-8, CRLF line ends. Events are in date order; each has
        a ``SUMMARY`` such as ``"Glute training: 25 min"``, a ``DESCRIPTION``
        listing every exercise with its dose, and a ``UID`` from :func:`event_uid`.

    Raises
    ------
    DataValidationError
        If a plan column is missing.
    """
    import icalendar  # imported here: the plan form loads this module, few users need a .ics

    require_plan_columns(plan)
    when = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    athletes = sorted({str(a) for a in plan["athlete"]})
    name = "Glute plan" + (f": {', '.join(athletes)}" if athletes else "")
    # icalendar leaves a plain str in an X- property unescaped: vText escapes commas,
    # semicolons and backslashes (RFC 5545 TEXT), and a calendar's name is one line
    calendar.add("x-wr-calname", icalendar.vText(ics_text(name).replace("\n", " ")))
    weeks = int(plan["week"].max()) if len(plan) else 0
    # Plain records grouped once: per-day DataFrame indexing costs ~100x more.
    records = plan_rows(plan, by=("date", "athlete", "session", "order"))
    for (day, athlete), group in itertools.groupby(
        records, key=lambda row: (row["date"], row["athlete"])
    ):
        day_rows = list(group)
        event = icalendar.Event()
        event.add("uid", event_uid(str(athlete), day))
        event.add("dtstamp", when)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        total = float(sum(float(row["minutes"]) for row in day_rows))
        # whole minutes on the calendar; a few seconds of work still shows as 1 min
        shown = max(1, round(total)) if total > 0 else 0
        event.add("summary", f"Glute training: {shown} min")
        event.add("description", ics_text(_day_description(day_rows, weeks)))
        event.add("categories", ["Training"])
        # an all-day reminder, not a meeting: it should not block the day as busy
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
