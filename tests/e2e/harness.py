"""Start JupyterLab and Voila on loopback and drive them with Playwright and Chromium.

Every server runs on 127.0.0.1 on a free port with a random token, serves a
throw-away copy of the notebooks, and keeps its Jupyter, IPython and
Matplotlib state in its own folders. Servers are stopped with SIGTERM (so they
shut their kernels down and clean up) and killed if they do not stop.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..conftest import REPO

ARTIFACTS = REPO / "test-artifacts"
STARTUP_TIMEOUT_S = 90
#: Flags for Chromium in a closed network, as root, without a screen.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
#: Text that means a widget failed to render.
BROKEN_WIDGET_TEXT = (
    "Error displaying widget",
    "Loading widget...",
    "VBox(children=",
    "HBox(children=",
    "Button(description=",
)


def find_chromium() -> str | None:
    """Return the Chromium binary to drive, or None when there is none."""
    candidates = [
        os.environ.get("CHROMIUM"),
        "/usr/lib/chromium/chromium",  # Debian's binary, without the wrapper script
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    """Ask the operating system for a free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running JupyterLab or Voila server."""

    kind: str
    port: int
    token: str
    root: Path
    log_path: Path
    process: subprocess.Popen[bytes]
    log_file: IO[str] = field(repr=False)

    @property
    def base(self) -> str:
        """Base address, without a trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "") -> str:
        """Address of ``path`` on this server, with the token."""
        joiner = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{joiner}token={self.token}"

    def log_tail(self, lines: int = 80) -> str:
        """The last lines the server wrote."""
        if not self.log_file.closed:
            self.log_file.flush()
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and close its log."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log_file.close()


def isolated_server_env(state: Path) -> dict[str, str]:
    """An environment whose Jupyter, IPython, Matplotlib and home folders live in ``state``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JUPYTER_TOKEN")}
    names = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter_config",
        "JUPYTER_DATA_DIR": "jupyter_data",
        "JUPYTER_RUNTIME_DIR": "jupyter_runtime",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
        "JUPYTERLAB_SETTINGS_DIR": "lab_settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab_workspaces",
        "TMPDIR": "tmp",  # Voila keeps connection files there
    }
    for var, sub in names.items():
        path = state / sub
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    # No news toast, as on Binder and with tasks.py lab (which install the same file);
    # written here too, for a server whose environment lacks it
    labconfig = state / "jupyter_config" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "binder" / "page_config.json", labconfig / "page_config.json")
    # On a busy machine JupyterLab may ask "Select Kernel" instead of starting one; this
    # setting (the dialog's "Always start the preferred kernel") makes it start python3.
    tracker = state / "lab_settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True, exist_ok=True)
    (tracker / "tracker.jupyterlab-settings").write_text(
        json.dumps({"autoStartDefaultKernel": True}), encoding="utf-8"
    )
    return env


def _wait_until_ready(server: Server, probe: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.kind} exited at start-up:\n{server.log_tail()}")
        if probe == "status":
            try:
                with urllib.request.urlopen(server.url("api/status"), timeout=2) as response:  # noqa: S310 - loopback
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
        else:  # Voila has no /api/status (403): wait for the port to accept connections
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", server.port), timeout=1),
            ):
                return
        time.sleep(0.2)
    raise RuntimeError(f"{server.kind} not ready after {STARTUP_TIMEOUT_S} s:\n{server.log_tail()}")


def _start(kind: str, cmd: list[str], root: Path, state: Path, port: int, token: str) -> Server:
    state.mkdir(parents=True, exist_ok=True)
    log_path = state / f"{kind}.log"
    log_file = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(
        cmd,
        cwd=root,
        env=isolated_server_env(state),
        stdout=log_file,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    server = Server(kind, port, token, root, log_path, process, log_file)
    try:
        _wait_until_ready(server, "status" if kind == "lab" else "port")
    except BaseException:
        server.stop()  # never leak a half-started server
        raise
    return server


def copy_notebooks(target: Path) -> Path:
    """Copy notebooks/ to ``target`` so that runs never write into the repository."""
    ignore = shutil.ignore_patterns(".ipynb_checkpoints")
    shutil.copytree(REPO / "notebooks", target, ignore=ignore)
    return target


@contextlib.contextmanager
def _serving(
    kind: str, workdir: Path, command: Callable[[Path, int, str], list[str]]
) -> Iterator[Server]:
    root = copy_notebooks(workdir / "notebooks")
    port, token = free_port(), secrets.token_hex(16)
    server = _start(kind, command(root, port, token), root, workdir / f"{kind}-state", port, token)
    try:
        yield server
    finally:
        server.stop()


def jupyterlab(workdir: Path) -> contextlib.AbstractContextManager[Server]:
    """Run JupyterLab on a copy of the notebooks for the duration of a ``with`` block."""

    def command(root: Path, port: int, token: str) -> list[str]:
        return [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]  # fmt: skip

    return _serving("lab", workdir, command)


def voila(workdir: Path, notebook: str) -> contextlib.AbstractContextManager[Server]:
    """Serve one notebook as a Voila app for the duration of a ``with`` block."""

    def command(root: Path, port: int, token: str) -> list[str]:
        return [
            sys.executable, "-m", "voila", notebook, "--no-browser",
            f"--port={port}", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
            f"--Voila.token={token}", "--show_tracebacks=True",
        ]  # fmt: skip

    return _serving("voila", workdir, command)


def artifact_path(name: str, suffix: str) -> Path:
    """A path under test-artifacts/ for a screenshot or log named after a test."""
    ARTIFACTS.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")
    return ARTIFACTS / f"{safe}{suffix}"
