"""Static checks on every notebook: committed clean, python3 kernel, headings, links, length."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest

from gluteutils.curriculum import REPOSITORY_URL

from .conftest import NOTEBOOKS_DIR, REPO, load_script, notebook_paths

NOTEBOOKS = notebook_paths()
START = NOTEBOOKS_DIR / "00_start_here.ipynb"
MAX_CODE_LINES = 25  # about one screen
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
# Markdown links and images, skipping code spans; [text](target "title")
LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEALTH_NOTE = re.compile(r"not medical advice", re.IGNORECASE)


# The navbar cells tools/add_navigation.py puts first and last are generated
# boilerplate; the checks on a notebook's opening and ending look past them, so
# they still test what the author wrote (a navbar link must not count as the
# "What's next?" link, for example).
NAVIGATION_SCRIPT = REPO / "tools" / "add_navigation.py"


is_navbar = load_script(NAVIGATION_SCRIPT, "add_navigation").is_navbar


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def without_navbars(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with its generated navbar cells left out."""
    nb.cells = [cell for cell in nb.cells if not is_navbar(cell)]
    return nb


def markdown_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Markdown lines outside fenced code blocks."""
    lines: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            if not fenced:
                lines.append(line)
    return lines


def headings(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    found = []
    for line in markdown_lines(nb):
        match = HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


def anchor(title: str) -> str:
    """JupyterLab's anchor for a heading: spaces become dashes, markup is dropped."""
    text = re.sub(r"[*_`]", "", title)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.strip().replace(" ", "-")


def links(nb: nbformat.NotebookNode) -> list[tuple[bool, str, str]]:
    text = "\n".join(re.sub(r"`[^`]*`", "", line) for line in markdown_lines(nb))
    return [(bang == "!", label, target) for bang, label, target in LINK.findall(text)]


def test_there_is_a_start_notebook() -> None:
    assert START.exists()
    assert NOTEBOOKS[0] == START


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_file_name_sets_the_reading_order(path: Path) -> None:
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs_and_with_the_python3_kernel(path: Path) -> None:
    nb = read(path)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    dirty = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty}"
    assert "widgets" not in nb.metadata, f"{path.name}: saved widget state; clear it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_one_h1_first_and_headings_in_order(path: Path) -> None:
    found = headings(read(path))
    levels = [level for level, _ in found]
    assert levels, f"{path.name} has no headings"
    assert levels[0] == 1, f"{path.name}: the first heading must be the H1 title"
    assert levels.count(1) == 1, f"{path.name}: exactly one H1 allowed"
    for (before, _), (level, title) in itertools.pairwise(found):
        assert level <= before + 1, f"{path.name}: heading {title!r} skips a level"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_opens_with_what_you_will_learn_and_the_time(path: Path) -> None:
    first = without_navbars(read(path)).cells[0]  # the cell under the top navbar
    assert first.cell_type == "markdown"
    assert re.search(r"you will\s+(learn|do)|you will:", first.source, re.IGNORECASE), path.name
    assert re.search(r"\*\*Time:\*\*\s+about \d+ minutes", first.source), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_fit_on_a_screen(path: Path) -> None:
    for i, cell in enumerate(read(path).cells):
        if cell.cell_type == "code":
            lines = len(cell.source.splitlines())
            assert lines <= MAX_CODE_LINES, (
                f"{path.name} cell {i}: {lines} lines; move it to gluteutils"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_resolve_and_images_have_alt_text(path: Path) -> None:
    nb = read(path)
    anchors = {anchor(title) for _, title in headings(nb)}
    for is_image, label, target in links(nb):
        if is_image:
            assert label.strip(), f"{path.name}: image {target} has no alt text"
        parsed = urlparse(target)
        if parsed.scheme in ("http", "https", "mailto"):
            continue
        assert not parsed.scheme, f"{path.name}: link scheme not allowed: {target}"
        if parsed.path:
            linked = (path.parent / unquote(parsed.path)).resolve()
            assert linked.exists(), f"{path.name}: link to missing file {target}"
            if parsed.fragment and linked.suffix == ".ipynb":
                other = {anchor(t) for _, t in headings(read(linked))}
                assert unquote(parsed.fragment) in other, f"{path.name}: no heading for {target}"
        elif parsed.fragment:
            assert unquote(parsed.fragment) in anchors, f"{path.name}: no heading for {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_also_open_under_voila(path: Path) -> None:
    # Voila renders notebooks, not Markdown or other repository files, so a relative link
    # may only lead to another curriculum notebook; a repository file is linked on the
    # hosted repository instead, and that link must name a file the repository has.
    for is_image, _, target in links(read(path)):
        parsed = urlparse(target)
        if is_image:
            continue
        if not parsed.scheme and parsed.path:
            linked = (path.parent / unquote(parsed.path)).resolve()
            assert linked.suffix == ".ipynb", f"{path.name}: Voila cannot open {target}"
            assert linked.parent == NOTEBOOKS_DIR.resolve(), f"{path.name}: {target}"
        elif target.startswith(f"{REPOSITORY_URL}/blob/"):
            _ref, _, file = target.removeprefix(f"{REPOSITORY_URL}/blob/").partition("/")
            assert (REPO / unquote(file.split("#")[0])).is_file(), f"{path.name}: {target}"


def test_start_notebook_links_every_notebook() -> None:
    targets = {
        Path(urlparse(t).path).name
        for _, _, t in links(without_navbars(read(START)))  # the learning path, not the navbar
        if t.endswith(".ipynb")
    }
    missing = [p.name for p in NOTEBOOKS if p.name not in targets]
    assert not missing, f"add these to the learning path in 00_start_here.ipynb: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=lambda p: p.name)
def test_ends_with_a_self_check_and_a_link_onwards(path: Path) -> None:
    nb = without_navbars(read(path))  # the bottom navbar's Next link is not the author's
    titles = [title.lower() for _, title in headings(nb)]
    assert any("self-check" in t for t in titles), f"{path.name}: add a Self-check section"
    assert any("what's next" in t for t in titles), f"{path.name}: add a What's next? section"
    last = "\n".join(cell.source for cell in nb.cells[-2:])
    assert re.search(r"\]\([0-9]{2}_[a-z0-9_]+\.ipynb\)", last), f"{path.name}: link onwards"


def test_start_notebook_carries_the_health_note_and_binder_advice() -> None:
    text = "\n".join(cell.source for cell in read(START).cells)
    assert HEALTH_NOTE.search(text)
    assert re.search(r"clinician", text)
    assert re.search(r"download", text, re.IGNORECASE)
    assert re.search(r"wipe|deleted|disappear", text, re.IGNORECASE)
    assert "python3 tasks.py lab" in text
