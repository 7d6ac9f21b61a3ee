"""Small wording helpers shared by the messages of the forms and readers."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """Return ``count`` and ``noun``, with an "s" unless ``count`` is 1.

    Parameters
    ----------
    count : int
        How many.
    noun : str
        The singular noun; its plural takes an "s" (every noun the messages count does).

    Returns
    -------
    str

    Examples
    --------
    >>> plural(1, "set"), plural(0, "set"), plural(12, "set")
    ('1 set', '0 sets', '12 sets')
    """
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
