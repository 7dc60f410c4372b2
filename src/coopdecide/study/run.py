"""Running a study, stage by stage: weights, ranking, sensitivity, portfolio, warnings.

Each stage is a function of the :class:`~coopdecide.study.Study` and the
previous stages' results:

1. :func:`weigh`: the group AHP (or the hierarchy, or the fixed weights) ->
   :class:`Weighting`;
2. :func:`rank_alternatives`: the problem with those weights -> ``RankingResult``;
3. :func:`analyse`: the sensitivity analyses asked for -> ``{name: result}``;
4. :func:`choose_portfolio`: the ``portfolio`` section -> :class:`PortfolioParts`;
5. :func:`study_warnings`: what an analyst must see, in the study's words.

:func:`run_study` chains them into a :class:`~coopdecide.study.StudyResult`.
A library error in a stage is reported as a StudyFileError at the key path of
the setting it names.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, cast

import pandas as pd

from coopdecide._validation import describe, format_labels
from coopdecide.exceptions import (
    CoopdecideError,
    DominatedAlternativeWarning,
    InconsistentComparisonWarning,
    StudyFileError,
)
from coopdecide.problem import DecisionProblem
from coopdecide.study.build import GOAL, blocks_of, objective_weights, study_bwm
from coopdecide.study.data import portfolio_illustrative, portfolio_table
from coopdecide.study.result import StudyResult
from coopdecide.study.spec import PortfolioSpec
from coopdecide.study.spec.arguments import method_arguments, smaa_arguments, tuples
from coopdecide.study.spec.errors import stage, study_error, warning_text
from coopdecide.study.spec.options import smaa_nested

if TYPE_CHECKING:
    from coopdecide.ahp import CriteriaHierarchy, GroupAHPResult
    from coopdecide.ranking import RankingResult
    from coopdecide.study.study import Study
    from coopdecide.weights import GroupBWMResult, WeightsResult

__all__ = [
    "Method",
    "PortfolioParts",
    "Weighting",
    "analyse",
    "choose_portfolio",
    "dominated_text",
    "rank_alternatives",
    "run_study",
    "study_warnings",
    "weigh",
]


@dataclass(frozen=True)
class Weighting:
    """The weights stage: the group result, the hierarchy, per-node groups, criteria weights."""

    group: GroupAHPResult | None
    hierarchy: CriteriaHierarchy | None
    node_groups: dict[str, GroupAHPResult]
    weights: pd.Series
    weights_result: WeightsResult | GroupBWMResult | None = None


@dataclass(frozen=True)
class Method:
    """The ranking method and its options, as rank(), the sweeps and smaa() take them."""

    name: str
    options: dict[str, Any]
    smaa_options: dict[str, Any]


@dataclass(frozen=True)
class PortfolioParts:
    """The portfolio stage: the selection, its SMAA acceptability and the budget sweep."""

    portfolio: Any = None
    portfolio_acceptability: Any = None
    budget_sweep: Any = None


@dataclass(frozen=True)
class _Run:
    """What the later stages need of the earlier ones."""

    study: Study
    problem: DecisionProblem
    weighting: Weighting
    method: Method
    progress: bool = False


def run_study(study: Study, *, progress: bool = False) -> StudyResult:
    """Run every stage of ``study`` and collect the warnings into a StudyResult."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        weighting = weigh(study)
        with stage(study._source, "criteria"):
            problem = study._problem.with_weights(
                weighting.weights.reindex(study._problem.criteria).to_numpy()
            )
        method = Method(*method_arguments(study._spec))
        ranking = rank_alternatives(study, problem, method)
        state = _Run(study, problem, weighting, method, progress)
        sensitivity = analyse(state)
        portfolio = choose_portfolio(state, ranking)
    collected = study_warnings(study, problem, weighting, portfolio.portfolio is not None)
    for item in caught:
        if issubclass(item.category, (InconsistentComparisonWarning, DominatedAlternativeWarning)):
            continue  # reported above, once, in the study's words
        text = warning_text(item.message)
        if text not in collected:
            collected.append(text)
    return StudyResult(
        study=study,
        problem=problem,
        group=weighting.group,
        hierarchy=weighting.hierarchy,
        weights_result=weighting.weights_result,
        ranking=ranking,
        sensitivity=sensitivity,
        portfolio=portfolio.portfolio,
        portfolio_acceptability=portfolio.portfolio_acceptability,
        budget_sweep=portfolio.budget_sweep,
        warnings=tuple(collected),
    )


