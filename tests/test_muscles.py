"""Tests of data/muscles.csv and the tables built from it."""

from __future__ import annotations

import pandas as pd
import pytest

from gluteutils import load_table
from gluteutils.errors import DataValidationError
from gluteutils.library import check_references, read_raw, validate_frame
from gluteutils.muscles import (
    ACTION_LABELS,
    NO_FIBRE_DATA,
    action_matrix,
    attachments_table,
    load_muscles,
    muscles_table,
    trouble_table,
)
from gluteutils.schema import MUSCLE_ACTIONS, MUSCLE_IDS, MUSCLES


def test_required_muscles_present_with_unique_known_ids() -> None:
    muscles = load_muscles()
    ids = list(muscles["muscle_id"])
    assert {"glute_max", "glute_med", "glute_min", "hamstrings"} <= set(ids)
    assert len(ids) == len(set(ids))
    assert set(ids) <= set(MUSCLE_IDS)


def test_every_reference_resolves() -> None:
    check_references({"sources": load_table("sources"), "muscles": load_muscles()})


def test_actions_match_the_seed_articles() -> None:
    actions = load_muscles().set_index("muscle_id")["actions"]
    # Arsenault: max extends and externally rotates; med and min abduct and resist adduction.
    assert {"hip_extension", "hip_external_rotation"} <= set(actions["glute_max"])
    for side_glute in ("glute_med", "glute_min"):
        assert {"hip_abduction", "resist_hip_adduction", "pelvis_level_single_leg"} <= set(
            actions[side_glute]
        )
        assert "hip_extension" not in actions[side_glute]
    # Prince and Hodges: the hamstrings share hip extension.
    assert "hip_extension" in actions["hamstrings"]


def test_fibre_makeup_only_where_a_source_gives_it() -> None:
    muscles = load_muscles().set_index("muscle_id")
    max_fibres = muscles.loc["glute_max", "fibre_makeup"]
    assert "slow-twitch" in max_fibres
    assert "hodges_alp_fitness" in muscles.loc["glute_max", "sources"]
    assert not any(ch.isdigit() for ch in max_fibres)  # no invented percentages
    # Hodges says it of "the glutes" as a group, so every glute carries it, cited to him.
    for glute in ("glute_med", "glute_min"):
        fibres = muscles.loc[glute, "fibre_makeup"]
        assert "slow-twitch" in fibres
        assert "as a group" in fibres
        assert "hodges_alp_fitness" in muscles.loc[glute, "sources"]
        assert not any(ch.isdigit() for ch in fibres)
    # No source describes the hamstrings' fibres.
    assert muscles.loc["hamstrings", "fibre_makeup"] == ""


def test_glutes_are_grouped_apart_from_partners() -> None:
    groups = load_muscles().set_index("muscle_id")["group"]
    assert set(groups[["glute_max", "glute_med", "glute_min"]]) == {"glute"}
    assert groups["hamstrings"] == "partner"


def test_unknown_action_is_rejected_with_row_and_column() -> None:
    text = (
        ",".join(MUSCLES.column_names)
        + "\nglute_max,Gluteus maximus,glute,a,b,c,hip_extension|flying,d,,e,prince_uesca\n"
    )
    with pytest.raises(DataValidationError) as info:
        validate_frame(read_raw(text, MUSCLES), MUSCLES)
    problem = info.value.problems[0]
    assert (problem.row, problem.column) == (2, "actions")
    assert "flying" in problem.message


def test_unknown_muscle_id_is_rejected() -> None:
    text = ",".join(MUSCLES.column_names) + "\nbiceps,Biceps,partner,a,b,c,knee_flexion,d,,e,x\n"
    with pytest.raises(DataValidationError, match="muscle_id"):
        validate_frame(read_raw(text, MUSCLES), MUSCLES)


def test_every_action_has_a_label() -> None:
    assert set(ACTION_LABELS) == set(MUSCLE_ACTIONS)


def test_muscles_table_is_tidy_and_plain() -> None:
    table = muscles_table()
    assert list(table.columns) == [
        "Where it sits",
        "What it does",
        "Role in running",
        "Fibre make-up",
        "Sources",
    ]
    assert table.index.name == "Muscle"
    row = table.loc["Gluteus medius"]
    assert "abduction (leg out to the side)" in row["What it does"]
    assert "_" not in row["What it does"]  # labels, not ids
    assert "slow-twitch" in row["Fibre make-up"]
    assert "yuen_five_exercises" in row["Sources"]
    hamstrings = table.loc["Hamstrings (biceps femoris, semitendinosus, semimembranosus)"]
    assert hamstrings["Fibre make-up"] == NO_FIBRE_DATA


def test_action_matrix_ticks() -> None:
    grid = action_matrix()
    assert list(grid.columns) == ["Glute max", "Glute med", "Glute min", "Hamstrings"]
    extension = ACTION_LABELS["hip_extension"]
    assert grid.loc[extension, "Glute max"] == "✓"
    assert grid.loc[extension, "Hamstrings"] == "✓"
    assert grid.loc[extension, "Glute med"] == ""
    assert grid.loc[ACTION_LABELS["knee_flexion"], "Glute max"] == ""


def test_action_matrix_drops_unused_actions() -> None:
    frame = pd.DataFrame({"muscle_id": ["glute_max"], "actions": [("hip_extension",)]})
    grid = action_matrix(frame)
    assert list(grid.index) == [ACTION_LABELS["hip_extension"]]


def test_attachment_and_trouble_tables() -> None:
    attachments = attachments_table()
    assert (
        "sitting bone"
        in attachments.loc[
            "Hamstrings (biceps femoris, semitendinosus, semimembranosus)", "Starts at (origin)"
        ]
    )
    trouble = trouble_table()
    assert "two muscles" in trouble.iloc[3, 0]
