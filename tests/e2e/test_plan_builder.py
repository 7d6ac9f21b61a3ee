"""The plan builder in a real JupyterLab and as a Voila app: fill, build, download, compare."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pandas.testing import assert_frame_equal

from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan
from gluteutils.plan_csv import read_plan
from gluteutils.plan_form import _GOAL_LABELS
from gluteutils.plan_profile import validate_profile

from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot, upload

pytestmark = pytest.mark.e2e
NOTEBOOK = "05_plan_builder.ipynb"
HOSTILE = "<img src=x onerror=alert(1)>"


def fill_and_build(page: Any, athlete: str) -> dict[str, object]:
    """Fill the form as a runner would; return the same values as the form would read them."""
    from playwright.sync_api import expect

    form = page.locator(".gfr-plan-form")
    expect(form).to_be_visible(timeout=120_000)
    form.locator(".gfr-input-athlete input").fill(athlete)
    form.locator(".gfr-input-start_date input").fill("2025-03-03")
    form.locator(".gfr-input-weeks input").fill("six")
    form.locator(".gfr-build-button").click()
    expect(form.locator(".gfr-message-weeks")).to_contain_text("whole number")
    form.locator(".gfr-input-weeks input").fill("6")
    # by accessible name, as a screen reader finds them: a day box names its row
    form.get_by_role("checkbox", name="Glute training days: Sat", exact=True).check()
    expect(form.get_by_role("checkbox", name="Run days: Sat", exact=True)).to_be_checked()
    minutes = "Minutes a day for activation (the articles suggest 10 to 20)"
    form.get_by_role("combobox", name=minutes, exact=True).select_option("12 minutes")
    form.locator(".gfr-equipment-mini_band input").check()
    goal = form.get_by_role("radiogroup", name="What do you want?", exact=True)
    expect(goal.get_by_role("radio", name=_GOAL_LABELS["full_programme"])).to_be_checked()
    form.get_by_role("radiogroup", name="Units for loads", exact=True).get_by_role(
        "radio", name="lb", exact=True
    ).check()
    form.locator(".gfr-build-button").click()
    expect(form.locator(".gfr-plan-done")).to_be_visible()
    expect(form.locator(".gfr-message-weeks")).to_be_empty()
    return {
        "athlete": athlete,
        "level": "beginner",
        "start_date": "2025-03-03",
        "weeks": "6",
        "training_days": ["mon", "wed", "fri", "sat"],
        "run_days": ["tue", "thu", "sat"],
        "activation_minutes": 12,
        "equipment": ["mini_band", "wall"],
        "goal": "full_programme",
        "units": "lb",
    }


def download_csv(page: Any, tmp_path: Path, suffix: str = ".csv") -> Path:
    """Download the plan (``.csv``) or the plan profile (``-profile.csv``)."""
    links = page.locator(f'.gfr-plan-form a.gfr-download[download$="{suffix}"]')
    if suffix == ".csv":
        links = links.and_(page.locator('a:not([download$="-profile.csv"])'))
    with page.expect_download() as info:
        links.click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def expected_plan(raw: dict[str, object]):
    profile, messages = validate_profile(raw)
    assert messages == {}
    return build_plan(profile, load_exercises())


def test_plan_builder_in_jupyterlab_downloads_the_built_plan(
    lab_server: Server, browser_page: BrowserPage, tmp_path: Path
) -> None:
    page = browser_page.page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    assert_rendered_cleanly(page)
    raw = fill_and_build(page, "Ana Runner")
    saved = download_csv(page, tmp_path)
    assert saved.name == "glute-plan-Ana_Runner-2025-03-03.csv"
    assert_frame_equal(read_plan(saved), expected_plan(raw))
    page.locator(".gfr-plan-calendar").scroll_into_view_if_needed()
    screenshot(page, "lab-05_plan_builder_built")
    assert not browser_page.page_errors


def test_plan_builder_as_a_voila_app_with_a_hostile_name_and_its_profile_file(
    voila_app: Callable[[str], Server], browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    server = voila_app(NOTEBOOK)
    page = browser_page.page
    page.goto(server.url(""))
    raw = fill_and_build(page, HOSTILE)
    status = page.locator(".gfr-plan-status")
    expect(status).to_contain_text(HOSTILE)
    assert page.locator(".gfr-plan-form img[src='x']").count() == 0
    saved = download_csv(page, tmp_path)
    assert "<" not in saved.name
    assert_frame_equal(read_plan(saved), expected_plan(raw))
    assert "from gluteutils" not in str(page.locator("body").text_content())
    page.locator(".gfr-plan-calendar").scroll_into_view_if_needed()
    screenshot(page, "voila-05_plan_builder_built")
    assert not browser_page.dialogs
    assert not browser_page.page_errors

    # a text box reached with the keyboard shows where the focus is, clearly
    page.keyboard.press("Tab")
    name = page.locator(".gfr-input-athlete input")
    name.focus()
    outline = name.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineWidth]"
    )
    assert outline == ["solid", "2px"]

    # on Binder the session ends: the plan profile file brings the answers back next time
    saved = download_csv(page, tmp_path, "-profile.csv")
    assert saved.name.endswith("-2025-03-03-profile.csv")
    page.goto(server.url(""))  # a new session: an empty form
    form = page.locator(".gfr-plan-form")
    expect(form).to_be_visible(timeout=120_000)
    upload(page, ".gfr-saved-profile-upload", saved)
    expect(form.locator(".gfr-saved-profile-status")).to_contain_text("Filled in from")
    expect(form.locator(".gfr-input-athlete input")).to_have_value(HOSTILE)
    expect(
        form.get_by_role("checkbox", name="Glute training days: Sat", exact=True)
    ).to_be_checked()
    form.locator(".gfr-build-button").click()
    expect(form.locator(".gfr-plan-done")).to_be_visible()
    assert_frame_equal(read_plan(download_csv(page, tmp_path)), expected_plan(raw))
    form.locator(".gfr-saved-profile-status").scroll_into_view_if_needed()
    screenshot(page, "voila-05_plan_builder_profile_loaded")
    assert not browser_page.dialogs
    assert not browser_page.page_errors
