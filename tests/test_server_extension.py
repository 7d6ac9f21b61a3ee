"""The server extension raises Jupyter's websocket cap, so uploads over 10 MB reach the forms."""

from __future__ import annotations

import json
import logging
from types import SimpleNamespace

import pytest

from gluteutils import server_extension
from gluteutils.uploads import MAX_UPLOAD_BYTES

from .conftest import REPO


def serverapp(settings: dict[str, object]) -> SimpleNamespace:
    return SimpleNamespace(
        web_app=SimpleNamespace(settings=settings), log=logging.getLogger("test-server")
    )


@pytest.mark.parametrize("start", [{}, {"websocket_max_message_size": 10 * 1024 * 1024}])
def test_raises_the_default_cap(start: dict[str, object]) -> None:
    app = serverapp(dict(start))
    server_extension._load_jupyter_server_extension(app)
    assert app.web_app.settings["websocket_max_message_size"] == 64 * 1024 * 1024


def test_never_lowers_a_larger_cap() -> None:
    app = serverapp({"websocket_max_message_size": 200 * 1024 * 1024})
    server_extension._load_jupyter_server_extension(app)
    assert app.web_app.settings["websocket_max_message_size"] == 200 * 1024 * 1024


def test_the_cap_lets_every_refused_upload_arrive() -> None:
    # a form refuses files over MAX_UPLOAD_BYTES; up to the cap, it can say so
    assert server_extension.MAX_MESSAGE_BYTES > MAX_UPLOAD_BYTES
    assert server_extension.MAX_MESSAGE_BYTES >= 50 * 1000 * 1000  # the hostile 50 MB file


def test_the_shipped_config_enables_this_module() -> None:
    points = server_extension._jupyter_server_extension_points()
    assert points == [{"module": "gluteutils.server_extension"}]
    config = REPO / "jupyter-config" / "jupyter_server_config.d" / "gluteutils.json"
    enabled = json.loads(config.read_text(encoding="utf-8"))
    assert enabled["ServerApp"]["jpserver_extensions"] == {points[0]["module"]: True}
