"""Incomplete comparisons: lambda_max-optimal and LLSM completion, connectivity."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize, minimize_scalar

from coopdecide.ahp import (
    PairwiseComparison,
    ahp,
    complete,
    connected_groups,
    eigenvector_priorities,
    geometric_priorities,
    llsm_weights,
)
from coopdecide.exceptions import DisconnectedComparisonError, UnknownMethodError

CASE = "ahp-incomplete-4x4-optimal-completion"


def incomplete_case(reference_case):
    case = reference_case(CASE)
    matrix = np.array(case["inputs"]["complete_matrix"])
    matrix[2, 3] = matrix[3, 2] = np.nan  # "same matrix with a_cd (and a_dc) missing"
    return case, PairwiseComparison(matrix, labels=case["inputs"]["elements"])


def test_optimal_completion_reference_case(reference_case):
    # Bozoki, Fulop and Ronyai (2010) completion as documented in the AHPy README:
    # a_cd = 0.7302971, priorities 0.3738/0.392/0.0985/0.1357, CR 0.0372 (Donegan-Dodd RI).
    case, pc = incomplete_case(reference_case)
    expected, tol = case["expected"]["missing_cd"], case["tolerance"]
    result = ahp(pc, ri_table="donegan-dodd")
    assert result.completion == "lambda_max"
    filled = result.completed
    assert filled[["row", "column"]].values.tolist() == [["c", "d"]]
    assert filled["value"].iloc[0] == pytest.approx(expected["computed_a_cd"], abs=tol["a_cd"])
    for label, value in expected["priorities"].items():
        assert result.weights[label] == pytest.approx(value, abs=tol["priorities"])
    assert result.cr == pytest.approx(expected["CR"], abs=tol["CR"])
    # the file's independent 1-D minimisation: lambda_min = 4.092367
    assert result.lambda_max == pytest.approx(case["recomputed"]["lambda_min"], abs=1e-6)


def test_optimal_completion_paper_example_3(reference_case):
    # Bozoki, Fulop and Ronyai (2010), Example 3 (read in a public transcription of the
    # preprint): the same 4x4 matrix, whose missing element lies in the triads (5, 2, x) and
    # (3, 4, x); their lambda_max-optimal x = 0.7302965066047, van Uden's triad estimate
    # sqrt(2/5 * 4/3) = 0.73029674334. The printed optimum is accurate to about 3e-7 (the
    # file's independent minimisation gives 0.7302968).
    _, pc = incomplete_case(reference_case)
    x = complete(pc).matrix[2, 3]
    assert x == pytest.approx(0.7302965066047, abs=5e-7)
    assert x == pytest.approx(np.sqrt(2 / 5 * 4 / 3), abs=1e-6)


def test_complete_reference_case_full_matrix(reference_case):
    case = reference_case(CASE)
    expected, tol = case["expected"]["complete"], case["tolerance"]
    result = ahp(case["inputs"]["complete_matrix"], ri_table="donegan-dodd")
    np.testing.assert_allclose(
        result.weight_array, list(expected["priorities"].values()), atol=tol["priorities"]
    )
    assert result.cr == pytest.approx(expected["CR"], abs=tol["CR"])


def test_lambda_max_completion_matches_brute_force_two_missing():
    rng = np.random.default_rng(7)
    w = rng.uniform(0.1, 1, 5)
    a = w[:, None] / w[None, :] * np.exp(rng.normal(0, 0.4, (5, 5)))
    a = np.sqrt(a / a.T)
    a[0, 3] = a[3, 0] = a[1, 4] = a[4, 1] = np.nan
    pc = PairwiseComparison(a)
    ours = complete(pc)

    def lam(x):
        b = a.copy()
        b[0, 3], b[3, 0], b[1, 4], b[4, 1] = (
            np.exp(x[0]),
            np.exp(-x[0]),
            np.exp(x[1]),
            np.exp(-x[1]),
        )
        return np.linalg.eigvals(b).real.max()

    brute = minimize(
        lam, [0.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14}
    )
    assert float(eigenvector_priorities(ours.matrix)[1]) == pytest.approx(brute.fun, abs=1e-9)
    np.testing.assert_allclose(np.log([ours.matrix[0, 3], ours.matrix[1, 4]]), brute.x, atol=1e-4)


def test_lambda_max_completion_single_missing_brute_force(reference_case):
    _, pc = incomplete_case(reference_case)
    a = np.array(pc.matrix)

    def lam(x):
        b = a.copy()
        b[2, 3], b[3, 2] = np.exp(x), np.exp(-x)
        return np.linalg.eigvals(b).real.max()

    brute = minimize_scalar(lam, bounds=(-5, 5), method="bounded", options={"xatol": 1e-12})
    assert complete(pc).matrix[2, 3] == pytest.approx(np.exp(brute.x), rel=1e-6)


def incidence_lstsq(a):
    """Independent LLSM: least squares on log a_ij = y_i - y_j over known pairs."""
    n = a.shape[0]
    rows, cols = np.nonzero(np.triu(~np.isnan(a), k=1))
    design = np.zeros((rows.size + 1, n))
    design[np.arange(rows.size), rows] = 1
    design[np.arange(rows.size), cols] = -1
    design[-1] = 1  # fixes the scale: sum y = 0
    target = np.append(np.log(a[rows, cols]), 0)
    y = np.linalg.lstsq(design, target, rcond=None)[0]
    return np.exp(y) / np.exp(y).sum()


def test_llsm_matches_least_squares_and_geometric_mean_of_completion():
    rng = np.random.default_rng(11)
    a = np.exp(rng.normal(0, 1, (6, 6)))
    a = np.sqrt(a / a.T)
    for i, j in [(0, 2), (1, 5), (3, 4), (0, 5)]:
        a[i, j] = a[j, i] = np.nan
    pc = PairwiseComparison(a)
    expected = incidence_lstsq(a)
    np.testing.assert_allclose(llsm_weights(pc).to_numpy(), expected, atol=1e-12)
    completed = complete(pc, method="llsm")
    np.testing.assert_allclose(geometric_priorities(completed.matrix), expected, atol=1e-12)
    result = ahp(pc, method="geometric")
    assert result.completion == "llsm"
    np.testing.assert_allclose(result.weight_array, expected, atol=1e-12)


def test_llsm_of_complete_matrix_is_row_geometric_mean():
    a = np.array([[1, 2, 6], [1 / 2, 1, 4], [1 / 6, 1 / 4, 1]])
    np.testing.assert_allclose(
        llsm_weights(PairwiseComparison(a)).to_numpy(), geometric_priorities(a), atol=1e-14
    )


def test_complete_keeps_known_judgments_and_returns_complete_object(reference_case):
    _, pc = incomplete_case(reference_case)
    for method in ("lambda_max", "llsm", "harker"):
        completed = complete(pc, method=method)
        assert completed.is_complete
        known = ~np.isnan(pc.matrix)
        np.testing.assert_array_equal(completed.matrix[known], pc.matrix[known])
        assert completed.matrix[2, 3] * completed.matrix[3, 2] == pytest.approx(1)
    full = complete(PairwiseComparison(np.ones((3, 3))))
    assert full.is_complete
    with pytest.raises(
        UnknownMethodError, match=r"method must be one of .lambda_max., .llsm., .harker."
    ):
        complete(pc, method="mean")


def test_explicit_completion_option(reference_case):
    _, pc = incomplete_case(reference_case)
    llsm = ahp(pc, completion="llsm")
    assert llsm.completion == "llsm"
    assert llsm.completed["value"].iloc[0] == pytest.approx(complete(pc, "llsm").matrix[2, 3])
    assert ahp(pc, method="geometric", completion="lambda_max").completion == "lambda_max"
    assert ahp(np.ones((3, 3)), completion="llsm").completion is None


def test_disconnected_comparison_names_groups():
    pc = PairwiseComparison.from_judgments(
        ["a", "b", "c", "d", "e"], {("a", "b"): 2, ("c", "d"): 3, ("d", "e"): 2}
    )
    assert connected_groups(pc) == [["a", "b"], ["c", "d", "e"]]
    message = (
        r"do not connect all items; they form 2 separate groups: \['a', 'b'\] \| \['c', 'd', 'e'\]"
    )
    with pytest.raises(DisconnectedComparisonError, match=message):
        ahp(pc)
    with pytest.raises(DisconnectedComparisonError, match="2 separate groups"):
        complete(pc)
    with pytest.raises(DisconnectedComparisonError, match="2 separate groups"):
        llsm_weights(pc)
    lonely = PairwiseComparison.from_judgments(["a", "b"], {})
    with pytest.raises(DisconnectedComparisonError, match=r"\['a'\] \| \['b'\]"):
        ahp(lonely)


def test_result_reports_completion(reference_case):
    _, pc = incomplete_case(reference_case)
    result = ahp(pc)
    assert result.comparison is pc
    assert result.completed_comparison.is_complete
    assert "completion='lambda_max' of 1 pair(s)" in repr(result)
    assert "completed pairs" in result._repr_html_()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["completion"] == "lambda_max"
    assert data["completed"][0]["row"] == "c"
    assert data["comparison"]["matrix"][2][3] is None


def test_inconsistencies_of_incomplete_lists_known_judgments_only(reference_case):
    _, pc = incomplete_case(reference_case)
    result = ahp(pc)
    table = result.inconsistencies()
    assert len(table) == 5
    assert ("c", "d") not in set(zip(table["row"], table["column"], strict=True))
    row = table.iloc[0]
    changed = pc.with_judgment(row["row"], row["column"], row["suggested"])
    assert row["cr_if_changed"] == pytest.approx(ahp(changed, warn=False).cr, rel=1e-7)


@st.composite
def consistent_with_gaps(draw):
    n = draw(st.integers(min_value=3, max_value=7))
    weights = np.array(draw(st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n)), dtype=float)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    # keep a random spanning tree (so the graph stays connected), drop other pairs at random
    order = draw(st.permutations(range(n)))
    tree = set()
    for k in range(1, n):
        parent = order[draw(st.integers(0, k - 1))]
        child = order[k]
        tree.add((min(parent, child), max(parent, child)))
    drop = [p for p in pairs if p not in tree and draw(st.booleans())]
    return weights, drop


@settings(max_examples=50, deadline=None)
@given(consistent_with_gaps())
def test_consistent_matrix_completes_back_to_itself(data):
    weights, drop = data
    full = weights[:, None] / weights[None, :]
    a = full.copy()
    for i, j in drop:
        a[i, j] = a[j, i] = np.nan
    pc = PairwiseComparison(a)
    for method in ("lambda_max", "llsm"):
        np.testing.assert_allclose(complete(pc, method=method).matrix, full, rtol=1e-6)
    np.testing.assert_allclose(ahp(pc).weight_array, weights / weights.sum(), rtol=1e-6)
