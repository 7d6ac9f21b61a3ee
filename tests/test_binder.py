"""Binder's environment: exact pins that match the project, and a mimic of Binder's build."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .conftest import REPO, copy_repo
from .venvs import isolated_env, make_venv, pip_env, run

BINDER = REPO / "binder"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)")


def pinned() -> dict[str, str]:
    pins = {}
    for line in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def requirement_lines() -> list[str]:
    text = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_every_line_is_an_exact_pin_or_the_project_itself() -> None:
    lines = requirement_lines()
    assert "." in lines, "repo2docker ignores pyproject.toml when binder/ exists: keep '.'"
    for line in lines:
        assert line == "." or PIN.match(line), f"not an exact pin: {line}"
        assert "file:" not in line
        assert not line.startswith(("--find-links", "-f ", "--index-url", "--extra-index-url"))


def test_pins_satisfy_the_project_ranges_and_include_the_app_stack() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = pinned()
    for text in project["dependencies"]:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in binder/requirements.txt: run binder/lock.py"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} breaks {text}"
    for needed in ("jupyterlab", "ipywidgets", "voila", "pandas", "matplotlib", "ipykernel"):
        assert needed in pins


def test_the_loose_input_and_python_version_are_documented() -> None:
    assert "." in (BINDER / "requirements.in").read_text(encoding="utf-8").split()
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    assert "python3 binder/lock.py" in (BINDER / "requirements.txt").read_text(encoding="utf-8")


EXECUTE_START = """
import sys, nbformat, nbclient
nb = nbformat.read("00_start_here.ipynb", as_version=4)
nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                        resources={"metadata": {"path": "."}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
          if o.output_type == "error"]
print("errors:", len(errors))
sys.exit(1 if errors else 0)
"""


@pytest.mark.slow
def test_binder_build_mimic_runs_the_start_notebook(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    python = make_venv(tmp_path / "venv")
    # repo2docker installs exactly this file, from the repository root.
    run([python, "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"], cwd=repo)
    # repo2docker then runs binder/postBuild, with the environment's python first on PATH
    run(
        ["bash", repo / "binder" / "postBuild"],
        cwd=repo,
        env={**pip_env(), "PATH": f"{python.parent}:" + pip_env()["PATH"]},
    )
    env = isolated_env()
    env["PATH"] = f"{python.parent}:{env['PATH']}"  # the kernel is the venv's python3
    # JupyterLab reads the page config postBuild installed: no news toast for the athletes
    listed = run(
        [python, "-m", "jupyterlab.labextensions", "list"], cwd=tmp_path, env=env, stderr=True
    )
    disabled = listed.partition("Disabled extensions:")[2].split()
    assert "@jupyterlab/apputils-extension:announcements" in disabled
    run([python, "-c", "import gluteutils; gluteutils.load_all()"], cwd=tmp_path, env=env)
    out = run([python, "-c", EXECUTE_START], cwd=repo / "notebooks", env=env)
    assert "errors: 0" in out
