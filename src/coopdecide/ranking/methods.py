"""``rank()``: TOPSIS, COPRAS, VIKOR, MOORA and MULTIMOORA natively, other methods through pymcdm.

pymcdm is imported only when a delegated method is used. Its warnings are
re-issued as :class:`coopdecide.exceptions.MethodWarning` and its errors as
:class:`coopdecide.exceptions.InvalidProblemError`, so callers see one set of
exception classes.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import numpy as np

from coopdecide._validation import (
    check_choice,
    check_interval,
    check_option,
    closest,
    describe,
    format_labels,
    show_number,
    values_by_criterion,
)
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    MethodWarning,
    UnknownMethodError,
)
from coopdecide.problem import DecisionProblem
from coopdecide.ranking.moora import moora, multimoora
from coopdecide.ranking.result import RankingResult
from coopdecide.ranking.topsis import _option_hint, resolve_weights, topsis, weight_vector
from coopdecide.ranking.vikor import normalization_names, vikor

__all__ = ["METHODS", "PREFERENCE_FUNCTIONS", "allowed_options", "normalization_names", "rank"]


# ---------------------------------------------------------------------------
# option checkers: each takes (name, value, problem) and returns pymcdm's argument
# ---------------------------------------------------------------------------
def _check_normalization(name: str, value: Any, problem: DecisionProblem) -> Any:
    from pymcdm import normalizations

    check_choice(name, value, normalization_names())
    return getattr(normalizations, f"{value}_normalization")


def _check_unit_interval(name: str, value: Any, problem: DecisionProblem) -> float:
    return check_interval(name, value, 0, 1)


#: PROMETHEE preference functions (Brans and Vincke 1985) in pymcdm 1.4 and the
#: thresholds each uses: q (indifference) and p (preference), per criterion.
PREFERENCE_FUNCTIONS: Mapping[str, tuple[str, ...]] = {
    "usual": (),
    "ushape": ("q",),
    "vshape": ("p",),
    "level": ("q", "p"),
    "vshape_2": ("q", "p"),
}


def _check_preference_function(name: str, value: Any, problem: DecisionProblem) -> str:
    return check_choice(name, value, tuple(PREFERENCE_FUNCTIONS))


def _per_criterion(
    name: str, value: Any, problem: DecisionProblem, what: str
) -> tuple[list[Any], list[str]]:
    """Spread ``value`` (one item, a sequence or a mapping by criterion) over the criteria.

    Returns the items in criterion order and how each is named in messages
    (``p[0]`` for a sequence, ``p['trade']`` for a mapping).
    """
    import pandas as pd

    criteria = list(problem.criteria)
    expected = (
        f"{name} must be {what} (the same for every criterion), a list with one per "
        f"criterion ({len(criteria)}) or a mapping from criterion to {what}"
    )
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if isinstance(value, Mapping):
        items = values_by_criterion(name, value, criteria)
        return items, [f"{name}[{describe(label)}]" for label in criteria]
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return [value] * len(criteria), [name] * len(criteria)  # checked item by item
    items = list(value)
    if len(items) != len(criteria):
        raise InvalidArgumentError(
            f"{expected}; got {describe(value)} ({len(items)} values for {len(criteria)} criteria)"
        )
    return items, [f"{name}[{position}]" for position in range(len(criteria))]


def _threshold(minimum: float, strict: bool) -> Callable[[str, Any, DecisionProblem], Any]:
    """A checker of a PROMETHEE threshold: a number >= (or >) ``minimum`` per criterion."""
    what = "a positive number" if strict else "a non-negative number"

    def check(name: str, value: Any, problem: DecisionProblem) -> list[Any]:
        items, names = _per_criterion(name, value, problem, what)
        out: list[Any] = []
        for item, label in zip(items, names, strict=True):
            if callable(item):  # pymcdm computes it from the difference table
                out.append(item)
                continue
            if isinstance(item, bool) or not isinstance(item, Real):
                raise InvalidTypeError(f"{label} must be {what}; got {describe(item)}")
            number = float(item)
            if not np.isfinite(number) or number < minimum or (strict and number == minimum):
                raise InvalidArgumentError(f"{label} must be {what}; got {describe(item)}")
            out.append(number)
        return out

    return check


def _numbers(name: str, value: Any, problem: DecisionProblem) -> np.ndarray:
    """One finite number per criterion (an expected solution point)."""
    items, names = _per_criterion(name, value, problem, "a number")
    for item, label in zip(items, names, strict=True):
        if isinstance(item, bool) or not isinstance(item, Real):
            raise InvalidTypeError(f"{label} must be a number; got {describe(item)}")
        if not np.isfinite(float(item)):
            raise InvalidArgumentError(f"{label} must be a finite number; got {describe(item)}")
    return np.array(items, dtype=float)


def _bounds(name: str, value: Any, problem: DecisionProblem) -> np.ndarray:
    """A (min, max) pair per criterion that contains the criterion's values."""
    import pandas as pd

    criteria = list(problem.criteria)
    if isinstance(value, pd.Series):
        value = value.to_dict()
    if isinstance(value, Mapping):
        pairs = values_by_criterion(name, value, criteria)
        names = [f"{name}[{describe(label)}]" for label in criteria]
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        pairs = list(value)
        names = [f"{name}[{position}]" for position in range(len(pairs))]
    else:
        pairs, names = [], []
    if len(pairs) != len(criteria):
        error = InvalidArgumentError if pairs else InvalidTypeError
        raise error(
            f"{name} must be one (min, max) pair per criterion ({len(criteria)}), as a list "
            f"or a mapping from criterion to pair; got {describe(value)}"
        )
    out = np.empty((len(criteria), 2))
    for row, (pair, label, criterion) in enumerate(zip(pairs, names, criteria, strict=True)):
        expected = f"{label} must be a (min, max) pair of finite numbers with min < max"
        items = (
            list(pair) if isinstance(pair, Iterable) and not isinstance(pair, str | bytes) else []
        )
        if len(items) != 2 or not all(
            isinstance(item, Real) and not isinstance(item, bool) for item in items
        ):
            raise InvalidTypeError(f"{expected}; got {describe(pair)}")
        low, high = float(items[0]), float(items[1])
        if not (np.isfinite(low) and np.isfinite(high) and low < high):
            raise InvalidArgumentError(f"{expected}; got {describe(pair)}")
        column = problem.matrix[:, row]
        if column.min() < low or column.max() > high:
            raise InvalidArgumentError(
                f"{label} must contain every value of {describe(criterion)} (from "
                f"{describe(column.min())} to {describe(column.max())}); got {describe(pair)}"
            )
        out[row] = low, high
    return out


