"""Layouts and an HTML style that the many widgets of a form share.

Each ipywidgets widget otherwise opens Layout and style models of its own in
the kernel: the self-assessment form opened about 470 and the plan form about
280, which made their notebook cells the slowest to run. Widgets whose look
never changes after the form is built can share one model instead.
"""

from __future__ import annotations

import ipywidgets as widgets
from ipywidgets.widgets.widget_string import HTMLStyle


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
