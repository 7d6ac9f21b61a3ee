"""A runner fills the self-assessment form in JupyterLab and gets the obstacle profile."""

from __future__ import annotations

import re

import pytest

from gluteutils.assessment_form import _YES_NO
from gluteutils.assessment_questions import EXAMPLE_RAW, FIELDS

from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot

pytestmark = pytest.mark.e2e
HOSTILE = "<img src=x onerror=alert(1)>"


def choose(page: object, question: str, label: str) -> None:
    # as a screen reader finds it: the radio group named by its question, then the answer
    group = page.get_by_role("radiogroup", name=question, exact=True)  # type: ignore[attr-defined]
    group.get_by_role("radio", name=label, exact=True).check()


def fill_like_a_runner(page: object, answers: dict[str, object]) -> None:
    for field in FIELDS:
        value = answers[field.name]
        if field.kind == "flag":
            if value:
                page.locator(f".gfr-input-{field.name} input").check()  # type: ignore[attr-defined]
        elif field.kind == "choice":
            choose(page, field.label, dict(field.choices)[str(value)])
        elif field.kind == "yes_no":
            choose(page, field.label, _YES_NO[0][0] if value else _YES_NO[1][0])
        else:
            page.locator(f".gfr-input-{field.name} input").fill(str(value))  # type: ignore[attr-defined]


def test_self_assessment_form_gives_a_profile_in_jupyterlab(
    lab_server: Server, browser_page: BrowserPage
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    open_notebook(page, lab_server, "03_obstacles_and_self_assessment.ipynb")
    run_all_cells(page)
    assert_rendered_cleanly(page)
    form = page.locator(".gfr-assessment")
    expect(form).to_be_visible()

    answers = {**EXAMPLE_RAW, "pain_now": "2", "pain_where": HOSTILE, "bridge_reps_left": "ten"}
    fill_like_a_runner(page, answers)
    page.locator(".gfr-assess-button").click()
    expect(page.locator(".gfr-message-bridge_reps_left")).not_to_be_empty()
    # announced: the status line is a live region, away from the button just pressed
    expect(form.get_by_role("status").filter(has_text="1 answer needs fixing")).to_have_count(1)
    expect(form.locator(".gfr-profile-table")).to_have_count(0)
    # the message is tied to its field, and the one field at fault is marked invalid
    bad = page.locator(".gfr-input-bridge_reps_left input")
    expect(bad).to_have_accessible_description(re.compile("digits"))
    expect(form.locator("[aria-invalid=true]")).to_have_count(1)
    page.locator(".gfr-message-bridge_reps_left").scroll_into_view_if_needed()
    screenshot(page, "lab-03_self_assessment_bad_value")

    page.locator(".gfr-input-bridge_reps_left input").fill("26")
    page.locator(".gfr-assess-button").click()
    rows = form.locator(".gfr-profile-table .gfr-profile-row")
    expect(rows).to_have_count(10)
    expect(form.get_by_role("status").filter(has_text="profile is ready")).to_have_count(1)
    expect(page.locator(".gfr-message-bridge_reps_left")).to_be_empty()
    expect(form.locator(".gfr-pain-note")).to_contain_text(HOSTILE)
    assert form.locator("img[src='x']").count() == 0
    expect(form.locator("a.gfr-download")).to_have_count(1)
    assert not browser_page.dialogs
    assert not browser_page.page_errors
    form.locator(".gfr-profile-table").scroll_into_view_if_needed()
    screenshot(page, "lab-03_self_assessment_profile")

    # test 5 skipped on both legs (a sore hamstring): found by its accessible name, it
    # greys the number out, needs no value, and the profile says what was not checked
    for side in ("Left", "Right"):
        skip = f"{side} heel on the box: repetitions: Skipped / could not do"
        form.get_by_role("checkbox", name=skip, exact=True).check()
    expect(page.locator(".gfr-input-bridge_reps_right input")).to_be_disabled()
    page.locator(".gfr-assess-button").click()
    expect(form.locator(".gfr-skipped-tests")).to_contain_text("Skipped:")
    expect(form.locator(".gfr-profile-table")).to_contain_text("partly not tested")
    expect(page.locator(".gfr-message-bridge_reps_left")).to_be_empty()
    assert not browser_page.page_errors
    form.locator(".gfr-skipped-tests").scroll_into_view_if_needed()
    screenshot(page, "lab-03_self_assessment_skipped")
