"""TOPSIS against published examples, pymcdm, the batched kernel and edge cases."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem, topsis
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidWeightsError,
    UnknownMethodError,
    ZeroRangeCriterionWarning,
)
from coopdecide.ranking import closeness, normalize, topsis_kernel


def _problem(case):
    inputs = case["inputs"]
    return DecisionProblem(
        inputs["matrix"],
        inputs["types"],
        weights=inputs["weights"],
        alternatives=inputs.get("alternatives"),
    )


def test_hwang_yoon_1981_fighter_aircraft(reference_case):
    """Hwang and Yoon (1981), pp. 128-134: vector normalization, one cost criterion."""
    case = reference_case("topsis-hwang-yoon-1981-fighter-aircraft")
    expected, tol = case["expected"], case["tolerance"]
    result = topsis(_problem(case), normalization="vector")
    np.testing.assert_allclose(result.scores, expected["closeness"], atol=tol["closeness"])
    np.testing.assert_allclose(result.d_plus, expected["D_plus"], atol=tol["D"])
    np.testing.assert_allclose(result.d_minus, expected["D_minus"], atol=tol["D"])
    np.testing.assert_allclose(result.ideal, expected["PIS"], atol=tol["ideal_points"])
    np.testing.assert_allclose(result.anti_ideal, expected["NIS"], atol=tol["ideal_points"])
    np.testing.assert_allclose(
        result.normalized, expected["normalized_matrix_as_printed"], atol=tol["normalized_matrix"]
    )
    assert result.to_frame().index.tolist() == expected["ranking"]


def test_hwang_yoon_normalization_changes_the_order(reference_case):
    """The case notes: min-max normalization lets A2 overtake A4 (recomputed, not printed)."""
    case = reference_case("topsis-hwang-yoon-1981-fighter-aircraft")
    contrast = case["recomputed"]["closeness_other_normalizations_for_contrast"]
    problem = _problem(case)
    for name, values in contrast.items():
        np.testing.assert_allclose(topsis(problem, normalization=name).scores, values, atol=1e-4)
    minmax = topsis(problem, normalization="minmax").ranks
    assert minmax["A2"] < minmax["A4"]


def test_tzeng_huang_2011(reference_case):
    """Tzeng and Huang (2011), TOPSIS example, benefit criteria, vector normalization."""
    case = reference_case("topsis-tzeng-huang-2011")
    result = topsis(_problem(case))
    np.testing.assert_allclose(
        result.scores, case["expected"]["closeness"], atol=case["tolerance"]["closeness"]
    )
    assert result.ranks.tolist() == case["expected"]["ranks_A0_to_A3"]


def test_hand_checked_manhattan():
    # x = [[0, 1], [1, 0], [1, 1]] benefit, weights (0.5, 0.5), vector norms sqrt(2):
    # r = x / sqrt(2); ideal (1, 1)/sqrt(2), anti-ideal (0, 0).
    # A3 is the ideal: D+ = 0, D- = (0.5 + 0.5)/sqrt(2); closeness 1. A1, A2: 0.5.
    result = topsis([[0, 1], [1, 0], [1, 1]], [0.5, 0.5], "max", distance="manhattan")
    np.testing.assert_allclose(result.scores, [0.5, 0.5, 1.0])
    np.testing.assert_allclose(result.d_minus, [0.5 / np.sqrt(2), 0.5 / np.sqrt(2), 1 / np.sqrt(2)])
    assert result.ranks.tolist() == [2, 2, 1]


@pytest.mark.parametrize("normalization", ["vector", "minmax", "max"])
def test_agrees_with_pymcdm_with_cost_criteria(normalization):
    from pymcdm import methods, normalizations

    function = {
        "vector": normalizations.vector_normalization,
        "minmax": normalizations.minmax_normalization,
        "max": normalizations.max_normalization,
    }[normalization]
    rng = np.random.default_rng(7)
    for _ in range(25):
        n, m = rng.integers(3, 15), rng.integers(2, 8)
        matrix = rng.uniform(1, 100, size=(n, m))
        weights = rng.dirichlet(np.ones(m))
        types = rng.choice([-1, 1], size=m)
        ours = topsis(matrix, weights, types.tolist(), normalization=normalization).scores
        theirs = methods.TOPSIS(function)(matrix, weights, types)
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_sum_normalization_agrees_with_pymcdm_on_benefit_criteria():
    """pymcdm inverts cost columns as (1/x)/sum(1/x) under sum normalization; we keep x/sum x
    and take the minimum as ideal (Hwang and Yoon), so only benefit-only problems coincide."""
    from pymcdm import methods, normalizations

    rng = np.random.default_rng(3)
    matrix = rng.uniform(1, 10, size=(9, 4))
    weights = rng.dirichlet(np.ones(4))
    ours = topsis(matrix, weights, "max", normalization="sum").scores
    theirs = methods.TOPSIS(normalizations.sum_normalization)(matrix, weights, np.ones(4))
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


@pytest.mark.parametrize("normalization", ["vector", "minmax", "max", "sum"])
@pytest.mark.parametrize("distance", ["euclidean", "manhattan"])
def test_batched_kernel_equals_single_calls(normalization, distance):
    rng = np.random.default_rng(11)
    matrix = rng.uniform(1, 50, size=(12, 5))
    types = np.array([1, -1, 1, 1, -1])
    batch = rng.dirichlet(np.ones(5), size=40)
    batched = closeness(matrix, batch, types, normalization=normalization, distance=distance)
    assert batched.shape == (40, 12)
    problem = DecisionProblem(matrix, types.tolist())
    for weights, row in zip(batch, batched, strict=True):
        single = topsis(problem, weights, normalization=normalization, distance=distance).scores
        np.testing.assert_allclose(row, single, atol=1e-13)


def test_kernel_accepts_a_stack_of_matrices():
    rng = np.random.default_rng(5)
    matrices = rng.uniform(1, 10, size=(6, 7, 3))
    weights = rng.dirichlet(np.ones(3), size=6)
    types = np.array([1, -1, 1])
    stacked, d_plus, _ = topsis_kernel(normalize(matrices), weights, types)
    for k in range(6):
        single, single_plus, _ = topsis_kernel(normalize(matrices[k]), weights[k], types)
        np.testing.assert_allclose(stacked[k], single, atol=1e-13)
        np.testing.assert_allclose(d_plus[k], single_plus, atol=1e-13)


def test_zero_range_criterion_contributes_nothing_and_is_reported():
    base = np.array([[1.0, 5.0], [3.0, 5.0], [2.0, 5.0]])
    with pytest.warns(ZeroRangeCriterionWarning, match="'C2'"):
        result = topsis(base, [0.5, 0.5], "max", normalization="minmax")
    assert result.zero_range_criteria == ("C2",)
    assert np.isfinite(result.scores).all()
    # Without the constant criterion the ranking is the same.
    alone = topsis(base[:, :1], [1.0], "max", normalization="minmax")
    np.testing.assert_allclose(result.scores, alone.scores)


def test_all_alternatives_identical_gives_ties_not_nan():
    with pytest.warns(ZeroRangeCriterionWarning):
        result = topsis([[2.0, 3.0], [2.0, 3.0], [2.0, 3.0]], [0.5, 0.5], "max")
    assert result.scores.tolist() == [0.5, 0.5, 0.5]
    assert result.ranks.tolist() == [1, 1, 1]


def test_column_of_zeros_is_an_error_naming_the_column():
    with pytest.raises(InvalidProblemError, match=r"column of zeros; got zeros only in 'trade'"):
        topsis(DecisionProblem([[1, 0], [2, 0]], "max", criteria=["gdp", "trade"]), weights=[1, 1])
    with pytest.raises(InvalidProblemError, match="'sum' needs non-negative values; got negative"):
        topsis([[1, -1], [2, 3]], [1, 1], "max", normalization="sum")


def test_option_and_weight_errors():
    problem = DecisionProblem([[1, 2], [2, 1]], "max")
    with pytest.raises(InvalidWeightsError, match="weights are required"):
        topsis(problem)
    with pytest.raises(UnknownMethodError, match=r"normalization must be one of .*got 'l2'"):
        topsis(problem, [1, 1], normalization="l2")
    with pytest.raises(UnknownMethodError, match=r"distance must be one of .*got 'cosine'"):
        topsis(problem, [1, 1], distance="cosine")
    with pytest.raises(InvalidProblemError, match="objectives is required"):
        topsis([[1, 2], [2, 1]], [1, 1])


@pytest.mark.parametrize(
    ("objectives", "hint"),
    [
        ("minmax", r"\(did you mean normalization='minmax'\?\)"),
        ("max", r"\(did you mean normalization='max'\?\)"),
        ("manhattan", r"\(did you mean distance='manhattan'\?\)"),
        ({"a": "min", "b": "max"}, r"objectives=\{'a': 'min', 'b': 'max'\}$"),
    ],
)
def test_objectives_with_a_problem_is_refused_with_a_hint(objectives, hint):
    """topsis(problem, None, "minmax") passes "minmax" as objectives, not normalization."""
    problem = DecisionProblem([[1, 5], [2, 1]], "max", weights=[1, 1], criteria=["a", "b"])
    message = r"objectives comes from the DecisionProblem and must be None .*with_objectives"
    with pytest.raises(InvalidArgumentError, match=message):
        topsis(problem, None, objectives)
    with pytest.raises(InvalidArgumentError, match=hint):
        topsis(problem, objectives=objectives)
    # the problem's own objectives are used, and changed only through the problem
    # (hand check: closeness 0.637 and 0.363 with both "max", see the next test; with
    # "a" max and "b" min the second alternative is best on both, so closeness 0 and 1)
    swapped = problem.with_objectives({"a": "max", "b": "min"})
    assert topsis(problem).ranks.tolist() == [1, 2]
    assert topsis(swapped).scores.tolist() == [0.0, 1.0]


def test_plain_matrix_objectives_keep_working_and_hint_at_options():
    """DESIGN.md contract: topsis(matrix, weights, objectives); "max" stays an objective."""
    matrix = [[1.0, 5.0], [2.0, 1.0]]
    # hand check: weighted columns 0.5 * (1, 2)/sqrt(5) = (0.2236, 0.4472) and
    # 0.5 * (5, 1)/sqrt(26) = (0.4903, 0.0981); D+ = (0.2236, 0.3922) and
    # D- = (0.3922, 0.2236), so closeness (0.637, 0.363)
    np.testing.assert_allclose(topsis(matrix, [1, 1], "max").scores, [0.637, 0.363], atol=5e-4)
    assert topsis(matrix, [1, 1], ["max", "min"]).ranks.tolist() == [2, 1]
    with pytest.raises(
        InvalidProblemError,
        match=r"objectives must be one of 'max', 'min'.*got 'minmax' "
        r"\(did you mean normalization='minmax'\?\)",
    ):
        topsis(matrix, [1, 1], "minmax")
    with pytest.raises(InvalidProblemError, match=r"got 'euclidean' \(did you mean distance="):
        topsis(matrix, [1, 1], "euclidean")


def test_result_renderings_and_inputs_untouched():
    frame = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [3.0, 1.0, 2.0]}, index=["x", "y", "z"])
    before = frame.copy()
    problem = DecisionProblem(frame, {"a": "max", "b": "min"}, weights=[0.6, 0.4])
    result = topsis(problem)
    pd.testing.assert_frame_equal(frame, before)
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["ranks"] == result.ranks.tolist()
    assert set(payload) >= {"scores", "d_plus", "d_minus", "ideal", "anti_ideal"}
    assert "RankingResult(method=topsis" in repr(result)
    assert "<table" in result._repr_html_()
    assert result.best == result.to_frame().index[0]
    # the labelled outputs are copies
    scores = result.scores
    scores.iloc[0] = -1.0
    ranks = result.ranks
    ranks.iloc[0] = 99
    assert result.scores.iloc[0] != -1.0
    assert result.ranks.iloc[0] != 99


def test_no_warning_for_ordinary_problems():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        topsis([[1, 2], [2, 1], [3, 3]], [1, 1], "max")


def test_ranking_result_is_immutable():
    result = topsis([[1, 2], [2, 1], [3, 3]], [1, 1], "max")
    with pytest.raises(AttributeError, match="RankingResult is immutable"):
        result.method = "vikor"
    with pytest.raises(TypeError):
        result.options["normalization"] = "sum"
