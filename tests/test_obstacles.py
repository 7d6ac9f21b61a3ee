"""Tests of data/obstacles.csv and its schema."""

from __future__ import annotations

import pandas as pd
import pytest

from gluteutils import load_table
from gluteutils.assessment import RULES
from gluteutils.assessment_questions import FIELDS
from gluteutils.errors import DataValidationError
from gluteutils.library import check_references, validate_frame
from gluteutils.schema import ASSESSMENT_ITEM_IDS, OBSTACLE_IDS, OBSTACLES, SCHEMAS

SEED_ARTICLES = {
    "push_with_your_tush",
    "yuen_five_exercises",
    "arsenault_livestrong",
    "prince_uesca",
    "hodges_alp_fitness",
}


@pytest.fixture(scope="module")
def obstacles() -> pd.DataFrame:
    return load_table("obstacles")


def _raw(obstacles: pd.DataFrame) -> pd.DataFrame:
    """The table as strings again, as read_raw would give it."""
    raw = obstacles.copy()
    for column in ("assessed_by", "sources"):
        raw[column] = raw[column].map("|".join)
    return raw.astype(str)


def test_registered_after_sources_and_before_exercises() -> None:
    names = list(SCHEMAS)
    assert names.index("obstacles") > names.index("sources")
    if "exercises" in names:
        assert names.index("obstacles") < names.index("exercises")


def test_one_row_per_fixed_obstacle_id_in_order(obstacles: pd.DataFrame) -> None:
    assert list(obstacles["obstacle_id"]) == list(OBSTACLE_IDS)


def test_required_columns_present(obstacles: pd.DataFrame) -> None:
    for column in (
        "obstacle_id",
        "name",
        "how_it_shows",
        "why_it_matters",
        "what_helps",
        "assessed_by",
        "sources",
    ):
        assert column in obstacles.columns


def test_every_text_cell_is_filled_and_names_are_unique(obstacles: pd.DataFrame) -> None:
    for column in ("name", "how_it_shows", "why_it_matters", "what_helps"):
        assert all(len(text) > 10 for text in obstacles[column]), column
    assert obstacles["name"].is_unique


def test_sources_resolve_and_every_row_cites_a_seed_article(obstacles: pd.DataFrame) -> None:
    check_references({"sources": load_table("sources"), "obstacles": obstacles})
    for sources in obstacles["sources"]:
        assert SEED_ARTICLES & set(sources)


def test_every_seed_article_is_cited_somewhere(obstacles: pd.DataFrame) -> None:
    cited = {s for sources in obstacles["sources"] for s in sources}
    assert cited >= SEED_ARTICLES


def test_assessed_by_names_items_the_form_asks(obstacles: pd.DataFrame) -> None:
    asked = {f.item for f in FIELDS}
    for items in obstacles["assessed_by"]:
        assert items, "every obstacle is revealed by at least one item"
        assert set(items) <= set(ASSESSMENT_ITEM_IDS)
        assert set(items) <= asked
    # and every item the form asks (health aside) reveals some obstacle
    used = {i for items in obstacles["assessed_by"] for i in items}
    assert asked - {"health"} == used


def test_every_obstacle_has_a_scoring_rule() -> None:
    assert list(RULES) == list(OBSTACLE_IDS)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("obstacle_id", "lazy_glutes", "must be one of"),
        ("assessed_by", "glute_squeeze|mind_reading", "mind_reading not allowed"),
        ("what_helps", "", "must not be empty"),
        ("sources", "", "must not be empty"),
    ],
)
def test_schema_rejects_bad_cells(
    obstacles: pd.DataFrame, column: str, value: str, message: str
) -> None:
    raw = _raw(obstacles)
    raw.loc[0, column] = value
    with pytest.raises(DataValidationError) as excinfo:
        validate_frame(raw, OBSTACLES)
    problem = excinfo.value.problems[0]
    assert (problem.row, problem.column) == (2, column)
    assert message in problem.message


def test_schema_rejects_a_repeated_obstacle(obstacles: pd.DataFrame) -> None:
    raw = _raw(obstacles)
    raw.loc[1, "obstacle_id"] = raw.loc[0, "obstacle_id"]
    with pytest.raises(DataValidationError, match="repeats the identifier"):
        validate_frame(raw, OBSTACLES)


def test_unknown_source_is_reported(obstacles: pd.DataFrame) -> None:
    broken = obstacles.copy()
    broken.at[3, "sources"] = ("hodges_alp_fitness", "made_up_2099")
    with pytest.raises(DataValidationError) as excinfo:
        check_references({"sources": load_table("sources"), "obstacles": broken})
    problem = excinfo.value.problems[0]
    assert (problem.file, problem.row, problem.value) == ("obstacles.csv", 5, "made_up_2099")


@pytest.mark.parametrize(
    ("obstacle_id", "words"),
    [
        ("untaught_skill", ["gluteal amnesia", "physical therapist"]),
        ("weak_unstable", ["compensate", "plantar fascia", "pelvis"]),
        ("tight_hip_flexors", ["stride behind", "hip extension"]),
        ("prolonged_sitting", ["sitting", "hip flexors"]),
        ("heel_raised_shoes", ["quad-dominant"]),
        ("reliance_on_other_muscles", ["quads, hamstrings and calves", "under-active"]),
        ("hamstring_dominance", ["two muscles", "speedwork", "physical therapist"]),
        ("low_back_arching", ["low back", "tight"]),
        ("bouncing", ["vertical oscillation", "forward"]),
        ("skipping_strength_work", ["slow", "under-conditioned", "force into the ground"]),
    ],
)
def test_seed_facts_are_taught(obstacles: pd.DataFrame, obstacle_id: str, words: list[str]) -> None:
    row = obstacles.set_index("obstacle_id").loc[obstacle_id]
    text = " ".join(str(row[c]) for c in ("name", "how_it_shows", "why_it_matters", "what_helps"))
    for word in words:
        assert word.lower() in text.lower(), (obstacle_id, word)
