"""Radio buttons grouped under their question, for screen readers.

ipywidgets 8 draws :class:`ipywidgets.RadioButtons` as loose ``<input
type="radio">`` elements: no shared ``name`` and no group, and its description is
a ``<label>`` tied to nothing. A screen reader moving through a form then hears
"Yes, radio button, 1 of 1" with no question, and every option is a tab stop of
its own. :class:`RadioGroup` keeps RadioButtons' Python side (``options``,
``value``, ``index``, ``description``) and draws it as a ``<fieldset>`` whose
``<legend>`` is the description, with one ``name`` for its inputs. The drawing
is a small ES module run by anywidget's front end (``static/radio_group.js``).
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets

from .widget_look import static_text


class RadioGroup(anywidget.AnyWidget, widgets.RadioButtons):
    """Radio buttons in a ``<fieldset>`` named by their ``description``.

    Use it as :class:`ipywidgets.RadioButtons`. The ``description`` names the
    group for screen readers and is not shown, because every form shows its
    question above the options; ``orientation`` ("vertical" or "horizontal")
    and ``disabled`` work as in RadioButtons, ``tooltips`` and ``icons`` are not
    drawn.

    Examples
    --------
    >>> group = RadioGroup(options=[("Yes", "yes"), ("No", "no")], value=None,
    ...                    description="Does it hurt?")
    >>> group.value = "no"
    >>> group.index
    1
    """

    _esm = static_text("radio_group.js")
    _css = static_text("radio_group.css")
