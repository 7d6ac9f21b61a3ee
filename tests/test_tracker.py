"""The progress tracker without a browser: uploads, name mapping, summaries, plots, suggestions."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from gluteutils.exercises import load_exercises
from gluteutils.log_io import MAX_LOG_BYTES, log_to_csv
from gluteutils.plan_csv import plan_to_csv
from gluteutils.sample_log import load_sample_log, sample_plan
from gluteutils.tracker_form import MAX_UPLOAD_BYTES, TrackerApp, figure_html, is_training_log

from .conftest import REPO, upload_value

APPS = REPO / "tests" / "fixtures" / "apps"
STRONG = APPS / "strong_current.csv"
HOSTILE = "<img src=x onerror=alert(1)>"
LIBRARY = load_exercises()
SUMMARIES = {"muscles", "exercises", "bests", "bridge", "feel"}


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return load_sample_log()


def new_app(**kwargs: object) -> TrackerApp:
    return TrackerApp(library=LIBRARY, **kwargs)  # type: ignore[arg-type]


def images(markup: str) -> list[tuple[str, bytes]]:
    """(alt text, PNG bytes) of every <img> in the markup."""
    found = re.findall(r'<img class="gfr-tracker-plot" alt="([^"]*)"[^>]*base64,([^"]+)"', markup)
    return [(html.unescape(alt), base64.b64decode(data)) for alt, data in found]


def upload(app: TrackerApp, data: bytes, name: str) -> None:
    """Set the upload widget's value as the browser does."""
    app.upload.value = upload_value(name, data)


def test_our_log_is_recognised_and_app_exports_are_not(sample) -> None:
    assert is_training_log(log_to_csv(sample))
    assert is_training_log(log_to_csv(sample).decode("utf-8-sig").replace(",", ";").encode())
    assert not is_training_log(STRONG.read_bytes())
    assert not is_training_log(b"")


def test_uploading_our_log_shows_table_summaries_plots_and_suggestions(sample) -> None:
    app = new_app()
    upload(app, log_to_csv(sample), "training_log.csv")
    assert app.messages == {}
    assert app.app == "log"
    pd.testing.assert_frame_equal(app.log, sample)
    assert f"{len(sample)} sets of <b>Sample Runner</b>" in app.status.value
    assert app.table.value.count("<tr") == 16  # header + the latest 15 sets
    # headings for a person, and an empty cell (not <NA>) for what a set did not have
    assert "<th>Glute feel (0-10)</th>" in app.table.value
    assert "exercise_name" not in app.table.value
    # the summaries too: words and units, not column names, and yes or no
    for heading in ("Week of", "Most reps", "Heaviest (kg)", "Gap (%)", "Mean feel (0-10)"):
        assert f"<th>{heading}</th>" in app.summary.value
    for name in ("week_start", "most_reps", "heaviest_kg", "gap_pct", "mean_feel", "True"):
        assert name not in app.summary.value
    latest = sample.tail(15)
    assert latest["reps"].isna().any()  # the sample's last sets include drills timed in seconds
    assert "&lt;NA&gt;" not in app.table.value + app.summary.value
    assert set(app.sections) == SUMMARIES  # no plan given: no adherence
    shown = images(app.summary.value)
    assert len(shown) == len(SUMMARIES)
    for alt, png in shown:
        assert alt.strip()
        assert png.startswith(b"\x89PNG")
    assert sorted(alt for alt, _ in shown) == sorted(app.alts.values())
    bridge = app.sections["bridge"]
    assert bridge[["left", "right"]].to_numpy().tolist() == [[17, 12], [20, 16], [24, 22]]
    assert app.suggestions
    assert all(s.sources for s in app.suggestions)
    assert app.advice.value.count('class="gfr-tracker-suggestion ') == len(app.suggestions)
    assert "Next steps" in app.advice.value
    assert "Source:" in app.advice.value
    assert "Ratamess" in app.advice.value  # the hold and progress rules cite ACSM
    assert 'download="training-log-Sample_Runner.csv"' in app.download.value


