"""Analytic hierarchy process: pairwise comparisons, priorities and consistency."""

from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.consistency import (
    RI_TABLES,
    consistency_index,
    consistency_ratio,
    gci_threshold,
    geometric_consistency_index,
    random_index,
)
from coopdecide.ahp.core import AHPResult, ahp
from coopdecide.ahp.incomplete import complete, connected_groups, llsm_weights
from coopdecide.ahp.priorities import (
    column_priorities,
    eigenvector_priorities,
    geometric_priorities,
    perron_eigenvalue,
)
from coopdecide.ahp.repair import RepairResult, repair
from coopdecide.ahp.scale import SAATY_SCALE, closest_saaty_value

__all__ = [
    "RI_TABLES",
    "SAATY_SCALE",
    "AHPResult",
    "PairwiseComparison",
    "RepairResult",
    "ahp",
    "closest_saaty_value",
    "column_priorities",
    "complete",
    "connected_groups",
    "consistency_index",
    "consistency_ratio",
    "eigenvector_priorities",
    "gci_threshold",
    "geometric_consistency_index",
    "geometric_priorities",
    "llsm_weights",
    "perron_eigenvalue",
    "random_index",
    "repair",
]
