"""Ways to look at a plan: weekly summary, one day, a week's table, and a calendar.

Pure functions of a plan DataFrame (:data:`~gluteutils.plan_columns.PLAN_COLUMNS`).
The HTML views escape every cell, because a plan carries the runner's own text.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from . import plan as plan_totals
from .contrast import text_colour_on
from .display import escape
from .plan_columns import PLAN_STAGES, SESSIONS, WEEKDAYS
from .plan_text import exercise_label, prescription_text

#: Colour of each stage (Okabe-Ito palette, readable for colour-blind readers); also hatched.
STAGE_COLOURS = {"activate": "#E69F00", "strengthen": "#0072B2", "integrate": "#009E73"}
STAGE_HATCH = {"activate": "", "strengthen": "//", "integrate": ".."}
#: Outline of every square: 3:1 or more against white (WCAG's contrast for graphics), which
#: the lightest stage colour alone is not (orange on white is 2.2:1).
SQUARE_EDGE = "#424242"
STAGE_LABELS = {
    "activate": "Activate: learn to switch the glutes on",
    "strengthen": "Strengthen: build strength and stability",
    "integrate": "Integrate: heavy lifts, single-leg work and drills",
}
SESSION_LABELS = {"pre_run": "Before a run", "activation": "Activation", "strength": "Strength"}
_DAY_LABELS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekly_summary(plan: pd.DataFrame) -> pd.DataFrame:
    """Lay out :func:`gluteutils.plan.weekly_summary` for reading: labelled columns by week.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``Week``, with ``Stage``, ``Lighter week``, ``Training days``,
        one column of session counts per session kind and ``Minutes`` (rounded).
    """
    summary = plan_totals.weekly_summary(plan)
    table = pd.DataFrame(
        {
            "Week": summary["week"].astype(int),
            "Stage": summary["stage"],
            "Lighter week": summary["lighter_week"],
            "Training days": summary["training_days"].astype(int),
            **{SESSION_LABELS[s]: summary[s].astype(int) for s in SESSIONS},
            "Minutes": summary["minutes"].round(0).astype(int),
        }
    )
    return table.set_index("Week")


def day_table(plan: pd.DataFrame, day: date | None = None) -> pd.DataFrame:
    """Lay out one training day of a plan for reading, in the order it is done.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.
    day : datetime.date, optional
        The day; default the plan's first training day.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``Step`` (1, 2, ... through the day's sessions), with
        ``Session``, ``Exercise`` (and what it replaced, when the runner lacked
        the equipment), ``Dose`` and ``Load``.

    Raises
    ------
    ValueError
        If the plan has no training on ``day``.
    """
    if day is None and not plan.empty:
        day = plan["date"].min()
    rows = plan[plan["date"] == day]
    if rows.empty:
        raise ValueError(f"the plan has no training on {day}")
    # each session numbers its exercises from 1: sessions in the order they are done,
    # then by number
    rows = rows.sort_values(["session", "order"], key=_session_rank, kind="stable")
    replaced = rows["substituted_for"].map(
        lambda swapped: f" (instead of {exercise_label(swapped)})" if swapped else ""
    )
    table = pd.DataFrame(
        {
            "Step": range(1, len(rows) + 1),
            "Session": rows["session"].map(SESSION_LABELS).to_numpy(),
            "Exercise": (rows["exercise_name"] + replaced).to_numpy(),
            "Dose": [prescription_text(row) for _, row in rows.iterrows()],
            "Load": rows["load_guidance"].to_numpy(),
        }
    )
    return table.set_index("Step")


def _session_rank(column: pd.Series) -> pd.Series:
    """Sort key: sessions in the order of :data:`SESSIONS`, other columns as they are."""
    return column.map(SESSIONS.index) if column.name == "session" else column


#: Headings of :func:`week_table_html`, also each cell's ``data-label``.
_WEEK_HEADINGS = ("Day", "Session", "Exercise", "Dose", "Load", "Cues")


def week_table_html(plan: pd.DataFrame, week: int) -> str:
    """Render one week of a plan as an HTML table, every cell escaped.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.
    week : int
        Week number.

    Returns
    -------
    str
        A ``<table class="gfr-plan-week gfr-cards">`` with day, session, exercise,
        dose, load guidance and cues; a sentence when the week has no training.
        Each cell carries its heading as ``data-label``, so that on a narrow
        screen the forms' stylesheet can show each row as a card of labelled lines
        (:data:`gluteutils.widget_look.FORM_CSS`).
    """
    rows = plan[plan["week"] == week]
    if rows.empty:
        return f"<p>Week {escape(week)} has no training days.</p>"
    body = []
    for _, row in rows.iterrows():
        day = f"{_DAY_LABELS[WEEKDAYS.index(row['weekday'])]} {row['date']:%d %b}"
        swap = (
            f"<br><small>instead of {escape(exercise_label(row['substituted_for']))} "
            "(equipment)</small>"
            if row["substituted_for"]
            else ""
        )
        cells = (
            escape(day),
            escape(SESSION_LABELS[row["session"]]),
            escape(row["exercise_name"]) + swap,
            escape(prescription_text(row)),
            escape(row["load_guidance"]),
            escape(row["cues"]),
        )
        body.append(
            "<tr>"
            + "".join(
                f'<td data-label="{heading}">{cell}</td>'
                for heading, cell in zip(_WEEK_HEADINGS, cells, strict=True)
            )
            + "</tr>"
        )
    lighter = " (lighter week)" if rows["lighter_week"].iloc[0] == "yes" else ""
    caption = f"Week {escape(week)}: {escape(rows['stage'].iloc[0])} stage{lighter}"
    headings = "".join(f"<th>{heading}</th>" for heading in _WEEK_HEADINGS)
    return (
        f'<table class="gfr-plan-week gfr-cards"><caption>{caption}</caption>'
        f"<thead><tr>{headings}</tr></thead><tbody>" + "".join(body) + "</tbody></table>"
    )


def calendar_alt_text(plan: pd.DataFrame) -> str:
    """Describe the calendar in words, for screen readers (alt text).

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.

    Returns
    -------
    str
        The plan's length, training days a week, minutes per day and the weeks
        of each stage and lighter week.
    """
    return _alt_text(_days(plan))


def _alt_text(days: pd.DataFrame) -> str:
    if days.empty:
        return "An empty training plan."
    weeks = int(days["week"].max())
    parts = [
        f"Calendar of a {weeks}-week glute plan starting {days['date'].iloc[0]:%d %B %Y}, "
        f"{len(days)} training days, {days['minutes'].min():g} to {days['minutes'].max():g} "
        "minutes a day."
    ]
    for stage in PLAN_STAGES:
        stage_weeks = sorted(days.loc[days["stage"] == stage, "week"].unique())
        if stage_weeks:
            parts.append(f"{stage.capitalize()} stage: weeks {_ranges(stage_weeks)}.")
    lighter = sorted(days.loc[days["lighter_week"] == "yes", "week"].unique())
    if lighter:
        parts.append(f"Lighter weeks: {_ranges(lighter)}.")
    return " ".join(parts)


def _days(plan: pd.DataFrame) -> pd.DataFrame:
    """Days with their total minutes (rounded to 0.1) under the name ``minutes``."""
    days = plan_totals.daily_minutes(plan)
    return days.assign(minutes=days["total"].round(1))


def _ranges(numbers: list[int]) -> str:
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def calendar_html(plan: pd.DataFrame) -> str:
    """Draw the plan as a calendar grid in HTML: minutes per day, coloured by stage.

    Each cell shows its minutes as text, so the colours are never the only
    carrier of meaning; the grid has a legend and an ``aria-label`` holding
    :func:`calendar_alt_text`.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.

    Returns
    -------
    str
        A ``<div class="gfr-plan-calendar" role="img">`` element.
    """
    days = _days(plan)
    if days.empty:
        return '<div class="gfr-plan-calendar" role="img" aria-label="An empty plan"></div>'
    minutes = dict(zip(days["date"], days["minutes"], strict=True))
    stage = dict(zip(days["date"], days["stage"], strict=True))
    lighter = set(days.loc[days["lighter_week"] == "yes", "date"])
    first, last = _monday(days["date"].iloc[0]), days["date"].iloc[-1]
    head = "".join(f"<th>{d}</th>" for d in _DAY_LABELS)
    rows = []
    week_start = first
    while week_start <= last:
        cells = []
        for offset in range(7):
            day = week_start + timedelta(days=offset)
            if day in minutes:
                colour = STAGE_COLOURS[stage[day]]
                cells.append(
                    f'<td style="background:{colour};color:{text_colour_on(colour)};'
                    f'text-align:center" '
                    f'title="{day:%a %d %b}: {minutes[day]:g} min, {stage[day]}">'
                    f"{minutes[day]:g}</td>"
                )
            else:
                # the lightest grey with 4.5:1 on white
                cells.append('<td style="text-align:center;color:#767676">·</td>')
        # a lighter week is said in words beside its row, as in the figure
        week = {week_start + timedelta(days=offset) for offset in range(7)}
        note = "<i>lighter week</i>" if week & lighter else ""
        rows.append(f"<tr><th>{week_start:%d %b}</th>{''.join(cells)}<td>{note}</td></tr>")
        week_start += timedelta(days=7)
    legend = " ".join(
        f'<span style="background:{STAGE_COLOURS[s]};padding:0 0.5em">&nbsp;</span> '
        f"{escape(STAGE_LABELS[s])}"
        for s in PLAN_STAGES
    )
    return (
        f'<div class="gfr-plan-calendar" role="img" aria-label="{escape(_alt_text(days))}">'
        f"<table><caption>Minutes of glute training per day</caption>"
        f"<thead><tr><th>Week of</th>{head}<th></th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p><small>{legend}</small></p></div>"
    )


def calendar_figure(plan: pd.DataFrame) -> Figure:
    """Draw the plan as a calendar figure: one square per day, minutes written in it.

    Parameters
    ----------
    plan : pandas.DataFrame
        A plan.

    Returns
    -------
    matplotlib.figure.Figure
        Weeks as rows, weekdays as columns, squares coloured and hatched by
        stage, lighter weeks marked, with a legend. Pair it with
        :func:`calendar_alt_text`.
    """
    days = _days(plan)
    weeks = int(days["week"].max()) if not days.empty else 1
    legend_in, height = 1.3, 1.2 + 0.42 * weeks + 1.3  # a fixed band below for the legend
    fig = Figure(figsize=(7.5, height))
    ax = fig.add_subplot()
    start = _monday(days["date"].iloc[0]) if not days.empty else date.today()
    for _, day in days.iterrows():
        row = (day["date"] - start).days // 7
        col = day["date"].weekday()
        ax.add_patch(
            Rectangle(
                (col, row),
                0.92,
                0.85,
                facecolor=STAGE_COLOURS[day["stage"]],
                hatch=STAGE_HATCH[day["stage"]],
                edgecolor=SQUARE_EDGE,
                linewidth=0.8,
            )
        )
        ax.text(
            col + 0.46,
            row + 0.45,
            f"{day['minutes']:g}",
            ha="center",
            va="center",
            fontsize=8,
            # A light box keeps the number readable over the hatching.
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0, "alpha": 0.85},
        )
    rows = int((days["date"].iloc[-1] - start).days // 7 + 1) if not days.empty else 1
    lighter_rows = sorted(
        {(d - start).days // 7 for d in days.loc[days["lighter_week"] == "yes", "date"]}
    )
    for row in lighter_rows:
        ax.text(7.05, row + 0.45, "lighter", va="center", fontsize=8, style="italic")
    ax.set_xlim(-0.1, 7.9)
    ax.set_ylim(rows, -0.1)
    ax.set_xticks([i + 0.46 for i in range(7)], _DAY_LABELS)
    ax.set_yticks(
        [r + 0.45 for r in range(rows)],
        [f"{start + timedelta(days=7 * r):%d %b}" for r in range(rows)],
    )
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title("Minutes of glute training per day (weeks start on the date shown)")
    handles = [
        Patch(
            facecolor=STAGE_COLOURS[s],
            hatch=STAGE_HATCH[s],
            edgecolor=SQUARE_EDGE,
            linewidth=0.8,
            label=STAGE_LABELS[s],
        )
        for s in PLAN_STAGES
    ]
    fig.legend(handles=handles, loc="lower center", ncols=1, fontsize=8, frameon=False)
    fig.subplots_adjust(bottom=legend_in / height, top=1 - 0.45 / height)
    return fig
