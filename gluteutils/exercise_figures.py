"""Figure of notebook 04: published glute EMG per exercise, every bar cited.

Pure: :func:`emg_figure` builds and returns a :class:`matplotlib.figure.Figure`
without ``pyplot``. Show it with :func:`gluteutils.display.show_figure` and the
alt text from :func:`emg_figure_alt`, which is written from the same data.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .exercises import MUSCLE_LABELS, emg_table

# Okabe-Ito colours, the same as the anatomy figures, readable with colour blindness.
EMG_COLOURS: dict[str, str] = {"glute_max": "#D55E00", "glute_med": "#0072B2"}

EMG_FIGURE_CAPTION = (
    "Published glute activation in some library exercises, as a percentage of a maximal "
    "voluntary isometric contraction (% MVIC): the electrical activity of the muscle "
    "compared with an all-out static test. Each bar is one study's mean (or a review's "
    "pooled mean); hatched bars come from a secondary summary. EMG shows how hard a muscle "
    "is switched on, not how much force it makes, how much it will grow or whether an "
    "exercise helps your running. Values from different studies used different people, "
    "loads and test positions and vary a lot between people, so compare them loosely. "
    "Exercises without a bar were not measured in the studies we cite: no number is "
    "invented for them."
)


def _label(row: Mapping[str, object]) -> str:
    note = ", secondary" if row["secondary"] else ""
    return f"{row['percent_mvic']:g} % ({row['citation']}{note})"


def emg_figure(library: pd.DataFrame, sources: pd.DataFrame | None = None) -> Figure:
    """Draw published glute max and glute med EMG per exercise as cited bars.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table (or a selection of it).
    sources : pandas.DataFrame, optional
        The sources table, for the citations; loaded when not given.

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars, one per exercise and muscle with a value, highest
        exercise at the top; each bar is labelled with its value and citation,
        and carries a ``gid`` of ``emg-<exercise_id>-<muscle>``.

    Raises
    ------
    ValueError
        If no exercise in ``library`` has a published value.
    """
    table = emg_table(library, sources)
    if table.empty:
        raise ValueError("none of these exercises has a published EMG value to plot")
    # Highest exercise first; matplotlib draws the first row at the bottom, so reverse.
    order = (
        table.groupby("exercise_id", sort=False)["percent_mvic"].max().sort_values().index.tolist()
    )
    names = table.drop_duplicates("exercise_id").set_index("exercise_id")["name"]
    fig = Figure(figsize=(10, 0.62 * len(order) + 1.8), layout="constrained")
    ax = fig.add_subplot()
    height = 0.38
    offsets = {"glute_max": height / 2, "glute_med": -height / 2}
    measured = table["exercise_id"].value_counts().to_dict()
    for row in table.to_dict("records"):
        y = order.index(row["exercise_id"])
        muscle = row["muscle"]
        # A muscle measured alone sits centred on its exercise's line.
        offset = offsets[muscle] if measured[row["exercise_id"]] > 1 else 0.0
        bar = ax.barh(
            y + offset,
            row["percent_mvic"],
            height=height,
            color=EMG_COLOURS[muscle],
            alpha=0.55 if row["secondary"] else 0.95,
            hatch="//" if row["secondary"] else None,
            edgecolor="black",
            linewidth=0.6,
        )[0]
        bar.set_gid(f"emg-{row['exercise_id']}-{muscle}")
        ax.text(
            row["percent_mvic"] + 2,
            y + offset,
            _label(row),
            va="center",
            fontsize=8,
            # A white box keeps the label readable where it crosses the 100 % line.
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    ax.axvline(100, color="#555555", linestyle="--", linewidth=1)
    ax.text(101, len(order) - 0.45, "100 % = the all-out test", fontsize=8, color="#555555")
    ax.set_yticks(range(len(order)), [names[i] for i in order])
    ax.set_xlim(0, table["percent_mvic"].max() * 1.6)
    ax.set_ylim(-0.7, len(order) - 0.1)
    ax.set_xlabel("Mean activation, % of maximal voluntary isometric contraction (MVIC)")
    ax.set_title("Published glute EMG in library exercises (each bar cited)")
    handles = [
        Patch(facecolor=EMG_COLOURS[m], edgecolor="black", label=MUSCLE_LABELS[m])
        for m in EMG_COLOURS
    ]
    handles.append(
        Patch(facecolor="white", hatch="//", edgecolor="black", label="from a secondary summary")
    )
    ax.legend(handles=handles, loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def emg_figure_alt(library: pd.DataFrame, sources: pd.DataFrame | None = None) -> str:
    """Write the alt text of :func:`emg_figure` from the same data.

    Parameters
    ----------
    library : pandas.DataFrame
        The exercises table (or the same selection passed to the figure).
    sources : pandas.DataFrame, optional
        The sources table; loaded when not given.

    Returns
    -------
    str
        One sentence per bar, highest first, with value, muscle and citation.
    """
    table = emg_table(library, sources).sort_values("percent_mvic", ascending=False)
    parts = [
        f"{row['name']}, {MUSCLE_LABELS[row['muscle']]}: {row['percent_mvic']:g} percent "
        f"({row['citation']}{', secondary summary' if row['secondary'] else ''})"
        for _, row in table.iterrows()
    ]
    return (
        "Horizontal bar chart of published glute activation as a percentage of a maximal "
        "voluntary isometric contraction, with a dashed line at 100 percent. Values, "
        "highest first: " + "; ".join(parts) + "."
    )
