"""The exercise browser of notebook 04: filter the library, read one exercise's card.

A thin ipywidgets layer over :mod:`gluteutils.exercises`. Every filter is a fixed
list of choices, so nothing the runner picks can be invalid; the one message the
form shows is "nothing matches" (or, for an obstacle that no exercise is linked to,
that obstacle's advice). What it showed is kept in attributes
(``filtered``, ``card``, ``message``, ``table_html``, ``card_html``) so tests can
check it without a browser. All text is escaped before it reaches an HTML widget.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import pandas as pd

from .display import escape, table_html
from .exercises import (
    EQUIPMENT_LABELS,
    MUSCLE_LABELS,
    ExerciseCard,
    exercise_card,
    filter_exercises,
    library_table,
    load_exercises,
)
from .library import load_table
from .schema import EQUIPMENT, EXERCISE_CATEGORIES, EXERCISE_LEVELS, MUSCLE_IDS
from .widget_look import form_box

#: Value of a dropdown that does not filter.
ANY = ""

NO_MATCH = (
    "No exercise matches all of these choices. Set a filter back to 'Any', or tick more "
    "of the equipment you have."
)

#: Shown, with the obstacle's advice, for an obstacle that no exercise in the library is
#: linked to (no source ties an exercise to it); other filters cannot help then.
NO_EXERCISE_FOR_OBSTACLE = (
    "No exercise in the library is linked to '{name}': our sources tie none to it. "
    "What helps: {what_helps}"
)


def _dropdown(label: str, options: list[tuple[str, str]], css: str) -> widgets.Dropdown:
    box = widgets.Dropdown(
        options=[("Any", ANY), *options],
        value=ANY,
        description=label,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="360px"),
    )
    box.add_class(css)
    return box


def _list_html(items: tuple[str, ...] | list[str]) -> str:
    if not items:
        return "<p><em>none listed</em></p>"
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def card_html(card: ExerciseCard) -> str:
    """Render an exercise card as HTML, escaping every value.

    Parameters
    ----------
    card : ExerciseCard
        From :func:`gluteutils.exercises.exercise_card`.

    Returns
    -------
    str
        A ``<div class="gfr-exercise-card">`` element.
    """

    def names(pairs: tuple[tuple[str, str], ...]) -> str:
        return escape(", ".join(name for _, name in pairs)) if pairs else "none in the library"

    muscles = escape(", ".join(card.primary_muscles))
    if card.secondary_muscles:
        muscles += f" (also {escape(', '.join(card.secondary_muscles))})"
    if card.emg:
        emg_items = [
            f"{MUSCLE_LABELS[e.muscle]}: {e.percent_mvic:g} % MVIC ({e.citation}"
            f"{', secondary summary' if e.secondary else ''})"
            for e in card.emg
        ]
        emg = _list_html(emg_items)
    else:
        emg = "<p>No published value in our sources.</p>"
    # before the how-to, so a runner reads when to leave it out before trying it
    cautions = (
        f'<div class="gfr-exercise-cautions"><p><b>Take care</b></p>{_list_html(card.cautions)}'
        "</div>"
        if card.cautions
        else ""
    )
    substitute = (
        f"<p><b>No equipment?</b> Do {escape(card.substitute[1])} instead.</p>"
        if card.substitute
        else ""
    )
    return (
        '<div class="gfr-exercise-card">'
        f"<h3>{escape(card.name)}</h3>"
        f"<p><b>Category:</b> {escape(card.category)} &middot; <b>Stage:</b> "
        f"{escape(card.stage)} &middot; <b>Level:</b> {escape(card.level)} &middot; "
        f"<b>Sides:</b> {escape(card.laterality)}</p>"
        f"<p><b>Muscles:</b> {muscles}</p>"
        f"<p><b>Equipment:</b> {escape(', '.join(card.equipment))}</p>"
        f'<p class="gfr-exercise-dose"><b>Dose:</b> {escape(card.dosage)}<br>'
        f"<small>{escape(card.dosage_note)}</small></p>"
        f"{cautions}"
        f"<p><b>How to:</b> {escape(card.how_to)}</p>"
        f"<p><b>Cues</b></p>{_list_html(card.cues)}"
        f"<p><b>Common mistakes</b></p>{_list_html(card.common_mistakes)}"
        f"<p><b>Easier:</b> {names(card.easier)}<br><b>Harder:</b> {names(card.harder)}</p>"
        f"{substitute}"
        f"<p><b>Helps with:</b> {escape(', '.join(card.obstacles))}</p>"
        f"<p><b>Published EMG</b></p>{emg}<p><small>{escape(card.emg_note)}</small></p>"
        f"<p><b>Sources</b></p>{_list_html(card.sources)}"
        "</div>"
    )


class ExerciseBrowser:
    """Filter the exercise library and show a card for one exercise.

    Parameters
    ----------
    library : pandas.DataFrame, optional
        The exercises table; loaded when not given.
    sources, obstacles : pandas.DataFrame, optional
        The sources and obstacles tables; loaded when not given.

    Attributes
    ----------
    obstacle, muscle, level, category : ipywidgets.Dropdown
        Filters; the value ``""`` means any.
    equipment_only : ipywidgets.Checkbox
        Whether to keep only exercises the runner's equipment allows.
    equipment : ipywidgets.SelectMultiple
        The equipment the runner has (used when ``equipment_only`` is ticked).
    exercise : ipywidgets.Dropdown
        Which of the matching exercises the card shows.
    reset : ipywidgets.Button
        Sets every filter back to "Any".
    filtered : pandas.DataFrame
        The rows that match the filters, as last shown.
    card : ExerciseCard or None
        The card last shown (None when nothing matches).
    message : str
        The message last shown ("" when exercises match).
    table_html, card_html : str
        The HTML last put into the table and card widgets.
    widget : ipywidgets.VBox
        The whole browser, ready to display.
    """

    def __init__(
        self,
        library: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        obstacles: pd.DataFrame | None = None,
    ) -> None:
        self.library = load_exercises() if library is None else library
        self.sources = load_table("sources") if sources is None else sources
        self.obstacles = load_table("obstacles") if obstacles is None else obstacles
        self.filtered = self.library
        self.card: ExerciseCard | None = None
        self.message = ""
        self.table_html = ""
        self.card_html = ""
        self._muted = False

        obstacle_options = list(
            zip(self.obstacles["name"], self.obstacles["obstacle_id"], strict=True)
        )
        self.obstacle = _dropdown("Obstacle", obstacle_options, "gfr-exercise-filter-obstacle")
        self.muscle = _dropdown(
            "Main muscle",
            [(MUSCLE_LABELS[m], m) for m in MUSCLE_IDS if m in self._used_muscles()],
            "gfr-exercise-filter-muscle",
        )
        self.level = _dropdown(
            "Level", [(lv, lv) for lv in EXERCISE_LEVELS], "gfr-exercise-filter-level"
        )
        self.category = _dropdown(
            "Category", [(c, c) for c in EXERCISE_CATEGORIES], "gfr-exercise-filter-category"
        )
        self.equipment_only = widgets.Checkbox(
            value=False,
            description="Only exercises I can do with my equipment",
            indent=False,
        ).add_class("gfr-exercise-filter-equipment-only")
        self.equipment = widgets.SelectMultiple(
            options=[(EQUIPMENT_LABELS[e], e) for e in EQUIPMENT if e != "none"],
            value=(),
            rows=6,
            description="I have",
            style={"description_width": "initial"},
        ).add_class("gfr-exercise-filter-equipment")
        # HTML, not Label: a Label stays on one line and is cut off on a narrow screen
        self.equipment_hint = widgets.HTML(
            "Tick what you have (Ctrl or Cmd + click for several). With nothing ticked, only "
            "body-weight exercises are shown."
        ).add_class("gfr-exercise-equipment-hint")
        self.reset = widgets.Button(
            description="Clear filters", icon="undo", tooltip="Set every filter back to Any"
        ).add_class("gfr-exercise-reset")
        self.count = widgets.Label().add_class("gfr-exercise-count")
        self.message_box = widgets.HTML().add_class("gfr-exercise-message")
        self.table = widgets.HTML().add_class("gfr-exercise-table")
        self.exercise = widgets.Dropdown(
            description="Show card for",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="480px", max_width="100%"),  # a phone is narrower
        ).add_class("gfr-exercise-select")
        self.card_box = widgets.HTML().add_class("gfr-exercise-card-box")

        for control in (self.obstacle, self.muscle, self.level, self.category):
            control.observe(self._on_filter, names="value")
        self.equipment_only.observe(self._on_filter, names="value")
        self.equipment.observe(self._on_filter, names="value")
        self.exercise.observe(self._on_select, names="value")
        self.reset.on_click(self._on_reset)

        filters = widgets.VBox(
            [
                widgets.HBox([self.obstacle, self.muscle]),
                widgets.HBox([self.level, self.category]),
                self.equipment_only,
                widgets.HBox([self.equipment, self.equipment_hint]),
                self.reset,
            ]
        ).add_class("gfr-exercise-filters")
        self.widget = form_box(
            [filters, self.count, self.message_box, self.table, self.exercise, self.card_box],
            "gfr-exercise-browser",
        )
        self.refresh()

    def _used_muscles(self) -> set[str]:
        return {m for items in self.library["primary_muscles"] for m in items}

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    def refresh(self) -> None:
        """Apply the current filters and redraw the table and the card."""
        self.filtered = filter_exercises(
            self.library,
            obstacle=self.obstacle.value or None,
            muscle=self.muscle.value or None,
            equipment=self.equipment.value if self.equipment_only.value else None,
            level=self.level.value or None,
            category=self.category.value or None,
        )
        total = len(self.library)
        self.count.value = f"{len(self.filtered)} of {total} exercises match."
        if self.filtered.empty:
            self.message = self._no_match_message()
            self.message_box.value = f'<p class="gfr-exercise-nomatch">{escape(self.message)}</p>'
            self.table_html = ""
        else:
            self.message = ""
            self.message_box.value = ""
            # every cell escaped, so text from the data cannot inject markup
            self.table_html = table_html(
                library_table(self.filtered), "gfr-exercise-list", border=0
            )
        self.table.value = self.table_html
        options = list(zip(self.filtered["name"], self.filtered["exercise_id"], strict=True))
        previous = self.exercise.value
        self.exercise.options = options
        ids = [value for _, value in options]
        # Keep the card on the same exercise when it still matches.
        self.exercise.value = previous if previous in ids else (ids[0] if ids else None)
        self._show_card()

    def _no_match_message(self) -> str:
        """Say why nothing matches: an obstacle no exercise is linked to, or the filters."""
        obstacle = self.obstacle.value
        if obstacle and filter_exercises(self.library, obstacle=obstacle).empty:
            row = self.obstacles.set_index("obstacle_id").loc[obstacle]
            return NO_EXERCISE_FOR_OBSTACLE.format(name=row["name"], what_helps=row["what_helps"])
        return NO_MATCH

    def _show_card(self) -> None:
        chosen = self.exercise.value
        if not chosen:
            self.card = None
            self.card_html = ""
        else:
            self.card = exercise_card(self.library, chosen, self.sources, self.obstacles)
            self.card_html = card_html(self.card)
        self.card_box.value = self.card_html

    def _on_filter(self, change: dict[str, Any]) -> None:
        if not self._muted:
            self.refresh()

    def _on_select(self, change: dict[str, Any]) -> None:
        self._show_card()

    def _on_reset(self, button: widgets.Button) -> None:
        # Mute the observers so the table is redrawn once, not once per filter.
        self._muted = True
        try:
            for control in (self.obstacle, self.muscle, self.level, self.category):
                control.value = ANY
            self.equipment_only.value = False
            self.equipment.value = ()
        finally:
            self._muted = False
        self.refresh()
