"""compare_methods(): rankings under several methods and their rank correlations."""

from __future__ import annotations

import json
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem, rank, topsis
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
    MethodWarning,
    UnknownMethodError,
)
from coopdecide.sensitivity import MethodComparisonResult, compare_methods


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(21)
    return DecisionProblem(
        rng.uniform(1, 10, (8, 4)), ["max", "min", "max", "max"], weights=[0.4, 0.3, 0.2, 0.1]
    )


def test_default_methods_rank_like_rank(problem):
    result = compare_methods(problem)
    assert isinstance(result, MethodComparisonResult)
    assert result.methods == [
        "topsis",
        "topsis-minmax",
        "topsis-max",
        "topsis-sum",
        "vikor",
        "promethee_ii",
        "wsm",
        "copras",
        "spotis",
    ]
    ranks = result.ranks
    for normalization in ("vector", "minmax", "max", "sum"):
        label = "topsis" if normalization == "vector" else f"topsis-{normalization}"
        expected = topsis(problem, normalization=normalization).ranks
        assert ranks[label].tolist() == expected.tolist()
    for name in ("vikor", "promethee_ii", "copras", "spotis"):
        assert ranks[name].tolist() == rank(problem, name).ranks.tolist()
    # WSM by default with min-max normalization (pymcdm's sum normalization refuses zeros)
    assert ranks["wsm"].tolist() == rank(problem, "wsm", normalization="minmax").ranks.tolist()


def test_default_methods_rank_data_with_zeros_without_warning():
    """Real data has zeros (no trade); the default comparison must not skip WSM for that."""
    zeros = DecisionProblem(
        [[0.0, 1.0], [2.0, 3.0], [1.0, 2.0]], ["max", "min"], weights=[0.6, 0.4]
    )
    result = compare_methods(zeros)  # filterwarnings=error: a MethodWarning would fail here
    assert "wsm" in result.methods
    assert not result.skipped
    # min-max WSM by hand: benefit (x - min) / (max - min), cost (max - x) / (max - min)
    # A: 0.6 * 0 + 0.4 * 1 = 0.4; B: 0.6 * 1 + 0.4 * 0 = 0.6; C: 0.6 * 0.5 + 0.4 * 0.5 = 0.5
    assert result.ranks["wsm"].tolist() == [3, 1, 2]


def _spearman_by_hand(x, y):
    # no ties: rho = 1 - 6 sum d^2 / (n (n^2 - 1))
    n = len(x)
    return 1 - 6 * np.sum((x - y) ** 2) / (n * (n * n - 1))


def _kendall_by_hand(x, y):
    pairs = list(combinations(range(len(x)), 2))
    concordant = sum(np.sign(x[i] - x[j]) * np.sign(y[i] - y[j]) for i, j in pairs)
    return concordant / len(pairs)


def _weighted_spearman_by_hand(x, y):
    # r_w = 1 - 6 sum (x - y)^2 ((N - x + 1) + (N - y + 1)) / (N^4 + N^3 - N^2 - N)
    # (Pinto da Costa and Soares 2005; the form used by Salabun and Urbaniak 2020)
    n = len(x)
    numerator = 6 * np.sum((x - y) ** 2 * ((n - x + 1) + (n - y + 1)))
    return 1 - numerator / (n**4 + n**3 - n**2 - n)


def _ws_by_hand(x, y):
    # WS = 1 - sum 2^-x_i |x_i - y_i| / max(|x_i - 1|, |x_i - N|)  (Salabun and Urbaniak 2020)
    n = len(x)
    return 1 - np.sum(2.0**-x * np.abs(x - y) / np.maximum(np.abs(x - 1), np.abs(x - n)))


