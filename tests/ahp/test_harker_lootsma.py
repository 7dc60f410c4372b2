"""Harker's (1987) incomplete-comparison eigenvector and derivatives; Lootsma's (1993) scale.

Harker, P.T. (1987). Incomplete pairwise comparisons in the analytic hierarchy process.
Mathematical Modelling 9(11), 837-848.
Harker, P.T. (1987). Derivatives of the Perron root of a positive reciprocal matrix: with
application to the analytic hierarchy process. Applied Mathematics and Computation 22,
217-232.
Lootsma, F.A. (1993). Scale sensitivity in the multiplicative AHP and SMART. Journal of
Multi-Criteria Decision Analysis 2(2), 87-110.
"""

from __future__ import annotations

import numpy as np
import pytest

from coopdecide.ahp import (
    PairwiseComparison,
    ahp,
    complete,
    lootsma_scale,
    to_lootsma_scale,
)
from coopdecide.ahp.incomplete import harker_matrix
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidComparisonError,
    UnknownMethodError,
)

CASE = "ahp-incomplete-4x4-optimal-completion"


def _incomplete(reference_case):
    case = reference_case(CASE)
    matrix = np.array(case["inputs"]["complete_matrix"], dtype=float)
    matrix[2, 3] = matrix[3, 2] = np.nan
    return case, PairwiseComparison(matrix, labels=case["inputs"]["elements"])


