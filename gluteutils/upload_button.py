"""An upload button whose label is only what it uploads.

ipywidgets 8 draws :class:`ipywidgets.FileUpload` with the number of files of
the last upload after its description, so every form opened with "Upload plan
(0)", and a screen reader read the count as part of the button's name.
:class:`UploadButton` keeps FileUpload's Python side (``value``, ``accept``,
``multiple``, ``observe``) and is drawn by anywidget's front end from
``static/upload_button.js``: the same button, labelled by its description. The
form beside it says what happened to the file.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets

from .widget_look import static_text


class UploadButton(anywidget.AnyWidget, widgets.FileUpload):
    """A :class:`ipywidgets.FileUpload` whose button shows its ``description`` only.

    Use it as FileUpload: its ``value`` is a tuple with one dict per file
    (``name``, ``type``, ``size``, ``last_modified`` and the bytes in
    ``content``), which :func:`gluteutils.uploads.uploaded_files` reads.
    ``icon``, ``tooltip``, ``button_style``, ``disabled``, ``accept`` and
    ``multiple`` work as in FileUpload.

    Examples
    --------
    >>> button = UploadButton(accept=".csv", description="Upload plan")
    >>> button.value
    ()
    """

    _esm = static_text("upload_button.js")
    _css = static_text("upload_button.css")
