"""SMAA-2 (Lahdelma and Salminen 2001): acceptability indices, reproducibility, errors."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from coopdecide import DecisionProblem, topsis
from coopdecide.ahp import PairwiseComparison, ahp, ahp_group
from coopdecide.exceptions import (
    InvalidArgumentError,
    InvalidProblemError,
    InvalidTypeError,
    InvalidWeightsError,
    UnknownMethodError,
)
from coopdecide.sensitivity import SMAAResult, smaa
from coopdecide.sensitivity.acceptability import meta_weights
from coopdecide.sensitivity.sampling import (
    DataIntervals,
    DataUncertainty,
    DirichletWeights,
    JudgmentUncertainty,
    UniformWeights,
)

SQRT2 = np.sqrt(2.0)


def _random_problem(n=7, m=4, seed=0, weights=None):
    rng = np.random.default_rng(seed)
    return DecisionProblem(
        rng.uniform(1, 10, (n, m)),
        ["max", "min", "max", "max"][:m] if m <= 4 else "max",
        weights=weights,
    )


@pytest.fixture(scope="module")
def two_by_two():
    # A = (3, 1), B = (1, 2), both criteria benefit. Vector normalization: the gaps between
    # A and B are d1 = 2/sqrt(10) (A better) and d2 = 1/sqrt(5) (B better). With two
    # alternatives each one sits on the ideal where it is better and on the anti-ideal where
    # it is worse, so D+_A = w2 d2, D-_A = w1 d1 and A wins iff w1 d1 > w2 d2, i.e.
    # w1 > t = d2 / (d1 + d2) = 1 / (1 + sqrt 2) = sqrt(2) - 1.
    return DecisionProblem([[3.0, 1.0], [1.0, 2.0]], "max", alternatives=["A", "B"])


# -- analytic cases --------------------------------------------------------------------
def test_two_alternatives_uniform_weights_match_hand_calculation(two_by_two):
    n = 40_000
    result = smaa(two_by_two, n, pairwise=True, random_state=2024)
    t = SQRT2 - 1  # uniform weights: w1 ~ U(0, 1), so P(A first) = 1 - t = 2 - sqrt 2
    b = result.rank_acceptability
    tolerance = 4 * np.sqrt(t * (1 - t) / n)
    assert abs(b.loc["A", 1] - (2 - SQRT2)) < tolerance
    assert abs(result.pairwise_winning.loc["A", "B"] - (2 - SQRT2)) < tolerance
    assert abs(result.expected_rank["A"] - (1 + t)) < tolerance
    # central weights: E[w1 | w1 > t] = (1 + t) / 2 and E[w1 | w1 < t] = t / 2
    cw = result.central_weights
    assert abs(cw.loc["A", "C1"] - (1 + t) / 2) < 0.01
    assert abs(cw.loc["B", "C1"] - t / 2) < 0.01
    # exact data: each central weight is inside its winning interval, confidence 1
    assert result.confidence.tolist() == [1.0, 1.0]


def test_dirichlet_weights_match_beta_tail(two_by_two):
    # With Dirichlet(c * (0.3, 0.7)) weights, w1 ~ Beta(0.3 c, 0.7 c): P(A first) = P(w1 > t).
    n = 40_000
    result = smaa(
        two_by_two.with_weights([0.3, 0.7]),
        n,
        weights=DirichletWeights(20),
        random_state=5,
    )
    expected = stats.beta(6, 14).sf(SQRT2 - 1)
    assert abs(result.rank_acceptability.loc["A", 1] - expected) < 4 * np.sqrt(
        expected * (1 - expected) / n
    )


def test_interval_data_and_confidence_factor():
    # One criterion, fixed weight: A ~ U[0, 4] beats B = 1 with probability 3/4, and the
    # confidence factor (A first at its central weight, over fresh data samples) is 3/4 too.
    problem = DecisionProblem([[2.0], [1.0]], "max", weights=[1.0], alternatives=["A", "B"])
    low = pd.DataFrame({"C1": [0.0, 1.0]}, index=["A", "B"])
    high = pd.DataFrame({"C1": [4.0, 1.0]}, index=["A", "B"])
    n = 20_000
    result = smaa(problem, n, data=DataIntervals(low, high), random_state=11)
    tolerance = 4 * np.sqrt(0.75 * 0.25 / n)
    assert abs(result.rank_acceptability.loc["A", 1] - 0.75) < tolerance
    assert abs(result.confidence["A"] - 0.75) < tolerance
    assert abs(result.confidence["B"] - 0.25) < tolerance
    assert result.sources["weights"] == "fixed at the problem's weights"


def test_other_method_through_rank_loop():
    # WSM (pymcdm's default sum normalization) on A = (2, 1), B = (1, 2): normalized
    # A = (2/3, 1/3), B = (1/3, 2/3), so A wins iff w1 > w2: probability 1/2 under
    # uniform weights.
    problem = DecisionProblem([[2.0, 1.0], [1.0, 2.0]], "max", alternatives=["A", "B"])
    n = 2000
    result = smaa(problem, n, method="wsm", random_state=1)
    assert abs(result.rank_acceptability.loc["A", 1] - 0.5) < 4 * np.sqrt(0.25 / n)
    assert result.method == "wsm"


def test_dominating_alternative_always_first():
    rng = np.random.default_rng(3)
    matrix = rng.uniform(1, 5, (6, 4))
    matrix[2] = matrix.max(axis=0) + 0.5  # "A3" is better on every criterion
    problem = DecisionProblem(matrix, "max")
    result = smaa(problem, 3000, pairwise=True, random_state=0)
    assert result.rank_acceptability.loc["A3", 1] == 1.0
    assert (result.pairwise_winning.loc["A3"].drop("A3") == 1.0).all()
    assert list(result.central_weights.index) == ["A3"]
    assert sorted(result.never_first) == ["A1", "A2", "A4", "A5", "A6"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"data": DataUncertainty(0.2)},
        {"weights": DirichletWeights(30, center=[0.4, 0.3, 0.2, 0.1]), "normalization": "minmax"},
        {"distance": "manhattan", "data": DataUncertainty({"C2": 1.0}, relative=False)},
    ],
)
def test_rank_acceptability_rows_and_columns_sum_to_one(kwargs):
    result = smaa(_random_problem(), 2500, pairwise=True, random_state=9, **kwargs)
    b = result.rank_acceptability
    np.testing.assert_allclose(b.sum(axis=1), 1.0)
    np.testing.assert_allclose(b.sum(axis=0), 1.0)
    wins = result.pairwise_winning.to_numpy()
    np.testing.assert_allclose(wins + wins.T + np.eye(len(wins)), 1.0)
    np.testing.assert_allclose(result.central_weights.sum(axis=1), 1.0)
    assert not result.central_weights.isna().any().any()
    assert result.confidence.between(0, 1).all()


def test_identical_alternatives_share_ranks():
    # Two identical rows tie in every sample: random tie-breaking gives each rank 1/2.
    problem = DecisionProblem([[1.0, 2.0], [1.0, 2.0], [0.5, 0.5]], "max")
    result = smaa(problem, 4000, pairwise=True, random_state=4)
    b = result.rank_acceptability
    assert abs(b.loc["A1", 1] - 0.5) < 4 * np.sqrt(0.25 / 4000)
    np.testing.assert_allclose(b.sum(axis=0), 1.0)
    assert b.loc["A3", 3] == 1.0
    assert abs(result.pairwise_winning.loc["A1", "A2"] - 0.5) < 0.04


# -- reproducibility ------------------------------------------------------------------------
def _same(a: SMAAResult, b: SMAAResult) -> None:
    pd.testing.assert_frame_equal(a.rank_acceptability, b.rank_acceptability)
    pd.testing.assert_frame_equal(a.central_weights, b.central_weights)
    if a.pairwise_winning is None:
        assert b.pairwise_winning is None
    else:
        pd.testing.assert_frame_equal(a.pairwise_winning, b.pairwise_winning)
    pd.testing.assert_series_equal(a.confidence, b.confidence)


UNCERTAIN = {
    "weights": {},
    "weights, pairwise": {"pairwise": True},
    "data, pairwise": {
        "weights": DirichletWeights(50, center=[0.4, 0.3, 0.2, 0.1]),
        "data": DataUncertainty(0.1),
        "pairwise": True,
    },
}


@pytest.mark.parametrize("name", list(UNCERTAIN))
def test_chunk_size_does_not_change_results(name):
    problem = _random_problem()
    small = smaa(problem, 3000, chunk_size=1000, random_state=42, **UNCERTAIN[name])
    large = smaa(problem, 3000, chunk_size=100_000, random_state=42, **UNCERTAIN[name])
    odd = smaa(problem, 3000, chunk_size=1, random_state=42, **UNCERTAIN[name])
    _same(small, large)
    _same(small, odd)
    assert small.seed == 42


def test_process_pool_gives_identical_results():
    problem = _random_problem()
    options = {"random_state": 7, "chunk_size": 1000, **UNCERTAIN["data, pairwise"]}
    local = smaa(problem, 3000, **options)
    with ProcessPoolExecutor(max_workers=2) as executor:
        pooled = smaa(problem, 3000, executor=executor, **options)
    _same(local, pooled)
    with ThreadPoolExecutor(max_workers=2) as executor:
        threaded = smaa(problem, 3000, executor=executor, **options)
    _same(local, threaded)


def test_dask_executor_gives_identical_results():
    distributed = pytest.importorskip("dask.distributed")
    problem = _random_problem()
    local = smaa(problem, 3000, chunk_size=1000, random_state=3)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = smaa(
            problem, 3000, chunk_size=1000, random_state=3, executor=client.get_executor()
        )
    _same(local, remote)


@pytest.mark.parametrize(
    "problem",
    [
        _random_problem(),
        # identical rows: every sample is tied and goes through the random tie-break
        DecisionProblem([[1.0, 2.0], [1.0, 2.0], [0.5, 0.5], [2.0, 0.1]], "max"),
    ],
)
def test_sort_path_without_pairwise_gives_the_same_ranks(problem):
    full = smaa(problem, 2500, random_state=8, data=DataUncertainty(0.05), pairwise=True)
    quick = smaa(problem, 2500, random_state=8, data=DataUncertainty(0.05))
    assert quick.pairwise_winning is None
    assert quick.to_dict()["pairwise_winning"] is None
    pd.testing.assert_frame_equal(full.rank_acceptability, quick.rank_acceptability)
    pd.testing.assert_frame_equal(full.central_weights, quick.central_weights)
    pd.testing.assert_series_equal(full.confidence, quick.confidence)


def test_seed_reproduces_a_run_without_random_state():
    problem = _random_problem()
    first = smaa(problem, 1500)
    again = smaa(problem, 1500, random_state=first.seed)
    _same(first, again)
    generator = smaa(problem, 1500, random_state=np.random.default_rng(1))
    assert isinstance(generator.seed, int)


# -- judgments ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def judged_problem():
    rng = np.random.default_rng(8)
    return DecisionProblem(
        rng.uniform(1, 10, (6, 3)), ["max", "min", "max"], criteria=["trade", "risk", "aid"]
    )


@pytest.fixture(scope="module")
def comparison():
    return PairwiseComparison(
        [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]], labels=["risk", "trade", "aid"]
    )


def test_zero_step_judgments_reproduce_the_point_result(judged_problem, comparison):
    result = smaa(
        judged_problem, 2000, judgments=JudgmentUncertainty(comparison, steps=0), random_state=1
    )
    point = topsis(judged_problem.with_weights(ahp(comparison).weights)).ranks
    b = result.rank_acceptability
    for alternative, r in point.items():
        assert b.loc[alternative, r] == 1.0
    winner = point.idxmin()
    np.testing.assert_allclose(
        result.central_weights.loc[winner],
        ahp(comparison).weights.reindex(judged_problem.criteria),
        atol=1e-9,
    )


def test_zero_step_group_judgments_reproduce_the_aij_point_result(judged_problem, comparison):
    other = PairwiseComparison(
        [[1, 1 / 2, 3], [2, 1, 4], [1 / 3, 1 / 4, 1]], labels=["risk", "trade", "aid"]
    )
    group = {"ana": comparison, "ben": other}
    spec = JudgmentUncertainty(group, steps=0, expert_weights={"ana": 0.25, "ben": 0.75})
    result = smaa(judged_problem, 1000, judgments=spec, random_state=1)
    # AIJ by hand: entrywise weighted geometric mean, then Saaty's eigenvector
    aggregated = comparison.matrix**0.25 * other.matrix**0.75
    weights = ahp(PairwiseComparison(aggregated, labels=comparison.labels), warn=False).weights
    # and the group AHP of coopdecide.ahp agrees
    group_weights = ahp_group(group, {"ana": 0.25, "ben": 0.75}, warn=False).weights
    np.testing.assert_allclose(group_weights[weights.index], weights, atol=1e-12)
    point = topsis(judged_problem.with_weights(weights)).ranks
    for alternative, r in point.items():
        assert result.rank_acceptability.loc[alternative, r] == 1.0


def test_zero_step_incomplete_judgments_reproduce_group_ahp(judged_problem):
    labels = ["trade", "risk", "aid"]
    ana = PairwiseComparison.from_judgments(labels, {("trade", "risk"): 3, ("risk", "aid"): 2})
    ben = PairwiseComparison.from_judgments(labels, {("trade", "aid"): 1 / 2, ("risk", "aid"): 4})
    group = {"ana": ana, "ben": ben}
    result = smaa(
        judged_problem, 1000, judgments=JudgmentUncertainty(group, steps=0), random_state=2
    )
    weights = ahp_group(group, completion="llsm", warn=False).weights
    point = topsis(judged_problem.with_weights(weights)).ranks
    for alternative, r in point.items():
        assert result.rank_acceptability.loc[alternative, r] == 1.0


def test_perturbed_judgments_spread_the_ranks(judged_problem, comparison):
    result = smaa(
        judged_problem,
        2000,
        judgments=JudgmentUncertainty(comparison, steps=3),
        random_state=1,
    )
    assert result.rank_acceptability.max(axis=1).min() < 1.0
    lognormal = smaa(
        judged_problem,
        2000,
        judgments=JudgmentUncertainty(comparison, sigma=0.5, priority="geometric"),
        data=DataUncertainty(0.05),
        random_state=1,
    )
    assert set(lognormal.sources) == {"judgments", "data"}


# -- results ------------------------------------------------------------------------------
def test_result_renderings():
    result = smaa(_random_problem(), 1000, random_state=0)
    payload = result.to_dict()
    json.dumps(payload)
    assert payload["n_samples"] == 1000
    frame = result.to_frame()
    assert list(frame.columns[:3]) == ["expected_rank", "holistic_acceptability", "confidence"]
    assert frame["expected_rank"].is_monotonic_increasing
    assert frame["confidence"].dtype == "Float64"
    assert "SMAAResult(" in repr(result)
    assert "<div" in result._repr_html_()
    with pytest.raises(AttributeError, match="immutable"):
        result.n_samples = 5
    error = result.rank_acceptability_error
    assert (error.to_numpy() <= 0.5 / np.sqrt(1000) + 1e-12).all()


def test_holistic_acceptability_and_meta_weights():
    # Centroid meta-weights for n = 4: tails of the harmonic series, 25/12 normalisation
    np.testing.assert_allclose(
        meta_weights(4), np.array([25 / 12, 13 / 12, 7 / 12, 1 / 4]) / (25 / 12)
    )
    np.testing.assert_allclose(meta_weights(3, "inverse"), [1, 1 / 2, 1 / 3])
    result = smaa(_random_problem(), 1000, random_state=0)
    b = result.rank_acceptability.to_numpy()
    alpha = meta_weights(7, "linear")
    np.testing.assert_allclose(result.holistic_acceptability("linear"), b @ alpha)
    np.testing.assert_allclose(result.holistic_acceptability(alpha), b @ alpha)
    with pytest.raises(UnknownMethodError, match="meta_weights must be one of"):
        result.holistic_acceptability("elitist")
    with pytest.raises(InvalidArgumentError, match="meta_weights must be non-increasing"):
        result.holistic_acceptability(np.arange(7.0))
    with pytest.raises(InvalidArgumentError, match="meta_weights must be 7 non-negative"):
        result.holistic_acceptability([1.0, 0.5])


def test_progress_bar(monkeypatch, capsys):
    pytest.importorskip("tqdm")
    smaa(_random_problem(), 1000, progress=True, random_state=0)
    assert "SMAA" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError, match="progress=True needs the tqdm package"):
        smaa(_random_problem(), 1000, progress=True, random_state=0)


# -- errors --------------------------------------------------------------------------------
def test_errors(comparison, judged_problem):
    problem = _random_problem()
    with pytest.raises(InvalidArgumentError, match="n_samples must be at least 1; got 0"):
        smaa(problem, 0)
    with pytest.raises(InvalidTypeError, match="n_samples must be an integer"):
        smaa(problem, 10.5)
    with pytest.raises(InvalidArgumentError, match="chunk_size must be at least 1; got 0"):
        smaa(problem, 10, chunk_size=0)
    with pytest.raises(UnknownMethodError, match="method must be one of"):
        smaa(problem, 10, method="electre")
    with pytest.raises(UnknownMethodError, match="normalization must be one of"):
        smaa(problem, 10, normalization="log")
    with pytest.raises(UnknownMethodError, match="distance must be one of"):
        smaa(problem, 10, distance="chebyshev")
    with pytest.raises(InvalidWeightsError, match="one value per criterion"):
        smaa(problem, 10, weights=[0.5, 0.5], data=DataUncertainty(0.1))
    with pytest.raises(InvalidArgumentError, match="concentration must be greater than 0"):
        smaa(problem, 10, weights=DirichletWeights(-3, center=[1, 1, 1, 1]))
    with pytest.raises(InvalidArgumentError, match="spread must be non-negative"):
        smaa(problem, 10, data=DataUncertainty(-0.1))
    with pytest.raises(InvalidArgumentError, match="spread names criteria that do not exist"):
        smaa(problem, 10, data=DataUncertainty({"C9": 0.1}))
    with pytest.raises(InvalidArgumentError, match="needs a source of uncertainty"):
        smaa(problem.with_weights([1, 1, 1, 1]), 10)
    with pytest.raises(InvalidArgumentError, match="weights and judgments cannot both"):
        smaa(
            judged_problem,
            10,
            weights=UniformWeights(),
            judgments=JudgmentUncertainty(comparison, steps=1),
        )
    with pytest.raises(InvalidTypeError, match="judgments must be a JudgmentUncertainty"):
        smaa(judged_problem, 10, judgments=comparison)
    with pytest.raises(InvalidTypeError, match="data must be a DataUncertainty"):
        smaa(problem, 10, data=0.1)
    with pytest.raises(InvalidTypeError, match=r"executor must be a concurrent\.futures"):
        smaa(problem, 10, executor=4)
    with pytest.raises(InvalidTypeError, match="problem must be a DecisionProblem"):
        smaa(problem.matrix, 10)
    with pytest.raises(InvalidArgumentError, match="method_options are for methods other"):
        smaa(problem, 10, method_options={"v": 0.5})
    with pytest.raises(InvalidArgumentError, match="options for method 'vikor' are"):
        smaa(problem, 10, method="vikor", method_options={"w": 0.5})
    with pytest.raises(InvalidTypeError, match="random_state must be None"):
        smaa(problem, 10, random_state="seed")
    with pytest.raises(InvalidArgumentError, match="random_state must be non-negative"):
        smaa(problem, 10, random_state=-1)
    with pytest.raises(InvalidTypeError, match="pairwise must be True or False"):
        smaa(problem, 10, pairwise=None)
    with pytest.raises(InvalidTypeError, match="progress must be True or False"):
        smaa(problem, 10, progress="yes")
    with pytest.raises(InvalidProblemError, match="normalization='sum' needs non-negative"):
        smaa(
            problem,
            10,
            normalization="sum",
            data=DataUncertainty(0.5, clip_negative=False),
        )
    negative = DecisionProblem([[-1.0, 2.0], [1.0, 3.0]], "max")
    with pytest.raises(InvalidProblemError, match="normalization='sum' needs non-negative"):
        smaa(negative, 10, normalization="sum")


def test_plot_namespace_draws_rank_acceptability():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = smaa(_random_problem(), 1000, random_state=0)
    ax = result.plot()
    assert ax.patches  # stacked bars were drawn
    plt.close("all")


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    n=st.integers(2, 6),
    m=st.integers(1, 4),
    integer_data=st.booleans(),
)
def test_property_sums_and_chunk_invariance(data, n, m, integer_data):
    # Small integer data make exact ties frequent (identical rows, constant columns).
    if integer_data:
        cells = st.integers(1, 3).map(float)
    else:
        cells = st.floats(0.5, 100.0, allow_nan=False, allow_infinity=False)
    matrix = data.draw(st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n))
    objectives = data.draw(st.lists(st.sampled_from(["max", "min"]), min_size=m, max_size=m))
    problem = DecisionProblem(np.array(matrix), objectives)
    one = smaa(problem, 1500, chunk_size=1000, random_state=5, pairwise=True)
    two = smaa(problem, 1500, chunk_size=2000, random_state=5)
    b = one.rank_acceptability.to_numpy()
    np.testing.assert_allclose(b.sum(axis=0), 1.0)
    np.testing.assert_allclose(b.sum(axis=1), 1.0)
    np.testing.assert_array_equal(b, two.rank_acceptability.to_numpy())
    pd.testing.assert_frame_equal(one.central_weights, two.central_weights)
    wins = one.pairwise_winning.to_numpy()
    np.testing.assert_allclose(wins + wins.T + np.eye(n), 1.0)
    # an alternative that dominates every other one is always first; "better" by a visible
    # margin, since scores equal to 12 decimals are ties by design (hypothesis found
    # [1.0, 0.5, 0.5000000000000001] on one "min" criterion, whose last two tie)
    oriented = problem.matrix * problem.types
    margin = 1e-3 * np.abs(oriented).max(axis=0)
    for i in range(n):
        others = np.delete(oriented, i, axis=0)
        better = (oriented[i] - others > margin).any(axis=1)
        if ((oriented[i] >= others).all(axis=1) & better).all():
            assert b[i, 0] == 1.0


# -- kept per-sample scores (keep_scores=True) -----------------------------------------------
def _block_inputs(result, problem, block, size, *, data=None):
    """Re-draw the weights (and data) of one block from the seed, as smaa() documents it.

    Block ``b`` uses ``default_rng(SeedSequence(seed, spawn_key=(0, b)))`` and draws the
    weights first, then the data (module docstring of sensitivity/acceptability.py).
    """
    from coopdecide.sensitivity.sampling import sample_simplex

    rng = np.random.default_rng(np.random.SeedSequence(result.seed, spawn_key=(0, block)))
    weights = sample_simplex(rng, size, problem.shape[1])
    matrices = None if data is None else data.resolve(problem).sample(rng, size)
    return weights, matrices


@pytest.mark.parametrize("distance", ["euclidean", "manhattan"])
def test_kept_scores_are_topsis_closeness_at_the_sampled_weights(distance):
    # Independent check: the public topsis() at the re-drawn weights of blocks 0 and 1.
    problem = _random_problem(n=5)
    result = smaa(problem, 1500, keep_scores=True, distance=distance, random_state=21)
    kept = result.score_samples
    assert kept.shape == (1500, 5)
    assert list(kept.columns) == list(problem.alternatives)
    for block, size in ((0, 1000), (1, 500)):
        weights, _ = _block_inputs(result, problem, block, size)
        for row in (0, 17, size - 1):
            expected = topsis(problem, weights[row], distance=distance).scores
            np.testing.assert_allclose(
                kept.iloc[block * 1000 + row].to_numpy(), expected.to_numpy(), rtol=1e-12
            )


def test_kept_scores_with_data_uncertainty_match_topsis_on_the_sampled_data():
    problem = _random_problem(n=4)
    data = DataUncertainty(0.2)
    result = smaa(problem, 1000, weights="uniform", data=data, keep_scores=True, random_state=3)
    weights, matrices = _block_inputs(result, problem, 0, 1000, data=data)
    for row in (0, 500, 999):
        sampled = DecisionProblem(matrices[row], problem.objectives.tolist(), weights=weights[row])
        np.testing.assert_allclose(
            result.score_samples.iloc[row].to_numpy(), topsis(sampled).scores.to_numpy(), rtol=1e-12
        )


def test_kept_scores_reproduce_the_rank_acceptability_and_leave_it_unchanged():
    problem = _random_problem()
    plain = smaa(problem, 2000, random_state=8, data=DataUncertainty(0.05))
    kept = smaa(problem, 2000, random_state=8, data=DataUncertainty(0.05), keep_scores=True)
    _same(plain, kept)
    assert plain.score_samples is None
    # continuous data: no ties, so ranking each kept row gives the SMAA rank counts
    scores = kept.score_samples.to_numpy()
    order = np.argsort(-scores, axis=1)
    n = scores.shape[1]
    counts = np.zeros((n, n))
    for position in range(n):
        counts[:, position] = np.bincount(order[:, position], minlength=n)
    np.testing.assert_array_equal(counts / 2000, kept.rank_acceptability.to_numpy())
    assert ((scores >= 0) & (scores <= 1)).all()


def test_two_alternatives_kept_closeness_sums_to_one(two_by_two):
    # Hand calculation (fixture): C_A = w1 d1 / (w1 d1 + w2 d2), C_B = w2 d2 / (same), so
    # C_A + C_B = 1 in every sample, and A is first exactly when C_A > 1/2.
    result = smaa(two_by_two, 3000, keep_scores=True, random_state=1)
    kept = result.score_samples
    np.testing.assert_allclose(kept.sum(axis=1), 1.0, rtol=1e-12)
    assert (kept["A"] > 0.5).mean() == result.rank_acceptability.loc["A", 1]


@pytest.mark.parametrize("name", list(UNCERTAIN))
def test_kept_scores_do_not_depend_on_chunk_size(name):
    problem = _random_problem()
    runs = [
        smaa(problem, 2500, chunk_size=size, random_state=42, keep_scores=True, **UNCERTAIN[name])
        for size in (1, 1000, 100_000)
    ]
    for other in runs[1:]:
        pd.testing.assert_frame_equal(runs[0].score_samples, other.score_samples)


def test_kept_scores_do_not_depend_on_the_executor():
    problem = _random_problem()
    options = {"random_state": 7, "chunk_size": 1000, "keep_scores": True}
    options.update(UNCERTAIN["data, pairwise"])
    local = smaa(problem, 3000, **options)
    with ProcessPoolExecutor(max_workers=2) as executor:
        pooled = smaa(problem, 3000, executor=executor, **options)
    with ThreadPoolExecutor(max_workers=2) as executor:
        threaded = smaa(problem, 3000, executor=executor, **options)
    pd.testing.assert_frame_equal(local.score_samples, pooled.score_samples)
    pd.testing.assert_frame_equal(local.score_samples, threaded.score_samples)
    again = smaa(problem, 3000, **{**options, "random_state": local.seed})
    pd.testing.assert_frame_equal(local.score_samples, again.score_samples)


def test_kept_scores_of_a_lower_is_better_method():
    # VIKOR's Q is lower-is-better: the kept scores are Q itself, the first-ranked
    # alternative of each sample has the smallest Q.
    problem = _random_problem(n=4)
    result = smaa(problem, 60, method="vikor", keep_scores=True, random_state=2)
    assert result.higher_is_better is False
    kept = result.score_samples.to_numpy()
    first = np.bincount(kept.argmin(axis=1), minlength=4) / 60
    np.testing.assert_allclose(first, result.rank_acceptability[1].to_numpy())
    assert smaa(problem, 10, random_state=2).higher_is_better is True


def test_kept_scores_are_read_only_and_left_out_of_to_dict():
    import pickle

    result = smaa(_random_problem(), 1000, keep_scores=True, random_state=0)
    frame = result.score_samples
    with pytest.raises(ValueError, match="read-only"):
        frame.iloc[0, 0] = 5.0
    with pytest.raises(AttributeError, match="SMAAResult is immutable"):
        result.seed = 1
    with pytest.raises(AttributeError, match="SMAAResult is immutable"):
        del result.method
    payload = result.to_dict()
    json.dumps(payload)
    assert payload["score_samples_kept"] is True
    assert "score_samples" not in payload
    assert smaa(_random_problem(), 1000, random_state=0).to_dict()["score_samples_kept"] is False
    back = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(back.score_samples, frame)
    _same(back, result)
    with pytest.raises(AttributeError, match="immutable"):
        back.n_samples = 3
    # unpickled arrays are writeable again: the loaded result's kept scores must not be
    loaded = back.score_samples
    with pytest.raises(ValueError, match="read-only"):
        loaded.iloc[0, 0] = 5.0
    assert back.score_samples.iloc[0, 0] == frame.iloc[0, 0]


def test_keep_scores_must_be_a_boolean():
    with pytest.raises(InvalidTypeError, match="keep_scores must be True or False; got 'yes'"):
        smaa(_random_problem(), 10, keep_scores="yes")
