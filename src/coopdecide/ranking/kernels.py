"""Plain numpy kernels for TOPSIS: no pandas, no validation.

These functions are for tools that embed coopdecide and for the sensitivity
analysis, which evaluates TOPSIS for thousands of weight vectors at once. The
labelled, validated entry point is :func:`coopdecide.topsis`.

Conventions
-----------
Cost criteria are handled the way Hwang and Yoon (1981) do it: the normalized
values are not inverted; the ideal point takes the column minimum for a cost
criterion and the maximum for a benefit criterion (the anti-ideal the
opposite). For the linear normalizations ("vector", "minmax", "max") this gives
the same distances, hence the same closeness, as inverting cost columns first
(``1 - r``), which is what pymcdm does.

Normalizations (per column ``x``):

- ``"vector"``: ``x / sqrt(sum x^2)`` (Hwang and Yoon 1981, the textbook default);
- ``"minmax"``: ``(x - min x) / (max x - min x)``; a zero-range column becomes 0;
- ``"max"``: ``x / max |x|``;
- ``"sum"``: ``x / sum x`` (needs non-negative values with a positive sum).
"""

from __future__ import annotations

import numpy as np

from coopdecide._validation import describe

__all__ = [
    "NORMALIZATIONS",
    "closeness",
    "ideal_points",
    "normalize",
    "topsis_kernel",
]

NORMALIZATIONS = ("vector", "minmax", "max", "sum")
DISTANCES = ("euclidean", "manhattan")


def normalize(matrix: np.ndarray, method: str = "vector") -> np.ndarray:
    """Normalize the columns of ``matrix`` (alternatives along axis -2).

    Parameters
    ----------
    matrix : numpy.ndarray
        Shape ``(..., n_alternatives, n_criteria)``.
    method : {"vector", "minmax", "max", "sum"}
        The normalization (see the module docstring).

    Returns
    -------
    numpy.ndarray
        Same shape as ``matrix``. Columns whose denominator is zero become 0
        (callers that must reject such columns check first).

    Examples
    --------
    >>> normalize(np.array([[3.0, 1.0], [4.0, 1.0]]), "vector")
    array([[0.6       , 0.70710678],
           [0.8       , 0.70710678]])
    """
    if method == "vector":
        denominator = np.sqrt(np.einsum("...ij,...ij->...j", matrix, matrix))[..., None, :]
        shifted = matrix
    elif method == "minmax":
        low = matrix.min(axis=-2, keepdims=True)
        denominator = matrix.max(axis=-2, keepdims=True) - low
        shifted = matrix - low
    elif method == "max":
        denominator = np.abs(matrix).max(axis=-2, keepdims=True)
        shifted = matrix
    elif method == "sum":
        denominator = matrix.sum(axis=-2, keepdims=True)
        shifted = matrix
    else:
        raise ValueError(f"unknown normalization {describe(method)}")
    safe = np.where(denominator == 0, 1.0, denominator)
    return np.where(denominator == 0, 0.0, shifted / safe)


