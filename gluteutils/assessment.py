"""The self-assessment of notebook 03: checking answers, red flags and the obstacle profile.

Everything here is pure. The flow is one way::

    raw answers (dict of str) --validate_answers--> Answers
    Answers --obstacle_profile--> ObstacleProfile (or a Referral when a red flag is ticked)
    ObstacleProfile --profile_to_csv--> bytes --read_profile--> ObstacleProfile

The questions themselves are data (:data:`STEPS`, :data:`FIELDS`), so the form in
:mod:`gluteutils.assessment_form` and the notebook show the same instructions
that the scoring rules read.

Scores
------
Each obstacle in :data:`gluteutils.schema.OBSTACLE_IDS` has one rule, a small
function named ``rule_<obstacle_id>`` whose docstring says which answers give
how many points and which source backs that. The score is the share of the
rule's points the answers earned, from 0 (no sign) to 100 (every sign the rule
looks for), and the level splits that range in thirds: ``none`` (0), ``low``
(1-33), ``moderate`` (34-66), ``high`` (67-100). The points and thirds are this
curriculum's teaching scale, not a clinical scale: a profile points to what to
work on first, it does not diagnose anything.

Unknowns
--------
A runner may skip any physical test (the answer
:data:`~gluteutils.assessment_questions.SKIPPED`, stored as ``None``) and may
answer some questions "Not sure". Such an answer gives no evidence either way:
the points of the signs it would have shown are neither earned nor ruled out
but counted as ``unchecked_points``, and the reasons say what could not be
checked. The score stays the share of all the rule's points that were found,
so an unknown never raises it; :attr:`ObstacleScore.checked` and
:meth:`ObstacleProfile.unknown_label` keep an obstacle that could not be
checked from reading as a clear "none". The profile lists the skipped test
answers (:attr:`ObstacleProfile.skipped`) and advises doing those tests later.

The questions are in :mod:`gluteutils.assessment_questions`; the profile file is read
and written by :mod:`gluteutils.profile_file`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from datetime import date

import pandas as pd

from .assessment_questions import (
    BRIDGE_POOR_BELOW,
    FIELDS,
    FIELDS_BY_NAME,
    MAX_TEXT_LENGTH,
    NOT_SURE,
    PAIN_STOP,
    RED_FLAGS,
    REFERRAL_MESSAGE,
    SITTING_HIGH_ABOVE_H,
    SITTING_LOW_BELOW_H,
    SKIP_LABEL,
    STANCE_TARGET_S,
    STEPS_BY_ID,
    STRENGTH_SESSIONS_TARGET,
    TEST_STEP_IDS,
    THOMAS_KNEE_CUTOFF_DEG,
    AnswerField,
    Answers,
    is_skip,
)
from .schema import OBSTACLE_IDS

# ------------------------------------------------------------------------- validation

_TRUE_TEXT = {"yes", "true", "1", "y"}
_FALSE_TEXT = {"no", "false", "0", "n", ""}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_number(field: AnswerField, value: object) -> tuple[float | int | None, str | None]:
    if isinstance(value, bool):
        return None, "Type a number using digits, for example 25."
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            return None, "Type a number using digits, for example 25."
    if not math.isfinite(number):
        return None, "Type an ordinary number, for example 25."
    if field.kind == "integer" and not number.is_integer():
        return None, "Type a whole number, without decimals."
    unit = f" {field.unit}" if field.unit else ""
    if number < 0 and field.minimum is not None and field.minimum >= 0:
        return None, "This cannot be negative."
    low, high = field.minimum, field.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        return None, f"Give a value from {low:g} to {high:g}{unit}."
    return (int(number) if field.kind == "integer" else number), None


def _parse_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE_TEXT:
            return True
        if text in _FALSE_TEXT - {""}:
            return False
    return None


def clean_text(value: object) -> str:
    r"""Normalise free text from a form: line breaks and tabs become spaces, ends trimmed.

    A bare carriage return inside a CSV cell breaks some readers (CPython
    gh-67044), so none survives into a profile file.

    Parameters
    ----------
    value : object
        What the runner typed (``None`` counts as empty).

    Returns
    -------
    str
        The text on one line.

    Examples
    --------
    >>> clean_text("  left knee\r\nand hip ")
    'left knee and hip'
    """
    if value is None:
        return ""
    text = str(value)
    for char in ("\r\n", "\r", "\n", "\t"):
        text = text.replace(char, " ")
    return text.strip()


def _parse_field(field: AnswerField, value: object) -> tuple[object, str | None]:
    """Check one raw answer; return (value, message or None)."""
    if field.kind == "flag":
        if _is_blank(value):
            return False, None
        parsed = _parse_bool(value)
        return (parsed, None) if parsed is not None else (False, "Tick the box or leave it empty.")
    if field.kind == "text":
        text = clean_text(value)
        if field.required and not text:
            return "", "Please fill this in."
        if len(text) > MAX_TEXT_LENGTH:
            return text, f"Keep it under {MAX_TEXT_LENGTH} characters."
        return text, None
    if field.skippable and is_skip(value):
        # A deliberate skip is an answer, not a mistake: no message, no result.
        return None, None
    if _is_blank(value):
        if not field.required:
            return None, None
        # A skippable test names the way out, so a runner who did not do it is not stuck.
        skip = f", or choose \u201c{SKIP_LABEL}\u201d" if field.skippable else ""
        if field.kind in ("integer", "number"):
            return None, f"Please type a number{skip}."
        if field.kind == "yes_no":
            return None, f"Please choose yes or no{skip}."
        return None, f"Please choose one answer{skip}."
    if field.kind in ("integer", "number"):
        return _parse_number(field, value)
    if field.kind == "yes_no":
        parsed = _parse_bool(value)
        return (parsed, None) if parsed is not None else (None, "Please choose yes or no.")
    allowed = [choice for choice, _label in field.choices]
    if value not in allowed:
        return None, "Please choose one of the answers shown."
    return value, None


def validate_answers(raw: Mapping[str, object]) -> tuple[Answers | None, dict[str, str]]:
    """Check the raw answers of the self-assessment, field by field.

    Parameters
    ----------
    raw : mapping of str to object
        Answers by field name (see :data:`FIELDS`), as a form gives them: numbers
        may be typed text, choices are their values, tick boxes are booleans,
        and a missing key counts as unanswered. A test answer (``skippable``)
        may be :data:`~gluteutils.assessment_questions.SKIPPED` (any case): the
        test was skipped, and the answer becomes ``None``.

    Returns
    -------
    answers : Answers or None
        The checked answers, or ``None`` when any answer is wrong.
    messages : dict of str to str
        A plain-language message for every wrong answer, keyed by field name;
        empty when everything is fine.

    Examples
    --------
    >>> from gluteutils.assessment_questions import EXAMPLE_RAW
    >>> answers, messages = validate_answers(EXAMPLE_RAW)
    >>> messages
    {}
    >>> validate_answers({**EXAMPLE_RAW, "bridge_reps_left": "-3"})[1]
    {'bridge_reps_left': 'This cannot be negative.'}
    >>> answers, _ = validate_answers({**EXAMPLE_RAW, "bridge_reps_left": "skipped"})
    >>> answers.bridge_reps_left is None
    True
    """
    values: dict[str, object] = {}
    messages: dict[str, str] = {}
    for field in FIELDS:
        value, message = _parse_field(field, raw.get(field.name))
        values[field.name] = value
        if message:
            messages[field.name] = message
    pain = values.get("pain_now")
    if (
        isinstance(pain, int)
        and pain > 0
        and not values.get("pain_where")
        and "pain_where" not in messages
    ):
        messages["pain_where"] = "Say where it hurts, for example 'left knee'."
    if messages:
        return None, messages
    return Answers(**values), {}


# ---------------------------------------------------------------------------- referral


@dataclass(frozen=True)
class Referral:
    """What the runner sees instead of a score when a red flag is ticked.

    Attributes
    ----------
    flags : tuple of str
        Names of the ticked red-flag fields, in :data:`RED_FLAGS` order.
    reasons : tuple of str
        One plain-language reason per ticked flag.
    sources : tuple of str
        ``source_id`` values behind the reasons.
    message : str
        The headline advice: see a clinician before training.
    """

    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    sources: tuple[str, ...]
    message: str = REFERRAL_MESSAGE


def check_red_flags(raw: Mapping[str, object] | Answers) -> Referral | None:
    """Return a referral if any red-flag question is answered yes, or pain is too high.

    It reads only the red-flag answers and the pain right now, so a runner with
    a red flag, or with pain of :data:`PAIN_STOP` or more out of 10, is stopped
    even when the tests are left blank. High pain is listed as ``"pain_now"``,
    after the flags.

    Parameters
    ----------
    raw : mapping of str to object, or Answers
        Raw answers (a tick is ``True`` or the text ``"yes"``) or checked answers.

    Returns
    -------
    Referral or None
        ``None`` when no red flag is ticked.

    Examples
    --------
    >>> check_red_flags({"flag_night_pain": True}).flags
    ('flag_night_pain',)
    >>> check_red_flags({"pain_now": "5"}).flags
    ('pain_now',)
    >>> check_red_flags({}) is None
    True
    """
    ticked = []
    for name in RED_FLAGS:
        value = getattr(raw, name) if isinstance(raw, Answers) else raw.get(name)
        if _parse_bool(value) is True:
            ticked.append(name)
    reasons = [RED_FLAGS[n][1] for n in ticked]
    sources: list[str] = []
    for name in ticked:
        sources += [s for s in RED_FLAGS[name][2] if s not in sources]
    pain = _pain_now(raw)
    if pain is not None and pain >= PAIN_STOP:
        ticked.append("pain_now")
        where = clean_text(raw.pain_where if isinstance(raw, Answers) else raw.get("pain_where"))
        place = f" ({where[:MAX_TEXT_LENGTH]})" if where else ""
        reasons.append(
            f"You have pain of {pain} out of 10 right now{place}. At {PAIN_STOP} or more, leave "
            "the tests and the exercises until a clinician has looked at it (this curriculum's "
            "safety line, not a research cut-off; the training log uses the same one)."
        )
    if not ticked:
        return None
    return Referral(tuple(ticked), tuple(reasons), tuple(sources))


def _pain_now(raw: Mapping[str, object] | Answers) -> int | None:
    """Read the pain right now: a whole number 0-10, or None when missing or not valid."""
    if isinstance(raw, Answers):
        return raw.pain_now
    value, message = _parse_field(FIELDS_BY_NAME["pain_now"], raw.get("pain_now"))
    return value if message is None and isinstance(value, int) else None


# ------------------------------------------------------------------------------- rules

LEVELS = ("none", "low", "moderate", "high")
SIDE_VALUES = ("", "left", "right", "both")
_LEGS = ("left", "right")


@dataclass(frozen=True)
class RuleResult:
    """What one obstacle rule found.

    Attributes
    ----------
    points : int
        Points earned.
    max_points : int
        Points the rule can give.
    reasons : tuple of str
        Plain-language reasons, one per sign found (or a note when none was).
    sides : str
        ``left``, ``right``, ``both`` or empty.
    sources : tuple of str
        ``source_id`` values behind the rule.
    unchecked_points : int
        Points of the signs that could not be checked, because a test was
        skipped or an answer was "Not sure"; never more than
        ``max_points - points``.
    unchecked : tuple of str
        Answer fields whose unknown value left those signs unchecked.
    not_checked : tuple of str
        Plain-language notes on what could not be checked, and what to do.
    """

    points: int
    max_points: int
    reasons: tuple[str, ...]
    sides: str
    sources: tuple[str, ...]
    unchecked_points: int = 0
    unchecked: tuple[str, ...] = ()
    not_checked: tuple[str, ...] = ()


@dataclass
class _Tally:
    """What a rule has found so far: signs, and signs it could not check."""

    points: int = 0
    reasons: list[str] = dataclass_field(default_factory=list)
    found: set[str] = dataclass_field(default_factory=set)
    unchecked_points: int = 0
    unchecked: list[str] = dataclass_field(default_factory=list)
    notes: list[str] = dataclass_field(default_factory=list)

    def sign(self, points: int, reason: str, sides: Iterable[str] = ()) -> None:
        self.points += points
        self.reasons.append(reason)
        self.found.update(sides)

    def unknown(self, points: int, names: Iterable[str], note: str) -> None:
        # A skipped test or a "Not sure" gives no evidence: its points are neither
        # earned nor ruled out, only counted as unchecked.
        self.unchecked_points += points
        self.unchecked.extend(n for n in names if n not in self.unchecked)
        if note not in self.notes:
            self.notes.append(note)

    def result(self, max_points: int, sources: tuple[str, ...]) -> RuleResult:
        return RuleResult(
            self.points,
            max_points,
            tuple(self.reasons),
            _sides(self.found),
            sources,
            self.unchecked_points,
            tuple(self.unchecked),
            tuple(self.notes),
        )


def _sides(found: set[str]) -> str:
    if found == {"left", "right"}:
        return "both"
    return next(iter(found)) if found else ""


def _which(found: list[str]) -> str:
    return " and ".join(found) + (" sides" if len(found) > 1 else " side")


def skipped_note(name_or_stem: str, sides: Iterable[str] = ()) -> str:
    """Say which part of which test was skipped, for the reasons of a profile.

    Parameters
    ----------
    name_or_stem : str
        A skippable answer field, or the stem of a left/right pair
        (``"bridge_reps"``).
    sides : iterable of str
        The legs skipped, for a pair.

    Returns
    -------
    str
        For example ``"Not checked: you skipped the single-leg bridge to failure
        (test 5) on both legs."``

    Examples
    --------
    >>> skipped_note("squeeze_standing")
    'Not checked: you skipped the standing glute squeeze (test 1).'
    """
    legs = list(sides)
    field = FIELDS_BY_NAME.get(name_or_stem) or FIELDS_BY_NAME[f"{name_or_stem}_{legs[0]}"]
    test = STEPS_BY_ID[field.step].title.split(":")[0].lower()
    on = ""
    if legs:
        on = " on both legs" if len(legs) == 2 else f" on the {legs[0]} leg"
    return f"Not checked: you skipped {field.part} ({test}){on}."


def _per_leg(
    t: _Tally, a: Answers, stem: str, is_sign: Callable[[object], bool], *, each: bool = False
) -> list[str]:
    """Return the legs whose answer shows a sign; note the legs that were skipped.

    A sign worth one point whichever leg shows it (``each=False``) stays
    unchecked only when no tested leg shows it; a sign worth a point per leg
    (``each=True``) leaves one point unchecked per skipped leg.
    """
    values = {s: a.side(stem, s) for s in _LEGS}
    skipped = [s for s in _LEGS if values[s] is None]
    shown = [s for s in _LEGS if values[s] is not None and is_sign(values[s])]
    if skipped:
        names = [f"{stem}_{s}" for s in skipped]
        if each:
            t.unknown(len(skipped), names, skipped_note(stem, skipped))
        elif shown:
            t.unknown(0, (), skipped_note(stem, skipped))  # found anyway; the side is unknown
        else:
            t.unknown(1, names, skipped_note(stem, skipped))
    return shown


def _below(limit: float) -> Callable[[object], bool]:
    """Test whether a number answer is below ``limit``."""
    return lambda value: isinstance(value, int | float) and value < limit


def _thigh_above(a: Answers) -> bool | None:
    """Whether a hanging thigh stayed above horizontal in the Thomas test.

    ``None`` when it is not known: no tested leg showed it and a leg was skipped.
    """
    values = [a.side("thomas_thigh_above", s) for s in _LEGS]
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _bridge_felt(t: _Tally, a: Answers) -> str | None:
    """Where the glute bridge was felt; ``None`` (and a note) when unknown."""
    if a.bridge_felt_in is None:
        t.unknown(1, ("bridge_felt_in",), skipped_note("bridge_felt_in"))
        return None
    if a.bridge_felt_in == NOT_SURE:
        t.unknown(
            1,
            ("bridge_felt_in",),
            "Not known yet: you were not sure where you felt the glute bridge; try it again "
            "with a hand on your glutes.",
        )
        return None
    return a.bridge_felt_in


def rule_untaught_skill(a: Answers) -> RuleResult:
    """Score "activation is a skill nobody taught you".

    Points (maximum 3): lying squeeze not felt 2, felt faintly 1; standing squeeze
    not felt clearly 1. Feeling the glutes contract is the first step (Arsenault);
    using them is a learned skill (Push with Your Tush); not being able to switch
    them on is "gluteal amnesia" (Prince). A skipped squeeze leaves its points
    unchecked.
    """
    t = _Tally()
    if a.squeeze_lying is None:
        t.unknown(2, ("squeeze_lying",), skipped_note("squeeze_lying"))
    elif a.squeeze_lying == "none":
        t.sign(2, "You could not feel your glutes tighten in the lying squeeze.")
    elif a.squeeze_lying == "faint":
        t.sign(1, "You felt the lying squeeze only a little.")
    if a.squeeze_standing is None:
        t.unknown(1, ("squeeze_standing",), skipped_note("squeeze_standing"))
    elif a.squeeze_standing != "clear":
        t.sign(1, "Standing, your glute squeeze was not clear.")
    return t.result(3, ("push_with_your_tush", "arsenault_livestrong", "prince_uesca"))


def rule_weak_unstable(a: Answers) -> RuleResult:
    """Score "weak or unstable glutes", per side.

    Points (maximum 4), each counted once whatever the side: the pelvis dropped in
    single-leg stance (Trendelenburg sign: MSK Medicine); the stance was held less
    than :data:`STANCE_TARGET_S` seconds (Magee, secondary); the single-leg squat
    was poor (Crossley et al. 2011); fewer than :data:`BRIDGE_POOR_BELOW`
    single-leg bridge repetitions (secondary norms). A fair squat is mentioned but
    scores nothing. A sign that no tested leg shows stays unchecked when a leg
    was skipped.
    """
    t = _Tally()
    drops = _per_leg(t, a, "stance_pelvis_drops", bool)
    if drops:
        t.sign(
            1,
            f"Standing on your {' and '.join(drops)} leg, the other side of the pelvis dropped: "
            "the side glutes of the standing leg did not hold it level (weak side glutes, or a "
            "hip problem worth having checked).",
            drops,
        )
    short = _per_leg(t, a, "stance_seconds", _below(STANCE_TARGET_S))
    if short:
        t.sign(
            1,
            f"You held the one-leg stance less than {STANCE_TARGET_S} seconds on your "
            f"{' and '.join(short)} leg.",
            short,
        )
    poor = _per_leg(t, a, "squat_quality", lambda v: v == "poor")
    fair = [s for s in _LEGS if a.side("squat_quality", s) == "fair"]
    if poor:
        t.sign(
            1,
            f"Your single-leg squat was poor on the {_which(poor)}; poor squatters have weaker "
            "hip muscles (Crossley 2011).",
            poor,
        )
    if fair:
        t.reasons.append(f"Your single-leg squat was fair on the {_which(fair)}: worth watching.")
    weak = _per_leg(t, a, "bridge_reps", _below(BRIDGE_POOR_BELOW))
    if weak:
        t.sign(
            1,
            f"Fewer than {BRIDGE_POOR_BELOW} single-leg bridges on the {_which(weak)}: the "
            "poor band of the usual norms (secondary). With the heel up on a box, this bridge "
            "works the hamstrings hard as well as the glutes.",
            weak,
        )
    return t.result(
        4,
        (
            "push_with_your_tush",
            "yuen_five_exercises",
            "mskmedicine_trendelenburg",
            "crossley_2011",
            "nelson_healthhp_bridge",
        ),
    )


def rule_tight_hip_flexors(a: Answers) -> RuleResult:
    """Score "tight hip flexors", per side.

    Points (maximum 3): 1 for each side whose hanging thigh stayed above
    horizontal (short one-joint hip flexors), 1 if either knee bent less than
    :data:`THOMAS_KNEE_CUTOFF_DEG` degrees (short two-joint hip flexors); cut-offs
    from Valadão et al. 2021, Table 4. Tight hip flexors limit hip extension and
    shorten the stride behind the body (Push with Your Tush; Prince). The test is
    only valid with the pelvis held still (Vigotsky et al. 2016). A skipped leg
    leaves its thigh point unchecked, and the knee point when the other knee is
    not bent.
    """
    t = _Tally()
    above = _per_leg(t, a, "thomas_thigh_above", bool, each=True)
    if above:
        t.sign(
            len(above),
            f"Your {' and '.join(above)} thigh stayed above horizontal: short one-joint hip "
            "flexors (Valadão 2021).",
            above,
        )
    bent = _per_leg(t, a, "thomas_knee_angle", _below(THOMAS_KNEE_CUTOFF_DEG))
    if bent:
        t.sign(
            1,
            f"Your {' and '.join(bent)} knee bent less than {THOMAS_KNEE_CUTOFF_DEG} degrees: "
            "short two-joint hip flexors (Valadão 2021).",
            bent,
        )
    if t.points:
        t.reasons.append(
            "Short hip flexors keep the leg from extending behind you. Retest with your low "
            "back flat on the table, or the result can mislead (Vigotsky 2016)."
        )
    return t.result(3, ("push_with_your_tush", "prince_uesca", "valadao_2021", "vigotsky_2016"))


def _thigh_point(t: _Tally, a: Answers, reason: str) -> None:
    """Give the point for a thigh above horizontal, or leave it unchecked if a leg was skipped."""
    above = _thigh_above(a)
    if above:
        t.sign(1, reason)
    elif above is None:
        skipped = [s for s in _LEGS if a.side("thomas_thigh_above", s) is None]
        t.unknown(
            1,
            [f"thomas_thigh_above_{s}" for s in skipped],
            skipped_note("thomas_thigh_above", skipped),
        )


def rule_prolonged_sitting(a: Answers) -> RuleResult:
    """Score "long hours of sitting".

    Points (maximum 3): sitting under :data:`SITTING_LOW_BELOW_H` hours a day 0,
    up to :data:`SITTING_HIGH_ABOVE_H` hours 1, more 2 (the bands of Ekelund et
    al. 2016); plus 1 when the runner sits 4 hours or more and a thigh stayed
    above horizontal in the Thomas test, since sitting also tightens the hip
    flexors (Hodges). That point stays unchecked when the thigh test was skipped.
    """
    hours = a.sitting_hours
    t = _Tally()
    if hours > SITTING_HIGH_ABOVE_H:
        t.sign(
            2,
            f"You sit about {hours:g} hours a day, more than {SITTING_HIGH_ABOVE_H}: the top band "
            "of a large pooled study of sitting and mortality, which did not look at glutes "
            "(Ekelund 2016). Hodges says sitting switches the glutes off.",
        )
    elif hours >= SITTING_LOW_BELOW_H:
        t.sign(
            1,
            f"You sit about {hours:g} hours a day, between {SITTING_LOW_BELOW_H} and "
            f"{SITTING_HIGH_ABOVE_H}: the middle band of a study of sitting and mortality "
            "(Ekelund 2016).",
        )
    if hours >= SITTING_LOW_BELOW_H:
        _thigh_point(t, a, "Your hip flexors tested short, which long sitting can cause (Hodges).")
    return t.result(3, ("hodges_alp_fitness", "ekelund_2016"))


_HARD_RUN_UNKNOWN = (
    "Not known yet: after your next hard run or hills, notice which muscles are most tired."
)


def _hard_run_not_sure(t: _Tally, points: int = 1) -> None:
    """Leave the hard-run point unchecked when the runner is not sure what tires most."""
    t.unknown(points, ("hard_run_felt_in",), _HARD_RUN_UNKNOWN)


def rule_heel_raised_shoes(a: Answers) -> RuleResult:
    """Score "heel-raised running shoes".

    Points (maximum 3): heel-raised shoes 1; plus 2 if hard runs tire the front
    of the thighs most, the quad-dominant pattern such shoes push toward
    (Hodges). Most running shoes have a raised heel and the claim is one coach's
    view with no study found, so the shoes alone stay "low"; the pattern showing
    in the runner's own running is what makes the obstacle "high". "Not sure"
    leaves all three unchecked and asks the runner to check.
    """
    t = _Tally()
    if a.shoes == "heel_raised":
        t.sign(
            1,
            "You run in heel-raised shoes. In one coach's view they push toward quad-dominant "
            "running (Hodges); we found no study that measured it.",
        )
        if a.hard_run_felt_in == "front_thighs":
            t.sign(2, "Hard runs tire the front of your thighs most: the quad-dominant pattern.")
        elif a.hard_run_felt_in == NOT_SURE:
            _hard_run_not_sure(t, 2)
    elif a.shoes == NOT_SURE:
        t.unknown(
            3, ("shoes",), "Not known yet: check the heel height of your running shoes (Hodges)."
        )
    return t.result(3, ("hodges_alp_fitness",))


def rule_reliance_on_other_muscles(a: Answers) -> RuleResult:
    """Score "relying on strong quads, hamstrings and calves".

    Points (maximum 3): hard runs felt most in the thighs or calves 1; standing
    squeeze not clear 1; the glute bridge felt in the hamstrings or low back 1.
    Leaning on strong quads, hamstrings and calves leaves the glutes under-active
    (Arsenault); the glutes are under-conditioned next to the other leg muscles
    (Yuen). A skipped test or a "Not sure" leaves its point unchecked.
    """
    t = _Tally()
    places = {
        "front_thighs": "the front of your thighs",
        "back_thighs": "the back of your thighs",
        "calves": "your calves",
    }
    if a.hard_run_felt_in in places:
        t.sign(1, f"Hard runs tire {places[a.hard_run_felt_in]} more than your glutes.")
    elif a.hard_run_felt_in == NOT_SURE:
        _hard_run_not_sure(t)
    if a.squeeze_standing is None:
        t.unknown(1, ("squeeze_standing",), skipped_note("squeeze_standing"))
    elif a.squeeze_standing != "clear":
        t.sign(1, "Your glutes do not switch on clearly when you squeeze them standing.")
    felt = _bridge_felt(t, a)
    if felt in ("hamstrings", "low_back"):
        where = "hamstrings" if felt == "hamstrings" else "low back"
        t.sign(1, f"You felt the glute bridge in your {where} rather than your glutes.")
    return t.result(3, ("arsenault_livestrong", "yuen_five_exercises"))


def rule_hamstring_dominance(a: Answers) -> RuleResult:
    """Score "hamstrings taking over hip extension", per side for the bridge test.

    Points (maximum 5): one past hamstring strain 1, two or more 2 (hamstrings
    that do the glutes' job get injured, Prince says, so past strains are worth a
    look at who does the work, not proof of it); the glute bridge felt in the
    hamstrings 1; hard runs felt most in the back of the thighs 1; fewer than
    :data:`BRIDGE_POOR_BELOW` single-leg bridges on a side 1 (a lower score
    predicted a later hamstring injury, found for the right leg: Freckleton et al.
    2014). A skipped test or a "Not sure" leaves its point unchecked.
    """
    t = _Tally()
    if a.hamstring_strains >= 2:
        t.sign(
            2,
            f"You have strained a hamstring {a.hamstring_strains} times. Prince warns that "
            "hamstrings doing the glutes' work get injured, and advises a physical therapist "
            "who works with runners when strains keep coming back.",
        )
    elif a.hamstring_strains == 1:
        t.sign(1, "You have strained a hamstring before (Prince).")
    if _bridge_felt(t, a) == "hamstrings":
        t.sign(1, "Your hamstrings did the work in the glute bridge.")
    if a.hard_run_felt_in == "back_thighs":
        t.sign(1, "Hard runs tire the back of your thighs most.")
    elif a.hard_run_felt_in == NOT_SURE:
        _hard_run_not_sure(t)
    weak = _per_leg(t, a, "bridge_reps", _below(BRIDGE_POOR_BELOW))
    if weak:
        t.sign(
            1,
            f"Low single-leg bridge score on the {_which(weak)}; in footballers a lower right-leg "
            "score went with a later right hamstring injury (Freckleton 2014).",
            weak,
        )
    return t.result(5, ("prince_uesca", "hodges_alp_fitness", "freckleton_2014"))


def rule_low_back_arching(a: Answers) -> RuleResult:
    """Score "arching the low back to fake hip extension".

    Points (maximum 3): the low back aches or arches when running 1; the glute
    bridge felt in the low back 1; a thigh above horizontal in the Thomas test 1,
    since runners with tight hip flexors often arch the low back instead (Prince).
    A skipped test or a "Not sure" leaves its point unchecked.
    """
    t = _Tally()
    if a.back_arch_running == "yes":
        t.sign(1, "Your low back aches or arches as your leg goes behind you.")
    elif a.back_arch_running == NOT_SURE:
        t.unknown(
            1,
            ("back_arch_running",),
            "Not known yet: you were not sure whether your low back aches or arches when you "
            "run; notice it on your next runs.",
        )
    if _bridge_felt(t, a) == "low_back":
        t.sign(1, "You felt the glute bridge in your low back: brace your abs (Arsenault).")
    _thigh_point(
        t, a, "Tight hip flexors tempt the low back to arch instead of the hip extending (Prince)."
    )
    return t.result(3, ("prince_uesca", "arsenault_livestrong"))


def rule_bouncing(a: Answers) -> RuleResult:
    """Score "bouncing up instead of driving forward".

    Points (maximum 2): told or seen bouncing a lot 2 (Prince: vertical
    oscillation means the glute max is not driving you forward). "Not sure"
    leaves both unchecked and suggests filming a run from the side.
    """
    t = _Tally()
    if a.bouncy_running == "yes":
        t.sign(
            2,
            "You bounce up and down a lot: effort going up instead of forward, in Prince's "
            "coaching view (we found no study of it).",
        )
    elif a.bouncy_running == NOT_SURE:
        t.unknown(
            2,
            ("bouncy_running",),
            "Not known yet: film a run from the side to see how much you bounce.",
        )
    return t.result(2, ("prince_uesca",))


def rule_skipping_strength_work(a: Answers) -> RuleResult:
    """Score "skipping strength work for fear of getting slow".

    Points (maximum 3): no strength sessions in a week 2, fewer than
    :data:`STRENGTH_SESSIONS_TARGET` 1 (Arsenault's deadlifts two to three times a
    week; ACSM 2-3 days a week for beginners, Ratamess et al. 2009); holding back
    for fear of getting slow 1 (Yuen calls that belief a misconception). "Not
    sure" about that fear leaves its point unchecked.
    """
    t = _Tally()
    sessions = a.strength_sessions_per_week
    if sessions == 0:
        t.sign(2, "You do no strength training in a normal week.")
    elif sessions < STRENGTH_SESSIONS_TARGET:
        t.sign(
            1,
            f"You do {sessions} strength session a week; two to three is the usual advice "
            "(Arsenault; Ratamess 2009).",
        )
    if a.fear_strength_slows == "yes":
        t.sign(
            1,
            "You hold back on strength work for fear of slowing down: a common "
            "misconception (Yuen).",
        )
    elif a.fear_strength_slows == NOT_SURE:
        t.unknown(
            1,
            ("fear_strength_slows",),
            "Not known yet: you were not sure whether you hold back on strength work for fear "
            "of slowing down.",
        )
    return t.result(3, ("yuen_five_exercises", "arsenault_livestrong", "ratamess_2009"))


#: One rule per obstacle, in :data:`~gluteutils.schema.OBSTACLE_IDS` order.
RULES: dict[str, Callable[[Answers], RuleResult]] = {
    "untaught_skill": rule_untaught_skill,
    "weak_unstable": rule_weak_unstable,
    "tight_hip_flexors": rule_tight_hip_flexors,
    "prolonged_sitting": rule_prolonged_sitting,
    "heel_raised_shoes": rule_heel_raised_shoes,
    "reliance_on_other_muscles": rule_reliance_on_other_muscles,
    "hamstring_dominance": rule_hamstring_dominance,
    "low_back_arching": rule_low_back_arching,
    "bouncing": rule_bouncing,
    "skipping_strength_work": rule_skipping_strength_work,
}

NO_SIGN = "No sign of this in your answers."
#: Said when no sign was found in what could be checked, but some of it could not.
NO_SIGN_SO_FAR = "No sign of this in the answers you could give."

# ------------------------------------------------------------------------------ profile


@dataclass(frozen=True)
class ObstacleScore:
    """The profile's verdict on one obstacle.

    Attributes
    ----------
    obstacle_id : str
        One of :data:`gluteutils.schema.OBSTACLE_IDS`.
    score : int
        0-100, the share of the rule's points the answers earned.
    level : str
        ``none``, ``low``, ``moderate`` or ``high`` (see :func:`level_for`).
    points, max_points : int
        Points earned and points possible.
    sides : str
        ``left``, ``right``, ``both`` or empty.
    reasons : tuple of str
        Why, in plain language, followed by notes on what could not be checked.
    sources : tuple of str
        ``source_id`` values behind the rule.
    unchecked_points : int
        Points of signs that could not be checked (a skipped test, a "Not
        sure" answer): neither found nor ruled out. 0 when everything was checked.
    unchecked : tuple of str
        The answer fields that left those points unchecked.
    """

    obstacle_id: str
    score: int
    level: str
    points: int
    max_points: int
    sides: str
    reasons: tuple[str, ...]
    sources: tuple[str, ...]
    unchecked_points: int = 0
    unchecked: tuple[str, ...] = ()

    @property
    def checked(self) -> str:
        """How much of the rule the answers could check: ``all``, ``part`` or ``none``.

        With ``none``, the score of 0 means "not known", not "no sign".
        """
        if self.unchecked_points <= 0:
            return "all"
        return "none" if self.unchecked_points >= self.max_points else "part"


@dataclass(frozen=True)
class ObstacleProfile:
    """A runner's obstacle profile: one :class:`ObstacleScore` per obstacle.

    Attributes
    ----------
    assessed_on : datetime.date
        Day of the assessment.
    scores : tuple of ObstacleScore
        In :data:`~gluteutils.schema.OBSTACLE_IDS` order.
    pain_now : int
        Pain reported at the time, 0-10.
    pain_where : str
        Where, as the runner typed it.
    advice : tuple of str
        Extra advice, for example when to see a physical therapist or to do a
        skipped test later.
    skipped : tuple of str
        The test answers the runner skipped (field names, in
        :data:`~gluteutils.assessment_questions.FIELDS` order); empty when every
        test was done.
    """

    assessed_on: date
    scores: tuple[ObstacleScore, ...]
    pain_now: int = 0
    pain_where: str = ""
    advice: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()

    def score_of(self, obstacle_id: str) -> ObstacleScore:
        """Return the score of one obstacle.

        Raises
        ------
        KeyError
            If the profile has no such obstacle.
        """
        for item in self.scores:
            if item.obstacle_id == obstacle_id:
                return item
        raise KeyError(f"the profile has no obstacle {obstacle_id!r}")

    def ranked(self) -> list[ObstacleScore]:
        """Return the scores from highest to lowest (ties keep the usual order).

        Obstacles the answers could not check at all come last.
        """
        return sorted(self.scores, key=lambda s: (s.checked == "none", -s.score))

    def unknown_label(self, score: ObstacleScore) -> str:
        """Say what was not known about one obstacle, for a table or a chart.

        Parameters
        ----------
        score : ObstacleScore
            One of this profile's scores.

        Returns
        -------
        str
            ``""`` when everything was checked; ``"not tested"`` (a skipped
            test) or ``"not sure"`` (only "Not sure" answers) when nothing
            was; ``"partly not tested"`` or ``"partly not sure"`` in between.
        """
        if score.checked == "all":
            return ""
        kind = "not tested" if set(score.unchecked) & set(self.skipped) else "not sure"
        return kind if score.checked == "none" else f"partly {kind}"

    def not_checked(self) -> tuple[str, ...]:
        """Return the ids of the obstacles the answers could not check at all."""
        return tuple(s.obstacle_id for s in self.scores if s.checked == "none")

    def skipped_tests(self) -> tuple[str, ...]:
        """Return the ``step_id`` of every test with a skipped answer, in test order."""
        steps = {FIELDS_BY_NAME[name].step for name in self.skipped if name in FIELDS_BY_NAME}
        return tuple(s for s in STEPS_BY_ID if s in steps)

    def to_frame(self) -> pd.DataFrame:
        """Return one row per obstacle, one column per :class:`ObstacleScore` attribute.

        ``reasons``, ``sources`` and ``unchecked`` stay tuples of str.
        """
        return pd.DataFrame(
            [{f.name: getattr(s, f.name) for f in fields(ObstacleScore)} for s in self.scores]
        )


def level_for(score: int) -> str:
    """Name the level of a 0-100 score: thirds of the range, 0 alone being ``none``.

    Examples
    --------
    >>> [level_for(s) for s in (0, 33, 34, 66, 67, 100)]
    ['none', 'low', 'moderate', 'moderate', 'high', 'high']
    """
    if score <= 0:
        return "none"
    if score <= 33:
        return "low"
    if score <= 66:
        return "moderate"
    return "high"


def _score(points: int, max_points: int) -> int:
    # Round half up, so 1 of 8 points is 13 rather than banker's 12.
    return int(100 * points / max_points + 0.5)


def _advice(a: Answers) -> tuple[str, ...]:
    advice = []
    if a.pain_now > 0:
        advice.append(
            f"You reported pain of {a.pain_now} out of 10. Exercises should not hurt: skip any "
            "that does, and see a clinician if the pain does not settle."
        )
    if a.hamstring_strains >= 2:
        advice.append(
            "With repeated hamstring strains, see a physical therapist or biomechanist who works "
            "with runners about your gait (Prince)."
        )
    if a.squeeze_lying == "none" and a.squeeze_standing == "none":
        advice.append(
            "You could not feel your glutes at all yet. Practise the squeeze every day; if they "
            "still do not switch on when you run, a physical therapist or biomechanist who works "
            "with runners can help (Prince)."
        )
    skipped = set(a.skipped())
    for step_id in TEST_STEP_IDS:
        names = {f.name for f in FIELDS if f.step == step_id}
        if not names & skipped:
            continue
        step = STEPS_BY_ID[step_id]
        part = "" if names <= skipped else "part of "
        title = step.title[0].lower() + step.title[1:]
        advice.append(
            f"You skipped {part}{title}. What it checks is marked not tested in your profile, "
            f"not counted as a result. {step.skip_advice}"
        )
    return tuple(advice)


def _reasons(result: RuleResult) -> tuple[str, ...]:
    """List a rule's reasons: signs found (or that none was), then what was not checked."""
    reasons = result.reasons
    if not reasons:
        if result.unchecked_points <= 0:
            reasons = (NO_SIGN,)
        elif result.unchecked_points < result.max_points:
            reasons = (NO_SIGN_SO_FAR,)
    return reasons + result.not_checked


def obstacle_profile(
    answers: Answers, assessed_on: date | None = None
) -> ObstacleProfile | Referral:
    """Turn checked answers into an obstacle profile, or a referral on a red flag.

    Parameters
    ----------
    answers : Answers
        From :func:`validate_answers`.
    assessed_on : datetime.date, optional
        Day of the assessment; today when omitted.

    Returns
    -------
    ObstacleProfile or Referral
        A :class:`Referral` ("see a clinician before training") when any red
        flag is ticked, otherwise one score per obstacle from :data:`RULES`.

    Examples
    --------
    >>> from gluteutils.assessment_questions import EXAMPLE_RAW
    >>> answers, _ = validate_answers(EXAMPLE_RAW)
    >>> profile = obstacle_profile(answers, date(2025, 3, 1))
    >>> profile.score_of("tight_hip_flexors").level
    'high'
    >>> profile.score_of("bouncing").checked  # the runner is not sure
    'none'
    """
    referral = check_red_flags(answers)
    if referral is not None:
        return referral
    scores = []
    for obstacle_id in OBSTACLE_IDS:
        result = RULES[obstacle_id](answers)
        score = _score(result.points, result.max_points)
        scores.append(
            ObstacleScore(
                obstacle_id=obstacle_id,
                score=score,
                level=level_for(score),
                points=result.points,
                max_points=result.max_points,
                sides=result.sides,
                reasons=_reasons(result),
                sources=result.sources,
                unchecked_points=result.unchecked_points,
                unchecked=result.unchecked,
            )
        )
    return ObstacleProfile(
        assessed_on=assessed_on or date.today(),
        scores=tuple(scores),
        pain_now=answers.pain_now,
        pain_where=answers.pain_where,
        advice=_advice(answers),
        skipped=answers.skipped(),
    )


def assess(
    raw: Mapping[str, object], assessed_on: date | None = None
) -> tuple[ObstacleProfile | Referral | None, dict[str, str]]:
    """Run the whole assessment on raw form answers: red flags, checks, profile.

    Parameters
    ----------
    raw : mapping of str to object
        Raw answers, as for :func:`validate_answers`.
    assessed_on : datetime.date, optional
        Day of the assessment; today when omitted.

    Returns
    -------
    result : ObstacleProfile, Referral or None
        A referral as soon as a red flag is ticked (the other answers are then not
        checked), ``None`` when answers need fixing, otherwise the profile.
    messages : dict of str to str
        Messages for wrong answers, by field name.
    """
    referral = check_red_flags(raw)
    if referral is not None:
        return referral, {}
    answers, messages = validate_answers(raw)
    if answers is None:
        return None, messages
    return obstacle_profile(answers, assessed_on), {}
