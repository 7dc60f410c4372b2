"""Group AHP: aggregation (AIJ, AIP), expert weights, consistency, consensus, policies."""

from __future__ import annotations

import json
import math
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdecide.ahp import (
    GroupAHPResult,
    PairwiseComparison,
    RepairResult,
    ahp,
    ahp_group,
    geometric_compatibility,
    shannon_consensus,
)
from coopdecide.exceptions import (
    DisconnectedComparisonError,
    InconsistentComparisonWarning,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidTypeError,
    InvalidWeightsError,
    UnknownMethodError,
)

DONG = "ahp-dong2010-group-aij-weighted-geometric-mean"
SAATY = [1 / k for k in range(9, 1, -1)] + [float(k) for k in range(1, 10)]

# A consistent 3x3 comparison (weights 4:2:1) and an inconsistent 4x4 one (CR ~ 0.3).
CONSISTENT = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]
INCONSISTENT = [[1, 9, 1 / 9, 1], [1 / 9, 1, 9, 1], [9, 1 / 9, 1, 9], [1, 1, 1 / 9, 1]]
GOOD_4 = [[1, 2, 4, 8], [1 / 2, 1, 2, 4], [1 / 4, 1 / 2, 1, 2], [1 / 8, 1 / 4, 1 / 2, 1]]


def _dong(reference_case):
    case = reference_case(DONG)
    return case, case["inputs"]["judgement_matrices"], case["inputs"]["decision_maker_weights"]


# ---------------------------------------------------------------------------
# published numbers: Dong, Zhang, Hong and Xu (2010), Decision Support Systems 49(3):281-289,
# Section 5 and Table 3 (matrices A(1)..A(4) from Xu 2000), weights 0.1, 0.3, 0.1, 0.2, 0.3;
# AIJ by weighted geometric mean, row geometric mean priorities, GCI with natural logs.
# ---------------------------------------------------------------------------
def test_dong2010_individual_priorities(reference_case):
    case, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights, "aij", "geometric")
    expected = np.array(case["expected"]["individual_priorities_rgmm"])
    tol = case["tolerance"]["priorities"]
    np.testing.assert_allclose(result.by_expert.to_numpy(), expected, atol=tol, rtol=0)


def test_dong2010_collective_matrix_and_priorities(reference_case):
    case, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights, "aij", "geometric")
    np.testing.assert_allclose(
        result.group_comparison.matrix,
        np.array(case["expected"]["collective_matrix"]),
        atol=case["tolerance"]["collective_matrix"],
        rtol=0,
    )
    np.testing.assert_allclose(
        result.weight_array,
        case["expected"]["collective_priorities"],
        atol=case["tolerance"]["priorities"],
        rtol=0,
    )


def test_dong2010_gci_of_experts_and_collective_matrix(reference_case):
    case, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights, "aij", "geometric")
    gcis = case["expected"]["GCI_A1_A2_A3_A4_A5_Ac"]
    tol = case["tolerance"]["GCI"]
    np.testing.assert_allclose(result.consistency["gci"], gcis[:5], atol=tol, rtol=0)
    assert result.gci == pytest.approx(gcis[5], abs=tol)
    # all below the n = 4 threshold 0.35 of Aguaron and Moreno-Jimenez (2003)
    threshold = case["expected"]["GCI_threshold_n4_Aguaron2003"]
    assert result.gci_threshold == threshold
    assert result.consistency["consistent"].all()
    assert result.consistent


def test_dong2010_aip_geometric_equals_aij_under_rgmm(reference_case):
    # Barzilai and Golany (1994); Lemma 1 of Dong et al. (2010): with RGMM priorities the
    # weighted geometric AIP gives the AIJ vector, i.e. the published collective priorities.
    case, matrices, weights = _dong(reference_case)
    tol = case["tolerance"]["priorities"]
    for aggregation in ("aip", "aip-geometric"):
        result = ahp_group(matrices, weights, aggregation, "geometric")
        np.testing.assert_allclose(
            result.weight_array, case["expected"]["collective_priorities"], atol=tol, rtol=0
        )
        assert result.group_comparison is None
        assert result.cr is None
        assert result.aggregation == "aip-geometric"


