"""Fuzzy numbers, fuzzy AHP (Buckley, Chang) and fuzzy TOPSIS (Chen 2000)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import coopdecide
from coopdecide import PairwiseComparison, topsis
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidProblemError,
    InvalidTypeError,
    MethodWarning,
    UnknownMethodError,
)
from coopdecide.fuzzy import (
    CHEN_RATINGS,
    FuzzyPairwiseComparison,
    TriangularFuzzyNumber,
    as_triangles,
    fuzzy_ahp,
    fuzzy_topsis,
    saaty_triangle,
)

# Chen (2000), Fuzzy Sets and Systems 114:1-9, Section 4: Table 3 (importance of the
# criteria by D1, D2, D3) and Table 4 (ratings of A1, A2, A3 by D1, D2, D3).
CHEN_TABLE3 = [["H", "VH", "MH"], ["VH", "VH", "VH"], ["VH", "H", "H"], ["VH", "VH", "VH"],
               ["M", "MH", "MH"]]  # fmt: skip
CHEN_TABLE4 = {  # criterion -> rows A1..A3, columns D1..D3
    "C1": [["MG", "G", "MG"], ["G", "G", "MG"], ["VG", "G", "F"]],
    "C2": [["G", "MG", "F"], ["VG", "VG", "VG"], ["MG", "G", "VG"]],
    "C3": [["F", "G", "G"], ["VG", "VG", "G"], ["G", "MG", "VG"]],
    "C4": [["VG", "G", "VG"], ["VG", "VG", "VG"], ["G", "VG", "MG"]],
    "C5": [["F", "F", "F"], ["VG", "MG", "G"], ["G", "G", "MG"]],
}
# Chen (2000), Table 5: the aggregated fuzzy decision matrix and weights, as printed.
CHEN_TABLE5 = [
    [(5.7, 7.7, 9.3), (5, 7, 9), (5.7, 7.7, 9), (8.33, 9.67, 10), (3, 5, 7)],
    [(6.3, 8.3, 9.7), (9, 10, 10), (8.3, 9.7, 10), (9, 10, 10), (7, 9, 10)],
    [(6.3, 8, 9), (7, 9, 10), (7, 9, 10), (7, 9, 10), (6.3, 8.3, 9.7)],
]
CHEN_TABLE5_WEIGHTS = [(0.7, 0.9, 1), (0.9, 1, 1), (0.77, 0.93, 1), (0.9, 1, 1), (0.43, 0.63, 0.83)]


def _chen_linguistic():
    criteria = list(CHEN_TABLE4)
    ratings = [[[CHEN_TABLE4[c][a][d] for c in criteria] for a in range(3)] for d in range(3)]
    weights = [[CHEN_TABLE3[j][d] for j in range(5)] for d in range(3)]
    return ratings, weights


def test_chen_2000_aggregation_of_the_linguistic_judgments():
    """Chen (2000) eqs. (13)-(14) on Tables 3 and 4: the ranking is the paper's, A2 > A3
    > A1. Several cells of the paper's Table 5 are not the means of Table 4 (A1/C2:
    (G + MG + F) / 3 = (5, 7, 8.67), printed (5, 7, 9); C1's weight (H + VH + MH) / 3 =
    (0.7, 0.867, 0.967), printed (0.7, 0.9, 1)), so the published numbers are checked
    from Table 5 as printed in the next test."""
    ratings, weights = _chen_linguistic()
    result = fuzzy_topsis(ratings, weights, alternatives=["A1", "A2", "A3"])
    assert result.fuzzy_ratings.loc["A1", "C2"] == pytest.approx((5, 7, 26 / 3))
    np.testing.assert_allclose(result.fuzzy_weights.loc["C5"], [0.43, 0.63, 0.83], atol=0.005)
    np.testing.assert_allclose(result.fuzzy_weights.loc["C1"], [0.7, 2.6 / 3, 2.9 / 3])
    assert result.ranks.tolist() == [3, 1, 2]


def test_chen_2000_published_example():
    """Chen (2000) p. 8, from Table 5 as printed: Table 7 (weighted normalized values, two
    decimals), Table 8 (D* = 2.10, 1.24, 1.59; D- = 3.45, 4.13, 3.85) and CC = 0.62,
    0.77, 0.71, within the printed rounding of the inputs.

    A1's printed D* = 2.10 (hence CC_1 = 3.45 / 5.55 = 0.62) does not follow from the
    paper's own Table 7: the vertex distances of A1's Table 7 entries to (1, 1, 1) add
    up to 0.380 + 0.366 + 0.366 + 0.145 + 0.682 = 1.94, so CC_1 = 0.64.
    """
    result = fuzzy_topsis(CHEN_TABLE5, CHEN_TABLE5_WEIGHTS, alternatives=["A1", "A2", "A3"])
    table7_a1 = [(0.41, 0.71, 0.96), (0.45, 0.7, 0.9), (0.44, 0.72, 0.9), (0.75, 0.97, 1),
                 (0.13, 0.32, 0.58)]  # fmt: skip
    np.testing.assert_allclose(
        np.array(result.fuzzy_weighted.loc["A1"].tolist()), table7_a1, atol=0.011
    )
    np.testing.assert_allclose(result.d_minus, [3.45, 4.13, 3.85], atol=0.02)
    np.testing.assert_allclose(result.d_plus[["A2", "A3"]], [1.24, 1.59], atol=0.025)
    assert result.d_plus["A1"] == pytest.approx(1.94, abs=0.01)
    np.testing.assert_allclose(result.scores[["A2", "A3"]], [0.77, 0.71], atol=0.005)
    assert result.scores["A1"] == pytest.approx(0.64, abs=0.005)
    assert result.ranks.tolist() == [3, 1, 2]


def test_fuzzy_topsis_on_crisp_numbers():
    """Crisp triangles: with the unit ideals CC is the mean weighted max-normalized
    value; with ideal="extremes" it is crisp TOPSIS (max normalization, Manhattan)."""
    rng = np.random.default_rng(4)
    x = rng.uniform(1, 10, size=(5, 3))
    w = np.array([0.5, 0.3, 0.2])
    crisp = np.repeat(x[..., None], 3, axis=-1)
    weights = np.repeat(w[:, None], 3, axis=-1)
    unit = fuzzy_topsis(crisp, weights)
    np.testing.assert_allclose(unit.scores, (x / x.max(axis=0) * w).mean(axis=1))
    extremes = fuzzy_topsis(crisp, weights, ideal="extremes")
    reference = topsis(x, w, "max", normalization="max", distance="manhattan")
    np.testing.assert_allclose(extremes.scores, reference.scores)


def test_fuzzy_topsis_cost_criterion_normalization():
    """Chen (2000) eq. (15), cost: (a- / c, a- / b, a- / a) with a- the smallest l."""
    ratings = [[(2, 3, 4)], [(4, 5, 8)]]
    result = fuzzy_topsis(ratings, [(1, 1, 1)], "min", ideal="unit")
    np.testing.assert_allclose(
        result.intermediate["fuzzy_weighted"][:, 0], [[0.5, 2 / 3, 1.0], [0.25, 0.4, 0.5]]
    )


def test_fuzzy_topsis_errors():
    with pytest.raises(InvalidArgumentError, match=r"unknown linguistic term 'great'"):
        fuzzy_topsis([["great"]], ["H"])
    with pytest.raises(InvalidArgumentError, match=r"must have l <= m <= u; got \(3.0, 2.0, 4.0\)"):
        fuzzy_topsis([[(3, 2, 4)]], [(1, 1, 1)])
    with pytest.raises(InvalidArgumentError, match=r"weights must have one triangle per criterion"):
        fuzzy_topsis([["G", "F"]], ["H"])
    with pytest.raises(InvalidProblemError, match=r"cost criterion needs positive lower bounds"):
        fuzzy_topsis([["VP"], ["G"]], ["H"], "min")
    with pytest.raises(UnknownMethodError, match=r"^ideal must be one of 'unit', 'extremes'"):
        fuzzy_topsis([["G"]], ["H"], ideal="best")


def test_fuzzy_topsis_renderings_and_comparison(tmp_path):
    ratings, weights = _chen_linguistic()
    result = fuzzy_topsis(ratings, weights)
    data = json.loads(json.dumps(result.to_dict()))
    assert len(data["fuzzy_ratings"]) == 3 and data["method"] == "fuzzy_topsis"
    assert repr(result).startswith("FuzzyTOPSISResult(method=fuzzy_topsis")
    assert "FuzzyTOPSISResult" in result._repr_html_()
    result.plot().figure.savefig(tmp_path / "fuzzy_topsis.png")
    # the defuzzified problem can be ranked by crisp methods
    compared = coopdecide.sensitivity.compare_methods(result.problem, ["topsis", "vikor"])
    assert compared.ranks.shape == (3, 2)


# -- fuzzy AHP -------------------------------------------------------------------------
def test_buckley_by_hand():
    """Two items, a12 = (2, 3, 4). Buckley (1985): r1 = sqrt((1,1,1)(2,3,4)) =
    (1.4142, 1.7321, 2), r2 = sqrt((1,1,1)(1/4,1/3,1/2)) = (0.5, 0.5774, 0.7071);
    sums (1.9142, 2.3094, 2.7071); w1 = (1.4142/2.7071, 1.7321/2.3094, 2/1.9142)
    = (0.5224, 0.75, 1.0448); w2 = (0.1847, 0.25, 0.3694); centroids 0.7724 and
    0.2680, normalized 0.7424 and 0.2576."""
    result = fuzzy_ahp([[(1, 1, 1), (2, 3, 4)], [(1 / 4, 1 / 3, 1 / 2), (1, 1, 1)]])
    np.testing.assert_allclose(
        result.fuzzy_weights.to_numpy(),
        [[0.5224, 0.75, 1.0448], [0.1847, 0.25, 0.3694]],
        atol=5e-5,
    )
    np.testing.assert_allclose(result.weights, [0.7424, 0.2576], atol=5e-5)


def test_chang_zero_weight_flaw_by_hand():
    """Chang (1996) on the same two items: row sums (3, 4, 5) and (1.25, 1.3333, 1.5),
    total (4.25, 5.3333, 6.5); S1 = (0.4615, 0.75, 1.1765), S2 = (0.1923, 0.25, 0.3529).
    V(S2 >= S1) = 0 because l1 = 0.4615 >= u2 = 0.3529: item 2 gets weight 0 for a
    moderate 3:1 judgment (Wang, Luo and Hua 2008)."""
    with pytest.warns(MethodWarning, match=r"zero weight to 'C2' \(a known flaw"):
        result = fuzzy_ahp(
            [[(1, 1, 1), (2, 3, 4)], [(1 / 4, 1 / 3, 1 / 2), (1, 1, 1)]], method="chang"
        )
    np.testing.assert_allclose(
        result.fuzzy_weights.to_numpy(),
        [[0.4615, 0.75, 1.1765], [0.1923, 0.25, 0.3529]],
        atol=5e-5,
    )
    assert result.weights.tolist() == [1.0, 0.0]
    assert result.possibility.loc["C2", "C1"] == 0.0


def test_chang_overlap_formula():
    """V(S_i >= S_k) = (l_k - u_i) / ((m_i - u_i) - (m_k - l_k)) when the triangles overlap."""
    from coopdecide.fuzzy import extent_weights

    matrix = np.array([[(1, 1, 1), (1, 2, 3)], [(1 / 3, 1 / 2, 1), (1, 1, 1)]], dtype=float)
    extents, possibility, _ = extent_weights(matrix)
    (l1, m1, _), (_, m2, u2) = extents
    assert possibility[1, 0] == pytest.approx((l1 - u2) / ((m2 - u2) - (m1 - l1)))
    assert 0 < possibility[1, 0] < 1 and possibility[0, 1] == 1


@pytest.mark.filterwarnings("ignore::coopdecide.exceptions.InconsistentComparisonWarning")
@pytest.mark.parametrize("seed", range(5))
def test_buckley_on_crisp_triangles_is_the_geometric_mean_ahp(seed):
    rng = np.random.default_rng(seed)
    n = 5
    upper = rng.choice([1 / 5, 1 / 3, 1, 2, 3, 5, 7], size=(n, n))
    crisp = np.ones((n, n))
    iu = np.triu_indices(n, 1)
    crisp[iu] = upper[iu]
    crisp[iu[1], iu[0]] = 1 / upper[iu]
    triangles = np.repeat(crisp[..., None], 3, axis=-1)
    fuzzy = fuzzy_ahp(triangles)
    expected = coopdecide.ahp(PairwiseComparison(crisp), method="geometric").weights
    np.testing.assert_allclose(fuzzy.weights, expected, atol=1e-12)
    np.testing.assert_allclose(fuzzy.fuzzy_weights["l"], fuzzy.fuzzy_weights["u"], atol=1e-12)


def test_judgments_scale_and_validation():
    assert saaty_triangle(5, spread=2) == (3.0, 5.0, 7.0)
    fpc = FuzzyPairwiseComparison.from_judgments(
        ["a", "b", "c"], {("a", "b"): 3, ("c", "a"): (1, 2, 3), ("b", "c"): 1 / 5}
    )
    assert fpc.to_frame().loc["a", "c"] == pytest.approx((1 / 3, 1 / 2, 1.0))
    assert fpc.to_frame().loc["b", "c"] == pytest.approx((1 / 6, 1 / 5, 1 / 4))
    assert fpc.crisp().matrix[0, 1] == 3
    with pytest.raises(InvalidComparisonError, match=r"missing \('a', 'c'\), \('b', 'c'\)"):
        FuzzyPairwiseComparison.from_judgments(["a", "b", "c"], {("a", "b"): 3})
    with pytest.raises(InvalidComparisonError, match=r"unknown items 'd'"):
        FuzzyPairwiseComparison.from_judgments(["a", "b"], {("a", "d"): 3})
    with pytest.raises(InvalidComparisonError, match=r"must be a positive number; got -3"):
        FuzzyPairwiseComparison.from_judgments(["a", "b"], {("a", "b"): -3})
    with pytest.raises(InvalidComparisonError, match=r"must be reciprocal"):
        FuzzyPairwiseComparison([[(1, 1, 1), (2, 3, 4)], [(1, 1, 1), (1, 1, 1)]])
    with pytest.raises(InvalidComparisonError, match=r"\(1, 1, 1\) on the diagonal"):
        FuzzyPairwiseComparison([[(1, 2, 3), (1, 1, 1)], [(1, 1, 1), (1, 1, 1)]])
    with pytest.raises(InvalidArgumentError, match=r"last axis has length 3; got shape \(2, 2\)"):
        as_triangles([[1, 2], [3, 4]], "matrix")
    with pytest.raises(InvalidTypeError, match=r"must be triangular fuzzy numbers"):
        as_triangles("abc", "matrix")
    with pytest.raises(UnknownMethodError, match=r"^method must be one of 'buckley', 'chang'"):
        fuzzy_ahp(fpc, method="saaty")


def test_triangular_fuzzy_number():
    a = TriangularFuzzyNumber(1, 2, 4)
    assert tuple(a + a) == (2, 4, 8) and tuple(2 * a) == (2, 4, 8)
    with pytest.raises(InvalidArgumentError, match=r"l <= m <= u"):
        TriangularFuzzyNumber(3, 2, 1)
    assert CHEN_RATINGS["VG"] == (9.0, 10.0, 10.0)


def test_fuzzy_ahp_renderings(tmp_path):
    fpc = FuzzyPairwiseComparison.from_judgments(
        ["trade", "security", "culture"],
        {("trade", "security"): 3, ("trade", "culture"): 5, ("security", "culture"): 3},
    )
    result = fuzzy_ahp(fpc, defuzzification="graded_mean")
    assert list(result.to_frame().columns) == ["l", "m", "u", "weight"]
    assert json.loads(json.dumps(result.to_dict()))["defuzzification"] == "graded_mean"
    assert "FuzzyAHPResult(method=buckley" in repr(result) and "<div" in result._repr_html_()
    assert result.crisp_consistency.cr < 0.1
    ax = result.plot.weights()
    ax.figure.savefig(tmp_path / "fuzzy_ahp.png")
    assert ax.get_title() == "Fuzzy AHP weights (buckley)"


# -- the SMAA route -------------------------------------------------------------------
def test_triangular_sampler_matches_the_triangular_distribution():
    from scipy import stats

    from coopdecide.sensitivity.fuzzy_judgments import sample_triangular

    rng = np.random.default_rng(0)
    draws = sample_triangular(rng, np.array([2.0]), np.array([3.0]), np.array([5.0]), 20_000)
    reference = stats.triang(c=1 / 3, loc=2, scale=3)
    assert stats.kstest(draws[:, 0], reference.cdf).pvalue > 0.01
    assert draws.min() >= 2 and draws.max() <= 5


def test_smaa_with_triangular_judgments():
    from coopdecide import DecisionProblem
    from coopdecide.sensitivity import TriangularJudgments, smaa

    fpc = FuzzyPairwiseComparison.from_judgments(
        ["trade", "security"], {("trade", "security"): (1 / 3, 1, 3)}
    )
    # a wins when trade weighs more, b when security does: symmetric triangle in log
    # terms around 1, so each wins about half the time
    problem = DecisionProblem(
        [[1.0, 0.0], [0.0, 1.0]], "max", alternatives=["a", "b"], criteria=["security", "trade"]
    )
    result = smaa(problem, 4000, judgments=TriangularJudgments(fpc), random_state=1)
    # P(a_ts > 1) for the triangle (1/3, 1, 3) with mode 1: (3 - 1)^2 / ((3 - 1/3)(3 - 1))
    p_trade = (3 - 1) ** 2 / ((3 - 1 / 3) * (3 - 1))
    assert result.first_rank_acceptability["b"] == pytest.approx(p_trade, abs=0.03)
    crisp = FuzzyPairwiseComparison.from_judgments(
        ["trade", "security"], {("trade", "security"): 3}, spread=0
    )
    fixed = smaa(problem, 100, judgments=TriangularJudgments(crisp), random_state=1)
    np.testing.assert_allclose(fixed.central_weights.loc["b"], [0.25, 0.75], atol=1e-9)
    with pytest.raises(InvalidComparisonError, match=r"missing 'culture'"):
        smaa(
            DecisionProblem(
                [[1, 2, 3], [3, 2, 1]], "max", criteria=["trade", "security", "culture"]
            ),
            10,
            judgments=TriangularJudgments(fpc),
        )
