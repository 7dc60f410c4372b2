"""Triangular fuzzy numbers: a small immutable type and validated ``(..., 3)`` arrays.

A triangular fuzzy number ``(l, m, u)`` with ``l <= m <= u`` has the membership
function that rises linearly from 0 at ``l`` to 1 at ``m`` and falls back to 0
at ``u`` (Zadeh 1965; Buckley 1985). The fuzzy methods work on arrays whose last
axis holds ``(l, m, u)``; :class:`TriangularFuzzyNumber` is for users who write
one number by hand.

Arithmetic follows the usual approximations for positive triangular numbers
(Buckley 1985; Chang 1996): ``a + b = (l1 + l2, m1 + m2, u1 + u2)``,
``a * b = (l1 l2, m1 m2, u1 u2)``, ``1 / a = (1 / u, 1 / m, 1 / l)``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopdecide._validation import describe
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError

__all__ = [
    "DEFUZZIFICATIONS",
    "TriangularFuzzyNumber",
    "as_triangles",
    "defuzzify",
    "vertex_distance",
]

#: Defuzzifications: ``"centroid"`` ``(l + m + u) / 3`` (the centre of gravity of the
#: triangle) and ``"graded_mean"`` ``(l + 4 m + u) / 6`` (graded mean integration,
#: Chen and Hsieh 1999).
DEFUZZIFICATIONS = ("centroid", "graded_mean")


@dataclass(frozen=True)
class TriangularFuzzyNumber:
    """A triangular fuzzy number ``(l, m, u)``, ``l <= m <= u``.

    Examples
    --------
    >>> a = TriangularFuzzyNumber(2, 3, 4)
    >>> a.reciprocal()
    TriangularFuzzyNumber(l=0.25, m=0.3333333333333333, u=0.5)
    >>> (a * TriangularFuzzyNumber(1, 1, 2)).u, a.centroid
    (8.0, 3.0)
    """

    l: float  # noqa: E741 (the standard name of the lower bound)
    m: float
    u: float

    def __post_init__(self) -> None:
        values = as_triangles((self.l, self.m, self.u), "TriangularFuzzyNumber")
        for name, value in zip("lmu", values, strict=True):
            object.__setattr__(self, name, float(value))

    def __iter__(self) -> Any:
        return iter((self.l, self.m, self.u))

    def __add__(self, other: TriangularFuzzyNumber) -> TriangularFuzzyNumber:
        return TriangularFuzzyNumber(self.l + other.l, self.m + other.m, self.u + other.u)

    def __mul__(self, other: TriangularFuzzyNumber | float) -> TriangularFuzzyNumber:
        if isinstance(other, TriangularFuzzyNumber):
            return TriangularFuzzyNumber(self.l * other.l, self.m * other.m, self.u * other.u)
        scale = float(other)
        return TriangularFuzzyNumber(*sorted((self.l * scale, self.m * scale, self.u * scale)))

    __rmul__ = __mul__

    def reciprocal(self) -> TriangularFuzzyNumber:
        """``(1 / u, 1 / m, 1 / l)`` (needs ``l > 0``)."""
        if self.l <= 0:
            raise InvalidArgumentError(
                f"the reciprocal needs a positive triangular number; got l={self.l:g}"
            )
        return TriangularFuzzyNumber(1 / self.u, 1 / self.m, 1 / self.l)

    @property
    def centroid(self) -> float:
        """The centre of gravity ``(l + m + u) / 3``."""
        return (self.l + self.m + self.u) / 3


def as_triangles(value: Any, name: str, *, positive: bool = False) -> np.ndarray:
    """``value`` as a float array whose last axis is ``(l, m, u)``, validated.

    Accepts nested sequences or arrays of shape ``(..., 3)`` and
    :class:`TriangularFuzzyNumber` objects inside sequences.

    Raises
    ------
    InvalidTypeError
        Something that is not numbers.
    InvalidArgumentError
        A last axis other than 3, a non-finite value, ``l > m`` or ``m > u``,
        or (``positive=True``) ``l <= 0``.
    """
    if isinstance(value, TriangularFuzzyNumber):
        value = tuple(value)
    try:
        array = np.array(_plain_triangles(value), dtype=float)
    except (TypeError, ValueError):
        raise InvalidTypeError(
            f"{name} must be triangular fuzzy numbers (l, m, u) of numbers; got "
            f"{describe(value) if not hasattr(value, 'shape') else type(value).__name__}"
        ) from None
    if array.ndim == 0 or array.shape[-1] != 3:
        raise InvalidArgumentError(
            f"{name} must hold triangular fuzzy numbers (l, m, u): an array whose last axis "
            f"has length 3; got shape {array.shape}"
        )
    if not np.isfinite(array).all():
        raise InvalidArgumentError(f"{name} must be finite; got NaN or infinite values")
    bad = (array[..., 0] > array[..., 1]) | (array[..., 1] > array[..., 2])
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        triangle = array[where] if where else array
        raise InvalidArgumentError(
            f"{name} must have l <= m <= u; got {tuple(float(v) for v in triangle)}"
            + (f" at {where}" if where else "")
        )
    if positive and (array[..., 0] <= 0).any():
        raise InvalidArgumentError(
            f"{name} must be positive (l > 0); got l = {array[..., 0].min():g}"
        )
    return array


def _plain_triangles(value: Any) -> Any:
    """Replace TriangularFuzzyNumber objects in nested lists by tuples."""
    if isinstance(value, TriangularFuzzyNumber):
        return tuple(value)
    if isinstance(value, (list, tuple)):
        return [_plain_triangles(v) for v in value]
    if isinstance(value, (str, bytes, Mapping, bool)):
        raise TypeError
    return value


def defuzzify(triangles: np.ndarray, method: str = "centroid") -> np.ndarray:
    """Crisp values of ``(..., 3)`` triangles (see :data:`DEFUZZIFICATIONS`).

    Examples
    --------
    >>> triangle = np.array([[1.0, 2.0, 6.0]])
    >>> defuzzify(triangle), defuzzify(triangle, "graded_mean")
    (array([3.]), array([2.5]))
    """
    l, m, u = triangles[..., 0], triangles[..., 1], triangles[..., 2]  # noqa: E741
    if method == "centroid":
        return (l + m + u) / 3
    return (l + 4 * m + u) / 6


def vertex_distance(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Chen's (2000) vertex distance ``sqrt(((l1-l2)^2 + (m1-m2)^2 + (u1-u2)^2) / 3)``.

    Examples
    --------
    >>> float(vertex_distance(np.array([1.0, 3, 5]), np.array([2.0, 4, 7]))) ** 2
    2.0000000000000004
    """
    return np.sqrt(((a - b) ** 2).mean(axis=-1))
