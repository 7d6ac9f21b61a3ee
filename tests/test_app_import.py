"""Importing Strong, Hevy and FitNotes exports: formats, numbering, units, mapping, bad cells."""

from __future__ import annotations

import doctest
import itertools
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gluteutils import app_import, exercise_aliases
from gluteutils.app_import import (
    SET_COLUMNS,
    UNMAPPED_COLUMNS,
    detect_app,
    import_fitnotes,
    import_hevy,
    import_strong,
    import_workouts,
)
from gluteutils.errors import DataValidationError, Problem
from gluteutils.exercise_aliases import (
    ALIAS_COLUMNS,
    alias_key,
    aliases_to_csv,
    as_aliases,
    mapping_template,
    name_resolver,
    read_aliases,
)
from gluteutils.library import load_table
from gluteutils.log_columns import KG_PER_LB, LOG_COLUMNS, LOG_KEY
from gluteutils.log_io import log_to_csv, read_log

from .conftest import REPO

APPS = REPO / "tests" / "fixtures" / "apps"
TODAY = date(2025, 6, 1)
STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE\n"
)
FIXTURES = {
    "strong_current.csv": "strong",
    "strong_old_semicolon.csv": "strong",
    "hevy_kg.csv": "hevy",
    "hevy_lbs.csv": "hevy",
    "fitnotes_kgs.csv": "fitnotes",
    "fitnotes_weight_unit.csv": "fitnotes",
}


#: The ways a file is read: pyarrow (when installed) parsing the number columns, pyarrow
#: keeping every cell as text, pandas' C parser, the csv module.
READERS = ("pyarrow", "pyarrow-text", "pandas", "careful")


