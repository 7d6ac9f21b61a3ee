"""Figures of the progress summaries, each with an alt-text function written from the same data.

Every function is pure: it takes a summary frame from :mod:`gluteutils.progress`
and returns a :class:`matplotlib.figure.Figure` (never through ``pyplot``), or
the words that describe it. Show a figure with
:func:`gluteutils.display.show_figure` and its alt text, for example::

    weekly = weekly_by_muscle(log)
    show_figure(weekly_volume_figure(weekly), alt=weekly_volume_alt(weekly))

An empty summary gives a figure that says there is nothing to show yet, never
an error. Bars and lines carry a ``gid`` (``<what>-<group>-<date or week>``)
so tests can find them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .exercises import MUSCLE_LABELS, load_exercises
from .progress import ASYMMETRY_FLAG_PCT
from .schema import MUSCLE_IDS
from .suggestions import GOOD_FEEL

# Okabe-Ito colours, readable with the common kinds of colour blindness; the glute colours
# match the anatomy figures of notebook 01. Past eight groups, hatching tells bars apart.
PALETTE = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx")
MUSCLE_COLOURS: dict[str, tuple[str, str]] = {
    muscle: (PALETTE[i % len(PALETTE)], HATCHES[i // len(PALETTE)])
    for i, muscle in enumerate(MUSCLE_IDS)
}
LEFT_COLOUR, RIGHT_COLOUR = "#0072B2", "#D55E00"
FLAG_COLOUR, GAP_COLOUR = "#D55E00", "#999999"
# Bars are outlined in black: sky blue, orange and yellow alone stand out from white by
# less than the 3:1 WCAG asks of graphics, and the outline also parts stacked segments.
BAR_EDGE = "black"

WEEKLY_MUSCLE_CAPTION = (
    "Sets and estimated minutes per week, stacked by primary muscle. A set counts once for "
    "each primary muscle of its exercise, so a week's muscles can add up to more sets than "
    "were done. Minutes are time under work (timed sets as logged, repetitions at a few "
    "seconds each), without rest."
)


def _day(value: pd.Timestamp) -> str:
    """Write a date the way the figures and alt texts do: ``3 Mar 2025``."""
    return f"{value.day} {value:%b %Y}"


def _short_day(value: pd.Timestamp) -> str:
    return f"{value.day} {value:%b}"


def _num(value: float) -> str:
    return f"{round(float(value), 1):g}"


def _plural(count: float, word: str) -> str:
    return f"{_num(count)} {word}" + ("" if count == 1 else "s")


def _empty_figure(title: str, message: str) -> Figure:
    """Return a small figure that only says there is nothing to plot yet."""
    fig = Figure(figsize=(8, 2.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, wrap=True)
    return fig


def _exercise_names(library: pd.DataFrame | None) -> dict[str, str]:
    library = load_exercises() if library is None else library
    return dict(zip(library["exercise_id"], library["name"], strict=True))


def _style(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)


# --- weekly sets and time ---


def _weekly_groups(
    weekly: pd.DataFrame, library: pd.DataFrame | None
) -> tuple[str, dict[str, str]]:
    """Return the grouping column and a readable label per group."""
    if "muscle" in weekly.columns:
        return "muscle", {m: MUSCLE_LABELS.get(m, m) for m in weekly["muscle"].unique()}
    names = _exercise_names(library)
    return "exercise_id", {e: names.get(e, e) for e in weekly["exercise_id"].unique()}


def _weekly_tables(weekly: pd.DataFrame, by: str) -> tuple[list[pd.Timestamp], list[str], dict]:
    """Pivot sets and minutes to weeks x groups, every week from first to last included."""
    weeks = list(pd.date_range(weekly["week_start"].min(), weekly["week_start"].max(), freq="7D"))
    totals = weekly.groupby(by)["sets"].sum()
    if by == "muscle":
        order = [m for m in MUSCLE_IDS if m in totals.index]
        order += sorted(set(totals.index) - set(order))
    else:  # most sets first, ties by id
        order = sorted(totals.index, key=lambda g: (-totals[g], g))
    tables = {
        metric: weekly.pivot_table(
            index="week_start", columns=by, values=metric, aggfunc="sum", fill_value=0
        ).reindex(index=weeks, columns=order, fill_value=0)
        for metric in ("sets", "minutes")
    }
    return weeks, order, tables


def weekly_volume_figure(weekly: pd.DataFrame, library: pd.DataFrame | None = None) -> Figure:
    """Draw weekly sets (top) and minutes (bottom) as bars stacked by muscle or exercise.

    Parameters
    ----------
    weekly : pandas.DataFrame
        :func:`gluteutils.progress.weekly_by_muscle` (stacked by muscle) or
        :func:`gluteutils.progress.weekly_by_exercise` (stacked by exercise).
    library : pandas.DataFrame, optional
        The exercises table, for exercise names; loaded when needed.

    Returns
    -------
    matplotlib.figure.Figure
        Two panels sharing the week axis; each bar segment has the gid
        ``<sets|minutes>-<group>-<YYYY-MM-DD>`` (the week's Monday).
    """
    by_muscle = "muscle" in weekly.columns
    what = "muscle" if by_muscle else "exercise"
    title = f"Weekly sets and time per {what}"
    if weekly.empty:
        return _empty_figure(title, "Nothing logged yet: log a few sets to see your weeks.")
    by, labels = _weekly_groups(weekly, library)
    weeks, order, tables = _weekly_tables(weekly, by)
    fig = Figure(figsize=(10, 7), layout="constrained")
    axes = fig.subplots(2, 1, sharex=True)
    x = np.arange(len(weeks))
    for ax, metric in zip(axes, ("sets", "minutes"), strict=True):
        bottom = np.zeros(len(weeks))
        for i, group in enumerate(order):
            colour, hatch = (
                MUSCLE_COLOURS.get(group, (PALETTE[0], ""))
                if by_muscle
                else (PALETTE[i % len(PALETTE)], HATCHES[(i // len(PALETTE)) % len(HATCHES)])
            )
            values = tables[metric][group].to_numpy(dtype=float)
            bars = ax.bar(
                x,
                values,
                bottom=bottom,
                color=colour,
                hatch=hatch,
                edgecolor=BAR_EDGE,
                linewidth=0.6,
                label=labels[group],
                in_layout=False,  # clipped to the axes: the layout need not measure each bar
            )
            for bar, week in zip(bars, weeks, strict=True):
                bar.set_gid(f"{metric}-{group}-{week:%Y-%m-%d}")
            bottom += values
        _style(ax)
    axes[0].set_ylabel("Sets per week (count)")
    axes[1].set_ylabel("Time per week (minutes, estimated)")
    axes[1].set_xlabel("Week starting on Monday")
    axes[1].set_xticks(x, [_short_day(w) for w in weeks], rotation=45, ha="right")
    axes[0].set_title(title)
    axes[0].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, title=what.title())
    return fig


def weekly_volume_alt(weekly: pd.DataFrame, library: pd.DataFrame | None = None) -> str:
    """Describe :func:`weekly_volume_figure` in words, from the same data.

    Parameters
    ----------
    weekly : pandas.DataFrame
        The same summary as for the figure.
    library : pandas.DataFrame, optional
        The exercises table, for exercise names.

    Returns
    -------
    str
        The weeks covered, the range of weekly totals, each group's total and
        busiest week, and the totals of each week (up to 16 weeks).
    """
    what = "muscle" if "muscle" in weekly.columns else "exercise"
    if weekly.empty:
        return f"Bar chart of weekly sets and time per {what}: nothing logged yet, no bars."
    by, labels = _weekly_groups(weekly, library)
    weeks, order, tables = _weekly_tables(weekly, by)
    sets, minutes = tables["sets"], tables["minutes"]
    week_sets, week_minutes = sets.sum(axis=1), minutes.sum(axis=1)
    parts = [
        f"Two stacked bar charts, sets per week (top) and estimated minutes per week (bottom), "
        f"split by {what}, for {_plural(len(weeks), 'week')} from the week of {_day(weeks[0])} "
        f"to the week of {_day(weeks[-1])}.",
        f"Weekly totals range from {_num(week_sets.min())} to {_num(week_sets.max())} sets "
        f"and from {_num(week_minutes.min())} to {_num(week_minutes.max())} minutes.",
    ]
    if what == "muscle":
        parts.append("A set counts for each primary muscle of its exercise.")
    for group in order:
        busiest = sets[group].idxmax()
        label = labels[group][:1].upper() + labels[group][1:]
        parts.append(
            f"{label}: {_plural(sets[group].sum(), 'set')} and "
            f"{_num(minutes[group].sum())} minutes in all, most in the week of "
            f"{_day(busiest)} ({_plural(sets[group].max(), 'set')})."
        )
    if len(weeks) <= 16:
        parts.append(
            "Per week: "
            + "; ".join(
                f"{_short_day(w)}: {_plural(week_sets[w], 'set')}, {_num(week_minutes[w])} min"
                for w in weeks
            )
            + "."
        )
    return " ".join(parts)


# --- adherence ---


def adherence_figure(adherence: pd.DataFrame) -> Figure:
    """Draw the share of planned sets done per plan week as bars, with the 100 % line.

    Parameters
    ----------
    adherence : pandas.DataFrame
        :func:`gluteutils.progress.weekly_adherence`.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per plan week (gid ``adherence-week-<n>``) labelled with done
        / planned sets; a week still in progress is hatched, a week without
        planned sets has no bar.
    """
    title = "Adherence to the plan: planned sets done per week"
    if adherence.empty:
        return _empty_figure(title, "Nothing to compare yet: log sets on the plan's days.")
    fig = Figure(figsize=(9, 4.5), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(adherence))
    for i, row in enumerate(adherence.to_dict("records")):
        pct = row["adherence_pct"]
        if np.isnan(pct):
            ax.text(i, 2, "no sets planned", ha="center", rotation=90, fontsize=8)
            continue
        bar = ax.bar(
            i,
            pct,
            color=PALETTE[2],
            hatch="" if row["complete"] else "//",
            edgecolor="black",
            linewidth=0.6,
        )[0]
        bar.set_gid(f"adherence-week-{row['week']}")
        ax.text(i, pct + 2, f"{row['done_sets']}/{row['planned_sets']}", ha="center", fontsize=8)
    ax.axhline(100, color="#555555", linestyle="--", linewidth=1)
    ax.set_ylim(0, 115)
    labels = [
        f"{row['week']}\n{_short_day(row['week_start'])}" for row in adherence.to_dict("records")
    ]
    ax.set_xticks(x, labels)
    ax.set_xlabel("Plan week and its first day (hatched: week still in progress)")
    ax.set_ylabel("Planned sets done (%)")
    ax.set_title(title)
    _style(ax)
    return fig


def adherence_alt(adherence: pd.DataFrame) -> str:
    """Describe :func:`adherence_figure` in words, from the same data.

    Parameters
    ----------
    adherence : pandas.DataFrame
        :func:`gluteutils.progress.weekly_adherence`.

    Returns
    -------
    str
        Weeks covered, the overall share, and each week's share with its set
        counts, moved and extra sets.
    """
    if adherence.empty:
        return "Bar chart of the share of planned sets done per week: nothing to compare yet."
    planned, done = adherence["planned_sets"].sum(), adherence["done_sets"].sum()
    overall = f"{_num(100 * done / planned)} %" if planned else "not measurable"
    parts = [
        f"Bar chart of the share of planned sets done in each of "
        f"{_plural(len(adherence), 'plan week')}, with a dashed line at 100 %. Overall "
        f"{done} of {planned} planned sets were done ({overall}).",
    ]
    for row in adherence.to_dict("records"):
        pct = row["adherence_pct"]
        share = "no sets planned" if np.isnan(pct) else f"{_num(pct)} %"
        text = (
            f"Week {row['week']} (from {_day(row['week_start'])}): {share}, "
            f"{row['done_sets']} of {row['planned_sets']} sets"
        )
        if row["moved_sets"]:
            text += f", {row['moved_sets']} on another day of the week"
        if row["extra_sets"]:
            text += f", {row['extra_sets']} extra"
        if not row["complete"]:
            text += ", still in progress"
        parts.append(text + ".")
    return " ".join(parts)


# --- personal bests ---

_BEST_PANELS = (
    ("most_reps", "most_reps_date", "Most repetitions in one set", "Repetitions (count)", ""),
    ("longest_hold_s", "longest_hold_date", "Longest timed set", "Time (seconds)", " s"),
    ("heaviest_kg", "heaviest_date", "Heaviest added load", "Load (kg)", " kg"),
)


def personal_bests_figure(bests: pd.DataFrame, library: pd.DataFrame | None = None) -> Figure:
    """Draw the personal bests as horizontal bars, one panel per kind of best.

    Parameters
    ----------
    bests : pandas.DataFrame
        :func:`gluteutils.progress.personal_bests`.
    library : pandas.DataFrame, optional
        The exercises table, for names.

    Returns
    -------
    matplotlib.figure.Figure
        Up to three panels (most repetitions, longest hold, heaviest load), only
        those with a value; each bar (gid ``<column>-<exercise_id>``) is labelled
        with its value and the day it was first reached.
    """
    title = "Personal bests per exercise"
    panels = [p for p in _BEST_PANELS if not bests.empty and bests[p[0]].notna().any()]
    if not panels:
        return _empty_figure(title, "No bests yet: log a few sets to see them.")
    names = _exercise_names(library)
    heights = [int(bests[p[0]].notna().sum()) for p in panels]
    fig = Figure(figsize=(10, 1.2 + 0.45 * sum(heights) + 0.8 * len(panels)), layout="constrained")
    axes = fig.subplots(len(panels), 1, height_ratios=[h + 1 for h in heights], squeeze=False)
    for ax, (column, date_column, panel_title, label, unit) in zip(axes[:, 0], panels, strict=True):
        rows = bests[bests[column].notna()].sort_values(column)
        values = rows[column].to_numpy(dtype=float)
        bars = ax.barh(np.arange(len(rows)), values, color=PALETTE[1], height=0.6)
        for i, (bar, row) in enumerate(zip(bars, rows.to_dict("records"), strict=True)):
            bar.set_gid(f"{column}-{row['exercise_id']}")
            ax.text(
                values[i],
                i,
                f" {_num(values[i])}{unit} ({_day(row[date_column])})",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(np.arange(len(rows)), [names.get(e, e) for e in rows["exercise_id"]])
        ax.set_xlim(0, values.max() * 1.45)
        ax.set_xlabel(label)
        ax.set_title(panel_title, fontsize=10)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(title)
    return fig


def personal_bests_alt(bests: pd.DataFrame, library: pd.DataFrame | None = None) -> str:
    """Describe :func:`personal_bests_figure` in words, from the same data.

    Parameters
    ----------
    bests : pandas.DataFrame
        :func:`gluteutils.progress.personal_bests`.
    library : pandas.DataFrame, optional
        The exercises table, for names.

    Returns
    -------
    str
        Every best with its exercise, value and date.
    """
    panels = [p for p in _BEST_PANELS if not bests.empty and bests[p[0]].notna().any()]
    if not panels:
        return "Bar charts of personal bests: no bests logged yet."
    names = _exercise_names(library)
    parts = [f"Horizontal bar charts of personal bests in {_plural(len(panels), 'panel')}."]
    for column, date_column, panel_title, _label, unit in panels:
        rows = bests[bests[column].notna()].sort_values(column, ascending=False)
        items = "; ".join(
            f"{names.get(r['exercise_id'], r['exercise_id'])} {_num(r[column])}{unit} "
            f"on {_day(r[date_column])}"
            for r in rows.to_dict("records")
        )
        parts.append(f"{panel_title}: {items}.")
    return " ".join(parts)


# --- single-leg bridge test ---


def bridge_test_figure(tests: pd.DataFrame) -> Figure:
    """Draw the single-leg bridge test over time: repetitions per side, then the gap.

    Parameters
    ----------
    tests : pandas.DataFrame
        :func:`gluteutils.progress.bridge_tests`.

    Returns
    -------
    matplotlib.figure.Figure
        Top: repetitions of each side per test day (lines ``reps-left`` and
        ``reps-right``). Bottom: the gap in % of the stronger side per day
        (bars ``gap-<YYYY-MM-DD>``, orange when over the flag line), with the
        :data:`~gluteutils.progress.ASYMMETRY_FLAG_PCT` % line.
    """
    title = "Single-leg bridge test: repetitions per side and the left-right gap"
    if tests.empty:
        return _empty_figure(title, "No bridge test logged yet (notebook 03 shows how).")
    fig = Figure(figsize=(9, 6), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    x = np.arange(len(tests))
    for side, colour, marker in (("left", LEFT_COLOUR, "o"), ("right", RIGHT_COLOUR, "s")):
        values = tests[side].to_numpy(dtype=float, na_value=np.nan)
        (line,) = top.plot(x, values, color=colour, marker=marker, linewidth=2, label=f"{side} leg")
        line.set_gid(f"reps-{side}")
    top.set_ylabel("Repetitions to failure (count)")
    top.set_ylim(bottom=0)
    top.legend(loc="lower right", fontsize=9)
    top.set_title(title)
    _style(top)
    gaps = tests["gap_pct"].to_numpy(dtype=float)
    colours = [FLAG_COLOUR if f else GAP_COLOUR for f in tests["flagged"]]
    bars = bottom.bar(
        x, np.nan_to_num(gaps), width=0.5, color=colours, edgecolor="black", linewidth=0.6
    )
    for bar, day in zip(bars, tests["date"], strict=True):
        bar.set_gid(f"gap-{day:%Y-%m-%d}")
    bottom.axhline(ASYMMETRY_FLAG_PCT, color="#555555", linestyle="--", linewidth=1)
    bottom.text(
        len(tests) - 0.5,
        ASYMMETRY_FLAG_PCT,
        f"flag line {ASYMMETRY_FLAG_PCT} %",
        ha="right",
        va="bottom",
        fontsize=8,
    )
    top_gap = np.nanmax(gaps, initial=0.0)
    bottom.set_ylim(0, max(ASYMMETRY_FLAG_PCT, top_gap) * 1.3)
    bottom.set_ylabel("Gap (% of the stronger side)")
    bottom.set_xlabel("Test day")
    bottom.set_xticks(x, [_short_day(d) for d in tests["date"]], rotation=45, ha="right")
    _style(bottom)
    return fig


def bridge_test_alt(tests: pd.DataFrame) -> str:
    """Describe :func:`bridge_test_figure` in words, from the same data.

    Parameters
    ----------
    tests : pandas.DataFrame
        :func:`gluteutils.progress.bridge_tests`.

    Returns
    -------
    str
        Every test day with both sides' repetitions, the gap and whether it
        is flagged.
    """
    if tests.empty:
        return "Line chart of single-leg bridge test results: no test logged yet."
    parts = [
        f"Line chart of single-leg bridge repetitions to failure for the left and right leg on "
        f"{_plural(len(tests), 'test day')}, with a bar chart below of the gap between the "
        f"sides in % of the stronger side and a dashed flag line at {ASYMMETRY_FLAG_PCT} %."
    ]
    for row in tests.to_dict("records"):
        left = "not tested" if pd.isna(row["left"]) else str(row["left"])
        right = "not tested" if pd.isna(row["right"]) else str(row["right"])
        text = f"{_day(row['date'])}: left {left}, right {right}"
        if not np.isnan(row["gap_pct"]):
            text += f", gap {_num(row['gap_pct'])} %"
            if row["weaker"]:
                text += f" ({row['weaker']} weaker)"
            if row["flagged"]:
                text += f", over the {ASYMMETRY_FLAG_PCT} % line"
        parts.append(text + ".")
    return " ".join(parts)


# --- glute feel ---


def glute_feel_figure(trend: pd.DataFrame) -> Figure:
    """Draw the weekly mean glute feel (points) and its rolling mean (line).

    Parameters
    ----------
    trend : pandas.DataFrame
        :func:`gluteutils.progress.glute_feel_trend`.

    Returns
    -------
    matplotlib.figure.Figure
        Points ``feel-weekly`` and line ``feel-rolling`` on a 0-10 scale,
        with a dashed line at the "good feel" level
        (:data:`~gluteutils.suggestions.GOOD_FEEL`).
    """
    title = "How clearly the glutes worked: glute feel per week"
    if trend.empty:
        return _empty_figure(title, "No glute-feel ratings yet: rate your sets from 0 to 10.")
    fig = Figure(figsize=(9, 4.5), layout="constrained")
    ax = fig.add_subplot()
    weeks = trend["week_start"]
    x = np.arange(len(trend))
    (points,) = ax.plot(
        x, trend["mean_feel"], linestyle="none", marker="o", color=PALETTE[1], label="weekly mean"
    )
    points.set_gid("feel-weekly")
    (line,) = ax.plot(
        x, trend["rolling_mean"], color=PALETTE[0], linewidth=2.5, label="rolling mean"
    )
    line.set_gid("feel-rolling")
    ax.axhline(GOOD_FEEL, color="#555555", linestyle="--", linewidth=1)
    ax.text(-0.4, GOOD_FEEL + 0.15, f"good: {GOOD_FEEL} or more", fontsize=8, color="#555555")
    ax.set_ylim(0, 10.5)
    # Fixed limits: with one week the autoscaled range is tiny and the label at -0.4 would
    # fall far outside it, collapsing the layout.
    ax.set_xlim(-0.6, max(len(x) - 0.4, 0.6))
    ax.set_xticks(x, [_short_day(w) for w in weeks], rotation=45, ha="right")
    ax.set_xlabel("Week starting on Monday")
    ax.set_ylabel("Glute feel (0 = not at all, 10 = very clearly)")
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=9)
    _style(ax)
    return fig


def glute_feel_alt(trend: pd.DataFrame, window: int | None = None) -> str:
    """Describe :func:`glute_feel_figure` in words, from the same data.

    Parameters
    ----------
    trend : pandas.DataFrame
        :func:`gluteutils.progress.glute_feel_trend`.
    window : int, optional
        Weeks in the rolling mean, to name it (as passed to the summary).

    Returns
    -------
    str
        Weeks covered, the first and last rolling mean, and each week's mean.
    """
    if trend.empty:
        return "Line chart of the weekly glute-feel rating: no ratings yet."
    rolling = trend["rolling_mean"].dropna()
    span = f" over {_plural(window, 'week')}" if window else ""
    parts = [
        f"Line chart of the glute-feel rating (0 to 10) for {_plural(len(trend), 'week')} from "
        f"the week of {_day(trend['week_start'].iloc[0])}: points for each week's mean, a line "
        f"for the rolling mean{span}, and a dashed line at {GOOD_FEEL}.",
        f"The rolling mean goes from {_num(rolling.iloc[0])} to {_num(rolling.iloc[-1])}.",
    ]
    weekly: Sequence[str] = [
        f"{_short_day(row['week_start'])}: "
        + ("no rating" if np.isnan(row["mean_feel"]) else _num(row["mean_feel"]))
        for row in trend.to_dict("records")
    ]
    if len(weekly) <= 20:
        parts.append("Weekly means: " + "; ".join(weekly) + ".")
    return " ".join(parts)
