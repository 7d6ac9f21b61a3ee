"""Steps a person takes in JupyterLab and Voila, as Playwright calls."""

from __future__ import annotations

from typing import Any

from .harness import BROKEN_WIDGET_TEXT, Server, artifact_path

RUN_TIMEOUT_MS = 300_000
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def wait_kernel_idle(page: Any) -> None:
    """Wait until the notebook's kernel reports idle."""
    page.wait_for_selector(
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=RUN_TIMEOUT_MS
    )


def open_notebook(page: Any, server: Server, name: str) -> None:
    """Open a notebook in JupyterLab and wait for its kernel."""
    page.goto(server.url(f"lab/tree/{name}"))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=RUN_TIMEOUT_MS)
    wait_kernel_idle(page)


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells, then wait until every code cell has run and the kernel is idle."""
    page.click('.lm-MenuBar-itemLabel:text-is("Run")')
    page.click('li.lm-Menu-item[data-command="runmenu:run-all"]')
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll(
                '.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=RUN_TIMEOUT_MS,
    )
    wait_kernel_idle(page)


def notebook_text(page: Any, selector: str = ".jp-Notebook") -> str:
    """All text in the notebook, including cells scrolled out of view."""
    return str(page.locator(selector).first.text_content())


def assert_rendered_cleanly(page: Any, selector: str = ".jp-Notebook") -> None:
    """No error output, no traceback and no widget that failed to render."""
    text = notebook_text(page, selector)
    errors = page.locator(ERROR_OUTPUT).all_text_contents()
    assert not errors, f"error output in the notebook: {errors[:3]}"
    assert "Traceback" not in text
    broken = [marker for marker in BROKEN_WIDGET_TEXT if marker in text]
    assert not broken, f"widgets failed to render: {broken}"


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot under test-artifacts/ for a person to look at.

    Waits two animation frames first: cells scrolled into view are painted
    lazily (JupyterLab uses ``content-visibility``).
    """
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    page.screenshot(path=artifact_path(name, ".png"))