def use_reader(reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the import read with one reader: turn off the faster ones."""
    if reader == "pyarrow-text":
        monkeypatch.setattr(app_import, "_number_roles", lambda app: ())
    if reader in ("pandas", "careful"):
        monkeypatch.setattr(app_import, "read_typed_columns", lambda *args, **kwargs: None)
    if reader == "careful":
        monkeypatch.setattr(app_import, "_fast_columns", lambda *args, **kwargs: None)


def run(source: object, aliases: object = None, **options: object):
    """Import with a fixed athlete and day, so tests do not depend on the clock."""
    options.setdefault("athlete", "Ana")
    options.setdefault("today", TODAY)
    return import_workouts(source, aliases, **options)  # type: ignore[arg-type]


def strong(*rows: str) -> bytes:
    """A current-format Strong export with the given data rows."""
    return (STRONG_HEADER + "".join(row + "\n" for row in rows)).encode()


def problems_of(source: object, **options: object) -> list[Problem]:
    with pytest.raises(DataValidationError) as info:
        run(source, **options)
    return info.value.problems


def by_key(log: pd.DataFrame) -> dict[str, pd.Series]:
    return {row.set_key: row for _, row in log.iterrows()}


# --- every format end to end -------------------------------------------------------------


@pytest.mark.parametrize(("name", "app"), FIXTURES.items())
def test_each_fixture_gives_a_log_in_the_contract(name: str, app: str) -> None:
    result = run(APPS / name)
    log = result.log
    assert result.app == app
    assert list(log.columns) == list(LOG_COLUMNS)
    assert log["datetime"].dtype == "datetime64[ns]"
    for column in ("set", "reps", "duration_s", "glute_feel", "pain"):
        assert log[column].dtype == "Int64", column
    for column in ("load", "load_kg", "rpe", "rir"):
        assert log[column].dtype == "float64", column
    for column in ("set_key", "athlete", "exercise_id", "side", "notes", "pain_where"):
        assert log[column].dtype == object, column
        assert all(isinstance(v, str) for v in log[column]), column
    assert (log["source"] == app).all()
    assert log["set_key"].is_unique
    assert log.equals(log.sort_values(list(LOG_KEY), ignore_index=True))
    expected_keys = [
        f"{r.datetime:%Y-%m-%dT%H:%M}|{r.athlete}|{r.exercise_id}|{r.side}|{r.set}"
        for r in log.itertuples()
    ]
    assert list(log["set_key"]) == expected_keys
    # reps or seconds, never both; body weight has neither load nor unit
    assert not (log["reps"].notna() & log["duration_s"].notna()).any()
    assert (log["reps"].notna() | log["duration_s"].notna()).all()
    assert ((log["load"].isna()) == (log["load_unit"] == "")).all()
    assert set(log["exercise_id"]) <= set(load_table("exercises")["exercise_id"])


@pytest.mark.parametrize("name", FIXTURES)
def test_an_import_saved_as_a_log_reads_back_the_same(name: str) -> None:
    log = run(APPS / name).log
    again = read_log(log_to_csv(log), today=TODAY).log
    pd.testing.assert_frame_equal(again, log)


def test_strong_current_format() -> None:
    result = run(APPS / "strong_current.csv")
    rows = by_key(result.log)
    thrust = rows["2025-03-03T18:02|Ana|hip_thrust|both|3"]
    assert (thrust.reps, thrust.load, thrust.load_unit, thrust.rpe) == (8, 62.5, "kg", 8.0)
    assert thrust.exercise_name == "Hip Thrust (Barbell)"
    bridge = rows["2025-03-03T18:02|Ana|glute_bridge|both|1"]
    assert pd.isna(bridge.load)
    assert bridge.load_unit == ""
    assert bridge.notes == "Legs fresh after an easy run"  # the workout's note, once
    assert rows["2025-03-03T18:02|Ana|glute_bridge|both|2"].notes == ""
    assert rows["2025-03-03T18:02|Ana|hip_thrust|both|1"].notes == "Squeeze at the top"
    (unit_note,) = [n for n in result.notes if "weight unit" in n]
    # it names the other unit, not a parameter: the tracker shows it beside its unit choice
    assert unit_note.endswith(
        "read as kg (if the app is set to lb, import it again with lb as the unit)"
    )
    # seconds are dropped: the set is keyed to the minute
    assert (result.log["datetime"].dt.second == 0).all()


def test_strong_old_semicolon_format_with_unit_columns() -> None:
    result = run(APPS / "strong_old_semicolon.csv")
    rows = by_key(result.log)
    squat = rows["2019-01-11T12:31|Ana|back_squat|both|1"]
    assert (squat.load, squat.load_unit) == (135.0, "lb")
    assert squat.load_kg == round(135 * KG_PER_LB, 2) == 61.23
    deadlift = rows["2019-01-11T12:31|Ana|barbell_deadlift|both|2"]
    assert (deadlift.load, deadlift.load_unit, deadlift.load_kg) == (62.5, "kg", 62.5)  # 62,5
    assert rows["2019-01-14T19:05|Ana|clamshell|both|1"].notes == "Short session"
    assert not any("weight unit" in n for n in result.notes)  # the file says its units


def test_strong_weight_unit_option_reads_pounds() -> None:
    log = run(APPS / "strong_current.csv", weight_unit="lb").log
    thrust = log[log["exercise_id"] == "hip_thrust"].iloc[0]
    assert (thrust.load, thrust.load_unit, thrust.load_kg) == (60.0, "lb", round(60 * KG_PER_LB, 2))
    with pytest.raises(ValueError, match="weight_unit"):
        run(APPS / "strong_current.csv", weight_unit="stone")


def test_strong_twelve_hour_dates_with_a_narrow_space() -> None:
    data = strong(
        '2025-01-30 6:04:56\u202fpm,"A",49m,"Glute Bridge",1,0,12,0,0,"","",',
        '2025-01-30 6:04:56 pm,"A",49m,"Glute Bridge",2,0,12,0,0,"","",',
        '2025-01-31 12:15:00 AM,"B",20m,"Glute Bridge",1,0,10,0,0,"","",',
    )
    log = run(data).log
    assert list(log["datetime"].astype(str)) == [
        "2025-01-30 18:04:00",
        "2025-01-30 18:04:00",
        "2025-01-31 00:15:00",
    ]


def test_strong_weight_kg_header_variant() -> None:
    data = (
        b"Date,Workout Name,Duration (sec),Exercise Name,Set Order,Weight (kg),Reps,RPE,"
        b"Distance (meters),Seconds\n"
        b'2025-02-01 10:00:00,"Legs",3000,"Trap Bar Deadlift",1,100,5,,0,0\n'
    )
    result = run(data)
    assert result.log["load_unit"].tolist() == ["kg"]
    assert not any("weight unit" in n for n in result.notes)


def test_hevy_kg_format() -> None:
    log = run(APPS / "hevy_kg.csv").log
    rows = by_key(log)
    warmup = rows["2025-02-10T17:30|Ana|hip_thrust|both|1"]
    assert (warmup.set_type, warmup.reps, warmup.load, warmup.load_unit) == (
        "warmup",
        10,
        40.0,
        "kg",
    )
    assert rows["2025-02-10T17:30|Ana|hip_thrust|both|3"].rpe == 8.5
    assert rows["2025-02-10T17:30|Ana|trap_bar_deadlift|both|2"].set_type == "working"  # failure
    assert rows["2025-02-10T17:30|Ana|trap_bar_deadlift|both|1"].notes == "Brace first"
    assert rows["2025-02-10T17:30|Ana|glute_bridge|both|1"].notes == "Felt strong"  # description
    assert pd.isna(rows["2025-02-12T07:05|Ana|clamshell|both|2"].load)


def test_hevy_pound_columns() -> None:
    log = run(APPS / "hevy_lbs.csv").log
    squat = log[(log["exercise_id"] == "back_squat") & (log["set"] == 2)].iloc[0]
    assert (squat.load, squat.load_unit, squat.load_kg) == (185.0, "lb", 83.91)


def test_fitnotes_formats() -> None:
    kgs = run(APPS / "fitnotes_kgs.csv").log
    assert (kgs["datetime"].dt.hour == 0).all()  # a date alone means 00:00
    squats = kgs[kgs["exercise_id"] == "back_squat"]
    assert squats["set"].tolist() == [1, 2, 3]
    assert squats["load"].tolist() == [60.0, 60.0, 62.5]
    assert squats["notes"].tolist() == ["", "", "Last rep slow"]
    assert kgs[kgs["exercise_id"] == "barbell_deadlift"]["set"].tolist() == [1]
    units = run(APPS / "fitnotes_weight_unit.csv").log
    assert dict(zip(units["exercise_id"], units["load_unit"], strict=False)) == {
        "hip_thrust": "lb",
        "prone_hip_extension": "kg",
    }


def test_fitnotes_time_column_gives_seconds() -> None:
    data = (
        b"Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
        b"2025-02-10,Side Plank Hip Abduction,Abs,,,,,0:01:30,\n"
        b"2025-02-10,Side Plank Hip Abduction,Abs,,,,,45,\n"
        b"2025-02-10,Side Plank Hip Abduction,Abs,,,,,1:75:00,\n"
    )
    (problem,) = problems_of(data)
    assert (problem.row, problem.column, problem.value) == (4, "Time", "1:75:00")
    log = run(data.replace(b"1:75:00", b"1:00:05")).log
    assert log["duration_s"].tolist() == [90, 45, 3605]
    assert log["reps"].isna().all()


def test_the_app_specific_readers_give_neutral_sets() -> None:
    hevy = import_hevy(APPS / "hevy_kg.csv")
    assert list(hevy.sets.columns) == list(SET_COLUMNS)
    thrust = hevy.sets[hevy.sets["exercise_name"] == "Hip Thrust (Barbell)"]
    assert thrust["set"].tolist() == [1, 2, 3]  # set_index 0, 1, 2
    assert hevy.sets["row"].tolist() == list(range(2, 12))
    strong_sets = import_strong(APPS / "strong_current.csv").sets
    assert len(strong_sets) == 13  # 15 rows, 2 of them Rest Timer
    assert "Romanian Deadlift (Dumbbell)" in set(strong_sets["exercise_name"])  # not mapped yet
    fitnotes = import_fitnotes(APPS / "fitnotes_kgs.csv").sets
    assert fitnotes["set"].tolist() == [1, 2, 3, 1, 1, 1, 1, 2, 1]
    with pytest.raises(DataValidationError, match="required column is missing"):
        import_hevy(APPS / "strong_current.csv")


# --- set numbering ------------------------------------------------------------------------


def test_hevy_sets_count_from_one() -> None:
    log = run(APPS / "hevy_kg.csv").log
    assert log["set"].min() == 1
    assert log[log["exercise_id"] == "hip_thrust"]["set"].tolist() == [1, 2, 3]


def test_an_exercise_twice_in_a_workout_is_renumbered_and_said() -> None:
    data = strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"first","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",2,0,15,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Hip Thrust (Barbell)",1,60,10,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Bodyweight Glute Bridge",1,0,20,0,0,"finisher","",',
    )
    result = run(data)
    bridges = result.log[result.log["exercise_id"] == "glute_bridge"]
    assert bridges["set"].tolist() == [1, 2, 3]
    assert bridges["notes"].tolist() == ["first", "", "finisher"]
    assert bridges["exercise_name"].tolist()[-1] == "Bodyweight Glute Bridge"
    assert any("renumbered" in n for n in result.notes)


def test_more_than_fifty_sets_of_one_exercise_are_refused() -> None:
    rows = [f'2025-03-03 18:02:11,"A",50m,"Glute Bridge",{n},0,5,0,0,"","",' for n in range(1, 52)]
    problems = problems_of(strong(*rows))
    assert any(p.column == "Set Order" and p.value == "51" for p in problems)


# --- rest timer rows, empty rows, repeated headers ------------------------------------------


def test_rest_timer_rows_are_dropped_and_counted() -> None:
    result = run(APPS / "strong_current.csv")
    assert "2 Rest Timer rows dropped (rests between sets, not sets)" in result.notes
    # the 60 s and 120 s rests became no timed set
    assert not result.log["duration_s"].isin([60, 120]).any()
    old = run(APPS / "strong_old_semicolon.csv")
    assert "1 Rest Timer row dropped (rests between sets, not sets)" in old.notes


def test_empty_rows_and_repeated_headers_are_dropped_and_said() -> None:
    body = '2025-03-03 18:02:11,"A",50m,"Glute Bridge",{},0,15,0,0,"","",\n'
    text = STRONG_HEADER + body.format(1) + "\n" + ",,,,,,,,,,,\n" + STRONG_HEADER + body.format(2)
    result = run(text.encode())
    assert result.log["set"].tolist() == [1, 2]
    assert "2 empty rows dropped" in result.notes
    assert "repeated header at row 5 dropped" in result.notes


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "rows", [(), ('2025-03-03 18:02:11,"A",50m,"Glute Bridge",Rest Timer,0,0,0,90,"","",',)]
)
def test_an_export_without_sets_says_so(
    rows: tuple[str, ...], reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_reader(reader, monkeypatch)
    result = run(strong(*rows))
    assert result.log.empty
    note = "the export holds no sets (export again, with the dates you trained)"
    assert note in result.notes
    one_set = run(strong('2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",'))
    assert len(one_set.log) == 1
    assert note not in one_set.notes


# --- unmapped names -----------------------------------------------------------------------


def test_unmapped_names_are_listed_with_counts_and_never_imported() -> None:
    result = run(APPS / "strong_current.csv")
    unmapped = result.unmapped
    assert list(unmapped.columns) == list(UNMAPPED_COLUMNS)
    assert unmapped["exercise_name"].tolist() == [
        "Romanian Deadlift (Dumbbell)",
        "Plank",
        "Running",
    ]
    assert unmapped["sets"].tolist() == [2, 1, 1]
    assert unmapped["first_row"].tolist() == [9, 11, 16]
    assert unmapped["example"].iloc[0] == "row 9, 2025-03-03 18:02: set 1, 10 reps at 20 kg"
    assert unmapped["example"].iloc[1] == "row 11, 2025-03-03 18:02: set 1, 45 s"
    assert not result.log["exercise_name"].isin(unmapped["exercise_name"]).any()
    assert any(n.startswith("4 sets not imported: 3 exercise names") for n in result.notes)
    # imported + unmapped sets = every set of the export
    assert len(result.log) + unmapped["sets"].sum() == len(
        import_strong(APPS / "strong_current.csv").sets
    )


def test_a_near_exercise_is_never_guessed() -> None:
    resolve = name_resolver(as_aliases(None), "strong")
    for name in ("Romanian Deadlift (Dumbbell)", "Lateral Band Walk", "Step-up", "Hip Thrust"):
        assert resolve(name) == ("", ""), name


def test_an_unmapped_row_cannot_block_an_import() -> None:
    # "Running" with both reps and seconds breaks a log rule, but it is not imported
    data = strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Running",1,0,3,5,1500,"","",',
    )
    result = run(data)
    assert len(result.log) == 1
    assert result.unmapped["exercise_name"].tolist() == ["Running"]


def test_the_empty_unmapped_table_keeps_its_columns() -> None:
    data = strong('2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",')
    unmapped = run(data).unmapped
    assert unmapped.empty
    assert list(unmapped.columns) == list(UNMAPPED_COLUMNS)


# --- the runner's own mapping -------------------------------------------------------------


def test_a_user_mapping_maps_new_names_and_overrides_ours() -> None:
    mine = pd.DataFrame(
        {
            "alias": ["romanian deadlift - dumbbell", "Hip Thrust (Barbell)"],
            "exercise_id": ["single_leg_deadlift", "glute_bridge"],
        }
    )
    result = run(APPS / "strong_current.csv", mine)
    names = dict(zip(result.log["exercise_name"], result.log["exercise_id"], strict=False))
    assert names["Romanian Deadlift (Dumbbell)"] == "single_leg_deadlift"  # case, punctuation
    assert names["Hip Thrust (Barbell)"] == "glute_bridge"  # theirs wins over ours
    assert "Romanian Deadlift (Dumbbell)" not in set(result.unmapped["exercise_name"])


def test_no_mapping_resolves_as_an_empty_one() -> None:
    names = ["Glute Bridge", "Single Leg Glute Bridge (Left)", "Bench Press (Barbell)"]
    none, empty = name_resolver(None, "strong"), name_resolver(as_aliases(None), "strong")
    assert [none(n) for n in names] == [empty(n) for n in names]
    assert none(names[1]) == ("single_leg_glute_bridge", "left")


def test_a_dict_mapping_skips_empty_choices() -> None:
    result = run(APPS / "strong_current.csv", {"Plank": "", "Running": None})
    assert {"Plank", "Running"} <= set(result.unmapped["exercise_name"])


def test_app_specific_aliases_win_and_fitnotes_deadlift_is_the_barbell_one() -> None:
    mine = as_aliases(
        pd.DataFrame(
            {
                "alias": ["Glute Bridge", "Glute Bridge"],
                "app": ["any", "hevy"],
                "exercise_id": ["bridge_hip_abduction", "single_leg_glute_bridge"],
                "side": ["", "left"],
            }
        )
    )
    assert name_resolver(mine, "hevy")("glute bridge") == ("single_leg_glute_bridge", "left")
    assert name_resolver(mine, "strong")("Glute Bridge") == ("bridge_hip_abduction", "both")
    plain = as_aliases(None)
    assert name_resolver(plain, "fitnotes")("Deadlift") == ("barbell_deadlift", "both")
    assert name_resolver(plain, "strong")("Deadlift") == ("", "")  # ambiguous outside FitNotes


def test_the_side_comes_from_the_name_or_the_alias() -> None:
    log = run(APPS / "strong_current.csv").log
    bridges = log[log["exercise_id"] == "single_leg_glute_bridge"]
    assert dict(zip(bridges["exercise_name"], bridges["side"], strict=True)) == {
        "Single Leg Glute Bridge (Left)": "left",
        "Single Leg Glute Bridge (Right)": "right",
    }
    mine = {"SL bridge L": "single_leg_glute_bridge"}
    resolve = name_resolver(as_aliases(mine), "strong")
    assert resolve("SL bridge L") == ("single_leg_glute_bridge", "both")
    fixed = as_aliases(
        pd.DataFrame(
            {"alias": ["SL bridge L"], "exercise_id": ["single_leg_glute_bridge"], "side": ["left"]}
        )
    )
    assert name_resolver(fixed, "strong")("sl bridge l") == ("single_leg_glute_bridge", "left")


def test_a_mapping_file_round_trips_and_bad_rows_are_named(tmp_path: Path) -> None:
    unmapped = run(APPS / "strong_current.csv").unmapped
    template = mapping_template(unmapped, "strong")
    assert list(template.columns) == list(ALIAS_COLUMNS)
    assert template["alias"].tolist() == unmapped["exercise_name"].tolist()
    assert (template["exercise_id"] == "").all()
    template.loc[0, "exercise_id"] = "single_leg_deadlift"
    # a template row left empty maps nothing: its name stays unmapped
    path = tmp_path / "half_done.csv"
    path.write_bytes(aliases_to_csv(template))
    half = run(APPS / "strong_current.csv", path)
    assert "Plank" in set(half.unmapped["exercise_name"])
    assert "Romanian Deadlift (Dumbbell)" not in set(half.unmapped["exercise_name"])
    template = pd.concat(
        [
            template.iloc[:1],
            pd.DataFrame(
                [{"alias": "=cmd|' /C calc'!A0", "app": "any", "exercise_id": "lunge", "side": ""}]
            ),
        ],
        ignore_index=True,
    )
    path = tmp_path / "mine.csv"
    path.write_bytes(aliases_to_csv(template))
    assert b"'=cmd" in path.read_bytes()  # neutralised for spreadsheets
    back = read_aliases(path)
    assert back["alias"].tolist() == ["Romanian Deadlift (Dumbbell)", "=cmd|' /C calc'!A0"]
    result = run(APPS / "strong_current.csv", path)
    assert "single_leg_deadlift" in set(result.log["exercise_id"])

    path.write_text(
        "alias,app,exercise_id,side\n"
        "Plank,strong,plank_hold,\n"
        "Plank,Strong,clamshell,\n"
        ",any,lunge,\n"
        "Box Step,gym,step_up,up\n",
        encoding="utf-8",
    )
    with pytest.raises(DataValidationError) as info:
        read_aliases(path)
    found = {(p.row, p.column) for p in info.value.problems}
    assert found == {(2, "exercise_id"), (3, "alias"), (4, "alias"), (5, "app"), (5, "side")}


def test_every_shipped_alias_is_distinct_once_compared_and_targets_the_library() -> None:
    table = load_table("exercise_aliases")
    keys = [(alias_key(a), app) for a, app in zip(table["alias"], table["app"], strict=True)]
    assert len(keys) == len(set(keys))
    assert set(table["exercise_id"]) <= set(load_table("exercises")["exercise_id"])
    assert {"Hip Thrust (Barbell)", "Deadlift (Trap bar)", "Trap Bar Deadlift"} <= set(
        table["alias"]
    )


# --- bad cells ----------------------------------------------------------------------------


def test_every_bad_cell_is_named_in_one_error() -> None:
    data = strong(
        '2025-03-03 18:02:11,"A",50m,"Hip Thrust (Barbell)",1,60,ten,0,0,"","",',
        '03/03/2025 18:02,"A",50m,"Hip Thrust (Barbell)",2,60,10,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Hip Thrust (Barbell)",3,-20,10,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,12,0,30,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",2,0,0,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",3,0,12,0,0,"","",11',
        '2026-01-01 08:00:00,"B",50m,"Glute Bridge",1,0,12,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"",4,0,12,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",x,0,12,0,0,"","",',
    )
    problems = problems_of(data)
    found = [(p.row, p.column, p.value) for p in problems]
    assert found == [
        (2, "Reps", "ten"),
        (3, "Date", "03/03/2025 18:02"),
        (4, "Weight", "-20"),
        (5, "Seconds", "30"),
        (6, "Reps", "0"),
        (7, "RPE", "11"),
        (8, "Date", "2026-01-01 08:00:00"),
        (9, "Exercise Name", ""),
        (10, "Set Order", "x"),
    ]
    assert all(p.file == "export.csv" for p in problems)
    messages = " ".join(p.message for p in problems)
    assert "not both" in messages
    assert "in the future (after 2025-06-01)" in messages


_FITNOTES_ONE_SET = (
    "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n"
    "{day},Barbell Hip Thrust,Legs,60.0,8,,,,\n"
)
_HEVY_ONE_SET = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
    '"Legs","{day}, 17:30","x","","Hip Thrust (Barbell)",,"",0,"normal",70,8,,,8\n'
)


@pytest.mark.parametrize("year", [1400, 1677, 1899, 2101, 2569, 9999])
@pytest.mark.parametrize(
    ("export", "written", "column"),
    [
        (STRONG_HEADER + "{day} 18:02:11,G,52m,Hip Thrust (Barbell),1,60,10,0,0,,,\n", "", "Date"),
        (_FITNOTES_ONE_SET, "", "Date"),
        (_HEVY_ONE_SET, "10 Feb ", "start_time"),
    ],
)
def test_a_year_outside_1900_to_2100_is_refused_never_moved(
    export: str, written: str, column: str, year: int
) -> None:
    # years that pandas' nanoseconds cannot hold used to wrap round to 1984
    day = f"{written}{year}" if written else f"{year}-02-10"
    problems = problems_of(export.format(day=day).encode())
    found = [(p.row, p.column, p.message) for p in problems if "future" not in p.message]
    assert found == [(2, column, "must be in the years 1900 to 2100")]


def test_bad_cells_name_the_uploaded_file() -> None:
    data = strong('2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,ten,0,0,"","",')
    with pytest.raises(DataValidationError, match=r"my_strong\.csv, row 2, column 'Reps'"):
        run(data, filename="my_strong.csv")


def test_many_bad_cells_are_listed_up_to_a_limit() -> None:
    rows = [
        f'2025-03-03 18:02:11,"A",50m,"Glute Bridge",{n},0,ten,0,0,"","",' for n in range(1, 301)
    ]
    problems = problems_of(strong(*rows))
    assert len(problems) == app_import.MAX_PROBLEMS + 1
    assert problems[-1].row is None
    assert "100 more problems" in problems[-1].message


@pytest.mark.parametrize(
    ("text", "row"),
    [
        (STRONG_HEADER + '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"",""\n', 2),
        (
            STRONG_HEADER
            + '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",\n'
            + '2025-03-03 18:02:11,"A",50m,"Glute Bridge",2,0,15,0,0,"","",,extra\n',
            3,
        ),
    ],
    ids=["short", "long"],
)
@pytest.mark.parametrize("reader", READERS)
def test_a_ragged_row_is_named(
    text: str, row: int, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_reader(reader, monkeypatch)
    (problem,) = problems_of(text.encode())
    assert problem.row == row
    assert "cells, the header has 12" in problem.message


def test_a_quoted_separator_or_line_break_is_no_ragged_row() -> None:
    data = strong(
        '2025-03-03 18:02:11,"A, B",50m,"Glute Bridge",1,0,15,0,0,"slow, then fast",'
        '"line one\nline ""two""",',
    )
    log = run(data).log
    assert log["notes"].tolist() == ['slow, then fast / line one\nline "two"']


