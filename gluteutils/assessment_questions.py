"""The questions of the self-assessment (notebook 03), as data.

The steps, their instructions, the fields and the red flags live here, so the form in
:mod:`gluteutils.assessment_form`, the notebook and the scoring rules in
:mod:`gluteutils.assessment` all read the same text. Cut-offs are named constants with
their sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FieldKind = Literal["choice", "yes_no", "integer", "number", "flag", "text"]

#: Longest free text kept for the pain location.
MAX_TEXT_LENGTH = 200

#: Modified Thomas test: a knee bent less than this (degrees from straight) means short
#: two-joint hip flexors. From Table 4 of a study protocol for children and young adults
#: with cerebral palsy (Valadão et al. 2021), whose reference values come from studies of
#: typically developing people; no norm for adults or athletes could be checked, so for
#: adult runners it is a rough guide.
THOMAS_KNEE_CUTOFF_DEG = 67

#: Single-leg stance hold asked for, in seconds: the top of the usual 10-30 s range
#: (Magee, secondary; MSK Medicine).
STANCE_TARGET_S = 30

#: Pain (0-10) at or above this stops the tests and exercises until a clinician has seen
#: the runner: this curriculum's safety line ("pain means stop", notebooks 03-06), a
#: planning threshold rather than a research cut-off. The tracker uses the same line.
PAIN_STOP = 4

#: Single-leg bridge norms (secondary: Nelson, Health HP, summarising Freckleton et al. 2014):
#: fewer than 20 repetitions is poor, about 25 average, more than 30 good.
BRIDGE_POOR_BELOW = 20
BRIDGE_GOOD_ABOVE = 30

#: Daily sitting bands of the pooled study by Ekelund et al. 2016 (under 4 h, over 8 h).
SITTING_LOW_BELOW_H = 4
SITTING_HIGH_ABOVE_H = 8

#: Raw answer meaning "this test was skipped or could not be done": the value of the
#: form's "Skipped / could not do" choice, and the token a clinic roster cell may hold.
#: Case and surrounding spaces do not matter. A skipped test is stored as ``None``.
SKIPPED = "skipped"
#: What the form shows for :data:`SKIPPED`.
SKIP_LABEL = "Skipped / could not do"
#: Value of the "Not sure" choices.
NOT_SURE = "not_sure"

#: Strength sessions a week below which strength work counts as skipped: Arsenault
#: puts the deadlifts at two to three times a week, and the ACSM suggests 2-3 days
#: a week for beginners (Ratamess et al. 2009).
STRENGTH_SESSIONS_TARGET = 2

SQUEEZE_CHOICES = (
    ("clear", "Clearly: both sides firm up"),
    ("faint", "A little, or only on one side"),
    ("none", "Not at all"),
)
YES_NO_UNSURE = (("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure"))
SQUAT_CHOICES = (
    ("good", "Good: steady, pelvis level, knee over the foot"),
    ("fair", "Fair: some wobble or the knee drifts in a little"),
    ("poor", "Poor: lost balance, pelvis dropped or the knee caved in"),
)


@dataclass(frozen=True)
class Step:
    """One step of the self-assessment: a test or a group of questions.

    Attributes
    ----------
    step_id : str
        Identifier, for example ``"thomas_test"``.
    title : str
        Heading shown to the runner.
    how_to : tuple of str
        Numbered instructions, one sentence each.
    look_for : str
        What to watch or feel, and how to answer.
    sources : tuple of str
        ``source_id`` values backing the instructions.
    skip_advice : str
        For a physical test: what to do when it was skipped (empty for the
        question groups, which cannot be skipped).
    """

    step_id: str
    title: str
    how_to: tuple[str, ...]
    look_for: str
    sources: tuple[str, ...] = ()
    skip_advice: str = ""


@dataclass(frozen=True)
class AnswerField:
    """One answer the form asks for.

    Attributes
    ----------
    name : str
        Attribute of :class:`Answers` and key of the raw answers.
    step : str
        ``step_id`` of the :class:`Step` it belongs to.
    item : str
        Self-assessment item (one of
        :data:`gluteutils.schema.ASSESSMENT_ITEM_IDS`, or ``"health"``).
    kind : {"choice", "yes_no", "integer", "number", "flag", "text"}
        How the raw value is checked: one of ``choices``; yes or no; a whole
        number; a number; a tick box (``True``/``False``); free text.
    label : str
        The question as the runner reads it.
    choices : tuple of (str, str)
        ``(value, label)`` pairs for ``choice`` fields.
    minimum, maximum : float or None
        Inclusive bounds for numbers.
    unit : str
        Unit of a number, for messages and labels.
    required : bool
        Whether an empty answer is an error.
    skippable : bool
        Whether the answer belongs to a physical test the runner may skip:
        :data:`SKIPPED` is then accepted and stored as ``None``.
    part : str
        For a skippable answer, what it measures in a few words (shared by
        the left and right answers), for the notes about a skipped test.
    """

    name: str
    step: str
    item: str
    kind: FieldKind
    label: str
    choices: tuple[tuple[str, str], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""
    required: bool = True
    skippable: bool = False
    part: str = ""


#: What to do about a skipped test, unless the test says otherwise.
_LATER = "Do it another day, when you can, to check what it measures."

#: The steps in the order the runner does them. Health questions come first, so a red
#: flag stops the runner before any test.
STEPS: tuple[Step, ...] = (
    Step(
        "health",
        "Before you start: a health check",
        (
            "Answer these questions before doing any test.",
            "Tick a box only if it is true for you now or in the last few weeks.",
            "You may leave out any test you cannot or should not do: choose "
            f"\u201c{SKIP_LABEL}\u201d for it (beside a number, tick that box). The profile "
            "then marks what the test checks as not tested; it never guesses a result.",
        ),
        "If you tick any box, the form will not score you: it tells you to see a clinician "
        "first. Those signs need a doctor or physical therapist, not exercises.",
        ("ahcpr_1994", "robertson_wood_2017", "bmc_labral_tear"),
    ),
    Step(
        "glute_squeeze",
        "Test 1: the glute squeeze, lying and standing",
        (
            "Lie face down with your legs straight.",
            "Picture a walnut between your buttocks and squeeze hard to crack it, then relax.",
            "Put a hand on each buttock to feel what happens.",
            "Stand up and do the same squeeze standing.",
        ),
        "Do both sides firm up under your hands, the way a biceps hardens when you bend the "
        "arm? Answer for lying and for standing.",
        ("arsenault_livestrong",),
        _LATER,
    ),
    Step(
        "bridge_feel",
        "Test 2: where you feel a glute bridge",
        (
            "Lie on your back, knees bent, feet flat and hip-width apart, heels 10-15 cm "
            "(4-6 inches) from your buttocks.",
            "Brace your abs so the pelvis does not tip forward, squeeze your glutes and push "
            "through your heels to lift your hips.",
            "Hold 1-3 seconds at the top, lower slowly, and do a few repetitions.",
        ),
        "Where did you feel the work most: the glutes, the back of the thighs (hamstrings), "
        "or the low back?",
        ("arsenault_livestrong",),
        _LATER,
    ),
    Step(
        "thomas_test",
        "Test 3: hip flexor length (modified Thomas test)",
        (
            "Sit on the very end of a sturdy table or bed, then roll onto your back while "
            "hugging both knees to your chest.",
            "Keep hugging one knee so your low back stays flat on the table; let the other "
            "leg hang down over the edge, relaxed.",
            "Have a helper look from the side, or take a photo: is the hanging thigh above "
            "horizontal (knee higher than the hip)?",
            "Estimate the knee angle: how far the knee is bent from straight. A shin hanging "
            "straight down from a level thigh is 90 degrees. To measure it, have a helper take "
            "a phone photo from the side, extend the line of the thigh past the knee and "
            "measure the angle between that line and the shin, with an angle-measuring app or "
            "a protractor on the photo.",
            "Swap legs and repeat.",
        ),
        "A thigh above horizontal points to short one-joint hip flexors; a knee bent less than "
        f"{THOMAS_KNEE_CUTOFF_DEG} degrees to short two-joint ones. These cut-offs come from a "
        "study protocol for young people with cerebral palsy, whose reference values come from "
        "typically developing people (Valadão et al. 2021, Table 4), not from adult runners: "
        "treat them as a rough guide. If your low back lifts off the table the test misleads "
        "(Vigotsky et al. 2016). "
        "The clinic behind Push with Your Tush shows its own home test only on video, so this "
        "is a published test we chose instead, not the clinic's.",
        ("push_with_your_tush", "valadao_2021", "vigotsky_2016"),
        _LATER,
    ),
    Step(
        "single_leg_stance",
        "Test 4: single-leg stance (Trendelenburg)",
        (
            "Stand in front of a mirror with your hands on your hips (or film yourself from "
            "behind).",
            "Lift one foot off the floor by bending the knee and stand on the other leg for "
            f"up to {STANCE_TARGET_S} seconds. A fingertip may touch a wall for balance, but "
            "lightly: leaning on it takes the weight the side glutes should hold, and can hide "
            "a drop.",
            "Watch the hip of the lifted leg and count the seconds you held.",
            "Swap legs and repeat. Answer for the leg you stood on.",
        ),
        "Does the pelvis drop on the side of the lifted leg? A drop suggests weak gluteus "
        "medius and minimus on the standing side, or a hip problem worth having checked "
        "(MSK Medicine; Magee, secondary).",
        ("yuen_five_exercises", "mskmedicine_trendelenburg", "magee_orthopedic_assessment"),
        _LATER,
    ),
    Step(
        "single_leg_bridge",
        "Test 5: single-leg bridge to failure",
        (
            "If you have strained a hamstring in the last few months or it is still sore, "
            f"do not test it to failure: choose \u201c{SKIP_LABEL}\u201d for that leg (or both), "
            "and do the test once it has settled, or ask a clinician first (this curriculum's "
            "caution).",
            "Lie on your back with one heel on a box or bench about 60 cm high (most chairs "
            "are too low), that knee slightly bent (about 20 degrees).",
            "Lift the other leg so its thigh points straight up, and cross your arms on your "
            "chest.",
            "Push down through the heel to lift your hips until they are straight, lower, and "
            "repeat as many times as you can with good form.",
            "Rest, then test the other leg. Stop at once if your hamstring cramps or hurts.",
        ),
        "Count the repetitions on each leg (the leg on the box). Commonly quoted norms "
        f"(secondary): under {BRIDGE_POOR_BELOW} poor, about 25 average, over "
        f"{BRIDGE_GOOD_ABOVE} good. In footballers a lower right-leg score went with a later "
        "right hamstring injury (Freckleton et al. 2014).",
        ("freckleton_2014", "nelson_healthhp_bridge"),
        "Do it when you can: if a sore or recently strained hamstring stopped you, wait until "
        "it has settled, or ask a clinician first.",
    ),
    Step(
        "single_leg_squat",
        "Test 6: single-leg squat",
        (
            "Stand on one leg in front of a mirror with your arms crossed on your chest.",
            "Squat down slowly as far as you comfortably can and stand back up; repeat a few "
            "times.",
            "Swap legs. Answer for the leg you stood on.",
        ),
        "Rate it good, fair or poor: watch your balance, trunk, pelvis and whether the knee "
        "stays over the foot. Good performers have stronger hip muscles (Crossley et al. 2011).",
        ("crossley_2011",),
        _LATER,
    ),
    Step(
        "habits",
        "Your habits",
        ("Answer for a normal week.",),
        "Sitting, shoes, strength work and old injuries all shape how your glutes work.",
        ("hodges_alp_fitness", "yuen_five_exercises", "prince_uesca", "ekelund_2016"),
    ),
    Step(
        "running",
        "How your running feels",
        ("Think of your last few hard runs or hills, and of any video or coach's comments.",),
        "Where the work is felt, and how you move, hint at which muscles carry you.",
        ("arsenault_livestrong", "prince_uesca"),
    ),
    Step(
        "after_tests",
        "After the tests",
        ("One last question about how the tests felt.",),
        "Effort and a stretch are fine; pain is not.",
    ),
)

#: Red-flag questions: field name -> (question, plain reason shown in the referral, sources).
RED_FLAGS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "flag_worsening_pain": (
        "Pain in the back, hip or leg that keeps getting worse over days or weeks",
        "Pain that keeps getting worse needs to be looked at before training, not trained "
        "through (this curriculum's caution).",
        (),
    ),
    "flag_numbness": (
        "Numbness, tingling or pins and needles in a leg or foot",
        "Numbness or tingling in a leg should be checked before you train (this curriculum's "
        "caution).",
        (),
    ),
    "flag_leg_weakness": (
        "A leg that feels weak or gives way, and is getting worse",
        "Weakness in a leg that is getting worse is a nerve warning sign.",
        ("ahcpr_1994",),
    ),
    "flag_groin_pain": (
        "Deep pain in the groin or front of the hip that gets worse when you run, makes "
        "you limp, or hurts when you walk",
        "Deep groin pain that grows with running, or makes you limp or hurts on walking, can "
        "be a stress fracture of the hip (femoral neck); it must be checked early.",
        ("robertson_wood_2017",),
    ),
    "flag_hip_catching": (
        "A hip that catches, locks or clicks painfully",
        "A painful catching or locking hip can be a torn labrum (the rim of the hip socket).",
        ("bmc_labral_tear",),
    ),
    "flag_night_pain": (
        "Pain at night, or pain that is worse when you lie down",
        "Pain at night or when lying down is a sign that needs a clinician.",
        ("ahcpr_1994",),
    ),
    "flag_saddle_bladder": (
        "Numbness between the legs or around the buttocks (the 'saddle' area), or new "
        "trouble controlling your bladder",
        "Saddle numbness or new bladder trouble can mean pressure on the nerves at the base "
        "of the spine: get medical help urgently.",
        ("ahcpr_1994",),
    ),
    "flag_trauma": (
        "A recent fall, crash or blow to the back, hip or leg",
        "A recent fall or injury should be checked before you load the area.",
        ("ahcpr_1994",),
    ),
    "flag_systemic": (
        "Fever, weight loss you cannot explain, or a history of cancer",
        "Fever, unexplained weight loss or a past cancer together with pain need a doctor's check.",
        ("ahcpr_1994",),
    ),
    "flag_test_pain": (
        "One of the tests caused pain (more than effort or a stretch)",
        "A test hurt. Exercises and tests should never be painful.",
        (),
    ),
}

#: What the runner is told when a red flag is ticked.
REFERRAL_MESSAGE = (
    "See a clinician before training. One or more of your answers can be a sign of a problem "
    "that glute exercises will not fix, and some need to be checked soon. Do not do the tests "
    "or the exercises until a doctor or physical therapist has seen you."
)


def _side_fields(
    stem: str, step: str, item: str, kind: FieldKind, label: str, **extra: object
) -> tuple[AnswerField, ...]:
    fields_ = []
    for side in ("left", "right"):
        text = label.format(side=side)
        fields_.append(
            AnswerField(f"{stem}_{side}", step, item, kind, text[0].upper() + text[1:], **extra)  # type: ignore[arg-type]
        )
    return tuple(fields_)


#: Every answer, in the order the form asks them.
FIELDS: tuple[AnswerField, ...] = (
    AnswerField(
        "pain_now",
        "health",
        "health",
        "integer",
        "Pain right now in your back, hips or legs (0 = none, 10 = the worst imaginable)",
        minimum=0,
        maximum=10,
    ),
    AnswerField(
        "pain_where",
        "health",
        "health",
        "text",
        "Where is it? (leave empty if you have no pain)",
        required=False,
    ),
    *(
        AnswerField(
            name, "after_tests" if name == "flag_test_pain" else "health", "health", "flag", q
        )
        for name, (q, _reason, _src) in RED_FLAGS.items()
    ),
    AnswerField(
        "squeeze_lying",
        "glute_squeeze",
        "glute_squeeze",
        "choice",
        "Lying face down: did you feel your glutes tighten?",
        choices=SQUEEZE_CHOICES,
        skippable=True,
        part="the lying glute squeeze",
    ),
    AnswerField(
        "squeeze_standing",
        "glute_squeeze",
        "glute_squeeze",
        "choice",
        "Standing: did you feel your glutes tighten?",
        choices=SQUEEZE_CHOICES,
        skippable=True,
        part="the standing glute squeeze",
    ),
    AnswerField(
        "bridge_felt_in",
        "bridge_feel",
        "bridge_feel",
        "choice",
        "Where did you feel the bridge most?",
        choices=(
            ("glutes", "In my glutes"),
            ("hamstrings", "In the back of my thighs (hamstrings), or they cramped"),
            ("low_back", "In my low back"),
            ("not_sure", "Not sure"),
        ),
        skippable=True,
        part="the glute bridge",
    ),
    *_side_fields(
        "thomas_thigh_above",
        "thomas_test",
        "thomas_test",
        "yes_no",
        "{side} leg hanging: was the thigh above horizontal?",
        skippable=True,
        part="the thigh height in the Thomas test",
    ),
    *_side_fields(
        "thomas_knee_angle",
        "thomas_test",
        "thomas_test",
        "number",
        "{side} leg hanging: knee angle, degrees bent from straight",
        minimum=0,
        maximum=180,
        unit="degrees",
        skippable=True,
        part="the knee angle in the Thomas test",
    ),
    *_side_fields(
        "stance_pelvis_drops",
        "single_leg_stance",
        "single_leg_stance",
        "yes_no",
        "Standing on your {side} leg: did the other side of the pelvis drop?",
        skippable=True,
        part="the pelvis check in the single-leg stance",
    ),
    *_side_fields(
        "stance_seconds",
        "single_leg_stance",
        "single_leg_stance",
        "number",
        "Standing on your {side} leg: seconds held (stop at " + str(STANCE_TARGET_S) + ")",
        minimum=0,
        maximum=600,
        unit="seconds",
        skippable=True,
        part="the single-leg stance time",
    ),
    *_side_fields(
        "bridge_reps",
        "single_leg_bridge",
        "single_leg_bridge",
        "integer",
        "{side} heel on the box: repetitions",
        minimum=0,
        maximum=100,
        unit="repetitions",
        skippable=True,
        part="the single-leg bridge to failure",
    ),
    *_side_fields(
        "squat_quality",
        "single_leg_squat",
        "single_leg_squat",
        "choice",
        "Standing on your {side} leg: how did the squat look?",
        choices=SQUAT_CHOICES,
        skippable=True,
        part="the single-leg squat",
    ),
    AnswerField(
        "sitting_hours",
        "habits",
        "sitting_hours",
        "number",
        "Hours you sit on a normal day (work, travel, evenings)",
        minimum=0,
        maximum=24,
        unit="hours",
    ),
    AnswerField(
        "shoes",
        "habits",
        "shoes",
        "choice",
        "Your usual running shoes",
        choices=(
            ("heel_raised", "Raised heel (a thicker sole under the heel than the toes)"),
            ("flat", "Flat or nearly flat"),
            ("not_sure", "Not sure"),
        ),
    ),
    AnswerField(
        "strength_sessions_per_week",
        "habits",
        "strength_habits",
        "integer",
        "Strength-training sessions in a normal week",
        minimum=0,
        maximum=14,
        unit="sessions",
    ),
    AnswerField(
        "fear_strength_slows",
        "habits",
        "strength_habits",
        "choice",
        "Do you hold back on strength work because it might make you slower?",
        choices=YES_NO_UNSURE,
    ),
    AnswerField(
        "hamstring_strains",
        "habits",
        "hamstring_history",
        "integer",
        "Hamstring strains you have had",
        minimum=0,
        maximum=50,
        unit="strains",
    ),
    AnswerField(
        "hard_run_felt_in",
        "running",
        "running_feel",
        "choice",
        "After a hard run or hills, what is most tired?",
        choices=(
            ("glutes", "My glutes"),
            ("front_thighs", "The front of my thighs (quads)"),
            ("back_thighs", "The back of my thighs (hamstrings)"),
            ("calves", "My calves"),
            ("evenly", "All about evenly"),
            ("not_sure", "Not sure"),
        ),
    ),
    AnswerField(
        "bouncy_running",
        "running",
        "bounce_check",
        "choice",
        "Have you been told, or seen on video, that you bounce up and down a lot?",
        choices=YES_NO_UNSURE,
    ),
    AnswerField(
        "back_arch_running",
        "running",
        "back_check",
        "choice",
        "Does your low back ache after runs, or arch as your leg goes behind you?",
        choices=YES_NO_UNSURE,
    ),
)

FIELDS_BY_NAME: dict[str, AnswerField] = {f.name: f for f in FIELDS}

#: The physical tests: steps whose answers may be :data:`SKIPPED`.
TEST_STEP_IDS: tuple[str, ...] = tuple(
    s.step_id for s in STEPS if any(f.skippable for f in FIELDS if f.step == s.step_id)
)
STEPS_BY_ID: dict[str, Step] = {s.step_id: s for s in STEPS}


def is_skip(value: object) -> bool:
    """Return whether a raw answer says the test was skipped (:data:`SKIPPED`).

    Examples
    --------
    >>> is_skip(" Skipped "), is_skip(""), is_skip(None)
    (True, False, False)
    """
    return isinstance(value, str) and value.strip().lower() == SKIPPED


@dataclass(frozen=True)
class Answers:
    """A runner's checked answers; build it with :func:`validate_answers`.

    Sides are named after the leg tested: the hanging leg in the Thomas test, the
    standing leg in the stance and squat tests, the leg on the box in the bridge.
    See :data:`FIELDS` for the question behind each attribute.

    The answers of the physical tests (the fields with ``skippable`` set) are
    ``None`` when the runner skipped that test or could not do it: no result
    is known, and the scoring rules treat it as unknown, never as a result.
    """

    pain_now: int
    pain_where: str
    flag_worsening_pain: bool
    flag_numbness: bool
    flag_leg_weakness: bool
    flag_groin_pain: bool
    flag_hip_catching: bool
    flag_night_pain: bool
    flag_saddle_bladder: bool
    flag_trauma: bool
    flag_systemic: bool
    flag_test_pain: bool
    squeeze_lying: str | None
    squeeze_standing: str | None
    bridge_felt_in: str | None
    thomas_thigh_above_left: bool | None
    thomas_thigh_above_right: bool | None
    thomas_knee_angle_left: float | None
    thomas_knee_angle_right: float | None
    stance_pelvis_drops_left: bool | None
    stance_pelvis_drops_right: bool | None
    stance_seconds_left: float | None
    stance_seconds_right: float | None
    bridge_reps_left: int | None
    bridge_reps_right: int | None
    squat_quality_left: str | None
    squat_quality_right: str | None
    sitting_hours: float
    shoes: str
    strength_sessions_per_week: int
    fear_strength_slows: str
    hamstring_strains: int
    hard_run_felt_in: str
    bouncy_running: str
    back_arch_running: str

    def side(self, stem: str, side: str) -> object:
        """Return the answer ``<stem>_<side>``, for example ``side("bridge_reps", "left")``."""
        return getattr(self, f"{stem}_{side}")

    def skipped(self) -> tuple[str, ...]:
        """Return the names of the test answers that were skipped, in :data:`FIELDS` order."""
        return tuple(f.name for f in FIELDS if f.skippable and getattr(self, f.name) is None)


#: Answers of an imagined runner, as the form would pass them (numbers as typed text).
EXAMPLE_RAW: dict[str, object] = {
    "pain_now": "0",
    "pain_where": "",
    **dict.fromkeys(RED_FLAGS, False),
    "squeeze_lying": "clear",
    "squeeze_standing": "faint",
    "bridge_felt_in": "hamstrings",
    "thomas_thigh_above_left": True,
    "thomas_thigh_above_right": False,
    "thomas_knee_angle_left": "60",
    "thomas_knee_angle_right": "85",
    "stance_pelvis_drops_left": False,
    "stance_pelvis_drops_right": True,
    "stance_seconds_left": "30",
    "stance_seconds_right": "30",
    "bridge_reps_left": "26",
    "bridge_reps_right": "17",
    "squat_quality_left": "good",
    "squat_quality_right": "fair",
    "sitting_hours": "9",
    "shoes": "flat",
    "strength_sessions_per_week": "1",
    "fear_strength_slows": "no",
    "hamstring_strains": "1",
    "hard_run_felt_in": "back_thighs",
    "bouncy_running": "not_sure",
    "back_arch_running": "no",
}
