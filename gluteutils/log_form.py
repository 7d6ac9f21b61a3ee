"""The logging form of notebook 06: today's planned sets pre-filled, checked, saved to the log.

A thin ipywidgets layer over :mod:`gluteutils.log_entry` (planned sets,
checks, log rows) and :mod:`gluteutils.log_io` (the safe, locked append to the
log file). The runner picks a session of their plan (uploaded as the plan CSV
from notebook 05, or passed in) and gets its sets as editable rows, or adds sets
freely; a message appears beside every field that needs fixing; "Save sets"
appends the rows to ``training_log.csv`` in the chosen folder and offers the
whole log as a download (a ``data:`` link, which works in JupyterLab, on Binder
and in Voila). Pain of :data:`~gluteutils.suggestions.PAIN_STOP` or more shows a
"stop and see a clinician" message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .browser_clock import BrowserClock
from .display import download_link_html, escape
from .errors import GluteutilsError
from .exercises import load_exercises
from .field_message import field_message
from .log_columns import LOAD_UNITS, LOG, LOG_SIDES
from .log_entry import (
    PlannedSession,
    SetDraft,
    SetEntry,
    check_session,
    check_set,
    entries_to_log,
    needs_clinician,
    planned_sessions,
    planned_sets,
    session_for_day,
)
from .log_io import LogSaveResult, append_to_log, log_to_csv, read_log
from .plan_csv import read_plan
from .status_line import status_line
from .suggestions import PAIN_STOP
from .upload_button import UploadButton
from .uploads import MAX_UPLOAD_BYTES, uploaded_files
from .widget_look import error_html, form_box, grouped_label, name_control
from .wording import plural

#: Name of the log file the form appends to, in the chosen folder.
LOG_FILENAME = LOG.filename
_SIDE_LABELS = {"both": "both legs", "left": "left", "right": "right"}
# (field, label, width) of the text inputs of a set row, in the order shown
_TEXT_FIELDS = (
    ("reps", "Reps", "4.5em"),
    ("duration_s", "Seconds", "4.5em"),
    ("load", "Load", "4.5em"),
    ("rpe", "RPE 1-10", "4.5em"),
    ("glute_feel", "Glute feel 0-10", "4.5em"),
    ("pain", "Pain 0-10", "4.5em"),
    ("pain_where", "Where it hurt", "9em"),
    ("notes", "Notes", "14em"),
)


class SetRow:
    """The widgets of one set: what was done, how it felt, and a message beside each field.

    Parameters
    ----------
    draft : SetDraft
        Values to start with.
    exercises : sequence of (str, str)
        ``(name, exercise_id)`` options of the exercise dropdown.

    Attributes
    ----------
    done : ipywidgets.Checkbox
        Untick a set that was not done; it is not saved.
    inputs : dict of str to ipywidgets.Widget
        The field widgets by :data:`~gluteutils.log_entry.SET_FIELDS` name.
    messages : dict of str to ipywidgets.HTML
        The message beside each field.
    remove : ipywidgets.Button
        Removes the row from the form.
    widget : ipywidgets.Box
        The row as shown.
    """

    def __init__(
        self, draft: SetDraft, exercises: Sequence[tuple[str, str]], unit: str = LOAD_UNITS[0]
    ) -> None:
        known = {exercise_id for _, exercise_id in exercises}
        self.done = widgets.Checkbox(value=True, description="done", indent=False).add_class(
            "gfr-log-done"
        )
        self.done.layout.width = "5em"
        self.inputs: dict[str, widgets.Widget] = {
            "exercise_id": widgets.Dropdown(
                options=[("choose an exercise", ""), *exercises],
                value=draft.exercise_id if draft.exercise_id in known else "",
                layout={"width": "17em"},
            ),
            "side": widgets.Dropdown(
                options=[(_SIDE_LABELS[s], s) for s in LOG_SIDES],
                value=draft.side if draft.side in LOG_SIDES else "both",
                layout={"width": "7.5em"},
            ),
            "load_unit": widgets.Dropdown(
                options=[(u, u) for u in LOAD_UNITS],
                # a set with no load planned still takes the plan's unit if one is added
                value=draft.load_unit if draft.load_unit in LOAD_UNITS else unit,
                layout={"width": "4.5em"},
            ),
        }
        values = {"reps": draft.reps, "duration_s": draft.duration_s, "load": draft.load}
        for name, _, width in _TEXT_FIELDS:
            self.inputs[name] = widgets.Text(value=values.get(name, ""), layout={"width": width})
        for name, widget in self.inputs.items():
            widget.add_class(f"gfr-log-{name}")
        self.messages = {
            name: field_message(f"gfr-log-{name}", "gfr-field-message", f"gfr-log-message-{name}")
            for name in self.inputs
        }
        self.target = widgets.HTML(
            f'<span style="color:#555">{escape(draft.target)}</span>' if draft.target else ""
        ).add_class("gfr-log-target")
        # every row has a "done" box: a screen reader also hears which set it is
        self._target_text = draft.target
        self.done.description_allow_html = True
        self._name_done()
        self.inputs["exercise_id"].observe(lambda _: self._name_done(), names="value")
        self.remove = widgets.Button(description="Remove", icon="trash").add_class("gfr-log-remove")
        self.remove.layout.width = "7em"
        labels = {"exercise_id": "Exercise", "side": "Side", "load_unit": "Unit"}
        labels |= {name: label for name, label, _ in _TEXT_FIELDS}

        widths = {"exercise_id": "17.5em", "side": "8em", "pain_where": "9.5em", "notes": "14.5em"}

        def cell(name: str) -> widgets.Widget:
            # a fixed width, so a long message wraps under its field instead of pushing the
            # other fields aside
            return widgets.VBox(
                [
                    widgets.HTML(f"<small>{escape(labels[name])}</small>"),
                    name_control(self.inputs[name], labels[name]),
                    self.messages[name],
                ],
                layout={"width": widths.get(name, "7em")},
            )

        first = ["exercise_id", "side", "reps", "duration_s", "load", "load_unit"]
        second = ["rpe", "glute_feel", "pain", "pain_where", "notes"]
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.done, *(cell(n) for n in first), self.target]),
                widgets.HBox([*(cell(n) for n in second), self.remove]),
            ],
            layout={"border": "1px solid #ddd", "padding": "4px", "margin": "2px 0"},
        ).add_class("gfr-log-set")

    def _name_done(self) -> None:
        """Name the "done" box by the row's exercise (and planned set) for screen readers."""
        picker = self.inputs["exercise_id"]
        exercise = picker.label if picker.value else "No exercise chosen yet"
        group = f"{exercise}, {self._target_text}" if self._target_text else exercise
        self.done.description = grouped_label(group, "done")

    def raw_values(self) -> dict[str, object]:
        """Return the fields as :func:`~gluteutils.log_entry.check_set` takes them."""
        return {name: widget.value for name, widget in self.inputs.items()}

    def show(self, messages: dict[str, str]) -> None:
        """Show ``messages`` beside their fields and clear the others."""
        for name, widget in self.messages.items():
            widget.value = error_html(messages.get(name, ""))


