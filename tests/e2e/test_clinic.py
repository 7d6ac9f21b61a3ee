"""The clinic app in a real browser: a roster uploaded, every plan built, the zip downloaded."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pandas.testing import assert_frame_equal

from gluteutils.clinic import athlete_folders, build_plans, load_sample_roster, read_roster
from gluteutils.clinic_sample import sample_clinic_logs
from gluteutils.exercises import load_exercises
from gluteutils.log_io import log_to_csv
from gluteutils.plan import build_plan
from gluteutils.plan_csv import read_plan
from gluteutils.plan_profile import plan_profile_to_csv

from ..conftest import REPO
from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot, upload

pytestmark = pytest.mark.e2e
NOTEBOOK = "07_coaching_clinic.ipynb"
SAMPLE_ROSTER = REPO / "data" / "sample_roster.csv"
HOSTILE_ROSTER = REPO / "tests" / "fixtures" / "clinic" / "roster_hostile.csv"
HOSTILE = "<img src=x onerror=alert(1)>"


def build_all(page: Any, athletes: int) -> None:
    from playwright.sync_api import expect

    app = page.locator(".gfr-clinic-app")
    expect(app.locator(".gfr-clinic-roster-read")).to_contain_text(f"{athletes} athlete")
    app.locator(".gfr-clinic-build-button").click()
    expect(app.locator(".gfr-clinic-built")).to_contain_text(f"Built {athletes} plan")
    progress = app.locator(".gfr-clinic-progress")
    expect(progress).to_contain_text(f"{athletes} of {athletes}")
    expect(app.locator(".gfr-clinic-summary-table tbody tr")).to_have_count(athletes)


def download_zip(page: Any, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.locator(".gfr-clinic-download a.gfr-download").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def open_clinic_app(voila_app: Callable[[str], Server], page: Any) -> Any:
    """Start the clinic notebook as a Voila app, open it and wait for the app."""
    from playwright.sync_api import expect

    page.goto(voila_app(NOTEBOOK).url(""))
    app = page.locator(".gfr-clinic-app")
    expect(app).to_be_visible(timeout=120_000)
    return app


def test_clinic_app_in_voila_takes_several_plan_profiles_as_one_roster(
    voila_app: Callable[[str], Server], browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    profiles = load_sample_roster().profiles[:3]
    paths = []
    for number, profile in enumerate(profiles):
        paths.append(tmp_path / f"athlete-{number}-profile.csv")
        paths[-1].write_bytes(plan_profile_to_csv(profile))
    page = browser_page.page
    app = open_clinic_app(voila_app, page)
    upload(page, ".gfr-clinic-roster-upload", *paths)
    expect(app.locator(".gfr-clinic-roster-read")).to_contain_text("Read 3 files")
    build_all(page, 3)
    for profile in profiles:
        expect(app.locator(".gfr-clinic-summary")).to_contain_text(profile.athlete)
    assert not browser_page.page_errors


def test_clinic_app_in_voila_builds_the_sample_roster_and_downloads_one_plan_each(
    voila_app: Callable[[str], Server], browser_page: BrowserPage, tmp_path: Path
) -> None:

    page = browser_page.page
    app = open_clinic_app(voila_app, page)
    upload(page, ".gfr-clinic-roster-upload", SAMPLE_ROSTER)
    build_all(page, 12)
    saved = download_zip(page, tmp_path)
    assert saved.name.startswith("clinic-plans-")
    assert saved.suffix == ".zip"
    roster = load_sample_roster()
    library = load_exercises()
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
        plans = sorted(n for n in names if n.endswith(".csv") and "/" in n)
        assert len(plans) == len(roster.profiles) == 12
        assert sum(n.endswith(".ics") for n in names) == 12
        assert "roster_summary.csv" in names
        for profile, folder in zip(roster.profiles, athlete_folders(roster.profiles), strict=True):
            (name,) = [n for n in plans if n.startswith(folder + "/")]
            assert_frame_equal(read_plan(archive.read(name)), build_plan(profile, library))
    text = str(page.locator("body").text_content())
    assert "from gluteutils" not in text  # an app: no code shown
    assert "Error displaying widget" not in text
    app.locator(".gfr-clinic-built").evaluate("e => e.scrollIntoView({block: 'center'})")
    screenshot(page, "voila-07_coaching_clinic_built")
    assert not browser_page.dialogs
    assert not browser_page.page_errors


def hostile_logs_zip(tmp_path: Path) -> Path:
    """The hostile roster's athletes' logs (simulated), zipped in their plan folders."""
    roster = read_roster(HOSTILE_ROSTER)
    plans = build_plans(roster.profiles, load_exercises())
    logs = sample_clinic_logs(plans, {p.athlete: p.start_date for p in roster.profiles})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for folder, log in zip(athlete_folders(roster.profiles), logs.values(), strict=True):
            archive.writestr(f"{folder}/training_log.csv", log_to_csv(log))
    target = tmp_path / "group-logs.zip"
    target.write_bytes(buffer.getvalue())
    return target


def test_a_hostile_athlete_name_stays_text_in_jupyterlab(
    lab_server: Server, browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    open_notebook(page, lab_server, NOTEBOOK)
    run_all_cells(page)
    assert_rendered_cleanly(page)
    app = page.locator(".gfr-clinic-app")
    expect(app).to_be_visible()
    upload(page, ".gfr-clinic-roster-upload", HOSTILE_ROSTER)
    rejected = app.locator(".gfr-clinic-rejected-table")
    expect(rejected).to_contain_text("<img src=x onerror=alert(2)>")
    expect(rejected).to_contain_text("level")
    build_all(page, 2)
    summary = app.locator(".gfr-clinic-summary-table")
    expect(summary).to_contain_text(HOSTILE)
    upload(page, ".gfr-clinic-logs-upload", hostile_logs_zip(tmp_path))
    overview = app.locator(".gfr-clinic-overview")
    expect(overview).to_contain_text(HOSTILE)
    heatmap = app.locator("img.gfr-clinic-heatmap")
    expect(heatmap).to_be_visible()
    assert HOSTILE in str(heatmap.get_attribute("alt"))
    assert page.locator("img[src='x']").count() == 0
    assert_rendered_cleanly(page)
    app.locator(".gfr-clinic-summary").scroll_into_view_if_needed()
    screenshot(page, "lab-07_coaching_clinic_hostile_name")
    heatmap.scroll_into_view_if_needed()
    screenshot(page, "lab-07_coaching_clinic_dashboard")
    assert not browser_page.dialogs
    assert not browser_page.page_errors