def ideal_points(normalized: np.ndarray, types: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unweighted ideal and anti-ideal points of a normalized matrix.

    Parameters
    ----------
    normalized : numpy.ndarray
        Shape ``(..., n_alternatives, n_criteria)``.
    types : numpy.ndarray
        +1 for benefit, -1 for cost criteria, shape ``(n_criteria,)``.

    Returns
    -------
    ideal, anti_ideal : numpy.ndarray
        Shape ``(..., n_criteria)`` each. Since weights are non-negative, the
        weighted ideal is ``weights * ideal``.
    """
    return ideal_from_extremes(normalized.max(axis=-2), normalized.min(axis=-2), types)


def ideal_from_extremes(
    high: np.ndarray, low: np.ndarray, types: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`ideal_points` from the columns' maxima ``high`` and minima ``low``."""
    benefit = types > 0
    return np.where(benefit, high, low), np.where(benefit, low, high)


def topsis_kernel(
    normalized: np.ndarray,
    weights: np.ndarray,
    types: np.ndarray,
    distance: str = "euclidean",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Closeness and distances for one or many weight vectors.

    Parameters
    ----------
    normalized : numpy.ndarray
        Normalized matrix, shape ``(n, m)``, or one per sample ``(s, n, m)``.
    weights : numpy.ndarray
        Shape ``(m,)`` for one weight vector or ``(s, m)`` for a batch.
        Non-negative; they need not sum to 1 (closeness is scale-invariant).
    types : numpy.ndarray
        +1 benefit / -1 cost, shape ``(m,)``.
    distance : {"euclidean", "manhattan"}
        The distance to the ideal and anti-ideal points.

    Returns
    -------
    closeness, d_plus, d_minus : numpy.ndarray
        Shape ``(n,)`` for a single weight vector and matrix, else ``(s, n)``.
        Where an alternative is at distance 0 from both points (every
        weighted criterion has zero range) its closeness is 0.5.

    Notes
    -----
    The weighted distances for all samples are matrix products: with
    ``P = (R - ideal)^2`` (shape ``n x m``), ``D+^2 = (W * W) @ P.T``. The
    normalization is done once, outside this function.
    """
    ideal, anti_ideal = ideal_points(normalized, types)
    return distances_to(normalized, weights, ideal, anti_ideal, distance)


def distances_to(
    normalized: np.ndarray,
    weights: np.ndarray,
    ideal: np.ndarray,
    anti_ideal: np.ndarray,
    distance: str = "euclidean",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`topsis_kernel` with the (unweighted) ideal and anti-ideal points given."""
    gap_plus = normalized - ideal[..., None, :]
    gap_minus = normalized - anti_ideal[..., None, :]
    if distance == "euclidean":
        factor = weights * weights
        gap_plus = gap_plus * gap_plus
        gap_minus = gap_minus * gap_minus
    elif distance == "manhattan":
        factor = weights
        gap_plus = np.abs(gap_plus)
        gap_minus = np.abs(gap_minus)
    else:
        raise ValueError(f"unknown distance {describe(distance)}")
    if normalized.ndim == 2:
        # (s, m) @ (m, n) -> (s, n), or (m,) @ (m, n) -> (n,)
        d_plus = factor @ gap_plus.T
        d_minus = factor @ gap_minus.T
    else:
        d_plus = np.einsum("...m,...nm->...n", factor, gap_plus)
        d_minus = np.einsum("...m,...nm->...n", factor, gap_minus)
    if distance == "euclidean":
        # Tiny negative values cannot occur (sums of squares), sqrt is safe.
        d_plus = np.sqrt(d_plus)
        d_minus = np.sqrt(d_minus)
    total = d_plus + d_minus
    score = np.divide(d_minus, total, out=np.full(np.shape(total), 0.5), where=total > 0)
    return score, d_plus, d_minus


def closeness(
    matrix: np.ndarray,
    weights: np.ndarray,
    types: np.ndarray,
    *,
    normalization: str = "vector",
    distance: str = "euclidean",
) -> np.ndarray:
    """TOPSIS closeness of raw data for one or a batch of weight vectors.

    Parameters
    ----------
    matrix : numpy.ndarray
        Raw performance, shape ``(n, m)`` or ``(s, n, m)``.
    weights : numpy.ndarray
        Shape ``(m,)`` or ``(s, m)``.
    types : numpy.ndarray
        +1 benefit / -1 cost, shape ``(m,)``.
    normalization, distance : str
        See :func:`normalize` and :func:`topsis_kernel`.

    Returns
    -------
    numpy.ndarray
        Closeness in [0, 1], shape ``(n,)`` or ``(s, n)``.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]])
    >>> w = np.array([[0.5, 0.5], [0.9, 0.1]])
    >>> closeness(x, w, np.array([1, 1])).round(3)
    array([[0.5, 0.5, 0.5],
           [0.1, 0.9, 0.5]])
    """
    return topsis_kernel(normalize(matrix, normalization), weights, types, distance)[0]