def _data_bounds(problem: DecisionProblem) -> np.ndarray:
    """SPOTIS's default bounds: each criterion's minimum and maximum."""
    bounds = np.column_stack([problem.matrix.min(axis=0), problem.matrix.max(axis=0)])
    flat = bounds[:, 0] == bounds[:, 1]
    if flat.any():
        raise InvalidProblemError(
            "spotis needs criteria with a range; pass bounds=... or drop the constant "
            f"criteria {format_labels(problem.criteria[flat])}"
        )
    return bounds


# ---------------------------------------------------------------------------
# checks that involve several options
# ---------------------------------------------------------------------------
def _check_promethee(
    arguments: dict[str, Any], given: Mapping[str, Any], problem: DecisionProblem
) -> None:
    function = arguments["preference_function"]
    uses = PREFERENCE_FUNCTIONS[function]
    for threshold, meaning in (("q", "indifference"), ("p", "preference")):
        value = arguments.get(threshold)
        if threshold in uses and value is None:
            raise InvalidArgumentError(
                f"{threshold} must be given for preference_function {describe(function)} (its "
                f"{meaning} threshold, in the units of each criterion); got None"
            )
        if threshold not in uses and value is not None:
            takes = " and ".join(uses) if uses else "no thresholds"
            raise InvalidArgumentError(
                f"{threshold} must be left out for preference_function {describe(function)}, which "
                f"takes {takes}; got {threshold}={describe(given[threshold])}"
            )
    if uses != ("q", "p"):
        return
    strict = function == "vshape_2"  # its linear part divides by p - q
    for q, p, criterion in zip(arguments["q"], arguments["p"], problem.criteria, strict=True):
        if callable(q) or callable(p):
            continue
        if q > p or (strict and q == p):
            relation = "less than" if strict else "at most"
            raise InvalidArgumentError(
                f"q must be {relation} p for preference_function {describe(function)}; "
                f"got q={show_number(q)} and p={show_number(p)} for {describe(criterion)}"
            )


