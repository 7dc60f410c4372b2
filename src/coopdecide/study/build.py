"""From a checked study file (a ``StudySpec``) to what a study computes with.

:func:`build` reads the data into a :class:`~coopdecide.problem.DecisionProblem`
(:mod:`coopdecide.study.data`), the ``hierarchy`` section into ``{parent:
children}``, and each expert's judgments (inline or from an Excel
questionnaire) into one :class:`~coopdecide.ahp.PairwiseComparison` per node
of the hierarchy (``"goal"`` alone without one). On the way it makes every
check that needs the data or several sections, then tries the analyses'
options (:mod:`coopdecide.study.spec.options`), so that a study that builds
runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pandas as pd

from coopdecide._validation import describe, format_labels
from coopdecide.exceptions import CoopdecideError, InvalidArgumentError
from coopdecide.problem import DecisionProblem
from coopdecide.study.data import build_problem, check_portfolio, criteria_frame, existing_file
from coopdecide.study.spec import ExpertSpec, StudySpec, check_name
from coopdecide.study.spec.errors import Source, stage, study_error
from coopdecide.study.spec.options import check_option_names, check_option_values

if TYPE_CHECKING:
    from coopdecide.ahp import PairwiseComparison
    from coopdecide.weights import GroupBWMResult, WeightsResult

__all__ = [
    "GOAL",
    "Blocks",
    "BuiltStudy",
    "Comparisons",
    "Structure",
    "blocks_of",
    "build",
    "objective_weights",
    "study_bwm",
]

#: The root of a criteria hierarchy (the node of the top-level comparison).
GOAL = "goal"

#: ``{parent: children}`` of a hierarchy, with the root ``"goal"``.
Structure = dict[str, list[str]]
#: Node -> the items compared there (nodes with at least two items).
Blocks = dict[str, list[str]]
#: Expert -> node -> the expert's comparison at that node.
Comparisons = dict[str, dict[str, "PairwiseComparison"]]


@dataclass(frozen=True)
class BuiltStudy:
    """What :func:`build` makes of a study file."""

    problem: DecisionProblem
    metadata: pd.DataFrame | None
    criteria: pd.DataFrame
    structure: Structure | None
    comparisons: Comparisons


def build(spec: StudySpec, base_dir: Path, source: Source) -> BuiltStudy:
    """Read the data and the judgments of ``spec`` and check everything that can be checked.

    Raises
    ------
    StudyFileError
        The first problem found, named by its key path.
    """
    criteria = list(spec.criteria)
    for name in criteria:
        check_name(source, ("criteria", name), name)
    problem, metadata = build_problem(spec, base_dir, source)
    structure = _hierarchy_structure(spec, source)
    if spec.experts:
        comparisons = _expert_comparisons(spec, spec.experts, base_dir, structure, source)
    else:
        if spec.weights is None:
            _check_fixed_weights(spec, structure, source)
        comparisons = {}
    if spec.weights is not None:
        _check_weights_section(spec, structure, problem, source)
    check_option_names(spec, criteria, source)
    if comparisons:
        _check_connected_judgments(spec.experts or (), comparisons, source)
    top_level = {e: nodes[GOAL] for e, nodes in comparisons.items()} if structure is None else {}
    check_option_values(spec, problem, top_level, source)
    check_portfolio(spec, base_dir, source)
    return BuiltStudy(
        problem=problem,
        metadata=metadata,
        criteria=criteria_frame(spec, metadata),
        structure=structure,
        comparisons=comparisons,
    )


# ---------------------------------------------------------------------------
# weights: fixed, or experts' judgments
# ---------------------------------------------------------------------------
def _check_fixed_weights(spec: StudySpec, structure: Structure | None, source: Source) -> None:
    """Without experts, every criterion has a weight, and not all are zero."""
    criteria = spec.criteria
    if structure is not None:
        raise study_error(
            source, "hierarchy", "a hierarchy needs experts with judgments for its nodes"
        )
    given = [name for name, criterion in criteria.items() if criterion.weight is not None]
    missing = [name for name, criterion in criteria.items() if criterion.weight is None]
    if missing:
        raise study_error(
            source,
            ("criteria", missing[0], "weight") if given else "experts",
            "list experts with their judgments, or give every criterion a weight"
            + (f"; no weight for {format_labels(missing)}" if given else ""),
        )
    if not any((criterion.weight or 0.0) > 0 for criterion in criteria.values()):
        raise study_error(
            source, ("criteria", next(iter(criteria)), "weight"), "weights must not all be zero"
        )


def objective_weights(problem: DecisionProblem, method: str) -> WeightsResult:
    """The objective weights ``method`` (a name of ``OBJECTIVE_WEIGHTS``) of the study's data."""
    from coopdecide import weights

    return cast("WeightsResult", getattr(weights, f"{method}_weights")(problem))


