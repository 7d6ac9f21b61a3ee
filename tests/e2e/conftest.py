"""Fixtures for the browser tests: Chromium through Playwright, JupyterLab and Voila servers."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .harness import CHROMIUM_ARGS, Server, artifact_path, find_chromium, jupyterlab, voila
from .lab import HARNESS_EVENTS

#: What the browser tests saw go wrong in JupyterLab itself without failing the test.
#: CI shows only the test run's output, so these are printed in its summary.
NOTES: list[str] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the notes, if any, so a flaky run can be traced from CI's output alone."""
    if NOTES:
        terminalreporter.section("browser test notes")
        for note in NOTES:
            terminalreporter.write_line(note)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test item, so fixtures can tell if the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    return any(
        getattr(getattr(request.node, f"rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; the tests fail without it under CI=true and skip otherwise."""
    found = find_chromium()
    if found is None:
        message = (
            "Chromium not found: install Debian's chromium package "
            "(python3 tasks.py test does it as root) or set CHROMIUM"
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def browser(chromium_executable: str) -> Iterator[Any]:
    """One headless Chromium for the session; each test gets its own context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class BrowserPage:
    """A page plus what it reported: script errors, console errors and dialogs."""

    page: Any
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: JupyterLab's own rejections when it drops a kernel connection (see LAB_DROPPED_REQUEST)
    dropped_requests: list[str] = field(default_factory=list)


#: JupyterLab rejects every request still waiting for a reply when it clears a kernel
#: connection (a restart, or a kernel replaced), and leaves some of those promises
#: unhandled: the widget manager's create_subshell_request, the debugger's
#: debug_request. Such an error comes from JupyterLab's services, never from the page
#: under test, so it is kept apart and printed in the notes, not counted as a page error.
LAB_DROPPED_REQUEST = re.compile(
    r"^(Error: )?Canceled future for \w+ message before replies were done$"
)


def _on_page_error(seen: BrowserPage, error: object) -> None:
    text = str(error)
    if LAB_DROPPED_REQUEST.match(text):
        seen.dropped_requests.append(text)
    else:
        seen.page_errors.append(text)


#: A phone's screen, as athletes in a clinic open the Voila apps.
PHONE = {"width": 390, "height": 844}


def _seen_page(
    browser: Any, request: pytest.FixtureRequest, timeout_ms: int, **context_options: Any
) -> Iterator[BrowserPage]:
    """A fresh context and page that records what it reports; a screenshot if the test fails."""
    context = browser.new_context(accept_downloads=True, **context_options)
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    seen = BrowserPage(page)
    page.on("pageerror", lambda error: _on_page_error(seen, error))
    page.on(
        "console",
        lambda message: (
            seen.console_errors.append(message.text) if message.type == "error" else None
        ),
    )

    def on_dialog(dialog: Any) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    # Should JupyterLab still ask which kernel to use, accept its offer (Python 3) and go on.
    page.add_locator_handler(
        page.locator(".jp-Dialog").filter(has_text="Select Kernel"),
        lambda dialog: dialog.get_by_role("button", name="Select").click(),
    )
    yield seen
    if _failed(request):
        page.screenshot(path=artifact_path(request.node.name, "-failure.png"))
    if seen.dropped_requests:
        NOTES.append(f"{request.node.name}: JupyterLab dropped {seen.dropped_requests}")
    context.close()


@pytest.fixture
def browser_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[BrowserPage]:
    """A fresh browser context and page, 1400 x 1000; a screenshot is saved if the test fails."""
    yield from _seen_page(browser, request, 60_000, viewport={"width": 1400, "height": 1000})


@pytest.fixture
def phone_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[BrowserPage]:
    """The same at a phone's size, with touch (a Voila app's first run can take a while)."""
    yield from _seen_page(browser, request, 120_000, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def far_east_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[BrowserPage]:
    """A page whose clock is UTC+14 (Kiritimati), far from the server's, as in a clinic abroad."""
    yield from _seen_page(
        browser,
        request,
        120_000,
        viewport={"width": 1400, "height": 1000},
        timezone_id="Pacific/Kiritimati",
    )


#: Lines of a server's log about kernels starting, restarting, dying and stopping.
_KERNEL_EVENT = re.compile(r"Kernel (started|restarted|shutdown)|KernelRestarter|restarting kernel")


def _keep_log_on_failure(request: pytest.FixtureRequest, server: Server) -> None:
    """Keep the server's log if the test failed; note its kernel events if one restarted.

    The kernel lines are noted too when the page saw JupyterLab drop a kernel connection
    (the page's fixture is torn down first), to tell a restart from a kernel replaced.
    """
    if _failed(request):
        shutil.copy(server.log_path, artifact_path(request.node.name, f"-{server.kind}.log"))
    events = [line for line in server.log_tail(400).splitlines() if _KERNEL_EVENT.search(line)]
    dropped = any(note.startswith(f"{request.node.name}: ") for note in NOTES)
    if dropped or any("restart" in line.lower() for line in events):
        NOTES.append(f"{request.node.name}: {server.kind} log says {events[:8]}")
    if HARNESS_EVENTS:
        NOTES.append(f"{request.node.name}: the harness {'; '.join(HARNESS_EVENTS)}")
        HARNESS_EVENTS.clear()


@pytest.fixture
def lab_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Server]:
    """JupyterLab on 127.0.0.1 serving a copy of notebooks/."""
    with jupyterlab(tmp_path) as server:
        yield server
        _keep_log_on_failure(request, server)


@pytest.fixture
def voila_app(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[str], Server]]:
    """A factory that serves one notebook as a Voila app; every app stops after the test."""
    with ExitStack() as stack:
        started: list[Server] = []

        def start(notebook: str) -> Server:
            server = stack.enter_context(voila(tmp_path / f"app{len(started)}", notebook))
            started.append(server)
            return server

        yield start
        for server in started:
            _keep_log_on_failure(request, server)