def test_dong2010_expert_weights_by_name(reference_case):
    case, matrices, weights = _dong(reference_case)
    named = {f"DM{i + 1}": m for i, m in enumerate(matrices)}
    by_name = dict(zip(named, weights, strict=True))
    result = ahp_group(named, by_name, method="geometric")
    np.testing.assert_allclose(
        result.weight_array,
        case["expected"]["collective_priorities"],
        atol=case["tolerance"]["priorities"],
        rtol=0,
    )
    assert list(result.experts) == ["DM1", "DM2", "DM3", "DM4", "DM5"]
    np.testing.assert_allclose(result.expert_weights, weights)


def test_dong2010_gcci_is_the_compatibility_column(reference_case):
    # Dong et al. (2010), Definition 2 (geometric cardinal consensus index, GCCI, of each
    # expert's matrix against the AIJ/RGMM collective priorities) and Table 3, row GCCI:
    # 0.4285, 0.8707, 0.4113, 0.3774, 2.1944 (4 printed decimals).
    case, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights, method="geometric")
    np.testing.assert_allclose(
        result.compatibility,
        [0.4285, 0.8707, 0.4113, 0.3774, 2.1944],
        atol=case["tolerance"]["GCI"],
        rtol=0,
    )


def test_dong2010_after_the_cardinal_consensus_model(reference_case):
    # Dong et al. (2010), Section 5: the cardinal consensus model changes only A(5); the
    # adjusted matrix is printed to 4 decimals together with its RGMM priorities, the new
    # collective matrix and priorities, and Table 4 (GCI of the adjusted A(5) 0.037 and of
    # the collective matrix 0.0688). Table 4's GCCI row (0.1054, 0.2579, 0.1051, 0.1150,
    # 0.3138) is exactly half of Definition 2 evaluated on these matrices, whereas Table 3
    # matches Definition 2 itself (test above): the source is inconsistent by a factor 2
    # there, so we check twice the printed values.
    _, matrices, weights = _dong(reference_case)
    adjusted = [
        [1.0000, 1.1297, 2.2014, 4.3352],
        [0.8852, 1.0000, 1.1044, 3.4108],
        [0.4543, 0.9055, 1.0000, 2.6158],
        [0.2307, 0.2932, 0.3823, 1.0000],
    ]
    result = ahp_group([*matrices[:4], adjusted], weights, method="geometric")
    tol = 5e-4  # 4 printed decimals of the inputs and of the outputs
    np.testing.assert_allclose(
        result.by_expert.loc["E5"], [0.3954, 0.2949, 0.2222, 0.0875], atol=tol, rtol=0
    )
    np.testing.assert_allclose(
        result.weight_array, [0.5540, 0.2556, 0.1233, 0.0671], atol=tol, rtol=0
    )
    np.testing.assert_allclose(
        result.group_comparison.matrix[0], [1.0, 2.8439, 4.4040, 6.4243], atol=5e-3, rtol=0
    )
    assert result.consistency.loc["E5", "gci"] == pytest.approx(0.037, abs=tol)
    assert result.gci == pytest.approx(0.0688, abs=tol)
    np.testing.assert_allclose(
        result.compatibility,
        2 * np.array([0.1054, 0.2579, 0.1051, 0.1150, 0.3138]),
        atol=2 * tol,
        rtol=0,
    )


# ---------------------------------------------------------------------------
# aggregation by hand
# ---------------------------------------------------------------------------
def test_aip_arithmetic_is_the_weighted_mean_of_priorities():
    a = PairwiseComparison(CONSISTENT, labels=list("xyz"))  # 4/7, 2/7, 1/7
    b = PairwiseComparison.from_weights({"x": 0.2, "y": 0.3, "z": 0.5})
    result = ahp_group({"a": a, "b": b}, {"a": 3, "b": 1}, "aip-arithmetic")
    expected = 0.75 * np.array([4, 2, 1]) / 7 + 0.25 * np.array([0.2, 0.3, 0.5])
    np.testing.assert_allclose(result.weight_array, expected, atol=1e-12)


def test_aij_of_two_experts_is_the_geometric_mean_by_hand():
    a = PairwiseComparison.from_judgments(["x", "y"], {("x", "y"): 4})
    b = PairwiseComparison.from_judgments(["x", "y"], {("x", "y"): 1})
    result = ahp_group([a, b])
    # sqrt(4 * 1) = 2 -> weights 2/3, 1/3
    assert result.group_comparison.matrix[0, 1] == pytest.approx(2.0)
    np.testing.assert_allclose(result.weight_array, [2 / 3, 1 / 3], atol=1e-12)
    assert result.cr == 0.0
    # unequal weights: 4**0.75 * 1**0.25 = 2.828...
    weighted = ahp_group([a, b], [3, 1])
    assert weighted.group_comparison.matrix[0, 1] == pytest.approx(4**0.75)