def study_bwm(spec: StudySpec, problem: DecisionProblem) -> GroupBWMResult:
    """The group BWM of ``weights.experts``; every stakeholder judges every criterion."""
    from coopdecide.weights import bwm_group

    section = spec.weights
    assert section is not None and section.experts  # method: bwm, by the spec's validator
    criteria = set(problem.criteria)
    for name, expert in section.experts.items():
        judged = set(expert.best_to_others) | set(expert.others_to_worst)
        if judged != criteria:
            raise InvalidArgumentError(
                f"expert {describe(name)} must judge exactly the criteria "
                f"{format_labels(problem.criteria)}; got {format_labels(sorted(judged))}"
            )
    experts = {
        name: expert.model_dump(exclude={"weight"}, exclude_none=True)
        for name, expert in section.experts.items()
    }
    weights = {name: expert.weight for name, expert in section.experts.items()}
    return bwm_group(
        experts,
        aggregation=section.aggregation,
        expert_weights=weights,
        model=section.model,
    )


def _check_weights_section(
    spec: StudySpec, structure: Structure | None, problem: DecisionProblem, source: Source
) -> None:
    """``weights``: method without experts, combine with them; the data suit the method."""
    weights = spec.weights
    assert weights is not None  # called only with a weights section
    if weights.method is not None and spec.experts:
        hint = (
            "list the BWM stakeholders in weights.experts"
            if weights.method == "bwm"
            else "combine them with the objective weights (weights: {combine: {ahp: 0.5, "
            f"{weights.method}: 0.5}}}})"
        )
        raise study_error(
            source,
            ("weights", "method"),
            f"with weights.method the experts' AHP judgments would not be used; {hint}, or "
            "leave out the experts",
        )
    if weights.combine is not None and not spec.experts:
        raise study_error(
            source,
            ("weights", "combine"),
            "weights.combine combines the experts' AHP weights with objective ones; list "
            "experts with their judgments",
        )
    if structure is not None and not spec.experts:
        raise study_error(
            source, "hierarchy", "a hierarchy needs experts with judgments for its nodes"
        )
    given = [name for name, criterion in spec.criteria.items() if criterion.weight is not None]
    if given:
        raise study_error(
            source,
            ("criteria", given[0], "weight"),
            "give criteria weights or a weights section, not both",
        )
    if weights.method == "bwm":
        with stage(source, ("weights", "experts")):
            study_bwm(spec, problem)
        return
    key = "method" if weights.method is not None else "combine"
    with stage(source, ("weights", key)):
        objective_weights(problem, cast("str", weights.objective))  # not bwm: a method name


def _check_experts(spec: StudySpec, experts: tuple[ExpertSpec, ...], source: Source) -> None:
    """Experts instead of weights, each named once, not all of weight zero."""
    given = [name for name, criterion in spec.criteria.items() if criterion.weight is not None]
    if given:
        raise study_error(
            source,
            ("criteria", given[0], "weight"),
            "give criteria weights or experts with judgments, not both",
        )
    names = [expert.name for expert in experts]
    for position, name in enumerate(names):
        if names.index(name) != position:
            raise study_error(
                source,
                ("experts", position, "name"),
                f"expert {describe(name)} is listed twice (also experts[{names.index(name)}])",
            )
    if not any(expert.weight > 0 for expert in experts):
        raise study_error(
            source, ("experts", 0, "weight"), "the expert weights must not all be zero"
        )
    if len(spec.criteria) < 2:
        raise study_error(source, "criteria", "pairwise judgments need at least 2 criteria")


def _expert_comparisons(
    spec: StudySpec,
    experts: tuple[ExpertSpec, ...],
    base_dir: Path,
    structure: Structure | None,
    source: Source,
) -> Comparisons:
    """Expert -> node -> comparison, from the inline judgments and the questionnaires."""
    _check_experts(spec, experts, source)
    blocks = blocks_of(list(spec.criteria), structure)
    from_files = _questionnaire_comparisons(spec, experts, base_dir, blocks, source)
    comparisons: Comparisons = {}
    for position, expert in enumerate(experts):
        if expert.judgments is not None:
            comparisons[expert.name] = _inline_comparisons(
                expert, position, blocks, spec.ahp.allow_missing, source
            )
        else:
            comparisons[expert.name] = from_files[position]
    return comparisons


