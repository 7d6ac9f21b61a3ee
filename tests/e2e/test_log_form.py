"""The logging form of notebook 06 in JupyterLab: a plan's session filled in, bad values, saved.

A runner uploads the plan file from notebook 05, picks a session, fills in its
sets, makes mistakes (no name, an impossible date, a word for repetitions, pain
11 of 10) and sees a message beside each field; then fixes them, saves, and
downloads the whole log, which reads back with the same sets.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from gluteutils.exercises import load_exercises
from gluteutils.log_io import read_log
from gluteutils.plan_csv import plan_to_csv
from gluteutils.sample_log import sample_plan

from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot, upload

pytestmark = pytest.mark.e2e
NOTEBOOK = "06_track_progress.ipynb"
HOSTILE = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://x","hi")'


def test_log_form_fills_a_planned_session_refuses_bad_values_and_saves(
    lab_server: Server, browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    plan_file = tmp_path / "my_plan.csv"
    plan_file.write_bytes(plan_to_csv(sample_plan(load_exercises())))
    page = browser_page.page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    form = page.locator(".gfr-log-form")
    expect(form).to_be_visible()
    form.scroll_into_view_if_needed()

    upload(page, ".gfr-log-plan-upload", plan_file)
    expect(form.locator(".gfr-log-plan-status")).to_contain_text("Loaded my_plan.csv")
    form.locator(".gfr-log-session select").select_option(index=0)
    form.locator(".gfr-log-fill").click()
    sets = form.locator(".gfr-log-set")
    # the Fill click runs in the kernel: on a loaded 2-core machine it can take longer
    # than playwright's default 5 s before the set rows appear
    expect(sets.first).to_be_visible(timeout=60_000)
    count = sets.count()
    assert count >= 2
    # each row's "done" box is named by its exercise and planned set, not just "done"
    done = form.get_by_role("checkbox", name=re.compile(r"^\w.*, .+: done$"))
    expect(done).to_have_count(count)

    first = sets.first
    reps = first.locator(".gfr-log-reps input")
    planned_reps = reps.input_value()
    form.locator(".gfr-log-athlete input").fill("")
    form.locator(".gfr-log-day input").fill("31/02/2025")
    reps.fill("ten")
    first.locator(".gfr-log-pain input").fill("11")
    form.locator(".gfr-log-save").click()
    # the status line is a live region: a screen reader hears it without looking for it
    status = form.get_by_role("status").filter(has_text="fields need fixing")
    expect(status).to_contain_text("4 fields need fixing")
    expect(form.locator(".gfr-log-message-athlete")).to_contain_text("type your name")
    expect(form.locator(".gfr-log-message-day")).to_contain_text("YYYY-MM-DD")
    expect(first.locator(".gfr-log-message-reps")).to_contain_text("must be a number")
    expect(first.locator(".gfr-log-message-pain")).to_contain_text("0 to 10")
    # each message is tied to its field: a screen reader says it with the field
    expect(reps).to_have_attribute("aria-invalid", "true")
    expect(reps).to_have_accessible_description(re.compile("must be a number"))
    expect(form.locator(".gfr-log-day input")).to_have_accessible_description(
        re.compile("YYYY-MM-DD")
    )
    # the second set's reps are fine: no message, not invalid
    expect(sets.nth(1).locator(".gfr-log-reps input")).not_to_have_attribute("aria-invalid", "true")
    first.scroll_into_view_if_needed()
    screenshot(page, "lab-06_log_form_bad_values")

    form.locator(".gfr-log-athlete input").fill(HOSTILE)
    form.locator(".gfr-log-day input").fill("2025-03-03")
    reps.fill(planned_reps)
    first.locator(".gfr-log-pain input").fill("2")
    first.locator(".gfr-log-notes input").fill(FORMULA)
    form.locator(".gfr-log-save").click()
    expect(form.locator(".gfr-log-status")).to_contain_text(f"{count} new")
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert "".join(form.locator(".gfr-field-message").all_text_contents()).strip() == ""
    # fixed fields are no longer marked invalid
    expect(form.locator("[aria-invalid]")).to_have_count(0)

    with page.expect_download() as info:
        form.locator(".gfr-log-download a.gfr-download").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert f"'{FORMULA}".replace('"', '""') in saved.read_text(encoding="utf-8")
    log = read_log(saved).log
    assert len(log) == count
    assert set(log["athlete"]) == {HOSTILE}
    assert FORMULA in set(log["notes"])  # the apostrophe is removed when read back
    assert_rendered_cleanly(page)
    assert not browser_page.page_errors
    assert not browser_page.dialogs
    form.locator(".gfr-log-status").scroll_into_view_if_needed()
    screenshot(page, "lab-06_log_form_saved")

    # pain at the stop line: an alert, said at once, from a line that was always there
    stop = form.locator(".gfr-log-stop [role=alert]")
    expect(stop).to_have_attribute("aria-live", "assertive")
    expect(stop).to_be_empty()
    form.locator(".gfr-log-fill").click()  # the saved rows were cleared: the session again
    expect(sets.first).to_be_visible(timeout=60_000)
    form.locator(".gfr-log-time input").fill("19:30")
    sets.first.locator(".gfr-log-pain input").fill("5")
    form.locator(".gfr-log-save").click()
    expect(form.get_by_role("alert")).to_contain_text("Stop and see a clinician")
    assert form.locator('.gfr-log-stop-message[role="alert"]').count() == 0


def test_log_form_fills_in_the_date_and_time_of_the_runners_own_clock(
    voila_app: Any, far_east_page: BrowserPage
) -> None:
    # the server's clock (UTC on Binder) filled in a date and time 14 hours off,
    # and a session the runner had just done was refused as in the future
    from playwright.sync_api import expect

    server = voila_app("06_track_progress.ipynb")
    page = far_east_page.page
    page.goto(server.url(""))
    form = page.locator(".gfr-log-form")
    expect(form).to_be_visible()
    local = "() => { const d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());"
    local += " return d.toISOString().slice(0, 16); }"
    day, clock = str(page.evaluate(local)).split("T")
    expect(form.locator(".gfr-log-day input")).to_have_value(day, timeout=30_000)
    shown = form.locator(".gfr-log-time input").input_value()
    assert shown[:2] == clock[:2] or clock[3:5] in ("00", "59"), (shown, clock)
    assert not far_east_page.page_errors
