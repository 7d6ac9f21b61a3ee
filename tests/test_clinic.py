"""The coaching clinic core: rosters, batch plans, the zip file and the group dashboard."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from gluteutils import clinic_dashboard
from gluteutils.assessment import obstacle_profile, validate_answers
from gluteutils.assessment_questions import EXAMPLE_RAW
from gluteutils.clinic import (
    ANSWER_COLUMNS,
    MAX_ROSTER_BYTES,
    REJECTED_COLUMNS,
    ROSTER,
    SUMMARY_COLUMNS,
    athlete_folders,
    build_plans,
    folder_names,
    load_sample_roster,
    merge_rosters,
    plan_summary_line,
    plans_zip,
    read_roster,
    rejected_frame,
    roster_summary,
    roster_template,
)
from gluteutils.clinic_dashboard import (
    DASHBOARD_COLUMNS,
    FILE_COLUMNS,
    OVERVIEW_COLUMNS,
    dashboard_alt_text,
    dashboard_figure,
    dashboard_overview,
    group_dashboard,
    match_athlete,
    read_logs,
)
from gluteutils.clinic_sample import sample_clinic_logs
from gluteutils.contrast import MIN_TEXT_CONTRAST, contrast_ratio
from gluteutils.errors import DataValidationError
from gluteutils.exercises import load_exercises
from gluteutils.library import read_raw, validate_frame
from gluteutils.log_io import log_to_csv, normalise_log
from gluteutils.plan import build_plan
from gluteutils.plan_csv import read_plan
from gluteutils.plan_profile import (
    Profile,
    obstacles_from_profile,
    plan_profile_to_csv,
    plan_profiles_to_csv,
)
from gluteutils.profile_file import write_profile

from .conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "clinic"
HEADER = "athlete,level,start_date,weeks,training_days"
STAMP = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def library() -> pd.DataFrame:
    return load_exercises()


def roster_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def profile(name: str, **changes: object) -> Profile:
    values: dict[str, object] = {
        "athlete": name,
        "level": "beginner",
        "start_date": date(2026, 3, 2),
        "weeks": 4,
        "training_days": ("mon", "wed", "fri"),
        "run_days": ("tue", "sat"),
    }
    values.update(changes)
    return Profile(**values)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the sample roster


def test_the_sample_roster_has_a_dozen_valid_and_varied_athletes() -> None:
    roster = load_sample_roster()
    assert len(roster.profiles) == 12
    assert roster.rejected == ()
    assert roster.notes == ()
    assert {p.level for p in roster.profiles} == {"beginner", "intermediate", "advanced"}
    assert len({p.weeks for p in roster.profiles}) >= 4
    assert len({p.training_days for p in roster.profiles}) >= 4
    assert len({p.equipment for p in roster.profiles}) >= 6
    with_scores = [p for p in roster.profiles if p.obstacles]
    assert 3 <= len(with_scores) < 12  # some with obstacle scores, some without
    assert {p.units for p in roster.profiles} == {"kg", "lb"}
    assert {p.goal for p in roster.profiles} == {"full_programme", "pre_run_only"}


def test_the_sample_roster_also_passes_the_shipped_table_checks() -> None:
    text = (REPO / "data" / "sample_roster.csv").read_text(encoding="utf-8")
    table = validate_frame(read_raw(text, ROSTER), ROSTER)
    assert list(table["athlete"]) == list(load_sample_roster().athletes)


# ------------------------------------------------------------------ reading a roster


def test_a_bad_row_names_the_athlete_and_field_and_the_others_still_load() -> None:
    roster = read_roster(FIXTURES / "roster_mixed.csv")
    assert roster.athletes == ("Ana Runner", "Finn Last")
    assert roster.rows == (2, 8)
    found = {r.row: (r.who, r.fields) for r in roster.rejected}
    assert found == {
        3: ("Ben Weeks", ("weeks",)),
        4: ("Cara Level", ("level",)),
        5: ("row 5", ("athlete",)),
        6: ("Dev Days", ("training_days", "activation_minutes", "equipment", "units")),
        7: ("Eve Short", ("",)),
        9: ("ana runner", ("athlete",)),
    }
    messages = {r.row: dict(r.problems) for r in roster.rejected}
    assert "whole number" in messages[3]["weeks"]
    assert "'funday' is not a weekday" in messages[6]["training_days"]
    assert "'hoverboard'" in messages[6]["equipment"]
    assert "has 1 cells" in messages[7][""]
    assert "Row 2 already has an athlete" in messages[9]["athlete"]


def test_rejected_rows_become_a_table_with_one_line_per_bad_field() -> None:
    roster = read_roster(FIXTURES / "roster_mixed.csv")
    table = rejected_frame(roster.rejected)
    assert tuple(table.columns) == REJECTED_COLUMNS
    assert len(table) == 9  # Dev Days has four bad fields
    assert list(table.loc[table["row"] == 7, "field"]) == ["(whole row)"]
    assert list(table.loc[table["row"] == 5, "athlete"]) == ["row 5"]


def test_a_good_row_equals_the_profile_the_plan_builder_would_make() -> None:
    good = profile("Ana", equipment=("mini_band", "wall"), obstacles=(("weak_unstable", 40),))
    roster = read_roster(plan_profiles_to_csv([good, profile("=HYPERLINK(1)")]))
    assert roster.profiles == (good, profile("=HYPERLINK(1)"))  # apostrophe removed again


def test_headers_are_matched_as_a_person_types_them_and_extra_columns_are_noted() -> None:
    data = roster_bytes(
        "Ana,Beginner,2026-03-02,4,Monday|Thursday,coach's note",
        header=" Athlete ,LEVEL,Start Date,weeks,training-days,Notes",
    )
    roster = read_roster(data)
    assert roster.athletes == ("Ana",)
    assert roster.profiles[0].training_days == ("mon", "thu")
    assert roster.notes == ("Ignored columns the roster format does not use: 'notes'.",)


def test_a_semicolon_windows_1252_roster_reads_with_a_note() -> None:
    data = "athlete;level;start_date;weeks;training_days\r\nZoë;beginner;02/03/2026;4;mon,thu\r\n"
    roster = read_roster(data.encode("cp1252"))
    assert roster.athletes == ("Zoë",)
    assert roster.profiles[0].start_date == date(2026, 3, 2)
    assert any("Windows-1252" in note for note in roster.notes)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "is empty"),
        (b"athlete,level,weeks\nAna,beginner,4\n", "required columns are missing: start_date, "),
        (b"athlete,level,start_date,weeks,training_days,level\n", "appears twice"),
        (b"\xff\xfe\x00\xd8junk\x00", "is not"),
    ],
)
def test_a_file_that_cannot_be_read_at_all_raises_one_clear_error(
    data: bytes, fragment: str
) -> None:
    with pytest.raises(DataValidationError, match=re.escape(fragment)):
        read_roster(data)


def test_a_roster_over_the_size_limit_is_refused_before_reading() -> None:
    assert MAX_ROSTER_BYTES == 10 * 1024 * 1024
    with pytest.raises(DataValidationError, match="MB"):
        read_roster(roster_bytes("Ana,beginner,2026-03-02,4,mon"), max_bytes=10)


def test_a_header_without_rows_gives_no_athletes_and_a_note() -> None:
    roster = read_roster(roster_bytes())
    assert roster.profiles == ()
    assert roster.rejected == ()
    assert roster.notes == ("The roster has a header but no athlete rows.",)


# ------------------------------------------------------------------ obstacles three ways


def answers_row(name: str, answers: dict[str, object]) -> str:
    def cell(value: object) -> str:
        return ("yes" if value else "no") if isinstance(value, bool) else str(value)

    return ",".join([name, "beginner", "2026-03-02", "4", "mon|thu"] + [
        cell(answers.get(c, "")) for c in ANSWER_COLUMNS
    ])  # fmt: skip


ANSWERS_HEADER = ",".join([HEADER, *ANSWER_COLUMNS])


def test_self_assessment_answers_are_scored_as_the_notebook_03_form_scores_them() -> None:
    answers, _ = validate_answers(EXAMPLE_RAW)
    expected = obstacles_from_profile(obstacle_profile(answers, date(2026, 3, 2)))
    roster = read_roster(roster_bytes(answers_row("Ana", EXAMPLE_RAW), header=ANSWERS_HEADER))
    assert roster.rejected == ()
    assert roster.profiles[0].obstacles == expected
    assert dict(expected)["tight_hip_flexors"] > 0


def test_a_red_flag_answer_gives_no_plan_and_says_see_a_clinician() -> None:
    flagged = {**EXAMPLE_RAW, "flag_night_pain": True}
    bad = {**EXAMPLE_RAW, "bridge_reps_left": "lots"}
    roster = read_roster(
        roster_bytes(
            answers_row("Ana", EXAMPLE_RAW),
            answers_row("Ben", flagged),
            answers_row("Cara", bad),
            header=ANSWERS_HEADER,
        )
    )
    assert roster.athletes == ("Ana",)
    (ben, cara) = roster.rejected
    assert (ben.who, ben.fields) == ("Ben", ("flag_night_pain",))
    assert "see a clinician" in ben.problems[0][1]
    assert (cara.who, cara.fields) == ("Cara", ("bridge_reps_left",))
    assert "number" in cara.problems[0][1]


def test_skipped_tests_in_a_roster_are_unknown_and_noted() -> None:
    skipped = {
        **EXAMPLE_RAW,
        "bridge_reps_left": "skipped",
        "bridge_reps_right": "SKIPPED",
        "squeeze_lying": "Skipped",
        "squeeze_standing": "skipped",
        "thomas_thigh_above_left": "skipped",
    }
    roster = read_roster(roster_bytes(answers_row("Ana", skipped), header=ANSWERS_HEADER))
    assert roster.rejected == ()
    answers, messages = validate_answers(
        {k: v.lower() if isinstance(v, str) else v for k, v in skipped.items()}
    )
    assert messages == {}
    expected = obstacles_from_profile(obstacle_profile(answers, date(2026, 3, 2)))
    obstacles = dict(roster.profiles[0].obstacles)
    assert roster.profiles[0].obstacles == expected
    # nothing checked the untaught skill (both squeezes skipped) or bouncing (not sure):
    # left out, rather than passed on as a 0 that would read as "fine"
    assert "untaught_skill" not in obstacles
    assert "bouncing" not in obstacles
    assert obstacles["weak_unstable"] == 25  # the right pelvis drop still counts
    (note,) = [n for n in roster.notes if n.startswith("Ana:")]
    assert "Test 1: the glute squeeze" in note
    assert "Test 5: single-leg bridge to failure" in note
    assert "left out of the plan's obstacles: Glute activation is a skill nobody taught" in note
    assert "Bouncing up instead of driving forward" in note


def test_an_empty_test_cell_is_a_missing_answer_not_a_skip() -> None:
    blank = {**EXAMPLE_RAW, "bridge_reps_right": ""}
    roster = read_roster(roster_bytes(answers_row("Cara", blank), header=ANSWERS_HEADER))
    assert roster.athletes == ()
    (cara,) = roster.rejected
    assert cara.fields == ("bridge_reps_right",)
    assert "write skipped if the test was not done" in cara.problems[0][1]


def test_scores_and_answers_together_are_refused() -> None:
    header = ANSWERS_HEADER + ",obstacles"
    row = answers_row("Ana", EXAMPLE_RAW) + ",weak_unstable:40"
    roster = read_roster(roster_bytes(row, header=header))
    assert roster.rejected[0].fields == ("obstacles",)
    assert "not both" in roster.rejected[0].problems[0][1]


def test_an_obstacle_profile_file_is_read_from_a_folder_but_not_from_an_upload(
    tmp_path: Path,
) -> None:
    answers, _ = validate_answers(EXAMPLE_RAW)
    found = obstacle_profile(answers, date(2026, 3, 1))
    write_profile(found, tmp_path, "ana-profile.csv")
    roster_file = tmp_path / "roster.csv"
    roster_file.write_bytes(
        roster_bytes(
            "Ana,beginner,2026-03-02,4,mon,ana-profile.csv", header=HEADER + ",obstacle_profile"
        )
    )
    from_folder = read_roster(roster_file)
    assert from_folder.profiles[0].obstacles == obstacles_from_profile(found)
    uploaded = read_roster(roster_file.read_bytes(), base_dir=tmp_path, allow_files=False)
    assert uploaded.profiles == ()
    assert uploaded.rejected[0].fields == ("obstacle_profile",)
    assert "cannot open the files it names" in uploaded.rejected[0].problems[0][1]


def test_templates_read_back_as_one_good_row() -> None:
    plain = read_roster(roster_template())
    with_answers = read_roster(roster_template(with_answers=True))
    assert len(plain.profiles) == len(with_answers.profiles) == 1
    assert plain.rejected == with_answers.rejected == ()
    assert plain.profiles[0].obstacles == (("weak_unstable", 40), ("tight_hip_flexors", 60))
    answers, _ = validate_answers(EXAMPLE_RAW)
    assert with_answers.profiles[0].obstacles == obstacles_from_profile(
        obstacle_profile(answers, date(2026, 3, 2))
    )


# ------------------------------------------------------------------ plans for everyone


def test_build_plans_gives_each_athlete_build_plan_and_reports_progress(
    library: pd.DataFrame,
) -> None:
    profiles = [profile("Ana"), profile("Ben", level="advanced", weeks=6)]
    calls: list[tuple[int, int, str]] = []
    plans = build_plans(profiles, library, progress=lambda *args: calls.append(args))
    assert list(plans) == ["Ana", "Ben"]
    assert calls == [(1, 2, "Ana"), (2, 2, "Ben")]
    for p in profiles:
        assert_frame_equal(plans[p.athlete], build_plan(p, library))


def test_build_plans_refuses_two_athletes_with_one_name(library: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="distinct name"):
        build_plans([profile("Ana"), profile("ANA")], library)


def test_the_summary_has_one_line_per_athlete_with_weeks_days_minutes_and_flags(
    library: pd.DataFrame,
) -> None:
    roster = load_sample_roster()
    plans = build_plans(roster.profiles, library)
    summary = roster_summary(roster.profiles, plans)
    assert tuple(summary.columns) == SUMMARY_COLUMNS
    assert list(summary["athlete"]) == list(roster.athletes)
    for row, p in zip(summary.itertuples(), roster.profiles, strict=True):
        plan = plans[p.athlete]
        assert row.weeks == p.weeks
        assert row.days == plan["date"].nunique()
        assert row.end_date == date.fromordinal(p.start_date.toordinal() + 7 * p.weeks - 1)
        assert 0 < row.minutes_per_week < 400
        assert row.stages.startswith("activate 1")
        assert f"{p.weeks}" in row.stages.split()[-1]
    maya = summary.set_index("athlete").loc["Maya Thompson"]
    assert maya["stages"] == "activate 1-2, strengthen 3-6, integrate 7-8"
    assert maya["focus"].startswith("Long hours of sitting 80")
    assert "Trap-bar deadlift" in maya["flags"]  # no trap bar: swapped
    zoe = summary.set_index("athlete").loc["Zoë Martin"]
    assert zoe["focus"] == "no self-assessment"
    assert "no obstacle profile" in zoe["flags"]
    assert "pre-run routine only" in summary.set_index("athlete").loc["Hannah Schulz", "flags"]
    # three strength days in Mon/Thu/Sat leave Saturday before Sunday's long run
    daniel = summary.set_index("athlete").loc["Daniel Okafor"]
    assert "strength day before a long or hard run (sat before sun)" in daniel["flags"]
    assert "long or hard run" not in maya["flags"]  # her lifts moved off Friday


def test_plan_profile_files_from_several_athletes_make_one_roster() -> None:
    # each athlete downloads their plan profile in notebook 05 and sends it to the coach
    ana, ben = profile("Ana", key_run_days=("sat",)), profile("Ben Okafor", level="advanced")
    bad = b"athlete,level,start_date,weeks,training_days\nCleo,expert,2026-03-02,4,mon\n"
    parts = [
        read_roster(plan_profile_to_csv(ana), label="ana-profile.csv"),
        read_roster(bad + b"ANA,beginner,2026-03-02,4,tue\n", label="club.csv"),
        read_roster(plan_profile_to_csv(ben) + b"\r\n", label="ben-profile.csv"),
    ]
    merged = merge_rosters(parts)
    assert merged.label == "3 files"
    assert merged.profiles == (ana, ben)
    assert merged.rows == (2, 2)
    found = [(r.row, r.athlete, r.problems[0][1]) for r in merged.rejected]
    assert found[0][:2] == (2, "Cleo")
    assert found[0][2].startswith("club.csv: The level must be one of")
    assert found[1] == (
        3,
        "ANA",
        "club.csv: ana-profile.csv already has an athlete called this; give each athlete a "
        "different name, so that plans and logs do not mix.",
    )
    assert merge_rosters(parts[:1]) is parts[0]


def test_a_summary_line_reads_as_a_sentence(library: pd.DataFrame) -> None:
    ana = profile("Ana", weeks=1)
    line = plan_summary_line(ana, build_plan(ana, library))
    assert line.startswith("Ana: beginner, 1 week from 2026-03-02 (mon, wed, fri), ")
    assert "activate 1." in line
    assert "Check: no obstacle profile" in line


# ------------------------------------------------------------------ the zip file


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_zip_holds_each_plan_as_csv_and_calendar_and_the_summary(
    library: pd.DataFrame,
) -> None:
    profiles = [profile("Ana Runner"), profile("Ben", weeks=6, start_date=date(2026, 3, 4))]
    plans = build_plans(profiles, library)
    files = unzip(plans_zip(profiles, plans, stamp=STAMP))
    assert sorted(files) == [
        "01_Ana_Runner/glute-plan-Ana_Runner-2026-03-02.csv",
        "01_Ana_Runner/glute-plan-Ana_Runner-2026-03-02.ics",
        "02_Ben/glute-plan-Ben-2026-03-04.csv",
        "02_Ben/glute-plan-Ben-2026-03-04.ics",
        "roster_summary.csv",
    ]
    for p, folder in zip(profiles, athlete_folders(profiles), strict=True):
        stem = f"{folder}/glute-plan-{folder[3:]}-{p.start_date}"
        assert_frame_equal(read_plan(files[stem + ".csv"]), build_plan(p, library))
        calendar = icalendar.Calendar.from_ical(files[stem + ".ics"])
        events = list(calendar.walk("VEVENT"))
        assert len(events) == plans[p.athlete]["date"].nunique()
    text = files["roster_summary.csv"].decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["athlete"] for r in rows] == ["Ana Runner", "Ben"]
    assert [r["folder"] for r in rows] == ["01_Ana_Runner", "02_Ben"]
    assert (rows[1]["weeks"], rows[1]["start_date"]) == ("6", "2026-03-04")


def test_the_zip_is_the_same_for_the_same_stamp(library: pd.DataFrame) -> None:
    profiles = [profile("Ana")]
    plans = build_plans(profiles, library)
    assert plans_zip(profiles, plans, stamp=STAMP) == plans_zip(profiles, plans, stamp=STAMP)


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "../../etc/passwd",
    "Ana Lee",
    "Ana/Lee",
    "Ana_Lee",
    "CON",
    "李娜",
    "..",
    '=HYPERLINK("http://evil.example")',
]


def test_hostile_and_clashing_names_get_unique_safe_paths(
    library: pd.DataFrame, tmp_path: Path
) -> None:
    profiles = [profile(name) for name in HOSTILE]
    folders = athlete_folders(profiles)
    assert len({f.casefold() for f in folders}) == len(folders)
    # letters of any script are kept: 李娜 is a name, not something to hide
    assert all(re.fullmatch(r"[^\W_][\w.-]{0,47}", f) for f in folders)
    assert (folders[5], folders[6], folders[7]) == ("06_CON", "07_李娜", "08_athlete")
    plans = build_plans(profiles, library)
    data = plans_zip(profiles, plans, stamp=STAMP)
    names = list(unzip(data))
    assert len({n.casefold() for n in names}) == len(names) == 1 + 2 * len(HOSTILE)
    for name in names:
        assert not name.startswith("/")
        assert ".." not in name.split("/")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path / "out")
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(written) == len(names)
    assert all((tmp_path / "out") in p.parents for p in written)
    summary = (tmp_path / "out" / "roster_summary.csv").read_text(encoding="utf-8-sig")
    assert '"\'=HYPERLINK(""http://evil.example"")"' in summary  # formula neutralised
    rows = list(csv.DictReader(io.StringIO(summary)))
    assert rows[0]["athlete"] == HOSTILE[0]  # kept as typed; escaped only when shown
    (plan_file,) = (tmp_path / "out" / folders[8]).glob("*.csv")
    assert plan_file.name.startswith("glute-plan-_HYPERLINK")
    plan = read_plan(plan_file)
    assert set(plan["athlete"]) == {HOSTILE[8]}


# ------------------------------------------------------------------ the group dashboard


def log_of(athlete: str, rows: list[dict[str, object]]) -> pd.DataFrame:
    """A log in the contract from a few fields per set (the rest empty)."""
    base = {
        "athlete": athlete,
        "exercise_name": "",
        "set_type": "working",
        "set": 1,
        "side": "both",
        "reps": 10,
        "duration_s": None,
        "load": None,
        "load_unit": "",
        "rpe": None,
        "rir": None,
        "glute_feel": None,
        "pain": None,
        "pain_where": "",
        "notes": "",
        "source": "form",
    }
    return normalise_log(pd.DataFrame([{**base, **row} for row in rows]))


def planned_week(plan: pd.DataFrame, week: int) -> list[dict[str, object]]:
    """Every set the plan asks for in one week, done on its day as planned."""
    rows = []
    for row in plan[plan["week"] == week].to_dict("records"):
        sets = 1 if pd.isna(row["sets"]) else int(row["sets"])
        sides = ("left", "right") if row["side"] == "each_side" else ("both",)
        hour = {"pre_run": 7, "activation": 18, "strength": 19}[row["session"]]
        for side in sides:
            for number in range(1, sets + 1):
                rows.append(
                    {
                        "datetime": datetime.combine(row["date"], datetime.min.time()).replace(
                            hour=hour
                        ),
                        "exercise_id": row["exercise_id"],
                        "set": number,
                        "side": side,
                        "reps": 10 if pd.isna(row["hold_s"]) else None,
                        "duration_s": None if pd.isna(row["hold_s"]) else 30,
                        "pain": 0,
                    }
                )
    return rows


@pytest.fixture(scope="module")
def ana_plan(library: pd.DataFrame) -> pd.DataFrame:
    return build_plan(profile("Ana", weeks=6), library)


def test_the_dashboard_counts_each_week_and_flags_pain_gaps_and_missed_weeks(
    ana_plan: pd.DataFrame,
) -> None:
    week2 = planned_week(ana_plan, 2)
    week2[0]["pain"] = 4  # at the threshold: flagged
    week2[1]["pain"] = 3
    tests = [  # a single-leg bridge test: 20 and 17 is a 15 % gap (not over), 20 and 16 is 20 %
        {"datetime": datetime(2026, 3, 9, 17), "exercise_id": "single_leg_glute_bridge",
         "set_type": "test", "side": "left", "reps": 20},
        {"datetime": datetime(2026, 3, 9, 17), "exercise_id": "single_leg_glute_bridge",
         "set_type": "test", "side": "right", "reps": 17},
        {"datetime": datetime(2026, 3, 23, 17), "exercise_id": "single_leg_glute_bridge",
         "set_type": "test", "side": "left", "reps": 20},
        {"datetime": datetime(2026, 3, 23, 17), "exercise_id": "single_leg_glute_bridge",
         "set_type": "test", "side": "right", "reps": 16},
    ]  # fmt: skip
    log = log_of("Ana", planned_week(ana_plan, 1) + week2 + tests)
    today = date(2026, 3, 25)  # a Wednesday of week 4: weeks 5-6 have not begun
    table = group_dashboard({"Ana": log}, {"Ana": ana_plan}, today)
    assert tuple(table.columns) == DASHBOARD_COLUMNS
    assert list(table["week"]) == [1, 2, 3, 4]
    assert list(table["complete"]) == [True, True, True, False]
    assert list(table["adherence_pct"])[:2] == [100.0, 100.0]
    assert list(table["missed"]) == [False, False, True, False]  # week 4 is not over yet
    assert list(table["pain_flag"]) == [False, True, False, False]
    assert table.loc[1, "max_pain"] == 4
    assert list(table["gap_flag"]) == [False, False, False, True]
    assert table.loc[3, "gap_pct"] == pytest.approx(20.0)
    assert table.loc[1, "flags"] == "pain 4/10: stop that exercise and see a clinician"
    assert table.loc[2, "flags"] == "missed week: nothing logged"
    assert table.loc[3, "flags"] == "left-right gap 20% (single-leg bridge test)"
    assert table.loc[0, "planned_sets"] == table.loc[0, "done_sets"] == table.loc[0, "logged_sets"]


def test_one_sided_sets_cut_short_on_one_side_raise_a_gap_flag(ana_plan: pd.DataFrame) -> None:
    rows = planned_week(ana_plan, 3)
    sided = [r for r in rows if r["side"] == "right" and r["reps"]]
    assert sided, "week 3 of the plan should have a one-sided exercise"
    for row in sided:
        row["reps"] = 5  # left 10 a set, right 5: a 50 % gap
    table = group_dashboard({"Ana": log_of("Ana", rows)}, {"Ana": ana_plan}, date(2026, 3, 22))
    week3 = table.set_index("week").loc[3]
    assert week3["gap_flag"]
    assert week3["gap_pct"] == pytest.approx(50.0)
    assert week3["flags"].startswith("left-right gap 50% (")
    assert week3["flags"].endswith(" sets)")


def test_an_athlete_without_a_log_has_every_finished_week_missed(ana_plan: pd.DataFrame) -> None:
    plans = {"Ana": ana_plan, "Ben": ana_plan.assign(athlete="Ben")}
    table = group_dashboard({}, plans, date(2026, 3, 18), starts={"Ana": date(2026, 3, 2)})
    assert list(table["athlete"]) == ["Ana"] * 3 + ["Ben"] * 3
    assert list(table["missed"]) == [True, True, False] * 2
    assert (table["done_sets"] == 0).all()
    overview = dashboard_overview(table)
    assert tuple(overview.columns) == OVERVIEW_COLUMNS
    assert list(overview["missed_weeks"]) == ["1-2", "1-2"]
    assert list(overview["weeks_complete"]) == [2, 2]
    assert group_dashboard({}, plans, date(2026, 3, 1)).empty  # no week has begun


def test_the_sample_logs_tell_their_stories_on_the_dashboard(library: pd.DataFrame) -> None:
    roster = load_sample_roster()
    plans = build_plans(roster.profiles, library)
    starts = {p.athlete: p.start_date for p in roster.profiles}
    logs = sample_clinic_logs(plans, starts)
    assert_frame_equal(logs["Maya Thompson"], sample_clinic_logs(plans, starts)["Maya Thompson"])
    table = group_dashboard(logs, plans, date(2026, 5, 1), starts)
    flagged = {
        (row.athlete, row.week): row.flags for row in table[table["flags"] != ""].itertuples()
    }
    assert set(flagged) == {
        ("Zoë Martin", 3),
        ("Priya Nair", 5),
        ("Kenji Watanabe", 1),
        ("Marcus Lee", 3),
        ("Liam Walsh", 4),
        ("Liam Walsh", 5),
        ("Liam Walsh", 6),
    }
    assert flagged[("Priya Nair", 5)].startswith("pain 5/10")
    assert "single-leg bridge test" in flagged[("Kenji Watanabe", 1)]
    overview = dashboard_overview(table).set_index("athlete")
    assert overview.loc["Liam Walsh", "missed_weeks"] == "4-6"
    assert overview.loc["Tom O'Brien", "adherence_pct"] > 80


def test_the_figure_marks_every_flag_and_the_alt_text_names_them(library: pd.DataFrame) -> None:
    roster = load_sample_roster()
    plans = build_plans(roster.profiles[:6], library)
    starts = {p.athlete: p.start_date for p in roster.profiles}
    table = group_dashboard(sample_clinic_logs(plans, starts), plans, date(2026, 5, 1), starts)
    fig = dashboard_figure(table)
    (ax, _bar) = fig.axes
    texts = {t.get_gid(): t.get_text() for t in ax.texts}
    assert texts["cell-2-3"] == "0 M"  # Zoë Martin, week 3
    assert texts["cell-4-5"].endswith(" P")  # Priya Nair, week 5
    frames = [p for p in ax.patches if (p.get_gid() or "").startswith("flag-")]
    assert len(frames) == int((table["flags"] != "").sum()) == 2
    assert [t.get_text() for t in ax.get_yticklabels()] == list(plans)
    alt = dashboard_alt_text(table)
    assert alt.startswith(
        "Heatmap of the share of planned sets done by 6 athletes, plan weeks 1 to 16"
    )
    assert "Priya Nair (week 5)" in alt
    assert "Zoë Martin (week 3)" in alt
    assert "Nobody is flagged for a left-right gap" in alt
    empty = group_dashboard({}, plans, date(2025, 1, 1))
    assert "nothing to show" in dashboard_alt_text(empty)
    assert dashboard_figure(empty).axes[0].texts


@pytest.mark.parametrize("name", ["Bob $\\frac$", "Cash $5 and $10", "$x^2$"])
def test_an_athlete_name_with_dollar_signs_is_drawn_as_text_not_maths(
    library: pd.DataFrame, name: str
) -> None:
    # Matplotlib reads text between two "$" as maths: one name broke the figure
    ana = profile(name)
    plans = {name: build_plan(ana, library)}
    logs = sample_clinic_logs(plans, {name: ana.start_date})
    table = group_dashboard(logs, plans, date(2026, 5, 1), {name: ana.start_date})
    fig = dashboard_figure(table)
    fig.canvas.draw()  # the mathtext parser ran here, and raised for "\\frac"
    (label,) = fig.axes[0].get_yticklabels()
    assert label.get_text() == name
    assert not label.get_parse_math()


def test_every_heatmap_number_is_readable_on_its_shade(library: pd.DataFrame) -> None:
    roster = load_sample_roster()
    plans = build_plans(roster.profiles[:6], library)
    starts = {p.athlete: p.start_date for p in roster.profiles}
    table = group_dashboard(sample_clinic_logs(plans, starts), plans, date(2026, 5, 1), starts)
    # every shade of the scale, from 0 to 100 %, and a week without sets
    table["adherence_pct"] = np.linspace(0, 100, len(table))
    table.loc[table.index[1], "adherence_pct"] = np.nan
    fig = dashboard_figure(table)
    ax = fig.axes[0]
    (image,) = ax.images
    checked = 0
    for text in ax.texts:
        row, week = (int(part) for part in text.get_gid().split("-")[1:])
        value = image.get_array()[row, week - 1]
        shade = ax.get_facecolor() if np.ma.is_masked(value) else image.cmap(image.norm(value))
        assert contrast_ratio(shade, text.get_color()) >= MIN_TEXT_CONTRAST, (value, text)
        checked += 1
    assert checked == len(table)


# ------------------------------------------------------------------ reading the group's logs


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_read_logs_takes_a_zip_of_logs_and_app_exports_and_lists_what_it_could_not_use(
    library: pd.DataFrame,
) -> None:
    profiles = [profile("Maya Thompson"), profile("Ben Okafor"), profile("Zoë")]
    plans = build_plans(profiles, library)
    logs = sample_clinic_logs(plans, {p.athlete: p.start_date for p in profiles})
    folders = athlete_folders(profiles)
    strong = (REPO / "tests" / "fixtures" / "apps" / "strong_current.csv").read_bytes()
    stranger = log_of(
        "Stranger", [{"datetime": datetime(2026, 3, 2, 18), "exercise_id": "glute_bridge"}]
    )
    upload = zip_of(
        {
            f"{folders[0]}/training_log.csv": log_to_csv(logs["Maya Thompson"]),
            f"{folders[2]}/log.csv": log_to_csv(pd.concat([logs["Zoë"], stranger])),
            f"{folders[1]}/strong.csv": strong,  # whose: told by the folder
            "readme.txt": b"hello",
            "__MACOSX/._log.csv": b"junk",
        }
    )
    found = read_logs(
        [
            ("logs.zip", upload),
            ("maya thompson - strong.csv", strong),
            ("unknown-strong.csv", strong),
            ("notes.csv", b"a,b\n1,2\n"),
            ("broken.csv", b"athlete,exercise_id\nAna\n"),
        ],
        [p.athlete for p in profiles],
        today=date(2026, 5, 1),
    )
    assert list(found.logs) == ["Maya Thompson", "Ben Okafor", "Zoë"]
    assert_frame_equal(found.logs["Zoë"], logs["Zoë"])
    strong_sets = found.logs["Ben Okafor"]
    assert set(strong_sets["source"]) == {"strong"}
    maya = found.logs["Maya Thompson"]
    assert len(maya) == len(logs["Maya Thompson"]) + len(strong_sets)
    problems = dict(found.problems)
    assert set(problems) == {"unknown-strong.csv", "notes.csv", "broken.csv"}
    assert "name does not say whose" in problems["unknown-strong.csv"]
    assert "neither a training log" in problems["notes.csv"]
    assert any("'Stranger', who is not on the roster" in note for note in found.notes)
    assert any("1 file that is not CSV skipped" in note for note in found.notes)
    assert tuple(found.files.columns) == FILE_COLUMNS
    assert list(found.files["kind"]) == ["log", "log", "strong", "strong"]


def test_the_same_set_sent_twice_counts_once(library: pd.DataFrame) -> None:
    ana = profile("Ana")
    log = sample_clinic_logs({"Ana": build_plan(ana, library)}, {"Ana": ana.start_date})["Ana"]
    data = log_to_csv(log)
    found = read_logs([("a.csv", data), ("b.csv", data)], ["Ana"], today=date(2026, 5, 1))
    assert_frame_equal(found.logs["Ana"], log)


def test_zip_members_too_large_are_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clinic_dashboard, "MAX_LOG_BYTES", 1000)
    upload = zip_of({"big.csv": b"0" * 5000, "small.csv": b"a,b\n"})
    found = read_logs(upload, ["Ana"])
    assert dict(found.problems)["upload.zip: big.csv"].startswith("is too large")
    assert "neither" in dict(found.problems)["upload.zip: small.csv"]
    assert read_logs([("x.zip", b"PK\x03\x04 not really")]).problems[0][1].startswith("is not a")


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_LZMA])
def test_a_damaged_zip_member_is_listed_and_the_others_are_read(
    library: pd.DataFrame, method: int
) -> None:
    ana = profile("Ana")
    log = sample_clinic_logs({"Ana": build_plan(ana, library)}, {"Ana": ana.start_date})["Ana"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        archive.writestr("broken.csv", log_to_csv(log))
        archive.writestr("Ana.csv", log_to_csv(log))
    upload = bytearray(buffer.getvalue())
    start = 30 + len("broken.csv") + 40  # inside the first member's compressed bytes
    upload[start : start + 20] = bytes(b ^ 0xFF for b in upload[start : start + 20])
    found = read_logs([("logs.zip", bytes(upload))], ["Ana"], today=date(2026, 5, 1))
    (problem,) = found.problems
    assert problem[0] == "logs.zip: broken.csv"
    assert problem[1].startswith("could not be unpacked")
    assert_frame_equal(found.logs["Ana"], log)


def test_a_utf8_log_is_read_whatever_character_its_first_64_kib_end_inside() -> None:
    # the file's header is read from its first 64 KiB, which may end halfway
    # through a character; an earlier byte Windows-1252 lacks (0x81 in "Á")
    # made that slice neither UTF-8 nor Windows-1252
    rows = [
        {
            "datetime": datetime(2026, 1, 1, 7) + timedelta(days=i),
            "exercise_id": "glute_bridge",
            "notes": "é" * 300,
        }
        for i in range(300)
    ]
    for pad in range(200):  # move the rows until byte 65536 is inside an "é"
        rows[0]["notes"] = "x" * pad + "é" * 300
        data = log_to_csv(log_of("Álvaro", rows))
        if 0x80 <= data[65536] < 0xC0:  # a continuation byte: a character cut in two
            break
    assert 0x80 <= data[65536] < 0xC0
    found = read_logs([("alvaro.csv", data)], ["Álvaro"], today=date(2026, 12, 1))
    assert found.problems == ()
    assert len(found.logs["Álvaro"]) == 300


ACCENTED = ["José Hernández", "Zoë Martin", "Zoé Martin", "王芳", "Ana"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("José_Hernández-strong.csv", "José Hernández"),
        ("jose hernandez - hevy.csv", "José Hernández"),  # plain letters: one José
        ("Zoë_Martin-strong.csv", "Zoë Martin"),
        ("ZOÉ MARTIN.csv", "Zoé Martin"),
        ("Zoe_Martin.csv", None),  # Zoë or Zoé: never guessed
        ("Zo_Martin-strong.csv", None),
        ("Zoe\u0308_Martin.csv", "Zoë Martin"),  # accent sent apart, as from macOS
        ("王芳.csv", "王芳"),
        ("logs.zip: 02_Zoë_Martin/export.csv", "Zoë Martin"),
        ("logs.zip: 04_王芳/log.csv", "王芳"),
    ],
)
def test_accented_and_other_script_names_match_their_athlete(
    path: str, expected: str | None
) -> None:
    assert match_athlete(path, ACCENTED) == expected


def test_every_name_keeps_its_letters_in_its_folder_of_the_plans_zip() -> None:
    folders = folder_names(ACCENTED)
    assert folders == ["01_José_Hernández", "02_Zoë_Martin", "03_Zoé_Martin", "04_王芳", "05_Ana"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("logs.zip: 02_Ben_Okafor/export.csv", "Ben Okafor"),
        ("Ben_Okafor.csv", "Ben Okafor"),
        ("ben okafor-hevy.csv", "Ben Okafor"),
        ("BEN_OKAFOR_fitnotes.csv", "Ben Okafor"),
        ("Ana.csv", "Ana"),
        ("Anabel.csv", None),
        ("strong.csv", None),
    ],
)
def test_an_export_is_matched_to_its_athlete_by_name_or_folder(
    path: str, expected: str | None
) -> None:
    assert match_athlete(path, ["Ana", "Ben Okafor"]) == expected
