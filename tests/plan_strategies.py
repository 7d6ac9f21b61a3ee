"""Hypothesis strategies and hand-made plans that follow the plan contract (plan_columns.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import strategies as st

from gluteutils.plan_columns import LOAD_UNITS, PLAN_STAGES, SESSIONS, SIDES, WEEKDAYS
from gluteutils.plan_csv import as_plan_frame

#: Text that has broken CSV files, spreadsheets or web pages somewhere.
HOSTILE_TEXT = (
    '=HYPERLINK("http://x")',
    "<img src=x onerror=alert(1)>",
    "\uff1dSUM(A1)",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "a\rb",
    "line one\r\nline two\nthree",
    '"quoted", with; separators\t and tabs',
    "'=already protected",
    "NA",
    "None",
    "null",
    " padded ",
    "Zoë Müller-Łukasiewicz 山田 🏃",
    "x\x00y",
    "BEGIN:VEVENT",
)

_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
)
# required text cells must hold something besides spaces
_required_text = _text.filter(lambda s: bool(s.strip()))
_maybe_int = st.one_of(st.none(), st.integers(1, 10))


@st.composite
def plans(draw: st.DrawFn, max_rows: int = 12) -> pd.DataFrame:
    """Draw a plan frame with contract dtypes, consistent derived cells and hostile text."""
    start = draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 1)))
    slots = draw(
        st.lists(
            st.tuples(st.integers(0, 16 * 7 - 1), st.sampled_from(SESSIONS), st.integers(1, 9)),
            min_size=1,
            max_size=max_rows,
            unique=True,
        )
    )
    slots.sort(key=lambda s: (s[0], SESSIONS.index(s[1]), s[2]))
    athlete = draw(_required_text)
    units = draw(st.sampled_from(LOAD_UNITS))
    columns: dict[str, list[object]] = {}

    def put(name: str, value: object) -> None:
        columns.setdefault(name, []).append(value)

    for offset, session, order in slots:
        day = start + timedelta(days=offset)
        put("row_id", f"{day.isoformat()}-{session}-{order}")
        put("athlete", athlete)
        put("date", day)
        put("week", offset // 7 + 1)
        put("weekday", WEEKDAYS[day.weekday()])
        put("session", session)
        put("order", order)
        put("exercise_id", draw(st.from_regex(r"[a-z0-9_]{1,24}", fullmatch=True)))
        put("exercise_name", draw(_required_text))
        put("stage", draw(st.sampled_from(PLAN_STAGES)))
        put("sets", draw(_maybe_int))
        put("reps_min", draw(st.one_of(st.none(), st.integers(1, 100))))
        put("reps_max", draw(st.one_of(st.none(), st.integers(1, 100))))
        put("hold_s", draw(st.one_of(st.none(), st.integers(1, 600))))
        put("side", draw(st.sampled_from(SIDES)))
        put("rest_s", draw(st.one_of(st.none(), st.integers(0, 1800))))
        put("minutes", draw(st.floats(0, 120, allow_nan=False, allow_subnormal=True)))
        put("load_guidance", draw(_text))
        put("cues", draw(_text))
        put("substituted_for", draw(_text))
        put("lighter_week", draw(st.sampled_from(("yes", "no"))))
        put("units", units)
    return as_plan_frame(columns)


def small_plan(athlete: str = "Ana") -> pd.DataFrame:
    """Return a hand-made four-row plan over two days (doses from the exercise library)."""
    mon, wed = date(2025, 3, 3), date(2025, 3, 5)
    return as_plan_frame(
        {
            "row_id": [
                f"{mon}-activation-1",
                f"{mon}-strength-1",
                f"{wed}-pre_run-1",
                f"{wed}-strength-1",
            ],
            "athlete": [athlete] * 4,
            "date": [mon, mon, wed, wed],
            "week": [1, 1, 1, 1],
            "weekday": ["mon", "mon", "wed", "wed"],
            "session": ["activation", "strength", "pre_run", "strength"],
            "order": [1, 1, 1, 1],
            "exercise_id": [
                "glute_squeeze_prone",
                "trap_bar_deadlift",
                "wall_iso_march_slow",
                "single_leg_deadlift",
            ],
            "exercise_name": [
                "Glute squeeze, lying face down",
                "Trap-bar deadlift",
                "Wall glute iso march (slow hold)",
                "Single-leg deadlift with dumbbells",
            ],
            "stage": ["activate", "strengthen", "activate", "strengthen"],
            "sets": [None, 2, None, 2],
            "reps_min": [None, 4, None, 6],
            "reps_max": [None, 8, None, 10],
            "hold_s": [None, None, 3, None],
            "side": ["both", "both", "alternating", "each_side"],
            "rest_s": [None, 180, None, None],
            "minutes": [15.0, 9.5, 2.5, 6.5],
            "load_guidance": ["", "heavy, good form", "", ""],
            "cues": ["Crack the walnut", "Drive the floor away", "", ""],
            "substituted_for": ["", "", "", "trap_bar_deadlift"],
            "lighter_week": ["no", "no", "no", "no"],
            "units": ["kg"] * 4,
        }
    )
