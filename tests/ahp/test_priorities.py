"""Batched priority kernels: agreement with a dense eigen-solver, batching, known cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdecide.ahp import (
    column_priorities,
    eigenvector_priorities,
    geometric_priorities,
    perron_eigenvalue,
)
from coopdecide.ahp.priorities import priorities
from coopdecide.exceptions import UnknownMethodError

SCALE = np.array(
    [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
)


def random_reciprocal(rng, m, n):
    """Random reciprocal matrices with entries on Saaty's scale (very inconsistent)."""
    a = np.ones((m, n, n))
    rows, cols = np.triu_indices(n, k=1)
    values = rng.choice(SCALE, size=(m, rows.size))
    a[:, rows, cols] = values
    a[:, cols, rows] = 1 / values
    return a


def dense_perron(a):
    """Reference: np.linalg.eig, Perron root = largest real part."""
    values, vectors = np.linalg.eig(a)
    pick = np.argmax(values.real, axis=-1)
    idx = np.arange(a.shape[0])
    vec = np.abs(vectors[idx, :, pick].real)
    return vec / vec.sum(axis=1, keepdims=True), values[idx, pick].real


@pytest.mark.parametrize("n", [2, 3, 4, 7, 9, 12, 15])
def test_eigenvector_matches_dense_solver(n):
    rng = np.random.default_rng(n)
    a = random_reciprocal(rng, 300, n)
    w, lam = eigenvector_priorities(a)
    w_ref, lam_ref = dense_perron(a)
    np.testing.assert_allclose(w, w_ref, atol=1e-11)
    np.testing.assert_allclose(lam, lam_ref, rtol=1e-11)
    np.testing.assert_allclose(w.sum(axis=1), 1)


def test_batched_equals_single_and_keeps_leading_axes():
    rng = np.random.default_rng(0)
    a = random_reciprocal(rng, 24, 6).reshape(2, 3, 4, 6, 6)
    w, lam = eigenvector_priorities(a)
    assert w.shape == (2, 3, 4, 6)
    assert lam.shape == (2, 3, 4)
    for index in np.ndindex(2, 3, 4):
        w1, lam1 = eigenvector_priorities(a[index])
        np.testing.assert_allclose(w1, w[index], atol=1e-14)
        assert lam1 == pytest.approx(lam[index], rel=1e-13)
        np.testing.assert_allclose(geometric_priorities(a[index]), geometric_priorities(a)[index])
        np.testing.assert_allclose(column_priorities(a[index]), column_priorities(a)[index])


def test_single_matrix_returns_scalar_eigenvalue():
    w, lam = eigenvector_priorities([[1, 2], [0.5, 1]])
    assert w.shape == (2,)
    assert lam.shape == ()
    assert float(lam) == pytest.approx(2.0)
    np.testing.assert_allclose(w, [2 / 3, 1 / 3])


def test_one_item_and_empty_stack():
    w, lam = eigenvector_priorities(np.ones((5, 1, 1)))
    np.testing.assert_array_equal(w, np.ones((5, 1)))
    np.testing.assert_array_equal(lam, np.ones(5))
    w, lam = eigenvector_priorities(np.ones((0, 3, 3)))
    assert w.shape == (0, 3)
    assert lam.shape == (0,)


@pytest.mark.parametrize("method", ["eigenvector", "geometric", "column"])
def test_consistent_matrix_gives_its_weights(method):
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    a = weights[:, None] / weights[None, :]
    w, lam = priorities(a, method)
    np.testing.assert_allclose(w, weights, atol=1e-13)
    assert float(lam) == pytest.approx(4.0, abs=1e-12)


def test_hand_computed_3x3():
    # a = [[1, 2, 6], [1/2, 1, 4], [1/6, 1/4, 1]]: row products 12, 2, 1/24
    a = np.array([[1, 2, 6], [1 / 2, 1, 4], [1 / 6, 1 / 4, 1]])
    g = np.array([12, 2, 1 / 24]) ** (1 / 3)
    np.testing.assert_allclose(geometric_priorities(a), g / g.sum())
    # column sums 5/3, 13/4, 11 -> normalised columns, then row means
    col = np.array(
        [[3 / 5, 8 / 13, 6 / 11], [3 / 10, 4 / 13, 4 / 11], [1 / 10, 1 / 13, 1 / 11]]
    ).mean(axis=1)
    np.testing.assert_allclose(column_priorities(a), col)
    # for n = 3 the eigenvector and the geometric mean coincide (Crawford and Williams 1985)
    np.testing.assert_allclose(eigenvector_priorities(a)[0], g / g.sum(), atol=1e-12)


def test_geometric_minimises_log_least_squares():
    rng = np.random.default_rng(3)
    a = random_reciprocal(rng, 1, 5)[0]
    w = geometric_priorities(a)

    def loss(v):
        return ((np.log(a) - np.log(v)[:, None] + np.log(v)[None, :]) ** 2).sum()

    best = loss(w)
    for _ in range(200):
        assert loss(w * np.exp(rng.normal(0, 0.05, 5))) >= best - 1e-12


def test_perron_eigenvalue():
    assert float(perron_eigenvalue([[1, 9], [1 / 9, 1]])) == pytest.approx(2.0)


def test_priorities_unknown_method():
    with pytest.raises(UnknownMethodError, match=r"method must be one of .*; got 'power'"):
        priorities(np.eye(2), "power")


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=10),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    spread=st.floats(min_value=0.0, max_value=1.5),
)
def test_perron_pair_property(n, seed, spread):
    # near-consistent to very inconsistent matrices: A w = lambda w, lambda >= n
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.1, 1, n)
    a = base[:, None] / base[None, :] * np.exp(rng.normal(0, spread, (n, n)))
    a = np.sqrt(a / a.T)
    w, lam = eigenvector_priorities(a)
    np.testing.assert_allclose(a @ w, lam * w, rtol=1e-9, atol=1e-14)
    assert lam >= n - 1e-9
    assert (w > 0).all()


def test_non_finite_matrices_give_nan_not_an_error():
    rng = np.random.default_rng(5)
    a = random_reciprocal(rng, 4, 3)
    a[1, 0, 2] = np.nan
    w, lam = eigenvector_priorities(a)
    assert np.isnan(w[1]).all()
    assert np.isnan(lam[1])
    assert np.isfinite(w[[0, 2, 3]]).all()
    w1, lam1 = eigenvector_priorities(a[1])
    assert np.isnan(w1).all()
    assert np.isnan(lam1)


def test_eigenvector_agrees_with_pymcdm_ahp():
    # another library: pymcdm.weights.subjective.AHP (principal eigenvector via numpy.linalg.eig)
    pymcdm_subjective = pytest.importorskip("pymcdm.weights.subjective")
    from coopdecide.ahp import ahp

    rng = np.random.default_rng(21)
    for n in range(3, 11):
        a = random_reciprocal(rng, 1, n)[0]
        theirs = pymcdm_subjective.AHP(matrix=a)
        result = ahp(a, warn=False)
        np.testing.assert_allclose(result.weight_array, theirs(), atol=1e-10)
        # pymcdm's CR uses its own RI table (Tummala and Ling 1998): compare the CI behind it
        their_ci = theirs.get_cr() * pymcdm_subjective.AHP.RI_M[n - 1]
        assert result.ci == pytest.approx(their_ci, rel=1e-9)