def test_incomplete_experts_aggregate_the_known_pairs():
    labels = ["x", "y", "z"]
    full = PairwiseComparison.from_judgments(labels, {("x", "y"): 2, ("x", "z"): 8, ("y", "z"): 4})
    partial = PairwiseComparison.from_judgments(labels, {("x", "y"): 8, ("y", "z"): 1})
    result = ahp_group({"full": full, "partial": partial}, {"full": 1, "partial": 3})
    g = result.group_comparison.matrix
    assert g[0, 1] == pytest.approx(2**0.25 * 8**0.75)  # both judged
    assert g[1, 2] == pytest.approx(4**0.25 * 1**0.75)
    assert g[0, 2] == pytest.approx(8.0)  # only "full" judged it: its weight becomes 1
    assert result.group_comparison.is_complete
    assert result.consistency.loc["partial", "missing_pairs"] == 1
    assert result.consistency.loc["full", "missing_pairs"] == 0


def test_pair_judged_by_nobody_is_completed():
    labels = ["x", "y", "z"]
    a = PairwiseComparison.from_judgments(labels, {("x", "y"): 2, ("y", "z"): 3})
    b = PairwiseComparison.from_judgments(labels, {("x", "y"): 2, ("y", "z"): 3})
    result = ahp_group([a, b])
    assert result.group_comparison.missing_pairs() == [("x", "z")]
    assert result.group_result.completion == "lambda_max"
    # a consistent completion: 2 * 3 = 6 (Bozoki, Fulop and Ronyai 2010: unique, consistent)
    assert result.group_result.completed_comparison.matrix[0, 2] == pytest.approx(6.0, rel=1e-6)
    np.testing.assert_allclose(result.weight_array, np.array([6, 3, 1]) / 10, atol=1e-6)


def test_disconnected_expert_is_a_clear_error():
    labels = ["w", "x", "y", "z"]
    a = PairwiseComparison.from_judgments(labels, {("w", "x"): 2, ("y", "z"): 3, ("x", "y"): 2})
    b = PairwiseComparison.from_judgments(labels, {("w", "x"): 2, ("y", "z"): 3})
    with pytest.raises(DisconnectedComparisonError, match=r"expert 'E2': .*2 separate groups"):
        ahp_group([a, b])


def test_labels_in_another_order_are_aligned():
    a = PairwiseComparison(GOOD_4, labels=["a", "b", "c", "d"])
    frame = a.to_frame().loc[["d", "b", "a", "c"], ["d", "b", "a", "c"]]
    b = PairwiseComparison(frame)
    result = ahp_group({"one": a, "two": b})
    assert list(result.labels) == ["a", "b", "c", "d"]
    np.testing.assert_allclose(result.weight_array, np.array([8, 4, 2, 1]) / 15, atol=1e-10)
    np.testing.assert_allclose(result.by_expert.loc["two"], np.array([8, 4, 2, 1]) / 15)


def test_zero_expert_weight_has_no_influence():
    a = PairwiseComparison(CONSISTENT)
    b = PairwiseComparison.from_weights([0.1, 0.1, 0.8])
    result = ahp_group([a, b], [1, 0])
    np.testing.assert_allclose(result.weight_array, np.array([4, 2, 1]) / 7, atol=1e-12)


def test_three_dimensional_array_and_list_inputs():
    stack = np.stack([np.array(GOOD_4)] * 3)
    result = ahp_group(stack)
    assert list(result.experts) == ["E1", "E2", "E3"]
    assert list(result.labels) == ["C1", "C2", "C3", "C4"]
    np.testing.assert_allclose(result.expert_weights, [1 / 3] * 3)


# ---------------------------------------------------------------------------
# consensus (Goepel 2013; 2018) and compatibility (Aguaron et al. 2022)
# ---------------------------------------------------------------------------
def test_consensus_is_one_for_identical_experts():
    result = ahp_group([GOOD_4] * 4)
    assert result.consensus == pytest.approx(1.0, abs=1e-12)
    assert result.consensus_details["h_beta"] == pytest.approx(0.0, abs=1e-12)


