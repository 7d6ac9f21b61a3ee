"""Show an obstacle profile: a readable table, a bar chart and its alt text."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure

from .assessment import ObstacleProfile
from .obstacles import obstacle_names

_LEVEL_COLOURS = {"none": "#bdbdbd", "low": "#fdd835", "moderate": "#fb8c00", "high": "#c62828"}
_LEVEL_HATCH = {"none": "", "low": "..", "moderate": "//", "high": "xx"}


def profile_table(profile: ObstacleProfile, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Return the profile as a table for people: obstacle, score, level, side, why.

    Parameters
    ----------
    profile : ObstacleProfile
        The profile.
    names : mapping of str to str, optional
        Display names by obstacle id; read from ``data/obstacles.csv`` when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``Obstacle``, ``Score``, ``Level``, ``Side``, ``Why`` (reasons
        joined into one sentence list), highest score first.
    """
    names = obstacle_names() if names is None else names
    return pd.DataFrame(
        [
            {
                "Obstacle": names.get(s.obstacle_id, s.obstacle_id),
                "Score": s.score,
                "Level": s.level,
                "Side": s.sides or "-",
                "Why": " ".join(s.reasons),
            }
            for s in profile.ranked()
        ]
    )


def profile_figure(profile: ObstacleProfile, names: Mapping[str, str] | None = None) -> Figure:
    """Draw the profile as a horizontal bar chart, one bar per obstacle.

    Colour and hatching both show the level, so the chart reads in grey print
    and for colour-blind readers too.

    Parameters
    ----------
    profile : ObstacleProfile
        The profile.
    names : mapping of str to str, optional
        Display names by obstacle id; read from ``data/obstacles.csv`` when omitted.

    Returns
    -------
    matplotlib.figure.Figure
        A new figure (not registered with pyplot).
    """
    names = obstacle_names() if names is None else names
    fig = Figure(figsize=(8.5, 5.2), layout="constrained")
    ax = fig.subplots()
    items = list(profile.scores)
    labels = [names.get(s.obstacle_id, s.obstacle_id) for s in items]
    positions = range(len(items))
    bars = ax.barh(
        list(positions),
        [max(s.score, 1) for s in items],  # a sliver keeps "none" visible as a bar
        color=[_LEVEL_COLOURS[s.level] for s in items],
        edgecolor="#424242",
    )
    for bar, s in zip(bars, items, strict=True):
        bar.set_hatch(_LEVEL_HATCH[s.level])
        ax.text(
            min(s.score, 100) + 1.5,
            bar.get_y() + bar.get_height() / 2,
            f"{s.score} ({s.level})",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(list(positions), labels=labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 118)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Score: 0 = no sign found, 100 = every sign the rule checks")
    ax.set_title(f"Your obstacle profile ({profile.assessed_on.isoformat()})")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def profile_alt_text(profile: ObstacleProfile, names: Mapping[str, str] | None = None) -> str:
    """Describe the profile chart in words, for screen readers.

    Examples
    --------
    >>> answers, _ = validate_answers(EXAMPLE_RAW)
    >>> text = profile_alt_text(obstacle_profile(answers, date(2025, 3, 1)), {})
    >>> text.startswith("Bar chart of your obstacle scores out of 100")
    True
    """
    names = obstacle_names() if names is None else names
    parts = [
        f"{names.get(s.obstacle_id, s.obstacle_id)} {s.score} ({s.level})" for s in profile.ranked()
    ]
    return "Bar chart of your obstacle scores out of 100, highest first: " + "; ".join(parts) + "."
