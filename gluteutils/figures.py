"""Figures of notebooks 01 and 02, drawn by our own code with Matplotlib.

Each function is pure: it builds and returns a :class:`matplotlib.figure.Figure`
(never through ``pyplot``, so nothing is shown or kept as a side effect). Show one
in a notebook with :func:`gluteutils.display.show_figure` and the matching alt
text constant from this module.

The anatomy is a schematic, not to scale: simple shapes for the pelvis and thigh
bones, and one arrow per muscle along its line of pull. The stride figure draws
phases, not measured times; see :data:`STRIDE_BANDS` for what each band rests on.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, Polygon, Rectangle

from .contrast import readable_shade, text_colour_on

# Okabe-Ito colours, distinguishable with the common kinds of colour blindness.
MUSCLE_COLOURS: dict[str, str] = {
    "glute_max": "#D55E00",
    "glute_med": "#0072B2",
    "glute_min": "#009E73",
    "hamstrings": "#CC79A7",
}
# Labels take a darker shade of their muscle's colour where it is too light for
# small text on white (WCAG's 4.5:1); lines and areas keep the colour itself.
_LABEL_COLOURS = {muscle: readable_shade(colour) for muscle, colour in MUSCLE_COLOURS.items()}
_BONE = "#efe6d2"
_BONE_EDGE = "#6b5b3e"
_MOVE = "#333333"

HIP_SCHEMATIC_ALT = (
    "Schematic of the pelvis and thigh bones in two views, drawn as simple shapes. "
    "Left, seen from behind: the gluteus medius and gluteus minimus run from the side of "
    "the pelvis down to the bony bump at the top of the thigh bone; their arrows point "
    "up toward the pelvis, moving the leg out to the side (abduction) and holding the pelvis level "
    "when standing on one leg. The gluteus maximus runs from the back of the pelvis down "
    "and out to the upper thigh; a curved arrow shows it turning the thigh outward. "
    "Right, seen from the side: the gluteus maximus pulls the thigh back behind the body "
    "(hip extension), and the hamstrings, from the sitting bone to below the knee, help "
    "with the same movement."
)

STRIDE_FIGURE_ALT = (
    "Chart of one running stride of one leg, split into six phases of equal width that "
    "are not to scale: landing, mid-stance and push-off while the foot is on the ground, "
    "then early, mid and late swing. The gluteus maximus row has a band over late swing, "
    "where it slows the swinging leg, and a band over the whole time the foot is on the "
    "ground, where it steadies the trunk over the standing leg. A hatched row below marks "
    "that during that time it may also help extend the thigh. The gluteus medius and "
    "minimus row has one band over the whole time the foot is on the ground, holding the "
    "pelvis level. The bands show phases described in the sources, not measured "
    "percentages of the stride."
)

STRIDE_FIGURE_CAPTION = (
    "When the glutes work in one stride (schematic). Phases are drawn equal in width and "
    "are not to scale. Bands mark the phases the sources describe (Lieberman et al. 2006 "
    "for the gluteus maximus; Yuen and Radiopaedia for the medius and minimus); they are "
    "not measured onset and offset times, and the height of a band says nothing about how "
    "hard the muscle works. A hatched band marks something the source says the muscle may do."
)


# --- anatomy schematic ------------------------------------------------------------------


def _mirror(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(-x, y) for x, y in points]


def _bone(ax: Axes, points: list[tuple[float, float]], gid: str) -> None:
    patch = Polygon(points, closed=True, facecolor=_BONE, edgecolor=_BONE_EDGE, lw=1.2)
    patch.set_gid(gid)
    ax.add_patch(patch)


def _femur(ax: Axes, side: float, gid: str) -> None:
    """Draw a thigh bone seen from behind; ``side`` is +1 (right of the page) or -1."""
    ax.add_patch(
        Circle((side * 1.0, 0.0), 0.2, facecolor=_BONE, edgecolor=_BONE_EDGE, lw=1.2, gid=gid)
    )
    shaft = [
        (side * 0.95, -0.12),
        (side * 1.5, 0.0),
        (side * 1.6, -0.35),
        (side * 1.25, -3.1),
        (side * 0.95, -3.1),
        (side * 1.2, -0.4),
    ]
    _bone(ax, shaft, gid)
    ax.add_patch(
        Ellipse(
            (side * 1.1, -3.25),
            0.75,
            0.35,
            facecolor=_BONE,
            edgecolor=_BONE_EDGE,
            lw=1.2,
            gid=gid,
        )
    )


def _pull(
    ax: Axes,
    origin: tuple[float, float],
    insertion: tuple[float, float],
    muscle: str,
    width: float = 9.0,
) -> None:
    """Draw a muscle as a band from origin to insertion, with its pull as an arrow.

    A muscle pulls its lower attachment toward its upper one, so the arrow runs
    from the insertion toward the origin.
    """
    colour = MUSCLE_COLOURS[muscle]
    ax.plot(*zip(origin, insertion, strict=True), color=colour, lw=width, alpha=0.35)
    arrow = FancyArrowPatch(
        insertion, origin, arrowstyle="-|>", mutation_scale=16, color=colour, lw=2.2
    )
    arrow.set_gid(f"pull_{muscle}")
    ax.add_patch(arrow)


def _leader(colour: str, towards: str) -> dict[str, object]:
    """Arrow properties of a label's leader line, drawn from the label's side facing its target.

    Starting the line at that side (``relpos``) looks much the same as Matplotlib's
    default, a line from the label's centre clipped to its box, and skips the
    clipping, a search Matplotlib repeats at every layout and draw (about a seventh
    of the time this figure took to draw).
    """
    return {
        "arrowstyle": "-",
        "color": colour,
        "patchA": None,
        "shrinkA": 4,
        "relpos": (0.0, 0.5) if towards == "left" else (1.0, 0.5),
    }


def _movement(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    gid: str,
    rad: float = 0.3,
) -> None:
    arrow = FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=14,
        color=_MOVE,
        lw=1.6,
        linestyle="--",
        connectionstyle=f"arc3,rad={rad}",
    )
    arrow.set_gid(f"move_{gid}")
    ax.add_patch(arrow)


def _back_view(ax: Axes) -> None:
    right_ilium = [(0.35, 1.25), (0.8, 1.85), (1.65, 1.75), (1.85, 1.0), (1.3, 0.2), (0.55, 0.35)]
    _bone(ax, right_ilium, "bone_pelvis")
    _bone(ax, _mirror(right_ilium), "bone_pelvis")
    _bone(ax, [(-0.4, 1.3), (0.4, 1.3), (0.0, 0.0)], "bone_sacrum")
    # Lower ring of the pelvis (sitting bones and pubis), drawn as one loop.
    _bone(ax, [(-0.9, 0.15), (0.9, 0.15), (0.55, -0.6), (-0.55, -0.6)], "bone_pelvis")
    _femur(ax, 1.0, "bone_femur")
    _femur(ax, -1.0, "bone_femur")

    # Muscles on the right-hand leg of the page.
    _pull(ax, (1.5, 1.35), (1.55, -0.05), "glute_med")
    _pull(ax, (1.2, 0.85), (1.42, 0.02), "glute_min", width=6.0)
    _pull(ax, (0.45, 0.9), (1.3, -0.75), "glute_max", width=11.0)
    ax.annotate(
        "gluteus medius",
        (1.55, 1.1),
        xytext=(2.25, 1.55),
        color=_LABEL_COLOURS["glute_med"],
        fontsize=9,
        arrowprops=_leader(MUSCLE_COLOURS["glute_med"], "left"),
    )
    ax.annotate(
        "gluteus minimus\n(under the medius)",
        (1.3, 0.5),
        xytext=(2.25, 0.55),
        color=_LABEL_COLOURS["glute_min"],
        fontsize=9,
        arrowprops=_leader(MUSCLE_COLOURS["glute_min"], "left"),
    )
    ax.annotate(
        "gluteus maximus",
        (0.9, 0.05),
        xytext=(2.25, -0.55),
        color=_LABEL_COLOURS["glute_max"],
        fontsize=9,
        arrowprops=_leader(MUSCLE_COLOURS["glute_max"], "left"),
    )

    # Movements: abduction of the right leg, outward turn, and a level pelvis.
    _movement(ax, (1.15, -3.55), (1.95, -3.2), "abduction", rad=0.35)
    ax.text(2.05, -3.15, "abduction:\nleg out to the side\n(med + min)", fontsize=8.5)
    _movement(ax, (0.85, -1.75), (1.5, -1.9), "external_rotation", rad=-0.9)
    ax.text(1.7, -1.95, "external rotation:\nthigh turns outward\n(max)", fontsize=8.5)
    level = ax.plot([-1.9, 1.9], [2.1, 2.1], color=_MOVE, ls=":", lw=1.5)[0]
    level.set_gid("move_pelvis_level")
    ax.text(
        0.0,
        2.25,
        "pelvis held level on one leg (med + min)",
        ha="center",
        fontsize=8.5,
    )
    ax.text(0.0, 0.75, "sacrum", ha="center", fontsize=7.5, color=_BONE_EDGE)
    ax.annotate(
        "hip joint",
        (-1.0, 0.0),
        xytext=(-2.2, -0.7),
        fontsize=7.5,
        color=_BONE_EDGE,
        arrowprops=_leader(_BONE_EDGE, "right"),
    )
    ax.text(-1.35, -1.8, "thigh bone\n(femur)", ha="center", fontsize=7.5, color=_BONE_EDGE)
    ax.set_title("Seen from behind", fontsize=11)
    ax.set_xlim(-2.4, 3.4)
    ax.set_ylim(-3.8, 2.5)


def _segment(
    ax: Axes,
    start: tuple[float, float],
    end: tuple[float, float],
    width: float,
    gid: str,
    **style: object,
) -> None:
    """Draw a long bone as a strip of the given width between two points."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length * width / 2, dx / length * width / 2
    corners = [
        (start[0] + nx, start[1] + ny),
        (end[0] + nx, end[1] + ny),
        (end[0] - nx, end[1] - ny),
        (start[0] - nx, start[1] - ny),
    ]
    if style:
        patch = Polygon(corners, closed=True, **style)  # type: ignore[arg-type]
        patch.set_gid(gid)
        ax.add_patch(patch)
    else:
        _bone(ax, corners, gid)


