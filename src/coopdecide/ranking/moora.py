"""MOORA and MULTIMOORA (Brauers and Zavadskas 2006, 2010, 2011), native.

:func:`moora_kernels` computes the three MULTIMOORA parts as plain, batched
numpy; :func:`moora` (``rank(problem, "moora")``) is the ratio system alone,
which unlike pymcdm's ``MOORA`` also ranks problems with only benefit
criteria; :func:`multimoora` (``rank(problem, "multimoora")``) adds the
reference point and the full multiplicative form and aggregates the three
rankings, returning a :class:`MULTIMOORAResult`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import PlotAccessor, result_dataclass
from coopdecide._validation import check_option, format_labels
from coopdecide.exceptions import InvalidProblemError
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.kernels import normalize
from coopdecide.ranking.result import RankingResult, ranks_from_scores
from coopdecide.ranking.topsis import weight_vector

__all__ = ["AGGREGATIONS", "MULTIMOORAResult", "moora", "moora_kernels", "multimoora"]

#: How :func:`multimoora` merges its three rankings.
AGGREGATIONS = ("dominance", "rank_sum")


def moora_kernels(
    matrix: np.ndarray, weights: np.ndarray, types: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three MULTIMOORA scores, batched over leading axes; no validation.

    Parameters
    ----------
    matrix : numpy.ndarray
        ``(..., n_alternatives, n_criteria)``; positive values for the
        multiplicative form (a non-positive value gives NaN there).
    weights : numpy.ndarray
        ``(..., n_criteria)``.
    types : numpy.ndarray
        ``(n_criteria,)``: +1 benefit, -1 cost.

    Returns
    -------
    ratio : numpy.ndarray
        Ratio system ``y_i = sum_benefit w_j x*_ij - sum_cost w_j x*_ij``
        with ``x* = x / sqrt(sum_i x^2)``; higher is better.
    reference : numpy.ndarray
        Reference point ``max_j w_j |r_j - x*_ij|`` with ``r_j`` the best
        normalized value of criterion ``j``; lower is better.
    multiplicative : numpy.ndarray
        Full multiplicative form ``prod_benefit x^w_j / prod_cost x^w_j``;
        higher is better.

    Examples
    --------
    >>> ratio, reference, product = moora_kernels(
    ...     np.array([[4.0, 2.0], [3.0, 1.0]]), np.array([0.5, 0.5]), np.array([1, -1])
    ... )
    >>> ratio.round(4).tolist(), reference.round(4).tolist(), product.round(4).tolist()
    ([-0.0472, 0.0764], [0.2236, 0.1], [1.4142, 1.7321])
    """
    signs = np.where(np.asarray(types) > 0, 1.0, -1.0)
    weights = np.asarray(weights)
    normalized = normalize(matrix, "vector")
    ratio = np.einsum("...ij,...j->...i", normalized, weights * signs)
    best = np.where(
        signs > 0, normalized.max(axis=-2, keepdims=True), normalized.min(axis=-2, keepdims=True)
    )
    reference = (weights[..., None, :] * np.abs(best - normalized)).max(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(matrix > 0, np.log(np.where(matrix > 0, matrix, 1.0)), np.nan)
    multiplicative = np.exp(np.einsum("...ij,...j->...i", logs, weights * signs))
    return ratio, reference, multiplicative


def _checked(problem: DecisionProblem, weights: Any, *, positive: bool) -> DecisionProblem:
    from coopdecide.ranking.topsis import _check_normalizable, resolve_weights

    if not isinstance(problem, DecisionProblem):
        raise InvalidProblemError(
            f"problem must be a DecisionProblem for MOORA; got {type(problem).__name__}"
        )
    problem = resolve_weights(problem, weights)
    _check_normalizable(problem, "vector")
    if positive:
        bad = np.asarray((problem.matrix <= 0).any(axis=0) & (weight_vector(problem) > 0))
        if bad.any():
            raise InvalidProblemError(
                "multimoora's full multiplicative form needs positive values; got zeros or "
                f"negative values in {format_labels(problem.criteria[bad])} (use "
                "rank(problem, 'moora') for the ratio system alone)"
            )
    return problem


def moora(problem: DecisionProblem, weights: Any = None) -> RankingResult:
    """Rank by the MOORA ratio system (Brauers and Zavadskas 2006).

    ``y_i = sum_benefit w_j x*_ij - sum_cost w_j x*_ij`` with the vector
    normalization ``x* = x / sqrt(sum_i x^2)``; higher is better. The same
    scores as pymcdm's ``MOORA``, which refuses problems without a cost
    criterion; here they are ranked too (the sum then has no negative part).

    Parameters
    ----------
    problem : DecisionProblem
        The problem; its weights are used unless ``weights`` is given.
    weights : mapping or array-like, optional
        Criteria weights overriding the problem's.

    Returns
    -------
    RankingResult
        ``scores`` (the ratio-system values), ``normalized``, ``weighted``.

    Raises
    ------
    InvalidProblemError
        A criterion whose values are all zero (the vector normalization
        divides by its length).

    References
    ----------
    Brauers, W. K. M. and Zavadskas, E. K. (2006). The MOORA method and its
    application to privatization in a transition economy. Control and
    Cybernetics 35(2):445-469.

    Examples
    --------
    >>> problem = DecisionProblem([[4, 2], [3, 1]], "max", weights=[0.5, 0.5])
    >>> moora(problem).scores.round(4).tolist()
    [0.8472, 0.5236]
    """
    problem = _checked(problem, weights, positive=False)
    normalized = normalize(problem.matrix, "vector")
    signs = np.where(problem.types > 0, 1.0, -1.0)
    ratio = normalized @ (weight_vector(problem) * signs)  # as in moora_kernels
    return RankingResult(
        method="moora",
        options={},
        problem=problem,
        score_array=ratio,
        intermediate={
            "normalized": normalized,
            "weighted": normalized * weight_vector(problem),
        },
    )


def _dominance_scores(ranks: np.ndarray) -> np.ndarray:
    """Copeland scores of the pairwise majority over the rank lists (columns of ``ranks``).

    ``a`` dominates ``b`` when ``a`` is ranked strictly better than ``b`` in
    more of the lists than ``b`` is better than ``a`` (with three lists and no
    ties: in at least two of them, Brauers and Zavadskas's "general
    dominance"). The score is the number of alternatives an alternative
    dominates minus the number that dominate it; cycles of dominance
    ("circular reasoning") leave their members tied.
    """
    better = (ranks[:, None, :] < ranks[None, :, :]).sum(axis=-1)  # (n, n): lists a above b
    dominates = better > better.T
    return dominates.sum(axis=1) - dominates.sum(axis=0)


def multimoora(
    problem: DecisionProblem, weights: Any = None, *, aggregation: str = "dominance"
) -> MULTIMOORAResult:
    """Rank by MULTIMOORA (Brauers and Zavadskas 2010).

    Three rankings: the ratio system, the reference point (Tchebycheff
    distance to the best normalized values) and the full multiplicative form,
    merged into one.

    Parameters
    ----------
    problem : DecisionProblem
        The problem; its weights are used unless ``weights`` is given. The
        multiplicative form needs positive values in every weighted criterion.
    weights : mapping or array-like, optional
        Criteria weights overriding the problem's. The original method is
        unweighted; equal weights reproduce it up to a positive factor (ratio
        system, reference point) and a power (multiplicative form), which
        leaves the rankings unchanged.
    aggregation : {"dominance", "rank_sum"}, default "dominance"
        ``"dominance"``: the pairwise majority of the three rankings (an
        alternative ranked better in two of the three dominates; Brauers and
        Zavadskas 2011's dominance theory), turned into a ranking by
        Copeland's count (alternatives dominated minus alternatives
        dominating); ``scores`` are these counts, higher is better.
        ``"rank_sum"``: the sum of the three ranks; lower is better.

    Returns
    -------
    MULTIMOORAResult
        ``scores`` by the aggregation; ``ratio``, ``reference``,
        ``multiplicative`` and the three rankings in ``to_frame()``.

    Raises
    ------
    InvalidProblemError
        A column of zeros, or non-positive values for the multiplicative form.
    UnknownMethodError
        An unknown ``aggregation``.

    References
    ----------
    Brauers, W. K. M. and Zavadskas, E. K. (2010). Project management by
    MULTIMOORA as an instrument for transition economies. Technological and
    Economic Development of Economy 16(1):5-24.

    Brauers, W. K. M. and Zavadskas, E. K. (2011). MULTIMOORA optimization
    used to decide on a bank loan to buy property. Technological and Economic
    Development of Economy 17(1):174-188.

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[4, 2], [3, 1], [5, 3]], ["max", "min"], weights=[0.5, 0.5],
    ...     alternatives=["a", "b", "c"],
    ... )
    >>> multimoora(problem).ranks.tolist()
    [2, 1, 3]
    """
    check_option("aggregation", aggregation, AGGREGATIONS)
    problem = _checked(problem, weights, positive=True)
    ratio, reference, multiplicative = moora_kernels(
        problem.matrix, weight_vector(problem), problem.types
    )
    part_ranks = np.column_stack(
        [
            ranks_from_scores(ratio),
            ranks_from_scores(reference, higher_is_better=False),
            ranks_from_scores(multiplicative),
        ]
    )
    if aggregation == "dominance":
        scores, higher_is_better = _dominance_scores(part_ranks).astype(float), True
    else:
        scores, higher_is_better = part_ranks.sum(axis=1).astype(float), False
    return MULTIMOORAResult(
        method="multimoora",
        options={"aggregation": aggregation},
        problem=problem,
        score_array=scores,
        higher_is_better=higher_is_better,
        intermediate={
            "ratio": ratio,
            "reference": reference,
            "multiplicative": multiplicative,
            "part_ranks": part_ranks,
        },
    )


@result_dataclass
class MULTIMOORAResult(RankingResult):
    """The three MULTIMOORA rankings and their aggregation.

    A :class:`~coopdecide.RankingResult` whose ``scores`` and ``ranks`` are
    the aggregated ones; returned by :func:`multimoora` and
    ``rank(problem, "multimoora")``.
    """

    plot = PlotAccessor("MULTIMOORAPlots")

    def _part(self, key: str) -> pd.Series:
        return pd.Series(self.intermediate[key], index=self.problem.alternatives, name=key)

    @property
    def ratio(self) -> pd.Series:
        """Ratio-system scores (higher is better)."""
        return self._part("ratio")

    @property
    def reference(self) -> pd.Series:
        """Reference-point distances (lower is better)."""
        return self._part("reference")

    @property
    def multiplicative(self) -> pd.Series:
        """Full multiplicative form (higher is better)."""
        return self._part("multiplicative")

    @property
    def part_ranks(self) -> pd.DataFrame:
        """The rank of each alternative in each of the three parts."""
        return pd.DataFrame(
            self.intermediate["part_ranks"],
            index=self.problem.alternatives,
            columns=["rank_ratio", "rank_reference", "rank_multiplicative"],
        )

    def to_frame(self, *, sort: bool = True) -> pd.DataFrame:
        """The three parts, their ranks, the aggregated score and rank, best first."""
        parts: list[pd.Series | pd.DataFrame] = [
            self.ratio,
            self.reference,
            self.multiplicative,
            self.part_ranks,
        ]
        frame = pd.concat([*parts, self.scores, self.ranks], axis=1)
        frame.index.name = "alternative"
        return frame.sort_values(["rank"], kind="stable") if sort else frame

    def _export(self) -> dict[str, Any]:
        exported = super()._export()
        for key in ("ratio", "reference", "multiplicative", "part_ranks"):
            exported[key] = self.intermediate[key]
        return exported

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {"MULTIMOORA": self.to_frame()}