def test_header_problems() -> None:
    with pytest.raises(DataValidationError, match="is not an export of Strong, Hevy or FitNotes"):
        run(b"date,athlete,exercise_id\n2025-01-01,Ana,lunge\n")
    with pytest.raises(DataValidationError, match="is empty"):
        run(b"")
    missing = STRONG_HEADER.replace(",Reps", "").encode()
    (problem,) = problems_of(missing)
    assert (problem.row, problem.column) == (
        1,
        "reps",
    )
    assert "required column is missing" in problem.message
    twice = b"Date,Exercise,Weight (kgs),Weight (lbs),Reps\n2025-01-01,Deadlift,100,,5\n"
    (problem,) = problems_of(twice)
    assert problem.column == "Weight (lbs)"
    assert "Weight (kgs)" in problem.message
    extra = STRONG_HEADER.replace("RPE", "RPE,Heart Rate").encode()
    assert "column 'Heart Rate' is not used" in run(extra).notes


def test_detect_app() -> None:
    assert detect_app([["Date", "Exercise Name", "Set Order"]]) == "strong"
    assert detect_app([[" EXERCISE_TITLE ", "set_index"]]) == "hevy"
    assert detect_app([["Date", "Exercise", "Category"]]) == "fitnotes"
    with pytest.raises(DataValidationError):
        detect_app([["name", "reps"]])
    with pytest.raises(DataValidationError):
        detect_app([])