def _side_view(ax: Axes) -> None:
    # The runner faces right, so the back of the body is on the left.
    hip, knee, ankle = (0.0, 0.0), (-0.7, -2.85), (-1.2, -4.25)
    _bone(
        ax,
        [
            (-0.7, 1.6),
            (0.2, 1.9),
            (0.75, 1.5),
            (0.45, 0.9),
            (0.25, 0.25),
            (-0.25, 0.2),
            (-0.55, 0.8),
        ],
        "bone_pelvis",
    )
    _bone(
        ax,
        [(-0.2, 0.1), (0.1, -0.05), (-0.45, -0.6), (-0.85, -0.55), (-0.6, -0.1)],
        "bone_pelvis",
    )
    _bone(
        ax,
        [(-0.65, 1.5), (-1.05, 0.9), (-1.0, 0.25), (-0.75, 0.45), (-0.5, 1.2)],
        "bone_sacrum",
    )
    # Thigh straight down (dashed outline) and extended behind the body (solid).
    _segment(
        ax, hip, (0.0, -2.95), 0.3, "bone_femur_start", fill=False, edgecolor=_BONE_EDGE, ls="--"
    )
    _segment(ax, hip, knee, 0.3, "bone_femur")
    _segment(ax, knee, ankle, 0.25, "bone_shin")
    ax.add_patch(Circle(hip, 0.2, facecolor=_BONE, edgecolor=_BONE_EDGE, lw=1.2))

    _pull(ax, (-0.85, 1.0), (-0.4, -0.85), "glute_max", width=12.0)
    _pull(ax, (-0.78, -0.52), (-0.98, -3.2), "hamstrings", width=7.0)
    ax.annotate(
        "gluteus maximus",
        (-0.62, 0.1),
        xytext=(-2.75, 1.2),
        color=_LABEL_COLOURS["glute_max"],
        fontsize=9,
        arrowprops=_leader(MUSCLE_COLOURS["glute_max"], "right"),
    )
    ax.annotate(
        "hamstrings (help)",
        (-0.9, -2.1),
        xytext=(-2.85, -1.5),
        color=_LABEL_COLOURS["hamstrings"],
        fontsize=9,
        arrowprops=_leader(MUSCLE_COLOURS["hamstrings"], "right"),
    )
    ax.annotate(
        "sitting bone",
        (-0.8, -0.58),
        xytext=(-2.2, -0.5),
        color=_BONE_EDGE,
        fontsize=7.5,
        arrowprops=_leader(_BONE_EDGE, "right"),
    )
    ax.text(-0.95, 1.75, "sacrum", ha="center", fontsize=7.5, color=_BONE_EDGE)
    _movement(ax, (0.15, -3.1), (-0.5, -3.1), "extension", rad=-0.4)
    ax.text(0.35, -3.75, "hip extension: thigh back\nbehind the body", ha="center", fontsize=8.5)
    ax.text(1.0, 0.5, "front →", fontsize=8, color=_BONE_EDGE)
    ax.text(-2.6, 0.4, "← back", fontsize=8, color=_BONE_EDGE)
    ax.set_title("Seen from the side", fontsize=11)
    ax.set_xlim(-2.9, 1.6)
    ax.set_ylim(-4.4, 2.3)


