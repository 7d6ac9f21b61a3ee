"""WCAG contrast: the text colour picked for a coloured cell is readable on it."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gluteutils import contrast
from gluteutils.contrast import (
    BLACK,
    MIN_TEXT_CONTRAST,
    WHITE,
    contrast_ratio,
    relative_luminance,
    text_colour_on,
)


def test_doctests() -> None:
    failures, tried = doctest.testmod(contrast)
    assert tried
    assert not failures


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # #767676 is the lightest grey that passes on white, as often quoted
        ("#000000", "#ffffff", 21.0),
        ("#767676", "#ffffff", 4.54),
        ("#0072B2", "#000000", 4.05),
        ("#0072B2", "#ffffff", 5.19),
        ("#777777", "#777777", 1.0),
    ],
)
def test_contrast_ratio_matches_known_values(first: str, second: str, expected: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(second, first) == contrast_ratio(first, second)


def test_luminance_takes_names_and_rgb_tuples() -> None:
    assert relative_luminance("white") == 1.0
    assert relative_luminance((0.0, 0.0, 0.0, 0.5)) == 0.0
    assert 0 < relative_luminance("#808080") < 0.5  # sRGB is not linear: mid-grey is darker


def test_black_on_the_light_white_on_the_dark() -> None:
    assert text_colour_on("#ffff00") == BLACK
    assert text_colour_on("#084594") == WHITE
    # black reaches only 4.05:1 on the Okabe-Ito blue, white 5.19:1
    assert text_colour_on("#0072B2") == WHITE


@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_the_text_picked_is_readable_on_any_colour(rgb: tuple[int, int, int]) -> None:
    background = "#{:02x}{:02x}{:02x}".format(*rgb)
    assert contrast_ratio(background, text_colour_on(background)) >= MIN_TEXT_CONTRAST
