"""Showing results safely in notebooks: figures with alt text, escaped text, download links.

Everything a form or notebook shows goes through these helpers, so user text is
always escaped and downloads work the same in JupyterLab, on Binder and in
Voila (a ``data:`` link; ``FileLink`` is refused under Voila).
"""

from __future__ import annotations

import base64
import html
import io
import re

from matplotlib.figure import Figure

_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def escape(text: object) -> str:
    """Escape any value for safe use inside HTML, quotes included.

    Parameters
    ----------
    text : object
        Anything; it is converted with :class:`str` first.

    Returns
    -------
    str
        Text with ``& < > " '`` replaced by entities.

    Examples
    --------
    >>> escape('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    """
    return html.escape(str(text), quote=True)


def safe_filename(name: str, default: str = "download") -> str:
    """Reduce a user-supplied name to a safe file name.

    Parameters
    ----------
    name : str
        Proposed name, possibly with spaces, slashes or markup.
    default : str
        Used when nothing safe is left.

    Returns
    -------
    str
        Letters, digits, dot, dash and underscore only, without leading dots.

    Examples
    --------
    >>> safe_filename("../Ana María plan.csv")
    'Ana_Mar_a_plan.csv'
    """
    cleaned = _SAFE_FILENAME.sub("_", name).strip("._")
    return cleaned or default


def download_link_html(data: bytes, filename: str, mime: str, label: str) -> str:
    """Build an HTML link that downloads ``data`` as a file in any Jupyter front end.

    Parameters
    ----------
    data : bytes
        File contents.
    filename : str
        Suggested file name; reduced with :func:`safe_filename`.
    mime : str
        Media type, for example ``"text/csv"``.
    label : str
        Link text; escaped.

    Returns
    -------
    str
        An ``<a download=... href="data:...;base64,...">`` element with the
        CSS class ``gfr-download``.
    """
    payload = base64.b64encode(data).decode("ascii")
    safe_mime = mime if re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", mime) else "application/octet-stream"
    return (
        f'<a class="gfr-download" download="{escape(safe_filename(filename))}" '
        f'href="data:{safe_mime};base64,{payload}">{escape(label)}</a>'
    )


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a Matplotlib figure to PNG bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    dpi : int
        Resolution.

    Returns
    -------
    bytes
        PNG image data.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()


def show_figure(fig: Figure, alt: str) -> None:
    """Display a figure in the notebook with alt text for screen readers.

    The figure is closed afterwards, so it is not shown a second time by the
    inline backend.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to show.
    alt : str
        A sentence saying what the figure shows. Must not be empty.

    Raises
    ------
    ValueError
        If ``alt`` is empty.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    if not alt.strip():
        raise ValueError("every figure needs alt text")
    display(Image(data=figure_png(fig)), metadata={"image/png": {"alt": alt}})
    plt.close(fig)
