"""Every notebook runs top to bottom in a fresh kernel without errors or warnings."""

from __future__ import annotations

import re
from pathlib import Path

import nbclient
import nbformat
import pytest

from .conftest import notebook_paths

# stderr lines that are not the notebook's fault (first use of an empty Matplotlib cache).
HARMLESS_STDERR = (re.compile(r"Matplotlib is building the font cache"),)


def problems_in(nb: nbformat.NotebookNode) -> list[str]:
    """Describe every error, stray stderr output and figure without alt text."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        where = f"cell {index} ({cell.source.strip().splitlines()[0][:60] if cell.source else ''})"
        for output in cell.outputs:
            if output.output_type == "error":
                found.append(f"{where}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                lines = [
                    line
                    for line in output.text.splitlines()
                    if line.strip() and not any(p.search(line) for p in HARMLESS_STDERR)
                ]
                if lines:
                    found.append(f"{where}: stderr: {' | '.join(lines)[:300]}")
            elif "image/png" in output.get("data", {}):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
                # JupyterLab and Voila show the HTML <img>, not the PNG's metadata
                shown = output["data"].get("text/html", "")
                if not alt.strip() or not re.match(r'<img [^>]*alt="[^"]+"', shown):
                    found.append(f"{where}: a figure without alt text (use show_figure)")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in notebook_paths()])
def test_notebook_runs_top_to_bottom(name: str, notebooks_copy: Path) -> None:
    path = notebooks_copy / name
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(notebooks_copy)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{name} failed:\n{exc}")
    problems = problems_in(nb)
    assert not problems, f"{name}:\n" + "\n".join(problems)
