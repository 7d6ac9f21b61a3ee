"""Text that stays readable on a coloured cell: WCAG 2 contrast between two colours.

The plan's calendar writes each day's minutes on its stage's colour, and the
clinic's heatmap writes each week's share on a shade of blue. Whether black or
white text reads better depends on the colour, so it is worked out here rather
than guessed per colour: WCAG 2.2 asks for a contrast ratio of at least 4.5 to 1
for normal text (success criterion 1.4.3, "Contrast (Minimum)").
"""

from __future__ import annotations

from matplotlib.colors import to_hex, to_rgb

#: WCAG 2.2's least contrast ratio for normal-size text (level AA).
MIN_TEXT_CONTRAST = 4.5
BLACK, WHITE = "#000000", "#ffffff"

ColourLike = str | tuple[float, float, float] | tuple[float, float, float, float]


def relative_luminance(colour: ColourLike) -> float:
    """Return a colour's relative luminance as WCAG 2 defines it (0 black to 1 white).

    Parameters
    ----------
    colour : str or tuple
        Any colour matplotlib understands: ``"#0072B2"``, ``"white"``, or RGB(A)
        in 0-1 (alpha is ignored).

    Returns
    -------
    float
        ``0.2126 R + 0.7152 G + 0.0722 B`` of the linearised sRGB channels.

    Examples
    --------
    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: ColourLike, second: ColourLike) -> float:
    """Return the WCAG 2 contrast ratio of two colours, from 1 (none) to 21 (black on white).

    Parameters
    ----------
    first, second : str or tuple
        The colours, in either order.

    Returns
    -------
    float
        ``(L1 + 0.05) / (L2 + 0.05)``, the lighter colour's luminance on top.

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    """
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: ColourLike) -> str:
    """Return black or white, whichever contrasts more with ``background``.

    Parameters
    ----------
    background : str or tuple
        The cell's colour.

    Returns
    -------
    str
        ``"#000000"`` or ``"#ffffff"``. For any background one of the two
        reaches at least 4.58 to 1, above :data:`MIN_TEXT_CONTRAST`.

    Examples
    --------
    >>> text_colour_on("#E69F00"), text_colour_on("#0072B2")
    ('#000000', '#ffffff')
    """
    on_black = contrast_ratio(background, BLACK)
    return BLACK if on_black >= contrast_ratio(background, WHITE) else WHITE


def readable_shade(colour: ColourLike, background: ColourLike = WHITE) -> str:
    """Return ``colour``, darkened just enough for text on ``background`` to read.

    A figure names each muscle in that muscle's colour. Some of the colours are
    too light for small text on white, so the label takes a darker shade of the
    same hue (mixed with black), while lines and areas keep the colour itself.

    Parameters
    ----------
    colour : str or tuple
        The colour to keep the hue of.
    background : str or tuple, optional
        What the text is drawn on; white by default. It should be light, so that
        darkening can reach :data:`MIN_TEXT_CONTRAST` (black always can on white).

    Returns
    -------
    str
        A ``#rrggbb`` colour with at least 4.5:1 contrast on ``background``:
        ``colour`` itself when it already has it.

    Examples
    --------
    >>> readable_shade("#0072B2")  # 5.19:1 on white already
    '#0072b2'
    >>> readable_shade("#D55E00")  # 3.87:1 on white, so a darker orange
    '#c25600'
    """
    rgb = to_rgb(colour)
    for step in range(101):  # 1 % more black at each step
        keep = 1 - step / 100
        shade = to_hex(tuple(c * keep for c in rgb))
        if contrast_ratio(shade, background) >= MIN_TEXT_CONTRAST:
            return shade
    raise ValueError(f"no shade of {colour!r} reads on {background!r}; use a lighter background")