def _perron(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Perron vector and root by a dense eigen-solver (independent of coopdecide's kernel)."""
    values, vectors = np.linalg.eig(matrix)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return vector / vector.sum(), float(values[k].real)


# -- Harker's method ----------------------------------------------------------------------------
def test_harker_on_the_reference_case(reference_case):
    """The reference case's 4x4 matrix with a_cd missing. Its file records, as an independent
    plain-numpy recomputation (no published numeric example of Harker's method was found),
    Harker's matrix (diagonal 2 in rows c and d, zeros for the missing pair) and its
    eigenvector (0.3736, 0.3921, 0.0982, 0.1361), which differs from the lambda_max-optimal
    completion's published priorities (0.3738, 0.392, 0.0985, 0.1357)."""
    case, pc = _incomplete(reference_case)
    expected_matrix = np.array(case["recomputed"]["harker_matrix_used"], dtype=float)
    np.testing.assert_allclose(harker_matrix(pc.matrix), expected_matrix)
    harker = ahp(pc, completion="harker")
    expected = case["recomputed"]["harker_1987_priorities_for_contrast"]
    np.testing.assert_allclose(harker.weights, expected, atol=5e-5)
    optimal = ahp(pc, completion="lambda_max")
    np.testing.assert_allclose(
        optimal.weights, list(case["expected"]["missing_cd"]["priorities"].values()), atol=5e-5
    )
    # they differ: lambda_max of Harker's completion is larger than the smallest possible
    assert np.abs(harker.weight_array - optimal.weight_array).max() > 2e-4
    assert harker.lambda_max > optimal.lambda_max + 1e-6


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_harker_completion_has_harkers_eigenvector_and_eigenvalue(seed):
    """Filling missing pairs with w_i / w_j (w Harker's vector) gives a matrix whose Perron
    vector is w and whose Perron root is that of Harker's matrix (module notes)."""
    rng = np.random.default_rng(seed)
    n = 6
    rows, cols = np.triu_indices(n, 1)
    matrix = np.ones((n, n))
    values = np.exp(rng.normal(0, 1, rows.size))
    matrix[rows, cols], matrix[cols, rows] = values, 1 / values
    drop = rng.choice(np.flatnonzero(cols != rows + 1), 5, replace=False)  # keep a path
    matrix[rows[drop], cols[drop]] = matrix[cols[drop], rows[drop]] = np.nan
    c = np.where(np.isnan(matrix), 0.0, matrix)
    np.fill_diagonal(c, 1 + np.isnan(matrix).sum(axis=1))
    w, root = _perron(c)
    result = ahp(PairwiseComparison(matrix), completion="harker", warn=False)
    np.testing.assert_allclose(result.weights, w, atol=1e-10)
    assert result.lambda_max == pytest.approx(root, rel=1e-10)
    filled = complete(PairwiseComparison(matrix), method="harker").matrix
    np.testing.assert_allclose(filled[rows[drop], cols[drop]], w[rows[drop]] / w[cols[drop]])


def test_harker_agrees_with_the_other_completions_on_consistent_and_tree_judgments():
    """All completions recover the weights when the known judgments are consistent, and agree
    when they form a spanning tree (any tree of judgments is consistent)."""
    w = np.array([0.4, 0.3, 0.2, 0.1])
    consistent = w[:, None] / w[None, :]
    consistent[0, 3] = consistent[3, 0] = np.nan
    tree = np.full((4, 4), np.nan)
    np.fill_diagonal(tree, 1.0)
    for i, j, v in ((0, 1, 3.0), (1, 2, 0.5), (1, 3, 5.0)):
        tree[i, j], tree[j, i] = v, 1 / v
    for matrix in (consistent, tree):
        pc = PairwiseComparison(matrix)
        weights = [ahp(pc, completion=c).weight_array for c in ("harker", "lambda_max", "llsm")]
        np.testing.assert_allclose(weights[0], weights[1], atol=1e-8)
        np.testing.assert_allclose(weights[0], weights[2], atol=1e-8)
    np.testing.assert_allclose(
        ahp(PairwiseComparison(consistent), completion="harker").weights, w, atol=1e-12
    )


def test_unknown_completion():
    with pytest.raises(UnknownMethodError, match=r"completion must be one of .*'harker'"):
        ahp(PairwiseComparison([[1, 2, np.nan], [0.5, 1, 2], [np.nan, 0.5, 1]]), completion="x")


# -- Harker's derivatives: the consistency-improvement step --------------------------------------
HOUSE = "ahp-saaty1990-house-criteria-8x8-inconsistent"


def test_lambda_derivative_matches_finite_differences(reference_case):
    case = reference_case(HOUSE)
    labels = case["inputs"]["criteria"]
    matrix = np.array(case["inputs"]["pairwise_matrix"], dtype=float)
    table = ahp(PairwiseComparison(matrix, labels=labels), warn=False).inconsistencies(
        rank_by="derivative"
    )
    for row in table.head(5).itertuples():
        i, j = labels.index(row.row), labels.index(row.column)
        h = 1e-6 * matrix[i, j]
        bumped = []
        for step in (h, -h):
            changed = matrix.copy()
            changed[i, j] += step
            changed[j, i] = 1 / changed[i, j]
            bumped.append(_perron(changed)[1])
        numeric = (bumped[0] - bumped[1]) / (2 * h)
        assert row.lambda_derivative == pytest.approx(numeric, rel=1e-5, abs=1e-8)
    magnitude = table["lambda_derivative"].abs().to_numpy()
    assert (np.diff(magnitude) <= 1e-15).all()  # ranked, largest first
    by_error = ahp(matrix, warn=False).inconsistencies()
    assert (np.diff(by_error["abs_log_error"].to_numpy()) <= 1e-15).all()
    with pytest.raises(UnknownMethodError, match="rank_by must be one of"):
        ahp(matrix, warn=False).inconsistencies(rank_by="cr")


def test_lambda_derivative_vanishes_for_a_consistent_matrix():
    w = np.array([0.5, 0.3, 0.2])
    table = ahp(w[:, None] / w[None, :]).inconsistencies(rank_by="derivative")
    np.testing.assert_allclose(table["lambda_derivative"], 0.0, atol=1e-12)


# -- Lootsma's geometric scale ------------------------------------------------------------
def test_lootsma_main_grades():
    """Lootsma (1993): grades 0, 2, 4, 6, 8 (Saaty's 1, 3, 5, 7, 9) -> exp(gamma * delta):
    1, 4, 16, 64, 256 with gamma = ln 2; 1, 2, 4, 8, 16 with gamma = ln sqrt 2."""
    np.testing.assert_allclose(lootsma_scale([1, 3, 5, 7, 9]), [1, 4, 16, 64, 256])
    np.testing.assert_allclose(
        lootsma_scale([1, 3, 5, 7, 9], gamma=np.log(np.sqrt(2))), [1, 2, 4, 8, 16]
    )
    np.testing.assert_allclose(lootsma_scale([1 / 9, 1 / 2, 2]), [1 / 256, 1 / 2, 2])


def test_multiplicative_ahp_recovers_additive_grades():
    """If delta_ij = g_i - g_j (grades consistent on Lootsma's scale), the geometric-mean
    weights of the converted matrix are proportional to exp(gamma g_i)."""
    grades = np.array([4, 2, 1, 0])
    delta = grades[:, None] - grades[None, :]
    saaty = np.where(delta >= 0, delta + 1.0, 1.0 / (1.0 + np.abs(delta)))
    pc = PairwiseComparison(saaty, labels=list("abcd"))
    converted = to_lootsma_scale(pc)
    assert list(converted.labels) == list("abcd")
    result = ahp(converted, method="geometric")
    expected = np.exp(np.log(2) * grades)
    np.testing.assert_allclose(result.weights, expected / expected.sum(), atol=1e-12)
    incomplete = saaty.copy()
    incomplete[0, 3] = incomplete[3, 0] = np.nan
    assert np.isnan(to_lootsma_scale(incomplete).matrix[0, 3])


def test_lootsma_errors():
    with pytest.raises(InvalidComparisonError, match=r"Saaty's 1-9 scale .*got 2\.5"):
        lootsma_scale([1, 2.5])
    with pytest.raises(InvalidComparisonError, match=r"got 10\.0"):
        lootsma_scale(10)
    with pytest.raises(InvalidArgumentError, match="gamma must be greater than 0"):
        lootsma_scale(3, gamma=0)
