"""Linguistic scales: words to triangular fuzzy numbers, with their sources.

- :data:`CHEN_WEIGHTS` and :data:`CHEN_RATINGS`: Chen (2000), Tables 1 and 2,
  the linguistic variables for the importance of criteria (in [0, 1]) and for
  the ratings of alternatives (in [0, 10]) of fuzzy TOPSIS.
- :func:`saaty_triangle`: Saaty's 1-9 value ``k`` as the triangle
  ``(k - spread, k, k + spread)`` clipped to [1, 9], with 1 kept exact
  ``(1, 1, 1)``; reciprocals ``1/k`` as ``(1 / (k + spread), 1 / k,
  1 / (k - spread))``. This symmetric fuzzification with spread 1 is the one
  most fuzzy AHP applications use (it has no single canonical source; Buckley
  1985 leaves the triangles to the decision maker); the spread is a parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import numpy as np

from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError

__all__ = ["CHEN_RATINGS", "CHEN_WEIGHTS", "saaty_triangle"]

#: Chen (2000), Table 1: importance weight of each criterion.
CHEN_WEIGHTS: Mapping[str, tuple[float, float, float]] = MappingProxyType(
    {
        "VL": (0.0, 0.0, 0.1),
        "L": (0.0, 0.1, 0.3),
        "ML": (0.1, 0.3, 0.5),
        "M": (0.3, 0.5, 0.7),
        "MH": (0.5, 0.7, 0.9),
        "H": (0.7, 0.9, 1.0),
        "VH": (0.9, 1.0, 1.0),
    }
)

#: Chen (2000), Table 2: ratings of the alternatives.
CHEN_RATINGS: Mapping[str, tuple[float, float, float]] = MappingProxyType(
    {
        "VP": (0.0, 0.0, 1.0),
        "P": (0.0, 1.0, 3.0),
        "MP": (1.0, 3.0, 5.0),
        "F": (3.0, 5.0, 7.0),
        "MG": (5.0, 7.0, 9.0),
        "G": (7.0, 9.0, 10.0),
        "VG": (9.0, 10.0, 10.0),
    }
)


def saaty_triangle(value: float, spread: float = 1.0) -> tuple[float, float, float]:
    """The triangular fuzzy version of a Saaty-scale judgment (see the module docstring).

    Parameters
    ----------
    value : float
        A judgment in [1/9, 9] (``3`` or ``1/3``).
    spread : float, default 1.0
        Half-width of the triangle on the 1-9 scale (0 gives a crisp triangle).

    Examples
    --------
    >>> saaty_triangle(3), saaty_triangle(9), saaty_triangle(1)
    ((2.0, 3.0, 4.0), (8.0, 9.0, 9.0), (1.0, 1.0, 1.0))
    >>> tuple(round(v, 4) for v in saaty_triangle(1 / 3))
    (0.25, 0.3333, 0.5)
    """
    if not (1 / 9 - 1e-9 <= value <= 9 + 1e-9):
        raise InvalidArgumentError(f"judgments must lie in [1/9, 9]; got {describe(value)}")
    if value < 1:
        l, m, u = saaty_triangle(1 / value, spread)  # noqa: E741
        return (1 / u, 1 / m, 1 / l)
    if np.isclose(value, 1.0):
        return (1.0, 1.0, 1.0)
    return (max(1.0, value - spread), float(value), min(9.0, value + spread))
