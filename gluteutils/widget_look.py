"""The look the forms share: Layouts, styles, messages, stylesheets, front-end files.

:func:`static_text` reads the front-end modules and CSS of the custom widgets.

Each ipywidgets widget otherwise opens Layout and style models of its own in
the kernel: the self-assessment form opened about 470 and the plan form about
280, which made their notebook cells the slowest to run. Widgets whose look
never changes after the form is built can share one model instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_description import DescriptionWidget
from ipywidgets.widgets.widget_string import HTMLStyle

from .display import escape

_ERROR_STYLE = "color:#b71c1c;display:inline-block;line-height:1.4"


def static_text(name: str) -> str:
    """Return the text of ``gluteutils/static/<name>``: a custom widget's front-end module or CSS.

    The radio groups, status lines and upload buttons (:mod:`gluteutils.radio_group`,
    :mod:`gluteutils.status_line`, :mod:`gluteutils.upload_button`) send these to
    anywidget's front end.
    """
    return files(__package__).joinpath("static", name).read_text(encoding="utf-8")


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
    >>> shown = error_html("<b> is not a number")
    >>> shown.startswith('<span class="gfr-error"')
    True
    >>> shown.endswith(">&lt;b&gt; is not a number</span>")
    True
    >>> error_html("")
    ''
    """
    if not message:
        return ""
    # its own block of text lines: in the widgets' 28 px lines a message that wraps
    # beside a narrow field (on a phone) stood a line per two words, 28 px apart
    return f'<span class="gfr-error" style="{_ERROR_STYLE}">{escape(message)}</span>'


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

    def html_look(self) -> dict[str, Any]:
        """Return the keyword arguments that give an HTML widget the shared Layout and style."""
        return {"layout": self.layout(), "style": self.html_style}

    def html(self, value: str = "", *classes: str) -> widgets.HTML:
        """Return an HTML widget with the shared Layout and style and the CSS ``classes``."""
        return widgets.HTML(value, _dom_classes=classes, **self.html_look())


#: The class of every form's outer box (:func:`form_box`); :data:`FORM_CSS` applies inside it.
FORM_CLASS = "gfr-form"

#: The class of a control whose ipywidgets description is its accessible name only
#: (:func:`name_control`); :data:`FORM_CSS` hides that label from sight, not from
#: screen readers.
NAMED_CLASS = "gfr-named"

#: The class of text for screen readers only: :data:`FORM_CSS` hides it from sight.
HIDDEN_CLASS = "gfr-visually-hidden"


def grouped_label(group: str, label: str) -> str:
    """Return a checkbox description that names its group for screen readers only.

    A row of checkboxes under one heading ("Run days": Mon, Tue, ...) shows each
    box's own short label; a screen reader announcing "Mon, checkbox" could not
    tell the training days from the run days. The group's name goes before the
    label in a span of :data:`HIDDEN_CLASS`, heard but not seen. Give the
    checkbox ``description_allow_html=True``.

    Parameters
    ----------
    group : str
        The heading of the group, as shown above it.
    label : str
        The box's own label, as shown beside it.

    Returns
    -------
    str
        HTML: both texts escaped.

    Examples
    --------
    >>> grouped_label("Run days", "Mon")
    '<span class="gfr-visually-hidden">Run days: </span>Mon'
    """
    return f'<span class="{HIDDEN_CLASS}">{escape(group)}: </span>{escape(label)}'


