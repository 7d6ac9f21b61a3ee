"""gluteutils: the helper package of the Glutes for Runners curriculum.

The curriculum's notebooks import everything they need from here. Data tables
ship inside the package and are loaded and validated by :func:`load_table`;
errors name the file, row and column at fault. Logic is pure functions over
DataFrames and small dataclasses; the ``*_form`` and ``*_browser`` modules are
thin ipywidgets layers over them.
"""

from ._version import __version__
from .assessment import (
    ObstacleProfile,
    ObstacleScore,
    Referral,
    assess,
    check_red_flags,
    obstacle_profile,
    validate_answers,
)
from .assessment_form import SelfAssessmentForm
from .assessment_questions import Answers
from .curriculum import sources_overview
from .display import download_link_html, escape, safe_filename, show_figure
from .environment import check_environment
from .errors import DataNotFoundError, DataValidationError, GluteutilsError, Problem
from .exercise_browser import ExerciseBrowser
from .exercise_figures import emg_figure, emg_figure_alt
from .exercises import (
    ExerciseCard,
    action_plan,
    dosage_text,
    emg_table,
    exercise_card,
    filter_exercises,
    load_exercises,
    routine,
    substitute_for,
)
from .figures import (
    HIP_SCHEMATIC_ALT,
    STRIDE_FIGURE_ALT,
    hip_schematic,
    stride_activity_figure,
    stride_bands_table,
)
from .files import atomic_write_bytes, neutralise_cell, restore_cell
from .library import (
    check_references,
    cite,
    data_dir,
    load_all,
    load_sources,
    load_table,
    read_raw,
    sources_table,
    validate_frame,
)
from .muscles import action_matrix, attachments_table, load_muscles, muscles_table, trouble_table
from .obstacles import load_obstacles, obstacle_names, obstacles_table
from .plan import build_plan, check_plan, daily_minutes, weekly_summary
from .plan_calendar import plan_to_ics
from .plan_columns import PLAN, PLAN_COLUMNS
from .plan_csv import plan_to_csv, read_plan
from .plan_form import PlanForm
from .plan_profile import (
    PLAN_PROFILE,
    Profile,
    obstacles_from_profile,
    plan_profile_to_csv,
    plan_profiles_to_csv,
    read_plan_profile,
    read_plan_profiles,
    validate_profile,
)
from .plan_sheet import plan_to_html
from .plan_views import calendar_alt_text, calendar_figure, calendar_html
from .profile_file import profile_to_csv, read_profile, write_profile
from .profile_report import profile_alt_text, profile_figure, profile_table
from .quiz import Feedback, Question, Score, check_answer, load_questions, score
from .quiz_form import QuizForm
from .schema import SCHEMAS, Column, TableSchema, schema_markdown

__all__ = [
    "HIP_SCHEMATIC_ALT",
    "PLAN",
    "PLAN_COLUMNS",
    "PLAN_PROFILE",
    "SCHEMAS",
    "STRIDE_FIGURE_ALT",
    "Answers",
    "Column",
    "DataNotFoundError",
    "DataValidationError",
    "ExerciseBrowser",
    "ExerciseCard",
    "Feedback",
    "GluteutilsError",
    "ObstacleProfile",
    "ObstacleScore",
    "PlanForm",
    "Problem",
    "Profile",
    "Question",
    "QuizForm",
    "Referral",
    "Score",
    "SelfAssessmentForm",
    "TableSchema",
    "__version__",
    "action_matrix",
    "action_plan",
    "assess",
    "atomic_write_bytes",
    "attachments_table",
    "build_plan",
    "calendar_alt_text",
    "calendar_figure",
    "calendar_html",
    "check_answer",
    "check_environment",
    "check_plan",
    "check_red_flags",
    "check_references",
    "cite",
    "daily_minutes",
    "data_dir",
    "dosage_text",
    "download_link_html",
    "emg_figure",
    "emg_figure_alt",
    "emg_table",
    "escape",
    "exercise_card",
    "filter_exercises",
    "hip_schematic",
    "load_all",
    "load_exercises",
    "load_muscles",
    "load_obstacles",
    "load_questions",
    "load_sources",
    "load_table",
    "muscles_table",
    "neutralise_cell",
    "obstacle_names",
    "obstacle_profile",
    "obstacles_from_profile",
    "obstacles_table",
    "plan_profile_to_csv",
    "plan_profiles_to_csv",
    "plan_to_csv",
    "plan_to_html",
    "plan_to_ics",
    "profile_alt_text",
    "profile_figure",
    "profile_table",
    "profile_to_csv",
    "read_plan",
    "read_plan_profile",
    "read_plan_profiles",
    "read_profile",
    "read_raw",
    "restore_cell",
    "routine",
    "safe_filename",
    "schema_markdown",
    "score",
    "show_figure",
    "sources_overview",
    "sources_table",
    "stride_activity_figure",
    "stride_bands_table",
    "substitute_for",
    "trouble_table",
    "validate_answers",
    "validate_frame",
    "validate_profile",
    "weekly_summary",
    "write_profile",
]
