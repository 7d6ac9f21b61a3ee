#!/usr/bin/env python3
"""Set up and run the Glutes for Runners curriculum with nothing but Python and pip.

Usage
-----
``python3 tasks.py lab``
    Create or update the virtual environment ``.venv``, install the project and
    open JupyterLab on ``notebooks/00_start_here.ipynb``. Add ``--no-browser``
    to run headless (JupyterLab prints the address to open) and ``--port N``
    to choose the port.
``python3 tasks.py bench [BENCH ARGS]``
    Run the speed and memory benchmarks (``python -m bench``) in the test
    environment: prints a table and writes ``bench/results/latest.json``.
``python3 tasks.py test [PYTEST ARGS]``
    Create or update ``.venv`` with everything the tests need, install Debian's
    ``chromium`` package when it can (root on Debian or Ubuntu), and run the
    whole test suite. Extra arguments go to pytest, e.g. ``-m "not e2e"``.

Only the standard library is used here, so this file runs before anything is
installed. It works on Linux, macOS and Windows.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
START_NOTEBOOK = Path("notebooks") / "00_start_here.ipynb"
MIN_PYTHON = (3, 11)
#: Where Debian's chromium package puts the browser binary; tests launch it directly.
DEBIAN_CHROMIUM = Path("/usr/lib/chromium/chromium")
#: JupyterLab page config that turns off its news and update announcements (Binder uses it too).
LAB_PAGE_CONFIG = ROOT / "binder" / "page_config.json"


def say(message: str) -> None:
    """Print a progress line that stands out from pip's output."""
    print(f"==> {message}", flush=True)


def venv_python() -> Path:
    """Return the virtual environment's Python interpreter."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(cmd: list[str], **kwargs: object) -> None:
    """Run a command, stopping this script with its exit code if it fails."""
    result = subprocess.run(cmd, check=False, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv(extra: str | None) -> Path:
    """Create ``.venv`` if needed and install the project, skipping pip when up to date.

    The project is installed in editable mode, so notebooks use this checkout's
    ``gluteutils`` and a ``git pull`` takes effect without reinstalling.
    """
    if sys.version_info < MIN_PYTHON:
        sys.exit(
            f"Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; "
            f"this is {platform.python_version()}."
        )
    python = venv_python()
    if not python.exists():
        say(f"creating the virtual environment {VENV.name}")
        run([sys.executable, "-m", "venv", str(VENV)])
    target = "." if extra is None else f".[{extra}]"
    # Reinstall only when what we ask for changed: the dependency list or the extra.
    stamp_text = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + target.encode()
    ).hexdigest()
    stamp = VENV / f".installed-{extra or 'base'}"
    if stamp.exists() and stamp.read_text() == stamp_text:
        say(f"{VENV.name} is up to date")
        return python
    say(f"installing the project {target} into {VENV.name} (a few minutes the first time)")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], env=env, cwd=ROOT)
    run([str(python), "-m", "pip", "install", "--quiet", "-e", target], env=env, cwd=ROOT)
    stamp.write_text(stamp_text)
    return python


def find_chromium() -> Path | None:
    """Return the Chromium binary the browser tests will use, or None."""
    configured = os.environ.get("CHROMIUM")
    if configured and Path(configured).exists():
        return Path(configured)
    if DEBIAN_CHROMIUM.exists():
        return DEBIAN_CHROMIUM
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def ensure_chromium() -> Path | None:
    """Install Debian's chromium package when possible; explain otherwise."""
    found = find_chromium()
    if found:
        return found
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    apt = shutil.which("apt-get")
    if is_root and apt and Path("/etc/debian_version").exists():
        say("installing Debian's chromium package for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run([apt, "update", "-q"], env=env, stdin=subprocess.DEVNULL)
        run(
            [
                apt,
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                "-o",
                "DPkg::Lock::Timeout=300",
                "chromium",
            ],
            env=env,
            stdin=subprocess.DEVNULL,
        )
        return find_chromium()
    say(
        "Chromium was not found, so the browser tests will be skipped (and fail under CI=true). "
        "Install it with 'sudo apt-get install chromium' on Debian or Ubuntu, or point the "
        "CHROMIUM environment variable at a Chromium or Chrome binary."
    )
    return None


def quiet_lab(python: Path) -> Path:
    """Turn off JupyterLab's news and update announcements in ``python``'s environment.

    Their first toast asks about Jupyter news, a question about the tool rather than
    the curriculum. The file goes in the environment's ``labconfig/page_config.d``,
    which JupyterLab merges with any other page config; ``binder/postBuild`` does the
    same on Binder. Returns the file written.
    """
    prefix = python.parent.parent  # bin/python or Scripts/python.exe inside the venv
    target = prefix / "etc" / "jupyter" / "labconfig" / "page_config.d" / "glutes-for-runners.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(LAB_PAGE_CONFIG, target)
    return target


def lab(args: argparse.Namespace) -> int:
    """Install the curriculum and open JupyterLab on the start notebook."""
    python = ensure_venv(extra=None)
    quiet_lab(python)
    # JupyterLab's start page, and so the address it prints, is the start notebook
    start_page = f"--LabApp.default_url=/lab/tree/{START_NOTEBOOK.as_posix()}"
    cmd = [str(python), "-m", "jupyterlab", start_page, f"--port={args.port}"]
    if args.no_browser:
        cmd += ["--no-browser", "--ip=127.0.0.1"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Jupyter refuses to start as root, which is the usual user in a container
        cmd.append("--allow-root")
        say("running as root: JupyterLab started with --allow-root")
    say("starting JupyterLab; stop it with Ctrl+C")
    return subprocess.run(cmd, cwd=ROOT, check=False).returncode


def test(args: argparse.Namespace, pytest_args: list[str]) -> int:
    """Install the test needs and run the whole test suite."""
    python = ensure_venv(extra="test")
    chromium = ensure_chromium()
    env = dict(os.environ)
    if chromium:
        env["CHROMIUM"] = str(chromium)
    say("running the test suite")
    cmd = [str(python), "-m", "pytest", *pytest_args]
    return subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode


def bench(bench_args: list[str]) -> int:
    """Run the benchmarks against their floors, in the test environment."""
    python = ensure_venv(extra="test")
    say("running the benchmarks (several minutes; the machine should be otherwise idle)")
    return subprocess.run(
        [str(python), "-m", "bench", *bench_args], cwd=ROOT, check=False
    ).returncode


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen task."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="task", required=True)
    lab_parser = sub.add_parser("lab", help="install and open JupyterLab on the start notebook")
    lab_parser.add_argument("--no-browser", action="store_true", help="run headless")
    lab_parser.add_argument("--port", type=int, default=8888, help="port (default 8888)")
    sub.add_parser("test", help="install the test needs and run the whole suite")
    sub.add_parser("bench", help="run the speed and memory benchmarks")
    args, rest = parser.parse_known_args(argv)
    if args.task == "lab":
        if rest:
            parser.error(f"unrecognised arguments: {' '.join(rest)}")
        return lab(args)
    if args.task == "bench":
        return bench(rest)
    return test(args, rest)


if __name__ == "__main__":
    sys.exit(main())
