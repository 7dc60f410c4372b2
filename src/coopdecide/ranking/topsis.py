"""TOPSIS: the labelled, validated entry point over the numpy kernels."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from coopdecide._validation import check_option, describe, format_labels
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidWeightsError,
    ZeroRangeCriterionWarning,
)
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.kernels import (
    DISTANCES,
    NORMALIZATIONS,
    distances_to,
    ideal_from_extremes,
    normalize,
)
from coopdecide.ranking.result import RankingResult

__all__ = ["as_problem", "resolve_weights", "topsis"]


def as_problem(
    problem: DecisionProblem | pd.DataFrame | npt.ArrayLike,
    objectives: Mapping[Any, Any] | Sequence[Any] | str | None,
) -> DecisionProblem:
    """Accept a DecisionProblem, or a matrix with ``objectives``, as a problem.

    A DecisionProblem carries its own objectives, so ``objectives`` must then be
    None: the third positional argument of ``topsis(problem, None, "minmax")`` is
    ``objectives``, not ``normalization``, and is refused with a hint.
    """
    if isinstance(problem, DecisionProblem):
        if objectives is not None:
            raise InvalidArgumentError(
                "objectives comes from the DecisionProblem and must be None with one "
                "(change the objectives with problem.with_objectives(...)); got "
                f"objectives={describe(objectives)}{_option_hint(objectives)}"
            )
        return problem
    if objectives is None:
        raise InvalidProblemError(
            "objectives is required when the problem is given as a matrix; "
            "pass objectives=['max', 'min', ...] or a DecisionProblem"
        )
    hint = _option_hint(objectives)
    if hint and objectives != "max":  # "max" is an objective and a normalization
        raise InvalidProblemError(
            "objectives must be one of 'max', 'min', 'benefit', 'cost', 1 or -1 (one "
            f"per criterion, or one for all); got {describe(objectives)}{hint}"
        )
    return DecisionProblem(problem, objectives)


def _option_hint(value: Any) -> str:
    """``" (did you mean normalization='minmax'?)"`` if ``value`` names a TOPSIS option."""
    if isinstance(value, str):
        for option, names in (("normalization", NORMALIZATIONS), ("distance", DISTANCES)):
            if value in names:
                return f" (did you mean {option}={describe(value)}?)"
    return ""


def resolve_weights(problem: DecisionProblem, weights: Any) -> DecisionProblem:
    """Return ``problem`` carrying ``weights`` (given, or its own); error if neither."""
    if weights is not None:
        return problem.with_weights(weights)
    weight_vector(problem)
    return problem


def weight_vector(problem: DecisionProblem) -> np.ndarray:
    """The problem's weights as an array; InvalidWeightsError if it has none."""
    if problem.weight_array is None:
        raise InvalidWeightsError(
            "weights are required: the problem has none and none were passed; "
            "pass weights=... or use problem.with_weights(...)"
        )
    return problem.weight_array


def _check_normalizable(
    problem: DecisionProblem, normalization: str, extremes: tuple[Any, Any] | None = None
) -> None:
    """Raise if a column cannot be normalized.

    ``extremes``: the columns' (max, min), of the data or of the normalized
    data (a column of zeros normalizes to zeros).
    """
    matrix = problem.matrix
    criteria = problem._criteria
    if normalization in ("vector", "max"):
        high, low = extremes if extremes is not None else (matrix.max(axis=0), matrix.min(axis=0))
        zero = (high == 0) & (low == 0)
        if zero.any():
            raise InvalidProblemError(
                f"normalization={describe(normalization)} cannot normalize a column of zeros; "
                f"got zeros only in {format_labels(criteria[zero])}"
            )
    elif normalization == "sum":
        negative = (matrix < 0).any(axis=0)
        if negative.any():
            raise InvalidProblemError(
                "normalization='sum' needs non-negative values; got negative values in "
                f"{format_labels(criteria[np.asarray(negative, dtype=bool)])}"
            )
        zero = matrix.sum(axis=0) <= 0
        if zero.any():
            raise InvalidProblemError(
                "normalization='sum' needs a positive column sum; got zeros only in "
                f"{format_labels(criteria[zero])}"
            )


