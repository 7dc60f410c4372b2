"""Objective weights: published examples, pymcdm, properties, errors, the result object.

Published examples (the matrices and printed weights as transcribed in pymcdm's own test
suite, test/test_weights.py, which cites the same papers; the papers' tables were not
re-read here, so table and page are not given):

- entropy: Elsayed, E. A., Dawood, A. S. and Karthikeyan, R. (2017). Evaluating alternatives
  through the application of TOPSIS method with entropy weight. International Journal of
  Engineering Trends and Technology 46(2), 60-66. Printed to 6 decimals.
- standard deviation: Jahan, A. and Edwards, K. L. (2013). Weighting of dependent and
  target-based criteria for optimal decision-making in materials selection process:
  biomedical applications. Materials & Design 49, 1000-1008. Printed to 2 decimals.
- MEREC: Keshavarz-Ghorabaee, M. et al. (2021). Determination of objective weights using a
  new method based on the removal effects of criteria (MEREC). Symmetry 13(4), 525: the
  paper's illustrative example (5 alternatives, 4 criteria, 2 cost). Printed to 4 decimals.
- CRITIC: Tus, A. and Adali, E. A. (2019). The new combination with CRITIC and WASPAS methods
  for the time and attendance software selection problem. Opsearch 56(2), 528-538. Printed
  to 3 decimals; reproduced with every criterion a benefit (as pymcdm computes it).
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from pymcdm import weights as pymcdm_weights

from coopdecide import DecisionProblem
from coopdecide.exceptions import InvalidArgumentError, InvalidProblemError, UnknownMethodError
from coopdecide.weights import (
    WeightsResult,
    critic_weights,
    entropy_weights,
    merec_weights,
    standard_deviation_weights,
)

ELSAYED_2017 = np.array(
    [
        [7, 312, 1891, 6613, 163],
        [72, 88, 728, 941804, 1078],
        [10, 252, 2594, 3466, 117471],
        [10, 145, 980, 2371, 86329],
        [65, 54, 350, 501, 29897],
        [29, 48, 380, 912, 34051],
        [7, 476, 3300, 78470, 2212],
        [70, 87, 650, 733, 819000],
        [4, 86, 591, 3015, 103],
        [12, 79, 579, 3240, 96098],
        [21, 45, 261, 1253, 453],
        [1, 72, 530, 4333, 0.104800],
    ]
)
JAHAN_EDWARDS_2013 = np.array(
    [
        [0, 0, 0],
        [0.39, 0.3, 0.77],
        [0.17, 0.36, 0.8],
        [0.35, 0.29, 0.93],
        [0.3, 0.4, 0.94],
        [0.84, 0.71, 1],
        [1, 1, 0.99],
    ]
)
MEREC_2021 = np.array(
    [
        [450, 8000, 54, 145],
        [10, 9100, 2, 160],
        [100, 8200, 31, 153],
        [220, 9300, 1, 162],
        [5, 8400, 23, 158],
    ]
)
TUS_ADALI_2019 = np.array(
    [
        [5000, 3, 3, 4, 3, 2],
        [680, 5, 3, 2, 2, 1],
        [2000, 3, 2, 3, 4, 3],
        [600, 4, 3, 1, 2, 2],
        [800, 2, 4, 3, 3, 4],
    ]
)


# -- published examples ---------------------------------------------------------------------
def test_entropy_elsayed_2017():
    result = entropy_weights(ELSAYED_2017)
    expected = [0.104991, 0.069124, 0.071373, 0.449937, 0.304575]
    np.testing.assert_allclose(result.weights, expected, atol=5e-7)


@pytest.mark.parametrize("normalization", ["minmax", "none"])
def test_standard_deviation_jahan_edwards_2013(normalization):
    """Every column of this table runs from 0 to 1, so min-max scaling leaves it unchanged."""
    result = standard_deviation_weights(JAHAN_EDWARDS_2013, normalization=normalization)
    np.testing.assert_allclose(result.weights, [0.35, 0.31, 0.34], atol=5e-3)


def test_merec_keshavarz_ghorabaee_2021():
    result = merec_weights(MEREC_2021, ["max", "max", "min", "min"])
    np.testing.assert_allclose(result.weights, [0.5752, 0.0141, 0.4016, 0.0091], atol=5e-5)


def test_critic_tus_adali_2019():
    result = critic_weights(TUS_ADALI_2019, "max")
    expected = [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]
    np.testing.assert_allclose(result.weights, expected, atol=5e-4)


def test_critic_worked_by_hand():
    """3 alternatives, 2 benefit criteria, independent of the kernel.

    x = (1, 2, 3) -> r = (0, 0.5, 1); y = (3, 1, 2) -> r = (1, 0, 0.5). Both have sample
    sd 0.5; their correlation is -0.5, so C = 0.5 * (0 + 1.5) for both: weights 1/2, 1/2.
    A third criterion equal to the first (rho = 1 with it, -0.5 with the second) has
    C = 0.5 * (0 + 1.5 + 0) = 0.75, the second 0.5 * (1.5 + 1.5) = 1.5: (1/4, 1/2, 1/4)."""
    two = critic_weights([[1, 3], [2, 1], [3, 2]], "max")
    np.testing.assert_allclose(two.weights, [0.5, 0.5])
    np.testing.assert_allclose(two.intermediates["std"], [0.5, 0.5])
    three = critic_weights([[1, 3, 1], [2, 1, 2], [3, 2, 3]], "max")
    np.testing.assert_allclose(three.weights, [0.25, 0.5, 0.25])
    np.testing.assert_allclose(three.intermediates["information"], [0.75, 1.5, 0.75])
    np.testing.assert_allclose(three.table("correlation").loc["C1", "C2"], -0.5)


# -- against pymcdm -------------------------------------------------------------------------
@pytest.fixture
def random_problem():
    rng = np.random.default_rng(7)
    matrix = rng.uniform(1, 100, (9, 5))
    return matrix, np.array([1, -1, 1, 1, -1])


def test_agrees_with_pymcdm_where_the_definitions_agree(random_problem):
    """pymcdm 1.4: entropy (sum shares of the raw values), CRITIC (min-max, every criterion a
    benefit), standard deviation (raw values, ddof=1) and MEREC (same formulas)."""
    matrix, types = random_problem
    objectives = ["max" if t > 0 else "min" for t in types]
    np.testing.assert_allclose(
        entropy_weights(matrix).weights, pymcdm_weights.entropy_weights(matrix), rtol=1e-12
    )
    np.testing.assert_allclose(
        critic_weights(matrix, "max").weights, pymcdm_weights.critic_weights(matrix), rtol=1e-12
    )
    np.testing.assert_allclose(
        standard_deviation_weights(matrix, normalization="none").weights,
        pymcdm_weights.standard_deviation_weights(matrix),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        merec_weights(matrix, objectives).weights,
        pymcdm_weights.merec_weights(matrix, types),
        rtol=1e-12,
    )


def test_differs_from_pymcdm_where_the_definitions_differ(random_problem):
    matrix, types = random_problem
    objectives = ["max" if t > 0 else "min" for t in types]
    # CRITIC reverses cost criteria before correlating (Diakoulaki et al.); pymcdm does not
    ours = critic_weights(matrix, objectives).weights.to_numpy()
    assert np.abs(ours - pymcdm_weights.critic_weights(matrix)).max() > 1e-3
    # ... which is the same as pymcdm on the matrix with cost columns reversed
    flipped = np.where(types > 0, matrix, matrix.max(axis=0) + matrix.min(axis=0) - matrix)
    np.testing.assert_allclose(ours, pymcdm_weights.critic_weights(flipped), rtol=1e-12)
    # entropy with a zero entry: pymcdm 1.4 refuses it (its sum normalization needs positive
    # values; its code would otherwise set that column's entropy to 0, full weight);
    # coopdecide uses 0 ln 0 = 0, the limit of a vanishing entry
    with_zero = matrix.copy()
    with_zero[0, 2] = 0.0
    with pytest.raises(ValueError, match="positive"):
        pymcdm_weights.entropy_weights(with_zero)
    ours = entropy_weights(with_zero).weights.to_numpy()
    nearly = with_zero.copy()
    nearly[0, 2] = 1e-12
    np.testing.assert_allclose(ours, entropy_weights(nearly).weights, atol=1e-9)


# -- properties -----------------------------------------------------------------------------
def test_weights_ignore_units_where_the_method_is_unit_free(random_problem):
    matrix, types = random_problem
    objectives = ["max" if t > 0 else "min" for t in types]
    scale = np.array([1e3, 0.01, 7.0, 1.0, 42.0])
    for function in (entropy_weights, merec_weights):
        np.testing.assert_allclose(
            function(matrix * scale, objectives).weights,
            function(matrix, objectives).weights,
            rtol=1e-10,
        )
    shifted = matrix * scale + 5.0  # CRITIC and min-max standard deviation: affine-invariant
    for function in (critic_weights, standard_deviation_weights):
        np.testing.assert_allclose(
            function(shifted, objectives).weights, function(matrix, objectives).weights, rtol=1e-10
        )


def test_a_constant_criterion_gets_zero_weight():
    matrix = np.array([[1.0, 5.0, 3.0], [2.0, 5.0, 1.0], [4.0, 5.0, 2.0]])
    for result in (
        entropy_weights(matrix),
        standard_deviation_weights(matrix),
        merec_weights(matrix, "max"),
    ):
        assert result.weights.iloc[1] == pytest.approx(0.0, abs=1e-12)
        assert result.weights.sum() == pytest.approx(1.0)


def test_problem_input_keeps_labels_and_objectives():
    problem = DecisionProblem(
        pd.DataFrame(MEREC_2021, index=list("ABCDE"), columns=["q", "r", "s", "t"]),
        ["max", "max", "min", "min"],
    )
    result = merec_weights(problem)
    assert list(result.weights.index) == ["q", "r", "s", "t"]
    np.testing.assert_allclose(result.weights, [0.5752, 0.0141, 0.4016, 0.0091], atol=5e-5)
    assert list(result.table("overall_performance").index) == list("ABCDE")
    reversed_ = merec_weights(problem, ["min", "min", "max", "max"])
    assert not np.allclose(reversed_.weights, result.weights)
    assert problem.objectives.tolist() == [1, 1, -1, -1]  # not mutated


# -- errors ---------------------------------------------------------------------------------
def test_errors_name_the_problem():
    with pytest.raises(InvalidProblemError, match=r"non-negative values; got -1.0 for .A2., .C1."):
        entropy_weights([[1, 2], [-1, 3]])
    with pytest.raises(InvalidProblemError, match=r"criterion .C2. is 0 for every alternative"):
        entropy_weights([[1, 0], [2, 0]])
    with pytest.raises(InvalidProblemError, match="every criterion has the same share"):
        entropy_weights([[1, 2], [1, 2]])
    with pytest.raises(InvalidProblemError, match=r"positive values .* got 0.0 for .A1., .C2."):
        merec_weights([[1, 0], [2, 3]], "max")
    with pytest.raises(InvalidArgumentError, match="merec needs objectives"):
        merec_weights([[1, 2], [2, 3]])
    with pytest.raises(InvalidArgumentError, match="critic needs objectives"):
        critic_weights([[1, 2], [2, 3], [3, 1]])
    with pytest.raises(InvalidProblemError, match=r"constant: \[.C2.\]"):
        critic_weights([[1, 2], [2, 2], [3, 2]], "max")
    with pytest.raises(InvalidProblemError, match="at least 3 alternatives"):
        critic_weights([[1, 2], [2, 3]], "max")
    with pytest.raises(InvalidProblemError, match="at least 2 alternatives and 2 criteria"):
        entropy_weights([[1], [2]])
    with pytest.raises(UnknownMethodError, match="normalization must be one of"):
        standard_deviation_weights([[1, 2], [2, 3]], normalization="vector")
    with pytest.raises(InvalidProblemError, match="same value for every alternative"):
        standard_deviation_weights([[1, 2], [1, 2]])
    with pytest.raises(InvalidProblemError, match="2-D array; got shape \\(3,\\)"):
        entropy_weights([1, 2, 3])


# -- the result object ------------------------------------------------------------------------
def test_result_object(tmp_path):
    result = critic_weights(
        pd.DataFrame(TUS_ADALI_2019, columns=["price", "b", "c", "d", "e", "f"]), "max"
    )
    assert isinstance(result, WeightsResult)
    frame = result.to_frame()
    assert list(frame.columns) == ["weight", "std", "conflict", "information"]
    assert frame.index.name == "criterion"
    np.testing.assert_allclose(frame["weight"], frame["information"] / frame["information"].sum())
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload["method"] == "critic"
    assert payload["weights"]["price"] == pytest.approx(result.weights["price"])
    assert "Diakoulaki" in payload["reference"]
    assert "WeightsResult(method=critic, ddof=1)" in repr(result)
    assert "correlation" in result._repr_html_()
    with pytest.raises(AttributeError, match="immutable"):
        result.method = "x"
    weights = result.weights
    weights.iloc[0] = 99.0
    assert result.weights.iloc[0] != 99.0
    with pytest.raises(KeyError, match="no table 'nope'; this result has \\['correlation'\\]"):
        result.table("nope")
    import matplotlib

    matplotlib.use("Agg")
    ax = result.plot()
    assert ax.get_title() == "CRITIC weights"
    ax.figure.savefig(tmp_path / "critic.png")
    import matplotlib.pyplot as plt

    plt.close("all")
