"""A Jupyter server extension that lets uploads over 10 MB reach the forms.

ipywidgets sends a ``FileUpload``'s files from the browser to the kernel in one
websocket message, and Jupyter's web server (tornado) closes the connection on a
message over 10 MiB. An upload just past that size would then vanish: the
kernel never sees it, so the form cannot say why nothing happened, and the
notebook reconnects to its kernel.

This extension raises that cap to :data:`MAX_MESSAGE_BYTES` (64 MiB), so a file
between 10 MB and 64 MiB arrives and the form refuses it in words (every form
takes files up to :data:`gluteutils.uploads.MAX_UPLOAD_BYTES`). It is enabled by
``jupyter-config/jupyter_server_config.d/gluteutils.json``, which is installed
with the package, in every Jupyter server of the same environment: JupyterLab,
Binder, a JupyterHub's single-user servers and Voila's server extension (the
``voila/render`` pages). It never lowers a larger cap set by an administrator.
"""

from __future__ import annotations

from typing import Any

#: Tornado's own cap on a websocket message (``websocket_max_message_size``).
TORNADO_DEFAULT_BYTES = 10 * 1024 * 1024
#: The cap this extension sets: a 50 MB file (the largest the log readers take) fits.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "gluteutils.server_extension"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Raise the server's websocket message cap (called by Jupyter when it starts)."""
    settings = serverapp.web_app.settings
    current = int(settings.get("websocket_max_message_size") or TORNADO_DEFAULT_BYTES)
    if current < MAX_MESSAGE_BYTES:
        settings["websocket_max_message_size"] = MAX_MESSAGE_BYTES
        serverapp.log.info(
            "gluteutils: websocket messages up to %d MiB, so uploads over 10 MB reach "
            "the forms, which say why they refuse them",
            MAX_MESSAGE_BYTES // (1024 * 1024),
        )
