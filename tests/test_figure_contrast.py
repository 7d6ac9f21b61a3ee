"""Every mark that carries data stands out from its background by 3:1 (WCAG 1.4.11).

A bar, square or line counts when its fill or its outline reaches 3:1 against the
axes' background; a reader with low vision then sees where each one is, and the
legend, hatching and alt text say which is which.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from gluteutils import progress
from gluteutils import progress_figures as pf
from gluteutils.assessment import obstacle_profile, validate_answers
from gluteutils.assessment_questions import EXAMPLE_RAW
from gluteutils.contrast import contrast_ratio
from gluteutils.exercise_figures import emg_figure
from gluteutils.exercises import load_exercises
from gluteutils.figures import hip_schematic, stride_activity_figure
from gluteutils.plan_views import calendar_figure
from gluteutils.profile_report import profile_figure
from tests.test_progress_figures import LOG, PLAN, _bridge_log

#: WCAG 2.1's least contrast for the parts of a graphic needed to understand it.
MIN_GRAPHIC_CONTRAST = 3.0
#: Marks that only set a scene their labels name (the stride figure's stance backdrop).
BACKDROPS = {"stance_backdrop"}


def _shown(colour: object, width: float = 1.0) -> str | None:
    rgba = to_rgba(colour)
    return to_hex(rgba) if rgba[3] > 0 and width > 0 else None


def faint_marks(fig: Figure) -> list[str]:
    """Describe each bar, square or line below 3:1 against its axes, fill and outline both."""
    faint = []
    for ax in fig.axes:
        background = to_hex(ax.get_facecolor())
        for mark in ax.get_children():
            if not mark.get_visible() or mark.get_gid() in BACKDROPS:
                continue
            if isinstance(mark, Rectangle) and mark is not ax.patch:
                if not (mark.get_width() and mark.get_height()):
                    continue
                colours = [
                    _shown(mark.get_facecolor()),
                    _shown(mark.get_edgecolor(), mark.get_linewidth()),
                ]
            elif isinstance(mark, Line2D) and len(mark.get_xdata()):
                colours = [_shown(mark.get_color(), mark.get_linewidth())]
                if mark.get_marker() not in (None, "None", "", " "):
                    colours += [_shown(mark.get_markerfacecolor())]
                    colours += [_shown(mark.get_markeredgecolor())]
            else:
                continue
            best = max((contrast_ratio(c, background) for c in colours if c), default=1.0)
            if best < MIN_GRAPHIC_CONTRAST:
                name = mark.get_gid() or mark.get_label()
                faint.append(f"{type(mark).__name__} {name} {colours}")
    return faint


LIBRARY = load_exercises()
FIGURES: dict[str, Callable[[], Figure]] = {
    "hip schematic": hip_schematic,
    "stride": stride_activity_figure,
    "obstacle profile": lambda: profile_figure(
        obstacle_profile(validate_answers(EXAMPLE_RAW)[0], date(2025, 3, 1))
    ),
    "EMG": lambda: emg_figure(LIBRARY),
    "plan calendar": lambda: calendar_figure(PLAN),
    "weekly by muscle": lambda: pf.weekly_volume_figure(progress.weekly_by_muscle(LOG)),
    "weekly by exercise": lambda: pf.weekly_volume_figure(progress.weekly_by_exercise(LOG)),
    "adherence": lambda: pf.adherence_figure(progress.weekly_adherence(LOG, PLAN)),
    "personal bests": lambda: pf.personal_bests_figure(progress.personal_bests(LOG)),
    "bridge test": lambda: pf.bridge_test_figure(progress.bridge_tests(_bridge_log())),
    "glute feel": lambda: pf.glute_feel_figure(progress.glute_feel_trend(LOG)),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_data_mark_stands_out_from_the_background(name: str) -> None:
    assert faint_marks(FIGURES[name]()) == []


def test_the_check_finds_a_faint_mark() -> None:
    fig = Figure()
    ax = fig.subplots()
    ax.bar([0, 1], [1, 2], color="#F0E442", edgecolor="white", gid="yellow")  # 1.3:1
    ax.plot([0, 1], [0, 1], color="#0072B2")  # 5.2:1: fine
    assert [m.split()[0] for m in faint_marks(fig)] == ["Rectangle", "Rectangle"]
