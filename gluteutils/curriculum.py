"""The curriculum as a whole: its notebooks and which sources each one teaches from."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

from .library import sources_table

_NOTEBOOK_NAME = re.compile(r"^(\d\d)_[a-z0-9_]+\.ipynb$")


def notebook_files(folder: str | Path = ".") -> list[Path]:
    """Return the curriculum notebooks in ``folder``, in reading order.

    Parameters
    ----------
    folder : str or pathlib.Path
        The ``notebooks/`` folder.

    Returns
    -------
    list of pathlib.Path
        Files named ``NN_topic.ipynb``, sorted by name (the two digits are the
        reading order); scratch notebooks are skipped.
    """
    return sorted(p for p in Path(folder).glob("*.ipynb") if _NOTEBOOK_NAME.match(p.name))


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
    for path in notebook_files(folder):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        texts[path.name[:2]] = "\n".join("".join(cell.get("source", "")) for cell in cells)
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


#: The repository the curriculum is published from (also used in the README's Binder links).
REPOSITORY_URL = "https://github.com/glutes-for-runners/glutes-for-runners"


def nbgitpuller_link(
    hub_url: str,
    notebook: str = "notebooks/00_start_here.ipynb",
    repository_url: str = REPOSITORY_URL,
    branch: str = "main",
    app: str = "lab",
) -> str:
    """Build the link that copies the curriculum into each athlete's hub folder and opens it.

    nbgitpuller (installed on the hub) clones the repository on first click and
    merges updates on later clicks, keeping the athlete's own changes and files.

    Parameters
    ----------
    hub_url : str
        The hub's address, for example ``"https://hub.myclinic.org"``.
    notebook : str
        Path of the notebook to open, inside the repository.
    repository_url : str
        Git repository to pull.
    branch : str
        Branch to pull.
    app : {"lab", "voila"}
        Open the notebook in JupyterLab or as a Voila app.

    Returns
    -------
    str
        A link of the form ``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``.

    Raises
    ------
    ValueError
        If the hub address is not http(s), or ``app`` is unknown.

    Examples
    --------
    >>> nbgitpuller_link("https://hub.example.org")[:58]
    'https://hub.example.org/hub/user-redirect/git-pull?repo=ht'
    """
    if not hub_url.startswith(("https://", "http://")):
        raise ValueError("the hub address must start with https:// (or http://)")
    folder = repository_url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")
    if app == "lab":
        urlpath = f"lab/tree/{folder}/{notebook}"
    elif app == "voila":
        urlpath = f"voila/render/{folder}/{notebook}"
    else:
        raise ValueError("app must be 'lab' or 'voila'")
    query = urlencode({"repo": repository_url, "branch": branch, "urlpath": urlpath})
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"
