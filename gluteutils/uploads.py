"""Files from an ipywidgets ``FileUpload``, in one shape for every form.

ipywidgets 8 gives an upload's value as a tuple of dicts whose ``content`` is a
``memoryview``; each form only wants the name, the bytes and the size the
browser reported.
"""

from __future__ import annotations

from typing import Any

#: Largest upload a form accepts: ipywidgets sends a FileUpload's files to the kernel
#: in one message, and Jupyter's web server drops a message over 10 MiB unless
#: :mod:`gluteutils.server_extension` raised that cap (then the form says why it refuses).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def uploaded_files(value: Any, default_name: str = "upload") -> list[tuple[str, bytes, int]]:
    """Return ``(name, content, size)`` for each file of a ``FileUpload`` value.

    Parameters
    ----------
    value : sequence of dict or None
        ``FileUpload.value`` (or the ``"new"`` of its change event).
    default_name : str, optional
        Name for a file the browser sent without one.

    Returns
    -------
    list of (str, bytes, int)
        One entry per file, in upload order; ``size`` is the size the browser
        reported, else the length of ``content``.
    """
    files = []
    for item in value or ():
        content = item.get("content", b"")
        size = int(item.get("size", memoryview(content).nbytes))
        files.append((str(item.get("name", default_name)), bytes(content), size))
    return files
