"""Progress figures draw what the summaries hold, with units, and their alt texts say it."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from gluteutils import progress
from gluteutils import progress_figures as pf
from gluteutils.display import figure_png
from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan
from gluteutils.plan_profile import validate_profile
from tests.progress_logs import log_following, make_log, sets

LIBRARY = load_exercises()


def _plan() -> pd.DataFrame:
    profile, messages = validate_profile(
        {
            "athlete": "Ana",
            "level": "beginner",
            "start_date": "2025-03-03",
            "weeks": 8,
            "training_days": "mon|wed|fri",
            "run_days": "tue|sat",
        }
    )
    assert profile is not None, messages
    return build_plan(profile, LIBRARY)


PLAN = _plan()
LOG = log_following(PLAN, skip=[date(2025, 3, 19)], glute_feel=8)


def _gids(fig: Figure) -> dict[str, object]:
    return {a.get_gid(): a for ax in fig.axes for a in ax.get_children() if a.get_gid()}


def _texts(fig: Figure) -> str:
    parts = [t.get_text() for ax in fig.axes for t in ax.texts]
    parts += [ax.get_title() for ax in fig.axes]
    parts += [ax.get_xlabel() for ax in fig.axes] + [ax.get_ylabel() for ax in fig.axes]
    if fig._suptitle is not None:
        parts.append(fig._suptitle.get_text())
    return " ".join(parts)


def _bridge_log() -> pd.DataFrame:
    rows = []
    for day, left, right in (
        ("2025-03-05", 16, 20),
        ("2025-04-05", 20, 21),
        ("2025-05-01", 18, None),
    ):
        rows += sets(day, "single_leg_glute_bridge", [left], side="left", set_type="test")
        if right is not None:
            rows += sets(day, "single_leg_glute_bridge", [right], side="right", set_type="test")
    return make_log(rows)


# --- weekly volume ---


def test_weekly_muscle_figure_stacks_the_sets_of_each_week() -> None:
    weekly = progress.weekly_by_muscle(LOG)
    fig = pf.weekly_volume_figure(weekly)
    gids = _gids(fig)
    week = pd.Timestamp("2025-03-17")
    rows = weekly[weekly["week_start"] == week].set_index("muscle")
    bottom = 0.0
    for muscle in ("glute_max", "glute_med", "glute_min"):  # stacking order = MUSCLE_IDS
        bar = gids[f"sets-{muscle}-2025-03-17"]
        assert bar.get_height() == rows.loc[muscle, "sets"]
        assert bar.get_y() == pytest.approx(bottom)
        bottom += rows.loc[muscle, "sets"]
        minutes = gids[f"minutes-{muscle}-2025-03-17"]
        assert minutes.get_height() == pytest.approx(rows.loc[muscle, "minutes"])
    assert (
        to_hex(gids["sets-glute_max-2025-03-17"].get_facecolor())
        == pf.MUSCLE_COLOURS["glute_max"][0].lower()
    )
    text = _texts(fig)
    assert "Weekly sets and time per muscle" in text
    assert "Sets per week (count)" in text
    assert "(minutes, estimated)" in text
    assert "Week starting on Monday" in text
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["gluteus maximus", "gluteus medius", "gluteus minimus", "hip flexors"]


def test_weeks_without_sets_are_shown_as_empty() -> None:
    log = make_log(sets("2025-03-03", "clamshell", [10]) + sets("2025-03-24", "clamshell", [10]))
    fig = pf.weekly_volume_figure(progress.weekly_by_exercise(log))
    gids = _gids(fig)
    assert gids["sets-clamshell-2025-03-10"].get_height() == 0
    assert gids["sets-clamshell-2025-03-24"].get_height() == 1
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == [
        "3 Mar",
        "10 Mar",
        "17 Mar",
        "24 Mar",
    ]


def test_weekly_alt_text_gives_the_numbers() -> None:
    weekly = progress.weekly_by_muscle(LOG)
    alt = pf.weekly_volume_alt(weekly)
    totals = weekly.groupby("week_start")["sets"].sum()
    assert f"from {totals.min()} to {totals.max()} sets" in alt
    glute_max = weekly[weekly["muscle"] == "glute_max"]["sets"].sum()
    assert f"Gluteus maximus: {glute_max} sets" in alt
    assert "8 weeks from the week of 3 Mar 2025 to the week of 21 Apr 2025" in alt
    assert "A set counts for each primary muscle" in alt
    by_exercise = pf.weekly_volume_alt(progress.weekly_by_exercise(LOG))
    assert "Glute bridge:" in by_exercise  # exercise names, not ids
    assert "split by exercise" in by_exercise


# --- adherence ---


def test_adherence_figure_has_a_bar_per_week_and_hatches_the_week_in_progress() -> None:
    table = progress.weekly_adherence(LOG, PLAN)
    fig = pf.adherence_figure(table)
    gids = _gids(fig)
    for row in table.to_dict("records"):
        bar = gids[f"adherence-week-{row['week']}"]
        assert bar.get_height() == pytest.approx(row["adherence_pct"])
        assert bool(bar.get_hatch()) is (not row["complete"])
    text = _texts(fig)
    assert "Planned sets done (%)" in text
    week3 = table[table["week"] == 3].iloc[0]
    assert f"{week3['done_sets']}/{week3['planned_sets']}" in text
    lines = [line.get_ydata()[0] for line in fig.axes[0].get_lines()]
    assert 100 in lines


def test_adherence_alt_text() -> None:
    table = progress.weekly_adherence(LOG, PLAN)
    alt = pf.adherence_alt(table)
    week3 = table[table["week"] == 3].iloc[0]
    assert f"Week 3 (from 17 Mar 2025): {week3['adherence_pct']:g} %" in alt
    assert "Week 8 (from 21 Apr 2025): 100 %" in alt
    assert "still in progress" in alt
    done, planned = table["done_sets"].sum(), table["planned_sets"].sum()
    assert f"Overall {done} of {planned} planned sets" in alt


# --- bests ---


def test_personal_bests_figure_has_a_panel_per_kind_of_best() -> None:
    log = make_log(
        sets("2025-03-03", "glute_bridge", [12, 14])
        + sets("2025-03-04", "hip_thrust", [10], load=135, load_unit="lb")
    )
    bests = progress.personal_bests(log)
    fig = pf.personal_bests_figure(bests, LIBRARY)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["Most repetitions in one set", "Heaviest added load"]  # no timed sets
    gids = _gids(fig)
    assert gids["most_reps-glute_bridge"].get_width() == 14
    assert gids["heaviest_kg-hip_thrust"].get_width() == pytest.approx(61.23)
    text = _texts(fig)
    assert "Load (kg)" in text
    assert "14 (3 Mar 2025)" in text
    alt = pf.personal_bests_alt(bests, LIBRARY)
    assert "Glute bridge 14 on 3 Mar 2025" in alt
    assert "Barbell hip thrust 61.2 kg on 4 Mar 2025" in alt


# --- bridge test ---


def test_bridge_figure_draws_both_sides_and_colours_flagged_gaps() -> None:
    tests = progress.bridge_tests(_bridge_log())
    fig = pf.bridge_test_figure(tests)
    gids = _gids(fig)
    left = gids["reps-left"].get_ydata()
    right = gids["reps-right"].get_ydata()
    assert list(left) == [16, 20, 18]
    assert list(right[:2]) == [20, 21]
    assert np.isnan(right[2])
    flagged = gids["gap-2025-03-05"]
    assert flagged.get_height() == pytest.approx(20.0)
    assert to_hex(flagged.get_facecolor()) == pf.FLAG_COLOUR.lower()
    assert to_hex(gids["gap-2025-04-05"].get_facecolor()) == pf.GAP_COLOUR.lower()
    assert "Gap (% of the stronger side)" in _texts(fig)
    assert "Repetitions to failure (count)" in _texts(fig)
    threshold = [line.get_ydata()[0] for line in fig.axes[1].get_lines()]
    assert progress.ASYMMETRY_FLAG_PCT in threshold
    alt = pf.bridge_test_alt(tests)
    assert "5 Mar 2025: left 16, right 20, gap 20 % (left weaker), over the 15 % line." in alt
    assert "5 Apr 2025: left 20, right 21, gap 4.8 % (left weaker)." in alt
    assert "1 May 2025: left 18, right not tested." in alt


# --- glute feel ---


def test_glute_feel_figure_plots_the_weekly_and_rolling_means() -> None:
    log = make_log(
        sets("2025-03-03", "glute_bridge", [10, 10], glute_feel=[4, 6])
        + sets("2025-03-17", "glute_bridge", [10], glute_feel=9)
    )
    trend = progress.glute_feel_trend(log, window=2)
    fig = pf.glute_feel_figure(trend)
    gids = _gids(fig)
    weekly = gids["feel-weekly"].get_ydata()
    assert weekly[0] == 5.0
    assert np.isnan(weekly[1])
    assert list(gids["feel-rolling"].get_ydata()) == pytest.approx([5.0, 5.0, 9.0])
    assert fig.axes[0].get_ylim() == (0, 10.5)
    assert "Glute feel (0 = not at all, 10 = very clearly)" in _texts(fig)
    alt = pf.glute_feel_alt(trend, window=2)
    assert "rolling mean over 2 weeks" in alt
    assert "The rolling mean goes from 5 to 9." in alt
    assert "Weekly means: 3 Mar: 5; 10 Mar: no rating; 17 Mar: 9." in alt


# --- empty summaries and rendering ---

EMPTY = make_log([])


@pytest.mark.parametrize(
    ("figure", "alt", "summary"),
    [
        (pf.weekly_volume_figure, pf.weekly_volume_alt, progress.weekly_by_muscle(EMPTY)),
        (pf.adherence_figure, pf.adherence_alt, progress.weekly_adherence(EMPTY, PLAN)),
        (pf.personal_bests_figure, pf.personal_bests_alt, progress.personal_bests(EMPTY)),
        (pf.bridge_test_figure, pf.bridge_test_alt, progress.bridge_tests(EMPTY)),
        (pf.glute_feel_figure, pf.glute_feel_alt, progress.glute_feel_trend(EMPTY)),
    ],
)
def test_empty_summaries_give_a_figure_that_says_so(figure, alt, summary) -> None:
    fig = figure(summary)
    assert isinstance(fig, Figure)
    assert not fig.axes[0].axison
    assert any(word in _texts(fig) for word in ("yet", "Nothing"))
    assert figure_png(fig).startswith(b"\x89PNG")
    assert "yet" in alt(summary)


def test_every_figure_renders_to_png() -> None:
    figures = [
        pf.weekly_volume_figure(progress.weekly_by_muscle(LOG)),
        pf.weekly_volume_figure(progress.weekly_by_exercise(LOG)),
        pf.adherence_figure(progress.weekly_adherence(LOG, PLAN)),
        pf.personal_bests_figure(progress.personal_bests(LOG)),
        pf.bridge_test_figure(progress.bridge_tests(_bridge_log())),
        pf.glute_feel_figure(progress.glute_feel_trend(LOG)),
    ]
    for fig in figures:
        assert figure_png(fig).startswith(b"\x89PNG")


def test_glute_feel_figure_draws_a_single_week_without_warnings() -> None:
    import warnings

    import pandas as pd

    from gluteutils.display import figure_png
    from gluteutils.progress_figures import glute_feel_figure

    trend = pd.DataFrame(
        {
            "week_start": pd.to_datetime(["2025-03-03"]),
            "mean_feel": [6.0],
            "rolling_mean": [6.0],
            "sets_rated": [10],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert figure_png(glute_feel_figure(trend)).startswith(b"\x89PNG")