def test_consensus_is_zero_at_the_widest_disagreement_of_the_scale():
    # Two experts, 9 and 1/9 (priorities 0.9/0.1 and 0.1/0.9): H_alpha = H_alpha_min and the
    # pooled priorities are 1/2, 1/2, so H_gamma = ln 2 = H_gamma_max: S* = 0 analytically.
    result = ahp_group([[[1, 9], [1 / 9, 1]], [[1, 1 / 9], [9, 1]]])
    assert result.consensus == pytest.approx(0.0, abs=1e-12)
    details = result.consensus_details
    h = -(0.9 * math.log(0.9) + 0.1 * math.log(0.1))
    assert details["h_alpha"] == pytest.approx(h)
    assert details["h_alpha_min"] == pytest.approx(h)
    assert details["h_gamma"] == pytest.approx(math.log(2))
    assert details["h_gamma_max"] == pytest.approx(math.log(2))


def test_consensus_entropies_by_hand():
    # Two experts on two items: (0.75, 0.25) and (0.5, 0.5).
    details = shannon_consensus([[0.75, 0.25], [0.5, 0.5]])
    h1 = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    h2 = math.log(2)
    h_alpha = (h1 + h2) / 2
    h_gamma = -(0.625 * math.log(0.625) + 0.375 * math.log(0.375))
    # H_alpha_min for n = 2, M = 9: priorities 9/10 and 1/10
    h_min = -(0.9 * math.log(0.9) + 0.1 * math.log(0.1))
    floor = math.exp(h_min) / 2
    expected = (math.exp(-(h_gamma - h_alpha)) - floor) / (1 - floor)
    assert details["h_alpha"] == pytest.approx(h_alpha)
    assert details["h_gamma"] == pytest.approx(h_gamma)
    assert details["consensus"] == pytest.approx(expected)
    assert 0 < details["consensus"] < 1


def test_consensus_leaves_excluded_experts_out():
    with pytest.warns(InconsistentComparisonWarning, match="excluded"):
        result = ahp_group([GOOD_4, GOOD_4, INCONSISTENT], inconsistent="exclude")
    assert result.consensus == pytest.approx(1.0)


def test_scale_max_below_the_judgments_is_refused():
    # S* assumes no judgment exceeds the scale's maximum M (Goepel 2013): with M = 3 and
    # judgments of 9 the formula goes below 0
    with pytest.raises(
        InvalidArgumentError,
        match=r"scale_max must be at least the largest judgment \(9, given by expert 'b'\); "
        r"got scale_max=3",
    ):
        ahp_group({"a": GOOD_4, "b": INCONSISTENT}, scale_max=3, warn=False)
    ok = ahp_group({"a": GOOD_4}, scale_max=8)  # largest judgment 8
    assert ok.consensus == 1.0
    with pytest.raises(InvalidArgumentError, match="scale_max must be greater than 1"):
        ahp_group({"a": GOOD_4}, scale_max=1)


def test_consensus_below_zero_when_priorities_exceed_the_scale_as_in_ahp_os():
    # a chain 9, 9, 9 gives priorities [0.778, 0.180, 0.042]: a ratio of 18.7, beyond
    # M = 3. By hand: H_alpha = 0.6358 for both mirror experts, H_gamma = 1.0397,
    # H_beta = 0.4039; H_alpha_min(n=3, M=3) = -(3/5) ln(3/5) - (2/5) ln(1/5) = 0.9503,
    # floor = exp(0.9503 - ln 3) = 0.8620, S* = (exp(-0.4039) - 0.8620) / (1 - 0.8620) < 0.
    # AHP-OS (Goepel 2018; AhpGroup.php, getConsensus) reports this value unclipped.
    w = np.array([0.7784905, 0.1799251, 0.0415844])
    details = shannon_consensus([w, w[::-1]], scale_max=3)
    h_alpha_min = -(0.6 * math.log(0.6) + 0.4 * math.log(0.2))
    assert details["h_alpha_min"] == pytest.approx(h_alpha_min)
    floor = math.exp(h_alpha_min - math.log(3))
    h_alpha = -sum(p * math.log(p) for p in w)
    mean = (w + w[::-1]) / 2
    h_beta = -sum(p * math.log(p) for p in mean) - h_alpha
    assert details["h_beta"] == pytest.approx(h_beta)
    expected = (math.exp(-h_beta) - floor) / (1 - floor)
    assert expected < 0
    assert details["consensus"] == pytest.approx(expected)
    assert 0 < shannon_consensus([w, w[::-1]])["consensus"] < 1  # M = 9: inside [0, 1]


