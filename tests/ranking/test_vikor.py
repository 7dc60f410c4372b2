"""VIKOR in full: S, R, Q, the compromise conditions and the compromise set."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coopdecide import DecisionProblem, rank
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    MethodWarning,
    UnknownMethodError,
    ZeroRangeCriterionWarning,
)
from coopdecide.ranking import VIKORResult, compromise_set, vikor, vikor_kernel


@pytest.fixture
def opricovic_tzeng():
    """Opricovic and Tzeng (2004), EJOR 156(2):445-455, Section 4, Table 1 (problem f).

    Two criteria: f1 risk (1-5, minimise), f2 altitude (m, maximise), equal weights.
    """
    return DecisionProblem(
        [[1, 3000], [2, 3750], [5, 4500]],
        ["min", "max"],
        weights=[0.5, 0.5],
        alternatives=["A1", "A2", "A3"],
        criteria=["risk", "altitude"],
    )


def test_opricovic_tzeng_2004_published_s_r_q(opricovic_tzeng):
    """Table 3 of Opricovic and Tzeng (2004), p. 452: S = 0.5, 0.375, 0.5; R = 0.5,
    0.25, 0.5; Q = 1, 0, 1 (v = 0.5); A2 is the compromise solution (C1 and C2 hold)."""
    result = vikor(opricovic_tzeng)
    np.testing.assert_allclose(result.s, [0.5, 0.375, 0.5], atol=5e-4)
    np.testing.assert_allclose(result.r, [0.5, 0.25, 0.5], atol=5e-4)
    np.testing.assert_allclose(result.q, [1.0, 0.0, 1.0], atol=5e-4)
    assert list(result.compromise) == ["A2"]
    assert result.advantage and result.stability
    assert result.dq == pytest.approx(0.5)
    assert result.ranks.tolist() == [2, 1, 2]


def test_unit_change_gives_the_same_result(opricovic_tzeng):
    """Opricovic and Tzeng (2004) problem phi (the same data in other units): identical
    S, R and Q, since VIKOR's linear normalization is invariant to x -> a x + b."""
    phi = DecisionProblem([[6, 2.0], [7, 2.75], [10, 3.5]], ["min", "max"], weights=[0.5, 0.5])
    np.testing.assert_allclose(vikor(phi).q, vikor(opricovic_tzeng).q, atol=1e-12)


def test_rank_vikor_is_the_vikor_result(opricovic_tzeng):
    result = rank(opricovic_tzeng, "vikor", v=0.3)
    assert isinstance(result, VIKORResult)
    assert result.options == {"v": 0.3}
    assert result.higher_is_better is False


@pytest.mark.parametrize("v", [0.0, 0.3, 0.5, 1.0])
@pytest.mark.parametrize("normalization", [None, "minmax", "vector", "logarithmic"])
def test_q_matches_pymcdm(v, normalization):
    from pymcdm import methods, normalizations

    rng = np.random.default_rng(7)
    matrix = rng.uniform(1, 10, size=(7, 4))
    problem = DecisionProblem(matrix, ["max", "min", "max", "min"], weights=[0.4, 0.3, 0.2, 0.1])
    function = (
        None if normalization is None else getattr(normalizations, f"{normalization}_normalization")
    )
    expected = methods.VIKOR(function, v=v)(matrix.copy(), problem.weight_array, problem.types)
    ours = vikor(problem, v=v, normalization=normalization)
    np.testing.assert_allclose(ours.q, expected, atol=1e-12)


def test_kernel_is_batched():
    rng = np.random.default_rng(3)
    matrices = rng.uniform(0, 5, size=(6, 5, 3))
    weights = rng.dirichlet(np.ones(3), size=6)
    types = np.array([1, -1, 1])
    s, r, q = vikor_kernel(matrices, weights, types, 0.4)
    for k in range(6):
        one = vikor_kernel(matrices[k], weights[k], types, 0.4)
        np.testing.assert_allclose(s[k], one[0])
        np.testing.assert_allclose(r[k], one[1])
        np.testing.assert_allclose(q[k], one[2])


def test_compromise_set_when_c1_fails():
    """C1 fails: every alternative whose Q is within DQ of the best joins the set."""
    s = np.array([0.2, 0.25, 0.6, 0.9])
    r = np.array([0.1, 0.12, 0.3, 0.5])
    q = np.array([0.0, 0.1, 0.3, 1.0])  # DQ = 1/3: 0.1 and 0.3 are within it
    chosen, advantage, stability, dq = compromise_set(s, r, q)
    assert dq == pytest.approx(1 / 3)
    assert (advantage, stability) == (False, True)
    assert chosen.tolist() == [0, 1, 2]


