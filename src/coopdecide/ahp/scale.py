"""Saaty's fundamental 1-9 scale and helpers to snap ratios onto it."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

__all__ = ["SAATY_SCALE", "SAATY_VERBAL", "closest_saaty_value", "format_saaty"]

#: The 17 values of Saaty's scale, ``1/9, 1/8, ..., 1/2, 1, 2, ..., 9``, ascending.
SAATY_SCALE: np.ndarray = np.array(
    [1.0 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]
)
SAATY_SCALE.flags.writeable = False

#: The verbal meaning of the odd values (Saaty 1980, Table 1.1); even values are intermediate.
SAATY_VERBAL = MappingProxyType(
    {
        1: "equal importance",
        3: "moderate importance",
        5: "strong importance",
        7: "very strong importance",
        9: "extreme importance",
    }
)

_UPPER = np.arange(1.0, 10.0)  # 1, 2, ..., 9
_LOG_UPPER = np.log(_UPPER)
_LOG_MIDPOINTS = (_LOG_UPPER[1:] + _LOG_UPPER[:-1]) / 2


def closest_saaty_value(ratio: npt.ArrayLike) -> np.ndarray | float:
    """The value of Saaty's scale closest to ``ratio`` on a logarithmic scale.

    Closeness is measured between logarithms, so the answer for ``1/x`` is the
    reciprocal of the answer for ``x`` (a judgment and its mirror agree).
    Ratios beyond 9 (or below 1/9) snap to 9 (1/9). Works elementwise.

    Examples
    --------
    >>> closest_saaty_value(2.6), closest_saaty_value(1 / 2.6) == 1 / 3
    (3.0, True)
    >>> closest_saaty_value([0.6, 1.4, 40.0]).tolist()
    [0.5, 1.0, 9.0]
    """
    log_ratio = np.log(np.asarray(ratio, dtype=float))
    # snap |log ratio| onto 1..9, then restore the side: reciprocal ratios, reciprocal answers
    value = _UPPER[np.searchsorted(_LOG_MIDPOINTS, np.abs(log_ratio))]
    result = np.where(log_ratio < 0, 1.0 / value, value)
    return float(result) if result.ndim == 0 else result


def format_saaty(value: float) -> str:
    """Write a scale value as ``"3"`` or ``"1/3"`` (other values with 3 decimals).

    Examples
    --------
    >>> format_saaty(1 / 7), format_saaty(5.0), format_saaty(1.5)
    ('1/7', '5', '1.5')
    """
    value = float(value)
    fraction = Fraction(value).limit_denominator(9)
    if abs(float(fraction) - value) <= 1e-9 * max(1.0, value):
        if fraction.denominator == 1:
            return str(fraction.numerator)
        if fraction.numerator == 1:
            return f"1/{fraction.denominator}"
    return f"{value:.3f}".rstrip("0").rstrip(".")
