"""tasks.py, the script behind the README's two commands."""

from __future__ import annotations

import subprocess
import sys

from .conftest import REPO


def run_tasks(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "tasks.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_help_names_both_commands() -> None:
    result = run_tasks("--help")
    assert result.returncode == 0
    assert "lab" in result.stdout
    assert "test" in result.stdout


def test_lab_documents_headless_use() -> None:
    result = run_tasks("lab", "--help")
    assert result.returncode == 0
    assert "--no-browser" in result.stdout


def test_unknown_command_fails_with_usage() -> None:
    result = run_tasks("serve")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_tasks_uses_only_the_standard_library() -> None:
    source = (REPO / "tasks.py").read_text(encoding="utf-8")
    imports = {
        line.split()[1].split(".")[0]
        for line in source.splitlines()
        if line.startswith(("import ", "from ")) and not line.startswith("from __future__")
    }
    assert imports <= set(sys.stdlib_module_names), imports - set(sys.stdlib_module_names)
