"""Showing results safely in notebooks: figures with alt text, escaped text and tables, links.

Everything a form or notebook shows goes through these helpers, so user text is
always escaped and downloads work the same in JupyterLab, on Binder and in
Voila (a ``data:`` link; ``FileLink`` is refused under Voila).
"""

from __future__ import annotations

import base64
import html
import io
import re
import unicodedata

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

# letters and digits of every script: "Zoë", "José" and "王芳" are names, and
# today's file systems and zip files hold them
_SAFE_FILENAME = re.compile(r"[^\w.-]+")
_PNG_LEVEL = 3  # zlib level for figures


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
        Letters and digits (of any script), dot, dash and underscore only,
        without leading dots; accents composed (NFC), as macOS may send them apart.

    Examples
    --------
    >>> safe_filename("../Ana María plan.csv")
    'Ana_María_plan.csv'
    >>> safe_filename("Zoë 🏃 Ølsen / 王芳")
    'Zoë_Ølsen_王芳'
    """
    cleaned = _SAFE_FILENAME.sub("_", unicodedata.normalize("NFC", name)).strip("._")
    return cleaned or default


#: A dark blue, underlined, bold link: 5.7:1 contrast on white (WCAG AA asks 4.5:1).
_LINK_STYLE = "color:#1565c0;text-decoration:underline;font-weight:bold"


def table_html(frame: pd.DataFrame, css: str, border: int = 1) -> str:
    """Render a frame as an HTML table for a form: cells escaped, no index, missing as blank.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table; its column names are the headings.
    css : str
        CSS classes of the ``<table>``.
    border : int, optional
        The table's ``border`` attribute.

    Returns
    -------
    str
        A ``<table>`` in which user text shows as text and a missing value, of
        any dtype, as an empty cell (``DataFrame.to_html`` writes ``<NA>`` for a
        missing ``Int64`` value whatever its ``na_rep``).

    Examples
    --------
    >>> frame = pd.DataFrame({"pain": pd.array([3, None], dtype="Int64"), "who": ["<b>", "Al"]})
    >>> html_table = table_html(frame, "gfr-example")
    >>> "&lt;b&gt;" in html_table, "NA" in html_table
    (True, False)
    """
    shown = frame.copy(deep=False)
    for position, (_, column) in enumerate(frame.items()):
        if isinstance(column.dtype, pd.api.extensions.ExtensionDtype) and column.hasnans:
            shown.isetitem(position, column.astype(object).where(column.notna(), ""))
    return shown.to_html(classes=css, escape=True, index=False, border=border, na_rep="")


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
        CSS class ``gfr-download``, styled as a link: inside a widget, neither
        JupyterLab nor Voila colours or underlines it, so it would read as plain text.
    """
    payload = base64.b64encode(data).decode("ascii")
    safe_mime = mime if re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", mime) else "application/octet-stream"
    return (
        f'<a class="gfr-download" style="{_LINK_STYLE}" '
        f'download="{escape(safe_filename(filename))}" '
        f'href="data:{safe_mime};base64,{payload}">{escape(label)}</a>'
    )


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """Render a Matplotlib figure to PNG bytes, trimmed to what is drawn.

    The figure is drawn once, text without font hinting, and the blank border is
    cut off around the ink, leaving ``savefig.pad_inches`` of margin. That is what
    ``bbox_inches="tight"`` gives, but ``savefig`` draws a figure with a layout
    engine twice to get there. A figure with ink beyond its edges (a title wider
    than the figure, say) goes through ``savefig`` after all, so nothing is cut.

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
    from matplotlib import rc_context, rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba
    from matplotlib.image import imsave

    original_canvas, original_dpi = fig.canvas, fig.dpi
    canvas = FigureCanvasAgg(fig)  # draw with Agg, then give the figure its canvas back
    try:
        fig.dpi = dpi
        # Glyphs unhinted, as Matplotlib's vector backends draw them: at this resolution
        # they look the same, and FreeType's hinting was a seventh of the drawing time.
        with rc_context({"text.hinting": "no_hinting"}):
            canvas.draw()  # runs the layout engine once, then renders
            if _spills_over(fig, canvas):
                # ink outside the figure (a title wider than the figure, say) is cut off
                # on the canvas; savefig's tight box grows the image to keep it
                buffer = io.BytesIO()
                fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
                return buffer.getvalue()
        pixels = np.asarray(canvas.buffer_rgba())
        background = np.round(np.array(to_rgba(fig.get_facecolor())) * 255).astype(np.uint8)
        pad = round(rcParams["savefig.pad_inches"] * dpi)
        pixels = pixels[_ink_box(pixels, background, pad)]
        buffer = io.BytesIO()
        # Level 3 compresses nearly as well as the default 6 in about two thirds the time.
        imsave(buffer, pixels, format="png", dpi=dpi, pil_kwargs={"compress_level": _PNG_LEVEL})
    finally:
        fig.dpi = original_dpi
        fig.set_canvas(original_canvas)
    return buffer.getvalue()


def _spills_over(fig: Figure, canvas: object) -> bool:
    """Whether anything was drawn outside the figure's area (half a pixel's leeway)."""
    renderer = canvas.get_renderer()  # type: ignore[attr-defined]
    tight = fig.get_tightbbox(renderer)  # inches, from the extents the draw worked out
    if tight is None:
        return False
    slack = 0.5 / fig.dpi
    width, height = fig.get_size_inches()
    return bool(
        tight.x0 < -slack
        or tight.y0 < -slack
        or tight.x1 > width + slack
        or tight.y1 > height + slack
    )


def _ink_box(pixels: np.ndarray, background: np.ndarray, pad: int) -> tuple[slice, slice]:
    """Return the rows and columns holding every pixel unlike ``background``, plus ``pad``.

    Pixels are compared as one 32-bit word each (RGBA), which is several times
    faster than comparing the four channels one by one.
    """
    height, width = pixels.shape[:2]
    words = np.ascontiguousarray(pixels).view(np.uint32).reshape(height, width)
    drawn = words != background.view(np.uint32)[0]
    rows, cols = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
    if rows.size == 0:  # a blank figure keeps its full size
        return slice(None), slice(None)
    return (
        slice(max(rows[0] - pad, 0), min(rows[-1] + 1 + pad, height)),
        slice(max(cols[0] - pad, 0), min(cols[-1] + 1 + pad, width)),
    )


def image_html(png: bytes, alt: str, css: str) -> str:
    """Return PNG bytes as an ``<img>`` element with escaped alt text, as wide as its space.

    Parameters
    ----------
    png : bytes
        The image, for example from :func:`figure_png`.
    alt : str
        What the image shows, for screen readers.
    css : str
        The element's CSS class.

    Returns
    -------
    str
        ``<img class="..." alt="..." style="max-width:100%" src="data:image/png;base64,...">``.

    Examples
    --------
    >>> image_html(b"PNG", '2 < 3 "always"', "gfr-x")[:64]
    '<img class="gfr-x" alt="2 &lt; 3 &quot;always&quot;" style="max-'
    """
    payload = base64.b64encode(png).decode("ascii")
    return (
        f'<img class="{escape(css)}" alt="{escape(alt)}" style="max-width:100%" '
        f'src="data:image/png;base64,{payload}">'
    )


def show_figure(fig: Figure, alt: str) -> None:
    """Display a figure in the notebook with alt text for screen readers.

    JupyterLab and Voila draw an ``image/png`` output as an ``<img>`` without alt
    text, whatever its metadata says, so the figure goes out as HTML (an
    ``<img>`` with the alt text, which they prefer) and as PNG with the alt text
    in its metadata, for tools that show PNG only (nbconvert to PDF, say).
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
    from IPython.display import display

    if not alt.strip():
        raise ValueError("every figure needs alt text")
    png = figure_png(fig)
    bundle = {
        "text/html": image_html(png, alt, "gfr-figure"),
        "image/png": base64.b64encode(png).decode("ascii"),
    }
    display(bundle, raw=True, metadata={"image/png": {"alt": alt}})
    if fig.canvas.manager is not None:  # only pyplot's figures have a manager to close
        import matplotlib.pyplot as plt

        plt.close(fig)