def test_shannon_consensus_rejects_bad_input():
    with pytest.raises(InvalidArgumentError, match="two-dimensional"):
        shannon_consensus([0.5, 0.5])
    with pytest.raises(InvalidArgumentError, match="non-negative"):
        shannon_consensus([[0.5, -0.5], [0.5, 0.5]])
    with pytest.raises(InvalidArgumentError, match="scale_max must be greater than 1"):
        shannon_consensus([[0.5, 0.5]], scale_max=1)


def test_compatibility_against_group_by_hand():
    # GCOMPI = 2/((n-1)(n-2)) sum_{i<j} log^2(a_ij w_j / w_i), Aguaron et al. (2022), eq. (1).
    a = np.array(CONSISTENT)
    w = np.array([1 / 3, 1 / 3, 1 / 3])
    expected = math.log(2) ** 2 + math.log(4) ** 2 + math.log(2) ** 2
    assert geometric_compatibility(a, w) == pytest.approx(expected)
    # n = 4, one pair off by a factor 2 from a consistent matrix: 2/6 * log^2 2
    b = np.array(GOOD_4)
    b[0, 1], b[1, 0] = 4, 1 / 4
    assert geometric_compatibility(b, np.array([8, 4, 2, 1]) / 15) == pytest.approx(
        math.log(2) ** 2 / 3
    )
    # incomplete: the mean over the known pairs times n / (n - 2)
    c = np.array(b)
    c[2, 3] = c[3, 2] = np.nan
    assert geometric_compatibility(c, np.array([8, 4, 2, 1]) / 15) == pytest.approx(
        math.log(2) ** 2 / 5 * 4 / 2
    )


def test_compatibility_column_measures_each_expert_against_the_group():
    result = ahp_group({"a": GOOD_4, "b": GOOD_4})
    np.testing.assert_allclose(result.compatibility, [0.0, 0.0], atol=1e-20)
    assert list(result.consistency.columns) == [
        "weight",
        "lambda_max",
        "ci",
        "cr",
        "gci",
        "compatibility",
        "consistent",
        "missing_pairs",
        "status",
    ]


# ---------------------------------------------------------------------------
# consistency policies
# ---------------------------------------------------------------------------
def test_keep_flags_inconsistent_experts_and_warns():
    with pytest.warns(InconsistentComparisonWarning) as record:
        result = ahp_group({"good": GOOD_4, "bad": INCONSISTENT})
    messages = [str(w.message) for w in record]
    assert any(
        re.search(r"1 of 2 experts .*'bad' \(CR = \d+\.\d+ > 0\.1\).*kept", m) for m in messages
    )
    table = result.consistency
    assert bool(table.loc["good", "consistent"]) and not bool(table.loc["bad", "consistent"])
    assert table.loc["bad", "cr"] == pytest.approx(ahp(INCONSISTENT, warn=False).cr)
    assert list(table["status"]) == ["kept", "kept"]
    assert result.excluded == ()


def test_exclude_drops_inconsistent_experts():
    with pytest.warns(InconsistentComparisonWarning, match=r"'bad'.*excluded"):
        result = ahp_group({"good": GOOD_4, "bad": INCONSISTENT}, inconsistent="exclude")
    assert result.excluded == ("bad",)
    assert result.consistency.loc["bad", "status"] == "excluded"
    assert result.consistency.loc["bad", "weight"] == 0
    np.testing.assert_allclose(result.weight_array, np.array([8, 4, 2, 1]) / 15, atol=1e-10)
    # the excluded expert is still reported
    assert "bad" in result.by_expert.index


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.InconsistentComparisonWarning")
def test_exclude_everyone_is_an_error():
    with pytest.raises(InvalidArgumentError, match="leaves no expert"):
        ahp_group([INCONSISTENT, INCONSISTENT], inconsistent="exclude")


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.InconsistentComparisonWarning")
def test_excluded_experts_all_remaining_with_zero_weight_is_an_error():
    with pytest.raises(InvalidWeightsError, match="all have zero weight"):
        ahp_group([GOOD_4, INCONSISTENT], [0, 1], inconsistent="exclude")


