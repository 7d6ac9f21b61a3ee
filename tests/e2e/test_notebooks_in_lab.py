"""Every notebook runs in a real JupyterLab with its widgets rendered (screenshots kept)."""

from __future__ import annotations

import re

import pytest

from ..conftest import notebook_paths
from .conftest import BrowserPage
from .harness import Server
from .lab import assert_rendered_cleanly, open_notebook, run_all_cells, screenshot

pytestmark = pytest.mark.e2e
# The start notebook has its own, more detailed test.
NAMES = [p.name for p in notebook_paths() if not p.name.startswith("00_")]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_in_jupyterlab_with_widgets_rendered(
    name: str, lab_server: Server, browser_page: BrowserPage
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    open_notebook(page, lab_server, name)
    run_all_cells(page)
    assert_rendered_cleanly(page)
    widgets = page.locator(".jp-OutputArea-output .jupyter-widgets")
    for index in range(widgets.count()):
        expect(widgets.nth(index)).to_be_attached()
    assert not browser_page.page_errors
    # every image a notebook shows has alt text in the page itself
    images = ".jp-OutputArea-output img"
    missing = page.locator(f"{images}:not([alt]), {images}[alt='']")
    assert missing.count() == 0
    screenshot(page, f"lab-{name.removesuffix('.ipynb')}-end")
    quiz = page.locator(".gfr-quiz")
    if quiz.count():
        # the answers are a radio group named by its question, as a screen reader hears it
        first = quiz.get_by_role("radiogroup").first
        expect(first).to_have_accessible_name(re.compile(r"^1\. \S"))
        first.get_by_role("radio").first.check()
        check = quiz.locator(".gfr-quiz-check").first
        # every button reads "Check"; its description says which question it checks
        expect(check).to_have_accessible_description("Check your answer to question 1")
        check.click()
        # the feedback is announced: it sits in a live region under the button
        expect(quiz.get_by_role("status").first).not_to_be_empty()
    first_widget = page.locator(".jp-OutputArea-output .jupyter-widgets[class*='gfr-']").first
    if first_widget.count():
        first_widget.scroll_into_view_if_needed()
        screenshot(page, f"lab-{name.removesuffix('.ipynb')}-widget")
