"""Tests of the exercise browser widget (no kernel: set values, click, read attributes)."""

from __future__ import annotations

import pandas as pd
import pytest

from gluteutils import load_table
from gluteutils.exercise_browser import NO_MATCH, ExerciseBrowser, card_html
from gluteutils.exercises import exercise_card

HOSTILE = '<img src=x onerror="alert(1)">'


@pytest.fixture
def browser() -> ExerciseBrowser:
    return ExerciseBrowser()


def test_starts_with_every_exercise_and_a_card(browser: ExerciseBrowser) -> None:
    total = len(browser.library)
    assert len(browser.filtered) == total
    assert browser.count.value == f"{total} of {total} exercises match."
    assert browser.message == ""
    assert browser.card is not None
    assert browser.card.exercise_id == browser.library["exercise_id"].iloc[0]
    assert browser.card_box.value == browser.card_html
    assert "Glute squeeze, lying face down" in browser.table_html


def test_obstacle_filter_narrows_table_and_card(browser: ExerciseBrowser) -> None:
    browser.obstacle.value = "tight_hip_flexors"
    assert list(browser.filtered["exercise_id"]) == ["hip_flexor_stretch"]
    assert "Half-kneeling hip flexor stretch" in browser.table_html
    assert "Glute bridge" not in browser.table_html
    assert browser.card is not None
    assert browser.card.exercise_id == "hip_flexor_stretch"
    assert "Tail down, glute on" in browser.card_html


def test_muscle_level_and_category_filters(browser: ExerciseBrowser) -> None:
    browser.muscle.value = "glute_med"
    browser.level.value = "beginner"
    browser.category.value = "strength"
    assert not browser.filtered.empty
    assert all("glute_med" in m for m in browser.filtered["primary_muscles"])
    assert set(browser.filtered["level"]) == {"beginner"}
    assert set(browser.filtered["category"]) == {"strength"}


def test_equipment_filter_only_when_ticked(browser: ExerciseBrowser) -> None:
    browser.equipment.value = ("trap_bar",)
    assert len(browser.filtered) == len(browser.library)  # box not ticked: no filter
    browser.equipment_only.value = True
    ids = set(browser.filtered["exercise_id"])
    assert "trap_bar_deadlift" in ids
    assert "single_leg_deadlift" not in ids
    browser.equipment.value = ()
    assert set(browser.filtered["equipment"].map(tuple)) == {("none",)}


def test_no_match_shows_a_message_and_no_card(browser: ExerciseBrowser) -> None:
    browser.obstacle.value = "tight_hip_flexors"
    browser.category.value = "drill"
    assert browser.filtered.empty
    assert browser.message == NO_MATCH
    assert "No exercise matches" in browser.message_box.value
    assert browser.table_html == ""
    assert browser.card is None
    assert browser.card_box.value == ""
    assert browser.exercise.options == ()
    assert browser.count.value.startswith("0 of")


def test_obstacle_without_exercises_shows_its_advice(browser: ExerciseBrowser) -> None:
    # No source ties an exercise to heel-raised shoes, so the library links none to them:
    # the browser says so and gives the obstacle's advice instead of "change a filter".
    browser.obstacle.value = "heel_raised_shoes"
    assert browser.filtered.empty
    assert browser.message != NO_MATCH
    assert browser.message.startswith("No exercise in the library is linked to 'Heel-raised")
    assert "What helps: Know the heel height" in browser.message
    assert "What helps: Know the heel height" in browser.message_box.value
    assert browser.card is None
    browser.obstacle.value = "bouncing"
    assert not browser.filtered.empty
    assert browser.message == ""


def test_choosing_an_exercise_shows_its_card(browser: ExerciseBrowser) -> None:
    browser.exercise.value = "side_plank_abduction"
    assert browser.card is not None
    assert browser.card.name == "Side plank with hip abduction"
    html = browser.card_box.value
    assert "103 % MVIC (Boren et al. 2011, secondary summary)" in html
    assert "Dose:</b> 2-4 x 8-12 per side" in html
    assert "Side-lying hip abduction" in html  # an easier variation, by name


def test_card_says_when_to_leave_an_exercise_out_before_how_to(
    browser: ExerciseBrowser,
) -> None:
    browser.exercise.value = "single_leg_hop"
    html = browser.card_box.value
    assert 'class="gfr-exercise-cautions"' in html
    assert "while a knee or Achilles tendon hurts" in html
    assert html.index("Take care") < html.index("How to:")
    browser.exercise.value = "glute_bridge"  # no cautions: no empty heading
    assert "Take care" not in browser.card_box.value


def test_card_stays_on_an_exercise_that_still_matches(browser: ExerciseBrowser) -> None:
    browser.exercise.value = "glute_bridge"
    browser.obstacle.value = "low_back_arching"
    assert browser.card is not None
    assert browser.card.exercise_id == "glute_bridge"
    browser.obstacle.value = "tight_hip_flexors"
    assert browser.card.exercise_id == "hip_flexor_stretch"


def test_reset_clears_every_filter(browser: ExerciseBrowser) -> None:
    browser.obstacle.value = "bouncing"
    browser.level.value = "advanced"
    browser.equipment_only.value = True
    browser.reset.click()
    assert browser.obstacle.value == ""
    assert browser.level.value == ""
    assert browser.equipment_only.value is False
    assert len(browser.filtered) == len(browser.library)
    assert browser.message == ""


def test_text_from_the_data_is_escaped() -> None:
    library = load_table("exercises")
    library.loc[0, "name"] = HOSTILE
    library.at[0, "cues"] = (HOSTILE,)
    browser = ExerciseBrowser(library=library)
    assert HOSTILE not in browser.table_html
    assert "&lt;img" in browser.table_html
    assert browser.card is not None
    assert HOSTILE not in browser.card_html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in browser.card_html


def test_card_html_lists_sources_and_no_emg_message() -> None:
    library = load_table("exercises")
    html = card_html(exercise_card(library, "a_skip"))
    assert "No published value in our sources." in html
    assert "Adam Hodges (2013). Reconnect with Your Most Important Running Muscles" in html
    assert html.startswith('<div class="gfr-exercise-card">')


def test_css_classes_for_browser_tests(browser: ExerciseBrowser) -> None:
    classes = {
        "gfr-exercise-browser": browser.widget,
        "gfr-exercise-filter-obstacle": browser.obstacle,
        "gfr-exercise-filter-muscle": browser.muscle,
        "gfr-exercise-filter-level": browser.level,
        "gfr-exercise-filter-category": browser.category,
        "gfr-exercise-filter-equipment": browser.equipment,
        "gfr-exercise-filter-equipment-only": browser.equipment_only,
        "gfr-exercise-table": browser.table,
        "gfr-exercise-select": browser.exercise,
        "gfr-exercise-card-box": browser.card_box,
        "gfr-exercise-message": browser.message_box,
        "gfr-exercise-reset": browser.reset,
    }
    for css, widget in classes.items():
        assert css in widget._dom_classes, css


def test_muscle_choices_are_only_muscles_that_lead_an_exercise(browser: ExerciseBrowser) -> None:
    offered = {value for _, value in browser.muscle.options if value}
    used = {m for items in browser.library["primary_muscles"] for m in items}
    assert offered == used
    assert "adductors" not in offered


def test_accepts_small_tables() -> None:
    library = load_table("exercises").head(3)
    browser = ExerciseBrowser(library=library)
    assert isinstance(browser.filtered, pd.DataFrame)
    assert len(browser.exercise.options) == 3
