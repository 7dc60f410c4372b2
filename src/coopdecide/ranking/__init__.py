"""Ranking: TOPSIS, VIKOR, MOORA, MULTIMOORA natively (batched kernels), others via pymcdm."""

from coopdecide.ranking.kernels import closeness, normalize, topsis_kernel
from coopdecide.ranking.methods import ALL_METHODS, rank
from coopdecide.ranking.moora import MULTIMOORAResult, moora, moora_kernels, multimoora
from coopdecide.ranking.result import RankingResult, ranks_from_scores
from coopdecide.ranking.topsis import topsis
from coopdecide.ranking.vikor import VIKORResult, compromise_set, vikor, vikor_kernel

__all__ = [
    "ALL_METHODS",
    "MULTIMOORAResult",
    "RankingResult",
    "VIKORResult",
    "closeness",
    "compromise_set",
    "moora",
    "moora_kernels",
    "multimoora",
    "normalize",
    "rank",
    "ranks_from_scores",
    "topsis",
    "topsis_kernel",
    "vikor",
    "vikor_kernel",
]
