"""Shared Layouts and HTML style: one model per width, whatever the number of widgets."""

from __future__ import annotations

from gluteutils.widget_look import SharedLook


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
