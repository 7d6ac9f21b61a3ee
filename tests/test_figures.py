"""Tests that the figures of notebooks 01 and 02 draw what they claim."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from gluteutils import load_table
from gluteutils.contrast import MIN_TEXT_CONTRAST, contrast_ratio
from gluteutils.display import figure_png
from gluteutils.figures import (
    HIP_SCHEMATIC_ALT,
    STRIDE_BANDS,
    STRIDE_FIGURE_ALT,
    STRIDE_FIGURE_CAPTION,
    STRIDE_PHASES,
    ActivityBand,
    hip_schematic,
    stride_activity_figure,
    stride_bands_table,
)


def _texts(fig: Figure) -> str:
    parts = [t.get_text() for ax in fig.axes for t in ax.texts]
    parts += [ax.get_title() for ax in fig.axes]
    parts += [ax.get_xlabel() for ax in fig.axes]
    parts += [t.get_text() for ax in fig.axes for t in ax.get_xticklabels()]
    parts += [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    if fig._suptitle is not None:
        parts.append(fig._suptitle.get_text())
    return " ".join(parts).replace("\n", " ")


def _gids(fig: Figure) -> set[str]:
    return {a.get_gid() for ax in fig.axes for a in ax.get_children() if a.get_gid()}


def test_hip_schematic_has_two_labelled_views() -> None:
    fig = hip_schematic()
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["Seen from behind", "Seen from the side"]
    text = _texts(fig)
    for label in ("gluteus maximus", "gluteus medius", "gluteus minimus", "hamstrings"):
        assert label in text
    for movement in ("abduction", "external rotation", "hip extension", "pelvis held level"):
        assert movement in text


def test_hip_schematic_draws_a_pull_arrow_per_muscle_and_the_movements() -> None:
    fig = hip_schematic()
    gids = _gids(fig)
    for muscle in ("glute_max", "glute_med", "glute_min", "hamstrings"):
        assert f"pull_{muscle}" in gids
    for movement in ("abduction", "external_rotation", "extension", "pelvis_level"):
        assert f"move_{movement}" in gids
    assert {"bone_pelvis", "bone_femur", "bone_sacrum"} <= gids
    arrows = [a for ax in fig.axes for a in ax.patches if isinstance(a, FancyArrowPatch)]
    assert len(arrows) >= 8


def test_pull_arrows_point_from_insertion_up_toward_origin() -> None:
    fig = hip_schematic()
    back = fig.axes[0]
    med = next(a for a in back.patches if a.get_gid() == "pull_glute_med")
    (_, start_y), (_, end_y) = med._posA_posB  # start at the thigh bone, end at the pelvis
    assert end_y > start_y


def test_figures_render_to_png() -> None:
    for fig in (hip_schematic(), stride_activity_figure()):
        png = figure_png(fig, dpi=40)
        assert png.startswith(b"\x89PNG")


def test_stride_figure_has_every_phase_and_a_band_per_entry() -> None:
    fig = stride_activity_figure()
    ax = fig.axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [p.capitalize() for p in STRIDE_PHASES]
    bands = [
        p
        for p in ax.patches
        if isinstance(p, Rectangle) and (p.get_gid() or "").startswith("band_")
    ]
    assert len(bands) == len(STRIDE_BANDS)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [
        "Gluteus medius\nand minimus",
        "Gluteus maximus\n(may help)",
        "Gluteus maximus",
    ]
    text = _texts(fig)
    assert "stance" in text
    assert "swing" in text
    assert "not to scale" in text


def test_uncertain_band_is_hatched_and_certain_ones_filled() -> None:
    ax = stride_activity_figure().axes[0]
    bands = [p for p in ax.patches if (p.get_gid() or "").startswith("band_")]
    hatched = [p for p in bands if p.get_hatch()]
    assert len(hatched) == sum(1 for b in STRIDE_BANDS if not b.certain) == 1


def test_glute_max_bands_follow_lieberman() -> None:
    certain = [b for b in STRIDE_BANDS if b.muscle == "glute_max" and b.certain]
    assert {p for b in certain for p in b.phases} == {
        "late swing",
        "landing",
        "mid-stance",
        "push-off",
    }
    assert all(b.sources == ("lieberman_2006",) for b in certain)
    maybe = [b for b in STRIDE_BANDS if not b.certain]
    assert [b.job for b in maybe] == ["may also help extend the thigh"]
    assert maybe[0].label != certain[0].label  # overlapping bands get a row of their own
    med = [b for b in STRIDE_BANDS if b.muscle == "glute_med"]
    assert med[0].phases == ("landing", "mid-stance", "push-off")


def test_stride_bands_cite_sources_that_exist() -> None:
    known = set(load_table("sources")["source_id"])
    for band in STRIDE_BANDS:
        assert band.sources
        assert set(band.sources) <= known
    table = stride_bands_table()
    assert list(table.columns) == ["Muscle", "Phases", "What it does", "Evidence", "Sources"]
    assert "may help" in set(table["Evidence"])


def test_bad_band_phases_raise() -> None:
    bad = (ActivityBand("glute_max", ("landing", "push-off"), "gap", ("lieberman_2006",)),)
    with pytest.raises(ValueError, match="consecutive phases"):
        stride_activity_figure(bad)
    with pytest.raises(ValueError, match="consecutive phases"):
        stride_activity_figure((ActivityBand("glute_max", ("flying",), "x", ()),))


def test_alt_texts_and_caption_carry_no_invented_percentages() -> None:
    for text in (HIP_SCHEMATIC_ALT, STRIDE_FIGURE_ALT, STRIDE_FIGURE_CAPTION):
        assert len(text) > 100
        assert not re.search(r"\d+\s*%", text)
    assert "not measured" in STRIDE_FIGURE_ALT
    assert "not to scale" in STRIDE_FIGURE_CAPTION


def test_hip_schematic_labels_read_on_white_and_the_bone_labels_on_bone() -> None:
    fig = hip_schematic()
    texts = [t for ax in fig.axes for t in ax.texts if t.get_text().strip()]
    assert len(texts) >= 8
    for text in texts:
        assert contrast_ratio(text.get_color(), "white") >= MIN_TEXT_CONTRAST, text.get_text()
    bone_labels = [t for t in texts if t.get_text() in ("sacrum", "hip joint")]
    assert bone_labels
    for text in bone_labels:
        assert contrast_ratio(text.get_color(), "#efe6d2") >= MIN_TEXT_CONTRAST


def test_stride_band_texts_read_on_their_bands() -> None:
    ax = stride_activity_figure().axes[0]
    bands = [p for p in ax.patches if (p.get_gid() or "").startswith("band_")]
    checked = 0
    for text in ax.texts:
        x, y = text.get_position()
        (band,) = [b for b in bands if b.contains_point(ax.transData.transform((x, y)))] or [None]
        if band is None:
            continue  # the stance and swing headings, on the light shading
        boxed = text.get_bbox_patch()
        behind = boxed.get_facecolor() if boxed is not None else band.get_facecolor()
        assert behind[3] == 1.0  # opaque, so the colour drawn is the colour checked
        assert contrast_ratio(behind, text.get_color()) >= MIN_TEXT_CONTRAST, text.get_text()
        checked += 1
    assert checked == len(STRIDE_BANDS)
