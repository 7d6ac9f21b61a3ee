"""The look the forms share: Layouts, an HTML style, and the error message beside a field.

Each ipywidgets widget otherwise opens Layout and style models of its own in
the kernel: the self-assessment form opened about 470 and the plan form about
280, which made their notebook cells the slowest to run. Widgets whose look
never changes after the form is built can share one model instead.
"""

from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle

from .display import escape


def error_html(message: str) -> str:
    """Return the message shown beside a field whose value is refused.

    Parameters
    ----------
    message : str
        Plain text; it is escaped, so a value quoted from the user shows as text.

    Returns
    -------
    str
        A dark red ``<span class="gfr-error">``, or ``""`` for no message.

    Examples
    --------
    >>> error_html("<b> is not a number")
    '<span class="gfr-error" style="color:#b71c1c">&lt;b&gt; is not a number</span>'
    >>> error_html("")
    ''
    """
    if not message:
        return ""
    return f'<span class="gfr-error" style="color:#b71c1c">{escape(message)}</span>'


class SharedLook:
    """One Layout per width, and one HTML style, for the widgets of one form.

    Nothing may change a shared Layout or style after the form is built: the
    change would show on every widget that shares it.
    """

    def __init__(self) -> None:
        self._layouts: dict[str, widgets.Layout] = {}
        self.html_style = HTMLStyle()

    def layout(self, width: str = "") -> widgets.Layout:
        """Return the shared Layout of ``width`` (``""``: the default width)."""
        if width not in self._layouts:
            self._layouts[width] = widgets.Layout(width=width) if width else widgets.Layout()
        return self._layouts[width]

    def html(self, value: str = "", *classes: str) -> widgets.HTML:
        """Return an HTML widget with the shared Layout and style and the CSS ``classes``."""
        return widgets.HTML(
            value, layout=self.layout(), style=self.html_style, _dom_classes=classes
        )
