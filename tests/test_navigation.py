"""The prev / Index / next navbars: current in the repository, idempotent, linking real files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

from .conftest import NOTEBOOKS_DIR, REPO, load_script, notebook_paths

SCRIPT = REPO / "tools" / "add_navigation.py"
LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def navigation() -> ModuleType:
    return load_script(SCRIPT, "add_navigation")


@pytest.fixture
def with_navbars(navigation: ModuleType, notebooks_copy: Path) -> Path:
    """A copy of notebooks/ with the navbars added (whatever state the originals are in)."""
    navigation.add_navigation(notebooks_copy)
    return notebooks_copy


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.ipynb"))}


def navbars(path: Path, navigation: ModuleType) -> list[tuple[int, str]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(i, navigation.cell_text(c)) for i, c in enumerate(cells) if navigation.is_navbar(c)]


def test_the_committed_notebooks_have_current_navbars(navigation: ModuleType) -> None:
    stale = [path.name for path in navigation.stale_notebooks(NOTEBOOKS_DIR)]
    fix = "run python tools/add_navigation.py"
    assert not stale, f"navbars missing or out of date in {stale}: {fix}"
    assert navigation.main(["--check"]) == 0


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_the_script_writes_json_as_the_notebooks_are_saved(
    navigation: ModuleType, path: Path
) -> None:
    # otherwise adding a navbar would reformat the whole file in git diff
    text = path.read_text(encoding="utf-8")
    assert navigation.notebook_json(navigation.read_notebook(path)) == text


def test_adding_navbars_twice_changes_nothing(
    navigation: ModuleType, with_navbars: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = snapshot(with_navbars)
    assert navigation.add_navigation(with_navbars) == []
    assert navigation.main(["--folder", str(with_navbars)]) == 0
    assert snapshot(with_navbars) == first
    assert navigation.stale_notebooks(with_navbars) == []
    assert navigation.main(["--check", "--folder", str(with_navbars)]) == 0
    assert "all navbars up to date" in capsys.readouterr().out


def test_each_notebook_gets_one_navbar_first_and_one_last(
    navigation: ModuleType, with_navbars: Path
) -> None:
    for path in navigation.notebook_files(with_navbars):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)  # cell ids and all
        found = navbars(path, navigation)
        assert [i for i, _ in found] == [0, len(nb.cells) - 1], path.name
        assert found[0][1] == found[1][1], path.name
        assert [c.id for c in (nb.cells[0], nb.cells[-1])] == ["navbar-top", "navbar-bottom"]
        assert all(c.metadata == {} for c in (nb.cells[0], nb.cells[-1])), path.name
        # no heading in the navbar: the notebook keeps exactly one H1, and it comes first
        assert not any(line.startswith("#") for _, text in found for line in text.splitlines())
        assert nb.cells[1].source.startswith("# "), path.name


def test_navbar_links_point_to_the_neighbours_and_their_titles(
    navigation: ModuleType, with_navbars: Path
) -> None:
    paths = navigation.notebook_files(with_navbars)
    titles = {p.name: navigation.title_of(navigation.read_notebook(p)) for p in paths}
    for number, path in enumerate(paths):
        text = navbars(path, navigation)[0][1]
        targets = [target for _, target in LINK.findall(text)]
        for label, target in LINK.findall(text):
            assert (with_navbars / target).is_file(), f"{path.name}: link to missing {target}"
            assert label in (titles[target], "Index"), f"{path.name}: {label!r} for {target}"
        previous = paths[number - 1].name if number > 0 else None
        # the notebook after the index reaches it by the Index link, not a second "Previous"
        has_previous = previous not in (None, navigation.INDEX)
        expected = [previous] if has_previous else []
        expected += [] if path.name == navigation.INDEX else [navigation.INDEX]
        expected += [p.name for p in paths[number + 1 : number + 2]]
        assert targets == expected, path.name
        assert len(set(targets)) == len(targets), f"{path.name}: a link twice: {targets}"
        assert ("Previous:" in text) == has_previous, path.name
        assert ("Next:" in text) == (number < len(paths) - 1), path.name


def test_an_edited_navbar_is_stale_and_gets_replaced(
    navigation: ModuleType, with_navbars: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = snapshot(with_navbars)
    path = with_navbars / "03_obstacles_and_self_assessment.ipynb"
    path.write_text(path.read_text(encoding="utf-8").replace("| Next:", "| Then:", 1), "utf-8")
    assert navigation.stale_notebooks(with_navbars) == [path]
    assert navigation.main(["--check", "--folder", str(with_navbars)]) == 1
    out = capsys.readouterr().out
    assert path.name in out
    assert "02_running_stride" not in out  # only the stale notebook is named
    assert navigation.add_navigation(with_navbars) == [path]
    assert snapshot(with_navbars) == good


def test_a_missing_navbar_and_a_new_title_make_notebooks_stale(
    navigation: ModuleType, with_navbars: Path
) -> None:
    last = with_navbars / "07_coaching_clinic.ipynb"
    nb = navigation.read_notebook(last)
    nb["cells"] = nb["cells"][:-1]  # the bottom navbar deleted by hand
    last.write_text(navigation.notebook_json(nb), encoding="utf-8")
    assert navigation.stale_notebooks(with_navbars) == [last]
    # retitling a notebook makes its neighbours' links stale, not the notebook itself
    renamed = with_navbars / "04_exercise_library.ipynb"
    renamed.write_text(
        renamed.read_text(encoding="utf-8").replace(
            "# The exercise library: switch on", "# The exercise library: wake up", 1
        ),
        encoding="utf-8",
    )
    stale = [p.name for p in navigation.stale_notebooks(with_navbars)]
    assert stale == ["03_obstacles_and_self_assessment.ipynb", "05_plan_builder.ipynb", last.name]
    navigation.add_navigation(with_navbars)
    assert navigation.stale_notebooks(with_navbars) == []
    link = "[The exercise library: wake up, strengthen, run](04_exercise_library.ipynb)"
    assert link in navbars(with_navbars / "05_plan_builder.ipynb", navigation)[0][1]


def test_navbar_text_for_the_first_middle_and_last_notebook(navigation: ModuleType) -> None:
    one, two = ("One [draft]", "01_one.ipynb"), ("Two", "02_two.ipynb")
    assert navigation.navbar_text(None, one, index=False) == (
        "<!-- navbar -->\nNext: [One \\[draft\\]](01_one.ipynb) >"
    )
    assert navigation.navbar_text(one, two) == (
        "<!-- navbar -->\n< Previous: [One \\[draft\\]](01_one.ipynb) | "
        "[Index](00_start_here.ipynb) | Next: [Two](02_two.ipynb) >"
    )
    assert navigation.navbar_text(two, None) == (
        "<!-- navbar -->\n< Previous: [Two](02_two.ipynb) | [Index](00_start_here.ipynb)"
    )
    # right after the start notebook: one link back to it, the Index link
    start = ("Start here", "00_start_here.ipynb")
    assert navigation.navbar_text(start, two) == (
        "<!-- navbar -->\n[Index](00_start_here.ipynb) | Next: [Two](02_two.ipynb) >"
    )


def test_the_title_is_the_h1_outside_code_and_navbars(navigation: ModuleType) -> None:
    def markdown(text: str) -> dict[str, object]:
        return {"cell_type": "markdown", "metadata": {}, "source": text}

    nb = {
        "cells": [
            markdown("<!-- navbar -->\n# not a title"),
            {"cell_type": "code", "metadata": {}, "source": "# a comment", "outputs": []},
            markdown("```\n# in a fence\n```\n## Sub\n#   The title  \n"),
        ]
    }
    assert navigation.title_of(nb) == "The title"
    with pytest.raises(ValueError, match="no H1"):
        navigation.title_of({"cells": [markdown("## Only a subheading")]})


def test_a_notebook_without_a_title_is_named(navigation: ModuleType, tmp_path: Path) -> None:
    cell = {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["no title"]}
    (tmp_path / "01_a.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"01_a\.ipynb: the notebook has no H1 title"):
        navigation.stale_notebooks(tmp_path)
