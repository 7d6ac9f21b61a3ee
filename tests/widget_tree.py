"""Walk a form's widget tree (boxes hold their widgets in ``children``)."""

from __future__ import annotations

from typing import Any


def descendants(widget: Any) -> list[Any]:
    """Return ``widget`` and every widget inside it, depth first, in display order."""
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += descendants(child)
    return found
