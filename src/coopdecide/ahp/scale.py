"""Saaty's fundamental 1-9 scale, helpers to snap ratios onto it, and Lootsma's geometric scale."""

from __future__ import annotations

from fractions import Fraction
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from coopdecide._validation import check_real, describe
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.exceptions import InvalidComparisonError

__all__ = [
    "LOOTSMA_GAMMA",
    "SAATY_SCALE",
    "SAATY_VERBAL",
    "closest_saaty_value",
    "format_saaty",
    "lootsma_scale",
    "to_lootsma_scale",
]

#: Lootsma's (1993) scale parameter: gamma = ln 2, so that the main grades 0, 2, 4, 6, 8
#: (Saaty's 1, 3, 5, 7, 9) become the ratios 1, 4, 16, 64, 256.
LOOTSMA_GAMMA = float(np.log(2.0))

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


def lootsma_scale(saaty_value: npt.ArrayLike, gamma: float = LOOTSMA_GAMMA) -> np.ndarray | float:
    """Lootsma's (1993) geometric-scale ratio for a judgment given on Saaty's 1-9 scale.

    Saaty's value ``s`` (or ``1/s``) is read as the grade ``delta = s - 1``
    (``-(s - 1)``) of Lootsma's scale: 0 indifference, 2 weak, 4 definite,
    6 strong, 8 very strong preference (Saaty's 1, 3, 5, 7, 9), odd grades in
    between; the ratio is ``exp(gamma * delta)``. Works elementwise.

    Parameters
    ----------
    saaty_value : array-like
        Values of :data:`SAATY_SCALE` (``1/9 .. 9``; NaN passes through).
    gamma : float, default ln 2
        The scale parameter (positive). ``ln 2`` gives 1, 4, 16, 64, 256 for
        the main grades; Lootsma (1993) also uses the narrower ``ln sqrt 2``
        (1, 2, 4, 8, 16).

    Raises
    ------
    InvalidComparisonError
        A value that is not on Saaty's scale.
    InvalidArgumentError
        ``gamma`` not positive.

    References
    ----------
    Lootsma, F.A. (1993). Scale sensitivity in the multiplicative AHP and
    SMART. *Journal of Multi-Criteria Decision Analysis* 2(2), 87-110.

    Examples
    --------
    >>> lootsma_scale([1, 3, 5, 7, 9]).round(9).tolist()
    [1.0, 4.0, 16.0, 64.0, 256.0]
    >>> round(lootsma_scale(1 / 3, gamma=np.log(np.sqrt(2))), 12)
    0.5
    """
    gamma = check_real("gamma", gamma, minimum=0.0, strict_minimum=True)
    values = np.asarray(saaty_value, dtype=float)
    given = ~np.isnan(values)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_value = np.log(values)
    grade = np.round(np.exp(np.abs(log_value)))
    on_scale = ~given | ((grade >= 1) & (grade <= 9) & np.isclose(np.exp(np.abs(log_value)), grade))
    if not on_scale.all():
        bad = values[~on_scale].ravel()[0]
        raise InvalidComparisonError(
            "Lootsma's scale converts judgments on Saaty's 1-9 scale (1/9, ..., 1/2, 1, 2, "
            f"..., 9); got {describe(float(bad))}"
        )
    delta = np.sign(log_value) * (grade - 1.0)
    result = np.where(given, np.exp(gamma * delta), np.nan)
    return float(result) if result.ndim == 0 else result


def to_lootsma_scale(comparison: Any, gamma: float = LOOTSMA_GAMMA) -> PairwiseComparison:
    """A comparison given on Saaty's scale, with every judgment on Lootsma's geometric scale.

    The multiplicative AHP (Lootsma 1993) then takes the row geometric means:
    ``ahp(to_lootsma_scale(pc), method="geometric")``. Missing pairs stay
    missing. See :func:`lootsma_scale`.

    Examples
    --------
    >>> pc = PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["a", "b"])
    >>> to_lootsma_scale(pc).matrix.tolist()
    [[1.0, 4.0], [0.25, 1.0]]
    """
    if not isinstance(comparison, PairwiseComparison):
        comparison = PairwiseComparison(comparison)
    return PairwiseComparison(lootsma_scale(comparison.matrix, gamma), labels=comparison.labels)
