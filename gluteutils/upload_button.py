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

from typing import Any

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

    def set_state(self, sync_data: dict[str, Any]) -> None:
        """Take the state the page sends; a file chosen again counts as a new upload.

        The page sends the same value for the same file chosen twice, and
        traitlets tells no observer about a value equal to the one before, so a
        runner who uploaded a file again (after trying the sample, or after fixing
        their name) saw nothing happen. The old value is forgotten first.
        """
        if sync_data.get("value"):
            self._trait_values["value"] = ()
        super().set_state(sync_data)
