"""The independent brute force shared by the one-at-a-time and critical-change tests.

Both check exact breakpoints against TOPSIS evaluated on a fine grid of the varied
weight. The path is written out here directly from its definition (the varied weight
is t, the others keep their proportions), not taken from coopdecide's own
``path_weights``, so that the check stays independent of the code it checks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from coopdecide import DecisionProblem
from coopdecide.ranking.kernels import normalize, topsis_kernel


@dataclass(frozen=True)
class BruteForce:
    """A grid of the varied weight and TOPSIS along the one-at-a-time path."""

    grid: np.ndarray
    step: float

    @staticmethod
    def path(weights, k, t):
        """Weight vectors with ``w_k = t`` and the others in their original proportions."""
        weights = np.asarray(weights, dtype=float)
        others = np.delete(np.arange(weights.size), k)
        share = weights[others] / weights[others].sum()
        out = np.empty((t.size, weights.size))
        out[:, k] = t
        out[:, others] = (1.0 - t)[:, None] * share
        return out

    def closeness(self, problem, k, normalization, distance, grid=None):
        """TOPSIS closeness at every grid point of criterion ``k`` (grid x alternatives)."""
        grid = self.grid if grid is None else grid
        normalized = normalize(problem.matrix, normalization)
        batch = self.path(problem.weight_array, k, grid)
        return topsis_kernel(normalized, batch, problem.types.astype(float), distance)[0]


@pytest.fixture(scope="session")
def brute():
    """The brute force on a 100,001-point grid of [0, 1] (step 1e-5), as issue #4 asks."""
    grid = np.linspace(0.0, 1.0, 100_001)
    return BruteForce(grid=grid, step=float(grid[1] - grid[0]))


@pytest.fixture
def wsm_equivalent():
    """A 5 x 3 problem with a cost criterion, for comparing pymcdm's WSM with TOPSIS.

    WSM on min-max normalized data (cost: (max - x) / (max - min)) equals TOPSIS with
    min-max normalization and Manhattan distance: then D+ + D- = sum of the weights and
    C = sum_j w_j r_j. The grid method (WSM) must agree with the exact one (TOPSIS).
    """
    return DecisionProblem(
        [[7, 2, 5], [3, 8, 4], [5, 5, 6], [2, 9, 1], [8, 1, 9]],
        ["max", "max", "min"],
        weights=[0.3, 0.3, 0.4],
    )