def test_a_plan_adds_adherence(sample) -> None:
    app = new_app()
    app.load_bytes(log_to_csv(sample), "log.csv")
    assert app.load_plan(plan_to_csv(sample_plan(LIBRARY)), "plan.csv")
    assert "adherence" in app.sections
    adherence = app.sections["adherence"]
    assert adherence["planned_sets"].sum() >= adherence["done_sets"].sum() > 0
    assert "<th>Sets planned</th>" in app.summary.value
    assert "<th>Every set done</th>" in app.summary.value
    assert "<td>yes</td>" in app.summary.value or "<td>no</td>" in app.summary.value
    # the plan makes the log's last week (8) lighter: it says so, and nothing progresses,
    # though the trap-bar deadlift reached the top of its range
    assert app.suggestions[0].kind == "lighter_week"
    assert app.suggestions[0].message.startswith("Your plan makes this a lighter week")
    assert not [s for s in app.suggestions if s.kind == "progress"]
    (trap_bar,) = [s for s in app.suggestions if s.exercise_id == "trap_bar_deadlift"]
    assert "A lighter week comes first: progress after it." in trap_bar.reasons
    assert "gfr-tracker-suggestion-lighter_week" in app.advice.value
    assert not app.load_plan(b"not a plan", HOSTILE)
    assert "<img" not in app.message_widgets["plan"].value


def test_a_strong_export_is_imported_with_its_unmapped_names_listed() -> None:
    app = new_app(athlete="Ana")
    upload(app, STRONG.read_bytes(), "strong.csv")
    assert app.app == "strong"
    assert set(app.log["source"]) == {"strong"}
    assert set(app.log["athlete"]) == {"Ana"}
    assert any("Rest Timer" in note for note in app.notes)
    names = list(app.unmapped["exercise_name"])
    assert "Running" in names  # cardio matches no library exercise
    assert list(app.map_dropdowns) == names
    rows = [row.children[0].value for row in app.mapping_box.children[1:-1]]
    assert len(rows) == len(names)
    for name, row in zip(names, rows, strict=True):
        assert html.escape(name) in row
    assert set(app.sections) >= SUMMARIES
    assert images(app.summary.value)


def test_mapping_a_name_imports_its_sets_and_leaves_the_others_listed() -> None:
    app = new_app(athlete="Ana")
    app.load_bytes(STRONG.read_bytes(), "strong.csv")
    before = len(app.log)
    name = next(n for n in app.map_dropdowns if n != "Running")
    sets = int(app.unmapped.set_index("exercise_name").loc[name, "sets"])
    app.map_dropdowns[name].value = "single_leg_deadlift"
    app.apply_button.click()
    assert app.mapping == {name: "single_leg_deadlift"}
    assert len(app.log) == before + sets
    mapped = app.log[app.log["exercise_id"] == "single_leg_deadlift"]
    assert set(mapped["exercise_name"]) == {name}  # the app's name is kept
    assert name not in set(app.unmapped["exercise_name"])
    assert "Running" in set(app.unmapped["exercise_name"])  # left out, still listed
    assert app.map_dropdowns["Running"].value == ""


def test_an_export_needs_a_name_and_is_read_once_it_is_typed() -> None:
    app = new_app(athlete="  ")
    assert not app.load_bytes(STRONG.read_bytes(), HOSTILE)
    message = app.message_widgets["athlete"].value
    assert "Type your name and press Enter" in message
    assert "&lt;img" in message
    assert app.log is None
    app.weight_unit.value = "lb"  # no name yet: still waiting, never a crash
    assert app.log is None
    app.athlete.value = "Ben"  # the runner types it (read on Enter)
    assert set(app.log["athlete"]) == {"Ben"}
    assert app.message_widgets["athlete"].value == ""
    app.athlete.value = "Ben Okafor"  # a corrected name reads the export again
    assert set(app.log["athlete"]) == {"Ben Okafor"}


def test_a_file_over_10_mb_gets_a_clear_message_and_changes_nothing(sample) -> None:
    app = new_app()
    app.load_bytes(log_to_csv(sample), "log.csv")
    shown = app.log
    big = b"x" * (MAX_UPLOAD_BYTES + 1)
    upload(app, big, "huge.csv")
    message = app.message_widgets["upload"].value
    assert "over 10 MB" in message
    assert "path" in message
    assert app.log is shown
    # the size the browser reports is enough to refuse it
    assert not app.load_upload(b"small", "big.csv", size=MAX_UPLOAD_BYTES + 1)