# ---------------------------------------------------------------------------
# the hierarchy
# ---------------------------------------------------------------------------
def _hierarchy_structure(spec: StudySpec, source: Source) -> Structure | None:
    """``{parent: children}`` from the ``hierarchy`` section, with the goal on top.

    The goal's children are the top-level groups (those that are nobody's child) in
    file order, then the criteria that are in no group, in criteria order.
    """
    if spec.hierarchy is None:
        return None
    criteria = list(spec.criteria)
    groups = dict(spec.hierarchy)
    if not groups:
        raise study_error(source, "hierarchy", "name at least one group of criteria")
    if GOAL in groups or GOAL in criteria:
        raise study_error(
            source, ("hierarchy", GOAL), f"{describe(GOAL)} is the root's name; rename it"
        )
    placed: dict[str, str] = {}
    for group, children in groups.items():
        check_name(source, ("hierarchy", group), group)
        if group in criteria:
            raise study_error(
                source, ("hierarchy", group), "a group must not have the name of a criterion"
            )
        if not children:
            raise study_error(source, ("hierarchy", group), "a group needs at least one member")
        for child in children:
            _place(child, group, criteria, groups, placed, source)
    _check_no_cycle(groups, placed, source)
    top = [g for g in groups if g not in placed] + [c for c in criteria if c not in placed]
    return {GOAL: top, **{g: list(children) for g, children in groups.items()}}


def _place(
    child: str,
    group: str,
    criteria: list[str],
    groups: Mapping[str, object],
    placed: dict[str, str],
    source: Source,
) -> None:
    """Record ``child`` under ``group``: a known criterion or group, with one parent."""
    if child not in criteria and child not in groups:
        raise study_error(
            source,
            ("hierarchy", group),
            f"{describe(child)} is neither a criterion nor a group; the criteria are "
            f"{format_labels(criteria, limit=30)}",
        )
    if child in placed:
        raise study_error(
            source,
            ("hierarchy", group),
            f"{describe(child)} is already under {describe(placed[child])}; each criterion "
            "or group has one parent",
        )
    if child == group:
        raise study_error(source, ("hierarchy", group), "a group cannot contain itself")
    placed[child] = group


def _check_no_cycle(
    groups: Mapping[str, object], placed: Mapping[str, str], source: Source
) -> None:
    """Walk up from every group; meeting a group twice is a cycle."""
    for group in groups:
        seen = {group}
        node = group
        while node in placed:
            node = placed[node]
            if node in seen:
                raise study_error(
                    source, ("hierarchy", group), "the groups contain each other (a cycle)"
                )
            seen.add(node)


def blocks_of(criteria: list[str], structure: Structure | None) -> Blocks:
    """Node -> items compared there (only nodes with at least 2 items)."""
    if structure is None:
        return {GOAL: criteria}
    return {node: items for node, items in structure.items() if len(items) >= 2}


# ---------------------------------------------------------------------------
# judgments
# ---------------------------------------------------------------------------
def _inline_comparisons(
    expert: ExpertSpec,
    position: int,
    blocks: Blocks,
    allow_missing: bool,
    source: Source,
) -> dict[str, PairwiseComparison]:
    """Node -> PairwiseComparison of an expert's inline judgments."""
    from coopdecide.ahp import PairwiseComparison

    loc = ("experts", position, "judgments")
    per_node = _judgments_by_node(expert, loc, blocks, source)
    judged = {frozenset((a, b)) for triples in per_node.values() for a, b, _ in triples}
    missing = [
        (a, b)
        for items in blocks.values()
        for a, b in combinations(items, 2)
        if frozenset((a, b)) not in judged
    ]
    if missing and not allow_missing:
        shown = ", ".join(f"{describe(a)} and {describe(b)}" for a, b in missing[:6])
        more = f" ... ({len(missing) - 6} more)" if len(missing) > 6 else ""
        raise study_error(
            source,
            loc,
            f"expert {describe(expert.name)}: {len(missing)} pair(s) not judged: {shown}{more} "
            "(set ahp.allow_missing: true to accept incomplete judgments)",
        )
    out = {}
    for node, items in blocks.items():
        try:
            out[node] = PairwiseComparison.from_judgments(items, per_node[node])
        except CoopdecideError as error:
            raise study_error(source, loc, f"expert {describe(expert.name)}: {error}") from None
    return out


