"""Analytic hierarchy process: pairwise comparisons, priorities and consistency."""

import sys
import types
import warnings
from typing import Any

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
from coopdecide.ahp.delphi import ConsensusHistory, consensus_history
from coopdecide.ahp.group import (
    GroupAHPResult,
    ahp_group,
    geometric_compatibility,
    shannon_consensus,
)
from coopdecide.ahp.hierarchy import AHPSynthesisResult, CriteriaHierarchy, ahp_synthesis
from coopdecide.ahp.incomplete import complete, connected_groups, llsm_weights
from coopdecide.ahp.priorities import (
    column_priorities,
    eigenvector_priorities,
    geometric_priorities,
    perron_eigenvalue,
)
from coopdecide.ahp.repair import RepairResult, repair
from coopdecide.ahp.scale import SAATY_SCALE, closest_saaty_value, lootsma_scale, to_lootsma_scale

__all__ = [
    "RI_TABLES",
    "SAATY_SCALE",
    "AHPResult",
    "AHPSynthesisResult",
    "ConsensusHistory",
    "CriteriaHierarchy",
    "GroupAHPResult",
    "PairwiseComparison",
    "RepairResult",
    "ahp",
    "ahp_group",
    "ahp_synthesis",
    "closest_saaty_value",
    "column_priorities",
    "complete",
    "connected_groups",
    "consensus_history",
    "consistency_index",
    "consistency_ratio",
    "eigenvector_priorities",
    "gci_threshold",
    "geometric_compatibility",
    "geometric_consistency_index",
    "geometric_priorities",
    "llsm_weights",
    "lootsma_scale",
    "perron_eigenvalue",
    "random_index",
    "repair",
    "shannon_consensus",
    "to_lootsma_scale",
]


class _CallableModule(types.ModuleType):
    """Make ``coopdecide.ahp(...)`` call :func:`coopdecide.ahp.ahp`.

    The package ``coopdecide.ahp`` and the function ``ahp`` share a name (both are
    public in DESIGN.md). Once the package is imported, ``coopdecide.ahp`` is the
    package, so the package itself forwards calls to the function.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> AHPResult:
        # Re-issue ahp()'s warnings one frame up, so they point at the caller's line.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = ahp(*args, **kwargs)
        for warning in caught:
            warnings.warn(warning.message, warning.category, stacklevel=2)
        return result


sys.modules[__name__].__class__ = _CallableModule
