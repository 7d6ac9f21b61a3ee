"""The clinic app of notebook 07: a roster in, every athlete's plan out, then a group dashboard.

A thin ipywidgets layer over :mod:`gluteutils.clinic`. The coach uploads a
roster (or takes the sample), presses **Build all plans** and watches a
progress bar, reads one summary line per athlete and the rows that were
rejected, and downloads one zip file. Then they upload the athletes' logs and
see the group dashboard as a table and a figure. Everything shown is kept in
attributes (``roster``, ``plans``, ``summary``, ``zip_bytes``, ``messages``,
``dashboard``) so tests can check it without a browser. All user text is
escaped before it reaches an HTML widget.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .browser_clock import BrowserClock
from .clinic import (
    MAX_ROSTER_BYTES,
    RosterImport,
    build_plans,
    load_sample_roster,
    merge_rosters,
    plans_zip,
    read_roster,
    rejected_frame,
    roster_summary,
    roster_template,
    table_csv,
    zip_filename,
)
from .clinic_dashboard import (
    LogsImport,
    dashboard_alt_text,
    dashboard_figure,
    dashboard_overview,
    group_dashboard,
    read_logs,
)
from .clinic_sample import sample_clinic_logs
from .display import download_link_html, escape, figure_png, image_html, table_html
from .errors import DataValidationError
from .exercises import load_exercises
from .status_line import status_line
from .upload_button import UploadButton
from .uploads import MAX_UPLOAD_BYTES, uploaded_files
from .widget_look import error_html, form_box

#: Headings of the summary table, by column of :func:`gluteutils.clinic.roster_summary`.
SUMMARY_HEADINGS = {
    "athlete": "Athlete",
    "level": "Level",
    "start_date": "Start",
    "end_date": "End",
    "weeks": "Weeks",
    "training_days": "Training days",
    "run_days": "Run days",
    "days": "Days with a session",
    "minutes_per_week": "Minutes a week",
    "stages": "Stages (weeks)",
    "focus": "Main obstacles (score)",
    "flags": "Check",
}
#: Headings of the dashboard overview, by column of
#: :func:`gluteutils.clinic_dashboard.dashboard_overview`.
OVERVIEW_HEADINGS = {
    "athlete": "Athlete",
    "weeks_so_far": "Weeks begun",
    "weeks_complete": "Weeks over",
    "adherence_pct": "Planned sets done (%)",
    "last_week_pct": "Last full week (%)",
    "missed_weeks": "Missed weeks",
    "pain_weeks": "Pain flag (weeks)",
    "gap_weeks": "Left-right gap (weeks)",
}
#: Largest upload of logs, all files together (ipywidgets sends them in one message).
MAX_LOGS_UPLOAD_BYTES = MAX_UPLOAD_BYTES
_MAX_SHOWN_PROBLEMS = 20


def _table_html(frame: pd.DataFrame, css: str) -> str:
    """Render a table: every cell escaped, so user text shows as text; missing as blank."""
    return table_html(frame, css, border=0)


#: Said when logs arrive before the plans they are compared with.
_PLANS_FIRST = "Build the plans first: the dashboard compares each log with its plan."


class ClinicApp:
    """Plans for a whole group, and a dashboard of how the group is doing.

    Parameters
    ----------
    library : pandas.DataFrame, optional
        The exercise library; loaded from the package when omitted.
    today : datetime.date, optional
        The day the dashboard counts up to and the zip is named after;
        defaults to the current date on the clock of the page showing the app
        (:class:`~gluteutils.browser_clock.BrowserClock`), not the server's.

    Attributes
    ----------
    roster : RosterImport or None
        The roster last read.
    plans : dict of str to pandas.DataFrame
        The plans last built, by athlete.
    summary : pandas.DataFrame or None
        The summary table last shown (:func:`gluteutils.clinic.roster_summary`).
    zip_bytes : bytes or None
        The zip file offered for download.
    messages : dict of str to str
        The message shown beside each control after the last action
        (``"roster"``, ``"build"``, ``"logs"``); empty when all went well.
    logs : LogsImport or None
        The logs last read (uploaded, or simulated for the sample roster).
    dashboard : pandas.DataFrame or None
        The dashboard last shown (:func:`gluteutils.clinic_dashboard.group_dashboard`).
    overview : pandas.DataFrame or None
        Its one line per athlete, as shown in the table.
    figure_alt : str
        The alt text of the dashboard figure shown.
    """

    def __init__(self, library: pd.DataFrame | None = None, today: date | None = None) -> None:
        self.library = load_exercises() if library is None else library
        self._today = today
        # the coach's day, not the server's (UTC on Binder)
        self.clock = BrowserClock()
        self.roster: RosterImport | None = None
        self.plans: dict[str, pd.DataFrame] = {}
        self.summary: pd.DataFrame | None = None
        self.zip_bytes: bytes | None = None
        self.messages: dict[str, str] = {}
        self.logs: LogsImport | None = None
        self.dashboard: pd.DataFrame | None = None
        self.overview: pd.DataFrame | None = None
        self.figure_alt = ""
        self._sample = False

        # several files at once: a roster, or each athlete's plan profile from notebook 05
        self.roster_upload = UploadButton(
            accept=".csv", multiple=True, description="Upload roster or profiles (CSV)"
        ).add_class("gfr-clinic-roster-upload")
        self.roster_upload.layout.width = "auto"
        self.roster_upload.observe(self._on_roster_upload, names="value")
        self.sample_button = widgets.Button(
            description="Use the sample roster", icon="users", layout={"width": "auto"}
        ).add_class("gfr-clinic-sample-button")
        self.sample_button.on_click(lambda _: self.use_sample())
        # the one-line results and messages are announced (status lines); their notes,
        # lists and tables sit beside them in plain HTML, read when a person gets there
        self.roster_message = status_line("", "gfr-clinic-roster-message")
        self.roster_status = status_line("", "gfr-clinic-roster-status")
        self.roster_notes = widgets.HTML().add_class("gfr-clinic-roster-notes")
        self.rejected = widgets.HTML().add_class("gfr-clinic-rejected")
        self.templates = widgets.HTML(
            "Templates for your own roster: "
            + download_link_html(
                roster_template(), "roster-template.csv", "text/csv", "with scores"
            )
            + " | "
            + download_link_html(
                roster_template(with_answers=True),
                "roster-template-answers.csv",
                "text/csv",
                "with self-assessment answers",
            )
        ).add_class("gfr-clinic-templates")

        self.build_button = widgets.Button(
            description="Build all plans", button_style="primary", icon="calendar"
        ).add_class("gfr-clinic-build-button")
        self.build_button.on_click(lambda _: self.build())
        self.progress = widgets.IntProgress(
            value=0, min=0, max=1, description="Plans", bar_style="info"
        ).add_class("gfr-clinic-progress")
        self.build_message = status_line("", "gfr-clinic-build-message")
        self.build_status = status_line("", "gfr-clinic-build-status")
        self.summary_table = widgets.HTML().add_class("gfr-clinic-summary")
        self.download = widgets.HTML().add_class("gfr-clinic-download")

        self.logs_upload = UploadButton(
            accept=".csv,.zip", multiple=True, description="Upload logs (CSV or zip)"
        ).add_class("gfr-clinic-logs-upload")
        self.logs_upload.layout.width = "auto"
        self.logs_upload.observe(self._on_logs_upload, names="value")
        self.sample_logs_button = widgets.Button(
            description="Try simulated logs (sample roster)", layout={"width": "auto"}
        ).add_class("gfr-clinic-sample-logs-button")
        self.sample_logs_button.on_click(lambda _: self.use_sample_logs())
        self.logs_message = status_line("", "gfr-clinic-logs-message")
        self.logs_status = status_line("", "gfr-clinic-logs-status")
        self.logs_details = widgets.HTML().add_class("gfr-clinic-logs-details")
        self.dashboard_table = widgets.HTML().add_class("gfr-clinic-dashboard")
        self.dashboard_image = widgets.HTML().add_class("gfr-clinic-dashboard-figure")
        self.dashboard_download = widgets.HTML().add_class("gfr-clinic-dashboard-download")

        self.widget = form_box(
            [
                widgets.HTML("<h4>1. The roster</h4>"),
                widgets.HBox([self.roster_upload, self.sample_button, self.roster_message]),
                self.templates,
                self.roster_status,
                self.roster_notes,
                self.rejected,
                widgets.HTML("<h4>2. Every athlete's plan</h4>"),
                widgets.HBox([self.build_button, self.progress, self.build_message]),
                self.build_status,
                self.summary_table,
                self.download,
                widgets.HTML(
                    "<h4>3. The group dashboard</h4><p>Upload the athletes' training logs "
                    "(from notebook 06, or exports of Strong, Hevy or FitNotes named after "
                    "the athlete): several CSV files, or one zip.</p>"
                ),
                widgets.HBox([self.logs_upload, self.sample_logs_button, self.logs_message]),
                self.logs_status,
                self.logs_details,
                self.dashboard_table,
                self.dashboard_image,
                self.dashboard_download,
                self.clock,
            ],
            "gfr-clinic-app",
        )

    @property
    def today(self) -> date:
        """The day the app counts up to (fixed in tests, otherwise today on the page's clock)."""
        return self._today or self.clock.now().date()

    # ------------------------------------------------------------------ the roster

    def _on_roster_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"])
        if not files:
            return
        # Forget the upload once read: its content would otherwise sit in the widget state.
        self.roster_upload.value = ()
        self.read_files([(name, content) for name, content, _ in files], [s for *_, s in files])

    def read_files(
        self, files: Sequence[tuple[str, bytes]], sizes: Sequence[int] | None = None
    ) -> RosterImport | None:
        """Read one roster, or several files as one roster (what an upload does).

        Parameters
        ----------
        files : sequence of (str, bytes)
            Each file's name and contents: a roster, or one athlete's plan
            profile each (:func:`gluteutils.clinic.merge_rosters`).
        sizes : sequence of int, optional
            The sizes the browser reported; by default the contents' lengths.

        Returns
        -------
        RosterImport or None
            The athletes of every file that could be read; ``None`` with a
            message when none could. A file that cannot be read is named in the
            message beside the upload, and the others are still read.
        """
        parts: list[RosterImport] = []
        failed: list[str] = []
        for i, (name, content) in enumerate(files):
            size = sizes[i] if sizes is not None else len(content)
            if size > MAX_ROSTER_BYTES or len(content) > MAX_ROSTER_BYTES:
                failed.append(
                    f"{name} is {size / 1e6:.1f} MB; a roster over 10 MB is refused. A roster "
                    "of a few hundred athletes is well under 1 MB: check that you chose the "
                    "right file."
                )
                continue
            try:
                parts.append(read_roster(content, allow_files=False, label=name))
            except DataValidationError as exc:
                # the file is named once, at the start of the message
                shown = [p.in_file() for p in exc.problems[:_MAX_SHOWN_PROBLEMS]]
                failed.append(f"{name} could not be read: " + "; ".join(shown) + ".")
        if not parts:
            self._roster_failed(" ".join(failed) or "No file was chosen.")
            return None
        roster = merge_rosters(parts)
        self._show_roster(roster, parts[0].label if len(parts) == 1 else roster.label)
        if failed:
            self.messages = {"roster": " ".join(failed)}
            self.roster_message.value = error_html(" ".join(failed))
        return roster

    def use_sample(self) -> RosterImport:
        """Read the sample roster shipped with the curriculum (the sample button).

        Returns
        -------
        RosterImport
            Twelve made-up athletes.
        """
        roster = load_sample_roster()
        self._show_roster(roster, "the sample roster")
        self._sample = True
        return roster

    def read(self, content: bytes, name: str = "roster.csv") -> RosterImport | None:
        """Read a roster's bytes and show what was found (what an upload does).

        Parameters
        ----------
        content : bytes
            The roster file.
        name : str
            Its file name, for messages.

        Returns
        -------
        RosterImport or None
            ``None`` with a message when nothing could be read.
        """
        return self.read_files([(name, content)])

    def _roster_failed(self, text: str) -> None:
        self.messages = {"roster": text}
        self.roster_message.value = error_html(text)
        self.roster = None
        self._forget_plans()
        self.roster_status.value = self.roster_notes.value = ""
        self.rejected.value = ""

    def _show_roster(self, roster: RosterImport, name: str) -> None:
        self.messages = {}
        self.roster = roster
        self._sample = False
        self._forget_plans()
        self.roster_message.value = ""
        count, bad = len(roster.profiles), len(roster.rejected)
        text = (
            f"Read {escape(name)}: <b>{count}</b> athlete{'' if count == 1 else 's'} ready"
            + (f", <b>{bad}</b> row{'' if bad == 1 else 's'} rejected (see below)" if bad else "")
            + ". Press <b>Build all plans</b>."
        )
        notes = "".join(f"<li>{escape(n)}</li>" for n in roster.notes)
        self.roster_status.value = f'<p class="gfr-clinic-roster-read">{text}</p>'
        self.roster_notes.value = f"<ul>{notes}</ul>" if notes else ""
        if roster.rejected:
            table = rejected_frame(roster.rejected).rename(columns=str.capitalize)
            self.rejected.value = (
                "<p><b>Rows without a plan.</b> Fix them in the spreadsheet and upload the "
                "roster again; the other athletes are not affected.</p>"
                + _table_html(table, "gfr-clinic-rejected-table")
            )
        else:
            self.rejected.value = ""

    def _forget_plans(self) -> None:
        self.plans, self.summary, self.zip_bytes = {}, None, None
        self._forget_dashboard()
        self.progress.value = 0
        self.build_message.value = ""
        self.build_status.value = ""
        self.summary_table.value = ""
        self.download.value = ""

    # ------------------------------------------------------------------ the plans

    def _tick(self, done: int, total: int, athlete: str) -> None:
        self.progress.value = done
        self.progress.description = f"{done} of {total}"

    def build(self) -> dict[str, pd.DataFrame]:
        """Build every athlete's plan and offer the zip (the Build button).

        Returns
        -------
        dict of str to pandas.DataFrame
            The plans by athlete; empty, with a message, when there is no roster.
        """
        if self.roster is None or not self.roster.profiles:
            text = (
                "Upload a roster or press 'Use the sample roster' first."
                if self.roster is None
                else "The roster has no athlete with a good row; fix the rows listed above."
            )
            self.messages = {**self.messages, "build": text}
            self.build_message.value = error_html(text)
            return {}
        self.messages.pop("build", None)
        self.build_message.value = ""
        if self.messages.get("logs") == _PLANS_FIRST:  # done now: the note would mislead
            self.messages.pop("logs")
            self.logs_message.value = ""
        profiles = self.roster.profiles
        self.progress.max = len(profiles)
        self.progress.value = 0
        self.progress.bar_style = "info"
        self.plans = build_plans(profiles, self.library, progress=self._tick)
        self.progress.bar_style = "success"
        self.summary = roster_summary(profiles, self.plans)
        self.zip_bytes = plans_zip(profiles, self.plans)
        shown = self.summary.rename(columns=SUMMARY_HEADINGS)
        self.build_status.value = (
            f'<p class="gfr-clinic-built">Built {len(self.plans)} plan'
            f"{'' if len(self.plans) == 1 else 's'}: one line per athlete below.</p>"
        )
        self.summary_table.value = _table_html(shown, "gfr-clinic-summary-table")
        self.download.value = (
            "<p><b>Keep the plans.</b> On Binder everything is wiped when the session ends: "
            "download the zip now. It holds a folder per athlete with the plan as a "
            "spreadsheet (CSV) and a calendar (.ics), and the summary above as "
            "roster_summary.csv.</p>"
            + download_link_html(
                self.zip_bytes,
                zip_filename(self.today),
                "application/zip",
                f"Download all {len(self.plans)} plans (zip)",
            )
        )
        return self.plans

    # ------------------------------------------------------------------ the dashboard

    def _forget_dashboard(self) -> None:
        self.logs, self.dashboard, self.overview, self.figure_alt = None, None, None, ""
        for widget in (
            self.logs_message,
            self.logs_status,
            self.logs_details,
            self.dashboard_table,
            self.dashboard_image,
            self.dashboard_download,
        ):
            widget.value = ""

    def _logs_failed(self, text: str) -> None:
        self._forget_dashboard()
        self.messages = {**self.messages, "logs": text}
        self.logs_message.value = error_html(text)

    def _built_roster(self) -> RosterImport | None:
        """Return the roster whose plans are built, or say that the plans come first."""
        if self.plans and self.roster is not None:
            return self.roster
        self._logs_failed(_PLANS_FIRST)
        return None

    def _on_logs_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"])
        if not files:
            return
        self.logs_upload.value = ()  # read once; keep no copy in the widget state
        self.read_logs([(name, content) for name, content, _size in files], files)

    def read_logs(
        self,
        files: list[tuple[str, bytes]],
        sizes: list[tuple[str, bytes, int]] | None = None,
    ) -> LogsImport | None:
        """Read uploaded logs and show the dashboard (what an upload of logs does).

        Parameters
        ----------
        files : list of (str, bytes)
            File names and contents: CSV files or zips of them.
        sizes : list of (str, bytes, int), optional
            The upload's own record of each file's size, checked first.

        Returns
        -------
        LogsImport or None
            ``None`` with a message when there are no plans or nothing was usable.
        """
        self.messages.pop("logs", None)
        roster = self._built_roster()
        if roster is None:
            return None
        total = sum(size for _n, _c, size in sizes) if sizes else 0
        total = max(total, sum(len(content) for _name, content in files))
        if total > MAX_LOGS_UPLOAD_BYTES:
            self._logs_failed(
                f"These files add up to {total / 1e6:.1f} MB; uploads over 10 MB are refused. "
                "Upload them in smaller groups, or zip them first (logs zip well)."
            )
            return None
        found = read_logs(files, list(roster.athletes), library=self.library, today=self.today)
        if not found.logs:
            # the files' own problems, then why readable sets were left out (a name
            # not on the roster, such as an app import saved under "Me")
            reasons = [f"{name} {message}" for name, message in found.problems]
            reasons += list(found.notes)
            listed = "; ".join(reasons[:5]) or "the files hold no sets"
            self._logs_failed(f"No training log could be used: {listed}")
            return None
        count = len(found.files)
        self._show_dashboard(roster, found, f"{count} file{'' if count == 1 else 's'}")
        return found

    def use_sample_logs(self) -> LogsImport | None:
        """Show the dashboard with simulated logs of the sample roster (example data).

        Returns
        -------
        LogsImport or None
            ``None`` with a message unless the sample roster's plans are built.
        """
        self.messages.pop("logs", None)
        roster = self._built_roster()
        if roster is None:
            return None
        if not self._sample:
            self._logs_failed(
                "Simulated logs exist only for the sample roster: press 'Use the sample "
                "roster', build the plans, then try again."
            )
            return None
        starts = {p.athlete: p.start_date for p in roster.profiles}
        logs = sample_clinic_logs(self.plans, starts)
        files = pd.DataFrame(
            {
                "file": ["simulated"] * len(logs),
                "kind": ["simulated log"] * len(logs),
                "athletes": list(logs),
                "sets": [len(log) for log in logs.values()],
            }
        )
        found = LogsImport(logs, files, (), ("Simulated example data, not real athletes.",))
        self._show_dashboard(roster, found, "simulated logs of the sample roster (example data)")
        return found

    def _show_dashboard(self, roster: RosterImport, found: LogsImport, what: str) -> None:
        self.logs = found
        self.logs_message.value = ""
        starts = {p.athlete: p.start_date for p in roster.profiles}
        dashboard = group_dashboard(found.logs, self.plans, self.today, starts)
        self.dashboard = dashboard
        self.overview = dashboard_overview(dashboard)
        sets = sum(len(log) for log in found.logs.values())
        missing = [a for a in self.plans if a not in found.logs]
        status = [
            f'<p class="gfr-clinic-logs-read">Read {escape(what)}: <b>{sets}</b> '
            f"set{'' if sets == 1 else 's'} of "
            f"<b>{len(found.logs)}</b> athlete{'' if len(found.logs) == 1 else 's'}, counted "
            f"up to {self.today:%d %B %Y}.</p>"
        ]
        if missing:
            status.append(
                "<p>No log for: " + escape(", ".join(missing)) + " (their weeks count as "
                "nothing logged).</p>"
            )
        if found.problems:
            problems = pd.DataFrame(list(found.problems), columns=["File", "Problem"])
            status.append(
                "<p><b>Files not used</b> (the others were read):</p>"
                + _table_html(problems, "gfr-clinic-logs-problems")
            )
        if found.notes:
            notes = "".join(f"<li>{escape(n)}</li>" for n in found.notes[:_MAX_SHOWN_PROBLEMS])
            status.append(f'<ul class="gfr-clinic-logs-notes">{notes}</ul>')
        self.logs_status.value = status[0]
        self.logs_details.value = "".join(status[1:])
        flagged = dashboard.loc[
            dashboard["flags"] != "", ["athlete", "week", "week_start", "flags"]
        ]
        flagged = flagged.assign(week_start=flagged["week_start"].dt.date).rename(
            columns={"athlete": "Athlete", "week": "Week", "week_start": "From", "flags": "Flags"}
        )
        self.dashboard_table.value = (
            "<p><b>One line per athlete.</b> Planned sets done in the plan weeks that are "
            "over (a set moved to another day of the same week still counts); the week in "
            "progress shows in the figure.</p>"
            + _table_html(self.overview.rename(columns=OVERVIEW_HEADINGS), "gfr-clinic-overview")
            + (
                "<p><b>Weeks that need a look.</b> Pain of 4 or more out of 10: that exercise "
                "stops and the athlete sees a clinician.</p>"
                + _table_html(flagged, "gfr-clinic-flags")
                if len(flagged)
                else "<p>No week is flagged.</p>"
            )
        )
        self.figure_alt = dashboard_alt_text(dashboard)
        self.dashboard_image.value = image_html(
            figure_png(dashboard_figure(dashboard)), self.figure_alt, "gfr-clinic-heatmap"
        )
        self.dashboard_download.value = download_link_html(
            table_csv(dashboard),
            f"clinic-dashboard-{self.today.isoformat()}.csv",
            "text/csv",
            "Download the dashboard, week by week (CSV)",
        )

    def zip_link_payload(self) -> bytes:
        """Return the bytes behind the zip download link (for tests and scripts)."""
        value = self.download.value
        start = value.index("base64,") + len("base64,")
        return base64.b64decode(value[start : value.index('"', start)])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display the app when it is the last expression of a cell."""
        return self.widget._repr_mimebundle_(**kwargs)
