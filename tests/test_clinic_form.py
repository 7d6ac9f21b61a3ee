"""The clinic app, driven as a coach would: upload, click, read the tables, take the zip."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from datetime import date, datetime

import pytest
from pandas.testing import assert_frame_equal

from gluteutils.clinic import MAX_ROSTER_BYTES, athlete_folders, load_sample_roster, read_roster
from gluteutils.clinic_form import MAX_LOGS_UPLOAD_BYTES, ClinicApp
from gluteutils.clinic_sample import sample_clinic_logs
from gluteutils.exercises import load_exercises
from gluteutils.log_io import log_to_csv
from gluteutils.plan import build_plan
from gluteutils.plan_csv import read_plan
from gluteutils.plan_profile import plan_profile_to_csv
from gluteutils.sample_log import load_sample_log

from .conftest import REPO, upload_value

FIXTURES = REPO / "tests" / "fixtures" / "clinic"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def app() -> ClinicApp:
    return ClinicApp(today=date(2026, 3, 20))


def test_the_sample_roster_builds_with_a_full_progress_bar_and_one_line_each(
    app: ClinicApp,
) -> None:
    app.sample_button.click()
    assert "<b>12</b> athletes ready" in app.roster_status.value
    assert app.rejected.value == ""
    assert app.progress.value == 0
    app.build_button.click()
    assert app.messages == {}
    assert app.progress.max == 12
    assert app.progress.value == app.progress.max
    assert app.progress.description == "12 of 12"
    assert app.summary is not None
    assert list(app.summary["athlete"]) == list(load_sample_roster().athletes)
    first_cells = re.findall(r"<tr>\s*<td>([^<]*)</td>", app.summary_table.value)
    assert first_cells == list(app.summary["athlete"])  # one line per athlete, in roster order
    assert "Minutes a week" in app.summary_table.value


def test_the_zip_link_decodes_to_the_plans_of_every_athlete(app: ClinicApp) -> None:
    app.use_sample()
    plans = app.build()
    link = re.search(r'download="([^"]+)" href="data:([^;]+);base64,([^"]+)"', app.download.value)
    assert link is not None
    assert link.group(1) == "clinic-plans-2026-03-20.zip"
    assert link.group(2) == "application/zip"
    data = base64.b64decode(link.group(3))
    assert data == app.zip_bytes == app.zip_link_payload()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        csvs = [n for n in archive.namelist() if n.endswith(".csv") and "/" in n]
        assert len(csvs) == 12
        first = read_plan(archive.read(csvs[0]))
    profile = load_sample_roster().profiles[0]
    assert_frame_equal(first, build_plan(profile, load_exercises()))
    assert_frame_equal(first, plans[profile.athlete])


def test_an_uploaded_roster_shows_rejected_rows_escaped_and_builds_the_rest(
    app: ClinicApp,
) -> None:
    app.roster_upload.value = upload_value(
        "roster.csv", (FIXTURES / "roster_hostile.csv").read_bytes()
    )
    assert app.roster_upload.value == ()  # read and forgotten: no copy kept in widget state
    assert app.roster is not None
    assert app.roster.athletes == ("Ana Runner", HOSTILE)
    assert "1</b> row rejected" in app.roster_status.value
    rejected = app.rejected.value
    assert "&lt;img src=x onerror=alert(2)&gt;" in rejected
    assert "<img" not in rejected
    assert ">level<" in rejected
    app.build_button.click()
    assert app.progress.value == app.progress.max == 2
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.summary_table.value
    for widget in (app.summary_table, app.download, app.build_status, app.roster_status):
        assert "<img" not in widget.value
    with zipfile.ZipFile(io.BytesIO(app.zip_link_payload())) as archive:
        assert "02_img_src_x_onerror_alert_1/" in {
            n.split("/")[0] + "/" for n in archive.namelist()
        }


def test_building_without_a_roster_says_what_to_do(app: ClinicApp) -> None:
    app.build_button.click()
    assert "Use the sample roster" in app.messages["build"]
    assert "sample roster" in app.build_message.value
    assert app.plans == {}
    assert app.download.value == ""


def test_a_roster_of_only_bad_rows_gives_a_message_on_build(app: ClinicApp) -> None:
    app.roster_upload.value = upload_value(
        "bad.csv", b"athlete,level,start_date,weeks,training_days\nAna,expert,2026-03-02,4,mon\n"
    )
    assert "<b>0</b> athletes ready" in app.roster_status.value
    app.build_button.click()
    assert "no athlete with a good row" in app.messages["build"]


@pytest.mark.parametrize(
    ("content", "size", "fragment"),
    [
        (b"", MAX_ROSTER_BYTES + 1, "over 10 MB"),
        (b"\x00\xff\x00junk", None, "could not be read"),
        (
            b"athlete,level\nAna,beginner\n",
            None,
            "mine.csv could not be read: row 1: required columns are missing: start_date, ",
        ),
    ],
)
def test_a_roster_that_cannot_be_read_gets_a_message_beside_the_upload(
    app: ClinicApp, content: bytes, size: int | None, fragment: str
) -> None:
    app.read((FIXTURES / "roster_hostile.csv").read_bytes())
    app.build()
    assert app.plans
    app.roster_upload.value = upload_value("mine.csv", content, size)
    assert fragment in app.messages["roster"]
    assert fragment in app.roster_message.value
    assert app.roster is None
    assert app.plans == {}  # the old plans are gone with the old roster
    assert app.download.value == ""
    assert app.summary_table.value == ""


def test_several_plan_profiles_upload_as_one_roster_and_a_bad_file_is_named(
    app: ClinicApp,
) -> None:
    roster = load_sample_roster()
    files = [
        upload_value(f"{p.athlete}-profile.csv", plan_profile_to_csv(p))
        for p in roster.profiles[:3]
    ]
    files.append(upload_value("notes.csv", b"what,ever\n1,2\n"))
    app.roster_upload.value = tuple(item for value in files for item in value)
    assert app.roster.athletes == roster.athletes[:3]
    assert "Read 3 files: <b>3</b> athletes ready" in app.roster_status.value
    assert "notes.csv could not be read" in app.roster_message.value
    app.build()
    assert list(app.plans) == list(roster.athletes[:3])


def test_the_app_counts_up_to_the_coach_s_day_not_the_server_s(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ClinicApp()
    assert app.clock in app.widget.children
    monkeypatch.setattr(app.clock, "now", lambda utc=None: datetime(2026, 3, 9, 7, 0))
    app.clock.utc_offset_minutes = 660  # Monday morning in Sydney, Sunday on a UTC server
    assert app.today == date(2026, 3, 9)
    assert ClinicApp(today=date(2026, 1, 1)).today == date(2026, 1, 1)


def test_a_hostile_file_name_is_escaped_in_messages(app: ClinicApp) -> None:
    app.roster_upload.value = upload_value(HOSTILE + ".csv", b"athlete\nAna\n")
    assert HOSTILE in app.messages["roster"]
    assert "<img" not in app.roster_message.value
    good = (FIXTURES / "roster_hostile.csv").read_bytes()
    app.roster_upload.value = upload_value(HOSTILE + ".csv", good)
    assert "Read &lt;img src=x" in app.roster_status.value


def test_the_templates_offered_read_back_as_rosters(app: ClinicApp) -> None:
    found = re.findall(
        r'download="([^"]+)" href="data:text/csv;base64,([^"]+)"', app.templates.value
    )
    assert [name for name, _ in found] == ["roster-template.csv", "roster-template-answers.csv"]
    for _name, payload in found:
        roster = read_roster(base64.b64decode(payload))
        assert len(roster.profiles) == 1
        assert roster.rejected == ()


def test_the_app_displays_as_one_widget_with_css_classes(app: ClinicApp) -> None:
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "gfr-clinic-app" in app.widget._dom_classes
    for widget in (app.roster_upload, app.sample_button, app.build_button, app.progress):
        assert any(c.startswith("gfr-clinic-") for c in widget._dom_classes)


# ------------------------------------------------------------------ the dashboard


def logs_zip(app: ClinicApp) -> bytes:
    """The sample athletes' simulated logs in their plan folders, as a coach would zip them."""
    assert app.roster is not None
    starts = {p.athlete: p.start_date for p in app.roster.profiles}
    logs = sample_clinic_logs(app.plans, starts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for folder, log in zip(athlete_folders(app.roster.profiles), logs.values(), strict=True):
            archive.writestr(
                f"{folder}/training_log.csv", log_to_csv(log[log["datetime"] < "2026-03-21"])
            )
    return buffer.getvalue()


def test_uploaded_logs_give_the_dashboard_table_figure_and_download(app: ClinicApp) -> None:
    app.use_sample()
    app.build()
    app.logs_upload.value = upload_value("logs.zip", logs_zip(app))
    assert app.logs_upload.value == ()
    assert app.messages == {}
    assert app.dashboard is not None
    assert app.overview is not None
    assert list(app.overview["athlete"]) == list(load_sample_roster().athletes)
    assert "12</b> athletes" in app.logs_status.value
    assert app.dashboard_table.value.count("<tr>") == 12 + int((app.dashboard["flags"] != "").sum())
    assert "Priya Nair" in app.dashboard_table.value
    image = re.search(
        r'<img class="gfr-clinic-heatmap" alt="([^"]+)" style="max-width:100%" '
        r'src="data:image/png;base64,([^"]+)"',
        app.dashboard_image.value,
    )
    assert image is not None
    assert base64.b64decode(image.group(2)).startswith(b"\x89PNG")
    assert image.group(1) == app.figure_alt.replace("'", "&#x27;")
    assert "Liam Walsh (weeks 4-6)" in app.figure_alt
    link = re.search(
        r'download="([^"]+)" href="data:text/csv;base64,([^"]+)"', app.dashboard_download.value
    )
    assert link is not None
    assert link.group(1) == "clinic-dashboard-2026-03-20.csv"
    text = base64.b64decode(link.group(2)).decode("utf-8-sig")
    assert text.splitlines()[0].startswith('"athlete","week","week_start"')


def test_simulated_logs_fill_the_dashboard_for_the_sample_roster_only(app: ClinicApp) -> None:
    app.sample_logs_button.click()
    assert "Build the plans first" in app.messages["logs"]
    app.read((FIXTURES / "roster_hostile.csv").read_bytes())
    app.build()
    assert "logs" not in app.messages  # the plans are built: that note would mislead
    assert app.logs_message.value == ""
    app.sample_logs_button.click()
    assert "only for the sample roster" in app.logs_message.value
    assert app.dashboard is None
    app.use_sample()
    app.build()
    app.sample_logs_button.click()
    assert app.dashboard is not None
    assert "example data" in app.logs_status.value
    assert "Simulated example data" in app.logs_details.value


def test_logs_of_a_hostile_name_show_as_text_everywhere(app: ClinicApp) -> None:
    app.read((FIXTURES / "roster_hostile.csv").read_bytes())
    app.build()
    starts = {p.athlete: p.start_date for p in app.roster.profiles}  # type: ignore[union-attr]
    logs = sample_clinic_logs(app.plans, starts)
    data = log_to_csv(logs[HOSTILE][logs[HOSTILE]["datetime"] < "2026-03-21"])
    app.logs_upload.value = upload_value(HOSTILE + ".csv", data) + upload_value(
        "x.csv", b"\x00junk"
    )
    assert app.dashboard is not None
    assert set(app.dashboard["athlete"]) == {"Ana Runner", HOSTILE}
    shown = (app.logs_status, app.logs_details, app.dashboard_table, app.dashboard_image)
    for widget in (*shown, app.logs_message):
        assert "<img src" not in widget.value
    assert "&lt;img src=x onerror=alert(1)&gt;" in app.dashboard_table.value
    # the announced line says what was read; what was left out is listed beside it
    assert "Read " in app.logs_status.value
    assert "No log for: Ana Runner" in app.logs_details.value
    assert "x.csv" in app.logs_details.value  # the file not used is listed
    assert "x.csv" not in app.logs_status.value
    alt = re.search(r'alt="([^"]*)"', app.dashboard_image.value)
    assert alt is not None
    assert "&lt;img src=x" in alt.group(1)


def test_logs_that_cannot_be_used_or_are_too_big_get_a_message(app: ClinicApp) -> None:
    app.use_sample()
    app.build()
    app.logs_upload.value = upload_value("a.csv", b"a,b\n1,2\n")
    assert "No training log could be used" in app.messages["logs"]
    assert "neither a training log" in app.logs_message.value
    app.logs_upload.value = upload_value("big.zip", b"", size=MAX_LOGS_UPLOAD_BYTES + 1)
    assert "over 10 MB" in app.messages["logs"]
    assert app.dashboard is None


def test_logs_of_people_not_on_the_roster_say_so(app: ClinicApp) -> None:
    # an app export imported in notebook 06 under the default name "Me", sent to the
    # coach: the message said no log could be used, and not why
    app.use_sample()
    app.build()
    log = load_sample_log().head(8).assign(athlete="Me")
    app.logs_upload.value = upload_value("training-log-Me.csv", log_to_csv(log))
    message = app.messages["logs"]
    assert message.startswith("No training log could be used: ")
    assert "'Me', who is not on the roster" in message