def test_athlete_is_checked() -> None:
    with pytest.raises(DataValidationError, match="athlete"):
        run(APPS / "hevy_kg.csv", athlete=" \t ")
    log = run(APPS / "hevy_kg.csv", athlete="  Zoë\r\n ").log
    assert set(log["athlete"]) == {"Zoë"}


# --- encodings and separators -------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "note"),
    [
        ("utf-8-sig", None),
        ("cp1252", "read as Windows-1252 (the file is not UTF-8)"),
        ("utf-16", "read as UTF-16 (the file is not UTF-8)"),
    ],
)
def test_encodings(encoding: str, note: str | None) -> None:
    text = (
        STRONG_HEADER
        + '2025-03-03 18:02:11,"Zoë\'s day",50m,"Glute Bridge",1,0,15,0,0,"Müller cue","",\n'
    )
    result = run(text.encode(encoding))
    assert result.log["notes"].tolist() == ["Müller cue"]
    assert result.encoding == encoding
    assert (note in result.notes) if note else not any("read as" in n for n in result.notes)


def test_tab_separated_and_crlf() -> None:
    row = "2025-03-03 18:02:11\tA\t50m\tGlute Bridge\t1\t0\t15\t0\t0\t\t\t\n"
    text = STRONG_HEADER.replace(",", "\t") + row
    assert len(run(text.replace("\n", "\r\n").encode()).log) == 1


