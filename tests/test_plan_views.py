"""Weekly summary, week table and calendar views of a plan."""

from __future__ import annotations

import re
from datetime import date

import matplotlib

matplotlib.use("Agg")

import pytest

from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan, daily_minutes
from gluteutils.plan_profile import Profile
from gluteutils.plan_views import (
    calendar_alt_text,
    calendar_figure,
    calendar_html,
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
        weeks=6,
        training_days=("mon", "wed", "fri"),
        run_days=("tue", "sat"),
        equipment=("mini_band", "wall"),
    )
    return build_plan(profile, load_exercises())


def test_weekly_summary_counts_sessions_and_minutes(plan) -> None:
    summary = weekly_summary(plan)
    assert list(summary.index) == list(range(1, 7))
    for week, row in summary.iterrows():
        rows = plan[plan["week"] == week]
        assert row["Training days"] == rows["date"].nunique()
        assert row["Before a run"] == rows.loc[rows["session"] == "pre_run", "date"].nunique()
        assert row["Minutes"] == round(rows["minutes"].sum())
    assert summary.loc[5, "Lighter week"] == "yes"


def test_week_table_escapes_the_runner_text(plan) -> None:
    html = week_table_html(plan, 1)
    assert "<img" not in html
    assert html.count("<tr>") == 1 + len(plan[plan["week"] == 1])
    assert "Week 1: activate stage" in html
    assert "no training days" in week_table_html(plan, 40)


def test_calendar_html_has_a_cell_per_day_and_alt_text(plan) -> None:
    html = calendar_html(plan)
    days = daily_minutes(plan)
    assert len(re.findall(r'<td style="background:', html)) == len(days)
    assert 'role="img"' in html
    assert "aria-label=" in html
    assert "<img" not in html


def test_alt_text_names_length_stages_and_lighter_weeks(plan) -> None:
    alt = calendar_alt_text(plan)
    assert "6-week glute plan starting 05 March 2025" in alt
    assert "Activate stage: weeks 1-2." in alt
    assert "Lighter weeks: 5." in alt


def test_calendar_figure_draws_a_square_per_day(plan) -> None:
    fig = calendar_figure(plan)
    ax = fig.axes[0]
    assert len(ax.patches) == len(daily_minutes(plan))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert any(t.get_text() == "lighter" for t in ax.texts)
    assert fig.legends
