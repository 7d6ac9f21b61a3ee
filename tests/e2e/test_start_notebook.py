"""The start notebook in a real JupyterLab and as a Voila app, in headless Chromium."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot

pytestmark = pytest.mark.e2e


def test_start_notebook_runs_all_cells_in_jupyterlab(
    lab_server: Server, browser_page: BrowserPage
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    open_notebook(page, lab_server, "00_start_here.ipynb")
    run_all_cells(page)
    assert_rendered_cleanly(page)
    tables = page.locator(".jp-OutputArea-output table")
    expect(tables).to_have_count(2)
    environment = tables.nth(0)
    expect(environment).to_contain_text("jupyterlab")
    statuses = environment.locator("tbody tr td:last-child").all_text_contents()
    assert statuses
    assert set(statuses) == {"OK"}
    expect(tables.nth(1)).to_contain_text("Lieberman")
    expect(page.locator(".jp-MarkdownCell h1")).to_have_text("Glutes for Runners: start here¶")
    assert not browser_page.page_errors
    environment.scroll_into_view_if_needed()
    screenshot(page, "lab-00_start_here")


def test_start_notebook_renders_as_a_voila_app(
    voila_app: Callable[[str], Server], browser_page: BrowserPage
) -> None:
    from playwright.sync_api import expect

    server = voila_app("00_start_here.ipynb")
    page = browser_page.page
    page.goto(server.url(""))
    tables = page.locator(".jp-OutputArea-output table")
    expect(tables).to_have_count(2, timeout=120_000)
    expect(tables.nth(1)).to_contain_text("Lieberman")
    expect(tables.nth(0)).to_contain_text("jupyterlab")
    text = str(page.locator("body").text_content())
    assert "import gluteutils" not in text, "Voila must not show code"
    assert "Traceback" not in text
    assert not browser_page.page_errors
    screenshot(page, "voila-00_start_here")