def test_repair_changes_the_inconsistent_expert_and_says_so():
    with pytest.warns(InconsistentComparisonWarning, match=r"'bad'.*repaired"):
        result = ahp_group({"good": GOOD_4, "bad": INCONSISTENT}, inconsistent="repair")
    assert set(result.repairs) == {"bad"}
    repair = result.repairs["bad"]
    assert isinstance(repair, RepairResult)
    assert repair.n_changes >= 1
    assert result.consistency.loc["bad", "status"] == "repaired"
    assert result.consistency.loc["bad", "cr"] == pytest.approx(repair.cr)
    assert result.comparisons["bad"] == repair.comparison
    # the group uses the repaired judgments
    expected = ahp_group({"good": GOOD_4, "bad": repair.comparison}, warn=False)
    np.testing.assert_allclose(result.weight_array, expected.weight_array)
    assert json.dumps(result.to_dict())


# Greedy repair to CR 0 stops at CR 0.0038 after 3 changes: no single change of the scale
# lowers it further (a local minimum; test_repair.py checks such stops by brute force).
STUCK_4 = [[1, 2, 3, 1 / 3], [1 / 2, 1, 1 / 5, 1], [1 / 3, 5, 1, 1 / 3], [3, 1, 3, 1]]


def test_repair_that_misses_the_target_says_so():
    with pytest.warns(InconsistentComparisonWarning) as record:
        result = ahp_group({"good": GOOD_4, "bad": STUCK_4}, threshold=0.0, inconsistent="repair")
    assert any("target CR 0 was not reached for 'bad'" in str(w.message) for w in record)
    assert not result.repairs["bad"].reached
    assert not result.consistency.loc["bad", "consistent"]


def test_geometric_method_repairs_the_gci():
    with pytest.warns(InconsistentComparisonWarning, match=r"'bad' \(GCI = .*repaired"):
        result = ahp_group(
            {"good": GOOD_4, "bad": INCONSISTENT}, method="geometric", inconsistent="repair"
        )
    repair = result.repairs["bad"]
    assert repair.measure == "gci"
    assert repair.reached
    assert result.consistency.loc["bad", "gci"] <= 0.35
    assert result.consistency.loc["bad", "consistent"]


def test_geometric_method_judges_consistency_by_gci():
    with pytest.warns(InconsistentComparisonWarning, match="GCI = .* > 0.35"):
        result = ahp_group({"good": GOOD_4, "bad": INCONSISTENT}, method="geometric")
    assert result.consistency.loc["bad", "gci"] > 0.35
    assert not result.consistency.loc["bad", "consistent"]


def test_inconsistent_group_matrix_warns():
    with pytest.warns(InconsistentComparisonWarning) as record:
        ahp_group([INCONSISTENT])
    messages = [str(w.message) for w in record]
    assert any("aggregated group matrix is inconsistent" in m for m in messages)


def test_warn_false_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ahp_group([INCONSISTENT, GOOD_4], warn=False)


# ---------------------------------------------------------------------------
# bad input: each error names what is wrong
# ---------------------------------------------------------------------------
def test_empty_comparisons():
    with pytest.raises(InvalidArgumentError, match="at least one expert"):
        ahp_group({})
    with pytest.raises(InvalidArgumentError, match="at least one expert"):
        ahp_group([])


def test_single_comparison_is_not_a_group():
    with pytest.raises(InvalidTypeError, match=r"single PairwiseComparison .*use coopdecide.ahp"):
        ahp_group(PairwiseComparison(GOOD_4))
    with pytest.raises(InvalidTypeError, match="single ndarray"):
        ahp_group(np.array(GOOD_4))
    with pytest.raises(InvalidTypeError, match="got int"):
        ahp_group(3)


def test_expert_value_of_wrong_type():
    with pytest.raises(InvalidTypeError, match=r"comparisons\['x'\] must be a PairwiseComparison"):
        ahp_group({"x": "matrix"})


def test_invalid_expert_matrix_names_the_expert():
    with pytest.raises(InvalidComparisonError, match=r"comparisons\['embassy'\]: .*reciprocal"):
        ahp_group({"ministry": GOOD_4, "embassy": [[1, 2], [2, 1]]})


def test_none_expert_name():
    with pytest.raises(InvalidArgumentError, match="expert names must not be None"):
        ahp_group({None: GOOD_4})


def test_experts_with_different_labels():
    a = PairwiseComparison(CONSISTENT, labels=["trade", "security", "culture"])
    b = PairwiseComparison(CONSISTENT, labels=["trade", "security", "climate"])
    with pytest.raises(
        InvalidComparisonError,
        match=r"expert 'planning' must compare the same items as expert 'ministry'.*"
        r"missing 'culture'; unexpected 'climate'",
    ):
        ahp_group({"ministry": a, "planning": b})
    c = PairwiseComparison(GOOD_4, labels=["trade", "security", "culture", "climate"])
    with pytest.raises(InvalidComparisonError, match="unexpected 'climate'"):
        ahp_group({"ministry": a, "planning": c})


