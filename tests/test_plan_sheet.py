"""The printable plan sheet (HTML) and the dose text it shares with the calendar."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from gluteutils.errors import DataValidationError
from gluteutils.plan_sheet import log_boxes, plan_to_html
from gluteutils.plan_text import exercise_label, minutes_text, prescription_text

from .plan_strategies import HOSTILE_TEXT, plans, small_plan


class _Outline(HTMLParser):
    """Collect the tags, attributes and text of a page, and check it nests properly."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.rows: list[list[str]] = []  # classes of the cells of each prescription row
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "tr" and attributes.get("class") == "prescription":
            self.rows.append([])
        if tag == "td" and self.rows and "tr" in self.stack:
            self.rows[-1].append(attributes.get("class") or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    parser.close()
    assert not parser.errors
    assert not parser.stack
    return parser


def test_sheet_is_a_standalone_page_with_print_css() -> None:
    page = plan_to_html(small_plan())
    assert page.startswith("<!DOCTYPE html>")
    outline = _outline(page)
    tags = [t for t, _ in outline.tags]
    assert tags.count("html") == 1
    assert tags.count("h1") == 1
    assert "script" not in tags
    assert not [a for _, a in outline.tags if a.get("src") or a.get("href")]  # nothing external
    assert "@media print" in page
    assert "break-before: page" in page
    assert ("meta", {"charset": "utf-8"}) in outline.tags


def test_one_section_per_week_and_one_table_per_day() -> None:
    plan = small_plan()
    later = plan.copy()
    later["week"] = later["week"].astype("Int64") + 1
    later["date"] = [d.replace(day=d.day + 7) for d in later["date"]]
    later["row_id"] = [
        f"{d}-{s}-{o}"
        for d, s, o in zip(later["date"], later["session"], later["order"], strict=True)
    ]
    two_weeks = pd.concat([plan, later], ignore_index=True)
    outline = _outline(plan_to_html(two_weeks))
    sections = [a["id"] for t, a in outline.tags if t == "section"]
    tables = [a["id"] for t, a in outline.tags if t == "table"]
    assert sections == ["week-1", "week-2"]
    assert tables == ["day-2025-03-03", "day-2025-03-05", "day-2025-03-10", "day-2025-03-12"]
    text = "".join(outline.text)
    assert "Monday 3 March 2025: about 24.5 min" in text
    assert "Week 2: activate stage" in text


def test_every_prescription_gets_a_log_box_per_set_and_a_notes_box() -> None:
    plan = small_plan()
    outline = _outline(plan_to_html(plan))
    assert len(outline.rows) == len(plan)
    for cells, (_, row) in zip(outline.rows, plan.iterrows(), strict=True):
        logs = [c for c in cells if c == "log"]
        assert len(logs) == log_boxes(row)
        assert cells[-1] == "log notes"
    # the deadlift has 2 sets, the squeeze none (one "done" box)
    assert [log_boxes(r) for _, r in plan.iterrows()] == [1, 2, 1, 2]
    # on Monday the squeeze row pads the second set column with a shaded box
    assert outline.rows[0].count("na") == 1
    assert outline.rows[1].count("na") == 0


def test_set_boxes_name_what_to_write() -> None:
    page = plan_to_html(small_plan())
    assert '<span class="slot">reps</span><span class="slot">kg</span>' in page
    assert '<span class="slot">done</span>' in page


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_all_plan_text_is_escaped(hostile: str) -> None:
    plan = small_plan(hostile)
    for column in ("exercise_name", "load_guidance", "cues", "substituted_for"):
        plan[column] = [hostile] * len(plan)
    page = plan_to_html(plan)
    outline = _outline(page)
    assert "img" not in [t for t, _ in outline.tags]
    assert "<img" not in page
    text = "".join(outline.text)
    assert hostile in text  # shown, as text
    assert f"Glute plan: {hostile}" in text


def test_hostile_markup_is_entity_escaped() -> None:
    page = plan_to_html(small_plan('<img src=x onerror=alert(1)>"'))
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;" in page


def test_missing_column_is_refused() -> None:
    with pytest.raises(DataValidationError, match="cues"):
        plan_to_html(small_plan().drop(columns=["cues"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(max_rows=8))
def test_any_plan_gives_well_formed_escaped_html(plan: pd.DataFrame) -> None:
    page = plan_to_html(plan)
    outline = _outline(page)
    assert len(outline.rows) == len(plan)
    assert {t for t, _ in outline.tags} <= {
        "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p",
        "section", "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "div",
    }  # fmt: skip


# --- dose text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "text"),
    [
        (
            {"sets": 2, "reps_min": 8, "reps_max": 12, "side": "each_side", "rest_s": 60},
            "2 x 8-12 each side, rest 60 s",
        ),
        ({"sets": 3, "reps_min": 10, "reps_max": 10, "side": "both"}, "3 x 10"),
        ({"sets": 2, "hold_s": 30, "side": "each_side"}, "2 x 30 s hold each side"),
        ({"hold_s": 3, "side": "alternating"}, "hold 3 s alternating legs"),
        ({"sets": 2, "reps_min": 8, "reps_max": 12, "hold_s": 2}, "2 x 8-12, hold 2 s each rep"),
        ({"reps_min": 15, "reps_max": 20, "side": "both"}, "15-20 reps"),
        ({"sets": pd.NA, "reps_min": pd.NA, "minutes": 7.5, "side": "both"}, "7.5 min"),
        ({"sets": 2, "side": "both", "rest_s": 0}, "2 sets"),
        # band walks count steps to one side and back, as Arsenault writes the dose
        (
            {"exercise_id": "band_walk_knees", "sets": 3, "reps_min": 15, "reps_max": 20},
            "3 x 15-20 steps each way",
        ),
        ({"exercise_id": "glute_bridge", "sets": 3, "reps_min": 8, "reps_max": 12}, "3 x 8-12"),
    ],
)
def test_prescription_text(row: dict[str, object], text: str) -> None:
    assert prescription_text(row) == text


def test_minutes_text_rounds_to_one_decimal() -> None:
    assert minutes_text(25.0) == "25 min"
    assert minutes_text(2.54) == "2.5 min"
    assert minutes_text(0.04) == "0 min"


def test_exercise_label_names_library_exercises_and_keeps_other_text() -> None:
    assert exercise_label("trap_bar_deadlift") == "Trap-bar deadlift"
    assert exercise_label("<b>not an id</b>") == "<b>not an id</b>"


def test_sheet_lists_the_cautions_of_its_exercises_once() -> None:
    plan = small_plan()
    page = plan_to_html(pd.concat([plan, plan], ignore_index=True))
    _outline(page)
    assert page.count("Leave it out while a hamstring strain is recent") == 1
    assert "a clinician says so: <b>Single-leg deadlift with dumbbells</b>.</li>" in page
    assert "rather than working the hips and legs: <b>Trap-bar deadlift</b>.</li>" in page
    assert "<b>Glute squeeze" not in page  # no cautions, not listed
    plan.loc[2, ["exercise_id", "exercise_name"]] = ["b_skip", "B-skip"]
    shared = plan_to_html(plan)
    assert shared.count("Leave it out while a hamstring strain is recent") == 1
    assert "says so: <b>B-skip, Single-leg deadlift with dumbbells</b>.</li>" in shared
    plain = plan[plan["exercise_id"] == "glute_squeeze_prone"]
    assert 'class="cautions"' not in plan_to_html(plain)


def test_log_boxes_ask_for_a_weight_only_on_loaded_lifts() -> None:
    plan = small_plan()
    plan.loc[3, ["exercise_id", "exercise_name"]] = ["glute_bridge", "Glute bridge"]
    plan = pd.concat(
        [
            plan,
            plan.iloc[[3]].assign(
                row_id="2025-03-05-strength-2",
                order=2,
                exercise_id="band_walk_knees",
                exercise_name="Band walks (band above the knees)",
            ),
        ],
        ignore_index=True,
    )
    page = plan_to_html(plan)
    rows = {r.split('"', 1)[0]: r for r in page.split('data-row-id="')[1:]}
    deadlift, bridge, walk = (
        rows[next(k for k in rows if k.endswith(end))]
        for end in ("03-strength-1", "05-strength-1", "05-strength-2")
    )
    assert deadlift.count('<span class="slot">reps</span><span class="slot">kg</span>') == 2
    assert '<span class="slot">reps</span></td>' in bridge
    assert ">kg<" not in bridge
    assert '<span class="slot">steps</span></td>' in walk
    assert ">kg<" not in walk


def test_sheet_says_to_learn_loaded_lifts_light() -> None:
    assert "Learn each loaded lift with a light load first" in plan_to_html(small_plan())


def test_sheet_names_the_replaced_exercise() -> None:
    page = plan_to_html(small_plan())
    assert '<div class="cue">instead of Trap-bar deadlift</div>' in page
