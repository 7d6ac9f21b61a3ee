"""Small builders of training logs in the LOG contract, for the progress and suggestion tests.

They do not read files (the log reader is tested on its own): each row is a
dict of the columns that matter to a test, and the rest get the contract's
empty values and dtypes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from gluteutils.log_columns import KG_PER_LB, LOG_COLUMNS

INT_COLUMNS = ("set", "reps", "duration_s", "glute_feel", "pain")
FLOAT_COLUMNS = ("load", "load_kg", "rpe", "rir")

DEFAULTS: dict[str, object] = {
    "athlete": "Ana",
    "exercise_name": "",
    "set_type": "working",
    "set": 1,
    "side": "both",
    "load_unit": "",
    "pain_where": "",
    "notes": "",
    "source": "form",
}


def _when(value: object) -> pd.Timestamp:
    if isinstance(value, str) and len(value) == 10:
        return pd.Timestamp(value + "T18:00")
    if isinstance(value, date) and not isinstance(value, datetime):
        return pd.Timestamp(datetime.combine(value, datetime.min.time()).replace(hour=18))
    return pd.Timestamp(value)  # type: ignore[arg-type]


def make_log(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Build a log frame: ``datetime`` may be a date (18:00) or a timestamp; sorted, keyed."""
    records = []
    for row in rows:
        record = {**DEFAULTS, **row}
        record["datetime"] = _when(record["datetime"])
        load = record.get("load")
        if load is not None and "load_kg" not in row:
            unit = record.get("load_unit") or "kg"
            record["load_unit"] = unit
            record["load_kg"] = round(float(load) * (KG_PER_LB if unit == "lb" else 1.0), 2)
        records.append(record)
    data: dict[str, object] = {}
    for column in LOG_COLUMNS:
        values = [r.get(column) for r in records]
        if column == "datetime":
            data[column] = pd.Series(values, dtype="datetime64[ns]")
        elif column in INT_COLUMNS:
            data[column] = pd.array(values, dtype="Int64")
        elif column in FLOAT_COLUMNS:
            data[column] = np.array([np.nan if v is None else v for v in values], "float64")
        elif column == "set_key":
            data[column] = pd.Series([""] * len(records), dtype="object")
        else:
            data[column] = pd.Series(["" if v is None else str(v) for v in values], dtype="object")
    frame = pd.DataFrame(data, columns=list(LOG_COLUMNS))
    frame["set_key"] = (
        frame["datetime"].dt.strftime("%Y-%m-%dT%H:%M")
        + "|"
        + frame["athlete"]
        + "|"
        + frame["exercise_id"]
        + "|"
        + frame["side"]
        + "|"
        + frame["set"].astype(str)
    ).astype("object")
    return frame.sort_values(
        ["datetime", "athlete", "exercise_id", "side", "set"], ignore_index=True
    )


def sets(
    day: object,
    exercise_id: str,
    reps: Iterable[int | None],
    *,
    side: str = "both",
    **columns: object,
) -> list[dict[str, object]]:
    """Rows of one exercise on one day, one per repetition count (set numbers from 1).

    Any other column applies to every set; a list or tuple gives one value per set.
    """
    reps = list(reps)
    rows = []
    for i, count in enumerate(reps):
        row: dict[str, object] = {
            "datetime": day,
            "exercise_id": exercise_id,
            "set": i + 1,
            "side": side,
            "reps": count,
        }
        for name, value in columns.items():
            row[name] = value[i] if isinstance(value, list | tuple) else value
        rows.append(row)
    return rows


def log_following(
    plan: pd.DataFrame, *, skip: Iterable[date] = (), **columns: object
) -> pd.DataFrame:
    """A log that does exactly what the plan asks, except on the ``skip`` days.

    Top of the repetition range on every set; time-boxed rows get one 60 s set.
    """
    skipped = set(skip)
    rows: list[dict[str, object]] = []
    counters: dict[tuple[date, str, str], int] = {}
    for record in plan.to_dict("records"):
        if record["date"] in skipped:
            continue
        sides = ["left", "right"] if record["side"] == "each_side" else ["both"]
        n_sets = 1 if pd.isna(record["sets"]) else int(record["sets"])
        for side in sides:
            for _ in range(n_sets):
                key = (record["date"], record["exercise_id"], side)
                counters[key] = counters.get(key, 0) + 1
                row: dict[str, object] = {
                    "datetime": record["date"],
                    "exercise_id": record["exercise_id"],
                    "set": counters[key],
                    "side": side,
                    **columns,
                }
                if pd.isna(record["reps_max"]):
                    row["duration_s"] = 60
                else:
                    row["reps"] = int(record["reps_max"])
                rows.append(row)
    return make_log(rows)


def days(start: date, count: int, step: int = 1) -> list[date]:
    """``count`` dates from ``start``, ``step`` days apart."""
    return [start + timedelta(days=step * i) for i in range(count)]
