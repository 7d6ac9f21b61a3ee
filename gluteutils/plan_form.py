"""The plan builder form of notebook 05: profile fields in, a plan and its files out.

A thin ipywidgets layer: it reads the fields into raw values, lets
:func:`gluteutils.plan_profile.validate_profile` check them (a message appears
beside each bad field), calls :func:`gluteutils.plan.build_plan`, and shows the
result with :mod:`gluteutils.plan_views`. Downloads are ``data:`` links, which
work in JupyterLab, on Binder and in Voila.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .assessment_questions import PAIN_STOP
from .browser_clock import BrowserClock
from .display import download_link_html, escape, safe_filename, table_html
from .errors import DataValidationError, GluteutilsError
from .exercises import load_exercises
from .field_message import field_message
from .files import atomic_write_bytes
from .obstacles import obstacle_names
from .plan import build_plan, check_plan, plan_notes
from .plan_calendar import plan_to_ics
from .plan_columns import WEEKDAYS
from .plan_csv import plan_to_csv
from .plan_profile import (
    DEFAULT_ACTIVATION_MINUTES,
    GOALS,
    MAX_ACTIVATION_MINUTES,
    MIN_ACTIVATION_MINUTES,
    PROFILE_LEVELS,
    Profile,
    obstacles_from_profile,
    plan_profile_to_csv,
    validate_profile,
)
from .plan_sheet import plan_to_html
from .plan_views import calendar_html, week_table_html, weekly_summary
from .profile_file import read_profile
from .radio_group import RadioGroup
from .schema import EQUIPMENT
from .status_line import status_line
from .upload_button import UploadButton
from .uploads import MAX_UPLOAD_BYTES, uploaded_files
from .widget_look import SharedLook, error_html, form_box, grouped_label, name_control

#: The headings of the two rows of day checkboxes (also each box's group name).
_TRAINING_DAYS, _RUN_DAYS = "Glute training days", "Run days"
_KEY_RUN_DAYS = "Long or hard runs (optional)"
_DAY_LABELS = dict(zip(WEEKDAYS, ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True))
_EQUIPMENT_LABELS = {
    "band": "long resistance band",
    "mini_band": "mini band (loop)",
    "trap_bar": "trap (hex) bar",
    "barbell": "barbell and plates",
    "rack": "squat rack or blocks",
    "dumbbell": "dumbbells",
    "kettlebell": "kettlebell",
    "ankle_weight": "ankle weights",
    "bench": "bench",
    "wall": "a wall",
    "box": "box or sturdy chair",
    "step": "step",
}
_GOAL_LABELS = {
    "full_programme": "A full programme: activate, strengthen, integrate",
    "pre_run_only": "Only a short activation routine before my runs",
}


def _next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


def _day_boxes(
    kind: str, group: str, checked: tuple[str, ...], layout: widgets.Layout
) -> dict[str, widgets.Checkbox]:
    return {
        code: widgets.Checkbox(
            value=code in checked,
            description=grouped_label(group, _DAY_LABELS[code]),
            description_allow_html=True,
            indent=False,
            layout=layout,
            _dom_classes=(f"gfr-{kind}-day", f"gfr-{kind}-day-{code}"),
        )
        for code in WEEKDAYS
    }


def _main_obstacles(obstacles: tuple[tuple[str, int], ...]) -> list[str]:
    """Name the three obstacles with the highest scores above 0, highest first."""
    names = obstacle_names()
    return [names.get(o, o) for o, score in sorted(obstacles, key=lambda p: -p[1]) if score][:3]


class PlanForm:
    """Build a multi-week glute plan from a runner's profile.

    Parameters
    ----------
    library : pandas.DataFrame, optional
        The exercise library; loaded from the package when omitted.
    folder : str or pathlib.Path
        Folder offered for "save to a folder" and searched for profile files.
    today : datetime.date, optional
        Used for the default start date (the next Monday); defaults to today on
        the clock of the page showing the form
        (:class:`~gluteutils.browser_clock.BrowserClock`), not the server's.

    Attributes
    ----------
    profile : Profile or None
        The profile of the last successful build.
    plan : pandas.DataFrame or None
        The last plan built.
    messages : dict of str to str
        The message shown beside each bad field after the last click.
    obstacles : tuple of (str, int)
        Obstacle scores loaded from a self-assessment file, or empty.
    """

    def __init__(
        self,
        library: pd.DataFrame | None = None,
        folder: str | Path = ".",
        today: date | None = None,
    ) -> None:
        self.library = load_exercises() if library is None else library
        self.folder = Path(folder)
        self.profile: Profile | None = None
        self.plan: pd.DataFrame | None = None
        self.messages: dict[str, str] = {}
        self.obstacles: tuple[tuple[str, int], ...] = ()
        # the page's day, not the server's (UTC on Binder): a runner in Sydney on a
        # Monday morning would otherwise be offered the Monday already under way
        self._fixed_today = today
        self.clock = BrowserClock()
        start = _next_monday(today or self.clock.now().date())
        self._default_start = start.isoformat()
        self.clock.observe(lambda _: self._use_page_clock(), names="utc_offset_minutes")
        self.inputs: dict[str, widgets.Widget] = {
            "athlete": widgets.Text(placeholder="your name", layout={"width": "20em"}),
            "level": widgets.Dropdown(
                options=[(level.capitalize(), level) for level in PROFILE_LEVELS],
                value="beginner",
            ),
            "start_date": widgets.Text(
                value=start.isoformat(), placeholder="YYYY-MM-DD", layout={"width": "10em"}
            ),
            "weeks": widgets.Text(value="8", placeholder="1 to 16", layout={"width": "6em"}),
            # a drop-down, not a slider: ipywidgets' slider handle has no accessible name
            "activation_minutes": widgets.Dropdown(
                options=[
                    (f"{m} minutes", m)
                    for m in range(MIN_ACTIVATION_MINUTES, MAX_ACTIVATION_MINUTES + 1)
                ],
                value=DEFAULT_ACTIVATION_MINUTES,
                layout={"width": "10em"},
            ),
            "goal": RadioGroup(
                options=[(_GOAL_LABELS[g], g) for g in GOALS], layout={"width": "auto"}
            ),
            # radio buttons, not toggle buttons: ipywidgets' toggle buttons tell a
            # screen reader neither their group nor which one is chosen
            "units": RadioGroup(
                options=[("kg", "kg"), ("lb", "lb")],
                value="kg",
                orientation="horizontal",
                layout={"width": "auto"},
            ),
        }
        for name, widget in self.inputs.items():
            widget.add_class(f"gfr-input-{name}")
        # widgets that keep the same look share their Layouts and HTML style
        self._look = SharedLook()
        day_layout = self._look.layout("5.5em")
        self.training_days = _day_boxes("train", _TRAINING_DAYS, ("mon", "wed", "fri"), day_layout)
        self.run_days = _day_boxes("run", _RUN_DAYS, ("tue", "thu", "sat"), day_layout)
        self.key_run_days = _day_boxes("key-run", _KEY_RUN_DAYS, (), day_layout)
        equipment_layout = self._look.layout("15em")
        self.equipment = {
            item: widgets.Checkbox(
                value=item == "wall",
                description=_EQUIPMENT_LABELS[item],
                indent=False,
                layout=equipment_layout,
                _dom_classes=("gfr-equipment", f"gfr-equipment-{item}"),
            )
            for item in EQUIPMENT
            if item != "none"
        }
        # each message describes its field's control; a group's, every box of the group
        described = {name: f"gfr-input-{name}" for name in self.inputs} | {
            "training_days": "gfr-train-day",
            "run_days": "gfr-run-day",
            "key_run_days": "gfr-key-run-day",
            "equipment": "gfr-equipment",
            "obstacles": "gfr-obstacle-path",
        }
        self.message_widgets = {
            name: field_message(
                control, "gfr-field-message", f"gfr-message-{name}", look=self._look
            )
            for name, control in described.items()
        }
        self.upload = UploadButton(
            accept=".csv", multiple=False, description="Upload profile"
        ).add_class("gfr-obstacle-upload")
        self.upload.observe(self._on_upload, names="value")
        self.profile_path = widgets.Text(
            placeholder="glute-profile-2025-03-01.csv", layout={"width": "20em"}
        ).add_class("gfr-obstacle-path")
        name_control(self.profile_path, "Obstacle profile file name")
        self.load_button = widgets.Button(description="Load file").add_class("gfr-obstacle-load")
        self.load_button.on_click(lambda _: self._load_profile_path())
        self.clear_button = widgets.Button(description="No self-assessment").add_class(
            "gfr-obstacle-clear"
        )
        self.clear_button.on_click(lambda _: self._set_obstacles((), "No obstacle profile used."))
        self.obstacle_status = status_line(
            "No obstacle profile used.", "gfr-obstacle-status", look=self._look
        )
        # a plan profile saved with an earlier plan fills the whole form (Binder forgets)
        self.saved_upload = UploadButton(
            accept=".csv", multiple=False, description="Upload plan profile"
        ).add_class("gfr-saved-profile-upload")
        self.saved_upload.observe(self._on_saved_upload, names="value")
        self.saved_status = status_line(
            "Fill in the form, or upload the plan profile you downloaded with an earlier plan.",
            "gfr-saved-profile-status",
            look=self._look,
        )
        self.build_button = widgets.Button(
            description="Build my plan", button_style="primary", icon="calendar"
        ).add_class("gfr-build-button")
        self.build_button.on_click(lambda _: self.build())
        self.status = status_line("", "gfr-plan-status", look=self._look)
        self.summary = self._look.html("", "gfr-plan-summary")
        self.calendar = self._look.html("", "gfr-plan-calendar-view")
        self.week = widgets.Dropdown(description="Week", options=[]).add_class("gfr-plan-week-pick")
        self.week.observe(lambda _: self._show_week(), names="value")
        self.week_table = self._look.html("", "gfr-plan-week-view")
        self.downloads = self._look.html("", "gfr-plan-downloads")
        self.calendar_button = widgets.Button(
            description="Make calendar file", icon="calendar-plus"
        ).add_class("gfr-calendar-button")
        self.calendar_button.on_click(lambda _: self.make_calendar())
        self.calendar_link = self._look.html("", "gfr-calendar-link")
        self.save_folder = widgets.Text(value=str(self.folder), layout={"width": "20em"}).add_class(
            "gfr-save-folder"
        )
        name_control(self.save_folder, "Folder to save the plan in")
        self.save_button = widgets.Button(description="Save CSV to folder").add_class(
            "gfr-save-button"
        )
        self.save_button.on_click(lambda _: self.save())
        self.save_status = status_line("", "gfr-save-message", look=self._look)
        self.result = widgets.VBox().add_class("gfr-plan-result")
        self.widget = form_box(
            [*self._field_rows(), self.build_button, self.status, self.result, self.clock],
            "gfr-plan-form",
        )

    # ------------------------------------------------------------------ layout

    def _row(self, label: str, body: widgets.Widget, name: str) -> widgets.Widget:
        return widgets.VBox(
            [
                self._look.html(f"<b>{escape(label)}</b>"),
                widgets.HBox(
                    [name_control(body, label), self.message_widgets[name]],
                    layout=self._look.layout(),
                ),
            ],
            layout=self._look.layout(),
            _dom_classes=(f"gfr-field-{name}",),
        )

    def _field_rows(self) -> list[widgets.Widget]:
        boxes = list(self.equipment.values())
        equipment_grid = widgets.VBox(
            [widgets.HBox(boxes[i : i + 4]) for i in range(0, len(boxes), 4)]
        )
        obstacle_row = widgets.VBox(
            [
                widgets.HBox([self.upload, self.profile_path, self.load_button, self.clear_button]),
                self.obstacle_status,
            ]
        )
        saved_row = widgets.VBox(
            [
                self._look.html("<b>Start from a saved plan profile (optional)</b>"),
                widgets.HBox([self.saved_upload, self.saved_status]),
            ],
            layout=self._look.layout(),
            _dom_classes=("gfr-field-saved_profile",),
        )
        return [
            saved_row,
            self._row("Your name", self.inputs["athlete"], "athlete"),
            self._row("Experience with strength training", self.inputs["level"], "level"),
            self._row("Start date (YYYY-MM-DD)", self.inputs["start_date"], "start_date"),
            self._row("Number of weeks (1 to 16)", self.inputs["weeks"], "weeks"),
            self._row(
                _TRAINING_DAYS, widgets.HBox(list(self.training_days.values())), "training_days"
            ),
            self._row(_RUN_DAYS, widgets.HBox(list(self.run_days.values())), "run_days"),
            self._row(
                f"{_KEY_RUN_DAYS}: strength days keep off the day before",
                widgets.HBox(list(self.key_run_days.values())),
                "key_run_days",
            ),
            self._row(
                "Minutes a day for activation (the articles suggest 10 to 20)",
                self.inputs["activation_minutes"],
                "activation_minutes",
            ),
            self._row(
                "Equipment you have (nothing is needed to start)", equipment_grid, "equipment"
            ),
            self._row(
                "Your obstacle profile from notebook 03 (optional)", obstacle_row, "obstacles"
            ),
            self._row("What do you want?", self.inputs["goal"], "goal"),
            self._row("Units for loads", self.inputs["units"], "units"),
        ]

    def _use_page_clock(self) -> None:
        """Offer the page's next Monday, unless the runner has changed the start date."""
        if self._fixed_today is not None:
            return
        start = _next_monday(self.clock.now().date()).isoformat()
        if self.inputs["start_date"].value == self._default_start:
            self.inputs["start_date"].value = start
        self._default_start = start

    # ------------------------------------------------------------------ obstacles

    def _set_obstacles(self, obstacles: tuple[tuple[str, int], ...], status: str) -> None:
        self.obstacles = obstacles
        self.obstacle_status.value = f"<span>{escape(status)}</span>"
        self.message_widgets["obstacles"].value = ""

    def _obstacles_loaded(self, source: bytes | Path, label: str) -> None:
        try:
            profile = read_profile(source)
        except (GluteutilsError, OSError, ValueError) as exc:
            self.message_widgets["obstacles"].value = error_html(
                f"{label} could not be read as an obstacle profile: {exc}"
            )
            return
        obstacles = obstacles_from_profile(profile)
        names = obstacle_names()
        top = _main_obstacles(obstacles)
        focus = f" Main obstacles: {', '.join(top)}." if top else " No obstacle scored."
        unknown = [names.get(o, o) for o in profile.not_checked()]
        if unknown:
            # Not a weakness and not fine: say so, rather than let it pass as a 0.
            focus += (
                f" Not checked by the self-assessment, so given no extra weight: "
                f"{', '.join(unknown)}."
            )
        self._set_obstacles(obstacles, f"Loaded {label} (assessed {profile.assessed_on}).{focus}")
        if profile.pain_now >= PAIN_STOP:
            # a profile saved before the assessment referred such pain, or edited by hand
            where = f" ({profile.pain_where})" if profile.pain_where else ""
            self.message_widgets["obstacles"].value = error_html(
                f"This profile notes pain of {profile.pain_now} out of 10{where}. At {PAIN_STOP} "
                "or more, see a clinician before you start a plan."
            )

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"], default_name="the upload")
        if not files:
            return
        name, content, size = files[0]
        if size > MAX_UPLOAD_BYTES:
            self.message_widgets["obstacles"].value = error_html(
                "That file is over 10 MB; an obstacle profile is a few kilobytes. "
                "Choose the glute-profile CSV file from notebook 03."
            )
            return
        self._obstacles_loaded(content, name)

    def _load_profile_path(self) -> None:
        text = self.profile_path.value.strip()
        if not text:
            self.message_widgets["obstacles"].value = error_html(
                "Type the name of your profile file, for example glute-profile-2025-03-01.csv."
            )
            return
        path = Path(text).expanduser()
        path = path if path.is_absolute() else self.folder / path
        if not path.is_file():
            self.message_widgets["obstacles"].value = error_html(f"No file called {text} here.")
            return
        self._obstacles_loaded(path, path.name)

    # ------------------------------------------------------------------ saved profiles

    def _on_saved_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"], default_name="the upload")
        if files:
            name, content, size = files[0]
            self.load_saved_profile(content, name, size)

    def load_saved_profile(self, content: bytes, label: str, size: int | None = None) -> bool:
        """Fill the form from a plan profile file (what "Upload plan profile" does).

        Parameters
        ----------
        content : bytes
            The file, as :func:`~gluteutils.plan_profile.plan_profile_to_csv`
            writes it (a coach's one-row roster reads too).
        label : str
            The file's name, for messages.
        size : int, optional
            The size the browser reported; defaults to ``len(content)``.

        Returns
        -------
        bool
            Whether the fields were filled; otherwise the status line says why
            and the form is unchanged.
        """
        # imported here: the clinic module (the self-assessment scoring with it) is
        # needed only when a runner uploads a file, not to draw the form
        from .clinic import read_roster

        size = len(content) if size is None else size

        def refuse(message: str) -> bool:
            self.saved_status.value = error_html(message)
            return False

        if size > MAX_UPLOAD_BYTES:
            return refuse("That file is over 10 MB; a plan profile is under a kilobyte.")
        try:
            # the roster reader: a plan profile is a roster of one, and an upload must
            # not make the server open the files its obstacle_profile column names
            roster = read_roster(content, allow_files=False, label=label)
        except DataValidationError as exc:
            reasons = "; ".join(p.in_file() for p in exc.problems[:3])
            return refuse(f"{label} could not be read as a plan profile: {reasons}.")
        except (GluteutilsError, OSError, ValueError) as exc:
            return refuse(f"{label} could not be read as a plan profile: {exc}")
        rows = len(roster.profiles) + len(roster.rejected)
        if rows != 1:
            count = f"{rows} athletes" if rows else "no athlete"
            return refuse(
                f"{label} holds {count}. Upload one runner's plan profile; a coach builds a "
                "whole roster's plans in notebook 07."
            )
        if roster.rejected:
            reasons = " ".join(message for _, message in roster.rejected[0].problems)
            return refuse(f"{label} could not be used: {reasons}")
        self._fill(roster.profiles[0])
        self.saved_status.value = (
            f"<span>Filled in from {escape(label)}: check the start date, then press "
            "<b>Build my plan</b>.</span>"
        )
        return True

    def _fill(self, profile: Profile) -> None:
        values = {
            "athlete": profile.athlete,
            "level": profile.level,
            "start_date": profile.start_date.isoformat(),
            "weeks": str(profile.weeks),
            "activation_minutes": profile.activation_minutes,
            "goal": profile.goal,
            "units": profile.units,
        }
        for name, value in values.items():
            self.inputs[name].value = value
        for boxes, chosen in (
            (self.training_days, profile.training_days),
            (self.run_days, profile.run_days),
            (self.key_run_days, profile.key_run_days),
            (self.equipment, profile.equipment),
        ):
            for code, box in boxes.items():
                box.value = code in chosen
        if profile.obstacles:
            focus = ", ".join(_main_obstacles(profile.obstacles)) or "none scored"
            status = f"Obstacle scores from the plan profile (main obstacles: {focus})."
        else:
            status = "No obstacle profile used."
        self._set_obstacles(profile.obstacles, status)
        for widget in self.message_widgets.values():
            widget.value = ""

    # ------------------------------------------------------------------ building

    def raw_values(self) -> dict[str, object]:
        """Return the fields as :func:`~gluteutils.plan_profile.validate_profile` takes them."""
        raw: dict[str, object] = {name: widget.value for name, widget in self.inputs.items()}
        raw["training_days"] = [c for c, box in self.training_days.items() if box.value]
        raw["run_days"] = [c for c, box in self.run_days.items() if box.value]
        raw["key_run_days"] = [c for c, box in self.key_run_days.items() if box.value]
        raw["equipment"] = [item for item, box in self.equipment.items() if box.value]
        raw["obstacles"] = self.obstacles
        return raw

    def build(self) -> pd.DataFrame | None:
        """Check the fields and build the plan (what the Build button does).

        Returns
        -------
        pandas.DataFrame or None
            The plan, or ``None`` when a field needs fixing.
        """
        profile, messages = validate_profile(self.raw_values(), base_dir=self.folder)
        self.messages = messages
        for name, widget in self.message_widgets.items():
            widget.value = error_html(messages.get(name, ""))
        if profile is None:
            count = len(messages)
            noun = "field needs" if count == 1 else "fields need"
            self.status.value = error_html(f"{count} {noun} fixing; see the red notes above.")
            return None
        plan = build_plan(profile, self.library)
        self.profile, self.plan = profile, plan
        self._show_plan(profile, plan, check_plan(plan))
        return plan

    def _show_plan(self, profile: Profile, plan: pd.DataFrame, problems: list[str]) -> None:
        days = plan["date"].nunique()
        note = "".join(f"<li>{escape(p)}</li>" for p in problems)
        warning = f"<p>Please report these plan problems:</p><ul>{note}</ul>" if problems else ""
        # where the runner's days keep the plan below its sources (one deadlift day a week)
        short = "".join(
            f'<p class="gfr-plan-note">{escape(n)}</p>' for n in plan_notes(plan, profile=profile)
        )
        self.status.value = (
            f'<p class="gfr-plan-done">Plan ready for <b>{escape(profile.athlete)}</b>: '
            f"{profile.weeks} weeks, {days} training days from {profile.start_date:%d %B %Y}."
            f"</p>{short}{warning}"
        )
        summary = weekly_summary(plan).reset_index()
        self.summary.value = "<h4>Sessions and minutes per week</h4>" + table_html(
            summary, "gfr-plan-summary-table"
        )
        self.calendar.value = "<h4>Calendar</h4>" + calendar_html(plan)
        weeks = sorted(int(w) for w in plan["week"].unique())
        self.week.options = [(f"Week {w}", w) for w in weeks]
        self.week.value = weeks[0]
        self._show_week()
        self.downloads.value = self._download_links(plan)
        self.calendar_link.value = ""
        self.save_status.value = ""
        self.result.children = [
            self.summary,
            self.calendar,
            widgets.HTML("<h4>Week by week</h4>"),
            self.week,
            self.week_table,
            widgets.HTML(
                "<h4>Keep your plan</h4><p>On Binder the session and its files are wiped "
                "when it ends: download your plan now.</p>"
            ),
            self.downloads,
            widgets.HBox([self.calendar_button, self.calendar_link]),
            widgets.HBox([self.save_folder, self.save_button]),
            self.save_status,
        ]

    def _show_week(self) -> None:
        if self.plan is not None and self.week.value is not None:
            self.week_table.value = week_table_html(self.plan, int(self.week.value))

    def filename(self, suffix: str) -> str:
        """Return the file name for an export, e.g. ``glute-plan-Ana-2025-03-03.csv``."""
        if self.profile is None:
            raise GluteutilsError("build a plan first")
        stem = safe_filename(f"glute-plan-{self.profile.athlete}-{self.profile.start_date}")
        return f"{stem}{suffix}"

    def exports(self) -> list[tuple[str, str, str, Callable[[pd.DataFrame], bytes]]]:
        """Return the downloads made with every build: (label, suffix, media type, encoder)."""
        return [
            ("Plan for a spreadsheet (CSV)", ".csv", "text/csv", plan_to_csv),
            (
                "Your plan profile, to rebuild this plan or send to your coach (CSV)",
                "-profile.csv",
                "text/csv",
                self._profile_csv,
            ),
            (
                "Printable log sheet (HTML)",
                ".html",
                "text/html",
                lambda plan: plan_to_html(plan).encode("utf-8"),
            ),
        ]

    def _profile_csv(self, plan: pd.DataFrame) -> bytes:
        """Write the profile the plan was built from as a one-row plan profile file."""
        if self.profile is None:
            raise GluteutilsError("build a plan first")
        return plan_profile_to_csv(self.profile)

    def _download_links(self, plan: pd.DataFrame) -> str:
        links = [
            download_link_html(encode(plan), self.filename(suffix), mime, label)
            for label, suffix, mime, encode in self.exports()
        ]
        return " &nbsp;|&nbsp; ".join(links)

    def make_calendar(self) -> str | None:
        """Make the calendar file's download link (the "Make calendar file" button).

        The calendar is made on its own click because writing it takes most of
        the time of a build; the Build button stays quick.

        Returns
        -------
        str or None
            The link's HTML, or ``None`` with a message when there is no plan.
        """
        if self.plan is None:
            self.calendar_link.value = error_html("Build a plan first.")
            return None
        link = download_link_html(
            plan_to_ics(self.plan),
            self.filename(".ics"),
            "text/calendar",
            "Calendar for your phone (.ics)",
        )
        self.calendar_link.value = link
        return link

    def save(self) -> Path | None:
        """Save the plan as CSV into the chosen folder, atomically (the Save button).

        Returns
        -------
        pathlib.Path or None
            Where it was saved, or ``None`` with a message when it could not be.
        """
        if self.plan is None:
            self.save_status.value = error_html("Build a plan first.")
            return None
        folder = Path(self.save_folder.value.strip() or ".").expanduser()
        if not folder.is_dir():
            self.save_status.value = error_html(f"There is no folder called {folder}.")
            return None
        try:
            path = atomic_write_bytes(folder / self.filename(".csv"), plan_to_csv(self.plan))
        except OSError as exc:
            self.save_status.value = error_html(f"Could not save: {exc.strerror or exc}.")
            return None
        # a blank folder is the notebook's own ("in ." read as a typo, with two dots)
        where = "beside this notebook" if folder == Path() else f"in {folder}"
        self.save_status.value = (
            f"<span>Saved {escape(path.name)} {escape(where)}. On Binder, download it too.</span>"
        )
        return path

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display the form when it is the last expression of a cell."""
        return self.widget._repr_mimebundle_(**kwargs)