def test_a_large_file_can_be_read_from_a_path(tmp_path: Path, sample) -> None:
    app = new_app()
    app.read_button.click()
    assert "Type the name" in app.message_widgets["path"].value
    app.path.value = str(tmp_path / "missing.csv")
    assert not app.read_path()
    assert "No file called" in app.message_widgets["path"].value
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as stream:
        stream.truncate(MAX_LOG_BYTES + 1)  # a sparse file: no 50 MB written
    app.path.value = str(huge)
    assert not app.read_path()
    assert "are refused" in app.message_widgets["path"].value
    target = tmp_path / "training_log.csv"
    target.write_bytes(log_to_csv(sample))
    app.path.value = str(target)
    assert app.read_path()
    assert app.message_widgets["path"].value == ""
    assert len(app.log) == len(sample)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\xff\xfe garbage",
        b"set_key,datetime\n1,2\n",  # our header, but not a whole log
        b"Date,Exercise Name,Set Order\n2999-01-01 10:00:00,Squat,1\n",
        b"",
    ],
)
def test_a_bad_file_gets_a_message_never_a_traceback(data: bytes) -> None:
    app = new_app()
    assert not app.load_bytes(data, HOSTILE)
    message = app.message_widgets["upload"].value
    assert "could not be" in message
    assert "<img" not in message
    assert "&lt;img" in message
    assert app.log is None


def test_hostile_names_in_an_export_are_escaped() -> None:
    export = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE\n"
        f'2025-03-03 18:02:11,W,10m,"{HOSTILE}",1,0,10,0,0,"{HOSTILE}","",\n'
        '2025-03-03 18:02:11,W,10m,"Glute Bridge",1,0,10,0,0,"=1+1","",\n'
    ).encode()
    app = new_app(athlete=HOSTILE)
    assert app.load_bytes(export, "strong.csv")
    assert list(app.unmapped["exercise_name"]) == [HOSTILE]
    markup = "".join(
        w.value
        for w in (app.status, app.table, app.summary, app.advice, app.notes_html, app.download)
    )
    markup += "".join(
        child.children[0].value for child in app.mapping_box.children[1:-1]
    )  # the name of each unmapped row
    assert "<img src=x" not in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_the_sample_log_button_shows_the_sample_with_its_plan(sample) -> None:
    app = new_app()
    app.sample_button.click()
    assert len(app.log) == len(sample)
    assert "adherence" in app.sections
    assert "simulated example data" in app.notes_html.value
    # the sample plan is not the runner's: it goes when their own file arrives
    app.athlete.value = "Ana"
    app.load_bytes(STRONG.read_bytes(), "strong.csv")
    assert app.plan is None
    assert "adherence" not in app.sections


def test_a_log_of_several_runners_shows_one_at_a_time(sample) -> None:
    other = sample.head(10).assign(athlete="Zoë")
    both = pd.concat([sample, other], ignore_index=True)
    app = new_app(log=both)
    assert list(app.runner.options) == ["Sample Runner", "Zoë"]
    assert len(app.shown) == len(sample)
    app.runner.value = "Zoë"
    assert len(app.shown) == 10
    assert set(app.shown["athlete"]) == {"Zoë"}
    assert "10 sets of <b>Zoë</b>" in app.status.value
    # the download is the whole log, so it is not named after one of them
    assert 'download="training-log-2-runners.csv"' in app.download.value
    assert "all 2 runners" in app.download.value


def test_figure_html_escapes_the_alt_text() -> None:
    fig = Figure(figsize=(1, 1))
    markup = figure_html(fig, 'Bars "quoted" <b>')
    assert 'alt="Bars &quot;quoted&quot; &lt;b&gt;"' in markup
    assert images(markup)[0][1].startswith(b"\x89PNG")


def test_the_weight_unit_of_a_strong_export_can_be_set() -> None:
    app = new_app(athlete="Ana")
    app.load_bytes(STRONG.read_bytes(), "strong.csv")
    loaded = app.log[app.log["load"].notna()]
    assert set(loaded["load_unit"]) == {"kg"}
    app.weight_unit.value = "lb"  # imports the same file again
    relabelled = app.log[app.log["load"].notna()]
    assert set(relabelled["load_unit"]) == {"lb"}
    assert relabelled["load"].tolist() == loaded["load"].tolist()
    assert (relabelled["load_kg"] < relabelled["load"]).all()
    fresh = new_app()
    fresh.weight_unit.value = "lb"  # nothing uploaded yet: nothing happens, no message
    assert fresh.log is None
    assert fresh.messages == {}