def topsis(
    problem: DecisionProblem | pd.DataFrame | npt.ArrayLike,
    weights: Mapping[Any, float] | npt.ArrayLike | None = None,
    objectives: Mapping[Any, Any] | Sequence[Any] | str | None = None,
    *,
    normalization: str = "vector",
    distance: str = "euclidean",
) -> RankingResult:
    """Rank alternatives by TOPSIS (Hwang and Yoon 1981).

    Each alternative's closeness ``C = D- / (D+ + D-)`` to the ideal point,
    where ``D+`` and ``D-`` are its distances to the weighted ideal and
    anti-ideal points of the normalized matrix.

    Parameters
    ----------
    problem : DecisionProblem, DataFrame or array-like
        The decision problem, or a performance matrix (then ``objectives``
        is required).
    weights : mapping or array-like, optional
        Criteria weights (normalised to sum 1). Default: the problem's own.
    objectives : mapping, sequence or str, optional
        Objectives for a plain matrix (``"max"``/``"min"`` per criterion), as
        in ``topsis(matrix, weights, objectives)``. Must be None when
        ``problem`` is a DecisionProblem, which carries its own objectives
        (change them with ``problem.with_objectives(...)``). Options such as
        ``normalization`` are keyword-only: ``topsis(problem, None, "minmax")``
        is an error that suggests ``normalization="minmax"``.
    normalization : {"vector", "minmax", "max", "sum"}, default "vector"
        ``"vector"`` is the textbook choice (Hwang and Yoon 1981,
        ``x / sqrt(sum x^2)``). pymcdm's ``TOPSIS()`` defaults to min-max:
        on some data the winner changes with the normalization, so choose it
        deliberately (see docs/methods/topsis.md).
    distance : {"euclidean", "manhattan"}, default "euclidean"
        The distance to the ideal and anti-ideal points.

    Returns
    -------
    RankingResult
        ``scores`` (closeness in [0, 1]), ``ranks`` (1 = best, ties share
        the best rank), ``d_plus``, ``d_minus``, ``ideal``, ``anti_ideal``,
        ``normalized``, ``weighted``.

    Raises
    ------
    InvalidArgumentError
        ``objectives`` given with a DecisionProblem.
    InvalidProblemError
        A column that the normalization cannot handle (all zeros under
        "vector" or "max"; negative values or a zero sum under "sum");
        invalid or missing ``objectives`` for a plain matrix.
    InvalidWeightsError
        No weights, or invalid weights.
    UnknownMethodError
        An unknown normalization or distance.

    Warns
    -----
    ZeroRangeCriterionWarning
        A criterion with a positive weight has the same value for every
        alternative: it contributes nothing to the distances (reported in
        ``zero_range_criteria``). If every weighted criterion has zero
        range, every closeness is 0.5.

    Notes
    -----
    Cost criteria are handled through the ideal point (minimum of the
    normalized column), not by inverting values.

    References
    ----------
    Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making:
    Methods and Applications*. Lecture Notes in Economics and Mathematical
    Systems 186, Springer, pp. 128-134.

    Examples
    --------
    >>> result = topsis(
    ...     [[2.0, 1500, 20000, 5.5, 5, 9], [2.5, 2700, 18000, 6.5, 3, 5],
    ...      [1.8, 2000, 21000, 4.5, 7, 7], [2.2, 1800, 20000, 5.0, 5, 5]],
    ...     weights=[0.2, 0.1, 0.1, 0.1, 0.2, 0.3],
    ...     objectives=["max", "max", "max", "min", "max", "max"],
    ... )
    >>> result.scores.round(3).tolist()
    [0.643, 0.268, 0.614, 0.312]
    >>> result.ranks.tolist()
    [1, 4, 2, 3]
    """
    check_option("normalization", normalization, NORMALIZATIONS)
    check_option("distance", distance, DISTANCES)
    problem = resolve_weights(as_problem(problem, objectives), weights)
    matrix = problem.matrix
    weight_array = weight_vector(problem)
    types = problem.types.astype(float)
    normalized = normalize(matrix, normalization)
    # the normalized columns' extremes serve the checks (a column of zeros stays all 0; a
    # column's range is zero exactly where its normalized range is) and the ideal points
    high, low = normalized.max(axis=0), normalized.min(axis=0)
    _check_normalizable(problem, normalization, (high, low))

    zero_range = (high == low) & (weight_array > 0)
    zero_range_criteria: tuple[Any, ...] = ()
    if zero_range.any():
        zero_range_criteria = tuple(problem.criteria[zero_range])
        warnings.warn(
            "criteria with the same value for every alternative contribute nothing to "
            f"TOPSIS: {format_labels(zero_range_criteria)}",
            ZeroRangeCriterionWarning,
            stacklevel=2,
        )

    ideal, anti_ideal = ideal_from_extremes(high, low, types)
    score, d_plus, d_minus = distances_to(normalized, weight_array, ideal, anti_ideal, distance)
    return RankingResult(
        method="topsis",
        options={"normalization": normalization, "distance": distance},
        problem=problem,
        score_array=score,
        intermediate={
            "normalized": normalized,
            "ideal": weight_array * ideal,
            "anti_ideal": weight_array * anti_ideal,
            "d_plus": d_plus,
            "d_minus": d_minus,
        },
        zero_range_criteria=zero_range_criteria,
    )
