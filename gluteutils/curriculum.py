"""The curriculum as a whole: its notebooks and which sources each one teaches from."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .library import sources_table
from .plan_columns import PLAN
from .plan_profile import PLAN_PROFILE
from .schema import schema_markdown

_NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")


def notebook_texts(folder: str | Path = ".") -> dict[str, str]:
    """Read the text of every curriculum notebook in ``folder``.

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``notebooks/`` folder; notebooks run with it as their working folder.

    Returns
    -------
    dict of str to str
        Notebook number (``"01"``) to the joined source of all its cells, in
        reading order. Files that are not curriculum notebooks are skipped.
    """
    texts = {}
    for path in sorted(Path(folder).glob("*.ipynb")):
        match = _NOTEBOOK_NAME.match(path.name)
        if not match:
            continue
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        texts[match.group(1)] = "\n".join("".join(cell.get("source", "")) for cell in cells)
    return texts


def sources_by_notebook(texts: Mapping[str, str], sources: pd.DataFrame) -> pd.DataFrame:
    """Say which notebooks teach from each source.

    A notebook teaches from a source when it names the source's ``source_id``
    (each notebook lists the sources it cites in its Sources section).

    Parameters
    ----------
    texts : mapping of str to str
        Notebook number to its text, as from :func:`notebook_texts`.
    sources : pandas.DataFrame
        A table indexed by ``source_id``, such as :func:`gluteutils.sources_table`.

    Returns
    -------
    pandas.DataFrame
        ``sources`` with a ``Taught in`` column (for example ``"01, 02"``; empty
        when no notebook names the source).
    """
    taught = {
        source_id: ", ".join(
            number
            for number, text in texts.items()
            if re.search(rf"\b{re.escape(str(source_id))}\b", text)
        )
        for source_id in sources.index
    }
    result = sources.copy()
    result["Taught in"] = [taught[source_id] for source_id in sources.index]
    return result


def sources_overview(folder: str | Path = ".") -> pd.DataFrame:
    """Every source with the notebooks that teach from it, for the start notebook.

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``notebooks/`` folder.

    Returns
    -------
    pandas.DataFrame
        :func:`gluteutils.sources_table` plus a ``Taught in`` column.
    """
    return sources_by_notebook(notebook_texts(folder), sources_table())


def data_readme() -> str:
    """Return the text of ``data/README.md``: every shipped table and every file format.

    Returns
    -------
    str
        Markdown generated from the schemas; ``python -m gluteutils data-docs`` prints it.
    """
    return schema_markdown(file_formats=(PLAN_PROFILE, PLAN))
