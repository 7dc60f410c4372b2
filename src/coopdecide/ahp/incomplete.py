"""Incomplete pairwise comparisons: connectivity and completion.

Three completions are offered, each unique when the known judgments connect all
items (Bozoki, Fulop and Ronyai 2010; Harker 1987):

``"lambda_max"``
    Fill the missing pairs with the values that minimise the principal
    eigenvalue of the completed matrix (the least inconsistent completion in
    Saaty's sense). With ``a_ij = exp(x_ij)`` the objective is a convex function
    of ``x``; it is minimised by BFGS with the analytic gradient
    ``d lambda / d x_ij = (a_ij v_i w_j - a_ji v_j w_i) / (v . w)`` (``v``, ``w``
    the left and right Perron vectors), started from the LLSM completion.

``"llsm"``
    The logarithmic least squares solution of the known judgments:
    ``min sum_{(i,j) known} (log a_ij - y_i + y_j)^2``, i.e. the Laplacian
    system ``L y = r`` of the graph of known pairs with
    ``r_i = sum_{j known} log a_ij``, ``w = exp(y)`` (Kwiesielewicz 1996;
    Bozoki, Fulop and Ronyai 2010). Missing pairs are filled with
    ``w_i / w_j``; the row geometric mean of that completed matrix is ``w``.

``"harker"``
    Harker's (1987) eigenvector of the incomplete matrix: ``C`` has the known
    judgments off the diagonal, 0 for the missing ones and ``1 + m_i`` on the
    diagonal (``m_i`` the number of missing judgments in row ``i``); ``w`` is
    its Perron vector. Missing pairs are filled with ``w_i / w_j``: the
    completed matrix ``A`` then has ``(A w)_i = sum_known a_ij w_j + m_i w_i =
    (C w)_i``, so its principal eigenvector is Harker's ``w`` and its
    ``lambda_max`` is ``C``'s. It differs from the ``"lambda_max"``
    completion in general (whose ``lambda_max`` is the smallest possible).

References
----------
Bozoki, S., Fulop, J., Ronyai, L. (2010). On optimal completion of incomplete
pairwise comparison matrices. Mathematical and Computer Modelling
52(1-2):318-333, doi:10.1016/j.mcm.2010.02.047.

Harker, P.T. (1987). Incomplete pairwise comparisons in the analytic hierarchy
process. Mathematical Modelling 9(11):837-848.

Kwiesielewicz, M. (1996). The logarithmic least squares and the generalized
pseudoinverse in estimating ratios. European Journal of Operational Research
93(3):611-619.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import numpy as np
import pandas as pd

from coopdecide._validation import check_option, format_labels
from coopdecide.ahp.comparison import PairwiseComparison
from coopdecide.ahp.priorities import eigenvector_priorities
from coopdecide.exceptions import DisconnectedComparisonError, InvalidTypeError

__all__ = [
    "COMPLETERS",
    "COMPLETION_METHODS",
    "complete",
    "completed_pairs",
    "connected_groups",
    "harker_matrix",
    "llsm_weights",
]

#: The completion methods of :func:`complete`.
COMPLETION_METHODS = ("lambda_max", "llsm", "harker")


def connected_groups(comparison: PairwiseComparison) -> list[list[Hashable]]:
    """The groups of items connected through known judgments (one group if connected).

    Examples
    --------
    >>> pc = PairwiseComparison.from_judgments(["a", "b", "c", "d"], {("a", "b"): 2, ("c", "d"): 3})
    >>> connected_groups(pc)
    [['a', 'b'], ['c', 'd']]
    """
    comparison = _as_comparison(comparison)
    return _connected_groups(~np.isnan(comparison.matrix), comparison.labels)


def _connected_groups(known: np.ndarray, labels: pd.Index) -> list[list[Hashable]]:
    """The groups of ``labels`` connected through the True pairs of the mask ``known``."""
    from scipy.sparse import csr_matrix  # imported here: scipy.sparse is slow to import
    from scipy.sparse.csgraph import connected_components

    count, membership = connected_components(csr_matrix(known), directed=False)
    return [list(labels[membership == k]) for k in range(count)]


def _check_connected(comparison: PairwiseComparison) -> None:
    if comparison.is_complete:
        return
    groups = connected_groups(comparison)
    if len(groups) > 1:
        shown = " | ".join(f"[{format_labels(group)}]" for group in groups[:6])
        more = f" ... ({len(groups) - 6} more groups)" if len(groups) > 6 else ""
        raise DisconnectedComparisonError(
            f"comparison is incomplete and its known judgments do not connect all items; "
            f"they form {len(groups)} separate groups: {shown}{more}. Add a judgment "
            "between items of different groups"
        )


def _llsm_log_weights(log_matrices: np.ndarray) -> np.ndarray:
    """Centred log-weights of the LLSM solution of connected incomplete matrices.

    ``log_matrices`` holds the logarithms of one matrix ``(n, n)`` or of a stack
    ``(s, n, n)`` sharing one pattern of gaps (NaN for unjudged pairs). The
    solution solves ``L y = r``, ``L`` the Laplacian of the graph of judged
    pairs and ``r_i = sum_j log a_ij`` over judged pairs (Bozoki, Fulop and
    Ronyai 2010): one factorisation serves the whole stack.
    """
    stack = np.asarray(log_matrices, dtype=float)
    single = stack.ndim == 2
    if single:
        stack = stack[None]
    known = ~np.isnan(stack[0])
    np.fill_diagonal(known, False)
    laplacian = np.diag(known.sum(axis=1).astype(float)) - known
    rhs = np.where(known, stack, 0.0).sum(axis=2)  # (s, n)
    # L is singular (constant vector); L + J is not for a connected graph and its
    # solution has zero sum because rhs sums to zero by reciprocity.
    y = np.linalg.solve(laplacian + 1.0, rhs.T).T
    y = y - y.mean(axis=1, keepdims=True)
    return y[0] if single else y


def llsm_weights(comparison: PairwiseComparison) -> pd.Series:
    """Logarithmic least squares priorities of a (possibly incomplete) comparison.

    For a complete matrix these are the row geometric means.

    Raises
    ------
    DisconnectedComparisonError
        The known judgments do not connect all items.

    Examples
    --------
    >>> pc = PairwiseComparison.from_judgments(["a", "b", "c"], {("a", "b"): 2, ("b", "c"): 2})
    >>> llsm_weights(pc).round(4).tolist()
    [0.5714, 0.2857, 0.1429]
    """
    comparison = _as_comparison(comparison)
    _check_connected(comparison)
    w = np.exp(_llsm_log_weights(np.log(comparison.matrix)))
    return pd.Series(w / w.sum(), index=comparison.labels, name="weight")


def _complete_llsm(matrix: np.ndarray) -> np.ndarray:
    y = _llsm_log_weights(np.log(matrix))
    ratio = np.exp(y[:, None] - y[None, :])
    return np.where(np.isnan(matrix), ratio, matrix)


def harker_matrix(matrix: np.ndarray) -> np.ndarray:
    """Harker's (1987) matrix of an incomplete comparison (NaN for missing pairs).

    Missing entries become 0, and the diagonal ``1 + m_i`` with ``m_i`` the
    number of missing judgments in row ``i``.

    Examples
    --------
    >>> harker_matrix(np.array([[1, 2, np.nan], [0.5, 1, 3], [np.nan, 1 / 3, 1]]))[0].tolist()
    [2.0, 2.0, 0.0]
    """
    missing = np.isnan(matrix)
    out = np.where(missing, 0.0, matrix)
    np.fill_diagonal(out, 1.0 + missing.sum(axis=1))
    return out


def _complete_harker(matrix: np.ndarray) -> np.ndarray:
    w, _ = eigenvector_priorities(harker_matrix(matrix))
    return np.where(np.isnan(matrix), w[:, None] / w[None, :], matrix)


def _complete_lambda_max(matrix: np.ndarray, *, gtol: float = 1e-11) -> np.ndarray:
    from scipy.optimize import minimize  # imported here: scipy.optimize is slow to import

    start = _complete_llsm(matrix)
    rows, cols = np.nonzero(np.triu(np.isnan(matrix), k=1))
    x0 = np.log(start[rows, cols])
    work = np.array(start)

    def fill(x: np.ndarray) -> np.ndarray:
        values = np.exp(x)
        work[rows, cols] = values
        work[cols, rows] = 1.0 / values
        return work

    def objective(x: np.ndarray) -> tuple[float, np.ndarray]:
        a = fill(x)
        right, lam = eigenvector_priorities(a)
        left, _ = eigenvector_priorities(a.T)
        scale = float(left @ right)
        grad = a[rows, cols] * left[rows] * right[cols] - a[cols, rows] * left[cols] * right[rows]
        return float(lam), grad / scale

    result = minimize(objective, x0, jac=True, method="BFGS", options={"gtol": gtol})
    return np.array(fill(result.x))


def complete(comparison: Any, method: str = "lambda_max") -> PairwiseComparison:
    """Fill the missing pairs of an incomplete comparison.

    Parameters
    ----------
    comparison : PairwiseComparison, array-like or DataFrame
        The comparison; missing pairs are ``NaN``. A complete one is returned
        unchanged.
    method : {"lambda_max", "llsm", "harker"}, default "lambda_max"
        ``"lambda_max"``: the completion that minimises the principal
        eigenvalue (Bozoki, Fulop and Ronyai 2010); ``"llsm"``: the ratios of
        the logarithmic least squares priorities (Kwiesielewicz 1996);
        ``"harker"``: the ratios of Harker's (1987) eigenvector. See the
        module documentation.

    Returns
    -------
    PairwiseComparison
        The completed comparison, same labels; the known judgments unchanged.

    Raises
    ------
    DisconnectedComparisonError
        The known judgments do not connect all items (the groups are named).

    Examples
    --------
    >>> pc = PairwiseComparison.from_judgments(["a", "b", "c"], {("a", "b"): 2, ("b", "c"): 3})
    >>> round(float(complete(pc).matrix[0, 2]), 6)
    6.0
    """
    comparison = _as_comparison(comparison)
    check_option("method", method, COMPLETION_METHODS)
    if comparison.is_complete:
        return comparison
    _check_connected(comparison)
    matrix = comparison.matrix
    return PairwiseComparison._from_validated(COMPLETERS[method](matrix), comparison.labels)


#: Completion method -> the function filling a matrix's NaN pairs.
COMPLETERS = {
    "lambda_max": _complete_lambda_max,
    "llsm": _complete_llsm,
    "harker": _complete_harker,
}


def completed_pairs(comparison: PairwiseComparison, completed: PairwiseComparison) -> pd.DataFrame:
    """The pairs filled by a completion: columns ``row``, ``column``, ``value``."""
    rows, cols = np.nonzero(np.triu(np.isnan(comparison.matrix), k=1))
    labels = comparison.labels
    return pd.DataFrame(
        {
            "row": labels[rows].to_numpy(dtype=object),
            "column": labels[cols].to_numpy(dtype=object),
            "value": completed.matrix[rows, cols],
        }
    )


def _as_comparison(comparison: Any) -> PairwiseComparison:
    if isinstance(comparison, PairwiseComparison):
        return comparison
    if comparison is None or isinstance(comparison, (str, bytes, dict)):
        raise InvalidTypeError(
            "comparison must be a PairwiseComparison, a square array or a DataFrame; "
            f"got {type(comparison).__name__}"
        )
    return PairwiseComparison(comparison)