def test_correlations_match_their_definitions(problem):
    result = compare_methods(problem, ["topsis", "wsm", "copras", "spotis"])
    ranks = result.ranks.to_numpy().astype(float)
    assert all(len(set(ranks[:, j])) == len(ranks) for j in range(ranks.shape[1]))  # no ties
    by_hand = {
        "spearman": _spearman_by_hand,
        "kendall": _kendall_by_hand,
        "weighted_spearman": _weighted_spearman_by_hand,
        "ws": _ws_by_hand,
    }
    for kind, function in by_hand.items():
        matrix = result.correlation(kind).to_numpy()
        for i in range(4):
            for j in range(4):
                assert matrix[i, j] == pytest.approx(function(ranks[:, i], ranks[:, j]), abs=1e-12)
    assert set(result.correlations) == set(by_hand)
    # WS is asymmetric in general; Spearman is symmetric with a unit diagonal
    spearman = result.correlation("spearman").to_numpy()
    np.testing.assert_allclose(spearman, spearman.T)
    np.testing.assert_allclose(np.diag(spearman), 1.0)


def test_spearman_with_ties_matches_scipy():
    # ties share their mean rank; the numpy computation must agree with scipy.stats.spearmanr
    # (an independent implementation), and a constant column is NaN, not a warning
    from scipy import stats

    from coopdecide.sensitivity.compare import _spearman_matrix

    ranks = np.array(
        [[1, 2, 1, 3, 1], [2, 1, 1, 1, 1], [3, 3, 3, 2, 1], [4, 4, 3, 5, 1], [5, 5, 5, 4, 1]],
        dtype=float,
    )
    matrix = _spearman_matrix(ranks)
    expected = stats.spearmanr(ranks[:, :4]).statistic
    np.testing.assert_allclose(matrix[:4, :4], expected, rtol=0, atol=1e-12)
    assert np.isnan(matrix[4]).all() and np.isnan(matrix[:, 4]).all()
    assert matrix[0, 2] < 1.0  # the tie in column 2 counts


def test_consensus_top_k_by_hand():
    # a is best on the heavily weighted first criterion, c on the others
    problem = DecisionProblem(
        [[9, 1, 1], [5, 5, 5], [1, 9, 9], [2, 2, 2]],
        "max",
        weights=[0.6, 0.2, 0.2],
        alternatives=["a", "b", "c", "d"],
    )
    result = compare_methods(problem, ["topsis", "wsm"], top_k=2)
    ranks = result.ranks
    both = [a for a in ranks.index if (ranks.loc[a] <= 2).all()]
    assert list(result.consensus_top_k) == both
    assert result.top_k_counts["d"] == 0
    full = compare_methods(problem, ["topsis", "wsm"], top_k=4)
    assert list(full.consensus_top_k) == ["a", "b", "c", "d"]


def test_method_specs_and_labels(problem):
    result = compare_methods(
        problem,
        [("vikor", {"v": 0.2}), ("manhattan", "topsis", {"distance": "manhattan"}), "wsm"],
    )
    assert result.methods == ["vikor(v=0.2)", "manhattan", "wsm"]
    assert result.ranks["vikor(v=0.2)"].tolist() == rank(problem, "vikor", v=0.2).ranks.tolist()
    assert (
        result.ranks["manhattan"].tolist() == topsis(problem, distance="manhattan").ranks.tolist()
    )
    assert result.specs["manhattan"] == {
        "method": "topsis",
        "options": {"normalization": "vector", "distance": "manhattan"},
    }
    mapped = compare_methods(problem, {"T": "topsis", "V": ("vikor", {"v": 0.2})})
    assert mapped.methods == ["T", "V"]
    assert mapped.higher_is_better == {"T": True, "V": False}


def test_weights_override(problem):
    weights = [0.1, 0.1, 0.1, 0.7]
    result = compare_methods(problem, ["topsis", "wsm"], weights=weights)
    assert result.ranks["topsis"].tolist() == topsis(problem, weights).ranks.tolist()


def test_flat_ranking_gives_nan_with_a_warning():
    # Symmetric data and equal weights: TOPSIS and WSM tie both alternatives.
    problem = DecisionProblem([[1.0, 2.0], [2.0, 1.0]], "max", weights=[0.5, 0.5])
    result = compare_methods(problem, ["topsis", "topsis-minmax"])
    assert result.ranks.to_numpy().tolist() == [[1, 1], [1, 1]]
    with pytest.warns(MethodWarning, match="undefined for methods that rank every"):
        spearman = result.correlation("spearman")
    assert spearman.isna().all().all()


