"""The options of a study's analyses: their names, and their values tried with the library.

The study file passes option values on to the library's functions untouched
(``ranking.options`` to :func:`~coopdecide.ranking.rank`, each
``sensitivity`` section to its analysis), so the allowed values cannot drift
from the functions'. At load they are checked in two steps:

1. :func:`check_option_names`: every key is an option of its analysis (from the
   function's real signature where there is one) and the choices that combine
   several sections (a criterion of ``one_at_a_time``, the uncertainty sources
   of SMAA) make sense.
2. :func:`check_option_values`: each analysis runs once, on the problem with the
   fixed weights (else equal ones) and a single SMAA sample, and an error that
   names one of the section's options is reported at its key path. Errors that
   depend on the data or the study's real weights are left to the run.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from coopdecide._validation import describe, format_labels
from coopdecide.study.spec.arguments import (
    keyword_parameters,
    method_arguments,
    smaa_arguments,
    tuples,
)
from coopdecide.study.spec.errors import (
    Loc,
    Nested,
    Source,
    named_argument,
    option_error,
    stage,
    study_error,
)
from coopdecide.study.spec.sections import StudySpec

if TYPE_CHECKING:
    from coopdecide.ahp import PairwiseComparison
    from coopdecide.problem import DecisionProblem

__all__ = ["check_option_names", "check_option_values", "smaa_nested"]

# options a study may set for each sensitivity analysis (the rest comes from `ranking`)
_SENSITIVITY_OPTIONS: Mapping[str, tuple[str, ...]] = {
    "one_at_a_time": ("criterion", "n_points", "grid_points"),
    "critical_changes": ("grid_points",),
    "smaa": ("n_samples", "random_state", "weights", "judgments", "data", "chunk_size"),
    "compare_methods": (),  # filled from the function's signature when it exists
}
# compare_methods arguments the study fills in itself
_COMPARE_RESERVED = ("problem", "weights", "progress", "executor")
# what a library function may raise for a bad option value
_ANY_ERROR = (ValueError, TypeError, AttributeError, KeyError, IndexError, ZeroDivisionError)


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------
def check_option_names(spec: StudySpec, criteria: list[str], source: Source) -> None:
    """Check the ranking method, the option keys and the choices that combine sections."""
    _check_ranking(spec, source)
    _check_sensitivity_keys(spec, source)
    _check_sweep_criterion(spec, criteria, source)
    _check_smaa_sources(spec, source)


def _check_ranking(spec: StudySpec, source: Source) -> None:
    from coopdecide.ranking.methods import ALL_METHODS, allowed_options

    method, options = spec.ranking.method, spec.ranking.options
    if method not in ALL_METHODS:
        raise study_error(
            source,
            ("ranking", "method"),
            f"unknown method {describe(method)}; expected one of "
            f"{format_labels(ALL_METHODS, limit=30)}",
        )
    allowed = allowed_options(method)
    unknown = [key for key in options if key not in allowed]
    if unknown:
        raise study_error(
            source,
            ("ranking", "options", unknown[0]),
            f"unknown option for method {describe(method)}; its options are "
            f"{format_labels(allowed) if allowed else 'none'}",
        )


def _compare_allowed() -> tuple[str, ...]:
    try:
        from coopdecide.sensitivity import compare_methods
    except (ImportError, AttributeError):  # pragma: no cover - part of the package
        return ()
    return keyword_parameters(compare_methods, _COMPARE_RESERVED)


def _check_sensitivity_keys(spec: StudySpec, source: Source) -> None:
    for section, known in _SENSITIVITY_OPTIONS.items():
        options = getattr(spec.sensitivity, section)
        if options is None:
            continue
        allowed = _compare_allowed() if section == "compare_methods" else known
        for key in options:
            if key not in allowed:
                raise study_error(
                    source,
                    ("sensitivity", section, key),
                    f"unknown option; the options are {format_labels(allowed) or 'none'} "
                    "(the method and its options come from 'ranking')",
                )


def _check_sweep_criterion(spec: StudySpec, criteria: list[str], source: Source) -> None:
    """``one_at_a_time.criterion`` names criteria of the study."""
    oat = spec.sensitivity.one_at_a_time
    if not oat or oat.get("criterion") is None:
        return
    chosen = oat["criterion"]
    names = list(chosen) if isinstance(chosen, (list, tuple)) else [chosen]
    unknown = [c for c in names if c not in criteria]
    if unknown:
        raise study_error(
            source,
            ("sensitivity", "one_at_a_time", "criterion"),
            f"unknown criterion {format_labels(unknown)}; the criteria are "
            f"{format_labels(criteria, limit=30)}",
        )


def _check_smaa_sources(spec: StudySpec, source: Source) -> None:
    """SMAA has a source of uncertainty, and judgment uncertainty has experts to perturb."""
    smaa = spec.sensitivity.smaa
    if not smaa:
        return
    where = ("sensitivity", "smaa")
    if smaa.get("judgments") is not None and not spec.experts:
        raise study_error(
            source,
            (*where, "judgments"),
            "judgment uncertainty needs experts with judgments (the 'experts' section)",
        )
    if smaa.get("judgments") is not None and spec.hierarchy is not None:
        raise study_error(
            source,
            (*where, "judgments"),
            "judgment uncertainty is not available with a hierarchy; use weights "
            "({concentration: c}) around the hierarchy's weights instead",
        )
    weights = smaa.get("weights")
    if weights in (None, "auto", "fixed") and not (smaa.get("judgments") or smaa.get("data")):
        raise study_error(
            source,
            where,
            "SMAA needs a source of uncertainty: weights (uniform, or {concentration: c} "
            "for a Dirichlet around the weights), judgments ({steps: k} or {sigma: s}) or "
            "data ({spread: s})",
        )
    if weights is not None and not (
        weights in ("auto", "uniform", "fixed")
        or (isinstance(weights, Mapping) and set(weights) == {"concentration"})
    ):
        raise study_error(
            source,
            (*where, "weights"),
            "expected auto, uniform, fixed or a mapping {concentration: number} "
            f"(Dirichlet around the weights), got {describe(weights)}",
        )


# ---------------------------------------------------------------------------
# values
# ---------------------------------------------------------------------------
def check_option_values(
    spec: StudySpec,
    problem: DecisionProblem,
    comparisons: Mapping[Any, PairwiseComparison],
    source: Source,
) -> None:
    """Try the ranking options and each analysis's options with the library's own validation.

    ``problem`` is the study's problem without weights and ``comparisons`` the
    experts' comparisons of the criteria (empty with a hierarchy or fixed
    weights). one_at_a_time and critical_changes run once with TOPSIS (their
    options do not depend on the ranking method, whose options rank() checks);
    compare_methods runs on the problem; smaa runs one sample. Only errors that
    name one of the section's options are reported here; the others depend on
    the data and the study's weights and are reported by the run.
    """
    dry = _dry_problem(spec, problem)
    _check_method_options(
        source, ("ranking", "options"), dry, spec.ranking.method, spec.ranking.options
    )
    _check_analysis_values(spec, dry, source)
    if spec.sensitivity.smaa is not None:
        _check_smaa_values(spec, dry, comparisons, source)


def _dry_problem(spec: StudySpec, problem: DecisionProblem) -> DecisionProblem:
    """The problem with weights for trying the options: the fixed weights, else equal."""
    given = [c.weight for c in spec.criteria.values() if c.weight is not None]
    if len(given) == len(spec.criteria):
        return problem.with_weights(given)
    return problem.with_weights(np.ones(len(spec.criteria)))


def _quietly(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


def _check_method_options(
    source: Source,
    where: Loc,
    problem: DecisionProblem,
    method: str,
    options: Mapping[str, Any],
) -> None:
    """Rank once with ``options``, so that rank() checks their values.

    An error is the options' fault when the same method ranks the problem without
    them; otherwise it is about the data (and the study's real weights may differ),
    and the run reports it.
    """
    from coopdecide.ranking import rank

    if not options:
        return
    try:
        _quietly(rank, problem, method, **options)
    except _ANY_ERROR as error:
        try:
            _quietly(rank, problem, method)
        except _ANY_ERROR:
            return
        raise option_error(source, where, options, error) from None


def _check_analysis_values(spec: StudySpec, problem: DecisionProblem, source: Source) -> None:
    """one_at_a_time, critical_changes and compare_methods, each run once with its options."""
    import coopdecide.sensitivity as sens

    for key, function in (
        ("one_at_a_time", sens.one_at_a_time),
        ("critical_changes", sens.critical_changes),
        ("compare_methods", sens.compare_methods),
    ):
        options = getattr(spec.sensitivity, key)
        if not options:
            continue
        arguments = tuples(dict(options))
        try:
            _quietly(function, problem, **arguments)
        except _ANY_ERROR as error:
            _raise_if_named(source, ("sensitivity", key), options, error)
        if key == "compare_methods" and arguments.get("methods") is not None:
            _check_compared_methods(source, problem, arguments["methods"])


def _check_compared_methods(source: Source, problem: DecisionProblem, methods: Any) -> None:
    """The options of each method compared (compare_methods skips a method that fails)."""
    from coopdecide.sensitivity.compare import _parse_method

    entries = (
        [
            (label, *value) if isinstance(value, tuple) else (label, value, {})
            for label, value in methods.items()
        ]
        if isinstance(methods, Mapping)
        else list(methods)
    )
    for position, entry in enumerate(entries):
        _, name, options = _parse_method(entry, position)
        given = entry[-1] if isinstance(entry, tuple) and isinstance(entry[-1], Mapping) else {}
        # only the options written in the file (an alias such as topsis-max adds its own)
        options = {key: options[key] for key in given}
        key = list(methods)[position] if isinstance(methods, Mapping) else position
        _check_method_options(
            source, ("sensitivity", "compare_methods", "methods", key), problem, name, options
        )


def _check_smaa_values(
    spec: StudySpec,
    problem: DecisionProblem,
    comparisons: Mapping[Any, PairwiseComparison],
    source: Source,
) -> None:
    """One SMAA sample with the section's settings."""
    import coopdecide.sensitivity as sens
    from coopdecide._validation import check_positive_int

    smaa_options = dict(spec.sensitivity.smaa or {})
    if "n_samples" in smaa_options:
        with stage(source, ("sensitivity", "smaa"), smaa_options):
            check_positive_int("n_samples", smaa_options["n_samples"])
    weights = {e.name: e.weight for e in spec.experts or ()}
    arguments = smaa_arguments(spec, source, comparisons, weights, problem)
    method, _, method_options = method_arguments(spec)
    try:
        _quietly(sens.smaa, problem, 1, method=method, **arguments, **method_options)
    except _ANY_ERROR as error:
        _raise_if_named(source, ("sensitivity", "smaa"), smaa_options, error)


def smaa_nested(options: Mapping[str, Any]) -> dict[str, tuple[Loc, Any]]:
    """Argument names of the smaa sub-sections -> (key path, settings)."""
    base = ("sensitivity", "smaa")
    nested: dict[str, tuple[Loc, Any]] = {}
    for section in ("weights", "judgments", "data"):
        value = options.get(section)
        if isinstance(value, Mapping):
            for key in value:
                nested[str(key)] = ((*base, section, key), value)
    if options.get("data") is not None and not isinstance(options["data"], Mapping):
        nested["spread"] = ((*base, "data"), {})
    return nested


def _raise_if_named(
    source: Source, where: Loc, options: Mapping[str, Any], error: BaseException
) -> None:
    """Raise the error at its option's key path if its message names one of ``options``."""
    nested: Nested = smaa_nested(options) if where == ("sensitivity", "smaa") else {}
    name = named_argument(error)
    if name is not None and (name in options or name in nested):
        raise option_error(source, where, options, error, nested=nested) from None
