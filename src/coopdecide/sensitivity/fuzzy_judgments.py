"""The SMAA route for fuzzy AHP judgments: sample every judgment inside its triangle.

Fuzzy AHP turns triangular judgments into triangular weights by fuzzy
arithmetic and then into one crisp weight vector. The SMAA route reads each
triangle ``(l, m, u)`` as a probability distribution instead (the triangular
distribution with that support and mode), draws every judgment independently,
computes the geometric-mean priorities of each sampled matrix and ranks the
alternatives for every sample: the result is how often each alternative wins,
not one crisp ranking. :class:`TriangularJudgments` is passed to
:func:`coopdecide.sensitivity.smaa` as ``judgments=``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from coopdecide.sensitivity.sampling import check_same_criteria

__all__ = ["TriangularJudgments", "sample_triangular"]


def sample_triangular(
    rng: np.random.Generator, low: np.ndarray, mode: np.ndarray, high: np.ndarray, size: int
) -> np.ndarray:
    """``size`` draws of independent triangular variables, shape ``(size, *low.shape)``.

    Inverse CDF of one uniform draw per value: ``l + sqrt(U (u - l) (m - l))`` below
    the mode's CDF ``(m - l) / (u - l)``, ``u - sqrt((1 - U) (u - l) (u - m))``
    above; a degenerate triangle (``l = u``) gives ``l``.
    """
    span = high - low
    safe = np.where(span > 0, span, 1.0)
    cut = np.where(span > 0, (mode - low) / safe, 0.0)
    draws = rng.random((size, *np.shape(low)))
    below = low + np.sqrt(draws * span * (mode - low))
    above = high - np.sqrt((1.0 - draws) * span * (high - mode))
    return np.where(draws < cut, below, above)


@dataclass(frozen=True, eq=False)
class TriangularJudgments:
    """Fuzzy AHP judgments as triangular distributions, for :func:`smaa`.

    Parameters
    ----------
    comparison : FuzzyPairwiseComparison or array-like
        The fuzzy judgments of the criteria (labels must be the problem's
        criteria, in any order); an ``(n, n, 3)`` array is read as a
        :class:`~coopdecide.fuzzy.FuzzyPairwiseComparison`.

    Notes
    -----
    Each judgment ``a_ij`` (``i < j``) is drawn from the triangular
    distribution on ``[l_ij, u_ij]`` with mode ``m_ij``, ``a_ji = 1 / a_ij``,
    and the weights are the row geometric means of the sampled matrix,
    normalized (the crisp counterpart of Buckley's fuzzy geometric mean, so
    the two routes use the same priority rule). With crisp triangles every
    sample is the geometric-mean AHP of the modal judgments.

    Examples
    --------
    >>> from coopdecide.fuzzy import FuzzyPairwiseComparison
    >>> fpc = FuzzyPairwiseComparison.from_judgments(["a", "b"], {("a", "b"): 3})
    >>> TriangularJudgments(fpc).describe()
    'fuzzy judgments drawn from their triangles, geometric-mean priorities'
    """

    comparison: Any
    _matrix: np.ndarray = field(init=False, repr=False)
    _labels: pd.Index = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from coopdecide.fuzzy import FuzzyPairwiseComparison

        comparison = self.comparison
        if not isinstance(comparison, FuzzyPairwiseComparison):
            comparison = FuzzyPairwiseComparison(comparison)
        object.__setattr__(self, "_matrix", comparison.matrix)
        object.__setattr__(self, "_labels", comparison.labels)

    def describe(self) -> str:
        """A one-line description."""
        return "fuzzy judgments drawn from their triangles, geometric-mean priorities"

    def resolve(self, criteria: pd.Index) -> _TriangularSampler:
        """Bind to the problem's criteria (the weights come out in their order)."""
        check_same_criteria(self._labels, criteria)
        n = len(self._labels)
        rows, cols = np.triu_indices(n, 1)
        upper = self._matrix[rows, cols]  # (pairs, 3)
        # log w_i = (sum_{j>i} log a_ij - sum_{j<i} log a_ji) / n, as a (pairs, n) map
        incidence = np.zeros((rows.size, n))
        incidence[np.arange(rows.size), rows] = 1.0 / n
        incidence[np.arange(rows.size), cols] = -1.0 / n
        order = self._labels.get_indexer(criteria)
        return _TriangularSampler(
            low=upper[:, 0], mode=upper[:, 1], high=upper[:, 2], incidence=incidence[:, order]
        )


@dataclass(frozen=True)
class _TriangularSampler:
    """Picklable, problem-bound sampler of weights from triangular judgments."""

    low: np.ndarray
    mode: np.ndarray
    high: np.ndarray
    incidence: np.ndarray

    def sample(self, rng: np.random.Generator, size: int) -> np.ndarray:
        """Weights ``(size, n_criteria)`` of ``size`` sampled comparison matrices."""
        judgments = sample_triangular(rng, self.low, self.mode, self.high, size)
        log_weights = np.log(judgments) @ self.incidence
        log_weights -= log_weights.max(axis=1, keepdims=True)
        weights = np.exp(log_weights)
        return weights / weights.sum(axis=1, keepdims=True)
