"""Our anywidget front ends (radio group, status line, upload, field message) in Chromium.

anywidget calls a module's ``render({model, el})`` with a model that has ``get``,
``set``, ``save_changes``, ``on`` and ``off`` and, like Backbone's, fires
``change:<name>`` only when a value really changes. The stand-in below does the
same, so these tests drive the real scripts with a keyboard and a mouse in about
a second, without a Jupyter server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gluteutils.widget_look import static_text

from .conftest import BrowserPage

pytestmark = pytest.mark.e2e

PAGE = """<!doctype html><html><head><meta charset="utf-8"><style id="css"></style></head>
<body><p>Does it hurt?</p><div id="one"></div><div id="two"></div><div id="line"></div>
<div id="upload"></div>
<script>
class Model {
  constructor(state) { this.state = state; this.handlers = {}; this.saved = 0; }
  get(key) { return this.state[key]; }
  set(key, value) {
    if (this.state[key] === value) return;
    this.state[key] = value;
    (this.handlers["change:" + key] || []).forEach((f) => f());
  }
  save_changes() { this.saved += 1; }
  on(event, f) { (this.handlers[event] ||= []).push(f); }
  off(event, f) { this.handlers[event] = (this.handlers[event] || []).filter((g) => g !== f); }
  listeners() { return Object.values(this.handlers).reduce((n, list) => n + list.length, 0); }
}
window.Model = Model;
</script></body></html>"""

LOAD = """async ([script, css, state, ids]) => {
  document.getElementById('css').textContent += css;
  const url = URL.createObjectURL(new Blob([script], {type: 'text/javascript'}));
  const widget = (await import(url)).default;
  window.model = new Model(state);
  window.cleanups = ids.map((id) => widget.render({model, el: document.getElementById(id)}));
}"""


def load(page: Any, script: str, css: str, state: dict[str, object], *ids: str) -> None:
    page.set_content(PAGE)
    page.evaluate(LOAD, [static_text(script), css, state, list(ids)])


def test_a_radio_group_is_a_named_group_that_keeps_the_model_in_step(
    browser_page: BrowserPage,
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    state = {
        "_options_labels": ["Yes <b>", "No", "Not sure"],
        "index": None,
        "disabled": False,
        "description": "Does it hurt?",
        "orientation": "vertical",
    }
    # one model shown twice, as when a form is displayed in two cells
    load(page, "radio_group.js", static_text("radio_group.css"), state, "one", "two")
    groups = page.get_by_role("radiogroup", name="Does it hurt?", exact=True)
    expect(groups).to_have_count(2)
    first, second = groups.nth(0), groups.nth(1)
    # each view's inputs share one name, the two views' names differ
    names = [
        set(g.locator("input").evaluate_all("inputs => inputs.map(i => i.name)"))
        for g in (first, second)
    ]
    assert len(names[0]) == len(names[1]) == 1
    assert names[0] != names[1]
    # option texts are text: "<b>" is shown, not parsed
    expect(first.get_by_role("radio", name="Yes <b>", exact=True)).to_have_count(1)
    assert not any(r.is_checked() for r in first.get_by_role("radio").all())

    first.get_by_role("radio", name="No", exact=True).check()
    assert page.evaluate("[model.get('index'), model.saved]") == [1, 1]
    expect(second.get_by_role("radio", name="No", exact=True)).to_be_checked()
    # arrow keys move the choice within the group, as in any radio group
    page.keyboard.press("ArrowDown")
    assert page.evaluate("model.get('index')") == 2
    expect(second.get_by_role("radio", name="Not sure", exact=True)).to_be_checked()

    # the kernel's changes reach the page: no choice, new options, renamed, disabled
    page.evaluate("model.set('index', null)")
    assert not any(r.is_checked() for r in first.get_by_role("radio").all())
    page.evaluate("model.set('_options_labels', ['kg', 'lb']); model.set('index', 1)")
    expect(first.get_by_role("radio", name="lb", exact=True)).to_be_checked()
    page.evaluate("model.set('description', 'Units'); model.set('disabled', true)")
    units = page.get_by_role("radiogroup", name="Units", exact=True)
    expect(units).to_have_count(2)
    expect(units.nth(0).get_by_role("radio", name="kg", exact=True)).to_be_disabled()
    # the legend names the group without being seen
    assert page.locator("legend").first.bounding_box()["width"] <= 1  # type: ignore[index]

    page.evaluate("cleanups.forEach((done) => done())")
    assert page.evaluate("model.listeners()") == 0
    assert not browser_page.page_errors


def test_a_status_line_is_a_live_region_that_says_a_repeated_message_again(
    browser_page: BrowserPage,
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    load(page, "status_line.js", "", {"value": "<p>first</p>", "_said": 0}, "line")
    status = page.get_by_role("status")
    expect(status).to_have_count(1)
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("first")
    page.evaluate("model.set('value', '<p>1 answer needs fixing</p>')")
    expect(status).to_have_text("1 answer needs fixing")
    # the same text again: the region empties, then fills in a later task
    emptied = page.evaluate(
        """() => { model.set('_said', 1); return document.querySelector('[role=status]')
        .textContent; }"""
    )
    assert emptied == ""
    expect(status).to_have_text("1 answer needs fixing")
    # the region itself stays: screen readers follow one element, not a new one
    assert page.evaluate("document.querySelectorAll('[role=status]').length") == 1

    page.evaluate("cleanups.forEach((done) => done())")
    assert page.evaluate("model.listeners()") == 0
    assert not browser_page.page_errors


def test_an_upload_button_says_what_it_uploads_and_sends_each_choice(
    browser_page: BrowserPage, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    state = {
        "description": "Upload plan <b>",
        "icon": "upload",
        "disabled": False,
        "tooltip": None,
        "button_style": "",
        "accept": ".csv",
        "multiple": False,
        "value": [],
        "error": "",
    }
    load(page, "upload_button.js", static_text("upload_button.css"), state, "upload")
    # the label is the description, as text, with no file count after it
    button = page.get_by_role("button", name="Upload plan <b>", exact=True)
    expect(button).to_have_count(1)
    expect(button).to_have_text("Upload plan <b>")
    plan = tmp_path / "plan.csv"
    plan.write_bytes(b"week,day\r\n1,Mon\r\n")
    for times in (1, 2):  # the same file again is a new upload (a corrected file)
        with page.expect_file_chooser() as chooser:
            button.click()
        assert chooser.value.element.get_attribute("accept") == ".csv"
        assert not chooser.value.is_multiple()
        chooser.value.set_files(str(plan))
        page.wait_for_function(f"model.saved === {times}")
    sent = page.evaluate(
        """() => model.get('value').map((f) => [f.name, f.size, typeof f.last_modified,
        f.content instanceof DataView, new TextDecoder().decode(f.content)])"""
    )
    assert sent == [["plan.csv", 17, "number", True, "week,day\r\n1,Mon\r\n"]]

    # the kernel's changes reach the page
    page.evaluate(
        """() => { model.set('description', 'Upload logs'); model.set('disabled', true);
        model.set('button_style', 'primary'); model.set('tooltip', 'CSV or zip'); }"""
    )
    logs = page.get_by_role("button", name="Upload logs", exact=True)
    expect(logs).to_be_disabled()
    assert logs.get_attribute("title") == "CSV or zip"
    assert "mod-primary" in (logs.get_attribute("class") or "")
    # one margin, ipywidgets' own: the button inside the box adds none
    assert (
        page.evaluate("getComputedStyle(document.querySelector('#upload > button')).marginLeft")
        == "0px"
    )

    page.evaluate("cleanups.forEach((done) => done())")
    assert page.evaluate("model.listeners()") == 0
    assert not browser_page.page_errors


FIELDS = """<div class="row"><div class="cell">
  <div class="gfr-log-reps"><label for="r1">Reps</label>
    <input id="r1" aria-describedby="hint"></div>
  <div id="m1"></div></div></div>