# --- the fast reader and the careful one agree ---------------------------------------------


EDGE_CASES = {
    "rows without set data": strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
        ",,,,,,,,,,,",
        ',"Just a name",,,,,,,,,,',
    )
    + b"\n"
    + strong('2025-03-03 18:02:11,"A",50m,"Glute Bridge",2,0,15,0,0,"","",')[len(STRONG_HEADER) :],
    "numbers as text": strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",007,0,15,0,0,"007","",',
        '2025-03-03 18:02:11,"A",50m,"Hip Thrust (Barbell)",1,"62,5",8,0,0,"1,5","",',
    ),
    "cr line ends": strong('2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"x","",').replace(
        b"\n", b"\r"
    ),
}


@pytest.mark.parametrize("reader", READERS[1:])
@pytest.mark.parametrize("name", [*FIXTURES, *EDGE_CASES])
def test_every_reader_gives_the_same_import(
    name: str, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = EDGE_CASES.get(name, APPS / name)
    first = run(source)
    use_reader(reader, monkeypatch)
    other = run(source)
    pd.testing.assert_frame_equal(other.log, first.log)
    pd.testing.assert_frame_equal(other.unmapped, first.unmapped)
    assert other.notes == first.notes


def test_the_edge_cases_read_as_documented() -> None:
    rows = run(EDGE_CASES["rows without set data"])
    assert rows.log["set"].tolist() == [1, 2]
    assert "3 empty rows dropped" in rows.notes  # separators only, a name only, a blank line
    text = run(EDGE_CASES["numbers as text"]).log
    assert text["notes"].tolist() == ["007", "1,5"]  # text stays as written
    assert text["load"].tolist()[1] == 62.5
    assert text["set"].tolist() == [7, 1]
    assert len(run(EDGE_CASES["cr line ends"]).log) == 1


@pytest.mark.parametrize("reader", ["pyarrow", "pandas"])
def test_a_large_clean_export_takes_the_fast_path(
    reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the careful reader was used")

    use_reader(reader, monkeypatch)
    monkeypatch.setattr(app_import, "_careful_frame", refuse)
    rows = []
    for i in range(10_000):
        workout = i // 10  # 1,000 workouts of 10 sets
        when = (
            f"2025-{1 + workout // 200:02d}-{1 + workout % 200 // 10:02d} {8 + workout % 10}:00:00"
        )
        rpe = ["", "8"][i % 2]
        rows.append(
            f'{when},"A, B",50m,"Hip Thrust (Barbell)",{1 + i % 10},{40 + i % 7},5,0,0,"",,{rpe}'
        )
    log = run(strong(*rows)).log
    assert len(log) == 10_000
    assert log["set_key"].is_unique


@pytest.mark.parametrize("reader", READERS)
def test_messages_quote_number_cells_as_the_file_writes_them(
    reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pyarrow's numbers lose the spelling ("10.50" is 10.5): a read with problems is
    # done again as text
    use_reader(reader, monkeypatch)
    data = strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,10.50,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",2,-2.50,12,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",3,1e400,12,0,0,"","",',
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",4,0,12,0,0,"","",1.10e1',
    )
    found = [(p.row, p.column, p.value) for p in problems_of(data)]
    assert found == [
        (2, "Reps", "10.50"),
        (3, "Weight", "-2.50"),
        (4, "Weight", "1e400"),
        (5, "RPE", "1.10e1"),
    ]
    # the set-rows reader checks no log ranges: only the cells it cannot read
    with pytest.raises(DataValidationError) as info:
        import_strong(data)
    found = [(p.row, p.column, p.value) for p in info.value.problems]
    assert found == [(2, "Reps", "10.50"), (4, "Weight", "1e400")]


@pytest.mark.parametrize("reader", READERS)
def test_numbers_may_have_an_exponent(reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    use_reader(reader, monkeypatch)
    data = strong(
        '2025-03-03 18:02:11,"A",50m,"Hip Thrust (Barbell)",1,6e1,8,0,0,"","",7.5E0',
        '2025-03-03 18:02:11,"A",50m,"Hip Thrust (Barbell)",2,"6,25e1",8,0,0,"","",',
    )
    log = run(data).log
    assert log["load"].tolist() == [60.0, 62.5]
    assert log["rpe"].tolist()[0] == 7.5


@pytest.mark.parametrize("reader", READERS)
def test_dates_numpy_and_pandas_read_agree(reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # ISO dates go through numpy; an impossible one sends them all to pandas
    use_reader(reader, monkeypatch)
    good = strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
        '2025-03-04 07:30,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
        '2025-03-05 6:15:00 pm,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
    )
    when = run(good).log["datetime"].dt.strftime("%Y-%m-%d %H:%M").tolist()
    assert when == ["2025-03-03 18:02", "2025-03-04 07:30", "2025-03-05 18:15"]
    bad = strong(
        '2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
        '2025-02-30 10:00:00,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
        '2025-03-04 24:00:00,"A",50m,"Glute Bridge",1,0,15,0,0,"","",',
    )
    found = [(p.row, p.column, p.value) for p in problems_of(bad)]
    assert found == [(3, "Date", "2025-02-30 10:00:00"), (4, "Date", "2025-03-04 24:00:00")]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.datetimes(min_value=pd.Timestamp("1600-01-01"), max_value=pd.Timestamp("2400-12-31")),
        min_size=1,
        max_size=30,
    ),
    st.booleans(),
)
def test_iso_dates_at_once_agree_with_the_careful_path(moments: list, seconds: bool) -> None:
    # the vectorised path for a clean export must give what the text-by-text path gives
    form = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    texts = np.array([m.strftime(form) for m in moments], dtype=object)
    column = app_import._Column(None, np.arange(len(texts)), texts)
    formats = app_import._FORMATS["strong"].date_formats
    fast = app_import._iso_dates_at_once(texts)
    assert fast is not None
    careful = app_import._Column(None, np.arange(len(texts)), texts.copy())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_import, "_iso_dates_at_once", lambda uniques: None)
        slow = app_import._dates(careful, formats)
    quick = app_import._dates(column, formats)
    np.testing.assert_array_equal(quick.values, slow.values)
    np.testing.assert_array_equal(quick.rank, slow.rank)
    assert not quick.bad.any()
    assert not quick.empty.any()


