"""Check that the packages the curriculum needs are installed at usable versions."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

import pandas as pd
from packaging.requirements import Requirement


def check_environment() -> pd.DataFrame:
    """List each package gluteutils needs, the version installed and whether it fits.

    Returns
    -------
    pandas.DataFrame
        Columns ``package``, ``needed``, ``installed`` (empty when missing) and
        ``status`` (``"OK"``, ``"too old or too new"`` or ``"missing"``). The
        first row reports Python itself.

    Examples
    --------
    >>> report = check_environment()
    >>> report.loc[0, "package"]
    'python'
    """
    rows = [
        {
            "package": "python",
            "needed": metadata.metadata("gluteutils").get("Requires-Python", ""),
            "installed": platform.python_version(),
            "status": "OK" if sys.version_info >= (3, 11) else "too old or too new",
        }
    ]
    for text in metadata.requires("gluteutils") or []:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue  # an optional extra, such as the test tools
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            installed, status = "", "missing"
        else:
            fits = requirement.specifier.contains(installed, prereleases=True)
            status = "OK" if fits else "too old or too new"
        rows.append(
            {
                "package": requirement.name,
                "needed": str(requirement.specifier) or "any",
                "installed": installed,
                "status": status,
            }
        )
    return pd.DataFrame(rows, columns=["package", "needed", "installed", "status"])
