"""Build throw-away virtual environments for the packaging and Binder tests."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

from .conftest import ORIGINAL_ENV


def pip_env() -> dict[str, str]:
    """The environment pip ran in before the tests isolated HOME (so its cache is reused)."""
    env = {k: v for k, v in ORIGINAL_ENV.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def make_venv(path: Path) -> Path:
    """Create a fresh virtual environment with pip and return its Python."""
    venv.create(path, with_pip=True, clear=True)
    return path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(
    cmd: list[str | Path], cwd: Path, env: dict[str, str] | None = None, *, stderr: bool = False
) -> str:
    """Run a command; on failure raise with its full output, which pytest shows.

    Returns its standard output, followed by its standard error with ``stderr``
    (Jupyter's ``extension list`` commands print there).
    """
    result = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env or pip_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"command failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
            f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-4000:]}"
        )
    return result.stdout + result.stderr if stderr else result.stdout


def isolated_env() -> dict[str, str]:
    """The test session's isolated environment (Jupyter dirs) without virtualenv leaks."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


__all__ = ["isolated_env", "make_venv", "pip_env", "run", "sys"]
