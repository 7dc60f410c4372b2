"""SMAA on given measurement samples and per-cell data distributions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, UnknownMethodError
from coopdecide.sensitivity import DataIntervals, DataUncertainty, smaa


@pytest.fixture
def problem():
    return DecisionProblem(
        [[1.0, 2.0], [2.0, 1.0], [1.5, 1.5]], "max", weights=[0.5, 0.5],
        alternatives=["a", "b", "c"], criteria=["x", "y"],
    )  # fmt: skip


def _samples(n_first_a: int, total: int) -> np.ndarray:
    """``total`` matrices: in the first ``n_first_a`` a dominates, in the rest b does."""
    a_wins = np.array([[3.0, 3.0], [1.0, 1.0], [2.0, 2.0]])
    b_wins = np.array([[1.0, 1.0], [3.0, 3.0], [2.0, 2.0]])
    return np.stack([a_wins] * n_first_a + [b_wins] * (total - n_first_a))


def test_given_samples_give_exact_acceptabilities(problem):
    """With fixed weights the ranking of each given matrix is certain: a is first in
    exactly 1,300 of 2,500 samples, b in the others; c is always second."""
    result = smaa(problem, data=_samples(1300, 2500), random_state=0)
    assert result.n_samples == 2500
    assert result.rank_acceptability.loc["a", 1] == pytest.approx(1300 / 2500)
    assert result.rank_acceptability.loc["b", 1] == pytest.approx(1200 / 2500)
    assert result.rank_acceptability.loc["c", 2] == 1.0
    # confidence factors use the same measurements: a wins wherever it dominates
    assert result.confidence["a"] == pytest.approx(1300 / 2500)


def test_like_r_smaa_linear_utilities():
    """R smaa's example setting (Tervonen's smaa package, ?smaa): random normal
    measurements and fixed weights; the first-rank acceptability is the share of
    samples in which the alternative has the best weighted utility. With one
    benefit criterion and TOPSIS, the best is the largest value in each sample."""
    rng = np.random.default_rng(3)
    meas = rng.uniform(1, 2, size=(4000, 3, 1))
    problem = DecisionProblem(np.ones((3, 1)) * 1.5, "max", weights=[1.0])
    result = smaa(problem, data=meas, random_state=1)
    expected = np.bincount(meas[:, :, 0].argmax(axis=1), minlength=3) / 4000
    np.testing.assert_allclose(result.first_rank_acceptability, expected)


def test_given_samples_are_chunk_invariant_and_iterables_work(problem):
    rng = np.random.default_rng(5)
    samples = rng.uniform(0.5, 3, size=(3500, 3, 2))
    reference = smaa(problem, data=samples, weights="uniform", random_state=7)
    for chunk_size in (1000, 2000):
        other = smaa(problem, data=samples, weights="uniform", chunk_size=chunk_size,
                     random_state=7)  # fmt: skip
        pd.testing.assert_frame_equal(other.rank_acceptability, reference.rank_acceptability)
    blocks = (samples[k : k + 700] for k in range(0, 3500, 700))
    from_blocks = smaa(problem, data=blocks, weights="uniform", random_state=7)
    pd.testing.assert_frame_equal(from_blocks.rank_acceptability, reference.rank_acceptability)
    one_by_one = smaa(problem, data=list(samples), weights="uniform", random_state=7)
    pd.testing.assert_frame_equal(one_by_one.central_weights, reference.central_weights)


def test_given_samples_errors(problem):
    samples = _samples(10, 20)
    with pytest.raises(
        InvalidArgumentError, match=r"n_samples must be the number of given samples \(20\)"
    ):
        smaa(problem, 50, data=samples)
    assert smaa(problem, 20, data=samples).n_samples == 20
    with pytest.raises(InvalidArgumentError, match=r"data must have shape \(n_samples, 3, 2\)"):
        smaa(problem, data=np.ones((5, 2, 3)))
    with pytest.raises(InvalidArgumentError, match=r"data\[1\] must have shape"):
        smaa(problem, data=[np.ones((3, 2)), np.ones((4, 2))])
    with pytest.raises(InvalidArgumentError, match=r"data must be finite"):
        smaa(problem, data=np.full((4, 3, 2), np.nan))
    with pytest.raises(InvalidArgumentError, match=r"at least one sample"):
        smaa(problem, data=[])
    with pytest.raises(InvalidTypeError, match=r"data\[0\] must be numbers"):
        smaa(problem, data=[{"x": 1}])
    with pytest.raises(InvalidTypeError, match=r"data must be a DataUncertainty, .*got DataFrame"):
        smaa(problem, data=problem.performance)


# -- per-cell distributions ------------------------------------------------------------
def _draws(spec, problem, size=200_000, seed=0):
    return spec.resolve(problem).sample(np.random.default_rng(seed), size)


def test_each_distribution_has_its_moments_and_support():
    problem = DecisionProblem([[10.0], [10.0]], "max", weights=[1.0])
    cases = {  # name: (mean, sd, low, high) with absolute spread 2 around 10
        "normal": (10, 2, -np.inf, np.inf),
        "uniform": (10, 2 / np.sqrt(3), 8, 12),
        "triangular": (10, 2 / np.sqrt(6), 8, 12),
        "pert": (10, 2 / np.sqrt(7), 8, 12),  # Beta(3, 3) on [8, 12]: sd = 4 sqrt(1/28)
    }
    for name, (mean, sd, low, high) in cases.items():
        values = _draws(DataUncertainty(2.0, relative=False, distribution=name), problem)[:, 0]
        assert values.mean() == pytest.approx(mean, abs=0.02), name
        assert values.std() == pytest.approx(sd, rel=0.01), name
        assert values.min() >= low and values.max() <= high, name
    lognormal = _draws(DataUncertainty(0.2, distribution="lognormal"), problem)[:, 0]
    assert np.median(lognormal) == pytest.approx(10, rel=0.005)
    assert np.log(lognormal).std() == pytest.approx(0.2, rel=0.01)
    assert lognormal.min() > 0


def test_per_cell_distributions_from_a_dataframe_and_a_mapping():
    problem = DecisionProblem([[10.0, 5.0], [20.0, 8.0]], "max", weights=[0.5, 0.5],
                              alternatives=["a", "b"], criteria=["x", "y"])  # fmt: skip
    kinds = pd.DataFrame({"x": ["uniform", "lognormal"]}, index=["a", "b"])  # y: normal
    values = _draws(DataUncertainty(0.1, distribution=kinds, clip_negative=False), problem)
    assert values[:, 0, 0].min() >= 9 and values[:, 0, 0].max() <= 11  # uniform +-10 %
    assert values[:, 1, 0].min() > 0  # log-normal
    assert values[:, 0, 1].std() == pytest.approx(0.5, rel=0.01)  # normal, sd 10 % of 5
    by_criterion = _draws(DataUncertainty(0.1, distribution={"y": "pert"}), problem)
    assert by_criterion[:, :, 1].max() <= 8.8 and by_criterion[:, 0, 1].min() >= 4.5


def test_normal_and_uniform_draws_are_unchanged():
    """The single-distribution cases draw exactly what they drew before per-cell
    distributions (one standard normal or uniform array per block)."""
    problem = DecisionProblem([[10.0, 5.0], [20.0, 8.0]], "max", weights=[0.5, 0.5])
    normal = _draws(DataUncertainty(0.1, relative=False), problem, size=5, seed=3)
    expected = problem.matrix + 0.1 * np.random.default_rng(3).standard_normal((5, 2, 2))
    np.testing.assert_array_equal(normal, np.maximum(expected, 0))
    uniform = _draws(DataUncertainty(0.1, relative=False, distribution="uniform"), problem,
                     size=5, seed=3)  # fmt: skip
    expected = problem.matrix + 0.1 * np.random.default_rng(3).uniform(-1, 1, (5, 2, 2))
    np.testing.assert_array_equal(uniform, expected)


def test_interval_distributions():
    problem = DecisionProblem([[10.0], [10.0]], "max", weights=[1.0])
    low, high = [[8.0], [8.0]], [[14.0], [14.0]]
    triangular = _draws(DataIntervals(low, high, distribution="triangular"), problem)[:, 0]
    assert triangular.mean() == pytest.approx((8 + 10 + 14) / 3, abs=0.02)
    pert = _draws(DataIntervals(low, high, distribution="pert", mode=[[9.0], [9.0]]), problem)
    assert pert.mean() == pytest.approx((8 + 4 * 9 + 14) / 6, abs=0.02)  # PERT mean
    assert pert.min() >= 8 and pert.max() <= 14
    with pytest.raises(InvalidArgumentError, match=r"mode must lie within \[low, high\]"):
        DataIntervals(low, [[9.0], [9.0]], distribution="pert", mode=[[9.5], [9.0]]).resolve(
            problem
        )
    with pytest.raises(InvalidArgumentError, match=r"mode is for distribution='triangular'"):
        DataIntervals([[8.0]], [[14.0]], mode=[[9.0]])


def test_distribution_errors():
    problem = DecisionProblem(
        [[0.0, 1.0], [1.0, 0.5]], "max", weights=[0.5, 0.5], criteria=["x", "y"]
    )
    with pytest.raises(UnknownMethodError, match=r"^distribution must be one of 'normal', "):
        DataUncertainty(0.1, distribution="gamma")
    with pytest.raises(UnknownMethodError, match=r"distribution\['A1', 'y'\] must be one of"):
        DataUncertainty(0.1, distribution=pd.DataFrame({"y": ["beta"]}, index=["A1"])).resolve(
            problem
        )
    with pytest.raises(InvalidArgumentError, match=r"criteria that do not exist: 'z'"):
        DataUncertainty(0.1, distribution={"z": "pert"}).resolve(problem)
    with pytest.raises(InvalidArgumentError, match=r"'lognormal' needs a non-zero value"):
        DataUncertainty(0.1, relative=False, distribution="lognormal").resolve(problem)
    with pytest.raises(InvalidTypeError, match=r"distribution must be a name, a mapping"):
        DataUncertainty(0.1, distribution=3).resolve(problem)


def test_smaa_with_per_cell_distributions_is_reproducible(problem):
    spec = DataUncertainty(0.2, distribution={"x": "triangular", "y": "lognormal"})
    first = smaa(problem, 3000, data=spec, random_state=4, chunk_size=1000)
    second = smaa(problem, 3000, data=spec, random_state=4)
    pd.testing.assert_frame_equal(first.rank_acceptability, second.rank_acceptability)


@pytest.mark.parametrize(
    ("method", "options"), [("vikor", {"v": 0.3}), ("vikor", {}), ("moora", {})]
)
def test_batched_vikor_and_moora_match_rank_per_sample(method, options):
    """smaa() evaluates VIKOR and MOORA by their batched kernels: each kept sample's
    scores are those of rank() on that sample's matrix."""
    from coopdecide import rank

    rng = np.random.default_rng(8)
    samples = rng.uniform(1, 5, size=(30, 4, 3))
    problem = DecisionProblem(samples[0], ["max", "min", "max"], weights=[0.5, 0.3, 0.2])
    result = smaa(problem, data=samples, method=method, method_options=options,
                  keep_scores=True, random_state=0)  # fmt: skip
    for k in (0, 11, 29):
        one = DecisionProblem(samples[k], ["max", "min", "max"], weights=[0.5, 0.3, 0.2])
        expected = rank(one, method, **options).score_array
        np.testing.assert_allclose(result.score_samples.iloc[k], expected, atol=1e-12)


def test_batched_vikor_equals_the_per_sample_loop():
    """VIKOR with normalization="minmax" (affine: the same Q) still runs rank() per sample;
    both paths give identical SMAA results."""
    rng = np.random.default_rng(2)
    problem = DecisionProblem(rng.uniform(1, 9, size=(5, 3)), ["max", "min", "max"])
    batched = smaa(problem, 300, weights="uniform", method="vikor", random_state=3)
    loop = smaa(problem, 300, weights="uniform", method="vikor",
                method_options={"normalization": "minmax"}, random_state=3)  # fmt: skip
    pd.testing.assert_frame_equal(batched.rank_acceptability, loop.rank_acceptability)
    pd.testing.assert_frame_equal(batched.central_weights, loop.central_weights)
