"""An HTML status line that screen readers announce when it changes.

A form's status line ("3 answers need fixing: see the messages in red beside
them", "Your obstacle profile is ready") and a quiz's feedback appear below the
button a person pressed. Someone who cannot see the page would not know they had
appeared. :class:`StatusLine` is an :class:`ipywidgets.HTML` whose content sits
in a ``role="status"`` region (``aria-live="polite"``): a screen reader reads
each new text once it has finished what it is saying. It is drawn by anywidget's
front end from ``static/status_line.js``.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets

from .radio_group import static_text


class StatusLine(anywidget.AnyWidget, widgets.HTML):
    """An :class:`ipywidgets.HTML` announced by screen readers when its ``value`` changes.

    The ``value`` is shown as HTML, as in ipywidgets: escape any user text in it.
    ``description`` and ``placeholder`` are not drawn.

    Examples
    --------
    >>> line = StatusLine("")
    >>> line.value = "<p>Your plan is built.</p>"
    >>> line.get_state()["value"]
    '<p>Your plan is built.</p>'
    """

    _esm = static_text("status_line.js")


def status_line(value: str = "", *classes: str) -> StatusLine:
    """Return a :class:`StatusLine` showing ``value``, with the CSS ``classes``.

    Parameters
    ----------
    value : str, optional
        HTML to show first (not announced: only changes are).
    *classes : str
        CSS classes (tests and the browser find the line by them).

    Returns
    -------
    StatusLine
    """
    return StatusLine(value, _dom_classes=classes)