def _judgments_by_node(
    expert: ExpertSpec, loc: tuple[str | int, ...], blocks: Blocks, source: Source
) -> dict[str, list[tuple[str, str, float]]]:
    """The expert's judgments sorted to the node whose items they compare, each pair once."""
    node_of = {
        frozenset(pair): node for node, items in blocks.items() for pair in combinations(items, 2)
    }
    names = [item for items in blocks.values() for item in items]
    per_node: dict[str, list[tuple[str, str, float]]] = {node: [] for node in blocks}
    seen: set[frozenset[str]] = set()
    for a, b, value in expert.judgments or ():
        for label in (a, b):
            if label not in names:
                what, which = (
                    ("criterion or group", "criteria and groups")
                    if len(blocks) > 1
                    else ("criterion", "criteria")
                )
                raise study_error(
                    source,
                    loc,
                    f"expert {describe(expert.name)}: unknown {what} {describe(label)} in the "
                    f"judgment of {describe(a)} and {describe(b)}; the {which} are "
                    f"{format_labels(names, limit=30)}",
                )
        pair = frozenset((a, b))
        if pair not in node_of:
            raise study_error(
                source,
                loc,
                f"expert {describe(expert.name)}: {describe(a)} and {describe(b)} are not in the "
                "same group of the hierarchy; compare only items under the same parent",
            )
        if pair in seen:
            raise study_error(
                source,
                loc,
                f"expert {describe(expert.name)}: the pair {describe(a)} and {describe(b)} is "
                "judged twice; keep one",
            )
        seen.add(pair)
        per_node[node_of[pair]].append((a, b, value))
    return per_node


def _questionnaire_comparisons(
    spec: StudySpec,
    experts: tuple[ExpertSpec, ...],
    base_dir: Path,
    blocks: Blocks,
    source: Source,
) -> dict[int, dict[str, PairwiseComparison]]:
    """Node -> comparison of the experts whose judgments are in questionnaires, by position."""
    by_file: dict[Path, list[int]] = {}
    for position, expert in enumerate(experts):
        if expert.questionnaire is None:
            continue
        resolved = existing_file(
            expert.questionnaire,
            base_dir,
            "questionnaire",
            source,
            ("experts", position, "questionnaire"),
        )
        by_file.setdefault(resolved, []).append(position)
    out: dict[int, dict[str, PairwiseComparison]] = {}
    for resolved, positions in by_file.items():
        per_node = _read_questionnaire(resolved, positions[0], blocks, spec, source)
        for position in positions:
            name = experts[position].name
            if name not in per_node[GOAL]:
                raise study_error(
                    source,
                    ("experts", position, "name"),
                    f"expert {describe(name)} has no sheet in the questionnaire "
                    f"{describe(str(resolved))}; it has {format_labels(per_node[GOAL])}",
                )
            out[position] = {node: per_node[node][name] for node in blocks}
    return out


def _read_questionnaire(
    resolved: Path, first: int, blocks: Blocks, spec: StudySpec, source: Source
) -> dict[str, dict[str, PairwiseComparison]]:
    """Node -> expert -> comparison of one questionnaire workbook."""
    from coopdecide.exceptions import QuestionnaireError
    from coopdecide.io.questionnaire import read_questionnaire

    expected = {None if node == GOAL else node: items for node, items in blocks.items()}
    flat = list(blocks) == [GOAL]
    try:
        responses = read_questionnaire(
            resolved,
            criteria=blocks[GOAL] if flat else expected,
            allow_missing=spec.ahp.allow_missing,
        )
        return {node: responses.comparisons(None if node == GOAL else node) for node in blocks}
    except QuestionnaireError as error:
        raise study_error(source, ("experts", first, "questionnaire"), str(error)) from None


def _check_connected_judgments(
    experts: tuple[ExpertSpec, ...], comparisons: Comparisons, source: Source
) -> None:
    """Each expert's judgments must connect the items of every comparison (allow_missing)."""
    from coopdecide.ahp import connected_groups

    for position, expert in enumerate(experts):
        for node, comparison in comparisons[expert.name].items():
            if comparison.is_complete:
                continue
            groups = connected_groups(comparison)
            if len(groups) > 1:
                where = "" if node == GOAL else f" of {describe(node)}"
                raise study_error(
                    source,
                    ("experts", position, "judgments" if expert.judgments else "questionnaire"),
                    f"expert {describe(expert.name)}: the judged pairs{where} do not connect all "
                    f"the items, so the missing pairs cannot be completed; they form {len(groups)} "
                    "separate groups: "
                    + "; ".join(f"[{format_labels(group, limit=20)}]" for group in groups)
                    + " (judge at least one pair across the groups)",
                )