class LogForm:
    """Log the sets of a session: pre-filled from a plan, or entered freely.

    Parameters
    ----------
    plan : pandas.DataFrame, optional
        A plan (:func:`gluteutils.plan.build_plan` or
        :func:`gluteutils.plan_csv.read_plan`); the runner may also upload one.
    folder : str or pathlib.Path
        Folder of the log file :data:`LOG_FILENAME` (the runner can change it);
        made on the first save if it is missing but its parent folder exists.
    library : pandas.DataFrame, optional
        The exercise library; loaded when omitted.
    now : datetime.datetime, optional
        The present moment, for the default date and time and the "not in the
        future" check. When omitted, the clock of the page showing the form
        (:class:`~gluteutils.browser_clock.BrowserClock`), and the computer's
        until a page has reported it.

    Attributes
    ----------
    plan : pandas.DataFrame or None
        The plan sessions are picked from.
    sessions : list of PlannedSession
        The plan's sessions, as the dropdown lists them.
    rows : list of SetRow
        The set rows shown.
    messages : dict of str to str
        The message beside each session field (``athlete``, ``day``, ``time``,
        ``plan``, ``folder``) after the last action.
    row_messages : list of dict of str to str
        The messages of each set row after the last save attempt.
    entries : list of SetEntry
        The sets of the last successful save.
    saved : pandas.DataFrame or None
        The log rows appended by the last successful save.
    log : pandas.DataFrame or None
        The whole log after the last successful save.
    result : LogSaveResult or None
        What the last successful save did (sets added, corrected, already there).
    stop_message : str
        The "stop and see a clinician" text shown, or ``""``.
    """

    def __init__(
        self,
        plan: pd.DataFrame | None = None,
        folder: str | Path = ".",
        library: pd.DataFrame | None = None,
        now: datetime | None = None,
    ) -> None:
        self.library = load_exercises() if library is None else library
        self.names = dict(zip(self.library["exercise_id"], self.library["name"], strict=True))
        self.exercise_options = [(name, exercise_id) for exercise_id, name in self.names.items()]
        self._fixed_now = now
        # the page's clock, not the server's (UTC on Binder): an evening session in
        # Sydney is not "in the future"
        self.clock = BrowserClock()
        start = self.now()
        self.plan: pd.DataFrame | None = None
        self.sessions: list[PlannedSession] = []
        self.rows: list[SetRow] = []
        self.messages: dict[str, str] = {}
        self.row_messages: list[dict[str, str]] = []
        self.entries: list[SetEntry] = []
        self.saved: pd.DataFrame | None = None
        self.log: pd.DataFrame | None = None
        self.result: LogSaveResult | None = None
        self.stop_message = ""

        self.athlete = widgets.Text(placeholder="your name", layout={"width": "16em"})
        self.day = widgets.Text(
            value=start.date().isoformat(), placeholder="YYYY-MM-DD", layout={"width": "8em"}
        )
        self.time = widgets.Text(
            value=f"{start:%H:%M}", placeholder="HH:MM", layout={"width": "5em"}
        )
        self._filled_in = (self.day.value, self.time.value)
        self._picked: int | None = None
        self.clock.observe(lambda _: self._use_page_clock(), names="utc_offset_minutes")
        self.plan_upload = UploadButton(
            accept=".csv", multiple=False, description="Upload plan"
        ).add_class("gfr-log-plan-upload")
        self.plan_upload.observe(self._on_plan_upload, names="value")
        self.plan_status = status_line("No plan loaded: add sets freely.", "gfr-log-plan-status")
        self.session = widgets.Dropdown(options=[], layout={"width": "30em"}).add_class(
            "gfr-log-session"
        )
        name_control(self.session, "Planned session")
        self.fill_button = widgets.Button(
            description="Fill in the planned sets", icon="list"
        ).add_class("gfr-log-fill")
        self.fill_button.layout.width = "15em"
        self.fill_button.on_click(lambda _: self.fill_from_plan())
        self.add_button = widgets.Button(description="Add a set", icon="plus").add_class(
            "gfr-log-add"
        )
        self.add_button.on_click(lambda _: self.add_set())
        self.folder = widgets.Text(value=str(folder), layout={"width": "16em"})
        self.save_button = widgets.Button(
            description="Save sets", button_style="primary", icon="save"
        ).add_class("gfr-log-save")
        self.save_button.on_click(lambda _: self.save())
        for name in ("athlete", "day", "time", "folder"):
            getattr(self, name).add_class(f"gfr-log-{name}")
        # the plan's message is about the session to fill in (or the file behind it)
        described = {"plan": "gfr-log-session"}
        self.message_widgets = {
            name: field_message(
                described.get(name, f"gfr-log-{name}"),
                "gfr-field-message",
                f"gfr-log-message-{name}",
            )
            for name in ("athlete", "day", "time", "plan", "folder")
        }
        self.rows_box = widgets.VBox().add_class("gfr-log-rows")
        self.status = status_line("", "gfr-log-status")
        # always in the form, so that a new stop message is a change, said at once
        self.stop = status_line("", "gfr-log-stop", urgent=True)
        self.download = widgets.HTML().add_class("gfr-log-download")
        self.widget = form_box(
            [
                self._field("Your name", self.athlete, "athlete"),
                widgets.HBox(
                    [
                        self._field("Date (YYYY-MM-DD)", self.day, "day"),
                        self._field("Start time (HH:MM)", self.time, "time"),
                    ]
                ),
                self._field(
                    "Your plan (the CSV file from notebook 05)",
                    widgets.VBox(
                        [
                            widgets.HBox([self.plan_upload, self.plan_status]),
                            widgets.HBox([self.session, self.fill_button]),
                        ]
                    ),
                    "plan",
                ),
                widgets.HTML("<b>Sets</b>"),
                self.rows_box,
                self.add_button,
                self._field("Folder of your log file", self.folder, "folder"),
                self.save_button,
                self.stop,
                self.status,
                self.download,
                self.clock,
            ],
            "gfr-log-form",
        )
        if plan is not None:
            self.use_plan(plan, "the plan given")

    # ------------------------------------------------------------------ layout

    def _field(self, label: str, body: widgets.Widget, name: str) -> widgets.Widget:
        return widgets.VBox(
            [
                widgets.HTML(f"<b>{escape(label)}</b>"),
                widgets.HBox([name_control(body, label), self.message_widgets[name]]),
            ]
        ).add_class(f"gfr-log-field-{name}")

    def now(self) -> datetime:
        """Return the present moment: the one given to the form, or the page's clock."""
        return self._fixed_now or self.clock.now()

    def _use_page_clock(self) -> None:
        """Fill in the page's date and time, unless the runner has changed them."""
        if self._fixed_now is not None:
            return
        start = self.now()
        if (self.day.value, self.time.value) == self._filled_in:
            self.day.value, self.time.value = start.date().isoformat(), f"{start:%H:%M}"
            self._filled_in = (self.day.value, self.time.value)
        if self.sessions and self.session.value == self._picked:
            self._pick_today()

    def _pick_today(self) -> None:
        today = session_for_day(self.sessions, self.now().date())
        self.session.value = self._picked = (
            self.sessions.index(today) if today is not None else None
        )

    def _show_messages(self) -> None:
        for name, widget in self.message_widgets.items():
            widget.value = error_html(self.messages.get(name, ""))

    # ------------------------------------------------------------------ the plan

    def use_plan(self, plan: pd.DataFrame, label: str) -> None:
        """Offer the sessions of ``plan``, today's first.

        Parameters
        ----------
        plan : pandas.DataFrame
            A plan.
        label : str
            How to name it in the status line (a file name).
        """
        self.plan = plan
        self.sessions = planned_sessions(plan)
        self.session.options = [(s.label, i) for i, s in enumerate(self.sessions)]
        self._pick_today()
        athletes = [a for a in plan["athlete"].unique() if a] if not plan.empty else []
        whose = ""
        if athletes:
            # the sets of this plan are its runner's, not those of a plan loaded before
            self.athlete.value = str(athletes[0])
            whose = f" ({escape(str(athletes[0]))}'s plan)"
        self.plan_status.value = (
            f"<span>Loaded {escape(label)}{whose}: {len(self.sessions)} sessions. Pick one and "
            "fill in its sets.</span>"
        )
        self.messages.pop("plan", None)
        self._show_messages()

    def _on_plan_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"], default_name="plan.csv")
        if files:
            name, content, size = files[0]
            self.load_plan_upload(content, name, size)

    def load_plan_upload(self, data: bytes, name: str, size: int | None = None) -> bool:
        """Read an uploaded plan file (what the upload button does).

        Parameters
        ----------
        data : bytes
            The file's contents.
        name : str
            The file's name.
        size : int, optional
            The size the browser reported; ``len(data)`` when not given.

        Returns
        -------
        bool
            Whether the plan was read; otherwise a message says why.
        """
        if (size if size is not None else len(data)) > MAX_UPLOAD_BYTES:
            self.messages["plan"] = (
                "That file is over 10 MB; a plan file is well under 1 MB. Choose the plan CSV "
                "from notebook 05."
            )
            self._show_messages()
            return False
        try:
            plan = read_plan(data, filename=name)
        except GluteutilsError as exc:
            self.messages["plan"] = f"{name} could not be read as a plan: {exc}"
            self._show_messages()
            return False
        self.use_plan(plan, name)
        return True

    def fill_from_plan(self) -> list[SetDraft]:
        """Replace the set rows with the planned sets of the chosen session.

        Returns
        -------
        list of SetDraft
            The rows filled in; empty (with a message) without a plan.
        """
        if self.plan is None or self.session.value is None:
            self.messages["plan"] = "Upload your plan first, or add sets freely."
            self._show_messages()
            return []
        chosen = self.sessions[int(self.session.value)]
        drafts = planned_sets(self.plan, chosen, self.library)
        self.rows = []
        for draft in drafts:
            self._append_row(draft)
        self._refresh_rows()
        if chosen.day <= self.now().date():
            self.day.value = chosen.day.isoformat()
        self.messages.pop("plan", None)
        self._show_messages()
        self.status.value = ""
        return drafts

    # ------------------------------------------------------------------ set rows

    def _unit(self) -> str:
        """Return the plan's unit of load, or kg without a plan."""
        if self.plan is not None and not self.plan.empty:
            unit = str(self.plan["units"].iloc[0])
            if unit in LOAD_UNITS:
                return unit
        return LOAD_UNITS[0]

    def _append_row(self, draft: SetDraft) -> SetRow:
        row = SetRow(draft, self.exercise_options, self._unit())
        row.remove.on_click(lambda _, row=row: self.remove_set(row))
        self.rows.append(row)
        return row

    def _refresh_rows(self) -> None:
        self.rows_box.children = [row.widget for row in self.rows]

    def add_set(self, exercise_id: str = "", side: str = "both") -> SetRow:
        """Add an empty set row (what "Add a set" does); it copies the last row's exercise.

        Parameters
        ----------
        exercise_id : str
            Exercise to pre-select; by default the one of the last row, if any.
        side : str
            Side to pre-select.

        Returns
        -------
        SetRow
            The new row.
        """
        if not exercise_id and self.rows:
            exercise_id = str(self.rows[-1].inputs["exercise_id"].value)
        row = self._append_row(SetDraft(exercise_id, side, load_unit=self._unit()))
        self._refresh_rows()
        return row

    def remove_set(self, row: SetRow) -> None:
        """Remove one set row from the form."""
        if row in self.rows:
            self.rows.remove(row)
            self._refresh_rows()

    # ------------------------------------------------------------------ saving

    def check(self) -> tuple[tuple[str, datetime] | None, list[SetEntry] | None]:
        """Check every field, show the messages, and return what would be saved.

        Returns
        -------
        tuple
            ``(athlete, start)`` or ``None``, and the sets or ``None`` when a
            field needs fixing.
        """
        session, self.messages = check_session(
            self.athlete.value, self.day.value, self.time.value, self.now()
        )
        entries: list[SetEntry] = []
        self.row_messages = []
        for row in self.rows:
            if not row.done.value:
                row.show({})
                self.row_messages.append({})
                continue
            entry, messages = check_set(row.raw_values(), self.names)
            row.show(messages)
            self.row_messages.append(messages)
            if entry is not None:
                entries.append(entry)
        self._show_messages()
        bad = len(self.messages) + sum(len(m) for m in self.row_messages)
        if bad:
            noun = "field needs" if bad == 1 else "fields need"
            self.status.value = error_html(f"{bad} {noun} fixing; see the red notes.")
            return session, None
        if not entries:
            self.status.value = error_html("Add at least one set that you did, then save.")
            return session, None
        return session, entries

    def _show_stop(self, entries: list[SetEntry]) -> None:
        painful = needs_clinician(entries, PAIN_STOP)
        if not painful:
            self.stop_message = ""
            self.stop.value = ""
            return
        names = sorted({self.names.get(e.exercise_id, e.exercise_id) for e in painful})
        self.stop_message = (
            f"You logged pain of {PAIN_STOP} or more out of 10 ({', '.join(names)}). Stop "
            "that exercise and see a clinician (a physical therapist or a doctor) before you "
            "train it again. This curriculum is education, not medical advice."
        )
        self.stop.value = (
            # an urgent line: a screen reader says it at once, whatever else it is reading
            '<div class="gfr-log-stop-message" style="border:2px solid #b71c1c;'
            "padding:6px;"
            f'color:#b71c1c"><b>Stop and see a clinician.</b> {escape(self.stop_message)}</div>'
        )

    def save(self) -> pd.DataFrame | None:
        """Check the fields and append the sets to the log file (the "Save sets" button).

        Returns
        -------
        pandas.DataFrame or None
            The rows appended, or ``None`` when a field needs fixing or the
            file could not be written (the log file is then unchanged).
        """
        session, entries = self.check()
        if session is None or entries is None:
            return None
        self._show_stop(entries)
        folder = Path(self.folder.value.strip() or ".").expanduser()
        if not folder.exists() and folder.parent.is_dir():
            # a new folder for the log, inside one that exists; a failure is reported below
            with contextlib.suppress(OSError):
                folder.mkdir()
        if not folder.is_dir():
            self.messages["folder"] = f"there is no folder called {folder}"
            self._show_messages()
            self.status.value = error_html("Nothing saved: choose a folder that exists.")
            return None
        athlete, start = session
        rows = entries_to_log(entries, athlete, start, self.names)
        target = folder / LOG_FILENAME
        try:
            result = append_to_log(target, rows, library=self.library, today=self.now().date())
            log = read_log(target, library=self.library, max_bytes=None).log
        except (GluteutilsError, OSError) as exc:
            self.status.value = error_html(f"Nothing saved: {exc}")
            return None
        self.entries, self.saved, self.log, self.result = entries, rows, log, result
        self.rows = []
        self._refresh_rows()
        done = [f"{result.added} new"]
        if result.replaced:
            done.append(f"{result.replaced} corrected")
        if result.unchanged:
            done.append(f"{result.unchanged} already there")
        self.status.value = (
            f'<span class="gfr-log-saved">Saved to {escape(str(target))}: '
            f"{escape(', '.join(done))}; the log now has {plural(result.total, 'set')}. On Binder, "
            "download your log now: the session and its files are wiped when it ends.</span>"
        )
        self.download.value = download_link_html(
            log_to_csv(log), LOG_FILENAME, "text/csv", "Download your whole log (CSV)"
        )
        return rows

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display the form when it is the last expression of a cell."""
        return self.widget._repr_mimebundle_(**kwargs)