def _check_esp_in_bounds(
    arguments: dict[str, Any], given: Mapping[str, Any], problem: DecisionProblem
) -> None:
    esp = arguments.get("esp")
    if esp is None:
        return
    bounds = arguments["bounds"]
    outside = (esp < bounds[:, 0]) | (esp > bounds[:, 1])
    if outside.any():
        where = int(np.flatnonzero(outside)[0])
        raise InvalidArgumentError(
            f"esp must lie within the bounds of each criterion; got {show_number(esp[where])} for "
            f"{describe(problem.criteria[where])}, outside [{show_number(bounds[where, 0])}, "
            f"{show_number(bounds[where, 1])}]"
        )


# ---------------------------------------------------------------------------
# the delegated methods
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Option:
    """One option of a delegated method: pymcdm's parameter, its checker, its default."""

    parameter: str
    check: Callable[[str, Any, DecisionProblem], Any]
    default: Callable[[DecisionProblem], Any] | Any = None


_NORMALIZATION = _Option("normalization_function", _check_normalization)
_NORM = {"normalization": _NORMALIZATION}


#: The constructor parameters of pymcdm 1.4's methods, so that checking option names (a
#: study file, ``rank()``'s arguments) does not import pymcdm, which takes about a second
#: (it imports matplotlib.pyplot). Other pymcdm versions are inspected; a test compares this
#: table with the installed pymcdm's signatures.
_PYMCDM_1_4_PARAMETERS: dict[str, tuple[str, ...]] = {
    "VIKOR": ("normalization_function", "v"),
    "PROMETHEE_II": ("preference_function", "p", "q"),
    "WSM": ("normalization_function",),
    "WPM": ("normalization_function",),
    "WASPAS": ("normalization_function", "l"),
    "SPOTIS": ("bounds", "esp"),
    "MOORA": (),
    "EDAS": (),
    "MABAC": ("normalization_function",),
    "ARAS": ("normalization_function", "esp"),
    "CODAS": ("normalization_function",),
}


@functools.cache
def _pymcdm_version() -> str:
    from importlib.metadata import version

    return version("pymcdm")


@functools.cache
def _signature_parameters(pymcdm_class: str) -> tuple[str, ...]:
    """The parameters of a pymcdm method's constructor (its options)."""
    if pymcdm_class in _PYMCDM_1_4_PARAMETERS and _pymcdm_version().startswith("1.4."):
        return _PYMCDM_1_4_PARAMETERS[pymcdm_class]
    return _inspected_parameters(pymcdm_class)


def _inspected_parameters(pymcdm_class: str) -> tuple[str, ...]:
    """:func:`_signature_parameters` read from the installed pymcdm."""
    import pymcdm.methods

    signature = inspect.signature(getattr(pymcdm.methods, pymcdm_class))
    return tuple(
        name
        for name, parameter in signature.parameters.items()
        if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
    )


