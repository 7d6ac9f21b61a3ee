"""Printable plan sheets: a standalone HTML page with blank boxes to log every set.

:func:`plan_to_html` returns one self-contained HTML page (no scripts, no external
files) that a browser prints on A4 or Letter: a heading with the athlete, dates
and units, a health note, then per week a section (each starting a new printed
page) with one table per training day. Each table row is one prescription with
its dose, load guidance and cue, followed by one empty box per set to write the
repetitions (or seconds) and load actually done, and a box for notes. Rows with
no set count get a single "done" box.

Every piece of plan text, including the athlete's name, is escaped with
:func:`gluteutils.display.escape`, so hostile text such as
``<img src=x onerror=alert(1)>`` prints as text and never runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date

import pandas as pd

from .display import escape
from .plan_columns import WEEKDAY_NAMES, plan_rows, require_plan_columns
from .plan_text import (
    SESSION_LABELS,
    exercise_cautions,
    exercise_is_loaded,
    exercise_label,
    exercise_measure,
    minutes_text,
    prescription_text,
    whole,
)

_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: The sheet's health note, shown under the heading.
HEALTH_NOTE = (
    "Education, not medical advice. If an exercise hurts, stop it; if pain stays, "
    "see a clinician before you go on. Learn each loaded lift with a light load first, "
    "ideally with a qualified coach watching."
)

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; font-size: 11pt;
       color: #111; margin: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 1.2rem 0 .4rem; }
.meta, .note, .how { margin: .2rem 0; }
.note { font-weight: 600; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; break-inside: avoid;
        table-layout: fixed; }
th.session { width: 7.5rem; } th.exercise { width: 26%; } th.dose { width: 9.5rem; }
th.load { width: 7.5rem; } th.notes { width: 8rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { border: 1px solid #555; padding: .25rem .35rem; vertical-align: top; text-align: left;
         overflow-wrap: anywhere; }
th { background: #eee; }
.cue { font-size: .85em; font-style: italic; margin-top: .15rem; }
td.log { height: 2.6rem; overflow-wrap: anywhere; }
td.log .slot { display: block; font-size: .7em; color: #555; }
td.log .slot + .slot { margin-top: .7rem; }
td.na { background: repeating-linear-gradient(135deg, #fff 0 4px, #ddd 4px 5px); }
@page { size: landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 10pt; }
  section.week + section.week { break-before: page; }
  th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _long_date(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def log_boxes(row: Mapping[str, object]) -> int:
    """Return how many log boxes a prescription gets: its sets, or 1 without a set count.

    Parameters
    ----------
    row : mapping or pandas.Series
        One plan row.

    Returns
    -------
    int
        At least 1.
    """
    sets = whole(row["sets"])
    return sets if sets and sets > 0 else 1


def _log_cell(row: Mapping[str, object], units: str) -> str:
    if whole(row["sets"]) is None:
        return '<td class="log"><span class="slot">done</span></td>'
    # a timed hold without repetitions is logged in seconds, band walks in steps
    no_reps = whole(row["reps_min"]) is None and whole(row["reps_max"]) is None
    measure = exercise_measure(str(row["exercise_id"]))
    count = "s" if no_reps and whole(row["hold_s"]) else "steps" if measure == "steps" else "reps"
    # a second line for the weight only where there is a weight to write down
    load = (
        f'<span class="slot">{escape(units)}</span>'
        if exercise_is_loaded(str(row["exercise_id"]))
        else ""
    )
    return f'<td class="log"><span class="slot">{count}</span>{load}</td>'


def _day_table(day: date, rows: list[dict[str, object]]) -> list[str]:
    boxes = max(log_boxes(row) for row in rows)
    total = float(sum(float(row["minutes"]) for row in rows))  # type: ignore[arg-type]
    out = [
        f'<table class="day" id="day-{day.isoformat()}">',
        f"<caption>{escape(_long_date(day))}: about {escape(minutes_text(total))}</caption>",
        "<thead><tr>",
        '<th scope="col" class="session">Session</th>'
        '<th scope="col" class="exercise">Exercise</th>'
        '<th scope="col" class="dose">Dose</th><th scope="col" class="load">Load</th>',
        *(f'<th scope="col" class="set">Set {n}</th>' for n in range(1, boxes + 1)),
        '<th scope="col" class="notes">Notes</th>',
        "</tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        exercise = f'<span class="name">{escape(row["exercise_name"])}</span>'
        if row["substituted_for"]:
            replaced = exercise_label(str(row["substituted_for"]))
            exercise += f'<div class="cue">instead of {escape(replaced)}</div>'
        if row["cues"]:
            exercise += f'<div class="cue">{escape(row["cues"])}</div>'
        mine = log_boxes(row)
        cells = [_log_cell(row, str(row["units"]))] * mine
        cells += ['<td class="na"></td>'] * (boxes - mine)
        out.append(
            f'<tr class="prescription" data-row-id="{escape(row["row_id"])}">'
            f"<td>{escape(SESSION_LABELS.get(str(row['session']), row['session']))}</td>"
            f"<td>{exercise}</td>"
            f"<td>{escape(prescription_text(row))}</td>"
            f"<td>{escape(row['load_guidance'])}</td>"
            f"{''.join(cells)}"
            '<td class="log notes"></td></tr>'
        )
    out.extend(["</tbody>", "</table>"])
    return out


def _cautions_html(plan: pd.DataFrame) -> list[str]:
    """List each caution of the plan's exercises once, with the exercises it is for."""
    names_for: dict[str, list[str]] = {}  # caution -> exercise names, in the plan's order
    pairs = zip(plan["exercise_id"], plan["exercise_name"], strict=True)
    for exercise_id, name in dict.fromkeys(pairs):
        for caution in exercise_cautions(str(exercise_id)):
            names_for.setdefault(caution, []).append(str(name))
    if not names_for:
        return []
    items = [
        f"<li>{escape(caution)}: <b>{escape(', '.join(names))}</b>.</li>"
        for caution, names in names_for.items()
    ]
    return ['<div class="cautions"><p class="note">Take care:</p><ul>', *items, "</ul></div>"]


