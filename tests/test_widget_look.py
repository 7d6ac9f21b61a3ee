"""The forms' shared look: one Layout per width, one HTML style, and escaped error text."""

from __future__ import annotations

import doctest

import pytest

from gluteutils import widget_look
from gluteutils.widget_look import SharedLook, error_html


def test_one_layout_per_width_and_one_html_style() -> None:
    look = SharedLook()
    assert look.layout() is look.layout("")
    assert look.layout("10em") is look.layout("10em")
    assert look.layout("10em") is not look.layout()
    assert look.layout("10em").width == "10em"
    first, second = look.html("<b>a</b>", "gfr-a", "gfr-b"), look.html()
    assert first.layout is second.layout is look.layout()
    assert first.style is second.style is look.html_style
    assert first.value == "<b>a</b>"
    assert list(first._dom_classes) == ["gfr-a", "gfr-b"]


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("Enter the runner's name.", "Enter the runner&#x27;s name."),
        ("'<img src=x onerror=alert(1)>' is not a whole number", "&lt;img src=x"),
        ("a & b", "a &amp; b"),
    ],
)
def test_error_html_escapes_the_message(message: str, shown: str) -> None:
    html = error_html(message)
    assert html.startswith('<span class="gfr-error"')
    assert html.endswith("</span>")
    assert shown in html
    assert "<img" not in html


def test_no_message_is_no_span() -> None:
    assert error_html("") == ""


def test_doctests() -> None:
    failures, _ = doctest.testmod(widget_look)
    assert failures == 0