def hip_schematic() -> Figure:
    """Draw the pelvis and thigh bones with each muscle's line of pull.

    Two panels: seen from behind (gluteus maximus, medius and minimus; abduction,
    external rotation, pelvis held level) and seen from the side (gluteus maximus
    and hamstrings; hip extension). Arrows named ``pull_<muscle_id>`` show lines of
    pull; dashed arrows named ``move_<movement>`` show the movement made.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; show it with ``show_figure(fig, alt=HIP_SCHEMATIC_ALT)``.
    """
    fig = Figure(figsize=(11, 6.2), layout="constrained")
    back, side = fig.subplots(1, 2)
    for ax in (back, side):
        ax.set_aspect("equal")
        ax.axis("off")
    _back_view(back)
    _side_view(side)
    fig.suptitle(
        "The glutes' lines of pull (schematic, not to scale; arrows point the way each "
        "muscle pulls)",
        fontsize=11,
    )
    return fig


# --- stride figure ----------------------------------------------------------------------

#: Phases of one running stride of one leg, in order (drawn equal in width).
STRIDE_PHASES = ("landing", "mid-stance", "push-off", "early swing", "mid swing", "late swing")
_STANCE = ("landing", "mid-stance", "push-off")


@dataclass(frozen=True)
class ActivityBand:
    """A span of stride phases in which a source says a muscle works.

    Attributes
    ----------
    muscle : str
        Muscle id, a key of :data:`MUSCLE_COLOURS`.
    phases : tuple of str
        Consecutive phases from :data:`STRIDE_PHASES`.
    job : str
        What the muscle does then, in plain words (shown on the band).
    sources : tuple of str
        ``source_id`` values in ``data/sources.csv``.
    certain : bool
        ``False`` when the source says only that the muscle *may* help (drawn hatched).
    row : str
        Row label in the figure; empty means the muscle's name. Bands that overlap in
        time need rows of their own.
    """

    muscle: str
    phases: tuple[str, ...]
    job: str
    sources: tuple[str, ...]
    certain: bool = True
    row: str = ""

    @property
    def label(self) -> str:
        """Return the figure row this band is drawn in."""
        return self.row or _ROW_LABELS.get(self.muscle, self.muscle)


