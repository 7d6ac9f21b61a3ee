"""Shared test set-up: isolate Jupyter state and give tests the repository's paths."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS_DIR = REPO / "notebooks"
#: The environment before the tests changed it; pip subprocesses use it (real HOME, pip cache).
ORIGINAL_ENV = dict(os.environ)
_ISOLATED_VARS = (
    "JUPYTER_CONFIG_DIR",
    "JUPYTER_DATA_DIR",
    "JUPYTER_RUNTIME_DIR",
    "IPYTHONDIR",
    "MPLCONFIGDIR",
    "JUPYTERLAB_SETTINGS_DIR",
    "JUPYTERLAB_WORKSPACES_DIR",
)
_state_dir: Path | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Point Jupyter, IPython and Matplotlib at an empty folder for this test run.

    Kernels and servers the tests start then see no user configuration, and
    nothing the tests do touches the developer's own settings.
    """
    global _state_dir
    _state_dir = Path(tempfile.mkdtemp(prefix="gfr-test-state-"))
    for name in _ISOLATED_VARS:
        path = _state_dir / name.lower()
        path.mkdir()
        os.environ[name] = str(path)
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    # Quieter kernels: the debugger's frozen-modules notice goes to stderr otherwise.
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the isolated state folder."""
    if _state_dir is not None:
        shutil.rmtree(_state_dir, ignore_errors=True)


def load_script(path: Path, name: str) -> ModuleType:
    """Import a script that is not in a package (``tools/*.py``, ``tasks.py``) as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upload_value(
    name: str, content: bytes, size: int | None = None
) -> tuple[dict[str, object], ...]:
    """Return what a FileUpload widget's ``value`` holds after the browser sends one file."""
    return (
        {
            "name": name,
            "type": "text/csv",
            "size": len(content) if size is None else size,
            "last_modified": datetime(2025, 3, 1, tzinfo=UTC),
            "content": memoryview(content),
        },
    )


def notebook_paths() -> list[Path]:
    """Return every curriculum notebook, in reading order."""
    return sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def repo_files() -> list[Path]:
    """Return the repository's files as a clean clone would have them (tracked and new).

    Falls back to every file outside build and environment folders when the
    checkout is not a git repository (for example an unpacked source archive).
    """
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", ".ci-home", "build", "dist", "test-artifacts", "__pycache__"}
        return [
            p.relative_to(REPO)
            for p in REPO.rglob("*")
            if p.is_file() and not skip.intersection(p.relative_to(REPO).parts)
        ]
    return [Path(name) for name in listed.split("\0") if name and (REPO / name).is_file()]


def copy_repo(destination: Path) -> Path:
    """Copy the repository's files (as :func:`repo_files` lists them) to ``destination``."""
    for relative in repo_files():
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / relative, target)
    return destination


@pytest.fixture
def notebooks_copy(tmp_path: Path) -> Path:
    """Return a throw-away copy of notebooks/ (notebooks may write files next to themselves)."""
    target = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOKS_DIR, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return target
