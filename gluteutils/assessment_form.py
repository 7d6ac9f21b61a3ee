"""The self-assessment form of notebook 03: the tests step by step, then the obstacle profile.

A thin ipywidgets layer over :mod:`gluteutils.assessment`. It shows each step's
instructions (:data:`~gluteutils.assessment.STEPS`), one input per answer
(:data:`~gluteutils.assessment.FIELDS`) with a message beside it, and an
"Assess" button. Every answer of a physical test can be skipped: the choices
end with "Skipped / could not do", and a number box has a tick box of that name
beside it (ticking it greys the number out). A skip is an answer, so it gets
no message; it reaches :func:`~gluteutils.assessment.assess` as
:data:`~gluteutils.assessment_questions.SKIPPED`.

Pressing "Assess" checks the red flags first (a ticked flag shows a referral
instead of a score), then the answers, then shows the profile as a table and a
chart, with a download link and an optional "save to a folder". The profile
names the skipped tests and the obstacles nothing could check.

What it showed is kept in attributes (``profile``, ``referral``, ``messages``,
``table_html``, ``chart_alt``, ``download_html``, ``save_message``) so tests can
check it without a browser. Every piece of text that reaches an HTML widget
goes through :func:`gluteutils.display.escape`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .assessment import ObstacleProfile, Referral
from .assessment import assess as run_assessment
from .assessment_questions import (
    FIELDS,
    FIELDS_BY_NAME,
    SKIP_LABEL,
    SKIPPED,
    STEPS,
    STEPS_BY_ID,
    AnswerField,
    is_skip,
)
from .display import download_link_html, escape, figure_png, image_html
from .errors import GluteutilsError
from .field_message import field_message
from .library import cite
from .obstacles import obstacle_names
from .profile_file import default_profile_filename, profile_to_csv, write_profile
from .profile_report import profile_alt_text, profile_figure, score_cells
from .radio_group import RadioGroup
from .status_line import status_line
from .widget_look import SharedLook, error_html, form_box, grouped_label, name_control

_YES_NO = (("Yes", "yes"), ("No", "no"))


def _input_widget(field: AnswerField, look: SharedLook, classes: tuple[str, ...]) -> widgets.Widget:
    """Build the input for one answer; numbers are text boxes so typed text can be checked.

    ``look`` gives the shared Layouts, ``classes`` the CSS classes of the input.
    """
    layout = look.layout
    # A test's last choice lets the runner say it was not done, as "Not sure" does for
    # the questions.
    skip = [(SKIP_LABEL, SKIPPED)] if field.skippable else []
    if field.kind == "choice":
        return RadioGroup(
            options=[(label, value) for value, label in field.choices] + skip,
            value=None,
            layout=layout("auto"),
            _dom_classes=classes,
        )
    if field.kind == "yes_no":
        return RadioGroup(
            options=list(_YES_NO) + skip,
            value=None,
            layout=layout("auto" if skip else ""),
            _dom_classes=classes,
        )
    if field.kind == "flag":
        # A Checkbox description is set as plain text by the front end.
        return widgets.Checkbox(
            value=False,
            description=field.label,
            indent=False,
            layout=layout("auto"),
            _dom_classes=classes,
        )
    placeholder = field.unit or ("e.g. left knee" if field.kind == "text" else "")
    width = "24em" if field.kind == "text" else "10em"
    return widgets.Text(
        value="", placeholder=placeholder, layout=layout(width), _dom_classes=classes
    )


def _sources_html(source_ids: tuple[str, ...]) -> str:
    if not source_ids:
        return ""
    cited = "; ".join(escape(cite(s)) for s in source_ids)
    return f'<div class="gfr-step-sources"><small>Sources: {cited}</small></div>'


def profile_table_html(profile: ObstacleProfile, names: Mapping[str, str]) -> str:
    """Render a profile as an HTML table, every cell escaped, highest score first.

    Parameters
    ----------
    profile : ObstacleProfile
        The profile.
    names : mapping of str to str
        Display names by obstacle id.

    Returns
    -------
    str
        A ``<table class="gfr-profile-table">`` element.
    """
    cell = "padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top"
    rows = []
    for s in profile.ranked():
        reasons = "".join(f"<li>{escape(r)}</li>" for r in s.reasons)
        score, level = score_cells(profile, s)
        # An obstacle nothing could check is styled apart from a clear "none".
        kind = "unknown" if s.checked == "none" else s.level
        rows.append(
            f'<tr class="gfr-profile-row gfr-level-{escape(kind)}">'
            f'<td style="{cell}">{escape(names.get(s.obstacle_id, s.obstacle_id))}</td>'
            f'<td style="{cell};text-align:right">{escape(score)}</td>'
            f'<td style="{cell}">{escape(level)}</td>'
            f'<td style="{cell}">{escape(s.sides or "-")}</td>'
            f'<td style="{cell}"><ul style="margin:0;padding-left:1.2em">{reasons}</ul></td></tr>'
        )
    head = "".join(
        f'<th style="{cell};text-align:left">{h}</th>'
        for h in ("Obstacle", "Score (0-100)", "Level", "Side", "Why")
    )
    return (
        '<table class="gfr-profile-table" style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def referral_html(referral: Referral) -> str:
    """Render a referral: the headline advice, the reasons and their sources, escaped."""
    reasons = "".join(f"<li>{escape(r)}</li>" for r in referral.reasons)
    return (
        # no role="alert": the status line says "see a clinician" when Assess is pressed,
        # and an alert in this HTML would be said again each time the cell is redrawn
        '<div class="gfr-referral" style="border:2px solid #b71c1c;padding:0.6em">'
        f"<p><strong>{escape(referral.message)}</strong></p>"
        f"<p>Why:</p><ul>{reasons}</ul>{_sources_html(referral.sources)}</div>"
    )


class SelfAssessmentForm:
    """The self-assessment, test by test, ending in an obstacle profile.

    Parameters
    ----------
    today : datetime.date, optional
        Date written into the profile; the day the button is pressed when omitted.

    Attributes
    ----------
    inputs : dict of str to ipywidgets.Widget
        One input per answer, by field name.
    skip_boxes : dict of str to ipywidgets.Checkbox
        The "Skipped / could not do" tick box beside each number of a test, by
        field name (the choices carry that option themselves).
    message_widgets : dict of str to ipywidgets.HTML
        The message shown beside each input.
    messages : dict of str to str
        Messages of the last check, by field name (empty when all was fine).
    profile : ObstacleProfile or None
        The last profile shown.
    referral : Referral or None
        The last referral shown (a red flag was ticked).
    table_html, chart_alt, download_html : str
        The profile table, the chart's alt text and the download link last shown.
    save_message : str
        The last message of the "save to a folder" button.
    saved_path : pathlib.Path or None
        Where the profile was last saved.
    assess_button, save_button : ipywidgets.Button
        The buttons.
    save_folder : ipywidgets.Text
        Folder to save the profile file into.
    status : ipywidgets.HTML
        One line saying what happened.
    result : ipywidgets.VBox
        Holds the referral or the profile.
    widget : ipywidgets.VBox
        The whole form, ready to display.
    """

    def __init__(self, today: date | None = None) -> None:
        self.today = today
        self.names = obstacle_names()
        self.inputs: dict[str, widgets.Widget] = {}
        self.skip_boxes: dict[str, widgets.Checkbox] = {}
        self.message_widgets: dict[str, widgets.HTML] = {}
        self.messages: dict[str, str] = {}
        self.profile: ObstacleProfile | None = None
        self.referral: Referral | None = None
        self.table_html = ""
        self.chart_alt = ""
        self.download_html = ""
        self.save_message = ""
        self.saved_path: Path | None = None

        self.assess_button = widgets.Button(
            description="Assess", button_style="primary", tooltip="Check my answers"
        ).add_class("gfr-assess-button")
        self.assess_button.on_click(lambda _button: self.assess())
        self.status = status_line("", "gfr-assess-status")
        self.result = widgets.VBox().add_class("gfr-assessment-result")

        self.save_folder = widgets.Text(
            placeholder="e.g. ~/glute-profiles", description="Folder:"
        ).add_class("gfr-save-folder")
        self.save_button = widgets.Button(
            description="Save to folder", tooltip="Save the profile file into this folder"
        ).add_class("gfr-save-button")
        self.save_button.on_click(lambda _button: self.save())
        self.save_status = status_line("", "gfr-save-message")
        self.save_box = widgets.HBox(
            [self.save_folder, self.save_button, self.save_status]
        ).add_class("gfr-save-row")

        # the ~170 widgets of the steps share their Layouts and HTML style
        self._look = SharedLook()
        steps = [self._step_box(step.step_id) for step in STEPS]
        self.widget = form_box(
            [*steps, self.assess_button, self.status, self.result], "gfr-assessment"
        )

    # ------------------------------------------------------------------ building

    def _field_box(self, field: AnswerField) -> widgets.VBox:
        box_input = _input_widget(field, self._look, ("gfr-input", f"gfr-input-{field.name}"))
        message = field_message(
            f"gfr-input-{field.name}",
            "gfr-field-message",
            f"gfr-message-{field.name}",
            look=self._look,
        )
        self.inputs[field.name] = box_input
        self.message_widgets[field.name] = message
        parts: list[widgets.Widget] = []
        if field.kind != "flag":
            # The unit is shown as the text box's placeholder.
            parts.append(self._look.html(f"<b>{escape(field.label)}</b>", "gfr-question"))
            name_control(box_input, field.label)
        row: list[widgets.Widget] = [box_input]
        if field.skippable and isinstance(box_input, widgets.Text):
            row.append(self._skip_box(field, box_input))
        parts.append(widgets.HBox([*row, message], layout=self._look.layout()))
        return widgets.VBox(
            parts,
            layout=self._look.layout(),
            _dom_classes=("gfr-field", f"gfr-field-{field.name}"),
        )

    def _skip_box(self, field: AnswerField, box_input: widgets.Text) -> widgets.Checkbox:
        """Build the "Skipped / could not do" tick box of a number; ticking it greys the number."""
        box = widgets.Checkbox(
            value=False,
            # many boxes share the label: a screen reader also hears which number it skips
            description=grouped_label(field.label, SKIP_LABEL),
            description_allow_html=True,
            indent=False,
            layout=self._look.layout("auto"),
            _dom_classes=("gfr-skip", f"gfr-skip-{field.name}"),
        )

        def _toggle(change: dict[str, Any]) -> None:
            box_input.disabled = bool(change["new"])

        box.observe(_toggle, names="value")
        self.skip_boxes[field.name] = box
        return box

    def _step_box(self, step_id: str) -> widgets.VBox:
        step = next(s for s in STEPS if s.step_id == step_id)
        how_to = "".join(f"<li>{escape(line)}</li>" for line in step.how_to)
        intro = self._look.html(
            f"<h4>{escape(step.title)}</h4><ol>{how_to}</ol>"
            f"<p><em>What to look for:</em> {escape(step.look_for)}</p>"
            f"{_sources_html(step.sources)}",
            "gfr-step-instructions",
        )
        boxes = [self._field_box(f) for f in FIELDS if f.step == step_id]
        return widgets.VBox(
            [intro, *boxes],
            layout=self._look.layout(),
            _dom_classes=("gfr-assessment-step", f"gfr-step-{step_id}"),
        )

    # ------------------------------------------------------------------- values

    def raw_values(self) -> dict[str, object]:
        """Return the current answers as :func:`~gluteutils.assessment.assess` takes them.

        A number whose "Skipped / could not do" box is ticked gives
        :data:`~gluteutils.assessment_questions.SKIPPED`, whatever the box holds.
        """
        raw: dict[str, object] = {name: widget.value for name, widget in self.inputs.items()}
        for name, box in self.skip_boxes.items():
            if box.value:
                raw[name] = SKIPPED
        return raw

    def set_values(self, raw: Mapping[str, object]) -> None:
        """Fill the inputs from raw answers, for example ``EXAMPLE_RAW``.

        Numbers are shown as text; yes/no answers may be given as ``True``/``False``;
        :data:`~gluteutils.assessment_questions.SKIPPED` chooses "Skipped / could
        not do" (for a number, ticks its box). Unknown names are ignored.
        """
        for name, value in raw.items():
            widget = self.inputs.get(name)
            if widget is None:
                continue
            if isinstance(widget, widgets.Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, widgets.RadioButtons):
                if isinstance(value, bool):
                    value = "yes" if value else "no"
                elif is_skip(value) and FIELDS_BY_NAME[name].skippable:
                    value = SKIPPED
                widget.value = value
            elif name in self.skip_boxes and is_skip(value):
                self.skip_boxes[name].value = True
            else:
                if name in self.skip_boxes:
                    self.skip_boxes[name].value = False
                widget.value = "" if value is None else str(value)

    # ------------------------------------------------------------------- actions

    def assess(self) -> ObstacleProfile | Referral | None:
        """Check the answers and show the referral, the messages or the profile.

        Returns
        -------
        ObstacleProfile, Referral or None
            What was shown; ``None`` when answers need fixing.
        """
        result, messages = run_assessment(self.raw_values(), self.today)
        self.messages = messages
        for name, widget in self.message_widgets.items():
            widget.value = error_html(messages.get(name, ""))
        self.profile = result if isinstance(result, ObstacleProfile) else None
        self.referral = result if isinstance(result, Referral) else None
        self.table_html = self.chart_alt = self.download_html = ""
        if isinstance(result, Referral):
            self.status.value = (
                '<p class="gfr-status-referral"><strong>No score: see a clinician before '
                "training.</strong></p>"
            )
            self.result.children = (widgets.HTML(referral_html(result)),)
        elif result is None:
            count = len(messages)
            noun = "answer needs" if count == 1 else "answers need"
            self.status.value = (
                f'<p class="gfr-status-invalid" style="color:#b71c1c">{count} {noun} fixing: '
                "see the messages in red beside them.</p>"
            )
            self.result.children = ()
        else:
            self._show_profile(result)
        return result

    def _show_profile(self, profile: ObstacleProfile) -> None:
        self.table_html = profile_table_html(profile, self.names)
        self.chart_alt = profile_alt_text(profile, self.names)
        chart = image_html(
            figure_png(profile_figure(profile, self.names)), self.chart_alt, "gfr-profile-chart"
        )
        self.download_html = download_link_html(
            profile_to_csv(profile),
            default_profile_filename(profile),
            "text/csv",
            "Download your profile (CSV)",
        )
        top = [s for s in profile.ranked() if s.score > 0][:3]
        if top:
            names = ", ".join(escape(self.names.get(s.obstacle_id, s.obstacle_id)) for s in top)
            summary = f"<p>Work on these first: <strong>{names}</strong>.</p>"
        elif any(s.checked != "all" for s in profile.scores):
            summary = "<p>No obstacle showed up in the answers you could give.</p>"
        else:
            summary = "<p>No obstacle showed up in your answers. Keep your glutes working.</p>"
        summary += self._unknowns_html(profile)
        if profile.pain_now:
            where = f" ({escape(profile.pain_where)})" if profile.pain_where else ""
            summary += (
                f'<p class="gfr-pain-note">Pain noted: {escape(profile.pain_now)} out of 10'
                f"{where}.</p>"
            )
        if profile.advice:
            summary += "<ul>" + "".join(f"<li>{escape(a)}</li>" for a in profile.advice) + "</ul>"
        self.status.value = '<p class="gfr-status-done">Your obstacle profile is ready.</p>'
        self.result.children = (
            widgets.HTML(summary).add_class("gfr-profile-summary"),
            widgets.HTML(self.table_html).add_class("gfr-profile"),
            widgets.HTML(chart).add_class("gfr-profile-figure"),
            widgets.HTML(
                f"<p>{self.download_html} Binder deletes your files when the session ends: "
                "download the profile now to keep it.</p>"
            ).add_class("gfr-profile-download"),
            self.save_box,
        )

    def _unknowns_html(self, profile: ObstacleProfile) -> str:
        """Say which tests were skipped and which obstacles could not be checked."""
        html = ""
        if profile.skipped:
            tests = ", ".join(escape(STEPS_BY_ID[s].title) for s in profile.skipped_tests())
            html += f'<p class="gfr-skipped-tests">Skipped: {tests}.</p>'
        unknown = profile.not_checked()
        if unknown:
            names = ", ".join(escape(self.names.get(o, o)) for o in unknown)
            html += (
                f'<p class="gfr-not-checked">Not checked, so neither a finding nor a clear '
                f"result: {names}.</p>"
            )
        return html

    def save(self) -> Path | None:
        """Save the profile file into the folder typed in ``save_folder``.

        Returns
        -------
        pathlib.Path or None
            Where it was saved, or ``None`` (with a message) when it could not be.
        """
        folder = self.save_folder.value.strip()
        path = None
        if self.profile is None:
            message = "Press Assess first: there is no profile to save yet."
        elif not folder:
            message = "Type the folder to save into."
        else:
            try:
                path = write_profile(self.profile, folder)
            except GluteutilsError as exc:
                message = f"Not saved: {exc}."
            except OSError as exc:
                message = f"Not saved: {exc.strerror or exc}."
            else:
                message = (
                    f"Saved to {path}. On Binder that copy disappears when the session ends, so "
                    "download it as well."
                )
        self.saved_path = path
        self.save_message = message
        colour = "#1b5e20" if path else "#b71c1c"
        self.save_status.value = f'<span style="color:{colour}">{escape(message)}</span>'
        return path

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display the form when it is the last expression of a cell."""
        return self.widget._repr_mimebundle_(**kwargs)
