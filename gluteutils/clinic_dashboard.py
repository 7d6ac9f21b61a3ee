"""The clinic's group dashboard: the athletes' logs against their plans, week by week.

:func:`read_logs` reads the logs a coach collects (several CSV files, or one
zip of them): the curriculum's own log files and the exports of the Strong,
Hevy and FitNotes apps, and sorts the sets by athlete. :func:`group_dashboard`
compares each athlete's log with their plan and gives one row per athlete and
plan week with three flags a coach should act on:

``pain``
    A set logged with pain at or above
    :data:`~gluteutils.assessment_questions.PAIN_STOP` of 10: the athlete should stop
    that exercise and see a clinician (the curriculum's safety rule, a planning
    threshold; Prince advises a physical therapist when the glutes will not do
    their job, ``prince_uesca``).
``gap``
    A left-right difference over
    :data:`~gluteutils.progress.ASYMMETRY_FLAG_PCT` % of the stronger side,
    in a single-leg bridge test (notebook 03) or in the repetitions (or
    seconds) of a one-sided exercise that week. A planning threshold: a lower
    right-leg bridge score went with a later right hamstring injury in
    Freckleton et al. 2014 (``freckleton_2014``), who gave no cut-off.
``missed``
    A plan week that is over with no set logged at all.

Adherence is :func:`gluteutils.progress.weekly_adherence`: the share of the
planned sets done, an exercise matched within its plan week, so a session moved
to another day of the same week still counts. :func:`dashboard_figure` draws
the table as a heatmap, athletes by plan week, with the flags marked by letters
(not by colour alone); :func:`dashboard_alt_text` describes it in words.
"""

from __future__ import annotations

import codecs
import csv
import io
import lzma
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from .assessment_questions import PAIN_STOP
from .clinic import folder_names
from .contrast import text_colour_on
from .display import safe_filename
from .errors import DataValidationError
from .exercises import load_exercises
from .files import (
    detect_encoding,
    file_error,
    normalise_header,
    sniff_delimiter,
)
from .log_io import MAX_LOG_BYTES, normalise_log, read_log
from .plan_profile import clean_athlete
from .progress import (
    ASYMMETRY_FLAG_PCT,
    BRIDGE_TEST_EXERCISE,
    bridge_tests,
    gap_pct,
    is_asymmetric,
    plan_start,
    planned_sets,
    weekly_adherence,
)
from .wording import plural

#: Columns of :func:`group_dashboard`.
DASHBOARD_COLUMNS = (
    "athlete",
    "week",
    "week_start",
    "planned_sets",
    "done_sets",
    "adherence_pct",
    "logged_sets",
    "complete",
    "max_pain",
    "pain_flag",
    "gap_pct",
    "gap_flag",
    "missed",
    "flags",
)
#: Columns of :func:`dashboard_overview`.
OVERVIEW_COLUMNS = (
    "athlete",
    "weeks_so_far",
    "weeks_complete",
    "adherence_pct",
    "last_week_pct",
    "missed_weeks",
    "pain_weeks",
    "gap_weeks",
)
#: Letters marking the flags in the figure's cells.
FLAG_LETTERS = {"pain_flag": "P", "gap_flag": "G", "missed": "M"}

_DTYPES = {
    "athlete": "object",
    "week": "int64",
    "week_start": "datetime64[ns]",
    "planned_sets": "int64",
    "done_sets": "int64",
    "adherence_pct": "float64",
    "logged_sets": "int64",
    "complete": "bool",
    "max_pain": "Int64",
    "pain_flag": "bool",
    "gap_pct": "float64",
    "gap_flag": "bool",
    "missed": "bool",
    "flags": "object",
}


def _empty_dashboard() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([], dtype=_DTYPES[c]) for c in DASHBOARD_COLUMNS},
        columns=list(DASHBOARD_COLUMNS),
    )


