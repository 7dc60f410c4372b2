"""Fuzzy MCDA: triangular fuzzy numbers, fuzzy AHP (Buckley, Chang) and fuzzy TOPSIS (Chen).

For the SMAA alternative to fuzzy AHP (sampling each judgment inside its
triangle and ranking every sample), see
:class:`coopdecide.sensitivity.TriangularJudgments`.
"""

from coopdecide.fuzzy.ahp import (
    FUZZY_AHP_METHODS,
    FuzzyAHPResult,
    FuzzyPairwiseComparison,
    buckley_weights,
    extent_weights,
    fuzzy_ahp,
)
from coopdecide.fuzzy.numbers import (
    DEFUZZIFICATIONS,
    TriangularFuzzyNumber,
    as_triangles,
    defuzzify,
    vertex_distance,
)
from coopdecide.fuzzy.scales import CHEN_RATINGS, CHEN_WEIGHTS, saaty_triangle
from coopdecide.fuzzy.topsis import IDEALS, FuzzyTOPSISResult, fuzzy_topsis, fuzzy_topsis_kernel

__all__ = [
    "CHEN_RATINGS",
    "CHEN_WEIGHTS",
    "DEFUZZIFICATIONS",
    "FUZZY_AHP_METHODS",
    "IDEALS",
    "FuzzyAHPResult",
    "FuzzyPairwiseComparison",
    "FuzzyTOPSISResult",
    "TriangularFuzzyNumber",
    "as_triangles",
    "buckley_weights",
    "defuzzify",
    "extent_weights",
    "fuzzy_ahp",
    "fuzzy_topsis",
    "fuzzy_topsis_kernel",
    "saaty_triangle",
    "vertex_distance",
]