def test_expert_weights_negative():
    with pytest.raises(InvalidWeightsError, match=r"non-negative; got -0\.5 for expert 'E2'"):
        ahp_group([GOOD_4, GOOD_4], [1, -0.5])


def test_expert_weights_nan_and_infinite():
    with pytest.raises(InvalidWeightsError, match=r"not NaN.*nan for expert 'b'"):
        ahp_group({"a": GOOD_4, "b": GOOD_4}, {"a": 1, "b": float("nan")})
    with pytest.raises(InvalidWeightsError, match="inf for expert 'a'"):
        ahp_group({"a": GOOD_4, "b": GOOD_4}, {"a": float("inf"), "b": 1})


def test_expert_weights_all_zero():
    with pytest.raises(InvalidWeightsError, match="must not all be zero"):
        ahp_group([GOOD_4, GOOD_4], [0, 0])


def test_expert_weights_unknown_or_missing_experts():
    with pytest.raises(InvalidWeightsError, match="unknown experts: 'embasy'"):
        ahp_group({"ministry": GOOD_4, "embassy": GOOD_4}, {"ministry": 1, "embasy": 1})
    with pytest.raises(InvalidWeightsError, match="every expert; missing 'embassy'"):
        ahp_group({"ministry": GOOD_4, "embassy": GOOD_4}, {"ministry": 1})
    weights = pd.Series({"ministry": 1.0, "board": 2.0})
    with pytest.raises(InvalidWeightsError, match="unknown experts: 'board'"):
        ahp_group({"ministry": GOOD_4, "embassy": GOOD_4}, weights)


def test_expert_weights_wrong_length_or_type():
    with pytest.raises(InvalidWeightsError, match=r"one weight per expert \(2\); got 3"):
        ahp_group([GOOD_4, GOOD_4], [1, 1, 1])
    with pytest.raises(InvalidWeightsError, match="must be numbers; got 'high' for expert 'E1'"):
        ahp_group([GOOD_4, GOOD_4], ["high", 1])
    with pytest.raises(InvalidTypeError, match="expert_weights must be a mapping"):
        ahp_group([GOOD_4, GOOD_4], "equal")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("aggregation", "mean"),
        ("method", "power"),
        ("ri_table", "saaty"),
        ("inconsistent", "drop"),
        ("completion", "zero"),
    ],
)
def test_unknown_options(option, value):
    with pytest.raises(UnknownMethodError, match=f"{option} must be one of"):
        ahp_group([GOOD_4], **{option: value})


def test_bad_thresholds():
    with pytest.raises(InvalidArgumentError, match="threshold must be at least 0"):
        ahp_group([GOOD_4], threshold=-0.1)
    with pytest.raises(InvalidArgumentError, match="gci_threshold must be at least 0"):
        ahp_group([GOOD_4], gci_threshold=-1)
    with pytest.raises(InvalidArgumentError, match="ri_table 'saaty1980' gives random indices"):
        ahp_group([np.ones((16, 16))])


# ---------------------------------------------------------------------------
# properties (hypothesis)
# ---------------------------------------------------------------------------
@st.composite
def saaty_matrices(draw, n=None):
    n = draw(st.integers(3, 6)) if n is None else n
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            v = draw(st.sampled_from(SAATY))
            a[i, j], a[j, i] = v, 1 / v
    return a


@st.composite
def expert_stacks(draw):
    n = draw(st.integers(3, 6))
    k = draw(st.integers(1, 5))
    mats = [draw(saaty_matrices(n)) for _ in range(k)]
    weights = draw(st.lists(st.floats(0.05, 5.0), min_size=k, max_size=k))
    return mats, weights


AGGREGATIONS = ["aij", "aip-geometric", "aip-arithmetic"]
METHODS = ["eigenvector", "geometric", "column"]