# ---------------------------------------------------------------------------
# 1. weights
# ---------------------------------------------------------------------------
def weigh(study: Study) -> Weighting:
    """The criteria weights: group AHP over the experts (by hierarchy node), or fixed."""
    spec = study._spec
    source = study._source
    settings: dict[str, Any] = {
        "expert_weights": {e.name: e.weight for e in spec.experts or ()},
        "aggregation": spec.ahp.aggregation,
        "method": spec.ahp.method,
        "ri_table": spec.ahp.ri_table,
        "threshold": spec.ahp.threshold,
        "inconsistent": spec.ahp.inconsistent,
    }
    if spec.experts and study._structure is not None:
        from coopdecide.ahp import CriteriaHierarchy

        nodes = blocks_of(list(spec.criteria), study._structure)
        structure: dict[Hashable, Sequence[Hashable]] = {
            node: list(children) for node, children in study._structure.items()
        }
        with stage(source, "hierarchy"):
            hierarchy = CriteriaHierarchy(
                structure,
                {node: study._node_comparisons(node) for node in nodes},
                goal=GOAL,
                **settings,
            )
        # with experts, every node's result is a group result
        node_groups = {node: cast("GroupAHPResult", hierarchy.results[node]) for node in nodes}
        return _with_weights_section(
            study, Weighting(node_groups[GOAL], hierarchy, node_groups, hierarchy.leaf_weights)
        )
    if spec.experts:
        from coopdecide.ahp import ahp_group

        with stage(source, "experts"):
            group = ahp_group(study._node_comparisons(GOAL), **settings)
        return _with_weights_section(study, Weighting(group, None, {GOAL: group}, group.weights))
    if spec.weights is not None:
        return _with_weights_section(study, Weighting(None, None, {}, pd.Series(dtype=float)))
    weights = pd.Series({name: c.weight for name, c in spec.criteria.items()}, dtype=float)
    return Weighting(None, None, {}, weights)


def _with_weights_section(study: Study, weighting: Weighting) -> Weighting:
    """The weights of the ``weights`` section: objective, or the AHP ones combined with them."""
    section = study._spec.weights
    if section is None:
        return weighting
    if section.method == "bwm":
        group = study_bwm(study._spec, study._problem)
        return replace(weighting, weights=group.weights, weights_result=group)
    objective = objective_weights(study._problem, cast("str", section.objective))
    if section.combine is None:
        return replace(weighting, weights=objective.weights, weights_result=objective)
    from coopdecide.weights import combine_weights

    combined = combine_weights(
        weighting.weights, objective, method="linear", alpha=section.combine["ahp"]
    )
    return replace(weighting, weights=combined.weights, weights_result=combined)


# ---------------------------------------------------------------------------
# 2. ranking
# ---------------------------------------------------------------------------
def rank_alternatives(study: Study, problem: DecisionProblem, method: Method) -> RankingResult:
    """The ranking of the weighted problem by the study's method."""
    from coopdecide.ranking import rank

    by_option = {key: (("ranking", "options", key), method.options) for key in method.options}
    with stage(study._source, "ranking", nested=by_option):
        return rank(problem, method.name, **method.options)


# ---------------------------------------------------------------------------
# 3. sensitivity
# ---------------------------------------------------------------------------
def _smaa_arguments(state: _Run) -> dict[str, Any]:
    """smaa()'s arguments from the section, with the comparisons the group AHP used."""
    group = state.weighting.group
    study = state.study
    if group is None:
        return smaa_arguments(study._spec, study._source, None, None, state.problem)
    return smaa_arguments(
        study._spec,
        study._source,
        group.comparisons,
        group.expert_weights.to_dict(),
        state.problem,
    )


