"""Weekly summary, week table and calendar views of a plan."""

from __future__ import annotations

import re
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from gluteutils.contrast import MIN_TEXT_CONTRAST, contrast_ratio
from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan, daily_minutes
from gluteutils.plan_profile import Profile
from gluteutils.plan_text import prescription_text
from gluteutils.plan_views import (
    STAGE_COLOURS,
    calendar_alt_text,
    calendar_figure,
    calendar_html,
    day_table,
    week_table_html,
    weekly_summary,
)

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def plan():
    profile = Profile(
        athlete=HOSTILE,
        level="beginner",
        start_date=date(2025, 3, 5),  # a Wednesday
        weeks=8,
        training_days=("mon", "wed", "fri"),
        run_days=("tue", "sat"),
        equipment=("mini_band", "wall"),
    )
    return build_plan(profile, load_exercises())


def test_weekly_summary_counts_sessions_and_minutes(plan) -> None:
    summary = weekly_summary(plan)
    assert list(summary.index) == list(range(1, 9))
    for week, row in summary.iterrows():
        rows = plan[plan["week"] == week]
        assert row["Training days"] == rows["date"].nunique()
        assert row["Before a run"] == rows.loc[rows["session"] == "pre_run", "date"].nunique()
        assert row["Minutes"] == round(rows["minutes"].sum())
    assert list(summary["Lighter week"]) == ["no"] * 7 + ["yes"]


def test_week_table_escapes_the_runner_text(plan) -> None:
    html = week_table_html(plan, 1)
    assert "<img" not in html
    assert html.count("<tr>") == 1 + len(plan[plan["week"] == 1])
    assert "Week 1: activate stage" in html
    # each cell carries its heading, for the card layout on a narrow screen
    assert 'class="gfr-plan-week gfr-cards"' in html
    for heading in ("Day", "Session", "Exercise", "Dose", "Load", "Cues"):
        assert html.count(f'<td data-label="{heading}">') == len(plan[plan["week"] == 1])
    assert "no training days" in week_table_html(plan, 40)


def test_week_table_names_the_exercise_a_swap_replaced(plan) -> None:
    week = int(plan.loc[plan["substituted_for"] != "", "week"].iloc[0])
    html = week_table_html(plan, week)
    assert "instead of Trap-bar deadlift (equipment)" in html
    assert "trap_bar_deadlift" not in html  # the library's name, not its id


def test_day_table_lists_a_day_in_the_order_it_is_done(plan) -> None:
    day = plan.loc[plan["session"] == "strength", "date"].min()
    rows = plan[plan["date"] == day]
    table = day_table(plan, day)
    assert list(table.columns) == ["Session", "Exercise", "Dose", "Load"]
    assert table.index.name == "Step"
    assert list(table.index) == list(range(1, len(rows) + 1))
    # the activation block, then the strength work, each in its own order
    activation, strength = (
        rows[rows["session"] == "activation"],
        rows[rows["session"] == "strength"],
    )
    assert list(table["Session"]) == ["Activation"] * len(activation) + ["Strength"] * len(strength)
    expected = [
        *activation.sort_values("order")["exercise_name"],
        *strength.sort_values("order")["exercise_name"],
    ]
    assert list(table["Exercise"]) == expected
    ordered = pd.concat([activation.sort_values("order"), strength.sort_values("order")])
    assert list(table["Dose"]) == [prescription_text(row) for _, row in ordered.iterrows()]
    assert list(table["Load"]) == list(ordered["load_guidance"])


def test_day_table_defaults_to_the_first_day_and_names_swaps(plan) -> None:
    first = plan["date"].min()
    assert len(day_table(plan)) == int((plan["date"] == first).sum())
    swapped_day = plan.loc[plan["substituted_for"] != "", "date"].iloc[0]
    exercises = list(day_table(plan, swapped_day)["Exercise"])
    assert any(e.endswith("(instead of Trap-bar deadlift)") for e in exercises)
    run_day = plan.loc[plan["session"] == "pre_run", "date"].min()
    assert set(day_table(plan, run_day)["Session"]) == {"Before a run"}


def test_day_table_refuses_a_day_without_training(plan) -> None:
    rest_day = plan["date"].min() - timedelta(days=1)
    with pytest.raises(ValueError, match="no training on"):
        day_table(plan, rest_day)


def test_calendar_html_has_a_cell_per_day_and_alt_text(plan) -> None:
    html = calendar_html(plan)
    days = daily_minutes(plan)
    assert len(re.findall(r'<td style="background:', html)) == len(days)
    assert 'role="img"' in html
    assert "aria-label=" in html
    assert "<img" not in html
    # the lighter plan week 8 (Wed 23 to Tue 29 April) is marked in words on the two
    # calendar rows that hold its days, and on no other
    rows = re.findall(r"<tr><th>(\d\d \w\w\w)</th>.*?</tr>", html)
    assert len(rows) == 9  # the plan starts on a Wednesday: 9 calendar rows
    marked = re.findall(r"<tr><th>(\d\d \w\w\w)</th>(?:(?!</tr>).)*lighter week", html)
    assert marked == ["21 Apr", "28 Apr"]


def test_alt_text_names_length_stages_and_lighter_weeks(plan) -> None:
    alt = calendar_alt_text(plan)
    assert "8-week glute plan starting 05 March 2025" in alt
    assert "Activate stage: weeks 1-2." in alt
    assert "Lighter weeks: 8." in alt


def test_calendar_figure_draws_a_square_per_day(plan) -> None:
    fig = calendar_figure(plan)
    ax = fig.axes[0]
    assert len(ax.patches) == len(daily_minutes(plan))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert any(t.get_text() == "lighter" for t in ax.texts)
    assert fig.legends


def test_calendar_numbers_are_readable_on_their_colours(plan) -> None:
    cells = re.findall(r'<td style="background:(#\w+);color:(#\w+);', calendar_html(plan))
    backgrounds = {background for background, _ in cells}
    assert backgrounds == set(STAGE_COLOURS.values())  # every stage is drawn
    for background, text in cells:
        assert contrast_ratio(background, text) >= MIN_TEXT_CONTRAST, background
    rest_day = re.search(r'<td style="text-align:center;color:(#\w+)">', calendar_html(plan))
    assert rest_day
    assert contrast_ratio(rest_day.group(1), "#ffffff") >= MIN_TEXT_CONTRAST