<div class="row"><div class="cell">
  <div class="gfr-log-reps"><label for="r2">Reps</label><input id="r2"></div>
  <div id="m2"></div></div></div>
<p id="hint">Whole repetitions</p>
<div class="days"><label><input type="checkbox" class="gfr-train-day">Mon</label>
  <label><input type="checkbox" class="gfr-train-day">Wed</label><div id="m3"></div></div>"""


def test_a_field_message_describes_its_own_rows_field_while_it_shows(
    browser_page: BrowserPage,
) -> None:
    from playwright.sync_api import expect

    page = browser_page.page
    page.set_content(PAGE)
    page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {FIELDS!r})")
    # the first row's message and the day group's, on their own models
    page.evaluate(
        """async ([script]) => {
        const url = URL.createObjectURL(new Blob([script], {type: 'text/javascript'}));
        const widget = (await import(url)).default;
        window.model = new Model({value: "", describes: "gfr-log-reps"});
        window.days = new Model({value: "", describes: "gfr-train-day"});
        window.cleanups = [widget.render({model, el: document.getElementById('m1')}),
                           widget.render({model: days, el: document.getElementById('m3')})];
        }""",
        [static_text("field_message.js")],
    )
    first, second = page.locator("#r1"), page.locator("#r2")
    expect(first).not_to_have_attribute("aria-invalid", "true")
    page.evaluate("""model.set('value', '<span class="gfr-error">must be a number</span>')""")
    # its own row's field, with the description it had kept first
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(first).to_have_accessible_description("Whole repetitions must be a number")
    expect(second).not_to_have_attribute("aria-invalid", "true")
    assert second.get_attribute("aria-describedby") is None
    # a group's message describes every box of the group
    page.evaluate("""days.set('value', '<span>choose 2 to 4 days</span>')""")
    for box in page.locator(".gfr-train-day").all():
        expect(box).to_have_accessible_description("choose 2 to 4 days")
        expect(box).to_have_attribute("aria-invalid", "true")
    # fixed: the field is plain again and keeps its own description
    page.evaluate("model.set('value', '')")
    expect(first).not_to_have_attribute("aria-invalid", "true")
    assert first.get_attribute("aria-describedby") == "hint"

    page.evaluate("cleanups.forEach((done) => done())")
    assert page.evaluate("model.listeners() + days.listeners()") == 0
    # a removed message describes nothing
    assert page.locator("[aria-invalid]").count() == 0
    assert not browser_page.page_errors