def analyse(state: _Run) -> dict[str, Any]:
    """Run the sensitivity analyses the study asks for, by section name."""
    import coopdecide.sensitivity as sens

    source = state.study._source
    sections = state.study._spec.sensitivity
    problem, method = state.problem, state.method
    results: dict[str, Any] = {}
    for key, function in (
        ("one_at_a_time", sens.one_at_a_time),
        ("critical_changes", sens.critical_changes),
    ):
        section = getattr(sections, key)
        if section is not None:
            with stage(source, ("sensitivity", key), section):
                results[key] = function(
                    problem, method=method.name, **dict(section), **method.options
                )
    if sections.smaa is not None:
        settings = dict(sections.smaa)
        # smaa_arguments leaves n_samples out (the portfolio and the load check set their own)
        n_samples = {"n_samples": settings["n_samples"]} if "n_samples" in settings else {}
        with stage(source, ("sensitivity", "smaa"), settings, nested=smaa_nested(settings)):
            results["smaa"] = sens.smaa(
                problem,
                method=method.name,
                progress=state.progress,
                **n_samples,
                **_smaa_arguments(state),
                **method.smaa_options,
            )
    if sections.compare_methods is not None:
        with stage(source, ("sensitivity", "compare_methods"), sections.compare_methods):
            results["compare_methods"] = sens.compare_methods(
                problem, **tuples(dict(sections.compare_methods))
            )
    return results


# ---------------------------------------------------------------------------
# 4. portfolio
# ---------------------------------------------------------------------------
def _programme_scores(
    portfolio: PortfolioSpec, table: pd.DataFrame, ranking: RankingResult, state: _Run
) -> tuple[pd.Series, pd.Series | None]:
    """Each programme's score (its partner's, or a column) and partner (or None)."""
    if portfolio.score != "partner":
        return pd.to_numeric(table[portfolio.score], errors="coerce").rename("score"), None
    partners = table[portfolio.partner].astype(str)
    unknown = sorted(set(partners) - set(map(str, ranking.scores.index)))
    if unknown:
        raise study_error(
            state.study._source,
            ("portfolio", "partner"),
            f"programme partners not among the study's alternatives: {format_labels(unknown)}",
        )
    lookup = {str(k): float(v) for k, v in ranking.scores.items()}
    if not ranking.higher_is_better:
        top = max(lookup.values())
        lookup = {k: top - v for k, v in lookup.items()}
    return pd.Series([lookup[p] for p in partners], index=table.index, name="score"), partners


def _portfolio_rules(portfolio: PortfolioSpec, table: pd.DataFrame) -> dict[str, Any]:
    """The selection rules of the section, as select_portfolio() takes them."""
    groups = {group: table[group] for group in portfolio.groups}
    return {
        "groups": groups or None,
        "at_most": portfolio.at_most or None,
        "at_least": portfolio.at_least or None,
        "mandatory": list(portfolio.mandatory),
        "excluded": list(portfolio.excluded),
        "requires": [tuple(pair) for pair in portfolio.requires],
        "excludes": [tuple(entry) for entry in portfolio.excludes],
        "objective": portfolio.objective,
        "sizes": None if portfolio.size is None else table[portfolio.size],
    }


def choose_portfolio(state: _Run, ranking: RankingResult) -> PortfolioParts:
    """The portfolio section's results: selection, and acceptability and sweep when asked."""
    from coopdecide.portfolio import budget_sweep, portfolio_acceptability, select_portfolio

    study = state.study
    portfolio = study._spec.portfolio
    if portfolio is None:
        return PortfolioParts()
    source = study._source
    table = portfolio_table(portfolio, study._base_dir, source)
    scores, partners = _programme_scores(portfolio, table, ranking, state)
    costs = pd.to_numeric(table[portfolio.cost], errors="coerce")
    rules = _portfolio_rules(portfolio, table)
    with _as_study_error(source, "portfolio"):
        selected = select_portfolio(scores, costs, portfolio.budget, **rules)
    sweep = None
    if portfolio.budget_sweep is not None:
        with _as_study_error(source, ("portfolio", "budget_sweep")):
            sweep = budget_sweep(scores, costs, portfolio.budget_sweep.budget_values(), **rules)
    acceptability = None
    if portfolio.acceptability is not None:
        assert partners is not None  # checked at load: score is 'partner'
        samples = _portfolio_smaa(state, portfolio)
        with _as_study_error(source, ("portfolio", "acceptability")):
            acceptability = portfolio_acceptability(
                samples, costs, portfolio.budget, partners=partners, **rules
            )
    return PortfolioParts(selected, acceptability, sweep)


