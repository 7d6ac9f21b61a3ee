"""The message beside a form field, tied to the field for screen readers.

Every form shows a red message beside a field whose value it refuses ("must be
0 or more"). Seen, the message sits next to the field; heard, it was a line of
text somewhere after it, and the field itself said nothing. :class:`FieldMessage`
is an :class:`ipywidgets.HTML` drawn by anywidget's front end from
``static/field_message.js``: while it shows a message, the field's control
carries ``aria-describedby`` (the message) and ``aria-invalid``, so a screen
reader says "Reps, edit text, invalid entry, must be 0 or more" when it reaches
the field. The form's status line still says how many fields need fixing.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import traitlets

from .widget_look import SharedLook, static_text


class FieldMessage(anywidget.AnyWidget, widgets.HTML):
    """An :class:`ipywidgets.HTML` that describes the control it sits beside.

    Attributes
    ----------
    describes : str
        A CSS class of the field's control (its widget's ``_dom_classes``). The page
        looks for it in the nearest box around the message that holds one, so a
        message in one set row finds the field of the same row; every control with
        the class there is described (a group of tick boxes). ``""`` ties nothing.

    Examples
    --------
    >>> message = FieldMessage("", describes="gfr-input-weeks")
    >>> message.value = '<span class="gfr-error">must be 4 to 16</span>'
    >>> message.get_state()["describes"]
    'gfr-input-weeks'
    """

    _esm = static_text("field_message.js")
    describes = traitlets.Unicode("").tag(sync=True)


def field_message(describes: str, *classes: str, look: SharedLook | None = None) -> FieldMessage:
    """Return an empty :class:`FieldMessage` for the control with class ``describes``.

    Parameters
    ----------
    describes : str
        A CSS class of the control the message is about.
    *classes : str
        CSS classes of the message (tests and the browser find it by them).
    look : SharedLook, optional
        The form's shared Layout and HTML style; by default new ones.

    Returns
    -------
    FieldMessage
    """
    shared = {} if look is None else look.html_look()
    return FieldMessage("", describes=describes, _dom_classes=classes, **shared)
