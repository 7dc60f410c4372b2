"""Samplers for SMAA: weights on the simplex, perturbed judgments, uncertain data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from coopdecide import DecisionProblem
from coopdecide.ahp import PairwiseComparison
from coopdecide.exceptions import (
    DisconnectedComparisonError,
    InvalidArgumentError,
    InvalidComparisonError,
    InvalidTypeError,
    InvalidWeightsError,
    UnknownMethodError,
)
from coopdecide.sensitivity.sampling import (
    SAATY_STEPS,
    DataIntervals,
    DataUncertainty,
    DirichletWeights,
    JudgmentUncertainty,
    aggregate_aij,
    aggregate_aip,
    perturb_lognormal,
    perturb_saaty_steps,
    resolve_weights_spec,
    sample_dirichlet,
    sample_simplex,
)


# -- weights ------------------------------------------------------------------------
@pytest.mark.parametrize("m", [2, 4, 7])
def test_simplex_sampler_is_uniform_on_the_simplex(m):
    # Under the uniform distribution on the (m-1)-simplex every weight is Beta(1, m-1)
    # (the flat Dirichlet's marginal). KS test at a fixed seed.
    w = sample_simplex(np.random.default_rng(12345), 20_000, m)
    assert np.allclose(w.sum(axis=1), 1.0)
    for j in range(m):
        assert stats.kstest(w[:, j], stats.beta(1, m - 1).cdf).pvalue > 0.01


def test_uniform_then_normalise_fails_the_same_test():
    # The biased sampler Tervonen and Lahdelma (2007) warn about: the test above can fail.
    rng = np.random.default_rng(12345)
    u = rng.random((20_000, 4))
    w = u / u.sum(axis=1, keepdims=True)
    assert stats.kstest(w[:, 0], stats.beta(1, 3).cdf).pvalue < 1e-6


def test_simplex_sampler_pairs_are_uniform():
    # For m = 3 the simplex is a triangle: P(w1 > 1/2) = 1/4 (corner triangle of area 1/4).
    w = sample_simplex(np.random.default_rng(7), 40_000, 3)
    assert abs((w[:, 0] > 0.5).mean() - 0.25) < 4 * np.sqrt(0.25 * 0.75 / 40_000)


def test_dirichlet_marginal_and_zero_alpha():
    alpha = np.array([30.0, 15.0, 5.0, 0.0])
    w = sample_dirichlet(np.random.default_rng(3), 20_000, alpha)
    assert (w[:, 3] == 0).all()
    assert np.allclose(w.sum(axis=1), 1.0)
    # marginal of w_1 is Beta(alpha_1, sum(alpha) - alpha_1)
    assert stats.kstest(w[:, 0], stats.beta(30, 20).cdf).pvalue > 0.01


def test_resolve_weight_specs():
    problem = DecisionProblem([[1, 2], [2, 1]], "max", weights=[3, 1])
    assert resolve_weights_spec("auto", problem)[0] == "fixed"
    assert resolve_weights_spec("uniform", problem)[0] == "uniform"
    kind, alpha, _ = resolve_weights_spec(DirichletWeights(10), problem)
    assert kind == "dirichlet"
    np.testing.assert_allclose(alpha, [7.5, 2.5])
    unweighted = DecisionProblem([[1, 2], [2, 1]], "max")
    assert resolve_weights_spec("auto", unweighted)[0] == "uniform"


def test_weight_spec_errors():
    unweighted = DecisionProblem([[1, 2], [2, 1]], "max", criteria=["x", "y"])
    with pytest.raises(InvalidArgumentError, match="concentration must be greater than 0"):
        DirichletWeights(-1.0)
    with pytest.raises(InvalidArgumentError, match="concentration must be greater than 0"):
        DirichletWeights(0)
    with pytest.raises(InvalidWeightsError, match="needs a center"):
        resolve_weights_spec(DirichletWeights(5), unweighted)
    with pytest.raises(InvalidWeightsError, match="weights='fixed' needs weights"):
        resolve_weights_spec("fixed", unweighted)
    with pytest.raises(UnknownMethodError, match="weights must be one of"):
        resolve_weights_spec("flat", unweighted)
    with pytest.raises(InvalidTypeError, match="got None"):
        resolve_weights_spec(None, unweighted)
    with pytest.raises(InvalidWeightsError, match="one value per criterion"):
        resolve_weights_spec([0.2, 0.3, 0.5], unweighted)
    with pytest.raises(InvalidWeightsError, match="do not exist"):
        resolve_weights_spec(DirichletWeights(5, center={"x": 1, "z": 2}), unweighted)


# -- judgments -------------------------------------------------------------------------
def test_saaty_steps_zero_reproduces_and_window_is_uniform():
    values = np.array([9.0, 1.0, 2.5, 1 / 7])
    same = perturb_saaty_steps(np.random.default_rng(0), 50, values, 0)
    assert (same == values).all()
    out = perturb_saaty_steps(np.random.default_rng(1), 30_000, values, 2)
    # 9 moves within {7, 8, 9} (the window is cut at the end of the scale), each 1/3
    counts = np.array([(out[:, 0] == v).sum() for v in (7.0, 8.0, 9.0)])
    assert counts.sum() == 30_000
    assert stats.chisquare(counts).pvalue > 0.01
    # 1 moves within {1/3, 1/2, 1, 2, 3}, each 1/5
    allowed = {1 / 3, 1 / 2, 1.0, 2.0, 3.0}
    assert set(np.unique(out[:, 1]).tolist()) == allowed
    # 2.5 is read as its nearest scale value 3 (index 10); moves of 0 keep 2.5 itself
    assert set(np.unique(out[:, 2]).tolist()) == {1.0, 2.0, 2.5, 4.0, 5.0}
    # every value stays on the scale 1/9 .. 9
    assert out.min() >= 1 / 9 - 1e-15 and out.max() <= 9
    assert np.isin(out[:, 3], SAATY_STEPS).all()


def test_lognormal_zero_sigma_and_spread():
    values = np.array([3.0, 0.25])
    assert (perturb_lognormal(np.random.default_rng(0), 10, values, 0.0) == values).all()
    out = perturb_lognormal(np.random.default_rng(0), 40_000, values, 0.3)
    log_ratio = np.log(out / values)
    np.testing.assert_allclose(log_ratio.std(axis=0), 0.3, rtol=0.03)
    np.testing.assert_allclose(log_ratio.mean(axis=0), 0.0, atol=0.01)


def test_aij_and_rgmm_reproduce_dong_2010(reference_case):
    # Dong, Zhang, Hong and Xu (2010), Decision Support Systems 49(3):281-289, Section 5:
    # five decision makers, AIJ by weighted geometric mean, row geometric mean priorities.
    case = reference_case("ahp-dong2010-group-aij-weighted-geometric-mean")
    matrices = np.array(case["inputs"]["judgement_matrices"], dtype=float)
    lambdas = case["inputs"]["decision_maker_weights"]
    collective = aggregate_aij(matrices, lambdas)
    np.testing.assert_allclose(
        collective,
        case["expected"]["collective_matrix"],
        atol=case["tolerance"]["collective_matrix"],
    )
    experts = {f"DM{k + 1}": PairwiseComparison(m) for k, m in enumerate(matrices)}
    spec = JudgmentUncertainty(
        experts,
        steps=0,
        priority="geometric",
        expert_weights=dict(zip(experts, lambdas, strict=True)),
    )
    sampler = spec.resolve(pd.Index(["C1", "C2", "C3", "C4"]))
    np.testing.assert_allclose(
        sampler.point_weights(),
        case["expected"]["collective_priorities"],
        atol=case["tolerance"]["priorities"],
    )
    # zero steps: every sample is the point result
    samples = sampler.sample(np.random.default_rng(0), 5)
    np.testing.assert_allclose(samples, np.tile(sampler.point_weights(), (5, 1)), atol=1e-12)


def test_judgment_sampler_keeps_reciprocity_and_reorders_to_criteria():
    pc = PairwiseComparison([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]], labels=["b", "a", "c"])
    sampler = JudgmentUncertainty(pc, steps=2).resolve(pd.Index(["a", "b", "c"]))
    matrices = sampler.matrices(np.random.default_rng(0), 200)
    np.testing.assert_allclose(matrices * np.swapaxes(matrices, 1, 2), 1.0)
    point = sampler.point_weights()
    # criteria order a, b, c: b is the most important criterion of the comparison
    assert point.argmax() == 1
    weights = sampler.sample(np.random.default_rng(0), 200)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)


def test_judgment_spec_errors():
    pc = PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["x", "y"])
    with pytest.raises(InvalidArgumentError, match="exactly one of steps"):
        JudgmentUncertainty(pc)
    with pytest.raises(InvalidArgumentError, match="exactly one of steps"):
        JudgmentUncertainty(pc, steps=1, sigma=0.1)
    with pytest.raises(InvalidArgumentError, match="steps must be between 0 and 16"):
        JudgmentUncertainty(pc, steps=-1)
    with pytest.raises(InvalidTypeError, match="steps must be an integer"):
        JudgmentUncertainty(pc, steps=1.5)
    with pytest.raises(InvalidArgumentError, match="sigma must be at least 0"):
        JudgmentUncertainty(pc, sigma=-0.2)
    with pytest.raises(UnknownMethodError, match="priority must be one of"):
        JudgmentUncertainty(pc, steps=1, priority="power")
    split = PairwiseComparison.from_judgments(["a", "b", "c", "d"], {("a", "b"): 2, ("c", "d"): 3})
    with pytest.raises(DisconnectedComparisonError, match="2 separate groups: 'a', 'b'; 'c'"):
        JudgmentUncertainty({"ana": split, "ben": split}, steps=1)
    other = PairwiseComparison([[1, 2], [0.5, 1]], labels=["x", "w"])
    with pytest.raises(InvalidComparisonError, match="every expert must compare the same"):
        JudgmentUncertainty({"ana": pc, "ben": other}, steps=1)
    with pytest.raises(InvalidComparisonError, match="exactly the problem's criteria"):
        JudgmentUncertainty(pc, steps=1).resolve(pd.Index(["x", "z"]))
    with pytest.raises(InvalidWeightsError, match="expert_weights names criteria that do not"):
        JudgmentUncertainty({"ana": pc}, steps=1, expert_weights={"bob": 1})
    with pytest.raises(InvalidTypeError, match="must be a PairwiseComparison"):
        JudgmentUncertainty("matrix", steps=1)


def test_judgments_accept_a_list_and_plain_matrices():
    a = PairwiseComparison([[1, 3], [1 / 3, 1]], labels=["x", "y"])
    b = PairwiseComparison([[1, 1 / 2], [2, 1]], labels=["y", "x"])  # same criteria, reordered
    spec = JudgmentUncertainty([a, b], sigma=0.1)
    assert spec.experts == ("E1", "E2")
    # geometric mean of 3 and 2 for (x, y)
    sampler = JudgmentUncertainty([a, b], sigma=0.0).resolve(pd.Index(["x", "y"]))
    np.testing.assert_allclose(sampler.upper[:, 0], [3.0, 2.0])
    plain = JudgmentUncertainty([[1, 4], [0.25, 1]], steps=0)
    assert list(plain.labels) == ["C1", "C2"]


# -- data -------------------------------------------------------------------------------
@pytest.fixture
def problem():
    return DecisionProblem(
        [[10.0, 1.0], [20.0, 0.0], [30.0, 2.0]],
        ["max", "min"],
        alternatives=["a", "b", "c"],
        criteria=["gdp", "risk"],
    )


def test_data_uncertainty_relative_normal(problem):
    sampler = DataUncertainty({"gdp": 0.1}).resolve(problem)
    draws = sampler.sample(np.random.default_rng(0), 40_000)
    assert draws.shape == (40_000, 3, 2)
    np.testing.assert_allclose(draws[:, :, 0].std(axis=0), [1.0, 2.0, 3.0], rtol=0.03)
    assert (draws[:, :, 1] == problem.matrix[:, 1]).all()  # criteria left out are exact


def test_data_uncertainty_absolute_uniform_and_clipping(problem):
    spread = pd.DataFrame({"risk": [0.5, 0.5, 0.5]}, index=["a", "b", "c"])
    sampler = DataUncertainty(spread, relative=False, distribution="uniform").resolve(problem)
    draws = sampler.sample(np.random.default_rng(0), 20_000)
    risk = draws[:, :, 1]
    # risk >= 0 in the data, so it stays >= 0: "b" (value 0) is clipped half of the time
    assert risk.min() == 0.0
    assert abs((risk[:, 1] == 0).mean() - 0.5) < 0.02
    assert risk[:, 0].min() >= 0.5 and risk[:, 0].max() <= 1.5
    unclipped = DataUncertainty(spread, relative=False, distribution="uniform", clip_negative=False)
    assert unclipped.resolve(problem).sample(np.random.default_rng(0), 1000)[:, 1, 1].min() < 0


def test_data_intervals(problem):
    low = problem.performance - 1
    high = problem.performance + 1
    high.loc["a", "gdp"] = 10.0  # a fixed upper bound
    draws = DataIntervals(low, high).resolve(problem).sample(np.random.default_rng(0), 5000)
    assert (draws >= low.to_numpy()).all() and (draws <= high.to_numpy()).all()
    assert stats.kstest(draws[:, 2, 0], stats.uniform(29, 2).cdf).pvalue > 0.01


def test_data_spec_errors(problem):
    with pytest.raises(InvalidArgumentError, match=r"spread must be non-negative; got -0\.1"):
        DataUncertainty(-0.1).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="spread names criteria that do not exist"):
        DataUncertainty({"gpd": 0.1}).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="spread names unknown alternatives"):
        DataUncertainty(pd.DataFrame({"gdp": [0.1]}, index=["zz"])).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="spread names unknown criteria"):
        DataUncertainty(pd.DataFrame({"gpd": [0.1]}, index=["a"])).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="spread must be finite"):
        DataUncertainty(float("nan")).resolve(problem)
    with pytest.raises(InvalidTypeError, match="spread must be a number"):
        DataUncertainty("ten percent").resolve(problem)
    with pytest.raises(UnknownMethodError, match="distribution must be one of"):
        DataUncertainty(0.1, distribution="cauchy")
    with pytest.raises(InvalidTypeError, match="relative must be True or False"):
        DataUncertainty(0.1, relative="yes")
    with pytest.raises(InvalidArgumentError, match="low must not exceed high"):
        DataIntervals(problem.performance + 1, problem.performance).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="low must have the problem's shape"):
        DataIntervals([[1, 2]], [[1, 2]]).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="low names criteria that do not exist"):
        DataIntervals(pd.DataFrame({"x": [1.0]}, index=["a"]), problem.performance).resolve(problem)
    with pytest.raises(InvalidArgumentError, match="high must be finite"):
        DataIntervals(problem.performance, problem.performance * np.inf).resolve(problem)


def test_judgments_accept_a_list_of_arrays_and_a_3d_array():
    a = [[1, 3], [1 / 3, 1]]
    b = [[1, 2], [1 / 2, 1]]
    for group in ([a, b], [np.array(a), np.array(b)], np.array([a, b])):
        spec = JudgmentUncertainty(group, sigma=0.0)
        assert spec.experts == ("E1", "E2")
    assert JudgmentUncertainty(np.array(a), steps=0).experts == ("expert",)


def test_incomplete_judgments_are_completed_like_the_ahp_module():
    # Independent implementations in coopdecide.ahp: llsm_weights (one expert, geometric)
    # and ahp_group (AIJ over the experts who judged each pair, LLSM completion).
    from coopdecide.ahp import ahp_group, llsm_weights

    labels = ["a", "b", "c", "d"]
    index = pd.Index(labels)
    one = PairwiseComparison.from_judgments(
        labels, {("a", "b"): 3, ("b", "c"): 2, ("c", "d"): 5, ("a", "c"): 4}
    )
    sampler = JudgmentUncertainty(one, steps=0, priority="geometric").resolve(index)
    np.testing.assert_allclose(sampler.point_weights(), llsm_weights(one).to_numpy(), atol=1e-12)
    np.testing.assert_allclose(
        sampler.sample(np.random.default_rng(0), 3), np.tile(sampler.point_weights(), (3, 1))
    )
    two = PairwiseComparison.from_judgments(
        labels, {("a", "b"): 2, ("b", "d"): 1 / 3, ("a", "d"): 2, ("c", "d"): 1}
    )
    group = {"ana": one, "ben": two}
    lambdas = {"ana": 0.7, "ben": 0.3}
    for priority in ("geometric", "eigenvector"):
        spec = JudgmentUncertainty(group, steps=0, priority=priority, expert_weights=lambdas)
        expected = ahp_group(
            group, lambdas, method=priority, completion="llsm", warn=False
        ).weights.reindex(labels)
        np.testing.assert_allclose(
            spec.resolve(index).point_weights(), expected.to_numpy(), atol=1e-9
        )
    # perturbed samples: missing pairs are re-completed in every sample
    weights = JudgmentUncertainty(one, steps=2).resolve(index).sample(np.random.default_rng(1), 200)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    assert weights.std(axis=0).min() > 0


# -- aggregation of individual priorities (AIP) ------------------------------------------
def _panel():
    labels = ["a", "b", "c", "d"]
    ana = PairwiseComparison.from_judgments(
        labels,
        {
            ("a", "b"): 3,
            ("a", "c"): 5,
            ("a", "d"): 2,
            ("b", "c"): 2,
            ("b", "d"): 1 / 2,
            ("c", "d"): 1 / 3,
        },
    )
    ben = PairwiseComparison.from_judgments(
        labels,
        {
            ("a", "b"): 1 / 2,
            ("a", "c"): 1,
            ("a", "d"): 4,
            ("b", "c"): 3,
            ("b", "d"): 5,
            ("c", "d"): 2,
        },
    )
    cem = PairwiseComparison.from_judgments(
        labels,
        {
            ("a", "b"): 7,
            ("a", "c"): 1 / 3,
            ("a", "d"): 1,
            ("b", "c"): 1 / 5,
            ("b", "d"): 1,
            ("c", "d"): 6,
        },
    )
    return labels, {"ana": ana, "ben": ben, "cem": cem}, {"ana": 0.5, "ben": 0.3, "cem": 0.2}


@pytest.mark.parametrize("aggregation", ["aij", "aip", "aip-geometric", "aip-arithmetic"])
@pytest.mark.parametrize("priority", ["eigenvector", "geometric", "column"])
def test_zero_perturbation_gives_the_group_ahp_weights(aggregation, priority):
    # Independent implementation: coopdecide.ahp_group, one unbatched call per panel.
    from coopdecide.ahp import ahp_group

    _, panel, lambdas = _panel()
    expected = ahp_group(
        panel, lambdas, aggregation=aggregation, method=priority, warn=False
    ).weights.reindex(["d", "c", "b", "a"])  # the problem's criteria in another order
    spec = JudgmentUncertainty(
        panel, steps=0, priority=priority, expert_weights=lambdas, aggregation=aggregation
    )
    sampler = spec.resolve(pd.Index(["d", "c", "b", "a"]))
    np.testing.assert_allclose(sampler.point_weights(), expected.to_numpy(), atol=1e-10)
    samples = sampler.sample(np.random.default_rng(0), 4)
    np.testing.assert_allclose(samples, np.tile(expected.to_numpy(), (4, 1)), atol=1e-10)
    zero_sigma = JudgmentUncertainty(
        panel, sigma=0.0, priority=priority, expert_weights=lambdas, aggregation=aggregation
    ).resolve(pd.Index(["d", "c", "b", "a"]))
    np.testing.assert_allclose(
        zero_sigma.sample(np.random.default_rng(1), 2)[0], expected.to_numpy(), atol=1e-10
    )


def test_aip_differs_from_aij_and_perturbs_each_expert():
    labels, panel, lambdas = _panel()
    index = pd.Index(labels)
    aij = JudgmentUncertainty(panel, steps=1, expert_weights=lambdas).resolve(index)
    aip = JudgmentUncertainty(
        panel, steps=1, expert_weights=lambdas, aggregation="aip-arithmetic"
    ).resolve(index)
    assert np.abs(aij.point_weights() - aip.point_weights()).max() > 1e-3
    matrices = aip.expert_matrices(np.random.default_rng(0), 50)
    assert matrices.shape == (50, 3, 4, 4)
    np.testing.assert_allclose(matrices * np.swapaxes(matrices, -1, -2), 1.0)
    weights = aip.sample(np.random.default_rng(0), 300)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0)
    assert weights.std(axis=0).min() > 0
    with pytest.raises(InvalidArgumentError, match="aggregates the experts' priorities"):
        aip.matrices(np.random.default_rng(0), 2)


def test_aggregate_aip_by_hand():
    # Forman and Peniwati (1998): AIP is the weighted arithmetic or geometric mean of the
    # priority vectors. Geometric: (0.8^0.75 * 0.5^0.25, 0.2^0.75 * 0.5^0.25), normalised.
    w = np.array([[0.8, 0.2], [0.5, 0.5]])
    g = np.array([0.8**0.75 * 0.5**0.25, 0.2**0.75 * 0.5**0.25])
    np.testing.assert_allclose(aggregate_aip(w, [0.75, 0.25]), g / g.sum(), atol=1e-15)
    np.testing.assert_allclose(
        aggregate_aip(w, [0.75, 0.25], "arithmetic"), [0.725, 0.275], atol=1e-15
    )
    # batched over leading axes; an expert with weight 0 does not count
    stack = np.stack([w, w[::-1]])
    np.testing.assert_allclose(aggregate_aip(stack, [1.0, 0.0])[1], [0.5, 0.5], atol=1e-15)


def test_aggregate_aip_refuses_an_unknown_mean():
    # a misspelt mean must not silently give the arithmetic mean
    with pytest.raises(UnknownMethodError, match="mean must be one of 'geometric', 'arithmetic'"):
        aggregate_aip([[0.8, 0.2], [0.5, 0.5]], [0.5, 0.5], "geometic")


def test_aip_with_incomplete_judgments_completes_each_expert():
    # Independent implementation: ahp_group completes each expert's matrix (LLSM) and
    # aggregates the priorities.
    from coopdecide.ahp import ahp_group

    labels = ["a", "b", "c", "d"]
    one = PairwiseComparison.from_judgments(
        labels, {("a", "b"): 3, ("b", "c"): 2, ("c", "d"): 5, ("a", "c"): 4}
    )
    two = PairwiseComparison.from_judgments(
        labels, {("a", "b"): 2, ("b", "d"): 1 / 3, ("a", "d"): 2, ("c", "d"): 1}
    )
    group = {"ana": one, "ben": two}
    for aggregation in ("aip-geometric", "aip-arithmetic"):
        for priority in ("geometric", "eigenvector"):
            expected = ahp_group(
                group,
                aggregation=aggregation,
                method=priority,
                completion="llsm",
                warn=False,
            ).weights
            spec = JudgmentUncertainty(
                group, steps=0, priority=priority, aggregation=aggregation
            ).resolve(pd.Index(labels))
            np.testing.assert_allclose(spec.point_weights(), expected.to_numpy(), atol=1e-9)


def test_aip_needs_every_expert_connected():
    labels = ["a", "b", "c", "d"]
    full = PairwiseComparison.from_judgments(
        labels, {(x, y): 2 for i, x in enumerate(labels) for y in labels[i + 1 :]}
    )
    split = PairwiseComparison.from_judgments(labels, {("a", "b"): 2, ("c", "d"): 3})
    # AIJ: the union connects the criteria, so the split expert is fine
    JudgmentUncertainty({"ana": full, "ben": split}, steps=1)
    with pytest.raises(
        DisconnectedComparisonError,
        match=r"expert 'ben': the judged pairs do not connect all criteria, .* 'a', 'b'; 'c'",
    ):
        JudgmentUncertainty({"ana": full, "ben": split}, steps=1, aggregation="aip")
    with pytest.raises(UnknownMethodError, match="aggregation must be one of 'aij'"):
        JudgmentUncertainty(full, steps=1, aggregation="mean")
