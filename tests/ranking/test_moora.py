"""MOORA (native, also with only benefit criteria) and MULTIMOORA."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coopdecide import DecisionProblem, rank
from coopdecide.exceptions import InvalidProblemError, UnknownMethodError
from coopdecide.ranking import MULTIMOORAResult, moora, moora_kernels, multimoora

# Brauers and Zavadskas (2010), Technological and Economic Development of Economy
# 16(1):5-24, Appendix C, Table 2a: three projects, nine objectives (payback and risk
# minimised), unweighted.
BRAUERS_2010 = [
    [1, 14, 9, 200, 600, 20, 20, 3.5, 2.5],
    [1.6, 16, 7, 150, 800, 13.5, 25, 4, 1.5],
    [2, 17, 5, 80, 1200, 10, 30, 3.8, 1.25],
]
TYPES_2010 = ["max", "max", "min", "max", "max", "max", "min", "max", "max"]


@pytest.fixture
def projects():
    return DecisionProblem(BRAUERS_2010, TYPES_2010, weights=[1] * 9, alternatives=list("ABC"))


def test_brauers_zavadskas_2010_published_example(projects):
    """Appendix C Table 2c (ratio sums 2.93480, 2.723, 2.698), Table 2e (reference point
    max deviations 0.38411, 0.3152442, 0.4571636), Appendix D Table 3 (full
    multiplicative 1,633,333; 1,421,897; 1,033,600) and Table 1 (MULTIMOORA A > B > C).

    The paper is unweighted; with the nine equal weights normalised to 1/9 the ratio and
    reference scores are the paper's divided by 9 and the product its ninth root.
    """
    result = multimoora(projects)
    np.testing.assert_allclose(9 * result.ratio, [2.93480, 2.723, 2.698], atol=6e-4)
    np.testing.assert_allclose(9 * result.reference, [0.38411, 0.3152442, 0.4571636], atol=5e-6)
    np.testing.assert_allclose(result.multiplicative**9, [1633333, 1421897, 1033600], rtol=1e-6)
    assert result.part_ranks.to_numpy().T.tolist() == [[1, 2, 3], [2, 1, 3], [1, 2, 3]]
    assert result.ranks.tolist() == [1, 2, 3]
    assert multimoora(projects, aggregation="rank_sum").ranks.tolist() == [1, 2, 3]


def test_moora_matches_pymcdm_with_cost_criteria():
    from pymcdm.methods import MOORA

    rng = np.random.default_rng(5)
    matrix = rng.uniform(1, 10, size=(6, 4))
    problem = DecisionProblem(matrix, ["max", "min", "max", "min"], weights=[0.1, 0.2, 0.3, 0.4])
    expected = MOORA()(matrix.copy(), problem.weight_array, problem.types)
    np.testing.assert_allclose(rank(problem, "moora").scores, expected, atol=1e-12)


def test_moora_with_only_benefit_criteria_is_the_weighted_sum_of_vector_ratios():
    """pymcdm refuses this problem; the ratio system is then sum_j w_j x_ij / |x_j|."""
    matrix = np.array([[3.0, 4.0], [4.0, 3.0], [1.0, 1.0]])
    problem = DecisionProblem(matrix, "max", weights=[0.7, 0.3])
    expected = (matrix / np.linalg.norm(matrix, axis=0)) @ np.array([0.7, 0.3])
    result = moora(problem)
    np.testing.assert_allclose(result.scores, expected)
    assert result.ranks.tolist() == [2, 1, 3]


def test_dominance_cycle_is_a_tie():
    """Three alternatives each first in one part and ranked a, b, c / b, c, a / c, a, b:
    every pair has a 2-1 majority in a cycle, so all three tie under dominance."""
    from coopdecide.ranking.moora import _dominance_scores

    ranks = np.array([[1, 3, 2], [2, 1, 3], [3, 2, 1]])
    assert _dominance_scores(ranks).tolist() == [0, 0, 0]


def test_kernels_are_batched():
    rng = np.random.default_rng(2)
    matrices = rng.uniform(1, 5, size=(4, 5, 3))
    weights = rng.dirichlet(np.ones(3), size=4)
    types = np.array([1, -1, 1])
    batched = moora_kernels(matrices, weights, types)
    for k in range(4):
        for part, one in zip(batched, moora_kernels(matrices[k], weights[k], types), strict=True):
            np.testing.assert_allclose(part[k], one)


def test_errors(projects):
    zeros = DecisionProblem([[0, 1], [0, 2]], "max", weights=[0.5, 0.5])
    with pytest.raises(InvalidProblemError, match=r"cannot normalize a column of zeros"):
        moora(zeros)
    with_zero = DecisionProblem([[0, 1], [1, 2]], "max", weights=[0.5, 0.5])
    with pytest.raises(
        InvalidProblemError, match=r"multiplicative form needs positive values; got .* in 'C1'"
    ):
        multimoora(with_zero)
    with pytest.raises(UnknownMethodError, match=r"^aggregation must be one of 'dominance', "):
        rank(projects, "multimoora", aggregation="borda")


def test_renderings(projects, tmp_path):
    result = rank(projects, "multimoora")
    assert isinstance(result, MULTIMOORAResult)
    frame = result.to_frame()
    assert list(frame.columns) == [
        "ratio",
        "reference",
        "multiplicative",
        "rank_ratio",
        "rank_reference",
        "rank_multiplicative",
        "score",
        "rank",
    ]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["part_ranks"] == [[1, 2, 1], [2, 1, 2], [3, 3, 3]]
    assert "MULTIMOORAResult" in repr(result) and "<div" in result._repr_html_()
    ax = result.plot.parts()
    ax.figure.savefig(tmp_path / "multimoora.png")
    assert ax.get_title() == "MULTIMOORA ranks"
