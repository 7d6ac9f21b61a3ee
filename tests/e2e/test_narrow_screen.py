"""The forms on a phone: the Voila apps at 390 px wide, as athletes open them in a clinic.

ipywidgets keeps a checkbox's label on one line, gives a radio option a fixed
20 px line and a button a fixed width, so at this width a red-flag question was
cut off at the screen's edge, long quiz answers were drawn over each other and
button texts ended in an ellipsis. The forms' stylesheet
(:data:`gluteutils.widget_look.FORM_CSS`) wraps them; these tests look at the
rendered page. On the same pages they check that every field has a name a
screen reader announces (:func:`gluteutils.widget_look.name_control`), which
the page does not show a second time, and that every radio button sits in a
radio group named by its question (:class:`gluteutils.radio_group.RadioGroup`).
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from .conftest import BrowserPage
from .harness import Server
from .lab import screenshot

pytestmark = pytest.mark.e2e

#: Every check of the page, in one script: a list of what is wrong, empty when all is well.
FIND_PROBLEMS = """() => {
  const problems = [];
  const edge = window.innerWidth + 1;
  const text = (e) => (e.innerText || e.value || e.tagName).trim().slice(0, 60);
  // a wide table may run past the edge inside its own box, which scrolls sideways (the
  // widget boxes around the fields scroll too, but a person would not find that)
  const scrolls = (e) => {
    const own = e.closest('.widget-html-content');
    return own !== null && getComputedStyle(own).overflowX === 'auto';
  };
  const forms = [...document.querySelectorAll('.gfr-form')];
  if (!forms.length) problems.push('no form on the page');
  for (const form of forms) {
    const parts = form.querySelectorAll(
      '.widget-checkbox .widget-label-basic span, .widget-radio-box label, button, input, select'
    );
    for (const e of parts) {
      const box = e.getBoundingClientRect();
      if (box.width && box.right > edge && !scrolls(e)) {
        problems.push('past the edge of the screen: ' + text(e));
      }
    }
    for (const button of form.querySelectorAll('button')) {
      if (button.scrollWidth > button.clientWidth + 1) {
        problems.push('button text cut off: ' + text(button));
      }
    }
    const fields = form.querySelectorAll(
      'input:not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea'
    );
    for (const field of fields) {
      const label = field.labels && field.labels.length ? field.labels[0] : null;
      if (!label || !label.textContent.trim()) {
        problems.push('a field with no name for screen readers: ' + field.outerHTML.slice(0, 60));
      }
    }
    // a radio button is heard with its question only inside a named radio group
    for (const radio of form.querySelectorAll('input[type=radio]')) {
      const group = radio.closest('fieldset[role=radiogroup]');
      const legend = group ? group.querySelector(':scope > legend') : null;
      if (!legend || !legend.textContent.trim()) {
        problems.push('a radio button outside a named group: ' + text(radio.parentElement));
      }
    }
    for (const label of form.querySelectorAll('.gfr-named > .widget-label')) {
      if (label.getBoundingClientRect().width > 1) {
        problems.push('a field name shown twice: ' + text(label));
      }
    }
    for (const group of form.querySelectorAll('.widget-radio-box')) {
      const options = [...group.querySelectorAll('label')];
      options.forEach((option, i) => {
        const box = option.getBoundingClientRect();
        // a fixed-height option whose text wraps spills over the option below
        if (option.scrollHeight > option.clientHeight + 1) {
          problems.push('taller than its line, drawn over the next option: ' + text(option));
        }
        // options stand one under another, or side by side in a horizontal group
        const before = i ? options[i - 1].getBoundingClientRect() : null;
        if (before && box.top < before.bottom - 1 && box.left < before.right - 1) {
          problems.push('drawn over the option before it: ' + text(option));
        }
        if (option.querySelector('input').getBoundingClientRect().left > box.left + 4) {
          problems.push('radio button after its text: ' + text(option));
        }
      });
    }
  }
  return problems;
}"""


def problems_once_settled(page: Any, seconds: float = 10.0) -> list[str]:
    """What :data:`FIND_PROBLEMS` finds once the page stops changing (widgets render late).

    A fault that stays is reported; one that only lasts while the widgets are still
    being laid out is not.
    """
    problems = page.evaluate(FIND_PROBLEMS)
    deadline = time.monotonic() + seconds
    while problems and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        problems = page.evaluate(FIND_PROBLEMS)
    return problems


@pytest.mark.parametrize(
    "notebook",
    [
        "03_obstacles_and_self_assessment",  # red-flag checkboxes, long radio options
        "04_exercise_library",  # filters, a wide table
        "05_plan_builder",  # rows of day and equipment checkboxes, an upload row, a quiz
        "06_track_progress",  # the logging form and the tracker
        "07_coaching_clinic",  # uploads and buttons side by side
    ],
)
def test_forms_fit_a_phone_screen_in_voila(
    lab_server: Server, phone_page: BrowserPage, notebook: str
) -> None:
    page = phone_page.page
    # voila/render: how Binder links and the clinic open the apps
    page.goto(lab_server.url(f"voila/render/{notebook}.ipynb"))
    page.wait_for_selector(".gfr-form .widget-button", timeout=240_000)
    assert problems_once_settled(page) == []
    page.locator(".gfr-form").first.evaluate("form => form.scrollIntoView({block: 'start'})")
    screenshot(page, f"phone-{notebook}")
    assert not phone_page.page_errors


def test_a_plan_built_on_a_phone_reads_as_cards(
    lab_server: Server, phone_page: BrowserPage
) -> None:
    page = phone_page.page
    page.goto(lab_server.url("voila/render/05_plan_builder.ipynb"))
    page.wait_for_selector(".gfr-build-button", timeout=240_000)
    page.locator(".gfr-plan-form input[type=text]").first.fill("Ana Runner")
    page.locator(".gfr-build-button").click()
    week = page.locator(".gfr-plan-result table.gfr-plan-week")
    week.wait_for(timeout=60_000)
    assert problems_once_settled(page) == []
    # each exercise of the week is a card of labelled lines, not a squeezed table row
    first_row = week.locator("tbody tr").first
    assert first_row.evaluate("row => getComputedStyle(row).display") == "block"
    assert week.locator("thead").evaluate("head => getComputedStyle(head).display") == "none"
    label = first_row.locator("td").first.evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert label == '"Day: "'
    first_row.evaluate("row => row.scrollIntoView({block: 'center'})")
    screenshot(page, "phone-05_plan_builder_week")
    assert not phone_page.page_errors
