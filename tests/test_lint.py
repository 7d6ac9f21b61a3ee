"""ruff runs clean on the whole repository (code, tests and notebooks)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, str(REPO)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_ruff_check_is_clean() -> None:
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
