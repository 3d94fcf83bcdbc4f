"""Read arrays back from plotly figure dicts (plotly 6+ sends numpy arrays as base64 'bdata')."""

from __future__ import annotations

import base64
from typing import Any

import numpy as np


def decode(value: Any) -> np.ndarray:
    """A figure array as numpy, whether plain list or {'dtype', 'bdata', 'shape'}."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            array = array.reshape([int(n) for n in str(shape).split(",")])
        return array
    try:
        return np.asarray(value, dtype="float64")  # None (JSON null) becomes NaN
    except (TypeError, ValueError):
        return np.asarray(value, dtype=object)
