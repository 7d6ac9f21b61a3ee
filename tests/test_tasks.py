"""tasks.py, the script behind the README's two commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, load_script


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


def _lab_command(monkeypatch, euid: int, venv: Path) -> list[str]:
    """The command tasks.py lab would run with ``venv``, for a user with this effective uid."""
    tasks = load_script(REPO / "tasks.py", "tasks_under_test")
    ran: list[list[str]] = []
    monkeypatch.setattr(tasks, "ensure_venv", lambda extra: venv / "bin" / "python")
    monkeypatch.setattr(tasks.os, "geteuid", lambda: euid, raising=False)
    monkeypatch.setattr(
        tasks.subprocess,
        "run",
        lambda cmd, **kwargs: ran.append(cmd) or subprocess.CompletedProcess(cmd, 0),
    )
    assert tasks.main(["lab", "--no-browser"]) == 0
    return ran[0]


def test_lab_prints_an_address_that_opens_the_start_notebook(monkeypatch, tmp_path) -> None:
    command = _lab_command(monkeypatch, 1000, tmp_path)
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in command
    assert (REPO / "notebooks" / "00_start_here.ipynb").is_file()


def test_lab_allows_root_only_when_run_as_root(monkeypatch, tmp_path) -> None:
    assert "--allow-root" in _lab_command(monkeypatch, 0, tmp_path)
    assert "--allow-root" not in _lab_command(monkeypatch, 1000, tmp_path)


def test_lab_turns_off_jupyters_news_in_its_own_environment(monkeypatch, tmp_path) -> None:
    venv = tmp_path / "venv"
    # another package's page config in the same folder is left as it is
    others = venv / "etc" / "jupyter" / "labconfig" / "page_config.d"
    others.mkdir(parents=True)
    (others / "other.json").write_text('{"disabledExtensions": {"x:y": true}}', encoding="utf-8")
    _lab_command(monkeypatch, 1000, venv)
    ours = json.loads((others / "glutes-for-runners.json").read_text(encoding="utf-8"))
    assert ours == {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
    assert json.loads((others / "other.json").read_text(encoding="utf-8")) == {
        "disabledExtensions": {"x:y": True}
    }
    # Binder installs the same file: repo2docker runs binder/postBuild, an executable
    assert os.access(REPO / "binder" / "postBuild", os.X_OK)
    post_build = (REPO / "binder" / "postBuild").read_text(encoding="utf-8")
    assert "page_config.json" in post_build
    assert "page_config.d/glutes-for-runners.json" in post_build
