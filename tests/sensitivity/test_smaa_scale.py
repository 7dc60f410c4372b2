"""SMAA at scale: pairwise counts, worker processes, BLAS threads and the stopping rule."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from coopdecide import DecisionProblem
from coopdecide._threads import BLAS_THREADS_ENV, blas_threads, resolve_blas_threads
from coopdecide.exceptions import InvalidArgumentError, InvalidTypeError, MethodWarning
from coopdecide.sensitivity import _smaa_driver as driver
from coopdecide.sensitivity import smaa
from coopdecide.sensitivity._smaa_kernels import _Model, _pairwise_wins
from coopdecide.sensitivity.sampling import DataUncertainty

SQRT2 = np.sqrt(2.0)


def _problem(n=9, m=4, seed=0):
    rng = np.random.default_rng(seed)
    return DecisionProblem(rng.uniform(1, 10, (n, m)), "max")


def _assert_same(a, b):
    assert a.n_samples == b.n_samples
    pd.testing.assert_frame_equal(a.rank_acceptability, b.rank_acceptability)
    pd.testing.assert_frame_equal(a.central_weights, b.central_weights)
    pd.testing.assert_frame_equal(a.central_weights_error, b.central_weights_error)
    pd.testing.assert_series_equal(a.confidence, b.confidence)
    if a.pairwise_winning is not None:
        pd.testing.assert_frame_equal(a.pairwise_winning, b.pairwise_winning)
    assert a.max_standard_error == b.max_standard_error


# -- pairwise winning counts ---------------------------------------------------------------
@pytest.mark.parametrize(("size", "n"), [(1000, 3), (997, 50), (1000, 193), (40, 300)])
def test_pairwise_wins_match_a_direct_count(size, n):
    rng = np.random.default_rng(n)
    order = np.argsort(rng.random((size, n)), axis=1)
    position = np.argsort(order, axis=1)  # rank of each alternative, by definition
    direct = (position[:, :, None] < position[:, None, :]).sum(axis=0)
    np.testing.assert_array_equal(_pairwise_wins(order), direct)


# -- worker processes ------------------------------------------------------------------------
def test_n_jobs_gives_identical_results():
    problem = _problem()
    options = {
        "random_state": 11,
        "chunk_size": 1000,
        "pairwise": True,
        "data": DataUncertainty(0.1),
    }
    alone = smaa(problem, 4000, n_jobs=1, **options)
    pooled = smaa(problem, 4000, n_jobs=2, **options)
    with ThreadPoolExecutor(max_workers=3) as executor:
        threaded = smaa(problem, 4000, executor=executor, **{**options, "chunk_size": 2000})
    _assert_same(alone, pooled)
    _assert_same(alone, threaded)


def _model(n=193, m=15, data=False, method="topsis"):
    problem = _problem(n, m)
    sampler = DataUncertainty(0.1).resolve(problem) if data else None
    return _Model(
        problem.matrix, np.ones(m), problem.alternatives, problem.criteria, method, "vector",
        "euclidean", {}, "uniform", None, None, sampler,
    )  # fmt: skip


def test_worker_count_follows_the_documented_threshold(monkeypatch):
    monkeypatch.setattr(driver, "_usable_cores", lambda: 4)
    monkeypatch.setattr(driver.os, "getloadavg", lambda: (0.3, 0.0, 0.0))
    monkeypatch.setattr(driver, "_main_is_safe", lambda: True)
    model = _model()
    # 193 alternatives: 259,068 samples reach 5e7 work units, 259,067 do not
    assert driver.estimated_work(model, 259_068) >= driver.PARALLEL_MIN_WORK
    assert driver.worker_count(None, None, driver.estimated_work(model, 259_068)) == 4
    assert driver.worker_count(None, None, driver.estimated_work(model, 259_067)) == 1
    # sampled data cost m times more per sample; other methods 100 times more
    assert driver.estimated_work(_model(data=True), 1000) == 1000 * 193 * 15
    assert driver.estimated_work(_model(method="vikor"), 1000) == 1000 * 193 * 100
    assert driver.worker_count(-1, None, 0) == 4
    assert driver.worker_count(3, None, 0) == 3
    # cores busy with other work are left to it: 4 cores, load 2.5 -> 2 workers; 3.5 -> none
    monkeypatch.setattr(driver.os, "getloadavg", lambda: (2.5, 0.0, 0.0))
    assert driver.worker_count(None, None, 10**12) == 2
    monkeypatch.setattr(driver.os, "getloadavg", lambda: (3.5, 0.0, 0.0))
    assert driver.worker_count(None, None, 10**12) == 1
    assert driver.worker_count(-1, None, 0) == 4  # asked for: every core, whatever the load
    monkeypatch.setattr(driver, "_main_is_safe", lambda: False)
    assert driver.worker_count(None, None, 10**12) == 1
    assert driver.worker_count(1, None, 10**12) == 1
    with pytest.raises(InvalidArgumentError, match=r"n_jobs=2 starts worker processes.*__main__"):
        driver.worker_count(2, None, 0)


def test_scripts_without_a_main_guard_are_not_reimported(tmp_path, monkeypatch):
    guarded = tmp_path / "guarded.py"
    guarded.write_text("x = 1\n\nif __name__ == '__main__':\n    print(x)\n")
    bare = tmp_path / "bare.py"
    bare.write_text("x = 1\nprint(x)\n")
    assert driver._guarded(str(guarded))
    assert not driver._guarded(str(bare))
    assert not driver._guarded(str(tmp_path / "missing.py"))
    main = type(sys)("__main__")
    main.__file__ = str(bare)
    monkeypatch.setitem(sys.modules, "__main__", main)
    assert not driver._main_is_safe()
    main.__file__ = str(guarded)
    assert driver._main_is_safe()
    del main.__file__  # an interactive session
    assert driver._main_is_safe()


def test_n_jobs_errors():
    problem = _problem()
    with pytest.raises(InvalidArgumentError, match=r"n_jobs must be None, -1 .*; got 0"):
        smaa(problem, 10, n_jobs=0)
    with pytest.raises(InvalidArgumentError, match=r"n_jobs must be None, -1 .*; got 2\.5"):
        smaa(problem, 10, n_jobs=2.5)
    with (
        ThreadPoolExecutor(1) as executor,
        pytest.raises(InvalidArgumentError, match="n_jobs and executor cannot both be given"),
    ):
        smaa(problem, 10, n_jobs=2, executor=executor)


# -- BLAS threads ------------------------------------------------------------------------------
def test_blas_threads_setting(monkeypatch):
    from threadpoolctl import threadpool_info

    monkeypatch.delenv(BLAS_THREADS_ENV, raising=False)
    assert resolve_blas_threads() == 1
    monkeypatch.setenv(BLAS_THREADS_ENV, "3")
    assert resolve_blas_threads() == 3
    monkeypatch.setenv(BLAS_THREADS_ENV, "Inherit")
    assert resolve_blas_threads() is None
    assert resolve_blas_threads(2) == 2
    monkeypatch.setenv(BLAS_THREADS_ENV, "many")
    with pytest.raises(InvalidArgumentError, match=f"{BLAS_THREADS_ENV} must be a positive"):
        resolve_blas_threads()
    with pytest.raises(InvalidArgumentError, match=r"blas_threads must be a positive.*got 0"):
        smaa(_problem(), 10, blas_threads=0)
    blas = [info for info in threadpool_info() if info["user_api"] == "blas"]
    if not blas:  # pragma: no cover - numpy without a BLAS that threadpoolctl knows
        pytest.skip("no BLAS library that threadpoolctl can control")
    before = [info["num_threads"] for info in blas]
    with blas_threads(1):
        assert {
            info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"
        } == {1}
    after = [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]
    assert after == before


def test_results_do_not_depend_on_blas_threads():
    problem = _problem()
    options = {"random_state": 4, "data": DataUncertainty(0.05), "pairwise": True}
    _assert_same(
        smaa(problem, 2000, blas_threads=1, **options),
        smaa(problem, 2000, blas_threads="inherit", **options),
    )


# -- the stopping rule ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_by_two():
    # as in test_smaa.py: A wins iff w1 > t = sqrt(2) - 1, w1 ~ U(0, 1) under uniform weights
    return DecisionProblem([[3.0, 1.0], [1.0, 2.0]], "max", alternatives=["A", "B"])


def test_standard_errors_match_their_formulas(two_by_two):
    # binomial errors of b (Tervonen and Lahdelma 2007) and s / sqrt(k) for the central
    # weights: given A first, w1 ~ U(t, 1), whose standard deviation is (1 - t) / sqrt(12)
    n, t = 50_000, SQRT2 - 1
    result = smaa(two_by_two, n, random_state=3)
    b = result.rank_acceptability
    np.testing.assert_allclose(result.rank_acceptability_error, np.sqrt(b * (1 - b) / n))
    k = b.loc["A", 1] * n
    expected = (1 - t) / np.sqrt(12) / np.sqrt(k)
    assert result.central_weights_error.loc["A", "C1"] == pytest.approx(expected, rel=0.03)
    expected_b = t / np.sqrt(12) / np.sqrt(b.loc["B", 1] * n)  # w1 ~ U(0, t) when B wins
    assert result.central_weights_error.loc["B", "C2"] == pytest.approx(expected_b, rel=0.03)
    largest = max(result.rank_acceptability_error.to_numpy().max(), expected_b, expected)
    assert result.max_standard_error == pytest.approx(largest, rel=0.03)
    assert result.tolerance is None


def test_auto_samples_until_the_tolerance_and_matches_a_fixed_run():
    problem = _problem(n=12, m=5, seed=3)
    result = smaa(problem, "auto", tolerance=0.004, random_state=21)
    assert result.tolerance == 0.004
    assert result.max_standard_error <= 0.004
    assert result.n_samples % 1000 == 0
    assert result.n_samples > driver.AUTO_FIRST_SAMPLES
    # the central weights of every alternative first in >= 0.4 % of samples meet it too
    first = result.first_rank_acceptability
    controlled = first[first >= 0.004].index
    assert result.central_weights_error.loc[controlled].to_numpy().max() <= 0.004
    assert result.rank_acceptability_error.to_numpy().max() <= 0.004
    # the same samples as a fixed run of that size, whatever the chunking and workers
    fixed = smaa(problem, result.n_samples, random_state=21)
    np.testing.assert_array_equal(result.rank_acceptability, fixed.rank_acceptability)
    np.testing.assert_array_equal(result.central_weights, fixed.central_weights)
    other = smaa(problem, "auto", tolerance=0.004, random_state=21, chunk_size=3000, n_jobs=2)
    _assert_same(result, other)
    assert result.to_dict()["tolerance"] == 0.004


def test_auto_with_data_uncertainty_and_kept_scores():
    problem = _problem(n=6, m=3, seed=5)
    options = {"data": DataUncertainty(0.2), "keep_scores": True, "random_state": 8}
    result = smaa(problem, "auto", tolerance=0.006, **options)
    fixed = smaa(problem, result.n_samples, **options)
    _assert_same(result, fixed)
    np.testing.assert_array_equal(result.score_samples, fixed.score_samples)


def test_auto_warns_when_max_samples_stops_it():
    problem = _problem(n=12, m=5, seed=3)
    with pytest.warns(MethodWarning, match=r"stopped at max_samples=5,500 .* above the tol"):
        result = smaa(problem, "auto", tolerance=0.001, max_samples=5500, random_state=1)
    assert result.n_samples == 5500
    assert result.max_standard_error > 0.001


def test_stopping_rule_errors():
    problem = _problem()
    with pytest.raises(InvalidArgumentError, match="tolerance is for n_samples='auto'"):
        smaa(problem, 100, tolerance=0.01)
    with pytest.raises(InvalidArgumentError, match="tolerance must be"):
        smaa(problem, "auto", tolerance=0.0)
    with pytest.raises(InvalidTypeError, match="tolerance must be a real number"):
        smaa(problem, "auto", tolerance="small")
    with pytest.raises(InvalidArgumentError, match="n_samples must be one of"):
        smaa(problem, "many")
    with pytest.raises(InvalidArgumentError, match="max_samples must be at least 1"):
        smaa(problem, "auto", max_samples=0)
