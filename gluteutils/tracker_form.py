"""The progress tracker of notebook 06: upload a log or an app export, see summaries and plots.

A thin ipywidgets layer. The runner uploads their training log (the CSV the
logging form writes, read by :func:`gluteutils.log_io.read_log`) or an export of
Strong, Hevy or FitNotes (read by :func:`gluteutils.app_import.import_workouts`).
Exercise names of an export that match no library exercise are listed, each with
a dropdown to pick the library exercise it is; "Apply" imports again with that
mapping. The tracker then shows the log as a table, the summaries of
:mod:`gluteutils.progress` with the figures of :mod:`gluteutils.progress_figures`
(``<img>`` elements with alt text) and the suggestions of
:func:`gluteutils.suggestions.suggest_next_steps` with their sources, and offers
the log as a download.

An upload travels to the kernel in one message, so the tracker takes files up
to 10 MB and says so for a larger one (:mod:`gluteutils.server_extension` lets
such a file arrive); a larger file can be read from a path on the server.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
from matplotlib.figure import Figure

from . import progress
from . import progress_figures as figures
from .display import (
    download_link_html,
    escape,
    figure_png,
    image_html,
    safe_filename,
    table_html,
)
from .errors import GluteutilsError
from .exercises import MUSCLE_LABELS, load_exercises
from .files import DELIMITERS, normalise_header, sniff_delimiter
from .library import cite
from .log_columns import LOG_COLUMNS
from .log_io import MAX_LOG_BYTES, log_to_csv, read_log
from .plan_csv import read_plan
from .radio_group import RadioGroup
from .sample_log import load_sample_log, sample_plan
from .status_line import status_line
from .suggestions import Suggestion, suggest_next_steps
from .upload_button import UploadButton
from .uploads import MAX_UPLOAD_BYTES, uploaded_files
from .widget_look import error_html, form_box, name_control
from .wording import plural

#: Resolution of the plots (lower than the notebook figures: the tracker shows six at once).
FIGURE_DPI = 80
#: Rows of the log shown in its table (the latest ones).
TABLE_ROWS = 15
_LOG_MARKERS = frozenset({"set_key", "exercise_id", "set_type"})
_KIND_LABELS = {
    "stop_and_see_clinician": "Stop and see a clinician",
    "step_back": "Step back",
    "lighter_week": "Lighter week",
    "flag_asymmetry": "Left-right gap",
    "hold": "Hold",
    "progress": "Progress",
}
#: Columns of the log shown in its table, with their headings there.
_SHOWN_COLUMNS = {
    "datetime": "When",
    "exercise_name": "Exercise",
    "set_type": "Set type",
    "set": "Set",
    "side": "Side",
    "reps": "Reps",
    "duration_s": "Seconds",
    "load": "Load",
    "load_unit": "Unit",
    "rpe": "RPE",
    "glute_feel": "Glute feel (0-10)",
    "pain": "Pain (0-10)",
    "notes": "Notes",
    "source": "From",
}

#: Headings of the summary tables, in words and units (the tables keep their names).
_SUMMARY_HEADINGS = {
    "week": "Plan week",
    "week_start": "Week of",
    "planned_sets": "Sets planned",
    "done_sets": "Sets done",
    "moved_sets": "Done on another day",
    "extra_sets": "Sets beyond the plan",
    "adherence_pct": "Done (%)",
    "complete": "Every set done",
    "exercise_id": "Exercise",
    "most_reps": "Most reps",
    "most_reps_date": "Most reps on",
    "longest_hold_s": "Longest hold (s)",
    "longest_hold_date": "Longest hold on",
    "heaviest_kg": "Heaviest (kg)",
    "heaviest_load": "Heaviest as logged",
    "heaviest_unit": "Unit",
    "heaviest_date": "Heaviest on",
    "date": "Date",
    "left": "Left (reps)",
    "right": "Right (reps)",
    "gap_pct": "Gap (%)",
    "weaker": "Weaker side",
    "flagged": "Gap flagged",
    "rated_sets": "Sets rated",
    "mean_feel": "Mean feel (0-10)",
    "rolling_mean": "Rolling mean",
}


def _readable(table: pd.DataFrame) -> pd.DataFrame:
    """Return a summary table as a runner reads it: headings in words, yes or no."""
    shown = table.copy()
    for column in shown.columns:
        if shown[column].dtype == bool:
            shown[column] = shown[column].map({True: "yes", False: "no"})
    return shown.rename(columns=_SUMMARY_HEADINGS)


def is_training_log(data: bytes) -> bool:
    """Whether a file's header is that of our training log (rather than an app export).

    Parameters
    ----------
    data : bytes
        The file's contents (only the start is looked at).

    Returns
    -------
    bool
        True when the first line names ``set_key``, ``exercise_id`` and ``set_type``.
    """
    head = data[:8192]
    codec = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    text = head.decode(codec, errors="ignore")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = sniff_delimiter(first, LOG_COLUMNS, DELIMITERS)
    return {normalise_header(cell) for cell in first.split(delimiter)} >= _LOG_MARKERS


def figure_html(fig: Figure, alt: str) -> str:
    """Return a figure as an ``<img>`` element with escaped alt text.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    alt : str
        What the figure shows, for screen readers.

    Returns
    -------
    str
        ``<img class="gfr-tracker-plot" src="data:image/png;base64,..." alt="...">``.
    """
    with warnings.catch_warnings():
        # A log of a single day or week can leave Matplotlib no room for its layout; the
        # figure still renders, and a runner should not see a warning for it.
        warnings.filterwarnings(
            "ignore", message="constrained_layout not applied", category=UserWarning
        )
        png = figure_png(fig, dpi=FIGURE_DPI)
    return image_html(png, alt, "gfr-tracker-plot")


def _table_html(frame: pd.DataFrame, css: str) -> str:
    return table_html(frame, f"gfr-tracker-table {css}")


@dataclass(frozen=True)
class _Section:
    """One summary: a heading, how to read it, a table and a figure with its alt text."""

    key: str
    title: str
    reading: str
    table: pd.DataFrame
    figure: Callable[[], Figure]
    alt: str


class TrackerApp:
    """See a training log's progress: upload a log or an app export, map names, read the plots.

    Parameters
    ----------
    log : pandas.DataFrame, optional
        A log to show at once (for example the sample log).
    plan : pandas.DataFrame, optional
        The runner's plan, for adherence and the plan's repetition ranges; the
        runner may also upload one.
    library : pandas.DataFrame, optional
        The exercise library; loaded when omitted.
    today : datetime.date, optional
        The day suggestions are made for; by default the day of the last set.
    athlete : str
        Name given to the sets of an app export (exports do not carry one).

    Attributes
    ----------
    log : pandas.DataFrame or None
        The whole log loaded.
    shown : pandas.DataFrame or None
        The sets of the runner shown (a log may hold several runners).
    plan : pandas.DataFrame or None
        The plan used for adherence.
    app : str
        ``"log"`` for our own log file, or the app of the export.
    unmapped : pandas.DataFrame or None
        Exercise names of the last export that matched nothing.
    mapping : dict of str to str
        The runner's own mapping, app name to library exercise id.
    notes : tuple of str
        What the last import said (encoding, rows dropped, ...).
    messages : dict of str to str
        Messages shown (``upload``, ``athlete``, ``plan``, ``path``, ``mapping``).
    sections : dict of str to pandas.DataFrame
        The summary tables shown, by key (``muscles``, ``exercises``,
        ``adherence``, ``bests``, ``bridge``, ``feel``).
    alts : dict of str to str
        The alt text of each figure shown, by the same keys.
    suggestions : list of Suggestion
        The next steps shown.
    """

    def __init__(
        self,
        log: pd.DataFrame | None = None,
        plan: pd.DataFrame | None = None,
        library: pd.DataFrame | None = None,
        today: date | None = None,
        athlete: str = "Me",
    ) -> None:
        self.library = load_exercises() if library is None else library
        self.names = dict(zip(self.library["exercise_id"], self.library["name"], strict=True))
        self.today = today
        self.log: pd.DataFrame | None = None
        self.shown: pd.DataFrame | None = None
        self.plan = plan
        self._plan_is_sample = False
        self.app = ""
        self.source: tuple[bytes, str] | None = None
        self.unmapped: pd.DataFrame | None = None
        self.mapping: dict[str, str] = {}
        self.notes: tuple[str, ...] = ()
        self.messages: dict[str, str] = {}
        self.sections: dict[str, pd.DataFrame] = {}
        self.alts: dict[str, str] = {}
        self.suggestions: list[Suggestion] = []

        self.upload = UploadButton(
            accept=".csv,.txt", multiple=False, description="Upload log or export"
        ).add_class("gfr-tracker-upload")
        self.upload.layout.width = "16em"
        self.upload.observe(self._on_upload, names="value")
        # the name is read on Enter or on leaving the box, not at every key
        self.athlete = widgets.Text(
            value=athlete, continuous_update=False, layout={"width": "14em"}
        ).add_class("gfr-tracker-athlete")
        name_control(self.athlete, "Your name, for the sets of an app export")
        # an export that waits for a name (or carries the old one) is read again
        self.athlete.observe(lambda _: self._import_export(quiet=True), names="value")
        # radio buttons, not toggle buttons, which tell a screen reader neither
        # their group nor which one is chosen
        self.weight_unit = RadioGroup(
            options=[("kg", "kg"), ("lb", "lb")],
            value="kg",
            orientation="horizontal",
            description="Unit of the weights in a Strong export",
            layout={"width": "auto"},
        ).add_class("gfr-tracker-unit")
        self.weight_unit.observe(lambda _: self._import_export(quiet=True), names="value")
        self.path = widgets.Text(placeholder="path/to/export.csv", layout={"width": "20em"})
        self.path.add_class("gfr-tracker-path")
        name_control(self.path, "Name of a larger file next to this notebook")
        self.read_button = widgets.Button(description="Read file").add_class("gfr-tracker-read")
        self.read_button.on_click(lambda _: self.read_path())
        self.sample_button = widgets.Button(description="Try the sample log", icon="eye").add_class(
            "gfr-tracker-sample"
        )
        self.sample_button.layout.width = "14em"
        self.sample_button.on_click(lambda _: self.use_sample())
        self.plan_upload = UploadButton(
            accept=".csv", multiple=False, description="Upload plan"
        ).add_class("gfr-tracker-plan-upload")
        self.plan_upload.observe(self._on_plan_upload, names="value")
        # each message answers one action (an upload, a file read): announced when shown
        self.message_widgets = {
            name: status_line("", "gfr-field-message", f"gfr-tracker-message-{name}")
            for name in ("upload", "athlete", "path", "plan", "mapping")
        }
        self.status = status_line("", "gfr-tracker-status")
        self.notes_html = widgets.HTML().add_class("gfr-tracker-notes")
        self.map_dropdowns: dict[str, widgets.Dropdown] = {}
        self.apply_button = widgets.Button(
            description="Apply", button_style="primary", icon="check"
        ).add_class("gfr-tracker-apply")
        self.apply_button.on_click(lambda _: self.apply_mapping())
        self.mapping_box = widgets.VBox().add_class("gfr-tracker-mapping")
        self.runner = widgets.Dropdown(description="Runner", options=[]).add_class(
            "gfr-tracker-runner"
        )
        self._quiet = False  # set while set_log fills the runner dropdown
        self.runner.observe(lambda _: None if self._quiet else self._show(), names="value")
        self.table = widgets.HTML().add_class("gfr-tracker-log")
        self.summary = widgets.HTML().add_class("gfr-tracker-summary")
        self.advice = widgets.HTML().add_class("gfr-tracker-suggestions")
        self.download = widgets.HTML().add_class("gfr-tracker-download")
        options = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
                        widgets.HTML(
                            "Uploads are limited to 10 MB. Put a larger file next to this "
                            "notebook (drag it into JupyterLab's file browser) and type its "
                            "name. The app view (Voil&agrave;) has no file browser: open this "
                            "notebook in JupyterLab for that (on Binder, the curriculum's "
                            "JupyterLab link)."
                        ),
                        widgets.HBox([self.path, self.read_button, self.message_widgets["path"]]),
                    ]
                )
            ],
            titles=("A large file?",),
        ).add_class("gfr-tracker-large")
        self.widget = form_box(
            [
                widgets.HTML(
                    "<b>Your log</b> (the CSV of the logging form), or an export of Strong, Hevy "
                    "or FitNotes, up to 10 MB (for a larger file, see <i>A large file?</i> "
                    "below):"
                ),
                widgets.HBox([self.upload, self.sample_button, self.message_widgets["upload"]]),
                widgets.HBox(
                    [
                        widgets.HTML("Your name, for the sets of an app export:&nbsp;"),
                        self.athlete,
                        self.message_widgets["athlete"],
                    ]
                ),
                widgets.HBox(
                    [
                        widgets.HTML(
                            "Weights in a Strong export are in (its current format does not "
                            "say):&nbsp;"
                        ),
                        self.weight_unit,
                    ]
                ),
                options,
                widgets.HBox(
                    [
                        widgets.HTML("Your plan (optional, for adherence):&nbsp;"),
                        self.plan_upload,
                        self.message_widgets["plan"],
                    ]
                ),
                self.status,
                self.notes_html,
                self.mapping_box,
                self.runner,
                self.table,
                self.download,
                self.summary,
                self.advice,
            ],
            "gfr-tracker",
        )
        if log is not None:
            self.set_log(log, "log", ("Showing the log given.",))

    # ------------------------------------------------------------------ messages

    def _say(self, name: str, text: str) -> None:
        if text:
            self.messages[name] = text
        else:
            self.messages.pop(name, None)
        self.message_widgets[name].value = error_html(text)

    # ------------------------------------------------------------------ loading

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"], default_name="upload.csv")
        if files:
            name, content, size = files[0]
            self.load_upload(content, name, size)

    def load_upload(self, data: bytes, name: str, size: int | None = None) -> bool:
        """Read an uploaded log or app export (what the upload button does).

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
            Whether anything was imported; otherwise a message says why and the
            log shown is unchanged.
        """
        if (size if size is not None else len(data)) > MAX_UPLOAD_BYTES:
            self._say(
                "upload",
                f"{name} is over 10 MB, the largest upload (it travels to the kernel in one "
                "message). Open 'A large file?' below and read it from a path instead.",
            )
            return False
        return self.load_bytes(data, name)

    def read_path(self) -> bool:
        """Read the file named in the path field (for files too large to upload).

        Returns
        -------
        bool
            Whether anything was imported.
        """
        text = self.path.value.strip()
        if not text:
            self._say("path", "Type the name of the file first.")
            return False
        path = Path(text).expanduser()
        if not path.is_file():
            self._say("path", f"No file called {text} here.")
            return False
        try:
            size = path.stat().st_size
            if size > MAX_LOG_BYTES:
                self._say(
                    "path",
                    f"{path.name} is {size / 1e6:.0f} MB; logs and exports over "
                    f"{MAX_LOG_BYTES / 1e6:.0f} MB are refused.",
                )
                return False
            data = path.read_bytes()
        except OSError as exc:
            self._say("path", f"Could not read {text}: {exc.strerror or exc}.")
            return False
        self._say("path", "")
        return self.load_bytes(data, path.name)

    def load_bytes(self, data: bytes, name: str) -> bool:
        """Import a file's contents: our log, or an app export with the current mapping.

        Parameters
        ----------
        data : bytes
            The file's contents.
        name : str
            The file's name, for messages.

        Returns
        -------
        bool
            Whether anything was imported.
        """
        self._say("upload", "")
        self._say("mapping", "")
        if is_training_log(data):
            try:
                result = read_log(data, filename=name)
            except (GluteutilsError, ValueError) as exc:
                self._say("upload", f"{name} could not be read as a training log: {exc}")
                return False
            self.source, self.unmapped = None, None
            self._show_mapping()
            self._forget_sample_plan()
            self.set_log(result.log, "log", (f"Read {name}.", *result.notes))
            return True
        self.source = (data, name)
        return self._import_export()

    def _import_export(self, quiet: bool = False) -> bool:
        # Imported here: the app readers are large, and only an uploaded export needs them.
        from .app_import import APP_NAMES, import_workouts

        if self.source is None:
            if not quiet:
                self._say("mapping", "Upload an app export first.")
            return False
        data, name = self.source
        if not self.athlete.value.strip():
            self._say(
                "athlete",
                f"Type your name and press Enter: {name} is an app's export, which does not "
                "carry it.",
            )
            return False
        self._say("athlete", "")
        try:
            result = import_workouts(
                data,
                aliases=self.mapping,
                athlete=self.athlete.value.strip(),
                weight_unit=self.weight_unit.value,
                filename=name,
            )
        except (GluteutilsError, ValueError) as exc:
            self._say("upload", f"{name} could not be imported: {exc}")
            return False
        self.unmapped = result.unmapped
        self._show_mapping()
        self._forget_sample_plan()
        app = APP_NAMES.get(result.app, result.app)
        self.set_log(result.log, result.app, (f"Read {name}, an export of {app}.", *result.notes))
        return True

    def use_sample(self) -> None:
        """Show the sample runner's log and plan (simulated example data, not facts)."""
        self.source, self.unmapped = None, None
        self._show_mapping()
        self._say("upload", "")
        self.plan, self._plan_is_sample = sample_plan(self.library), True
        note = "The sample runner's log and plan: simulated example data, not facts."
        self.set_log(load_sample_log(), "log", (note,))

    def _forget_sample_plan(self) -> None:
        """Drop the sample plan when the runner's own file arrives: it is not their plan."""
        if self._plan_is_sample:
            self.plan, self._plan_is_sample = None, False

    def _on_plan_upload(self, change: dict[str, Any]) -> None:
        files = uploaded_files(change["new"], default_name="plan.csv")
        if files:
            name, content, _size = files[0]
            self.load_plan(content, name)

    def load_plan(self, data: bytes, name: str) -> bool:
        """Read an uploaded plan file, for adherence.

        Parameters
        ----------
        data : bytes
            The file's contents.
        name : str
            The file's name.

        Returns
        -------
        bool
            Whether the plan was read.
        """
        if len(data) > MAX_UPLOAD_BYTES:
            self._say("plan", "That file is over 10 MB; a plan file is well under 1 MB.")
            return False
        try:
            self.plan = read_plan(data, filename=name)
            self._plan_is_sample = False
        except GluteutilsError as exc:
            self._say("plan", f"{name} could not be read as a plan: {exc}")
            return False
        self._say("plan", "")
        self._show()
        return True

    # ------------------------------------------------------------------ mapping

    def _show_mapping(self) -> None:
        self.map_dropdowns = {}
        if self.unmapped is None or self.unmapped.empty:
            self.mapping_box.children = []
            return
        options = [("leave it out", ""), *sorted((n, i) for i, n in self.names.items())]
        rows = []
        for index, record in enumerate(self.unmapped.itertuples(index=False)):
            name = str(record.exercise_name)
            dropdown = widgets.Dropdown(
                options=options,
                value=self.mapping.get(name, ""),
                layout={"width": "22em"},
            ).add_class("gfr-tracker-map")
            name_control(dropdown, f"Library exercise for {name}")
            dropdown.add_class(f"gfr-tracker-map-{index}")
            self.map_dropdowns[name] = dropdown
            noun = "set" if int(record.sets) == 1 else "sets"
            rows.append(
                widgets.HBox(
                    [
                        widgets.HTML(
                            f'<span class="gfr-tracker-unmapped-name">{escape(name)}</span> '
                            f"({int(record.sets)} {noun})",
                            layout={"width": "22em"},
                        ),
                        dropdown,
                    ]
                )
            )
        count = len(self.unmapped)
        heading = (
            f"<p><b>{count} exercise name{'s' if count > 1 else ''} matched nothing in the "
            "library.</b> Their sets are not in the log yet. Pick the library exercise each one "
            "is (or leave it out), then press Apply.</p>"
        )
        self.mapping_box.children = [
            widgets.HTML(heading),
            *rows,
            widgets.HBox([self.apply_button, self.message_widgets["mapping"]]),
        ]

    def apply_mapping(self) -> bool:
        """Import the export again with the names picked in the dropdowns (the Apply button).

        Returns
        -------
        bool
            Whether the import ran again.
        """
        picked = {name: d.value for name, d in self.map_dropdowns.items() if d.value}
        self.mapping.update(picked)
        return self._import_export()

    # ------------------------------------------------------------------ showing

    def set_log(self, log: pd.DataFrame, app: str, notes: tuple[str, ...]) -> None:
        """Show ``log``: its table, summaries, plots and suggestions.

        Parameters
        ----------
        log : pandas.DataFrame
            A training log.
        app : str
            Where it came from (``"log"`` or an app).
        notes : tuple of str
            What the import said, shown above the table.
        """
        self.log, self.app, self.notes = log, app, notes
        self.notes_html.value = "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"
        counts = log["athlete"].value_counts(sort=True) if not log.empty else pd.Series()
        runners = [str(a) for a in counts.index]
        self._quiet = True
        try:
            self.runner.options = runners
            self.runner.value = runners[0] if runners else None
        finally:
            self._quiet = False
        self.runner.layout.display = "" if len(runners) > 1 else "none"
        # the whole log, every runner in it: named for the runner only when there is one
        whose = runners[0] if len(runners) == 1 else f"{len(runners)}-runners"
        self.download.value = download_link_html(
            log_to_csv(log),
            safe_filename(f"training-log-{whose if runners else 'empty'}.csv"),
            "text/csv",
            "Download this log (CSV)"
            if len(runners) < 2
            else f"Download this log, all {len(runners)} runners (CSV)",
        )
        self._show()

    def _show(self) -> None:
        if self.log is None:
            return
        runner = self.runner.value
        shown = self.log if runner is None else progress.runner_log(self.log, runner)
        self.shown = shown
        if shown.empty:
            self.status.value = error_html("The log has no sets yet.")
            self.table.value = self.summary.value = self.advice.value = ""
            self.sections, self.alts, self.suggestions = {}, {}, []
            return
        # everything is worked out first and the status line is set last, so a status that
        # names this log means the table, the summaries and the suggestions below are its own
        self.status.value = '<p class="gfr-tracker-working">Working out the summaries...</p>'
        latest = shown.tail(TABLE_ROWS)[list(_SHOWN_COLUMNS)]
        sections = self._sections(shown)
        summary = "".join(
            f'<div class="gfr-tracker-section gfr-tracker-section-{s.key}"><h4>{escape(s.title)}'
            f"</h4><p>{escape(s.reading)}</p>"
            f"{_table_html(_readable(s.table), 'gfr-tracker-summary-table')}"
            f"{figure_html(s.figure(), s.alt)}</div>"
            for s in sections
        )
        self.suggestions = suggest_next_steps(shown, self.plan, self.today, library=self.library)
        self.sections = {s.key: s.table for s in sections}
        self.alts = {s.key: s.alt for s in sections}
        self.table.value = f"<h4>The latest {plural(len(latest), 'set')}</h4>" + _table_html(
            latest.assign(datetime=latest["datetime"].dt.strftime("%Y-%m-%d %H:%M")).rename(
                columns=_SHOWN_COLUMNS
            ),
            "gfr-tracker-log-table",
        )
        self.summary.value = summary
        self.advice.value = self._suggestions_html(self.suggestions)
        first, last = shown["datetime"].min(), shown["datetime"].max()
        sets = plural(len(shown), "set")
        self.status.value = (
            f'<p class="gfr-tracker-loaded">{sets} of <b>{escape(runner)}</b> from '
            f"{first:%d %b %Y} to {last:%d %b %Y}.</p>"
        )

    def _sections(self, log: pd.DataFrame) -> list[_Section]:
        lib = self.library
        muscles = progress.weekly_by_muscle(log, lib)
        exercises = progress.weekly_by_exercise(log, lib)
        bests = progress.personal_bests(log)
        tests = progress.bridge_tests(log)
        feel = progress.glute_feel_trend(log)
        sections = [
            _Section(
                "muscles",
                "Sets per week and muscle",
                "Each set counts once for every main muscle of its exercise.",
                _pivot(muscles, "muscle", MUSCLE_LABELS),
                lambda: figures.weekly_volume_figure(muscles, lib),
                figures.weekly_volume_alt(muscles, lib),
            ),
            _Section(
                "exercises",
                "Sets per week and exercise",
                "How the work is spread over the exercises, week by week.",
                _pivot(exercises, "exercise_id", self.names),
                lambda: figures.weekly_volume_figure(exercises, lib),
                figures.weekly_volume_alt(exercises, lib),
            ),
        ]
        if self.plan is not None and not self.plan.empty:
            adherence = progress.weekly_adherence(log, self.plan)
            sections.append(
                _Section(
                    "adherence",
                    "Sets done of the sets planned, per plan week",
                    "100 % means every planned set was logged that week.",
                    _dated(adherence, ("week_start",)),
                    lambda: figures.adherence_figure(adherence),
                    figures.adherence_alt(adherence),
                )
            )
        sections += [
            _Section(
                "bests",
                "Personal bests",
                "The most repetitions, the longest timed set and the heaviest load per exercise.",
                _dated(
                    bests.assign(exercise_id=bests["exercise_id"].map(self.names)),
                    ("most_reps_date", "longest_hold_date", "heaviest_date"),
                ),
                lambda: figures.personal_bests_figure(bests, lib),
                figures.personal_bests_alt(bests, lib),
            ),
            _Section(
                "bridge",
                "Single-leg bridge test",
                f"Repetitions per side; a gap over {progress.ASYMMETRY_FLAG_PCT} % of the stronger "
                "side is flagged.",
                _dated(tests.round({"gap_pct": 1}), ("date",)),
                lambda: figures.bridge_test_figure(tests),
                figures.bridge_test_alt(tests),
            ),
            _Section(
                "feel",
                "Glute feel",
                "Mean rating per week (0 to 10) and its rolling mean: a rising line means you "
                "feel your glutes working more clearly.",
                _dated(feel.round({"mean_feel": 2, "rolling_mean": 2}), ("week_start",)),
                lambda: figures.glute_feel_figure(feel),
                figures.glute_feel_alt(feel),
            ),
        ]
        return sections

    def _suggestions_html(self, suggestions: list[Suggestion]) -> str:
        if not suggestions:
            return "<h4>Next steps</h4><p>No suggestions yet: log a few sessions first.</p>"
        items = []
        for s in suggestions:
            label = _KIND_LABELS.get(s.kind, s.kind)
            reasons = " ".join(s.reasons)
            cited = "; ".join(cite(source) for source in s.sources)
            items.append(
                f'<li class="gfr-tracker-suggestion gfr-tracker-suggestion-{escape(s.kind)}">'
                f"<b>{escape(label)}:</b> {escape(s.message)}"
                + (f"<br><small>Why: {escape(reasons)}</small>" if reasons else "")
                + (f"<br><small>Source: {escape(cited)}</small>" if cited else "")
                + "</li>"
            )
        return (
            "<h4>Next steps</h4><p>Suggestions from your log. They are education, not medical "
            "advice; pain or a warning sign means stop and see a clinician.</p>"
            f"<ul>{''.join(items)}</ul>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display the tracker when it is the last expression of a cell."""
        return self.widget._repr_mimebundle_(**kwargs)


def _dated(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Show date columns as ``YYYY-MM-DD`` text (empty for a missing date)."""
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].dt.strftime("%Y-%m-%d").fillna("")
    return shown


def _pivot(weekly: pd.DataFrame, by: str, labels: dict[str, str]) -> pd.DataFrame:
    """Pivot weekly sets: a row per week, a column per group, groups by readable name."""
    if weekly.empty:
        return pd.DataFrame({"week_start": []})
    table = weekly.pivot_table(
        index="week_start", columns=by, values="sets", aggfunc="sum", fill_value=0, sort=False
    )
    table.columns = [labels.get(str(c), str(c)) for c in table.columns]
    table.index = table.index.strftime("%Y-%m-%d")
    return table.rename_axis("week_start").reset_index()
