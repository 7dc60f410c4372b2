"""Batched numerical kernels for AHP priorities.

Every function takes a stack of complete, positive, reciprocal matrices of
shape ``(..., n, n)`` and works on the whole stack at once (no Python loop
over matrices), so a sensitivity analysis can perturb judgments thousands of
times and call them once. They do not validate their input: the labelled
wrapper :func:`coopdecide.ahp.ahp` does. A single ``(n, n)`` matrix is a stack
with no leading axes.

All weights are normalised to sum 1 along the last axis.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from coopdecide._validation import check_option

__all__ = [
    "PRIORITY_METHODS",
    "column_priorities",
    "eigenvector_priorities",
    "geometric_priorities",
    "perron_eigenvalue",
    "priorities",
]

#: The priority methods known to :func:`priorities`.
PRIORITY_METHODS = ("eigenvector", "geometric", "column")

_SQUARINGS = 5  # A**32 before the power iteration: the start is already converged for most A


def eigenvector_priorities(
    matrices: npt.ArrayLike, *, tol: float = 1e-13, max_iter: int = 500
) -> tuple[np.ndarray, np.ndarray]:
    """Principal right eigenvector and principal eigenvalue (Saaty's method).

    The Perron vector of each positive matrix is found by repeated squaring
    (``A**32``, rescaled at each step) followed by the power iteration until
    the weights change by less than ``tol``; any matrix that has not converged
    after ``max_iter`` iterations is solved with :func:`numpy.linalg.eig`.

    Parameters
    ----------
    matrices : array-like, shape (..., n, n)
        Positive reciprocal matrices (complete: no NaN).
    tol : float, default 1e-13
        Convergence tolerance on the largest change of a weight.
    max_iter : int, default 500
        Power iterations before falling back to a dense eigen-solver.

    Returns
    -------
    weights : numpy.ndarray, shape (..., n)
        Principal right eigenvectors normalised to sum 1 (NaN for a matrix
        with a NaN or infinite entry: the kernels do not validate).
    lambda_max : numpy.ndarray, shape (...)
        Principal (Perron) eigenvalues; ``n`` exactly for consistent matrices.

    References
    ----------
    Saaty, T.L. (1977). A scaling method for priorities in hierarchical
    structures. Journal of Mathematical Psychology 15(3):234-281.

    Examples
    --------
    >>> w, lam = eigenvector_priorities([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]])
    >>> w.round(4).tolist(), round(float(lam), 10)
    ([0.5714, 0.2857, 0.1429], 3.0)
    >>> stack = np.stack([np.eye(2) + [[0, 3], [0, 0]] + [[0, 0], [1 / 3, 0]]] * 5)
    >>> eigenvector_priorities(stack)[0].shape
    (5, 2)
    """
    a = np.asarray(matrices, dtype=float)
    n = a.shape[-1]
    lead = a.shape[:-2]
    flat = a.reshape(-1, n, n)
    m = flat.shape[0]
    if n == 1 or m == 0:
        return np.ones((*lead, n)) / max(n, 1), np.full(lead, float(n))
    if m == 1:
        w1, lam1 = _single_perron(flat[0], tol, max_iter)
        return w1.reshape(*lead, n), np.asarray(lam1).reshape(lead)
    power = flat / flat.max(axis=(1, 2), keepdims=True)
    for _ in range(_SQUARINGS):
        power = power @ power
        power /= power.max(axis=(1, 2), keepdims=True)
    w = power.sum(axis=2)
    w /= w.sum(axis=1, keepdims=True)

    weights = np.empty((m, n))
    lam = np.empty(m)
    active = np.arange(m)
    sub = flat
    for _ in range(max_iter):
        aw = np.matmul(sub, w[:, :, None])[:, :, 0]
        total = aw.sum(axis=1)
        new = aw / total[:, None]
        done = np.abs(new - w).max(axis=1) <= tol
        w = new
        if done.all():
            weights[active] = w
            lam[active] = total
            active = active[:0]
            break
        if done.any():
            weights[active[done]] = w[done]
            lam[active[done]] = total[done]
            keep = ~done
            active, sub, w = active[keep], sub[keep], w[keep]
    if active.size:
        finite = np.isfinite(flat[active]).all(axis=(1, 2))
        weights[active[~finite]] = np.nan
        lam[active[~finite]] = np.nan
        active = active[finite]
    if active.size:  # pragma: no cover - not reached for AHP-scale matrices
        values, vectors = np.linalg.eig(flat[active])
        pick = np.argmax(values.real, axis=1)
        rows = np.arange(active.size)
        vec = np.abs(vectors[rows, :, pick].real)
        weights[active] = vec / vec.sum(axis=1, keepdims=True)
        lam[active] = values[rows, pick].real
    return weights.reshape(*lead, n), lam.reshape(lead)


def _single_perron(a: np.ndarray, tol: float, max_iter: int) -> tuple[np.ndarray, float]:
    """The same algorithm for one matrix, without the batch bookkeeping."""
    power = a / a[0, 0]
    for _ in range(_SQUARINGS):
        power = power @ power
        power /= power[0, 0]
    w = power.sum(axis=1)
    w /= w.sum()
    for _ in range(max_iter):
        aw = a @ w
        total = aw.sum()
        new = aw / total
        if np.abs(new - w).max() <= tol:
            return new, float(total)
        w = new
    if not np.isfinite(a).all():
        return np.full(a.shape[0], np.nan), np.nan
    values, vectors = np.linalg.eig(a)  # pragma: no cover - not reached for AHP matrices
    pick = int(np.argmax(values.real))  # pragma: no cover
    vec = np.abs(vectors[:, pick].real)  # pragma: no cover
    return vec / vec.sum(), float(values[pick].real)  # pragma: no cover


def perron_eigenvalue(matrices: npt.ArrayLike) -> np.ndarray:
    """The principal eigenvalue ``lambda_max`` of each matrix, shape ``(...)``.

    Examples
    --------
    >>> round(float(perron_eigenvalue([[1, 9], [1 / 9, 1]])), 12)
    2.0
    """
    return eigenvector_priorities(matrices)[1]


def geometric_priorities(matrices: npt.ArrayLike) -> np.ndarray:
    """Row geometric means, normalised (RGMM, the logarithmic least squares solution).

    ``w_i`` is proportional to ``(prod_j a_ij)**(1/n)``, which minimises
    ``sum_ij (log a_ij - log w_i + log w_j)**2`` (Crawford and Williams 1985).

    References
    ----------
    Crawford, G., Williams, C. (1985). A note on the analysis of subjective
    judgment matrices. Journal of Mathematical Psychology 29(4):387-405.

    Examples
    --------
    >>> geometric_priorities([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]).round(4).tolist()
    [0.5714, 0.2857, 0.1429]
    """
    a = np.asarray(matrices, dtype=float)
    g = np.log(a).mean(axis=-1)
    g -= g.max(axis=-1, keepdims=True)
    w = np.exp(g)
    return w / w.sum(axis=-1, keepdims=True)


def column_priorities(matrices: npt.ArrayLike) -> np.ndarray:
    """Saaty's approximate method: normalise each column to sum 1, average the rows.

    Examples
    --------
    >>> column_priorities([[1, 3], [1 / 3, 1]]).tolist()
    [0.75, 0.25]
    """
    a = np.asarray(matrices, dtype=float)
    normalised = a / a.sum(axis=-2, keepdims=True)
    w = normalised.mean(axis=-1)
    return w / w.sum(axis=-1, keepdims=True)


def priorities(
    matrices: npt.ArrayLike, method: str = "eigenvector"
) -> tuple[np.ndarray, np.ndarray]:
    """Weights by ``method`` and the principal eigenvalue, for a stack of matrices.

    ``lambda_max`` is always the principal eigenvalue of the matrix (a
    property of the matrix, not of the priority method), so CI and CR do not
    depend on ``method``.

    Parameters
    ----------
    matrices : array-like, shape (..., n, n)
        Complete positive reciprocal matrices.
    method : {"eigenvector", "geometric", "column"}
        The priority method.

    Returns
    -------
    weights : numpy.ndarray, shape (..., n)
    lambda_max : numpy.ndarray, shape (...)

    Examples
    --------
    >>> w, lam = priorities([[1, 3], [1 / 3, 1]], "geometric")
    >>> w.round(6).tolist(), round(float(lam), 12)
    ([0.75, 0.25], 2.0)
    """
    check_option("method", method, PRIORITY_METHODS)
    a = np.asarray(matrices, dtype=float)
    w, lam = eigenvector_priorities(a)
    if method == "geometric":
        w = geometric_priorities(a)
    elif method == "column":
        w = column_priorities(a)
    return w, lam