@pytest.mark.parametrize(
    "texts",
    [
        [],
        ["2025-03-03 18:02:11", "2025-03-03 18:02"],  # two lengths
        ["2025-03-03 18:02:11", ""],  # an empty cell
        ["2025-03-03T18:02:11"],  # another separator
        ["2025-3-03 18:02:111"],
        ["2025-02-30 10:00:00"],  # no such day
        ["2025-03-04 24:00:00"],
        ["2025-03-04 18:02:1x"],
        ["٢٠٢٥-03-04 18:02:11"],  # digits, but not ASCII ones
    ],
)
def test_iso_dates_at_once_leave_anything_else_to_the_careful_path(texts: list[str]) -> None:
    assert app_import._iso_dates_at_once(np.array(texts, dtype=object)) is None


def _plain_log_order(
    rank: np.ndarray, pair: np.ndarray, number: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """The order and numbers of _log_order, written the plain way (an oracle)."""
    order = np.lexsort((number, pair, rank))
    keys = list(zip(rank[order], pair[order], number[order], strict=True))
    if len(set(keys)) == len(keys):
        return order, number, 0
    order = np.lexsort((np.arange(len(rank)), pair, rank))
    counted = np.empty(len(rank), dtype=np.int64)
    seen: dict[tuple[int, int], int] = {}
    for i in order:
        block = (int(rank[i]), int(pair[i]))
        seen[block] = seen.get(block, 0) + 1
        counted[i] = seen[block]
    return order, counted, int((counted != number).sum())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 4), st.integers(0, 3), st.integers(1, 5)), min_size=0, max_size=40
    )
)
def test_log_order_matches_a_plain_sort(rows: list[tuple[int, int, int]]) -> None:
    rank, pair, number = (np.array([r[i] for r in rows], dtype=np.int64) for i in range(3))
    order, same, numbers, renumbered = app_import._log_order(rank, pair, number)
    want_order, want_numbers, want_renumbered = _plain_log_order(rank, pair, number)
    assert order.tolist() == want_order.tolist()
    assert numbers.tolist() == want_numbers.tolist()
    assert renumbered == want_renumbered
    blocks = list(zip(rank[order], pair[order], strict=True))
    assert same.tolist() == [a == b for a, b in itertools.pairwise(blocks)]


