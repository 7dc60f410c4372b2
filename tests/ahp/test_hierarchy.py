"""CriteriaHierarchy (local and global weights, validation) and ahp_synthesis()."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdecide import DecisionProblem
from coopdecide.ahp import (
    AHPSynthesisResult,
    CriteriaHierarchy,
    GroupAHPResult,
    PairwiseComparison,
    ahp,
    ahp_group,
    ahp_synthesis,
)
from coopdecide.exceptions import (
    InconsistentComparisonWarning,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
    UnknownMethodError,
)

LEADER = "ahp-wikipedia-leader-hierarchy"
INCONSISTENT = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]


def _leader(reference_case):
    case = reference_case(LEADER)
    inputs = case["inputs"]
    criteria = PairwiseComparison(inputs["criteria_matrix"], labels=inputs["criteria"])
    alternatives = {
        c: PairwiseComparison(m, labels=inputs["alternatives"])
        for c, m in inputs["alternative_matrices"].items()
    }
    return case, criteria, alternatives


def _pc(weights: dict) -> PairwiseComparison:
    return PairwiseComparison.from_weights(weights)


# A three-level hierarchy with consistent comparisons built from known local weights, so
# every local and global weight is known by hand.
STRUCTURE = {
    "goal": ["political", "economic", "risk"],
    "political": ["alignment", "blocs"],
    "economic": ["trade", "market", "investment"],
    "trade": ["exports", "imports"],
}
LOCAL = {
    "goal": {"political": 0.5, "economic": 0.3, "risk": 0.2},
    "political": {"alignment": 0.75, "blocs": 0.25},
    "economic": {"trade": 0.5, "market": 0.3, "investment": 0.2},
    "trade": {"exports": 0.6, "imports": 0.4},
}
GLOBAL_LEAVES = {
    "alignment": 0.375,
    "blocs": 0.125,
    "exports": 0.09,
    "imports": 0.06,
    "market": 0.09,
    "investment": 0.06,
    "risk": 0.2,
}


def _three_level(**options):
    return CriteriaHierarchy(STRUCTURE, {node: _pc(w) for node, w in LOCAL.items()}, **options)


# ---------------------------------------------------------------------------
# Wikipedia leader example (AHP with 4 criteria and 3 candidates), see the reference case's
# "source": criteria weights and overall priorities printed in the article, the local
# priorities transcribed by AHPy (software reference, tolerance 5e-4).
# ---------------------------------------------------------------------------
def test_leader_criteria_weights(reference_case):
    case, criteria, _ = _leader(reference_case)
    hierarchy = CriteriaHierarchy({"goal": list(criteria.labels)}, {"goal": criteria})
    expected = pd.Series(case["expected"]["criteria_weights"])
    tol = case["tolerance"]["criteria_weights"]
    pd.testing.assert_series_equal(
        hierarchy.leaf_weights, expected, atol=tol, check_names=False, check_index_type=False
    )


def test_leader_alternative_priorities_per_criterion(reference_case):
    case, criteria, alternatives = _leader(reference_case)
    hierarchy = CriteriaHierarchy({"goal": list(criteria.labels)}, {"goal": criteria})
    result = ahp_synthesis(hierarchy, alternatives)
    software = case["expected"]["software_reference_outputs_AHPy_README_not_primary"]
    tol = case["tolerance"]["software_reference_outputs"]
    for name in ("Tom", "Dick", "Harry"):
        assert result.local_priorities.loc[name, "experience"] == pytest.approx(
            software["experience_local"][name], abs=tol
        )
        assert result.local_priorities.loc[name, "education"] == pytest.approx(
            software["education_local_from_global/0.127"][name], abs=tol
        )


def test_leader_overall_synthesis(reference_case):
    case, criteria, alternatives = _leader(reference_case)
    hierarchy = CriteriaHierarchy({"goal": list(criteria.labels)}, {"goal": criteria})
    result = ahp_synthesis(hierarchy, alternatives, "distributive")
    tol = case["tolerance"]["overall"]
    for name, value in case["expected"]["overall"].items():
        assert result.scores[name] == pytest.approx(value, abs=tol)
    assert result.ranks.to_dict() == {"Tom": 2, "Dick": 1, "Harry": 3}
    assert list(result.to_frame().index) == ["Dick", "Tom", "Harry"]
    # the same from the weights of ahp() directly
    direct = ahp_synthesis(ahp(criteria), alternatives)
    np.testing.assert_allclose(direct.scores, result.scores)


def test_leader_consistency_per_criterion(reference_case):
    # The reference case's notes: with Saaty's 1980 RI (0.58) the CRs are 0.032 (experience)
    # and 0.056 (education); with RI 0.52 (saaty2005) the 0.035 / 0.062 printed by AHPy.
    _, criteria, alternatives = _leader(reference_case)
    result = ahp_synthesis(ahp(criteria), alternatives)
    assert result.consistency.loc["experience", "cr"] == pytest.approx(0.032, abs=5e-4)
    assert result.consistency.loc["education", "cr"] == pytest.approx(0.056, abs=5e-4)
    revised = ahp_synthesis(ahp(criteria), alternatives, ri_table="saaty2005")
    assert revised.consistency.loc["experience", "cr"] == pytest.approx(0.035, abs=5e-4)
    assert revised.consistency.loc["education", "cr"] == pytest.approx(0.062, abs=5e-4)


# ---------------------------------------------------------------------------
# hierarchy weights by hand
# ---------------------------------------------------------------------------
def test_three_level_local_and_global_weights():
    hierarchy = _three_level()
    frame = hierarchy.to_frame()
    assert list(frame.columns) == [
        "node",
        "parent",
        "level",
        "local_weight",
        "global_weight",
        "is_leaf",
    ]
    assert list(frame["node"]) == [
        "political",
        "alignment",
        "blocs",
        "economic",
        "trade",
        "exports",
        "imports",
        "market",
        "investment",
        "risk",
    ]
    rows = frame.set_index("node")
    assert rows.loc["exports", "level"] == 3
    assert rows.loc["exports", "parent"] == "trade"
    assert not rows.loc["trade", "is_leaf"]
    assert rows.loc["risk", "is_leaf"]
    for weights in LOCAL.values():
        for child, w in weights.items():
            assert rows.loc[child, "local_weight"] == pytest.approx(w)
    assert rows.loc["trade", "global_weight"] == pytest.approx(0.15)
    leaves = hierarchy.leaf_weights
    assert set(leaves.index) == set(GLOBAL_LEAVES)
    for leaf, w in GLOBAL_LEAVES.items():
        assert leaves[leaf] == pytest.approx(w)
    assert leaves.sum() == pytest.approx(1.0)
    assert hierarchy.leaves == (
        "alignment",
        "blocs",
        "exports",
        "imports",
        "market",
        "investment",
        "risk",
    )
    assert hierarchy.local_weights["blocs"] == pytest.approx(0.25)
    assert hierarchy.global_weights["economic"] == pytest.approx(0.3)
    assert hierarchy.children("trade") == ("exports", "imports")
    assert hierarchy.children("risk") == ()
    assert hierarchy.parent("exports") == "trade"


@st.composite
def random_trees(draw):
    """A random 2- or 3-level tree with consistent comparisons from random local weights."""
    top = draw(st.integers(2, 4))
    structure = {"goal": [f"c{i}" for i in range(top)]}
    local = {"goal": draw(st.lists(st.floats(0.05, 1), min_size=top, max_size=top))}
    for i in range(top):
        kids = draw(st.integers(0, 3))
        if kids >= 2:
            names = [f"c{i}.{j}" for j in range(kids)]
            structure[f"c{i}"] = names
            local[f"c{i}"] = draw(st.lists(st.floats(0.05, 1), min_size=kids, max_size=kids))
    return structure, local


@settings(max_examples=40, deadline=None)
@given(tree=random_trees())
def test_global_weights_are_products_of_local_weights(tree):
    structure, local = tree
    comparisons = {
        node: PairwiseComparison.from_weights(w, labels=structure[node])
        for node, w in local.items()
    }
    hierarchy = CriteriaHierarchy(structure, comparisons)
    leaves = hierarchy.leaf_weights
    assert leaves.sum() == pytest.approx(1.0)
    top = np.array(local["goal"]) / sum(local["goal"])
    for i, name in enumerate(structure["goal"]):
        if name in structure:
            sub = np.array(local[name]) / sum(local[name])
            for j, child in enumerate(structure[name]):
                assert leaves[child] == pytest.approx(top[i] * sub[j])
        else:
            assert leaves[name] == pytest.approx(top[i])


def test_single_child_needs_no_comparison():
    hierarchy = CriteriaHierarchy(
        {"goal": ["political", "economic"], "economic": ["trade"]},
        {"goal": _pc({"political": 0.4, "economic": 0.6})},
    )
    assert hierarchy.leaf_weights.to_dict() == pytest.approx({"political": 0.4, "trade": 0.6})
    assert "economic" not in hierarchy.results


def test_comparison_in_another_order_is_aligned():
    frame = _pc({"a": 0.5, "b": 0.3, "c": 0.2}).to_frame().loc[["c", "a", "b"], ["c", "a", "b"]]
    hierarchy = CriteriaHierarchy({"goal": ["a", "b", "c"]}, {"goal": frame})
    assert hierarchy.leaf_weights.to_dict() == pytest.approx({"a": 0.5, "b": 0.3, "c": 0.2})


def test_group_node_is_aggregated_with_ahp_group():
    experts = {
        "ministry": _pc({"trade": 0.7, "market": 0.3}),
        "embassy": _pc({"trade": 0.4, "market": 0.6}),
    }
    hierarchy = CriteriaHierarchy(
        {"goal": ["political", "economic"], "economic": ["trade", "market"]},
        {"goal": _pc({"political": 0.5, "economic": 0.5}), "economic": experts},
        expert_weights={"ministry": 3, "embassy": 1},
    )
    direct = ahp_group(experts, {"ministry": 3, "embassy": 1})
    assert isinstance(hierarchy.results["economic"], GroupAHPResult)
    assert hierarchy.leaf_weights["trade"] == pytest.approx(0.5 * direct.weights["trade"])
    table = hierarchy.consistency
    assert table.loc["economic", "experts"] == 2
    assert table.loc["economic", "consensus"] == pytest.approx(direct.consensus)
    assert table.loc["goal", "experts"] == 1


def test_expert_weights_by_name_apply_to_each_group_node():
    panel = {
        "goal": {"ministry": _pc({"a": 0.5, "b": 0.5}), "board": _pc({"a": 0.8, "b": 0.2})},
        "a": {"ministry": _pc({"x": 0.5, "y": 0.5}), "embassy": _pc({"x": 0.2, "y": 0.8})},
    }
    weights = {"ministry": 2, "board": 1, "embassy": 1}
    hierarchy = CriteriaHierarchy(
        {"goal": ["a", "b"], "a": ["x", "y"]}, panel, expert_weights=weights
    )
    top = ahp_group(panel["goal"], {"ministry": 2, "board": 1})
    sub = ahp_group(panel["a"], {"ministry": 2, "embassy": 1})
    assert hierarchy.leaf_weights["x"] == pytest.approx(top.weights["a"] * sub.weights["x"])
    with pytest.raises(InvalidWeightsError, match="unknown experts: 'planning'"):
        CriteriaHierarchy(
            {"goal": ["a", "b"], "a": ["x", "y"]}, panel, expert_weights={**weights, "planning": 1}
        )
    with pytest.raises(
        InvalidWeightsError, match=r"comparisons\['a'\]: expert_weights must give .*'embassy'"
    ):
        CriteriaHierarchy(
            {"goal": ["a", "b"], "a": ["x", "y"]}, panel, expert_weights={"ministry": 1, "board": 1}
        )


def test_inconsistent_node_warns_with_its_name():
    with pytest.warns(InconsistentComparisonWarning, match=r"'goal' \(CR = "):
        hierarchy = CriteriaHierarchy({"goal": ["a", "b", "c"]}, {"goal": INCONSISTENT})
    assert not hierarchy.consistency.loc["goal", "consistent"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CriteriaHierarchy({"goal": ["a", "b", "c"]}, {"goal": INCONSISTENT}, warn=False)


def test_inconsistent_expert_in_group_node_warns():
    experts = {"x": INCONSISTENT, "y": INCONSISTENT}
    with pytest.warns(InconsistentComparisonWarning, match=r"'goal' .*2 inconsistent expert"):
        CriteriaHierarchy({"goal": ["a", "b", "c"]}, {"goal": experts})


def test_geometric_method_and_ri_table_are_passed_on():
    hierarchy = _three_level(method="geometric", ri_table="alonso-lamata")
    assert hierarchy.results["goal"].method == "geometric"
    assert hierarchy.results["goal"].ri_table == "alonso-lamata"


# ---------------------------------------------------------------------------
# the problem's criteria
# ---------------------------------------------------------------------------
def _problem(criteria):
    rng = np.random.default_rng(1)
    return DecisionProblem(
        rng.uniform(1, 10, (3, len(criteria))),
        objectives="max",
        alternatives=["Chile", "Kenya", "Vietnam"],
        criteria=criteria,
    )


def test_weights_for_and_apply_to_a_problem():
    hierarchy = _three_level()
    criteria = ["risk", "market", "alignment", "blocs", "exports", "imports", "investment"]
    problem = _problem(criteria)
    hierarchy.validate_against(problem)
    weights = hierarchy.weights_for(problem)
    assert list(weights.index) == criteria
    weighted = hierarchy.apply_to(problem)
    np.testing.assert_allclose(weighted.weights.to_numpy(), [GLOBAL_LEAVES[c] for c in criteria])
    CriteriaHierarchy(STRUCTURE, {n: _pc(w) for n, w in LOCAL.items()}, problem=problem)


def test_leaf_that_is_not_a_problem_criterion():
    hierarchy = _three_level()
    problem = _problem(["risk", "market", "alignment", "blocs", "exports", "imports", "fdi"])
    with pytest.raises(
        InvalidProblemError,
        match=r"leaves that are not criteria of the problem: 'investment'; criteria of the "
        r"problem missing from the hierarchy: 'fdi'",
    ):
        hierarchy.validate_against(problem)
    with pytest.raises(InvalidProblemError, match="'investment'"):
        hierarchy.weights_for(problem)
    with pytest.raises(InvalidProblemError, match="'fdi'"):
        CriteriaHierarchy(STRUCTURE, {n: _pc(w) for n, w in LOCAL.items()}, problem=problem)
    with pytest.raises(InvalidTypeError, match="problem must be a DecisionProblem"):
        hierarchy.validate_against({"risk": 1})


# ---------------------------------------------------------------------------
# structure and comparison errors
# ---------------------------------------------------------------------------
def test_node_without_comparison():
    comparisons = {n: _pc(w) for n, w in LOCAL.items() if n not in ("trade", "political")}
    with pytest.raises(
        InvalidComparisonError, match=r"needs a comparison .*missing for 'political', 'trade'"
    ):
        CriteriaHierarchy(STRUCTURE, comparisons)


def test_comparison_whose_labels_are_not_the_children():
    comparisons = {n: _pc(w) for n, w in LOCAL.items()}
    comparisons["economic"] = _pc({"trade": 0.5, "market": 0.3, "fdi": 0.2})
    with pytest.raises(
        InvalidComparisonError,
        match=r"comparisons\['economic'\] must compare exactly the children of 'economic' .*"
        r"missing 'investment'; unexpected 'fdi'",
    ):
        CriteriaHierarchy(STRUCTURE, comparisons)
    comparisons["economic"] = _pc({"trade": 0.5, "market": 0.5})
    with pytest.raises(InvalidComparisonError, match="missing 'investment'"):
        CriteriaHierarchy(STRUCTURE, comparisons)


def test_group_comparison_whose_labels_are_not_the_children():
    experts = {"x": _pc({"a": 0.5, "z": 0.5}), "y": _pc({"a": 0.5, "z": 0.5})}
    with pytest.raises(InvalidComparisonError, match="unexpected 'z'"):
        CriteriaHierarchy({"goal": ["a", "b"]}, {"goal": experts})


def test_comparison_for_a_leaf_or_unknown_node():
    comparisons = {n: _pc(w) for n, w in LOCAL.items()}
    comparisons["risk"] = _pc({"x": 0.5, "y": 0.5})
    with pytest.raises(
        InvalidComparisonError, match=r"comparisons are given for 'risk', which are not nodes"
    ):
        CriteriaHierarchy(STRUCTURE, comparisons)


def test_unlabelled_arrays_take_the_children_as_labels():
    hierarchy = CriteriaHierarchy(
        {"goal": ["a", "b"]},
        {"goal": {"x": [[1, 3], [1 / 3, 1]], "y": np.array([[1, 3], [1 / 3, 1]])}},
    )
    assert hierarchy.leaf_weights.to_dict() == pytest.approx({"a": 0.75, "b": 0.25})
    result = ahp_synthesis(
        {"alignment": 1, "trade": 1},
        {
            "alignment": PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["Chile", "Kenya"]),
            "trade": [[1, 1], [1, 1]],
        },
    )
    assert list(result.alternatives) == ["Chile", "Kenya"]
    assert result.scores["Chile"] == pytest.approx((0.75 + 0.5) / 2)


def test_invalid_comparison_names_the_node():
    with pytest.raises(InvalidComparisonError, match=r"comparisons\['goal'\]: .*reciprocal"):
        CriteriaHierarchy({"goal": ["a", "b"]}, {"goal": [[1, 2], [2, 1]]})
    with pytest.raises(InvalidTypeError, match=r"comparisons\['goal'\] must be"):
        CriteriaHierarchy({"goal": ["a", "b"]}, {"goal": "a > b"})
    with pytest.raises(InvalidArgumentError, match=r"comparisons\['goal'\] is an empty group"):
        CriteriaHierarchy({"goal": ["a", "b"]}, {"goal": {}})
    with pytest.raises(InvalidComparisonError, match=r"comparisons\['goal'\]\['y'\]: "):
        CriteriaHierarchy({"goal": ["a", "b"]}, {"goal": {"x": [[1, 2], [0.5, 1]], "y": [[1, 0]]}})


def test_node_with_two_parents():
    structure = {"goal": ["political", "economic"], "political": ["trade"], "economic": ["trade"]}
    with pytest.raises(
        InvalidArgumentError, match="node 'trade' has two parents, 'political' and 'economic'"
    ):
        CriteriaHierarchy(structure, {})


def test_cycle_and_unreachable_nodes():
    structure = {"goal": ["a", "b"], "x": ["y"], "y": ["x"]}
    with pytest.raises(InvalidArgumentError, match=r"'x', 'y' cannot be reached from it"):
        CriteriaHierarchy(structure, {"goal": _pc({"a": 0.5, "b": 0.5})})
    with pytest.raises(InvalidArgumentError, match="goal 'goal' is listed as a child of 'a'"):
        CriteriaHierarchy({"goal": ["a", "b"], "a": ["goal", "c"]}, {})
    with pytest.raises(InvalidArgumentError, match="node 'a' is its own child"):
        CriteriaHierarchy({"goal": ["a", "b"], "a": ["a"]}, {})


def test_goal_missing_from_structure():
    with pytest.raises(InvalidArgumentError, match=r"goal 'root' must be a key of structure"):
        CriteriaHierarchy({"goal": ["a", "b"]}, {}, goal="root")


def test_bad_children_lists():
    with pytest.raises(InvalidTypeError, match=r"structure\['goal'\] must be a list"):
        CriteriaHierarchy({"goal": "ab"}, {})
    with pytest.raises(InvalidArgumentError, match="at least one child"):
        CriteriaHierarchy({"goal": []}, {})
    with pytest.raises(InvalidArgumentError, match="more than once: a"):
        CriteriaHierarchy({"goal": ["a", "a", "b"]}, {})
    with pytest.raises(InvalidArgumentError, match="at least the goal"):
        CriteriaHierarchy({}, {})
    with pytest.raises(InvalidTypeError, match="structure must be a mapping"):
        CriteriaHierarchy([("goal", ["a"])], {})
    with pytest.raises(InvalidTypeError, match="comparisons must be a mapping"):
        CriteriaHierarchy({"goal": ["a", "b"]}, [_pc({"a": 1, "b": 1})])


def test_unknown_node_queries_and_options():
    hierarchy = _three_level()
    with pytest.raises(InvalidArgumentError, match="unknown node 'fdi'"):
        hierarchy.children("fdi")
    with pytest.raises(InvalidArgumentError, match="goal 'goal' has no parent"):
        hierarchy.parent("goal")
    with pytest.raises(UnknownMethodError, match="method must be one of"):
        _three_level(method="power")


# ---------------------------------------------------------------------------
# renderings
# ---------------------------------------------------------------------------
def test_hierarchy_renderings_and_immutability():
    hierarchy = _three_level()
    text = repr(hierarchy)
    assert text.startswith("CriteriaHierarchy(goal='goal', 10 nodes, 7 leaves")
    assert "    exports: local 0.6000, global 0.0900" in text
    assert "CriteriaHierarchy" in hierarchy._repr_html_()
    data = json.loads(json.dumps(hierarchy.to_dict()))
    assert data["leaf_weights"]["risk"] == pytest.approx(0.2)
    assert data["structure"]["trade"] == ["exports", "imports"]
    with pytest.raises(AttributeError, match="immutable"):
        hierarchy.goal = "x"
    frame = hierarchy.to_frame()
    frame.loc[0, "local_weight"] = 99
    assert hierarchy.to_frame().loc[0, "local_weight"] < 1


# ---------------------------------------------------------------------------
# synthesis
# ---------------------------------------------------------------------------
ALTS = ["Chile", "Kenya", "Vietnam"]


def _alternatives(**priorities):
    return {
        c: PairwiseComparison.from_weights(dict(zip(ALTS, p, strict=True)))
        for c, p in priorities.items()
    }


def test_distributive_and_ideal_by_hand():
    weights = {"alignment": 0.5, "trade": 0.3, "risk": 0.2}
    comparisons = _alternatives(
        alignment=[0.5, 0.3, 0.2], trade=[0.2, 0.2, 0.6], risk=[0.25, 0.5, 0.25]
    )
    result = ahp_synthesis(weights, comparisons)
    # Chile: 0.5*0.5 + 0.3*0.2 + 0.2*0.25 = 0.36; Kenya: 0.15 + 0.06 + 0.1 = 0.31
    np.testing.assert_allclose(result.scores.to_numpy(), [0.36, 0.31, 0.33])
    ideal = ahp_synthesis(weights, comparisons, "ideal")
    # divided by column maxima 0.5, 0.6, 0.5:
    # Chile 0.5*1 + 0.3/3 + 0.2*0.5 = 0.7; Kenya 0.3 + 0.1 + 0.2 = 0.6; Vietnam 0.2 + 0.3 + 0.1
    raw = np.array([0.7, 0.6, 0.6])
    np.testing.assert_allclose(ideal.scores.to_numpy(), raw / raw.sum())
    assert ideal.ranks.to_dict() == {"Chile": 1, "Kenya": 2, "Vietnam": 2}
    np.testing.assert_allclose(ideal.priorities.max(axis=0), 1.0)
    np.testing.assert_allclose(ideal.contributions.sum(axis=1), ideal.scores)
    np.testing.assert_allclose(ideal.local_priorities, result.local_priorities)


@settings(max_examples=30, deadline=None)
@given(
    local=st.lists(st.lists(st.floats(0.05, 1.0), min_size=3, max_size=3), min_size=2, max_size=4),
    weights=st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
)
def test_ideal_mode_keeps_the_ranking_when_a_dominated_copy_is_added(local, weights):
    # Saaty (1994): in the ideal mode, an added alternative that is not the best under any
    # criterion leaves the others' relative scores unchanged (consistent judgments).
    criteria = [f"c{i}" for i in range(len(local[0]))]
    names = [f"a{i}" for i in range(len(local))]
    w = dict(zip(criteria, weights[: len(criteria)], strict=True))
    table = np.array(local)
    before = ahp_synthesis(
        w,
        {
            c: PairwiseComparison.from_weights(table[:, j], labels=names)
            for j, c in enumerate(criteria)
        },
        "ideal",
    )
    extra = table.min(axis=0) * 0.5  # worse than everyone everywhere
    bigger = np.vstack([table, extra])
    after = ahp_synthesis(
        w,
        {
            c: PairwiseComparison.from_weights(bigger[:, j], labels=[*names, "new"])
            for j, c in enumerate(criteria)
        },
        "ideal",
    )
    ratio = after.scores[names] / before.scores[names]
    np.testing.assert_allclose(ratio, ratio.iloc[0], rtol=1e-9)


def test_synthesis_with_group_comparisons_and_result_weights():
    comparisons = _alternatives(alignment=[0.5, 0.3, 0.2], trade=[0.2, 0.2, 0.6])
    group = {
        "ministry": comparisons["alignment"],
        "embassy": PairwiseComparison.from_weights(dict(zip(ALTS, [0.2, 0.3, 0.5], strict=True))),
    }
    weights = ahp(_pc({"alignment": 0.6, "trade": 0.4}))
    result = ahp_synthesis(weights, {"alignment": group, "trade": comparisons["trade"]})
    assert isinstance(result.results["alignment"], GroupAHPResult)
    direct = ahp_group(group)
    np.testing.assert_allclose(result.local_priorities["alignment"], direct.weight_array)
    assert result.consistency.loc["alignment", "experts"] == 2
    series = ahp_synthesis(
        pd.Series({"alignment": 6, "trade": 4}), {"alignment": group, "trade": comparisons["trade"]}
    )
    np.testing.assert_allclose(series.scores, result.scores)


def test_synthesis_renderings():
    result = ahp_synthesis(
        {"alignment": 1, "trade": 1},
        _alternatives(alignment=[0.5, 0.3, 0.2], trade=[0.2, 0.2, 0.6]),
    )
    assert isinstance(result, AHPSynthesisResult)
    assert repr(result).startswith("AHPSynthesisResult(mode='distributive', 3 alternatives")
    assert "AHPSynthesisResult" in result._repr_html_()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["scores"]["Chile"] == pytest.approx(0.35)
    assert list(result.to_frame().columns) == ["score", "rank"]
    with pytest.raises(AttributeError, match="immutable"):
        result.mode = "ideal"


def test_synthesis_missing_or_unknown_criteria():
    comparisons = _alternatives(alignment=[0.5, 0.3, 0.2])
    with pytest.raises(InvalidComparisonError, match="every criterion; missing for 'trade'"):
        ahp_synthesis({"alignment": 0.5, "trade": 0.5}, comparisons)
    comparisons = _alternatives(alignment=[0.5, 0.3, 0.2], trade=[0.2, 0.2, 0.6])
    with pytest.raises(InvalidComparisonError, match="unknown criteria 'trade'"):
        ahp_synthesis({"alignment": 1.0}, comparisons)


def test_synthesis_different_alternatives():
    comparisons = _alternatives(alignment=[0.5, 0.3, 0.2])
    comparisons["trade"] = PairwiseComparison.from_weights({"Chile": 0.5, "Peru": 0.5, "Kenya": 1})
    with pytest.raises(
        InvalidComparisonError,
        match=r"alternative_comparisons\['trade'\] must compare exactly the alternatives of "
        r"'alignment'.*missing 'Vietnam'; unexpected 'Peru'",
    ):
        ahp_synthesis({"alignment": 0.5, "trade": 0.5}, comparisons)


def test_synthesis_bad_weights():
    comparisons = _alternatives(alignment=[0.5, 0.3, 0.2], trade=[0.2, 0.2, 0.6])
    with pytest.raises(
        InvalidWeightsError, match=r"non-negative and finite; got -0\.5 for 'trade'"
    ):
        ahp_synthesis({"alignment": 1, "trade": -0.5}, comparisons)
    with pytest.raises(InvalidWeightsError, match="got nan for 'trade'"):
        ahp_synthesis({"alignment": 1, "trade": float("nan")}, comparisons)
    with pytest.raises(InvalidWeightsError, match="must not all be zero"):
        ahp_synthesis({"alignment": 0, "trade": 0}, comparisons)
    with pytest.raises(InvalidWeightsError, match="must be numbers; got 'high' for 'trade'"):
        ahp_synthesis({"alignment": 1, "trade": "high"}, comparisons)
    with pytest.raises(InvalidWeightsError, match="at least one criterion"):
        ahp_synthesis({}, comparisons)
    with pytest.raises(InvalidWeightsError, match="name a criterion twice: 'trade'"):
        ahp_synthesis(pd.Series([1, 1], index=["trade", "trade"]), comparisons)
    with pytest.raises(InvalidTypeError, match="hierarchy_or_weights must be"):
        ahp_synthesis([0.5, 0.5], comparisons)
    with pytest.raises(InvalidTypeError, match="alternative_comparisons must be a mapping"):
        ahp_synthesis({"alignment": 1}, [comparisons["alignment"]])
    with pytest.raises(UnknownMethodError, match="mode must be one of"):
        ahp_synthesis({"alignment": 1}, {"alignment": comparisons["alignment"]}, "relative")


def test_synthesis_warns_for_inconsistent_criterion():
    comparisons = {"alignment": PairwiseComparison(INCONSISTENT, labels=ALTS)}
    with pytest.warns(InconsistentComparisonWarning, match=r"alternatives: 'alignment' \(CR"):
        ahp_synthesis({"alignment": 1}, comparisons)


def test_plot_namespaces(reference_case):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    hierarchy = _three_level()
    assert hierarchy.plot() is not None
    _, given = plt.subplots()
    assert hierarchy.plot.weights(ax=given) is given
    _, criteria, alternatives = _leader(reference_case)
    result = ahp_synthesis(ahp(criteria), alternatives)
    ax = result.plot()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Dick", "Tom", "Harry"]
    ax = result.plot.contributions()
    assert len(ax.patches) == 3 * 4
    widths = np.array([p.get_width() for p in ax.patches]).reshape(4, 3).sum(axis=0)
    np.testing.assert_allclose(widths, result.to_frame()["score"].to_numpy())
    plt.close("all")