@dataclass(frozen=True)
class _Delegated:
    """How to check the options of a pymcdm method, build it and read its scores."""

    pymcdm_class: str
    higher_is_better: bool
    description: str
    options: Mapping[str, _Option] = field(default_factory=dict)
    cross_check: Callable[[dict[str, Any], Mapping[str, Any], DecisionProblem], None] | None = None

    @property
    def allowed_options(self) -> tuple[str, ...]:
        """The options rank() accepts: those whose parameter pymcdm's constructor has."""
        parameters = _signature_parameters(self.pymcdm_class)
        return tuple(
            name for name, option in self.options.items() if option.parameter in parameters
        )

    def arguments(self, problem: DecisionProblem, options: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``options`` (names already checked) and return pymcdm's keyword arguments.

        An option left out or None takes its default (pymcdm's own unless stated).
        """
        checked: dict[str, Any] = {}
        for name in self.allowed_options:
            option = self.options[name]
            value = options.get(name)
            if value is None:
                default = option.default
                value = default(problem) if callable(default) else default
                checked[name] = value
            else:
                checked[name] = option.check(name, value, problem)
        if self.cross_check is not None:
            self.cross_check(checked, options, problem)
        return {
            self.options[name].parameter: value
            for name, value in checked.items()
            if value is not None
        }


METHODS: Mapping[str, _Delegated] = {
    "vikor": _Delegated(
        "VIKOR",
        False,
        "VIKOR (Opricovic 1998)",
        {
            **_NORM,
            "v": _Option("v", _check_unit_interval),
        },
    ),
    "promethee_ii": _Delegated(
        "PROMETHEE_II",
        True,
        "PROMETHEE II net flows (Brans and Vincke 1985)",
        {
            "preference_function": _Option(
                "preference_function", _check_preference_function, "usual"
            ),
            "p": _Option("p", _threshold(0.0, strict=True)),
            "q": _Option("q", _threshold(0.0, strict=False)),
        },
        _check_promethee,
    ),
    "wsm": _Delegated("WSM", True, "weighted sum model", _NORM),
    "wpm": _Delegated("WPM", True, "weighted product model", _NORM),
    "waspas": _Delegated(
        "WASPAS",
        True,
        "WASPAS (Zavadskas et al. 2012)",
        {**_NORM, "l": _Option("l", _check_unit_interval)},
    ),
    "spotis": _Delegated(
        "SPOTIS",
        False,
        "SPOTIS (Dezert et al. 2020)",
        {
            "bounds": _Option("bounds", _bounds, _data_bounds),
            "esp": _Option("esp", _numbers),
        },
        _check_esp_in_bounds,
    ),
    "moora": _Delegated("MOORA", True, "MOORA (Brauers and Zavadskas 2006)"),
    "edas": _Delegated("EDAS", True, "EDAS (Keshavarz Ghorabaee et al. 2015)"),
    "mabac": _Delegated("MABAC", True, "MABAC (Pamucar and Cirovic 2015)", _NORM),
    "aras": _Delegated(
        "ARAS",
        True,
        "ARAS (Zavadskas and Turskis 2010)",
        {**_NORM, "esp": _Option("esp", _numbers)},
    ),
    "codas": _Delegated("CODAS", True, "CODAS (Keshavarz Ghorabaee et al. 2016)", _NORM),
}


def allowed_options(method: str) -> tuple[str, ...]:
    """The option names :func:`rank` accepts for ``method`` (an entry of ALL_METHODS).

    TOPSIS's are the keyword-only parameters of :func:`topsis`; a pymcdm
    method's are those of its constructor that coopdecide checks.
    """
    if method in ("topsis", "multimoora"):
        function = topsis if method == "topsis" else multimoora
        return tuple(
            name
            for name, parameter in inspect.signature(function).parameters.items()
            if parameter.kind is parameter.KEYWORD_ONLY
        )
    if method == "copras":
        return ()
    return METHODS[method].allowed_options


def _check_option_names(method: str, options: Mapping[str, Any]) -> None:
    allowed = allowed_options(method)
    unknown = sorted(set(options) - set(allowed), key=str)
    if not unknown:
        return
    close = {name: closest(name, allowed) for name in unknown}
    guesses = [
        describe(close[name]) + (f" for {describe(name)}" if len(unknown) > 1 else "")
        for name in unknown
        if close[name] is not None
    ]
    hint = f" (did you mean {', '.join(guesses)}?)" if guesses else ""
    raise InvalidArgumentError(
        f"options for method {describe(method)} are "
        f"{format_labels(allowed) if allowed else 'none'}; "
        f"got {format_labels(unknown)}{hint}"
    )


ALL_METHODS = ("topsis", "copras", *METHODS, "multimoora")
#: Methods computed by coopdecide itself (VIKOR and MOORA keep pymcdm's option checks:
#: the same options and messages as before they were native).
NATIVE_METHODS = ("topsis", "copras", "vikor", "moora", "multimoora")


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
    weighted = weight_vector(problem) * matrix / matrix.sum(axis=0)
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
        ``"topsis"`` runs coopdecide's own TOPSIS; ``"copras"`` is computed
        natively too (pymcdm 1.4's COPRAS counts cost criteria as benefits),
        and so are ``"vikor"`` (a :class:`~coopdecide.ranking.VIKORResult`
        with S, R and the compromise solution), ``"moora"`` (the ratio
        system, also with only benefit criteria, which pymcdm refuses) and
        ``"multimoora"`` (a :class:`~coopdecide.ranking.MULTIMOORAResult`).
        The other names are delegated to pymcdm: ``"promethee_ii"``,
        ``"wsm"``, ``"wpm"``, ``"waspas"``, ``"spotis"``, ``"edas"``,
        ``"mabac"``, ``"aras"``, ``"codas"``.
    weights : mapping or array-like, optional
        Criteria weights overriding the problem's.
    **options
        The method's options, by keyword (``rank(problem, "vikor", v=0.3)``).
        An option left out or given as None takes its default (pymcdm's own
        unless stated). ``allowed_options(method)`` lists the names:

        - topsis: ``normalization`` ("vector", "minmax", "max", "sum"),
          ``distance`` ("euclidean", "manhattan"); see :func:`topsis`.
        - copras, moora, edas: none.
        - multimoora: ``aggregation``, "dominance" (default) or "rank_sum";
          see :func:`~coopdecide.ranking.multimoora`.
        - wsm, wpm, mabac, codas: ``normalization``, a name of a pymcdm
          normalization (``normalization_names()``: "minmax", "max", "sum",
          "vector", "logarithmic", "linear", "nonlinear",
          "enhanced_accuracy", "zavadskas_turskis").
        - vikor: ``normalization`` (default None: VIKOR's own linear
          scaling); ``v`` in [0, 1], the weight of the group utility
          (default 0.5); see :func:`~coopdecide.ranking.vikor`.
        - waspas: ``normalization``; ``l`` in [0, 1], the weight of the
          weighted-sum part (default 0.5).
        - aras: ``normalization``; ``esp``, the expected solution point
          (default: the best value of each criterion).
        - promethee_ii: ``preference_function``, one of "usual" (default),
          "ushape" (needs ``q``), "vshape" (needs ``p``), "level" and
          "vshape_2" (need ``q`` and ``p``); ``q``, the indifference threshold
          (>= 0) and ``p``, the preference threshold (> 0, at least ``q``,
          more than ``q`` for "vshape_2"), in the units of each criterion.
          A threshold the function does not use is an error.
        - spotis: ``bounds``, a (min, max) pair per criterion containing its
          values (default: the data's min and max); ``esp``, the expected
          solution point within the bounds (default: the best bound).

        Per-criterion values (``p``, ``q``, ``esp``, ``bounds``) are one value
        for every criterion (not for ``bounds``), a list in criterion order or
        a mapping from criterion to value. The objectives come from the
        problem: ``objectives=`` is refused.

    Returns
    -------
    RankingResult
        ``higher_is_better`` is False for VIKOR and SPOTIS (lower score is
        better); ``ranks`` always has 1 = best.

    Raises
    ------
    UnknownMethodError
        An unknown ``method`` (a normalization or distance name given as the
        method, as in ``rank(problem, "minmax")``, gets a hint), an unknown
        ``normalization`` or ``preference_function`` (with a hint for a near
        miss).
    InvalidArgumentError
        An option the method does not take (the message lists the method's
        options, with a hint for a near miss), ``objectives=``, or an option
        value out of range. Messages start with the option's name:
        ``"v must be a number in [0, 1]; got 1.5"``.
    InvalidTypeError
        An option value of the wrong type (``v="high"``).
    InvalidProblemError
        Data the method cannot rank (pymcdm's errors, undefined scores).

    Examples
    --------
    >>> problem = DecisionProblem(
    ...     [[4, 3, 2], [3, 2, 4], [5, 1, 3]], objectives="max", weights=[0.5, 0.3, 0.2]
    ... )
    >>> rank(problem, "promethee_ii").scores.round(2).tolist()
    [0.1, -0.3, 0.2]
    >>> rank(problem, "promethee_ii", preference_function="vshape", p=[1, 1, 2]).ranks.tolist()
    [2, 3, 1]
    >>> rank(problem, "vikor", v=1.5)
    Traceback (most recent call last):
    ...
    coopdecide.exceptions.InvalidArgumentError: v must be a number in [0, 1]; got 1.5
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
    _check_option_names(method, options)
    if method == "topsis":  # None takes the default, as for the other methods
        return topsis(problem, weights, **{k: v for k, v in options.items() if v is not None})
    if not isinstance(problem, DecisionProblem):
        raise InvalidProblemError(
            f"problem must be a DecisionProblem for method {describe(method)}; got "
            f"{type(problem).__name__}"
        )
    if method == "copras":
        problem = resolve_weights(problem, weights)
        return RankingResult(
            method=method, options={}, problem=problem, score_array=copras_scores(problem)
        )
    given = {k: v for k, v in options.items() if v is not None}
    if method == "vikor":
        return vikor(problem, weights, **given)
    if method == "moora":
        return moora(problem, weights)
    if method == "multimoora":
        return multimoora(problem, weights, **given)
    spec = METHODS[method]
    problem = resolve_weights(problem, weights)
    arguments = spec.arguments(problem, options)
    import pymcdm.methods

    cls = getattr(pymcdm.methods, spec.pymcdm_class)
    body = cls(**arguments)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            scores = body(
                problem.matrix.copy(), weight_vector(problem).copy(), problem.types.copy()
            )
        except (ValueError, ZeroDivisionError, FloatingPointError) as error:
            hint = ""
            if "normalization" in spec.options and options.get("normalization") is None:
                # pymcdm's default normalization for WSM, WPM, ARAS, ... refuses zeros
                hint = (
                    f" (with pymcdm's default normalization for {spec.pymcdm_class}); pass "
                    "normalization='minmax' or 'max', which accept zero values"
                )
            if method == "aras" and options.get("esp") is not None:
                hint += (
                    "; ARAS normalizes esp together with the data, so esp must suit the "
                    "normalization too"
                )
            raise InvalidProblemError(
                f"pymcdm's {spec.pymcdm_class} rejected the problem: {error}{hint}"
            ) from error
    scores = np.asarray(scores, dtype=float)
    if not np.isfinite(scores).all():
        bad = problem.alternatives[~np.isfinite(scores)]
        raised = "; ".join(sorted({str(w.message) for w in caught}))
        raise InvalidProblemError(
            f"method {describe(method)} produced undefined scores for {format_labels(bad)}"
            + (f" (pymcdm: {raised})" if raised else "")
            + "; check for constant criteria or values the method cannot handle"
        )
    for warning in caught:
        warnings.warn(f"pymcdm {spec.pymcdm_class}: {warning.message}", MethodWarning, stacklevel=2)
    return RankingResult(
        method=method,
        options=options,
        problem=problem,
        score_array=scores,
        higher_is_better=spec.higher_is_better,
    )