def test_compromise_set_when_c2_fails():
    """C1 holds, C2 fails (best by Q is best by neither S nor R): the first two by Q."""
    s = np.array([0.3, 0.2, 0.9])
    r = np.array([0.3, 0.4, 0.1])
    q = np.array([0.0, 0.6, 1.0])
    chosen, advantage, stability, _ = compromise_set(s, r, q)
    assert (advantage, stability) == (True, False)
    assert chosen.tolist() == [0, 1]


def test_flat_r_is_a_warning_and_q_ranks_by_s():
    """Every alternative worst on one criterion, equal weights: R = 1/3 for all, the R
    term of Q is 0/0 and is taken as 0, so Q is the rescaled S."""
    problem = DecisionProblem(
        [[1.0, 2.0, 3.0], [2.0, 1.0, 2.0], [3.0, 3.0, 1.0]], "max", weights=[1, 1, 1]
    )
    with pytest.warns(MethodWarning, match=r"R is the same for every alternative"):
        result = vikor(problem)
    s = result.s.to_numpy()
    np.testing.assert_allclose(result.q, 0.5 * (s - s.min()) / np.ptp(s))


def test_constant_criterion_is_a_warning_not_an_error():
    problem = DecisionProblem([[1, 5], [2, 5], [3, 5]], "max", weights=[0.5, 0.5])
    with pytest.warns(ZeroRangeCriterionWarning, match=r"nothing to VIKOR: 'C2'"):
        result = vikor(problem)
    np.testing.assert_allclose(result.s, [0.5, 0.25, 0.0])
    assert result.zero_range_criteria == ("C2",)


def test_errors(opricovic_tzeng):
    with pytest.raises(InvalidArgumentError, match=r"^v must be a number in \[0, 1\]; got 2$"):
        vikor(opricovic_tzeng, v=2)
    with pytest.raises(UnknownMethodError, match=r"^normalization must be one of .*got 'l2'$"):
        vikor(opricovic_tzeng, normalization="l2")
    negative = DecisionProblem([[-1, 2], [1, 3]], "max", weights=[0.5, 0.5])
    with pytest.raises(
        InvalidProblemError, match=r"normalization 'logarithmic' cannot normalize this problem"
    ):
        vikor(negative, normalization="logarithmic")


def test_renderings(opricovic_tzeng, tmp_path):
    result = vikor(opricovic_tzeng)
    frame = result.to_frame()
    assert list(frame.columns) == ["S", "R", "Q", "rank_S", "rank_R", "rank", "compromise"]
    assert frame.index[0] == "A2" and frame["compromise"].tolist() == [True, False, False]
    data = json.loads(json.dumps(result.to_dict()))
    assert data["compromise"] == ["A2"] and data["q"] == [1.0, 0.0, 1.0]
    assert "compromise=A2" in repr(result)
    assert "VIKORResult" in result._repr_html_()
    ax = result.plot.measures()
    assert ax.get_xticklabels()[0].get_text() == "A2 *"
    ax.figure.savefig(tmp_path / "vikor.png")
    assert result.plot().get_title().startswith("Ranking by VIKOR")


def test_results_pickle_and_compare(opricovic_tzeng):
    import pickle

    from coopdecide.ranking import multimoora
    from coopdecide.sensitivity import compare_methods

    result = pickle.loads(pickle.dumps(vikor(opricovic_tzeng)))
    assert list(result.compromise) == ["A2"] and not result.score_array.flags.writeable
    again = pickle.loads(pickle.dumps(multimoora(opricovic_tzeng)))
    assert again.part_ranks.shape == (3, 3)
    compared = compare_methods(opricovic_tzeng, ["vikor", "moora", "multimoora", "topsis"])
    assert compared.ranks["vikor"].tolist() == [2, 1, 2]
    assert compared.ranks["multimoora"].tolist() == multimoora(opricovic_tzeng).ranks.tolist()


def test_vikor_needs_a_decision_problem():
    with pytest.raises(InvalidProblemError, match=r"problem must be a DecisionProblem for VIKOR"):
        vikor([[1, 2], [3, 4]])