class _as_study_error:
    """Report a library error (but a StudyFileError) as a StudyFileError at ``where``."""

    def __init__(self, source: Any, where: str | tuple[Any, ...]) -> None:
        self.source = source
        self.where = where

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: BaseException | None, traceback: Any) -> Literal[False]:
        if isinstance(error, CoopdecideError) and not isinstance(error, StudyFileError):
            raise study_error(self.source, self.where, str(error)) from None
        return False


def _portfolio_smaa(state: _Run, portfolio: PortfolioSpec) -> Any:
    """The SMAA run (with kept scores) behind ``portfolio.acceptability``.

    The uncertainty and method are the study's ``sensitivity.smaa`` settings; the
    number of samples and the seed are the acceptability's own (the seed defaults
    to the SMAA section's, so the samples are then the first ones of that run).
    """
    from coopdecide.sensitivity import smaa

    settings = portfolio.acceptability
    assert settings is not None  # called for an acceptability section
    arguments = _smaa_arguments(state)
    if settings.random_state is not None:
        arguments["random_state"] = settings.random_state
    with _as_study_error(state.study._source, ("portfolio", "acceptability")):
        return smaa(
            state.problem,
            settings.n_samples,
            method=state.method.name,
            keep_scores=True,
            progress=state.progress,
            **arguments,
            **state.method.smaa_options,
        )


# ---------------------------------------------------------------------------
# 5. warnings
# ---------------------------------------------------------------------------
def dominated_text(problem: DecisionProblem) -> str | None:
    """The dominated alternatives and their dominators, in words; None if there are none."""
    dominated = problem.dominated()
    if dominated.empty:
        return None
    by = dominated.groupby("alternative", sort=False)["dominated_by"].apply(list)
    parts = [
        f"{describe(alternative)} (by {format_labels(winners, limit=3)})"
        for alternative, winners in by.items()
    ]
    return (
        f"{len(parts)} alternative(s) are dominated (another is at least as good on every "
        f"criterion and better on one): {'; '.join(parts)}."
    )


_ACTIONS = {
    "kept": "kept in the aggregation",
    "excluded": "excluded from the aggregation",
    "repaired": "repaired before the aggregation (see the repairs)",
}


def _consistency_warnings(weighting: Weighting) -> list[str]:
    """Inconsistent experts and inconsistent group judgments, per compared node."""
    collected: list[str] = []
    for node, node_group in weighting.node_groups.items():
        where = f" in the comparison of {describe(node)}" if weighting.hierarchy is not None else ""
        for expert, row in node_group.consistency.iterrows():
            if not bool(row["consistent"]) or row["status"] != "kept":
                collected.append(
                    f"Expert {describe(expert)} is inconsistent{where}: CR {row['cr']:.3f} > "
                    f"{node_group.threshold:g} ({node_group.ri_table} random index); "
                    f"judgments {_ACTIONS[row['status']]}."
                )
        if node_group.consistent is False:
            collected.append(
                f"The aggregated (group) judgments{where} are inconsistent: CR "
                f"{node_group.cr:.3f} > {node_group.threshold:g}."
            )
    return collected


def study_warnings(
    study: Study, problem: DecisionProblem, weighting: Weighting, has_portfolio: bool
) -> list[str]:
    """The warnings an analyst must see, in the study's words."""
    collected = _consistency_warnings(weighting)
    illustrative = [e for e in study.experts if "illustrative" in e.lower()]
    if illustrative:
        collected.append(
            f"The judgments of {format_labels(illustrative)} are ILLUSTRATIVE (written for "
            "the demonstration, not elicited from these institutions)."
        )
    proxies = list(study._criteria.index[study._criteria["proxy"].to_numpy()])
    if proxies:
        collected.append(
            f"{len(proxies)} criteria use proxies as data, not direct measures: "
            f"{format_labels(proxies, limit=20)} (see the criteria descriptions and the data "
            "sources)."
        )
    if study._metadata is not None:
        notes = study._metadata.attrs.get("data_notes", ())
        collected.extend(f"Data from the indicator files: {note}." for note in notes)
    dominated = dominated_text(problem)
    if dominated is not None:
        collected.append(dominated)
    portfolio = study._spec.portfolio
    if (
        has_portfolio
        and portfolio is not None
        and portfolio_illustrative(portfolio, study._base_dir, study._source)
    ):
        collected.append(
            "The programme data of the portfolio are ILLUSTRATIVE (not from any public "
            "source); the chosen portfolio shows the method, not a recommendation."
        )
    return collected
