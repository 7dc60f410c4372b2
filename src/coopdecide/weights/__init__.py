"""Criteria weights besides AHP: objective weights from the data, combinations, comparison.

- objective weights from the performance table: :func:`entropy_weights`,
  :func:`critic_weights`, :func:`standard_deviation_weights`, :func:`merec_weights`;
- subjective and objective weights combined: :func:`combine_weights`;
- weight vectors side by side: :func:`compare_weights`;
- the Best-Worst Method (Rezaei 2015, 2016): :func:`bwm` and, for several
  experts, :func:`bwm_group`.

The objective and combined weights are :class:`WeightsResult` objects, BWM gives
:class:`BWMResult` and :class:`GroupBWMResult`. Formulas and citations:
``docs/methods/objective-weights.md`` and ``docs/methods/bwm.md``.
"""

from __future__ import annotations

from coopdecide.weights._result import WeightsResult
from coopdecide.weights.bwm import BWMResult, bwm, bwm_consistency_index
from coopdecide.weights.bwm_group import GroupBWMResult, bwm_group
from coopdecide.weights.combine import combine_weights, compare_weights
from coopdecide.weights.objective import (
    critic_weights,
    entropy_weights,
    merec_weights,
    standard_deviation_weights,
)

__all__ = [
    "BWMResult",
    "GroupBWMResult",
    "WeightsResult",
    "bwm",
    "bwm_consistency_index",
    "bwm_group",
    "combine_weights",
    "compare_weights",
    "critic_weights",
    "entropy_weights",
    "merec_weights",
    "standard_deviation_weights",
]