def _side_gaps(log: pd.DataFrame, weeks: np.ndarray, names: Mapping[str, str]) -> dict[int, tuple]:
    """Largest left-right gap of a one-sided exercise per week: ``{week: (gap, label)}``.

    ``weeks`` holds the plan week of each row of ``log``.
    """
    side = log["side"].to_numpy(dtype=object)
    sided = ((side == "left") | (side == "right")) & (log["set_type"] == "working").to_numpy(
        dtype=bool, na_value=False
    )
    codes, exercises = pd.factorize(log["exercise_id"].to_numpy(dtype=object)[sided], sort=True)
    if not (codes >= 0).any():
        return {}
    # Repetitions, or seconds for a timed set, added up per week, exercise and side.
    reps = log["reps"].to_numpy(dtype="float64", na_value=np.nan)[sided]
    seconds = log["duration_s"].to_numpy(dtype="float64", na_value=np.nan)[sided]
    amount = np.nan_to_num(np.where(np.isnan(reps), seconds, reps))
    right = side[sided] == "right"
    n, grouped = len(exercises), codes >= 0
    keys, row_key = np.unique(weeks[sided][grouped] * n + codes[grouped], return_inverse=True)
    lefts = np.bincount(row_key, weights=np.where(right, 0.0, amount)[grouped], minlength=len(keys))
    rights = np.bincount(
        row_key, weights=np.where(right, amount, 0.0)[grouped], minlength=len(keys)
    )
    found: dict[int, tuple] = {}
    # Keys sort by week, then exercise id: the first exercise with the largest gap is named.
    for key, left, right_total in zip(keys.tolist(), lefts.tolist(), rights.tolist(), strict=True):
        if not is_asymmetric(left, right_total):
            continue
        week, code = divmod(key, n)
        gap = gap_pct(left, right_total)
        if gap > found.get(week, (-1.0, ""))[0]:
            found[week] = (gap, f"{names.get(exercises[code], exercises[code])} sets")
    return found


def _bridge_gaps(log: pd.DataFrame, start: date) -> dict[int, tuple]:
    """Largest flagged bridge-test gap per plan week: ``{week: (gap, label)}``."""
    if not (log["exercise_id"] == BRIDGE_TEST_EXERCISE).any():
        return {}  # most logs hold no test: skip building an empty table
    tests = bridge_tests(log)
    tests = tests[tests["flagged"]]
    found: dict[int, tuple] = {}
    for day, gap in zip(tests["date"], tests["gap_pct"], strict=True):
        week = (pd.Timestamp(day) - pd.Timestamp(start)).days // 7 + 1
        if gap > found.get(week, (-1.0, ""))[0]:
            found[week] = (float(gap), "single-leg bridge test")
    return found


def _flag_text(row: Mapping[str, object], gap_label: str) -> str:
    flags = []
    if row["pain_flag"]:
        flags.append(f"pain {int(row['max_pain'])}/10: stop that exercise and see a clinician")
    if row["gap_flag"]:
        flags.append(f"left-right gap {row['gap_pct']:.0f}% ({gap_label})")
    if row["missed"]:
        flags.append("missed week: nothing logged")
    return "; ".join(flags)


