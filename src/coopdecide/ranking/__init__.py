"""Ranking methods: TOPSIS (native, batched numpy kernel) and others via pymcdm."""

from coopdecide.ranking.kernels import closeness, normalize, topsis_kernel
from coopdecide.ranking.methods import ALL_METHODS, rank
from coopdecide.ranking.result import RankingResult, ranks_from_scores
from coopdecide.ranking.topsis import topsis

__all__ = [
    "ALL_METHODS",
    "RankingResult",
    "closeness",
    "normalize",
    "rank",
    "ranks_from_scores",
    "topsis",
    "topsis_kernel",
]
