"""UploadButton: FileUpload's Python side, drawn by anywidget without the file count."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from gluteutils.clinic_form import ClinicApp
from gluteutils.log_form import LogForm
from gluteutils.log_io import log_to_csv
from gluteutils.plan_form import PlanForm
from gluteutils.sample_log import load_sample_log
from gluteutils.tracker_form import TrackerApp
from gluteutils.upload_button import UploadButton
from gluteutils.uploads import uploaded_files

from .widget_tree import descendants


def test_an_upload_button_takes_the_files_the_browser_sends() -> None:
    seen: list[object] = []
    button = UploadButton(accept=".csv", description="Upload plan")
    button.observe(lambda change: seen.append(change["new"]), names="value")
    assert isinstance(button, widgets.FileUpload)
    assert button.value == ()
    # as the page sends it: the bytes as a binary buffer, the time in milliseconds
    file = {
        "name": "plan.csv",
        "type": "text/csv",
        "size": 9,
        "last_modified": 1_740_787_200_000,
        "content": memoryview(b"week,day\n"),
    }
    button.set_state({"value": [file], "error": ""})
    assert uploaded_files(button.value) == [("plan.csv", b"week,day\n", 9)]
    assert button.value[0]["last_modified"].year == 2025
    assert len(seen) == 1


def _sent(name: str, data: bytes) -> dict[str, object]:
    """One file as the page sends it."""
    return {
        "name": name,
        "type": "text/csv",
        "size": len(data),
        "last_modified": 1_740_787_200_000,
        "content": memoryview(data),
    }


def test_the_same_file_chosen_again_is_a_new_upload() -> None:
    seen: list[object] = []
    button = UploadButton(description="Upload log")
    button.observe(lambda change: seen.append(change["new"]), names="value")
    button.set_state({"value": [_sent("log.csv", b"a,b\n")]})
    button.set_state({"value": [_sent("log.csv", b"a,b\n")]})  # equal to the value before
    assert len(seen) == 2
    button.set_state({"value": []})
    assert len(seen) == 3


def test_a_runner_can_upload_their_log_again_after_trying_the_sample() -> None:
    # the form answered the first upload only, and the sample stayed on screen
    mine = log_to_csv(load_sample_log().head(30).assign(athlete="Ana"))
    app = TrackerApp()
    app.upload.set_state({"value": [_sent("mine.csv", mine)]})
    assert set(app.log["athlete"]) == {"Ana"}
    app.sample_button.click()
    assert set(app.log["athlete"]) == {"Sample Runner"}
    app.upload.set_state({"value": [_sent("mine.csv", mine)]})
    assert set(app.log["athlete"]) == {"Ana"}


def test_an_upload_button_is_drawn_by_anywidget_labelled_by_its_description() -> None:
    button = UploadButton(accept=".csv,.zip", multiple=True, description="Upload logs")
    state = button.get_state()
    assert (state["_model_module"], state["_view_name"]) == ("anywidget", "AnyView")
    assert (state["accept"], state["multiple"], state["icon"]) == (".csv,.zip", True, "upload")
    script = state["_esm"]
    for needed in (
        'document.createTextNode(model.get("description"))',
        'model.set("value", files)',
        "new DataView(reader.result)",
        "model.save_changes()",
    ):
        assert needed in script
    # no count after the label (ipywidgets writes `${description} (${value.length})`)
    assert ".length" not in script
    assert "innerHTML" not in script


@pytest.mark.parametrize("form", [PlanForm, LogForm, TrackerApp, ClinicApp])
def test_every_form_uploads_through_upload_buttons(form: type) -> None:
    uploads = [w for w in descendants(form().widget) if isinstance(w, widgets.FileUpload)]
    assert uploads
    assert all(isinstance(w, UploadButton) for w in uploads)
