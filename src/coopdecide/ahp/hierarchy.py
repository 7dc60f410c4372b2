"""Criteria hierarchies and the full AHP synthesis of alternatives.

A :class:`CriteriaHierarchy` groups criteria under parent criteria (political:
alignment, bloc co-membership; economic: trade, market size, ...). Every
parent node has one pairwise comparison of its children, from one expert or
from a group (aggregated by :func:`~coopdecide.ahp.group.ahp_group`). The
local weights of a node's children come from that comparison; the global
weight of a node is the product of the local weights on its path from the
goal (Saaty 1980, ch. 2), so the global weights of the leaves sum to 1 and can
be used as the weights of a :class:`~coopdecide.problem.DecisionProblem`.

:func:`ahp_synthesis` completes the classical AHP for alternatives judged
pairwise under each criterion (qualitative criteria such as political
alignment among a short list): the alternatives' priorities under each
criterion are combined with the criteria weights, in Saaty's distributive or
ideal mode.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._results import (
    Immutable,
    PlotAccessor,
    Result,
    html_section,
    result_dataclass,
    to_jsonable,
)
from coopdecide._validation import check_option, check_real, describe, format_labels
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.consistency import RITableLike, geometric_consistency_index, resolve_ri_table
from coopdecide.ahp.core import AHPResult, ahp
from coopdecide.ahp.group import GroupAHPResult, ahp_group
from coopdecide.ahp.priorities import PRIORITY_METHODS
from coopdecide.exceptions import (
    InconsistentComparisonWarning,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
)

__all__ = [
    "SYNTHESIS_MODES",
    "AHPSynthesisResult",
    "CriteriaHierarchy",
    "ahp_synthesis",
]

#: The synthesis modes of :func:`ahp_synthesis`.
SYNTHESIS_MODES = ("distributive", "ideal")

NodeResult = AHPResult | GroupAHPResult


# ---------------------------------------------------------------------------
# shared: one comparison (single or group) -> a node result
# ---------------------------------------------------------------------------
def _is_group(value: Any) -> bool:
    if isinstance(value, Mapping):
        return True
    if isinstance(value, (list, tuple)) and value:
        return all(isinstance(v, PairwiseComparison) for v in value)
    return False


def _labels_of(
    value: Any, where: str, default_labels: Sequence[Hashable] | None
) -> tuple[pd.Index, Any]:
    """Labels of a single comparison (or of a group's first expert) and the converted value.

    Plain arrays (no labels of their own) are labelled with ``default_labels``.
    """
    if _is_group(value):
        items = dict(value) if isinstance(value, Mapping) else dict(enumerate(value, 1))
        if not items:
            raise InvalidArgumentError(f"{where} is an empty group of comparisons")
        converted = {
            expert: _single(pc, f"{where}[{describe(expert)}]", default_labels)
            for expert, pc in items.items()
        }
        if not isinstance(value, Mapping):
            converted = {f"E{k}": pc for k, pc in converted.items()}
        return next(iter(converted.values())).labels, converted
    pc = _single(value, where, default_labels)
    return pc.labels, pc


def _single(
    value: Any, where: str, default_labels: Sequence[Hashable] | None
) -> PairwiseComparison:
    if isinstance(value, PairwiseComparison):
        return value
    if value is None or isinstance(value, (str, bytes)):
        raise InvalidTypeError(
            f"{where} must be a PairwiseComparison, a square array, a DataFrame or a mapping "
            f"expert -> comparison; got {type(value).__name__}"
        )
    labels = None
    if default_labels is not None and not isinstance(value, pd.DataFrame):
        try:
            shape = np.shape(value)
        except ValueError:  # ragged nested lists: PairwiseComparison words the error
            shape = ()
        size = len(default_labels)
        labels = list(default_labels) if shape == (size, size) else None
    try:
        return PairwiseComparison(value, labels=labels)
    except InvalidComparisonError as error:
        raise type(error)(f"{where}: {error}") from None


def _check_labels(labels: pd.Index, expected: Sequence[Hashable], where: str, what: str) -> None:
    expected_set = set(expected)
    got = set(labels)
    if got == expected_set and len(labels) == len(expected):
        return
    missing = [x for x in expected if x not in got]
    extra = [x for x in labels if x not in expected_set]
    detail = []
    if missing:
        detail.append(f"missing {format_labels(missing)}")
    if extra:
        detail.append(f"unexpected {format_labels(extra)}")
    raise InvalidComparisonError(
        f"{where} must compare exactly {what} ({format_labels(expected)}); it has "
        f"{'; '.join(detail)}"
    )


def _evaluate(value: Any, options: Mapping[str, Any], where: str) -> NodeResult:
    """``ahp()`` of a single comparison or ``ahp_group()`` of a group, without warnings.

    Expert weights given by name are restricted to the experts of this group, so
    different nodes can be judged by different subsets of a panel.
    """
    common = {
        "method": options["method"],
        "ri_table": options["ri_table"],
        "threshold": options["threshold"],
        "gci_threshold": options["gci_threshold"],
        "completion": options["completion"],
        "warn": False,
    }
    if not _is_group(value):
        return ahp(value, **common)
    expert_weights = options["expert_weights"]
    if isinstance(expert_weights, (Mapping, pd.Series)):
        expert_weights = {e: w for e, w in expert_weights.items() if e in value}
    try:
        return ahp_group(
            value,
            expert_weights,
            options["aggregation"],
            inconsistent=options["inconsistent"],
            **common,
        )
    except (InvalidWeightsError, InvalidArgumentError) as error:
        raise type(error)(f"{where}: {error}") from None


def _check_expert_names(expert_weights: Any, results: Mapping[Hashable, NodeResult]) -> None:
    """Expert weights given by name must each name an expert of some group comparison."""
    if not isinstance(expert_weights, (Mapping, pd.Series)):
        return
    known: set[Hashable] = set()
    for result in results.values():
        if isinstance(result, GroupAHPResult):
            known.update(result.experts)
    names = expert_weights.index if isinstance(expert_weights, pd.Series) else expert_weights
    unknown = [e for e in names if e not in known]
    if unknown:
        raise InvalidWeightsError(
            f"expert_weights names unknown experts: {format_labels(unknown)}; the experts of "
            f"the group comparisons are {format_labels(sorted(known, key=str))}"
        )


def _weights_in(result: NodeResult, order: Sequence[Hashable]) -> np.ndarray:
    return result.weights.reindex(list(order)).to_numpy(dtype=float)


def _node_row(result: NodeResult) -> dict[str, Any]:
    if isinstance(result, GroupAHPResult):
        inconsistent_experts = int((~result.consistency["consistent"]).sum())
        return {
            "n": len(result.labels),
            "experts": len(result.experts),
            "lambda_max": result.lambda_max,
            "cr": result.cr,
            "gci": result.gci,
            "consistent": result.consistent,
            "inconsistent_experts": inconsistent_experts,
            "consensus": result.consensus,
        }
    completed = result.completed_comparison.matrix
    return {
        "n": result.n,
        "experts": 1,
        "lambda_max": result.lambda_max,
        "cr": result.cr,
        "gci": float(geometric_consistency_index(completed)),
        "consistent": result.consistent,
        "inconsistent_experts": 0 if result.consistent else 1,
        "consensus": 1.0,
    }


def _consistency_table(results: Mapping[Hashable, NodeResult], index_name: str) -> pd.DataFrame:
    """The consistency of each compared node, one row per node (see :func:`_node_row`)."""
    table = pd.DataFrame.from_dict(
        {node: _node_row(result) for node, result in results.items()}, orient="index"
    )
    if table.empty:
        table = pd.DataFrame(
            columns=[
                "n",
                "experts",
                "lambda_max",
                "cr",
                "gci",
                "consistent",
                "inconsistent_experts",
                "consensus",
            ]
        )
    table.index.name = index_name
    return table


def _warn_nodes(table: pd.DataFrame, what: str, method: str) -> None:
    """One warning naming every node whose matrix or experts are inconsistent."""
    parts = []
    measure = "gci" if method == "geometric" else "cr"
    for node, row in table.iterrows():
        issues = []
        if row["consistent"] is False or row["consistent"] is np.False_:
            issues.append(f"{measure.upper()} = {row[measure]:.4f}")
        if row["experts"] > 1 and row["inconsistent_experts"]:
            issues.append(f"{row['inconsistent_experts']} inconsistent expert(s)")
        if issues:
            parts.append(f"{describe(node)} ({', '.join(issues)})")
    if parts:
        warnings.warn(
            f"inconsistent comparisons in {what}: {'; '.join(parts)}; see .consistency and "
            ".results[...] for the details",
            InconsistentComparisonWarning,
            stacklevel=3,
        )


def _options(
    method: str,
    ri_table: RITableLike,
    threshold: float,
    gci_threshold: float | None,
    completion: str | None,
    expert_weights: Any,
    aggregation: str,
    inconsistent: str,
) -> dict[str, Any]:
    check_option("method", method, PRIORITY_METHODS)
    resolve_ri_table(ri_table)  # validates
    return {
        "method": method,
        "ri_table": ri_table,
        "threshold": check_real("threshold", threshold, minimum=0.0),
        "gci_threshold": gci_threshold,
        "completion": completion,
        "expert_weights": expert_weights,
        "aggregation": aggregation,
        "inconsistent": inconsistent,
    }


# ---------------------------------------------------------------------------
# CriteriaHierarchy
# ---------------------------------------------------------------------------
class CriteriaHierarchy(Immutable):
    """Criteria grouped under parent criteria, one pairwise comparison per parent.

    Parameters
    ----------
    structure : mapping
        ``{parent: [children, ...]}``. The root is ``goal``; a child that is
        not itself a key is a leaf (a criterion that is scored). The structure
        must be a tree: every node has one parent, every parent is reachable
        from the goal, no cycles.
    comparisons : mapping
        ``{parent: comparison}`` where the comparison (a
        :class:`PairwiseComparison`, square array or DataFrame) compares
        exactly the parent's children, in any order; or ``{parent: {expert:
        comparison}}`` for a group, aggregated by :func:`ahp_group`. A parent
        with a single child needs no comparison.
    goal : hashable, default "goal"
        The root node.
    method, ri_table, threshold, gci_threshold, completion
        Passed to :func:`ahp` (and :func:`ahp_group`) at every node.
    expert_weights, aggregation, inconsistent
        Passed to :func:`ahp_group` at the group nodes. Expert weights given
        by name apply at every group node to the experts of that node (nodes
        may be judged by different members of the panel); each name must be
        an expert of some group node.
    problem : DecisionProblem, optional
        If given, :meth:`validate_against` is called with it.
    warn : bool, default True
        One :class:`~coopdecide.exceptions.InconsistentComparisonWarning`
        naming every node whose matrix (or some expert's) is inconsistent.

    Raises
    ------
    InvalidArgumentError
        A structure that is not a tree from ``goal`` (the offending nodes are
        named), an empty or duplicated list of children.
    InvalidComparisonError
        A parent without comparison, a comparison for a node that is not a
        parent, or a comparison whose labels are not the node's children.

    Examples
    --------
    >>> structure = {
    ...     "goal": ["political", "economic"],
    ...     "political": ["alignment", "blocs"],
    ...     "economic": ["trade", "market"],
    ... }
    >>> comparisons = {
    ...     "goal": PairwiseComparison.from_judgments(
    ...         ["political", "economic"], {("economic", "political"): 3}
    ...     ),
    ...     "political": PairwiseComparison.from_judgments(
    ...         ["alignment", "blocs"], {("alignment", "blocs"): 1}
    ...     ),
    ...     "economic": PairwiseComparison.from_judgments(
    ...         ["trade", "market"], {("trade", "market"): 4}
    ...     ),
    ... }
    >>> hierarchy = CriteriaHierarchy(structure, comparisons)
    >>> hierarchy.leaf_weights.round(4).tolist()
    [0.125, 0.125, 0.6, 0.15]
    >>> hierarchy.to_frame().round(4)
            node     parent  level  local_weight  global_weight  is_leaf
    0  political       goal      1          0.25          0.250    False
    1  alignment  political      2          0.50          0.125     True
    2      blocs  political      2          0.50          0.125     True
    3   economic       goal      1          0.75          0.750    False
    4      trade   economic      2          0.80          0.600     True
    5     market   economic      2          0.20          0.150     True
    """

    __slots__ = (
        "_children",
        "_frame",
        "_goal",
        "_leaves",
        "_options",
        "_parent",
        "_results",
        "_table",
    )
    _children: MappingProxyType[Hashable, tuple[Hashable, ...]]
    _frame: pd.DataFrame
    _goal: Hashable
    _leaves: tuple[Hashable, ...]
    _options: MappingProxyType[str, Any]
    _parent: MappingProxyType[Hashable, Hashable]
    _results: MappingProxyType[Hashable, NodeResult]
    _table: pd.DataFrame

    def __init__(
        self,
        structure: Mapping[Hashable, Sequence[Hashable]],
        comparisons: Mapping[Hashable, Any],
        *,
        goal: Hashable = "goal",
        method: str = "eigenvector",
        ri_table: RITableLike = "saaty1980",
        threshold: float = 0.1,
        gci_threshold: float | None = None,
        completion: str | None = None,
        expert_weights: Any = None,
        aggregation: str = "aij",
        inconsistent: str = "keep",
        problem: Any = None,
        warn: bool = True,
    ) -> None:
        options = _options(
            method,
            ri_table,
            threshold,
            gci_threshold,
            completion,
            expert_weights,
            aggregation,
            inconsistent,
        )
        children, parent, order = _parse_structure(structure, goal)
        if not isinstance(comparisons, Mapping):
            raise InvalidTypeError(
                "comparisons must be a mapping node -> comparison; got "
                f"{type(comparisons).__name__}"
            )
        parents = [node for node in order if node in children]
        _check_comparison_keys(comparisons, children, parents)
        results: dict[Hashable, NodeResult] = {}
        local: dict[Hashable, float] = {}
        for node in parents:
            kids = children[node]
            if node not in comparisons:  # a single child, checked above
                local[kids[0]] = 1.0
                continue
            where = f"comparisons[{describe(node)}]"
            labels, value = _labels_of(comparisons[node], where, kids)
            _check_labels(labels, kids, where, f"the children of {describe(node)}")
            result = _evaluate(value, options, where)
            results[node] = result
            for child, w in zip(kids, _weights_in(result, kids), strict=True):
                local[child] = float(w)
        _check_expert_names(expert_weights, results)
        global_: dict[Hashable, float] = {goal: 1.0}
        rows = []
        levels: dict[Hashable, int] = {goal: 0}
        for node in order:
            if node == goal:
                continue
            up = parent[node]
            levels[node] = levels[up] + 1
            global_[node] = global_[up] * local[node]
            rows.append(
                {
                    "node": node,
                    "parent": up,
                    "level": levels[node],
                    "local_weight": local[node],
                    "global_weight": global_[node],
                    "is_leaf": node not in children,
                }
            )
        frame = pd.DataFrame(
            rows,
            columns=["node", "parent", "level", "local_weight", "global_weight", "is_leaf"],
        )
        table = _consistency_table(results, "node")
        leaves = tuple(node for node in order if node not in children)
        for name, value in (
            ("_children", MappingProxyType({k: tuple(v) for k, v in children.items()})),
            ("_parent", MappingProxyType(dict(parent))),
            ("_goal", goal),
            ("_leaves", leaves),
            ("_frame", frame),
            ("_results", MappingProxyType(results)),
            ("_table", table),
            ("_options", MappingProxyType(options)),
        ):
            object.__setattr__(self, name, value)
        if warn:
            _warn_nodes(table, "the hierarchy", method)
        if problem is not None:
            self.validate_against(problem)

    # -- structure ----------------------------------------------------------------------
    @property
    def goal(self) -> Hashable:
        """The root node."""
        return self._goal

    @property
    def nodes(self) -> tuple[Hashable, ...]:
        """Every node below the goal, depth first in the order given."""
        return tuple(self._frame["node"])

    @property
    def leaves(self) -> tuple[Hashable, ...]:
        """The leaf criteria, depth first."""
        return self._leaves

    def children(self, node: Hashable) -> tuple[Hashable, ...]:
        """The children of ``node`` (empty for a leaf)."""
        self._check_node(node)
        return self._children.get(node, ())

    def parent(self, node: Hashable) -> Hashable:
        """The parent of ``node`` (an error for the goal)."""
        self._check_node(node)
        if node == self._goal:
            raise InvalidArgumentError(f"the goal {describe(node)} has no parent")
        return self._parent[node]

    def _check_node(self, node: Hashable) -> None:
        if node != self._goal and node not in self._parent:
            raise InvalidArgumentError(
                f"unknown node {describe(node)}; "
                f"the nodes are {format_labels([self._goal, *self.nodes])}"
            )

    # -- weights --------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """The weights as a tidy table, one row per node below the goal, depth first.

        Columns ``node``, ``parent``, ``level`` (1 under the goal),
        ``local_weight``, ``global_weight`` and ``is_leaf``.
        """
        return self._frame.copy()

    @property
    def local_weights(self) -> pd.Series:
        """Weight of each node among its siblings, indexed by node."""
        return pd.Series(
            self._frame["local_weight"].to_numpy(),
            index=pd.Index(self._frame["node"], dtype=object, name="node"),
            name="local_weight",
        )

    @property
    def global_weights(self) -> pd.Series:
        """Weight of each node relative to the goal, indexed by node."""
        return pd.Series(
            self._frame["global_weight"].to_numpy(),
            index=pd.Index(self._frame["node"], dtype=object, name="node"),
            name="global_weight",
        )

    @property
    def leaf_weights(self) -> pd.Series:
        """Global weights of the leaves (sum 1), usable as DecisionProblem weights."""
        leaves = self._frame[self._frame["is_leaf"]]
        return pd.Series(
            leaves["global_weight"].to_numpy(),
            index=pd.Index(leaves["node"], dtype=object),
            name="weight",
        )

    @property
    def results(self) -> MappingProxyType[Hashable, NodeResult]:
        """Parent node -> its ``AHPResult`` or ``GroupAHPResult``."""
        return self._results

    @property
    def consistency(self) -> pd.DataFrame:
        """Consistency of each compared node.

        Columns ``n``, ``experts``, ``lambda_max``, ``cr``, ``gci``,
        ``consistent``, ``inconsistent_experts`` and ``consensus`` (the
        group's S*; 1 for a single expert).
        """
        return self._table.copy()

    # -- problem -------------------------------------------------------------------------
    def validate_against(self, problem: Any) -> None:
        """Check that the leaves are exactly the criteria of ``problem``.

        Raises
        ------
        InvalidProblemError
            Leaves that are not criteria of the problem, or criteria that are
            not leaves (both are named).
        """
        criteria = getattr(problem, "criteria", None)
        if criteria is None:
            raise InvalidTypeError(
                f"problem must be a DecisionProblem; got {type(problem).__name__}"
            )
        leaves = set(self._leaves)
        known = set(criteria)
        not_criteria = [leaf for leaf in self._leaves if leaf not in known]
        not_leaves = [c for c in criteria if c not in leaves]
        if not_criteria or not_leaves:
            detail = []
            if not_criteria:
                detail.append(
                    f"leaves that are not criteria of the problem: {format_labels(not_criteria)}"
                )
            if not_leaves:
                detail.append(
                    f"criteria of the problem missing from the hierarchy: "
                    f"{format_labels(not_leaves)}"
                )
            raise InvalidProblemError(
                "the hierarchy's leaves must be exactly the problem's criteria; "
                + "; ".join(detail)
            )

    def weights_for(self, problem: Any) -> pd.Series:
        """The leaf weights in the order of ``problem.criteria`` (validated first)."""
        self.validate_against(problem)
        return self.leaf_weights.reindex(list(problem.criteria))

    def apply_to(self, problem: Any) -> Any:
        """``problem.with_weights(...)`` with the leaf weights (validated first)."""
        return problem.with_weights(self.weights_for(problem))

    # -- rendering and export ---------------------------------------------------------------
    plot = PlotAccessor("HierarchyPlots")

    def _tree_lines(self, node: Hashable, depth: int, out: list[str]) -> None:
        for child in self._children.get(node, ()):
            row = self._frame[self._frame["node"] == child].iloc[0]
            out.append(
                f"{'  ' * depth}{child}: local {row['local_weight']:.4f}, "
                f"global {row['global_weight']:.4f}"
            )
            self._tree_lines(child, depth + 1, out)

    def __repr__(self) -> str:
        lines = [
            f"CriteriaHierarchy(goal={self._goal!r}, {len(self.nodes)} nodes, "
            f"{len(self._leaves)} leaves, method={self._options['method']!r})"
        ]
        self._tree_lines(self._goal, 1, lines)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_section(
            "CriteriaHierarchy",
            facts={
                "goal": self._goal,
                "nodes": len(self.nodes),
                "leaves": len(self._leaves),
                "method": self._options["method"],
                "ri_table": self._options["ri_table"],
            },
            tables={"weights": self._frame, "consistency": self._table},
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary: structure, weights, consistency, node results."""
        exported: dict[str, Any] = to_jsonable(self._export())
        return exported

    def _export(self) -> dict[str, Any]:
        return {
            "goal": self._goal,
            "structure": {k: list(v) for k, v in self._children.items()},
            "method": self._options["method"],
            "ri_table": self._options["ri_table"],
            "threshold": self._options["threshold"],
            "weights": self._frame.to_dict(orient="records"),
            "leaf_weights": self.leaf_weights,
            "consistency": self._table.reset_index().to_dict(orient="records"),
            "results": {str(k): v.to_dict() for k, v in self._results.items()},
        }


def _parse_structure(
    structure: Any, goal: Hashable
) -> tuple[dict[Hashable, list[Hashable]], dict[Hashable, Hashable], list[Hashable]]:
    """Children, parent of each node, and the depth-first order (goal first)."""
    if not isinstance(structure, Mapping):
        raise InvalidTypeError(
            f"structure must be a mapping parent -> list of children; got "
            f"{type(structure).__name__}"
        )
    if not structure:
        raise InvalidArgumentError("structure must have at least the goal; got an empty mapping")
    children: dict[Hashable, list[Hashable]] = {}
    parent: dict[Hashable, Hashable] = {}
    for node, kids in structure.items():
        if isinstance(kids, (str, bytes)) or not isinstance(kids, Sequence):
            raise InvalidTypeError(
                f"structure[{describe(node)}] must be a list of children; got {describe(kids)}"
            )
        kids = list(kids)
        if not kids:
            raise InvalidArgumentError(
                f"structure[{describe(node)}] must list at least one child; got none (leave a leaf "
                "out of the keys)"
            )
        duplicated = sorted({str(k) for k in kids if kids.count(k) > 1})
        if duplicated:
            raise InvalidArgumentError(
                f"structure[{describe(node)}] lists children more than once: "
                f"{', '.join(duplicated)}"
            )
        for kid in kids:
            if kid == node:
                raise InvalidArgumentError(f"structure: node {describe(node)} is its own child")
            if kid in parent:
                raise InvalidArgumentError(
                    f"structure must be a tree: node {describe(kid)} has two parents, "
                    f"{describe(parent[kid])} and {describe(node)}"
                )
            parent[kid] = node
        children[node] = kids
    if goal not in children:
        raise InvalidArgumentError(
            f"goal {describe(goal)} must be a key of structure; the keys are "
            f"{format_labels(list(children))}"
        )
    if goal in parent:
        raise InvalidArgumentError(
            f"structure must be a tree: the goal {describe(goal)} is listed as a child of "
            f"{describe(parent[goal])}"
        )
    order: list[Hashable] = []
    stack: list[Hashable] = [goal]
    seen: set[Hashable] = set()
    while stack:
        node = stack.pop()
        if node in seen:  # pragma: no cover - impossible with one parent per node
            continue
        seen.add(node)
        order.append(node)
        stack.extend(reversed(children.get(node, [])))
    unreachable = [node for node in children if node not in seen]
    if unreachable:
        raise InvalidArgumentError(
            f"structure must be a tree from the goal {describe(goal)}: "
            f"{format_labels(unreachable)} cannot be reached from it (a parent missing from "
            "every list of children, or a cycle)"
        )
    return children, parent, order


def _check_comparison_keys(
    comparisons: Mapping[Hashable, Any],
    children: Mapping[Hashable, Sequence[Hashable]],
    parents: Sequence[Hashable],
) -> None:
    missing = [node for node in parents if node not in comparisons and len(children[node]) > 1]
    if missing:
        raise InvalidComparisonError(
            "every node with children needs a comparison of its children; missing for "
            f"{format_labels(missing)}"
        )
    unknown = [key for key in comparisons if key not in children]
    if unknown:
        raise InvalidComparisonError(
            f"comparisons are given for {format_labels(unknown)}, which are not nodes with "
            f"children in structure (the nodes with children are {format_labels(parents)})"
        )


# ---------------------------------------------------------------------------
# synthesis of alternatives
# ---------------------------------------------------------------------------
@result_dataclass
class AHPSynthesisResult(Result):
    """Priorities of alternatives under each criterion and their synthesis.

    Returned by :func:`ahp_synthesis`; immutable, labelled outputs are copies.

    Attributes
    ----------
    local_priorities : pandas.DataFrame
        Alternatives (rows) x criteria (columns): each criterion's priorities,
        summing to 1 (distributive).
    priorities : pandas.DataFrame
        The priorities used in the synthesis: equal to ``local_priorities``
        in distributive mode; divided by each column's maximum in ideal mode.
    criteria_weights : pandas.Series
        The criteria weights (sum 1).
    contributions : pandas.DataFrame
        ``weight x priority`` per alternative and criterion, scaled so each
        row sums to the alternative's score.
    scores : pandas.Series
        Overall priorities of the alternatives, summing to 1.
    ranks : pandas.Series
        1 = best; ties share the best rank.
    consistency : pandas.DataFrame
        One row per criterion (as in :attr:`CriteriaHierarchy.consistency`).
    results : mapping
        Criterion -> ``AHPResult`` or ``GroupAHPResult``.
    mode : str
        ``"distributive"`` or ``"ideal"``.
    """

    _local: pd.DataFrame
    mode: str
    results: Mapping[Hashable, NodeResult]
    _table: pd.DataFrame
    _weights: pd.Series

    @property
    def alternatives(self) -> pd.Index:
        """The alternatives."""
        return self._local.index.copy()

    @property
    def criteria(self) -> pd.Index:
        """The criteria."""
        return self._local.columns.copy()

    @property
    def local_priorities(self) -> pd.DataFrame:
        """Each criterion's priorities of the alternatives (columns sum to 1)."""
        return self._local.copy()

    @property
    def priorities(self) -> pd.DataFrame:
        """Priorities as synthesised (ideal mode: divided by each column's maximum)."""
        if self.mode == "ideal":
            return self._local / self._local.max(axis=0)
        return self._local.copy()

    @property
    def criteria_weights(self) -> pd.Series:
        """The criteria weights (sum 1)."""
        return self._weights.copy()

    @property
    def contributions(self) -> pd.DataFrame:
        """Weighted priorities, scaled so each row sums to the alternative's score."""
        raw = self.priorities * self._weights
        return raw / raw.to_numpy().sum()

    @property
    def scores(self) -> pd.Series:
        """Overall priorities of the alternatives (sum 1)."""
        scores = self.contributions.sum(axis=1)
        scores.name = "score"
        return scores

    @property
    def ranks(self) -> pd.Series:
        """Ranks, 1 = best; ties (to 12 decimals) share the best rank."""
        ranks = self.scores.round(12).rank(ascending=False, method="min").astype(int)
        ranks.name = "rank"
        return ranks

    @property
    def consistency(self) -> pd.DataFrame:
        """Consistency of each criterion's comparison of the alternatives."""
        return self._table.copy()

    plot = PlotAccessor("SynthesisPlots")

    def to_frame(self) -> pd.DataFrame:
        """``score`` and ``rank`` per alternative, best first."""
        frame = pd.DataFrame({"score": self.scores, "rank": self.ranks})
        return frame.sort_values(["rank"], kind="stable")

    def __repr__(self) -> str:
        return (
            f"AHPSynthesisResult(mode={self.mode!r}, {len(self._local.index)} alternatives, "
            f"{len(self._local.columns)} criteria)\n{self.to_frame().round(4).to_string()}"
        )

    def _summary(self) -> dict[str, Any]:
        return {"mode": self.mode, "alternatives": len(self._local.index)}

    def _tables(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {
            "scores": self.to_frame(),
            "criteria weights": self._weights,
            "priorities": self.priorities,
            "consistency": self._table,
        }

    def _export(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "criteria_weights": self._weights,
            "local_priorities": {str(c): self._local[c] for c in self._local.columns},
            "scores": self.scores,
            "ranks": self.ranks,
            "consistency": self._table.reset_index().to_dict(orient="records"),
        }


def _criteria_weights(source: Any) -> pd.Series:
    if isinstance(source, CriteriaHierarchy):
        return source.leaf_weights
    if isinstance(source, (AHPResult, GroupAHPResult)):
        return source.weights
    if isinstance(source, Mapping):
        source = pd.Series(dict(source), dtype=object)
    if not isinstance(source, pd.Series):
        raise InvalidTypeError(
            "hierarchy_or_weights must be a CriteriaHierarchy, an AHPResult, a "
            "GroupAHPResult, or a mapping/Series criterion -> weight; got "
            f"{type(source).__name__}"
        )
    if source.empty:
        raise InvalidWeightsError("criteria weights must name at least one criterion; got none")
    if source.index.has_duplicates:
        raise InvalidWeightsError(
            "criteria weights name a criterion twice: "
            f"{format_labels(source.index[source.index.duplicated()].unique())}"
        )
    values = []
    for criterion, value in source.items():
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InvalidWeightsError(
                f"criteria weights must be numbers; got {describe(value)} for {describe(criterion)}"
            ) from None
        if not np.isfinite(number) or number < 0:
            raise InvalidWeightsError(
                f"criteria weights must be non-negative and finite; got {number:g} for "
                f"{describe(criterion)}"
            )
        values.append(number)
    array = np.array(values)
    if array.sum() <= 0:
        raise InvalidWeightsError(f"criteria weights must not all be zero; got {values}")
    return pd.Series(array / array.sum(), index=pd.Index(source.index, dtype=object), name="weight")


def ahp_synthesis(
    hierarchy_or_weights: CriteriaHierarchy
    | AHPResult
    | GroupAHPResult
    | Mapping[Hashable, float]
    | pd.Series,
    alternative_comparisons: Mapping[Hashable, Any],
    mode: str = "distributive",
    *,
    method: str = "eigenvector",
    ri_table: RITableLike = "saaty1980",
    threshold: float = 0.1,
    gci_threshold: float | None = None,
    completion: str | None = None,
    expert_weights: Any = None,
    aggregation: str = "aij",
    inconsistent: str = "keep",
    warn: bool = True,
) -> AHPSynthesisResult:
    """Full AHP: priorities of alternatives under each criterion, synthesised by the weights.

    Parameters
    ----------
    hierarchy_or_weights : CriteriaHierarchy, AHPResult, GroupAHPResult, mapping or Series
        The criteria weights: a hierarchy's leaf weights, the weights of an
        AHP result, or ``{criterion: weight}`` (normalised to sum 1).
    alternative_comparisons : mapping
        ``{criterion: comparison}``: for every criterion, a pairwise
        comparison of the alternatives (the same alternatives under every
        criterion, any order), or ``{criterion: {expert: comparison}}`` for a
        group (aggregated by :func:`ahp_group`).
    mode : {"distributive", "ideal"}, default "distributive"
        ``"distributive"``: the overall priority is ``sum_c w_c p_ac`` with
        each criterion's priorities summing to 1. ``"ideal"``: each
        criterion's priorities are first divided by their maximum, so the best
        alternative under a criterion receives the criterion's full weight
        (Saaty 1994); the overall priorities are then normalised to sum 1.
        With consistent judgments, adding an alternative that is not the best
        under any criterion leaves the ideal-mode ranking of the others
        unchanged; the distributive mode can reverse it.
    method, ri_table, threshold, gci_threshold, completion
        Passed to :func:`ahp` for every criterion.
    expert_weights, aggregation, inconsistent
        Passed to :func:`ahp_group` for group comparisons.
    warn : bool, default True
        One warning naming every criterion whose comparison is inconsistent.

    Returns
    -------
    AHPSynthesisResult

    Raises
    ------
    InvalidComparisonError
        A criterion without comparison of the alternatives, a comparison for
        an unknown criterion, or comparisons of different alternatives.
    InvalidWeightsError
        Negative, non-finite or all-zero criteria weights.

    References
    ----------
    Saaty, T.L. (1980). The Analytic Hierarchy Process. McGraw-Hill, New York.

    Saaty, T.L. (1994). Fundamentals of Decision Making and Priority Theory
    with the Analytic Hierarchy Process. RWS Publications, Pittsburgh (ch. on
    the distributive and ideal modes).

    Examples
    --------
    >>> weights = {"alignment": 0.6, "trade": 0.4}
    >>> alternatives = {
    ...     "alignment": PairwiseComparison.from_judgments(
    ...         ["Chile", "Kenya"], {("Chile", "Kenya"): 3}
    ...     ),
    ...     "trade": PairwiseComparison.from_judgments(["Chile", "Kenya"], {("Kenya", "Chile"): 2}),
    ... }
    >>> result = ahp_synthesis(weights, alternatives)
    >>> result.scores.round(4).tolist()
    [0.5833, 0.4167]
    >>> # ideal: Chile 0.6 * 1 + 0.4 * 1/2 = 0.8, Kenya 0.6 * 1/3 + 0.4 * 1 = 0.6, normalised
    >>> ahp_synthesis(weights, alternatives, "ideal").scores.round(4).tolist()
    [0.5714, 0.4286]
    """
    check_option("mode", mode, SYNTHESIS_MODES)
    options = _options(
        method,
        ri_table,
        threshold,
        gci_threshold,
        completion,
        expert_weights,
        aggregation,
        inconsistent,
    )
    weights = _criteria_weights(hierarchy_or_weights)
    criteria = list(weights.index)
    if not isinstance(alternative_comparisons, Mapping):
        raise InvalidTypeError(
            "alternative_comparisons must be a mapping criterion -> comparison; got "
            f"{type(alternative_comparisons).__name__}"
        )
    missing = [c for c in criteria if c not in alternative_comparisons]
    if missing:
        raise InvalidComparisonError(
            "alternative_comparisons must give a comparison of the alternatives for every "
            f"criterion; missing for {format_labels(missing)}"
        )
    unknown = [c for c in alternative_comparisons if c not in set(criteria)]
    if unknown:
        raise InvalidComparisonError(
            f"alternative_comparisons names unknown criteria {format_labels(unknown)}; the "
            f"criteria are {format_labels(criteria)}"
        )
    alternatives: list[Hashable] = []
    columns = []
    results: dict[Hashable, NodeResult] = {}
    for criterion in criteria:
        where = f"alternative_comparisons[{describe(criterion)}]"
        labels, value = _labels_of(alternative_comparisons[criterion], where, alternatives or None)
        if not alternatives:
            alternatives = list(labels)
        else:
            _check_labels(
                labels, alternatives, where, f"the alternatives of {describe(criteria[0])}"
            )
        result = _evaluate(value, options, where)
        results[criterion] = result
        columns.append(_weights_in(result, alternatives))
    local = pd.DataFrame(
        np.column_stack(columns),
        index=pd.Index(alternatives, dtype=object, name="alternative"),
        columns=pd.Index(criteria, dtype=object, name="criterion"),
    )
    _check_expert_names(expert_weights, results)
    table = _consistency_table(results, "criterion")
    if warn:
        _warn_nodes(table, "the comparisons of alternatives", method)
    return AHPSynthesisResult(
        _local=local, _weights=weights, mode=mode, results=results, _table=table
    )