# --- hostile input ------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_give_a_result_or_only_our_error(data: bytes) -> None:
    try:
        result = run(data)
    except DataValidationError:
        return
    assert list(result.log.columns) == list(LOG_COLUMNS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(FIXTURES)),
    st.binary(max_size=200),
    st.integers(0, 2000),
    st.sampled_from(READERS),
)
def test_junk_inside_a_real_export_gives_a_result_or_only_our_error(
    name: str, junk: bytes, at: int, reader: str
) -> None:
    data = (APPS / name).read_bytes()
    at = min(at, len(data))
    with pytest.MonkeyPatch.context() as patch:
        use_reader(reader, patch)
        try:
            result = run(data[:at] + junk + data[at:])
        except DataValidationError:
            return
    assert result.log["set_key"].is_unique


def test_a_file_over_the_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_import, "MAX_IMPORT_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_bytes(strong(*['2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"","",'] * 40))
    with pytest.raises(DataValidationError, match=r"files over 0\.001 MB are refused"):
        run(path)


def test_formula_text_in_an_export_stays_text() -> None:
    data = strong('2025-03-03 18:02:11,"A",50m,"Glute Bridge",1,0,15,0,0,"=HYPERLINK(""x"")","",')
    log = run(data).log
    assert log["notes"].tolist() == ['=HYPERLINK("x")']
    assert b"'=HYPERLINK" in log_to_csv(log)  # neutralised when saved


def test_doctests() -> None:
    for module in (app_import, exercise_aliases):
        failures, _ = doctest.testmod(module)
        assert failures == 0, module.__name__


def test_no_cell_by_cell_loop_over_rows() -> None:
    # the conversion parses distinct values: a 100-row and a 1,000-row export of the same
    # few values parse the same number of distinct texts
    calls: list[str] = []
    original = app_import._whole

    def counting(text: str) -> tuple[float, bool]:
        calls.append(text)
        return original(text)

    rows = [
        f'2025-03-03 18:02:11,"A",50m,"Glute Bridge",{order},0,12,0,0,"","",'
        for order in [*range(1, 6), "Rest Timer"] * 200
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(app_import, "_whole", counting)
        with pytest.raises(DataValidationError):
            run(strong(*rows))  # 200 sets numbered 1 in one workout: renumbered past 50
    # each column's distinct texts are parsed once: 6 in "Set Order" (with the rest timer
    # rows), at most one each in "Reps" and "Seconds", however many rows there are
    assert {"1", "2", "3", "4", "5"} <= set(calls)
    assert len(calls) <= 8