#: What the stride figure draws. Phases only: no onset or offset percentages are
#: given because none could be checked against a published paper.
STRIDE_BANDS: tuple[ActivityBand, ...] = (
    ActivityBand("glute_max", ("late swing",), "slows the swinging leg", ("lieberman_2006",)),
    ActivityBand(
        "glute_max", _STANCE, "steadies the trunk over the standing leg", ("lieberman_2006",)
    ),
    ActivityBand(
        "glute_max",
        _STANCE,
        "may also help extend the thigh",
        ("lieberman_2006",),
        certain=False,
        row="Gluteus maximus\n(may help)",
    ),
    ActivityBand(
        "glute_med",
        _STANCE,
        "holds the pelvis level on one leg",
        ("yuen_five_exercises", "radiopaedia_gluteus_medius"),
    ),
)

_ROW_LABELS = {"glute_max": "Gluteus maximus", "glute_med": "Gluteus medius\nand minimus"}


def stride_activity_figure(bands: tuple[ActivityBand, ...] = STRIDE_BANDS) -> Figure:
    """Draw when each glute works across one running stride, phase by phase.

    Parameters
    ----------
    bands : tuple of ActivityBand
        What to draw; defaults to :data:`STRIDE_BANDS`.

    Returns
    -------
    matplotlib.figure.Figure
        One row per muscle; bands named ``band_<muscle>_<n>``. Show it with
        ``show_figure(fig, alt=STRIDE_FIGURE_ALT)``.

    Raises
    ------
    ValueError
        If a band names an unknown phase or phases out of order.
    """
    rows = list(dict.fromkeys(b.label for b in bands))
    fig = Figure(figsize=(11, 1.6 + 1.1 * len(rows)), layout="constrained")
    ax = fig.subplots()
    n = len(STRIDE_PHASES)
    # Stance and swing shading behind the bands.
    # a faint backdrop only: the texts above it and the line at its edge say where stance ends
    stance = Rectangle((0, -0.5), len(_STANCE), len(rows), color="#f2f2f2", zorder=0)
    stance.set_gid("stance_backdrop")
    ax.add_patch(stance)
    ax.text(len(_STANCE) / 2, len(rows) - 0.35, "foot on the ground (stance)", ha="center")
    ax.text((len(_STANCE) + n) / 2, len(rows) - 0.35, "foot in the air (swing)", ha="center")
    for count, band in enumerate(bands):
        index = [STRIDE_PHASES.index(p) for p in band.phases if p in STRIDE_PHASES]
        if len(index) != len(band.phases) or index != list(range(index[0], index[-1] + 1)):
            raise ValueError(f"band {band.job!r} needs consecutive phases from STRIDE_PHASES")
        y = len(rows) - 1 - rows.index(band.label)
        colour = MUSCLE_COLOURS[band.muscle]
        patch = Rectangle(
            (index[0] + 0.05, y - 0.3),
            len(index) - 0.1,
            0.6,
            facecolor=colour if band.certain else "white",
            edgecolor=colour,
            hatch=None if band.certain else "///",
            # opaque when filled, so the text's colour is picked against the colour drawn
            alpha=None if band.certain else 0.85,
            lw=1.5,
        )
        patch.set_gid(f"band_{band.muscle}_{count}")
        ax.add_patch(patch)
        ax.text(
            index[0] + len(index) / 2,
            y,
            textwrap.fill(band.job, width=16 * len(index)),
            ha="center",
            va="center",
            fontsize=8.5,
            color=text_colour_on(colour) if band.certain else "black",
            bbox=None if band.certain else {"facecolor": "white", "edgecolor": "none"},
        )
    ax.set_xlim(0, n)
    ax.set_ylim(-0.6, len(rows) + 0.1)
    ax.set_xticks([i + 0.5 for i in range(n)], [p.capitalize() for p in STRIDE_PHASES])
    ax.set_yticks(range(len(rows)), list(reversed(rows)), fontsize=10)
    for edge in (len(_STANCE),):
        ax.axvline(edge, color="#767676", lw=1)  # 4.5:1 on white (#999 was 2.8:1)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.set_xlabel("Phases of one stride of one leg (equal widths, not to scale)")
    ax.set_title("When the glutes work in a running stride (phases from published sources)")
    return fig


def stride_bands_table(bands: tuple[ActivityBand, ...] = STRIDE_BANDS) -> pd.DataFrame:
    """List what the stride figure draws and the source of each band.

    Parameters
    ----------
    bands : tuple of ActivityBand
        Defaults to :data:`STRIDE_BANDS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``Muscle``, ``Phases``, ``What it does``, ``Evidence`` (``stated`` or
        ``may help``) and ``Sources``.
    """
    return pd.DataFrame(
        {
            "Muscle": [b.label.replace("\n", " ") for b in bands],
            "Phases": [", ".join(b.phases) for b in bands],
            "What it does": [b.job for b in bands],
            "Evidence": ["stated" if b.certain else "may help" for b in bands],
            "Sources": [", ".join(b.sources) for b in bands],
        }
    )
