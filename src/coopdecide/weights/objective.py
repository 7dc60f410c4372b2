"""Objective weights from the performance table: entropy, CRITIC, standard deviation, MEREC.

Each method has a plain numpy kernel (``*_kernel``: a matrix with alternatives
in rows, no labels, no validation) and a labelled wrapper that validates its
input and returns a :class:`~coopdecide.weights.WeightsResult` with the
intermediate values. Formulas and citations: ``docs/methods/objective-weights.md``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from coopdecide._validation import check_option, check_positive_int, describe
from coopdecide.exceptions import InvalidArgumentError, InvalidProblemError
from coopdecide.problem import DecisionProblem
from coopdecide.weights._result import WeightsResult

__all__ = [
    "critic_kernel",
    "critic_weights",
    "entropy_kernel",
    "entropy_weights",
    "merec_kernel",
    "merec_weights",
    "standard_deviation_kernel",
    "standard_deviation_weights",
]

ENTROPY_REFERENCE = (
    "Shannon, C. E. (1948). A mathematical theory of communication. Bell System Technical "
    "Journal 27, 379-423; as a weighting method: Hwang, C.-L. and Yoon, K. (1981). Multiple "
    "Attribute Decision Making, Springer; Zeleny, M. (1982). Multiple Criteria "
    "Decision Making, McGraw-Hill."
)
CRITIC_REFERENCE = (
    "Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995). Determining objective weights "
    "in multiple criteria problems: the CRITIC method. Computers & Operations Research 22(7), "
    "763-770."
)
STD_REFERENCE = (
    "Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995), Computers & Operations Research "
    "22(7), 763-770 (the standard deviation as contrast intensity); Jahan, A. and Edwards, K. L. "
    "(2013). Weighting of dependent and target-based criteria for optimal decision-making in "
    "materials selection process. Materials & Design 49, 1000-1008."
)
MEREC_REFERENCE = (
    "Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z. and Antucheviciene, J. "
    "(2021). Determination of objective weights using a new method based on the removal "
    "effects of criteria (MEREC). Symmetry 13(4), 525."
)

STD_NORMALIZATIONS = ("minmax", "none")


# -- kernels ----------------------------------------------------------------------------
def _share(values: np.ndarray) -> np.ndarray:
    """``values / sum(values)``; NaN (no warning) when the sum is 0."""
    total = values.sum()
    return values / total if total > 0 else np.full(values.shape, np.nan)


def entropy_kernel(matrix: np.ndarray) -> dict[str, np.ndarray]:
    """Shannon entropy weights of a non-negative matrix (alternatives in rows).

    ``p_ij = x_ij / sum_i x_ij``; ``E_j = -sum_i p_ij ln p_ij / ln n`` with
    ``0 ln 0 = 0``; divergence ``d_j = 1 - E_j``; ``w_j = d_j / sum d``.

    Examples
    --------
    >>> out = entropy_kernel(np.array([[1.0, 1.0], [1.0, 3.0]]))
    >>> out["weight"].round(6).tolist()
    [0.0, 1.0]
    """
    n = matrix.shape[0]
    p = matrix / matrix.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0.0)
    entropy = -terms.sum(axis=0) / np.log(n)
    divergence = 1.0 - entropy
    return {"weight": _share(divergence), "entropy": entropy, "divergence": divergence}


def _minmax(matrix: np.ndarray, types: np.ndarray) -> np.ndarray:
    """``(x - worst) / (best - worst)`` per column: 1 at the best value, 0 at the worst.

    A constant column becomes 0 (it has no spread).
    """
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    span = high - low
    scaled = np.divide(matrix - low, span, out=np.zeros(matrix.shape), where=span > 0)
    return np.where(types > 0, scaled, 1.0 - scaled)


def critic_kernel(matrix: np.ndarray, types: np.ndarray, ddof: int = 1) -> dict[str, np.ndarray]:
    """CRITIC weights (Diakoulaki et al. 1995); every column must vary.

    ``r = (x - worst) / (best - worst)``; ``sigma_j`` the standard deviation of
    column ``j`` of ``r``; ``rho`` the Pearson correlations between the columns
    of ``r``; information ``C_j = sigma_j sum_k (1 - rho_jk)``; ``w = C / sum C``.
    Returns the correlation matrix under ``"correlation"``.

    Examples
    --------
    >>> x = np.array([[1.0, 3.0], [2.0, 1.0], [3.0, 2.0]])
    >>> critic_kernel(x, np.array([1, 1]))["weight"].round(6).tolist()
    [0.5, 0.5]
    """
    scaled = _minmax(matrix, types)
    sigma = scaled.std(axis=0, ddof=ddof)
    correlation = np.corrcoef(scaled, rowvar=False)
    conflict = (1.0 - correlation).sum(axis=0)
    information = sigma * conflict
    return {
        "weight": _share(information),
        "std": sigma,
        "conflict": conflict,
        "information": information,
        "correlation": correlation,
    }


def standard_deviation_kernel(
    matrix: np.ndarray, types: np.ndarray, normalization: str = "minmax", ddof: int = 1
) -> dict[str, np.ndarray]:
    """Standard-deviation weights ``w_j = sigma_j / sum sigma``.

    ``normalization="minmax"`` takes ``sigma`` of ``(x - worst) / (best -
    worst)`` (unit-free); ``"none"`` of the raw values (as pymcdm does; then the
    weights depend on the units). ``ddof`` cancels in the weights.

    Examples
    --------
    >>> x = np.array([[0.0, 0.0], [1.0, 0.5], [2.0, 1.0]])
    >>> standard_deviation_kernel(x, np.array([1, 1]), "none")["weight"].round(6).tolist()
    [0.666667, 0.333333]
    """
    values = _minmax(matrix, types) if normalization == "minmax" else matrix
    sigma = values.std(axis=0, ddof=ddof)
    return {"weight": _share(sigma), "std": sigma}


def merec_kernel(matrix: np.ndarray, types: np.ndarray) -> dict[str, np.ndarray]:
    """MEREC weights (Keshavarz-Ghorabaee et al. 2021) of a positive matrix.

    ``n_ij = min_k x_kj / x_ij`` (benefit) or ``x_ij / max_k x_kj`` (cost);
    overall performance ``S_i = ln(1 + (1/m) sum_j |ln n_ij|)``; with criterion
    ``j`` removed ``S'_ij = ln(1 + (1/m) sum_{k != j} |ln n_ik|)``; removal
    effect ``E_j = sum_i |S'_ij - S_i|``; ``w = E / sum E``.

    Examples
    --------
    >>> x = np.array([[1.0, 2.0], [2.0, 2.0]])
    >>> merec_kernel(x, np.array([1, -1]))["weight"].round(6).tolist()
    [1.0, 0.0]
    """
    m = matrix.shape[1]
    normalized = np.where(types > 0, matrix.min(axis=0) / matrix, matrix / matrix.max(axis=0))
    log_gap = np.abs(np.log(normalized))
    total = log_gap.sum(axis=1)
    overall = np.log1p(total / m)
    removed = np.log1p((total[:, None] - log_gap) / m)
    effect = np.abs(removed - overall[:, None]).sum(axis=0)
    return {
        "weight": _share(effect),
        "removal_effect": effect,
        "overall_performance": overall,
        "normalized": normalized,
    }


# -- input handling -----------------------------------------------------------------------
def _as_problem(data: Any, objectives: Any, method: str, *, needs_objectives: bool) -> Any:
    """A DecisionProblem from ``data`` (a DecisionProblem, a DataFrame or an array)."""
    if isinstance(data, DecisionProblem):
        if objectives is not None:
            data = data.with_objectives(objectives)
        return data
    if objectives is None:
        if needs_objectives:
            raise InvalidArgumentError(
                f"{method} needs objectives ('max'/'min' per criterion) with a matrix or "
                "DataFrame; got objectives=None (or pass a DecisionProblem)"
            )
        objectives = "max"  # not used by the method
    if isinstance(data, pd.DataFrame):
        return DecisionProblem(data, objectives)
    matrix = np.asarray(data)
    if matrix.ndim != 2:
        raise InvalidProblemError(
            f"data must be a DecisionProblem, a DataFrame or a 2-D array; got shape {matrix.shape}"
        )
    return DecisionProblem(matrix, objectives)


def _check_size(problem: Any, method: str) -> None:
    n, m = problem.shape
    if n < 2 or m < 2:
        raise InvalidProblemError(
            f"{method} weights need at least 2 alternatives and 2 criteria; got {n} x {m}"
        )


def _check_not_degenerate(weights: np.ndarray, method: str, why: str) -> None:
    if not np.all(np.isfinite(weights)):
        raise InvalidProblemError(f"{method} weights are undefined: {why}")


def _result(
    problem: Any,
    method: str,
    out: dict[str, np.ndarray],
    per_criterion: tuple[str, ...],
    options: dict[str, Any],
    reference: str,
    why: str,
    tables: dict[str, pd.DataFrame] | None = None,
) -> WeightsResult:
    _check_not_degenerate(out["weight"], method, why)
    return WeightsResult(
        method=method,
        criteria=problem.criteria,
        weight_array=np.array(out["weight"], dtype=float),
        values={name: np.array(out[name], dtype=float) for name in per_criterion},
        extra_tables=dict(tables or {}),
        options=options,
        reference=reference,
    )


# -- labelled wrappers -----------------------------------------------------------------
def entropy_weights(data: Any, objectives: Any = None) -> WeightsResult:
    """Shannon entropy weights: criteria whose values differ more weigh more.

    Parameters
    ----------
    data : DecisionProblem, DataFrame or array-like
        The performance table (alternatives in rows), non-negative.
    objectives : optional
        Not used by the method (entropy does not depend on the direction of a
        criterion); accepted so that every weighting function takes the same
        arguments.

    Returns
    -------
    WeightsResult
        ``weights``; intermediates ``entropy`` (``E_j`` in [0, 1]) and
        ``divergence`` (``1 - E_j``).

    Raises
    ------
    InvalidProblemError
        A negative value, a criterion whose values are all 0, fewer than 2
        alternatives or criteria, or every criterion constant (no weights).

    Notes
    -----
    ``p_ij = x_ij / sum_i x_ij``, ``E_j = -(1/ln n) sum_i p_ij ln p_ij`` with
    ``0 ln 0 = 0`` (the limit), ``w_j = (1 - E_j) / sum_k (1 - E_k)``.
    pymcdm's ``entropy_weights`` sets ``E_j = 0`` for a column with a zero
    entry (so such a criterion gets the largest possible weight); coopdecide
    uses the limit.

    References
    ----------
    Hwang, C.-L. and Yoon, K. (1981). *Multiple Attribute Decision Making*.
    Springer. Shannon, C. E. (1948). A mathematical theory of
    communication. *Bell System Technical Journal* 27, 379-423.

    Examples
    --------
    >>> result = entropy_weights([[1, 10], [1, 20], [1, 40]])
    >>> result.weights.round(4).tolist()
    [0.0, 1.0]
    """
    problem = _as_problem(data, objectives, "entropy", needs_objectives=False)
    _check_size(problem, "entropy")
    matrix = problem.matrix
    negative = np.argwhere(matrix < 0)
    if negative.size:
        i, j = negative[0]
        raise InvalidProblemError(
            "entropy weights need non-negative values; got "
            f"{describe(float(matrix[i, j]))} for {describe(problem.alternatives[i])}, "
            f"{describe(problem.criteria[j])}"
        )
    zero = np.flatnonzero(matrix.sum(axis=0) == 0)
    if zero.size:
        raise InvalidProblemError(
            f"entropy weights need a positive value in every criterion; criterion "
            f"{describe(problem.criteria[zero[0]])} is 0 for every alternative"
        )
    return _result(
        problem,
        "entropy",
        entropy_kernel(matrix),
        ("entropy", "divergence"),
        {},
        ENTROPY_REFERENCE,
        "every criterion has the same share for every alternative (zero divergence)",
    )


def _constant_criteria(problem: Any) -> list[Any]:
    matrix = problem.matrix
    return [problem.criteria[j] for j in np.flatnonzero(np.ptp(matrix, axis=0) == 0)]


def critic_weights(data: Any, objectives: Any = None, *, ddof: int = 1) -> WeightsResult:
    """CRITIC weights: contrast (standard deviation) times conflict (1 - correlation).

    Parameters
    ----------
    data : DecisionProblem, DataFrame or array-like
        The performance table (alternatives in rows).
    objectives : optional
        "max"/"min" per criterion; required unless ``data`` is a
        DecisionProblem (whose objectives are used, or replaced by these).
    ddof : int, default 1
        Delta degrees of freedom of the standard deviation (1: sample, 0:
        population). It scales every ``sigma_j`` alike, so the weights do not
        depend on it; the reported ``std`` and ``information`` do.

    Returns
    -------
    WeightsResult
        ``weights``; intermediates ``std`` (``sigma_j``), ``conflict``
        (``sum_k (1 - rho_jk)``), ``information`` (``C_j``); the correlation
        matrix as ``result.table("correlation")``.

    Raises
    ------
    InvalidProblemError
        A criterion with the same value for every alternative (no standard
        deviation, no correlation), fewer than 3 alternatives or 2 criteria.
    InvalidArgumentError
        ``objectives`` missing for a matrix.

    Notes
    -----
    Diakoulaki et al. (1995) scale each criterion by its ideal and anti-ideal
    value, ``r_ij = (x_ij - x_j^worst) / (x_j^best - x_j^worst)``, so a cost
    criterion is reversed before correlations are taken, which changes its
    correlations' signs and so the weights. pymcdm's ``critic_weights``
    treats every criterion as a benefit; the two agree when all are.

    References
    ----------
    Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995). Determining
    objective weights in multiple criteria problems: the CRITIC method.
    *Computers & Operations Research* 22(7), 763-770.

    Examples
    --------
    >>> result = critic_weights([[1, 3, 2], [2, 1, 2], [3, 2, 1], [4, 4, 5]], "max")
    >>> result.weights.round(3).tolist()
    [0.398, 0.339, 0.263]
    """
    problem = _as_problem(data, objectives, "critic", needs_objectives=True)
    _check_size(problem, "critic")
    ddof = check_positive_int("ddof", ddof, minimum=0)
    if problem.shape[0] < 3:
        raise InvalidProblemError(
            f"critic weights need at least 3 alternatives (correlations of 2 points are "
            f"always +1 or -1); got {problem.shape[0]}"
        )
    constant = _constant_criteria(problem)
    if constant:
        raise InvalidProblemError(
            "critic weights need every criterion to vary (a constant criterion has no "
            f"standard deviation and no correlation); constant: {constant!r}; leave it out"
        )
    out = critic_kernel(problem.matrix, problem.types, ddof)
    criteria = problem.criteria
    correlation = pd.DataFrame(out["correlation"], index=criteria, columns=criteria)
    return _result(
        problem,
        "critic",
        out,
        ("std", "conflict", "information"),
        {"ddof": ddof},
        CRITIC_REFERENCE,
        "no criterion carries information",
        tables={"correlation": correlation},
    )


def standard_deviation_weights(
    data: Any, objectives: Any = None, *, normalization: str = "minmax", ddof: int = 1
) -> WeightsResult:
    """Standard-deviation weights: ``w_j`` proportional to the spread of criterion ``j``.

    Parameters
    ----------
    data : DecisionProblem, DataFrame or array-like
        The performance table (alternatives in rows).
    objectives : optional
        Not used (the spread does not depend on the direction); accepted so
        that every weighting function takes the same arguments.
    normalization : {"minmax", "none"}, default "minmax"
        ``"minmax"``: the spread of ``(x - min) / (max - min)``, free of the
        units; ``"none"``: of the raw values (pymcdm's
        ``standard_deviation_weights``), which makes the weights depend on the
        units of each criterion.
    ddof : int, default 1
        Delta degrees of freedom; it does not change the weights.

    Returns
    -------
    WeightsResult
        ``weights`` and the intermediate ``std``.

    Raises
    ------
    InvalidProblemError
        Every criterion constant, or fewer than 2 alternatives or criteria.
    UnknownMethodError
        An unknown normalization.

    References
    ----------
    Diakoulaki, D., Mavrotas, G. and Papayannakis, L. (1995), *Computers &
    Operations Research* 22(7), 763-770; Jahan, A. and Edwards, K. L. (2013),
    *Materials & Design* 49, 1000-1008.

    Examples
    --------
    >>> standard_deviation_weights([[0, 0], [1, 2], [2, 1]]).weights.round(3).tolist()
    [0.5, 0.5]
    """
    problem = _as_problem(data, objectives, "standard_deviation", needs_objectives=False)
    _check_size(problem, "standard_deviation")
    check_option("normalization", normalization, STD_NORMALIZATIONS)
    ddof = check_positive_int("ddof", ddof, minimum=0)
    if problem.shape[0] <= ddof:
        raise InvalidProblemError(
            f"standard_deviation weights with ddof={ddof} need more than {ddof} alternatives; "
            f"got {problem.shape[0]}"
        )
    out = standard_deviation_kernel(problem.matrix, problem.types, normalization, ddof)
    return _result(
        problem,
        "standard_deviation",
        out,
        ("std",),
        {"normalization": normalization, "ddof": ddof},
        STD_REFERENCE,
        "every criterion has the same value for every alternative",
    )


def merec_weights(data: Any, objectives: Any = None) -> WeightsResult:
    """MEREC weights: how much the overall performance changes when a criterion is removed.

    Parameters
    ----------
    data : DecisionProblem, DataFrame or array-like
        The performance table (alternatives in rows), strictly positive.
    objectives : optional
        "max"/"min" per criterion; required unless ``data`` is a
        DecisionProblem.

    Returns
    -------
    WeightsResult
        ``weights``; intermediate ``removal_effect`` (``E_j``); the
        per-alternative overall performance ``S_i`` and the normalized matrix
        as tables ``"overall_performance"`` and ``"normalized"``.

    Raises
    ------
    InvalidProblemError
        A value that is not positive (the method takes logarithms), fewer than
        2 alternatives or criteria, or every criterion constant.
    InvalidArgumentError
        ``objectives`` missing for a matrix.

    Notes
    -----
    Keshavarz-Ghorabaee et al. (2021): ``n_ij = min_k x_kj /
    x_ij`` for a benefit and ``x_ij / max_k x_kj`` for a cost criterion,
    ``S_i = ln(1 + (1/m) sum_j |ln n_ij|)``, ``S'_ij`` the same with criterion
    ``j`` left out of the sum (still divided by ``m``), ``E_j = sum_i |S'_ij -
    S_i|``, ``w_j = E_j / sum_k E_k``. pymcdm's ``merec_weights`` computes the
    same.

    References
    ----------
    Keshavarz-Ghorabaee, M., Amiri, M., Zavadskas, E. K., Turskis, Z. and
    Antucheviciene, J. (2021). Determination of objective weights using a new
    method based on the removal effects of criteria (MEREC). *Symmetry*
    13(4), 525.

    Examples
    --------
    >>> merec_weights([[1, 2], [2, 2]], ["max", "min"]).weights.round(4).tolist()
    [1.0, 0.0]
    """
    problem = _as_problem(data, objectives, "merec", needs_objectives=True)
    _check_size(problem, "merec")
    matrix = problem.matrix
    bad = np.argwhere(~(matrix > 0))
    if bad.size:
        i, j = bad[0]
        raise InvalidProblemError(
            "merec weights need positive values (the method takes logarithms); got "
            f"{describe(float(matrix[i, j]))} for {describe(problem.alternatives[i])}, "
            f"{describe(problem.criteria[j])}"
        )
    out = merec_kernel(matrix, problem.types)
    tables = {
        "overall_performance": pd.DataFrame(
            {"overall_performance": out["overall_performance"]}, index=problem.alternatives
        ),
        "normalized": pd.DataFrame(
            out["normalized"], index=problem.alternatives, columns=problem.criteria
        ),
    }
    return _result(
        problem,
        "merec",
        out,
        ("removal_effect",),
        {},
        MEREC_REFERENCE,
        "removing any criterion changes no alternative's performance (all criteria constant)",
        tables=tables,
    )