#: ipywidgets keeps a checkbox's label on one line, gives each radio option a fixed
#: 20 px line and lets a row of widgets run past the edge. On a narrow screen (a phone
#: in a clinic, a half-width window) a red-flag question was cut off and long quiz
#: answers were drawn over each other. These rules wrap long labels and rows instead;
#: a table wider than the screen scrolls sideways in its own box, and on a screen under
#: 600 px a table of class ``gfr-cards`` (a plan's week) shows each row as a card of
#: labelled lines. Tables get a text line height instead of the widgets' 28 px, and a
#: button is as wide as its text ("Make calendar file" was cut to "Make calendar ...").
#: A text box or drop-down with the keyboard's focus gets a 2 px dark blue outline
#: (5.7:1 on white): ipywidgets turns the outline off and leaves a 1 px light blue
#: border, hard to see (its ``outline: none`` is ``!important``, so this one is too).
FORM_CSS = f"""
.{FORM_CLASS} .widget-hbox {{ flex-wrap: wrap; }}
.{FORM_CLASS} .widget-checkbox {{ height: auto; max-width: 100%; }}
.{FORM_CLASS} .widget-checkbox .widget-label-basic {{
  display: flex; align-items: flex-start; height: auto;
}}
.{FORM_CLASS} .widget-checkbox .widget-label-basic span {{
  white-space: normal; line-height: 1.4; padding: 4px 0;
}}
.{FORM_CLASS} .widget-checkbox .widget-label-basic input {{ flex: none; margin-top: 7px; }}
.{FORM_CLASS} .widget-radio {{ max-width: 100%; }}
.{FORM_CLASS} .widget-radio-box label {{
  display: flex; align-items: flex-start; height: auto; line-height: 1.4; padding: 1px 0;
}}
.{FORM_CLASS} .widget-radio-box input {{ order: -1; flex: none; height: auto; margin-top: 4px; }}
.{FORM_CLASS} .widget-button, .{FORM_CLASS} .widget-upload {{
  width: auto; min-width: var(--jp-widgets-inline-width-short); max-width: 100%;
}}
.{FORM_CLASS} .{NAMED_CLASS} > .widget-label, .{FORM_CLASS} .{HIDDEN_CLASS} {{
  position: absolute; width: 1px; height: 1px; margin: 0; padding: 0;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}}
.{FORM_CLASS} .widget-html-content {{ overflow-x: auto; }}
.{FORM_CLASS} .widget-html-content table {{ line-height: 1.4; }}
.{FORM_CLASS} .jupyter-widgets input:focus-visible,
.{FORM_CLASS} .jupyter-widgets select:focus-visible,
.{FORM_CLASS} .jupyter-widgets textarea:focus-visible {{
  outline: 2px solid #1565c0 !important; outline-offset: 1px;
}}
@media (max-width: 600px) {{
  .{FORM_CLASS} table.gfr-cards thead {{ display: none; }}
  .{FORM_CLASS} table.gfr-cards tr {{
    display: block; padding: 6px 0; border-top: 1px solid #bdbdbd;
  }}
  .{FORM_CLASS} table.gfr-cards td {{ display: block; padding: 1px 0; text-align: left; }}
  .{FORM_CLASS} table.gfr-cards td:empty {{ display: none; }}
  .{FORM_CLASS} table.gfr-cards td::before {{ content: attr(data-label) ": "; font-weight: bold; }}
}}
"""


def name_control(control: widgets.Widget, name: str) -> widgets.Widget:
    """Give a form control the accessible name a screen reader announces.

    The forms show each field's name as bold text above it. That text is not a
    ``<label>``, so a screen reader would announce a text box or a drop-down as
    "edit text" or "combo box" alone. ipywidgets ties a control's ``description``
    to its input with a ``<label for=...>``; this sets it to ``name`` and marks the
    control with :data:`NAMED_CLASS`, whose rule hides the label from sight only.

    Parameters
    ----------
    control : ipywidgets.Widget
        The field's control. Boxes, and controls whose description is already
        shown (a checkbox's own text, say), are left as they are.
    name : str
        What the field asks for, as shown above it.

    Returns
    -------
    ipywidgets.Widget
        ``control``.
    """
    described = isinstance(control, DescriptionWidget)
    if described and not isinstance(control, widgets.Checkbox) and not control.description:
        control.description = name
        control.add_class(NAMED_CLASS)
    return control


def form_box(children: Sequence[widgets.Widget], *classes: str) -> widgets.VBox:
    """Return a form's outer box: ``children``, then the forms' stylesheet.

    Parameters
    ----------
    children : sequence of ipywidgets.Widget
        The form's fields, buttons and results, top to bottom.
    *classes : str
        CSS classes of this form (tests and the browser find it by them).

    Returns
    -------
    ipywidgets.VBox
        The box, with :data:`FORM_CLASS` and ``classes``. Its last child is a hidden
        HTML widget holding :data:`FORM_CSS` in a ``<style>`` element, which JupyterLab
        and Voila apply to the whole page; every rule is scoped to :data:`FORM_CLASS`,
        so other widgets on the page keep their look.
    """
    sheet = widgets.HTML(f"<style>{FORM_CSS}</style>", layout=widgets.Layout(display="none"))
    return widgets.VBox([*children, sheet], _dom_classes=(FORM_CLASS, *classes))
