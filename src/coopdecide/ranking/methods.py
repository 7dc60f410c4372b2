"""``rank()``: TOPSIS natively, other MCDA methods through pymcdm.

pymcdm is imported only when a delegated method is used. Its warnings are
re-issued as :class:`coopdecide.exceptions.MethodWarning` and its errors as
:class:`coopdecide.exceptions.InvalidProblemError`, so callers see one set of
exception classes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopdecide._validation import check_option, describe, format_labels
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    MethodWarning,
    UnknownMethodError,
)
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.result import RankingResult
from coopdecide.ranking.topsis import _option_hint, resolve_weights, topsis

__all__ = ["METHODS", "rank"]


@dataclass(frozen=True)
class _Delegated:
    """How to build a pymcdm method object and read its scores."""

    pymcdm_class: str
    higher_is_better: bool
    description: str
    build: Callable[[Any, DecisionProblem, dict[str, Any]], Any] | None = None
    allowed_options: tuple[str, ...] = ()


def _normalization_function(name: str | None) -> Any:
    if name is None:
        return None
    from pymcdm import normalizations

    functions = {
        "minmax": normalizations.minmax_normalization,
        "max": normalizations.max_normalization,
        "sum": normalizations.sum_normalization,
        "vector": normalizations.vector_normalization,
        "linear": normalizations.linear_normalization,
    }
    check_option("normalization", name, tuple(functions))
    return functions[name]


def _with_normalization(cls: Any, problem: DecisionProblem, options: dict[str, Any]) -> Any:
    if "normalization" in options:
        return cls(_normalization_function(options["normalization"]))
    return cls()


def _build_vikor(cls: Any, problem: DecisionProblem, options: dict[str, Any]) -> Any:
    return cls(
        normalization_function=_normalization_function(options.get("normalization")),
        v=options.get("v", 0.5),
    )


def _build_spotis(cls: Any, problem: DecisionProblem, options: dict[str, Any]) -> Any:
    bounds = options.get("bounds")
    if bounds is None:
        bounds = np.column_stack([problem.matrix.min(axis=0), problem.matrix.max(axis=0)])
        flat = bounds[:, 0] == bounds[:, 1]
        if flat.any():
            raise InvalidProblemError(
                "spotis needs criteria with a range; pass bounds=... or drop the constant "
                f"criteria {format_labels(problem.criteria[flat])}"
            )
    return cls(np.asarray(bounds, dtype=float))


def _build_promethee(cls: Any, problem: DecisionProblem, options: dict[str, Any]) -> Any:
    return cls(options.get("preference_function", "usual"), p=options.get("p"), q=options.get("q"))


_NORM = ("normalization",)

METHODS: Mapping[str, _Delegated] = {
    "vikor": _Delegated(
        "VIKOR", False, "VIKOR (Opricovic 1998)", _build_vikor, ("normalization", "v")
    ),
    "promethee_ii": _Delegated(
        "PROMETHEE_II",
        True,
        "PROMETHEE II net flows (Brans and Vincke 1985)",
        _build_promethee,
        ("preference_function", "p", "q"),
    ),
    "wsm": _Delegated("WSM", True, "weighted sum model", _with_normalization, _NORM),
    "wpm": _Delegated("WPM", True, "weighted product model", _with_normalization, _NORM),
    "waspas": _Delegated(
        "WASPAS", True, "WASPAS (Zavadskas et al. 2012)", _with_normalization, _NORM
    ),
    "spotis": _Delegated(
        "SPOTIS", False, "SPOTIS (Dezert et al. 2020)", _build_spotis, ("bounds",)
    ),
    "moora": _Delegated("MOORA", True, "MOORA (Brauers and Zavadskas 2006)"),
    "edas": _Delegated("EDAS", True, "EDAS (Keshavarz Ghorabaee et al. 2015)"),
    "mabac": _Delegated(
        "MABAC", True, "MABAC (Pamucar and Cirovic 2015)", _with_normalization, _NORM
    ),
    "aras": _Delegated(
        "ARAS", True, "ARAS (Zavadskas and Turskis 2010)", _with_normalization, _NORM
    ),
    "codas": _Delegated(
        "CODAS", True, "CODAS (Keshavarz Ghorabaee et al. 2016)", _with_normalization, _NORM
    ),
}

ALL_METHODS = ("topsis", "copras", *METHODS)


def copras_scores(problem: DecisionProblem) -> np.ndarray:
    """COPRAS relative significance Q (Zavadskas, Kaklauskas and Sarka 1994).

    ``d = w * x / sum(x)`` per column; ``S+`` and ``S-`` sum ``d`` over the benefit and
    the cost criteria; ``Q_i = S+_i + sum(S-) / (S-_i * sum_j 1 / S-_j)`` (``Q = S+``
    without cost criteria). Native because pymcdm 1.4's COPRAS adds ``S-`` instead,
    which ranks cost criteria backwards.
    """
    matrix = problem.matrix
    if (matrix < 0).any() or (matrix.sum(axis=0) <= 0).any():
        bad = problem.criteria[(matrix < 0).any(axis=0) | (matrix.sum(axis=0) <= 0)]
        raise InvalidProblemError(
            "copras needs non-negative values with a positive sum in every criterion; got "
            f"negative values or zeros only in {format_labels(bad)}"
        )
    weighted = problem.weight_array * matrix / matrix.sum(axis=0)
    cost = problem.types < 0
    s_plus = weighted[:, ~cost].sum(axis=1)
    if not cost.any():
        return s_plus
    s_minus = weighted[:, cost].sum(axis=1)
    if (s_minus <= 0).any():
        raise InvalidProblemError(
            "copras needs every alternative to have a positive value on some cost criterion; "
            f"got none for {format_labels(problem.alternatives[s_minus <= 0])}"
        )
    return s_plus + s_minus.sum() / (s_minus * (1.0 / s_minus).sum())


def rank(
    problem: DecisionProblem,
    method: str = "topsis",
    *,
    weights: Any = None,
    **options: Any,
) -> RankingResult:
    """Rank a decision problem by TOPSIS or another MCDA method.

    Parameters
    ----------
    problem : DecisionProblem
        The problem; its weights are used unless ``weights`` is given.
    method : str, default "topsis"
        ``"topsis"`` runs coopdecide's own TOPSIS (options ``normalization``
        and ``distance``). The other names are delegated to pymcdm:
        ``"vikor"`` (options ``normalization``, ``v``), ``"promethee_ii"``
        (``preference_function``, ``p``, ``q``), ``"wsm"``, ``"wpm"``,
        ``"waspas"``, ``"mabac"``, ``"aras"``, ``"codas"`` (``normalization``),
        ``"moora"``, ``"edas"``, and ``"spotis"`` (``bounds``, default: the data's min
        and max per criterion). ``"copras"`` is computed natively (pymcdm 1.4's COPRAS
        counts cost criteria as benefits).
    weights : mapping or array-like, optional
        Criteria weights overriding the problem's.
    **options
        Method options as listed above, by keyword (``rank(problem, "topsis",
        normalization="minmax")``); unknown options are an error. The
        objectives come from the problem: ``objectives=`` is refused.

    Returns
    -------
    RankingResult
        ``higher_is_better`` is False for VIKOR and SPOTIS (lower score is
        better); ``ranks`` always has 1 = best.

    Raises
    ------
    UnknownMethodError
        An unknown ``method`` (a normalization or distance name given as the
        method, as in ``rank(problem, "minmax")``, gets a hint), or an unknown
        normalization.
    InvalidArgumentError
        An option the method does not take, or ``objectives=``.
    InvalidProblemError
        Data the method cannot rank (pymcdm's errors, undefined scores).

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[4, 3, 2], [3, 2, 4], [5, 1, 3]], objectives="max", weights=[0.5, 0.3, 0.2]
    ... )
    >>> rank(problem, "promethee_ii").scores.round(2).tolist()
    [0.1, -0.3, 0.2]
    """
    try:
        check_option("method", method, ALL_METHODS)
    except UnknownMethodError as error:  # rank(problem, "minmax") meant an option
        raise UnknownMethodError(f"{error}{_option_hint(method)}") from None
    if "objectives" in options:
        raise InvalidArgumentError(
            "objectives comes from the DecisionProblem and is not an option of rank() "
            "(change the objectives with problem.with_objectives(...)); got "
            f"objectives={describe(options['objectives'])}"
        )
    if method == "topsis":
        unknown = set(options) - {"normalization", "distance"}
        if unknown:
            raise InvalidArgumentError(
                f"options for method 'topsis' are normalization and distance; got "
                f"{format_labels(sorted(unknown))}"
            )
        return topsis(problem, weights, **options)
    if method == "copras":
        if options:
            raise InvalidArgumentError(
                f"options for method 'copras' are none; got {format_labels(sorted(options))}"
            )
        problem = resolve_weights(problem, weights)
        return RankingResult(
            method=method, options={}, problem=problem, scores=copras_scores(problem)
        )
    spec = METHODS[method]
    unknown = set(options) - set(spec.allowed_options)
    if unknown:
        allowed = format_labels(spec.allowed_options) if spec.allowed_options else "none"
        raise InvalidArgumentError(
            f"options for method {method!r} are {allowed}; got {format_labels(sorted(unknown))}"
        )
    if not isinstance(problem, DecisionProblem):
        raise InvalidProblemError(
            f"problem must be a DecisionProblem for method {method!r}; got {type(problem).__name__}"
        )
    problem = resolve_weights(problem, weights)
    import pymcdm.methods

    cls = getattr(pymcdm.methods, spec.pymcdm_class)
    body = spec.build(cls, problem, options) if spec.build else cls()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            scores = body(problem.matrix.copy(), problem.weight_array.copy(), problem.types.copy())
        except (ValueError, ZeroDivisionError, FloatingPointError) as error:
            hint = ""
            if "normalization" in spec.allowed_options and "normalization" not in options:
                # pymcdm's default normalization for WSM, WPM, ARAS, ... refuses zeros
                hint = (
                    f" (with pymcdm's default normalization for {spec.pymcdm_class}); pass "
                    "normalization='minmax' or 'max', which accept zero values"
                )
            raise InvalidProblemError(
                f"pymcdm's {spec.pymcdm_class} rejected the problem: {error}{hint}"
            ) from error
    scores = np.asarray(scores, dtype=float)
    if not np.isfinite(scores).all():
        bad = problem.alternatives[~np.isfinite(scores)]
        raised = "; ".join(sorted({str(w.message) for w in caught}))
        raise InvalidProblemError(
            f"method {method!r} produced undefined scores for {format_labels(bad)}"
            + (f" (pymcdm: {raised})" if raised else "")
            + "; check for constant criteria or values the method cannot handle"
        )
    for warning in caught:
        warnings.warn(f"pymcdm {spec.pymcdm_class}: {warning.message}", MethodWarning, stacklevel=2)
    return RankingResult(
        method=method,
        options=options,
        problem=problem,
        scores=scores,
        higher_is_better=spec.higher_is_better,
    )
