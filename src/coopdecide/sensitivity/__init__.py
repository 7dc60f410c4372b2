"""Sensitivity analysis: how stable a recommendation is.

- :func:`one_at_a_time`: vary one criterion's weight, with exact TOPSIS swap points;
- :func:`critical_changes`: the smallest weight changes that alter the ranking
  (Triantaphyllou and Sanchez 1997);
- :func:`smaa`: stochastic multicriteria acceptability analysis (SMAA-2) under
  weight, judgment and data uncertainty;
- :func:`compare_methods`: agreement of rankings across methods and normalizations.

Names are loaded on first use, so importing this package stays light.
"""

from __future__ import annotations

from coopdecide._lazy import lazy_attributes

_EXPORTS: dict[str, str] = {
    "one_at_a_time": "coopdecide.sensitivity.oat",
    "OneAtATimeResult": "coopdecide.sensitivity.oat",
    "critical_changes": "coopdecide.sensitivity.critical",
    "CriticalChangesResult": "coopdecide.sensitivity.critical",
    "smaa": "coopdecide.sensitivity.acceptability",
    "SMAAResult": "coopdecide.sensitivity.acceptability",
    "meta_weights": "coopdecide.sensitivity.acceptability",
    "UniformWeights": "coopdecide.sensitivity.sampling",
    "DirichletWeights": "coopdecide.sensitivity.sampling",
    "JudgmentUncertainty": "coopdecide.sensitivity.sampling",
    "DataUncertainty": "coopdecide.sensitivity.sampling",
    "DataIntervals": "coopdecide.sensitivity.sampling",
    "TriangularJudgments": "coopdecide.sensitivity.fuzzy_judgments",
    "compare_methods": "coopdecide.sensitivity.compare",
    "MethodComparisonResult": "coopdecide.sensitivity.compare",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_attributes("coopdecide.sensitivity", globals(), _EXPORTS)