def athlete_dashboard(
    athlete: str,
    log: pd.DataFrame | None,
    plan: pd.DataFrame,
    today: date,
    start: date | None = None,
    exercise_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return one athlete's rows of the group dashboard (see :func:`group_dashboard`).

    Parameters
    ----------
    athlete : str
        The athlete's name.
    log : pandas.DataFrame or None
        Their log (the columns of :data:`~gluteutils.log_columns.LOG_COLUMNS`),
        or ``None`` when they sent none.
    plan : pandas.DataFrame
        Their plan.
    today : datetime.date
        The last day counted.
    start : datetime.date, optional
        The first day of plan week 1 (the profile's start date); by default
        :func:`gluteutils.progress.plan_start`.
    exercise_names : mapping of str to str, optional
        Exercise names by id, for the flags; loaded when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DASHBOARD_COLUMNS`, one row per plan week begun by ``today``.
    """
    if plan.empty:
        return _empty_dashboard()
    first = start if start is not None else plan_start(plan)
    plan_weeks, row_week = np.unique(plan["week"].to_numpy(dtype="int64"), return_inverse=True)
    planned = np.bincount(
        row_week, weights=planned_sets(plan).to_numpy(), minlength=len(plan_weeks)
    )
    begun = [w for w in plan_weeks.tolist() if first + timedelta(days=7 * (w - 1)) <= today]
    if not begun:
        return _empty_dashboard()
    starts = [first + timedelta(days=7 * (w - 1)) for w in begun]
    # Columns as plain lists and arrays, one frame at the end: this runs once per athlete.
    done = [0] * len(begun)
    logged = [0] * len(begun)
    pain: list[int | None] = [None] * len(begun)
    gaps: dict[int, tuple] = {}
    if log is not None and not log.empty:
        adherence = weekly_adherence(log, plan, until=today, start=first)
        done_by_week = dict(
            zip(adherence["week"].tolist(), adherence["done_sets"].tolist(), strict=True)
        )
        done = [done_by_week.get(w, 0) for w in begun]
        days = log["datetime"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        in_range = ~np.isnat(days) & (days <= np.datetime64(today, "D"))
        counted = log[in_range]
        weeks = (days[in_range] - np.datetime64(first, "D")).astype("int64") // 7 + 1
        pains = counted["pain"].to_numpy(dtype="float64", na_value=np.nan)
        for i, week in enumerate(begun):
            this_week = weeks == week
            logged[i] = int(np.count_nonzero(this_week))
            rated = pains[this_week & ~np.isnan(pains)]
            pain[i] = int(rated.max()) if rated.size else None
        names = exercise_names if exercise_names is not None else _names()
        gaps = _side_gaps(counted, weeks, names)
        for week, found in _bridge_gaps(counted, first).items():
            if found[0] >= gaps.get(week, (-1.0, ""))[0]:
                gaps[week] = found
    planned_week = planned[np.searchsorted(plan_weeks, begun)].astype("int64")
    done_sets = np.array(done, dtype="int64")
    complete = [day + timedelta(days=6) <= today for day in starts]
    rows = [
        {
            "pain_flag": p is not None and p >= PAIN_STOP,
            "max_pain": p,
            "gap_flag": w in gaps,
            "gap_pct": gaps.get(w, (np.nan, ""))[0],
            "missed": c and n == 0,
        }
        for w, p, c, n in zip(begun, pain, complete, logged, strict=True)
    ]
    return pd.DataFrame(
        {
            "athlete": pd.Series([athlete] * len(begun), dtype=object),
            "week": np.array(begun, dtype="int64"),
            "week_start": np.array(starts, dtype="datetime64[D]").astype("datetime64[ns]"),
            "planned_sets": planned_week,
            "done_sets": done_sets,
            "adherence_pct": np.where(
                planned_week > 0,
                np.round(100.0 * done_sets / np.maximum(planned_week, 1), 1),
                np.nan,
            ),
            "logged_sets": np.array(logged, dtype="int64"),
            "complete": np.array(complete, dtype=bool),
            "max_pain": pd.array(pain, dtype="Int64"),
            "pain_flag": np.array([r["pain_flag"] for r in rows], dtype=bool),
            "gap_pct": np.array([r["gap_pct"] for r in rows], dtype="float64"),
            "gap_flag": np.array([r["gap_flag"] for r in rows], dtype=bool),
            "missed": np.array([r["missed"] for r in rows], dtype=bool),
            "flags": pd.Series(
                [
                    _flag_text(r, gaps.get(w, (0.0, ""))[1])
                    for r, w in zip(rows, begun, strict=True)
                ],
                dtype=object,
            ),
        },
        columns=list(DASHBOARD_COLUMNS),
    )


def _names() -> dict[str, str]:
    library = load_exercises()
    return dict(zip(library["exercise_id"], library["name"], strict=True))


def group_dashboard(
    logs: Mapping[str, pd.DataFrame],
    plans: Mapping[str, pd.DataFrame],
    today: date,
    starts: Mapping[str, date] | None = None,
) -> pd.DataFrame:
    """Compare every athlete's log with their plan, week by week, and flag what needs a look.

    Parameters
    ----------
    logs : mapping of str to pandas.DataFrame
        Each athlete's log by name (as from :func:`read_logs`); an athlete
        with a plan but no log counts as having logged nothing.
    plans : mapping of str to pandas.DataFrame
        Each athlete's plan by name; the table follows its order.
    today : datetime.date
        The last day counted: plan weeks that begin later are left out, and a
        week is ``complete`` once its seventh day is ``today`` or earlier.
    starts : mapping of str to datetime.date, optional
        Each athlete's start date (the profile's); by default it is worked out
        from the plan (:func:`gluteutils.progress.plan_start`).

    Returns
    -------
    pandas.DataFrame
        One row per athlete and plan week begun, columns :data:`DASHBOARD_COLUMNS`:
        ``planned_sets`` and ``done_sets`` as in
        :func:`gluteutils.progress.weekly_adherence`; ``adherence_pct`` (100 x
        done / planned, 0.1); ``logged_sets`` (every set logged that week,
        warm-ups, tests and unplanned exercises included); ``complete``;
        ``max_pain`` (highest pain logged, ``Int64``, NA when none);
        ``pain_flag`` (``max_pain`` >= :data:`~gluteutils.assessment_questions.PAIN_STOP`);
        ``gap_pct`` and ``gap_flag`` (largest left-right gap over
        :data:`~gluteutils.progress.ASYMMETRY_FLAG_PCT` %, NaN when none);
        ``missed`` (complete and nothing logged); and ``flags``, the flags in
        words (``; ``-separated, empty when none; escape before showing as HTML).
    """
    names = _names()
    parts = [
        athlete_dashboard(
            athlete,
            logs.get(athlete),
            plan,
            today,
            start=(starts or {}).get(athlete),
            exercise_names=names,
        )
        for athlete, plan in plans.items()
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return _empty_dashboard()
    return pd.concat(parts, ignore_index=True).astype(_DTYPES)


def _weeks_text(weeks: pd.Series) -> str:
    """Write week numbers compactly: ``2, 4-6``."""
    numbers = sorted(int(w) for w in weeks)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{r[0]}" if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)


def dashboard_overview(dashboard: pd.DataFrame) -> pd.DataFrame:
    """Sum up the dashboard in one line per athlete.

    Parameters
    ----------
    dashboard : pandas.DataFrame
        As from :func:`group_dashboard`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OVERVIEW_COLUMNS`: ``weeks_so_far`` (plan weeks begun),
        ``weeks_complete`` (weeks over), ``adherence_pct`` (planned sets done in
        the weeks over, 0.1; NaN before the first week is over),
        ``last_week_pct`` (the last week over), and the plan weeks with each
        flag written as ``"2, 4-6"`` (empty when none).
    """
    rows = []
    for athlete, weeks in dashboard.groupby("athlete", sort=False):
        over = weeks[weeks["complete"]]
        planned = int(over["planned_sets"].sum())
        rows.append(
            {
                "athlete": athlete,
                "weeks_so_far": len(weeks),
                "weeks_complete": len(over),
                "adherence_pct": (
                    round(100.0 * over["done_sets"].sum() / planned, 1) if planned else np.nan
                ),
                "last_week_pct": float(over["adherence_pct"].iloc[-1]) if len(over) else np.nan,
                "missed_weeks": _weeks_text(weeks.loc[weeks["missed"], "week"]),
                "pain_weeks": _weeks_text(weeks.loc[weeks["pain_flag"], "week"]),
                "gap_weeks": _weeks_text(weeks.loc[weeks["gap_flag"], "week"]),
            }
        )
    frame = pd.DataFrame(rows, columns=list(OVERVIEW_COLUMNS))
    return frame.astype(
        {
            "weeks_so_far": "int64",
            "weeks_complete": "int64",
            "adherence_pct": "float64",
            "last_week_pct": "float64",
        }
    )


# --------------------------------------------------------------------------- reading logs

#: Most files read from one upload or zip.
MAX_LOG_FILES = 500
#: Most bytes read from one zip, all files unpacked (a guard against zip bombs).
MAX_UNPACKED_BYTES = 200_000_000
#: Columns of :attr:`LogsImport.files`.
FILE_COLUMNS = ("file", "kind", "athletes", "sets")
_ZIP_MAGIC = b"PK\x03\x04"
_FOLDER_NUMBER = re.compile(r"^\d+_")


@dataclass(frozen=True, eq=False)
class LogsImport:
    """What :func:`read_logs` found in the files a coach collected.

    Attributes
    ----------
    logs : dict of str to pandas.DataFrame
        Each athlete's sets from every file, merged (a set given twice, by
        ``set_key``, counts once), in the contract of :mod:`gluteutils.log_columns`;
        keyed by the roster's spelling of the name when a roster was given.
    files : pandas.DataFrame
        One row per file read, columns :data:`FILE_COLUMNS`: the file, what it
        was (``log`` or the app), the athletes it held and how many sets.
    problems : tuple of (str, str)
        ``(file, message)`` for every file that could not be used; the other
        files are read all the same.
    notes : tuple of str
        Remarks that need no fixing: sets of athletes not on the roster left
        out, exercise names of an app that matched nothing, files skipped.
    """

    logs: dict[str, pd.DataFrame]
    files: pd.DataFrame
    problems: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]


def _unpack(
    name: str, data: bytes, found: list[tuple[str, bytes]], problems: list, notes: list
) -> None:
    """Add the CSV files of a zip to ``found``, refusing anything oversized."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        problems.append((name, "is not a readable zip file."))
        return
    total = 0
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        skipped = 0
        for member in members:
            path = PurePosixPath(member.filename.replace("\\", "/"))
            if path.name.startswith(".") or "__MACOSX" in path.parts:
                continue  # hidden files and the Finder's extra copies
            if path.suffix.lower() != ".csv":
                skipped += 1
                continue
            label = f"{name}: {member.filename}"
            if len(found) >= MAX_LOG_FILES:
                problems.append(
                    (name, f"holds more than {MAX_LOG_FILES} CSV files; the rest were not read.")
                )
                break
            if member.file_size > MAX_LOG_BYTES or total + member.file_size > MAX_UNPACKED_BYTES:
                problems.append(
                    (label, "is too large to read (over 50 MB, or the zip over 200 MB).")
                )
                continue
            try:
                with archive.open(member) as stream:
                    content = stream.read(MAX_LOG_BYTES + 1)  # never trust the declared size
            except (
                zipfile.BadZipFile,
                RuntimeError,
                OSError,
                EOFError,
                zlib.error,  # a damaged deflate stream
                lzma.LZMAError,
            ) as exc:
                problems.append((label, f"could not be unpacked ({exc})."))
                continue
            if len(content) > MAX_LOG_BYTES:
                problems.append((label, "is too large to read (over 50 MB)."))
                continue
            total += len(content)
            found.append((label, content))
        if skipped:
            what = "file that is" if skipped == 1 else "files that are"
            notes.append(f"{name}: {skipped} {what} not CSV skipped.")


def _header(data: bytes, label: str) -> list[str]:
    """Return a CSV file's header cells, normalised, without parsing the rest."""
    start = data[:65536]  # it may end inside a character: decoded as the start of a file
    encoding = detect_encoding(start, label, partial=True).removesuffix("-sig")
    text = codecs.getincrementaldecoder(encoding)().decode(start)
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    delimiter = sniff_delimiter(first)
    cells = next(csv.reader([first], delimiter=delimiter), [])
    return [normalise_header(c) for c in cells]


def match_athlete(path: str, athletes: Sequence[str]) -> str | None:
    """Tell whose file this is from its name or folder.

    A file in an athlete's folder of the plans zip (``03_Zoë_Martin/...``), or
    named after the athlete (``Maya_Thompson.csv``, ``maya thompson - strong.csv``)
    belongs to that athlete; names are compared as safe file names, ignoring
    case, and then without accents (``jose_hernandez.csv`` for José Hernández)
    where that names one athlete only. The longest name that fits wins.

    Parameters
    ----------
    path : str
        The file's name, with its folders inside a zip.
    athletes : sequence of str
        The roster's names, in roster order.

    Returns
    -------
    str or None
        The athlete, or ``None`` when no name fits.

    Examples
    --------
    >>> match_athlete("plans.zip: 02_Ben_Okafor/strong.csv", ["Ana", "Ben Okafor"])
    'Ben Okafor'
    >>> match_athlete("ana-hevy.csv", ["Ana", "Ben Okafor"])
    'Ana'
    >>> match_athlete("Jose_Hernandez-strong.csv", ["José Hernández", "Zoë Martin"])
    'José Hernández'
    """
    folders = dict(zip(folder_names(list(athletes)), athletes, strict=True))
    parts = PurePosixPath(path.split(": ", 1)[-1].replace("\\", "/")).parts
    for part in parts[:-1]:
        if part in folders:
            return folders[part]
    exact = _longest_first((safe_filename(a).casefold(), a) for a in athletes)
    folded: dict[str, list[str]] = {}
    for key, athlete in exact:
        folded.setdefault(_without_accents(key), []).append(athlete)
    # "jose_hernandez.csv" is José's, unless the roster also has a Jose or a Josè
    plain = _longest_first((key, found[0]) for key, found in folded.items() if len(found) == 1)
    names = [_FOLDER_NUMBER.sub("", safe_filename(p)).casefold() for p in parts]
    names[-1] = safe_filename(PurePosixPath(parts[-1]).stem).casefold() if parts else ""
    for name in reversed(names):
        for keys, text in ((exact, name), (plain, _without_accents(name))):
            for key, athlete in keys:  # the longest name that fits wins
                if text == key or (text.startswith(key) and text[len(key)] in "-_."):
                    return athlete
    return None


def _longest_first(keys: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Sort (name key, athlete) pairs longest key first, so the longest name that fits wins."""
    return sorted(keys, key=lambda k: -len(k[0]))


def _without_accents(text: str) -> str:
    """Drop accents (é to e, ö to o): a file may be named in plain letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _short(exc: DataValidationError, limit: int = 3) -> str:
    shown = "; ".join(
        f"row {p.row}, {p.column}: {p.message}"
        if p.row and p.column
        else (f"row {p.row}: {p.message}" if p.row else p.message)
        for p in exc.problems[:limit]
    )
    more = len(exc.problems) - limit
    return shown + (f"; and {more} more problem{'' if more == 1 else 's'}" if more > 0 else "")


def _read_one(
    label: str,
    data: bytes,
    athletes: Sequence[str] | None,
    library: pd.DataFrame | None,
    today: date | None,
    notes: list[str],
) -> tuple[str, pd.DataFrame]:
    """Read one CSV file as a log or an app export; return its kind and sets."""
    # Imported here: the app readers are large, and only an uploaded export needs them.
    from .app_import import APP_NAMES, detect_app, import_workouts

    header = _header(data, label)
    if "athlete" in header and "exercise_id" in header:
        found = read_log(data, filename=label, library=library, today=today)
        notes.extend(f"{label}: {note}." for note in found.notes)
        return "log", found.log
    try:
        app = detect_app([header], label)
    except DataValidationError:
        raise file_error(
            label,
            "is neither a training log of notebook 06 nor a Strong, Hevy or FitNotes export",
        ) from None
    owner = match_athlete(label, athletes) if athletes is not None else None
    if owner is None and athletes is not None:
        raise file_error(
            label,
            f"is a {APP_NAMES[app]} export, but its name does not say whose it is: name it "
            "after the athlete (for example Maya_Thompson.csv) or keep it in the athlete's "
            "folder from the plans zip",
        )
    owner = owner or PurePosixPath(label.split(": ", 1)[-1]).stem
    found = import_workouts(data, athlete=owner, app=app, filename=label, today=today)
    notes.extend(f"{label}: {note}" for note in found.notes)
    if len(found.unmapped):
        listed = ", ".join(
            f"'{row.exercise_name}' ({row.sets} set{'' if row.sets == 1 else 's'})"
            for row in found.unmapped.head(5).itertuples()
        )
        notes.append(
            f"{label}: exercise names that match no library exercise were left out: {listed}"
            + (" and more." if len(found.unmapped) > 5 else ".")
        )
    return app, found.log


def read_logs(
    files: bytes | Sequence[tuple[str, bytes]],
    athletes: Sequence[str] | None = None,
    *,
    library: pd.DataFrame | None = None,
    today: date | None = None,
) -> LogsImport:
    """Read the logs of a group: several CSV files, or zips of them, sorted by athlete.

    Each CSV file is either a training log of notebook 06 (it has ``athlete``
    and ``exercise_id`` columns; :func:`gluteutils.log_io.read_log`), which may
    hold several athletes, or a Strong, Hevy or FitNotes export
    (:func:`gluteutils.app_import.import_workouts`), which holds one athlete's
    sets: whose is told by the file's name or folder (:func:`match_athlete`).
    A file that cannot be read is listed in :attr:`LogsImport.problems` and
    never stops the others.

    Parameters
    ----------
    files : bytes or sequence of (str, bytes)
        One zip file's contents, or ``(name, contents)`` pairs, as an upload
        gives them; a pair may itself be a zip (its CSV files are read;
        other files are skipped with a note).
    athletes : sequence of str, optional
        The roster's names. When given, sets of other athletes are left out
        (with a note), names are matched ignoring case and app exports must
        name their athlete.
    library : pandas.DataFrame, optional
        The exercise library (default: the shipped one).
    today : datetime.date, optional
        Sets dated later are refused (default: the computer's date).

    Returns
    -------
    LogsImport
        The sets by athlete, a list of the files, problems and notes.
    """
    pairs = [("upload.zip", files)] if isinstance(files, bytes | bytearray) else list(files)
    found: list[tuple[str, bytes]] = []
    problems: list[tuple[str, str]] = []
    notes: list[str] = []
    for name, data in pairs:
        content = bytes(data)
        if content.startswith(_ZIP_MAGIC) or name.lower().endswith(".zip"):
            _unpack(name, content, found, problems, notes)
        elif len(found) < MAX_LOG_FILES:
            found.append((name, content))
    roster = {clean_athlete(a).casefold(): a for a in athletes} if athletes is not None else None
    parts: dict[str, list[pd.DataFrame]] = {}
    listed = []
    outsiders: dict[str, int] = {}
    for label, data in found:
        try:
            kind, log = _read_one(label, data, athletes, library, today, notes)
        except DataValidationError as exc:
            problems.append((label, _short(exc)))
            continue
        names = []
        for who, sets in log.groupby("athlete", sort=False):
            key = clean_athlete(str(who)).casefold()
            if roster is not None and key not in roster:
                outsiders[str(who)] = outsiders.get(str(who), 0) + len(sets)
                continue
            name = roster[key] if roster is not None else str(who)
            parts.setdefault(name, []).append(sets.assign(athlete=name))
            names.append(name)
        listed.append((label, kind, ", ".join(names), len(log)))
    for who, count in outsiders.items():
        verb = "was" if count == 1 else "were"
        notes.append(
            f"{plural(count, 'set')} of '{who}', who is not on the roster, {verb} left out."
        )
    logs = {}
    for name, frames in parts.items():
        merged = normalise_log(pd.concat(frames, ignore_index=True))
        logs[name] = normalise_log(merged.drop_duplicates("set_key", keep="last"))
    order = list(athletes) if athletes is not None else list(logs)
    logs = {name: logs[name] for name in order if name in logs}
    table = pd.DataFrame(listed, columns=list(FILE_COLUMNS)).astype({"sets": "int64"})
    return LogsImport(logs, table, tuple(problems), tuple(notes))


# --------------------------------------------------------------------------- the figure

# Light to dark blue for 0-100 % (readable in grey and with colour blindness); grey = no week.
_CMAP = ListedColormap(
    ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"]
)
_NO_WEEK = "#eeeeee"
_FLAG_EDGE = "#D55E00"  # Okabe-Ito vermilion, as the progress figures flag


def dashboard_figure(dashboard: pd.DataFrame) -> Figure:
    """Draw the dashboard as a heatmap: athletes by plan week, shaded by adherence.

    Each cell gives the share of planned sets done, with ``P`` (pain at or
    above 4 of 10), ``G`` (left-right gap) and ``M`` (missed week) where a
    flag is raised; weeks not begun or beyond an athlete's plan are grey.

    Parameters
    ----------
    dashboard : pandas.DataFrame
        As from :func:`group_dashboard`.

    Returns
    -------
    matplotlib.figure.Figure
        The heatmap with a colour bar; each cell's text has the gid
        ``cell-<row>-<week>`` (row = athlete's position, from 0).
    """
    if dashboard.empty:
        fig = Figure(figsize=(8, 2.5), layout="constrained")
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title("Group dashboard")
        ax.text(0.5, 0.5, "No plan week has begun yet.", ha="center", va="center")
        return fig
    athletes = list(dict.fromkeys(dashboard["athlete"]))
    weeks = list(range(1, int(dashboard["week"].max()) + 1))
    grid = np.full((len(athletes), len(weeks)), np.nan)
    rows = {a: i for i, a in enumerate(athletes)}
    for record in dashboard.to_dict("records"):
        grid[rows[record["athlete"]], int(record["week"]) - 1] = record["adherence_pct"]
    height = max(2.8, 1.2 + 0.42 * len(athletes))
    fig = Figure(figsize=(min(3 + 0.62 * len(weeks), 16), height), layout="constrained")
    ax = fig.add_subplot()
    ax.set_facecolor(_NO_WEEK)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=_CMAP, vmin=0, vmax=100, aspect="auto")
    for record in dashboard.to_dict("records"):
        row, col = rows[record["athlete"]], int(record["week"]) - 1
        value = record["adherence_pct"]
        marks = "".join(letter for key, letter in FLAG_LETTERS.items() if record[key])
        if marks:  # an orange frame as well as the letters, so flags stand out
            ax.add_patch(
                Rectangle(
                    (col - 0.46, row - 0.44),
                    0.92,
                    0.88,
                    fill=False,
                    edgecolor=_FLAG_EDGE,
                    linewidth=2,
                    gid=f"flag-{row}-{record['week']}",
                )
            )
        text = ("" if np.isnan(value) else f"{value:.0f}") + (f" {marks}" if marks else "")
        ax.text(
            col,
            row,
            text,
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold" if marks else "normal",
            # black or white, whichever reads better on this cell's shade
            color=text_colour_on(_NO_WEEK if np.isnan(value) else image.cmap(image.norm(value))),
            gid=f"cell-{row}-{record['week']}",
            in_layout=False,  # inside its cell: the layout need not measure every one
        )
    ax.set_xticks(range(len(weeks)), [str(w) for w in weeks])
    ax.set_yticks(range(len(athletes)), athletes, parse_math=False)  # names are text, never maths
    ax.set_xlabel("Plan week")
    # two lines: with few weeks the figure is narrower than the key
    ax.set_title("Share of planned sets done (%)\nP pain ≥ 4/10, G left-right gap, M missed")
    bar = fig.colorbar(image, ax=ax, shrink=0.9)
    bar.set_label("Planned sets done (%)")
    return fig


def _week_word(weeks: str) -> str:
    return "week" if weeks.isdigit() else "weeks"


def dashboard_alt_text(dashboard: pd.DataFrame) -> str:
    """Describe the dashboard figure in words, for screen readers.

    Parameters
    ----------
    dashboard : pandas.DataFrame
        As from :func:`group_dashboard`.

    Returns
    -------
    str
        The group's size and weeks, each athlete's overall adherence, and every
        flag with its athlete and weeks.
    """
    if dashboard.empty:
        return "Group dashboard: no plan week has begun yet, so there is nothing to show."
    overview = dashboard_overview(dashboard)
    last = int(dashboard["week"].max())
    parts = [
        f"Heatmap of the share of planned sets done by {len(overview)} athlete"
        f"{'' if len(overview) == 1 else 's'}, plan weeks 1 to {last}, darker meaning more "
        "sets done."
    ]
    shares = ", ".join(
        f"{row.athlete} {row.adherence_pct:.0f}%"
        for row in overview.itertuples()
        if not np.isnan(row.adherence_pct)
    )
    if shares:
        parts.append(f"Planned sets done in the weeks that are over: {shares}.")
    for column, what in (
        ("pain_weeks", f"pain of {PAIN_STOP} or more out of 10"),
        ("gap_weeks", f"a left-right gap over {ASYMMETRY_FLAG_PCT}%"),
        ("missed_weeks", "a missed week"),
    ):
        flagged = overview[overview[column] != ""]
        if len(flagged):
            who = "; ".join(
                f"{r.athlete} ({_week_word(getattr(r, column))} {getattr(r, column)})"
                for r in flagged.itertuples()
            )
            parts.append(f"Flagged for {what}: {who}.")
        else:
            parts.append(f"Nobody is flagged for {what}.")
    return " ".join(parts)