@settings(max_examples=40, deadline=None)
@given(
    matrix=saaty_matrices(),
    k=st.integers(1, 5),
    aggregation=st.sampled_from(AGGREGATIONS),
    method=st.sampled_from(METHODS),
)
def test_identical_experts_equal_the_single_expert(matrix, k, aggregation, method):
    single = ahp(matrix, method=method, warn=False)
    group = ahp_group([matrix] * k, None, aggregation, method, warn=False)
    np.testing.assert_allclose(group.weight_array, single.weight_array, atol=1e-9)
    assert group.consensus == pytest.approx(1.0, abs=1e-9)
    if aggregation == "aij":
        np.testing.assert_allclose(group.group_comparison.matrix, matrix, rtol=1e-12)
        assert group.cr == pytest.approx(single.cr, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(data=expert_stacks())
def test_aij_group_matrix_is_reciprocal(data):
    mats, weights = data
    g = ahp_group(mats, weights, warn=False).group_comparison.matrix
    np.testing.assert_allclose(g * g.T, 1.0, rtol=1e-14)
    np.testing.assert_array_equal(np.diag(g), 1.0)
    # and it is the weighted geometric mean, entry by entry
    lam = np.array(weights) / sum(weights)
    expected = np.exp(np.tensordot(lam, np.log(np.stack(mats)), axes=1))
    np.testing.assert_allclose(g, expected, rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    data=expert_stacks(),
    aggregation=st.sampled_from(AGGREGATIONS),
    method=st.sampled_from(METHODS),
)
def test_weights_sum_to_one_and_are_positive(data, aggregation, method):
    mats, weights = data
    result = ahp_group(mats, weights, aggregation, method, warn=False)
    assert result.weight_array.sum() == pytest.approx(1.0, abs=1e-12)
    assert (result.weight_array > 0).all()
    np.testing.assert_allclose(result.by_expert.sum(axis=1), 1.0, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(data=expert_stacks())
def test_aij_and_aip_geometric_agree_under_rgmm(data):
    # Barzilai and Golany (1994)
    mats, weights = data
    aij = ahp_group(mats, weights, "aij", "geometric", warn=False)
    aip = ahp_group(mats, weights, "aip-geometric", "geometric", warn=False)
    np.testing.assert_allclose(aij.weight_array, aip.weight_array, atol=1e-12)


# ---------------------------------------------------------------------------
# result object
# ---------------------------------------------------------------------------
def test_result_is_immutable_and_outputs_are_copies(reference_case):
    _, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights, method="geometric")
    assert isinstance(result, GroupAHPResult)
    with pytest.raises(AttributeError, match="immutable"):
        result.weights = None
    w = result.weights
    w.iloc[0] = 99
    assert result.weights.iloc[0] < 1
    table = result.consistency
    table.loc["E1", "cr"] = 99
    assert result.consistency.loc["E1", "cr"] < 1
    with pytest.raises(ValueError, match="read-only"):
        result.weight_array[0] = 1


def test_renderings(reference_case):
    _, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights, method="geometric")
    text = repr(result)
    assert text.startswith("GroupAHPResult(experts=5, items=4, aggregation=aij")
    assert "consensus S* (AHP-OS)" in text
    html = result._repr_html_()
    assert "GroupAHPResult" in html
    assert "<table" in html
    frame = result.to_frame()
    assert list(frame.columns) == ["group", "E1", "E2", "E3", "E4", "E5"]
    np.testing.assert_allclose(frame["group"], result.weight_array)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["aggregation"] == "aij"
    assert data["group"]["gci"] == pytest.approx(result.gci)
    assert len(data["consistency"]) == 5
    assert data["by_expert"]["E1"]["C1"] == pytest.approx(result.by_expert.loc["E1", "C1"])


def test_to_frame_with_an_expert_named_group():
    result = ahp_group({"group": GOOD_4, "other": GOOD_4})
    assert list(result.to_frame().columns) == ["group (aggregated)", "group", "other"]


def test_aip_result_has_no_group_matrix():
    result = ahp_group([GOOD_4, GOOD_4], aggregation="aip")
    assert result.group_result is None
    assert result.lambda_max is None and result.ci is None and result.gci is None
    assert result.consistent is None
    assert json.dumps(result.to_dict())
    assert "group CR" not in repr(result)


def test_two_items_are_always_consistent():
    result = ahp_group([[[1, 3], [1 / 3, 1]], [[1, 5], [1 / 5, 1]]])
    assert result.cr == 0.0
    assert (result.consistency["cr"] == 0).all()
    assert (result.consistency["lambda_max"] == 2).all()


def test_plot_namespace(reference_case):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _, matrices, weights = _dong(reference_case)
    result = ahp_group(matrices, weights)
    ax = result.plot()
    assert len(ax.patches) == 6 * 4  # group + 5 experts, 4 criteria
    _, given = plt.subplots()
    assert result.plot.consistency(ax=given) is given
    plt.close("all")
