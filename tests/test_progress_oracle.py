"""The numpy adherence tables against a plain pandas version of the same rules.

``adherence_by_exercise`` and ``weekly_adherence`` were rewritten in numpy because
the clinic dashboard calls them once per athlete. The pandas version below is
the earlier, easier-to-read implementation, kept as an oracle: both must give
exactly the same tables on the sample runner and on many random cuts of it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from gluteutils import progress
from gluteutils.progress import (
    _DATETIME,
    ADHERENCE_COLUMNS,
    ADHERENCE_EXERCISE_COLUMNS,
    _as_timestamp,
    _days,
    _empty,
    _finish,
    plan_start,
    planned_sets,
)
from gluteutils.sample_log import load_sample_log, sample_plan


def reference_by_exercise(
    log: pd.DataFrame,
    plan: pd.DataFrame,
    until: date | datetime | None = None,
    start: date | None = None,
) -> pd.DataFrame:
    """Adherence per week and exercise, with pandas groupby and joins."""
    dtypes = {c: "int64" for c in ADHERENCE_EXERCISE_COLUMNS if c.endswith("_sets")}
    dtypes |= {"week": "int64", "week_start": _DATETIME}
    if log.empty or plan.empty:
        return _empty(ADHERENCE_EXERCISE_COLUMNS, dtypes)
    first = _as_timestamp(start if start is not None else plan_start(plan))
    last = _as_timestamp(until) if until is not None else _days(log["datetime"]).max()
    plan_days = pd.to_datetime(pd.Series(plan["date"].to_numpy())).dt.normalize()
    plan_weeks = (plan_days - first).dt.days // 7 + 1
    started = (first + pd.to_timedelta((plan_weeks - 1) * 7, unit="D")) <= last
    planned = pd.DataFrame(
        {
            "week": plan_weeks.to_numpy(),
            "date": plan_days.to_numpy(),
            "exercise_id": plan["exercise_id"].to_numpy(),
            "planned": planned_sets(plan).to_numpy(),
        }
    )[started.to_numpy() & (plan_weeks >= 1).to_numpy()]
    if planned.empty:
        return _empty(ADHERENCE_EXERCISE_COLUMNS, dtypes)
    log_days = _days(log["datetime"])
    working = (log["set_type"] == "working").to_numpy() & (log_days >= first).to_numpy()
    working &= (log_days <= last).to_numpy()
    done = pd.DataFrame(
        {
            "date": log_days.to_numpy()[working],
            "exercise_id": log["exercise_id"].to_numpy()[working],
        }
    )
    done["week"] = (done["date"] - first).dt.days // 7 + 1
    done = done[done["week"].isin(set(planned["week"]))]
    keys = ["week", "exercise_id"]
    by_week = (
        planned.groupby(keys)["planned"]
        .sum()
        .to_frame("planned_sets")
        .join(done.groupby(keys).size().rename("done"), how="outer")
        .fillna(0)
        .astype("int64")
    )
    day_keys = ["week", "date", "exercise_id"]
    on_day = (
        planned.groupby(day_keys)["planned"]
        .sum()
        .to_frame()
        .join(done.groupby(day_keys).size().rename("done"), how="inner")
        .min(axis=1)
        .groupby(level=keys)
        .sum()
    )
    by_week["done_sets"] = by_week[["planned_sets", "done"]].min(axis=1)
    on_planned_day = on_day.reindex(by_week.index, fill_value=0).astype("int64")
    by_week["moved_sets"] = by_week["done_sets"] - on_planned_day.clip(upper=by_week["done_sets"])
    by_week["extra_sets"] = by_week["done"] - by_week["done_sets"]
    table = by_week.reset_index().sort_values(keys, ignore_index=True)
    table["week_start"] = first + pd.to_timedelta((table["week"] - 1) * 7, unit="D")
    return _finish(table, ADHERENCE_EXERCISE_COLUMNS, dtypes)


def reference_weekly(
    log: pd.DataFrame,
    plan: pd.DataFrame,
    until: date | datetime | None = None,
    start: date | None = None,
) -> pd.DataFrame:
    """Adherence per week: the per-exercise table added up."""
    detail = reference_by_exercise(log, plan, until, start)
    dtypes = {c: "int64" for c in ADHERENCE_COLUMNS if c.endswith("_sets")}
    dtypes |= {"week": "int64", "week_start": _DATETIME, "adherence_pct": "float64"}
    dtypes |= {"complete": "bool"}
    if detail.empty:
        return _empty(ADHERENCE_COLUMNS, dtypes)
    last = _as_timestamp(until) if until is not None else _days(log["datetime"]).max()
    sums = ["planned_sets", "done_sets", "moved_sets", "extra_sets"]
    table = detail.groupby(["week", "week_start"], as_index=False)[sums].sum()
    table["adherence_pct"] = (100.0 * table["done_sets"] / table["planned_sets"]).round(1)
    table["complete"] = table["week_start"] + pd.Timedelta(days=6) <= last
    return _finish(table, ADHERENCE_COLUMNS, dtypes)


def _cuts(count: int, seed: int) -> list[tuple[pd.DataFrame, pd.DataFrame, dict[str, date]]]:
    """Random parts of the sample log and plan: moved days, warm-ups, unplanned exercises."""
    log, plan = load_sample_log(), sample_plan()
    rng = random.Random(seed)  # noqa: S311 - a seeded shuffle for a test, not a secret
    cuts = [(log, plan, {})]
    for _ in range(count):
        part = log.sample(frac=rng.random(), random_state=rng.randrange(10**6)).sort_index()
        planned = plan.sample(frac=rng.uniform(0.3, 1), random_state=rng.randrange(10**6))
        part = part.copy()
        if rng.random() < 0.5:
            part["datetime"] += pd.to_timedelta(rng.randrange(-20, 20), unit="D")
        if rng.random() < 0.3 and len(part):
            part.loc[part.sample(frac=0.3, random_state=1).index, "set_type"] = "warmup"
        if rng.random() < 0.2 and len(part):
            part.loc[part.index[:3], "exercise_id"] = "not_in_plan"
        options: dict[str, date] = {}
        if rng.random() < 0.5 and len(part):
            first = part["datetime"].min() + pd.Timedelta(days=rng.randrange(-10, 120))
            options["until"] = first.date()
        if rng.random() < 0.5:
            options["start"] = plan_start(plan) + timedelta(days=rng.randrange(-10, 10))
        cuts.append((part, planned.sort_index(), options))
    return cuts


@pytest.mark.parametrize(("log", "plan", "options"), _cuts(30, seed=20251121))
def test_numpy_adherence_equals_the_pandas_oracle(
    log: pd.DataFrame, plan: pd.DataFrame, options: dict[str, date]
) -> None:
    pd.testing.assert_frame_equal(
        progress.adherence_by_exercise(log, plan, **options),  # type: ignore[arg-type]
        reference_by_exercise(log, plan, **options),  # type: ignore[arg-type]
        check_exact=True,
    )
    pd.testing.assert_frame_equal(
        progress.weekly_adherence(log, plan, **options),  # type: ignore[arg-type]
        reference_weekly(log, plan, **options),  # type: ignore[arg-type]
        check_exact=True,
    )
