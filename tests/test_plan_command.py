"""``python -m gluteutils plan``: run in a subprocess on temporary files."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import icalendar
import pandas as pd
import pytest

from gluteutils.exercises import load_exercises
from gluteutils.plan import build_plan
from gluteutils.plan_csv import read_plan
from gluteutils.plan_profile import Profile, plan_profile_to_csv, read_plan_profile

from .conftest import REPO

HOSTILE_NAME = '=HYPERLINK("http://x")<img src=x onerror=alert(1)>'


def _run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gluteutils", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _profile(**changes: object) -> Profile:
    fields: dict[str, object] = {
        "athlete": HOSTILE_NAME,
        "level": "intermediate",
        "start_date": date(2025, 3, 3),
        "weeks": 6,
        "training_days": ("mon", "wed", "fri"),
        "run_days": ("tue", "sat"),
        "equipment": ("band", "dumbbell"),
        "obstacles": (("tight_hip_flexors", 70),),
    }
    fields.update(changes)
    return Profile(**fields)  # type: ignore[arg-type]


def _write_profile(folder: Path, **changes: object) -> Path:
    path = folder / "ana-profile.csv"
    path.write_bytes(plan_profile_to_csv(_profile(**changes)))
    return path


def _assert_clean_failure(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ")
    for needle in needles:
        assert needle in result.stderr
    assert result.stdout == ""


def test_help_describes_the_command() -> None:
    result = _run("plan", "--help")
    assert result.returncode == 0
    for needle in ("--profile", "--out", "--ics", "--html", "example:", "Exit status"):
        assert needle in result.stdout
    assert "plan" in _run("--help").stdout


def test_plan_csv_equals_build_plan_for_the_same_profile(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    out = tmp_path / "plan.csv"
    result = _run("plan", "--profile", profile_path, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"wrote {out}" in result.stdout
    expected = build_plan(read_plan_profile(profile_path), load_exercises())
    pd.testing.assert_frame_equal(read_plan(out), expected, check_exact=True)
    assert f"plan: {len(expected)} prescriptions" in result.stdout
    assert not (tmp_path / "plan.ics").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana-profile.csv", "plan.csv"]


def test_the_plan_notes_are_printed_after_the_summary(tmp_path: Path) -> None:
    # three strength days leave Friday before the Saturday long run; one note says so
    profile_path = _write_profile(
        tmp_path,
        level="intermediate",
        training_days=("mon", "wed", "fri"),
        run_days=("tue", "sat"),
        key_run_days=("sat",),
        equipment=("band", "dumbbell", "wall"),
    )
    result = _run("plan", "--profile", profile_path, "--out", tmp_path / "plan.csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2].startswith("plan: ")
    assert lines[-1].startswith("note: Friday is a strength day, the day before your long")


def test_calendar_and_sheet_are_written_when_asked(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    out, ics, html = tmp_path / "plan.csv", tmp_path / "plan.ics", tmp_path / "sheet.html"
    result = _run("plan", "--profile", profile_path, "--out", out, "--ics", ics, "--html", html)
    assert result.returncode == 0, result.stderr
    plan = read_plan(out)
    events = list(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == plan["date"].nunique()
    page = html.read_text(encoding="utf-8")
    assert page.count('<table class="day"') == plan["date"].nunique()
    # the hostile name is text everywhere
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert b"'=HYPERLINK(" in out.read_bytes()


def test_relative_paths_are_taken_from_the_working_folder(tmp_path: Path) -> None:
    _write_profile(tmp_path)
    result = _run("plan", "--profile", "ana-profile.csv", "--out", "plan.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plan.csv").is_file()


def test_bad_profile_names_every_bad_field_and_writes_nothing(tmp_path: Path) -> None:
    profile_path = tmp_path / "bad.csv"
    profile_path.write_text(
        "athlete,level,start_date,weeks,training_days\r\nAna,beginner,not a date,0,\r\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.csv"
    result = _run("plan", "--profile", profile_path, "--out", out)
    _assert_clean_failure(result, "bad.csv", "start_date", "weeks", "training_days")
    assert not out.exists()


def test_seventeen_weeks_is_refused(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    text = profile_path.read_text(encoding="utf-8-sig").replace('"6"', '"17"')
    profile_path.write_text(text, encoding="utf-8")
    _assert_clean_failure(
        _run("plan", "--profile", profile_path, "--out", tmp_path / "plan.csv"), "weeks"
    )


def test_missing_profile_is_a_clear_error(tmp_path: Path) -> None:
    result = _run("plan", "--profile", tmp_path / "nope.csv", "--out", tmp_path / "plan.csv")
    _assert_clean_failure(result, "nope.csv", "not found")


def test_profile_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _run("plan", "--profile", tmp_path, "--out", tmp_path / "plan.csv")
    _assert_clean_failure(result, "folder")


def test_binary_profile_is_a_clear_error(tmp_path: Path) -> None:
    profile_path = tmp_path / "photo.csv"
    profile_path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    _assert_clean_failure(
        _run("plan", "--profile", profile_path, "--out", tmp_path / "plan.csv"), "photo.csv"
    )


def test_output_folder_must_exist(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    result = _run("plan", "--profile", profile_path, "--out", tmp_path / "no" / "plan.csv")
    _assert_clean_failure(result, "does not exist")


def test_output_may_not_overwrite_the_profile_or_repeat(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    before = profile_path.read_bytes()
    result = _run("plan", "--profile", profile_path, "--out", profile_path)
    _assert_clean_failure(result, "given twice")
    assert profile_path.read_bytes() == before
    out = tmp_path / "plan.csv"
    result = _run("plan", "--profile", profile_path, "--out", out, "--ics", out)
    _assert_clean_failure(result, "given twice")


def test_a_failed_run_leaves_existing_files_untouched(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    out = tmp_path / "plan.csv"
    out.write_bytes(b"old plan")
    # the calendar's folder is missing: nothing at all may be written
    result = _run(
        "plan", "--profile", profile_path, "--out", out, "--ics", tmp_path / "x" / "p.ics"
    )
    _assert_clean_failure(result, "does not exist")
    assert out.read_bytes() == b"old plan"
    # a bad profile: the old plan stays too, and no temporary files are left behind
    profile_path.write_text("athlete\r\n\r\n", encoding="utf-8")
    _assert_clean_failure(_run("plan", "--profile", profile_path, "--out", out))
    assert out.read_bytes() == b"old plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana-profile.csv", "plan.csv"]


def test_output_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    profile_path = _write_profile(tmp_path)
    folder = tmp_path / "plans"
    folder.mkdir()
    _assert_clean_failure(
        _run("plan", "--profile", profile_path, "--out", folder), "it is a folder"
    )


@pytest.mark.parametrize("args", [["plan"], ["plan", "--profile", "x.csv"]])
def test_missing_arguments_print_usage(args: list[str]) -> None:
    result = _run(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr
