"""Transforms from indicators to criteria, on arrays, with interval bounds.

Each transform maps the indicator values of the alternatives to one criterion
value per alternative. It also maps an interval ``[low, high]`` per value
(exact cells have ``low == high``), so that the uncertainty of imputed cells
follows the criterion: monotone transforms map the bounds, distances to the
focal country take the nearest and farthest point of the interval, and the
statistics that define a transform (the mean and standard deviation of a
z-score, the variances of Kogut-Singh) come from the point values.

References
----------
Kogut, B. and Singh, H. (1988). The effect of national culture on the choice
of entry mode. Journal of International Business Studies 19(3):411-432.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from coopdecide._validation import check_choice
from coopdecide.exceptions import InvalidArgumentError

__all__ = ["TRANSFORMS", "KogutSingh", "kogut_singh"]

#: Transform name -> one-line description (see docs/methods/indicators.md).
TRANSFORMS: dict[str, str] = {
    "none": "the indicator value itself",
    "log": "natural logarithm (values must be positive)",
    "rank": "average rank among the alternatives, 1 = smallest value",
    "zscore": "(x - mean) / standard deviation over the alternatives (ddof=1)",
    "difference": "x - x_focal",
    "abs_difference": "|x - x_focal|",
    "relative_difference": "(x - x_focal) / |x_focal|",
    "kogut_singh": "Kogut-Singh distance to the focal country over several indicators",
}
NEEDS_FOCAL = frozenset({"difference", "abs_difference", "relative_difference", "kogut_singh"})

Bounds = tuple[np.ndarray, np.ndarray, np.ndarray]


def kogut_singh(
    scores: npt.ArrayLike, focal: npt.ArrayLike, variances: npt.ArrayLike
) -> np.ndarray:
    """Kogut-Singh cultural distance of each country to the focal country.

    ``CD_j = (1/n) * sum_i (I_ij - I_if)**2 / V_i`` over the ``n`` dimensions
    ``i``, where ``I_ij`` is country ``j``'s score on dimension ``i``, ``f`` the
    focal country and ``V_i`` the variance of dimension ``i`` (Kogut and Singh
    1988, p. 422).

    Parameters
    ----------
    scores : array-like, shape (countries, n)
    focal : array-like, shape (n,)
    variances : array-like, shape (n,)
        Positive variances of the dimensions.

    Returns
    -------
    numpy.ndarray, shape (countries,)

    Examples
    --------
    >>> kogut_singh([[10, 20], [30, 20]], [20, 20], [100, 50])
    array([0.5, 0.5])
    """
    table = np.asarray(scores, dtype=float)
    gap = (table - np.asarray(focal, dtype=float)) ** 2 / np.asarray(variances, dtype=float)
    return gap.mean(axis=1)


@dataclass(frozen=True)
class KogutSingh:
    """The Kogut-Singh transform with its variance convention made explicit.

    Parameters
    ----------
    variance_over : {"table", "alternatives"}, default "table"
        The countries whose scores give ``V_i``: every country in the
        indicator table with an observed score (the sample the index was built
        on, as in Kogut and Singh 1988), or the alternatives and the focal
        country only.
    ddof : {1, 0}, default 1
        Sample (1) or population (0) variance.
    """

    variance_over: str = "table"
    ddof: int = 1

    def __post_init__(self) -> None:
        check_choice("variance_over", self.variance_over, ("table", "alternatives"))
        if self.ddof not in (0, 1) or isinstance(self.ddof, bool):
            raise InvalidArgumentError(f"ddof must be 0 or 1; got {self.ddof!r}")


def _gap_bounds(
    low: np.ndarray, high: np.ndarray, focal: np.ndarray | float
) -> tuple[np.ndarray, ...]:
    """Smallest and largest |x - focal| for x in [low, high]."""
    far = np.maximum(np.abs(low - focal), np.abs(high - focal))
    inside = (low <= focal) & (focal <= high)
    near = np.where(inside, 0.0, np.minimum(np.abs(low - focal), np.abs(high - focal)))
    return near, far


def _ranks(values: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Average rank (1 = smallest) of ``values[j]`` in place of ``points[j]`` among the points."""
    below = (points[None, :] < values[:, None]).sum(axis=1) - (points < values)
    ties = (points[None, :] == values[:, None]).sum(axis=1) - (points == values)
    return below + ties / 2 + 1


def apply_transform(
    name: str,
    value: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    *,
    focal: np.ndarray | None,
    variances: np.ndarray | None = None,
) -> Bounds:
    """One criterion from indicator columns: (value, low, high), each shape (alternatives,).

    ``value``, ``low`` and ``high`` have shape (alternatives, indicators);
    every transform but ``kogut_singh`` takes one indicator. ``focal`` is the
    focal country's row (shape (indicators,)); ``variances`` the Kogut-Singh
    ``V_i``. Domain checks (positive values for ``log``, a non-zero focal value
    for ``relative_difference``) are the caller's.
    """
    if name == "kogut_singh":
        assert focal is not None and variances is not None
        near, far = _gap_bounds(low, high, focal)
        return (
            kogut_singh(value, focal, variances),
            (near**2 / variances).mean(axis=1),
            (far**2 / variances).mean(axis=1),
        )
    x, lo, hi = value[:, 0], low[:, 0], high[:, 0]
    f = np.nan if focal is None else float(focal[0])  # NaN: the transform needs no focal
    simple: dict[str, Callable[[np.ndarray], np.ndarray]] = {
        "none": lambda v: v,
        "log": np.log,
        "difference": lambda v: v - f,
        "relative_difference": lambda v: (v - f) / abs(f),
    }
    if name in simple:  # increasing in x: the bounds map to the bounds
        function = simple[name]
        return function(x), function(lo), function(hi)
    if name == "abs_difference":
        near, far = _gap_bounds(lo, hi, f)
        return np.abs(x - f), near, far
    if name == "zscore":
        mean, sd = x.mean(), x.std(ddof=1)
        return (x - mean) / sd, (lo - mean) / sd, (hi - mean) / sd
    if name == "rank":
        # an uncertain cell's bounds: its rank at low and at high, the others at their values
        return _ranks(x, x), _ranks(lo, x), _ranks(hi, x)
    raise InvalidArgumentError(f"unknown transform {name!r}")  # pragma: no cover - checked before
