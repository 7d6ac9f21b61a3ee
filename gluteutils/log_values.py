"""How a training log stores its numbers: whole numbers as ``Int64``, loads also in kg.

The log reader (:mod:`gluteutils.log_io`) and the app importers
(:mod:`gluteutils.app_import`) both parse numbers as floats and turn them into
the log's columns here, so a file and an app export give the same values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .log_columns import KG_PER_LB

#: Whole numbers beyond this size are clipped: a float holds every integer up to it.
_LARGEST_WHOLE = 2**53


def whole_numbers(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Turn whole floats into an ``Int64`` array; NaN becomes ``<NA>``.

    Parameters
    ----------
    values : numpy.ndarray
        Floats holding whole numbers, or NaN where there is none. Values beyond
        ±2**53 (out of every range the log allows) are clipped, so the
        conversion never overflows.

    Returns
    -------
    pandas.arrays.IntegerArray
        The numbers, ``<NA>`` where ``values`` is NaN.
    """
    missing = np.isnan(values)
    clipped = np.clip(values, -_LARGEST_WHOLE, _LARGEST_WHOLE)
    return pd.arrays.IntegerArray(np.where(missing, 0, clipped).astype(np.int64), missing)


def load_in_kg(load: np.ndarray, in_lb: np.ndarray) -> np.ndarray:
    """Give loads in kg, rounded to 0.01 kg (1 lb = 0.45359237 kg).

    Parameters
    ----------
    load : numpy.ndarray
        Loads as entered; NaN for body weight.
    in_lb : numpy.ndarray of bool
        Whether each load is in pounds (else kilograms); broadcast against ``load``.

    Returns
    -------
    numpy.ndarray
        The loads in kg, NaN for body weight.
    """
    return np.round(load * np.where(in_lb, KG_PER_LB, 1.0), 2)
