"""From study-file sections to the keyword arguments of the library's functions.

The ranking section gives the method and its options (passed on to the
sensitivity analyses too); the ``sensitivity.smaa`` section gives the
arguments of :func:`coopdecide.sensitivity.smaa`, with its uncertainty
specifications built here so that a bad value is reported at its key path
(``sensitivity.smaa.judgments.steps``, ...). Used both when a study is loaded
(each option is tried once) and when it runs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from coopdecide._validation import describe, format_labels
from coopdecide.study.spec.errors import Loc, Source, stage, study_error
from coopdecide.study.spec.sections import StudySpec

if TYPE_CHECKING:
    from coopdecide.ahp import PairwiseComparison
    from coopdecide.problem import DecisionProblem

__all__ = ["check_keys", "judgment_comparisons", "method_arguments", "smaa_arguments", "tuples"]

# JudgmentUncertainty arguments the study fills in itself (from 'ahp' and 'experts')
_JUDGMENT_FROM_STUDY = ("comparisons", "priority", "expert_weights", "aggregation")


def method_arguments(spec: StudySpec) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(method, options for rank/oat/critical, options for smaa) from the ranking section."""
    method, options = spec.ranking.method, dict(spec.ranking.options)
    if method == "topsis":
        return method, options, dict(options)
    smaa_options: dict[str, Any] = {"method_options": dict(options)} if options else {}
    return method, options, smaa_options


def keyword_parameters(function: Callable[..., Any], leave_out: Iterable[str]) -> tuple[str, ...]:
    """The names ``function`` takes by keyword, from its real signature, but ``leave_out``."""
    excluded = set(leave_out)
    return tuple(
        name
        for name, parameter in inspect.signature(function).parameters.items()
        if name not in excluded
        and parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    )


def check_keys(
    source: Source,
    where: Loc,
    given: Mapping[str, Any],
    function: Callable[..., Any],
    filled: Iterable[str],
) -> None:
    """Reject keys that are not parameters of ``function`` (from its real signature)."""
    allowed = keyword_parameters(function, filled)
    for key in given:
        if key not in allowed:
            raise study_error(
                source,
                (*where, key),
                f"unknown option; the options are {format_labels(allowed) or 'none'}",
            )


def smaa_arguments(
    spec: StudySpec,
    source: Source,
    comparisons: Mapping[Any, PairwiseComparison] | None,
    expert_weights: Mapping[Any, float] | None,
    problem: DecisionProblem | None = None,
) -> dict[str, Any]:
    """The keyword arguments of ``smaa()`` (but ``n_samples``) from the ``smaa`` section.

    ``comparisons`` are the experts' comparisons of the criteria (as the group AHP
    used them, when called from the run) and ``expert_weights`` their weights. The
    uncertainty specifications are built here, so a bad value is reported with the
    key path of its sub-section (``sensitivity.smaa.judgments.steps``, ...).
    ``problem`` is the study's problem, whose provenance gives ``data: imputed``
    (the intervals of the values imputed from indicator files).
    """
    from coopdecide.sensitivity.sampling import DirichletWeights

    base = ("sensitivity", "smaa")
    options = dict(spec.sensitivity.smaa or {})
    options.pop("n_samples", None)
    weights = options.pop("weights", None)
    if isinstance(weights, Mapping):
        with stage(source, (*base, "weights"), weights):
            options["weights"] = DirichletWeights(weights["concentration"])
    elif weights is not None:
        options["weights"] = weights
    judgments = options.pop("judgments", None)
    if judgments is not None:
        options["judgments"] = _judgment_uncertainty(
            spec, source, judgments, comparisons or {}, expert_weights
        )
    data = options.pop("data", None)
    if data == "imputed":
        options["data"] = _imputed_intervals(source, problem)
    elif data is not None:
        options["data"] = _data_uncertainty(source, data)
    return options


def _imputed_intervals(source: Source, problem: DecisionProblem | None) -> Any:
    """``sensitivity.smaa.data: imputed``: the imputed cells vary over their interval."""
    from coopdecide.sensitivity.sampling import DataIntervals

    provenance = None if problem is None else problem.provenance
    if provenance is None or "low" not in provenance:
        raise study_error(
            source,
            ("sensitivity", "smaa", "data"),
            "'imputed' needs data read from indicator files (data.indicators), whose imputed "
            "values carry an interval",
        )
    assert problem is not None
    return DataIntervals.from_provenance(problem)


def _judgment_uncertainty(
    spec: StudySpec,
    source: Source,
    judgments: Any,
    comparisons: Mapping[Any, PairwiseComparison],
    expert_weights: Mapping[Any, float] | None,
) -> Any:
    """``sensitivity.smaa.judgments`` as a JudgmentUncertainty."""
    from coopdecide.sensitivity.sampling import JudgmentUncertainty

    where = ("sensitivity", "smaa", "judgments")
    if not isinstance(judgments, Mapping):
        raise study_error(
            source,
            where,
            f"expected a mapping {{steps: k}} or {{sigma: s}}, got {describe(judgments)}",
        )
    check_keys(source, where, judgments, JudgmentUncertainty, _JUDGMENT_FROM_STUDY)
    with stage(source, where, judgments):
        return JudgmentUncertainty(
            judgment_comparisons(spec, comparisons),
            priority=spec.ahp.method,
            expert_weights=dict(expert_weights or {}) or None,
            aggregation=spec.ahp.aggregation,
            **dict(judgments),
        )


def _data_uncertainty(source: Source, data: Any) -> Any:
    """``sensitivity.smaa.data`` (a spread, or ``{spread: s, ...}``) as a DataUncertainty."""
    from coopdecide.sensitivity.sampling import DataUncertainty

    where = ("sensitivity", "smaa", "data")
    if isinstance(data, Mapping) and "spread" in data:
        check_keys(source, where, data, DataUncertainty, ())
        with stage(source, where, data):
            return DataUncertainty(**dict(data))
    with stage(source, where, {}):
        return DataUncertainty(data)


def judgment_comparisons(
    spec: StudySpec, comparisons: Mapping[Hashable, PairwiseComparison]
) -> dict[Hashable, PairwiseComparison]:
    """The experts' comparisons to perturb, so that no perturbation gives the study's weights.

    Incomplete judgments are passed as they are when ``ahp_group`` completes them
    the way the sampler does (AIJ: pair by pair over the experts who judged it;
    AIP with the geometric method: LLSM per expert). With AIP and another method
    ``ahp_group`` completes each expert's matrix by the lambda_max-optimal
    completion, which the sampler cannot redo for every sample, so that
    completed matrix is perturbed instead.
    """
    if spec.ahp.aggregation == "aij" or spec.ahp.method == "geometric":
        return dict(comparisons)
    from coopdecide.ahp import complete

    return {
        expert: comparison if comparison.is_complete else complete(comparison, "lambda_max")
        for expert, comparison in comparisons.items()
    }


def tuples(value: Any) -> Any:
    """Lists (from YAML or JSON) as tuples, as the library takes ``(name, options)`` pairs."""
    if isinstance(value, list):
        return tuple(tuples(v) for v in value)
    if isinstance(value, Mapping):
        return {k: tuples(v) for k, v in value.items()}
    return value
