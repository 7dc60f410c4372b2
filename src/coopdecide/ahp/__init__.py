"""Analytic hierarchy process: pairwise comparisons, priorities and consistency."""

from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.priorities import (
    column_priorities,
    eigenvector_priorities,
    geometric_priorities,
    perron_eigenvalue,
)

__all__ = [
    "PairwiseComparison",
    "column_priorities",
    "eigenvector_priorities",
    "geometric_priorities",
    "perron_eigenvalue",
]
