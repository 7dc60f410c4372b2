"""Criteria weights besides AHP: objective weights from the data, combinations, comparison.

- objective weights from the performance table: :func:`entropy_weights`,
  :func:`critic_weights`, :func:`standard_deviation_weights`, :func:`merec_weights`;
- subjective and objective weights combined: :func:`combine_weights`;
- weight vectors side by side: :func:`compare_weights`.

Every function returns a :class:`WeightsResult`. Formulas and citations:
``docs/methods/objective-weights.md``.
"""

from __future__ import annotations

from coopdecide.weights._result import WeightsResult
from coopdecide.weights.combine import combine_weights, compare_weights
from coopdecide.weights.objective import (
    critic_weights,
    entropy_weights,
    merec_weights,
    standard_deviation_weights,
)

__all__ = [
    "WeightsResult",
    "combine_weights",
    "compare_weights",
    "critic_weights",
    "entropy_weights",
    "merec_weights",
    "standard_deviation_weights",
]