def plan_to_html(plan: pd.DataFrame) -> str:
    """Write a plan as a printable, standalone HTML page with boxes to log each set.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan with the columns of :data:`~gluteutils.plan_columns.PLAN_COLUMNS`.

    Returns
    -------
    str
        A complete HTML document: one ``<section class="week">`` per plan week
        (a new printed page each) holding one ``<table class="day">`` per
        training date; every prescription row has :func:`log_boxes` empty
        ``<td class="log">`` boxes and a notes box. All text is escaped.

    Raises
    ------
    DataValidationError
        If a plan column is missing.
    """
    require_plan_columns(plan)
    athletes = ", ".join(sorted({str(a) for a in plan["athlete"]}))
    title = f"Glute plan: {athletes}" if athletes else "Glute plan"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        '<body class="gfr-plan-sheet">',
        "<header>",
        f"<h1>{escape(title)}</h1>",
    ]
    if len(plan):
        first, last = min(plan["date"]), max(plan["date"])
        weeks = int(plan["week"].max())
        units = ", ".join(sorted({str(u) for u in plan["units"]}))
        noun = "week" if weeks == 1 else "weeks"
        out.append(
            f'<p class="meta">{escape(_long_date(first))} to {escape(_long_date(last))}: '
            f"{weeks} {noun}, loads in {escape(units)}.</p>"
        )
    out += [
        f'<p class="note">{escape(HEALTH_NOTE)}</p>',
        *_cautions_html(plan),
        '<p class="how">In each set box write what you did: repetitions, steps or seconds on '
        "the first line and, for a lift with a weight, the load on the second. Shaded boxes "
        "are sets the plan does not ask for. The minutes count rests only between the sets of "
        "the two-legged deadlifts: allow a little more for the sets of other moves.</p>",
        "</header>",
    ]
    # Plain records grouped once: per-day DataFrame indexing costs ~100x more.
    records = plan_rows(plan, by=("week", "date", "session", "order"))
    for week, week_group in itertools.groupby(records, key=lambda row: row["week"]):
        week_rows = list(week_group)
        first_row = week_rows[0]
        heading = f"Week {int(week)}: {first_row['stage']} stage"
        if str(first_row["lighter_week"]) == "yes":
            heading += " (lighter week)"
        out += [f'<section class="week" id="week-{int(week)}">', f"<h2>{escape(heading)}</h2>"]
        for day, day_group in itertools.groupby(week_rows, key=lambda row: row["date"]):
            out += _day_table(day, list(day_group))
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
