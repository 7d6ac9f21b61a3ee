"""Steps a person takes in JupyterLab and Voila, as Playwright calls."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

from .harness import BROKEN_WIDGET_TEXT, Server, artifact_path

RUN_TIMEOUT_MS = 300_000
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def wait_kernel_idle(page: Any) -> None:
    """Wait until the notebook's kernel reports idle."""
    page.wait_for_selector(
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=RUN_TIMEOUT_MS
    )


def start_kernel_session(server: Server, name: str) -> None:
    """Start the notebook's python3 kernel through the REST API before the page opens.

    A busy machine can make JupyterLab list kernels late and then ask "Select
    Kernel" instead of starting one; a session that already exists is simply used.
    """
    body = {"path": name, "name": name, "type": "notebook", "kernel": {"name": "python3"}}
    request = urllib.request.Request(  # noqa: S310 - loopback server started by the test
        server.url("api/sessions"),
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
        if response.status not in (200, 201):
            raise RuntimeError(f"could not start a kernel for {name}: HTTP {response.status}")


def open_notebook(page: Any, server: Server, name: str) -> None:
    """Open a notebook in JupyterLab, with its kernel already running, and wait for it."""
    start_kernel_session(server, name)
    page.goto(server.url(f"lab/tree/{name}"))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=RUN_TIMEOUT_MS)
    wait_kernel_idle(page)


_PROMPT_STATE = """() => {
    const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')];
    const done = prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length;
    const running = prompts.filter(p => p.textContent.includes('[*]')).length;
    return {total: prompts.length, done: done, running: running};
}"""
_KERNEL_DIALOG = ".jp-Dialog:has-text('Select Kernel') button.jp-mod-accept"
#: What the harness did that a person would not need to: the run's notes list them, so
#: that a kernel replaced during a test can be traced to its cause (conftest.py).
HARNESS_EVENTS: list[str] = []


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells, then wait until every code cell has run and the kernel is idle.

    On a busy machine JupyterLab may ask "Select Kernel" after the click, and the
    queued cells then never run: accept the dialog and click Run All again. Run All
    is clicked again too when, 30 s after a click, no cell runs and some have not run.
    """
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    clicked_at: float | None = None
    while time.monotonic() < deadline:
        dialog = page.locator(_KERNEL_DIALOG)
        if dialog.count() and dialog.first.is_visible():
            # accepting starts a kernel: one already running for the notebook is replaced
            HARNESS_EVENTS.append(f"accepted 'Select Kernel' at {time.strftime('%H:%M:%S')}")
            dialog.first.click()
            clicked_at = None  # the earlier click ran nothing without a kernel
        state = page.evaluate(_PROMPT_STATE)
        if state["total"] and state["done"] == state["total"] and not state["running"]:
            break
        stalled = clicked_at is not None and time.monotonic() - clicked_at > 30
        # nothing running and cells left 30 s after the click: the run was dropped
        # (seen when JupyterLab replaced the kernel started for it after one cell)
        if clicked_at is None or (stalled and not state["running"]):
            if stalled:
                HARNESS_EVENTS.append(f"Run All again at {time.strftime('%H:%M:%S')}: {state}")
            page.click('.lm-MenuBar-itemLabel:text-is("Run")')
            page.click('li.lm-Menu-item[data-command="runmenu:run-all"]')
            clicked_at = time.monotonic()
        page.wait_for_timeout(250)  # poll the DOM state again shortly
    else:
        raise TimeoutError(f"cells did not finish running: {page.evaluate(_PROMPT_STATE)}")
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


def upload(page: Any, css: str, *paths: Path) -> None:
    """Choose files in a form's upload button, as a person does through the file dialog.

    The button's ``<input type="file">`` is never attached to the page (as in
    ipywidgets' FileUpload), so the files go in through the file chooser the
    button opens (Playwright's ``set_input_files`` on that input).
    """
    with page.expect_file_chooser() as chooser:
        page.locator(css).click()
    chooser.value.set_files([str(p) for p in paths])
