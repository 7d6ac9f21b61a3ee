"""Show an obstacle profile: a readable table, a bar chart and its alt text."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.figure import Figure

from .assessment import ObstacleProfile, ObstacleScore
from .obstacles import obstacle_names

_LEVEL_COLOURS = {"none": "#bdbdbd", "low": "#fdd835", "moderate": "#fb8c00", "high": "#c62828"}
_LEVEL_HATCH = {"none": "", "low": "..", "moderate": "//", "high": "xx"}


def score_cells(profile: ObstacleProfile, score: ObstacleScore) -> tuple[int | str, str]:
    """Return what to show as one obstacle's score and level, unknowns included.

    An obstacle the answers could not check at all shows ``"not tested"`` (a
    test was skipped) or ``"not sure"`` in both places, never a score of 0 or
    the level ``none``; one checked only in part keeps its score and says so
    beside the level.

    Parameters
    ----------
    profile : ObstacleProfile
        The profile the score belongs to.
    score : ObstacleScore
        One of its scores.

    Returns
    -------
    score : int or str
        The 0-100 score, or the unknown label.
    level : str
        The level, the level with ``(partly not tested)`` or ``(partly not
        sure)``, or the unknown label.

    Examples
    --------
    >>> from datetime import date
    >>> from gluteutils.assessment import obstacle_profile, validate_answers
    >>> from gluteutils.assessment_questions import EXAMPLE_RAW
    >>> answers, _ = validate_answers(EXAMPLE_RAW)  # not sure whether they bounce
    >>> profile = obstacle_profile(answers, date(2025, 3, 1))
    >>> score_cells(profile, profile.score_of("bouncing"))
    ('not sure', 'not sure')
    """
    unknown = profile.unknown_label(score)
    if score.checked == "none":
        return unknown, unknown
    if unknown:
        return score.score, f"{score.level} ({unknown})"
    return score.score, score.level


def _bar_label(profile: ObstacleProfile, score: ObstacleScore) -> str:
    """Label a bar or an alt-text item: ``"50 (moderate)"``, ``"not tested"``, ...."""
    unknown = profile.unknown_label(score)
    if score.checked == "none":
        return unknown
    return (
        f"{score.score} ({score.level}, {unknown})" if unknown else f"{score.score} ({score.level})"
    )


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
        Columns ``Obstacle``, ``Score``, ``Level`` (both as :func:`score_cells`
        gives them: an obstacle that could not be checked reads "not tested" or
        "not sure"), ``Side``, ``Why`` (reasons joined into one sentence list),
        highest score first and unchecked obstacles last.
    """
    names = obstacle_names() if names is None else names
    rows = []
    for s in profile.ranked():
        score, level = score_cells(profile, s)
        rows.append(
            {
                "Obstacle": names.get(s.obstacle_id, s.obstacle_id),
                "Score": score,
                "Level": level,
                "Side": s.sides or "-",
                "Why": " ".join(s.reasons),
            }
        )
    return pd.DataFrame(rows, columns=["Obstacle", "Score", "Level", "Side", "Why"])


def profile_figure(profile: ObstacleProfile, names: Mapping[str, str] | None = None) -> Figure:
    """Draw the profile as a horizontal bar chart, one bar per obstacle.

    Colour and hatching both show the level, so the chart reads in grey print
    and for colour-blind readers too. An obstacle that could not be checked at
    all gets an empty, dashed outline labelled "not tested" or "not sure".

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
        if s.checked == "none":
            # Unknown is not "none": no fill, a dashed outline and the word instead of 0.
            bar.set_facecolor("white")
            bar.set_linestyle("--")
        else:
            bar.set_hatch(_LEVEL_HATCH[s.level])
        ax.text(
            min(s.score, 100) + 1.5,
            bar.get_y() + bar.get_height() / 2,
            _bar_label(profile, s),
            va="center",
            fontsize=9,
        )
    ax.set_yticks(list(positions), labels=labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 135)  # room for "80 (high, partly not tested)" beside the longest bar
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel("Score: 0 = no sign found, 100 = every sign the rule checks")
    ax.set_title(f"Your obstacle profile ({profile.assessed_on.isoformat()})")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def profile_alt_text(profile: ObstacleProfile, names: Mapping[str, str] | None = None) -> str:
    """Describe the profile chart in words, for screen readers.

    Examples
    --------
    >>> from datetime import date
    >>> from gluteutils.assessment import obstacle_profile, validate_answers
    >>> from gluteutils.assessment_questions import EXAMPLE_RAW
    >>> answers, _ = validate_answers(EXAMPLE_RAW)
    >>> text = profile_alt_text(obstacle_profile(answers, date(2025, 3, 1)), {})
    >>> text.startswith("Bar chart of your obstacle scores out of 100")
    True
    """
    names = obstacle_names() if names is None else names
    parts = []
    for s in profile.ranked():
        parts.append(f"{names.get(s.obstacle_id, s.obstacle_id)} {_bar_label(profile, s)}")
    return "Bar chart of your obstacle scores out of 100, highest first: " + "; ".join(parts) + "."