def test_methods_that_cannot_rank_are_skipped_or_raise():
    # pymcdm's WSM uses sum normalization, which rejects zeros
    zeros = DecisionProblem([[0.0, 1.0], [1.0, 2.0], [2.0, 0.5]], "max", weights=[0.5, 0.5])
    with pytest.warns(MethodWarning, match="'wsm' cannot rank this problem"):
        result = compare_methods(zeros, ["topsis", "wsm", "topsis-minmax"])
    assert result.methods == ["topsis", "topsis-minmax"]
    assert "sum_normalization" in result.skipped["wsm"]
    assert result.to_dict()["skipped"] == result.skipped
    with pytest.raises(InvalidProblemError, match="WSM rejected the problem"):
        compare_methods(zeros, ["topsis", "wsm"], errors="raise")
    with (
        pytest.warns(MethodWarning, match="cannot rank"),
        pytest.raises(InvalidArgumentError, match="at least two methods that can rank"),
    ):
        compare_methods(zeros, ["topsis", "wsm"])
    with pytest.raises(UnknownMethodError, match="errors must be one of"):
        compare_methods(zeros, ["topsis", "wsm"], errors="ignore")


def test_renderings(problem):
    result = compare_methods(problem, ["topsis", "wsm", "vikor"], top_k=2)
    json.dumps(result.to_dict())
    frame = result.to_frame()
    assert {"mean_rank", "rank_range", "in_top_2"} <= set(frame.columns)
    assert frame["mean_rank"].is_monotonic_increasing
    assert "MethodComparisonResult(" in repr(result)
    assert "<div" in result._repr_html_()
    with pytest.raises(AttributeError, match="MethodComparisonResult is immutable"):
        result.top_k = 5
    with pytest.raises(AttributeError, match="MethodComparisonResult is immutable"):
        del result.methods
    # the shared mixin keeps the result picklable, and immutable after loading
    import pickle

    back = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(back.ranks, result.ranks)
    pd.testing.assert_frame_equal(back.correlation("spearman"), result.correlation("spearman"))
    with pytest.raises(AttributeError, match="immutable"):
        back.top_k = 5


def test_errors(problem):
    with pytest.raises(UnknownMethodError, match=r"methods\[1\] must be one of"):
        compare_methods(problem, ["topsis", "electre"])
    with pytest.raises(InvalidArgumentError, match="at least two methods"):
        compare_methods(problem, ["topsis"])
    with pytest.raises(InvalidArgumentError, match="distinct labels; duplicated: 'wsm'"):
        compare_methods(problem, ["wsm", "wsm"])
    with pytest.raises(InvalidArgumentError, match="top_k must be at least 1; got 0"):
        compare_methods(problem, top_k=0)
    assert compare_methods(problem, ["topsis", "wsm"], top_k=9).top_k == 8
    with pytest.raises(InvalidTypeError, match="must be a method name"):
        compare_methods(problem, ["topsis", 3])
    with pytest.raises(InvalidTypeError, match="not one string"):
        compare_methods(problem, "topsis")
    with pytest.raises(InvalidTypeError, match=r"methods\['x'\] must be a method name"):
        compare_methods(problem, {"x": 1, "y": "wsm"})
    with pytest.raises(InvalidArgumentError, match="fixes the normalization"):
        compare_methods(problem, [("topsis-max", {"normalization": "sum"}), "wsm"])
    with pytest.raises(InvalidTypeError, match="problem must be a DecisionProblem"):
        compare_methods(problem.matrix)
    unweighted = DecisionProblem([[1, 2], [2, 1]], "max")
    with pytest.raises(InvalidWeightsError, match="weights are required"):
        compare_methods(unweighted, ["topsis", "wsm"])
    result = compare_methods(problem, ["topsis", "wsm"])
    with pytest.raises(UnknownMethodError, match="kind must be one of"):
        result.correlation("pearson")


def test_plot_namespace_draws_a_heatmap(problem):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = compare_methods(problem, ["topsis", "wsm", "vikor"])
    ax = result.plot(kind="kendall")
    assert ax.images
    plt.close("all")
