"""VIKOR (Opricovic 1998; Opricovic and Tzeng 2004): S, R, Q and the compromise solution.

:func:`vikor_kernel` is a plain, batched numpy function; :func:`vikor` is the
labelled entry point (also reached as ``rank(problem, "vikor")``) and returns a
:class:`VIKORResult`, a :class:`~coopdecide.RankingResult` whose scores are Q
(lower is better) and which also carries S, R, the two conditions of a
compromise solution and the compromise set.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, result_dataclass
from coopdecide._validation import check_interval, describe, format_labels
from coopdecide.exceptions import InvalidProblemError, MethodWarning, ZeroRangeCriterionWarning
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.result import RankingResult, ranks_from_scores
from coopdecide.ranking.topsis import weight_vector

__all__ = [
    "VIKORResult",
    "compromise_set",
    "normalization_names",
    "vikor",
    "vikor_kernel",
]


@functools.cache
def normalization_names() -> tuple[str, ...]:
    """The names of pymcdm's normalizations, read from ``pymcdm.normalizations``.

    Every public function ``<name>_normalization`` of that module, in the
    module's order (pymcdm 1.4: minmax, max, sum, vector, logarithmic, linear,
    nonlinear, enhanced_accuracy, zavadskas_turskis).
    """
    from pymcdm import normalizations

    return tuple(
        name.removesuffix("_normalization")
        for name, function in vars(normalizations).items()
        if name.endswith("_normalization")
        and not name.startswith("_")
        and inspect.isfunction(function)
    )


def vikor_kernel(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray, v: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """VIKOR's S, R and Q, batched over leading axes; no validation.

    Parameters
    ----------
    matrix : numpy.ndarray
        ``(..., n_alternatives, n_criteria)``.
    weights : numpy.ndarray
        ``(..., n_criteria)`` (broadcast against ``matrix``).
    types : numpy.ndarray
        ``(n_criteria,)``: +1 benefit, -1 cost.
    v : float
        Weight of the group utility S in Q (``1 - v`` for the regret R).

    Returns
    -------
    S, R, Q : numpy.ndarray
        Each ``(..., n_alternatives)``; lower is better. A criterion with
        zero range contributes 0 to S and R; when S (or R) is the same for
        every alternative its term of Q is 0 (it does not discriminate).

    Examples
    --------
    >>> s, r, q = vikor_kernel(
    ...     np.array([[1.0, 3000], [2, 3750], [5, 4500]]), np.array([0.5, 0.5]),
    ...     np.array([-1, 1]),
    ... )
    >>> s.tolist(), r.tolist(), q.tolist()
    ([0.5, 0.375, 0.5], [0.5, 0.25, 0.5], [1.0, 0.0, 1.0])
    """
    benefit = np.asarray(types) > 0
    high = matrix.max(axis=-2, keepdims=True)
    low = matrix.min(axis=-2, keepdims=True)
    best = np.where(benefit, high, low)
    span = high - low
    safe = np.where(span == 0, 1.0, span)
    # (f* - f) / (f* - f-) in [0, 1] for benefit and cost criteria alike
    regret = np.where(span == 0, 0.0, np.abs(best - matrix) / safe)
    weighted = np.asarray(weights)[..., None, :] * regret
    s = weighted.sum(axis=-1)
    r = weighted.max(axis=-1)
    q = v * _rescaled(s) + (1.0 - v) * _rescaled(r)
    return s, r, q


def _rescaled(values: np.ndarray) -> np.ndarray:
    """``(x - min) / (max - min)`` along the last axis; 0 where the range is 0."""
    low = values.min(axis=-1, keepdims=True)
    span = values.max(axis=-1, keepdims=True) - low
    return np.where(span == 0, 0.0, (values - low) / np.where(span == 0, 1.0, span))


def compromise_set(
    s: np.ndarray, r: np.ndarray, q: np.ndarray
) -> tuple[np.ndarray, bool, bool, float]:
    """Opricovic and Tzeng's (2004) compromise solution from S, R and Q (1-D arrays).

    Returns the positions of the compromise set (best Q first), whether C1
    (acceptable advantage) and C2 (acceptable stability) hold, and DQ.

    - C1: ``Q(a'') - Q(a') >= DQ`` with ``DQ = 1 / (m - 1)``, ``a'`` and
      ``a''`` the first and second by Q.
    - C2: ``a'`` is also best (possibly tied) by S or by R.
    - Both hold: ``{a'}``. Only C1 fails: ``a', ..., a^(M)`` for the largest
      ``M`` with ``Q(a^(M)) - Q(a') < DQ``. Only C2 fails: ``{a', a''}``.

    With one alternative the set is that alternative and both conditions hold.
    Alternatives tied on Q keep their order in the problem.
    """
    order = np.argsort(np.round(q, 12), kind="stable")
    m = q.size
    if m == 1:
        return order, True, True, 1.0
    dq = 1.0 / (m - 1)
    first = order[0]
    gaps = q[order] - q[first]
    advantage = bool(gaps[1] >= dq - 1e-12)
    stability = bool(
        np.isclose(s[first], s.min(), rtol=0, atol=1e-12)
        or np.isclose(r[first], r.min(), rtol=0, atol=1e-12)
    )
    if not advantage:
        chosen = order[gaps < dq - 1e-12]
    elif not stability:
        chosen = order[:2]
    else:
        chosen = order[:1]
    return chosen, advantage, stability, dq


def _normalized_for_pymcdm(problem: DecisionProblem, normalization: str) -> np.ndarray:
    """The matrix normalized column by column by a pymcdm normalization (cost columns inverted)."""
    from pymcdm import helpers, normalizations

    function = getattr(normalizations, f"{normalization}_normalization")
    try:
        with np.errstate(divide="ignore", invalid="ignore"):
            matrix = helpers.normalize_matrix(problem.matrix.copy(), function, problem.types.copy())
    except (ValueError, ZeroDivisionError) as error:
        raise InvalidProblemError(
            f"normalization {describe(normalization)} cannot normalize this problem for VIKOR: "
            f"{error}"
        ) from error
    matrix = np.asarray(matrix, dtype=float)
    if not np.isfinite(matrix).all():
        bad = problem.criteria[~np.isfinite(matrix).all(axis=0)]
        raise InvalidProblemError(
            f"normalization {describe(normalization)} gives undefined values for VIKOR in "
            f"{format_labels(bad)}; use normalization=None (VIKOR's own scaling)"
        )
    return matrix


def vikor(
    problem: DecisionProblem,
    weights: Any = None,
    *,
    normalization: str | None = None,
    v: float = 0.5,
) -> VIKORResult:
    """Rank by VIKOR and find the compromise solution (Opricovic and Tzeng 2004).

    Parameters
    ----------
    problem : DecisionProblem
        The problem; its weights are used unless ``weights`` is given.
    weights : mapping or array-like, optional
        Criteria weights overriding the problem's.
    normalization : str, optional
        None (default): VIKOR's own linear scaling ``(f* - f) / (f* - f-)``.
        A pymcdm normalization name (as for ``rank(problem, "vikor",
        normalization=...)``) normalizes the columns first (cost columns
        inverted), as pymcdm's ``VIKOR(normalization_function)`` does; for
        "minmax", "max" and "vector" (affine in the values) the result is
        the same as with None.
    v : float, default 0.5
        Weight of the strategy of the majority of criteria (group utility S)
        in Q; ``1 - v`` weighs the individual regret R. 0.5 is "by
        consensus", above 0.5 "by majority", below 0.5 "with veto".

    Returns
    -------
    VIKORResult
        ``scores`` is Q (lower is better); ``s``, ``r``, ``q``,
        ``compromise``, ``advantage`` (C1), ``stability`` (C2), ``dq``.

    Raises
    ------
    InvalidArgumentError
        ``v`` outside [0, 1].
    InvalidProblemError
        Data the chosen pymcdm normalization cannot handle.
    InvalidWeightsError
        No weights, or invalid ones.
    UnknownMethodError
        An unknown normalization.

    Warns
    -----
    ZeroRangeCriterionWarning
        A weighted criterion has the same value for every alternative: its
        regret is 0 everywhere (pymcdm refuses such problems).
    MethodWarning
        S or R is the same for every alternative: its term of Q is 0/0 and is
        taken as 0, so Q ranks by the other measure alone.

    References
    ----------
    Opricovic, S. and Tzeng, G.-H. (2004). Compromise solution by MCDM
    methods: A comparative analysis of VIKOR and TOPSIS. European Journal of
    Operational Research 156(2):445-455.

    Opricovic, S. (1998). *Multicriteria Optimization of Civil Engineering
    Systems*. Faculty of Civil Engineering, Belgrade.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[1, 3000], [2, 3750], [5, 4500]], ["min", "max"], weights=[0.5, 0.5],
    ...     alternatives=["A1", "A2", "A3"],
    ... )
    >>> result = vikor(problem)
    >>> result.q.tolist(), list(result.compromise)
    ([1.0, 0.0, 1.0], ['A2'])
    """
    from coopdecide._validation import check_choice
    from coopdecide.ranking.topsis import resolve_weights

    if not isinstance(problem, DecisionProblem):
        raise InvalidProblemError(
            f"problem must be a DecisionProblem for VIKOR; got {type(problem).__name__}"
        )
    v = check_interval("v", v, 0, 1)
    problem = resolve_weights(problem, weights)
    matrix, types = problem.matrix, problem.types.astype(float)
    if normalization is not None:
        check_choice("normalization", normalization, normalization_names())
        matrix, types = _normalized_for_pymcdm(problem, normalization), np.ones_like(types)
    weight_array = weight_vector(problem)
    zero_range = (matrix.max(axis=0) == matrix.min(axis=0)) & (weight_array > 0)
    if zero_range.any():
        warnings.warn(
            "criteria with the same value for every alternative contribute nothing to "
            f"VIKOR: {format_labels(problem.criteria[zero_range])}",
            ZeroRangeCriterionWarning,
            stacklevel=2,
        )
    s, r, q = vikor_kernel(matrix, weight_array, types, v)
    flat = [name for name, values in (("S", s), ("R", r)) if np.ptp(values) == 0]
    if flat and s.size > 1:
        warnings.warn(
            f"VIKOR: {' and '.join(flat)} is the same for every alternative, so its term of Q "
            "(0/0) is taken as 0",
            MethodWarning,
            stacklevel=2,
        )
    options: dict[str, Any] = {"v": v}
    if normalization is not None:
        options["normalization"] = normalization
    return VIKORResult(
        method="vikor",
        options=options,
        problem=problem,
        score_array=q,
        higher_is_better=False,
        intermediate={"s": s, "r": r},
        zero_range_criteria=tuple(problem.criteria[zero_range]),
    )


@result_dataclass
class VIKORResult(RankingResult):
    """VIKOR's S, R and Q, the compromise solution and its conditions.

    A :class:`~coopdecide.RankingResult` (``scores`` is Q, lower is better,
    ``ranks`` by Q), returned by :func:`vikor` and ``rank(problem, "vikor")``.
    """

    plot = PlotAccessor("VIKORPlots")

    @property
    def s(self) -> pd.Series:
        """Group utility S (weighted, normalized Manhattan distance to the ideal)."""
        return pd.Series(self.intermediate["s"], index=self.problem.alternatives, name="S")

    @property
    def r(self) -> pd.Series:
        """Individual regret R (largest weighted normalized gap to the ideal)."""
        return pd.Series(self.intermediate["r"], index=self.problem.alternatives, name="R")

    @property
    def q(self) -> pd.Series:
        """The compromise index Q (the scores); lower is better."""
        return self.scores.rename("Q")

    def _compromise(self) -> tuple[np.ndarray, bool, bool, float]:
        return compromise_set(self.intermediate["s"], self.intermediate["r"], self.score_array)

    @property
    def compromise(self) -> pd.Index:
        """The compromise solution: one alternative, or the compromise set (best Q first)."""
        return self.problem.alternatives[self._compromise()[0]]

    @property
    def advantage(self) -> bool:
        """Condition C1, acceptable advantage: ``Q(a'') - Q(a') >= DQ``."""
        return self._compromise()[1]

    @property
    def stability(self) -> bool:
        """Condition C2, acceptable stability: the best by Q is also best by S or R."""
        return self._compromise()[2]

    @property
    def dq(self) -> float:
        """The threshold of C1, ``DQ = 1 / (m - 1)`` for ``m`` alternatives."""
        return self._compromise()[3]

    def to_frame(self, *, sort: bool = True) -> pd.DataFrame:
        """S, R, Q with their ranks and compromise membership, best Q first."""
        frame = pd.DataFrame(
            {
                "S": self.s,
                "R": self.r,
                "Q": self.q,
                "rank_S": ranks_from_scores(self.intermediate["s"], higher_is_better=False),
                "rank_R": ranks_from_scores(self.intermediate["r"], higher_is_better=False),
                "rank": self.ranks,
                "compromise": self.problem.alternatives.isin(self.compromise),
            },
            index=self.problem.alternatives,
        )
        frame.index.name = "alternative"
        return frame.sort_values(["rank", "Q"]) if sort else frame

    def _export(self) -> dict[str, Any]:
        exported = super()._export()
        exported.update(
            s=self.intermediate["s"],
            r=self.intermediate["r"],
            q=self.score_array,
            compromise=list(self.compromise),
            advantage=self.advantage,
            stability=self.stability,
            dq=self.dq,
        )
        return exported

    def _summary(self) -> dict[str, Any]:
        facts = super()._summary()
        facts["compromise"] = ", ".join(map(str, self.compromise))
        facts["C1 (advantage)"] = self.advantage
        facts["C2 (stability)"] = self.stability
        return facts

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"VIKOR": self.to_frame()}
