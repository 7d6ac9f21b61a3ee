"""Add a prev / Index / next navbar to the top and bottom of every curriculum notebook.

Each navbar is one Markdown cell whose first line is the marker :data:`MARKER`
(an HTML comment, invisible once rendered). The script finds navbars by that
marker only, so running it again replaces them and never adds a second pair; a
notebook whose navbars are already current is not written at all. The titles
are the notebooks' H1 headings, so renaming a notebook's title and rerunning the
script updates the links in its neighbours. Like PythonDataScienceHandbook's
``tools/add_navigation.py``, the links are relative (``01_glute_muscles.ipynb``),
which works in JupyterLab, on GitHub and under ``voila/render/``.

The navbar holds no Markdown heading: each notebook keeps exactly one H1.

The notebooks are written the way JupyterLab and nbformat write them (keys
sorted, one-space indent, UTF-8 text rather than ASCII escapes, a final newline),
so that only the navbar cells show up in ``git diff``. Usage::

    python tools/add_navigation.py            # add or refresh the navbars
    python tools/add_navigation.py --check    # exit 1 and name the stale notebooks
    python tools/add_navigation.py --folder /tmp/copy/notebooks
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gluteutils.curriculum import notebook_files
from gluteutils.files import atomic_write_bytes

REPO = Path(__file__).resolve().parents[1]
#: The folder of the curriculum notebooks.
NOTEBOOKS = REPO / "notebooks"
#: The first line of every navbar cell; how the script recognises its own cells.
MARKER = "<!-- navbar -->"
#: The start notebook: the target of every "Index" link.
INDEX = "00_start_here.ipynb"
#: Cell ids of the two navbars: stable, so a refresh changes no id (nbformat >= 4.5).
TOP_ID, BOTTOM_ID = "navbar-top", "navbar-bottom"
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")

Notebook = dict[str, Any]


def cell_text(cell: Notebook) -> str:
    """Return a cell's source as one string (it may be stored as a list of lines).

    Parameters
    ----------
    cell : dict
        A notebook cell as read from the JSON file.

    Returns
    -------
    str
        The joined source.
    """
    source = cell.get("source", "")
    return source if isinstance(source, str) else "".join(source)


def is_navbar(cell: Notebook) -> bool:
    """Tell whether ``cell`` is a navbar written by this script.

    Parameters
    ----------
    cell : dict
        A notebook cell (a plain dict or an ``nbformat.NotebookNode``).

    Returns
    -------
    bool
        True for a Markdown cell whose first line is :data:`MARKER`.
    """
    lines = cell_text(cell).splitlines()
    return cell.get("cell_type") == "markdown" and bool(lines) and lines[0].strip() == MARKER


def title_of(nb: Notebook) -> str:
    """Return the notebook's title: the text of its first H1 heading.

    Parameters
    ----------
    nb : dict
        A notebook as read from the JSON file.

    Returns
    -------
    str
        The heading text without the ``#``.

    Raises
    ------
    ValueError
        If no Markdown cell (outside fenced code) has an H1 heading.
    """
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown" or is_navbar(cell):
            continue
        fenced = False
        for line in cell_text(cell).splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced  # a "# comment" inside a code block is no heading
            elif not fenced and (match := _H1.match(line)):
                return match.group(1)
    raise ValueError("the notebook has no H1 title")


def _link(title: str, name: str) -> str:
    # brackets in a title would end the link text early
    label = title.replace("[", r"\[").replace("]", r"\]")
    return f"[{label}]({name})"


def navbar_text(
    previous: tuple[str, str] | None, following: tuple[str, str] | None, index: bool = True
) -> str:
    """Return the Markdown source of a navbar cell.

    Parameters
    ----------
    previous, following : tuple of (str, str), optional
        ``(title, file name)`` of the notebooks before and after; None when
        there is none (the first and last notebooks).
    index : bool
        Whether to link the start notebook (not from the start notebook itself).
        When the previous notebook is the start notebook, the "Index" link
        already leads there, so no "Previous" link repeats it.

    Returns
    -------
    str
        :data:`MARKER` on the first line, the links on the second.

    Examples
    --------
    >>> print(navbar_text(("A", "01_a.ipynb"), ("B", "03_b.ipynb")))
    <!-- navbar -->
    < Previous: [A](01_a.ipynb) | [Index](00_start_here.ipynb) | Next: [B](03_b.ipynb) >
    >>> print(navbar_text(None, ("A", "01_a.ipynb"), index=False))
    <!-- navbar -->
    Next: [A](01_a.ipynb) >
    >>> print(navbar_text(("Start", INDEX), ("B", "02_b.ipynb")))
    <!-- navbar -->
    [Index](00_start_here.ipynb) | Next: [B](02_b.ipynb) >
    """
    parts = []
    if previous is not None and not (index and previous[1] == INDEX):
        parts.append(f"< Previous: {_link(*previous)}")
    if index:
        parts.append(f"[Index]({INDEX})")
    if following is not None:
        parts.append(f"Next: {_link(*following)} >")
    return f"{MARKER}\n" + " | ".join(parts)


def _markdown_cell(nb: Notebook, cell_id: str, text: str) -> Notebook:
    cell: Notebook = {"cell_type": "markdown", "metadata": {}, "source": _lines(text)}
    # cell ids exist from nbformat 4.5 on; an older notebook's schema forbids the key
    if (nb.get("nbformat", 4), nb.get("nbformat_minor", 0)) >= (4, 5):
        cell["id"] = cell_id
    return cell


def _lines(text: str) -> list[str]:
    # nbformat stores a source as its lines, each keeping its newline
    return text.splitlines(keepends=True)


def with_navbars(nb: Notebook, text: str) -> Notebook:
    """Return a copy of ``nb`` with navbar cells holding ``text`` first and last.

    Any navbar cells already in the notebook, wherever they are, are dropped
    first; every other cell is kept as it is.

    Parameters
    ----------
    nb : dict
        A notebook as read from the JSON file; not modified.
    text : str
        The navbar's Markdown source, from :func:`navbar_text`.

    Returns
    -------
    dict
        The notebook with exactly two navbar cells, ids :data:`TOP_ID` and
        :data:`BOTTOM_ID`.

    Raises
    ------
    ValueError
        If another cell already uses one of the navbar ids.
    """
    cells = [cell for cell in nb.get("cells", []) if not is_navbar(cell)]
    taken = {cell.get("id") for cell in cells} & {TOP_ID, BOTTOM_ID}
    if taken:
        message = f"cell id {sorted(taken)[0]!r} is taken by a cell that is not a navbar"
        raise ValueError(message)
    top, bottom = _markdown_cell(nb, TOP_ID, text), _markdown_cell(nb, BOTTOM_ID, text)
    return {**nb, "cells": [top, *cells, bottom]}


def notebook_json(nb: Notebook) -> str:
    """Serialise a notebook exactly as JupyterLab and ``nbformat.write`` do.

    Parameters
    ----------
    nb : dict
        The notebook.

    Returns
    -------
    str
        JSON with sorted keys, a one-space indent, non-ASCII characters kept and
        a final newline.
    """
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_notebook(path: Path) -> Notebook:
    """Read a notebook file as plain JSON.

    Parameters
    ----------
    path : pathlib.Path
        The ``.ipynb`` file.

    Returns
    -------
    dict
        The parsed notebook.
    """
    notebook: Notebook = json.loads(path.read_text(encoding="utf-8"))
    return notebook


def updated_notebooks(folder: Path) -> dict[Path, Notebook]:
    """Return every curriculum notebook in ``folder`` with current navbars.

    Parameters
    ----------
    folder : pathlib.Path
        The ``notebooks/`` folder.

    Returns
    -------
    dict of pathlib.Path to dict
        Each notebook file and its content with navbars; notebooks whose
        navbars are already current come back equal to the file's content.

    Raises
    ------
    ValueError
        If a notebook has no H1 title, or a cell uses a navbar's id.
    """
    paths = notebook_files(folder)
    notebooks = {path: read_notebook(path) for path in paths}
    pages = []
    for path, nb in notebooks.items():
        try:
            pages.append((title_of(nb), path.name))
        except ValueError as error:
            raise ValueError(f"{path.name}: {error}") from None
    updated = {}
    for number, path in enumerate(paths):
        previous = pages[number - 1] if number > 0 else None
        following = pages[number + 1] if number + 1 < len(pages) else None
        text = navbar_text(previous, following, index=path.name != INDEX)
        try:
            updated[path] = with_navbars(notebooks[path], text)
        except ValueError as error:
            raise ValueError(f"{path.name}: {error}") from None
    return updated


def stale_notebooks(folder: Path) -> list[Path]:
    """Return the notebooks whose navbars are missing or out of date.

    The comparison is on the parsed JSON, so a notebook saved with other
    whitespace but current navbars is not stale.

    Parameters
    ----------
    folder : pathlib.Path
        The ``notebooks/`` folder.

    Returns
    -------
    list of pathlib.Path
        The stale notebooks, in reading order; empty when all are current.
    """
    return list(_stale(folder))


def _stale(folder: Path) -> dict[Path, Notebook]:
    """Return the stale notebooks of ``folder``, each with its navbars brought up to date."""
    return {path: nb for path, nb in updated_notebooks(folder).items() if nb != read_notebook(path)}


def add_navigation(folder: Path) -> list[Path]:
    """Add or refresh the navbars of every notebook in ``folder``.

    Parameters
    ----------
    folder : pathlib.Path
        The ``notebooks/`` folder.

    Returns
    -------
    list of pathlib.Path
        The notebooks written; notebooks already current are left untouched.
    """
    stale = _stale(folder)
    for path, nb in stale.items():
        # atomic and keeping the file's mode: an open editor sees old or new, never half
        atomic_write_bytes(path, notebook_json(nb).encode("utf-8"))
    return list(stale)


def main(argv: Sequence[str] | None = None) -> int:
    """Add (or check) the navbars; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments without the program name.

    Returns
    -------
    int
        0 on success; 1 when ``--check`` finds a navbar missing or out of date.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder", type=Path, default=NOTEBOOKS, help="the notebooks folder (default: notebooks/)"
    )
    parser.add_argument(
        "--check", action="store_true", help="only report notebooks whose navbars are stale"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_notebooks(args.folder)
        for path in stale:
            print(f"{path}: navbar missing or out of date")
        if stale:
            print("run: python tools/add_navigation.py")
            return 1
        print(f"{args.folder}: all navbars up to date")
        return 0
    written = add_navigation(args.folder)
    for path in written:
        print(f"wrote {path}")
    print(f"{len(written)} notebook(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
