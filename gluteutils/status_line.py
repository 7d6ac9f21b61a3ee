"""An HTML status line that screen readers announce when it changes.

A form's status line ("3 answers need fixing: see the messages in red beside
them", "Your obstacle profile is ready") and a quiz's feedback appear below the
button a person pressed. Someone who cannot see the page would not know they had
appeared. :class:`StatusLine` is an :class:`ipywidgets.HTML` whose content sits
in a ``role="status"`` region (``aria-live="polite"``): a screen reader reads
each new text once it has finished what it is saying. It is drawn by anywidget's
front end from ``static/status_line.js``.

Setting the same text again (Assess pressed twice with the same mistakes) is
announced again too: traitlets and the browser's model see no change in
``value``, so a counter, ``_said``, tells the page to say it once more.

An ``urgent`` line (the log form's "stop and see a clinician") is a
``role="alert"`` region instead, said at once. Either way only changes are said:
the page puts the text in before it makes the region live, so a line drawn again
(JupyterLab redraws a cell scrolled back into view) is not said a second time,
as an HTML widget holding ``role="alert"`` markup would be.
"""

from __future__ import annotations

from typing import Any

import anywidget
import ipywidgets as widgets
import traitlets

from .widget_look import SharedLook, static_text


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
    _said = traitlets.Int(0).tag(sync=True)
    #: Said at once (``role="alert"``), not when the reader is done (``role="status"``).
    urgent = traitlets.Bool(False).tag(sync=True)

    def __setattr__(self, name: str, value: Any) -> None:
        # An unchanged value sends nothing to the page; bump the counter instead, so
        # the same message (a button pressed twice) is heard again. "" stays silent.
        if name == "value" and value and value == getattr(self, "value", None):
            super().__setattr__("_said", self._said + 1)
        super().__setattr__(name, value)


def status_line(
    value: str = "", *classes: str, look: SharedLook | None = None, urgent: bool = False
) -> StatusLine:
    """Return a :class:`StatusLine` showing ``value``, with the CSS ``classes``.

    Parameters
    ----------
    value : str, optional
        HTML to show first (not announced: only changes are).
    *classes : str
        CSS classes (tests and the browser find the line by them).
    look : SharedLook, optional
        The form's shared Layout and HTML style; by default new ones.
    urgent : bool, optional
        Say changes at once (``role="alert"``): for safety messages only.

    Returns
    -------
    StatusLine
    """
    shared = {} if look is None else look.html_look()
    return StatusLine(value, _dom_classes=classes, urgent=urgent, **shared)
