"""The ``plan`` command: build a plan from a profile file and write its files.

``python -m gluteutils plan --profile PROFILE --out plan.csv [--ics plan.ics]
[--html sheet.html]`` reads a one-row plan profile file
(:func:`gluteutils.plan_profile.read_plan_profile`), builds the plan with
:func:`gluteutils.plan.build_plan` and writes the plan CSV
(:func:`gluteutils.plan_csv.plan_to_csv`) and, when asked, a calendar
(:func:`gluteutils.plan_calendar.plan_to_ics`) and a printable sheet
(:func:`gluteutils.plan_sheet.plan_to_html`). Every file is built first and then
saved atomically, so a failure leaves no half-written file. Any problem with the
input ends in one clear message and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import textwrap
from pathlib import Path

from .errors import GluteutilsError

_DESCRIPTION = textwrap.dedent(
    """\
    Build a glute training plan from a runner's profile and save it as a CSV file
    (opens in Excel, LibreOffice or Google Sheets), and optionally as a calendar
    (.ics) and a printable HTML sheet with boxes to log each set.

    PROFILE is a plan profile CSV with one athlete row, as the plan builder of
    notebook 05 saves it. Columns: athlete, level, start_date, weeks,
    training_days, run_days, key_run_days, activation_minutes, equipment, obstacles,
    obstacle_profile, goal, units (see data/README.md for each one).
    """
)
_EPILOG = textwrap.dedent(
    """\
    example:
      python -m gluteutils plan --profile ana.csv --out ana-plan.csv --ics ana.ics --html ana.html

    Exit status: 0 when every file was written, 1 when the profile or an output
    path is not usable (the message says what to fix), 2 for wrong arguments.
    """
)


def add_plan_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register the ``plan`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The result of ``parser.add_subparsers()`` of ``python -m gluteutils``.
    """
    parser = subparsers.add_parser(
        "plan",
        help="build a training plan from a profile file and save it (CSV, .ics, HTML)",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--profile",
        required=True,
        metavar="PROFILE",
        help="plan profile CSV file with one athlete row",
    )
    parser.add_argument("--out", required=True, metavar="CSV", help="where to save the plan as CSV")
    parser.add_argument("--ics", metavar="ICS", help="also save the plan as an iCalendar file")
    parser.add_argument(
        "--html", metavar="HTML", help="also save a printable HTML sheet for logging sets"
    )
    parser.set_defaults(func=run_plan_command)


def _check_outputs(profile: Path, outputs: list[Path]) -> None:
    """Refuse output paths that would overwrite the profile, each other, or go nowhere."""
    seen: dict[Path, Path] = {profile.resolve(): profile}
    for path in outputs:
        resolved = path.resolve()
        if resolved in seen:
            raise GluteutilsError(f"{path} is given twice (also as {seen[resolved]}); pick another")
        seen[resolved] = path
        if not path.parent.is_dir():
            raise GluteutilsError(f"cannot save {path}: the folder {path.parent} does not exist")
        if path.is_dir():
            raise GluteutilsError(f"cannot save {path}: it is a folder")


def build_plan_files(
    profile_path: str | os.PathLike[str],
    *,
    ics: bool = False,
    html: bool = False,
) -> tuple[dict[str, bytes], str, list[str]]:
    """Read a profile file, build its plan and return the files' bytes.

    Parameters
    ----------
    profile_path : str or path-like
        A plan profile CSV file with one athlete row.
    ics, html : bool
        Whether to include the calendar and the printable sheet.

    Returns
    -------
    files : dict of str to bytes
        ``"csv"`` always, ``"ics"`` and ``"html"`` when asked for.
    summary : str
        One line describing the plan, for example ``"96 prescriptions on 24 days over 8 weeks"``.
    notes : list of str
        What the plan builder says of the plan (:func:`gluteutils.plan.plan_notes`):
        for example a deadlift that comes once a week, or a strength day before a long run.

    Raises
    ------
    GluteutilsError
        If the profile file cannot be read or is not a valid profile
        (a :class:`~gluteutils.errors.DataValidationError` naming every problem).
    """
    # Imported here so ``python -m gluteutils --help`` stays quick and needs no calendar library.
    from .exercises import load_exercises
    from .plan import build_plan, plan_notes
    from .plan_csv import plan_to_csv
    from .plan_profile import read_plan_profile

    path = Path(profile_path)
    try:
        profile = read_plan_profile(path)
    except FileNotFoundError:
        raise GluteutilsError(f"profile file {path} not found") from None
    except IsADirectoryError:
        raise GluteutilsError(f"profile {path} is a folder, not a file") from None
    except OSError as exc:
        raise GluteutilsError(f"cannot read profile file {path}: {exc.strerror}") from None
    library = load_exercises()
    plan = build_plan(profile, library)
    files = {"csv": plan_to_csv(plan)}
    if ics:
        from .plan_calendar import plan_to_ics

        files["ics"] = plan_to_ics(plan)
    if html:
        from .plan_sheet import plan_to_html

        files["html"] = plan_to_html(plan).encode("utf-8")
    days = plan["date"].nunique()
    weeks = int(plan["week"].max()) if len(plan) else 0
    summary = f"{len(plan)} prescriptions on {days} days over {weeks} weeks"
    return files, summary, plan_notes(plan, library, profile)


def run_plan_command(args: argparse.Namespace) -> int:
    """Carry out ``python -m gluteutils plan``.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments: ``profile``, ``out`` and optional ``ics`` and ``html``.

    Returns
    -------
    int
        0 when every file was written.

    Raises
    ------
    GluteutilsError
        With a message for the user: the profile is missing or invalid, or an
        output path cannot be used. ``python -m gluteutils`` prints it and exits
        with status 1.
    """
    from .files import atomic_write_bytes

    profile = Path(args.profile)
    targets = {"csv": Path(args.out)}
    if args.ics:
        targets["ics"] = Path(args.ics)
    if args.html:
        targets["html"] = Path(args.html)
    _check_outputs(profile, list(targets.values()))
    files, summary, notes = build_plan_files(profile, ics="ics" in targets, html="html" in targets)
    for kind, target in targets.items():
        try:
            atomic_write_bytes(target, files[kind])
        except OSError as exc:
            raise GluteutilsError(f"cannot save {target}: {exc.strerror or exc}") from None
        print(f"wrote {target}")
    print(f"plan: {summary}")
    for note in notes:
        print(f"note: {note}")
    return 0
