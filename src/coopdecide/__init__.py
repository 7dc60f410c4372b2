"""coopdecide: multi-criteria decisions for planning international cooperation.

AHP weights from one or several stakeholders, TOPSIS and other rankings, and a
sensitivity analysis that says how stable a recommendation is.

The public names are loaded on first use, so ``import coopdecide`` stays light
(no matplotlib, no pymcdm).
"""

from __future__ import annotations

from coopdecide._lazy import lazy_attributes

__version__ = "0.1.0"

# public name -> module that defines it. ``ahp`` is the package coopdecide.ahp, which is
# callable: coopdecide.ahp(comparison, ...) runs coopdecide.ahp.ahp(comparison, ...).
_EXPORTS: dict[str, str] = {
    "DecisionProblem": "coopdecide.problem",
    "Objective": "coopdecide.problem",
    "PairwiseComparison": "coopdecide.ahp",
    "AHPResult": "coopdecide.ahp",
    "ahp_group": "coopdecide.ahp",
    "GroupAHPResult": "coopdecide.ahp",
    "CriteriaHierarchy": "coopdecide.ahp",
    "ahp_synthesis": "coopdecide.ahp",
    "AHPSynthesisResult": "coopdecide.ahp",
    "RepairResult": "coopdecide.ahp",
    "repair": "coopdecide.ahp",
    "topsis": "coopdecide.ranking",
    "rank": "coopdecide.ranking",
    "RankingResult": "coopdecide.ranking",
    "load_partner_countries": "coopdecide.datasets",
    "load_partner_countries_table": "coopdecide.datasets",
    "load_study": "coopdecide.study",
    "Study": "coopdecide.study",
    "StudyResult": "coopdecide.study",
    "FileLimits": "coopdecide.study",
    "select_portfolio": "coopdecide.portfolio",
    "PortfolioResult": "coopdecide.portfolio",
}
_SUBMODULES = {
    "ahp",
    "data",
    "datasets",
    "exceptions",
    "fuzzy",
    "io",
    "portfolio",
    "problem",
    "ranking",
    "report",
    "sensitivity",
    "study",
    "weights",
}

__all__ = sorted([*_EXPORTS, "ahp", "__version__"])


__getattr__, __dir__ = lazy_attributes("coopdecide", globals(), _EXPORTS, frozenset(_SUBMODULES))
