"""The README's two set-up commands, CI calling the test command, and the launch links."""

from __future__ import annotations

import re
import shlex
from urllib.parse import parse_qs, urlparse

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    block = re.search(r"<!-- setup-commands.*?```bash\n(.*?)```", README, re.S)
    assert block, "README lost its setup-commands block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_gives_exactly_two_setup_commands() -> None:
    assert setup_commands() == ["python3 tasks.py lab", "python3 tasks.py test"]


def test_ci_runs_the_readme_test_command_and_nothing_else() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line.strip()
        for line in script.splitlines()
        if line.strip()
        and not line.lstrip().startswith("#")
        and not line.startswith(("set ", "cd "))
    ]
    assert len(commands) == 1
    assert shlex.split(commands[0]) == ["exec", *shlex.split(setup_commands()[1])]


def binder_links() -> list[str]:
    return re.findall(r"https://mybinder\.org/v2/gh/[^\s)\]]+", README)


def test_binder_links_point_at_files_that_exist() -> None:
    found = binder_links()
    assert found, "README has no Binder link"
    for link in found:
        query = parse_qs(urlparse(link).query)
        urlpath = query["urlpath"][0]
        assert not urlpath.startswith("/"), f"no leading slash after urlpath=: {link}"
        kind, _, path = urlpath.partition("/")
        if kind == "lab":
            assert path.startswith("tree/")
            path = path.removeprefix("tree/")
        else:
            assert kind == "voila"
            assert path.startswith("render/")
            path = path.removeprefix("render/")
        assert (REPO / path).is_file(), f"{link} opens a missing file"


def test_binder_lab_link_opens_the_start_notebook() -> None:
    assert any("urlpath=lab/tree/notebooks/00_start_here.ipynb" in link for link in binder_links())


def test_readme_carries_the_health_note_and_headless_instructions() -> None:
    assert "not medical advice" in README
    assert "--no-browser" in README
    assert "download" in README.lower()
