"""The progress tracker of notebook 06 in JupyterLab: upload a Strong export, map names, read.

A runner opens the notebook, runs every cell, uploads a Strong export through
the tracker's upload button, picks a library exercise for a name that matched
nothing, presses Apply, and sees the summary tables and the plots (``<img>``
elements with alt text). A file over 10 MB then gets a message, and the log
shown stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gluteutils.app_import import import_workouts

from ..conftest import REPO
from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot, upload

pytestmark = pytest.mark.e2e
NOTEBOOK = "06_track_progress.ipynb"
STRONG = REPO / "tests" / "fixtures" / "apps" / "strong_current.csv"
ATHLETE = "Ana Runner"
#: The library exercise picked for the first unmapped name, and its name in the dropdown.
TARGET_ID, TARGET_NAME = "single_leg_deadlift", "Single-leg deadlift with dumbbells"


def test_tracker_imports_a_strong_export_maps_a_name_and_shows_summaries_and_plots(
    lab_server: Server, browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    expected = import_workouts(STRONG, athlete=ATHLETE)
    names = list(expected.unmapped["exercise_name"])
    picked = next(name for name in names if name != "Running")
    picked_sets = int(expected.unmapped.set_index("exercise_name").loc[picked, "sets"])

    page = browser_page.page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    assert_rendered_cleanly(page)
    tracker = page.locator(".gfr-tracker")
    expect(tracker).to_be_visible()
    tracker.scroll_into_view_if_needed()

    tracker.locator(".gfr-tracker-athlete input").fill(ATHLETE)
    upload(page, ".gfr-tracker-upload", STRONG)
    status = tracker.locator(".gfr-tracker-status")
    expect(status).to_contain_text(f"{len(expected.log)} sets of {ATHLETE}", timeout=120_000)
    expect(tracker.locator(".gfr-tracker-notes")).to_contain_text("Strong")

    # every name that matched nothing is listed, each with a dropdown
    listed = tracker.locator(".gfr-tracker-unmapped-name")
    expect(listed).to_have_count(len(names))
    assert listed.all_text_contents() == names
    row = tracker.locator(".gfr-tracker-mapping .widget-hbox").filter(has=page.get_by_text(picked))
    row.locator("select").select_option(label=TARGET_NAME)
    tracker.locator(".gfr-tracker-mapping").scroll_into_view_if_needed()
    screenshot(page, "lab-06_track_progress_mapping")
    tracker.locator(".gfr-tracker-apply").click()

    # the status line is set last, once the summaries below are those of the new log
    expect(status).to_contain_text(f"{len(expected.log) + picked_sets} sets of {ATHLETE}")
    expect(listed).to_have_count(len(names) - 1)
    assert picked not in listed.all_text_contents()
    expect(tracker.locator(".gfr-tracker-log")).to_contain_text(picked)

    # the summaries: tables, and plots with alt text
    summary = tracker.locator(".gfr-tracker-summary")
    expect(summary.locator("table.gfr-tracker-summary-table").first).to_be_visible()
    expect(summary.locator(".gfr-tracker-section-muscles table")).to_contain_text("gluteus")
    expect(summary.locator(".gfr-tracker-section-exercises table")).to_contain_text(TARGET_NAME)
    plots = summary.locator("img.gfr-tracker-plot")
    expect(plots.first).to_be_visible()
    assert plots.count() >= 5
    for alt in (plots.nth(i).get_attribute("alt") for i in range(plots.count())):
        assert alt is not None
        assert len(alt.strip()) > 20
    plot_width = plots.first.evaluate("img => img.naturalWidth")
    assert plot_width > 100  # the PNG decoded: a real picture, not a broken image
    expect(tracker.locator(".gfr-tracker-suggestions")).to_contain_text("Next steps")
    expect(tracker.locator(".gfr-tracker-download a.gfr-download")).to_have_count(1)

    assert_rendered_cleanly(page)
    assert not browser_page.page_errors
    assert not browser_page.dialogs
    summary.locator(".gfr-tracker-section-muscles").scroll_into_view_if_needed()
    screenshot(page, "lab-06_track_progress_summary")

    # a file over 10 MB: Jupyter alone would drop the connection and the file would
    # vanish; with gluteutils.server_extension it arrives and is refused in words
    big = tmp_path / "big_export.csv"
    big.write_bytes(STRONG.read_bytes() * (11 * 1024 * 1024 // STRONG.stat().st_size + 1))
    upload(page, ".gfr-tracker-upload", big)
    message = tracker.locator(".gfr-tracker-message-upload")
    expect(message).to_contain_text("big_export.csv is over 10 MB", timeout=60_000)
    expect(tracker.get_by_role("status").filter(has_text="is over 10 MB")).to_have_count(1)
    expect(status).to_contain_text(f"{len(expected.log) + picked_sets} sets of {ATHLETE}")
    message.scroll_into_view_if_needed()
    screenshot(page, "lab-06_track_progress_too_large")


def test_tracker_as_a_voila_app_shows_the_sample_log_and_downloads_it(
    voila_app: Any, browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    from gluteutils.log_io import read_log
    from gluteutils.sample_log import load_sample_log

    server = voila_app(NOTEBOOK)
    page = browser_page.page
    page.goto(server.url(""))
    tracker = page.locator(".gfr-tracker")
    expect(tracker).to_be_visible(timeout=120_000)
    tracker.locator(".gfr-tracker-sample").click()
    status = tracker.locator(".gfr-tracker-status")
    expect(status).to_contain_text(f"{len(load_sample_log())} sets", timeout=120_000)
    plots = tracker.locator(".gfr-tracker-summary img.gfr-tracker-plot")
    expect(plots.first).to_be_visible()
    assert plots.first.evaluate("img => img.naturalWidth") > 100
    assert plots.first.get_attribute("alt")
    with page.expect_download() as info:
        tracker.locator(".gfr-tracker-download a.gfr-download").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert len(read_log(saved).log) == len(load_sample_log())
    text = str(page.locator("body").text_content())
    assert "from gluteutils" not in text, "Voila must not show code"
    assert "Traceback" not in text
    assert not browser_page.page_errors
    tracker.locator(".gfr-tracker-summary").scroll_into_view_if_needed()
    screenshot(page, "voila-06_track_progress_sample")

    # the runner's own log, the sample again, then the same file once more: the
    # page used to send nothing for a file equal to the one before
    from gluteutils.log_io import log_to_csv

    mine = tmp_path / "my_log.csv"
    mine.write_bytes(log_to_csv(load_sample_log().head(12).assign(athlete="Ana")))
    for _ in range(2):
        upload(page, ".gfr-tracker-upload", mine)
        expect(status).to_contain_text("12 sets of Ana", timeout=60_000)
        tracker.locator(".gfr-tracker-sample").click()
        expect(status).to_contain_text(f"{len(load_sample_log())} sets", timeout=60_000)
    assert not browser_page.page_errors
